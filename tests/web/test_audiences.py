"""Volunteers and clients are addressed as who they are, not as care staff: training, the share editor."""

import pytest
from django.urls import reverse

from deelwijs.learning.content import install_modules
from deelwijs.learning.domain import completed_basic
from deelwijs.learning.models import Answer, Module, Step
from deelwijs.orgs.roles import audience_of

from .test_content import make_item


@pytest.fixture
def modules(org):
    install_modules(org)
    return {m.number: m for m in Module.objects.filter(organisation=org)}


def test_who_is_addressed_how():
    assert audience_of({"employee"}) == audience_of({"volunteer", "ambassador"}) == audience_of(set()) == "staff"
    assert audience_of({"volunteer"}) == audience_of({"volunteer", "client"}) == "volunteer"
    assert audience_of({"client"}) == "client"


@pytest.mark.parametrize(
    ("role", "heading", "first_module", "numbers"),
    [
        ("employee", "Training: social media op het werk", "Social media op het werk", [1, 2, 3, 4, 5]),
        (
            "volunteer",
            "Training: social media en je vrijwilligerswerk",
            "Social media en je vrijwilligerswerk",
            [1, 2, 3],
        ),
        ("client", "Training: veilig delen", "Delen wat je bij ons meemaakt", [1, 2]),
    ],
)
def test_the_training_is_written_for_each_role(client, people, modules, role, heading, first_module, numbers):
    client.force_login(people[role])
    response = client.get(reverse("modules"))
    html = response.content.decode()
    assert f"<h1>{heading}</h1>" in html and f"1. {first_module}" in html
    assert [m.number for m, _row in response.context["modules"]] == numbers
    if role != "employee":
        assert "zorgmedewerker" not in html and "op het werk" not in html and "Teamplan" not in html
        # A module meant for staff only is not there for them, not even by its address.
        assert client.get(reverse("step", args=[5, 1])).status_code == 404


def test_a_client_reads_the_statements_for_clients_and_is_scored_the_same(client, people, modules):
    client.force_login(people["client"])
    step = Step.objects.get(module=modules[2], order=6)
    html = client.get(reverse("step", args=[2, 6])).content.decode()
    assert "Wat ik openbaar post, kan ook de organisatie lezen." in html and "werkgever" not in html
    right = next(i for i, c in enumerate(step.choices) if c["correct"])
    html = client.post(reverse("step", args=[2, 6]), {"choice": str(right)}).content.decode()
    assert "ook de organisatie, de medewerkers en andere cliënten" in html
    assert Answer.objects.get(person=people["client"], step=step).correct is True


def test_a_volunteer_learns_about_their_own_confidentiality(client, people, modules):
    client.force_login(people["volunteer"])
    html = client.get(reverse("step", args=[3, 1])).content.decode()
    assert "Je geheimhouding gaat altijd mee" in html and "Als vrijwilliger heb je beloofd" in html
    client.force_login(people["employee"])
    html = client.get(reverse("step", args=[3, 1])).content.decode()
    assert "Je beroepsgeheim gaat altijd mee" in html and "Als vrijwilliger" not in html


def test_the_basic_training_counts_the_modules_meant_for_them(people, modules, org):
    org.training_required = True
    org.save()
    for number in (1, 2):
        for step in modules[number].steps.all():
            Answer.objects.create(person=people["client"], step=step, value={"read": True})
    # Module 3 (basic, for staff and volunteers) is not the client's to finish.
    assert completed_basic(people["client"]) and not completed_basic(people["volunteer"])


def test_communications_writes_the_texts_for_volunteers_and_clients(client, people, modules):
    client.force_login(people["communications"])
    module = modules[4]
    data = {
        "number": 4,
        "title": module.title,
        "summary": module.summary,
        "published": "on",
        "audiences": ["staff", "volunteer"],
        "volunteer_title": "Onze accounts, voor vrijwilligers",
        "client_title": "",
    }
    response = client.post(reverse("module_edit", args=[module.number]), data)
    assert response.status_code == 302, response.context["form"].errors
    module.refresh_from_db()
    assert module.audiences == ["staff", "volunteer"] and module.variants == {
        "volunteer": {"title": "Onze accounts, voor vrijwilligers"}
    }


@pytest.mark.parametrize(
    ("role", "nudge", "ask"),
    [
        ("employee", "Vertel dat je bij Zorggroep Test werkt", "Vraag het eerst aan een collega of aan communicatie."),
        ("volunteer", "Vertel dat je vrijwilliger bent bij Zorggroep Test", "Vraag het eerst aan je contactpersoon"),
        ("client", None, "Vraag het eerst aan je begeleider of aan iemand die je vertrouwt."),
    ],
)
def test_the_share_editor_speaks_to_each_role(client, people, org, role, nudge, ask):
    item = make_item(org, roles=["client", "volunteer", "employee"])
    client.force_login(people[role])
    response = client.post(
        reverse("share", kwargs={"pk": item.pk}),
        {"network": "linkedin", "text": "Wat een mooie middag was het.", "action": "check"},
    )
    html = response.content.decode()
    assert ask in html
    if nudge:
        assert nudge in html
    else:
        # Nobody asks a client to tell that they receive care.
        assert "werkt" not in " ".join(response.context["nudges"]) and "vrijwilliger" not in html
