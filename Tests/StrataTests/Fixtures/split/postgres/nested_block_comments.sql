/* outer /* inner; */ still a comment; */
CREATE TABLE a (id int);
/* one /* two /* three */ two; */ one */ CREATE TABLE b (id int /* inside; */);
