//! `kuaida config`, driving the real binary.
#![allow(clippy::unwrap_used)] // tests: a failed unwrap is a failed test

mod common;

use common::cli::{kuaida, stderr, stdout};
use tempfile::TempDir;

#[test]
fn set_get_and_list_keep_a_toml_file() {
    let tmp = TempDir::new().unwrap();
    let data = tmp.path().join("new-dir");
    let unset = kuaida(&data, &["--lang", "en", "config", "get", "student.name"]);
    assert_eq!(unset.status.code(), Some(0));
    assert_eq!(stdout(&unset), "");
    assert!(stderr(&unset).contains("not set"));

    for (k, v) in [
        ("student.name", "张三"),
        ("student.id", "2026001"),
        ("lang", "en"),
        ("theme", "light"),
        ("ambiwidth", "2"),
        ("export.dir", "D:\\成绩"),
        ("goal.minutes", "20"),
    ] {
        let o = kuaida(&data, &["config", "set", k, v]);
        assert_eq!(o.status.code(), Some(0), "{k}: {}", stderr(&o));
        let g = kuaida(&data, &["config", "get", k]);
        assert_eq!(stdout(&g), format!("{v}\n"));
    }
    let text = std::fs::read_to_string(data.join("config.toml")).unwrap();
    let value: toml::Table = toml::from_str(&text).unwrap();
    assert_eq!(value["student"]["name"].as_str(), Some("张三"));
    assert_eq!(value["ambiwidth"].as_integer(), Some(2));
    assert_eq!(value["goal"]["minutes"].as_integer(), Some(20));

    let all = stdout(&kuaida(&data, &["config"]));
    assert!(all.contains("student.id = 2026001\n"), "{all}");
    assert!(all.contains("export.dir = D:\\成绩\n"), "{all}");
    // The lang setting is obeyed: messages now in English.
    let bad = kuaida(&data, &["config", "get", "nope"]);
    assert!(stderr(&bad).contains("no such setting"), "{}", stderr(&bad));

    let unset = kuaida(&data, &["config", "set", "theme", ""]);
    assert_eq!(unset.status.code(), Some(0));
    assert!(
        !std::fs::read_to_string(data.join("config.toml"))
            .unwrap()
            .contains("theme")
    );
}

#[test]
fn bad_keys_and_values_exit_2_with_the_key_list() {
    let tmp = TempDir::new().unwrap();
    for args in [
        &["config", "set", "student.nam", "x"][..],
        &["config", "get", "colour"],
        &["config", "set", "ambiwidth", "3"],
        &["config", "set", "lang", "fr"],
        &["config", "set", "student.name", "a\u{1b}[31m"],
        &["config", "set", "goal.minutes", "0"],
        &["config", "set", "goal.minutes", "半小时"],
    ] {
        let mut all = vec!["--lang", "zh"];
        all.extend_from_slice(args);
        let o = kuaida(tmp.path(), &all);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let e = stderr(&o);
        assert!(
            e.contains(
                "student.name, student.id, lang, theme, ambiwidth, export.dir, goal.minutes"
            ),
            "{e}"
        );
        assert!(!e.contains('\u{1b}'), "{e:?}");
        assert_eq!(e.lines().count(), 1, "{e}");
    }
    assert!(!tmp.path().join("config.toml").exists());
}
