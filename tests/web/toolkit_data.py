"""Toolkit objects for the tests, made as the app makes them."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage

from deelwijs.consent.models import ImageConsent
from deelwijs.content.images import process
from deelwijs.content.models import Image
from deelwijs.toolkit.models import Attachment, Banner, LibraryImage, Page, PostFormat

ALL_NETWORKS = ["linkedin", "x", "facebook", "instagram", "bluesky", "mastodon", "whatsapp", "email"]


def jpeg(size=(800, 600), colour=(40, 120, 90), name="foto.jpg", exif=True):
    """A JPEG photo; with camera data in its EXIF, as a phone writes it."""
    picture = PILImage.new("RGB", size, colour)
    buffer = io.BytesIO()
    data = PILImage.Exif()
    if exif:
        data[0x010F] = "Telefoonmerk"  # Make
        data[0x0110] = "Model 12"  # Model
        data[0x8825] = {2: (52.0, 13.0, 0.0), 4: (5.0, 58.0, 0.0)}  # GPS: latitude, longitude
    picture.save(buffer, "JPEG", exif=data.tobytes())
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def pdf(name="werkblad.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4\n% a tiny test file\n%%EOF\n", content_type="application/pdf")


def stored_image(org, **kwargs):
    return Image.from_processed(org, process(jpeg(**kwargs)), "Een tuin")


def library_image(org, title="De tuin", channels=None, expires_on=None, recognisable=False, **kwargs):
    entry = LibraryImage(
        organisation=org,
        image=stored_image(org),
        title=title,
        licence=LibraryImage.OWN,
        source="Eigen foto",
        expires_on=expires_on,
        **kwargs,
    )
    entry.set_channels(channels or ALL_NETWORKS)
    entry.save()
    if not recognisable:
        ImageConsent.objects.create(image=entry.image, no_recognisable_people=True)
    return entry


def page(org, title="Een pagina", kind=Page.PAGE, roles=(), published=True, **kwargs):
    made = Page(organisation=org, title=title, kind=kind, body=f"Over **{title}**.", published=published, **kwargs)
    made.set_roles(roles)
    made.save()
    return made


def attachment(page_, name="werkblad.pdf"):
    stored = Attachment(page=page_, name=name, content_type="application/pdf", size=40)
    stored.file.save(name, pdf(name), save=False)
    stored.save()
    return stored


def post_format(org, title="Vacature", text="Bij [team] zoeken we een [functie].", roles=(), **kwargs):
    made = PostFormat(organisation=org, title=title, text=text, network="linkedin", **kwargs)
    made.set_roles(roles)
    made.save()
    return made


def banner(org, network="linkedin"):
    return Banner.objects.create(
        organisation=org, network=network, title="Huisstijl", image=stored_image(org, size=(1584, 396))
    )
