"""What a screen reader meets before anything is read out: every page has a title of its own, and every
aria-describedby (and -labelledby, -controls) points at an element that exists.

Walks every GET page of tests/security/table.py as the first role that may open it, in one organisation
built once for this module (tests/security/world.py), plus the calendar's three views.
"""

from collections import defaultdict
from html.parser import HTMLParser

import pytest
from django.db import transaction
from django.test import Client

from deelwijs.orgs.tenancy import across_organisations
from tests.security import world
from tests.security.table import TABLE, Row
from tests.security.world import url_for

# Whom to ask for a page: the first of these it is for (as the security matrices do).
PREFERENCE = ["administrator", "communications", "manager", "webcare", "ambassador", "employee", "volunteer", "client"]
# The calendar is one view with three ways to look at it, each a page of its own to a screen reader.
pytestmark = pytest.mark.django_db  # so pytest-django sets up the test database for the module's fixture

EXTRA = [Row("calendar", get=world.roles_of("communications"), query=f"view={view}") for view in ("week", "list")]
REFERENCES = ("aria-describedby", "aria-labelledby", "aria-controls")


class PageParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.title, self.ids, self.references = "", set(), []
        self.markup_in_title = False
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.markup_in_title |= self._in_title
        if tag == "title" and not self.title:  # the page's, not a chart's <title> in an inline SVG
            self._in_title = True
        if a.get("id"):
            self.ids.add(a["id"])
        for attribute in REFERENCES:
            for target in (a.get(attribute) or "").split():
                self.references.append((attribute, target, a.get("name") or a.get("id") or tag))

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def parse(html):
    parser = PageParser()
    parser.feed(html)
    parser.title = " ".join(parser.title.split())
    return parser


# HTML that is not a page: pasted into another site's page, or fetched by a script into one of ours, which has the
# title (the photo check's panel, photocheck.js).
FRAGMENTS = {"people_online_snippet", "photo_check"}


def persona_for(row):
    return next((role for role in PREFERENCE if role in row.get), None)


@pytest.fixture(scope="module")
def pages(django_db_setup, django_db_blocker):
    """{row id: (url, parsed page)} of every HTML page a role of the table may open."""
    found = {}
    with django_db_blocker.unblock(), across_organisations():
        with transaction.atomic():
            org, people = world.build_organisation(world.OWN_MARKER, world.SINGLE_ROLES)
            objects = world.build_objects(org, people, world.OWN_MARKER)
            world.roll_up_figures()
            clients = {}
            for row in [*TABLE, *EXTRA]:
                persona = None if row.anonymous == 200 else persona_for(row)
                if row.ok != 200 or (persona is None and row.anonymous != 200):
                    continue
                if persona not in clients:
                    clients[persona] = Client()
                    if persona:
                        clients[persona].force_login(people[persona])
                url = url_for(row, objects, persona)
                response = clients[persona].get(url)
                if row.name in FRAGMENTS:
                    continue
                if response.status_code == 200 and response.get("Content-Type", "").startswith("text/html"):
                    found[row.id] = (url, parse(response.content.decode()))
            transaction.set_rollback(True)
    return found


def test_the_walk_reaches_the_pages(pages):
    # Most rows are HTML pages; a drop means the walk lost its way (a role, a fixture), not that pages vanished.
    assert len(pages) > 120


def test_every_page_has_a_title_of_its_own(pages):
    by_title = defaultdict(list)
    for url, page in pages.values():
        assert page.title and not page.title.startswith("·"), f"{url}: no title"
        assert not page.markup_in_title, f"{url}: markup in the title: {page.title}"
        by_title[page.title].append(url)
    shared = {title: urls for title, urls in by_title.items() if len(urls) > 1}
    assert not shared, "\n".join(f"{title!r}: {', '.join(urls)}" for title, urls in sorted(shared.items()))


def test_every_aria_reference_points_at_an_element_that_exists(pages):
    broken = [
        f"{url}: {name} {attribute}={target!r}"
        for url, page in pages.values()
        for attribute, target, name in page.references
        if target not in page.ids
    ]
    assert not broken, "\n".join(broken)
