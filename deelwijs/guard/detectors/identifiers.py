"""personal_data: direct identifiers of private persons in Dutch text."""

from collections.abc import Callable

import regex as re

from ..lexicon import lexicon
from ..lists import alternation, word_list
from ..numbers import YEAR_WORD, number_word_pattern, spelled_year, word_digits
from ..policy import Policy
from ..text import Doc, Emit, word_re

# claim(start, end): False when an earlier identifier already holds part of the span.
Claim = Callable[[int, int], bool]

BSN_CUE = word_re(r"bsn", r"burgerservicenummer", r"sofi-?nummer", r"citizen service number")
# Digits written out or spaced to dodge a filter: "nul zes, 4 1 2 3 8 8 7 6", and the way a
# number is read out on the phone: "nul zes, twaalf, vierendertig, zesenvijftig, achtenzeventig".
DIGIT_RUN = re.compile(
    rf"(?<![\p{{L}}\d])(?:\d+|{number_word_pattern()})"
    rf"(?:[\s,.\-/–]{{1,3}}(?:\d+|{number_word_pattern()})){{3,}}(?![\p{{L}}\d])",
    re.I,
)
NUMBER_TOKEN = re.compile(rf"\d+|{number_word_pattern()}", re.I)
NINE_DIGITS = re.compile(r"(?<![\d\p{L}€$.,])\d(?:[ .\-]?\d){8}(?![\d\p{L}]|[.,]\d)")

PHONE = re.compile(
    r"(?<![\w+@/])(?:(?:\+|00)\s?3[12][\s.\-]?(?:\(0\)[\s.\-]?)?|\(0|0)(?:\d[\s.\-–)/]{0,3}){7,8}\d(?!\d|[.,]\d)"
)
# Mobile numbers from abroad, always a person's: +44 7..., +49 15/16/17..., +33 6/7...
FOREIGN_MOBILE = re.compile(
    r"(?<![\w+@/])(?:\+|00)\s?(?:44[\s.\-]?(?:\(0\)\s?)?7|49[\s.\-]?(?:\(0\)\s?)?1[5-7]|33[\s.\-]?(?:\(0\)\s?)?[67]|"
    r"90[\s.\-]?5|48[\s.\-]?[5-8]|212[\s.\-]?[67])(?:[\s.\-]?\d){7,9}(?!\d)"
)
# A phone number said to be a person's, whatever its prefix: "bel me op", "mijn nummer",
# "het nummer van meneer ...", "nieuw telefoonnummer", the Belgian "gsm".
PERSON_PHONE_CUE = re.compile(
    r"\b(?:bel|belt|bellen|sms|sms'?t|smsen|app|appen|appt|ring|call|text|whatsapp|stuur|stuurt)\s+(?:me|mij|hem|haar|ons\s+thuis)\b|"
    r"\b(?:mijn|mn|m'n|zijn|haar|z'n|d'r|my|his|her)\s+(?:\w+\s+)?(?:nummer|telefoonnummer|gsm|gsm-nummer|mobiel|mobieltje|"
    r"06|number|phone)\b|"
    r"\b(?:nummer|telefoonnummer|gsm|gsm-nummer|number)\s+van\s+(?:meneer|mevrouw|mw|dhr|madame|de\s+heer|zijn|haar|de\s+\w+\s+van)\b|"
    r"\bnieuwe?\s+(?:telefoon|gsm-?|mobiele?\s+)?nummer|\bgsm\b|\bprivé|\bprive\b|\bthuisnummer|\bvast\s+nummer\s+thuis",
    re.I,
)
# Belgian mobile numbers (04[5-9]x) from abroad (+32); written "0476 12 34 56" they look like a Dutch
# landline of the 045-049 areas, so then only a person cue makes them private.
BELGIAN_MOBILE = re.compile(r"^04[5-9]\d")
# The Belgian national register number (rijksregisternummer): YY.MM.DD-XXX.CC.
RIJKSREGISTER = re.compile(r"(?<![\d.])\d{2}\.[01]\d\.[0-3]\d[\-\s]\d{3}\.\d{2}(?![\d])")
# Numbers of businesses and services, never of a private person.
SERVICE_PREFIXES = ("0800", "0900", "0906", "0909", "088", "085", "084", "087", "091", "097")

