import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage

from deelwijs.content.images import process
from deelwijs.content.models import ContentItem, Image

from .test_content import item_post


def photo_with_gps(width=3000, height=2000, orientation=6):
    image = PILImage.new("RGB", (width, height), (200, 80, 40))
    exif = PILImage.Exif()
    exif[0x010F] = "CameraMaker"
    exif[0x0112] = orientation  # rotate 90° when shown
    exif[0x8825] = {1: "N", 2: (52.0, 13.0, 7.0), 3: "E", 4: (5.0, 7.0, 1.0)}
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    return SimpleUploadedFile("foto.jpg", buffer.getvalue(), content_type="image/jpeg")


def test_exif_and_gps_are_removed_and_the_photo_is_turned_upright():
    upload = photo_with_gps()
    assert b"CameraMaker" in upload.read()
    upload.seek(0)
    sizes = process(upload)
    for content, _width, _height in sizes.values():
        data = content.read()
        assert b"CameraMaker" not in data and b"Exif" not in data
        with PILImage.open(io.BytesIO(data)) as stored:
            assert not stored.getexif()
            assert stored.height > stored.width  # orientation 6 applied: landscape became portrait
    assert (sizes["large"][1], sizes["large"][2]) == (1067, 1600)
    assert max(sizes["small"][1], sizes["small"][2]) == 640


def test_a_transparent_png_stays_png():
    buffer = io.BytesIO()
    PILImage.new("RGBA", (100, 50), (0, 0, 0, 0)).save(buffer, "PNG")
    sizes = process(SimpleUploadedFile("logo.png", buffer.getvalue()))
    assert sizes["small"][0].name.endswith(".png") and sizes["small"][1:] == (100, 50)


@pytest.mark.parametrize(
    "content, message",
    [(b"geen foto", "geen foto die we kunnen lezen"), (b"GIF89a" + b"\x00" * 20, "geen foto die we kunnen lezen")],
)
def test_files_that_are_not_photos_are_refused_in_dutch(content, message):
    from django.utils import translation

    with translation.override("nl"), pytest.raises(ValidationError) as raised:
        process(SimpleUploadedFile("x.jpg", content))
    assert message in raised.value.messages[0].lower()


def test_communications_adds_a_photo_to_an_item(client, people):
    client.force_login(people["communications"])
    data = item_post(
        people,
        [("instagram", "Mooie dag bij ons op de afdeling, ik werk hier graag.")],
        photo=photo_with_gps(),
        photo_alt="Een oranje vlak",
    )
    assert client.post(reverse("item_new"), data).status_code == 302
    image = ContentItem.objects.get().image
    assert image.alt == "Een oranje vlak" and image.width == 1067
    with image.large.open("rb") as f:
        assert b"CameraMaker" not in f.read()
    client.force_login(people["employee"])
    item = ContentItem.objects.get()
    assert reverse("item_image", args=[item.pk, "klein"]) in client.get(reverse("feed")).content.decode()


def test_a_bad_photo_keeps_the_rest_of_the_form(client, people):
    client.force_login(people["communications"])
    data = item_post(people, [], photo=SimpleUploadedFile("x.jpg", b"kapot"), title="Mijn titel")
    response = client.post(reverse("item_new"), data)
    assert response.status_code == 200 and 'value="Mijn titel"' in response.content.decode()
    assert response.context["form"].errors["photo"] and not Image.objects.exists()
