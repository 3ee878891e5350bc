"""Business rules for organisations and people. Each function lists its whole effect."""

import hashlib
import secrets
from datetime import timedelta

from axes.models import AccessFailureLog
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from deelwijs.orgs.tenancy import across_organisations

from . import audit, pickers, sessions
from .models import AuditEntry, Invitation, Notification, Organisation, RoleAssignment, User
from .offboarding import Effect, effects_of_closing
from .permissions import can_manage_people
from .roles import ADMINISTRATOR, MANAGER
from .tasks import send_email


def log(organisation, actor, action, summary="", **details):
    """Write an audit entry. ``details`` are the facts its sentence is made of (orgs.audit.SENTENCES); the
    summary is that sentence in the default language, so the admin and a search by name read it too."""
    entry = AuditEntry(organisation=organisation, actor=actor, action=action, details=details)
    if not summary and details:
        with translation.override(settings.LANGUAGE_CODE):
            summary = audit.describe(entry)
    entry.summary = summary[:500]
    entry.save()
    return entry


# The settings' field names in words, for the audit log's "changed the settings: ...".
audit.register_labels(setting={f.name: f.verbose_name for f in Organisation._meta.fields})


@transaction.atomic
def set_roles(actor, person, roles):
    """Give person exactly these roles; record the change in the audit log. Returns True if anything changed."""
    old, new = set(person.roles), set(roles)
    if old == new:
        return False
    person.role_assignments.exclude(role__in=new).delete()
    RoleAssignment.objects.bulk_create([RoleAssignment(user=person, role=r) for r in new - old])
    person.__dict__.pop("_roles", None)
    # Role codes, not labels: the log is read in the reader's language, whatever language the actor used.
    log(
        person.organisation,
        actor,
        "roles",
        person=person.full_name,
        person_id=person.pk,
        added=sorted(new - old),
        removed=sorted(old - new),
    )
    return True


@transaction.atomic
def update_settings(actor, organisation, changed_fields):
    """Save the organisation's settings and record which fields changed."""
    if not changed_fields:
        return
    organisation.save(update_fields=changed_fields)
    log(organisation, actor, "settings", fields=sorted(changed_fields))


def _token_hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def invite(actor, email, first_name, last_name, roles, base_url):
    """Create an invitation, e-mail its link, log it. Returns the invitation."""
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        organisation=actor.organisation,
        email=email.lower(),
        first_name=first_name,
        last_name=last_name,
        roles=list(roles),
        token_hash=_token_hash(token),
        invited_by=actor,
    )
    _send_invitation(invitation, token, actor, base_url)
    log(actor.organisation, actor, "invitation", person=f"{first_name} {last_name}".strip(), roles=sorted(roles))
    return invitation


def resend_invitation(actor, invitation, base_url):
    """Send an open invitation again with a new link, valid for the full period from now; the old link stops
    working. Logged."""
    token = secrets.token_urlsafe(32)
    invitation.token_hash = _token_hash(token)
    invitation.created = timezone.now()
    invitation.save(update_fields=["token_hash", "created"])
    _send_invitation(invitation, token, actor, base_url)
    log(actor.organisation, actor, "invitation_resent", person=invitation_name(invitation))


def revoke_invitation(actor, invitation):
    """Withdraw an open invitation: its link stops working and the invitation is gone. Logged."""
    name = invitation_name(invitation)
    invitation.delete()
    log(actor.organisation, actor, "invitation_revoked", person=name)


def invitation_name(invitation):
    return f"{invitation.first_name} {invitation.last_name}".strip()


def _send_invitation(invitation, token, actor, base_url):
    link = base_url + reverse("accept_invitation", kwargs={"token": token})
    context = {
        "invitation": invitation,
        "link": link,
        "organisation": actor.organisation,
        "days": Invitation.VALID_DAYS,
    }
    send_mail(
        render_to_string("orgs/email/invitation_subject.txt", context).strip(),
        render_to_string("orgs/email/invitation.txt", context),
        None,
        [invitation.email],
    )


