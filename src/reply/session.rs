//! A quick-reply drill in progress, pure: no terminal, no clock. The app passes every
//! batch with its time in microseconds since the drill started (like the engine) and
//! draws what this state says; the keystroke log and the per-message results follow.
//!
//! The conversation is the drill's scenarios in order. Each message starts with
//! [`QuickReplySession::next_message`] (logged `show`); the student composes a reply —
//! by hand, from the phrase list (`/code`, logged `select`), with Tab between
//! placeholders (`next_slot`) and Ctrl-O card fields (`card`) — and sends it with Enter
//! (`send`, judged by [`super::judge::judge`]) or abandons it with Esc (`abandon`).

use super::judge::{Judgement, judge, normalise};
use crate::engine::MAX_BATCH_GRAPHEMES;
use crate::pack::template::Segment;
use crate::pack::{Drill, DrillBody, Pack, Scenario, Template};
use crate::record::{Keystroke, MessageResult, Op, SessionRecord};
use unicode_segmentation::UnicodeSegmentation;

const US_PER_MINUTE: f64 = 60_000_000.0;

/// One key of a quick-reply drill, in the session's own terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReplyKey {
    Char(char),
    Enter,
    Backspace,
    Tab,
    Esc,
    Left,
    Right,
    Up,
    Down,
    Home,
    End,
    /// Ctrl-O: open (or close) the order-card picker.
    Card,
}

/// What arrived in one read: keys (an input method's commit is one batch) or a
/// bracketed paste. The engine's paste rule applies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReplyBatch {
    Keys(Vec<ReplyKey>),
    Paste(String),
}

/// What a batch did, for the app to act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applied {
    /// Nothing changed (and nothing was logged).
    Ignored,
    /// The composer, the phrase list or the picker changed, or a paste was refused.
    Changed,
    /// Message `index` was sent and judged.
    Sent { index: usize },
    /// Message `index` was abandoned with Esc.
    Abandoned { index: usize },
    /// Enter while no message is open and another is waiting: show it now.
    Next,
    /// Enter once every message is answered: on to the results.
    Done,
    /// Esc while no message is open: the student wants to leave the drill.
    Leave,
}

/// Where a grapheme of the reply came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// Typed by hand; `ok` whether it fit the expected reply when typed.
    Hand { ok: bool },
    /// Inserted from the phrase list.
    Template,
    /// Inserted from the order card.
    Card,
}

/// One grapheme of the reply being written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub text: String,
    pub origin: Origin,
}

/// An inserted placeholder still unfilled: graphemes `[start, end)` of the reply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placeholder {
    pub name: String,
    pub start: usize,
    pub end: usize,
}

/// The reply being written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Composer {
    pieces: Vec<Piece>,
    /// Insertion point, in graphemes.
    cursor: usize,
    placeholders: Vec<Placeholder>,
    /// Index into `placeholders` of the selected one: typing replaces it.
    selected: Option<usize>,
    /// The code of the template last inserted.
    code: Option<String>,
}

impl Composer {
    pub fn pieces(&self) -> &[Piece] {
        &self.pieces
    }

    pub fn cursor(&self) -> usize {
        self.cursor
    }

    pub fn placeholders(&self) -> &[Placeholder] {
        &self.placeholders
    }

    pub fn selected(&self) -> Option<&Placeholder> {
        self.selected.and_then(|i| self.placeholders.get(i))
    }

    pub fn code(&self) -> Option<&str> {
        self.code.as_deref()
    }

    pub fn text(&self) -> String {
        self.pieces.iter().map(|p| p.text.as_str()).collect()
    }

    pub fn is_empty(&self) -> bool {
        self.pieces.is_empty()
    }

    /// The placeholder holding grapheme `i`, if any (for highlighting).
    pub fn placeholder_at(&self, i: usize) -> Option<(usize, &Placeholder)> {
        self.placeholders
            .iter()
            .enumerate()
            .find(|(_, p)| p.start <= i && i < p.end)
    }

    pub fn is_selected(&self, placeholder: usize) -> bool {
        self.selected == Some(placeholder)
    }

