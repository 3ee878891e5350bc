"""Who may use which page of Together: every role, anonymous visitors and the other organisation, for every view.
(tests/web/test_access.py and the security matrices read the same rules from tests/security/table.py; this file
says them in plain words, with the posts.)"""

import pytest
from django.urls import reverse

from deelwijs.accounts.models import Handle
from deelwijs.community import domain
from deelwijs.community.models import BuddyPairing, HelpRequest, JoinRequest, OnlineListing, PeoplePage, PromotedAnswer
from deelwijs.orgs.roles import AMBASSADOR, ROLES

from ..conftest import make_person

ALL = {role for role, _ in ROLES}
STAFF = ALL - {"client", "volunteer"}
SHARERS = STAFF | {"volunteer"}
LEADS = {"communications", "administrator"}


@pytest.fixture
def objects(org, people):
    colleague = make_person(org, "employee", email="collega@test.test")
    colleague.teams.add(*people["employee"].teams.all())
    question = domain.ask_question(colleague, "Hoe deel ik een vacature?", "")
    answer = domain.answer_question(people["communications"], question, "Met het format.")
    newcomer = make_person(org, AMBASSADOR, email="nieuw@test.test")
    PeoplePage.objects.create(organisation=org, published=True)
    help_request = domain.ask_for_help(colleague, HelpRequest.HARASSED, "Nare reacties.", "", [people["manager"]])
    return {
        "question": question,
        "client_question": domain.ask_question(people["client"], "Mag ik foto's delen?", ""),
        "answer": answer,
        "promoted": domain.promote(people["communications"], answer, "Vacature delen?", "Met het format."),
        "pairing": domain.pair(people["communications"], newcomer, people["ambassador"]),
        "join_request": domain.ask_to_join(colleague, "Graag"),
        "help_request": help_request,
    }


def url_for(name, objects, kind=None):
    if kind is None:
        return reverse(name)
    if kind == "answer":
        return reverse(name, args=[objects["question"].pk, objects["answer"].pk])
    if kind == "slug":
        return reverse(name, args=["test"])
    return reverse(name, args=[objects[kind].pk])


# name, object kind, roles that get it (200), what the others get
PAGES = [
    ("community", None, ALL, 403),
    ("community_talk", None, SHARERS, 403),
    ("questions", None, ALL, 403),
    ("question_new", None, ALL, 403),
    ("question", "question", STAFF, 404),
    ("question", "client_question", {"communications", "client"}, 404),
    ("answer_promote", "answer", LEADS, 403),
    ("promoted_answer_edit", "promoted", LEADS, 403),
    ("buddies", None, LEADS, 403),
    ("online", None, SHARERS, 403),
    ("people_page_manage", None, LEADS, 403),
    ("join", None, STAFF, 403),
    ("join_requests", None, LEADS, 403),
    ("join_request", "join_request", LEADS, 403),
    ("help_requests", None, ALL, 403),
    ("help_new", None, ALL, 403),
    # The colleague asked their manager: nobody else learns that the request exists, administrators neither.
    ("help_request", "help_request", {"manager"}, 404),
]
PUBLIC = ["people_online", "people_online_embed", "people_online_json", "people_online_snippet"]
# POST-only: name, object kind, roles that may
POSTS = [
    ("promoted_answer_delete", "promoted", LEADS),
    ("buddy_end", "pairing", LEADS),
    ("online_withdraw", None, SHARERS),
]


@pytest.mark.parametrize("name, kind, allowed, denied", PAGES)
@pytest.mark.parametrize("role", sorted(ALL))
def test_each_role_gets_the_pages_meant_for_it(client, people, objects, name, kind, allowed, denied, role):
    client.force_login(people[role])
    response = client.get(url_for(name, objects, kind))
    assert response.status_code == (200 if role in allowed else denied)


@pytest.mark.parametrize("name, kind, allowed, denied", PAGES)
def test_anonymous_visitors_are_sent_to_sign_in(client, objects, name, kind, allowed, denied):
    response = client.get(url_for(name, objects, kind))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


