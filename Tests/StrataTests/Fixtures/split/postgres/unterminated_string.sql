CREATE TABLE t (id int);
INSERT INTO t VALUES ('é unterminated;
SELECT 1;
