"""The demo's toolkit: the starting set, a few library images with their licences, a banner, the naming
convention and one ambassador whose profile is in order. The images are drawn here, so the demo needs no
photo files; running it again changes nothing."""

import io
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from PIL import ImageDraw

from deelwijs.consent.domain import link_photo
from deelwijs.consent.models import ConsentRecord
from deelwijs.content.images import process
from deelwijs.content.models import Image

from .content import install_toolkit
from .domain import CHECKLIST_KEYS, save_checklist
from .models import Banner, LibraryImage

# The demo's house colours.
GREEN, LEAF, SKY, SUN, WHITE = (31, 94, 72), (120, 170, 90), (196, 226, 240), (246, 196, 80), (255, 255, 255)
# title, licence, source, credit, channels, may be used until, drawing
IMAGES = [
    (
        "De tuin van De Linde in de ochtend",
        LibraryImage.OWN,
        "Gemaakt door team communicatie van Zorggroep Lindehof",
        "",
        ["linkedin", "facebook", "instagram", "x", "bluesky", "mastodon", "whatsapp"],
        None,
        "garden",
    ),
    (
        "Koffietafel in het restaurant",
        LibraryImage.BOUGHT,
        "Stockfoto van een beeldbank, gekocht met een licentie tot en met 2027",
        "",
        ["linkedin", "facebook"],
        date(2027, 12, 31),
        "table",
    ),
    (
        "Handen met een kop thee",
        LibraryImage.CREATIVE_COMMONS,
        "Foto van Mila de Boer, CC BY 4.0",
        "Foto: Mila de Boer (CC BY 4.0)",
        ["instagram", "facebook"],
        date(2026, 6, 30),  # expired: communications sees it marked, the library no longer offers it
        "tea",
    ),
]


def _drawing(kind, width, height):
    picture = PILImage.new("RGB", (width, height), SKY)
    draw = ImageDraw.Draw(picture)
    if kind == "garden":
        draw.ellipse((width * 0.7, height * 0.1, width * 0.85, height * 0.1 + width * 0.15), fill=SUN)
        draw.ellipse((-width * 0.2, height * 0.6, width * 0.7, height * 1.4), fill=LEAF)
        draw.ellipse((width * 0.4, height * 0.65, width * 1.3, height * 1.5), fill=GREEN)
    elif kind == "table":
        draw.rectangle((0, height * 0.55, width, height), fill=(176, 130, 90))
        for x in (0.2, 0.45, 0.7):
            draw.ellipse((width * x, height * 0.45, width * (x + 0.12), height * 0.6), fill=WHITE)
    elif kind == "tea":
        draw.rectangle((0, 0, width, height), fill=(230, 214, 190))
        draw.ellipse((width * 0.35, height * 0.35, width * 0.65, height * 0.75), fill=GREEN)
        draw.ellipse((width * 0.4, height * 0.4, width * 0.6, height * 0.55), fill=(150, 90, 50))
    elif kind == "team":
        draw.polygon(
            [(width * 0.5, height * 0.1), (width * 0.3, height * 0.8), (width * 0.7, height * 0.8)], fill=GREEN
        )
        for x, colour in ((0.2, (40, 90, 160)), (0.72, (180, 40, 60))):
            draw.ellipse((width * x, height * 0.3, width * (x + 0.1), height * 0.45), fill=(230, 190, 160))
            draw.rectangle((width * (x - 0.02), height * 0.45, width * (x + 0.12), height), fill=colour)
    else:  # the banner: bands of the house colours
        for number, colour in enumerate((GREEN, LEAF, SKY)):
            top = height * number / 3
            draw.rectangle((0, top, width, top + height / 3), fill=colour)
        draw.ellipse((width * 0.8, height * 0.15, width * 0.8 + height * 0.7, height * 0.85), fill=SUN)
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=90)
    return SimpleUploadedFile(f"{kind}.jpg", buffer.getvalue(), content_type="image/jpeg")


def _image(org, kind, width, height, alt):
    return Image.from_processed(org, process(_drawing(kind, width, height)), alt)


def _team_photo(org, author, people):
    """A photo with a recognisable employee, in the library with her consent for staff's own social media
    (the consent register's demo record): when it ends, the photo leaves the library."""
    title = "Collega's bij de kerstboom"
    consent = ConsentRecord.objects.filter(person=people["medewerker"]).first()
    if consent is None or LibraryImage.objects.filter(title=title).exists():
        return
    entry = LibraryImage(
        organisation=org,
        image=_image(org, "team", 1600, 1067, "Twee collega's in uniform voor een versierde kerstboom"),
        title=title,
        licence=LibraryImage.OWN,
        source="Gemaakt door team communicatie, met toestemming van wie erop staat",
        added_by=author,
    )
    entry.set_channels(["linkedin", "facebook", "instagram"])
    entry.save()
    link_photo(author, entry.image, [consent], False)


def create_demo_toolkit(org, people):
    """Fill the demo organisation's toolkit (inside its scope)."""
    install_toolkit(org)
    author = people["communicatie"]
    for title, licence, source, credit, channels, until, kind in IMAGES:
        if LibraryImage.objects.filter(title=title).exists():
            continue
        entry = LibraryImage(
            organisation=org,
            image=_image(org, kind, 1600, 1067, title),
            title=title,
            licence=licence,
            source=source,
            credit=credit,
            expires_on=until,
            added_by=author,
        )
        entry.set_channels(channels)
        entry.save()
        link_photo(author, entry.image, [], True)
    _team_photo(org, author, people)
    if not Banner.objects.exists():
        alt = "Groene en lichte banen met een zon: de huisstijl van Lindehof"
        Banner.objects.create(
            organisation=org,
            network="linkedin",
            title="Lindehof-banner voor LinkedIn",
            image=_image(org, "banner", 1584, 396, alt),
            added_by=author,
        )
    save_checklist(people["ambassadeur"], CHECKLIST_KEYS, True)
