"""Erasing a person (AVG art. 17): nothing of them is left in any table or file, except what the report keeps."""

import hashlib
import zipfile
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import models
from django.urls import reverse
from django.utils import timezone

from deelwijs.content.models import ContentItem, Image
from deelwijs.orgs.models import AuditEntry, User
from deelwijs.orgs.tenancy import organisation_scope
from deelwijs.planning.models import Meeting
from deelwijs.privacy import domain, erasure, export
from deelwijs.privacy.models import DataExport, ErasureRecord
from deelwijs.sharing.models import Share
from deelwijs.stories.models import StoryPhoto
from deelwijs.webcare.models import Conversation, InboxItem

from .privacy_data import EMAIL, FIRST, HANDLES, LAST, PASSWORD, fill_every_app, person_named, sign_in_and_out

NEEDLES = [FIRST, LAST, EMAIL, *HANDLES]
TEXT_COLUMNS = (models.CharField, models.TextField, models.JSONField)
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def traces(needles):
    """(model label, pk, column) of every row of every table whose text, character or JSON column holds a needle."""
    found = set()
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        for column in model._meta.concrete_fields:
            if not isinstance(column, TEXT_COLUMNS) or column.primary_key:
                continue
            for needle in needles:
                rows = model._base_manager.filter(**{f"{column.name}__icontains": needle})
                found |= {(model._meta.label, pk, column.name) for pk in rows.values_list("pk", flat=True)}
    return found


def rows_pointing_at(person):
    """Model labels with a row whose relation to a person points at this one."""
    labels = set()
    for key in export.relations_to_people():
        label, name = key.rsplit(".", 1)
        model = apps.get_model(label)
        if model._base_manager.filter(**{name: person}).exists():
            labels.add(label)
    return labels


def files_under(root):
    return [p for p in Path(root).rglob("*") if p.is_file()]


def file_traces(root, needles, hashes):
    """Files whose name or content (inside ZIPs too) holds a needle, or whose bytes are one of the photos."""
    found = []
    lowered = [n.casefold().encode() for n in needles]
    for path in files_under(root):
        content = path.read_bytes()
        texts = [path.name.casefold().encode(), content.lower()]
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                texts += [archive.read(name).lower() for name in archive.namelist()]
        if any(n in t for n in lowered for t in texts) or hashlib.sha256(content).hexdigest() in hashes:
            found.append(path)
    return found


def sessions_of(person):
    return [s for s in Session.objects.all() if s.get_decoded().get("_auth_user_id") == str(person.pk)]


