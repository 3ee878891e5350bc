from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.db.models.functions import TruncDate
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST, require_safe

from deelwijs.common.charts import for_phone_and_desk, line_chart
from deelwijs.content.files import image_response
from deelwijs.content.models import Image
from deelwijs.guard import check
from deelwijs.orgs.domain import notify
from deelwijs.orgs.permissions import (
    can_handle_inbox,
    can_keep_register,
    can_manage_sources,
    can_read_every_register_entry,
    requires,
    requires_or_404,
)

from . import domain
from .forms import (
    AnswerForm,
    ConversationForm,
    EscalateForm,
    InboxFilter,
    ItemForm,
    NoteForm,
    SignalForm,
    SourceForm,
    TemplateForm,
    TermsForm,
)
from .models import Conversation, InboxItem, ResponseTemplate, Source


# Reporting a signal: everyone
@requires()
def report(request):
    form = SignalForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        screenshot = None
        if form.cleaned_data.get("photo"):
            screenshot = Image.from_processed(request.user.organisation, form.processed_photo, _("Screenshot"))
        domain.report_signal(
            request.user,
            form.cleaned_data["url"],
            form.cleaned_data["description"],
            form.cleaned_data["urgency"],
            screenshot,
        )
        messages.success(request, _("Thank you. Webcare will look at it; you can follow it here."))
        return redirect("my_signals")
    return render(request, "webcare/report.html", {"form": form})


@requires()
def my_signals(request):
    signals = InboxItem.objects.filter(reporter=request.user).prefetch_related("events").order_by("-created")[:50]
    return render(request, "webcare/my_signals.html", {"signals": signals})


# The inbox
@requires(can_handle_inbox)
def inbox(request):
    """Open items first by due time; overdue ones stand out."""
    filters = InboxFilter(request.GET).values
    view = filters["view"]
    items = InboxItem.objects.select_related("source", "assigned_to", "reporter")
    if view == "mine":
        items = items.filter(assigned_to=request.user, status__in=InboxItem.OPEN)
    elif view == "done":
        items = items.exclude(status__in=InboxItem.OPEN).order_by("-created")
    else:
        items = items.filter(status__in=InboxItem.OPEN)
    kind = filters["kind"]
    if kind:
        items = items.filter(kind=kind)
    return render(
        request, "webcare/inbox.html", {"items": items[:200], "view": view, "kind": kind, "now": timezone.now()}
    )


def _item_form(item, data=None):
    # ESCALATED is not a choice in the form: escalating has its own step.
    status = item.status if item.status != InboxItem.ESCALATED else InboxItem.IN_PROGRESS
    return ItemForm(
        data, item=item, initial={"status": status, "priority": item.priority, "assigned_to": item.assigned_to}
    )


def _item_page(request, item, **context):
    """The item page; the answer and escalation steps show it again with their own form bound."""
    page = {
        "item": item,
        "handles": can_handle_inbox(request.user),
        "events": item.events.select_related("actor"),
        "form": _item_form(item),
        "answer": AnswerForm(organisation=item.organisation),
        "escalate": EscalateForm(organisation=item.organisation),
        "note": NoteForm(),
    }
    page.update(context)
    return render(request, "webcare/item.html", page)


@requires()
def inbox_item(request, pk):
    item = get_object_or_404(
        domain.visible_items(request.user).select_related("source", "assigned_to", "reporter", "screenshot"), pk=pk
    )
    form = _item_form(item, request.POST or None)
    if request.method == "POST" and "update" in request.POST:
        if not can_handle_inbox(request.user):
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            domain.update(
                request.user, item, data["status"], data["priority"], data["assigned_to"], data.get("feedback", "")
            )
            if data["note"].strip():
                domain.log_event(item, request.user, data["note"].strip(), "note")
            messages.success(request, _("Saved."))
            return redirect("inbox_item", pk=item.pk)
    note = NoteForm(request.POST if "note_only" in request.POST else None)
    if note.is_valid():
        domain.log_event(item, request.user, note.cleaned_data["note"], "note")  # an escalated manager adds a note
        return redirect("inbox_item", pk=item.pk)
    template = AnswerForm(request.GET if "template" in request.GET else None, organisation=item.organisation)
    draft = ""
    if template.is_bound and template.is_valid() and template.cleaned_data["template"]:
        draft = template.cleaned_data["template"].text.replace("{naam}", item.author or "")
    return _item_page(
        request, item, form=form, answer=AnswerForm(initial={"text": draft}, organisation=item.organisation), note=note
    )


