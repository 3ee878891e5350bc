"""confidential: internal information that is not public."""

import regex as re

from ..lists import alternation
from ..lists import words as _words
from ..report import BLOCK
from ..text import Doc, Emit

# Codes that open nothing: "postcode 7311", "kortingscode 2024".
HARMLESS_CODE = rf"(?!{alternation('harmless_codes')}codes?\b)"  # lists/harmless_codes.txt
# Any word ending in "code", or one of lists/security_words.txt.
SECURITY_NOUN = re.compile(
    rf"(?<![\p{{L}}]){HARMLESS_CODE}(?:(?<!\w)\w*codes?|{alternation('security_words')})(?![\p{{L}}])",
    re.I,
)
# A password given without a colon: "wachtwoord zomer2024", "het wachtwoord wordt nu Lente!25",
# or as login details: "inlog ECD: zorg01 ww Zorg2024".
PASSWORD_BARE = re.compile(
    r"(?<![\p{L}])(?:wachtwoord|paswoord|password|passcode|login|wifi-?wachtwoord|ww|pw|inlog(?:gegevens)?(?:\s\w+)?:?(?:\s\S+)*?\s(?:ww|wachtwoord|pw))"
    r"(?:\s(?:[\w-]+\s){0,6}?(?:is|wordt|blijft|=|was|was\snog))?(?:\s(?:nu|voortaan|weer|nog|steeds|altijd|gewoon|still|just|nog\saltijd))*\s[\"'“]?"
    r"(?=[^\s\"'”]*\d)(?=[^\s\"'”]*\p{L})[\p{L}\d!@#$%&*_.\-]{5,}",
    re.I,
)
# What a code or password opens, so "de code" is known to be a security code.
SECURED_THING = (
    r"(?:\w*deur|poort|ingang|personeelsingang|hek|sleutel\w*|kluis\w*|key\s?safe|alarm\w*|medicijn\w*|medicatie\w*|"
    r"\w*kast|\w*kamer|teampas|pasje|pas|laptop|computer|pc|tablet|ipad|wifi|wi-fi|ecd|systeem|portaal|account|"
    r"afdeling|gebouw|garage|fietsenstalling|berging|kantoor|archief|server)"
)
SECURITY_ASKED_NOUN = re.compile(
    rf"(?<![\p{{L}}])(?:(?:de|het|die|dat|ons|onze|jullie|je|jouw|the)\s(?:nieuwe\s|juiste\s)?|(?<=welke?\s(?:nieuwe\s)?))"
    rf"(?:(?:deur|alarm|kluis|toegangs|pin|inlog|sleutelkluis|sleutelkast|wifi-?|wi-fi-?)codes?|pincode|pin\scode|paswoord|"
    r"(?:key\s?safe|door|alarm|wifi)\s(?:code|password)s?|"
    r"wachtwoord(?:en)?|password|"
    rf"(?:code|combinatie|cijfers)\s(?:[\w']+\s){{0,2}}?(?:van|voor|op|bij)\s(?:de|het|onze|ons)\s(?:\w+\s)?{SECURED_THING})"
    r"(?![\p{L}])",
    re.I,
)
# Asking for a code spreads it as surely as giving it: the answer lands in the same group.
ASKING = re.compile(
    r"(?<![\p{L}])(?:wat\s(?:is|was|waren|zijn|werd)|welke?\s|hoe\s(?:was|is|luidde)|(?:does\sanyone|do\syou|anyone)\sremember|weet\s(?:iemand|je)\snog|weet\s(?:iemand|er\siemand|jij|je|u|jullie)(?!\s(?:hoe|waarom|wanneer))|"
    r"wie\s(?:weet|heeft|kent|had)|(?:heeft|had)\s(?:iemand|er\siemand|jij|u)|kent\s(?:iemand|jij|u)|"
    r"(?:kan|kun|kunnen|wil|mag)\s(?:iemand|jij|je|u|jullie|ik)\s(?:[\w']+\s){0,8}?(?:sturen|appen|doorgeven|delen|geven|"
    r"zeggen|mailen|hebben|krijgen|vragen|weten)|hoe\sluidt|stuur\s(?:even\s|me\s|mij\s)*|iemand\s(?:de|het)\s|"
    r"(?:ik\sben|ben\sik|we\szijn|zijn\swe|wij\szijn)\s(?:\w+\s){0,6}(?:kwijt|vergeten)(?=[^.!]*\?)|what(?:'s|\sis|\swas)|does\sanyone|anyone\s(?:know|have))",
    re.I,
)
# A weak spot in the security: "het alarm van de achterdeur doet het niet", "slot van de medicijnkast is kapot".
SECURITY_DEVICE = re.compile(
    r"(?<![\p{L}])(?:(?:brand|inbraak|deur|bewegings)?alarm(?:installatie|systeem|knop)?|beveiliging\w*|(?:fire\s)?alarm|"
    r"(?:bel|belletjes|oproepsysteem|alarmering|halszender\w*|polsalarm|sleutelkluis\w*|sleutelkastje)|"
    r"(?:deur|kluis|kast|nachtslot|hang)?slot(?:en)?(?=\s(?:van|op|aan|bij|is|zijn|zit|doet|werkt|gaat|staat|sluit|blijft|kan))|"
    r"(?:beveiligings|bewakings)?camera'?s?|pasjeslezer\w*|toegangs(?:poort|controle|systeem)|"
    r"(?:voor|achter|nood|brand|buiten|personeels|tuin)deur(?:en)?|deur(?:en)?\svan\s(?:de|het)\s\w+|"
    r"(?:tuin)?hek(?:ken)?|(?:toegangs|tuin|slag)?poort|(?:the\s)?(?:alarm|lock|locks|(?:back|front|fire)\sdoor))(?![\p{L}])",
    re.I,
)
BROKEN = re.compile(
    r"(?:doe[tn]\s(?:het|'t)\s(?:[\w']+\s){0,3}?nie(?:t|\b)(?!\salleen)|werk(?:t|en)\s(?:[\w']+\s){0,3}?nie(?:t|\b)(?!\salleen)|"
    r"hangt\s(?:al\s\w+\s)?open|gaa?t\s(?:\w+\s)?nie(?:t)?\s(?:meer\s)?af|ging\s(?:\w+\s)?niet\saf|switched\soff|turned\soff|"
    r"(?:doesn't|does\snot|won't|don't)\s(?:lock|close|shut)|"
    r"kapot|stuk\b|defect|is\sbroken|are\sbroken|(?:does|do)\s(?:not|n't)\swork|doesn't\swork|out\sof\sorder|"
    r"uitgevallen|buiten\swerking|staa?t\s(?:al\s\w+\s)?uit\b|staan\s(?:al\s\w+\s)?uit\b|uitgeschakeld|"
    r"sluit(?:en)?\s(?:\w+\s){0,4}?nie(?:t|\b)(?:\smeer)?|gaa?t\s(?:\w+\s)?niet\s(?:meer\s)?(?:dicht|op\sslot)|niet\s(?:meer\s)?op\sslot|"
    r"open\sgebroken|opengebroken|geforceerd|klemt\sopen|blijft\sopen\s(?:staan)?|"
    r"(?:gaat|ging)\s(?:steeds\s|telkens\s)?(?:vanzelf\s)?(?:af|uit)\b(?=.{0,30}(?:zonder|storing|vals)))",
    re.I,
)
# "het slot" as in "tot slot", "alarm" as in "alarmnummer 112": no device.
NOT_A_DEVICE = re.compile(r"(?:tot|ten)\s$", re.I)
CODE_VALUE = re.compile(
    r"(?<![\d\p{L}])(?:\d{3,6}|\d(?:\s\d){2,5})\s?[#*]?(?![\d\p{L}]|[.,:]\d|\s?(?:uur|euro|%|jaar|km|minuten|mensen|bewoners))"
)
# A password is named and given: "wachtwoord voor de pc: Zomer2026!".
PASSWORD_VALUE = re.compile(
    rf"(?:wachtwoord|paswoord|password|inlogcode|(?<![\w-]){HARMLESS_CODE}[\w-]*code)\b[^.!?\n]{{0,60}}?(?:\bis\b|:)"
    r"(?:\s(?:nu|voortaan|nog|steeds|altijd|gewoon|still|nog\saltijd))*\s*[\"'“]?(?=\S*[\d!@#$%&*])\S{4,}",
    re.I,
)
# Where a key or password is kept: "de noodsleutel ligt in het blauwe kastje".
KEPT_AT = re.compile(
    r"(?:wachtwoord\w*|password|(?<!\w)\w*sleutel\w*|pincode|pasje|keys?)\s(?:[^.!?\n]{0,40}\s)?(?:ligt|staat|hangt|zit|zitten|liggen|"
    r"hangen|bewaren\swe|verstopt|is\skept|are\skept|is\shidden|hangs|lies)\s(?:(?:nu|altijd|gewoon|gwn|voortaan|nog|steeds|vanaf\snu|always|still)\s)*"
    r"(?:in|op|onder|achter|bij|naast|boven|tussen|aan|under|behind|in\sthe|on)\s(?:het|de|een|the|a)\s[\w-]+"
    r"|(?:ligt|hangt|hangen|liggen|zit)\s(?:de|het)\s(?:\w*sleutel\w*|pincode|pasje)\s(?:in|op|onder|achter|bij|aan)\s(?:het|de|een)\s[\w-]+",
    re.I,
)
NOT_PUBLIC = re.compile(
    r"nog\sniet\s(?:openbaar|officieel|bekend|naar\sbuiten|gecommuniceerd|aangekondigd|bekendgemaakt|gedeeld)|"
    r"nog\s(?:geheim|vertrouwelijk)|officieel\shoren\swe\shet\spas|(?:het\s)?offici[eë]le?\s(?:aankondiging|bericht|"
    r"nieuws|mededeling)\svolgt|volgt\spas\s(?:later|over)|wordt\spas\s.{0,30}(?:gelanceerd|bekendgemaakt|"
    r"aangekondigd|gepresenteerd|onthuld)|sneak\s?peek|niet\sover\smogen\spraten|mag\s(?:ik\s)?(?:eigenlijk\s|nog\s)*"
    r"(?:niet|niks|niets)\s(?:te\sveel\s|zoveel\s|veel\s)?(?:zeggen|delen|vertellen|verklappen|kwijt)|niemand\serover\ste\svertellen|het\sstilhouden|stil\shouden|"
    r"offici[eë]el\s(?:is|werd)\s(?:er\s)?nog\s(?:niks|niets)\s(?:gezegd|bekend|bekendgemaakt|gemeld)|offici[eë]le?\s(?:\w+\s)?(?:aankondiging|bericht|nieuws|mededeling|brief|communicatie)\s(?:volgt|komt)\spas"
    r"|onder\sde\spet|tussen\sons|not\s(?:yet\s)?public|nog\sniet\swereldkundig|dat\sweet\snog\sniemand",
    re.I,
)
INTERNAL_MEETING = re.compile(
    r"(?:besloten|vertrouwelijke?|geheime|interne?)\s(?:overleg|vergadering|bijeenkomst|meeting|stuk|stukken|notitie|"
    r"memo|document|mail|"
    r"presentatie|sessie|cijfers|rapport|rapportage|audit|evaluatie|notulen)|in\shet\smt\s(?:te\shoren|gehoord|besproken)|mt-?overleg|or-?vergadering|"
    r"concept\svan\s(?:ons|het|de)|in\sde\s(?:ondernemingsraad|or|cli[eë]ntenraad|teamvergadering|stafvergadering)\s"
    r"(?:laten\sweten|gezegd|verteld|gepresenteerd|besproken|gemeld)",
    re.I,
)
INQUIRY = re.compile(
    r"calamiteitenonderzoek|intern\w*\sonderzoek|onderzoek\snaar\s(?:haar|zijn|hun)|verscherpt\stoezicht|"
    r"politie\s(?:is\s)?(?:ingelicht|erbij\sgehaald)|inspecteur\svan\sde\sigj\s(?:op|bij|langs)",
    re.I,
)
INCIDENT = re.compile(
    r"(?<!\w)\w*incident\w*|medicatiefout\w*|mic-melding\w*|vim-melding\w*|calamiteit\w*|aangifte|igj-?rapport|fraude|diefstal|ontbrak|ontbreekt",
    re.I,
)
LOCAL = re.compile(alternation("local_cues"), re.I)  # lists/local_cues.txt
FIGURE = re.compile(
    r"(?<!\d)\d+(?:[.,]\d+)*\s?(?:%|procent|fte|formatieplaatsen|miljoen|ton|k€|k\b|euro|vacatures|bedden)|€\s?\d+(?:[.,]\d+)?\s?(?:miljoen|mln|m\b|k\b)?",
    re.I,
)
FIGURE_TOPIC = re.compile(alternation("figure_topics"), re.I)  # lists/figure_topics.txt
REORGANISATION = re.compile(
    r"reorganisatie|fusie|fuseren|samen\smet\s.{0,40}\sverder|gaat\s.{0,30}samen|sluiting|gaat\sdicht|sluit\s(?:de|het)|"
    r"ontslagen|ontslag\w*|banen\sverdwijnen|moet\sverdwijnen|verdwijnen|formatieplaatsen\sminder|wegbezuinig\w*|"
    r"nieuwe\s(?:naam|logo)|verhuist\snaar|stoppen\smet\s(?:de|onze|het)\s(?:locatie|afdeling|dagbesteding|vestiging)|"
    r"gaat\ssluiten|wordt\sgesloten|dichtgaat|dicht\sgaat|gaat\sdicht|opgeheven|afgebouwd|fuseren|samengevoegd",
    re.I,
)
# Signs the writer passes on news before the organisation does.
RUMOUR = re.compile(
    r"(?:heb|hebben|had|hadden)\s(?:[\w-]+\s){0,5}gehoord|via\svia|hoorde\s(?:ik|dat)|zou\s(?:gaan|moeten)|breaking|bij\sdeze|(?:kan|mag)\sik\s(?:alvast\s)?"
    r"(?:melden|vertellen|verklappen)|(?:meer\s)?informatie\svolgt|volgt\s(?:later|nog)|namens\s",
    re.I,
)
PUBLIC = re.compile(alternation("public_signs"), re.I)  # lists/public_signs.txt


