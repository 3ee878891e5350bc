from urllib.parse import urlsplit

from django.contrib import messages
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from deelwijs.common.files import delete_files, file_response
from deelwijs.content.files import image_response
from deelwijs.content.models import ContentItem, Image
from deelwijs.orgs.permissions import can_keep_consent, requires, requires_or_404

from . import domain
from .forms import PENDING_KEY, ConsentFilter, ConsentRecordForm, PhotoConsentForm, PhotoFilter, WithdrawForm
from .models import CHANNELS, ConsentEnding, ConsentRecord
from .uses import image_ids_in_use

PAGE_SIZE = 25


def _next(request, default):
    """The page to return to: only a path of this site that resolves (a hostile value goes to the default)."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if not (
        target.startswith("/") and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure())
    ):
        return default
    try:
        resolve(urlsplit(target).path)
    except (Resolver404, ValueError):
        return default
    return target


@requires(can_keep_consent)
def record_list(request):
    """The register: search by name, filter by status and kind."""
    filters = ConsentFilter(request.GET).values
    records = domain.search(
        ConsentRecord.objects.select_related("person").annotate(photo_count=Count("images")),
        filters["q"],
        filters["status"],
        filters["kind"],
    )
    page = Paginator(records.order_by("name", "pk"), PAGE_SIZE).get_page(request.GET.get("pagina"))
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(
        request,
        "consent/list.html",
        {
            "page": page,
            "filters": filters,
            "statuses": ConsentRecord.STATUSES,
            "kinds": ConsentRecord.KINDS,
            "query": query.urlencode(),
        },
    )


def _photo_to_link(request):
    """The photo a new record is made for (?foto=<id>), if it is one of the organisation's."""
    value = request.POST.get("foto") or request.GET.get("foto") or ""
    # A number past any id (a hand-made link) is no photo, not a database error.
    return Image.objects.filter(pk=int(value)).first() if value.isdigit() and len(value) < 19 else None


def _record_form(request, record):
    link_to = _photo_to_link(request) if record.pk is None else None
    pending = request.session.get(PENDING_KEY, {})
    organisation = request.user.organisation
    form = ConsentRecordForm(
        request.POST or None, request.FILES or None, instance=record, organisation=organisation, pending=pending
    )
    if request.method == "POST":
        if form.is_valid():
            with transaction.atomic():
                record = form.save(commit=False)
                record.set_channels(form.cleaned_data["channels"])
                changed = list(form.changed_data)
                old_form = _attach_form(record, form)
                if old_form:
                    changed.append("form")
                changed = [c for c in changed if c not in ("signed_form", "kept_form")]
                domain.save_record(request.user, record, changed, link_to)
                if old_form:
                    name, storage = old_form
                    transaction.on_commit(lambda: delete_files(storage, [name]))
            _forget_pending(request, form)
            messages.success(request, _("The consent is saved."))
            return redirect(_next(request, reverse("consent_detail", args=[record.pk])))
        form.keep_upload(request.session)
    return render(
        request,
        "consent/edit.html",
        {"form": form, "record": record, "link_to": link_to, "next": _next(request, "")},
        status=400 if request.method == "POST" else 200,
    )


def _attach_form(record, form):
    """Put the uploaded (or kept) signed form on the record; returns (name, storage) of the form it replaces."""
    if form.upload is None or record.given_as != ConsentRecord.FORM:
        return None
    content, content_type, _original = form.upload
    old = (record.form.name, record.form.storage) if record.form else None
    if isinstance(content, str):  # kept from an earlier try: moved under a name of its own
        with default_storage.open(content, "rb") as kept:
            record.form.save(content.rsplit("/", 1)[-1], kept, save=False)
        transaction.on_commit(lambda: delete_files(default_storage, [content]))
    else:
        record.form.save(content.name, content, save=False)
    record.form_content_type = content_type
    return old


def _forget_pending(request, form):
    token = form.data.get("kept_form") if form.is_bound else ""
    pending = dict(request.session.get(PENDING_KEY, {}))
    if token and token in pending:
        del pending[token]
        request.session[PENDING_KEY] = pending


@requires(can_keep_consent)
def record_new(request):
    return _record_form(request, ConsentRecord(organisation=request.user.organisation))


@requires(can_keep_consent)
def record_edit(request, pk):
    return _record_form(request, get_object_or_404(ConsentRecord, pk=pk))


