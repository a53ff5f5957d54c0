//! The commented starter pack `kuaida pack new` writes.

/// The starter pack's text (LF line ends): one drill of each kind, Chinese comments on every key.
pub const STARTER_PACK: &str = include_str!("starter.toml");

/// The starter text with the platform's line ends (CRLF on Windows, for old Notepad).
pub fn starter_text() -> String {
    if cfg!(windows) {
        STARTER_PACK.replace('\n', "\r\n")
    } else {
        STARTER_PACK.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pack::{DrillKind, PackSource, load_text};

    #[test]
    fn starter_passes_check_with_every_kind() {
        let pack = load_text(
            STARTER_PACK,
            "starter.toml",
            PackSource::File {
                path: "starter.toml".into(),
            },
        )
        .unwrap_or_else(|p| panic!("{p:?}"));
        for kind in DrillKind::ALL {
            assert!(
                pack.drills.iter().any(|d| d.kind() == kind),
                "no {} drill",
                kind.as_str()
            );
        }
        assert!(pack.templates.iter().any(|t| !t.placeholders().is_empty()));
        assert!(STARTER_PACK.contains("# 题包编号"));
    }
}
