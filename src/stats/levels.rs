//! Levels tied to the typing speeds employers ask for: 40, 50, 60 and 80 字/分, each at
//! 95 % accuracy. A level is reached by one completed drill that meets it.

/// The speeds, slowest first.
pub const LEVELS: [u32; 4] = [40, 50, 60, 80];
/// The accuracy every level asks for.
pub const LEVEL_ACCURACY: f64 = 95.0;

/// Where a student stands.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct LevelProgress {
    /// The highest level reached, if any.
    pub reached: Option<u32>,
    /// The next level, if any is left.
    pub next: Option<u32>,
    /// 字/分 still missing for the next level (0 when none is left).
    pub cpm_to_go: f64,
}

/// `best_cpm`: the fastest completed drill at [`LEVEL_ACCURACY`] or better.
pub fn progress(best_cpm: Option<f64>) -> LevelProgress {
    let best = best_cpm.filter(|c| c.is_finite()).unwrap_or(0.0);
    let reached = LEVELS
        .iter()
        .rev()
        .find(|&&l| best >= f64::from(l))
        .copied();
    let next = LEVELS.iter().find(|&&l| best < f64::from(l)).copied();
    LevelProgress {
        reached,
        next,
        cpm_to_go: next.map_or(0.0, |l| f64::from(l) - best),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_yet_means_forty_to_go() {
        let p = progress(None);
        assert_eq!((p.reached, p.next, p.cpm_to_go), (None, Some(40), 40.0));
    }

    #[test]
    fn a_level_is_reached_at_its_speed_exactly() {
        let p = progress(Some(50.0));
        assert_eq!((p.reached, p.next), (Some(50), Some(60)));
        assert!((p.cpm_to_go - 10.0).abs() < 1e-9);
    }

    #[test]
    fn past_the_top_nothing_is_left() {
        let p = progress(Some(93.5));
        assert_eq!((p.reached, p.next, p.cpm_to_go), (Some(80), None, 0.0));
    }
}
