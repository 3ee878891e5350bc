"""The world of the matrices: built once for this package inside a transaction, rolled back at its end.

Each test still runs in a transaction of its own (pytest-django's ``db``), nested in that one, so what a
test's requests write is gone before the next test. Every persona is signed in once; a test gets fresh
clients that carry those sessions.
"""

import json
import os
import time
import traceback
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from deelwijs.content.models import ContentItem
from deelwijs.orgs.models import User
from deelwijs.orgs.tenancy import across_organisations
from tests.security import world
from tests.security.table import TABLE
from tests.security.world import url_for

from .helpers import Form, Writes, forms_on

ANONYMOUS, OPERATOR, OUTSIDER = "anonymous", "operator", "outsider"
# Who asks: nobody, an operator, one person per role and per combination of roles, and the other
# organisation's person with every role.
PERSONAS = [ANONYMOUS, OPERATOR, *world.SINGLE_ROLES, *world.MULTI_ROLES, OUTSIDER]
MEMBERS = [*world.SINGLE_ROLES, *world.MULTI_ROLES]
# Whom to ask for a page's forms: the first of these the page is for.
PREFERENCE = ["administrator", "communications", "manager", "webcare", "ambassador", "employee", "volunteer"]
PREFERENCE += ["client"]
KEYS = [*world.SINGLE_ROLES, *world.MULTI_ROLES, world.EVERYTHING]

STATS = {"requests": 0, "seconds": 0.0, "files_restored": 0}


@dataclass
class World:
    own: world.Objects
    other: world.Objects
    people: dict  # persona name -> User, for everyone but the anonymous visitor
    sessions: dict  # persona name -> session key
    files: dict  # path -> bytes: the photos and exports on disk that the world's rows point at

    def organisation_of(self, persona):
        return self.other if persona == OUTSIDER else self.own

    def roles(self, persona):
        if persona == OUTSIDER:
            return world.roles_of(world.EVERYTHING)
        return world.roles_of(persona) if persona in MEMBERS else frozenset()

    def key(self, persona):
        """The persona's key in the world's per-person objects."""
        return world.EVERYTHING if persona == OUTSIDER else persona if persona in MEMBERS else None

    def marker_not_to_see(self, persona):
        return world.OWN_MARKER if persona == OUTSIDER else world.OTHER_MARKER


def _build():
    own_org, own_people = world.build_organisation(world.OWN_MARKER, KEYS)
    other_org, other_people = world.build_organisation(world.OTHER_MARKER, KEYS)
    own = world.build_objects(own_org, own_people, world.OWN_MARKER, module_number=1)
    other = world.build_objects(other_org, other_people, world.OTHER_MARKER, module_number=7)
    world.roll_up_figures()
    operator = User.objects.create_superuser("operator@matrix.test", world.PASSWORD, first_name="Operator")
    device = TOTPDevice.objects.create(user=operator, name="Operator", confirmed=True)
    people = {role: own_people[role] for role in MEMBERS}
    people.update({OPERATOR: operator, OUTSIDER: other_people[world.EVERYTHING]})
    sessions = {}
    for persona, person in people.items():
        client = Client()
        client.force_login(person)
        if persona == OPERATOR:
            # Operators always have their second step done; as if they typed their code (django_otp.login).
            session = client.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()
        sessions[persona] = client.cookies[settings.SESSION_COOKIE_NAME].value
    return World(own, other, people, sessions, {**world.stored_files(own), **world.stored_files(other)})


def restore_files(files):
    """Put back the world's files that a rolled-back request deleted; returns how many.

    Files are no part of the transaction. Files deleted on commit (content.signals) stay, since nothing here
    commits, but an erasure deletes its photos and exports at once, inside its transaction, so that a failure
    never leaves them behind. Rolled back, its rows come back: their files must come back too, or every later
    request for them would find a row without its file.
    """
    restored = 0
    for path, content in files.items():
        if not os.path.exists(path):
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as file:
                file.write(content)
            restored += 1
    return restored


@pytest.fixture(scope="package")
def the_world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        # As Django's TestCase marks its own: so code under test may open durable blocks inside.
        outer._from_testcase = True
        outer.__enter__()
        try:
            with across_organisations():
                built = _build()
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    yield built
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


