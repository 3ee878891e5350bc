"""Erasing a person (AVG art. 17): their data deleted, or replaced by a pseudonym, everywhere in their organisation.

What happens, in order (``erase``):

0. Their photo consent (as the person in the photos) is withdrawn, which takes every item and planned post
   with their photos out of the feed and the plan and tells communications where they were shared; the
   records are then deleted with their signed forms (consent.domain.erase_person).
1. Deleted: handles, invitations to their address, stories with their photos (files too), signals they
   reported with their screenshots, training answers (and so their certificates), notifications, calendar
   links, the checklist of their profile and files kept for a form (files too), their questions and answers to
   colleagues, their place on the public page, requests to join and buddy pairings, their own help requests
   (with the messages), two-factor devices, what the identity provider sent about them (provisioning),
   roles, team memberships, ownership and use of corporate accounts, exports of their data (files too), their
   sessions, django-axes' sign-in logs with their address, and finished tasks (and waiting e-mails to them)
   whose arguments hold their address or name.
   (with the messages), two-factor devices, devices for notifications on a phone (with their choices and what
   waits to be sent), roles, team memberships, ownership and use of corporate accounts,
   exports of their data (files too), their sessions, django-axes' sign-in logs with their address, and
   finished tasks (and waiting e-mails to them) whose arguments hold their address or name.
2. Emptied: the texts of their shares. The share rows stay, so the organisation's figures stay right.
3. Kept on purpose, each with its reason in the report: entries of the register of conversations about them
   (the organisation's HR retention, unless the administrator removes them too), audit entries, figures,
   work in the organisation's records, content made from their stories (without the photo), help requests
   colleagues asked them about.
4. Rewritten: every remaining text, character or JSON column of every table of their organisation (and the
   installation's own tables: tasks, the admin log) that holds their full name, e-mail address or handles,
   or their first or last name as a whole word, gets the pseudonym in its place. A first or last name that
   a colleague also carries is not replaced on its own (it would rename the colleague); the report counts
   the texts that still hold it.
5. The account itself keeps its row under the pseudonym ("Verwijderde gebruiker 7F3A"), with an address
   nobody can receive mail at and an unusable password, so no one can sign in as them and the figures,
   the audit log and the kept records point at the pseudonym.

The ErasureRecord holds no personal data: the pseudonym, who erased and when, and counts.
"""

import json
import re
import secrets

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.contrib.sessions.models import Session
from django.db import models, transaction
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from deelwijs.accounts.models import Handle, conventional_handle
from deelwijs.community.models import Answer as CommunityAnswer
from deelwijs.community.models import BuddyPairing, HelpRequest, JoinRequest, OnlineListing, Question
from deelwijs.consent import domain as consent
from deelwijs.consent.models import ConsentRecord
from deelwijs.content.models import ContentItem, Image, KeptUpload
from deelwijs.insight.models import PeriodSharer
from deelwijs.learning.models import Answer
from deelwijs.orgs.domain import log
from deelwijs.orgs.models import AuditEntry, Invitation, Notification, Organisation, RoleAssignment, User
from deelwijs.planning.models import CalendarFeed
from deelwijs.provisioning.models import ProvisionedPerson
from deelwijs.push.models import PushDay, PushMessage, PushPreferences, PushSubscription
from deelwijs.sharing.models import Share
from deelwijs.stories.models import Story, StoryPhoto
from deelwijs.toolkit.models import ProfileChecklist
from deelwijs.webcare.models import Conversation, ConversationView, InboxItem

from . import export
from .models import DataExport, ErasureRecord

