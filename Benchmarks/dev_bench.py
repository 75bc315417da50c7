#!/usr/bin/env python3
"""Times `strata migrate dev` with no schema change on a long history and prints a table.

    python3 Benchmarks/dev_bench.py STRATA ADMIN_URL [COUNT] [SQLITE_COUNT]

PostgreSQL: COUNT (default 800) migrations from generate_migrations.py are
deployed to a fresh database; its schema, written by `strata schema inspect
--format sql`, is the schema file. The first `migrate dev` replays the whole
history on a shadow database, as Prisma Migrate does on every run, and keeps
it as a snapshot; the next runs start from the snapshot (the target: under
0.5 s). SQLite the same with sqlite_bench.py's migrations. Every run must
answer "no migration written"; the snapshot databases are dropped after.
"""
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time

from bench import PSQL, fresh, median_ms, psql
from sqlite_bench import migration as sqlite_migration

RUNS = int(os.environ.get("STRATA_BENCH_RUNS", "5"))


def timed(command, cwd):
    started = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if result.returncode != 0 or "no migration written" not in result.stdout:
        sys.exit(f"{' '.join(command)} did not find the schema unchanged:\n{result.stdout}\n{result.stderr}")
    return elapsed


def measure(strata, url, work, label, count):
    inspect = subprocess.run(
        [strata, "schema", "inspect", "--url", url, "--format", "sql"], cwd=work, check=True, capture_output=True, text=True)
    with open(os.path.join(work, "schema.sql"), "w") as file:
        file.write(inspect.stdout)
    dev = [strata, "migrate", "dev", "--name", "unchanged", "--schema", "schema.sql", "--url", url, "--dir", "migrations"]
    first = timed(dev, work)
    warm = [timed(dev, work) for _ in range(RUNS)]
    return [
        (f"{label}: first migrate dev, {count} migrations (full replay)", f"{first * 1000:.0f} ms", "what Prisma does on every run"),
        (f"{label}: next migrate dev (from the snapshot)", f"{median_ms(warm):.0f} ms",
         f"{first / (median_ms(warm) / 1000):.1f}x faster (target < 500 ms)"),
    ]


def postgres(strata, admin, count):
    work = tempfile.mkdtemp(prefix="strata-dev-bench-")
    try:
        subprocess.run([sys.executable, os.path.join(os.path.dirname(__file__), "generate_migrations.py"),
                        os.path.join(work, "migrations"), str(count)], check=True, stdout=subprocess.DEVNULL)
        url = fresh(admin, "bench_dev")
        subprocess.run([strata, "migrate", "deploy", "--url", url, "--dir", "migrations"], cwd=work, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return measure(strata, url, work, "PostgreSQL", count)
    finally:
        snapshots = subprocess.run(
            [PSQL, admin, "-Atc", "SELECT datname FROM pg_database WHERE datname LIKE 'strata\\_snapshot\\_%'"],
            capture_output=True, text=True).stdout.split()
        for name in snapshots + ["bench_dev"]:
            psql(admin, "-c", f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        shutil.rmtree(work, ignore_errors=True)


def sqlite(strata, count):
    work = tempfile.mkdtemp(prefix="strata-dev-bench-sqlite-")
    try:
        rng, tables = random.Random(7), []
        for index in range(count):
            folder = os.path.join(work, "migrations", f"{20240101000000 + index}_step_{index}")
            os.makedirs(folder)
            with open(os.path.join(folder, "migration.sql"), "w") as file:
                file.write(sqlite_migration(index, rng, tables))
        url = "sqlite:" + os.path.join(work, "dev.db")
        subprocess.run([strata, "migrate", "deploy", "--url", url, "--dir", "migrations"], cwd=work, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return measure(strata, url, work, "SQLite", count)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main():
    strata, admin = sys.argv[1], sys.argv[2]
    count = int(sys.argv[3]) if len(sys.argv) > 3 else 800
    sqlite_count = int(sys.argv[4]) if len(sys.argv) > 4 else 800
    rows = postgres(strata, admin, count) + sqlite(strata, sqlite_count)
    width = max(len(row[0]) for row in rows)
    print(f"{'measurement (first run, then median of runs)'.ljust(width)} | {'time':>10} | note")
    print(f"{'-' * width}-|-{'-' * 10}-|-----")
    for name, value, note in rows:
        print(f"{name.ljust(width)} | {value:>10} | {note}")


if __name__ == "__main__":
    main()
