#!/usr/bin/env python3
"""Times `strata lint` on a 30,000-line migration and on 1,000 migration files.

Usage: lint_bench.py STRATA [RUNS]

The 30,000-line file mixes what a long hand-written migration holds: tables,
indexes on existing and new tables, added and dropped columns, foreign keys,
type changes, data fixes, comments and PL/pgSQL bodies full of scary words, so
that every third statement or so is a finding. The 1,000 files are
the size and shape Prisma Migrate writes (a table, an added column with an
index, a foreign key, a dropped column), and generate_migrations.py's history
with seed rows (larger files). Each is timed as human output (every
finding printed, advice included: the output must grow linearly), as JSON, and
with every rule turned off (`[lint.rules]` all "off"): reading, splitting and
parsing alone, the floor. Medians of RUNS runs (default 7), wall clock, output
to /dev/null. Not part of the test suite.
"""
import os
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def block(i):
    return f"""-- Section {i}: orders of tenant {i}
CREATE TABLE "orders_{i}" (
    "id" BIGSERIAL PRIMARY KEY,
    "customer_id" INTEGER NOT NULL,
    "status" VARCHAR(20) NOT NULL DEFAULT 'new',
    "total" NUMERIC(10,2),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX "orders_{i}_customer_idx" ON "orders_{i}" ("customer_id");
ALTER TABLE "orders_{max(i - 1, 0)}" ADD COLUMN "note_{i}" TEXT;
CREATE INDEX "orders_{max(i - 1, 0)}_status_{i}_idx" ON "orders_{max(i - 1, 0)}" ("status");
ALTER TABLE "orders_{max(i - 1, 0)}" ADD CONSTRAINT "orders_{i}_fk" FOREIGN KEY ("customer_id") REFERENCES "orders_{i}" ("id");
UPDATE "orders_{max(i - 1, 0)}" SET "status" = 'open' WHERE "id" = {i};
ALTER TABLE "orders_{max(i - 1, 0)}" ALTER COLUMN "total" TYPE NUMERIC(12,2);
CREATE FUNCTION "purge_{i}"() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  -- DROP TABLE and TRUNCATE here are text, not statements
  DELETE FROM "orders_{i}" WHERE "created_at" < now() - interval '1 year';
END $$;
ALTER TABLE "orders_{max(i - 1, 0)}" DROP COLUMN "note_{i}";
"""


def prisma_migration(i):
    """A migration of the size and shape `prisma migrate dev` writes (median of real histories: about 15 lines)."""
    kind = i % 4
    if kind == 0 or i < 4:
        return f"""-- CreateTable
CREATE TABLE "Model{i}" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "ownerId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Model{i}_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Model{i}_ownerId_idx" ON "Model{i}"("ownerId");
"""
    parent = i - kind
    if kind == 1:
        return f"""-- AlterTable
ALTER TABLE "Model{parent}" ADD COLUMN "flag{i}" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE INDEX "Model{parent}_flag{i}_idx" ON "Model{parent}"("flag{i}");
"""
    if kind == 2:
        return f"""-- AddForeignKey
ALTER TABLE "Model{parent}" ADD CONSTRAINT "Model{parent}_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "Model{parent - 4 if parent >= 4 else parent}"("id") ON DELETE SET NULL ON UPDATE CASCADE;
"""
    return f"""/*
  Warnings:

  - You are about to drop the column `flag{i - 2}` on the `Model{parent}` table. All the data in the column will be lost.

*/
-- AlterTable
ALTER TABLE "Model{parent}" DROP COLUMN "flag{i - 2}";
"""


def median_run(command, runs, cwd=None):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main():
    strata = os.path.abspath(sys.argv[1])
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 7
    with tempfile.TemporaryDirectory() as root:
        big = os.path.join(root, "big", "migration.sql")
        os.makedirs(os.path.dirname(big))
        text, i = "", 0
        while text.count("\n") < 30000:
            text += block(i)
            i += 1
        with open(big, "w") as f:
            f.write(text)
        lines = text.count("\n")
        prisma = os.path.join(root, "prisma", "migrations")
        for i in range(1000):
            folder = os.path.join(prisma, f"2024{i:06d}000000_step_{i}")
            os.makedirs(folder)
            with open(os.path.join(folder, "migration.sql"), "w") as f:
                f.write(prisma_migration(i))
        history = os.path.join(root, "history", "migrations")
        subprocess.run([sys.executable, os.path.join(HERE, "generate_migrations.py"), history, "1000"], check=True,
                       stdout=subprocess.DEVNULL)
        def size(folder):
            return sum(os.path.getsize(os.path.join(d, f)) for d, _, files in os.walk(folder) for f in files)
        rules = subprocess.run([strata, "lint", "--rules", "--json", "--dialect", "postgresql"], capture_output=True, text=True, check=True)
        import json
        off = "[lint.rules]\n" + "".join(f'{r["id"]} = "off"\n' for r in json.loads(rules.stdout))
        quiet = os.path.join(root, "quiet")
        os.makedirs(quiet)
        with open(os.path.join(quiet, "strata.toml"), "w") as f:
            f.write(off)

        findings = json.loads(subprocess.run([strata, "lint", "--dialect", "postgresql", "--advice", "--json", big],
                                             capture_output=True, text=True).stdout)
        cases = [
            (f"one file, {lines} lines, {len(findings)} findings", [big]),
            (f"1000 Prisma-sized files ({size(prisma) // 1024} kB)", [prisma]),
            (f"1000 files with seed rows ({size(history) // 1024} kB)", [history]),
        ]
        print(f"strata lint, median of {runs} runs (wall clock)")
        print(f"| {'input':<46} | {'human, advice':>13} | {'--json':>8} | {'parse only':>10} |")
        print(f"|{'-' * 48}|{'-' * 15}|{'-' * 10}|{'-' * 12}|")
        for name, paths in cases:
            human = median_run([strata, "lint", "--dialect", "postgresql", "--advice", *paths], runs)
            as_json = median_run([strata, "lint", "--dialect", "postgresql", "--json", *paths], runs)
            parse = median_run([strata, "lint", "--dialect", "postgresql", "--config", os.path.join(quiet, "strata.toml"), *paths], runs)
            print(f"| {name:<46} | {human:>11.3f} s | {as_json:>6.3f} s | {parse:>8.3f} s |")
        start = median_run([strata, "--version"], runs)
        print(f"| {'strata --version (start-up)':<46} | {start:>11.3f} s | {'':>8} | {'':>10} |")


if __name__ == "__main__":
    main()
