"""Charts drawn on the server as SVG, so the browser and the PDF show the same picture.

Each chart has a title and description for screen readers; the pages put a
table with the same numbers beside it. Every chart says what it counts (its
title, the key of a line chart, the head of a bar chart's values), bars are
drawn largest first, and a period that is still running is drawn lighter
with a note, so it does not look like a drop.

Labels are measured, not counted: ``text_width`` knows how wide DejaVu Sans
draws each character (the PDF's font, and wider than the usual screen fonts),
so a label that would run out of its room is wrapped onto a second line or,
past that, cut with an ellipsis; the table beside the chart has the full text.
"""

import math

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import mark_safe

SHARES_COLOUR, CLICKS_COLOUR = "#0b5cad", "#c2410c"
INK, MUTED, GRID, RUNNING_FILL = "#1d2433", "#4a5468", "#d5dae3", "#eef1f6"
# An SVG scales with its box, and its labels with it. The desk's chart is 640 units wide in a box of at least
# 608 px (from a 40rem window up), the phone's 300 units in a box of at least 288 px (a 320 px window): a label of
# 13 units shows at 12 px or more on both. The pages show the phone's below 40rem and the desk's above.
FONT = 13
PHONE_WIDTH = 300
FONT_FAMILY = "DejaVu Sans, Verdana, sans-serif"

# How wide DejaVu Sans draws a character, in ems, by groups (measured with Pillow, rounded up per group).
_WIDTHS = {
    0.29: "'ijlïìíîIJ",
    0.34: " ,.’‘/:;\\|f-",
    0.41: "()[]t!r",
    0.53: '"*_`–“”sz?',
    0.66: "cçLFkvxyPTYoöóòôaäáàâeéëèêEÉËÈhnuüúùûñSbdgpq$0123456789{}€K",
    0.75: "AÄÁVXZBRCÇUÜÚNHDG",
    0.86: "&OÓÖQw#+<=>^~M",
    1.0: "%mW@…—",
}
CHAR_WIDTH = {char: width for width, chars in _WIDTHS.items() for char in chars}
OTHER_WIDTH = 0.8  # a character not in the table: a little wider than most, so a label errs on fitting


def text_width(text, size=FONT):
    """The width of a text in SVG units at a font size."""
    return size * sum(CHAR_WIDTH.get(char, OTHER_WIDTH) for char in str(text))


def fit(text, room, size=FONT, lines=2):
    """The text in at most ``lines`` lines no wider than ``room``: broken between words (a word wider than a
    line is broken inside), the last line cut with an ellipsis when the text is longer still."""
    words, result = str(text).split(), []
    while words:
        line = words.pop(0)
        while words and text_width(f"{line} {words[0]}", size) <= room:
            line = f"{line} {words.pop(0)}"
        if len(result) == lines - 1:
            result.append(_cut(" ".join([line, *words]), room, size))
            break
        if text_width(line, size) > room:  # one long word: as much as fits, the rest on the next line
            head = _cut(line, room, size, mark="-")
            words.insert(0, line[len(head) - 1 :])
            line = head
        result.append(line)
    return result or [""]


def _cut(text, room, size, mark="…"):
    if text_width(text, size) <= room:
        return text
    while len(text) > 1 and text_width(text + mark, size) > room:
        text = text[:-1]
    return text.rstrip() + mark


def _text(x, y, content, size=FONT, fill=INK, anchor=None, extra=""):
    anchor_attr = f' text-anchor="{anchor}"' if anchor else ""
    return f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" fill="{fill}"{anchor_attr}{extra}>{content}</text>'


def _label(x, y, lines, full, anchor=None, line_h=FONT + 3):
    """A label of one or more lines; when it was shortened, its full text as the label's tooltip."""
    tip = f"<title>{escape(full)}</title>" if " ".join(lines) != str(full) else ""
    if len(lines) == 1:
        return _text(x, y, tip + escape(lines[0]), anchor=anchor)
    spans = "".join(
        f'<tspan x="{x:.1f}" dy="{0 if n == 0 else line_h}">{escape(line)}</tspan>' for n, line in enumerate(lines)
    )
    return _text(x, y, tip + spans, anchor=anchor)


def _svg(width, height, chart_id, title):
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height:.0f}" role="img" '
        f'aria-labelledby="{chart_id}" class="chart" font-family="{FONT_FAMILY}">'
        f'<title id="{chart_id}">{escape(title)}</title>'
    )


