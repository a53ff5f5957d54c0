//! The keys behind one logged op: which unlogged keys (a closing Esc, a cursor move)
//! may have come before it, and the batch that logs exactly it.

use crate::record::{Keystroke, Op};
use crate::reply::quickreply::{QuickReplySession, ReplyBatch, ReplyKey};

/// Longest refused paste rebuilt (graphemes); a longer one is not replayed.
const MAX_PASTE: usize = 1 << 20;

/// Unlogged keys tried before a logged op.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Guess {
    /// Esc closing the phrase list or the card picker.
    pub(super) esc: bool,
    /// Home then → this many times.
    pub(super) cursor: Option<usize>,
}

/// The guesses worth trying before `op`, plainest first.
pub(super) fn guesses(s: &QuickReplySession, op: &Op) -> Vec<Guess> {
    let plain = Guess {
        esc: false,
        cursor: None,
    };
    let open = s.phrase_list().is_some() || s.card_picker().is_some();
    let mut out = vec![plain];
    if open {
        out.push(Guess {
            esc: true,
            cursor: None,
        });
    }
    let moves = matches!(
        op,
        Op::Input { .. } | Op::Backspace | Op::NextSlot | Op::Card { .. }
    );
    if !moves || s.open_turn().is_none() {
        return out;
    }
    // Esc closes the phrase list with nothing typed yet, but the picker over a reply.
    // Short moves first: a student steps back a few graphemes to mend a slip.
    let c = s.composer();
    let (len, at) = (c.pieces().len(), c.cursor());
    let mut moves: Vec<usize> = (0..=len)
        .filter(|&k| k != at || c.selected().is_some() || open)
        .collect();
    moves.sort_by_key(|&k| (k.abs_diff(at), k > at));
    out.extend(moves.into_iter().map(|k| Guess {
        esc: open,
        cursor: Some(k),
    }));
    out
}

/// Apply `guess` and then the batch for `logged`; true when exactly `logged` was logged.
pub(super) fn replays(s: &mut QuickReplySession, guess: Guess, logged: &Keystroke) -> bool {
    let t = logged.t_us;
    let before = s.log().len();
    if guess.esc {
        s.apply(t, &ReplyBatch::Keys(vec![ReplyKey::Esc]));
    }
    if let Some(k) = guess.cursor {
        let mut keys = vec![ReplyKey::Home];
        keys.extend(std::iter::repeat_n(ReplyKey::Right, k));
        s.apply(t, &ReplyBatch::Keys(keys));
    }
    // Today's trainer logs these moves; the older logs guessed here never had them.
    let guessed = &s.log()[before..];
    if !guessed
        .iter()
        .all(|k| matches!(k.op, Op::Cursor { .. } | Op::Close))
    {
        return false;
    }
    s.forget_since(before);
    let batch = match &logged.op {
        Op::Show { .. } => {
            if !s.next_message(t) {
                return false;
            }
            None
        }
        Op::Input { text, .. } => {
            if text.is_empty() || text.contains(['\n', '\r']) {
                return false;
            }
            Some(ReplyBatch::Keys(text.chars().map(ReplyKey::Char).collect()))
        }
        Op::Backspace => Some(ReplyBatch::Keys(vec![ReplyKey::Backspace])),
        Op::PasteRejected { len } => {
            if *len == 0 || *len > MAX_PASTE {
                return false;
            }
            // Any paste with a line break is refused, counted in graphemes.
            Some(ReplyBatch::Paste(format!("{}\n", "x".repeat(len - 1))))
        }
        Op::Select { code } => {
            let Some((_, matches, chosen)) = s.phrase_list() else {
                return false;
            };
            let Some(i) = matches.iter().position(|t| &t.code == code) else {
                return false;
            };
            let steps = (i + matches.len() - chosen) % matches.len();
            let mut keys = vec![ReplyKey::Down; steps];
            keys.push(ReplyKey::Enter);
            Some(ReplyBatch::Keys(keys))
        }
        Op::NextSlot => Some(ReplyBatch::Keys(vec![ReplyKey::Tab])),
        Op::Card { field } => {
            if s.card_picker().is_some() {
                return false;
            }
            let Some(i) = s
                .scenario()
                .and_then(|sc| sc.card.iter().position(|(f, _)| f == field))
            else {
                return false;
            };
            let mut keys = vec![ReplyKey::Card];
            keys.extend(std::iter::repeat_n(ReplyKey::Down, i));
            keys.push(ReplyKey::Enter);
            Some(ReplyBatch::Keys(keys))
        }
        Op::Send => Some(ReplyBatch::Keys(vec![ReplyKey::Enter])),
        Op::Abandon => Some(ReplyBatch::Keys(vec![ReplyKey::Esc])),
        // Opening the card picker is not logged; closing it is.
        Op::Close if s.phrase_list().is_none() && s.card_picker().is_none() => {
            Some(ReplyBatch::Keys(vec![ReplyKey::Card, ReplyKey::Esc]))
        }
        Op::Close => Some(ReplyBatch::Keys(vec![ReplyKey::Esc])),
        Op::Cursor { at } => {
            let at = *at;
            let len = s.composer().pieces().len();
            if at > len {
                return false;
            }
            // From where it stands, to `at`: the keys that log exactly one move there.
            let here = s.composer().cursor();
            let keys = if at == 0 {
                vec![ReplyKey::Home]
            } else if at == len {
                vec![ReplyKey::End]
            } else if at + 1 == here {
                vec![ReplyKey::Left]
            } else if at == here + 1 {
                vec![ReplyKey::Right]
            } else {
                return false;
            };
            Some(ReplyBatch::Keys(keys))
        }
        // A shift's events: no quick-reply session makes them.
        Op::Buyer { .. }
        | Op::Nudge { .. }
        | Op::Gone { .. }
        | Op::Focus { .. }
        | Op::End
        | Op::Transfer { .. }
        | Op::Paid { .. }
        | Op::Note { .. } => {
            return false;
        }
    };
    if let Some(batch) = batch {
        s.apply(t, &batch);
    }
    s.log().len() == before + 1 && s.log().last() == Some(logged)
}
