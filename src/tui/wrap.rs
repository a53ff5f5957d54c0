//! Pure layout of a drill's text: the target with the typed text over it, wrapped by
//! display width (CJK never splits), and where the next grapheme goes (the cursor).

use crate::engine::Typed;
use crate::text::{AmbiWidth, grapheme_width};
use std::ops::Range;

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
    /// An emoji with VS16, which ratatui clears behind by itself.
    pub vs16: bool,
    /// A narrow mistake in a wide grapheme's place: drawn with a blank after it, so the
    /// text after it stays where it was.
    pub padded: bool,
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
    /// Two wide with VS16 (an emoji presentation).
    pub vs16: bool,
    /// Narrower than its `width`: a blank follows it (see [`in_place_of`]).
    pub padded: bool,
}

impl Measure {
    pub fn text<'a>(&self, g: &'a str) -> &'a str {
        self.stand_in.unwrap_or(g)
    }
}

/// How a typed grapheme `typed` is placed where the target's `want` is: a narrower one
/// (a letter where a 字 was due) keeps the target's width with a blank after it, so a
/// mistake does not move the rest of the text (which the terminal would redraw on
/// every wrong key, and the student would see jump). A wider one takes its own width.
pub fn in_place_of(typed: Measure, want: Measure) -> Measure {
    if typed.width < want.width {
        Measure {
            width: want.width,
            forced_wide: false,
            vs16: false,
            padded: true,
            ..typed
        }
    } else {
        typed
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
        vs16: width == 2 && stand_in.is_none() && g.contains('\u{FE0F}'),
        padded: false,
    }
}

/// A segment's layout kept between frames. A keystroke changes the typed text only at
/// its end, so a frame lays out again only from the first grapheme that differs from
/// what the last frame drew, and only until the positions fall in step with the last
/// frame's; the target's graphemes are measured once (again only if the target changes).
#[derive(Debug, Clone, Default)]
pub struct View {
    /// Segment, target revision, ambiguous width and line width the layout is for.
    key: Option<(usize, u64, AmbiWidth, u16)>,
    /// The target's graphemes, measured.
    target: Vec<Measure>,
    /// Each grapheme as drawn now (typed or target) and where: (x, line).
    drawn: Vec<Measure>,
    pos: Vec<(u16, usize)>,
    /// The stamps of the typed graphemes laid out (see `Typing::stamps`).
    seen: Vec<u64>,
    /// x and line after the last grapheme.
    end: (u16, usize),
    /// The cursor and the number of lines.
    cursor: (u16, usize),
    lines: usize,
    /// The cells the last update changed, in reading order (`None`: none).
    changed: Option<Range<Spot>>,
}

/// A cell of the page: ordered line by line, then by column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Spot {
    pub line: usize,
    pub x: u16,
}

