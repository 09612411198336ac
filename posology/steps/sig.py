"""A prescription's ``Sig:`` label, read while the mentions are adjusted (``posology.steps.adjust``).

``Cefixime 100 mg/5 mL susp 60 mL Sig: 4 mL BID x 7 days``, ``Paracetamol (Tempra) 120 mg/5 mL
syrup 60 mL Sig: 5 mL q4h PRN``: what stands before ``Sig:`` describes the product (its strength,
its form, the bottle's volume), what follows it is the direction. A volume before the label, when
the directions give a dose, is the bottle's (the quantity to dispense, kept as written), never a
first Dosage of 60 mL (it was one, silently)."""

from __future__ import annotations

import re

from posology.fields.mentions import Mention, instruction_mention
from posology.units.registry import dimension

_SIG = re.compile(r"\bsig\b\s*[:.]?", re.IGNORECASE)


def bottle_before_sig(mentions: list[Mention], clean: str) -> list[Mention]:
    """``mentions`` with each volume written before ``Sig:`` an instruction, when a dose follows it."""
    label = _SIG.search(clean)
    if label is None:
        return mentions
    after = [m for m in mentions if m.family == "dose" and m.start >= label.end()]
    if not after:
        return mentions
    result = []
    for mention in mentions:
        if (
            mention.family == "dose"
            and mention.end <= label.start()
            and mention.get("dose.high") is None
            and dimension(mention.get("dose.unit")) == "volume"
        ):
            written = clean[mention.start : mention.end]
            mention = instruction_mention(mention.start, mention.end, "instruction.bottle_before_sig", written)
        result.append(mention)
    return result
