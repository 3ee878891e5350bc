"""The consent register (beeldtoestemming, issue 16): records, photos linked to them, and what follows from them.

Every view against every role, an anonymous visitor and another organisation; the forms in Dutch, keeping what
was typed and the uploaded form; the truth table of usable_for; warning and blocking when sharing and planning;
withdrawal and expiry (the job, with a frozen clock) taking items out of the feed and posts out of the plan, with
notices and the list of where the photos were shared; the reminder; printable pages; bounded queries on lists.
"""

import io
import os
from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from PIL import Image as PILImage

from deelwijs.accounts.models import CorporateAccount
from deelwijs.consent import domain
from deelwijs.consent.forms import PENDING_KEY
from deelwijs.consent.models import (
    INTRANET,
    ORGANISATION_SOCIAL,
    PRINT,
    STAFF_SOCIAL,
    WEBSITE,
    ConsentEnding,
    ConsentRecord,
    ImageConsent,
)
from deelwijs.consent.tasks import handle_consent_dates
from deelwijs.content.models import ContentItem
from deelwijs.orgs.models import AuditEntry, Notification, Organisation
from deelwijs.orgs.roles import ROLES
from deelwijs.orgs.tenancy import organisation_scope
from deelwijs.planning.models import PlannedPost
from deelwijs.sharing.domain import record_share
from deelwijs.sharing.models import Share
from deelwijs.stories.models import Story, StoryPhoto

from .test_content import make_item
from .test_files import stored_image
from .test_images import photo_with_gps

ALL = {role for role, _ in ROLES}
KEEPERS = {"communications", "administrator"}
TODAY = date(2027, 3, 10)
NOW = datetime(2027, 3, 10, 5, 30, tzinfo=UTC)  # 06:30 in Amsterdam, when the job runs


@pytest.fixture
def clock(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: NOW)
    return NOW


def pdf(name="formulier.pdf", size=None):
    body = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
    if size:
        body += b"0" * (size - len(body))
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def jpeg(name="formulier.jpg"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (800, 1100), (250, 250, 250)).save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def record(org, name="Mevrouw De Boer", channels=(INTRANET, WEBSITE, ORGANISATION_SOCIAL, STAFF_SOCIAL), **fields):
    fields.setdefault("valid_from", TODAY - timedelta(days=100))
    fields.setdefault("given_as", ConsentRecord.IN_APP)
    made = ConsentRecord(organisation=org, name=name, **fields)
    made.set_channels(channels)
    made.save()
    return made


def link(image, *records, nobody=False):
    consent, _created = ImageConsent.objects.get_or_create(image=image)
    consent.no_recognisable_people = nobody
    consent.save()
    consent.records.set(records)
    return consent


@pytest.fixture
def objects(org, people):
    image = stored_image(org, 400, 300)
    consent = record(org, recorded_by=people["communications"])
    with_form = record(org, "Jan Client", given_as=ConsentRecord.FORM, form_content_type="application/pdf")
    with_form.form.save("f.pdf", ContentFile(b"%PDF-1.4 form"), save=True)
    link(image, consent)
    with organisation_scope(org):
        ending = domain.end_consent(with_form, ConsentEnding.EXPIRED)
    return {"record": consent, "with_form": with_form, "image": image, "ending": ending}


PAGES = [
    ("consent_list", None),
    ("consent_new", None),
    ("consent_photos", None),
    ("consent_detail", "record"),
    ("consent_edit", "record"),
    ("consent_withdraw", "record"),
    ("consent_photo", "image"),
    ("consent_ending", "ending"),
]
FILES = [("consent_form_file", "with_form", []), ("consent_photo_file", "image", ["klein"])]


def url(name, kind, objects, extra=()):
    return reverse(name, args=[objects[kind].pk, *extra]) if kind else reverse(name)


# Who may see what
@pytest.mark.parametrize("name, kind", PAGES)
@pytest.mark.parametrize("role", sorted(ALL))
def test_each_role_gets_the_register_or_not(client, people, objects, name, kind, role):
    client.force_login(people[role])
    response = client.get(url(name, kind, objects))
    assert response.status_code == (200 if role in KEEPERS else 403)


@pytest.mark.parametrize("name, kind", PAGES)
def test_anonymous_visitors_are_sent_to_sign_in(client, objects, name, kind):
    response = client.get(url(name, kind, objects))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


@pytest.mark.parametrize("name, kind", [(n, k) for n, k in PAGES if k])
def test_it_rejects_other_organisation(client, objects, outsider, name, kind):
    client.force_login(outsider)
    assert client.get(url(name, kind, objects)).status_code == 404


@pytest.mark.parametrize("name, kind, extra", FILES)
@pytest.mark.parametrize("role", sorted(ALL))
def test_files_go_only_to_communications_and_administrators(client, people, objects, name, kind, extra, role):
    client.force_login(people[role])
    response = client.get(url(name, kind, objects, extra))
    assert response.status_code == (200 if role in KEEPERS else 404)
    if role in KEEPERS:
        assert response["Cache-Control"].startswith("private") and response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("name, kind, extra", FILES)
def test_files_are_not_found_for_anonymous_visitors_and_other_organisations(
    client, objects, outsider, name, kind, extra
):
    assert client.get(url(name, kind, objects, extra)).status_code == 404
    client.force_login(outsider)
    assert client.get(url(name, kind, objects, extra)).status_code == 404


def test_the_signed_form_is_a_download_and_an_unknown_size_is_not_found(client, people, objects):
    client.force_login(people["communications"])
    response = client.get(url("consent_form_file", "with_form", objects))
    assert response["Content-Disposition"].startswith("attachment") and response["Content-Type"] == "application/pdf"
    assert client.get(url("consent_photo_file", "image", objects, ["reuze"])).status_code == 404


