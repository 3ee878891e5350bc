from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.views import LoginView, LogoutView
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Prefetch, Q
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from deelwijs.common.markdown import render_markdown

from . import audit, domain, pickers, sessions
from .forms import (
    ChoosePasswordForm,
    InviteForm,
    LocationForm,
    PeopleFilter,
    PeopleSearchForm,
    PreferencesForm,
    RetentionForm,
    RolesForm,
    SettingsForm,
    SignInForm,
    TeamForm,
)
from .models import AuditEntry, Invitation, Location, RetentionRun, Team, User
from .permissions import (
    RoleRequired,
    can_close_accounts,
    can_manage_people,
    can_see_all_teams,
    can_see_audit,
    can_see_teams,
    requires,
)
from .tenancy import organisation_scope

# A team page lists this many members at a time; the form above still holds all of them.
TEAM_MEMBERS_PAGE_SIZE = 25


class SignInView(LoginView):
    """The sign-in page; says why someone was signed out when a session limit ended their session."""

    form_class = SignInForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, session_notice=sessions.notice(self.request.GET.get("afgemeld")))


class SignOutView(LogoutView):
    """Signing out: the session ends, and the browser is told to forget what it kept of this site.

    Clear-Site-Data empties the browser's cache and storage for Deelwijs, service worker and its caches included,
    so the next person on a shared phone or ward PC finds nothing of the one before. ``sessions.signed_out`` lets
    the apps above end what belongs to this browser (its push subscription).
    """

    def post(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            sessions.signed_out.send(sender=type(request.user), request=request, person=request.user)
        response = super().post(request, *args, **kwargs)
        response["Clear-Site-Data"] = '"cache", "storage"'
        return response


@requires()
def policy(request):
    return render(request, "orgs/policy.html", {"policy_html": render_markdown(request.user.organisation.policy_text)})


@requires(can_manage_people)
def people(request):
    """Everyone in the organisation; closed accounts apart (the filter), marked where they are shown together."""
    status = PeopleFilter(request.GET).values["status"]
    persons = User.members.all().prefetch_related("role_assignments", "teams")
    if status == PeopleFilter.ACTIVE:
        persons = persons.filter(is_active=True)
    elif status == PeopleFilter.CLOSED:
        persons = persons.filter(is_active=False).order_by("-closed_at", "first_name")
    counts = User.members.aggregate(
        active=Count("pk", filter=Q(is_active=True)), closed=Count("pk", filter=Q(is_active=False))
    )
    return render(request, "orgs/people.html", {"persons": persons, "status": status, "counts": counts})


@require_safe
@never_cache
@requires()
def people_search(request):
    """The suggestions of a people picker as you type (static/js/picker.js): JSON with at most 20 people whom the
    purpose (doel=) lets the searching person choose, by name with their teams; their e-mail addresses only for
    who may manage people. An unknown purpose is not found; one for other roles is refused."""
    purpose = pickers.PURPOSES.get(request.GET.get("doel", ""))
    if purpose is None:
        raise Http404
    if not purpose.rule(request.user):
        raise RoleRequired(purpose.rule)
    form = PeopleSearchForm(request.GET)
    if not form.is_valid():
        return JsonResponse({"results": [], "more": False, "error": form.errors["q"][0]}, status=400)
    found = pickers.search(purpose.people(request.user), form.cleaned_data["q"])
    with_email = can_manage_people(request.user)
    results = [pickers.as_result(person, with_email) for person in found[: pickers.MAX_RESULTS]]
    return JsonResponse({"results": results, "more": len(found) > pickers.MAX_RESULTS})


def _person(request, pk):
    """A person of the administrator's own organisation, or 404."""
    return get_object_or_404(User.members.prefetch_related("role_assignments"), pk=pk)


@require_safe
@requires(can_close_accounts)
def person_close(request, pk):
    """The confirmation step: what closing the account does, with the warnings, before anything happens."""
    person = _person(request, pk)
    refusal = domain.closing_refusal(request.user, person)
    effects = [] if refusal else domain.closing_plan(person)
    return render(
        request,
        "orgs/person_close.html",
        {
            "person": person,
            "refusal": refusal,
            "effects": [e for e in effects if not e.warning],
            "warnings": [e for e in effects if e.warning],
        },
    )


@require_POST
@requires(can_close_accounts)
def person_close_confirm(request, pk):
    person = _person(request, pk)
    try:
        domain.close_account(request.user, person)
    except ValidationError as refused:
        # Closed meanwhile by someone else, or now the last administrator: say why, change nothing.
        messages.error(request, refused.messages[0])
        return redirect("people")
    messages.success(
        request, _("The account of %(name)s is closed. They can no longer sign in.") % {"name": person.full_name}
    )
    return redirect(f"{reverse('people')}?status={PeopleFilter.CLOSED}")


@require_safe
@requires(can_close_accounts)
def person_reopen(request, pk):
    person = _person(request, pk)
    if person.is_active:
        messages.info(request, _("The account of %(name)s is open.") % {"name": person.full_name})
        return redirect("people")
    return render(request, "orgs/person_reopen.html", {"person": person})


@require_POST
@requires(can_close_accounts)
def person_reopen_confirm(request, pk):
    person = _person(request, pk)
    if domain.reopen_account(request.user, person):
        messages.success(
            request,
            _("The account of %(name)s is open again. Add them to their teams and accounts again where needed.")
            % {"name": person.full_name},
        )
    return redirect("people")


@requires(can_manage_people)
def person_roles(request, pk):
    person = get_object_or_404(User.members.prefetch_related("role_assignments"), pk=pk)
    if request.method == "POST":
        form = RolesForm(request.POST)
        if form.is_valid():
            if domain.set_roles(request.user, person, form.cleaned_data["roles"]):
                messages.success(request, _("The roles of %(name)s are saved.") % {"name": person.full_name})
            return redirect("people")
    else:
        form = RolesForm(initial={"roles": sorted(person.roles)})
    return render(request, "orgs/person_roles.html", {"person": person, "form": form})


@requires(can_see_audit)
def audit_log(request):
    entries = list(AuditEntry.objects.select_related("actor")[:500])
    for entry in entries:
        entry.sentence = audit.describe(entry)
    return render(request, "orgs/audit.html", {"entries": entries})


@requires(can_manage_people)
def settings_view(request):
    organisation = request.user.organisation
    if request.method == "POST":
        form = SettingsForm(request.POST, instance=organisation)
        if form.is_valid():
            with transaction.atomic():
                form.save(commit=False)
                changed = [f for f in form.changed_data if f != "word_list_text"]
                if "word_list_text" in form.changed_data:
                    changed.append("word_list")
                domain.update_settings(request.user, organisation, changed)
            messages.success(request, _("The settings are saved."))
            return redirect("settings")
    else:
        form = SettingsForm(instance=organisation)
    return render(
        request,
        "orgs/settings.html",
        {
            "form": form,
            "sso_code": organisation.slug,
            "sso_redirect": settings.SITE_URL + reverse("sso_callback"),
            "secret_stored": bool(organisation.oidc_client_secret),
        },
    )


@requires(can_manage_people)
def retention(request):
    """Bewaartermijnen: how long the organisation keeps what, and what the last nightly run removed."""
    organisation = request.user.organisation
    form = RetentionForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save(commit=False)
            domain.update_settings(request.user, organisation, form.changed_data)
        messages.success(request, _("The retention periods are saved."))
        return redirect("retention")
    return render(
        request,
        "orgs/retention.html",
        {
            "form": form,
            "last_run": RetentionRun.objects.first(),
            "session_idle_minutes": organisation.session_idle_minutes,
            "session_max_hours": settings.SESSION_MAX_HOURS,
            "task_days": settings.TASK_RESULTS_KEEP_DAYS,
        },
    )


@requires(can_manage_people)
def invite(request):
    form = InviteForm(request.POST or None, organisation=request.user.organisation)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        domain.invite(
            request.user, data["email"], data["first_name"], data["last_name"], data["roles"], settings.SITE_URL
        )
        messages.success(request, _("The invitation is sent to %(email)s.") % {"email": data["email"]})
        return redirect("invite")
    open_invitations = Invitation.objects.all().filter(accepted__isnull=True)
    return render(request, "orgs/invite.html", {"form": form, "open_invitations": open_invitations})


@require_POST
@requires(can_manage_people)
def invitation_resend(request, pk):
    invitation = get_object_or_404(Invitation, pk=pk, accepted__isnull=True)
    domain.resend_invitation(request.user, invitation, settings.SITE_URL)
    messages.success(
        request, _("The invitation is sent again to %(email)s, with a new link.") % {"email": invitation.email}
    )
    return redirect("invite")


@require_POST
@requires(can_manage_people)
def invitation_revoke(request, pk):
    invitation = get_object_or_404(Invitation, pk=pk, accepted__isnull=True)
    domain.revoke_invitation(request.user, invitation)
    messages.success(
        request, _("The invitation to %(email)s is withdrawn: its link no longer works.") % {"email": invitation.email}
    )
    return redirect("invite")


def accept_invitation(request, token):
    invitation = domain.find_invitation(token)
    if invitation is None:
        return render(request, "orgs/invitation_invalid.html", status=404)
    form = ChoosePasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with organisation_scope(invitation.organisation_id):
                person = domain.accept_invitation(invitation, form.cleaned_data["password1"])
        except ValidationError as refused:
            form.add_error(None, refused)
        else:
            login(request, person, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Welcome to Deelwijs!"))
            return redirect("home")
    return render(request, "orgs/accept_invitation.html", {"form": form, "invitation": invitation})


@requires(can_see_teams)
def teams(request):
    """Managers see the teams they manage; communications and administrators see every team."""
    queryset = Team.objects.select_related("location").prefetch_related(
        "managers",
        Prefetch("members", queryset=User.members.filter(is_active=True).prefetch_related("role_assignments")),
    )
    if not can_see_all_teams(request.user):
        queryset = queryset.filter(managers=request.user)
    locations = Location.objects.all() if can_manage_people(request.user) else []
    return render(request, "orgs/teams.html", {"teams": queryset, "locations": locations})


@requires(can_manage_people)
def team_edit(request, pk=None):
    """A team's name, location, managers and members; below the form its members one page at a time, with their
    roles and whether their account is open, each linked to their page."""
    team = get_object_or_404(Team, pk=pk) if pk else None
    form = TeamForm(request.POST or None, instance=team, organisation=request.user.organisation)
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        messages.success(request, _("%(name)s is saved.") % {"name": saved.name})
        return redirect("teams")
    members = None
    if team is not None:
        listed = team.members.prefetch_related("role_assignments").order_by("first_name", "last_name", "pk")
        members = Paginator(listed, TEAM_MEMBERS_PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(
        request,
        "orgs/team_edit.html",
        {"form": form, "team": team, "members": members, "title": team.name if team else _("New team")},
    )


@requires(can_manage_people)
def location_edit(request, pk=None):
    location = get_object_or_404(Location, pk=pk) if pk else None
    form = LocationForm(request.POST or None, instance=location, organisation=request.user.organisation)
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        messages.success(request, _("Location %(name)s is saved.") % {"name": saved.name})
        return redirect("teams")
    return render(request, "orgs/edit.html", {"form": form, "title": location.name if location else _("New location")})


@requires()
def notifications(request):
    items = list(request.user.notifications.all()[:100])
    request.user.notifications.filter(read=False).update(read=True)
    return render(request, "orgs/notifications.html", {"notifications": items})


@requires()
def preferences(request):
    # A form of one checkbox posts nothing when it is unticked: bind on POST, not on data.
    form = PreferencesForm(request.POST if request.method == "POST" else None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your preferences are saved."))
        return redirect("preferences")
    return render(request, "orgs/preferences.html", {"form": form, "title": _("My preferences")})
