"""People pickers (deelwijs/orgs/pickers.py): who may be chosen per purpose, the search endpoint, typing a name
without JavaScript, and pages that stay small with 5 000 people in the organisation."""

import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from deelwijs.accounts.models import CorporateAccount
from deelwijs.orgs import pickers
from deelwijs.orgs.models import RoleAssignment, Team, User
from deelwijs.planning.models import PlannedPost
from deelwijs.webcare.models import Conversation, InboxItem
from tests.conftest import make_person


def search(client, purpose, q):
    return client.get(reverse("people_search"), {"doel": purpose, "q": q})


def names(response):
    return [result["name"] for result in response.json()["results"]]


def account_data(**extra):
    return {"platform": "linkedin", "handle": "lindehof", "allowed_roles": ["ambassador"], **extra}


# Who may be chosen


@pytest.mark.parametrize(
    "purpose, chosen, never",
    [
        ("eigenaar", {"employee", "communications", "manager"}, {"client", "volunteer"}),
        ("accountgebruiker", {"employee", "volunteer"}, {"client"}),
        ("verantwoordelijke", {"employee", "webcare", "ambassador"}, {"client", "volunteer"}),
        ("trekker-communicatie", {"communications"}, {"employee", "ambassador", "client"}),
        ("trekker-ambassadeur", {"ambassador"}, {"communications", "employee", "client"}),
        ("medewerker", {"employee", "ambassador"}, {"client", "volunteer", "communications"}),
        ("leidinggevende", {"manager"}, {"employee", "client"}),
        ("teamleider", {"manager"}, {"employee", "administrator", "client"}),
        ("teamlid", {"employee", "volunteer", "client"}, set()),
        ("afgebeelde", {"employee", "volunteer"}, {"client"}),
        ("toestemming-gehoord", {"employee", "manager"}, {"client", "volunteer"}),
    ],
)
def test_each_purpose_offers_only_whom_it_may(client, people, purpose, chosen, never):
    """Every persona is called "<Role> Test": searching "test" as communications (or the administrator for a
    team) shows whom the purpose lets them choose. Communications records no conversation with itself."""
    who = "administrator" if purpose.startswith("team") else "communications"
    client.force_login(people[who])
    found = set(names(search(client, purpose, "test")))
    offered = {role for role, person in people.items() if person.full_name in found}
    assert chosen <= offered and not (never & offered), offered


def test_a_closed_account_and_another_organisation_are_never_offered(client, people, outsider):
    closed = make_person(people["employee"].organisation, "employee", email="weg@test.test")
    closed.first_name, closed.is_active = "Vertrokken", False
    closed.save()
    outsider.first_name, outsider.last_name = "Employee", "Test"  # the same name as our employee
    outsider.save()
    client.force_login(people["communications"])
    for purpose in pickers.PURPOSES:
        if purpose.startswith("team"):
            continue
        found = [search(client, purpose, q).json()["results"] for q in ("Vertrokken", "test")]
        ids = {result["id"] for results in found for result in results}
        assert closed.pk not in ids and outsider.pk not in ids, purpose


def test_the_search_is_for_the_roles_of_its_forms(client, people):
    expected = {
        "eigenaar": {"communications", "administrator"},
        "medewerker": {"communications", "manager"},
        "leidinggevende": {"webcare", "communications", "administrator"},
        "teamlid": {"administrator"},
        "verantwoordelijke": {"communications", "administrator", "manager", "ambassador", "employee", "webcare"},
    }
    for purpose, roles in expected.items():
        for role, person in people.items():
            client.force_login(person)
            status = search(client, purpose, "test").status_code
            assert status == (200 if role in roles else 403), (purpose, role, status)


def test_the_search_asks_for_two_letters_and_a_known_purpose(client, people):
    client.force_login(people["communications"])
    response = search(client, "eigenaar", " a ")
    assert response.status_code == 400 and response.json()["error"] == "Typ minstens 2 letters van de naam."
    assert search(client, "eigenaar", "x" * 101).status_code == 400
    assert search(client, "iedereen", "test").status_code == 404
    assert client.get(reverse("people_search"), {"doel": "eigenaar"}).status_code == 400


