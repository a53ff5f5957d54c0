//! Embeds the built-in packs, checked and parsed here once rather than at every start:
//! - `$OUT_DIR/builtin_packs.rs`: `(file name, include_str!(…))` for every `drills/*.toml`,
//!   in file-name order (the source text, for `pack export` and the tests);
//! - `$OUT_DIR/builtin_packs.json`: those packs, one JSON document a line, as the
//!   crate's own validator builds them (the same `src/pack/validate/` that `pack check`
//!   runs, compiled into this script), with each text's sha256, for `pack::builtin()`
//!   to read back; each drill's body is only its place (`pack::Stored`) in
//! - `$OUT_DIR/builtin_bodies.json`: the bodies, read when a drill is first used.
//!
//! A pack with problems is left out with a warning, as at run time; a test compares
//! every embedded pack with a fresh validation of its text.

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
#[path = "src/pack/body.rs"]
mod body;
#[path = "src/pack/model.rs"]
mod model;
/// `body.rs` reads a stored body through `super::load`; this script only stores them.
mod load {
    pub fn read_stored(_: &super::body::Stored) -> super::model::DrillBody {
        unreachable!("build.rs never reads a stored body back through a pack")
    }
}
#[path = "src/pack/syntax.rs"]
mod syntax;
#[path = "src/pack/template.rs"]
pub mod template;
#[path = "src/pack/validate/mod.rs"]
mod validate;

const SHARED: [&str; 11] = [
    "src/text.rs",
    "src/pack/body.rs",
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
    // Linux: what runs on a drill's key is linked side by side (link/keys.ld says why).
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo:rerun-if-changed=link/keys.ld");
        let script = manifest.join("link").join("keys.ld");
        println!("cargo:rustc-link-arg-bins=-Wl,-T,{}", script.display());
    }
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
    for (file_index, path) in files.iter().enumerate() {
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
            Ok(p) => packs.push((file_index, p)),
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
    // One pack a line (JSON strings never hold a raw line break); each drill's body is
    // stored apart and read on first use.
    let mut lines = String::new();
    let mut bodies = String::new();
    for (file_index, pack) in &packs {
        let mut json = serde_json::to_value(pack)
            .unwrap_or_else(|e| panic!("cannot serialise the built-in packs: {e}"));
        let stored = json["drills"].as_array_mut().into_iter().flatten();
        for (drill_index, (written, drill)) in stored.zip(&pack.drills).enumerate() {
            let place = store_body(&mut bodies, drill, *file_index, drill_index);
            written["body"] = serde_json::to_value(place)
                .unwrap_or_else(|e| panic!("cannot serialise a body's place: {e}"));
        }
        lines.push_str(&json.to_string());
        lines.push('\n');
    }
    write(&out_dir.join("builtin_packs.json"), &lines);
    write(&out_dir.join("builtin_bodies.json"), &bodies);
}

/// Append `drill`'s body to `bodies` as one JSON document and say where it is. It must
/// read back as the very body: a start reads it without checking again.
fn store_body(
    bodies: &mut String,
    drill: &model::Drill,
    file: usize,
    index: usize,
) -> body::Stored {
    let json = serde_json::to_string(drill.body.get())
        .unwrap_or_else(|e| panic!("cannot serialise drill {}: {e}", drill.id));
    let back: model::DrillBody = serde_json::from_str(&json)
        .unwrap_or_else(|e| panic!("drill {} does not read back: {e}", drill.id));
    assert!(
        back == *drill.body.get(),
        "drill {} reads back changed",
        drill.id
    );
    let start = bodies.len();
    bodies.push_str(&json);
    let at = |n: usize| u32::try_from(n).expect("the built-in bodies fit in 4 GiB");
    let place = body::Stored {
        kind: drill.kind().as_str().to_owned(),
        at: (at(start), at(bodies.len())),
        file: at(file),
        drill: at(index),
    };
    bodies.push('\n');
    place
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
