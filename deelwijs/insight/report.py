"""The quarterly social media report: the dashboard's figures as PDF (WeasyPrint) and CSV."""

import base64
import io
import logging
import time

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from deelwijs.common import charts
from deelwijs.common.spreadsheet import SpreadsheetWriter
from deelwijs.orgs.domain import notify
from deelwijs.planning.domain import pilot_figures
from deelwijs.planning.models import Pilot
from deelwijs.webcare import domain as webcare_domain

from . import figures, summary
from .models import Report, ReportSettings

logger = logging.getLogger(__name__)
# Bars in a printed chart: few enough that a chart and its heading always fit on what is left of a page.
PRINTED_BARS = 10


TIMELINE_TITLES = {
    figures.DAY: gettext_lazy("Shares and clicks per day"),
    figures.WEEK: gettext_lazy("Shares and clicks per week"),
    figures.MONTH: gettext_lazy("Shares and clicks per month"),
}
BUCKET_NAMES = {
    figures.DAY: gettext_lazy("Day"),
    figures.WEEK: gettext_lazy("Week of"),
    figures.MONTH: gettext_lazy("Month"),
}


def chart_set(data, screen=False, colour=charts.SHARES_COLOUR, running_note=None, bars_at_most=None):
    """The charts of a figures dict, as SVG; for a screen, each twice: for a desk and for a phone.

    Each chart's title says what it counts. When the period is still running, its last stretch is marked
    with ``running_note`` (by default "still running, up to today"). ``bars_at_most`` keeps a printed chart
    short enough to stay on a page with its heading; the table under it has every row.
    """
    label = {figures.DAY: "%d-%m", figures.WEEK: "%d-%m", figures.MONTH: "%m-%Y"}[data["by"]]
    points = [(day.strftime(label), s, c) for day, s, c in data["series"]]
    unfinished = bool(data["series"]) and data["series"][-1][0] == data["unfinished"]
    note = (running_note or _("still running, up to today")) if unfinished else ""

    def draw(chart, *args, chart_id, **options):
        if screen:
            return charts.for_phone_and_desk(chart, *args, chart_id=chart_id, colour=colour, **options)
        return chart(*args, chart_id=chart_id, colour=colour, **options)

    def bars(rows, column, title, chart_id, unit, category):
        drawn = sorted(((r[0], r[column]) for r in rows), key=lambda r: -r[1])[:bars_at_most]
        return draw(charts.bar_chart, drawn, title, chart_id=chart_id, unit=unit, category=category)

    return {
        "timeline": draw(
            charts.line_chart,
            points,
            TIMELINE_TITLES[data["by"]],
            _("Shares"),
            _("Clicks"),
            chart_id="chart-time",
            x_label=BUCKET_NAMES[data["by"]],
            unfinished_note=note,
        ),
        "networks": bars(data["networks"], 2, _("Clicks per network"), "chart-net", _("Clicks"), _("Network")),
        "campaigns": bars(data["campaigns"], 2, _("Clicks per campaign"), "chart-campaign", _("Clicks"), _("Campaign")),
        "teams": bars(data["teams"], 1, _("Shares per team"), "chart-team", _("Shares"), _("Team")),
        "locations": bars(data["locations"], 1, _("Shares per location"), "chart-location", _("Shares"), _("Location")),
    }


def figures_csv(data, targets=None, webcare=None):
    """The same figures as the dashboard, one table after another, for a spreadsheet; the report's adds the
    targets and webcare."""
    out = io.StringIO()
    writer = SpreadsheetWriter(out)
    period = data["period"]
    writer.writerow([_("Period"), period.label, period.first.isoformat(), period.last.isoformat()])
    writer.writerow([])
    writer.writerow([_("Figure"), _("This period"), _("Previous period")])
    writer.writerow([_("Shares"), data["totals"]["shares"], data["previous_totals"]["shares"]])
    writer.writerow([_("Clicks"), data["totals"]["clicks"], data["previous_totals"]["clicks"]])
    writer.writerow([_("Clicks per share"), data["rate"], data["previous_rate"]])
    writer.writerow([_("Active ambassadors"), data["active"], data["previous_active"]])
    writer.writerow([_("Stories submitted"), data["stories"]["submitted"], ""])
    writer.writerow([_("Stories approved"), data["stories"]["approved"], ""])
    writer.writerow([_("Completed the basic training"), data["training"]["completed"], ""])
    writer.writerow([_("Staff"), data["training"]["staff"], ""])
    writer.writerow([])
    writer.writerow([_("Date"), _("Shares"), _("Clicks")])
    for day, shares, clicks in data["series"]:
        writer.writerow([day.isoformat(), shares, clicks])
    for title, key in (
        (_("Network"), "networks"),
        (_("Campaign"), "campaigns"),
        (_("Team"), "teams"),
        (_("Location"), "locations"),
    ):
        writer.writerow([])
        writer.writerow([title, _("Shares"), _("Clicks"), _("Clicks per share")])
        writer.writerows(data[key])
    writer.writerow([])
    writer.writerow([_("Item"), _("Shares"), _("Clicks")])
    writer.writerows(data["items"])
    if targets is not None:
        writer.writerow([])
        writer.writerow([_("Target per quarter"), _("Target"), _("Reached")])
        for key, label, value in (
            ("shares", _("Shares"), data["totals"]["shares"]),
            ("clicks", _("Clicks"), data["totals"]["clicks"]),
            ("active", _("Active ambassadors"), data["active"]),
        ):
            if targets.get(key) is not None:
                writer.writerow([label, targets[key], value])
    if webcare is not None:
        writer.writerow([])
        writer.writerow([_("Webcare"), _("This period"), _("Previous period")])
        now, before = webcare["now"], webcare["before"]
        for key, label in (
            ("mentions", _("Mentions")),
            ("signals", _("Reports from colleagues")),
            ("handled", _("Handled")),
            ("on_time_percent", _("Handled within the deadline (%)")),
        ):
            writer.writerow([label, _blank(now[key]), _blank(before[key])])
        waits = [_minutes(now["median_response"]), _minutes(before["median_response"])]
        writer.writerow([_("Median time to first response (minutes)"), *waits])
    return out.getvalue()


