-- first; second
CREATE TABLE c (
    id int, -- the key; not the end
    note text -- ; ;
);
SELECT 1; -- after; the statement
SELECT 2;--no space
SELECT 3
-- between the statement and its semicolon;
;
