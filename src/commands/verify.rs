//! `kuaida verify FILE|DIR|ZIP... [--pack PACK.toml]... [--from DATE] [--to DATE]
//! [--code CODE]...`: every session of every file recomputed from its keystrokes and
//! compared with the teacher's drill, copies looked for across the files; one line per
//! file, its findings under it. Exit 0 all holds, 1 a finding or a file not read, 2
//! nothing could be read.

use super::class;
use super::config::print;
use crate::cli::VerifyArgs;
use crate::context::Context;
use crate::cost::PER_FILE;
use crate::report::collection::Source;
use crate::report::when::Zone;
use crate::report::{Flag, clean};
use crate::{Error, Result, tr};
use std::collections::BTreeSet;

pub fn run(ctx: &Context, args: &VerifyArgs) -> Result<i32> {
    let prepared = class::prepare(ctx, &args.checks, Zone::Local)?;
    for w in &prepared.warnings {
        class::warn(w);
    }
    let read = class::read(&args.inputs, prepared.checks);
    if read.files == 0 {
        for w in &read.collected.warnings {
            class::warn(w);
        }
        return Err(Error::Usage(tr!(
            "没有读到任何成绩文件",
            "no results files could be read"
        )));
    }
    let c = &read.collection;
    let mut out = String::new();
    let mut failed = 0;
    for (i, source) in c.sources().iter().enumerate() {
        let findings: Vec<_> = c
            .findings()
            .iter()
            .filter(|p| p.source == i)
            .map(|p| &p.finding)
            .collect();
        let flagged: BTreeSet<&str> = findings
            .iter()
            .filter(|f| f.flag != Flag::Left)
            .map(|f| f.session.as_str())
            .collect();
        if !flagged.is_empty() || source.over_cost > 0 {
            failed += 1;
        }
        out.push_str(&file_line(source, flagged.len(), findings.len()));
        out.push('\n');
        for f in &findings {
            out.push_str(&format!("  {}\n", f.line()));
        }
        for n in &source.notes {
            out.push_str(&format!("  {}\n", clean(n)));
        }
        if source.over_cost > 0 {
            out.push_str(&format!(
                "  {}\n",
                over_cost_line(&source.name, source.over_cost)
            ));
        }
    }
    for w in &read.collected.warnings {
        out.push_str(&tr!("无法读取 · {w}\n", "not read · {w}\n"));
    }
    for n in class::run_notes(c) {
        out.push_str(&tr!("（提示）{n}\n", "(note) {n}\n"));
    }
    let (files, unread) = (c.sources().len(), read.collected.warnings.len());
    out.push_str(&tr!(
        "共 {files} 个成绩文件：{failed} 个有问题；{unread} 个文件无法读取\n",
        "{files} results files: {failed} with problems; {unread} files not read\n"
    ));
    print(&out);
    Ok(if failed == 0 && unread == 0 { 0 } else { 1 })
}

/// `FILE: all N sessions hold`, or how many have problems.
fn file_line(s: &Source, flagged: usize, problems: usize) -> String {
    let (shown, total, unchecked) = (&s.name, s.sessions, s.not_recomputed);
    if s.over_cost > 0 {
        let checked = total - s.over_cost;
        let over_cost = s.over_cost;
        tr!(
            "{shown}：{total} 条记录中 {over_cost} 条因超出核对上限未核对，其余 {checked} 条中 {flagged} 条有问题",
            "{shown}: {over_cost} of {total} sessions not checked (cap reached); of the other {checked}, {flagged} have problems"
        )
    } else if flagged == 0 {
        tr!(
            "{shown}：{total} 条记录全部相符（{unchecked} 条未重算成绩）",
            "{shown}: all {total} sessions hold ({unchecked} not recomputed)"
        )
    } else {
        tr!(
            "{shown}：{total} 条记录中 {flagged} 条有问题，共 {problems} 处（{unchecked} 条未重算成绩）",
            "{shown}: {flagged} of {total} sessions have problems, {problems} in all ({unchecked} not recomputed)"
        )
    }
}

/// `FILE: N sessions not checked: the file reached the cap` (a finding, exit 1: no
/// honest record costs more to check than its size allows).
pub fn over_cost_line(shown: &str, sessions: usize) -> String {
    let cap = PER_FILE;
    tr!(
        "{shown}：核对步数达到每个文件 {cap} 步的上限，{sessions} 条记录未核对（正常的成绩文件远用不到这么多，请检查此文件）",
        "{shown}: reached the cap of {cap} steps per file; {sessions} sessions not checked (no honest results file comes near it: look at this file)"
    )
}
