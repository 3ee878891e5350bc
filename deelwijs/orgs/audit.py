"""The audit log in sentences a privacy officer reads: one mapping from action code to a translatable sentence.

An entry keeps its facts as data (``AuditEntry.details``: names as they were then, codes, numbers, ISO
dates); its sentence is made when it is read, in the reader's language: "Anna de Vries gaf Piet Jansen de
rollen ambassadeur en medewerker." The codes in the details (roles, networks, post check categories,
consent kinds) become words through label sets. Those of the apps above orgs are registered by the app
(``register_labels``), so orgs imports none of them. Entries from before ``details`` have only their
summary: they read as the action's name and that summary.

A new action gets its sentence here; tests/web/test_audit.py fails for an action logged without one.
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils.text import capfirst
from django.utils.translation import get_language, gettext, ngettext, ngettext_lazy
from django.utils.translation import gettext_lazy as _

from deelwijs.common.dates import short_date
from deelwijs.guard.messages import category_name

from .roles import ROLE_LABELS

# Label sets: kind -> {code: label}. Filled by the apps (register_labels) and below.
LABELS = {"role": ROLE_LABELS}


def register_labels(**sets):
    """Words for the codes an app writes into its entries' details: register_labels(network={"x": "X"})."""
    LABELS.update(sets)


def label(kind, code):
    """A code in words, or the code itself when nobody registered it (an entry of a later version)."""
    return str(LABELS.get(kind, {}).get(code, code))


def listing(words):
    """ "a, b en c"; an empty list is "nobody"."""
    words = [str(w) for w in words]
    if not words:
        return gettext("nobody")
    if len(words) == 1:
        return words[0]
    return gettext("%(some)s and %(last)s") % {"some": ", ".join(words[:-1]), "last": words[-1]}


def _date(value):
    if not value:
        return "?"
    if "T" in value or " " in value:
        return short_date(datetime.fromisoformat(value), "j M Y H:i")
    return short_date(date.fromisoformat(value), "j M Y")


def _count(d):
    """The entry's count as a number for ngettext; 0 when it has none or it is not a number."""
    try:
        return int(d.get("count", 0))
    except (TypeError, ValueError):
        return 0


def _roles(codes):
    return listing(label("role", code).lower() for code in codes)


def _the_roles(codes):
    return ngettext("the role %(roles)s", "the roles %(roles)s", len(codes)) % {"roles": _roles(codes)}


def _in_sentence(words):
    """A label in the middle of a sentence: "Vermeldingen (maanden)" as "vermeldingen (maanden)", "SSO" as is."""
    return words[:1].lower() + words[1:] if words[1:2].islower() else words


def _fields(kind):
    return lambda d: listing(_in_sentence(label(kind, f)) for f in d.get("fields", []))


def _categories(d):
    lang = get_language() or "nl"
    return listing(category_name(c, "en" if lang.startswith("en") else "nl") for c in d.get("categories", []))


def _photo_categories(d):
    """What a photo check blocked for: the post check's categories of text read in the photo, and codes."""
    lang = "en" if (get_language() or "nl").startswith("en") else "nl"
    names = []
    for code in d.get("categories", []):
        name = category_name(code, lang)
        names.append(label("photo_category", code) if name == code else name)
    return listing(names)


def _photo(d):
    if d.get("description"):
        return gettext("photo %(number)s (‘%(description)s’)") % {"number": d["image"], "description": d["description"]}
    return gettext("photo %(number)s") % {"number": d["image"]}


def _access(d):
    return "; ".join(
        [
            gettext("roles that may use it: %(roles)s") % {"roles": _roles(d.get("roles", []))},
            gettext("people who may use it: %(people)s") % {"people": listing(d.get("people", []))},
            gettext("owners: %(owners)s") % {"owners": listing(d.get("owners", []))},
        ]
    )


# Counts of what closing an account did (orgs.offboarding.Effect.key).
CLOSING_COUNTS = {
    "sessions": ngettext_lazy("%(n)s session ended", "%(n)s sessions ended", "n"),
    "invitations": ngettext_lazy("%(n)s open invitation withdrawn", "%(n)s open invitations withdrawn", "n"),
    "teams": ngettext_lazy("taken out of %(n)s team", "taken out of %(n)s teams", "n"),
    "managed_teams": ngettext_lazy("no longer manager of %(n)s team", "no longer manager of %(n)s teams", "n"),
    "inbox_items": ngettext_lazy(
        "%(n)s open webcare item no longer assigned", "%(n)s open webcare items no longer assigned", "n"
    ),
    "calendar_feeds": ngettext_lazy("%(n)s calendar link stopped", "%(n)s calendar links stopped", "n"),
    "account_owner": ngettext_lazy(
        "no longer owner of %(n)s organisation account", "no longer owner of %(n)s organisation accounts", "n"
    ),
    "account_use": ngettext_lazy(
        "no longer allowed to use %(n)s organisation account",
        "no longer allowed to use %(n)s organisation accounts",
        "n",
    ),
    "push_devices": ngettext_lazy(
        "%(n)s device no longer receives notifications", "%(n)s devices no longer receive notifications", "n"
    ),
}


