"""What an export of a person's data holds (AVG art. 15 and 20): one JSON file per kind, the files, a README.

Every relation from a model to the user model is either exported by a section (``covers``) or left out on
purpose with a reason (``LEFT_OUT``). ``relations_to_people()`` walks the app registry for them, and
tests/web/test_privacy_export.py fails when a new one is in neither, so a new model is always considered.
The format is documented in docs/privacy.md and, in Dutch, in the README.txt of every export.
"""

import json
import logging
import os
import shutil
import zipfile
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

from axes.models import AccessFailureLog, AccessLog
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Count, Max, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from deelwijs.accounts.models import CorporateAccount, Handle, LocationPageRequest
from deelwijs.community.models import Answer as CommunityAnswer
from deelwijs.community.models import (
    BuddyPairing,
    HelpMessage,
    HelpRequest,
    JoinRequest,
    OnlineListing,
    PromotedAnswer,
    Question,
)
from deelwijs.consent.models import ConsentRecord
from deelwijs.content.models import ContentItem
from deelwijs.insight.models import PeriodSharer, Report
from deelwijs.learning.domain import progress
from deelwijs.learning.models import Answer, Module
from deelwijs.orgs.domain import notify
from deelwijs.orgs.models import AuditEntry, Invitation, Notification
from deelwijs.planning.models import CalendarFeed, Event, Pilot, PilotLesson, PlannedPost, RecurringActivity, TeamPlan
from deelwijs.provisioning.models import ProvisionedPerson, ScimToken
from deelwijs.push.delivery import preferences_of
from deelwijs.push.models import CHOSEN_KINDS, PushMessage, PushSubscription
from deelwijs.sharing.models import Share
from deelwijs.stories.models import Story
from deelwijs.toolkit.domain import CHECKLIST
from deelwijs.toolkit.models import Attachment, Banner, LibraryImage, Page, PostFormat, ProfileChecklist
from deelwijs.webcare.domain import may_see_conversation
from deelwijs.webcare.models import Conversation, ConversationView, InboxEvent, InboxItem

from .models import DataExport, ErasureRecord

FORMAT = "deelwijs-export/1"
logger = logging.getLogger(__name__)


def relation_key(model, field_name):
    return f"{model._meta.label}.{field_name}"


def relations_to_people():
    """Every foreign key, one-to-one and many-to-many field of any installed model that points at a person."""
    user_model = get_user_model()
    keys = []
    for model in apps.get_models():
        for f in model._meta.get_fields():
            if f.is_relation and f.concrete and f.related_model is user_model:
                keys.append(relation_key(model, f.name))
    return keys


class Files:
    """The photos and screenshots copied into the ZIP, under the names the JSON files give them."""

    def __init__(self, archive):
        self.archive = archive

    def add(self, name, field_file):
        """Copy one stored file into the ZIP; returns its name there, or None when it is missing on disk."""
        if not field_file:
            return None
        try:
            source = field_file.open("rb")
        except (FileNotFoundError, OSError):
            return None
        extension = Path(field_file.name).suffix.lower() or ".bin"
        name = f"{name}{extension}"
        with source, self.archive.open(name, "w") as target:
            shutil.copyfileobj(source, target)
        return name


@dataclass
class Notes:
    """What the README says besides the files: what was left out of this export and why."""

    register_hidden: int = 0
    missing_files: int = 0


@dataclass(frozen=True)
class Section:
    file: str
    description: str
    build: object
    covers: tuple = field(default=())


def _name(user):
    return user.full_name if user else None


def _profile(person, files, notes):
    teams = person.teams.select_related("location")
    invitations = Invitation.objects.filter(email__iexact=person.email)
    return {
        "id": person.pk,
        "email": person.email,
        "first_name": person.first_name,
        "last_name": person.last_name,
        "organisation": person.organisation.name,
        "date_joined": person.date_joined,
        "last_login": person.last_login,
        "is_active": person.is_active,
        "wants_digest": person.wants_digest,
        "on_leaderboard": person.on_leaderboard,
        "roles": sorted(person.roles),
        "role_labels": [str(label) for label in person.role_labels()],
        "teams": [{"name": t.name, "location": t.location.name if t.location else None} for t in teams],
        "manages_teams": [t.name for t in person.managed_teams.all()],
        "invitations": [{"created": i.created, "accepted": i.accepted, "roles": i.roles} for i in invitations],
        "identity_provider": _provisioned(person),
        # Never the device's key: with it anyone could make the second step of the sign-in.
        "two_factor_devices": [
            {"name": d.name, "confirmed": d.confirmed, "created": getattr(d, "created_at", None)}
            for d in TOTPDevice.objects.filter(user=person)
        ],
    }


