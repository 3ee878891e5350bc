"""Provisioning's business rules: keys, and what a SCIM User or Group means for accounts, teams and roles.

Each function lists its whole effect. The functions that serve the identity provider take the ScimToken it
authenticated with (its name goes into every audit entry, whose actor is nobody) and a resource of
``resources`` in the state the provider wants; refusals are scim2-models exceptions, which the API turns
into SCIM error responses. They run inside the organisation's scope, in one transaction per request.

Roles stay Deelwijs's decision. An account provisioning makes starts with the default role (employee);
after that only the administrator's mapping of groups to roles (ProvisionedTeam.role) changes roles, and
only the roles provisioning gave itself (ProvisionedPerson.given_roles) are ever taken away again.
"""

import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from scim2_models import InvalidValueException, MutabilityException, UniquenessException

from deelwijs.orgs import audit
from deelwijs.orgs import domain as orgs
from deelwijs.orgs.models import Team, User
from deelwijs.orgs.offboarding import Effect, closing
from deelwijs.orgs.roles import ADMINISTRATOR, EMPLOYEE
from deelwijs.orgs.tasks import send_email
from deelwijs.orgs.tenancy import across_organisations

from .models import ProvisionedPerson, ProvisionedTeam, ScimToken, new_scim_id

# The SCIM attributes an audit entry names (orgs.audit, action scim_person), in words.
audit.register_labels(
    scim_attribute={
        "userName": gettext_lazy("the sign-in name"),
        "externalId": gettext_lazy("the identity provider's own id"),
        "name": gettext_lazy("the name"),
        "displayName": gettext_lazy("the display name"),
        "emails": gettext_lazy("the e-mail addresses"),
    }
)
DEFAULT_ROLE = EMPLOYEE
TOKEN_PREFIX = "dwscim_"
# last_used is written at most this often, so a busy synchronisation does not write the token on every request.
LAST_USED_RESOLUTION = 60
FIRST_NAME_LENGTH = User._meta.get_field("first_name").max_length
LAST_NAME_LENGTH = User._meta.get_field("last_name").max_length
TEAM_NAME_LENGTH = Team._meta.get_field("name").max_length


def hash_token(token):
    return hashlib.sha256(token.encode()).hexdigest()


# Keys


@transaction.atomic
def create_token(actor, name):
    """A new key for an identity provider of the actor's organisation; logged. Returns (ScimToken, key): the
    key itself exists only in this answer, the database keeps its hash."""
    key = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ScimToken.objects.create(
        organisation=actor.organisation, name=name, token_hash=hash_token(key), created_by=actor
    )
    orgs.log(actor.organisation, actor, "scim_token", event="made", token=name)
    return token, key


@transaction.atomic
def revoke_token(actor, token):
    """Stop a key at once: the identity provider using it gets 401 from now on. Logged; False if it was revoked."""
    if token.revoked:
        return False
    token.revoked = timezone.now()
    token.save(update_fields=["revoked"])
    orgs.log(actor.organisation, actor, "scim_token", event="revoked", token=token.name)
    return True


def find_token(key, slug):
    """The live key for the organisation with this slug, or None: unknown, revoked, or another organisation's
    (the caller answers all three the same, so nobody learns which organisations exist)."""
    if not key or len(key) > 200:
        return None
    # An identity provider has no session: its key is found in any organisation, then must match the address.
    with across_organisations():
        token = (
            ScimToken.objects.select_related("organisation")
            .filter(token_hash=hash_token(key), revoked__isnull=True)
            .first()
        )
    if token is None or token.organisation.slug != slug:
        return None
    return token


def mark_used(token):
    """Write when the key was last used, at most once a minute."""
    now = timezone.now()
    if token.last_used is None or (now - token.last_used).total_seconds() >= LAST_USED_RESOLUTION:
        ScimToken.objects.filter(pk=token.pk).update(last_used=now)


# People


def _storable(*texts):
    """Refuse (400) a text the database cannot hold: a NUL character, or a lone surrogate from a JSON escape."""
    for text in texts:
        if not text:
            continue
        try:
            text.encode()
        except UnicodeEncodeError:
            text = "\x00"
        if "\x00" in text:
            raise InvalidValueException(
                detail=_(
                    "This text contains a character that cannot be saved. Type the text again, or leave that "
                    "character out."
                )
            )


