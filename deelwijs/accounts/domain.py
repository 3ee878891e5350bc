"""Business rules for corporate accounts and location page requests."""

from collections import defaultdict

from django.db import transaction
from django.dispatch import Signal, receiver
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext, override

from deelwijs.orgs import pickers
from deelwijs.orgs.domain import log, notify
from deelwijs.orgs.offboarding import Effect, closing
from deelwijs.orgs.permissions import can_manage_accounts, can_see_colleagues, can_see_every_handle
from deelwijs.orgs.roles import CLIENT, STAFF_ROLES, VOLUNTEER

from .models import MIN_OWNERS, CorporateAccount, Handle, LocationPageRequest


def choosable_owners(organisation):
    """Who may own a corporate account: staff. An owner answers for the account, also when a colleague leaves;
    a client or a volunteer never speaks for the organisation."""
    return pickers.staff(organisation)


def choosable_users(organisation):
    """Who may be given the use of a corporate account by name: staff and volunteers (a volunteer coordinator
    posting on the day centre's page), never a client."""
    return pickers.holding(organisation, STAFF_ROLES | {VOLUNTEER})


pickers.register("eigenaar", can_manage_accounts, lambda chooser: choosable_owners(chooser.organisation))
pickers.register("accountgebruiker", can_manage_accounts, lambda chooser: choosable_users(chooser.organisation))


def _log_access(actor, account, access, **flags):
    log(actor.organisation, actor, "account_access", account=str(account), account_id=account.pk, **flags, **access)


def _access(account):
    """Who may use an account, for its audit entry: role codes and names as they are now."""
    return {
        "roles": sorted(account.allowed_roles),
        "people": sorted(p.full_name for p in account.allowed_people.all()),
        "owners": sorted(p.full_name for p in account.owners.all()),
    }


@transaction.atomic
def save_account(actor, form):
    """Save a corporate account from its form; log the access it grants (new or changed)."""
    is_new = form.instance.pk is None
    before = None if is_new else _access(CorporateAccount.objects.get(pk=form.instance.pk))
    account = form.save(commit=False)
    account.organisation = actor.organisation
    account.save()
    form.save_m2m()
    after = _access(account)
    if is_new or before != after:
        _log_access(actor, account, after, new=is_new)
    return account


@transaction.atomic
def start_intake(actor, request_, agreements):
    """Communications takes the request in: status intake, agreements recorded."""
    request_.status = LocationPageRequest.INTAKE
    request_.agreements = agreements
    request_.handled_by = actor
    request_.save(update_fields=["status", "agreements", "handled_by"])


def _tell_requester(request_, text, note=""):
    """The requester hears what happened, in the app and by e-mail, in Dutch (the interface's default)."""
    with override("nl"):
        message = _(text) % {"name": request_.name} + (f" {_('Explanation')}: {note}" if note.strip() else "")
        notify(
            request_.requested_by,
            message,
            reverse("page_request_detail", args=[request_.pk]),
            email_subject=_("Deelwijs: your request for a location page"),
        )


@transaction.atomic
def decide(actor, request_, approve, note):
    """Approve or refuse after intake; the explanation is kept for the requester, who is told the decision."""
    request_.status = LocationPageRequest.APPROVED if approve else LocationPageRequest.REFUSED
    request_.decision_note = note
    request_.handled_by = actor
    request_.save(update_fields=["status", "decision_note", "handled_by"])
    log(actor.organisation, actor, "page_request", name=request_.name, status=request_.status)
    if approve:
        text = gettext_noop(
            "Communications approved your request for the page “%(name)s”. They register the page and make you "
            "one of its owners."
        )
    else:
        text = gettext_noop("Communications decided not to start the page “%(name)s”.")
    _tell_requester(request_, text, note)


@transaction.atomic
def register(actor, request_, handle, url):
    """Turn an approved request into a corporate account owned by the requester."""
    account = CorporateAccount.objects.create(
        organisation=actor.organisation,
        platform=request_.platform,
        handle=handle,
        url=url,
        purpose=request_.purpose[:300],
        location=request_.location,
    )
    account.owners.add(request_.requested_by)
    request_.status = LocationPageRequest.REGISTERED
    request_.account = account
    request_.save(update_fields=["status", "account"])
    _log_access(actor, account, _access(account), registered=True)
    _tell_requester(
        request_, gettext_noop("The page “%(name)s” is registered as a corporate account, with you as an owner.")
    )
    return account


@receiver(closing)
def _close_account_access(sender, person, apply, **kwargs):
    """Closing an account: the person no longer owns nor may use corporate accounts. Warns where an account
    is left with fewer than two owners."""
    owned = list(CorporateAccount.objects.filter(owners=person).prefetch_related("owners"))
    usable = list(CorporateAccount.objects.filter(allowed_people=person))
    effects = [
        Effect(text % {"accounts": ", ".join(str(a) for a in accounts)}, key=key, count=len(accounts))
        for accounts, text, key in (
            (owned, _("No longer owner of: %(accounts)s."), "account_owner"),
            (usable, _("No longer allowed to use: %(accounts)s."), "account_use"),
        )
        if accounts
    ]
    for account in owned:
        left = sum(1 for owner in account.owners.all() if owner.pk != person.pk and owner.is_active)
        if left < MIN_OWNERS:
            text = (
                ngettext(
                    "%(account)s is left with %(n)s owner. An account must never leave with one person: add an owner.",
                    "%(account)s is left with %(n)s owners. An account must never leave with one person: add an owner.",
                    left,
                )
                if left
                else _("%(account)s has no owner left. Choose at least two owners.")
            )
            effects.append(
                Effect(
                    text % {"account": account, "n": left},
                    warning=True,
                    link=reverse("account_edit", kwargs={"pk": account.pk}),
                )
            )
    if apply:
        for account in owned:
            account.owners.remove(person)
        for account in usable:
            account.allowed_people.remove(person)
    return effects


# The directory: who is listed and which handles each viewer sees.

# Apps above add a short mark after a name in the directory, chosen by the person (toolkit: "profiel op
# orde"). Receivers: def receiver(sender, people, **kwargs) -> {person id: mark}, in one query for all people.
directory_marks = Signal()


def marks_for(people):
    """{person id: [marks]} of every app that answers directory_marks, for the people listed."""
    marks = defaultdict(list)
    for _receiver, answer in directory_marks.send(sender=None, people=people):
        for pk, mark in (answer or {}).items():
            marks[pk].append(mark)
    return marks


def listed_people(people):
    """The people a directory may list: open accounts with a role, never clients (that someone receives care is
    special-category data under the AVG)."""
    return (
        people.filter(is_active=True, role_assignments__isnull=False).exclude(role_assignments__role=CLIENT).distinct()
    )


def visible_handles(viewer, person, handles):
    """Of one person's handles, those this viewer may see: their own all; others' only for staff, and a
    handle kept for communications only for communications."""
    if viewer.pk == person.pk:
        return list(handles)
    if not can_see_colleagues(viewer) or CLIENT in person.roles:
        return []
    if can_see_every_handle(viewer):
        return list(handles)
    return [h for h in handles if h.visibility == Handle.COLLEAGUES]