def _provisioned(person):
    """What the organisation's identity provider sent about the person (provisioning), if it manages them."""
    provisioned = ProvisionedPerson.objects.filter(person=person).prefetch_related("groups__team").first()
    if provisioned is None:
        return None
    return {
        "user_name": provisioned.user_name,
        "external_id": provisioned.external_id,
        "given_name": provisioned.given_name,
        "family_name": provisioned.family_name,
        "display_name": provisioned.display_name,
        "emails": provisioned.emails,
        "active": provisioned.idp_active,
        "groups": [group.team.name for group in provisioned.groups.all()],
        "since": provisioned.created,
        "removed": provisioned.deprovisioned,
    }


def _handles(person, files, notes):
    return [
        {"platform": h.platform, "handle": h.handle, "profile_url": h.profile_url}
        for h in Handle.objects.filter(user=person)
    ]


def _corporate_accounts(person, files, notes):
    owned = set(CorporateAccount.objects.filter(owners=person).values_list("pk", flat=True))
    accounts = CorporateAccount.objects.filter(Q(owners=person) | Q(allowed_people=person)).distinct()
    return [{"platform": a.platform, "handle": a.handle, "owner": a.pk in owned, "may_use": True} for a in accounts]


def _shares(person, files, notes):
    shares = (
        Share.objects.filter(person=person)
        .select_related("item", "team", "location", "link")
        .annotate(click_count=Count("link__click"))
        .order_by("created")
    )
    return [
        {
            "created": s.created,
            "network": s.network,
            "item": s.item.title,
            "text": s.text,
            "team": s.team.name if s.team else None,
            "location": s.location.name if s.location else None,
            "short_link": getattr(getattr(s, "link", None), "code", None),
            "clicks": s.click_count,
        }
        for s in shares
    ]


def _photo_check(image, files, story, number):
    """What the photo check found in one of their photos, and the photo as they sent it when it was blurred."""
    check = getattr(image, "photo_check", None)
    if check is None:
        return {}
    result = {
        "photo_check": {
            "status": check.status,
            "checked_at": check.checked_at,
            "findings": [
                {"kind": f["kind"], "severity": f["severity"], "message": f["message"]["nl"], "read": f["text"]}
                for f in check.findings
            ],
            "blurred_at": check.blurred_at,
        }
    }
    if check.original:
        result["original_file"] = files.add(f"verhalen/verhaal-{story.pk}-foto-{number}-origineel", check.original)
    return result


def _figures(person, files, notes):
    rows = PeriodSharer.objects.filter(person=person).order_by("period")
    return [{"period": r.period, "shares": r.shares, "clicks": r.clicks} for r in rows]


def _stories(person, files, notes):
    result = []
    stories = Story.objects.filter(author=person).prefetch_related("photos__image__photo_check")
    for story in stories.order_by("created"):
        photos = []
        for number, photo in enumerate(story.photos.all(), start=1):
            name = files.add(f"verhalen/verhaal-{story.pk}-foto-{number}", photo.image.large)
            notes.missing_files += name is None
            photos.append(
                {"file": name, "description": photo.image.alt, **_photo_check(photo.image, files, story, number)}
            )
        result.append(
            {
                "id": story.pk,
                "created": story.created,
                "text": story.text,
                "networks": story.networks.split(",") if story.networks else [],
                "consent": story.consent,
                "status": story.status,
                "status_label": str(story.get_status_display()),
                "feedback": story.feedback,
                "reviewed_at": story.reviewed_at,
                "photos": photos,
            }
        )
    return result