def _valid_address(value):
    if not value or len(value) > 254:
        return False
    try:
        validate_email(value)
    except ValidationError:
        return False
    return True


def account_address(user):
    """The account's e-mail address: userName when it is one (Entra ID's userPrincipalName), else the
    primary address of emails, else the work address, else the first. Every text of the User is checked first
    (_storable), since this is the first thing made of it."""
    name = user.name
    _storable(
        user.user_name,
        user.external_id,
        user.display_name,
        name.given_name if name else None,
        name.family_name if name else None,
        *[str(e.value or "") for e in user.emails or []],
    )
    emails = [e for e in user.emails or [] if e.value]
    for email in emails:
        if not _valid_address(email.value):
            raise InvalidValueException(detail=_("%(value)s is no e-mail address.") % {"value": email.value[:100]})
    if _valid_address(user.user_name):
        return user.user_name.lower()
    for chosen in (
        [e for e in emails if e.primary],
        [e for e in emails if str(e.type or "") == "work"],
        emails,
    ):
        if chosen and _valid_address(chosen[0].value):
            return str(chosen[0].value).lower()
    raise InvalidValueException(
        detail=_("Deelwijs needs an e-mail address: userName is none, and emails holds none either.")
    )


def _names(user, address):
    """(first name, last name) of the account: the given and family name, else the display name, else the
    part of the address before the @."""
    given = ((user.name.given_name if user.name else None) or "").strip()
    family = ((user.name.family_name if user.name else None) or "").strip()
    if len(given) > FIRST_NAME_LENGTH or len(family) > LAST_NAME_LENGTH:
        raise InvalidValueException(
            detail=_("A first name has at most %(first)s characters, a last name %(last)s.")
            % {"first": FIRST_NAME_LENGTH, "last": LAST_NAME_LENGTH}
        )
    fallback = (user.display_name or "").strip() or address.split("@")[0]
    return given or fallback[:FIRST_NAME_LENGTH], family


def _check_unique(provisioned, user, address, person):
    """Refuse (409 uniqueness) a userName, externalId or address that another account already has."""
    others = ProvisionedPerson.objects.filter(deprovisioned__isnull=True)
    if provisioned is not None:
        others = others.exclude(pk=provisioned.pk)
    if others.filter(user_name__iexact=user.user_name).exists():
        raise UniquenessException(detail=_("Another person already has this userName."))
    if user.external_id and others.filter(external_id=user.external_id).exists():
        raise UniquenessException(detail=_("Another person already has this externalId."))
    # Addresses are unique across the installation: the sign-in knows no organisation. Which one holds it
    # is not said.
    taken = User.objects.filter(email__iexact=address)
    if person is not None:
        taken = taken.exclude(pk=person.pk)
    if taken.exists():
        raise UniquenessException(detail=_("There is already an account with this e-mail address."))


def _record(provisioned, user):
    """Copy what Deelwijs keeps of the SCIM User onto its row (not saved)."""
    provisioned.user_name = user.user_name
    provisioned.external_id = user.external_id or ""
    provisioned.given_name = (user.name.given_name if user.name else None) or ""
    provisioned.family_name = (user.name.family_name if user.name else None) or ""
    provisioned.display_name = user.display_name or ""
    provisioned.emails = [e.model_dump(mode="json", exclude_none=True) for e in user.emails or []]
    provisioned.modified = timezone.now()
    if len(provisioned.user_name) > 254 or len(provisioned.external_id) > 254 or len(provisioned.display_name) > 250:
        raise InvalidValueException(detail=_("userName and externalId have at most 254 characters."))


