"""Numbers written as words, Dutch and English: "vierendertig" is 34, "negentienzevenenveertig" 1947.

People spell out a phone number or a date of birth to get it past a filter, or because they
say it the way they would on the phone ("nul zes, twaalf, vierendertig, ..."). The identifier
detectors read such runs as digits.
"""

from functools import cache

import regex as re

_UNITS_NL = ("nul", "een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen")
_TEENS_NL = (
    "tien",
    "elf",
    "twaalf",
    "dertien",
    "veertien",
    "vijftien",
    "zestien",
    "zeventien",
    "achttien",
    "negentien",
)
_TENS_NL = ("twintig", "dertig", "veertig", "vijftig", "zestig", "zeventig", "tachtig", "negentig")
_UNITS_EN = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_TEENS_EN = (
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
)
_TENS_EN = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")


@cache
def number_words() -> dict[str, int]:
    """Every way to write 0-99 as one word, lower case: "drieëntwintig", "thirty-one"."""
    words: dict[str, int] = {"één": 1, "oh": 0}
    for units, teens, tens, joins in (
        (_UNITS_NL, _TEENS_NL, _TENS_NL, ("en", "ën")),
        (_UNITS_EN, _TEENS_EN, _TENS_EN, ("-", " ", "")),
    ):
        for i, w in enumerate(units):
            words[w] = i
        for i, w in enumerate(teens):
            words[w] = 10 + i
        for t, ten in enumerate(tens):
            value = 20 + 10 * t
            words[ten] = value
            for u in range(1, 10):
                for join in joins:
                    if units is _UNITS_NL:
                        # Dutch: the unit first, "en" (after an e "ën", often written "en"), then the tens.
                        for unit in ("een", "één") if u == 1 else (units[u],):
                            words[unit + join + ten] = value + u
                    else:
                        words[ten + join + units[u]] = value + u
    return words


@cache
def number_word_pattern() -> str:
    """A regex matching every word of number_words(), built by structure, not as 400 alternatives:
    the identifier patterns try it at every position of every post."""
    nl_units = "|".join(_UNITS_NL[1:] + ("één",))
    nl_tens = "|".join(_TENS_NL)
    en_tens = "|".join(_TENS_EN)
    en_units = "|".join(_UNITS_EN[1:])
    alternatives = [
        rf"(?:{nl_units})[eë]n(?:{nl_tens})",
        rf"(?:{en_tens})(?:[\-\s]?(?:{en_units}))?",
        "|".join(_TEENS_NL + _TENS_NL + _TEENS_EN),
        "|".join(_UNITS_NL + ("één",) + _UNITS_EN + ("oh",)),
    ]
    return "(?:" + "|".join(f"(?:{a})" for a in alternatives) + ")"


def word_digits(word: str) -> str | None:
    """The digits a number word stands for, as written on the phone: "nul" is "0", "twaalf" "12"."""
    value = number_words().get(word.lower())
    return None if value is None else str(value)


def spelled_year(word: str) -> int | None:
    """A year written as one word: "negentienzevenenveertig", "negentienhonderdachtentwintig", "tweeduizendvijf"."""
    w = re.sub(r"\s+", "", word.lower())
    numbers = number_words()
    for head, century in (("negentienhonderd", 1900), ("negentien", 1900), ("tweeduizend", 2000)):
        if w.startswith(head):
            rest = w[len(head) :]
            if century == 2000 and rest.startswith("en"):
                rest = rest[2:]
            if not rest:
                return century if century == 2000 else None
            value = numbers.get(rest)
            return None if value is None else century + value
    return None


YEAR_WORD = r"(?:negentien|tweeduizend)(?:\s?en\s)?\p{L}*"
