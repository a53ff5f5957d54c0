//! The work a shift's agent starts, in a real terminal (tmux), on the built-in 双11 peak
//! at 100×30 and 80×24: Ctrl-F lists the unpaid orders, a 催付 filled from the order card
//! is paid by the script five seconds later, Ctrl-R saves the result note, the results
//! count them, and `verify` agrees with the record.

mod common;

use common::cli::kuaida_ok;
use common::{Opts, Tmux};

fn remind_and_note(t: &Tmux) {
    t.wait_for("the rules", |s| {
        s.contains("待付款订单") && s.contains("Enter 开始")
    });
    t.key("Enter");
    t.wait_for("the first buyer", |s| s.contains("▶小鹿"));
    t.key("C-f");
    t.wait_for("the order list", |s| {
        s.contains("阿强 · 羽绒服 黑色L · ¥399") && s.contains("下单 30 分钟")
    });
    t.key("Enter");
    t.wait_for("the order opened", |s| {
        s.contains("▶催付·阿强") && s.contains("订单状态：待付款")
    });
    t.choose_phrase("cf2");
    t.wait_for("the phrase in the box", |s| s.contains("{商品}"));
    // The blanks from the order card: 商品, then (Tab) 关闭时间.
    t.key("C-o");
    t.wait_for("the card picker", |s| s.contains("插入订单信息"));
    t.key("Enter");
    t.key("Tab");
    t.key("C-o");
    t.wait_for("the card picker again", |s| s.contains("插入订单信息"));
    t.key("Down");
    t.key("Enter");
    t.wait_for("both filled", |s| {
        !s.contains("{关闭时间}") && s.contains("21:15")
    });
    t.key("Enter");
    t.wait_for("paid by the script", |s| s.contains("顾客已付款"));
    t.type_like_a_person("已催付，顾客付款");
    t.key("C-r");
    t.wait_for("the note saved", |s| s.contains("催付结果备注：已催付"));
    t.key("Escape");
    t.wait_for("asked first", |s| s.contains("结束班次？"));
    t.key("Enter");
}

#[test]
fn a_reminder_from_the_order_list_is_paid_and_noted() {
    let tmp = tempfile::TempDir::new().expect("tempdir");
    let data = tmp.path().join("data");
    for (w, h, name) in [(100, 30, "work100"), (80, 24, "work80")] {
        let Some(t) = Tmux::start_with(
            name,
            &["--lang", "zh", "drill", "big-sale/peak-shift"],
            Opts {
                data_dir: Some(data.clone()),
                size: (w, h),
                ..Opts::default()
            },
        ) else {
            return;
        };
        remind_and_note(&t);
        let results = t.wait_for("results", |s| {
            s.contains("班次成绩") && s.contains("再练一次")
        });
        assert!(results.contains("催付成功"), "{results}");
        assert!(results.contains("1/4"), "{results}");
        assert!(results.contains("结果备注    1/1"), "{results}");
        t.leave_results("Escape");
        assert_eq!(t.wait_exit(), "0");
    }
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
        &["--lang", "zh", "verify", &file.display().to_string()],
    );
    assert!(verdict.contains("2 条记录全部相符"), "{verdict}");
}
