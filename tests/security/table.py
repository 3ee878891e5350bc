"""Who may open and who may change what: one table for every URL name of Deelwijs.

The security matrices (tests/security/matrix/) and tests/web/test_access.py read this table; a URL name that is
neither here nor in EXEMPT with a reason fails tests/security/matrix/test_coverage.py, so a new view gets its
row when it is added. The admin site at /beheer/ follows one rule for all its pages (see ADMIN below).

A person with several roles may do what any of their roles may: the union, nothing more.
"""

from dataclasses import dataclass

from django.urls import reverse

from deelwijs.orgs.roles import ROLES

ALL = frozenset(role for role, _label in ROLES)
ADMIN = frozenset({"administrator"})
COMMS = frozenset({"communications", "administrator"})
TEAMS = frozenset({"manager", "communications", "administrator"})
PLAN = frozenset({"communications", "administrator", "manager", "ambassador", "employee", "webcare"})
PLANS_TEAM = frozenset({"communications", "administrator", "manager", "ambassador"})
WEBCARE = frozenset({"webcare", "communications", "administrator"})
# Colleagues' handles and who has access: staff only, never clients and volunteers.
STAFF = ALL - {"client", "volunteer"}
# The toolkit's profile kit: for everyone the directory may list.
PROFILE_KIT = STAFF | {"volunteer"}
NOBODY = frozenset()
# A client's question: communications alone reads it.
COMMUNICATIONS = frozenset({"communications"})
# Everyone who shares, except clients: the themes online, and the public page of our people online.
SHARERS = STAFF | {"volunteer"}

SIGN_IN = "sign-in"  # a redirect to the sign-in page
# The SCIM endpoint's URL names, with the kind of their arguments (tests/security/world.py KINDS).
SCIM_ENDPOINTS = {
    "scim_service_provider_config": "scim",
    "scim_resource_types": "scim",
    "scim_resource_type": "scim_resource_type",
    "scim_schemas": "scim",
    "scim_schema": "scim_schema",
    "scim_users": "scim",
    "scim_users_search": "scim",
    "scim_user": "scim_user",
    "scim_groups": "scim",
    "scim_groups_search": "scim",
    "scim_group": "scim_group",
    "scim_search": "scim",
    "scim_bulk": "scim",
    "scim_unknown": "scim_unknown",
}


@dataclass(frozen=True)
class Row:
    name: str
    kind: str | None = None  # how to fill the URL's arguments: tests/security/world.py KINDS
    get: frozenset = ALL  # the roles that may open it
    ok: int = 200  # what they get
    denied: int = 403  # what other signed-in people get
    anonymous: int | str = SIGN_IN
    operator: int | str | None = None  # an operator without organisation; None: 403 on member pages
    post: frozenset | None = None  # the roles whose POST may change something; None: a POST changes nothing
    post_anonymous: bool = False  # a public form: anyone may post it
    post_denied: tuple = (403, 404)  # what a refused POST may answer (always without any write)
    writes_on_get: bool = False  # opening it writes (marks read, logs a view, counts a click)
    cross_org: bool = True  # the path holds an object of the organisation (not a token or public code)
    foreign: int = 404  # what another organisation's object in the path gives
    operator_posts: bool = False  # an operator (no organisation) may post it too
    query: str = ""  # appended to the address: which state of the page

    def __post_init__(self):
        if self.operator is None:
            object.__setattr__(self, "operator", 403 if self.anonymous == SIGN_IN else self.anonymous)

    @property
    def id(self):
        return "-".join(part for part in (self.name, self.kind, self.query) if part)

    def get_status(self, roles, anonymous=False, operator=False):
        """The status a GET must give a persona with these roles."""
        if anonymous:
            return self.anonymous
        if operator:
            return self.operator
        return self.ok if roles & self.get else self.denied

    def may_post(self, roles, anonymous=False, operator=False):
        if self.post_anonymous or operator and self.operator_posts:
            return True
        if anonymous or operator or self.post is None:
            return False
        return bool(roles & self.post)


def page(name, kind=None, get=ALL, **options):
    """A page; with post=, a form page whose POST changes something for those roles."""
    return Row(name, kind, get, **options)


def form(name, kind=None, get=ALL, post=None, **options):
    """A form page that the same roles may post (unless post= says otherwise)."""
    return Row(name, kind, get, post=get if post is None else post, **options)


