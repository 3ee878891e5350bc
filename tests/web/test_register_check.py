"""The register of conversations refuses client data, as it promises; the live check shows the same findings."""

import json

import pytest
from django.urls import reverse

from deelwijs.webcare.models import Conversation


def entry_data(people, **fields):
    return {
        "employee": people["employee"].pk,
        "post": "Een foto van een bewoner in de huiskamer, op Facebook gezet.",
        "severity": "unaware",
        "held_on": "2026-11-20",
        "conversation": "Besproken waarom dat niet kan; de foto is verwijderd.",
        **fields,
    }


@pytest.mark.parametrize("role", ["manager", "communications"])
@pytest.mark.parametrize(
    "field, text",
    [
        ("post", "Foto van mevrouw Jansen op kamer 12 op Facebook."),
        ("conversation", "Hij noemde mevrouw Jansen op kamer 12 bij naam."),
        ("follow_up", "Excuses aanbieden aan de familie van meneer De Vries, kamer 4."),
        ("outcome", "BSN 111222333 stond erin; verwijderd."),
    ],
)
def test_the_register_refuses_client_data_in_every_text(client, people, role, field, text):
    client.force_login(people[role])
    response = client.post(reverse("conversation_new"), entry_data(people, **{field: text}))
    assert response.status_code == 200 and not Conversation.objects.exists()
    errors = response.context["form"].errors[field]
    assert "nooit gegevens van cliënten" in errors[0]
    assert text in response.content.decode()  # what was typed stays, to be changed


def test_describing_the_post_without_who_it_was_is_fine(client, people):
    client.force_login(people["manager"])
    response = client.post(reverse("conversation_new"), entry_data(people))
    assert response.status_code == 302 and Conversation.objects.count() == 1


def test_editing_an_entry_refuses_client_data_too(client, people, org):
    entry = Conversation.objects.create(
        organisation=org,
        employee=people["employee"],
        recorded_by=people["manager"],
        post="Foto met bewoner",
        conversation="Besproken",
    )
    client.force_login(people["manager"])
    data = {**entry_data(people, outcome="Mevrouw Jansen van kamer 12 is ingelicht."), "employee": ""}
    response = client.post(reverse("conversation", args=[entry.pk]), data)
    html = response.content.decode()
    assert response.status_code == 200 and "nooit gegevens van cliënten" in html and "<details open>" in html
    entry.refresh_from_db()
    assert entry.outcome == ""


def test_the_register_form_has_the_live_check(client, people):
    client.force_login(people["manager"])
    html = client.get(reverse("conversation_new")).content.decode()
    assert html.count('data-purpose="record"') == 4 and "js/check.js" in html


def test_the_live_check_for_a_record_shows_only_client_data(client, people):
    client.force_login(people["manager"])
    url = reverse("check_api")
    text = "Medewerker zette een foto van mevrouw Jansen op kamer 12 op Facebook."
    record = client.post(url, {"text": text, "network": "linkedin", "purpose": "record"}, "application/json").json()
    post = client.post(url, {"text": text, "network": "linkedin"}, "application/json").json()
    assert {f["rule"] for f in record["findings"]} == {"privacy.client"} and record["nudges"] == []
    assert {f["category"] for f in post["findings"]} > {"client_privacy"}  # the post check finds more
    quiet = {"text": "Een foto van een bewoner, op Facebook.", "network": "linkedin", "purpose": "record"}
    assert client.post(url, json.dumps(quiet), "application/json").json()["findings"] == []


def test_the_story_form_has_the_live_check(client, people):
    client.force_login(people["volunteer"])
    html = client.get(reverse("story_new")).content.decode()
    assert 'data-live-check="/delen/controle/"' in html and 'data-network-field="networks"' in html
    assert 'id="story-findings"' in html and "js/check.js" in html
