"""Photos drawn for the photo check's tests: small (fast to check), with what is in them known."""

import io

import numpy as np
import zxingcpp
from PIL import Image, ImageDraw, ImageFilter, ImageFont
from skimage import data as samples

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def jpeg(image, **options):
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90, **options)
    return buffer.getvalue()


def whiteboard(lines=("Bewoners vandaag", "Mevr. Jansen kamer 12"), size=(1400, 1000)):
    """A whiteboard on a beige wall with a line of text each; returns the photo and the lines' boxes."""
    photo = Image.new("RGB", size, (214, 204, 186))
    draw = ImageDraw.Draw(photo)
    draw.rectangle([150, 150, size[0] - 150, size[1] - 250], fill=(250, 250, 247), outline=(140, 140, 145), width=8)
    font = ImageFont.truetype(FONT, 54)
    boxes, y = [], 230
    for line in lines:
        left, top, right, bottom = draw.textbbox((220, y), line, font=font)
        draw.text((220, y), line, font=font, fill=(25, 25, 35))
        boxes.append((left, top, right - left, bottom - top))
        y += 95
    return photo.filter(ImageFilter.GaussianBlur(0.8)), boxes


def scenery(size=(1400, 1000)):
    """Sky, hills and trees: nothing to find."""
    photo = Image.new("RGB", size, (150, 190, 235))
    draw = ImageDraw.Draw(photo)
    draw.polygon([(0, 600), (400, 480), (900, 560), (1400, 470), (1400, 1000), (0, 1000)], fill=(70, 130, 60))
    for x in (200, 520, 1100):
        draw.rectangle([x - 12, 520, x + 12, 680], fill=(90, 64, 40))
        draw.ellipse([x - 90, 400, x + 90, 580], fill=(40, 110, 45))
    return photo.filter(ImageFilter.GaussianBlur(1.5))


def with_code(text, kind=zxingcpp.BarcodeFormat.QRCode, scale=10, size=(1400, 1000), at=(500, 300)):
    photo = Image.new("RGB", size, (220, 222, 226))
    code = Image.fromarray(np.asarray(zxingcpp.create_barcode(text, kind).to_image(scale=scale))).convert("RGB")
    photo.paste(code, at)
    return photo, (at[0], at[1], code.width, code.height)


def astronaut(size=1024):
    """scikit-image's astronaut (Eileen Collins), enlarged: her face is at about (340, 110, 220, 260)."""
    return Image.fromarray(samples.astronaut()).resize((size, size), Image.Resampling.BICUBIC)


ASTRONAUT_FACE = (340, 110, 220, 260)