def find_invitation(token):
    """The open invitation for this token, or None when unknown, used or expired."""
    # An invitation link is followed before anyone has an account: found by its token in any organisation.
    with across_organisations():
        invitation = Invitation.objects.filter(token_hash=_token_hash(token), accepted__isnull=True).first()
    if invitation is None or invitation.expired:
        return None
    return invitation


def accept_invitation(invitation, password):
    """Create the person with the invited roles and mark the invitation used, in one transaction.

    An account with the same address (another organisation invited it first) is refused
    with a ValidationError; nothing is saved.
    """
    taken = ValidationError(
        _(
            "There is already an account with this e-mail address. "
            "Sign in with it, or ask for an invitation to another address."
        ),
        code="taken",
    )
    if User.objects.filter(email__iexact=invitation.email).exists():
        raise taken
    person = User(
        email=User.objects.normalize_email(invitation.email).lower(),
        first_name=invitation.first_name,
        last_name=invitation.last_name,
        organisation=invitation.organisation,
    )
    # Hashing is slow on purpose; done before the transaction, so SQLite's write lock is not held meanwhile.
    person.set_password(password)
    try:
        with transaction.atomic():
            person.save()
            set_roles(invitation.invited_by, person, invitation.roles)
            invitation.accepted = timezone.now()
            invitation.save(update_fields=["accepted"])
    except IntegrityError as e:  # the same address accepted elsewhere at the same moment
        raise taken from e
    return person


def notify(person, text, link="", email_subject=""):
    """A notification in the app; with a subject it is also e-mailed by the worker (never to a closed account)."""
    Notification.objects.create(person=person, text=text[:500], link=link)
    if email_subject and person.email and person.is_active:
        body = text + (f"\n\n{settings.SITE_URL}{link}" if link else "")
        send_email.enqueue(person.email, email_subject, body)


def failed_sign_ins_from(address):
    """Failed sign-ins from one address within the lock-out's cool-off time (django-axes logs each one)."""
    since = timezone.now() - timedelta(hours=settings.AXES_COOLOFF_TIME)
    return AccessFailureLog.objects.filter(ip_address=address, attempt_time__gte=since).count()


# Closing and reopening an account (offboarding). Also called by provisioning, with no actor.
def closing_refusal(actor, person):
    """Why this account cannot be closed, in words for the administrator; "" when it can."""
    if not person.is_active:
        return _("This account is already closed.")
    if actor is not None and actor.pk == person.pk:
        return _("You cannot close your own account. Ask another administrator to do it.")
    if ADMINISTRATOR in person.roles:
        others = User.members.filter(is_active=True, role_assignments__role=ADMINISTRATOR).exclude(pk=person.pk)
        if not others.exists():
            return _(
                "%(name)s is the last administrator. Give someone else the administrator role first, "
                "so the organisation is never left without one."
            ) % {"name": person.full_name}
    return ""


def _invitations_of(person):
    """Open invitations to the person's address or sent by them: a leaver's invitation should not outlive them."""
    return Invitation.objects.filter(Q(email__iexact=person.email) | Q(invited_by=person), accepted__isnull=True)


