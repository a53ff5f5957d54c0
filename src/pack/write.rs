//! Writing a pack as TOML 1.0 text that `pack check` accepts: basic strings with every
//! control character escaped (a line break as `\n`), Chinese keys quoted.

use super::model::{DrillBody, Pack, PhraseOrder};
use std::fmt::Write as _;

/// A TOML basic string: `"…"` with `\` `"` and control characters escaped.
pub fn toml_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A key: bare when TOML allows it (A-Z a-z 0-9 _ -), else a quoted basic string.
pub fn toml_key(k: &str) -> String {
    if !k.is_empty()
        && k.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    {
        k.to_owned()
    } else {
        toml_string(k)
    }
}

fn string_array(items: &[String]) -> String {
    let inner: Vec<String> = items.iter().map(|s| toml_string(s)).collect();
    format!("[{}]", inner.join(", "))
}

fn inline_table(entries: &[(String, String)]) -> String {
    let inner: Vec<String> = entries
        .iter()
        .map(|(k, v)| format!("{} = {}", toml_key(k), toml_string(v)))
        .collect();
    format!("{{ {} }}", inner.join(", "))
}

/// A float TOML reads back as the same number (`95.0`, not `95`).
fn toml_float(x: f64) -> String {
    let s = format!("{x:?}");
    if s.contains(['.', 'e', 'E']) {
        s
    } else {
        format!("{s}.0")
    }
}

/// The pack as TOML text. `header` lines (comments, without `# `) go first.
pub fn to_toml(pack: &Pack, header: &[String]) -> String {
    let mut out = String::new();
    for line in header {
        for l in line.lines() {
            let clean: String = l.chars().filter(|c| !c.is_control()).collect();
            let _ = writeln!(out, "# {clean}");
        }
    }
    if !header.is_empty() {
        out.push('\n');
    }
    out.push_str("[pack]\n");
    let _ = writeln!(out, "id = {}", toml_string(&pack.id));
    let _ = writeln!(out, "title = {}", toml_string(&pack.title));
    let _ = writeln!(out, "version = {}", toml_string(&pack.version));
    if let Some(a) = &pack.author {
        let _ = writeln!(out, "author = {}", toml_string(a));
    }
    if let Some(d) = &pack.description {
        let _ = writeln!(out, "description = {}", toml_string(d));
    }
    if !pack.tags.is_empty() {
        let _ = writeln!(out, "tags = {}", string_array(&pack.tags));
    }
    out.push_str("format = 1\n");
    for t in &pack.templates {
        out.push_str("\n[[template]]\n");
        let _ = writeln!(out, "code = {}", toml_string(&t.code));
        let _ = writeln!(out, "group = {}", toml_string(&t.group));
        let _ = writeln!(out, "text = {}", toml_string(&t.text));
    }
    for d in &pack.drills {
        out.push_str("\n[[drill]]\n");
        let _ = writeln!(out, "id = {}", toml_string(&d.id));
        let _ = writeln!(out, "title = {}", toml_string(&d.title));
        let _ = writeln!(out, "kind = {}", toml_string(d.kind().as_str()));
        if let Some(text) = &d.description {
            let _ = writeln!(out, "description = {}", toml_string(text));
        }
        if !d.tags.is_empty() {
            let _ = writeln!(out, "tags = {}", string_array(&d.tags));
        }
        if let Some(s) = d.time_limit {
            let _ = writeln!(out, "time_limit = {s}");
        }
        if d.strict {
            out.push_str("strict = true\n");
        }
        match d.pass {
            Some(crate::pack::Pass::Typing { cpm, accuracy }) => {
                let (cpm, accuracy) = (toml_float(cpm), toml_float(accuracy));
                let _ = writeln!(out, "pass = {{ cpm = {cpm}, accuracy = {accuracy} }}");
            }
            Some(crate::pack::Pass::Reply { correct, seconds }) => {
                let (correct, seconds) = (toml_float(correct), toml_float(seconds));
                let _ = writeln!(out, "pass = {{ correct = {correct}, seconds = {seconds} }}");
            }
            Some(crate::pack::Pass::Codes { correct }) => {
                let _ = writeln!(out, "pass = {{ correct = {} }}", toml_float(correct));
            }
            Some(crate::pack::Pass::Shift {
                reply_rate,
                seconds,
            }) => {
                let (rate, seconds) = (toml_float(reply_rate), toml_float(seconds));
                let _ = writeln!(out, "pass = {{ reply_rate = {rate}, seconds = {seconds} }}");
            }
            None => {}
        }
        match &*d.body {
            DrillBody::Text { text } => {
                let _ = writeln!(out, "text = {}", toml_string(text));
            }
            DrillBody::Phrases {
                phrases,
                order,
                count,
            } => {
                out.push_str("phrases = [\n");
                for p in phrases {
                    let _ = writeln!(out, "  {},", toml_string(p));
                }
                out.push_str("]\n");
                if *order == PhraseOrder::Fixed {
                    out.push_str("order = \"fixed\"\n");
                }
                if let Some(n) = count {
                    let _ = writeln!(out, "count = {n}");
                }
            }
            DrillBody::QuickReply {
                scenarios,
                target_seconds,
            } => {
                let _ = writeln!(out, "target_seconds = {target_seconds}");
                for s in scenarios {
                    out.push_str("[[drill.scenario]]\n");
                    if s.customer.len() == 1 {
                        let _ = writeln!(out, "customer = {}", toml_string(&s.customer[0]));
                    } else {
                        let _ = writeln!(out, "customer = {}", string_array(&s.customer));
                    }
                    let _ = writeln!(out, "expect = {}", string_array(&s.expect));
                    if !s.slots.is_empty() {
                        let _ = writeln!(out, "slots = {}", inline_table(&s.slots));
                    }
                    if !s.card.is_empty() {
                        let _ = writeln!(out, "card = {}", inline_table(&s.card));
                    }
                    if let Some(c) = &s.context {
                        let _ = writeln!(out, "context = {}", toml_string(c));
                    }
                }
            }
            DrillBody::Recall { group, count } | DrillBody::Recite { group, count } => {
                if let Some(g) = group {
                    let _ = writeln!(out, "group = {}", toml_string(g));
                }
                if let Some(n) = count {
                    let _ = writeln!(out, "count = {n}");
                }
            }
            DrillBody::Shift(shift) => write_shift(&mut out, shift),
        }
    }
    out
}

