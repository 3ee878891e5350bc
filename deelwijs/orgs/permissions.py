"""Who may do what: every role rule of Deelwijs, named once and composed here.

Views use them through ``@requires(rule)``, forms and domain functions call
them (``can_review_stories(person)``), and the context processor hands every
``can_*`` rule to the templates under the same name. A rule is a set of roles;
rules about one object (the manager of *this* team, the author of *this*
story) are the access helpers of the app that owns the object.
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404

from .roles import (
    ADMINISTRATOR,
    AMBASSADOR,
    CLIENT,
    COMMUNICATIONS,
    EMPLOYEE,
    MANAGER,
    STAFF_ROLES,
    VOLUNTEER,
    WEBCARE,
)


class Rule:
    """Holds for a signed-in member of an organisation with one of the roles. Compose with ``|``."""

    def __init__(self, *roles):
        self.roles = frozenset(roles)

    def __or__(self, other):
        return Rule(*self.roles, *other.roles)

    def __call__(self, person):
        return is_member(person) and bool(person.roles & self.roles)

    def __repr__(self):
        return f"Rule({', '.join(sorted(self.roles))})"


class RoleRequired(PermissionDenied):
    """A page for other roles; the 403 page names them and whom to ask."""

    def __init__(self, rule):
        super().__init__(f"needs one of: {', '.join(sorted(rule.roles))}")
        self.roles = tuple(sorted(rule.roles))


class NoRole(PermissionDenied):
    """A signed-in person who holds no role at all: every page says so, and nothing else is shown."""


def is_member(person):
    """Signed in as a person of an organisation (operators without one use the admin site)."""
    return bool(person and person.is_authenticated and person.organisation_id is not None)


is_employee = Rule(EMPLOYEE)
is_volunteer = Rule(VOLUNTEER)
is_client = Rule(CLIENT)
is_ambassador = Rule(AMBASSADOR)
is_communications = Rule(COMMUNICATIONS)
is_webcare = Rule(WEBCARE)
is_manager = Rule(MANAGER)
is_administrator = Rule(ADMINISTRATOR)
is_staff_member = Rule(*STAFF_ROLES)

# The organisation itself: people, roles, settings, audit log; closing and reopening accounts.
can_manage_people = is_administrator
can_close_accounts = is_administrator
can_see_audit = is_administrator
# Provisioning (SCIM): the keys an identity provider uses and the roles its groups give.
can_manage_provisioning = is_administrator
# The scheduled jobs of the whole installation (no organisation's data on that page).
can_see_jobs = is_administrator
can_see_teams = is_manager | is_communications | is_administrator
# Every team, not only the ones someone manages.
can_see_all_teams = is_communications | is_administrator
# Content, corporate accounts, stories and the training modules.
can_manage_content = is_communications | is_administrator
can_manage_accounts = can_manage_content
# The Teams and Slack channels that hear of new items, the weekly digest and urgent webcare items: their addresses
# post into the organisation's chat, so the people who keep the content and the organisation set them.
can_manage_chat_channels = is_communications | is_administrator
# Colleagues' handles (the directory, following a team) and who has access to which account: for staff.
# Clients and volunteers see the corporate accounts and their own handles only.
can_see_colleagues = is_staff_member
# Handles a person keeps for communications only.
can_see_every_handle = is_communications
can_review_stories = can_manage_content
can_edit_training = can_manage_content
# The toolkit: every member reads the pages and formats meant for their role; communications keeps it up.
can_manage_toolkit = is_communications | is_administrator
# Photos and images the organisation may use, for staff; the profile kit for everyone the directory lists.
can_use_image_library = is_staff_member
can_use_profile_kit = is_staff_member | is_volunteer
# Keeping a text the post check blocks (a client who can be recognised, personal data: beroepsgeheim), with a
# reason in the audit log: communications, who answer for what goes out. Nobody else, administrators included.
can_override_post_check = is_communications
# Planning.
can_plan_everything = is_communications | is_administrator
can_plan_for_team = can_plan_everything | is_manager | is_ambassador
can_see_plan = can_plan_for_team | is_employee | is_webcare
can_see_meetings = can_plan_everything | is_ambassador
# A pilot's form is for communications and its leads, one of them an ambassador.
can_choose_pilot_leads = can_plan_everything | is_ambassador
# Insight.
can_see_dashboard = can_plan_everything | is_manager
can_make_reports = is_communications | is_administrator
# Webcare.
can_handle_inbox = is_webcare | is_communications | is_administrator
can_manage_sources = is_communications | is_administrator
can_keep_register = is_manager | is_communications
can_see_register = can_keep_register | is_administrator
can_read_every_register_entry = is_administrator
# Photo consent (beeldtoestemming): who is in which photo, what they agreed to, signed forms. Communications keeps
# it and administrators may too. Managers do not: the register names clients and their representatives and holds
# signatures, which a manager does not need to lead a team; they see on their team's planned posts only whether
# consent is in order, without names (consent/_photo_consent.html).
can_keep_consent = is_communications | is_administrator
# The community (Samen). Everyone asks colleagues a question and asks for help when something goes wrong online.
# What is being talked about: the themes of webcare's sources and our most-shared items, for everyone who shares
# except clients: mentions can be written by or about other clients, and the themes echo their words.
can_see_what_is_talked_about = is_staff_member | is_volunteer
# Communications answers every question; ambassadors answer too, once they are experienced (no buddy of their
# own any more: community.domain.is_experienced). Clients' questions only communications sees.
can_answer_questions = is_communications | is_ambassador
# Who keeps the toolkit puts a question with its answer in it.
can_promote_answers = can_manage_toolkit
# Leading the ambassador team: pairing buddies, deciding who joins (which gives the ambassador role).
can_lead_ambassadors = is_communications | is_administrator
can_ask_to_join_ambassadors = is_staff_member
# The public page of our people online: staff and volunteers by their own choice, never clients (also refused in
# community.domain, whatever the form says); communications publishes it and sets where it may be embedded.
can_appear_online = is_staff_member | is_volunteer
can_manage_people_page = is_communications | is_administrator
# Who may be asked for help: a manager of the person's own teams, or someone in communications
# (community.domain.helpers_for). Administrators read help requests only when they were asked as one of those.
can_be_asked_for_help = is_manager | is_communications


def requires(rule=None):
    """A view for members of an organisation; with a rule, only for those it holds for."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(request, *args, **kwargs):
            if not is_member(request.user):
                raise PermissionDenied
            if not request.user.roles:
                # Taking every role away takes every page away, also the ones open to any member.
                raise NoRole
            if rule is not None and not rule(request.user):
                raise RoleRequired(rule)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def requires_or_404(rule=None):
    """For file views: like ``requires``, but whoever it does not hold for (anonymous visitors included)
    gets 404, so the address of a file tells nobody that it exists. Someone without any role gets nothing."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            person = request.user
            if not is_member(person) or not person.roles or (rule is not None and not rule(person)):
                raise Http404
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def template_rules(person):
    """Every ``can_*`` rule, evaluated for one person, for the templates."""
    return {
        name: rule(person) for name, rule in globals().items() if name.startswith("can_") and isinstance(rule, Rule)
    }