impl View {
    /// Bring the layout up to date with `typed` over `target` (segment `segment`) in
    /// lines of `width` cells; the same as [`lay_out`] gives. A drill may replace a
    /// segment's target as it goes: `revision` says when (the target is not compared,
    /// which would read all of it in every frame). Nor is the typed text: `stamps`, one
    /// per typed grapheme, new whenever it changes (`Typing::stamps`), tell where it
    /// changed in a few steps, where comparing would read all of it.
    pub fn update(
        &mut self,
        segment: usize,
        revision: u64,
        target: &[String],
        (typed, stamps): (&[Typed], &[u64]),
        width: u16,
        ambi: AmbiWidth,
    ) {
        let width = width.max(2);
        let n = target.len();
        let typed = &typed[..typed.len().min(n).min(stamps.len())];
        let stamps = &stamps[..typed.len()];
        let key = Some((segment, revision, ambi, width));
        let fresh = self.key != key || self.target.len() != n;
        let from = if fresh {
            self.target.clear();
            self.target.extend(target.iter().map(|g| measure(g, ambi)));
            self.drawn.clone_from(&self.target);
            self.pos.clear();
            self.pos.resize(n, (0, 0));
            self.seen.clear();
            self.key = key;
            0
        } else {
            // Stamps agree on a first run of positions, then differ: search for its end.
            let (mut same, mut differ) = (0, self.seen.len().min(stamps.len()));
            while same < differ {
                let mid = (same + differ) / 2;
                if self.seen[mid] == stamps[mid] {
                    same = mid + 1;
                } else {
                    differ = mid;
                }
            }
            same
        };
        let was_typed = self.seen.len();
        self.seen.truncate(from);
        self.seen.extend_from_slice(&stamps[from..]);
        // Where grapheme `from` starts, from the one before it.
        let (mut x, mut line) = match from.checked_sub(1) {
            None => (0, 0),
            Some(i) if target[i] == "\n" => (0, self.pos[i].1 + 1),
            Some(i) => (self.pos[i].0 + self.drawn[i].width, self.pos[i].1),
        };
        let mut in_step = false;
        let mut changed = fresh.then_some(
            Spot { line: 0, x: 0 }..Spot {
                line: usize::MAX,
                x: u16::MAX,
            },
        );
        let mut touch = |(x, line): (u16, usize), width: u16| {
            let (from, to) = (Spot { line, x }, Spot { line, x: x + width });
            changed = Some(match changed.take() {
                Some(r) => r.start.min(from)..r.end.max(to),
                None => from..to,
            });
        };
        for (i, want) in target.iter().enumerate().skip(from) {
            let m = match typed.get(i) {
                Some(t) if t.text != *want => in_place_of(measure(&t.text, ambi), self.target[i]),
                _ => self.target[i],
            };
            if x > 0 && x + m.width > width {
                x = 0;
                line += 1;
            }
            // Untyped now and then, and placed where it was: the rest is as it was.
            if !fresh && i >= typed.len() && i >= was_typed && self.pos[i] == (x, line) {
                in_step = true;
                break;
            }
            // Its cells then and now both change (a mark, a place, or both).
            touch(self.pos[i], self.drawn[i].width);
            touch((x, line), m.width);
            self.pos[i] = (x, line);
            self.drawn[i] = m;
            x += m.width;
            if want == "\n" {
                x = 0;
                line += 1;
            }
        }
        if !in_step {
            self.end = (x, line);
        }
        self.changed = changed;
        let (x, line) = self.end;
        self.cursor = match self.pos.get(typed.len()) {
            Some(&p) => p,
            None if x >= width => (0, line + 1),
            None => (x, line),
        };
        self.lines = line.max(self.cursor.1) + 1;
    }

    /// Column and line of the next grapheme to type.
    pub fn cursor(&self) -> (u16, usize) {
        self.cursor
    }

    /// Lines used (at least 1).
    pub fn lines(&self) -> usize {
        self.lines
    }

    /// The cells the last [`View::update`] changed, from the first to just past the
    /// last in reading order; `None` when none did. A fresh layout changes them all.
    pub fn changed(&self) -> Option<Range<Spot>> {
        self.changed.clone()
    }

    /// The layout of lines `top..bottom` only (the cells there, the cursor, the number
    /// of lines), from the last [`View::update`] with the same `target` and `typed`.
    pub fn visible<'a>(
        &self,
        target: &'a [String],
        typed: &'a [Typed],
        top: usize,
        bottom: usize,
    ) -> Laid<'a> {
        Laid {
            cells: self.cells(target, typed, top, bottom).collect(),
            lines: self.lines,
            cursor: self.cursor,
        }
    }

    /// The cells of lines `top..bottom`, in order, as [`View::visible`] lists them.
    pub fn cells<'a>(
        &self,
        target: &'a [String],
        typed: &'a [Typed],
        top: usize,
        bottom: usize,
    ) -> impl Iterator<Item = Placed<'a>> {
        let n = self.pos.len().min(target.len());
        let first = self.pos[..n].partition_point(|p| p.1 < top);
        let last = self.pos[..n].partition_point(|p| p.1 < bottom).max(first);
        self.placed(target, typed, first..last)
    }

    /// The cells of `line` that start in columns `xs`, in order: a keystroke's few.
    pub fn cells_at<'a>(
        &self,
        target: &'a [String],
        typed: &'a [Typed],
        line: usize,
        xs: Range<u16>,
    ) -> impl Iterator<Item = Placed<'a>> {
        let n = self.pos.len().min(target.len());
        let before = |x: u16| move |p: &(u16, usize)| (p.1, p.0) < (line, x);
        let first = self.pos[..n].partition_point(before(xs.start));
        let last = self.pos[..n].partition_point(before(xs.end)).max(first);
        self.placed(target, typed, first..last)
    }

    /// Graphemes `range` as placed.
    fn placed<'a>(
        &self,
        target: &'a [String],
        typed: &'a [Typed],
        range: Range<usize>,
    ) -> impl Iterator<Item = Placed<'a>> {
        range.map(move |i| {
            let (g, mark) = match typed.get(i) {
                Some(t) if t.ok => (t.text.as_str(), Mark::Right),
                Some(t) => (t.text.as_str(), Mark::Wrong),
                None => (target[i].as_str(), Mark::Pending),
            };
            let m = self.drawn[i];
            Placed {
                x: self.pos[i].0,
                line: self.pos[i].1,
                text: m.text(g),
                width: m.width,
                forced_wide: m.forced_wide,
                vs16: m.vs16,
                padded: m.padded,
                mark,
            }
        })
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
fn lay_out_measured<'a>(
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
        let size = |g: &str| {
            let target = sizes.get(i).copied().unwrap_or_else(|| measure(want, ambi));
            if g == want {
                target
            } else {
                in_place_of(measure(g, ambi), target)
            }
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
            vs16: m.vs16,
            padded: m.padded,
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
    first_line_of(laid.cursor.1, laid.lines, height)
}

