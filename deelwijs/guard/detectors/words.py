"""word_choice (tone of voice), spelling, and the organisation's blocked terms."""

import unicodedata
from collections.abc import Iterator

import regex as re

from ..lexicon import (
    Lexicon,
    SpellChecker,
    common_words_of,
    dictionaries,
    frequencies,
    lexicon,
    other_language_words,
    zipf,
)
from ..lists import word_list
from ..text import Doc, Emit

# Chat abbreviations, interjections and abbreviations that are not misspellings (lists/*.txt).
CHAT_WORDS = frozenset(word_list("chat_words"))
ABBREVIATIONS = frozenset(word_list("abbreviations"))
# Separable verb particles: "meehuilden", "terugbellen".
PARTICLES = word_list("compound_particles")
# Short words that often make the second part of a compound ("koffiekar").
SHORT_PARTS = frozenset(word_list("compound_short_parts"))
# Words that are right where they are written though hunspell's standard Dutch does not know
# them: Flemish, dialect, youth slang and chat, English loans with Dutch endings (lists/*.txt).
ACCEPTED_LISTS = ("flemish_words", "dialect_words", "slang_words", "loanwords")
ACCEPTED = frozenset(w for name in ACCEPTED_LISTS for w in word_list(name) if not w.endswith("*"))
ACCEPTED_STARTS = tuple(w[:-1] for name in ACCEPTED_LISTS for w in word_list(name) if w.endswith("*"))
# Words of a regional language or dialect, the evidence that a post is written in one.
REGIONAL = frozenset(w for name in ("flemish_words", "dialect_words") for w in word_list(name) if not w.endswith("*"))
# A post whose unknown words and known dialect words add up to this many reads as dialect or another
# language: its unknown words are most likely right in that language, so no spelling hint is given.
# Real typos come alone (432 of 475 posts with a typo in the corpus have one unknown word, 2 have
# three); dialect posts bring several at once. Measured on the corpus: spelling precision 0.78 -> 0.89,
# recall 0.96 -> 0.93 (docs/guard.md).
REGIONAL_EVIDENCE = 4
# Two unknown words of four letters or more that are common in one of the other languages we see mixed in
# (lexicon.OTHER_LANGUAGES) make a phrase in that language: none of its words is a Dutch typo, not even a short
# one or one a letter from a Dutch word ("wer kommt"). One such word alone is a typo only when a letter from a
# much more frequent Dutch word ("dankbar").
OTHER_LANGUAGE_EVIDENCE = 2
OTHER_LANGUAGE_LETTERS = 4
# Greek and Latin parts of medical words (lists/medical_parts.txt).
MEDICAL_PARTS = tuple(sorted(set(word_list("medical_parts")), key=len, reverse=True))
# Endings of medicine names, the WHO's INN stems (lists/drug_stems.txt): "tamsulosine", "spironolacton".
DRUG_STEMS = tuple(sorted(set(word_list("drug_stems")), key=len, reverse=True))
DRUG_HEAD = 3  # letters before the stem at least: "adol" alone is no medicine, "tramadol" is
# Endings an adjective or noun takes without becoming another word: "opgeruimdste", "iets toegankelijks".
WORD_ENDINGS = ("ste", "st", "ere", "ers", "er", "e", "s")
# What joins the parts of a compound: "zorg|team", "afdeling|s|kat", "kinder|en|boek", "time-out|kamer".
LINKS_BETWEEN = ("", "s", "-", "e", "en", "er")
MAX_PARTS = 4
# An English word as part of a compound: five letters or more, so a typo's short rest ("vergadring" is
# "verga" + "dring") is not read as English.
ENGLISH_PART = 5
LETTERS = "abcdefghijklmnopqrstuvwxyzéëèïü"
# Words a tone-of-voice stem can be followed by in a compound or inflection
# without becoming a different word.
INFLECTIONS = ("", "n", "s", "en", "e", "'s", "je", "jes")
NOT_MEANT = {"dementerende", "dementerenden", "dementeren"}
LINKS = ("", "s", "e", "en")


