//! Started from Explorer — a double-click on kuaida.exe, a pack file dropped on it —
//! kuaida runs in a console window of its own, which closes the moment it ends and takes
//! its last lines with it: an invalid pack's problems, where the export went. Then, and
//! only then, it waits for a key first: the CLI's one prompt (PRODUCT.md).

use crate::tr;
use ratatui::crossterm::event::{self, Event, KeyEventKind};
use ratatui::crossterm::terminal;
use std::io::Write;
use std::time::{Duration, Instant};

/// Nobody there after this long (a scheduled task, a window left alone): end anyway.
const MAX_WAIT: Duration = Duration::from_secs(600);

/// Whether to wait for a key before ending. `console_processes`: how many processes are
/// attached to kuaida's console, known on Windows only (elsewhere `None`, and never a
/// wait). 1 means the console is kuaida's own, made for it when Explorer started it; a
/// shell that started kuaida shares the console and keeps the window open. `left_text`:
/// the run printed something to read (a trainer left without a word needs no wait).
pub fn should_wait(console_processes: Option<u32>, left_text: bool) -> bool {
    console_processes == Some(1) && left_text
}

/// How many processes share kuaida's console, or `None` without one.
#[cfg(windows)]
#[allow(unsafe_code)] // The one call into Windows, for what no safe crate here offers.
pub fn console_processes() -> Option<u32> {
    const LEN: u32 = 4;
    let mut list = [0u32; LEN as usize];
    // SAFETY: `list` is valid for writes of `LEN` u32 for the whole call. The call writes
    // at most `LEN` ids (when more processes share the console it writes none and returns
    // their number) and keeps no pointer; it returns 0 when there is no console.
    let count = unsafe {
        windows_sys::Win32::System::Console::GetConsoleProcessList(list.as_mut_ptr(), LEN)
    };
    (count > 0).then_some(count)
}

/// Only a Windows console closes with its program.
#[cfg(not(windows))]
pub fn console_processes() -> Option<u32> {
    None
}

/// The event that ends the wait: a key press (Windows reports releases too, and the
/// release of the key that left the trainer may still be on its way).
fn ends_wait(event: &Event) -> bool {
    matches!(event, Event::Key(key) if key.kind == KeyEventKind::Press)
}

/// Say so, and wait for a key (at most [`MAX_WAIT`]).
pub fn wait_for_key() {
    let prompt = tr!("按任意键关闭窗口…", "press any key to close this window…");
    let mut err = std::io::stderr();
    let _ = err
        .write_all(crate::safe_text::for_output(&prompt).as_bytes())
        .and_then(|()| err.flush());
    let raw = terminal::enable_raw_mode().is_ok();
    // Keys pressed before the prompt was there do not answer it.
    while event::poll(Duration::ZERO).unwrap_or(false) {
        if event::read().is_err() {
            break;
        }
    }
    let start = Instant::now();
    while let Some(left) = MAX_WAIT.checked_sub(start.elapsed()) {
        match event::poll(left) {
            Ok(true) => match event::read() {
                Ok(e) if ends_wait(&e) => break,
                Ok(_) => {}
                Err(_) => break,
            },
            Ok(false) | Err(_) => break,
        }
    }
    if raw {
        let _ = terminal::disable_raw_mode();
    }
    crate::err_line!("");
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventState, KeyModifiers};

    #[test]
    fn waits_only_in_a_console_of_its_own_with_something_to_read() {
        // Double-clicked or a file dropped on kuaida.exe: the console is kuaida's alone.
        assert!(should_wait(Some(1), true));
        // Nothing printed (the trainer left with Esc): the window may close.
        assert!(!should_wait(Some(1), false));
        // Started from cmd, PowerShell or a .bat: the shell shares the console and stays.
        assert!(!should_wait(Some(2), true));
        assert!(!should_wait(Some(3), true));
        // No console at all, or not Windows: never.
        assert!(!should_wait(Some(0), true));
        assert!(!should_wait(None, true));
    }

    #[cfg(not(windows))]
    #[test]
    fn never_waits_outside_windows() {
        assert_eq!(console_processes(), None);
        assert!(!should_wait(console_processes(), true));
    }

    #[test]
    fn a_key_press_ends_the_wait_and_a_release_does_not() {
        let key = |kind| {
            Event::Key(KeyEvent {
                code: KeyCode::Esc,
                modifiers: KeyModifiers::NONE,
                kind,
                state: KeyEventState::NONE,
            })
        };
        assert!(ends_wait(&key(KeyEventKind::Press)));
        assert!(!ends_wait(&key(KeyEventKind::Release)));
        assert!(!ends_wait(&Event::FocusGained));
        assert!(!ends_wait(&Event::Resize(80, 25)));
    }
}
