"""The processing register (verwerkingsregister, AVG art. 30) as the app itself knows it.

Each Part names the models that hold its personal data; the page fills in what only the running app
knows: how many records this organisation holds now, the retention periods in force (the organisation's
own settings), and where data goes (the mail server, the organisation's identity provider). A model of
ours that is in no part must be in NO_PERSONAL_DATA with the reason (tests/web/test_privacy_register.py),
so a new model is considered when it is added.
"""

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.apps import apps
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, ngettext_lazy


def _months(n):
    return ngettext("%(n)s month", "%(n)s months", n) % {"n": n}


def _days(n):
    return ngettext("%(n)s day", "%(n)s days", n) % {"n": n}


@dataclass(frozen=True)
class Part:
    key: str
    title: str
    models: tuple[str, ...]
    categories: str
    purpose: str
    basis: str
    retention: object  # organisation -> text
    recipients: tuple[str, ...] = ()  # keys of RECIPIENTS
    special: bool = False  # may hold special-category data (health: that someone receives care)
    notes: str = ""
    counted: tuple = field(default=(), compare=False)  # (model, ngettext_lazy with "n") for "held now"


UNTIL_ERASED = gettext_lazy("As long as the account exists; removed or made anonymous when the person is erased.")

PARTS = (
    Part(
        "people",
        gettext_lazy("People, roles and sign-in"),
        (
            "orgs.User",
            "orgs.RoleAssignment",
            "orgs.Team",
            "orgs.Invitation",
            "provisioning.ProvisionedPerson",
            "provisioning.ProvisionedTeam",
        ),
        gettext_lazy(
            "Name, work e-mail address, roles, teams, password (only as a hash), the authenticator app's "
            "secret, sessions and failed sign-ins (the address they came from); with provisioning, what the "
            "identity provider sent: its ids, names, addresses and groups."
        ),
        gettext_lazy("Giving the right people access to the right pages, and keeping others out."),
        gettext_lazy(
            "Legitimate interest of the organisation (running its communication), "
            "for staff also the employment contract."
        ),
        lambda org: (
            _(
                "As long as the account exists. A closed account can still be reopened; erasure removes it. "
                "Sessions end after %(idle)s of inactivity and at most %(hours)s; "
                "open invitations until accepted or withdrawn."
            )
            % {
                "idle": ngettext("%(n)s minute", "%(n)s minutes", org.session_idle_minutes)
                % {"n": org.session_idle_minutes},
                "hours": ngettext("%(n)s hour", "%(n)s hours", settings.SESSION_MAX_HOURS)
                % {"n": settings.SESSION_MAX_HOURS},
            }
        ),
        ("smtp", "sso", "scim"),
        counted=(
            ("orgs.User", ngettext_lazy("%(n)s person", "%(n)s people", "n")),
            ("orgs.Invitation", ngettext_lazy("%(n)s invitation", "%(n)s invitations", "n")),
        ),
    ),
    Part(
        "handles",
        gettext_lazy("Handles and corporate accounts"),
        ("accounts.Handle", "accounts.CorporateAccount", "accounts.LocationPageRequest"),
        gettext_lazy(
            "A person's own accounts on social networks (as they entered them, with who may see them), "
            "owners of corporate accounts."
        ),
        gettext_lazy("Colleagues finding and following each other; knowing who looks after which account."),
        gettext_lazy("Legitimate interest; a person's own handles by their own choice."),
        lambda org: UNTIL_ERASED,
        counted=(("accounts.Handle", ngettext_lazy("%(n)s handle", "%(n)s handles", "n")),),
    ),
    Part(
        "sharing",
        gettext_lazy("Sharing and tracked links"),
        ("content.ContentItem", "content.SuggestedText", "sharing.Share", "sharing.TrackedLink", "sharing.Click"),
        gettext_lazy(
            "Who shared which item on which network, with the text they posted; clicks on a personal link "
            "(no IP address: a code that changes every day and cannot be traced back)."
        ),
        gettext_lazy("Showing colleagues and communications what sharing achieves."),
        gettext_lazy("Legitimate interest; sharing is voluntary."),
        lambda org: (
            _(
                "Shares as long as the account exists (erasure empties the text and removes the name). Single clicks "
                "%(clicks)s after they are counted in the figures; the daily code is forgotten after the day."
            )
            % {"clicks": _months(org.keep_clicks_months)}
        ),
        notes=gettext_lazy(
            "Posting itself happens in the person's own browser on the network; Deelwijs sends nothing to the networks."
        ),
        counted=(
            ("sharing.Share", ngettext_lazy("%(n)s share", "%(n)s shares", "n")),
            ("sharing.Click", ngettext_lazy("%(n)s single click", "%(n)s single clicks", "n")),
        ),
    ),
    Part(
        "stories",
        gettext_lazy("Stories and photos"),
        ("stories.Story", "stories.StoryPhoto", "content.Image"),
        gettext_lazy(
            "Stories sent in by colleagues, clients and volunteers, with photos (without location data) "
            "and the feedback of communications; photos may show clients."
        ),
        gettext_lazy("Telling the organisation's stories, with consent of everyone in them."),
        gettext_lazy("Consent of the people in the story and the photo."),
        lambda org: (
            _(
                "As long as the account of the writer exists. Photos of stories that are not used, and screenshots "
                "of handled webcare items: %(days)s."
            )
            % {"days": _days(org.keep_photos_days)}
        ),
        special=True,
        counted=(
            ("stories.Story", ngettext_lazy("%(n)s story", "%(n)s stories", "n")),
            ("content.Image", ngettext_lazy("%(n)s photo", "%(n)s photos", "n")),
        ),
    ),
    Part(
        "consent",
        gettext_lazy("Photo consent"),
        ("consent.ConsentRecord", "consent.ImageConsent", "consent.ConsentEnding"),
        gettext_lazy(
            "Who is in a photo (a client, relative, employee, volunteer or visitor), their representative, for which "
            "channels and how long they agreed, the signed form, a withdrawal; which photos they are in."
        ),
        gettext_lazy("Publishing a photo only with the consent of everyone recognisable in it, and proving it."),
        gettext_lazy("Consent of the person in the photo (or their representative)."),
        lambda org: (
            _("While the consent is valid, then %(years)s after it was withdrawn or ended, as proof.")
            % {"years": ngettext("%(n)s year", "%(n)s years", org.keep_consent_years) % {"n": org.keep_consent_years}}
        ),
        special=True,
        counted=(("consent.ConsentRecord", ngettext_lazy("%(n)s consent", "%(n)s consents", "n")),),
    ),
    Part(
        "photo_check",
        gettext_lazy("Photo check"),
        ("content.PhotoCheck",),
        gettext_lazy(
            "What the photo check found in a photo of an item, a story or a planned post: where faces are, text read "
            "in the photo (which may name a client, a room number or a phone number), codes; the photo as it was "
            "before it was blurred."
        ),
        gettext_lazy(
            "Finding what a photo shows before it is shared, so that nobody is recognisable by a face, a name on a "
            "board, a screen or a wristband, and blurring it."
        ),
        gettext_lazy("Legitimate interest of the organisation: keeping professional secrecy and preventing a breach."),
        lambda org: (
            _("As long as the photo. The photo as it was before a blur: %(days)s after the blur.")
            % {"days": _days(org.keep_originals_days)}
        ),
        special=True,
        notes=gettext_lazy(
            "The check runs on the organisation's own server (Tesseract, OpenCV and zxing-cpp, installed with "
            "Deelwijs): no photo is sent anywhere."
        ),
        counted=(("content.PhotoCheck", ngettext_lazy("%(n)s checked photo", "%(n)s checked photos", "n")),),
    ),
    Part(
        "planning",
        gettext_lazy("Planning"),
        (
            "planning.PlannedPost",
            "planning.Event",
            "planning.Meeting",
            "planning.TeamPlan",
            "planning.Pilot",
            "planning.PilotLesson",
            "planning.CalendarFeed",
        ),
        gettext_lazy("Who is responsible for a post, meeting notes, who leads a pilot, personal calendar links."),
        gettext_lazy("Planning the organisation's communication together."),
        gettext_lazy("Legitimate interest."),
        lambda org: _("As long as the plan is kept; calendar links until revoked or the account is closed."),
        counted=(
            ("planning.PlannedPost", ngettext_lazy("%(n)s planned post", "%(n)s planned posts", "n")),
            ("planning.Meeting", ngettext_lazy("%(n)s meeting", "%(n)s meetings", "n")),
        ),
    ),
    Part(
        "training",
        gettext_lazy("Training"),
        ("learning.Answer",),
        gettext_lazy("Answers to the training's questions and the certificates earned."),
        gettext_lazy("Learning to post safely; showing a manager how far their team is."),
        gettext_lazy("Legitimate interest."),
        lambda org: UNTIL_ERASED,
        counted=(("learning.Answer", ngettext_lazy("%(n)s answer", "%(n)s answers", "n")),),
    ),
    Part(
        "notifications",
        gettext_lazy("Notifications and the audit log"),
        ("orgs.Notification", "orgs.AuditEntry"),
        gettext_lazy("Messages to a person in the app (also sent by e-mail); who changed what and when."),
        gettext_lazy("Telling people what needs them; accounting for changes to roles, settings and decisions."),
        gettext_lazy("Legitimate interest; the audit log also the duty to account for the processing."),
        lambda org: _(
            "Notifications as long as the account exists. The audit log is kept for accountability; erasing a "
            "person replaces their name in it with a pseudonym."
        ),
        ("smtp",),
        counted=(
            ("orgs.Notification", ngettext_lazy("%(n)s notification", "%(n)s notifications", "n")),
            ("orgs.AuditEntry", ngettext_lazy("%(n)s audit entry", "%(n)s audit entries", "n")),
        ),
    ),
    Part(
        "push",
        gettext_lazy("Notifications on a phone (Web Push)"),
        ("push.PushSubscription", "push.PushPreferences", "push.PushMessage", "push.PushDay"),
        gettext_lazy(
            "Per device a person switched notifications on for: the address its push service gave and the keys to "
            "encrypt for it, a label such as 'Chrome on Android', when it was added and last used, and the hash of a "
            "cookie on that browser. What someone wants to receive, their quiet hours and daily limit; notifications "
            "waiting for the quiet hours to end (what kind of thing, never client data); today's count."
        ),
        gettext_lazy("Telling people on their phone when something needs them, as often as they chose."),
        gettext_lazy("Consent: the person switches it on per device and off again at any time."),
        lambda org: _(
            "A device until the person removes it, signs out on it, its push service says it is gone, or the account "
            "is closed. A waiting notification until it is sent (at most a day); the count for two days."
        ),
        ("push",),
        counted=(
            (
                "push.PushSubscription",
                ngettext_lazy("%(n)s device for notifications", "%(n)s devices for notifications", "n"),
            ),
        ),
    ),
    Part(
        "webcare",
        gettext_lazy("Webcare: mentions and reports"),
        ("webcare.InboxItem", "webcare.InboxEvent", "webcare.Source"),
        gettext_lazy(
            "Public posts by other people that mention the organisation (writer, text, link, screenshot) and "
            "reports by colleagues; the notes of webcare."
        ),
        gettext_lazy("Answering questions and complaints on social media in time."),
        gettext_lazy("Legitimate interest (the posts are public)."),
        lambda org: (
            _("The content of mentions and reports: %(mentions)s after the last action. Handled items: %(inbox)s.")
            % {"mentions": _months(org.keep_mentions_months), "inbox": _months(org.keep_inbox_months)}
        ),
        ("sources", "chat"),
        special=True,
        counted=(("webcare.InboxItem", ngettext_lazy("%(n)s mention or report", "%(n)s mentions and reports", "n")),),
    ),
    Part(
        "register",
        gettext_lazy("Register of conversations"),
        ("webcare.Conversation", "webcare.ConversationView"),
        gettext_lazy(
            "Conversations with an employee about a post: the post, what was agreed, follow-up; who read the entry."
        ),
        gettext_lazy("Following up a post that broke the policy, carefully and on the record."),
        gettext_lazy("Legitimate interest of the employer (good employment practice)."),
        lambda org: (
            _("%(months)s after the outcome is written down; an entry without an outcome stays.")
            % {"months": _months(org.keep_register_months)}
        ),
        counted=(("webcare.Conversation", ngettext_lazy("%(n)s register entry", "%(n)s register entries", "n")),),
    ),
    Part(
        "insight",
        gettext_lazy("Figures and reports"),
        ("insight.PeriodSharer", "insight.Report"),
        gettext_lazy("Who shared in a period (for counting sharers); reports with figures per team."),
        gettext_lazy("Showing management what the ambassador programme achieves."),
        gettext_lazy("Legitimate interest."),
        lambda org: _("As long as the figures are kept; reports hold no names."),
        counted=(("insight.Report", ngettext_lazy("%(n)s report", "%(n)s reports", "n")),),
    ),
    Part(
        "toolkit",
        gettext_lazy("Toolkit: image library and profile checklist"),
        ("toolkit.LibraryImage", "toolkit.ProfileChecklist", "content.KeptUpload"),
        gettext_lazy(
            "Photos and images staff may use, with their licence and source (they may show recognisable people); "
            "what a person ticked on the checklist of their own profile, and whether the directory shows it; a "
            "file someone chose in a form that had an error, until they send the form again."
        ),
        gettext_lazy("Giving staff photos they may use; helping people keep their own profile in order."),
        gettext_lazy(
            "Legitimate interest; recognisable people only with their consent; the checklist by the person's own "
            "choice."
        ),
        lambda org: _(
            "Library images until communications removes them; from the end of their licence they are no longer "
            "offered. The checklist as long as the account exists. A kept file until the form is sent, at most "
            "until the next night."
        ),
        counted=(
            ("toolkit.LibraryImage", ngettext_lazy("%(n)s library image", "%(n)s library images", "n")),
            ("toolkit.ProfileChecklist", ngettext_lazy("%(n)s profile checklist", "%(n)s profile checklists", "n")),
        ),
    ),
    Part(
        "community",
        gettext_lazy("Together: questions, buddies, our people online, joining the team"),
        (
            "community.Question",
            "community.Answer",
            "community.BuddyPairing",
            "community.OnlineListing",
            "community.JoinRequest",
        ),
        gettext_lazy(
            "Questions colleagues ask each other and the answers, with who wrote them; who is whose buddy; the choice "
            "to appear on the public page of our people online, with the handles and job title chosen; requests to "
            "join the ambassador team, with the motivation and the decision."
        ),
        gettext_lazy(
            "Helping colleagues share well; making staff accounts findable for who wants that; running the "
            "ambassador team."
        ),
        gettext_lazy("Legitimate interest; the public page only with the person's own consent, withdrawn at any time."),
        lambda org: _(
            "As long as the account exists. The public page shows someone until they withdraw or their account is "
            "closed, from the next visit on (nothing is cached)."
        ),
        ("public",),
        counted=(
            ("community.Question", ngettext_lazy("%(n)s question", "%(n)s questions", "n")),
            (
                "community.OnlineListing",
                ngettext_lazy("%(n)s person on the public page", "%(n)s people on the public page", "n"),
            ),
        ),
    ),
    Part(
        "help",
        gettext_lazy("Help when something goes wrong online"),
        ("community.HelpRequest", "community.HelpMessage"),
        gettext_lazy(
            "What happened to someone online (harassment, messages from a client, a post about them), a link, whom "
            "they asked, the messages between them, the status and the outcome. Only the person and the people they "
            "asked can read it; the audit log holds only that a request was made or changed."
        ),
        gettext_lazy("Supporting a colleague who is harassed or pursued online, as a good employer."),
        gettext_lazy("Legitimate interest of the employer (care for staff); the person asks for it themselves."),
        lambda org: (
            _("%(months)s after it is closed; an open request stays.") % {"months": _months(org.keep_help_months)}
        ),
        special=True,
        counted=(("community.HelpRequest", ngettext_lazy("%(n)s help request", "%(n)s help requests", "n")),),
    ),
    Part(
        "privacy",
        gettext_lazy("Exports and erasures"),
        ("privacy.DataExport", "privacy.ErasureRecord"),
        gettext_lazy(
            "Who asked for an export of whose data and when; the report of an erasure (a pseudonym and counts)."
        ),
        gettext_lazy("Answering requests for access, portability and erasure, and accounting for them."),
        gettext_lazy("Legal obligation (AVG art. 15, 17, 20)."),
        lambda org: (
            _("An export's file %(days)s; the record of it and the erasure reports are kept.")
            % {"days": _days(settings.EXPORT_VALID_DAYS)}
        ),
        counted=(
            ("privacy.DataExport", ngettext_lazy("%(n)s export", "%(n)s exports", "n")),
            ("privacy.ErasureRecord", ngettext_lazy("%(n)s erasure", "%(n)s erasures", "n")),
        ),
    ),
)

