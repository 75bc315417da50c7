#!/usr/bin/env python3
"""Times `strata data backfill` against one UPDATE of the whole table and
against the loop many tutorials show, on PostgreSQL and SQLite.

Usage: backfill_bench.py STRATA POSTGRES_URL [ROWS ...]   (default 1000000 10000000)
       RUNS=3 (environment): runs per method up to 1 M rows, the median kept; one run above.

For each size, a fresh table `users (id bigint primary key, name text, role
text)` gets ROWS rows with `role` NULL (then VACUUM ANALYZE), and each method
sets `role = 'USER' WHERE role IS NULL` on every row:

- one UPDATE: a single statement, one transaction (locks every row until it ends);
- strata --batch-size 1000, and strata --batch-time 500ms: keyset batches
  along the primary key, a transaction each, with the checkpoint;
- tutorial loop: `SELECT id ... WHERE role IS NULL LIMIT 1000`, then
  `UPDATE ... WHERE id = ANY(ids)`, COMMIT, repeated, run inside the server
  (a DO block, so no round trips: kinder to it than a client loop). Each
  SELECT scans again from the table's start past every row already done, so
  it grows quadratically; it is skipped above 1 M rows (it takes hours).

Throughput ratio = rows/s of the method / rows/s of one UPDATE. Wall clock,
the table rebuilt before every run, the methods taking turns run by run
(a machine whose speed drifts moves them alike). Not part of the test suite.
"""
import os
import statistics
import subprocess
import sys
import tempfile
import time

BATCH_TIME = "500ms"


def psql(url, sql):
    subprocess.run(["psql", url, "-q", "-v", "ON_ERROR_STOP=1", "-c", sql], check=True, stdout=subprocess.DEVNULL)


def fresh_postgres(url, rows):
    subprocess.run(["psql", url, "-q", "-c", "SET client_min_messages = warning; DROP TABLE IF EXISTS users; DROP TABLE IF EXISTS _strata_migrations_data"],
                   check=True, stdout=subprocess.DEVNULL)
    psql(url, "CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL, role text)")
    psql(url, f"INSERT INTO users SELECT g, 'user ' || g, NULL FROM generate_series(1, {rows}) g")
    psql(url, "VACUUM ANALYZE users")
    # Every method starts right after a checkpoint (each then writes every page's first change in full).
    psql(url, "CHECKPOINT")


def fresh_sqlite(path, rows):
    if os.path.exists(path):
        os.remove(path)
    sql = (
        "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL, role TEXT);"
        f"WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < {rows}) "
        "INSERT INTO users SELECT n, 'user ' || n, NULL FROM g;"
    )
    subprocess.run(["sqlite3", path, sql], check=True)


def timed(command):
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


TUTORIAL_LOOP = """
DO $$
DECLARE ids bigint[];
BEGIN
  LOOP
    SELECT array_agg(id) INTO ids FROM (SELECT id FROM users WHERE role IS NULL LIMIT 1000) batch;
    EXIT WHEN ids IS NULL;
    UPDATE users SET role = 'USER' WHERE id = ANY(ids);
    COMMIT;
  END LOOP;
END $$
"""


def backfill(strata, url, *options):
    return [strata, "data", "backfill", "--url", url, "--table", "users", "--set", "role = 'USER'",
            "--where", "role IS NULL", *options]


def interleaved(methods, runs, fresh):
    """Times each method `runs` times, taking turns (one run of each, then
    the next round), so a machine that speeds up or slows down meanwhile
    moves every method alike; returns each method's times."""
    times = {name: [] for name, _ in methods}
    for _ in range(runs):
        for name, command in methods:
            fresh()
            times[name].append(timed(command))
    return times


def row(database, rows, method, seconds, baseline):
    rate = rows / seconds
    ratio = f"{rate / (rows / baseline):.2f}" if baseline else "1.00"
    print(f"| {database} | {rows:,} | {method} | {seconds:.2f} s | {rate:,.0f} | {ratio} |")


def main():
    strata, url = sys.argv[1], sys.argv[2]
    sizes = [int(value) for value in sys.argv[3:]] or [1_000_000, 10_000_000]
    print("| database | rows | method | time | rows/s | vs one UPDATE |")
    print("|---|---:|---|---:|---:|---:|")
    for rows in sizes:
        methods = [
            ("one UPDATE", ["psql", url, "-q", "-c", "UPDATE users SET role = 'USER' WHERE role IS NULL"]),
            ("strata --batch-size 1000", backfill(strata, url, "--batch-size", "1000")),
            (f"strata --batch-time {BATCH_TIME}", backfill(strata, url, "--batch-time", BATCH_TIME)),
        ]
        if rows <= 1_000_000:
            methods.append(("tutorial loop (LIMIT 1000, WHERE id = ANY)", ["psql", url, "-q", "-c", TUTORIAL_LOOP]))
        runs = int(os.environ.get("RUNS", "3")) if rows <= 1_000_000 else 1
        times = interleaved(methods, runs, lambda: fresh_postgres(url, rows))
        baseline = None
        for name, _ in methods:
            seconds = statistics.median(times[name])
            row("PostgreSQL", rows, name, seconds, baseline)
            baseline = baseline or seconds
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "bench.db")
        for rows in sizes[:1]:
            methods = [
                ("one UPDATE", ["sqlite3", path, "UPDATE users SET role = 'USER' WHERE role IS NULL"]),
                ("strata --batch-size 1000", backfill(strata, "sqlite:" + path, "--batch-size", "1000")),
                (f"strata --batch-time {BATCH_TIME}", backfill(strata, "sqlite:" + path, "--batch-time", BATCH_TIME)),
            ]
            times = interleaved(methods, int(os.environ.get("RUNS", "3")), lambda: fresh_sqlite(path, rows))
            baseline = None
            for name, _ in methods:
                seconds = statistics.median(times[name])
                row("SQLite", rows, name, seconds, baseline)
                baseline = baseline or seconds


if __name__ == "__main__":
    main()
