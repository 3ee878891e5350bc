"""Together (the community): what is being talked about, asking a colleague, buddies and the toolkit's questions,
joining the ambassador team, and help when something goes wrong online."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from deelwijs.accounts.models import Handle
from deelwijs.community import domain
from deelwijs.community.models import BuddyPairing, HelpRequest, JoinRequest, PeoplePage, PromotedAnswer, Question
from deelwijs.orgs.models import AuditEntry, Notification, Team
from deelwijs.orgs.roles import AMBASSADOR
from deelwijs.orgs.tenancy import organisation_scope
from deelwijs.sharing.models import Share
from deelwijs.webcare.models import InboxItem

from ..conftest import make_person
from .test_content import make_item


def html(client, name, *args):
    response = client.get(reverse(name, args=args))
    assert response.status_code == 200
    return response.content.decode()


# What is being talked about
def mention(org, text, author, hours=2, kind=InboxItem.MENTION):
    return InboxItem.objects.create(
        organisation=org, kind=kind, text=text, author=author, created=timezone.now() - timedelta(hours=hours)
    )


def test_the_themes_never_name_an_outside_author(client, people, org):
    mention(org, "Marloes Brinkhorst vindt de wachtlijst veel te lang", "Marloes Brinkhorst")
    mention(org, "@kritischeburen@mastodon.nl: de wachtlijst groeit, zegt ook Marloes", "@kritischeburen@mastodon.nl")
    mention(org, "Wachtlijst bij @kritischeburen en Brinkhorst besproken", "Lokale Omroep")
    client.force_login(people["ambassador"])
    page = html(client, "community_talk").lower()
    assert "wachtlijst" in page
    for name in ("marloes", "brinkhorst", "kritischeburen", "mastodon", "omroep"):
        assert name not in page, name
    # Webcare's own overview still shows who is talking: the rule is for the ambassadors' page.
    client.force_login(people["webcare"])
    assert "Marloes Brinkhorst" in html(client, "webcare_overview")


def test_only_themes_of_more_than_one_mention_this_week_and_never_colleagues_reports(client, people, org):
    mention(org, "Het nieuwe restaurant in de Linde is prachtig", "@a")
    mention(org, "Restaurant open voor de buurt", "@b")
    mention(org, "Eenmalig woord: vlinderstruik", "@c")
    mention(org, "Personeelstekort en personeelstekort", "@d", hours=24 * 9)  # last week
    mention(org, "Nachtdienst onderbezet", "", kind=InboxItem.SIGNAL)
    mention(org, "Nachtdienst onderbezet", "", kind=InboxItem.SIGNAL)
    client.force_login(people["volunteer"])
    page = html(client, "community_talk")
    assert "restaurant" in page and "vlinderstruik" not in page
    assert "personeelstekort" not in page and "nachtdienst" not in page
    assert "Deze week noemden 3 berichten online ons." in page


def test_the_most_shared_items_of_the_week_for_what_the_person_may_see(client, people, org):
    week, staff_only = make_item(org, "Open dag"), make_item(org, "Alleen voor medewerkers")
    for_volunteers = make_item(org, "Vrijwilligersavond", roles=["volunteer", "employee"])
    old = make_item(org, "Oud nieuws")
    now = timezone.now()
    for person, item, days in [
        (people["employee"], week, 1),
        (people["manager"], week, 2),
        (people["employee"], week, 3),
        (people["employee"], staff_only, 1),
        (people["ambassador"], for_volunteers, 1),
        (people["employee"], old, 20),
    ]:
        Share.objects.create(
            organisation=org, person=person, item=item, network="x", text="t", created=now - timedelta(days=days)
        )
    client.force_login(people["employee"])
    page = html(client, "community_talk")
    assert page.index("Open dag") < page.index("Alleen voor medewerkers")
    assert "3 keer gedeeld, door 2 collega&#x27;s" in page or "3 keer gedeeld, door 2 collega's" in page
    assert "Oud nieuws" not in page and people["manager"].full_name not in page
    client.force_login(people["volunteer"])
    page = html(client, "community_talk")
    assert "Vrijwilligersavond" in page and "Open dag" not in page and "Alleen voor medewerkers" not in page


# Asking a colleague
def ask(person, title="Hoe zet ik een link in mijn Instagram-bio?"):
    return domain.ask_question(person, title, "")


def test_staff_read_each_others_questions_clients_and_volunteers_their_own(client, people, org):
    by_employee = ask(people["employee"], "Vraag van een medewerker")
    by_client = ask(people["client"], "Vraag van een cliënt")
    by_volunteer = ask(people["volunteer"], "Vraag van een vrijwilliger")
    for role, sees in [
        ("ambassador", {by_employee, by_volunteer}),
        ("administrator", {by_employee, by_volunteer}),
        ("communications", {by_employee, by_volunteer, by_client}),
        ("client", {by_client}),
        ("volunteer", {by_volunteer}),
    ]:
        client.force_login(people[role])
        page = html(client, "questions")
        for question in (by_employee, by_client, by_volunteer):
            assert (question.title in page) == (question in sees), (role, question.title)
            status = client.get(reverse("question", args=[question.pk])).status_code
            assert status == (200 if question in sees else 404), (role, question.title)


def test_a_question_tells_the_buddy_and_communications_and_its_answer_tells_the_asker(client, people, org):
    newcomer = make_person(org, AMBASSADOR, email="nieuw@test.test")
    domain.pair(people["communications"], newcomer, people["ambassador"])
    Notification.objects.all().delete()
    client.force_login(newcomer)
    response = client.post(reverse("question_new"), {"title": "Hoe vaak deel ik?", "text": "Ik ben net begonnen."})
    question = Question.objects.get()
    assert response.url == reverse("question", args=[question.pk]) and question.asker == newcomer
    told = set(Notification.objects.values_list("person__email", flat=True))
    assert told == {people["ambassador"].email, people["communications"].email}
    client.force_login(people["ambassador"])
    client.post(reverse("question", args=[question.pk]), {"text": "Eén keer per week is mooi."})
    assert question.answers.get().author == people["ambassador"]
    note = Notification.objects.get(person=newcomer)
    assert "antwoord op je vraag" in note.text and note.link.startswith(reverse("question", args=[question.pk]))


def test_who_may_answer(client, people, org):
    newcomer = make_person(org, AMBASSADOR, email="nieuw@test.test")
    buddy = make_person(org, AMBASSADOR, email="buddy@test.test")
    domain.pair(people["communications"], newcomer, buddy)
    question = ask(people["employee"])
    of_newcomer = ask(newcomer, "Vraag van de nieuwe")
    for person, answers in [
        (people["communications"], True),
        (people["ambassador"], True),  # experienced: no buddy of their own
        (newcomer, False),  # not yet
        (people["manager"], False),
        (people["administrator"], False),
        (people["employee"], True),  # the asker adds to their own question
    ]:
        client.force_login(person)
        assert ('name="text"' in html(client, "question", question.pk)) == answers, person
        response = client.post(reverse("question", args=[question.pk]), {"text": "Zo doe je dat."})
        assert response.status_code == (302 if answers else 403), person
    assert domain.may_answer(buddy, of_newcomer)
    with pytest.raises(ValidationError):
        domain.answer_question(newcomer, question, "Ik weet het ook niet.")
    # Once the pairing ends, the newcomer is experienced.
    domain.end_pairing(people["communications"], BuddyPairing.objects.get())
    assert domain.may_answer(newcomer, question)


def test_a_buddy_sees_the_questions_of_their_newcomer_first(client, people, org):
    newcomer = make_person(org, AMBASSADOR, email="nieuw@test.test")
    domain.pair(people["communications"], newcomer, people["ambassador"])
    first = ask(newcomer, "Vraag van de nieuwe ambassadeur")
    Question.objects.filter(pk=first.pk).update(created=timezone.now() - timedelta(days=5))
    ask(people["employee"], "Nieuwere vraag van een collega")
    client.force_login(people["ambassador"])
    page = html(client, "questions")
    assert page.index("Vraag van de nieuwe ambassadeur") < page.index("Nieuwere vraag van een collega")
    assert "jouw nieuwe ambassadeur" in page
    client.force_login(people["manager"])
    page = html(client, "questions")
    assert page.index("Nieuwere vraag van een collega") < page.index("Vraag van de nieuwe ambassadeur")


def test_communications_puts_an_answer_in_the_toolkit_without_names(client, people, org):
    question = ask(people["employee"], "Mag ik Kees zijn foto delen?")
    answer = domain.answer_question(people["communications"], question, "Vraag het Kees eerst.")
    url = reverse("answer_promote", args=[question.pk, answer.pk])
    for role in ("ambassador", "employee", "manager"):
        client.force_login(people[role])
        assert client.get(url).status_code == 403
    client.force_login(people["communications"])
    assert "Mag ik Kees zijn foto delen?" in html(client, "answer_promote", question.pk, answer.pk)
    response = client.post(
        url, {"question": "Mag ik een foto van een collega delen?", "answer": "Vraag het **eerst**."}
    )
    assert response.url == reverse("question", args=[question.pk])
    promoted = PromotedAnswer.objects.get()
    assert promoted.source == answer and promoted.promoted_by == people["communications"]
    assert Notification.objects.filter(person=people["employee"], text__contains="in de toolkit").exists()
    for role in ("client", "volunteer", "employee"):
        client.force_login(people[role])
        page = html(client, "toolkit")
        assert "Mag ik een foto van een collega delen?" in page and "<strong>eerst</strong>" in page
        assert people["employee"].full_name not in page and "Kees" not in page
        assert reverse("promoted_answer_edit", args=[promoted.pk]) not in page
    client.force_login(people["communications"])
    assert reverse("promoted_answer_edit", args=[promoted.pk]) in html(client, "toolkit")
    client.post(reverse("promoted_answer_edit", args=[promoted.pk]), {"question": "Nieuwe vraag?", "answer": "Ja."})
    assert "Nieuwe vraag?" in html(client, "toolkit")
    client.post(reverse("promoted_answer_delete", args=[promoted.pk]))
    page = html(client, "toolkit")  # the message says what was taken out; the list no longer has it
    assert not PromotedAnswer.objects.exists() and "<summary>Nieuwe vraag?" not in page and "uit de toolkit" in page
    # The toolkit's copy outlives the thread.
    domain.promote(people["communications"], answer, "Blijft dit?", "Ja.")
    question.delete()
    assert PromotedAnswer.objects.get().question == "Blijft dit?"


# Buddies
def test_communications_pairs_a_newcomer_with_an_experienced_buddy(client, people, org):
    newcomer = make_person(org, AMBASSADOR, email="nieuw@test.test")
    other = make_person(org, AMBASSADOR, email="ander@test.test")
    client.force_login(people["communications"])
    assert newcomer.full_name in html(client, "buddies")
    response = client.post(reverse("buddies"), {"newcomer": newcomer.pk, "buddy": people["ambassador"].pk})
    assert response.url == reverse("buddies")
    pairing = BuddyPairing.objects.get()
    assert (pairing.newcomer, pairing.buddy, pairing.ended) == (newcomer, people["ambassador"], None)
    assert Notification.objects.filter(person=newcomer, text__contains="je buddy").exists()
    assert Notification.objects.filter(person=people["ambassador"], text__contains="Je bent de buddy").exists()
    assert AuditEntry.objects.filter(action="buddy").exists()
    # A newcomer is no buddy; a buddy is no newcomer: the choices leave them out.
    response = client.post(reverse("buddies"), {"newcomer": other.pk, "buddy": newcomer.pk})
    assert response.status_code == 200 and "buddy" in response.context["form"].errors
    response = client.post(reverse("buddies"), {"newcomer": people["ambassador"].pk, "buddy": other.pk})
    assert "newcomer" in response.context["form"].errors
    # Pairing again gives the newcomer another buddy: one at a time.
    client.post(reverse("buddies"), {"newcomer": newcomer.pk, "buddy": other.pk})
    assert list(BuddyPairing.objects.filter(ended__isnull=True).values_list("buddy", flat=True)) == [other.pk]
    assert other.full_name in html(client, "buddies")
    pairing = BuddyPairing.objects.get(ended__isnull=True)
    client.post(reverse("buddy_end", args=[pairing.pk]))
    assert not BuddyPairing.objects.filter(ended__isnull=True).exists()
    with pytest.raises(ValidationError):
        domain.pair(people["communications"], people["employee"], other)  # no ambassador


def test_the_hub_tells_a_newcomer_and_a_buddy_who_they_are_with(client, people, org):
    newcomer = make_person(org, AMBASSADOR, email="nieuw@test.test")
    domain.pair(people["communications"], newcomer, people["ambassador"])
    client.force_login(newcomer)
    assert f"Je buddy is {people['ambassador'].full_name}" in html(client, "community")
    client.force_login(people["ambassador"])
    assert newcomer.full_name in html(client, "community")


# Joining the ambassador team
def test_an_employee_asks_to_join_and_communications_accepts_with_a_buddy(client, people, org):
    employee = people["employee"]
    client.force_login(employee)
    assert "Word ambassadeur" in html(client, "community")
    response = client.post(reverse("join"), {"motivation": "Ik deel graag over de wijk."})
    assert response.url == reverse("join")
    join_request = JoinRequest.objects.get()
    assert Notification.objects.filter(person=people["communications"], link__contains=str(join_request.pk)).exists()
    assert "Je meldde je aan op" in html(client, "join")
    response = client.post(reverse("join"), {"motivation": "Nog een keer."})
    assert response.status_code == 200 and "Nog een keer." in response.content.decode()
    assert JoinRequest.objects.count() == 1

    client.force_login(people["communications"])
    assert employee.full_name in html(client, "join_requests")
    url = reverse("join_request", args=[join_request.pk])
    response = client.post(url, {"decision": "accept", "buddy": people["ambassador"].pk, "reason": ""})
    assert response.url == reverse("join_requests")
    assert AMBASSADOR in type(employee).objects.get(pk=employee.pk).roles
    assert BuddyPairing.objects.get(newcomer=employee).buddy == people["ambassador"]
    assert {"roles", "join_request", "buddy"} <= set(AuditEntry.objects.values_list("action", flat=True))
    note = Notification.objects.get(person=employee, link=reverse("join"))
    assert "Welkom in het ambassadeursteam!" in note.text and people["ambassador"].full_name in note.text
    assert [m.to for m in mail.outbox] == [[employee.email]] and "ambassadeursteam" in mail.outbox[0].subject
    # Decided once: the page shows the decision and a second decision is refused.
    assert 'name="decision"' not in html(client, "join_request", join_request.pk)
    with pytest.raises(ValidationError):
        domain.decide_join(people["communications"], join_request, accept=False, reason="Toch niet")
    client.force_login(employee)
    assert "Je zit in het ambassadeursteam." in html(client, "join")


def test_saying_not_now_needs_a_reason_which_the_employee_reads(client, people, org):
    join_request = domain.ask_to_join(people["webcare"], "Graag!")
    client.force_login(people["communications"])
    url = reverse("join_request", args=[join_request.pk])
    response = client.post(url, {"decision": "decline", "reason": ""})
    assert response.status_code == 200 and "Zeg waarom niet" in response.content.decode()
    client.post(url, {"decision": "decline", "reason": "Na de zomer kijken we opnieuw."})
    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.DECLINED
    assert AMBASSADOR not in type(people["webcare"]).objects.get(pk=people["webcare"].pk).roles
    assert len(mail.outbox) == 1
    client.force_login(people["webcare"])
    page = html(client, "join")
    assert "Nu nog niet" in page and "Na de zomer kijken we opnieuw." in page and 'name="motivation"' in page


def test_only_staff_who_are_no_ambassador_ask_to_join(client, people):
    with pytest.raises(ValidationError):
        domain.ask_to_join(people["ambassador"], "Ik ben het al")
    for role in ("client", "volunteer"):
        client.force_login(people[role])
        assert client.get(reverse("join")).status_code == 403
        assert "Word ambassadeur" not in html(client, "community")


# Help when it goes wrong
def renamed(person, last_name):
    person.last_name = last_name
    person.save(update_fields=["last_name"])
    return person


def help_from(person, helpers, text="Iemand scheldt me uit onder mijn bericht over de open dag."):
    return domain.ask_for_help(person, HelpRequest.HARASSED, text, "", helpers)


def test_only_the_person_and_who_they_asked_read_a_help_request(client, people, org):
    other_manager = renamed(make_person(org, "manager", email="manager2@test.test"), "Elders")
    Team.objects.create(organisation=org, name="Ander team").managers.add(other_manager)
    second_comms = renamed(make_person(org, "communications", email="comms2@test.test"), "Tweede")
    client.force_login(people["employee"])
    page = html(client, "help_new")
    assert people["manager"].full_name in page and people["communications"].full_name in page
    assert other_manager.full_name not in page
    data = {"kind": "client_messages", "what_happened": "Een familielid appt me elke avond.", "link": ""}
    response = client.post(reverse("help_new"), {**data, "asked": [other_manager.pk]})
    assert response.status_code == 200 and not HelpRequest.objects.exists()
    assert "Een familielid appt me elke avond." in response.content.decode()
    response = client.post(reverse("help_new"), {**data, "asked": [people["manager"].pk]})
    help_request = HelpRequest.objects.get()
    assert response.url == reverse("help_request", args=[help_request.pk])
    url = reverse("help_request", args=[help_request.pk])
    for person, status in [
        (people["employee"], 200),
        (people["manager"], 200),
        (people["administrator"], 404),
        (people["communications"], 404),
        (second_comms, 404),
        (other_manager, 404),
        (people["webcare"], 404),
    ]:
        client.force_login(person)
        assert client.get(url).status_code == status, person
        assert (url in html(client, "help_requests")) == (status == 200), person
    # Not in the webcare inbox; the audit log says only that a request was made, without who or what.
    assert not InboxItem.objects.exists()
    entry = AuditEntry.objects.get(action="help_request")
    assert entry.actor is None and entry.summary == f"#{help_request.pk}: 1 asked"
    assert people["employee"].full_name not in entry.summary
    # The manager is told, by e-mail too, without the content.
    assert [m.to for m in mail.outbox] == [[people["manager"].email]]
    assert "familielid" not in mail.outbox[0].body and url in mail.outbox[0].body


def test_helpers_and_the_person_write_and_the_helper_closes_with_an_outcome(client, people, org):
    help_request = help_from(people["employee"], [people["manager"]])
    url = reverse("help_request", args=[help_request.pk])
    client.force_login(people["manager"])
    client.post(url, {"action": "message", "bericht-text": "Ik bel je vanmiddag."})
    help_request.refresh_from_db()
    assert help_request.status == HelpRequest.IN_PROGRESS
    assert Notification.objects.filter(person=people["employee"], text__contains="nieuw bericht").exists()
    client.post(url, {"action": "status", "status-status": "closed", "status-outcome": "Reactie verwijderd."})
    help_request.refresh_from_db()
    assert (help_request.status, help_request.outcome) == (HelpRequest.CLOSED, "Reactie verwijderd.")
    assert help_request.closed_on == timezone.localdate()
    assert AuditEntry.objects.filter(action="help_request", actor=people["manager"], summary__endswith="closed")
    assert not AuditEntry.objects.filter(summary__contains="Reactie")
    client.force_login(people["employee"])
    page = html(client, "help_request", help_request.pk)
    assert "Ik bel je vanmiddag." in page and "Reactie verwijderd." in page and 'name="status-status"' not in page
    # The person cannot set the status themselves; they can ask someone else too.
    client.post(url, {"action": "status", "status-status": "open", "status-outcome": ""})
    help_request.refresh_from_db()
    assert help_request.status == HelpRequest.CLOSED
    client.post(url, {"action": "ask", "meer-more": [people["communications"].pk]})
    assert set(help_request.asked.all()) == {people["manager"], people["communications"]}
    client.force_login(people["communications"])
    assert client.get(url).status_code == 200


def test_someone_asked_who_leaves_is_replaced_by_the_person(client, people, org):
    from deelwijs.orgs.domain import close_account

    help_request = help_from(people["employee"], [people["manager"]])
    close_account(people["administrator"], people["manager"])
    note = Notification.objects.get(person=people["employee"], link=reverse("help_request", args=[help_request.pk]))
    assert "vraag er iemand anders bij" in note.text


# Lists: the same number of queries for one or three
LISTS = [
    ("questions", "communications"),
    ("help_requests", "manager"),
    ("join_requests", "communications"),
    ("buddies", "communications"),
    ("community_talk", "ambassador"),
    ("people_page_manage", "communications"),
]


@pytest.mark.parametrize("name, role", LISTS)
def test_lists_take_the_same_queries_for_one_or_three(client, people, org, name, role):
    client.force_login(people[role])
    counts = []
    for n in (1, 3):
        while Question.objects.count() < n:
            number = Question.objects.count()
            asker = make_person(org, "employee", email=f"vrager{number}@test.test")
            asker.teams.add(Team.objects.get(name="Wijkteam"))
            newcomer = make_person(org, AMBASSADOR, email=f"nieuw{number}@test.test")
            domain.pair(people["communications"], newcomer, people["ambassador"])
            question = ask(asker, f"Vraag {number}")
            domain.answer_question(people["communications"], question, "Antwoord")
            domain.ask_to_join(asker, "Graag")
            help_from(asker, [people["manager"]])
            item = make_item(org, f"Item {number}")
            Share.objects.create(organisation=org, person=asker, item=item, network="x", text="t")
            mention(org, f"Wachtlijst {number} lang", f"@schrijver{number}")
            handle = Handle.objects.create(user=asker, platform="x", handle=f"vrager{number}")
            domain.opt_in(asker, [handle], "Verzorgende")
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse(name)).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1], counts


def test_the_demo_has_a_filled_community(db):
    from deelwijs.demo.build import create_demo

    org, _logins = create_demo()
    with organisation_scope(org):
        assert Question.objects.count() >= 4 and PromotedAnswer.objects.count() == 2
        assert BuddyPairing.objects.filter(ended__isnull=True).count() == 1
        assert PeoplePage.objects.get().published and len(domain.public_entries()) == 3
        assert set(JoinRequest.objects.values_list("status", flat=True)) == {JoinRequest.OPEN, JoinRequest.DECLINED}
        assert set(HelpRequest.objects.values_list("status", flat=True)) == {
            HelpRequest.IN_PROGRESS,
            HelpRequest.CLOSED,
        }
        counts = (Question.objects.count(), HelpRequest.objects.count())
    create_demo()  # idempotent
    with organisation_scope(org):
        assert (Question.objects.count(), HelpRequest.objects.count()) == counts
