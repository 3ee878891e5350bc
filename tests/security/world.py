"""Two organisations full of data, each text carrying its organisation's marker, and the people who use them.

The security matrices (tests/security/matrix/) build this once for the whole package; tests/web/test_access.py
uses the object builder with its own personas. Every organisation-owned model gets at least one row, so a page
that shows another organisation's data shows its marker, and the marker check finds it.
"""

import base64
import hashlib
import io
import os
import zipfile
from datetime import timedelta
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_otp.plugins.otp_totp.models import TOTPDevice
from PIL import Image as PILImage

from deelwijs.accounts.models import CorporateAccount, Handle, LocationPageRequest
from deelwijs.chat.models import ChatChannel, Delivery
from deelwijs.community.models import Answer as CommunityAnswer
from deelwijs.community.models import (
    BuddyPairing,
    HelpMessage,
    HelpRequest,
    JoinRequest,
    OnlineListing,
    PeoplePage,
    PromotedAnswer,
    Question,
)
from deelwijs.consent.models import STAFF_SOCIAL, ConsentEnding, ConsentRecord, ImageConsent
from deelwijs.content.images import process
from deelwijs.content.models import Campaign, ContentItem, Image, KeptUpload, PhotoCheck, SuggestedText, Topic
from deelwijs.insight.models import Report, ReportSettings
from deelwijs.insight.rollup import first_activity, roll_up
from deelwijs.learning.models import DILEMMA, LESSON, QUESTION, WORKSHEET, Answer, Module, Step
from deelwijs.orgs import domain
from deelwijs.orgs.models import (
    AuditEntry,
    Invitation,
    Location,
    Notification,
    Organisation,
    RetentionRun,
    Team,
    User,
)
from deelwijs.orgs.roles import (
    ADMINISTRATOR,
    AMBASSADOR,
    CLIENT,
    COMMUNICATIONS,
    EMPLOYEE,
    MANAGER,
    ROLES,
    VOLUNTEER,
    WEBCARE,
)
from deelwijs.orgs.tenancy import organisation_scope
from deelwijs.planning.models import (
    CalendarFeed,
    Event,
    Meeting,
    OwnHookDay,
    Pilot,
    PilotLesson,
    PlannedPost,
    RecurringActivity,
    TeamPlan,
)
from deelwijs.privacy.export import file_path
from deelwijs.privacy.models import DataExport, ErasureRecord
from deelwijs.provisioning.models import ProvisionedPerson, ProvisionedTeam, ScimToken
from deelwijs.push.models import Announcement, PushDay, PushMessage, PushPreferences, PushSubscription
from deelwijs.sharing.models import Click, Share, TrackedLink
from deelwijs.stories.models import Story, StoryPhoto
from deelwijs.toolkit.models import Attachment, Banner, LibraryImage, PostFormat, ProfileChecklist
from deelwijs.toolkit.models import Page as ToolkitPage
from deelwijs.webcare.models import (
    Conversation,
    ConversationView,
    InboxEvent,
    InboxItem,
    ResponseTemplate,
    Source,
)

OWN_MARKER = "ZZMARKER-OWN-ORG"
OTHER_MARKER = "ZZMARKER-OTHER-ORG"
PASSWORD = "matrix-password-123"

SINGLE_ROLES = [role for role, _label in ROLES]
# People hold several roles, as real people do; each may do exactly what their roles together allow.
MULTI_ROLES = {
    "employee+ambassador": (EMPLOYEE, AMBASSADOR),
    "manager+webcare": (MANAGER, WEBCARE),
    "communications+webcare": (COMMUNICATIONS, WEBCARE),
    "client+volunteer": (CLIENT, VOLUNTEER),
}
# The person of the other organisation holds every role: a 404 for them is tenancy, not a missing role.
EVERYTHING = "everything"


def roles_of(key):
    """The roles of a persona key: "employee", "manager+webcare", "everything"; none for anonymous."""
    if key is None:
        return frozenset()
    if key == EVERYTHING:
        return frozenset(SINGLE_ROLES)
    return frozenset(MULTI_ROLES.get(key, (key,)))


def tiny_png():
    buffer = io.BytesIO()
    PILImage.new("RGB", (8, 8), (200, 30, 30)).save(buffer, "PNG")
    return ContentFile(buffer.getvalue(), name="matrix.png")


