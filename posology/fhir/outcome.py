"""``OperationOutcome``: what the engine could not understand, with the character offsets.

An issue about one medication (:attr:`posology.dosage.Issue.medication` set) points at its
MedicationRequest with ``issue.expression``: the FHIRPath of that entry's resource from the
Bundle, ``Bundle.entry[<i>].resource`` (the form the HL7 validator writes its own issues
in; the MedicationRequests are the first entries, in the order of the medications).

>>> from posology.dosage import Issue
>>> outcome = operation_outcome([Issue("warning", "not-found", "No posology.", 0, 4, medication=1)])
>>> outcome["issue"][0]["code"], outcome["issue"][0]["expression"]
('not-found', ['Bundle.entry[1].resource'])
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from posology.dosage import Issue
from posology.fhir.datatypes import compact
from posology.fhir.urls import LINE_REVIEW, TEXT_OFFSETS

__all__ = ["MESSAGES_LANGUAGE", "entry_expression", "line_review", "operation_outcome"]

MESSAGES_LANGUAGE = "en"  # posology's messages (``diagnostics``) are in English


def operation_outcome(issues: Iterable[Issue], *, resource_id: str | None = None) -> dict[str, Any]:
    """An OperationOutcome dict with one issue per :class:`Issue`, in order.

    >>> operation_outcome([Issue("error", "too-long", "Too long.")])
    {'resourceType': 'OperationOutcome', 'language': 'en', 'issue': [{'severity': 'error', 'code': 'too-long', 'diagnostics': 'Too long.'}]}
    """
    return compact(
        {
            "resourceType": "OperationOutcome",
            "id": resource_id,
            "language": MESSAGES_LANGUAGE,
            "issue": [_issue(issue) for issue in issues],
        }
    )


def line_review(issues: Iterable[Issue]) -> dict[str, Any]:
    """The ``line-review`` extension of each MedicationRequest of a line: whether a pharmacist
    must look at the line (a review flag, CONVENTIONS §8) and its confidence in [0, 1]
    (``posology.review``), the same values as ``result.needs_review`` / ``result.confidence``.

    >>> line_review([])["extension"]
    [{'url': 'needsReview', 'valueBoolean': False}, {'url': 'confidence', 'valueDecimal': 1.0}]
    """
    from posology.review import confidence, review_reasons

    issues = list(issues)
    return {
        "url": LINE_REVIEW,
        "extension": [
            {"url": "needsReview", "valueBoolean": bool(review_reasons(issues))},
            {"url": "confidence", "valueDecimal": confidence(issues)},
        ],
    }


def entry_expression(index: int) -> str:
    """The FHIRPath of the resource of Bundle entry ``index`` (``Bundle.entry[0].resource``)."""
    return f"Bundle.entry[{index}].resource"


def _issue(issue: Issue) -> dict[str, Any]:
    return compact(
        {
            "extension": [_offsets(issue)],
            "severity": issue.severity,
            "code": issue.code,
            "diagnostics": issue.message,
            "expression": [entry_expression(issue.medication)] if issue.medication is not None else None,
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