# "cliëntnummer 20193", "pt-nr 7723419", "bewonersnummer van madame W. is 20419", "patient no. 2203947",
# "patiënt 7730165": a number of five digits or more after a care record's name.
_RECORD = (
    r"(?:cli[eë]nt|pati[eë]nt|patient|client|pt|dossier|zorg|registratie|zis|ecd|bewoners?|ziekenfonds|"
    r"verzekerings?|mutualiteits?)"
)
CLIENT_NUMBER = re.compile(
    rf"(?<![\p{{L}}])(?:{_RECORD}[\s-]?(?:nummer|nr|no|number|id)\b\.?|mrn\b|(?:cli[eë]nt|pati[eë]nt|patient|client)(?=\s+\d))"
    r"(?:\s+(?:van|of|bij|from|at)\s+(?:[^.!?\n:]|(?<=(?<![\p{L}])\p{Lu})\.){1,40}?)?"
    r"\s*(?:is|:|=|was)?\s*((?:[A-Z]{1,4}[\-\s]?)?\d{2,}(?:[\-./]\d{2,})*(?:-?[A-Z](?![\p{L}]))?)(?![\d\p{L}])",
    re.I,
)

MONTHS = (
    r"(?:jan(?:uari)?|feb(?:ruari)?|maa(?:rt)?|apr(?:il)?|mei|jun(?:i)?|jul(?:i)?|aug(?:ustus)?|sep(?:t(?:ember)?)?|"
    r"okt(?:ober)?|nov(?:ember)?|dec(?:ember)?|january|february|march|may|june|july|october|december)"
)
DATE = re.compile(
    rf"(?<![\d.\-/])(?:\d{{1,2}}[-/.]\d{{1,2}}[-/.](?:19|20)?\d{{2}}|(?:19|20)\d{{2}}-[01]\d-[0-3]\d|"
    rf"(?:\d{{1,2}}|{number_word_pattern()})\s+{MONTHS}\.?\s+(?:(?:19|20)\d{{2}}(?!\d)|{YEAR_WORD}))(?![\d\p{{L}}]|[-/.]\d)",
    re.I,
)
# Words that say a date is a date of birth: the strong ones anywhere before it in the sentence,
# the weak ones ("jarig", "is van") close before it.
BIRTH_WORD = re.compile(r"geboren|geb\.|geboortedatum|geboortedag|born\b|date of birth|\bdob\b|birth ?date", re.I)
BIRTH_CUE = re.compile(
    r"(?:verjaardag|jarig|birthday|bday|°|\b(?:ben|is|zijn|was|bent)\s+(?:\w+\s+)?van|\b(?-i:\p{Lu}\p{Ll}+)\s+van)\s*(?:op\s*)?[^.!?\n]{0,25}$",
    re.I,
)
# "geboren" after the date: "ik ben op 14-09-1990 geboren", "... kwam je ter wereld".
WEAK_BIRTH_YEAR = 2015
BIRTH_AFTER = re.compile(r"[^.!?\n]{0,12}(?:geboren|ter wereld|born)", re.I)
# A date right after a person: "mw. El Amrani, 14-03-1961", "onze Jolien (1990-07-14)".
PERSON_DATE = re.compile(
    r"(?:\b(?:mw|mevr|mevrouw|dhr|meneer|de heer|mr|mrs|ms)\.?\s+(?:[A-Z]\.\s*)*[\p{Lu}][\p{L}'’\- ]{1,30}|"
    r"[\p{Lu}][\p{Ll}]+(?:\s[\p{Lu}][\p{Ll}]+)?)\s*(?:,|\()\s*$"
)

