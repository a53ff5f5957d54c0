//! What the code drills (`recall`, `recite`) ask: the pack's templates of a group, due
//! and weak codes first, `count` of them; and the two drills every pack with templates
//! offers on the home screen without one written for them.

use super::leitner::{Card, schedule};
use crate::pack::{Drill, DrillBody, DrillKind, Pack, Template};
use crate::tr;
use chrono::NaiveDate;

/// Id of the recall drill offered for any pack with templates. A colon never appears
/// in a pack's drill ids (`[a-z0-9-]`), so it cannot clash with a written drill.
pub const GENERATED_RECALL: &str = ":recall";
/// Id of the recite drill offered for any pack with templates.
pub const GENERATED_RECITE: &str = ":recite";

/// Codes per round of the offered drills.
pub const GENERATED_RECALL_COUNT: usize = 20;
pub const GENERATED_RECITE_COUNT: usize = 10;

/// Whether a drill id is one of the offered drills (not in the pack's file).
pub fn is_generated(drill_id: &str) -> bool {
    drill_id == GENERATED_RECALL || drill_id == GENERATED_RECITE
}

/// The offered drills a pack lacks: 编码回想 unless it has a recall drill over all its
/// templates, 短语默写 likewise; none for a pack without templates.
pub fn generated_drills(pack: &Pack) -> Vec<Drill> {
    if pack.templates.is_empty() {
        return Vec::new();
    }
    // The kind first: it is known without reading a built-in drill's body.
    let has = |kind: DrillKind| {
        pack.drills.iter().any(|d| {
            d.kind() == kind
                && matches!(
                    &*d.body,
                    DrillBody::Recall { group: None, .. } | DrillBody::Recite { group: None, .. }
                )
        })
    };
    let mut out = Vec::new();
    if !has(DrillKind::Recall) && !pack.drills.iter().any(|d| d.id == GENERATED_RECALL) {
        out.push(Drill::plain(
            GENERATED_RECALL,
            tr!("编码回想（全部短语）", "code recall (all phrases)"),
            DrillBody::Recall {
                group: None,
                count: Some(GENERATED_RECALL_COUNT),
            },
        ));
    }
    if !has(DrillKind::Recite) && !pack.drills.iter().any(|d| d.id == GENERATED_RECITE) {
        out.push(Drill::plain(
            GENERATED_RECITE,
            tr!("短语默写（全部短语）", "recite (all phrases)"),
            DrillBody::Recite {
                group: None,
                count: Some(GENERATED_RECITE_COUNT),
            },
        ));
    }
    out
}

/// Append the offered drills to every pack that lacks them (the trainer's pack list).
pub fn offer_code_drills(packs: &mut [Pack]) {
    for p in packs {
        let extra = generated_drills(p);
        p.drills.extend(extra);
    }
}

/// The group and count of a recall or recite drill; `None` for other kinds.
pub fn code_drill(drill: &Drill) -> Option<(DrillKind, Option<&str>, Option<usize>)> {
    match &*drill.body {
        DrillBody::Recall { group, count } => Some((DrillKind::Recall, group.as_deref(), *count)),
        DrillBody::Recite { group, count } => Some((DrillKind::Recite, group.as_deref(), *count)),
        _ => None,
    }
}

/// The templates a code drill asks, in the order to ask them: those of `group` (all
/// when `None`) that `usable` accepts, due and weak codes first, at most `count`.
pub fn pick<'a>(
    templates: &'a [Template],
    group: Option<&str>,
    count: Option<usize>,
    usable: impl Fn(&Template) -> bool,
    cards: &[Card],
    today: NaiveDate,
    seed: u64,
) -> Vec<&'a Template> {
    let codes: Vec<String> = templates
        .iter()
        .filter(|t| group.is_none_or(|g| t.group == g) && usable(t))
        .map(|t| t.code.clone())
        .collect();
    let mut order = schedule(&codes, cards, today, seed);
    if let Some(n) = count {
        order.truncate(n.max(1));
    }
    order
        .iter()
        .filter_map(|code| templates.iter().find(|t| &t.code == code))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{pack, template};

    #[test]
    fn packs_with_templates_offer_both_drills_unless_written() {
        let t = vec![template("hy", "售前", "亲，在的")];
        let mut packs = vec![pack(t.clone(), vec![]), pack(vec![], vec![])];
        offer_code_drills(&mut packs);
        let ids: Vec<&str> = packs[0].drills.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, [GENERATED_RECALL, GENERATED_RECITE]);
        assert!(packs[1].drills.is_empty());
        // Offering twice adds nothing.
        offer_code_drills(&mut packs);
        assert_eq!(packs[0].drills.len(), 2);
        // A written recall drill over all templates: only recite is offered.
        let written = Drill {
            id: "codes".into(),
            title: "回想".into(),
            description: None,
            tags: vec![],
            time_limit: None,
            strict: false,
            pass: None,
            body: DrillBody::Recall {
                group: None,
                count: Some(5),
            }
            .into(),
        };
        let p = pack(t, vec![written]);
        let ids: Vec<String> = generated_drills(&p).into_iter().map(|d| d.id).collect();
        assert_eq!(ids, [GENERATED_RECITE]);
        assert!(is_generated(GENERATED_RECALL) && !is_generated("codes"));
    }

    #[test]
    fn pick_takes_the_group_usable_and_due_first() {
        let ts = vec![
            template("hy", "售前", "亲，在的"),
            template("fh", "售后", "已发货"),
            template("bq", "售前", "[微笑]"),
            template("yh", "售前", "有优惠哦"),
        ];
        let today = NaiveDate::from_ymd_opt(2026, 12, 2).expect("date");
        let cards = vec![Card {
            code: "yh".into(),
            r#box: 1,
            due: today,
        }];
        let picked = pick(
            &ts,
            Some("售前"),
            Some(2),
            |t| t.code != "bq",
            &cards,
            today,
            7,
        );
        let codes: Vec<&str> = picked.iter().map(|t| t.code.as_str()).collect();
        assert_eq!(codes, ["yh", "hy"]);
        assert_eq!(pick(&ts, None, None, |_| true, &[], today, 1).len(), 4);
        assert_eq!(
            pick(&ts, Some("无"), None, |_| true, &[], today, 1).len(),
            0
        );
    }
}
