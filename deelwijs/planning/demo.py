"""The demo organisation's plan: this month and the next, recurring posts, an event, a pilot, team plans, meetings."""

from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from deelwijs.accounts.models import CorporateAccount
from deelwijs.content.models import Campaign
from deelwijs.orgs.models import Team

from . import domain, hookdays
from .models import Event, Meeting, OwnHookDay, Pilot, PilotLesson, PlannedPost, RecurringActivity, TeamPlan


def at(day, hour, minute=0):
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


# days from today, hour, title, text, account key, status, responsible
ONE_OFF = [
    (
        -12,
        10,
        "Terugblik Dag van de Mantelzorg",
        "Vorige week bedankten we onze mantelzorgers met koffie en taart. Dank jullie wel voor alles wat jullie doen!",
        "facebook",
        PlannedPost.PUBLISHED,
        "communicatie",
    ),
    (
        -5,
        9,
        "Nieuwe collega's in het wijkteam",
        "Deze maand begonnen drie nieuwe collega's in Wijkteam Oost. "
        "Welkom! Wil jij ook in de wijk werken? Kijk bij onze vacatures.",
        "linkedin",
        PlannedPost.PUBLISHED,
        "communicatie",
    ),
    (-1, 14, "Foto's van de kerstmarkt ophalen", "", "instagram", PlannedPost.DRAFT, "communicatie2"),
    (
        2,
        11,
        "Uitnodiging kerstviering voor familie",
        "Op de afdelingen vieren we kerst met bewoners en familie. Vraag op de afdeling naar de datum.",
        "facebook",
        PlannedPost.READY,
        "communicatie",
    ),
    (6, 10, "Werken in de wijk: een dag met Sanne", "", "linkedin", PlannedPost.IDEA, "ambassadeur"),
    (
        9,
        15,
        "Winterwandeling dagbesteding",
        "De dagbesteding van Het Anker maakt elke week een wandeling door het park. Warme chocolademelk na afloop!",
        "dagbesteding",
        PlannedPost.DRAFT,
        "communicatie2",
    ),
    (16, 10, "Terugblik op het jaar", "", "linkedin", PlannedPost.IDEA, "communicatie"),
    (
        24,
        9,
        "Goede voornemens: leren in de zorg",
        "Ons leerhuis start in januari met nieuwe cursussen voor zorgmedewerkers. Welke cursus kies jij?",
        "linkedin",
        PlannedPost.DRAFT,
        "communicatie",
    ),
    (31, 10, "Open sollicitatiedag", "", "linkedin", PlannedPost.IDEA, "communicatie"),
    (
        38,
        11,
        "Vrijwilligers gezocht voor de dagbesteding",
        "Heb jij een paar uur per week over? De dagbesteding zoekt vrijwilligers voor wandelen en koken.",
        "dagbesteding",
        PlannedPost.READY,
        "communicatie2",
    ),
]
# The campaign of some of them, so the calendar shows campaign colours.
ONE_OFF_CAMPAIGNS = {
    "Nieuwe collega's in het wijkteam": "werken-bij",
    "Werken in de wijk: een dag met Sanne": "werken-bij",
    "Open sollicitatiedag": "werken-bij",
    "Winterwandeling dagbesteding": "eenzaamheid",
    "Vrijwilligers gezocht voor de dagbesteding": "vrijwilligers",
}
ACCOUNT_KEYS = {
    "linkedin": ("linkedin", "zorggroep-lindehof"),
    "facebook": ("facebook", "zorggroeplindehof"),
    "instagram": ("instagram", "zorggroeplindehof"),
    "dagbesteding": ("facebook", "dagbesteding-hetanker"),
}


