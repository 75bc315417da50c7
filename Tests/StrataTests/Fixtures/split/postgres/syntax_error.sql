-- ünïcödé: the parser counts characters, Strata reports bytes ☃
CREATE TABLE ok (id int);
SELECT 'é😀' FROM WHERE;
