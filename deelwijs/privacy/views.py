from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from deelwijs.orgs.models import User
from deelwijs.orgs.permissions import can_manage_people, requires

from . import domain, erasure, export, register
from .forms import EraseForm
from .models import DataExport, ErasureRecord


def _person(pk):
    """Someone of the signed-in administrator's organisation (the scoped manager answers 404 for anyone else)."""
    return get_object_or_404(User.members.all(), pk=pk)


def _current(exports, user):
    """The exports, with the files of those past their date deleted on the way (the nightly job does it too)."""
    exports = list(exports)
    for item in exports:
        export.expire(item)
        item.mine = item.may_be_downloaded_by(user)
    return exports


@requires()
def my_data(request):
    exports = _current(DataExport.objects.filter(person=request.user).select_related("requested_by"), request.user)
    context = {"exports": exports, "valid_days": settings.EXPORT_VALID_DAYS}
    return render(request, "privacy/my_data.html", context)


@require_POST
@requires()
def export_mine(request):
    _export, created = domain.request_export(request.user, request.user)
    if created:
        messages.success(request, _("Your export is being made. You get a notification when it is ready."))
    else:
        messages.info(request, _("Your export is already being made. You get a notification when it is ready."))
    return redirect("my_data")


@requires()
def export_download(request, key):
    data_export = get_object_or_404(DataExport.objects.select_related("person"), key=key)
    if not data_export.may_be_downloaded_by(request.user):
        raise Http404  # the same answer as an unknown key: nobody learns that someone else's export exists
    export.expire(data_export)
    path = data_export.path
    if not data_export.downloadable or path is None or not path.exists():
        return render(request, "privacy/expired.html", {"export": data_export}, status=410)
    domain.record_download(data_export, request.user)
    made = timezone.localdate(data_export.finished or data_export.created)
    response = FileResponse(
        path.open("rb"),
        as_attachment=True,
        filename=f"deelwijs-gegevens-{made:%Y-%m-%d}.zip",
        content_type="application/zip",
    )
    response["Cache-Control"] = "private, no-store"
    return response


@requires(can_manage_people)
def person_privacy(request, pk):
    person = _person(pk)
    exports = _current(DataExport.objects.filter(person=person).select_related("requested_by"), request.user)
    record = ErasureRecord.objects.filter(person=person).first()
    context = {"person": person, "exports": exports, "record": record, "valid_days": settings.EXPORT_VALID_DAYS}
    return render(request, "privacy/person.html", context)


@require_POST
@requires(can_manage_people)
def person_export(request, pk):
    person = _person(pk)
    if domain.is_erased(person):
        messages.error(request, _("This person was erased; there is nothing left to export."))
        return redirect("person_privacy", pk=pk)
    _export, created = domain.request_export(request.user, person)
    if created:
        messages.success(request, _("The export is being made. You get a notification when it is ready."))
    else:
        messages.info(request, _("This export is already being made. You get a notification when it is ready."))
    return redirect("person_privacy", pk=pk)


@requires(can_manage_people)
def person_erase(request, pk):
    """GET: what an erasure would remove and keep. POST: erase, after the person's name is typed in."""
    person = _person(pk)
    record = ErasureRecord.objects.filter(person=person).first()
    if record:
        return redirect("erasure_report", pk=record.pk)
    if person.pk == request.user.pk:
        # Another administrator must do it, so nobody erases their own traces in the audit log.
        if request.method == "POST":
            raise PermissionDenied
        return render(request, "privacy/erase.html", {"person": person, "self": True})
    form = EraseForm(request.POST or None, person=person)
    if not erasure.register_entries(person).exists():
        del form.fields["remove_register"]  # nothing to choose
    if request.method == "POST" and form.is_valid():
        remove_register = form.cleaned_data.get("remove_register", False)
        record = erasure.erase(request.user, person, remove_register=remove_register)
        messages.success(request, _("The person is erased. This is the report."))
        return redirect("erasure_report", pk=record.pk)
    remove_register = form.is_bound and form.data.get("remove_register") == "on"
    plan = erasure.plan(person, remove_register=remove_register)
    context = {"person": person, "form": form, "removed": _labelled(plan["removed"], erasure.REMOVED)}
    context["kept"] = _labelled(plan["kept"], erasure.KEPT)
    context["rewritten"] = sum(plan["rewritten"].values())
    return render(request, "privacy/erase.html", context)


def _labelled(counts, labels):
    return [(labels.get(kind, kind), count) for kind, count in counts.items() if count]


@requires(can_manage_people)
def erasures(request):
    records = ErasureRecord.objects.select_related("erased_by")[:200]
    return render(request, "privacy/erasures.html", {"records": records})


@requires(can_manage_people)
def erasure_report(request, pk):
    record = get_object_or_404(ErasureRecord.objects.select_related("erased_by"), pk=pk)
    removed = _labelled(record.removed, erasure.REMOVED)
    kept = _labelled({k["kind"]: k["count"] for k in record.kept}, erasure.KEPT)
    context = {"record": record, "removed": removed, "kept": kept, "rewritten": sum(record.rewritten.values())}
    return render(request, "privacy/erasure.html", context)


@requires(can_manage_people)
def processing_register(request):
    """The processing register for the privacy officer: what each part holds, why, how long, where it goes."""
    organisation = request.user.organisation
    exports = DataExport.objects.select_related("person", "requested_by").order_by("-created")[:100]
    context = {
        "organisation": organisation,
        "parts": register.register(organisation),
        "exports": exports,
        "erasures": ErasureRecord.objects.select_related("erased_by")[:100],
        "today": timezone.localdate(),
    }
    return render(request, "privacy/register.html", context)
