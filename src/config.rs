//! Settings in the data dir's `config.toml`: student, language, theme, ambiguous width,
//! export folder, daily practice goal. A missing file means defaults; a broken one is reported, not ignored.

use crate::error::{Error, Result};
use crate::stats::goal::{DEFAULT_GOAL_MINUTES, MAX_GOAL_MINUTES};
use crate::tr;
use serde::{Deserialize, Serialize};
use std::path::Path;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theme: Option<String>,
    /// 1 or 2: how wide the terminal draws “ ” … —; unset means measure at start.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ambiwidth: Option<u8>,
    #[serde(default, skip_serializing_if = "StudentConfig::is_empty")]
    pub student: StudentConfig,
    #[serde(default, skip_serializing_if = "ExportConfig::is_empty")]
    pub export: ExportConfig,
    #[serde(default, skip_serializing_if = "GoalConfig::is_empty")]
    pub goal: GoalConfig,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StudentConfig {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
}

impl StudentConfig {
    fn is_empty(&self) -> bool {
        self.name.is_none() && self.id.is_none()
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportConfig {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dir: Option<String>,
}

impl ExportConfig {
    fn is_empty(&self) -> bool {
        self.dir.is_none()
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoalConfig {
    /// Minutes of practice a day; unset means [`DEFAULT_GOAL_MINUTES`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes: Option<u32>,
}

impl GoalConfig {
    fn is_empty(&self) -> bool {
        self.minutes.is_none()
    }
}

impl Config {
    /// The student set now (sessions saved from now on are theirs).
    pub fn student(&self) -> crate::record::Student {
        crate::record::Student {
            name: self.student.name.clone(),
            id: self.student.id.clone(),
        }
    }

    /// The daily goal in minutes (a hand-edited value out of range is brought into it).
    pub fn goal_minutes(&self) -> u32 {
        self.goal
            .minutes
            .unwrap_or(DEFAULT_GOAL_MINUTES)
            .clamp(1, MAX_GOAL_MINUTES)
    }

    /// Read `path`; a missing file gives the defaults.
    pub fn load(path: &Path) -> Result<Config> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
            Err(e) => return Err(Error::io(path, e)),
        };
        toml::from_str(&text).map_err(|e| {
            let msg = e.message().to_string();
            Error::Usage(tr!(
                "{}：设置文件有误：{msg}",
                "{}: the settings file is invalid: {msg}",
                path.display()
            ))
        })
    }
}

/// The settings `kuaida config` knows, in the order it prints them.
pub const KEYS: [&str; 7] = [
    "student.name",
    "student.id",
    "lang",
    "theme",
    "ambiwidth",
    "export.dir",
    "goal.minutes",
];

/// The themes `theme` accepts.
pub const THEMES: [&str; 3] = ["dark", "light", "mono"];

/// Longest name, id or folder a setting may hold (characters).
const MAX_VALUE_CHARS: usize = 260;

/// Why `config get` or `config set` was refused; the message lists what is allowed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SettingError {
    UnknownKey(String),
    BadValue { key: &'static str, why: String },
}

impl std::fmt::Display for SettingError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let keys = KEYS.join(", ");
        match self {
            SettingError::UnknownKey(key) => write!(
                f,
                "{}",
                tr!(
                    "没有这个设置：{key}（可用：{keys}）",
                    "no such setting: {key} (settings: {keys})"
                )
            ),
            SettingError::BadValue { key, why } => write!(
                f,
                "{}",
                tr!(
                    "{key} 的值不对：{why}（可用设置：{keys}）",
                    "bad value for {key}: {why} (settings: {keys})"
                )
            ),
        }
    }
}

fn known_key(key: &str) -> Result<&'static str, SettingError> {
    KEYS.iter()
        .copied()
        .find(|k| *k == key)
        .ok_or_else(|| SettingError::UnknownKey(key.escape_debug().to_string()))
}

impl Config {
    /// The value of one setting as text; `None` when it is not set.
    pub fn get(&self, key: &str) -> Result<Option<String>, SettingError> {
        Ok(match known_key(key)? {
            "student.name" => self.student.name.clone(),
            "student.id" => self.student.id.clone(),
            "lang" => self.lang.clone(),
            "theme" => self.theme.clone(),
            "ambiwidth" => self.ambiwidth.map(|w| w.to_string()),
            "goal.minutes" => self.goal.minutes.map(|m| m.to_string()),
            _ => self.export.dir.clone(),
        })
    }

