"""The app icon as PNG: the shapes of static/icons/deelwijs.svg drawn with Pillow, so no SVG renderer is needed.

`python -m deelwijs.common.icons` (`make icons`) writes the renditions the pages and the web manifest link to;
they are committed, and tests/web/test_home.py checks that they are what this draws.
"""

from pathlib import Path

from PIL import Image, ImageDraw

BLUE, WHITE, ORANGE = "#0b5cad", "#ffffff", "#c2410c"
ICONS = Path(__file__).resolve().parent.parent / "static" / "icons"
# name: (size in px, full bleed). Full bleed for the home screens that cut their own shape (iOS, Android's
# maskable icons): the bubble stays inside the safe circle of 80 %.
RENDITIONS = {
    "deelwijs-192.png": (192, False),
    "deelwijs-512.png": (512, False),
    "deelwijs-maskable-512.png": (512, True),
    "apple-touch-icon.png": (180, True),
}
# Drawn this many times larger and scaled down: Pillow draws without anti-aliasing.
OVERSAMPLE = 4


def draw(size, full_bleed=False):
    """The icon at size × size pixels, in the SVG's coordinates (a 100 × 100 box)."""
    big = size * OVERSAMPLE
    unit = big / 100
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)

    def box(x, y, width, height):
        return [x * unit, y * unit, (x + width) * unit, (y + height) * unit]

    if full_bleed:
        pen.rectangle(box(0, 0, 100, 100), fill=BLUE)
    else:
        pen.rounded_rectangle(box(0, 0, 100, 100), radius=22 * unit, fill=BLUE)
    pen.rounded_rectangle(box(20, 24, 60, 42), radius=10 * unit, fill=WHITE)
    pen.polygon([(30 * unit, 60 * unit), (30 * unit, 80 * unit), (48 * unit, 62 * unit)], fill=WHITE)
    check = [(36 * unit, 45 * unit), (46 * unit, 55 * unit), (64 * unit, 37 * unit)]
    width = 8 * unit
    pen.line(check, fill=ORANGE, width=round(width), joint="curve")
    for x, y in (check[0], check[-1]):  # round caps, as stroke-linecap="round"
        pen.ellipse([x - width / 2, y - width / 2, x + width / 2, y + width / 2], fill=ORANGE)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def write(folder=ICONS):
    for name, (size, full_bleed) in RENDITIONS.items():
        draw(size, full_bleed).save(folder / name, optimize=True)


if __name__ == "__main__":
    write()
