"""The demo organisation "Zorggroep Lindehof", built with the app's own domain functions.

Deterministic and idempotent: running it again changes nothing.
"""

from django.db import transaction
from django.utils import timezone

from deelwijs.accounts.models import CorporateAccount, Handle
from deelwijs.community.demo import create_demo_community
from deelwijs.consent.demo import create_demo_consent
from deelwijs.content import photochecks
from deelwijs.content.demo import create_demo_content
from deelwijs.insight.demo import create_demo_report_settings
from deelwijs.insight.rollup import first_activity, roll_up
from deelwijs.learning.content import install_modules
from deelwijs.learning.models import QUESTION, Answer, Step
from deelwijs.orgs import domain
from deelwijs.orgs.models import Location, Organisation, Team, User
from deelwijs.orgs.roles import ADMINISTRATOR, AMBASSADOR, CLIENT, COMMUNICATIONS, EMPLOYEE, MANAGER, VOLUNTEER, WEBCARE
from deelwijs.orgs.tenancy import across_organisations, organisation_scope
from deelwijs.planning.demo import add_demo_photo, create_demo_plan
from deelwijs.sharing.demo import create_demo_activity
from deelwijs.stories.demo import create_demo_stories
from deelwijs.toolkit.demo import create_demo_toolkit
from deelwijs.webcare.demo import create_demo_webcare

DEMO_PASSWORD = "lindehof-demo"
POLICY = """Bij Zorggroep Lindehof vertellen we graag wat er gebeurt, en we zijn trots als jij dat ook doet.

## Wat we afspreken
- **Cliënten blijven onherkenbaar.** Geen namen, kamernummers of foto's van cliënten op je eigen account.
- **Geen persoonsgegevens.** Geen telefoonnummers, adressen of geboortedata van cliënten, collega's of jezelf.
- **Intern blijft intern.** Plannen, cijfers en incidenten deelt de organisatie zelf als het zover is.
- **Respect voor iedereen.** Kritiek mag, schelden en roddelen niet.
- **Spreek voor jezelf.** Alleen de woordvoerder spreekt namens Lindehof.
- **Contact met cliënten loopt via het werk**, niet via je privé-WhatsApp of Facebook.

Twijfel je? Vraag het aan team communicatie.
"""

LOCATIONS = [
    ("De Linde", "Lindelaan 1, 7311 AA Apeldoorn"),
    ("Het Anker", "Havenstraat 4, 8011 AB Zwolle"),
    ("Klaverhof", "Klaverweg 10, 7411 CD Deventer"),
]
TEAMS = [
    ("Wijkteam Oost", "De Linde"),
    ("Afdeling Zonnebloem", "De Linde"),
    ("Dagbesteding Het Anker", "Het Anker"),
    ("Team Communicatie", None),
]
# email local part, first, last, roles, teams, handles
PEOPLE = [
    ("admin", "Anouk", "Verhoeven", [ADMINISTRATOR, EMPLOYEE], [], {"linkedin": "anouk_lindehof"}),
    (
        "communicatie",
        "Ruben",
        "de Vries",
        [COMMUNICATIONS, EMPLOYEE],
        ["Team Communicatie"],
        {"linkedin": "ruben_lindehof", "x": "ruben_lindehof"},
    ),
    (
        "communicatie2",
        "Fatima",
        "El Amrani",
        [COMMUNICATIONS, EMPLOYEE],
        ["Team Communicatie"],
        {"linkedin": "fatima_lindehof", "instagram": "fatima_lindehof"},
    ),
    ("webcare", "Jeroen", "Bakker", [WEBCARE, EMPLOYEE], ["Team Communicatie"], {"x": "jeroen_lindehof"}),
    (
        "manager",
        "Marieke",
        "Jansen",
        [MANAGER, EMPLOYEE],
        ["Wijkteam Oost", "Afdeling Zonnebloem"],
        {"linkedin": "marieke_lindehof"},
    ),
    (
        "ambassadeur",
        "Sanne",
        "Visser",
        [AMBASSADOR, EMPLOYEE],
        ["Wijkteam Oost"],
        {"linkedin": "sanne_lindehof", "instagram": "sannezorgt"},
    ),
    (
        "ambassadeur2",
        "Lotte",
        "Bos",
        [AMBASSADOR, EMPLOYEE],
        ["Afdeling Zonnebloem"],
        {"linkedin": "lotte_lindehof", "mastodon": "lottebos@mastodon.nl"},
    ),
    ("medewerker", "Kees", "Hendriks", [EMPLOYEE], ["Afdeling Zonnebloem"], {"facebook": "kees.hendriks"}),
    ("vrijwilliger", "Ans", "Mulder", [VOLUNTEER], ["Dagbesteding Het Anker"], {}),
    ("client", "Henk", "Smit", [CLIENT], ["Dagbesteding Het Anker"], {}),
]
ACCOUNTS = [
    (
        "linkedin",
        "zorggroep-lindehof",
        "https://www.linkedin.com/company/zorggroep-lindehof",
        "Werkgeversmerk en nieuws",
        "Communicatie",
        None,
        ["communicatie", "communicatie2"],
        [AMBASSADOR],
        [],
    ),
    (
        "facebook",
        "zorggroeplindehof",
        "https://www.facebook.com/zorggroeplindehof",
        "Nieuws voor cliënten en familie",
        "Communicatie",
        None,
        ["communicatie", "communicatie2"],
        [WEBCARE],
        [],
    ),
    (
        "instagram",
        "zorggroeplindehof",
        "https://www.instagram.com/zorggroeplindehof",
        "Beeld van het werk",
        "Communicatie",
        None,
        ["communicatie2"],
        [],
        ["ambassadeur"],
    ),
    (
        "facebook",
        "dagbesteding-hetanker",
        "https://www.facebook.com/dagbesteding-hetanker",
        "Activiteiten van de dagbesteding",
        "Dagbesteding",
        "Het Anker",
        # Ans (a volunteer) posts on it, but an owner is staff (the account form offers no one else).
        ["communicatie"],
        [],
        ["vrijwilliger"],
    ),
]
DOMAIN = "lindehof.example"