STREET_SUFFIX = alternation("street_suffixes")  # lists/street_suffixes.txt
# What may follow a house number: a letter ("14b", "7 c", "221-A"), a floor or part ("3-II", "22-III",
# "42-2", "14-hs", "5 bg"), "bis", or the Belgian box number ("14 bus 2").
DIGIT_HOUSE_NUMBER = (
    r"\d{1,4}(?:[\s\-]?(?:bis|hs|bg|huis|boven|beneden|I{1,3}V?|IV|[a-zA-Z])(?![\p{L}])"
    r"|-\d{1,3}(?![\d])|\s(?:bus|box)\s\d{1,4})?"
)
# Or written out: "Molenweg nummer negen", "Esdoornstraat drieëntwintig". A number word that is as often just a
# word counts only after "nummer": "in de Kerkstraat een winkel" is no house number, "Kerkstraat nummer een" is.
BARE_NUMBER_WORD = r"(?:een|één|one|oh|nul|zero)(?![\p{L}])"
HOUSE_NUMBER = (
    rf"(?:(?:nummer|nr\.?)\s?(?:{DIGIT_HOUSE_NUMBER}|{number_word_pattern()})"
    rf"|{DIGIT_HOUSE_NUMBER}|(?!{BARE_NUMBER_WORD}){number_word_pattern()})"
)
STREET_NUMBER = re.compile(
    rf"(?<![\p{{L}}])((?:[A-Z][\p{{L}}'’\-]*\s)?[A-Z][\p{{L}}'’\-]*(?:{STREET_SUFFIX}))\s+({HOUSE_NUMBER})(?![\d\p{{L}}])"
    r"(?:,?\s+([1-9]\d{3}(?:\s?[A-Z]{2})?))?(?:,?\s+(?:in\s)?([A-Z][\p{L}'’\-]+))?"
)
WORD_NUMBER = re.compile(
    rf"(?<![\p{{L}}])([A-Z][\p{{L}}'’\-]{{3,}})\s+({HOUSE_NUMBER})(?![\d\p{{L}}])(?:,?\s+([1-9]\d{{3}}\s?[A-Z]{{2}}))?"
)
# A street in lower case, as chats write it ("esdoornstraat 23"): only a street deduce's list knows, since many
# words end like one ("onderweg 3 uur").
LOWER_STREET_NUMBER = re.compile(
    rf"(?<![\p{{L}}])([a-z][\p{{L}}'’\-]*(?:{STREET_SUFFIX}))\s+({HOUSE_NUMBER})(?![\d\p{{L}}])"
)
# An address given as one, whatever the street is called: "Adres: Hoge Ham 114, Dongen".
LABELLED_ADDRESS = re.compile(
    rf"(?i:\badres)\s?:\s*((?:[A-Z][\p{{L}}'’\-]*\s){{1,3}})({DIGIT_HOUSE_NUMBER})(?![\d\p{{L}}])"
)
POSTCODE = re.compile(r"(?<![\w])[1-9]\d{3}\s?(?!SA|SD|SS)[A-Z]{2}(?![\w])")
ADDRESS_PRIVATE = re.compile(
    r"(?:mijn|mn|m'n|haar|zijn|hun|z'n|d'r|ons|onze)\s(?:eigen\s|nieuwe?\s|oude\s|tijdelijke?\s)?(?:huis|thuis|woon|post)?adres|"
    r"adres\s(?:is|:)|adres\svan\s|huisadres|thuisadres|nieuwe?\s(?:huis|adres|woning|stek|plek|studio|appartement)|"
    r"\bwoon(?:t|de|den)?\b|\bik woon|bij\s(?:mij|mijn|haar|hem|ons)\sthuis|thuis\s(?:op|aan)|"
    r"ophalen|afhalen|af te halen|"
    r"langsbrengen|terugbrengen|schrijf\s(?:dan\s)?naar|stuur\w*\s.{0,30}naar|verzamelen bij|\bverhui[sz]\w*|"
    r"\bpost(?:kaart\w*)?\s(?:voor|naar)|"
    r"\b(?:mevrouw|meneer|mw|dhr|mevr)\.?\s(?:[\p{Lu}][\p{L}'’\-]*\s)*(?:uit|op|aan|van)\s(?:de\s)?$|\bbij\s(?:mw|dhr|mevrouw|meneer)\.?\s(?:op|aan)|"
    r"\b(?:mijn|mn|m'n|zijn|z'n|haar|d'r|hun|eigen|my|his|her|their)\s(?:\w+\s)?(?:huis|huisje|studio|woning|appartement|kamer|flat|home|house|place)\b|"
    r"my address|i live|new (?:place|address|home)|home address|\b's home\b",
    re.I,
)
# Weaker signs that an address is someone's home, outweighed by a public venue before it
# ("kaartjes voor de voorstelling, theater ..., Stationsweg 12").
ADDRESS_WEAK = re.compile(
    r"\bkaart(?:je)?s?\b.{0,60}?\b(?:naar|sturen|stuur|welkom|mogen|kunnen)\b|\b(?:stuur|sturen)\w*\s.{0,30}kaart|"
    r"housewarming|te koop|\bbreng\w*\s.{0,30}naar|moving|postcards?|send (?:them|it|cards?|flowers)",
    re.I,
)
VENUE = re.compile(alternation("venues"), re.I)  # lists/venues.txt