def _photo_consent(person, files, notes):
    """Consent about the person as the one in the photos, with their signed form."""
    result = []
    records = ConsentRecord.objects.filter(person=person).select_related("recorded_by").order_by("valid_from", "pk")
    for record in records:
        form = None
        if record.form:
            form = files.add(f"toestemming/toestemming-{record.pk}-formulier", record.form)
            notes.missing_files += form is None
        result.append(
            {
                "id": record.pk,
                "name": record.name,
                "kind": record.kind,
                "description": record.description,
                "representative_name": record.representative_name,
                "representative_relation": record.representative_relation,
                "channels": record.channel_list,
                "scope": record.scope,
                "scope_description": record.scope_description,
                "valid_from": record.valid_from,
                "valid_until": record.valid_until,
                "given_as": record.given_as,
                "recorded_by": _name(record.recorded_by),
                "form": form,
                "withdrawn_on": record.withdrawn_on,
                "withdrawal_note": record.withdrawal_note,
                "status": record.status(),
                "photos": record.images.count(),
                "created": record.created,
            }
        )
    return result


def _answers(person, files, notes):
    answers = Answer.objects.filter(person=person).select_related("step__module").order_by("step__module", "step")
    return [
        {
            "module": str(a.step.module),
            "step": a.step.title,
            "kind": a.step.kind,
            "answer": a.value,
            "correct": a.correct,
            "updated": a.updated,
        }
        for a in answers
    ]


def _certificates(person, files, notes):
    modules = list(Module.objects.filter(published=True))
    rows = progress(person, modules)
    last = dict(
        Answer.objects.filter(person=person)
        .values_list("step__module_id")
        .annotate(last=Max("updated"))
        .values_list("step__module_id", "last")
    )
    return [
        {
            "module": str(m),
            "questions": rows[m.pk]["questions"],
            "correct": rows[m.pk]["correct"],
            "completed": last.get(m.pk),
        }
        for m in modules
        if rows[m.pk]["complete"]
    ]


def _signals(person, files, notes):
    items = (
        InboxItem.objects.filter(reporter=person, kind=InboxItem.SIGNAL)
        .select_related("screenshot")
        .prefetch_related("events")
        .order_by("created")
    )
    result = []
    for item in items:
        screenshot = None
        if item.screenshot:
            screenshot = files.add(f"signalen/signaal-{item.pk}-schermafbeelding", item.screenshot.large)
            notes.missing_files += screenshot is None
        result.append(
            {
                "id": item.pk,
                "created": item.created,
                "url": item.url,
                "text": item.text,
                "priority": item.priority,
                "status": item.status,
                "status_label": str(item.get_status_display()),
                "screenshot": screenshot,
                # What the reporter is shown (my_signals); webcare's internal notes are not theirs to read.
                "feedback": [
                    {"created": e.created, "text": e.text} for e in item.events.all() if e.kind == InboxEvent.FEEDBACK
                ],
            }
        )
    return result


def _webcare_notes(person, files, notes):
    events = InboxEvent.objects.filter(actor=person).order_by("created")
    return [{"created": e.created, "kind": e.kind, "item": e.item_id, "text": e.text} for e in events]


def _notifications(person, files, notes):
    rows = Notification.objects.filter(person=person).order_by("created")
    return [{"created": n.created, "text": n.text, "link": n.link, "read": n.read} for n in rows]


def _register(person, files, notes):
    """Entries about the person, as the register's own rules let them read it (webcare.domain)."""
    result = []
    entries = Conversation.objects.filter(employee=person).select_related("employee", "recorded_by")
    for entry in entries.order_by("held_on", "created"):
        if not may_see_conversation(person, entry):
            notes.register_hidden += 1
            continue
        result.append(
            {
                "id": entry.pk,
                "held_on": entry.held_on,
                "recorded_by": _name(entry.recorded_by),
                "severity": entry.severity,
                "severity_label": str(entry.get_severity_display()),
                "post": entry.post,
                "conversation": entry.conversation,
                "follow_up": entry.follow_up,
                "follow_up_on": entry.follow_up_on,
                "outcome": entry.outcome,
                "created": entry.created,
            }
        )
    return result


def _register_reads(person, files, notes):
    views = ConversationView.objects.filter(viewer=person).order_by("viewed_at")
    return [{"entry": v.conversation_id, "viewed_at": v.viewed_at} for v in views]


def _audit(person, files, notes):
    entries = AuditEntry.objects.filter(
        Q(actor=person) | Q(summary__icontains=person.full_name) | Q(summary__icontains=person.email)
    ).order_by("created")
    return [
        {"created": e.created, "action": e.action, "summary": e.summary, "by_you": e.actor_id == person.pk}
        for e in entries
    ]


