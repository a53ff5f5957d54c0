//! The loop's side of the app: what the app asks for ([`Effect`]) is carried out here,
//! with the one history [`Store`] the loop holds and the data dir's files, and handed
//! back as a message ([`Done`]). The app itself never opens a store or a file, so it
//! runs in tests over an in-memory store with any clock.

use super::clock::Stamp;
use super::screens::history::HistoryView;
use super::screens::home::Bests;
use super::screens::stats::StatsView;
use super::students::{Exported, export_first, save_student};
use crate::paths::DataDir;
use crate::record::{SessionRecord, Student};
use crate::reply::leitner::Card;
use crate::stats::goal::GoalStatus;
use crate::store::{self, Saved, Scope, Store};
use crate::{Error, Result, tr};
use std::collections::HashMap;
use std::path::PathBuf;

/// What the app asks the loop to do.
#[derive(Debug)]
pub enum Effect {
    /// Save a session; `then` is what the app does with where it went.
    Save {
        record: Box<SessionRecord>,
        then: AfterSave,
        goal_minutes: u32,
    },
    /// Home's bests, today's goal and the codes due.
    LoadHome { goal_minutes: u32 },
    /// The history list, new or for a changed filter.
    LoadHistory(Option<Box<HistoryView>>),
    /// One saved session, to show its results again.
    OpenSession { id: String },
    /// The stats screen.
    LoadStats { goal_minutes: u32 },
    /// The stats screen's trend of the next or previous drill.
    StepTrend { view: Box<StatsView>, forward: bool },
    /// The Leitner cards of a pack, to open a code drill.
    LoadCards { pack: usize, drill: usize },
    /// The totals weak-character practice is made from (`pinyin`: the syllables').
    LoadWeak { pinyin: bool },
    /// Copy the pack opened from the command line into the data dir.
    Install { pack: usize },
    /// Write the student into the settings (and export into the first of these folders
    /// that takes it, when `e` asked for the form).
    SaveStudent {
        student: Student,
        then_export: Option<Vec<PathBuf>>,
    },
    /// Export the current student's sessions into the first of these folders.
    Export {
        student: Student,
        dirs: Vec<PathBuf>,
    },
    /// Read this scope's sessions from now on (home, history, stats, weak characters).
    SetScope(Scope),
    /// How often the scope's student has saved this drill (an exam's retry does not count).
    CountAttempts { pack: String, drill: String },
    /// The sessions saved with no student are this student's (and export, when `e`
    /// asked for the form).
    Claim {
        student: Student,
        then_export: Option<Vec<PathBuf>>,
    },
}

/// What to do once a session is saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AfterSave {
    /// Show where it went on the results screen on now.
    Results,
    /// A drill left early: say so on home.
    Left,
    /// Quitting (Ctrl-C, a signal): only the exit's record of it.
    Quit,
}

/// Where a session went.
#[derive(Debug)]
pub enum SaveResult {
    History,
    Fallback {
        path: PathBuf,
        reason: String,
    },
    /// Not even a file could be written (a full disk): the session as a results
    /// document to print once the terminal is restored, when it could be made.
    Failed {
        why: String,
        unwritten: Option<Vec<u8>>,
    },
}

/// What the loop hands back.
#[derive(Debug)]
pub enum Done {
    Saved {
        then: AfterSave,
        result: SaveResult,
        /// Today's goal and streak with the session in (for the result card).
        goal: Option<GoalStatus>,
    },
    Home {
        bests: Bests,
        goal: Option<GoalStatus>,
        due: HashMap<String, usize>,
        read_only: bool,
        /// When the last session on this PC ended, anyone's.
        last_ended: Option<chrono::DateTime<chrono::Utc>>,
    },
    /// The student was saved; `unassigned` sessions have no student, and the export
    /// asked for waits until the student says whether they are theirs.
    StudentSaved {
        notice: String,
        student: Student,
        unassigned: u32,
        then_export: Option<Vec<PathBuf>>,
    },
    Attempts {
        pack: String,
        drill: String,
        count: u32,
    },
    History(Result<Box<HistoryView>>),
    Session(Result<Option<Box<SessionRecord>>>),
    Stats(Result<Box<StatsView>>),
    Trend(Box<StatsView>),
    Cards {
        pack: usize,
        drill: usize,
        cards: Vec<Card>,
    },
    Weak(Result<WeakTotals>),
    /// A line for home (an install, a student saved, an export).
    Notice(String),
    /// Done, nothing to hand back.
    Nothing,
}

/// What weak-character practice is made from.
#[derive(Debug)]
pub enum WeakTotals {
    Chars(Vec<crate::stats::weak::CharTotals>),
    Syllables(crate::pinyin::PinyinWeak),
}

/// The data dir and the one store, opened when first needed and kept for the run.
pub struct World {
    data: DataDir,
    store: Option<Store>,
    /// Whose sessions the store reads; set again on a store opened afresh.
    scope: Scope,
    /// Tests hand in a store of their own; it is never reopened from the data dir.
    fixed: bool,
}

