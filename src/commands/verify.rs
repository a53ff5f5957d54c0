//! `kuaida verify RESULTS.json [--pack PACK.toml]...`: recompute every session from its
//! keystrokes and list what does not add up. Exit 0 all holds, 1 problems, 2 unreadable.

use super::config::print;
use crate::cost::{Meter, PER_FILE};
use crate::pack::{LoadError, PackSource, load_file};
use crate::record::SessionRecord;
use crate::report::clean;
use crate::verify::check_metered;
use crate::{Error, Result, tr};
use std::path::{Path, PathBuf};

pub fn run(results: &Path, pack_files: &[PathBuf]) -> Result<i32> {
    let mut packs = Vec::new();
    for path in pack_files {
        let pack =
            load_file(path, PackSource::File { path: path.clone() }).map_err(|e| match e {
                LoadError::Io(e) => e,
                LoadError::Invalid(problems) => {
                    let first = problems
                        .first()
                        .map(|p| clean(&p.to_string()))
                        .unwrap_or_default();
                    Error::Usage(tr!(
                        "老师的练习包无效：{first}",
                        "the teacher's pack is invalid: {first}"
                    ))
                }
            })?;
        packs.push(pack);
    }
    let doc = crate::record::file::read(results)?;
    let mut out = String::new();
    let (mut flagged, mut problems, mut unchecked) = (0, 0, 0);
    // One file: its steps are the run's (crate::cost).
    let mut meter = Meter::new(PER_FILE);
    let mut over_cost = 0;
    for session in &doc.sessions {
        let checked = check_metered(session, &packs, &mut meter);
        let label = label(session);
        if checked.over_cost {
            over_cost += 1;
            unchecked += 1;
            continue;
        }
        for p in checked.problems.iter().chain(&checked.notes) {
            out.push_str(&format!("{label}: {}\n", clean(&p.message())));
        }
        if checked.not_recomputed {
            unchecked += 1;
            out.push_str(&format!(
                "{label}: {}\n",
                tr!(
                    "（提示）没有这次练习所用的练习包（或击键无法判定），成绩未全部重算，只查了击键记录能说明的部分",
                    "(note) figures not fully recomputed: no copy of the drill to replay (give --pack) or the log is too ambiguous; what the log alone decides was checked"
                )
            ));
        }
        if !packs.is_empty() && !packs.iter().any(|p| p.id == session.pack) {
            let pack = clean(&session.pack);
            out.push_str(&format!(
                "{label}: {}\n",
                tr!(
                    "（提示）没有给出练习包 {pack}，未与老师的版本核对",
                    "(note) no --pack for pack {pack}; not checked against the teacher's copy"
                )
            ));
        }
        if !checked.problems.is_empty() {
            flagged += 1;
            problems += checked.problems.len();
        }
    }
    let total = doc.sessions.len();
    let shown = clean(&results.display().to_string());
    if over_cost > 0 {
        out.push_str(&over_cost_line(&shown, over_cost));
        out.push('\n');
    }
    out.push_str(&if over_cost > 0 {
        let checked = total - over_cost;
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
    });
    out.push('\n');
    print(&out);
    Ok(if flagged == 0 && over_cost == 0 { 0 } else { 1 })
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

/// `session-id (pack/drill, date)`, safe for the terminal.
pub fn label(s: &SessionRecord) -> String {
    let date = s.started_at.format("%Y-%m-%d %H:%M");
    clean(&format!("{} ({}/{}, {date})", s.id, s.pack, s.drill))
}
