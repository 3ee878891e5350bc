from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from deelwijs.orgs.models import Notification, Team
from deelwijs.orgs.tenancy import organisation_scope
from deelwijs.webcare import domain
from deelwijs.webcare.demo import install_templates
from deelwijs.webcare.models import Conversation, ConversationView, InboxEvent, InboxItem, ResponseTemplate

from ..conftest import make_person


def mention(org, text="Zorggroep Test: lange wachtlijst", **fields):
    return InboxItem.objects.create(organisation=org, text=text, **{"kind": "mention", "author": "@iemand", **fields})


# Reporting a signal
def test_anyone_reports_a_signal_and_follows_it(client, people, org):
    client.force_login(people["volunteer"])
    response = client.post(reverse("report_signal"), {"url": "", "description": "", "urgency": "high"})
    assert "Dit veld is verplicht" in response.content.decode()
    response = client.post(
        reverse("report_signal"),
        {
            "url": "facebook.com/groups/apeldoorn/1",
            "description": "Iemand zegt dat er 's nachts niemand is.",
            "urgency": "high",
        },
    )
    assert response.url == reverse("my_signals")
    item = InboxItem.objects.get()
    assert (item.kind, item.priority, item.reporter, item.url) == (
        "signal",
        "high",
        people["volunteer"],
        "https://facebook.com/groups/apeldoorn/1",
    )
    assert timedelta(hours=3, minutes=59) < item.due_at - item.created <= timedelta(hours=4)
    assert Notification.objects.filter(person=people["webcare"]).exists()
    client.force_login(people["webcare"])
    client.post(
        reverse("inbox_item", args=[item.pk]),
        {
            "update": "1",
            "status": "answered",
            "priority": "high",
            "assigned_to": people["webcare"].pk,
            "note": "Intern",
            "feedback": "We hebben gereageerd in de groep.",
        },
    )
    client.force_login(people["volunteer"])
    html = client.get(reverse("my_signals")).content.decode()
    assert "Beantwoord" in html and "We hebben gereageerd in de groep." in html and "Intern" not in html
    assert Notification.objects.filter(person=people["volunteer"]).exists()


def test_a_screenshot_loses_its_location_data(client, people):
    from PIL import Image as PILImage

    from .test_images import photo_with_gps

    client.force_login(people["employee"])
    client.post(reverse("report_signal"), {"description": "Zie de foto", "urgency": "low", "photo": photo_with_gps()})
    with PILImage.open(InboxItem.objects.get().screenshot.large.path) as stored:
        assert not stored.getexif()


# The inbox
def test_the_inbox_shows_open_items_overdue_first_and_bounded_queries(
    client, people, org, django_assert_max_num_queries
):
    late = mention(org, "Te laat", priority="urgent", created=timezone.now() - timedelta(hours=2))
    mention(org, "Op tijd", priority="low")
    mention(org, "Klaar", status="closed")
    client.force_login(people["webcare"])
    response = client.get(reverse("inbox"))
    items = list(response.context["items"])
    assert [i.text for i in items] == ["Te laat", "Op tijd"] and items[0].overdue
    assert "Te laat" in response.content.decode() and 'class="overdue"' in response.content.decode()
    for n in range(30):
        mention(org, f"Nog een {n}", reporter=people["employee"], kind="signal")
    with django_assert_max_num_queries(15):
        client.get(reverse("inbox"))
    assert late in InboxItem.objects.filter(status="new")


def test_priority_sets_the_due_time_and_every_change_is_logged(client, people, org):
    item = mention(org)
    client.force_login(people["webcare"])
    client.post(
        reverse("inbox_item", args=[item.pk]),
        {
            "update": "1",
            "status": "in_progress",
            "priority": "urgent",
            "assigned_to": people["communications"].pk,
            "note": "",
        },
    )
    item.refresh_from_db()
    assert item.due_at == item.created + timedelta(hours=1)
    assert (item.status, item.assigned_to) == ("in_progress", people["communications"])
    events = list(InboxEvent.objects.filter(item=item).values_list("text", flat=True))
    assert any("Toegewezen aan" in e for e in events) and any("Prioriteit" in e for e in events)
    assert Notification.objects.filter(person=people["communications"]).exists()


