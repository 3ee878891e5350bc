"""The toolkit: pages, the tone-of-voice guide, the image library, the profile kit, post formats, guides."""

import io
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation
from PIL import Image as PILImage

from deelwijs.accounts.models import Handle
from deelwijs.consent import domain as consent_domain
from deelwijs.consent.models import (
    INTRANET,
    ORGANISATION_SOCIAL,
    STAFF_SOCIAL,
    ConsentEnding,
    ConsentRecord,
    ImageConsent,
)
from deelwijs.content import tasks as content_tasks
from deelwijs.content.models import Image, KeptUpload
from deelwijs.guard import check
from deelwijs.guard.detectors import platform
from deelwijs.learning.content import install_modules
from deelwijs.orgs.models import Notification
from deelwijs.orgs.tenancy import organisation_scope
from deelwijs.toolkit import domain, tasks
from deelwijs.toolkit.content import FORMATS, GUIDES, PAGES, install_toolkit
from deelwijs.toolkit.models import Attachment, LibraryImage, Page, PostFormat, ProfileChecklist

from .toolkit_data import attachment, banner, jpeg, library_image, page, pdf, post_format


@pytest.fixture(autouse=True)
def own_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def html(response):
    return response.content.decode()


# The starting set
def test_the_starting_set_is_loaded_once_with_the_organisations_name(org):
    with organisation_scope(org):
        assert install_toolkit(org) == len(PAGES) + len(GUIDES) + len(FORMATS)
        assert install_toolkit(org) == 0
    pages = Page.objects.filter(organisation=org)
    assert pages.filter(kind=Page.TONE).count() == 1 and pages.filter(kind=Page.PROFILE).count() == 1
    assert set(pages.filter(kind=Page.GUIDE).values_list("network", flat=True)) == {
        "linkedin",
        "x",
        "facebook",
        "instagram",
        "bluesky",
        "mastodon",
    }
    assert all(g.checked_on for g in pages.filter(kind=Page.GUIDE))
    assert not any("{organisatie}" in p.body for p in pages)
    assert "Zorggroep Test" in pages.get(title="Op persoonlijke titel").body
    assert PostFormat.objects.filter(organisation=org).count() == 4
    assert all("{organisatie}" not in f.text for f in PostFormat.objects.all())


def test_the_command_loads_the_starting_set(org, capsys):
    call_command("load_toolkit", org.slug)
    assert "15 pages, guides and formats" in capsys.readouterr().out
    assert Page.objects.filter(organisation=org).exists()


def test_communications_loads_the_starting_set_from_the_page(client, people, org):
    client.force_login(people["communications"])
    assert "Startset laden" in html(client.get(reverse("toolkit_manage")))
    client.post(reverse("toolkit_install"))
    assert PostFormat.objects.filter(organisation=org).count() == 4
    response = client.post(reverse("toolkit_install"), follow=True)
    assert "dus er is niets toegevoegd" in html(response)


def test_the_starting_formats_pass_the_post_check_once_filled_in(org, people):
    with organisation_scope(org):
        install_toolkit(org)
        policy = org.guard_policy()
        for post_format in PostFormat.objects.all():
            text = domain.placeholders(post_format.text)
            filled = post_format.text
            for part in text:
                filled = filled.replace(part, "onze tuin", 1)
            assert not check(filled, post_format.network, policy).blocked, post_format.title


# Pages: visibility, Markdown, files, ordering, preview
def test_a_page_without_roles_is_for_staff_and_one_for_clients_only_for_them(client, people, org):
    for_staff = page(org, "Voor medewerkers")
    for_clients = page(org, "Voor cliënten", roles=["client"])
    client.force_login(people["employee"])
    assert client.get(reverse("toolkit_page", args=[for_staff.pk])).status_code == 200
    assert client.get(reverse("toolkit_page", args=[for_clients.pk])).status_code == 404
    client.force_login(people["client"])
    assert client.get(reverse("toolkit_page", args=[for_staff.pk])).status_code == 404
    assert client.get(reverse("toolkit_page", args=[for_clients.pk])).status_code == 200
    assert "Voor medewerkers" not in html(client.get(reverse("toolkit")))


def test_a_draft_is_seen_by_communications_only(client, people, org):
    draft = page(org, "Nog niet af", published=False)
    client.force_login(people["ambassador"])
    assert client.get(reverse("toolkit_page", args=[draft.pk])).status_code == 404
    client.force_login(people["communications"])
    response = client.get(reverse("toolkit_page", args=[draft.pk]))
    assert response.status_code == 200 and "concept" in html(response)


def test_markdown_is_cleaned(client, people, org):
    made = page(org)
    made.body = '## Kop\n\n<script>alert(1)</script><a href="javascript:alert(1)">klik</a>'
    made.save()
    client.force_login(people["employee"])
    body = html(client.get(reverse("toolkit_page", args=[made.pk])))
    assert "<h2>Kop</h2>" in body and "<script>alert" not in body and "javascript:" not in body


