CREATE FUNCTION add(a integer, b integer) RETURNS integer
    LANGUAGE sql
    BEGIN ATOMIC
        SELECT a + b;
    END;
CREATE PROCEDURE insert_two(x integer)
LANGUAGE sql
BEGIN ATOMIC
    INSERT INTO t VALUES (x);
    INSERT INTO t VALUES (x + 1);
END;
CREATE FUNCTION sign_of(x integer) RETURNS text LANGUAGE sql
BEGIN ATOMIC
    SELECT CASE WHEN x < 0 THEN 'negative; sign' ELSE 'positive' END;
END;
SELECT add(1, 2);