def _push(person, files, notes):
    """Notifications on a phone: the devices (the push service's host, never the address or keys), the choices,
    and what waits for the quiet hours to end."""
    choices = preferences_of(person)
    devices = PushSubscription.objects.filter(person=person).order_by("created")
    return {
        "devices": [
            {
                "device": d.device,
                "push_service": urlsplit(d.endpoint).hostname,
                "created": d.created,
                "last_used": d.last_used,
            }
            for d in devices
        ],
        "kinds": [kind.code for kind in CHOSEN_KINDS if choices.wants(kind.code)],
        "quiet_hours": {"from": choices.quiet_start, "until": choices.quiet_end} if choices.has_quiet_hours else None,
        "daily_cap": choices.daily_cap,
        "waiting": [
            {"kind": m.kind, "title": m.title, "body": m.body, "link": m.url, "due_at": m.due_at}
            for m in PushMessage.objects.filter(person=person).order_by("due_at")
        ],
    }


def _calendar_feeds(person, files, notes):
    feeds = CalendarFeed.objects.filter(Q(person=person) | Q(owner=person)).select_related("team")
    return [
        {"created": f.created, "of": "team" if f.team_id else "person", "team": f.team.name if f.team else None}
        for f in feeds
    ]


def _page_requests(person, files, notes):
    fields = ["platform", "name", "purpose", "audience", "editors", "status", "agreements", "decision_note"]
    rows = LocationPageRequest.objects.filter(requested_by=person).order_by("created")
    return [{"created": r.created, **{f: getattr(r, f) for f in fields}} for r in rows]


def _sign_ins(person, files, notes):
    # django-axes records sign-ins by the address typed in, not by account.
    columns = ["attempt_time", "ip_address", "user_agent"]
    return {
        "signed_in": list(AccessLog.objects.filter(username__iexact=person.email).values(*columns, "logout_time")),
        "failed": list(AccessFailureLog.objects.filter(username__iexact=person.email).values(*columns, "locked_out")),
    }


def _profile_checklist(person, files, notes):
    checklist = ProfileChecklist.objects.filter(person=person).first()
    if checklist is None:
        return None
    labels = dict(CHECKLIST)
    return {
        "ticked": [{"key": key, "text": str(labels.get(key, key))} for key in checklist.ticked],
        "shown_in_directory": checklist.in_directory,
        "updated": checklist.updated,
    }


def _questions(person, files, notes):
    """The questions they asked with every answer, and their answers to others' questions."""
    asked = Question.objects.filter(asker=person).prefetch_related("answers__author").order_by("created")
    answered = CommunityAnswer.objects.filter(author=person).exclude(question__asker=person).select_related("question")
    return {
        "asked": [
            {
                "id": q.pk,
                "created": q.created,
                "title": q.title,
                "text": q.text,
                "answers": [
                    {"created": a.created, "by": _name(a.author), "by_you": a.author_id == person.pk, "text": a.text}
                    for a in q.answers.all()
                ],
            }
            for q in asked
        ],
        "answered": [
            {"created": a.created, "question": a.question.title, "text": a.text} for a in answered.order_by("created")
        ],
    }


def _buddies(person, files, notes):
    pairings = BuddyPairing.objects.filter(Q(newcomer=person) | Q(buddy=person)).select_related("newcomer", "buddy")
    return [
        {
            "you_are": "newcomer" if p.newcomer_id == person.pk else "buddy",
            "newcomer": _name(p.newcomer),
            "buddy": _name(p.buddy),
            "started": p.started,
            "ended": p.ended,
        }
        for p in pairings.order_by("started")
    ]


def _online_listing(person, files, notes):
    listing = OnlineListing.objects.filter(person=person).prefetch_related("handles").first()
    if listing is None:
        return None
    return {
        "job_title": listing.job_title,
        "handles": [{"platform": h.platform, "handle": h.handle} for h in listing.handles.all()],
        "created": listing.created,
        "updated": listing.updated,
    }


def _join_requests(person, files, notes):
    rows = JoinRequest.objects.filter(person=person).select_related("buddy", "decided_by").order_by("created")
    return [
        {
            "created": r.created,
            "motivation": r.motivation,
            "status": r.status,
            "status_label": str(r.get_status_display()),
            "explanation": r.reason,
            "buddy": _name(r.buddy),
            "decided_by": _name(r.decided_by),
            "decided_at": r.decided_at,
        }
        for r in rows
    ]