    /// Insert graphemes at the insertion point and move it past them. A placeholder cut
    /// in two stops being one; later ones shift.
    fn insert(&mut self, new: Vec<Piece>) {
        let at = self.cursor.min(self.pieces.len());
        let n = new.len();
        self.dissolve_where(|p| p.start < at && at < p.end);
        for p in &mut self.placeholders {
            if p.start >= at {
                p.start += n;
                p.end += n;
            }
        }
        self.pieces.splice(at..at, new);
        self.cursor = at + n;
    }

    /// Remove graphemes `[from, to)`; placeholders touching them stop being ones.
    fn remove(&mut self, from: usize, to: usize) {
        let to = to.min(self.pieces.len());
        if from >= to {
            return;
        }
        self.dissolve_where(|p| p.start < to && from < p.end);
        let n = to - from;
        for p in &mut self.placeholders {
            if p.start >= to {
                p.start -= n;
                p.end -= n;
            }
        }
        self.pieces.drain(from..to);
        if self.cursor >= to {
            self.cursor -= n;
        } else if self.cursor > from {
            self.cursor = from;
        }
    }

    fn dissolve_where(&mut self, gone: impl Fn(&Placeholder) -> bool) {
        let selected = self
            .selected
            .and_then(|i| self.placeholders.get(i))
            .cloned();
        self.placeholders.retain(|p| !gone(p));
        self.selected = selected.and_then(|s| self.placeholders.iter().position(|p| *p == s));
    }

    /// Take out the selected placeholder, leaving the insertion point where it stood.
    fn take_selected(&mut self) -> bool {
        let Some(p) = self.selected().cloned() else {
            return false;
        };
        self.selected = None;
        self.remove(p.start, p.end);
        self.cursor = p.start;
        true
    }

    fn select(&mut self, i: usize) {
        if let Some(p) = self.placeholders.get(i) {
            self.cursor = p.start;
            self.selected = Some(i);
        }
    }

    /// Hand-typed graphemes right before the insertion point, back to the first that
    /// was not typed by hand (at most `max`), oldest first.
    fn hand_run_before_cursor(&self, max: usize) -> String {
        let mut run: Vec<&str> = self.pieces[..self.cursor.min(self.pieces.len())]
            .iter()
            .rev()
            .take_while(|p| matches!(p.origin, Origin::Hand { .. }))
            .take(max)
            .map(|p| p.text.as_str())
            .collect();
        run.reverse();
        run.concat()
    }
}

/// The phrase list opened by `/`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PhraseList {
    pub filter: String,
    pub chosen: usize,
}

/// How one customer message went.
#[derive(Debug, Clone, PartialEq)]
pub struct Turn {
    /// Scenario index.
    pub index: usize,
    pub shown_us: u64,
    /// Position of its `show` in the log.
    show_at: usize,
    /// When it was sent or abandoned.
    pub ended_us: Option<u64>,
    /// The reply as sent (or as left when abandoned).
    pub reply: String,
    pub abandoned: bool,
    pub judgement: Option<Judgement>,
    pub result: Option<MessageResult>,
    /// Hand-typed graphemes that fit when typed and were still in the reply when sent.
    kept_ok: u32,
}

impl Turn {
    pub fn is_open(&self) -> bool {
        self.ended_us.is_none()
    }
}

/// The figures of a quick-reply session (PRODUCT.md "Results record": cpm and accuracy
/// cover the text typed by hand, over the time spent answering).
#[derive(Debug, Clone, PartialEq)]
pub struct ReplySummary {
    /// Every message shown and sent (none abandoned, none left).
    pub completed: bool,
    /// Sum over the messages of show → send or abandon (an open one: to its last event).
    pub answering_us: u64,
    pub cpm: f64,
    pub accuracy: f64,
    /// Logged events other than `show` per minute of answering.
    pub kpm: f64,
    pub hand_typed: u32,
    pub hand_ok: u32,
    pub backspaces: u32,
    pub pastes_rejected: u32,
    pub sent: u32,
    pub abandoned: u32,
    pub right: u32,
    pub template_ok: u32,
    pub slots_ok: u32,
    pub first_response_ms: Option<u64>,
    pub mean_response_ms: Option<u64>,
    /// Sent messages answered within `target_seconds`.
    pub within_target: u32,
    /// Σ (keys_if_typed − keys) over sent messages (negative: more keys than typing).
    pub keys_saved: i64,
    /// Expected replies joined by line breaks.
    pub target: String,
    /// Sent replies joined by line breaks.
    pub typed: String,
    pub messages: Vec<MessageResult>,
}

