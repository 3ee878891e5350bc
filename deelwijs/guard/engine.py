"""check(text, platform, policy) -> Report: the post check's single entry point."""

from bisect import bisect_left
from typing import Any

from . import learned as learned_layer
from .detector import Detector, Rule, check_order
from .detectors import confidential, contact, identifiers, platform, privacy, respect, speaking, words
from .detectors import platform as platform_check
from .lexicon import dictionaries, frequencies, lexicon, other_language_words
from .messages import LANGUAGES, message, rule_text
from .policy import PLATFORMS, Policy
from .report import _RANK, BLOCK, DEFAULT_SEVERITY, Finding, Report
from .text import Doc

MAX_QUOTE = 60
# The longest text the check analyses. Far above any real post (LinkedIn takes 3 000
# characters, a long blog 10 000); a longer text is refused with one block finding
# instead of costing seconds of CPU (a 1 MB text took 21-31 s).
MAX_TEXT = 20_000

# Run in this order; check_order below refuses an order in which a detector reads
# shared Doc state (Doc.SHARED) that no detector before it adds. "personal" is added
# by the engine's emit from the identifiers' personal_data findings.
DETECTORS: tuple[Detector, ...] = (
    Rule("identifiers", identifiers.detect, adds=frozenset({"identifiers", "personal"})),
    Rule("privacy", privacy.detect, needs=frozenset({"identifiers", "personal"}), adds=frozenset({"client_refs"})),
    Rule("contact", contact.detect, needs=frozenset({"client_refs"})),
    Rule("confidential", confidential.detect, needs=frozenset({"identifiers"})),
    Rule("respect", respect.detect),
    Rule("speaking", speaking.detect),
    Rule("word_choice", words.detect_word_choice),
    Rule("spelling", words.detect_spelling),
    Rule("blocked_terms", words.detect_blocked_terms),
    Rule("platform", platform.detect),
)
check_order(DETECTORS)


def check(
    text: str,
    platform: str = "linkedin",
    policy: Policy | dict[str, Any] | None = None,
    lang: str = "nl",
    appended_link: str | None = None,
    *,
    learned: bool = True,
) -> Report:
    """Check a draft post against the organisation's policy.

    text: the post as typed; every finding's start/end index into it.
    platform: one of policy.PLATFORMS.
    policy: a Policy, a dict in Policy's format, or None for the defaults.
    lang: "nl" or "en", the language of messages and policy lines.
    appended_link: a link the share flow will add to the text; it counts towards the
    network's length as the network counts it (not on networks that take the link apart).
    A text longer than MAX_TEXT is not analysed: the report holds one block finding.
    learned: False runs the rules alone (training reads their outputs this way).
    """
    if not isinstance(text, str):
        raise TypeError("text must be a string")
    platform = (platform or "").lower()
    if platform not in PLATFORMS:
        raise ValueError(f"unknown platform {platform!r}; choose from {', '.join(PLATFORMS)}")
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}")
    if policy is None:
        policy = Policy()
    elif isinstance(policy, dict):
        policy = Policy.from_dict(policy)

    if len(text) > MAX_TEXT:
        return _too_long_to_check(text, platform, lang)

    doc = Doc(text, platform, policy, appended_link)
    found: dict[tuple[str, int, int], Finding] = {}

    def emit(
        category: str,
        start: int,
        end: int,
        key: str,
        rule: str,
        severity: str | None = None,
        owner: str | None = None,
        **params: Any,
    ) -> None:
        if category == "personal_data":
            doc.personal.append((start, end, owner))
        if (category, start, end) in found:
            return
        quote = " ".join(text[start:end].split())
        if len(quote) > MAX_QUOTE:
            quote = quote[: MAX_QUOTE - 1] + "…"
        suggestion = params.get("use") or params.get("suggestion")
        if key == "spelling":
            params["hint"] = message("spelling_hint", lang, suggestion=suggestion) if suggestion else ""
        found[(category, start, end)] = Finding(
            category=category,
            severity=severity or DEFAULT_SEVERITY[category],
            start=start,
            end=end,
            message=message(key, lang, span=quote, **params),
            rule=rule,
            policy=rule_text(rule, lang),
            suggestion=suggestion,
        )

    for detector in DETECTORS:
        detector.detect(doc, emit)
    if platform == "blog" and policy.blog_disclaimer and not _contains(text, policy.blog_disclaimer):
        emit(
            "speaks_for_org",
            len(text),
            len(text),
            "blog_disclaimer",
            "policy.blog_disclaimer",
            severity="hint",
            disclaimer=policy.blog_disclaimer,
        )
    if learned:
        # After every rule: the model reads which rules fired, and stays quiet where one did.
        learned_layer.detect(doc, list(found.values()), emit)
    return Report(text=text, platform=platform, findings=_without_doubles(list(found.values())))


