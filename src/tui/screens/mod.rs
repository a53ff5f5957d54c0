//! The screens, each a render function over plain state, tested on `TestBackend`.

pub mod card;
pub mod chat;
pub mod chat_results;
pub mod codes;
pub mod codes_results;
pub mod drill;
pub mod heatmap;
pub mod help;
pub mod history;
pub mod home;
pub mod pinyin;
pub mod pinyin_results;
pub mod question;
pub mod reply_box;
pub mod results;
pub mod rules;
pub mod shift;
pub mod shift_results;
pub mod stats;
pub mod student;
pub mod trend;

use crate::pack::DrillKind;
use crate::tr;
use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::widgets::{Paragraph, Wrap};

/// The smallest terminal any screen is drawn in.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;

/// Whether `area` is too small to draw a screen; if so, say what size is needed.
/// Whether `area` is below the size the screens need.
pub fn is_too_small(area: Rect) -> bool {
    area.width < MIN_WIDTH || area.height < MIN_HEIGHT
}

pub fn too_small(frame: &mut Frame, area: Rect) -> bool {
    if !is_too_small(area) {
        return false;
    }
    let text = tr!(
        "窗口太小：需要至少 {MIN_WIDTH}×{MIN_HEIGHT}，现在 {}×{}。请放大窗口。",
        "Window too small: needs at least {MIN_WIDTH}×{MIN_HEIGHT}, now {}×{}. Please enlarge it.",
        area.width,
        area.height
    );
    frame.render_widget(
        Paragraph::new(text)
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true }),
        area,
    );
    true
}

/// The name of a drill kind in the UI language.
pub fn kind_label(kind: DrillKind) -> String {
    match kind {
        DrillKind::Text => tr!("跟打", "text"),
        DrillKind::Phrases => tr!("短句", "phrases"),
        DrillKind::QuickReply => tr!("快捷回复", "quick reply"),
        DrillKind::Recall => tr!("编码回想", "recall"),
        DrillKind::Recite => tr!("短语默写", "recite"),
        DrillKind::Shift => tr!("接待班次", "shift"),
    }
}

/// Seconds as m:ss.
pub fn clock(seconds: u64) -> String {
    format!("{}:{:02}", seconds / 60, seconds % 60)
}

/// A rectangle of at most `w`×`h` centred in `area`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// Text from a pack or the typist made safe to draw: control characters and bidi
/// marks become `�`.
pub fn safe(s: &str) -> String {
    crate::safe_text::clean(s, '\u{FFFD}')
}

/// A grapheme as a person can see it in a list of characters: Enter as ↵, a space as
/// ␣, anything else made [`safe`].
pub fn shown_grapheme(g: &str) -> String {
    match g {
        "\n" | "\r\n" | "\r" => "↵".to_string(),
        " " => "␣".to_string(),
        _ => safe(g),
    }
}

#[cfg(test)]
mod tests {
    use super::testing::{terminal, text};

    #[test]
    fn a_small_terminal_says_what_size_it_needs() {
        let mut term = terminal(30, 8);
        let frame = term
            .draw(|f| {
                assert!(super::too_small(f, f.area()));
            })
            .expect("draws");
        let shown = text(frame.buffer).replace('\n', "");
        assert!(shown.contains("40×10"), "{shown}");
        let mut big = terminal(40, 10);
        big.draw(|f| assert!(!super::too_small(f, f.area())))
            .expect("draws");
    }
}

#[cfg(test)]
pub(crate) mod testing {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::buffer::Buffer;

    /// The buffer's text, one string per row (wide cells' trailing blanks skipped).
    pub fn rows(buf: &Buffer) -> Vec<String> {
        let area = buf.area;
        (0..area.height)
            .map(|y| {
                let mut s = String::new();
                let mut skip = 0;
                for x in 0..area.width {
                    if skip > 0 {
                        skip -= 1;
                        continue;
                    }
                    let sym = buf[(x, y)].symbol();
                    skip = unicode_width::UnicodeWidthStr::width(sym).saturating_sub(1);
                    s.push_str(sym);
                }
                s
            })
            .collect()
    }

    pub fn text(buf: &Buffer) -> String {
        rows(buf).join("\n")
    }

    pub fn terminal(w: u16, h: u16) -> Terminal<TestBackend> {
        crate::i18n::set_lang(crate::i18n::Lang::Zh);
        Terminal::new(TestBackend::new(w, h)).expect("test backend")
    }
}
