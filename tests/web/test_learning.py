import csv
import io

import pytest
from django.urls import reverse

from deelwijs.learning.content import install_modules
from deelwijs.learning.models import Answer, Module, Step


@pytest.fixture
def modules(org):
    install_modules(org)
    return {m.number: m for m in Module.objects.filter(organisation=org)}


def step(modules, number, order):
    return Step.objects.get(module=modules[number], order=order)


def url(number, order):
    return reverse("step", kwargs={"number": number, "order": order})


def test_the_starting_set_has_what_the_training_needs(modules, org):
    assert [m.number for m in modules.values()] == [1, 2, 3, 4, 5]
    assert [m.number for m in modules.values() if m.basic] == [1, 2, 3]
    assert modules[2].steps.filter(kind="question").count() >= 8
    dilemmas = list(modules[3].steps.filter(kind="dilemma").values_list("title", flat=True))
    assert len(dilemmas) >= 6
    assert {"De selfie met de buurvrouw", "Het vriendschapsverzoek", "De app-groep van het team"} <= set(dilemmas)
    assert install_modules(org) == 0  # only once


def test_a_wrong_answer_gets_its_feedback_and_a_right_one_scores(client, people, modules):
    client.force_login(people["employee"])
    question = step(modules, 2, 3)  # "Als ik een bericht op X verwijder, is het overal weg." is false
    response = client.post(url(2, 3), {"choice": "0"})
    assert "Helaas" in response.content.decode() and Answer.objects.get(step=question).correct is False
    assert "Niet helemaal" not in response.content.decode()  # the feedback says so itself: no label twice
    response = client.post(url(2, 3), {"choice": "1"})
    assert "Klopt" in response.content.decode() and Answer.objects.get(step=question).correct is True


def test_a_dilemma_shows_considerations_and_policy_after_the_answer(client, people, modules):
    client.force_login(people["employee"])
    dilemma = step(modules, 3, 2)
    assert dilemma.data["considerations"][:20] not in client.get(url(3, 2)).content.decode()
    response = client.post(url(3, 2), {"text": "Ik zou het niet doen."})
    html = response.content.decode()
    assert "Ik zou het niet doen." in html and dilemma.data["policy"] in html
    assert client.post(url(3, 3), {}).context["form"].errors["text"]  # an answer is needed


def test_choose_your_three_goals_or_your_own(client, people, modules):
    client.force_login(people["employee"])
    goals = step(modules, 1, 2)
    response = client.post(url(1, 2), {"choices": [goals.data["options"][0]]})
    assert "precies 3" in response.content.decode()
    response = client.post(url(1, 2), {"choices": goals.data["options"][:2], "own": "Collega's inspireren"})
    assert response.status_code == 302
    assert Answer.objects.get(step=goals).value == {"choices": goals.data["options"][:2], "own": "Collega's inspireren"}


def test_the_policy_step_shows_the_organisations_policy(client, people, modules, org):
    org.policy_text = "## Onze afspraak\nDeel nooit namen."
    org.save()
    client.force_login(people["employee"])
    assert "<h2>Onze afspraak</h2>" in client.get(url(1, 3)).content.decode()


def test_resume_and_certificate(client, people, modules):
    client.force_login(people["employee"])
    module = modules[1]
    assert client.get(reverse("module", kwargs={"number": 1})).url == url(1, 1)
    client.post(url(1, 1), {})
    assert client.get(reverse("module", kwargs={"number": 1})).url == url(1, 2)
    assert client.get(reverse("certificate", kwargs={"number": 1})).status_code == 404
    goals = step(modules, 1, 2)
    client.post(url(1, 2), {"choices": goals.data["options"][:3]})
    client.post(url(1, 3), {})
    response = client.post(url(1, 4), {"text": "Geen namen delen."})
    assert response.url == reverse("certificate", kwargs={"number": 1})
    page = client.get(response.url).content.decode()
    assert "Certificaat" in page and people["employee"].full_name in page
    assert client.get(reverse("module", kwargs={"number": 1})).url == reverse("certificate", kwargs={"number": 1})
    rows = client.get(reverse("modules")).context["modules"]
    assert rows[0][1]["complete"] and not rows[1][1]["complete"] and module.pk == rows[0][0].pk


