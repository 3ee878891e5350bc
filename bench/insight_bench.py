"""Benchmark of the insight dashboard and the quarterly report on a large organisation (make bench).

Creates the synthetic organisation (default 20 000 people, 5 000 items,
1 000 000 shares and 1 000 000 clicks over two years) in its own database,
rolls up its figures, then times the dashboard page for one quarter through
Django's full request cycle (p50/p95 over repeated requests; the goal is
p95 <= 300 ms), the PDF report (goal <= 30 s) and the incremental roll-up
the worker runs every few minutes, for one hour of new activity (goal <= 1 s;
BENCH_HOUR_FACTOR times the average hour, default 10), next to a full
roll-up of the current quarter.

Runs on SQLite (var/bench/insight.sqlite3) and, when a server answers on
127.0.0.1:5432, on PostgreSQL (database deelwijs_insight_bench, or BENCH_POSTGRES_DB). A database
that already holds an organisation of the same size is reused; BENCH_FRESH=1
makes it anew. Sizes: BENCH_PEOPLE, BENCH_ITEMS, BENCH_SHARES, BENCH_CLICKS.
"""

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parent.parent
SIZES = {
    name: int(os.environ.get(f"BENCH_{name.upper()}", default))
    for name, default in (("people", 20000), ("items", 5000), ("shares", 1_000_000), ("clicks", 1_000_000))
}
REQUESTS = int(os.environ.get("BENCH_DASHBOARD_REQUESTS", 40))
POSTGRES_DB = os.environ.get("BENCH_POSTGRES_DB", "deelwijs_insight_bench")


def postgres_url():
    try:
        import psycopg

        with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True, connect_timeout=2) as c:
            exists = c.execute("SELECT 1 FROM pg_database WHERE datname = %s", [POSTGRES_DB]).fetchone()
            if not exists:
                c.execute(f'CREATE DATABASE "{POSTGRES_DB}"')
        return f"postgres://postgres@127.0.0.1:5432/{POSTGRES_DB}"
    except Exception:  # no server here
        return None


def run_one(database_url):
    """Runs this file again in a child process with the database chosen (Django is set up once per process)."""
    env = {**os.environ, "DATABASE_URL": database_url, "BENCH_CHILD": "1"}
    return subprocess.run([sys.executable, __file__], env=env, cwd=ROOT).returncode


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


HOUR_FACTOR = int(os.environ.get("BENCH_HOUR_FACTOR", 10))


def time_incremental(org, engine):
    """Times the incremental roll-up for one hour of new activity, compares it with a full one, then cleans up.

    An hour is the synthetic organisation's average hour (shares over two years) times BENCH_HOUR_FACTOR:
    that many new shares with their links, and as many clicks (half on the new shares, half on older ones).
    """
    import random
    from datetime import timedelta

    from django.db.models import Count, Sum
    from django.utils import timezone

    from deelwijs.insight import rollup
    from deelwijs.insight.synthetic import NETWORKS
    from deelwijs.orgs.models import User
    from deelwijs.sharing.models import Click, Share, TrackedLink

    mark, rng, lines = "bench-hour", random.Random(2), []
    rollup.roll_up_new()  # whatever is still uncounted (after an upgrade: the first run recomputes the quarter)
    started = time.perf_counter()
    rollup.roll_up_new()
    idle = time.perf_counter() - started
    n = round(SIZES["shares"] / (730 * 24) * HOUR_FACTOR)
    now, today = timezone.now(), timezone.localdate()
    members = list(
        User.teams.through.objects.filter(team__organisation=org).values_list("user_id", "team_id", "team__location_id")
    )
    items = list(org.content_items.filter(starts_at__lte=now).order_by("-starts_at").values_list("pk", flat=True)[:60])
    shares = []
    for _n in range(n):
        person, team, location = rng.choice(members)
        shares.append(
            Share(
                organisation=org,
                person_id=person,
                item_id=rng.choice(items),
                network=rng.choice(NETWORKS),
                text=mark,
                created=now - timedelta(seconds=rng.random() * 3600),
                team_id=team,
                location_id=location,
            )
        )
    shares = Share.objects.bulk_create(shares)
    links = TrackedLink.objects.bulk_create(
        [TrackedLink(share=s, code=f"h{s.pk}", target_url="https://www.example.org/") for s in shares]
    )
    newest = TrackedLink.objects.filter(share__organisation=org).order_by("-pk").values_list("pk", flat=True).first()
    older = [rng.randrange(1, newest) for _n in range(n)]
    older = list(TrackedLink.objects.filter(pk__in=older).values_list("pk", flat=True))
    link_ids = [link.pk for link in links] + older
    Click.objects.bulk_create([Click(link_id=rng.choice(link_ids), day=today, visitor=f"{mark}-{k}") for k in range(n)])
    started = time.perf_counter()
    counted = rollup.roll_up_new()
    incremental = time.perf_counter() - started

    def quarter_figures():
        first, last = rollup.quarter_start(today), rollup.quarter_end(today)
        figures = {}
        for model, period_field, *_rest in rollup.TABLES:
            rows = model.objects.filter(**{f"{period_field}__gte": first, f"{period_field}__lte": last})
            figures[model.__name__] = rows.aggregate(n=Count("pk"), s=Sum("shares"), c=Sum("clicks"))
        return figures

    after_incremental = quarter_figures()
    started = time.perf_counter()
    rollup.roll_up(today, today)
    full = time.perf_counter() - started
    same = quarter_figures() == after_incremental
    Share.objects.filter(organisation=org, text=mark).delete()
    Click.objects.filter(visitor__startswith=mark).delete()
    rollup.roll_up(today, today)  # the figures without the extra hour again
    lines.append(
        f"incremental roll-up, one hour of new activity ({counted[0]} shares, {counted[1]} clicks; "
        f"{HOUR_FACTOR}x the average hour): {incremental:.2f} s (goal <= 1 s): "
        + ("met" if incremental <= 1 else "NOT met")
    )
    lines.append(f"incremental roll-up with nothing new: {idle * 1000:.0f} ms")
    lines.append(
        f"full roll-up of the current quarter, for comparison: {full:.1f} s; same rows as the incremental one: "
        f"{'yes' if same else 'NO'}"
    )
    return lines


