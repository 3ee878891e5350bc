"""Text in a photo, read with Tesseract (Debian's tesseract-ocr with its Dutch data), word by word with boxes.

Tesseract runs as a child process on this machine, with a time limit: a pathological photo stops it
after `timeout` seconds instead of holding a worker. Nothing leaves the installation.
"""

import os
import re
from dataclasses import dataclass, field

import cv2
import numpy as np
import pytesseract
from PIL import Image

from .boxes import Box, merged

# Text is read on a copy this large. Letters on a whiteboard photographed across a room are 60-100
# pixels high in a 12-megapixel photo; at 2000 pixels they are 30-50, what Tesseract reads best.
EDGE = 2000
LANGUAGES = "nld+eng"
# Sparse text: a photo has text in patches (a board, a sign, a screen), not a page in columns.
CONFIG = "--psm 11 --oem 1"
# Words Tesseract is less sure of than this are mostly the texture of a wall or leaves read as letters.
MIN_CONFIDENCE = 55
TIMEOUT = 20  # seconds
# One core per check: Tesseract's OpenMP threads only fight the other workers for the CPU.
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

# A line of text between these heights (pixels at EDGE): smaller is not legible, larger is a banner.
MIN_LINE, MAX_LINE = 10, 300

WORDLIKE = re.compile(r"[0-9A-Za-zÀ-ÿ]")


class TextTimeout(Exception):
    """Tesseract did not finish within the time limit."""


@dataclass(frozen=True)
class Word:
    text: str
    box: Box
    confidence: float


@dataclass
class Line:
    words: list[Word] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def box(self) -> Box:
        box = self.words[0].box
        for word in self.words[1:]:
            box = box.union(word.box)
        return box


def read_text(image: Image.Image, timeout: float = TIMEOUT, hide: list[Box] | None = None) -> list[Line]:
    """The lines of text in an RGB image, each with its words and their boxes in that image's pixels.

    `hide`: boxes to leave out (codes already read). Raises TextTimeout when Tesseract takes longer than
    `timeout` seconds.
    """
    gray = np.array(image.convert("L"))
    for box in hide or ():
        area = box.clipped(gray.shape[1], gray.shape[0])
        gray[area.y : area.bottom, area.x : area.right] = 255
    regions = text_regions(gray)
    if not regions:
        return []
    try:
        data = pytesseract.image_to_data(
            _prepared(gray, regions),
            lang=LANGUAGES,
            config=CONFIG,
            timeout=timeout,
            output_type=pytesseract.Output.DICT,
        )
    except RuntimeError as e:
        # pytesseract says a time-out with a RuntimeError of this text; anything else is a real failure.
        if "timeout" in str(e).lower():
            raise TextTimeout from e
        raise
    lines: dict[tuple[int, int, int], Line] = {}
    for i, raw in enumerate(data["text"]):
        text = raw.strip()
        confidence = float(data["conf"][i])
        if not text or confidence < MIN_CONFIDENCE or not _wordlike(text):
            continue
        box = Box(data["left"][i], data["top"][i], data["width"][i], data["height"][i])
        key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        lines.setdefault(key, Line()).words.append(Word(text, box, confidence))
    return [line for line in lines.values() if line.words]


def text_regions(gray: np.ndarray) -> list[Box]:
    """Where the photo may hold lines of text: patches of sharp strokes side by side, a line's height high and
    wider than high. Tesseract reads only these (the rest of the photo is left white), so a lawn or a brick
    wall costs it nothing: on its own it spent more than 20 seconds on a photo of grass and read noise.
    """
    height, width = gray.shape
    edges = cv2.morphologyEx(gray, cv2.MORPH_GRADIENT, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (3, 3)))
    _, strokes = cv2.threshold(edges, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    # Letters of a word, and words of a line, joined into one patch.
    joined = cv2.morphologyEx(strokes, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (17, 3)))
    count, _, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    lines, narrow = [], []
    for x, y, w, h, _area in stats[1:count]:
        if not MIN_LINE <= h <= MAX_LINE or w < h * 0.3 or w > width * 0.9:
            continue
        ink = cv2.countNonZero(strokes[y : y + h, x : x + w]) / (w * h)
        if 0.08 <= ink <= 0.75:  # text has strokes and space between them; a texture or a solid area does not
            (lines if w >= h else narrow).append(Box(int(x), int(y), int(w), int(h)))
    # A lone digit or letter ("Kamer 8") is higher than wide: kept when it stands beside a line of text.
    lines += [n for n in narrow if any(_beside(n, line) for line in lines)]
    # A sign's or a screen's outline around its lines is a patch too: keep the lines, not what frames them.
    lines = [a for a in lines if not any(b.area < a.area / 2 and a.overlap(b) > 0.9 for b in lines)]
    grown = [Box(b.x - b.h * 2 // 5, b.y - b.h * 7 // 20, b.w + b.h * 4 // 5, b.h + b.h * 7 // 10) for b in lines]
    return merged([b.clipped(width, height) for b in grown], overlap=0.01)


def _beside(small: Box, line: Box) -> bool:
    """On the same line (most of its height shared) and at most one and a half letters' height away."""
    shared = min(small.bottom, line.bottom) - max(small.y, line.y)
    gap = max(line.x - small.right, small.x - line.right)
    return shared >= 0.6 * small.h and gap <= 1.5 * line.h


def _prepared(gray: np.ndarray, regions: list[Box]) -> np.ndarray:
    """A white page with each region as dark text on a light ground, contrast stretched region by region.

    Tesseract binarises the whole page with one threshold: a grey wall beside a white board would turn black
    and swallow the board's text, and light letters on a dark door sign would be lost.
    """
    page = np.full_like(gray, 255)
    for r in regions:
        patch = gray[r.y : r.bottom, r.x : r.right].astype(np.float32)
        threshold, _ = cv2.threshold(patch.astype(np.uint8), 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
        if (patch < threshold).mean() > 0.5:  # mostly dark: light letters on a dark ground
            patch = 255 - patch
        low, high = np.percentile(patch, 2), np.percentile(patch, 90)
        page[r.y : r.bottom, r.x : r.right] = np.clip((patch - low) * 255 / max(1.0, high - low), 0, 255)
    return page


def _wordlike(text: str) -> bool:
    """A word has a letter or digit; a lone letter is mostly noise, except an initial ("J.") or a Dutch word."""
    letters = WORDLIKE.findall(text)
    if not letters:
        return False
    if len(letters) > 1 or text.isdigit():
        return True
    return text.lower() in {"a", "e", "o", "u", "&"} or (text[0].isupper() and text.endswith("."))
