//! Drill packs: the model, reading files (UTF-8/GBK, size limit), validation with
//! `PATH:LINE:COL` diagnostics, the built-in packs and the installed ones.

mod body;
mod decode;
mod load;
mod model;
mod syntax;
mod validate;

pub mod codebook;
pub mod csv;
pub mod emoticon;
pub mod import;
pub mod qianniu;
pub mod shown;
pub mod starter;
pub mod template;
pub mod write;

pub use body::{Body, Stored};
pub use decode::{MAX_PACK_BYTES, decode, sha256_hex};
pub use load::*;
pub use model::*;
pub use validate::{FORMAT, NO_GROUP};
