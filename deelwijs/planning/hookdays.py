"""The hook calendar (inhaakkalender): Dutch public holidays and care and welfare theme days.

Theme days are data with a date rule, so days that move each year (the second
Saturday of October, the last Thursday of September) land on the right date.
Public holidays, including the ones that hang on Easter, come from `holidays`;
the Islamic feast days from `hijridate` (the Umm al-Qura calendar: in the
Netherlands a mosque may celebrate a day earlier or later, which the tip says).
The names are Dutch proper names and the tips are written for Dutch care
organisations, like the training modules, so they are data, not interface text.
"""

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

import holidays
from hijridate import Hijri

# Rules: ("date", month, day) | ("nth", month, weekday, n) with weekday 0 = Monday and n = -1 for the last one
#        | ("week_of", month, day): Monday to Sunday of the week that holds that date
#        | ("hijri", month, day): a day of the Islamic calendar (Umm al-Qura, computed by hijridate); it moves
#          about eleven days a year, so a year can hold it twice.
MON, TUE, WED, THU, FRI, SAT, SUN = range(7)

THEME_DAYS = [
    # key, name, rule, length in days, tip
    (
        "wereldkankerdag",
        "Wereldkankerdag",
        ("date", 2, 4),
        1,
        "Vertel wat jullie doen voor mensen met kanker en hun naasten, zonder iemand herkenbaar te maken.",
    ),
    (
        "valentijnsdag",
        "Valentijnsdag",
        ("date", 2, 14),
        1,
        "Aandacht voor elkaar: een bedankje aan collega's of vrijwilligers.",
    ),
    (
        "complimentendag",
        "Nationale Complimentendag",
        ("date", 3, 1),
        1,
        "Zet een collega, team of vrijwilliger in het zonnetje (met toestemming).",
    ),
    (
        "vrouwendag",
        "Internationale Vrouwendag",
        ("date", 3, 8),
        1,
        "De zorg draait voor een groot deel op vrouwen: laat zien wie er bij jullie het verschil maken.",
    ),
    (
        "nldoet",
        "NLdoet",
        ("nth", 3, FRI, 2),
        2,
        "Vrijwilligers klussen een dag mee: nodig ze uit en bedank ze achteraf.",
    ),
    (
        "dag-van-de-zorg",
        "Dag van de Zorg",
        ("nth", 3, SAT, 3),
        1,
        "Open de deuren voor wie wil zien hoe het werk echt is; goed voor werving.",
    ),
    (
        "downsyndroomdag",
        "Wereld Downsyndroomdag",
        ("date", 3, 21),
        1,
        "Bonte sokken aan: een luchtige foto van het team, zonder cliënten in beeld.",
    ),
    ("tuberculosedag", "Wereldtuberculosedag", ("date", 3, 24), 1, "Kennis delen over preventie en signalering."),
    ("purple-day", "Purple Day (epilepsie)", ("date", 3, 26), 1, "Vertel wat een collega moet weten bij een aanval."),
    ("autismedag", "Wereld Autisme Dag", ("date", 4, 2), 1, "Laat zien hoe jullie de omgeving prikkelarm maken."),
    ("gezondheidsdag", "Wereldgezondheidsdag", ("date", 4, 7), 1, "Sluit aan bij het thema van de WHO van dit jaar."),
    (
        "parkinsondag",
        "Wereld Parkinson Dag",
        ("date", 4, 11),
        1,
        "Uitleg van een fysiotherapeut of ergotherapeut over bewegen met parkinson.",
    ),
    (
        "astmadag",
        "Wereld Astma Dag",
        ("nth", 5, TUE, 1),
        1,
        "Een praktische tip over ademhaling of inhalatoren van een longverpleegkundige.",
    ),
    (
        "handhygienedag",
        "Wereld Handhygiënedag",
        ("date", 5, 5),
        1,
        "Een korte video van de juiste handwasmethode door een collega.",
    ),
    (
        "verloskundigedag",
        "Internationale Dag van de Verloskundige",
        ("date", 5, 5),
        1,
        "Stel een verloskundige uit jullie regio voor.",
    ),
    (
        "rode-kruisdag",
        "Wereld Rode Kruisdag",
        ("date", 5, 8),
        1,
        "Bedank de EHBO'ers en BHV'ers in jullie organisatie.",
    ),
    (
        "moederdag",
        "Moederdag",
        ("nth", 5, SUN, 2),
        1,
        "Wat gebeurt er op de afdelingen voor moeders? Let op herkenbaarheid van bewoners.",
    ),
    (
        "dag-van-de-verpleging",
        "Internationale Dag van de Verpleging",
        ("date", 5, 12),
        1,
        "Het moment om verpleegkundigen en verzorgenden te laten vertellen waarom ze dit werk doen.",
    ),
    (
        "niet-roken-dag",
        "Wereld Niet Roken Dag",
        ("date", 5, 31),
        1,
        "Hoe helpen jullie cliënten en collega's bij stoppen met roken?",
    ),
    (
        "bloeddonordag",
        "Wereldbloeddonordag",
        ("date", 6, 14),
        1,
        "Een oproep om donor te worden, met een collega die al donor is.",
    ),
    (
        "ouderenmishandeling",
        "Internationale Dag tegen Ouderenmishandeling",
        ("date", 6, 15),
        1,
        "Waar kun je terecht als je je zorgen maakt? Deel het meldpunt.",
    ),
    (
        "vaderdag",
        "Vaderdag",
        ("nth", 6, SUN, 3),
        1,
        "Een activiteit voor vaders en opa's, zonder bewoners herkenbaar in beeld.",
    ),
    (
        "fysiotherapiedag",
        "Wereld Fysiotherapie Dag",
        ("date", 9, 8),
        1,
        "Een oefening van de week, voorgedaan door een fysiotherapeut.",
    ),
    (
        "suicidepreventiedag",
        "Wereld Suïcidepreventiedag",
        ("date", 9, 10),
        1,
        "Deel altijd de hulplijn (113 of 0800-0113) en schrijf zorgvuldig.",
    ),
    (
        "alzheimerdag",
        "Wereld Alzheimer Dag",
        ("date", 9, 21),
        1,
        "Hoe herken je dementie en wat kun je als buur of familie doen?",
    ),
    (
        "burendag",
        "Burendag",
        ("nth", 9, SAT, 4),
        1,
        "Nodig de buurt uit op jullie locatie: goed voor contact en vrijwilligers.",
    ),
    (
        "week-tegen-eenzaamheid",
        "Week tegen Eenzaamheid",
        ("nth", 9, THU, -1),
        8,
        "Wat doen jullie tegen eenzaamheid, en hoe kunnen buurtgenoten helpen?",
    ),
    ("hartdag", "Wereld Hartdag", ("date", 9, 29), 1, "Een tip voor een gezond hart van een hartfalenverpleegkundige."),
    (
        "dag-van-de-ouderen",
        "Internationale Dag van de Ouderen",
        ("date", 10, 1),
        1,
        "Laat ouderen zelf aan het woord via een eigen verhaal, met hun toestemming.",
    ),
    ("dierendag", "Dierendag", ("date", 10, 4), 1, "De therapiehond of de kippen van de dagbesteding in beeld."),
    (
        "week-psychische-gezondheid",
        "Week van de Psychische Gezondheid",
        ("week_of", 10, 10),
        7,
        "Praat over mentale gezondheid, ook die van collega's.",
    ),
    (
        "mentale-gezondheidsdag",
        "Wereld Mentale Gezondheidsdag",
        ("date", 10, 10),
        1,
        "Deel waar mensen terechtkunnen voor hulp.",
    ),
    (
        "hospicedag",
        "Wereld Hospice- en Palliatieve Zorgdag",
        ("nth", 10, SAT, 2),
        1,
        "Vertel wat vrijwilligers en verpleegkundigen doen in de laatste levensfase.",
    ),
    (
        "ergotherapiedag",
        "Wereld Ergotherapie Dag",
        ("date", 10, 27),
        1,
        "Een hulpmiddel dat het dagelijks leven makkelijker maakt, uitgelegd.",
    ),
    ("beroertedag", "Wereld Beroertedag", ("date", 10, 29), 1, "Herken een beroerte: deel de signalen en bel 112."),
    (
        "dag-van-de-mantelzorg",
        "Dag van de Mantelzorg",
        ("date", 11, 10),
        1,
        "Bedank mantelzorgers en laat zien waar ze steun vinden.",
    ),
    ("diabetesdag", "Wereld Diabetesdag", ("date", 11, 14), 1, "Een praktische tip van een diabetesverpleegkundige."),
    ("aidsdag", "Wereld Aidsdag", ("date", 12, 1), 1, "Kennis tegen stigma; geen verhalen over individuele cliënten."),
    (
        "dag-mensen-met-beperking",
        "Internationale Dag van Mensen met een Beperking",
        ("date", 12, 3),
        1,
        "Laat zien hoe jullie meedoen mogelijk maken.",
    ),
    (
        "sinterklaas",
        "Sinterklaas",
        ("date", 12, 5),
        1,
        "Een gedicht voor de collega's of een foto van de versierde huiskamer.",
    ),
    (
        "vrijwilligersdag",
        "Nationale Vrijwilligersdag",
        ("date", 12, 7),
        1,
        "Bedank de vrijwilligers: zonder hen geen uitjes, koffie of wandelingen.",
    ),
    # Remembrance, freedom and diversity
    (
        "dodenherdenking",
        "Nationale Dodenherdenking",
        ("date", 5, 4),
        1,
        "Een dag om stil te zijn: plan geen vrolijke of wervende berichten, zeker niet rond 20.00 uur.",
    ),
    (
        "bevrijdingsdag",
        "Bevrijdingsdag",
        ("date", 5, 5),
        1,
        "Vrijheid in de zorg: wat betekent zelf kiezen voor de mensen die jullie ondersteunen?",
    ),
    (
        "dag-tegen-racisme",
        "Internationale Dag tegen Racisme en Discriminatie",
        ("date", 3, 21),
        1,
        "Laat zien hoe jullie team met verschillende achtergronden samenwerkt, in de woorden van collega's zelf.",
    ),
    (
        "idahot",
        "Internationale Dag tegen Homofobie en Transfobie",
        ("date", 5, 17),
        1,
        "Vertel hoe iedereen zich bij jullie welkom kan voelen, als cliënt en als collega.",
    ),
    (
        "vluchtelingendag",
        "Wereldvluchtelingendag",
        ("date", 6, 20),
        1,
        "Een collega die zelf gevlucht is, vertelt misschien graag haar verhaal: alleen als zij dat wil.",
    ),
    (
        "keti-koti",
        "Keti Koti",
        ("date", 7, 1),
        1,
        "Herdenking en viering van de afschaffing van de slavernij: geef collega's de ruimte om zelf te vertellen.",
    ),
    (
        "coming-out-day",
        "Coming Out Day",
        ("date", 10, 11),
        1,
        "Een regenboog in de huiskamer of een verhaal van een collega: "
        "oudere lhbti'ers zijn in de zorg vaak onzichtbaar.",
    ),
    (
        "paarse-vrijdag",
        "Paarse Vrijdag",
        ("nth", 12, FRI, 2),
        1,
        "Jongeren in de jeugdzorg en op school laten zien dat lhbti'ers erbij horen: paars aan voor de teamfoto.",
    ),
    (
        "mensenrechtendag",
        "Dag van de Rechten van de Mens",
        ("date", 12, 10),
        1,
        "Zeggenschap, privacy, een eigen plek: vertel hoe rechten er in de dagelijkse zorg uitzien.",
    ),
    # Islamic feast days, computed from the Islamic calendar
    (
        "suikerfeest",
        "Suikerfeest (Eid al-Fitr)",
        ("hijri", 10, 1),
        1,
        "Het einde van de ramadan: een felicitatie aan collega's en cliënten die het vieren. "
        "De precieze dag kan per moskee een dag verschillen.",
    ),
    (
        "offerfeest",
        "Offerfeest (Eid al-Adha)",
        ("hijri", 12, 10),
        1,
        "Een felicitatie aan wie het viert, en een woord van dank aan collega's die die dag toch werken. "
        "De precieze dag kan per moskee een dag verschillen.",
    ),
    # Youth care
    (
        "dag-van-de-jeugd",
        "Internationale Dag van de Jeugd",
        ("date", 8, 12),
        1,
        "Geef jongeren het woord: wat willen zij dat mensen weten over jeugdhulp? "
        "Met hun toestemming, zonder herkenbare details.",
    ),
    (
        "rechten-van-het-kind",
        "Internationale Dag van de Rechten van het Kind",
        ("date", 11, 20),
        1,
        "Vertel hoe jullie kinderen laten meepraten over hun eigen hulp.",
    ),
    # GGZ
    (
        "bipolardag",
        "Wereld Bipolar Dag",
        ("date", 3, 30),
        1,
        "Uitleg van een behandelaar of ervaringsdeskundige over leven met een bipolaire stoornis.",
    ),
    (
        "eetstoornissendag",
        "Wereld Eetstoornissendag",
        ("date", 6, 2),
        1,
        "Signalen waar naasten op kunnen letten, en waar je terechtkunt; geen foto's van lichamen.",
    ),
    # Disability care
    (
        "braille-dag",
        "Wereld Braille Dag",
        ("date", 1, 4),
        1,
        "Hoe maken jullie informatie toegankelijk voor mensen die slecht of niet zien?",
    ),
    (
        "gebarentaaldag",
        "Internationale Dag van de Gebarentaal",
        ("date", 9, 23),
        1,
        "Een kort filmpje van een collega die een paar gebaren leert, met ondertiteling.",
    ),
    (
        "cerebrale-parese-dag",
        "Wereld Cerebrale Parese Dag",
        ("date", 10, 6),
        1,
        "Een fysiotherapeut of begeleider vertelt wat er nodig is om mee te doen; geen cliënten herkenbaar in beeld.",
    ),
]


