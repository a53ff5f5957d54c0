//! A shift in the app: the pure session plus the clock, the keys of the 接待中心 screen,
//! and the record saved when it ends.

use crate::pack::{Drill, DrillBody, Pack};
use crate::record::SessionRecord;
use crate::reply::reply_box::{ReplyBatch, ReplyKey};
use crate::reply::shift::{Applied, ShiftSession, shift_record};
use crate::tr;
use crate::tui::clock::Stamp;
use chrono::{DateTime, FixedOffset};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use std::time::{Duration, Instant};

/// How often a shift's screen is redrawn without input: the waiting clocks count in
/// seconds, and a buyer's message must show soon after it comes.
const REDRAW: Duration = Duration::from_millis(250);
/// How long the hint line says how to 转接.
const NOTICE: Duration = Duration::from_secs(4);

/// A key on the 接待中心 screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShiftKey {
    Reply(ReplyKey),
    /// Ctrl-N / PgDn: the next conversation.
    Next,
    /// Ctrl-P / PgUp: the previous one.
    Prev,
    /// Ctrl-G: the buyer waiting longest.
    Longest,
    /// Ctrl-T: hand the buyer to a colleague (转接), the draft as the note.
    Transfer,
    /// Ctrl-F: the 待付款 order list, open or closed.
    Orders,
    /// Ctrl-R: the draft as the 催付结果备注 of the order in focus.
    Note,
    /// Ctrl-C: end the shift (asked first) and quit.
    Quit,
    Help,
    Ignore,
}

/// Map a terminal key on the shift screen. The chords reach the program in Windows
/// Terminal, the Windows console, macOS and Linux terminals and tmux.
pub fn shift_key(key: &KeyEvent) -> ShiftKey {
    if key.kind != KeyEventKind::Press {
        return ShiftKey::Ignore;
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let alt = key.modifiers.contains(KeyModifiers::ALT);
    ShiftKey::Reply(match key.code {
        KeyCode::Char('c') if ctrl => return ShiftKey::Quit,
        KeyCode::Char('n') if ctrl => return ShiftKey::Next,
        KeyCode::Char('p') if ctrl => return ShiftKey::Prev,
        KeyCode::Char('g') if ctrl => return ShiftKey::Longest,
        KeyCode::Char('t') if ctrl => return ShiftKey::Transfer,
        KeyCode::Char('f') if ctrl => return ShiftKey::Orders,
        KeyCode::Char('r') if ctrl => return ShiftKey::Note,
        KeyCode::PageDown => return ShiftKey::Next,
        KeyCode::PageUp => return ShiftKey::Prev,
        KeyCode::F(1) => return ShiftKey::Help,
        KeyCode::Char('o') if ctrl => ReplyKey::Card,
        KeyCode::Char('h') if ctrl => ReplyKey::Backspace,
        KeyCode::Char(_) if ctrl || alt => return ShiftKey::Ignore,
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
        _ => return ShiftKey::Ignore,
    })
}

/// Draw the 接待中心 screen and put the real cursor at the reply's insertion point.
pub fn render(
    frame: &mut ratatui::Frame,
    run: &ShiftRun,
    now: Instant,
    ambi: crate::text::AmbiWidth,
) {
    let area = frame.area();
    let notice = run
        .notice
        .as_ref()
        .filter(|(_, until)| now < *until)
        .map(|(n, _)| n.says());
    let cursor = crate::tui::screens::shift::render_shift(
        frame.buffer_mut(),
        area,
        &run.session,
        &run.drill.title,
        run.t_us(now),
        &crate::tui::screens::shift::Overlay {
            notice: notice.as_deref(),
            order_list: run.order_list,
        },
        ambi,
    );
    if let Some(pos) = cursor {
        frame.set_cursor_position(pos);
    }
}

/// A shift on screen; its clock starts when it opens (the first buyer comes at once).
#[derive(Debug, Clone)]
pub struct ShiftRun {
    pub pack: usize,
    pub pack_title: String,
    pub drill: Drill,
    pub session: ShiftSession,
    pub start: Instant,
    pub started_at: DateTime<FixedOffset>,
    /// What the hint line says for a while, and until when (a Ctrl-T or Ctrl-R with no
    /// note written).
    pub notice: Option<(Notice, Instant)>,
    /// The 待付款 order list, open, with the row chosen.
    pub order_list: Option<usize>,
}

/// A word for the student on the hint line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    TransferNote,
    ResultNote,
    NoOrders,
}

