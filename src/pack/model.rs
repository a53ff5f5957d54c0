//! The drill pack as the rest of kuaida sees it: validated, normalised, never raw TOML.
//! build.rs compiles this file too and embeds the built-in packs serialised with serde.

use super::body::Body;
use super::template::{Segment, TemplateError};
use std::sync::OnceLock;

/// A pack of drills and quick-reply templates (format 1).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Pack {
    pub id: String,
    pub title: String,
    pub version: String,
    pub author: Option<String>,
    pub description: Option<String>,
    pub tags: Vec<String>,
    pub templates: Vec<Template>,
    pub drills: Vec<Drill>,
    /// The drills (by id) whose rules screen asks for the code the teacher announces in
    /// class (`start_code = true`). On the pack rather than on [`Drill`]: the drills the
    /// trainer builds of its own (weak characters, code drills) never ask for one.
    #[serde(default)]
    pub start_code: Vec<String>,
    /// `[[assignment]]`: what a class report marks 完成 / 未完成 / 迟交.
    #[serde(default)]
    pub assignments: Vec<Assignment>,
    /// sha256 (lower-case hex) of the pack's text after decoding (UTF-8, LF line ends, no BOM).
    pub hash: String,
    pub source: PackSource,
}

/// Where a pack came from.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum PackSource {
    /// Embedded in the binary from `drills/NAME.toml`.
    Builtin { file: String },
    /// Installed into the data dir's `packs/`.
    Installed { path: std::path::PathBuf },
    /// A file given on the command line, not installed.
    File { path: std::path::PathBuf },
    /// Made by kuaida for this student (weak-character practice); no file behind it.
    Generated,
}

/// A quick-reply template (快捷短语): typed as `/code`, expanded into `text`.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Template {
    pub code: String,
    pub group: String,
    pub text: String,
    /// `text` as literals and `{placeholders}`, parsed on first use (a start reads every
    /// built-in template and uses few), or given by the check that parsed it.
    #[serde(skip)]
    segments: OnceLock<Vec<Segment>>,
}

/// Templates are equal by what they say; the segments follow from the text.
impl PartialEq for Template {
    fn eq(&self, other: &Template) -> bool {
        (&self.code, &self.group, &self.text) == (&other.code, &other.group, &other.text)
    }
}

impl Template {
    /// A template whose `text` parsed as `segments` (`template::parse`).
    pub fn parsed(code: String, group: String, text: String, segments: Vec<Segment>) -> Template {
        Template {
            code,
            group,
            text,
            segments: OnceLock::from(segments),
        }
    }

    /// A template of `text`, if it parses.
    pub fn new(code: &str, group: &str, text: &str) -> Result<Template, TemplateError> {
        let segments = super::template::parse(text)?;
        Ok(Template::parsed(
            code.into(),
            group.into(),
            text.into(),
            segments,
        ))
    }

    /// `text` as literals and `{placeholders}`. A text that does not parse (only a
    /// template built in code could hold one) is all literal.
    pub fn segments(&self) -> &[Segment] {
        self.segments.get_or_init(|| {
            super::template::parse(&self.text)
                .unwrap_or_else(|_| vec![Segment::Literal(self.text.clone())])
        })
    }
    /// The placeholder names in order of first appearance, each once.
    pub fn placeholders(&self) -> Vec<&str> {
        let mut names: Vec<&str> = Vec::new();
        for seg in self.segments() {
            if let Segment::Slot(name) = seg
                && !names.contains(&name.as_str())
            {
                names.push(name);
            }
        }
        names
    }
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Drill {
    pub id: String,
    pub title: String,
    /// One line shown on home.
    pub description: Option<String>,
    pub tags: Vec<String>,
    /// Seconds; the drill ends when they run out.
    pub time_limit: Option<u32>,
    /// Backspace disabled.
    pub strict: bool,
    pub pass: Option<Pass>,
    /// A built-in drill's body is read on first use ([`Body`]).
    pub body: Body,
}

impl Drill {
    /// A drill with no tags, time limit, strict mode or pass criteria.
    pub fn plain(id: &str, title: String, body: DrillBody) -> Drill {
        Drill {
            id: id.to_owned(),
            title,
            description: None,
            tags: Vec::new(),
            time_limit: None,
            strict: false,
            pass: None,
            body: body.into(),
        }
    }

    pub fn kind(&self) -> DrillKind {
        self.body.kind()
    }

    /// A drill with a time limit or pass criteria shows its rules before it starts.
    pub fn shows_rules(&self) -> bool {
        self.time_limit.is_some() || self.pass.is_some()
    }