/// A quick-reply drill in progress.
#[derive(Debug, Clone)]
pub struct QuickReplySession {
    templates: Vec<Template>,
    scenarios: Vec<Scenario>,
    target_seconds: u32,
    turns: Vec<Turn>,
    composer: Composer,
    list: Option<PhraseList>,
    /// The card picker's chosen field, when open.
    picker: Option<usize>,
    log: Vec<Keystroke>,
    hand_typed: u32,
    hand_ok: u32,
}

impl QuickReplySession {
    pub fn new(
        scenarios: Vec<Scenario>,
        templates: Vec<Template>,
        target_seconds: u32,
    ) -> QuickReplySession {
        QuickReplySession {
            templates,
            scenarios,
            target_seconds,
            turns: Vec::new(),
            composer: Composer::default(),
            list: None,
            picker: None,
            log: Vec::new(),
            hand_typed: 0,
            hand_ok: 0,
        }
    }

    /// The session of a `quickreply` drill of `pack`; `None` for other kinds.
    pub fn for_drill(pack: &Pack, drill: &Drill) -> Option<QuickReplySession> {
        match &drill.body {
            DrillBody::QuickReply {
                scenarios,
                target_seconds,
            } => Some(QuickReplySession::new(
                scenarios.clone(),
                pack.templates.clone(),
                *target_seconds,
            )),
            _ => None,
        }
    }

    pub fn templates(&self) -> &[Template] {
        &self.templates
    }

    pub fn scenarios(&self) -> &[Scenario] {
        &self.scenarios
    }

    pub fn target_seconds(&self) -> u32 {
        self.target_seconds
    }

    pub fn turns(&self) -> &[Turn] {
        &self.turns
    }

    pub fn composer(&self) -> &Composer {
        &self.composer
    }

    pub fn log(&self) -> &[Keystroke] {
        &self.log
    }

    /// Whether anything has been logged (the first message was shown).
    pub fn started(&self) -> bool {
        !self.log.is_empty()
    }

    /// The message being answered.
    pub fn open_turn(&self) -> Option<&Turn> {
        self.turns.last().filter(|t| t.is_open())
    }

    /// The scenario on screen: the open message's, else the last one shown.
    pub fn scenario(&self) -> Option<&Scenario> {
        self.turns.last().and_then(|t| self.scenarios.get(t.index))
    }

    /// The last message sent or abandoned (its verdict is shown).
    pub fn last_ended(&self) -> Option<&Turn> {
        self.turns.iter().rev().find(|t| !t.is_open())
    }

    /// No message open and another still to show.
    pub fn is_waiting(&self) -> bool {
        self.open_turn().is_none() && self.turns.len() < self.scenarios.len()
    }

    /// Every message shown and ended.
    pub fn is_finished(&self) -> bool {
        self.open_turn().is_none() && self.turns.len() >= self.scenarios.len()
    }

    /// Microseconds the open message has waited at `now_us`.
    pub fn response_elapsed_us(&self, now_us: u64) -> Option<u64> {
        self.open_turn().map(|t| now_us.saturating_sub(t.shown_us))
    }

    /// Show the next customer message at `t_us` (logged `show`). False when a message
    /// is still open or none is left.
    pub fn next_message(&mut self, t_us: u64) -> bool {
        if !self.is_waiting() {
            return false;
        }
        let index = self.turns.len();
        self.turns.push(Turn {
            index,
            shown_us: t_us,
            show_at: self.log.len(),
            ended_us: None,
            reply: String::new(),
            abandoned: false,
            judgement: None,
            result: None,
            kept_ok: 0,
        });
        self.push(t_us, Op::Show { index });
        self.composer = Composer::default();
        self.list = None;
        self.picker = None;
        true
    }

