//! The results record: what a finished session is, on disk, in exports and for `verify`.
//!
//! The keystroke log is the single source of truth; every figure in a
//! [`SessionRecord`] is derived from it by the engine's pure summary.

pub mod file;
pub mod limits;

use serde::{Deserialize, Serialize};

/// One logged event. `t_us` is microseconds since the drill started (monotonic clock,
/// stamped when the event was read). Graphemes of one input-method commit share one time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "FlatKeystroke")]
pub struct Keystroke {
    pub t_us: u64,
    #[serde(flatten)]
    pub op: Op,
}

/// A keystroke as it reads from JSON. serde's `flatten` over a tagged enum buffers every
/// field and decodes several times slower; a log has thousands of keystrokes per session,
/// so reading goes through this flat form.
#[derive(Deserialize)]
struct FlatKeystroke {
    t_us: u64,
    op: String,
    text: Option<String>,
    ok: Option<bool>,
    len: Option<usize>,
    index: Option<usize>,
    code: Option<String>,
    field: Option<String>,
    conversation: Option<usize>,
    turn: Option<usize>,
    at: Option<usize>,
}

impl TryFrom<FlatKeystroke> for Keystroke {
    type Error = String;

    fn try_from(k: FlatKeystroke) -> Result<Keystroke, String> {
        fn need<T>(value: Option<T>, op: &str, name: &str) -> Result<T, String> {
            value.ok_or_else(|| format!("keystroke `{op}` without `{name}`"))
        }
        let op = match k.op.as_str() {
            "input" => Op::Input {
                text: need(k.text, &k.op, "text")?,
                ok: need(k.ok, &k.op, "ok")?,
            },
            "backspace" => Op::Backspace,
            "paste_rejected" => Op::PasteRejected {
                len: need(k.len, &k.op, "len")?,
            },
            "show" => Op::Show {
                index: need(k.index, &k.op, "index")?,
            },
            "select" => Op::Select {
                code: need(k.code, &k.op, "code")?,
            },
            "next_slot" => Op::NextSlot,
            "card" => Op::Card {
                field: need(k.field, &k.op, "field")?,
            },
            "send" => Op::Send,
            "abandon" => Op::Abandon,
            "buyer" => Op::Buyer {
                conversation: need(k.conversation, &k.op, "conversation")?,
                turn: need(k.turn, &k.op, "turn")?,
            },
            "nudge" => Op::Nudge {
                conversation: need(k.conversation, &k.op, "conversation")?,
            },
            "gone" => Op::Gone {
                conversation: need(k.conversation, &k.op, "conversation")?,
            },
            "focus" => Op::Focus {
                conversation: need(k.conversation, &k.op, "conversation")?,
            },
            "end" => Op::End,
            "transfer" => Op::Transfer {
                conversation: need(k.conversation, &k.op, "conversation")?,
                text: need(k.text, &k.op, "text")?,
            },
            "paid" => Op::Paid {
                conversation: need(k.conversation, &k.op, "conversation")?,
            },
            "note" => Op::Note {
                conversation: need(k.conversation, &k.op, "conversation")?,
                text: need(k.text, &k.op, "text")?,
            },
            "cursor" => Op::Cursor {
                at: need(k.at, &k.op, "at")?,
            },
            "close" => Op::Close,
            other => return Err(format!("unknown keystroke op `{other}`")),
        };
        Ok(Keystroke { t_us: k.t_us, op })
    }
}

