CREATE TABLE a (id int);
SELECT 1
-- the last statement has no semicolon; this comment follows it