@pytest.mark.parametrize("role", sorted(ALL - KEEPERS))
def test_others_cannot_change_anything(client, people, objects, role):
    client.force_login(people[role])
    consent = objects["record"]
    posts = [
        (reverse("consent_new"), {"name": "X"}),
        (reverse("consent_edit", args=[consent.pk]), {"name": "X"}),
        (reverse("consent_withdraw", args=[consent.pk]), {"withdrawn_on": "2020-01-01"}),
        (reverse("consent_photo", args=[objects["image"].pk]), {"no_recognisable_people": "on"}),
    ]
    for address, data in posts:
        assert client.post(address, data).status_code == 403
    consent.refresh_from_db()
    assert consent.name == "Mevrouw De Boer" and consent.withdrawn_on is None
    assert not ImageConsent.objects.get(image=objects["image"]).no_recognisable_people


def test_the_menu_shows_the_register_to_communications_only(client, people, objects):
    client.force_login(people["communications"])
    assert reverse("consent_list") in client.get(reverse("home")).content.decode()
    client.force_login(people["manager"])
    assert reverse("consent_list") not in client.get(reverse("home")).content.decode()


# usable_for
@pytest.mark.parametrize(
    "setup, channel, on, expected",
    [
        ("none", STAFF_SOCIAL, None, True),
        ("nothing", STAFF_SOCIAL, None, False),
        ("empty", STAFF_SOCIAL, None, False),
        ("nobody", STAFF_SOCIAL, None, True),
        ("valid", STAFF_SOCIAL, None, True),
        ("valid", PRINT, None, False),
        ("two", WEBSITE, None, True),
        ("two", STAFF_SOCIAL, None, False),
        ("expired", WEBSITE, None, False),
        ("expired", WEBSITE, TODAY - timedelta(days=2), True),
        ("last_day", WEBSITE, None, True),
        ("last_day", WEBSITE, TODAY + timedelta(days=1), False),
        ("withdrawn", WEBSITE, None, False),
        ("withdrawn", WEBSITE, TODAY - timedelta(days=20), True),
        ("upcoming", WEBSITE, None, False),
        ("upcoming", WEBSITE, TODAY + timedelta(days=10), True),
    ],
)
def test_usable_for(org, clock, setup, channel, on, expected):
    image = None if setup == "none" else stored_image(org, 200, 150)
    valid = record(org)
    if setup == "empty":
        link(image)
    elif setup == "nobody":
        link(image, nobody=True)
    elif setup == "valid":
        link(image, valid)
    elif setup == "two":
        link(image, valid, record(org, "Piet", channels=[WEBSITE]))
    elif setup == "expired":
        link(image, record(org, valid_until=TODAY - timedelta(days=1)))
    elif setup == "last_day":
        link(image, record(org, valid_until=TODAY))
    elif setup == "withdrawn":
        link(image, record(org, withdrawn_on=TODAY - timedelta(days=5)))
    elif setup == "upcoming":
        link(image, record(org, valid_from=TODAY + timedelta(days=5)))
    with organisation_scope(org):
        assert domain.usable_for(image, channel, on) is expected


def test_statuses_and_the_status_filter_agree(org, clock):
    made = {
        ConsentRecord.VALID: record(org, "Geldig"),
        ConsentRecord.EXPIRING: record(org, "Bijna", valid_until=TODAY + timedelta(days=29)),
        ConsentRecord.EXPIRED: record(org, "Voorbij", valid_until=TODAY - timedelta(days=1)),
        ConsentRecord.WITHDRAWN: record(org, "Ingetrokken", withdrawn_on=TODAY),
        ConsentRecord.UPCOMING: record(org, "Straks", valid_from=TODAY + timedelta(days=1)),
    }
    record(org, "Ruim", valid_until=TODAY + timedelta(days=30))
    with organisation_scope(org):
        for status, expected in made.items():
            assert expected.status() == status
            found = set(domain.search(ConsentRecord.objects.all(), status=status).values_list("name", flat=True))
            if status == ConsentRecord.VALID:
                assert found == {"Geldig", "Bijna", "Ruim"}  # expiring is still valid
            else:
                assert found == {expected.name}


# The register's forms
def form_data(**changes):
    data = {
        "name": "Mevrouw De Boer",
        "kind": "client",
        "description": "Afdeling Zonnebloem",
        "representative_name": "Petra de Boer",
        "representative_relation": "dochter en mentor",
        "channels": [INTRANET, WEBSITE],
        "scope": "general",
        "scope_description": "",
        "valid_from": "2027-01-01",
        "valid_until": "2028-12-31",
        "given_as": "form",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_communications_records_a_consent_with_a_signed_form(client, people, org):
    client.force_login(people["communications"])
    response = client.post(reverse("consent_new"), form_data(signed_form=pdf()))
    made = ConsentRecord.objects.get()
    assert response.status_code == 302 and response.url == reverse("consent_detail", args=[made.pk])
    assert made.channel_list == [INTRANET, WEBSITE] and made.form_content_type == "application/pdf"
    assert made.form.name.startswith("private/consent/") and "formulier" not in made.form.name
    assert made.representative_relation == "dochter en mentor"
    entry = AuditEntry.objects.get(action="consent_added")
    assert entry.details == {"number": made.pk, "kind": "client", "scope": "general"}
    assert entry.summary.startswith(f"Communications Test legde beeldtoestemming {made.pk} vast: cliënt, ")
    assert "Boer" not in entry.summary  # the number and kind, never the name
    page = client.get(reverse("consent_detail", args=[made.pk])).content.decode()
    assert "Petra de Boer" in page and reverse("consent_form_file", args=[made.pk]) in page and "data-print" in page


def test_a_photo_of_a_form_is_cleaned_like_every_photo(client, people, org):
    client.force_login(people["administrator"])
    assert client.post(reverse("consent_new"), form_data(signed_form=photo_with_gps())).status_code == 302
    made = ConsentRecord.objects.get()
    assert made.form_content_type == "image/jpeg" and made.form.name.endswith(".jpg")
    with default_storage.open(made.form.name) as stored, PILImage.open(stored) as picture:
        assert not picture.getexif() and max(picture.size) == 1600


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"channels": []}, "channels", "Kies ten minste één plek waar de foto's gebruikt mogen worden."),
        ({"valid_until": "2026-12-31"}, "valid_until", "De laatste dag kan niet vóór de eerste dag liggen."),
        ({"scope": "series"}, "scope_description", "Zeg voor welke serie of welk evenement de toestemming is."),
        (
            {"representative_relation": ""},
            "representative_relation",
            "Zeg hoe de vertegenwoordiger verwant is, bijv. mentor.",
        ),
        ({"representative_name": ""}, "representative_name", "Vul de naam van de vertegenwoordiger in."),
        ({"given_as": "in_app"}, "recorded_by", "Kies de medewerker die de toestemming hoorde geven."),
        ({"valid_from": "31-31-2027"}, "valid_from", "Voer een geldige datum in."),
        ({"name": ""}, "name", "Dit veld is verplicht."),
        ({"kind": "alien"}, "kind", "Selecteer een geldige keuze. alien is geen beschikbare keuze."),
    ],
)
def test_bad_input_gets_a_dutch_message_and_keeps_what_was_typed(client, people, org, changes, field, message):
    client.force_login(people["communications"])
    response = client.post(reverse("consent_new"), form_data(**changes, signed_form=pdf()))
    assert response.status_code == 400 and not ConsentRecord.objects.exists()
    assert list(response.context["form"].errors[field]) == [message]
    html = response.content.decode()
    assert "Afdeling Zonnebloem" in html and 'value="Mevrouw De Boer"' in html or field == "name"
    assert "formulier.pdf" in html  # the uploaded form is kept for the next try


