//! The trainer's one clock. The input loop stamps every message to the app — a batch of
//! keys, a tick, a signal — with the monotonic time (drill clocks) and the wall time
//! (dates, `started_at`, seeds) read together; everything else takes them from the
//! stamp, so tests drive the app with any time they like and never sleep.

use chrono::{DateTime, FixedOffset, NaiveDate, Offset, TimeZone, Utc};
use std::cell::Cell;
use std::time::{Duration, Instant};

/// How long a looked-up local offset is used. The lookup reads the environment and
/// looks at /etc/localtime: a cost in a key's turn, and most of a drill clock's tick
/// once a second. An offset changes twice a year at most; a minute late is harmless
/// (the instant itself is read every time).
const OFFSET_FOR: Duration = Duration::from_secs(60);

/// The local offset at `utc`, looked up at most once in [`OFFSET_FOR`].
fn local_offset(at: Instant, utc: DateTime<Utc>) -> FixedOffset {
    thread_local! {
        static LOOKED_UP: Cell<Option<(Instant, FixedOffset)>> = const { Cell::new(None) };
    }
    LOOKED_UP.with(|cell| match cell.get() {
        Some((when, offset)) if at.saturating_duration_since(when) < OFFSET_FOR => offset,
        _ => {
            let offset = chrono::Local
                .offset_from_utc_datetime(&utc.naive_utc())
                .fix();
            cell.set(Some((at, offset)));
            offset
        }
    })
}

/// When a message was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    pub at: Instant,
    pub wall: DateTime<FixedOffset>,
}

impl Stamp {
    /// Read the clocks: the loop's only call.
    pub fn now() -> Stamp {
        let at = Instant::now();
        let utc = chrono::Utc::now();
        Stamp {
            at,
            wall: utc.with_timezone(&local_offset(at, utc)),
        }
    }

    /// The student's local date.
    pub fn today(&self) -> NaiveDate {
        self.wall.date_naive()
    }

    /// A seed for the drills that shuffle (a different one each run).
    pub fn seed(&self) -> u64 {
        self.wall.timestamp_micros().unsigned_abs()
    }

    /// The same moment `d` later on both clocks.
    pub fn plus(self, d: Duration) -> Stamp {
        Stamp {
            at: self.at + d,
            wall: self.wall + chrono::Duration::from_std(d).unwrap_or_default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn now_reads_the_local_time_with_its_offset() {
        let first = Stamp::now();
        let local = chrono::Local::now().fixed_offset();
        let again = Stamp::now();
        assert_eq!(first.wall.offset(), local.offset());
        assert_eq!(again.wall.offset(), local.offset());
        assert!((local - first.wall).num_milliseconds().abs() < 1000);
        assert!(again.wall >= first.wall && again.at >= first.at);
    }
}
