"""disrespect: insults, swearing, mockery, threats and gossip.

No usable Dutch list exists, so this is our own lexicon. Words that are
also care vocabulary ("kanker", "dement", "gestoord" in a diagnosis) are
not in it; weak words only count when they are aimed at people.
"""

from collections.abc import Callable

import regex as re

from ..lexicon import lexicon
from ..lists import alternation
from ..lists import words as _words
from ..text import Doc, Emit, Span

# How the class checks report a span before the quoting check: (start, end, message key).
Add = Callable[[int, int, str], None]

# The word lists are lists/insults.txt, insults_weak.txt, respect_frames.txt and respect_things.txt.
# "stelletje <anything>" is a pattern, not a word, so it stays here.
STRONG = alternation("insults") + r"|stelletje\s\w+"
WEAK = alternation("insults_weak")
FRAME = alternation("respect_frames")
THING = re.compile(rf"^[\s,]*{alternation('respect_things')}\b", re.I)
INSULT = re.compile(rf"(?<![\p{{L}}])(?:{STRONG})(?![\p{{L}}])", re.I)
FRAMED = re.compile(rf"(?<![\p{{L}}])(?:{FRAME})\s(?:[\p{{L}}'\-]+,?\s){{0,2}}?((?:{WEAK}))(?![\p{{L}}])", re.I)
CONTEMPT = re.compile(
    r"(?:zoek|zoekt|zoeken)\s(?:u|jullie|ze|je)\smaar\seen\sander\w*|"
    r"(?:families|familie|ouders|cli[eë]nten|bewoners|pati[eë]nten|mensen|collega'?s|ambtenaren)\s(?:zijn|is)\s"
    r"(?:echt\s|gewoon\s|toch\s)?(?:onmogelijk|ondankbaar|verwend|irritant|asociaal|gestoord|dom|lui|hopeloos|niet\snormaal)|"
    r"(?:die|deze|onze|mijn)\s(?:nieuwe\s)?(?:directeur|manager|teamleider|bestuurder|collega|leidinggevende|baas|planner|"
    r"arts|wethouder|minister)\s(?:van\sons\s)?is\s(?:echt\s|gewoon\s)?een\s(?:grap|lachertje|aanfluiting|ramp|nul)|"
    r"dom\sals\s|wie\sheeft\s(?:die|dat|hem|haar|hen)\s(?:in\sgodsnaam\s)?aangenomen|in\sgodsnaam|"
    r"hoe\sis\s(?:die|dat|hij|zij|ze)\sdoor\sde\sproeftijd|waar\shalen\sze\sze\svandaan|"
    r"te\sveel\sgevraagd\svoor|niet\shet\smiddelpunt\svan|(?:snappen|snapt)\ser\sniks\svan|pot\sleeg|"
    r"(?:nog\s)?nooit\seen\s(?:bed|patiënt|patient|nachtdienst)\s.{0,30}(?:verschoond|aangeraakt|gedraaid)\s.{0,60}"
    r"(?:trien|types?|meisje|heren|mannetje|aangenomen)",
    re.I,
)
MOCKERY = re.compile(
    r"net\s(?:een|als\seen)\s(?:kip|aap|koe|varken|ezel|walrus|nijlpaard|olifant|clown|zombie)\w*|"
    r"(?:kunnen|kun|kunt|mogen|mag)\s(?:vast|alvast|wel)\s(?:je|jullie|hun|haar|zijn)\s(?:bureau|kastje|spullen|koffers?)\s"
    r"(?:leegruimen|inpakken|pakken)|"
    r"(?:haha|hihi|lol)\w*[^.!?\n]{0,40}(?:die|deze)\s(?:mevrouw|meneer|man|vrouw|bewoner\w*|cli[eë]nt|collega)",
    re.I,
)
THREAT = re.compile(
    r"(?:ik\s)?(?:sla|maak|schop|steek)\s(?:je|hem|haar|jullie)\s(?:dood|kapot|in\selkaar|verrot)|"
    r"ik\sweet\swaar\s(?:je|jij|hij|ze)\swoon|moet(?:en)?\s(?:je|hij|ze|zij)\sdood|kop\seraf|verdienen\seen\spak\sslaag",
    re.I,
)
GOSSIP = re.compile(
    r"dat\sheb\s(?:je|jij|jullie)\sniet\svan\smij|zeg\shet\sniet\sdoor|(?:tussen|onder)\sons\sgezegd|"
    r"iedereen\s(?:op\sde\s\w+\s|hier\s)?(?:heeft\shet\serover|zegt\shet|weet\shet|praat\serover|zegt\shetzelfde)|"
    r"ik\szeg\sniks,?\smaar|ik\sga\sgeen\snamen\snoemen|ik\snoem\sgeen\snamen|naar\sverluidt|het\sschijnt\sdat|"
    r"waarschijnlijk\skent\s(?:ze|hij)\siemand|(?:heeft|had)\s(?:het\s)?met\s(?:de|haar|zijn)\s\w+\s['‘\"]\w+['’\"]|"
    r"['‘](?:met\sziekteverlof|geregeld|ziek)['’]",
    re.I,
)


