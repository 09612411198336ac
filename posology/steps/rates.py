"""A syringe driver's rate written as a mass per hour, read while the mentions are adjusted
(``posology.steps.adjust``).

``OXYCODONE 50 mg/ml PSE SC : 2 mg/h + bolus de 2 mg …``: ``2 mg/h`` is read as a strength per
hour (a patch's release: ``Durogesic 25 µg/h``); on a line that names a syringe driver or a pump
(``PSE``, ``IVSE``, ``pousse-seringue``, ``syringe driver``, ``CSCI``, ``pump``) it is the rate of
a continuous infusion, which the Dosage's ``rateQuantity`` would hold and the engine does not
structure: flagged (W023), never silently a strength. So is an amount per a number of hours there
(``Héparine 20 000 UI/24h en IVSE``, ``6 g/24h IVSE``, ``2 g/24 h en perfusion continue``): read as a
dose every 24 hours (the day's amount), it is infused continuously: flagged (W023)."""

from __future__ import annotations

import re

from posology.dosage import Issue
from posology.fields.mentions import Mention
from posology.fields.plausibility import value_issue

_DRIVER = re.compile(
    r"\b(?:pse|ivse|pousse[- ]seringue|syringe[- ]driver|csci|pump|pompe|perfusion continue|en continu"
    r"|continuous(?: iv)? infusion)\b",
    re.IGNORECASE,
)
_PROBLEM = "a rate per hour through a syringe driver or a pump, read as a strength: the infusion's rate?"
_PER_HOURS = "an amount per hours through a syringe driver or a continuous infusion, read as a dose every N hours"


def driver_rates(text: str, clean: str, clean_span, mentions: list[Mention]) -> list[Issue]:
    """A W023 for each mass per hour on a line that names a syringe driver or a pump."""
    if not _DRIVER.search(clean):
        return []
    spans = [clean_span(m.start, m.end) for m in mentions if m.rule_id == "strength.per_hour"]
    issues = [value_issue(text, start, end, _PROBLEM, code="business-rule") for start, end in spans]
    amounts = [clean_span(m.start, m.end) for m in mentions if m.rule_id == "dose.per_hours" and m.family == "dose"]
    return issues + [value_issue(text, start, end, _PER_HOURS, code="business-rule") for start, end in amounts]
