#!/usr/bin/env python3
"""Times `strata db seed --generate` on PostgreSQL and SQLite.

Usage: seed_bench.py STRATA POSTGRES_URL [ROWS]   (default 1000000)

Two schemas, each fresh before its run:
- narrow: `events (id bigserial primary key, name text not null, created_at
  timestamptz not null)`: ROWS rows;
- blog: `users` (unique e-mail, enum role, check, timestamps) and `posts`
  (a foreign key to users, a unique slug, a paragraph of text): ROWS/10 users
  and ROWS/2 posts.

For each it prints the rows/s Strata reports for the table's load (COPY on
PostgreSQL, prepared multi-row INSERTs in one transaction on SQLite), the
whole command's wall clock, and, on PostgreSQL, the rows/s of the server
filling the narrow table by itself (`INSERT ... SELECT generate_series`):
the floor no client beats by much. Not part of the test suite.
"""
import json
import os
import subprocess
import sys
import tempfile
import time

NARROW = {
    "postgres": "CREATE TABLE events (id bigserial PRIMARY KEY, name text NOT NULL, created_at timestamptz NOT NULL);",
    "sqlite": "CREATE TABLE events (id INTEGER PRIMARY KEY, name TEXT NOT NULL, created_at DATETIME NOT NULL);",
}

BLOG = {
    "postgres": """
        CREATE TYPE role AS ENUM ('USER', 'ADMIN');
        CREATE TABLE users (id bigserial PRIMARY KEY, email varchar(80) NOT NULL UNIQUE, name text NOT NULL,
          role role NOT NULL DEFAULT 'USER', age int CHECK (age >= 18), created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL);
        CREATE TABLE posts (id bigserial PRIMARY KEY, author_id bigint NOT NULL REFERENCES users(id), title varchar(120) NOT NULL,
          slug text NOT NULL UNIQUE, body text, created_at timestamptz NOT NULL);
    """,
    "sqlite": """
        CREATE TABLE users (id INTEGER PRIMARY KEY, email VARCHAR(80) NOT NULL UNIQUE, name TEXT NOT NULL,
          role TEXT NOT NULL DEFAULT 'USER' CHECK (role IN ('USER', 'ADMIN')), age INTEGER CHECK (age >= 18),
          created_at DATETIME NOT NULL, updated_at DATETIME NOT NULL);
        CREATE TABLE posts (id INTEGER PRIMARY KEY, author_id INTEGER NOT NULL REFERENCES users(id), title VARCHAR(120) NOT NULL,
          slug TEXT NOT NULL UNIQUE, body TEXT, created_at DATETIME NOT NULL);
    """,
}


def reset_postgres(url, ddl):
    sql = "SET client_min_messages = warning; DROP SCHEMA public CASCADE; CREATE SCHEMA public;" + ddl
    subprocess.run(["psql", url, "-q", "-v", "ON_ERROR_STOP=1", "-c", sql], check=True, stdout=subprocess.DEVNULL)


def reset_sqlite(path, ddl):
    if os.path.exists(path):
        os.remove(path)
    subprocess.run(["sqlite3", path, ddl], check=True)


def generate(strata, url, spec, cwd):
    start = time.perf_counter()
    out = subprocess.run([strata, "db", "seed", "--url", url, "--generate", spec, "--json"],
                         check=True, capture_output=True, text=True, cwd=cwd).stdout
    return json.loads(out), time.perf_counter() - start


def main():
    strata, url = sys.argv[1], sys.argv[2]
    rows = int(sys.argv[3]) if len(sys.argv) > 3 else 1_000_000
    print(f"db seed --generate ({rows:,} rows in the narrow table; blog: {rows // 10:,} users, {rows // 2:,} posts)")
    print(f"{'database':<10} {'schema':<7} {'table':<7} {'rows':>10} {'rows/s':>10} {'command':>9}")
    with tempfile.TemporaryDirectory() as folder:
        sqlite_path = os.path.join(folder, "bench.db")
        targets = [("postgres", url, lambda ddl: reset_postgres(url, ddl)),
                   ("sqlite", "sqlite:" + sqlite_path, lambda ddl: reset_sqlite(sqlite_path, ddl))]
        for database, target, reset in targets:
            for schema, ddl, spec in [("narrow", NARROW, f"events={rows}"), ("blog", BLOG, f"users={rows // 10},posts={rows // 2}")]:
                reset(ddl[database])
                report, wall = generate(strata, target, spec, folder)
                for table in report["tables"]:
                    print(f"{database:<10} {schema:<7} {table['name']:<7} {table['rows']:>10,} {int(table['rowsPerSecond']):>10,} {wall:>8.2f}s")
        reset_postgres(url, NARROW["postgres"])
        start = time.perf_counter()
        subprocess.run(["psql", url, "-q", "-c",
                        f"INSERT INTO events (name, created_at) SELECT 'event ' || g, now() - g * interval '1 second' FROM generate_series(1, {rows}) g"],
                       check=True, stdout=subprocess.DEVNULL)
        seconds = time.perf_counter() - start
        print(f"{'postgres':<10} {'narrow':<7} {'server':<7} {rows:>10,} {int(rows / seconds):>10,} {seconds:>8.2f}s  (INSERT ... SELECT generate_series, for scale)")


if __name__ == "__main__":
    main()