def page_post(**fields):
    data = {"title": "Nieuwe pagina", "kind": "page", "network": "", "summary": "", "body": "Tekst", "published": "on"}
    data.update(fields)
    return data


def test_communications_writes_a_page_with_a_file(client, people, org):
    client.force_login(people["communications"])
    response = client.post(reverse("toolkit_page_new"), {**page_post(), "attachment": pdf()})
    made = Page.objects.get(title="Nieuwe pagina")
    assert response.status_code == 302 and made.updated_by == people["communications"]
    stored = made.attachments.get()
    assert stored.name == "werkblad.pdf" and stored.content_type == "application/pdf"
    client.force_login(people["employee"])
    download = client.get(reverse("toolkit_attachment", args=[made.pk, stored.pk]))
    assert download.status_code == 200 and download["Content-Disposition"].startswith("attachment")
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_a_file_of_a_page_someone_may_not_see_is_not_found(client, people, org):
    hidden = page(org, roles=["communications"])
    stored = attachment(hidden)
    url = reverse("toolkit_attachment", args=[hidden.pk, stored.pk])
    client.force_login(people["employee"])
    assert client.get(url).status_code == 404
    other = page(org, "Open")
    client.force_login(people["employee"])
    assert client.get(reverse("toolkit_attachment", args=[other.pk, stored.pk])).status_code == 404
    client.force_login(people["communications"])
    assert client.get(url).status_code == 200


def test_an_error_keeps_what_was_typed_and_the_file_chosen(client, people, org):
    client.force_login(people["communications"])
    response = client.post(reverse("toolkit_page_new"), {**page_post(title=""), "attachment": pdf("lijst.pdf")})
    assert response.status_code == 200 and "Dit veld is verplicht" in html(response)
    assert "Tekst" in html(response) and "Bewaard: lijst.pdf" in html(response)
    kept = KeptUpload.objects.get(person=people["communications"])
    response = client.post(reverse("toolkit_page_new"), {**page_post(title="Lijst"), "attachment_kept": str(kept.pk)})
    assert response.status_code == 302
    assert Page.objects.get(title="Lijst").attachments.get().name == "lijst.pdf"
    assert not KeptUpload.objects.exists()


def test_a_file_kept_for_someone_else_is_not_used(client, people, org):
    client.force_login(people["administrator"])
    client.post(reverse("toolkit_page_new"), {**page_post(title=""), "attachment": pdf("geheim.pdf")})
    kept = KeptUpload.objects.get()
    client.force_login(people["communications"])
    client.post(reverse("toolkit_page_new"), {**page_post(title="Poging"), "attachment_kept": str(kept.pk)})
    assert not Page.objects.get(title="Poging").attachments.exists()


@pytest.mark.parametrize(
    "upload, message",
    [
        (("virus.exe", b"MZ\x90\x00"), "Voeg een PDF-"),
        (("nep.pdf", b"<html>geen pdf</html>"), "niet wat de naam zegt"),
        (("lijst.txt", "é".encode("latin-1")), "UTF-8"),
        (("foto.jpg", b"geen foto"), "geen foto die we kunnen lezen"),
    ],
)
def test_a_bad_file_gets_a_dutch_message(client, people, upload, message):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(people["communications"])
    response = client.post(reverse("toolkit_page_new"), {**page_post(), "attachment": SimpleUploadedFile(*upload)})
    assert response.status_code == 200 and message in html(response)
    assert not Page.objects.exists() and not KeptUpload.objects.exists()


def test_a_photo_attached_to_a_page_loses_its_exif(client, people, org):
    client.force_login(people["communications"])
    client.post(reverse("toolkit_page_new"), {**page_post(), "attachment": jpeg()})
    stored = Attachment.objects.get()
    with stored.file.open("rb"):
        assert not PILImage.open(stored.file).getexif()


def test_the_preview_shows_the_page_and_saves_nothing(client, people, org):
    client.force_login(people["communications"])
    response = client.post(
        reverse("toolkit_page_new"), page_post(body="## Uit de preview\n\n<script>x()</script>", action="preview")
    )
    assert response.status_code == 200 and "<h2>Uit de preview</h2>" in html(response)
    assert "<script>x()" not in html(response) and not Page.objects.exists()


def test_the_preview_of_the_tone_guide_shows_the_word_list(client, people, org):
    client.force_login(people["communications"])
    response = client.post(reverse("toolkit_page_new"), page_post(kind="tone", action="preview"))
    assert "woonzorgcentrum" in html(response) and not Page.objects.exists()


