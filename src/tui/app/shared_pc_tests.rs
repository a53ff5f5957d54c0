//! Exams and shared lab PCs in-process (issue 17): an exam that one Esc cannot end,
//! who takes it, retries that do not count, and whose sessions are whose.

use super::tests::{bench, chars, key, morning, saves, screen_text, start, text_pack};
use super::*;
use crate::pack::Pass;
use crate::tui::main_loop::settle;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn exam_pack(text: &str) -> Pack {
    let mut pack = text_pack(text);
    pack.drills[0].time_limit = Some(60);
    pack.drills[0].pass = Some(Pass::Typing {
        cpm: 10.0,
        accuracy: 50.0,
    });
    pack
}

fn ctrl_c() -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL))
}

fn set_student(ctx: &mut Context, id: &str, name: &str) {
    ctx.config.set("student.id", id).expect("id");
    ctx.config.set("student.name", name).expect("name");
}

fn typed(app: &App<'_>) -> usize {
    match &app.screen {
        Screen::Drill(run) => run.typing.log().len(),
        _ => panic!("not on the drill"),
    }
}

#[test]
fn esc_in_an_exam_asks_and_another_key_goes_on_untyped() {
    crate::i18n::set_lang(crate::i18n::Lang::Zh);
    let (mut ctx, mut world, _tmp) = bench();
    set_student(&mut ctx, "2026001", "张三");
    let t0 = morning();
    let mut app = start(&ctx, exam_pack("亲在的好"), t0);
    settle(&mut app, &mut world);
    assert!(screen_text(&app, t0).contains("考生：张三（2026001）"));
    app.on_input(t0, &[key(KeyCode::Enter)]);
    app.on_input(t0.plus(Duration::from_secs(1)), &chars("亲"));
    app.on_input(t0.plus(Duration::from_secs(2)), &[key(KeyCode::Esc)]);
    assert!(screen_text(&app, t0).contains("离开考试"));
    assert!(!saves(&mut app), "nothing saved by one Esc");
    // Any other key goes on and is not typed: an input method's commit included.
    let before = typed(&app);
    app.on_input(t0.plus(Duration::from_secs(3)), &chars("在的"));
    assert_eq!(typed(&app), before);
    assert!(!screen_text(&app, t0).contains("离开考试"));
    app.on_input(t0.plus(Duration::from_secs(4)), &chars("在"));
    assert_eq!(typed(&app), before + 1, "typing goes on");
    // Esc twice leaves, saved as left before its end.
    app.on_input(t0.plus(Duration::from_secs(5)), &[key(KeyCode::Esc)]);
    app.on_input(t0.plus(Duration::from_secs(5)), &[key(KeyCode::Esc)]);
    let Some(Effect::Save { record, .. }) =
        std::iter::from_fn(|| app.next_effect()).find(|e| matches!(e, Effect::Save { .. }))
    else {
        panic!("saved when left")
    };
    assert!(!record.completed);
    assert_eq!(record.student.name.as_deref(), Some("张三"));
}

#[test]
fn the_exam_clock_keeps_running_while_it_asks() {
    let (ctx, mut world, _tmp) = bench();
    let t0 = morning();
    let mut pack = exam_pack("亲在的好");
    pack.drills[0].time_limit = Some(5);
    let mut app = start(&ctx, pack, t0);
    settle(&mut app, &mut world);
    // Nobody set: the form asks who takes the exam; Esc closes it.
    assert!(app.students.form.is_some());
    app.on_input(t0, &[key(KeyCode::Esc)]);
    app.on_input(t0, &[key(KeyCode::Enter)]);
    app.on_input(t0, &chars("亲"));
    app.on_input(t0.plus(Duration::from_secs(1)), &[ctrl_c()]);
    assert!(app.question.is_some());
    app.on_tick(t0.plus(Duration::from_secs(6)));
    assert!(app.question.is_none(), "the clock ended it");
    assert!(matches!(app.screen, Screen::Results(..)));
    assert!(!app.quitting());
}

