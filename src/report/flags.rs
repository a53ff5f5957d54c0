//! What a class table says about a session (PRODUCT.md "Class results"): each finding a
//! flag in the student's row and a line in the details, never resolved silently.

use crate::tr;
use crate::verify::Problem;

/// One kind of finding, in the order a row lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Flag {
    /// What is graded differs from the teacher's drill.
    PackChanged,
    /// The record does not add up (figures, typed text, marks, times).
    Mismatch,
    /// The same session id or keystroke log in two students' files (or twice).
    Copied,
    /// Timing no hands make.
    Suspect,
    /// An exam taken outside `--from`/`--to`.
    OutsideWindow,
    /// A `start_code` drill without the code given with `--code`.
    WrongCode,
    /// The attempt that counts was left before its end.
    Left,
    /// Pastes the trainer refused.
    Paste,
    /// Not checked: the file's steps ran out.
    TooCostly,
    /// Values no session can hold.
    OutOfRange,
    /// A kind or mode this kuaida cannot recompute.
    Unreadable,
}

impl Flag {
    pub fn label(self) -> String {
        match self {
            Flag::PackChanged => tr!("练习包被改动", "pack changed"),
            Flag::Mismatch => tr!("记录不符", "record does not add up"),
            Flag::Copied => tr!("抄袭或重复", "copied or duplicated"),
            Flag::Suspect => tr!("疑似异常", "suspect timing"),
            Flag::OutsideWindow => tr!("时间外", "outside the dates"),
            Flag::WrongCode => tr!("口令不符", "wrong start code"),
            Flag::Left => tr!("中途退出", "left midway"),
            Flag::Paste => tr!("粘贴", "paste"),
            Flag::TooCostly => tr!("超出核对上限", "too costly to check"),
            Flag::OutOfRange => tr!("数值越界", "range"),
            Flag::Unreadable => tr!("无法重算", "cannot recompute"),
        }
    }

    /// Whether a session with it is held from 达标 (and from bests, assignments and
    /// class figures) until the teacher has looked. A left attempt is graded as left,
    /// a refused paste was never counted: neither holds.
    pub fn holds(self) -> bool {
        !matches!(self, Flag::Left | Flag::Paste)
    }

    /// The flag of one of `verify`'s problems.
    pub fn of(p: &Problem) -> Flag {
        match p {
            Problem::Figure { .. }
            | Problem::Typed
            | Problem::Target
            | Problem::OkFlags { .. }
            | Problem::Impossible { .. }
            | Problem::Script { .. }
            | Problem::Backwards { .. } => Flag::Mismatch,
            Problem::Burst { .. } | Problem::Suspect(_) => Flag::Suspect,
            Problem::Pastes { .. } => Flag::Paste,
            Problem::PackHash { .. }
            | Problem::NoDrill
            | Problem::PackText
            | Problem::PackMessages
            | Problem::PackRules => Flag::PackChanged,
            Problem::UnknownKind(_) => Flag::Unreadable,
            // A note, never among the problems; were it one, its figure would differ.
            Problem::PinyinCpmBeforeRule => Flag::Mismatch,
            Problem::OutOfRange(_) => Flag::OutOfRange,
        }
    }
}

/// One finding: its flag, the session (`id (pack/drill, date)`) and what was found,
/// both safe for the terminal.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub flag: Flag,
    pub session: String,
    pub message: String,
}

impl Finding {
    pub fn new(flag: Flag, session: &str, message: &str) -> Finding {
        Finding {
            flag,
            session: super::clean(session),
            message: super::clean(message),
        }
    }

    /// `练习包被改动 · s-1 (p/exam, 2026-12-07 10:00): …`
    pub fn line(&self) -> String {
        format!("{} · {}: {}", self.flag.label(), self.session, self.message)
    }
}

/// `session-id (pack/drill, date)`, the way a finding names its session.
pub fn session_label(s: &crate::record::SessionRecord) -> String {
    let date = s.started_at.format("%Y-%m-%d %H:%M");
    super::clean(&format!("{} ({}/{}, {date})", s.id, s.pack, s.drill))
}
