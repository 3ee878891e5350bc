"""Personas: one person per role in one organisation, and someone from another organisation."""

import pytest

from deelwijs.orgs import domain
from deelwijs.orgs.models import ROLES, Location, Organisation, Team, User


def make_person(org, role, email=None, **fields):
    person = User.objects.create_user(
        email or f"{role}@{org.slug}.test",
        "test-password-123",
        first_name=role.title(),
        last_name="Test",
        organisation=org,
        **fields,
    )
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
