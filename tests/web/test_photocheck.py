"""The photo check in the web: checked after every upload, shown beside the photo, blurred, kept, and stopping
sharing and planning where it blocks; per role, and for another organisation."""

import io
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image as PILImage

from deelwijs.accounts.models import CorporateAccount
from deelwijs.content import photochecks
from deelwijs.content.images import process
from deelwijs.content.models import ContentItem, Image, PhotoCheck
from deelwijs.jobs.retention import apply as apply_retention
from deelwijs.orgs.models import AuditEntry
from deelwijs.orgs.tenancy import organisation_scope
from deelwijs.planning.models import PlannedPost
from deelwijs.sharing.domain import record_share
from deelwijs.stories.models import Story, StoryPhoto
from tests.photocheck.images import jpeg, scenery, whiteboard

from .test_content import item_post, make_item


def upload(picture=None, name="bord.jpg"):
    picture = picture if picture is not None else whiteboard()[0]
    return SimpleUploadedFile(name, jpeg(picture), content_type="image/jpeg")


def stored(org, picture=None):
    """A photo as an upload stores it, not checked yet."""
    return Image.from_processed(org, process(upload(picture)), "Een bord")


def checked(org, picture=None):
    """A photo as an upload stores it, and its check done (as the worker does it)."""
    image = stored(org, picture)
    with organisation_scope(org):
        photochecks.request_check(image, queue=False)
        assert photochecks.run_check(image.pk) == PhotoCheck.DONE
    return Image.objects.get(pk=image.pk)


@pytest.fixture
def board(org):
    """A published item for everyone, with a photo of a whiteboard with a name and a room number, checked."""
    item = make_item(org, "Ons bord")
    item.image = checked(org)
    item.save()
    return item


# Checked after every upload, in the background


def test_an_item_photo_is_checked_after_the_upload_commits(client, people, django_capture_on_commit_callbacks):
    client.force_login(people["communications"])
    texts = [("linkedin", "Kom naar onze open dag! Ik werk er zelf met plezier.")]
    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = client.post(
            reverse("item_new"), item_post(people, texts, photo=upload(), photo_alt="Het bord in de huiskamer")
        )
    assert response.status_code == 302
    check = ContentItem.objects.get().image.photo_check
    # The page did not wait: the check is pending and waits for the commit.
    assert check.status == PhotoCheck.PENDING and check.findings == [] and queued
    for callback in queued:
        callback()  # the commit: the task runs (the tests' task backend runs it at once)
    check.refresh_from_db()
    assert check.status == PhotoCheck.DONE and check.checked_at and check.seconds is not None
    texts = {f["text"] for f in check.findings}
    assert texts == {"Mevr. Jansen", "kamer 12"} and check.blocks
    finding = check.findings[0]
    assert finding["message"]["nl"].startswith("“Mevr. Jansen”") and "client" in finding["message"]["en"]
    assert set(finding["box"]) == {"x", "y", "w", "h"}


def test_a_planned_post_photo_and_a_story_photo_are_queued_too(client, people, org, django_capture_on_commit_callbacks):
    account = CorporateAccount.objects.create(organisation=org, platform="facebook", handle="lindehof")
    client.force_login(people["communications"])
    data = {
        "title": "Bord",
        "text": "Ons nieuwe bord.",
        "account": account.pk,
        "scheduled_at": "2026-12-20T10:00",
        "responsible": people["communications"].pk,
        "status": PlannedPost.IDEA,
        "remind_hours": 24,
        "photo": upload(scenery()),
        "photo_alt": "Het park",
    }
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(reverse("post_new"), data).status_code == 302
        client.force_login(people["employee"])
        story = {
            "text": "Ons nieuwe bord in de huiskamer.",
            "networks": ["linkedin"],
            "consent": "on",
            "photo_alt_1": "Het bord",
        }
        client.post(reverse("story_new"), {**story, "photos": [upload()]})
    post_check = PlannedPost.objects.get().image.photo_check
    story_check = StoryPhoto.objects.get().image.photo_check
    assert post_check.status == story_check.status == PhotoCheck.DONE
    assert post_check.findings == [] and story_check.blocks