def provision_person(token, user):
    """Make or take over the account of a SCIM User (POST /Users). Returns the ProvisionedPerson.

    Refused with 409 when another provisioned person has the userName or externalId, or another account
    (in any organisation, which is not said) the address; with 400 without an address (account_address).
    An account of this organisation with that address that provisioning does not manage yet (invited before,
    or deprovisioned) is taken over: it keeps its roles, and active=true reopens it only when it was
    deprovisioned. Otherwise a new account: the names (_names), a random password nobody knows (sign in
    with single sign-on, or choose one with the link in the welcome mail), the default role. active=false
    closes it at once, as the administrator's button would. Logged with the key's name; the welcome mail
    goes to a new open account only.
    """
    organisation = token.organisation
    address = account_address(user)
    existing = User.members.filter(email__iexact=address).select_related("provisioned").first()
    provisioned = getattr(existing, "provisioned", None) if existing else None
    if provisioned is not None and provisioned.deprovisioned is None:
        raise UniquenessException(detail=_("Another person already has this e-mail address."))
    _check_unique(provisioned, user, address, existing)
    first, last = _names(user, address)
    wants_active = user.active is not False
    was_deprovisioned = provisioned is not None
    if existing is None:
        person = User(email=address, first_name=first, last_name=last, organisation=organisation)
        person.set_password(secrets.token_urlsafe(32))
        person.save()
        provisioned = ProvisionedPerson(organisation=organisation, person=person, made_here=True)
    else:
        person = existing
        if provisioned is None:
            provisioned = ProvisionedPerson(organisation=organisation, person=person, made_here=False)
        provisioned.deprovisioned = None
        provisioned.scim_id = new_scim_id()
        person.first_name, person.last_name = first, last
        person.save(update_fields=["first_name", "last_name"])
    _record(provisioned, user)
    provisioned.idp_active = wants_active
    provisioned.save()
    _log_person(token, provisioned, "created" if existing is None else "linked")
    sync_roles(provisioned)
    if not wants_active and person.is_active:
        _close(token, provisioned)
    elif wants_active and not person.is_active and was_deprovisioned:
        _reopen(token, provisioned)
    elif wants_active and existing is None:
        _welcome(person)
    return provisioned


def update_person(token, provisioned, user):
    """Bring the account in line with the SCIM User as the identity provider now wants it (PUT, PATCH).

    userName, externalId and the address are checked as on creation; the address, first and last name
    follow. active=false closes the account (the last administrator is refused: 400, nothing changes);
    active=true reopens it, back in the teams of its groups, only when the identity provider said false
    before, so an account an administrator closed by hand stays closed; no active leaves it as it is.
    Logged with the attributes that changed (their names, not their values). Returns the ProvisionedPerson.
    """
    person = provisioned.person
    address = account_address(user)
    _check_unique(provisioned, user, address, person)
    first, last = _names(user, address)
    before = _kept(provisioned)
    _record(provisioned, user)
    changed = [attribute for attribute, value in _kept(provisioned).items() if before[attribute] != value]
    wanted = {"email": address, "first_name": first, "last_name": last}
    account_fields = [f for f, value in wanted.items() if getattr(person, f) != value]
    person.email, person.first_name, person.last_name = address, first, last
    if account_fields:
        person.save(update_fields=account_fields)
    reopen = user.active is True and not provisioned.idp_active
    if user.active is not None:
        provisioned.idp_active = user.active
    provisioned.save()
    if changed:
        _log_person(token, provisioned, "updated", attributes=changed)
    if user.active is False and person.is_active:
        _close(token, provisioned)
    elif reopen:
        _reopen(token, provisioned)
    return provisioned


def _reopen(token, provisioned):
    """Reopen the account (orgs.domain.reopen_account) and put it back in the teams of its groups, which closing
    took it out of. Logged."""
    if orgs.reopen_account(None, provisioned.person):
        provisioned.person.teams.add(*Team.objects.filter(provisioned__members=provisioned))
        _log_person(token, provisioned, "reopened")


def deprovision_person(token, provisioned):
    """DELETE /Users/<id>: close the account (as above; the last administrator is refused) and stop managing
    it: out of its groups. Nothing is erased: the person stays in the figures and the records, erasure is the
    privacy page's (Mensen → Privacy). The row stays, marked, so a later POST for the same address finds the
    account. Their roles stay, as closing keeps them. Logged."""
    if provisioned.person.is_active:
        _close(token, provisioned)
    provisioned.groups.clear()
    provisioned.deprovisioned = timezone.now()
    provisioned.save(update_fields=["deprovisioned"])
    _log_person(token, provisioned, "deprovisioned")


def _kept(provisioned):
    return {
        "userName": provisioned.user_name,
        "externalId": provisioned.external_id,
        "name": (provisioned.given_name, provisioned.family_name),
        "displayName": provisioned.display_name,
        "emails": provisioned.emails,
    }


