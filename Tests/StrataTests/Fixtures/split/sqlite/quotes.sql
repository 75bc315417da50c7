INSERT INTO "semi;colon" ([odd;col], `back;tick`, "dq""inner;") VALUES ('a;b', 'it''s;');
SELECT [it's; a name], "it's; too", `it's "also"; one`, 'a "string"; [here]';
SELECT `tick``tock;`;
SELECT 'end';
