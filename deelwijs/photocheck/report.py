"""The result of a photo check: findings with a box on the photo, in the post check's severities."""

from dataclasses import dataclass, field
from typing import Any

from deelwijs.guard import BLOCK, HINT, WARN

from .boxes import Box

RANK = {BLOCK: 0, WARN: 1, HINT: 2}


@dataclass(frozen=True)
class PhotoFinding:
    """One thing found in a photo.

    kind: "face", "text", "code" or "unread" (the text could not be read in time).
    category, severity, message, rule, policy, suggestion: as in the post check; a text finding keeps the post
    check's own, a face is category "face" and a code "code".
    box: where it is, in pixels of the photo as given (upright).
    text: what was read (the words of a text finding, a code's content); start and end index a text finding
    into the report's text, as a post check finding indexes its post.
    """

    kind: str
    category: str
    severity: str
    message: str
    rule: str
    box: Box
    policy: str = ""
    suggestion: str | None = None
    text: str = ""
    start: int | None = None
    end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "category": self.category,
            "severity": self.severity,
            "start": self.start,
            "end": self.end,
            "message": self.message,
            "rule": self.rule,
            "policy": self.policy,
            "suggestion": self.suggestion,
            "text": self.text,
            "box": self.box.to_dict(),
        }


@dataclass
class PhotoReport:
    width: int
    height: int
    platform: str
    text: str = ""  # every line read, one per line
    findings: list[PhotoFinding] = field(default_factory=list)
    complete: bool = True  # False when the text could not be read in time
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def blocked(self) -> bool:
        return any(f.severity == BLOCK for f in self.findings)

    @property
    def needs_confirmation(self) -> bool:
        return any(f.severity == WARN for f in self.findings)

    @property
    def faces(self) -> int:
        return sum(f.kind == "face" for f in self.findings)

    def sorted_findings(self) -> list[PhotoFinding]:
        return sorted(self.findings, key=lambda f: (RANK[f.severity], f.box.y, f.box.x))

    def to_dict(self) -> dict[str, Any]:
        """The post check's JSON (`deelwijs check --json`) with the photo's size, what was read and boxes."""
        return {
            "platform": self.platform,
            "blocked": self.blocked,
            "needs_confirmation": self.needs_confirmation,
            "findings": [f.to_dict() for f in self.sorted_findings()],
            "width": self.width,
            "height": self.height,
            "text": self.text,
            "complete": self.complete,
        }
