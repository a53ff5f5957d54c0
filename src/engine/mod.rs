//! The typing engine, pure: batches of keys in, the keystroke log and a summary out.
//! No terminal, no clock, no database: the caller passes the times.