def test_a_template_answer_is_checked_before_it_can_be_copied(client, people, org):
    install_templates(org)
    item = mention(org, author="Marloes")
    client.force_login(people["webcare"])
    template = ResponseTemplate.objects.get(title="Bedankt voor je compliment")
    html = client.get(reverse("inbox_item", args=[item.pk]) + f"?template={template.pk}").content.decode()
    assert "Dank je wel Marloes" in html
    response = client.post(reverse("check_answer", args=[item.pk]), {"text": "Dank je wel Marloes, fijn!"})
    assert response.context["copyable"] == "Dank je wel Marloes, fijn!"
    blocked = "Mevrouw Jansen van kamer 12 heeft BSN 111222333, ze maakt het goed."
    response = client.post(reverse("check_answer", args=[item.pk]), {"text": blocked})
    assert response.context["report"].blocked and not response.context["copyable"]
    assert "copy-text" not in response.content.decode()


def test_escalation_to_a_manager_lets_them_see_and_note(client, people, org):
    item = mention(org)
    client.force_login(people["webcare"])
    response = client.post(reverse("escalate", args=[item.pk]), {"to": "manager", "reason": "Loopt uit de hand"})
    assert "Kies de leidinggevende" in response.content.decode()
    client.post(
        reverse("escalate", args=[item.pk]),
        {"to": "manager", "manager": people["manager"].pk, "reason": "Loopt uit de hand"},
    )
    item.refresh_from_db()
    assert (item.status, item.escalated_person) == ("escalated", people["manager"])
    assert Notification.objects.filter(person=people["manager"], text__contains="Loopt uit de hand").exists()
    client.force_login(people["manager"])
    assert client.get(reverse("inbox_item", args=[item.pk])).status_code == 200
    client.post(reverse("inbox_item", args=[item.pk]), {"note_only": "1", "note": "Ik bel haar vandaag."})
    assert InboxEvent.objects.filter(item=item, text="Ik bel haar vandaag.").exists()
    assert (
        client.post(
            reverse("inbox_item", args=[item.pk]), {"update": "1", "status": "closed", "priority": "low"}
        ).status_code
        == 403
    )
    client.force_login(people["employee"])
    assert client.get(reverse("inbox_item", args=[item.pk])).status_code == 404


def test_escalation_to_communications_tells_communications(client, people, org):
    item = mention(org)
    client.force_login(people["webcare"])
    client.post(reverse("escalate", args=[item.pk]), {"to": "communications", "reason": "Pers belt"})
    assert Notification.objects.filter(person=people["communications"], text__contains="Pers belt").exists()


def test_themes_leave_out_stop_words_and_our_own_name(org):
    for text in (
        "Zorggroep Test heeft een lange wachtlijst voor de dagbesteding",
        "De wachtlijst voor de dagbesteding is een probleem",
        "Wachtlijst dagbesteding, en nu?",
    ):
        mention(org, text)
    result = domain.themes(org, 7)
    words = dict(result["words"])
    assert words["wachtlijst"] == 3 and words["dagbesteding"] == 3
    assert "de" not in words and "voor" not in words and "zorggroep" not in words
    assert ("wachtlijst dagbesteding", 1) not in result["phrases"]


def test_the_overview_page(client, people, org):
    mention(org, "Wachtlijst dagbesteding")
    client.force_login(people["webcare"])
    html = client.get(reverse("webcare_overview")).content.decode()
    assert "wachtlijst" in html and "<svg" in html and "@iemand" in html


