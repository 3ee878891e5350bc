"""client_privacy: whether a post makes a care recipient recognisable.

A person mention alone is not enough: colleagues, public figures and the
writer's own family are named all the time. We look at what the sentence
around a mention says about that person (receiving care, a room, a ward,
an age) against what says it is a colleague or an outsider.
"""

from typing import Protocol

import regex as re

from ..lexicon import dictionaries, lexicon
from ..lists import alternation
from ..text import Doc, Emit, Span


class Flag(Protocol):
    """detect's flag(): report a span that makes a client recognisable, once."""

    def __call__(self, start: int, end: int, key: str, rule: str = ...) -> None: ...


PARTICLES = r"(?:(?:[Vv]an|[Dd]e|[Dd]er|[Dd]en|[Tt]er|[Tt]en|[Tt]e|[Ll]a|[Ll]e|[Oo]p|[Ii]n\s't|v\.d\.)\s+){0,3}"
TITLE = re.compile(
    rf"(?<![\p{{L}}])(?i:{alternation('titles')})"
    rf"\s+({PARTICLES}(?:[A-Z][\p{{L}}'’\-]+|[A-Z]\.(?:\s?[A-Z]\.)*)|[a-z][\p{{L}}'’\-]{{2,}})"
)
# Outsiders and colleagues who are named with a title without being clients:
# "wethouder mevrouw X", "meneer X, onze nieuwe directeur", "meneer X van de gemeente".
OUTSIDER_WORDS = alternation("outsiders")  # lists/outsiders.txt
# Compounds too: "locatiemanager Henk", "jeugdzorgexpert Jolien".
OUTSIDER_BEFORE = re.compile(rf"(?<![\p{{L}}-])\p{{L}}*{OUTSIDER_WORDS}\s*,?\s*$", re.I)
OUTSIDER_AFTER = re.compile(
    rf"^\s*(?:,\s*|\s\()(?:de\s|het\s|onze\s|een\s)?(?:\w+\s)?{OUTSIDER_WORDS}|^\s(?:van|namens)\sde\s(?:gemeente|provincie|inspectie|igj|"
    r"zorgverzekeraar|leverancier|bank|woningcorporatie)",
    re.I,
)

