//! Pure layout of a drill's text: the target with the typed text over it, wrapped by
//! display width (CJK never splits), and where the next grapheme goes (the cursor).

use crate::engine::Typed;
use crate::text::{AmbiWidth, grapheme_width};

/// How a placed grapheme is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Right,
    Wrong,
    Pending,
}

/// One grapheme placed on the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placed<'a> {
    pub x: u16,
    pub line: usize,
    /// What to draw: the typed grapheme where typed, else the target's; `↵` for a line break.
    pub text: &'a str,
    pub width: u16,
    /// Drawn two cells wide though Unicode (and so ratatui) calls it narrow.
    pub forced_wide: bool,
    pub mark: Mark,
}

/// A laid-out drill text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Laid<'a> {
    pub cells: Vec<Placed<'a>>,
    /// Number of lines used (at least 1).
    pub lines: usize,
    /// Column and line of the next grapheme to type.
    pub cursor: (u16, usize),
}

/// What a grapheme looks like on screen: line breaks as `↵`, controls and zero-width
/// input as `�` so nothing from outside reaches the terminal raw.
pub fn shown(g: &str) -> &str {
    if g == "\n" {
        "↵"
    } else if g.chars().any(char::is_control) || grapheme_width(g, AmbiWidth::Narrow) == 0 {
        "\u{FFFD}"
    } else {
        g
    }
}

/// Width in cells of a grapheme as [`shown`] draws it (at least 1, at most 2).
pub fn shown_width(g: &str, ambi: AmbiWidth) -> u16 {
    measure(g, ambi).width
}

/// How a grapheme is drawn: [`shown`] and [`shown_width`] at once, measured once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Measure {
    /// Drawn in place of the grapheme (`↵`, `�`); `None` draws the grapheme itself.
    pub stand_in: Option<&'static str>,
    pub width: u16,
    /// Two cells wide though Unicode (and so ratatui) calls it narrow.
    pub forced_wide: bool,
}

impl Measure {
    pub fn text<'a>(&self, g: &'a str) -> &'a str {
        self.stand_in.unwrap_or(g)
    }
}

/// Measure `g` as [`shown`] draws it.
pub fn measure(g: &str, ambi: AmbiWidth) -> Measure {
    let mut stand_in = if g == "\n" {
        Some("↵")
    } else if g.chars().any(char::is_control) {
        Some("\u{FFFD}")
    } else {
        None
    };
    let mut narrow = grapheme_width(stand_in.unwrap_or(g), AmbiWidth::Narrow);
    if narrow == 0 {
        stand_in = Some("\u{FFFD}");
        narrow = grapheme_width("\u{FFFD}", AmbiWidth::Narrow);
    }
    let width = match ambi {
        AmbiWidth::Narrow => narrow,
        AmbiWidth::Wide => grapheme_width(stand_in.unwrap_or(g), AmbiWidth::Wide),
    }
    .clamp(1, 2) as u16;
    Measure {
        stand_in,
        width,
        forced_wide: width == 2 && narrow < 2,
    }
}

/// A segment's target graphemes measured once: they never change, so a frame measures
/// only typed graphemes that differ from the target. Kept by the drill between frames.
#[derive(Debug, Clone, Default)]
pub struct Measured {
    /// Segment, ambiguous width and length the sizes are for.
    key: Option<(usize, AmbiWidth, usize)>,
    sizes: Vec<Measure>,
}

impl Measured {
    /// The sizes of `target` (segment `segment`), measured now unless already known.
    pub fn of(&mut self, segment: usize, target: &[String], ambi: AmbiWidth) -> &[Measure] {
        let key = Some((segment, ambi, target.len()));
        if self.key != key {
            self.sizes.clear();
            self.sizes.extend(target.iter().map(|g| measure(g, ambi)));
            self.key = key;
        }
        &self.sizes
    }
}

/// Lay out `target` with `typed` over it in lines of `width` cells. A target line break
/// shows as `↵` and ends the line, whatever was typed there.
pub fn lay_out<'a>(
    target: &'a [String],
    typed: &'a [Typed],
    width: u16,
    ambi: AmbiWidth,
) -> Laid<'a> {
    let sizes: Vec<Measure> = target.iter().map(|g| measure(g, ambi)).collect();
    lay_out_measured(target, &sizes, typed, width, ambi)
}

/// [`lay_out`] with the target already measured (`sizes[i]` for `target[i]`).
pub fn lay_out_measured<'a>(
    target: &'a [String],
    sizes: &[Measure],
    typed: &'a [Typed],
    width: u16,
    ambi: AmbiWidth,
) -> Laid<'a> {
    let width = width.max(2);
    let mut cells = Vec::with_capacity(target.len());
    let (mut x, mut line) = (0u16, 0usize);
    let mut cursor = None;
    for (i, want) in target.iter().enumerate() {
        let size = |g: &str| match sizes.get(i) {
            Some(m) if g == want => *m,
            _ => measure(g, ambi),
        };
        let (g, m, mark) = match typed.get(i) {
            Some(t) => (
                t.text.as_str(),
                size(&t.text),
                if t.ok { Mark::Right } else { Mark::Wrong },
            ),
            None => (want.as_str(), size(want), Mark::Pending),
        };
        let w = m.width;
        if x > 0 && x + w > width {
            x = 0;
            line += 1;
        }
        if i == typed.len() {
            cursor = Some((x, line));
        }
        cells.push(Placed {
            x,
            line,
            text: m.text(g),
            width: w,
            forced_wide: m.forced_wide,
            mark,
        });
        x += w;
        if want == "\n" {
            x = 0;
            line += 1;
        }
    }
    let cursor = cursor.unwrap_or_else(|| if x >= width { (0, line + 1) } else { (x, line) });
    Laid {
        cells,
        lines: line.max(cursor.1) + 1,
        cursor,
    }
}

