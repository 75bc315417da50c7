CREATE TABLE items (id INTEGER PRIMARY KEY, updated_at TEXT);
CREATE TRIGGER items_touch AFTER UPDATE ON items
BEGIN
    UPDATE items SET updated_at = datetime('now') WHERE id = NEW.id;
    INSERT INTO audit (what) VALUES ('touched; again');
END;
CREATE TEMP TRIGGER IF NOT EXISTS items_guard BEFORE DELETE ON items
FOR EACH ROW WHEN OLD.id = 1
BEGIN
    SELECT RAISE(ABORT, 'protected; row');
END;
INSERT INTO items (id) VALUES (1);
