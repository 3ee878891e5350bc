"""personal_data: direct identifiers of private persons in Dutch text."""

from collections.abc import Callable

import regex as re

from ..lexicon import lexicon
from ..lists import alternation, word_list
from ..policy import Policy
from ..text import Doc, Emit, word_re

# claim(start, end): False when an earlier identifier already holds part of the span.
Claim = Callable[[int, int], bool]

BSN_CUE = word_re(r"bsn", r"burgerservicenummer", r"sofi-?nummer", r"citizen service number")
# Digits written out or spaced to dodge a filter: "nul zes, 4 1 2 3 8 8 7 6".
NUMBER_WORDS = {
    "nul": "0",
    "een": "1",
    "één": "1",
    "twee": "2",
    "drie": "3",
    "vier": "4",
    "vijf": "5",
    "zes": "6",
    "zeven": "7",
    "acht": "8",
    "negen": "9",
}
DIGIT_RUN = re.compile(
    r"(?<![\p{L}\d])(?:\d+|nul|een|één|twee|drie|vier|vijf|zes|zeven|acht|negen)"
    r"(?:[\s,.\-/]{1,3}(?:\d+|nul|een|één|twee|drie|vier|vijf|zes|zeven|acht|negen)){3,}(?![\p{L}\d])",
    re.I,
)
NINE_DIGITS = re.compile(r"(?<![\d\p{L}€$.,])\d(?:[ .\-]?\d){8}(?![\d\p{L}]|[.,]\d)")

PHONE = re.compile(
    r"(?<![\w+@/])(?:(?:\+|00)\s?31[\s.\-]?(?:\(0\)[\s.\-]?)?|\(0|0)(?:\d[\s.\-)/]{0,3}){8}\d(?!\d|[.,]\d)"
)
# Numbers of businesses and services, never of a private person.
SERVICE_PREFIXES = ("0800", "0900", "0906", "0909", "088", "085", "084", "087", "091", "097")

CLIENT_NUMBER = re.compile(
    r"(?:(?:cli[eë]nt|pati[eë]nt|dossier|zorg|registratie|zis|ecd|bewoners?)[\s-]?(?:nummer|nr\.?|id)|patient\s(?:id|number)|mrn)"
    r"\s*(?:is|:|=)?\s*([A-Z]{0,4}[\-\s]?\d{4,}[A-Z]?)",
    re.I,
)

MONTHS = (
    r"(?:jan(?:uari)?|feb(?:ruari)?|maa(?:rt)?|apr(?:il)?|mei|jun(?:i)?|jul(?:i)?|aug(?:ustus)?|sep(?:t(?:ember)?)?|"
    r"okt(?:ober)?|nov(?:ember)?|dec(?:ember)?|january|february|march|may|june|july|october|december)"
)
DATE = re.compile(
    rf"(?<!\d)(?:\d{{1,2}}[-/.]\d{{1,2}}[-/.](?:19|20)?\d{{2}}|\d{{1,2}}\s+{MONTHS}\.?\s+(?:19|20)\d{{2}})(?!\d)",
    re.I,
)
BIRTH_CUE = re.compile(
    r"(?:geboren|geb\.|geboortedatum|geboortedag|verjaardag|jarig|born|date of birth|dob|°)[^.!?\n]{0,25}$", re.I
)

