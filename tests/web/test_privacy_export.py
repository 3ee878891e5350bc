"""Exporting a person's data (AVG art. 15 and 20): what the ZIP holds, who may have it, how long."""

import json
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from deelwijs.content.models import Image
from deelwijs.orgs.models import AuditEntry, Notification
from deelwijs.orgs.tenancy import organisation_scope
from deelwijs.privacy import domain, export, tasks
from deelwijs.privacy.models import DataExport
from deelwijs.stories.models import Story

from ..conftest import make_person
from .privacy_data import EMAIL, FIRST, fill_every_app, sign_in_and_out


@pytest.fixture(autouse=True)
def own_folders(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EXPORT_ROOT = tmp_path / "exports"


@pytest.fixture
def person(client, org, people):
    person = fill_every_app(org, people)
    sign_in_and_out(client, person)
    client.logout()
    return person


def read_zip(response):
    body = b"".join(response.streaming_content)
    path = Path(settings.EXPORT_ROOT) / "download.zip"
    path.write_bytes(body)
    return zipfile.ZipFile(path)


def load(archive, name):
    return json.loads(archive.read(name))


# What is exported
def test_every_relation_to_a_person_is_exported_or_left_out_with_a_reason():
    relations = set(export.relations_to_people())
    assert {
        "sharing.Share.person",
        "orgs.Team.managers",
        "otp_totp.TOTPDevice.user",
        "admin.LogEntry.user",
    } <= relations
    unaccounted = relations - export.covered() - set(export.LEFT_OUT)
    assert not unaccounted, (
        f"export these in a section of deelwijs/privacy/export.py or add them to LEFT_OUT: {unaccounted}"
    )
    assert not export.covered() & set(export.LEFT_OUT)
    assert (export.covered() | set(export.LEFT_OUT)) <= relations, "a section names a relation that no longer exists"
    assert all(len(str(reason)) > 20 for reason in export.LEFT_OUT.values())


def test_a_person_downloads_everything_from_their_preferences(client, person, people):
    client.force_login(person)
    assert reverse("my_data") in client.get(reverse("preferences")).content.decode()
    response = client.post(reverse("export_mine"))
    assert response.url == reverse("my_data")
    data_export = DataExport.objects.get()
    assert data_export.status == DataExport.READY and data_export.requested_by == person
    assert data_export.expires_at - timezone.now() > timedelta(days=6, hours=23)
    # Kept outside MEDIA_ROOT, so no web server serving uploads can hand it out.
    assert data_export.path.exists() and not data_export.path.is_relative_to(settings.MEDIA_ROOT)
    note = Notification.objects.filter(person=person, link=reverse("my_data")).get()
    assert "staat klaar" in note.text

    page = client.get(reverse("my_data")).content.decode()
    link = reverse("export_download", args=[data_export.key])
    assert link in page
    response = client.get(link)
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert "attachment" in response["Content-Disposition"] and response["Cache-Control"] == "private, no-store"
    archive = read_zip(response)

    names = set(archive.namelist())
    assert {s.file for s in export.SECTIONS} | {"README.txt", "export.json"} <= names
    readme = archive.read("README.txt").decode()
    assert "Deze ZIP bevat alles wat Deelwijs over jou bewaart" in readme
    assert all(s.file in readme for s in export.SECTIONS)
    assert load(archive, "export.json")["format"] == export.FORMAT

    profile = load(archive, "profiel.json")
    assert (profile["email"], profile["first_name"]) == (EMAIL, FIRST)
    assert set(profile["roles"]) == {"employee", "ambassador", "manager"} and profile["teams"][0]["name"] == "Wijkteam"
    assert "key" not in profile["two_factor_devices"][0]
    assert [h["handle"] for h in load(archive, "handles.json")] == ["xquistorpf@mastodon.nl", "xandrijn_zorgt"]
    shares = load(archive, "gedeeld.json")
    assert shares[0]["text"] == "Kom naar onze open dag!" and shares[0]["clicks"] == 1 and shares[0]["short_link"]
    assert load(archive, "cijfers.json")[0]["shares"] == 1
    # The stories with the photos themselves.
    stories = load(archive, "verhalen.json")
    assert len(stories) == 2 and {s["status"] for s in stories} == {Story.IN_FEED, Story.REJECTED}
    photo = stories[0]["photos"][0]["file"]
    stored = Story.objects.get(pk=stories[0]["id"]).photos.get().image.large
    assert photo.startswith("verhalen/") and archive.read(photo) == stored.open("rb").read()
    assert load(archive, "antwoorden.json")[0]["answer"] == {"names": ["xandrijn_zorgt", "Collega Piet"]}
    assert load(archive, "certificaten.json")[0]["module"] == "1. Basis"
    signal = load(archive, "signalen-webcare.json")[0]
    assert signal["feedback"][0]["text"] == f"Dank je {FIRST}!" and archive.read(signal["screenshot"])
    assert len(signal["feedback"]) == 1  # webcare's own changes on the item are not the reporter's to read
    assert any(n["text"] == "Welkom bij Deelwijs" for n in load(archive, "notificaties.json"))
    register = load(archive, "gesprekken.json")
    assert len(register) == 1 and register[0]["recorded_by"] == people["manager"].full_name
    assert len(load(archive, "gesprekken-gelezen.json")) == 1
    audit = load(archive, "logboek.json")
    assert {e["action"] for e in audit} >= {"roles", "invitation", "note", "privacy_export"}
    assert any(e["by_you"] for e in audit) and any(not e["by_you"] for e in audit)
    assert "token" not in archive.read("agendakoppelingen.json").decode()
    assert load(archive, "paginaaanvragen.json")[0]["name"] == "De Linde"
    sign_ins = load(archive, "aanmeldingen.json")
    assert sign_ins["failed"][0]["ip_address"] == "10.0.0.7" and sign_ins["signed_in"]
    work = {(w["kind"], w["role"]) for w in load(archive, "werk.json")}
    assert ("planning.PlannedPost", "responsible") in work and ("webcare.InboxItem", "assigned_to") in work
    # Every export and every download is in the audit log: who, for whom, when; never the contents.
    logged = AuditEntry.objects.filter(action__startswith="privacy_export", actor=person)
    assert {e.action for e in logged} == {"privacy_export", "privacy_export_download"}
    assert all(e.details == {"person": person.full_name, "person_id": person.pk} for e in logged)
    assert {e.summary.removeprefix(person.full_name) for e in logged} == {
        f" maakte een export van de gegevens van {person.full_name}.",
        f" downloadde de export van de gegevens van {person.full_name}.",
    }


def test_a_register_entry_the_register_hides_from_them_is_left_out_and_said_so(org, person, monkeypatch):
    monkeypatch.setattr(export, "may_see_conversation", lambda viewer, entry: False)
    with organisation_scope(org):
        data_export, _created = domain.request_export(person, person)
    data_export.refresh_from_db()
    with zipfile.ZipFile(data_export.path) as archive:
        assert load(archive, "gesprekken.json") == []
        assert "1 gesprek in het register van gesprekken gaat over jou" in archive.read("README.txt").decode()


def test_a_missing_photo_is_said_so(org, person):
    for image in Image.objects.all():
        Path(image.large.path).unlink()
    with organisation_scope(org):
        data_export, _created = domain.request_export(person, person)
    data_export.refresh_from_db()
    with zipfile.ZipFile(data_export.path) as archive:
        assert load(archive, "verhalen.json")[0]["photos"][0]["file"] is None
        assert "niet meer gevonden" in archive.read("README.txt").decode()


def test_an_administrator_makes_an_export_on_request(client, person, people):
    admin = people["administrator"]
    client.force_login(admin)
    response = client.post(reverse("person_export", args=[person.pk]))
    assert response.url == reverse("person_privacy", args=[person.pk])
    data_export = DataExport.objects.get()
    assert (data_export.person, data_export.requested_by) == (person, admin)
    told = Notification.objects.get(person=admin, link=reverse("person_privacy", args=[person.pk]))
    assert person.full_name in told.text
    assert Notification.objects.filter(person=person, text__contains="Een beheerder heeft op verzoek").exists()
    link = reverse("export_download", args=[data_export.key])
    assert link in client.get(reverse("person_privacy", args=[person.pk])).content.decode()
    assert client.get(link).status_code == 200
    client.force_login(person)
    assert client.get(link).status_code == 200
    assert AuditEntry.objects.filter(action="privacy_export", actor=admin).exists()


@pytest.fixture
def ready_export(org, people):
    with organisation_scope(org):
        data_export, _created = domain.request_export(people["employee"], people["employee"])
    data_export.refresh_from_db()
    return data_export


@pytest.mark.parametrize("role", ["administrator", "communications", "manager", "ambassador", "webcare", "client"])
def test_nobody_else_downloads_it(client, people, ready_export, role):
    client.force_login(people[role])
    response = client.get(reverse("export_download", args=[ready_export.key]))
    assert response.status_code == 404
    assert not AuditEntry.objects.filter(action="privacy_export_download").exists()


def test_another_organisation_and_anonymous_visitors_never_get_it(client, ready_export, outsider):
    link = reverse("export_download", args=[ready_export.key])
    response = client.get(link)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
    client.force_login(outsider)
    assert client.get(link).status_code == 404


def test_the_file_is_not_served_as_an_upload(client, people, ready_export):
    client.force_login(people["employee"])
    assert client.get(settings.MEDIA_URL + ready_export.file_name).status_code == 404


def test_an_unknown_key_is_not_found(client, people):
    client.force_login(people["employee"])
    assert client.get("/privacy/export/00000000-0000-0000-0000-000000000000/").status_code == 404
    assert client.get("/privacy/export/niet-een-sleutel/").status_code == 404


def test_the_download_expires_and_its_file_is_deleted_on_the_next_visit(client, people, ready_export):
    DataExport.objects.filter(pk=ready_export.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    client.force_login(people["employee"])
    response = client.get(reverse("export_download", args=[ready_export.key]))
    assert response.status_code == 410 and "niet meer beschikbaar" in response.content.decode()
    assert not ready_export.path.exists()
    ready_export.refresh_from_db()
    assert (ready_export.status, ready_export.file_name) == (DataExport.EXPIRED, "")
    assert "Verlopen" in client.get(reverse("my_data")).content.decode()


def test_the_nightly_job_deletes_expired_files_only(org, people, ready_export):
    with organisation_scope(org):
        fresh, _created = domain.request_export(people["manager"], people["manager"])
    fresh.refresh_from_db()
    DataExport.objects.filter(pk=ready_export.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    assert tasks.remove_expired_exports.call() == 1
    assert not ready_export.path.exists() and fresh.path.exists()


def test_one_export_at_a_time(client, people, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    client.force_login(people["employee"])
    client.post(reverse("export_mine"))
    response = client.post(reverse("export_mine"), follow=True)
    assert DataExport.objects.count() == 1
    assert "wordt al gemaakt" in response.content.decode()
    assert "Wordt gemaakt" in client.get(reverse("my_data")).content.decode()


def test_a_failed_build_says_so_and_leaves_no_file(org, people, monkeypatch):
    def broken(person, path):
        path.write_bytes(b"half")
        raise RuntimeError("disk full")

    monkeypatch.setattr(export, "_write", broken)
    with organisation_scope(org):
        data_export, _created = domain.request_export(people["employee"], people["employee"])
    data_export.refresh_from_db()
    assert data_export.status == DataExport.FAILED and not list(Path(settings.EXPORT_ROOT).rglob("*.*"))
    assert Notification.objects.filter(person=people["employee"], text__contains="kon niet worden gemaakt").exists()


@pytest.mark.parametrize("view", ["my_data", "person_privacy"])
def test_the_lists_of_exports_take_the_same_queries_for_one_or_three(client, org, people, view):
    employee = people["employee"]
    client.force_login(employee if view == "my_data" else people["administrator"])
    url = reverse(view) if view == "my_data" else reverse("person_privacy", args=[employee.pk])
    counts = []
    for _ in range(2):
        with organisation_scope(org):
            domain.request_export(employee, employee)
            if counts:
                domain.request_export(employee, employee)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert DataExport.objects.count() == 3 and counts[0] == counts[1]


def test_a_second_administrator_sees_that_an_export_exists_but_cannot_download_it(client, org, people, ready_export):
    second = make_person(org, "administrator", email="admin2@test.test")
    client.force_login(second)
    page = client.get(reverse("person_privacy", args=[people["employee"].pk])).content.decode()
    assert "Klaar" in page and reverse("export_download", args=[ready_export.key]) not in page