# In the first-name list, but in a post nearly always an article or particle.
NOT_NAMES = {
    "De",
    "Het",
    "Van",
    "Den",
    "Der",
    "Ter",
    "Ten",
    "Te",
    "La",
    "Le",
    "El",
    "Al",
    "Op",
    "In",
    "Dag",
    "Will",
    "May",
    "My",  # English "my", a first name too
}
CLIENT_NOUN = (
    r"bewoners?|bewoonsters?|cli[eë]nte?n?|clients?|pati[eë]nte?n?|patients?|residents?|deelnemers?|pupillen|pupil|"
    r"jongeren|jongere|logé|logés|gasten?|zorgvragers?|hulpvragers?|kinderen|kindje|kind|baby|zuigeling"
)
CLIENT_CONTEXT = re.compile(
    rf"(?<![\p{{L}}])(?:(?<!\w)\w*(?:{CLIENT_NOUN})|(?:van|op|naar)\s(?:de\s)?(?:groep|afdeling|kamer|leefgroep|woongroep|unit|"
    r"dagbesteding|poli|seh|ic|intensive care|opname)|room\s\d|opgenomen|overleden|overleed|verbleef|verblijft|"
    r"gevallen|onrustig|verward|medicatie|medicijnen|katheter|infuus|wond|diagnose|behandeling|operatie|"
    r"revalid\w*|ontslagen|zorgplan|behandelplan|dossier|rapportage|(?:zoon|dochter|moeder|vader|ouders|familie|"
    r"kleinkinderen|partner|echtgeno(?:te|ot)|mentor)\svan)(?![\p{L}])",
    re.I,
)
CARE_RECEIPT = re.compile(
    r"bij\sons\s(?:in|op|binnen|opgenomen|verbleef|terecht|zorg|op\sde)\b|\bopgenomen\b|binnengebracht|binnen\s?kwam|"
    r"binnen\sgekomen|verbleef|verblijft|\bligt\s(?:sinds|nu|al|op|in|bij)|\boverleden\b|\boverleed\b|in\szorg\b|"
    r"zorg\s(?:gegeven|geven|krijgt|kreeg|gekregen)|verzorgd|behandeld|op\sde\s(?:seh|eerste\shulp|spoedeisende\shulp|"
    r"ic|dagbesteding|poli)|in\shet\shospice|naar\shuis\smocht|\bzit\s.{0,30}\bbij\sons\b|cli[eë]nt\sbij\sons|"
    r"pati[eë]nt\sbij\sons|kwam\s.{0,25}bij\sons|opnemen|op\ste\snemen|crisisdienst|crisisopvang|binnengekregen|"
    r"\b(?:is|werd|wordt)\s(?:nu\s|sinds\s\w+\s)?(?:onze|een|de)\s(?:\w+\s)?(?:bewoner|bewoonster|cli[eë]nte?|pati[eë]nte?)\b",
    re.I,
)
STAFF_CONTEXT = re.compile(rf"(?<![\p{{L}}]){alternation('staff_words')}(?![\p{{L}}])", re.I)  # lists/staff_words.txt
OWN_FAMILY = re.compile(rf"(?:mijn|m'n|onze)\s{alternation('own_family')}\s*,?\s*$", re.I)  # lists/own_family.txt
RELATIVE_OF = re.compile(rf"{alternation('relatives')}\svan\s$", re.I)  # lists/relatives.txt
CLIENT_BEFORE_NAME = re.compile(rf"(?:{CLIENT_NOUN}|lievelingsbewoner\w*)\s*,?\s*$", re.I)
AGE_AFTER_NAME = re.compile(r"^\s*\(\d{1,3}(?:\s?jaar)?\)|^\s*,\s*\d{1,3}\s?(?:jaar|jr)")
ROLE_AFTER_NAME = re.compile(
    rf"^\s*(?:,\s*|\s\()(?:\w+\s){{0,3}}?\p{{L}}*{alternation('staff_roles')}", re.I
)  # lists/staff_roles.txt; compounds too: "Pieter, revalidatiearts"
ROOM = re.compile(
    r"(?<![\p{L}])(?:kamer|kamernummer|room|bed|bednummer|box)\s?(?:nr\.?\s?|nummer\s)?\d{1,3}(?:[.\-]\d{1,3})?[a-z]?(?![\d\p{L}])"
    r"|(?<![\p{L}])(?:van|op)\s(?:huis)?nummer\s\d{1,4}(?![\d])"
    r"|(?<=(?:familie|zoon|dochter|moeder|vader)\svan\s)\d{1,3}[a-z]?(?![\d\p{L}])"
    r"|(?<=(?:meneer|mevrouw|mevr\.?|mw\.?|dhr\.?|bewoner|bewoonster|cli[eë]nt)\s(?:op|uit)\s)\d{1,3}[a-z]?(?![\d\p{L}])"
    r"|(?<![\p{L}])(?:bij|van|op|naar)\s(?:nr\.?|no\.?)\s?\d{1,4}[a-z]?(?![\d\p{L}])",
    re.I,
)
MEETING = re.compile(
    r"(?<![\p{L}])(?:\w*(?:vergadering|overleg|meeting|bijeenkomst|scholing|training|workshop|intervisie|presentatie|"
    r"lokaal|spreekkamer|vergaderzaal))(?![\p{L}])",
    re.I,
)
# Room, bed and house numbers written out: "kamer zeventien", "bed drie", "op nummer twaalf".
# A bare "een" is the article ("in bed een boek lezen"); only "één" is the number.
_UNIT = r"(?:één|twee|drie|vier|vijf|zes|zeven|acht|negen)"
NUMBER_WORD = (
    rf"(?:(?:{_UNIT}|een)(?:en|ën)(?:twintig|dertig|veertig|vijftig|zestig|zeventig|tachtig|negentig)|{_UNIT}|tien|"
    r"elf|twaalf|dertien|veertien|vijftien|zestien|zeventien|achttien|negentien|twintig|dertig|veertig|vijftig|"
    r"zestig|zeventig|tachtig|negentig|honderd)"
)
ROOM_SPELLED = re.compile(
    rf"(?<![\p{{L}}])(?:(?:kamer|kamernummer|bed|bednummer|box)\s(?:nummer\s)?{NUMBER_WORD}"
    rf"|(?:van|op)\s(?:huis)?nummer\s{NUMBER_WORD})(?![\p{{L}}])",
    re.I,
)
# Pets visit wards and have names: "poes Saartje", "onze therapiehond Bobby".
ANIMAL = (
    r"\w*(?:kat|poes|poesje|kater|hond|hondje|pup|puppy|konijn|konijntje|cavia|parkiet|papegaai|kip|"
    r"haan|geit|geitje|pony|paard|ezel|alpaca|schaap|vis)"
)
PET_BEFORE = re.compile(rf"(?<![\w])(?:{ANIMAL})\s*,?\s*$", re.I)
# "Bertha de kat", "Saartje, onze afdelingspoes": the name of an animal wherever else it appears.
# Lower case only: "Bertha de Kat" is a surname.
PET_AFTER = re.compile(rf"['’]?,?\s(?:de|het|onze|ons|our|the)\s(?:{ANIMAL})(?![\p{{L}}])")
PERSON_WORD = re.compile(
    rf"(?<![\p{{L}}])(?:meneer|mevrouw|mevr|mw|dhr|buurman|buurvrouw|buurjongen|buurmeisje|hij|zij|ze|haar|hem|"
    rf"zijn|(?<!\w)\w*(?:{CLIENT_NOUN}))(?![\p{{L}}])",
    re.I,
)
KNOWN_PERSON = re.compile(
    r"(?<![\p{L}])(?:buurman|buurvrouw|buren|buurjongen|buurmeisje|neighbou?r|oud-collega|oud\scollega|vriend|vriendin|"
    r"schoonmoeder|schoonvader|oom|tante|(?<!\w)\w*leraar|(?<!\w)\w*lerares|juf|meester|weerman|weervrouw|presentator|presentatrice|"
    r"zanger|zangeres|acteur|actrice|voetballer|bn'?er|bekende\snederlander|oud-wethouder|wethouder|burgemeester|"
    r"dominee|pastoor|imam|huisarts|ondernemer|kapper|bakker|slager|dorpsgenoot|plaatsgenoot|stadgenoot)(?![\p{L}])",
    re.I,
)
RECOGNISABLE = re.compile(
    r"jullie\skennen\s(?:hem|haar|hen)\swel|iedereen\skent\s(?:hem|haar)|raad\seens\swie|je\sweet\swel\swie|"
    r"(?:hem|haar)\skent\siedereen",
    re.I,
)
PHOTO = re.compile(
    r"(?<![\p{L}])(?:selfie|foto|fotootje|kiekje|filmpje|video)'?s?\s(?:met|van)\s(?:mijn\s|onze\s|een\s|de\s|die\s)?"
    r"(?:\w+\s)?\w*(?:bewoner|bewoonster|cli[eë]nt|pati[eë]nt|lievelingsbewoner)\w*",
    re.I,
)
# "op de foto met deze lieverd": a photo with someone the post shows is a client.
PHOTO_WITH = re.compile(
    r"(?<![\p{L}])(?:selfie|foto|kiekje|filmpje)\s(?:met|samen\smet)\s(?:deze|mijn|onze|die|een)\s"
    r"(?!team|collega|afdeling)\w+|op\sde\sfoto\smet\s(?!mijn\steam|collega|het\steam)|"
    r"met\s(?:deze|die|mijn|onze)\s(?!team|collega)\w+\sop\sde\s(?:foto|selfie)",
    re.I,
)
STREET = re.compile(
    r"(?<![\p{L}])[A-Z][\p{L}'’\-]*(?:straat|laan|weg|kade|plein|gracht|dijk|singel|steeg|dreef|hof|pad|erf|wal)(?![\p{L}])"
)
SINGLE_CLIENT = re.compile(
    r"(?<![\p{L}])(?:de|een|die|deze|onze|mijn|van\s(?:een\s)?van\s(?:onze|mijn))\s(?:nieuwe\s|oude\s)?"
    r"(?:cli[eë]nte?n?|bewoners?|bewoonster|pati[eë]nte?n?|meneer|mevrouw|pupillen|pupil|jongeren|deelnemers?)"
    r"(?![\p{L}])",
    re.I,
)
NEGATED = re.compile(r"(?:geen|niet\sde|zonder)\s(?:\w+\s)?$", re.I)
AGE = re.compile(
    r"\d{1,3}-jarige|\(\d{1,3}\)|\b\d{1,3}\sjaar(?:\soud)?\b|\bvan\s\d{2,3}\b(?!\s?(?:uur|%|euro|minuten|jaar\sgeleden))|\bis\s\d{2,3}\b",
    re.I,
)
# lists/conditions.txt; "val" (a fall) only as a whole word ending, not in "valt" or "overval".
CONDITION = re.compile(rf"(?<!\w)\w*(?:{alternation('conditions')}|val\b)\w*", re.I)
DESCRIPTION = re.compile(
    r"(?:met|in)\sde\s(?:rode|blauwe|groene|gele|zwarte|witte|gekke|bekende)\s\w+|die\saltijd\s|bekend\svan|"
    r"van\sde\s(?:bloemenstal|garage|bakkerij|slagerij|snackbar|kapsalon|supermarkt|markt|hoek)|"
    r"\b(?:onze|de|ons)\s(?:oudste|jongste)\s(?:bewoner|bewoonster|cli[eë]nt|pati[eë]nt|deelnemer|logé)",
    re.I,
)
ANON_MENTION = re.compile(
    r"(?<![\p{L}])(?:(?:die|deze|de|dat|onze|mijn|een|het|m'n)\s(?:\w+\s)?(?:meneer|mijnheer|mevrouw|dame|heer|"
    r"bewoner|bewoonster|cli[eë]nt|client|pati[eë]nt|jongen|meisje|kind|jongere|deelnemer|oudere)|"
    r"(?:die|deze|de)\s(?:\w+\s)?(?:man|vrouw|jongen|meid|vent|kerel|dame|heer)\s(?:van|op|in|uit)\s(?:de\s|het\s)?(?:kamer|afdeling|groep|\d{1,3}(?:e|ste|de)?|\w+\s?verdieping|gang)|"
    r"(?:meneer|mevrouw|mevr\.?|mw\.?|mr\.|mrs\.)(?=\s)|ouders\szijn\sgebeld|(?:familie|zoon|dochter|moeder|vader)\svan\s"
    r"(?:die|deze|de|een|meneer|mevrouw|onze|mijn|\d{1,3}[a-z]?\b)|(?:patient|resident)\sin\sroom)(?![\p{L}])",
    re.I,
)