    /// The phrase list when open: its filter, the templates it shows, the chosen row.
    pub fn phrase_list(&self) -> Option<(&str, Vec<&Template>, usize)> {
        let list = self.list.as_ref()?;
        let matches = self.matches(&list.filter);
        let chosen = list.chosen.min(matches.len().saturating_sub(1));
        Some((&list.filter, matches, chosen))
    }

    /// The card picker when open: the scenario's card fields and the chosen one.
    pub fn card_picker(&self) -> Option<(&[(String, String)], usize)> {
        let chosen = self.picker?;
        let card = &self.scenario()?.card;
        Some((card, chosen.min(card.len().saturating_sub(1))))
    }

    /// Templates for a filter: codes starting with it (an exact match first), then
    /// texts containing it. ASCII case does not matter for codes.
    pub fn matches(&self, filter: &str) -> Vec<&Template> {
        let f = filter.to_ascii_lowercase();
        let mut out: Vec<&Template> = Vec::new();
        out.extend(self.templates.iter().filter(|t| t.code == f));
        out.extend(
            self.templates
                .iter()
                .filter(|t| t.code != f && t.code.starts_with(&f)),
        );
        if !filter.is_empty() {
            let nf = normalise(filter);
            out.extend(
                self.templates
                    .iter()
                    .filter(|t| !t.code.starts_with(&f) && normalise(&t.text).contains(&nf)),
            );
        }
        out
    }

    /// Take one batch read at `t_us`.
    pub fn apply(&mut self, t_us: u64, batch: &ReplyBatch) -> Applied {
        let keys: Vec<ReplyKey> = match batch {
            ReplyBatch::Keys(keys) => keys.clone(),
            ReplyBatch::Paste(text) => text
                .replace("\r\n", "\n")
                .replace('\r', "\n")
                .chars()
                .map(|c| {
                    if c == '\n' {
                        ReplyKey::Enter
                    } else {
                        ReplyKey::Char(c)
                    }
                })
                .collect(),
        };
        if self.open_turn().is_none() {
            return if keys.contains(&ReplyKey::Esc) {
                Applied::Leave
            } else if keys.contains(&ReplyKey::Enter) && self.is_waiting() {
                Applied::Next
            } else if keys.contains(&ReplyKey::Enter) && self.is_finished() && self.started() {
                Applied::Done
            } else {
                Applied::Ignored
            };
        }
        let graphemes = batch_graphemes(&keys);
        let has_enter = keys.contains(&ReplyKey::Enter);
        if graphemes > MAX_BATCH_GRAPHEMES
            || (has_enter && graphemes > 1)
            || (matches!(batch, ReplyBatch::Paste(_)) && has_enter)
        {
            self.push(t_us, Op::PasteRejected { len: graphemes });
            return Applied::Changed;
        }
        let mut outcome = Applied::Ignored;
        let mut run = String::new();
        for key in keys {
            if let ReplyKey::Char(c) = key {
                run.push(c);
                continue;
            }
            if !run.is_empty() {
                outcome = merge(outcome, self.type_text(t_us, &std::mem::take(&mut run)));
            }
            outcome = merge(outcome, self.control(t_us, key));
            if matches!(outcome, Applied::Sent { .. } | Applied::Abandoned { .. }) {
                return outcome;
            }
        }
        if !run.is_empty() {
            outcome = merge(outcome, self.type_text(t_us, &run));
        }
        outcome
    }

    fn type_text(&mut self, t_us: u64, run: &str) -> Applied {
        let mut outcome = Applied::Ignored;
        for g in run.graphemes(true) {
            if self.picker.is_some() {
                continue;
            }
            outcome = Applied::Changed;
            if let Some(list) = &mut self.list {
                if list.filter.is_empty() && g == "/" {
                    // `//` types a slash.
                    self.list = None;
                    self.type_by_hand(t_us, g);
                } else {
                    list.filter.push_str(g);
                    list.chosen = 0;
                    self.push_input(t_us, g, true);
                }
            } else if g == "/" && self.composer.is_empty() {
                self.list = Some(PhraseList::default());
                self.push_input(t_us, g, true);
            } else {
                self.type_by_hand(t_us, g);
            }
        }
        outcome
    }

