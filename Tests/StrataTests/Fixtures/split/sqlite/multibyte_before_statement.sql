-- ☃ Ünïcödé 😀
CREATE TABLE "café" (naïve TEXT DEFAULT 'crème; brûlée'); /* ✓ */ SELECT 'ß';
