"""Web Push end to end against a push service on 127.0.0.1 that decrypts what arrives (tests/web/push_service.py).

Each kind is sent from where it happens (a story decided, a reminder due, a report answered, an urgent item, an
item in the feed); the service checks the VAPID signature and decrypts the RFC 8291 payload with the device's own
keys, and the test reads the JSON. Quiet hours and the daily cap are driven with explicit times, as the worker
would meet them.
"""

import json
from datetime import datetime, time, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from deelwijs.content.models import ContentItem
from deelwijs.orgs import domain as orgs
from deelwijs.orgs.tenancy import organisation_scope
from deelwijs.planning import domain as planning
from deelwijs.planning.models import PlannedPost
from deelwijs.push import delivery, domain, tasks
from deelwijs.push.models import (
    FEED,
    REMINDER,
    STORY,
    TEST,
    URGENT,
    Announcement,
    PushDay,
    PushMessage,
    PushPreferences,
    PushSubscription,
)
from deelwijs.stories.models import Story
from deelwijs.webcare import domain as webcare
from deelwijs.webcare.models import InboxItem

from ..conftest import make_person
from . import push_service
from .test_content import item_post, make_item


@pytest.fixture
def service():
    running = push_service.start()
    yield running
    running.httpd.shutdown()
    running.httpd.server_close()


def prefer(person, **choices):
    PushPreferences.objects.update_or_create(person=person, defaults=choices)


def switch_on(person, service, status=201, key=""):
    """A device of the person, subscribed as the page's script does it (domain.subscribe). Without quiet hours,
    so a test that sends now gets the same at any hour it runs; the tests of quiet hours set their own."""
    device = service.device(status)
    domain.subscribe(person, device.endpoint, device.p256dh, device.auth, device="Chrome op Android", key=key)
    if not PushPreferences.objects.filter(person=person).exists():
        prefer(person, quiet_start=time(0), quiet_end=time(0))
    return device


def local(day, hour, minute=0):
    """A moment in Amsterdam time: quiet hours are local."""
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


TOMORROW = timezone.localdate() + timedelta(days=1)


# The protocol: what reaches the push service, and how
def test_a_push_arrives_encrypted_for_the_device_and_signed_with_the_servers_vapid_key(service, people):
    device = switch_on(people["employee"], service)
    domain.send(people["employee"], STORY, "Je verhaal", "Communicatie heeft besloten.", "/verhalen/")
    (push,) = service.received
    assert push.message == {"title": "Je verhaal", "body": "Communicatie heeft besloten.", "url": "/verhalen/"}
    assert push.device is device and push.vapid_key == delivery.public_key()
    assert push.claims["aud"] == service.origin and push.claims["sub"].startswith("mailto:")
    assert push.headers["Urgency"] == "normal" and 60 <= int(push.headers["TTL"]) <= 24 * 3600
    assert not service.refused
    assert not PushMessage.objects.exists()  # sent, and gone
    subscription = PushSubscription.objects.get()
    assert subscription.last_used is not None


def test_every_device_of_the_person_gets_it_and_nobody_else(service, people):
    phone, laptop = switch_on(people["employee"], service), switch_on(people["employee"], service)
    colleague = switch_on(people["ambassador"], service)
    domain.send(people["employee"], STORY, "Je verhaal", "Besloten.", "/verhalen/")
    assert {push.device.endpoint for push in service.received} == {phone.endpoint, laptop.endpoint}
    assert not service.messages(colleague)
    assert PushDay.objects.get(person=people["employee"]).sent == 1  # one push, however many devices


def test_nothing_is_made_for_someone_without_a_device_or_who_turned_the_kind_off(service, people):
    assert domain.send(people["employee"], STORY, "Je verhaal", "Besloten.", "/verhalen/") is None
    switch_on(people["employee"], service)
    prefer(people["employee"], wants_story=False)
    assert domain.send(people["employee"], STORY, "Je verhaal", "Besloten.", "/verhalen/") is None
    assert domain.send(people["employee"], FEED, "Nieuw om te delen", "Open dag", "/delen/") is not None
    assert len(service.received) == 1


