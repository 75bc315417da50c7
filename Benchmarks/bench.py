#!/usr/bin/env python3
"""Times strata against psql on the same server and prints a table.

Usage: bench.py STRATA_BINARY POSTGRES_ADMIN_URL [COUNT]
"""
import glob
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

RUNS = int(os.environ.get("STRATA_BENCH_RUNS", "5"))
# The psql binary itself: Debian's /usr/bin/psql starts through a Perl wrapper (~50 ms).
PSQL = os.environ.get("PSQL") or (sorted(glob.glob("/usr/lib/postgresql/*/bin/psql")) or ["psql"])[-1]


def run(command, **kwargs):
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, **kwargs)
    return time.perf_counter() - started


def psql(url, *arguments):
    subprocess.run([PSQL, url, "-q", "-v", "ON_ERROR_STOP=1", *arguments], check=True, stdout=subprocess.DEVNULL)


def database_url(admin, name):
    base, _, query = admin.partition("?")
    return base.rsplit("/", 1)[0] + "/" + name + ("?" + query if query else "")


def fresh(admin, name):
    psql(admin, "-c", f'DROP DATABASE IF EXISTS "{name}"', "-c", f'CREATE DATABASE "{name}"')
    return database_url(admin, name)


def schema(url):
    """The schema as pg_dump writes it, without Strata's history table."""
    dump = os.path.join(os.path.dirname(PSQL), "pg_dump")
    output = subprocess.run([dump if os.path.exists(dump) else "pg_dump", "--schema-only", "--no-owner",
                             "--exclude-table=_strata_migrations", url], check=True, capture_output=True, text=True).stdout
    # pg_dump 15.14+ fences its output with \restrict KEY lines whose key is random.
    return [line for line in output.splitlines() if not line.startswith(("--", "\\restrict", "\\unrestrict"))]


def median_ms(samples):
    return statistics.median(samples) * 1000


def time_status(strata, url, migrations, environment):
    started = time.perf_counter()
    result = subprocess.run([strata, "migrate", "status", "--url", url, "--dir", migrations],
                            env=environment, stdout=subprocess.DEVNULL)
    elapsed = time.perf_counter() - started
    assert result.returncode == 0, "status should report everything applied"
    return elapsed


