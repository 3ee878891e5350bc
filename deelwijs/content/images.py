"""Uploaded images: checked, turned upright, stripped of EXIF/GPS, resized for the networks."""

import io
import uuid

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image as PILImage
from PIL import ImageOps, UnidentifiedImageError

MAX_UPLOAD = 15 * 1024 * 1024
# Refuse decompression bombs before decoding: a tiny PNG can claim 20 000 x 20 000 pixels. 40 megapixels
# covers every phone photo at its usual size and keeps decoding under about half a gigabyte.
MAX_PIXELS = 40_000_000
# Pillow's own bomb check raises past twice its limit; with ours below it, ours always speaks first.
PILImage.MAX_IMAGE_PIXELS = MAX_PIXELS
SIZES = {"large": 1600, "small": 640}
# The public photo of a published item: large enough for every network's preview, no larger.
PUBLIC_EDGE = 1200
FORMATS = {"JPEG", "PNG", "WEBP", "GIF", "MPO"}


def process(upload):
    """Return {size: (ContentFile, width, height)} for an uploaded file, or raise ValidationError in Dutch."""
    if upload.size > MAX_UPLOAD:
        raise ValidationError(_("This photo is larger than 15 MB. Choose a smaller one."))
    try:
        with PILImage.open(upload) as probe:
            if probe.format not in FORMATS:
                raise ValidationError(_("Use a JPEG, PNG or WebP photo."))
            if probe.width * probe.height > MAX_PIXELS:
                raise ValidationError(_("This photo has too many pixels. Choose a smaller one."))
            probe.verify()
        upload.seek(0)
        with PILImage.open(upload) as original:
            # A JPEG decodes at a fraction of its size when the largest size we keep is smaller.
            original.draft("RGB", (SIZES["large"], SIZES["large"]))
            # Turn the photo the way the camera meant it, then forget all metadata (EXIF, GPS).
            upright = ImageOps.exif_transpose(original)
            has_alpha = upright.mode in ("RGBA", "LA") or (upright.mode == "P" and "transparency" in upright.info)
            clean = upright.convert("RGBA" if has_alpha else "RGB")
    except PILImage.DecompressionBombError as e:
        raise ValidationError(_("This photo has too many pixels. Choose a smaller one.")) from e
    except (UnidentifiedImageError, OSError, SyntaxError) as e:
        raise ValidationError(_("This file is not a photo we can read.")) from e
    name = uuid.uuid4().hex
    result = {}
    for size, edge in SIZES.items():
        copy = _resized(clean, edge)
        result[size] = (_encoded(copy, has_alpha, f"{name}-{size}"), copy.width, copy.height)
    return result


def _resized(image, edge):
    copy = image.copy()
    copy.thumbnail((edge, edge), PILImage.Resampling.LANCZOS)
    return copy


def _encoded(image, has_alpha, name):
    """PNG where the photo is transparent, else JPEG; only the pixels are written, no metadata."""
    buffer = io.BytesIO()
    if has_alpha:
        image.save(buffer, "PNG", optimize=True)
        return ContentFile(buffer.getvalue(), name=f"{name}.png")
    image.save(buffer, "JPEG", quality=85, optimize=True, progressive=True)
    return ContentFile(buffer.getvalue(), name=f"{name}.jpg")


def content_type_of(name):
    """The type of a file process() or public_rendition() wrote: they write only PNG and JPEG."""
    return "image/png" if name.lower().endswith(".png") else "image/jpeg"


def public_rendition(stored):
    """A fresh copy of a stored (already cleaned) photo for the public: re-encoded without any metadata,
    at most PUBLIC_EDGE pixels. Returns a ContentFile."""
    with stored.open("rb"), PILImage.open(stored) as original:
        original.load()
        has_alpha = original.mode in ("RGBA", "LA")
        copy = original.convert("RGBA" if has_alpha else "RGB")
    copy.info = {}  # nothing of the original file travels along, whatever it held
    return _encoded(_resized(copy, PUBLIC_EDGE), has_alpha, uuid.uuid4().hex)
