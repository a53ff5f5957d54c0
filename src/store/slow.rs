//! Slow characters over the history: the store keeps only latency sums per grapheme,
//! and a median is taken from single-grapheme commits, so it is recomputed from the
//! newest typing sessions' keystroke logs (the log is the truth), a bounded number so
//! the stats stay quick however long the history grows.

use super::{Store, db_error};
use crate::Result;
use crate::figures::Figures;
use crate::record::SessionRecord;
use crate::stats::weak::{SlowChar, slowest};

/// How many of the newest text and phrases sessions the slow characters cover.
pub const SLOW_SESSIONS: usize = 300;

impl Store {
    /// The slowest characters over the newest [`SLOW_SESSIONS`] text and phrases
    /// sessions typed through an input method (no mode), slowest median first. A record
    /// that does not read is skipped (it cannot be recomputed, and stats are not a check).
    pub fn slow_chars(&self) -> Result<Vec<SlowChar>> {
        let err = |e: rusqlite::Error| db_error(&self.path, e);
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT record FROM scoped
                  WHERE kind IN ('text', 'phrases') AND mode IS NULL
                  ORDER BY started_us DESC, seq DESC LIMIT ?1",
            )
            .map_err(err)?;
        let limit = i64::try_from(SLOW_SESSIONS).unwrap_or(i64::MAX);
        let figures: Vec<_> = stmt
            .query_map([limit], |r| r.get::<_, String>(0))
            .map_err(err)?
            .filter_map(|row| row.ok())
            .filter_map(|json| serde_json::from_str::<SessionRecord>(&json).ok())
            .map(|r| Figures::of(&r))
            .collect();
        Ok(slowest(figures.iter().flat_map(super::chars::figures)))
    }
}

#[cfg(test)]
mod tests {
    use crate::paths::DataDir;
    use crate::record::{Keystroke, Op, SessionRecord};

    /// A text session typing `commits` (ms, text), each right.
    fn typed(id: &str, target: &str, commits: &[(u64, &str)]) -> SessionRecord {
        let keystrokes = commits
            .iter()
            .flat_map(|(ms, text)| {
                text.chars().map(move |c| Keystroke {
                    t_us: ms * 1000,
                    op: Op::Input {
                        text: c.to_string(),
                        ok: true,
                    },
                })
            })
            .collect();
        let json = serde_json::json!({
            "id": id, "student": {"name": null, "id": null},
            "pack": "p", "pack_version": "1", "pack_hash": "00",
            "drill": "d", "drill_title": "d", "kind": "text", "mode": null,
            "started_at": "2026-11-25T09:30:00+08:00", "completed": true, "duration_ms": 0,
            "cpm": 0.0, "net_cpm": 0.0, "wpm": 0.0, "kpm": 0.0, "accuracy": 100.0,
            "consistency": 100.0, "backspaces": 0, "corrections": 0, "errors": 0,
            "halfwidth": 0, "passed": null, "time_limit": null, "strict": false,
            "pass": null, "target": target, "typed": target, "keystrokes": [],
        });
        let mut r: SessionRecord = serde_json::from_value(json).expect("record");
        r.keystrokes = keystrokes;
        r
    }

    #[test]
    fn slow_characters_come_from_single_commits_of_typing_sessions() {
        let dir = tempfile::TempDir::new().expect("tempdir");
        let data = DataDir::new(dir.path().to_path_buf());
        let mut store = super::Store::open(&data).expect("store");
        // 在 alone five times, 0.8 s each over two sessions; 好的 always in one commit
        // of 1.6 s (no samples), 亲 alone at 0.3 s, 4 times only.
        store
            .save(&typed(
                "a",
                "亲在好的亲在好的亲在",
                &[
                    (0, "亲"),
                    (800, "在"),
                    (2_400, "好的"),
                    (2_700, "亲"),
                    (3_500, "在"),
                    (5_100, "好的"),
                    (5_400, "亲"),
                    (6_200, "在"),
                ],
            ))
            .expect("saved");
        store
            .save(&typed(
                "b",
                "亲在亲在",
                &[(0, "亲"), (800, "在"), (1_100, "亲"), (1_900, "在")],
            ))
            .expect("saved");
        let mut pinyin = typed("c", "在在在在在在", &[]);
        pinyin.mode = Some(crate::record::Mode::Pinyin);
        store.save(&pinyin).expect("saved");
        let slow = store.slow_chars().expect("slow");
        let shown: Vec<(&str, u32, f64)> = slow
            .iter()
            .map(|c| (c.grapheme.as_str(), c.samples, c.median_ms))
            .collect();
        assert_eq!(shown, [("在", 5, 800.0)]);
    }
}
