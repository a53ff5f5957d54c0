//! The bytes a terminal sends, as key events: characters (UTF-8), control keys, and the
//! escape sequences of xterm-like terminals (arrows, Home/End, PgUp/PgDn, F-keys, with
//! Shift/Alt/Ctrl), bracketed paste, and the answer to a cursor-position query. Pure: no
//! terminal, so every sequence is tested here.
//!
//! Events are crossterm's types, as the rest of the trainer (and Windows, where crossterm
//! reads the console) knows them; the meanings follow what crossterm gives on Unix (an
//! upper-case letter carries Shift, a byte 1–26 is Ctrl and a letter, `\n` is Ctrl-J in
//! raw mode).

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

const ESC: u8 = 0x1b;
const PASTE_START: &[u8] = b"\x1b[200~";
/// What ends a bracketed paste.
pub const PASTE_END: &[u8] = b"\x1b[201~";

/// What a run of bytes said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Event(Event),
    /// The answer to "where is the cursor" (`ESC [ row ; col R`), zero-based column and row.
    CursorAt {
        x: u16,
        y: u16,
    },
}

/// One step of parsing at the front of the bytes.
#[derive(Debug, PartialEq, Eq)]
enum Step {
    /// `len` bytes read, saying this (nothing: a sequence not understood, dropped).
    Read(usize, Option<Piece>),
    /// The bytes stop inside a sequence.
    Partial,
}

/// Whether the bytes end where they end, or more of a sequence may still come.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    /// More may follow at once (the read filled its buffer): a sequence cut at the end
    /// waits, and so does a lone Esc.
    MoreMayFollow,
    /// Nothing more is waiting now: a lone Esc at the end is the Esc key; a longer
    /// sequence cut at the end still waits for the rest.
    Quiet,
    /// No more will come for this sequence (the wait for it is over): what is cut at the
    /// end is taken byte by byte.
    Over,
}

/// Parse `bytes` into `out`; returns how many bytes were used (the rest, a sequence cut
/// at the end, is to be parsed again with what follows).
pub fn parse(bytes: &[u8], end: End, out: &mut Vec<Piece>) -> usize {
    let mut at = 0;
    while at < bytes.len() {
        let rest = &bytes[at..];
        match step(rest) {
            Step::Read(len, piece) => {
                out.extend(piece);
                at += len;
            }
            Step::Partial if rest == [ESC] && end != End::MoreMayFollow => {
                out.push(key(KeyCode::Esc, KeyModifiers::NONE));
                at += 1;
            }
            Step::Partial if end == End::Over => {
                // A cut sequence taken apart: Esc, then what followed it as keys; a cut
                // UTF-8 character is dropped.
                if rest[0] == ESC {
                    out.push(key(KeyCode::Esc, KeyModifiers::NONE));
                    at += 1;
                } else {
                    at = bytes.len();
                }
            }
            Step::Partial => break,
        }
    }
    at
}

/// Whether `pending` (bytes left over by [`parse`]) is a paste still coming, which may
/// take longer than a key's sequence to arrive whole.
pub fn in_paste(pending: &[u8]) -> bool {
    pending.starts_with(PASTE_START)
}

/// Whether `bytes` hold the end of a bracketed paste.
pub fn ends_paste(bytes: &[u8]) -> bool {
    bytes.windows(PASTE_END.len()).any(|w| w == PASTE_END)
}

fn key(code: KeyCode, modifiers: KeyModifiers) -> Piece {
    Piece::Event(Event::Key(KeyEvent::new(code, modifiers)))
}

fn step(bytes: &[u8]) -> Step {
    let first = bytes[0];
    let one = |code, modifiers| Step::Read(1, Some(key(code, modifiers)));
    match first {
        ESC => escape(bytes),
        b'\r' => one(KeyCode::Enter, KeyModifiers::NONE),
        b'\t' => one(KeyCode::Tab, KeyModifiers::NONE),
        0x7f => one(KeyCode::Backspace, KeyModifiers::NONE),
        0 => one(KeyCode::Char(' '), KeyModifiers::CONTROL),
        // Ctrl and a letter (Ctrl-H is 8, Ctrl-J — `\n` in raw mode — is 10).
        1..=26 => one(
            KeyCode::Char((b'a' + first - 1) as char),
            KeyModifiers::CONTROL,
        ),
        // Ctrl-4 to Ctrl-7 (also Ctrl-\ ] ^ _).
        28..=31 => one(
            KeyCode::Char((b'4' + first - 28) as char),
            KeyModifiers::CONTROL,
        ),
        _ => character(bytes),
    }
}

