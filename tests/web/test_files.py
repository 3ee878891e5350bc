"""Uploaded files are private: sent only through the view of their object, after its access check (issue 15).

Every kind of file (a content item's photo, a planned post's photo, a story's photo, a webcare screenshot)
against every role, an anonymous visitor and another organisation; the public copy of a published item's
photo; files deleted from disk with their object; the three ways of sending a file.
"""

import io
import os

import pytest
from django.core.files.storage import default_storage
from django.db import transaction
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from PIL import Image as PILImage

from deelwijs.content.images import PUBLIC_EDGE, process
from deelwijs.content.models import ContentItem, Image
from deelwijs.orgs.models import Organisation, Team
from deelwijs.orgs.roles import ROLES
from deelwijs.planning.models import PlannedPost
from deelwijs.stories.models import Story, StoryPhoto
from deelwijs.webcare.models import InboxItem
from tests.conftest import make_person

from .test_images import photo_with_gps

ALL = {role for role, _ in ROLES}
COMMS = {"communications", "administrator"}
PLAN = ALL - {"client", "volunteer"}
WEBCARE = {"webcare", "communications", "administrator"}


def stored_image(org, width=2000, height=1500, png=False):
    if png:
        buffer = io.BytesIO()
        PILImage.new("RGBA", (width, height), (0, 0, 0, 0)).save(buffer, "PNG")
        from django.core.files.uploadedfile import SimpleUploadedFile

        return Image.from_processed(org, process(SimpleUploadedFile("logo.png", buffer.getvalue())), "Logo")
    return Image.from_processed(org, process(photo_with_gps(width, height, 1)), "Een oranje vlak")


def on_disk(name):
    return os.path.exists(default_storage.path(name))


def files_of(org, people):
    """One object of every kind with a photo, and the URL of each file with the roles that may fetch it."""
    team = Team.objects.get(organisation=org)
    item = ContentItem.objects.create(organisation=org, title="Voor iedereen", image=stored_image(org))
    item.set_roles(sorted(ALL))
    item.save()
    draft = ContentItem.objects.create(organisation=org, title="Concept", image=stored_image(org), published=False)
    story = Story.objects.create(organisation=org, author=people["employee"], text="Verhaal")
    photo = StoryPhoto.objects.create(story=story, image=stored_image(org))
    post = PlannedPost.objects.create(
        organisation=org,
        title="Foto",
        scheduled_at=timezone.now(),
        team=team,
        responsible=people["communications"],
        image=stored_image(org),
    )
    signal = InboxItem.objects.create(
        organisation=org, kind=InboxItem.SIGNAL, reporter=people["volunteer"], text="Zie de foto"
    )
    signal.screenshot = stored_image(org)
    signal.save()
    return [
        ("item", reverse("item_image", args=[item.pk, "klein"]), item.image.small, ALL),
        ("item large", reverse("item_image", args=[item.pk, "groot"]), item.image.large, ALL),
        ("draft item", reverse("item_image", args=[draft.pk, "groot"]), draft.image.large, COMMS),
        ("story", reverse("story_photo", args=[story.pk, photo.pk, "klein"]), photo.image.small, COMMS | {"employee"}),
        ("post", reverse("post_image", args=[post.pk, "groot"]), post.image.large, PLAN),
        ("screenshot", reverse("inbox_screenshot", args=[signal.pk]), signal.screenshot.large, WEBCARE),
    ]


@pytest.fixture
def files(org, people):
    return files_of(org, people)