STREET_SUFFIX = alternation("street_suffixes")  # lists/street_suffixes.txt
STREET_NUMBER = re.compile(
    rf"(?<![\p{{L}}])((?:[A-Z][\p{{L}}'’\-]*\s)?[A-Z][\p{{L}}'’\-]*(?:{STREET_SUFFIX}))\s+(\d{{1,4}}(?:\s?[a-zA-Z](?![\p{{L}}])|-\d{{1,3}})?)(?![\d\p{{L}}])"
    r"(?:,?\s+([1-9]\d{3}\s?[A-Z]{2}))?(?:,?\s+(?:in\s)?([A-Z][\p{L}'’\-]+))?"
)
WORD_NUMBER = re.compile(
    r"(?<![\p{L}])([A-Z][\p{L}'’\-]{3,})\s+(\d{1,4}[a-z]?)(?![\d\p{L}])(?:,?\s+([1-9]\d{3}\s?[A-Z]{2}))?"
)
POSTCODE = re.compile(r"(?<![\w])[1-9]\d{3}\s?(?!SA|SD|SS)[A-Z]{2}(?![\w])")
ADDRESS_PRIVATE = re.compile(
    r"(?:mijn|haar|zijn|hun|z'n|d'r)\s(?:eigen\s)?(?:huis|thuis|woon|post)?adres|adres\s(?:is|:)|huisadres|thuisadres|"
    r"\bwoon(?:t)?\s(?:op|aan|in)|\bik woon|bij\s(?:mij|mijn|haar|hem|ons)\sthuis|thuis\s(?:op|aan)|ophalen|afhalen|"
    r"langsbrengen|terugbrengen|schrijf\s(?:dan\s)?naar|stuur\s.{0,30}naar|verzamelen bij|my address|i live",
    re.I,
)
VENUE = re.compile(alternation("venues"), re.I)  # lists/venues.txt

FREEMAIL = frozenset(word_list("freemail_domains"))  # lists/freemail_domains.txt
ROLE_LOCAL = re.compile(rf"^{alternation('role_mailboxes')}$", re.I)  # lists/role_mailboxes.txt
PRIVATE_CUE = re.compile(r"\bpriv[eé]\b|\bmijn eigen\b|\bpersoonlijke?\b|\bthuis\b|\bmy own\b|\bpersonal\b", re.I)
OWN_CUE = re.compile(r"(?:\bmijn|\bme|\bmij|\bik|\bmy|\bme)\b[^.!?\n]{0,45}$", re.I)


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
        if claim(m.start(), m.end()):
            emit("personal_data", m.start(), m.end(), "client_number", "personal.identifier")
            emit("client_privacy", m.start(), m.end(), "client_identifier", "privacy.client")

    for m in NINE_DIGITS.finditer(text):
        number = digits(m.group())
        cue = BSN_CUE.search(text, max(0, m.start() - 40), m.start())
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
        private = PRIVATE_CUE.search(doc.sentence_lower(m.start()))
        if number.startswith(SERVICE_PREFIXES) or not (mobile or private):
            claim(m.start(), m.end())
            continue
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
        if BIRTH_CUE.search(text, max(0, m.start() - 40), m.start()) and claim(m.start(), m.end()):
            emit("personal_data", m.start(), m.end(), "birthdate", "personal.identifier", owner=_owner(doc, m.start()))

    _spelled_numbers(doc, emit, claim, public_numbers)
    _addresses(doc, emit, claim)


def _spelled_numbers(doc: Doc, emit: Emit, claim: Claim, public_numbers: set[str]) -> None:
    for m in DIGIT_RUN.finditer(doc.text):
        tokens = re.findall(r"\d+|\p{L}+", m.group())
        if not any(t.lower() in NUMBER_WORDS for t in tokens) and not all(len(t) == 1 for t in tokens):
            continue  # plain notations are handled by the patterns above
        number = "".join(NUMBER_WORDS.get(t.lower(), t) for t in tokens)
        if len(number) == 10 and number.startswith("06") and number not in public_numbers:
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
    for m in WORD_NUMBER.finditer(text):
        if m.group(1) in lex.streets and not any(s <= m.start() < e for s, e, _, _ in candidates):
            candidates.append((m.start(), m.end(), m.group(1), bool(m.group(3))))
    for start, end, street, has_postcode in candidates:
        if street.lower() in public or doc.overlaps_identifier(start, end):
            continue
        if street in policy.locations or street.split()[0] in ("De", "Het") and len(street.split()) == 1:
            continue
        sentence_start = doc.sentence_span(start)[0]
        before = text[max(sentence_start, start - 80) : start]
        private = ADDRESS_PRIVATE.search(before) or ADDRESS_PRIVATE.search(text[end : doc.sentence_span(start)[1]])
        venue = VENUE.search(before)
        if (private or has_postcode) and not (venue and not private) and claim(start, end):
            emit("personal_data", start, end, "address", "personal.identifier", owner=_owner(doc, start))