def test_the_uploaded_form_is_kept_until_the_page_is_right(client, people, org):
    client.force_login(people["communications"])
    response = client.post(reverse("consent_new"), form_data(channels=[], signed_form=pdf()))
    token = response.context["form"].data["kept_form"]
    pending = client.session[PENDING_KEY][token]
    assert default_storage.exists(pending["name"]) and f'value="{token}"' in response.content.decode()
    response = client.post(reverse("consent_new"), form_data(kept_form=token))
    assert response.status_code == 302
    made = ConsentRecord.objects.get()
    assert made.form and made.form.name != pending["name"] and not pending["name"].endswith(made.form.name)
    with default_storage.open(made.form.name) as stored:
        assert stored.read().startswith(b"%PDF-")
    assert token not in client.session[PENDING_KEY]


def test_a_kept_form_of_another_session_is_not_taken(client, people, org):
    client.force_login(people["communications"])
    response = client.post(reverse("consent_new"), form_data(kept_form="someone-elses-token"))
    assert response.status_code == 400
    assert list(response.context["form"].errors["signed_form"]) == ["Upload het getekende formulier, als pdf of foto."]


@pytest.mark.parametrize(
    "upload, message",
    [
        (
            SimpleUploadedFile("x.pdf", b"not a pdf at all"),
            "Upload het formulier als pdf, of als JPEG-, PNG- of WebP-foto.",
        ),
        (pdf(size=10 * 1024 * 1024 + 1), "Dit bestand is groter dan 10 MB. Kies een kleiner bestand."),
    ],
    ids=["not-a-form", "too-large"],
)
def test_a_file_that_is_no_form_is_refused_in_dutch(client, people, org, upload, message):
    client.force_login(people["communications"])
    response = client.post(reverse("consent_new"), form_data(signed_form=upload))
    assert response.status_code == 400 and list(response.context["form"].errors["signed_form"]) == [message]


def test_consent_heard_in_person_names_the_employee(client, people, org):
    client.force_login(people["communications"])
    data = form_data(given_as="in_app", recorded_by=people["employee"].pk)
    assert client.post(reverse("consent_new"), data).status_code == 302
    made = ConsentRecord.objects.get()
    assert made.recorded_by == people["employee"] and not made.form


def test_someone_of_another_organisation_cannot_be_chosen(client, people, org, outsider):
    client.force_login(people["communications"])
    response = client.post(reverse("consent_new"), form_data(given_as="in_app", recorded_by=outsider.pk))
    assert response.status_code == 400 and "recorded_by" in response.context["form"].errors


def test_changing_the_end_date_is_logged_and_starts_the_reminder_again(client, people, org):
    made = record(org, valid_until=date(2030, 1, 1), reminded_on=date(2029, 12, 5))
    client.force_login(people["communications"])
    data = form_data(given_as="in_app", recorded_by=people["communications"].pk, valid_until="2031-01-01")
    assert client.post(reverse("consent_edit", args=[made.pk]), data).status_code == 302
    made.refresh_from_db()
    assert made.valid_until == date(2031, 1, 1) and made.reminded_on is None
    entry = AuditEntry.objects.get(action="consent_changed")
    assert entry.details["number"] == made.pk and "valid_until" in entry.details["fields"]
    assert entry.summary.startswith(f"Communications Test wijzigde beeldtoestemming {made.pk}: ")
    assert "geldig tot" in entry.summary and "valid_until" not in entry.summary


def test_a_new_consent_made_from_a_photo_is_linked_to_it(client, people, org):
    image = stored_image(org, 200, 150)
    client.force_login(people["communications"])
    data = form_data(given_as="in_app", recorded_by=people["communications"].pk, foto=image.pk)
    assert client.post(reverse("consent_new") + f"?foto={image.pk}", data).status_code == 302
    assert list(ImageConsent.objects.get(image=image).records.all()) == [ConsentRecord.objects.get()]


@pytest.mark.parametrize("foto", ["9" * 30, "abc", "-3", ""])
def test_a_hostile_photo_number_is_ignored(client, people, org, foto):
    client.force_login(people["communications"])
    assert client.get(reverse("consent_new") + f"?foto={foto}").status_code == 200
    data = form_data(given_as="in_app", recorded_by=people["communications"].pk, foto=foto)
    assert client.post(reverse("consent_new"), data).status_code == 302 and not ImageConsent.objects.exists()


