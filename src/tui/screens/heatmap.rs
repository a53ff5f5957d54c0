//! The keyboard heatmap on the stats screen: rows 1–0, Q–P, A–L, Z–M drawn staggered
//! like a keyboard, each key coloured by its error rate, keys never typed plain, with a
//! legend and the worst and slowest key named.

use crate::stats::heatmap::{self, Bucket, JUDGED, KeyFigures};
use crate::tr;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};
use std::collections::BTreeMap;

/// Width the heatmap wants with spaced keys (and the least it can do with, keys touching).
pub const WIDE: u16 = 42;
pub const NARROW: u16 = 33;

pub fn style(b: Bucket) -> Style {
    match b {
        Bucket::Untyped => Style::new().dim(),
        Bucket::Few => Style::new().fg(Color::White).bg(Color::DarkGray),
        Bucket::Good => Style::new().fg(Color::Black).bg(Color::Green),
        Bucket::Fair => Style::new().fg(Color::Black).bg(Color::Yellow),
        Bucket::Poor => Style::new().fg(Color::Black).bg(Color::LightRed),
        Bucket::Bad => Style::new().fg(Color::White).bg(Color::Red).bold(),
    }
}

fn label(b: Bucket) -> String {
    match b {
        Bucket::Untyped => tr!("未打", "never"),
        Bucket::Few => tr!("<3次", "<3×"),
        Bucket::Good => "<2%".into(),
        Bucket::Fair => "2-5%".into(),
        Bucket::Poor => "5-10%".into(),
        Bucket::Bad => "10%+".into(),
    }
}

/// The heatmap widget over per-key figures.
pub struct Heatmap<'a> {
    pub keys: &'a BTreeMap<char, KeyFigures>,
}

impl Widget for Heatmap<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let block = Block::default()
            .borders(Borders::ALL)
            .title(tr!(" 键盘 · 错误率 ", " Keys · error rate "));
        let inner = block.inner(area);
        block.render(area, buf);
        // Spaced keys when there is room, touching when not; a blank row between key
        // rows when the height allows.
        let spaced = inner.width >= WIDE - 2;
        let step: u16 = if spaced { 4 } else { 3 };
        let gap = u16::from(inner.height >= 10);
        // (4 key rows, 3 gaps, 2 legend lines and the worst keys: 10 rows.)
        let mut y = inner.y;
        for (r, row) in heatmap::ROWS.iter().enumerate() {
            if y >= inner.bottom() {
                return;
            }
            let mut x = inner.x + r as u16;
            for c in row.chars() {
                if x + 3 > inner.right() {
                    break;
                }
                let b = self
                    .keys
                    .get(&c)
                    .map_or(Bucket::Untyped, KeyFigures::bucket);
                buf.set_string(x, y, format!(" {c} "), style(b));
                x += step;
            }
            y += 1 + gap;
        }
        y = y.saturating_sub(gap);
        let legend = |buckets: &[Bucket]| {
            let mut spans = vec![Span::from(" ")];
            for b in buckets {
                // Judged colours as swatches; plain and grey keys drawn as keys are.
                let swatch = if JUDGED.contains(b) { "  " } else { " A " };
                spans.push(Span::styled(swatch, style(*b)));
                spans.push(Span::from(format!("{} ", label(*b))));
            }
            Line::from(spans)
        };
        let rows = [
            legend(&JUDGED),
            legend(&[Bucket::Untyped, Bucket::Few]),
            worst_line(self.keys),
        ];
        for line in rows {
            if y >= inner.bottom() {
                return;
            }
            buf.set_line(inner.x, y, &line, inner.width);
            y += 1;
        }
    }
}

