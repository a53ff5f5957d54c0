//! Judging a sent reply against a scenario (PRODUCT.md "Judging"): right when it holds an
//! acceptable template's text with every slot filled with its value; words added before
//! or after are allowed and reported; half-width twins of full-width marks are accepted.

use crate::pack::template::Segment;
use crate::pack::{Scenario, Template};
use crate::text::FULLWIDTH_TWINS;

/// The verdict on one reply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Judgement {
    /// The reply holds the text of an acceptable template (slots aside).
    pub template_ok: bool,
    /// …and every slot holds its value.
    pub slots_ok: bool,
    /// The acceptable template the reply follows, when it follows one.
    pub matched: Option<String>,
    /// Another template of the pack the reply follows instead (a wrong code).
    pub other: Option<String>,
    /// Words added before and after the template's text, joined with " … ".
    pub extra: Option<String>,
    /// Slots whose value is wrong: (name, expected, found).
    pub wrong_slots: Vec<(String, String, String)>,
    /// The reply as it should read: the first acceptable template, filled in.
    pub expected: String,
}

impl Judgement {
    pub fn is_right(&self) -> bool {
        self.template_ok && self.slots_ok
    }
}

/// Fill a template's placeholders with `value(name)`; an unknown one stays `{name}`.
pub fn expand<'a>(segments: &[Segment], value: impl Fn(&str) -> Option<&'a str>) -> String {
    let mut out = String::new();
    for seg in segments {
        match seg {
            Segment::Literal(text) => out.push_str(text),
            Segment::Slot(name) => match value(name) {
                Some(v) => out.push_str(v),
                None => {
                    out.push('{');
                    out.push_str(name);
                    out.push('}');
                }
            },
        }
    }
    out
}

/// The reply a scenario expects from `template`.
pub fn expected_reply(template: &Template, scenario: &Scenario) -> String {
    expand(template.segments(), |name| slot_value(scenario, name))
}

fn slot_value<'a>(scenario: &'a Scenario, name: &str) -> Option<&'a str> {
    scenario
        .slots
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// Judge `reply` for `scenario` among the pack's `templates`.
pub fn judge(reply: &str, scenario: &Scenario, templates: &[Template]) -> Judgement {
    let reply = reply.trim();
    let acceptable: Vec<&Template> = scenario
        .expect
        .iter()
        .filter_map(|code| templates.iter().find(|t| &t.code == code))
        .collect();
    let expected = acceptable
        .first()
        .map(|t| expected_reply(t, scenario))
        .unwrap_or_default();
    let mut verdict = Judgement {
        template_ok: false,
        slots_ok: false,
        matched: None,
        other: None,
        extra: None,
        wrong_slots: Vec::new(),
        expected,
    };
    let normal_reply = normalise(reply);

    // Right: an acceptable template, filled in, stands in the reply.
    for template in &acceptable {
        let filled = normalise(&expected_reply(template, scenario));
        if let Some(at) = normal_reply.find(&filled) {
            verdict.template_ok = true;
            verdict.slots_ok = true;
            verdict.matched = Some(template.code.clone());
            verdict.extra = extra_text(reply, &normal_reply, at, at + filled.len());
            return verdict;
        }
    }
    // The right template with a slot wrong.
    for template in &acceptable {
        if let Some(found) = match_shape(template.segments(), &normal_reply) {
            verdict.template_ok = true;
            verdict.matched = Some(template.code.clone());
            verdict.extra = extra_text(reply, &normal_reply, found.start, found.end);
            for (name, (from, to)) in found.slots {
                let want = slot_value(scenario, &name).unwrap_or_default();
                if normalise(want) != normal_reply.get(from..to).unwrap_or_default() {
                    // What was typed, as typed: the normalised reply reads 16:00 as
                    // 16：00, which the student never wrote.
                    let typed = as_typed(reply, &normal_reply, from, to);
                    verdict.wrong_slots.push((name, want.to_string(), typed));
                }
            }
            verdict.slots_ok = verdict.wrong_slots.is_empty();
            return verdict;
        }
    }
    // Not an acceptable template: does it follow another one of the pack?
    verdict.other = templates
        .iter()
        .filter(|t| !scenario.expect.contains(&t.code))
        .filter(|t| {
            t.segments()
                .iter()
                .any(|s| matches!(s, Segment::Literal(l) if !l.trim().is_empty()))
        })
        .find(|t| match_shape(t.segments(), &normal_reply).is_some())
        .map(|t| t.code.clone());
    verdict
}

