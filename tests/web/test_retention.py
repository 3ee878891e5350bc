"""Retention per organisation (issue 15): the nightly job deletes what was kept longer than the periods.

With a frozen clock: older than the period is removed, younger is kept, files leave the disk, the counts
are recorded, another organisation is untouched; and the Bewaartermijnen page for each role.
"""

import os
from datetime import UTC, date, datetime, timedelta

import pytest
from dateutil.relativedelta import relativedelta
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.files.storage import default_storage
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from deelwijs.community.models import HelpMessage, HelpRequest
from deelwijs.content.models import ContentItem, Image
from deelwijs.insight import rollup
from deelwijs.insight.models import DailyStat
from deelwijs.jobs import retention
from deelwijs.orgs.models import AuditEntry, Organisation, RetentionRun
from deelwijs.orgs.roles import ROLES
from deelwijs.orgs.tenancy import organisation_scope
from deelwijs.sharing.models import Click, Share, TrackedLink
from deelwijs.stories.models import Story, StoryPhoto
from deelwijs.webcare.models import Conversation, InboxEvent, InboxItem
from tests.conftest import make_person

from .test_files import stored_image

NOW = datetime(2027, 6, 15, 1, 15, tzinfo=UTC)  # 03:15 in Amsterdam, when the job runs


@pytest.fixture
def clock(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: NOW)
    return NOW


def ago(**delta):
    return NOW - relativedelta(**delta)


def on_disk(name):
    return os.path.exists(default_storage.path(name))


def item(org, title, status=InboxItem.CLOSED, created=None, last_action=None, screenshot=False, **fields):
    made = InboxItem.objects.create(
        organisation=org,
        kind=InboxItem.MENTION,
        text=title,
        author="Iemand Anders",
        url=f"https://social.example/{title}",
        status=status,
        created=created or NOW,
        screenshot=stored_image(org, 400, 300) if screenshot else None,
        **fields,
    )
    if last_action:
        InboxEvent.objects.create(item=made, text="Beantwoord", created=last_action)
    return made


def help_request(org, person, closed_on, created=None):
    made = HelpRequest.objects.create(
        organisation=org,
        person=person,
        what_happened="Nare berichten",
        status=HelpRequest.CLOSED if closed_on else HelpRequest.IN_PROGRESS,
        closed_on=closed_on,
        created=created or NOW,
    )
    HelpMessage.objects.create(request=made, author=person, text="Dank je")
    return made


def build(org):
    """One thing just past and one just within every period (the defaults), in one organisation."""
    employee = make_person(org, "employee", email=f"medewerker@{org.slug}.test")
    old = {
        "mention": item(org, "oude-vermelding", status=InboxItem.NEW, created=ago(months=13)),
        # Open, but nobody did anything with it for two and a half years: its content goes, the item stays.
        "open": item(org, "nog-open", status=InboxItem.IN_PROGRESS, created=ago(months=30), screenshot=True),
        "handled": item(org, "oud-afgehandeld", created=ago(months=26), last_action=ago(months=25)),
        "screenshot": item(org, "schermafbeelding", created=ago(days=40), last_action=ago(days=31), screenshot=True),
        "conversation": Conversation.objects.create(
            organisation=org, employee=employee, post="x", conversation="x", outcome="Afgesproken", outcome_on=None
        ),
        "declined": Story.objects.create(
            organisation=org, author=employee, text="Niet gebruikt", status=Story.REJECTED, reviewed_at=ago(days=31)
        ),
    }
    Conversation.objects.filter(pk=old["conversation"].pk).update(outcome_on=date(2025, 6, 14))
    old["help"] = help_request(org, employee, closed_on=date(2026, 6, 14))
    young = {
        "mention": item(org, "nieuwe-vermelding", status=InboxItem.NEW, created=ago(months=11)),
        # Handled long ago, but someone added a note last month: the last action counts.
        "handled": item(org, "recent-aangevuld", created=ago(months=30), last_action=ago(months=1)),
        "screenshot": item(
            org, "recente-schermafbeelding", created=ago(days=40), last_action=ago(days=29), screenshot=True
        ),
        "conversation": Conversation.objects.create(
            organisation=org, employee=employee, post="x", conversation="x", outcome="Afgesproken"
        ),
        "no_outcome": Conversation.objects.create(
            organisation=org, employee=employee, post="x", conversation="x", held_on=date(2020, 1, 1)
        ),
        "declined": Story.objects.create(
            organisation=org, author=employee, text="Net besloten", status=Story.REJECTED, reviewed_at=ago(days=29)
        ),
        "approved": Story.objects.create(
            organisation=org, author=employee, text="Gebruikt", status=Story.APPROVED, reviewed_at=ago(years=2)
        ),
    }
    Conversation.objects.filter(pk=young["conversation"].pk).update(outcome_on=date(2025, 6, 16))
    young["help"] = help_request(org, employee, closed_on=date(2026, 6, 16))
    # Open for years: a help request stays until it is closed.
    young["open_help"] = help_request(org, employee, closed_on=None, created=ago(years=3))
    for story in (old["declined"], young["declined"], young["approved"]):
        StoryPhoto.objects.create(story=story, image=stored_image(org, 400, 300))
    content = ContentItem.objects.create(organisation=org, title="Nieuws", link="https://x.example")
    share = Share.objects.create(organisation=org, person=employee, item=content, network="x", text="x")
    link = TrackedLink.objects.create(share=share, target_url=content.link)
    days = [(ago(months=4).date(), True), (ago(months=2).date(), True), (ago(months=4).date(), False)]
    Click.objects.bulk_create([Click(link=link, day=d, visitor=str(n), rolled_up=r) for n, (d, r) in enumerate(days)])
    return old, young