    /// A drill with pass criteria is an exam: its first attempt is the graded one, so
    /// leaving it asks first and a retry says it will not count.
    pub fn is_exam(&self) -> bool {
        self.pass.is_some()
    }
}

/// Pass criteria by kind (PRODUCT.md "`pass` by kind"): every criterion must hold, and
/// the drill must be completed. Written as a plain table, so the variant is told by its
/// keys (a record from an older kuaida has `{cpm, accuracy}` whatever its kind).
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(untagged)]
pub enum Pass {
    /// Text and phrases: 字/分 and accuracy (per cent).
    Typing { cpm: f64, accuracy: f64 },
    /// Quick reply: per cent of messages right, and a mean response of at most `seconds`.
    Reply { correct: f64, seconds: f64 },
    /// Recall and recite: per cent of items right.
    Codes { correct: f64 },
    /// A shift: per cent of buyers replied to, and a mean response of at most `seconds`.
    Shift { reply_rate: f64, seconds: f64 },
}

impl Pass {
    /// A typing drill's verdict; `None` when the line is not one for typing.
    pub fn typing(&self, completed: bool, cpm: f64, accuracy: f64) -> Option<bool> {
        match *self {
            Pass::Typing {
                cpm: min_cpm,
                accuracy: min_accuracy,
            } => Some(completed && cpm >= min_cpm && accuracy >= min_accuracy),
            _ => None,
        }
    }

    /// A quick-reply drill's verdict from the share of messages right and the mean
    /// response; a line in typing terms (an older record's) judges the hand-typed
    /// `cpm` and `accuracy`.
    pub fn reply(
        &self,
        completed: bool,
        right_percent: f64,
        mean_response_ms: Option<u64>,
        hand: (f64, f64),
    ) -> Option<bool> {
        match *self {
            Pass::Reply { correct, seconds } => Some(
                completed
                    && right_percent >= correct
                    && mean_response_ms.is_some_and(|ms| ms as f64 <= seconds * 1000.0),
            ),
            Pass::Typing { .. } => self.typing(completed, hand.0, hand.1),
            Pass::Codes { .. } | Pass::Shift { .. } => None,
        }
    }

    /// A code drill's verdict from the share right; a line in typing terms (an older
    /// record's) judges `cpm` and `accuracy` as the record keeps them.
    pub fn codes(&self, completed: bool, right_percent: f64, typed: (f64, f64)) -> Option<bool> {
        match *self {
            Pass::Codes { correct } => Some(completed && right_percent >= correct),
            Pass::Typing { .. } => self.typing(completed, typed.0, typed.1),
            Pass::Reply { .. } | Pass::Shift { .. } => None,
        }
    }

