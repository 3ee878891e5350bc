"""The demo organisation's consent register: a client's general consent given by her mentor, an employee's
consent for one event, and a volunteer who withdrew hers, each linked to a photo drawn here."""

import io
from datetime import timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont

from deelwijs.content.images import process
from deelwijs.content.models import ContentItem, Image

from . import domain
from .models import INTRANET, ORGANISATION_SOCIAL, PRINT, STAFF_SOCIAL, WEBSITE, ConsentRecord


def _scene(sky, ground, figures, things=()):
    """A simple drawn photo: sky, ground, people as figures (x, colour), things as rectangles."""
    picture = PILImage.new("RGB", (1200, 800), sky)
    draw = ImageDraw.Draw(picture)
    draw.rectangle([0, 520, 1200, 800], fill=ground)
    for left, top, right, bottom, colour in things:
        draw.rectangle([left, top, right, bottom], fill=colour)
    for x, colour in figures:
        draw.ellipse([x - 45, 250, x + 45, 340], fill=(236, 196, 160))
        draw.rounded_rectangle([x - 70, 345, x + 70, 600], radius=40, fill=colour)
    return picture


def _photo(org, picture, alt):
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=88)
    upload = ContentFile(buffer.getvalue(), name="demo.jpg")
    return Image.from_processed(org, process(upload), alt)


def _signed_form(name, representative):
    """A one-page PDF that looks like a scanned consent form."""
    page = PILImage.new("RGB", (1240, 1754), "white")
    draw = ImageDraw.Draw(page)
    title, text = ImageFont.load_default(size=44), ImageFont.load_default(size=30)
    draw.text((100, 120), "Toestemming beeldmateriaal", fill="black", font=title)
    lines = [
        "Zorggroep Lindehof",
        f"Naam: {name}",
        f"Namens: {representative}",
        "Ik geef toestemming voor foto's op intranet, website,",
        "de sociale media van Lindehof en in drukwerk.",
        "Niet op de eigen sociale media van medewerkers.",
        "Handtekening: ______________________",
    ]
    for number, line in enumerate(lines):
        draw.text((100, 260 + number * 70), line, fill="black", font=text)
    buffer = io.BytesIO()
    page.save(buffer, "PDF", resolution=150)
    return ContentFile(buffer.getvalue(), name="formulier.pdf")


@transaction.atomic
def create_demo_consent(org, people):
    """Once: three consent records through the register's own functions, their photos on demo items, and the
    volunteer's withdrawal (which takes her item out of the feed). Returns the photos by key."""
    if ConsentRecord.objects.exists():
        return {}
    comms, comms2 = people["communicatie"], people["communicatie2"]
    today = timezone.localdate()
    photos = {
        "feest": _photo(
            org,
            _scene((250, 226, 200), (150, 110, 80), [(450, (180, 40, 60)), (750, (40, 90, 160))]),
            "Een bewoonster en een verzorgende bij de kerstboom",
        ),
        "beweegtuin": _photo(
            org,
            _scene((170, 210, 240), (90, 160, 80), [(600, (230, 140, 30))], [(200, 380, 260, 600, (90, 90, 90))]),
            "Een vrijwilliger op een toestel in de beweegtuin",
        ),
        "koffie": _photo(
            org,
            _scene((240, 235, 225), (200, 170, 130), [], [(300, 450, 900, 520, (120, 80, 50))]),
            "Een tafel met koffiekopjes",
        ),
    }
    client = ConsentRecord(
        name="Mevrouw T. de Boer",
        kind=ConsentRecord.CLIENT,
        description="Afdeling Zonnebloem, De Linde",
        representative_name="Petra de Boer",
        representative_relation="dochter en mentor",
        scope=ConsentRecord.GENERAL,
        valid_from=today - timedelta(days=200),
        valid_until=today + timedelta(days=530),
        given_as=ConsentRecord.FORM,
        form_content_type="application/pdf",
    )
    client.set_channels([INTRANET, WEBSITE, ORGANISATION_SOCIAL, PRINT])
    client.form.save("formulier.pdf", _signed_form(client.name, "Petra de Boer (dochter en mentor)"), save=False)
    domain.save_record(comms, client)
    employee = ConsentRecord(
        name=people["medewerker"].full_name,
        kind=ConsentRecord.EMPLOYEE,
        person=people["medewerker"],
        scope=ConsentRecord.SERIES,
        scope_description="Kerstviering De Linde",
        valid_from=today - timedelta(days=30),
        valid_until=today + timedelta(days=20),
        given_as=ConsentRecord.IN_APP,
        recorded_by=comms,
    )
    employee.set_channels([INTRANET, WEBSITE, ORGANISATION_SOCIAL, STAFF_SOCIAL, PRINT])
    domain.save_record(comms, employee)
    domain.link_photo(comms, photos["feest"], [client, employee], False)

    volunteer = ConsentRecord(
        name=people["vrijwilliger"].full_name,
        kind=ConsentRecord.VOLUNTEER,
        person=people["vrijwilliger"],
        description="Dagbesteding Het Anker",
        scope=ConsentRecord.SERIES,
        scope_description="Beweegtuin Het Anker",
        valid_from=today - timedelta(days=90),
        given_as=ConsentRecord.IN_APP,
        recorded_by=comms2,
    )
    volunteer.set_channels([INTRANET, WEBSITE, ORGANISATION_SOCIAL, STAFF_SOCIAL])
    domain.save_record(comms2, volunteer)
    domain.link_photo(comms2, photos["beweegtuin"], [volunteer], False)
    domain.link_photo(comms, photos["koffie"], [], True)

    for title, key in (
        ("Nieuwe beweegtuin bij Het Anker", "beweegtuin"),
        ("Vrijwilligers voor de koffieochtend", "koffie"),
    ):
        for item in ContentItem.objects.filter(title=title, image__isnull=True):
            item.image = photos[key]
            item.save(update_fields=["image"])
    # She called: she no longer wants to be online. Her item leaves the feed; its shares are listed.
    domain.withdraw(comms2, volunteer, today - timedelta(days=3), "Telefonisch aan het team van Het Anker")
    return photos
