"""The world of the matrices: built once for this package inside a transaction, rolled back at its end.

Each test still runs in a transaction of its own (pytest-django's ``db``), nested in that one, so what a
test's requests write is gone before the next test. Every persona is signed in once; a test gets fresh
clients that carry those sessions.
"""

import json
import time
import traceback
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client

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

STATS = {"requests": 0, "seconds": 0.0}


@dataclass
class World:
    own: world.Objects
    other: world.Objects
    people: dict  # persona name -> User, for everyone but the anonymous visitor
    sessions: dict  # persona name -> session key

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
    people = {role: own_people[role] for role in MEMBERS}
    people.update({OPERATOR: operator, OUTSIDER: other_people[world.EVERYTHING]})
    sessions = {}
    for persona, person in people.items():
        client = Client()
        client.force_login(person)
        sessions[persona] = client.cookies[settings.SESSION_COOKIE_NAME].value
    return World(own, other, people, sessions)


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
            f"security matrices: {STATS['requests']} requests, {STATS['seconds']:.1f} s in the views"
        )