@pytest.fixture(autouse=True)
def own_folders(settings, tmp_path):
    """Uploads and exports of this test only, so the search of the folders sees nothing of other tests."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EXPORT_ROOT = tmp_path / "exports"


@pytest.fixture
def erased_setup(client, org, people, other_org, outsider, settings):
    """The person with data in every app, two sessions, sign-in logs, e-mails queued as tasks and an export."""
    settings.TASKS = DATABASE_TASKS
    person = fill_every_app(org, people)
    sign_in_and_out(client, person)
    with organisation_scope(org):
        data_export, _created = domain.request_export(person, person)
        export.build(data_export.pk)
    return person


@pytest.mark.django_db(transaction=False)
def test_an_erased_person_leaves_no_trace_in_any_table_or_file(erased_setup, org, people):
    person = erased_setup
    before = traces(NEEDLES)
    assert len(before) > 40
    # The set-up reaches every app with models: a text naming them, or a row pointing at them.
    apps_reached = {label.split(".")[0] for label, _pk, _column in before} | {
        label.split(".")[0] for label in rows_pointing_at(person)
    }
    ours = {c.label for c in apps.get_app_configs() if c.name.startswith("deelwijs.") and list(c.get_models())}
    # jobs holds no organisation's data; chat no person's (its channels and which message went where).
    assert ours - {"jobs", "chat"} <= apps_reached, ours - apps_reached
    assert {"axes", "django_tasks_database", "admin", "otp_totp"} <= apps_reached
    assert sessions_of(person)
    photo_files = [Path(settings.MEDIA_ROOT) / i.large.name for i in Image.objects.all()]
    assert photo_files and all(p.exists() for p in photo_files)
    photo_hashes = {hashlib.sha256(p.read_bytes()).hexdigest() for p in files_under(settings.MEDIA_ROOT)}
    assert file_traces(settings.EXPORT_ROOT, NEEDLES, set())  # the export ZIP holds their name

    with organisation_scope(org):
        record = erasure.erase(people["administrator"], person)

    kept = {
        ("webcare.Conversation", pk) for pk in Conversation.objects.filter(employee=person).values_list("pk", flat=True)
    }
    assert {"kind": "register", "count": len(kept)} in record.kept
    left = {(label, pk) for label, pk, _column in traces(NEEDLES)}
    assert left <= kept, sorted(left - kept)
    assert file_traces(settings.MEDIA_ROOT, NEEDLES, photo_hashes) == []
    assert file_traces(settings.EXPORT_ROOT, NEEDLES, set()) == []
    assert not any(p.exists() for p in photo_files)
    assert sessions_of(person) == []


def test_what_is_kept_stays_under_the_pseudonym(erased_setup, org, people, client):
    person = erased_setup
    with organisation_scope(org):
        shares = Share.objects.filter(person=person).count()
        record = erasure.erase(people["administrator"], person)
    person.refresh_from_db()
    assert person.full_name == record.pseudonym and record.pseudonym.startswith("Verwijderde gebruiker ")
    assert person.email.endswith("@verwijderd.invalid") and not person.has_usable_password()
    assert not person.is_active and person.roles == set() and not person.teams.exists()
    # The figures keep their rows; the texts are gone.
    assert Share.objects.filter(person=person).count() == shares and not Share.objects.filter(person=person).exclude(
        text=""
    )
    # The item made from their story stays, without their photo and with the pseudonym in its text.
    item = ContentItem.objects.get(title__contains="Bakken")
    assert item.image is None and record.pseudonym in item.title and not StoryPhoto.objects.exists()
    assert Meeting.objects.get().notes == f"{record.pseudonym} neemt taart mee"
    # Nobody signs in as them any more, with the old address or the new one.
    assert not User.objects.filter(email__iexact=EMAIL).exists()
    response = client.post(reverse("login"), {"username": person.email, "password": PASSWORD})
    assert response.status_code == 200 and "_auth_user_id" not in client.session
    entry = AuditEntry.objects.filter(action="privacy_erase").get()
    assert entry.actor == people["administrator"] and record.pseudonym in entry.summary and FIRST not in entry.summary
    # The report holds counts and the pseudonym only.
    assert FIRST not in str([record.removed, record.kept, record.rewritten, record.pseudonym])
    assert record.removed["photos"] == 3 and record.removed["stories"] == 2 and record.removed["sessions"] >= 1


def test_the_register_entries_go_too_when_the_administrator_says_so(erased_setup, org, people):
    person = erased_setup
    with organisation_scope(org):
        record = erasure.erase(people["administrator"], person, remove_register=True)
    assert not Conversation.objects.filter(employee=person).exists()
    assert record.removed["register"] == 1 and not [k for k in record.kept if k["kind"] == "register"]
    assert traces(NEEDLES) == set()


def test_a_waiting_email_to_someone_else_keeps_going_with_the_pseudonym(erased_setup, org, people):
    from django_tasks_db.models import DBTaskResult

    person = erased_setup
    with organisation_scope(org):
        record = erasure.erase(people["administrator"], person)
    to_manager = DBTaskResult.objects.filter(args_kwargs__icontains=people["manager"].email).get()
    assert to_manager.status == "READY" and record.pseudonym in to_manager.args_kwargs["args"][2]
    assert not DBTaskResult.objects.filter(args_kwargs__icontains=EMAIL).exists()


def test_the_other_organisation_is_untouched(erased_setup, org, people, other_org, outsider):
    person = erased_setup
    namesake = person_named(other_org, "employee", "xandrijn@andere.test", FIRST, LAST)
    with organisation_scope(other_org):
        AuditEntry.objects.create(organisation=other_org, actor=outsider, action="note", summary=f"{FIRST} {LAST}")
        item = InboxItem.objects.create(organisation=other_org, kind="mention", text=f"{FIRST} {LAST} van Andere Zorg")
    with organisation_scope(org):
        erasure.erase(people["administrator"], person)
    namesake.refresh_from_db()
    item.refresh_from_db()
    assert (namesake.first_name, namesake.last_name, namesake.is_active) == (FIRST, LAST, True)
    assert item.text == f"{FIRST} {LAST} van Andere Zorg"
    assert AuditEntry.objects.filter(organisation=other_org, summary=f"{FIRST} {LAST}").exists()


def test_a_name_a_colleague_shares_is_not_replaced_on_its_own(org, people):
    with organisation_scope(org):
        person = person_named(org, "employee", "anna@test.test", "Anna", "Quistorpf")
        person_named(org, "ambassador", "anna2@test.test", "Anna", "de Vries")
        meeting = Meeting.objects.create(
            organisation=org, title="Overleg", starts_at=timezone.now(), notes="Anna Quistorpf en Anna. Quistorpf?"
        )
        record = erasure.erase(people["administrator"], person)
    meeting.refresh_from_db()
    assert meeting.notes == f"{record.pseudonym} en Anna. {record.pseudonym}?"
    assert {"kind": "name_shared", "count": 1} in record.kept


def test_a_first_name_that_is_also_a_word_is_replaced_only_as_a_name(org, people):
    with organisation_scope(org):
        person = person_named(org, "employee", "roos@test.test", "Roos", "Quistorpf")
        meeting = Meeting.objects.create(
            organisation=org, title="Overleg", starts_at=timezone.now(), notes="Roos bracht een roos mee."
        )
        record = erasure.erase(people["administrator"], person)
    meeting.refresh_from_db()
    assert meeting.notes == f"{record.pseudonym} bracht een roos mee."


def test_erase_refuses_the_actor_themselves_and_a_second_time(org, people):
    admin = people["administrator"]
    with organisation_scope(org), pytest.raises(ValueError):
        erasure.erase(admin, admin)
    with organisation_scope(org):
        erasure.erase(admin, people["employee"])
        with pytest.raises(ValueError):
            erasure.erase(admin, people["employee"])
    assert ErasureRecord.objects.count() == 1


# The screens
def test_the_confirmation_shows_what_goes_and_what_stays(client, erased_setup, people):
    person = erased_setup
    client.force_login(people["administrator"])
    response = client.get(reverse("person_erase", args=[person.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Wat wordt verwijderd" in page and "Wat blijft bewaard, en waarom" in page
    assert "bewaartermijn" in page  # the register entry, kept under the organisation's HR retention
    assert User.objects.get(pk=person.pk).first_name == FIRST  # looking changes nothing


def test_a_wrong_name_erases_nothing_and_keeps_what_was_typed(client, erased_setup, people):
    person = erased_setup
    client.force_login(people["administrator"])
    response = client.post(reverse("person_erase", args=[person.pk]), {"name": "Iemand Anders"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Dit is niet de naam van deze persoon" in page and 'value="Iemand Anders"' in page
    assert not ErasureRecord.objects.exists() and User.objects.get(pk=person.pk).first_name == FIRST


def test_typing_the_name_erases_and_shows_the_report(client, erased_setup, people):
    person = erased_setup
    client.force_login(people["administrator"])
    response = client.post(reverse("person_erase", args=[person.pk]), {"name": f"  {FIRST.lower()}  {LAST} "})
    record = ErasureRecord.objects.get()
    assert response.url == reverse("erasure_report", args=[record.pk])
    page = client.get(response.url).content.decode()
    assert record.pseudonym in page and FIRST not in page and "Bewaard, en waarom" in page
    # Asking again leads to the report, not to a second erasure.
    assert client.get(reverse("person_erase", args=[person.pk])).url == response.url
    assert record.pseudonym in client.get(reverse("erasures")).content.decode()


def test_an_administrator_cannot_erase_themselves(client, people):
    admin = people["administrator"]
    client.force_login(admin)
    page = client.get(reverse("person_erase", args=[admin.pk])).content.decode()
    assert "Je kunt jezelf niet wissen" in page and '<form method="post" novalidate' not in page
    response = client.post(reverse("person_erase", args=[admin.pk]), {"name": admin.full_name})
    assert response.status_code == 403 and not ErasureRecord.objects.exists()


def test_no_export_of_an_erased_person(client, org, people):
    with organisation_scope(org):
        erasure.erase(people["administrator"], people["employee"])
    client.force_login(people["administrator"])
    client.post(reverse("person_export", args=[people["employee"].pk]))
    assert not DataExport.objects.exists()


def test_the_register_choice_is_offered_only_when_there_are_entries(client, erased_setup, people):
    client.force_login(people["administrator"])
    assert 'name="remove_register"' in client.get(reverse("person_erase", args=[erased_setup.pk])).content.decode()
    page = client.get(reverse("person_erase", args=[people["webcare"].pk])).content.decode()
    assert 'name="remove_register"' not in page


def test_the_administrator_removes_the_register_entries_from_the_page(client, erased_setup, people):
    person = erased_setup
    client.force_login(people["administrator"])
    data = {"name": person.full_name, "remove_register": "on"}
    client.post(reverse("person_erase", args=[person.pk]), data)
    assert ErasureRecord.objects.get().removed["register"] == 1
    assert not Conversation.objects.filter(employee=person).exists()
