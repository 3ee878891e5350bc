"""The post check: a Dutch policy checker for care workers' posts.

Pure Python, no Django: `check(text, platform, policy) -> Report`.
"""

from .engine import MAX_TEXT, check, count_rules, length, warm_up
from .messages import FIVE_QUESTIONS
from .policy import PLATFORMS, Policy, PolicyError
from .report import BLOCK, CATEGORIES, HINT, WARN, Finding, Report

__all__ = [
    "check",
    "length",
    "count_rules",
    "MAX_TEXT",
    "warm_up",
    "FIVE_QUESTIONS",
    "Policy",
    "PolicyError",
    "PLATFORMS",
    "Report",
    "Finding",
    "CATEGORIES",
    "BLOCK",
    "WARN",
    "HINT",
]
