"""The calendar (issue 18): filters by status and network, campaign colours, the week by hour, duplicating a post."""

import re
from datetime import date, datetime, time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from deelwijs.accounts.models import CorporateAccount
from deelwijs.content.models import Campaign, Image
from deelwijs.orgs.models import AuditEntry, Team
from deelwijs.planning.models import Event, PlannedPost, RecurringActivity

DAY = date(2026, 11, 10)  # a Tuesday; the week runs from Monday 9 November


def at(day, hour=10, minute=0):
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


@pytest.fixture
def account(org):
    return CorporateAccount.objects.create(organisation=org, platform="linkedin", handle="zorg")


@pytest.fixture
def x_account(org):
    return CorporateAccount.objects.create(organisation=org, platform="x", handle="zorg_x")


@pytest.fixture
def team(people):
    return Team.objects.get(name="Wijkteam")


def post(org, account, when, **fields):
    return PlannedPost.objects.create(
        organisation=org, account=account, scheduled_at=when, **{"title": "Bericht", "status": "draft", **fields}
    )


def titles(client, query, view="list"):
    response = client.get(reverse("calendar") + f"?view={view}&date={DAY}&{query}")
    assert response.status_code == 200
    return sorted(p.title for d in response.context["days"] for p in d["posts"])


# Filters
def test_it_filters_by_status_and_open_means_idea_draft_or_ready(client, people, org, account):
    for status in ("idea", "draft", "ready", "published", "cancelled"):
        post(org, account, at(DAY), title=status, status=status)
    client.force_login(people["communications"])
    assert titles(client, "status=ready") == ["ready"]
    assert titles(client, "status=open") == ["draft", "idea", "ready"]
    assert titles(client, "status=published") == ["published"]
    assert titles(client, "status=nonsense") == sorted(["idea", "draft", "ready", "published", "cancelled"])


def test_it_filters_by_the_accounts_network_and_the_ambassadors_feed(client, people, org, account, x_account):
    post(org, account, at(DAY), title="LinkedIn")
    post(org, x_account, at(DAY), title="X")
    post(org, None, at(DAY), title="Feed", for_ambassadors=True)
    client.force_login(people["communications"])
    assert titles(client, "network=x") == ["X"]
    assert titles(client, "network=linkedin") == ["LinkedIn"]
    assert titles(client, "network=ambassadors") == ["Feed"]
    assert titles(client, "network=x&status=ready") == []
    choices = [code for code, _label in client.get(reverse("calendar")).context["filters"].fields["network"].choices]
    assert choices == ["", "linkedin", "x", "ambassadors"]  # only the networks the organisation has accounts on


@pytest.mark.parametrize("view", ["month", "week", "list"])
def test_every_view_link_keeps_the_filters(client, people, org, account, view):
    client.force_login(people["communications"])
    html = client.get(reverse("calendar") + f"?view={view}&date={DAY}&status=open&network=x").content.decode()
    for target in ("view=month", "view=week", "view=list"):
        links = [chunk for chunk in html.split('href="?')[1:] if chunk.startswith(target)]
        assert links and all("status=open" in link and "network=x" in link for link in links), target
    # Earlier, today and later keep them too.
    pager = html.split('class="pager"')[1].split("</p>")[0]
    assert pager.count("status=open&amp;network=x") == 3


# Campaign colours
def test_a_post_card_shows_its_campaign_by_name_on_the_campaigns_colour(client, people, org, account):
    campaign = Campaign.objects.create(organisation=org, name="Werken bij", slug="werken-bij", colour="magenta")
    post(org, account, at(DAY), title="Vacature", campaign=campaign)
    post(org, account, at(DAY), title="Zonder campagne")
    client.force_login(people["communications"])
    for view in ("month", "week", "list"):
        html = client.get(reverse("calendar") + f"?view={view}&date={DAY}").content.decode()
        assert 'class="campaign-label c-magenta"><span class="sr-only">Campagne: </span>Werken bij</span>' in html
        assert "c-magenta" in card_classes(html, "Vacature"), view
        assert not [c for c in card_classes(html, "Zonder campagne") if c.startswith("c-")], view


def card_classes(html, title):
    """The classes of the (first) card of the post with this title."""
    found = re.search(r'<li class="([^"]*)"[^>]*>\s*<a [^>]*><span class="time">[^<]*</span> ' + title, html)
    return set(found.group(1).split())


