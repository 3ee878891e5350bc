"""Every privacy page against every role, anonymous visitors and another organisation."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from deelwijs.orgs.roles import ROLES
from deelwijs.orgs.tenancy import organisation_scope
from deelwijs.privacy import erasure
from deelwijs.privacy.models import DataExport, ErasureRecord
from deelwijs.privacy.urls import urlpatterns

from ..conftest import make_person

ALL = {role for role, _ in ROLES}
ADMIN = {"administrator"}
# name, the object in its address, roles that may GET it
PAGES = [
    ("my_data", None, ALL),
    ("person_privacy", "person", ADMIN),
    ("person_erase", "person", ADMIN),
    ("erasures", None, ADMIN),
    ("erasure_report", "record", ADMIN),
    ("processing_register", None, ADMIN),
]
# name, the object in its address, roles that may POST to it
ACTIONS = [("export_mine", None, ALL), ("person_export", "person", ADMIN)]


@pytest.fixture(autouse=True)
def own_folders(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EXPORT_ROOT = tmp_path / "exports"


@pytest.fixture
def objects(org, people):
    with organisation_scope(org):
        record = erasure.erase(people["administrator"], make_person(org, "employee", email="leaver@test.test"))
    return {"person": people["employee"], "record": record}


def url_for(name, kind, objects):
    return reverse(name, kwargs={"pk": objects[kind].pk}) if kind else reverse(name)


def test_every_privacy_address_is_in_the_tables():
    names = {p.name for p in urlpatterns}
    assert names == {n for n, _, _ in PAGES + ACTIONS} | {"export_download"}  # the download: test_privacy_export.py


@pytest.mark.parametrize("name, kind, allowed", PAGES)
@pytest.mark.parametrize("role", sorted(ALL))
def test_each_role_gets_what_the_table_says(client, people, objects, name, kind, allowed, role):
    client.force_login(people[role])
    response = client.get(url_for(name, kind, objects))
    assert response.status_code == (200 if role in allowed else 403)


@pytest.mark.parametrize("name, kind, allowed", ACTIONS)
@pytest.mark.parametrize("role", sorted(ALL))
def test_each_role_may_post_what_the_table_says(client, people, objects, name, kind, allowed, role):
    client.force_login(people[role])
    assert client.get(url_for(name, kind, objects)).status_code == 405
    response = client.post(url_for(name, kind, objects))
    assert response.status_code == (302 if role in allowed else 403)
    assert DataExport.objects.exists() == (role in allowed)


@pytest.mark.parametrize("name, kind, allowed", PAGES + ACTIONS)
def test_anonymous_visitors_are_sent_to_sign_in(client, objects, name, kind, allowed):
    method = client.post if (name, kind, allowed) in ACTIONS else client.get
    response = method(url_for(name, kind, objects))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


@pytest.mark.parametrize("name, kind", [(n, k) for n, k, _ in PAGES + ACTIONS if k])
def test_it_rejects_other_organisation(client, objects, outsider, name, kind):
    client.force_login(outsider)
    method = client.post if name == "person_export" else client.get
    assert method(url_for(name, kind, objects)).status_code == 404
    assert not DataExport.objects.exists()


def test_another_organisations_erasures_are_not_listed(client, objects, outsider):
    client.force_login(outsider)
    assert objects["record"].pseudonym not in client.get(reverse("erasures")).content.decode()


def test_an_operator_without_organisation_uses_the_admin_site(client, objects, django_user_model):
    from tests.web.test_admin import PASSWORD, verified

    operator = django_user_model.objects.create_superuser("ops@deelwijs.test", PASSWORD, first_name="Ops")
    verified(client, operator)
    assert client.get(reverse("erasures")).status_code == 403


def test_hostile_input_is_refused_without_a_500(client, people, objects):
    admin = people["administrator"]
    client.force_login(admin)
    employee = objects["person"]
    for name in ["x" * 5000, "<script>", "\x00", ""]:
        response = client.post(reverse("person_erase", args=[employee.pk]), {"name": name, "remove_register": "ja"})
        assert response.status_code == 200
    assert ErasureRecord.objects.count() == 1
    assert client.get("/privacy/mensen/99999999/wissen/").status_code == 404


def test_the_list_of_erasures_takes_the_same_queries_for_one_or_three(client, org, people):
    admin = people["administrator"]
    client.force_login(admin)
    with organisation_scope(org):
        erasure.erase(admin, people["volunteer"])
    client.get(reverse("erasures"))
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("erasures"))
    with organisation_scope(org):
        erasure.erase(admin, people["client"])
        erasure.erase(admin, people["webcare"])
    with CaptureQueriesContext(connection) as three:
        page = client.get(reverse("erasures")).content.decode()
    assert page.count("Verwijderde gebruiker") >= 3 and len(one) == len(three)


def test_the_people_page_links_to_each_persons_privacy(client, people):
    client.force_login(people["administrator"])
    page = client.get(reverse("people")).content.decode()
    assert reverse("person_privacy", args=[people["employee"].pk]) in page
