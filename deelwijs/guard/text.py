"""Shared text analysis for the detectors: words, sentences and masked spans.

Every offset is into the original text, so findings can point at it.
"""

from bisect import bisect_right
from functools import cached_property
from typing import Any, Protocol

import regex as re

from .policy import Policy

# A span of the text: (start, end), offsets into Doc.text.
Span = tuple[int, int]

WORD = re.compile(r"\p{L}[\p{L}\p{M}\p{N}]*(?:['’\-]\p{L}[\p{L}\p{M}\p{N}]*)*")
URL = re.compile(
    r"(?:https?://|www\.)[^\s<>\"]+|\b(?<!\w[.-]*)[\w.-]+\.(?:nl|com|org|net|eu|be|nu|info|io|social|care)(?:/[^\s<>\"]*)?\b",
    re.I,
)
_DOT = r"(?:\.|\s?[\[({](?:dot|punt)[\])}]\s?)"
EMAIL = re.compile(
    r"(?<![\w.+-])[\w.+-]+(?:@|\s?[\[({]\s?(?:at|apenstaartje)\s?[\])}]\s?|\s(?:at|apenstaartje)\s(?=[\w-]+(?:\.[\w-]+)*\.(?:nl|com|net|org|eu|be|nu|info)\b))"
    rf"[\w-]+(?:{_DOT}[\w-]+)*{_DOT}[a-z]{{2,12}}\b",
    re.I,
)
# Spoken forms: "jan punt smit apenstaartje gmail punt com".
EMAIL_SPOKEN = re.compile(
    r"(?<![\w.+-])[\w.+-]+(?:\s(?:punt|dot)\s[\w-]+)*\s(?:at|apenstaartje|@)\s[\w-]+(?:\s(?:punt|dot)\s[\w-]+)*\s(?:punt|dot)\s"
    r"(?:nl|com|net|org|eu|be|nu|info)\b",
    re.I,
)
HASHTAG = re.compile(r"#[\p{L}\p{N}_]+")
HANDLE = re.compile(r"(?<![\w.])@[\w.]+[\w]|(?<![\w@])[\p{L}\d]+(?:_[\p{L}\d]+)+")
# Abbreviations after which a full stop does not end a sentence.
ABBREVIATIONS = {
    "mevr",
    "mw",
    "mr",
    "mrs",
    "ms",
    "dhr",
    "hr",
    "geb",
    "o.a",
    "bijv",
    "bv",
    "ca",
    "dr",
    "drs",
    "prof",
    "ir",
    "ing",
    "st",
    "nr",
    "tel",
    "mvr",
    "fam",
    "z.s.m",
    "i.v.m",
    "m.b.t",
    "etc",
}
MAX_SENTENCE = 500  # characters; see Doc._pieces
# Starts at the first mark of a run, so "....." is read once, not once per dot.
SENTENCE_END = re.compile(r"(?<![.!?…])[.!?…]+[\"')\]]*(?=\s)|(?<!\n)\n+")


class Emit(Protocol):
    """How a detector reports a finding; `params` fill in the message (engine.check's `emit`)."""

    def __call__(
        self,
        category: str,
        start: int,
        end: int,
        key: str,
        rule: str,
        severity: str | None = None,
        owner: str | None = None,
        **params: Any,
    ) -> None: ...