# What was removed, by kind, in the order the report lists it.
REMOVED = {
    "profile": _("Name and e-mail address (replaced by the pseudonym; the password no longer works)"),
    "handles": _("Handles on social networks"),
    "invitations": _("Invitations to their e-mail address"),
    "stories": _("Stories"),
    "photo_consent": _(
        "Their photo consent: withdrawn first, so every item and planned post with their photos went out of the "
        "feed and the plan; then deleted with the signed forms. Communications keeps the list of where the photos "
        "were shared, to ask for them to be taken down."
    ),
    "photos": _("Photos and screenshots (the files deleted from disk)"),
    "share_texts": _("Texts of their shares"),
    "answers": _("Training answers, and with them the certificates"),
    "signals": _("Signals they reported to webcare"),
    "notifications": _("Notifications"),
    "calendar_feeds": _("Calendar links"),
    "profile_checklist": _("The checklist of their profile, and files kept for a form (deleted from disk)"),
    "questions": _("Questions they asked colleagues (with the answers to them) and their answers to others"),
    "online_listing": _("Their place on the public page of our people online"),
    "join_requests": _("Requests to join the ambassador team, and their buddy pairings"),
    "help_requests": _("Their requests for help when something went wrong online, with the messages"),
    "two_factor_devices": _("Two-factor devices"),
    "provisioning": _(
        "What the identity provider sent about them (its ids, names and addresses); it no longer finds them here"
    ),
    "push": _("Devices for notifications on a phone, their choices and the notifications still waiting"),
    "roles": _("Roles"),
    "teams": _("Team memberships and teams they managed"),
    "account_access": _("Ownership and use of corporate accounts"),
    "exports": _("Exports of their data (the files deleted)"),
    "register": _("Entries of the register of conversations about them"),
    "sessions": _("Sessions (signed out everywhere)"),
    "sign_in_logs": _("Sign-in logs with their e-mail address"),
    "task_rows": _("Finished tasks and waiting e-mails that held their e-mail address or name"),
}
# What was kept on purpose, and why.
KEPT = {
    "register": _(
        "Entries of the register of conversations about them: kept under the organisation's HR retention, linked "
        "to the pseudonym. Keep the pseudonym with the personnel file if the entries must be found again."
    ),
    "register_reads": _("Their readings of register entries: kept in the entries' reading log, under the pseudonym."),
    "shares": _("Shares: kept without their text, under the pseudonym, so the organisation's figures stay right."),
    "figures": _("Monthly and quarterly figures: kept under the pseudonym."),
    "audit": _(
        "Audit log entries of what they did: kept for accountability, under the pseudonym; their name in summaries "
        "is replaced."
    ),
    "work": _(
        "Work in the organisation's records (planned posts, events, pilots, reviewed stories, webcare items, page "
        "requests, reports): kept under the pseudonym."
    ),
    "content_from_stories": _(
        "Content items made from their stories: kept as the organisation's content, without their photo and with "
        "their name replaced."
    ),
    "help_asked": _(
        "Help requests colleagues asked them about, with their messages in them: kept for the colleague who asked, "
        "under the pseudonym."
    ),
    "name_shared": _(
        "Texts that still hold their first or last name alone: a colleague has the same name, so these were not "
        "changed. Check them by hand."
    ),
}
# Installation-wide tables the sweep leaves alone: Django's schema tables, and sessions, which are encoded
# (the person's own are deleted in step 1; nobody else's session holds their name).
NOT_SWEPT = {"contenttypes.ContentType", "auth.Permission", "sessions.Session"}
TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField)
# A name shorter than this is not replaced on its own: "An" or "Bo" as a whole word is too often something else.
MIN_NAME_PART = 3


def new_pseudonym(organisation):
    """ "Verwijderde gebruiker 7F3A": four hexadecimal digits, not yet used in the organisation."""
    with translation.override("nl"):
        prefix = gettext("Deleted user")
    taken = set(ErasureRecord.objects.values_list("pseudonym", flat=True))
    while True:
        pseudonym = f"{prefix} {secrets.token_hex(2).upper()}"
        if pseudonym not in taken:
            return pseudonym


class Needles:
    """The strings that identify the person, as regular expressions, and the name parts left alone."""

    def __init__(self, person):
        others = User.members.exclude(pk=person.pk)
        colleague_names = {n.casefold() for pair in others.values_list("first_name", "last_name") for n in pair if n}
        colleague_full = {f"{f} {last}".strip().casefold() for f, last in others.values_list("first_name", "last_name")}
        # Case-insensitive, matched anywhere a whole word can start and end.
        phrases = [person.email]
        if person.full_name.casefold() not in colleague_full:
            phrases.append(person.full_name)
        handles = {h.lstrip("@") for h in Handle.objects.filter(user=person).values_list("handle", flat=True)}
        handles.add(conventional_handle(person))
        phrases += [h for h in handles if len(h) >= MIN_NAME_PART]
        # Name parts: as written (and in capitals), so the name "Roos" is replaced and the flower "roos" is not.
        self.shared = []
        parts = []
        for part in (person.first_name.strip(), person.last_name.strip()):
            if len(part) < MIN_NAME_PART:
                continue
            if part.casefold() in colleague_names:
                self.shared.append(part)
            else:
                parts.append(part)
        self.literals = sorted({*phrases, *parts}, key=len, reverse=True)
        self.patterns = [_word(p, re.IGNORECASE) for p in sorted(phrases, key=len, reverse=True)]
        self.patterns += [_word(p) for p in parts] + [_word(p.upper()) for p in parts]
        self.shared_patterns = [_word(p) for p in self.shared]
        # A colleague's own full name is theirs: "Anna de Vries" does not count as a trace of another Anna.
        self.colleagues = [
            _word(name, re.IGNORECASE)
            for name in colleague_full
            if any(_word(p, re.IGNORECASE).search(name) for p in self.shared)
        ]

    def replace(self, value, pseudonym):
        if isinstance(value, str):
            for pattern in self.patterns:
                value = pattern.sub(pseudonym, value)
            return value
        if isinstance(value, list):
            return [self.replace(v, pseudonym) for v in value]
        if isinstance(value, dict):
            return {self.replace(k, pseudonym): self.replace(v, pseudonym) for k, v in value.items()}
        return value


