"""An organisation's post check settings, stored as plain data (dict / JSON)."""

import json
from dataclasses import dataclass, field, fields
from typing import Any, TypedDict

from .report import CATEGORIES

PLATFORMS = ("linkedin", "x", "facebook", "instagram", "bluesky", "mastodon", "whatsapp", "blog", "email")


class WordEntry(TypedDict):
    """One tone-of-voice entry: the stems to avoid and the word to use instead."""

    avoid: list[str]
    use: str


class BlockedTerm(TypedDict):
    """A term the organisation blocks; category is one of report.CATEGORIES."""

    term: str
    reason: str
    category: str


# The default tone-of-voice list from guard/LABELS.md. Each stem matches
# every inflection and compound that starts with it.
DEFAULT_WORD_LIST: list[WordEntry] = [
    {"avoid": ["klant"], "use": "cliënt"},
    {"avoid": ["bejaardenhuis", "bejaardentehuis"], "use": "woonzorgcentrum"},
    {"avoid": ["bejaard"], "use": "oudere"},
    {"avoid": ["dementen", "demente"], "use": "mensen met dementie"},
    {"avoid": ["gehandicapt"], "use": "mensen met een beperking"},
    {"avoid": ["verslaafde"], "use": "mensen met een verslaving"},
]


class PolicyError(ValueError):
    pass


def _str_list(name: str, value: object) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise PolicyError(f"{name} must be a list of strings")
    return [v.strip() for v in value if v.strip()]


@dataclass
class Policy:
    """What the post check knows about one organisation.

    organisation_names: the organisation's own names and abbreviations.
    locations: names of its locations, wards and groups (never a person).
    public_contacts: its general phone numbers, e-mail addresses, website
        and public addresses; these are never personal data.
    staff_names: colleagues' names; a colleague is not a client.
    word_list: tone of voice, [{"avoid": [stems], "use": "..."}].
    blocked_terms: [{"term", "reason", "category"}] the organisation blocks.
    blog_disclaimer: the sentence a blog post must contain, if any.
    """

    organisation_names: list[str] = field(default_factory=list)
    locations: list[str] = field(default_factory=list)
    public_contacts: list[str] = field(default_factory=list)
    staff_names: list[str] = field(default_factory=list)
    word_list: list[WordEntry] = field(default_factory=lambda: [w.copy() for w in DEFAULT_WORD_LIST])
    blocked_terms: list[BlockedTerm] = field(default_factory=list)
    blog_disclaimer: str = ""

    @classmethod
    def from_dict(cls, data: object) -> "Policy":
        if not isinstance(data, dict):
            raise PolicyError("a policy is a JSON object")
        known = {f.name for f in fields(cls)}
        unknown = set(data) - known
        if unknown:
            raise PolicyError(f"unknown policy fields: {', '.join(sorted(unknown))}")
        policy = cls()
        for name in ("organisation_names", "locations", "public_contacts", "staff_names"):
            if name in data:
                setattr(policy, name, _str_list(name, data[name]))
        if "word_list" in data:
            policy.word_list = [_word_entry(e) for e in _list("word_list", data["word_list"])]
        if "blocked_terms" in data:
            policy.blocked_terms = [_blocked_entry(e) for e in _list("blocked_terms", data["blocked_terms"])]
        if "blog_disclaimer" in data:
            if not isinstance(data["blog_disclaimer"], str):
                raise PolicyError("blog_disclaimer must be a string")
            policy.blog_disclaimer = data["blog_disclaimer"].strip()
        return policy

    @classmethod
    def from_json(cls, text: str | bytes) -> "Policy":
        try:
            return cls.from_dict(json.loads(text))
        except json.JSONDecodeError as e:
            raise PolicyError(f"policy is not valid JSON: {e}") from e

    def to_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)


def _list(name: str, value: object) -> list[Any]:
    if not isinstance(value, list):
        raise PolicyError(f"{name} must be a list")
    return value


def _word_entry(entry: object) -> WordEntry:
    if not isinstance(entry, dict) or not isinstance(entry.get("use"), str):
        raise PolicyError('each word_list entry needs "avoid" (a list) and "use" (a string)')
    avoid = _str_list("avoid", entry.get("avoid"))
    if not avoid:
        raise PolicyError("a word_list entry needs at least one word to avoid")
    return {"avoid": avoid, "use": entry["use"].strip()}


def _blocked_entry(entry: object) -> BlockedTerm:
    if isinstance(entry, str):
        entry = {"term": entry}
    if not isinstance(entry, dict) or not isinstance(entry.get("term"), str) or not entry["term"].strip():
        raise PolicyError('each blocked_terms entry needs a "term"')
    category = entry.get("category", "confidential")
    if category not in CATEGORIES:
        raise PolicyError(f"unknown category for blocked term: {category}")
    return {"term": entry["term"].strip(), "reason": str(entry.get("reason", "")).strip(), "category": category}
