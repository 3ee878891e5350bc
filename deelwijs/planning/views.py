import calendar as pycalendar
from datetime import datetime, time, timedelta

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from deelwijs.accounts.models import CorporateAccount
from deelwijs.common.forms import InputLimits
from deelwijs.content import photochecks
from deelwijs.content.files import image_response
from deelwijs.content.forms import OverrideForm
from deelwijs.content.models import Campaign, Image
from deelwijs.learning.models import Answer
from deelwijs.orgs.models import Team, User
from deelwijs.orgs.permissions import (
    can_plan_everything,
    can_plan_for_team,
    can_see_meetings,
    can_see_plan,
    requires,
    requires_or_404,
)
from deelwijs.orgs.tenancy import across_organisations, organisation_scope

from . import domain, hookdays, ical
from .forms import (
    LIST,
    MONTH,
    WEEK,
    CalendarFeedForm,
    CalendarPeriodForm,
    EventForm,
    MeetingForm,
    MoveForm,
    NewPostStart,
    OwnHookDayForm,
    PilotForm,
    PilotLessonForm,
    PlannedPostForm,
    RecurringActivityForm,
    TeamPlanForm,
)
from .models import (
    CalendarFeed,
    Event,
    Meeting,
    OwnHookDay,
    Pilot,
    PilotLesson,
    PlannedPost,
    RecurringActivity,
    TeamPlan,
    hash_token,
)

LIST_DAYS = 28


class CalendarFilter(InputLimits, forms.Form):
    account = forms.ModelChoiceField(CorporateAccount.objects.none(), label=gettext_lazy("Account"), required=False)
    team = forms.ModelChoiceField(Team.objects.none(), label=gettext_lazy("Team"), required=False)
    campaign = forms.ModelChoiceField(Campaign.objects.none(), label=gettext_lazy("Campaign"), required=False)
    person = forms.ModelChoiceField(User.members.none(), label=gettext_lazy("Responsible"), required=False)

    def __init__(self, data, organisation):
        super().__init__(data)
        self.fields["account"].queryset = CorporateAccount.objects.all()
        self.fields["team"].queryset = Team.objects.all()
        self.fields["campaign"].queryset = Campaign.objects.all()
        self.fields["person"].queryset = User.members.filter(is_active=True).order_by("first_name", "last_name")

    def apply(self, posts):
        self.is_valid()  # a malformed value drops only its own filter: cleaned_data keeps the valid ones
        lookups = {"account": "account", "team": "team", "campaign": "campaign", "person": "responsible"}
        for name, field in lookups.items():
            if self.cleaned_data.get(name):
                posts = posts.filter(**{field: self.cleaned_data[name]})
        return posts


def _range(mode, day):
    if mode == MONTH:
        weeks = pycalendar.Calendar(firstweekday=0).monthdatescalendar(day.year, day.month)
        first = day.replace(day=1)
        previous = (first - timedelta(days=1)).replace(day=1)
        following = (first + timedelta(days=32)).replace(day=1)
        return weeks[0][0], weeks[-1][-1], previous, following
    if mode == WEEK:
        start = day - timedelta(days=day.weekday())
        return start, start + timedelta(days=6), start - timedelta(days=7), start + timedelta(days=7)
    return day, day + timedelta(days=LIST_DAYS - 1), day - timedelta(days=LIST_DAYS), day + timedelta(days=LIST_DAYS)