def test_a_closed_account_gets_nothing(service, people):
    switch_on(people["employee"], service)
    people["employee"].is_active = False
    people["employee"].save(update_fields=["is_active"])
    assert domain.send(people["employee"], STORY, "Je verhaal", "Besloten.", "/verhalen/") is None


def test_the_texts_are_cut_to_fit_a_notification(service, people):
    switch_on(people["employee"], service)
    domain.send(people["employee"], FEED, "T" * 500, "B" * 900, "/delen/")
    (message,) = service.messages()
    assert len(message["title"]) == 100 and len(message["body"]) == 200


# Each kind, from where it happens
def test_the_decision_on_a_story_reaches_its_author_without_the_feedback(client, service, people, org):
    device = switch_on(people["employee"], service)
    story = Story.objects.create(organisation=org, author=people["employee"], text="Wij wandelden.", networks="x")
    client.force_login(people["communications"])
    url = reverse("story_decide", kwargs={"pk": story.pk, "action": "approve"})
    response = client.post(url, {"text": story.text, "feedback": "Mooi, mevrouw Jansen staat er goed op."})
    assert response.status_code == 302
    (message,) = service.messages(device)
    assert message == {
        "title": "Jouw verhaal",
        "body": "Communicatie heeft je verhaal goedgekeurd. Dank je wel!",
        "url": reverse("my_stories"),
    }
    assert "Jansen" not in json.dumps(message)


def test_a_reminder_reaches_the_responsible_person_with_the_time_and_not_the_title(service, people, org):
    device = switch_on(people["ambassador"], service)
    soon = timezone.now() + timedelta(hours=2)
    post = PlannedPost.objects.create(
        organisation=org,
        title="Bezoek van wethouder Pietersen",
        status=PlannedPost.DRAFT,
        scheduled_at=soon,
        responsible=people["ambassador"],
        remind_hours=3,
    )
    assert planning.send_reminders() == 1
    (message,) = service.messages(device)
    assert message["title"] == "Herinnering" and timezone.localtime(soon).strftime("%H:%M") in message["body"]
    assert message["url"] == reverse("post_edit", kwargs={"pk": post.pk}) and "Pietersen" not in message["body"]


def test_an_answer_to_a_report_reaches_the_reporter(service, people, org):
    device = switch_on(people["volunteer"], service)
    with organisation_scope(org):
        item = webcare.report_signal(people["volunteer"], "", "Iemand schreef iets naars over kamer 4.", "normal")
        webcare.update(people["webcare"], item, feedback="We hebben gereageerd, dank je.")
    (message,) = service.messages(device)
    assert message["title"] == "Je melding" and message["url"] == reverse("my_signals")
    assert "kamer 4" not in message["body"] and "gereageerd" not in message["body"]


def test_a_report_that_cannot_wait_reaches_webcare_at_once_and_others_do_not(client, service, people):
    device = switch_on(people["webcare"], service)
    client.force_login(people["employee"])
    client.post(reverse("report_signal"), {"description": "Een bewoner op een foto.", "urgency": "normal"})
    assert not service.received
    # "Now: it is spreading or it hurts someone", the most urgent a colleague can choose.
    client.post(reverse("report_signal"), {"description": "Er wordt gedreigd.", "urgency": "high"})
    (push,) = service.received
    item = InboxItem.objects.get(priority="high")
    assert push.device is device and push.headers["Urgency"] == "high"
    assert push.message["title"] == "Urgent bij webcare"
    assert push.message["url"] == reverse("inbox_item", args=[item.pk]) and "gedreigd" not in push.message["body"]


def test_an_item_made_urgent_reaches_the_other_webcare_people(service, org, people):
    colleague = make_person(org, "webcare", email="webcare2@test.test")
    mine, theirs = switch_on(people["webcare"], service), switch_on(colleague, service)
    with organisation_scope(org):
        item = webcare.report_signal(people["employee"], "", "Een nare reactie.", "normal")
        webcare.update(people["webcare"], item, priority="urgent")
    assert service.messages(theirs) and not service.messages(mine)