def test_only_one_tone_page_and_one_guide_per_network(client, people, org):
    page(org, "Toon", kind=Page.TONE)
    page(org, "LinkedIn", kind=Page.GUIDE, network="linkedin", checked_on=date(2026, 1, 1))
    client.force_login(people["communications"])
    response = client.post(reverse("toolkit_page_new"), page_post(kind="tone"))
    assert "Er is al een pagina van deze soort" in html(response)
    response = client.post(reverse("toolkit_page_new"), page_post(kind="guide", network="linkedin", checked_on=""))
    assert "Er is al een handleiding voor dit netwerk" in html(response)
    assert "Vul in wanneer de handleiding" in html(response)
    response = client.post(reverse("toolkit_page_new"), page_post(kind="guide", network=""))
    assert "Kies het netwerk" in html(response)
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client.post(reverse("toolkit_page_new"), page_post(kind="guide", network="x", checked_on=tomorrow))
    assert "nog niet geweest" in html(response)


def test_pages_move_up_and_down(client, people, org):
    first, second, third = (page(org, name, order=n) for n, name in enumerate(["Een", "Twee", "Drie"]))
    client.force_login(people["communications"])
    client.post(reverse("toolkit_move", args=["pagina", third.pk, "omhoog"]))
    assert list(Page.objects.values_list("title", flat=True)) == ["Een", "Drie", "Twee"]
    client.post(reverse("toolkit_move", args=["pagina", first.pk, "omhoog"]))  # already first: stays
    client.post(reverse("toolkit_move", args=["pagina", first.pk, "omlaag"]))
    assert list(Page.objects.values_list("title", flat=True)) == ["Drie", "Een", "Twee"]
    assert client.post(reverse("toolkit_move", args=["pagina", first.pk, "opzij"])).status_code == 404
    assert client.post(reverse("toolkit_move", args=["iets", first.pk, "omhoog"])).status_code == 404


