//! The terminal UI: home, drill, results.
