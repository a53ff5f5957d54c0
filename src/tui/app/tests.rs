//! The app in-process: keys and ticks with any stamp, the loop's effects carried out by a
//! world over an in-memory store, the screens drawn into a test backend. No terminal, no
//! sleeping: the results screen's deaf time, midnight and the daily streak are stamps.

use super::*;
use crate::config::Config;
use crate::pack::{DrillBody, Pass};
use crate::paths::DataDir;
use crate::store::Store;
use crate::tui::main_loop::settle;
use crate::tui::screens::testing::{terminal, text};
use crate::tui::world::World;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// 09:00 on 7 December 2026 (+08:00), and a monotonic origin.
pub(super) fn morning() -> Stamp {
    crate::testing::stamp(Instant::now())
}

pub(super) fn key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

pub(super) fn chars(s: &str) -> Vec<Event> {
    s.chars().map(|c| key(KeyCode::Char(c))).collect()
}

/// A context over a temporary data dir (only files are written there) and a world over
/// an in-memory store.
pub(super) fn bench() -> (Context, World, tempfile::TempDir) {
    let tmp = tempfile::TempDir::new().expect("tempdir");
    let data = DataDir::new(tmp.path().join("data"));
    let store = Store::open_in_memory().expect("an in-memory store");
    let ctx = Context {
        data: data.clone(),
        config: Config::default(),
    };
    (ctx, World::with_store(data, store), tmp)
}

/// A pack whose one drill is `text`, with a pass line of 10 字/分.
pub(super) fn text_pack(text: &str) -> Pack {
    let mut pack = crate::testing::pack_with(DrillBody::Text { text: text.into() }, None);
    pack.drills[0].pass = None;
    pack
}

pub(super) fn start(ctx: &Context, pack: Pack, now: Stamp) -> App<'_> {
    App::new(
        ctx,
        Start::Drill {
            pack,
            drill: 0,
            pinyin: false,
        },
        now,
    )
}

/// Whether the app asked to save a session (the other effects are dropped).
pub(super) fn saves(app: &mut App<'_>) -> bool {
    std::iter::from_fn(|| app.next_effect()).any(|e| matches!(e, Effect::Save { .. }))
}

pub(super) fn screen_text(app: &App<'_>, now: Stamp) -> String {
    let mut term = terminal(100, 30);
    let frame = term.draw(|f| app.render(f, now.at)).expect("draws");
    text(frame.buffer)
}

#[test]
fn a_finished_drill_is_saved_and_shows_what_history_will() {
    crate::i18n::set_lang(crate::i18n::Lang::Zh);
    let (ctx, mut world, _tmp) = bench();
    let t0 = morning();
    let mut app = start(&ctx, text_pack("亲在的"), t0);
    app.on_input(t0, &chars("亲在"));
    app.on_input(t0.plus(Duration::from_secs(1)), &chars("的"));
    settle(&mut app, &mut world);
    let shown = screen_text(&app, t0.plus(Duration::from_secs(1)));
    assert!(
        shown.contains("成绩") && shown.contains("已保存到练习记录"),
        "{shown}"
    );
    // The one session in the store, dated by the stamp.
    app.ask(Effect::LoadHistory(None));
    settle(&mut app, &mut world);
    let Screen::History(view) = &app.screen else {
        panic!("history")
    };
    assert_eq!(view.rows.len(), 1);
    assert!(view.rows[0].started_at.starts_with("2026-12-07T09:00:00"));
}

#[test]
fn the_results_screen_ignores_keys_for_its_first_300_ms() {
    let (ctx, mut world, _tmp) = bench();
    let t0 = morning();
    let mut app = start(&ctx, text_pack("好"), t0);
    app.on_input(t0, &chars("好"));
    settle(&mut app, &mut world);
    assert!(matches!(app.screen, Screen::Results(..)));
    // A fast typist's next key, 200 ms later, does not retry.
    app.on_input(t0.plus(Duration::from_millis(200)), &chars("r"));
    assert!(matches!(app.screen, Screen::Results(..)), "still results");
    // After the deaf time it does.
    app.on_input(t0.plus(Duration::from_millis(301)), &chars("r"));
    assert!(matches!(app.screen, Screen::Drill(..)), "retried");
}

#[test]
fn a_results_screen_reopened_from_history_hears_keys_at_once() {
    let (ctx, mut world, _tmp) = bench();
    let t0 = morning();
    let mut app = start(&ctx, text_pack("好"), t0);
    app.on_input(t0, &chars("好"));
    settle(&mut app, &mut world);
    app.ask(Effect::LoadHistory(None));
    settle(&mut app, &mut world);
    let later = t0.plus(Duration::from_secs(60));
    app.on_input(later, &[key(KeyCode::Enter)]);
    settle(&mut app, &mut world);
    assert!(matches!(app.screen, Screen::Results(..)));
    // Esc at once goes back to the list.
    app.on_input(later.plus(Duration::from_millis(1)), &[key(KeyCode::Esc)]);
    assert!(matches!(app.screen, Screen::History(..)));
}

