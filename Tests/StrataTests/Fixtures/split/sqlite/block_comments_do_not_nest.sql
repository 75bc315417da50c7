/* SQLite block comments do not nest: /* this does not open a second one */
CREATE TABLE kept (id INTEGER);
CREATE TABLE also_kept (id /* a /* b */ INTEGER);
