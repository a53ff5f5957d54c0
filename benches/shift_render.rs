//! One key in a busy shift as the trainer handles it: ten buyers waiting at once, long
//! conversations, the key into the focused draft, the whole 接待中心 screen drawn at
//! 120×40 and the diff written through crossterm to a sink. The shift screen is drawn
//! whole each time (it has no partial repaint), so this is its worst case per key.
//! Target: within the drill screen's budget, median under 200 µs.

use criterion::{Criterion, criterion_group, criterion_main};
use kuaida::pack::{DrillBody, PackSource, load_text};
use kuaida::reply::reply_box::{ReplyBatch, ReplyKey};
use kuaida::reply::shift::ShiftSession;
use kuaida::text::AmbiWidth;
use kuaida::tui::backend::Fast;
use kuaida::tui::screens::shift::render_shift;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use std::hint::black_box;
use std::io::Write;

struct Sink;

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Ten buyers at 0 s, each with twenty turns answered by the same phrase.
fn busy_shift() -> ShiftSession {
    let mut text = String::from(
        "[pack]\nid = \"b\"\ntitle = \"B\"\nversion = \"1\"\n\
         [[template]]\ncode = \"hy\"\ntext = \"亲，欢迎光临{店铺}，很高兴为您服务，请问看中哪款宝贝了呢？\"\n\
         [[drill]]\nid = \"s\"\ntitle = \"高峰\"\nkind = \"shift\"\nminutes = 60\n",
    );
    for b in 0..10 {
        text.push_str(&format!(
            "[[drill.buyer]]\nname = \"顾客{b}\"\narrive = 0\n\
             card = {{ \"店铺\" = \"小橙家居\", \"单号\" = \"73123456789{b:02}\" }}\n\
             context = \"关心尺码和发货时间，着急要\"\n"
        ));
        for _ in 0..20 {
            text.push_str(
                "[[drill.buyer.turn]]\ncustomer = [\"在吗\", \"这款还有货吗，今天能发吗？\"]\n\
                 expect = [\"hy\"]\nslots = { \"店铺\" = \"小橙家居\" }\nreply_after = 0\n",
            );
        }
    }
    let pack = load_text(
        &text,
        "b.toml",
        PackSource::File {
            path: "b.toml".into(),
        },
    )
    .expect("valid");
    let DrillBody::Shift(shift) = DrillBody::clone(&pack.drills[0].body) else {
        panic!("a shift")
    };
    let mut s = ShiftSession::new(shift, pack.templates, 1);
    // Fifteen replies in each conversation, so every chat pane is full.
    let mut t = 0;
    for _ in 0..10 {
        for _ in 0..15 {
            t += 100_000;
            s.apply(
                t,
                &ReplyBatch::Keys("/hy".chars().map(ReplyKey::Char).collect()),
            );
            s.apply(t, &ReplyBatch::Keys(vec![ReplyKey::Enter]));
            s.apply(t, &ReplyBatch::Keys(vec![ReplyKey::Card, ReplyKey::Enter]));
            s.apply(t, &ReplyBatch::Keys(vec![ReplyKey::Enter]));
            s.advance(t + 1);
        }
        s.focus_step(t, true);
    }
    s
}

fn shift_render(c: &mut Criterion) {
    let mut s = busy_shift();
    let area = Rect::new(0, 0, 120, 40);
    let mut term = Terminal::with_options(
        Fast::new(Sink),
        TerminalOptions {
            viewport: Viewport::Fixed(area),
        },
    )
    .expect("backend");
    let mut t = 600_000_000;
    let mut k = 0u64;
    c.bench_function("key + 接待中心 render 120x40, 10 buyers waiting", |b| {
        b.iter(|| {
            k += 1;
            t += 150_000;
            let key = if k % 2 == 1 {
                ReplyKey::Char('亲')
            } else {
                ReplyKey::Backspace
            };
            s.apply(t, &ReplyBatch::Keys(vec![key]));
            term.draw(|f| {
                let a = f.area();
                render_shift(
                    f.buffer_mut(),
                    a,
                    &s,
                    "高峰",
                    t,
                    &Default::default(),
                    AmbiWidth::Narrow,
                );
            })
            .expect("draws");
        })
    });
    assert_eq!(s.waiting(t).len(), 10, "ten buyers waiting at once");
    black_box(&s);
}

criterion_group!(benches, shift_render);
criterion_main!(benches);
