"""``OperationOutcome``: what the engine could not understand, with the character offsets.

>>> from posology.dosage import Issue
>>> operation_outcome([Issue("warning", "not-found", "No posology.", 0, 4)])["issue"][0]["code"]
'not-found'
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from posology.dosage import Issue
from posology.fhir.datatypes import compact
from posology.fhir.urls import TEXT_OFFSETS

__all__ = ["operation_outcome"]


def operation_outcome(issues: Iterable[Issue]) -> dict[str, Any]:
    """An OperationOutcome dict with one issue per :class:`Issue`, in order.

    >>> operation_outcome([Issue("error", "too-long", "Too long.")])
    {'resourceType': 'OperationOutcome', 'issue': [{'severity': 'error', 'code': 'too-long', 'diagnostics': 'Too long.'}]}
    """
    return {"resourceType": "OperationOutcome", "issue": [_issue(issue) for issue in issues]}


def _issue(issue: Issue) -> dict[str, Any]:
    return compact(
        {
            "extension": [_offsets(issue)],
            "severity": issue.severity,
            "code": issue.code,
            "diagnostics": issue.message,
        }
    )


def _offsets(issue: Issue) -> dict[str, Any] | None:
    """The span ``[start, end)`` of the text the issue is about; ``None`` when it has none."""
    parts = [
        {"url": name, "valueInteger": value}
        for name, value in (("start", issue.start), ("end", issue.end))
        if value is not None
    ]
    return {"url": TEXT_OFFSETS, "extension": parts} if parts else None
