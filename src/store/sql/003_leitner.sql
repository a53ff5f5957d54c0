-- kuaida history, schema 3: Leitner boxes of template codes for the code drills
-- (recall, recite). One card per (pack, code), moved by every answer of a saved
-- session (imports included) in the same transaction as the session itself.

CREATE TABLE leitner (
    pack        TEXT    NOT NULL,
    code        TEXT    NOT NULL,
    box         INTEGER NOT NULL CHECK (box BETWEEN 1 AND 5),
    -- YYYY-MM-DD: the first day the code is asked again.
    due         TEXT    NOT NULL,
    -- started_us of the session that last moved the card: an older session imported
    -- later does not move it back.
    reviewed_us INTEGER NOT NULL,
    right       INTEGER NOT NULL DEFAULT 0,
    wrong       INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (pack, code)
) WITHOUT ROWID;
