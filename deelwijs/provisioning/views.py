"""The administrator's page for provisioning: the endpoint's address, the keys, the groups and their roles."""

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from deelwijs.orgs.permissions import can_manage_provisioning, requires

from . import domain
from .forms import GroupRoleForm, TokenForm
from .models import ProvisionedPerson, ProvisionedTeam, ScimToken


def endpoint_url(organisation):
    """The Tenant URL to give the identity provider: the endpoint's base, without a slash at the end."""
    return settings.SITE_URL + reverse("scim_users", kwargs={"slug": organisation.slug}).removesuffix("/Users")


@requires(can_manage_provisioning)
def provisioning(request):
    """The endpoint to copy, a form for a new key (shown once, right after it is made), the keys and groups."""
    form = TokenForm(request.POST or None)
    new_key = None
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            token, new_key = domain.create_token(request.user, form.cleaned_data["name"])
        form = TokenForm()
    people = ProvisionedPerson.objects.aggregate(
        open=Count("pk", filter=Q(deprovisioned__isnull=True, person__is_active=True)),
        closed=Count("pk", filter=Q(deprovisioned__isnull=True, person__is_active=False)),
    )
    context = {
        "form": form,
        "new_key": new_key,
        "endpoint": endpoint_url(request.user.organisation),
        "tokens": ScimToken.objects.select_related("created_by"),
        "groups": ProvisionedTeam.objects.select_related("team").annotate(
            member_count=Count("members", filter=Q(members__deprovisioned__isnull=True))
        ),
        "people": people,
    }
    return render(request, "provisioning/provisioning.html", context)


@require_POST
@requires(can_manage_provisioning)
def token_revoke(request, pk):
    token = get_object_or_404(ScimToken, pk=pk)
    with transaction.atomic():
        revoked = domain.revoke_token(request.user, token)
    if revoked:
        messages.success(request, _("The key ‘%(name)s’ is revoked: it no longer works.") % {"name": token.name})
    return redirect("provisioning")


@requires(can_manage_provisioning)
def group_role(request, pk):
    """The role the members of one group of the identity provider get."""
    provisioned = get_object_or_404(ProvisionedTeam.objects.select_related("team"), pk=pk)
    form = GroupRoleForm(request.POST or None, initial={"role": provisioned.role})
    if request.method == "POST" and form.is_valid():
        if domain.set_team_role(request.user, provisioned, form.cleaned_data["role"]):
            messages.success(request, _("The role for the group %(team)s is saved.") % {"team": provisioned.team.name})
        return redirect("provisioning")
    title = _("Role for the group %(team)s") % {"team": provisioned.team.name}
    return render(request, "orgs/edit.html", {"form": form, "title": title})
