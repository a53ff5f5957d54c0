//! A code drill (`recall` or `recite`) in the app: the pure session plus the clock, the
//! key mapping of its screen, and what the app saves and shows when it ends.

use crate::engine::{Batch, Key, Rules};
use crate::pack::{Drill, DrillKind, Pack};
use crate::record::{SessionRecord, Student};
use crate::reply::codes::{code_drill, pick};
use crate::reply::leitner::Card;
use crate::reply::recall::{RecallKey, RecallSession, recall_items};
use crate::reply::recite::{ReciteItem, ReciteSession, has_typable};
use crate::tui::clock::Stamp;
use chrono::{DateTime, FixedOffset, NaiveDate};
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use std::time::{Duration, Instant};

/// A key on a code drill's screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeKey {
    Char(char),
    Enter,
    Backspace,
    /// Recite: show the reply (counts as not remembered).
    Tab,
    /// Esc: leave the drill.
    Leave,
    /// Ctrl-C: save and quit.
    Quit,
    /// F1: the keys of this screen.
    Help,
    Ignore,
}

/// Map a terminal key. Only presses count (Windows sends releases).
pub fn code_key(key: &KeyEvent) -> CodeKey {
    if key.kind != KeyEventKind::Press {
        return CodeKey::Ignore;
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let alt = key.modifiers.contains(KeyModifiers::ALT);
    match key.code {
        KeyCode::Char('c') if ctrl => CodeKey::Quit,
        KeyCode::Char('h') if ctrl => CodeKey::Backspace,
        KeyCode::Char(_) if ctrl || alt => CodeKey::Ignore,
        KeyCode::Char(c) => CodeKey::Char(c),
        KeyCode::Enter => CodeKey::Enter,
        KeyCode::Backspace => CodeKey::Backspace,
        KeyCode::Tab => CodeKey::Tab,
        KeyCode::Esc => CodeKey::Leave,
        KeyCode::F(1) => CodeKey::Help,
        _ => CodeKey::Ignore,
    }
}

/// The session of either kind.
#[derive(Debug, Clone)]
pub enum CodeSession {
    Recall(RecallSession),
    Recite(ReciteSession),
}

/// What one read asked of the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeStep {
    Go,
    /// The drill ended (every item done, or time up): results.
    Over,
    Leave,
    Quit,
    Help,
}

/// A code drill on screen.
#[derive(Debug, Clone)]
pub struct CodeRun {
    /// Index of the pack in the app's pack list.
    pub pack: usize,
    pub pack_title: String,
    pub drill: Drill,
    pub session: CodeSession,
    /// The monotonic time the clock started: the first item shown (recall), the first
    /// logged key (recite).
    pub start: Option<Instant>,
    pub started_at: Option<DateTime<FixedOffset>>,
}

impl CodeRun {
    /// A recall or recite drill of `pack` over its templates, due and weak codes first
    /// (`cards`: the pack's Leitner cards); `None` for other kinds.
    pub fn new(
        pack_index: usize,
        pack: &Pack,
        drill: &Drill,
        cards: &[Card],
        today: NaiveDate,
        seed: u64,
    ) -> Option<CodeRun> {
        let (kind, group, count) = code_drill(drill)?;
        let rules = Rules {
            strict: drill.strict,
            time_limit_us: drill.time_limit.map(|s| u64::from(s) * 1_000_000),
            shown_not_typed: false,
        };
        let session = if kind == DrillKind::Recall {
            let picked = pick(&pack.templates, group, count, |_| true, cards, today, seed);
            CodeSession::Recall(
                RecallSession::new(recall_items(pack, &picked, seed), rules.time_limit_us)
                    .with_strict(rules.strict),
            )
        } else {
            let picked = pick(
                &pack.templates,
                group,
                count,
                has_typable,
                cards,
                today,
                seed,
            );
            CodeSession::Recite(ReciteSession::new(
                picked.into_iter().map(ReciteItem::of).collect(),
                rules,
            ))
        };
        Some(CodeRun {
            pack: pack_index,
            pack_title: pack.title.clone(),
            drill: drill.clone(),
            session,
            start: None,
            started_at: None,
        })
    }

