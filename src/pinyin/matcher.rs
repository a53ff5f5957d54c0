//! Which reading the letters typed so far take, and whether each letter was right.
//!
//! Letters are taken left to right. A letter that continues some reading of the 字
//! being typed is right. At a full reading the 字 is complete, unless a longer reading
//! of it could still follow (和: he, hu, huo): then the next letter decides: it
//! continues the 字 if it can, else the 字 ends and the letter goes to the next one. A
//! letter no reading allows is wrong and takes a place in the reading expected (the
//! first one that fits the right letters before it), so a slip does not shift the rest.
//! The verdicts are causal: a letter's verdict depends only on the letters before it,
//! so Backspace and retyping never change what earlier letters were.

use super::readings::Grapheme;
use unicode_segmentation::UnicodeSegmentation;

/// Where the line sits in the drill, which changes how its last 字 ends.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Ends {
    /// The drill's last line: its last 字 ends at the first full reading (no letter
    /// can follow to say otherwise).
    pub drill_end: bool,
    /// Strict drills: the line ends once long enough, even on a wrong letter.
    pub strict: bool,
}

/// The line as the typed units (graphemes: letters, digits, marks) make it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Parsed {
    /// Per grapheme, the reading it takes now: chosen by the letters typed, expected
    /// after a slip, or the first for a 字 not reached.
    pub readings: Vec<String>,
    /// Per grapheme, how many typed units belong to it.
    pub spans: Vec<usize>,
    /// Per typed unit taken by the line, whether it was right.
    pub ok: Vec<bool>,
    /// The grapheme being typed (`readings.len()` once all are complete).
    pub current: usize,
    /// Typed units the line took; any after them start the next line.
    pub taken: usize,
}

impl Parsed {
    /// The line's target now: its readings joined.
    pub fn target(&self) -> String {
        self.readings.concat()
    }

    /// Whether every grapheme is complete.
    pub fn complete(&self) -> bool {
        self.current >= self.readings.len()
    }
}

/// The 字 being typed.
struct Open {
    prefix: String,
    /// After a slip: the reading its letters are judged against.
    expected: Option<String>,
}

/// Take `units` (typed graphemes, in order) over `line`.
pub fn parse(line: &[Grapheme], units: &[&str], ends: Ends) -> Parsed {
    let n = line.len();
    let mut p = Parsed {
        readings: line.iter().map(|g| first(g).to_string()).collect(),
        spans: vec![0; n],
        ok: Vec::with_capacity(units.len()),
        current: 0,
        taken: 0,
    };
    let mut open = Open {
        prefix: String::new(),
        expected: None,
    };
    'units: for &unit in units {
        loop {
            let i = p.current;
            let Some(g) = line.get(i) else {
                break 'units;
            };
            let last = i + 1 == n;
            if open.expected.is_none() {
                let extended = format!("{}{unit}", open.prefix);
                if g.keys.iter().any(|k| k.starts_with(&extended)) {
                    p.ok.push(true);
                    p.spans[i] += 1;
                    open.prefix = extended;
                    let full = g.keys.contains(&open.prefix);
                    if full && (!extendable(g, &open.prefix) || (last && ends.drill_end)) {
                        p.readings[i] = std::mem::take(&mut open.prefix);
                        p.current += 1;
                    }
                    break;
                }
                if !open.prefix.is_empty() && g.keys.contains(&open.prefix) {
                    // A full reading the letter does not continue: the 字 ends here.
                    p.readings[i] = std::mem::take(&mut open.prefix);
                    p.current += 1;
                    continue;
                }
                let expected = g
                    .keys
                    .iter()
                    .find(|k| k.starts_with(&open.prefix))
                    .unwrap_or(&g.keys[0]);
                open.expected = Some(expected.clone());
            }
            let expected = open.expected.clone().unwrap_or_default();
            let want: Vec<&str> = expected.graphemes(true).collect();
            let at = p.spans[i];
            if at >= want.len() {
                // The line's last 字, full, its last unit wrong: no room until Backspace.
                break 'units;
            }
            let ok = want[at] == unit;
            p.ok.push(ok);
            p.spans[i] += 1;
            open.prefix.push_str(unit);
            if at + 1 == want.len() && (!last || ok || ends.strict) {
                p.readings[i] = expected;
                p.current += 1;
                open = Open {
                    prefix: String::new(),
                    expected: None,
                };
            }
            break;
        }
        p.taken += 1;
    }
    if let Some(g) = line.get(p.current) {
        p.readings[p.current] = projected(g, &open, p.current + 1 == n && !ends.drill_end);
    }
    p
}

fn first(g: &Grapheme) -> &str {
    g.keys.first().map_or(g.text.as_str(), String::as_str)
}

/// Whether a longer reading of `g` starts with `prefix`.
fn extendable(g: &Grapheme, prefix: &str) -> bool {
    g.keys
        .iter()
        .any(|k| k.len() > prefix.len() && k.starts_with(prefix))
}

