"""The audit log reads as Dutch sentences: every action has one, made from the entry's details when it is read."""

import ast
from datetime import date, datetime
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone, translation

import deelwijs
from deelwijs.accounts.models import CorporateAccount
from deelwijs.consent.models import ConsentRecord
from deelwijs.orgs import audit, domain
from deelwijs.orgs.models import AuditEntry
from deelwijs.planning.models import PlannedPost

PACKAGE = Path(deelwijs.__file__).parent


def logged_actions():
    """Every action code passed to log(...) in the code: log(organisation, actor, "code", ...)."""
    actions = {}
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.Call) or len(node.args) < 3:
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
            code = node.args[2]
            if name == "log" and isinstance(code, ast.Constant) and isinstance(code.value, str):
                actions.setdefault(code.value, str(path.relative_to(PACKAGE)))
    return actions


def test_every_action_logged_in_the_code_has_a_sentence():
    actions = logged_actions()
    # The collector finds them all (roles, settings, consent, privacy, accounts, planning, content ...).
    assert len(actions) >= 19 and {"roles", "check_override", "consent_ended", "privacy_erase"} <= set(actions)
    missing = {code: where for code, where in actions.items() if code not in audit.SENTENCES}
    assert not missing, f"actions without a sentence in orgs/audit.py: {missing}"


def test_every_action_has_a_dutch_name():
    for code, sentence in audit.SENTENCES.items():
        with translation.override("en"):
            english = str(sentence.name)
        with translation.override("nl"):
            assert str(sentence.name) != english, code


def sentence_of(entry):
    with translation.override("nl"):
        return audit.describe(AuditEntry.objects.get(pk=entry.pk))


def test_roles_read_as_who_gave_whom_which_roles(client, people):
    admin, person = people["administrator"], people["volunteer"]
    domain.set_roles(admin, person, ["volunteer", "ambassador", "employee"])
    entry = AuditEntry.objects.filter(action="roles").latest("pk")
    assert sentence_of(entry) == "Administrator Test gaf Volunteer Test de rollen ambassadeur en medewerker."
    domain.set_roles(admin, person, ["employee"])
    entry = AuditEntry.objects.filter(action="roles").latest("pk")
    assert sentence_of(entry) == "Administrator Test nam Volunteer Test de rollen ambassadeur en vrijwilliger af."
    domain.set_roles(admin, person, ["client"])
    entry = AuditEntry.objects.filter(action="roles").latest("pk")
    assert sentence_of(entry) == "Administrator Test gaf Volunteer Test de rol cliënt en nam de rol medewerker af."
    # Written in Dutch for the admin site and a search by name; read in English by an English reader.
    assert entry.summary == sentence_of(entry)
    with translation.override("en"):
        assert (
            audit.describe(entry)
            == "Administrator Test gave Volunteer Test the role client and took away the role employee."
        )


def test_the_page_shows_sentences_not_codes(client, people, django_assert_max_num_queries):
    domain.set_roles(people["administrator"], people["employee"], ["employee", "ambassador"])
    client.force_login(people["administrator"])
    with django_assert_max_num_queries(12):
        html = client.get(reverse("audit_log")).content.decode()
    assert "Administrator Test gaf Employee Test de rol ambassadeur." in html
    assert "+[" not in html and ">roles<" not in html


def test_a_kept_block_names_the_post_its_date_and_the_categories_in_dutch(client, people, org):
    account = CorporateAccount.objects.create(organisation=org, platform="linkedin", handle="zorg")
    client.force_login(people["communications"])
    data = {
        "title": "Kerstmarkt",
        "account": account.pk,
        "scheduled_at": "2026-12-01T10:00",
        "status": PlannedPost.DRAFT,
        "remind_hours": 24,
        "text": "Mevrouw Jansen van kamer 12 heeft BSN 111222333, wat een feest!",
        "override_reason": "Fictief voorbeeld voor de training",
    }
    response = client.post(reverse("post_new"), data)
    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    entry = AuditEntry.objects.get(action="check_override")
    text = sentence_of(entry)
    assert text.startswith("Communications Test hield het geplande bericht ‘Kerstmarkt’ van 1 dec. 2026 10:00 aan")
    assert "ondanks een blokkade van de berichtcheck" in text
    assert "privacy van cliënten (beroepsgeheim)" in text and "persoonsgegevens" in text
    assert "Reden: ‘Fictief voorbeeld voor de training’." in text
    assert "client_privacy" not in text and "Planned post" not in text


def test_consent_entries_use_the_kind_and_the_date_in_words(people, org):
    record = ConsentRecord.objects.create(
        organisation=org, name="Fictief", kind=ConsentRecord.CLIENT, scope=ConsentRecord.GENERAL
    )
    domain.log(org, people["communications"], "consent_added", number=record.pk, kind="client", scope="general")
    domain.log(org, people["communications"], "consent_withdrawn", number=record.pk, on="2026-10-29")
    domain.log(org, None, "consent_ended", number=record.pk, kind="client", reason="expired", uses=1, shared=9)
    added, withdrawn, ended = AuditEntry.objects.filter(action__startswith="consent").order_by("pk")
    assert sentence_of(added).startswith(f"Communications Test legde beeldtoestemming {record.pk} vast: cliënt, ")
    assert sentence_of(withdrawn).endswith(f"beeldtoestemming {record.pk} op 29 okt. 2026 is ingetrokken.")
    assert sentence_of(ended) == (
        f"Beeldtoestemming {record.pk} is verlopen: 1 keer uit de feed en de planning gehaald; al 9 keer gedeeld."
    )


def test_closing_an_account_says_what_it_did(people, org):
    domain.close_account(people["administrator"], people["employee"])
    text = sentence_of(AuditEntry.objects.get(action="account_closed"))
    assert text.startswith("Administrator Test sloot het account van Employee Test")
    assert "sessions=" not in text and "teams=" not in text


def test_an_old_entry_without_details_shows_its_name_and_summary(people, org):
    entry = AuditEntry.objects.create(organisation=org, action="roles", summary="Piet: +[ambassador] -[]")
    assert sentence_of(entry) == "Rollen gewijzigd: Piet: +[ambassador] -[]"
    entry = AuditEntry.objects.create(organisation=org, action="something_new", summary="iets")
    assert sentence_of(entry) == "something_new: iets"


def test_details_of_another_shape_fall_back_to_the_summary(people, org):
    entry = domain.log(org, people["administrator"], "post_moved", "Gepland bericht 40 → 2026-12-01", wrong=True)
    assert sentence_of(entry) == "Gepland bericht verplaatst: Gepland bericht 40 → 2026-12-01"


@pytest.mark.parametrize(
    ("value", "expected"),
    [(date(2026, 12, 1), "1 dec."), (date(2026, 10, 29), "29 okt."), (date(2026, 5, 3), "3 mei")],
)
def test_short_dates_as_dutch_writes_them(value, expected):
    from deelwijs.common.dates import short_date

    with translation.override("nl"):
        assert short_date(value) == expected
    with translation.override("en"):
        assert short_date(date(2026, 12, 1), "j M Y") == "1 Dec 2026"
    moment = timezone.make_aware(datetime(2026, 12, 1, 17, 29))
    with translation.override("nl"):
        assert short_date(moment, "j M Y H:i") == "1 dec. 2026 17:29"
