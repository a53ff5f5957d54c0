-- kuaida history, schema 5: figures by kind, from the one recomputation.
-- Every figure column holds what `Figures::of` gives for the row's record (kuaida fills
-- them from Rust right after this file runs, and at every insert), so lists, bests and
-- trends never read a figure under another kind's heading:
--   small     1: a small sample (under 10 s or 10 graphemes): never in bests, trends,
--             averages or levels
--   headline  the kind's headline figures as JSON (what lists show)
--   score     the kind's figure for bests: 字/分 (text, phrases), 击键/分 (pinyin),
--             per cent right (quick reply, recall, recite)
--   mean_ms   quick reply: mean response; code drills: mean time per item

ALTER TABLE session ADD COLUMN small INTEGER NOT NULL DEFAULT 0;
ALTER TABLE session ADD COLUMN headline TEXT NOT NULL DEFAULT '{"kind":"unreadable"}';
ALTER TABLE session ADD COLUMN score REAL;
ALTER TABLE session ADD COLUMN mean_ms INTEGER;

-- The per-day queries of typing speed now filter by kind and sample size too.
DROP INDEX session_day;
CREATE INDEX session_day ON session
    (day, kind, mode, small, completed, duration_ms, cpm, accuracy, halfwidth);