/// Where a template's literals were found in a reply, and where what stood in its
/// slots is (byte ranges of the normalised reply).
struct ShapeMatch {
    start: usize,
    end: usize,
    slots: Vec<(String, (usize, usize))>,
}

/// Find the template's literals in order in `reply` (both normalised), each slot taking
/// what stands between them. A leading slot cannot be told from words added before it,
/// so it takes back to the start; a trailing one takes to the end. (A right reply never
/// gets here: it contains the filled-in template and is found whole.)
fn match_shape(segments: &[Segment], reply: &str) -> Option<ShapeMatch> {
    let literals: Vec<String> = segments
        .iter()
        .filter_map(|s| match s {
            Segment::Literal(l) => Some(normalise(l)),
            Segment::Slot(_) => None,
        })
        .collect();
    if literals.iter().all(|l| l.trim().is_empty()) {
        return None;
    }
    let mut pos = 0;
    let mut start = None;
    let mut pending_slot: Option<(String, usize)> = None;
    let mut slots = Vec::new();
    for seg in segments {
        match seg {
            Segment::Literal(l) => {
                let l = normalise(l);
                let at = pos + reply.get(pos..)?.find(&l)?;
                if let Some((name, from)) = pending_slot.take() {
                    slots.push((name, (from, at)));
                }
                start.get_or_insert(at);
                pos = at + l.len();
            }
            Segment::Slot(name) => {
                let from = if start.is_none() {
                    start = Some(0);
                    0
                } else {
                    pos
                };
                pending_slot = Some((name.clone(), from));
            }
        }
    }
    let mut end = pos;
    if let Some((name, from)) = pending_slot {
        slots.push((name, (from, reply.len())));
        end = reply.len();
    }
    Some(ShapeMatch {
        start: start.unwrap_or(0),
        end,
        slots,
    })
}

/// `[start, end)` of the normalised reply, taken from the reply as sent (normalising
/// maps character for character, so characters line up where bytes may not).
fn as_typed(reply: &str, normal: &str, start: usize, end: usize) -> String {
    let from = normal.get(..start).map_or(0, |s| s.chars().count());
    let to = normal.get(..end).map_or(0, |s| s.chars().count());
    reply
        .chars()
        .skip(from)
        .take(to.saturating_sub(from))
        .collect()
}

/// The words around `[start, end)` of the normalised reply, taken from the reply as sent.
/// Normalising keeps byte lengths apart from the marks it maps, so map by characters.
fn extra_text(reply: &str, normal: &str, start: usize, end: usize) -> Option<String> {
    let chars_before = normal.get(..start).map_or(0, |s| s.chars().count());
    let chars_to_end = normal.get(..end).map_or(0, |s| s.chars().count());
    let before: String = reply.chars().take(chars_before).collect();
    let after: String = reply.chars().skip(chars_to_end).collect();
    let parts: Vec<&str> = [before.trim(), after.trim()]
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect();
    (!parts.is_empty()).then(|| parts.join(" … "))
}