# Round 2 of issue 13. Passed on with a word that it must stay inside: "niet doorvertellen".
SECRECY = _words("secrecy_markers")
# Teased: "groot nieuws over ons huis, meer mag ik niet zeggen 🤐".
TEASER = _words("news_teasers")
HUSH = re.compile(r"[🤐🤫👀😏🍿😬]|\bbinnenkort\b|\bsoon\b|\bstay\stuned\b", re.I)
# From a closed meeting or an internal paper, with news: "in het teamoverleg hoorden we dat ... dichtgaat".
FROM_MEETING = re.compile(
    r"(?<![\p{L}])(?:in|uit|van|op|na|tijdens|volgens|at|from|in)\s(?:het|de|den|ons|onze|the|today's|yesterday's|"
    r"this\sweek's|last\sweek's|our)\s(?:[\p{L}-]+\s)?" + alternation("meeting_sources") + r"(?![\p{L}])"
    r"|(?<![\p{L}])(?:straight\sfrom|rumou?r\sfrom|heard\sat)\s(?:the\s|today's\s|yesterday's\s)?(?:[\p{L}-]+\s)?"
    + alternation("meeting_sources")
    + r"(?![\p{L}])",
    re.I,
)
ORG_NEWS = re.compile(
    rf"(?<![\p{{L}}]){alternation('org_news', 'dismissals')}(?![\p{{L}}])"
    r"|\bmoet(?:en)?\s(?:er\s)?(?:[\p{L}]+\s){0,3}weg\b",
    re.I,
)
# A secrecy marker guards news; with nothing but an opinion beside it ("niet verder vertellen: ik vind de
# kerstmarkt elk jaar leuker") it is a joke.
OPINION = re.compile(r"(?:^|[.!?:]\s*)(?:ik\svind|ik\sdenk|i\sthink|i\sfeel)\b[^.!?]*", re.I)
DISMISSAL = _words("dismissals")
HEARSAY = re.compile(alternation("gossip_markers"), re.I)
MORE_INCIDENTS = _words("incident_words")
HARMLESS_SECRET = _words("harmless_secrets", "gossip_relations")
# A code read out digit by digit: "de code is twee vijf acht nul".
_DIGIT = r"(?:nul|een|één|twee|drie|vier|vijf|zes|zeven|acht|negen|zero|one|two|three|four|five|six|seven|eight|nine)"
CODE_SPELLED = re.compile(rf"(?<![\p{{L}}]){_DIGIT}(?:[\s,-]+{_DIGIT}){{2,7}}(?![\p{{L}}])", re.I)