@pytest.fixture
def matrix(the_world, db):
    return the_world


class Browser:
    """Requests as each persona; a 500 (an exception in the view) is returned as a failure, not raised."""

    def __init__(self, the_world):
        self.world = the_world
        self.clients = {}

    def client(self, persona):
        if persona not in self.clients:
            client = Client()
            if persona in self.world.sessions:
                client.cookies[settings.SESSION_COOKIE_NAME] = self.world.sessions[persona]
            self.clients[persona] = client
        return self.clients[persona]

    def request(self, method, persona, url, data=None, json=False, inspect=None):
        """What the request answered and wrote; the writes are rolled back before the next request.

        inspect() runs before that rollback, to look at what the request left in the database.
        """
        client = self.client(persona)
        response, error, inspected = None, None, None
        started = time.perf_counter()
        with transaction.atomic():
            with Writes() as writes:
                try:
                    if method == "get":
                        response = client.get(url)
                    elif json:
                        response = client.post(url, data, content_type="application/json")
                    else:
                        response = client.post(url, data or {})
                except Exception as raised:  # a 500: the view raised
                    error = "500 " + "".join(traceback.format_exception_only(raised)).strip()
            if inspect is not None and error is None:
                inspected = inspect()
            transaction.set_rollback(True)
        STATS["files_restored"] += restore_files(self.world.files)
        STATS["requests"] += 1
        STATS["seconds"] += time.perf_counter() - started
        return Result(persona, url, response, error, writes.tables, inspected)


@dataclass
class Result:
    persona: str
    url: str
    response: object  # None when the view raised
    error: str | None  # "500 ..." when it did
    writes: list  # the tables it wrote to
    inspected: object = None

    def __str__(self):
        return f"{self.persona} {self.url}: {self.error or describe(self.response)}"

    def shows(self, marker):
        response = self.response
        content = b"".join(response.streaming_content) if response.streaming else response.content
        return marker.lower().encode() in content.lower()


@pytest.fixture
def browser(matrix):
    return Browser(matrix)


def describe(response):
    if response.status_code in (301, 302):
        return f"{response.status_code} to {response.url}"
    return str(response.status_code)


# Forms no page renders as HTML.
SCRIPTED = {"check_api": "the share editor's script posts JSON"}


def first_allowed(roles):
    return next(persona for persona in PREFERENCE if persona in roles)


def _crawl(the_world):
    """The forms of every page, as the first persona that may open it sees them, by the URL name they post to."""
    browser = Browser(the_world)
    found = {}
    for row in TABLE:
        if row.anonymous == 200:
            persona = ANONYMOUS
        elif row.ok == 200 and row.get:
            persona = first_allowed(row.get)
        else:
            continue
        url = url_for(row, the_world.own, the_world.key(persona))
        result = browser.request("get", persona, url)
        response = result.response
        if result.error or response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        for form in forms_on(response, url, row.name):
            names = {name for name, _value in form.fields}
            if all({n for n, _v in known.fields} != names for known in found.get(form.target, [])):
                found.setdefault(form.target, []).append(form)
    item = the_world.own["item"]
    editor = [("text", "Mooi werk van ons team"), ("network", "linkedin"), ("item", item.pk)]
    found["check_api"] = [Form("check_api", editor, {"item": ContentItem}, SCRIPTED["check_api"], json=True)]
    # An erasure asks for the person's name as a second look: typed in, as the administrator would, so the
    # matrix erases for real (the person kind is always the colleague).
    for form in found.get("person_erase", []):
        name = the_world.own["colleague"].full_name
        form.fields = [(field, name if field == "name" else value) for field, value in form.fields]
    return found


@pytest.fixture(scope="package")
def catalogue(the_world, django_db_blocker):
    with django_db_blocker.unblock(), across_organisations():
        return _crawl(the_world)


def forms_for(row, catalogue):
    return catalogue.get(row.name) or [Form(row.name, [])]


def payload(form, **replace):
    data = form.data(**replace)
    return json.dumps(data) if form.json else data


def pytest_terminal_summary(terminalreporter):
    if STATS["requests"]:
        terminalreporter.write_line(
            f"security matrices: {STATS['requests']} requests, {STATS['seconds']:.1f} s in the views, "
            f"{STATS['files_restored']} files put back after rolled-back requests"
        )
