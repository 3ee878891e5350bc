"""Several schedulers at the same moment on one SQLite file; run by test_jobs.py.

Real settings, a file database in DEELWIJS_VAR, the database task queue. Four threads, each its own
scheduler with its own connection, start each pass together (a barrier) at the same clock time.
Prints one JSON line: per pass the jobs each scheduler enqueued, and the tasks in the queue.
"""

import json
import os
import sys
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "deelwijs.config.settings")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connections  # noqa: E402
from django_tasks_db.models import DBTaskResult  # noqa: E402

from deelwijs.jobs import scheduler  # noqa: E402

SCHEDULERS = 4
START = datetime(2025, 12, 2, 9, 3, tzinfo=UTC)
PASSES = [START, START + timedelta(minutes=2), START + timedelta(minutes=12, seconds=30), START + timedelta(days=8)]


def one_pass(now):
    barrier, enqueued, errors = threading.Barrier(SCHEDULERS), [], []

    def schedule():
        try:
            barrier.wait()
            enqueued.extend(scheduler.run_due(now=now)[0])
        except Exception as error:  # reported, never swallowed
            errors.append(f"{type(error).__name__}: {error}")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=schedule) for _ in range(SCHEDULERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {"enqueued": sorted(enqueued), "errors": errors}


def main():
    call_command("migrate", verbosity=0)
    connections.close_all()
    passes = [one_pass(now) for now in PASSES]
    tasks = sorted(DBTaskResult.objects.values_list("task_path", flat=True))
    print(json.dumps({"passes": passes, "tasks": tasks}))


if __name__ == "__main__":
    main()
