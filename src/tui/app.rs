//! The trainer's state machine (Home → Rules → Drill → Results, Help over any of them)
//! and its loop. The loop sleeps on the input channel: it wakes for input, resize, a
//! signal, or once a second while a drill's clock runs; idle, it only looks once a second
//! whether the terminal is still there (a few syscalls, no drawing).

use super::input::{self, Msg};
use super::keymap::{self, Action, DrillKey};
use super::paint::Painter;
use super::screens::card::CardInfo;
use super::screens::help::HelpFor;
use super::screens::history::HistoryView;
use super::screens::home::{Bests, Home};
use super::screens::results::{Outcome, SaveNote};
use super::screens::stats::StatsView;
use super::screens::{self, help, history, home, results, rules, stats};
use super::students::{Exported, FormDone, Students};
use super::terminal::{self, Term};
use crate::context::Context;
use crate::engine::{Batch, Key};
use crate::pack::{Drill, Pack};
use crate::record::SessionRecord;
use crate::store::{self, Saved, Store};
use crate::text::AmbiWidth;
use crate::tui::runs::codes::{CodeRun, CodeStep};
use crate::tui::runs::reply::{ChatKey, ReplyRun, chat_key};
use crate::tui::runs::typing::Run;
use crate::{Error, Result, tr};
use ratatui::Frame;
use ratatui::crossterm::event::Event;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Keys on the results screen are ignored this long, so a fast typist's last keys do
/// not trigger retry or next.
pub const RESULTS_DEAF: Duration = Duration::from_millis(300);

/// How often an idle loop looks whether the terminal is still there.
const ALIVE_CHECK: Duration = Duration::from_secs(1);

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

enum Screen {
    Home,
    Rules(Box<Run>),
    Drill(Box<Run>),
    /// A quick-reply drill (the chat screen, `crate::tui_chat`).
    Reply(Box<ReplyRun>),
    /// The rules of a timed or graded quick-reply or code drill (pack, drill); Enter opens it.
    Ready(usize, usize),
    /// A code drill: recall or recite (`crate::tui_recall`).
    Codes(Box<CodeRun>),
    Results(Box<Outcome>, Instant),
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
}