# Harsh accusations (lying, stealing, fraud) against the management or a named person:
# "de directeur liegt", "Petra jat uit de pot", "die teamleider is een dief".
BOSS = (
    r"(?:de|die|deze|onze|ons|het|mijn|m'n|onze\snieuwe|de\snieuwe)\s" + alternation("bosses")  # lists/bosses.txt
)
ACCUSATION = (
    r"(?:(?:heeft|hebben|had|hadden)\s(?:[\w']+\s){0,3}?(?:gelogen|gestolen|gejat|gefraudeerd|verduisterd|gegraaid|"
    r"opgelicht|bedrogen|gesjoemeld)|liegt|liegen|loog|logen|staat\s(?:te\s)?liegen|staan\s(?:te\s)?liegen|jat|jatten|jatte|jatten|steelt|stelen|"
    r"stal|stalen|graait|graaien|graaide|pleegt\sfraude|plegen\sfraude|fraudeert|fraudeerde|fraudeerden|sjoemelt|"
    r"sjoemelen|verduistert|verduisteren|bedriegt|bedriegen|licht\s(?:ons|iedereen|de\s\w+)\sop|lichten\s(?:ons|"
    r"iedereen)\sop|steekt\s.{0,40}in\s(?:zijn|haar|hun|de\seigen)\s(?:eigen\s)?zak(?:ken)?|"
    r"(?:is|zijn)\s(?:(?:een|gewoon|echt|echte|regelrechte?|toch|allemaal|unne|ne)\s){0,3}(?:leugenaars?|dieven|dief|"
    r"oplichters?|fraudeurs?|bedriegers?|criminelen|crimineel|corrupt|zakkenvullers?|graaiers?)|"
    r"(?:gestolen|gejat|gelogen|gefraudeerd|gesjoemeld|verduisterd)\s(?:heeft|hebben|had|hadden)|"
    r"(?:vertelt|vertellen|verkoopt)\s(?:[\w']+\s){0,3}?(?:glashard\s)?leugens|rommel(?:t|en|de)\smet\s(?:de\s|het\s)?"
    r"(?:geld|declaraties|cijfers|budget)|(?:geld\s)?in\s(?:zijn|haar|hun)\s(?:eigen\s)?zak(?:ken)?\s(?:steekt|steken|stak)|"
    r"(?:heeft|hebben)\s(?:[\w']+\s){0,2}?(?:zijn|haar|hun)\szakken\s(?:al\s)?gevuld|strijkt\s(?:de\s|het\s)?(?:centen|geld)\sop|"
    r"lies\sto|lied\sto|is\slying|are\slying|steals|stole|is\sstealing|(?:is|are)\s(?:a\s)?(?:liars?|thie(?:f|ves)|crooks?|corrupt))"
    # "liegt niet"; "steelt de show", "stal ieders hart" are praise.
    r"(?!\s(?:niet|nooit|geen|helemaal\sniet|er\sniet\som|er\sgeen\sdoekjes\som|not|never)\b|\s(?:de\sshow|(?:ieders|ons|het|alle|de)\s(?:hart|harten)|de\sharten)\b)"
)
ACCUSED_BOSS = re.compile(rf"(?<![\p{{L}}]){BOSS}\s(?:[\p{{L}}'-]+\s){{0,3}}?{ACCUSATION}(?![\p{{L}}])", re.I)
# "hij is een dief", "ze liegt altijd", "die hoofdverpleegkundige liegt", "our director lies to staff".
ACCUSED_PERSON = re.compile(
    rf"(?<![\p{{L}}])(?:(?:hij|zij|ze|he|she|they)|(?:de|die|deze|onze|ons|mijn|m'n|the|our|my|that)\s(?:[\p{{L}}'-]+\s){{0,2}}?"
    rf"[\p{{L}}'-]+)\s(?:[\p{{L}}'-]+\s){{0,2}}?{ACCUSATION}(?![\p{{L}}])",
    re.I,
)
ANIMAL = re.compile(rf"\w*{alternation('pets')}\b", re.I)
ACCUSED_NAME = re.compile(
    rf"(?<![\p{{L}}])(\p{{Lu}}[\p{{Ll}}'-]+)\s(?:[\p{{L}}'-]+\s){{0,2}}?{ACCUSATION}(?![\p{{L}}])"
)