# Our models that hold no personal data, and why.
NO_PERSONAL_DATA = {
    "orgs.Organisation": gettext_lazy("the organisation's own settings and public contact details"),
    "orgs.Location": gettext_lazy("the organisation's locations"),
    "orgs.RetentionRun": gettext_lazy("counts of what the retention job removed"),
    "content.Campaign": gettext_lazy("names of campaigns"),
    "content.Topic": gettext_lazy("names of topics"),
    "sharing.DailySalt": gettext_lazy("a random code per day, forgotten after the day"),
    "planning.RecurringActivity": gettext_lazy("recurring activities of the organisation"),
    "planning.OwnHookDay": gettext_lazy("the organisation's own days in the calendar"),
    "learning.Module": gettext_lazy("the training's text"),
    "learning.Step": gettext_lazy("the training's text"),
    "insight.DailyStat": gettext_lazy("counts per day, without people"),
    "insight.DailyTeamStat": gettext_lazy("counts per team, without people"),
    "insight.MonthlyTeamStat": gettext_lazy("counts per team, without people"),
    "insight.MonthlyItemStat": gettext_lazy("counts per item, without people"),
    "insight.MonthlyItemTeamStat": gettext_lazy("counts per item and team, without people"),
    "insight.RollUpState": gettext_lazy("where the roll-up of the figures has got to"),
    "insight.ReportSettings": gettext_lazy("the report's targets, logo and house colour"),
    "webcare.ResponseTemplate": gettext_lazy("the organisation's model answers"),
    "jobs.JobRun": gettext_lazy("when each scheduled job last ran"),
    "toolkit.Page": gettext_lazy("the toolkit's pages and guides, written by communications"),
    "toolkit.Attachment": gettext_lazy("files of the toolkit's pages, added by communications"),
    "toolkit.PostFormat": gettext_lazy("the toolkit's post formats"),
    "toolkit.Banner": gettext_lazy("banners in the house style"),
    "community.PromotedAnswer": gettext_lazy(
        "questions with their answers as communications rewrote them for the toolkit, without names"
    ),
    "community.PeoplePage": gettext_lazy("the organisation's settings of its public page of people online"),
    "chat.ChatChannel": gettext_lazy("the organisation's Teams and Slack channels and their webhook addresses"),
    "chat.Delivery": gettext_lazy("which message went to which channel, and when; the card itself is not kept"),
    "provisioning.ScimToken": gettext_lazy("the keys of the identity provider, as hashes, with who made them"),
    "push.Announcement": gettext_lazy("which feed items were announced by a push already, by their number"),
}