def make_person(org, key, marker, roles):
    person = User.objects.create_user(
        f"{key.replace('+', '-')}@{org.slug}.test",
        PASSWORD,
        first_name=f"{marker}-{key}",
        last_name="Persona",
        organisation=org,
    )
    with organisation_scope(org):
        domain.set_roles(None, person, sorted(roles))
    return person


def build_organisation(marker, keys):
    """An organisation named after its marker, with a persona for each key. Returns (org, personas)."""
    slug = marker.lower()
    org = Organisation.objects.create(
        name=f"{marker} Zorg",
        slug=slug,
        require_two_factor=False,
        policy_text=f"Beleid van {marker}.",
        blog_disclaimer=f"Persoonlijke titel {marker}.",
        public_contacts=f"info@{slug}.example",
        monitor_terms=f"{marker}-term",
        handle_suffix=slug,
        # Nothing listens on port 9: importing or polling fails at once, without leaving this machine.
        news_feed_url=f"http://127.0.0.1:9/{slug}/nieuws.xml",
    )
    personas = {key: make_person(org, key, marker, roles_of(key)) for key in keys}
    return org, personas


class Objects(dict):
    """The objects of one organisation by kind; per-person kinds are dicts by persona key."""

    def mine(self, kind, key):
        """The object of a per-person kind that belongs to this persona, or the colleague's."""
        value = self[kind]
        if isinstance(value, dict):
            return value.get(key) or value[None]
        return value


def build_objects(org, personas, marker, module_number=1):
    """At least one row of every organisation-owned model, every text with the marker.

    personas: {key: User}. Objects whose access depends on who asks (your own page request, your own
    share, the pilot you lead) are made per persona, with the colleague's (key None) for everyone else.
    The module number differs per organisation, so /leren/<number>/ of the other one is a different URL.
    """
    with organisation_scope(org):
        return _build(org, personas, marker, module_number)


