"""Charts drawn on the server as SVG, so the browser and the PDF show the same picture.

Each chart has a title and description for screen readers; the pages put a
table with the same numbers beside it.
"""

import math

from django.utils.html import escape
from django.utils.safestring import mark_safe

SHARES_COLOUR, CLICKS_COLOUR = "#0b5cad", "#c2410c"
# An SVG scales with its box, and its labels with it. The desk's chart is 640 units wide in a box of at least
# 608 px (from a 40rem window up), the phone's 300 units in a box of at least 288 px (a 320 px window): a label of
# 13 units shows at 12 px or more on both. The pages show the phone's below 40rem and the desk's above.
FONT = 13
PHONE_WIDTH = 300


def _nice_max(value):
    """The smallest of 1, 2, 2.5 and 5 times a power of ten that is at least value."""
    if value <= 0:
        return 1
    magnitude = 10 ** math.floor(math.log10(value))
    return next(m * magnitude for m in (1, 2, 2.5, 5, 10) if value <= m * magnitude)


def line_chart(points, title, shares_label, clicks_label, chart_id, width=640, height=None):
    """points: [(label, shares, clicks)] -> SVG with two lines. A width under 640 is a phone's: fewer dates."""
    phone = width < 640
    height = height or (220 if phone else 240)
    left, right, top, bottom = 44, 12, 28, 36
    plot_w, plot_h = width - left - right, height - top - bottom
    top_value = _nice_max(max([max(s, c) for _l, s, c in points] or [0]))
    n = max(len(points) - 1, 1)

    def xy(i, value):
        return left + plot_w * i / n, top + plot_h * (1 - value / top_value)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{chart_id}" class="chart"><title id="{chart_id}">{escape(title)}</title>'
    ]
    for k in range(5):
        value = top_value * k / 4
        _x, y = xy(0, value)
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" stroke="#d5dae3"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="{FONT}" fill="#4a5468">'
            f"{value:g}</text>"
        )
    step = max(1, math.ceil(len(points) / (3 if phone else 8)))
    for i, (label, _s, _c) in enumerate(points):
        if i % step == 0:
            x, _y = xy(i, 0)
            parts.append(
                f'<text x="{x:.1f}" y="{height - bottom + 18}" text-anchor="middle" font-size="{FONT}" '
                f'fill="#4a5468">{escape(label)}</text>'
            )
    for index, colour in ((1, SHARES_COLOUR), (2, CLICKS_COLOUR)):
        coords = " ".join(f"{x:.1f},{y:.1f}" for x, y in (xy(i, p[index]) for i, p in enumerate(points)))
        dash = "" if index == 1 else ' stroke-dasharray="6 3"'
        parts.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2.5"{dash} points="{coords}"/>')
    # The second key starts after the first one's words (about 0.6 of the font size per character).
    second = left + 18 + math.ceil(len(str(shares_label)) * FONT * 0.6) + 16
    parts.append(
        f'<rect x="{left}" y="7" width="14" height="4" fill="{SHARES_COLOUR}"/>'
        f'<text x="{left + 18}" y="13" font-size="{FONT}" fill="#1d2433">{escape(shares_label)}</text>'
        f'<rect x="{second}" y="7" width="14" height="4" fill="{CLICKS_COLOUR}"/>'
        f'<text x="{second + 18}" y="13" font-size="{FONT}" fill="#1d2433">{escape(clicks_label)}</text></svg>'
    )
    return mark_safe("".join(parts))


def bar_chart(rows, title, chart_id, width=640, bar=20):
    """rows: [(label, value)] -> horizontal bars, largest first as given. A width under 640 is a phone's: each
    label stands above its bar, so the bar keeps the whole width."""
    phone = width < 640
    label_w, gap, right = (0, 6, 44) if phone else (190, 6, 56)
    above = FONT + 4 if phone else 0
    row_h = above + bar + gap
    height = max(len(rows), 1) * row_h + 8
    top_value = max([v for _l, v in rows] or [0]) or 1
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{chart_id}" class="chart"><title id="{chart_id}">{escape(title)}</title>'
    ]
    for i, (label, value) in enumerate(rows):
        y = 4 + i * row_h + above
        length = (width - label_w - right) * value / top_value
        text = str(label)
        room = 36 if phone else 23
        short = text if len(text) <= room else text[: room - 1] + "…"
        if phone:
            parts.append(f'<text x="0" y="{y - 4}" font-size="{FONT}" fill="#1d2433">{escape(short)}</text>')
        else:
            parts.append(
                f'<text x="{label_w - 8}" y="{y + bar * 0.7:.1f}" text-anchor="end" font-size="{FONT}" '
                f'fill="#1d2433">{escape(short)}</text>'
            )
        parts.append(
            f'<rect x="{label_w}" y="{y}" width="{length:.1f}" height="{bar}" fill="{SHARES_COLOUR}"/>'
            f'<text x="{label_w + length + 6:.1f}" y="{y + bar * 0.7:.1f}" font-size="{FONT}" '
            f'fill="#1d2433">{value}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def for_phone_and_desk(draw, *args, chart_id):
    """The chart twice, for a desk and for a phone; the page's CSS shows one of them (the other is display: none,
    so a screen reader meets one chart too). The PDF shows the desk's only."""
    desk = draw(*args, chart_id=chart_id)
    phone = draw(*args, chart_id=f"{chart_id}-phone", width=PHONE_WIDTH)
    return mark_safe(f'<div class="chart-desk">{desk}</div><div class="chart-phone">{phone}</div>')
