"""Benchmark of the tracked-link redirect /s/<code> under concurrent load (make bench).

Serves the app with gunicorn (several workers) on 127.0.0.1 and sends a fixed
number of requests with ApacheBench to a bare Django view and to the redirect,
alternately (bare, redirect, bare, redirect, ...: BENCH_PAIRS pairs), so a
machine that gets busier or quieter during the run weighs on both alike. Prints
each pair, the median of the redirect's throughput as a share of the bare
view's with its spread (min-max and interquartile range; target >= 70 %), and
checks that every redirect request became exactly one click row: after each
redirect run once the click buffer has been written, and at the end. Uses
PostgreSQL on 127.0.0.1:5432 when one answers (as in production), else SQLite
(BENCH_SQLITE=1 forces SQLite). Sizes: BENCH_REQUESTS per run, BENCH_PAIRS,
BENCH_CONCURRENCY, BENCH_WORKERS.
"""

import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parent.parent
REQUESTS = int(os.environ.get("BENCH_REQUESTS", 5000))  # per run
PAIRS = int(os.environ.get("BENCH_PAIRS", 7))
CONCURRENCY = int(os.environ.get("BENCH_CONCURRENCY", 32))
WORKERS = int(os.environ.get("BENCH_WORKERS", 4))
POSTGRES_DB = os.environ.get("BENCH_POSTGRES_DB", "deelwijs_bench")  # made anew each run
WARM_UP = 500
BUFFER_SECONDS = 1.0  # CLICK_BUFFER_SECONDS of the server
BROWSER = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/126.0 Mobile Safari/537.36"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def postgres_url():
    try:
        import psycopg

        with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True, connect_timeout=2) as c:
            c.execute(f'DROP DATABASE IF EXISTS "{POSTGRES_DB}"')
            c.execute(f'CREATE DATABASE "{POSTGRES_DB}"')
        return f"postgres://postgres@127.0.0.1:5432/{POSTGRES_DB}"
    except Exception:  # no server: fall back to SQLite
        return None


def count_clicks(database):
    """Click rows in the database, read directly (the server keeps running meanwhile)."""
    if database.startswith("postgres"):
        import psycopg

        with psycopg.connect(database.replace("postgres://", "postgresql://", 1)) as c:
            return c.execute("SELECT count(*) FROM sharing_click").fetchone()[0]
    import sqlite3

    with sqlite3.connect(database.removeprefix("sqlite:///"), timeout=30) as c:
        return c.execute("SELECT count(*) FROM sharing_click").fetchone()[0]


def wait_for_clicks(database, expected, limit=10 * BUFFER_SECONDS):
    """Seconds until the click rows reach the expected number (None if they do not within the limit)."""
    started = time.perf_counter()
    while True:
        counted = count_clicks(database)
        waited = time.perf_counter() - started
        if counted >= expected or waited > limit:
            return (waited if counted == expected else None), counted
        time.sleep(0.1)


