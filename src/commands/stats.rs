//! `kuaida stats [--json]`: totals, level, per-drill bests and the weakest characters.

use super::Context;
use super::output::{clean, print};
use crate::fit::aligned;
use crate::pinyin::PinyinWeak;
use crate::stats::goal::{self, GoalStatus};
use crate::stats::levels::{self, LEVEL_ACCURACY, LevelProgress};
use crate::stats::weak::{self, CharTotals, Confusion, SlowChar};
use crate::store::{AnswerBest, DrillBest, Store, Totals};
use crate::{Error, Result, tr};
use serde_json::json;

/// How many weak characters and confusions are listed.
const TOP: usize = 20;

/// Everything `stats` shows, gathered once.
struct Stats {
    totals: Totals,
    level: LevelProgress,
    drills: Vec<DrillBest>,
    answers: Vec<AnswerBest>,
    chars: Vec<CharTotals>,
    /// The slowest characters, by the median of single-grapheme commits.
    slow: Vec<SlowChar>,
    goal: GoalStatus,
    pinyin: PinyinWeak,
}

pub fn run(ctx: &Context, json: bool) -> Result<i32> {
    let stats = gather(ctx)?;
    if json {
        let mut text = serde_json::to_string_pretty(&to_json(&stats))
            .map_err(|e| Error::store_because(format!("JSON: {e}"), e))?;
        text.push('\n');
        print(&crate::safe_text::json_escaped(&text));
    } else {
        print(&to_text(&stats));
    }
    Ok(0)
}

fn gather(ctx: &Context) -> Result<Stats> {
    let today = chrono::Local::now().date_naive();
    let minutes = ctx.config.goal_minutes();
    // Stats never create a history that is not there.
    if !ctx.data.history().exists() {
        return Ok(Stats {
            totals: Totals::default(),
            level: levels::progress(None),
            drills: Vec::new(),
            answers: Vec::new(),
            chars: Vec::new(),
            slow: Vec::new(),
            goal: goal::status(&[], today, minutes),
            pinyin: PinyinWeak::default(),
        });
    }
    let store = Store::open_reading(&ctx.data)?;
    let best = store.best_run(LEVEL_ACCURACY)?;
    Ok(Stats {
        totals: store.totals()?,
        level: levels::progress(best.map(|b| b.cpm)),
        drills: store.drill_bests()?,
        answers: store.answer_bests()?,
        chars: store.char_totals()?,
        slow: store.slow_chars()?,
        goal: store.goal_status(today, minutes)?,
        pinyin: store.pinyin_weak()?,
    })
}

fn char_json(t: &CharTotals) -> serde_json::Value {
    json!({
        "grapheme": t.grapheme,
        "typed": t.typed,
        "wrong": t.wrong,
        "error_rate": round(t.error_rate() * 100.0),
        "mean_latency_ms": t.mean_latency_ms().map(round),
        "instead": t.confusions.iter().map(|(typed, times)| json!({"typed": typed, "times": times})).collect::<Vec<_>>(),
    })
}

fn to_json(s: &Stats) -> serde_json::Value {
    let confusions: Vec<serde_json::Value> = weak::confusions(&s.chars)
        .iter()
        .take(TOP)
        .map(|c: &Confusion| json!({"target": c.target, "typed": c.typed, "times": c.count}))
        .collect();
    json!({
        "totals": s.totals,
        "level": {
            "reached": s.level.reached,
            "next": s.level.next,
            "cpm_to_go": round(s.level.cpm_to_go),
            "accuracy": LEVEL_ACCURACY,
        },
        "goal": s.goal,
        "drills": s.drills,
        "answers": s.answers,
        "weak": {
            "by_errors": weak::by_errors(&s.chars).into_iter().take(TOP).map(char_json).collect::<Vec<_>>(),
            "by_slowness": s.slow.iter().take(TOP).map(|c| json!({
                "grapheme": c.grapheme,
                "samples": c.samples,
                "median_ms": round(c.median_ms),
            })).collect::<Vec<_>>(),
            "confusions": confusions,
        },
        "pinyin": pinyin_json(&s.pinyin),
    })
}

