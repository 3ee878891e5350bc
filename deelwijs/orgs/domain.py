"""Business rules for organisations and people. Each function lists its whole effect."""

import hashlib
import secrets
from datetime import timedelta

from axes.models import AccessFailureLog
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from deelwijs.orgs.tenancy import across_organisations

from .models import AuditEntry, Invitation, Notification, RoleAssignment, User
from .tasks import send_email


def log(organisation, actor, action, summary):
    AuditEntry.objects.create(organisation=organisation, actor=actor, action=action, summary=summary[:500])


@transaction.atomic
def set_roles(actor, person, roles):
    """Give person exactly these roles; record the change in the audit log. Returns True if anything changed."""
    old, new = set(person.roles), set(roles)
    if old == new:
        return False
    person.role_assignments.exclude(role__in=new).delete()
    RoleAssignment.objects.bulk_create([RoleAssignment(user=person, role=r) for r in new - old])
    person.__dict__.pop("_roles", None)
    # Role codes, not labels: the log reads the same whatever language the actor used.
    added = ", ".join(sorted(new - old))
    removed = ", ".join(sorted(old - new))
    log(person.organisation, actor, "roles", f"{person.full_name}: +[{added}] -[{removed}]")
    return True


@transaction.atomic
def update_settings(actor, organisation, changed_fields):
    """Save the organisation's settings and record which fields changed."""
    if not changed_fields:
        return
    organisation.save(update_fields=changed_fields)
    log(organisation, actor, "settings", ", ".join(sorted(changed_fields)))


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
    log(actor.organisation, actor, "invitation", f"{first_name} {last_name}: {', '.join(sorted(roles))}")
    return invitation


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
    """A notification in the app; with a subject it is also e-mailed by the worker."""
    Notification.objects.create(person=person, text=text[:500], link=link)
    if email_subject and person.email:
        body = text + (f"\n\n{settings.SITE_URL}{link}" if link else "")
        send_email.enqueue(person.email, email_subject, body)


def failed_sign_ins_from(address):
    """Failed sign-ins from one address within the lock-out's cool-off time (django-axes logs each one)."""
    since = timezone.now() - timedelta(hours=settings.AXES_COOLOFF_TIME)
    return AccessFailureLog.objects.filter(ip_address=address, attempt_time__gte=since).count()
