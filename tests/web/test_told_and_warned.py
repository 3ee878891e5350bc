"""People hear what was decided, communications hears when an item reaches nobody, and a hook day's idea stays."""

import pytest
from django.core import mail
from django.urls import reverse

from deelwijs.accounts.models import CorporateAccount
from deelwijs.content.models import ContentItem
from deelwijs.orgs.models import Location, Notification, Team
from deelwijs.planning.models import OwnHookDay, PlannedPost

from .test_content import item_post


def page_request(client, people, org, status="intake"):
    from deelwijs.accounts.models import LocationPageRequest

    return LocationPageRequest.objects.create(
        organisation=org,
        requested_by=people["employee"],
        platform="facebook",
        name="Dagbesteding De Linde",
        purpose="Activiteiten laten zien",
        audience="Familie",
        editors="Kees en Ans",
        status=status,
    )


def step(client, request_, name, data):
    return client.post(reverse("page_request_step", kwargs={"pk": request_.pk, "step": name}), data)


# The location page's requester
@pytest.mark.parametrize(
    "decision, note, told",
    [
        ("approve", "", "heeft je aanvraag voor de pagina “Dagbesteding De Linde” goedgekeurd"),
        ("refuse", "Er is al een pagina voor de hele locatie.", "besloten de pagina “Dagbesteding De Linde” niet"),
    ],
)
def test_the_requester_is_told_the_decision(client, people, org, decision, note, told):
    request_ = page_request(client, people, org)
    client.force_login(people["communications"])
    assert step(client, request_, "decide", {"decision": decision, "note": note}).status_code == 302
    message = Notification.objects.get(person=people["employee"])
    assert told in message.text and note in message.text
    assert message.link == reverse("page_request_detail", args=[request_.pk])
    assert mail.outbox[-1].to == [people["employee"].email] and told in mail.outbox[-1].body
    client.force_login(people["employee"])
    assert told in client.get(reverse("notifications")).content.decode()


def test_the_requester_is_told_when_the_page_is_registered(client, people, org):
    request_ = page_request(client, people, org, status="approved")
    client.force_login(people["communications"])
    step(client, request_, "register", {"handle": "dagbesteding-delinde", "url": "https://facebook.com/dagbesteding"})
    assert "is geregistreerd" in Notification.objects.get(person=people["employee"]).text


def test_only_communications_decides(client, people, org):
    request_ = page_request(client, people, org)
    client.force_login(people["employee"])
    assert step(client, request_, "decide", {"decision": "approve", "note": ""}).status_code == 403
    assert not Notification.objects.exists()


# An item that reaches nobody
def test_an_item_for_a_team_without_anyone_warns_on_save(client, people, org):
    empty = Team.objects.create(organisation=org, name="Nachtdienst")
    client.force_login(people["communications"])
    data = item_post(people, [("linkedin", "Mooi nieuws van ons team!")], audience_teams=[empty.pk])
    response = client.post(reverse("item_new"), data, follow=True)
    assert ContentItem.objects.exists() and "Niemand kan “Open dag” zien" in response.content.decode()


def test_an_item_for_a_team_of_clients_only_for_staff_warns_too(client, people, org):
    clients = Team.objects.create(organisation=org, name="Cliëntenraad")
    people["client"].teams.add(clients)
    client.force_login(people["communications"])
    data = item_post(people, [("linkedin", "Mooi nieuws!")], audience_teams=[clients.pk])
    assert "Niemand kan" in client.post(reverse("item_new"), data, follow=True).content.decode()
    data = item_post(people, [("linkedin", "Mooi nieuws!")], audience_teams=[clients.pk], audience_roles=["client"])
    assert "Niemand kan" not in client.post(reverse("item_new"), data, follow=True).content.decode()


def test_an_item_for_a_location_of_someones_team_does_not_warn(client, people, org):
    client.force_login(people["communications"])
    data = item_post(people, [("linkedin", "Mooi nieuws!")], audience_locations=[Location.objects.get().pk])
    assert "Niemand kan" not in client.post(reverse("item_new"), data, follow=True).content.decode()
    elsewhere = Location.objects.create(organisation=org, name="Het Anker")
    data = item_post(people, [("linkedin", "Mooi nieuws!")], audience_locations=[elsewhere.pk])
    assert "Niemand kan" in client.post(reverse("item_new"), data, follow=True).content.decode()


# A post started from a hook day
def test_a_post_started_from_a_hook_day_keeps_its_idea(client, people):
    client.force_login(people["ambassador"])
    response = client.get(reverse("post_new") + "?date=2026-11-10&hook=dag-van-de-mantelzorg")
    form = response.context["form"]
    assert form["title"].value() == "Dag van de Mantelzorg" and form["text"].value()
    assert form["text"].value() in response.content.decode()


def test_a_post_started_from_an_own_day_keeps_its_idea(client, people, org):
    day = OwnHookDay.objects.create(
        organisation=org, name="Jubileum", day="2026-06-01", description="Tien jaar De Linde"
    )
    client.force_login(people["communications"])
    response = client.get(reverse("post_new") + f"?date=2026-06-01&own={day.pk}")
    assert response.context["form"]["text"].value() == "Tien jaar De Linde"
    account = CorporateAccount.objects.create(organisation=org, platform="linkedin", handle="zorg")
    data = {
        "title": "Jubileum",
        "text": "Tien jaar De Linde",
        "account": account.pk,
        "scheduled_at": "2026-06-01T10:00",
        "status": "idea",
        "remind_hours": 24,
    }
    assert client.post(reverse("post_new") + f"?date=2026-06-01&own={day.pk}", data).status_code == 302
    assert PlannedPost.objects.get().hook_day == f"eigen-{day.pk}"
