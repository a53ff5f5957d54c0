-- kuaida history, schema 4: per-day figures from an index.
-- The daily goal and streak, the per-day trend and the totals need each session's local
-- date, duration and figures, nothing else; without an index each of them reads every
-- session row, and a row carries its whole keystroke log. `day` is the local date as
-- recorded (the first ten characters of `started_at`); the index covers those queries.
-- (An index on the expression, or on a virtual column, is not used as covering.)

ALTER TABLE session ADD COLUMN day TEXT NOT NULL DEFAULT '';
UPDATE session SET day = substr(started_at, 1, 10);

-- `mode` is in it too: the 字/分 trend leaves pinyin practice (letters per minute) out.
CREATE INDEX session_day ON session (day, completed, duration_ms, cpm, accuracy, halfwidth, mode);
