//! One drill in progress: the engine plus the clock. Times are taken from the batch's
//! stamp (when it was read), never from when the screen is drawn.

use crate::engine::{Batch, Rules, Typing};
use crate::pack::{Drill, DrillBody, Pack, PhraseOrder};
use crate::tui::clock::Stamp;
use crate::tui::screens::drill::Drawn;
use crate::tui::wrap::View;
use chrono::{DateTime, FixedOffset};
use std::cell::RefCell;
use std::time::{Duration, Instant};

#[derive(Debug, Clone)]
pub struct Run {
    /// Index of the pack in the app's pack list.
    pub pack: usize,
    pub pack_title: String,
    pub drill: Drill,
    pub typing: Typing,
    /// Pinyin practice: the readings, fed to `typing` letter by letter.
    pub pinyin: Option<crate::pinyin::PinyinDrill>,
    /// The monotonic time of the first logged key; `None` until then.
    pub start: Option<Instant>,
    /// The wall-clock time of the first logged key.
    pub started_at: Option<DateTime<FixedOffset>>,
    /// The drill screen's layout of the text, kept between frames.
    pub view: RefCell<View>,
    /// What the drill screen's last frame drew, to redraw only what changes.
    pub drawn: RefCell<Option<Drawn>>,
    /// When the last refused paste was read: the screen says so for [`PASTE_NOTICE`].
    pub paste_refused: Option<Instant>,
}

/// How long the drill screen says a paste was not counted.
pub const PASTE_NOTICE: Duration = Duration::from_secs(3);

/// The segments a drill is typed in: a text is one; phrases one each (shuffled or not,
/// `count` per round). `None` for kinds the trainer does not run yet.
pub fn segments(drill: &Drill) -> Option<Vec<String>> {
    match &*drill.body {
        DrillBody::Text { text } => Some(vec![text.clone()]),
        DrillBody::Phrases {
            phrases,
            order,
            count,
        } => {
            let mut list = phrases.clone();
            if *order == PhraseOrder::Shuffle {
                fastrand::shuffle(&mut list);
            }
            if let Some(n) = count {
                list.truncate((*n).max(1));
            }
            Some(list)
        }
        _ => None,
    }
}

impl Run {
    pub fn new(pack_index: usize, pack: &Pack, drill: &Drill) -> Option<Run> {
        let segments = segments(drill)?;
        let rules = Rules {
            strict: drill.strict,
            time_limit_us: drill.time_limit.map(|s| u64::from(s) * 1_000_000),
            shown_not_typed: true,
        };
        Some(Run {
            pack: pack_index,
            pack_title: pack.title.clone(),
            drill: drill.clone(),
            typing: Typing::new(&segments, rules),
            pinyin: None,
            start: None,
            started_at: None,
            view: RefCell::default(),
            drawn: RefCell::default(),
            paste_refused: None,
        })
    }

    /// The drill as pinyin practice; `None` for kinds other than text and phrases.
    pub fn pinyin(pack_index: usize, pack: &Pack, drill: &Drill) -> Option<Run> {
        let mut run = Run::new(pack_index, pack, drill)?;
        let (pinyin, typing) =
            crate::pinyin::PinyinDrill::start(&segments_of(&run.typing), run.typing.rules());
        run.typing = typing;
        run.pinyin = Some(pinyin);
        Some(run)
    }

    /// Microseconds since the first key, 0 before it.
    pub fn t_us(&self, now: Instant) -> u64 {
        self.start.map_or(0, |s| {
            u64::try_from(now.saturating_duration_since(s).as_micros()).unwrap_or(u64::MAX)
        })
    }

    /// Feed one batch read at `stamp`. The first batch that logs anything starts the
    /// clock (and dates the session).
    pub fn apply(&mut self, stamp: Stamp, batch: &Batch) {
        let at = stamp.at;
        if self.typing.is_over() {
            return;
        }
        let was_started = self.typing.started();
        let t = if was_started { self.t_us(at) } else { 0 };
        let logged = self.typing.log().len();
        match &mut self.pinyin {
            Some(p) => p.apply(&mut self.typing, t, batch),
            None => self.typing.apply(t, batch),
        }
        let refused = self.typing.log()[logged.min(self.typing.log().len())..]
            .iter()
            .any(|k| matches!(k.op, crate::record::Op::PasteRejected { .. }));
        if refused {
            self.paste_refused = Some(at);
        }
        if !was_started && self.typing.started() {
            self.start = Some(at);
            self.started_at = Some(stamp.wall);
        }
    }

    /// The clock reached `now`: ends the drill when its time is up.
    pub fn tick(&mut self, now: Instant) -> bool {
        let t = self.t_us(now);
        self.typing.tick(t)
    }

    /// Whether the screen says, at `now`, that a paste was not counted.
    pub fn paste_notice(&self, now: Instant) -> bool {
        self.paste_refused
            .is_some_and(|at| now.saturating_duration_since(at) < PASTE_NOTICE)
    }

