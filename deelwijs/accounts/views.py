from django.contrib import messages
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from deelwijs.orgs.models import User
from deelwijs.orgs.permissions import can_manage_accounts, can_see_colleagues, can_see_every_handle, requires
from deelwijs.orgs.roles import CLIENT, ROLES

from . import domain
from .forms import (
    CorporateAccountForm,
    DecisionForm,
    HandleForm,
    HandleVisibilityForm,
    IntakeForm,
    PageRequestForm,
    RegisterForm,
)
from .models import (
    NETWORK_LABELS,
    CorporateAccount,
    Handle,
    LocationPageRequest,
    convention_sentence,
    conventional_handle,
    follows_convention,
)


def _accounts(request):
    return CorporateAccount.objects.select_related("location").prefetch_related("owners", "allowed_people")


@requires()
def account_list(request):
    accounts = _accounts(request)
    return render(
        request,
        "accounts/list.html",
        {
            "accounts": accounts,
            "short_of_owners": [a for a in accounts if a.too_few_owners],
        },
    )


@requires(can_manage_accounts)
def account_edit(request, pk=None):
    account = get_object_or_404(CorporateAccount, pk=pk) if pk else None
    form = CorporateAccountForm(request.POST or None, instance=account, organisation=request.user.organisation)
    if request.method == "POST" and form.is_valid():
        saved = domain.save_account(request.user, form)
        messages.success(request, _("%(account)s is saved.") % {"account": saved})
        return redirect("account_list")
    return render(request, "accounts/edit.html", {"form": form, "account": account})


@requires(can_see_colleagues)
def access_matrix(request):
    """Per role: the networks people in it use personally, and the corporate accounts it may use."""
    accounts = list(_accounts(request))
    people = User.members.filter(is_active=True).prefetch_related("role_assignments", "handles")
    rows = []
    for role, label in ROLES:
        members = [p for p in people if role in p.roles]
        personal = sorted({NETWORK_LABELS[h.platform] for p in members for h in p.handles.all()})
        if role in can_manage_accounts.roles:
            corporate = [_("All corporate accounts")]
        else:
            corporate = [str(a) for a in accounts if role in a.allowed_roles]
        if members or corporate:
            rows.append({"label": label, "count": len(members), "personal": personal, "corporate": corporate})
    individuals = [(a, list(a.allowed_people.all())) for a in accounts if a.allowed_people.all()]
    return render(request, "accounts/matrix.html", {"rows": rows, "individuals": individuals})


@requires()
def page_request_new(request):
    form = PageRequestForm(request.POST or None, organisation=request.user.organisation)
    if request.method == "POST" and form.is_valid():
        page_request = form.save(commit=False)
        page_request.organisation = request.user.organisation
        page_request.requested_by = request.user
        page_request.save()
        messages.success(request, _("Your request is sent. Communications will contact you for an intake."))
        return redirect("page_requests")
    return render(request, "accounts/request_new.html", {"form": form})


@requires()
def page_requests(request):
    requests_ = LocationPageRequest.objects.select_related("requested_by", "location")
    if not can_manage_accounts(request.user):
        requests_ = requests_.filter(requested_by=request.user)
    return render(request, "accounts/requests.html", {"page_requests": requests_})


@requires()
def page_request_detail(request, pk):
    requests_ = LocationPageRequest.objects.select_related("requested_by", "location", "account")
    if not can_manage_accounts(request.user):
        requests_ = requests_.filter(requested_by=request.user)
    page_request = get_object_or_404(requests_, pk=pk)
    return render(
        request,
        "accounts/request_detail.html",
        {
            "page_request": page_request,
            "intake_form": IntakeForm(initial={"agreements": page_request.agreements}),
            "decision_form": DecisionForm(),
            "register_form": RegisterForm(),
        },
    )


