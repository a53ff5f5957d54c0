//! The start code of a `start_code = true` drill: typed on its rules screen (the code
//! the teacher announces in class), needed before Enter starts, and stamped on the
//! session saved, so `report --code` can tell an exam taken in class.

use super::App;
use crate::record::SessionRecord;
use crate::tui::screens::rules::CodeEntry;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

/// A start code is a few digits, written on the board.
const MAX_DIGITS: usize = 12;

/// The code of the drill being started: being typed until Enter, then given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct StartCode {
    pack: String,
    drill: String,
    entry: CodeEntry,
    given: bool,
}

impl App<'_> {
    /// Drill `d` of pack `p` asks for a start code: ask it afresh on its rules screen.
    pub(super) fn ask_start_code(&mut self, p: usize, d: usize) {
        self.start_code = self.packs.get(p).and_then(|pack| {
            let drill = pack.drills.get(d)?;
            pack.asks_start_code(&drill.id).then(|| StartCode {
                pack: pack.id.clone(),
                drill: drill.id.clone(),
                entry: CodeEntry::default(),
                given: false,
            })
        });
    }

    /// Whether drill `d` of pack `p` shows its rules first: a time limit, a pass line or
    /// a start code to type.
    pub(super) fn rules_first(&self, p: usize, d: usize) -> bool {
        self.packs.get(p).is_some_and(|pack| {
            pack.drills
                .get(d)
                .is_some_and(|drill| drill.shows_rules() || pack.asks_start_code(&drill.id))
        })
    }

    /// A key on the rules screen that edits the start code (a digit, Backspace);
    /// `false` when it is not one, or no code is asked.
    pub(super) fn start_code_key(&mut self, key: &KeyEvent) -> bool {
        let Some(code) = self.start_code.as_mut().filter(|c| !c.given) else {
            return false;
        };
        if key.kind == KeyEventKind::Release {
            return false;
        }
        let plain = !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        match key.code {
            // Full-width digits too: an input method left in Chinese mode types them.
            KeyCode::Char(c) if plain && digit(c).is_some() => {
                if code.entry.typed.chars().count() < MAX_DIGITS {
                    code.entry.typed.extend(digit(c));
                }
                code.entry.missing = false;
                true
            }
            KeyCode::Backspace => {
                code.entry.typed.pop();
                true
            }
            _ => false,
        }
    }

    /// Enter on the rules screen: `false` (and a reminder) while the code asked is empty.
    pub(super) fn start_code_given(&mut self) -> bool {
        match self.start_code.as_mut() {
            Some(code) if code.entry.typed.is_empty() => {
                code.entry.missing = true;
                false
            }
            Some(code) => {
                code.given = true;
                true
            }
            None => true,
        }
    }

    /// The code being typed, for the rules screen.
    pub(super) fn start_code_entry(&self) -> Option<CodeEntry> {
        self.start_code
            .as_ref()
            .filter(|c| !c.given)
            .map(|c| c.entry.clone())
    }

    /// Stamp the code given on `record` when it is a session of that drill.
    pub(super) fn stamp_start_code(&self, record: &mut SessionRecord) {
        if let Some(code) = &self.start_code
            && code.given
            && record.pack == code.pack
            && record.drill == code.drill
        {
            record.start_code = Some(code.entry.typed.clone());
        }
    }
}

/// `c` as an ASCII digit, full-width ones included.
fn digit(c: char) -> Option<char> {
    match c {
        '0'..='9' => Some(c),
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{bench, chars, key, morning, screen_text, start, text_pack};
    use super::super::*;
    use crate::record::SessionRecord;
    use crate::tui::main_loop::settle;
    use ratatui::crossterm::event::KeyCode;

    fn coded_pack() -> Pack {
        let mut pack = text_pack("好");
        pack.drills[0].pass = Some(crate::pack::Pass::Typing {
            cpm: 10.0,
            accuracy: 50.0,
        });
        pack.start_code = vec![pack.drills[0].id.clone()];
        pack
    }

    fn saved(app: &mut App<'_>) -> Option<Box<SessionRecord>> {
        std::iter::from_fn(|| app.next_effect()).find_map(|e| match e {
            Effect::Save { record, .. } => Some(record),
            _ => None,
        })
    }

    #[test]
    fn the_rules_ask_for_the_code_and_the_session_keeps_it() {
        crate::i18n::set_lang(crate::i18n::Lang::Zh);
        let (mut ctx, mut world, _tmp) = bench();
        ctx.config.set("student.id", "2026001").expect("id");
        ctx.config.set("student.name", "张三").expect("name");
        let t0 = morning();
        let mut app = start(&ctx, coded_pack(), t0);
        settle(&mut app, &mut world);
        assert!(screen_text(&app, t0).contains("开始口令："));
        // Enter with no code: still the rules, saying what is missing.
        app.on_input(t0, &[key(KeyCode::Enter)]);
        assert!(matches!(app.screen, Screen::Rules(_)));
        assert!(screen_text(&app, t0).contains("请先输入老师在课上宣布的开始口令"));
        // Digits, full-width ones too; letters are not part of it; Backspace mends.
        app.on_input(t0, &chars("7４2x9"));
        app.on_input(t0, &[key(KeyCode::Backspace)]);
        app.on_input(t0, &chars("1"));
        assert!(screen_text(&app, t0).contains("开始口令：7421"));
        app.on_input(t0, &[key(KeyCode::Enter)]);
        assert!(matches!(app.screen, Screen::Drill(_)));
        app.on_input(t0, &chars("好"));
        let record = saved(&mut app).expect("saved");
        assert_eq!(record.start_code.as_deref(), Some("7421"));
        // A retry asks afresh.
        settle(&mut app, &mut world);
        app.on_input(t0.plus(Duration::from_secs(1)), &chars("r"));
        settle(&mut app, &mut world);
        let shown = screen_text(&app, t0);
        assert!(
            shown.contains("开始口令：") && !shown.contains("开始口令：7421"),
            "{shown}"
        );
    }

    #[test]
    fn a_drill_without_a_start_code_asks_none_and_keeps_none() {
        let (mut ctx, _world, _tmp) = bench();
        ctx.config.set("student.name", "张三").expect("name");
        let t0 = morning();
        let mut pack = coded_pack();
        pack.start_code.clear();
        let mut app = start(&ctx, pack, t0);
        assert!(!screen_text(&app, t0).contains("开始口令"));
        app.on_input(t0, &chars("7"));
        app.on_input(t0, &[key(KeyCode::Enter)]);
        assert!(matches!(app.screen, Screen::Drill(_)));
        app.on_input(t0, &chars("好"));
        assert_eq!(saved(&mut app).expect("saved").start_code, None);
    }
}
