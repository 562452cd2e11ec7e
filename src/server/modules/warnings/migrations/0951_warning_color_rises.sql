-- A sensor warning lasts as long as its excursion and its colour only rises: each rise is kept
-- here (from, to, when, the reading) and shown on the board.
ALTER TABLE warnings ADD COLUMN color_rises jsonb NOT NULL DEFAULT '[]';
