"""The month view and the charts as a screen reader and a phone meet them: no landmark per day, today said in
words and with aria-current, and chart labels that never show under 12 px."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from deelwijs.common import charts

# The narrowest box each drawing is shown in (docs/accessibility.md): a desk's from a 40rem window (640 px less
# main's padding), a phone's in a 320 px window (less the same padding).
DESK_BOX, PHONE_BOX = 608, 288
POINTS = [(f"{day:02d}-11", day, day * 3) for day in range(1, 31)]
BARS = [("Een team met een heel lange naam voor een team", 40), ("Kort", 3)]


@pytest.mark.parametrize("view", ["month", "week"])
def test_today_is_marked_in_words_and_for_screen_readers(client, people, view):
    client.force_login(people["communications"])
    html = client.get(reverse("calendar"), {"view": view}).content.decode()
    assert html.count('aria-current="date"') == 1 and '<span class="today-label">vandaag</span>' in html
    # A day is a box with a heading, not one of 35 to 42 labelled regions.
    assert 'class="cal-day' in html and not re.search(r"<section[^>]*cal-day", html)


def test_the_list_marks_today_when_something_is_planned(client, people, org):
    from deelwijs.planning.models import PlannedPost

    PlannedPost.objects.create(organisation=org, title="Vandaag", text="Tekst", scheduled_at=timezone.now())
    client.force_login(people["communications"])
    html = client.get(reverse("calendar"), {"view": "list"}).content.decode()
    assert 'class="today" aria-current="date"' in html and "vandaag</span>" in html


def font_sizes(svg):
    return [float(size) for size in re.findall(r'font-size="([\d.]+)"', svg)]


def view_box_width(svg):
    return float(re.search(r'viewBox="0 0 ([\d.]+) ', svg).group(1))


@pytest.mark.parametrize(
    "draw",
    [
        lambda **kw: charts.line_chart(POINTS, "Gedeeld en klikken", "Gedeeld", "Klikken", chart_id="c", **kw),
        lambda **kw: charts.bar_chart(BARS, "Per team", chart_id="c", **kw),
    ],
    ids=["line", "bar"],
)
def test_no_chart_label_shows_under_12_px(draw):
    for svg, box in ((draw(), DESK_BOX), (draw(width=charts.PHONE_WIDTH), PHONE_BOX)):
        scale = box / view_box_width(svg)
        assert font_sizes(svg) and min(font_sizes(svg)) * scale >= 12


def test_a_chart_for_a_screen_comes_for_a_phone_and_a_desk_with_their_own_ids():
    html = charts.for_phone_and_desk(charts.bar_chart, BARS, "Per team", chart_id="chart-team")
    assert '<div class="chart-desk">' in html and '<div class="chart-phone">' in html
    assert 'id="chart-team"' in html and 'id="chart-team-phone"' in html
    assert 'aria-labelledby="chart-team-phone"' in html


def test_the_dashboard_draws_both_and_has_no_sideways_scroll(client, people):
    client.force_login(people["communications"])
    html = client.get(reverse("dashboard")).content.decode()
    assert html.count('class="chart-phone"') == 5 and "chart-scroll" not in html
