//! A quick-reply drill in the app: the pure session plus the clock, the key mapping for
//! the chat screen, and what the app saves and shows when it ends.

use crate::pack::{Drill, Pack};
use crate::record::SessionRecord;
use crate::reply::quickreply::{Applied, QuickReplySession, ReplyBatch, ReplyKey};
use crate::text::AmbiWidth;
use crate::tui::clock::Stamp;
use chrono::{DateTime, FixedOffset};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use std::time::{Duration, Instant};

/// A key on the chat screen: one for the session, or the app's own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChatKey {
    Reply(ReplyKey),
    /// Ctrl-C: save and quit.
    Quit,
    /// F1: the keys of this screen.
    Help,
    Ignore,
}

/// Map a terminal key on the chat screen. Only presses count (Windows sends releases).
pub fn chat_key(key: &KeyEvent) -> ChatKey {
    if key.kind != KeyEventKind::Press {
        return ChatKey::Ignore;
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let alt = key.modifiers.contains(KeyModifiers::ALT);
    ChatKey::Reply(match key.code {
        KeyCode::Char('c') if ctrl => return ChatKey::Quit,
        KeyCode::F(1) => return ChatKey::Help,
        KeyCode::Char('o') if ctrl => ReplyKey::Card,
        // Some terminals send Ctrl-H for Backspace.
        KeyCode::Char('h') if ctrl => ReplyKey::Backspace,
        KeyCode::Char(_) if ctrl || alt => return ChatKey::Ignore,
        KeyCode::Char(c) => ReplyKey::Char(c),
        KeyCode::Enter => ReplyKey::Enter,
        KeyCode::Backspace => ReplyKey::Backspace,
        KeyCode::Tab => ReplyKey::Tab,
        KeyCode::Esc => ReplyKey::Esc,
        KeyCode::Left => ReplyKey::Left,
        KeyCode::Right => ReplyKey::Right,
        KeyCode::Up => ReplyKey::Up,
        KeyCode::Down => ReplyKey::Down,
        KeyCode::Home => ReplyKey::Home,
        KeyCode::End => ReplyKey::End,
        _ => return ChatKey::Ignore,
    })
}

/// A quick-reply drill on screen. The clock starts when the first message is shown,
/// which is when the drill opens.
#[derive(Debug, Clone)]
pub struct ReplyRun {
    /// Index of the pack in the app's pack list.
    pub pack: usize,
    pub pack_title: String,
    pub drill: Drill,
    pub session: QuickReplySession,
    pub start: Instant,
    pub started_at: DateTime<FixedOffset>,
}

impl ReplyRun {
    /// Open a quickreply drill at `now`, its first message shown; `None` for other kinds.
    pub fn new(pack_index: usize, pack: &Pack, drill: &Drill, stamp: Stamp) -> Option<ReplyRun> {
        let mut session = QuickReplySession::for_drill(pack, drill)?;
        session.next_message(0);
        Some(ReplyRun {
            pack: pack_index,
            pack_title: pack.title.clone(),
            drill: drill.clone(),
            session,
            start: stamp.at,
            started_at: stamp.wall,
        })
    }

    pub fn t_us(&self, now: Instant) -> u64 {
        u64::try_from(now.saturating_duration_since(self.start).as_micros()).unwrap_or(u64::MAX)
    }

    /// Feed one batch read at `at`; shows the next message when the student asks.
    pub fn apply(&mut self, at: Instant, batch: &ReplyBatch) -> Applied {
        let t = self.t_us(at);
        let applied = self.session.apply(t, batch);
        if applied == Applied::Next {
            self.session.next_message(t);
        }
        applied
    }

    /// Anything logged besides the first `show`: an attempt worth saving.
    pub fn has_input(&self) -> bool {
        self.session.log().len() > 1
    }

    /// Redraw every tenth of a second while a message's clock runs; wake at the time
    /// limit in any case.
    pub fn next_wake(&self, now: Instant) -> Option<Instant> {
        let limit = self.limit();
        let tick = self.session.open_turn().map(|_| {
            let elapsed = now.saturating_duration_since(self.start);
            let tenth = Duration::from_millis(100);
            self.start + tenth * (elapsed.as_millis() / 100 + 1).try_into().unwrap_or(1)
        });
        match (tick, limit) {
            (Some(t), Some(l)) => Some(t.min(l)),
            (t, l) => t.or(l),
        }
    }

    /// When the drill's `time_limit` runs out, if it has one.
    fn limit(&self) -> Option<Instant> {
        let secs = self.drill.time_limit?;
        self.start.checked_add(Duration::from_secs(u64::from(secs)))
    }

    /// The drill's time limit has run out at `now`: the session ends there.
    pub fn time_up(&self, now: Instant) -> bool {
        self.limit().is_some_and(|l| now >= l)
    }

    /// End the drill at its time limit: the message still open goes unanswered there.
    pub fn close_at_limit(&mut self) {
        if let Some(secs) = self.drill.time_limit {
            self.session.time_up(u64::from(secs) * 1_000_000);
        }
    }

    /// The record to save (kind `quickreply`, messages, keystrokes = the session's log).
    pub fn record(&self, pack: &Pack, student: crate::record::Student) -> SessionRecord {
        let mut r = self.session.record(
            pack,
            &self.drill,
            uuid::Uuid::new_v4().to_string(),
            self.started_at,
        );
        r.student = student;
        r
    }
}

/// Draw the chat screen into the frame and put the real cursor at the insertion point.
pub fn render(frame: &mut ratatui::Frame, run: &ReplyRun, now: Instant, ambi: AmbiWidth) {
    let area = frame.area();
    let cursor = crate::tui::screens::chat::render_chat(
        frame.buffer_mut(),
        area,
        &run.session,
        run.t_us(now),
        ambi,
    );
    if let Some(pos) = cursor {
        frame.set_cursor_position(pos);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn time_limit_ends_the_drill_and_pass_is_judged() {
        use crate::pack::{DrillBody, Pass, Scenario};
        let mut pack = crate::testing::pack_with(
            DrillBody::QuickReply {
                scenarios: vec![Scenario {
                    customer: vec!["在吗".into()],
                    expect: vec!["hy".into()],
                    slots: vec![],
                    card: vec![],
                    context: None,
                }],
                target_seconds: 15,
            },
            Some(30),
        );
        pack.templates =
            vec![crate::pack::Template::new("hy", "售前", "亲，在的").expect("template")];
        pack.drills[0].pass = Some(Pass::Typing {
            cpm: 10.0,
            accuracy: 90.0,
        });
        let t0 = Instant::now();
        let run = ReplyRun::new(0, &pack, &pack.drills[0], crate::testing::stamp(t0))
            .expect("quickreply runs");
        let limit = t0 + Duration::from_secs(30);
        assert!(!run.time_up(t0 + Duration::from_secs(29)));
        assert!(run.time_up(limit));
        // The loop wakes at the limit at the latest.
        assert!(run.next_wake(t0).is_some_and(|w| w <= limit));
        // Out of time with the message unanswered: not completed, not passed; the
        // message counts as unanswered at the limit.
        let mut run = run;
        run.close_at_limit();
        let r = run.record(&pack, crate::record::Student::default());
        assert_eq!((r.completed, r.passed), (false, Some(false)));
        assert_eq!(r.duration_ms, 30_000);
        assert_eq!(
            r.keystrokes.last().map(|k| (k.t_us, &k.op)),
            Some((30_000_000, &crate::record::Op::Abandon))
        );
        assert_eq!(crate::figures::Figures::of(&r).passed, Some(false));
    }

    #[test]
    fn keys_of_the_chat_screen() {
        let none = KeyModifiers::NONE;
        let ctrl = KeyModifiers::CONTROL;
        assert_eq!(
            chat_key(&press(KeyCode::Char('o'), ctrl)),
            ChatKey::Reply(ReplyKey::Card)
        );
        assert_eq!(chat_key(&press(KeyCode::Char('c'), ctrl)), ChatKey::Quit);
        assert_eq!(chat_key(&press(KeyCode::F(1), none)), ChatKey::Help);
        assert_eq!(
            chat_key(&press(KeyCode::Tab, none)),
            ChatKey::Reply(ReplyKey::Tab)
        );
        assert_eq!(
            chat_key(&press(KeyCode::Char('/'), none)),
            ChatKey::Reply(ReplyKey::Char('/'))
        );
        assert_eq!(
            chat_key(&press(KeyCode::Esc, none)),
            ChatKey::Reply(ReplyKey::Esc)
        );
        assert_eq!(chat_key(&press(KeyCode::Char('x'), ctrl)), ChatKey::Ignore);
        let mut release = press(KeyCode::Char('a'), none);
        release.kind = KeyEventKind::Release;
        assert_eq!(chat_key(&release), ChatKey::Ignore);
    }
}