def complete_basic_training(org, persons):
    """A few demo colleagues have done modules 1-3, so progress and the dashboard have something to show."""
    for step in Step.objects.filter(module__basic=True):
        if step.kind == QUESTION:
            right = next(n for n, choice in enumerate(step.choices) if choice.get("correct"))
            value, correct = {"choice": right}, True
        else:
            value, correct = {"text": "Gedaan in de demo."}, None
        for person in persons:
            Answer.objects.get_or_create(person=person, step=step, defaults={"value": value, "correct": correct})


@transaction.atomic
def create_demo():
    """Create (or keep) the demo organisation and return it with its logins."""
    org, _ = Organisation.objects.get_or_create(
        slug="lindehof",
        defaults={
            "name": "Zorggroep Lindehof",
            "naming_convention": "{voornaam}_{organisatie}",
            "handle_suffix": "lindehof",
            "require_two_factor": False,
            "policy_text": POLICY,
            "blog_disclaimer": "Deze blog schrijf ik op persoonlijke titel.",
            "public_contacts": "088 450 12 00\ninfo@lindehof.example\nwww.lindehof.example",
            "code_of_conduct_url": "https://www.lindehof.example/gedragscode",
        },
    )
    with organisation_scope(org):
        _fill(org)
    # The roll-up fills the figures of every organisation in one pass.
    with across_organisations():
        roll_up(first_activity(), timezone.localdate())
    return org, [(f"{p[0]}@{DOMAIN}", ", ".join(p[3])) for p in PEOPLE]


def _fill(org):
    locations = {}
    for name, address in LOCATIONS:
        locations[name], _ = Location.objects.get_or_create(organisation=org, name=name, defaults={"address": address})
    teams = {}
    for name, location in TEAMS:
        teams[name], _ = Team.objects.get_or_create(
            organisation=org, name=name, defaults={"location": locations.get(location)}
        )
    people = {}
    for local, first, last, roles, team_names, handles in PEOPLE:
        email = f"{local}@{DOMAIN}"
        person = User.objects.filter(email=email).first()
        if person is None:
            person = User.objects.create_user(email, DEMO_PASSWORD, first_name=first, last_name=last, organisation=org)
        domain.set_roles(None, person, roles)
        person.teams.add(*[teams[t] for t in team_names])
        for platform, handle in handles.items():
            Handle.objects.get_or_create(user=person, platform=platform, defaults={"handle": handle})
        people[local] = person
    teams["Wijkteam Oost"].managers.add(people["manager"])
    teams["Afdeling Zonnebloem"].managers.add(people["manager"])
    for platform, handle, url, purpose, department, location, owners, roles, allowed in ACCOUNTS:
        account, created = CorporateAccount.objects.get_or_create(
            organisation=org,
            platform=platform,
            handle=handle,
            defaults={
                "url": url,
                "purpose": purpose,
                "owner_department": department,
                "location": locations.get(location),
                "allowed_roles": roles,
            },
        )
        if created:
            account.owners.add(*[people[o] for o in owners])
            account.allowed_people.add(*[people[p] for p in allowed])
    create_demo_content(org, people["communicatie"])
    create_demo_stories(org, people)
    install_modules(org)
    complete_basic_training(org, [people[p] for p in ("ambassadeur", "manager", "communicatie")])
    create_demo_activity(
        org, [people[p] for p in ("ambassadeur", "medewerker", "manager", "communicatie", "vrijwilliger")]
    )
    create_demo_plan(org, people)
    photos = create_demo_consent(org, people)
    if photos:
        add_demo_photo(photos["feest"])
    for photo in photos.values():
        photochecks.request_check(photo)  # checked by the worker, as an upload is
    create_demo_webcare(org, people)
    create_demo_toolkit(org, people)
    create_demo_report_settings(org)
    create_demo_community(org, people)
    User.members.filter(pk__in=[people["ambassadeur"].pk, people["medewerker"].pk]).update(on_leaderboard=True)