def length(text: str, platform: str = "linkedin", appended_link: str | None = None) -> platform_check.Length | None:
    """The text's length as its network counts it, with the link the share flow appends, exactly as the length
    check counts it; None on a network without a limit. For a counter beside the text (see count_rules)."""
    platform = (platform or "").lower()
    if platform not in PLATFORMS:
        raise ValueError(f"unknown platform {platform!r}; choose from {', '.join(PLATFORMS)}")
    if len(text) > MAX_TEXT:
        # Not analysed (check refuses it with one finding): its characters are count enough.
        limit = platform_check.LIMITS.get(platform)
        return platform_check.Length(len(text), limit[0], 0) if limit else None
    return platform_check.measure(Doc(text, platform, Policy(), appended_link))


def count_rules() -> dict[str, Any]:
    """How every network counts a text's length, as plain data (limits, ways of counting, the appended link)."""
    return platform_check.rules()


def _without_doubles(findings: list[Finding]) -> list[Finding]:
    """One finding per category and stretch of text.

    Detectors overlap (a door code is a code near a security word and a password
    value; a BSN is seen in two notations), and the writer should see each problem
    once. Of overlapping findings in one category the strictest severity wins, then
    the narrowest span (the most specific rule), then the first reported. Platform
    findings are about the whole post and each names a different limit, so they stay.
    """
    ranked = sorted(
        enumerate(findings), key=lambda pair: (_RANK[pair[1].severity], pair[1].end - pair[1].start, pair[0])
    )
    kept: list[tuple[int, Finding]] = []
    # Per category the kept spans never overlap, so sorted by start they are sorted by end
    # too, and only the last one starting before a new span's end can overlap it.
    spans: dict[str, tuple[list[int], list[int]]] = {}
    points: set[tuple[str, int]] = set()  # a point (the blog disclaimer at the end) overlaps only itself
    for order, f in ranked:
        if f.category != "platform":
            if f.start == f.end:
                if (f.category, f.start) in points:
                    continue
                points.add((f.category, f.start))
            else:
                starts, ends = spans.setdefault(f.category, ([], []))
                i = bisect_left(starts, f.end)
                if i > 0 and ends[i - 1] > f.start:
                    continue
                starts.insert(i, f.start)
                ends.insert(i, f.end)
        kept.append((order, f))
    return [f for _, f in sorted(kept, key=lambda pair: pair[0])]


def _too_long_to_check(text: str, platform: str, lang: str) -> Report:
    finding = Finding(
        category="platform",
        severity=BLOCK,
        start=0,
        end=len(text),
        message=message("too_long_to_check", lang, count=len(text), limit=MAX_TEXT),
        rule="platform.limits",
        policy=rule_text("platform.limits", lang),
    )
    return Report(text=text, platform=platform, findings=[finding])


def warm_up() -> None:
    """Load the word lists and dictionaries now (about a second), not on the first check.

    A web worker calls this at start so no request pays for it.
    """
    lexicon()
    dictionaries()
    frequencies()
    other_language_words()
    learned_layer.model()


def _contains(text: str, needle: str) -> bool:
    return " ".join(needle.lower().split()) in " ".join(text.lower().split())
