import markdown
import nh3
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from . import domain
from .access import MANAGES_PEOPLE, SEES_AUDIT, SEES_TEAMS, get_scoped, role_required, scoped
from .forms import ChoosePasswordForm, InviteForm, LocationForm, RolesForm, SettingsForm, TeamForm
from .models import MANAGER, AuditEntry, Invitation, Location, Team, User


def render_markdown(text):
    """Markdown from an administrator, cleaned so it can never carry script."""
    return mark_safe(nh3.clean(markdown.markdown(text or "")))


@login_required
def home(request):
    if request.user.organisation_id is None:
        return redirect("admin:index")
    return render(request, "orgs/home.html")


@role_required()
def policy(request):
    return render(request, "orgs/policy.html", {"policy_html": render_markdown(request.user.organisation.policy_text)})


@role_required(*MANAGES_PEOPLE)
def people(request):
    persons = scoped(User, request).prefetch_related("role_assignments", "teams")
    return render(request, "orgs/people.html", {"persons": persons})


@role_required(*MANAGES_PEOPLE)
def person_roles(request, pk):
    person = get_scoped(User.objects.prefetch_related("role_assignments"), request, pk=pk)
    if request.method == "POST":
        form = RolesForm(request.POST)
        if form.is_valid():
            if domain.set_roles(request.user, person, form.cleaned_data["roles"]):
                messages.success(request, _("The roles of %(name)s are saved.") % {"name": person.full_name})
            return redirect("people")
    else:
        form = RolesForm(initial={"roles": sorted(person.roles)})
    return render(request, "orgs/person_roles.html", {"person": person, "form": form})


@role_required(*SEES_AUDIT)
def audit_log(request):
    entries = scoped(AuditEntry.objects.select_related("actor"), request)[:500]
    return render(request, "orgs/audit.html", {"entries": entries})


@role_required(*MANAGES_PEOPLE)
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
    return render(request, "orgs/settings.html", {"form": form})


@role_required(*MANAGES_PEOPLE)
def invite(request):
    form = InviteForm(request.POST or None, organisation=request.user.organisation)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        domain.invite(
            request.user, data["email"], data["first_name"], data["last_name"], data["roles"], settings.SITE_URL
        )
        messages.success(request, _("The invitation is sent to %(email)s.") % {"email": data["email"]})
        return redirect("invite")
    open_invitations = scoped(Invitation, request).filter(accepted__isnull=True)
    return render(request, "orgs/invite.html", {"form": form, "open_invitations": open_invitations})


def accept_invitation(request, token):
    invitation = domain.find_invitation(token)
    if invitation is None:
        return render(request, "orgs/invitation_invalid.html", status=404)
    form = ChoosePasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        person = domain.accept_invitation(invitation, form.cleaned_data["password1"])
        login(request, person, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Welcome to Deelwijs!"))
        return redirect("home")
    return render(request, "orgs/accept_invitation.html", {"form": form, "invitation": invitation})


@role_required(*SEES_TEAMS)
def teams(request):
    """Managers see the teams they manage; communications and administrators see every team."""
    queryset = scoped(Team.objects.select_related("location"), request).prefetch_related(
        "managers",
        Prefetch("members", queryset=User.objects.filter(is_active=True).prefetch_related("role_assignments")),
    )
    if not request.user.has_role(*[r for r in SEES_TEAMS if r != MANAGER]):
        queryset = queryset.filter(managers=request.user)
    locations = scoped(Location, request) if request.user.has_role(*MANAGES_PEOPLE) else []
    return render(request, "orgs/teams.html", {"teams": queryset, "locations": locations})


@role_required(*MANAGES_PEOPLE)
def team_edit(request, pk=None):
    team = get_scoped(Team, request, pk=pk) if pk else None
    form = TeamForm(request.POST or None, instance=team, organisation=request.user.organisation)
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        messages.success(request, _("Team %(name)s is saved.") % {"name": saved.name})
        return redirect("teams")
    return render(request, "orgs/edit.html", {"form": form, "title": team.name if team else _("New team")})


@role_required(*MANAGES_PEOPLE)
def location_edit(request, pk=None):
    location = get_scoped(Location, request, pk=pk) if pk else None
    form = LocationForm(request.POST or None, instance=location, organisation=request.user.organisation)
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        messages.success(request, _("Location %(name)s is saved.") % {"name": saved.name})
        return redirect("teams")
    return render(request, "orgs/edit.html", {"form": form, "title": location.name if location else _("New location")})


@role_required()
def notifications(request):
    items = list(request.user.notifications.all()[:100])
    request.user.notifications.filter(read=False).update(read=True)
    return render(request, "orgs/notifications.html", {"notifications": items})


@role_required()
def preferences(request):
    from .forms import PreferencesForm

    # A form of one checkbox posts nothing when it is unticked: bind on POST, not on data.
    form = PreferencesForm(request.POST if request.method == "POST" else None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your preferences are saved."))
        return redirect("preferences")
    return render(request, "orgs/edit.html", {"form": form, "title": _("My preferences")})
