"""A photo chosen with a text the post check blocks survives the block: for a content item and a planned post,
at a desk and on a phone, with nothing left on disk but the saved photo."""

import io
import os

from django.conf import settings
from django.urls import reverse
from PIL import Image as PILImage

from deelwijs.content.models import ContentItem, KeptUpload
from deelwijs.planning.models import PlannedPost

from .conftest import screenshot
from .screens import sign_in

BLOCKED = "Mevrouw Jansen van kamer 12 viert zaterdag haar verjaardag op de open dag!"


def photo_file(tmp_path):
    path = tmp_path / "tuin.jpg"
    buffer = io.BytesIO()
    PILImage.new("RGB", (1200, 800), (40, 120, 60)).save(buffer, "JPEG")
    path.write_bytes(buffer.getvalue())
    return str(path)


def files_on_disk():
    return {os.path.join(d, f) for d, _dirs, files in os.walk(settings.MEDIA_ROOT) for f in files}


def stored(image):
    return {os.path.join(settings.MEDIA_ROOT, name) for name in image.stored_names()}


def test_a_content_item_keeps_its_photo_after_a_block(page_at, demo, tmp_path):
    page = page_at(1280)
    sign_in(page, "communicatie@lindehof.example")
    before = files_on_disk()
    page.goto(reverse("item_new"))
    page.get_by_label("Titel", exact=True).fill("Verjaardag op de open dag")
    page.get_by_label("Foto", exact=True).set_input_files(photo_file(tmp_path))
    page.get_by_label("Beschrijving van de foto").fill("Taart in de tuin van De Linde")
    page.locator("#id_suggested_texts-0-network").select_option("linkedin")
    page.locator("#id_suggested_texts-0-text").fill(BLOCKED)
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("Bewaard: tuin.jpg").wait_for()
    screenshot(page, "kept-photo-item-blocked-1280")
    assert not ContentItem.objects.filter(title="Verjaardag op de open dag").exists()
    assert KeptUpload.objects.count() == 1
    page.get_by_label("Reden om de geblokkeerde tekst te houden").fill("Fictief voorbeeld, met toestemming")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("“Verjaardag op de open dag” is opgeslagen.").wait_for()
    item = ContentItem.objects.get(title="Verjaardag op de open dag")
    assert item.image.alt == "Taart in de tuin van De Linde" and not KeptUpload.objects.exists()
    page.goto(reverse("item_edit", args=[item.pk]))
    # The address carries the photo's version (?v=), which a blur changes.
    page.locator(f"img[src^='{reverse('item_image', args=[item.pk, 'klein'])}?v=']").wait_for()
    # On disk: the item's photo (and its public copy), nothing kept, nothing orphaned.
    assert files_on_disk() - before == stored(item.image)


def test_a_planned_post_keeps_its_photo_after_a_block_on_a_phone(page_at, demo, tmp_path):
    page = page_at(375)
    sign_in(page, "communicatie@lindehof.example")
    before = files_on_disk()
    page.goto(reverse("post_new"))
    page.get_by_label("Titel", exact=True).fill("Verjaardag in de tuin")
    page.get_by_label("Tekst", exact=True).fill(BLOCKED)
    page.get_by_label("Organisatieaccount").select_option(label="LinkedIn zorggroep-lindehof")
    page.get_by_label("Foto", exact=True).set_input_files(photo_file(tmp_path))
    page.get_by_label("Beschrijving van de foto").fill("Taart in de tuin")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("Bewaard: tuin.jpg").wait_for()
    screenshot(page, "kept-photo-post-blocked-375")
    assert not PlannedPost.objects.filter(title="Verjaardag in de tuin").exists()
    assert files_on_disk() - before == {os.path.join(settings.MEDIA_ROOT, KeptUpload.objects.get().file.name)}
    page.get_by_label("Reden om de geblokkeerde tekst te houden").fill("Fictief voorbeeld, met toestemming")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("Het geplande bericht is opgeslagen.").wait_for()
    planned = PlannedPost.objects.get(title="Verjaardag in de tuin")
    assert planned.image.alt == "Taart in de tuin" and not KeptUpload.objects.exists()
    page.goto(reverse("post_edit", args=[planned.pk]))
    page.locator(f"img[src^='{reverse('post_image', args=[planned.pk, 'klein'])}?v=']").wait_for()
    screenshot(page, "kept-photo-post-saved-375")
    assert files_on_disk() - before == stored(planned.image)
