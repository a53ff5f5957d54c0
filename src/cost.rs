//! Work counted in steps, not seconds: `verify` and `report` are given so many steps
//! per session, per file and per run, each piece of work is charged what it costs
//! (elements copied, compared or walked), and a file that runs out is named instead of
//! gone on with. Counting steps makes the verdict the same on a slow lab PC and a fast
//! laptop. (`history import` and `pack check` only do work linear in what they read.)
//!
//! One step is roughly one element touched: a keystroke copied, a grapheme compared, a
//! cell of a longest-common-subsequence table. A step is a few nanoseconds of release
//! build (150 million steps of replay took about 0.6 s here), so [`PER_FILE`] is well
//! under a second and [`PER_RUN`] a few seconds.

/// Steps one session may take (a real quick-reply session replayed takes a few
/// thousand, a typing session about four a keystroke: ten thousand times less).
pub const PER_SESSION: u64 = 40_000_000;
/// Steps all sessions of one results file (or zip entry) may take together.
pub const PER_FILE: u64 = 150_000_000;
/// Steps one run of `verify` or `report` may take over all its files.
pub const PER_RUN: u64 = 1_500_000_000;

/// Steps left to spend.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Meter {
    left: u64,
    spent: u64,
}

impl Meter {
    pub fn new(steps: u64) -> Meter {
        Meter {
            left: steps,
            spent: 0,
        }
    }

    /// Take `steps`; `false` (nothing taken) when fewer are left.
    pub fn charge(&mut self, steps: u64) -> bool {
        if steps > self.left {
            return false;
        }
        self.left -= steps;
        self.spent += steps;
        true
    }

    /// Whether `steps` could be taken now.
    pub fn affords(&self, steps: u64) -> bool {
        steps <= self.left
    }

    pub fn left(&self) -> u64 {
        self.left
    }

    pub fn spent(&self) -> u64 {
        self.spent
    }

    /// A meter of at most `steps` taken out of this one (given back by [`Meter::settle`]).
    pub fn share(&self, steps: u64) -> Meter {
        Meter::new(steps.min(self.left))
    }

    /// Charge what `part` (made by [`Meter::share`]) spent.
    pub fn settle(&mut self, part: &Meter) {
        let spent = part.spent.min(self.left);
        self.left -= spent;
        self.spent += spent;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charges_until_empty_and_shares_settle() {
        let mut m = Meter::new(10);
        assert!(m.charge(4));
        assert!(!m.charge(7));
        assert_eq!((m.left(), m.spent()), (6, 4));
        let mut part = m.share(100);
        assert_eq!(part.left(), 6);
        assert!(part.charge(5));
        m.settle(&part);
        assert_eq!((m.left(), m.spent()), (1, 9));
    }
}
