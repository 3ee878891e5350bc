"""Business rules of the community: what is being talked about, questions and buddies, our people online, joining
the ambassador team and help when something goes wrong online. Each function lists its whole effect."""

import re
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Q, Subquery, Value, When
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from deelwijs.accounts.models import NETWORK_LABELS, Handle
from deelwijs.content.models import ContentItem
from deelwijs.orgs.domain import log, notify, set_roles
from deelwijs.orgs.models import RoleAssignment, User
from deelwijs.orgs.offboarding import Effect, closing
from deelwijs.orgs.permissions import (
    can_appear_online,
    can_ask_to_join_ambassadors,
    is_ambassador,
    is_communications,
    is_staff_member,
)
from deelwijs.orgs.roles import AMBASSADOR, CLIENT, COMMUNICATIONS
from deelwijs.sharing.models import Share
from deelwijs.webcare import domain as webcare
from deelwijs.webcare.models import InboxItem

from .models import (
    Answer,
    BuddyPairing,
    HelpMessage,
    HelpRequest,
    JoinRequest,
    OnlineListing,
    PeoplePage,
    PromotedAnswer,
    Question,
)

WEEK = 7  # days of "this week"
MOST_SHARED = 5


def _clients():
    """The ids of the organisation's clients: that someone receives care is never shown to colleagues."""
    return RoleAssignment.objects.filter(role=CLIENT).values("user")


def _communications():
    return User.members.filter(is_active=True, role_assignments__role=COMMUNICATIONS).distinct()


# What is being talked about
def talk_of_the_week(person, now=None):
    """The week's conversation themes from webcare's sources and the organisation's most-shared items, for an
    ambassador's page. No outside author is named: authors' names and handles are left out of the themes (webcare's
    ``without_authors``), a theme must come up in two posts at least, and reports by colleagues are not read."""
    now = now or timezone.now()
    since = now - timedelta(days=WEEK)
    themes = webcare.themes(
        person.organisation, WEEK, limit=12, kinds=[InboxItem.MENTION], without_authors=True, least=2
    )
    return {
        "words": themes["words"],
        "phrases": themes["phrases"],
        "mentions": InboxItem.objects.filter(kind=InboxItem.MENTION, created__gte=since).count(),
        "most_shared": most_shared(person, since),
    }


def most_shared(person, since, limit=MOST_SHARED):
    """The items shared most since ``since``, among those the person may see and share now, with how often and
    by how many colleagues (never who). One query."""

    def counted(expression):
        week = Share.objects.filter(item=OuterRef("pk"), created__gte=since).order_by().values("item")
        return Subquery(week.annotate(n=expression).values("n"), output_field=IntegerField())

    return list(
        ContentItem.objects.live()
        .for_person(person)
        .annotate(week_shares=counted(Count("pk")), week_sharers=counted(Count("person", distinct=True)))
        .filter(week_shares__gt=0)
        .order_by("-week_shares", "-pk")[:limit]
    )


# Questions and answers
def is_newcomer(person):
    """An ambassador who has a buddy now."""
    return BuddyPairing.objects.filter(newcomer=person, ended__isnull=True).exists()


def is_experienced(person):
    """An ambassador without a buddy of their own (any more): they answer colleagues' questions and can be a
    buddy."""
    return is_ambassador(person) and not is_newcomer(person)


def experienced_ambassadors():
    newcomers = BuddyPairing.objects.filter(ended__isnull=True).values("newcomer")
    ambassadors = User.members.filter(is_active=True, role_assignments__role=AMBASSADOR)
    return ambassadors.exclude(pk__in=newcomers).distinct()


def buddy_of(person):
    """The person's buddy now, or None."""
    pairing = BuddyPairing.objects.filter(newcomer=person, ended__isnull=True).select_related("buddy").first()
    return pairing.buddy if pairing else None


def newcomers_of(person):
    return User.members.filter(buddy_pairings__buddy=person, buddy_pairings__ended__isnull=True).distinct()