def _word(text, flags=0):
    return re.compile(r"(?<![\w@.])@?" + re.escape(text) + r"(?!\w)", flags)


def _text_fields(model):
    return [f for f in model._meta.concrete_fields if isinstance(f, TEXT_FIELDS) and not f.primary_key]


def _rows_of_organisation(model, organisation):
    """The rows of this model that the erasure may touch: the organisation's own, or the installation's."""
    if model is Organisation:
        return Organisation.objects.filter(pk=organisation.pk)
    manager = model._default_manager
    if getattr(manager, "organisation_path", None):
        return manager.all()  # scoped: only the active organisation's rows
    return model._base_manager.all()


def _contains(field, literal):
    query = Q(**{f"{field.name}__icontains": literal})
    if isinstance(field, models.JSONField):
        # SQLite keeps JSON with non-ASCII letters escaped ("\u00eb"); PostgreSQL keeps them as they are.
        escaped = json.dumps(literal)[1:-1]
        if escaped != literal:
            query |= Q(**{f"{field.name}__icontains": escaped})
    return query


def _matching(model, rows, fields, literals):
    query = Q()
    for f in fields:
        for literal in literals:
            query |= _contains(f, literal)
    return rows.filter(query)


def sweepable_models():
    for model in apps.get_models():
        meta = model._meta
        if meta.proxy or not meta.managed or meta.label in NOT_SWEPT or model is User or model is ErasureRecord:
            continue
        fields = _text_fields(model)
        if fields:
            yield model, fields


def sweep(person, needles, pseudonym, keep, dry_run=False):
    """Replace the person's name, address and handles by the pseudonym in every text column of the organisation.

    ``keep`` maps a model to the primary keys of rows kept on purpose, untouched. Returns ({model label: rows
    rewritten (or that would be)}, rows that still hold a name part a colleague shares).
    """
    rewritten, shared = {}, 0
    for model, fields in sweepable_models():
        rows = _matching(model, _rows_of_organisation(model, person.organisation), fields, needles.literals)
        rows = rows.exclude(pk__in=keep.get(model, ()))
        count = 0
        for row in rows.iterator():
            changes = {}
            for f in fields:
                value = getattr(row, f.attname)
                new = needles.replace(value, pseudonym)
                if isinstance(new, str) and getattr(f, "max_length", None):
                    new = new[: f.max_length]
                if new != value:
                    changes[f.attname] = new
            if changes:
                count += 1
                if not dry_run:
                    # A plain UPDATE: a model's save() may recompute things (due dates, reminders) it must not here.
                    model._base_manager.filter(pk=row.pk).update(**changes)
        if count:
            rewritten[model._meta.label] = count
        if needles.shared_patterns:
            shared += _count_shared(model, person.organisation, fields, needles, keep)
    return rewritten, shared


def _count_shared(model, organisation, fields, needles, keep):
    rows = _matching(model, _rows_of_organisation(model, organisation), fields, needles.shared)
    rows = rows.exclude(pk__in=keep.get(model, ()))
    found = 0
    for row in rows.iterator():
        text = json.dumps([getattr(row, f.attname) for f in fields], ensure_ascii=False, default=str)
        for colleague in needles.colleagues:
            text = colleague.sub("", text)
        found += any(p.search(text) for p in needles.shared_patterns)
    return found


def sessions_of(person):
    """The person's sessions in the database (their user id is inside the encoded session data)."""
    keys = [s.session_key for s in Session.objects.iterator() if s.get_decoded().get("_auth_user_id") == str(person.pk)]
    return Session.objects.filter(session_key__in=keys)


