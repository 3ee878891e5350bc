"""Requests and the worker writing to one SQLite file at the same time; run by test_sqlite_concurrency.py.

Runs on the real settings (not the test settings) with DEELWIJS_VAR pointing at an empty folder: migrates a
file database, starts `manage.py db_worker` as a separate process, keeps enqueuing tasks that write from a
thread, and meanwhile lets several people accept their invitation and share through the real views, each
request thread with its own connection. Prints one JSON line with what happened.
"""

import json
import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "deelwijs.config.settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")

import django  # noqa: E402

django.setup()

from django.core import mail  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, connections  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402
from django_tasks_db.models import DBTaskResult  # noqa: E402

from deelwijs.content.models import ContentItem, SuggestedText  # noqa: E402
from deelwijs.insight.tasks import roll_up_recent  # noqa: E402
from deelwijs.orgs import domain  # noqa: E402
from deelwijs.orgs.models import Invitation, Organisation, User  # noqa: E402
from deelwijs.orgs.roles import ADMINISTRATOR  # noqa: E402
from deelwijs.orgs.tasks import send_email  # noqa: E402
from deelwijs.orgs.tenancy import across_organisations  # noqa: E402
from deelwijs.sharing.models import Share  # noqa: E402

PEOPLE = int(os.environ.get("PEOPLE", "12"))
THREADS = int(os.environ.get("THREADS", "4"))
SHARES_EACH = int(os.environ.get("SHARES_EACH", "4"))
MAX_TASKS = 200
PASSWORD = "Een-lang-wachtwoord-42"
errors = []


def prepare():
    """An organisation with an administrator, an item to share and an invitation per person; returns tokens."""
    call_command("migrate", verbosity=0)
    # Set-up outside any request: no organisation scope is active yet.
    with across_organisations():
        org = Organisation.objects.create(name="Zorggroep Last", slug="last", require_two_factor=False)
        admin = User.objects.create_user("admin@last.test", PASSWORD, organisation=org)
        domain.set_roles(None, admin, [ADMINISTRATOR])
        item = ContentItem.objects.create(organisation=org, title="Nieuws", link="https://www.last.example/nieuws")
        SuggestedText.objects.create(item=item, network="linkedin", text="Mooi nieuws van ons team!")
        for n in range(PEOPLE):
            domain.invite(admin, f"persoon{n}@last.test", "Persoon", str(n), ["employee"], "http://testserver")
    tokens = [re.search(r"/uitnodiging/(\S+)/", message.body).group(1) for message in mail.outbox]
    connection.close()
    return tokens, item.pk


def person_flow(tokens, item_pk):
    """Accept each invitation through the form, then share the item a few times as the new person."""
    try:
        for token in tokens:
            client = Client()
            path = reverse("accept_invitation", kwargs={"token": token})
            if client.get(path).status_code != 200:
                errors.append(f"invitation page {token[:6]} did not open")
                continue
            response = client.post(path, {"password1": PASSWORD, "password2": PASSWORD})
            if response.status_code != 302:
                errors.append(f"accepting {token[:6]} answered {response.status_code}")
                continue
            for n in range(SHARES_EACH):
                text = f"Mooi nieuws van ons team, ik werk er met plezier ({n})."
                response = client.post(
                    reverse("share", kwargs={"pk": item_pk}), {"network": "linkedin", "text": text, "action": "share"}
                )
                if response.status_code != 302:
                    errors.append(f"share answered {response.status_code}")
    except Exception as error:  # every failure is reported, none may pass silently
        errors.append(f"{type(error).__name__}: {error}")
    finally:
        connections.close_all()


def enqueue_loop(stop, counter):
    """A steady stream of tasks that write: the roll-up (rows in the figure tables) and e-mails.

    At most MAX_TASKS, so the worker can drain the queue on a busy machine too (CI runs another test
    process beside this one, and the worker then handles a few tasks a second).
    """
    try:
        while not stop.is_set() and counter[0] < MAX_TASKS:
            roll_up_recent.enqueue()
            send_email.enqueue("iemand@last.test", "Test", "Tekst")
            counter[0] += 2
            time.sleep(0.05)
    except Exception as error:  # reported like the others
        errors.append(f"enqueue: {type(error).__name__}: {error}")
    finally:
        connections.close_all()


def main():
    tokens, item_pk = prepare()
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--no-reload", "--interval", "0.05", "--no-startup-delay"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        result = load(item_pk, tokens, worker)
    finally:
        worker.terminate()
    print(json.dumps(result))


def load(item_pk, tokens, worker):
    stop, enqueued = threading.Event(), [0]
    enqueuer = threading.Thread(target=enqueue_loop, args=(stop, enqueued), daemon=True)
    enqueuer.start()
    # Let the worker come up and start writing before the first request.
    deadline = time.monotonic() + 15
    while not DBTaskResult.objects.exclude(status="READY").exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    requests_started = timezone.now()
    started = time.monotonic()
    threads = [
        threading.Thread(target=person_flow, args=(tokens[n::THREADS], item_pk)) for n in range(min(THREADS, PEOPLE))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    request_seconds = time.monotonic() - started
    requests_ended = timezone.now()
    stop.set()
    enqueuer.join()
    # The worker drains the queue, then stops gracefully (a deadline for a busy machine: CI runs another
    # test process beside this one).
    deadline = time.monotonic() + 90
    while DBTaskResult.objects.filter(status__in=["READY", "RUNNING"]).exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    worker.terminate()
    worker_output = worker.communicate(timeout=10)[0]
    # The check afterwards reads every organisation's rows on purpose.
    with across_organisations():
        result = {
            "errors": errors,
            "invitations": PEOPLE,
            "accepted": Invitation.objects.filter(accepted__isnull=False).count(),
            "people": User.objects.filter(email__startswith="persoon").count(),
            "shares_expected": PEOPLE * SHARES_EACH,
            "shares": Share.objects.count(),
            "enqueued": enqueued[0],
            "tasks": DBTaskResult.objects.count(),
            "tasks_successful": DBTaskResult.objects.filter(status="SUCCESSFUL").count(),
            "tasks_failed": DBTaskResult.objects.filter(status="FAILED").count(),
            "tasks_done_during_requests": DBTaskResult.objects.filter(
                finished_at__gte=requests_started, finished_at__lte=requests_ended
            ).count(),
            "request_seconds": round(request_seconds, 2),
            "journal_mode": connection.cursor().execute("PRAGMA journal_mode").fetchone()[0],
            "worker_locked": worker_output.lower().count("is locked"),
        }
    return result


if __name__ == "__main__":
    main()