TRIPLED = re.compile(r"(.)\1\1")  # "jaaa", "hmmm": drawn out on purpose, not a typo
# ... unless it is a key struck once too often in a longer word: "binnnen", "gezelllig", "dankbaaar".
# Limburgish writes "sj" before a consonant ("sjtein", "sjleutels", "sjoen" aside): no Dutch word starts so.
LIMBURGISH = re.compile(r"(?i)sj[bcdfghklmnpqrstvwxz]")
FOURFOLD = re.compile(r"(.)\1\1\1")
SLIP_LETTERS = {"vowel": 6, "consonant": 5}  # the shortest word, once mended, read as a slip


def detect_word_choice(doc: Doc, emit: Emit) -> None:
    dutch, _ = dictionaries()
    entries = sorted(
        ((stem.lower(), entry["use"]) for entry in doc.policy.word_list for stem in entry["avoid"]),
        key=lambda e: -len(e[0]),
    )
    for start, end, word in doc.words:
        low = word.lower()
        if low in NOT_MEANT:
            continue
        for stem, use in entries:
            i = low.find(stem)
            if i < 0:
                continue
            left, rest = low[:i], low[i + len(stem) :]
            if left and not (len(left) >= 3 and dutch.check(left.rstrip("-"))):
                continue
            if rest in INFLECTIONS or rest.startswith("-") or _is_compound_tail(dutch, rest):
                emit("word_choice", start, end, "word_choice", "words.tone", use=use)
                break


def _is_compound_tail(dutch: SpellChecker, rest: str) -> bool:
    for link in LINKS:
        if rest.startswith(link) and len(rest) - len(link) >= 3 and dutch.check(rest[len(link) :]):
            return True
    return False


def detect_spelling(doc: Doc, emit: Emit) -> None:
    dutch, english = dictionaries()
    lex = lexicon()
    if english and _mostly_english(doc, dutch, english):
        return
    typos = list(_typos(doc, dutch, english, lex))
    regional = sum(1 for _, _, word in doc.words if word.lower() in REGIONAL)
    if len(typos) + regional >= REGIONAL_EVIDENCE:
        return
    if typos and _other_language_words_in(doc, dutch, english) >= OTHER_LANGUAGE_EVIDENCE:
        typos = [typo for typo in typos if not typo[3]]  # a phrase in another language, not Dutch mistyped
    for start, end, suggestion, _ in typos:
        emit("spelling", start, end, "spelling", "spelling.dictionary", suggestion=suggestion)


def _typos(
    doc: Doc, dutch: SpellChecker, english: SpellChecker | None, lex: Lexicon
) -> Iterator[tuple[int, int, str | None, bool]]:
    """The words that look misspelt: (start, end, suggestion, whether the word is common in another language)."""
    for start, end, word in doc.words:
        if not _worth_checking(doc, start, word, lex):
            mended = _slip(doc, start, word, dutch, lex)
            if mended:
                yield start, end, mended, False
            continue
        if "-" in word and _accepted(word.lower(), dutch, english):
            continue  # "time-outkamer": the whole is a compound though a part is not a word
        parts = [p for p in word.split("-") if p]
        for part in parts:
            if part[0].isupper() and not (doc.is_sentence_start(start) and part is parts[0]):
                continue
            if len(part) < 3 or part.lower() in ABBREVIATIONS or part.lower() in CHAT_WORDS:
                continue
            if _known(part, dutch, english, lex) or _known(part.lower(), dutch, english, lex):
                continue
            foreign = _other_language(part)
            typo, suggestion = _judge(part.lower(), dutch, foreign and len(part) >= OTHER_LANGUAGE_LETTERS)
            if typo:
                if suggestion and part[0].isupper():
                    suggestion = suggestion.capitalize()
                yield start, end, suggestion, foreign
                break


