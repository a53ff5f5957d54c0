//! The three built-in shifts run in a real terminal (tmux) at 100×30 and 80×24: the rules,
//! the first buyer in the conversation list with their message and order card, the keys
//! on the hint line, and the results once the student ends the shift.

mod common;

use common::{Opts, Tmux};

#[test]
fn every_built_in_shift_runs_at_both_sizes() {
    let shifts = [
        ("presale/morning-shift", "小鹿", "这件针织开衫还有货吗"),
        ("after-sale/afternoon-shift", "陈女士", "我的快递三天没动了"),
        ("big-sale/peak-shift", "小鹿", "跨店满减是怎么算的"),
    ];
    for (w, h) in [(100u16, 30u16), (80, 24)] {
        for (i, (drill, buyer, message)) in shifts.iter().enumerate() {
            let tmp = tempfile::TempDir::new().expect("tempdir");
            let Some(t) = Tmux::start_with(
                &format!("builtin-shift-{w}-{i}"),
                &["--lang", "zh", "drill", drill],
                Opts {
                    data_dir: Some(tmp.path().join("data")),
                    size: (w, h),
                    ..Opts::default()
                },
            ) else {
                return;
            };
            // An exam-free shift: the rules, then the desk.
            t.wait_for("the rules", |s| s.contains("Enter 开始"));
            t.key("Enter");
            let desk = t.wait_for("the first buyer", |s| {
                s.contains(&format!("▶{buyer}")) && s.contains(message)
            });
            assert!(desk.contains("接待中心") && desk.contains("订单"), "{desk}");
            assert!(desk.contains("Ctrl-F") && desk.contains("Ctrl-T"), "{desk}");
            // The real cursor sits in the reply box, above its lower border and the hint.
            let row: u16 = t.display("#{cursor_y}").trim().parse().unwrap_or(0);
            assert!(
                (h - 5..h - 2).contains(&row),
                "{drill} {w}x{h}: cursor row {row}"
            );
            t.type_text("亲");
            t.key("Escape");
            t.wait_for("asked first", |s| s.contains("结束班次？"));
            t.key("Enter");
            let results = t.wait_for("results", |s| s.contains("班次成绩"));
            assert!(results.contains("回复率"), "{results}");
            t.leave_results("Escape");
            assert_eq!(t.wait_exit(), "0");
        }
    }
}