def test_a_check_of_a_photo_blurred_meanwhile_is_dropped(org, board):
    image = board.image
    check = image.photo_check
    check.status, check.findings = PhotoCheck.PENDING, []
    check.save()
    real_read = photochecks.photocheck.read

    def read_then_blur(data, timeout):
        reading = real_read(data, timeout)
        Image.objects.filter(pk=image.pk).update(large="private/some-other-file.jpg")  # a blur landed meanwhile
        return reading

    photochecks.photocheck.read = read_then_blur
    try:
        with organisation_scope(org):
            assert photochecks.run_check(image.pk) == "stale"
    finally:
        photochecks.photocheck.read = real_read
    check.refresh_from_db()
    assert check.status == PhotoCheck.PENDING and check.findings == []


def test_a_photo_that_cannot_be_read_marks_the_check_failed(org, monkeypatch):
    image = stored(org)
    with organisation_scope(org):
        photochecks.request_check(image, queue=False)
        monkeypatch.setattr(photochecks.photocheck, "read", lambda *a, **k: (_ for _ in ()).throw(OSError("gone")))
        assert photochecks.run_check(image.pk) == PhotoCheck.FAILED
    assert not photochecks.blocks(image)


def test_the_check_uses_the_organisations_policy(org):
    # The organisation's own number on a poster is no private phone number, as in a caption.
    picture, _ = whiteboard(("Vragen?", "Bel ons: 06-11223344"))
    image = checked(org, picture)
    assert image.photo_check.findings
    org.public_contacts = "06-11223344"
    org.save(update_fields=["public_contacts"])
    with organisation_scope(org):
        photochecks.run_check(image.pk)
    image.photo_check.refresh_from_db()
    assert image.photo_check.findings == []


# Beside the photo, for whoever sees it


def test_communications_sees_the_findings_beside_the_photo_and_the_way_to_blur(client, people, board):
    client.force_login(people["communications"])
    html = client.get(reverse("item_edit", args=[board.pk])).content.decode()
    assert "Fotocontrole" in html and "Blokkeert" in html and "“Mevr. Jansen”" in html
    assert reverse("photo_check_image", args=[board.image.pk, "klein"]) in html
    assert reverse("photo_edit", args=[board.image.pk]) in html


def test_a_colleague_sees_the_findings_in_the_share_flow_without_the_tools(client, people, board):
    client.force_login(people["ambassador"])
    html = client.get(reverse("share", args=[board.pk]) + "?netwerk=linkedin").content.decode()
    assert "Fotocontrole" in html and "Mevr. Jansen" in html and "mag zo niet gedeeld" in html
    assert f'href="{reverse("photo_edit", args=[board.image.pk])}?' not in html


@pytest.mark.parametrize("role", ["communications", "ambassador", "employee"])
def test_whoever_sees_the_item_gets_the_panel_and_the_drawn_photo(client, people, board, role):
    client.force_login(people[role])
    panel = client.get(reverse("photo_check", args=[board.image.pk]))
    assert panel.status_code == 200 and 'data-status="done"' in panel.content.decode()
    drawn = client.get(reverse("photo_check_image", args=[board.image.pk, "klein"]))
    assert drawn.status_code == 200 and drawn["Content-Type"] == "image/png"
    assert drawn["Cache-Control"].startswith("private") and drawn["X-Content-Type-Options"] == "nosniff"
    with PILImage.open(io.BytesIO(drawn.content)) as picture:
        assert picture.size == (board.image.small.width, board.image.small.height)
    large = client.get(reverse("photo_check_image", args=[board.image.pk, "groot"]))
    assert large["Content-Type"] == "image/jpeg"


def test_someone_who_does_not_see_the_photo_gets_404_also_from_another_organisation(
    client, people, board, org, outsider
):
    board.set_roles(["communications"])  # the item is no longer for the client
    board.save()
    for person in (people["client"], outsider):
        client.force_login(person)
        for name, args in (("photo_check", [board.image.pk]), ("photo_check_image", [board.image.pk, "klein"])):
            assert client.get(reverse(name, args=args)).status_code == 404
        assert client.get(reverse("photo_edit", args=[board.image.pk])).status_code == 404
    client.logout()
    assert client.get(reverse("photo_check", args=[board.image.pk])).status_code == 404