def detect(doc: Doc, emit: Emit) -> None:
    lex = lexicon()
    dutch, _ = dictionaries()
    text, policy = doc.text, doc.policy
    # Colleagues are recognised by their full name: "Jansen" alone may well be a client.
    staff = {" ".join(name.lower().split()) for name in policy.staff_names}
    places = {p.lower() for p in policy.locations} | {n.lower() for o in policy.organisation_names for n in o.split()}
    flagged: list[Span] = []

    def flag(start: int, end: int, key: str, rule: str = "privacy.client") -> None:
        if any(s < end and start < e for s, e in flagged):
            return
        flagged.append((start, end))
        doc.client_refs.append((start, end, "identifying"))
        emit("client_privacy", start, end, key, rule)

    for m in TITLE.finditer(text):
        name = m.group(1)
        last = name.split()[-1]
        if name.lower() in places or last in ("De", "Het"):
            continue
        if re.search(r"\bvan\s(?:De|Het)\s", name):  # "familie van De Hoge Weide" is a place
            continue
        initial = len(last) == 2 and last.endswith(".")
        with_particle = " " in name
        if (
            not (initial or with_particle)
            and last not in lex.surnames
            and last not in lex.first_names
            and dutch.check(last.lower())
        ):
            continue
        if last[0].islower() and (last.title() not in lex.surnames or dutch.check(last)):
            continue
        s, _ = doc.sentence_span(m.start())
        if _named_otherwise(doc, m.start()):
            continue
        if OUTSIDER_BEFORE.search(text, max(s, m.start() - 30), m.start()) or OUTSIDER_AFTER.search(
            text[m.end() : m.end() + 60]
        ):
            if not CARE_RECEIPT.search(doc.sentence_lower(m.start())):
                continue
        flag(m.start(), m.end(), "client_name")

    pets = {word for start, end, word in doc.words if PET_AFTER.match(text, end)}
    roles: dict[str, bool] = {}  # a name keeps the role of its first mention
    colleague_surname = surname_of = -1
    for i, (start, end, word) in enumerate(doc.words):
        if not word[0].isupper() or word not in lex.first_names or word.lower() in places:
            continue
        if word in NOT_NAMES:
            continue
        if any(s <= start < e for s, e in flagged):
            continue
        before = text[max(0, start - 40) : start]
        if re.search(r"(?:\b[Dd]e|\b[Hh]et|@|#)\s?$", before):
            continue
        if PET_BEFORE.search(before) or word in pets:
            continue
        low = word.lower()
        following = doc.words[i + 1] if i + 1 < len(doc.words) else None
        if following and f"{low} {following[2].lower()}" in staff:
            colleague_surname = i + 1
            continue
        if i in (colleague_surname, surname_of):
            continue
        full_name = following is not None and following[2] in lex.surnames and text[end : following[0]] == " "
        if full_name:
            surname_of = i + 1  # "Femke Hartog": Hartog is her surname, not a second first name
        common = low in lex.common_words or (doc.is_sentence_start(start) and dutch.check(low))
        if common and not full_name and not RELATIVE_OF.search(before) and not CLIENT_BEFORE_NAME.search(before):
            continue
        if word not in roles:
            roles[word] = _is_client_name(doc, start, end, before)
        if roles[word]:
            stop = doc.words[i + 1][1] if full_name else end
            flag(start, stop, "client_name")

    for m in ROOM.finditer(text):
        if doc.overlaps_identifier(m.start(), m.end()):
            continue
        sentence = doc.sentence_lower(m.start())
        person = PERSON_WORD.search(sentence)
        if MEETING.search(sentence) and not person:
            continue  # "team meeting moved to Thursday, room 3.12": where colleagues meet
        if m.group().lower().startswith(("van", "op")) and not person:
            continue
        flag(m.start(), m.end(), "client_room")

    for m in ROOM_SPELLED.finditer(text):
        if m.group().lower().startswith(("van", "op")) and not PERSON_WORD.search(doc.sentence_lower(m.start())):
            continue
        flag(m.start(), m.end(), "client_room")

    for m in PHOTO.finditer(text):
        if not NEGATED.search(text[max(0, m.start() - 20) : m.start()]):
            flag(m.start(), m.end(), "client_photo", "privacy.photo")
    if CLIENT_CONTEXT.search(doc.lower) and not re.search(r"\bgeen\s\w*(?:pati|cli|bewon)", doc.lower):
        for m in PHOTO_WITH.finditer(text):
            flag(m.start(), m.end(), "client_photo", "privacy.photo")

    public = " ".join(policy.public_contacts + policy.locations).lower()
    for m in STREET.finditer(text):
        if m.group().lower() in public or doc.is_masked(m.start(), m.end()):
            continue
        if SINGLE_CLIENT.search(doc.sentence_lower(m.start(), before=2)):
            flag(m.start(), m.end(), "client_details")

    for i, (s, e) in enumerate(doc.sentences):
        sentence = doc.lower[s:e]
        nxt = doc.lower[e : doc.sentences[i + 1][1]] if i + 1 < len(doc.sentences) else ""
        known = KNOWN_PERSON.search(sentence)
        if (
            known
            and CARE_RECEIPT.search(sentence + " " + nxt)
            and not re.search(r"\bgeen\s\w*(?:pati|cli|bewon)", sentence)
        ):
            flag(s + known.start(), s + known.end(), "known_person", "privacy.known_person")
            continue
        recognisable = RECOGNISABLE.search(sentence)
        if recognisable and (CARE_RECEIPT.search(sentence + " " + nxt) or CLIENT_CONTEXT.search(sentence)):
            flag(s + recognisable.start(), s + recognisable.end(), "known_person", "privacy.known_person")
            continue
        _quasi_identifiers(doc, s, e, sentence, flag)

    _identifiers_of_clients(doc, emit, flag)
    _mentions(doc)