#[test]
fn a_timed_drill_ends_by_the_clock_with_no_key_pressed() {
    let (ctx, mut world, _tmp) = bench();
    let t0 = morning();
    let mut pack = text_pack("亲，您好！欢迎光临本店");
    pack.drills[0].time_limit = Some(5);
    pack.drills[0].pass = Some(Pass::Typing {
        cpm: 50.0,
        accuracy: 90.0,
    });
    let mut app = start(&ctx, pack, t0);
    assert!(matches!(app.screen, Screen::Rules(_)));
    // An exam with nobody set asks who takes it; Esc takes it unregistered.
    assert!(app.students.form.is_some());
    app.on_input(t0, &[key(KeyCode::Esc)]);
    app.on_input(t0, &[key(KeyCode::Enter)]);
    app.on_input(t0.plus(Duration::from_millis(500)), &chars("亲，您好！"));
    assert_eq!(
        app.next_wake(t0.plus(Duration::from_millis(500)).at)
            .map(|w| w > t0.at),
        Some(true)
    );
    app.on_tick(t0.plus(Duration::from_millis(5_500)));
    settle(&mut app, &mut world);
    let Screen::Results(view, _) = &app.screen else {
        panic!("the clock ended it")
    };
    // Five 字 in the 5 s the clock allowed: 60 字/分, completed, and passed.
    let s = view.figures.typing_summary().expect("typing");
    assert!((s.cpm - 60.0).abs() < 1e-9 && view.figures.completed);
    assert_eq!(view.figures.passed, Some(true));
}

#[test]
fn today_and_the_streak_follow_the_stamp_across_midnight() {
    let (ctx, mut world, _tmp) = bench();
    let late = crate::tui::clock::Stamp {
        at: Instant::now(),
        wall: chrono::DateTime::parse_from_rfc3339("2026-12-07T23:59:30+08:00").expect("time"),
    };
    let mut app = start(&ctx, text_pack("好的"), late);
    app.on_input(late, &chars("好"));
    app.on_input(late.plus(Duration::from_secs(20)), &chars("的"));
    settle(&mut app, &mut world);
    let Screen::Results(view, _) = &app.screen else {
        panic!("results")
    };
    // Finished at 23:59:50: the card's day is the session's, with its 20 s in it.
    assert_eq!(view.card.date, "2026-12-07");
    let goal = view.card.goal.expect("the goal on the card");
    assert_eq!(goal.today_minutes, 0, "20 s is under a minute");
    // Home, 30 s later: past midnight, a new day with nothing practised yet.
    let after = late.plus(Duration::from_secs(60));
    app.on_input(after, &[key(KeyCode::Esc)]);
    let mut home_app = App::new(
        &ctx,
        Start::Home {
            packs: vec![text_pack("好的")],
            file_pack: None,
        },
        after,
    );
    home_app.load_figures();
    settle(&mut home_app, &mut world);
    let g = home_app.home.goal.expect("today's goal");
    assert_eq!((g.today_minutes, g.streak_days), (0, 0));
    assert_eq!(after.today().to_string(), "2026-12-08");
}

#[test]
fn leaving_a_drill_saves_it_as_not_completed_and_says_so_at_home() {
    crate::i18n::set_lang(crate::i18n::Lang::Zh);
    let (ctx, mut world, _tmp) = bench();
    let t0 = morning();
    let mut app = App::new(
        &ctx,
        Start::Home {
            packs: vec![text_pack("亲在的")],
            file_pack: None,
        },
        t0,
    );
    app.on_input(t0, &[key(KeyCode::Enter)]);
    assert!(matches!(app.screen, Screen::Drill(..)));
    app.on_input(t0.plus(Duration::from_millis(300)), &chars("亲"));
    app.on_input(t0.plus(Duration::from_millis(600)), &[key(KeyCode::Esc)]);
    settle(&mut app, &mut world);
    assert!(matches!(app.screen, Screen::Home));
    assert_eq!(app.home.notice.as_deref(), Some("未完成的练习已保存"));
    app.ask(Effect::LoadHistory(None));
    settle(&mut app, &mut world);
    let Screen::History(view) = &app.screen else {
        panic!("history")
    };
    assert_eq!((view.rows.len(), view.rows[0].completed), (1, false));
    // A drill left with nothing typed is not saved.
    let mut app = start(&ctx, text_pack("好"), t0);
    app.on_input(t0, &[key(KeyCode::Esc)]);
    assert!(!saves(&mut app));
}

#[test]
fn the_stats_and_history_screens_come_from_the_loop_not_the_screen() {
    crate::i18n::set_lang(crate::i18n::Lang::Zh);
    let (ctx, mut world, _tmp) = bench();
    let t0 = morning();
    let mut app = App::new(
        &ctx,
        Start::Home {
            packs: vec![text_pack("好")],
            file_pack: None,
        },
        t0,
    );
    settle(&mut app, &mut world);
    app.on_input(t0, &chars("s"));
    // Nothing opened a store: the app asked.
    assert!(matches!(app.next_effect(), Some(Effect::LoadStats { .. })));
    app.ask(Effect::LoadStats { goal_minutes: 15 });
    settle(&mut app, &mut world);
    assert!(matches!(app.screen, Screen::Stats(..)));
    let shown = screen_text(&app, t0);
    assert!(shown.contains("统计"), "{shown}");
}
