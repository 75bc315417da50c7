CREATE INDEX users_email ON users (email);
CREATE INDEX CONCURRENTLY users_name ON users (name);
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS users_handle ON users (lower(handle));
DROP INDEX CONCURRENTLY users_email;
DROP INDEX users_name;
