//! Pinyin practice (PRODUCT.md "Pinyin practice"): a Chinese drill typed as the letters
//! an input method would take. Pure: the readings of each 字, a matcher that decides
//! which reading the letters typed so far take, and a thin layer that feeds the letters
//! to the typing engine with the chosen readings as its target, so every engine figure
//! applies to the keystrokes as they are.

pub mod drill;
pub mod figures;
pub mod matcher;
pub mod readings;
pub mod weak;

pub use drill::PinyinDrill;
pub use figures::{PinyinFigures, SyllableFigure, figures, of_record, recompute};
pub use matcher::{Parsed, parse};
pub use readings::{Grapheme, line, readings};
pub use weak::PinyinWeak;
