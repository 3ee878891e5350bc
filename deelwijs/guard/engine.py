"""check(text, platform, policy) -> Report: the post check's single entry point."""

from collections.abc import Callable
from typing import Any

from . import learned as learned_layer
from .detectors import confidential, contact, identifiers, platform, privacy, respect, speaking, words
from .lexicon import dictionaries, frequencies, lexicon
from .messages import LANGUAGES, message, rule_text
from .policy import PLATFORMS, Policy
from .report import DEFAULT_SEVERITY, Finding, Report
from .text import Doc, Emit

MAX_QUOTE = 60

DETECTORS: tuple[Callable[[Doc, Emit], None], ...] = (
    identifiers.detect,
    privacy.detect,  # needs the identifiers; records the client mentions
    contact.detect,  # needs the client mentions
    confidential.detect,
    respect.detect,
    speaking.detect,
    words.detect_word_choice,
    words.detect_spelling,
    words.detect_blocked_terms,
    platform.detect,
)


def check(
    text: str,
    platform: str = "linkedin",
    policy: Policy | dict[str, Any] | None = None,
    lang: str = "nl",
    *,
    learned: bool = True,
) -> Report:
    """Check a draft post against the organisation's policy.

    text: the post as typed; every finding's start/end index into it.
    platform: one of policy.PLATFORMS.
    policy: a Policy, a dict in Policy's format, or None for the defaults.
    lang: "nl" or "en", the language of messages and policy lines.
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

    doc = Doc(text, platform, policy)
    doc.personal = []
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
        detector(doc, emit)
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
    return Report(text=text, platform=platform, findings=list(found.values()))


def warm_up() -> None:
    """Load the word lists and dictionaries now (about a second), not on the first check.

    A web worker calls this at start so no request pays for it.
    """
    lexicon()
    dictionaries()
    frequencies()
    learned_layer.model()


def _contains(text: str, needle: str) -> bool:
    return " ".join(needle.lower().split()) in " ".join(text.lower().split())
