"""The demo organisation's report settings: targets for a quarter, a logo drawn here and the house colour."""

import io

from django.core.files.base import ContentFile
from django.db import transaction
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont

from deelwijs.content.images import process
from deelwijs.content.models import Image

from .models import ReportSettings

GREEN, LEAF = (31, 94, 72), (120, 170, 90)
HOUSE_COLOUR = "#1f5e48"
# Within reach of the demo's activity (a few colleagues sharing a few times a day), so the report shows both
# a target reached and one not yet.
TARGETS = {"target_shares": 250, "target_clicks": 900, "target_active": 6}


def draw_logo():
    """A linden leaf in a green square and the name beside it, on a transparent background, as a PNG."""
    picture = PILImage.new("RGBA", (720, 240), (255, 255, 255, 0))
    draw = ImageDraw.Draw(picture)
    draw.rounded_rectangle([10, 10, 230, 230], radius=36, fill=GREEN)
    draw.ellipse([58, 52, 182, 176], fill=LEAF)
    draw.polygon([(120, 30), (160, 90), (80, 90)], fill=LEAF)
    draw.line([(120, 110), (120, 212)], fill=(255, 255, 255), width=10)
    draw.text((260, 58), "Zorggroep", fill=GREEN, font=ImageFont.load_default(size=52))
    draw.text((256, 116), "Lindehof", fill=GREEN, font=ImageFont.load_default(size=84))
    buffer = io.BytesIO()
    picture.save(buffer, "PNG")
    return ContentFile(buffer.getvalue(), name="logo-lindehof.png")


@transaction.atomic
def create_demo_report_settings(org):
    if ReportSettings.objects.exists():
        return
    logo = Image.from_processed(org, process(draw_logo()), f"Logo van {org.name}")
    ReportSettings.objects.create(organisation=org, colour=HOUSE_COLOUR, logo=logo, **TARGETS)
