"""The guard's Dutch word lists: text files in lists/, compiled once into regex alternations.

A list is one entry per line, UTF-8; `#` starts a comment, blank lines are skipped. An
entry is plain text, matched case-insensitively as the surrounding pattern says (most
as a whole word). A space in an entry matches any whitespace, and an entry ending in
`*` matches the word with any ending ("debiel*" finds "debiele", "debieltje").
Everything else is literal: a list holds words, the patterns around them stay in code.
"""

from functools import cache
from pathlib import Path

import regex as re

LISTS = Path(__file__).parent / "lists"


@cache
def word_list(name: str) -> tuple[str, ...]:
    """The entries of lists/<name>.txt, in file order."""
    entries = []
    for line in (LISTS / f"{name}.txt").read_text(encoding="utf-8").splitlines():
        entry = line.split("#", 1)[0].strip()
        if entry:
            entries.append(" ".join(entry.split()))
    return tuple(entries)


def alternation(*names: str) -> str:
    """A regex group `(?:a|b|c)` matching any entry of the named lists.

    Longest entries first, so of two entries starting alike the longer one is tried
    first ("halve gare" before "halve"), whatever order the file has.
    """
    entries = dict.fromkeys(entry for name in names for entry in word_list(name))
    ordered = sorted(entries, key=len, reverse=True)  # stable: equal lengths keep file order
    return "(?:" + "|".join(_pattern(entry) for entry in ordered) + ")"


def _pattern(entry: str) -> str:
    words = []
    for word in entry.split(" "):
        if word.endswith("*"):
            words.append(re.escape(word[:-1]) + r"\w*")
        else:
            words.append(re.escape(word))
    return r"\s".join(words)