@dataclass(frozen=True)
class HookDay:
    day: date
    name: str
    kind: str  # "holiday", "theme" or "own"
    key: str = ""
    tip: str = ""
    last_day: date | None = None

    @property
    def days(self):
        return ((self.last_day or self.day) - self.day).days + 1


def nth_weekday(year, month, weekday, n):
    """The n-th given weekday of a month; n = -1 is the last one."""
    days = [d for d in calendar.Calendar().itermonthdates(year, month) if d.month == month and d.weekday() == weekday]
    return days[n - 1] if n > 0 else days[n]


def resolve_all(rule, year):
    """Every first day of the rule in the year: one, or for an Islamic day none or two."""
    if rule[0] != "hijri":
        return [resolve(rule, year)]
    # The Islamic year is about 354 days: try the few Islamic years that overlap this Gregorian one.
    around = round((year - 622) * 33 / 32)
    found = []
    for islamic_year in range(around - 1, around + 3):
        try:
            day = Hijri(islamic_year, rule[1], rule[2]).to_gregorian()
        except (ValueError, OverflowError):  # outside the calendar's range (1924-2077)
            continue
        if day.year == year:
            found.append(date(day.year, day.month, day.day))
    return found


def resolve(rule, year):
    kind = rule[0]
    if kind == "date":
        return date(year, rule[1], rule[2])
    if kind == "nth":
        return nth_weekday(year, rule[1], rule[2], rule[3])
    if kind == "week_of":
        anchor = date(year, rule[1], rule[2])
        return anchor - timedelta(days=anchor.weekday())
    raise ValueError(f"unknown date rule {rule!r}")