def detect(doc: Doc, emit: Emit) -> None:
    found: list[tuple[int, int, str]] = []

    def add(start: int, end: int, key: str) -> None:
        found.append((start, end, key))

    _accusations(doc, add)
    text = doc.text
    for pattern, key in (
        (INSULT, "insult"),
        (THREAT, "insult"),
        (MOCKERY, "mockery"),
        (CONTEMPT, "insult"),
        (GOSSIP, "gossip"),
    ):
        for m in pattern.finditer(text):
            if not doc.is_masked(m.start(), m.end()):
                add(m.start(), m.end(), key)
    for m in FRAMED.finditer(text):
        if THING.match(text[m.end(1) : m.end(1) + 20]) or doc.is_masked(m.start(1), m.end(1)):
            continue
        add(m.start(), m.end(), "insult")
    for s, e in doc.sentences:
        _sentence_classes(doc, s, e, add)
    _post_classes(doc, add)
    distancing: dict[Span, bool] = {}  # a long text repeats a finding thousands of times: read each sentence once
    for start, end, key in found:
        # A slur quoted to reject it, or a rule that names one, is no insult by the writer.
        if not _distanced(doc, start, end, distancing):
            emit("disrespect", start, end, key, "respect.respectful")


def _accusations(doc: Doc, add: Add) -> None:
    """An accusation of lying, stealing or fraud aimed at the management or a person by name."""
    first_names = lexicon().first_names
    for m in ACCUSED_BOSS.finditer(doc.text):
        add(m.start(), m.end(), "accusation")
    for m in ACCUSED_PERSON.finditer(doc.text):
        if not ANIMAL.search(m.group()):  # "de afdelingskat steelt kaas"
            add(m.start(), m.end(), "accusation")
    for m in ACCUSED_NAME.finditer(doc.text):
        if m.group(1) in first_names and not doc.is_masked(m.start(), m.end()):
            add(m.start(), m.end(), "accusation")


# Round 2 of issue 13: classes of disrespect that have no single insult word. Each is a
# combination found in one sentence or post, with the vocabulary in lists/*.txt.


def _anywhere(*names: str) -> re.Pattern[str]:
    """Any entry of the lists, also inside a longer run of emoji or letters' edges."""
    return re.compile(alternation(*names), re.I)


DISTANCING = _words("respect_distancing")
QUOTE_OPEN = re.compile(r"['\"‘“][^'\"‘“’”]*$")
QUOTE_CLOSE = re.compile(r"[^'\"‘“’”.!?]{0,40}['\"’”]")
REPORTED = re.compile(r"\b(?:zei|zeiden|zegt|riep|riepen|schreef|vroeg|las|hoorde|said|says|wrote|asked)\b", re.I)
NEGATED_NOUN = re.compile(
    r"(?:\bgeen|\bnooit\s(?:een|zo'n)|\bniet\s(?:een|zo'n)|\bnot\s(?:a|an)|\bnever\s(?:a|an)|\bno)\s"
    r"(?:[\p{L}'-]+\s)?['\"‘“]?$",
    re.I,
)