    /// Type one grapheme into the reply: it replaces the selected placeholder.
    fn type_by_hand(&mut self, t_us: u64, g: &str) {
        self.composer.take_selected();
        let mut run = self.composer.hand_run_before_cursor(1);
        run.push_str(g);
        let ok = self.fits(&run);
        self.composer.insert(vec![Piece {
            text: g.to_string(),
            origin: Origin::Hand { ok },
        }]);
        self.hand_typed += 1;
        self.hand_ok += u32::from(ok);
        self.push_input(t_us, g, ok);
    }

    /// Whether hand-typed text (this grapheme with the one typed before it) stands in an
    /// acceptable reply as it should read.
    fn fits(&self, run: &str) -> bool {
        let Some(scenario) = self.scenario() else {
            return false;
        };
        let run = normalise(run);
        scenario
            .expect
            .iter()
            .filter_map(|code| self.templates.iter().find(|t| &t.code == code))
            .any(|t| normalise(&super::judge::expected_reply(t, scenario)).contains(&run))
    }

    fn control(&mut self, t_us: u64, key: ReplyKey) -> Applied {
        match key {
            ReplyKey::Char(_) => Applied::Ignored,
            ReplyKey::Enter => self.enter(t_us),
            ReplyKey::Esc => {
                if self.picker.take().is_some() || self.list.take().is_some() {
                    Applied::Changed
                } else {
                    self.end_turn(t_us, true)
                }
            }
            ReplyKey::Backspace => self.backspace(t_us),
            ReplyKey::Tab => {
                if self.list.is_some() || self.picker.is_some() {
                    return Applied::Ignored;
                }
                let c = &self.composer;
                let count = c.placeholders.len();
                if count == 0 {
                    return Applied::Ignored;
                }
                let next = match c.selected {
                    Some(i) => (i + 1) % count,
                    None => c
                        .placeholders
                        .iter()
                        .position(|p| p.start >= c.cursor)
                        .unwrap_or(0),
                };
                self.composer.select(next);
                self.push(t_us, Op::NextSlot);
                Applied::Changed
            }
            ReplyKey::Up | ReplyKey::Down => {
                let down = key == ReplyKey::Down;
                if let Some((_, matches, chosen)) = self.phrase_list() {
                    let n = matches.len();
                    if let Some(list) = &mut self.list {
                        list.chosen = step(chosen, n, down);
                    }
                    Applied::Changed
                } else if let Some((card, chosen)) = self.card_picker() {
                    let n = card.len();
                    self.picker = Some(step(chosen, n, down));
                    Applied::Changed
                } else {
                    Applied::Ignored
                }
            }
            ReplyKey::Left | ReplyKey::Right | ReplyKey::Home | ReplyKey::End => {
                if self.list.is_some() || self.picker.is_some() {
                    return Applied::Ignored;
                }
                let c = &mut self.composer;
                c.selected = None;
                c.cursor = match key {
                    ReplyKey::Left => c.cursor.saturating_sub(1),
                    ReplyKey::Right => (c.cursor + 1).min(c.pieces.len()),
                    ReplyKey::Home => 0,
                    _ => c.pieces.len(),
                };
                Applied::Changed
            }
            ReplyKey::Card => {
                if self.list.is_some() {
                    return Applied::Ignored;
                }
                if self.picker.take().is_some() {
                    return Applied::Changed;
                }
                if self.scenario().is_some_and(|s| !s.card.is_empty()) {
                    self.picker = Some(0);
                    Applied::Changed
                } else {
                    Applied::Ignored
                }
            }
        }
    }