def _help(person, files, notes):
    """Their own requests in full; of requests colleagues asked them about only the number, date and status (the
    request is the colleague's), and likewise of the messages they wrote in them."""
    own = HelpRequest.objects.filter(person=person).prefetch_related("asked", "messages__author").order_by("created")
    asked_of = HelpRequest.objects.filter(asked=person).exclude(person=person).order_by("created")
    written = HelpMessage.objects.filter(author=person).exclude(request__person=person).order_by("created")
    return {
        "asked_by_you": [
            {
                "id": h.pk,
                "created": h.created,
                "kind": h.kind,
                "kind_label": str(h.get_kind_display()),
                "what_happened": h.what_happened,
                "link": h.link,
                "asked": [_name(p) for p in h.asked.all()],
                "status": h.status,
                "outcome": h.outcome,
                "closed_on": h.closed_on,
                "messages": [{"created": m.created, "by": _name(m.author), "text": m.text} for m in h.messages.all()],
            }
            for h in own
        ],
        "asked_of_you": [{"id": h.pk, "created": h.created, "status": h.status} for h in asked_of],
        "your_messages_in_them": [{"request": m.request_id, "created": m.created} for m in written],
    }


def _exports(person, files, notes):
    rows = DataExport.objects.filter(person=person).order_by("created")
    return [{"created": e.created, "status": e.status, "asked_by_you": e.requested_by_id == person.pk} for e in rows]


# Work someone did in the organisation's records: only that they did it, what it is called and when, because
# the record itself is the organisation's and often about others. key: (the record's date, how to name it).
WORK = {
    "accounts.LocationPageRequest.handled_by": ("created", str),
    "content.ContentItem.created_by": ("created", str),
    "stories.Story.reviewed_by": ("reviewed_at", str),
    "planning.Event.responsible": ("starts_at", str),
    "planning.RecurringActivity.responsible": ("starts_on", str),
    "planning.Pilot.lead_communications": ("starts_on", str),
    "planning.Pilot.lead_ambassador": ("starts_on", str),
    "planning.PilotLesson.author": ("created", lambda lesson: lesson.text),
    "planning.PlannedPost.responsible": ("scheduled_at", str),
    "planning.PlannedPost.created_by": ("created", str),
    "planning.TeamPlan.updated_by": ("updated", str),
    "insight.Report.requested_by": ("created", str),
    # An inbox item's own text is someone else's post: only its kind and number.
    "webcare.InboxItem.assigned_to": ("created", lambda item: f"{item.get_kind_display()} {item.pk}"),
    "webcare.InboxItem.escalated_person": ("created", lambda item: f"{item.get_kind_display()} {item.pk}"),
    "orgs.Invitation.invited_by": ("created", str),
    "privacy.DataExport.requested_by": ("created", str),
    "privacy.ErasureRecord.erased_by": ("created", str),
    "toolkit.Page.updated_by": ("updated", str),
    "toolkit.PostFormat.updated_by": ("updated", str),
    "toolkit.Attachment.uploaded_by": ("created", str),
    "toolkit.LibraryImage.added_by": ("created", str),
    "toolkit.Banner.added_by": ("created", str),
    # A consent they heard given is about someone else: its number only.
    "consent.ConsentRecord.recorded_by": ("created", lambda record: f"{gettext('Photo consent')} {record.pk}"),
    # Pairing colleagues and deciding their requests: about others, so the number only.
    "community.BuddyPairing.paired_by": ("started", lambda pairing: f"{gettext('Buddy pairing')} {pairing.pk}"),
    "community.JoinRequest.decided_by": ("decided_at", lambda request: f"{gettext('Request to join')} {request.pk}"),
    "community.PromotedAnswer.promoted_by": ("created", str),
    "provisioning.ScimToken.created_by": ("created", str),
}
WORK_MODELS = {
    "accounts.LocationPageRequest": LocationPageRequest,
    "content.ContentItem": ContentItem,
    "stories.Story": Story,
    "planning.Event": Event,
    "planning.RecurringActivity": RecurringActivity,
    "planning.Pilot": Pilot,
    "planning.PilotLesson": PilotLesson,
    "planning.PlannedPost": PlannedPost,
    "planning.TeamPlan": TeamPlan,
    "insight.Report": Report,
    "webcare.InboxItem": InboxItem,
    "orgs.Invitation": Invitation,
    "privacy.DataExport": DataExport,
    "privacy.ErasureRecord": ErasureRecord,
    "toolkit.Page": Page,
    "toolkit.PostFormat": PostFormat,
    "toolkit.Attachment": Attachment,
    "toolkit.LibraryImage": LibraryImage,
    "toolkit.Banner": Banner,
    "consent.ConsentRecord": ConsentRecord,
    "community.BuddyPairing": BuddyPairing,
    "community.JoinRequest": JoinRequest,
    "community.PromotedAnswer": PromotedAnswer,
    "provisioning.ScimToken": ScimToken,
}


