"""The photo set of `make bench-photo`, rendered by us: nothing in it is a real person's data.

Whiteboards and lists with names and room numbers, door signs, a screen with a client record, a wristband with
a barcode (drawn with zxing-cpp's writer), a notice with a phone number, signs and posters that are harmless,
scenery without text, and people: the faces of scikit-image's sample photos (the astronaut, the cameraman and
the Labeled Faces in the Wild subset that ships in its wheel) composited into phone photos. Every photo is
12 megapixels (4032 x 3024, or upright), with a camera's blur, noise and JPEG compression.

Each photo comes with what is in it (Truth): the box of every line of text, marked sensitive or harmless
(or neutral: a heading such as "Cliëntdossier" that is neither a finding to expect nor a false one), of every
face and of every code. The set is deterministic: the same seed draws the same photos, pixel for pixel.

    python bench/photo_set.py [OUT_DIR]     # renders the set (default var/bench-photos) and lists it
"""

import json
import random
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

import cv2
import numpy as np
import zxingcpp
from PIL import Image, ImageDraw, ImageFilter, ImageFont
from skimage import data as samples

ROOT = Path(__file__).resolve().parent.parent
VERSION = 4  # bump when a drawing changes, so a cached set is drawn again
W, H = 4032, 3024
FONTS = Path("/usr/share/fonts/truetype/dejavu")
SENSITIVE, HARMLESS, NEUTRAL = "sensitive", "harmless", "neutral"


@dataclass
class Truth:
    kind: str  # text, face, code
    box: tuple[int, int, int, int]
    label: str = ""
    status: str = SENSITIVE  # for text: sensitive, harmless or neutral


@dataclass
class Case:
    name: str
    group: str  # records (text that must be found), signs (harmless text), scenery, faces, codes
    file: str = ""
    truths: list[Truth] = field(default_factory=list)


def font(size, name="DejaVuSans.ttf"):
    return ImageFont.truetype(str(FONTS / name), size)


# Backdrops: a scene without anything to find, drawn small and enlarged (smooth), with fine noise added later.


