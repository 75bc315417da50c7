SELECT 1;
SELECT [ünterminated FROM t;