def theme_days(year):
    for key, name, rule, length, tip in THEME_DAYS:
        for first in resolve_all(rule, year):
            last = first + timedelta(days=length - 1) if length > 1 else None
            yield HookDay(first, name, "theme", key, tip, last)


def public_holidays(year):
    for day, name in sorted(holidays.country_holidays("NL", years=year, language="nl").items()):
        yield HookDay(day, name, "holiday", f"feestdag-{day.isoformat()}")


def hook_days(start, end, own=()):
    """Every hook day that touches [start, end], sorted by date. `own` are the organisation's own days."""
    found = []
    for year in range(start.year - 1, end.year + 1):
        candidates = [*theme_days(year), *public_holidays(year)]
        for day in own:
            if day.yearly:
                try:
                    candidates.append(
                        HookDay(day.day.replace(year=year), day.name, "own", f"eigen-{day.pk}", day.description)
                    )
                except ValueError:  # 29 February in a year without it
                    continue
            elif day.day.year == year:
                candidates.append(HookDay(day.day, day.name, "own", f"eigen-{day.pk}", day.description))
        # Bevrijdingsdag is a public holiday once in five years and a theme day in the others: show it once.
        official = {(h.day, h.name) for h in candidates if h.kind == "holiday"}
        candidates = [h for h in candidates if h.kind == "holiday" or (h.day, h.name) not in official]
        found += [h for h in candidates if h.day <= end and (h.last_day or h.day) >= start]
    return sorted(set(found), key=lambda h: (h.day, h.kind != "holiday", h.name))


def find(key, year):
    """A built-in hook day by key in a year (for starting a post from it)."""
    for hook in [*theme_days(year), *public_holidays(year)]:
        if hook.key == key:
            return hook
    return None