/// The reading an open 字 is shown and judged with: the one expected after a slip; the
/// full reading typed; else the first that continues the letters. The last 字 of a line
/// waiting on a full reading a longer one extends shows the longer, so the line does not
/// end before the next letter says which.
fn projected(g: &Grapheme, open: &Open, waits: bool) -> String {
    if let Some(expected) = &open.expected {
        return expected.clone();
    }
    let full = !open.prefix.is_empty() && g.keys.contains(&open.prefix);
    if full && !(waits && extendable(g, &open.prefix)) {
        return open.prefix.clone();
    }
    g.keys
        .iter()
        .find(|k| k.starts_with(&open.prefix) && (!full || k.len() > open.prefix.len()))
        .map_or_else(|| first(g).to_string(), String::clone)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pinyin::readings::line;

    fn units(s: &str) -> Vec<&str> {
        s.graphemes(true).collect()
    }

    fn run(text: &str, typed: &str) -> Parsed {
        parse(&line(text), &units(typed), Ends::default())
    }

    fn oks(p: &Parsed) -> String {
        p.ok.iter().map(|&o| if o { '+' } else { '-' }).collect()
    }

    #[test]
    fn each_reading_of_a_polyphonic_zi_is_right() {
        for typed in ["hedehao", "hedihao"] {
            let p = run("和的好", typed);
            assert_eq!(oks(&p), "+++++++", "{typed}");
            assert!(p.complete(), "{typed}");
        }
        let p = run("的呢", "dini");
        assert_eq!(p.readings, ["di", "ni"]);
        assert_eq!(oks(&p), "++++");
        let p = run("的呢", "dene");
        assert_eq!(p.readings, ["de", "ne"]);
    }

    #[test]
    fn a_zi_ends_at_a_full_reading_unless_the_next_letter_continues_it() {
        // 和我: hu then w (not o): 和 = hu.
        let p = run("和我", "huwo");
        assert_eq!(p.readings, ["hu", "wo"]);
        assert_eq!(p.spans, [2, 2]);
        // huo: o continues hu, 和 = huo.
        let p = run("和我", "huowo");
        assert_eq!(p.readings, ["huo", "wo"]);
        assert_eq!(oks(&p), "+++++");
        // he has no longer reading: complete at once.
        let p = run("和我", "he");
        assert_eq!(p.current, 1);
        // hu waits: still the 字 being typed.
        let p = run("和我", "hu");
        assert_eq!((p.current, p.readings[0].as_str()), (0, "hu"));
    }

    #[test]
    fn the_last_zi_of_a_line_waits_for_the_next_letter() {
        // In a line that is not the drill's last, 和 at hu shows huo and waits…
        let g = line("我和");
        let p = parse(&g, &units("wohu"), Ends::default());
        assert_eq!((p.current, p.target().as_str()), (1, "wohuo"));
        // …and a letter that does not continue it is left for the next line.
        let p = parse(&g, &units("wohun"), Ends::default());
        assert!(p.complete());
        assert_eq!((p.taken, p.target().as_str()), (4, "wohu"));
        // At the drill's end the first full reading ends it.
        let end = Ends {
            drill_end: true,
            strict: false,
        };
        let p = parse(&g, &units("wohu"), end);
        assert!(p.complete());
        assert_eq!(p.target(), "wohu");
    }

    #[test]
    fn u_umlaut_as_v_and_lue_lve() {
        assert_eq!(oks(&run("绿", "lv")), "++");
        assert_eq!(run("绿", "lv").readings, ["lv"]);
        for typed in ["lve", "lue"] {
            let p = run("略", typed);
            assert_eq!(oks(&p), "+++", "{typed}");
            assert_eq!(p.readings, [typed]);
        }
        assert_eq!(oks(&run("虐", "nue")), "+++");
        assert_eq!(oks(&run("嗯", "en")), "++");
    }

    #[test]
    fn a_slip_takes_a_place_in_the_expected_reading() {
        // 的 expected de; x wrong, e right, then 好.
        let p = run("的好", "dxhao");
        assert_eq!(oks(&p), "+-+++");
        assert_eq!(p.readings, ["de", "hao"]);
        assert_eq!(p.spans, [2, 3]);
        // A wrong first letter: the first reading is expected.
        let p = run("好的", "xao");
        assert_eq!(oks(&p), "-++");
        assert_eq!((p.current, p.readings[0].as_str()), (1, "hao"));
        // The slip is judged against the first reading the right letters allow.
        let p = run("和我", "hxwo");
        assert_eq!(oks(&p), "+-++");
        assert_eq!(p.readings, ["he", "wo"]);
        // After a full reading, a letter that fits nothing is the next 字's slip.
        let p = run("和我", "hux");
        assert_eq!(oks(&p), "++-");
        assert_eq!(p.spans, [2, 1]);
        assert_eq!(p.readings, ["hu", "wo"]);
    }

    #[test]
    fn a_wrong_last_letter_leaves_no_room() {
        let p = run("好", "hax");
        assert_eq!(oks(&p), "++-");
        assert!(!p.complete());
        let p = run("好", "haxo");
        assert_eq!(p.taken, 3, "the o has no room");
        let strict = Ends {
            drill_end: false,
            strict: true,
        };
        assert!(parse(&line("好"), &units("hax"), strict).complete());
    }

    #[test]
    fn mixed_digits_latin_and_punctuation() {
        let p = run("亲，3号OK。", "qin,3haoOK.");
        assert!(p.complete());
        assert_eq!(oks(&p), "+++++++++++");
        assert_eq!(p.readings, ["qin", ",", "3", "hao", "O", "K", "."]);
        // The full-width comma itself is not the key.
        let p = run("亲，", "qin，");
        assert_eq!(oks(&p), "+++-");
    }

    #[test]
    fn projection_follows_the_letters() {
        let p = run("的", "");
        assert_eq!(p.target(), "de");
        let p = run("的", "di");
        assert_eq!(p.target(), "di");
        let p = run("女", "r");
        assert_eq!(p.target(), "ru");
        assert!(run("", "abc").complete());
        assert_eq!(run("", "abc").taken, 0);
    }
}