    /// The drill is on screen at `now`: a recall drill shows its first item and starts
    /// its clock (reading the reply is part of recalling); recite waits for a key.
    pub fn begin(&mut self, stamp: Stamp) {
        if let CodeSession::Recall(s) = &mut self.session
            && self.start.is_none()
        {
            s.start(0);
            self.start_clock(stamp);
        }
    }

    fn start_clock(&mut self, stamp: Stamp) {
        self.start = Some(stamp.at);
        self.started_at = Some(stamp.wall);
    }

    /// Microseconds since the clock started, 0 before.
    pub fn t_us(&self, now: Instant) -> u64 {
        self.start.map_or(0, |s| {
            u64::try_from(now.saturating_duration_since(s).as_micros()).unwrap_or(u64::MAX)
        })
    }

    pub fn is_over(&self) -> bool {
        match &self.session {
            CodeSession::Recall(s) => s.is_over(),
            CodeSession::Recite(s) => s.is_over(),
        }
    }

    /// Anything the student did: an attempt worth saving.
    pub fn has_input(&self) -> bool {
        match &self.session {
            CodeSession::Recall(s) => s.has_input(),
            CodeSession::Recite(s) => s.started(),
        }
    }

    /// One read of terminal events at `at`: typing keys of one read form one batch (an
    /// input method's commit).
    pub fn on_events(&mut self, stamp: Stamp, events: &[Event]) -> CodeStep {
        let at = stamp.at;
        if self.tick(at) {
            return CodeStep::Over;
        }
        let mut keys: Vec<CodeKey> = Vec::new();
        for ev in events {
            match ev {
                Event::Key(k) => match code_key(k) {
                    CodeKey::Leave => {
                        self.feed(stamp, &std::mem::take(&mut keys));
                        return if self.is_over() {
                            CodeStep::Over
                        } else {
                            CodeStep::Leave
                        };
                    }
                    CodeKey::Quit => {
                        self.feed(stamp, &std::mem::take(&mut keys));
                        return CodeStep::Quit;
                    }
                    CodeKey::Help => {
                        self.feed(stamp, &std::mem::take(&mut keys));
                        return CodeStep::Help;
                    }
                    CodeKey::Ignore => {}
                    key => keys.push(key),
                },
                Event::Paste(text) => {
                    self.feed(stamp, &std::mem::take(&mut keys));
                    self.paste(stamp, text);
                }
                _ => {}
            }
        }
        self.feed(stamp, &keys);
        if self.is_over() {
            CodeStep::Over
        } else {
            CodeStep::Go
        }
    }

    fn now_t(&mut self, stamp: Stamp) -> u64 {
        let at = stamp.at;
        if self.start.is_none() {
            self.start_clock(stamp);
        }
        self.t_us(at)
    }

    fn feed(&mut self, stamp: Stamp, keys: &[CodeKey]) {
        let at = stamp.at;
        if keys.is_empty() {
            return;
        }
        let t = self.t_us(at);
        match &mut self.session {
            CodeSession::Recall(s) => {
                let keys: Vec<RecallKey> = keys
                    .iter()
                    .filter_map(|k| match k {
                        CodeKey::Char(c) => Some(RecallKey::Char(*c)),
                        CodeKey::Enter => Some(RecallKey::Enter),
                        CodeKey::Backspace => Some(RecallKey::Backspace),
                        _ => None,
                    })
                    .collect();
                s.apply(t, &keys);
            }
            CodeSession::Recite(_) => {
                // Typing between Tabs goes to the engine as one batch each.
                let mut run: Vec<Key> = Vec::new();
                for k in keys {
                    match k {
                        CodeKey::Char(c) => run.push(Key::Char(*c)),
                        CodeKey::Backspace => run.push(Key::Backspace),
                        CodeKey::Tab => {
                            self.recite_batch(stamp, &mut run);
                            let t = self.now_t(stamp);
                            if let CodeSession::Recite(s) = &mut self.session {
                                s.hint(t);
                            }
                        }
                        // Nothing in a reply is typed with Enter (line breaks are shown).
                        _ => {}
                    }
                }
                self.recite_batch(stamp, &mut run);
            }
        }
    }