def action(name, kind=None, post=ALL, **options):
    """A POST-only step (@require_POST): a GET answers 405 to everyone."""
    return Row(name, kind, ALL, ok=405, denied=405, anonymous=405, operator=405, post=post, **options)


def public(name, kind=None, status=200, signed_in=None, **options):
    """Open without signing in (sign-in, password reset, invitation, feeds and short links)."""
    signed_in = status if signed_in is None else signed_in
    return Row(name, kind, ALL, ok=signed_in, denied=signed_in, anonymous=status, operator=signed_in, **options)


TABLE = [
    # Signing in and public pages
    public("login", signed_in=302, post=ALL, post_anonymous=True),
    action("logout", post=ALL, post_anonymous=True),
    # Operators set up their second step here too; the first visit makes the authenticator device.
    page("two_factor", operator=200, post=ALL, operator_posts=True, writes_on_get=True),
    public("sso_lookup", status=302),
    public("sso_start", "organisation_slug", status=302, cross_org=False),
    public("sso_callback", status=302),
    public("password_reset", post=ALL, post_anonymous=True),
    public("password_reset_done"),
    public("password_reset_confirm", "password_reset", cross_org=False),
    public("password_reset_complete"),
    public("accept_invitation", "invitation", post=ALL, post_anonymous=True, cross_org=False),
    public("tracked_link", "tracked_link", status=302, writes_on_get=True, cross_org=False),
    public("ical", "ical", cross_org=False),
    # The SCIM endpoint answers only a provisioning key (tests/web/test_scim_api.py): to a session, signed in or
    # not, it is 401, and a POST changes nothing.
    *[public(name, kind, status=401, cross_org=False) for name, kind in SCIM_ENDPOINTS.items()],
    public("set_language", status=302, post=ALL, post_anonymous=True),
    # The organisation
    page("home", operator=302),
    page("policy"),
    page("people", get=ADMIN),
    # The people pickers' suggestions (JSON), per purpose: the roles of the forms that choose those people.
    *[
        page("people_search", get=roles, query=f"doel={purpose}&q=zzmarker")
        for purpose, roles in [
            ("eigenaar", COMMS),
            ("accountgebruiker", COMMS),
            ("verantwoordelijke", PLAN),
            ("trekker-communicatie", COMMS | {"ambassador"}),
            ("trekker-ambassadeur", COMMS | {"ambassador"}),
            ("medewerker", frozenset({"manager", "communications"})),
            ("leidinggevende", WEBCARE),
            ("teamleider", ADMIN),
            ("teamlid", ADMIN),
            ("afgebeelde", COMMS),
            ("toestemming-gehoord", COMMS),
        ]
    ],
    # A purpose that does not exist is not found, whoever asks.
    page("people_search", query="doel=iedereen&q=zzmarker", ok=404, denied=404),
    form("invite", get=ADMIN),
    action("invitation_resend", "open_invitation", post=ADMIN),
    action("invitation_revoke", "open_invitation", post=ADMIN),
    form("person_roles", "person", get=ADMIN),
    # Closing: a confirmation page (GET only), then the POST; reopening likewise, for a closed account.
    page("person_close", "person", get=ADMIN),
    action("person_close_confirm", "person", post=ADMIN),
    page("person_reopen", "closed_person", get=ADMIN),
    action("person_reopen_confirm", "closed_person", post=ADMIN),
    page("audit_log", get=ADMIN),
    page("teams", get=TEAMS),
    form("team_new", get=ADMIN),
    form("team_edit", "team", get=ADMIN),
    form("location_new", get=ADMIN),
    form("location_edit", "location", get=ADMIN),
    form("settings", get=ADMIN),
    form("retention", get=ADMIN),
    # Provisioning (SCIM): the administrator's page (a key is made with its form), revoking a key, a group's role.
    form("provisioning", get=ADMIN),
    action("provisioning_token_revoke", "scim_token", post=ADMIN),
    form("provisioning_group", "provisioned_team", get=ADMIN),
    page("scheduled_jobs", get=ADMIN),
    page("notifications", writes_on_get=True),
    form("preferences"),
    # Notifications on a phone (deelwijs/push): each person's own devices and choices.
    form("push_settings"),
    action("push_subscribe"),
    action("push_test"),
    # Someone else's device (or one that is gone) is not found.
    action("push_device_remove", "own_push_device"),
    # What a browser fetches by itself to install the app and to work offline: the same for everyone.
    public("service_worker"),
    public("web_manifest"),
    public("offline"),
    # Corporate accounts, page requests, the directory
    page("account_list"),
    form("account_new", get=COMMS),
    form("account_edit", "account", get=COMMS),
    page("access_matrix", get=STAFF),
    page("page_requests"),
    form("page_request_new"),
    page("page_request_detail", "own_request"),
    action("page_request_step", "request_step", post=COMMS),
    page("directory", get=STAFF),
    form("my_handles"),
    # Someone else's handle (or one that is gone) is not found.
    action("handle_visibility", "own_handle"),
    # Removing a handle that is not yours (or is gone) does nothing and returns to your handles.
    action("handle_delete", "own_handle", foreign=302),
    page("follow_team", get=STAFF),
    # Content and sharing
    page("item_list", get=COMMS),
    form("item_new", get=COMMS),
    form("item_edit", "item", get=COMMS),
    # Photos are sent after their object's access check; whoever may not see the object (anonymous visitors
    # and operators too) gets 404, so an address tells nobody that a file exists.
    page("item_image", "item_image", anonymous=404),
    # The public copy of a published item's photo: open to anyone who knows its random name.
    public("public_image", "public_copy", cross_org=False),
    # The photo check of a photo: for whoever sees an item, post or story with it (404 for anyone else, as for
    # the photo itself); the photo page, to blur or keep it, for communications (and a story's author before
    # sending, tests/web/test_photocheck.py).
    page("photo_check", "image", denied=404, anonymous=404),
    page("photo_check_image", "image_file", denied=404, anonymous=404),
    form("photo_edit", "image", get=COMMS),
    action("photo_accept", "image", post=COMMS),
    action("photo_recheck", "image", post=COMMS),
    action("photo_restore", "image", post=COMMS),
    action("import_news", post=COMMS),
    # Teams and Slack channels: communications and administrators; a test message goes to the world's port 9.
    page("chat_channels", get=COMMS),
    form("chat_channel_new", get=COMMS),
    page("chat_channel", "chat_channel", get=COMMS),
    form("chat_channel_edit", "chat_channel", get=COMMS),
    action("chat_channel_test", "chat_channel", post=COMMS),
    action("chat_channel_delete", "chat_channel", post=COMMS),
    page("campaign_list", get=COMMS),
    form("campaign_new", get=COMMS),
    form("campaign_edit", "campaign", get=COMMS),
    page("feed"),
    form("share", "item"),
    form("share", "item", query="netwerk=linkedin"),
    action("check_api"),
    page("share_go", "own_share"),
    # Stories
    page("my_stories"),
    form("story_new"),
    page("story_queue", get=COMMS),
    page("story_review", "story", get=COMMS),
    # The colleague's story: its author and communications see its photos.
    page("story_photo", "story_photo", get=COMMS, denied=404, anonymous=404),
    # A story with photos waits for its author to send it: only its author finds it, and only until it is sent.
    form("story_send", "own_draft", foreign=404),
    action("story_decide", "story_action", post=COMMS),
    # Webcare
    form("report_signal"),
    page("my_signals"),
    page("inbox", get=WEBCARE),
    # Whoever may open the signal (webcare, or whom it was escalated to) sees its screenshot.
    page("inbox_screenshot", "signal", get=WEBCARE, denied=404, anonymous=404),
    # Only webcare and whom an item was escalated to see an item: others do not learn that it exists.
    form("inbox_item", "mention", get=WEBCARE, denied=404),
    action("check_answer", "mention", post=WEBCARE),
    action("escalate", "mention", post=WEBCARE),
    page("webcare_overview", get=WEBCARE),
    form("sources", get=WEBCARE, post=COMMS),
    form("source_new", get=COMMS),
    form("source_edit", "source", get=COMMS),
    action("source_poll", "source", post=COMMS),
    page("response_templates", get=WEBCARE),
    form("response_template_new", get=WEBCARE),
    form("response_template_edit", "response_template", get=WEBCARE),
    page("register"),
    form("conversation_new", get=frozenset({"manager", "communications"})),
    # Administrators read every entry, the colleague's team managers read it; only its writer and
    # administrators change it. Opening it is logged.
    form("conversation", "conversation", get=frozenset({"administrator", "manager"}), post=ADMIN, writes_on_get=True),
    # Insight
    page("dashboard", get=TEAMS),
    page("dashboard_csv", get=TEAMS),
    page("my_figures"),
    page("leaderboard"),
    form("reports", get=COMMS),
    page("report_download", "report_pdf", get=COMMS),
    form("report_settings", get=COMMS),
    page("report_logo", get=COMMS),
    # Planning
    page("calendar", get=PLAN),
    form("post_new", get=PLANS_TEAM),
    # Employees and webcare see a planned post of their team read-only; a POST changes nothing for them.
    form("post_edit", "post", get=PLAN, post=PLANS_TEAM, post_denied=(200, 403)),
    action("post_move", "post", post=PLANS_TEAM),
    action("post_duplicate", "post", post=PLANS_TEAM),
    page("post_image", "post_image", get=PLAN, denied=404, anonymous=404),
    page("event_list", get=COMMS),
    form("event_new", get=COMMS),
    form("event_edit", "event", get=COMMS),
    page("hook_days", get=PLAN),
    form("own_hook_day_new", get=COMMS),
    form("own_hook_day_edit", "own_day", get=COMMS),
    page("recurring_list", get=PLANS_TEAM),
    form("recurring_new", get=PLANS_TEAM),
    form("recurring_edit", "recurring", get=PLANS_TEAM),
    # Everyone in the team keeps the team's plan; the first visit makes it.
    form("team_plan", "team", get=PLAN, writes_on_get=True),
    page("pilot_list", get=PLAN),
    form("pilot_new", get=COMMS),
    # Communications, and the ambassador who leads the pilot.
    form("pilot_evaluation", "pilot", get=COMMS | {"ambassador"}),
    form("pilot_edit", "pilot", get=COMMS | {"ambassador"}),
    page("meeting_list", get=COMMS | {"ambassador"}),
    form("meeting_new", get=COMMS),
    # Ambassadors read a meeting; a POST shows them the same page and changes nothing.
    form("meeting_edit", "meeting", get=COMMS | {"ambassador"}, post=COMMS, post_denied=(200, 403)),
    form("calendar_feeds", get=PLAN),
    # Learning
    page("modules"),
    page("team_plans"),
    page("module", "module", ok=302),
    form("step", "step"),
    page("certificate", "module"),
    page("learning_progress", get=TEAMS),
    page("learning_progress_csv", get=TEAMS),
    page("manage_modules", get=COMMS),
    form("module_new", get=COMMS),
    form("module_edit", "module", get=COMMS),
    form("step_new", "module", get=COMMS),
    form("step_edit", "step", get=COMMS),
    # Privacy: a person's own data and exports; administrators export and erase someone else's.
    page("my_data"),
    action("export_mine"),
    # An export is downloaded only by its person or the administrator who asked for it; for anyone else
    # it does not exist. Each download is written in the audit log.
    page("export_download", "own_export", writes_on_get=True),
    page("export_download", "asked_export", get=ADMIN, denied=404, writes_on_get=True),
    page("person_privacy", "person", get=ADMIN),
    action("person_export", "person", post=ADMIN),
    form("person_erase", "person", get=ADMIN),
    page("erasures", get=ADMIN),
    page("processing_register", get=ADMIN),
    # The photo consent register (communications)
    page("consent_list", get=COMMS),
    form("consent_new", get=COMMS),
    page("consent_detail", "consent", get=COMMS),
    form("consent_edit", "consent", get=COMMS),
    form("consent_withdraw", "consent", get=COMMS),
    page("consent_form_file", "consent", get=COMMS, denied=404, anonymous=404),
    page("consent_ending", "consent_ending", get=COMMS),
    page("consent_photos", get=COMMS),
    form("consent_photo", "image", get=COMMS),
    page("consent_photo_file", "image_file", get=COMMS, denied=404, anonymous=404),
    page("erasure_report", "erasure", get=ADMIN),
    # The toolkit. Its pages and format name every role here; a file goes only to whoever may see it (404).
    page("toolkit"),
    page("toolkit_page", "toolkit_page"),
    page("toolkit_page", "toolkit_guide"),
    page("toolkit_attachment", "toolkit_attachment", denied=404, anonymous=404),
    page("toolkit_tone"),
    page("toolkit_library", get=STAFF),
    page("toolkit_library_image", "library_image", get=STAFF, denied=404, anonymous=404),
    page("toolkit_library_image", "library_download", get=STAFF, denied=404, anonymous=404),
    page("toolkit_profile", get=PROFILE_KIT),
    action("toolkit_checklist", post=PROFILE_KIT),
    page("toolkit_banner", "banner_image", get=PROFILE_KIT, denied=404, anonymous=404),
    page("toolkit_formats"),
    page("toolkit_format", "post_format"),
    # A format in the share editor: checking it and going on to the network record nothing.
    page("toolkit_format", "post_format", query="netwerk=linkedin"),
    page("toolkit_manage", get=COMMS),
    action("toolkit_install", post=COMMS),
    form("toolkit_page_new", get=COMMS),
    form("toolkit_page_edit", "toolkit_page", get=COMMS),
    action("toolkit_page_checked", "toolkit_guide", post=COMMS),
    action("toolkit_attachment_delete", "toolkit_attachment", post=COMMS),
    form("toolkit_library_new", get=COMMS),
    form("toolkit_library_edit", "library_entry", get=COMMS),
    form("toolkit_banner_new", get=COMMS),
    form("toolkit_banner_edit", "banner", get=COMMS),
    form("toolkit_format_new", get=COMMS),
    form("toolkit_format_edit", "post_format", get=COMMS),
    action("toolkit_move", "toolkit_move", post=COMMS),
    # Deleting what is gone, or another organisation's, does nothing and returns to the list.
    action("toolkit_delete", "toolkit_delete", post=COMMS, foreign=302),
    # Together (community)
    page("community"),
    page("community_talk", get=SHARERS),
    page("questions"),
    form("question_new"),
    # Your own question: you read it and add to it.
    form("question", "own_question"),
    # A colleague's question: staff read it (volunteers and clients do not learn it exists); communications and
    # experienced ambassadors answer it. A client's question only communications reads.
    form("question", "question", get=STAFF, denied=404, post=COMMUNICATIONS | {"ambassador"}),
    form("question", "client_question", get=COMMUNICATIONS, denied=404),
    form("answer_promote", "community_answer", get=COMMS),
    form("promoted_answer_edit", "promoted_answer", get=COMMS),
    # Taking out what is gone, or another organisation's, does nothing and returns to the toolkit.
    action("promoted_answer_delete", "promoted_answer", post=COMMS, foreign=302),
    form("buddies", get=COMMS),
    action("buddy_end", "buddy_pairing", post=COMMS),
    # Clients are never on the public page: not even the page to choose it (a client who also volunteers reads
    # that it is not for them, and a POST changes nothing).
    form("online", get=SHARERS),
    action("online_withdraw", post=SHARERS),
    form("people_page_manage", get=COMMS),
    # The public page of our people online, by the organisation's slug: for anyone, never cached.
    public("people_online", "organisation_slug", cross_org=False),
    public("people_online_embed", "organisation_slug", cross_org=False),
    public("people_online_json", "organisation_slug", cross_org=False),
    public("people_online_snippet", "organisation_slug", cross_org=False),
    public("people_online_export", "people_export", cross_org=False),
    # Ambassadors (already in) read that they are; communications decides.
    form("join", get=STAFF),
    page("join_requests", get=COMMS),
    form("join_request", "join_request", get=COMMS),
    page("help_requests"),
    form("help_new"),
    form("help_request", "own_help_request"),
    # The colleague asked the team's managers: only they read it, not administrators nor communications.
    form("help_request", "colleague_help_request", get=frozenset({"manager"}), denied=404),
]