    fn enter(&mut self, t_us: u64) -> Applied {
        if let Some((_, matches, chosen)) = self.phrase_list() {
            let Some(template) = matches.get(chosen).map(|t| (*t).clone()) else {
                return Applied::Ignored;
            };
            self.list = None;
            self.insert_template(&template);
            self.push(
                t_us,
                Op::Select {
                    code: template.code,
                },
            );
            return Applied::Changed;
        }
        if let Some((card, chosen)) = self.card_picker() {
            let Some((field, value)) = card.get(chosen).cloned() else {
                return Applied::Ignored;
            };
            self.picker = None;
            self.composer.take_selected();
            self.composer.insert(
                value
                    .graphemes(true)
                    .map(|g| Piece {
                        text: g.to_string(),
                        origin: Origin::Card,
                    })
                    .collect(),
            );
            self.push(t_us, Op::Card { field });
            return Applied::Changed;
        }
        if self.composer.text().trim().is_empty() {
            return Applied::Ignored;
        }
        self.end_turn(t_us, false)
    }

    fn insert_template(&mut self, template: &Template) {
        self.composer.take_selected();
        let at = self.composer.cursor;
        let mut pieces = Vec::new();
        let mut placeholders = Vec::new();
        for seg in &template.segments {
            let (text, slot) = match seg {
                Segment::Literal(l) => (l.clone(), None),
                Segment::Slot(name) => (format!("{{{name}}}"), Some(name)),
            };
            let start = at + pieces.len();
            pieces.extend(text.graphemes(true).map(|g| Piece {
                text: g.to_string(),
                origin: Origin::Template,
            }));
            if let Some(name) = slot {
                placeholders.push(Placeholder {
                    name: name.clone(),
                    start,
                    end: at + pieces.len(),
                });
            }
        }
        self.composer.insert(pieces);
        let first = placeholders.first().cloned();
        self.composer.placeholders.extend(placeholders);
        self.composer.placeholders.sort_by_key(|p| p.start);
        self.composer.code = Some(template.code.clone());
        if let Some(first) = first
            && let Some(i) = self.composer.placeholders.iter().position(|p| *p == first)
        {
            self.composer.select(i);
        }
    }

    fn backspace(&mut self, t_us: u64) -> Applied {
        if self.picker.is_some() {
            return Applied::Ignored;
        }
        if let Some(list) = &mut self.list {
            // Take back a whole grapheme, not a code point.
            let mut graphemes: Vec<&str> = list.filter.graphemes(true).collect();
            if graphemes.pop().is_none() {
                self.list = None;
            } else {
                list.filter = graphemes.concat();
                list.chosen = 0;
            }
            self.push(t_us, Op::Backspace);
            return Applied::Changed;
        }
        if self.composer.take_selected() {
            self.push(t_us, Op::Backspace);
            return Applied::Changed;
        }
        let at = self.composer.cursor;
        if at == 0 {
            return Applied::Ignored;
        }
        self.composer.remove(at - 1, at);
        self.push(t_us, Op::Backspace);
        Applied::Changed
    }

    /// The drill's time limit ran out at `t_us`: the open message, if any, goes
    /// unanswered (logged `abandon` at the limit), so its time counts up to there.
    pub fn time_up(&mut self, t_us: u64) -> bool {
        if self.open_turn().is_none() {
            return false;
        }
        self.end_turn(t_us, true);
        true
    }

    /// Send (judged) or abandon the open message at `t_us`.
    fn end_turn(&mut self, t_us: u64, abandon: bool) -> Applied {
        let Some(turn_i) = self.turns.len().checked_sub(1) else {
            return Applied::Ignored;
        };
        let Some(scenario) = self
            .turns
            .get(turn_i)
            .and_then(|t| self.scenarios.get(t.index))
        else {
            return Applied::Ignored;
        };
        let scenario = scenario.clone();
        self.push(t_us, if abandon { Op::Abandon } else { Op::Send });
        let reply = self.composer.text();
        let judgement = judge(&reply, &scenario, &self.templates);
        let kept_ok = self
            .composer
            .pieces
            .iter()
            .filter(|p| p.origin == Origin::Hand { ok: true })
            .count() as u32;
        let code = self.composer.code.clone();
        let log_len = self.log.len();
        let Some(turn) = self.turns.get_mut(turn_i) else {
            return Applied::Ignored;
        };
        let keys = log_len.saturating_sub(turn.show_at + 1) as u32;
        let sent = !abandon;
        turn.result = Some(MessageResult {
            customer: scenario.customer.join("\n"),
            expect: scenario.expect.clone(),
            code,
            reply: reply.clone(),
            template_ok: sent && judgement.template_ok,
            slots_ok: sent && judgement.slots_ok,
            extra: if sent { judgement.extra.clone() } else { None },
            response_ms: sent.then(|| t_us.saturating_sub(turn.shown_us) / 1000),
            keys,
            keys_if_typed: judgement.expected.graphemes(true).count() as u32 + 1,
        });
        turn.ended_us = Some(t_us);
        turn.reply = reply;
        turn.abandoned = abandon;
        turn.kept_ok = if sent { kept_ok } else { 0 };
        turn.judgement = Some(judgement);
        let index = turn.index;
        self.composer = Composer::default();
        self.list = None;
        self.picker = None;
        if abandon {
            Applied::Abandoned { index }
        } else {
            Applied::Sent { index }
        }
    }

