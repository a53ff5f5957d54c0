//! One error type for the library; the top level prints it as one line and picks the
//! exit code (1: the input was judged and found wrong; 2: usage or I/O).

use std::path::PathBuf;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The command was used wrongly: unknown pack, drill, setting…
    #[error("{0}")]
    Usage(String),
    /// A file could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The input was checked and found wrong (invalid pack, failed verification).
    /// The details have already been printed.
    #[error("{0}")]
    Invalid(String),
    /// The history database cannot be used: `message` is the one line to show (it names
    /// the file); `source` is what SQLite or the JSON reader said, for a caller to tell a
    /// locked database from a full disk without reading the words.
    #[error("{message}")]
    Store {
        message: String,
        #[source]
        source: Option<Box<dyn std::error::Error + Send + Sync>>,
    },
}

impl Error {
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Invalid(_) => 1,
            Error::Usage(_) | Error::Io { .. } | Error::Store { .. } => 2,
        }
    }

    /// The history cannot be used, for a reason of kuaida's own.
    pub fn store(message: impl Into<String>) -> Error {
        Error::Store {
            message: message.into(),
            source: None,
        }
    }

    /// The history cannot be used because of `source`.
    pub fn store_because(
        message: impl Into<String>,
        source: impl std::error::Error + Send + Sync + 'static,
    ) -> Error {
        Error::Store {
            message: message.into(),
            source: Some(Box::new(source)),
        }
    }

    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}
