//! 历史 / History: the sessions newest first, filtered by pack; Enter opens one's results
//! again, recomputed from its stored keystrokes. The list reads only indexed columns.

use super::card::CardInfo;
use super::results::{ResultsView, SaveNote};
use super::safe;
use super::stats::drill_title;
use crate::figures::Figures;
use crate::fit::fit;
use crate::pack::Pack;
use crate::pack::{Drill, DrillBody};
use crate::record::SessionRecord;
use crate::store::{SessionRow, Store};
use crate::text::AmbiWidth;
use crate::tui::keymap::Action;
use crate::{Result, tr};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};
use ratatui::style::{Color, Modifier, Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, List, ListItem, ListState};

/// At most this many sessions are listed (the newest).
pub const LIST_LIMIT: usize = 2000;

#[derive(Debug, Clone, Default)]
pub struct HistoryView {
    pub rows: Vec<SessionRow>,
    /// Each row's drill title (from the packs at hand, else its ids).
    pub titles: Vec<String>,
    pub sel: usize,
    /// Packs that have sessions; the filter is `None` (all) or one of them.
    pub packs: Vec<String>,
    pub filter: Option<usize>,
}

impl HistoryView {
    pub fn load(store: &Store, packs: &[Pack]) -> Result<HistoryView> {
        let mut v = HistoryView {
            packs: store.session_packs()?,
            ..HistoryView::default()
        };
        v.reload(store, packs)?;
        Ok(v)
    }

    /// Read the list again for the current filter.
    pub fn reload(&mut self, store: &Store, packs: &[Pack]) -> Result<()> {
        let pack = self
            .filter
            .and_then(|i| self.packs.get(i))
            .map(String::as_str);
        self.rows = store.session_rows(pack, LIST_LIMIT)?;
        self.titles = self
            .rows
            .iter()
            .map(|r| drill_title(packs, &r.pack, &r.drill))
            .collect();
        self.sel = 0;
        Ok(())
    }

    /// The chosen session.
    pub fn selected(&self) -> Option<&SessionRow> {
        self.rows.get(self.sel)
    }

    /// Move the selection; `true` when the filter changed (the list must be reloaded).
    pub fn navigate(&mut self, action: Action) -> bool {
        let n = self.rows.len();
        let k = self.packs.len() + 1;
        let filter_pos = self.filter.map_or(0, |i| i + 1);
        let set = |pos: usize| (pos > 0).then(|| pos - 1);
        match action {
            Action::Up if n > 0 => self.sel = (self.sel + n - 1) % n,
            Action::Down if n > 0 => self.sel = (self.sel + 1) % n,
            Action::Left => {
                self.filter = set((filter_pos + k - 1) % k);
                return true;
            }
            Action::Right => {
                self.filter = set((filter_pos + 1) % k);
                return true;
            }
            _ => {}
        }
        false
    }
}

/// A stored session as the results screen shows it: the one recomputation of its
/// record, the same figures as right after the drill.
pub fn outcome(r: &SessionRecord, packs: &[Pack]) -> ResultsView {
    let found = packs.iter().enumerate().find_map(|(i, p)| {
        (p.id == r.pack).then_some((i, p, p.drills.iter().find(|d| d.id == r.drill)))
    });
    let drill = match found.and_then(|(_, _, d)| d) {
        Some(d) => d.clone(),
        None => Drill {
            id: r.drill.clone(),
            title: if r.drill_title.is_empty() {
                r.drill.clone()
            } else {
                r.drill_title.clone()
            },
            description: None,
            tags: Vec::new(),
            time_limit: r.time_limit,
            strict: r.strict,
            pass: r.pass,
            body: DrillBody::Text {
                text: r.target.clone(),
            }
            .into(),
        },
    };
    ResultsView {
        pack: found.map_or(usize::MAX, |(i, _, _)| i),
        pack_title: found.map_or_else(|| r.pack.clone(), |(_, p, _)| p.title.clone()),
        drill,
        figures: Figures::of(r),
        saved: SaveNote::History,
        card: CardInfo {
            student: r.student.name.clone(),
            date: r.started_at.date_naive().to_string(),
            goal: None,
        },
    }
}

/// The figures column: wide enough for a quick-reply session's headline.
const FIGURES_W: usize = 30;

