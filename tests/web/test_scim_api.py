"""The SCIM 2.0 endpoint (issue 19), through Django's test client: keys and tenancy, Users, Groups, filters,
errors, and what provisioning does to accounts (closing and reopening, roles, teams), with Entra ID's shapes."""

import json
import uuid

import pytest
from django.core import mail
from django.db import IntegrityError, connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from deelwijs.orgs import domain as orgs
from deelwijs.orgs.models import AuditEntry, Team, User
from deelwijs.planning.models import CalendarFeed
from deelwijs.provisioning import domain, filters
from deelwijs.provisioning.models import ProvisionedPerson, ProvisionedTeam, ScimToken

from ..conftest import make_person

USER = "urn:ietf:params:scim:schemas:core:2.0:User"
GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group"
PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp"
ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"


class Scim:
    """A SCIM client for one organisation's endpoint: the test client with the key as bearer token."""

    def __init__(self, slug, key):
        self.client, self.base, self.key = Client(), f"/scim/v2/{slug}/", key

    def request(self, method, path, body=None, key=None, **params):
        headers = {"HTTP_AUTHORIZATION": f"Bearer {self.key if key is None else key}"}
        url = self.base + path
        if method == "get":
            return self.client.get(url, params, **headers)
        data = body if isinstance(body, (str, bytes)) else json.dumps(body or {})
        return getattr(self.client, method)(url, data, content_type="application/scim+json", **headers)

    def get(self, path, **params):
        return self.request("get", path, **params)

    def post(self, path, body, **kwargs):
        return self.request("post", path, body, **kwargs)

    def put(self, path, body):
        return self.request("put", path, body)

    def patch(self, path, *operations):
        return self.request("patch", path, {"schemas": [PATCH], "Operations": list(operations)})

    def delete(self, path):
        return self.request("delete", path)


@pytest.fixture
def token(org, people):
    token, key = domain.create_token(people["administrator"], "Entra ID")
    token.key = key
    return token


@pytest.fixture
def scim(org, token):
    return Scim(org.slug, token.key)


def entra_user(name="jan.jansen", given="Jan", family="Jansen", **extra):
    """A user as Entra ID's default mapping sends it on creation."""
    return {
        "schemas": [USER, ENTERPRISE],
        "externalId": name,
        "userName": f"{name}@test.test",
        "active": True,
        "displayName": f"{given} {family}",
        "emails": [{"primary": True, "type": "work", "value": f"{name}@test.test"}],
        "meta": {"resourceType": "User"},
        "name": {"formatted": f"{given} {family}", "familyName": family, "givenName": given},
        "title": "Verpleegkundige",
        "phoneNumbers": [{"type": "mobile", "value": "06 12345678"}],
        "roles": [{"value": "administrator", "primary": True}],
        ENTERPRISE: {"department": "Wijkteam", "employeeNumber": "123"},
        **extra,
    }


def made(scim, **kwargs):
    response = scim.post("Users", entra_user(**kwargs))
    assert response.status_code == 201, response.content
    return response.json()


def roles_of(person):
    """The roles as stored now (a person caches them)."""
    return User.objects.get(pk=person.pk).roles


def error_of(response):
    body = response.json()
    assert response["Content-Type"] == "application/scim+json"
    assert body["schemas"] == ["urn:ietf:params:scim:api:messages:2.0:Error"]
    assert body["status"] == str(response.status_code)
    return body


# Keys and tenancy


@pytest.mark.parametrize("header", [None, "Bearer", "Bearer wrong-key", "Basic YWRtaW46YWRtaW4=", "bearer "])
def test_without_a_valid_key_it_answers_401(client, org, token, header):
    headers = {"HTTP_AUTHORIZATION": header} if header else {}
    response = client.get(f"/scim/v2/{org.slug}/Users", **headers)
    assert response.status_code == 401 and response["WWW-Authenticate"].startswith("Bearer")
    assert error_of(response)["detail"]


def test_another_organisations_key_gets_the_same_401_as_an_unknown_organisation(org, other_org, outsider, token):
    theirs, their_key = domain.create_token(outsider, "Their Entra")
    on_ours = Scim(org.slug, their_key).get("Users")
    nowhere = Scim("bestaat-niet", token.key).get("Users")
    assert on_ours.status_code == nowhere.status_code == 401
    assert on_ours.json() == nowhere.json()
    # Their key does work on their own address, and shows none of our people.
    make_person(org, "employee", email="ons@test.test")
    assert Scim(other_org.slug, their_key).get("Users").json()["totalResults"] == 0


def test_a_revoked_key_stops_at_once(org, people, scim, token):
    assert scim.get("Users").status_code == 200
    domain.revoke_token(people["administrator"], token)
    assert scim.get("Users").status_code == 401


def test_a_session_is_no_key(client, org, people):
    client.force_login(people["administrator"])
    assert client.get(f"/scim/v2/{org.slug}/Users").status_code == 401


def test_the_key_is_stored_as_a_hash_and_its_use_is_noted(org, scim, token):
    stored = ScimToken.objects.get(pk=token.pk)
    assert token.key.startswith("dwscim_") and token.key not in stored.token_hash and stored.last_used is None
    scim.get("Users")
    assert ScimToken.objects.get(pk=token.pk).last_used is not None


