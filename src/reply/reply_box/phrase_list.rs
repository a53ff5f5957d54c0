//! The phrase list `/` opens: its filter (a code, or a word of a reply's text) and the
//! row chosen.

use crate::pack::Template;
use crate::reply::judge::normalise;

/// The phrase list opened by `/`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PhraseList {
    pub filter: String,
    pub chosen: usize,
}

/// Templates for a filter: codes starting with it (an exact match first), then texts
/// containing it. ASCII case does not matter for codes.
pub fn matches<'a>(templates: &'a [Template], filter: &str) -> Vec<&'a Template> {
    let f = filter.to_ascii_lowercase();
    let mut out: Vec<&Template> = Vec::new();
    out.extend(templates.iter().filter(|t| t.code == f));
    out.extend(
        templates
            .iter()
            .filter(|t| t.code != f && t.code.starts_with(&f)),
    );
    if !filter.is_empty() {
        let nf = normalise(filter);
        out.extend(
            templates
                .iter()
                .filter(|t| !t.code.starts_with(&f) && normalise(&t.text).contains(&nf)),
        );
    }
    out
}

pub(super) fn step(chosen: usize, n: usize, down: bool) -> usize {
    if n == 0 {
        0
    } else if down {
        (chosen + 1) % n
    } else {
        (chosen + n - 1) % n
    }
}
