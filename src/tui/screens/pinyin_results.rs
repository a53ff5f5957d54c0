//! 成绩 for pinyin practice: the engine's figures over the letters (击键/分…), 字/分,
//! 击键/秒, 码长, a keyboard heatmap of the session's letters, and the slowest and most
//! missed syllables.

use super::results::{ResultsView, figure_row, footer, frame_areas, pad};
use super::{clock, safe};
use crate::engine::{CharFigure, Summary};
use crate::pinyin::{PinyinFigures, PinyinWeak, SyllableFigure};
use crate::tr;
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Sparkline, Wrap};

const KEY_ROWS: [&str; 3] = ["qwertyuiop", "asdfghjkl", "zxcvbnm"];
/// Cells per key on the heatmap, and each row's indent (as on a keyboard).
const KEY_CELLS: u16 = 3;
const ROW_INDENT: [u16; 3] = [0, 1, 2];

fn figure(label: String, value: String) -> Line<'static> {
    figure_row(12, label, value)
}

/// The figure lines, in the order shown.
pub fn figure_lines(o: &ResultsView, s: &Summary, f: &PinyinFigures) -> Vec<Line<'static>> {
    let mut l = vec![
        figure(tr!("击键/分", "keys/min"), format!("{:.1}", s.kpm)),
        figure(tr!("字/分", "字/min"), format!("{:.1}", f.zpm)),
        figure(
            tr!("击键/秒", "keys/s"),
            format!("{:.2}", f.keys_per_second),
        ),
        figure(tr!("码长", "keys per 字"), format!("{:.2}", f.keys_per_zi)),
        figure(tr!("准确率", "accuracy"), format!("{:.1}%", s.accuracy)),
        figure(tr!("退格", "backspaces"), s.backspaces.to_string()),
        figure(tr!("回改", "corrected"), s.corrections.to_string()),
        figure(tr!("错键", "wrong keys"), s.errors.to_string()),
        figure(
            tr!("字", "字"),
            tr!(
                "{} 个，{} 个全对",
                "{} typed, {} right",
                f.zi_completed,
                f.zi_right
            ),
        ),
        figure(tr!("用时", "time"), clock(s.duration_us / 1_000_000)),
    ];
    l.extend(super::results::verdict_lines(o));
    l
}

/// A key's colour: untyped grey; all right green; some misses yellow; one in ten or
/// more red.
pub fn key_colour(letter: Option<&CharFigure>) -> Color {
    match letter {
        None => Color::DarkGray,
        Some(c) if c.typed == 0 => Color::DarkGray,
        Some(c) if c.wrong == 0 => Color::Green,
        Some(c) if c.error_rate() < 0.1 => Color::Yellow,
        Some(_) => Color::Red,
    }
}

/// Draw the keyboard heatmap at the top of `area`.
pub fn draw_heatmap(buf: &mut Buffer, area: Rect, letters: &[CharFigure]) {
    for (row, keys) in KEY_ROWS.iter().enumerate() {
        let y = area.y + row as u16;
        if y >= area.bottom() {
            return;
        }
        for (i, k) in keys.chars().enumerate() {
            let x = area.x + ROW_INDENT[row] + i as u16 * KEY_CELLS;
            if x + KEY_CELLS > area.right() {
                break;
            }
            let figure = letters.iter().find(|c| c.grapheme.starts_with(k));
            let style = Style::new().fg(Color::Black).bg(key_colour(figure));
            buf.set_string(x, y, format!(" {k} "), style);
        }
    }
}

/// The slowest syllables (mean time) and the most missed.
pub fn syllable_lines(syllables: &[SyllableFigure]) -> Vec<String> {
    let mut slow: Vec<(&SyllableFigure, f64)> = syllables
        .iter()
        .filter_map(|s| s.mean_ms().map(|ms| (s, ms)))
        .collect();
    slow.sort_by(|a, b| b.1.total_cmp(&a.1));
    let mut missed: Vec<&SyllableFigure> = syllables.iter().filter(|s| s.missed > 0).collect();
    missed.sort_by(|a, b| {
        b.missed
            .cmp(&a.missed)
            .then_with(|| b.miss_rate().total_cmp(&a.miss_rate()))
    });
    let mut out = Vec::new();
    if !slow.is_empty() {
        let list: Vec<String> = slow
            .iter()
            .take(5)
            .map(|(s, ms)| format!("{} {:.0}ms", safe(&s.syllable), ms))
            .collect();
        out.push(tr!(
            "最慢音节：{}",
            "slowest syllables: {}",
            list.join("  ")
        ));
    }
    if !missed.is_empty() {
        let list: Vec<String> = missed
            .iter()
            .take(5)
            .map(|s| format!("{} ×{}/{}", safe(&s.syllable), s.missed, s.typed))
            .collect();
        out.push(tr!(
            "常错音节：{}",
            "most missed syllables: {}",
            list.join("  ")
        ));
    }
    out
}

