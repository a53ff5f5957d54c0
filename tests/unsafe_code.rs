//! `unsafe_code` is denied crate-wide and allowed in one place: the Windows call that
//! tells whether kuaida's console is its own (src/commands/window.rs). Any other
//! `unsafe` (or a second allow) is a change to argue for, not to slip in.

use std::path::Path;

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read dir") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn unsafe_code_is_allowed_only_for_the_console_check() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["src", "tests", "benches", "examples"] {
        if root.join(dir).is_dir() {
            rust_files(&root.join(dir), &mut files);
        }
    }
    files.push(root.join("build.rs"));
    let mut allows = Vec::new();
    let mut blocks = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).expect("read");
        let name = file
            .strip_prefix(root)
            .unwrap_or(file)
            .display()
            .to_string();
        // This file names them in its assertions.
        if name.ends_with("unsafe_code.rs") {
            continue;
        }
        allows.extend(
            text.matches(&format!("allow({})", "unsafe_code"))
                .map(|_| name.clone()),
        );
        blocks.extend(text.matches("unsafe {").map(|_| name.clone()));
    }
    let window = Path::new("src").join("commands").join("window.rs");
    let window = window.display().to_string();
    assert_eq!(
        allows,
        std::slice::from_ref(&window),
        "allow(unsafe_code) in {allows:?}"
    );
    assert_eq!(blocks, [window], "unsafe blocks in {blocks:?}");
}