def test_a_pending_check_says_so_and_the_page_does_not_wait(client, people, org):
    item = make_item(org, "Nieuw")
    item.image = stored(org)
    item.save()
    with organisation_scope(org):
        photochecks.request_check(item.image, queue=False)
    client.force_login(people["communications"])
    html = client.get(reverse("item_edit", args=[item.pk])).content.decode()
    assert 'data-status="pending"' in html and "wordt gecontroleerd" in html
    assert "js/photocheck.js" in html  # the script that asks the panel again; the link reloads without it


def test_a_manager_sees_the_check_of_a_team_post_but_may_not_blur(client, people, org):
    team = people["manager"].teams.first()
    post = PlannedPost.objects.create(
        organisation=org, title="Bord", text="Tekst", scheduled_at=timezone.now(), team=team, image=checked(org)
    )
    client.force_login(people["manager"])
    html = client.get(reverse("post_edit", args=[post.pk])).content.decode()
    assert "Fotocontrole" in html and f'href="{reverse("photo_edit", args=[post.image.pk])}?' not in html
    assert client.get(reverse("photo_edit", args=[post.image.pk])).status_code == 403


def test_a_client_in_the_team_does_not_see_the_check_of_a_planned_post(client, people, org):
    team = people["client"].teams.first()
    post = PlannedPost.objects.create(
        organisation=org, title="Bord", text="Tekst", scheduled_at=timezone.now(), team=team, image=checked(org)
    )
    client.force_login(people["client"])
    assert client.get(reverse("photo_check", args=[post.image.pk])).status_code == 404
    client.force_login(people["employee"])  # the same team, and staff: sees the plan
    assert client.get(reverse("photo_check", args=[post.image.pk])).status_code == 200


# Blurring


def test_communications_blurs_a_finding_the_blurred_photo_is_used_and_checked_again(
    client, people, board, django_capture_on_commit_callbacks
):
    image = board.image
    before_large, before_small = image.large.name, image.small.name
    client.force_login(people["communications"])
    page = client.get(reverse("photo_edit", args=[image.pk]))
    assert page.status_code == 200 and page.context["form"].initial["marks"] == [1]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("photo_edit", args=[image.pk]), {"marks": ["1"], "next": "/inhoud/"})
    assert response.status_code == 302 and response.url == "/inhoud/"
    image.refresh_from_db()
    check = image.photo_check
    # New files under new names; the photo as uploaded is the original; the old small size is gone.
    assert image.large.name != before_large and check.original.name == before_large and check.blurred_at
    assert default_storage.exists(before_large) and not default_storage.exists(before_small)
    # Checked again on the blurred photo: the name can no longer be read.
    assert check.status == PhotoCheck.DONE and not check.findings and not check.blocks
    assert AuditEntry.objects.filter(action="photo_blurred").exists()
    # The item shows the blurred photo (a new version in its address, so no browser shows the old one).
    html = client.get(reverse("item_edit", args=[board.pk])).content.decode()
    assert f"?v={image.version}" in html


def test_a_drawn_region_is_blurred_and_a_bad_one_refused_in_dutch_keeping_the_numbers(client, people, org):
    image = checked(org, scenery())
    item = make_item(org, "Landschap")
    item.image = image
    item.save()
    client.force_login(people["communications"])
    url = reverse("photo_edit", args=[image.pk])
    outside = {"x": "10", "y": "10", "width": "99999", "height": "30"}
    response = client.post(url, outside)
    assert response.status_code == 400 and "99999" in response.content.decode()
    assert "hoogstens" in response.content.decode()
    half = client.post(url, {"x": "10", "y": "10"})
    assert half.status_code == 400 and "alle vier" in half.content.decode()
    nothing = client.post(url, {})
    assert nothing.status_code == 400 and "Kies wat je wilt vervagen" in nothing.content.decode()
    with image.large.open("rb") as f, PILImage.open(f) as picture:
        region = picture.crop((100, 380, 400, 680)).tobytes()
    assert client.post(url, {"x": "100", "y": "380", "width": "300", "height": "300"}).status_code == 302
    image.refresh_from_db()
    with image.large.open("rb") as f, PILImage.open(f) as picture:
        assert picture.crop((100, 380, 400, 680)).tobytes() != region


