"""A photo chosen with a text the post check blocks is kept for the next try, and never left on disk."""

import os

import pytest
from django.urls import reverse

from deelwijs.accounts.models import CorporateAccount
from deelwijs.content.models import ContentItem, Image, KeptUpload
from deelwijs.planning.models import PlannedPost
from deelwijs.stories.models import Story

from .test_content import item_post
from .test_images import photo_with_gps
from .test_planning import form_data

BLOCKED = "Mevrouw Jansen op kamer 12 komt ook naar de open dag!"


@pytest.fixture
def account(org):
    return CorporateAccount.objects.create(organisation=org, platform="linkedin", handle="zorg")


def stored_files(settings):
    root = settings.MEDIA_ROOT
    return {os.path.join(d, f) for d, _dirs, files in os.walk(root) for f in files}


def test_a_content_item_keeps_its_photo_after_a_block(client, people, settings, django_capture_on_commit_callbacks):
    client.force_login(people["communications"])
    before = stored_files(settings)
    data = item_post(people, [("linkedin", BLOCKED)], photo=photo_with_gps(), photo_alt="De tuin")
    response = client.post(reverse("item_new"), data)
    html = response.content.decode()
    assert response.status_code == 200 and not ContentItem.objects.exists() and not Image.objects.exists()
    kept = KeptUpload.objects.get(person=people["communications"])
    assert "Bewaard: foto.jpg" in html and f'value="{kept.pk}"' in html
    # The next try: the same text with a reason, no new file chosen.
    data = item_post(people, [("linkedin", BLOCKED)], photo_alt="De tuin", photo_kept=str(kept.pk))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("item_new"), {**data, "override_reason": "Fictief, met toestemming"})
    assert response.status_code == 302
    item = ContentItem.objects.get()
    assert item.image is not None and item.image.alt == "De tuin"
    assert not KeptUpload.objects.exists()
    # What is on disk now is the item's photo, nothing else.
    assert stored_files(settings) - before == {
        os.path.join(settings.MEDIA_ROOT, name) for name in item.image.stored_names()
    }


def test_a_planned_post_keeps_its_photo_after_a_block_and_leaves_no_orphan(
    client, people, account, settings, django_capture_on_commit_callbacks
):
    client.force_login(people["communications"])
    before = stored_files(settings)
    data = form_data(account, text=BLOCKED, photo=photo_with_gps(), photo_alt="De tuin")
    response = client.post(reverse("post_new"), data)
    assert response.status_code == 200 and response.context["report"].blocked
    # No image is made for a post that was not saved, so no photo preview of one either.
    assert not Image.objects.exists() and not PlannedPost.objects.exists()
    kept = KeptUpload.objects.get()
    assert "Bewaard: foto.jpg" in response.content.decode()
    data = form_data(account, text=BLOCKED, photo_alt="De tuin", photo_kept=str(kept.pk))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("post_new"), {**data, "override_reason": "Fictief, met toestemming"})
    assert response.status_code == 302
    planned = PlannedPost.objects.get()
    assert planned.image.alt == "De tuin" and Image.objects.count() == 1 and not KeptUpload.objects.exists()
    assert stored_files(settings) - before == {
        os.path.join(settings.MEDIA_ROOT, name) for name in planned.image.stored_names()
    }


def test_a_planned_post_left_after_a_block_leaves_only_the_kept_file_until_the_night(client, people, account):
    client.force_login(people["communications"])
    client.post(reverse("post_new"), form_data(account, text=BLOCKED, photo=photo_with_gps()))
    assert not Image.objects.exists() and KeptUpload.objects.count() == 1


def test_a_kept_photo_of_someone_else_is_not_taken(client, people, account):
    client.force_login(people["communications"])
    client.post(reverse("post_new"), form_data(account, text=BLOCKED, photo=photo_with_gps()))
    kept = KeptUpload.objects.get()
    client.force_login(people["administrator"])
    data = form_data(account, photo_kept=str(kept.pk))
    assert client.post(reverse("post_new"), data).status_code == 302
    assert PlannedPost.objects.get().image is None and KeptUpload.objects.filter(pk=kept.pk).exists()


def test_story_photos_are_kept_after_the_consent_error(client, people, django_capture_on_commit_callbacks):
    client.force_login(people["employee"])
    text = "Vandaag een mooie dag met het team in de tuin van de Linde."
    described = {"photo_alt_1": "De tuin", "photo_alt_2": "Het terras"}
    response = client.post(
        reverse("story_new"), {"text": text, "photos": [photo_with_gps(), photo_with_gps()], **described}
    )
    assert response.status_code == 200 and response.context["form"].errors["consent"]
    kept = list(KeptUpload.objects.order_by("pk"))
    assert len(kept) == 2 and "Bewaard: foto.jpg, foto.jpg" in response.content.decode()
    ids = ",".join(str(k.pk) for k in kept)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("story_new"), {"text": text, "consent": "on", "photos_kept": ids, **described})
    assert response.status_code == 302
    story = Story.objects.get()
    assert [p.image.alt for p in story.photos.order_by("pk")] == ["De tuin", "Het terras"]
    assert not KeptUpload.objects.exists()