FREEMAIL = frozenset(word_list("freemail_domains"))  # lists/freemail_domains.txt
ROLE_LOCAL = re.compile(rf"^{alternation('role_mailboxes')}$", re.I)  # lists/role_mailboxes.txt
PRIVATE_CUE = re.compile(r"\bpriv[eé]\b|\bmijn eigen\b|\bpersoonlijke?\b|\bthuis\b|\bmy own\b|\bpersonal\b", re.I)
OWN_RECORD = re.compile(r"(?:\bmijn|\bmn|\bm'n|\bmy)\s$", re.I)
OWN_CUE = re.compile(r"(?:\bmijn|\bmn|\bm'n|\bme|\bmij|\bik|\bmy)\b[^.!?\n]{0,60}$", re.I)


def digits(s: str) -> str:
    return "".join(c for c in s if c.isdigit())


def national_number(raw: str) -> str:
    d = digits(raw.replace("(0)", ""))
    if raw.lstrip("(").startswith(("+", "00")):
        d = "0" + d[4:] if d.startswith("0031") else "0" + d[2:]
    return d


def elf_proef(number: str) -> bool:
    if len(number) != 9 or number == "000000000":
        return False
    total = sum(int(c) * w for c, w in zip(number[:8], range(9, 1, -1), strict=True)) - int(number[8])
    return total % 11 == 0


def _public_numbers(policy: Policy) -> set[str]:
    return {national_number(c) for c in policy.public_contacts if sum(ch.isdigit() for ch in c) >= 6}


def _public_emails(policy: Policy) -> set[str]:
    found: set[str] = set()
    for c in policy.public_contacts:
        c = c.strip().lower()
        if "@" in c:
            found.add(c)
    return found


def _public_domains(policy: Policy) -> set[str]:
    domains: set[str] = set()
    for c in policy.public_contacts:
        c = c.strip().lower()
        if "@" in c:
            domains.add(c.rsplit("@", 1)[1])
        elif "." in c and " " not in c and not any(ch.isdigit() for ch in c[:1]):
            domains.add(re.sub(r"^(?:https?://)?(?:www\.)?", "", c).split("/")[0])
    return domains


def normalise_email(raw: str) -> str:
    raw = re.sub(r"\s(?:punt|dot)\s", ".", raw, flags=re.I)
    s = re.sub(r"\s*[\[({]\s*(?:at|apenstaartje)\s*[\])}]\s*|\s(?:at|apenstaartje)\s", "@", raw, flags=re.I)
    s = re.sub(r"\s*[\[({](?:dot|punt)[\])}]\s*", ".", s, flags=re.I)
    return s.strip().lower()


