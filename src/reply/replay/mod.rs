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

use super::quickreply::{Origin, QuickReplySession};
use crate::cost::Meter;
use crate::pack::{Drill, Pack};
use crate::record::{Keystroke, Op};
use unicode_segmentation::UnicodeSegmentation;

mod keys;
use keys::{Guess, guesses, replays};

/// Steps a replay may take looking for the unlogged keys before it gives up (see
/// [`crate::cost`]): each way tried is charged what it costs — the session copied
/// (its log, reply, turns, templates and scenarios), the keys replayed, the reply
/// compared with the one recorded (a longest-common-subsequence table: typed ×
/// recorded graphemes) and the state remembered — not one unit a try.
pub const BUDGET: u64 = crate::cost::PER_SESSION;

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
    /// The steps given ran out (a record made to cost more than its size).
    OverCost,
    /// The drill is not a quick-reply drill.
    NotQuickReply,
}

/// Replay `log` through a fresh session of `drill`; `None` when it does not replay
/// (or is not a quick-reply drill, or too ambiguous to decide).
pub fn replay(pack: &Pack, drill: &Drill, log: &[Keystroke]) -> Option<QuickReplySession> {
    match replay_towards(pack, drill, log, &Steer::default()) {
        Outcome::Replayed(s) => Some(*s),
        _ => None,
    }
}

/// What the record claims, to choose among the ways the unlogged keys could have gone.
#[derive(Debug, Clone, Default)]
pub struct Steer<'a> {
    /// The reply each ended message (in order) ended with; messages past its end are
    /// not steered.
    pub replies: Vec<&'a str>,
    /// Hand-typed graphemes marked right and still in the replies sent, over the whole
    /// session (what cpm counts): a ← and a Backspace can take back one of two
    /// graphemes that read the same, and only this tells which.
    pub kept_ok: Option<u32>,
    /// Graphemes typed by hand over the session (what accuracy counts): with the
    /// phrase list closed by Esc (unlogged) a character may have been typed by hand or
    /// into the list's filter, and a reply left open does not tell which.
    pub hand_typed: Option<u32>,
}

/// What one way through a message counts: graphemes kept, graphemes typed by hand.
type Counts = (u32, u32);

/// One message's events `[from, to)` and the reply it must end with.
struct Span<'a> {
    from: usize,
    to: usize,
    guide: Option<Vec<&'a str>>,
}

/// Like [`replay`], steered by what the record claims (see [`Steer`]), within
/// [`BUDGET`] steps.
pub fn replay_towards(pack: &Pack, drill: &Drill, log: &[Keystroke], steer: &Steer) -> Outcome {
    replay_metered(pack, drill, log, steer, &mut Meter::new(BUDGET))
}

/// [`replay_towards`] charging `meter`; [`Outcome::OverCost`] when it runs out.
pub fn replay_metered(
    pack: &Pack,
    drill: &Drill,
    log: &[Keystroke],
    steer: &Steer,
    meter: &mut Meter,
) -> Outcome {
    let Some(start) = QuickReplySession::for_drill(pack, drill) else {
        return Outcome::NotQuickReply;
    };
    let guides: u64 = steer.replies.iter().map(|r| r.len() as u64).sum();
    if !meter.charge(log.len() as u64 + guides) {
        return Outcome::OverCost;
    }
    let spans = spans(log, &steer.replies);
    let budget = meter;
    // First the plainest way through each message.
    let mut session = start.clone();
    let mut starts = Vec::new();
    let mut counts: Vec<Counts> = Vec::new();
    for span in &spans {
        starts.push(session.clone());
        match Search::new(session, log, span).next(log, span, budget) {
            Ok(Some((s, c))) => {
                session = s;
                counts.push(c);
            }
            Ok(None) => return Outcome::Stuck { at: span.from },
            Err(outcome) => return outcome,
        }
    }
    let total = counts.iter().fold((0u32, 0u32), |(k, h), c| {
        (k.saturating_add(c.0), h.saturating_add(c.1))
    });
    let want = (steer.kept_ok, steer.hand_typed);
    if want.0.is_none_or(|w| w == total.0) && want.1.is_none_or(|w| w == total.1) {
        return Outcome::Replayed(Box::new(session));
    }
    // The record counts otherwise: look for the ways each message could have gone that
    // count differently, and a choice that adds up.
    let mut options: Vec<Vec<Counts>> = Vec::new();
    // Each message gets its share of what is left; one that runs out keeps the ways
    // found so far, and the answer is then "undecided" rather than "differs".
    let mut partial = false;
    for (i, (span, first)) in spans.iter().zip(&starts).enumerate() {
        let mut share = budget.share(budget.left() / (spans.len() - i) as u64);
        let mut search = Search::new(first.clone(), log, span);
        let mut found: Vec<Counts> = Vec::new();
        loop {
            match search.next(log, span, &mut share) {
                Ok(Some((_, k))) => {
                    if !found.contains(&k) {
                        found.push(k);
                    }
                }
                Ok(None) => break,
                Err(_) => {
                    partial = true;
                    break;
                }
            }
        }
        budget.settle(&share);
        options.push(found);
    }
    let Some(choice) = choose(&options, want, budget) else {
        if partial {
            return Outcome::Undecided;
        }
        // No way adds up: the plainest replay stands, and its figures will differ.
        return Outcome::Replayed(Box::new(session));
    };
    let mut session = start;
    for (span, wanted) in spans.iter().zip(choice) {
        let mut search = Search::new(session, log, span);
        loop {
            match search.next(log, span, budget) {
                Ok(Some((s, k))) if k == wanted => {
                    session = s;
                    break;
                }
                Ok(Some(_)) => {}
                Ok(None) => return Outcome::Undecided,
                Err(outcome) => return outcome,
            }
        }
    }
    Outcome::Replayed(Box::new(session))
}

