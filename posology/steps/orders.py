"""Step 6, orders and values: what the built medications may not say as they are.

Reads ``cues`` and ``medications``; writes ``medications`` (status, doNotPerform, titration and
cycle notes: ``posology.fields.orders.apply_orders``; impossible values removed:
``posology.fields.plausibility.check_values``) and their issues (W020–W023), then the
``value_issues`` of the adjust step. A nameless, empty medication beside real ones is dropped.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from posology.fields.orders import apply_orders
from posology.fields.plausibility import check_values

if TYPE_CHECKING:
    from posology.analysis import Analysis
    from posology.engine import Engine


def step(engine: Engine, analysis: Analysis) -> None:
    text, span = analysis.text, analysis.offsets.span
    medications, order_issues = apply_orders(analysis.medications, analysis.cues, text, span)
    medications, value_issues = check_values(medications, text, span)
    analysis.issues.extend(order_issues + value_issues + analysis.value_issues)
    if len(medications) > 1:  # a nameless, empty medication beside real ones is noise
        medications = [m for m in medications if m.name or m.dosages or m.strengths]
    analysis.medications = medications
