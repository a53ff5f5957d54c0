//! link/keys.ld links what runs on a drill's key side by side (Linux): a key's code on a
//! few pages, not on sixty. The linker says nothing when the script is not passed or
//! its patterns no longer match, so the built binary is looked at: its `.text.keys`
//! section is there and holds a key's worth of code, not all of it.
#![cfg(target_os = "linux")]

/// The (name, size) of each section of a 64-bit little-endian ELF file.
fn sections(elf: &[u8]) -> Vec<(String, u64)> {
    let u16_at = |at: usize| u16::from_le_bytes([elf[at], elf[at + 1]]);
    let u32_at = |at: usize| u32::from_le_bytes(elf[at..at + 4].try_into().expect("4 bytes"));
    let u64_at = |at: usize| u64::from_le_bytes(elf[at..at + 8].try_into().expect("8 bytes"));
    assert_eq!(&elf[..5], b"\x7fELF\x02", "a 64-bit ELF file");
    let table = u64_at(0x28) as usize;
    let (size, count, names) = (u16_at(0x3a), u16_at(0x3c), u16_at(0x3e));
    let header = |i: u16| table + usize::from(i) * usize::from(size);
    let strings = u64_at(header(names) + 0x18) as usize;
    (0..count)
        .map(|i| {
            let name_at = strings + u32_at(header(i)) as usize;
            let len = elf[name_at..]
                .iter()
                .position(|&b| b == 0)
                .expect("name ends");
            let name = String::from_utf8_lossy(&elf[name_at..name_at + len]).into_owned();
            (name, u64_at(header(i) + 0x20))
        })
        .collect()
}

#[test]
fn a_drills_key_path_is_linked_side_by_side() {
    let elf = std::fs::read(env!("CARGO_BIN_EXE_kuaida")).expect("the built binary");
    let sections = sections(&elf);
    let size_of = |name: &str| sections.iter().find(|(n, _)| n == name).map(|(_, s)| *s);
    let keys = size_of(".text.keys").expect(".text.keys: build.rs passes link/keys.ld");
    let text = size_of(".text").expect(".text");
    assert!(
        keys >= 16 * 1024,
        ".text.keys holds {keys} bytes: its patterns match little"
    );
    assert!(
        keys * 8 < text,
        ".text.keys holds {keys} of {text} bytes: too much to be a key's"
    );
}