/// The log cut into messages: each `show` through its `send` or `abandon` (or up to
/// the next `show`, or the log's end).
fn spans<'a>(log: &[Keystroke], replies: &[&'a str]) -> Vec<Span<'a>> {
    let (mut out, mut at, mut ended) = (Vec::new(), 0, 0);
    while at < log.len() {
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
            replies.get(ended).map(|r| r.graphemes(true).collect())
        } else {
            None
        };
        out.push(Span {
            from: at,
            to: end,
            guide,
        });
        ended += usize::from(closes);
        at = end;
    }
    out
}

/// One way per message from `options` whose counts add up to `want` (either part
/// `None`: any); `None` too when `meter` runs out.
fn choose(
    options: &[Vec<Counts>],
    want: (Option<u32>, Option<u32>),
    meter: &mut Meter,
) -> Option<Vec<Counts>> {
    use std::collections::BTreeMap;
    let fits = |sum: u32, want: Option<u32>| want.is_none_or(|w| sum <= w);
    // reach[i]: sums reachable with the first i messages, each with the last way taken.
    let mut reach: Vec<BTreeMap<Counts, Counts>> = vec![[((0, 0), (0, 0))].into()];
    for found in options {
        let mut next = BTreeMap::new();
        let pairs = reach.last()?.len() as u64 * found.len() as u64;
        if !meter.charge(pairs.saturating_add(1)) {
            return None;
        }
        for &(k, h) in reach.last()?.keys() {
            for &c in found {
                let sum = (k.checked_add(c.0)?, h.checked_add(c.1)?);
                if fits(sum.0, want.0) && fits(sum.1, want.1) && next.len() < 4096 {
                    next.entry(sum).or_insert(c);
                }
            }
        }
        reach.push(next);
    }
    let end = *reach
        .last()?
        .keys()
        .find(|&&(k, h)| want.0.is_none_or(|w| w == k) && want.1.is_none_or(|w| w == h))?;
    let mut choice = vec![(0, 0); options.len()];
    let mut sum = end;
    for i in (0..options.len()).rev() {
        let c = *reach[i + 1].get(&sum)?;
        choice[i] = c;
        sum = (sum.0 - c.0, sum.1 - c.1);
    }
    Some(choice)
}

struct Frame {
    session: QuickReplySession,
    at: usize,
    guesses: Vec<Guess>,
    next: usize,
    /// Hand-typed graphemes marked right in the reply when it was sent.
    kept: u32,
    /// Graphemes typed by hand in this message so far.
    hand: u32,
}

/// The ways through one message's events, depth first, plainest guess first.
struct Search {
    stack: Vec<Frame>,
    furthest: usize,
    /// Backspaces still to come from each event on.
    backspaces: Vec<usize>,
    /// States already reached (after which event, how): another way to the same one
    /// goes on the same, so it is not searched again.
    seen: std::collections::HashSet<(usize, String)>,
}

impl Search {
    fn new(start: QuickReplySession, log: &[Keystroke], span: &Span) -> Search {
        let (from, to) = (span.from, span.to);
        let mut backspaces = vec![0; to - from + 1];
        for i in (from..to).rev() {
            backspaces[i - from] =
                backspaces[i - from + 1] + usize::from(log[i].op == Op::Backspace);
        }
        Search {
            seen: Default::default(),
            stack: vec![Frame {
                session: start,
                at: from,
                guesses: Vec::new(),
                next: 0,
                kept: 0,
                hand: 0,
            }],
            furthest: from,
            backspaces,
        }
    }