def test_the_public_copy_of_a_published_item_shows_the_blurred_photo(client, people, board):
    image = board.image
    image.refresh_from_db()
    old_public = image.public.name
    assert old_public
    client.force_login(people["communications"])
    client.post(reverse("photo_edit", args=[image.pk]), {"marks": ["1"]})
    image.refresh_from_db()
    assert image.public and image.public.name != old_public


def test_the_storyteller_blurs_before_sending_and_then_sends(client, people, org, django_capture_on_commit_callbacks):
    client.force_login(people["employee"])
    data = {
        "text": "Ons nieuwe bord in de huiskamer.",
        "networks": ["linkedin"],
        "consent": "on",
        "photo_alt_1": "Het bord",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("story_new"), {**data, "photos": [upload()]})
    story = Story.objects.get()
    assert story.status == Story.DRAFT and response.url == reverse("story_send", args=[story.pk])
    # Not sent yet: communications does not see it.
    client.force_login(people["communications"])
    assert story.text not in client.get(reverse("story_queue")).content.decode()
    assert client.get(reverse("story_review", args=[story.pk])).status_code == 404
    client.force_login(people["employee"])
    page = client.get(reverse("story_send", args=[story.pk])).content.decode()
    image = story.photos.get().image
    assert "Mevr. Jansen" in page and reverse("photo_edit", args=[image.pk]) in page
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(reverse("photo_edit", args=[image.pk]), {"marks": ["1"]}).status_code == 302
    assert not image.photo_check.__class__.objects.get(pk=image.photo_check.pk).blocks
    assert client.post(reverse("story_send", args=[story.pk])).status_code == 302
    story.refresh_from_db()
    assert story.status == Story.SUBMITTED
    # Sent: the author no longer blurs, and the page to send it is gone.
    assert client.get(reverse("photo_edit", args=[image.pk])).status_code == 403
    assert client.get(reverse("story_send", args=[story.pk])).status_code == 404
    client.force_login(people["communications"])
    assert story.text in client.get(reverse("story_queue")).content.decode()


def test_a_colleague_cannot_send_or_blur_someone_elses_draft(client, people, org):
    story = Story.objects.create(organisation=org, author=people["employee"], text="Concept", status=Story.DRAFT)
    image = checked(org)
    StoryPhoto.objects.create(story=story, image=image)
    client.force_login(people["ambassador"])
    assert client.get(reverse("story_send", args=[story.pk])).status_code == 404
    assert client.post(reverse("story_send", args=[story.pk])).status_code == 404
    assert client.get(reverse("photo_edit", args=[image.pk])).status_code == 404
    # Communications neither: the story is not sent yet.
    client.force_login(people["communications"])
    assert client.get(reverse("photo_check_image", args=[image.pk, "groot"])).status_code == 404
    assert client.get(reverse("photo_edit", args=[image.pk])).status_code == 404
    story.refresh_from_db()
    assert story.status == Story.DRAFT


# Blocking and keeping


def test_a_blocking_photo_stops_sharing_until_communications_keeps_it_with_a_reason(client, people, board):
    ambassador = people["ambassador"]
    text = "Ons nieuwe bord! Ik werk met plezier bij Zorggroep Test."
    with pytest.raises(ValidationError) as refused, organisation_scope(board.organisation):
        record_share(ambassador, board, "linkedin", text, confirmed=True)
    assert refused.value.code == "photo_check"
    client.force_login(ambassador)
    response = client.post(reverse("share", args=[board.pk]), {"network": "linkedin", "text": text, "action": "share"})
    assert response.status_code == 200 and "fotocontrole" in response.content.decode()
    assert 'data-photo-blocks="1"' in response.content.decode()  # the button stays off, also for share.js
    # Only communications keeps a photo as it is.
    assert client.post(reverse("photo_accept", args=[board.image.pk]), {"reason": "x"}).status_code == 403
    client.force_login(people["communications"])
    empty = client.post(reverse("photo_accept", args=[board.image.pk]), {"reason": ""})
    assert empty.status_code == 400
    reason = "Mevrouw Jansen en haar dochter gaven toestemming."
    assert client.post(reverse("photo_accept", args=[board.image.pk]), {"reason": reason}).status_code == 302
    check = PhotoCheck.objects.get(image=board.image)
    assert check.accepted_reason == reason and not check.blocks
    assert AuditEntry.objects.filter(action="photo_check_override", summary__contains=reason).exists()
    with organisation_scope(board.organisation):
        assert record_share(ambassador, board, "linkedin", text, confirmed=True)
    html = client.get(reverse("item_edit", args=[board.pk])).content.decode()
    assert reason in html