PSEUDONYM = re.compile(
    r"niet\s(?:haar|zijn|hun)\s(?:echte|werkelijke)\snaam|gefingeerde?\s(?:naam|namen)|(?:naam|namen)\s(?:is|zijn)\s(?:veranderd|gefingeerd|"
    r"verzonnen)|noem\s(?:ik\s)?(?:haar|hem)\shier|(?:andere|verzonnen|fictieve)\s(?:naam|namen)|(?:naam|namen)\s(?:verzonnen|gefingeerd)|"
    r"\((?:gefingeerd|verzonnen|fictief)\b|\blijkt\sop\sniemand|not\s(?:her|his|their)\sreal\sname|"
    r"fictie(?:f|ve)\s(?:bewoner|bewoonster|cli[eë]nte?|pati[eë]nte?|casus|persoon|deelnemer)|"
    r"names?\s(?:have\sbeen\s|has\sbeen\s)?changed|made[-\s]up\snames?|fictional\s(?:case|names?)",
    re.I,
)
# "collega Ineke", "my colleague imam Yusuf Karaman": a colleague, whatever the sentence says about care.
COLLEAGUE_BEFORE = re.compile(
    r"(?<![\p{L}])(?:oud-)?(?:collega|colleague|co-worker|teamgeno(?:ot|te))\s(?:[\p{Ll}-]+\s)?$", re.I
)
INTRODUCED = re.compile(r"(?:heet|heette|genaamd|naam\sis)\s$", re.I)