@pytest.mark.parametrize("query", ["?q=" + "x" * 5000, "?status=%00", "?pagina=-1", "?pagina=" + "9" * 40])
def test_hostile_list_filters_never_break_the_page(client, people, org, query):
    record(org)
    client.force_login(people["communications"])
    assert client.get(reverse("consent_list") + query).status_code == 200
    assert client.get(reverse("consent_photos") + query.replace("status", "state")).status_code == 200


def test_a_photo_of_another_organisation_is_not_linked(client, people, org, other_org):
    foreign = stored_image(other_org, 200, 150)
    client.force_login(people["communications"])
    data = form_data(given_as="in_app", recorded_by=people["communications"].pk, foto=foreign.pk)
    assert client.post(reverse("consent_new"), data).status_code == 302
    assert not ImageConsent.objects.exists()


# Linking photos
def test_communications_links_the_people_in_a_photo(client, people, org):
    image = stored_image(org, 200, 150)
    first, second = record(org), record(org, "Piet Vrijwilliger")
    client.force_login(people["communications"])
    back = reverse("item_list")
    response = client.post(reverse("consent_photo", args=[image.pk]), {"records": [first.pk, second.pk], "next": back})
    assert response.status_code == 302 and response.url == back
    assert set(ImageConsent.objects.get(image=image).records.all()) == {first, second}
    entry = AuditEntry.objects.get(action="photo_consent")
    assert entry.details["image"] == image.pk and entry.details["records"] == [first.pk, second.pk]
    assert entry.summary.endswith(f"aan beeldtoestemming {first.pk} en {second.pk}.")
    response = client.post(reverse("consent_photo", args=[image.pk]), {"no_recognisable_people": "on"})
    consent = ImageConsent.objects.get(image=image)
    assert consent.no_recognisable_people and not consent.records.exists()


def test_people_and_nobody_at_once_is_refused_in_dutch(client, people, org):
    image = stored_image(org, 200, 150)
    chosen = record(org)
    client.force_login(people["communications"])
    response = client.post(
        reverse("consent_photo", args=[image.pk]), {"records": [chosen.pk], "no_recognisable_people": "on"}
    )
    assert response.status_code == 400 and not ImageConsent.objects.exists()
    refusal = "Kies de mensen op de foto, of vink aan dat niemand herkenbaar is: niet allebei."
    assert refusal in response.content.decode()
    assert response.context["form"]["records"].value() == [str(chosen.pk)]


def test_a_consent_for_one_photo_links_to_one_photo_only(client, people, org):
    one = record(org, scope=ConsentRecord.ONE_PHOTO)
    first, second = stored_image(org, 200, 150), stored_image(org, 200, 150)
    link(first, one)
    client.force_login(people["communications"])
    response = client.post(reverse("consent_photo", args=[second.pk]), {"records": [one.pk]})
    assert response.status_code == 400
    assert list(response.context["form"].errors["records"]) == [
        "De toestemming van Mevrouw De Boer is voor één foto, en die is al aan een andere foto gekoppeld."
    ]


@pytest.mark.parametrize("value", ["abc", "999999", "-1", "9" * 30, "1\x00"])
def test_a_hostile_choice_is_refused_without_an_error_page(client, people, org, value):
    image = stored_image(org, 200, 150)
    client.force_login(people["communications"])
    assert client.post(reverse("consent_photo", args=[image.pk]), {"records": [value]}).status_code == 400


def test_a_record_of_another_organisation_cannot_be_linked(client, people, org, other_org):
    image = stored_image(org, 200, 150)
    foreign = record(other_org)
    client.force_login(people["communications"])
    assert client.post(reverse("consent_photo", args=[image.pk]), {"records": [foreign.pk]}).status_code == 400
    assert not ImageConsent.objects.exists()


def test_the_panel_is_beside_the_photo_in_the_item_the_story_and_the_planned_post(client, people, org):
    image = stored_image(org, 200, 150)
    kept = record(org)
    link(image, kept)
    item = make_item(org, image=image)
    story = Story.objects.create(organisation=org, author=people["employee"], text="Verhaal")
    StoryPhoto.objects.create(story=story, image=stored_image(org, 200, 150))
    post = PlannedPost.objects.create(organisation=org, title="Foto", scheduled_at=NOW, image=image)
    client.force_login(people["communications"])
    story_image = story.photos.get().image
    pages = [
        (reverse("item_edit", args=[item.pk]), image),
        (reverse("story_review", args=[story.pk]), story_image),
        (reverse("post_edit", args=[post.pk]), image),
    ]
    for page, shown in pages:
        html = client.get(page).content.decode()
        assert 'class="photo-consent"' in html and reverse("consent_photo", args=[shown.pk]) in html
    pages = [page for page, _shown in pages]
    assert "Mevrouw De Boer" in client.get(pages[0]).content.decode()
    assert "Nog niemand heeft vastgelegd wie er op deze foto staat." in client.get(pages[1]).content.decode()


def test_a_manager_sees_whether_consent_is_in_order_without_names(client, people, org):
    image = stored_image(org, 200, 150)
    link(image, record(org))
    team = people["manager"].teams.get()
    post = PlannedPost.objects.create(
        organisation=org, title="Foto", scheduled_at=NOW, image=image, team=team, responsible=people["manager"]
    )
    client.force_login(people["manager"])
    html = client.get(reverse("post_edit", args=[post.pk])).content.decode()
    assert 'class="photo-consent"' in html and "Er is toestemming vastgelegd voor 1 persoon op deze foto." in html
    assert "Mevrouw De Boer" not in html and reverse("consent_photo", args=[image.pk]) not in html


# Warning and blocking
@pytest.fixture
def shared_item(org, people):
    image = stored_image(org, 200, 150)
    item = make_item(org, roles=[r for r, _ in ROLES], image=image)
    return item


def share_text():
    return "Mooi nieuws van ons team bij Zorggroep Test! Ik werk er met plezier."


