"""Charts drawn on the server as SVG, so the browser and the PDF show the same picture.

Each chart has a title and description for screen readers; the pages put a
table with the same numbers beside it.
"""

import math

from django.utils.html import escape
from django.utils.safestring import mark_safe

SHARES_COLOUR, CLICKS_COLOUR = "#0b5cad", "#c2410c"


def _nice_max(value):
    """The smallest of 1, 2, 2.5 and 5 times a power of ten that is at least value."""
    if value <= 0:
        return 1
    magnitude = 10 ** math.floor(math.log10(value))
    return next(m * magnitude for m in (1, 2, 2.5, 5, 10) if value <= m * magnitude)


def line_chart(points, title, shares_label, clicks_label, chart_id, width=640, height=240):
    """points: [(label, shares, clicks)] -> SVG with two lines."""
    left, right, top, bottom = 48, 12, 28, 36
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
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11" fill="#4a5468">'
            f"{value:g}</text>"
        )
    step = max(1, len(points) // 8)
    for i, (label, _s, _c) in enumerate(points):
        if i % step == 0:
            x, _y = xy(i, 0)
            parts.append(
                f'<text x="{x:.1f}" y="{height - bottom + 16}" text-anchor="middle" font-size="11" '
                f'fill="#4a5468">{escape(label)}</text>'
            )
    for index, colour in ((1, SHARES_COLOUR), (2, CLICKS_COLOUR)):
        coords = " ".join(f"{x:.1f},{y:.1f}" for x, y in (xy(i, p[index]) for i, p in enumerate(points)))
        dash = "" if index == 1 else ' stroke-dasharray="6 3"'
        parts.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2.5"{dash} points="{coords}"/>')
    parts.append(
        f'<rect x="{left}" y="6" width="14" height="4" fill="{SHARES_COLOUR}"/>'
        f'<text x="{left + 18}" y="12" font-size="12" fill="#1d2433">{escape(shares_label)}</text>'
        f'<rect x="{left + 130}" y="6" width="14" height="4" fill="{CLICKS_COLOUR}"/>'
        f'<text x="{left + 148}" y="12" font-size="12" fill="#1d2433">{escape(clicks_label)}</text></svg>'
    )
    return mark_safe("".join(parts))


def bar_chart(rows, title, chart_id, width=640, bar=20):
    """rows: [(label, value)] -> horizontal bars, largest first as given."""
    label_w, gap, right = 190, 6, 56
    height = max(len(rows), 1) * (bar + gap) + 8
    top_value = max([v for _l, v in rows] or [0]) or 1
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{chart_id}" class="chart"><title id="{chart_id}">{escape(title)}</title>'
    ]
    for i, (label, value) in enumerate(rows):
        y = 4 + i * (bar + gap)
        length = (width - label_w - right) * value / top_value
        text = str(label)
        short = text if len(text) <= 30 else text[:29] + "…"
        parts.append(
            f'<text x="{label_w - 8}" y="{y + bar * 0.7:.1f}" text-anchor="end" font-size="12" '
            f'fill="#1d2433">{escape(short)}</text>'
            f'<rect x="{label_w}" y="{y}" width="{length:.1f}" height="{bar}" fill="{SHARES_COLOUR}"/>'
            f'<text x="{label_w + length + 6:.1f}" y="{y + bar * 0.7:.1f}" font-size="12" '
            f'fill="#1d2433">{value}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))
