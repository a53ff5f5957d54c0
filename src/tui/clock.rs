//! The trainer's one clock. The input loop stamps every message to the app — a batch of
//! keys, a tick, a signal — with the monotonic time (drill clocks) and the wall time
//! (dates, `started_at`, seeds) read together; everything else takes them from the
//! stamp, so tests drive the app with any time they like and never sleep.

use chrono::{DateTime, FixedOffset, NaiveDate};
use std::time::{Duration, Instant};

/// When a message was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    pub at: Instant,
    pub wall: DateTime<FixedOffset>,
}

impl Stamp {
    /// Read the clocks: the loop's only call.
    pub fn now() -> Stamp {
        Stamp {
            at: Instant::now(),
            wall: chrono::Local::now().fixed_offset(),
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