impl Notice {
    pub fn says(self) -> String {
        match self {
            Notice::TransferNote => tr!(
                "转接前先在输入框写好转接备注（比如：顾客要退货，请售后处理），再按 Ctrl-T",
                "Write the transfer note in the reply box first (say: wants a refund, for after-sales), then Ctrl-T"
            ),
            Notice::ResultNote => tr!(
                "先催付，再在输入框写催付结果备注（比如：已催付，顾客说晚上付），按 Ctrl-R 保存",
                "Send the 催付 first, then write the result note in the reply box and press Ctrl-R"
            ),
            Notice::NoOrders => tr!("这个班次没有待付款订单", "this shift has no unpaid orders"),
        }
    }
}

impl ShiftRun {
    /// Open a shift drill at `stamp`; buyers without a written arrival come by the
    /// stamp's seed (the drill's own `seed` wins). `None` for other kinds.
    pub fn new(pack_index: usize, pack: &Pack, drill: &Drill, stamp: Stamp) -> Option<ShiftRun> {
        let DrillBody::Shift(shift) = &*drill.body else {
            return None;
        };
        let mut session = ShiftSession::new(shift.clone(), pack.templates.clone(), stamp.seed());
        session.advance(0);
        Some(ShiftRun {
            pack: pack_index,
            pack_title: pack.title.clone(),
            drill: drill.clone(),
            session,
            start: stamp.at,
            started_at: stamp.wall,
            notice: None,
            order_list: None,
        })
    }

    pub fn t_us(&self, now: Instant) -> u64 {
        u64::try_from(now.saturating_duration_since(self.start).as_micros()).unwrap_or(u64::MAX)
    }

    /// One key or batch at `at`.
    pub fn apply(&mut self, at: Instant, key: ShiftKey, batch: &ReplyBatch) -> Applied {
        let t = self.t_us(at);
        match key {
            ShiftKey::Next | ShiftKey::Prev => {
                if self.session.focus_step(t, key == ShiftKey::Next) {
                    Applied::Changed
                } else {
                    Applied::Ignored
                }
            }
            ShiftKey::Longest => {
                if self.session.focus_longest(t) {
                    Applied::Changed
                } else {
                    Applied::Ignored
                }
            }
            ShiftKey::Transfer => {
                let done = self.session.transfer(t);
                self.say(at, (!done).then_some(Notice::TransferNote));
                Applied::Changed
            }
            ShiftKey::Note => {
                let done = self.session.note(t);
                self.say(at, (!done).then_some(Notice::ResultNote));
                Applied::Changed
            }
            ShiftKey::Orders => {
                if self.session.shift().orders.is_empty() {
                    self.say(at, Some(Notice::NoOrders));
                } else {
                    self.order_list = match self.order_list {
                        Some(_) => None,
                        None => Some(0),
                    };
                }
                Applied::Changed
            }
            _ if self.order_list.is_some() => self.order_list_keys(t, batch),
            _ => self.session.apply(t, batch),
        }
    }

    /// Say `notice` on the hint line for a few seconds (`None`: say nothing).
    fn say(&mut self, at: Instant, notice: Option<Notice>) {
        self.notice = notice.map(|n| (n, at + NOTICE));
    }

    /// Keys while the order list is open: ↑/↓ choose, Enter opens the order's
    /// conversation (its 催付 is written there), Esc closes the list.
    fn order_list_keys(&mut self, t: u64, batch: &ReplyBatch) -> Applied {
        let n = self.session.shift().orders.len();
        for key in batch.keys() {
            let Some(row) = self.order_list else {
                break;
            };
            match key {
                ReplyKey::Up => self.order_list = Some((row + n - 1) % n.max(1)),
                ReplyKey::Down => self.order_list = Some((row + 1) % n.max(1)),
                ReplyKey::Esc => self.order_list = None,
                ReplyKey::Enter => {
                    self.order_list = None;
                    let b = self.session.order_conversation(row);
                    self.session.focus_on(t, b);
                }
                _ => {}
            }
        }
        Applied::Changed
    }

    /// Let the script happen up to `now`; true when the shift's time is up.
    pub fn tick(&mut self, now: Instant) -> bool {
        self.session.advance(self.t_us(now));
        self.session.is_over()
    }

    pub fn next_wake(&self, now: Instant) -> Option<Instant> {
        (!self.session.is_over()).then(|| now + REDRAW)
    }

    /// Anything the student did: an attempt worth saving.
    pub fn has_input(&self) -> bool {
        self.session.has_input()
    }

    /// End the shift now (the student asked to).
    pub fn end(&mut self, at: Instant) {
        let t = self.t_us(at);
        self.session.end(t);
    }

    /// The record to save.
    pub fn record(&self, pack: &Pack, student: crate::record::Student) -> SessionRecord {
        let mut r = shift_record(
            pack,
            &self.drill,
            &self.session,
            uuid::Uuid::new_v4().to_string(),
            self.started_at,
        );
        r.student = student;
        r
    }
}