def visible_questions(person):
    """Communications sees every question. Other staff see their colleagues' questions (staff and volunteers),
    never a client's: that someone receives care is special-category data. Volunteers and clients see their own."""
    questions = Question.objects.all()
    if is_communications(person):
        return questions
    if is_staff_member(person):
        return questions.filter(Q(asker=person) | ~Q(asker__in=_clients()))
    return questions.filter(asker=person)


def questions_for(person):
    """The person's list: a buddy sees the questions of their newcomer first, then newest first; with the number
    of answers. A fixed number of queries."""
    of_newcomer = BuddyPairing.objects.filter(buddy=person, ended__isnull=True, newcomer=OuterRef("asker"))
    return (
        visible_questions(person)
        .select_related("asker")
        .annotate(answer_count=Count("answers"), of_newcomer=Exists(of_newcomer))
        .order_by("-of_newcomer", "-created", "-pk")
    )


def may_answer(person, question):
    """The asker adds to their own question; communications answers every question; an experienced ambassador
    or the asker's buddy answers the questions they can see (a client's question only communications sees)."""
    if question.asker_id == person.pk or is_communications(person):
        return True
    if not visible_questions(person).filter(pk=question.pk).exists():
        return False
    if BuddyPairing.objects.filter(newcomer=question.asker_id, buddy=person, ended__isnull=True).exists():
        return True
    return is_experienced(person)


def may_answer_some(person):
    """Whether the person answers colleagues' questions at all (the list says so)."""
    return is_communications(person) or is_experienced(person) or newcomers_of(person).exists()


@transaction.atomic
def ask_question(person, title, text):
    """Save a question and tell who answers it first: the asker's buddy, if they have one, and communications."""
    question = Question.objects.create(organisation=person.organisation, asker=person, title=title, text=text)
    link = reverse("question", args=[question.pk])
    buddy = buddy_of(person)
    if buddy is not None and buddy.is_active:
        notify(buddy, _("Your newcomer %(name)s asked a question.") % {"name": person.full_name}, link=link)
    for receiver_ in _communications().exclude(pk=person.pk):
        if buddy is None or receiver_.pk != buddy.pk:
            notify(receiver_, _("A colleague asked a question: %(title)s") % {"title": title[:200]}, link=link)
    return question


@transaction.atomic
def answer_question(person, question, text):
    """Save an answer (refused with a ValidationError for who may not answer) and tell everyone in the thread:
    the asker and those who answered before, never the writer themselves."""
    if not may_answer(person, question):
        raise ValidationError(_("Only communications and experienced ambassadors answer this question."))
    answer = Answer.objects.create(question=question, author=person, text=text)
    link = reverse("question", args=[question.pk]) + f"#antwoord-{answer.pk}"
    earlier = User.members.filter(pk__in=question.answers.exclude(pk=answer.pk).values("author"), is_active=True)
    for other in {question.asker, *earlier} - {person}:
        if not other.is_active:
            continue
        if other.pk == question.asker_id:
            text_ = _("There is an answer to your question “%(title)s”.")
        else:
            text_ = _("Something was added to the question “%(title)s”.")
        notify(other, text_ % {"title": question.title[:200]}, link=link)
    return answer


@transaction.atomic
def promote(actor, answer, question_text, answer_text):
    """Put a question and its answer into the toolkit as a question with its answer (the texts as communications
    wrote them, without names). The writer of the answer and the asker are told."""
    promoted = PromotedAnswer.objects.create(
        organisation=actor.organisation, question=question_text, answer=answer_text, source=answer, promoted_by=actor
    )
    asker = answer.question.asker
    told = {
        asker: _("Your question is now in the toolkit, without your name."),
        answer.author: _("Your answer is now in the toolkit."),  # the asker who answered it gets this one
    }
    for person, text in told.items():
        if person is not None and person.pk != actor.pk and person.is_active:
            notify(person, text, link=reverse("toolkit") + "#vragen")
    return promoted


def promoted_answers():
    """The questions with their answers that communications put in the toolkit, for everyone in the
    organisation (they hold no names). The toolkit lists them."""
    return PromotedAnswer.objects.all()