def test_sharing_a_photo_without_consent_warns(client, people, org, shared_item):
    client.force_login(people["ambassador"])
    address = reverse("share", args=[shared_item.pk]) + "?netwerk=linkedin"
    html = client.get(address).content.decode()
    assert "Kijk eerst naar de foto voordat je hem deelt." in html
    response = client.post(
        reverse("share", args=[shared_item.pk]), {"network": "linkedin", "text": share_text(), "action": "share"}
    )
    assert response.status_code == 302 and Share.objects.count() == 1


def test_sharing_a_photo_without_consent_is_blocked_where_the_organisation_says_so(client, people, org, shared_item):
    Organisation.objects.filter(pk=org.pk).update(photo_consent_blocks=True)
    client.force_login(people["ambassador"])
    response = client.post(
        reverse("share", args=[shared_item.pk]), {"network": "linkedin", "text": share_text(), "action": "share"}
    )
    assert response.status_code == 200 and not Share.objects.exists()
    html = response.content.decode()
    assert "Deze foto mag nog niet gedeeld worden" in html and share_text() in html
    org.refresh_from_db()
    with organisation_scope(org), pytest.raises(Exception) as refused:
        record_share(people["ambassador"], ContentItem.objects.get(pk=shared_item.pk), "linkedin", share_text())
    assert refused.value.code == "consent"


def test_a_photo_with_consent_for_staff_networks_is_shared_without_a_word(client, people, org, shared_item):
    Organisation.objects.filter(pk=org.pk).update(photo_consent_blocks=True)
    link(shared_item.image, record(org))
    client.force_login(people["ambassador"])
    html = client.get(reverse("share", args=[shared_item.pk]) + "?netwerk=linkedin").content.decode()
    assert "consent-warning" not in html
    response = client.post(
        reverse("share", args=[shared_item.pk]), {"network": "linkedin", "text": share_text(), "action": "share"}
    )
    assert response.status_code == 302


def test_consent_for_the_organisation_only_does_not_cover_staff_networks(client, people, org, shared_item):
    Organisation.objects.filter(pk=org.pk).update(photo_consent_blocks=True)
    link(shared_item.image, record(org, channels=[ORGANISATION_SOCIAL]))
    client.force_login(people["ambassador"])
    response = client.post(
        reverse("share", args=[shared_item.pk]), {"network": "linkedin", "text": share_text(), "action": "share"}
    )
    assert response.status_code == 200 and not Share.objects.exists()


def post_data(account, **changes):
    data = {
        "title": "Kerst",
        "text": "Op de afdelingen vieren we kerst met bewoners en familie.",
        "account": account.pk,
        "scheduled_at": "2027-12-20T10:00",
        "status": "ready",
        "remind_hours": 24,
        "photo_alt": "Een kerstboom op de afdeling",
    }
    data.update(changes)
    return data


@pytest.fixture
def account(org):
    return CorporateAccount.objects.create(organisation=org, platform="facebook", handle="zorggroep")


def test_planning_a_new_photo_when_the_organisation_blocks_asks_for_a_draft_first(client, people, org, account):
    Organisation.objects.filter(pk=org.pk).update(photo_consent_blocks=True)
    client.force_login(people["communications"])
    response = client.post(reverse("post_new"), post_data(account, photo=jpeg("kerst.jpg")))
    assert response.status_code == 200 and not PlannedPost.objects.exists()
    errors = response.context["form"].errors["status"]
    assert errors[0].startswith("Nog niemand heeft vastgelegd wie er op deze foto staat")
    assert "Bewaar het bericht als idee of concept" in errors[0]
    assert "Op de afdelingen vieren we kerst" in response.content.decode()
    response = client.post(reverse("post_new"), post_data(account, photo=jpeg("kerst.jpg"), status="draft"))
    assert response.status_code == 302
    post = PlannedPost.objects.get()
    assert post.status == "draft" and post.image
    # With the people in it recorded, it may be ready.
    link(post.image, record(org, channels=[ORGANISATION_SOCIAL]))
    assert client.post(reverse("post_edit", args=[post.pk]), post_data(account)).status_code == 302
    post.refresh_from_db()
    assert post.status == "ready"


def test_planning_a_photo_without_consent_warns_where_the_organisation_does_not_block(client, people, org, account):
    client.force_login(people["communications"])
    response = client.post(reverse("post_new"), post_data(account, photo=jpeg("kerst.jpg")), follow=True)
    assert PlannedPost.objects.get().status == "ready"
    assert "Nog niemand heeft vastgelegd wie er op deze foto staat" in response.content.decode()


def test_a_post_for_the_ambassadors_needs_consent_for_staff_networks(client, people, org, account):
    Organisation.objects.filter(pk=org.pk).update(photo_consent_blocks=True)
    image = stored_image(org, 200, 150)
    link(image, record(org, channels=[ORGANISATION_SOCIAL]))
    post = PlannedPost.objects.create(organisation=org, title="Kerst", scheduled_at=NOW, image=image, status="draft")
    client.force_login(people["communications"])
    data = post_data(account, for_ambassadors="on")
    response = client.post(reverse("post_edit", args=[post.pk]), data)
    assert response.status_code == 200 and "eigen sociale media van medewerkers" in response.content.decode()


def test_planning_a_story_with_a_photo_without_consent_is_blocked_where_the_organisation_says_so(
    client, people, org, account
):
    Organisation.objects.filter(pk=org.pk).update(photo_consent_blocks=True)
    story = Story.objects.create(organisation=org, author=people["employee"], text="Een mooi verhaal over de tuin.")
    StoryPhoto.objects.create(story=story, image=stored_image(org, 200, 150))
    client.force_login(people["communications"])
    data = {"text": story.text, "account": account.pk, "scheduled_at": "2027-12-20T10:00"}
    response = client.post(reverse("story_decide", args=[story.pk, "plan"]), data)
    assert response.status_code == 400 and not PlannedPost.objects.exists()
    assert "Nog niemand heeft vastgelegd wie er op deze foto staat" in response.content.decode()
    story.refresh_from_db()
    assert story.status == Story.SUBMITTED
    # Making it a feed item starts a draft; the shares are checked later. It warns.
    response = client.post(reverse("story_decide", args=[story.pk, "feed"]), {**data, "title": "Tuin"}, follow=True)
    assert ContentItem.objects.get().published is False
    assert "Nog niemand heeft vastgelegd wie er op deze foto staat" in response.content.decode()