def test_the_search_gives_twenty_with_their_teams_and_e_mail_only_to_administrators(client, people, org):
    team = Team.objects.get(name="Wijkteam")
    many = User.objects.bulk_create(
        User(email=f"jan{n}@test.test", first_name="Jan", last_name=f"Jansen {n:02}", organisation=org)
        for n in range(25)
    )
    RoleAssignment.objects.bulk_create(RoleAssignment(user=person, role="employee") for person in many)
    team.members.add(*many)
    client.force_login(people["communications"])
    with CaptureQueriesContext(connection) as queries:
        data = search(client, "eigenaar", "jan jans").json()
    assert len(data["results"]) == 20 and data["more"] is True
    assert data["results"][0] == {"id": many[0].pk, "name": "Jan Jansen 00", "detail": "Wijkteam"}
    assert len(queries) <= 8  # session, person, roles: then the people and their teams
    client.force_login(people["administrator"])
    result = search(client, "teamlid", "Jansen 07").json()["results"]
    assert result == [{"id": many[7].pk, "name": "Jan Jansen 07", "detail": "Wijkteam", "email": "jan7@test.test"}]


def test_a_name_matches_by_its_words_in_any_order(client, people):
    people["employee"].first_name, people["employee"].last_name = "Fatima", "El Amrani"
    people["employee"].save()
    client.force_login(people["communications"])
    assert names(search(client, "eigenaar", "amrani fat")) == ["Fatima El Amrani"]
    assert names(search(client, "eigenaar", "AMR")) == ["Fatima El Amrani"]


def test_a_manager_records_conversations_only_with_their_own_teams(client, people, org):
    elsewhere = make_person(org, "employee", email="elders@test.test")
    elsewhere.first_name = "Elders"
    elsewhere.save()
    client.force_login(people["manager"])
    found = names(search(client, "medewerker", "test"))
    assert "Employee Test" in found and "Manager Test" not in found
    assert names(search(client, "medewerker", "Elders")) == []
    response = client.post(
        reverse("conversation_new"),
        {"employee": elsewhere.pk, "post": "x", "severity": "unaware", "held_on": "2026-11-20", "conversation": "y"},
    )
    assert "employee" in response.context["form"].errors and not Conversation.objects.exists()


# The forms: ids posted by hand, and names typed without JavaScript


def test_a_client_posted_by_hand_as_owner_is_refused_in_dutch(client, people):
    client.force_login(people["communications"])
    response = client.post(reverse("account_new"), account_data(owners=[people["client"].pk]))
    assert response.status_code == 200 and not CorporateAccount.objects.exists()
    assert f"Persoon {people['client'].pk} is geen beschikbare keuze" in response.content.decode()


def test_a_client_posted_by_hand_as_responsible_is_refused_in_dutch(client, people, org):
    account = CorporateAccount.objects.create(organisation=org, platform="linkedin", handle="lindehof")
    client.force_login(people["communications"])
    data = {"title": "Open dag", "account": account.pk, "scheduled_at": "2026-12-01T10:00", "status": "idea"}
    data["remind_hours"] = 24
    response = client.post(reverse("post_new"), {**data, "responsible": people["client"].pk})
    assert response.status_code == 200 and not PlannedPost.objects.exists()
    assert "Deze persoon is geen beschikbare keuze" in response.content.decode()
    response = client.post(reverse("post_new"), {**data, "responsible": people["webcare"].pk})
    assert response.status_code == 302 and PlannedPost.objects.get().responsible == people["webcare"]


def test_a_typed_name_is_looked_up_when_the_form_is_sent(client, people):
    """Without JavaScript: one match is chosen, several are offered to tick, none is an error; what was typed stays."""
    client.force_login(people["communications"])
    ticked = {"owners": [people["communications"].pk]}
    response = client.post(reverse("account_new"), account_data(**ticked, owners_zoek="Niemand Bestaat"))
    html = response.content.decode()
    assert "Niemand die je hier kunt kiezen heet “Niemand Bestaat”" in html and 'value="Niemand Bestaat"' in html
    assert f'value="{people["communications"].pk}" id="id_owners_{people["communications"].pk}" checked' in html

    response = client.post(reverse("account_new"), account_data(**ticked, owners_zoek="test"))
    html = response.content.decode()
    assert "mensen passen bij “test”: kies wie je bedoelt." in html and "Wie bedoel je met “test”? Vink ze aan." in html
    assert 'name="owners_gevraagd" value="test"' in html and "Client Test" not in html
    # Ticking the candidate meant, and sending the same text along, answers the question.
    data = account_data(owners=[people["communications"].pk, people["webcare"].pk], owners_zoek="test")
    assert client.post(reverse("account_new"), {**data, "owners_gevraagd": "test"}).status_code == 302
    account = CorporateAccount.objects.get()
    assert set(account.owners.all()) == {people["communications"], people["webcare"]}

    response = client.post(
        reverse("account_edit", args=[account.pk]),
        account_data(owners=[people["communications"].pk, people["webcare"].pk], owners_zoek="  manager  "),
    )
    assert response.status_code == 302
    assert set(account.owners.all()) == {people["communications"], people["webcare"], people["manager"]}


