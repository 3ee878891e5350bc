"""word_choice (tone of voice), spelling, and the organisation's blocked terms."""

import unicodedata
from collections.abc import Iterator

import regex as re

from ..lexicon import Lexicon, SpellChecker, dictionaries, frequencies, lexicon, zipf
from ..lists import word_list
from ..text import Doc, Emit

# Chat abbreviations, interjections and abbreviations that are not misspellings (lists/*.txt).
CHAT_WORDS = frozenset(word_list("chat_words"))
ABBREVIATIONS = frozenset(word_list("abbreviations"))
# Separable verb particles: "meehuilden", "terugbellen".
PARTICLES = word_list("compound_particles")
# Short words that often make the second part of a compound ("koffiekar").
SHORT_PARTS = frozenset(word_list("compound_short_parts"))
LETTERS = "abcdefghijklmnopqrstuvwxyzéëèïü"
# Words a tone-of-voice stem can be followed by in a compound or inflection
# without becoming a different word.
INFLECTIONS = ("", "n", "s", "en", "e", "'s", "je", "jes")
NOT_MEANT = {"dementerende", "dementerenden", "dementeren"}
LINKS = ("", "s", "e", "en")


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
    for start, end, word in doc.words:
        if not _worth_checking(doc, start, word, lex):
            continue
        parts = [p for p in word.split("-") if p]
        for part in parts:
            if part[0].isupper() and not (doc.is_sentence_start(start) and part is parts[0]):
                continue
            if len(part) < 3 or part.lower() in ABBREVIATIONS or part.lower() in CHAT_WORDS:
                continue
            if _known(part, dutch, english, lex) or _known(part.lower(), dutch, english, lex):
                continue
            typo, suggestion = _judge(part.lower(), dutch)
            if typo:
                if suggestion and part[0].isupper():
                    suggestion = suggestion.capitalize()
                emit("spelling", start, end, "spelling", "spelling.dictionary", suggestion=suggestion)
                break


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


def _judge(word: str, dutch: SpellChecker) -> tuple[bool, str | None]:
    """Is a word hunspell does not know a typo? Returns (typo, suggestion).

    A word one edit away from a much more frequent word is a typo, even
    when it splits into two words ("ziekehuis"). Otherwise a compound, or a
    word that is reasonably frequent in Dutch text, is accepted.
    """
    frequency = zipf(word)
    known = frequencies()
    # Only words seen in Dutch text can be the intended word; checking the
    # few of those with hunspell is much cheaper than checking every edit.
    candidates = sorted({c for c in _edits(word) if c in known}, key=known.__getitem__, reverse=True)
    best, best_frequency = None, 0.0
    for candidate in candidates:
        if dutch.check(candidate):
            best, best_frequency = candidate, zipf(candidate)
            break
    if best and best_frequency >= 3.0 and best_frequency - frequency >= 1.5:
        return True, best
    if _is_compound(word, dutch) or frequency >= 2.0:
        return False, None
    return True, best


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
    return not re.search(r"(.)\1\1", low)


def _known(word: str, dutch: SpellChecker, english: SpellChecker | None, lex: Lexicon) -> bool:
    if dutch.check(word) or (english and english.check(word)) or word.lower() in lex.medical_terms:
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


def _is_compound(word: str, dutch: SpellChecker) -> bool:
    """Two known parts: four letters or more, or a short word that often ends a compound."""
    for prefix in PARTICLES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 4 and dutch.check(word[len(prefix) :]):
            return True
    for i in range(3, len(word) - 2):
        left, right = word[:i], word[i:]
        if (len(left) < 4 and left not in SHORT_PARTS) or (len(right) < 4 and right not in SHORT_PARTS):
            continue
        if dutch.check(right) and (dutch.check(left) or (left.endswith("s") and dutch.check(left[:-1]))):
            return True
    return False


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
