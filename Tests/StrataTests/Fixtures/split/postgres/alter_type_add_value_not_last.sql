ALTER TYPE mood ADD VALUE IF NOT EXISTS 'happy' AFTER 'ok';
ALTER TYPE mood RENAME VALUE 'sad' TO 'blue';
UPDATE people SET current_mood = 'happy';
