//! The trainer's state and what it does with each message: a batch of keys, a tick of
//! the clock, a signal — each stamped by the loop ([`Stamp`]) — and the answers to what
//! it asked the loop for ([`Done`]). It never reads a clock, opens the store or writes a
//! file: it asks with an [`Effect`] and the loop's world carries it out, so the app runs
//! whole in tests, over an in-memory store, at any time of day.
//!
//! Drills (start, type, finish, leave, save) are in `drills.rs`; home, the lists and
//! the student form in `menus.rs`; the questions a key answers (leaving an exam, whose
//! sessions these are) in `questions.rs`; drawing is here.

mod drills;
mod menus;
mod questions;
#[cfg(test)]
mod shared_pc_tests;
#[cfg(test)]
mod shift_tests;
mod start_code;
#[cfg(test)]
mod tests;

use super::clock::Stamp;
use super::keymap::{self, Action, DrillKey};
use super::paint::Painter;
use super::runs::codes::CodeRun;
use super::runs::reply::ReplyRun;
use super::runs::shift::ShiftRun;
use super::runs::typing::Run;
use super::screens::help::HelpFor;
use super::screens::history::HistoryView;
use super::screens::home::{Bests, Home};
use super::screens::results::ResultsView;
use super::screens::stats::StatsView;
use super::screens::{self, help, history, home, results, rules, stats};
use super::students::{Exported, Students};
use super::terminal::Term;
use super::world::{Done, Effect};
use crate::context::Context;
use crate::engine::Key;
use crate::pack::Pack;
use crate::text::AmbiWidth;
use questions::Question;
use ratatui::Frame;
use ratatui::crossterm::event::Event;
use std::collections::VecDeque;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Keys on the results screen are ignored this long, so a fast typist's last keys do
/// not trigger retry or next.
pub const RESULTS_DEAF: Duration = Duration::from_millis(300);

/// How the trainer was started.
pub enum Start {
    /// The home screen; `file_pack` is a pack opened from the command line.
    Home {
        packs: Vec<Pack>,
        file_pack: Option<Pack>,
    },
    /// One drill directly (`kuaida drill`): Esc on results exits; `pinyin` runs it as
    /// pinyin practice.
    Drill {
        pack: Pack,
        drill: usize,
        pinyin: bool,
    },
}

/// A drill chosen, shown by its rules before it opens (its time limit, its pass line).
enum Pending {
    /// A typing drill, ready to run.
    Typing(Box<Run>),
    /// A quick-reply or code drill (pack, drill): opened when Enter is pressed.
    Other { pack: usize, drill: usize },
}

enum Screen {
    Home,
    Rules(Pending),
    Drill(Box<Run>),
    /// A quick-reply drill (the chat screen).
    Reply(Box<ReplyRun>),
    /// A code drill: recall or recite.
    Codes(Box<CodeRun>),
    /// A shift (接待中心).
    Shift(Box<ShiftRun>),
    /// Results, shown at the instant given (keys are ignored for [`RESULTS_DEAF`]).
    Results(Box<ResultsView>, Instant),
    Stats(Box<StatsView>),
    History(Box<HistoryView>),
}

/// What the trainer leaves for the caller to print after the terminal is restored.
#[derive(Debug, Default)]
pub struct Exit {
    /// Sessions that went to a fallback results file, with why history could not take them.
    pub fallbacks: Vec<(PathBuf, String)>,
    /// Sessions that could not be saved at all.
    pub failures: Vec<String>,
    /// Those sessions as results documents, to print once the terminal is restored.
    pub unwritten: Vec<Vec<u8>>,
    /// The export written into `export.dir` on quit, or why it failed.
    pub quit_export: Option<std::result::Result<Exported, String>>,
}

