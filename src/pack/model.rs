//! The drill pack as the rest of kuaida sees it: validated, normalised, never raw TOML.
//! build.rs compiles this file too and embeds the built-in packs serialised with serde.

use crate::reply::template::Segment;

/// A pack of drills and quick-reply templates (format 1).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Pack {
    pub id: String,
    pub title: String,
    pub version: String,
    pub author: Option<String>,
    pub description: Option<String>,
    pub tags: Vec<String>,
    pub templates: Vec<Template>,
    pub drills: Vec<Drill>,
    /// sha256 (lower-case hex) of the pack's text after decoding (UTF-8, LF line ends, no BOM).
    pub hash: String,
    pub source: PackSource,
}

/// Where a pack came from.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum PackSource {
    /// Embedded in the binary from `drills/NAME.toml`.
    Builtin { file: String },
    /// Installed into the data dir's `packs/`.
    Installed { path: std::path::PathBuf },
    /// A file given on the command line, not installed.
    File { path: std::path::PathBuf },
    /// Made by kuaida for this student (weak-character practice); no file behind it.
    Generated,
}

/// A quick-reply template (快捷短语): typed as `/code`, expanded into `text`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Template {
    pub code: String,
    pub group: String,
    pub text: String,
    /// `text` parsed once at load into literals and `{placeholders}`.
    pub segments: Vec<Segment>,
}

impl Template {
    /// The placeholder names in order of first appearance, each once.
    pub fn placeholders(&self) -> Vec<&str> {
        let mut names: Vec<&str> = Vec::new();
        for seg in &self.segments {
            if let Segment::Slot(name) = seg
                && !names.contains(&name.as_str())
            {
                names.push(name);
            }
        }
        names
    }
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Drill {
    pub id: String,
    pub title: String,
    /// One line shown on home.
    pub description: Option<String>,
    pub tags: Vec<String>,
    /// Seconds; the drill ends when they run out.
    pub time_limit: Option<u32>,
    /// Backspace disabled.
    pub strict: bool,
    pub pass: Option<Pass>,
    pub body: DrillBody,
}

impl Drill {
    /// A drill with no tags, time limit, strict mode or pass criteria.
    pub fn plain(id: &str, title: String, body: DrillBody) -> Drill {
        Drill {
            id: id.to_owned(),
            title,
            description: None,
            tags: Vec::new(),
            time_limit: None,
            strict: false,
            pass: None,
            body,
        }
    }

    pub fn kind(&self) -> DrillKind {
        self.body.kind()
    }

    /// A drill with a time limit or pass criteria shows its rules before it starts.
    pub fn shows_rules(&self) -> bool {
        self.time_limit.is_some() || self.pass.is_some()
    }
}

/// Pass criteria: both must hold.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Pass {
    pub cpm: f64,
    pub accuracy: f64,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum DrillBody {
    /// Type `text` as shown; Enter where it has a line break.
    Text { text: String },
    /// Short phrases one after another.
    Phrases {
        phrases: Vec<String>,
        order: PhraseOrder,
        /// Phrases per round; `None` means all.
        count: Option<usize>,
    },
    /// Answer customer messages with templates.
    QuickReply {
        scenarios: Vec<Scenario>,
        target_seconds: u32,
    },
    /// The reply (or situation) is shown; type its code.
    Recall {
        group: Option<String>,
        count: Option<usize>,
    },
    /// The code is shown; type the reply from memory.
    Recite {
        group: Option<String>,
        count: Option<usize>,
    },
}

impl DrillBody {
    pub fn kind(&self) -> DrillKind {
        match self {
            DrillBody::Text { .. } => DrillKind::Text,
            DrillBody::Phrases { .. } => DrillKind::Phrases,
            DrillBody::QuickReply { .. } => DrillKind::QuickReply,
            DrillBody::Recall { .. } => DrillKind::Recall,
            DrillBody::Recite { .. } => DrillKind::Recite,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DrillKind {
    Text,
    Phrases,
    QuickReply,
    Recall,
    Recite,
}

impl DrillKind {
    pub const ALL: [DrillKind; 5] = [
        DrillKind::Text,
        DrillKind::Phrases,
        DrillKind::QuickReply,
        DrillKind::Recall,
        DrillKind::Recite,
    ];

    /// The name used in pack files and results records.
    pub fn as_str(self) -> &'static str {
        match self {
            DrillKind::Text => "text",
            DrillKind::Phrases => "phrases",
            DrillKind::QuickReply => "quickreply",
            DrillKind::Recall => "recall",
            DrillKind::Recite => "recite",
        }
    }

    pub fn parse(s: &str) -> Option<DrillKind> {
        DrillKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum PhraseOrder {
    #[default]
    Shuffle,
    Fixed,
}

/// One customer turn of a quick-reply drill.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Scenario {
    /// The customer's message; several when the buyer sends two or three in a row
    /// (`customer = "…"` or `customer = ["…", "…"]`).
    pub customer: Vec<String>,
    /// Acceptable template codes.
    pub expect: Vec<String>,
    /// The value each placeholder must get, in file order.
    pub slots: Vec<(String, String)>,
    /// Order card fields shown beside the chat, in file order; insertable with Ctrl-O.
    pub card: Vec<(String, String)>,
    /// Product or order notes shown beside the chat.
    pub context: Option<String>,
}

impl Pack {
    pub fn drill(&self, id: &str) -> Option<&Drill> {
        self.drills.iter().find(|d| d.id == id)
    }

    pub fn template(&self, code: &str) -> Option<&Template> {
        self.templates.iter().find(|t| t.code == code)
    }

    pub fn is_builtin(&self) -> bool {
        matches!(self.source, PackSource::Builtin { .. })
    }
}
