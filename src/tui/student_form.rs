//! The small form that asks for 学号 and 姓名 on a shared PC: two one-line fields edited
//! by grapheme (an input method's commit arrives as several keys at once), Tab or Enter
//! to move on, Enter on the last field to finish, Esc to cancel. Pure state; the screen
//! draws it and the app saves what it returns.

use crate::record::Student;
use crate::tr;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

/// Longest 学号 or 姓名, in graphemes (it becomes part of a file name).
pub const MAX_FIELD: usize = 32;

/// Why the form was opened: what happens after it is filled in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// `u` on home: the next sessions belong to this student.
    Switch,
    /// `e` on home with no student set: save the student, then export.
    Export,
    /// An exam with no student set: who is taking it.
    Exam,
}

/// A key the form understands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormKey {
    Char(char),
    Paste(String),
    Backspace,
    Delete,
    Left,
    Right,
    Home,
    End,
    Next,
    Prev,
    Enter,
    Cancel,
    Quit,
}

/// What one key did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormOutcome {
    Editing,
    Cancelled,
    Quit,
    /// Both fields filled: the student to save.
    Done(Student),
}

/// The form's two fields: 学号 (index 0) and 姓名 (index 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StudentForm {
    pub purpose: Purpose,
    /// Each field as graphemes, so the cursor never splits one.
    fields: [Vec<String>; 2],
    /// Which field has the cursor.
    pub focus: usize,
    /// The cursor in each field, in graphemes from its start.
    cursor: [usize; 2],
    /// What is missing, after an Enter that could not finish.
    pub error: Option<String>,
}

/// A key event on the form; releases and unknown keys are `None`.
pub fn form_key(key: &KeyEvent) -> Option<FormKey> {
    if key.kind != KeyEventKind::Press {
        return None;
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    Some(match key.code {
        KeyCode::Char('c') if ctrl => FormKey::Quit,
        KeyCode::Char('h') if ctrl => FormKey::Backspace,
        KeyCode::Char(_) if ctrl || key.modifiers.contains(KeyModifiers::ALT) => return None,
        KeyCode::Char(c) => FormKey::Char(c),
        KeyCode::Backspace => FormKey::Backspace,
        KeyCode::Delete => FormKey::Delete,
        KeyCode::Left => FormKey::Left,
        KeyCode::Right => FormKey::Right,
        KeyCode::Home => FormKey::Home,
        KeyCode::End => FormKey::End,
        KeyCode::Tab | KeyCode::Down => FormKey::Next,
        KeyCode::BackTab | KeyCode::Up => FormKey::Prev,
        KeyCode::Enter => FormKey::Enter,
        KeyCode::Esc => FormKey::Cancel,
        _ => return None,
    })
}

fn split(s: &str) -> Vec<String> {
    crate::text::graphemes(s)
        .into_iter()
        .map(str::to_string)
        .collect()
}

/// A 学号 typed with the input method in full-width mode (２０２４００１) reads as ASCII.
fn ascii_id(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            _ => c,
        })
        .collect()
}

impl StudentForm {
    /// A form filled with `current`, the cursor at the end of the first field that is
    /// empty (or of 学号).
    pub fn new(purpose: Purpose, current: &Student) -> StudentForm {
        let id = split(current.id.as_deref().unwrap_or(""));
        let name = split(current.name.as_deref().unwrap_or(""));
        let focus = usize::from(!id.is_empty() && name.is_empty());
        StudentForm {
            purpose,
            cursor: [id.len(), name.len()],
            fields: [id, name],
            focus,
            error: None,
        }
    }

    /// The text of field `i` (0 学号, 1 姓名).
    pub fn text(&self, i: usize) -> String {
        self.fields.get(i).map(|f| f.concat()).unwrap_or_default()
    }

    /// The graphemes of field `i` and its cursor.
    pub fn field(&self, i: usize) -> (&[String], usize) {
        match (self.fields.get(i), self.cursor.get(i)) {
            (Some(f), Some(&c)) => (f, c),
            _ => (&[], 0),
        }
    }

    fn insert(&mut self, text: &str) {
        let f = self.focus.min(1);
        for g in crate::text::graphemes(text) {
            // Line breaks, tabs and other controls have no place in a name or an id.
            if g.chars().any(char::is_control) || self.fields[f].len() >= MAX_FIELD {
                continue;
            }
            self.fields[f].insert(self.cursor[f], g.to_string());
            self.cursor[f] += 1;
        }
    }