/// What happened. Serialised as `{"t_us": 0, "op": "input", "text": "亲", "ok": true}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Op {
    /// One grapheme typed (`"\n"` for Enter), and whether it matched the target then.
    Input {
        text: String,
        ok: bool,
    },
    Backspace,
    /// A paste or over-long batch, refused and never counted.
    PasteRejected {
        len: usize,
    },
    /// Quick-reply: customer message `index` is shown; its response clock starts.
    Show {
        index: usize,
    },
    /// Quick-reply: a template chosen from the phrase list.
    Select {
        code: String,
    },
    /// Quick-reply: Tab to the next placeholder.
    NextSlot,
    /// Quick-reply: an order-card field inserted.
    Card {
        field: String,
    },
    /// Quick-reply: the reply sent.
    Send,
    /// Quick-reply: the message abandoned with Esc (or left open when the drill's time
    /// limit ran out, logged at the limit).
    Abandon,
    /// The reply's insertion point moved to grapheme `at` (←/→/Home/End), so a replay
    /// puts what is typed next where it went.
    Cursor {
        at: usize,
    },
    /// Esc closed the phrase list or the card picker.
    Close,
    /// Shift: buyer `conversation` sends their script's turn `turn`.
    Buyer {
        conversation: usize,
        turn: usize,
    },
    /// Shift: buyer `conversation` nudges (the reply is slow).
    Nudge {
        conversation: usize,
    },
    /// Shift: buyer `conversation` left unanswered (未回复流失).
    Gone {
        conversation: usize,
    },
    /// Shift: the student turns to conversation `conversation`; keys and sends go there.
    Focus {
        conversation: usize,
    },
    /// Shift: ended by the student before its time.
    End,
    /// Shift: buyer `conversation` handed to a colleague (转接) with the note `text`.
    Transfer {
        conversation: usize,
        text: String,
    },
    /// Shift: the order of conversation `conversation` was paid (after a 催付).
    Paid {
        conversation: usize,
    },
    /// Shift: the 催付结果备注 `text` written for the order of `conversation`.
    Note {
        conversation: usize,
        text: String,
    },
}

/// What kind of drill a session was (`text`, `phrases`, `quickreply`, `recall`,
/// `recite`); a value this kuaida does not know (a newer kuaida's, or a forged file's)
/// is kept as read, so `verify` can name it instead of refusing the whole file.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Kind {
    Text,
    Phrases,
    QuickReply,
    Recall,
    Recite,
    Shift,
    Unknown(String),
}

impl Kind {
    pub fn as_str(&self) -> &str {
        match self {
            Kind::Text => "text",
            Kind::Phrases => "phrases",
            Kind::QuickReply => "quickreply",
            Kind::Recall => "recall",
            Kind::Recite => "recite",
            Kind::Shift => "shift",
            Kind::Unknown(s) => s,
        }
    }

    pub fn parse(s: &str) -> Kind {
        match crate::pack::DrillKind::parse(s) {
            Some(k) => Kind::from(k),
            None => Kind::Unknown(s.to_string()),
        }
    }
}

impl From<crate::pack::DrillKind> for Kind {
    fn from(k: crate::pack::DrillKind) -> Kind {
        use crate::pack::DrillKind as D;
        match k {
            D::Text => Kind::Text,
            D::Phrases => Kind::Phrases,
            D::QuickReply => Kind::QuickReply,
            D::Recall => Kind::Recall,
            D::Recite => Kind::Recite,
            D::Shift => Kind::Shift,
        }
    }
}

/// How a session was practised, beyond its kind: `pinyin` (a text or phrases drill
/// typed as pinyin letters), `recall`, `recite`; unknown values kept as read.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Mode {
    Pinyin,
    Recall,
    Recite,
    Unknown(String),
}

impl Mode {
    pub fn as_str(&self) -> &str {
        match self {
            Mode::Pinyin => "pinyin",
            Mode::Recall => "recall",
            Mode::Recite => "recite",
            Mode::Unknown(s) => s,
        }
    }

    pub fn parse(s: &str) -> Mode {
        match s {
            "pinyin" => Mode::Pinyin,
            "recall" => Mode::Recall,
            "recite" => Mode::Recite,
            other => Mode::Unknown(other.to_string()),
        }
    }
}

/// Both are written and read as their plain names.
macro_rules! as_string_in_json {
    ($t:ty) => {
        impl Serialize for $t {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }
        impl<'de> Deserialize<'de> for $t {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = std::borrow::Cow::<'de, str>::deserialize(d)?;
                Ok(<$t>::parse(&s))
            }
        }
        impl From<&str> for $t {
            fn from(s: &str) -> $t {
                <$t>::parse(s)
            }
        }
    };
}
as_string_in_json!(Kind);
as_string_in_json!(Mode);

