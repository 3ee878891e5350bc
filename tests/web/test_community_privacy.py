"""Together in the privacy tools: what an export holds of it, what an erasure removes and keeps, and the parts of the
processing register."""

import pytest
from django.urls import reverse

from deelwijs.accounts.models import Handle
from deelwijs.community import domain
from deelwijs.community.models import (
    Answer,
    BuddyPairing,
    HelpMessage,
    HelpRequest,
    JoinRequest,
    OnlineListing,
    PeoplePage,
    PromotedAnswer,
    Question,
)
from deelwijs.orgs.roles import AMBASSADOR
from deelwijs.orgs.tenancy import organisation_scope
from deelwijs.privacy import erasure, export

from ..conftest import make_person


@pytest.fixture
def person(org, people):
    """An ambassador who asked and answered, has a buddy, is on the public page, asked to join and asked for help,
    and whom a colleague asked for help."""
    person = make_person(org, AMBASSADOR, email="wies@test.test")
    person.first_name, person.last_name = "Wies", "Brouwenaar"
    person.save()
    person.teams.add(*people["employee"].teams.all())
    person.managed_teams.add(*people["employee"].teams.all())
    comms = people["communications"]
    with organisation_scope(org):
        question = domain.ask_question(person, "Hoe werkt een starterspakket?", "Vraag van Wies")
        answer = domain.answer_question(comms, question, "Dag Wies, zo.")
        domain.promote(comms, answer, "Wat is een starterspakket?", "Een lijst om te volgen.")
        other = domain.ask_question(people["employee"], "Hoe tag ik een locatie?", "")
        domain.answer_question(person, other, "Met de knop Locatie, groet Wies")
        domain.pair(comms, person, people["ambassador"])
        handle = Handle.objects.create(user=person, platform="bluesky", handle="wies.bsky.social")
        domain.opt_in(person, [handle], "Verzorgende")
        JoinRequest.objects.create(organisation=org, person=person, motivation="Ik, Wies, deel graag.")
        own = domain.ask_for_help(person, HelpRequest.HARASSED, "Iemand scheldt Wies uit.", "", [comms])
        domain.add_help_message(comms, own, "Ik help je, Wies.")
        theirs = domain.ask_for_help(people["employee"], HelpRequest.POST_ABOUT_ME, "Een foto van mij.", "", [person])
        domain.add_help_message(person, theirs, "Ik (Wies) kijk ernaar.")
    return person


def test_the_export_holds_what_they_did_and_of_others_requests_only_the_number(org, person, people):
    with organisation_scope(org):
        questions = export._questions(person, None, export.Notes())
        buddies = export._buddies(person, None, export.Notes())
        listing = export._online_listing(person, None, export.Notes())
        joins = export._join_requests(person, None, export.Notes())
        help_ = export._help(person, None, export.Notes())
    assert questions["asked"][0]["title"] == "Hoe werkt een starterspakket?"
    assert questions["asked"][0]["answers"][0] == {
        "created": questions["asked"][0]["answers"][0]["created"],
        "by": people["communications"].full_name,
        "by_you": False,
        "text": "Dag Wies, zo.",
    }
    assert questions["answered"][0]["text"] == "Met de knop Locatie, groet Wies"
    assert buddies == [
        {
            "you_are": "newcomer",
            "newcomer": "Wies Brouwenaar",
            "buddy": people["ambassador"].full_name,
            "started": buddies[0]["started"],
            "ended": None,
        }
    ]
    assert listing["job_title"] == "Verzorgende" and listing["handles"] == [
        {"platform": "bluesky", "handle": "wies.bsky.social"}
    ]
    assert joins[0]["motivation"] == "Ik, Wies, deel graag."
    (own,) = help_["asked_by_you"]
    assert own["what_happened"] == "Iemand scheldt Wies uit." and own["asked"] == [people["communications"].full_name]
    assert [m["text"] for m in own["messages"]] == ["Ik help je, Wies."]
    # A colleague's request is the colleague's: only that it exists, and that they wrote in it.
    (asked,) = help_["asked_of_you"]
    assert set(asked) == {"id", "created", "status"}
    assert set(help_["your_messages_in_them"][0]) == {"request", "created"}
    assert {s.file for s in export.SECTIONS} >= {
        "vragen.json",
        "buddy.json",
        "openbare-pagina.json",
        "ambassadeur-worden.json",
        "hulpvragen.json",
    }


def test_an_erasure_removes_their_part_and_keeps_the_colleagues_request_under_the_pseudonym(org, person, people):
    with organisation_scope(org):
        plan = erasure.plan(person)
        assert plan["removed"]["questions"] == 2 and plan["removed"]["help_requests"] == 1
        assert plan["kept"]["help_asked"] == 1
        record = erasure.erase(people["administrator"], person)
        assert not Question.objects.filter(asker=person).exists() and not Answer.objects.filter(author=person)
        assert not OnlineListing.objects.exists() and not BuddyPairing.objects.exists()
        assert not JoinRequest.objects.exists() and not HelpRequest.objects.filter(person=person).exists()
        # The toolkit's copy is the organisation's, without names; the colleague's request stays, pseudonymised.
        assert PromotedAnswer.objects.get().question == "Wat is een starterspakket?"
        kept = HelpRequest.objects.get()
        assert kept.person == people["employee"] and list(kept.asked.all()) == [person]
        message = HelpMessage.objects.get(request=kept)
        assert "Wies" not in message.text and record.pseudonym in message.text
    assert {"kind": "help_asked", "count": 1} in record.kept


def test_the_processing_register_has_both_parts_with_the_period_in_force(client, org, people, person):
    org.keep_help_months = 9
    org.save()
    client.force_login(people["administrator"])
    page = client.get(reverse("processing_register")).content.decode()
    assert "Samen: vragen, buddy&#x27;s" in page or "Samen: vragen, buddy's" in page
    assert "Hulp bij online narigheid" in page and "9 maanden na het afsluiten" in page
    assert "Iedereen op internet" not in page  # the public page is not published
    PeoplePage.objects.create(organisation=org, published=True)
    assert "Iedereen op internet" in client.get(reverse("processing_register")).content.decode()
