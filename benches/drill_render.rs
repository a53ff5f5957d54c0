//! One keystroke through the engine plus a full render of the drill screen at 120×40
//! with a 2,000-grapheme Chinese text into TestBackend. Target: median under 200 µs.
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use kuaida::engine::{Batch, Key};
use kuaida::pack::{Drill, DrillBody, Pack, PackSource};
use kuaida::text::AmbiWidth;
use kuaida::tui::run::Run;
use kuaida::tui::screens::drill;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::time::{Duration, Instant};

const SAMPLE: &str =
    "亲，您好！欢迎光临本店，请问有什么可以帮您？我们的商品都是正品，支持七天无理由退换货。";

fn text_of(graphemes: usize) -> String {
    SAMPLE.chars().cycle().take(graphemes).collect()
}

fn drill_render(c: &mut Criterion) {
    let text = text_of(2000);
    let pack = Pack {
        id: "bench".into(),
        title: "基准".into(),
        version: "1".into(),
        author: None,
        description: None,
        tags: vec![],
        templates: vec![],
        drills: vec![Drill {
            id: "long".into(),
            title: "长文".into(),
            tags: vec![],
            time_limit: None,
            strict: false,
            pass: None,
            body: DrillBody::Text { text: text.clone() },
        }],
        hash: String::new(),
        source: PackSource::Builtin {
            file: "bench.toml".into(),
        },
    };
    let mut run = Run::new(0, &pack, &pack.drills[0]).expect("text drill");
    // Half the text typed, so the view has scrolled and the log is long.
    let t0 = Instant::now();
    for (i, ch) in text.chars().take(1000).enumerate() {
        run.apply(
            t0 + Duration::from_millis(300 * i as u64),
            &Batch::Keys(vec![Key::Char(ch)]),
        );
    }
    let next = text.chars().nth(1000).expect("long enough");
    let at = t0 + Duration::from_secs(400);
    let mut term = Terminal::new(TestBackend::new(120, 40)).expect("backend");
    c.bench_function("keystroke + drill render 120x40, 2000 字", |b| {
        b.iter_batched(
            || run.clone(),
            |mut r| {
                r.apply(at, &Batch::Keys(vec![Key::Char(next)]));
                term.draw(|f| drill::render(f, &r, at, AmbiWidth::Narrow))
                    .expect("draws");
                r
            },
            BatchSize::SmallInput,
        )
    });
}

criterion_group!(benches, drill_render);
criterion_main!(benches);