def child():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "deelwijs.config.settings")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    os.environ.setdefault("SECRET_KEY", "bench-only")
    # Production settings refuse to start without a key: this run's own, gone with its database.
    os.environ.setdefault("DEELWIJS_ENCRYPTION_KEYS", Fernet.generate_key().decode())
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from deelwijs.orgs.tenancy import across_organisations

    # Building the synthetic organisation and rolling it up are batch work across organisations, as the
    # demo loader and the scheduled roll-up are; the page requests enter their own scope in the middleware.
    with across_organisations():
        measure()


def measure():
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from deelwijs.insight import figures, report, rollup
    from deelwijs.insight.synthetic import SLUG, make_large_org
    from deelwijs.orgs.models import Organisation, RoleAssignment, Team, User
    from deelwijs.orgs.roles import MANAGER
    from deelwijs.sharing.models import Share

    engine = connection.vendor
    call_command("migrate", verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)  # production settings serve hashed static files
    org = Organisation.objects.filter(slug=SLUG).first()
    if (
        os.environ.get("BENCH_FRESH")
        or org is None
        or Share.objects.filter(organisation=org).count() != SIZES["shares"]
    ):
        started = time.perf_counter()
        org, _login = make_large_org(**SIZES, say=lambda line: print(f"  [{engine}] {line}"))
        made = time.perf_counter()
        rollup.roll_up(rollup.first_activity(), timezone.localdate())
        print(f"  [{engine}] made in {made - started:.0f} s, rolled up in {time.perf_counter() - made:.0f} s")
    else:
        print(f"  [{engine}] reusing the synthetic organisation")
        from deelwijs.insight.models import PeriodSharer

        if not PeriodSharer.objects.filter(organisation=org).exists():
            started = time.perf_counter()
            rollup.roll_up(rollup.first_activity(), timezone.localdate())
            print(f"  [{engine}] rolled up in {time.perf_counter() - started:.0f} s")
    hourly = time_incremental(org, engine)

    comms = User.objects.get(email=f"p0@{SLUG}.example")
    manager = User.objects.get(email=f"p1@{SLUG}.example")
    team = Team.objects.filter(organisation=org).order_by("pk").first()
    team.managers.add(manager)
    RoleAssignment.objects.get_or_create(user=manager, role=MANAGER)
    quarter = figures.Period.quarter_of(timezone.localdate()).previous()
    location = team.location

    def time_page(person, query):
        client = Client()
        client.force_login(person)
        url = f"/inzicht/?period={quarter.key}&{query}"
        for _n in range(3):
            first = client.get(url, secure=True)  # production settings redirect plain HTTP
            assert first.status_code == 200, first.status_code
        timings = []
        for _n in range(REQUESTS):
            started = time.perf_counter()
            response = client.get(url, secure=True)
            timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200
        return timings

    print(
        f"  [{engine}] organisation: {SIZES['people']} people, {SIZES['items']} items, "
        f"{SIZES['shares']} shares, {SIZES['clicks']} clicks; quarter {quarter.key}"
    )
    results = {}
    for label, person, query in (
        ("whole organisation, per week", comms, "by=week"),
        ("whole organisation, per day", comms, "by=day"),
        ("one location", comms, f"by=week&location={location.pk}"),
        ("a manager's team", manager, "by=week"),
    ):
        timings = time_page(person, query)
        results[label] = percentile(timings, 95)
        print(
            f"  [{engine}] dashboard, {label}: p50 {statistics.median(timings):.0f} ms, "
            f"p95 {percentile(timings, 95):.0f} ms, max {max(timings):.0f} ms ({REQUESTS} requests)"
        )
    started = time.perf_counter()
    pdf, csv_text = report.render_pdf(org, quarter, "Benchmark")
    seconds = time.perf_counter() - started
    print(
        f"  [{engine}] quarterly report: PDF {len(pdf) // 1024} KiB and CSV {len(csv_text) // 1024} KiB "
        f"in {seconds:.1f} s (goal <= 30 s)"
    )
    for line in hourly:
        print(f"  [{engine}] {line}")
    worst = max(results.values())
    print(f"  [{engine}] worst dashboard p95 {worst:.0f} ms (goal <= 300 ms): {'met' if worst <= 300 else 'NOT met'}")


def main():
    if os.environ.get("BENCH_CHILD"):
        child()
        return 0
    (ROOT / "var" / "bench").mkdir(parents=True, exist_ok=True)
    print("Insight benchmark")
    status = run_one(f"sqlite:///{ROOT / 'var' / 'bench' / 'insight.sqlite3'}")
    url = postgres_url()
    if url:
        status |= run_one(url)
    else:
        print("  no PostgreSQL on 127.0.0.1:5432: skipped")
    return status


if __name__ == "__main__":
    sys.exit(main())
