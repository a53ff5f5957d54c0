//! The tree shows the design (issue 19): the folders of `src/` import one another one
//! way only, the pure core never reaches the terminal, the database or the commands,
//! and the screens never import the commands; no file grows past its seams. Read from
//! the source itself, so a new import that breaks the shape fails here.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The code of a file without its comments and its unit tests (a test may build what
/// it checks from anywhere).
fn code(path: &Path) -> String {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if name == "tests.rs" || name.ends_with("_tests.rs") {
        return String::new();
    }
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let text = match text.find("#[cfg(test)]\nmod tests") {
        Some(i) => &text[..i],
        None => &text,
    };
    text.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Top-level module of `src/` → the top-level modules it names as `crate::…`.
fn imports() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let tops: BTreeSet<String> = files
        .iter()
        .filter_map(|f| {
            let first = f.strip_prefix(&src).ok()?.components().next()?;
            Some(
                first
                    .as_os_str()
                    .to_str()?
                    .trim_end_matches(".rs")
                    .to_string(),
            )
        })
        .collect();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for f in &files {
        let Some(top) = f
            .strip_prefix(&src)
            .ok()
            .and_then(|r| r.components().next())
            .and_then(|c| c.as_os_str().to_str())
            .map(|s| s.trim_end_matches(".rs").to_string())
        else {
            continue;
        };
        if top == "main" || top == "lib" || top == "testing" {
            continue;
        }
        let text = code(f);
        let entry = graph.entry(top.clone()).or_default();
        for (i, _) in text.match_indices("crate::") {
            let name: String = text[i + 7..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if name != top && tops.contains(&name) {
                entry.insert(name);
            }
        }
    }
    graph
}

/// Whether `to` can be reached from `from`.
fn reaches(graph: &BTreeMap<String, BTreeSet<String>>, from: &str, to: &str) -> bool {
    let mut seen = BTreeSet::new();
    let mut stack = vec![from.to_string()];
    while let Some(m) = stack.pop() {
        for next in graph.get(&m).into_iter().flatten() {
            if next == to {
                return true;
            }
            if seen.insert(next.clone()) {
                stack.push(next.clone());
            }
        }
    }
    false
}

#[test]
fn no_folder_of_src_imports_one_that_imports_it_back() {
    let graph = imports();
    let mut cycles = Vec::new();
    for (a, outs) in &graph {
        for b in outs {
            if reaches(&graph, b, a) {
                cycles.push(format!("{a} → {b} → … → {a}"));
            }
        }
    }
    assert!(cycles.is_empty(), "import cycles:\n{}", cycles.join("\n"));
}

#[test]
fn the_core_never_reaches_the_terminal_the_database_or_the_commands() {
    let graph = imports();
    let core = [
        "pack", "record", "engine", "reply", "pinyin", "stats", "figures",
    ];
    let above = ["tui", "store", "commands", "verify", "report", "export"];
    let mut wrong = Vec::new();
    for c in core {
        for a in above {
            if reaches(&graph, c, a) {
                wrong.push(format!("{c} reaches {a}"));
            }
        }
    }
    for a in ["tui"] {
        if reaches(&graph, a, "commands") {
            wrong.push(format!("{a} reaches commands"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    // Nor do they name the terminal or database crates.
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    for c in core {
        let mut files = Vec::new();
        rust_files(&src.join(c), &mut files);
        files.push(src.join(format!("{c}.rs")));
        for f in files {
            let text = code(&f);
            for name in ["ratatui", "crossterm", "rusqlite"] {
                assert!(
                    !text.contains(&format!("{name}::")),
                    "{} names {name}",
                    f.display()
                );
            }
        }
    }
}

/// Past this many lines (tests aside) a file is split where its seams are, or says in
/// its first comment why it is long.
const MAX_LINES: usize = 600;

#[test]
fn no_file_is_long_without_a_reason() {
    let mut files = Vec::new();
    rust_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    let mut long = Vec::new();
    for f in files {
        let name = f.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name == "tests.rs" || name.ends_with("_tests.rs") {
            continue;
        }
        let text = std::fs::read_to_string(&f).unwrap_or_default();
        let body = text.split("#[cfg(test)]").next().unwrap_or("");
        let lines = body.lines().count();
        let first_comment: String = text
            .lines()
            .take_while(|l| l.starts_with("//"))
            .collect::<Vec<_>>()
            .join(" ");
        if lines > MAX_LINES && !first_comment.contains("Long because") {
            long.push(format!("{} ({lines} lines)", f.display()));
        }
    }
    assert!(
        long.is_empty(),
        "over {MAX_LINES} lines without \"Long because …\" in the first comment:\n{}",
        long.join("\n")
    );
}
