//! A shift in a real terminal (tmux), as a student works it: the rules, two buyers, the
//! second arriving while the first is answered, switching with Ctrl-N, ending with Esc
//! (asked first), the results — and `history --json` and `verify` agreeing with them.

mod common;

use common::cli::kuaida_ok;
use common::{Opts, Tmux};
use std::path::Path;

fn pack() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/tui/shift.toml")
        .display()
        .to_string()
}

fn work_the_shift(t: &Tmux, height: u16) {
    t.wait_for("the rules", |s| {
        s.contains("班次 2 分钟") && s.contains("Enter 开始")
    });
    t.key("Enter");
    t.wait_for("the first buyer", |s| {
        s.contains("▶小鹿") && s.contains("在吗")
    });
    t.choose_phrase("hy");
    t.key("C-o");
    t.wait_for("the card picker", |s| s.contains("插入订单信息"));
    t.key("Enter");
    t.wait_for("the reply filled", |s| s.contains("亲，欢迎光临小橙家居"));
    // The real cursor sits after the filled-in shop name, in the reply box (its three
    // rows sit above the key line and the box's lower border).
    let row: u16 = t.display("#{cursor_y}").trim().parse().unwrap_or(0);
    assert!((height - 5..height - 2).contains(&row), "cursor row {row}");
    t.key("Enter");
    // 阿杰 has come meanwhile: unread, never taking the focus.
    t.wait_for("阿杰 waiting", |s| s.contains("阿杰") && s.contains("●1"));
    t.key("C-n");
    t.wait_for("阿杰 in focus", |s| {
        s.contains("▶阿杰") && s.contains("我的快递到哪了")
    });
    // The list is on the screen before Enter, as a person sees it: "/wl" and Enter in one
    // read (a loaded machine) is not a choice from the list.
    t.choose_phrase("wl");
    t.key("C-o");
    t.key("Enter");
    t.wait_for("the number in", |s| s.contains("7312345678901，请注意查收"));
    t.key("Enter");
    t.wait_for("both served", |s| s.contains("已回复 2/2"));
    t.key("Escape");
    t.wait_for("asked first", |s| s.contains("结束班次？"));
    t.key("Enter");
}

#[test]
fn a_shift_is_worked_switched_ended_and_verified() {
    let tmp = tempfile::TempDir::new().expect("tempdir");
    let data = tmp.path().join("data");
    let pack = pack();
    for (w, h, name) in [(100, 30, "shift100"), (80, 24, "shift80")] {
        let Some(t) = Tmux::start_with(
            name,
            &["--lang", "zh", "drill", "--file", &pack, "desk"],
            Opts {
                data_dir: Some(data.clone()),
                size: (w, h),
                ..Opts::default()
            },
        ) else {
            return;
        };
        work_the_shift(&t, h);
        let results = t.wait_for("results", |s| {
            s.contains("班次成绩") && s.contains("再练一次")
        });
        assert!(results.contains("100%（2/2）"), "{results}");
        assert!(results.contains("（提前结束的班次）"), "{results}");
        t.leave_results("Escape");
        assert_eq!(t.wait_exit(), "0");
    }
    let doc: serde_json::Value =
        serde_json::from_str(&kuaida_ok(&data, &["history", "--json"])).expect("json");
    let sessions = doc["sessions"].as_array().expect("sessions");
    assert_eq!(sessions.len(), 2);
    for s in sessions {
        assert_eq!(s["kind"], "shift");
        assert_eq!(s["messages"].as_array().map(Vec::len), Some(2));
        assert_eq!(s["shift"]["buyers"], serde_json::json!(["小鹿", "阿杰"]));
        assert_eq!(s["completed"], false);
    }
    // The teacher's check: exported, verified against the pack, nothing amiss.
    let out = tmp.path().join("out");
    std::fs::create_dir_all(&out).expect("out");
    kuaida_ok(&data, &["export", "--out", &out.display().to_string()]);
    let file = std::fs::read_dir(&out)
        .expect("out")
        .flatten()
        .next()
        .expect("an export")
        .path();
    let verdict = kuaida_ok(
        &data,
        &[
            "--lang",
            "zh",
            "verify",
            &file.display().to_string(),
            "--pack",
            &pack,
        ],
    );
    // Exit 0; both replayed through the trainer's own shift and found to hold.
    assert!(
        verdict.contains("2 条记录全部相符（0 条未重算成绩）"),
        "{verdict}"
    );
    // The history list shows the shift's own figures, never 字/分.
    let list = kuaida_ok(&data, &["--lang", "zh", "history"]);
    assert!(list.contains("回复 2/2"), "{list}");
    assert!(!list.contains("字/分 "), "{list}");
}
