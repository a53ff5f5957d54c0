//! Keys to actions, per screen. Typing keys go to the engine on drill screens; the
//! few control keys become [`Action`]s. Only key presses count (Windows sends releases).

use crate::engine::Key;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

/// What a control key asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Esc: leave this screen.
    Back,
    /// Ctrl-C: save like Esc and quit.
    Quit,
    /// F1: the keys of this screen.
    Help,
    Up,
    Down,
    Left,
    Right,
    Enter,
    Retry,
    Next,
    Home,
    Install,
    /// Home: open the stats screen.
    Stats,
    /// Home: open the history screen.
    History,
    /// Home or stats: practise the weakest characters.
    Weak,
    /// Home: switch student (the 学号/姓名 form).
    Student,
    /// Home: export the current student's history.
    Export,
    /// Home: pinyin practice on or off for the drills started.
    Pinyin,
    /// Home: everyone's sessions or only the current student's.
    Everyone,
}

/// A key on a drill screen: typing for the engine, or an action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DrillKey {
    Type(Key),
    Do(Action),
    Ignore,
}

fn is_press(key: &KeyEvent) -> bool {
    key.kind == KeyEventKind::Press
}

fn ctrl(key: &KeyEvent) -> bool {
    key.modifiers.contains(KeyModifiers::CONTROL)
}

/// Keys every screen shares.
fn common(key: &KeyEvent) -> Option<Action> {
    match key.code {
        KeyCode::Char('c') if ctrl(key) => Some(Action::Quit),
        KeyCode::Esc => Some(Action::Back),
        KeyCode::F(1) => Some(Action::Help),
        _ => None,
    }
}

/// A key while typing a drill.
pub fn drill_key(key: &KeyEvent) -> DrillKey {
    if !is_press(key) {
        return DrillKey::Ignore;
    }
    if let Some(action) = common(key) {
        return DrillKey::Do(action);
    }
    match key.code {
        // Some terminals send Ctrl-H for Backspace.
        KeyCode::Char('h') if ctrl(key) => DrillKey::Type(Key::Backspace),
        KeyCode::Char(_) if ctrl(key) || key.modifiers.contains(KeyModifiers::ALT) => {
            DrillKey::Ignore
        }
        KeyCode::Char(c) => DrillKey::Type(Key::Char(c)),
        KeyCode::Enter => DrillKey::Type(Key::Enter),
        KeyCode::Backspace => DrillKey::Type(Key::Backspace),
        _ => DrillKey::Ignore,
    }
}

/// A key on the home screen.
pub fn home_key(key: &KeyEvent) -> Option<Action> {
    if !is_press(key) {
        return None;
    }
    common(key).or(match key.code {
        KeyCode::Up | KeyCode::Char('k') => Some(Action::Up),
        KeyCode::Down | KeyCode::Char('j') => Some(Action::Down),
        KeyCode::Left | KeyCode::BackTab => Some(Action::Left),
        KeyCode::Right | KeyCode::Tab => Some(Action::Right),
        KeyCode::Enter => Some(Action::Enter),
        KeyCode::Char('i') => Some(Action::Install),
        KeyCode::Char('s') => Some(Action::Stats),
        KeyCode::Char('h') => Some(Action::History),
        KeyCode::Char('w') => Some(Action::Weak),
        KeyCode::Char('u') => Some(Action::Student),
        KeyCode::Char('e') => Some(Action::Export),
        KeyCode::Char('p') => Some(Action::Pinyin),
        KeyCode::Char('a') => Some(Action::Everyone),
        _ => None,
    })
}

/// A key on the stats screen.
pub fn stats_key(key: &KeyEvent) -> Option<Action> {
    if !is_press(key) {
        return None;
    }
    common(key).or(match key.code {
        KeyCode::Char('w') => Some(Action::Weak),
        KeyCode::Left | KeyCode::BackTab => Some(Action::Left),
        KeyCode::Right | KeyCode::Tab => Some(Action::Right),
        _ => None,
    })
}

/// A key on a list screen (history): move, open, switch the filter.
pub fn list_key(key: &KeyEvent) -> Option<Action> {
    if !is_press(key) {
        return None;
    }
    common(key).or(match key.code {
        KeyCode::Up | KeyCode::Char('k') => Some(Action::Up),
        KeyCode::Down | KeyCode::Char('j') => Some(Action::Down),
        KeyCode::Left | KeyCode::BackTab => Some(Action::Left),
        KeyCode::Right | KeyCode::Tab => Some(Action::Right),
        KeyCode::Enter => Some(Action::Enter),
        _ => None,
    })
}