def read(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.parametrize("role", sorted(ALL))
def test_each_role_gets_the_files_of_what_it_may_see_and_404_for_the_rest(client, people, files, role):
    client.force_login(people[role])
    for kind, url, stored, allowed in files:
        response = client.get(url)
        if role in allowed:
            assert response.status_code == 200, (kind, role)
            with stored.open("rb") as f:
                assert read(response) == f.read(), kind
            assert response["Content-Type"] == "image/jpeg"
            assert response["X-Content-Type-Options"] == "nosniff"
            assert response["Cache-Control"].startswith("private")
            assert response["Content-Disposition"].startswith("inline")
        else:
            assert response.status_code == 404, (kind, role)


def test_an_anonymous_visitor_gets_404_for_every_file(client, files):
    for kind, url, _stored, _allowed in files:
        assert client.get(url).status_code == 404, kind


def test_another_organisation_gets_404_for_every_file(client, files, outsider):
    client.force_login(outsider)
    for kind, url, _stored, _allowed in files:
        assert client.get(url).status_code == 404, kind


def test_someone_whose_roles_were_all_taken_away_gets_404_also_for_their_own_story(client, org, people, files):
    from deelwijs.orgs.domain import set_roles

    _kind, url, _stored, _allowed = next(f for f in files if f[0] == "story")
    client.force_login(people["employee"])
    assert client.get(url).status_code == 200
    set_roles(people["administrator"], people["employee"], [])
    assert client.get(url).status_code == 404


def test_the_escalated_manager_sees_the_screenshot_of_the_item_they_got(client, org, people):
    signal = InboxItem.objects.create(
        organisation=org,
        kind=InboxItem.SIGNAL,
        text="x",
        screenshot=stored_image(org),
        escalated_person=people["manager"],
    )
    client.force_login(people["manager"])
    assert client.get(reverse("inbox_screenshot", args=[signal.pk])).status_code == 200


def test_a_photo_of_another_story_is_not_reached_through_my_own(client, org, people):
    mine = Story.objects.create(organisation=org, author=people["employee"], text="Mijn verhaal")
    theirs = Story.objects.create(organisation=org, author=people["ambassador"], text="Ander verhaal")
    photo = StoryPhoto.objects.create(story=theirs, image=stored_image(org))
    client.force_login(people["employee"])
    assert client.get(reverse("story_photo", args=[mine.pk, photo.pk, "klein"])).status_code == 404


def test_an_unknown_size_a_missing_photo_and_a_file_gone_from_disk_are_404(client, org, people):
    item = ContentItem.objects.create(organisation=org, title="Zonder foto")
    client.force_login(people["communications"])
    assert client.get(reverse("item_image", args=[item.pk, "klein"])).status_code == 404
    item.image = stored_image(org)
    item.save()
    assert client.get(reverse("item_image", args=[item.pk, "reusachtig"])).status_code == 404
    os.remove(item.image.small.path)
    assert client.get(reverse("item_image", args=[item.pk, "klein"])).status_code == 404


def test_a_file_view_answers_only_get_and_head(client, org, people, files):
    client.force_login(people["administrator"])
    _kind, url, _stored, _allowed = files[0]
    assert client.head(url).status_code == 200
    assert client.post(url).status_code == 405


def test_a_png_is_sent_as_png(client, org, people):
    item = ContentItem.objects.create(organisation=org, title="Logo", image=stored_image(org, 100, 50, png=True))
    client.force_login(people["communications"])
    assert client.get(reverse("item_image", args=[item.pk, "klein"]))["Content-Type"] == "image/png"


# Nothing under MEDIA_URL, and no stored file has an address of its own


def test_media_url_is_not_served(client, files):
    _kind, _url, stored, _allowed = files[0]
    with pytest.raises(Resolver404):
        resolve("/media/" + stored.name)
    assert client.get("/media/" + stored.name).status_code == 404
    with pytest.raises(ValueError):
        stored.url  # noqa: B018 - a template asking for it fails loudly


def test_uploads_get_random_names_in_the_private_folder(org):
    first, second = stored_image(org), stored_image(org)
    names = first.stored_names() + second.stored_names()
    assert all(name.startswith("private/") and len(os.path.basename(name)) == 32 + 4 for name in names)
    assert len(set(names)) == 4


# How the file leaves the server


def test_behind_nginx_the_view_hands_the_file_to_an_internal_location(client, people, files, settings):
    settings.DEELWIJS_FILE_SERVING = "nginx"
    client.force_login(people["administrator"])
    _kind, url, stored, _allowed = files[0]
    response = client.get(url)
    assert response.status_code == 200 and response.content == b""
    assert response["X-Accel-Redirect"] == "/_bestanden/" + stored.name
    assert response["Content-Type"] == "image/jpeg" and response["Cache-Control"].startswith("private")


def test_with_sendfile_the_view_names_the_path(client, people, files, settings):
    settings.DEELWIJS_FILE_SERVING = "sendfile"
    client.force_login(people["administrator"])
    _kind, url, stored, _allowed = files[0]
    response = client.get(url)
    assert response["X-Sendfile"] == stored.path and response.content == b""


def test_a_bad_file_serving_setting_stops_the_start(tmp_path):
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env |= {"DEBUG": "true", "DEELWIJS_FILE_SERVING": "apache", "DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3"}
    code = "import deelwijs.config.settings"
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert "DEELWIJS_FILE_SERVING must be one of django, nginx, sendfile" in result.stderr


# The templates link to the views


def test_the_pages_that_show_a_photo_link_to_its_view(client, org, people, files):
    item = ContentItem.objects.get(title="Voor iedereen")
    story = Story.objects.get()
    photo = story.photos.get()
    post = PlannedPost.objects.get()
    signal = InboxItem.objects.get()
    client.force_login(people["communications"])
    pages = [
        (reverse("feed"), reverse("item_image", args=[item.pk, "klein"])),
        (reverse("item_edit", args=[item.pk]), reverse("item_image", args=[item.pk, "klein"])),
        (reverse("story_review", args=[story.pk]), reverse("story_photo", args=[story.pk, photo.pk, "klein"])),
        (reverse("post_edit", args=[post.pk]), reverse("post_image", args=[post.pk, "klein"])),
        (reverse("inbox_item", args=[signal.pk]), reverse("inbox_screenshot", args=[signal.pk])),
    ]
    for page, link in pages:
        html = client.get(page).content.decode()
        assert link in html, page
        assert "/media/" not in html, page


# The public copy of a published item's photo


def test_a_published_item_gets_a_public_copy_without_metadata_anyone_may_fetch(client, org):
    item = ContentItem.objects.create(organisation=org, title="Open dag", image=stored_image(org, 3000, 2000))
    image = Image.objects.get(pk=item.image_id)
    assert image.public.name.startswith("public/")
    assert image.public_filename not in " ".join(image.stored_names()[:2])
    response = client.get(reverse("public_image", args=[image.public_filename]))
    assert response.status_code == 200 and response["Cache-Control"].startswith("public")
    assert response["X-Content-Type-Options"] == "nosniff" and response["Content-Type"] == "image/jpeg"
    data = read(response)
    assert b"Exif" not in data and b"CameraMaker" not in data
    with PILImage.open(io.BytesIO(data)) as public:
        assert max(public.size) == PUBLIC_EDGE and not public.getexif()


def test_only_photos_of_published_items_have_a_public_copy(org, people, files):
    public = set(Image.objects.exclude(public="").values_list("pk", flat=True))
    assert public == {ContentItem.objects.get(title="Voor iedereen").image_id}


def test_the_share_page_offers_the_public_copy(client, org, people):
    from deelwijs.sharing.models import Share

    item = ContentItem.objects.create(organisation=org, title="Open dag", image=stored_image(org))
    share = Share.objects.create(organisation=org, person=people["ambassador"], item=item, network="instagram")
    client.force_login(people["ambassador"])
    html = client.get(reverse("share_go", args=[share.pk])).content.decode()
    assert reverse("public_image", args=[Image.objects.get(pk=item.image_id).public_filename]) in html


def test_unpublishing_removes_the_public_copy_from_disk(client, org, django_capture_on_commit_callbacks):
    item = ContentItem.objects.create(organisation=org, title="Open dag", image=stored_image(org))
    image = Image.objects.get(pk=item.image_id)
    name, url = image.public.name, reverse("public_image", args=[image.public_filename])
    with django_capture_on_commit_callbacks(execute=True):
        item.published = False
        item.save()
    assert not on_disk(name) and Image.objects.get(pk=image.pk).public == ""
    assert client.get(url).status_code == 404
    item.published = True
    item.save()
    assert Image.objects.get(pk=image.pk).public


def test_an_unknown_public_name_is_404(client, db):
    assert client.get(reverse("public_image", args=["0" * 32 + ".jpg"])).status_code == 404
    assert client.get(reverse("public_image", args=["..%2f..%2fetc%2fpasswd"])).status_code == 404


# Files go with their object


def test_deleting_an_item_deletes_its_photo_from_disk(org, django_capture_on_commit_callbacks):
    item = ContentItem.objects.create(organisation=org, title="Open dag", image=stored_image(org))
    names = Image.objects.get(pk=item.image_id).stored_names()
    assert len(names) == 3 and all(on_disk(n) for n in names)
    with django_capture_on_commit_callbacks(execute=True):
        item.delete()
    assert not Image.objects.exists() and not any(on_disk(n) for n in names)


def test_a_replaced_photo_is_deleted(org, django_capture_on_commit_callbacks):
    item = ContentItem.objects.create(organisation=org, title="Open dag", image=stored_image(org))
    old = Image.objects.get(pk=item.image_id)
    with django_capture_on_commit_callbacks(execute=True):
        item.image = stored_image(org)
        item.save()
    assert not Image.objects.filter(pk=old.pk).exists() and not any(on_disk(n) for n in old.stored_names())
    assert all(on_disk(n) for n in item.image.stored_names())


def test_deleting_stories_in_bulk_deletes_their_photos(org, people, django_capture_on_commit_callbacks):
    names = []
    for n in range(3):
        story = Story.objects.create(organisation=org, author=people["employee"], text=f"Verhaal {n}")
        names += StoryPhoto.objects.create(story=story, image=stored_image(org)).image.stored_names()
    with django_capture_on_commit_callbacks(execute=True):
        Story.objects.all().delete()
    assert not Image.objects.exists() and not any(on_disk(n) for n in names)


def test_a_photo_two_objects_use_stays_until_the_last_one_goes(org, people, django_capture_on_commit_callbacks):
    image = stored_image(org)
    item = ContentItem.objects.create(organisation=org, title="Open dag", image=image)
    post = PlannedPost.objects.create(organisation=org, scheduled_at=timezone.now(), image=image)
    public = Image.objects.get(pk=image.pk).public.name
    with django_capture_on_commit_callbacks(execute=True):
        item.delete()
    kept = Image.objects.get(pk=image.pk)
    assert on_disk(kept.large.name) and not kept.public and not on_disk(public)
    with django_capture_on_commit_callbacks(execute=True):
        post.delete()
    assert not Image.objects.exists() and not on_disk(kept.large.name)


def test_a_delete_that_is_rolled_back_keeps_the_files(org):
    item = ContentItem.objects.create(organisation=org, title="Open dag", image=stored_image(org))
    names = Image.objects.get(pk=item.image_id).stored_names()
    with pytest.raises(RuntimeError), transaction.atomic():
        item.delete()
        raise RuntimeError("rolled back")
    assert Image.objects.filter(pk=item.image_id).exists() and all(on_disk(n) for n in names)


def test_deleting_a_screenshot_leaves_the_item(org, django_capture_on_commit_callbacks):
    signal = InboxItem.objects.create(organisation=org, kind=InboxItem.SIGNAL, text="x", screenshot=stored_image(org))
    names = signal.screenshot.stored_names()
    with django_capture_on_commit_callbacks(execute=True):
        signal.screenshot.delete()
    signal.refresh_from_db()
    assert signal.screenshot is None and not any(on_disk(n) for n in names)


def test_deleting_an_organisation_deletes_its_files(people, org, django_capture_on_commit_callbacks):
    names = [n for _kind, _url, stored, _allowed in files_of(org, people) for n in [stored.name]]
    other = Organisation.objects.create(name="Blijft", slug="blijft")
    kept = stored_image(other)
    make_person(other, "employee", email="e@blijft.test")
    with django_capture_on_commit_callbacks(execute=True):
        org.delete()
    assert not any(on_disk(n) for n in names)
    assert all(on_disk(n) for n in kept.stored_names())
