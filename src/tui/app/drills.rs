//! The app and its drills: start one (its rules first), feed it the keys, let the clock
//! end it, and save its record — finished, left early, or on quit — through the loop.

use super::{App, Pending, RESULTS_DEAF, Screen};
use crate::engine::{Batch, Key};
use crate::pack::{Drill, DrillKind};
use crate::record::SessionRecord;
use crate::reply::leitner::Card;
use crate::tr;
use crate::tui::keymap::Action;
use crate::tui::runs::codes::{CodeRun, CodeStep};
use crate::tui::runs::reply::{ChatKey, ReplyRun, chat_key};
use crate::tui::runs::shift::ShiftRun;
use crate::tui::runs::typing::Run;
use crate::tui::screens::card::CardInfo;
use crate::tui::screens::results::{ResultsView, SaveNote};
use crate::tui::student_form::Purpose;
use crate::tui::world::{AfterSave, Effect, SaveResult};
use ratatui::crossterm::event::Event;

impl App<'_> {
    /// Start drill `d` of pack `p`: its rules first when it has a time limit or pass.
    pub(super) fn start_drill(&mut self, p: usize, d: usize) {
        self.history_back = None;
        let Some((pack, drill)) = self
            .packs
            .get(p)
            .and_then(|pk| Some((pk, pk.drills.get(d)?)))
        else {
            return;
        };
        let exam = drill.is_exam().then(|| (pack.id.clone(), drill.id.clone()));
        let shift = drill.kind() == DrillKind::Shift;
        let chat_or_codes = drill.kind() == DrillKind::QuickReply
            || crate::reply::codes::code_drill(drill).is_some();
        self.ask_start_code(p, d);
        if shift || chat_or_codes {
            // A shift always shows its rules first: its keys, before buyers come.
            if shift || self.rules_first(p, d) {
                self.screen = Screen::Rules(Pending::Other { pack: p, drill: d });
            } else {
                self.open_chat_or_codes(p, d);
            }
        } else {
            self.open_typing(p, d);
        }
        if let Some((pack, drill)) = exam
            && matches!(self.screen, Screen::Rules(_))
        {
            self.prepare_exam(pack, drill);
        }
    }

    /// Open typing drill `d` of pack `p` (its rules first when it has them).
    fn open_typing(&mut self, p: usize, d: usize) {
        let Some((pack, drill)) = self
            .packs
            .get(p)
            .and_then(|pk| Some((pk, pk.drills.get(d)?)))
        else {
            return;
        };
        let run = if self.home.pinyin {
            Run::pinyin(p, pack, drill)
        } else {
            Run::new(p, pack, drill)
        };
        match run {
            Some(run) if self.rules_first(p, d) => {
                self.screen = Screen::Rules(Pending::Typing(Box::new(run)))
            }
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

    /// An exam's rules screen names who takes it and says whether it counts: the loop
    /// counts their attempts, and the form opens when nobody is set.
    fn prepare_exam(&mut self, pack: String, drill: String) {
        self.attempts = None;
        self.ask(Effect::CountAttempts { pack, drill });
        if self.students.label().is_none() {
            self.students.open(Purpose::Exam);
        }
    }

    /// Open drill `d` of pack `p`, a quick-reply drill (its clock from now) or a code
    /// drill (once the loop has read its pack's Leitner cards).
    fn open_chat_or_codes(&mut self, p: usize, d: usize) {
        let Some((pack, drill)) = self
            .packs
            .get(p)
            .and_then(|pk| Some((pk, pk.drills.get(d)?)))
        else {
            return;
        };
        if let Some(run) = ReplyRun::new(p, pack, drill, self.now) {
            self.screen = Screen::Reply(Box::new(run));
            return;
        }
        if let Some(run) = ShiftRun::new(p, pack, drill, self.now) {
            self.screen = Screen::Shift(Box::new(run));
            return;
        }
        if crate::reply::codes::code_drill(drill).is_some() {
            self.ask(Effect::LoadCards { pack: p, drill: d });
        }
    }

    /// The cards are read: the code drill opens, due and weak codes first.
    pub(super) fn open_codes(&mut self, p: usize, d: usize, cards: &[Card]) {
        let Some((pack, drill)) = self
            .packs
            .get(p)
            .and_then(|pk| Some((pk, pk.drills.get(d)?)))
        else {
            return;
        };
        let now = self.now;
        if let Some(mut run) = CodeRun::new(p, pack, drill, cards, now.today(), now.seed()) {
            run.begin(now);
            self.screen = Screen::Codes(Box::new(run));
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
            run.started_at.unwrap_or(self.now.wall),
        );
        if let Some(p) = &run.pinyin {
            p.mark(&mut record);
        }
        Some(record)
    }

    fn save(&mut self, mut record: SessionRecord, then: AfterSave) {
        self.stamp_start_code(&mut record);
        self.ask(Effect::Save {
            record: Box::new(record),
            then,
            goal_minutes: self.ctx.config.goal_minutes(),
        });
    }

    /// Save a finished session and show its results: the one recomputation of the
    /// record just saved, exactly what history will show when it is reopened.
    fn show_results(
        &mut self,
        pack: usize,
        pack_title: String,
        drill: Drill,
        record: SessionRecord,
    ) {
        let view = ResultsView {
            pack,
            pack_title,
            drill,
            figures: crate::figures::Figures::of(&record),
            saved: SaveNote::Saving,
            card: CardInfo {
                student: self.students.current.name.clone(),
                date: record.started_at.date_naive().to_string(),
                goal: None,
            },
        };
        self.screen = Screen::Results(Box::new(view), self.now.at);
        self.save(record, AfterSave::Results);
    }

    /// Where a session went, from the loop.
    pub(super) fn saved(
        &mut self,
        then: AfterSave,
        result: SaveResult,
        goal: Option<crate::stats::goal::GoalStatus>,
    ) {
        // Home's bests include it now.
        self.bests = None;
        let note = match result {
            SaveResult::History => SaveNote::History,
            SaveResult::Fallback { path, reason } => {
                self.exit.fallbacks.push((path.clone(), reason));
                SaveNote::Fallback(path)
            }
            SaveResult::Failed { why, unwritten } => {
                self.exit.failures.push(why.clone());
                // Not even a file could be written (a full disk): the session is printed
                // after the terminal is restored, never lost.
                match unwritten {
                    Some(json) => {
                        self.exit.unwritten.push(json);
                        SaveNote::Failed(tr!(
                            "退出时成绩会打印在终端里；{why}",
                            "the session is printed when you quit; {why}"
                        ))
                    }
                    None => SaveNote::Failed(why),
                }
            }
        };
        match then {
            AfterSave::Results => {
                if let Screen::Results(view, _) = &mut self.screen {
                    view.saved = note;
                    view.card.goal = goal;
                }
            }
            AfterSave::Left => self.home.notice = Some(note.unfinished()),
            AfterSave::Quit => {}
        }
    }

    /// The drill ended by itself (finished or out of time): save and show results.
    fn finish(&mut self, run: Box<Run>) {
        match self.typing_record(&run) {
            Some(record) => {
                self.show_results(run.pack, run.pack_title.clone(), run.drill.clone(), record)
            }
            None => self.go_home(),
        }
    }

    /// A drill whose clock ran out with nothing typed: not saved, and home says so.
    fn unanswered(&mut self) {
        self.home.notice = Some(tr!(
            "时间到，没有作答，这次没有保存",
            "time is up with nothing answered; not saved"
        ));
        self.go_home();
    }

    /// A quick-reply drill ended (all answered, or out of time): save and show results.
    fn finish_reply(&mut self, run: Box<ReplyRun>) {
        let Some(pack) = self.packs.get(run.pack) else {
            return self.go_home();
        };
        let record = run.record(pack, self.students.current.clone());
        self.show_results(run.pack, run.pack_title.clone(), run.drill.clone(), record);
    }

    /// A shift ended (its time ran out, or the student ended it): save and show results.
    /// One with nothing done is not saved.
    fn finish_shift(&mut self, run: Box<ShiftRun>) {
        if !run.has_input() {
            return self.unanswered();
        }
        let Some(pack) = self.packs.get(run.pack) else {
            return self.go_home();
        };
        let record = run.record(pack, self.students.current.clone());
        self.show_results(run.pack, run.pack_title.clone(), run.drill.clone(), record);
    }

    /// The student confirmed ending the shift: saved as ended early, results shown (or,
    /// after Ctrl-C, saved and quit).
    pub(super) fn end_shift(&mut self, quit: bool) {
        let at = self.now.at;
        if let Screen::Shift(run) = &mut self.screen {
            run.end(at);
        }
        if quit {
            return self.quit_now();
        }
        if let Screen::Shift(run) = std::mem::replace(&mut self.screen, Screen::Home) {
            self.finish_shift(run);
        }
    }

    /// One read on the 接待中心 screen: typing keys form one batch (an input method's
    /// commit); the conversation keys, Ctrl-C and F1 act at once.
    pub(super) fn shift_input(&mut self, events: &[Event]) {
        use crate::reply::reply_box::ReplyBatch;
        use crate::reply::shift::Applied;
        use crate::tui::runs::shift::{ShiftKey, shift_key};
        let at = self.now.at;
        let mut keys = Vec::new();
        let mut steps: Vec<(ShiftKey, ReplyBatch)> = Vec::new();
        let flush = |keys: &mut Vec<_>, steps: &mut Vec<(ShiftKey, ReplyBatch)>| {
            if !keys.is_empty() {
                steps.push((ShiftKey::Ignore, ReplyBatch::Keys(std::mem::take(keys))));
            }
        };
        for ev in events {
            match ev {
                Event::Key(k) => match shift_key(k) {
                    ShiftKey::Reply(key) => keys.push(key),
                    ShiftKey::Ignore => {}
                    other => {
                        flush(&mut keys, &mut steps);
                        steps.push((other, ReplyBatch::Keys(Vec::new())));
                    }
                },
                Event::Paste(text) => {
                    flush(&mut keys, &mut steps);
                    steps.push((ShiftKey::Ignore, ReplyBatch::Paste(text.clone())));
                }
                _ => {}
            }
        }
        flush(&mut keys, &mut steps);
        for (key, batch) in steps {
            let Screen::Shift(run) = &mut self.screen else {
                return;
            };
            match key {
                ShiftKey::Quit => return self.leave_or_ask(true),
                ShiftKey::Help => {
                    self.help = true;
                    return;
                }
                _ => {}
            }
            if run.apply(at, key, &batch) == Applied::Esc {
                return self.leave_or_ask(false);
            }
        }
        self.tick_drills();
    }

    /// A code drill ended (all items, or time up): save and show results. One whose
    /// clock ran out with nothing typed is not saved.
    fn finish_codes(&mut self, run: Box<CodeRun>) {
        if !run.has_input() {
            return self.unanswered();
        }
        let Some(pack) = self.packs.get(run.pack) else {
            return self.go_home();
        };
        let record = run.record(pack, self.students.current.clone());
        self.show_results(run.pack, run.pack_title.clone(), run.drill.clone(), record);
    }

    /// Save what was typed of a drill left before its end (nothing when nothing was).
    fn save_left(&mut self, screen: Screen, then: AfterSave) {
        let record = match screen {
            Screen::Drill(run) if run.typing.started() => self.typing_record(&run),
            Screen::Reply(run) if run.has_input() => self
                .packs
                .get(run.pack)
                .map(|p| run.record(p, self.students.current.clone())),
            Screen::Codes(run) if run.has_input() => self
                .packs
                .get(run.pack)
                .map(|p| run.record(p, self.students.current.clone())),
            // Left before its time (a closing window, a signal): ended now, so the log
            // says so and the replay stops where the student did.
            Screen::Shift(mut run) if run.has_input() => {
                run.end(self.now.at);
                self.packs
                    .get(run.pack)
                    .map(|p| run.record(p, self.students.current.clone()))
            }
            _ => None,
        };
        if let Some(record) = record {
            self.save(record, then);
        }
    }

    /// Leave the drill on screen early: saved as not completed when anything was typed.
    pub(super) fn leave(&mut self) {
        let screen = std::mem::replace(&mut self.screen, Screen::Home);
        self.save_left(screen, AfterSave::Left);
        self.go_home();
    }

    pub(super) fn go_home(&mut self) {
        self.history_back = None;
        if self.from_drill_command {
            self.quit = true;
        }
        self.screen = Screen::Home;
    }

    pub(super) fn quit_now(&mut self) {
        let screen = std::mem::replace(&mut self.screen, Screen::Home);
        self.save_left(screen, AfterSave::Quit);
        self.quit = true;
    }

    /// Let the clock end a drill whose time is up.
    pub(super) fn tick_drills(&mut self) {
        let at = self.now.at;
        if let Screen::Drill(run) = &mut self.screen
            && run.tick(at)
            && let Screen::Drill(run) = std::mem::replace(&mut self.screen, Screen::Home)
        {
            self.finish(run);
        }
        if let Screen::Codes(run) = &mut self.screen
            && run.tick(at)
            && let Screen::Codes(run) = std::mem::replace(&mut self.screen, Screen::Home)
        {
            self.finish_codes(run);
        }
        if let Screen::Shift(run) = &mut self.screen
            && run.tick(at)
            && let Screen::Shift(run) = std::mem::replace(&mut self.screen, Screen::Home)
        {
            self.finish_shift(run);
        }
        if let Screen::Reply(run) = &self.screen
            && run.time_up(at)
            && let Screen::Reply(mut run) = std::mem::replace(&mut self.screen, Screen::Home)
        {
            if run.has_input() {
                run.close_at_limit();
                self.finish_reply(run);
            } else {
                self.unanswered();
            }
        }
    }

    pub(super) fn type_keys(&mut self, keys: &mut Vec<Key>) {
        if !keys.is_empty() {
            let batch = Batch::Keys(std::mem::take(keys));
            self.type_batch(&batch);
            // Back, emptied, for its room.
            if let Batch::Keys(mut room) = batch {
                room.clear();
                *keys = room;
            }
        }
    }

    pub(super) fn type_batch(&mut self, batch: &Batch) {
        let now = self.now;
        if let Screen::Drill(run) = &mut self.screen {
            run.apply(now, batch);
            if run.typing.is_over()
                && let Screen::Drill(run) = std::mem::replace(&mut self.screen, Screen::Home)
            {
                self.finish(run);
            }
        }
    }

    /// One read on a code drill's screen.
    pub(super) fn codes_input(&mut self, events: &[Event]) {
        let now = self.now;
        let Screen::Codes(run) = &mut self.screen else {
            return;
        };
        match run.on_events(now, events) {
            CodeStep::Go => {}
            CodeStep::Help => self.help = true,
            CodeStep::Quit => self.leave_or_ask(true),
            CodeStep::Over => {
                if let Screen::Codes(run) = std::mem::replace(&mut self.screen, Screen::Home) {
                    self.finish_codes(run);
                }
            }
            CodeStep::Leave => self.leave_or_ask(false),
        }
    }

    /// One read on the chat screen: its keys form one batch for the session (an input
    /// method's commit); Ctrl-C and F1 are the app's.
    pub(super) fn reply_input(&mut self, events: &[Event]) {
        use crate::reply::quickreply::{Applied, ReplyBatch};
        let at = self.now.at;
        let mut keys = Vec::new();
        let mut batches = Vec::new();
        for ev in events {
            match ev {
                Event::Key(k) => match chat_key(k) {
                    ChatKey::Reply(key) => keys.push(key),
                    ChatKey::Quit => return self.leave_or_ask(true),
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
                        self.finish_reply(run);
                    }
                }
                Applied::Leave => return self.leave_or_ask(false),
                _ => {}
            }
        }
    }

    pub(super) fn drill_action(&mut self, action: Action) {
        match action {
            Action::Back => self.leave_or_ask(false),
            Action::Quit => self.leave_or_ask(true),
            Action::Help => self.help = true,
            _ => {}
        }
    }

    pub(super) fn rules_action(&mut self, action: Action) {
        match action {
            Action::Enter if !self.start_code_given() => {}
            Action::Enter => match std::mem::replace(&mut self.screen, Screen::Home) {
                Screen::Rules(Pending::Typing(run)) => self.screen = Screen::Drill(run),
                Screen::Rules(Pending::Other { pack, drill }) => {
                    self.open_chat_or_codes(pack, drill)
                }
                other => self.screen = other,
            },
            Action::Back => self.go_home(),
            Action::Quit => self.quit = true,
            Action::Help => self.help = true,
            Action::Student => self.students.open(Purpose::Exam),
            _ => {}
        }
    }

    /// Results opened from history on purpose: no deaf time.
    pub(super) fn show_reopened(&mut self, view: ResultsView) {
        let shown = self.now.at.checked_sub(RESULTS_DEAF).unwrap_or(self.now.at);
        self.screen = Screen::Results(Box::new(view), shown);
    }
}