def _build(org, personas, marker, module_number):
    now = timezone.now()
    today = timezone.localdate()
    slug = org.slug
    location = Location.objects.create(organisation=org, name=f"Locatie {marker}", address=f"Straat 1 {marker}")
    team = Team.objects.create(organisation=org, name=f"Team {marker}", location=location)
    colleague = make_person(org, "colleague", marker, {EMPLOYEE})
    recorder = make_person(org, "recorder", marker, {MANAGER})
    comms = next(p for p in personas.values() if COMMUNICATIONS in p.roles)
    administrator = next(p for p in personas.values() if ADMINISTRATOR in p.roles)
    everyone = [*personas.values(), colleague, recorder]
    # Someone who left: their account is closed (in no team), so it may be reopened.
    leaver = make_person(org, "leaver", marker, {EMPLOYEE})
    leaver.is_active, leaver.closed_at = False, now - timedelta(days=2)
    leaver.save(update_fields=["is_active", "closed_at"])
    for person in everyone:
        person.teams.add(team)
    team.managers.add(*[p for p in everyone if MANAGER in p.roles and p != recorder])
    by_key = {None: colleague, **personas}

    image = Image.from_processed(org, process(tiny_png()), alt=f"Foto {marker}")
    account = CorporateAccount.objects.create(
        organisation=org,
        platform="linkedin",
        handle=f"{slug}-account",
        url=f"https://www.linkedin.com/company/{slug}",
        purpose=f"Doel {marker}",
        owner_department=f"Afdeling {marker}",
        location=location,
        allowed_roles=[AMBASSADOR],
    )
    account.owners.add(comms, colleague)
    account.allowed_people.add(colleague)
    handles = {
        key: Handle.objects.create(user=person, platform="linkedin", handle=f"{slug}-{key or 'colleague'}")
        for key, person in by_key.items()
    }
    # A handle only communications may see, so the directory's visibility rule has something to hide.
    Handle.objects.create(user=recorder, platform="x", handle=f"{slug}-recorder", visibility=Handle.COMMUNICATIONS)
    requests = {
        key: LocationPageRequest.objects.create(
            organisation=org,
            requested_by=person,
            platform="facebook",
            name=f"Pagina {marker} {key}",
            location=location,
            purpose=f"Doel {marker}",
            audience=f"Publiek {marker}",
            editors=f"Redactie {marker}",
            agreements=f"Afspraken {marker}",
        )
        for key, person in by_key.items()
    }

    campaign = Campaign.objects.create(organisation=org, name=f"Campagne {marker}", slug=f"campagne-{slug}")
    topic = Topic.objects.create(organisation=org, name=f"Onderwerp {marker}")
    item = ContentItem.objects.create(
        organisation=org,
        title=f"Bericht {marker}",
        link=f"https://www.example.org/{slug}",
        body=f"Achtergrond {marker}",
        campaign=campaign,
        image=image,
        created_by=comms,
    )
    item.set_roles(SINGLE_ROLES)
    item.save()
    item.topics.add(topic)
    item.audience_teams.add(team)
    item.audience_locations.add(location)
    SuggestedText.objects.create(item=item, network="linkedin", text=f"Deel dit {marker}")
    SuggestedText.objects.create(item=item, network="x", text=f"Kort {marker}")
    shares = {}
    for key, person in by_key.items():
        share = Share.objects.create(
            organisation=org,
            person=person,
            item=item,
            network="linkedin",
            text=f"Gedeeld {marker} {key}",
            team=team,
            location=location,
            created=now - timedelta(days=1),
        )
        link = TrackedLink.objects.create(share=share, target_url=f"https://www.example.org/{slug}/{key}")
        Click.objects.create(link=link, day=today - timedelta(days=1), visitor=f"{slug}-visitor")
        shares[key] = share

    story = Story.objects.create(
        organisation=org, author=colleague, text=f"Verhaal {marker}", networks="linkedin", consent=True
    )
    # The story's photo and the signal's screenshot are images of their own, as when people upload them: erasing
    # the colleague (their author) deletes those, and the item's and the planned post's photo stays.
    story_photo = StoryPhoto.objects.create(
        story=story, image=Image.from_processed(org, process(tiny_png()), alt=f"Verhaalfoto {marker}")
    )
    # Everyone's own story with photos, not sent yet: only its author may open it and send it.
    drafts = {
        key: Story.objects.create(
            organisation=org, author=person, text=f"Concept {marker} {key}", networks="linkedin", status=Story.DRAFT
        )
        for key, person in by_key.items()
    }

    event = Event.objects.create(
        organisation=org,
        title=f"Open dag {marker}",
        starts_at=now + timedelta(days=3),
        ends_at=now + timedelta(days=3, hours=2),
        place=f"Zaal {marker}",
        description=f"Open dag {marker}",
        responsible=comms,
        account=account,
        campaign=campaign,
        team=team,
    )
    recurring = RecurringActivity.objects.create(
        organisation=org, title=f"Foto van de week {marker}", text=f"Start {marker}", team=team, account=account
    )

    def pilot(lead):
        return Pilot.objects.create(
            organisation=org,
            title=f"Proeftuin {marker}",
            theme=f"Thema {marker}",
            event=event,
            campaign=campaign,
            goals=f"Doelen {marker}",
            starts_on=today,
            ends_on=today + timedelta(days=30),
            lead_communications=comms,
            lead_ambassador=lead,
        )

    # An ambassador may open the pilots they lead: every ambassador leads one of their own.
    pilots = {None: pilot(colleague)}
    pilots.update({key: pilot(person) for key, person in personas.items() if AMBASSADOR in person.roles})
    PilotLesson.objects.create(pilot=pilots[None], text=f"Les {marker}", author=comms)
    post = PlannedPost.objects.create(
        organisation=org,
        title=f"Foto {marker}",
        text=f"Tekst {marker}",
        image=image,
        account=account,
        scheduled_at=now + timedelta(days=1),
        responsible=comms,
        campaign=campaign,
        team=team,
        event=event,
        pilot=pilots[None],
        item=item,
        created_by=comms,
    )
    own_day = OwnHookDay.objects.create(
        organisation=org, name=f"Jubileum {marker}", day=today + timedelta(days=10), description=f"Idee {marker}"
    )
    TeamPlan.objects.create(team=team, goal=f"Doel {marker}", audience=f"Publiek {marker}", updated_by=comms)
    meeting = Meeting.objects.create(
        organisation=org,
        title=f"Overleg {marker}",
        starts_at=now + timedelta(days=5),
        place=f"Kamer {marker}",
        agenda=f"Agenda {marker}",
        notes=f"Notities {marker}",
    )
    _feed, ical_token = CalendarFeed.issue(comms, person=comms)

    module = Module.objects.create(
        organisation=org, number=module_number, title=f"Module {marker}", summary=f"Over {marker}"
    )
    choices = [
        {"text": f"Ja {marker}", "correct": True, "feedback": f"Goed {marker}"},
        {"text": f"Nee {marker}", "correct": False, "feedback": f"Fout {marker}"},
    ]
    kinds = [
        (LESSON, f"Les {marker}", {}),
        (QUESTION, f"Vraag {marker}", {"choices": choices}),
        (DILEMMA, f"Dilemma {marker}", {"considerations": f"Overweging {marker}", "policy": f"Regel {marker}"}),
        (WORKSHEET, f"Werkblad {marker}", {"answer": "text", "plan": "goal"}),
    ]
    steps = [
        Step.objects.create(module=module, order=order, kind=kind, title=title, body=f"Tekst {marker}", data=data)
        for order, (kind, title, data) in enumerate(kinds, start=1)
    ]
    # Everyone finished the module, so every certificate page exists.
    for person in everyone:
        for step in steps:
            correct = True if step.kind == QUESTION else None
            value = {"choice": 0} if step.kind == QUESTION else {"text": f"Antwoord {marker}"}
            Answer.objects.create(person=person, step=step, value=value, correct=correct)

    report = Report.objects.create(
        organisation=org,
        requested_by=comms,
        period="2026-Q1",
        conclusion=f"Conclusie {marker}",
        status=Report.READY,
        pdf=f"%PDF-1.4 {marker}".encode(),
        csv=f"kop;{marker}\n",
        finished=now,
    )
    ReportSettings.objects.create(
        organisation=org,
        target_shares=10,
        colour="#1f5e48",
        logo=Image.from_processed(org, process(tiny_png()), alt=f"Logo {marker}"),
    )

    source = Source.objects.create(
        organisation=org, name=f"Bron {marker}", url=f"http://127.0.0.1:9/{slug}/bron.xml", query=f"#{slug}"
    )
    mention = InboxItem.objects.create(
        organisation=org,
        kind=InboxItem.MENTION,
        source=source,
        url=f"https://social.example/{slug}/1",
        author=f"Auteur {marker}",
        text=f"Vermelding {marker}",
    )
    InboxEvent.objects.create(item=mention, actor=comms, text=f"Notitie {marker}")
    signal = InboxItem.objects.create(
        organisation=org,
        kind=InboxItem.SIGNAL,
        reporter=colleague,
        url=f"https://social.example/{slug}/2",
        text=f"Melding {marker}",
        screenshot=Image.from_processed(org, process(tiny_png()), alt=f"Schermafbeelding {marker}"),
    )
    template = ResponseTemplate.objects.create(organisation=org, title=f"Dank {marker}", text=f"Dank je {marker}")
    # Written down by a manager who is no persona: only administrators and the colleague's team managers read it.
    conversation = Conversation.objects.create(
        organisation=org,
        employee=colleague,
        recorded_by=recorder,
        post=f"Bericht {marker}",
        conversation=f"Gesprek {marker}",
        follow_up=f"Vervolg {marker}",
        outcome=f"Uitkomst {marker}",
    )
    ConversationView.objects.create(conversation=conversation, viewer=recorder)

    # A Slack channel of the team, with a message about the item. Nothing listens on port 9: a test message fails at
    # once, without leaving this machine.
    chat_channel = ChatChannel.objects.create(
        organisation=org,
        name=f"Kanaal {marker}",
        kind=ChatChannel.SLACK,
        webhook_url=f"http://127.0.0.1:9/{slug}/chat",
        team=team,
        sends_webcare=True,
        last_error=f"Fout {marker}",
    )
    Delivery.objects.create(
        channel=chat_channel, kind=Delivery.ITEM, item=item, status=Delivery.FAILED, attempts=1, error=f"Fout {marker}"
    )

    AuditEntry.objects.create(organisation=org, actor=comms, action="settings", summary=f"Logboek {marker}")
    invitation_token = f"matrix-invitation-{slug}"
    invitation = Invitation.objects.create(
        organisation=org,
        email=f"invited@{slug}.test",
        first_name=f"Uitgenodigd {marker}",
        last_name="Persona",
        roles=[EMPLOYEE],
        token_hash=hashlib.sha256(invitation_token.encode()).hexdigest(),
        invited_by=comms,
    )
    # The admin site lists people's authenticator devices.
    TOTPDevice.objects.create(user=colleague, name=f"Telefoon {marker}", confirmed=True)
    for person in everyone:
        Notification.objects.create(person=person, text=f"Melding voor {marker}", link="/delen/")

    # Everyone asked for an export of their own data; the administrator asked for the colleague's.
    exports = {key: ready_export(org, person, person, marker) for key, person in by_key.items()}
    asked_export = ready_export(org, colleague, administrator, marker)
    erasure = ErasureRecord.objects.create(
        organisation=org,
        pseudonym=f"Verwijderde gebruiker {marker}",
        erased_by=administrator,
        removed={"profile": 1, "handles": 1},
        kept=[{"kind": "audit", "count": 1, "reason": "audit"}],
        rewritten={"orgs.AuditEntry": 1},
    )
    RetentionRun.objects.create(organisation=org, ran_at=now - timedelta(hours=8), removed={"mentions": 1})

    # The toolkit: a page with a file and a guide for every role, a library image, a banner, a post format, the
    # colleague's checklist and a file kept for a form of theirs.
    toolkit_page = ToolkitPage(organisation=org, title=f"Pagina {marker}", body=f"Tekst {marker}", updated_by=comms)
    guide = ToolkitPage(
        organisation=org,
        kind=ToolkitPage.GUIDE,
        network="linkedin",
        title=f"Handleiding {marker}",
        body=f"Profiel {marker}",
        checked_on=today,
    )
    post_format = PostFormat(organisation=org, title=f"Format {marker}", text=f"Bij [team] {marker}", network="x")
    for shown in (toolkit_page, guide, post_format):
        shown.set_roles(SINGLE_ROLES)
        shown.save()
    attachment = Attachment(page=toolkit_page, name=f"werkblad-{slug}.pdf", content_type="application/pdf")
    attachment.file.save("werkblad.pdf", ContentFile(f"%PDF-1.4 {marker}".encode()), save=False)
    attachment.size = attachment.file.size
    attachment.save()
    library_image = LibraryImage(
        organisation=org,
        image=Image.from_processed(org, process(tiny_png()), alt=f"Beeldbank {marker}"),
        title=f"Beeld {marker}",
        licence=LibraryImage.OWN,
        source=f"Bron {marker}",
        added_by=comms,
    )
    library_image.set_channels(["linkedin", "instagram"])
    library_image.save()
    # Scenery: the library offers it (the consent register says nobody recognisable is in it).
    ImageConsent.objects.create(image=library_image.image, no_recognisable_people=True)
    banner = Banner.objects.create(
        organisation=org,
        network="linkedin",
        title=f"Banner {marker}",
        image=Image.from_processed(org, process(tiny_png()), alt=f"Banner {marker}"),
        added_by=comms,
    )
    ProfileChecklist.objects.create(person=colleague, ticked=["photo"], in_directory=True)
    kept = KeptUpload(person=colleague, name=f"bewaard-{slug}.pdf")
    kept.file.save("bewaard.pdf", ContentFile(f"%PDF-1.4 {marker}".encode()), save=False)
    kept.save()

    image.refresh_from_db()  # its public copy was made by the published item's signal, on another instance
    community = _community(org, personas, by_key, colleague, recorder, comms, handles, marker)
    _photo_check(image, marker)
    return Objects(
        **community,
        **_provisioning(org, colleague, administrator, marker),
        **_push(org, by_key, marker),
        organisation=org,
        colleague=colleague,
        location=location,
        team=team,
        image=image,
        account=account,
        handle=handles,
        page_request=requests,
        campaign=campaign,
        topic=topic,
        item=item,
        share=shares,
        story=story,
        event=event,
        recurring=recurring,
        pilot=pilots,
        post=post,
        own_day=own_day,
        meeting=meeting,
        ical_token=ical_token,
        module=module,
        step=steps[0],
        report=report,
        source=source,
        mention=mention,
        response_template=template,
        conversation=conversation,
        signal=signal,
        chat_channel=chat_channel,
        story_photo=story_photo,
        draft=drafts,
        leaver=leaver,
        export=exports,
        asked_export=asked_export,
        erasure=erasure,
        invitation_token=invitation_token,
        invitation=invitation,
        toolkit_page=toolkit_page,
        toolkit_guide=guide,
        toolkit_attachment=attachment,
        library_image=library_image,
        banner=banner,
        post_format=post_format,
        **_consent(org, image, comms, marker),
        uidb64=urlsafe_base64_encode(force_bytes(colleague.pk)),
        reset_token=default_token_generator.make_token(colleague) + "-expired",
    )