/// [`first_line`] from the cursor's line and the number of lines.
pub fn first_line_of(cursor_line: usize, lines: usize, height: usize) -> usize {
    let height = height.max(1);
    cursor_line
        .saturating_sub(height / 3)
        .min(lines.saturating_sub(height))
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
    fn a_narrow_mistake_keeps_the_wide_place_of_its_target() {
        let target = segs("在吗好");
        let done = typed("f", false);
        let laid = lay_out(&target, &done, 20, AmbiWidth::Narrow);
        let first = &laid.cells[0];
        assert_eq!((first.text, first.width, first.padded), ("f", 2, true));
        assert!(!first.forced_wide);
        // The rest stays where it was before the key, and the cursor after both cells.
        assert_eq!(laid.cells[1].x, 2);
        assert_eq!(laid.cursor, (2, 0));
        // A wide mistake where a letter was due takes its own width.
        let (letters, wide) = (segs("ab"), typed("在", false));
        let laid = lay_out(&letters, &wide, 20, AmbiWidth::Narrow);
        assert_eq!((laid.cells[0].width, laid.cells[0].padded), (2, false));
        assert_eq!(laid.cells[1].x, 2);
    }

    #[test]
    fn cells_at_are_the_cells_of_a_line_that_start_in_the_columns() {
        let mut view = View::default();
        let target = segs("亲在吗a好的bc呢亲在吗a好的bc呢");
        let done = typed("亲在f", false);
        view.update(0, 0, &target, (&done, &stamps(3)), 9, AmbiWidth::Narrow);
        for line in 0..view.lines() {
            for from in 0..10 {
                for to in from..11 {
                    let want: Vec<_> = view
                        .cells(&target, &done, line, line + 1)
                        .filter(|c| (from..to).contains(&c.x))
                        .collect();
                    let got: Vec<_> = view.cells_at(&target, &done, line, from..to).collect();
                    assert_eq!(got, want, "line {line}, columns {from}..{to}");
                }
            }
        }
    }

    #[test]
    fn a_narrow_mistake_over_a_wide_target_changes_its_two_cells_only() {
        let mut view = View::default();
        let target = segs("亲在吗好");
        let done = typed("亲", true);
        view.update(0, 0, &target, (&done, &stamps(1)), 20, AmbiWidth::Narrow);
        let mut wrong = done.clone();
        wrong.extend(typed("f", false));
        view.update(0, 0, &target, (&wrong, &stamps(2)), 20, AmbiWidth::Narrow);
        let spot = |x| Spot { line: 0, x };
        assert_eq!(view.changed(), Some(spot(2)..spot(4)));
        view.update(0, 0, &target, (&done, &stamps(1)), 20, AmbiWidth::Narrow);
        assert_eq!(view.changed(), Some(spot(2)..spot(4)));
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

    /// The kept view shows what a fresh layout shows, through typing, mistakes,
    /// Backspace, joined combining marks, IME batches, line breaks and width changes.
    #[test]
    fn kept_view_matches_a_fresh_layout_through_any_edits() {
        use crate::engine::{Batch, Key, Rules, Typing};
        let text = "亲，您好！“在吗”\nab字e\u{301}好的。\n\n欢迎光临本店，七天无理由退换。";
        for seed in 0..40u64 {
            let mut rng = fastrand::Rng::with_seed(seed);
            let mut typing = Typing::new(&[text.to_string()], Rules::default());
            let target: Vec<String> = typing.segments()[0].clone();
            let mut view = View::default();
            let mut width = 9 + (seed % 5) as u16;
            let mut last: Option<Vec<(Spot, String, Mark)>> = None;
            for step in 0..120u64 {
                let keys: Vec<Key> = match rng.u8(0..10) {
                    0..=2 => vec![Key::Backspace],
                    3 => vec![Key::Char('x')],
                    4 => vec![Key::Char('\u{301}')],
                    5 => vec![Key::Enter],
                    6 => "快打".chars().map(Key::Char).collect(),
                    _ => {
                        let next = typing.typed(0).len();
                        match target.get(next).and_then(|g| g.chars().next()) {
                            Some('\n') => vec![Key::Enter],
                            Some(c) => vec![Key::Char(c)],
                            None => vec![Key::Backspace],
                        }
                    }
                };
                typing.apply(step * 1000, &Batch::Keys(keys));
                if typing.is_over() {
                    break;
                }
                if step % 37 == 36 {
                    width += 3;
                }
                let ambi = if seed % 2 == 0 {
                    AmbiWidth::Narrow
                } else {
                    AmbiWidth::Wide
                };
                let typed = typing.typed(0);
                view.update(
                    0,
                    typing.revision(),
                    &target,
                    (typed, typing.stamps(0)),
                    width,
                    ambi,
                );
                let fresh = lay_out(&target, typed, width, ambi);
                assert_eq!(view.cursor(), fresh.cursor, "seed {seed} step {step}");
                assert_eq!(view.lines(), fresh.lines, "seed {seed} step {step}");
                for (top, h) in [(0, 3), (1, 2), (0, 100)] {
                    let shown = view.visible(&target, typed, top, top + h);
                    let want: Vec<_> = fresh
                        .cells
                        .iter()
                        .filter(|c| c.line >= top && c.line < top + h)
                        .cloned()
                        .collect();
                    assert_eq!(shown.cells, want, "seed {seed} step {step} top {top}");
                }
                // Every cell that looks different from the last update's is reported.
                let now = looks(&fresh);
                if let Some(before) = &last {
                    let gone = before.iter().filter(|c| !now.contains(c));
                    let came = now.iter().filter(|c| !before.contains(c));
                    for (spot, text, _) in gone.chain(came) {
                        let told = view.changed();
                        assert!(
                            told.as_ref().is_some_and(|r| r.contains(spot)),
                            "seed {seed} step {step}: {text} at {spot:?} changed, told {told:?}"
                        );
                    }
                }
                last = Some(now);
            }
        }
    }

    /// Stamps for `n` graphemes typed one after another.
    fn stamps(n: u64) -> Vec<u64> {
        (1..=n).collect()
    }

    /// What each cell shows (both cells of a wide grapheme): where, text, mark.
    fn looks(laid: &Laid<'_>) -> Vec<(Spot, String, Mark)> {
        let mut cells = Vec::new();
        for c in &laid.cells {
            for half in 0..c.width {
                let spot = Spot {
                    line: c.line,
                    x: c.x + half,
                };
                cells.push((spot, format!("{}/{half}", c.text), c.mark));
            }
        }
        cells
    }

    #[test]
    fn an_unchanged_view_reports_no_changed_cell() {
        let mut view = View::default();
        let target = segs("亲在吗");
        let done = typed("亲", true);
        view.update(0, 0, &target, (&done, &stamps(1)), 10, AmbiWidth::Narrow);
        let all = view.changed().expect("fresh: all");
        assert!(all.contains(&Spot { line: 99, x: 99 }), "fresh: all");
        view.update(0, 0, &target, (&done, &stamps(1)), 10, AmbiWidth::Narrow);
        assert_eq!(view.changed(), None);
        // 在 (two cells wide, at x 2) turned from pending to right.
        view.update(
            0,
            0,
            &target,
            (&typed("亲在", true), &stamps(2)),
            10,
            AmbiWidth::Narrow,
        );
        let spot = |x| Spot { line: 0, x };
        assert_eq!(view.changed(), Some(spot(2)..spot(4)));
    }

    #[test]
    fn a_replaced_target_is_laid_out_afresh() {
        let mut view = View::default();
        let done = typed("a", true);
        view.update(
            0,
            0,
            &segs("ab字"),
            (&done, &stamps(1)),
            3,
            AmbiWidth::Narrow,
        );
        assert_eq!(view.lines(), 2);
        let other = segs("abc");
        view.update(0, 1, &other, (&done, &stamps(1)), 3, AmbiWidth::Narrow);
        assert_eq!(view.lines(), 1);
        let cells = view.visible(&other, &done, 0, 1).cells;
        assert_eq!(cells[2].text, "c");
        assert_eq!(cells[2].x, 2);
    }

    #[test]
    fn another_segment_is_laid_out_afresh() {
        let mut view = View::default();
        view.update(0, 0, &segs("字字字字"), (&[], &[]), 4, AmbiWidth::Narrow);
        assert_eq!(view.lines(), 2);
        let other = segs("ab");
        view.update(1, 0, &other, (&[], &[]), 4, AmbiWidth::Narrow);
        assert_eq!(view.lines(), 1);
        assert_eq!(view.visible(&other, &[], 0, 1).cells.len(), 2);
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
