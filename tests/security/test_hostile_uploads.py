"""Images that claim more pixels than they are worth are refused before decoding, on every form with a photo."""

import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from deelwijs.content.images import MAX_PIXELS, process
from deelwijs.stories.models import Story


def png_claiming(width, height):
    """A valid PNG of a few hundred bytes whose header claims width x height (a decompression bomb)."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)  # 1-bit greyscale
    row = b"\x00" + b"\x00" * ((width + 7) // 8)
    pixels = zlib.compress(row * min(height, 64), 9)
    body = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    return SimpleUploadedFile("bom.png", body, content_type="image/png")


@pytest.mark.parametrize("side", [7_735, 20_000, 60_000])
def test_a_photo_with_too_many_pixels_is_refused_before_decoding(side):
    assert side * side > MAX_PIXELS
    with pytest.raises(ValidationError, match="te veel pixels|too many pixels"):
        process(png_claiming(side, side))


def test_the_story_form_refuses_a_bomb_with_a_dutch_message_and_keeps_the_text(client, people):
    client.force_login(people["employee"])
    text = "Vandaag een mooie wandeling gemaakt met de groep."
    response = client.post(
        reverse("story_new"),
        {"text": text, "networks": ["linkedin"], "photos": [png_claiming(20_000, 20_000)], "consent": "on"},
    )
    assert response.status_code == 200 and not Story.objects.exists()
    html = response.content.decode()
    assert "te veel pixels" in html and text in html


def test_the_content_form_refuses_a_bomb(client, people):
    client.force_login(people["communications"])
    response = client.post(reverse("item_new"), {"title": "Nieuws", "photo": png_claiming(20_000, 20_000)})
    assert response.status_code == 200
    assert "photo" in response.context["form"].errors


@pytest.mark.parametrize(
    "body",
    [
        "[" * 100_000,
        '{"text": ' + "[" * 50_000 + "]" * 50_000 + "}",
        '{"text": "' + "a" * 2_200_000 + '"}',
        '{"item": 1e999}',
    ],
    ids=["deep", "deep-value", "huge", "huge-number"],
)
def test_the_check_api_answers_deep_or_huge_json_with_a_400(client, people, body):
    client.force_login(people["employee"])
    response = client.post(reverse("check_api"), body, content_type="application/json")
    assert response.status_code == 400