    /// Apply one key.
    pub fn apply(&mut self, key: FormKey) -> FormOutcome {
        let f = self.focus.min(1);
        match key {
            FormKey::Char(c) => {
                self.error = None;
                // A combining mark joins the grapheme before it: re-split around the cursor.
                let (before, after) = self.fields[f].split_at(self.cursor[f]);
                let mut head = before.concat();
                let tail = after.concat();
                head.push(c);
                let joined = split(&head);
                let new_len = joined.len();
                if c.is_control() || (new_len > before.len() && self.fields[f].len() >= MAX_FIELD) {
                    return FormOutcome::Editing;
                }
                let mut all = joined;
                all.extend(split(&tail));
                self.fields[f] = all;
                self.cursor[f] = new_len;
            }
            FormKey::Paste(text) => {
                self.error = None;
                self.insert(&text);
            }
            FormKey::Backspace if self.cursor[f] > 0 => {
                self.cursor[f] -= 1;
                self.fields[f].remove(self.cursor[f]);
            }
            FormKey::Delete if self.cursor[f] < self.fields[f].len() => {
                self.fields[f].remove(self.cursor[f]);
            }
            FormKey::Left => self.cursor[f] = self.cursor[f].saturating_sub(1),
            FormKey::Right => self.cursor[f] = (self.cursor[f] + 1).min(self.fields[f].len()),
            FormKey::Home => self.cursor[f] = 0,
            FormKey::End => self.cursor[f] = self.fields[f].len(),
            FormKey::Next | FormKey::Prev => self.focus = 1 - f,
            FormKey::Enter if f == 0 => self.focus = 1,
            FormKey::Enter => return self.finish(),
            FormKey::Cancel => return FormOutcome::Cancelled,
            FormKey::Quit => return FormOutcome::Quit,
            FormKey::Backspace | FormKey::Delete => {}
        }
        FormOutcome::Editing
    }

    /// Both fields must be filled: the teacher's table is keyed by 学号 and 姓名.
    fn finish(&mut self) -> FormOutcome {
        let id = ascii_id(self.text(0).trim());
        let name = self.text(1).trim().to_string();
        let missing = match (id.is_empty(), name.is_empty()) {
            (true, true) => Some((0, tr!("请填写学号和姓名", "enter your student id and name"))),
            (true, false) => Some((0, tr!("请填写学号", "enter your student id"))),
            (false, true) => Some((1, tr!("请填写姓名", "enter your name"))),
            (false, false) => None,
        };
        if let Some((field, why)) = missing {
            self.focus = field;
            self.cursor[field] = self.fields[field].len();
            self.error = Some(why);
            return FormOutcome::Editing;
        }
        FormOutcome::Done(Student {
            name: Some(name),
            id: Some(id),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(form: &mut StudentForm, s: &str) {
        for c in s.chars() {
            assert_eq!(form.apply(FormKey::Char(c)), FormOutcome::Editing);
        }
    }

    #[test]
    fn fills_both_fields_and_finishes_on_the_last_enter() {
        let mut form = StudentForm::new(Purpose::Switch, &Student::default());
        assert_eq!(form.focus, 0);
        typed(&mut form, "２０２６００１");
        assert_eq!(form.apply(FormKey::Enter), FormOutcome::Editing);
        assert_eq!(form.focus, 1);
        // An input method's commit: several characters in one read.
        typed(&mut form, "张三");
        assert_eq!(
            form.apply(FormKey::Enter),
            FormOutcome::Done(Student {
                name: Some("张三".into()),
                id: Some("2026001".into()),
            })
        );
    }

    #[test]
    fn an_empty_field_is_asked_for_not_saved() {
        let mut form = StudentForm::new(Purpose::Export, &Student::default());
        typed(&mut form, "  ");
        form.apply(FormKey::Next);
        typed(&mut form, "李四");
        assert_eq!(form.apply(FormKey::Enter), FormOutcome::Editing);
        assert_eq!(form.focus, 0);
        assert_eq!(form.error.as_deref(), Some("请填写学号"));
        typed(&mut form, "7");
        assert_eq!(form.error, None);
    }

    #[test]
    fn editing_moves_by_grapheme() {
        let mut form = StudentForm::new(
            Purpose::Switch,
            &Student {
                name: Some("王小".into()),
                id: Some("1".into()),
            },
        );
        // Both set: the cursor starts on 学号.
        assert_eq!(form.focus, 0);
        form.apply(FormKey::Next);
        form.apply(FormKey::Left);
        typed(&mut form, "e\u{301}");
        assert_eq!(form.text(1), "王e\u{301}小");
        assert_eq!(form.field(1).1, 2, "the accent joins e: one grapheme");
        form.apply(FormKey::Backspace);
        assert_eq!(form.text(1), "王小");
        form.apply(FormKey::Home);
        form.apply(FormKey::Delete);
        form.apply(FormKey::End);
        form.apply(FormKey::Paste("明\n\u{1b}[2J".into()));
        assert_eq!(form.text(1), "小明[2J");
        assert_eq!(form.apply(FormKey::Cancel), FormOutcome::Cancelled);
    }

    #[test]
    fn fields_stop_at_their_length() {
        let mut form = StudentForm::new(Purpose::Switch, &Student::default());
        typed(&mut form, &"9".repeat(MAX_FIELD + 5));
        assert_eq!(form.field(0).0.len(), MAX_FIELD);
        form.apply(FormKey::Paste("1".repeat(10)));
        assert_eq!(form.field(0).0.len(), MAX_FIELD);
    }

    #[test]
    fn keys_map_and_releases_do_not() {
        let press = |c| KeyEvent::new(c, KeyModifiers::NONE);
        assert_eq!(
            form_key(&press(KeyCode::Char('张'))),
            Some(FormKey::Char('张'))
        );
        assert_eq!(form_key(&press(KeyCode::Esc)), Some(FormKey::Cancel));
        assert_eq!(form_key(&press(KeyCode::Tab)), Some(FormKey::Next));
        assert_eq!(
            form_key(&KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)),
            Some(FormKey::Quit)
        );
        let mut release = press(KeyCode::Char('a'));
        release.kind = KeyEventKind::Release;
        assert_eq!(form_key(&release), None);
    }
}
