"""Step 6, orders and values: what the built medications may not say as they are.

Reads ``cues`` and ``medications``; writes ``medications`` (status, doNotPerform, titration and
cycle notes: ``posology.fields.orders.apply_orders``; impossible values removed:
``posology.fields.plausibility.check_values``) and their issues (W020–W023), then the
``value_issues`` of the adjust step. A nameless, empty medication beside real ones is dropped.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from posology.dosage import Medication
from posology.fields.orders import apply_orders
from posology.fields.plausibility import check_values
from posology.steps.assemble import link_drug

if TYPE_CHECKING:
    from posology.analysis import Analysis
    from posology.engine import Engine


def step(engine: Engine, analysis: Analysis) -> None:
    text, span = analysis.text, analysis.offsets.span
    before = analysis.medications
    medications, order_issues = apply_orders(analysis.medications, analysis.cues, text, span, analysis.clean)
    medications = [_relinked(engine, analysis, old, new) for old, new in zip(before, medications, strict=True)]
    medications, value_issues = check_values(medications, text, span)
    analysis.issues.extend(order_issues + value_issues + analysis.value_issues)
    if len(medications) > 1:  # a nameless, empty medication beside real ones is noise
        medications = [m for m in medications if m.name or m.dosages or m.strengths]
    analysis.medications = medications


def _relinked(engine: Engine, analysis: Analysis, old: Medication, new: Medication) -> Medication:
    """A stop order's lone mass became the product's strength (``ARRÊT DU TEMESTA 1 mg``): the
    name is coded again with it, and its "could not be linked" warning goes when it now is."""
    if new.strengths == old.strengths or new.codings:
        return new
    linked, issues = link_drug(engine, new)
    if not issues:
        analysis.issues = [
            i
            for i in analysis.issues
            if not (i.code == "not-found" and i.start == new.name_start and "W005" in i.message)
        ]
    return linked
