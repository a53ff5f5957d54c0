//! Times a teacher writes (`--from`, `--to`, an assignment's `due`) and times a table
//! shows, on the teacher's clock: a date or a time written without an offset is the
//! local time of the PC running the report, as the teacher means it.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};

/// The clock times are read and shown on: the PC's own (`Local`), or a fixed offset
/// (for tests, and the same answer on every machine).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Zone {
    #[default]
    Local,
    Fixed(FixedOffset),
}

impl Zone {
    /// A wall-clock time on this clock (the earlier one when a clock change repeats it).
    pub fn resolve(self, n: NaiveDateTime) -> Option<DateTime<FixedOffset>> {
        match self {
            Zone::Local => chrono::Local
                .from_local_datetime(&n)
                .earliest()
                .map(|t| t.fixed_offset()),
            Zone::Fixed(o) => o.from_local_datetime(&n).earliest(),
        }
    }

    /// `YYYY-MM-DD HH:MM` on this clock.
    pub fn show(self, t: DateTime<FixedOffset>) -> String {
        let local = match self {
            Zone::Local => t.with_timezone(&chrono::Local).naive_local(),
            Zone::Fixed(o) => t.with_timezone(&o).naive_local(),
        };
        local.format("%Y-%m-%d %H:%M").to_string()
    }
}

/// Which end of a day a date alone stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edge {
    /// Its first moment (`--from`).
    Start,
    /// Its last moment (`--to`, `due`: the whole day is allowed).
    End,
}

/// `2026-12-07`, `2026-12-07 10:00`, `2026-12-07T10:00:00`, or RFC 3339 with an offset.
pub fn parse(text: &str, edge: Edge, zone: Zone) -> Option<DateTime<FixedOffset>> {
    let text = text.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Some(t);
    }
    if let Ok(d) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        let time = match edge {
            Edge::Start => NaiveTime::MIN,
            Edge::End => NaiveTime::from_hms_nano_opt(23, 59, 59, 999_999_999)?,
        };
        return zone.resolve(d.and_time(time));
    }
    let text = text.replacen('T', " ", 1);
    ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(&text, f).ok())
        .and_then(|n| zone.resolve(n))
}

/// The dates a report grades (`--from`, `--to`, both ends included).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Window {
    pub from: Option<DateTime<FixedOffset>>,
    pub to: Option<DateTime<FixedOffset>>,
}

impl Window {
    pub fn contains(&self, t: DateTime<FixedOffset>) -> bool {
        self.from.is_none_or(|f| t >= f) && self.to.is_none_or(|e| t <= e)
    }

    pub fn is_open(&self) -> bool {
        self.from.is_none() && self.to.is_none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn east8() -> Zone {
        Zone::Fixed(FixedOffset::east_opt(8 * 3600).expect("offset"))
    }

    fn at(s: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(s).expect("time")
    }

    #[test]
    fn dates_and_times_as_a_teacher_writes_them() {
        let z = east8();
        assert_eq!(
            parse("2026-12-07", Edge::Start, z),
            Some(at("2026-12-07T00:00:00+08:00"))
        );
        let end = parse("2026-12-07", Edge::End, z).expect("end");
        assert!(end > at("2026-12-07T23:59:59+08:00") && end < at("2026-12-08T00:00:00+08:00"));
        for text in [
            "2026-12-07 10:45",
            "2026-12-07T10:45:00",
            " 2026-12-07T10:45 ",
        ] {
            assert_eq!(
                parse(text, Edge::End, z),
                Some(at("2026-12-07T10:45:00+08:00")),
                "{text}"
            );
        }
        assert_eq!(
            parse("2026-12-07T10:45:00+00:00", Edge::Start, z),
            Some(at("2026-12-07T18:45:00+08:00"))
        );
        assert_eq!(parse("12/07", Edge::Start, z), None);
        assert_eq!(z.show(at("2026-12-07T02:45:00+00:00")), "2026-12-07 10:45");
        let w = Window {
            from: parse("2026-12-07 10:00", Edge::Start, z),
            to: parse("2026-12-07", Edge::End, z),
        };
        assert!(w.contains(at("2026-12-07T10:00:00+08:00")));
        assert!(w.contains(at("2026-12-07T23:59:59+08:00")));
        assert!(!w.contains(at("2026-12-07T09:59:59+08:00")));
        assert!(!w.contains(at("2026-12-08T00:00:00+08:00")));
    }
}
