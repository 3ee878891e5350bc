from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from deelwijs.common.forms import InputLimits
from deelwijs.content.files import image_response
from deelwijs.content.models import Campaign
from deelwijs.learning.domain import modules_for, progress
from deelwijs.orgs.models import Location, Team
from deelwijs.orgs.permissions import can_make_reports, can_see_all_teams, can_see_dashboard, requires
from deelwijs.sharing.models import Share

from . import domain, figures
from .forms import LeaderboardFilter, ReportSettingsForm
from .models import Report, ReportSettings
from .report import chart_set, figures_csv
from .tasks import build_report

GRANULARITIES = [
    (figures.DAY, gettext_lazy("Day")),
    (figures.WEEK, gettext_lazy("Week")),
    (figures.MONTH, gettext_lazy("Month")),
]


class DashboardFilter(InputLimits, forms.Form):
    period = forms.ChoiceField(label=gettext_lazy("Period"))
    by = forms.ChoiceField(label=gettext_lazy("Per"), choices=GRANULARITIES, initial=figures.WEEK)
    team = forms.ModelChoiceField(
        Team.objects.none(), label=gettext_lazy("Team"), required=False, empty_label=gettext_lazy("All teams")
    )
    location = forms.ModelChoiceField(
        Location.objects.none(),
        label=gettext_lazy("Location"),
        required=False,
        empty_label=gettext_lazy("All locations"),
    )
    campaign = forms.ModelChoiceField(
        Campaign.objects.none(),
        label=gettext_lazy("Campaign"),
        required=False,
        empty_label=gettext_lazy("All campaigns"),
    )

    def __init__(self, data, person):
        super().__init__(data)
        self.fields["period"].choices = figures.period_choices(timezone.localdate())
        self.fields["period"].initial = self.fields["period"].choices[0][0]
        self.teams = None if can_see_all_teams(person) else list(person.managed_teams.all())
        self.fields["team"].queryset = (
            Team.objects.all() if self.teams is None else Team.objects.filter(pk__in=[t.pk for t in self.teams])
        )
        self.fields["location"].queryset = Location.objects.all()
        self.fields["campaign"].queryset = Campaign.objects.all()


def _selection(request):
    form = DashboardFilter(request.GET or None, request.user)
    form.is_valid()  # a malformed value drops only its own filter: cleaned_data keeps the fields that validated
    data = form.cleaned_data if form.is_bound else {}
    period = figures.Period.parse(data.get("period") or form.fields["period"].initial)
    scope = figures.Scope(
        request.user.organisation,
        team=data.get("team"),
        location=data.get("location"),
        campaign=data.get("campaign"),
        teams=form.teams,
    )
    return form, scope, period, data.get("by") or figures.WEEK


@requires(can_see_dashboard)
def dashboard(request):
    """Shares, clicks, ambassadors, stories and training for a period; managers see their own teams."""
    form, scope, period, by = _selection(request)
    data = figures.dashboard(scope, period, by)
    # Plain lists: a large organisation has hundreds of teams, too many options for the widget templates.
    choice_lists = {
        name: format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (pk, " selected" if str(pk) == str(form[name].value()) else "", label)
                for pk, label in form.fields[name].queryset.values_list("pk", "name")
            ),
        )
        for name in ("team", "location", "campaign")
    }
    return render(
        request,
        "insight/dashboard.html",
        {
            "form": form,
            "data": data,
            "charts": chart_set(data, screen=True),
            "query": request.GET.urlencode(),
            "no_teams": form.teams == [],
            "choice_lists": choice_lists,
        },
    )


@requires(can_see_dashboard)
def dashboard_csv(request):
    _form, scope, period, by = _selection(request)
    response = HttpResponse(figures_csv(figures.dashboard(scope, period, by)), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="deelwijs-{period.key}.csv"'
    return response


# As many as the feed shows: on a phone each share is a card of four lines.
MY_SHARES_PAGE = 20


@requires()
def my_figures(request):
    """What I shared, the clicks on my links, my training."""
    shares = (
        Share.objects.filter(person=request.user)
        .select_related("item")
        .annotate(clicks=Count("link__click"))
        .order_by("-created")
    )
    totals = Share.objects.filter(person=request.user).aggregate(
        shares=Count("pk", distinct=True), clicks=Count("link__click")
    )
    modules = modules_for(request.user)
    rows = progress(request.user, modules)
    return render(
        request,
        "insight/mine.html",
        {
            "shares": Paginator(shares, MY_SHARES_PAGE).get_page(request.GET.get("pagina")),
            "totals": totals,
            "modules": [(m, rows[m.pk]) for m in modules],
            "rate": figures.rate(totals["clicks"], totals["shares"]),
        },
    )


@requires()
def leaderboard(request):
    today = timezone.localdate()
    choices = figures.period_choices(today)
    period = figures.Period.parse(LeaderboardFilter(request.GET).values["period"])
    return render(
        request,
        "insight/leaderboard.html",
        {
            "board": figures.leaderboard(request.user.organisation, period),
            "period": period,
            "choices": choices,
        },
    )


class ReportForm(InputLimits, forms.ModelForm):
    class Meta:
        model = Report
        fields = ["period", "conclusion"]
        widgets = {"conclusion": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        quarters = [c for c in figures.period_choices(timezone.localdate()) if "Q" in c[0]]
        self.fields["period"] = forms.ChoiceField(label=_("Quarter"), choices=quarters, initial=quarters[1][0])


@requires(can_make_reports)
def reports(request):
    """Ask for a quarterly report; the worker makes it and tells you when it is ready."""
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        report = form.save(commit=False)
        report.organisation, report.requested_by = request.user.organisation, request.user
        report.save()
        build_report.enqueue(report.organisation_id, report.pk)
        messages.success(request, _("The report is being made. You get a notification when it is ready."))
        return redirect("reports")
    listing = list(Report.objects.all().defer("pdf", "csv").select_related("requested_by")[:20])
    for report in listing:
        # "K4 2026", as the form and the report itself say it, not the key "2026-Q4".
        report.period_label = figures.Period.parse(report.period).label
    return render(
        request,
        "insight/reports.html",
        {"form": form, "reports": listing, "settings": ReportSettings.of(request.user.organisation)},
    )


@requires(can_make_reports)
def report_settings(request):
    """The quarter's targets and the report's logo and house colour; a chosen logo survives an error elsewhere."""
    instance = ReportSettings.of(request.user.organisation)
    form = ReportSettingsForm(request.POST or None, request.FILES or None, instance=instance, person=request.user)
    if request.method == "POST":
        if form.is_valid():
            with transaction.atomic():
                domain.save_report_settings(request.user, form)
            messages.success(request, _("The report settings are saved. The next report uses them."))
            return redirect("report_settings")
        form.keep_uploads()
    return render(request, "insight/report_settings.html", {"form": form, "settings": instance})


@require_safe
@requires(can_make_reports)
def report_logo(request):
    """The organisation's report logo, for the settings page (the PDF reads the file itself)."""
    return image_response(ReportSettings.of(request.user.organisation).logo, "klein")


@requires(can_make_reports)
def report_download(request, pk, kind):
    report = get_object_or_404(Report.objects.all().filter(status=Report.READY), pk=pk)
    if kind == "pdf":
        response = HttpResponse(bytes(report.pdf), content_type="application/pdf")
    elif kind == "csv":
        response = HttpResponse(report.csv, content_type="text/csv; charset=utf-8")
    else:
        raise Http404
    period = slugify(figures.Period.parse(report.period).label)
    response["Content-Disposition"] = f'attachment; filename="deelwijs-rapport-{period}.{kind}"'
    return response