/// A UTF-8 character; an upper-case letter carries Shift. A byte that starts no
/// character is dropped.
fn character(bytes: &[u8]) -> Step {
    let len = match bytes[0] {
        0x00..=0x7f => 1,
        0xc2..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf4 => 4,
        _ => return Step::Read(1, None),
    };
    if bytes.len() < len {
        // Only a cut character waits: bytes that cannot continue it are not one.
        let continues = bytes[1..].iter().all(|b| b & 0xc0 == 0x80);
        return if continues {
            Step::Partial
        } else {
            Step::Read(1, None)
        };
    }
    match std::str::from_utf8(&bytes[..len])
        .ok()
        .and_then(|s| s.chars().next())
    {
        Some(c) => {
            let shift = if c.is_uppercase() {
                KeyModifiers::SHIFT
            } else {
                KeyModifiers::NONE
            };
            Step::Read(len, Some(key(KeyCode::Char(c), shift)))
        }
        None => Step::Read(1, None),
    }
}

/// What starts with Esc: a CSI or SS3 sequence, Alt and a key, or Esc itself.
fn escape(bytes: &[u8]) -> Step {
    let Some(&second) = bytes.get(1) else {
        return Step::Partial;
    };
    match second {
        b'[' => csi(bytes),
        b'O' => match bytes.get(2) {
            None => Step::Partial,
            Some(&last @ 0x40..=0x7e) => Step::Read(3, final_key(last, KeyModifiers::NONE)),
            // Alt and O, then another key.
            Some(_) => Step::Read(
                2,
                Some(key(
                    KeyCode::Char('O'),
                    KeyModifiers::ALT | KeyModifiers::SHIFT,
                )),
            ),
        },
        // Esc pressed twice: the first is one key, the second starts again.
        ESC => Step::Read(1, Some(key(KeyCode::Esc, KeyModifiers::NONE))),
        _ => match step(&bytes[1..]) {
            Step::Partial => Step::Partial,
            Step::Read(len, piece) => Step::Read(1 + len, piece.map(with_alt)),
        },
    }
}

fn with_alt(piece: Piece) -> Piece {
    match piece {
        Piece::Event(Event::Key(mut k)) => {
            k.modifiers |= KeyModifiers::ALT;
            Piece::Event(Event::Key(k))
        }
        other => other,
    }
}

/// The key a sequence's last byte names (`ESC [ A`, `ESC O P`, `ESC [ 1 ; 5 A`).
fn final_key(last: u8, modifiers: KeyModifiers) -> Option<Piece> {
    let code = match last {
        b'A' => KeyCode::Up,
        b'B' => KeyCode::Down,
        b'C' => KeyCode::Right,
        b'D' => KeyCode::Left,
        b'H' => KeyCode::Home,
        b'F' => KeyCode::End,
        b'P'..=b'S' => KeyCode::F(1 + last - b'P'),
        _ => return None,
    };
    Some(key(code, modifiers))
}

/// `ESC [` parameters (digits, `;`, `:`, `?`…) and a final byte in `@`..`~`.
fn csi(bytes: &[u8]) -> Step {
    if bytes.starts_with(PASTE_START) {
        return paste(bytes);
    }
    let body = &bytes[2..];
    // The Linux console's F1–F5: `ESC [ [ A` to `ESC [ [ E`.
    if body.first() == Some(&b'[') {
        return match body.get(1) {
            None => Step::Partial,
            Some(&c @ b'A'..=b'E') => {
                Step::Read(4, Some(key(KeyCode::F(1 + c - b'A'), KeyModifiers::NONE)))
            }
            Some(_) => Step::Read(4, None),
        };
    }
    // Parameter bytes, then the final byte; anything else ends a broken sequence,
    // dropped (the byte that broke it is read again).
    let end = match body.iter().position(|b| !(0x20..=0x3f).contains(b)) {
        None => return Step::Partial,
        Some(i) if (0x40..=0x7e).contains(&body[i]) => i,
        Some(bad) => return Step::Read(2 + bad, None),
    };
    let params = &body[..end];
    let last = body[end];
    let len = 2 + end + 1;
    let numbers = numbers(params);
    let modifiers = numbers.get(1).map_or(KeyModifiers::NONE, |&m| modifiers(m));
    let piece = match last {
        b'Z' => Some(key(KeyCode::BackTab, KeyModifiers::SHIFT)),
        b'I' if params.is_empty() => Some(Piece::Event(Event::FocusGained)),
        b'O' if params.is_empty() => Some(Piece::Event(Event::FocusLost)),
        b'R' if numbers.len() == 2 && !params.is_empty() => Some(Piece::CursorAt {
            x: numbers[1].saturating_sub(1),
            y: numbers[0].saturating_sub(1),
        }),
        b'~' => tilde_key(numbers.first().copied().unwrap_or(0)).map(|code| key(code, modifiers)),
        _ if params.first() == Some(&b'?') || params.first() == Some(&b'<') => None,
        _ => final_key(last, modifiers),
    };
    Step::Read(len, piece)
}