def test_steps_link_back_and_forward_and_the_certificate_to_the_next_module(client, people, modules):
    client.force_login(people["employee"])
    first = client.get(url(1, 1)).content.decode()
    assert "Vorige stap" not in first and "Volgende stap" not in first  # nothing before; not read yet
    client.post(url(1, 1), {})
    second = client.get(url(1, 2)).content.decode()
    assert f'href="{url(1, 1)}" rel="prev"' in second
    again = client.get(url(1, 1)).content.decode()
    assert f'href="{url(1, 2)}" rel="next"' in again  # read before: forward without reading again
    goals = step(modules, 1, 2)
    client.post(url(1, 2), {"choices": goals.data["options"][:3]})
    client.post(url(1, 3), {})
    client.post(url(1, 4), {"text": "Geen namen delen."})
    page = client.get(reverse("certificate", kwargs={"number": 1})).content.decode()
    assert f'href="{reverse("module", kwargs={"number": 2})}"' in page and "Volgende module" in page
    # With every later module done, the certificate offers none.
    for later in (2, 3, 4, 5):
        for each in modules[later].steps.all():
            Answer.objects.create(person=people["employee"], step=each, value={"read": True}, correct=True)
    page = client.get(reverse("certificate", kwargs={"number": 1})).content.decode()
    assert "Volgende module" not in page


def test_managers_see_their_teams_and_communications_everyone(client, people, modules, org):
    from tests.conftest import make_person

    outside = make_person(org, "employee", email="buiten@test.test")
    Answer.objects.create(person=people["employee"], step=step(modules, 1, 1), value={"read": True})
    client.force_login(people["manager"])
    names = [r["person"] for r in client.get(reverse("learning_progress")).context["rows"]]
    assert people["employee"] in names and outside not in names
    client.force_login(people["communications"])
    names = [r["person"] for r in client.get(reverse("learning_progress")).context["rows"]]
    assert outside in names


def test_progress_as_csv(client, people, modules):
    Answer.objects.create(person=people["employee"], step=step(modules, 1, 1), value={"read": True})
    client.force_login(people["communications"])
    response = client.get(reverse("learning_progress_csv"))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:4] == ["naam", "teams", "locaties", "module 1: Social media op het werk"]
    employee = next(r for r in rows if r[0] == "Employee Test")
    assert employee[1] == "Wijkteam" and employee[2] == "De Linde" and employee[3] == "1 van 4"


def test_a_name_that_starts_like_a_formula_stays_text_in_the_csv(client, people, modules):
    people["employee"].first_name = '=HYPERLINK("https://evil.example";"klik")'
    people["employee"].save(update_fields=["first_name"])
    client.force_login(people["communications"])
    rows = list(
        csv.reader(io.StringIO(client.get(reverse("learning_progress_csv")).content.decode("utf-8-sig")), delimiter=";")
    )
    names = [row[0] for row in rows[1:]]
    assert '\'=HYPERLINK("https://evil.example";"klik") Test' in names
    assert not any(name.startswith(("=", "+", "-", "@")) for name in names)


def test_progress_pages_use_the_same_queries_for_more_people(client, people, modules, org):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.conftest import make_person

    client.force_login(people["communications"])
    counts = []
    for extra in range(2):
        make_person(org, "employee", email=f"extra{extra}@test.test")
        with CaptureQueriesContext(connection) as captured:
            client.get(reverse("learning_progress"))
        counts.append(len(captured))
    assert counts[0] == counts[1]


def test_the_organisation_can_require_the_basic_training_before_sharing(client, people, modules, org):
    from .test_content import make_item

    item = make_item(org)
    client.force_login(people["employee"])
    share_url = reverse("share", kwargs={"pk": item.pk}) + "?netwerk=linkedin"
    assert "Eerst de basistraining" not in client.get(share_url).content.decode()  # off by default
    org.training_required = True
    org.save()
    assert "Eerst de basistraining" in client.get(share_url).content.decode()
    for module in (m for m in modules.values() if m.basic):
        for s in module.steps.all():
            Answer.objects.create(person=people["employee"], step=s, value={})
    assert "Eerst de basistraining" not in client.get(share_url).content.decode()


def test_a_block_finding_links_to_the_lesson_that_explains_it(client, people, modules, org):
    import json

    from .test_content import make_item

    item = make_item(org)
    client.force_login(people["employee"])
    lesson = url(3, 1)  # "Je beroepsgeheim gaat altijd mee" explains privacy.client
    response = client.post(
        reverse("share", kwargs={"pk": item.pk}),
        {"network": "x", "text": "Mevrouw Bakker op kamer 3 is jarig!", "action": "check"},
    )
    assert f'href="{lesson}"' in response.content.decode()
    data = client.post(
        reverse("check_api"),
        json.dumps({"text": "Mevrouw Bakker op kamer 3", "network": "x"}),
        content_type="application/json",
    ).json()
    assert lesson in {f["lesson"] for f in data["findings"]}