def test_a_published_item_reaches_the_people_it_is_meant_for_once(client, service, people):
    employee, client_device = switch_on(people["employee"], service), switch_on(people["client"], service)
    client.force_login(people["communications"])
    starts = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
    response = client.post(reverse("item_new"), item_post(people, [("linkedin", "Kom ook!")], starts_at=starts))
    assert response.status_code == 302
    item = ContentItem.objects.get()
    (message,) = service.messages(employee)
    assert message == {"title": "Nieuw om te delen", "body": "Open dag", "url": reverse("share", args=[item.pk])}
    assert not service.messages(client_device)  # an item without roles is for staff
    client.post(reverse("item_edit", args=[item.pk]), item_post(people, [], starts_at=starts, title="Open dag!"))
    assert len(service.received) == 1  # changing it is no news


def test_an_item_planned_for_later_is_announced_by_the_job_when_its_time_comes(service, people, org):
    device = switch_on(people["employee"], service)
    later = make_item(org, "Straks", starts_at=timezone.now() + timedelta(minutes=2))
    from deelwijs.content.tasks import announce_feed_items

    assert announce_feed_items.call() == 0
    ContentItem.objects.filter(pk=later.pk).update(starts_at=timezone.now() - timedelta(minutes=1))
    make_item(org, "Oud nieuws", starts_at=timezone.now() - timedelta(days=3))  # went live long ago: no news
    assert announce_feed_items.call() == 1
    assert [m["body"] for m in service.messages(device)] == ["Straks"]
    assert announce_feed_items.call() == 0 and Announcement.objects.count() == 1


@pytest.fixture
def queue(settings):
    """Tasks recorded, not run: what a request or a job leaves for the worker."""
    from django_tasks import default_task_backend

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    default_task_backend.clear()
    yield default_task_backend
    default_task_backend.clear()


@pytest.mark.parametrize("roles", [("employee",), ("employee", "ambassador", "manager", "webcare")])
def test_an_announcement_to_many_takes_the_same_queries_for_few_or_many(
    service, org, people, queue, django_assert_num_queries, roles
):
    for role in roles:
        switch_on(people[role], service)
    with organisation_scope(org):
        everyone = org.people.all()
        # The marker (insert in a savepoint), the people with their preferences, the messages in one insert.
        with django_assert_num_queries(5):
            made = domain.send_to_many(org, everyone, FEED, "Nieuw", "Open dag", "/delen/", key="item:1")
    assert made == len(roles) == PushMessage.objects.count()
    (task,) = queue.results
    assert task.task.module_path == "deelwijs.push.tasks.deliver" and len(task.args[1]) == len(roles)


# Quiet hours
def test_a_push_in_the_quiet_hours_waits_for_their_end(service, people):
    switch_on(people["employee"], service)
    PushPreferences.objects.filter(person=people["employee"]).delete()  # the defaults: quiet from 22:00 to 07:00
    message = domain.send(people["employee"], STORY, "Je verhaal", "Besloten.", "/verhalen/", now=local(TOMORROW, 23))
    assert message.due_at == local(TOMORROW + timedelta(days=1), 7) and not service.received
    assert delivery.due(now=local(TOMORROW + timedelta(days=1), 6, 59)) == []
    ids = delivery.due(now=local(TOMORROW + timedelta(days=1), 7))
    assert ids == [message.pk]
    assert delivery.deliver(ids, now=local(TOMORROW + timedelta(days=1), 7)) == 1
    assert service.messages()[0]["body"] == "Besloten."


def test_the_scheduled_job_sends_what_is_due(service, people):
    switch_on(people["employee"], service)
    PushPreferences.objects.filter(person=people["employee"]).delete()  # the defaults: quiet from 22:00 to 07:00
    message = domain.send(people["employee"], STORY, "Je verhaal", "Besloten.", "/verhalen/", now=local(TOMORROW, 23))
    PushMessage.objects.filter(pk=message.pk).update(due_at=timezone.now() - timedelta(minutes=1))
    prefer(people["employee"], quiet_start=time(0), quiet_end=time(0))
    assert tasks.send_due_pushes.call() == 1
    assert len(service.received) == 1 and not PushMessage.objects.exists()


