//! Run the real binary as a command, with its own data dir and never the caller's
//! `KUAIDA_DATA_DIR`.

use std::path::Path;
use std::process::{Command, Output};

/// `kuaida --data-dir DATA ARGS...`, waited for.
pub fn kuaida(data: &Path, args: &[&str]) -> Output {
    Command::new(super::BIN)
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .env_remove("KUAIDA_DATA_DIR")
        .output()
        .expect("kuaida runs")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("stderr is UTF-8")
}

/// [`kuaida`] that must succeed (else the test fails with its stderr); its stdout.
pub fn kuaida_ok(data: &Path, args: &[&str]) -> String {
    let out = kuaida(data, args);
    assert!(
        out.status.success(),
        "kuaida {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}