def _slip(doc: Doc, start: int, word: str, dutch: SpellChecker, lex: Lexicon) -> str | None:
    """The word with a letter typed three times mended, when that is a Dutch word: "binnnen" -> "binnen".

    Drawn out on purpose is left alone: four or more ("jaaaa"), a short word ("zooo", "heeel",
    "graaag"), a last letter ("yesss", "ssst").
    """
    tripled = list(TRIPLED.finditer(word.lower()))
    if len(tripled) != 1 or FOURFOLD.search(word.lower()):
        return None
    m = tripled[0]
    mended = word[: m.start()] + word[m.start() + 1 :]
    kind = "vowel" if m.group(1) in "aeiouy" else "consonant"
    if len(mended) < SLIP_LETTERS[kind] or m.end() == len(word) or not _worth_checking(doc, start, mended, lex):
        return None
    low = mended.lower()
    return mended if dutch.check(low) or _is_compound(low, dutch, strict=True) else None


def _mostly_english(doc: Doc, dutch: SpellChecker, english: SpellChecker) -> bool:
    """We check Dutch spelling; a post written in English is left alone."""
    only_en = only_nl = 0
    for _, _, word in doc.words[:200]:
        low = word.lower()
        if len(low) < 3:
            continue
        nl, en = dutch.check(low), english.check(low)
        only_en += en and not nl
        only_nl += nl and not en
    return only_en > only_nl


def _other_language_words_in(doc: Doc, dutch: SpellChecker, english: SpellChecker | None) -> int:
    """How many words (OTHER_LANGUAGE_LETTERS or more) are common in another language and neither Dutch nor English."""
    return sum(
        1
        for _, _, word in doc.words
        if len(word) >= OTHER_LANGUAGE_LETTERS and _other_language(word) and not _dutch_or_english(word, dutch, english)
    )


def _dutch_or_english(word: str, dutch: SpellChecker, english: SpellChecker | None) -> bool:
    # English mixed in is known, not evidence of a phrase in another language ("gain" is Groningen's "geen").
    return dutch.check(word) or bool(english and english.check(word))


def _other_language(word: str) -> bool:
    """Common in one of the other languages mixed into Dutch posts (lexicon.OTHER_LANGUAGES): "obrigada", "kanka's"."""
    low = word.lower()
    return (low[:-2] if low.endswith(("'s", "’s")) else low) in other_language_words()


def _judge(word: str, dutch: SpellChecker, foreign: bool = False) -> tuple[bool, str | None]:
    """Is a word hunspell does not know a typo? Returns (typo, suggestion).

    A word one edit away from a much more frequent word is a typo, even
    when it splits into two words ("ziekehuis"); so is a compound whose
    last part is ("personeelsvergadring": personeel + s + vergadring).
    Otherwise a compound, a word that is reasonably frequent in Dutch
    text, or one common in another language (foreign: "pierogi") is accepted.
    """
    frequency = zipf(word)
    best, best_frequency = _nearest(word, dutch)
    if best and best_frequency >= 3.0 and best_frequency - frequency >= 1.5:
        return True, best
    tail = _typo_in_tail(word, dutch)
    if tail:
        return True, tail
    if frequency >= 2.0 or foreign or _accepted(word, dutch, None):
        return False, None
    return True, best


def _nearest(word: str, dutch: SpellChecker) -> tuple[str | None, float]:
    """The most frequent correct Dutch word one edit away, with its Zipf frequency."""
    known = frequencies()
    # Only words seen in Dutch text can be the intended word; checking the
    # few of those with hunspell is much cheaper than checking every edit.
    candidates = sorted({c for c in _edits(word) if c in known}, key=known.__getitem__, reverse=True)
    for candidate in candidates:
        if dutch.check(candidate):
            return candidate, zipf(candidate)
    return None, 0.0


def _typo_in_tail(word: str, dutch: SpellChecker) -> str | None:
    """A known first part and a misspelt rest: the whole word corrected, or None.

    When some known first part leaves a rest that is, after any link, a word or a compound
    ("personeels|wifi", "bejaarden|gym"), the word is fine. Otherwise, for the longest known
    first part, a rest of five letters or more one edit from a frequent word is the typo.
    """
    splits = []
    for i in range(len(word) - 2, 2, -1):
        left = word[:i]
        if not _part(left, dutch, last=False, strict=True):
            continue
        rests = [(link, word[i + len(link) :]) for link in ("", "s", "en", "e") if word.startswith(link, i)]
        if any(
            len(rest) >= 2 and (_part(rest, dutch, last=True) or _is_compound(rest, dutch, strict=True))
            for _, rest in rests
        ):
            return None
        splits.append((left, rests))
    for left, rests in splits[:1]:
        for link, rest in rests:
            if len(rest) < 5 or rest in ACCEPTED:
                continue
            best, best_frequency = _nearest(rest, dutch)
            if best and best_frequency >= 3.0 and best_frequency - zipf(rest) >= 1.5:
                return left + link + best
    return None