# Buddies
@transaction.atomic
def pair(actor, newcomer, buddy):
    """Pair a new ambassador with an experienced one. A newcomer has one buddy at a time: an earlier pairing
    ends. Refused (ValidationError) for someone who is no ambassador, for a buddy who has a buddy of their own, or
    for one person twice. Both are told; the pairing is in the audit log."""
    if AMBASSADOR not in newcomer.roles:
        raise ValidationError(_("%(name)s is not an ambassador yet.") % {"name": newcomer.full_name})
    if buddy.pk == newcomer.pk:
        raise ValidationError(_("Choose someone else as buddy."))
    if not experienced_ambassadors().filter(pk=buddy.pk).exists():
        raise ValidationError(_("A buddy is an ambassador who has no buddy of their own."))
    if BuddyPairing.objects.filter(buddy=newcomer, ended__isnull=True).exists():
        raise ValidationError(_("%(name)s is a buddy already.") % {"name": newcomer.full_name})
    now = timezone.now()
    BuddyPairing.objects.filter(newcomer=newcomer, ended__isnull=True).update(ended=now)
    pairing = BuddyPairing.objects.create(
        organisation=actor.organisation, newcomer=newcomer, buddy=buddy, paired_by=actor, started=now
    )
    link = reverse("community")
    notify(
        newcomer, _("%(name)s is your buddy: ask them anything about sharing.") % {"name": buddy.full_name}, link=link
    )
    notify(
        buddy,
        _("You are the buddy of %(name)s: you see their questions first.") % {"name": newcomer.full_name},
        link=reverse("questions"),
    )
    log(actor.organisation, actor, "buddy", newcomer=newcomer.full_name, buddy=buddy.full_name)
    return pairing


@transaction.atomic
def end_pairing(actor, pairing):
    """End a pairing: from now on the newcomer is an experienced ambassador. Both are told; logged."""
    if pairing.ended is not None:
        return False
    pairing.ended = timezone.now()
    pairing.save(update_fields=["ended"])
    notify(pairing.newcomer, _("Your time with a buddy has ended: you now answer colleagues' questions too."))
    notify(pairing.buddy, _("Your time as buddy of %(name)s has ended.") % {"name": pairing.newcomer.full_name})
    log(actor.organisation, actor, "buddy_ended", newcomer=pairing.newcomer.full_name, buddy=pairing.buddy.full_name)
    return True


def active_pairings():
    return BuddyPairing.objects.filter(ended__isnull=True).select_related("newcomer", "buddy")


# Joining the ambassador team
def may_ask_to_join(person):
    return can_ask_to_join_ambassadors(person) and AMBASSADOR not in person.roles


@transaction.atomic
def ask_to_join(person, motivation):
    """An employee asks to join the ambassador team; communications is told. Refused (ValidationError) for an
    ambassador, for someone who is not staff, and while an earlier request waits."""
    if not may_ask_to_join(person):
        raise ValidationError(_("You are in the ambassador team already."))
    if JoinRequest.objects.filter(person=person, status=JoinRequest.OPEN).exists():
        raise ValidationError(_("Your request is waiting for communications already."))
    join_request = JoinRequest.objects.create(organisation=person.organisation, person=person, motivation=motivation)
    for receiver_ in _communications().exclude(pk=person.pk):
        notify(
            receiver_,
            _("%(name)s would like to join the ambassador team.") % {"name": person.full_name},
            link=reverse("join_request", args=[join_request.pk]),
        )
    return join_request