def detect(doc: Doc, emit: Emit) -> None:
    text = doc.text
    public = PUBLIC.search(text)
    for s, e in doc.sentences:
        sentence = text[s:e]
        for m in SECURITY_NOUN.finditer(sentence):
            start = s + m.start()
            window_s, window_e = doc.sentence_span(start, after=1)
            values = [*CODE_VALUE.finditer(text, window_s, window_e), *CODE_SPELLED.finditer(text, window_s, window_e)]
            for value in sorted(values, key=lambda v: v.start()):
                if not doc.overlaps_identifier(value.start(), value.end()) and not _is_time(text, value):
                    emit(
                        "confidential",
                        start,
                        value.end() if value.start() > start else m.end() + s,
                        "security_code",
                        "confidential.internal",
                        severity=BLOCK,
                    )
                    break
        for pattern in (PASSWORD_VALUE, PASSWORD_BARE):
            for m in pattern.finditer(sentence):
                emit(
                    "confidential", s + m.start(), s + m.end(), "security_code", "confidential.internal", severity=BLOCK
                )
        asked = SECURITY_ASKED_NOUN.search(sentence)
        if asked and ASKING.search(sentence):
            emit(
                "confidential",
                s + asked.start(),
                s + asked.end(),
                "security_asked",
                "confidential.internal",
                severity=BLOCK,
            )
        for m in SECURITY_DEVICE.finditer(sentence):
            if NOT_A_DEVICE.search(sentence[: m.start()]):
                continue
            broken = BROKEN.search(sentence, m.end(), min(len(sentence), m.end() + 60))
            if broken:
                emit(
                    "confidential",
                    s + m.start(),
                    s + broken.end(),
                    "security_weak",
                    "confidential.internal",
                    severity=BLOCK,
                )
                break

    for m in KEPT_AT.finditer(text):
        emit("confidential", m.start(), m.end(), "security_code", "confidential.internal", severity=BLOCK)
    for m in NOT_PUBLIC.finditer(text):
        emit("confidential", m.start(), m.end(), "not_public", "confidential.internal")
    _passed_on(doc, emit, public)
    for m in INTERNAL_MEETING.finditer(text):
        emit("confidential", m.start(), m.end(), "internal_meeting", "confidential.internal")
    if public:
        return
    for m in INQUIRY.finditer(text):
        emit("confidential", m.start(), m.end(), "incident", "confidential.internal")
    local: dict[tuple[int, int], bool] = {}
    for m in [*INCIDENT.finditer(text), *MORE_INCIDENTS.finditer(text)]:
        around = doc.sentence_span(m.start(), before=1, after=1)
        if around not in local:
            local[around] = bool(LOCAL.search(doc.lower, *around))
        if local[around]:
            emit("confidential", m.start(), m.end(), "incident", "confidential.internal")
    for m in FIGURE.finditer(text):
        window = doc.sentence_lower(m.start())
        insiders = re.search(r"\bons\b|\bonze\b|\bwe\b|het\sbestuur|de\sdirectie|raad\svan\sbestuur|het\smt\b", window)
        if FIGURE_TOPIC.search(window) and (LOCAL.search(window) or insiders):
            emit("confidential", m.start(), m.end(), "internal_figures", "confidential.internal")
    reorganised: dict[tuple[int, int], bool] = {}  # one look per window, not per rumour word in it
    for m in RUMOUR.finditer(text):
        span = doc.sentence_span(m.start(), after=1)
        if span not in reorganised:
            reorganised[span] = bool(REORGANISATION.search(doc.lower, *span))
        if reorganised[span]:
            emit("confidential", m.start(), m.end(), "not_public", "confidential.internal")