def test_module_4_shows_the_register_and_the_team(client, people, org):
    from deelwijs.accounts.models import CorporateAccount, Handle

    install_modules(org)
    CorporateAccount.objects.create(
        organisation=org, platform="linkedin", handle="zorggroep-test", purpose="Werkgeversmerk"
    )
    Handle.objects.create(user=people["manager"], platform="linkedin", handle="marieke")
    client.force_login(people["employee"])
    assert "Werkgeversmerk" in client.get(url(4, 1)).content.decode()
    assert "https://www.linkedin.com/in/marieke" in client.get(url(4, 4)).content.decode()
    client.post(url(4, 2), {"grade": "11", "because": "x"})
    assert client.post(url(4, 2), {"grade": "7", "because": "Mooie foto's"}).status_code == 302
    assert client.post(url(4, 5), {"names": "@venvn\n\n@zorgvisie"}).status_code == 302
    assert Answer.objects.get(step__module__number=4, step__order=5).value == {"names": ["@venvn", "@zorgvisie"]}


def test_module_5_answers_make_the_team_plan(client, people, org):
    install_modules(org)
    client.force_login(people["employee"])
    client.post(url(5, 2), {"text": "Nieuwe collega's laten zien hoe fijn het werken is."})
    client.force_login(people["ambassador"])
    client.post(url(5, 2), {"text": "Meer vrijwilligers vinden."})
    html = client.get(reverse("team_plans")).content.decode()
    assert "Wijkteam" in html and "hoe fijn het werken is" in html and "Meer vrijwilligers vinden" in html


def test_communications_makes_a_module_with_a_question_and_previews_it(client, people, org):
    client.force_login(people["communications"])
    assert (
        client.post(
            reverse("module_new"), {"number": 6, "title": "Webcare", "summary": "Reageren", "published": "on"}
        ).status_code
        == 302
    )
    module = Module.objects.get(number=6)
    new_step = reverse("step_new", kwargs={"number": 6})
    bad = client.post(
        new_step,
        {
            "order": 1,
            "kind": "question",
            "title": "Stelling",
            "body": "Reageer je altijd?",
            "answers": "Waar | a\nNiet waar | b",
        },
    )
    assert "precies één" in bad.content.decode() and "Reageer je altijd?" in bad.content.decode()
    response = client.post(
        new_step,
        {
            "order": 1,
            "kind": "question",
            "title": "Stelling",
            "body": "Reageer je altijd?",
            "answers": "Waar | Niet altijd.\n*Niet waar | Soms is niet reageren beter.",
        },
    )
    assert response.status_code == 302
    step = module.steps.get()
    assert step.choices == [
        {"text": "Waar", "correct": False, "feedback": "Niet altijd."},
        {"text": "Niet waar", "correct": True, "feedback": "Soms is niet reageren beter."},
    ]
    preview = client.get(reverse("step_edit", kwargs={"number": 6, "order": 1})).content.decode()
    assert "Voorbeeld" in preview and "Soms is niet reageren beter." in preview
    client.force_login(people["employee"])
    assert "Webcare" in client.get(reverse("modules")).content.decode()


def test_editing_keeps_dynamic_parts_and_checks_dilemmas(client, people, modules):
    client.force_login(people["communications"])
    policy_step = step(modules, 1, 3)
    client.post(
        reverse("step_edit", kwargs={"number": 1, "order": 3}),
        {"order": 3, "kind": "lesson", "title": "Ons beleid (nieuw)", "body": policy_step.body},
    )
    policy_step.refresh_from_db()
    assert policy_step.title == "Ons beleid (nieuw)" and policy_step.data.get("show_policy")
    response = client.post(
        reverse("step_edit", kwargs={"number": 3, "order": 2}),
        {"order": 2, "kind": "dilemma", "title": "Selfie", "body": "x", "considerations": ""},
    )
    assert response.context["form"].errors["considerations"]


def test_module_numbers_and_step_positions_are_unique(client, people, modules):
    client.force_login(people["communications"])
    assert client.post(reverse("module_new"), {"number": 1, "title": "Dubbel"}).context["form"].errors["number"]
    response = client.post(reverse("step_new", kwargs={"number": 1}), {"order": 1, "kind": "lesson", "title": "X"})
    assert response.context["form"].errors["order"]