def _close(token, provisioned):
    """The administrator's closing (orgs.domain.close_account, with no actor); a refusal becomes a SCIM error."""
    try:
        orgs.close_account(None, provisioned.person)
    except ValidationError as refused:
        raise MutabilityException(detail=refused.messages[0]) from refused
    _log_person(token, provisioned, "closed")


def _log_person(token, provisioned, event, **details):
    orgs.log(
        token.organisation,
        None,
        "scim_person",
        event=event,
        token=token.name,
        person=provisioned.person.full_name,
        person_id=provisioned.person_id,
        **details,
    )


def _welcome(person):
    """The mail to a new account: sign in with the organisation's account, or choose a password first."""
    organisation = person.organisation
    if organisation.has_sso:
        link = settings.SITE_URL + reverse("sso_start", kwargs={"slug": organisation.slug})
    else:
        link = settings.SITE_URL + reverse(
            "password_reset_confirm",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(person.pk)),
                "token": default_token_generator.make_token(person),
            },
        )
    context = {
        "person": person,
        "organisation": organisation,
        "link": link,
        "sso": organisation.has_sso,
        "days": settings.PASSWORD_RESET_TIMEOUT // 86400,
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("provisioning/email/welcome_subject.txt", context).strip()
        body = render_to_string("provisioning/email/welcome.txt", context)
    send_email.enqueue(person.email, subject, body)


# Roles


def wanted_roles(provisioned):
    """The roles provisioning stands for: those of the person's groups that have one, else the default role
    for an account provisioning made (none for one it took over)."""
    mapped = set(provisioned.groups.exclude(role="").values_list("role", flat=True))
    if mapped:
        return mapped
    return {DEFAULT_ROLE} if provisioned.made_here else set()


def sync_roles(provisioned):
    """Give the roles provisioning now stands for and take away the ones it gave that it no longer does.

    A role the person already held is not counted as given (it was the administrator's), and a given role
    the administrator took away by hand is not given again. The administrator role is never taken from the
    last open administrator. The change goes through orgs.domain.set_roles (logged there, with no actor).
    """
    person = provisioned.person
    person.__dict__.pop("_roles", None)
    held, given, wanted = set(person.roles), set(provisioned.given_roles), wanted_roles(provisioned)
    added = wanted - given - held
    removed = (given - wanted) & held
    if ADMINISTRATOR in removed and _last_administrator(person):
        removed.discard(ADMINISTRATOR)
        wanted.add(ADMINISTRATOR)
    new_given = sorted((given & wanted) | added)
    if added or removed:
        orgs.set_roles(None, person, (held - removed) | added)
    if new_given != provisioned.given_roles:
        provisioned.given_roles = new_given
        provisioned.save(update_fields=["given_roles"])


def _last_administrator(person):
    others = User.members.filter(is_active=True, role_assignments__role=ADMINISTRATOR).exclude(pk=person.pk)
    return person.is_active and not others.exists()


# Teams


def _members(group):
    """The provisioned people a SCIM Group's members name; an unknown id is refused (400)."""
    ids = [m.value for m in group.members or [] if m.value]
    found = {
        p.scim_id: p
        for p in ProvisionedPerson.objects.filter(scim_id__in=ids, deprovisioned__isnull=True).select_related("person")
    }
    unknown = [value for value in ids if value not in found]
    if unknown:
        raise InvalidValueException(detail=_("No person has the id %(id)s.") % {"id": unknown[0][:100]})
    return list(found.values())


def _team_name(group, team=None):
    _storable(group.display_name, group.external_id)
    name = (group.display_name or "").strip()
    if not name or len(name) > TEAM_NAME_LENGTH:
        raise InvalidValueException(detail=_("A team's name has 1 to %(n)s characters.") % {"n": TEAM_NAME_LENGTH})
    clash = Team.objects.filter(name__iexact=name)
    if team is not None:
        clash = clash.exclude(pk=team.pk)
    else:
        clash = clash.filter(provisioned__isnull=False)
    if clash.exists():
        raise UniquenessException(detail=_("Another team already has this name."))
    return name


def provision_team(token, group):
    """Make a team for a SCIM Group (POST /Groups), or take over the team of that name that provisioning
    does not manage yet. Refused: a name another provisioned team has (409), no name or a name that is too
    long (400), an unknown member (400). Its members are set (set_members). Logged. Returns the ProvisionedTeam."""
    name = _team_name(group)
    members = _members(group)
    team = Team.objects.filter(name__iexact=name, provisioned__isnull=True).first()
    event = "linked" if team else "created"
    if team is None:
        team = Team.objects.create(organisation=token.organisation, name=name)
    provisioned = ProvisionedTeam.objects.create(
        organisation=token.organisation, team=team, external_id=(group.external_id or "")[:254]
    )
    _log_team(token, provisioned, event)
    set_members(token, provisioned, members)
    return provisioned


def update_team(token, provisioned, group):
    """Bring the team in line with the SCIM Group (PUT, PATCH): its name (unique, 409) and members. Logged."""
    team = provisioned.team
    name = _team_name(group, team)
    members = _members(group)
    if name != team.name:
        old = team.name
        team.name = name
        team.save(update_fields=["name"])
        _log_team(token, provisioned, "renamed", old=old)
    provisioned.external_id = (group.external_id or "")[:254]
    provisioned.modified = timezone.now()
    provisioned.save(update_fields=["external_id", "modified"])
    set_members(token, provisioned, members)
    return provisioned


def set_members(token, provisioned, members):
    """Make these provisioned people the group's members, as the identity provider sees it, and the open
    accounts among them members of the team (also those who were missing from it). Who left the group leaves
    the team; members the identity provider does not manage (added by hand) stay. Everyone who came or went
    gets their roles synchronised (sync_roles). Logged with the counts."""
    team = provisioned.team
    current = {p.pk: p for p in provisioned.members.select_related("person")}
    wanted = {p.pk: p for p in members}
    came = [p for pk, p in wanted.items() if pk not in current]
    went = [p for pk, p in current.items() if pk not in wanted]
    in_team = set(team.members.values_list("pk", flat=True))
    # Also those the team lost meanwhile (an administrator's reopening gives no teams back): the group says.
    missing = [p.person for p in wanted.values() if p.person.is_active and p.person_id not in in_team]
    team.members.add(*missing)
    if not came and not went:
        return
    provisioned.members.add(*came)
    provisioned.members.remove(*went)
    team.members.remove(*[p.person for p in went])
    provisioned.modified = timezone.now()
    provisioned.save(update_fields=["modified"])
    for changed in came + went:
        sync_roles(changed)
    _log_team(token, provisioned, "members", added=len(came), removed=len(went))


def deprovision_team(token, provisioned):
    """DELETE /Groups/<id>: the team stops being provisioned. It stays, with its members, plan and figures, as a
    team the administrator keeps by hand; the role its group gave is taken back from its members (sync_roles).
    Logged."""
    members = list(provisioned.members.select_related("person"))
    _log_team(token, provisioned, "deprovisioned")
    provisioned.delete()
    for member in members:
        sync_roles(member)


def _log_team(token, provisioned, event, **details):
    team = provisioned.team.name
    orgs.log(token.organisation, None, "scim_group", event=event, token=token.name, team=team, **details)


@transaction.atomic
def set_team_role(actor, provisioned, role):
    """The administrator's mapping: the members of this group get ``role`` ("" for none). Every member of the
    group gets their roles synchronised. Logged; False when nothing changed."""
    if role == provisioned.role:
        return False
    old = provisioned.role
    provisioned.role = role
    provisioned.save(update_fields=["role"])
    for member in provisioned.members.select_related("person"):
        sync_roles(member)
    orgs.log(actor.organisation, actor, "scim_group_role", team=provisioned.team.name, role=role, old=old)
    return True


# Closing an account by hand (orgs.offboarding)


@receiver(closing)
def _closing(sender, person, apply, **kwargs):
    """On the confirmation page: the identity provider manages this account, so it should end it there too."""
    provisioned = ProvisionedPerson.objects.filter(person=person, deprovisioned__isnull=True).first()
    if provisioned is None:
        return []
    return [
        Effect(
            _(
                "The account comes from your identity provider (provisioning). Also end %(name)s's access "
                "there; until it marks them inactive, their account stays in its list."
            )
            % {"name": person.full_name}
        )
    ]
