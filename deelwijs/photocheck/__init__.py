"""The photo check: faces, text and codes in a photo, judged like a post. Pure Python, no Django.

`check_image(photo, policy, lang) -> PhotoReport`; `read` and `judge` are its two steps, `blur` and
`draw_findings` work on the photo itself. Everything runs on this machine: Tesseract as a local child process,
OpenCV's cascades and zxing-cpp in the process; no photo is ever sent anywhere.
"""

from .boxes import Box
from .engine import TEXT_CATEGORIES, Reading, check_image, judge, read
from .picture import PhotoError
from .render import blur, draw_findings
from .report import PhotoFinding, PhotoReport
from .text import TIMEOUT

__all__ = [
    "Box",
    "PhotoError",
    "PhotoFinding",
    "PhotoReport",
    "Reading",
    "TEXT_CATEGORIES",
    "TIMEOUT",
    "blur",
    "check_image",
    "draw_findings",
    "judge",
    "read",
]