def test_a_typed_responsible_person_and_a_choice_among_namesakes(client, people, org):
    account = CorporateAccount.objects.create(organisation=org, platform="linkedin", handle="lindehof")
    twin = make_person(org, "employee", email="twin@test.test")
    client.force_login(people["communications"])
    data = {"title": "Open dag", "account": account.pk, "scheduled_at": "2026-12-01T10:00", "status": "idea"}
    data["remind_hours"] = 24
    response = client.post(reverse("post_new"), {**data, "responsible": "", "responsible_zoek": "employee test"})
    html = response.content.decode()
    assert "2 mensen passen bij “employee test”" in html and 'value="employee test"' in html
    assert f'<option value="{twin.pk}">Employee Test</option>' in html  # the twin has no team
    response = client.post(reverse("post_new"), {**data, "responsible": twin.pk, "responsible_zoek": "employee test"})
    assert response.status_code == 302 and PlannedPost.objects.get().responsible == twin
    post = PlannedPost.objects.get()
    # The chosen person's name is in the box; emptying it chooses nobody, typing another name chooses them.
    html = client.get(reverse("post_edit", args=[post.pk])).content.decode()
    assert 'name="responsible_zoek" value="Employee Test"' in html and f'value="{twin.pk}" data-picker-value' in html
    edit = {**data, "status": "idea", "responsible": twin.pk}
    client.post(reverse("post_edit", args=[post.pk]), {**edit, "responsible_zoek": "Webcare"})
    post.refresh_from_db()
    assert post.responsible == people["webcare"]
    client.post(reverse("post_edit", args=[post.pk]), {**edit, "responsible_zoek": ""})
    post.refresh_from_db()
    assert post.responsible is None


def test_an_escalation_to_a_manager_by_name(client, people, org):
    item = InboxItem.objects.create(organisation=org, kind=InboxItem.MENTION, text="Vraag", author="x")
    client.force_login(people["webcare"])
    url = reverse("escalate", args=[item.pk])
    client.post(url, {"to": "manager", "manager": people["employee"].pk, "reason": "Loopt uit de hand"})
    item.refresh_from_db()
    assert item.escalated_person is None
    client.post(url, {"to": "manager", "manager_zoek": "manag", "reason": "Loopt uit de hand"})
    item.refresh_from_db()
    assert item.escalated_person == people["manager"]


def test_a_team_manager_holds_the_manager_role(client, people):
    client.force_login(people["administrator"])
    response = client.post(reverse("team_new"), {"name": "Nieuw", "managers_zoek": "Employee"})
    assert "Niemand die je hier kunt kiezen heet “Employee”" in response.content.decode()
    response = client.post(
        reverse("team_new"), {"name": "Nieuw", "managers_zoek": "Manager", "members": [people["client"].pk]}
    )
    team = Team.objects.get(name="Nieuw")
    assert list(team.managers.all()) == [people["manager"]] and list(team.members.all()) == [people["client"]]


def test_the_calendar_filters_by_a_typed_responsible_person(client, people, org):
    account = CorporateAccount.objects.create(organisation=org, platform="linkedin", handle="lindehof")
    soon = timezone.now() + timezone.timedelta(days=1)
    for who, title in [("webcare", "Van webcare"), ("ambassador", "Van de ambassadeur")]:
        PlannedPost.objects.create(
            organisation=org, title=title, account=account, scheduled_at=soon, responsible=people[who]
        )
    client.force_login(people["communications"])
    html = client.get(reverse("calendar"), {"view": "list", "person_zoek": "webc"}).content.decode()
    assert "Van webcare" in html and "Van de ambassadeur" not in html
    html = client.get(reverse("calendar"), {"view": "list", "person_zoek": "test"}).content.decode()
    assert "Van webcare" in html and "Van de ambassadeur" in html  # several: no filter, the candidates to pick
    assert "Who do you mean" not in html and "Wie bedoel je met “test”?" in html


