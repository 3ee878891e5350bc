"""Business rules for corporate accounts and location page requests."""

from django.db import transaction

from deelwijs.orgs.domain import log

from .models import CorporateAccount, LocationPageRequest


def _access_summary(account):
    people = ", ".join(sorted(p.full_name for p in account.allowed_people.all()))
    owners = ", ".join(sorted(p.full_name for p in account.owners.all()))
    return f"roles=[{', '.join(sorted(account.allowed_roles))}] people=[{people}] owners=[{owners}]"


@transaction.atomic
def save_account(actor, form):
    """Save a corporate account from its form; log the access it grants (new or changed)."""
    is_new = form.instance.pk is None
    before = "" if is_new else _access_summary(CorporateAccount.objects.get(pk=form.instance.pk))
    account = form.save(commit=False)
    account.organisation = actor.organisation
    account.save()
    form.save_m2m()
    after = _access_summary(account)
    if is_new or before != after:
        log(actor.organisation, actor, "account_access", f"{account}: {after}")
    return account


@transaction.atomic
def start_intake(actor, request_, agreements):
    """Communications takes the request in: status intake, agreements recorded."""
    request_.status = LocationPageRequest.INTAKE
    request_.agreements = agreements
    request_.handled_by = actor
    request_.save(update_fields=["status", "agreements", "handled_by"])


@transaction.atomic
def decide(actor, request_, approve, note):
    """Approve or refuse after intake; the explanation is kept for the requester."""
    request_.status = LocationPageRequest.APPROVED if approve else LocationPageRequest.REFUSED
    request_.decision_note = note
    request_.handled_by = actor
    request_.save(update_fields=["status", "decision_note", "handled_by"])
    log(actor.organisation, actor, "page_request", f"{request_.name}: {request_.status}")


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
    log(actor.organisation, actor, "account_access", f"{account}: {_access_summary(account)}")
    return account
