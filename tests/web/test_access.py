"""Every URL against every role: what the one table in tests/security/table.py says.

The security matrices (tests/security/matrix/) ask the same table with more people (several roles at once,
operators) and more checks (POSTs, the other organisation's ids and markers); these are the plain cases,
with the personas of tests/conftest.py.
"""

import pytest
from django.urls import reverse

from deelwijs.accounts.models import Handle
from tests.security import world
from tests.security.table import TABLE, status_matches
from tests.security.world import url_for


@pytest.fixture
def objects(org, people):
    return world.build_objects(org, people, "Zorggroep Test")


@pytest.mark.parametrize("row", TABLE, ids=lambda row: row.id)
def test_each_role_and_anonymous_visitors_get_what_the_table_says(client, people, objects, row):
    wrong = []
    if not status_matches(client.get(url_for(row, objects, None)), row.anonymous):
        wrong.append("anonymous")
    for role, person in people.items():
        client.force_login(person)
        response = client.get(url_for(row, objects, role))
        if not status_matches(response, row.get_status({role})):
            wrong.append(f"{role}: {response.status_code}")
    assert not wrong


@pytest.mark.parametrize("row", [r for r in TABLE if r.kind and r.cross_org and r.ok != 405], ids=lambda r: r.id)
def test_it_rejects_other_organisation(client, objects, outsider, row):
    client.force_login(outsider)
    assert status_matches(client.get(url_for(row, objects, "administrator")), row.foreign)


def test_the_sign_in_page_is_public(client, db):
    assert client.get(reverse("login")).status_code == 200


def test_a_person_lists_and_removes_only_their_own_handles(client, people):
    other = Handle.objects.create(user=people["manager"], platform="x", handle="marieke")
    client.force_login(people["employee"])
    client.post(reverse("handle_delete", kwargs={"pk": other.pk}))
    assert Handle.objects.filter(pk=other.pk).exists()