def detect(doc: Doc, emit: Emit) -> None:
    text, policy = doc.text, doc.policy
    claimed = doc.identifiers

    def claim(start: int, end: int) -> bool:
        if any(s < end and start < e for s, e in claimed):
            return False
        claimed.append((start, end))
        return True

    for m in CLIENT_NUMBER.finditer(text):
        if len(digits(m.group(1))) >= 4 and claim(m.start(), m.end()):
            # "mijn cliëntnummer": a client giving their own number names nobody else.
            owner = "self" if OWN_RECORD.search(text, max(0, m.start() - 8), m.start()) else "other"
            emit("personal_data", m.start(), m.end(), "client_number", "personal.identifier", owner=owner)
            if owner != "self":
                emit("client_privacy", m.start(), m.end(), "client_identifier", "privacy.client")

    for m in RIJKSREGISTER.finditer(text):
        if claim(m.start(), m.end()):
            emit("personal_data", m.start(), m.end(), "bsn", "personal.identifier", owner=_owner(doc, m.start()))

    for m in NINE_DIGITS.finditer(text):
        number = digits(m.group())
        cue = BSN_CUE.search(text, max(doc.sentence_span(m.start(), before=1)[0], m.start() - 80), m.start())
        if not cue and (not elf_proef(number) or number.startswith("0")):
            continue
        if claim(m.start(), m.end()):
            emit("personal_data", m.start(), m.end(), "bsn", "personal.identifier", owner=_owner(doc, m.start()))

    public_numbers = _public_numbers(policy)
    for m in PHONE.finditer(text):
        number = national_number(m.group())
        if len(number) != 10 or number in public_numbers:
            continue
        mobile = number.startswith("06") and not number.startswith("066")
        if BELGIAN_MOBILE.match(number) and m.group().startswith(("+32", "0032", "+ 32")):
            mobile = True
        sentence = doc.sentence_lower(m.start(), before=1)
        private = PRIVATE_CUE.search(doc.sentence_lower(m.start())) or PERSON_PHONE_CUE.search(sentence)
        if number.startswith(SERVICE_PREFIXES) or not (mobile or private):
            claim(m.start(), m.end())
            continue
        if claim(m.start(), m.end()):
            emit("personal_data", m.start(), m.end(), "phone", "personal.identifier", owner=_owner(doc, m.start()))

    for m in FOREIGN_MOBILE.finditer(text):
        if claim(m.start(), m.end()):
            emit("personal_data", m.start(), m.end(), "phone", "personal.identifier", owner=_owner(doc, m.start()))

    public_emails, public_domains = _public_emails(policy), _public_domains(policy)
    for start, end, kind in doc.masked:
        if kind != "email":
            continue
        address = normalise_email(text[start:end])
        local, _, domain = address.rpartition("@")
        claim(start, end)
        if address in public_emails or domain in public_domains or ROLE_LOCAL.match(local):
            continue
        if domain in FREEMAIL or PRIVATE_CUE.search(doc.sentence_lower(start)):
            emit("personal_data", start, end, "email", "personal.identifier", owner=_owner(doc, start))

    for m in DATE.finditer(text):
        year = _date_year(m.group())
        if year is None:
            continue
        sentence_start = doc.sentence_span(m.start())[0]
        before = text[max(sentence_start, m.start() - 60) : m.start()]
        # A weak cue ("jarig", "Trijntje van ...", a date after a name) counts for a year long enough
        # ago: "de vergadering van 12 maart 2026" is no date of birth.
        birth = (
            BIRTH_WORD.search(text, sentence_start, m.start())
            or BIRTH_AFTER.match(text, m.end())
            or (year <= WEAK_BIRTH_YEAR and (BIRTH_CUE.search(before) or PERSON_DATE.search(before)))
        )
        if birth and claim(m.start(), m.end()):
            emit("personal_data", m.start(), m.end(), "birthdate", "personal.identifier", owner=_owner(doc, m.start()))

    _spelled_numbers(doc, emit, claim, public_numbers)
    _addresses(doc, emit, claim)


