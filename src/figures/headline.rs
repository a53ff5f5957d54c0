//! What a list shows of a session (history, home, stats tables, reports): each kind its
//! own headline (PRODUCT.md "Figures by kind"), so a figure never stands under another
//! kind's heading, and "—" for a small sample's rates.

use super::{Body, Figures};
use crate::tr;

/// The headline figures of one session, by kind.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Headline {
    /// Text and phrases: 字/分 and 准确率.
    Typing { cpm: f64, accuracy: f64 },
    /// Pinyin practice: 击键/分 and 字/分.
    Pinyin { kpm: f64, cpm: f64 },
    /// Quick reply: 短语正确 x/n, 信息正确 x/n, 平均响应, 目标内 x/n, 省键.
    QuickReply {
        template_ok: u32,
        slots_ok: u32,
        of: u32,
        mean_response_ms: Option<u64>,
        within_target: u32,
        keys_saved: i64,
    },
    /// Recall and recite: 正确 x/n and 平均用时.
    Codes {
        right: u32,
        of: u32,
        mean_ms: Option<u64>,
    },
    /// A shift: 回复率 (buyers replied of those who wrote), 平均响应, 流失.
    Shift {
        replied: u32,
        wrote: u32,
        mean_response_ms: Option<u64>,
        gone: u32,
    },
    /// A record that cannot be recomputed.
    Unreadable,
}

impl Headline {
    pub fn of(f: &Figures) -> Headline {
        match &f.body {
            Body::Typing(s) => Headline::Typing {
                cpm: s.cpm,
                accuracy: s.accuracy,
            },
            Body::Pinyin { letters, pinyin } => Headline::Pinyin {
                kpm: letters.kpm,
                cpm: pinyin.zpm,
            },
            Body::QuickReply(r) => Headline::QuickReply {
                template_ok: r.template_ok,
                slots_ok: r.slots_ok,
                of: r.shown,
                mean_response_ms: r.mean_response_ms,
                within_target: r.within_target,
                keys_saved: r.keys_saved,
            },
            Body::Recall(c) | Body::Recite { codes: c, .. } => Headline::Codes {
                right: c.right,
                of: c.reached,
                mean_ms: c.mean_ms,
            },
            Body::Shift(s) => Headline::Shift {
                replied: s.replied,
                wrote: s.wrote,
                mean_response_ms: s.mean_response_ms,
                gone: s.gone,
            },
            Body::Unreadable(_) => Headline::Unreadable,
        }
    }

    /// One cell: the figures with their units, rates as "—" for a small sample.
    pub fn cell(&self, small: bool) -> String {
        let rate = |x: f64, places: usize| {
            if small {
                "—".to_string()
            } else {
                format!("{x:.places$}")
            }
        };
        let secs = |ms: Option<u64>| match ms {
            Some(ms) if !small => format!("{:.1}", ms as f64 / 1000.0),
            _ => "—".to_string(),
        };
        match self {
            Headline::Typing { cpm, accuracy } => {
                let (cpm, accuracy) = (rate(*cpm, 1), rate(*accuracy, 1));
                if small {
                    tr!("— 字/分（样本不足）", "— cpm (small sample)")
                } else {
                    tr!("{cpm} 字/分 {accuracy}%", "{cpm} cpm {accuracy}%")
                }
            }
            Headline::Pinyin { kpm, cpm } => {
                let (kpm, cpm) = (rate(*kpm, 0), rate(*cpm, 1));
                if small {
                    tr!("— 击键/分（样本不足）", "— keys/min (small sample)")
                } else {
                    tr!("{kpm} 击键/分 {cpm} 字/分", "{kpm} keys/min {cpm} cpm")
                }
            }
            Headline::QuickReply {
                template_ok,
                slots_ok,
                of,
                mean_response_ms,
                ..
            } => {
                let mean = secs(*mean_response_ms);
                tr!(
                    "短语 {template_ok}/{of} 信息 {slots_ok}/{of} 响应 {mean} 秒",
                    "reply {template_ok}/{of} details {slots_ok}/{of} response {mean} s"
                )
            }
            Headline::Codes { right, of, mean_ms } => {
                let mean = secs(*mean_ms);
                tr!(
                    "正确 {right}/{of} 每题 {mean} 秒",
                    "right {right}/{of} {mean} s each"
                )
            }
            Headline::Shift {
                replied,
                wrote,
                mean_response_ms,
                gone,
            } => {
                let mean = secs(*mean_response_ms);
                tr!(
                    "回复 {replied}/{wrote} 响应 {mean} 秒 流失 {gone}",
                    "replied {replied}/{wrote} response {mean} s lost {gone}"
                )
            }
            Headline::Unreadable => tr!("无法重算", "cannot recompute"),
        }
    }
}