def run(org):
    with organisation_scope(org):
        return retention.apply(Organisation.objects.get(pk=org.pk), now=NOW)


def test_what_is_older_than_its_period_goes_and_what_is_younger_stays(
    org, other_org, clock, django_capture_on_commit_callbacks
):
    old, young = build(org)
    build(other_org)
    old_screenshot = old["screenshot"].screenshot.stored_names() + old["open"].screenshot.stored_names()
    old_photo = old["declined"].photos.get().image.stored_names()
    with django_capture_on_commit_callbacks(execute=True):
        done = run(org)

    # Mentions: the content of a quiet item is wiped, the item stays (it is still open).
    wiped = InboxItem.objects.get(pk=old["mention"].pk)
    assert (wiped.text, wiped.author, wiped.url, wiped.status) == ("", "", "", InboxItem.NEW)
    wiped = InboxItem.objects.get(pk=old["open"].pk)
    assert (wiped.text, wiped.screenshot, wiped.status) == ("", None, InboxItem.IN_PROGRESS)
    assert InboxItem.objects.get(pk=young["mention"].pk).text == "nieuwe-vermelding"
    # Handled items: deleted with their events after the last action; recent ones stay.
    assert not InboxItem.objects.filter(pk=old["handled"].pk).exists()
    assert not InboxEvent.objects.filter(item_id=old["handled"].pk).exists()
    assert InboxItem.objects.get(pk=young["handled"].pk).text == "recent-aangevuld"
    # Screenshots of handled items: gone from the row and from disk; the item stays.
    assert InboxItem.objects.get(pk=old["screenshot"].pk).screenshot is None
    assert not any(on_disk(n) for n in old_screenshot)
    assert InboxItem.objects.get(pk=young["screenshot"].pk).screenshot is not None
    # The register: after the outcome; an entry without an outcome stays however old.
    assert not Conversation.objects.filter(pk=old["conversation"].pk).exists()
    assert Conversation.objects.filter(pk__in=[young["conversation"].pk, young["no_outcome"].pk]).count() == 2
    # Declined stories lose their photos (from disk too); the story and other photos stay.
    assert not old["declined"].photos.exists() and not any(on_disk(n) for n in old_photo)
    assert Story.objects.filter(pk=old["declined"].pk).exists()
    assert young["declined"].photos.exists() and young["approved"].photos.exists()
    # Help requests: a year after closing, with their messages; open ones stay however old.
    assert not HelpRequest.objects.filter(pk=old["help"].pk).exists()
    assert not HelpMessage.objects.filter(request_id=old["help"].pk).exists()
    assert HelpRequest.objects.filter(pk__in=[young["help"].pk, young["open_help"].pk]).count() == 2
    # Clicks: only counted ones older than the period.
    with organisation_scope(org):
        assert sorted((c.day, c.rolled_up) for c in Click.objects.all()) == [
            (ago(months=4).date(), False),
            (ago(months=2).date(), True),
        ]

    expected = {
        "mentions": 2,  # the two old open items (the old handled one went altogether)
        "inbox_items": 1,
        "screenshots": 1,
        "conversations": 1,
        "clicks": 1,
        "story_photos": 1,
        "consent_records": 0,
        "help_requests": 1,
        "photo_originals": 0,  # tests/web/test_photocheck.py blurs a photo and lets its original go
    }
    assert done.removed == expected
    assert RetentionRun.objects.get(organisation=org).removed == expected
    assert done.summary.startswith("de inhoud van 2 vermeldingen en signalen gewist, 1 afgehandeld inboxitem")

    # The other organisation: nothing touched, no run recorded.
    with organisation_scope(other_org):
        assert InboxItem.objects.count() == 7 and Conversation.objects.count() == 3
        assert StoryPhoto.objects.count() == 3 and Click.objects.count() == 3
        assert InboxItem.objects.get(text="oude-vermelding").author == "Iemand Anders"
    assert not RetentionRun.objects.filter(organisation=other_org).exists()
    with organisation_scope(other_org):
        assert all(on_disk(n) for image in Image.objects.all() for n in image.stored_names())