fn round(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

fn to_text(s: &Stats) -> String {
    let t = &s.totals;
    let (minutes, seconds) = (t.practice_ms / 60_000, t.practice_ms / 1000 % 60);
    let mut out = tr!(
        "练习 {} 次（完成 {} 次），共 {minutes} 分 {seconds} 秒，输入 {} 字\n",
        "{} sessions ({} completed), {minutes} min {seconds} s, {} characters typed\n",
        t.sessions,
        t.completed,
        t.graphemes_typed
    );
    out.push_str(&match (s.level.reached, s.level.next) {
        (Some(r), Some(n)) => tr!(
            "等级：{r} 字/分（准确率 {LEVEL_ACCURACY:.0}%）；离 {n} 字/分还差 {:.1}\n",
            "Level: {r} cpm (at {LEVEL_ACCURACY:.0}% accuracy); {:.1} cpm to go for {n}\n",
            s.level.cpm_to_go
        ),
        (Some(r), None) => tr!(
            "等级：{r} 字/分（准确率 {LEVEL_ACCURACY:.0}%），已是最高等级\n",
            "Level: {r} cpm (at {LEVEL_ACCURACY:.0}% accuracy), the top level\n"
        ),
        (None, Some(n)) => tr!(
            "等级：未达到；第一级是 {n} 字/分（准确率 {LEVEL_ACCURACY:.0}%），还差 {:.1}\n",
            "Level: none yet; the first is {n} cpm at {LEVEL_ACCURACY:.0}% accuracy, {:.1} to go\n",
            s.level.cpm_to_go
        ),
        (None, None) => String::new(),
    });
    out.push_str(&s.goal.line());
    out.push('\n');
    if t.halfwidth > 0 {
        out.push_str(&tr!(
            "半角标点 {} 次：打中文时请把输入法切到中文标点（常用 Ctrl+.）\n",
            "{} half-width marks: switch the input method to Chinese punctuation (often Ctrl+.)\n",
            t.halfwidth
        ));
    }
    if !s.drills.is_empty() {
        out.push('\n');
        let mut rows = vec![vec![
            tr!("练习", "Drill"),
            tr!("次数", "Sessions"),
            tr!("最好 字/分", "Best cpm"),
            tr!("准确率", "Accuracy"),
            tr!("近5次 字/分", "Recent cpm"),
        ]];
        for d in &s.drills {
            rows.push(vec![
                clean(&format!("{}/{}", d.pack, d.drill)),
                d.sessions.to_string(),
                format!("{:.1}", d.best_cpm),
                format!("{:.1}%", d.best_accuracy),
                format!("{:.1}", d.recent_cpm),
            ]);
        }
        out.push_str(&aligned(&rows, &[false, true, true, true, true]));
    }
    if !s.answers.is_empty() {
        // Answering drills: their own figures, never under 字/分.
        out.push('\n');
        let mut rows = vec![vec![
            tr!("快捷回复与编码", "Replies and codes"),
            tr!("次数", "Sessions"),
            tr!("最好 正确", "Best right"),
            tr!("最快 响应", "Fastest"),
            tr!("近5次 正确", "Recent right"),
        ]];
        for a in &s.answers {
            rows.push(vec![
                clean(&format!("{}/{}", a.pack, a.drill)),
                a.sessions.to_string(),
                format!("{:.0}%", a.best_right),
                a.best_mean_ms.map_or("—".to_string(), |ms| {
                    tr!("{:.1} 秒", "{:.1} s", ms as f64 / 1000.0)
                }),
                format!("{:.0}%", a.recent_right),
            ]);
        }
        out.push_str(&aligned(&rows, &[false, true, true, true, true]));
    }
    let by_errors = weak::by_errors(&s.chars);
    if !by_errors.is_empty() {
        out.push('\n');
        out.push_str(&tr!("最常错的字：\n", "Most missed:\n"));
        let mut rows = vec![vec![
            tr!("字", "Char"),
            tr!("输入", "Typed"),
            tr!("错", "Wrong"),
            tr!("错误率", "Error rate"),
            tr!("打成", "Typed instead"),
        ]];
        for c in by_errors.into_iter().take(TOP) {
            let instead: Vec<String> = c
                .confusions
                .iter()
                .map(|(typed, times)| format!("{}×{times}", shown(typed)))
                .collect();
            rows.push(vec![
                shown(&c.grapheme),
                c.typed.to_string(),
                c.wrong.to_string(),
                format!("{:.0}%", c.error_rate() * 100.0),
                instead.join(" "),
            ]);
        }
        out.push_str(&aligned(&rows, &[false, true, true, true, false]));
    }
    if !s.slow.is_empty() {
        out.push('\n');
        out.push_str(&tr!(
            "最慢的字（单字上屏的用时，中位数）：\n",
            "Slowest (time of a 字 committed alone, median):\n"
        ));
        let mut rows = vec![vec![
            tr!("字", "Char"),
            tr!("中位用时", "Median time"),
            tr!("次数", "Samples"),
        ]];
        for c in s.slow.iter().take(10) {
            rows.push(vec![
                shown(&c.grapheme),
                format!("{:.0} ms", c.median_ms),
                c.samples.to_string(),
            ]);
        }
        out.push_str(&aligned(&rows, &[false, true, true]));
    }
    out.push_str(&pinyin_text(&s.pinyin));
    out
}

fn syllable_json(s: &crate::pinyin::SyllableFigure) -> serde_json::Value {
    json!({
        "syllable": s.syllable,
        "typed": s.typed,
        "missed": s.missed,
        "miss_rate": round(s.miss_rate() * 100.0),
        "mean_ms": s.mean_ms().map(round),
    })
}

/// Pinyin practice: the weak syllables and the initial/final groups.
fn pinyin_json(w: &PinyinWeak) -> serde_json::Value {
    json!({
        "sessions": w.sessions,
        "slowest": w.slowest().into_iter().take(TOP).map(syllable_json).collect::<Vec<_>>(),
        "most_missed": w.most_missed().into_iter().take(TOP).map(syllable_json).collect::<Vec<_>>(),
        "groups": w.groups.iter().map(|g| json!({
            "group": g.group,
            "typed": g.typed,
            "missed": g.missed,
            "miss_rate": round(g.miss_rate() * 100.0),
            "mean_ms": g.mean_ms().map(round),
        })).collect::<Vec<_>>(),
    })
}

fn pinyin_text(w: &PinyinWeak) -> String {
    if w.sessions == 0 {
        return String::new();
    }
    let mut out = tr!(
        "\n拼音练习（最近 {} 次）：\n",
        "\nPinyin practice (last {} sessions):\n",
        w.sessions
    );
    let mut rows = vec![vec![
        tr!("音节", "Syllable"),
        tr!("输入", "Typed"),
        tr!("错", "Missed"),
        tr!("错误率", "Miss rate"),
        tr!("平均用时", "Mean time"),
    ]];
    let mut seen = Vec::new();
    for s in w.most_missed().into_iter().chain(w.slowest()).take(TOP) {
        if seen.contains(&s.syllable) {
            continue;
        }
        seen.push(s.syllable.clone());
        rows.push(vec![
            clean(&s.syllable),
            s.typed.to_string(),
            s.missed.to_string(),
            format!("{:.0}%", s.miss_rate() * 100.0),
            s.mean_ms().map_or("—".into(), |ms| format!("{ms:.0} ms")),
        ]);
    }
    if rows.len() > 1 {
        out.push_str(&aligned(&rows, &[false, true, true, true, true]));
    }
    let groups: Vec<String> = w
        .groups
        .iter()
        .map(|g| {
            format!(
                "{} {:.0}%{}",
                g.group,
                g.miss_rate() * 100.0,
                g.mean_ms()
                    .map_or(String::new(), |ms| format!(" {ms:.0}ms"))
            )
        })
        .collect();
    if !groups.is_empty() {
        out.push_str(&tr!(
            "声母韵母（错误率 平均用时）：{}\n",
            "Initials and finals (miss rate, mean time): {}\n",
            groups.join("  ")
        ));
    }
    out
}

/// A grapheme as a person can see it in a table: Enter as ↵, a space as ␣.
fn shown(g: &str) -> String {
    match g {
        "\n" => "↵".to_string(),
        " " => "␣".to_string(),
        _ => clean(g),
    }
}
