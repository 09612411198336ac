"""A syringe driver's rate written as a mass per hour, read while the mentions are adjusted
(``posology.steps.adjust``).

``OXYCODONE 50 mg/ml PSE SC : 2 mg/h + bolus de 2 mg …``: ``2 mg/h`` is read as a strength per
hour (a patch's release: ``Durogesic 25 µg/h``); on a line that names a syringe driver or a pump
(``PSE``, ``IVSE``, ``pousse-seringue``, ``syringe driver``, ``CSCI``, ``pump``) it is the rate of
a continuous infusion, which the Dosage's ``rateQuantity`` would hold and the engine does not
structure: flagged (W023), never silently a strength."""

from __future__ import annotations

import re

from posology.dosage import Issue
from posology.errors import Warnings
from posology.fields.mentions import Mention

_DRIVER = re.compile(r"\b(?:pse|ivse|pousse[- ]seringue|syringe[- ]driver|csci|pump|pompe)\b", re.IGNORECASE)
_PROBLEM = "a rate per hour through a syringe driver or a pump, read as a strength: the infusion's rate?"


def driver_rates(text: str, clean: str, clean_span, mentions: list[Mention]) -> list[Issue]:
    """A W023 for each mass per hour on a line that names a syringe driver or a pump."""
    if not _DRIVER.search(clean):
        return []
    issues = []
    for mention in (m for m in mentions if m.rule_id == "strength.per_hour"):
        start, end = clean_span(mention.start, mention.end)
        problem = Warnings.W023.format(span=text[start:end], problem=_PROBLEM)
        issues.append(Issue("warning", "business-rule", problem, start, end))
    return issues