def test_communications_adds_a_source_and_terms(client, people, org):
    client.force_login(people["communications"])
    response = client.post(
        reverse("source_new"),
        {
            "name": "Bluesky",
            "kind": "bluesky",
            "url": "https://public.api.bsky.app",
            "query": "",
            "interval_minutes": 2,
            "active": "on",
        },
    )
    errors = response.context["form"].errors
    assert "query" in errors and "interval_minutes" in errors
    client.post(reverse("sources"), {"monitor_terms": "Lindehof\nDe Linde"})
    org.refresh_from_db()
    assert "De Linde" in domain.watch_terms(org)
    client.force_login(people["webcare"])
    assert client.post(reverse("sources"), {"monitor_terms": "x"}).status_code == 403


# The register
@pytest.fixture
def entry(org, people):
    return Conversation.objects.create(
        organisation=org,
        employee=people["employee"],
        recorded_by=people["manager"],
        post="Foto met bewoner",
        conversation="Besproken",
        severity="unaware",
    )


@pytest.mark.parametrize(
    "role, sees",
    [
        ("employee", True),  # about themselves
        ("manager", True),  # recorded it, and manages the employee
        ("administrator", True),
        ("communications", False),  # did not record it
        ("webcare", False),
        ("ambassador", False),
        ("volunteer", False),
        ("client", False),
    ],
)
def test_who_may_read_a_register_entry(client, people, entry, role, sees):
    client.force_login(people[role])
    response = client.get(reverse("conversation", args=[entry.pk]))
    assert response.status_code == (200 if sees else 403)
    listed = entry in client.get(reverse("register")).context["entries"]
    assert listed == sees
    assert ConversationView.objects.filter(conversation=entry, viewer=people[role]).exists() == sees


def test_another_manager_of_the_employee_may_read_it_but_not_edit(client, people, org, entry):
    other = make_person(org, "manager", email="tweede@test.test")
    Team.objects.get(name="Wijkteam").managers.add(other)
    client.force_login(other)
    response = client.get(reverse("conversation", args=[entry.pk]))
    assert response.status_code == 200 and response.context["form"] is None
    assert client.post(reverse("conversation", args=[entry.pk]), {"outcome": "x"}).status_code == 403


def test_every_reading_is_logged_and_shown_to_the_recorder(client, people, entry):
    client.force_login(people["employee"])
    client.get(reverse("conversation", args=[entry.pk]))
    client.get(reverse("conversation", args=[entry.pk]))
    client.force_login(people["manager"])
    html = client.get(reverse("conversation", args=[entry.pk])).content.decode()
    assert ConversationView.objects.filter(conversation=entry).count() == 3
    assert html.count("Employee Test") >= 2  # the employee's two readings in the log


def test_a_manager_records_a_conversation_with_their_own_people_only(client, people, org):
    outsider = make_person(org, "employee", email="buiten@test.test")  # in no team of this manager
    client.force_login(people["manager"])
    response = client.post(
        reverse("conversation_new"),
        {"employee": outsider.pk, "post": "x", "severity": "unaware", "held_on": "2026-11-20", "conversation": "y"},
    )
    assert "employee" in response.context["form"].errors
    response = client.post(
        reverse("conversation_new"),
        {
            "employee": people["employee"].pk,
            "post": "Link naar post",
            "severity": "serious",
            "held_on": "2026-11-20",
            "conversation": "Formele waarschuwing gegeven.",
        },
    )
    entry = Conversation.objects.get()
    assert response.url == reverse("conversation", args=[entry.pk]) and entry.recorded_by == people["manager"]
    assert Notification.objects.filter(person=people["employee"]).exists()


def test_an_update_or_escalation_that_fails_halfway_changes_nothing(people, org, monkeypatch):
    from deelwijs.orgs.tenancy import organisation_scope
    from deelwijs.webcare import domain

    item = mention(org)

    def broken(*args, **kwargs):
        raise RuntimeError("mail server gone")

    monkeypatch.setattr(domain, "notify", broken)
    with organisation_scope(org):
        with pytest.raises(RuntimeError):
            domain.update(people["webcare"], item, status=InboxItem.IN_PROGRESS, assigned_to=people["communications"])
        with pytest.raises(RuntimeError):
            domain.escalate(people["webcare"], item, InboxItem.TO_COMMUNICATIONS, reason="loopt uit de hand")
    fresh = InboxItem.objects.get(pk=item.pk)
    assert fresh.status == InboxItem.NEW and fresh.assigned_to is None and fresh.escalated_to == ""
    assert not fresh.events.exists()


