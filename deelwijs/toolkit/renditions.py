"""Photos cut to the size each network wants, made on the server from the stored (already cleaned) photo.

Pillow writes only the pixels: no EXIF, GPS or other metadata of any kind travels into a download.
"""

import io
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from PIL import Image as PILImage
from PIL import ImageOps


@dataclass(frozen=True)
class Size:
    code: str  # in the download's address
    channel: str  # the network an image must be allowed on
    label: str
    width: int
    height: int


# Photos in a post. Bluesky takes at most 1 MB a photo; these JPEGs stay far below it.
POST_SIZES = (
    Size("linkedin", "linkedin", "LinkedIn", 1200, 627),
    Size("x", "x", "X", 1600, 900),
    Size("facebook", "facebook", "Facebook", 1200, 630),
    Size("instagram-vierkant", "instagram", _("Instagram square"), 1080, 1080),
    Size("instagram-staand", "instagram", _("Instagram portrait"), 1080, 1350),
    Size("bluesky", "bluesky", "Bluesky", 1200, 675),
    Size("mastodon", "mastodon", "Mastodon", 1280, 720),
)
POST_SIZE_CODES = {size.code: size for size in POST_SIZES}
# A chat or an e-mail takes the photo as it is stored (at most 1600 px, already without metadata), not cut.
AS_STORED = Size("groot", "", _("WhatsApp and e-mail"), 0, 0)
AS_STORED_CHANNELS = ("whatsapp", "email")
# The banner (or background photo) at the top of a profile, per network.
BANNER_SIZES = {
    "linkedin": Size("linkedin", "linkedin", "LinkedIn", 1584, 396),
    "x": Size("x", "x", "X", 1500, 500),
    "facebook": Size("facebook", "facebook", "Facebook", 1640, 624),
    "bluesky": Size("bluesky", "bluesky", "Bluesky", 1500, 500),
    "mastodon": Size("mastodon", "mastodon", "Mastodon", 1500, 500),
}
# The profile photo: square everywhere, shown as a circle on most networks.
PROFILE_PHOTO = (400, 400)


def sizes_for(channels):
    """The sizes of the networks an image may be used on."""
    sizes = [size for size in POST_SIZES if size.channel in channels]
    return sizes + [AS_STORED] if set(AS_STORED_CHANNELS) & set(channels) else sizes


def rendition(stored, width, height):
    """JPEG bytes of a stored photo filled into width x height: scaled, and cut from the middle where the
    proportions differ. A transparent image is laid on white."""
    with stored.open("rb"), PILImage.open(stored) as original:
        original.load()
        if original.mode in ("RGBA", "LA", "P"):
            picture = PILImage.new("RGB", original.size, (255, 255, 255))
            rgba = original.convert("RGBA")
            picture.paste(rgba, mask=rgba.getchannel("A"))
        else:
            picture = original.convert("RGB")
    fitted = ImageOps.fit(picture, (width, height), PILImage.Resampling.LANCZOS)
    fitted.info = {}  # nothing of the stored file travels along, whatever it held
    buffer = io.BytesIO()
    fitted.save(buffer, "JPEG", quality=88, optimize=True, progressive=True)
    return buffer.getvalue()