/// The key most often wrong and the slowest key, of those typed at least three times.
fn worst_line(keys: &BTreeMap<char, KeyFigures>) -> Line<'static> {
    let judged = || {
        keys.iter()
            .filter(|(_, f)| !matches!(f.bucket(), Bucket::Untyped | Bucket::Few))
    };
    let worst = judged()
        .filter(|(_, f)| f.wrong > 0)
        .max_by(|a, b| {
            let rate = |f: &KeyFigures| f64::from(f.wrong) / f64::from(f.typed.max(1));
            rate(a.1).total_cmp(&rate(b.1))
        })
        .map(|(k, f)| {
            tr!(
                "最常错 {k} {:.0}%",
                "most missed {k} {:.0}%",
                f64::from(f.wrong) * 100.0 / f64::from(f.typed.max(1))
            )
        });
    let slowest = judged()
        .filter_map(|(k, f)| f.mean_latency_ms().map(|ms| (k, ms)))
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(k, ms)| tr!("最慢 {k} {ms:.0}ms", "slowest {k} {ms:.0}ms"));
    let parts: Vec<String> = worst.into_iter().chain(slowest).collect();
    if parts.is_empty() {
        Line::from(tr!(
            " 还没有打过字母和数字",
            " no letters or digits typed yet"
        ))
        .dim()
    } else {
        Line::from(format!(" {}", parts.join(" · ")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::screens::testing::{rows, terminal};

    fn figures(typed: u32, wrong: u32) -> KeyFigures {
        KeyFigures {
            typed,
            wrong,
            latency_us: u64::from(typed) * 250_000,
            latency_samples: typed,
        }
    }

    #[test]
    fn keys_sit_in_keyboard_rows_coloured_by_error_rate() {
        let mut keys = BTreeMap::new();
        keys.insert('Q', figures(20, 4));
        keys.insert(
            'A',
            KeyFigures {
                latency_us: 100 * 400_000,
                ..figures(100, 0)
            },
        );
        keys.insert('5', figures(2, 0));
        let mut term = terminal(WIDE, 12);
        let frame = term
            .draw(|f| f.render_widget(Heatmap { keys: &keys }, f.area()))
            .expect("draws");
        let buf = frame.buffer;
        let shown = rows(buf);
        let at = |c: char| {
            shown
                .iter()
                .enumerate()
                .find_map(|(y, row)| {
                    // Cells, not bytes: the frame's │ is three bytes wide in UTF-8.
                    let at = row.find(&format!(" {c} "))?;
                    let x = unicode_width::UnicodeWidthStr::width(&row[..at]) as u16 + 1;
                    Some((x, y as u16))
                })
                .expect("key drawn")
        };
        let (q, a, z, one) = (at('Q'), at('A'), at('Z'), at('1'));
        // Staggered rows, top to bottom.
        assert!(one.1 < q.1 && q.1 < a.1 && a.1 < z.1, "{shown:#?}");
        assert!(one.0 < q.0 && q.0 < a.0 && a.0 < z.0, "{shown:#?}");
        assert_eq!(buf[q].bg, Color::Red, "Q 20% is bad");
        assert_eq!(buf[a].bg, Color::Green);
        assert_eq!(buf[at('5')].bg, Color::DarkGray);
        assert_eq!(buf[z].bg, Color::Reset, "never typed: plain");
        let text = shown.join("\n");
        for want in ["<2%", "10%+", "未打", "最常错 Q 20%", "最慢 A 400ms"] {
            assert!(text.contains(want), "{want} missing in\n{text}");
        }
    }

    #[test]
    fn a_narrow_or_short_area_still_draws_without_panicking() {
        let keys = BTreeMap::new();
        for (w, h) in [(NARROW, 8), (10, 3), (3, 2), (WIDE, 6)] {
            let mut term = terminal(w, h);
            term.draw(|f| f.render_widget(Heatmap { keys: &keys }, f.area()))
                .expect("draws");
        }
        let mut term = terminal(NARROW, 9);
        let frame = term
            .draw(|f| f.render_widget(Heatmap { keys: &keys }, f.area()))
            .expect("draws");
        let text = rows(frame.buffer).join("\n");
        assert!(text.contains(" M "), "{text}");
        assert!(text.contains("还没有打过字母"), "{text}");
    }
}
