//! The daily practice goal and its streak, pure: minutes practised per local date in,
//! today's minutes and the run of days that met the goal out.

use chrono::NaiveDate;

/// The goal when `goal.minutes` is not set.
pub const DEFAULT_GOAL_MINUTES: u32 = 15;
/// The largest goal `goal.minutes` accepts (a whole school day).
pub const MAX_GOAL_MINUTES: u32 = 480;

/// Today against the goal, and the streak.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct GoalStatus {
    pub goal_minutes: u32,
    /// Whole minutes practised today (rounded down, so 14:59 is not yet 15).
    pub today_minutes: u64,
    pub met_today: bool,
    /// Consecutive days that met the goal, ending today when today is met, else
    /// yesterday: a day still open does not break the streak.
    pub streak_days: u32,
}

impl GoalStatus {
    /// One short line: 今日 12/15 分钟 · 连续 3 天.
    pub fn line(&self) -> String {
        crate::tr!(
            "今日 {}/{} 分钟 · 连续 {} 天",
            "today {}/{} min · streak {}",
            self.today_minutes,
            self.goal_minutes,
            self.streak_days
        )
    }
}

/// `days`: milliseconds practised per local date, in any order (a date may repeat;
/// its entries add up). Dates after `today` (another machine's clock) are left out.
pub fn status(days: &[(NaiveDate, u64)], today: NaiveDate, goal_minutes: u32) -> GoalStatus {
    let goal_ms = u64::from(goal_minutes.max(1)) * 60_000;
    let mut per_day: std::collections::BTreeMap<NaiveDate, u64> = Default::default();
    for &(day, ms) in days.iter().filter(|(d, _)| *d <= today) {
        let sum = per_day.entry(day).or_default();
        *sum = sum.saturating_add(ms);
    }
    let met = |day: NaiveDate| per_day.get(&day).is_some_and(|&ms| ms >= goal_ms);
    let today_ms = per_day.get(&today).copied().unwrap_or(0);
    let met_today = met(today);
    let mut day = if met_today {
        Some(today)
    } else {
        today.pred_opt()
    };
    let mut streak = 0u32;
    while let Some(d) = day.filter(|&d| met(d)) {
        streak += 1;
        day = d.pred_opt();
    }
    GoalStatus {
        goal_minutes: goal_minutes.max(1),
        today_minutes: today_ms / 60_000,
        met_today,
        streak_days: streak,
    }
}

/// A `YYYY-MM-DD` prefix (an RFC 3339 time's local date) as a date.
pub fn parse_day(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        parse_day(s).expect("a date")
    }

    const MIN: u64 = 60_000;

    #[test]
    fn today_met_counts_with_the_days_before() {
        let days = [
            (d("2026-12-02"), 16 * MIN),
            (d("2026-12-01"), 15 * MIN),
            (d("2026-11-30"), 20 * MIN),
        ];
        let s = status(&days, d("2026-12-02"), 15);
        assert_eq!(s.today_minutes, 16);
        assert!(s.met_today);
        assert_eq!(s.streak_days, 3);
    }

    #[test]
    fn an_open_today_does_not_break_the_streak_yet() {
        let days = [
            (d("2026-12-02"), 5 * MIN),
            (d("2026-12-01"), 15 * MIN),
            (d("2026-11-30"), 15 * MIN),
        ];
        let s = status(&days, d("2026-12-02"), 15);
        assert_eq!((s.today_minutes, s.met_today, s.streak_days), (5, false, 2));
        // Nothing at all today: the same.
        let s = status(&days[1..], d("2026-12-02"), 15);
        assert_eq!((s.today_minutes, s.met_today, s.streak_days), (0, false, 2));
    }

    #[test]
    fn a_gap_or_a_short_day_ends_the_streak() {
        let gap = [
            (d("2026-12-02"), 15 * MIN),
            (d("2026-11-30"), 15 * MIN),
            (d("2026-11-29"), 15 * MIN),
        ];
        assert_eq!(status(&gap, d("2026-12-02"), 15).streak_days, 1);
        let short = [
            (d("2026-12-01"), 15 * MIN),
            (d("2026-11-30"), 15 * MIN - 1),
            (d("2026-11-29"), 15 * MIN),
        ];
        assert_eq!(status(&short, d("2026-12-02"), 15).streak_days, 1);
        // Missed yesterday: the streak is gone even with older good days.
        assert_eq!(status(&gap[1..], d("2026-12-02"), 15).streak_days, 0);
    }

    #[test]
    fn sessions_each_side_of_midnight_count_on_their_own_dates() {
        // 23:50–00:05 split as two sessions: 10 min on the 1st, 10 min on the 2nd.
        let days = [
            (d("2026-12-01T23:50:00+08:00"), 10 * MIN),
            (d("2026-12-02T00:00:30+08:00"), 10 * MIN),
            (d("2026-12-02T08:00:00+08:00"), 5 * MIN),
        ];
        let s = status(&days, d("2026-12-02"), 15);
        assert_eq!((s.today_minutes, s.met_today, s.streak_days), (15, true, 1));
        // Across the month and year ends too.
        let days = [(d("2027-01-01"), 15 * MIN), (d("2026-12-31"), 15 * MIN)];
        assert_eq!(status(&days, d("2027-01-01"), 15).streak_days, 2);
    }

    #[test]
    fn future_dates_are_ignored_and_partial_minutes_round_down() {
        let days = [(d("2026-12-05"), 60 * MIN), (d("2026-12-02"), 15 * MIN - 1)];
        let s = status(&days, d("2026-12-02"), 15);
        assert_eq!(
            (s.today_minutes, s.met_today, s.streak_days),
            (14, false, 0)
        );
        assert_eq!(status(&[], d("2026-12-02"), 0).goal_minutes, 1);
        assert_eq!(parse_day("12-02"), None);
        assert_eq!(parse_day("2026-13-01T00:00"), None);
    }
}