@requires(can_see_plan)
def calendar_view(request):
    """The plan as a month, a week or a list, with the hook days and filters."""
    period = CalendarPeriodForm(request.GET).values
    mode, day = period["view"], period["date"] or timezone.localdate()
    start, end, previous, following = _range(mode, day)
    organisation = request.user.organisation
    filters = CalendarFilter(request.GET, organisation)
    posts = (
        filters.apply(domain.visible_posts(request.user))
        .filter(
            scheduled_at__gte=domain.local_day_start(start),
            scheduled_at__lt=domain.local_day_start(end + timedelta(days=1)),
        )
        .select_related("account", "responsible", "team", "event")
    )
    by_day = {}
    for post in posts:
        by_day.setdefault(timezone.localtime(post.scheduled_at).date(), []).append(post)
    hooks_by_day = {}
    for hook in hookdays.hook_days(start, end, OwnHookDay.objects.all()):
        hooks_by_day.setdefault(max(hook.day, start), []).append(hook)
    today = timezone.localdate()
    days = [
        {
            "day": start + timedelta(days=n),
            "posts": by_day.get(start + timedelta(days=n), []),
            "hooks": hooks_by_day.get(start + timedelta(days=n), []),
        }
        for n in range((end - start).days + 1)
    ]
    for entry in days:
        entry["today"] = entry["day"] == today
        entry["other_month"] = mode == MONTH and entry["day"].month != day.month
    if can_plan_everything(request.user):
        overdue = domain.overdue_posts(organisation)
    else:
        overdue = domain.visible_posts(request.user, domain.overdue_posts(organisation))
    query = request.GET.copy()
    query.pop("date", None)
    query.pop("view", None)
    return render(
        request,
        "planning/calendar.html",
        {
            "mode": mode,
            "day": day,
            "start": start,
            "end": end,
            "days": days,
            "filters": filters,
            "weeks": [days[i : i + 7] for i in range(0, len(days), 7)] if mode != LIST else [],
            "previous": previous,
            "following": following,
            "today": today,
            "filter_query": query.urlencode(),
            "overdue": list(overdue[:50]),
            "can_create": can_plan_for_team(request.user),
            "plans_everything": can_plan_everything(request.user),
            "move_form": MoveForm(),
        },
    )


def _initial_post(request):
    """A new post can start from a day, a hook day, or an event's moment."""
    initial = {"status": PlannedPost.IDEA}
    start = NewPostStart(request.GET, request.user.organisation).values
    day = start["date"] or timezone.localdate()
    initial["scheduled_at"] = timezone.make_aware(datetime.combine(day, time(10, 0)))
    hook = hookdays.find(start["hook"] or "", day.year)
    if hook:
        initial.update(title=hook.name, text="", hook_day=hook.key)
    mine = start["own"]
    if mine:
        initial.update(title=mine.name, hook_day=f"eigen-{mine.pk}")
    return initial


@requires(can_plan_for_team)
def post_new(request):
    return _post_form(request, PlannedPost(organisation=request.user.organisation, responsible=request.user))


@requires(can_see_plan)
def post_edit(request, pk):
    post = get_object_or_404(domain.visible_posts(request.user), pk=pk)
    if not domain.can_edit(request.user, post):
        return render(request, "planning/post_view.html", {"post": post})
    return _post_form(request, post)


@require_safe
@requires_or_404(can_see_plan)
def post_image(request, pk, size):
    post = get_object_or_404(domain.visible_posts(request.user).select_related("image"), pk=pk)
    return image_response(post.image, size)


def _post_form(request, post):
    initial = _initial_post(request) if post.pk is None else {}
    form = PlannedPostForm(
        request.POST or None, request.FILES or None, instance=post, initial=initial, person=request.user
    )
    override = OverrideForm(request.POST or None)
    report = None
    if request.method == "POST" and form.is_valid():
        post = form.save(commit=False)
        if post.pk is None and initial.get("hook_day"):
            post.hook_day = initial["hook_day"]
        if form.cleaned_data.get("photo"):
            post.image = Image.from_processed(
                request.user.organisation, form.processed_photo, form.cleaned_data.get("photo_alt", "")
            )
            photochecks.request_check(post.image)
        reason = override.cleaned_data["override_reason"] if override.is_valid() else ""
        report = domain.save_post(request.user, post, reason)
        if report is None:
            messages.success(request, _("The planned post is saved."))
            if form.consent_verdict is not None and not form.consent_verdict.ok:
                messages.warning(request, form.consent_verdict.message)
            return redirect(
                _back(request, reverse("calendar") + f"?view=week&date={timezone.localtime(post.scheduled_at).date()}")
            )
    return render(
        request,
        "planning/post_edit.html",
        {
            "form": form,
            "post": post,
            "report": report,
            "override": override,
            "next": request.GET.get("next", ""),
        },
    )