def test_without_a_key_nothing_at_all_is_said(client, org):
    for path in ("Users", "Groups/1", "Schemas", "bestaat/niet", ".search", "Bulk"):
        assert client.get(f"/scim/v2/{org.slug}/{path}").status_code == 401
        assert client.post(f"/scim/v2/{org.slug}/{path}", "{}", content_type="application/json").status_code == 401


# Discovery


def test_the_service_provider_config_says_what_is_supported(scim):
    response = scim.get("ServiceProviderConfig")
    config = response.json()
    assert response.status_code == 200 and response["Content-Type"] == "application/scim+json"
    assert config["patch"]["supported"] and config["filter"] == {"supported": True, "maxResults": 200}
    assert not config["bulk"]["supported"] and not config["etag"]["supported"] and config["sort"]["supported"]
    assert not config["changePassword"]["supported"]
    assert config["authenticationSchemes"][0]["type"] == "oauthbearertoken"


def test_the_schemas_publish_only_what_deelwijs_keeps(scim):
    user = scim.get(f"Schemas/{USER}").json()
    attributes = {a["name"]: a for a in user["attributes"]}
    assert set(attributes) == {"userName", "name", "displayName", "active", "emails", "groups"}
    assert {s["name"] for s in attributes["name"]["subAttributes"]} == {"givenName", "familyName"}
    assert attributes["emails"]["required"] and attributes["active"]["required"]
    assert attributes["groups"]["mutability"] == "readOnly"
    group = scim.get(f"Schemas/{GROUP}").json()
    assert {a["name"] for a in group["attributes"]} == {"displayName", "members"}
    listed = scim.get("Schemas").json()
    assert listed["totalResults"] == 5 and scim.get("Schemas/urn:bestaat:niet").status_code == 404


def test_the_resource_types_are_users_and_groups(scim):
    listed = scim.get("ResourceTypes").json()
    assert [(r["name"], r["endpoint"]) for r in listed["Resources"]] == [("User", "/Users"), ("Group", "/Groups")]
    assert scim.get("ResourceTypes/Group").json()["schema"] == GROUP
    assert error_of(scim.get("ResourceTypes/Device"))["status"] == "404"


def test_discovery_takes_no_filter_and_only_get(scim):
    assert scim.get("Schemas", filter='name eq "User"').status_code == 403
    assert scim.get("ServiceProviderConfig", filter="patch pr").status_code == 403
    for method in ("post", "put", "patch", "delete"):
        response = scim.request(method, "ServiceProviderConfig", {})
        assert response.status_code == 405 and "GET" in response["Allow"]


def test_bulk_is_not_implemented_and_unknown_addresses_are_not_found(scim):
    assert error_of(scim.post("Bulk", {"Operations": []}))["status"] == "501"
    assert error_of(scim.get("Me"))["status"] == "404"
    assert error_of(scim.get("Users/1/meer"))["status"] == "404"


# Creating people


def test_creating_a_user_makes_an_open_account_with_the_default_role(org, scim):
    response = scim.post("Users", entra_user())
    body = response.json()
    assert response.status_code == 201, body
    assert response["Location"] == body["meta"]["location"]
    assert body["userName"] == "jan.jansen@test.test" and body["active"] is True and body["externalId"] == "jan.jansen"
    assert body["name"] == {"givenName": "Jan", "familyName": "Jansen"}
    assert body["emails"] == [{"value": "jan.jansen@test.test", "type": "work", "primary": True}]
    # What Deelwijs does not keep is not kept: no title, phone, enterprise extension, roles.
    assert {"title", "phoneNumbers", "roles", ENTERPRISE} & set(body) == set()
    person = User.objects.get(email="jan.jansen@test.test")
    assert person.organisation == org and person.full_name == "Jan Jansen" and person.is_active
    assert person.roles == {"employee"}  # never the "administrator" of its roles attribute
    assert person.has_usable_password() and not person.check_password("")
    entry = AuditEntry.objects.get(action="scim_person")
    assert entry.actor is None and entry.details["token"] == "Entra ID" and entry.details["event"] == "created"
    assert entry.summary == "De identiteitsprovider (sleutel ‘Entra ID’) maakte het account van Jan Jansen."
    assert "jan.jansen@" not in entry.summary


def test_a_new_account_gets_a_welcome_mail_to_choose_a_password(org, scim):
    made(scim)
    (message,) = mail.outbox
    assert message.to == ["jan.jansen@test.test"] and "Deelwijs" in message.subject
    link = next(line for line in message.body.splitlines() if "/wachtwoord-herstellen/" in line)
    page = Client().get(link.replace("http://127.0.0.1:8000", ""), follow=True)
    assert page.status_code == 200 and "new_password1" in page.content.decode()


def test_with_single_sign_on_the_welcome_mail_links_to_it(org, scim):
    org.oidc_issuer, org.oidc_client_id, org.oidc_client_secret = "https://sso.test", "id", "geheim"
    org.save()
    made(scim)
    assert f"/aanmelden/sso/{org.slug}/" in mail.outbox[0].body and "wachtwoord-herstellen" not in mail.outbox[0].body