    fn push(&mut self, t_us: u64, op: Op) {
        self.log.push(Keystroke { t_us, op });
    }

    fn push_input(&mut self, t_us: u64, g: &str, ok: bool) {
        self.push(
            t_us,
            Op::Input {
                text: g.to_string(),
                ok,
            },
        );
    }

    /// The session's figures so far (or as it ended).
    pub fn summary(&self) -> ReplySummary {
        let mut answering_us = 0;
        for turn in &self.turns {
            let end = turn.ended_us.unwrap_or_else(|| {
                self.log
                    .last()
                    .map_or(turn.shown_us, |k| k.t_us.max(turn.shown_us))
            });
            answering_us += end.saturating_sub(turn.shown_us);
        }
        let minutes = answering_us as f64 / US_PER_MINUTE;
        let per_minute = |n: f64| if minutes > 0.0 { n / minutes } else { 0.0 };
        let ended: Vec<&Turn> = self.turns.iter().filter(|t| !t.is_open()).collect();
        let sent: Vec<&MessageResult> = ended
            .iter()
            .filter(|t| !t.abandoned)
            .filter_map(|t| t.result.as_ref())
            .collect();
        let responses: Vec<u64> = sent.iter().filter_map(|m| m.response_ms).collect();
        let target_ms = u64::from(self.target_seconds) * 1000;
        let count = |op: fn(&Op) -> bool| self.log.iter().filter(|k| op(&k.op)).count() as u32;
        let kept_ok: u32 = self.turns.iter().map(|t| t.kept_ok).sum();
        let events = self
            .log
            .iter()
            .filter(|k| !matches!(k.op, Op::Show { .. }))
            .count();
        let expected: Vec<String> = ended
            .iter()
            .filter_map(|t| t.judgement.as_ref().map(|j| j.expected.clone()))
            .collect();
        ReplySummary {
            completed: self.is_finished() && ended.iter().all(|t| !t.abandoned),
            answering_us,
            cpm: per_minute(f64::from(kept_ok)),
            accuracy: if self.hand_typed == 0 {
                100.0
            } else {
                100.0 * f64::from(self.hand_ok) / f64::from(self.hand_typed)
            },
            kpm: per_minute(events as f64),
            hand_typed: self.hand_typed,
            hand_ok: self.hand_ok,
            backspaces: count(|op| matches!(op, Op::Backspace)),
            pastes_rejected: count(|op| matches!(op, Op::PasteRejected { .. })),
            sent: sent.len() as u32,
            abandoned: ended.iter().filter(|t| t.abandoned).count() as u32,
            right: sent.iter().filter(|m| m.template_ok && m.slots_ok).count() as u32,
            template_ok: sent.iter().filter(|m| m.template_ok).count() as u32,
            slots_ok: sent.iter().filter(|m| m.slots_ok).count() as u32,
            first_response_ms: self
                .turns
                .first()
                .and_then(|t| t.result.as_ref())
                .and_then(|m| m.response_ms),
            mean_response_ms: (!responses.is_empty())
                .then(|| responses.iter().sum::<u64>() / responses.len() as u64),
            within_target: responses.iter().filter(|&&ms| ms <= target_ms).count() as u32,
            keys_saved: sent
                .iter()
                .map(|m| i64::from(m.keys_if_typed) - i64::from(m.keys))
                .sum(),
            target: expected.join("\n"),
            typed: ended
                .iter()
                .filter(|t| !t.abandoned)
                .map(|t| t.reply.as_str())
                .collect::<Vec<_>>()
                .join("\n"),
            messages: ended.iter().filter_map(|t| t.result.clone()).collect(),
        }
    }

