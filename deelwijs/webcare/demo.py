"""Starting response templates (any organisation) and the demo organisation's webcare.

The demo's sources, inbox items and a register entry.
"""

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from .domain import fingerprint
from .models import Conversation, InboxEvent, InboxItem, ResponseTemplate, Source

TEMPLATES = [
    (
        "Bedankt voor je compliment",
        "Dank je wel {naam}, wat fijn om te lezen! We geven je compliment door aan het team.",
    ),
    (
        "Klacht: we willen het graag horen",
        "Hallo {naam}, vervelend dat je dit zo hebt ervaren. We willen graag precies weten wat er is gebeurd. "
        "Wil je ons een privébericht sturen of bellen met 088 450 12 00? Dan zoeken we het samen uit.",
    ),
    (
        "Vraag over zorg aan een cliënt",
        "Hallo {naam}, over de zorg aan een cliënt kunnen we hier niets zeggen, ook niet of iemand bij ons woont. "
        "Neem contact op met de afdeling of met ons algemene nummer 088 450 12 00, dan helpen we je verder.",
    ),
    (
        "Onjuiste informatie rechtzetten",
        "Hallo {naam}, dank je voor het delen. Er klopt iets niet helemaal: op onze website staat hoe het zit. "
        "Heb je nog vragen, stuur ons dan een bericht.",
    ),
    (
        "Vacature: dank voor je interesse",
        "Leuk dat je interesse hebt, {naam}! Alle vacatures en de contactpersoon staan op onze website. "
        "Bellen mag ook: 088 450 12 00.",
    ),
]


def install_templates(organisation):
    if ResponseTemplate.objects.exists():
        return 0
    ResponseTemplate.objects.bulk_create(
        [ResponseTemplate(organisation=organisation, title=t, text=x) for t, x in TEMPLATES]
    )
    return len(TEMPLATES)


# kind, source index or None, author, text, status, priority, hours ago
ITEMS = [
    (
        "mention",
        0,
        "RTV Apeldoorn",
        "Zorggroep Lindehof opent nieuwe buurtkamer in De Linde: bewoners en buren drinken samen koffie",
        "new",
        "normal",
        3,
    ),
    (
        "mention",
        1,
        "@marloes@mastodon.nl",
        "Mijn oma woont in De Linde van Zorggroep Lindehof en de verzorging is zo lief. Dank jullie wel!",
        "answered",
        "low",
        30,
    ),
    (
        "mention",
        1,
        "@kritisch@mastodon.nl",
        "Weer lange wachtlijst bij Zorggroep Lindehof voor dagbesteding. Wanneer wordt dat opgelost?",
        "in_progress",
        "high",
        6,
    ),
    (
        "mention",
        2,
        "jeroenb.bsky.social",
        "Lindehof zoekt vrijwilligers voor de dagbesteding in Het Anker, mooie kans om iets te doen in de buurt",
        "closed",
        "low",
        60,
    ),
    (
        "mention",
        0,
        "De Stentor",
        "Zorggroep Lindehof: personeelstekort in de wijkverpleging, wachtlijst groeit",
        "escalated",
        "urgent",
        20,
    ),
    (
        "signal",
        None,
        "",
        "In een Facebookgroep van Apeldoorn zegt iemand dat er bij De Linde niemand 's nachts "
        "aanwezig is. Dat klopt niet. Er reageren al veel mensen.",
        "new",
        "high",
        1,
    ),
    (
        "mention",
        2,
        "zorgcollega.bsky.social",
        "Wachtlijst dagbesteding Lindehof weer langer, familie is boos",
        "new",
        "normal",
        26,
    ),
]


# What came in over the months before, for the quarterly report's webcare figures: answered or closed, most in
# time. kind, author, text (each used a few times, on different days).
HISTORY = [
    ("mention", "De Stentor", "Zorggroep Lindehof zoekt verpleegkundigen voor de wijk in Apeldoorn-Zuid"),
    ("mention", "@buurtbewoner@mastodon.nl", "Mooi initiatief van Lindehof: de moestuin bij De Linde is open"),
    ("mention", "mantelzorger.bsky.social", "Lang gewacht op een terugbelverzoek bij Lindehof, wie weet hoe dat zit?"),
    ("mention", "RTV Apeldoorn", "Vrijwilligers van Het Anker in het zonnetje gezet tijdens de open dag"),
    ("mention", "@familie@mastodon.nl", "Fijne verzorging bij Lindehof, maar het parkeren is een ramp"),
    ("signal", "", "Op Facebook deelt iemand een foto van de huiskamer van Zonnebloem; staat daar een bewoner op?"),
    ("mention", "zorgwerker.bsky.social", "Sollicitatie bij Lindehof: snel antwoord en een warm gesprek"),
    ("signal", "", "In een buurtgroep op WhatsApp gaat een verkeerd bericht rond over de sluiting van Het Anker"),
]
# Minutes until webcare took an item up, and hours until it was handled, per priority (the deadlines are 1 to 72 h).
PRIORITIES = ["normal", "normal", "low", "high", "normal", "urgent", "low", "high"]