/// Compare-ready text: half-width twins read as their full-width marks, either curly
/// quote of a pair as the opening one, ¥ as ￥. Maps character for character.
pub fn normalise(s: &str) -> String {
    s.chars()
        .map(|c| {
            let mut buf = [0u8; 4];
            let as_str: &str = c.encode_utf8(&mut buf);
            if let Some((full, _)) = FULLWIDTH_TWINS.iter().find(|(_, half)| *half == as_str) {
                return full.chars().next().unwrap_or(c);
            }
            match c {
                '”' => '“',
                '’' => '‘',
                '¥' => '￥',
                other => other,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn template(code: &str, text: &str) -> Template {
        crate::testing::template(code, "售后", text)
    }

    fn templates() -> Vec<Template> {
        vec![
            template("cx", "亲，您的订单{单号}已由{快递}发出，请耐心等待哦～"),
            template("hy", "亲，欢迎光临，请问有什么可以帮您？"),
            template("tk", "亲，退款{金额}元已原路退回，请注意查收。"),
        ]
    }

    fn scenario() -> Scenario {
        Scenario {
            customer: vec!["我的快递到哪了".into()],
            expect: vec!["cx".into()],
            slots: vec![
                ("单号".into(), "2026112512345".into()),
                ("快递".into(), "中通".into()),
            ],
            card: vec![("单号".into(), "2026112512345".into())],
            context: None,
        }
    }

    const RIGHT: &str = "亲，您的订单2026112512345已由中通发出，请耐心等待哦～";

    #[test]
    fn hand_typed_reply_equal_to_the_template_is_right() {
        let j = judge(RIGHT, &scenario(), &templates());
        assert!(j.is_right());
        assert_eq!(j.matched.as_deref(), Some("cx"));
        assert_eq!(j.extra, None);
        assert_eq!(j.expected, RIGHT);
    }

    #[test]
    fn words_added_in_front_are_allowed_and_reported() {
        let j = judge(&format!("好的亲，{RIGHT}"), &scenario(), &templates());
        assert!(j.is_right());
        assert_eq!(j.extra.as_deref(), Some("好的亲，"));
        let j = judge(&format!("好的亲，{RIGHT}[微笑]"), &scenario(), &templates());
        assert_eq!(j.extra.as_deref(), Some("好的亲， … [微笑]"));
    }

    #[test]
    fn halfwidth_comma_is_accepted_here() {
        let j = judge(&RIGHT.replace('，', ","), &scenario(), &templates());
        assert!(j.is_right());
        assert_eq!(j.extra, None);
    }

    #[test]
    fn right_code_with_a_wrong_slot() {
        let reply = RIGHT.replace("中通", "圆通");
        let j = judge(&reply, &scenario(), &templates());
        assert!(j.template_ok);
        assert!(!j.slots_ok);
        assert_eq!(
            j.wrong_slots,
            vec![("快递".to_string(), "中通".to_string(), "圆通".to_string())]
        );
    }

    #[test]
    fn a_wrong_slot_is_reported_as_typed() {
        // Compared with half-width marks read as full-width, but reported as written.
        let mut scenario = scenario();
        scenario.slots = vec![("时间".into(), "17:00".into())];
        let templates = vec![template("fh", "亲，{时间}前下单当天发货哦～")];
        scenario.expect = vec!["fh".into()];
        let j = judge("亲，16:00前下单当天发货哦～", &scenario, &templates);
        assert_eq!(
            j.wrong_slots,
            vec![("时间".to_string(), "17:00".to_string(), "16:00".to_string())]
        );
        let j = judge("亲，17：00前下单当天发货哦～", &scenario, &templates);
        assert!(j.is_right(), "{j:?}");
    }

    #[test]
    fn an_unfilled_placeholder_is_a_wrong_slot() {
        let reply = "亲，您的订单{单号}已由中通发出，请耐心等待哦～";
        let j = judge(reply, &scenario(), &templates());
        assert!(j.template_ok && !j.slots_ok);
        assert_eq!(j.wrong_slots[0].2, "{单号}");
    }

    #[test]
    fn wrong_code() {
        let j = judge(
            "亲，欢迎光临，请问有什么可以帮您？",
            &scenario(),
            &templates(),
        );
        assert!(!j.template_ok && !j.slots_ok);
        assert_eq!(j.other.as_deref(), Some("hy"));
        assert_eq!(j.expected, RIGHT);
    }

    #[test]
    fn anything_else_is_simply_wrong() {
        let j = judge("稍等", &scenario(), &templates());
        assert!(!j.template_ok);
        assert_eq!(j.other, None);
    }

    #[test]
    fn a_leading_slot_with_its_value() {
        let t = vec![template("xm", "{买家}您好，已为您备注。")];
        let s = Scenario {
            customer: vec!["备注一下".into()],
            expect: vec!["xm".into()],
            slots: vec![("买家".into(), "小王".into())],
            card: vec![],
            context: None,
        };
        assert!(judge("小王您好，已为您备注。", &s, &t).is_right());
        let j = judge("小李您好，已为您备注。", &s, &t);
        assert!(j.template_ok && !j.slots_ok);
    }

    #[test]
    fn expand_keeps_unknown_placeholders_visible() {
        let t = template("a", "{x}和{y}");
        assert_eq!(
            expand(t.segments(), |n| (n == "x").then_some("1")),
            "1和{y}"
        );
    }

    #[test]
    fn normalise_maps_twins_and_quotes() {
        assert_eq!(normalise("好,的.”"), "好，的。“");
    }
}
