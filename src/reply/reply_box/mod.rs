//! The reply box of a chat, pure: the reply being composed — typed by hand, from the
//! phrase list (`/code`, logged `select`), with Tab between placeholders (`next_slot`)
//! and Ctrl-O order-card fields (`card`) — and the keys that edit it. A quick-reply drill
//! has one; a shift has one per conversation (each buyer keeps their own draft).
//!
//! The box logs what it does into the caller's keystroke log and says when the student
//! asked to send (Enter on a reply) or pressed Esc with nothing to close; sending,
//! judging and what Esc means are the caller's.

use super::judge::normalise;
use crate::engine::MAX_BATCH_GRAPHEMES;
use crate::pack::template::Segment;
use crate::pack::{Scenario, Template};
use crate::record::{Keystroke, Op};
use unicode_segmentation::UnicodeSegmentation;

mod composer;
mod phrase_list;

pub use composer::{Composer, Origin, Piece, Placeholder};
pub use phrase_list::{PhraseList, matches};

/// One key of a chat, in the reply box's own terms.
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

impl ReplyBatch {
    /// The batch as keys (a paste's line breaks as Enter).
    pub fn keys(&self) -> Vec<ReplyKey> {
        match self {
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
        }
    }
}

/// What a key did to the box.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    /// Nothing changed (and nothing was logged).
    Ignored,
    /// The reply, the phrase list or the picker changed, or a paste was refused.
    Changed,
    /// Enter on a reply with text: the caller sends it (and logs `send`).
    Send,
    /// Esc with no list or picker open: the caller decides (abandon the message, ask
    /// before leaving…). Nothing was logged.
    Esc,
}

/// What the box works against: the phrases, the message being answered (hand-typed
/// text is judged against its expected replies when typed; its card feeds Ctrl-O), and
/// the session's log.
pub struct Desk<'a> {
    pub templates: &'a [Template],
    pub scenario: Option<&'a Scenario>,
    pub log: &'a mut Vec<Keystroke>,
}

impl Desk<'_> {
    fn push(&mut self, t_us: u64, op: Op) {
        self.log.push(Keystroke { t_us, op });
    }
}

/// A reply being written, with the phrase list and the card picker over it.
#[derive(Debug, Clone, Default)]
pub struct ReplyBox {
    composer: Composer,
    list: Option<PhraseList>,
    /// The card picker's chosen field, when open.
    picker: Option<usize>,
    /// Graphemes typed by hand into this box, and how many fit when typed (kept across
    /// replies: they make the session's hand-typing figures).
    hand_typed: u32,
    hand_ok: u32,
}

impl ReplyBox {
    pub fn composer(&self) -> &Composer {
        &self.composer
    }

    pub fn hand_typed(&self) -> (u32, u32) {
        (self.hand_typed, self.hand_ok)
    }

    /// An empty reply, nothing open over it (after a send, or a new message).
    pub fn clear(&mut self) {
        self.composer = Composer::default();
        self.list = None;
        self.picker = None;
    }