pub struct App<'a> {
    ctx: &'a Context,
    packs: Vec<Pack>,
    home: Home,
    screen: Screen,
    help: bool,
    bests: Option<Bests>,
    pub ambi: AmbiWidth,
    from_drill_command: bool,
    quit: bool,
    exit: Exit,
    /// The history list a results screen was opened from (Esc goes back to it).
    history_back: Option<Box<HistoryView>>,
    /// A one-line message on the history screen.
    history_notice: Option<String>,
    /// Who is practising (sessions are theirs) and the 学号/姓名 form.
    students: Students,
    /// The stamp of the message being handled.
    now: Stamp,
    /// What the app asked the loop for, in order.
    effects: VecDeque<Effect>,
    /// A question over the screen; the next key answers it.
    question: Option<Question>,
    /// Whether "is it still you?" was settled for this run.
    identity_checked: bool,
    /// The exam on the rules screen: how often this student took it before (counted by
    /// the loop).
    attempts: Option<u32>,
    /// The start code asked on the rules screen, then stamped on the session saved.
    start_code: Option<start_code::StartCode>,
    /// The last read's typed keys, kept for their room: a key allocates nothing here.
    key_room: Vec<Key>,
}

impl<'a> App<'a> {
    /// The app at `now` (the loop's first stamp).
    pub fn new(ctx: &'a Context, start: Start, now: Stamp) -> App<'a> {
        let ambi = ctx
            .config
            .ambiwidth
            .and_then(AmbiWidth::from_cells)
            .unwrap_or_default();
        let mut pinyin = false;
        let (packs, file_index, drill) = match start {
            Start::Home {
                mut packs,
                file_pack,
            } => {
                let idx = file_pack.map(|p| {
                    packs.insert(0, p);
                    0
                });
                (packs, idx, None)
            }
            Start::Drill {
                pack,
                drill,
                pinyin: p,
            } => {
                pinyin = p;
                (vec![pack], None, Some(drill))
            }
        };
        let mut packs = packs;
        crate::reply::codes::offer_code_drills(&mut packs);
        let mut home = Home::new(&packs, file_index);
        home.pinyin = pinyin;
        let mut app = App {
            ctx,
            packs,
            home,
            screen: Screen::Home,
            help: false,
            bests: None,
            ambi,
            from_drill_command: drill.is_some(),
            quit: false,
            exit: Exit::default(),
            history_back: None,
            history_notice: None,
            students: Students::new(&ctx.config),
            now,
            effects: VecDeque::new(),
            question: None,
            identity_checked: false,
            attempts: None,
            start_code: None,
            key_room: Vec::new(),
        };
        // Whose sessions the figures are, before anything is read.
        app.set_scope();
        if let Some(d) = drill {
            // Started for one drill (`kuaida drill`): whoever is set takes it.
            app.identity_checked = true;
            app.start_drill(0, d);
        }
        app
    }

    pub fn quitting(&self) -> bool {
        self.quit
    }

    pub fn into_exit(self) -> Exit {
        self.exit
    }

    /// The packs the app knows (the world reads titles and cards through them).
    pub fn packs(&self) -> &[Pack] {
        &self.packs
    }

    /// The stamp of the message being handled.
    pub fn now(&self) -> Stamp {
        self.now
    }

    /// The next thing the app asks the loop to do.
    pub fn next_effect(&mut self) -> Option<Effect> {
        self.effects.pop_front()
    }

    fn ask(&mut self, effect: Effect) {
        self.effects.push_back(effect);
    }

    /// Who is practising, and `export.dir` (for the export on quit).
    pub fn students(&self) -> &Students {
        &self.students
    }

    /// Where the export on quit went.
    pub fn set_quit_export(&mut self, done: Option<std::result::Result<Exported, String>>) {
        self.exit.quit_export = done;
    }

    fn pack_title(&self, i: usize) -> String {
        self.packs.get(i).map_or(String::new(), |p| p.title.clone())
    }

    /// A termination signal: save the attempt in progress, then quit.
    pub fn on_signal(&mut self, now: Stamp) {
        self.now = now;
        self.quit_now();
    }

    /// The clock reached `now`.
    pub fn on_tick(&mut self, now: Stamp) {
        self.now = now;
        self.tick_drills();
        self.drop_stale_question();
    }

    /// When to wake without input (the drill clock), if at all.
    pub fn next_wake(&self, now: Instant) -> Option<Instant> {
        match &self.screen {
            Screen::Drill(run) => run.next_wake(now),
            Screen::Reply(run) => run.next_wake(now),
            Screen::Codes(run) => run.next_wake(now),
            Screen::Shift(run) => run.next_wake(now),
            _ => None,
        }
    }

    /// Home's figures are asked for after the first frame, so they never delay it.
    pub fn load_figures(&mut self) {
        if self.bests.is_none() && matches!(self.screen, Screen::Home) {
            // Asked once until they arrive.
            self.bests = Some(Bests::default());
            self.ask(Effect::LoadHome {
                goal_minutes: self.ctx.config.goal_minutes(),
            });
        }
    }

    /// One batch of events read together, stamped `now`.
    pub fn on_input(&mut self, now: Stamp, events: &[Event]) {
        self.now = now;
        self.tick_drills();
        self.drop_stale_question();
        if self.question.is_some() {
            self.answer(events);
            return;
        }
        let at = now.at;
        if matches!(self.screen, Screen::Reply(_)) && !self.help {
            self.reply_input(events);
            return;
        }
        if matches!(self.screen, Screen::Codes(_)) && !self.help {
            self.codes_input(events);
            return;
        }
        if matches!(self.screen, Screen::Shift(_)) && !self.help {
            self.shift_input(events);
            return;
        }
        let mut keys = std::mem::take(&mut self.key_room);
        keys.clear();
        // Room for all at once: growing it would be one more piece of code on a key.
        keys.reserve(events.len());
        for ev in events {
            if self.quit {
                return;
            }
            if self.students.form.is_some() {
                self.form_event(ev);
                continue;
            }
            if let Screen::Drill(_) = self.screen
                && !self.help
            {
                match ev {
                    Event::Key(k) => match keymap::drill_key(k) {
                        DrillKey::Type(key) => keys.push(key),
                        DrillKey::Do(action) => {
                            self.type_keys(&mut keys);
                            self.drill_action(action);
                        }
                        DrillKey::Ignore => {}
                    },
                    Event::Paste(text) => {
                        self.type_keys(&mut keys);
                        self.type_batch(&crate::engine::Batch::Paste(text.clone()));
                    }
                    _ => {}
                }
                continue;
            }
            let Event::Key(k) = ev else { continue };
            if self.help {
                match keymap::help_key(k) {
                    Some(Action::Help | Action::Back) => self.help = false,
                    Some(Action::Quit) => {
                        self.help = false;
                        self.leave_or_ask(true);
                    }
                    _ => {}
                }
                continue;
            }
            match &self.screen {
                Screen::Home => {
                    if let Some(a) = keymap::home_key(k) {
                        self.home_action(a);
                    }
                }
                Screen::Rules(_) => {
                    if self.start_code_key(k) {
                        continue;
                    }
                    if let Some(a) = keymap::rules_key(k) {
                        self.rules_action(a);
                    }
                }
                Screen::Results(_, shown) => {
                    if at.saturating_duration_since(*shown) < RESULTS_DEAF {
                        continue;
                    }
                    if let Some(a) = keymap::results_key(k) {
                        self.results_action(a);
                    }
                }
                Screen::Stats(_) => {
                    if let Some(a) = keymap::stats_key(k) {
                        self.stats_action(a);
                    }
                }
                Screen::History(_) => {
                    if let Some(a) = keymap::list_key(k) {
                        self.history_action(a);
                    }
                }
                Screen::Drill(_) | Screen::Reply(_) | Screen::Codes(_) | Screen::Shift(_) => {}
            }
        }
        self.type_keys(&mut keys);
        self.key_room = keys;
    }

    /// What the loop did for the app.
    pub fn on_done(&mut self, done: Done) {
        match done {
            Done::Saved { then, result, goal } => self.saved(then, result, goal),
            Done::Home {
                bests,
                goal,
                due,
                read_only,
                last_ended,
            } => {
                if read_only && self.home.notice.is_none() {
                    self.home.notice = Some(crate::store::read_only_notice());
                }
                self.home.goal = goal;
                self.home.due = due;
                self.bests = Some(bests);
                self.check_identity(last_ended);
            }
            Done::StudentSaved {
                notice,
                student,
                unassigned,
                then_export,
            } => {
                self.home.notice = Some(notice);
                self.student_saved(student, unassigned, then_export);
            }
            Done::Attempts { pack, drill, count } => {
                if self
                    .rules_drill()
                    .is_some_and(|(p, d)| p == pack && d == drill)
                {
                    self.attempts = Some(count);
                }
            }
            Done::Nothing => {}
            Done::History(r) => self.history_loaded(r),
            Done::Session(r) => self.session_loaded(r),
            Done::Stats(r) => match r {
                Ok(v) => self.screen = Screen::Stats(v),
                Err(e) => self.home.notice = Some(e.to_string()),
            },
            Done::Trend(v) => {
                if let Screen::Stats(_) = self.screen {
                    self.screen = Screen::Stats(v);
                }
            }
            Done::Cards { pack, drill, cards } => self.open_codes(pack, drill, &cards),
            Done::Weak(r) => self.weak_loaded(r),
            Done::Notice(n) => self.home.notice = Some(n),
        }
    }

    /// Draw the next frame: a drill on its own (no help, no form over it) redraws only
    /// the cells that changed; everything else is drawn whole.
    pub fn draw(
        &self,
        term: &mut Term,
        painter: &mut Painter,
        now: Instant,
    ) -> std::io::Result<()> {
        let area = term.get_frame().area();
        let drill = match &self.screen {
            Screen::Drill(run)
                if run.pinyin.is_none()
                    && !self.help
                    && self.students.form.is_none()
                    && self.question.is_none()
                    && !screens::is_too_small(area) =>
            {
                Some(run)
            }
            _ => None,
        };
        if let Some(run) = drill
            && painter.cells(term, area, |buf, room| {
                screens::drill::repaint(buf, room, run, now, self.ambi)
            })?
        {
            return Ok(());
        }
        painter.whole(term, drill.is_some(), |f| self.render(f, now))
    }

    pub fn render(&self, frame: &mut Frame, now: Instant) {
        if screens::too_small(frame, frame.area()) {
            return;
        }
        let for_help = match &self.screen {
            Screen::Home => {
                home::render(
                    frame,
                    &self.home,
                    &self.packs,
                    self.bests.as_ref(),
                    self.students.label().as_deref(),
                );
                HelpFor::Home
            }
            Screen::Rules(Pending::Typing(run)) => {
                rules::render(frame, &self.pack_title(run.pack), &run.drill, &self.taker());
                HelpFor::Rules
            }
            Screen::Rules(Pending::Other { pack, drill }) => {
                if let Some(d) = self.packs.get(*pack).and_then(|pk| pk.drills.get(*drill)) {
                    rules::render(frame, &self.pack_title(*pack), d, &self.taker());
                }
                HelpFor::Rules
            }
            Screen::Drill(run) => {
                match &run.pinyin {
                    Some(p) => screens::pinyin::render(frame, run, p, now, self.ambi),
                    None => screens::drill::render(frame, run, now, self.ambi),
                }
                match *run.drill.body {
                    crate::pack::DrillBody::Phrases { .. } => HelpFor::Phrases,
                    _ => HelpFor::Drill,
                }
            }
            Screen::Reply(run) => {
                super::runs::reply::render(frame, run, now, self.ambi);
                HelpFor::Chat
            }
            Screen::Codes(run) => {
                screens::codes::render(frame, run, now, self.ambi);
                screens::codes::help_for(run)
            }
            Screen::Shift(run) => {
                super::runs::shift::render(frame, run, now, self.ambi);
                HelpFor::Shift
            }
            Screen::Results(o, _) => {
                results::render(frame, o, self.from_drill_command);
                HelpFor::Results
            }
            Screen::Stats(v) => {
                stats::render(frame, v);
                HelpFor::Stats
            }
            Screen::History(v) => {
                history::render(frame, v, self.history_notice.as_deref());
                HelpFor::History
            }
        };
        // The form sits over home or an exam's rules.
        if let Some(form) = &self.students.form {
            screens::student::render(frame, form, self.ambi);
        }
        if self.help {
            help::render(frame, for_help);
        }
        if let Some(asked) = self.asked() {
            screens::question::render(frame, &asked, self.ambi);
        }
    }

    /// Who takes the drill on the rules screen.
    fn taker(&self) -> rules::Taker {
        rules::Taker {
            student: self.students.label(),
            attempts: self.attempts,
            code: self.start_code_entry(),
        }
    }

    /// The pack and drill ids on the rules screen.
    fn rules_drill(&self) -> Option<(String, String)> {
        let Screen::Rules(pending) = &self.screen else {
            return None;
        };
        let (pack, drill) = match pending {
            Pending::Typing(run) => (self.packs.get(run.pack)?, &run.drill),
            Pending::Other { pack, drill } => {
                let p = self.packs.get(*pack)?;
                (p, p.drills.get(*drill)?)
            }
        };
        Some((pack.id.clone(), drill.id.clone()))
    }
}