def _back(request, default):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return default


@require_POST
@requires(can_see_plan)
def post_move(request, pk):
    post = get_object_or_404(domain.visible_posts(request.user), pk=pk)
    if not domain.can_edit(request.user, post):
        raise PermissionDenied
    form = MoveForm(request.POST)
    if form.is_valid():
        domain.move_post(request.user, post, form.cleaned_data["day"])
        messages.success(
            request,
            _("“%(post)s” moved to %(day)s.")
            % {"post": post.label, "day": form.cleaned_data["day"].strftime("%d-%m-%Y")},
        )
    else:
        messages.error(request, _("Choose a valid date to move the post to."))
    return redirect(_back(request, reverse("calendar")))


# Events
@requires(can_plan_everything)
def event_list(request):
    events = Event.objects.all().select_related("responsible").order_by("-starts_at")[:100]
    return render(request, "planning/events.html", {"events": events})


@requires(can_plan_everything)
def event_edit(request, pk=None):
    event = (
        get_object_or_404(Event, pk=pk)
        if pk
        else Event(organisation=request.user.organisation, responsible=request.user)
    )
    form = EventForm(request.POST or None, instance=event, organisation=request.user.organisation)
    if request.method == "POST" and form.is_valid():
        new = event.pk is None
        event = form.save()
        if new:
            proposed = domain.propose_event_posts(request.user, event, form.cleaned_data.get("posts") or [])
            messages.success(request, _("The event is saved with %(n)d proposed posts to fill.") % {"n": len(proposed)})
        else:
            messages.success(request, _("The event is saved."))
        return redirect("event_edit", pk=event.pk)
    posts = event.posts.select_related("responsible", "account") if event.pk else []
    return render(request, "planning/event_edit.html", {"form": form, "event": event, "posts": posts})


# Hook days
@requires(can_see_plan)
def hook_day_list(request):
    """The coming year's hook days, and the organisation's own days."""
    today = timezone.localdate()
    own = OwnHookDay.objects.all()
    days = hookdays.hook_days(today, today + timedelta(days=365), own)
    return render(
        request,
        "planning/hook_days.html",
        {
            "days": days,
            "own": own,
            "can_edit": can_plan_everything(request.user),
            "can_create": can_plan_for_team(request.user),
        },
    )


@requires(can_plan_everything)
def own_hook_day_edit(request, pk=None):
    day = get_object_or_404(OwnHookDay, pk=pk) if pk else OwnHookDay(organisation=request.user.organisation)
    if request.method == "POST" and "delete" in request.POST and day.pk:
        day.delete()
        messages.success(request, _("The day is removed."))
        return redirect("hook_days")
    form = OwnHookDayForm(request.POST or None, instance=day)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The day is saved."))
        return redirect("hook_days")
    return render(
        request,
        "planning/simple_form.html",
        {"form": form, "title": _("Own hook day"), "back": reverse("hook_days"), "deletable": bool(day.pk)},
    )


# Recurring activities
@requires(can_plan_for_team)
def recurring_list(request):
    activities = RecurringActivity.objects.all().select_related("account", "team", "responsible")
    if not can_plan_everything(request.user):
        activities = activities.filter(team__in=request.user.teams.all())
    return render(request, "planning/recurring.html", {"activities": activities})


