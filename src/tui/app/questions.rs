//! Questions the next key answers, and who the sessions are for on a shared PC: an exam
//! asks before it is left (input methods cancel with Esc, students copy with Ctrl-C);
//! a student who registers is asked about sessions saved before anyone did; a student
//! set long ago is asked whether it is still them.

use super::{App, Screen};
use crate::record::Student;
use crate::store::Scope;
use crate::tui::screens::question::{self, Asked};
use crate::tui::student_form::Purpose;
use crate::tui::students::label_of;
use crate::tui::world::Effect;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use std::path::PathBuf;

/// After this long without a session, a student set on the PC is asked whether it is
/// still them (the next class has come in).
pub const SAME_STUDENT_MINUTES: i64 = 40;

/// A question over the screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Question {
    /// Esc (or Ctrl-C, `quit`) on an exam: Enter or the same key again leaves.
    LeaveExam { quit: bool },
    /// Esc (or Ctrl-C) on a shift: Enter or the same key again ends it.
    EndShift { quit: bool },
    /// A student registered and `count` sessions have no student: are they theirs?
    /// `then_export`: the folders to export into once answered (`e` asked for the form).
    Claim {
        student: Student,
        count: u32,
        then_export: Option<Vec<PathBuf>>,
    },
    /// The student set on this PC, long after the last session: still them?
    IsItYou,
}

impl Question {
    pub fn asked(&self, current: &Student) -> Asked {
        match self {
            Question::LeaveExam { quit } => question::leave_exam(*quit),
            Question::EndShift { quit } => question::end_shift(*quit),
            Question::Claim { student, count, .. } => {
                question::claim(&label_of(student).unwrap_or_default(), *count)
            }
            Question::IsItYou => question::is_it_you(&label_of(current).unwrap_or_default()),
        }
    }
}

fn is_ctrl_c(k: &KeyEvent) -> bool {
    k.code == KeyCode::Char('c') && k.modifiers.contains(KeyModifiers::CONTROL)
}

impl App<'_> {
    /// Whether the drill on screen is an exam.
    fn on_exam(&self) -> bool {
        match &self.screen {
            Screen::Drill(run) => run.drill.is_exam(),
            Screen::Reply(run) => run.drill.is_exam(),
            Screen::Codes(run) => run.drill.is_exam(),
            Screen::Shift(run) => run.drill.is_exam(),
            _ => false,
        }
    }

    /// Esc (`quit` false) or Ctrl-C on a drill: an exam asks first; any other drill is
    /// left (saved as not completed when anything was typed), or the trainer quits.
    pub(super) fn leave_or_ask(&mut self, quit: bool) {
        if matches!(self.screen, Screen::Shift(_)) {
            // A shift always asks: several buyers' work is at stake.
            self.question = Some(Question::EndShift { quit });
        } else if self.on_exam() {
            self.question = Some(Question::LeaveExam { quit });
        } else if quit {
            self.quit_now();
        } else {
            self.leave();
        }
    }

    /// The question shown, if any, as it reads.
    pub(super) fn asked(&self) -> Option<Asked> {
        self.question
            .as_ref()
            .map(|q| q.asked(&self.students.current))
    }

    /// A question about a drill goes when the drill has ended by itself (its clock).
    pub(super) fn drop_stale_question(&mut self) {
        let on_drill = matches!(
            self.screen,
            Screen::Drill(_) | Screen::Reply(_) | Screen::Codes(_) | Screen::Shift(_)
        );
        let about_drill = matches!(
            self.question,
            Some(Question::LeaveExam { .. } | Question::EndShift { .. })
        );
        if about_drill && !on_drill {
            self.question = None;
        }
    }

    /// A read while a question is open: its first key press answers it; nothing of the
    /// read is typed (an input method's commit that answers is not typed either).
    pub(super) fn answer(&mut self, events: &[Event]) {
        let Some(k) = events.iter().find_map(|e| match e {
            Event::Key(k) if k.kind == KeyEventKind::Press => Some(*k),
            _ => None,
        }) else {
            return;
        };
        let Some(question) = self.question.take() else {
            return;
        };
        match question {
            Question::LeaveExam { quit } => {
                let again = matches!(k.code, KeyCode::Enter | KeyCode::Esc) || is_ctrl_c(&k);
                if again && (quit || is_ctrl_c(&k)) {
                    self.quit_now();
                } else if again {
                    self.leave();
                }
                // Any other key: the exam goes on, its clock never stopped.
            }
            Question::EndShift { quit } => {
                let again = matches!(k.code, KeyCode::Enter | KeyCode::Esc) || is_ctrl_c(&k);
                if again {
                    self.end_shift(quit || is_ctrl_c(&k));
                }
            }
            Question::Claim {
                student,
                count,
                then_export,
            } => match k.code {
                KeyCode::Char('y' | 'Y') => {
                    self.bests = None;
                    self.ask(Effect::Claim {
                        student,
                        then_export,
                    });
                }
                KeyCode::Char('n' | 'N') | KeyCode::Esc => {
                    if let Some(dirs) = then_export {
                        self.ask(Effect::Export { student, dirs });
                    }
                }
                _ if is_ctrl_c(&k) => self.quit_now(),
                _ => {
                    self.question = Some(Question::Claim {
                        student,
                        count,
                        then_export,
                    })
                }
            },
            Question::IsItYou => match k.code {
                KeyCode::Char('y' | 'Y') | KeyCode::Enter => {}
                KeyCode::Char('n' | 'N') | KeyCode::Esc => {
                    self.students.open_empty(Purpose::Switch);
                }
                _ if is_ctrl_c(&k) => self.quit_now(),
                _ => self.question = Some(Question::IsItYou),
            },
        }
    }

    /// Home's figures arrived: on the first, a student set long ago is asked whether
    /// it is still them, before anything is saved under their name.
    pub(super) fn check_identity(&mut self, last_ended: Option<chrono::DateTime<chrono::Utc>>) {
        if self.identity_checked {
            return;
        }
        self.identity_checked = true;
        let set = label_of(&self.students.current).is_some();
        // No session yet: nothing was saved under anyone, nothing to mix up.
        let long_ago = last_ended.is_some_and(|t| {
            self.now.wall.to_utc() - t > chrono::Duration::minutes(SAME_STUDENT_MINUTES)
        });
        if set
            && long_ago
            && matches!(self.screen, Screen::Home)
            && self.students.form.is_none()
            && self.question.is_none()
        {
            self.question = Some(Question::IsItYou);
        }
    }

    /// A student was saved by the form: read their sessions from now on, and ask about
    /// sessions nobody has claimed.
    pub(super) fn student_saved(
        &mut self,
        student: Student,
        unassigned: u32,
        then_export: Option<Vec<PathBuf>>,
    ) {
        self.identity_checked = true;
        self.set_scope();
        if unassigned > 0 {
            self.question = Some(Question::Claim {
                student,
                count: unassigned,
                then_export,
            });
        } else if let Some(dirs) = then_export {
            self.ask(Effect::Export { student, dirs });
        }
    }

    /// Whose sessions home, history and stats read: the current student's, or everyone's
    /// (`a` on home, or nobody set).
    pub(super) fn set_scope(&mut self) {
        let scope = if self.home.everyone {
            Scope::Everyone
        } else {
            Scope::of(&self.students.current)
        };
        self.bests = None;
        self.ask(Effect::SetScope(scope));
    }
}