USES = ngettext_lazy(
    "%(n)s use taken out of the feed and the plan", "%(n)s uses taken out of the feed and the plan", "n"
)
SHARED_BEFORE = ngettext_lazy("shared %(n)s time before", "shared %(n)s times before", "n")
MEMBERS_ADDED = ngettext_lazy("%(n)s person added", "%(n)s people added", "n")
MEMBERS_REMOVED = ngettext_lazy("%(n)s person taken out", "%(n)s people taken out", "n")


def _closing(d):
    parts = []
    for key, n in d.get("counts", {}).items():
        if not n:
            continue  # nothing happened there: "0 sessions ended" says nothing
        if key in CLOSING_COUNTS:
            parts.append(CLOSING_COUNTS[key] % {"n": n})
        else:
            parts.append(f"{key}: {n}")
    return listing(parts)


@dataclass(frozen=True)
class Sentence:
    """What an action says. ``text`` is the sentence, with %(actor)s and the keys of the details; or a
    function of the details that chooses one (roles given, taken or both). ``parts`` turn details into words
    before they go in: key -> function(details)."""

    name: object
    text: object
    parts: dict = field(default_factory=dict)

    def template(self, details):
        return self.text(details) if callable(self.text) else self.text


def _roles_text(d):
    if d.get("added") and d.get("removed"):
        return _("%(actor)s gave %(person)s %(added)s and took away %(removed)s.")
    if d.get("removed"):
        return _("%(actor)s took %(removed)s away from %(person)s.")
    return _("%(actor)s gave %(person)s %(added)s.")