/// Who a session belongs to (shared lab PCs have several students).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Student {
    pub name: Option<String>,
    pub id: Option<String>,
}

/// One quick-reply message's outcome.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MessageResult {
    pub customer: String,
    pub expect: Vec<String>,
    pub code: Option<String>,
    pub reply: String,
    pub template_ok: bool,
    pub slots_ok: bool,
    /// Words added before or after the template's text.
    pub extra: Option<String>,
    pub response_ms: Option<u64>,
    pub keys: u32,
    pub keys_if_typed: u32,
}

/// A finished (or left) drill session, as saved and exported.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionRecord {
    /// Unique across machines (a UUID).
    pub id: String,
    #[serde(default)]
    pub student: Student,
    pub pack: String,
    pub pack_version: String,
    pub pack_hash: String,
    pub drill: String,
    #[serde(default)]
    pub drill_title: String,
    pub kind: Kind,
    pub mode: Option<Mode>,
    /// RFC 3339 with offset.
    pub started_at: chrono::DateTime<chrono::FixedOffset>,
    pub completed: bool,
    pub duration_ms: u64,
    pub cpm: f64,
    pub net_cpm: f64,
    pub wpm: f64,
    pub kpm: f64,
    pub accuracy: f64,
    pub consistency: f64,
    pub backspaces: u32,
    pub corrections: u32,
    pub errors: u32,
    pub halfwidth: u32,
    pub passed: Option<bool>,
    /// The code the student typed on the rules screen of a `start_code = true` drill
    /// (the one the teacher announced in class); `None` when none was asked.
    #[serde(default)]
    pub start_code: Option<String>,
    /// The drill's rules, so the figures can be recomputed from the log alone.
    #[serde(default)]
    pub time_limit: Option<u32>,
    #[serde(default)]
    pub strict: bool,
    /// Text and phrases: 旺旺 face tokens and leading speaker labels were shown and not
    /// typed (records before this rule typed them).
    #[serde(default, skip_serializing_if = "is_false")]
    pub shown_not_typed: bool,
    #[serde(default)]
    pub pass: Option<crate::pack::Pass>,
    /// Quick-reply: the drill's response goal per message, in seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_seconds: Option<u32>,
    /// What was to be typed; phrases joined by line breaks (which are not typed).
    pub target: String,
    pub typed: String,
    pub keystrokes: Vec<Keystroke>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub messages: Option<Vec<MessageResult>>,
    /// Pinyin sessions: per line, per grapheme of `target`, the keys accepted for it
    /// (the reading typed, or for a 字 not reached the first), so the figures can be
    /// recomputed without the dictionary.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub readings: Option<Vec<Vec<String>>>,
    /// Shift sessions: the shift's rules and buyers, so its figures are recomputed from
    /// the record alone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shift: Option<ShiftInfo>,
}

/// What a shift session's figures need beyond its log and replies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShiftInfo {
    pub minutes: u32,
    /// The response goal for a buyer's first message (`target_seconds` for the others).
    pub first_response_seconds: u32,
    pub max_wait: Option<u32>,
    /// The seed the buyers without a written arrival came by.
    pub seed: u64,
    /// The buyers' names, by conversation.
    pub buyers: Vec<String>,
    /// By conversation, the script's turns handled by 转接 (`transfer = true`).
    #[serde(default, skip_serializing_if = "no_turns")]
    pub transfer_turns: Vec<Vec<usize>>,
    /// By conversation, the turns that mean the buyer ordered (`ordered = true`): the
    /// buyers with any are the 询单 of 询单转化.
    #[serde(default, skip_serializing_if = "no_turns")]
    pub ordered_turns: Vec<Vec<usize>>,
    /// The work the agent starts (催付, 关怀): conversations after the buyers'.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub work: Option<WorkInfo>,
}

/// A shift's 待付款 orders and 关怀 events, as their figures need them: the orders'
/// conversations follow the buyers', the care events' follow the orders'.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkInfo {
    /// The shop's clock at the start, and the quiet hours, in minutes after midnight.
    pub starts: u32,
    pub quiet: (u32, u32),
    pub orders: Vec<OrderRule>,
    pub cares: u32,
}