@pytest.mark.parametrize("name", PUBLIC)
def test_the_public_page_is_for_anyone(client, people, objects, outsider, name):
    for person in (None, people["client"], outsider):
        if person:
            client.force_login(person)
        assert client.get(url_for(name, objects, "slug")).status_code == 200
    assert client.post(url_for(name, objects, "slug")).status_code == 405


@pytest.mark.parametrize("name, kind", [(n, k) for n, k, _a, _d in PAGES if k] + [(n, k) for n, k, _a in POSTS if k])
def test_it_rejects_other_organisation(client, objects, other_org, name, kind):
    client.force_login(make_person(other_org, "communications", email="comms@andere.test"))
    response = client.post(url_for(name, objects, kind)) if name.endswith(("_delete", "_end")) else None
    if response is None:
        assert client.get(url_for(name, objects, kind)).status_code == 404
    else:  # taking out what is not ours does nothing
        assert response.status_code in (302, 404)
        assert PromotedAnswer.objects.exists() and BuddyPairing.objects.filter(ended__isnull=True).exists()


@pytest.mark.parametrize("name, kind, allowed", POSTS)
@pytest.mark.parametrize("role", sorted(ALL))
def test_each_role_may_change_what_the_rules_say(client, people, objects, name, kind, allowed, role):
    client.force_login(people[role])
    response = client.post(url_for(name, objects, kind))
    assert response.status_code == (302 if role in allowed else 403)


@pytest.mark.parametrize("name, kind, allowed", POSTS)
def test_state_changes_refuse_get_and_anonymous_visitors(client, people, objects, name, kind, allowed):
    url = url_for(name, objects, kind)
    response = client.post(url)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
    client.force_login(people["administrator"])
    assert client.get(url).status_code == 405


def test_a_refused_post_changes_nothing(client, people, objects):
    """The forms of the pages, posted by roles that may not: nothing is saved."""
    posts = [
        ("question", "question", {"text": "Mijn antwoord"}, ["manager", "webcare", "administrator", "employee"]),
        ("answer_promote", "answer", {"question": "V", "answer": "A"}, ["ambassador", "manager"]),
        ("buddies", None, {"newcomer": people["ambassador"].pk, "buddy": people["ambassador"].pk}, ["ambassador"]),
        ("join_request", "join_request", {"decision": "accept"}, ["ambassador", "manager", "webcare"]),
        ("help_request", "help_request", {"action": "message", "bericht-text": "Hallo"}, ["administrator"]),
        ("people_page_manage", None, {"published": ""}, ["ambassador", "manager"]),
    ]
    before = (
        objects["question"].answers.count(),
        PromotedAnswer.objects.count(),
        BuddyPairing.objects.count(),
        JoinRequest.objects.filter(status=JoinRequest.OPEN).count(),
        objects["help_request"].messages.count(),
        PeoplePage.objects.filter(published=True).count(),
    )
    for name, kind, data, roles in posts:
        for role in roles:
            client.force_login(people[role])
            assert client.post(url_for(name, objects, kind), data).status_code in (403, 404), (name, role)
    after = (
        objects["question"].answers.count(),
        PromotedAnswer.objects.count(),
        BuddyPairing.objects.count(),
        JoinRequest.objects.filter(status=JoinRequest.OPEN).count(),
        objects["help_request"].messages.count(),
        PeoplePage.objects.filter(published=True).count(),
    )
    assert before == after


def test_a_client_can_neither_be_listed_nor_choose_it(client, people):
    handle = Handle.objects.create(user=people["client"], platform="x", handle="cliënt")
    client.force_login(people["client"])
    assert client.post(reverse("online"), {"handles": [handle.pk], "agree": "on"}).status_code == 403
    assert not OnlineListing.objects.exists()


def test_every_page_has_a_plain_title(client, people, objects):
    import re

    for name, kind, allowed, _denied in PAGES:
        role = "communications" if "communications" in allowed else sorted(allowed)[0]
        client.force_login(people[role])
        page = client.get(url_for(name, objects, kind)).content.decode()
        title = re.search(r"<title>(.*?)</title>", page, re.S)
        assert title and "<" not in title.group(1) and title.group(1).strip().endswith("· Deelwijs"), name
