//! Leitner boxes for template codes, pure: how one answer moves a code between boxes
//! 1–5 and when it is due again, and in which order a session asks the codes (due and
//! weak first). The store keeps the cards; this module only decides.

use chrono::{Days, NaiveDate};

/// The highest box.
pub const TOP_BOX: u8 = 5;

/// One code's place in the boxes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Card {
    pub code: String,
    /// 1 (new or just missed) to [`TOP_BOX`].
    pub r#box: u8,
    /// The first day it should be asked again.
    pub due: NaiveDate,
}

/// Days until a code in `box` is due again: a miss is asked again the same day, then
/// 1, 3, 7 and 14 days as it climbs.
pub fn interval_days(r#box: u8) -> u64 {
    match r#box {
        0 | 1 => 0,
        2 => 1,
        3 => 3,
        4 => 7,
        _ => 14,
    }
}

/// The box and due date after one answer on `day`: right moves up one box (a new code
/// starts in box 1, so its first right answer puts it in box 2), a miss back to box 1.
pub fn review(card: Option<&Card>, right: bool, day: NaiveDate) -> (u8, NaiveDate) {
    let from = card.map_or(1, |c| c.r#box.clamp(1, TOP_BOX));
    let to = if right { (from + 1).min(TOP_BOX) } else { 1 };
    let due = day
        .checked_add_days(Days::new(interval_days(to)))
        .unwrap_or(day);
    (to, due)
}

/// Whether a card is due on `today`.
pub fn is_due(card: &Card, today: NaiveDate) -> bool {
    card.due <= today
}

/// How many of `codes` are due on `today` (codes never asked are new, not due).
pub fn due_count<'a>(
    codes: impl IntoIterator<Item = &'a str>,
    cards: &[Card],
    today: NaiveDate,
) -> usize {
    codes
        .into_iter()
        .filter(|code| cards.iter().any(|c| c.code == *code && is_due(c, today)))
        .count()
}

/// The order to ask `codes` in: due codes first (lowest box, then longest overdue),
/// then codes never asked, then the rest (lowest box, then soonest due). Codes that tie
/// are shuffled with `seed`, so two sessions do not ask them in the same order.
pub fn schedule(codes: &[String], cards: &[Card], today: NaiveDate, seed: u64) -> Vec<String> {
    let mut list: Vec<String> = codes.to_vec();
    fastrand::Rng::with_seed(seed).shuffle(&mut list);
    let key = |code: &String| match cards.iter().find(|c| &c.code == code) {
        Some(c) if is_due(c, today) => (0u8, c.r#box, c.due),
        None => (1, 0, NaiveDate::MIN),
        Some(c) => (2, c.r#box, c.due),
    };
    list.sort_by_key(key);
    list
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    fn card(code: &str, b: u8, due: &str) -> Card {
        Card {
            code: code.into(),
            r#box: b,
            due: day(due),
        }
    }

    #[test]
    fn right_climbs_one_box_and_a_miss_falls_to_box_one() {
        let today = day("2026-12-02");
        // A new code answered right: box 2, due tomorrow.
        assert_eq!(review(None, true, today), (2, day("2026-12-03")));
        // A new code missed: box 1, asked again today.
        assert_eq!(review(None, false, today), (1, today));
        let c3 = card("hy", 3, "2026-12-01");
        assert_eq!(review(Some(&c3), true, today), (4, day("2026-12-09")));
        assert_eq!(review(Some(&c3), false, today), (1, today));
        let top = card("hy", 5, "2026-12-01");
        assert_eq!(review(Some(&top), true, today), (5, day("2026-12-16")));
        // A damaged box number is clamped, never panics.
        let bad = card("hy", 200, "2026-12-01");
        assert_eq!(review(Some(&bad), true, today).0, 5);
        let zero = card("hy", 0, "2026-12-01");
        assert_eq!(review(Some(&zero), true, today).0, 2);
        // The last day chrono knows: stays put rather than overflowing.
        assert_eq!(review(None, true, NaiveDate::MAX), (2, NaiveDate::MAX));
    }

    #[test]
    fn due_and_weak_codes_come_first_then_new_then_the_rest() {
        let today = day("2026-12-02");
        let codes: Vec<String> = ["a", "b", "c", "d", "e", "f"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let cards = vec![
            card("a", 4, "2026-12-20"), // not due, box 4
            card("b", 1, "2026-12-02"), // missed today: due, box 1
            card("c", 3, "2026-11-30"), // due, box 3
            card("d", 2, "2026-12-05"), // not due, box 2
                                        // e, f never asked
        ];
        for seed in 0..20 {
            let order = schedule(&codes, &cards, today, seed);
            assert_eq!(&order[..2], ["b", "c"], "seed {seed}");
            let mut new: Vec<&str> = order[2..4].iter().map(String::as_str).collect();
            new.sort();
            assert_eq!(new, ["e", "f"]);
            assert_eq!(&order[4..], ["d", "a"]);
        }
        assert_eq!(
            due_count(codes.iter().map(String::as_str), &cards, today),
            2
        );
        // A card of a code the pack no longer has is not counted.
        assert_eq!(due_count(["a", "c"], &cards, today), 1);
        assert_eq!(due_count(["b"], &cards, day("2026-12-01")), 0);
    }

    #[test]
    fn new_codes_are_shuffled_by_seed() {
        let codes: Vec<String> = (0..12).map(|i| format!("c{i}")).collect();
        let today = day("2026-12-02");
        let orders: std::collections::HashSet<Vec<String>> =
            (0..10).map(|s| schedule(&codes, &[], today, s)).collect();
        assert!(orders.len() > 1, "every seed gave the same order");
    }
}