# Response times, for the quarterly report
def test_an_item_is_taken_up_once_and_handled_until_it_is_reopened(people, org):
    item = mention(org)
    webcare = people["webcare"]
    domain.update(webcare, item, assigned_to=webcare)
    item.refresh_from_db()
    assert item.responded_at is None  # assigning is not a response yet
    domain.update(webcare, item, status="in_progress")
    item.refresh_from_db()
    first = item.responded_at
    assert first is not None and item.handled_at is None
    domain.update(webcare, item, status="answered")
    item.refresh_from_db()
    assert item.responded_at == first and item.handled_at is not None
    domain.update(webcare, item, status="in_progress")  # reopened: no longer handled
    item.refresh_from_db()
    assert item.handled_at is None and item.responded_at == first


def test_feedback_or_escalation_counts_as_taking_an_item_up(people, org):
    reported = mention(org, kind="signal", reporter=people["employee"])
    domain.update(people["webcare"], reported, feedback="We kijken ernaar.")
    reported.refresh_from_db()
    assert reported.responded_at is not None and reported.status == "new"
    escalated = mention(org)
    domain.escalate(people["webcare"], escalated, InboxItem.TO_COMMUNICATIONS, reason="Loopt uit de hand")
    escalated.refresh_from_db()
    assert escalated.responded_at is not None and escalated.handled_at is None


def test_the_figures_of_a_period_count_volume_response_times_and_deadlines(org, other_org):
    from datetime import date, datetime, time

    def at(day, hour):
        return timezone.make_aware(datetime.combine(day, time(hour)))

    def item(kind, created, priority="normal", responded=None, handled=None, status="answered", organisation=org):
        return InboxItem.objects.create(
            organisation=organisation,
            kind=kind,
            text="x",
            created=created,
            priority=priority,
            status=status,
            responded_at=responded and created + responded,
            handled_at=handled and created + handled,
        )

    day = date(2026, 11, 10)
    hour = timedelta(hours=1)
    item("mention", at(day, 9), responded=0.5 * hour, handled=2 * hour)  # on time (24 h)
    item("mention", at(day, 10), priority="urgent", responded=hour, handled=3 * hour)  # late (1 h)
    item("signal", at(day, 11), responded=4 * hour, handled=30 * hour)  # late (24 h)
    item("mention", at(day, 12), responded=2 * hour, status="in_progress")  # open and past its deadline
    item("mention", at(date(2026, 9, 30), 23))  # the quarter before
    item("mention", at(day, 9), organisation=other_org, responded=hour, handled=hour)  # another organisation
    with organisation_scope(org):  # as the report runs: in the organisation's scope
        figures = domain.period_figures(date(2026, 10, 1), date(2026, 12, 31))
    assert (figures["mentions"], figures["signals"], figures["total"]) == (3, 1, 4)
    assert (figures["handled"], figures["open"], figures["responded"]) == (3, 1, 4)
    assert figures["median_response"] == 1.5 * hour  # of 0.5, 1, 2 and 4 hours
    assert (figures["on_time"], figures["due"], figures["on_time_percent"]) == (1, 4, 25)
    with organisation_scope(org):
        empty = domain.period_figures(date(2025, 1, 1), date(2025, 3, 31))
    assert empty["total"] == 0 and empty["median_response"] is None and empty["on_time_percent"] is None


def test_an_open_item_before_its_deadline_is_not_counted_late(org):
    from datetime import date

    mention(org, priority="low")  # due in 72 hours
    figures = domain.period_figures(date(2000, 1, 1), date(2100, 1, 1))
    assert figures["total"] == 1 and figures["due"] == 0 and figures["on_time_percent"] is None
