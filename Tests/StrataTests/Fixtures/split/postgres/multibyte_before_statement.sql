-- Ünïcödé ☃ comment 😀
CREATE TABLE café (naïve text DEFAULT 'crème; brûlée');
/* ✓ */ SELECT 'ß'; SELECT 1;