def test_a_user_name_that_is_no_address_takes_the_work_address(scim):
    body = entra_user(
        userName="JJANSEN01",
        emails=[{"type": "home", "value": "thuis@test.test"}, {"type": "work", "value": "Werk@Test.test"}],
    )
    assert scim.post("Users", body).status_code == 201
    assert User.objects.filter(email="werk@test.test").exists()


def test_without_any_address_it_is_refused(scim):
    response = scim.post("Users", {"schemas": [USER], "userName": "jjansen"})
    assert response.status_code == 400 and error_of(response)["scimType"] == "invalidValue"
    assert "e-mailadres" in response.json()["detail"]
    assert not ProvisionedPerson.objects.exists()


def test_without_a_name_the_display_name_or_the_address_names_the_account(scim):
    scim.post("Users", {"schemas": [USER], "userName": "piet@test.test", "displayName": "Piet P."})
    scim.post("Users", {"schemas": [USER], "userName": "anoniem@test.test"})
    assert User.objects.get(email="piet@test.test").first_name == "Piet P."
    assert User.objects.get(email="anoniem@test.test").first_name == "anoniem"


def test_a_user_name_twice_is_a_conflict(scim):
    made(scim)
    response = scim.post("Users", entra_user(emails=[], externalId="x"))
    assert response.status_code == 409 and error_of(response)["scimType"] == "uniqueness"
    again = scim.post("Users", entra_user(name="ander", externalId="jan.jansen"))
    assert again.status_code == 409 and "externalId" in again.json()["detail"]


def test_a_user_name_that_is_no_address_is_unique_too(scim):
    made(scim, userName="JJANSEN", emails=[{"value": "een@test.test"}])
    response = scim.post("Users", entra_user(userName="jjansen", emails=[{"value": "twee@test.test"}]))
    assert response.status_code == 409 and "userName" in response.json()["detail"]
    long = scim.post("Users", entra_user(userName="j" * 300, externalId="x", emails=[{"value": "drie@test.test"}]))
    assert long.status_code == 400 and error_of(long)["scimType"] == "invalidValue"


def test_an_address_of_another_organisation_is_a_conflict_that_names_nobody(scim, outsider):
    response = scim.post("Users", entra_user(userName=outsider.email, emails=[]))
    assert response.status_code == 409 and "Andere Zorg" not in response.json()["detail"]
    outsider.refresh_from_db()
    assert outsider.organisation.slug == "andere" and outsider.first_name == "Administrator"
    assert not ProvisionedPerson.objects.filter(person=outsider).exists()


def test_an_account_that_is_there_already_is_taken_over_with_its_roles(org, people, scim):
    manager = people["manager"]
    body = scim.post("Users", entra_user(userName=manager.email.upper(), emails=[], given="Mia", family="Manager"))
    assert body.status_code == 201
    manager.refresh_from_db()
    assert roles_of(manager) == {"manager"} and manager.full_name == "Mia Manager"
    assert ProvisionedPerson.objects.get(person=manager).made_here is False
    assert mail.outbox == [] and AuditEntry.objects.filter(action="scim_person", details__event="linked").exists()


def test_inactive_on_creation_closes_the_account_at_once(scim):
    made(scim, active=False)
    person = User.objects.get(email="jan.jansen@test.test")
    assert not person.is_active and mail.outbox == []


@pytest.mark.parametrize(
    "body, scim_type",
    [
        ("{niet json", "invalidSyntax"),
        ("[1, 2]", "invalidSyntax"),
        ("\x00", "invalidSyntax"),
        (json.dumps({"schemas": [USER]}), "invalidValue"),
        (json.dumps({"schemas": [USER], "userName": 5}), "invalidValue"),
        (json.dumps({"schemas": [USER], "userName": "a@test.test", "emails": "a@test.test"}), "invalidValue"),
        (
            json.dumps({"schemas": [USER], "userName": "a@test.test", "emails": [{"value": "geen adres"}]}),
            "invalidValue",
        ),
        (json.dumps({"schemas": [USER], "userName": "a@test.test", "active": "misschien"}), "invalidValue"),
        (json.dumps({"schemas": [USER], "userName": "x" * 300 + "@test.test"}), "invalidValue"),
        (json.dumps({"schemas": [USER], "userName": "a@test.test", "name": {"givenName": "x" * 101}}), "invalidValue"),
        (json.dumps({"schemas": [USER], "userName": "a@test.test", "name": {"givenName": "Jan\x00"}}), "invalidValue"),
        (json.dumps({"schemas": [USER], "userName": "a@test.test", "displayName": "\ud800"}), "invalidValue"),
        (json.dumps({"schemas": ["urn:bestaat:niet"], "userName": "a@test.test"}), "invalidSyntax"),
        ("[" * 100_000, "invalidSyntax"),
    ],
)
def test_bad_bodies_are_refused_with_a_scim_error(scim, body, scim_type):
    response = scim.post("Users", body)
    assert response.status_code == 400 and error_of(response)["scimType"] == scim_type
    assert not User.objects.filter(email="a@test.test").exists()


