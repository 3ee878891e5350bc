"""Personas: one person per role in one organisation, and someone from another organisation."""

import pytest
from django.conf import settings
from django.utils import translation

from deelwijs.orgs import domain
from deelwijs.orgs.models import Location, Organisation, Team, User
from deelwijs.orgs.roles import ROLES
from deelwijs.orgs.tenancy import across_organisations, organisation_scope


@pytest.fixture(autouse=True)
def _set_up_across_organisations():
    """Tests build and inspect data of several organisations on purpose (the named escape hatch).

    Requests still run as the signed-in person: the middleware enters their organisation's
    scope inside this, so every view is tested under the real scoping.
    """
    with across_organisations():
        yield


@pytest.fixture(autouse=True)
def _in_the_default_language():
    """Each test starts in Dutch: a request with the English cookie activates English for its thread,
    and under xdist the next test in that worker would otherwise inherit it."""
    with translation.override(settings.LANGUAGE_CODE):
        yield


def make_person(org, role, email=None, **fields):
    person = User.objects.create_user(
        email or f"{role}@{org.slug}.test",
        "test-password-123",
        first_name=role.title(),
        last_name="Test",
        organisation=org,
        **fields,
    )
    with organisation_scope(org):
        domain.set_roles(None, person, [role])
    return person


@pytest.fixture
def org(db):
    return Organisation.objects.create(name="Zorggroep Test", slug="test", require_two_factor=False)


@pytest.fixture
def other_org(db):
    return Organisation.objects.create(name="Andere Zorg", slug="andere", require_two_factor=False)


@pytest.fixture
def people(org):
    """A person for every role, keyed by role name."""
    location = Location.objects.create(organisation=org, name="De Linde")
    team = Team.objects.create(organisation=org, name="Wijkteam", location=location)
    persons = {role: make_person(org, role) for role, _ in ROLES}
    for person in persons.values():
        person.teams.add(team)
    team.managers.add(persons["manager"])
    return persons


@pytest.fixture
def outsider(other_org):
    return make_person(other_org, "administrator", email="admin@andere.test")
