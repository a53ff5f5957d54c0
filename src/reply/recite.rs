//! A `recite` drill, pure: the code and group are shown and the student types the whole
//! reply from memory, judged grapheme by grapheme by the typing engine (each template is
//! one segment, like a phrase). What is never typed — 表情 tokens (`[微笑]`), placeholders
//! (`{单号}`, filled from the order at send time) and line breaks — is shown in place.
//!
//! Tab shows the reply when memory fails (logged `select` with the code); the item then
//! counts as missed. An item is remembered when it was finished without Tab and at most
//! one grapheme in ten was typed wrong ([`REMEMBERED_ACCURACY`]).

use crate::engine::{Batch, Replayed, Rules, Summary, Typing};
use crate::pack::template::Segment;
use crate::pack::{Drill, Pack, Template};
use crate::record::{Keystroke, MessageResult, Op, SessionRecord, Student};
use unicode_segmentation::UnicodeSegmentation;

/// The share of an item's typed graphemes that must match for it to count as remembered.
pub const REMEMBERED_ACCURACY: f64 = 90.0;

/// A piece of a template as recited.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// Typed from memory.
    Type(String),
    /// Shown, never typed: a 表情 token, a placeholder, a line break.
    Show(String),
}

/// One template to recite.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReciteItem {
    pub code: String,
    pub group: String,
    pub pieces: Vec<Piece>,
}

impl ReciteItem {
    pub fn of(t: &Template) -> ReciteItem {
        ReciteItem {
            code: t.code.clone(),
            group: t.group.clone(),
            pieces: pieces(t.segments()),
        }
    }

    /// What is typed: the `Type` pieces joined.
    pub fn typable(&self) -> String {
        self.pieces
            .iter()
            .filter_map(|p| match p {
                Piece::Type(s) => Some(s.as_str()),
                Piece::Show(_) => None,
            })
            .collect()
    }

    /// The whole reply as it reads (placeholders as `{name}`).
    pub fn full_text(&self) -> String {
        self.pieces
            .iter()
            .map(|p| match p {
                Piece::Type(s) | Piece::Show(s) => s.as_str(),
            })
            .collect()
    }

    /// The record's `customer` for this item: what was shown.
    pub fn prompt_text(&self) -> String {
        format!("/{} · {}", self.code, self.group)
    }
}

/// Whether a template has anything to type (a reply of only a 表情 has not).
pub fn has_typable(t: &Template) -> bool {
    !ReciteItem::of(t).typable().trim().is_empty()
}

/// Split a template's segments into typed and shown pieces.
pub fn pieces(segments: &[Segment]) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    let mut typed = String::new();
    let show = |out: &mut Vec<Piece>, typed: &mut String, s: String| {
        if !typed.is_empty() {
            out.push(Piece::Type(std::mem::take(typed)));
        }
        out.push(Piece::Show(s));
    };
    for seg in segments {
        match seg {
            Segment::Slot(name) => show(&mut out, &mut typed, format!("{{{name}}}")),
            Segment::Literal(text) => {
                let mut rest = text.as_str();
                while !rest.is_empty() {
                    if let Some(after) = rest.strip_prefix('\n') {
                        show(&mut out, &mut typed, "\n".to_string());
                        rest = after;
                    } else if let Some(len) = crate::pack::shown::token_len(rest) {
                        show(&mut out, &mut typed, rest[..len].to_string());
                        rest = &rest[len..];
                    } else {
                        let c = rest.chars().next().unwrap_or(' ');
                        typed.push(c);
                        rest = &rest[c.len_utf8()..];
                    }
                }
            }
        }
    }
    if !typed.is_empty() {
        out.push(Piece::Type(typed));
    }
    out
}

/// How one item went, recomputed from the log.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemResult {
    pub index: usize,
    pub typed: String,
    pub finished: bool,
    pub hinted: bool,
    pub typed_graphemes: u32,
    pub typed_ok: u32,
    /// From the event that ended the item before (0 for the first) to the one that
    /// finished it (or its last event).
    pub start_us: u64,
    pub end_us: u64,
    /// Logged events while it was the item being typed.
    pub keys: u32,
}

