-- kuaida history, schema 1. Migrations are append-only: never edit a released file,
-- add the next number instead.

-- One row per session. `record` holds the whole SessionRecord as JSON (the keystroke
-- log is the truth); the other columns are copies for listing and figures.
CREATE TABLE session (
    seq          INTEGER PRIMARY KEY,          -- insertion order
    id           TEXT    NOT NULL UNIQUE,      -- unique across machines (a UUID)
    pack         TEXT    NOT NULL,
    pack_version TEXT    NOT NULL,
    pack_hash    TEXT    NOT NULL,
    drill        TEXT    NOT NULL,
    kind         TEXT    NOT NULL,
    mode         TEXT,
    student_name TEXT,
    student_id   TEXT,
    started_at   TEXT    NOT NULL,             -- RFC 3339 with offset, as recorded
    started_us   INTEGER NOT NULL,             -- the same instant, µs since the Unix epoch (UTC), for ordering
    completed    INTEGER NOT NULL,
    duration_ms  INTEGER NOT NULL,
    cpm          REAL    NOT NULL,
    net_cpm      REAL    NOT NULL,
    accuracy     REAL    NOT NULL,
    passed       INTEGER,                      -- NULL: the drill has no pass criteria
    record       TEXT    NOT NULL,             -- the SessionRecord as JSON
    saved_at     TEXT    NOT NULL              -- when this machine stored it (RFC 3339)
);

CREATE INDEX session_newest ON session (started_us DESC, seq DESC);
CREATE INDEX session_drill ON session (pack, drill, completed, started_us, seq);

-- Per target grapheme of a session, for weak-character statistics (typing sessions only).
CREATE TABLE session_char (
    session         INTEGER NOT NULL REFERENCES session (seq) ON DELETE CASCADE,
    grapheme        TEXT    NOT NULL,
    typed           INTEGER NOT NULL,
    wrong           INTEGER NOT NULL,
    latency_us      INTEGER NOT NULL,
    latency_samples INTEGER NOT NULL,
    PRIMARY KEY (session, grapheme)
) WITHOUT ROWID;

CREATE INDEX session_char_grapheme ON session_char (grapheme);

-- What was typed instead of a grapheme (在/再, 的/地/得…).
CREATE TABLE session_confusion (
    session  INTEGER NOT NULL REFERENCES session (seq) ON DELETE CASCADE,
    grapheme TEXT    NOT NULL,
    typed_as TEXT    NOT NULL,
    times    INTEGER NOT NULL,
    PRIMARY KEY (session, grapheme, typed_as)
) WITHOUT ROWID;