    /// The next way through: the session after the message and the graphemes it kept;
    /// `Ok(None)` when there is no other; `Err` when stuck with none found at all, or out
    /// of budget.
    fn next(
        &mut self,
        log: &[Keystroke],
        span: &Span,
        budget: &mut Meter,
    ) -> Result<Option<(QuickReplySession, Counts)>, Outcome> {
        let (from, to) = (span.from, span.to);
        let guide = span.guide.as_deref();
        while let Some(top) = self.stack.last_mut() {
            if top.at == to {
                let compare = top.session.turns().last().map_or(0, |t| t.reply.len())
                    + guide.map_or(0, <[&str]>::len);
                if !budget.charge(1 + compare as u64) {
                    return Err(Outcome::OverCost);
                }
                let reply_ok = guide.is_none_or(|g| {
                    top.session
                        .turns()
                        .last()
                        .is_some_and(|t| t.reply.graphemes(true).eq(g.iter().copied()))
                });
                let done = self.stack.pop();
                if reply_ok && let Some(f) = done {
                    self.furthest = usize::MAX;
                    return Ok(Some((f.session, (f.kept, f.hand))));
                }
                continue;
            }
            if top.guesses.is_empty() {
                if !budget.charge(1 + top.session.composer().pieces().len() as u64) {
                    return Err(Outcome::OverCost);
                }
                top.guesses = guesses(&top.session, &log[top.at].op);
            }
            let Some(&guess) = top.guesses.get(top.next) else {
                self.stack.pop();
                continue;
            };
            top.next += 1;
            // The copy, the keys replayed (each may walk the reply) and the state kept.
            let pieces = top.session.composer().pieces().len() as u64;
            let keys = 2 + guess.cursor.unwrap_or(0) as u64 + op_len(&log[top.at].op);
            let cost = weight(&top.session)
                .saturating_add(keys.saturating_mul(pieces + 1))
                .saturating_add(pieces);
            if !budget.charge(cost) {
                return Err(Outcome::OverCost);
            }
            let mut session = top.session.clone();
            let at = top.at;
            let kept = if log[at].op == Op::Send {
                kept_ok(&session)
            } else {
                top.kept
            };
            let left = self.backspaces[at + 1 - from];
            let mut hopeful = |s: &QuickReplySession| {
                if at + 1 == to {
                    return Ok(true);
                }
                match guide {
                    None => Ok(true),
                    Some(g) => can_still_become(s, g, left, budget).ok_or(Outcome::OverCost),
                }
            };
            if replays(&mut session, guess, &log[at]) && hopeful(&session)? {
                if self.furthest != usize::MAX {
                    self.furthest = self.furthest.max(at + 1);
                }
                // An input that leaves no phrase list open was typed by hand.
                let by_hand =
                    matches!(log[at].op, Op::Input { .. }) && session.phrase_list().is_none();
                let hand = top.hand + u32::from(by_hand);
                let key = state_key(&session, kept, hand);
                // After the last event the composer is empty whatever the reply was,
                // so only states within the message are merged.
                if at + 1 == to || self.seen.insert((at + 1, key)) {
                    self.stack.push(Frame {
                        session,
                        at: at + 1,
                        guesses: Vec::new(),
                        next: 0,
                        kept,
                        hand,
                    });
                }
            }
        }
        if self.furthest == usize::MAX {
            return Ok(None);
        }
        Err(Outcome::Stuck {
            at: self.furthest.min(to.saturating_sub(1)),
        })
    }
}

/// What decides how a message goes on from here: the reply being written, the phrase
/// list's filter, whether the card picker is open, and the counts so far. (The rows
/// chosen in the list and picker do not: `select` and `card` name what was chosen.)
fn state_key(s: &QuickReplySession, kept: u32, hand: u32) -> String {
    format!(
        "{:?}|{:?}|{}|{kept}|{hand}",
        s.composer(),
        s.phrase_list().map(|(filter, _, _)| filter),
        s.card_picker().is_some(),
    )
}

/// Hand-typed graphemes marked right in the open reply (what a send keeps for cpm).
fn kept_ok(s: &QuickReplySession) -> u32 {
    s.composer()
        .pieces()
        .iter()
        .filter(|p| p.origin == Origin::Hand { ok: true })
        .count() as u32
}

/// What copying `s` touches: its log, reply, turns, templates and scenarios.
fn weight(s: &QuickReplySession) -> u64 {
    let turns: usize = s.turns().iter().map(|t| 1 + t.reply.len() / 16).sum();
    (1 + s.log().len()
        + s.composer().pieces().len()
        + turns
        + s.templates().len()
        + s.scenarios().len()) as u64
}

/// The keys a logged op replays.
fn op_len(op: &Op) -> u64 {
    match op {
        Op::Input { text, .. } => text.chars().count() as u64,
        Op::Select { .. } | Op::Card { .. } => 8,
        _ => 1,
    }
}

/// Whether the open reply can still end as `goal` with `backspaces` more Backspaces.
/// Graphemes outside a placeholder never move relative to each other and go only by
/// Backspace, one each: all but that many of them must stand in `goal`, in order.
/// `None` when `meter` cannot pay for the comparison (typed × `goal` graphemes).
fn can_still_become(
    s: &QuickReplySession,
    goal: &[&str],
    backspaces: usize,
    meter: &mut Meter,
) -> Option<bool> {
    let c = s.composer();
    if s.open_turn().is_none() {
        return Some(true);
    }
    let fixed: Vec<&str> = c
        .pieces()
        .iter()
        .enumerate()
        .filter(|(i, _)| c.placeholder_at(*i).is_none())
        .map(|(_, p)| p.text.as_str())
        .collect();
    if fixed.len() <= backspaces {
        return Some(true);
    }
    let table = (fixed.len() as u64).saturating_mul(goal.len() as u64 + 1);
    if !meter.charge(table) {
        return None;
    }
    Some(common_subsequence(&fixed, goal) + backspaces >= fixed.len())
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

#[cfg(test)]
mod tests;