impl ItemResult {
    pub fn remembered(&self) -> bool {
        self.finished
            && !self.hinted
            && self.typed_graphemes > 0
            && 100.0 * f64::from(self.typed_ok)
                >= REMEMBERED_ACCURACY * f64::from(self.typed_graphemes)
    }

    /// The item as a record's message: what the log decides (typed text, right or
    /// not, time, keys), with what the record says of the item around it. One place,
    /// so a session's record and `verify`'s recomputation of it cannot drift apart.
    pub fn message(
        &self,
        customer: String,
        expect: Vec<String>,
        code: Option<String>,
        keys_if_typed: u32,
    ) -> MessageResult {
        let right = self.remembered();
        MessageResult {
            customer,
            expect,
            code,
            reply: self.typed.clone(),
            template_ok: right,
            slots_ok: right,
            extra: None,
            response_ms: self
                .finished
                .then(|| self.end_us.saturating_sub(self.start_us) / 1000),
            keys: self.keys,
            keys_if_typed,
        }
    }
}

/// Each reached item's outcome, by replaying `log` over the typed `segments` with the
/// engine's own rules (the live session and `verify` both use this).
pub fn item_results(segments: &[String], rules: Rules, log: &[Keystroke]) -> Vec<ItemResult> {
    let mut typing = Typing::new(segments, rules);
    let mut out: Vec<ItemResult> = Vec::new();
    let mut item_start = 0u64;
    for k in log {
        if let Some(limit) = rules.time_limit_us
            && k.t_us >= limit
        {
            typing.set_time_up();
        }
        if typing.is_over() {
            break;
        }
        let seg = typing.current_segment();
        if out.len() <= seg {
            out.push(ItemResult {
                index: seg,
                typed: String::new(),
                finished: false,
                hinted: false,
                typed_graphemes: 0,
                typed_ok: 0,
                start_us: item_start,
                end_us: k.t_us,
                keys: 0,
            });
        }
        let Some(r) = out.get_mut(seg) else { break };
        match (&k.op, typing.replay(&k.op)) {
            (Op::Select { .. }, _) => {
                r.hinted = true;
                r.keys += 1;
            }
            (_, Replayed::Typed { ok, .. }) => {
                r.typed_graphemes += 1;
                r.typed_ok += u32::from(ok);
                r.keys += 1;
            }
            (_, Replayed::Merged { .. } | Replayed::Deleted { .. }) => r.keys += 1,
            _ => {}
        }
        r.end_us = k.t_us;
        r.typed = typing.typed(seg).iter().map(|t| t.text.as_str()).collect();
        if typing.current_segment() != seg {
            r.finished = true;
            item_start = k.t_us;
        }
    }
    out
}

/// The record's messages: one per reached item.
pub fn messages(items: &[ReciteItem], results: &[ItemResult]) -> Vec<MessageResult> {
    results
        .iter()
        .filter_map(|r| {
            let item = items.get(r.index)?;
            Some(r.message(
                item.prompt_text(),
                vec![item.code.clone()],
                Some(item.code.clone()),
                item.typable().graphemes(true).count() as u32,
            ))
        })
        .collect()
}

/// A recite drill in progress: the engine over the items' typed text, plus the Tab
/// hints, in one log.
#[derive(Debug, Clone)]
pub struct ReciteSession {
    items: Vec<ReciteItem>,
    typing: Typing,
    log: Vec<Keystroke>,
    /// Engine log entries already copied into `log`.
    copied: usize,
    hinted: Vec<bool>,
}

impl ReciteSession {
    /// Items with nothing to type are left out.
    pub fn new(items: Vec<ReciteItem>, rules: Rules) -> ReciteSession {
        let items: Vec<ReciteItem> = items
            .into_iter()
            .filter(|i| !i.typable().is_empty())
            .collect();
        let segments: Vec<String> = items.iter().map(ReciteItem::typable).collect();
        let hinted = vec![false; items.len()];
        ReciteSession {
            items,
            typing: Typing::new(&segments, rules),
            log: Vec::new(),
            copied: 0,
            hinted,
        }
    }