#[test]
fn ctrl_c_in_an_exam_asks_then_saves_and_quits() {
    let (ctx, _world, _tmp) = bench();
    let t0 = morning();
    let mut app = start(&ctx, exam_pack("亲在的好"), t0);
    app.students.form = None;
    app.on_input(t0, &[key(KeyCode::Enter)]);
    app.on_input(t0, &chars("亲"));
    app.on_input(t0.plus(Duration::from_secs(1)), &[ctrl_c()]);
    assert!(!app.quitting());
    app.on_input(t0.plus(Duration::from_secs(1)), &[ctrl_c()]);
    assert!(app.quitting());
    assert!(saves(&mut app));
}

#[test]
fn a_practice_drill_leaves_on_one_esc() {
    let (ctx, _world, _tmp) = bench();
    let t0 = morning();
    let mut app = start(&ctx, text_pack("亲在的好"), t0);
    app.on_input(t0, &chars("亲"));
    app.on_input(t0, &[key(KeyCode::Esc)]);
    assert!(app.question.is_none());
    assert!(saves(&mut app));
}

#[test]
fn a_retry_of_an_exam_says_it_does_not_count() {
    crate::i18n::set_lang(crate::i18n::Lang::Zh);
    let (mut ctx, mut world, _tmp) = bench();
    set_student(&mut ctx, "2026001", "张三");
    let t0 = morning();
    let mut app = start(&ctx, exam_pack("好"), t0);
    settle(&mut app, &mut world);
    assert!(!screen_text(&app, t0).contains("不计入成绩"));
    app.on_input(t0, &[key(KeyCode::Enter)]);
    app.on_input(t0, &chars("好"));
    settle(&mut app, &mut world);
    assert!(matches!(app.screen, Screen::Results(..)));
    // r: the rules again, now saying this one is practice.
    app.on_input(t0.plus(Duration::from_secs(1)), &chars("r"));
    settle(&mut app, &mut world);
    assert!(matches!(app.screen, Screen::Rules(_)));
    let shown = screen_text(&app, t0);
    assert!(shown.contains("不计入成绩"), "{shown}");
    // Another student at the same PC takes it for the first time.
    let (mut ctx2, _, _tmp2) = bench();
    set_student(&mut ctx2, "2026002", "李四");
    let mut app = start(&ctx2, exam_pack("好"), t0);
    settle(&mut app, &mut world);
    assert!(!screen_text(&app, t0).contains("不计入成绩"));
}

#[test]
fn a_quick_reply_whose_clock_ran_out_untouched_is_not_saved() {
    use crate::pack::{DrillBody, Scenario};
    let (ctx, mut world, _tmp) = bench();
    let t0 = morning();
    let scenario = Scenario {
        customer: vec!["在吗".into()],
        expect: vec!["hy".into()],
        slots: vec![],
        card: vec![],
        context: None,
    };
    let mut pack = crate::testing::pack_with(
        DrillBody::QuickReply {
            scenarios: vec![scenario],
            target_seconds: 10,
        },
        Some(5),
    );
    pack.templates = vec![crate::testing::template("hy", "售前", "亲，在的")];
    let mut app = start(&ctx, pack, t0);
    app.on_input(t0, &[key(KeyCode::Enter)]);
    assert!(matches!(app.screen, Screen::Reply(..)));
    app.on_tick(t0.plus(Duration::from_secs(6)));
    assert!(!saves(&mut app));
    settle(&mut app, &mut world);
    assert!(!matches!(app.screen, Screen::Results(..)));
}

/// How many sessions the history screen lists (whose, by the scope).
fn listed(app: &mut App<'_>, world: &mut crate::tui::world::World) -> usize {
    let back = std::mem::replace(&mut app.screen, Screen::Home);
    app.ask(Effect::LoadHistory(None));
    settle(app, world);
    let n = match &app.screen {
        Screen::History(v) => v.rows.len(),
        _ => panic!("history"),
    };
    app.screen = back;
    n
}

fn home(ctx: &Context, packs: Vec<Pack>, now: Stamp) -> App<'_> {
    App::new(
        ctx,
        Start::Home {
            packs,
            file_pack: None,
        },
        now,
    )
}