    /// Set one setting from text after checking it; an empty value unsets it.
    pub fn set(&mut self, key: &str, value: &str) -> Result<(), SettingError> {
        let key = known_key(key)?;
        let value = value.trim();
        let bad = |why: String| SettingError::BadValue { key, why };
        if value.chars().any(char::is_control) {
            return Err(bad(tr!(
                "不能含控制字符",
                "control characters are not allowed"
            )));
        }
        if value.chars().count() > MAX_VALUE_CHARS {
            return Err(bad(tr!(
                "太长（最多 {MAX_VALUE_CHARS} 个字符）",
                "too long (at most {MAX_VALUE_CHARS} characters)"
            )));
        }
        let text = (!value.is_empty()).then(|| value.to_string());
        match key {
            "student.name" => self.student.name = text,
            "student.id" => self.student.id = text,
            "lang" => {
                self.lang = match text {
                    None => None,
                    Some(v) => match v.to_ascii_lowercase().as_str() {
                        "zh" | "en" => Some(v.to_ascii_lowercase()),
                        _ => return Err(bad(tr!("应为 zh 或 en", "expected zh or en"))),
                    },
                }
            }
            "theme" => {
                self.theme = match text {
                    None => None,
                    Some(v) if THEMES.contains(&v.as_str()) => Some(v),
                    Some(_) => {
                        let themes = THEMES.join(" | ");
                        return Err(bad(tr!("应为 {themes}", "expected {themes}")));
                    }
                }
            }
            "ambiwidth" => {
                self.ambiwidth = match text.as_deref() {
                    None => None,
                    Some("1") => Some(1),
                    Some("2") => Some(2),
                    Some(_) => return Err(bad(tr!("应为 1 或 2", "expected 1 or 2"))),
                }
            }
            "goal.minutes" => {
                self.goal.minutes = match text.as_deref() {
                    None => None,
                    Some(v) => match v.parse::<u32>() {
                        Ok(m) if (1..=MAX_GOAL_MINUTES).contains(&m) => Some(m),
                        _ => {
                            return Err(bad(tr!(
                                "应为 1 到 {MAX_GOAL_MINUTES} 之间的整数（每天练习的分钟数）",
                                "expected a whole number of minutes a day, 1 to {MAX_GOAL_MINUTES}"
                            )));
                        }
                    },
                }
            }
            _ => self.export.dir = text,
        }
        Ok(())
    }

    /// Write the settings to `path` as TOML: into a temporary file beside it, then
    /// renamed over it, so a crash never leaves half a file. Creates the folder.
    pub fn save(&self, path: &Path) -> Result<()> {
        let text =
            toml::to_string(self).map_err(|e| Error::Usage(format!("{}: {e}", path.display())))?;
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
        write_atomic(path, text.as_bytes())
    }
}

/// Write `bytes` to `path` through an exclusive temporary file in the same folder and
/// a rename (see [`crate::write_safe`]).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    crate::write_safe::replace(path, bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_get_and_refusals() {
        let mut c = Config::default();
        c.set("student.name", " 张三 ").unwrap();
        c.set("ambiwidth", "2").unwrap();
        c.set("lang", "EN").unwrap();
        assert_eq!(c.get("student.name").unwrap().as_deref(), Some("张三"));
        assert_eq!(c.get("ambiwidth").unwrap().as_deref(), Some("2"));
        assert_eq!(c.get("lang").unwrap().as_deref(), Some("en"));
        assert_eq!(c.get("theme").unwrap(), None);
        assert!(matches!(
            c.set("nope", "1"),
            Err(SettingError::UnknownKey(_))
        ));
        assert!(c.set("ambiwidth", "3").is_err());
        assert!(c.set("lang", "fr").is_err());
        assert!(c.set("theme", "pink").is_err());
        assert!(c.set("student.id", "a\u{1b}[2J").is_err());
        c.set("student.name", "").unwrap();
        assert_eq!(c.student.name, None);
    }

    #[test]
    fn the_daily_goal_is_whole_minutes_in_range() {
        let mut c = Config::default();
        assert_eq!(c.goal_minutes(), DEFAULT_GOAL_MINUTES);
        assert_eq!(c.get("goal.minutes").unwrap(), None);
        c.set("goal.minutes", " 30 ").unwrap();
        assert_eq!(c.goal_minutes(), 30);
        assert_eq!(c.get("goal.minutes").unwrap().as_deref(), Some("30"));
        for bad in ["0", "-5", "15.5", "abc", "481", "99999999999"] {
            assert!(c.set("goal.minutes", bad).is_err(), "{bad}");
        }
        assert_eq!(c.goal_minutes(), 30);
        c.set("goal.minutes", "").unwrap();
        assert_eq!(c.goal_minutes(), DEFAULT_GOAL_MINUTES);
        // A hand-edited file out of range is brought into range, not trusted.
        let c: Config = toml::from_str("[goal]\nminutes = 0\n").unwrap();
        assert_eq!(c.goal_minutes(), 1);
    }

    #[test]
    fn save_then_load_round_trips() {
        let tmp = tempfile::TempDir::new().unwrap();
        let path = tmp.path().join("sub/config.toml");
        let mut c = Config::default();
        c.set("student.id", "2024001").unwrap();
        c.set("export.dir", "D:\\成绩").unwrap();
        c.set("goal.minutes", "20").unwrap();
        c.save(&path).unwrap();
        assert_eq!(Config::load(&path).unwrap(), c);
    }
}
