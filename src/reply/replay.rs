//! A quick-reply log replayed, pure: each logged op turned back into the batch the chat
//! screen would have passed to [`QuickReplySession::apply`], so `verify` can recompute
//! a session with the trainer's own code.
//!
//! Some keys leave no trace in the log: Esc closing the phrase list or the card picker,
//! ↑/↓ in them, Ctrl-O, and ←/→/Home/End moving the insertion point. The replay puts
//! them back where the next logged op needs them: ↑/↓ and Ctrl-O are fixed by the op
//! (`select` names the code, `card` the field); a closing Esc and a cursor move are
//! guessed, plainest first, and a guess stands only while every event it replays is
//! logged exactly so (time, op, `ok` mark) and the message ends with the reply given.

use super::session::{QuickReplySession, ReplyBatch, ReplyKey};
use crate::pack::{Drill, Pack};
use crate::record::{Keystroke, Op};
use unicode_segmentation::UnicodeSegmentation;

/// Work a replay may do looking for the unlogged keys (one unit per batch tried, plus
/// one per 64 logged events the trial copies) before it gives up undecided.
pub const BUDGET: usize = 200_000;
/// Longest refused paste rebuilt (graphemes); a longer one is not replayed.
const MAX_PASTE: usize = 1 << 20;

/// How a replay went.
#[derive(Debug, Clone)]
pub enum Outcome {
    /// Every event follows: the session as it ended.
    Replayed(Box<QuickReplySession>),
    /// Event `at` (an index into the log) cannot follow from the ones before it, or
    /// the message it ends cannot end with the reply given.
    Stuck { at: usize },
    /// Too many ways to place the unlogged keys: not decided either way.
    Undecided,
    /// The drill is not a quick-reply drill.
    NotQuickReply,
}

/// Replay `log` through a fresh session of `drill`; `None` when it does not replay
/// (or is not a quick-reply drill, or too ambiguous to decide).
pub fn replay(pack: &Pack, drill: &Drill, log: &[Keystroke]) -> Option<QuickReplySession> {
    match replay_towards(pack, drill, log, &[]) {
        Outcome::Replayed(s) => Some(*s),
        _ => None,
    }
}

/// Like [`replay`], steered by `replies`: the reply each ended message (in order) must
/// end with, which decides where unlogged cursor moves went. Messages past the end of
/// `replies` are not steered.
pub fn replay_towards(pack: &Pack, drill: &Drill, log: &[Keystroke], replies: &[&str]) -> Outcome {
    let Some(mut session) = QuickReplySession::for_drill(pack, drill) else {
        return Outcome::NotQuickReply;
    };
    let mut budget = BUDGET;
    let (mut at, mut ended) = (0, 0);
    while at < log.len() {
        // One message: its `show` through its `send` or `abandon` (or the log's end).
        let end = log[at + 1..]
            .iter()
            .position(|k| matches!(k.op, Op::Send | Op::Abandon | Op::Show { .. }))
            .map_or(log.len(), |i| {
                let j = at + 1 + i;
                if matches!(log[j].op, Op::Show { .. }) {
                    j
                } else {
                    j + 1
                }
            });
        let closes = matches!(log[end - 1].op, Op::Send | Op::Abandon) && end - 1 > at;
        let guide = if closes {
            replies.get(ended).copied()
        } else {
            None
        };
        match message(session, log, at, end, guide, &mut budget) {
            Ok(s) => session = s,
            Err(outcome) => return outcome,
        }
        ended += usize::from(closes);
        at = end;
    }
    Outcome::Replayed(Box::new(session))
}

/// Unlogged keys tried before a logged op.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Guess {
    /// Esc closing the phrase list or the card picker.
    esc: bool,
    /// Home then → this many times.
    cursor: Option<usize>,
}