def recipients(organisation):
    """Where personal data leaves Deelwijs, by key; only what is set up in this installation."""
    found = {}
    if "smtp" in settings.EMAIL_BACKEND:
        found["smtp"] = _("The mail server %(host)s (invitations, notifications, password reset).") % {
            "host": settings.EMAIL_HOST
        }
    if organisation.has_sso:
        found["sso"] = _(
            "The organisation's identity provider %(issuer)s (single sign-on: it tells Deelwijs who signs in)."
        ) % {"issuer": organisation.oidc_issuer}
    if organisation.provisioning_keys.filter(revoked__isnull=True).exists():
        found["scim"] = _(
            "The organisation's identity provider, through provisioning (SCIM): it sends Deelwijs who joins, "
            "changes and leaves, and reads back what it sent, the teams of its groups and whether an account is open."
        )
    page = organisation.people_page if hasattr(organisation, "people_page") else None
    if page is not None and page.published:
        found["public"] = _(
            "Anyone on the internet: the public page of our people online shows the name, job title and chosen "
            "handles of colleagues who asked to be on it."
        )
    services = sorted({urlsplit(endpoint).hostname for endpoint in _endpoints()} - {None})
    if services:
        found["push"] = _(
            "The push services of the browsers people switched notifications on in: %(services)s. A notification "
            "is encrypted for the device (RFC 8291); the push service sees only its size and when it is sent."
        ) % {"services": ", ".join(services)}
    sources = sorted({source.url for source in organisation.sources.all() if source.url})
    if sources:
        found["sources"] = _("Nothing is sent; Deelwijs reads public posts from: %(sources)s.") % {
            "sources": ", ".join(sources)
        }
    if organisation.chat_channels.filter(active=True, sends_webcare=True).exists():
        found["chat"] = _(
            "Microsoft Teams or Slack, in the channels communications set up: for an urgent webcare item where it "
            "came from and a short excerpt, with what the berichtcheck reads as client details, handles and links "
            "left out."
        )
    return found


def _endpoints():
    return apps.get_model("push", "PushSubscription").objects.values_list("endpoint", flat=True)


def model_count(label):
    """How many records of a model this organisation holds (the scoped managers count only its own)."""
    model = apps.get_model(label)
    manager = model.members if label == "orgs.User" else model.objects
    return manager.count()


def register(organisation):
    """The parts with this organisation's figures filled in: counts, retention in force, recipients."""
    where = recipients(organisation)
    parts = []
    for part in PARTS:
        parts.append(
            {
                "part": part,
                "held": [text % {"n": model_count(label)} for label, text in part.counted],
                "retention": part.retention(organisation),
                "recipients": [where[key] for key in part.recipients if key in where],
            }
        )
    return parts
