CREATE TRIGGER grade AFTER INSERT ON scores
BEGIN
    UPDATE scores SET grade = CASE WHEN NEW.points >= 90 THEN 'A'
                                   WHEN NEW.points >= 80 THEN 'B'
                                   ELSE CASE NEW.points WHEN 0 THEN 'none' ELSE 'C' END
                              END
    WHERE id = NEW.id;
    SELECT CASE WHEN NEW.points < 0 THEN RAISE(ABORT, 'negative; points') END;
END;
CREATE TRIGGER clear_cache AFTER UPDATE ON scores
WHEN CASE WHEN NEW.points > 0 THEN 1 ELSE 0 END
BEGIN
    DELETE FROM cache;
END;
SELECT 'after the triggers';