def decide_join(actor, join_request, accept, reason="", buddy=None):
    """Accept (the ambassador role and, if chosen, a buddy) or decline with the reason why not, once.

    In one transaction, with the request's row locked so two people in communications cannot both decide: the
    role is given through ``orgs.domain.set_roles`` (in the audit log), the pairing through ``pair``, the decision
    is saved and logged, and the requester gets a notification and an e-mail. Raises ValidationError when it was
    decided already, or when a decline has no reason.
    """
    with transaction.atomic():
        join_request = JoinRequest.objects.select_for_update().select_related("person").get(pk=join_request.pk)
        if not join_request.is_open:
            raise ValidationError(_("This request was decided already."))
        person = join_request.person
        if accept:
            set_roles(actor, person, person.roles | {AMBASSADOR})
            if buddy is not None:
                pair(actor, person, buddy)
        elif not reason.strip():
            raise ValidationError(_("Say why not, so your colleague knows where they stand."))
        join_request.status = JoinRequest.ACCEPTED if accept else JoinRequest.DECLINED
        join_request.reason = reason.strip()
        join_request.buddy = buddy if accept else None
        join_request.decided_by, join_request.decided_at = actor, timezone.now()
        join_request.save(update_fields=["status", "reason", "buddy", "decided_by", "decided_at"])
        log(actor.organisation, actor, "join_request", person=person.full_name, status=join_request.status)
        if accept:
            text = _("Welcome to the ambassador team!")
            if buddy is not None:
                text += " " + _("%(name)s is your buddy.") % {"name": buddy.full_name}
        else:
            text = _("Communications answered your request to join the ambassador team: not now.")
        if join_request.reason:
            text += " " + join_request.reason
        notify(
            person, text, link=reverse("join"), email_subject=_("Deelwijs: your request to join the ambassador team")
        )
    return join_request


def open_join_requests():
    """The requests to join the ambassador team that wait for a decision, the longest waiting first."""
    return JoinRequest.objects.filter(status=JoinRequest.OPEN).order_by("created", "pk")


# Our people online
def may_appear_online(person):
    """Staff and volunteers by their own choice; never a client, whatever other role they hold."""
    return can_appear_online(person) and CLIENT not in person.roles and person.is_active


@transaction.atomic
def opt_in(person, handles, job_title=""):
    """Appear on the organisation's public page with these of one's own handles (and a job title if given), or
    change the choice. Refused (ValidationError) for a client, and for handles that are not the person's own or
    none at all."""
    if not may_appear_online(person):
        raise ValidationError(_("Clients are never listed on the public page."))
    own = list(Handle.objects.filter(user=person, pk__in=[h.pk for h in handles]))
    if not own or len(own) != len(handles):
        raise ValidationError(_("Choose at least one of your own handles."))
    now = timezone.now()
    listing, created = OnlineListing.objects.get_or_create(
        person=person, defaults={"job_title": job_title, "created": now, "updated": now}
    )
    if not created:
        listing.job_title, listing.updated = job_title, now
        listing.save(update_fields=["job_title", "updated"])
    listing.handles.set(own)
    return listing


@transaction.atomic
def withdraw(person):
    """Leave the public page: the listing is deleted, so the page, its feeds and exports no longer show the
    person from the next request on (nothing is cached). Returns whether there was one."""
    deleted, _per_model = OnlineListing.objects.filter(person=person).delete()
    return bool(deleted)


def people_page(organisation):
    """The organisation's settings of the public page; unsaved defaults (not public) when it has none yet."""
    return PeoplePage.objects.filter(organisation=organisation).first() or PeoplePage(organisation=organisation)


@transaction.atomic
def save_people_page(actor, form):
    """Save the public page's settings (published, introduction, websites that may frame it); logged."""
    page = form.save()
    log(actor.organisation, actor, "people_page")
    return page


def listed_people():
    """Who appears on the public page, in the active organisation's scope: open accounts that opted in with a
    handle. A client never appears, also when a listing exists from before they became one."""
    listings = (
        OnlineListing.objects.filter(person__is_active=True)
        .exclude(person__in=_clients())
        .select_related("person")
        .prefetch_related("handles")
    )
    return [listing for listing in listings if listing.handles.all()]


def public_entries():
    """The public page's list, as plain data: a name, a job title if chosen, and the handles. Nothing else."""
    return [
        {
            "name": listing.person.full_name,
            "job_title": listing.job_title,
            "handles": [
                {
                    "network": h.platform,
                    "label": NETWORK_LABELS.get(h.platform, h.platform),
                    "handle": h.handle,
                    "url": h.profile_url,
                }
                for h in listing.handles.all()
            ],
        }
        for listing in listed_people()
    ]


