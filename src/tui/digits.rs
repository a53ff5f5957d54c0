//! Numbers as decimal digits without `fmt`, for what is built on every key (the drill's
//! figures and count, the cursor's escape sequences): on a key, the code that runs is
//! what is cold in the cache, and `fmt` is a large piece of it.

/// The decimal digits of `n`, in the end of `room`.
pub fn decimal(n: u64, room: &mut [u8; 20]) -> &[u8] {
    let mut at = room.len();
    let mut n = n;
    loop {
        at -= 1;
        room[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    &room[at..]
}

/// `n` in decimal digits, pushed onto `text`.
pub fn push(text: &mut String, n: u64) {
    for &d in decimal(n, &mut [0; 20]) {
        text.push(char::from(d));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_as_fmt_writes_them() {
        for n in [0, 7, 10, 99, 100, 1574, 65_535, u64::MAX] {
            let mut text = String::from("x");
            push(&mut text, n);
            assert_eq!(text, format!("x{n}"));
        }
    }
}