# Withdrawal and expiry
@pytest.fixture
def in_use(org, people, account):
    """A client's consent, linked to a photo that a published item, a ready post, a post for the ambassadors,
    a published post and a story use; the item was shared twice."""
    consent = record(org, "Mevrouw De Boer", kind=ConsentRecord.CLIENT)
    image = stored_image(org, 200, 150)
    link(image, consent)
    item = make_item(org, "Zomerfeest", roles=[r for r, _ in ROLES], image=image, created_by=people["ambassador"])
    with organisation_scope(org):
        first = record_share(people["ambassador"], item, "linkedin", share_text())
        record_share(people["employee"], item, "facebook", share_text())
    ready = PlannedPost.objects.create(
        organisation=org,
        title="Zomerfeest op Facebook",
        text="Wat een feest!",
        account=account,
        scheduled_at=NOW + timedelta(days=3),
        status="ready",
        image=image,
        responsible=people["manager"],
    )
    feed_post = PlannedPost.objects.create(
        organisation=org,
        title="Zomerfeest voor de ambassadeurs",
        text="Deel dit feest!",
        for_ambassadors=True,
        scheduled_at=NOW - timedelta(days=1),
        status="ready",
        image=image,
    )
    from deelwijs.planning.domain import sync_item

    sync_item(feed_post)
    published = PlannedPost.objects.create(
        organisation=org,
        title="Terugblik zomerfeest",
        text="Het was mooi.",
        account=account,
        scheduled_at=NOW - timedelta(days=5),
        status="published",
        image=image,
    )
    story = Story.objects.create(organisation=org, author=people["employee"], text="Het zomerfeest")
    StoryPhoto.objects.create(story=story, image=image)
    return {
        "record": consent,
        "image": image,
        "item": item,
        "share": first,
        "ready": ready,
        "feed_post": feed_post,
        "published": published,
        "story": story,
    }


def feed_titles(client, person):
    client.force_login(person)
    return [i.title for i in client.get(reverse("feed")).context["page"]]


def test_a_withdrawal_takes_the_photo_out_of_the_feed_and_the_plan_with_notices(client, people, org, in_use, clock):
    assert {"Zomerfeest", "Zomerfeest voor de ambassadeurs"} <= set(feed_titles(client, people["employee"]))
    client.force_login(people["communications"])
    consent = in_use["record"]
    preview = client.get(reverse("consent_withdraw", args=[consent.pk])).content.decode()
    assert "Zomerfeest op Facebook" in preview and in_use["share"].link.code in preview
    response = client.post(
        reverse("consent_withdraw", args=[consent.pk]), {"withdrawn_on": "2027-03-09", "note": "Dochter belde"}
    )
    ending = ConsentEnding.objects.get()
    assert response.status_code == 302 and response.url == reverse("consent_ending", args=[ending.pk])
    consent.refresh_from_db()
    assert consent.withdrawn_on == date(2027, 3, 9) and consent.ended_at == NOW and consent.status() == "withdrawn"

    # Out of the feed and the plan; nothing deleted.
    assert not set(feed_titles(client, people["employee"])) & {"Zomerfeest", "Zomerfeest voor de ambassadeurs"}
    in_use["item"].refresh_from_db()
    assert in_use["item"].published is False
    statuses = dict(PlannedPost.objects.values_list("title", "status"))
    assert statuses == {
        "Zomerfeest op Facebook": "cancelled",
        "Zomerfeest voor de ambassadeurs": "cancelled",
        "Terugblik zomerfeest": "published",
    }
    assert Story.objects.filter(pk=in_use["story"].pk, status=Story.SUBMITTED).exists()
    assert ContentItem.objects.count() == 2 and PlannedPost.objects.count() == 3

    # Where it was shared: both shares with network, date and short link, and the post on the corporate account.
    assert [(s["network"], s["where"]) for s in ending.shared] == [
        ("LinkedIn", "Zomerfeest"),
        ("Facebook", "Zomerfeest"),
        ("Facebook", "Terugblik zomerfeest"),
    ]
    assert in_use["share"].link.code in ending.shared[0]["link"] and ending.shared[0]["by"] == "Ambassador Test"
    kinds = sorted(u["kind"] for u in ending.uses)
    assert kinds == ["Feeditem", "Feeditem", "Gepland bericht", "Gepland bericht", "Gepland bericht", "Verhaal"]
    client.force_login(people["communications"])
    page = client.get(response.url).content.decode()
    assert in_use["share"].link.code in page and "data-print" in page
    assert "Geannuleerd: uit de planning gehaald." in page

    # Communications (with an e-mail) and the people responsible are told; nobody is told the client's name.
    told = Notification.objects.filter(person=people["communications"]).get()
    assert told.link == reverse("consent_ending", args=[ending.pk]) and "De Boer" not in told.text
    assert told.text.startswith(f"Beeldtoestemming {consent.pk} (cliënt) is ingetrokken.")
    for person in (people["ambassador"], people["manager"]):
        assert Notification.objects.filter(person=person, text__contains="toestemming").exists()
    assert not Notification.objects.filter(text__contains="De Boer").exists()
    entry = AuditEntry.objects.get(action="consent_withdrawn")
    assert (
        entry.details == {"number": consent.pk, "on": "2027-03-09"} and "op 9 mrt. 2027 is ingetrokken" in entry.summary
    )


def test_a_withdrawal_in_the_future_is_refused_in_dutch(client, people, org, in_use, clock):
    client.force_login(people["communications"])
    response = client.post(
        reverse("consent_withdraw", args=[in_use["record"].pk]), {"withdrawn_on": "2027-03-11", "note": "Later"}
    )
    assert response.status_code == 400
    assert "Een intrekking kan niet in de toekomst gedateerd zijn." in response.content.decode()
    assert 'value="Later"' in response.content.decode() and not ConsentEnding.objects.exists()