MASTODON_HANDLE = re.compile(r"^@?([\w.]+)@([\w.-]+\.[a-z]{2,})$", re.IGNORECASE)
# The files the public page offers to follow everyone at once.
EXPORTS = {"mastodon.csv": "mastodon", "bluesky.txt": "bluesky", "x.txt": "x"}


def export_lines(entries, network):
    """The handles of one network for a list: Mastodon's follow import (CSV with its header; a handle without
    its server cannot be followed and is left out), Bluesky and X one handle per line."""
    handles = [h["handle"].strip() for entry in entries for h in entry["handles"] if h["network"] == network]
    if network == "mastodon":
        rows = ["Account address,Show boosts,Notify on new posts,Languages"]
        for handle in handles:
            match = MASTODON_HANDLE.match(handle)
            if match:
                rows.append(f"{match.group(1)}@{match.group(2).lower()},true,false,")
        return rows
    if network == "x":
        return ["@" + h.lstrip("@") for h in handles]
    return [h.lstrip("@") for h in handles]


def filled_exports(entries):
    """The names of the lists (EXPORTS) that hold at least one handle."""
    header = {"mastodon": 1}
    return [name for name, network in EXPORTS.items() if len(export_lines(entries, network)) > header.get(network, 0)]


# Help when something goes wrong online
def helpers_for(person):
    """Who a person may ask for help: the managers of their own teams and everyone in communications (open
    accounts, never themselves), each with why they can be asked."""
    managers = User.members.filter(managed_teams__in=person.teams.all(), is_active=True).exclude(pk=person.pk)
    found = {helper.pk: (0, helper, _("your manager")) for helper in managers.distinct()}
    for helper in _communications().exclude(pk=person.pk):
        found.setdefault(helper.pk, (1, helper, _("communications")))
    return [(helper, why) for _order, helper, why in sorted(found.values(), key=lambda f: (f[0], f[1].full_name))]


def may_read_help(person, help_request):
    """Only the person who asked and the people they asked; not administrators, not the rest of communications."""
    return help_request.person_id == person.pk or help_request.asked.filter(pk=person.pk).exists()


def visible_help_requests(person):
    return HelpRequest.objects.filter(Q(person=person) | Q(asked=person)).distinct()


def help_waiting_for(person):
    """The help requests this person was asked in that are not closed: those nobody answered yet first, then the
    longest waiting. Only the person's own: that a colleague asked someone else for help is not theirs to know."""
    not_answered = Case(When(status=HelpRequest.OPEN, then=Value(0)), default=Value(1), output_field=IntegerField())
    return (
        HelpRequest.objects.filter(asked=person)
        .exclude(status=HelpRequest.CLOSED)
        .order_by(not_answered, "created", "pk")
    )


def _tell_asked(help_request, helpers):
    for helper in helpers:
        notify(
            helper,
            _("%(name)s asks you for help with something online. Only you and who they asked can read it.")
            % {"name": help_request.person.full_name},
            link=reverse("help_request", args=[help_request.pk]),
            email_subject=_("Deelwijs: a colleague asks you for help"),
        )


@transaction.atomic
def ask_for_help(person, kind, what_happened, link, helpers):
    """Ask these people for help, confidentially. Refused (ValidationError) for nobody or for someone the person
    may not ask (``helpers_for``). The people asked get a notification and an e-mail without the content; the
    audit log says a request was made and how many were asked, without who asked (the administrators read the log
    and the request is not theirs to know of) and without its content."""
    allowed = {helper.pk for helper, _why in helpers_for(person)}
    chosen = [h for h in helpers if h.pk in allowed]
    if not chosen or len(chosen) != len(helpers):
        raise ValidationError(_("Choose at least one person to ask: your manager or someone in communications."))
    help_request = HelpRequest.objects.create(
        organisation=person.organisation, person=person, kind=kind, what_happened=what_happened, link=link
    )
    help_request.asked.set(chosen)
    _tell_asked(help_request, chosen)
    log(person.organisation, None, "help_request", number=help_request.pk, event="asked", count=len(chosen))
    return help_request