    fn recite_batch(&mut self, stamp: Stamp, run: &mut Vec<Key>) {
        let at = stamp.at;
        if run.is_empty() {
            return;
        }
        let batch = Batch::Keys(std::mem::take(run));
        let started = self.start.is_some();
        let t = if started { self.t_us(at) } else { 0 };
        if let CodeSession::Recite(s) = &mut self.session {
            s.apply(t, &batch);
            if !started && s.started() {
                self.start_clock(stamp);
            }
        }
    }

    fn paste(&mut self, stamp: Stamp, text: &str) {
        let at = stamp.at;
        match &mut self.session {
            CodeSession::Recall(s) => {
                let t = self.start.map_or(0, |st| {
                    u64::try_from(at.saturating_duration_since(st).as_micros()).unwrap_or(u64::MAX)
                });
                s.paste(t, text);
            }
            CodeSession::Recite(_) => {
                let mut none = Vec::new();
                self.recite_batch(stamp, &mut none);
                let started = self.start.is_some();
                let t = if started { self.t_us(at) } else { 0 };
                if let CodeSession::Recite(s) = &mut self.session {
                    s.apply(t, &Batch::Paste(text.to_string()));
                    if !started && s.started() {
                        self.start_clock(stamp);
                    }
                }
            }
        }
    }

    /// The clock reached `now`: ends the drill when its time is up.
    pub fn tick(&mut self, now: Instant) -> bool {
        if self.start.is_none() {
            return false;
        }
        let t = self.t_us(now);
        match &mut self.session {
            CodeSession::Recall(s) => s.tick(t),
            CodeSession::Recite(s) => s.tick(t),
        }
    }

    /// Redraw every second while the clock runs (and at the time limit).
    pub fn next_wake(&self, now: Instant) -> Option<Instant> {
        let start = self.start?;
        if self.is_over() {
            return None;
        }
        let elapsed = now.saturating_duration_since(start);
        let next = start + Duration::from_secs(elapsed.as_secs() + 1);
        match self.drill.time_limit {
            Some(s) => Some(next.min(start + Duration::from_secs(u64::from(s)))),
            None => Some(next),
        }
    }

    /// The record to save: kind and mode `recall` or `recite`, one message per item.
    pub fn record(&self, pack: &Pack, student: Student) -> SessionRecord {
        // A record is made only once the clock has started (the drill shown or typed in).
        let started_at = self.started_at.unwrap_or_default();
        match &self.session {
            CodeSession::Recall(s) => {
                let mut r = s.record(
                    pack,
                    &self.drill,
                    uuid::Uuid::new_v4().to_string(),
                    started_at,
                );
                r.student = student;
                r
            }
            CodeSession::Recite(s) => s.record(pack, &self.drill, student, started_at),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_of_the_code_screens() {
        let k = |code, m| code_key(&KeyEvent::new(code, m));
        let none = KeyModifiers::NONE;
        assert_eq!(k(KeyCode::Char('h'), none), CodeKey::Char('h'));
        assert_eq!(
            k(KeyCode::Char('h'), KeyModifiers::CONTROL),
            CodeKey::Backspace
        );
        assert_eq!(k(KeyCode::Char('c'), KeyModifiers::CONTROL), CodeKey::Quit);
        assert_eq!(k(KeyCode::Char('x'), KeyModifiers::ALT), CodeKey::Ignore);
        assert_eq!(k(KeyCode::Tab, none), CodeKey::Tab);
        assert_eq!(k(KeyCode::Esc, none), CodeKey::Leave);
        assert_eq!(k(KeyCode::F(1), none), CodeKey::Help);
        assert_eq!(k(KeyCode::Up, none), CodeKey::Ignore);
        let mut release = KeyEvent::new(KeyCode::Char('a'), none);
        release.kind = KeyEventKind::Release;
        assert_eq!(code_key(&release), CodeKey::Ignore);
    }
}