/// A shift's keys, buyers and turns; `on` and `else` by turn id (a turn another one
/// points at without an id is named `turn-N`, its 1-based place).
fn write_shift(out: &mut String, shift: &crate::pack::Shift) {
    use crate::pack::Next;
    let _ = writeln!(out, "minutes = {}", shift.minutes);
    let _ = writeln!(out, "target_seconds = {}", shift.target_seconds);
    let _ = writeln!(
        out,
        "first_response_seconds = {}",
        shift.first_response_seconds
    );
    if let Some(w) = shift.max_wait {
        let _ = writeln!(out, "max_wait = {w}");
    }
    if let Some(seed) = shift.seed {
        let _ = writeln!(out, "seed = {seed}");
    }
    let clock = |m: u32| format!("{:02}:{:02}", m / 60, m % 60);
    let _ = writeln!(out, "starts = {}", toml_string(&clock(shift.starts)));
    let _ = writeln!(
        out,
        "quiet_hours = {}",
        toml_string(&format!(
            "{}-{}",
            clock(shift.quiet.0),
            clock(shift.quiet.1)
        ))
    );
    for buyer in &shift.buyers {
        out.push_str("\n[[drill.buyer]]\n");
        let _ = writeln!(out, "name = {}", toml_string(&buyer.name));
        if let Some(a) = buyer.arrive {
            let _ = writeln!(out, "arrive = {a}");
        }
        if !buyer.card.is_empty() {
            let _ = writeln!(out, "card = {}", inline_table(&buyer.card));
        }
        if let Some(c) = &buyer.context {
            let _ = writeln!(out, "context = {}", toml_string(c));
        }
        let id = |i: usize| {
            buyer
                .turns
                .get(i)
                .and_then(|t| t.id.clone())
                .unwrap_or_else(|| format!("turn-{}", i + 1))
        };
        let named = |next: &Next| match next {
            Next::Turn(i) => id(*i),
            Next::End => "end".to_string(),
        };
        let pointed: Vec<usize> = buyer
            .turns
            .iter()
            .flat_map(|t| t.on.iter().map(|(_, n)| *n).chain(t.otherwise))
            .filter_map(|n| match n {
                Next::Turn(i) => Some(i),
                Next::End => None,
            })
            .collect();
        for (i, turn) in buyer.turns.iter().enumerate() {
            out.push_str("[[drill.buyer.turn]]\n");
            if turn.id.is_some() || pointed.contains(&i) {
                let _ = writeln!(out, "id = {}", toml_string(&id(i)));
            }
            let m = &turn.message;
            if m.customer.len() == 1 {
                let _ = writeln!(out, "customer = {}", toml_string(&m.customer[0]));
            } else {
                let _ = writeln!(out, "customer = {}", string_array(&m.customer));
            }
            let _ = writeln!(out, "expect = {}", string_array(&m.expect));
            if !m.slots.is_empty() {
                let _ = writeln!(out, "slots = {}", inline_table(&m.slots));
            }
            if !turn.on.is_empty() {
                let on: Vec<(String, String)> = turn
                    .on
                    .iter()
                    .map(|(code, next)| (code.clone(), named(next)))
                    .collect();
                let _ = writeln!(out, "on = {}", inline_table(&on));
            }
            if let Some(next) = &turn.otherwise {
                let _ = writeln!(out, "else = {}", toml_string(&named(next)));
            }
            if let Some(n) = turn.nudge_after {
                let _ = writeln!(out, "nudge_after = {n}");
                let _ = writeln!(out, "nudges = {}", string_array(&turn.nudges));
            }
            if turn.reply_after != 5 {
                let _ = writeln!(out, "reply_after = {}", turn.reply_after);
            }
            if !turn.card.is_empty() {
                let _ = writeln!(out, "card = {}", inline_table(&turn.card));
            }
            if turn.transfer {
                out.push_str("transfer = true\n");
            }
            if turn.ordered {
                out.push_str("ordered = true\n");
            }
        }
    }
    let judged = |out: &mut String, m: &crate::pack::Scenario| {
        let _ = writeln!(out, "expect = {}", string_array(&m.expect));
        if !m.slots.is_empty() {
            let _ = writeln!(out, "slots = {}", inline_table(&m.slots));
        }
        if !m.card.is_empty() {
            let _ = writeln!(out, "card = {}", inline_table(&m.card));
        }
        if let Some(c) = &m.context {
            let _ = writeln!(out, "context = {}", toml_string(c));
        }
    };
    for order in &shift.orders {
        out.push_str("\n[[drill.order]]\n");
        let _ = writeln!(out, "buyer = {}", toml_string(&order.buyer));
        let _ = writeln!(out, "ordered = {}", order.ordered);
        let _ = writeln!(out, "items = {}", toml_string(&order.items));
        let _ = writeln!(out, "amount = {}", toml_string(&order.amount));
        let _ = writeln!(out, "reason = {}", toml_string(&order.reason));
        judged(out, &order.message);
        let _ = writeln!(out, "pays_if = {}", string_array(&order.pays_if));
        let _ = writeln!(out, "remind_after = {}", order.remind_after);
        if order.refused {
            out.push_str("refused = true\n");
        }
    }
    for care in &shift.cares {
        out.push_str("\n[[drill.care]]\n");
        let _ = writeln!(out, "buyer = {}", toml_string(&care.buyer));
        let _ = writeln!(out, "at = {}", care.at);
        let _ = writeln!(out, "event = {}", toml_string(&care.event));
        judged(out, &care.message);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pack::{PackSource, load_text};

    fn src() -> PackSource {
        PackSource::File {
            path: "t.toml".into(),
        }
    }

    #[test]
    fn strings_are_escaped() {
        assert_eq!(toml_string("a\"b\\c\nd"), "\"a\\\"b\\\\c\\nd\"");
        assert_eq!(toml_string("x\u{1b}y"), "\"x\\u001By\"");
        assert_eq!(toml_key("店铺"), "\"店铺\"");
        assert_eq!(toml_key("cpm"), "cpm");
        assert_eq!(toml_float(95.0), "95.0");
        assert_eq!(toml_float(60.5), "60.5");
    }

    #[test]
    fn every_builtin_pack_round_trips() {
        for pack in crate::pack::builtin() {
            let text = to_toml(&pack, &["注释".to_owned()]);
            let back = load_text(&text, "t.toml", src())
                .unwrap_or_else(|p| panic!("{}: {p:?}\n{text}", pack.id));
            assert_eq!(back.templates, pack.templates, "{}", pack.id);
            assert_eq!(back.drills, pack.drills, "{}", pack.id);
            assert_eq!(
                (back.id, back.title, back.version, back.author, back.tags),
                (pack.id, pack.title, pack.version, pack.author, pack.tags)
            );
        }
    }
}