#[test]
fn a_student_set_long_ago_is_asked_whether_it_is_still_them() {
    crate::i18n::set_lang(crate::i18n::Lang::Zh);
    let (mut ctx, mut world, _tmp) = bench();
    set_student(&mut ctx, "2026001", "张三");
    let t0 = morning();
    // 张三 practised at 09:00.
    let mut app = home(&ctx, vec![text_pack("好")], t0);
    app.load_figures();
    settle(&mut app, &mut world);
    assert!(app.question.is_none(), "no session yet: not asked");
    app.on_input(t0, &[key(KeyCode::Enter)]);
    app.on_input(t0, &chars("好"));
    settle(&mut app, &mut world);
    // Half an hour later: the same class, not asked.
    let soon = t0.plus(Duration::from_secs(30 * 60));
    let mut app = home(&ctx, vec![text_pack("好")], soon);
    app.load_figures();
    settle(&mut app, &mut world);
    assert!(app.question.is_none());
    // Two hours later the next class sits down: asked; n opens an empty form.
    let later = t0.plus(Duration::from_secs(2 * 3600));
    let mut app = home(&ctx, vec![text_pack("好")], later);
    app.load_figures();
    settle(&mut app, &mut world);
    let shown = screen_text(&app, later);
    assert!(shown.contains("你是 张三（2026001） 吗"), "{shown}");
    app.on_input(later, &chars("n"));
    let form = app.students.form.as_ref().expect("the form");
    assert_eq!((form.text(0), form.text(1)), (String::new(), String::new()));
}

#[test]
fn sessions_before_registering_are_claimed_only_when_the_student_says_so() {
    crate::i18n::set_lang(crate::i18n::Lang::Zh);
    let (ctx, mut world, _tmp) = bench();
    let t0 = morning();
    let mut app = home(&ctx, vec![text_pack("好")], t0);
    app.load_figures();
    settle(&mut app, &mut world);
    assert!(app.question.is_none(), "nobody set: nobody to ask about");
    app.on_input(t0, &[key(KeyCode::Enter)]);
    app.on_input(t0, &chars("好"));
    settle(&mut app, &mut world);
    app.on_input(t0.plus(Duration::from_secs(1)), &[key(KeyCode::Esc)]);
    // 王五 registers: asked whether the session is theirs.
    app.on_input(t0, &chars("u"));
    app.on_input(t0, &chars("2026003"));
    app.on_input(t0, &[key(KeyCode::Enter)]);
    app.on_input(t0, &chars("王五"));
    app.on_input(t0, &[key(KeyCode::Enter)]);
    settle(&mut app, &mut world);
    let shown = screen_text(&app, t0);
    assert!(shown.contains("有 1 次练习"), "{shown}");
    // Another key does not answer.
    app.on_input(t0, &chars("x"));
    assert!(app.question.is_some());
    app.on_input(t0, &chars("y"));
    settle(&mut app, &mut world);
    assert_eq!(
        app.home.notice.as_deref(),
        Some("1 次练习已记到 王五（2026003） 名下")
    );
    assert_eq!(
        listed(&mut app, &mut world),
        1,
        "王五's history has the claimed session"
    );
}

#[test]
fn home_shows_the_current_students_figures_and_a_shows_everyones() {
    crate::i18n::set_lang(crate::i18n::Lang::Zh);
    let (mut ctx, mut world, _tmp) = bench();
    let t0 = morning();
    // 李四 practises first.
    set_student(&mut ctx, "2026002", "李四");
    let mut app = start(&ctx, text_pack("好"), t0);
    app.on_input(t0, &chars("好"));
    settle(&mut app, &mut world);
    // Then 张三 opens home on the same PC: nothing of theirs yet.
    let mut ctx2 = ctx.clone();
    set_student(&mut ctx2, "2026001", "张三");
    let soon = t0.plus(Duration::from_secs(60));
    let mut app = home(&ctx2, vec![text_pack("好")], soon);
    app.load_figures();
    settle(&mut app, &mut world);
    assert_eq!(listed(&mut app, &mut world), 0);
    app.on_input(soon, &chars("a"));
    settle(&mut app, &mut world);
    assert_eq!(listed(&mut app, &mut world), 1);
    assert!(screen_text(&app, soon).contains("显示全部学生"));
    app.on_input(soon, &chars("a"));
    settle(&mut app, &mut world);
    assert_eq!(listed(&mut app, &mut world), 0);
}