    /// The session as saved: kind `quickreply`, messages filled, keystrokes = the log.
    /// The caller sets `student` (and may replace `id`).
    pub fn record(
        &self,
        pack: &Pack,
        drill: &Drill,
        id: String,
        started_at: chrono::DateTime<chrono::FixedOffset>,
    ) -> SessionRecord {
        let s = self.summary();
        let figures = super::record::MessageFigures {
            kind: crate::record::Kind::QuickReply,
            mode: None,
            completed: s.completed,
            duration_us: s.answering_us,
            cpm: s.cpm,
            kpm: s.kpm,
            accuracy: s.accuracy,
            backspaces: s.backspaces,
            errors: s.hand_typed - s.hand_ok,
            // Of the messages shown, as `figures::ReplyFigures` counts them.
            right_percent: if self.turns.is_empty() {
                0.0
            } else {
                100.0 * f64::from(s.right) / self.turns.len() as f64
            },
            mean_response_ms: s.mean_response_ms,
            target: s.target,
            typed: s.typed,
            messages: s.messages,
        };
        super::record::message_record(pack, drill, id, started_at, figures, self.log.clone())
    }
}

/// What the log alone says about one message (for `verify`): which scenario was shown,
/// the response time, the keys spent and the last template selected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoggedMessage {
    pub index: usize,
    /// Show → send; `None` when abandoned or never ended.
    pub response_ms: Option<u64>,
    /// Events after `show` up to and including `send` or `abandon`.
    pub keys: u32,
    pub code: Option<String>,
    pub abandoned: bool,
    /// Sent or abandoned (not left open).
    pub ended: bool,
}

/// Recompute each message's response time, keys and selected code from a quick-reply
/// keystroke log, as [`QuickReplySession`] fills them in its `MessageResult`s.
pub fn logged_messages(log: &[Keystroke]) -> Vec<LoggedMessage> {
    let mut out: Vec<LoggedMessage> = Vec::new();
    let mut shown_us = 0;
    for k in log {
        match &k.op {
            Op::Show { index } => {
                shown_us = k.t_us;
                out.push(LoggedMessage {
                    index: *index,
                    response_ms: None,
                    keys: 0,
                    code: None,
                    abandoned: false,
                    ended: false,
                });
            }
            op => {
                let Some(m) = out.last_mut().filter(|m| !m.ended) else {
                    continue;
                };
                m.keys += 1;
                match op {
                    Op::Select { code } => m.code = Some(code.clone()),
                    Op::Send => {
                        m.ended = true;
                        m.response_ms = Some(k.t_us.saturating_sub(shown_us) / 1000);
                    }
                    Op::Abandon => {
                        m.ended = true;
                        m.abandoned = true;
                    }
                    _ => {}
                }
            }
        }
    }
    out
}

/// A batch's outcome: a send or abandon wins, then any change.
fn merge(a: Applied, b: Applied) -> Applied {
    match (a, b) {
        (_, Applied::Ignored) => a,
        _ => b,
    }
}

fn step(chosen: usize, n: usize, down: bool) -> usize {
    if n == 0 {
        0
    } else if down {
        (chosen + 1) % n
    } else {
        (chosen + n - 1) % n
    }
}

/// Graphemes a batch would type (Enter counts one; control keys none).
fn batch_graphemes(keys: &[ReplyKey]) -> usize {
    let mut count = 0;
    let mut run = String::new();
    for key in keys {
        match key {
            ReplyKey::Char(c) => run.push(*c),
            other => {
                count += run.graphemes(true).count() + usize::from(*other == ReplyKey::Enter);
                run.clear();
            }
        }
    }
    count + run.graphemes(true).count()
}

#[cfg(test)]
mod tests;