# A letter's own frame: whom it is addressed to ("Geachte mevrouw Jansen,") and who signs it
# ("Met vriendelijke groet, mevrouw Lammers"). Not "Beste" or "Lieve": a post may greet a client so.
SALUTATION = re.compile(r"(?:geachte|dear)\s+$", re.I)
SIGN_OFF = re.compile(
    r"(?:met\s(?:vriendelijke|hartelijke|warme)\s+groet(?:en)?|vriendelijke\s+groet(?:en)?|hoogachtend|"
    r"(?:kind|best|warm)\s+regards|yours\s+sincerely)\s*,?\s*$",
    re.I,
)


def _named_otherwise(doc: Doc, start: int) -> bool:
    """A name said to be made up, or the addressee or signer of a letter: no client's, whatever the context."""
    text = doc.text
    line = text[text.rfind("\n", 0, start) + 1 : start]
    return bool(
        PSEUDONYM.search(doc.sentence_lower(start, before=1, after=1))
        or SALUTATION.fullmatch(line.lstrip())
        or SIGN_OFF.search(text[max(0, start - 40) : start])
    )


def _is_client_name(doc: Doc, start: int, end: int, before: str) -> bool:
    text = doc.text
    after = text[end : end + 80]
    if _named_otherwise(doc, start) or COLLEAGUE_BEFORE.search(before):
        return False
    if ROLE_AFTER_NAME.search(after) or re.match(r"^\s+als\s", after):
        return False
    # "Spreker Jan (67)", "auteur Anna": named in their public role.
    if OUTSIDER_BEFORE.search(before) and not CARE_RECEIPT.search(doc.sentence_lower(start)):
        return False
    window = doc.sentence_lower(start, before=1, after=0)
    sentence = doc.sentence_lower(start)
    relative = RELATIVE_OF.search(before)
    if OWN_FAMILY.search(before) and not CARE_RECEIPT.search(sentence):
        return False  # "mijn kleindochter Fleur (15)"
    if CLIENT_BEFORE_NAME.search(before) or AGE_AFTER_NAME.search(after):
        return True
    care = CARE_RECEIPT.search(window) or re.search(r"\bop\skamer\b|\bvan\s(?:groep|afdeling)\b", sentence)
    client = CLIENT_CONTEXT.search(window)
    staff = STAFF_CONTEXT.search(sentence)
    if relative and (client or care or doc.platform == "whatsapp"):
        return True
    if care:
        return True
    if client and not staff:
        return True
    # "Hij heet Jesse, is 19 en woont in Amersfoort": a named person with
    # personal details in a post about care.
    details = AGE.search(sentence) or re.search(r"\bwoont\s(?:in|op|aan|bij)\b", sentence)
    post_care = CARE_RECEIPT.search(doc.lower) or CLIENT_CONTEXT.search(doc.lower)
    return bool(details and post_care and not staff and (INTRODUCED.search(before) or AGE.search(sentence)))


