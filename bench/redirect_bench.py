"""Benchmark of the tracked-link redirect /s/<code> under concurrent load (make bench).

Serves the app with gunicorn (several workers) on 127.0.0.1, sends a fixed
number of requests with ApacheBench to the redirect and to a bare Django
view, and prints requests per second and p99 latency for both. The click
counter must equal the number of requests sent. Uses PostgreSQL on
127.0.0.1:5432 when one answers (as in production), else SQLite.
"""

import os
import re
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REQUESTS = int(os.environ.get("BENCH_REQUESTS", 20000))
CONCURRENCY = int(os.environ.get("BENCH_CONCURRENCY", 32))
WORKERS = int(os.environ.get("BENCH_WORKERS", 4))
BROWSER = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/126.0 Mobile Safari/537.36"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def postgres_url():
    try:
        import psycopg

        with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True, connect_timeout=2) as c:
            c.execute("DROP DATABASE IF EXISTS deelwijs_bench")
            c.execute("CREATE DATABASE deelwijs_bench")
        return "postgres://postgres@127.0.0.1:5432/deelwijs_bench"
    except Exception:  # no server: fall back to SQLite
        return None


def ab(url):
    out = subprocess.run(
        ["ab", "-q", "-k", "-n", str(REQUESTS), "-c", str(CONCURRENCY), "-H", f"User-Agent: {BROWSER}", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests per second:\s+([\d.]+)", out).group(1))
    p99 = float(re.search(r"\s99%\s+(\d+)", out).group(1))
    failed = int(re.search(r"Failed requests:\s+(\d+)", out).group(1))
    non2xx = re.search(r"Non-2xx responses:\s+(\d+)", out)
    return rps, p99, failed, int(non2xx.group(1)) if non2xx else 0


def main():
    database = postgres_url() or f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.redirect_settings",
        "DATABASE_URL": database,
        "PYTHONPATH": str(ROOT),
        "DEELWIJS_VAR": tempfile.mkdtemp(),
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
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        base = f"http://127.0.0.1:{port}"
        subprocess.run(["ab", "-q", "-n", "500", "-c", "8", f"{base}/bench/bare/"], capture_output=True, check=True)
        bare = ab(f"{base}/bench/bare/")
        redirect = ab(f"{base}/s/{code}")
    finally:
        server.terminate()  # graceful: each worker writes the clicks it still holds
        server.wait(timeout=30)
    clicks = subprocess.run(
        [python, "-c", COUNT.format(code=code)], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    ).stdout.strip()
    kind = "PostgreSQL" if database.startswith("postgres") else "SQLite"
    print(f"Redirect benchmark: gunicorn {WORKERS} workers, {kind}, {REQUESTS} requests, concurrency {CONCURRENCY}")
    print(f"bare Django view : {bare[0]:8.0f} req/s   p99 {bare[1]:4.0f} ms   failed {bare[2]}")
    print(f"redirect /s/code : {redirect[0]:8.0f} req/s   p99 {redirect[1]:4.0f} ms   failed {redirect[2]}")
    print(f"redirect throughput = {redirect[0] / bare[0]:.0%} of the bare view (target >= 70%)")
    print(
        f"clicks counted {clicks} of {REQUESTS} requests sent ({'exact' if int(clicks) == REQUESTS else 'NOT exact'})"
    )


SETUP = """
import django; django.setup()
from deelwijs.orgs.models import Organisation, User
from deelwijs.content.models import ContentItem
from deelwijs.sharing.domain import record_share
org = Organisation.objects.create(name="Bench", slug="bench")
person = User.objects.create_user("bench@bench.test", "x", first_name="Bench", organisation=org)
item = ContentItem.objects.create(organisation=org, title="Bench", link="https://www.example.org/nieuws")
print(record_share(person, item, "linkedin", "tekst").link.code)
"""
COUNT = """
import django; django.setup()
from deelwijs.sharing.models import TrackedLink
print(TrackedLink.objects.get(code="{code}").clicks)
"""

if __name__ == "__main__":
    main()
