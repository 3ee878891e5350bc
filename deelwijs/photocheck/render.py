"""What the web shows and stores: a photo with its findings drawn on it, and a photo with regions blurred."""

from collections.abc import Iterable

from PIL import Image, ImageDraw, ImageFilter, ImageFont

from deelwijs.guard import BLOCK, WARN

from .boxes import Box

# The severities' colours of the findings list (static/css/deelwijs.css), so a box and its line match.
COLOURS = {BLOCK: (161, 0, 26), WARN: (179, 107, 0)}
OTHER = (0, 94, 132)
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
# A blurred region is grown by this share of its size: a box hugs a face or a word, the blur covers its edges.
BLUR_MARGIN = 0.12


def blur(image: Image.Image, boxes: Iterable[Box], margin: float = BLUR_MARGIN) -> Image.Image:
    """A copy of the photo with every box made unrecognisable: cut into blocks (pixelated) and smoothed.

    Blocks of a third of the region's shorter side, smoothed as wide again: a line of text keeps no letter to
    guess (with blocks of a sixth, "Mevr. Jansen" could still be read), a face keeps its colour and nothing more.
    """
    result = image.copy()
    for box in boxes:
        area = box.padded(margin, image.width, image.height)
        if area.w < 2 or area.h < 2:
            continue
        region = result.crop((area.x, area.y, area.right, area.bottom))
        block = max(10, min(area.w, area.h) // 3)
        tiny = region.resize((max(1, area.w // block), max(1, area.h // block)), Image.Resampling.BILINEAR)
        coarse = tiny.resize(region.size, Image.Resampling.NEAREST)
        result.paste(coarse.filter(ImageFilter.GaussianBlur(block)), (area.x, area.y))
    return result


def draw_findings(image: Image.Image, marks: Iterable[tuple[Box, str, str]], scale: float = 1.0) -> Image.Image:
    """A copy of the photo with a numbered frame per finding: marks are (box in the photo's pixels, severity,
    label); `scale` turns the photo's pixels into this image's (a smaller copy of the photo)."""
    result = image.convert("RGB")
    draw = ImageDraw.Draw(result)
    # Frames and numbers that still read when the photo is shown at a third of its size (the panel's thumbnail).
    width = max(3, round(max(result.size) / 170))
    try:
        font: ImageFont.FreeTypeFont | ImageFont.ImageFont = ImageFont.truetype(FONT, max(12, width * 7))
    except OSError:
        font = ImageFont.load_default()
    for box, severity, label in marks:
        # Just outside the box, so the frame does not cover the letters or the face it points at.
        inner = box.scaled(scale)
        area = Box(inner.x - width, inner.y - width, inner.w + 2 * width, inner.h + 2 * width).clipped(
            result.width, result.height
        )
        colour = COLOURS.get(severity, OTHER)
        draw.rectangle([area.x, area.y, area.right, area.bottom], outline=(255, 255, 255), width=width + 2)
        draw.rectangle([area.x, area.y, area.right, area.bottom], outline=colour, width=width)
        if label:
            left, top, right, bottom = draw.textbbox((0, 0), label, font=font)
            tag = (right - left + 2 * width, bottom - top + 2 * width)
            x = min(max(area.x, 0), result.width - tag[0])
            y = area.y - tag[1] if area.y >= tag[1] else min(area.bottom, result.height - tag[1])
            draw.rectangle([x, y, x + tag[0], y + tag[1]], fill=colour)
            draw.text((x + width - left, y + width - top), label, font=font, fill=(255, 255, 255))
    return result
