"""confidential: internal information that is not public."""

import regex as re

from ..lists import alternation
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
    r"(?<![\p{L}])(?:wachtwoord|password|wifi-?wachtwoord|ww|pw|inlog(?:gegevens)?(?:\s\w+)?:?(?:\s\S+)*?\s(?:ww|wachtwoord|pw))(?:\s(?:is|wordt|blijft|nu|voortaan|weer|=))*\s[\"'“]?"
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
    rf"(?<![\p{{L}}])(?:de|het|die|dat|ons|onze|jullie|je|jouw|the)\s(?:nieuwe\s|juiste\s)?"
    rf"(?:(?:deur|alarm|kluis|toegangs|pin|inlog|sleutelkluis|sleutelkast|wifi-?|wi-fi-?)codes?|"
    r"(?:key\s?safe|door|alarm|wifi)\s(?:code|password)s?|"
    r"wachtwoord(?:en)?|password|"
    rf"(?:code|combinatie|cijfers)\s(?:[\w']+\s){{0,2}}?(?:van|voor|op|bij)\s(?:de|het|onze|ons)\s(?:\w+\s)?{SECURED_THING})"
    r"(?![\p{L}])",
    re.I,
)
# Asking for a code spreads it as surely as giving it: the answer lands in the same group.
ASKING = re.compile(
    r"(?<![\p{L}])(?:wat\s(?:is|was|waren|zijn|werd)|weet\s(?:iemand|er\siemand|jij|je|u|jullie)(?!\s(?:hoe|waarom|wanneer))|"
    r"wie\s(?:weet|heeft|kent|had)|(?:heeft|had)\s(?:iemand|er\siemand|jij|u)|kent\s(?:iemand|jij|u)|"
    r"(?:kan|kun|kunnen|wil|mag)\s(?:iemand|jij|je|u|jullie|ik)\s(?:[\w']+\s){0,8}?(?:sturen|appen|doorgeven|delen|geven|"
    r"zeggen|mailen|hebben|krijgen|vragen|weten)|hoe\sluidt|stuur\s(?:even\s|me\s|mij\s)*|iemand\s(?:de|het)\s|"
    r"(?:ik\sben|ben\sik|we\szijn|zijn\swe|wij\szijn)\s(?:\w+\s){0,6}(?:kwijt|vergeten)(?=[^.!]*\?)|what(?:'s|\sis|\swas)|does\sanyone|anyone\s(?:know|have))",
    re.I,
)
# A weak spot in the security: "het alarm van de achterdeur doet het niet", "slot van de medicijnkast is kapot".
SECURITY_DEVICE = re.compile(
    r"(?<![\p{L}])(?:(?:brand|inbraak|deur|bewegings)?alarm(?:installatie|systeem|knop)?|beveiliging\w*|"
    r"(?:deur|kluis|kast|nachtslot|hang)?slot(?:en)?(?=\s(?:van|op|aan|bij|is|zijn|zit|doet|werkt|gaat|staat|sluit|blijft|kan))|"
    r"(?:beveiligings|bewakings)?camera'?s?|pasjeslezer\w*|toegangs(?:poort|controle|systeem)|"
    r"(?:voor|achter|nood|brand|buiten|personeels|tuin)deur(?:en)?|deur(?:en)?\svan\s(?:de|het)\s\w+|"
    r"(?:tuin)?hek(?:ken)?|(?:toegangs|tuin|slag)?poort|(?:the\s)?(?:alarm|lock|locks|(?:back|front|fire)\sdoor))(?![\p{L}])",
    re.I,
)
BROKEN = re.compile(
    r"(?:doe[tn]\s(?:het|'t)\s(?:[\w']+\s){0,3}?niet(?!\salleen)|werk(?:t|en)\s(?:[\w']+\s){0,3}?niet(?!\salleen)|"
    r"kapot|stuk\b|defect|is\sbroken|are\sbroken|(?:does|do)\s(?:not|n't)\swork|doesn't\swork|out\sof\sorder|"
    r"uitgevallen|buiten\swerking|staa?t\s(?:al\s\w+\s)?uit\b|staan\s(?:al\s\w+\s)?uit\b|uitgeschakeld|"
    r"sluit(?:en)?\s(?:\w+\s)?niet(?:\smeer)?|gaa?t\s(?:\w+\s)?niet\s(?:meer\s)?(?:dicht|op\sslot)|niet\s(?:meer\s)?op\sslot|"
    r"open\sgebroken|opengebroken|geforceerd|klemt\sopen|blijft\sopen\s(?:staan)?|"
    r"(?:gaat|ging)\s(?:steeds\s|telkens\s)?(?:vanzelf\s)?(?:af|uit)\b(?=.{0,30}(?:zonder|storing|vals)))",
    re.I,
)
# "het slot" as in "tot slot", "alarm" as in "alarmnummer 112": no device.
NOT_A_DEVICE = re.compile(r"(?:tot|ten)\s$", re.I)
CODE_VALUE = re.compile(
    r"(?<![\d\p{L}])(?:\d{3,6}|\d(?:\s\d){2,5})\s?[#*]?(?![\d\p{L}]|[.,:]\d|\s?(?:uur|euro|%|jaar|km|minuten|mensen|bewoners))"
)
# A password is named and given: "wachtwoord voor de pc: Zomer2026!"; a discount code given so is no secret.
PASSWORD_VALUE = re.compile(
    rf"(?:wachtwoord|password|inlogcode|(?<![\w-]){HARMLESS_CODE}[\w-]*code)\b[^.!?\n]{{0,40}}?(?:\bis\b|:)\s*[\"'“]?(?=\S*[\d!@#$%&*])\S{{4,}}",
    re.I,
)
# Where a key or password is kept: "de noodsleutel ligt in het blauwe kastje".
KEPT_AT = re.compile(
    r"(?:wachtwoord\w*|password|(?<!\w)\w*sleutel\w*|pincode|pasje)\s(?:[^.!?\n]{0,30}\s)?(?:ligt|staat|hangt|zit|zitten|liggen|"
    r"hangen|bewaren\swe|verstopt)\s(?:nu\s|altijd\s|gewoon\s)?(?:in|op|onder|achter|bij|naast|boven|tussen)\s(?:het|de|een)\s[\w-]+",
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
# "Mijn antwoord is altijd: dat mag ik niet zeggen. Beroepsgeheim!": the answer that keeps a secret, not a tease.
DISCRETION = re.compile(r"(?:antwoord|zeg\sik|reageer\sik)\b[^.!?\n]{0,30}$|['‘\"“]\s?(?:\w+\s){0,2}$", re.I)
KEEPING_SECRETS = re.compile(r"beroepsgeheim|privacy|zwijgplicht|geheimhouding", re.I)
MAY_NOT_SAY = re.compile(r"mag\s(?:ik\s)?(?:eigenlijk\s|nog\s)*(?:niet|niks|niets)\s", re.I)
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
    r"(?<!\d)\d+(?:[.,]\d+)?\s?(?:%|procent|fte|formatieplaatsen|miljoen|ton|k€)|€\s?\d+(?:[.,]\d+)?\s?(?:miljoen|mln)",
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


def detect(doc: Doc, emit: Emit) -> None:
    text = doc.text
    public = PUBLIC.search(text)
    for s, e in doc.sentences:
        sentence = text[s:e]
        for m in SECURITY_NOUN.finditer(sentence):
            start = s + m.start()
            window_s, window_e = doc.sentence_span(start, after=1)
            for value in CODE_VALUE.finditer(text, window_s, window_e):
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
        if MAY_NOT_SAY.match(m.group()) and _keeps_a_secret(doc, m.start()):
            continue
        emit("confidential", m.start(), m.end(), "not_public", "confidential.internal")
    for m in INTERNAL_MEETING.finditer(text):
        emit("confidential", m.start(), m.end(), "internal_meeting", "confidential.internal")
    if public:
        return
    for m in INQUIRY.finditer(text):
        emit("confidential", m.start(), m.end(), "incident", "confidential.internal")
    for m in INCIDENT.finditer(text):
        window = doc.sentence_lower(m.start(), before=1, after=1)
        if LOCAL.search(window):
            emit("confidential", m.start(), m.end(), "incident", "confidential.internal")
    for m in FIGURE.finditer(text):
        window = doc.sentence_lower(m.start())
        insiders = re.search(r"\bons\b|\bonze\b|\bwe\b|het\sbestuur|de\sdirectie|raad\svan\sbestuur|het\smt\b", window)
        if FIGURE_TOPIC.search(window) and (LOCAL.search(window) or insiders):
            emit("confidential", m.start(), m.end(), "internal_figures", "confidential.internal")
    for m in RUMOUR.finditer(text):
        window = doc.sentence_lower(m.start(), after=1)
        if REORGANISATION.search(window):
            emit("confidential", m.start(), m.end(), "not_public", "confidential.internal")


def _keeps_a_secret(doc: Doc, start: int) -> bool:
    """ "Dat mag ik niet zeggen" given as the answer to a question about someone, for professional secrecy."""
    s, _ = doc.sentence_span(start)
    return bool(DISCRETION.search(doc.text, s, start)) or bool(
        KEEPING_SECRETS.search(doc.sentence_lower(start, before=1, after=1))
    )


def _is_time(text: str, m: re.Match[str]) -> bool:
    return bool(re.search(r"\d[:.]$", text[max(0, m.start() - 2) : m.start()]))