impl World {
    pub fn new(data: DataDir) -> World {
        World {
            data,
            store: None,
            scope: Scope::Everyone,
            fixed: false,
        }
    }

    /// A world over `store` (an in-memory one, in tests) and `data` for files.
    pub fn with_store(data: DataDir, store: Store) -> World {
        World {
            data,
            store: Some(store),
            scope: Scope::Everyone,
            fixed: true,
        }
    }

    pub fn data(&self) -> &DataDir {
        &self.data
    }

    /// The store, opened for reading (read-only where the data dir cannot be written).
    fn store(&mut self) -> Result<&mut Store> {
        if self.store.is_none() {
            let mut store = Store::open_reading(&self.data)?;
            store.set_scope(&self.scope)?;
            self.store = Some(store);
        }
        self.store
            .as_mut()
            .ok_or_else(|| Error::store(String::new()))
    }

    /// After an error the store is opened afresh next time (a file replaced meanwhile).
    fn forget_on_error<T>(&mut self, r: Result<T>) -> Result<T> {
        if r.is_err() && !self.fixed {
            self.store = None;
        }
        r
    }

    /// Carry out one effect; `stamp` is the time of the message that asked for it.
    pub fn run(&mut self, effect: Effect, packs: &[crate::pack::Pack], stamp: Stamp) -> Done {
        let today = stamp.today();
        match effect {
            Effect::Save {
                record,
                then,
                goal_minutes,
            } => {
                let result = self.save(&record);
                let goal = self
                    .store()
                    .and_then(|s| s.goal_status(today, goal_minutes))
                    .ok();
                Done::Saved { then, result, goal }
            }
            Effect::LoadHome { goal_minutes } => {
                let read = self.store().map(|s| {
                    (
                        s.drill_figures().unwrap_or_default(),
                        s.goal_status(today, goal_minutes).ok(),
                        super::screens::codes::due_counts(s, packs, today),
                        s.is_read_only(),
                        s.last_ended_at().ok().flatten(),
                    )
                });
                match read {
                    Ok((bests, goal, due, read_only, last_ended)) => Done::Home {
                        bests,
                        goal,
                        due,
                        read_only,
                        last_ended,
                    },
                    // A history that cannot be opened shows no figures.
                    Err(_) => Done::Home {
                        bests: Bests::default(),
                        goal: None,
                        due: HashMap::new(),
                        read_only: false,
                        last_ended: None,
                    },
                }
            }
            Effect::LoadHistory(view) => {
                let r = self.store().and_then(|s| match view {
                    Some(mut v) => v.reload(s, packs).map(|()| v),
                    None => HistoryView::load(s, packs).map(Box::new),
                });
                Done::History(self.forget_on_error(r))
            }
            Effect::OpenSession { id } => {
                let r = self
                    .store()
                    .and_then(|s| s.session(&id))
                    .map(|r| r.map(Box::new));
                Done::Session(self.forget_on_error(r))
            }
            Effect::LoadStats { goal_minutes } => {
                let r = self
                    .store()
                    .and_then(|s| StatsView::load(s, packs, goal_minutes, today).map(Box::new));
                Done::Stats(self.forget_on_error(r))
            }
            Effect::StepTrend { mut view, forward } => {
                // A failed read keeps the trend shown; the screen stays usable.
                if let Ok(s) = self.store() {
                    let _ = view.step_trend(s, packs, forward);
                }
                Done::Trend(view)
            }
            Effect::LoadCards { pack, drill } => {
                let id = packs.get(pack).map(|p| p.id.clone()).unwrap_or_default();
                let cards = self.store().and_then(|s| s.cards(&id)).unwrap_or_default();
                Done::Cards { pack, drill, cards }
            }
            Effect::LoadWeak { pinyin } => {
                let r = self.store().and_then(|s| {
                    if pinyin {
                        s.pinyin_weak().map(WeakTotals::Syllables)
                    } else {
                        s.char_totals().map(WeakTotals::Chars)
                    }
                });
                Done::Weak(self.forget_on_error(r))
            }
            Effect::Install { pack } => Done::Notice(match packs.get(pack) {
                Some(p) => match install_pack(&self.data.packs(), p) {
                    Ok(path) => tr!("已安装到 {}", "installed into {}", path.display()),
                    Err(e) => e.to_string(),
                },
                None => String::new(),
            }),
            Effect::SaveStudent {
                student,
                then_export,
            } => {
                let saved = save_student(&self.data.config(), &student);
                let label = super::students::label_of(&student).unwrap_or_default();
                let mut notice = match &saved {
                    Err(e) => tr!(
                        "已换成 {}，但设置没能保存：{}",
                        "switched to {}, but the settings could not be saved: {}",
                        label,
                        e
                    ),
                    Ok(()) => tr!("现在练习的是 {}", "now practising: {}", label),
                };
                let unassigned = self.store().and_then(|s| s.unassigned()).unwrap_or(0);
                let mut then_export = then_export;
                if unassigned == 0
                    && let Some(dirs) = then_export.take()
                {
                    notice = self.export_notice(&student, &dirs, stamp.wall);
                    if let Err(e) = saved {
                        notice.push_str(&tr!("；设置没能保存：{}", "; settings not saved: {}", e));
                    }
                }
                Done::StudentSaved {
                    notice,
                    student,
                    unassigned,
                    then_export,
                }
            }
            Effect::Export { student, dirs } => {
                Done::Notice(self.export_notice(&student, &dirs, stamp.wall))
            }
            Effect::SetScope(scope) => {
                self.scope = scope;
                if let Some(s) = self.store.as_mut()
                    && s.set_scope(&self.scope).is_err()
                {
                    // Opened afresh (and scoped) next time.
                    self.store = None;
                }
                Done::Nothing
            }
            Effect::CountAttempts { pack, drill } => {
                let count = self
                    .store()
                    .and_then(|s| s.attempts(&pack, &drill))
                    .unwrap_or(0);
                Done::Attempts { pack, drill, count }
            }
            Effect::Claim {
                student,
                then_export,
            } => {
                let claimed = self.store().and_then(|s| s.claim_unassigned(&student));
                let label = super::students::label_of(&student).unwrap_or_default();
                let mut notice = match claimed {
                    Ok(n) => tr!(
                        "{n} 次练习已记到 {label} 名下",
                        "{n} sessions are now {label}'s"
                    ),
                    Err(e) => tr!(
                        "没能把练习记到 {label} 名下：{e}",
                        "could not make the sessions {label}'s: {e}"
                    ),
                };
                if let Some(dirs) = then_export {
                    let exported = self.export_notice(&student, &dirs, stamp.wall);
                    notice = tr!("{notice}；{exported}", "{notice}; {exported}");
                }
                Done::Notice(notice)
            }
        }
    }