/// The stats screen's pinyin lines: the weakest syllables and the initial/final groups
/// (none before any pinyin practice).
pub fn stats_lines(w: &PinyinWeak) -> Vec<Line<'static>> {
    if w.sessions == 0 {
        return Vec::new();
    }
    let mut syllables: Vec<String> = Vec::new();
    for s in w.most_missed().into_iter().take(4) {
        syllables.push(format!(
            "{} {:.0}%",
            safe(&s.syllable),
            s.miss_rate() * 100.0
        ));
    }
    for s in w.slowest().into_iter().take(3) {
        if let Some(ms) = s.mean_ms() {
            syllables.push(format!("{} {ms:.0}ms", safe(&s.syllable)));
        }
    }
    let mut spans = vec![Span::from(tr!(" 拼音弱音节：", " Pinyin, weak syllables: ")).dim()];
    if syllables.is_empty() {
        spans.push(
            Span::from(tr!(
                "（每个音节至少打 3 次才统计）",
                "(counted once typed 3 times)"
            ))
            .dim(),
        );
    } else {
        spans.push(Span::from(syllables.join("  ")).fg(Color::Red));
    }
    let groups: Vec<String> = w
        .groups
        .iter()
        .map(|g| format!("{} {:.0}%", g.group, g.miss_rate() * 100.0))
        .collect();
    let mut lines = vec![Line::from(spans)];
    if !groups.is_empty() {
        lines.push(Line::from(vec![
            Span::from(tr!(" 声母韵母错误率：", " Initials/finals missed: ")).dim(),
            Span::from(groups.join("  ")),
        ]));
    }
    lines
}

/// A key as a person can see it: Enter as ⏎, a space as ␣.
fn key_shown(k: &str) -> String {
    match k {
        "\n" => "⏎".to_string(),
        " " => "␣".to_string(),
        _ => safe(k),
    }
}

/// The letters most often missed, with what was typed instead.
pub fn letter_line(letters: &[CharFigure]) -> Option<String> {
    let mut missed: Vec<&CharFigure> = letters.iter().filter(|c| c.wrong > 0).collect();
    missed.sort_by(|a, b| {
        b.wrong
            .cmp(&a.wrong)
            .then_with(|| a.grapheme.cmp(&b.grapheme))
    });
    let list: Vec<String> = missed
        .iter()
        .take(6)
        .map(|c| match c.instead.first() {
            Some((typed, _)) => format!("{}→{} ×{}", safe(&c.grapheme), key_shown(typed), c.wrong),
            None => format!("{} ×{}", safe(&c.grapheme), c.wrong),
        })
        .collect();
    (!list.is_empty()).then(|| tr!("常错键：{}", "most missed keys: {}", list.join("  ")))
}