def _nice_max(value):
    """The smallest of 1, 2, 2.5 and 5 times a power of ten that is at least value."""
    if value <= 0:
        return 1
    magnitude = 10 ** math.floor(math.log10(value))
    return next(m * magnitude for m in (1, 2, 2.5, 5, 10) if value <= m * magnitude)


def _ticks(top_value, whole):
    """The values of the grid lines, 0 to the top: five of them, but for counts only whole numbers, so a chart of
    three mentions reads 0 1 2 3 4 5 rather than 1.25 and 3.75."""
    step = top_value / 4
    if whole and not float(step).is_integer():
        fifth = top_value / 5
        step = fifth if fifth >= 1 and float(fifth).is_integer() else 1
    return [step * k for k in range(round(top_value / step) + 1)]


def _tick_label(value):
    return str(int(value)) if float(value).is_integer() else number_format(value)


def _legend(keys, left, width):
    """The keys of a chart in rows that fit the width: [(x, y, key)] and the height they take."""
    placed, x, row = [], left, 0
    for key in keys:
        needed = 18 + text_width(key[0]) + 16
        if x > left and x + needed > width:
            x, row = left, row + 1
        placed.append((x, 13 + row * (FONT + 6), key))
        x += needed
    return placed, (row + 1) * (FONT + 6)


def line_chart(
    points,
    title,
    shares_label,
    clicks_label,
    chart_id,
    width=640,
    height=None,
    x_label="",
    unfinished_note="",
    colour=SHARES_COLOUR,
):
    """points: [(label, shares, clicks)] -> SVG with two lines. A width under 640 is a phone's: fewer dates.

    ``x_label`` names the dates under the axis ("Week van"); with ``unfinished_note`` the last point is a
    period still running: its stretch is shaded and its lines lighter and dotted, and the key explains it.
    """
    phone = width < 640
    unfinished = bool(unfinished_note) and bool(points)
    keys = [(shares_label, "shares"), (clicks_label, "clicks")] + ([(unfinished_note, "running")] if unfinished else [])
    top_value = _nice_max(max([max(s, c) for _l, s, c in points] or [0]))
    ticks = _ticks(top_value, whole=all(float(v).is_integer() for _l, s, c in points for v in (s, c)))
    left = max(text_width(_tick_label(t)) for t in ticks) + 10
    right = 12
    legend, legend_h = _legend(keys, left, width - right)
    top = legend_h + 12
    bottom = 30 + (FONT + 6 if x_label else 0)
    height = height or (top + (170 if phone else 190) + bottom)
    plot_w, plot_h = width - left - right, height - top - bottom
    n = max(len(points) - 1, 1)

    def xy(i, value):
        return left + plot_w * i / n, top + plot_h * (1 - value / top_value)

    parts = [_svg(width, height, chart_id, title)]
    if unfinished:
        # The stretch of the running period: from halfway to the point before it (or the start) to the end.
        start = xy(len(points) - 1.5, 0)[0] if len(points) > 1 else left
        parts.append(
            f'<rect class="unfinished" x="{start:.1f}" y="{top}" width="{width - right - start:.1f}" '
            f'height="{plot_h}" fill="{RUNNING_FILL}"/>'
        )
    for value in ticks:
        _x, y = xy(0, value)
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" stroke="{GRID}"/>'
            + _text(left - 6, y + 4, _tick_label(value), fill=MUTED, anchor="end")
        )
    # Dates far enough apart that none runs into the next.
    widest = max([text_width(label) for label, _s, _c in points] or [0])
    room = plot_w / n if len(points) > 1 else plot_w
    step = max(1, math.ceil((widest + 8) / room), math.ceil(len(points) / (3 if phone else 8)))
    for i, (label, _s, _c) in enumerate(points):
        if i % step == 0:
            # Centred under its point, but never past either edge of the chart.
            half = text_width(label) / 2
            x = min(max(xy(i, 0)[0], half + 2), width - half - 2)
            parts.append(_text(x, height - bottom + 18, escape(label), fill=MUTED, anchor="middle"))
    if x_label:
        parts.append(_text(left + plot_w / 2, height - 6, escape(x_label), fill=MUTED, anchor="middle"))
    finished = points[:-1] if unfinished else points
    for index, stroke in ((1, colour), (2, CLICKS_COLOUR)):
        dash = "" if index == 1 else ' stroke-dasharray="6 3"'
        coords = " ".join(f"{x:.1f},{y:.1f}" for x, y in (xy(i, p[index]) for i, p in enumerate(finished)))
        if len(finished) > 1:
            parts.append(f'<polyline fill="none" stroke="{stroke}" stroke-width="2.5"{dash} points="{coords}"/>')
        if unfinished:
            last = len(points) - 1
            x2, y2 = xy(last, points[last][index])
            if last:
                x1, y1 = xy(last - 1, points[last - 1][index])
                parts.append(
                    f'<line class="unfinished-line" x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
                    f'stroke="{stroke}" stroke-width="2.5" stroke-opacity="0.55" stroke-dasharray="2 4"/>'
                )
            parts.append(
                f'<circle class="unfinished-point" cx="{x2:.1f}" cy="{y2:.1f}" r="4" fill="#fff" '
                f'stroke="{stroke}" stroke-width="2"/>'
            )
    for x, y, (text, kind) in legend:
        if kind == "running":
            swatch = f'<rect x="{x}" y="{y - 11}" width="14" height="14" fill="{RUNNING_FILL}" stroke="{GRID}"/>'
        else:
            fill = colour if kind == "shares" else CLICKS_COLOUR
            swatch = f'<rect x="{x}" y="{y - 6}" width="14" height="4" fill="{fill}"/>'
        parts.append(swatch + _text(x + 18, y, escape(text)))
    parts.append("</svg>")
    return mark_safe("".join(parts))


