//! What the trainer and every command run with: where the data lives, and the settings.

use crate::config::Config;
use crate::paths::DataDir;

#[derive(Debug, Clone)]
pub struct Context {
    pub data: DataDir,
    pub config: Config,
}