@require_POST
@requires(can_manage_accounts)
def page_request_step(request, pk, step):
    page_request = get_object_or_404(LocationPageRequest, pk=pk)
    allowed = {
        "intake": (LocationPageRequest.REQUESTED, LocationPageRequest.INTAKE),
        "decide": (LocationPageRequest.INTAKE,),
        "register": (LocationPageRequest.APPROVED,),
    }
    if step not in allowed or page_request.status not in allowed[step]:
        messages.error(request, _("This step is not possible in the current status."))
        return redirect("page_request_detail", pk=pk)
    form_class = {"intake": IntakeForm, "decide": DecisionForm, "register": RegisterForm}[step]
    form = form_class(request.POST)
    if not form.is_valid():
        forms = {
            "intake_form": IntakeForm(initial={"agreements": page_request.agreements}),
            "decision_form": DecisionForm(),
            "register_form": RegisterForm(),
        }
        forms[{"intake": "intake_form", "decide": "decision_form", "register": "register_form"}[step]] = form
        return render(request, "accounts/request_detail.html", {"page_request": page_request, **forms}, status=400)
    if step == "intake":
        domain.start_intake(request.user, page_request, form.cleaned_data["agreements"])
    elif step == "decide":
        domain.decide(request.user, page_request, form.cleaned_data["decision"] == "approve", form.cleaned_data["note"])
    else:
        domain.register(request.user, page_request, form.cleaned_data["handle"], form.cleaned_data["url"])
    return redirect("page_request_detail", pk=pk)


@requires(can_see_colleagues)
def directory(request):
    """Colleagues' handles: staff and volunteers who listed one the viewer may see; never clients."""
    people = (
        domain.listed_people(User.members.all())
        .select_related("organisation")
        .prefetch_related("role_assignments", Prefetch("handles", queryset=Handle.objects.order_by("platform")))
    )
    rows = []
    for person in people:
        handles = domain.visible_handles(request.user, person, person.handles.all())
        if handles:
            rows.append({"person": person, "handles": [(h, follows_convention(h.handle, person)) for h in handles]})
    marks = domain.marks_for([row["person"] for row in rows])
    for row in rows:
        row["marks"] = marks.get(row["person"].pk, [])
    return render(
        request,
        "accounts/directory.html",
        {
            "rows": rows,
            "sees_every_handle": can_see_every_handle(request.user),
            "convention": convention_sentence(request.user.organisation),
            "example": conventional_handle(request.user),
        },
    )


@requires()
def my_handles(request):
    form = HandleForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        handle = form.save(commit=False)
        handle.user = request.user
        handle.save()
        messages.success(request, _("Your handle is saved."))
        return redirect("my_handles")
    handles = [
        (h, follows_convention(h.handle, request.user), HandleVisibilityForm(instance=h, prefix=f"h{h.pk}"))
        for h in request.user.handles.all()
    ]
    return render(
        request,
        "accounts/my_handles.html",
        {
            "form": form,
            "handles": handles,
            "suggestion": conventional_handle(request.user),
            "listed": CLIENT not in request.user.roles,
        },
    )


@require_POST
@requires()
def handle_visibility(request, pk):
    """Who sees one of your own handles; someone else's handle is 404."""
    handle = get_object_or_404(Handle, user=request.user, pk=pk)
    form = HandleVisibilityForm(request.POST, instance=handle, prefix=f"h{handle.pk}")
    if form.is_valid():
        form.save()
        messages.success(
            request,
            _("Saved: %(handle)s is visible to %(who)s.")
            % {"handle": handle.handle, "who": handle.get_visibility_display().lower()},
        )
    else:
        messages.error(request, _("Choose who may see this handle."))
    return redirect("my_handles")


@require_POST
@requires()
def handle_delete(request, pk):
    handle = Handle.objects.filter(user=request.user, pk=pk).first()
    if handle:
        handle.delete()
    return redirect("my_handles")


@requires(can_see_colleagues)
def follow_team(request):
    """Your teammates' profiles, by the same rules as the directory."""
    members = (
        domain.listed_people(User.members.all())
        .exclude(pk=request.user.pk)
        .prefetch_related("role_assignments", "handles")
    )
    teams = [
        (team, [(p, domain.visible_handles(request.user, p, p.handles.all())) for p in team.members.all()])
        for team in request.user.teams.prefetch_related(Prefetch("members", queryset=members))
    ]
    return render(request, "accounts/follow_team.html", {"teams": teams})
