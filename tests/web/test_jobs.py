"""The schedule of periodic jobs, the scheduler that runs it, its cron form and the administrators' page."""

import json
import os
import re
import subprocess
import sys
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks import default_task_backend
from django_tasks_db.models import DBTaskResult

from deelwijs.jobs import scheduler
from deelwijs.jobs.apps import check_schedule
from deelwijs.jobs.models import JobRun
from deelwijs.jobs.schedule import JOBS, Job, get_job
from deelwijs.orgs.models import ROLES
from tests.database import in_the_sqlite_run_only

README = Path(__file__).resolve().parents[2] / "README.md"
AT_START = {job.name for job in JOBS if job.run_at_start}
# The jobs due every 5 minutes, and those due at a quarter past the hour, in the table's order.
EVERY_FIVE = [job.name for job in JOBS if job.cron == "*/5 * * * *"]
QUARTER_PAST = [job.name for job in JOBS if job.cron in ("*/5 * * * *", "*/15 * * * *", "15 * * * *")]
# Tuesday 2 December 2025, 10:03 in Amsterdam (09:03 UTC).
TUESDAY = datetime(2025, 12, 2, 9, 3, tzinfo=UTC)


def utc(*args):
    return datetime(*args, tzinfo=UTC)


@pytest.fixture
def dummy_queue(settings):
    """Tasks are recorded, not run, so a test sees exactly what the scheduler enqueued."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    default_task_backend.clear()
    yield default_task_backend
    default_task_backend.clear()


@pytest.fixture
def db_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def enqueued_paths(queue):
    return sorted(result.task.module_path for result in queue.results)


# The table
def test_the_table_is_valid_every_task_takes_no_arguments():
    assert check_schedule(None) == []
    assert len({job.name for job in JOBS}) == len(JOBS)
    assert AT_START == {"poll_sources", "roll_up", "send_due_pushes", "send_reminders", "plan_ahead"}
    assert get_job("poll_sources").cron == get_job("roll_up").cron == "*/5 * * * *"


def test_a_broken_table_fails_the_system_check(monkeypatch):
    import deelwijs.jobs.schedule as schedule

    broken = (
        Job("a", "61 * * * *", "deelwijs.webcare.tasks.poll_sources", "x"),
        Job("b", "* * * * *", "deelwijs.webcare.tasks.nothing_here", "x"),
        Job("c", "* * * * *", "deelwijs.content.tasks.import_news", "x"),
    )
    monkeypatch.setattr(schedule, "JOBS", broken)
    assert [e.id for e in check_schedule(None)] == ["jobs.E002", "jobs.E003", "jobs.E005"]


# Next times: the expressions are Amsterdam time, across the clock changes
def test_a_nightly_job_stays_at_its_local_time_across_the_spring_change():
    job = get_job("plan_ahead")  # 01:30
    before = job.next_after(utc(2025, 3, 29, 12, 0))
    assert before == utc(2025, 3, 30, 0, 30)  # 01:30 CET, on the night the clocks go forward
    assert job.next_after(before) == utc(2025, 3, 30, 23, 30)  # 01:30 CEST: 23 hours later


def test_the_weekly_digest_is_monday_seven_in_summer_and_winter_time():
    job = get_job("send_digest")
    summer = job.next_after(utc(2025, 10, 15, 12, 0))
    assert summer == utc(2025, 10, 20, 5, 0)  # 07:00 CEST
    assert job.next_after(summer) == utc(2025, 10, 27, 6, 0)  # 07:00 CET, the day after the clocks went back


def test_a_five_minute_job_keeps_its_pace_through_the_hour_that_repeats():
    job = get_job("poll_sources")
    # 02:55 CEST on 26 October 2025; the next is 02:00 CET, the second time the clock shows 02:00.
    assert job.next_after(utc(2025, 10, 26, 0, 55)) == utc(2025, 10, 26, 1, 0)
    assert job.next_after(utc(2025, 10, 26, 1, 0)) == utc(2025, 10, 26, 1, 5)


def test_a_time_the_clock_skips_runs_when_the_clock_jumps_and_a_repeated_time_once():
    job = Job("test", "30 2 * * *", "deelwijs.webcare.tasks.poll_sources", "test")
    assert job.next_after(utc(2025, 3, 29, 12, 0)) == utc(2025, 3, 30, 1, 0)  # 03:00 CEST: 02:30 does not exist
    first = job.next_after(utc(2025, 10, 25, 12, 0))
    assert first == utc(2025, 10, 26, 0, 30)  # the first 02:30 (CEST) ...
    assert job.next_after(first) == utc(2025, 10, 27, 1, 30)  # ... and not the second one an hour later


# The scheduler
def test_the_first_start_enqueues_the_frequent_jobs_and_plans_the_others(db, dummy_queue):
    enqueued, next_due = scheduler.run_due(now=TUESDAY)
    assert set(enqueued) == AT_START
    assert enqueued_paths(dummy_queue) == sorted(get_job(name).task_path for name in AT_START)
    runs = {run.name: run for run in JobRun.objects.all()}
    assert set(runs) == {job.name for job in JOBS}
    assert runs["send_digest"].last_enqueued is None and runs["send_digest"].last_task_id == ""
    assert runs["send_digest"].next_run == utc(2025, 12, 8, 6, 0)  # next Monday 07:00 in Amsterdam
    assert runs["poll_sources"].last_enqueued == TUESDAY and runs["poll_sources"].last_task_id
    assert runs["plan_ahead"].next_run == utc(2025, 12, 3, 0, 30)
    assert next_due == utc(2025, 12, 2, 9, 5)


def test_nothing_is_enqueued_again_until_the_next_time(db, dummy_queue):
    scheduler.run_due(now=TUESDAY)
    dummy_queue.clear()
    assert scheduler.run_due(now=TUESDAY + timedelta(minutes=1))[0] == []
    enqueued, next_due = scheduler.run_due(now=utc(2025, 12, 2, 9, 5))
    assert sorted(enqueued) == sorted(EVERY_FIVE)
    assert next_due == utc(2025, 12, 2, 9, 10)
    assert {"poll_sources", "roll_up", "send_reminders", "import_news"} <= set(QUARTER_PAST)  # 10:15 in Amsterdam
    assert scheduler.run_due(now=utc(2025, 12, 2, 9, 15, 30))[0] == QUARTER_PAST
    assert len(dummy_queue.results) == len(EVERY_FIVE) + len(QUARTER_PAST)


def test_a_missed_occurrence_runs_once_when_the_scheduler_comes_back(db, dummy_queue):
    scheduler.run_due(now=TUESDAY)
    dummy_queue.clear()
    enqueued, _next = scheduler.run_due(now=TUESDAY + timedelta(days=8))  # away for a week and a day
    assert sorted(enqueued) == sorted(job.name for job in JOBS)
    assert len(dummy_queue.results) == len(JOBS)


def test_a_job_that_already_ran_from_cron_is_not_enqueued_at_the_first_start(db, dummy_queue):
    call_command("schedule", "--enqueue", "roll_up")
    dummy_queue.clear()
    enqueued, _next = scheduler.run_due(now=TUESDAY)
    assert set(enqueued) == AT_START - {"roll_up"}
    assert JobRun.objects.get(name="roll_up").next_run == utc(2025, 12, 2, 9, 5)


def test_an_occurrence_is_claimed_once_when_two_schedulers_read_the_same_rows(db, dummy_queue):
    stale = scheduler.job_runs(JOBS)  # scheduler A reads ...
    scheduler.run_due(now=TUESDAY)  # ... scheduler B claims and enqueues ...
    assert len(dummy_queue.results) == len(AT_START)
    for name in AT_START:  # ... and A's claims on what it read find nothing left.
        assert scheduler.claim_and_enqueue(get_job(name), stale[name], TUESDAY) is None
    due_again = scheduler.job_runs(JOBS)
    later = utc(2025, 12, 2, 9, 5)
    assert scheduler.claim_and_enqueue(get_job("roll_up"), due_again["roll_up"], later) is not None
    assert scheduler.claim_and_enqueue(get_job("roll_up"), due_again["roll_up"], later) is None
    assert len(dummy_queue.results) == len(AT_START) + 1


@in_the_sqlite_run_only
def test_four_schedulers_at_the_same_moment_on_one_sqlite_file_enqueue_each_occurrence_once(tmp_path):
    env = {key: value for key, value in os.environ.items() if key not in ("DATABASE_URL", "TASKS_BACKEND")}
    env.update(DJANGO_SETTINGS_MODULE="deelwijs.config.settings", DEELWIJS_VAR=str(tmp_path), DEBUG="true")
    env["LOG_LEVEL"] = "ERROR"
    script = Path(__file__).with_name("scheduler_race.py")
    done = subprocess.run([sys.executable, str(script)], env=env, capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert [p["errors"] for p in result["passes"]] == [[], [], [], []]
    every_job = sorted(job.name for job in JOBS)
    expected = [sorted(AT_START), sorted(EVERY_FIVE), sorted(QUARTER_PAST), every_job]
    assert [p["enqueued"] for p in result["passes"]] == expected
    paths = {job.name: job.task_path for job in JOBS}
    assert result["tasks"] == sorted(paths[name] for names in expected for name in names)


def test_a_job_whose_task_fails_to_enqueue_is_tried_again_and_the_others_go_on(db, dummy_queue, monkeypatch):
    original = Job.task

    def task(job):
        if job.name == "roll_up":
            raise RuntimeError("queue unavailable")
        return original.fget(job)

    monkeypatch.setattr(Job, "task", property(task))
    assert set(scheduler.run_due(now=TUESDAY)[0]) == AT_START - {"roll_up"}
    run = JobRun.objects.get(name="roll_up")
    assert run.next_run is None and run.last_enqueued is None  # the claim was rolled back with the enqueue
    monkeypatch.setattr(Job, "task", original)
    assert scheduler.run_due(now=TUESDAY + timedelta(seconds=30))[0] == ["roll_up"]


def test_the_sleep_is_until_the_next_time_at_most_thirty_seconds():
    now = TUESDAY
    assert scheduler.sleep_seconds(now + timedelta(seconds=12), now) == 12
    assert scheduler.sleep_seconds(now + timedelta(hours=3), now) == 30
    assert scheduler.sleep_seconds(now - timedelta(seconds=5), now) == 1
    assert scheduler.sleep_seconds(None, now) == 30


def test_the_loop_stops_when_asked(db, dummy_queue):
    stop = threading.Event()
    passes = []
    threading.Timer(0.5, stop.set).start()
    started = timezone.now()
    # The first pass enqueues the frequent jobs, then the loop waits (up to 30 s) for the next time ...
    scheduler.run(stop, report=passes.append)
    # ... and returns as soon as it is asked to stop.
    assert timezone.now() - started < timedelta(seconds=5)
    assert len(passes) == len(AT_START)


def test_the_command_with_once_makes_one_pass_and_stops(db, dummy_queue, capsys):
    call_command("scheduler", "--once")
    out = capsys.readouterr().out
    assert all(f"enqueued {name}" in out for name in AT_START)
    call_command("scheduler", "--once")
    assert "enqueued" not in capsys.readouterr().out
    assert len(dummy_queue.results) == len(AT_START)


# The cron form
def test_the_readme_cron_block_is_what_the_table_gives(capsys):
    call_command("schedule", "--cron")
    printed = capsys.readouterr().out.strip()
    section = README.read_text().split("## Scheduled jobs", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```cron\n(.*?)\n```", section, re.S).group(1).strip()
    assert block == printed
    for job in JOBS:
        assert f"{job.cron}" in printed and f"schedule --enqueue {job.name}\n" in printed + "\n"


def test_the_readme_table_names_every_job_with_its_cron_and_task():
    section = README.read_text().split("## Scheduled jobs", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    assert len(rows) == len(JOBS)
    for job, row in zip(JOBS, rows, strict=True):
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        assert cells[0] == f"`{job.name}`" and cells[2] == f"`{job.cron}`"
        assert cells[3] == ("yes" if job.run_at_start else "no")
        assert f"deelwijs.{cells[4].strip('`')}" == job.task_path


def test_enqueue_from_cron_runs_the_task_and_notes_it(db, dummy_queue, capsys):
    call_command("schedule", "--enqueue", "send_digest")
    assert enqueued_paths(dummy_queue) == ["deelwijs.content.tasks.send_weekly_digest"]
    run = JobRun.objects.get(name="send_digest")
    assert run.last_task_id == dummy_queue.results[0].id and run.next_run is None
    with pytest.raises(CommandError, match="no job 'digest'"):
        call_command("schedule", "--enqueue", "digest")


def test_schedule_lists_the_jobs_with_their_next_time(db, capsys):
    call_command("schedule")
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines] == [job.name for job in JOBS]


# The tasks that are new for the table
def test_the_news_job_queues_one_import_per_organisation_with_a_feed(org, other_org, dummy_queue):
    from deelwijs.content.tasks import import_all_news

    org.news_feed_url = "https://www.lindehof.example/nieuws.xml"
    org.save(update_fields=["news_feed_url"])
    import_all_news.call()
    assert [(r.task.name, r.args) for r in dummy_queue.results] == [("import_news", [org.pk])]


def test_the_salts_job_forgets_past_days(db):
    from deelwijs.sharing.models import DailySalt
    from deelwijs.sharing.tasks import forget_salts

    today = timezone.localdate()
    DailySalt.objects.create(day=today - timedelta(days=1), salt="oud")
    DailySalt.objects.create(day=today, salt="nieuw")
    forget_salts.call()
    assert list(DailySalt.objects.values_list("day", flat=True)) == [today]


# The administrators' page
def page(client, person):
    client.force_login(person)
    return client.get(reverse("scheduled_jobs"))


@pytest.mark.parametrize("role", [role for role, _ in ROLES])
def test_only_administrators_see_the_scheduled_jobs(client, people, role):
    assert page(client, people[role]).status_code == (200 if role == "administrator" else 403)


def test_the_page_answers_only_get(client, people):
    client.force_login(people["administrator"])
    assert client.post(reverse("scheduled_jobs")).status_code == 405


def test_anonymous_visitors_are_sent_to_sign_in_for_the_jobs(client, db):
    response = client.get(reverse("scheduled_jobs"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_the_page_is_the_same_for_every_organisations_administrator(client, people, outsider, org, other_org):
    scheduler.run_due(now=TUESDAY)
    ours = page(client, people["administrator"]).content.decode()
    theirs = page(client, outsider).content.decode()
    strip = re.compile(r"<header.*?</header>|<input[^>]*csrfmiddlewaretoken[^>]*>", re.S)
    assert strip.sub("", ours) == strip.sub("", theirs)  # installation-wide: nothing of either organisation
    assert org.name not in strip.sub("", ours) and other_org.name not in strip.sub("", theirs)


def test_the_page_shows_each_job_its_schedule_and_how_its_last_task_went(client, people, db_queue):
    scheduler.run_due(now=TUESDAY)
    poll = DBTaskResult.objects.get(pk=JobRun.objects.get(name="poll_sources").last_task_id)
    poll.status, poll.finished_at, poll.return_value = "SUCCESSFUL", utc(2025, 12, 2, 9, 4), 3
    poll.save()
    roll = DBTaskResult.objects.get(pk=JobRun.objects.get(name="roll_up").last_task_id)
    roll.status, roll.finished_at = "FAILED", utc(2025, 12, 2, 9, 4)
    roll.exception_class_path, roll.traceback = "django.db.utils.OperationalError", "Traceback: secret detail"
    roll.save()
    html = page(client, people["administrator"]).content.decode()
    for job in JOBS:
        assert f"<code>{job.name}</code>" in html and f'<code class="cron">{job.cron}</code>' in html
    assert "Elke 5 minuten: de bronnen van webcare lezen" in html
    assert "2 dec. 2025 10:03" in html  # enqueued at 09:03 UTC, shown in Amsterdam time
    assert "8 dec. 2025 07:00" in html  # the digest's next time
    assert "afgerond</span> (uitkomst: 3)" in html and "2 dec. 2025 10:04" in html
    assert "mislukt</strong>: OperationalError" in html and "secret detail" not in html
    assert "wacht op de worker" in html  # the reminders and plan-ahead tasks are still in the queue
    assert "nog niet" in html  # the digest never ran


def test_the_page_warns_of_nothing_while_the_scheduler_and_the_worker_keep_up(client, people, db_queue):
    scheduler.run_due()
    html = page(client, people["administrator"]).content.decode().lower()
    assert "geen planner" not in html and "geen worker" not in html


def test_the_page_says_when_no_scheduler_or_worker_is_running(client, people, db_queue):
    an_hour_ago = timezone.now() - timedelta(hours=1)
    scheduler.run_due(now=an_hour_ago)
    DBTaskResult.objects.update(enqueued_at=an_hour_ago)
    html = page(client, people["administrator"]).content.decode()
    assert "geen planner" in html.lower() and "geen worker" in html.lower()


def test_the_menu_links_the_page_for_administrators_only(client, people):
    link = f'href="{reverse("scheduled_jobs")}"'
    client.force_login(people["administrator"])
    assert link in client.get(reverse("home")).content.decode()
    assert link in client.get(reverse("settings")).content.decode()
    client.force_login(people["communications"])
    assert link not in client.get(reverse("home")).content.decode()


# The webcare sources after the scheduler ran the poll
def test_a_source_that_cannot_be_reached_shows_as_failing_after_the_scheduled_poll(client, people, org):
    from deelwijs.webcare.models import Source

    # Nothing listens on port 9 of this machine: the same answer as offline, without the internet.
    source = Source.objects.create(organisation=org, name="Regio", url="http://127.0.0.1:9/feed.xml")
    Source.objects.filter(pk=source.pk).update(next_poll=timezone.now() - timedelta(minutes=1))
    assert "poll_sources" in scheduler.run_due()[0]  # the test queue runs the task at once
    source.refresh_from_db()
    assert source.failures == 1 and source.last_error == "Het adres kon niet worden bereikt."
    client.force_login(people["webcare"])
    html = client.get(reverse("sources")).content.decode()
    checked = timezone.localtime(source.last_polled).strftime("%H:%M")
    assert "Werkt niet" in html and "Het adres kon niet worden bereikt." in html and checked in html
