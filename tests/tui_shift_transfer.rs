//! Stage two of a shift in a real terminal (tmux): an order card that changes when a
//! message comes, a buyer passed to a colleague with Ctrl-T and a note, a buyer who
//! orders — the results say 转接 and 询单转化, and `verify` agrees with them.

mod common;

use common::cli::kuaida_ok;
use common::{Opts, Tmux};
use std::path::Path;

/// `/code`, the phrase chosen, then sent once the reply box shows `text`.
fn send(t: &Tmux, code: &str, text: &str) {
    t.choose_phrase(code);
    t.wait_for("the reply in the box", |s| s.contains(text));
    t.key("Enter");
}

#[test]
fn a_card_changes_a_buyer_is_passed_on_and_one_orders() {
    let tmp = tempfile::TempDir::new().expect("tempdir");
    let data = tmp.path().join("data");
    let pack = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/tui/shift_transfer.toml")
        .display()
        .to_string();
    let Some(t) = Tmux::start_with(
        "shift-transfer",
        &["--lang", "zh", "drill", "--file", &pack, "desk"],
        Opts {
            data_dir: Some(data.clone()),
            ..Opts::default()
        },
    ) else {
        return;
    };
    t.wait_for("the rules", |s| s.contains("Enter 开始"));
    t.key("Enter");
    // The first message changes the card: 运输中 → 已签收, said in the chat.
    t.wait_for("the card changed", |s| {
        s.contains("物流：已签收") && s.contains("订单物流：运输中 → 已签收")
    });
    send(&t, "qs", "麻烦先看看门卫");
    t.wait_for("小鹿 orders", |s| s.contains("顾客已下单"));
    send(&t, "gb", "亲，感谢光临");
    // 老周 needs a colleague: a soothing reply, then the note and Ctrl-T.
    t.key("C-n");
    t.wait_for("老周 in focus", |s| {
        s.contains("▶老周") && s.contains("我要退货")
    });
    t.key("C-t");
    t.wait_for("asked for a note", |s| {
        s.contains("转接前先在输入框写好转接备注")
    });
    send(&t, "zjsh", "马上为您转接");
    t.type_like_a_person("要退货，请售后处理");
    t.key("C-t");
    t.wait_for("passed on", |s| {
        s.contains("已转接同事，备注：要退货") && s.contains("▶老周           已转接")
    });
    t.key("Escape");
    t.wait_for("asked first", |s| s.contains("结束班次？"));
    t.key("Enter");
    let results = t.wait_for("results", |s| {
        s.contains("班次成绩") && s.contains("再练一次")
    });
    assert!(results.contains("1（该转的 1/1）"), "{results}");
    assert!(results.contains("100%（1/1）"), "{results}");
    t.leave_results("Escape");
    assert_eq!(t.wait_exit(), "0");

    let doc: serde_json::Value =
        serde_json::from_str(&kuaida_ok(&data, &["history", "--json"])).expect("json");
    let s = &doc["sessions"][0];
    let transfer = s["keystrokes"]
        .as_array()
        .expect("keystrokes")
        .iter()
        .find(|k| k["op"] == "transfer")
        .expect("a transfer logged");
    assert_eq!(transfer["conversation"], 1);
    assert_eq!(transfer["text"], "要退货，请售后处理");
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
    assert!(verdict.contains("1 条记录全部相符"), "{verdict}");
}