def _own_effects(person, apply):
    """The organisation's own part of closing: sign-in, sessions, invitations, teams."""
    name = person.full_name
    keys = sessions.session_keys_of(person)
    invitations = list(_invitations_of(person))
    teams = list(person.teams.all())
    managed = list(person.managed_teams.prefetch_related("managers"))
    effects = [
        Effect(
            _(
                "%(name)s can no longer sign in: not with a password, not with single sign-on "
                "and not with an invitation."
            )
            % {"name": name}
        ),
        Effect(
            ngettext(
                "%(name)s is signed in on %(n)s device now and is signed out at once.",
                "%(name)s is signed in on %(n)s devices now and is signed out of all of them at once.",
                len(keys),
            )
            % {"name": name, "n": len(keys)}
            if keys
            else _("%(name)s is not signed in anywhere right now.") % {"name": name},
            key="sessions",
            count=len(keys),
        ),
    ]
    if invitations:
        effects.append(
            Effect(
                ngettext(
                    "%(n)s open invitation (sent by %(name)s or to their address) is withdrawn.",
                    "%(n)s open invitations (sent by %(name)s or to their address) are withdrawn.",
                    len(invitations),
                )
                % {"n": len(invitations), "name": name},
                key="invitations",
                count=len(invitations),
            )
        )
    if teams:
        effects.append(
            Effect(
                _("Removed from the teams: %(teams)s.") % {"teams": ", ".join(t.name for t in teams)},
                key="teams",
                count=len(teams),
            )
        )
    for team in managed:
        left = [m for m in team.managers.all() if m.pk != person.pk and m.is_active]
        effects.append(
            Effect(
                _("No longer manager of %(team)s.") % {"team": team.name}
                + (" " + _("The team has no manager after this: choose one.") if not left else ""),
                warning=not left,
                link=reverse("team_edit", kwargs={"pk": team.pk}) if not left else "",
                key="managed_teams",
                count=1,
            )
        )
    if apply:
        person.is_active = False
        person.closed_at = timezone.now()
        person.save(update_fields=["is_active", "closed_at"])
        sessions.end_sessions(keys)
        Invitation.objects.filter(pk__in=[i.pk for i in invitations]).delete()
        person.teams.clear()
        for team in managed:
            team.managers.remove(person)
    return effects


def closing_plan(person):
    """What closing this account would do, for the confirmation page. Changes nothing."""
    return _own_effects(person, apply=False) + effects_of_closing(person, apply=False)


def close_account(actor, person):
    """Close the account of someone who leaves; ``actor`` is None when provisioning does it.

    Raises ValidationError with the reason when it may not be closed (their own account, the last
    administrator, already closed). Otherwise, in one transaction: sign-in refused (is_active false,
    so also single sign-on and invitations), every session of theirs ended, open invitations to
    their address or sent by them withdrawn, removed from their teams as member and manager, and every
    app's part (``offboarding.closing``: corporate-account ownerships and use, open inbox items
    assigned to them, personal and team calendar feeds), then one audit entry with the counts and no
    other personal data than the name. Their roles are kept for a reopening; their shares stay in the
    figures, without their name. Returns the effects.
    """
    with transaction.atomic():
        # The administrators' rows are locked, so two of them closing each other at once cannot leave none.
        administrators = User.members.filter(role_assignments__role=ADMINISTRATOR).select_for_update(of=("self",))
        list(administrators.values_list("pk", flat=True))
        person.refresh_from_db(fields=["is_active"])
        refusal = closing_refusal(actor, person)
        if refusal:
            raise ValidationError(refusal, code="refused")
        effects = _own_effects(person, apply=True) + effects_of_closing(person, apply=True)
        counts = {}
        for effect in effects:
            if effect.key:
                counts[effect.key] = counts.get(effect.key, 0) + effect.count
        log(person.organisation, actor, "account_closed", person=person.full_name, person_id=person.pk, counts=counts)
    return effects


@transaction.atomic
def reopen_account(actor, person):
    """Allow sign-in again for a closed account, with the roles it kept; logged.

    What closing took away does not come back: teams, ownerships, assignments and calendar
    links are given again by hand. Returns False when the account was not closed.
    """
    if person.is_active:
        return False
    person.is_active = True
    person.closed_at = None
    person.save(update_fields=["is_active", "closed_at"])
    log(person.organisation, actor, "account_reopened", person=person.full_name, person_id=person.pk)
    return True


# Who may be chosen in a team (orgs.pickers)


def choosable_team_managers(organisation):
    """Who may lead a team: people with the manager role. Only they see their teams (can_see_teams): anyone else
    would lead a team they cannot open."""
    return pickers.holding(organisation, [MANAGER])


def choosable_team_members(organisation):
    """Who may be in a team: everyone with an open account, volunteers and clients too (a day centre's team)."""
    return pickers.open_accounts(organisation)


pickers.register("teamleider", can_manage_people, lambda chooser: choosable_team_managers(chooser.organisation))
pickers.register("teamlid", can_manage_people, lambda chooser: choosable_team_members(chooser.organisation))
