//! What `verify` reports: one thing that does not add up, and how it reads.

use crate::tr;

/// One thing that does not add up.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    /// A figure differs from the recomputation.
    Figure {
        name: &'static str,
        recorded: String,
        recomputed: String,
    },
    /// The recorded typed text is not what the log types.
    Typed,
    /// The recorded target is not what the figures say was typed against.
    Target,
    /// Logged `ok` flags that the replay contradicts.
    OkFlags { count: usize },
    /// Logged events the trainer would never have logged (input past the end…).
    Impossible { count: usize },
    /// A time earlier than the one before it.
    Backwards {
        index: usize,
        from_us: u64,
        to_us: u64,
    },
    /// Inputs in separate batches faster than hands.
    Burst {
        inputs: usize,
        at_us: u64,
        span_us: u64,
    },
    /// Pastes the trainer refused.
    Pastes { count: usize },
    /// The pack differs from the teacher's copy.
    PackHash { version: String },
    /// The drill is not in the teacher's copy of the pack.
    NoDrill,
    /// The drill's text (or a phrase) differs from the teacher's copy.
    PackText,
    /// The rules recorded (time limit, strict, pass) differ from the teacher's copy.
    PackRules,
    /// The record cannot be recomputed: an unknown kind.
    UnknownKind(String),
    /// A pinyin record saved before `cpm` held its 字/分 (it holds the letters' rate):
    /// a note, not a failure.
    PinyinCpmBeforeRule,
    /// A time, count or figure no session can hold (see [`crate::record::limits`]).
    OutOfRange(String),
    /// A shift's log does not follow its script from event `at` on: a buyer's message,
    /// nudge or leaving the script does not give, or keys that cannot have been pressed.
    Script { at: usize },
}

impl Problem {
    /// Said, but not a reason to fail the session.
    pub fn is_note(&self) -> bool {
        matches!(self, Problem::PinyinCpmBeforeRule)
    }

    /// One line for the verify report.
    pub fn message(&self) -> String {
        match self {
            Problem::Figure {
                name,
                recorded,
                recomputed,
            } => tr!(
                "{name} 记录为 {recorded}，按击键重算为 {recomputed}",
                "{name} is {recorded} in the record but {recomputed} recomputed from the keystrokes"
            ),
            Problem::Script { at } => tr!(
                "班次记录从第 {} 个事件起与班次剧本对不上（顾客的消息、催促或离开不是剧本给的，或按键推不出来）",
                "the shift's log does not follow its script from event {} on (a buyer's message, nudge or leaving the script does not give, or keys that cannot have been pressed)",
                at + 1
            ),
            Problem::Typed => tr!(
                "记录的输入文本与击键记录不符",
                "the typed text does not follow from the keystrokes"
            ),
            Problem::Target => tr!(
                "记录的目标文本与重算不符",
                "the target text does not match the recomputation"
            ),
            Problem::OkFlags { count } => tr!(
                "{count} 个击键的对错标记与重算不符",
                "{count} keystrokes are marked right or wrong against the recomputation"
            ),
            Problem::Impossible { count } => tr!(
                "{count} 个击键练习程序不会记录（如超出文本末尾）",
                "{count} keystrokes the trainer would never have logged (e.g. past the end)"
            ),
            Problem::Backwards {
                index,
                from_us,
                to_us,
            } => {
                let n = index + 1;
                let (a, b) = (secs(*from_us), secs(*to_us));
                tr!(
                    "时间倒流：第 {n} 个击键在 {b} 秒，前一个在 {a} 秒",
                    "time goes backwards: keystroke {n} at {b} s after one at {a} s"
                )
            }
            Problem::Burst {
                inputs,
                at_us,
                span_us,
            } => {
                let (at, ms) = (secs(*at_us), span_us / 1000);
                tr!(
                    "{at} 秒起 {inputs} 个分开的输入只用了 {ms} 毫秒，快过人手",
                    "{inputs} separate inputs within {ms} ms from {at} s: faster than hands"
                )
            }
            Problem::Pastes { count } => tr!("{count} 次粘贴被拒绝", "{count} pastes were refused"),
            Problem::PackHash { version } => tr!(
                "练习包（版本 {version}）与老师的版本内容不同（pack_hash 不符）",
                "the pack (version {version}) differs from the teacher's copy (pack_hash)"
            ),
            Problem::NoDrill => tr!(
                "老师的练习包里没有这个练习",
                "the teacher's copy of the pack has no such drill"
            ),
            Problem::PackText => tr!(
                "练习文本与老师的练习包不同",
                "the drill's text differs from the teacher's copy of the pack"
            ),
            Problem::PackRules => tr!(
                "练习规则（时限、严格模式或达标线）与老师的练习包不同",
                "the drill's rules (time limit, strict, pass) differ from the teacher's copy"
            ),
            Problem::UnknownKind(kind) => tr!(
                "未知的练习类型 {kind}，无法重算",
                "unknown drill kind {kind}; cannot recompute"
            ),
            Problem::PinyinCpmBeforeRule => tr!(
                "（说明）旧版拼音记录：cpm 记的是击键的速度，现在记 字/分；其余成绩相符",
                "(note) an older pinyin record: its cpm holds the key rate, which is now 字/分; the rest adds up"
            ),
            Problem::OutOfRange(what) => tr!(
                "{what} 超出一次练习可能的范围（时间不超过一天，次数不超过击键记录，成绩为有限数），不予采信",
                "{what} is beyond what a session can hold (times within a day, counts within the log, finite figures); not accepted"
            ),
        }
    }

    /// A few words for the report's flag column.
    pub fn short(&self) -> String {
        match self {
            Problem::Figure { .. } => tr!("成绩不符", "figures"),
            Problem::Typed
            | Problem::Target
            | Problem::OkFlags { .. }
            | Problem::Impossible { .. }
            | Problem::Script { .. } => {
                tr!("记录不符", "log")
            }
            Problem::Backwards { .. } => tr!("时间倒流", "time"),
            Problem::Burst { .. } => tr!("过快", "burst"),
            Problem::Pastes { .. } => tr!("粘贴", "paste"),
            Problem::PackHash { .. }
            | Problem::NoDrill
            | Problem::PackText
            | Problem::PackRules => {
                tr!("练习包不符", "pack")
            }
            Problem::UnknownKind(_) => tr!("未知类型", "kind"),
            Problem::PinyinCpmBeforeRule => tr!("旧版拼音", "old pinyin"),
            Problem::OutOfRange(_) => tr!("数值越界", "range"),
        }
    }
}

fn secs(us: u64) -> String {
    format!("{:.2}", us as f64 / 1_000_000.0)
}