pub fn render(frame: &mut Frame, v: &HistoryView, notice: Option<&str>) {
    let area = frame.area();
    let [top, main, note, keys] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let filter = v
        .filter
        .and_then(|i| v.packs.get(i))
        .map_or_else(|| tr!("全部练习包", "all packs"), |p| safe(p));
    frame.render_widget(
        Line::from(vec![
            Span::from(tr!(" 快打 · 历史记录", " kuaida · history")).bold(),
            Span::from(tr!(
                "   {} 次 · 筛选：{filter}",
                "   {} sessions · filter: {filter}",
                v.rows.len()
            ))
            .dim(),
        ]),
        top,
    );
    let width = usize::from(main.width.saturating_sub(4));
    let title_w = width.saturating_sub(16 + 2 + FIGURES_W + 8 + 6).max(8);
    let items: Vec<ListItem> = v
        .rows
        .iter()
        .zip(&v.titles)
        .map(|(r, title)| {
            let date = r
                .started_at
                .get(..16)
                .unwrap_or(&r.started_at)
                .replace('T', " ");
            let done = if r.completed {
                Span::from(fit(&tr!("完成", "done"), 8, AmbiWidth::Narrow))
            } else {
                Span::from(fit(&tr!("未完成", "left"), 8, AmbiWidth::Narrow)).dim()
            };
            let passed = match r.passed {
                Some(true) => Span::from(tr!("通过", "passed")).fg(Color::Green),
                Some(false) => Span::from(tr!("未通过", "failed")).fg(Color::Red),
                None => Span::from("—").dim(),
            };
            // Each kind its own figures, with their units (PRODUCT.md "Figures by kind").
            let figures = Span::from(fit(&r.headline.cell(r.small), FIGURES_W, AmbiWidth::Narrow));
            ListItem::new(Line::from(vec![
                Span::from(format!("{date}  ")).dim(),
                Span::from(fit(&safe(title), title_w, AmbiWidth::Narrow)),
                if r.small {
                    figures.dim()
                } else {
                    figures.fg(Color::Cyan)
                },
                done,
                passed,
            ]))
        })
        .collect();
    let header = format!(
        " {}{}{}",
        fit(&tr!("日期", "date"), 18, AmbiWidth::Narrow),
        fit(&tr!("练习", "drill"), title_w, AmbiWidth::Narrow),
        tr!("成绩", "figures"),
    );
    let empty = items.is_empty();
    let mut state = ListState::default().with_selected((!empty).then_some(v.sel));
    frame.render_stateful_widget(
        List::new(items)
            .block(Block::default().borders(Borders::ALL).title(header))
            .highlight_style(Style::new().add_modifier(Modifier::REVERSED))
            .highlight_symbol("▶ "),
        main,
        &mut state,
    );
    let note_text = notice.map(str::to_string).or_else(|| {
        empty.then(|| {
            tr!(
                " 还没有练习记录：在首页选一个练习开始吧。",
                " No sessions yet: start a drill from home."
            )
        })
    });
    if let Some(n) = note_text {
        frame.render_widget(Line::from(safe(&n)).fg(Color::Yellow), note);
    }
    frame.render_widget(
        Line::from(tr!(
            " ↑/↓ 选择 · Enter 查看成绩 · Tab/←/→ 按练习包筛选 · Esc 返回 · F1 帮助",
            " ↑/↓ choose · Enter open results · Tab/←/→ filter by pack · Esc back · F1 help"
        ))
        .dim(),
        keys,
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::screens::testing::{terminal, text};

    fn row(id: &str, at: &str, cpm: f64, completed: bool, passed: Option<bool>) -> SessionRow {
        SessionRow {
            id: id.into(),
            started_at: at.into(),
            pack: "p".into(),
            drill: "d".into(),
            headline: crate::figures::Headline::Typing {
                cpm,
                accuracy: 96.5,
            },
            small: false,
            completed,
            passed,
        }
    }

    #[test]
    fn a_stored_text_session_is_recomputed_from_its_keystrokes() {
        let r: SessionRecord = serde_json::from_value(serde_json::json!({
            "id": "x", "student": {"name": null, "id": null},
            "pack": "gone", "pack_version": "1", "pack_hash": "00",
            "drill": "words", "drill_title": "词组", "kind": "text", "mode": null,
            "started_at": "2026-12-01T09:00:00+08:00", "completed": true, "duration_ms": 900,
            "cpm": 1.0, "net_cpm": 1.0, "wpm": 0.2, "kpm": 1.0, "accuracy": 1.0,
            "consistency": 90.0, "backspaces": 0, "corrections": 0, "errors": 0, "halfwidth": 0,
            "passed": null, "time_limit": null, "strict": false, "pass": null,
            "target": "在家", "typed": "在家",
            "keystrokes": [
                {"t_us": 0, "op": "input", "text": "再", "ok": false},
                {"t_us": 300_000, "op": "backspace"},
                {"t_us": 600_000, "op": "input", "text": "在", "ok": true},
                {"t_us": 900_000, "op": "input", "text": "家", "ok": true},
            ],
        }))
        .expect("a record");
        let o = outcome(&r, &[]);
        assert_eq!(o.pack, usize::MAX);
        assert_eq!(
            (o.pack_title.as_str(), o.drill.title.as_str()),
            ("gone", "词组")
        );
        let s = o.figures.typing_summary().expect("a typing session");
        assert!(o.figures.completed);
        assert_eq!(s.backspaces, 1);
        // Recomputed, not the stored (wrong) figures.
        assert!(s.cpm > 1.0);
        let zai = s.chars.iter().find(|c| c.grapheme == "在").expect("在");
        assert_eq!(zai.instead.first().map(|(s, _)| s.as_str()), Some("再"));
    }

    #[test]
    fn history_lists_sessions_and_filters_by_pack() {
        let mut v = HistoryView {
            rows: vec![
                row("b", "2026-12-01T09:30:00+08:00", 61.5, true, Some(true)),
                row("a", "2026-11-30T08:00:00+08:00", 12.0, false, None),
            ],
            titles: vec!["迎接问好".into(), "迎接问好".into()],
            packs: vec!["p".into(), "q".into()],
            ..HistoryView::default()
        };
        let mut term = terminal(100, 30);
        let frame = term.draw(|f| render(f, &v, None)).expect("draws");
        let shown = text(frame.buffer);
        for want in [
            "2 次",
            "全部练习包",
            "2026-12-01 09:30",
            "迎接问好",
            "61.5",
            "96.5%",
            "通过",
            "未完成",
        ] {
            assert!(shown.contains(want), "{want} missing in\n{shown}");
        }
        v.navigate(Action::Down);
        assert_eq!(v.selected().map(|r| r.id.as_str()), Some("a"));
        assert!(v.navigate(Action::Right));
        assert_eq!(v.filter, Some(0));
        assert!(v.navigate(Action::Left));
        assert_eq!(v.filter, None);
        assert!(v.navigate(Action::Left));
        assert_eq!(v.filter, Some(1));
    }
}