    /// The phrase list when open: its filter, the templates it shows, the chosen row.
    pub fn phrase_list<'t>(
        &self,
        templates: &'t [Template],
    ) -> Option<(&str, Vec<&'t Template>, usize)> {
        let list = self.list.as_ref()?;
        let found = matches(templates, &list.filter);
        let chosen = list.chosen.min(found.len().saturating_sub(1));
        Some((&list.filter, found, chosen))
    }

    /// The card picker when open: the message's card fields and the chosen one.
    pub fn card_picker<'s>(
        &self,
        scenario: Option<&'s Scenario>,
    ) -> Option<(&'s [(String, String)], usize)> {
        let chosen = self.picker?;
        let card = &scenario?.card;
        Some((card, chosen.min(card.len().saturating_sub(1))))
    }

    /// Take one batch read at `t_us`: an over-long batch or a paste with a line break is
    /// refused (logged, never typed); otherwise each key in turn, stopping at a send or
    /// an Esc left for the caller.
    pub fn apply(&mut self, desk: &mut Desk<'_>, t_us: u64, batch: &ReplyBatch) -> Edit {
        let keys = batch.keys();
        let graphemes = batch_graphemes(&keys);
        let has_enter = keys.contains(&ReplyKey::Enter);
        if graphemes > MAX_BATCH_GRAPHEMES
            || (has_enter && graphemes > 1)
            || (matches!(batch, ReplyBatch::Paste(_)) && has_enter)
        {
            desk.push(t_us, Op::PasteRejected { len: graphemes });
            return Edit::Changed;
        }
        let mut outcome = Edit::Ignored;
        let mut run = String::new();
        for key in keys {
            if let ReplyKey::Char(c) = key {
                run.push(c);
                continue;
            }
            if !run.is_empty() {
                outcome = merge(
                    outcome,
                    self.type_text(desk, t_us, &std::mem::take(&mut run)),
                );
            }
            outcome = merge(outcome, self.control(desk, t_us, key));
            if matches!(outcome, Edit::Send | Edit::Esc) {
                return outcome;
            }
        }
        if !run.is_empty() {
            outcome = merge(outcome, self.type_text(desk, t_us, &run));
        }
        outcome
    }

    fn type_text(&mut self, desk: &mut Desk<'_>, t_us: u64, run: &str) -> Edit {
        let mut outcome = Edit::Ignored;
        for g in run.graphemes(true) {
            if self.picker.is_some() {
                continue;
            }
            outcome = Edit::Changed;
            if let Some(list) = &mut self.list {
                if list.filter.is_empty() && g == "/" {
                    // `//` types a slash.
                    self.list = None;
                    self.type_by_hand(desk, t_us, g);
                } else {
                    list.filter.push_str(g);
                    list.chosen = 0;
                    push_input(desk, t_us, g, true);
                }
            } else if g == "/" && self.composer.is_empty() {
                self.list = Some(PhraseList::default());
                push_input(desk, t_us, g, true);
            } else {
                self.type_by_hand(desk, t_us, g);
            }
        }
        outcome
    }

    /// Type one grapheme into the reply: it replaces the selected placeholder.
    fn type_by_hand(&mut self, desk: &mut Desk<'_>, t_us: u64, g: &str) {
        self.composer.take_selected();
        let mut run = self.composer.hand_run_before_cursor(1);
        run.push_str(g);
        let ok = fits(desk, &run);
        self.composer.insert(vec![Piece {
            text: g.to_string(),
            origin: Origin::Hand { ok },
        }]);
        self.hand_typed += 1;
        self.hand_ok += u32::from(ok);
        push_input(desk, t_us, g, ok);
    }

    fn control(&mut self, desk: &mut Desk<'_>, t_us: u64, key: ReplyKey) -> Edit {
        match key {
            ReplyKey::Char(_) => Edit::Ignored,
            ReplyKey::Enter => self.enter(desk, t_us),
            ReplyKey::Esc => {
                if self.picker.take().is_some() || self.list.take().is_some() {
                    desk.push(t_us, Op::Close);
                    Edit::Changed
                } else {
                    Edit::Esc
                }
            }
            ReplyKey::Backspace => self.backspace(desk, t_us),
            ReplyKey::Tab => {
                if self.list.is_some() || self.picker.is_some() {
                    return Edit::Ignored;
                }
                let c = &self.composer;
                let count = c.placeholders.len();
                if count == 0 {
                    return Edit::Ignored;
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
                desk.push(t_us, Op::NextSlot);
                Edit::Changed
            }
            ReplyKey::Up | ReplyKey::Down => {
                let down = key == ReplyKey::Down;
                if let Some((_, found, chosen)) = self.phrase_list(desk.templates) {
                    let n = found.len();
                    if let Some(list) = &mut self.list {
                        list.chosen = phrase_list::step(chosen, n, down);
                    }
                    Edit::Changed
                } else if let Some((card, chosen)) = self.card_picker(desk.scenario) {
                    let n = card.len();
                    self.picker = Some(phrase_list::step(chosen, n, down));
                    Edit::Changed
                } else {
                    Edit::Ignored
                }
            }
            ReplyKey::Left | ReplyKey::Right | ReplyKey::Home | ReplyKey::End => {
                if self.list.is_some() || self.picker.is_some() {
                    return Edit::Ignored;
                }
                let c = &mut self.composer;
                let before = (c.cursor, c.selected);
                c.selected = None;
                c.cursor = match key {
                    ReplyKey::Left => c.cursor.saturating_sub(1),
                    ReplyKey::Right => (c.cursor + 1).min(c.pieces.len()),
                    ReplyKey::Home => 0,
                    _ => c.pieces.len(),
                };
                if (c.cursor, c.selected) == before {
                    return Edit::Ignored;
                }
                // Logged, so a replay puts the next keys where these went.
                let at = c.cursor;
                desk.push(t_us, Op::Cursor { at });
                Edit::Changed
            }
            ReplyKey::Card => {
                if self.list.is_some() {
                    return Edit::Ignored;
                }
                if self.picker.take().is_some() {
                    return Edit::Changed;
                }
                if desk.scenario.is_some_and(|s| !s.card.is_empty()) {
                    self.picker = Some(0);
                    Edit::Changed
                } else {
                    Edit::Ignored
                }
            }
        }
    }

    fn enter(&mut self, desk: &mut Desk<'_>, t_us: u64) -> Edit {
        if let Some((_, found, chosen)) = self.phrase_list(desk.templates) {
            let Some(template) = found.get(chosen).map(|t| (*t).clone()) else {
                return Edit::Ignored;
            };
            self.list = None;
            self.insert_template(&template);
            desk.push(
                t_us,
                Op::Select {
                    code: template.code,
                },
            );
            return Edit::Changed;
        }
        if let Some((card, chosen)) = self.card_picker(desk.scenario) {
            let Some((field, value)) = card.get(chosen).cloned() else {
                return Edit::Ignored;
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
            desk.push(t_us, Op::Card { field });
            return Edit::Changed;
        }
        if self.composer.text().trim().is_empty() {
            return Edit::Ignored;
        }
        Edit::Send
    }

    fn insert_template(&mut self, template: &Template) {
        self.composer.take_selected();
        let at = self.composer.cursor;
        let mut pieces = Vec::new();
        let mut placeholders = Vec::new();
        for seg in template.segments() {
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

    fn backspace(&mut self, desk: &mut Desk<'_>, t_us: u64) -> Edit {
        if self.picker.is_some() {
            return Edit::Ignored;
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
            desk.push(t_us, Op::Backspace);
            return Edit::Changed;
        }
        if self.composer.take_selected() {
            desk.push(t_us, Op::Backspace);
            return Edit::Changed;
        }
        let at = self.composer.cursor;
        if at == 0 {
            return Edit::Ignored;
        }
        self.composer.remove(at - 1, at);
        desk.push(t_us, Op::Backspace);
        Edit::Changed
    }
}

fn push_input(desk: &mut Desk<'_>, t_us: u64, g: &str, ok: bool) {
    desk.push(
        t_us,
        Op::Input {
            text: g.to_string(),
            ok,
        },
    );
}

/// Whether hand-typed text (this grapheme with the one typed before it) stands in an
/// acceptable reply as it should read.
fn fits(desk: &Desk<'_>, run: &str) -> bool {
    let Some(scenario) = desk.scenario else {
        return false;
    };
    let run = normalise(run);
    scenario
        .expect
        .iter()
        .filter_map(|code| desk.templates.iter().find(|t| &t.code == code))
        .any(|t| normalise(&crate::reply::judge::expected_reply(t, scenario)).contains(&run))
}

/// A batch's outcome: a send or Esc wins, then any change.
fn merge(a: Edit, b: Edit) -> Edit {
    match (a, b) {
        (_, Edit::Ignored) => a,
        _ => b,
    }
}

/// Graphemes a batch would type (Enter counts one; control keys none).
pub fn batch_graphemes(keys: &[ReplyKey]) -> usize {
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