def test_a_second_run_finds_nothing_more(org, clock):
    build(org)
    run(org)
    assert set(run(org).removed.values()) == {0}


def test_shorter_periods_remove_more(org, clock):
    old, young = build(org)
    Organisation.objects.filter(pk=org.pk).update(keep_photos_days=1, keep_clicks_months=1)
    done = run(org)
    assert done.removed["story_photos"] == 2 and done.removed["screenshots"] == 2 and done.removed["clicks"] == 2
    assert young["approved"].photos.exists()  # only declined stories lose their photos


def test_the_figures_keep_the_deleted_clicks_also_after_a_full_roll_up(org, clock):
    build(org)
    Click.objects.update(rolled_up=False)
    rollup.roll_up_new()
    before = DailyStat.objects.aggregate(Sum("clicks"))["clicks__sum"]
    assert before == 3
    assert run(org).removed["clicks"] == 2  # both four months old, counted now
    rollup.roll_up(date(2026, 1, 1), NOW.date())
    assert DailyStat.objects.aggregate(Sum("clicks"))["clicks__sum"] == before
    assert rollup.recomputable_from() == date(2027, 4, 1)


def test_the_nightly_task_runs_every_organisation_and_clears_sessions_and_task_rows(org, other_org, clock):
    build(org)
    build(other_org)
    expired, live = SessionStore(), SessionStore()
    expired.set_expiry(-10)
    expired.create()
    live.create()
    for days, status in ((31, "SUCCESSFUL"), (29, "SUCCESSFUL"), (40, "FAILED"), (40, "READY")):
        DBTaskResult.objects.create(
            task_path="deelwijs.orgs.tasks.send_email",
            args_kwargs={"args": ["iemand@test.test", "Onderwerp", "Vertrouwelijke tekst"], "kwargs": {}},
            status=status,
            finished_at=NOW - timedelta(days=days) if status != "READY" else None,
            run_after=NOW,
            backend_name="default",
        )
    outcome = retention.apply_retention.call()
    assert outcome == "2 org., 1 sessions, 2 tasks"
    assert list(Session.objects.values_list("session_key", flat=True)) == [live.session_key]
    assert sorted(DBTaskResult.objects.values_list("status", flat=True)) == ["READY", "SUCCESSFUL"]
    assert RetentionRun.objects.filter(organisation__in=[org, other_org]).count() == 2


def test_the_job_is_in_the_schedule():
    from deelwijs.jobs.schedule import get_job

    assert get_job("apply_retention").task is retention.apply_retention


# The page


@pytest.mark.parametrize("role", [role for role, _ in ROLES])
def test_only_administrators_see_the_page(client, people, role):
    client.force_login(people[role])
    assert client.get(reverse("retention")).status_code == (200 if role == "administrator" else 403)


