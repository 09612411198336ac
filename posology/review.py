"""The review contract (CONVENTIONS §8): which issues ask a pharmacist to look at a line.

``information`` is noise that changes nothing (a function word, punctuation, a word the
linker read with a high score). ``warning`` (and ``error``) is anything a pharmacist must
look at: a content word not understood, a value only the NER model saw, a guess, an order
that is not a plain order. A Bundle with no review issue claims that every field is right.

The drug name not being coded (W005) and no drug name at all (W006) are reported apart: they
do not make the posology suspect (§8), so they do not count as review flags.

>>> from posology.dosage import Issue
>>> needs_review([Issue("information", "informational", "[W002] Text not understood: 'le'")])
False
>>> needs_review([Issue("warning", "not-found", "[W005] Drug name 'X' could not be linked to a code.")])
False
>>> needs_review([Issue("warning", "business-rule", "[W013] 'arrêter' stops the order.")])
True
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from posology.dosage import Issue

REVIEW_SEVERITIES = frozenset({"warning", "error", "fatal"})
# Reported, never a review flag: the drug is not coded (W005) or not named (W006).
NOT_REVIEW_CODES = frozenset({"W005", "W006"})
_CODE = re.compile(r"^\[([EW]\d{3})\]")


def issue_code(message: str) -> str | None:
    """The stable code (``W002``, ``E001``) a message starts with, or None.

    >>> issue_code("[W007] 'x' was read as ..."), issue_code("free text")
    ('W007', None)
    """
    found = _CODE.match(message or "")
    return found.group(1) if found else None


def is_review_flag(severity: str, message: str) -> bool:
    """Whether an issue (its FHIR severity and diagnostics) asks for a pharmacist's review."""
    return severity in REVIEW_SEVERITIES and issue_code(message) not in NOT_REVIEW_CODES


def review_reasons(issues: Iterable[Issue]) -> list[Issue]:
    """The issues that ask for a review, in order."""
    return [issue for issue in issues if is_review_flag(issue.severity, issue.message)]


def needs_review(issues: Iterable[Issue]) -> bool:
    """Whether any issue asks for a pharmacist's review."""
    return bool(review_reasons(issues))


# What an information-level note costs the line's confidence: noise changes nothing, a
# reading by the linker or a repaired spelling is a small doubt.
_INFORMATION_COST = {"W007": 0.05, "W010": 0.05, "W008": 0.1}


def confidence(issues: Iterable[Issue]) -> float:
    """A per-line confidence in [0, 1] the caller can filter on.

    1.0: every word read by a rule or an exact alias. Information notes that are doubts (a
    linker reading, a repaired spelling) lower it a little; a review flag puts it below 0.5,
    an error at 0.

    >>> confidence([])
    1.0
    >>> confidence([Issue("warning", "informational", "[W004] Ambiguous ...")]) < 0.5
    True
    """
    issues = list(issues)
    if any(issue.severity in ("error", "fatal") for issue in issues):
        return 0.0
    score = 1.0
    for issue in issues:
        score -= _INFORMATION_COST.get(issue_code(issue.message) or "", 0.0)
    score = max(score, 0.5)
    flags = len(review_reasons(issues))
    if flags:
        score = min(score, 0.45) * (0.8 ** (flags - 1))
    return round(score, 3)