def _provisioning(org, colleague, administrator, marker):
    """A key of the identity provider, the colleague as it sent them, and a team of its groups with them in it."""
    slug = org.slug
    token = ScimToken.objects.create(
        organisation=org,
        name=f"Sleutel {marker}",
        token_hash=hashlib.sha256(f"matrix-scim-{slug}".encode()).hexdigest(),
        created_by=administrator,
    )
    person = ProvisionedPerson.objects.create(
        organisation=org,
        person=colleague,
        user_name=colleague.email,
        external_id=f"extern-{slug}",
        given_name=colleague.first_name,
        family_name=colleague.last_name,
        display_name=f"Collega {marker}",
        emails=[{"value": colleague.email, "type": "work", "primary": True}],
        given_roles=[EMPLOYEE],
    )
    team = Team.objects.create(organisation=org, name=f"Groep {marker}")
    team.members.add(colleague)
    group = ProvisionedTeam.objects.create(organisation=org, team=team, external_id=f"groep-{marker}")
    group.members.add(person)
    return {"scim_token": token, "provisioned_person": person, "provisioned_team": group}


def _push(org, by_key, marker):
    """A device for notifications for everyone (its push service on port 9 of this machine, where nothing listens),
    the colleague's choices, a push waiting for their quiet hours to end, a count, an announced item."""
    devices = {}
    for key, person in by_key.items():
        browser_key = ec.generate_private_key(ec.SECP256R1()).public_key()
        point = browser_key.public_bytes(serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
        devices[key] = PushSubscription.objects.create(
            person=person,
            endpoint=f"http://127.0.0.1:9/push/{org.slug}/{key or 'colleague'}",
            p256dh=base64.urlsafe_b64encode(point).rstrip(b"=").decode(),
            auth=base64.urlsafe_b64encode(os.urandom(16)).rstrip(b"=").decode(),
            device=f"Telefoon {marker}",
        )
    colleague = by_key[None]
    PushPreferences.objects.create(person=colleague, wants_feed=False)
    now = timezone.now()
    PushMessage.objects.create(
        person=colleague,
        kind="story",
        title=f"Verhaal {marker}",
        body=f"Besloten {marker}",
        url="/verhalen/",
        due_at=now + timedelta(hours=10),
        expires_at=now + timedelta(hours=20),
    )
    PushDay.objects.create(person=colleague, day=timezone.localdate(), sent=2)
    Announcement.objects.create(organisation=org, key=f"item:{marker}")
    return {"push_device": devices}


def _consent(org, image, comms, marker):
    """A consent with its signed form, linked to the organisation's photo, and one that was withdrawn."""
    consent = ConsentRecord(
        organisation=org, name=f"Afgebeeld {marker}", recorded_by=comms, form_content_type="image/png"
    )
    consent.set_channels([STAFF_SOCIAL])
    consent.form.save("formulier.png", tiny_png(), save=False)
    consent.save()
    ImageConsent.objects.create(image=image).records.add(consent)
    ending = ConsentEnding.objects.create(
        organisation=org,
        record=consent,
        number=consent.pk,
        kind=consent.kind,
        reason=ConsentEnding.WITHDRAWN,
        uses=[{"kind": "item", "label": f"Item {marker}", "link": "", "done": True}],
    )
    return {"consent": consent, "consent_ending": ending}


def _community(org, personas, by_key, colleague, recorder, comms, handles, marker):
    """Questions (everyone's own, the colleague's with an answer in the toolkit, a client's), a buddy pairing, the
    public page with the colleague on it, a request to join, and help requests: everyone's own, and the
    colleague's, asked of the team's managers only."""
    questions = {
        key: Question.objects.create(
            organisation=org, asker=person, title=f"Vraag {marker} {key}", text=f"Hoe {marker}"
        )
        for key, person in by_key.items()
    }
    answer = CommunityAnswer.objects.create(question=questions[None], author=comms, text=f"Antwoord {marker}")
    client_asker = make_person(org, "client-asker", marker, {CLIENT})
    client_question = Question.objects.create(organisation=org, asker=client_asker, title=f"Cliëntvraag {marker}")
    promoted = PromotedAnswer.objects.create(
        organisation=org, question=f"Toolkitvraag {marker}", answer=f"Toolkitantwoord {marker}", source=answer
    )
    # A new ambassador and their buddy, neither of them a persona: every ambassador persona is experienced.
    newcomer = make_person(org, "newcomer", marker, {AMBASSADOR})
    mentor = make_person(org, "mentor", marker, {AMBASSADOR})
    pairing = BuddyPairing.objects.create(organisation=org, newcomer=newcomer, buddy=mentor, paired_by=comms)
    PeoplePage.objects.create(
        organisation=org, published=True, intro=f"Onze mensen {marker}", embed_origins="https://www.example.org"
    )
    # Everyone is on the public page (so every page offers to withdraw), the client too: the page leaves them out.
    for key, person in by_key.items():
        listing = OnlineListing.objects.create(person=person, job_title=f"Functie {marker} {key}")
        listing.handles.add(handles[key])
    join_request = JoinRequest.objects.create(organisation=org, person=colleague, motivation=f"Graag {marker}")
    managers = [p for p in personas.values() if MANAGER in p.roles]
    help_requests = {}
    for key, person in by_key.items():
        help_request = HelpRequest.objects.create(
            organisation=org, person=person, what_happened=f"Hulp {marker} {key}", link=f"https://social.example/{key}"
        )
        help_request.asked.add(*(managers if key is None else [recorder]))
        HelpMessage.objects.create(request=help_request, author=person, text=f"Bericht {marker} {key}")
        help_requests[key] = help_request
    return {
        "own_question": questions,
        "question": questions[None],
        "community_answer": answer,
        "client_question": client_question,
        "promoted_answer": promoted,
        "buddy_pairing": pairing,
        "join_request": join_request,
        "own_help_request": help_requests,
        "colleague_help_request": help_requests[None],
    }


def _photo_check(image, marker):
    """The photo check of the organisation's photo: a name that blocks (read with the marker), and the photo as it
    was before a blur, so every action of the photo page has something to act on."""
    check = PhotoCheck(
        image=image,
        status=PhotoCheck.DONE,
        checked_file=image.large.name,
        checked_at=timezone.now(),
        blurred_at=timezone.now(),
        findings=[
            {
                "kind": "text",
                "category": "client_privacy",
                "severity": "block",
                "rule": "privacy.client",
                "box": {"x": 1, "y": 1, "w": 4, "h": 4},
                "text": f"Mevr. {marker}",
                "message": {"nl": f"“Mevr. {marker}” maakt een cliënt herkenbaar.", "en": f"“Mevr. {marker}”."},
                "policy": {"nl": f"Beroepsgeheim {marker}", "en": f"Secrecy {marker}"},
            }
        ],
    )
    check.original.save("origineel.png", tiny_png(), save=False)
    check.save()
    return check


def ready_export(org, person, requested_by, marker):
    """A finished export with its ZIP on disk, as the worker leaves it (a small stand-in for the real ZIP)."""
    now = timezone.now()
    data_export = DataExport.objects.create(
        organisation=org,
        person=person,
        requested_by=requested_by,
        status=DataExport.READY,
        finished=now,
        expires_at=now + timedelta(days=7),
    )
    data_export.file_name = file_path(data_export)
    target = Path(settings.EXPORT_ROOT) / data_export.file_name
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w") as archive:
        archive.writestr("README.txt", f"Gegevens van {person.full_name} ({marker})")
    data_export.size = target.stat().st_size
    data_export.save(update_fields=["file_name", "size"])
    return data_export


def stored_files(objects):
    """{path: bytes} of the files on disk that one organisation's rows point at: photos and exports."""
    org = objects["organisation"]
    files = {}
    for image in Image.objects.filter(organisation=org):
        for field_file in (image.large, image.small, image.public):
            if field_file:
                files[field_file.path] = Path(field_file.path).read_bytes()
    for consent in ConsentRecord.objects.filter(organisation=org).exclude(form=""):
        files[consent.form.path] = Path(consent.form.path).read_bytes()
    for check in PhotoCheck.objects.filter(image__organisation=org).exclude(original=""):
        files[check.original.path] = Path(check.original.path).read_bytes()
    for data_export in DataExport.objects.filter(organisation=org).exclude(file_name=""):
        files[str(data_export.path)] = data_export.path.read_bytes()
    with organisation_scope(org):
        for stored in [*Attachment.objects.all(), *KeptUpload.objects.all()]:
            files[stored.file.path] = Path(stored.file.path).read_bytes()
    return files


def _pk(kind):
    return lambda objects, key: {"pk": objects.mine(kind, key).pk}


# How to fill a URL's arguments with one organisation's objects, for the persona who asks.
KINDS = {
    "person": lambda o, key: {"pk": o["colleague"].pk},
    **{kind: _pk(kind) for kind in ("team", "location", "account", "item", "story", "event", "own_day")},
    **{kind: _pk(kind) for kind in ("recurring", "meeting", "source", "response_template", "mention")},
    **{kind: _pk(kind) for kind in ("conversation", "post", "pilot", "campaign", "chat_channel")},
    "own_request": _pk("page_request"),
    "own_handle": _pk("handle"),
    "own_share": _pk("share"),
    "request_step": lambda o, key: {"pk": o.mine("page_request", None).pk, "step": "intake"},
    "story_action": lambda o, key: {"pk": o["story"].pk, "action": "approve"},
    "own_draft": _pk("draft"),
    "module": lambda o, key: {"number": o["module"].number},
    "step": lambda o, key: {"number": o["module"].number, "order": o["step"].order},
    "report_pdf": lambda o, key: {"pk": o["report"].pk, "kind": "pdf"},
    "tracked_link": lambda o, key: {"code": o.mine("share", None).link.code},
    "ical": lambda o, key: {"token": o["ical_token"]},
    "invitation": lambda o, key: {"token": o["invitation_token"]},
    "open_invitation": lambda o, key: {"pk": o["invitation"].pk},
    "password_reset": lambda o, key: {"uidb64": o["uidb64"], "token": o["reset_token"]},
    "organisation_slug": lambda o, key: {"slug": o["organisation"].slug},
    "closed_person": lambda o, key: {"pk": o["leaver"].pk},
    "erasure": _pk("erasure"),
    "signal": _pk("signal"),
    "story_photo": lambda o, key: {"pk": o["story"].pk, "photo": o["story_photo"].pk, "size": "groot"},
    "item_image": lambda o, key: {"pk": o["item"].pk, "size": "klein"},
    "post_image": lambda o, key: {"pk": o["post"].pk, "size": "groot"},
    "public_copy": lambda o, key: {"name": o["image"].public_filename},
    "own_export": lambda o, key: {"key": o.mine("export", key).key},
    "asked_export": lambda o, key: {"key": o["asked_export"].key},
    **{kind: _pk(kind) for kind in ("toolkit_page", "toolkit_guide", "banner", "post_format")},
    "toolkit_attachment": lambda o, key: {"pk": o["toolkit_page"].pk, "file_pk": o["toolkit_attachment"].pk},
    "library_entry": _pk("library_image"),
    "library_image": lambda o, key: {"pk": o["library_image"].pk, "size": "klein"},
    "library_download": lambda o, key: {"pk": o["library_image"].pk, "size": "instagram-vierkant"},
    "banner_image": lambda o, key: {"pk": o["banner"].pk, "size": "banner"},
    "toolkit_move": lambda o, key: {"kind": "pagina", "pk": o["toolkit_page"].pk, "direction": "omlaag"},
    "toolkit_delete": lambda o, key: {"kind": "format", "pk": o["post_format"].pk},
    "consent": _pk("consent"),
    "consent_ending": _pk("consent_ending"),
    "image": lambda o, key: {"pk": o["image"].pk},
    "image_file": lambda o, key: {"pk": o["image"].pk, "size": "klein"},
    **{kind: _pk(kind) for kind in ("question", "client_question", "promoted_answer", "buddy_pairing")},
    **{kind: _pk(kind) for kind in ("join_request", "colleague_help_request")},
    "own_question": _pk("own_question"),
    "own_help_request": _pk("own_help_request"),
    "community_answer": lambda o, key: {"pk": o["question"].pk, "answer_pk": o["community_answer"].pk},
    "people_export": lambda o, key: {"slug": o["organisation"].slug, "name": "mastodon.csv"},
    "scim_token": _pk("scim_token"),
    "provisioned_team": _pk("provisioned_team"),
    "scim": lambda o, key: {"slug": o["organisation"].slug},
    "scim_user": lambda o, key: {"slug": o["organisation"].slug, "scim_id": o["provisioned_person"].scim_id},
    "scim_group": lambda o, key: {"slug": o["organisation"].slug, "scim_id": o["provisioned_team"].scim_id},
    "scim_resource_type": lambda o, key: {"slug": o["organisation"].slug, "key": "User"},
    "scim_schema": lambda o, key: {"slug": o["organisation"].slug, "key": "urn:ietf:params:scim:schemas:core:2.0:User"},
    "scim_unknown": lambda o, key: {"slug": o["organisation"].slug, "rest": "Me"},
    "own_push_device": lambda o, key: {"pk": o.mine("push_device", key).pk},
}


def roll_up_figures():
    """The dashboard's tables, from the shares and clicks of every organisation (as the worker does)."""
    roll_up(first_activity(), timezone.localdate())


def url_for(row, objects, key):
    """The address of a table row, filled with one organisation's objects for the persona with this key."""
    url = reverse(row.name, kwargs=KINDS[row.kind](objects, key) if row.kind else None)
    return f"{url}?{row.query}" if row.query else url