def _accepted(word: str, dutch: SpellChecker, english: SpellChecker | None) -> bool:
    """Not a typo though no dictionary lists it: a compound, an inflection, a medical term, "cliëntnr"."""
    if english is not None and _known_part(word, dutch, english):
        return True
    if _is_compound(word, dutch) or _medical(word, dutch) or _medicine(word):
        return True
    for ending in WORD_ENDINGS:
        stem = word[: -len(ending)]
        if word.endswith(ending) and len(stem) >= 4 and (dutch.check(stem) or _is_compound(stem, dutch)):
            return True
    # An abbreviated record word: "cliëntnr", "dossiernrs".
    for short in ("nrs", "nr"):
        if word.endswith(short) and len(word) - len(short) >= 4 and dutch.check(word[: -len(short)]):
            return True
    return False


def _medicine(word: str) -> bool:
    """A medicine's name by its INN stem: "trimethoprim", "oxybutynine", "bisfosfonaat"."""
    plain = _strip_accents(word)
    return any(plain.endswith(stem) and len(plain) - len(stem) >= DRUG_HEAD for stem in DRUG_STEMS)


def _medical(word: str, dutch: SpellChecker) -> bool:
    """Two or more Greek or Latin medical parts, the last one ending the word: "hyponatriëmie"."""
    plain = _strip_accents(word)
    for ending in MEDICAL_PARTS:
        if len(ending) >= 3 and plain.endswith(ending):
            head = plain[: -len(ending)]
            if not head and len(ending) >= 5:
                return True  # the part alone, as a word: "scopie"
            if any(len(part) >= 4 and part in head for part in MEDICAL_PARTS):
                return True
    # A medical first part before a Dutch word: "neurorevalidatie", "cardiorevalidatie", "hemiparese".
    for head in MEDICAL_PARTS:
        rest = plain[len(head) :]
        if len(head) >= 4 and plain.startswith(head) and len(rest) >= 5 and dutch.check(rest):
            return True
    return False


def _worth_checking(doc: Doc, start: int, word: str, lex: Lexicon) -> bool:
    low = word.lower()
    if len(word) < 3 or len(word) > 40 or low in CHAT_WORDS or low in ABBREVIATIONS:
        return False
    if any(c.isdigit() for c in word) or (start > 0 and doc.text[start - 1].isdigit()):
        return False
    if word.isupper() or sum(c.isupper() for c in word) > 1 and not word.istitle():
        return False
    if word[0].isupper() and (
        word in lex.first_names or word in lex.surnames or word in lex.places or word in lex.streets
    ):
        return False
    if word[0].isupper() and not doc.is_sentence_start(start):
        return False
    if word.islower() and word.capitalize() in lex.first_names:
        return False  # a name written in lower case, as many write in chats: "selfie met daan"
    return not TRIPLED.search(low)


def _known(word: str, dutch: SpellChecker, english: SpellChecker | None, lex: Lexicon) -> bool:
    if LIMBURGISH.match(word):
        return True
    if dutch.check(word) or (english and english.check(word)) or word.lower() in lex.medical_terms:
        return True
    low = word.lower()
    if low in ACCEPTED or (ACCEPTED_STARTS and low.startswith(ACCEPTED_STARTS)) or _strip_accents(low) in ACCEPTED:
        return True
    plain = _strip_accents(word)
    if plain != word and dutch.check(plain):
        return True
    base = word[:-2] if word.endswith(("'s", "’s")) else word
    if base != word and dutch.check(base):
        return True
    # Plural of a nominalised adjective: "helpenden", "verzorgenden".
    return word.endswith("en") and dutch.check(word[:-1])


def _strip_accents(word: str) -> str:
    # Dutch writes accents for emphasis: "dáárom", "één", "wéér".
    return "".join(c for c in unicodedata.normalize("NFD", word) if unicodedata.category(c) != "Mn")