/// The first line to show in a view of `height` lines so the cursor stays in view,
/// about a third of the way down once the text scrolls.
pub fn first_line(laid: &Laid<'_>, height: usize) -> usize {
    let height = height.max(1);
    let wanted = laid.cursor.1.saturating_sub(height / 3);
    wanted.min(laid.lines.saturating_sub(height))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segs(s: &str) -> Vec<String> {
        crate::text::graphemes(s)
            .into_iter()
            .map(String::from)
            .collect()
    }

    fn typed(s: &str, ok: bool) -> Vec<Typed> {
        crate::text::graphemes(s)
            .into_iter()
            .map(|g| Typed {
                text: g.to_string(),
                ok,
            })
            .collect()
    }

    #[test]
    fn cjk_wraps_whole_and_cursor_follows_typed_text() {
        let target = segs("亲您好欢迎光临");
        let done = typed("亲您好", true);
        let laid = lay_out(&target, &done, 9, AmbiWidth::Narrow);
        // 4 字 fit in 9 cells (8), the fifth wraps whole.
        assert_eq!(laid.cells[3].x, 6);
        assert_eq!((laid.cells[4].x, laid.cells[4].line), (0, 1));
        assert_eq!(laid.cursor, (6, 0));
        assert_eq!(laid.lines, 2);
    }

    #[test]
    fn line_breaks_show_and_end_the_line() {
        let target = segs("ab\ncd");
        let laid = lay_out(&target, &[], 20, AmbiWidth::Narrow);
        assert_eq!(laid.cells[2].text, "↵");
        assert_eq!((laid.cells[3].x, laid.cells[3].line), (0, 1));
        let done = typed("ab\n", true);
        assert_eq!(
            lay_out(&target, &done, 20, AmbiWidth::Narrow).cursor,
            (0, 1)
        );
    }

    #[test]
    fn wrong_graphemes_show_what_was_typed() {
        let target = segs("在吗");
        let done = typed("再", false);
        let laid = lay_out(&target, &done, 20, AmbiWidth::Narrow);
        assert_eq!(laid.cells[0].text, "再");
        assert_eq!(laid.cells[0].mark, Mark::Wrong);
        assert_eq!(laid.cells[1].mark, Mark::Pending);
    }

    #[test]
    fn ambiguous_marks_take_two_cells_where_wide() {
        let target = segs("“好”");
        let narrow = lay_out(&target, &[], 20, AmbiWidth::Narrow);
        let wide = lay_out(&target, &[], 20, AmbiWidth::Wide);
        assert_eq!(narrow.cells[2].x, 3);
        assert_eq!(wide.cells[2].x, 4);
    }

    #[test]
    fn sized_agrees_with_shown_and_shown_width() {
        for g in [
            "a", "字", "“", "\n", "\u{1b}", "\u{200b}", "e\u{301}", "…", "👍",
        ] {
            for ambi in [AmbiWidth::Narrow, AmbiWidth::Wide] {
                let m = measure(g, ambi);
                let w = m.width;
                assert_eq!(m.text(g), shown(g), "{g:?}");
                assert_eq!(w, grapheme_width(shown(g), ambi).clamp(1, 2) as u16);
            }
        }
    }

    #[test]
    fn measured_once_lays_out_as_measured_each_time() {
        let target = segs("亲，您好！“在吗”\nab\u{1b}字");
        let mut done = typed("亲,您", true);
        done.extend(typed("x好", false));
        let mut measured = Measured::default();
        for ambi in [AmbiWidth::Narrow, AmbiWidth::Wide] {
            for n in 0..=done.len() {
                let sizes = measured.of(0, &target, ambi).to_vec();
                assert_eq!(
                    lay_out_measured(&target, &sizes, &done[..n], 7, ambi),
                    lay_out(&target, &done[..n], 7, ambi),
                    "{n} typed, {ambi:?}"
                );
            }
        }
        // Another segment is measured afresh.
        let other = segs("ab");
        assert_eq!(measured.of(1, &other, AmbiWidth::Narrow).len(), 2);
    }

    #[test]
    fn cursor_after_the_end_and_controls_hidden() {
        let target = segs("ab");
        let done = typed("ab", true);
        assert_eq!(lay_out(&target, &done, 2, AmbiWidth::Narrow).cursor, (0, 1));
        assert_eq!(shown("\u{1b}"), "\u{FFFD}");
    }

    #[test]
    fn first_line_keeps_the_cursor_in_view() {
        let target = segs(&"字".repeat(100));
        let done = typed(&"字".repeat(60), true);
        let laid = lay_out(&target, &done, 10, AmbiWidth::Narrow);
        assert_eq!(laid.cursor.1, 12);
        let top = first_line(&laid, 6);
        assert!(top <= 12 && 12 < top + 6);
        assert_eq!(
            first_line(&lay_out(&target, &[], 10, AmbiWidth::Narrow), 6),
            0
        );
    }
}
