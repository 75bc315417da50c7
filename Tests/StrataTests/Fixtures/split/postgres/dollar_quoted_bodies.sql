CREATE FUNCTION add_one(i integer) RETURNS integer LANGUAGE plpgsql AS $$
BEGIN
    RETURN i + 1; -- a ; inside
END;
$$;
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $body$
BEGIN
    NEW.updated_at := now();
    PERFORM 'not $$ the end; really';
    RETURN NEW;
END;
$body$;
DO $do$ BEGIN RAISE NOTICE 'a;b'; COMMIT; END $do$;
SELECT $x$;$x$ AS semicolon, $_1$ $x$; $_1$ AS other_tag;