def main():
    strata, admin = sys.argv[1], sys.argv[2]
    socket_directory = os.environ.get("STRATA_TEST_POSTGRES_DIR")
    count = int(sys.argv[3]) if len(sys.argv) > 3 else 1000
    work = tempfile.mkdtemp(prefix="strata-bench-")
    migrations = os.path.join(work, "migrations")
    here = os.path.dirname(os.path.abspath(__file__))
    subprocess.run([sys.executable, os.path.join(here, "generate_migrations.py"), migrations, str(count)], check=True)
    subprocess.run([strata, "migrate", "hash", "--dir", migrations], check=True, stdout=subprocess.DEVNULL)
    names = sorted((n for n in os.listdir(migrations) if n != "strata.sum"), key=lambda n: n.encode())
    combined = os.path.join(work, "all.sql")
    with open(combined, "w") as out:
        for name in names:
            with open(os.path.join(migrations, name, "migration.sql")) as file:
                out.write(file.read())
    # psql with the same per-migration transactions and history rows Strata keeps.
    per_migration = os.path.join(work, "per-migration.sql")
    with open(per_migration, "w") as out:
        out.write("CREATE TABLE history (id BIGSERIAL PRIMARY KEY, name TEXT, started_at TIMESTAMPTZ, finished_at TIMESTAMPTZ);\n")
        for name in names:
            with open(os.path.join(migrations, name, "migration.sql")) as file:
                out.write(f"BEGIN;\n{file.read()}\nINSERT INTO history (name, started_at, finished_at) "
                          f"VALUES ('{name}', now(), clock_timestamp());\nCOMMIT;\n")

    environment = dict(os.environ, NO_COLOR="1")
    apply_strata, apply_psql, apply_psql_tx = [], [], []
    contenders = [
        ("bench_strata", apply_strata, lambda url: [strata, "migrate", "deploy", "--url", url, "--dir", migrations]),
        ("bench_psql", apply_psql, lambda url: [PSQL, url, "-q", "-v", "ON_ERROR_STOP=1", "-1", "-f", combined]),
        ("bench_psql_tx", apply_psql_tx, lambda url: [PSQL, url, "-q", "-v", "ON_ERROR_STOP=1", "-f", per_migration]),
    ]
    for run_index in range(RUNS):
        # Each starts from a checkpoint, in an order that rotates: whoever runs
        # right after the synced-commit run would otherwise pay for its writes.
        for offset in range(len(contenders)):
            name, samples, command = contenders[(run_index + offset) % len(contenders)]
            url = fresh(admin, name)
            psql(admin, "-c", "CHECKPOINT")
            samples.append(run(command(url), env=environment))
    same_schema = schema(database_url(admin, "bench_strata")) == schema(database_url(admin, "bench_psql"))

    # Let the server settle after the writes above before timing the read-only commands.
    psql(admin, "-c", "CHECKPOINT")
    time.sleep(2)
    url = database_url(admin, "bench_strata")
    noop_deploy = [run([strata, "migrate", "deploy", "--url", url, "--dir", migrations], env=environment) for _ in range(RUNS * 4)]
    status = [time_status(strata, url, migrations, environment) for _ in range(RUNS * 4)]
    socket_status = []
    if socket_directory:
        port = admin.rsplit(":", 1)[1].split("/", 1)[0]
        socket_url = f"postgres://strata@/bench_strata?host={socket_directory}&port={port}"
        socket_status = [time_status(strata, socket_url, migrations, environment) for _ in range(RUNS * 4)]
    history_query = [run([PSQL, url, "-q", "-c", "SELECT * FROM _strata_migrations ORDER BY id"]) for _ in range(RUNS * 4)]
    version = [run([strata, "--version"]) for _ in range(50)]

    strata_ms, psql_ms, psql_tx_ms = median_ms(apply_strata), median_ms(apply_psql), median_ms(apply_psql_tx)
    # Each run times strata and psql back to back: the ratio within a run drifts less than the medians.
    paired = statistics.median(a / b for a, b in zip(apply_strata, apply_psql))
    rows = [
        (f"apply {count} migrations: strata migrate deploy", f"{strata_ms:.0f} ms", ""),
        (f"apply {count} migrations: psql -1 -f (one transaction)", f"{psql_ms:.0f} ms",
         f"strata/psql = {strata_ms / psql_ms:.2f}x, median of paired runs {paired:.2f}x (target <= 1.05x)"),
        (f"apply {count} migrations: psql -f, a transaction + history row each", f"{psql_tx_ms:.0f} ms", f"strata/psql = {strata_ms / psql_tx_ms:.2f}x"),
        (f"no-op deploy, {count} applied", f"{median_ms(noop_deploy):.1f} ms", ""),
        (f"status, {count} applied (TCP, SCRAM password)", f"{median_ms(status):.1f} ms",
         f"strata/psql = {median_ms(status) / median_ms(history_query):.2f}x (target <= 1.5x)"),
        (f"psql -c 'SELECT * FROM _strata_migrations' ({count} rows, TCP)", f"{median_ms(history_query):.1f} ms", ""),
        ("strata --version (start-up)", f"{median_ms(version):.1f} ms", "target < 10 ms"),
    ]
    rows.append(("same schema as psql -1 (pg_dump --schema-only)", "yes" if same_schema else "NO", ""))
    if socket_status:
        rows.insert(6, (f"status, {count} applied (Unix socket, no password)", f"{median_ms(socket_status):.1f} ms", ""))
    width = max(len(row[0]) for row in rows)
    print(f"{'measurement (median of runs)'.ljust(width)} | {'time':>10} | note")
    print(f"{'-' * width}-|-{'-' * 10}-|-----")
    for name, value, note in rows:
        print(f"{name.ljust(width)} | {value:>10} | {note}")
    for name in ["bench_strata", "bench_psql", "bench_psql_tx"]:
        psql(admin, "-c", f'DROP DATABASE IF EXISTS "{name}"')
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
