"""A condition of a patch's removal (``à retirer la nuit si troubles du sommeil``, ``remove at
bedtime if vivid dreams``): the ``si`` / ``if`` clause right after the removal instruction says
when the patch comes off, never when the dose is taken; it joins the instruction, as written
(never an as-needed reason of the order); a condition the Dosage cannot hold, so
``steps.noted`` flags it (W023). Called by ``steps.adjust``."""

from __future__ import annotations

from posology.fields.mentions import Mention, instruction_mention

REMOVAL_RULES = frozenset({"instruction.remove_patch", "instruction.remove_patch_clock"})
_GAP = frozenset(" ,")


def removal_conditions(text: str, mentions: list[Mention]) -> list[Mention]:
    kept: list[Mention] = []
    for mention in mentions:
        previous = kept[-1] if kept else None
        if (
            mention.family == "as_needed"
            and previous is not None
            and previous.rule_id in REMOVAL_RULES
            and set(text[previous.end : mention.start]) <= _GAP
        ):
            said = text[previous.start : mention.end]
            kept[-1] = instruction_mention(previous.start, mention.end, "orders.removal_condition", said)
            continue
        kept.append(mention)
    return kept
