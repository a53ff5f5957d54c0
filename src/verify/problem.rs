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
    /// Timing no hands make (疑似异常), though the figures may add up.
    Suspect(crate::verify::anomaly::Anomaly),
    /// Pastes the trainer refused.
    Pastes { count: usize },
    /// The pack's file is not the teacher's (its hash differs): a note, for another
    /// drill may be what changed; the drill itself is compared.
    PackHash { version: String },
    /// The drill is not in the teacher's copy of the pack.
    NoDrill,
    /// The drill's text (or a phrase, or a code asked) differs from the teacher's copy.
    PackText,
    /// A quick-reply drill's customer messages or accepted codes differ from the
    /// teacher's copy.
    PackMessages,
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
        matches!(
            self,
            Problem::PinyinCpmBeforeRule | Problem::PackHash { .. }
        )
    }

    /// One line for the verify report.
    pub fn message(&self) -> String {
        match self {
            Problem::Script { at } => tr!(
                "班次记录从第 {} 个事件起与班次剧本对不上（顾客的消息、催促或离开不是剧本给的，或按键推不出来）",
                "the shift's log does not follow its script from event {} on (a buyer's message, nudge or leaving the script does not give, or keys that cannot have been pressed)",
                at + 1
            ),
            Problem::Figure {
                name,
                recorded,
                recomputed,
            } => tr!(
                "{name} 记录为 {recorded}，按击键重算为 {recomputed}",
                "{name} is {recorded} in the record but {recomputed} recomputed from the keystrokes"
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
            Problem::Suspect(a) => suspect_message(a),
            Problem::Pastes { count } => tr!("{count} 次粘贴被拒绝", "{count} pastes were refused"),
            Problem::PackHash { version } => tr!(
                "（说明）练习包（版本 {version}）与老师的版本内容不同（pack_hash 不符），只比对这个练习本身",
                "(note) the pack (version {version}) differs from the teacher's copy (pack_hash); this drill itself is compared"
            ),
            Problem::NoDrill => tr!(
                "老师的练习包里没有这个练习",
                "the teacher's copy of the pack has no such drill"
            ),
            Problem::PackText => tr!(
                "练习文本与老师的练习包不同",
                "the drill's text differs from the teacher's copy of the pack"
            ),
            Problem::PackMessages => tr!(
                "顾客消息或可接受的编码与老师的练习包不同",
                "the customer messages or accepted codes differ from the teacher's copy of the pack"
            ),
            Problem::PackRules => tr!(
                "练习规则（时限、严格模式、达标线或响应目标）与老师的练习包不同",
                "the drill's rules (time limit, strict, pass, response goal) differ from the teacher's copy"
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
}

fn suspect_message(a: &crate::verify::anomaly::Anomaly) -> String {
    use crate::verify::anomaly::{Anomaly, CLOSE_US};
    match a {
        Anomaly::ChineseRate {
            per_minute,
            from_us,
            span_us,
        } => {
            let (rate, at, span) = (format!("{per_minute:.0}"), secs(*from_us), secs(*span_us));
            tr!(
                "{at} 秒起 {span} 秒内中文达到 {rate} 字/分，超过 250 字/分，手打不到",
                "Chinese at {rate} 字/分 over {span} s from {at} s: over 250, faster than hands"
            )
        }
        Anomaly::LatinRate {
            per_minute,
            from_us,
            span_us,
        } => {
            let (rate, at, span) = (format!("{per_minute:.0}"), secs(*from_us), secs(*span_us));
            tr!(
                "{at} 秒起 {span} 秒内字母数字达到每分钟 {rate} 个，超过 1000 个，手打不到",
                "letters and digits at {rate} a minute over {span} s from {at} s: over 1,000, faster than hands"
            )
        }
        Anomaly::Expansion {
            graphemes,
            at_us,
            gap_ms,
        } => {
            let at = secs(*at_us);
            tr!(
                "{at} 秒处一次上屏 {graphemes} 个字，离上一个输入只有 {gap_ms} 毫秒（像输入法的自定义短语）",
                "{graphemes} 字 committed at once at {at} s, {gap_ms} ms after the input before (like an input method's custom phrase)"
            )
        }
        Anomaly::CloseCommits { pairs } => {
            let ms = CLOSE_US / 1000;
            tr!(
                "{pairs} 对中文上屏相隔不到 {ms} 毫秒",
                "{pairs} pairs of Chinese commits under {ms} ms apart"
            )
        }
    }
}

fn secs(us: u64) -> String {
    format!("{:.2}", us as f64 / 1_000_000.0)
}
