INSERT INTO notes (body) VALUES ('a; b'), ('it''s; fine'), ('');
SELECT "weird;name" FROM "odd""table;";
SELECT 'multi
line; string';
SELECT 'one'
    'two;'
    'three';
SELECT U&'d\0061t\+000061;' AS unicode;
