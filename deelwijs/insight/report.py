"""The quarterly social media report: the dashboard's figures as PDF (WeasyPrint) and CSV."""

import io
import logging
import time

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from deelwijs.common import charts
from deelwijs.common.spreadsheet import SpreadsheetWriter
from deelwijs.orgs.domain import notify
from deelwijs.planning.domain import pilot_figures
from deelwijs.planning.models import Pilot

from . import figures
from .models import Report

logger = logging.getLogger(__name__)


def chart_set(data, screen=False):
    """The charts of a figures dict, as SVG; for a screen, each twice: for a desk and for a phone."""
    label = {figures.DAY: "%d-%m", figures.WEEK: "%d-%m", figures.MONTH: "%m-%Y"}[data["by"]]
    points = [(day.strftime(label), s, c) for day, s, c in data["series"]]

    def draw(chart, *args, chart_id):
        return charts.for_phone_and_desk(chart, *args, chart_id=chart_id) if screen else chart(*args, chart_id=chart_id)

    def bars(rows, column, title, chart_id):
        return draw(charts.bar_chart, [(r[0], r[column]) for r in rows], title, chart_id=chart_id)

    return {
        "timeline": draw(
            charts.line_chart, points, _("Shares and clicks over time"), _("Shares"), _("Clicks"), chart_id="chart-time"
        ),
        "networks": bars(data["networks"], 2, _("Clicks per network"), "chart-net"),
        "campaigns": bars(data["campaigns"], 2, _("Clicks per campaign"), "chart-campaign"),
        "teams": bars(data["teams"], 1, _("Shares per team"), "chart-team"),
        "locations": bars(data["locations"], 1, _("Shares per location"), "chart-location"),
    }


def figures_csv(data):
    """The same figures as the dashboard, one table after another, for a spreadsheet."""
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
    return out.getvalue()


def pilots_of(organisation, period):
    pilots = Pilot.objects.filter(starts_on__lte=period.last, ends_on__gte=period.first)
    return [
        {"pilot": p, "figures": pilot_figures(p), "lessons": list(p.lessons.all())}
        for p in pilots.select_related("lead_communications", "lead_ambassador")
    ]


def render_pdf(organisation, period, conclusion=""):
    """Returns (pdf bytes, csv text)."""
    import weasyprint

    data = figures.dashboard(figures.Scope(organisation), period, figures.MONTH if period.is_quarter else figures.WEEK)
    html = render_to_string(
        "insight/report_pdf.html",
        {
            "organisation": organisation,
            "data": data,
            "charts": chart_set(data),
            "conclusion": conclusion,
            "pilots": pilots_of(organisation, period),
            "made": timezone.localtime(),
        },
    )
    return weasyprint.HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(), figures_csv(data)


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
