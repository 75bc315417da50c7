#!/usr/bin/env python3
"""Writes N small, realistic PostgreSQL migrations (Prisma layout) into a folder.

Deterministic for a given seed: tables with keys, defaults and checks, foreign
keys, indexes, enums, added columns, comments, seed rows and views, the mix a
product's history accumulates. None uses CREATE INDEX CONCURRENTLY, so the
same SQL also runs under `psql -1`.
"""
import os
import random
import sys


def migration(index, rng, tables):
    kind = rng.choice(["table", "table", "column", "index", "enum", "seed", "view", "constraint"])
    if not tables or kind == "table":
        name = f"entity_{index}"
        parent = rng.choice(tables) if tables else None
        lines = [
            f"-- CreateTable: {name}",
            f'CREATE TABLE "{name}" (',
            '    "id" BIGSERIAL PRIMARY KEY,',
            '    "name" TEXT NOT NULL,',
            '    "status" TEXT NOT NULL DEFAULT \'active\' CHECK ("status" IN (\'active\', \'archived\')),',
            '    "created_at" TIMESTAMPTZ NOT NULL DEFAULT now(),',
        ]
        if parent:
            lines.append(f'    "{parent}_id" BIGINT REFERENCES "{parent}" ("id") ON DELETE CASCADE,')
        lines.append('    "updated_at" TIMESTAMPTZ')
        lines.append(");")
        if parent:
            lines.append(f'CREATE INDEX "{name}_{parent}_id_idx" ON "{name}" ("{parent}_id");')
        tables.append(name)
        return "\n".join(lines) + "\n"
    table = rng.choice(tables)
    if kind == "column":
        return f'-- AlterTable\nALTER TABLE "{table}" ADD COLUMN "note_{index}" TEXT;\n'
    if kind == "index":
        return f'-- CreateIndex\nCREATE INDEX "{table}_created_{index}_idx" ON "{table}" ("created_at" DESC, "name");\n'
    if kind == "enum":
        return (f"-- CreateEnum\nCREATE TYPE \"kind_{index}\" AS ENUM ('small', 'medium', 'large');\n"
                f'ALTER TABLE "{table}" ADD COLUMN "kind_{index}" "kind_{index}" NOT NULL DEFAULT \'small\';\n')
    if kind == "seed":
        values = ", ".join(f"('seed {index}-{n}')" for n in range(5))
        return f'-- Seed\nINSERT INTO "{table}" ("name") VALUES {values};\n'
    if kind == "view":
        return (f'-- CreateView\nCREATE VIEW "active_{table}_{index}" AS\n'
                f'    SELECT "id", "name", "created_at" FROM "{table}" WHERE "status" = \'active\';\n')
    return (f'-- AddConstraint\nALTER TABLE "{table}" ADD CONSTRAINT "{table}_name_{index}_check" '
            f'CHECK (length("name") < 1000);\n')


def main():
    folder, count = sys.argv[1], int(sys.argv[2])
    rng = random.Random(42)
    tables = []
    for index in range(count):
        name = f"2024{index // 100:04d}{index % 100:02d}0000_step_{index}"
        path = os.path.join(folder, name)
        os.makedirs(path, exist_ok=True)
        with open(os.path.join(path, "migration.sql"), "w") as file:
            file.write(migration(index, rng, tables))


if __name__ == "__main__":
    main()