# 5 000 people


FIRST = ["Anna", "Bram", "Chantal", "Daan", "Emma", "Fenna", "Gijs", "Hanna", "Ilse", "Joris", "Kim", "Lars"]
LAST = ["de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "Bos", "Vos"]


def five_thousand(org):
    """5 000 people in two teams, made in a few statements: most staff, every tenth a client."""
    teams = [Team.objects.create(organisation=org, name=f"Afdeling {n}") for n in range(2)]
    persons = User.objects.bulk_create(
        User(
            email=f"p{n}@groot.test",
            first_name=FIRST[n % len(FIRST)],
            last_name=f"{LAST[n // len(FIRST) % len(LAST)]} {n}",
            organisation=org,
            password="!",
        )
        for n in range(5000)
    )
    RoleAssignment.objects.bulk_create(
        RoleAssignment(user=p, role="client" if n % 10 == 0 else "ambassador" if n % 7 == 0 else "employee")
        for n, p in enumerate(persons)
    )
    Membership = User.teams.through
    Membership.objects.bulk_create(Membership(user=p, team=teams[n % 2]) for n, p in enumerate(persons))
    return persons


PAGES = [
    ("communications", "account_new", {}),
    ("communications", "account_edit", {"pk": "account"}),
    ("administrator", "team_new", {}),
    ("administrator", "team_edit", {"pk": "team"}),
    ("communications", "post_new", {}),
    ("communications", "event_new", {}),
    ("communications", "recurring_new", {}),
    ("communications", "pilot_new", {}),
    ("manager", "conversation_new", {}),
    ("communications", "conversation_new", {}),
    ("communications", "consent_new", {}),
    ("communications", "calendar", {}),
    ("webcare", "inbox_item", {"pk": "item"}),
]


def test_no_form_lists_five_thousand_people(client, people, org):
    account = CorporateAccount.objects.create(organisation=org, platform="linkedin", handle="lindehof")
    account.owners.add(people["communications"], people["webcare"])
    item = InboxItem.objects.create(organisation=org, kind=InboxItem.MENTION, text="Vraag", author="x")
    objects = {"account": account.pk, "team": Team.objects.get(name="Wijkteam").pk, "item": item.pk}

    def measure():
        sizes = {}
        for persona, name, kwargs in PAGES:
            client.force_login(people[persona])
            with CaptureQueriesContext(connection) as queries:
                response = client.get(reverse(name, kwargs={k: objects[v] for k, v in kwargs.items()}))
            assert response.status_code == 200, (name, response.status_code)
            sizes[(persona, name)] = (len(response.content), len(queries))
        return sizes

    few = measure()
    started = time.perf_counter()
    crowd = five_thousand(org)
    made = time.perf_counter() - started
    many = measure()
    for page, (size, queries) in many.items():
        assert size < 100_000, (page, size)
        assert queries == few[page][1], (page, few[page][1], queries)  # as many queries as with eight people
    assert made < 30

    # The search over all of them: quick, twenty at most, never a client for a staff-only purpose.
    clients = {p.full_name for n, p in enumerate(crowd) if n % 10 == 0}
    client.force_login(people["communications"])
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        data = search(client, "eigenaar", "anna").json()
    assert time.perf_counter() - started < 2 and len(queries) <= 8
    assert len(data["results"]) == 20 and data["more"] and not clients & set(names_of(data))
    assert "email" not in data["results"][0]
    # Every Anna de Vries is a client (person 0, 120, 240 ...): only the Hannas de Vries are found.
    found = names_of(search(client, "eigenaar", "Anna de Vries").json())
    assert found and all(name.startswith("Hanna de Vries") for name in found)
    assert names_of(search(client, "eigenaar", "Anna Jansen 12").json())[0] == "Anna Jansen 12"


def names_of(data):
    return [result["name"] for result in data["results"]]