@requires(can_plan_for_team)
def recurring_edit(request, pk=None):
    activities = RecurringActivity.objects.all()
    if not can_plan_everything(request.user):
        activities = activities.filter(team__in=request.user.teams.all())
    activity = (
        get_object_or_404(activities, pk=pk)
        if pk
        else RecurringActivity(organisation=request.user.organisation, responsible=request.user)
    )
    form = RecurringActivityForm(request.POST or None, instance=activity, person=request.user)
    if request.method == "POST" and form.is_valid():
        if activity.pk:
            domain.drop_future_ideas(RecurringActivity.objects.get(pk=activity.pk))
        activity = form.save()
        planned = domain.plan_occurrences(activity)
        messages.success(request, _("Saved; %(n)d posts are planned for the coming two months.") % {"n": planned})
        return redirect("recurring_list")
    return render(
        request,
        "planning/simple_form.html",
        {"form": form, "title": _("Recurring activity"), "back": reverse("recurring_list")},
    )


# Team plans
def _team_for_plan(request, pk):
    team = get_object_or_404(Team, pk=pk)
    person = request.user
    member = person.teams.filter(pk=team.pk).exists() or team.managers.filter(pk=person.pk).exists()
    if not (member or can_plan_everything(person)):
        raise PermissionDenied
    return team


@requires(can_see_plan)
def team_plan(request, pk):
    """A team's living plan: the strategy questions, the module 5 answers beside them, and its planned posts."""
    team = _team_for_plan(request, pk)
    plan, _created = TeamPlan.objects.get_or_create(team=team)
    form = TeamPlanForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        plan = form.save(commit=False)
        plan.updated, plan.updated_by = timezone.now(), request.user
        plan.save()
        messages.success(request, _("The team plan is saved."))
        return redirect("team_plan", pk=team.pk)
    answers = {}
    for answer in (
        Answer.objects.filter(step__module__organisation=team.organisation, person__teams=team)
        .exclude(step__data__plan=None)
        .select_related("person", "step")
    ):
        answers.setdefault(answer.step.data.get("plan"), []).append(answer)
    now = timezone.now()
    posts = team.planned_posts.filter(scheduled_at__gte=now - timedelta(days=7)).select_related(
        "account", "responsible"
    )[:30]
    activities = RecurringActivity.objects.filter(team=team, active=True)
    fields = [(form[name], answers.get(name, [])) for name in TeamPlan.QUESTIONS]
    extra = [(key, answers.get(key, [])) for key in ("happening", "when_where", "event") if answers.get(key)]
    return render(
        request,
        "planning/team_plan.html",
        {
            "team": team,
            "plan": plan,
            "form": form,
            "fields": fields,
            "extra": extra,
            "posts": posts,
            "activities": activities,
        },
    )


# Pilots
def _pilot(request, pk, edit=False):
    pilot = get_object_or_404(
        Pilot.objects.select_related("event", "campaign", "lead_communications", "lead_ambassador"), pk=pk
    )
    leads = {pilot.lead_communications_id, pilot.lead_ambassador_id}
    if not (can_plan_everything(request.user) or request.user.pk in leads):
        raise PermissionDenied
    return pilot


@requires(can_see_plan)
def pilot_list(request):
    pilots = Pilot.objects.all().select_related("lead_communications", "lead_ambassador")
    if not can_plan_everything(request.user):
        pilots = pilots.filter(lead_ambassador=request.user) | pilots.filter(lead_communications=request.user)
    return render(request, "planning/pilots.html", {"pilots": pilots, "can_create": can_plan_everything(request.user)})


@requires(can_see_plan)
def pilot_edit(request, pk=None):
    if pk is None and not can_plan_everything(request.user):
        raise PermissionDenied
    pilot = (
        _pilot(request, pk) if pk else Pilot(organisation=request.user.organisation, lead_communications=request.user)
    )
    form = PilotForm(request.POST or None, instance=pilot, organisation=request.user.organisation)
    if request.method == "POST" and form.is_valid():
        pilot = form.save()
        messages.success(request, _("The pilot is saved."))
        return redirect("pilot_evaluation", pk=pilot.pk)
    return render(
        request, "planning/simple_form.html", {"form": form, "title": _("Pilot"), "back": reverse("pilot_list")}
    )


LESSON_ORDER = {kind: n for n, (kind, _label) in enumerate(PilotLesson.KINDS)}


