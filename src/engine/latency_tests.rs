//! Per-character latency samples for the slow-character lists (PRODUCT.md "Weak and slow
//! characters"): only a commit of a single grapheme says how long that grapheme took.

use super::*;

const MS: u64 = 1_000;

fn commits(target: &str, commits: &[(u64, &str)]) -> Summary {
    let mut t = Typing::new(&[target.to_string()], Rules::default());
    for (at, text) in commits {
        t.apply(at * MS, &Batch::Keys(text.chars().map(Key::Char).collect()));
    }
    t.summary()
}

fn samples(s: &Summary, g: &str) -> Vec<u64> {
    s.chars
        .iter()
        .find(|c| c.grapheme == g)
        .map(|c| c.single_latencies_us.clone())
        .unwrap_or_default()
}

#[test]
fn only_single_grapheme_commits_give_latency_samples() {
    let s = commits(
        "亲在的亲在的",
        &[
            (0, "亲"),
            (500, "在"),
            (1_500, "的亲"),
            (2_000, "在"),
            (3_000, "的"),
        ],
    );
    // The first commit has no time before it; 的亲 came together: its 1 s says nothing
    // about either.
    assert_eq!(samples(&s, "亲"), Vec::<u64>::new());
    assert_eq!(samples(&s, "在"), vec![500 * MS, 500 * MS]);
    assert_eq!(samples(&s, "的"), vec![1_000 * MS]);
    // The mean latency still splits a commit's time among its graphemes.
    let de = s.chars.iter().find(|c| c.grapheme == "的").unwrap();
    assert_eq!(de.latency_samples, 2);
    assert_eq!(de.mean_latency_ms(), Some(750.0));
}

#[test]
fn graphemes_of_an_emoticon_token_give_no_samples() {
    let s = commits(
        "好[微笑]好[哈]",
        &[
            (0, "好"),
            (300, "["),
            (600, "微"),
            (900, "笑"),
            (1_200, "]"),
            (1_500, "好"),
            (1_800, "["),
            (2_100, "哈"),
            (2_400, "]"),
        ],
    );
    assert_eq!(samples(&s, "微"), Vec::<u64>::new());
    assert_eq!(samples(&s, "笑"), Vec::<u64>::new());
    assert_eq!(samples(&s, "好"), vec![300 * MS]);
    // [哈] is not a 旺旺 face: its 哈 is a character like any other.
    assert_eq!(samples(&s, "哈"), vec![300 * MS]);
    // The brackets of the real face give none; those of [哈] do.
    assert_eq!(samples(&s, "["), vec![300 * MS]);
}