def task_rows_of(person):
    """Task rows whose arguments hold the person's address or name: every finished one, and waiting ones
    addressed to them. A waiting e-mail to someone else that names them is rewritten by the sweep instead."""
    args, returned = DBTaskResult._meta.get_field("args_kwargs"), DBTaskResult._meta.get_field("return_value")
    mentions = Q()
    for literal in (person.email, person.full_name):
        mentions |= _contains(args, literal) | _contains(returned, literal)
    finished = Q(status__in=[TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED])
    to_them = Q(status=TaskResultStatus.READY) & _contains(args, person.email)
    return DBTaskResult.objects.filter(mentions).filter(finished | to_them)


def _sign_in_logs(person):
    return [m.objects.filter(username__iexact=person.email) for m in (AccessAttempt, AccessLog, AccessFailureLog)]


def _images(person):
    """The photos of their stories and the screenshots of their signals."""
    stories = StoryPhoto.objects.filter(story__author=person).values_list("image_id", flat=True)
    signals = InboxItem.objects.filter(reporter=person, kind=InboxItem.SIGNAL, screenshot__isnull=False)
    screenshots = signals.values_list("screenshot_id", flat=True)
    return Image.objects.filter(Q(pk__in=list(stories)) | Q(pk__in=list(screenshots)))


def _deletions(person, remove_register):
    """(kind, [querysets]) deleted by the erasure, in this order."""
    deletions = [
        ("handles", [Handle.objects.filter(user=person)]),
        ("invitations", [Invitation.objects.filter(email__iexact=person.email)]),
        ("stories", [Story.objects.filter(author=person)]),
        ("answers", [Answer.objects.filter(person=person)]),
        ("signals", [InboxItem.objects.filter(reporter=person, kind=InboxItem.SIGNAL)]),
        ("notifications", [Notification.objects.filter(person=person)]),
        ("calendar_feeds", [CalendarFeed.objects.filter(Q(person=person) | Q(owner=person))]),
        (
            "profile_checklist",
            [ProfileChecklist.objects.filter(person=person), KeptUpload.objects.filter(person=person)],
        ),
        (
            "questions",
            [Question.objects.filter(asker=person), CommunityAnswer.objects.filter(author=person)],
        ),
        ("online_listing", [OnlineListing.objects.filter(person=person)]),
        (
            "join_requests",
            [
                JoinRequest.objects.filter(person=person),
                BuddyPairing.objects.filter(Q(newcomer=person) | Q(buddy=person)),
            ],
        ),
        ("help_requests", [HelpRequest.objects.filter(person=person)]),
        ("two_factor_devices", [TOTPDevice.objects.filter(user=person)]),
        ("provisioning", [ProvisionedPerson.objects.filter(person=person)]),
        (
            "push",
            [
                PushSubscription.objects.filter(person=person),
                PushPreferences.objects.filter(person=person),
                PushMessage.objects.filter(person=person),
                PushDay.objects.filter(person=person),
            ],
        ),
        ("roles", [RoleAssignment.objects.filter(user=person)]),
        ("sessions", [sessions_of(person)]),
        ("sign_in_logs", _sign_in_logs(person)),
        ("task_rows", [task_rows_of(person)]),
    ]
    if remove_register:
        deletions.append(("register", [register_entries(person)]))
    return deletions


def _relations(person):
    """{kind: [many-to-many relations of the person]}: cleared, not deleted."""
    return {
        "teams": [person.teams, person.managed_teams],
        "account_access": [person.owned_accounts, person.usable_accounts],
    }


def _kept(person, remove_register):
    work = sum(rows.count() for _, rows in export.work_rows(person))
    story_items = Story.objects.filter(author=person, item__isnull=False).values("item_id")
    kept = {
        "register": 0 if remove_register else register_entries(person).count(),
        "register_reads": ConversationView.objects.filter(viewer=person).count(),
        "shares": Share.objects.filter(person=person).count(),
        "figures": PeriodSharer.objects.filter(person=person).count(),
        "audit": AuditEntry.objects.filter(actor=person).count(),
        "work": work,
        "content_from_stories": ContentItem.objects.filter(pk__in=story_items).count(),
        "help_asked": HelpRequest.objects.filter(asked=person).exclude(person=person).count(),
    }
    return kept


def register_entries(person):
    """The entries of the register of conversations about the person."""
    return Conversation.objects.filter(employee=person)


def _keep_rows(person, remove_register):
    if remove_register:
        return {}
    return {Conversation: set(register_entries(person).values_list("pk", flat=True))}