/// When an order may be 催付'd.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderRule {
    /// Minutes from the start of the shift to the order (earlier: below zero).
    pub ordered: i32,
    pub remind_after: u32,
    pub refused: bool,
}

fn no_turns(turns: &[Vec<usize>]) -> bool {
    turns.iter().all(Vec::is_empty)
}

fn is_false(b: &bool) -> bool {
    !b
}

pub const RESULTS_FORMAT: &str = "kuaida-results";
pub const RESULTS_VERSION: u32 = 1;

/// The document `history --json` prints and `export` writes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResultsDoc {
    pub format: String,
    pub version: u32,
    pub student: Student,
    pub exported_at: chrono::DateTime<chrono::FixedOffset>,
    /// Newest first.
    pub sessions: Vec<SessionRecord>,
}

impl ResultsDoc {
    pub fn new(
        student: Student,
        exported_at: chrono::DateTime<chrono::FixedOffset>,
        sessions: Vec<SessionRecord>,
    ) -> ResultsDoc {
        ResultsDoc {
            format: RESULTS_FORMAT.to_string(),
            version: RESULTS_VERSION,
            student,
            exported_at,
            sessions,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keystrokes_serialise_as_the_contract_shows() {
        let k = Keystroke {
            t_us: 0,
            op: Op::Input {
                text: "亲".into(),
                ok: true,
            },
        };
        assert_eq!(
            serde_json::to_string(&k).unwrap(),
            r#"{"t_us":0,"op":"input","text":"亲","ok":true}"#
        );
        let b: Keystroke = serde_json::from_str(r#"{"t_us":412000,"op":"backspace"}"#).unwrap();
        assert_eq!(
            b,
            Keystroke {
                t_us: 412000,
                op: Op::Backspace
            }
        );
        let p: Keystroke =
            serde_json::from_str(r#"{"t_us":5,"op":"paste_rejected","len":40}"#).unwrap();
        assert_eq!(p.op, Op::PasteRejected { len: 40 });
    }

    #[test]
    fn every_op_reads_back_what_was_written() {
        let ops = [
            Op::Input {
                text: "在".into(),
                ok: false,
            },
            Op::Backspace,
            Op::PasteRejected { len: 40 },
            Op::Show { index: 2 },
            Op::Select { code: "cx".into() },
            Op::NextSlot,
            Op::Card {
                field: "单号".into(),
            },
            Op::Send,
            Op::Abandon,
        ];
        for (i, op) in ops.into_iter().enumerate() {
            let k = Keystroke { t_us: i as u64, op };
            let json = serde_json::to_string(&k).unwrap();
            assert_eq!(
                serde_json::from_str::<Keystroke>(&json).unwrap(),
                k,
                "{json}"
            );
        }
    }

    #[test]
    fn kinds_and_modes_read_back_and_keep_unknown_values() {
        for kind in [
            "text",
            "phrases",
            "quickreply",
            "recall",
            "recite",
            "shift2",
        ] {
            let k: Kind = serde_json::from_str(&format!("\"{kind}\"")).unwrap();
            assert_eq!(k.as_str(), kind);
            assert_eq!(serde_json::to_string(&k).unwrap(), format!("\"{kind}\""));
        }
        assert_eq!(Kind::parse("quickreply"), Kind::QuickReply);
        assert_eq!(Kind::parse("Text"), Kind::Unknown("Text".into()));
        let m: Option<Mode> = serde_json::from_str("null").unwrap();
        assert_eq!(m, None);
        assert_eq!(Mode::parse("pinyin"), Mode::Pinyin);
        assert_eq!(Mode::parse("wubi"), Mode::Unknown("wubi".into()));
        assert!(serde_json::from_str::<Kind>("3").is_err());
    }

    #[test]
    fn a_keystroke_missing_its_fields_is_refused() {
        for bad in [
            r#"{"t_us":1,"op":"input","text":"a"}"#,
            r#"{"t_us":1,"op":"jump"}"#,
            r#"{"op":"send"}"#,
        ] {
            assert!(serde_json::from_str::<Keystroke>(bad).is_err(), "{bad}");
        }
    }
}
