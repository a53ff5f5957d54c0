//! Settings in the data dir's `config.toml`: student, language, theme, ambiguous width,
//! export folder. A missing file means defaults; a broken one is reported, not ignored.

use crate::error::{Error, Result};
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

impl Config {
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
