//! UI language: Simplified Chinese by default, English on request.
//!
//! The language is chosen once at start (`--lang`, the `lang` setting, or the system
//! language) and read everywhere through [`is_zh`]; messages are written with the
//! [`tr!`](crate::tr) macro so both languages sit side by side in the source.

use std::sync::atomic::{AtomicU8, Ordering};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Zh,
    En,
}

impl Lang {
    /// `zh`, `zh-CN`, `zh_TW.UTF-8`, `en`, `en-US`… Anything not Chinese or English is `None`.
    pub fn parse(s: &str) -> Option<Lang> {
        let lower = s.trim().to_ascii_lowercase();
        if lower.starts_with("zh") {
            Some(Lang::Zh)
        } else if lower.starts_with("en") {
            Some(Lang::En)
        } else {
            None
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }
}

static LANG: AtomicU8 = AtomicU8::new(0);

pub fn set_lang(lang: Lang) {
    LANG.store(
        match lang {
            Lang::Zh => 0,
            Lang::En => 1,
        },
        Ordering::Relaxed,
    );
}

pub fn lang() -> Lang {
    if LANG.load(Ordering::Relaxed) == 1 {
        Lang::En
    } else {
        Lang::Zh
    }
}

pub fn is_zh() -> bool {
    lang() == Lang::Zh
}

/// The language to use when neither `--lang` nor the `lang` setting says: the system
/// UI language, Chinese unless that language is a known non-Chinese one.
pub fn system_lang() -> Lang {
    match sys_locale::get_locale() {
        Some(locale) if !locale.to_ascii_lowercase().starts_with("zh") => {
            // C/POSIX locales say nothing about the person; keep the default.
            let lower = locale.to_ascii_lowercase();
            if lower == "c" || lower == "posix" || lower.starts_with("c.") {
                Lang::Zh
            } else {
                Lang::En
            }
        }
        _ => Lang::Zh,
    }
}

/// A message in both languages: `tr!("第 {n} 行", "line {n}")`, formatted in the UI language.
#[macro_export]
macro_rules! tr {
    ($zh:literal, $en:literal $(,)?) => {
        if $crate::i18n::is_zh() { format!($zh) } else { format!($en) }
    };
    ($zh:literal, $en:literal, $($arg:tt)*) => {
        if $crate::i18n::is_zh() { format!($zh, $($arg)*) } else { format!($en, $($arg)*) }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_locale_names() {
        assert_eq!(Lang::parse("zh-CN"), Some(Lang::Zh));
        assert_eq!(Lang::parse("zh_TW.UTF-8"), Some(Lang::Zh));
        assert_eq!(Lang::parse("en"), Some(Lang::En));
        assert_eq!(Lang::parse("EN-us"), Some(Lang::En));
        assert_eq!(Lang::parse("fr"), None);
    }
}