# The week by hour
def test_the_week_puts_each_post_in_its_hour_and_the_rest_under_other_times(client, people, org, account):
    post(org, account, at(DAY, 9, 30), title="Half tien")
    post(org, account, at(DAY, 22, 45), title="Laat")
    post(org, account, at(date(2026, 11, 12), 6, 15), title="Vroeg")
    post(org, account, at(date(2026, 11, 15), 23, 30), title="Middernacht")
    client.force_login(people["communications"])
    response = client.get(reverse("calendar") + f"?view=week&date={DAY}")
    hours = response.context["hours"]
    assert [row["hour"] for row in hours] == [*range(7, 23), None]
    assert [row["label"] for row in hours][:2] == ["07.00", "08.00"] and hours[-1]["label"] == "Andere tijden"

    def placed(row):
        return {(cell["day"].isoformat(), p.title) for cell in row["cells"] for p in cell["posts"]}

    by_hour = {row["hour"]: placed(row) for row in hours}
    assert by_hour[9] == {("2026-11-10", "Half tien")}
    assert by_hour[22] == {("2026-11-10", "Laat")}
    assert by_hour[None] == {("2026-11-12", "Vroeg"), ("2026-11-15", "Middernacht")}
    assert sum(len(v) for v in by_hour.values()) == 4
    html = response.content.decode()
    # The table for a wide screen and the same week day by day for a phone, with the hook days of the week.
    assert '<table class="cal-hours">' in html and '<ol class="week-days">' in html
    assert html.count('data-hour="9"') == 7 and "Dag van de Mantelzorg" in html
    assert html.count("</span> Half tien</a>") == 2  # once in the table, once in the phone's list


def test_a_post_dropped_on_an_hour_moves_there_keeping_its_minutes(client, people, org, account):
    planned = post(org, account, at(DAY, 9, 30))
    client.force_login(people["communications"])
    response = client.post(reverse("post_move", kwargs={"pk": planned.pk}), {"day": "2026-11-12", "hour": "14"})
    assert response.status_code == 302
    planned.refresh_from_db()
    assert timezone.localtime(planned.scheduled_at) == at(date(2026, 11, 12), 14, 30)
    client.post(reverse("post_move", kwargs={"pk": planned.pk}), {"day": "2026-11-13", "hour": "99"})
    planned.refresh_from_db()
    assert timezone.localtime(planned.scheduled_at) == at(date(2026, 11, 12), 14, 30)  # a bad hour moves nothing


@pytest.mark.parametrize("view", ["month", "week", "list"])
def test_the_calendar_runs_a_fixed_number_of_queries_with_campaigns(client, people, org, account, team, view):
    client.force_login(people["communications"])
    url = reverse("calendar") + f"?view={view}&date={DAY}"

    def count():
        client.get(url)  # warm the session
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    def add(n):
        for i in range(n):
            campaign = Campaign.objects.create(organisation=org, name=f"Campagne {view} {n} {i}", slug=f"c-{n}-{i}")
            post(org, account, at(date(2026, 11, 9 + i % 6), 8 + i % 14), team=team, campaign=campaign)

    add(1)
    one = count()
    add(3)
    assert count() == one <= 20


# Duplicating a post
@pytest.fixture
def original(org, account, team, people):
    image = Image.objects.create(organisation=org, alt="De tuin")
    event = Event.objects.create(organisation=org, title="Open dag", starts_at=at(DAY), ends_at=at(DAY, 16))
    activity = RecurringActivity.objects.create(organisation=org, title="Foto van de week", account=account)
    campaign = Campaign.objects.create(organisation=org, name="Werken bij", slug="werken-bij")
    return post(
        org,
        account,
        at(DAY, 15, 30),
        title="Open dag",
        text="Kom zaterdag naar onze open dag!",
        status="ready",
        image=image,
        campaign=campaign,
        team=team,
        responsible=people["manager"],
        event=event,
        phase="before",
        recurring=activity,
        occurrence=DAY,
        override_reason="Fictief",
        remind_hours=48,
    )


