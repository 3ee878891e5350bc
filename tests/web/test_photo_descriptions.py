"""A photo is described for people who cannot see it, or called decorative on purpose: never decorative by an
empty field (WCAG 1.1.1). Content items, planned posts and toolkit images ask it once per photo; a story once for
each of its photos."""

from django.urls import reverse

from deelwijs.content.models import ContentItem
from deelwijs.stories.models import Story
from deelwijs.toolkit.models import LibraryImage

from .test_content import item_post
from .test_images import photo_with_gps
from .test_toolkit import jpeg, library_post

ASKED = "Beschrijf wat er op de foto staat, of vink aan dat hij decoratief is."


def test_a_photo_without_a_description_is_refused_and_the_rest_kept(client, people):
    client.force_login(people["communications"])
    response = client.post(reverse("item_new"), item_post(people, [], photo=photo_with_gps(300, 200, 1)))
    html = response.content.decode()
    assert response.status_code == 200 and ASKED in html and not ContentItem.objects.exists()
    assert '<a href="#id_photo_alt">' in html  # from the error summary to the field


def test_a_photo_called_decorative_is_saved_without_a_description(client, people):
    client.force_login(people["communications"])
    data = item_post(people, [], photo=photo_with_gps(300, 200, 1), photo_alt="Vergeten", photo_decorative="on")
    assert client.post(reverse("item_new"), data).status_code == 302
    assert ContentItem.objects.get().image.alt == ""


def test_an_item_without_a_new_photo_asks_nothing(client, people):
    client.force_login(people["communications"])
    assert client.post(reverse("item_new"), item_post(people, [])).status_code == 302


def test_each_story_photo_asks_its_own_description(client, people):
    client.force_login(people["employee"])
    data = {
        "text": "Vandaag bakten we pannenkoeken met de hele groep.",
        "networks": ["linkedin"],
        "consent": "on",
        "photos": [photo_with_gps(300, 200, 1), photo_with_gps(400, 300, 1)],
        "photo_alt_1": "De groep aan tafel",
    }
    response = client.post(reverse("story_new"), data)
    html = response.content.decode()
    assert "Beschrijf wat er op foto 2 staat" in html and "foto 1 staat" not in html
    assert not Story.objects.exists()
    data["photos"] = [photo_with_gps(300, 200, 1), photo_with_gps(400, 300, 1)]
    data["photo_alt_2"] = "Een stapel pannenkoeken"
    assert client.post(reverse("story_new"), data).status_code == 302
    alts = [p.image.alt for p in Story.objects.get().photos.order_by("pk")]
    assert alts == ["De groep aan tafel", "Een stapel pannenkoeken"]


def test_the_review_shows_each_photo_with_its_own_description(client, people):
    test_each_story_photo_asks_its_own_description(client, people)
    story = Story.objects.get()
    client.post(reverse("story_send", args=[story.pk]))  # after the photo check, its author sends it
    client.force_login(people["communications"])
    html = client.get(reverse("story_review", args=[story.pk])).content.decode()
    assert 'alt="De groep aan tafel"' in html and 'alt="Een stapel pannenkoeken"' in html


def test_a_library_image_keeps_needing_its_description(client, people):
    client.force_login(people["communications"])
    response = client.post(reverse("toolkit_library_new"), {**library_post(photo_alt=""), "photo": jpeg()})
    assert ASKED in response.content.decode()
    response = client.post(reverse("toolkit_library_new"), {**library_post(), "photo": jpeg()})
    assert response.status_code == 302
    entry = LibraryImage.objects.get()
    # Emptying the description of a photo it already has is the same question.
    response = client.post(reverse("toolkit_library_edit", args=[entry.pk]), library_post(photo_alt=""))
    assert ASKED in response.content.decode()


def test_a_screenshot_with_a_report_needs_no_description(client, people):
    client.force_login(people["employee"])
    data = {"description": "Zie de foto", "urgency": "low", "photo": photo_with_gps(300, 200, 1)}
    assert client.post(reverse("report_signal"), data).status_code == 302
