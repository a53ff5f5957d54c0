//! Embeds the built-in packs, checked and parsed here once rather than at every start:
//! - `$OUT_DIR/builtin_packs.rs`: `(file name, include_str!(…))` for every `drills/*.toml`,
//!   in file-name order (the source text, for `pack export` and the tests);
//! - `$OUT_DIR/builtin_packs.json`: those packs, one JSON document a line, as the
//!   crate's own validator builds them (the same `src/pack/validate/` that `pack check`
//!   runs, compiled into this script), with each text's sha256, for `pack::builtin()`
//!   to read back in a millisecond or two. A pack with problems is left out with a warning, as at run time;
//!   a test compares every embedded pack with a fresh validation of its text.

// The shared modules carry more than this script uses.
#![allow(dead_code)]

use sha2::{Digest, Sha256};
use std::path::PathBuf;

/// The build checks in one language; its messages only reach `cargo:warning`.
mod i18n {
    pub fn is_zh() -> bool {
        false
    }
}

#[path = "src/text.rs"]
mod text;

#[path = "src/safe_text.rs"]
mod safe_text;

// `validate.rs` reaches the model and template parsing as `super::model`, `super::template`.
#[path = "src/pack/model.rs"]
mod model;
#[path = "src/pack/syntax.rs"]
mod syntax;
#[path = "src/pack/template.rs"]
pub mod template;
#[path = "src/pack/validate/mod.rs"]
mod validate;

const SHARED: [&str; 10] = [
    "src/text.rs",
    "src/safe_text.rs",
    "src/pack/template.rs",
    "src/pack/model.rs",
    "src/pack/validate/mod.rs",
    "src/pack/validate/readers.rs",
    "src/pack/validate/drills.rs",
    "src/pack/validate/assignments.rs",
    "src/pack/syntax.rs",
    "build.rs",
];

fn sha256_hex(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn main() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default());
    let drills = manifest.join("drills");
    println!("cargo:rerun-if-changed=drills");
    for file in SHARED {
        println!("cargo:rerun-if-changed={file}");
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(&drills)
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "toml"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    let mut sources = String::from("&[\n");
    let mut packs = Vec::new();
    for path in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        sources.push_str(&format!(
            "    ({:?}, include_str!({:?})),\n",
            name,
            path.to_string_lossy()
        ));
        // Read as `include_str!` embeds it: the run-time path validated this very text.
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) => {
                println!("cargo:warning=drills/{name}: {e}");
                continue;
            }
        };
        let source = model::PackSource::Builtin { file: name.clone() };
        match validate::validate(&text, source, sha256_hex(&text)) {
            Ok(p) => packs.push(p),
            Err(problems) => {
                for p in problems {
                    println!(
                        "cargo:warning=drills/{name}: byte {}: {}",
                        p.offset, p.message
                    );
                }
            }
        }
    }
    sources.push_str("]\n");
    write(&out_dir.join("builtin_packs.rs"), &sources);
    // One pack a line (JSON strings never hold a raw line break), so a start can read
    // them on two threads at once.
    let mut lines = String::new();
    for pack in &packs {
        match serde_json::to_string(pack) {
            Ok(json) => {
                lines.push_str(&json);
                lines.push('\n');
            }
            Err(e) => panic!("cannot serialise the built-in packs: {e}"),
        }
    }
    write(&out_dir.join("builtin_packs.json"), &lines);
}

fn write(dest: &std::path::Path, text: &str) {
    if let Err(e) = std::fs::write(dest, text) {
        panic!("cannot write {}: {e}", dest.display());
    }
}

/// Same as `src/i18n.rs`'s `tr!`. Defined after the modules so they reach it by path
/// (`use crate::tr`), as in the crate.
#[macro_export]
macro_rules! tr {
    ($zh:literal, $en:literal $(,)?) => {
        if $crate::i18n::is_zh() { format!($zh) } else { format!($en) }
    };
    ($zh:literal, $en:literal, $($arg:tt)*) => {
        if $crate::i18n::is_zh() { format!($zh, $($arg)*) } else { format!($en, $($arg)*) }
    };
}
