#!/usr/bin/env python3
"""Times strata against the sqlite3 shell on SQLite files and prints a table.

Usage: sqlite_bench.py STRATA_BINARY [COUNT]

The migrations look like Prisma's SQLite ones: tables with double-quoted
names and defaults, indexes, added columns and seed rows. The files live in
a temporary folder on the same file system for every contender.
"""
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

RUNS = int(os.environ.get("STRATA_BENCH_RUNS", "5"))
SQLITE3 = os.environ.get("SQLITE3", "sqlite3")


def migration(index, rng, tables):
    kind = rng.choice(["table", "table", "column", "index", "seed"])
    if not tables or kind == "table":
        name = f"Entity{index}"
        parent = rng.choice(tables) if tables else None
        columns = [
            '    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT',
            '    "name" TEXT NOT NULL',
            '    "status" TEXT NOT NULL DEFAULT "active"',
            '    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP',
        ]
        if parent:
            columns.append(f'    "{parent}Id" INTEGER REFERENCES "{parent}" ("id") ON DELETE CASCADE')
        sql = f'-- CreateTable\nCREATE TABLE "{name}" (\n' + ",\n".join(columns) + "\n);\n"
        if parent:
            sql += f'\n-- CreateIndex\nCREATE INDEX "{name}_{parent}Id_idx" ON "{name}"("{parent}Id");\n'
        tables.append(name)
        return sql
    table = rng.choice(tables)
    if kind == "column":
        return f'-- AlterTable\nALTER TABLE "{table}" ADD COLUMN "note{index}" TEXT;\n'
    if kind == "index":
        return f'-- CreateIndex\nCREATE INDEX "{table}_name_{index}_idx" ON "{table}"("name", "createdAt");\n'
    rows = ", ".join(f"('row {index}.{n}')" for n in range(5))
    return f'INSERT INTO "{table}" ("name") VALUES {rows};\n'


def run(command, **kwargs):
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kwargs)
    return time.perf_counter() - started


def schema(path):
    output = subprocess.run([SQLITE3, path, ".schema"], check=True, capture_output=True, text=True).stdout
    statements = [s.strip() for s in output.split(";\n") if s.strip()]
    return sorted(s for s in statements if "_strata_migrations" not in s and "sqlite_sequence" not in s)


def median_ms(samples):
    return statistics.median(samples) * 1000


def main():
    strata = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    work = tempfile.mkdtemp(prefix="strata-sqlite-bench-", dir=os.environ.get("STRATA_BENCH_DIR"))
    migrations = os.path.join(work, "migrations")
    rng, tables = random.Random(42), []
    names = []
    for index in range(1, count + 1):
        name = f"2024{index:010d}_m{index}"
        os.makedirs(os.path.join(migrations, name))
        with open(os.path.join(migrations, name, "migration.sql"), "w") as file:
            file.write(migration(index, rng, tables))
        names.append(name)
    subprocess.run([strata, "migrate", "hash", "--dir", migrations], check=True, stdout=subprocess.DEVNULL)
    combined = os.path.join(work, "all.sql")
    per_migration = os.path.join(work, "per-migration.sql")
    with open(combined, "w") as plain, open(per_migration, "w") as wrapped:
        wrapped.write("CREATE TABLE history (id INTEGER PRIMARY KEY, name TEXT, started_at TEXT, finished_at TEXT);\n")
        for name in names:
            with open(os.path.join(migrations, name, "migration.sql")) as file:
                sql = file.read()
            plain.write(sql)
            wrapped.write(f"BEGIN IMMEDIATE;\n{sql}\nINSERT INTO history (name, started_at, finished_at) "
                          f"VALUES ('{name}', datetime('now'), datetime('now'));\nCOMMIT;\n")

    environment = dict(os.environ, NO_COLOR="1")

    def database(label):
        path = os.path.join(work, label + ".db")
        for suffix in ["", "-journal", "-wal", "-shm"]:
            if os.path.exists(path + suffix):
                os.remove(path + suffix)
        return path

    samples = {"strata": [], "sqlite3": [], "sqlite3_tx": [], "reset": []}
    for _ in range(RUNS):
        path = database("strata")
        samples["strata"].append(run([strata, "migrate", "deploy", "--url", "sqlite:" + path, "--dir", migrations], env=environment))
        with open(combined) as source:
            samples["sqlite3"].append(run([SQLITE3, database("sqlite3")], stdin=source))
        with open(per_migration) as source:
            samples["sqlite3_tx"].append(run([SQLITE3, database("sqlite3_tx")], stdin=source))
        samples["reset"].append(run([strata, "migrate", "reset", "--force", "--url", "sqlite:" + path, "--dir", migrations], env=environment))
    same_schema = schema(os.path.join(work, "strata.db")) == schema(os.path.join(work, "sqlite3.db"))
    url = "sqlite:" + os.path.join(work, "strata.db")
    status = [run([strata, "migrate", "status", "--url", url, "--dir", migrations], env=environment) for _ in range(RUNS * 4)]
    noop = [run([strata, "migrate", "deploy", "--url", url, "--dir", migrations], env=environment) for _ in range(RUNS * 4)]

    strata_ms, sqlite_ms, sqlite_tx_ms = median_ms(samples["strata"]), median_ms(samples["sqlite3"]), median_ms(samples["sqlite3_tx"])
    rows = [
        (f"SQLite: apply {count} migrations: strata migrate deploy", f"{strata_ms:.0f} ms", ""),
        (f"SQLite: sqlite3 db < the {count} files concatenated", f"{sqlite_ms:.0f} ms",
         f"strata/sqlite3 = {strata_ms / sqlite_ms:.2f}x (target <= 2x)"),
        (f"SQLite: sqlite3, a transaction + history row each", f"{sqlite_tx_ms:.0f} ms", f"strata/sqlite3 = {strata_ms / sqlite_tx_ms:.2f}x"),
        (f"SQLite: migrate reset --force, {count} migrations", f"{median_ms(samples['reset']):.0f} ms", ""),
        (f"SQLite: no-op deploy, {count} applied", f"{median_ms(noop):.1f} ms", ""),
        (f"SQLite: status, {count} applied", f"{median_ms(status):.1f} ms", ""),
        ("SQLite: same schema as sqlite3 (.schema)", "yes" if same_schema else "NO", ""),
    ]
    width = max(len(row[0]) for row in rows)
    print(f"{'measurement (median of runs)'.ljust(width)} | {'time':>10} | note")
    print(f"{'-' * width}-|-{'-' * 10}-|-----")
    for name, value, note in rows:
        print(f"{name.ljust(width)} | {value:>10} | {note}")
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
