//! Pinyin practice in the history: its syllable figures are recomputed from the newest
//! sessions' records (the keystroke log is the truth), a bounded number so the stats
//! screen stays quick however long the history grows.

use super::{Store, db_error};
use crate::Result;
use crate::pinyin::{PinyinWeak, of_record};
use crate::record::SessionRecord;

/// How many of the newest pinyin sessions the weak syllables cover.
pub const PINYIN_SESSIONS: usize = 200;

impl Store {
    /// Weak syllables over the newest [`PINYIN_SESSIONS`] pinyin sessions; a record that
    /// does not read is skipped (it cannot be recomputed, and stats are not a check).
    pub fn pinyin_weak(&self) -> Result<PinyinWeak> {
        let err = |e: rusqlite::Error| db_error(&self.path, e);
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT record FROM scoped WHERE mode = 'pinyin'
                  ORDER BY started_us DESC, seq DESC LIMIT ?1",
            )
            .map_err(err)?;
        let limit = i64::try_from(PINYIN_SESSIONS).unwrap_or(i64::MAX);
        let figures: Vec<_> = stmt
            .query_map([limit], |r| r.get::<_, String>(0))
            .map_err(err)?
            .filter_map(|row| row.ok())
            .filter_map(|json| serde_json::from_str::<SessionRecord>(&json).ok())
            .filter_map(|r| of_record(&r))
            .collect();
        Ok(PinyinWeak::gather(
            figures.iter().map(|f| f.syllables.as_slice()),
        ))
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::{Batch, Key, Rules};
    use crate::paths::DataDir;
    use crate::pinyin::PinyinDrill;
    use crate::record::{SessionRecord, Student};

    fn pinyin_record(id: &str, letters: &str) -> SessionRecord {
        let segments = vec!["是十四".to_string()];
        let (mut p, mut t) = PinyinDrill::start(&segments, Rules::default());
        for (i, c) in letters.chars().enumerate() {
            let key = if c == '<' {
                Key::Backspace
            } else {
                Key::Char(c)
            };
            p.apply(&mut t, i as u64 * 100_000, &Batch::Keys(vec![key]));
        }
        let pack = crate::testing::pack_with(
            crate::pack::DrillBody::Text {
                text: segments[0].clone(),
            },
            None,
        );
        let at = chrono::DateTime::parse_from_rfc3339("2026-11-25T09:30:00+08:00").expect("time");
        let mut r = crate::engine::record::typing_record(
            &pack,
            &pack.drills[0],
            &t.summary(),
            t.log(),
            Student::default(),
            at,
        );
        r.id = id.into();
        p.mark(&mut r);
        r
    }

    #[test]
    fn weak_syllables_come_from_pinyin_sessions_only() {
        let dir = tempfile::TempDir::new().expect("tempdir");
        let data = DataDir::new(dir.path().to_path_buf());
        let mut store = super::Store::open(&data).expect("opens");
        // 是十四 shi shi si: the second shi missed each time (x then Backspace).
        for id in ["a", "b"] {
            let r = pinyin_record(id, "shishx<isi");
            store.insert(&r).expect("saves");
        }
        let w = store.pinyin_weak().expect("reads");
        assert_eq!(w.sessions, 2);
        let shi = w
            .syllables
            .iter()
            .find(|s| s.syllable == "shi")
            .expect("shi");
        assert_eq!((shi.typed, shi.missed), (4, 2));
        let sh = w.groups.iter().find(|g| g.group == "sh").expect("sh");
        assert_eq!((sh.typed, sh.missed), (4, 2));
        let s = w.groups.iter().find(|g| g.group == "s").expect("s");
        assert_eq!((s.typed, s.missed), (2, 0));
        assert_eq!(
            w.most_missed().first().map(|s| s.syllable.as_str()),
            Some("shi")
        );
    }
}