def work_rows(person):
    """(key, queryset) of the organisation's records that name the person in a work role."""
    for key in WORK:
        label, field_name = key.rsplit(".", 1)
        rows = WORK_MODELS[label].objects.filter(**{field_name: person})
        if label == "privacy.DataExport":
            rows = rows.exclude(person=person)  # their own exports are in exports.json
        yield key, rows


def _work(person, files, notes):
    result = []
    for key, rows in work_rows(person):
        label, field_name = key.rsplit(".", 1)
        date_field, describe = WORK[key]
        for row in rows.order_by("pk"):
            result.append(
                {
                    "kind": label,
                    "role": field_name,
                    "id": row.pk,
                    "description": describe(row),
                    "date": getattr(row, date_field),
                }
            )
    return result


SECTIONS = (
    Section(
        "profiel.json",
        _(
            "Your account: name, e-mail address, roles, teams, the invitation you joined with, what the "
            "organisation's identity provider sent about you, your two-factor devices."
        ),
        _profile,
        (
            "orgs.RoleAssignment.user",
            "orgs.Team.managers",
            "otp_totp.TOTPDevice.user",
            "provisioning.ProvisionedPerson.person",
        ),
    ),
    Section(
        "handles.json",
        _("Your own handles on social networks, as in the directory."),
        _handles,
        ("accounts.Handle.user",),
    ),
    Section(
        "bedrijfsaccounts.json",
        _("The organisation's corporate accounts you own or may use."),
        _corporate_accounts,
        ("accounts.CorporateAccount.owners", "accounts.CorporateAccount.allowed_people"),
    ),
    Section(
        "gedeeld.json",
        _("Everything you shared: when, on which network, which item, your text, the short link and its clicks."),
        _shares,
        ("sharing.Share.person",),
    ),
    Section(
        "cijfers.json",
        _("Your shares and clicks per month and quarter, as the figures count them."),
        _figures,
        ("insight.PeriodSharer.person",),
    ),
    Section(
        "verhalen.json",
        _(
            "The stories you sent to communications, with what happened to them and what the photo check found in "
            "their photos. The photos are in the folder verhalen, with the photo as you sent it when it was blurred."
        ),
        _stories,
        ("stories.Story.author",),
    ),
    Section(
        "beeldtoestemming.json",
        _(
            "Your consent to be shown in the organisation's photos: where, for which photos, how long, and a "
            "withdrawal. Signed forms are in the folder toestemming."
        ),
        _photo_consent,
        ("consent.ConsentRecord.person",),
    ),
    Section(
        "antwoorden.json",
        _("Your answers in the training modules."),
        _answers,
        ("learning.Answer.person",),
    ),
    Section(
        "certificaten.json",
        _("The training modules you completed, with your score: what your certificates show."),
        _certificates,
    ),
    Section(
        "signalen-webcare.json",
        _("The signals you passed on to webcare, with the feedback you got. Screenshots are in the folder signalen."),
        _signals,
        ("webcare.InboxItem.reporter",),
    ),
    Section(
        "webcare-notities.json",
        _("Notes and changes you wrote on webcare items."),
        _webcare_notes,
        ("webcare.InboxEvent.actor",),
    ),
    Section(
        "notificaties.json",
        _("The notifications Deelwijs showed you."),
        _notifications,
        ("orgs.Notification.person",),
    ),
    Section(
        "gesprekken.json",
        _("Entries in the register of conversations about you, as far as the register lets you read them."),
        _register,
        ("webcare.Conversation.employee",),
    ),
    Section(
        "gesprekken-gelezen.json",
        _("When you opened an entry of the register of conversations (the number of the entry only)."),
        _register_reads,
        ("webcare.ConversationView.viewer",),
    ),
    Section(
        "logboek.json",
        _("Entries of the audit log made by you or naming you."),
        _audit,
        ("orgs.AuditEntry.actor",),
    ),
    Section(
        "agendakoppelingen.json",
        _("The calendar links (iCal) made for you or by you; never the secret address itself."),
        _calendar_feeds,
        ("planning.CalendarFeed.person", "planning.CalendarFeed.owner"),
    ),
    Section(
        "meldingen-telefoon.json",
        _(
            "Notifications on your phone: the devices that receive them, what you chose to receive and when, and "
            "what waits for your quiet hours to end."
        ),
        _push,
        ("push.PushSubscription.person", "push.PushPreferences.person", "push.PushMessage.person"),
    ),
    Section(
        "paginaaanvragen.json",
        _("Your requests for a new location page on a network."),
        _page_requests,
        ("accounts.LocationPageRequest.requested_by",),
    ),
    Section(
        "aanmeldingen.json",
        _("Sign-ins and failed sign-ins with your e-mail address: when, from which address and browser."),
        _sign_ins,
    ),
    Section(
        "profielcheck.json",
        _("What you ticked on the checklist of the profile kit, and whether the directory shows it."),
        _profile_checklist,
        ("toolkit.ProfileChecklist.person",),
    ),
    Section(
        "vragen.json",
        _("The questions you asked colleagues, with their answers, and your answers to others' questions."),
        _questions,
        ("community.Question.asker", "community.Answer.author"),
    ),
    Section(
        "buddy.json",
        _("Your buddy, or the new ambassadors you were the buddy of, and since when."),
        _buddies,
        ("community.BuddyPairing.newcomer", "community.BuddyPairing.buddy"),
    ),
    Section(
        "openbare-pagina.json",
        _("Whether you chose to be on the public page of our people online, with which handles and job title."),
        _online_listing,
        ("community.OnlineListing.person",),
    ),
    Section(
        "ambassadeur-worden.json",
        _("Your requests to join the ambassador team, with the answer of communications."),
        _join_requests,
        ("community.JoinRequest.person",),
    ),
    Section(
        "hulpvragen.json",
        _(
            "Your requests for help when something went wrong online, with the messages and the outcome; of the "
            "requests colleagues asked you about, only the number, date and status."
        ),
        _help,
        ("community.HelpRequest.person", "community.HelpRequest.asked", "community.HelpMessage.author"),
    ),
    Section(
        "exports.json",
        _("The exports of your data made so far, like this one."),
        _exports,
        ("privacy.DataExport.person",),
    ),
    Section(
        "werk.json",
        _(
            "Work of yours in the organisation's records (planned posts, events, pilots, reviewed stories, "
            "webcare items, invitations, reports, toolkit pages and images): what it is called and when. The "
            "records themselves belong to the organisation and are often about others."
        ),
        _work,
        tuple(WORK),
    ),
)