# URL names outside the matrix, each with the reason. Keep this short: a new view belongs in TABLE.
EXEMPT = {}

# The operators' admin site: one rule for every admin:* name. Only superusers who did their second step get in;
# everyone else is sent to its sign-in page. That page is the normal sign-in for anonymous visitors and refuses
# anyone signed in who is no operator (sending them to sign in again would send them back); its logout sends
# them to the admin's front door.
ADMIN_NAMESPACE = "admin"
ADMIN_SIGN_IN = "admin-sign-in"
ADMIN_EXCEPTIONS = {"admin:login": (SIGN_IN, 403), "admin:logout": (302, 302)}


def admin_status(name, anonymous=False):
    """What a GET of an admin page gives someone who is not an operator."""
    if name in ADMIN_EXCEPTIONS:
        return ADMIN_EXCEPTIONS[name][0 if anonymous else 1]
    return ADMIN_SIGN_IN


def status_matches(response, expected):
    """Whether a response is what a row expects: a status, one of several, or a redirect to a sign-in page."""
    if expected == SIGN_IN:
        return response.status_code == 302 and response.url.startswith(reverse("login"))
    if expected == ADMIN_SIGN_IN:
        return response.status_code == 302 and response.url.startswith(reverse("admin:login"))
    if isinstance(expected, tuple):
        return response.status_code in expected
    return response.status_code == expected