def _is_compound(word: str, dutch: SpellChecker, strict: bool = False) -> bool:
    """Known parts, joined as Dutch joins them: "tweestapsverificatie" is twee + stap + s + verificatie.

    A part has four letters or more, or is a short word that often ends a compound ("koffiekar",
    "afdelingskat"); a part may also be a word of our accepted lists ("personeelsbbq").
    strict: short parts must be common words (see _part), as in every part after the second.
    """
    for prefix in PARTICLES:
        rest = word[len(prefix) :]
        if word.startswith(prefix) and len(rest) >= 4 and _compound_rest(rest, dutch, 1, strict):
            return True
    return _compound_rest(word, dutch, 0, strict)


def _compound_rest(word: str, dutch: SpellChecker, parts: int, strict: bool) -> bool:
    """Can word be read as one known part, or a known part, a link and a compound of the rest?"""
    if parts >= 1 and (_part(word, dutch, last=True, strict=strict or parts >= 2) or _english_part(word)):
        return True
    if parts + 1 >= MAX_PARTS:
        return False
    for i in range(len(word) - 2, 2, -1):  # longest first part first: fewer parts, fewer checks
        left = word[:i]
        english = False
        if not _part(left, dutch, last=False, strict=strict or parts >= 1):
            if not _english_part(left):
                continue
            english = True
        rest = word[i:]
        for link in LINKS_BETWEEN:
            after = rest[len(link) :]
            if english and (link or len(after) < ENGLISH_PART):
                continue  # "permit" + "eren" is no compound but a misspelt "permitteren"
            if rest.startswith(link) and len(after) >= 2 and _compound_rest(after, dutch, parts + 1, strict):
                return True
    return False


def _english_part(part: str) -> bool:
    """Care Dutch compounds English freely: "copingmechanisme", "bloedgasanalyser"."""
    return len(part) >= ENGLISH_PART and part in common_words_of("en")


def _part(part: str, dutch: SpellChecker, last: bool, strict: bool = False) -> bool:
    """A word that can be part of a compound.

    strict: short parts must be common words. A typo splits into rare short words far too
    easily ("vergadring" is "verga" + "dring"); in a two-part word the edit rule in _judge
    catches that first, in three parts or a misspelt rest it does not.
    """
    if part in SHORT_PARTS or (len(part) >= 4 and part in ACCEPTED):
        return True
    if len(part) < 4 and not (last and len(part) == 3 and zipf(part) >= 4.0):
        return False
    return (not strict or len(part) > 5 or zipf(part) >= 3.0) and dutch.check(part)


def _known_part(word: str, dutch: SpellChecker, english: SpellChecker) -> bool:
    """A word our lists accept, or a hyphenated word all of whose parts are known or compounds."""
    if word in ACCEPTED or word.startswith(ACCEPTED_STARTS) and ACCEPTED_STARTS:
        return True
    if "-" not in word:
        return False
    pieces = [p for p in word.split("-") if p]
    return (
        bool(pieces)
        and all(dutch.check(p) or english.check(p) or p in ACCEPTED or _is_compound(p, dutch) for p in pieces)
        or _is_compound(word.replace("-", ""), dutch)
    )


def _edits(word: str) -> Iterator[str]:
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    yield from (a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1)
    yield from (a + c + b for a, b in splits for c in LETTERS)
    yield from (a + b[1:] for a, b in splits if b)
    yield from (a + c + b[1:] for a, b in splits if b for c in LETTERS if c != b[0])


def detect_blocked_terms(doc: Doc, emit: Emit) -> None:
    for entry in doc.policy.blocked_terms:
        pattern = re.compile(rf"(?<![\p{{L}}\p{{N}}]){re.escape(entry['term'])}(?![\p{{L}}\p{{N}}])", re.I)
        reason = f" {entry['reason']}" if entry["reason"] else ""
        for m in pattern.finditer(doc.text):
            emit(
                entry["category"],
                m.start(),
                m.end(),
                "blocked_term",
                "policy.blocked_term",
                severity="block",
                reason=reason,
            )