def test_an_anonymous_visitor_is_sent_to_sign_in(client, db):
    response = client.get(reverse("retention"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_the_page_explains_every_line_and_shows_the_last_run(client, people, org):
    RetentionRun.objects.create(organisation=org, ran_at=NOW, removed={"mentions": 12, "story_photos": 3})
    client.force_login(people["administrator"])
    html = client.get(reverse("retention")).content.decode()
    assert "de inhoud van 12 vermeldingen en signalen gewist, 3 foto&#x27;s van verhalen verwijderd" in html
    assert "Tussen 1 en 60 maanden." in html and "Tussen 1 en 365 dagen." in html
    assert "personeelsdossier" in html and "Aanmeldsessies" in html and "na 30 dagen" in html
    assert 'value="12"' in html and 'value="30"' in html


def test_another_organisations_run_is_not_shown(client, people, other_org):
    # A count no CSRF token on the page happens to hold (a random "99" did, now and then).
    RetentionRun.objects.create(organisation=other_org, ran_at=NOW, removed={"mentions": 98765})
    client.force_login(people["administrator"])
    assert "98765" not in client.get(reverse("retention")).content.decode()


def test_an_administrator_changes_a_period_and_it_is_logged(client, people, org):
    client.force_login(people["administrator"])
    data = {
        "keep_mentions_months": 6,
        "keep_inbox_months": 24,
        "keep_register_months": 36,
        "keep_clicks_months": 3,
        "keep_photos_days": 14,
        "keep_consent_years": 5,
        "keep_help_months": 12,
        "keep_originals_days": 30,
    }
    assert client.post(reverse("retention"), data).status_code == 302
    org.refresh_from_db()
    assert (org.keep_mentions_months, org.keep_register_months, org.keep_photos_days) == (6, 36, 14)
    entry = AuditEntry.objects.get(organisation=org, action="settings")
    assert entry.details == {"fields": ["keep_mentions_months", "keep_photos_days", "keep_register_months"]}
    assert entry.summary.startswith("Administrator Test wijzigde de instellingen: vermeldingen en signalen (maanden), ")


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("keep_mentions_months", "0", "Kies een getal van 1 tot 60."),
        ("keep_inbox_months", "121", "Kies een getal van 3 tot 120."),
        ("keep_register_months", "5", "Kies een getal van 6 tot 120."),
        ("keep_photos_days", "-3", "Kies een getal van 1 tot 365."),
        ("keep_clicks_months", "drie", "Voer een geheel getal in."),
        ("keep_clicks_months", "", "Dit veld is verplicht."),
        ("keep_clicks_months", "9" * 30, "Kies een getal van 1 tot 24."),
    ],
)
def test_a_period_out_of_bounds_is_refused_in_dutch_and_keeps_what_was_typed(
    client, people, org, field, value, message
):
    client.force_login(people["administrator"])
    data = {"keep_mentions_months": 7, "keep_inbox_months": 25, "keep_register_months": 26}
    data |= {"keep_clicks_months": 3, "keep_photos_days": 31, "keep_consent_years": 6, "keep_help_months": 9}
    data["keep_originals_days"] = 30
    data[field] = value
    response = client.post(reverse("retention"), data)
    assert response.status_code == 200
    assert list(response.context["form"].errors[field]) == [message]
    html = response.content.decode()
    assert all(f'value="{typed}"' in html for typed in data.values() if typed)
    org.refresh_from_db()
    assert (org.keep_mentions_months, org.keep_inbox_months) == (12, 24)


def test_someone_else_cannot_change_the_periods(client, people, org):
    client.force_login(people["communications"])
    response = client.post(reverse("retention"), {"keep_photos_days": 1})
    assert response.status_code == 403
    org.refresh_from_db()
    assert org.keep_photos_days == 30


def test_the_register_notes_the_day_its_outcome_was_written_down(org, people, clock):
    entry = Conversation.objects.create(organisation=org, employee=people["employee"], post="x", conversation="x")
    assert entry.outcome_on is None
    entry.outcome = "Training gevolgd"
    entry.save()
    assert entry.outcome_on == date(2027, 6, 15)
    entry.outcome = ""
    entry.save()
    assert entry.outcome_on is None