/// The numbers of a sequence's parameters (`1;5` → 1, 5); a sub-parameter after `:` and
/// anything not a number is left out.
fn numbers(params: &[u8]) -> Vec<u16> {
    params
        .split(|&b| b == b';')
        .map(|p| {
            let digits = p.split(|&b| b == b':').next().unwrap_or_default();
            digits.iter().fold(0u16, |n, &d| {
                if d.is_ascii_digit() {
                    n.saturating_mul(10).saturating_add(u16::from(d - b'0'))
                } else {
                    n
                }
            })
        })
        .collect()
}

/// xterm's modifier parameter: 1 + Shift 1, Alt 2, Ctrl 4, Super 8, Hyper 16, Meta 32.
fn modifiers(param: u16) -> KeyModifiers {
    let bits = param.saturating_sub(1);
    let mut m = KeyModifiers::NONE;
    for (bit, modifier) in [
        (1, KeyModifiers::SHIFT),
        (2, KeyModifiers::ALT),
        (4, KeyModifiers::CONTROL),
        (8, KeyModifiers::SUPER),
        (16, KeyModifiers::HYPER),
        (32, KeyModifiers::META),
    ] {
        if bits & bit != 0 {
            m |= modifier;
        }
    }
    m
}

/// The keys of `ESC [ n ~`.
fn tilde_key(n: u16) -> Option<KeyCode> {
    Some(match n {
        1 | 7 => KeyCode::Home,
        2 => KeyCode::Insert,
        3 => KeyCode::Delete,
        4 | 8 => KeyCode::End,
        5 => KeyCode::PageUp,
        6 => KeyCode::PageDown,
        11..=15 => KeyCode::F((n - 10) as u8),
        17..=21 => KeyCode::F((n - 11) as u8),
        23..=26 => KeyCode::F((n - 12) as u8),
        28..=29 => KeyCode::F((n - 15) as u8),
        31..=34 => KeyCode::F((n - 17) as u8),
        _ => return None,
    })
}

