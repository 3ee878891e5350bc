"""Demo content for Zorggroep Lindehof: items over several campaigns, written for this demo."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from deelwijs.orgs.roles import AMBASSADOR, CLIENT, VOLUNTEER

from .models import Campaign, ContentItem, SuggestedText, Topic

SITE = "https://www.lindehof.example"
CAMPAIGNS = [
    ("Werken bij Lindehof", "werken-bij", "blue"),
    ("Week van de Ouderen", "week-van-de-ouderen", "magenta"),
    ("Samen tegen eenzaamheid", "eenzaamheid", "teal"),
    ("Vrijwilligers gezocht", "vrijwilligers", "brown"),
]
TOPICS = ["Vacatures", "Ouderenzorg", "Dagbesteding", "Vrijwilligers", "Innovatie", "Nieuws"]
# title, campaign slug, topics, path, linkedin text, other network texts, roles
ITEMS = [
    (
        "Vacature: verzorgende IG in Wijkteam Oost",
        "werken-bij",
        ["Vacatures"],
        "/vacatures/verzorgende-ig-oost",
        (
            "In ons wijkteam is plek voor een verzorgende IG. Ik werk hier zelf met veel plezier: korte lijnen en "
            "collega's die voor je klaarstaan."
        ),
        {
            "x": "Wij zoeken een verzorgende IG voor Wijkteam Oost. Iets voor jou?",
            "whatsapp": "Ken jij iemand die verzorgende IG is? Bij ons in Wijkteam Oost is plek!",
        },
        [],
    ),
    (
        "Open dag De Linde op zaterdag",
        None,
        ["Nieuws", "Ouderenzorg"],
        "/agenda/open-dag-de-linde",
        (
            "Zaterdag zetten we de deuren van De Linde open. Kom kijken hoe wonen met zorg er bij ons uitziet, de "
            "koffie staat klaar."
        ),
        {
            "facebook": "Open dag in De Linde! Neem gerust je ouders of buren mee.",
            "instagram": "Zaterdag open dag in De Linde. Wie komt er kijken?",
        },
        [],
    ),
    (
        "Nieuwe beweegtuin bij Het Anker",
        None,
        ["Dagbesteding", "Innovatie"],
        "/nieuws/beweegtuin-het-anker",
        (
            "De beweegtuin bij Het Anker is klaar. Buiten bewegen met een toestel op je eigen niveau: onze deelnemers "
            "zijn er al fan van."
        ),
        {"x": "De beweegtuin bij Het Anker is open. Bewegen in de buitenlucht!"},
        [],
    ),
    (
        "Vrijwilligers voor de koffieochtend",
        "vrijwilligers",
        ["Vrijwilligers"],
        "/vrijwilligers/koffieochtend",
        (
            "Elke woensdag schenken vrijwilligers koffie in De Linde. Een uurtje aandacht maakt voor bewoners het "
            "verschil. Doe je mee?"
        ),
        {"facebook": "Heb jij op woensdagochtend een uurtje? Onze koffieochtend zoekt vrijwilligers."},
        [],
    ),
    (
        "Week van de Ouderen: verhalen van vroeger",
        "week-van-de-ouderen",
        ["Ouderenzorg"],
        "/week-van-de-ouderen",
        (
            "Deze week staan de verhalen van ouderen centraal. Wat kunnen wij leren van wie ons voorging? Lees de "
            "verhalen die we ophaalden."
        ),
        {
            "x": "Week van de Ouderen: luister naar de verhalen van vroeger.",
            "bluesky": "Week van de Ouderen. Wie vertelde jou ooit een verhaal dat je nooit vergeet?",
        },
        [],
    ),
    (
        "Samen tegen eenzaamheid: het maatjesproject",
        "eenzaamheid",
        ["Vrijwilligers"],
        "/maatjes",
        (
            "Eenzaamheid zie je niet altijd. Met ons maatjesproject koppelen we buurtgenoten voor een wandeling of een "
            "kop koffie."
        ),
        {"whatsapp": "Ken je iemand die een maatje zou willen zijn? Ons maatjesproject zoekt mensen."},
        [],
    ),
    (
        "Leerling-verpleegkundigen gezocht voor september",
        "werken-bij",
        ["Vacatures"],
        "/opleiden",
        (
            "Leren en werken tegelijk? In september starten nieuwe leerling-verpleegkundigen bij ons. "
            "Ik begon zelf ook zo."
        ),
        {"instagram": "Leren én werken in de zorg? In september start een nieuwe groep leerlingen."},
        [],
    ),
    (
        "Techniek die helpt: slimme sensoren in de nacht",
        None,
        ["Innovatie", "Ouderenzorg"],
        "/nieuws/sensoren",
        (
            "Met sensoren zien we 's nachts wie onze hulp nodig heeft, zonder elke keer de kamer in te gaan. Meer rust "
            "voor iedereen."
        ),
        {"x": "Slimme sensoren in de nacht: meer rust voor bewoners en collega's."},
        [],
    ),
    (
        "Kerstmarkt in Klaverhof",
        None,
        ["Nieuws"],
        "/agenda/kerstmarkt",
        (
            "De kerstmarkt in Klaverhof is weer in aantocht, met kraampjes vol werk van onze dagbesteding. Iedereen is "
            "welkom."
        ),
        {"facebook": "Kerstmarkt in Klaverhof! Kom langs voor cadeautjes die onze deelnemers zelf maakten."},
        [],
    ),
    (
        "Ambassadeursbijeenkomst: deel je tips",
        None,
        ["Nieuws"],
        "/intranet/ambassadeurs",
        "Donderdag komen de ambassadeurs bij elkaar. Neem je beste foto-idee mee!",
        {"whatsapp": "Ambassadeurs, donderdag bijeenkomst. Wie neemt taart mee?"},
        [AMBASSADOR],
    ),
    (
        "Activiteiten voor deelnemers in december",
        None,
        ["Dagbesteding"],
        "/dagbesteding/december",
        (
            "In december bakken we koekjes, maken we kerststukjes en gaan we samen naar het kerstconcert. Zin om mee "
            "te doen?"
        ),
        {"whatsapp": "Het decemberprogramma van de dagbesteding staat klaar."},
        [CLIENT, VOLUNTEER],
    ),
]
EXTRA = [
    ("Werken in de nacht: zo ziet een dienst eruit", "werken-bij", "Vacatures"),
    ("Mantelzorgcafé elke eerste dinsdag", "eenzaamheid", "Ouderenzorg"),
    ("Muziek op de afdeling: de zangmiddag", "week-van-de-ouderen", "Ouderenzorg"),
    ("Vrijwilliger in de tuin van De Linde", "vrijwilligers", "Vrijwilligers"),
    ("Zij-instromers welkom in de zorg", "werken-bij", "Vacatures"),
    ("Wandelgroep voor buurtbewoners", "eenzaamheid", "Vrijwilligers"),
    ("Valpreventie: tien lessen In Balans", None, "Ouderenzorg"),
    ("Onze nieuwe website voor familie", None, "Nieuws"),
    ("Stagiairs vertellen over hun eerste week", "werken-bij", "Vacatures"),
    ("Samen eten in de huiskamer", "eenzaamheid", "Ouderenzorg"),
    ("Fietsen op de duofiets", "week-van-de-ouderen", "Dagbesteding"),
    ("Vrijwilligers rijden de ouderenbus", "vrijwilligers", "Vrijwilligers"),
    ("Beeldbellen met familie op de tablet", None, "Innovatie"),
    ("Dag van de Mantelzorg: dank je wel", "eenzaamheid", "Ouderenzorg"),
    ("Werken in de wijk: vrijheid en vakmanschap", "werken-bij", "Vacatures"),
    ("Het kookteam van Het Anker", None, "Dagbesteding"),
    ("Geheugenspel met oude foto's", "week-van-de-ouderen", "Ouderenzorg"),
    ("Vrijwilligersavond: een bedankje", "vrijwilligers", "Vrijwilligers"),
    ("Minder papier, meer tijd voor zorg", None, "Innovatie"),
    ("Buurtkamer open op zondagmiddag", "eenzaamheid", "Nieuws"),
    ("Doorgroeien naar verpleegkundige", "werken-bij", "Vacatures"),
    ("Nieuwe moestuinbakken op hoogte", None, "Dagbesteding"),
    ("Voorleesuurtje met kinderen uit de buurt", "week-van-de-ouderen", "Ouderenzorg"),
]


@transaction.atomic
def create_demo_content(org, author):
    if ContentItem.objects.exists():
        return
    campaigns = {
        slug: Campaign.objects.get_or_create(organisation=org, slug=slug, defaults={"name": name, "colour": colour})[0]
        for name, slug, colour in CAMPAIGNS
    }
    topics = {name: Topic.objects.get_or_create(organisation=org, name=name)[0] for name in TOPICS}
    now = timezone.now()
    for i, (title, campaign, topic_names, path, linkedin, others, roles) in enumerate(ITEMS):
        item = ContentItem(
            organisation=org,
            title=title,
            link=SITE + path,
            campaign=campaigns.get(campaign),
            starts_at=now - timedelta(days=i, hours=2),
            pinned=i == 0,
            created_by=author,
        )
        item.set_roles(roles)
        item.save()
        item.topics.set([topics[t] for t in topic_names])
        SuggestedText.objects.create(item=item, network="linkedin", text=linkedin)
        for network, text in others.items():
            SuggestedText.objects.create(item=item, network=network, text=text)
    for i, (title, campaign, topic) in enumerate(EXTRA, start=len(ITEMS)):
        item = ContentItem.objects.create(
            organisation=org,
            title=title,
            link=f"{SITE}/verhalen/{i}",
            campaign=campaigns.get(campaign),
            starts_at=now - timedelta(days=i, hours=5),
            created_by=author,
            expires_at=now - timedelta(days=1) if i % 11 == 0 else None,
        )
        item.topics.set([topics[topic]])
        SuggestedText.objects.create(
            item=item,
            network="linkedin",
            text=f"{title}. Bij ons in de zorg gebeurt zoveel moois, lees het hele verhaal.",
        )
        SuggestedText.objects.create(item=item, network="x", text=f"{title} – lees het verhaal.")