def _date_year(raw: str) -> int | None:
    """The year of a date, None when it is no date ("2024-13-45", "12.30.2050")."""
    numbers = re.findall(r"\d+", raw)
    words = raw.split()
    year: int | None
    if len(numbers) == 3:
        if len(numbers[0]) == 4:
            year, month, day = int(numbers[0]), int(numbers[1]), int(numbers[2])
        else:
            day, month, year = int(numbers[0]), int(numbers[1]), int(numbers[2])
            if year < 100:
                year += 1900 if year > 30 else 2000
        return year if 1 <= day <= 31 and 1 <= month <= 12 and 1890 <= year <= 2030 else None
    year = int(numbers[-1]) if numbers and len(numbers[-1]) == 4 else spelled_year(" ".join(words[2:]))
    return year if year is not None and 1890 <= year <= 2030 else None


def _spelled_numbers(doc: Doc, emit: Emit, claim: Claim, public_numbers: set[str]) -> None:
    for m in DIGIT_RUN.finditer(doc.text):
        tokens = NUMBER_TOKEN.findall(m.group())
        if all(t.isdigit() for t in tokens) and not all(len(t) == 1 for t in tokens):
            continue  # plain notations are handled by the patterns above
        number = "".join(word_digits(t) or t for t in tokens)
        # Read out like this it is a person's number: mobile (Dutch 06, Belgian 04[5-9]) or said to be theirs.
        personal = (
            number.startswith("06")
            or BELGIAN_MOBILE.match(number)
            or PERSON_PHONE_CUE.search(doc.sentence_lower(m.start()))
        )
        if len(number) == 10 and personal and number not in public_numbers:
            if claim(m.start(), m.end()):
                emit("personal_data", m.start(), m.end(), "phone", "personal.identifier", owner=_owner(doc, m.start()))
        elif len(number) == 9 and elf_proef(number) and claim(m.start(), m.end()):
            emit("personal_data", m.start(), m.end(), "bsn", "personal.identifier", owner=_owner(doc, m.start()))


def _owner(doc: Doc, pos: int) -> str:
    """'self' when the identifier is introduced as the writer's own."""
    return "self" if OWN_CUE.search(doc.text, doc.sentence_span(pos)[0], pos) else "other"


def _addresses(doc: Doc, emit: Emit, claim: Claim) -> None:
    text, policy = doc.text, doc.policy
    public = " ".join(policy.public_contacts + policy.locations).lower()
    lex = lexicon()
    candidates = [(m.start(), m.end(), m.group(1), bool(m.group(3))) for m in STREET_NUMBER.finditer(text)]

    def add(start: int, end: int, street: str, has_postcode: bool) -> None:
        if not any(s <= start < e for s, e, _, _ in candidates):
            candidates.append((start, end, street, has_postcode))

    for m in WORD_NUMBER.finditer(text):
        if m.group(1) in lex.streets:
            add(m.start(), m.end(), m.group(1), bool(m.group(3)))
    for m in LOWER_STREET_NUMBER.finditer(text):
        if m.group(1).capitalize() in lex.streets:
            add(m.start(), m.end(), m.group(1), False)
    for m in LABELLED_ADDRESS.finditer(text):
        add(m.start(1), m.end(), m.group(1).strip(), True)  # labelled: as good as a postcode
    for start, end, street, has_postcode in candidates:
        if street.lower() in public or doc.overlaps_identifier(start, end):
            continue
        if street in policy.locations or street.split()[0] in ("De", "Het") and len(street.split()) == 1:
            continue
        # The cue may be in the sentence before: "Ik heb een nieuw huis! Het is Vlierstraat 8."
        sentence_start = doc.sentence_span(start, before=1)[0]
        before = text[max(sentence_start, start - 100) : start]
        after = text[end : doc.sentence_span(start, after=1)[1]]
        private = ADDRESS_PRIVATE.search(before) or ADDRESS_PRIVATE.search(after)
        weak = ADDRESS_WEAK.search(before) or ADDRESS_WEAK.search(after)
        venue = VENUE.search(before)
        if (private or weak or has_postcode) and not (venue and not private) and claim(start, end):
            emit("personal_data", start, end, "address", "personal.identifier", owner=_owner(doc, start))