def test_progress_per_team_and_location(client, people, modules):
    for s in modules[1].steps.all():
        Answer.objects.create(person=people["employee"], step=s, value={})
    client.force_login(people["communications"])
    context = client.get(reverse("learning_progress")).context
    by_team = dict(context["summaries"])["Per team"]
    wijkteam = next(g for g in by_team if g["name"] == "Wijkteam")
    assert wijkteam["people"] == len(people) and wijkteam["done"][0] == 1 and wijkteam["done"][1] == 0
    assert dict(context["summaries"])["Per locatie"][0]["name"] == "De Linde"


def finish(person, *modules):
    for module in modules:
        for each in module.steps.all():
            Answer.objects.create(person=person, step=each, value={"read": True}, correct=True)


def test_progress_counts_only_the_modules_meant_for_each_person(client, people, modules):
    # The starting set: module 3 is for staff and volunteers, modules 4 and 5 for staff only.
    finish(people["volunteer"], modules[1], modules[2], modules[3])
    finish(people["client"], modules[1], modules[2])
    finish(people["employee"], modules[1])
    client.force_login(people["manager"])
    response = client.get(reverse("learning_progress"))
    rows = {r["person"]: r["cells"] for r in response.context["rows"]}
    four, five = modules[4].steps.count(), modules[5].steps.count()
    assert rows[people["volunteer"]][3:] == [None, None]  # not 0 of 4: the team plan is not theirs
    assert rows[people["client"]][2:] == [None, None, None]
    assert rows[people["employee"]][3:] == [(0, four), (0, five)]
    [team] = dict(response.context["summaries"])["Per team"]
    staff = len(people) - 2  # everyone in the team but the volunteer and the client
    # Module 3: the volunteer and nobody else of the staff and volunteers; module 4: none of the staff.
    assert team["cells"][2] == (1, staff + 1) and team["cells"][3] == (0, staff)
    assert team["cells"][0] == (3, len(people))
    html = response.content.decode()
    assert "hoort niet bij hun training" in html and f"0 van {staff} klaar" in html


def test_the_csv_says_when_a_module_is_not_meant_for_someone(client, people, modules):
    client.force_login(people["communications"])
    rows = list(
        csv.reader(io.StringIO(client.get(reverse("learning_progress_csv")).content.decode("utf-8-sig")), delimiter=";")
    )
    volunteer = next(r for r in rows if r[0] == "Volunteer Test")
    client_row = next(r for r in rows if r[0] == "Client Test")
    assert (
        volunteer[3:]
        == ["0 van 4", f"0 van {modules[2].steps.count()}", f"0 van {modules[3].steps.count()}"] + ["n.v.t."] * 2
    )
    assert client_row[5:] == ["n.v.t."] * 3


def test_the_progress_page_costs_the_same_for_people_of_every_audience(client, people, modules, org):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.conftest import make_person

    client.force_login(people["communications"])
    counts = []
    for extra in range(3):
        for role in ("volunteer", "client", "employee"):
            make_person(org, role, email=f"{role}{extra}@test.test").teams.add(*people["employee"].teams.all())
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("learning_progress")).status_code == 200
        counts.append(len(captured))
    assert len(set(counts)) == 1 and counts[0] <= 15


def test_finished_basic_holds_each_person_to_the_basic_modules_meant_for_them(people, modules, org):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from deelwijs.learning.domain import finished_basic
    from deelwijs.orgs.models import User

    modules[3].audiences = ["staff"]  # an organisation made its third basic module for staff only
    modules[3].save(update_fields=["audiences"])
    finish(people["volunteer"], modules[1], modules[2])
    finish(people["client"], modules[1], modules[2])
    finish(people["employee"], modules[1], modules[2])
    finish(people["ambassador"], modules[1], modules[2], modules[3])
    everyone = User.members.filter(organisation=org)
    with CaptureQueriesContext(connection) as captured:
        finished = finished_basic(org, everyone)
    assert finished == {people["volunteer"].pk, people["client"].pk, people["ambassador"].pk}
    # The modules, then one query per set of modules an audience is held to: staff 1-3, volunteers and clients 1-2.
    assert len(captured) == 3
    Module.objects.filter(organisation=org).update(basic=False)
    assert finished_basic(org, everyone) == set()  # no basic training: nobody is counted as trained