@transaction.atomic
def create_demo_plan(org, people):
    if Event.objects.exists():
        return
    today = timezone.localdate()
    accounts = {key: CorporateAccount.objects.get(platform=p, handle=h) for key, (p, h) in ACCOUNT_KEYS.items()}
    teams = {t.name: t for t in Team.objects.all()}
    campaigns = {c.slug: c for c in Campaign.objects.all()}
    comms = people["communicatie"]

    for days, hour, title, text, account, status, who in ONE_OFF:
        PlannedPost.objects.create(
            organisation=org,
            title=title,
            text=text,
            account=accounts[account],
            status=status,
            scheduled_at=at(today + timedelta(days=days), hour),
            responsible=people[who],
            campaign=campaigns.get(ONE_OFF_CAMPAIGNS.get(title, "")),
            created_by=comms,
        )

    # Recurring activities, with this month's earlier occurrences already published.
    month_start = today.replace(day=1)
    recurring = [
        RecurringActivity(
            organisation=org,
            title="Foto van de week",
            text="De foto van de week: ",
            frequency=RecurringActivity.WEEKLY,
            weekday=4,
            time=time(15, 0),
            starts_on=month_start,
            account=accounts["instagram"],
            team=teams["Wijkteam Oost"],
            responsible=people["ambassadeur"],
        ),
        RecurringActivity(
            organisation=org,
            title="Vacature van de maand",
            text="",
            frequency=RecurringActivity.MONTHLY_WEEKDAY,
            weekday=0,
            ordinal=1,
            time=time(9, 0),
            starts_on=month_start,
            account=accounts["linkedin"],
            responsible=comms,
        ),
        RecurringActivity(
            organisation=org,
            title="Nieuws van de dagbesteding",
            text="",
            frequency=RecurringActivity.WEEKLY,
            interval=2,
            weekday=2,
            time=time(11, 0),
            starts_on=month_start,
            account=accounts["dagbesteding"],
            team=teams["Dagbesteding Het Anker"],
            responsible=people["communicatie2"],
        ),
    ]
    for activity in recurring:
        activity.save()
        for moment in domain.occurrences(activity, month_start, today - timedelta(days=1)):
            PlannedPost.objects.create(
                organisation=org,
                recurring=activity,
                occurrence=moment.date(),
                title=activity.title,
                text=f"{activity.title}: wat een mooie week was het weer.",
                status=PlannedPost.PUBLISHED,
                scheduled_at=timezone.make_aware(moment),
                account=activity.account,
                team=activity.team,
                responsible=activity.responsible,
            )
        domain.plan_occurrences(activity)

    # Hook days next month: two posts started from the hook calendar.
    for key in ("vrijwilligersdag", "dag-mensen-met-beperking"):
        hook = hookdays.find(key, today.year) or hookdays.find(key, today.year + 1)
        if hook.day < today:
            hook = hookdays.find(key, today.year + 1)
        PlannedPost.objects.create(
            organisation=org,
            title=hook.name,
            text="",
            hook_day=hook.key,
            status=PlannedPost.IDEA,
            scheduled_at=at(hook.day, 10),
            account=accounts["linkedin"],
            responsible=comms,
            created_by=comms,
        )
    OwnHookDay.objects.create(
        organisation=org,
        name="Verjaardag van Zorggroep Lindehof",
        day=today + timedelta(days=20),
        yearly=True,
        description="Hoe lang bestaan we al? Een foto van toen en nu.",
    )

    # An event in three weeks with its before/during/after posts filled in.
    event_start = at(today + timedelta(days=21), 13, 30)
    event = Event.objects.create(
        organisation=org,
        title="Open dag De Linde",
        starts_at=event_start,
        ends_at=event_start + timedelta(hours=3),
        place="De Linde, Apeldoorn",
        description="Rondleidingen, kennismaken met de teams en informatie over werken in de zorg.",
        responsible=comms,
        account=accounts["linkedin"],
        campaign=campaigns.get("werken-bij"),
    )
    texts = {
        PlannedPost.BEFORE: "Kom kijken bij De Linde! Op onze open dag leid je rond met collega's en hoor je hoe het "
        "is om bij ons te werken.",
        PlannedPost.DURING: "De open dag is begonnen: de eerste rondleiding is vol. Er is nog plek om 15.00 uur.",
        PlannedPost.AFTER: "Dank aan iedereen die langskwam op de open dag. We spraken met tientallen mensen over "
        "werken in de zorg.",
    }
    for post in domain.propose_event_posts(comms, event, [key for key, *_ in domain.EVENT_POSTS]):
        if post.phase in texts:
            post.text, post.status = (
                texts[post.phase],
                PlannedPost.READY if post.phase == PlannedPost.BEFORE else PlannedPost.DRAFT,
            )
            post.save()

    # A pilot that ran in the past weeks, with its evaluation.
    pilot = Pilot.objects.create(
        organisation=org,
        title="Samen tegen eenzaamheid in de wijk",
        theme="Eenzaamheid onder ouderen",
        campaign=campaigns.get("eenzaamheid"),
        goals="Meer buurtbewoners bij de buurtkamer; twintig collega's die minstens één keer delen.",
        audiences="Buurtbewoners, familie van cliënten",
        channels="Facebook, LinkedIn, delen door collega's",
        lead_communications=comms,
        lead_ambassador=people["ambassadeur"],
        starts_on=today - timedelta(days=50),
        ends_on=today - timedelta(days=22),
        conclusion="Korte persoonlijke verhalen werden het vaakst gedeeld. Volgende keer beginnen we eerder met "
        "het verzamelen van foto's.",
    )
    for days, title, account in (
        (-48, "Start: de buurtkamer is open", "facebook"),
        (-40, "Sanne over samen eten", "linkedin"),
        (-30, "Oproep: wie komt er koffie drinken?", "facebook"),
        (-24, "Terugblik op vier weken", "linkedin"),
    ):
        PlannedPost.objects.create(
            organisation=org,
            pilot=pilot,
            title=title,
            text=f"{title}.",
            account=accounts[account],
            status=PlannedPost.PUBLISHED,
            scheduled_at=at(today + timedelta(days=days), 10),
            responsible=comms,
            campaign=pilot.campaign,
        )
    for kind, text, who in (
        (PilotLesson.WENT_WELL, "Collega's deelden graag verhalen van hun eigen team.", "ambassadeur"),
        (PilotLesson.TO_IMPROVE, "Foto's kwamen vaak te laat binnen voor de geplande berichten.", "communicatie"),
        (PilotLesson.NEXT_TIME, "Vooraf afspreken wie op welke dag een foto maakt.", "communicatie2"),
    ):
        PilotLesson.objects.create(pilot=pilot, kind=kind, text=text, author=people[who])

    # Team plans.
    TeamPlan.objects.create(
        team=teams["Wijkteam Oost"],
        goal="Laten zien hoe mooi wijkverpleging is, zodat nieuwe collega's ons vinden.",
        audience="Verpleegkundigen en verzorgenden in de regio",
        message="In de wijk heb je vrijheid en vakmanschap.",
        platform="LinkedIn: daar zoeken vakmensen werk.",
        form="Korte verhalen met een foto van het team (nooit van cliënten).",
        who="Sanne schrijft, Marieke leest mee, iedereen levert ideeën aan.",
        planning="Elke week een foto, elke maand een verhaal.",
        recurring="Foto van de week op vrijdag",
        hook_days="Internationale Dag van de Verpleging, Dag van de Zorg",
        updated_by=people["ambassadeur"],
    )
    TeamPlan.objects.create(
        team=teams["Dagbesteding Het Anker"],
        goal="Vrijwilligers vinden en familie laten zien wat we doen.",
        audience="Buurtbewoners en familie",
        message="Bij Het Anker doe je mee.",
        platform="Facebook, omdat de buurt daar is.",
        form="Foto's van activiteiten zonder herkenbare deelnemers.",
        who="Fatima plant, het team levert foto's.",
        planning="Om de week nieuws",
        recurring="Nieuws van de dagbesteding",
        hook_days="NLdoet, Burendag",
        updated_by=people["communicatie2"],
    )

    # Meetings of the ambassador team, every six weeks.
    last = Meeting.objects.create(
        organisation=org,
        title="Overleg ambassadeursteam",
        starts_at=at(today - timedelta(days=28), 15),
        place="De Linde, vergaderzaal 2",
        agenda="1. Terugblik proeftuin\n2. Nieuwe ambassadeurs\n3. Planning december",
        notes="Proeftuin geëvalueerd (zie de evaluatie). Twee nieuwe ambassadeurs uit de dagbesteding. "
        "Ruben zet de open dag in de planning.",
    )
    following = domain.ensure_next_meeting(last)
    following.agenda = "1. Open dag: wie doet wat?\n2. Inhaakdagen in januari\n3. Rondvraag"
    following.save()


def add_demo_photo(image, title="Uitnodiging kerstviering voor familie"):
    """The demo's photo with consent on the Christmas invitation for the corporate Facebook page."""
    for post in PlannedPost.objects.filter(title=title, image__isnull=True):
        post.image = image
        post.save(update_fields=["image"])
