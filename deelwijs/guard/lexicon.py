"""Word lists the detectors share, loaded once per process.

Names, surnames, places and streets come from the lookup lists that ship
with `deduce` (Dutch de-identification for care text). We read its source
lists directly instead of running its pipeline: the pipeline needs seconds
to start and about 1 GB per process, the lists take 0.1 s and a few MB.
"""

import importlib.util
import math
import os
import threading
from functools import cache
from typing import Protocol


class LexiconError(RuntimeError):
    pass


class SpellChecker(Protocol):
    """What we use of an enchant dictionary (pyenchant ships no type hints)."""

    def check(self, word: str) -> bool: ...


def _deduce_dir() -> str:
    spec = importlib.util.find_spec("deduce")
    if spec is None or spec.origin is None:
        raise LexiconError("the deduce package is not installed (pip install deduce)")
    return os.path.join(os.path.dirname(spec.origin), "data", "lookup", "src")


def _read(*parts: str) -> set[str]:
    folder = os.path.join(_deduce_dir(), *parts)
    with open(os.path.join(folder, "items.txt"), encoding="utf-8") as f:
        items = {line.strip() for line in f if line.strip()}
    exceptions = os.path.join(folder, "exceptions.txt")
    if os.path.exists(exceptions):
        with open(exceptions, encoding="utf-8") as f:
            items -= {line.strip() for line in f}
    return items


class Lexicon:
    def __init__(self) -> None:
        self.first_names = frozenset(_read("names", "lst_first_name"))
        self.surnames = frozenset(_read("names", "lst_surname"))
        self.places = frozenset(
            p
            for part in ("lst_residence", "lst_municipality", "lst_province", "lst_region")
            for p in _read("locations", "lst_placename", part)
        )
        self.streets = frozenset(_read("locations", "lst_street"))
        self.common_words = frozenset(
            w.lower() for part in ("lst_common_word", "lst_stop_word") for w in _read("whitelist", part)
        )
        self.medical_terms = frozenset(w.lower() for w in _read("whitelist", "lst_medical_term") if len(w) > 4)


@cache
def lexicon() -> Lexicon:
    return Lexicon()


@cache
def frequencies() -> dict[str, float]:
    """Word frequencies in Dutch text (wordfreq), as a plain dict for fast lookups."""
    import wordfreq  # loads a large list: only when the first post is checked

    return wordfreq.get_frequency_dict("nl")


# Languages colleagues, clients and their families mix into Dutch posts ("Wesołych Świąt", "obrigada meninas",
# "Feierabend"): wordfreq ships a list for each. Papiamentu and Sranan have none; our lists cover their words.
# Not Indonesian (nor Afrikaans): they spell Dutch loans by ear, so their words are Dutch typos ("sukses").
OTHER_LANGUAGES = ("en", "de", "fr", "es", "pt", "it", "pl", "ro", "tr", "fil")
# Common in that language: Zipf 3.5, about three in a million words.
OTHER_LANGUAGE_ZIPF = 3.5


@cache
def other_language_words() -> frozenset[str]:
    """Words of three letters or more common in a language we see mixed into Dutch posts."""
    return frozenset(word for language in OTHER_LANGUAGES for word in common_words_of(language))


@cache
def common_words_of(language: str) -> frozenset[str]:
    """Words of three letters or more common (OTHER_LANGUAGE_ZIPF) in one language."""
    import wordfreq

    least = 10 ** (OTHER_LANGUAGE_ZIPF - 9)
    return frozenset(
        word
        for word, frequency in wordfreq.get_frequency_dict(language, wordlist="small").items()
        if frequency >= least and len(word) >= 3
    )


# enchant and hunspell are not thread-safe: two threads opening or checking at once crash the process
# (seen under the threaded development server). One lock for every call; a check takes microseconds.
_ENCHANT_LOCK = threading.Lock()


class _OneAtATime:
    """An enchant dictionary that several threads may share."""

    # Words repeat from post to post, and a hunspell lookup costs about 30 µs: remembering the answers
    # halves the time of a check. Bounded, so a stream of made-up words cannot grow it without end.
    REMEMBERED = 100_000

    def __init__(self, dictionary: SpellChecker) -> None:
        self._dictionary = dictionary
        self._known: dict[str, bool] = {}

    def check(self, word: str) -> bool:
        with _ENCHANT_LOCK:
            known = self._known.get(word)
            if known is None:
                known = self._known[word] = self._dictionary.check(word)
                if len(self._known) > self.REMEMBERED:
                    self._known.clear()
            return known


@cache
def dictionaries() -> tuple[SpellChecker, SpellChecker | None]:
    """The Dutch and English hunspell dictionaries, through enchant."""
    try:
        import enchant
    except ImportError as e:  # pragma: no cover - depends on the machine
        raise LexiconError("pyenchant is not installed") from e
    with _ENCHANT_LOCK:
        try:
            dutch: SpellChecker = enchant.Dict("nl_NL")
        except enchant.errors.DictNotFoundError as e:
            raise LexiconError("no Dutch dictionary: install Debian's hunspell-nl") from e
        english: SpellChecker | None = None
        for tag in ("en_GB", "en_US", "en"):
            try:
                english = enchant.Dict(tag)
                break
            except enchant.errors.DictNotFoundError:
                continue
    return _OneAtATime(dutch), _OneAtATime(english) if english else None


def zipf(word: str) -> float:
    """How common a word is, on the Zipf scale (0 unknown, 3 fairly common, 6 very common)."""
    f = frequencies().get(word)
    return math.log10(f) + 9 if f else 0.0
