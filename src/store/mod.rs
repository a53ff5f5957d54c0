//! History in SQLite (`history.sqlite3` in the data dir).
