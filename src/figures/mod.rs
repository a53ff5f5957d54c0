//! The one recomputation (PRODUCT.md "Figures by kind"): a saved session record in,
//! every figure anyone shows out. The results screen after a drill and reopened from
//! history, home's bests, the stats, `history`, `export`, `verify` and `report` all
//! take their figures from [`Figures::of`]; the history database keeps copies of them
//! in its columns, written from the same call.
//!
//! Pure: the record alone carries its drill's target and rules, so no pack and no
//! clock is needed, and the same record gives the same figures anywhere.

mod codes;
mod headline;
mod reply;

pub use codes::CodeFigures;
pub use headline::Headline;
pub use reply::{ReplyFigures, ReplyMessage, answering_us};

use crate::engine::{Rules, Summary, summarize};
use crate::pinyin::PinyinFigures;
use crate::record::{Kind, Mode, SessionRecord};
use crate::reply::shift::ShiftFigures;

/// A session shorter than this is a small sample (10 s)…
pub const SMALL_SAMPLE_US: u64 = 10_000_000;
/// …and so is one with fewer graphemes typed than this.
pub const SMALL_SAMPLE_GRAPHEMES: u32 = 10;
/// A level is earned only by a completed typing drill at least this long (60 s).
pub const LEVEL_MIN_US: u64 = 60_000_000;
/// The response goal of a quick-reply record saved before it carried its own.
pub const DEFAULT_TARGET_SECONDS: u32 = 15;

/// Every figure of one session.
#[derive(Debug, Clone, PartialEq)]
pub struct Figures {
    /// Every part done, or the time limit reached.
    pub completed: bool,
    /// T (PRODUCT.md "What is measured"); for quick-reply, the time spent answering.
    pub duration_us: u64,
    /// `None` when the drill has no pass line (or the kind is never judged).
    pub passed: Option<bool>,
    /// Too short to rank (PRODUCT.md "Small samples"): shown on its results screen with
    /// 样本不足, "—" in lists, never in bests, trends, averages or levels. Only kinds
    /// with a typing rate (text, phrases, pinyin, recite) have small samples: a quick
    /// reply or a code recall is counts and response times, whatever its length.
    pub small: bool,
    pub body: Body,
}

/// The figures each kind has.
#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    /// Text and phrases drills: 字/分 and accuracy lead.
    Typing(Summary),
    /// A text or phrases drill typed as pinyin: `letters` is the engine's summary over
    /// the letters (its kpm is 击键/分), `pinyin` the 字-level figures (its zpm is 字/分).
    Pinyin {
        letters: Summary,
        pinyin: PinyinFigures,
    },
    QuickReply(ReplyFigures),
    Recall(CodeFigures),
    /// Recite: the reply typed from memory, judged like a typing drill, item by item.
    Recite {
        typing: Summary,
        codes: CodeFigures,
    },
    /// A shift: 回复率, 首次响应 and 平均响应, 超时, 未回复流失, per buyer.
    Shift(ShiftFigures),
    /// The record cannot be recomputed.
    Unreadable(Unreadable),
}

/// Why a record cannot be recomputed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unreadable {
    Kind(String),
    Mode(String),
    /// A pinyin record whose readings do not fit its text.
    Readings,
}

/// The drill's rules as the record keeps them.
pub fn rules(r: &SessionRecord) -> Rules {
    Rules::of_record(r)
}

/// Whether the record says its time limit ended it (see [`crate::engine::time_up_of`]).
pub fn time_up(r: &SessionRecord) -> bool {
    crate::engine::time_up_of(r)
}

/// The segments a typing record was typed against: a text is one (its line breaks
/// typed), phrases and recited replies are joined by line breaks (not typed).
pub fn segments(r: &SessionRecord) -> Vec<String> {
    match r.kind {
        Kind::Text => vec![r.target.clone()],
        _ => r.target.split('\n').map(str::to_string).collect(),
    }
}