    /// A shift's verdict from the share of buyers replied to and the mean response.
    pub fn shift(
        &self,
        completed: bool,
        reply_percent: f64,
        mean_response_ms: Option<u64>,
    ) -> Option<bool> {
        match *self {
            Pass::Shift {
                reply_rate,
                seconds,
            } => Some(
                completed
                    && reply_percent >= reply_rate
                    && mean_response_ms.is_some_and(|ms| ms as f64 <= seconds * 1000.0),
            ),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum DrillBody {
    /// Type `text` as shown; Enter where it has a line break.
    Text { text: String },
    /// Short phrases one after another.
    Phrases {
        phrases: Vec<String>,
        order: PhraseOrder,
        /// Phrases per round; `None` means all.
        count: Option<usize>,
    },
    /// Answer customer messages with templates.
    QuickReply {
        scenarios: Vec<Scenario>,
        target_seconds: u32,
    },
    /// The reply (or situation) is shown; type its code.
    Recall {
        group: Option<String>,
        count: Option<usize>,
    },
    /// The code is shown; type the reply from memory.
    Recite {
        group: Option<String>,
        count: Option<usize>,
    },
    /// A stretch of work with several buyers at once.
    Shift(Shift),
}

impl DrillBody {
    pub fn kind(&self) -> DrillKind {
        match self {
            DrillBody::Text { .. } => DrillKind::Text,
            DrillBody::Phrases { .. } => DrillKind::Phrases,
            DrillBody::QuickReply { .. } => DrillKind::QuickReply,
            DrillBody::Recall { .. } => DrillKind::Recall,
            DrillBody::Recite { .. } => DrillKind::Recite,
            DrillBody::Shift(_) => DrillKind::Shift,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DrillKind {
    Text,
    Phrases,
    QuickReply,
    Recall,
    Recite,
    Shift,
}

impl DrillKind {
    pub const ALL: [DrillKind; 6] = [
        DrillKind::Text,
        DrillKind::Phrases,
        DrillKind::QuickReply,
        DrillKind::Recall,
        DrillKind::Recite,
        DrillKind::Shift,
    ];

    /// The name used in pack files and results records.
    pub fn as_str(self) -> &'static str {
        match self {
            DrillKind::Text => "text",
            DrillKind::Phrases => "phrases",
            DrillKind::QuickReply => "quickreply",
            DrillKind::Recall => "recall",
            DrillKind::Recite => "recite",
            DrillKind::Shift => "shift",
        }
    }

    pub fn parse(s: &str) -> Option<DrillKind> {
        DrillKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum PhraseOrder {
    #[default]
    Shuffle,
    Fixed,
}

/// An assignment (`[[assignment]]`): drills of the pack to finish by a date, each
/// passed or practised for so many minutes in all.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Assignment {
    pub id: String,
    pub title: String,
    /// Drill ids of this pack.
    pub drills: Vec<String>,
    /// The deadline as written: `YYYY-MM-DD` (to the end of that day),
    /// `YYYY-MM-DDTHH:MM:SS` (both in the teacher's local time) or with an offset.
    pub due: String,
    pub need: Need,
}

/// What an assignment asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Need {
    /// `pass = true`: every drill passed (an exam's first attempt).
    Pass,
    /// `minutes = N`: N minutes of practice on its drills, in all.
    Minutes(u32),
}

/// A shift (PRODUCT.md "Shift drills"): buyers arrive over `minutes`, each with a
/// script of turns; the student answers them all at once, as in 千牛's 接待中心.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Shift {
    pub minutes: u32,
    /// The response goal per message, and for a buyer's first message.
    pub target_seconds: u32,
    pub first_response_seconds: u32,
    /// A buyer left unanswered this long leaves (未回复流失); `None`: they wait.
    pub max_wait: Option<u32>,
    /// Fixed arrivals for buyers without `arrive`; else a new seed each attempt.
    pub seed: Option<u64>,
    pub buyers: Vec<Buyer>,
    /// The shop's clock when the shift starts, minutes after midnight (`starts`).
    pub starts: u32,
    /// No 催付 from the first to the second, minutes after midnight (`quiet_hours`;
    /// 22:00–08:00 unless written).
    pub quiet: (u32, u32),
    /// 待付款 orders the student may 催付 (`[[drill.order]]`).
    pub orders: Vec<Order>,
    /// Order events that call for a 关怀 message (`[[drill.care]]`).
    pub cares: Vec<Care>,
}

/// An unpaid order (待付款) of a shift. A 催付 is judged like a reply (`expect`, `slots`)
/// and by the rules: not before `remind_after`, never in quiet hours, never twice,
/// never after a refusal. The buyer pays after one sent by the rules with a code of
/// `pays_if`, never by chance.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Order {
    pub buyer: String,
    /// Minutes from the start of the shift to the order (before it: below zero).
    pub ordered: i32,
    pub items: String,
    pub amount: String,
    /// 未付款原因, shown in the list.
    pub reason: String,
    /// The 催付 as a scenario: `customer` is the order's line, `expect` the templates
    /// that fit the reason, the card the order's.
    pub message: Scenario,
    pub pays_if: Vec<String>,
    /// Minutes after ordering before a 催付 is allowed.
    pub remind_after: u32,
    /// The buyer already said they will not pay: no 催付 at all.
    pub refused: bool,
}

/// An order event (已签收, 使用一周后) at `at` seconds into the shift: a 关怀 message is
/// due, judged like a reply.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Care {
    pub buyer: String,
    pub at: u32,
    /// What happened, shown in the conversation (`event`).
    pub event: String,
    pub message: Scenario,
}

/// One buyer of a shift and their script.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Buyer {
    pub name: String,
    /// Seconds into the shift; `None`: drawn from the seed.
    pub arrive: Option<u32>,
    pub card: Vec<(String, String)>,
    pub context: Option<String>,
    /// At least one; the first is the buyer's opening message.
    pub turns: Vec<BuyerTurn>,
}

/// Where a conversation goes after a reply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Next {
    /// The buyer's turn at this index.
    Turn(usize),
    /// The buyer is done (`"end"`).
    End,
}

/// One message of a buyer's script, and what follows the reply to it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct BuyerTurn {
    pub id: Option<String>,
    /// The message, judged as a quick-reply scenario (the buyer's card and notes in it).
    pub message: Scenario,
    /// After a reply with this accepted code (`on`); the default is the following turn.
    pub on: Vec<(String, Next)>,
    /// After a reply with no accepted code (`else`); the default is as `on`'s default.
    pub otherwise: Option<Next>,
    /// Seconds unanswered before the buyer nudges, and what they say each time.
    pub nudge_after: Option<u32>,
    pub nudges: Vec<String>,
    /// Seconds the buyer takes to write this message after the reply before it.
    pub reply_after: u32,
    /// Order card fields this message changes from when it comes (`card`, as
    /// 已发货 → 已签收); the card keeps them for the rest of the shift.
    pub card: Vec<(String, String)>,
    /// This message is handled by 转接 (`transfer = true`): after the reply, the buyer is
    /// handed to a colleague with a note.
    pub transfer: bool,
    /// The buyer has ordered when this message comes (`ordered = true`; 询单转化).
    pub ordered: bool,
}

