SELECT E'it\'s; escaped';
SELECT E'backslash \\'; SELECT 'after';
SELECT e'tab\there;', E'\x41;';