# One person given an age: "de 87-jarige", "de meneer van 92", "een mevrouw (90)".
AGE_PERSON = re.compile(
    r"(?:\b(?:de|een|die|deze|onze|mijn)\s(?:\w+\s)?)?(?<![\p{L}\d-])(?:\d{1,3}-jarige|(?:meneer|mijnheer|mevrouw|man|vrouw|dame|heer|"
    r"bewoner|bewoonster|cli[eë]nte?|pati[eë]nte?|opa|oma)\s(?:van\s\d{2,3}\b|\(\d{2,3}\)))",
    re.I,
)
NOT_CLIENT_PERSON = re.compile(r"vrijwillig\w*|collega\w*|medewerk\w*|stagiai\w*|in\sdienst|jubileum|werkt\s", re.I)


def _age_and_address(doc: Doc, s: int, e: int, sentence: str, flag: Flag) -> bool:
    """An age with a village or street names one person.

    "de 87-jarige uit Ommen", "de meneer van 92 uit de Dorpsstraat".
    """
    person = AGE_PERSON.search(sentence)
    if not person or NOT_CLIENT_PERSON.search(sentence) or STAFF_CONTEXT.search(sentence):
        return False
    if re.search(rf"(?<![\p{{L}}-]){OUTSIDER_WORDS}(?![\p{{L}}])", sentence, re.I):  # "spreker Jan (67) uit Zwolle"
        return False
    if not (
        CLIENT_CONTEXT.search(doc.lower) or CARE_RECEIPT.search(doc.lower) or re.search(r"meneer|mevrouw", sentence)
    ):
        return False
    original = doc.text[s:e]
    locations = {loc.lower() for loc in doc.policy.locations}
    public = " ".join(doc.policy.public_contacts + doc.policy.locations).lower()
    for m in re.finditer(r"\b(?:uit|in|te|van|aan|op)\s(?:de\s|het\s)?([A-Z][\p{L}'\-]+)", original, pos=person.end()):
        word = m.group(1)
        village = word in lexicon().places and word.lower() not in locations
        street = STREET.fullmatch(word) and word.lower() not in public
        if village or street:
            flag(s + person.start(), s + m.end(), "client_details")
            return True
    return False