/// Bracketed paste: everything up to `ESC [ 201 ~`, as one paste.
fn paste(bytes: &[u8]) -> Step {
    let body = &bytes[PASTE_START.len()..];
    match body.windows(PASTE_END.len()).position(|w| w == PASTE_END) {
        Some(end) => {
            let text = String::from_utf8_lossy(&body[..end]).into_owned();
            let len = PASTE_START.len() + end + PASTE_END.len();
            Step::Read(len, Some(Piece::Event(Event::Paste(text))))
        }
        None => Step::Partial,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(bytes: &[u8], end: End) -> (Vec<Piece>, usize) {
        let mut out = Vec::new();
        let used = parse(bytes, end, &mut out);
        (out, used)
    }

    fn keys(bytes: &[u8]) -> Vec<(KeyCode, KeyModifiers)> {
        let (pieces, used) = all(bytes, End::Quiet);
        assert_eq!(used, bytes.len(), "all of {bytes:?} used");
        pieces
            .into_iter()
            .map(|p| match p {
                Piece::Event(Event::Key(k)) => (k.code, k.modifiers),
                other => panic!("not a key: {other:?}"),
            })
            .collect()
    }

    const NONE: KeyModifiers = KeyModifiers::NONE;
    const CTRL: KeyModifiers = KeyModifiers::CONTROL;
    const ALT: KeyModifiers = KeyModifiers::ALT;
    const SHIFT: KeyModifiers = KeyModifiers::SHIFT;

    #[test]
    fn an_input_method_commit_is_one_key_per_character() {
        assert_eq!(
            keys("亲，您好!a".as_bytes()),
            ['亲', '，', '您', '好', '!', 'a'].map(|c| (KeyCode::Char(c), NONE))
        );
        assert_eq!(keys(b"A"), [(KeyCode::Char('A'), SHIFT)]);
    }

    #[test]
    fn control_keys() {
        assert_eq!(keys(b"\r"), [(KeyCode::Enter, NONE)]);
        assert_eq!(keys(b"\t"), [(KeyCode::Tab, NONE)]);
        assert_eq!(keys(b"\x7f"), [(KeyCode::Backspace, NONE)]);
        assert_eq!(keys(b"\x03"), [(KeyCode::Char('c'), CTRL)]);
        assert_eq!(
            keys(b"\x0e\x10"),
            [(KeyCode::Char('n'), CTRL), (KeyCode::Char('p'), CTRL)]
        );
        assert_eq!(keys(b"\n"), [(KeyCode::Char('j'), CTRL)]);
        assert_eq!(keys(b"\x08"), [(KeyCode::Char('h'), CTRL)]);
        assert_eq!(keys(b"\0"), [(KeyCode::Char(' '), CTRL)]);
        assert_eq!(keys(b"\x1c"), [(KeyCode::Char('4'), CTRL)]);
    }

    #[test]
    fn cursor_and_editing_keys_in_every_spelling() {
        for (bytes, code) in [
            (&b"\x1b[A"[..], KeyCode::Up),
            (b"\x1bOB", KeyCode::Down),
            (b"\x1b[C", KeyCode::Right),
            (b"\x1bOD", KeyCode::Left),
            (b"\x1b[H", KeyCode::Home),
            (b"\x1b[1~", KeyCode::Home),
            (b"\x1b[7~", KeyCode::Home),
            (b"\x1bOF", KeyCode::End),
            (b"\x1b[4~", KeyCode::End),
            (b"\x1b[5~", KeyCode::PageUp),
            (b"\x1b[6~", KeyCode::PageDown),
            (b"\x1b[3~", KeyCode::Delete),
            (b"\x1b[2~", KeyCode::Insert),
            (b"\x1bOP", KeyCode::F(1)),
            (b"\x1b[11~", KeyCode::F(1)),
            (b"\x1b[[A", KeyCode::F(1)),
            (b"\x1bOS", KeyCode::F(4)),
            (b"\x1b[15~", KeyCode::F(5)),
            (b"\x1b[24~", KeyCode::F(12)),
        ] {
            assert_eq!(keys(bytes), [(code, NONE)], "{bytes:?}");
        }
        assert_eq!(keys(b"\x1b[Z"), [(KeyCode::BackTab, SHIFT)]);
    }

    #[test]
    fn modifiers_on_special_keys() {
        assert_eq!(keys(b"\x1b[1;5A"), [(KeyCode::Up, CTRL)]);
        assert_eq!(keys(b"\x1b[1;2D"), [(KeyCode::Left, SHIFT)]);
        assert_eq!(keys(b"\x1b[5;5~"), [(KeyCode::PageUp, CTRL)]);
        assert_eq!(keys(b"\x1b[1;3P"), [(KeyCode::F(1), ALT)]);
        assert_eq!(keys(b"\x1b[3;7~"), [(KeyCode::Delete, ALT | CTRL)]);
    }

    #[test]
    fn alt_and_a_key() {
        assert_eq!(keys(b"\x1bx"), [(KeyCode::Char('x'), ALT)]);
        assert_eq!(keys("\x1b字".as_bytes()), [(KeyCode::Char('字'), ALT)]);
        assert_eq!(keys(b"\x1b\x7f"), [(KeyCode::Backspace, ALT)]);
    }

    #[test]
    fn esc_alone_is_the_esc_key_unless_more_is_coming() {
        assert_eq!(keys(b"\x1b"), [(KeyCode::Esc, NONE)]);
        assert_eq!(
            keys(b"\x1b\x1b"),
            [(KeyCode::Esc, NONE), (KeyCode::Esc, NONE)]
        );
        assert_eq!(
            keys(b"a\x1b"),
            [(KeyCode::Char('a'), NONE), (KeyCode::Esc, NONE)]
        );
        let (pieces, used) = all(b"a\x1b", End::MoreMayFollow);
        assert_eq!(
            (pieces.len(), used),
            (1, 1),
            "the Esc waits for what follows"
        );
    }

    #[test]
    fn a_sequence_cut_by_the_read_waits_for_the_rest() {
        for cut in [
            &b"\x1b["[..],
            b"\x1b[1;",
            b"\x1b[1;5",
            b"\x1bO",
            "字".as_bytes().get(..2).unwrap_or_default(),
        ] {
            let mut bytes = b"ab".to_vec();
            bytes.extend_from_slice(cut);
            let (pieces, used) = all(&bytes, End::Quiet);
            assert_eq!((pieces.len(), used), (2, 2), "{cut:?} waits");
        }
        // With the rest, the whole key.
        let mut out = Vec::new();
        let used = parse(b"\x1b[1;", End::Quiet, &mut out);
        assert_eq!(used, 0);
        assert_eq!(parse(b"\x1b[1;5A", End::Quiet, &mut out), 6);
        assert_eq!(out, [key(KeyCode::Up, CTRL)]);
    }

    #[test]
    fn a_cut_sequence_whose_wait_is_over_is_taken_key_by_key() {
        let (pieces, used) = all(b"\x1b[1;", End::Over);
        assert_eq!(used, 4);
        assert_eq!(pieces.first(), Some(&key(KeyCode::Esc, NONE)));
        assert_eq!(pieces.last(), Some(&key(KeyCode::Char(';'), NONE)));
        let (pieces, used) = all(&"字".as_bytes()[..2], End::Over);
        assert_eq!((pieces.len(), used), (0, 2), "half a character is dropped");
    }

    #[test]
    fn bracketed_paste_is_one_event_whole() {
        let bytes = "\x1b[200~亲，您好\r第二行\x1b[201~x".as_bytes();
        let (pieces, used) = all(bytes, End::Quiet);
        assert_eq!(used, bytes.len());
        assert_eq!(
            pieces,
            [
                Piece::Event(Event::Paste("亲，您好\r第二行".into())),
                key(KeyCode::Char('x'), NONE)
            ]
        );
        let cut = "\x1b[200~亲，您".as_bytes();
        assert_eq!(all(cut, End::Quiet), (vec![], 0));
        assert!(in_paste(cut));
        assert!(!ends_paste(cut));
        assert!(ends_paste(b"\x1b[201~"));
    }

    #[test]
    fn the_cursor_position_answer() {
        let (pieces, _) = all(b"\x1b[1;3R", End::Quiet);
        assert_eq!(pieces, [Piece::CursorAt { x: 2, y: 0 }]);
    }

    #[test]
    fn what_is_not_understood_is_dropped_and_the_rest_read() {
        assert_eq!(keys(b"\x1b[?1;2cq"), [(KeyCode::Char('q'), NONE)]);
        assert_eq!(keys(b"\x1b[<0;3;4Mq"), [(KeyCode::Char('q'), NONE)]);
        assert_eq!(keys(b"\x1b[99~q"), [(KeyCode::Char('q'), NONE)]);
        assert_eq!(keys(b"\x1bOxq"), [(KeyCode::Char('q'), NONE)]);
        assert_eq!(keys(b"\xffq\x80"), [(KeyCode::Char('q'), NONE)]);
        assert_eq!(
            keys(b"\x1b[1\x07q"),
            [(KeyCode::Char('g'), CTRL), (KeyCode::Char('q'), NONE)]
        );
    }

    #[test]
    fn any_bytes_parse_without_panicking_and_use_what_they_can() {
        let mut rng = fastrand::Rng::with_seed(7);
        for _ in 0..20_000 {
            let len = rng.usize(0..24);
            let alphabet = b"\x1b[O;0123456789~ARZPuM<?\x7f\r\xe5\xad\x97a";
            let bytes: Vec<u8> = (0..len)
                .map(|_| alphabet[rng.usize(..alphabet.len())])
                .collect();
            for end in [End::MoreMayFollow, End::Quiet, End::Over] {
                let (_, used) = all(&bytes, end);
                assert!(used <= bytes.len());
                if end == End::Over {
                    assert_eq!(used, bytes.len(), "{bytes:?}");
                }
            }
        }
    }
}