SENTENCES = {
    # People and the organisation (orgs)
    "roles": Sentence(
        _("Roles changed"),
        _roles_text,
        {"added": lambda d: _the_roles(d.get("added", [])), "removed": lambda d: _the_roles(d.get("removed", []))},
    ),
    "settings": Sentence(
        _("Settings changed"), _("%(actor)s changed the settings: %(fields)s."), {"fields": _fields("setting")}
    ),
    "invitation": Sentence(
        _("Invitation sent"),
        _("%(actor)s invited %(person)s as %(roles)s."),
        {"roles": lambda d: _roles(d.get("roles", []))},
    ),
    "invitation_resent": Sentence(_("Invitation sent again"), _("%(actor)s sent the invitation to %(person)s again.")),
    "invitation_revoked": Sentence(_("Invitation withdrawn"), _("%(actor)s withdrew the invitation to %(person)s.")),
    "account_closed": Sentence(
        _("Account closed"),
        lambda d: (
            _("%(actor)s closed the account of %(person)s: %(effects)s.")
            if any(d.get("counts", {}).values())
            else _("%(actor)s closed the account of %(person)s.")
        ),
        {"effects": _closing},
    ),
    "account_reopened": Sentence(_("Account reopened"), _("%(actor)s reopened the account of %(person)s.")),
    # Provisioning (SCIM): done by the identity provider with a key, whose name the entry keeps.
    "scim_token": Sentence(
        _("Provisioning key"),
        lambda d: (
            _("%(actor)s revoked the provisioning key ‘%(token)s’.")
            if d.get("event") == "revoked"
            else _("%(actor)s made the provisioning key ‘%(token)s’.")
        ),
    ),
    "scim_person": Sentence(
        _("Account from the identity provider"),
        lambda d: {
            "created": _("The identity provider (key ‘%(token)s’) made the account of %(person)s."),
            "linked": _("The identity provider (key ‘%(token)s’) took over the account of %(person)s."),
            "updated": _("The identity provider (key ‘%(token)s’) changed %(attributes)s of %(person)s."),
            "closed": _("The identity provider (key ‘%(token)s’) marked %(person)s inactive: account closed."),
            "reopened": _("The identity provider (key ‘%(token)s’) marked %(person)s active again: account open."),
            "deprovisioned": _("The identity provider (key ‘%(token)s’) removed %(person)s: account stays closed."),
        }.get(d.get("event"), _("The identity provider (key ‘%(token)s’) changed the account of %(person)s.")),
        {"attributes": lambda d: listing(label("scim_attribute", a) for a in d.get("attributes", []))},
    ),
    "scim_group": Sentence(
        _("Team from the identity provider"),
        lambda d: {
            "created": _("The identity provider (key ‘%(token)s’) made the team %(team)s."),
            "linked": _("The identity provider (key ‘%(token)s’) took over the team %(team)s."),
            "renamed": _("The identity provider (key ‘%(token)s’) renamed the team %(old)s to %(team)s."),
            "members": _("The identity provider (key ‘%(token)s’) changed the members of %(team)s: %(counts)s."),
            "deprovisioned": _(
                "The identity provider (key ‘%(token)s’) removed its group %(team)s: the team stays, kept by hand."
            ),
        }.get(d.get("event"), _("The identity provider (key ‘%(token)s’) changed the team %(team)s.")),
        {
            "counts": lambda d: listing(
                [
                    *([MEMBERS_ADDED % {"n": d["added"]}] if d.get("added") else []),
                    *([MEMBERS_REMOVED % {"n": d["removed"]}] if d.get("removed") else []),
                ]
            )
        },
    ),
    "scim_group_role": Sentence(
        _("Role of a group from the identity provider"),
        lambda d: (
            _("%(actor)s gave the members of the group %(team)s the role %(role)s.")
            if d.get("role")
            else _("%(actor)s took the role %(old)s off the group %(team)s.")
        ),
        {"role": lambda d: label("role", d.get("role")).lower(), "old": lambda d: label("role", d.get("old")).lower()},
    ),
    # The post check: a text kept although it blocks (content items, planned posts)
    "check_override": Sentence(
        _("Kept despite a block of the post check"),
        lambda d: (
            _(
                "%(actor)s kept the planned post ‘%(post)s’ of %(date)s although the post check blocked it for "
                "%(categories)s. Reason: ‘%(reason)s’."
            )
            if "post" in d
            else _(
                "%(actor)s kept the suggested text for %(network)s of ‘%(item)s’ although the post check blocked it "
                "for %(categories)s. Reason: ‘%(reason)s’."
            )
        ),
        {
            "categories": _categories,
            "date": lambda d: _date(d.get("date")),
            "network": lambda d: label("network", d.get("network")),
        },
    ),
    # Planning
    # The community (community)
    "buddy": Sentence(_("Buddy paired"), _("%(actor)s made %(buddy)s the buddy of %(newcomer)s.")),
    "buddy_ended": Sentence(_("Buddy pairing ended"), _("%(actor)s ended %(buddy)s's pairing with %(newcomer)s.")),
    "join_request": Sentence(
        _("Request to join the ambassadors decided"),
        lambda d: (
            _("%(actor)s welcomed %(person)s to the ambassador team.")
            if d.get("status") == "accepted"
            else _("%(actor)s declined the request of %(person)s to join the ambassador team.")
        ),
    ),
    "people_page": Sentence(_("Our people online changed"), _("%(actor)s changed the page of our people online.")),
    # Who asked and what it is about stay out of the log: only that request number so-and-so moved.
    "help_request": Sentence(
        _("Confidential help request"),
        lambda d: {
            "asked": ngettext(
                "Confidential help request %(number)s was made; %(count)s person was asked.",
                "Confidential help request %(number)s was made; %(count)s people were asked.",
                _count(d),
            ),
            "more_asked": ngettext(
                "Confidential help request %(number)s: %(count)s more person was asked.",
                "Confidential help request %(number)s: %(count)s more people were asked.",
                _count(d),
            ),
        }.get(d.get("event"), _("Confidential help request %(number)s has a new status.")),
    ),
    "post_duplicated": Sentence(
        _("Planned post duplicated"),
        _("%(actor)s copied the planned post ‘%(post)s’ to %(to)s, as a draft."),
        {"to": lambda d: _date(d.get("to"))},
    ),
    "report_settings": Sentence(
        _("Report settings changed"),
        _("%(actor)s changed the report settings: %(fields)s."),
        {"fields": _fields("report_setting")},
    ),
    "post_moved": Sentence(
        _("Planned post moved"),
        _("%(actor)s moved the planned post ‘%(post)s’ from %(from)s to %(to)s."),
        {"from": lambda d: _date(d.get("from")), "to": lambda d: _date(d.get("to"))},
    ),
    # Photo consent
    "consent_added": Sentence(
        _("Photo consent recorded"),
        _("%(actor)s recorded photo consent %(number)s: %(kind)s, %(scope)s."),
        {
            "kind": lambda d: label("consent_kind", d.get("kind")).lower(),
            "scope": lambda d: label("consent_scope", d.get("scope")).lower(),
        },
    ),
    "consent_changed": Sentence(
        _("Photo consent changed"),
        _("%(actor)s changed photo consent %(number)s: %(fields)s."),
        {"fields": _fields("consent_field")},
    ),
    "consent_withdrawn": Sentence(
        _("Photo consent withdrawn"),
        _("%(actor)s recorded that photo consent %(number)s was withdrawn on %(on)s."),
        {"on": lambda d: _date(d.get("on"))},
    ),
    "photo_consent": Sentence(
        _("Who is in a photo"),
        lambda d: (
            _("%(actor)s said nobody is recognisable in %(photo)s.")
            if d.get("nobody")
            else _("%(actor)s linked %(photo)s to photo consent %(records)s.")
            if d.get("records")
            else _("%(actor)s took every photo consent off %(photo)s.")
        ),
        {"photo": _photo, "records": lambda d: listing(str(n) for n in d.get("records", []))},
    ),
    "consent_ended": Sentence(
        _("Photo consent ended"),
        lambda d: (
            _("Photo consent %(number)s was withdrawn: %(uses)s; %(shared)s.")
            if d.get("reason") == "withdrawn"
            else _("Photo consent %(number)s expired: %(uses)s; %(shared)s.")
        ),
        {
            "uses": lambda d: USES % {"n": d["uses"]},
            "shared": lambda d: SHARED_BEFORE % {"n": d["shared"]},
        },
    ),
    # Teams and Slack (chat): which fields changed, never the webhook address itself
    "chat_channel": Sentence(
        _("Teams or Slack channel"),
        lambda d: (
            _("%(actor)s added the %(kind)s channel ‘%(name)s’.")
            if d.get("new")
            else _("%(actor)s changed the %(kind)s channel ‘%(name)s’: %(fields)s.")
        ),
        {"kind": lambda d: label("chat_kind", d.get("kind")), "fields": _fields("chat_field")},
    ),
    "chat_channel_deleted": Sentence(
        _("Teams or Slack channel removed"),
        _("%(actor)s removed the %(kind)s channel ‘%(name)s’."),
        {"kind": lambda d: label("chat_kind", d.get("kind"))},
    ),
    "chat_channel_paused": Sentence(
        _("Teams or Slack channel paused"),
        _("The %(kind)s channel ‘%(name)s’ was paused after %(failures)s messages in a row could not be delivered."),
        {"kind": lambda d: label("chat_kind", d.get("kind"))},
    ),
    # The photo check (content.photochecks)
    "photo_check_override": Sentence(
        _("Photo kept despite a block of the photo check"),
        _(
            "%(actor)s kept %(photo)s as it is although the photo check blocked it for %(categories)s. "
            "Reason: ‘%(reason)s’."
        ),
        {"photo": _photo, "categories": _photo_categories},
    ),
    "photo_blurred": Sentence(
        _("Photo blurred"),
        lambda d: ngettext(
            "%(actor)s blurred %(regions)s region of %(photo)s.",
            "%(actor)s blurred %(regions)s regions of %(photo)s.",
            d.get("regions", 0),
        ),
        {"photo": _photo},
    ),
    "photo_restored": Sentence(
        _("Blur undone"),
        _("%(actor)s put %(photo)s back as it was before it was blurred."),
        {"photo": _photo},
    ),
    # Privacy
    "privacy_export": Sentence(_("Data export made"), _("%(actor)s made an export of the data of %(person)s.")),
    "privacy_export_download": Sentence(
        _("Data export downloaded"), _("%(actor)s downloaded the export of the data of %(person)s.")
    ),
    "privacy_erase": Sentence(
        _("Personal data erased"),
        _("%(actor)s erased the personal data of a person; the records now call them %(pseudonym)s."),
    ),
    # Organisation accounts
    "account_access": Sentence(
        _("Access to an organisation account"),
        lambda d: (
            _("%(actor)s registered the organisation account %(account)s: %(access)s.")
            if d.get("registered")
            else _("%(actor)s added the organisation account %(account)s: %(access)s.")
            if d.get("new")
            else _("%(actor)s changed the access to the organisation account %(account)s: %(access)s.")
        ),
        {"access": _access},
    ),
    "page_request": Sentence(
        _("Location page request decided"),
        lambda d: (
            _("%(actor)s approved the request for the location page ‘%(name)s’.")
            if d.get("status") == "approved"
            else _("%(actor)s refused the request for the location page ‘%(name)s’.")
        ),
    ),
}


def describe(entry):
    """The entry as a sentence in the active language."""
    sentence = SENTENCES.get(entry.action)
    if sentence is None or not entry.details:
        name = sentence.name if sentence else entry.action
        return f"{name}: {entry.summary}" if entry.summary else str(name)
    values = dict(entry.details)
    for key, part in sentence.parts.items():
        values[key] = part(entry.details)
    # Nobody did it by hand (the demo, provisioning, a job): the app did.
    values["actor"] = entry.actor.full_name if entry.actor_id and entry.actor else "Deelwijs"
    try:
        return capfirst(str(sentence.template(entry.details)) % values)
    except (KeyError, TypeError, ValueError):
        # Details of another shape (written by a later or earlier version): still say what it was.
        return f"{sentence.name}: {entry.summary}" if entry.summary else str(sentence.name)
