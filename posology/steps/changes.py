"""Dose changes, read while the mentions are adjusted (``posology.steps.adjust``).

A reconciliation or a discharge list writes the former dose beside the new one: ``REDUCED (was
50mg OD)``, ``1 cp le matin au lieu de 2``, ``1 cp le matin → 1/2 cp le matin``, ``Changed: 20 mg
daily → 10 mg daily``, ``was 1 tab BD, now 2 tabs BD``, ``dose reduced from 40 mg to 20 mg OD``,
``10mg nocte, increased to 20mg nocte``. The new dose is the order and is structured; the former
one is an instruction, as written (its words read), never a second Dosage. An arrow between a
name and its posology (``Forxiga 10 mg → 1 cp``) has no amount after a dose before it: nothing
changes.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from posology.fields.mentions import Mention, instruction_mention
from posology.units.registry import dimension

if TYPE_CHECKING:
    from posology.analysis import Analysis

# the former dose in its own words (the whole match is it)
_FORMER = re.compile(
    r"\((?:was|previously|prev\.?|formerly|avant|auparavant|ancienne? (?:dose|posologie)|instead of|au lieu de)"
    r"\b[^()]*\)|\b(?:au lieu de|instead of)\b[^,;.()|]*"
    # Epic's "What changed: how much to take, when to take this" (its fixed phrases only)
    r"|\bwhat changed\s*:\s*(?:(?:how much to take|when to take this|how to take this|how often to take"
    r"|medication strength|additional instructions|reasons? for taking this|another medication replaced this one)"
    r"\s*(?:,|and)?\s*)+",
    re.IGNORECASE,
)
# the former dose before a change word (from the last ":", "," or dash before it)
_CHANGE = re.compile(
    r"\s(?:→|->|⇒|=>)(?=\s|,|;|$)|,\s*(?:(?:increased|reduced|decreased|changed|lowered|raised)\s+to"
    r"|(?:augmentée?|diminuée?|majorée?|baissée?|passée?)\s+à)(?:\s|,|$)",
    re.IGNORECASE,
)
_DANGLING = re.compile(r"\s*(?:[,;]|$)")  # a change word with nothing after it: the former dose alone
_OPENERS = ":,–—"
# the former dose between two words
_BETWEEN = re.compile(
    r"\bwas\b(.*?)\bnow\b|(?:\bdose\s+)?\b(?:reduced|increased|decreased|changed|lowered|raised)\s+from\b(.*?)\bto\b",
    re.IGNORECASE,
)
_AMOUNTS = frozenset({"dose", "slot", "strength"})
_BARE_BEFORE = re.compile(r"\s(\d+(?:[.,]\d+)?)\s*$")  # a number with no unit right before the change word


def former_doses(analysis: Analysis, mentions: list[Mention]) -> list[Mention]:
    """The mentions of the dose changed away from (see the module), as instructions."""
    text = analysis.clean
    for start, end in _former_spans(text, mentions):
        inside = [m for m in mentions if start <= m.start < end]
        written = text[start:end].strip()
        note = instruction_mention(start, end, "orders.former", written)
        new = [_new_end(m, end) for m in inside if m.end > end and m.get("dose.high") is not None]
        mentions = sorted([m for m in mentions if m not in inside] + [note, *new], key=lambda m: m.start)
        analysis.cover(start, end)
    return mentions


def _new_end(mention: Mention, end: int) -> Mention:
    """``reduced from 40 to 20 mg``, ``de 75 à 160 mg``: the rules read one range across the
    change word; its high end, after the former dose, is the new dose."""
    items = (("dose.low", mention.get("dose.high")), ("dose.unit", mention.get("dose.unit")))
    return Mention("dose", end, mention.end, "orders.new_dose", items, mention.group)


def _former_spans(text: str, mentions: list[Mention]) -> list[tuple[int, int]]:
    """Character spans of former doses: their own words, or the amounts before a change word
    (an amount on both sides of it)."""
    spans = [found.span() for found in _FORMER.finditer(text)] if _MAY_BE_FORMER.search(text) else []
    for change in _CHANGE.finditer(text):
        if _SWITCH_AFTER.match(text, change.end()):
            continue  # "… TDS PRN -> switch to cetirizine 10 mg OD": another drug takes over, no dose changed
        start = max(text.rfind(c, 0, change.start()) for c in _OPENERS) + 1
        old = [m for m in mentions if start <= m.start and m.end <= change.start() and m.family in _AMOUNTS]
        new = next((m for m in mentions if m.family in _AMOUNTS and m.start >= change.end()), None)
        # "…, 1 cp le matin →" (a rendering's note of the former dose): nothing after the change word
        others = any(m.family in _AMOUNTS and not start <= m.start < change.start() for m in mentions)
        dangling = others and _DANGLING.match(text, change.end()) is not None
        if old and (dangling or (new is not None and _same_kind(old[-1], new))):  # (never "Forxiga 10 mg → 1 cp")
            first = min(m.start for m in mentions if start <= m.start and m.end <= change.start())
            spans.append((first, change.end()))
        elif not old and new is not None and dimension(new.get("dose.unit")) in ("mass", "iu"):
            bare = _BARE_BEFORE.search(text, start, change.start())  # "Kardégic 160 → 75 mg": the new dose's unit
            if bare is not None:
                spans.append((bare.start(1), change.end()))
    for found in _BETWEEN.finditer(text):
        group = 1 if found.group(1) is not None else 2
        if any(m.family in _AMOUNTS and found.start(group) <= m.start < found.end(group) for m in mentions):
            spans.append(found.span())  # with its words: "was … now", "reduced from … to"
    if "de" in text or "d'" in text:
        spans.extend(found.span(1) for found in _FROM_TO.finditer(text))  # its verb and the drug not in it
    return spans


# a patient-facing message's change of dose: "Passez le Kardégic de 75 à 160 mg", "passez la Lantus
# de 14 à 16 unités", "diminuez le Lasilix de 40 mg à 20 mg"; "de … à" is the former dose
_FROM_TO = re.compile(
    r"\b(?:pass|augment|diminu|baiss|mont)(?:ez|er)\b[^,;:.\d]{0,40}?\s(d(?:e\s|')\s*\d[\d,./]*\s*(?:[^\W\d]+\s)?à)\s(?=\d)",
    re.IGNORECASE,
)


def _same_kind(old: Mention, new: Mention) -> bool:
    """Two amounts of one kind: slots, or quantities in one dimension (a count of tablets, a mass)."""
    if old.family == "slot" or new.family == "slot":
        return old.family == new.family
    units = [m.get("dose.unit") or m.get("strength.unit") for m in (old, new)]
    return dimension(units[0]) == dimension(units[1])


_SWITCH_AFTER = re.compile(
    r"\s*(?:switch(?:ed)?|replaced?|remplac(?:er|ée?)|relais|relayer)\s+(?:to|with|by|par)\b", re.IGNORECASE
)
_MAY_BE_FORMER = re.compile(r"\(|lieu|instead|changed", re.IGNORECASE)  # the cheap first test