    pub fn items(&self) -> &[ReciteItem] {
        &self.items
    }

    pub fn typing(&self) -> &Typing {
        &self.typing
    }

    pub fn log(&self) -> &[Keystroke] {
        &self.log
    }

    pub fn started(&self) -> bool {
        !self.log.is_empty()
    }

    pub fn is_over(&self) -> bool {
        self.typing.is_over()
    }

    /// The item being typed.
    pub fn current(&self) -> Option<usize> {
        let i = self.typing.current_segment();
        (i < self.items.len() && !self.is_over()).then_some(i)
    }

    /// Whether Tab showed item `i`.
    pub fn hinted(&self, i: usize) -> bool {
        self.hinted.get(i).copied().unwrap_or(false)
    }

    /// Take a batch read at `t_us`.
    pub fn apply(&mut self, t_us: u64, batch: &Batch) {
        self.typing.apply(t_us, batch);
        self.copy_engine_log();
    }

    /// Tab: show the reply of the item being typed (logged once per item).
    pub fn hint(&mut self, t_us: u64) -> bool {
        if self.typing.tick(t_us) {
            return false;
        }
        let Some(i) = self.current() else {
            return false;
        };
        if self.hinted[i] {
            return false;
        }
        self.hinted[i] = true;
        let code = self.items[i].code.clone();
        self.log.push(Keystroke {
            t_us,
            op: Op::Select { code },
        });
        true
    }

    /// The clock reached `t_us`: end the drill when its time is up.
    pub fn tick(&mut self, t_us: u64) -> bool {
        // The engine counts its time from its own first key; a hint may come first.
        let started = self.started();
        if started && !self.typing.started() {
            return match self.typing.rules().time_limit_us {
                Some(limit) if t_us >= limit => {
                    self.typing.set_time_up();
                    true
                }
                _ => false,
            };
        }
        self.typing.tick(t_us)
    }

    fn copy_engine_log(&mut self) {
        let new = &self.typing.log()[self.copied..];
        self.log.extend_from_slice(new);
        self.copied = self.typing.log().len();
    }

    /// The engine's figures, from the merged log (hints are not typing).
    pub fn summary(&self) -> Summary {
        let targets: Vec<String> = self.items.iter().map(ReciteItem::typable).collect();
        crate::engine::summarize(
            &targets,
            self.typing.rules(),
            &self.log,
            self.typing.end() == Some(crate::engine::End::TimeUp),
        )
    }

    /// Each reached item's outcome.
    pub fn results(&self) -> Vec<ItemResult> {
        let targets: Vec<String> = self.items.iter().map(ReciteItem::typable).collect();
        item_results(&targets, self.typing.rules(), &self.log)
    }

    /// The session as saved: kind and mode `recite`, one message per reached item.
    pub fn record(
        &self,
        pack: &Pack,
        drill: &Drill,
        student: Student,
        started_at: chrono::DateTime<chrono::FixedOffset>,
    ) -> SessionRecord {
        let summary = self.summary();
        let results = self.results();
        let mut r = crate::engine::record::typing_record(
            pack, drill, &summary, &self.log, student, started_at,
        );
        r.mode = Some(crate::record::Mode::Recite);
        // Recite leaves out its own (faces, placeholders, line breaks): see `ReciteItem`.
        r.shown_not_typed = false;
        // A recite line judges the replies remembered (an older, typing line the typing).
        let remembered = results.iter().filter(|x| x.remembered()).count();
        let right_percent = if results.is_empty() {
            0.0
        } else {
            100.0 * remembered as f64 / results.len() as f64
        };
        r.passed = drill.pass.as_ref().and_then(|p| {
            p.codes(
                summary.completed,
                right_percent,
                (summary.cpm, summary.accuracy),
            )
        });
        r.messages = Some(messages(&self.items, &results));
        r
    }
}

#[cfg(test)]
mod tests;
