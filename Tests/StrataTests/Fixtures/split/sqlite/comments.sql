-- leading; comment
CREATE TABLE a (id INTEGER); -- trailing; comment
/* block; comment */ CREATE TABLE b (
    id INTEGER -- inner; comment
    /* inner; block */
);
;;
SELECT 1 -- no semicolon at the end;
