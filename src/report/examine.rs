//! One session as a class report and `verify` see it: checked against the one
//! recomputation and the teacher's drill (`crate::verify`), against the dates and the
//! start code the teacher gave, each finding flagged.

use super::flags::{Finding, Flag, session_label};
use super::when::Window;
use crate::cost::Meter;
use crate::figures::Figures;
use crate::pack::{Drill, Pack};
use crate::record::SessionRecord;
use crate::tr;

/// What sessions are checked against.
#[derive(Debug, Clone, Default)]
pub struct Checks {
    /// The teacher's packs (`--pack`), then the installed and built-in packs of the ids
    /// not given: a session's drill is compared with the one of its pack's id.
    pub references: Vec<Pack>,
    /// The dates an exam counts in (`--from`, `--to`).
    pub window: Window,
    /// The start codes announced (`--code`), as [`normal_code`] writes them.
    pub codes: Vec<String>,
}

impl Checks {
    /// The teacher's drill of `s`, and its pack.
    fn reference<'a>(&'a self, s: &SessionRecord) -> Option<(&'a Pack, Option<&'a Drill>)> {
        let pack = self.references.iter().find(|p| p.id == s.pack)?;
        Some((pack, pack.drill(&s.drill)))
    }
}

/// A start code as typed, compared without spaces, case or full-width digits and
/// letters (the input method may be on in Chinese mode).
pub fn normal_code(code: &str) -> String {
    code.trim()
        .chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            c => c,
        })
        .collect::<String>()
        .to_lowercase()
}

/// What examining one session found.
#[derive(Debug, Clone)]
pub struct Examined {
    pub findings: Vec<Finding>,
    /// Worth saying, not a finding (an older record's format, a pack file not the
    /// teacher's byte for byte while this drill is).
    pub notes: Vec<String>,
    /// The figures to grade by; `None` when the steps ran out.
    pub figures: Option<Figures>,
    /// Started outside `--from`/`--to`: not graded.
    pub outside: bool,
    /// An exam (time limit and pass line, the teacher's drill's when there is one):
    /// its first attempt counts.
    pub exam: bool,
    pub over_cost: bool,
    pub out_of_range: bool,
    /// A quick reply with no drill to replay: its verdicts are the record's own.
    pub not_recomputed: bool,
    /// No pack of its id to compare it with.
    pub no_reference: bool,
    /// A drill that asks for the start code, with no `--code` to check it against.
    pub code_unchecked: bool,
}

/// Examine `s` against `checks`, its steps charged to `meter`.
pub fn examine(s: &SessionRecord, checks: &Checks, meter: &mut Meter) -> Examined {
    let (checked, figures) = crate::verify::check_graded(s, &checks.references, meter);
    let label = session_label(s);
    let mut findings: Vec<Finding> = checked
        .problems
        .iter()
        .map(|p| Finding::new(Flag::of(p), &label, &p.message()))
        .collect();
    if checked.over_cost {
        findings.push(Finding::new(
            Flag::TooCostly,
            &label,
            &tr!(
                "核对步数达到上限，这条记录未核对",
                "the steps allowed ran out; this session was not checked"
            ),
        ));
    }
    let reference = checks.reference(s);
    let drill = reference.and_then(|(_, d)| d);
    // A drill with a pass line is an exam (PRODUCT.md), its first attempt graded.
    let exam = match drill {
        Some(d) => d.is_exam(),
        None => s.pass.is_some(),
    };
    let asks_code =
        reference.is_some_and(|(p, _)| p.asks_start_code(&s.drill)) || s.start_code.is_some();
    let outside = !checks.window.contains(s.started_at);
    // Practice outside the dates is only left out; an exam taken then is a finding.
    if outside && (exam || asks_code) {
        findings.push(Finding::new(
            Flag::OutsideWindow,
            &label,
            &tr!(
                "考试的开始时间不在 --from/--to 之内",
                "the exam was started outside --from/--to"
            ),
        ));
    }
    let mut code_unchecked = false;
    if asks_code {
        match &s.start_code {
            None => findings.push(Finding::new(
                Flag::WrongCode,
                &label,
                &tr!("没有输入开始口令", "no start code was typed"),
            )),
            Some(code) if !checks.codes.is_empty() => {
                if !checks.codes.contains(&normal_code(code)) {
                    findings.push(Finding::new(
                        Flag::WrongCode,
                        &label,
                        &tr!(
                            "输入的口令“{code}”不是 --code 给出的",
                            "the start code typed, “{code}”, is not one given with --code"
                        ),
                    ));
                }
            }
            Some(_) => code_unchecked = true,
        }
    }
    let notes = checked.notes.iter().map(|p| p.message()).collect();
    Examined {
        findings,
        notes,
        figures,
        outside,
        exam,
        over_cost: checked.over_cost,
        out_of_range: checked
            .problems
            .iter()
            .any(|p| matches!(p, crate::verify::Problem::OutOfRange(_))),
        not_recomputed: checked.not_recomputed && !checked.over_cost,
        no_reference: reference.is_none(),
        code_unchecked,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_compare_as_typed_in_either_width() {
        assert_eq!(normal_code(" ７４２１ "), "7421");
        assert_eq!(normal_code("ＡbC"), "abc");
        assert_eq!(normal_code("春风"), "春风");
    }
}