def _quasi_identifiers(doc: Doc, s: int, e: int, sentence: str, flag: Flag) -> None:
    """A combination of details (age, place, condition, description) about one care recipient."""
    if _age_and_address(doc, s, e, sentence, flag):
        return
    if not (
        CLIENT_CONTEXT.search(sentence)
        or CARE_RECEIPT.search(sentence)
        or re.search(r"\b(?:jongen|meisje|man|vrouw|meneer|mevrouw)\b", sentence)
    ):
        return
    if re.search(
        r"\b(?:een|veel|alle|sommige|onze|de)\s\w*(?:cli[eë]nten|bewoners|pati[eë]nten|mensen)\b", sentence
    ) and not AGE.search(sentence):
        return
    lex = lexicon()
    found: list[str] = []
    age = AGE.search(sentence)
    if age:
        found.append("age")
    place = re.search(r"\b(?:uit|in|te)\s([A-Z][\p{L}'\-]+)", doc.text[s:e])
    if (
        place
        and place.group(1) in lex.places
        and place.group(1).lower() not in {loc.lower() for loc in doc.policy.locations}
    ):
        found.append("place")
    if CONDITION.search(sentence) or any(w in lex.medical_terms for w in re.findall(r"\p{L}{6,}", sentence)):
        found.append("condition")
    if DESCRIPTION.search(sentence):
        found.append("description")
    if len(found) >= 3 or (len(found) == 2 and "description" in found):
        flag(s, e, "client_details")


def _identifiers_of_clients(doc: Doc, emit: Emit, flag: Flag) -> None:
    """An identifier of a client or a client's relative is also a privacy breach."""
    about_client: dict[Span, bool] = {}  # many identifiers share a sentence: read it once
    for start, end, owner in doc.personal:
        if owner == "self":
            continue
        span = doc.sentence_span(start, before=1)
        if span not in about_client:
            about_client[span] = bool(
                CLIENT_CONTEXT.search(doc.lower, *span)
                or TITLE.search(doc.text, *span)
                or ANON_MENTION.search(doc.text, *span)
            )
        if about_client[span]:
            flag(start, end, "client_identifier")


def _mentions(doc: Doc) -> None:
    for m in ANON_MENTION.finditer(doc.text):
        doc.client_refs.append((m.start(), m.end(), "mention"))