def plan(person, remove_register=False):
    """What an erasure of this person would remove, keep and rewrite, without changing anything."""
    removed = {"profile": 1}
    for kind, querysets in _deletions(person, remove_register):
        removed[kind] = removed.get(kind, 0) + sum(qs.count() for qs in querysets)
    removed["photos"] = _images(person).count()
    removed["photo_consent"] = consent.records_about(person).count()
    removed["share_texts"] = Share.objects.filter(person=person).exclude(text="").count()
    removed["exports"] = DataExport.objects.filter(person=person).count()
    removed["register"] = removed.get("register", 0)
    for kind, relations in _relations(person).items():
        removed[kind] = sum(r.count() for r in relations)
    # Rows the erasure deletes are not counted as rewritten as well.
    skip = _keep_rows(person, remove_register)
    for _kind, querysets in _deletions(person, remove_register):
        for queryset in querysets:
            skip.setdefault(queryset.model, set()).update(queryset.values_list("pk", flat=True))
    skip.setdefault(Image, set()).update(_images(person).values_list("pk", flat=True))
    skip.setdefault(ConsentRecord, set()).update(consent.records_about(person).values_list("pk", flat=True))
    rewritten, shared = sweep(person, Needles(person), "", skip, dry_run=True)
    kept = _kept(person, remove_register)
    kept["name_shared"] = shared
    return {"removed": _ordered(removed, REMOVED), "kept": _ordered(kept, KEPT), "rewritten": rewritten}


def _ordered(counts, labels):
    return {kind: counts.get(kind, 0) for kind in labels}


def _delete_images(images):
    """Delete photos with their files; returns how many. Items and posts that showed one lose it (SET_NULL)."""
    count = 0
    for image in images:
        image.large.delete(save=False)
        image.small.delete(save=False)
        image.delete()
        count += 1
    return count


def _delete_exports(person):
    count = 0
    for data_export in DataExport.objects.filter(person=person):
        export.remove_file(data_export)
        data_export.delete()
        count += 1
    return count


@transaction.atomic
def erase(actor, person, remove_register=False):
    """Erase ``person`` (see the module's docstring for the whole effect). Returns the ErasureRecord.

    Refuses (ValueError) to erase the actor themselves, someone of another organisation, or someone
    already erased. Files are deleted from disk inside the transaction: a failure afterwards leaves the
    rows (rolled back) without their photos, never photos without an erasure.
    """
    if person.pk == actor.pk:
        raise ValueError("administrators cannot erase themselves")
    if person.organisation_id != actor.organisation_id:
        raise ValueError("not in the actor's organisation")
    if ErasureRecord.objects.filter(person=person).exists():
        raise ValueError("already erased")
    organisation = person.organisation
    pseudonym = new_pseudonym(organisation)
    needles = Needles(person)
    keep = _keep_rows(person, remove_register)
    kept = _kept(person, remove_register)

    removed = {"profile": 1}
    # Their consent ends first, while the items and posts with their photos can still be found and taken out.
    removed["photo_consent"] = consent.erase_person(person)
    # Images first: deleting a story or a signal would lose the way to its photos.
    removed["photos"] = _delete_images(list(_images(person)))
    # Kept uploads' files go now, like the photos, not when the transaction commits.
    for upload in KeptUpload.objects.filter(person=person):
        upload.file.delete(save=False)
    for kind, querysets in _deletions(person, remove_register):
        removed[kind] = removed.get(kind, 0)
        for queryset in querysets:
            removed[kind] += queryset.count()
            queryset.delete()
    removed["share_texts"] = Share.objects.filter(person=person).exclude(text="").update(text="")
    removed["exports"] = _delete_exports(person)
    for kind, relations in _relations(person).items():
        removed[kind] = 0
        for relation in relations:
            removed[kind] += relation.count()
            relation.clear()

    rewritten, shared = sweep(person, needles, pseudonym, keep)
    kept["name_shared"] = shared

    first, _space, last = pseudonym.rpartition(" ")
    person.first_name, person.last_name = first, last
    person.email = f"{last.lower()}-{secrets.token_hex(8)}@verwijderd.invalid"
    person.set_unusable_password()
    person.is_active = person.is_staff = person.is_superuser = False
    person.wants_digest = person.on_leaderboard = False
    person.last_login = None
    person.save()

    record = ErasureRecord.objects.create(
        organisation=organisation,
        person=person,
        pseudonym=pseudonym,
        erased_by=actor,
        removed=_ordered(removed, REMOVED),
        kept=[{"kind": kind, "count": count} for kind, count in _ordered(kept, KEPT).items() if count],
        rewritten=rewritten,
    )
    log(organisation, actor, "privacy_erase", pseudonym=pseudonym, person_id=person.pk)
    return record
