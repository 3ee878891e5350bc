"""The directory respects roles (issue 15): no clients, a choice per handle, nothing for clients and volunteers."""

import pytest
from django.urls import reverse

from deelwijs.accounts.models import CorporateAccount, Handle
from deelwijs.learning.content import install_modules
from deelwijs.learning.models import Module, Step
from deelwijs.orgs import domain

STAFF = ["employee", "ambassador", "communications", "webcare", "manager", "administrator"]


@pytest.fixture
def handles(people):
    """A handle for colleagues and one for communications only, a volunteer's, and a client's."""
    return {
        "open": Handle.objects.create(user=people["employee"], platform="x", handle="open_voor_collegas"),
        "comms": Handle.objects.create(
            user=people["employee"], platform="linkedin", handle="alleen-comms", visibility=Handle.COMMUNICATIONS
        ),
        "volunteer": Handle.objects.create(user=people["volunteer"], platform="x", handle="vrijwilliger_x"),
        "client": Handle.objects.create(user=people["client"], platform="instagram", handle="client_insta"),
    }


def names_and_handles(client):
    response = client.get(reverse("directory"))
    assert response.status_code == 200
    return {r["person"].full_name: {h.handle for h, _ok in r["handles"]} for r in response.context["rows"]}


@pytest.mark.parametrize("role", STAFF)
def test_clients_are_never_listed_and_handles_follow_their_setting(client, people, handles, role):
    client.force_login(people[role])
    listed = names_and_handles(client)
    html = client.get(reverse("directory")).content.decode()
    assert "Client Test" not in listed and "client_insta" not in html
    assert "vrijwilliger_x" in listed["Volunteer Test"]
    if role == "communications":
        assert listed["Employee Test"] == {"open_voor_collegas", "alleen-comms"}
        assert "alleen communicatie" in html
    elif role == "employee":
        assert listed["Employee Test"] == {"open_voor_collegas", "alleen-comms"}  # one's own, all of them
    else:
        assert listed["Employee Test"] == {"open_voor_collegas"} and "alleen-comms" not in html


def test_people_without_a_handle_for_the_viewer_or_without_a_role_are_not_listed(client, people, handles):
    Handle.objects.create(user=people["webcare"], platform="x", handle="webcare_x")
    client.force_login(people["ambassador"])
    assert set(names_and_handles(client)) == {"Employee Test", "Volunteer Test", "Webcare Test"}
    domain.set_roles(people["administrator"], people["webcare"], [])
    assert set(names_and_handles(client)) == {"Employee Test", "Volunteer Test"}
    domain.close_account(people["administrator"], people["volunteer"])
    assert set(names_and_handles(client)) == {"Employee Test"}


@pytest.mark.parametrize("role", ["client", "volunteer"])
def test_clients_and_volunteers_see_the_corporate_accounts_and_their_own_handles_only(
    client, org, people, handles, role
):
    account = CorporateAccount.objects.create(organisation=org, platform="x", handle="zorggroep", purpose="Nieuws")
    account.owners.add(people["communications"])
    account.allowed_people.add(people["ambassador"])
    client.force_login(people[role])
    for name in ("directory", "follow_team", "access_matrix"):
        assert client.get(reverse(name)).status_code == 403
    accounts = client.get(reverse("account_list")).content.decode()
    assert "zorggroep" in accounts and "Communications Test" not in accounts and "Ambassador Test" not in accounts
    own = client.get(reverse("my_handles")).content.decode()
    mine = "client_insta" if role == "client" else "vrijwilliger_x"
    assert mine in own and "open_voor_collegas" not in own
    home = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("directory")}"' not in home and reverse("my_handles") in home


@pytest.mark.parametrize("role", ["client", "volunteer"])
def test_the_training_step_shows_no_teammates_to_clients_and_volunteers(client, org, people, handles, role):
    install_modules(org)
    step = Step.objects.filter(module__organisation=org, data__show_team=True).select_related("module").first()
    path = reverse("step", kwargs={"number": step.module.number, "order": step.order})
    client.force_login(people[role])
    # The starting set keeps this module for staff; made for everyone, it still shows them no teammates.
    assert client.get(path).status_code == 404
    Module.objects.filter(pk=step.module_id).update(audiences=[])
    response = client.get(path)
    assert response.status_code == 200 and response.context["teammates"] is None
    client.force_login(people["ambassador"])
    teammates = dict(client.get(path).context["teammates"])
    shown = {p.full_name: {h.handle for h in hs} for p, hs in teammates.items()}
    assert "Client Test" not in shown and shown["Employee Test"] == {"open_voor_collegas"}


def test_follow_your_team_leaves_out_clients_and_hidden_handles(client, people, handles):
    client.force_login(people["ambassador"])
    html = client.get(reverse("follow_team")).content.decode()
    assert "Client Test" not in html and "client_insta" not in html
    assert "x.com/open_voor_collegas" in html and "alleen-comms" not in html


def test_a_new_handle_is_for_colleagues_unless_chosen_otherwise(client, people):
    client.force_login(people["ambassador"])
    page = client.get(reverse("my_handles")).content.decode()
    assert "Alleen communicatie" in page and "Cliënten en vrijwilligers zien nooit" in page
    client.post(reverse("my_handles"), {"platform": "x", "handle": "amb_x"})
    client.post(reverse("my_handles"), {"platform": "linkedin", "handle": "amb-li", "visibility": "communications"})
    chosen = dict(Handle.objects.filter(user=people["ambassador"]).values_list("handle", "visibility"))
    assert chosen == {"amb_x": "colleagues", "amb-li": "communications"}


def test_a_client_is_not_offered_a_choice(client, people):
    client.force_login(people["client"])
    page = client.get(reverse("my_handles")).content.decode()
    assert "Alleen communicatie" not in page and "nooit in een lijst voor anderen" in page


def test_a_person_changes_who_sees_their_handle(client, people, handles):
    handle = handles["open"]
    client.force_login(people["employee"])
    response = client.post(
        reverse("handle_visibility", kwargs={"pk": handle.pk}), {f"h{handle.pk}-visibility": "communications"}
    )
    assert response.status_code == 302
    handle.refresh_from_db()
    assert handle.visibility == Handle.COMMUNICATIONS
    bad = client.post(
        reverse("handle_visibility", kwargs={"pk": handle.pk}), {f"h{handle.pk}-visibility": "iedereen"}, follow=True
    )
    assert "Kies wie dit account mag zien." in bad.content.decode()
    handle.refresh_from_db()
    assert handle.visibility == Handle.COMMUNICATIONS


def test_only_the_owner_changes_a_handles_visibility(client, people, handles, outsider):
    path = reverse("handle_visibility", kwargs={"pk": handles["comms"].pk})
    data = {f"h{handles['comms'].pk}-visibility": "colleagues"}
    assert client.get(path).status_code in (302, 405)
    anonymous = client.post(path, data)
    assert anonymous.status_code == 302 and anonymous.url.startswith(reverse("login"))
    for person in (people["communications"], people["administrator"], outsider):
        client.force_login(person)
        assert client.post(path, data).status_code == 404
    client.force_login(people["employee"])
    assert client.get(path).status_code == 405
    handles["comms"].refresh_from_db()
    assert handles["comms"].visibility == Handle.COMMUNICATIONS