impl Figures {
    /// Recompute every figure of a saved session from its keystroke log.
    pub fn of(r: &SessionRecord) -> Figures {
        match (&r.kind, &r.mode) {
            (Kind::Text | Kind::Phrases, None) => {
                let s = summarize(&segments(r), rules(r), &r.keystrokes, time_up(r));
                Figures::typing(r, s)
            }
            (Kind::Text | Kind::Phrases, Some(Mode::Pinyin)) => match crate::pinyin::recompute(r) {
                Some((letters, pinyin)) => Figures {
                    completed: letters.completed,
                    duration_us: letters.duration_us,
                    // Pinyin practice is never judged against the drill's 字/分 line.
                    passed: None,
                    small: letters.duration_us < SMALL_SAMPLE_US
                        || pinyin.zi_completed < SMALL_SAMPLE_GRAPHEMES,
                    body: Body::Pinyin { letters, pinyin },
                },
                None => Figures::unreadable(r, Unreadable::Readings),
            },
            (Kind::QuickReply, None) => {
                let f = ReplyFigures::of(r);
                Figures {
                    completed: f.completed,
                    duration_us: f.answering_us,
                    // A line of an older kuaida's, in typing terms, judges the
                    // hand-typed figures the record keeps (`verify` replays them).
                    passed: r.pass.as_ref().and_then(|p| {
                        p.reply(
                            f.completed,
                            f.right_percent(),
                            f.mean_response_ms,
                            (r.cpm, r.accuracy),
                        )
                    }),
                    // Counts and response times, not rates: no sample too small.
                    small: false,
                    body: Body::QuickReply(f),
                }
            }
            (Kind::Recall, Some(Mode::Recall)) => {
                let (f, completed, duration_us, passed) = codes::recall(r);
                Figures {
                    completed,
                    duration_us,
                    passed,
                    small: false,
                    body: Body::Recall(f),
                }
            }
            (Kind::Recite, Some(Mode::Recite)) => {
                let segments = segments(r);
                let typing = summarize(&segments, rules(r), &r.keystrokes, time_up(r));
                let codes = codes::recite(r, &segments);
                Figures {
                    completed: typing.completed,
                    duration_us: typing.duration_us,
                    passed: r.pass.as_ref().and_then(|p| {
                        p.codes(
                            typing.completed,
                            codes.right_percent(),
                            (typing.cpm, typing.accuracy),
                        )
                    }),
                    small: is_small(&typing),
                    body: Body::Recite { typing, codes },
                }
            }
            (Kind::Shift, None) => match &r.shift {
                Some(info) => {
                    let messages = r.messages.as_deref().unwrap_or(&[]);
                    let target = r.target_seconds.unwrap_or(DEFAULT_TARGET_SECONDS);
                    let f = ShiftFigures::of(&r.keystrokes, messages, info, target);
                    Figures {
                        completed: f.completed,
                        duration_us: f.duration_us,
                        passed: r
                            .pass
                            .as_ref()
                            .and_then(|p| p.shift(f.completed, f.reply_rate(), f.mean_response_ms)),
                        // Counts and response times: no sample too small.
                        small: false,
                        body: Body::Shift(f),
                    }
                }
                None => Figures::unreadable(r, Unreadable::Kind("shift".into())),
            },
            (Kind::Unknown(k), _) => Figures::unreadable(r, Unreadable::Kind(k.clone())),
            (_, Some(m)) => Figures::unreadable(r, Unreadable::Mode(m.as_str().to_string())),
            (_, None) => Figures::unreadable(r, Unreadable::Mode(String::new())),
        }
    }

    /// A typing drill's figures from its engine summary (the live screen and the
    /// recomputation build them the same way).
    pub fn typing(r: &SessionRecord, s: Summary) -> Figures {
        Figures {
            completed: s.completed,
            duration_us: s.duration_us,
            passed: s.passed(r.pass.as_ref()),
            small: is_small(&s),
            body: Body::Typing(s),
        }
    }

    fn unreadable(r: &SessionRecord, why: Unreadable) -> Figures {
        Figures {
            completed: r.completed,
            duration_us: 0,
            passed: None,
            small: true,
            body: Body::Unreadable(why),
        }
    }

    /// The engine summary of a typing kind (text, phrases, recite; pinyin's letters).
    pub fn typing_summary(&self) -> Option<&Summary> {
        match &self.body {
            Body::Typing(s) | Body::Recite { typing: s, .. } => Some(s),
            Body::Pinyin { letters, .. } => Some(letters),
            _ => None,
        }
    }

    /// 字/分 when this session is a typing speed that may enter 字/分 bests, trends,
    /// averages and levels: a text or phrases drill (not pinyin), not a small sample.
    pub fn ranked_cpm(&self) -> Option<f64> {
        match &self.body {
            Body::Typing(s) if !self.small => Some(s.cpm),
            _ => None,
        }
    }

    /// Whether this session may count toward a level (PRODUCT.md "Small samples").
    pub fn earns_level(&self) -> bool {
        self.completed && self.duration_us >= LEVEL_MIN_US && self.ranked_cpm().is_some()
    }

    /// The figures a list shows for this session, by kind.
    pub fn headline(&self) -> Headline {
        Headline::of(self)
    }
}

fn is_small(s: &Summary) -> bool {
    s.duration_us < SMALL_SAMPLE_US || s.typed_graphemes < SMALL_SAMPLE_GRAPHEMES
}

#[cfg(test)]
mod tests;