@requires(can_see_plan)
def pilot_evaluation(request, pk):
    """The pilot's plan, posts, figures and lessons, printable."""
    pilot = _pilot(request, pk)
    form = PilotLessonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        lesson = form.save(commit=False)
        lesson.pilot, lesson.author = pilot, request.user
        lesson.save()
        messages.success(request, _("The lesson is added."))
        return redirect("pilot_evaluation", pk=pilot.pk)
    return render(
        request,
        "planning/pilot.html",
        {
            "pilot": pilot,
            "figures": domain.pilot_figures(pilot),
            "form": form,
            "posts": pilot.posts.select_related("account", "responsible"),
            "lessons": sorted(pilot.lessons.select_related("author"), key=lambda lesson: LESSON_ORDER[lesson.kind]),
        },
    )


# Meetings of the ambassador team


@requires(can_see_meetings)
def meeting_list(request):
    meetings = Meeting.objects.all().order_by("-starts_at")
    now = timezone.now()
    return render(
        request,
        "planning/meetings.html",
        {
            "upcoming": list(meetings.filter(starts_at__gte=now).order_by("starts_at")[:5]),
            "past": list(meetings.filter(starts_at__lt=now)[:20]),
            "can_edit": can_plan_everything(request.user),
        },
    )


@requires(can_see_meetings)
def meeting_edit(request, pk=None):
    meeting = get_object_or_404(Meeting, pk=pk) if pk else None
    if not can_plan_everything(request.user):
        if meeting is None:
            raise PermissionDenied
        return render(request, "planning/meeting_view.html", {"meeting": meeting})
    meeting = meeting or Meeting(organisation=request.user.organisation, title=_("Ambassador team meeting"))
    form = MeetingForm(request.POST or None, instance=meeting)
    if request.method == "POST" and form.is_valid():
        meeting = form.save()
        following = domain.ensure_next_meeting(meeting)
        if following:
            messages.info(
                request,
                _("The next meeting is planned for %(when)s.")
                % {"when": timezone.localtime(following.starts_at).strftime("%d-%m-%Y %H:%M")},
            )
        messages.success(request, _("The meeting is saved."))
        return redirect("meeting_list")
    return render(
        request, "planning/simple_form.html", {"form": form, "title": _("Meeting"), "back": reverse("meeting_list")}
    )


# iCal feeds
@requires(can_see_plan)
def calendar_feeds(request):
    """Subscribe to your own plan or a team's in Outlook; a link is shown once and can be renewed."""
    person = request.user
    teams = Team.objects.all()
    if not can_plan_everything(person):
        teams = (teams.filter(members=person) | teams.filter(managers=person)).distinct()
    new_link, status = None, 200
    form = CalendarFeedForm(request.POST if request.method == "POST" else None, teams)
    if form.is_valid():
        team = form.cleaned_data["team"]
        feed, token = CalendarFeed.issue(person, person=None if team else person, team=team)
        new_link = {"team": team, "url": request.build_absolute_uri(reverse("ical", kwargs={"token": token}))}
    elif form.is_bound:
        messages.error(request, form.errors["team"][0])
        status = 400
    existing = {(f.team_id or "me") for f in CalendarFeed.objects.filter(owner=person)}
    return render(
        request, "planning/feeds.html", {"teams": teams, "existing": existing, "new_link": new_link}, status=status
    )


def ical_feed(request, token):
    """The feed itself: no session, the token is the key."""
    # A calendar app asks without a session: the feed is found by its token, then read as its organisation.
    with across_organisations():
        feed = (
            CalendarFeed.objects.select_related("person", "team", "owner").filter(token_hash=hash_token(token)).first()
        )
    if feed is None:
        raise Http404
    with organisation_scope(feed.organisation_id):
        # Checked on every request: a feed stops when its owner leaves the team, loses the role or is closed.
        if not domain.feed_is_live(feed):
            raise Http404
        body = ical.team_feed(feed.team) if feed.team_id else ical.person_feed(feed.person)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="deelwijs.ics"'
    response["Cache-Control"] = "private, max-age=300"
    return response