# Relations to a person that no section exports, each with the reason (also printed in the README).
LEFT_OUT = {
    "webcare.Conversation.recorded_by": _(
        "Register entries you recorded are about a colleague: they are in that colleague's export, not in yours."
    ),
    "privacy.ErasureRecord.person": _(
        "The record of an erasure points at an account that is erased already: nobody is left to export it for."
    ),
    "content.KeptUpload.person": _(
        "A file you chose in a form that had an error elsewhere, kept so you need not choose it again: it is "
        "deleted once the form is sent, or the next night."
    ),
    "community.JoinRequest.buddy": _(
        "Being proposed as the buddy in a colleague's request to join the team: the pairing itself is in buddy.json."
    ),
    "push.PushDay.person": _(
        "How many notifications reached your phone today, counted for the daily limit you chose: deleted after two "
        "days."
    ),
    "admin.LogEntry.user": _(
        "Changes made in the installation's admin site (/beheer/), which only its operators use: they are "
        "changes to other people's data."
    ),
}
# Held about the person but not by a relation, and not in the export; also printed in the README.
NOT_INCLUDED = (
    _("Sessions (who is signed in on which browser): technical, and ended when you sign out or after a few hours."),
    _("E-mails Deelwijs sent you: they are in your own mailbox."),
    _("Webcare's internal notes on what you reported: the inbox shows reporters only the feedback meant for them."),
    _(
        "Who read the register entries about you: the register shows that only to who recorded the entry and to "
        "administrators."
    ),
)