class Doc:
    """A text prepared once for all detectors."""

    # The state detectors leave for the detectors after them, initialised in __init__.
    # A detector names what it reads and adds of it (detector.Detector's needs and adds),
    # and the engine checks at import that each need is added by an earlier detector.
    SHARED = frozenset({"identifiers", "personal", "client_refs"})

    # Spans already claimed by an identifier detector (phone, BSN, ...),
    # so others do not read them as codes or figures.
    identifiers: list[Span]
    # (start, end, owner) of each personal_data finding, owner "self", "other" or None;
    # the engine's emit records them.
    personal: list[tuple[int, int, str | None]]
    # (start, end, strength) mentions of a care recipient, recorded by privacy.
    client_refs: list[tuple[int, int, str]]
    # A link the share flow appends after the text, or None.
    appended_link: str | None
    # The starts of the masked spans, kept sorted with them, so is_masked is a bisection.
    _mask_starts: list[int]

    def __init__(self, text: str, platform: str, policy: Policy, appended_link: str | None = None) -> None:
        self.text = text
        self.lower = text.lower()
        self.platform = platform
        self.policy = policy
        self.appended_link = appended_link or None
        self.identifiers = []
        self.personal = []
        self.client_refs = []
        self.masked: list[tuple[int, int, str]] = []  # (start, end, kind) for URLs, e-mail, hashtags, handles
        self._mask_starts = []
        for kind, pattern in (
            ("email", EMAIL),
            ("email", EMAIL_SPOKEN),
            ("url", URL),
            ("hashtag", HASHTAG),
            ("handle", HANDLE),
        ):
            for m in pattern.finditer(text):
                if not self.is_masked(m.start(), m.end()):
                    # Kept sorted as they come: thousands of hashtags must not cost a scan each.
                    i = bisect_right(self._mask_starts, m.start())
                    self._mask_starts.insert(i, m.start())
                    self.masked.insert(i, (m.start(), m.end(), kind))
        self.words = [
            (m.start(), m.end(), m.group()) for m in WORD.finditer(text) if not self.is_masked(m.start(), m.end())
        ]

    def is_masked(self, start: int, end: int) -> bool:
        if not self.masked:
            return False
        i = bisect_right(self._mask_starts, end - 1) - 1
        # Masked spans never overlap, so only the nearest ones can touch [start, end).
        while i >= 0 and self.masked[i][1] > start:
            if self.masked[i][0] < end:
                return True
            i -= 1
        return False

    def masked_kind(self, start: int, end: int) -> str | None:
        i = bisect_right(self._mask_starts, start) - 1
        if i >= 0 and self.masked[i][1] >= end:
            return self.masked[i][2]
        return None

    @cached_property
    def sentences(self) -> list[Span]:
        """Sentence spans; a full stop after an abbreviation or initial does not split."""
        spans: list[Span] = []
        start = 0
        for m in SENTENCE_END.finditer(self.text):
            if m.group().startswith(".") and "\n" not in m.group():
                # An abbreviation is short: the last few characters say it, however long the stretch.
                before = self.text[max(start, m.start() - 24) : m.start()].split()
                last = before[-1].lower().lstrip("(") if before else ""
                if last in ABBREVIATIONS or (len(last) == 1 and last.isalpha()):
                    continue
            if self.text[start : m.end()].strip():
                spans.append((start, m.end()))
            start = m.end()
        if self.text[start:].strip():
            spans.append((start, len(self.text)))
        return [piece for span in spans for piece in self._pieces(span)] or [(0, len(self.text))]

    def _pieces(self, span: Span) -> list[Span]:
        """A stretch without sentence ends longer than MAX_SENTENCE, cut at spaces.

        Real sentences are far shorter (the longest in our sets is 214 characters); the
        cut keeps every per-sentence window small, so a pasted text without full stops
        cannot make each finding read the whole text.
        """
        start, end = span
        pieces: list[Span] = []
        while end - start > MAX_SENTENCE:
            cut = self.text.rfind(" ", start + 1, start + MAX_SENTENCE)
            cut = cut + 1 if cut > start else start + MAX_SENTENCE
            pieces.append((start, cut))
            start = cut
        pieces.append((start, end))
        return pieces

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s for s, _ in self.sentences]

    def sentence_index(self, pos: int) -> int:
        return max(0, bisect_right(self._sentence_starts, pos) - 1)

    def sentence_span(self, pos: int, before: int = 0, after: int = 0) -> Span:
        """The span of the sentence at pos, widened by neighbouring sentences."""
        i = self.sentence_index(pos)
        first = self.sentences[max(0, i - before)]
        last = self.sentences[min(len(self.sentences) - 1, i + after)]
        return first[0], last[1]

    def sentence_lower(self, pos: int, before: int = 0, after: int = 0) -> str:
        s, e = self.sentence_span(pos, before, after)
        return self.lower[s:e]

    def is_sentence_start(self, pos: int) -> bool:
        s, _ = self.sentences[self.sentence_index(pos)]
        return not self.text[s:pos].strip(" \t\"'(‘“-–•*")

    def overlaps_identifier(self, start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in self.identifiers)


def word_re(*alternatives: str, prefix: bool = False) -> re.Pattern[str]:
    """A case-insensitive pattern matching whole words (or word starts)."""
    body = "|".join(alternatives)
    tail = r"" if prefix else r"(?![\p{L}\p{N}])"
    return re.compile(rf"(?<![\p{{L}}\p{{N}}])(?:{body}){tail}", re.I)
