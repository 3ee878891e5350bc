"""One person with data in every app, made as the apps make it: for the export and the erasure tests."""

import io
from datetime import date, timedelta

from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from PIL import Image as PILImage

from deelwijs.accounts.models import CorporateAccount, Handle, LocationPageRequest
from deelwijs.community import domain as community
from deelwijs.community.models import HelpRequest, JoinRequest
from deelwijs.consent import domain as consent
from deelwijs.consent.models import ConsentRecord
from deelwijs.content.images import process
from deelwijs.content.models import ContentItem, Image, KeptUpload
from deelwijs.insight.rollup import roll_up_new
from deelwijs.learning.domain import save_answer
from deelwijs.learning.models import Module, Step
from deelwijs.orgs import domain as orgs
from deelwijs.orgs.models import Team, User
from deelwijs.orgs.tenancy import organisation_scope
from deelwijs.planning.models import CalendarFeed, Event, Meeting, Pilot, PilotLesson, PlannedPost, TeamPlan
from deelwijs.provisioning import domain as provisioning
from deelwijs.provisioning.models import ProvisionedPerson, ProvisionedTeam
from deelwijs.push import domain as push
from deelwijs.push.models import PushDay, PushMessage, PushPreferences
from deelwijs.sharing.domain import record_share
from deelwijs.sharing.models import Click
from deelwijs.stories import domain as stories
from deelwijs.toolkit.domain import CHECKLIST_KEYS, save_checklist
from deelwijs.toolkit.models import Page
from deelwijs.webcare import domain as webcare
from deelwijs.webcare.models import Conversation, ConversationView, InboxEvent, InboxItem, Source

from .push_service import Device

FIRST, LAST = "Xandrijn", "Quistorpf"
EMAIL = "xandrijn.quistorpf@zorg.test"
HANDLES = ["xandrijn_zorgt", "xquistorpf@mastodon.nl"]
PASSWORD = "een-lang-wachtwoord-42"


def person_named(org, role, email, first_name, last_name):
    person = User.objects.create_user(email, PASSWORD, first_name=first_name, last_name=last_name, organisation=org)
    with organisation_scope(org):
        orgs.set_roles(None, person, [role])
    return person