/// Search the events `[from, to)` of one message depth first, plainest guess first.
fn message(
    start: QuickReplySession,
    log: &[Keystroke],
    from: usize,
    to: usize,
    guide: Option<&str>,
    budget: &mut usize,
) -> Result<QuickReplySession, Outcome> {
    struct Frame {
        session: QuickReplySession,
        at: usize,
        guesses: Vec<Guess>,
        next: usize,
    }
    let mut stack = vec![Frame {
        session: start,
        at: from,
        guesses: Vec::new(),
        next: 0,
    }];
    let mut furthest = from;
    let guide: Option<Vec<&str>> = guide.map(|g| g.graphemes(true).collect());
    // Backspaces still to come from each event on: each takes back one grapheme.
    let mut backspaces = vec![0; to - from + 1];
    for i in (from..to).rev() {
        backspaces[i - from] = backspaces[i - from + 1] + usize::from(log[i].op == Op::Backspace);
    }
    while let Some(top) = stack.last_mut() {
        if top.at == to {
            let reply_ok = guide.as_ref().is_none_or(|g| {
                top.session
                    .turns()
                    .last()
                    .is_some_and(|t| t.reply.graphemes(true).eq(g.iter().copied()))
            });
            if reply_ok {
                return stack.pop().map(|f| f.session).ok_or(Outcome::Undecided);
            }
            stack.pop();
            continue;
        }
        if top.next == 0 && top.guesses.is_empty() {
            top.guesses = guesses(&top.session, &log[top.at].op);
        }
        let Some(&guess) = top.guesses.get(top.next) else {
            stack.pop();
            continue;
        };
        top.next += 1;
        let cost = 1 + top.session.log().len() / 64;
        if *budget < cost {
            return Err(Outcome::Undecided);
        }
        *budget -= cost;
        let mut session = top.session.clone();
        let at = top.at;
        let hopeful = |s: &QuickReplySession| {
            guide
                .as_ref()
                .is_none_or(|g| can_still_become(s, g, backspaces[at + 1 - from]))
        };
        if replays(&mut session, guess, &log[at]) && (at + 1 == to || hopeful(&session)) {
            furthest = furthest.max(at + 1);
            stack.push(Frame {
                session,
                at: at + 1,
                guesses: Vec::new(),
                next: 0,
            });
        }
    }
    Err(Outcome::Stuck {
        at: furthest.min(to.saturating_sub(1)),
    })
}

/// Whether the open reply can still end as `goal` with `backspaces` more Backspaces.
/// Graphemes outside a placeholder never move relative to each other and go only by
/// Backspace, one each: all but that many of them must stand in `goal`, in order.
fn can_still_become(s: &QuickReplySession, goal: &[&str], backspaces: usize) -> bool {
    let c = s.composer();
    if s.open_turn().is_none() {
        return true;
    }
    let fixed: Vec<&str> = c
        .pieces()
        .iter()
        .enumerate()
        .filter(|(i, _)| c.placeholder_at(*i).is_none())
        .map(|(_, p)| p.text.as_str())
        .collect();
    fixed.len() <= backspaces || common_subsequence(&fixed, goal) + backspaces >= fixed.len()
}

/// Length of the longest common subsequence.
fn common_subsequence(a: &[&str], b: &[&str]) -> usize {
    let mut row = vec![0usize; b.len() + 1];
    for x in a {
        let mut diagonal = 0;
        for (j, y) in b.iter().enumerate() {
            let up = row[j + 1];
            row[j + 1] = if x == y { diagonal + 1 } else { up.max(row[j]) };
            diagonal = up;
        }
    }
    row[b.len()]
}

/// The guesses worth trying before `op`, plainest first.
fn guesses(s: &QuickReplySession, op: &Op) -> Vec<Guess> {
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
    let c = s.composer();
    let len = c.pieces().len();
    for k in (0..=len).rev() {
        if k == c.cursor() && c.selected().is_none() && !open {
            continue;
        }
        out.push(Guess {
            esc: open,
            cursor: Some(k),
        });
    }
    out
}

/// Apply `guess` and then the batch for `logged`; true when exactly `logged` was logged.
fn replays(s: &mut QuickReplySession, guess: Guess, logged: &Keystroke) -> bool {
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
    if s.log().len() != before {
        return false;
    }
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
    };
    if let Some(batch) = batch {
        s.apply(t, &batch);
    }
    s.log().len() == before + 1 && s.log().last() == Some(logged)
}