@pytest.mark.parametrize(
    "start, end, hour, quiet_until",
    [
        (time(22), time(7), 23, (1, 7)),  # past midnight: until tomorrow morning
        (time(22), time(7), 3, (0, 7)),  # after midnight: until this morning
        (time(22), time(7), 12, None),
        (time(22), time(7), 7, None),  # the end itself is no longer quiet
        (time(12), time(14), 13, (0, 14)),  # a quiet lunch
        (time(12), time(14), 15, None),
        (time(8), time(8), 8, None),  # the same time twice: no quiet hours
    ],
)
def test_quiet_hours_in_amsterdam_time(people, start, end, hour, quiet_until):
    preferences = PushPreferences(person=people["employee"], quiet_start=start, quiet_end=end)
    expected = local(TOMORROW + timedelta(days=quiet_until[0]), quiet_until[1]) if quiet_until else None
    assert delivery.quiet_until(preferences, local(TOMORROW, hour)) == expected


def test_a_reminder_for_a_post_due_in_the_quiet_hours_is_dropped_and_never_arrives_late(service, people):
    switch_on(people["ambassador"], service)
    PushPreferences.objects.filter(person=people["ambassador"]).delete()  # the defaults: quiet from 22:00 to 07:00
    night, early = local(TOMORROW, 23), local(TOMORROW + timedelta(days=1), 6)
    reminder = domain.send(people["ambassador"], REMINDER, "Herinnering", "Om 06:00.", "/", expires_at=early, now=night)
    assert reminder is None
    # Held for the morning, its post moved earlier: dropped when its time has passed.
    held = domain.send(people["ambassador"], STORY, "Je verhaal", "x", "/", now=night)
    PushMessage.objects.filter(pk=held.pk).update(expires_at=early)
    assert delivery.deliver([held.pk], now=local(TOMORROW + timedelta(days=1), 7)) == 0
    assert not service.received and not PushMessage.objects.exists()


def test_quiet_hours_changed_since_hold_a_due_push_once_more(service, people):
    switch_on(people["employee"], service)
    message = domain.send(people["employee"], STORY, "Je verhaal", "x", "/", now=local(TOMORROW, 12))
    prefer(people["employee"], quiet_start=time(11), quiet_end=time(13))
    PushMessage.objects.filter(pk=message.pk).update(due_at=local(TOMORROW, 12), sending=False)
    assert delivery.deliver([message.pk], now=local(TOMORROW, 12)) == 0
    message.refresh_from_db()
    assert message.due_at == local(TOMORROW, 13) and not message.sending and not service.received


def test_a_test_notification_comes_at_once_also_at_night(service, people):
    switch_on(people["employee"], service)
    PushPreferences.objects.filter(person=people["employee"]).delete()  # the defaults: quiet from 22:00 to 07:00
    assert domain.send(people["employee"], TEST, "Deelwijs", "Proef", "/", now=local(TOMORROW, 23)).due_at == local(
        TOMORROW, 23
    )


def test_feed_items_held_overnight_become_one_push_in_the_morning(service, people):
    switch_on(people["employee"], service)
    PushPreferences.objects.filter(person=people["employee"]).delete()  # the defaults: quiet from 22:00 to 07:00
    night = local(TOMORROW, 23)
    for title in ("Open dag", "Nieuwe collega", "Zomerfeest"):
        domain.send(people["employee"], FEED, "Nieuw om te delen", title, "/delen/1/", now=night)
    domain.send(people["employee"], STORY, "Je verhaal", "Besloten.", "/verhalen/", now=night)
    morning = local(TOMORROW + timedelta(days=1), 7, 5)
    assert delivery.deliver(delivery.due(morning), now=morning) == 2
    bodies = sorted(m["body"] for m in service.messages())
    assert bodies == ["3 nieuwe items om te delen", "Besloten."]
    assert {m["url"] for m in service.messages()} == {reverse("feed"), "/verhalen/"}


