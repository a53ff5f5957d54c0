//! The app between drills: home and its keys, the results screen's keys, history and
//! stats (read by the loop), weak-character practice and the student form.

use super::{App, Screen};
use crate::pack::Pack;
use crate::record::SessionRecord;
use crate::tr;
use crate::tui::keymap::Action;
use crate::tui::screens::history::{self, HistoryView};
use crate::tui::student_form::{FormKey, Purpose, form_key};
use crate::tui::students::{ExportAsk, FormDone, export_dirs};
use crate::tui::world::{Effect, WeakTotals};
use crate::{Result, tui::runs};
use ratatui::crossterm::event::Event;

impl App<'_> {
    pub(super) fn home_action(&mut self, action: Action) {
        match action {
            Action::Back | Action::Quit => self.quit = true,
            Action::Help => self.help = true,
            Action::Enter => {
                self.home.notice = None;
                if let Some(p) = self.home.pack() {
                    self.start_drill(p, self.home.drill_sel);
                }
            }
            Action::Install => {
                if let Some(pack) = self.home.file_pack {
                    self.ask(Effect::Install { pack });
                }
            }
            Action::Stats => {
                self.home.notice = None;
                self.ask(Effect::LoadStats {
                    goal_minutes: self.ctx.config.goal_minutes(),
                });
            }
            Action::History => {
                self.home.notice = None;
                self.history_notice = None;
                self.ask(Effect::LoadHistory(None));
            }
            Action::Weak => self.practise_weak(),
            Action::Student => {
                self.home.notice = None;
                self.students.open(Purpose::Switch);
            }
            Action::Export => {
                self.home.notice = None;
                if let ExportAsk::Now(dirs) = self.students.export_key(&self.ctx.data) {
                    self.ask(Effect::Export {
                        student: self.students.current.clone(),
                        dirs,
                    });
                }
            }
            Action::Pinyin => self.home.pinyin = !self.home.pinyin,
            Action::Everyone => {
                // Only a set student has sessions of their own to narrow to.
                if self.students.label().is_some() || self.home.everyone {
                    self.home.everyone = !self.home.everyone;
                    self.set_scope();
                }
            }
            other => self.home.navigate(other, &self.packs),
        }
    }

    pub(super) fn results_action(&mut self, action: Action) {
        let Screen::Results(o, _) = &self.screen else {
            return;
        };
        let p = o.pack;
        let d = self
            .packs
            .get(p)
            .and_then(|pk| pk.drills.iter().position(|d| d.id == o.drill.id))
            .unwrap_or(0);
        match action {
            Action::Retry => self.start_drill(p, d),
            Action::Next => {
                let n = self.packs.get(p).map_or(0, |pk| pk.drills.len());
                // The next drill the trainer can run, after this one.
                let next = (1..=n).map(|k| (d + k) % n.max(1)).find(|&i| {
                    self.packs
                        .get(p)
                        .and_then(|pk| pk.drills.get(i))
                        .is_some_and(|dr| {
                            runs::typing::segments(dr).is_some()
                                || dr.kind() == crate::pack::DrillKind::QuickReply
                                || crate::reply::codes::code_drill(dr).is_some()
                        })
                });
                if let Some(i) = next {
                    self.home.select_pack(p);
                    self.home.drill_sel = i;
                    self.start_drill(p, i);
                }
            }
            Action::Home | Action::Back if self.history_back.is_some() => {
                if let Some(h) = self.history_back.take() {
                    self.screen = Screen::History(h);
                }
            }
            Action::Home | Action::Back => {
                self.home.select_pack(p);
                self.home.drill_sel = d;
                self.go_home();
            }
            Action::Quit => self.quit = true,
            Action::Help => self.help = true,
            _ => {}
        }
    }

    /// A key or paste while the 学号/姓名 form is open.
    pub(super) fn form_event(&mut self, ev: &Event) {
        let key = match ev {
            Event::Key(k) => form_key(k),
            Event::Paste(text) => Some(FormKey::Paste(text.clone())),
            _ => None,
        };
        match key.map(|k| self.students.on_form(k)) {
            Some(FormDone::Save {
                student,
                then_export,
            }) => {
                let dirs = then_export
                    .then(|| export_dirs(self.students.export_dir.as_ref(), &self.ctx.data, false));
                self.ask(Effect::SaveStudent {
                    student,
                    then_export: dirs,
                })
            }
            Some(FormDone::Quit) => self.quit_now(),
            Some(FormDone::Nothing) | None => {}
        }
    }

    pub(super) fn stats_action(&mut self, action: Action) {
        match action {
            Action::Back => self.go_home(),
            Action::Quit => self.quit = true,
            Action::Help => self.help = true,
            Action::Weak => {
                self.go_home();
                self.practise_weak();
            }
            Action::Left | Action::Right => {
                if let Screen::Stats(v) = std::mem::replace(&mut self.screen, Screen::Home) {
                    // The view stays on screen while the loop reads the next trend.
                    let forward = action == Action::Right;
                    self.screen = Screen::Stats(v.clone());
                    self.ask(Effect::StepTrend { view: v, forward });
                }
            }
            _ => {}
        }
    }

    pub(super) fn history_action(&mut self, action: Action) {
        let Screen::History(view) = &mut self.screen else {
            return;
        };
        match action {
            Action::Back => self.go_home(),
            Action::Quit => self.quit = true,
            Action::Help => self.help = true,
            Action::Enter => {
                if let Some(id) = view.selected().map(|r| r.id.clone()) {
                    self.ask(Effect::OpenSession { id });
                }
            }
            other => {
                if view.navigate(other) {
                    let view = view.clone();
                    self.ask(Effect::LoadHistory(Some(view)));
                }
            }
        }
    }

    /// The history list, read (or read again for a changed filter).
    pub(super) fn history_loaded(&mut self, r: Result<Box<HistoryView>>) {
        match (r, &self.screen) {
            (Ok(v), _) => self.screen = Screen::History(v),
            // A failed reload keeps the list shown and says why.
            (Err(e), Screen::History(_)) => self.history_notice = Some(e.to_string()),
            (Err(e), _) => self.home.notice = Some(e.to_string()),
        }
    }

    /// A session opened from history: its results again, recomputed from its record.
    pub(super) fn session_loaded(&mut self, r: Result<Option<Box<SessionRecord>>>) {
        match r {
            Ok(Some(record)) => {
                let view = history::outcome(&record, &self.packs);
                self.history_notice = None;
                if let Screen::History(v) = std::mem::replace(&mut self.screen, Screen::Home) {
                    self.history_back = Some(v);
                }
                self.show_reopened(view);
            }
            Ok(None) => {
                self.history_notice = Some(tr!("这条记录已不在历史中", "that session is gone"))
            }
            Err(e) => self.history_notice = Some(e.to_string()),
        }
    }

    /// `w`: a phrases drill from the lines richest in the student's weakest characters
    /// (or, with pinyin practice on, syllables), once the loop has read them.
    pub(super) fn practise_weak(&mut self) {
        self.home.notice = None;
        self.ask(Effect::LoadWeak {
            pinyin: self.home.pinyin,
        });
    }

    pub(super) fn weak_loaded(&mut self, r: Result<WeakTotals>) {
        let seed = self.now.seed();
        match r {
            Ok(WeakTotals::Chars(totals)) => {
                match crate::stats::practice::weak_practice(&self.packs, &totals, seed) {
                    Some(pack) => self.start_generated(pack),
                    None => {
                        self.home.notice = Some(tr!(
                            "还没有弱字：每个字至少打 3 次、出过错或偏慢才会出现在这里，先多练几次吧",
                            "nothing weak yet: a character shows up once typed 3 times with a slip or a slow time — practise a few drills first"
                        ))
                    }
                }
            }
            Ok(WeakTotals::Syllables(weak)) => {
                match crate::pinyin::weak::practice(&self.packs, &weak, seed) {
                    Some(pack) => self.start_generated(pack),
                    None => {
                        self.home.notice = Some(tr!(
                            "还没有弱音节：每个音节至少打 3 次、出过错或偏慢才会出现在这里",
                            "no weak syllable yet: a syllable shows up once typed 3 times with a slip or a slow time"
                        ))
                    }
                }
            }
            Err(e) => self.home.notice = Some(e.to_string()),
        }
    }

    /// Start the drill of a generated practice pack.
    fn start_generated(&mut self, pack: Pack) {
        // One generated pack at a time, after the packs home lists.
        let idx = match self.packs.iter().position(|p| p.id == pack.id) {
            Some(i) => {
                self.packs[i] = pack;
                i
            }
            None => {
                self.packs.push(pack);
                self.packs.len() - 1
            }
        };
        self.start_drill(idx, 0);
    }
}
