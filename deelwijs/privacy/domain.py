"""Asking for an export of a person's data and handing it out. Each function lists its whole effect.

What goes into an export, its build in the worker and its expiry are in export.py; erasure is in erasure.py.
"""

from django.db import transaction

from deelwijs.orgs.domain import log

from .models import DataExport, ErasureRecord
from .tasks import build_export


def is_erased(person):
    return ErasureRecord.objects.filter(person=person).exists()


def open_export(person, requested_by):
    """The export of this person for this requester that the worker is still making, or None."""
    return DataExport.objects.filter(person=person, requested_by=requested_by, status=DataExport.PENDING).first()


@transaction.atomic
def request_export(actor, person):
    """Ask for an export of ``person``'s data on behalf of ``actor`` (the person, or an administrator).

    Saves a pending DataExport, writes an audit entry (who asked, for whom; never the contents) and
    enqueues the build. When one is already being made for the same person and requester, that one is
    returned and nothing else happens. Returns (export, created).
    """
    waiting = open_export(person, actor)
    if waiting:
        return waiting, False
    export = DataExport.objects.create(organisation=person.organisation, person=person, requested_by=actor)
    log(person.organisation, actor, "privacy_export", person=person.full_name, person_id=person.pk)
    build_export.enqueue(export.organisation_id, export.pk)
    return export, True


def record_download(export, user):
    """Write down in the audit log that a ZIP was downloaded, by whom and whose it was."""
    log(
        export.organisation,
        user,
        "privacy_export_download",
        person=export.person.full_name,
        person_id=export.person_id,
    )
