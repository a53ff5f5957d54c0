//! What `verify` and `report` share: the teacher's packs (else the installed and
//! built-in ones) as the reference, the dates and codes given, every input read into
//! one collection, and the notes about the run as a whole.

use crate::cli::ClassChecks;
use crate::context::Context;
use crate::cost::Meter;
use crate::pack::{PackSource, Registry, load_file};
use crate::report::examine::normal_code;
use crate::report::input::collect_each;
use crate::report::table::PackAssignment;
use crate::report::when::{Edge, Window, Zone, parse};
use crate::report::{Checks, Collected, Collection, clean};
use crate::{Error, Result, tr};
use std::path::PathBuf;

/// The checks, the ids of the packs the teacher gave, and what could not be used.
pub struct Prepared {
    pub checks: Checks,
    pub given: Vec<String>,
    pub warnings: Vec<String>,
}

/// Read `--pack`, `--from`, `--to` and `--code`. A teacher's pack that cannot be read
/// is a warning (its sessions are compared with the installed or built-in pack of its
/// id, if any); a date that cannot be read is a usage error.
pub fn prepare(ctx: &Context, args: &ClassChecks, zone: Zone) -> Result<Prepared> {
    let date = |flag: &str, text: &Option<String>, edge: Edge| -> Result<_> {
        let Some(text) = text else {
            return Ok(None);
        };
        parse(text, edge, zone).map(Some).ok_or_else(|| {
            let text = clean(text);
            Error::Usage(tr!(
                "{flag} {text}：写成 2026-12-07 或 \"2026-12-07 10:00\"",
                "{flag} {text}: write 2026-12-07 or \"2026-12-07 10:00\""
            ))
        })
    };
    let window = Window {
        from: date("--from", &args.from, Edge::Start)?,
        to: date("--to", &args.to, Edge::End)?,
    };
    let mut references = Vec::new();
    let mut warnings = Vec::new();
    for path in &args.pack {
        match load_file(path, PackSource::File { path: path.clone() }) {
            Ok(pack) => references.push(pack),
            Err(e) => {
                let shown = clean(&path.display().to_string());
                let why = clean(e.to_string().lines().next().unwrap_or(""));
                warnings.push(tr!(
                    "老师的练习包 {shown} 没有用上：{why}",
                    "the teacher's pack {shown} is not used: {why}"
                ));
            }
        }
    }
    let given: Vec<String> = references.iter().map(|p| p.id.clone()).collect();
    let registry = Registry::load(&ctx.data);
    references.extend(
        registry
            .packs
            .into_iter()
            .filter(|p| !given.contains(&p.id)),
    );
    Ok(Prepared {
        checks: Checks {
            references,
            window,
            codes: args.code.iter().map(|c| normal_code(c)).collect(),
        },
        given,
        warnings,
    })
}

/// Every input read into one collection, with the files read and a note for each
/// file that cost too much to check or held values no session can.
pub struct Read {
    pub collection: Collection,
    pub collected: Collected,
    pub files: usize,
    pub notes: Vec<String>,
}

pub fn read(inputs: &[PathBuf], checks: Checks) -> Read {
    let mut collection = Collection::new(checks, Meter::new(crate::cost::PER_RUN));
    let mut files = 0;
    let mut notes = Vec::new();
    // One pass: each document is examined and reduced to a few numbers per session as
    // it is read, then dropped.
    let collected = collect_each(
        inputs,
        &|bytes| crate::record::file::parse(bytes),
        &mut |loaded| {
            files += 1;
            let added = collection.add(&loaded);
            let shown = &loaded.source;
            if added.over_cost > 0 {
                notes.push(super::verify::over_cost_line(shown, added.over_cost));
            }
            if added.out_of_range > 0 {
                let n = added.out_of_range;
                notes.push(tr!(
                    "{shown}：{n} 条记录的数值超出一次练习可能的范围（已标记）",
                    "{shown}: {n} sessions hold values no session can (flagged)"
                ));
            }
        },
    );
    Read {
        collection,
        collected,
        files,
        notes,
    }
}

/// What is worth saying about the run as a whole: sessions not graded or not fully
/// checked, and why.
pub fn run_notes(c: &Collection) -> Vec<String> {
    let mut notes = Vec::new();
    if c.outside > 0 {
        let n = c.outside;
        notes.push(tr!(
            "{n} 条记录不在 --from/--to 之内，没有计入成绩",
            "{n} sessions fall outside --from/--to and are not graded"
        ));
    }
    if c.not_recomputed > 0 {
        let n = c.not_recomputed;
        notes.push(tr!(
            "{n} 条快捷回复记录没有对应的练习可以重放，对错按记录本身（用 --pack 给出老师的练习包）",
            "{n} quick-reply sessions have no drill to replay, so their verdicts are their own (give --pack with the teacher's pack)"
        ));
    }
    for pack in &c.no_reference {
        let pack = clean(pack);
        notes.push(tr!(
            "练习包 {pack} 没有老师的版本可以比对（用 --pack 给出，或先 kuaida pack add 安装）",
            "pack {pack} has no teacher's copy to compare with (give it with --pack, or install it with kuaida pack add)"
        ));
    }
    for drill in &c.code_unchecked {
        let drill = clean(drill);
        notes.push(tr!(
            "练习 {drill} 要求开始口令，但没有给出 --code：口令没有核对",
            "drill {drill} asks for a start code, but no --code was given: the codes were not checked"
        ));
    }
    notes
}

/// The assignments to grade: those of the teacher's packs and of the reference packs
/// the sessions read were made with.
pub fn assignments(given: &[String], c: &Collection) -> Vec<PackAssignment> {
    c.checks()
        .references
        .iter()
        .filter(|p| given.contains(&p.id) || c.packs_seen.contains(&p.id))
        .flat_map(|p| p.assignments.iter().map(|a| (p.id.clone(), a.clone())))
        .collect()
}

/// A line on stderr, marked as a warning.
pub fn warn(line: &str) {
    crate::err_line!("{}", tr!("警告：{line}", "warning: {line}"));
}

/// A line on stderr, marked as a note.
pub fn note(line: &str) {
    crate::err_line!("{}", tr!("提示：{line}", "note: {line}"));
}