def test_a_copy_is_a_draft_on_the_chosen_date_with_the_same_account_text_photo_and_campaign(
    client, people, org, original
):
    client.force_login(people["communications"])
    response = client.post(reverse("post_duplicate", kwargs={"pk": original.pk}), {"day": "2026-11-17"})
    copy = PlannedPost.objects.exclude(pk=original.pk).get()
    assert response.status_code == 302 and response.url == reverse("post_edit", kwargs={"pk": copy.pk})
    assert timezone.localtime(copy.scheduled_at) == at(date(2026, 11, 17), 15, 30)
    same = ("title", "text", "image_id", "account_id", "campaign_id", "team_id", "responsible_id", "remind_hours")
    assert [getattr(copy, f) for f in same] == [getattr(original, f) for f in same]
    assert copy.status == "draft" and copy.override_reason == "" and copy.created_by == people["communications"]
    assert (copy.event, copy.phase, copy.recurring, copy.occurrence, copy.item) == (None, "", None, None, None)
    original.refresh_from_db()
    assert original.status == "ready" and original.image_id == copy.image_id  # one stored photo, used twice
    entry = AuditEntry.objects.get(action="post_duplicated")
    assert f"{original.pk} → {copy.pk}" in entry.summary and entry.actor == people["communications"]
    page = client.get(response.url).content.decode()
    assert "Een kopie van “Open dag” is gepland op dinsdag 17 november 2026 15:30, met de status concept." in page


def test_a_copy_of_a_post_without_text_is_an_idea(client, people, org, account):
    planned = post(org, account, at(DAY), title="Nog te schrijven", text="", status="idea")
    client.force_login(people["communications"])
    client.post(reverse("post_duplicate", kwargs={"pk": planned.pk}), {"day": "2026-11-20"})
    assert PlannedPost.objects.exclude(pk=planned.pk).get().status == "idea"


def test_a_copy_of_a_blocked_text_is_checked_again(client, people, org, account):
    planned = post(org, account, at(DAY), text="Mevrouw Jansen van kamer 12 heeft BSN 111222333.", override_reason="x")
    client.force_login(people["communications"])
    response = client.post(reverse("post_duplicate", kwargs={"pk": planned.pk}), {"day": "2026-11-20"}, follow=True)
    assert "De postcheck blokkeert de tekst van de kopie" in response.content.decode()
    assert PlannedPost.objects.exclude(pk=planned.pk).get().override_reason == ""


def test_a_bad_date_makes_no_copy_and_says_why(client, people, org, original):
    client.force_login(people["communications"])
    for day in ("morgen", "0001-01-01", ""):
        response = client.post(reverse("post_duplicate", kwargs={"pk": original.pk}), {"day": day}, follow=True)
        assert "Kies een geldige datum voor de kopie." in response.content.decode()
    assert PlannedPost.objects.count() == 1
    assert client.get(reverse("post_duplicate", kwargs={"pk": original.pk})).status_code == 405


@pytest.mark.parametrize(
    "role, status",
    [
        ("communications", 302),
        ("administrator", 302),
        ("manager", 302),  # plans for the team
        ("ambassador", 302),  # plans for the team
        ("employee", 403),  # sees the team's post, may not change it
        ("webcare", 403),
        ("volunteer", 403),  # no plan at all
        ("client", 403),
    ],
)
def test_who_may_edit_a_post_may_duplicate_it(client, people, org, original, role, status):
    client.force_login(people[role])
    response = client.post(reverse("post_duplicate", kwargs={"pk": original.pk}), {"day": "2026-11-17"})
    assert response.status_code == status
    assert PlannedPost.objects.count() == (2 if status == 302 else 1)


def test_another_teams_post_and_another_organisations_post_are_not_found(client, people, org, other_org, account):
    other_team = Team.objects.create(organisation=org, name="Ander team")
    theirs = post(org, account, at(DAY), team=other_team)
    foreign_account = CorporateAccount.objects.create(organisation=other_org, platform="x", handle="anders")
    foreign = post(other_org, foreign_account, at(DAY))
    client.force_login(people["ambassador"])
    assert client.post(reverse("post_duplicate", kwargs={"pk": theirs.pk}), {"day": "2026-11-17"}).status_code == 404
    client.force_login(people["administrator"])
    assert client.post(reverse("post_duplicate", kwargs={"pk": foreign.pk}), {"day": "2026-11-17"}).status_code == 404
    assert PlannedPost.objects.count() == 2


def test_the_post_page_offers_duplicating_a_week_later(client, people, org, original):
    client.force_login(people["manager"])
    html = client.get(reverse("post_edit", kwargs={"pk": original.pk})).content.decode()
    assert reverse("post_duplicate", kwargs={"pk": original.pk}) in html
    assert 'name="day" value="2026-11-17"' in html and ">Dupliceren</button>" in html