def _history(org, sources, people, now, rng):
    """Three dozen handled items over the last five months, with the moments they were taken up and handled."""
    items = []
    for n in range(36):
        kind, author, text = HISTORY[n % len(HISTORY)]
        priority = PRIORITIES[n % len(PRIORITIES)]
        created = now - timedelta(days=5 + n * 4.2, hours=rng.randint(0, 9))
        due_hours = InboxItem.DUE_HOURS[priority]
        responded = created + timedelta(minutes=round(rng.expovariate(1 / min(90, due_hours * 20))) + 3)
        # Most are handled within the deadline; every seventh took longer.
        spent = due_hours * (1.6 if n % 7 == 3 else rng.uniform(0.2, 0.9))
        items.append(
            InboxItem(
                organisation=org,
                kind=kind,
                source=sources[n % 3] if kind == "mention" else None,
                reporter=people["medewerker"] if kind == "signal" else None,
                author=author,
                text=text,
                url=f"https://www.example.nl/bericht/h{n + 1}" if kind == "mention" else "",
                published=created,
                created=created,
                status="answered" if n % 3 else "closed",
                priority=priority,
                due_at=created + timedelta(hours=due_hours),
                fingerprint=fingerprint(f"{text} {n}"),
                assigned_to=people["webcare"],
                responded_at=responded,
                handled_at=max(responded, created + timedelta(hours=spent)),
            )
        )
    InboxItem.objects.bulk_create(items)


@transaction.atomic
def create_demo_webcare(org, people):
    if Source.objects.exists():
        return
    install_templates(org)
    org.monitor_terms = "Lindehof\nDe Linde\nHet Anker"
    org.save(update_fields=["monitor_terms"])
    # Due at once: the scheduler's first poll reads them. Without internet they fail, and the sources page
    # shows that with the error and the time, as it would for a real source.
    now = timezone.now()
    sources = [
        Source.objects.create(
            organisation=org,
            name="Nieuws uit de regio",
            kind=Source.RSS,
            url="https://www.example.nl/regio/rss.xml",
            interval_minutes=30,
            next_poll=now,
        ),
        Source.objects.create(
            organisation=org,
            name="Mastodon #lindehof",
            kind=Source.MASTODON,
            url="https://mastodon.nl",
            query="#lindehof",
            interval_minutes=15,
            next_poll=now,
        ),
        Source.objects.create(
            organisation=org,
            name="Bluesky: Lindehof",
            kind=Source.BLUESKY,
            url="https://public.api.bsky.app",
            query="Lindehof",
            interval_minutes=15,
            next_poll=now,
        ),
    ]
    for n, (kind, source, author, text, status, priority, hours) in enumerate(ITEMS):
        created = now - timedelta(hours=hours)
        item = InboxItem.objects.create(
            organisation=org,
            kind=kind,
            source=sources[source] if source is not None else None,
            reporter=people["medewerker"] if kind == "signal" else None,
            author=author,
            text=text,
            url=f"https://www.example.nl/bericht/{n + 1}" if kind == "mention" else "",
            published=created,
            created=created,
            status=status,
            priority=priority,
            fingerprint=fingerprint(text),
            assigned_to=people["webcare"] if status != "new" else None,
            escalated_to=InboxItem.TO_COMMUNICATIONS if status == "escalated" else "",
            responded_at=created + timedelta(minutes=20 + 7 * n) if status != "new" else None,
            handled_at=created + timedelta(hours=0.5 + n) if status in InboxItem.HANDLED else None,
        )
        if status != "new":
            InboxEvent.objects.create(
                item=item, actor=people["webcare"], kind=InboxEvent.NOTE, created=created, text="Opgepakt door webcare."
            )
    _history(org, sources, people, now, random.Random(11))
    Conversation.objects.create(
        organisation=org,
        employee=people["medewerker"],
        recorded_by=people["manager"],
        post="Foto op Facebook van de huiskamer met een bewoner herkenbaar op de achtergrond (inmiddels verwijderd).",
        severity=Conversation.UNAWARE,
        held_on=timezone.localdate() - timedelta(days=12),
        conversation="Besproken waarom ook een bewoner op de achtergrond herkenbaar is. Kees zag het niet en "
        "haalde de foto meteen weg.",
        follow_up="Kees volgt module 3 van de training.",
        follow_up_on=timezone.localdate() + timedelta(days=14),
    )