def covered():
    return {key for section in SECTIONS for key in section.covers}


def file_path(export):
    """Where the ZIP of this export is kept, relative to EXPORT_ROOT: one folder per organisation."""
    return f"{export.organisation_id}/{export.key}.zip"


def write_zip(export):
    """Write the ZIP for this export to EXPORT_ROOT; returns its path relative to EXPORT_ROOT and its size."""
    person = export.person
    relative = file_path(export)
    target = Path(settings.EXPORT_ROOT) / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".part")
    try:
        _write(person, partial)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    os.replace(partial, target)
    return relative, target.stat().st_size


def _write(person, path):
    notes = Notes()
    with translation.override("nl"), zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        files = Files(archive)
        for section in SECTIONS:
            data = section.build(person, files, notes)
            archive.writestr(section.file, json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2))
        meta = {
            "format": FORMAT,
            "made": timezone.now(),
            "person": person.pk,
            "organisation": person.organisation.name,
            "files": [section.file for section in SECTIONS],
        }
        archive.writestr("export.json", json.dumps(meta, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2))
        readme = render_to_string(
            "privacy/export_readme.txt",
            {
                "person": person,
                "made": timezone.localtime(),
                "sections": SECTIONS,
                "left_out": list(LEFT_OUT.values()),
                "not_included": NOT_INCLUDED,
                "notes": notes,
                "format": FORMAT,
            },
        )
        archive.writestr("README.txt", readme)


def _page_for(export, user):
    return reverse("my_data") if user.pk == export.person_id else reverse("person_privacy", args=[export.person_id])


def _tell(export):
    requester, person = export.requested_by, export.person
    values = {"name": person.full_name, "date": ""}
    if export.status == DataExport.READY:
        values["date"] = timezone.localtime(export.expires_at).strftime("%d-%m-%Y")
        if requester and requester.pk == person.pk:
            text = gettext("Your data export is ready. You can download it until %(date)s.")
        else:
            text = gettext("The export of the data of %(name)s is ready. You can download it until %(date)s.")
    else:
        text = gettext("The export of the data of %(name)s could not be made. Try again later.")
    if requester:
        subject = gettext("Deelwijs: your data export")
        notify(requester, text % values, link=_page_for(export, requester), email_subject=subject)
    if export.status == DataExport.READY and export.requested_by_id != person.pk:
        notify(person, gettext("An administrator made an export of your data, on request."), link=reverse("my_data"))


def build(export_id):
    """Run by the worker: write the ZIP, mark the export ready (or failed) and tell who asked.

    The requester gets a notification (and an e-mail) with a link to the page the download is on, never to the
    file itself; when an administrator asked, the person is told that an export of their data was made.
    """
    export = DataExport.objects.select_related("person__organisation", "requested_by").filter(pk=export_id).first()
    if export is None:
        return None  # the person was erased while the export waited in the queue
    if export.status != DataExport.PENDING:
        return export.status
    try:
        export.file_name, export.size = write_zip(export)
        export.status = DataExport.READY
        export.expires_at = timezone.now() + timedelta(days=settings.EXPORT_VALID_DAYS)
    except Exception:
        logger.exception("export %s failed", export.pk)
        export.status = DataExport.FAILED
    export.finished = timezone.now()
    export.save(update_fields=["file_name", "size", "status", "expires_at", "finished"])
    with translation.override("nl"):
        _tell(export)
    return export.status


def expire(export):
    """Delete the file of an export past its date and mark it expired. Returns True when it expired now."""
    if export.status != DataExport.READY or not export.expired:
        return False
    remove_file(export)
    export.status = DataExport.EXPIRED
    export.save(update_fields=["status", "file_name"])
    return True


def remove_file(export):
    path = export.path
    if path is not None:
        path.unlink(missing_ok=True)
    export.file_name = ""


def remove_expired(now=None):
    """Delete the files of the active organisation's exports past their date. Returns how many."""
    now = now or timezone.now()
    expired = 0
    for export in DataExport.objects.filter(status=DataExport.READY, expires_at__lte=now):
        expired += expire(export)
    return expired