# The daily cap
def test_the_daily_cap_stops_the_pushes_of_a_day_and_the_next_day_starts_again(service, people):
    switch_on(people["employee"], service)
    prefer(people["employee"], daily_cap=2)
    day, next_day = local(TOMORROW, 10), local(TOMORROW + timedelta(days=1), 10)
    for n in range(3):
        message = domain.send(people["employee"], FEED, "Nieuw", f"Item {n}", "/delen/", now=day)
        delivery.deliver([message.pk], now=day)
    assert [m["body"] for m in service.messages()] == ["Item 0", "Item 1"]
    assert not PushMessage.objects.exists()  # the third was dropped: the notification in the app stays
    message = domain.send(people["employee"], URGENT, "Urgent in webcare", "Nu.", "/", now=day)
    delivery.deliver([message.pk], now=day)  # an urgent item passes a full day
    message = domain.send(people["employee"], FEED, "Nieuw", "Morgen", "/delen/", now=next_day)
    delivery.deliver([message.pk], now=next_day)
    assert [m["body"] for m in service.messages()][2:] == ["Nu.", "Morgen"]


def test_the_cap_is_one_conditional_update_so_workers_never_pass_it_together(people):
    person, now = people["employee"], local(TOMORROW, 10)
    assert [delivery._count(person, now, 3) for _ in range(5)] == [True, True, True, False, False]
    assert PushDay.objects.get(person=person).sent == 3


def test_a_push_no_device_took_is_not_counted(service, people):
    switch_on(people["employee"], service, status=500)
    domain.send(people["employee"], STORY, "Je verhaal", "x", "/")
    assert PushDay.objects.get(person=people["employee"]).sent == 0


# What the push service answers
@pytest.mark.parametrize("status", [404, 410])
def test_a_device_the_push_service_says_is_gone_is_removed(service, people, status):
    gone, kept = switch_on(people["employee"], service, status=status), switch_on(people["employee"], service)
    domain.send(people["employee"], STORY, "Je verhaal", "x", "/")
    assert list(PushSubscription.objects.values_list("endpoint", flat=True)) == [kept.endpoint]
    assert gone.endpoint not in {push.device.endpoint for push in service.received}


def test_a_failing_push_service_keeps_the_device_and_breaks_nothing(service, people):
    switch_on(people["employee"], service, status=500)
    domain.send(people["employee"], STORY, "Je verhaal", "x", "/")
    assert PushSubscription.objects.count() == 1


def test_an_endpoint_on_a_private_address_is_refused_by_the_door_out(service, people, settings):
    settings.OUTBOUND_ALLOWED_HOSTS = []  # now 127.0.0.1 is the private address it is
    switch_on(people["employee"], service)
    domain.send(people["employee"], STORY, "Je verhaal", "x", "/")
    assert not service.received and PushSubscription.objects.count() == 1


def test_a_dead_push_service_costs_the_request_nothing_but_a_task(people, queue, service):
    switch_on(people["employee"], service)
    domain.send(people["employee"], STORY, "Je verhaal", "x", "/")
    (result,) = queue.results
    assert result.task.module_path == "deelwijs.push.tasks.deliver" and not service.received


# Devices end: signing out, someone else signing in, closing the account, a person's own list
def test_signing_out_removes_this_browsers_device_and_clears_the_site(client, service, people):
    client.force_login(people["employee"])
    device = service.device()
    client.post(reverse("push_subscribe"), {"endpoint": device.endpoint, "p256dh": device.p256dh, "auth": device.auth})
    other_browser = switch_on(people["employee"], service, key=domain.device_key("een-andere-browser-0123456789"))
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert response["Clear-Site-Data"] == '"cache", "storage"'
    assert list(PushSubscription.objects.values_list("endpoint", flat=True)) == [other_browser.endpoint]


