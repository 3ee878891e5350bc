"""The result of a post check: findings with their category, severity and span."""

from dataclasses import asdict, dataclass, field
from typing import TypedDict, cast

BLOCK = "block"
WARN = "warn"
HINT = "hint"
SEVERITIES = (BLOCK, WARN, HINT)
_RANK = {BLOCK: 0, WARN: 1, HINT: 2}

# The categories of docs/guard-labels.md, which every labelled post is labelled with.
LABELLED = (
    "client_privacy",
    "personal_data",
    "confidential",
    "disrespect",
    "speaks_for_org",
    "client_contact",
    "word_choice",
    "spelling",
)
CATEGORIES = (*LABELLED, "platform")

# Severity per category as set in guard/LABELS.md; platform findings choose
# their own (too long is a block, advice is a hint).
DEFAULT_SEVERITY = {
    "client_privacy": BLOCK,
    "personal_data": BLOCK,
    "confidential": WARN,
    "disrespect": BLOCK,
    "speaks_for_org": WARN,
    "client_contact": WARN,
    "word_choice": HINT,
    "spelling": HINT,
    "platform": HINT,
}


class FindingDict(TypedDict):
    """A Finding as plain data (JSON, the web's check endpoint)."""

    category: str
    severity: str
    start: int
    end: int
    message: str
    rule: str
    policy: str
    suggestion: str | None


class ReportDict(TypedDict):
    platform: str
    blocked: bool
    needs_confirmation: bool
    findings: list[FindingDict]


@dataclass(frozen=True)
class Finding:
    category: str
    severity: str
    start: int
    end: int
    message: str
    rule: str
    policy: str = ""
    suggestion: str | None = None

    def to_dict(self) -> FindingDict:
        return cast(FindingDict, asdict(self))


@dataclass
class Report:
    text: str
    platform: str
    findings: list[Finding] = field(default_factory=list)

    @property
    def blocked(self) -> bool:
        return any(f.severity == BLOCK for f in self.findings)

    @property
    def needs_confirmation(self) -> bool:
        return any(f.severity == WARN for f in self.findings)

    @property
    def categories(self) -> list[str]:
        return sorted({f.category for f in self.findings})

    def sorted_findings(self) -> list[Finding]:
        return sorted(self.findings, key=lambda f: (_RANK[f.severity], f.start, f.category))

    def to_dict(self) -> ReportDict:
        return {
            "platform": self.platform,
            "blocked": self.blocked,
            "needs_confirmation": self.needs_confirmation,
            "findings": [f.to_dict() for f in self.sorted_findings()],
        }
