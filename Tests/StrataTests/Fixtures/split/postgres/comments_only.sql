-- This migration intentionally does nothing; it only records a decision.
/* Not even this;
   CREATE TABLE t (id int); */
-- SELECT 1;