# Generalisations about a group: a group named as such, with a negation or judgement,
# or with a sweeping word and nothing positive ("die Polen snappen er niks van",
# "Turkse families komen altijd met twintig man", "collega's uit het buitenland ... niet").
PEOPLE = alternation("group_people")
GROUP = re.compile(
    rf"(?<![\p{{L}}-])(?:{alternation('ethnic_groups')}|{alternation('ethnic_adjectives')}\s(?:[\p{{L}}'-]+\s)?{PEOPLE}"
    rf"|{PEOPLE}\s(?:uit\shet\sbuitenland|uit\soost-europa|from\sabroad|from\seastern\seurope)"
    r"|(?:mensen|vrouwen|meisjes|collega's)\smet\s(?:hun\s|een\s|die\s)?hoofddoek\w*)(?![\p{L}])",
    re.I,
)
GROUP_JUDGEMENT = _words("group_judgements")
GROUP_SWEEPING = _words("group_generalising")
GROUP_POSITIVE = _words("group_positive")

# Threats: a violent or vengeful consequence after a condition or an oath.
THREAT_TRIGGER = re.compile(
    rf"(?<![\p{{L}}]){alternation('threat_triggers')}(?![\p{{L}}])|\b(?:de\s)?volgende\s[\p{{L}}-]+\sdie\b|\bnext\s\w+\swho\b",
    re.I,
)
THREAT_CONSEQUENCE = re.compile(
    rf"(?<![\p{{L}}]){alternation('threat_consequences')}(?![\p{{L}}])"
    r"|\bkrijg(?:t|en)\s(?:ie|hij|ze|zij|die|je|jij)\s(?:er\s)?(?:echt\s)?(?:een|unne|ne|nen)\s(?:klap|mep|dreun|lel|knal|schop)"
    r"|\b(?:zet|gooi|smijt|schop)\s(?:ik\s)?(?:hem|haar|ze|jullie|die|hen)\s(?:[\p{L}]+\s){0,3}?(?:eruit|er\suit|buiten)\b"
    r"|\b(?:sla|schop|mep)\sik\s(?:hem|haar|je|jou|jullie|ze)\b|\bi'?ll\smake\s(?:him|her|them|you)\b",
    re.I,
)

# Mock praise: praise aimed at someone, with an eye-roll, or with applause and "yet again".
MOCK_PRAISE = _words("mock_praise")
MOCK_TARGET = _words("mock_targets", "bosses", "staff_roles")
SARCASM = _anywhere("sarcasm_markers")
AGAIN = _words("sarcasm_again")
CLAP = re.compile("👏")
COMPLAINT = re.compile(r"\b(?:geen|niet|nie|nooit|zonder|te\slaat|weer\seen|no|not|never)\b", re.I)

# Laughing at a client: laughter with a client's confusion or behaviour.
LAUGHTER = _words("laughter")
SNEER = re.compile("[🙄😒]")
CLIENT_PERSON = _words("client_people", "client_nouns")
CONFUSION = _words("client_confusion")
LAUGHING_WITH = _words("laughing_with")
# "mevrouw dacht vanochtend dat de tillift een paard was": a belief, with words between.
THOUGHT = re.compile(r"\b(?:dacht|denkt|dachten|denken)\s(?:[\p{L}]+\s){0,3}?dat\b", re.I)
MINE = re.compile(r"\b(?:ik|we|wij|i)\s$", re.I)

# Gossip: relationships and dismissals of colleagues, misconduct of the organisation, as hearsay.
RELATION = _words("gossip_relations")
HEARSAY = _anywhere("gossip_markers")
OWN_RELATION = re.compile(
    r"(?:\bik\s(?:ben|heb)|\bwij\b|\bwe\b|\bmijn\s(?:man|vrouw|vriend|vriendin|partner|lief))[^.!?]{0,20}$", re.I
)
DISMISSAL = _words("dismissals")
REASON = re.compile(r"\b(?:omdat|vanwege|wegens|because|for)\b", re.I)
# Not gossip about a person: the writer's own dismissal, or layoffs of many ("er worden vijf mensen ontslagen",
# news for confidential.py); "niemand is ooit ontslagen omdat ..." is advice.
NOT_ONE_PERSON = re.compile(
    r"(?:\b(?:ik\sben|ben\sik|i\swas|i\sgot|i've\sbeen|ik\sword|word\sik|niemand|nobody|wie\ser|mensen|medewerkers|"
    r"collega's|banen|jobs|people|staff)\b|\d)[^.!?]{0,40}$",
    re.I,
)
NEGATED_AFTER = re.compile(
    r"\s(?:is|zijn|was|waren)\s(?:ze|hij|zij|het|die)\s(?:echt\s|toch\s)?(?:niet|geen)\b|\s(?:is|are)\s?n[o']t\b",
    re.I,
)
MISCONDUCT = _words("misconduct")
ORG_OR_BOSS = re.compile(
    rf"(?<![\p{{L}}])(?:{alternation('bosses', 'org_nouns')}|\p{{Lu}}[\p{{L}}-]+hof|het\s\p{{Lu}}\w+)(?![\p{{L}}])",
    re.I,
)
RUMOUR_OF_ORG = re.compile(
    r"\b(?:gerucht\w*|rumou?r\w*|ze\szeggen\sdat|zeggen\sze\sdat|zeggen\sze|ik\shoor\sdat|hoor\s(?:ik\s)?via\svia|"
    r"ik\sheb\sgehoord\sdat|hoorde\sik|schijnt|word\sis)\b",
    re.I,
)


