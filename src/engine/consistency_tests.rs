//! Consistency for input-method typing (PRODUCT.md "What is measured"): 5-second windows
//! when the target has Chinese, Monkeytype's 1 s for Latin-only text.

use super::*;

const MS: u64 = 1_000;
const S: u64 = 1_000_000;

/// A Chinese target long enough for a minute of typing at any pace tried here.
fn chinese_target() -> String {
    "亲在的您好今天发货了请放心收到后有问题随时联系我们".repeat(20)
}

/// Type commits of `sizes[i]` 字 at `times[i]` (µs) into a fresh text drill of `target`,
/// each commit right; returns the summary.
fn typed_commits(target: &str, commits: &[(u64, usize)]) -> Summary {
    let graphemes: Vec<&str> = crate::text::graphemes(target);
    let mut t = Typing::new(&[target.to_string()], Rules::default());
    let mut at = 0;
    for &(time, n) in commits {
        let Some(run) = graphemes.get(at..at + n) else {
            break;
        };
        t.apply(
            time,
            &Batch::Keys(run.concat().chars().map(Key::Char).collect()),
        );
        at += n;
    }
    t.summary()
}

/// A steady typist: a commit of 3 字 every 2 s, from 0 to 60 s.
#[test]
fn commits_of_three_zi_every_two_seconds_score_80() {
    let commits: Vec<(u64, usize)> = (0..=30).map(|i| (2 * i * S, 3)).collect();
    let s = typed_commits(&chinese_target(), &commits);
    // 5-second windows hold 9, 6, 9, 6 … 字: mean 7.5, sd 1.5, c = 0.2 → 80.
    assert!((s.consistency - 80.0).abs() <= 1.0, "{}", s.consistency);
    assert!(s.consistency_measured());
}

/// Commits of 2–4 字, 1.5–3 s apart, over 60 s; after every `pause_every` commits (0:
/// never) the typist stops for 8 s.
fn random_typist(seed: u64, pause_every: usize) -> f64 {
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut commits = Vec::new();
    let mut t = 0;
    while t <= 60 * S {
        commits.push((t, rng.usize(2..=4)));
        t += if pause_every > 0 && commits.len() % pause_every == 0 {
            8 * S
        } else {
            rng.u64(1500..=3000) * MS
        };
    }
    typed_commits(&chinese_target(), &commits).consistency
}

fn median(mut scores: Vec<f64>) -> f64 {
    scores.sort_by(f64::total_cmp);
    let n = scores.len();
    (scores[(n - 1) / 2] + scores[n / 2]) / 2.0
}

#[test]
fn random_commits_of_two_to_four_zi_have_a_median_of_at_least_65() {
    let m = median((0..100).map(|seed| random_typist(seed, 0)).collect());
    assert!(m >= 65.0, "median consistency {m:.1}");
}

#[test]
fn a_typist_with_eight_second_pauses_scores_under_40() {
    // Three commits of 3 字 two seconds apart, then 8 s of nothing, over a minute.
    let mut commits = Vec::new();
    let mut t = 0;
    while t <= 60 * S {
        for _ in 0..3 {
            commits.push((t, 3));
            t += 2 * S;
        }
        t += 6 * S;
    }
    let s = typed_commits(&chinese_target(), &commits);
    assert!(s.consistency < 40.0, "{}", s.consistency);
    // The same pauses in a random typist's minute.
    let m = median((0..100).map(|seed| random_typist(seed, 3)).collect());
    assert!(m < 40.0, "median consistency {m:.1}");
}

#[test]
fn latin_text_keeps_one_second_windows() {
    // Letters at 0, 1, 3 s of "abc": whole seconds [1, 1, 0]: c = 1/√2, as Monkeytype.
    let s = typed_commits("abc", &[(0, 1), (S, 1), (3 * S, 1)]);
    let c = 0.5f64.sqrt();
    let expected = 100.0 * (1.0 - (c + c.powi(3) / 3.0 + c.powi(5) / 5.0).tanh());
    assert!((s.consistency - expected).abs() < 1e-9, "{}", s.consistency);
    assert!(s.consistency_measured());
    // The same times over Chinese are inside one 5-second window: not measured.
    let s = typed_commits("您好吗", &[(0, 1), (S, 1), (3 * S, 1)]);
    assert_eq!(s.consistency, 100.0);
    assert!(!s.consistency_measured());
}

#[test]
fn chinese_needs_two_whole_five_second_windows() {
    // 9.9 s: one whole window only.
    let s = typed_commits("今天发货了", &[(0, 2), (9_900 * MS, 3)]);
    assert_eq!(s.consistency, 100.0);
    assert!(!s.consistency_measured());
    // 10 s: windows [2, 0] (the commit at 10 s starts a third, partial one): mean 1,
    // sd 1, c = 1 → 100 × (1 − tanh(1 + 1/3 + 1/5)) ≈ 8.9.
    let s = typed_commits("今天发货了", &[(0, 2), (10 * S, 3)]);
    assert!(s.consistency_measured());
    assert!((s.consistency - 8.90).abs() < 0.01, "{}", s.consistency);
    // Windows [2, 3], then the last 字 at 11 s in a partial one: mean 2.5, sd 0.5,
    // c = 0.2 → 100 × (1 − tanh(0.2 + 0.008/3 + 0.00032/5)).
    let s = typed_commits("今天发货了好", &[(0, 2), (5 * S, 3), (11 * S, 1)]);
    assert!(s.finished);
    let c: f64 = 0.2;
    let expected = 100.0 * (1.0 - (c + c.powi(3) / 3.0 + c.powi(5) / 5.0).tanh());
    assert!((s.consistency - expected).abs() < 1e-9, "{}", s.consistency);
}

#[test]
fn window_length_follows_the_target() {
    assert_eq!(summary::consistency_window_seconds("Hello, world 123"), 1);
    assert_eq!(summary::consistency_window_seconds("亲，在的"), 5);
    assert_eq!(summary::consistency_window_seconds("ok 好"), 5);
    assert_eq!(summary::consistency_window_seconds("，。？！"), 1);
    assert_eq!(summary::consistency_window_seconds(""), 1);
}

#[test]
fn the_per_second_figure_of_older_records_is_still_at_hand() {
    let commits: Vec<(u64, usize)> = (0..=30).map(|i| (2 * i * S, 3)).collect();
    let s = typed_commits(&chinese_target(), &commits);
    // Per second: 3, 0, 3, 0 … over 60 whole seconds: mean 1.5, sd 1.5, c = 1.
    let expected = 100.0 * (1.0 - (1.0f64 + 1.0 / 3.0 + 1.0 / 5.0).tanh());
    assert!((s.legacy_consistency() - expected).abs() < 1e-9);
    assert!((s.consistency - 80.0).abs() <= 1.0);
}
