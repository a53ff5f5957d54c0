//! How the class did at each drill: students, the mean and median of the figure each
//! is graded by (an exam's first attempt, another drill's best), and how many passed.
//! Held and left attempts and small samples give no figure to average.

use super::table::StudentRow;

/// One drill's class figures.
#[derive(Debug, Clone, PartialEq)]
pub struct ClassFigures {
    /// Students with an attempt.
    pub students: usize,
    /// Of their graded figures, those averaged.
    pub measured: usize,
    pub mean: Option<f64>,
    pub median: Option<f64>,
    /// Students whose verdict is 达标; `None` when the drill has no pass line.
    pub passed: Option<usize>,
}

/// The class figures of drill column `d`.
pub fn figures(rows: &[StudentRow], d: usize) -> ClassFigures {
    let cells: Vec<_> = rows.iter().filter_map(|r| r.cell(d)).collect();
    let mut values: Vec<f64> = cells
        .iter()
        .map(|c| c.graded())
        .filter(|a| !a.figure.small && !a.held && !a.left)
        .map(|a| a.figure.a)
        .collect();
    values.sort_by(f64::total_cmp);
    let n = values.len();
    let mean = (n > 0).then(|| values.iter().sum::<f64>() / n as f64);
    let median = match n {
        0 => None,
        _ if n % 2 == 1 => Some(values[n / 2]),
        _ => Some((values[n / 2 - 1] + values[n / 2]) / 2.0),
    };
    let judged = cells.iter().any(|c| c.verdict.is_some());
    let passed = judged.then(|| {
        cells
            .iter()
            .filter(|c| c.verdict == Some(super::cell::Verdict::Passed))
            .count()
    });
    ClassFigures {
        students: cells.len(),
        measured: n,
        mean,
        median,
        passed,
    }
}