@transaction.atomic
def ask_more(person, help_request, helpers):
    """The person asks more people in the same request; they are told as the first were; logged without names."""
    if help_request.person_id != person.pk:
        raise ValidationError(_("Only the person who asked can ask others."))
    allowed = {helper.pk for helper, _why in helpers_for(person)}
    already = set(help_request.asked.values_list("pk", flat=True))
    new = [h for h in helpers if h.pk in allowed and h.pk not in already]
    if not new:
        raise ValidationError(_("Choose someone you have not asked yet."))
    help_request.asked.add(*new)
    _tell_asked(help_request, new)
    log(person.organisation, None, "help_request", number=help_request.pk, event="more_asked", count=len(new))
    return new


@transaction.atomic
def add_help_message(person, help_request, text):
    """A message in the request from the person or someone they asked; the others in it are told. The first
    message of someone asked shows the request as being helped."""
    if not may_read_help(person, help_request):
        raise ValidationError(_("You cannot write in this request."))
    message = HelpMessage.objects.create(request=help_request, author=person, text=text)
    if help_request.person_id != person.pk and help_request.status == HelpRequest.OPEN:
        help_request.status = HelpRequest.IN_PROGRESS
        help_request.save(update_fields=["status"])
    others = [help_request.person, *help_request.asked.all()]
    for other in {p for p in others if p.pk != person.pk and p.is_active}:
        notify(
            other,
            _("There is a new message in a help request."),
            link=reverse("help_request", args=[help_request.pk]) + f"#bericht-{message.pk}",
        )
    return message


@transaction.atomic
def update_help(actor, help_request, status, outcome):
    """Someone who was asked sets the status and the outcome; closing notes the day (retention counts from it).
    The person is told; the change is logged without the outcome's text."""
    if help_request.person_id == actor.pk or not help_request.asked.filter(pk=actor.pk).exists():
        raise ValidationError(_("Only the people who were asked change the status."))
    fields = []
    if status != help_request.status:
        help_request.status = status
        help_request.closed_on = timezone.localdate() if status == HelpRequest.CLOSED else None
        fields += ["status", "closed_on"]
    if outcome != help_request.outcome:
        help_request.outcome = outcome
        fields.append("outcome")
    if not fields:
        return False
    help_request.save(update_fields=fields)
    notify(
        help_request.person,
        _("Your help request was updated: %(status)s.") % {"status": help_request.get_status_display()},
        link=reverse("help_request", args=[help_request.pk]),
    )
    log(actor.organisation, actor, "help_request", number=help_request.pk, event="status", status=help_request.status)
    return True


@transaction.atomic
def forget_closed_help(before):
    """Delete help requests closed before the day ``before``, with their messages. Open ones stay. Returns how
    many (retention, applied every night by jobs.retention)."""
    requests = HelpRequest.objects.filter(status=HelpRequest.CLOSED, closed_on__lt=before)
    count = requests.count()
    requests.delete()
    return count


@receiver(closing)
def _close_account_community(sender, person, apply, **kwargs):
    """Closing an account: the person leaves the public page and their buddy pairings end. People who asked them
    for help are told to ask someone else; the administrator's page does not say that they were asked."""
    effects = []
    if OnlineListing.objects.filter(person=person).exists():
        effects.append(Effect(_("No longer on the public page of our people online."), key="online_listing", count=1))
    pairings = list(BuddyPairing.objects.filter(Q(newcomer=person) | Q(buddy=person), ended__isnull=True))
    if pairings:
        effects.append(Effect(_("Their buddy pairings end."), key="buddy_pairings", count=len(pairings)))
    if apply:
        OnlineListing.objects.filter(person=person).delete()
        BuddyPairing.objects.filter(pk__in=[p.pk for p in pairings]).update(ended=timezone.now())
        waiting = HelpRequest.objects.filter(asked=person).exclude(status=HelpRequest.CLOSED).select_related("person")
        for help_request in waiting:
            notify(
                help_request.person,
                _("%(name)s can no longer read your help request: ask someone else in it.")
                % {"name": person.full_name},
                link=reverse("help_request", args=[help_request.pk]),
            )
    return effects
