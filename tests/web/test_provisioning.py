"""The administrator's provisioning page (issue 19): the endpoint to copy, keys made once and revoked, the role of
each group of the identity provider; for each role and the other organisation."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from deelwijs.orgs import domain as orgs
from deelwijs.orgs.models import AuditEntry, Team, User
from deelwijs.provisioning import domain
from deelwijs.provisioning.models import ProvisionedPerson, ProvisionedTeam, ScimToken

from .test_scim_api import Scim, entra_user

OTHER_ROLES = ["employee", "volunteer", "client", "ambassador", "communications", "webcare", "manager"]
PAGE = reverse("provisioning")


def group_of(org, name="Vrijwilligers", role=""):
    return ProvisionedTeam.objects.create(
        organisation=org, team=Team.objects.create(organisation=org, name=name), role=role
    )


def test_the_page_gives_the_endpoint_to_copy(client, org, people):
    client.force_login(people["administrator"])
    response = client.get(PAGE)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="http://127.0.0.1:8000/scim/v2/test"' in html
    assert "<title>Accounts uit je identiteitsprovider (SCIM)" in html and "Nog geen sleutels." in html


def test_a_key_is_shown_once_and_kept_as_a_hash(client, org, people):
    client.force_login(people["administrator"])
    response = client.post(PAGE, {"name": "  Entra   ID "})
    key = response.context["new_key"]
    assert response.status_code == 200 and key.startswith("dwscim_") and key in response.content.decode()
    token = ScimToken.objects.get()
    assert token.name == "Entra ID" and token.created_by == people["administrator"] and key not in token.token_hash
    assert key not in client.get(PAGE).content.decode()  # never again
    entry = AuditEntry.objects.get(action="scim_token")
    assert entry.summary == "Administrator Test maakte de provisioningsleutel ‘Entra ID’."
    # The key works at once, for this organisation.
    assert Scim(org.slug, key).get("Users").status_code == 200


@pytest.mark.parametrize("name, message", [("", "Geef de sleutel een naam"), ("   ", "Geef de sleutel een naam")])
def test_a_key_needs_a_name(client, people, name, message):
    client.force_login(people["administrator"])
    response = client.post(PAGE, {"name": name})
    assert response.status_code == 200 and message in response.content.decode() and not ScimToken.objects.exists()


def test_a_name_too_long_is_refused_and_kept(client, people):
    client.force_login(people["administrator"])
    html = client.post(PAGE, {"name": "Entra " + "x" * 120}).content.decode()
    assert "Dit veld mag maximaal 100 tekens bevatten" in html and 'value="Entra xxx' in html
    assert not ScimToken.objects.exists()


def test_the_list_says_when_a_key_was_last_used_and_revokes_it(client, org, people):
    token, key = domain.create_token(people["administrator"], "Okta")
    Scim(org.slug, key).get("Users")
    client.force_login(people["administrator"])
    assert "nooit" not in client.get(PAGE).content.decode()
    response = client.post(reverse("provisioning_token_revoke", kwargs={"pk": token.pk}), follow=True)
    html = response.content.decode()
    assert "De sleutel ‘Okta’ is ingetrokken" in html and "ingetrokken op" in html
    assert Scim(org.slug, key).get("Users").status_code == 401
    assert AuditEntry.objects.filter(action="scim_token", details__event="revoked").count() == 1
    client.post(reverse("provisioning_token_revoke", kwargs={"pk": token.pk}))  # twice: nothing more
    assert AuditEntry.objects.filter(action="scim_token", details__event="revoked").count() == 1


def test_revoking_needs_post(client, org, people):
    token, _key = domain.create_token(people["administrator"], "Okta")
    client.force_login(people["administrator"])
    assert client.get(reverse("provisioning_token_revoke", kwargs={"pk": token.pk})).status_code == 405


def test_the_groups_and_their_roles_are_listed(client, org, people):
    group = group_of(org, role="volunteer")
    client.force_login(people["administrator"])
    html = client.get(PAGE).content.decode()
    assert "Vrijwilligers" in html and "Vrijwilliger" in html
    assert reverse("provisioning_group", kwargs={"pk": group.pk}) in html


def test_an_administrator_chooses_a_groups_role(client, org, people):
    group = group_of(org)
    scim = Scim(org.slug, domain.create_token(people["administrator"], "Entra")[1])
    user = scim.post("Users", entra_user()).json()
    scim.patch(f"Groups/{group.scim_id}", {"op": "add", "path": "members", "value": [{"value": user["id"]}]})
    url = reverse("provisioning_group", kwargs={"pk": group.pk})
    client.force_login(people["administrator"])
    page = client.get(url)
    assert page.status_code == 200 and "<title>Rol voor de groep Vrijwilligers" in page.content.decode()
    response = client.post(url, {"role": "volunteer"})
    assert response.status_code == 302 and response.url == PAGE
    assert User.objects.get(provisioned__scim_id=user["id"]).roles == {"volunteer"}
    client.post(url, {"role": ""})
    assert User.objects.get(provisioned__scim_id=user["id"]).roles == {"employee"}
    assert AuditEntry.objects.filter(action="scim_group_role").count() == 2


def test_an_unknown_role_is_refused_in_dutch(client, org, people):
    group = group_of(org)
    client.force_login(people["administrator"])
    html = client.post(reverse("provisioning_group", kwargs={"pk": group.pk}), {"role": "baas"}).content.decode()
    assert "Kies een van de rollen uit de lijst." in html
    group.refresh_from_db()
    assert group.role == ""


@pytest.mark.parametrize("role", OTHER_ROLES)
def test_only_administrators_manage_provisioning(client, org, people, role):
    token, _key = domain.create_token(people["administrator"], "Entra")
    group = group_of(org)
    client.force_login(people[role])
    assert client.get(PAGE).status_code == 403
    assert client.post(PAGE, {"name": "Van mij"}).status_code == 403
    assert client.post(reverse("provisioning_token_revoke", kwargs={"pk": token.pk})).status_code == 403
    assert (
        client.post(reverse("provisioning_group", kwargs={"pk": group.pk}), {"role": "administrator"}).status_code
        == 403
    )
    assert ScimToken.objects.count() == 1 and not ScimToken.objects.get().revoked
    group.refresh_from_db()
    assert group.role == ""


def test_anonymous_visitors_are_sent_to_sign_in(client, org, people):
    token, _key = domain.create_token(people["administrator"], "Entra")
    for response in (
        client.get(PAGE),
        client.post(reverse("provisioning_token_revoke", kwargs={"pk": token.pk})),
        client.get(reverse("provisioning_group", kwargs={"pk": group_of(org).pk})),
    ):
        assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_it_rejects_other_organisation(client, org, people, outsider):
    token, key = domain.create_token(people["administrator"], "Sleutel van Zorggroep Test")
    group = group_of(org)
    client.force_login(outsider)
    assert "Sleutel van Zorggroep Test" not in client.get(PAGE).content.decode()
    assert client.post(reverse("provisioning_token_revoke", kwargs={"pk": token.pk})).status_code == 404
    assert client.get(reverse("provisioning_group", kwargs={"pk": group.pk})).status_code == 404
    assert (
        client.post(reverse("provisioning_group", kwargs={"pk": group.pk}), {"role": "administrator"}).status_code
        == 404
    )
    assert Scim(org.slug, key).get("Users").status_code == 200


def test_the_page_takes_the_same_queries_for_one_or_three(client, org, people):
    client.force_login(people["administrator"])

    def queries_with(n):
        for i in range(n):
            domain.create_token(people["administrator"], f"Sleutel {i}")
            group_of(org, name=f"Groep {ScimToken.objects.count()}-{i}")
        with CaptureQueriesContext(connection) as queries:
            assert client.get(PAGE).status_code == 200
        return len(queries)

    assert queries_with(1) == queries_with(2)


def test_closing_a_provisioned_account_by_hand_says_to_end_it_at_the_provider_too(client, org, people):
    scim = Scim(org.slug, domain.create_token(people["administrator"], "Entra")[1])
    user = scim.post("Users", entra_user()).json()
    person = User.objects.get(provisioned__scim_id=user["id"])
    client.force_login(people["administrator"])
    html = client.get(reverse("person_close", kwargs={"pk": person.pk})).content.decode()
    assert "Het account komt uit je identiteitsprovider" in html
    orgs.close_account(people["administrator"], person)
    assert ProvisionedPerson.objects.get(person=person).idp_active  # what the provider said is kept apart


def test_the_settings_link_to_the_page(client, people):
    client.force_login(people["administrator"])
    assert PAGE in client.get(reverse("settings")).content.decode()


def test_the_group_page_lists_no_other_organisations_groups(client, org, other_org, people, outsider):
    theirs = group_of(other_org, name="Hun groep")
    client.force_login(people["administrator"])
    assert "Hun groep" not in client.get(PAGE).content.decode()
    assert client.get(reverse("provisioning_group", kwargs={"pk": theirs.pk})).status_code == 404
