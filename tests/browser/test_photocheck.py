"""A story with a photo of a whiteboard with a resident's name: the photo check flags it, communications blurs it
(a finding and a rectangle dragged on the photo) and plans the story."""

from datetime import timedelta

import pytest
from django.utils import timezone

from deelwijs.content.models import PhotoCheck
from deelwijs.planning.models import PlannedPost
from deelwijs.stories.models import Story
from tests.photocheck.images import jpeg, whiteboard

from .conftest import screenshot
from .screens import sign_in

TEXT = "Ons nieuwe activiteitenbord hangt! Zo ziet iedereen wat er vandaag te doen is. Ik werk hier met plezier."


def policy_violations(page):
    found = []
    page.on("console", lambda m: found.append(m.text) if "Content Security Policy" in m.text else None)
    return found


def photos_loaded(page):
    """Wait until every photo on the page is drawn: the framed photo is drawn by the server when it is asked for."""
    # Asked with evaluate, which runs outside the page's Content-Security-Policy (wait_for_function would eval).
    for _try in range(100):
        if page.evaluate("() => [...document.images].every((img) => img.complete && img.naturalWidth > 0)"):
            return
        page.wait_for_timeout(100)
    raise AssertionError("a photo did not load")


@pytest.mark.parametrize("width", [375, 1280])
def test_a_whiteboard_with_a_name_is_flagged_blurred_and_planned(page_at, demo, width):
    photo, _boxes = whiteboard(("Activiteiten vandaag", "Mevr. Jansen kamer 12"))
    page = page_at(width)
    violations = policy_violations(page)

    # The storyteller sends a story with the photo; the check runs in the background while the page shows it.
    sign_in(page, "medewerker@lindehof.example")
    page.goto("/verhalen/nieuw/")
    page.get_by_label("Jouw verhaal").fill(TEXT)
    page.get_by_label("Foto's (hooguit 4)").set_input_files(
        files=[{"name": "bord.jpg", "mimeType": "image/jpeg", "buffer": jpeg(photo)}]
    )
    page.get_by_label("Beschrijving van foto 1").fill("Het activiteitenbord in de huiskamer")
    page.get_by_label("Iedereen op de foto's vindt het goed om online te staan.").check()
    page.get_by_role("button", name="Naar communicatie sturen").click()
    page.get_by_role("heading", name="Controleer je foto's").wait_for()
    panel = page.locator(".photo-check")
    panel.get_by_text("Blokkeert").first.wait_for()  # the check is done: by the task, or the script asked again
    assert "Mevr. Jansen" in panel.inner_text()
    photos_loaded(page)
    screenshot(page, f"photocheck-storyteller-{width}")
    page.get_by_role("button", name="Naar communicatie sturen").click()
    page.get_by_text("Communicatie bekijkt je verhaal").wait_for()
    story = Story.objects.get(text=TEXT)
    assert story.status == Story.SUBMITTED
    page.get_by_role("button", name="Afmelden").click()

    # Communications sees the finding beside the photo, and cannot plan the story as it is.
    sign_in(page, "communicatie@lindehof.example")
    page.goto(f"/verhalen/{story.pk}/")
    panel = page.locator(".photo-check")
    panel.get_by_text("Deze foto mag zo niet gedeeld of ingepland worden.").wait_for()
    assert "Mevr. Jansen" in panel.inner_text() and panel.locator("img").is_visible()
    photos_loaded(page)
    screenshot(page, f"photocheck-review-{width}")

    # Blur: the finding is ticked; a rectangle dragged on the photo fills the region too.
    panel.get_by_role("link", name="Foto vervagen of houden").click()
    page.get_by_role("heading", name="Foto controleren en vervagen").wait_for()
    assert page.get_by_role("checkbox", name="1. tekst").first.is_checked()
    stage = page.locator("[data-blur-stage] img")
    box = stage.bounding_box()
    page.mouse.move(box["x"] + box["width"] * 0.70, box["y"] + box["height"] * 0.70)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.85, box["y"] + box["height"] * 0.80, steps=5)
    page.mouse.up()
    assert int(page.get_by_label("Breedte (pixels)").input_value()) > 0
    assert page.locator(".blur-rect").is_visible()
    photos_loaded(page)
    screenshot(page, f"photocheck-blur-{width}")
    page.get_by_role("button", name="Vervagen", exact=True).click()
    page.get_by_text("De foto is vervaagd. Hij wordt opnieuw gecontroleerd.").wait_for()

    # Back at the story: checked again, nothing blocks any more, and it is planned.
    page.locator(".photo-check").get_by_text("De fotocontrole vond geen gezichten, tekst of codes").wait_for()
    check = story.photos.get().image.photo_check
    check.refresh_from_db()
    assert check.status == PhotoCheck.DONE and not check.blocks and check.original
    photos_loaded(page)
    screenshot(page, f"photocheck-blurred-{width}")
    page.get_by_label("Plannen op organisatieaccount").select_option(index=1)
    when = timezone.localtime() + timedelta(days=3)
    page.get_by_label("Gepland op").fill(when.strftime("%Y-%m-%dT10:00"))
    page.get_by_role("button", name="Plannen op ons account").click()
    page.get_by_text("Het verhaal is gepland.").wait_for()
    post = PlannedPost.objects.get(text=TEXT)
    assert post.image == story.photos.get().image
    assert not violations, violations
