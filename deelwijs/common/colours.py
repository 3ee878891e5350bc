"""Colours as people type them (#1f5e48, 1F5E48, #abc) and the contrast WCAG 2.1 asks of text on a background."""

import re

HEX = re.compile(r"#?([0-9a-fA-F]{6}|[0-9a-fA-F]{3})")
WHITE = "#ffffff"
# WCAG 2.1 AA for normal text (1.4.3); headings are large text (3:1), but a report's small headings are not.
TEXT_CONTRAST = 4.5


def normalise(value):
    """'#1f5e48' for a colour written in any of the usual ways, or None when it is not a hex colour."""
    match = HEX.fullmatch((value or "").strip())
    if not match:
        return None
    digits = match[1].lower()
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    return f"#{digits}"


def _channels(colour):
    return [int(colour[i : i + 2], 16) for i in (1, 3, 5)]


def luminance(colour):
    """The relative luminance of a '#rrggbb' colour (WCAG 2.1)."""
    linear = [c / 255 / 12.92 if c / 255 <= 0.04045 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in _channels(colour)]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first, second=WHITE):
    """The contrast ratio of two '#rrggbb' colours, from 1 to 21."""
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def darkened(colour, ratio=TEXT_CONTRAST, against=WHITE):
    """The same hue made darker, step by step, until it reaches the ratio against the background."""
    channels = _channels(colour)
    for step in range(101):
        shade = "#" + "".join(f"{round(c * (100 - step) / 100):02x}" for c in channels)
        if contrast(shade, against) >= ratio:
            return shade
    return "#000000"