    fn save(&mut self, record: &SessionRecord) -> SaveResult {
        let saved = if self.fixed {
            // A store handed in (tests): saved into it, no fallback file.
            self.store()
                .and_then(|s| s.save(record))
                .map(|()| Saved::History)
        } else {
            store::save_session(&self.data, record)
        };
        match saved {
            Ok(Saved::History) => SaveResult::History,
            Ok(Saved::Fallback { path, reason }) => SaveResult::Fallback { path, reason },
            Err(e) => SaveResult::Failed {
                why: e.to_string(),
                unwritten: store::results_json(record).ok(),
            },
        }
    }

    fn export_notice(
        &mut self,
        student: &Student,
        dirs: &[PathBuf],
        now: chrono::DateTime<chrono::FixedOffset>,
    ) -> String {
        match self.export(student, dirs, now) {
            Ok(done) => super::students::exported_line(&done),
            Err(e) => tr!(
                "导出失败：{}（练习记录都还在历史里）",
                "export failed: {} (every session is still in history)",
                e
            ),
        }
    }

    /// The student's export into the first of `dirs` that takes it.
    pub fn export(
        &mut self,
        student: &Student,
        dirs: &[PathBuf],
        now: chrono::DateTime<chrono::FixedOffset>,
    ) -> Result<Exported> {
        let sessions = crate::export::sessions_in(self.store()?, student)?;
        export_first(&sessions, student, dirs, now)
    }

    /// On quit with `export.dir` set: the student's export, if they have any session.
    pub fn export_on_quit(
        &mut self,
        student: &Student,
        export_dir: Option<&PathBuf>,
        now: chrono::DateTime<chrono::FixedOffset>,
    ) -> Option<std::result::Result<Exported, String>> {
        export_dir?;
        let has_any = if !self.fixed && !self.data.history().exists() {
            Ok(false)
        } else {
            self.store()
                .and_then(|s| crate::export::sessions_in(s, student))
                .map(|s| !s.is_empty())
        };
        match has_any {
            Ok(false) => None,
            Ok(true) => {
                let dirs = super::students::export_dirs(export_dir, &self.data, true);
                Some(self.export(student, &dirs, now).map_err(|e| e.to_string()))
            }
            Err(e) => Some(Err(e.to_string())),
        }
    }
}

/// Copy a pack opened from a file into `packs/` as `ID.toml` (ids are `[a-z0-9-]`, so the
/// name cannot leave the folder).
pub fn install_pack(dir: &std::path::Path, pack: &crate::pack::Pack) -> Result<PathBuf> {
    let crate::pack::PackSource::File { path } = &pack.source else {
        return Err(Error::Usage(tr!(
            "这个包已安装",
            "this pack is already installed"
        )));
    };
    if pack.id.is_empty()
        || !pack
            .id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        return Err(Error::Usage(tr!("练习包 id 不合法", "invalid pack id")));
    }
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let dest = dir.join(format!("{}.toml", pack.id));
    std::fs::copy(path, &dest).map_err(|e| Error::io(&dest, e))?;
    Ok(dest)
}