def test_two_requests_at_once_for_one_person_give_a_conflict(scim, monkeypatch):
    """On PostgreSQL two creations of one person can pass the checks together; the database refuses the second."""

    def at_the_same_time(token, user):
        raise IntegrityError("duplicate key value violates unique constraint")

    monkeypatch.setattr(domain, "provision_person", at_the_same_time)
    response = scim.post("Users", entra_user())
    assert response.status_code == 409 and error_of(response)["scimType"] == "uniqueness"


def test_a_body_that_is_too_large_is_refused(scim, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = scim.post("Users", entra_user(displayName="x" * 2000))
    assert response.status_code == 413 and error_of(response)


# Reading and finding people


def test_reading_a_user_and_a_missing_one(scim, outsider):
    user = made(scim)
    response = scim.get(f"Users/{user['id']}")
    assert response.status_code == 200 and response.json()["id"] == user["id"]
    assert error_of(scim.get("Users/bestaat-niet"))["status"] == "404"


def test_a_user_of_another_organisation_is_not_found(org, other_org, outsider, scim):
    _theirs, their_key = domain.create_token(outsider, "Hun sleutel")
    theirs = Scim(other_org.slug, their_key)
    their_user = made(theirs, name="hun.mens")
    for response in (
        scim.get(f"Users/{their_user['id']}"),
        scim.patch(f"Users/{their_user['id']}", {"op": "replace", "path": "active", "value": False}),
        scim.delete(f"Users/{their_user['id']}"),
    ):
        assert response.status_code == 404
    assert User.objects.get(email="hun.mens@test.test").is_active


def test_the_entra_connection_test_finds_nobody(scim):
    response = scim.get("Users", filter='userName eq "non-existent user b5f0e1a7"')
    assert response.status_code == 200 and response.json() == {
        "schemas": ["urn:ietf:params:scim:api:messages:2.0:ListResponse"],
        "totalResults": 0,
        "startIndex": 1,
        "itemsPerPage": 0,
    }


def test_filters(scim):
    jan = made(scim)
    piet = made(scim, name="piet.pieters", given="Piet", family="Pieters")
    made(scim, name="anna.de.vries", given="Anna", family="de Vries", active=False)

    def ids(text):
        response = scim.get("Users", filter=text)
        assert response.status_code == 200, response.content
        return {u["id"] for u in response.json().get("Resources", [])}

    assert ids('userName eq "JAN.JANSEN@test.test"') == {jan["id"]}
    assert ids('externalId eq "jan.jansen"') == {jan["id"]}
    assert ids('externalId eq "JAN.JANSEN"') == set()  # caseExact
    assert ids('userName eq "jan.jansen@test.test" or name.givenName eq "Piet"') == {jan["id"], piet["id"]}
    assert ids('name.familyName sw "Pie" and active eq true') == {piet["id"]}
    assert len(ids("active eq false")) == 1 and len(ids("externalId pr")) == 3
    assert ids(f'id eq "{piet["id"]}"') == {piet["id"]} and ids('not (userName co "test")') == set()


@pytest.mark.parametrize(
    "text",
    [
        'title eq "x"',
        "userName eq",
        'userName zz "x"',
        '((userName eq "x"',
        "\x00",
        "x" * 5000,
        'meta.created gt "gisteren"',
        'active eq "misschien"',
    ],
)
def test_a_filter_deelwijs_cannot_read_is_refused(scim, text):
    made(scim)
    response = scim.get("Users", filter=text)
    assert response.status_code == 400 and error_of(response)["scimType"] in ("invalidFilter", "invalidValue")


def test_the_filter_module_refuses_what_it_cannot_read_itself():
    """scim2-models checks a filter before it gets here; these are the translation's own refusals."""
    for text in ("userName eq", "\x00", 'title eq "x"', "(", 'emails[type eq "work"].value eq "x"'):
        with pytest.raises(filters.InvalidFilterException):
            filters.query(text, filters.USER_COLUMNS)
    with pytest.raises(filters.InvalidFilterException):
        filters.apply(ProvisionedPerson.objects.all(), 'meta.created gt "gisteren"', filters.USER_COLUMNS)
    with pytest.raises(filters.InvalidValueException):
        filters.order(ProvisionedPerson.objects.all(), "emails", "ascending", filters.USER_COLUMNS)
    ordered = filters.order(ProvisionedPerson.objects.all(), f"{USER}:userName", "descending", filters.USER_COLUMNS)
    assert ordered.query.order_by == ("-user_name", "pk")


def test_pages_count_from_one(scim):
    for n in range(5):
        made(scim, name=f"mens{n}")
    page = scim.get("Users", startIndex=2, count=2, sortBy="userName").json()
    assert page["totalResults"] == 5 and page["startIndex"] == 2 and page["itemsPerPage"] == 2
    assert [u["userName"] for u in page["Resources"]] == ["mens1@test.test", "mens2@test.test"]
    assert scim.get("Users", count=0).json()["itemsPerPage"] == 0
    assert scim.get("Users", startIndex=-3).json()["startIndex"] == 1
    assert scim.get("Users", startIndex=10**30).json()["totalResults"] == 5
    assert scim.post(".search", {"startIndex": 10**30}).json()["totalResults"] == 5
    down = scim.get("Users", sortBy="userName", sortOrder="descending").json()["Resources"]
    assert down[0]["userName"] == "mens4@test.test"
    assert error_of(scim.get("Users", count="veel"))["scimType"] == "invalidValue"
    assert scim.get("Users", sortBy="emails").status_code == 400


def test_attributes_and_excluded_attributes(scim):
    user = made(scim)
    only = scim.get(f"Users/{user['id']}", attributes="userName").json()
    assert set(only) == {"schemas", "id", "userName"}
    without = scim.get("Users", excludedAttributes="emails,name").json()["Resources"][0]
    assert "emails" not in without and "name" not in without and "userName" in without
    assert scim.get("Users", attributes="userName", excludedAttributes="name").status_code == 400


def test_searching_with_post(scim):
    made(scim)
    made(scim, name="piet.pieters")
    found = scim.post(
        "Users/.search",
        {
            "schemas": ["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],
            "filter": 'userName sw "piet"',
            "attributes": ["userName"],
        },
    )
    assert found.status_code == 200 and found.json()["totalResults"] == 1
    assert set(found.json()["Resources"][0]) == {"schemas", "id", "userName"}


def test_searching_groups_with_post(scim):
    scim.post("Groups", {"schemas": [GROUP], "displayName": "Team A"})
    scim.post("Groups", {"schemas": [GROUP], "displayName": "Team B"})
    found = scim.post("Groups/.search", {"filter": 'displayName ew "B"', "excludedAttributes": ["members"]}).json()
    assert found["totalResults"] == 1 and found["Resources"][0]["displayName"] == "Team B"


def test_searching_at_the_root_finds_users_and_groups(scim):
    made(scim)
    scim.post("Groups", {"schemas": [GROUP], "displayName": "Wijkteam Noord"})
    everything = scim.post(".search", {"schemas": ["urn:ietf:params:scim:api:messages:2.0:SearchRequest"]}).json()
    assert everything["totalResults"] == 2
    assert [r["schemas"][0] for r in everything["Resources"]] == [USER, GROUP]
    groups = scim.post(".search", {"filter": 'displayName eq "Wijkteam Noord" and members pr'}).json()
    second = scim.post(".search", {"startIndex": 2, "count": 1}).json()
    assert second["Resources"][0]["displayName"] == "Wijkteam Noord" and groups["totalResults"] == 0


def test_a_list_takes_the_same_queries_however_long(scim):
    def queries_of(path):
        with CaptureQueriesContext(connection) as queries:
            assert scim.get(path).status_code == 200
        return len(queries)

    def grow(n):
        for _ in range(n):
            user = made(scim, name=f"mens-{uuid.uuid4().hex[:8]}")
            team = scim.post("Groups", {"schemas": [GROUP], "displayName": f"Team {user['id']}"}).json()
            for member in [user, *scim.get("Users", count=3).json()["Resources"]]:
                scim.patch(f"Groups/{team['id']}", {"op": "add", "path": "members", "value": [{"value": member["id"]}]})

    grow(1)
    one = {path: queries_of(path) for path in ("Users", "Groups")}
    grow(3)
    assert {path: queries_of(path) for path in ("Users", "Groups")} == one
    assert one["Users"] <= 6 and one["Groups"] <= 6


# Changing people


def test_put_replaces_what_deelwijs_keeps(scim):
    user = made(scim)
    body = entra_user(userName="jan.j@test.test", given="Johannes", family="Jansen-Smit", emails=[])
    del body["externalId"]
    response = scim.put(f"Users/{user['id']}", body)
    assert response.status_code == 200
    assert response.json()["userName"] == "jan.j@test.test" and "externalId" not in response.json()
    person = User.objects.get(provisioned__scim_id=user["id"])
    assert person.email == "jan.j@test.test" and person.full_name == "Johannes Jansen-Smit"
    entry = AuditEntry.objects.filter(action="scim_person", details__event="updated").get()
    assert set(entry.details["attributes"]) == {"userName", "externalId", "name", "displayName", "emails"}
    assert "de aanmeldnaam" in entry.summary


def test_entra_patches(scim):
    user = made(scim, userName="JJANSEN", emails=[{"type": "work", "value": "jan@test.test", "primary": True}])
    response = scim.patch(
        f"Users/{user['id']}",
        {"op": "Replace", "path": 'emails[type eq "work"].value', "value": "jan.nieuw@test.test"},
        {"op": "Replace", "path": "name.familyName", "value": "Janssen"},
        {"op": "Add", "path": "title", "value": "Teamleider"},
        {"op": "Add", "value": {"displayName": "Jan J.", "name.givenName": "Johan"}},
    )
    assert response.status_code == 200, response.content
    assert response.json()["emails"][0]["value"] == "jan.nieuw@test.test"
    person = User.objects.get(provisioned__scim_id=user["id"])
    assert person.email == "jan.nieuw@test.test" and person.full_name == "Johan Janssen"


def test_a_work_address_is_added_when_there_was_none(scim):
    user = made(scim, emails=[])
    scim.patch(f"Users/{user['id']}", {"op": "Add", "path": 'emails[type eq "work"].value', "value": "werk@test.test"})
    assert scim.get(f"Users/{user['id']}").json()["emails"] == [{"value": "werk@test.test", "type": "work"}]


def test_deactivating_closes_the_account_as_the_button_does(scim, org, people):
    user = made(scim)
    person = User.objects.get(provisioned__scim_id=user["id"])
    team = Team.objects.get(organisation=org)
    team.members.add(person)
    theirs = Client()
    theirs.force_login(person)
    assert theirs.get(reverse("feed")).status_code == 200
    feed = theirs.post(reverse("calendar_feeds"), {}).context["new_link"]["url"].replace("http://testserver", "")
    assert Client().get(feed).status_code == 200

    response = scim.patch(f"Users/{user['id']}", {"op": "Replace", "path": "active", "value": "False"})
    assert response.status_code == 200 and response.json()["active"] is False
    person.refresh_from_db()
    assert not person.is_active and person.closed_at is not None and not person.teams.exists()
    answer = theirs.get(reverse("feed"))
    assert answer.status_code == 302 and answer.url.startswith(reverse("login"))  # the session ended
    assert Client().get(feed).status_code == 404 and not CalendarFeed.objects.filter(owner=person).exists()
    closed = AuditEntry.objects.get(action="account_closed")
    assert closed.actor is None and closed.details["counts"]["sessions"] == 1
    assert AuditEntry.objects.filter(action="scim_person", details__event="closed").exists()
    assert person.roles == {"employee"}  # kept for a reopening


def test_reactivating_reopens_and_puts_the_person_back_in_their_groups(scim):
    user = made(scim)
    group = scim.post(
        "Groups", {"schemas": [GROUP], "displayName": "Wijkteam Zuid", "members": [{"value": user["id"]}]}
    ).json()
    scim.patch(f"Users/{user['id']}", {"op": "replace", "value": {"active": False}})
    person = User.objects.get(provisioned__scim_id=user["id"])
    assert not person.teams.exists()
    assert [m["value"] for m in scim.get(f"Groups/{group['id']}").json()["members"]] == [user["id"]]
    scim.patch(f"Users/{user['id']}", {"op": "replace", "path": "active", "value": True})
    person.refresh_from_db()
    assert person.is_active and list(person.teams.values_list("name", flat=True)) == ["Wijkteam Zuid"]
    assert AuditEntry.objects.filter(action="scim_person", details__event="reopened").exists()


def test_after_a_reopening_by_hand_the_next_change_of_a_group_gives_the_team_back(scim, people):
    jan, piet = made(scim), made(scim, name="piet")
    group = scim.post("Groups", {"schemas": [GROUP], "displayName": "Team A", "members": [{"value": jan["id"]}]}).json()
    person = User.objects.get(provisioned__scim_id=jan["id"])
    orgs.close_account(people["administrator"], person)
    orgs.reopen_account(people["administrator"], person)
    assert not person.teams.exists()
    scim.patch(f"Groups/{group['id']}", {"op": "add", "path": "members", "value": [{"value": piet["id"]}]})
    assert set(Team.objects.get(name="Team A").members.values_list("email", flat=True)) == {
        "jan.jansen@test.test",
        "piet@test.test",
    }


def test_an_account_the_administrator_closed_stays_closed_until_the_provider_changes_its_mind(scim, people):
    user = made(scim)
    person = User.objects.get(provisioned__scim_id=user["id"])
    orgs.close_account(people["administrator"], person)
    scim.patch(f"Users/{user['id']}", {"op": "replace", "path": "active", "value": True})
    person.refresh_from_db()
    assert not person.is_active
    scim.patch(f"Users/{user['id']}", {"op": "replace", "path": "active", "value": False})
    scim.patch(f"Users/{user['id']}", {"op": "replace", "path": "active", "value": True})
    person.refresh_from_db()
    assert person.is_active


def test_the_last_administrator_is_not_closed(org, people, scim):
    admin = people["administrator"]
    scim.post("Users", entra_user(userName=admin.email, emails=[]))
    provisioned = ProvisionedPerson.objects.get(person=admin)
    response = scim.patch(f"Users/{provisioned.scim_id}", {"op": "replace", "path": "active", "value": False})
    assert response.status_code == 400 and error_of(response)["scimType"] == "mutability"
    assert "laatste beheerder" in response.json()["detail"]
    assert scim.delete(f"Users/{provisioned.scim_id}").status_code == 400
    admin.refresh_from_db()
    provisioned.refresh_from_db()
    assert admin.is_active and provisioned.idp_active and provisioned.deprovisioned is None


def test_scim_never_changes_roles_by_itself(scim, people):
    user = made(scim)
    response = scim.patch(f"Users/{user['id']}", {"op": "add", "path": "roles", "value": [{"value": "administrator"}]})
    assert response.status_code == 200
    assert User.objects.get(provisioned__scim_id=user["id"]).roles == {"employee"}


@pytest.mark.parametrize(
    "operation, scim_type",
    [
        ({"op": "frobnicate", "path": "displayName", "value": "x"}, "invalidValue"),
        ({"op": "replace", "path": "[[", "value": "x"}, "invalidPath"),
        ({"op": "replace", "path": "id", "value": "anders"}, "mutability"),
        ({"op": "remove"}, "noTarget"),
        (
            {
                "op": "replace",
                "path": "emails",
                "value": [{"value": "a@test.test", "primary": True}, {"value": "b@test.test", "primary": True}],
            },
            "invalidValue",
        ),
        ({"op": "replace", "path": "userName", "value": "zonderadres"}, "invalidValue"),
    ],
)
def test_a_bad_patch_changes_nothing(scim, operation, scim_type):
    user = made(scim, emails=[])
    response = scim.patch(f"Users/{user['id']}", operation)
    assert response.status_code == 400 and error_of(response)["scimType"] == scim_type
    assert scim.get(f"Users/{user['id']}").json() == user


def test_a_patch_without_operations_is_refused(scim):
    user = made(scim)
    assert scim.request("patch", f"Users/{user['id']}", {"schemas": [PATCH]}).status_code == 400
    assert scim.request("patch", f"Users/{user['id']}", "nee").status_code == 400


def test_deleting_closes_the_account_and_keeps_the_person(scim):
    user = made(scim)
    assert scim.delete(f"Users/{user['id']}").status_code == 204
    person = User.objects.get(email="jan.jansen@test.test")
    assert not person.is_active and ProvisionedPerson.objects.get(person=person).deprovisioned is not None
    assert scim.get(f"Users/{user['id']}").status_code == 404
    assert scim.get("Users").json()["totalResults"] == 0
    assert scim.delete(f"Users/{user['id']}").status_code == 404
    # Assigned again in the identity provider: the same account, reopened, under a new id.
    again = made(scim)
    person.refresh_from_db()
    assert again["id"] != user["id"] and person.is_active and User.objects.filter(email=person.email).count() == 1


# Groups


def test_a_group_is_a_team_with_its_members(org, scim):
    jan, piet = made(scim), made(scim, name="piet")
    response = scim.post(
        "Groups",
        {
            "schemas": [GROUP],
            "externalId": "g-1",
            "displayName": "Wijkteam Noord",
            "members": [{"value": jan["id"]}, {"value": piet["id"]}],
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert {m["value"] for m in body["members"]} == {jan["id"], piet["id"]} and body["externalId"] == "g-1"
    assert body["members"][0]["$ref"].endswith(f"/scim/v2/{org.slug}/Users/{body['members'][0]['value']}")
    team = Team.objects.get(name="Wijkteam Noord")
    assert set(team.members.values_list("email", flat=True)) == {"jan.jansen@test.test", "piet@test.test"}
    user = scim.get(f"Users/{jan['id']}").json()
    assert user["groups"] == [{"value": body["id"], "$ref": body["meta"]["location"], "display": "Wijkteam Noord"}]
    assert AuditEntry.objects.filter(action="scim_group", details__event="members", details__added=2).exists()


def test_a_team_of_that_name_is_taken_over_and_keeps_who_was_added_by_hand(org, people, scim):
    team = Team.objects.get(organisation=org)  # Wijkteam, with every persona in it
    jan = made(scim)
    group = scim.post("Groups", {"schemas": [GROUP], "displayName": "wijkteam"}).json()
    scim.put(
        f"Groups/{group['id']}", {"schemas": [GROUP], "displayName": "Wijkteam", "members": [{"value": jan["id"]}]}
    )
    assert team.members.count() == len(people) + 1 and ProvisionedTeam.objects.get(team=team).scim_id == group["id"]
    conflict = scim.post("Groups", {"schemas": [GROUP], "displayName": "WIJKTEAM"})
    assert conflict.status_code == 409 and error_of(conflict)["scimType"] == "uniqueness"


def test_entra_adds_and_removes_members(scim):
    jan, piet = made(scim), made(scim, name="piet")
    group = scim.post("Groups", {"schemas": [GROUP], "displayName": "Team"}).json()
    path = f"Groups/{group['id']}"
    scim.patch(path, {"op": "Add", "path": "members", "value": [{"value": jan["id"]}, {"value": piet["id"]}]})
    scim.patch(path, {"op": "Remove", "path": "members", "value": [{"value": jan["id"]}]})
    assert [m["value"] for m in scim.get(path).json()["members"]] == [piet["id"]]
    scim.patch(path, {"op": "remove", "path": f'members[value eq "{piet["id"]}"]'})
    assert "members" not in scim.get(path).json() and not Team.objects.get(name="Team").members.exists()
    unknown = scim.patch(path, {"op": "add", "path": "members", "value": [{"value": "bestaat-niet"}]})
    assert unknown.status_code == 400 and error_of(unknown)["scimType"] == "invalidValue"
    teams = Team.objects.count()
    nul = scim.post("Groups", {"schemas": [GROUP], "displayName": "Team\x00"})
    assert nul.status_code == 400 and Team.objects.count() == teams


def test_renaming_a_group_renames_its_team(scim, org):
    group = scim.post("Groups", {"schemas": [GROUP], "displayName": "Team A"}).json()
    scim.patch(f"Groups/{group['id']}", {"op": "replace", "path": "displayName", "value": "Team B"})
    assert Team.objects.filter(name="Team B").exists()
    clash = scim.patch(f"Groups/{group['id']}", {"op": "replace", "path": "displayName", "value": "wijkteam"})
    assert clash.status_code == 409
    empty = scim.patch(f"Groups/{group['id']}", {"op": "replace", "path": "displayName", "value": "  "})
    assert empty.status_code == 400


def test_groups_are_found_by_name_without_their_members(scim):
    jan = made(scim)
    scim.post("Groups", {"schemas": [GROUP], "displayName": "Team A", "members": [{"value": jan["id"]}]})
    found = scim.get("Groups", filter='displayName eq "team a"', excludedAttributes="members").json()
    assert found["totalResults"] == 1 and "members" not in found["Resources"][0]
    by_member = scim.get("Groups", filter=f'members eq "{jan["id"]}"').json()
    assert by_member["totalResults"] == 1


def test_deleting_a_group_keeps_the_team(scim):
    jan = made(scim)
    group = scim.post("Groups", {"schemas": [GROUP], "displayName": "Team A", "members": [{"value": jan["id"]}]}).json()
    assert scim.delete(f"Groups/{group['id']}").status_code == 204
    assert scim.get(f"Groups/{group['id']}").status_code == 404
    team = Team.objects.get(name="Team A")
    assert team.members.count() == 1 and not ProvisionedTeam.objects.exists()


def test_a_group_of_another_organisation_is_not_found(org, other_org, outsider, scim):
    _theirs, their_key = domain.create_token(outsider, "Hun sleutel")
    theirs = Scim(other_org.slug, their_key)
    group = theirs.post("Groups", {"schemas": [GROUP], "displayName": "Hun team"}).json()
    their_user = made(theirs, name="hun.mens")
    # Their person is no member for us, nor ours for them.
    ours = scim.post(
        "Groups", {"schemas": [GROUP], "displayName": "Ons team", "members": [{"value": their_user["id"]}]}
    )
    assert ours.status_code == 400 and not Team.objects.filter(name="Ons team").exists()
    assert scim.get(f"Groups/{group['id']}").status_code == 404
    assert scim.delete(f"Groups/{group['id']}").status_code == 404
    assert ProvisionedTeam.objects.filter(scim_id=group["id"]).exists()


# Roles through groups (the administrator's mapping)


def test_a_groups_role_is_given_and_taken_back(org, people, scim):
    jan = made(scim)
    group = scim.post(
        "Groups", {"schemas": [GROUP], "displayName": "Vrijwilligers", "members": [{"value": jan["id"]}]}
    ).json()
    provisioned = ProvisionedTeam.objects.get(scim_id=group["id"])
    person = User.objects.get(provisioned__scim_id=jan["id"])
    domain.set_team_role(people["administrator"], provisioned, "volunteer")
    assert roles_of(person) == {"volunteer"}  # the default role goes: a volunteer is no employee
    orgs.set_roles(people["administrator"], person, {"volunteer", "ambassador"})  # by hand
    scim.patch(f"Groups/{group['id']}", {"op": "remove", "path": "members", "value": [{"value": jan["id"]}]})
    assert roles_of(person) == {"employee", "ambassador"}
    entry = AuditEntry.objects.get(action="scim_group_role")
    assert entry.summary == "Administrator Test gaf de leden van de groep Vrijwilligers de rol vrijwilliger."


def test_a_role_held_before_is_not_taken_away_with_the_group(org, people, scim):
    manager = people["manager"]
    scim.post("Users", entra_user(userName=manager.email, emails=[]))
    mine = ProvisionedPerson.objects.get(person=manager)
    group = scim.post(
        "Groups", {"schemas": [GROUP], "displayName": "Leiding", "members": [{"value": mine.scim_id}]}
    ).json()
    provisioned = ProvisionedTeam.objects.get(scim_id=group["id"])
    domain.set_team_role(people["administrator"], provisioned, "manager")
    domain.set_team_role(people["administrator"], provisioned, "webcare")
    assert roles_of(manager) == {"manager", "webcare"}
    scim.delete(f"Groups/{group['id']}")
    assert roles_of(manager) == {"manager"}


def test_the_last_administrator_keeps_the_role_a_group_gave(org, people, scim):
    admin = people["administrator"]
    scim.post("Users", entra_user(userName=admin.email, emails=[]))
    mine = ProvisionedPerson.objects.get(person=admin)
    orgs.set_roles(None, admin, {"employee"})
    group = scim.post(
        "Groups", {"schemas": [GROUP], "displayName": "Beheer", "members": [{"value": mine.scim_id}]}
    ).json()
    domain.set_team_role(
        make_person(org, "administrator", email="tijdelijk@test.test"),
        ProvisionedTeam.objects.get(scim_id=group["id"]),
        "administrator",
    )
    assert "administrator" in roles_of(admin)
    orgs.close_account(None, User.objects.get(email="tijdelijk@test.test"))
    scim.patch(f"Groups/{group['id']}", {"op": "remove", "path": "members", "value": [{"value": mine.scim_id}]})
    assert "administrator" in roles_of(admin)