impl BuyerTurn {
    /// Where the conversation goes after a reply to this turn, the `index`-th of `count`:
    /// an accepted reply by its code's `on`, a wrong one by `else`; otherwise the
    /// following turn, or the end after the last.
    pub fn next(&self, index: usize, count: usize, accepted: Option<&str>) -> Next {
        let default = if index + 1 < count {
            Next::Turn(index + 1)
        } else {
            Next::End
        };
        match accepted {
            Some(code) => self
                .on
                .iter()
                .find(|(c, _)| c == code)
                .map_or(default, |(_, n)| *n),
            None => self.otherwise.unwrap_or(default),
        }
    }
}

/// One customer turn of a quick-reply drill.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Scenario {
    /// The customer's message; several when the buyer sends two or three in a row
    /// (`customer = "…"` or `customer = ["…", "…"]`).
    pub customer: Vec<String>,
    /// Acceptable template codes.
    pub expect: Vec<String>,
    /// The value each placeholder must get, in file order.
    pub slots: Vec<(String, String)>,
    /// Order card fields shown beside the chat, in file order; insertable with Ctrl-O.
    pub card: Vec<(String, String)>,
    /// Product or order notes shown beside the chat.
    pub context: Option<String>,
}

impl Pack {
    pub fn drill(&self, id: &str) -> Option<&Drill> {
        self.drills.iter().find(|d| d.id == id)
    }

    /// Whether drill `id` starts only with the teacher's code (`start_code = true`).
    pub fn asks_start_code(&self, id: &str) -> bool {
        self.start_code.iter().any(|d| d == id)
    }

    pub fn template(&self, code: &str) -> Option<&Template> {
        self.templates.iter().find(|t| t.code == code)
    }

    pub fn is_builtin(&self) -> bool {
        matches!(self.source, PackSource::Builtin { .. })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pass_lines_judge_their_own_kind() {
        let typing = Pass::Typing {
            cpm: 60.0,
            accuracy: 95.0,
        };
        assert_eq!(typing.typing(true, 61.0, 96.0), Some(true));
        assert_eq!(typing.typing(false, 61.0, 96.0), Some(false));
        let reply = Pass::Reply {
            correct: 80.0,
            seconds: 15.0,
        };
        assert_eq!(reply.typing(true, 61.0, 96.0), None);
        assert_eq!(
            reply.reply(true, 80.0, Some(15_000), (0.0, 0.0)),
            Some(true)
        );
        assert_eq!(
            reply.reply(true, 80.0, Some(15_001), (0.0, 0.0)),
            Some(false)
        );
        assert_eq!(
            reply.reply(true, 79.9, Some(3_000), (0.0, 0.0)),
            Some(false)
        );
        assert_eq!(reply.reply(true, 100.0, None, (0.0, 0.0)), Some(false));
        let codes = Pass::Codes { correct: 90.0 };
        assert_eq!(codes.codes(true, 90.0, (0.0, 0.0)), Some(true));
        assert_eq!(codes.codes(false, 100.0, (0.0, 0.0)), Some(false));
        // An older record's typing line on a quick reply judges its hand-typed figures.
        assert_eq!(typing.reply(true, 0.0, None, (70.0, 100.0)), Some(true));
    }

    #[test]
    fn pass_lines_read_back_by_their_keys() {
        let read = |json: &str| serde_json::from_str::<Pass>(json).expect(json);
        assert_eq!(
            read(r#"{"cpm": 60, "accuracy": 95}"#),
            Pass::Typing {
                cpm: 60.0,
                accuracy: 95.0
            }
        );
        assert_eq!(
            read(r#"{"correct": 80, "seconds": 20}"#),
            Pass::Reply {
                correct: 80.0,
                seconds: 20.0
            }
        );
        assert_eq!(read(r#"{"correct": 80}"#), Pass::Codes { correct: 80.0 });
        for p in [
            Pass::Codes { correct: 1.0 },
            Pass::Reply {
                correct: 2.0,
                seconds: 3.0,
            },
        ] {
            assert_eq!(read(&serde_json::to_string(&p).unwrap()), p);
        }
    }
}