impl<'a> App<'a> {
    pub fn new(ctx: &'a Context, start: Start) -> App<'a> {
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
        };
        if let Some(d) = drill {
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

    fn pack_title(&self, i: usize) -> String {
        self.packs.get(i).map_or(String::new(), |p| p.title.clone())
    }

    /// Start drill `d` of pack `p`: its rules first when it has a time limit or pass.
    fn start_drill(&mut self, p: usize, d: usize) {
        self.history_back = None;
        let Some((pack, drill)) = self
            .packs
            .get(p)
            .and_then(|pk| Some((pk, pk.drills.get(d)?)))
        else {
            return;
        };
        let chat_or_codes = drill.kind() == crate::pack::DrillKind::QuickReply
            || crate::reply::codes::code_drill(drill).is_some();
        if chat_or_codes {
            if drill.shows_rules() {
                self.screen = Screen::Ready(p, d);
            } else {
                self.open_chat_or_codes(p, d, Instant::now());
            }
            return;
        }
        let run = if self.home.pinyin {
            Run::pinyin(p, pack, drill)
        } else {
            Run::new(p, pack, drill)
        };
        match run {
            Some(run) if drill.shows_rules() => self.screen = Screen::Rules(Box::new(run)),
            Some(run) => self.screen = Screen::Drill(Box::new(run)),
            None => {
                self.home.notice = Some(tr!("「{}」即将推出", "“{}”: coming soon", drill.title));
                if self.from_drill_command {
                    self.quit = true;
                }
                self.screen = Screen::Home;
            }
        }
    }

    /// Open drill `d` of pack `p` when it is a quick-reply or code drill (its clock from
    /// `now`); false for other kinds.
    fn open_chat_or_codes(&mut self, p: usize, d: usize, now: Instant) -> bool {
        let Some((pack, drill)) = self
            .packs
            .get(p)
            .and_then(|pk| Some((pk, pk.drills.get(d)?)))
        else {
            return false;
        };
        if let Some(run) = ReplyRun::new(p, pack, drill, now) {
            self.screen = Screen::Reply(Box::new(run));
            return true;
        }
        match crate::tui::screens::codes::open(&self.ctx.data, p, pack, drill) {
            Some(mut run) => {
                run.begin(now);
                self.screen = Screen::Codes(Box::new(run));
                true
            }
            None => false,
        }
    }

    /// A code drill ended (all items, or time up): save and show results.
    fn finish_codes(&mut self, run: Box<CodeRun>, now: Instant) {
        let Some(pack) = self.packs.get(run.pack) else {
            return self.go_home();
        };
        let record = run.record(pack, self.students.current.clone());
        self.show_results(
            run.pack,
            run.pack_title.clone(),
            run.drill.clone(),
            &record,
            now,
        );
    }

    fn save_codes(&mut self, run: &CodeRun) -> SaveNote {
        let Some(pack) = self.packs.get(run.pack) else {
            return SaveNote::Failed(String::new());
        };
        let record = run.record(pack, self.students.current.clone());
        self.save_record(&record)
    }

    /// Save a finished session and show its results: the one recomputation of the
    /// record just saved, exactly what history will show when it is reopened.
    fn show_results(
        &mut self,
        pack: usize,
        pack_title: String,
        drill: Drill,
        record: &SessionRecord,
        now: Instant,
    ) {
        let saved = self.save_record(record);
        let outcome = Outcome {
            pack,
            pack_title,
            drill,
            figures: crate::figures::Figures::of(record),
            saved,
            card: CardInfo::now(
                self.ctx,
                self.students.current.name.clone(),
                Some(record.started_at),
            ),
        };
        self.screen = Screen::Results(Box::new(outcome), now);
    }

    /// One read on a code drill's screen.
    fn codes_input(&mut self, at: Instant, events: &[Event]) {
        let Screen::Codes(run) = &mut self.screen else {
            return;
        };
        match run.on_events(at, events) {
            CodeStep::Go => {}
            CodeStep::Help => self.help = true,
            CodeStep::Quit => self.quit_now(),
            CodeStep::Over => {
                if let Screen::Codes(run) = std::mem::replace(&mut self.screen, Screen::Home) {
                    self.finish_codes(run, at);
                }
            }
            CodeStep::Leave => {
                if let Screen::Codes(run) = std::mem::replace(&mut self.screen, Screen::Home) {
                    if run.has_input() {
                        self.home.notice = Some(self.save_codes(&run).unfinished());
                    }
                    self.go_home();
                }
            }
        }
    }

    /// Save a drill left before its end.
    fn save(&mut self, run: &Run) -> SaveNote {
        match self.typing_record(run) {
            Some(record) => self.save_record(&record),
            None => SaveNote::Failed(String::new()),
        }
    }

    /// The record of a typing drill as it stands.
    fn typing_record(&self, run: &Run) -> Option<SessionRecord> {
        let pack = self.packs.get(run.pack)?;
        let summary = run.typing.summary();
        let mut record = crate::engine::record::typing_record(
            pack,
            &run.drill,
            &summary,
            run.typing.log(),
            self.students.current.clone(),
            run.started_at
                .unwrap_or_else(|| chrono::Local::now().fixed_offset()),
        );
        if let Some(p) = &run.pinyin {
            p.mark(&mut record);
        }
        Some(record)
    }

    /// Save a quick-reply drill's session.
    fn save_reply(&mut self, run: &ReplyRun) -> SaveNote {
        let Some(pack) = self.packs.get(run.pack) else {
            return SaveNote::Failed(String::new());
        };
        let record = run.record(pack, self.students.current.clone());
        self.save_record(&record)
    }

    fn save_record(&mut self, record: &crate::record::SessionRecord) -> SaveNote {
        self.bests = None;
        match store::save_session(&self.ctx.data, record) {
            Ok(Saved::History) => SaveNote::History,
            Ok(Saved::Fallback { path, reason }) => {
                self.exit.fallbacks.push((path.clone(), reason));
                SaveNote::Fallback(path)
            }
            Err(e) => {
                self.exit.failures.push(e.to_string());
                // Not even a file could be written (a full disk): the session is printed
                // after the terminal is restored, never lost.
                match store::results_json(record) {
                    Ok(json) => {
                        self.exit.unwritten.push(json);
                        SaveNote::Failed(tr!(
                            "退出时成绩会打印在终端里；{e}",
                            "the session is printed when you quit; {e}"
                        ))
                    }
                    Err(_) => SaveNote::Failed(e.to_string()),
                }
            }
        }
    }

    /// The drill ended by itself (finished or out of time): save and show results.
    fn finish(&mut self, run: Box<Run>, now: Instant) {
        match self.typing_record(&run) {
            Some(record) => self.show_results(
                run.pack,
                run.pack_title.clone(),
                run.drill.clone(),
                &record,
                now,
            ),
            None => self.go_home(),
        }
    }

    /// A quick-reply drill ended (all answered, or left): save and show results.
    fn finish_reply(&mut self, run: Box<ReplyRun>, now: Instant) {
        let Some(pack) = self.packs.get(run.pack) else {
            return self.go_home();
        };
        let record = run.record(pack, self.students.current.clone());
        self.show_results(
            run.pack,
            run.pack_title.clone(),
            run.drill.clone(),
            &record,
            now,
        );
    }

    /// Leave a quick-reply drill early: saved as not completed when anything was typed.
    fn leave_reply(&mut self, run: &ReplyRun) {
        if run.has_input() {
            self.save_reply(run);
        }
        self.go_home();
    }

    /// Leave a drill early: saved as not completed when anything was typed.
    fn leave(&mut self, run: &Run) {
        if run.typing.started() {
            self.home.notice = Some(self.save(run).unfinished());
        }
        self.go_home();
    }

    fn go_home(&mut self) {
        self.history_back = None;
        if self.from_drill_command {
            self.quit = true;
        }
        self.screen = Screen::Home;
    }

    /// A termination signal: save the attempt in progress, then quit.
    pub fn on_signal(&mut self) {
        self.quit_now();
    }

    /// The clock reached `now`.
    pub fn on_tick(&mut self, now: Instant) {
        if let Screen::Drill(run) = &mut self.screen
            && run.tick(now)
            && let Screen::Drill(run) = std::mem::replace(&mut self.screen, Screen::Home)
        {
            self.finish(run, now);
        }
        if let Screen::Codes(run) = &mut self.screen
            && run.tick(now)
            && let Screen::Codes(run) = std::mem::replace(&mut self.screen, Screen::Home)
        {
            self.finish_codes(run, now);
        }
        if let Screen::Reply(run) = &self.screen
            && run.time_up(now)
            && let Screen::Reply(mut run) = std::mem::replace(&mut self.screen, Screen::Home)
        {
            run.close_at_limit();
            self.finish_reply(run, now);
        }
    }

    /// When to wake without input (the drill clock), if at all.
    pub fn next_wake(&self, now: Instant) -> Option<Instant> {
        match &self.screen {
            Screen::Drill(run) => run.next_wake(now),
            Screen::Reply(run) => run.next_wake(now),
            Screen::Codes(run) => run.next_wake(now),
            _ => None,
        }
    }

    /// One batch of events read together at `at`.
    pub fn on_input(&mut self, at: Instant, events: &[Event]) {
        self.on_tick(at);
        if matches!(self.screen, Screen::Reply(_)) && !self.help {
            self.reply_input(at, events);
            return;
        }
        if matches!(self.screen, Screen::Codes(_)) && !self.help {
            self.codes_input(at, events);
            return;
        }
        let mut keys: Vec<Key> = Vec::new();
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
                            self.type_keys(at, &mut keys);
                            self.drill_action(action);
                        }
                        DrillKey::Ignore => {}
                    },
                    Event::Paste(text) => {
                        self.type_keys(at, &mut keys);
                        self.type_batch(at, &Batch::Paste(text.clone()));
                    }
                    _ => {}
                }
                continue;
            }
            let Event::Key(k) = ev else { continue };
            if self.help {
                match keymap::help_key(k) {
                    Some(Action::Help | Action::Back) => self.help = false,
                    Some(Action::Quit) => self.quit_now(),
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
                Screen::Rules(_) | Screen::Ready(..) => {
                    if let Some(a) = keymap::rules_key(k) {
                        self.rules_action(a, at);
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
                Screen::Drill(_) | Screen::Reply(_) | Screen::Codes(_) => {}
            }
        }
        self.type_keys(at, &mut keys);
    }

    fn type_keys(&mut self, at: Instant, keys: &mut Vec<Key>) {
        if !keys.is_empty() {
            let batch = Batch::Keys(std::mem::take(keys));
            self.type_batch(at, &batch);
        }
    }

    fn type_batch(&mut self, at: Instant, batch: &Batch) {
        if let Screen::Drill(run) = &mut self.screen {
            run.apply(at, batch);
            if run.typing.is_over()
                && let Screen::Drill(run) = std::mem::replace(&mut self.screen, Screen::Home)
            {
                self.finish(run, at);
            }
        }
    }

    fn quit_now(&mut self) {
        match std::mem::replace(&mut self.screen, Screen::Home) {
            Screen::Drill(run) if run.typing.started() => {
                self.save(&run);
            }
            Screen::Reply(run) if run.has_input() => {
                self.save_reply(&run);
            }
            Screen::Codes(run) if run.has_input() => {
                self.save_codes(&run);
            }
            _ => {}
        }
        self.quit = true;
    }

    /// One read on the chat screen: its keys form one batch for the session (an input
    /// method's commit); Ctrl-C and F1 are the app's.
    fn reply_input(&mut self, at: Instant, events: &[Event]) {
        use crate::reply::session::{Applied, ReplyBatch};
        let mut keys = Vec::new();
        let mut batches = Vec::new();
        for ev in events {
            match ev {
                Event::Key(k) => match chat_key(k) {
                    ChatKey::Reply(key) => keys.push(key),
                    ChatKey::Quit => return self.quit_now(),
                    ChatKey::Help => self.help = true,
                    ChatKey::Ignore => {}
                },
                Event::Paste(text) => {
                    if !keys.is_empty() {
                        batches.push(ReplyBatch::Keys(std::mem::take(&mut keys)));
                    }
                    batches.push(ReplyBatch::Paste(text.clone()));
                }
                _ => {}
            }
        }
        if !keys.is_empty() {
            batches.push(ReplyBatch::Keys(keys));
        }
        for batch in batches {
            let Screen::Reply(run) = &mut self.screen else {
                return;
            };
            let applied = run.apply(at, &batch);
            let finished = run.session.is_finished();
            match applied {
                Applied::Done | Applied::Leave if finished => {
                    if let Screen::Reply(run) = std::mem::replace(&mut self.screen, Screen::Home) {
                        self.finish_reply(run, at);
                    }
                }
                Applied::Leave => {
                    if let Screen::Reply(run) = std::mem::replace(&mut self.screen, Screen::Home) {
                        self.leave_reply(&run);
                    }
                }
                _ => {}
            }
        }
    }

    fn drill_action(&mut self, action: Action) {
        match action {
            Action::Back => {
                if let Screen::Drill(run) = std::mem::replace(&mut self.screen, Screen::Home) {
                    self.leave(&run);
                }
            }
            Action::Quit => self.quit_now(),
            Action::Help => self.help = true,
            _ => {}
        }
    }

    fn home_action(&mut self, action: Action) {
        match action {
            Action::Back | Action::Quit => self.quit = true,
            Action::Help => self.help = true,
            Action::Enter => {
                self.home.notice = None;
                if let Some(p) = self.home.pack() {
                    self.start_drill(p, self.home.drill_sel);
                }
            }
            Action::Install => self.install(),
            Action::Stats => self.open_stats(),
            Action::History => self.open_history(),
            Action::Weak => self.practise_weak(),
            Action::Student => {
                self.home.notice = None;
                self.students.open(super::student_form::Purpose::Switch);
            }
            Action::Export => {
                self.home.notice = self.students.export_key(&self.ctx.data);
            }
            Action::Pinyin => self.home.pinyin = !self.home.pinyin,
            other => self.home.navigate(other, &self.packs),
        }
    }

    fn rules_action(&mut self, action: Action, at: Instant) {
        match action {
            Action::Enter => match std::mem::replace(&mut self.screen, Screen::Home) {
                Screen::Rules(run) => self.screen = Screen::Drill(run),
                Screen::Ready(p, d) => {
                    self.open_chat_or_codes(p, d, at);
                }
                other => self.screen = other,
            },
            Action::Back => self.go_home(),
            Action::Quit => self.quit = true,
            Action::Help => self.help = true,
            _ => {}
        }
    }

    fn results_action(&mut self, action: Action) {
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
                            super::runs::typing::segments(dr).is_some()
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
    fn form_event(&mut self, ev: &Event) {
        use super::student_form::{FormKey, form_key};
        let key = match ev {
            Event::Key(k) => form_key(k),
            Event::Paste(text) => Some(FormKey::Paste(text.clone())),
            _ => None,
        };
        match key.map(|k| self.students.on_form(&self.ctx.data, k)) {
            Some(FormDone::Notice(n)) => self.home.notice = Some(n),
            Some(FormDone::Quit) => self.quit_now(),
            Some(FormDone::Nothing) | None => {}
        }
    }

    /// With `export.dir` set: the student's export goes there as the trainer ends.
    pub fn export_on_quit(&mut self) {
        self.exit.quit_export = self
            .students
            .export_on_quit(&self.ctx.data)
            .map(|r| r.map_err(|e| e.to_string()));
    }

    /// `s` on home: the stats screen, from the store's summed figures.
    fn open_stats(&mut self) {
        self.home.notice = None;
        let minutes = self.ctx.config.goal_minutes();
        match Store::open_reading(&self.ctx.data)
            .and_then(|s| StatsView::load(&s, &self.packs, minutes))
        {
            Ok(v) => self.screen = Screen::Stats(Box::new(v)),
            Err(e) => self.home.notice = Some(e.to_string()),
        }
    }

    fn stats_action(&mut self, action: Action) {
        match action {
            Action::Back => self.go_home(),
            Action::Quit => self.quit = true,
            Action::Help => self.help = true,
            Action::Weak => {
                self.go_home();
                self.practise_weak();
            }
            Action::Left | Action::Right => {
                if let Screen::Stats(v) = &mut self.screen {
                    let forward = action == Action::Right;
                    // A failed read keeps the trend shown; the screen stays usable.
                    let _ = Store::open_reading(&self.ctx.data)
                        .and_then(|s| v.step_trend(&s, &self.packs, forward));
                }
            }
            _ => {}
        }
    }

    /// `h` on home: the sessions newest first.
    fn open_history(&mut self) {
        self.home.notice = None;
        self.history_notice = None;
        match Store::open_reading(&self.ctx.data).and_then(|s| HistoryView::load(&s, &self.packs)) {
            Ok(v) => self.screen = Screen::History(Box::new(v)),
            Err(e) => self.home.notice = Some(e.to_string()),
        }
    }

    fn history_action(&mut self, action: Action) {
        let Screen::History(view) = &mut self.screen else {
            return;
        };
        match action {
            Action::Back => self.go_home(),
            Action::Quit => self.quit = true,
            Action::Help => self.help = true,
            Action::Enter => {
                let Some(id) = view.selected().map(|r| r.id.clone()) else {
                    return;
                };
                let record = Store::open_reading(&self.ctx.data).and_then(|s| s.session(&id));
                match record {
                    Ok(Some(r)) => {
                        let outcome = history::outcome(&r, &self.packs);
                        self.history_notice = None;
                        if let Screen::History(v) =
                            std::mem::replace(&mut self.screen, Screen::Home)
                        {
                            self.history_back = Some(v);
                        }
                        // Opened on purpose: no deaf time.
                        let shown = Instant::now()
                            .checked_sub(RESULTS_DEAF)
                            .unwrap_or_else(Instant::now);
                        self.screen = Screen::Results(Box::new(outcome), shown);
                    }
                    Ok(None) => {
                        self.history_notice =
                            Some(tr!("这条记录已不在历史中", "that session is gone"));
                    }
                    Err(e) => self.history_notice = Some(e.to_string()),
                }
            }
            other => {
                if view.navigate(other) {
                    let reloaded = Store::open_reading(&self.ctx.data)
                        .and_then(|s| view.reload(&s, &self.packs));
                    if let Err(e) = reloaded {
                        self.history_notice = Some(e.to_string());
                    }
                }
            }
        }
    }

    /// `w`: a phrases drill from the lines richest in the student's weakest characters,
    /// saved like any session under the generated pack's id.
    fn practise_weak(&mut self) {
        self.home.notice = None;
        if self.home.pinyin {
            return self.practise_weak_syllables();
        }
        let totals = match Store::open_reading(&self.ctx.data).and_then(|s| s.char_totals()) {
            Ok(t) => t,
            Err(e) => {
                self.home.notice = Some(e.to_string());
                return;
            }
        };
        let seed = chrono::Utc::now().timestamp_micros().unsigned_abs();
        let Some(pack) = crate::stats::practice::weak_practice(&self.packs, &totals, seed) else {
            self.home.notice = Some(tr!(
                "还没有弱字：每个字至少打 3 次、出过错或偏慢才会出现在这里，先多练几次吧",
                "nothing weak yet: a character shows up once typed 3 times with a slip or a slow time — practise a few drills first"
            ));
            return;
        };
        self.start_generated(pack);
    }

    /// `w` with pinyin practice on: lines rich in the weak syllables, typed as pinyin.
    fn practise_weak_syllables(&mut self) {
        let seed = chrono::Utc::now().timestamp_micros().unsigned_abs();
        let pack = Store::open_reading(&self.ctx.data)
            .and_then(|s| s.pinyin_weak())
            .map(|w| crate::pinyin::weak::practice(&self.packs, &w, seed));
        match pack {
            Ok(Some(pack)) => self.start_generated(pack),
            Ok(None) => {
                self.home.notice = Some(tr!(
                    "还没有弱音节：每个音节至少打 3 次、出过错或偏慢才会出现在这里",
                    "no weak syllable yet: a syllable shows up once typed 3 times with a slip or a slow time"
                ))
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

    /// `i` on home: copy the pack opened from the command line into the data dir.
    fn install(&mut self) {
        let Some(i) = self.home.file_pack else { return };
        let Some(pack) = self.packs.get(i) else {
            return;
        };
        self.home.notice = Some(match install_pack(&self.ctx.data.packs(), pack) {
            Ok(path) => tr!("已安装到 {}", "installed into {}", path.display()),
            Err(e) => e.to_string(),
        });
    }

    /// Open history for the home screen's figures (after the first frame, so it never
    /// delays it). A history that cannot be opened shows no figures.
    pub fn load_figures(&mut self) {
        if self.bests.is_none() && matches!(self.screen, Screen::Home) {
            let store = Store::open_reading(&self.ctx.data);
            if store.as_ref().is_ok_and(Store::is_read_only) && self.home.notice.is_none() {
                self.home.notice = Some(crate::store::read_only_notice());
            }
            let figures = store.as_ref().ok().and_then(|s| s.drill_figures().ok());
            let today = chrono::Local::now().date_naive();
            if let Ok(s) = &store {
                self.home.goal = s.goal_status(today, self.ctx.config.goal_minutes()).ok();
                self.home.due = crate::tui::screens::codes::due_counts(s, &self.packs);
            }
            self.bests = Some(figures.unwrap_or_default());
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
                    && !screens::is_too_small(area) =>
            {
                Some(run)
            }
            _ => None,
        };
        if let Some(run) = drill
            && painter.cells(term, area, |buf| {
                screens::drill::repaint(buf, run, now, self.ambi)
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
                if let Some(form) = &self.students.form {
                    screens::student::render(frame, form, self.ambi);
                }
                HelpFor::Home
            }
            Screen::Rules(run) => {
                rules::render(frame, &self.pack_title(run.pack), &run.drill);
                HelpFor::Rules
            }
            Screen::Drill(run) => {
                match &run.pinyin {
                    Some(p) => screens::pinyin::render(frame, run, p, now, self.ambi),
                    None => screens::drill::render(frame, run, now, self.ambi),
                }
                match run.drill.body {
                    crate::pack::DrillBody::Phrases { .. } => HelpFor::Phrases,
                    _ => HelpFor::Drill,
                }
            }
            Screen::Reply(run) => {
                crate::tui::runs::reply::render(frame, run, now, self.ambi);
                HelpFor::Chat
            }
            Screen::Ready(p, d) => {
                if let Some(drill) = self.packs.get(*p).and_then(|pk| pk.drills.get(*d)) {
                    rules::render(frame, &self.pack_title(*p), drill);
                }
                HelpFor::Rules
            }
            Screen::Codes(run) => {
                crate::tui::screens::codes::render(frame, run, now, self.ambi);
                crate::tui::screens::codes::help_for(run)
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
        if self.help {
            help::render(frame, for_help);
        }
    }
}

/// Copy a pack opened from a file into `packs/` as `ID.toml` (ids are `[a-z0-9-]`, so the
/// name cannot leave the folder).
pub fn install_pack(dir: &std::path::Path, pack: &Pack) -> Result<PathBuf> {
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

/// Run the trainer until the student quits. The terminal is restored on every way out.
pub fn run(ctx: &Context, start: Start) -> Result<Exit> {
    let mut app = App::new(ctx, start);
    if app.quitting() {
        return Ok(app.into_exit());
    }
    let (mut term, _guard) = terminal::enter().map_err(|e| Error::io("terminal", e))?;
    let draw_err = |e: std::io::Error| Error::io("terminal", e);
    term.draw(|f| {
        app.render(f, Instant::now());
        super::escape::make_safe(f.buffer_mut());
    })
    .map_err(draw_err)?;
    if ctx.config.ambiwidth.is_none() {
        app.ambi = terminal::probe_ambiwidth();
        term.clear().map_err(draw_err)?;
    }
    input::watch();
    app.load_figures();
    let mut painter = Painter::default();
    let mut redraw = true;
    loop {
        if redraw && app.draw(&mut term, &mut painter, Instant::now()).is_err() {
            // The terminal is gone (a closed window) before its signal arrived: keep the
            // attempt in progress and end as the signal would have.
            app.on_signal();
            break;
        }
        redraw = true;
        let now = Instant::now();
        let wake = app.next_wake(now);
        // A terminal can go away with no signal (kuaida not in its session): look at
        // least once a second (input.rs lets go of it so the wait returns).
        let until = wake.map_or(ALIVE_CHECK, |w| w.saturating_duration_since(now));
        match input::next(until) {
            Msg::Input { at, events } => {
                for e in &events {
                    if let Event::Resize(w, h) = e {
                        painter.forget();
                        if terminal::resize(&mut term, *w, *h).is_err() {
                            app.on_signal();
                        }
                    }
                }
                app.on_input(at, &events)
            }
            Msg::Signal | Msg::Gone => app.on_signal(),
            Msg::Timeout if !terminal::alive() => app.on_signal(),
            Msg::Timeout if wake.is_some() => app.on_tick(Instant::now()),
            // Only the look: nothing changed, nothing to draw.
            Msg::Timeout => redraw = false,
        }
        if app.quitting() {
            break;
        }
        app.load_figures();
    }
    app.export_on_quit();
    Ok(app.into_exit())
}
