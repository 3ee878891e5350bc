"""Starting response templates (any organisation) and the demo organisation's webcare.

The demo's sources, inbox items and a register entry.
"""

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
        )
        if status != "new":
            InboxEvent.objects.create(
                item=item, actor=people["webcare"], kind=InboxEvent.NOTE, created=created, text="Opgepakt door webcare."
            )
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