@require_safe
@requires_or_404()
def inbox_screenshot(request, pk):
    """The screenshot sent with a signal: for whoever may open the item."""
    item = get_object_or_404(domain.visible_items(request.user).select_related("screenshot"), pk=pk)
    return image_response(item.screenshot)


@require_POST
@requires(can_handle_inbox)
def check_answer(request, pk):
    """Run the answer through the post check; only a text without blocking findings can be copied."""
    item = get_object_or_404(InboxItem, pk=pk)
    answer = AnswerForm(request.POST, organisation=item.organisation)
    text = answer.cleaned_data["text"] if answer.is_valid() else ""
    report = check(text, "x", item.organisation.guard_policy()) if text else None
    if report is not None and not report.blocked:
        domain.log_event(item, request.user, _("Answer prepared: %(text)s") % {"text": text})
    return _item_page(
        request,
        item,
        answer=answer,
        report=report,
        copyable=text if report is not None and not report.blocked else "",
        empty_answer=answer.is_valid() and not text,
    )


@require_POST
@requires(can_handle_inbox)
def escalate(request, pk):
    item = get_object_or_404(InboxItem, pk=pk)
    form = EscalateForm(request.POST, organisation=item.organisation)
    if form.is_valid():
        domain.escalate(
            request.user, item, form.cleaned_data["to"], form.cleaned_data.get("manager"), form.cleaned_data["reason"]
        )
        messages.success(request, _("The item is escalated."))
        return redirect("inbox_item", pk=item.pk)
    return _item_page(request, item, escalate=form)


# Sources
@requires(can_handle_inbox)
def sources(request):
    organisation = request.user.organisation
    terms = TermsForm(request.POST or None, initial={"monitor_terms": organisation.monitor_terms})
    if request.method == "POST":
        if not can_manage_sources(request.user):
            raise PermissionDenied
        if terms.is_valid():
            organisation.monitor_terms = terms.cleaned_data["monitor_terms"]
            organisation.save(update_fields=["monitor_terms"])
            messages.success(request, _("The terms are saved."))
            return redirect("sources")
    return render(
        request,
        "webcare/sources.html",
        {
            "sources": Source.objects.all(),
            "terms": terms,
            "watched": domain.watch_terms(organisation),
            "can_edit": can_manage_sources(request.user),
        },
    )


@requires(can_manage_sources)
def source_edit(request, pk=None):
    source = get_object_or_404(Source, pk=pk) if pk else Source(organisation=request.user.organisation)
    title = _("Edit “%(title)s”") % {"title": source.name} if source.pk else _("New source")
    form = SourceForm(request.POST or None, instance=source)
    if request.method == "POST" and form.is_valid():
        source = form.save(commit=False)
        source.next_poll = timezone.now()
        source.save()
        messages.success(request, _("The source is saved; it is checked within a few minutes."))
        return redirect("sources")
    return render(request, "webcare/form.html", {"form": form, "title": title})


@require_POST
@requires(can_manage_sources)
def source_poll(request, pk):
    """Check a source now, e.g. after changing it."""
    source = get_object_or_404(Source, pk=pk)
    found = domain.poll(source)
    if source.failing:
        messages.error(request, _("The source could not be read: %(error)s") % {"error": source.last_error})
    else:
        if found:
            messages.success(
                request, ngettext("Checked: %(n)d new item.", "Checked: %(n)d new items.", found) % {"n": found}
            )
        else:
            messages.success(request, _("Checked: nothing new."))
    return redirect("sources")