/// A key on the rules screen shown before a timed or graded drill.
pub fn rules_key(key: &KeyEvent) -> Option<Action> {
    if !is_press(key) {
        return None;
    }
    common(key).or(match key.code {
        KeyCode::Enter => Some(Action::Enter),
        KeyCode::Char('u') => Some(Action::Student),
        _ => None,
    })
}

/// A key on the results screen.
pub fn results_key(key: &KeyEvent) -> Option<Action> {
    if !is_press(key) {
        return None;
    }
    common(key).or(match key.code {
        KeyCode::Char('r') | KeyCode::Enter => Some(Action::Retry),
        KeyCode::Char('n') => Some(Action::Next),
        KeyCode::Char('h') => Some(Action::Home),
        _ => None,
    })
}

/// A key while the help overlay is open: F1 or Esc close it; Ctrl-C still quits.
pub fn help_key(key: &KeyEvent) -> Option<Action> {
    if !is_press(key) {
        return None;
    }
    common(key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyEventState;

    fn press(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn with(code: KeyCode, m: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, m)
    }

    #[test]
    fn drill_keys_type_except_the_control_keys() {
        assert_eq!(
            drill_key(&press(KeyCode::Char('?'))),
            DrillKey::Type(Key::Char('?'))
        );
        assert_eq!(
            drill_key(&press(KeyCode::Char('亲'))),
            DrillKey::Type(Key::Char('亲'))
        );
        assert_eq!(
            drill_key(&with(KeyCode::Char('A'), KeyModifiers::SHIFT)),
            DrillKey::Type(Key::Char('A'))
        );
        assert_eq!(
            drill_key(&press(KeyCode::Enter)),
            DrillKey::Type(Key::Enter)
        );
        assert_eq!(
            drill_key(&press(KeyCode::Backspace)),
            DrillKey::Type(Key::Backspace)
        );
        assert_eq!(
            drill_key(&with(KeyCode::Char('h'), KeyModifiers::CONTROL)),
            DrillKey::Type(Key::Backspace)
        );
        assert_eq!(drill_key(&press(KeyCode::Esc)), DrillKey::Do(Action::Back));
        assert_eq!(
            drill_key(&with(KeyCode::Char('c'), KeyModifiers::CONTROL)),
            DrillKey::Do(Action::Quit)
        );
        assert_eq!(drill_key(&press(KeyCode::F(1))), DrillKey::Do(Action::Help));
        assert_eq!(
            drill_key(&with(KeyCode::Char('x'), KeyModifiers::CONTROL)),
            DrillKey::Ignore
        );
        assert_eq!(drill_key(&press(KeyCode::Up)), DrillKey::Ignore);
    }

    #[test]
    fn releases_never_count() {
        let release = KeyEvent {
            code: KeyCode::Char('a'),
            modifiers: KeyModifiers::NONE,
            kind: KeyEventKind::Release,
            state: KeyEventState::NONE,
        };
        assert_eq!(drill_key(&release), DrillKey::Ignore);
        assert_eq!(home_key(&release), None);
        assert_eq!(results_key(&release), None);
    }

    #[test]
    fn screen_keys() {
        assert_eq!(home_key(&press(KeyCode::Down)), Some(Action::Down));
        assert_eq!(home_key(&press(KeyCode::Tab)), Some(Action::Right));
        assert_eq!(home_key(&press(KeyCode::Enter)), Some(Action::Enter));
        assert_eq!(home_key(&press(KeyCode::Esc)), Some(Action::Back));
        assert_eq!(home_key(&press(KeyCode::Char('i'))), Some(Action::Install));
        assert_eq!(home_key(&press(KeyCode::Char('u'))), Some(Action::Student));
        assert_eq!(home_key(&press(KeyCode::Char('e'))), Some(Action::Export));
        assert_eq!(results_key(&press(KeyCode::Char('r'))), Some(Action::Retry));
        assert_eq!(results_key(&press(KeyCode::Enter)), Some(Action::Retry));
        assert_eq!(results_key(&press(KeyCode::Char('n'))), Some(Action::Next));
        assert_eq!(results_key(&press(KeyCode::Char('h'))), Some(Action::Home));
        assert_eq!(results_key(&press(KeyCode::Esc)), Some(Action::Back));
        assert_eq!(stats_key(&press(KeyCode::Right)), Some(Action::Right));
        assert_eq!(stats_key(&press(KeyCode::BackTab)), Some(Action::Left));
        assert_eq!(stats_key(&press(KeyCode::Char('w'))), Some(Action::Weak));
        assert_eq!(rules_key(&press(KeyCode::Enter)), Some(Action::Enter));
        assert_eq!(rules_key(&press(KeyCode::Char('x'))), None);
        assert_eq!(help_key(&press(KeyCode::F(1))), Some(Action::Help));
    }
}
