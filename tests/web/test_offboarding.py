"""Closing and reopening an account (issue 15): sign-in, sessions, feeds, invitations, teams, ownerships."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from deelwijs.accounts.models import CorporateAccount
from deelwijs.content.models import ContentItem
from deelwijs.insight import rollup
from deelwijs.insight.models import Report
from deelwijs.orgs import domain
from deelwijs.orgs.models import AuditEntry, Invitation, Notification, Team, User
from deelwijs.planning.models import CalendarFeed, PlannedPost
from deelwijs.sharing.models import Share
from deelwijs.webcare.models import InboxItem

from ..conftest import make_person

PASSWORD = "test-password-123"
CONFIRM_URLS = ("person_close_confirm", "person_reopen_confirm")


def url(name, person):
    return reverse(name, kwargs={"pk": person.pk})


def feed_path(client, team=None):
    """A new calendar link of the signed-in person (their own, or a team's), as a path."""
    response = client.post(reverse("calendar_feeds"), {"team": team.pk} if team else {})
    return response.context["new_link"]["url"].replace("http://testserver", "")


@pytest.fixture
def leaver(org, people):
    """An ambassador with something everywhere: a session, feeds, an invitation, a team, accounts, inbox items."""
    person = people["ambassador"]
    team = Team.objects.get(organisation=org)
    return {"person": person, "team": team}


@pytest.fixture
def holdings(org, people, leaver):
    person, team = leaver["person"], leaver["team"]
    team.managers.add(person)
    shared = CorporateAccount.objects.create(organisation=org, platform="x", handle="zorggroep")
    shared.owners.add(person, people["communications"])
    spare = CorporateAccount.objects.create(organisation=org, platform="linkedin", handle="zorggroep-test")
    spare.owners.add(person, people["communications"], people["administrator"])
    spare.allowed_people.add(person)
    open_item = InboxItem.objects.create(
        organisation=org, kind=InboxItem.MENTION, text="Vraag over de bezoektijden", assigned_to=person
    )
    done_item = InboxItem.objects.create(
        organisation=org, kind=InboxItem.MENTION, text="Al beantwoord", assigned_to=person, status=InboxItem.CLOSED
    )
    invitation = Invitation.objects.create(
        organisation=org, email="nieuw@test.test", first_name="Nieuw", roles=["employee"], token_hash="a" * 64
    )
    invitation.invited_by = person
    invitation.save()
    PlannedPost.objects.create(
        organisation=org, title="Later", scheduled_at=timezone.now() + timedelta(days=3), responsible=person
    )
    return {"shared": shared, "spare": spare, "open_item": open_item, "done_item": done_item, "invitation": invitation}


def test_the_confirmation_page_shows_what_happens_with_warnings_and_changes_nothing(client, people, leaver, holdings):
    client.force_login(people["administrator"])
    response = client.get(url("person_close", leaver["person"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ambassador Test kan niet meer aanmelden" in html
    assert "Gaat uit de teams: Wijkteam." in html
    assert "X zorggroep houdt 1 eigenaar over" in html  # the warning: fewer than two owners
    assert "Vraag over de bezoektijden" in html and "staat daarna op niemands naam" in html
    assert "Al beantwoord" not in html  # closed items keep their history
    assert "1 gepland bericht" in html and "Voormalig medewerker" in html
    assert "1 openstaande uitnodiging" in html
    warnings = {w.text for w in response.context["warnings"]}
    assert len(warnings) == 3 and all(w.warning for w in response.context["warnings"])
    assert "Niet langer leidinggevende van Wijkteam." in html  # the team keeps its other manager: no warning
    person = User.objects.get(pk=leaver["person"].pk)
    assert person.is_active and person.teams.exists() and holdings["shared"].owners.filter(pk=person.pk).exists()


def test_closing_refuses_sign_in_ends_sessions_and_takes_away_what_they_held(client, org, people, leaver, holdings):
    person, team = leaver["person"], leaver["team"]
    theirs = Client()
    theirs.force_login(person)
    own_feed, team_feed = feed_path(theirs), feed_path(theirs, team)
    assert theirs.get(own_feed).status_code == 200 and theirs.get(team_feed).status_code == 200
    elsewhere = Client()
    assert elsewhere.post(reverse("login"), {"username": person.email, "password": PASSWORD}).status_code == 302

    client.force_login(people["administrator"])
    response = client.post(url("person_close_confirm", person))
    assert response.status_code == 302 and response.url == reverse("people") + "?status=closed"

    person.refresh_from_db()
    assert not person.is_active and person.closed_at is not None
    # Both open sessions: the next request is signed out.
    for session in (theirs, elsewhere):
        answer = session.get(reverse("feed"))
        assert answer.status_code == 302 and answer.url.startswith(reverse("login"))
    # The calendar links stop.
    assert Client().get(own_feed).status_code == 404 and Client().get(team_feed).status_code == 404
    assert not CalendarFeed.objects.filter(owner=person).exists()
    # Teams, ownerships, use, open assignments, invitations.
    assert not person.teams.exists() and not team.managers.filter(pk=person.pk).exists()
    assert not CorporateAccount.objects.filter(owners=person).exists()
    assert not CorporateAccount.objects.filter(allowed_people=person).exists()
    holdings["open_item"].refresh_from_db()
    holdings["done_item"].refresh_from_db()
    assert holdings["open_item"].assigned_to is None and holdings["done_item"].assigned_to == person
    assert not Invitation.objects.filter(pk=holdings["invitation"].pk).exists()
    # The roles stay for a reopening; the audit entry has counts, no e-mail address.
    assert person.roles == {"ambassador"}
    entry = AuditEntry.objects.get(action="account_closed")
    assert entry.actor == people["administrator"]
    assert entry.details["person_id"] == person.pk
    assert {"sessions": 2, "calendar_feeds": 2, "inbox_items": 1}.items() <= entry.details["counts"].items()
    assert entry.summary.startswith("Administrator Test sloot het account van Ambassador Test: 2 sessies beëindigd")
    assert "2 agendakoppelingen gestopt" in entry.summary and "1 open webcare-item niet meer op naam" in entry.summary
    assert person.email not in entry.summary and person.email not in str(entry.details)
    # Every count in words: no code such as "account_owner" is left in the sentence.
    assert not re.search(r"\b[a-z]+_[a-z_]+\b", entry.summary) and "geen eigenaar meer van" in entry.summary


def test_a_closed_account_cannot_sign_in_with_a_password(client, people, leaver):
    domain.close_account(people["administrator"], leaver["person"])
    response = client.post(reverse("login"), {"username": leaver["person"].email, "password": PASSWORD})
    html = response.content.decode()
    assert response.status_code == 200 and "_auth_user_id" not in client.session
    assert "Je account is gesloten" in html
    # A wrong password says nothing about the account.
    wrong = client.post(reverse("login"), {"username": leaver["person"].email, "password": "fout-wachtwoord"})
    assert "gesloten" not in wrong.content.decode()


def test_a_closed_account_gets_no_password_reset_mail(client, people, leaver):
    domain.close_account(people["administrator"], leaver["person"])
    client.post(reverse("password_reset"), {"email": leaver["person"].email})
    assert mail.outbox == []


def test_an_invitation_to_a_closed_address_is_withdrawn_and_a_new_one_refused(client, org, people, leaver):
    person = leaver["person"]
    invitation = domain.invite(people["administrator"], person.email, "Ambassador", "Test", ["employee"], "")
    token = mail.outbox[-1].body.split("/uitnodiging/")[1].split("/")[0]
    domain.close_account(people["administrator"], person)
    assert not Invitation.objects.filter(pk=invitation.pk).exists()
    assert client.get(reverse("accept_invitation", kwargs={"token": token})).status_code == 404
    client.force_login(people["administrator"])
    response = client.post(reverse("invite"), {"email": person.email, "first_name": "A", "roles": ["employee"]})
    assert "Het account van deze persoon is gesloten" in response.content.decode()
    assert 'value="A"' in response.content.decode()  # what was typed stays


def test_an_administrator_cannot_close_their_own_account(client, people):
    admin = people["administrator"]
    client.force_login(admin)
    page = client.get(url("person_close", admin)).content.decode()
    assert "Je kunt je eigen account niet sluiten" in page and "person_close_confirm" not in page
    response = client.post(url("person_close_confirm", admin), follow=True)
    assert "Je kunt je eigen account niet sluiten" in response.content.decode()
    admin.refresh_from_db()
    assert admin.is_active


def test_the_last_administrator_cannot_be_closed(org, people):
    # Provisioning closes accounts without an actor: it must not leave the organisation without an administrator.
    with pytest.raises(ValidationError, match="laatste beheerder"):
        domain.close_account(None, people["administrator"])
    second = make_person(org, "administrator", email="tweede@test.test")
    domain.close_account(None, people["administrator"])
    assert not User.objects.get(pk=people["administrator"].pk).is_active
    entry = AuditEntry.objects.get(action="account_closed")
    assert entry.actor is None and second.is_active


def test_an_account_closed_twice_says_so(client, people, leaver):
    domain.close_account(people["administrator"], leaver["person"])
    client.force_login(people["administrator"])
    assert "Dit account is al gesloten" in client.get(url("person_close", leaver["person"])).content.decode()
    response = client.post(url("person_close_confirm", leaver["person"]), follow=True)
    assert "Dit account is al gesloten" in response.content.decode()
    assert AuditEntry.objects.filter(action="account_closed").count() == 1


def test_reopening_allows_sign_in_again_without_giving_back_teams_or_feeds(client, people, leaver):
    person = leaver["person"]
    theirs = Client()
    theirs.force_login(person)
    feed = feed_path(theirs, leaver["team"])
    domain.close_account(people["administrator"], person)
    client.force_login(people["administrator"])
    page = client.get(url("person_reopen", person)).content.decode()
    assert "Komt niet vanzelf terug" in page and "agendakoppelingen" in page
    assert client.post(url("person_reopen_confirm", person)).status_code == 302
    person.refresh_from_db()
    assert person.is_active and person.closed_at is None and person.roles == {"ambassador"}
    assert AuditEntry.objects.filter(action="account_reopened").exists()
    assert not person.teams.exists() and Client().get(feed).status_code == 404
    again = Client()
    assert again.post(reverse("login"), {"username": person.email, "password": PASSWORD}).status_code == 302
    assert again.get(reverse("feed")).status_code == 200


def test_reopening_an_open_account_changes_nothing(client, people):
    client.force_login(people["administrator"])
    assert client.get(url("person_reopen", people["employee"])).status_code == 302
    client.post(url("person_reopen_confirm", people["employee"]))
    assert not AuditEntry.objects.filter(action="account_reopened").exists()


@pytest.mark.parametrize("name", CONFIRM_URLS)
def test_closing_and_reopening_need_post(client, people, name):
    client.force_login(people["administrator"])
    assert client.get(url(name, people["employee"])).status_code == 405
    assert client.post(url("person_close", people["employee"])).status_code == 405


@pytest.mark.parametrize("name", CONFIRM_URLS)
@pytest.mark.parametrize(
    "role", ["employee", "volunteer", "client", "ambassador", "communications", "webcare", "manager"]
)
def test_only_administrators_close_and_reopen(client, people, name, role):
    target = people["employee"] if role != "employee" else people["webcare"]
    if name == "person_reopen_confirm":
        domain.close_account(people["administrator"], target)
    client.force_login(people[role])
    assert client.post(url(name, target)).status_code == 403
    target.refresh_from_db()
    assert target.is_active == (name == "person_close_confirm")


@pytest.mark.parametrize("name", CONFIRM_URLS + ("person_reopen",))
def test_anonymous_visitors_cannot_close_or_reopen(client, people, name):
    domain.close_account(people["administrator"], people["webcare"])
    method = client.get if name == "person_reopen" else client.post
    response = method(url(name, people["employee"] if name == "person_close_confirm" else people["webcare"]))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
    assert User.objects.get(pk=people["employee"].pk).is_active


@pytest.mark.parametrize("name", CONFIRM_URLS + ("person_close", "person_reopen"))
def test_it_rejects_other_organisation(client, people, outsider, name):
    domain.close_account(people["administrator"], people["webcare"])
    client.force_login(outsider)
    target = people["webcare"] if "reopen" in name else people["employee"]
    response = client.post(url(name, target)) if name in CONFIRM_URLS else client.get(url(name, target))
    assert response.status_code == 404
    assert User.objects.get(pk=people["employee"].pk).is_active
    assert not User.objects.get(pk=people["webcare"].pk).is_active


# Calendar feeds check who may still read them on every request, also without closing.
def test_a_team_feed_stops_when_its_owner_leaves_the_team(client, people, leaver):
    person, team = leaver["person"], leaver["team"]
    client.force_login(person)
    path = feed_path(client, team)
    assert Client().get(path).status_code == 200
    person.teams.remove(team)
    assert Client().get(path).status_code == 404
    team.managers.add(person)  # a manager of the team may follow it
    assert Client().get(path).status_code == 200


def test_feeds_stop_when_their_owner_loses_every_role(client, people, leaver):
    person = leaver["person"]
    client.force_login(person)
    own, team = feed_path(client), feed_path(client, leaver["team"])
    domain.set_roles(people["administrator"], person, [])
    assert Client().get(own).status_code == 404 and Client().get(team).status_code == 404


# Their shares stay in the figures, without their name.
def test_the_figures_keep_their_shares_without_their_name(client, org, people, leaver):
    person, team = leaver["person"], leaver["team"]
    person.on_leaderboard = True
    person.save()
    item = ContentItem.objects.create(organisation=org, title="Open dag")
    for network in ("linkedin", "x"):
        Share.objects.create(organisation=org, person=person, item=item, network=network, text="x", team=team)
    today = timezone.localdate()
    rollup.roll_up(today, today)
    Report.objects.create(organisation=org, requested_by=person, period="2026-Q4")
    client.force_login(people["communications"])
    before = client.get(reverse("dashboard")).context["data"]["totals"]
    assert "Ambassador Test" in client.get(reverse("leaderboard")).content.decode()

    domain.close_account(people["administrator"], person)
    rollup.roll_up(today, today)
    data = client.get(reverse("dashboard")).context["data"]
    assert data["totals"] == before and before["shares"] == 2 and data["active"] == 1
    assert data["teams"][0][:2] == ("Wijkteam", 2)
    leaderboard = client.get(reverse("leaderboard")).content.decode()
    assert (
        "Ambassador Test" not in leaderboard
        and "En nog 1 persoon die deelde zonder genoemd te worden (2 keer gedeeld)" in leaderboard
    )
    reports = client.get(reverse("reports")).content.decode()
    assert "Ambassador Test" not in reports and "Voormalig medewerker" in reports


def test_a_closed_account_gets_no_more_e_mail(people, leaver):
    domain.close_account(people["administrator"], leaver["person"])
    mail.outbox.clear()
    domain.notify(leaver["person"], "Je verhaal is geplaatst", email_subject="Deelwijs")
    assert Notification.objects.filter(person=leaver["person"]).exists() and mail.outbox == []


# The people list: closed accounts apart, marked, filterable.
def test_the_people_list_shows_closed_accounts_apart_and_marked(client, people):
    domain.close_account(people["administrator"], people["webcare"])
    domain.set_roles(people["administrator"], people["volunteer"], [])
    client.force_login(people["administrator"])
    active = client.get(reverse("people")).content.decode()
    assert "Webcare Test" not in active and "Gesloten accounts (1)" in active
    assert "geen rol: ziet niets" in active  # the volunteer without a role
    closed = client.get(reverse("people") + "?status=closed")
    assert [p.full_name for p in closed.context["persons"]] == ["Webcare Test"]
    assert "Account heropenen" in closed.content.decode() and "gesloten op" in closed.content.decode()
    everyone = client.get(reverse("people") + "?status=all").content.decode()
    assert "Webcare Test" in everyone and "Employee Test" in everyone
    # A bad filter value shows the default list instead of an error.
    assert client.get(reverse("people") + "?status=<script>").status_code == 200


def test_the_people_list_uses_the_same_number_of_queries_for_one_or_three_closed(client, org, people):
    client.force_login(people["administrator"])
    counts = []
    for n in range(3):
        person = make_person(org, "employee", email=f"weg{n}@test.test")
        person.teams.add(Team.objects.get(organisation=org))
        domain.close_account(people["administrator"], person)
        if n in (0, 2):
            with CaptureQueriesContext(connection) as captured:
                assert client.get(reverse("people") + "?status=all").status_code == 200
            counts.append(len(captured))
    assert counts[0] == counts[1]


# Someone without any role sees nothing but the page that says so.
ROLE_LESS_PAGES = [
    "home",
    "directory",
    "account_list",
    "access_matrix",
    "register",
    "feed",
    "my_stories",
    "team_plans",
    "modules",
    "policy",
    "notifications",
    "my_figures",
    "leaderboard",
    "report_signal",
    "my_handles",
]


@pytest.mark.parametrize("name", ROLE_LESS_PAGES)
def test_a_person_without_roles_sees_only_the_no_access_page(client, people, name):
    person = people["employee"]
    domain.set_roles(people["administrator"], person, [])
    client.force_login(person)
    response = client.get(reverse(name))
    html = response.content.decode()
    assert response.status_code == 403
    assert "Je hebt op dit moment geen toegang tot Deelwijs" in html
    assert 'aria-label="Hoofdmenu"' not in html and "Administrator Test" in html  # whom to ask
    assert "Wijkteam" not in html


def test_a_team_plan_is_closed_to_someone_without_roles(client, people, leaver):
    person = people["employee"]
    domain.set_roles(people["administrator"], person, [])
    client.force_login(person)
    assert client.get(reverse("team_plan", kwargs={"pk": leaver["team"].pk})).status_code == 403


@pytest.mark.parametrize("pk", ["0", "99999999999999999999"])
def test_an_unknown_or_huge_id_is_a_404(client, people, pk):
    client.raise_request_exception = False
    client.force_login(people["administrator"])
    for path in ("sluiten", "heropenen"):
        assert client.get(f"/mensen/{pk}/{path}/").status_code == 404
        assert client.post(f"/mensen/{pk}/{path}/bevestigen/").status_code == 404