pub fn render(
    frame: &mut Frame,
    o: &ResultsView,
    s: &Summary,
    f: &PinyinFigures,
    from_drill_command: bool,
) {
    let title = tr!(" 成绩 · 拼音练习 ", " Results · pinyin ");
    let [left, right, weak, saved, keys] = frame_areas(frame, o, title, 30, 3);
    frame.render_widget(
        Paragraph::new(figure_lines(o, s, f)).wrap(Wrap { trim: false }),
        pad(left),
    );

    frame.render_widget(
        Line::from(tr!("本次按键（错误率）", "keys this session (misses)")).dim(),
        Rect { height: 1, ..right },
    );
    let board = Rect {
        y: right.y + 1,
        height: right.height.saturating_sub(1).min(3),
        ..right
    };
    draw_heatmap(frame.buffer_mut(), board, &f.letters);
    if right.height > 5 {
        let legend = Line::from(vec![
            Span::from(tr!(" 全对 ", " right "))
                .bg(Color::Green)
                .fg(Color::Black),
            Span::from(" "),
            Span::from(tr!(" 偶错 ", " <10% "))
                .bg(Color::Yellow)
                .fg(Color::Black),
            Span::from(" "),
            Span::from(tr!(" 常错 ", " ≥10% "))
                .bg(Color::Red)
                .fg(Color::Black),
            Span::from(" "),
            Span::from(tr!(" 未按 ", " unused "))
                .bg(Color::DarkGray)
                .fg(Color::Black),
        ]);
        frame.render_widget(
            legend,
            Rect {
                y: right.y + 5,
                height: 1,
                ..right
            },
        );
    }
    // Keys in each whole second (the last partial one left out).
    if right.height > 9 {
        let whole = (s.duration_us / 1_000_000) as usize;
        let keys: Vec<u64> = s
            .per_second
            .iter()
            .take(whole.max(1))
            .map(|&n| u64::from(n))
            .collect();
        frame.render_widget(
            Sparkline::default()
                .block(Block::default().title(tr!("每秒击键", "keys each second")))
                .data(&keys)
                .style(Style::new().fg(Color::Cyan)),
            Rect {
                y: right.y + 7,
                height: (right.height - 7).min(8),
                ..right
            },
        );
    }

    frame.render_widget(
        Paragraph::new(
            syllable_lines(&f.syllables)
                .into_iter()
                .chain(letter_line(&f.letters))
                .map(Line::from)
                .collect::<Vec<_>>(),
        )
        .wrap(Wrap { trim: true }),
        pad(weak),
    );
    footer(frame, &o.saved, [saved, keys], from_drill_command);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{Batch, Key, Rules};
    use crate::pinyin::PinyinDrill;
    use crate::tui::screens::results::SaveNote;
    use crate::tui::screens::testing::{rows, terminal, text};

    #[test]
    fn results_show_key_figures_heatmap_and_syllables() {
        let pack = crate::testing::pack_with(
            crate::pack::DrillBody::Text {
                text: "你好".into(),
            },
            None,
        );
        let segments = vec!["你好".to_string()];
        let (mut p, mut t) = PinyinDrill::start(&segments, Rules::default());
        for (i, k) in "nihx<ao".chars().enumerate() {
            let key = if k == '<' {
                Key::Backspace
            } else {
                Key::Char(k)
            };
            p.apply(&mut t, i as u64 * 500_000, &Batch::Keys(vec![key]));
        }
        assert!(t.is_over());
        let summary = t.summary();
        let f = crate::pinyin::figures(
            &p.texts(),
            p.readings(),
            Rules::default(),
            t.log(),
            &summary,
        );
        let o = ResultsView {
            pack: 0,
            pack_title: pack.title.clone(),
            drill: pack.drills[0].clone(),
            figures: crate::figures::Figures {
                completed: true,
                duration_us: summary.duration_us,
                passed: None,
                small: false,
                body: crate::figures::Body::Pinyin {
                    letters: summary.clone(),
                    pinyin: f.clone(),
                },
            },
            saved: SaveNote::History,
            card: Default::default(),
        };
        let mut term = terminal(90, 20);
        let frame = term
            .draw(|fr| render(fr, &o, &summary, &f, false))
            .expect("draws");
        let shown = text(frame.buffer);
        // 7 keys in 3 s; 2 字 right: 40 字/分, 码长 3.5; hao from i (0.5 s) to o (3 s).
        for want in [
            "拼音练习",
            "击键/分",
            "字/分       40.0",
            "击键/秒     2.33",
            "码长        3.50",
            "最慢音节：hao 2500ms",
            "常错音节：hao ×1/1",
            "常错键：a→x ×1",
            "每秒击键",
            "已保存",
        ] {
            assert!(shown.contains(want), "{want} missing in\n{shown}");
        }
        let rows = rows(frame.buffer);
        let board = rows
            .iter()
            .position(|r| r.contains(" q  w  e "))
            .expect("keyboard");
        let buf = &frame.buffer;
        let x_of = |row: usize, k: char| {
            let at = rows[row].find(&format!(" {k} ")).expect("key");
            let col = unicode_width::UnicodeWidthStr::width(&rows[row][..at]) as u16;
            buf[(col + 1, row as u16)].bg
        };
        assert_eq!(x_of(board, 'q'), Color::DarkGray);
        assert_eq!(x_of(board + 1, 'h'), Color::Green);
        // a was the target where x was typed: missed one time in two.
        assert_eq!(x_of(board + 1, 'a'), Color::Red);
        assert_eq!(x_of(board, 'i'), Color::Green);
    }
}
