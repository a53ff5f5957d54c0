//! Pack loading.
//! - Every built-in pack as a start loads them (`pack::builtin`): read back what build.rs
//!   checked with the crate's validator, bodies left for first use. Target: under 1 ms.
//! - The same texts parsed and validated at run time, as `pack check drills/*.toml` does.
//! - `pack check` of a generated 10,000-drill pack (target: under 300 ms) and a 12 MB
//!   pack refused (target: under 100 ms), each as a library call and as the whole
//!   `kuaida pack check FILE` process.
use criterion::{Criterion, criterion_group, criterion_main};
use kuaida::pack::{self, BUILTIN_SOURCES, LoadError, PackSource};
use std::hint::black_box;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

fn load_all_builtin(c: &mut Criterion) {
    let bytes: usize = BUILTIN_SOURCES.iter().map(|(_, t)| t.len()).sum();
    let drills: usize = pack::builtin().iter().map(|p| p.drills.len()).sum();
    eprintln!(
        "{} built-in packs, {bytes} bytes, {drills} drills",
        BUILTIN_SOURCES.len()
    );
    c.bench_function("load all built-in packs", |b| {
        b.iter(|| {
            let packs = pack::builtin();
            assert_eq!(packs.len(), BUILTIN_SOURCES.len());
            packs
        })
    });
    c.bench_function("parse and validate all built-in packs", |b| {
        b.iter(|| {
            let mut n = 0;
            for (file, text) in BUILTIN_SOURCES {
                let source = PackSource::Builtin {
                    file: (*file).to_owned(),
                };
                if let Ok(p) = pack::load_bytes(black_box(text.as_bytes()), file, source) {
                    n += p.drills.len();
                }
            }
            assert!(n > 0);
            n
        })
    });
    c.bench_function("toml parse only (all built-in)", |b| {
        b.iter(|| {
            let mut n = 0;
            for (_, text) in BUILTIN_SOURCES {
                let (doc, errors) = toml::de::DeTable::parse_recoverable(black_box(text));
                n += doc.get_ref().len() + errors.len();
            }
            n
        })
    });
}

const LINES: [&str; 6] = [
    "亲，您好！欢迎光临本店，请问有什么可以帮您？",
    "这款商品现在有现货，今天下午四点前付款当天就能发出。",
    "您的订单已经打包好了，快递员取件后会有物流信息，请您留意。",
    "尺码不合适的话，收到后七天内可以申请退换，运费险会帮您报销。",
    "麻烦您提供一下订单号，我这边马上帮您查一下物流进度。",
    "感谢您的耐心等待，有任何问题随时联系我们，祝您生活愉快！",
];

/// A valid pack with `n` drills: text drills of two or three sentences, every fifth a
/// phrases drill, every tenth with a time limit and pass criteria.
fn generated_pack(n: usize) -> String {
    let mut s = String::from(
        "[pack]\nid = \"bench-big\"\ntitle = \"大练习包\"\nversion = \"1\"\ntags = [\"基准\"]\n",
    );
    for i in 0..n {
        s.push_str(&format!(
            "\n[[drill]]\nid = \"d{i}\"\ntitle = \"第 {i} 课\"\n"
        ));
        if i % 10 == 0 {
            s.push_str("time_limit = 120\npass = { cpm = 60, accuracy = 95 }\n");
        }
        if i % 5 == 4 {
            s.push_str("kind = \"phrases\"\nphrases = [\n");
            for k in 0..4 {
                s.push_str(&format!("  \"{}\",\n", LINES[(i + k) % LINES.len()]));
            }
            s.push_str("]\n");
        } else {
            let text: String = (0..2 + i % 2)
                .map(|k| LINES[(i + k) % LINES.len()])
                .collect();
            s.push_str(&format!("kind = \"text\"\ntext = \"{text}\"\n"));
        }
    }
    s
}

fn kuaida(dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_kuaida"));
    cmd.env("KUAIDA_DATA_DIR", dir.join("data"))
        .env("LANG", "C.UTF-8");
    cmd
}

fn pack_check(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let big = dir.path().join("big.toml");
    let text = generated_pack(10_000);
    std::fs::write(&big, &text).expect("write");
    let checked = pack::load_file(&big, PackSource::File { path: big.clone() })
        .expect("the generated pack is valid");
    assert_eq!(checked.drills.len(), 10_000);
    eprintln!("10,000-drill pack: {} bytes", text.len());

    // 12 MB: a valid pack's text padded with comment lines past the limit.
    let huge = dir.path().join("huge.toml");
    let mut padded = generated_pack(10);
    let comment = format!("# {}\n", LINES[0]);
    while padded.len() < 12_000_000 {
        padded.push_str(&comment);
    }
    std::fs::write(&huge, &padded).expect("write");

    let mut group = c.benchmark_group("pack check");
    group.sample_size(20);
    group.measurement_time(Duration::from_secs(10));
    group.bench_function("10,000 drills (library)", |b| {
        b.iter(|| {
            let p = pack::load_file(&big, PackSource::File { path: big.clone() });
            assert!(p.is_ok());
            p
        })
    });
    group.bench_function("10,000 drills (kuaida pack check)", |b| {
        b.iter(|| {
            let out = kuaida(dir.path())
                .args(["pack", "check"])
                .arg(&big)
                .output()
                .expect("runs");
            assert!(out.status.success());
        })
    });
    group.bench_function("12 MB refused (library)", |b| {
        b.iter(|| {
            let r = pack::load_file(&huge, PackSource::File { path: huge.clone() });
            assert!(matches!(r, Err(LoadError::Io(_))));
        })
    });
    group.bench_function("12 MB refused (kuaida pack check)", |b| {
        b.iter(|| {
            let out = kuaida(dir.path())
                .args(["pack", "check"])
                .arg(&huge)
                .output()
                .expect("runs");
            assert_eq!(out.status.code(), Some(2));
        })
    });
    group.finish();
}

criterion_group!(benches, load_all_builtin, pack_check);
criterion_main!(benches);