def test_a_session_that_ends_by_itself_keeps_the_device(client, service, people, org):
    client.force_login(people["employee"])
    device = service.device()
    client.post(reverse("push_subscribe"), {"endpoint": device.endpoint, "p256dh": device.p256dh, "auth": device.auth})
    org.session_idle_minutes = 5
    org.save(update_fields=["session_idle_minutes"])
    session = client.session
    session["deelwijs_last_seen"] -= 3600
    session.save()
    assert client.get(reverse("home")).url.startswith(reverse("login"))
    assert PushSubscription.objects.count() == 1


def test_someone_else_signing_in_on_the_browser_takes_it_over(client, service, people):
    client.force_login(people["employee"])
    device = service.device()
    client.post(reverse("push_subscribe"), {"endpoint": device.endpoint, "p256dh": device.p256dh, "auth": device.auth})
    assert PushSubscription.objects.get().person == people["employee"]
    cookie = client.cookies[domain.DEVICE_COOKIE].value
    client.logout()  # the session ended (on a ward PC: by itself), the browser keeps its cookie
    client.cookies[domain.DEVICE_COOKIE] = cookie
    people["ambassador"].set_password("test-password-123")
    people["ambassador"].save()
    client.post(reverse("login"), {"username": people["ambassador"].email, "password": "test-password-123"})
    assert not PushSubscription.objects.exists()


def test_the_same_browser_subscribed_by_someone_else_moves_to_them(service, people, outsider):
    device = switch_on(people["employee"], service)
    domain.subscribe(outsider, device.endpoint, device.p256dh, device.auth)
    assert PushSubscription.objects.get().person == outsider


def test_closing_an_account_removes_its_devices_and_says_so(client, service, people, org):
    switch_on(people["employee"], service)
    switch_on(people["employee"], service)
    client.force_login(people["administrator"])
    page = client.get(reverse("person_close", args=[people["employee"].pk])).content.decode()
    assert "2 apparaten krijgen geen meldingen meer." in page
    with organisation_scope(org):
        orgs.close_account(people["administrator"], people["employee"])
    assert not PushSubscription.objects.exists()


def test_a_person_keeps_at_most_ten_devices_the_least_used_goes(service, people):
    used, unused = switch_on(people["employee"], service), switch_on(people["employee"], service)
    long_ago = timezone.now() - timedelta(days=9)
    PushSubscription.objects.filter(endpoint=used.endpoint).update(created=long_ago, last_used=timezone.now())
    PushSubscription.objects.filter(endpoint=unused.endpoint).update(created=long_ago + timedelta(days=1))
    for _ in range(9):
        switch_on(people["employee"], service)
    assert PushSubscription.objects.count() == 10
    assert PushSubscription.objects.filter(endpoint=used.endpoint).exists()
    assert not PushSubscription.objects.filter(endpoint=unused.endpoint).exists()


def test_the_device_label_names_browser_and_system_and_keeps_no_user_agent():
    android = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/131.0 Mobile Safari/537.36"
    iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 Version/17.5 Safari/604.1"
    firefox = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0"
    assert domain.device_label(android) == "Chrome op Android"
    assert domain.device_label(iphone) == "Safari op iPhone"
    assert domain.device_label(firefox) == "Firefox op Windows"
    assert domain.device_label("") == "Onbekend apparaat"


def test_mail_is_still_sent_beside_a_push(client, service, people, org):
    switch_on(people["employee"], service)
    story = Story.objects.create(organisation=org, author=people["employee"], text="Wij wandelden.", networks="x")
    client.force_login(people["communications"])
    client.post(reverse("story_decide", kwargs={"pk": story.pk, "action": "approve"}), {"text": story.text})
    assert len(mail.outbox) == 1 and len(service.received) == 1


def test_without_a_vapid_key_nothing_is_made(service, people, org, settings):
    switch_on(people["employee"], service)
    settings.DEELWIJS_VAPID_PRIVATE_KEY = ""
    assert domain.send(people["employee"], STORY, "Je verhaal", "x", "/") is None
    assert domain.send_to_many(org, org.people.all(), FEED, "Nieuw", "x", "/delen/", key="item:9") == 0
    assert not PushMessage.objects.exists() and not service.received