# Templates
@requires(can_handle_inbox)
def templates(request):
    return render(request, "webcare/templates.html", {"templates": ResponseTemplate.objects.all()})


@requires(can_handle_inbox)
def template_edit(request, pk=None):
    template = (
        get_object_or_404(ResponseTemplate, pk=pk) if pk else ResponseTemplate(organisation=request.user.organisation)
    )
    title = _("Edit “%(title)s”") % {"title": template.title} if template.pk else _("New template")
    form = TemplateForm(request.POST or None, instance=template)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The template is saved."))
        return redirect("response_templates")
    return render(request, "webcare/form.html", {"form": form, "title": title})


# Overview
@requires(can_handle_inbox)
def overview(request):
    """What is being said: themes, authors, sources and volume."""
    organisation = request.user.organisation
    since = timezone.now() - timedelta(days=30)
    recent = InboxItem.objects.filter(created__gte=since)
    per_day = {
        (r["day"], r["kind"]): r["n"]
        for r in recent.annotate(day=TruncDate("created")).values("day", "kind").annotate(n=Count("pk")).order_by()
    }
    today = timezone.localdate()
    days = [today - timedelta(days=n) for n in range(29, -1, -1)]
    points = [
        (d.strftime("%d-%m"), per_day.get((d, InboxItem.MENTION), 0), per_day.get((d, InboxItem.SIGNAL), 0))
        for d in days
    ]
    return render(
        request,
        "webcare/overview.html",
        {
            "week": domain.themes(organisation, 7),
            "month": domain.themes(organisation, 30),
            "authors": recent.exclude(author="").values("author").annotate(n=Count("pk")).order_by("-n")[:10],
            "sources": recent.values("source__name", "kind").annotate(n=Count("pk")).order_by("-n")[:10],
            "chart": for_phone_and_desk(
                line_chart,
                points,
                _("Mentions and reports per day"),
                _("Mentions"),
                _("Reports"),
                chart_id="chart-volume",
            ),
            "points": points,
        },
    )


# The register
@requires()
def register(request):
    entries = domain.visible_conversations(request.user).select_related("employee", "recorded_by")
    return render(
        request,
        "webcare/register.html",
        {"entries": entries, "can_record": can_keep_register(request.user)},
    )


@requires(can_keep_register)
def conversation_new(request):
    form = ConversationForm(request.POST or None, person=request.user)
    if request.method == "POST" and form.is_valid():
        entry = form.save(commit=False)
        entry.organisation, entry.recorded_by = request.user.organisation, request.user
        entry.save()

        notify(
            entry.employee,
            _("A conversation with you about a post was written down. You can read it."),
            link=reverse("conversation", args=[entry.pk]),
        )
        messages.success(request, _("The conversation is recorded."))
        return redirect("conversation", pk=entry.pk)
    return render(
        request, "webcare/form.html", {"form": form, "title": _("Record a conversation"), "confidential": True}
    )


@requires()
def conversation(request, pk):
    """One entry; every opening is logged, and the log is shown to who may see it."""
    entry = get_object_or_404(Conversation.objects.select_related("employee", "recorded_by"), pk=pk)
    if not domain.may_see_conversation(request.user, entry):
        raise PermissionDenied
    can_edit = entry.recorded_by_id == request.user.pk or can_read_every_register_entry(request.user)
    form = ConversationForm(request.POST or None, instance=entry, person=request.user) if can_edit else None
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        if form.is_valid():
            form.save()
            messages.success(request, _("The entry is saved."))
            return redirect("conversation", pk=entry.pk)
    else:
        domain.record_view(entry, request.user)
    return render(
        request,
        "webcare/conversation.html",
        {
            "entry": entry,
            "form": form,
            "views": entry.views.select_related("viewer")[:100],
            "shows_log": can_read_every_register_entry(request.user) or entry.recorded_by_id == request.user.pk,
        },
    )
