//! One session in two students' files: the same session id, or the same keystroke log
//! under another id (a copy with the names and ids changed). Each session is looked up
//! by its id and by a hash of its log, so a class of any size costs one pass; nothing
//! is compared pair by pair.

use crate::record::{Keystroke, Op};
use sha2::{Digest, Sha256};
use std::collections::HashMap;

/// A log with fewer inputs than this is too short to tell a copy from a coincidence
/// (two students leaving after the same first 字 at the same first moment).
pub const MIN_LOG_INPUTS: usize = 10;

/// Where a session was first seen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seen {
    /// The student's group and the file, as the collection numbers them.
    pub group: usize,
    pub source: usize,
    /// The session's number in the collection.
    pub serial: usize,
    /// `id (pack/drill, date)`.
    pub label: String,
}

/// What a session met.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Met {
    /// Nothing: a new session.
    New,
    /// The same session of the same student again (another export of it): counted once.
    Again,
    /// The same id for the same student with another log: two records of one session.
    Changed(Seen),
    /// The same id in another student's file, or the same log under another id.
    Copy(Seen),
}

#[derive(Debug, Default)]
pub struct Copies {
    ids: HashMap<String, (Seen, Option<[u8; 32]>)>,
    logs: HashMap<[u8; 32], Seen>,
}

impl Copies {
    /// Look up session `id` with log `digest` (see [`log_digest`]), seen as `here`;
    /// a new id is remembered.
    pub fn meet(&mut self, id: &str, digest: Option<[u8; 32]>, here: Seen) -> Met {
        if let Some((first, first_digest)) = self.ids.get(id) {
            return if first.group != here.group {
                Met::Copy(first.clone())
            } else if *first_digest == digest {
                Met::Again
            } else {
                Met::Changed(first.clone())
            };
        }
        self.ids.insert(id.to_owned(), (here.clone(), digest));
        let Some(d) = digest else {
            return Met::New;
        };
        match self.logs.get(&d) {
            Some(first) => Met::Copy(first.clone()),
            None => {
                self.logs.insert(d, here);
                Met::New
            }
        }
    }
}

/// A hash of what a log says happened, from its first event on (times counted from
/// it), or `None` for a log with fewer than [`MIN_LOG_INPUTS`] inputs.
pub fn log_digest(log: &[Keystroke]) -> Option<[u8; 32]> {
    let inputs = log
        .iter()
        .filter(|k| matches!(k.op, Op::Input { .. }))
        .count();
    if inputs < MIN_LOG_INPUTS {
        return None;
    }
    let t0 = log.first().map_or(0, |k| k.t_us);
    let mut h = Sha256::new();
    for k in log {
        h.update(k.t_us.wrapping_sub(t0).to_le_bytes());
        let (tag, text, n): (u8, &str, u64) = match &k.op {
            Op::Input { text, ok } => (u8::from(*ok), text, 0),
            Op::Backspace => (2, "", 0),
            Op::PasteRejected { len } => (3, "", *len as u64),
            Op::Show { index } => (4, "", *index as u64),
            Op::Select { code } => (5, code, 0),
            Op::NextSlot => (6, "", 0),
            Op::Card { field } => (7, field, 0),
            Op::Send => (8, "", 0),
            Op::Abandon => (9, "", 0),
            Op::Cursor { at } => (10, "", *at as u64),
            Op::Close => (11, "", 0),
            Op::Buyer { conversation, turn } => (12, "", pair(*conversation, *turn)),
            Op::Nudge { conversation } => (13, "", *conversation as u64),
            Op::Gone { conversation } => (14, "", *conversation as u64),
            Op::Focus { conversation } => (15, "", *conversation as u64),
            Op::End => (16, "", 0),
            Op::Transfer { conversation, text } => (17, text, *conversation as u64),
            Op::Paid { conversation } => (18, "", *conversation as u64),
            Op::Note { conversation, text } => (19, text, *conversation as u64),
        };
        h.update([tag]);
        h.update((text.len() as u64).to_le_bytes());
        h.update(text.as_bytes());
        h.update(n.to_le_bytes());
    }
    Some(h.finalize().into())
}

/// Two small numbers as one.
fn pair(a: usize, b: usize) -> u64 {
    ((a as u64) << 32) ^ b as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn log(shift: u64, text: &str) -> Vec<Keystroke> {
        text.chars()
            .enumerate()
            .map(|(i, c)| Keystroke {
                t_us: shift + i as u64 * 310_000,
                op: Op::Input {
                    text: c.to_string(),
                    ok: true,
                },
            })
            .collect()
    }

    fn seen(group: usize, serial: usize) -> Seen {
        Seen {
            group,
            source: group,
            serial,
            label: format!("s{serial}"),
        }
    }

    #[test]
    fn ids_and_logs_are_met_once_each() {
        let text = "亲，您好！请问有什么可以帮您？";
        let a = log_digest(&log(0, text));
        assert!(a.is_some());
        // Times counted from the first event; another text is another log.
        assert_eq!(a, log_digest(&log(5_000, text)));
        assert_ne!(a, log_digest(&log(0, "亲，您好！请问有什么可以帮你？")));
        assert_eq!(log_digest(&log(0, "亲在吗")), None);

        let mut c = Copies::default();
        assert_eq!(c.meet("s1", a, seen(0, 1)), Met::New);
        // The same export read twice, or two weeks' exports holding it.
        assert_eq!(c.meet("s1", a, seen(0, 2)), Met::Again);
        // The same id under another student (a copy with only the names changed).
        assert_eq!(c.meet("s1", a, seen(1, 3)), Met::Copy(seen(0, 1)));
        // The same log under a new id (names and ids changed).
        assert_eq!(c.meet("s9", a, seen(2, 4)), Met::Copy(seen(0, 1)));
        // One session, two different records of it.
        let b = log_digest(&log(0, "亲，您好！请问有什么可以帮你？"));
        assert_eq!(c.meet("s1", b, seen(0, 5)), Met::Changed(seen(0, 1)));
    }
}
