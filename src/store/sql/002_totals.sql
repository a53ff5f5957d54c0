-- kuaida history, schema 2: stats without scanning every session.
-- `halfwidth` becomes a column (it was read from each record's JSON), and per-grapheme
-- figures are kept summed in `char_total` / `confusion_total` by triggers, so the stats
-- screen reads a few thousand rows however long the history grows.

ALTER TABLE session ADD COLUMN halfwidth INTEGER NOT NULL DEFAULT 0;
UPDATE session SET halfwidth = coalesce(json_extract(record, '$.halfwidth'), 0);

CREATE TABLE char_total (
    grapheme        TEXT    PRIMARY KEY,
    typed           INTEGER NOT NULL,
    wrong           INTEGER NOT NULL,
    latency_us      INTEGER NOT NULL,
    latency_samples INTEGER NOT NULL
) WITHOUT ROWID;

INSERT INTO char_total
SELECT grapheme, sum(typed), sum(wrong), sum(latency_us), sum(latency_samples)
  FROM session_char GROUP BY grapheme;

CREATE TABLE confusion_total (
    grapheme TEXT    NOT NULL,
    typed_as TEXT    NOT NULL,
    times    INTEGER NOT NULL,
    PRIMARY KEY (grapheme, typed_as)
) WITHOUT ROWID;

INSERT INTO confusion_total
SELECT grapheme, typed_as, sum(times) FROM session_confusion GROUP BY grapheme, typed_as;

CREATE TRIGGER session_char_added AFTER INSERT ON session_char BEGIN
    INSERT INTO char_total (grapheme, typed, wrong, latency_us, latency_samples)
    VALUES (NEW.grapheme, NEW.typed, NEW.wrong, NEW.latency_us, NEW.latency_samples)
    ON CONFLICT (grapheme) DO UPDATE SET
        typed = typed + excluded.typed,
        wrong = wrong + excluded.wrong,
        latency_us = latency_us + excluded.latency_us,
        latency_samples = latency_samples + excluded.latency_samples;
END;

CREATE TRIGGER session_char_removed AFTER DELETE ON session_char BEGIN
    UPDATE char_total SET
        typed = typed - OLD.typed,
        wrong = wrong - OLD.wrong,
        latency_us = latency_us - OLD.latency_us,
        latency_samples = latency_samples - OLD.latency_samples
     WHERE grapheme = OLD.grapheme;
END;

CREATE TRIGGER session_confusion_added AFTER INSERT ON session_confusion BEGIN
    INSERT INTO confusion_total (grapheme, typed_as, times)
    VALUES (NEW.grapheme, NEW.typed_as, NEW.times)
    ON CONFLICT (grapheme, typed_as) DO UPDATE SET times = times + excluded.times;
END;

CREATE TRIGGER session_confusion_removed AFTER DELETE ON session_confusion BEGIN
    UPDATE confusion_total SET times = times - OLD.times
     WHERE grapheme = OLD.grapheme AND typed_as = OLD.typed_as;
END;