def test_a_second_withdrawal_changes_nothing(client, people, org, in_use, clock):
    client.force_login(people["communications"])
    address = reverse("consent_withdraw", args=[in_use["record"].pk])
    client.post(address, {"withdrawn_on": "2027-03-09"})
    response = client.post(address, {"withdrawn_on": "2027-03-10"})
    assert response.status_code == 302 and ConsentEnding.objects.count() == 1
    in_use["record"].refresh_from_db()
    assert in_use["record"].withdrawn_on == date(2027, 3, 9)


def test_the_job_takes_out_the_photos_of_consent_that_expired(org, people, in_use, clock):
    ConsentRecord.objects.filter(pk=in_use["record"].pk).update(valid_until=date(2027, 3, 9))
    outside = record(org, "Nog geldig", valid_until=date(2027, 3, 10))  # its last day is today
    result = handle_consent_dates.enqueue().return_value
    assert result == "1 ended, 1 reminders"
    ending = ConsentEnding.objects.get()
    assert ending.record == in_use["record"] and ending.reason == "expired"
    in_use["item"].refresh_from_db()
    assert in_use["item"].published is False and PlannedPost.objects.get(pk=in_use["ready"].pk).status == "cancelled"
    text = Notification.objects.get(person=people["communications"], link__contains="beeindigd").text
    assert text.startswith(f"Beeldtoestemming {in_use['record'].pk} (cliënt) is afgelopen.")
    outside.refresh_from_db()
    assert outside.ended_at is None
    # Once only.
    assert handle_consent_dates.enqueue().return_value == "0 ended, 0 reminders"
    assert ConsentEnding.objects.count() == 1


def test_the_job_runs_in_every_organisation(org, other_org, people, outsider, clock):
    mine = record(org, valid_until=date(2027, 1, 1))
    theirs = record(other_org, valid_until=date(2027, 1, 1))
    assert handle_consent_dates.enqueue().return_value == "2 ended, 0 reminders"
    assert ConsentEnding.objects.get(record=mine).organisation == org
    assert ConsentEnding.objects.get(record=theirs).organisation == other_org
    assert Notification.objects.filter(person=people["communications"]).count() == 1


def test_communications_is_reminded_a_month_before_the_end(org, people, clock):
    soon = record(org, "Bijna", valid_until=TODAY + timedelta(days=29))
    record(org, "Ruim", valid_until=TODAY + timedelta(days=30))
    with organisation_scope(org):
        assert domain.handle_dates() == (0, 1)
        assert domain.handle_dates() == (0, 0)
    told = Notification.objects.get(person=people["communications"])
    assert told.text == (
        f"Beeldtoestemming {soon.pk} (cliënt) loopt af op 08-04-2027. Vraag op tijd een nieuwe toestemming, anders "
        "gaan de foto's de dag erna uit de feed en de planning."
    )
    assert told.link == reverse("consent_detail", args=[soon.pk])
    assert not Notification.objects.filter(person=people["employee"]).exists()


def test_a_consent_entered_with_an_end_in_the_past_acts_at_once(client, people, org, in_use, clock):
    client.force_login(people["communications"])
    consent = in_use["record"]
    data = form_data(
        name=consent.name, given_as="in_app", recorded_by=people["communications"].pk, valid_until="2027-03-01"
    )
    data.pop("representative_name"), data.pop("representative_relation")
    assert client.post(reverse("consent_edit", args=[consent.pk]), data).status_code == 302
    assert ConsentEnding.objects.get().reason == "expired"
    in_use["item"].refresh_from_db()
    assert not in_use["item"].published


# Printable overviews and lists
def test_the_overview_of_a_photo_shows_who_is_in_it_and_where_it_is_used(client, people, org, in_use):
    client.force_login(people["communications"])
    html = client.get(reverse("consent_photo", args=[in_use["image"].pk])).content.decode()
    for expected in ("Mevrouw De Boer", "Zomerfeest op Facebook", "data-print", in_use["share"].link.code):
        assert expected in html
    assert reverse("consent_photo_file", args=[in_use["image"].pk, "groot"]) in html


def test_the_overview_of_a_person_lists_their_other_consents(client, people, org):
    first = record(org, "Jan Jansen", kind=ConsentRecord.EMPLOYEE, person=people["employee"])
    second = record(org, "J. Jansen", kind=ConsentRecord.EMPLOYEE, person=people["employee"], scope="series")
    record(org, "Iemand anders")
    client.force_login(people["communications"])
    response = client.get(reverse("consent_detail", args=[first.pk]))
    assert list(response.context["others"]) == [second]


@pytest.mark.parametrize(
    "query, names",
    [
        ("?q=boer", ["Mevrouw De Boer"]),
        ("?q=petra", ["Mevrouw De Boer"]),
        ("?status=withdrawn", ["Ingetrokken"]),
        ("?kind=volunteer", ["Ingetrokken"]),
        ("?status=nonsense&kind=%00", ["Ingetrokken", "Mevrouw De Boer"]),
        ("?pagina=zeven", ["Ingetrokken", "Mevrouw De Boer"]),
    ],
)
def test_the_register_is_searched_and_filtered(client, people, org, query, names):
    record(org, representative_name="Petra", representative_relation="dochter")
    record(org, "Ingetrokken", kind=ConsentRecord.VOLUNTEER, withdrawn_on=date(2020, 1, 1))
    client.force_login(people["communications"])
    response = client.get(reverse("consent_list") + query)
    assert response.status_code == 200 and [r.name for r in response.context["page"]] == names


@pytest.mark.parametrize("name", ["consent_list", "consent_photos"])
def test_the_lists_take_the_same_queries_for_one_or_three(client, people, org, name):
    client.force_login(people["communications"])
    counts = []
    for n in (1, 3):
        while ConsentRecord.objects.count() < n:
            made = record(org, f"Persoon {ConsentRecord.objects.count()}")
            image = stored_image(org, 100, 80)
            link(image, made)
            make_item(org, image=image)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse(name))
        assert response.status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1], counts