@requires(can_keep_consent)
def record_detail(request, pk):
    """One person's consent, printable: who, where, which photos, how long, how given, and what happened."""
    record = get_object_or_404(ConsentRecord.objects.select_related("person", "recorded_by"), pk=pk)
    return render(
        request,
        "consent/detail.html",
        {
            "record": record,
            "images": domain.images_of(record),
            "endings": record.endings.all(),
            "others": domain.same_person(record).order_by("-valid_from", "-pk"),
            "channels": [(code, label, code in record.channel_list) for code, label in CHANNELS],
            "today": timezone.localdate(),
        },
    )


@requires(can_keep_consent)
def record_withdraw(request, pk):
    record = get_object_or_404(ConsentRecord, pk=pk)
    if record.withdrawn_on:
        messages.error(request, _("This consent has been withdrawn already."))
        return redirect("consent_detail", pk=record.pk)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        domain.withdraw(request.user, record, form.cleaned_data["withdrawn_on"], form.cleaned_data["note"])
        messages.success(request, _("The withdrawal is recorded; its photos are out of the feed and the plan."))
        ending = record.endings.first()
        return redirect("consent_ending", pk=ending.pk) if ending else redirect("consent_detail", pk=record.pk)
    uses, shared = domain.uses_of(domain.images_of(record))
    return render(
        request,
        "consent/withdraw.html",
        {"record": record, "form": form, "uses": uses, "shared": shared},
        status=400 if request.method == "POST" else 200,
    )


@require_safe
@requires_or_404(can_keep_consent)
def record_form_file(request, pk):
    """The signed form: for communications and administrators only, like the register itself."""
    record = get_object_or_404(ConsentRecord, pk=pk)
    return file_response(record.form, record.form_content_type or "application/octet-stream")


@requires(can_keep_consent)
def ending_detail(request, pk):
    """What was taken out when a consent ended, and where its photos had been shared already."""
    ending = get_object_or_404(ConsentEnding.objects.select_related("record"), pk=pk)
    shared = [{**s, "date": parse_datetime(s["date"]) if s.get("date") else None} for s in ending.shared]
    return render(request, "consent/ending.html", {"ending": ending, "uses": ending.uses, "shared": shared})


def _photos():
    used = Q(pk__in=ContentItem.objects.filter(image__isnull=False).values("image_id"))
    for ids in image_ids_in_use():
        used |= Q(pk__in=ids)
    return Image.objects.filter(used)


@requires(can_keep_consent)
def photo_list(request):
    """The photos of content items, planned posts and stories, with who is in them."""
    state = PhotoFilter(request.GET).values["state"]
    photos = _photos().select_related("consent").prefetch_related("consent__records")
    if state == PhotoFilter.NOTHING:
        nobody_linked = Q(consent__no_recognisable_people=False, consent__records=None)
        photos = photos.filter(Q(consent__isnull=True) | nobody_linked)
    elif state == PhotoFilter.NOBODY:
        photos = photos.filter(consent__no_recognisable_people=True)
    elif state == PhotoFilter.PEOPLE:
        photos = photos.filter(consent__records__isnull=False)
    elif state == PhotoFilter.ENDED:
        photos = photos.filter(consent__records__ended_at__isnull=False)
    page = Paginator(photos.distinct().order_by("-created", "-pk"), PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(request, "consent/photos.html", {"page": page, "state": state, "states": PhotoFilter.STATES})


@requires(can_keep_consent)
def photo_detail(request, pk):
    """One photo, printable: who is in it, per channel whether it may be used, and where it is used."""
    image = get_object_or_404(Image, pk=pk)
    consent = domain.consent_of(image)
    initial = {
        "records": list(consent.records.all()) if consent else [],
        "no_recognisable_people": bool(consent and consent.no_recognisable_people),
    }
    # The panel beside a photo names its fields after the photo, so several panels fit on one page.
    prefix = f"photo{image.pk}" if request.POST.get("prefix") == f"photo{image.pk}" else None
    form = PhotoConsentForm(request.POST or None, image=image, initial=initial, prefix=prefix)
    if request.method == "POST" and form.is_valid():
        domain.link_photo(
            request.user, image, list(form.cleaned_data["records"]), form.cleaned_data["no_recognisable_people"]
        )
        messages.success(request, _("Saved who is in the photo."))
        return redirect(_next(request, request.path))
    uses, shared = domain.uses_of([image])
    return render(
        request,
        "consent/photo.html",
        {
            "image": image,
            "consent": consent,
            "form": form,
            "uses": uses,
            "shared": shared,
            "channels": domain.channels_of(consent),
            "next": _next(request, ""),
        },
        status=400 if request.method == "POST" else 200,
    )


@require_safe
@requires_or_404(can_keep_consent)
def photo_file(request, pk, size):
    """A photo for the consent pages; communications and administrators may see every photo of their
    organisation anyway (content items, every planned post, every story)."""
    return image_response(get_object_or_404(Image, pk=pk), size)
