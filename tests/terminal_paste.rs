//! A bracketed paste that reaches kuaida in several parts, with pauses between them (a
//! large paste through a slow link): it is still one paste — refused in a drill, with
//! the notice — and none of its characters is typed.
#![cfg(unix)]

#[path = "common/pty.rs"]
mod pty;

use pty::Pty;
use std::time::Duration;

const BIN: &str = env!("CARGO_BIN_EXE_kuaida");
const WAIT: Duration = Duration::from_secs(10);

#[test]
fn a_paste_in_parts_is_one_paste() {
    let data = tempfile::TempDir::new().expect("tempdir");
    let file =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tui/drills.toml");
    let (dir, file) = (
        data.path().display().to_string(),
        file.display().to_string(),
    );
    let args = [
        "--data-dir",
        &dir,
        "--lang",
        "en",
        "drill",
        "--file",
        &file,
        "short",
    ];
    let pty = Pty::spawn(BIN, &args, &[], 100, 30).expect("starts on a pty");
    assert!(
        pty.wait_text(0, "亲在吗好的", WAIT).is_some(),
        "no drill:\n{}",
        pty.text()
    );
    pty.settle(Duration::from_millis(300), WAIT);
    let from = pty.len();
    pty.write(b"\x1b[200~");
    // Four parts 200 ms apart: longer in all than a cut sequence is waited for.
    for _ in 0..4 {
        std::thread::sleep(Duration::from_millis(200));
        pty.write("亲在吗好的亲在吗好的".as_bytes());
    }
    std::thread::sleep(Duration::from_millis(200));
    pty.write(b"\x1b[201~");
    let notice = pty.wait_text(from, "pasted text is not counted", WAIT);
    assert!(notice.is_some(), "no paste notice:\n{}", pty.text());
    pty.settle(Duration::from_millis(300), WAIT);
    // Nothing was typed: the progress count still says none of the text.
    let after = pty::visible(&pty.output().bytes[from..]);
    assert!(
        !after.contains("1/") && !after.contains("10/"),
        "characters of the paste were typed:\n{after}"
    );
}