def test_deleting_a_page_takes_its_files_off_the_disk(client, people, org, django_capture_on_commit_callbacks):
    made = page(org)
    stored = attachment(made)
    path = stored.file.path
    client.force_login(people["communications"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("toolkit_delete", args=["pagina", made.pk]))
    assert not Page.objects.exists() and not Attachment.objects.exists()
    import os

    assert not os.path.exists(path)


# Tone of voice
def test_the_tone_guide_follows_the_word_list_of_the_post_check(client, people, org):
    client.force_login(people["employee"])
    assert "woonzorgcentrum" in html(client.get(reverse("toolkit_tone")))
    org.word_list = [{"avoid": ["personeel"], "use": "collega's"}, {"avoid": ["patiënt"], "use": "cliënt"}]
    org.save()
    body = html(client.get(reverse("toolkit_tone")))
    assert "woonzorgcentrum" not in body and "personeel" in body and "collega&#x27;s" in body
    # What the guide shows is what the post check asks for.
    with organisation_scope(org):
        policy = org.guard_policy()
        guide = domain.word_guide(org)
    for entry in guide:
        for word in entry["avoid"]:
            report = check(f"Vandaag sprak ik met het {word} van de afdeling.", "linkedin", policy)
            suggestions = [f.suggestion for f in report.findings if f.rule == "words.tone"]
            assert entry["use"] in suggestions, (word, report.findings)


def test_an_empty_word_list_shows_the_default_list_the_check_uses(client, people, org):
    org.word_list = []
    org.save()
    client.force_login(people["employee"])
    assert "woonzorgcentrum" in html(client.get(reverse("toolkit_tone")))


def test_the_tone_page_text_comes_before_the_list_and_its_own_address_leads_there(client, people, org):
    tone = page(org, "Zo schrijven wij", kind=Page.TONE)
    client.force_login(people["employee"])
    assert client.get(reverse("toolkit_page", args=[tone.pk])).url == reverse("toolkit_tone")
    body = html(client.get(reverse("toolkit_tone")))
    assert body.index("Zo schrijven wij") < body.index("woonzorgcentrum")


# The image library
def test_an_image_whose_licence_expired_disappears_from_the_library(client, people, org):
    today = timezone.localdate()
    current = library_image(org, "Geldig", expires_on=today)
    expired = library_image(org, "Verlopen", expires_on=today - timedelta(days=1))
    with organisation_scope(org):
        assert domain.library_images(org) == [current]
        assert domain.library_images(org, on=today - timedelta(days=1)) == [expired, current]
    client.force_login(people["employee"])
    body = html(client.get(reverse("toolkit_library")))
    assert "Geldig" in body and "Verlopen" not in body
    for size in ("klein", "linkedin", "groot"):
        assert client.get(reverse("toolkit_library_image", args=[expired.pk, size])).status_code == 404
    client.force_login(people["communications"])
    assert "verlopen: niet meer in de beeldbank" in html(client.get(reverse("toolkit_manage")))
    assert client.get(reverse("toolkit_library_image", args=[expired.pk, "klein"])).status_code == 200
    assert client.get(reverse("toolkit_library_image", args=[expired.pk, "linkedin"])).status_code == 404


def _consent(org, valid_until=None, channels=(STAFF_SOCIAL,)):
    made = ConsentRecord(
        organisation=org,
        name="Mevrouw De Vries",
        kind=ConsentRecord.EMPLOYEE,
        valid_from=timezone.localdate() - timedelta(days=30),
        valid_until=valid_until,
        given_as=ConsentRecord.IN_APP,
    )
    made.set_channels(channels)
    made.save()
    return made


def _link(entry, *records):
    ImageConsent.objects.update_or_create(image=entry.image, defaults={"no_recognisable_people": False})
    entry.image.consent.records.set(records)


def test_a_photo_with_people_is_in_the_library_only_while_their_consent_is_valid(client, people, org):
    today = timezone.localdate()
    record = _consent(org, valid_until=today)
    entry = library_image(org, "Team bij de boom", recognisable=True)
    client.force_login(people["employee"])
    with organisation_scope(org):
        assert domain.library_images(org) == []  # nobody recorded yet: not offered
    assert "Team bij de boom" not in html(client.get(reverse("toolkit_library")))
    _link(entry, record)
    with organisation_scope(org):
        assert domain.library_images(org) == [entry]
        # The consent lapses tomorrow: the library stops offering it by itself, downloads included.
        assert domain.library_images(org, on=today + timedelta(days=1)) == []
    assert "Team bij de boom" in html(client.get(reverse("toolkit_library")))
    assert client.get(reverse("toolkit_library_image", args=[entry.pk, "linkedin"])).status_code == 200
    with organisation_scope(org):
        consent_domain.withdraw(people["communications"], record, today)
        assert domain.library_images(org) == []
    assert "Team bij de boom" not in html(client.get(reverse("toolkit_library")))
    for size in ("klein", "linkedin", "groot"):
        assert client.get(reverse("toolkit_library_image", args=[entry.pk, size])).status_code == 404
    client.force_login(people["communications"])
    assert "geen toestemming vastgelegd" in html(client.get(reverse("toolkit_manage")))
    ending = ConsentEnding.objects.get(record=record)
    assert any(use["label"] == "Team bij de boom" for use in ending.uses)


def test_consent_for_other_channels_does_not_put_a_photo_in_the_library(people, org):
    entry = library_image(org, recognisable=True)
    _link(entry, _consent(org, channels=(INTRANET, ORGANISATION_SOCIAL)))
    with organisation_scope(org):
        assert domain.library_images(org) == []
        _link(entry, _consent(org, channels=(INTRANET, ORGANISATION_SOCIAL)), _consent(org))
        assert domain.library_images(org) == []  # one of the two has no consent for staff's own media


def test_saving_a_library_image_records_nobody_recognisable_in_the_register(client, people, org):
    client.force_login(people["communications"])
    fields = {"title": "Het bos", "licence": "own", "source": "Eigen foto", "channels": ["linkedin"]}
    response = client.post(
        reverse("toolkit_library_new"), {**fields, "photo": jpeg(), "photo_alt": "Bomen", "nobody_recognisable": "on"}
    )
    assert response.status_code == 302 and response["Location"] == reverse("toolkit_manage")
    entry = LibraryImage.objects.get(title="Het bos")
    assert ImageConsent.objects.get(image=entry.image).no_recognisable_people
    # With people in it, the editor stays on the image and says what is missing; the library waits.
    response = client.post(reverse("toolkit_library_edit", args=[entry.pk]), {**fields, "photo_alt": "Bomen"})
    assert response["Location"] == reverse("toolkit_library_edit", args=[entry.pk])
    assert not ImageConsent.objects.get(image=entry.image).no_recognisable_people
    body = html(client.get(response["Location"]))
    assert "biedt de beeldbank dit beeld nu niet aan" in body.lower() or "niet aan" in body
    with organisation_scope(org):
        assert domain.library_images(org) == []


def test_the_library_shows_an_image_only_for_its_networks(client, people, org):
    library_image(org, "Alleen Instagram", channels=["instagram"])
    library_image(org, "Alleen LinkedIn", channels=["linkedin"])
    client.force_login(people["employee"])
    body = html(client.get(reverse("toolkit_library") + "?kanaal=instagram"))
    assert "Alleen Instagram" in body and "Alleen LinkedIn" not in body
    body = html(client.get(reverse("toolkit_library") + "?kanaal=onzin"))
    assert "Alleen Instagram" in body and "Alleen LinkedIn" in body


@pytest.mark.parametrize(
    "size, dimensions",
    [
        ("linkedin", (1200, 627)),
        ("x", (1600, 900)),
        ("facebook", (1200, 630)),
        ("instagram-vierkant", (1080, 1080)),
        ("instagram-staand", (1080, 1350)),
        ("bluesky", (1200, 675)),
        ("mastodon", (1280, 720)),
    ],
)
def test_a_download_is_cut_to_the_networks_size_without_exif(client, people, org, size, dimensions):
    entry = library_image(org)
    assert Image.objects.get().large  # stored from a photo with camera and GPS data
    client.force_login(people["employee"])
    response = client.get(reverse("toolkit_library_image", args=[entry.pk, size]))
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert response["Content-Disposition"].startswith("attachment")
    picture = PILImage.open(io.BytesIO(response.content))
    assert picture.size == dimensions
    assert not picture.getexif() and "exif" not in picture.info and len(response.content) < 1_000_000


def test_a_network_an_image_may_not_go_on_gets_no_download(client, people, org):
    entry = library_image(org, channels=["linkedin"])
    client.force_login(people["employee"])
    assert client.get(reverse("toolkit_library_image", args=[entry.pk, "linkedin"])).status_code == 200
    for size in ("instagram-vierkant", "x", "groot", "onzin", "1200x627"):
        assert client.get(reverse("toolkit_library_image", args=[entry.pk, size])).status_code == 404
    chat = library_image(org, channels=["whatsapp"])
    response = client.get(reverse("toolkit_library_image", args=[chat.pk, "groot"]))
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")


def library_post(**fields):
    data = {
        "title": "Open dag",
        "licence": "own",
        "source": "Eigen foto van communicatie",
        "credit": "",
        "channels": ["linkedin", "instagram"],
        "expires_on": "",
        "photo_alt": "Mensen in de tuin",
    }
    data.update(fields)
    return data


def test_communications_adds_an_image_and_an_error_keeps_the_photo(client, people, org):
    client.force_login(people["communications"])
    response = client.post(reverse("toolkit_library_new"), {**library_post(channels=[], source=""), "photo": jpeg()})
    body = html(response)
    assert "Kies minstens één netwerk" in body and "Dit veld is verplicht" in body
    assert 'value="Open dag"' in body and "Bewaard: foto.jpg" in body
    kept = KeptUpload.objects.get()
    response = client.post(reverse("toolkit_library_new"), {**library_post(), "photo_kept": str(kept.pk)})
    assert response.status_code == 302
    entry = LibraryImage.objects.get()
    assert entry.channel_list == ["instagram", "linkedin"] and entry.image.alt == "Mensen in de tuin"
    assert entry.added_by == people["communications"] and not KeptUpload.objects.exists()
    with entry.image.large.open("rb"):
        assert not PILImage.open(entry.image.large).getexif()


def test_a_new_image_needs_a_photo_and_a_date_to_come(client, people, org):
    client.force_login(people["communications"])
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    response = client.post(reverse("toolkit_library_new"), library_post(expires_on=yesterday))
    assert "Kies de foto of afbeelding" in html(response) and "al voorbij" in html(response)
    assert not LibraryImage.objects.exists()


def test_replacing_the_photo_of_an_image_removes_the_old_one(client, people, org):
    entry = library_image(org)
    old = entry.image_id
    client.force_login(people["communications"])
    response = client.post(reverse("toolkit_library_edit", args=[entry.pk]), {**library_post(), "photo": jpeg()})
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.image_id != old and not Image.objects.filter(pk=old).exists()


def test_deleting_an_image_deletes_its_photo(client, people, org):
    entry = library_image(org)
    client.force_login(people["communications"])
    client.post(reverse("toolkit_delete", args=["beeld", entry.pk]))
    assert not LibraryImage.objects.exists() and not Image.objects.exists()


# The profile kit
def test_the_naming_convention_is_shown_in_words_and_never_as_its_pattern(client, people, org):
    org.naming_convention, org.handle_suffix = "{voornaam}.{achternaam}_{organisatie}", "zorgtest"
    org.save()
    client.force_login(people["ambassador"])
    body = html(client.get(reverse("toolkit_profile")))
    assert "{voornaam}" not in body and "{organisatie}" not in body
    assert "je voornaam, een punt (.), je achternaam, een liggend streepje (_) en ‘zorgtest’" in body
    assert "ambassador.test_zorgtest" in body
    directory = html(client.get(reverse("directory")))
    assert "{voornaam}" not in directory and "je voornaam, een punt (.)" in directory


@pytest.mark.parametrize(
    "typed, verdict",
    [
        ("ambassador_test", "Die volgt onze naamafspraak"),
        ("@Ambassador_Test", "Die volgt onze naamafspraak"),
        ("@ambassador_test@mastodon.nl", "Die volgt onze naamafspraak"),
        ("ambassador.test", "Bijna"),
        ("zorgheld2026", "Die wijkt af"),
    ],
)
def test_check_my_handle(client, people, org, typed, verdict):
    org.handle_suffix = "test"
    org.save()
    client.force_login(people["ambassador"])
    response = client.get(reverse("toolkit_profile"), {"handle": typed})
    assert verdict in html(response) and "ambassador_test" in html(response)


def test_check_my_handle_refuses_a_long_one_in_dutch(client, people):
    client.force_login(people["ambassador"])
    response = client.get(reverse("toolkit_profile"), {"handle": "x" * 300})
    assert response.status_code == 200 and "Dit veld mag maximaal 100 tekens bevatten (nu 300)." in html(response)


def test_profiel_op_orde_shows_in_the_directory_only_by_choice(client, people, org):
    person = people["ambassador"]
    Handle.objects.create(user=person, platform="linkedin", handle="ambassador_test")
    client.force_login(person)
    everything = [key for key, _label in domain.CHECKLIST]
    client.post(reverse("toolkit_checklist"), {"ticked": everything})
    client.force_login(people["employee"])
    assert "profiel op orde" not in html(client.get(reverse("directory")))
    client.force_login(person)
    response = client.post(reverse("toolkit_checklist"), {"ticked": everything[:-1], "in_directory": "on"}, follow=True)
    assert "Alleen jij ziet deze lijst" in html(response)
    client.force_login(people["employee"])
    assert "profiel op orde" not in html(client.get(reverse("directory")))
    client.force_login(person)
    response = client.post(reverse("toolkit_checklist"), {"ticked": everything, "in_directory": "on"}, follow=True)
    assert "De gids laat ‘profiel op orde’ bij je naam zien" in html(response)
    client.force_login(people["employee"])
    assert "profiel op orde" in html(client.get(reverse("directory")))
    assert ProfileChecklist.objects.get(person=person).ticked == everything


def test_a_checklist_with_a_point_not_on_the_list_is_refused(client, people):
    client.force_login(people["employee"])
    response = client.post(reverse("toolkit_checklist"), {"ticked": ["onzin"]}, follow=True)
    assert "Vink alleen punten van de lijst aan" in html(response) and not ProfileChecklist.objects.exists()


def test_a_banner_downloads_in_its_networks_size(client, people, org):
    made = banner(org, "x")
    client.force_login(people["volunteer"])
    response = client.get(reverse("toolkit_banner", args=[made.pk, "banner"]))
    assert PILImage.open(io.BytesIO(response.content)).size == (1500, 500)
    assert client.get(reverse("toolkit_banner", args=[made.pk, "groot"])).status_code == 404
    assert "Downloaden voor X" in html(client.get(reverse("toolkit_profile")))


def test_without_banners_the_kit_gives_the_sizes(client, people):
    client.force_login(people["employee"])
    assert "1584×396" in html(client.get(reverse("toolkit_profile")))


def test_a_banner_form_error_keeps_the_image(client, people, org):
    client.force_login(people["communications"])
    data = {"network": "linkedin", "title": "", "photo_alt": "Banen in groen", "photo": jpeg(size=(1584, 396))}
    response = client.post(reverse("toolkit_banner_new"), data)
    assert "Dit veld is verplicht" in html(response) and "Bewaard: foto.jpg" in html(response)
    kept = KeptUpload.objects.get()
    data.update(title="Huisstijl", photo_kept=str(kept.pk))
    del data["photo"]
    assert client.post(reverse("toolkit_banner_new"), data).status_code == 302
    response = client.post(reverse("toolkit_banner_new"), {"network": "instagram", "title": "x"})
    assert "Selecteer een geldige keuze" in html(response)


# Post formats
def test_a_format_opens_in_the_share_editor_with_its_text(client, people, org):
    made = post_format(org)
    client.force_login(people["employee"])
    response = client.get(reverse("toolkit_format", args=[made.pk]))
    assert "Waar wil je het posten?" in html(response)
    response = client.get(reverse("toolkit_format", args=[made.pk]) + "?netwerk=linkedin")
    body = html(response)
    assert 'id="share-form"' in body and "Bij [team] zoeken we een [functie]." in body
    assert 'data-item=""' in body and "js/share.js" in body


def test_a_format_cannot_go_out_with_parts_left_to_fill_in(client, people, org):
    made = post_format(org)
    client.force_login(people["employee"])
    url = reverse("toolkit_format", args=[made.pk])
    response = client.post(url, {"network": "linkedin", "text": made.text, "action": "share"})
    body = html(response)
    assert "Vul eerst [team], [functie] in" in body and not response.context["ready"]
    assert "Vul de stukjes tussen [vierkante haken] in" in body  # the nudge, also as you type


def test_a_filled_in_format_is_checked_and_ready_to_post(client, people, org):
    made = post_format(org)
    client.force_login(people["employee"])
    url = reverse("toolkit_format", args=[made.pk])
    text = "Bij Wijkteam Oost zoeken we een verzorgende. Ik werk hier zelf met veel plezier."
    response = client.post(url, {"network": "x", "text": text, "action": "share"})
    assert response.context["ready"] and response.context["compose_url"].startswith("https://x.com/intent/post")
    assert response.context["report"] is not None
    response = client.post(url, {"network": "linkedin", "text": text, "action": "share"})
    assert response.context["compose_url"] == "https://www.linkedin.com/feed/"
    response = client.post(url, {"network": "instagram", "text": text, "action": "share"})
    assert response.context["ready"] and "Instagram heeft geen deelpagina" in html(response)


def test_a_format_text_the_post_check_blocks_is_refused(client, people, org):
    made = post_format(org)
    client.force_login(people["employee"])
    text = "Mevrouw Jansen (kamer 12, BSN 123456782) is vandaag jarig!"
    response = client.post(reverse("toolkit_format", args=[made.pk]), {"network": "x", "text": text, "action": "share"})
    assert not response.context["ready"] and response.context["report"].blocked
    assert "Pas eerst aan wat de berichtcheck tegenhoudt." in html(response)


@pytest.mark.parametrize("text", ["Bij ons\x00team", "x" * 70_000])
def test_a_hostile_format_text_is_refused_in_dutch_and_shown_again(client, people, org, text):
    made = post_format(org)
    client.force_login(people["employee"])
    url = reverse("toolkit_format", args=[made.pk])
    response = client.post(url, {"network": "x", "text": text, "action": "share"})
    assert response.status_code == 200 and not response.context["ready"] and response.context["error"]


def test_mastodon_asks_for_the_server(client, people, org):
    made = post_format(org)
    client.force_login(people["employee"])
    text = "Bij ons team zoeken we een collega. Ik werk hier zelf met plezier."
    url = reverse("toolkit_format", args=[made.pk])
    response = client.post(url, {"network": "mastodon", "text": text, "action": "share"})
    assert "Vul je Mastodon-server in" in html(response) and not response.context["ready"]
    data = {"network": "mastodon", "text": text, "action": "share", "mastodon_instance": "mastodon.nl"}
    response = client.post(url, data)
    assert response.context["compose_url"].startswith("https://mastodon.nl/share?")


def test_the_basic_training_comes_first_when_the_organisation_asks(client, people, org):
    org.training_required = True
    org.save()
    with organisation_scope(org):
        install_modules(org)
    made = post_format(org)
    client.force_login(people["employee"])
    response = client.get(reverse("toolkit_format", args=[made.pk]) + "?netwerk=x")
    assert "sharing/gate.html" in [t.name for t in response.templates]


def test_a_format_for_other_roles_is_not_found(client, people, org):
    made = post_format(org, roles=["volunteer"])
    client.force_login(people["employee"])
    assert client.get(reverse("toolkit_format", args=[made.pk])).status_code == 404
    assert "Vacature" not in html(client.get(reverse("toolkit_formats")))
    client.force_login(people["volunteer"])
    assert client.get(reverse("toolkit_format", args=[made.pk])).status_code == 200


def test_communications_writes_a_format_with_a_dutch_error(client, people, org):
    client.force_login(people["communications"])
    data = {"title": "Bedankt", "use": "", "network": "linkedin", "text": "", "published": "on"}
    response = client.post(reverse("toolkit_format_new"), data)
    assert "Dit veld is verplicht" in html(response) and 'value="Bedankt"' in html(response)
    data["text"] = "Dank je wel, [naam]!"
    assert client.post(reverse("toolkit_format_new"), data).status_code == 302
    assert PostFormat.objects.get().updated_by == people["communications"]


# Guides per network
def test_a_guide_shows_the_post_checks_own_limits(client, people, org, monkeypatch):
    with organisation_scope(org):
        install_modules(org)
    guide = page(org, "X", kind=Page.GUIDE, network="x", checked_on=date(2026, 11, 1))
    client.force_login(people["employee"])
    body = html(client.get(reverse("toolkit_page", args=[guide.pk])))
    assert f"Hoogstens {platform.LIMITS['x'][0]} tekens" in body
    assert "Laatst nagekeken op 1 november 2026" in body
    assert reverse("module", args=[2]) in body
    monkeypatch.setitem(platform.LIMITS, "x", (321, "x"))
    assert "Hoogstens 321 tekens" in html(client.get(reverse("toolkit_page", args=[guide.pk])))


def test_the_instagram_guide_names_the_hashtag_limit(client, people, org):
    guide = page(org, "Instagram", kind=Page.GUIDE, network="instagram", checked_on=date(2026, 11, 1))
    client.force_login(people["employee"])
    body = html(client.get(reverse("toolkit_page", args=[guide.pk])))
    assert f"Hoogstens {platform.INSTAGRAM_HASHTAGS} hashtags" in body
    assert "nog niet gepubliceerd" in body  # no training module 2 in this organisation


def test_communications_hears_once_when_a_guide_is_six_months_old(org, people, monkeypatch):
    today = timezone.localdate()
    old = page(org, "LinkedIn", kind=Page.GUIDE, network="linkedin", checked_on=today - timedelta(days=190))
    page(org, "X", kind=Page.GUIDE, network="x", checked_on=today - timedelta(days=30))
    page(org, "Concept", kind=Page.GUIDE, network="bluesky", checked_on=date(2020, 1, 1), published=False)
    assert tasks.remind_about_guides.call() == 1  # as the worker runs it: no scope of its own
    notes = Notification.objects.filter(text__contains="LinkedIn")
    assert {n.person for n in notes} == {people["communications"]}
    assert notes.get().link == reverse("toolkit_page_edit", args=[old.pk])
    assert tasks.remind_about_guides.call() == 0
    with organisation_scope(org):
        domain.mark_checked(people["communications"], old)
        assert domain.remind_old_guides(today + timedelta(days=200)) == 2  # both out of date by then
        assert domain.remind_old_guides(today + timedelta(days=201)) == 0


def test_the_reminder_goes_to_administrators_when_there_is_no_communications(org, people):
    people["communications"].role_assignments.all().delete()
    page(org, "X", kind=Page.GUIDE, network="x", checked_on=date(2020, 1, 1))
    tasks.remind_about_guides.call()
    assert Notification.objects.get().person == people["administrator"]


def test_checked_today_moves_the_date(client, people, org):
    guide = page(org, "X", kind=Page.GUIDE, network="x", checked_on=date(2025, 1, 1))
    client.force_login(people["communications"])
    assert "ouder dan zes maanden" in html(client.get(reverse("toolkit_manage")))
    client.post(reverse("toolkit_page_checked", args=[guide.pk]))
    guide.refresh_from_db()
    assert guide.checked_on == timezone.localdate() and guide.updated_by == people["communications"]
    other = page(org, "Geen handleiding")
    assert client.post(reverse("toolkit_page_checked", args=[other.pk])).status_code == 404


# Kept uploads
def test_uploads_left_behind_go_the_next_night(org, people, django_capture_on_commit_callbacks):
    with organisation_scope(org):
        old = KeptUpload(person=people["employee"], name="oud.pdf", created=timezone.now() - timedelta(days=2))
        old.file.save("oud.pdf", pdf(), save=False)
        old.save()
        new = KeptUpload(person=people["employee"], name="nieuw.pdf")
        new.file.save("nieuw.pdf", pdf(), save=False)
        new.save()
    path = old.file.path
    with django_capture_on_commit_callbacks(execute=True):
        assert content_tasks.forget_kept_uploads.call() == 1
    assert list(KeptUpload.objects.all()) == [new]
    import os

    assert not os.path.exists(path)


def test_the_export_of_a_person_holds_their_checklist(org, people):
    from deelwijs.privacy import export

    person = people["ambassador"]
    with organisation_scope(org), translation.override("nl"):
        assert export._profile_checklist(person, None, None) is None
        domain.save_checklist(person, ["photo", "privacy"], True)
        data = export._profile_checklist(person, None, None)
    assert [t["key"] for t in data["ticked"]] == ["photo", "privacy"] and data["shown_in_directory"] is True
    assert data["ticked"][0]["text"].startswith("Mijn profielfoto volgt de tips")


# The demo
def test_the_demo_has_a_filled_toolkit(db):
    from deelwijs.demo.build import create_demo

    org, _logins = create_demo()
    with organisation_scope(org):
        assert Page.objects.filter(kind=Page.GUIDE).count() == 6 and PostFormat.objects.count() == 4
        assert len(domain.library_images(org)) == 3 and LibraryImage.objects.count() == 4
        # The photo with a colleague in it is offered by her consent, and leaves the library when it ends.
        team = LibraryImage.objects.get(title="Collega's bij de kerstboom")
        assert not domain.library_images(org, on=timezone.localdate() + timedelta(days=60)).count(team)
        assert all(entry.licence and entry.source for entry in LibraryImage.objects.all())
        assert org.naming_convention == "{voornaam}_{organisatie}"
        assert ProfileChecklist.objects.filter(in_directory=True).count() == 1
        from deelwijs.toolkit.models import Banner

        assert Banner.objects.count() == 1
    create_demo()  # again: nothing doubles
    with organisation_scope(org):
        assert LibraryImage.objects.count() == 4 and Page.objects.filter(kind=Page.GUIDE).count() == 6