def test_a_blocking_photo_keeps_a_planned_post_from_being_ready(client, people, org):
    account = CorporateAccount.objects.create(organisation=org, platform="facebook", handle="lindehof")
    post = PlannedPost.objects.create(
        organisation=org, title="Bord", text="Ons bord.", account=account, scheduled_at=timezone.now(),
        responsible=people["communications"], image=checked(org),
    )  # fmt: skip
    client.force_login(people["communications"])
    data = {
        "title": "Bord",
        "text": "Ons nieuwe bord.",
        "account": account.pk,
        "scheduled_at": "2026-12-20T10:00",
        "responsible": people["communications"].pk,
        "status": PlannedPost.READY,
        "remind_hours": 24,
    }
    response = client.post(reverse("post_edit", args=[post.pk]), data)
    assert response.status_code == 200 and "fotocontrole" in response.context["form"].errors["status"][0]
    assert client.post(reverse("post_edit", args=[post.pk]), {**data, "status": PlannedPost.DRAFT}).status_code == 302


def test_a_story_whose_photo_blocks_cannot_be_planned_until_blurred(client, people, org):
    account = CorporateAccount.objects.create(organisation=org, platform="facebook", handle="lindehof")
    story = Story.objects.create(organisation=org, author=people["employee"], text="Ons bord.", networks="facebook")
    image = checked(org)
    StoryPhoto.objects.create(story=story, image=image)
    client.force_login(people["communications"])
    html = client.get(reverse("story_review", args=[story.pk])).content.decode()
    assert "foto 1" in html and "Mevr. Jansen" in html
    plan = {"text": story.text, "account": account.pk, "scheduled_at": "2026-12-20T10:00"}
    response = client.post(reverse("story_decide", args=[story.pk, "plan"]), plan)
    assert response.status_code == 400 and not PlannedPost.objects.exists()
    client.post(reverse("photo_edit", args=[image.pk]), {"marks": ["1"]})
    with organisation_scope(org):
        photochecks.run_check(image.pk)  # the worker's check of the blurred photo
    assert client.post(reverse("story_decide", args=[story.pk, "plan"]), plan).status_code == 302
    assert PlannedPost.objects.get().image == image


# The original, its retention, and undoing a blur


def test_communications_puts_the_original_back(client, people, board, django_capture_on_commit_callbacks):
    image = board.image
    original = image.large.name
    client.force_login(people["communications"])
    client.post(reverse("photo_edit", args=[image.pk]), {"marks": ["1"]})
    image.refresh_from_db()
    blurred = image.large.name
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(reverse("photo_restore", args=[image.pk])).status_code == 302
    image.refresh_from_db()
    assert image.large.name == original and not image.photo_check.original and not default_storage.exists(blurred)
    # Nothing left to put back.
    response = client.post(reverse("photo_restore", args=[image.pk]), follow=True)
    assert "niet meer bewaard" in response.content.decode()


def test_the_original_is_deleted_after_the_retention_period_and_the_run_counts_it(
    people, board, org, django_capture_on_commit_callbacks
):
    with organisation_scope(org):
        photochecks.blur_photo(people["communications"], board.image, [photochecks.photocheck.Box(0, 0, 50, 50)])
    check = PhotoCheck.objects.get(image=board.image)
    original = check.original.name
    with organisation_scope(org):
        assert apply_retention(org).removed["photo_originals"] == 0  # kept for 30 days
        later = timezone.now() + timedelta(days=org.keep_originals_days + 1)
        with django_capture_on_commit_callbacks(execute=True):
            assert apply_retention(org, now=later).removed["photo_originals"] == 1
    check.refresh_from_db()
    assert not check.original and not default_storage.exists(original)
    assert default_storage.exists(Image.objects.get(pk=board.image_id).large.name)  # the blurred photo stays