def bar_chart(rows, title, chart_id, width=640, bar=20, unit="", category="", colour=SHARES_COLOUR):
    """rows: [(label, value)] -> horizontal bars, largest first. A width under 640 is a phone's: each label
    stands above its bar, so the bar keeps the whole width.

    ``unit`` heads the values (what the bars count: "Klikken"), ``category`` the labels ("Netwerk"). A label
    gets the room the longest one needs, up to two fifths of the width; past that it takes two lines.
    """
    rows = sorted(rows, key=lambda row: -row[1])  # stable: equal values keep the order they came in
    phone = width < 640
    line_h, gap = FONT + 3, 6
    right = max([text_width(v) for _l, v in rows] or [0]) + 14
    if phone:
        label_w = 4  # labels above the bars; the bars and labels start just inside the chart's border
        labels = [fit(label, width - 8, lines=2) for label, _v in rows]
    else:
        widest = max([text_width(label) for label, _v in rows] + [text_width(category), 0])
        label_w = min(max(widest + 16, 80), width * 0.4)
        labels = [fit(label, label_w - 10, lines=2) for label, _v in rows]
    head_h = FONT + 10 if unit or category else 0
    heights = [(len(lines) * line_h + 2 if phone else 0) + max(bar, len(lines) * line_h) + gap for lines in labels]
    height = head_h + sum(heights) + 8
    top_value = max([v for _l, v in rows] or [0]) or 1
    parts = [_svg(width, height, chart_id, title)]
    if category and not phone:
        parts.append(_text(label_w - 8, FONT, escape(category), fill=MUTED, anchor="end"))
    if unit:
        parts.append(_text(label_w, FONT, escape(unit), fill=MUTED))
    y = head_h + 4
    for (label, value), lines, row_h in zip(rows, labels, heights, strict=True):
        if phone:
            parts.append(_label(label_w, y + FONT - 2, lines, label))
            bar_y = y + len(lines) * line_h + 2
        else:
            bar_y = y + (max(bar, len(lines) * line_h) - bar) / 2
            first = bar_y + bar * 0.7 - (len(lines) - 1) * line_h / 2
            parts.append(_label(label_w - 8, first, lines, label, anchor="end"))
        length = (width - label_w - right) * value / top_value
        parts.append(
            f'<rect class="bar" x="{label_w:.1f}" y="{bar_y:.1f}" width="{length:.1f}" height="{bar}" fill="{colour}"/>'
            + _text(label_w + length + 6, bar_y + bar * 0.7, value)
        )
        y += row_h
    parts.append("</svg>")
    return mark_safe("".join(parts))


def for_phone_and_desk(draw, *args, chart_id, **options):
    """The chart twice, for a desk and for a phone; the page's CSS shows one of them (the other is display: none,
    so a screen reader meets one chart too). The PDF shows the desk's only."""
    desk = draw(*args, chart_id=chart_id, **options)
    phone = draw(*args, chart_id=f"{chart_id}-phone", width=PHONE_WIDTH, **options)
    return mark_safe(f'<div class="chart-desk">{desk}</div><div class="chart-phone">{phone}</div>')
