"""The post check: a Dutch policy checker for care workers' posts.

Pure Python, no Django: `check(text, platform, policy) -> Report`.
"""

from .engine import check
from .policy import PLATFORMS, Policy, PolicyError
from .report import BLOCK, CATEGORIES, HINT, WARN, Finding, Report

__all__ = ["check", "Policy", "PolicyError", "PLATFORMS", "Report", "Finding", "CATEGORIES", "BLOCK", "WARN", "HINT"]