    /// When the screen should next redraw by itself: the next whole second of the
    /// clock, the time limit, or when the paste notice goes; `None` while the clock is
    /// not running.
    pub fn next_wake(&self, now: Instant) -> Option<Instant> {
        let clock = self.next_tick(now);
        let notice_ends = self
            .paste_refused
            .map(|at| at + PASTE_NOTICE)
            .filter(|&end| end > now && !self.typing.is_over());
        match (clock, notice_ends) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// The clock's next whole second, or the time limit.
    fn next_tick(&self, now: Instant) -> Option<Instant> {
        let start = self.start?;
        if self.typing.is_over() {
            return None;
        }
        let elapsed = now.saturating_duration_since(start);
        let next = start + Duration::from_secs(elapsed.as_secs() + 1);
        match self.typing.rules().time_limit_us {
            Some(limit) => Some(next.min(start + Duration::from_micros(limit))),
            None => Some(next),
        }
    }

    /// Live 字/分: graphemes right now over the time so far.
    pub fn live_cpm(&self, now: Instant) -> f64 {
        let t = self.t_us(now);
        if t == 0 {
            return 0.0;
        }
        self.typing.correct_now() as f64 * 60_000_000.0 / t as f64
    }

    /// Live accuracy, 100 before anything is typed.
    pub fn live_accuracy(&self) -> f64 {
        let (all, ok) = self.typing.input_counts();
        if all == 0 {
            100.0
        } else {
            f64::from(ok) * 100.0 / f64::from(all)
        }
    }
}

/// The segments a fresh run types (after shuffling), as text.
fn segments_of(typing: &Typing) -> Vec<String> {
    typing.segments().iter().map(|s| s.concat()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Key;
    use crate::testing::pack_with;

    #[test]
    fn clock_starts_at_the_first_logged_key() {
        let pack = pack_with(
            DrillBody::Text {
                text: "你好".into(),
            },
            Some(2),
        );
        let mut run = Run::new(0, &pack, &pack.drills[0]).expect("text runs");
        let t0 = Instant::now();
        run.apply(
            crate::testing::stamp(t0),
            &Batch::Keys(vec![Key::Backspace]),
        );
        assert!(
            run.start.is_none(),
            "a Backspace at the start is not logged"
        );
        let t1 = t0 + Duration::from_millis(300);
        run.apply(
            crate::testing::stamp(t1),
            &Batch::Keys(vec![Key::Char('你')]),
        );
        assert_eq!(run.start, Some(t1));
        assert_eq!(run.next_wake(t1), Some(t1 + Duration::from_secs(1)));
        assert_eq!(
            run.next_wake(t1 + Duration::from_millis(1500)),
            Some(t1 + Duration::from_secs(2))
        );
        assert!(run.tick(t1 + Duration::from_secs(2)));
        assert!(run.typing.is_over());
    }

    #[test]
    fn a_refused_paste_is_told_for_three_seconds_from_when_it_was_read() {
        let pack = pack_with(
            DrillBody::Text {
                text: "你好".into(),
            },
            None,
        );
        let mut run = Run::new(0, &pack, &pack.drills[0]).expect("text runs");
        let t0 = Instant::now();
        run.apply(
            crate::testing::stamp(t0),
            &Batch::Keys(vec![Key::Char('你')]),
        );
        assert!(!run.paste_notice(t0));
        // A short paste is typed, not refused.
        let at = |ms| t0 + Duration::from_millis(ms);
        run.apply(
            crate::testing::stamp(at(200)),
            &Batch::Paste("好".to_string()),
        );
        assert!(!run.paste_notice(at(200)));
        let mut run = Run::new(0, &pack, &pack.drills[0]).expect("text runs");
        run.apply(
            crate::testing::stamp(t0),
            &Batch::Keys(vec![Key::Char('你')]),
        );
        run.apply(
            crate::testing::stamp(at(500)),
            &Batch::Paste("好".repeat(33)),
        );
        assert!(matches!(
            run.typing.log().last().map(|k| &k.op),
            Some(crate::record::Op::PasteRejected { len: 33 })
        ));
        assert!(run.paste_notice(at(500)));
        assert!(run.paste_notice(at(3_499)));
        assert!(!run.paste_notice(at(3_500)));
        // The loop wakes when the notice is due to go, not only at the clock's second.
        assert_eq!(run.next_wake(at(3_200)), Some(at(3_500)));
        assert_eq!(run.next_wake(at(3_600)), Some(at(4_000)));
        // A later key does not renew it; another refused paste does.
        run.apply(
            crate::testing::stamp(at(1_000)),
            &Batch::Keys(vec![Key::Char('x')]),
        );
        assert!(!run.paste_notice(at(3_600)));
        run.apply(
            crate::testing::stamp(at(3_000)),
            &Batch::Keys(vec![Key::Char('x'); 40]),
        );
        assert!(run.paste_notice(at(5_900)));
    }

    #[test]
    fn phrases_take_count_and_other_kinds_do_not_run() {
        let pack = pack_with(
            DrillBody::Phrases {
                phrases: vec!["一".into(), "二".into(), "三".into()],
                order: PhraseOrder::Fixed,
                count: Some(2),
            },
            None,
        );
        assert_eq!(
            segments(&pack.drills[0]),
            Some(vec!["一".into(), "二".into()])
        );
        let recall = pack_with(
            DrillBody::Recall {
                group: None,
                count: None,
            },
            None,
        );
        assert!(Run::new(0, &recall, &recall.drills[0]).is_none());
    }
}