def ab(url, requests=REQUESTS):
    out = subprocess.run(
        ["ab", "-q", "-k", "-n", str(requests), "-c", str(CONCURRENCY), "-H", f"User-Agent: {BROWSER}", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests per second:\s+([\d.]+)", out).group(1))
    p99 = float(re.search(r"\s99%\s+(\d+)", out).group(1))
    failed = int(re.search(r"Failed requests:\s+(\d+)", out).group(1))
    non2xx = re.search(r"Non-2xx responses:\s+(\d+)", out)
    return rps, p99, failed, int(non2xx.group(1)) if non2xx else 0


def spread(ratios):
    quartiles = statistics.quantiles(ratios, n=4, method="inclusive") if len(ratios) > 1 else [ratios[0]] * 3
    return statistics.median(ratios), min(ratios), max(ratios), quartiles[0], quartiles[2]


def main():
    database = (
        None if os.environ.get("BENCH_SQLITE") else postgres_url()
    ) or f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
    var = Path(tempfile.mkdtemp())
    (var / "static").mkdir()  # WhiteNoise warns in every worker about a missing static folder
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.redirect_settings",
        "DATABASE_URL": database,
        "PYTHONPATH": str(ROOT),
        "DEELWIJS_VAR": str(var),
        "CLICK_BUFFER_SECONDS": str(BUFFER_SECONDS),
        # Production settings refuse to start without a key; this run's own, shared by all its processes.
        "DEELWIJS_ENCRYPTION_KEYS": os.environ.get("DEELWIJS_ENCRYPTION_KEYS") or Fernet.generate_key().decode(),
    }
    python = sys.executable
    subprocess.run([python, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    code = subprocess.run(
        [python, "-c", SETUP], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout.strip()
    port = free_port()
    gunicorn = Path(python).parent / "gunicorn"
    server = subprocess.Popen(
        [
            str(gunicorn),
            "deelwijs.config.wsgi",
            "-w",
            str(WORKERS),
            "-b",
            f"127.0.0.1:{port}",
            "--keep-alive",
            "5",
            "--log-level",
            "error",
        ],
        cwd=ROOT,
        env=env,
    )
    pairs, waits, sent, failures = [], [], WARM_UP, 0
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        base = f"http://127.0.0.1:{port}"
        # Warm up both (every worker imports, connects and caches the link); the redirects count as clicks too.
        subprocess.run(
            ["ab", "-q", "-n", str(WARM_UP), "-c", "8", f"{base}/bench/bare/"], capture_output=True, check=True
        )
        ab(f"{base}/s/{code}", WARM_UP)
        for _n in range(PAIRS):
            bare = ab(f"{base}/bench/bare/")
            redirect = ab(f"{base}/s/{code}")
            sent += REQUESTS
            failures += bare[2] + redirect[2] + (REQUESTS - redirect[3])  # every redirect answers 302
            waits.append(wait_for_clicks(database, sent))
            pairs.append((bare, redirect))
    finally:
        server.terminate()  # graceful: each worker writes the clicks it still holds
        server.wait(timeout=30)
    clicks = count_clicks(database)
    kind = "PostgreSQL" if database.startswith("postgres") else "SQLite"
    print(
        f"Redirect benchmark: gunicorn {WORKERS} workers, {kind}, concurrency {CONCURRENCY}, "
        f"{PAIRS} pairs of {REQUESTS} requests (bare view, then redirect)"
    )
    ratios = []
    for n, ((bare, redirect), (waited, counted)) in enumerate(zip(pairs, waits, strict=True), 1):
        ratios.append(redirect[0] / bare[0])
        written = f"clicks written {waited:.1f} s later" if waited is not None else f"clicks NOT exact ({counted})"
        print(
            f"  pair {n}: bare {bare[0]:6.0f} req/s p99 {bare[1]:3.0f} ms | redirect {redirect[0]:6.0f} req/s "
            f"p99 {redirect[1]:3.0f} ms | {ratios[-1]:4.0%} | {written}"
        )
    median, low, high, q1, q3 = spread(ratios)
    print(
        f"redirect throughput = {median:.0%} of the bare view (median of {PAIRS} pairs; min-max {low:.0%}-{high:.0%}, "
        f"IQR {q1:.0%}-{q3:.0%}; target >= 70%: {'met' if median >= 0.7 else 'NOT met'})"
    )
    exact = clicks == sent and all(waited is not None for waited, _counted in waits)
    print(
        f"clicks counted {clicks} of {sent} redirect requests sent, {failures} failed or not redirected "
        f"({'exact' if exact and not failures else 'NOT exact'}: after every run and at the end)"
    )
    return 0 if exact and not failures else 1


SETUP = """
import django; django.setup()
from deelwijs.orgs.models import Organisation, User
from deelwijs.content.models import ContentItem
from deelwijs.orgs.tenancy import organisation_scope
from deelwijs.sharing.domain import record_share
org = Organisation.objects.create(name="Bench", slug="bench")
with organisation_scope(org):  # every query of an organisation's data runs in its scope
    person = User.objects.create_user("bench@bench.test", "x", first_name="Bench", organisation=org)
    item = ContentItem.objects.create(organisation=org, title="Bench", link="https://www.example.org/nieuws")
    print(record_share(person, item, "linkedin", "tekst").link.code)
"""

if __name__ == "__main__":
    sys.exit(main())
