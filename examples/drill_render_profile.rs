//! The drill_render bench's keystrokes N times (default 100), for profilers:
//! `valgrind --tool=callgrind --toggle-collect='*keystroke*' \
//!     target/release/examples/drill_render_profile 100` counts only what the bench
//! times: the key (alternately a grapheme and Backspace) through the engine and its
//! frame, drawn and diffed to a sink. With `wrong` as second argument the grapheme is
//! a mistake.
#[path = "../benches/common/mod.rs"]
mod common;

use kuaida::engine::{Batch, Key};
use kuaida::text::AmbiWidth;
use kuaida::tui::backend::Fast;
use kuaida::tui::runs::typing::Run;
use kuaida::tui::screens::drill;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use std::time::{Duration, Instant};

const SAMPLE: &str =
    "亲，您好！欢迎光临本店，请问有什么可以帮您？我们的商品都是正品，支持七天无理由退换货。";

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(100);
    let wrong = args.next().as_deref() == Some("wrong");
    let text: String = SAMPLE.chars().cycle().take(2000).collect();
    let pack = common::text_drill_pack(&text);
    let mut run = Run::new(0, &pack, &pack.drills[0]).expect("text drill");
    let t0 = Instant::now();
    for (i, ch) in text.chars().take(1000).enumerate() {
        run.apply(
            common::stamp(t0 + Duration::from_millis(300 * i as u64)),
            &Batch::Keys(vec![Key::Char(ch)]),
        );
    }
    let key = if wrong {
        Key::Char('x')
    } else {
        Key::Char(text.chars().nth(1000).expect("long enough"))
    };
    let start = t0 + Duration::from_millis(300 * 1000);
    let mut term = Terminal::with_options(
        Fast::new(std::io::sink()),
        TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, 120, 40)),
        },
    )
    .expect("backend");
    term.draw(|f| drill::render(f, &run, start, AmbiWidth::Narrow))
        .expect("draws");
    for k in 1..=n as u64 {
        let at = start + Duration::from_millis(150 * k);
        let key = if k % 2 == 1 { key } else { Key::Backspace };
        keystroke(&mut run, &mut term, key, at);
    }
}

#[inline(never)]
fn keystroke(r: &mut Run, term: &mut Terminal<Fast<std::io::Sink>>, key: Key, at: Instant) {
    r.apply(common::stamp(at), &Batch::Keys(vec![key]));
    term.draw(|f| drill::render(f, r, at, AmbiWidth::Narrow))
        .expect("draws");
}