def test_the_photo_list_filters_by_what_is_recorded(client, people, org):
    nobody, nothing, ended = (stored_image(org, 100, 80) for _ in range(3))
    link(nobody, nobody=True)
    link(ended, record(org, ended_at=NOW))
    for image in (nobody, nothing, ended):
        make_item(org, image=image)
    stored_image(org, 100, 80)  # used by nothing we publish: not listed
    client.force_login(people["communications"])

    def listed(state):
        return {i.pk for i in client.get(reverse("consent_photos") + f"?state={state}").context["page"]}

    assert listed("") == {nobody.pk, nothing.pk, ended.pk}
    assert listed("niemand") == {nobody.pk}
    assert listed("niets") == {nothing.pk}
    assert listed("beeindigd") == {ended.pk} == listed("mensen")


# Retention and the settings
def test_retention_deletes_ended_consent_after_its_years_with_the_form(org, people, django_capture_on_commit_callbacks):
    old = record(org, "Oud", withdrawn_on=date(2020, 1, 1), given_as=ConsentRecord.FORM)
    old.form.save("f.pdf", ContentFile(b"%PDF-1.4"), save=True)
    name = old.form.name
    young = record(org, "Jong", valid_until=date(2024, 6, 1))
    running = record(org, "Loopt")
    with organisation_scope(org):
        domain.end_consent(old, ConsentEnding.WITHDRAWN)
        with django_capture_on_commit_callbacks(execute=True):
            assert domain.forget_ended(date(2022, 1, 1)) == 1
    assert set(ConsentRecord.objects.values_list("name", flat=True)) == {young.name, running.name}
    assert not ConsentEnding.objects.exists() and not os.path.exists(default_storage.path(name))


def test_the_settings_page_sets_blocking_and_it_is_logged(client, people, org):
    client.force_login(people["administrator"])
    page = client.get(reverse("settings")).content.decode()
    assert "photo_consent_blocks" in page
    from django.forms.models import model_to_dict

    from deelwijs.orgs.forms import SettingsForm

    data = {k: v for k, v in model_to_dict(org, fields=SettingsForm.Meta.fields).items() if v not in (None, False)}
    data |= {"photo_consent_blocks": "on", "word_list_text": ""}
    assert client.post(reverse("settings"), data).status_code == 302
    org.refresh_from_db()
    assert (
        org.photo_consent_blocks
        and "photo_consent_blocks" in AuditEntry.objects.get(action="settings").details["fields"]
    )


def test_the_retention_page_names_ended_consent(client, people, org):
    client.force_login(people["administrator"])
    html = client.get(reverse("retention")).content.decode()
    assert "Beeldtoestemming die is ingetrokken of afgelopen (jaren)" in html and "Tussen 1 en 20 jaar." in html


def test_a_kept_form_that_was_never_used_is_deleted_after_a_day(client, people, org):
    client.force_login(people["communications"])
    response = client.post(reverse("consent_new"), form_data(channels=[], signed_form=pdf()))
    name = client.session[PENDING_KEY][response.context["form"].data["kept_form"]]["name"]
    assert domain.forget_pending_forms() == 0 and default_storage.exists(name)
    assert domain.forget_pending_forms(timezone.now() + timedelta(days=1, minutes=1)) == 1
    assert not default_storage.exists(name)


def test_the_export_holds_their_consent_and_its_form(org, people):
    from deelwijs.privacy import export

    theirs = record(org, "Employee Test", person=people["employee"], given_as=ConsentRecord.FORM)
    theirs.form.save("f.pdf", ContentFile(b"%PDF-1.4 handtekening"), save=True)
    record(org, "Iemand anders", recorded_by=people["employee"])

    class Archive:
        def __init__(self):
            self.files = {}

        def open(self, name, mode):
            buffer = io.BytesIO()
            buffer.close = lambda: self.files.__setitem__(name, buffer.getvalue())
            return buffer

    archive = Archive()
    with organisation_scope(org):
        rows = export._photo_consent(people["employee"], export.Files(archive), export.Notes())
        work = export._work(people["employee"], None, None)
    assert [r["name"] for r in rows] == ["Employee Test"] and rows[0]["form"].startswith("toestemming/")
    assert archive.files[rows[0]["form"]] == b"%PDF-1.4 handtekening"
    consent_work = [w for w in work if w["kind"] == "consent.ConsentRecord"]
    assert len(consent_work) == 1 and "Iemand" not in consent_work[0]["description"]


def test_the_demo_has_consent_records_linked_to_photos(db):
    from deelwijs.demo.build import create_demo

    org, _logins = create_demo()
    with organisation_scope(org):
        records = {r.kind: r for r in ConsentRecord.objects.all()}
        assert set(records) == {"client", "employee", "volunteer"}
        assert records["client"].has_representative and records["client"].form and records["client"].scope == "general"
        assert records["employee"].scope == "series" and records["employee"].recorded_by is not None
        assert records["volunteer"].status() == "withdrawn" and records["volunteer"].endings.get().shared
        # the coffee table, and the three drawings of the image library (deelwijs.toolkit.demo)
        assert ImageConsent.objects.filter(no_recognisable_people=True).count() == 4
        assert PlannedPost.objects.filter(image__consent__records=records["client"]).exists()
        assert all(domain.images_of(r).exists() for r in records.values())
    create_demo()  # idempotent
    with organisation_scope(org):
        assert ConsentRecord.objects.count() == 3


@pytest.mark.parametrize("field", ["person", "recorded_by"])
def test_a_person_number_past_any_id_is_an_invalid_choice(client, people, org, field):
    client.force_login(people["communications"])
    data = form_data(given_as="in_app", **{field: "9" * 30})
    response = client.post(reverse("consent_new"), data)
    assert response.status_code == 400 and field in response.context["form"].errors