def _is_time(text: str, m: re.Match[str]) -> bool:
    return bool(re.search(r"\d[:.]$", text[max(0, m.start() - 2) : m.start()]))


def _passed_on(doc: Doc, emit: Emit, public: re.Match[str] | None) -> None:
    """News passed on with a sign it must stay inside, teased, or from a closed meeting."""
    text = doc.text
    secret = SECRECY.search(text)
    if secret and HARMLESS_SECRET.search(text):  # a surprise party, or gossip (respect.py's)
        secret = None
    if secret and len(re.findall(r"\p{L}+", OPINION.sub(" ", text.replace(secret.group(), " ")))) < 3:
        secret = None
    if secret and not public:
        emit("confidential", secret.start(), secret.end(), "not_public", "confidential.internal")
    teaser = TEASER.search(text)
    if teaser and (secret or HUSH.search(text)) and not public:
        emit("confidential", teaser.start(), teaser.end(), "not_public", "confidential.internal")
    if public:
        return
    looked: set[tuple[int, int]] = set()
    for m in FROM_MEETING.finditer(text):
        s, e = doc.sentence_span(m.start(), after=1)
        if (s, e) in looked:
            continue
        looked.add((s, e))
        if ORG_NEWS.search(text, s, e) or REORGANISATION.search(text, s, e) or FIGURE.search(text, s, e):
            emit("confidential", m.start(), m.end(), "internal_meeting", "confidential.internal")
            break
    dismissal = DISMISSAL.search(text)
    if dismissal and HEARSAY.search(text):
        emit("confidential", dismissal.start(), dismissal.end(), "not_public", "confidential.internal")