def _blank(value):
    return "" if value is None else value


def _minutes(delta):
    return "" if delta is None else round(delta.total_seconds() / 60)


def pilots_of(organisation, period):
    pilots = Pilot.objects.filter(starts_on__lte=period.last, ends_on__gte=period.first)
    return [
        {"pilot": p, "figures": pilot_figures(p), "lessons": list(p.lessons.all())}
        for p in pilots.select_related("lead_communications", "lead_ambassador")
    ]


def logo_uri(image):
    """The logo as a data: address, so WeasyPrint needs no access to the private files by path or URL."""
    if image is None or not image.small:
        return ""
    try:
        with image.small.open("rb") as stored:
            content = stored.read()
    except FileNotFoundError:
        logger.warning("report logo %s is missing from disk", image.pk)
        return ""
    return f"data:{image.content_type};base64,{base64.b64encode(content).decode()}"


def report_context(organisation, period, conclusion="", today=None):
    """Everything the report's template shows, for one quarter (or month)."""
    today = today or timezone.localdate()
    scope = figures.Scope(organisation)
    data = figures.dashboard(scope, period, figures.MONTH if period.is_quarter else figures.WEEK, today=today)
    report_settings = ReportSettings.of(organisation)
    targets = report_settings.targets if period.is_quarter else {}
    through = data["through"] if data["running"] else None
    colour = report_settings.colour or charts.SHARES_COLOUR
    note = _("still running, up to %(day)s") % {"day": formats.date_format(data["through"], "j F")}
    previous = data["previous"]
    webcare = {
        "now": webcare_domain.period_figures(period.first, min(period.last, today)),
        "before": webcare_domain.period_figures(previous.first, previous.last),
    }
    return {
        "organisation": organisation,
        "data": data,
        "charts": chart_set(data, colour=colour, running_note=note, bars_at_most=PRINTED_BARS),
        "conclusion": conclusion,
        "pilots": pilots_of(organisation, period),
        "made": timezone.localtime(),
        "colour": colour,
        "logo": logo_uri(report_settings.logo),
        "targets": targets,
        "has_targets": any(v is not None for v in targets.values()),
        "key_figures": summary.key_figures(data, targets, figures.stories(scope, previous)),
        "summary": summary.sentences(data, targets, webcare["now"], through),
        "webcare": webcare,
        "webcare_rows": webcare_rows(webcare),
        "through": through,
        "printed_bars": PRINTED_BARS,
    }


def webcare_rows(webcare):
    """The webcare table: label, this period, the previous period."""
    now, before = webcare["now"], webcare["before"]

    def time_of(figures_):
        return summary.duration(figures_["median_response"]) if figures_["median_response"] is not None else "–"

    def percent(figures_):
        return "–" if figures_["on_time_percent"] is None else f"{figures_['on_time_percent']}%"

    return [
        (_("Messages in"), summary.number(now["total"]), summary.number(before["total"])),
        (_("of which mentions found online"), summary.number(now["mentions"]), summary.number(before["mentions"])),
        (_("of which reports from colleagues"), summary.number(now["signals"]), summary.number(before["signals"])),
        (_("Handled (answered or closed)"), summary.number(now["handled"]), summary.number(before["handled"])),
        (_("Median time to first response"), time_of(now), time_of(before)),
        (_("Handled within the deadline"), percent(now), percent(before)),
    ]


def render_pdf(organisation, period, conclusion="", today=None):
    """Returns (pdf bytes, csv text)."""
    import weasyprint

    context = report_context(organisation, period, conclusion, today)
    html = render_to_string("insight/report_pdf.html", context)
    pdf = weasyprint.HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
    return pdf, figures_csv(context["data"], context["targets"], context["webcare"])


def build(report_id):
    """Run by the worker: make the report's PDF and CSV and tell the person who asked for it."""
    report = Report.objects.select_related("organisation", "requested_by").get(pk=report_id)
    started = time.perf_counter()
    with translation.override("nl"):
        try:
            report.pdf, report.csv = render_pdf(
                report.organisation, figures.Period.parse(report.period), report.conclusion
            )
            report.status = Report.READY
        except Exception:
            logger.exception("report %s failed", report.pk)
            report.status = Report.FAILED
        report.finished, report.seconds = timezone.now(), time.perf_counter() - started
        report.save()
        if report.requested_by:
            text = (
                _("The report for %(period)s is ready.")
                if report.status == Report.READY
                else _("The report for %(period)s could not be made. Try again or ask your administrator.")
            ) % {"period": figures.Period.parse(report.period).label}
            notify(report.requested_by, text, link=reverse("reports"), email_subject=_("Deelwijs: your report"))
    return report.status