def backdrop(kind, rng, size=(W, H)):
    w, h = size[0] // 4, size[1] // 4
    if kind == "wall":
        base = np.array(rng.choice([(222, 214, 196), (205, 214, 220), (230, 226, 218), (214, 222, 206)]), float)
        ramp = np.linspace(0.85, 1.08, h)[:, None, None]
        img = np.clip(base[None, None, :] * ramp * np.ones((h, w, 1)), 0, 255)
        img[int(h * 0.82) :] = np.array((150, 120, 90)) * rng.uniform(0.8, 1.1)  # a floor
    elif kind == "corridor":
        img = np.ones((h, w, 3)) * np.array((226, 224, 216))
        img[int(h * 0.78) :] = (170, 170, 165)
        for x in range(0, w, w // 5):
            img[:, x : x + 4] = (200, 198, 190)
    elif kind == "office":
        img = np.ones((h, w, 3)) * np.array((214, 216, 220))
        img[int(h * 0.62) :] = (120, 92, 64)  # a desk
    elif kind == "outdoor":
        sky = np.linspace(0, 1, h)[:, None, None]
        img = (1 - sky) * np.array((120, 170, 230)) + sky * np.array((200, 225, 245))
        img = img * np.ones((h, w, 1))
        horizon = int(h * rng.uniform(0.5, 0.65))
        xs = np.arange(w)
        hills = horizon + (np.sin(xs / rng.uniform(40, 90)) * h * 0.04).astype(int)
        for x in range(w):
            img[hills[x] :, x] = (70, 130, 60)
    else:
        raise ValueError(kind)
    picture = Image.fromarray(img.astype(np.uint8)).resize(size, Image.Resampling.BICUBIC)
    if kind == "outdoor":
        draw = ImageDraw.Draw(picture)
        for _ in range(rng.randint(4, 9)):  # trees
            x, y = rng.randint(0, size[0]), int(size[1] * rng.uniform(0.45, 0.62))
            r = rng.randint(120, 320)
            draw.rectangle([x - 18, y, x + 18, y + r * 1.6], fill=(90, 64, 40))
            draw.ellipse([x - r, y - r, x + r, y + r], fill=(rng.randint(30, 70), rng.randint(90, 140), 40))
    return picture


def sample_photo(name, size=(W, H)):
    """A scikit-image sample photo filling a phone photo (enlarged: soft, as a zoomed phone photo is)."""
    picture = Image.fromarray(getattr(samples, name)()).convert("RGB")
    scale = max(size[0] / picture.width, size[1] / picture.height)
    picture = picture.resize((round(picture.width * scale), round(picture.height * scale)), Image.Resampling.BICUBIC)
    left, top = (picture.width - size[0]) // 2, (picture.height - size[1]) // 2
    return picture.crop((left, top, left + size[0], top + size[1]))


def texture(name, tint, size=(W, H)):
    tile = Image.fromarray(getattr(samples, name)()).convert("L").resize((1008, 1008), Image.Resampling.BICUBIC)
    canvas = Image.new("L", size)
    for x in range(0, size[0], tile.width):
        for y in range(0, size[1], tile.height):
            canvas.paste(tile, (x, y))
    coloured = Image.merge("RGB", [canvas.point(lambda v, t=t: int(v * t / 255)) for t in tint])
    return coloured


# Panels: a flat thing with text (a board, a sheet, a sign, a screen, a wristband) drawn at the size it has in
# the photo, then put in the scene at an angle. Each line of text keeps its box.


@dataclass
class Panel:
    image: Image.Image  # RGBA
    lines: list = field(default_factory=list)  # (box, text, status)
    codes: list = field(default_factory=list)  # (box, text)


def text_panel(size, fill, lines, frame=None, margin=80, spacing=1.55, fonts=("DejaVuSans.ttf",), ink=(20, 20, 30)):
    """lines: [(text, status, font size)]"""
    image = Image.new("RGBA", size, fill)
    draw = ImageDraw.Draw(image)
    if frame:
        draw.rectangle([0, 0, size[0] - 1, size[1] - 1], outline=frame, width=max(8, size[0] // 90))
    panel = Panel(image)
    y = margin
    for i, (text, status, points) in enumerate(lines):
        face = font(points, fonts[i % len(fonts)])
        left, top, right, bottom = draw.textbbox((margin, y), text, font=face)
        draw.text((margin, y), text, font=face, fill=ink)
        panel.lines.append(((left, top, right - left, bottom - top), text, status))
        y += round(points * spacing)
    return panel


def marker(panel, radius=1.4):
    """Marker on a whiteboard: a little soft at the edges."""
    panel.image = panel.image.filter(ImageFilter.GaussianBlur(radius))
    return panel


def code_image(text, kind, scale):
    barcode = zxingcpp.create_barcode(text, kind)
    return Image.fromarray(np.asarray(barcode.to_image(scale=scale))).convert("RGBA")


def place(scene, panel, quad, shadow=True):
    """Warp a panel onto the scene at the four corners `quad` (clockwise from top left); returns the truths."""
    src = np.float32([[0, 0], [panel.image.width, 0], [panel.image.width, panel.image.height], [0, panel.image.height]])
    dst = np.float32(quad)
    matrix = cv2.getPerspectiveTransform(src, dst)
    rgba = np.asarray(panel.image)
    warped = cv2.warpPerspective(rgba, matrix, scene.size, flags=cv2.INTER_LINEAR, borderValue=(0, 0, 0, 0))
    layer = Image.fromarray(warped, "RGBA")
    if shadow:
        shade = Image.new("RGBA", scene.size, (0, 0, 0, 0))
        ImageDraw.Draw(shade).polygon([tuple(p + 14) for p in dst], fill=(0, 0, 0, 70))
        scene.paste(shade.filter(ImageFilter.GaussianBlur(12)), (0, 0), shade.filter(ImageFilter.GaussianBlur(12)))
    scene.paste(layer, (0, 0), layer)

    def box_of(box):
        x, y, w, h = box
        corners = np.float32([[[x, y]], [[x + w, y]], [[x + w, y + h]], [[x, y + h]]])
        moved = cv2.perspectiveTransform(corners, matrix).reshape(-1, 2)
        left, top = moved.min(axis=0)
        right, bottom = moved.max(axis=0)
        return (int(left), int(top), int(right - left), int(bottom - top))

    truths = [Truth("text", box_of(box), text, status) for box, text, status in panel.lines]
    truths += [Truth("code", box_of(box), text) for box, text in panel.codes]
    return truths


def tilted(rng, x, y, w, h, skew=0.06):
    """Four corners of a w x h rectangle at (x, y), seen a little from the side."""
    d = lambda: rng.uniform(-skew, skew)  # noqa: E731
    return [
        (x + w * d(), y + h * d()),
        (x + w * (1 + d()), y + h * d()),
        (x + w * (1 + d()), y + h * (1 + d())),
        (x + w * d(), y + h * (1 + d())),
    ]


def camera(scene, rng):
    """What a phone does to a scene: a little soft, a little noise, darker corners."""
    picture = scene.filter(ImageFilter.GaussianBlur(rng.uniform(0.8, 1.6)))
    pixels = np.asarray(picture).astype(np.int16)
    noise = np.random.default_rng(rng.randint(0, 2**31)).integers(-7, 8, pixels.shape, dtype=np.int16)
    ys, xs = np.ogrid[: pixels.shape[0], : pixels.shape[1]]
    cy, cx = pixels.shape[0] / 2, pixels.shape[1] / 2
    vignette = 1 - 0.18 * (((ys - cy) / cy) ** 2 + ((xs - cx) / cx) ** 2) / 2
    pixels = np.clip(pixels * vignette[..., None] + noise, 0, 255).astype(np.uint8)
    return Image.fromarray(pixels)


# The photos.


def whiteboard(rng, lines, ink, fonts=("DejaVuSans.ttf",), points=92, skew=0.05):
    scene = backdrop("wall", rng)
    panel = marker(text_panel((2600, 1500), (250, 250, 248, 255), lines, frame=(150, 150, 155), ink=ink, fonts=fonts))
    return scene, place(scene, panel, tilted(rng, 700, 450, 2600, 1500, skew))


def records(rng):
    S, N, Hm = SENSITIVE, NEUTRAL, HARMLESS
    yield (
        "whiteboard-names-rooms",
        *whiteboard(
            rng,
            [
                ("Bewoners vandaag", Hm, 100),
                ("Mevr. Jansen kamer 12 - douchen", S, 92),
                ("Dhr. Bakker kamer 14 - nuchter", S, 92),
                ("Mw. de Vries - familie om 14 uur", S, 92),
                ("Koffie om 10 uur in de huiskamer", Hm, 92),
            ],
            ink=(20, 20, 30),
        ),
    )
    yield (
        "whiteboard-handover",
        *whiteboard(
            rng,
            [
                ("Overdracht vroege dienst", Hm, 96),
                ("Kamer 7: mw. Visser valrisico", S, 88),
                ("Kamer 9: dhr. Smit insuline", S, 88),
                ("Dhr. Mulder (kamer 3) naar huis", S, 88),
            ],
            ink=(20, 40, 150),
            fonts=("DejaVuSans-Bold.ttf",),
            skew=0.08,
        ),
    )
    yield (
        "whiteboard-rooms-red",
        *whiteboard(
            rng,
            [
                ("Kamer 5 mw. Peters", S, 100),
                ("Kamer 6 dhr. Jansen", S, 100),
                ("Kamer 11 mevr. Bakker", S, 100),
                ("Activiteit: zingen om 15 uur", Hm, 90),
            ],
            ink=(170, 20, 20),
            fonts=("DejaVuSansCondensed.ttf",),
            skew=0.1,
        ),
    )
    # The same kind of board photographed from across the room: smaller letters, and dimmer.
    scene = backdrop("wall", rng)
    panel = marker(
        text_panel(
            (1500, 900),
            (236, 236, 232, 255),
            [("Mevr. Smit kamer 2", S, 58), ("Dhr. Visser kamer 16", S, 58), ("Wandelen om 11 uur", Hm, 58)],
            frame=(150, 150, 155),
            ink=(70, 70, 90),
            margin=60,
        ),
        1.0,
    )
    yield "whiteboard-far", scene, place(scene, panel, tilted(rng, 1500, 700, 1500, 900, 0.06))
    # A planning board with a grid: who is in which room and who looks after them.
    scene = backdrop("wall", rng)
    board = text_panel(
        (2700, 1500),
        (250, 250, 248, 255),
        [
            ("Kamer   Bewoner          Zorg", N, 78),
            ("12        mw. Jansen        Anja", S, 78),
            ("14        dhr. Bakker       Piet", S, 78),
            ("15        mevr. Kok          Karin", S, 78),
        ],
        frame=(120, 120, 125),
        ink=(20, 20, 30),
        spacing=1.9,
    )
    grid = ImageDraw.Draw(board.image)
    for y in range(80 + 140, 1500, 148):
        grid.line([(40, y), (2660, y)], fill=(140, 140, 150), width=5)
    yield "planning-grid", scene, place(scene, marker(board, 1.2), tilted(rng, 650, 500, 2700, 1500, 0.04))
    # Who is on duty (staff first names: not a finding) and one client.
    scene = backdrop("office", rng)
    panel = marker(
        text_panel(
            (2400, 1100),
            (250, 250, 248, 255),
            [("Vandaag aanwezig: Anja, Piet en Karin", Hm, 84), ("Mw. Hoekstra komt om 14 uur", S, 84)],
            frame=(150, 150, 155),
            ink=(10, 80, 40),
        )
    )
    yield "duty-board", scene, place(scene, panel, tilted(rng, 800, 300, 2400, 1100, 0.05))
    # A screen in dark mode: light letters on a dark window.
    scene = backdrop("office", rng)
    ImageDraw.Draw(scene).rectangle([880, 480, 3180, 1980], fill=(15, 15, 18))
    dark = text_panel(
        (2100, 1300),
        (32, 36, 44, 255),
        [("Rapportage", N, 64), ("Cliënt: dhr. K. Dijkstra", S, 54), ("Cliëntnummer 784512", S, 54)],
        ink=(230, 232, 236),
        margin=90,
        spacing=1.8,
    )
    yield "screen-dark", scene, place(scene, dark, tilted(rng, 980, 580, 2100, 1300, 0.02), shadow=False)
    # A printed list on a table, photographed from above.
    scene = backdrop("office", rng)
    sheet = text_panel(
        (1700, 2200),
        (252, 252, 250, 255),
        [
            ("Medicatieronde", Hm, 78),
            ("Mevrouw Hendriks - 8.00 uur", S, 62),
            ("Meneer de Boer - 12.00 uur", S, 62),
            ("Bed 4: mw. Peters", S, 62),
            ("Bed 6: dhr. Willems", S, 62),
        ],
        fonts=("DejaVuSerif.ttf",),
        margin=120,
        spacing=1.9,
    )
    yield "printed-list", scene, place(scene, sheet, tilted(rng, 1200, 500, 1700, 2200, 0.04))
    # Door signs in a corridor.
    for name, room, person in (
        ("door-sign", "Kamer 21", "Mevrouw Hendriks"),
        ("door-sign-2", "Kamer 8", "Dhr. P. Mulder"),
    ):
        scene = backdrop("corridor", rng)
        ImageDraw.Draw(scene).rectangle([1300, 300, 2700, 3024], fill=(160, 120, 80))  # the door
        sign = text_panel((1000, 420), (40, 70, 110, 255), [(room, S, 120), (person, S, 90)], ink=(250, 250, 250))
        yield name, scene, place(scene, sign, tilted(rng, 1500, 800, 1000, 420, 0.03))
    # A screen with a client record on a desk.
    scene = backdrop("office", rng)
    ImageDraw.Draw(scene).rectangle([880, 480, 3180, 1980], fill=(25, 25, 28))  # the monitor's frame
    screen = text_panel(
        (2100, 1300),
        (238, 242, 248, 255),
        [
            ("Cliëntdossier", N, 64),
            ("Naam: mevr. A. Visser", S, 54),
            ("Geboortedatum: 12-03-1941", S, 54),
            ("BSN: 123456782", S, 54),
            ("Telefoon: 06-12345678", S, 54),
        ],
        margin=90,
        spacing=1.8,
    )
    yield "screen-record", scene, place(scene, screen, tilted(rng, 980, 580, 2100, 1300, 0.02), shadow=False)
    # A wristband on an arm: a printed name and birth date, and a barcode.
    scene = backdrop("wall", rng)
    ImageDraw.Draw(scene).rounded_rectangle([0, 1100, 4032, 2100], radius=400, fill=(214, 170, 140))  # an arm
    band = text_panel((2600, 420), (250, 250, 250, 255), [("Dhr. J. de Boer  geb. 03-05-1938", S, 70)], margin=50)
    barcode = code_image("PAT-20456", zxingcpp.BarcodeFormat.Code128, 5)
    band.image.paste(barcode, (1650, 160))
    band.codes.append(((1650, 160, barcode.width, barcode.height), "PAT-20456"))
    band.lines[0] = band.lines[0]
    yield "wristband", scene, place(scene, band, tilted(rng, 700, 1380, 2600, 420, 0.02))
    # A note on a notice board with a family's phone number.
    scene = backdrop("wall", rng)
    ImageDraw.Draw(scene).rectangle([500, 300, 3500, 2400], fill=(180, 140, 90))  # cork
    note = text_panel(
        (2000, 700),
        (255, 250, 190, 255),
        [("Familie Smit bellen: 06-87654321", S, 74), ("Zomerfeest vrijdag in de tuin", Hm, 74)],
        margin=70,
    )
    yield "notice-phone", scene, place(scene, note, tilted(rng, 900, 800, 2000, 700, 0.05))
    # A sign with the door code beside a door.
    scene = backdrop("corridor", rng)
    sign = text_panel((1300, 360), (255, 255, 255, 255), [("Deurcode 4512", S, 130)], frame=(30, 30, 30))
    yield "door-code", scene, place(scene, sign, tilted(rng, 1400, 1000, 1300, 360, 0.04))


def signs(rng):
    """Harmless text in scenery: nothing here may become a finding."""
    Hm = HARMLESS
    for name, kind, lines, fill, ink in (
        ("street-sign", "outdoor", [("Stationsstraat", Hm, 150)], (30, 60, 140, 255), (255, 255, 255)),
        (
            "bakery",
            "outdoor",
            [("Bakkerij De Molen", Hm, 140), ("Vers brood elke dag", Hm, 90)],
            (120, 40, 30, 255),
            (250, 240, 220),
        ),
        (
            "open-day",
            "wall",
            [("Welkom op de open dag", Hm, 130), ("Zorggroep Lindehof", Hm, 100)],
            (255, 255, 255, 255),
            (0, 90, 80),
        ),
        (
            "summer-party",
            "wall",
            [("Zomerfeest 2026", Hm, 150), ("Iedereen welkom", Hm, 110)],
            (250, 210, 60, 255),
            (60, 30, 0),
        ),
        (
            "exit-parking",
            "corridor",
            [("Uitgang", Hm, 150), ("Parkeren P2", Hm, 110)],
            (0, 120, 60, 255),
            (255, 255, 255),
        ),
        (
            "coffee-corner",
            "office",
            [("Koffie & thee", Hm, 140), ("Neem gerust een kopje", Hm, 90)],
            (255, 255, 255, 255),
            (80, 40, 20),
        ),
        (
            "route-sign",
            "corridor",
            [("Route 12", Hm, 140), ("Radiologie", Hm, 110)],
            (250, 250, 250, 255),
            (0, 60, 120),
        ),
        (
            "ward-sign",
            "corridor",
            [("Afdeling Zonnebloem", Hm, 120), ("Bezoek van 10 tot 20 uur", Hm, 90)],
            (240, 200, 40, 255),
            (30, 30, 30),
        ),
        (
            "menu",
            "office",
            [("Soep van de dag 3,50", Hm, 100), ("Broodje kaas 2,75", Hm, 100)],
            (30, 30, 30, 255),
            (250, 250, 250),
        ),
        (
            "calendar",
            "wall",
            [("Maandag 12 mei", Hm, 120), ("Bingo in de grote zaal", Hm, 90)],
            (255, 255, 255, 255),
            (20, 20, 20),
        ),
    ):
        scene = backdrop(kind, rng)
        width = max(len(t) for t, _, _ in lines) * max(p for _, _, p in lines) * 0.62 + 200
        height = sum(p * 1.55 for _, _, p in lines) + 160
        panel = text_panel((int(width), int(height)), fill, lines, ink=ink)
        yield name, scene, place(scene, panel, tilted(rng, 600, 700, int(width), int(height), 0.05))


def scenery(rng):
    """Photos without any text, face or code."""
    yield "landscape", backdrop("outdoor", rng), []
    yield "garden", backdrop("outdoor", rng), []
    yield "brick-wall", texture("brick", (200, 110, 90)), []
    yield "lawn", texture("grass", (90, 160, 70)), []
    yield "gravel-path", texture("gravel", (200, 190, 170)), []
    yield "coffee", sample_photo("coffee"), []
    yield "rocket", sample_photo("rocket"), []
    yield "cat", sample_photo("chelsea"), []


def head(face_pixels, size):
    """A face from the LFW subset (25 x 25, grey) as a head of `size` pixels with soft edges."""
    face = (face_pixels * 255).astype(np.uint8)
    face = cv2.copyMakeBorder(face, 4, 4, 4, 4, cv2.BORDER_REPLICATE)
    picture = Image.fromarray(face).resize((size, size), Image.Resampling.BICUBIC).convert("RGB")
    mask = Image.new("L", (size, size), 0)
    ImageDraw.Draw(mask).ellipse([size * 0.06, 0, size * 0.94, size], fill=255)
    return picture, mask.filter(ImageFilter.GaussianBlur(size / 30))


def faces(rng):
    # The astronaut: a portrait in a room.
    scene = backdrop("wall", rng)
    portrait = Image.fromarray(samples.astronaut()).resize((2048, 2048), Image.Resampling.BICUBIC)
    scene.paste(portrait.crop((0, 0, 2048, 2048 - 1024 + 1000)), (1000, 0))
    yield "astronaut", scene, [Truth("face", (1000 + 170 * 4, 55 * 4, 110 * 4, 130 * 4), "astronaut")]
    # The cameraman on his field (a face in half profile).
    scene = sample_photo("camera")
    scale = W / 512
    top = (512 * scale - H) / 2
    yield (
        "cameraman",
        scene,
        [Truth("face", (int(160 * scale), int(70 * scale - top), int(95 * scale), int(95 * scale)), "cameraman")],
    )
    # Groups of people from the LFW faces: one to three in each photo.
    lfw = samples.lfw_subset()[:100]
    order = list(range(100))
    rng.shuffle(order)
    groups = [1, 2, 3, 2, 1, 3, 2, 3, 4, 1, 2, 3, 1, 2]
    taken = 0
    for number, count in enumerate(groups, start=1):
        scene = backdrop(rng.choice(["wall", "outdoor", "office"]), rng)
        draw = ImageDraw.Draw(scene)
        truths = []
        slot = W // (count + 1)
        for i in range(count):
            size = rng.randint(260, 560) if count < 4 else rng.randint(230, 330)
            cx = slot * (i + 1) + rng.randint(-150, 150)
            cy = rng.randint(700, 1300)
            shirt = tuple(rng.randint(30, 220) for _ in range(3))
            draw.rounded_rectangle([cx - size, cy + size * 0.45, cx + size, H + 200], radius=size // 2, fill=shirt)
            picture, mask = head(lfw[order[taken]], size)
            taken += 1
            scene.paste(picture, (cx - size // 2, cy - size // 2), mask)
            truths.append(Truth("face", (cx - size // 2, cy - size // 2, size, size), f"lfw {order[taken - 1]}"))
        yield f"group-{number}", scene, truths


def codes(rng):
    # A poster with a QR code to a web page.
    scene = backdrop("wall", rng)
    poster = text_panel((1500, 2000), (255, 255, 255, 255), [("Meld je aan!", HARMLESS, 120)], margin=100)
    qr = code_image("https://www.lindehof.example/open-dag", zxingcpp.BarcodeFormat.QRCode, 28)
    poster.image.paste(qr, (150, 500))
    poster.codes.append(((150, 500, qr.width, qr.height), "https://www.lindehof.example/open-dag"))
    yield "poster-qr", scene, place(scene, poster, tilted(rng, 1300, 500, 1500, 2000, 0.03))
    # A medicine box with a DataMatrix label.
    scene = backdrop("office", rng)
    label = Image.new("RGBA", (1100, 700), (250, 250, 250, 255))
    matrix = code_image("PAT20456-VISSER", zxingcpp.BarcodeFormat.DataMatrix, 26)
    label.paste(matrix, (60, 60))
    box = Panel(label, codes=[((60, 60, matrix.width, matrix.height), "PAT20456-VISSER")])
    yield "medicine-label", scene, place(scene, box, tilted(rng, 1500, 1300, 1100, 700, 0.03))
    # A printed record with a QR code in its corner.
    scene = backdrop("office", rng)
    sheet = Image.new("RGBA", (1600, 2000), (252, 252, 250, 255))
    qr = code_image("ECD-884213", zxingcpp.BarcodeFormat.QRCode, 22)
    sheet.paste(qr, (1600 - qr.width - 80, 80))
    ImageDraw.Draw(sheet).rectangle([80, 900, 1500, 1900], outline=(120, 120, 120), width=6)
    page = Panel(sheet, codes=[((1600 - qr.width - 80, 80, qr.width, qr.height), "ECD-884213")])
    yield "record-qr", scene, place(scene, page, tilted(rng, 1200, 600, 1600, 2000, 0.03))
    # A box of gauze with its product barcode (a hint: a product, not a person).
    scene = backdrop("office", rng)
    carton = Image.new("RGBA", (1400, 900), (230, 240, 250, 255))
    ean = code_image("8712345678906", zxingcpp.BarcodeFormat.EAN13, 6)
    carton.paste(ean, (300, 300))
    box = Panel(carton, codes=[((300, 300, ean.width, ean.height), "8712345678906")])
    yield "product-barcode", scene, place(scene, box, tilted(rng, 1300, 1100, 1400, 900, 0.03))


GROUPS = (("records", records), ("signs", signs), ("scenery", scenery), ("faces", faces), ("codes", codes))


def render(out_dir=None, seed=16):
    """Render the set into out_dir (default var/bench-photos), or reuse what is there for this VERSION and seed.

    Returns the cases with their truths; the list is written beside the photos as cases.json.
    """
    out = Path(out_dir or ROOT / "var" / "bench-photos")
    index = out / "cases.json"
    if index.exists():
        stored = json.loads(index.read_text())
        if stored.get("version") == VERSION and stored.get("seed") == seed:
            return [_case(c) for c in stored["cases"]]
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    cases = []
    for group, make in GROUPS:
        for name, scene, truths in make(rng):
            photo = camera(scene, rng)
            file = out / f"{group}-{name}.jpg"
            if name == "door-sign-2":
                # Stored turned, with the EXIF orientation that tells a viewer to turn it back, as phones do:
                # the check must see (and box) the photo the way people see it.
                exif = Image.Exif()
                exif[0x0112] = 6
                photo.transpose(Image.Transpose.ROTATE_90).save(file, "JPEG", quality=88, exif=exif)
            else:
                photo.save(file, "JPEG", quality=88)
            cases.append(Case(name, group, file.name, truths))
    index.write_text(json.dumps({"version": VERSION, "seed": seed, "cases": [asdict(c) for c in cases]}, indent=1))
    return cases


def _case(data):
    return Case(
        data["name"], data["group"], data["file"], [Truth(**{**t, "box": tuple(t["box"])}) for t in data["truths"]]
    )


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else None
    for case in render(target):
        print(f"{case.group:8} {case.name:24} {len(case.truths)} truths")