def test_an_image_that_goes_takes_its_original_along(people, board, org, django_capture_on_commit_callbacks):
    with organisation_scope(org):
        photochecks.blur_photo(people["communications"], board.image, [photochecks.photocheck.Box(0, 0, 50, 50)])
        original = PhotoCheck.objects.get(image=board.image).original.name
        with django_capture_on_commit_callbacks(execute=True):
            board.delete()  # the last use of the photo: the photo goes, with its check
    assert not Image.objects.filter(pk=board.image_id).exists() and not default_storage.exists(original)


def test_the_retention_page_offers_the_period(client, people):
    client.force_login(people["administrator"])
    html = client.get(reverse("retention")).content.decode()
    assert "keep_originals_days" in html and "vervaagd" in html


def test_the_processing_register_has_the_photo_check(client, people, board):
    client.force_login(people["administrator"])
    html = client.get(reverse("processing_register")).content.decode()
    assert "Fotocontrole" in html and "1 gecontroleerde foto" in html


def test_a_persons_export_holds_the_check_of_their_story_photos(people, org):
    from deelwijs.privacy.export import _stories

    story = Story.objects.create(organisation=org, author=people["employee"], text="Bord", status=Story.SUBMITTED)
    StoryPhoto.objects.create(story=story, image=checked(org))

    class Files:
        def add(self, name, field_file):
            return name

    class Notes:
        missing_files = 0

    with organisation_scope(org):
        [exported] = _stories(people["employee"], Files(), Notes())
    check = exported["photos"][0]["photo_check"]
    assert check["status"] == "done" and {f["read"] for f in check["findings"]} == {"Mevr. Jansen", "kamer 12"}


def test_each_photo_of_a_story_adds_a_fixed_number_of_queries_to_its_review(client, people, org):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries(photos):
        story = Story.objects.create(organisation=org, author=people["employee"], text="Bord", networks="linkedin")
        for _n in range(photos):
            StoryPhoto.objects.create(story=story, image=checked(org, scenery()))
        client.force_login(people["communications"])
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("story_review", args=[story.pk])).status_code == 200
        return len(captured)

    one, three = queries(1), queries(3)
    # The consent panel and the photo check's panel read each photo's own rows (who may see it asks the items,
    # the plan and the stories): about ten queries a photo, and a story has at most four.
    assert (three - one) / 2 <= 12


def test_the_audit_log_says_in_dutch_what_was_kept_blurred_and_put_back(client, people, board):
    client.force_login(people["communications"])
    image = board.image
    client.post(reverse("photo_accept", args=[image.pk]), {"reason": "Mevrouw Jansen gaf toestemming."})
    client.post(
        reverse("photo_edit", args=[image.pk]), {"marks": ["1"], "x": "0", "y": "0", "width": "50", "height": "50"}
    )
    client.post(reverse("photo_restore", args=[image.pk]))
    sentences = {e.action: e.summary for e in AuditEntry.objects.filter(action__startswith="photo_")}
    who = people["communications"].full_name
    assert sentences["photo_check_override"] == (
        f"{who} hield foto {image.pk} (‘Een bord’) aan zoals hij is, ondanks een blokkade van de fotocontrole "
        "vanwege privacy van cliënten (beroepsgeheim). Reden: ‘Mevrouw Jansen gaf toestemming.’."
    )
    assert sentences["photo_blurred"] == f"{who} vervaagde 2 gebieden op foto {image.pk} (‘Een bord’)."
    assert (
        sentences["photo_restored"]
        == f"{who} zette foto {image.pk} (‘Een bord’) terug zoals hij was voordat hij vervaagd werd."
    )
    # What was read in the photo stays out of the log: only that it blocked, and why.
    assert not AuditEntry.objects.filter(summary__contains="Jansen kamer").exists()


def test_the_share_button_says_why_it_is_off_for_the_photo(client, people, board):
    client.force_login(people["ambassador"])
    html = client.get(reverse("share", args=[board.pk]) + "?netwerk=linkedin").content.decode()
    assert 'id="share-photo-reason"' in html and "de fotocontrole houdt deze foto tegen" in html
    assert 'aria-describedby="share-blocked-reason share-photo-reason"' in html