def _distanced(doc: Doc, start: int, end: int, sentences: dict[Span, bool]) -> bool:
    """The words are quoted to reject them, explained, or negated ("is geen 'heks'")."""
    s, e = doc.sentence_span(start)
    if (s, e) not in sentences:
        sentences[(s, e)] = bool(DISTANCING.search(doc.text, s, e))
    if sentences[(s, e)] or NEGATED_AFTER.match(doc.text, end, e):
        return True
    if NEGATED_NOUN.search(doc.text[max(s, start - 30) : start]):
        return True
    # Quoted and reported: "een bewoner zei 'de directeur liegt'".
    quoted = QUOTE_OPEN.search(doc.text[max(s, start - 40) : start]) and QUOTE_CLOSE.match(doc.text, end, e)
    return bool(quoted and REPORTED.search(doc.text, s, e))


def _sentence_classes(doc: Doc, s: int, e: int, add: Add) -> None:
    text = doc.text
    group = GROUP.search(text, s, e)
    if group:
        nxt = doc.sentence_span(s, after=1)
        following = text[e : nxt[1]]
        short_next = following if len(following.split()) <= 4 else ""
        judged = GROUP_JUDGEMENT.search(text, s, e) or GROUP_JUDGEMENT.search(short_next)
        swept = GROUP_SWEEPING.search(text, s, e) and not GROUP_POSITIVE.search(text, s, e)
        if judged or swept:
            add(group.start(), group.end(), "generalisation")
    if THREAT_TRIGGER.search(text, s, e):
        consequence = THREAT_CONSEQUENCE.search(text, s, e)
        if consequence:
            add(s, consequence.end(), "threat")


def _post_classes(doc: Doc, add: Add) -> None:
    text = doc.text
    praise = MOCK_PRAISE.search(text)
    if praise and MOCK_TARGET.search(text):
        if SARCASM.search(text) or (CLAP.search(text) and AGAIN.search(text) and COMPLAINT.search(text)):
            add(praise.start(), praise.end(), "mock_praise")
    # "ik weet niet meer waar het was" is the writer's memory, not a client's confusion.
    confusion = next(
        (m for m in (*CONFUSION.finditer(text), *THOUGHT.finditer(text)) if not MINE.search(text, 0, m.start())), None
    )
    if confusion and CLIENT_PERSON.search(text) and not LAUGHING_WITH.search(text):
        if LAUGHTER.search(text) or SNEER.search(text):
            add(confusion.start(), confusion.end(), "mocked_client")
    hearsay = HEARSAY.search(text)
    for m in RELATION.finditer(text):
        if hearsay and not OWN_RELATION.search(text[max(0, m.start() - 40) : m.start()]):
            add(m.start(), m.end(), "gossip")
            break
    for m in DISMISSAL.finditer(text):
        if NOT_ONE_PERSON.search(text[max(0, m.start() - 40) : m.start()]):
            continue
        s, e = doc.sentence_span(m.start(), after=1)
        if hearsay or REASON.search(text, s, e):
            add(m.start(), m.end(), "gossip")
            break
    rumour = RUMOUR_OF_ORG.search(text)
    if rumour:
        s, e = doc.sentence_span(rumour.start(), after=1)
        if MISCONDUCT.search(text, s, e) and ORG_OR_BOSS.search(text, s, e):
            add(rumour.start(), rumour.end(), "gossip")