def jpeg(colour=(200, 80, 40), name="foto.jpg"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (320, 240), colour).save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def fill_every_app(org, people):
    """The person (returned) joins by invitation and leaves traces in every app of Deelwijs."""
    admin, manager, comms, webcare_person = (
        people[r] for r in ("administrator", "manager", "communications", "webcare")
    )
    team = Team.objects.get(organisation=org)
    with organisation_scope(org):
        invitation = orgs.invite(admin, EMAIL, FIRST, LAST, ["employee", "ambassador"], "http://testserver")
        person = orgs.accept_invitation(invitation, PASSWORD)
        orgs.set_roles(admin, person, ["employee", "ambassador", "manager"])
        person.teams.add(team)
        person.managed_teams.add(team)
        orgs.log(org, person, "roles", f"{people['employee'].full_name}: +[ambassador]")
        orgs.log(org, admin, "note", f"Gesprek gepland met {EMAIL}")
        for platform, handle in zip(["x", "mastodon"], HANDLES, strict=True):
            Handle.objects.create(user=person, platform=platform, handle=handle)
        account = CorporateAccount.objects.create(organisation=org, platform="x", handle="zorggroep")
        account.owners.add(person)
        account.allowed_people.add(person)
        CalendarFeed.issue(person, person=person)
        TOTPDevice.objects.create(user=person, name=f"Telefoon van {FIRST}")
        # Notifications on a phone: a device, their choices, a push waiting for the quiet hours to end.
        phone = Device.new("https://fcm.googleapis.com/fcm/send/privacy-test")
        push.subscribe(person, phone.endpoint, phone.p256dh, phone.auth, device=f"Telefoon van {FIRST}")
        PushPreferences.objects.create(person=person, daily_cap=3)
        PushDay.objects.create(person=person, day=timezone.localdate(), sent=1)
        PushMessage.objects.create(
            person=person,
            kind="story",
            title="Jouw verhaal",
            body=f"Voor {FIRST}: communicatie heeft besloten.",
            url="/verhalen/",
            due_at=timezone.now() + timedelta(hours=8),
            expires_at=timezone.now() + timedelta(hours=20),
        )

        # Sharing and the figures.
        item = ContentItem.objects.create(organisation=org, title="Open dag", link="https://zorg.example/open-dag")
        share = record_share(person, item, "linkedin", "Kom naar onze open dag!")
        Click.objects.create(link=share.link, day=date.today(), visitor="abc")
        roll_up_new()

        # Stories with real photos; one goes to the feed, one is declined.
        story = stories.submit(
            person, f"Vandaag bakte {FIRST} {LAST} taart met de bewoners.", ["linkedin"], True, [process(jpeg())]
        )
        feed_item = stories.to_feed_item(comms, story, story.text, f"Bakken met {FIRST}")
        declined = stories.submit(person, "Een tweede verhaal.", ["x"], True, [process(jpeg((10, 200, 90)))])
        stories.reject(comms, declined, f"Dank je {FIRST}, deze keer niet.")

        # Photo consent: theirs, on a signed form with their name, linked to the photo of that story; and one
        # they heard given in person by a client.
        theirs = ConsentRecord(
            name=f"{FIRST} {LAST}", kind=ConsentRecord.EMPLOYEE, person=person, given_as=ConsentRecord.FORM
        )
        theirs.set_channels(["intranet", "staff_social"])
        theirs.form.save("formulier.pdf", SimpleUploadedFile("f.pdf", f"%PDF-1.4 {FIRST} {LAST}".encode()), save=False)
        consent.save_record(comms, theirs)
        consent.link_photo(comms, feed_item.image, [theirs], False)
        heard = ConsentRecord(name="Mevrouw Kramer", given_as=ConsentRecord.IN_APP, recorded_by=person)
        heard.set_channels(["intranet"])
        consent.save_record(comms, heard)

        # Training: one module of one step, so completing it gives a certificate.
        module = Module.objects.create(organisation=org, number=1, title="Basis", basic=True)
        step = Step.objects.create(
            module=module, order=1, kind="worksheet", title="Wie volg je?", data={"answer": "names"}
        )
        save_answer(person, step, {"names": f"{HANDLES[0]}\nCollega Piet"})

        # Webcare: a mention about them, assigned to them; a signal they reported, with a screenshot.
        source = Source.objects.create(organisation=org, name="Nieuws", url="https://nieuws.example/rss")
        mention = InboxItem.objects.create(
            organisation=org,
            kind=InboxItem.MENTION,
            source=source,
            author=f"@{HANDLES[0]}",
            text=f"{FIRST} {LAST} van Zorggroep Test was geweldig",
        )
        webcare.update(webcare_person, mention, status=InboxItem.IN_PROGRESS, assigned_to=person)
        webcare.log_event(mention, person, f"Ik ({FIRST}) heb bedankt.", InboxEvent.NOTE)
        screenshot = Image.from_upload(org, jpeg((0, 0, 255)))
        signal = webcare.report_signal(
            person, "https://x.example/post/1", f"Iemand noemt {LAST} bij naam", "high", screenshot
        )
        webcare.update(webcare_person, signal, status=InboxItem.ANSWERED, feedback=f"Dank je {FIRST}!")
        other = InboxItem.objects.create(organisation=org, kind=InboxItem.MENTION, text="Lange wachtlijst")
        webcare.escalate(
            webcare_person, other, InboxItem.TO_MANAGER, person=person, reason=f"{FIRST} {LAST} weet ervan"
        )

        # The register of conversations: an entry about them (kept under HR retention), one they recorded.
        about = Conversation.objects.create(
            organisation=org,
            employee=person,
            recorded_by=manager,
            post="Een foto van een bewoner",
            conversation=f"Gesprek met {FIRST} {LAST} over de foto.",
        )
        ConversationView.objects.create(conversation=about, viewer=person)
        Conversation.objects.create(
            organisation=org, employee=people["employee"], recorded_by=person, post="Een post", conversation="Uitleg"
        )

        # Planning.
        now = timezone.now()
        PlannedPost.objects.create(
            organisation=org, title=f"Post van {FIRST}", scheduled_at=now, responsible=person, created_by=person
        )
        TeamPlan.objects.create(team=team, who=f"{FIRST} maakt de foto's, Piet schrijft.", updated_by=person)
        Meeting.objects.create(
            organisation=org, title="Overleg", starts_at=now, notes=f"{FIRST} {LAST} neemt taart mee"
        )
        Event.objects.create(
            organisation=org,
            title="Open dag",
            starts_at=now,
            ends_at=now,
            responsible=person,
            description=f"Contact: {EMAIL}",
        )
        pilot = Pilot.objects.create(
            organisation=org,
            title="Proeftuin",
            goals="Meer delen",
            starts_on=date(2026, 1, 1),
            ends_on=date(2026, 3, 1),
        )
        PilotLesson.objects.create(pilot=pilot, author=person, text="Korte video's werken beter.")

        # Provisioning: the identity provider sent them, in a group of its own, with a key they made.
        scim_token, _key = provisioning.create_token(person, f"Entra van {FIRST}")
        provisioned = ProvisionedPerson.objects.create(
            organisation=org,
            person=person,
            user_name=EMAIL,
            external_id=f"{FIRST.lower()}-1",
            given_name=FIRST,
            family_name=LAST,
            display_name=f"{FIRST} {LAST}",
            emails=[{"value": EMAIL, "type": "work", "primary": True}],
        )
        group = ProvisionedTeam.objects.create(organisation=org, team=Team.objects.create(organisation=org, name="IdP"))
        group.members.add(provisioned)

        # Accounts: a page request of theirs.
        LocationPageRequest.objects.create(
            organisation=org,
            requested_by=person,
            platform="facebook",
            name="De Linde",
            purpose="Nieuws van de locatie",
            audience="Familie",
            editors=f"{FIRST} {LAST} en Piet",
        )

        # The toolkit: a page they wrote, their profile checklist, a file kept for a form they did not send again.
        Page.objects.create(organisation=org, title="Foto's maken", body=f"Tips van {FIRST} {LAST}.", updated_by=person)
        save_checklist(person, CHECKLIST_KEYS[:2], True)
        kept = KeptUpload(person=person, name=f"werkblad-{FIRST}.pdf")
        kept.file.save("werkblad.pdf", ContentFile(f"%PDF-1.4 werkblad van {FIRST} {LAST}".encode()), save=False)
        kept.save()

        # Together: a question of theirs that communications answered (and put in the toolkit), their answer to a
        # colleague's question, a buddy of theirs, their place on the public page, a request to join, help they
        # asked for, and help a colleague asked them for.
        question = community.ask_question(person, f"Vraag van {FIRST}", f"Ik ben {FIRST} {LAST}.")
        answer = community.answer_question(comms, question, f"Dag {FIRST}, zo doe je dat.")
        community.promote(comms, answer, "Hoe doe je dat?", "Zo doe je dat.")
        colleague_question = community.ask_question(people["employee"], "Hoe deel ik een vacature?", "")
        community.answer_question(person, colleague_question, f"Met het format, groet {FIRST}")
        community.pair(comms, person, people["ambassador"])
        community.opt_in(person, list(Handle.objects.filter(user=person)), f"Verpleegkundige {LAST}")
        JoinRequest.objects.create(
            organisation=org, person=person, motivation=f"Ik, {FIRST}, deel graag.", status=JoinRequest.ACCEPTED
        )
        help_request = community.ask_for_help(
            person, HelpRequest.HARASSED, f"Iemand scheldt {FIRST} {LAST} uit.", "https://x.example/2", [comms]
        )
        community.add_help_message(comms, help_request, f"Ik help je, {FIRST}.")
        asked_of_them = community.ask_for_help(
            people["employee"], HelpRequest.POST_ABOUT_ME, "Er staat een foto van mij online.", "", [person]
        )
        community.add_help_message(person, asked_of_them, f"Ik ({FIRST}) kijk ernaar.")

        # Notifications with an e-mail: queued as tasks when the database backend is in use.
        orgs.notify(person, "Welkom bij Deelwijs", email_subject=f"Welkom {FIRST}")
        orgs.notify(manager, f"{FIRST} {LAST} stuurde een verhaal", email_subject="Nieuw verhaal")

        # The installation's admin site.
        LogEntry.objects.create(
            user=admin,
            content_type=ContentType.objects.get_for_model(User),
            object_id=str(person.pk),
            object_repr=str(person),
            action_flag=CHANGE,
            change_message=f"Changed {EMAIL}",
        )
    return User.objects.get(pk=person.pk)


def sign_in_and_out(client, person):
    """A failed and a good sign-in through the sign-in page (django-axes logs both), then a second session."""
    login = reverse("login")
    client.post(login, {"username": person.email, "password": "fout-wachtwoord"}, REMOTE_ADDR="10.0.0.7")
    client.post(login, {"username": person.email, "password": PASSWORD}, REMOTE_ADDR="10.0.0.7")
    client.force_login(person)
