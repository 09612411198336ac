"""Daily totals whose intakes are not said (CONVENTIONS §8: "daily totals with no split …
structure what is safe, and a warning-level issue").

- per kilogram (``50 mg/kg/j``): neither a dose nor a frequency is structured (the whole
  total at once could be an overdose), the rest is; flagged (W022).
- a mass or an amount of units per day with no intake said (``BACLOFENE 10 mg : 90 mg/j``,
  ``Mycophenolate 1.5g/day``): dose and ``1/d`` are kept as written (what the text says), and
  flagged (W022): once a day, or split? A pharmacist decides. Not when the day's one intake
  or its time is said (``60 mg/j en 1 prise``, ``20 mg/j le matin``), nor for a count of units
  (``2 cp/j``: CONVENTIONS §3, the dose is the count), nor for the doses' restated total
  (``1-0-2 soit 600 mg/j``).
- a total said to be divided (``30 mg/day in divided doses``): no dose, no frequency; flagged.

>>> from posology.engine import Engine
>>> issues = Engine.load().prescription("Mycophenolate 1.5 g/day").issues
>>> [issue.message[:6] for issue in issues if issue.severity == "warning"]
['[W022]']
"""

from __future__ import annotations

import re

from posology.fields.cues import Cue
from posology.fields.mentions import Mention
from posology.text.tokenizer import doc_text
from posology.units.registry import dimension


def daily_totals(doc, mentions: list[Mention]) -> tuple[list[Mention], list[Cue]]:
    """``50 mg/kg/j`` with no ``en 3 prises``: a daily total whose intakes are not said. Neither
    a dose nor a frequency is structured (the whole total at once could be an overdose), the
    rest is (duration, route), and it is flagged (W022): a pharmacist decides how it is split
    (CONVENTIONS §8: "structure what is safe"; the blind lines disagree, 31 write it so and 26
    write the total once a day, session 16). Then the amounts per day (:func:`_unsplit_amounts`)."""
    if any(m.family == "split" for m in mentions):
        return _announced_split(doc, mentions)
    mentions = _split_written_after(doc, mentions)
    cues = []
    unsplit: list[Mention] = []
    for dose in (m for m in mentions if m.family == "dose" and str(m.get("dose.unit") or "").endswith("/kg")):
        per = next(
            (
                m
                for m in mentions
                if m.family in ("period", "freq")
                and 0 <= m.start - dose.end <= 1
                and m.get("period.unit") == "d"
                and m.get("period.value", 1) == 1
            ),
            None,
        )
        if per is None or _ONCE.search(doc.text[dose.end : per.end + 12]):
            continue
        own = [m for m in mentions if m.group == per.group and m.family in ("period", "freq")]
        written = doc.text[dose.end : per.end]
        # "50 mg/kg/j", "40 mg/kg/day", "30 mg/kg par jour": a total per day (not "10 mg/kg OD",
        # "10 mg/kg x3/j", "1 mg/kg/j en 1 prise": one intake a day, or intakes counted)
        total = _PER_DAY.match(written) is not None and all(m.get("freq.n", 1) == 1 for m in own)
        one = _ONE_INTAKE.match(doc.text, per.end, per.end + 32)
        if total and one is not None:  # "en une injection": the day's one intake, never a second dose
            unsplit += [m for m in mentions if m.family == "dose" and per.end <= m.start < one.end()]
            continue
        cues.append(Cue("cycle", dose.start, per.end, ()))
        if total:
            unsplit += [dose, *own]
    amounts, divided = _unsplit_amounts(doc, mentions)
    return [m for m in mentions if m not in unsplit and m not in divided], cues + amounts


def _announced_split(doc, mentions: list[Mention]) -> tuple[list[Mention], list[Cue]]:
    """``Méthadone 90 mg/j en deux prises : 50 mg le matin et 40 mg le soir``: the intakes the
    split announces are written after it, each with its time; the total and the split are their
    summary (dividing the written doses by two was silently wrong). The split's count of doses
    that differ from the total (in sum) is flagged (W022)."""
    for split in (m for m in mentions if m.family == "split"):
        before = [m for m in mentions if m.end <= split.start and m.family in ("dose", "period", "freq")]
        total = next((m for m in reversed(before) if m.family == "dose"), None)
        after = [m for m in mentions if m.start >= split.end]
        doses = [m for m in after if m.family == "dose"]
        if total is None or len(doses) != split.get("split") or not _COLON.match(doc_text(doc), split.end):
            continue
        if not _each_timed(doses, after):
            continue
        summary = [split, total, *(m for m in before if m.start >= total.end and m.family != "dose")]
        kept = [m for m in mentions if m not in summary]
        return kept, [] if _make_the_total(doses, total) else [Cue("cycle", total.start, split.end, ())]
    return mentions, []


def _each_timed(doses: list[Mention], mentions: list[Mention]) -> bool:
    """Whether a moment or a clock time follows each of the written intakes."""
    return all(any(t.family in ("when", "tod") and t.start > d.end for t in mentions) for d in doses)


def _make_the_total(doses: list[Mention], total: Mention) -> bool:
    """Whether the written intakes, in the total's unit, add up to it."""
    units = {d.get("dose.unit") for d in doses} | {total.get("dose.unit")}
    said = sum(d.get("dose.low") or 0 for d in doses)
    return len(units) == 1 and abs(said - (total.get("dose.low") or 0)) < 1e-9


def _split_written_after(doc, mentions: list[Mention]) -> list[Mention]:
    """``Methadone 120ml daily as split dose: 70ml in the morning and 50ml for the evening``: a
    day's total, then a colon and the intakes that make it up, each with its time (their sum is
    the total): the total is their summary, never a third dose."""
    text = doc_text(doc)
    for total in (m for m in mentions if m.family == "dose"):
        own = [m for m in mentions if m.family in ("period", "freq") and 0 <= m.start - total.end <= 1]
        if not own or not all(m.get("period.value", 1) == 1 and m.get("period.unit", "d") == "d" for m in own):
            continue
        end = max(m.end for m in own)
        if not _SPLIT_COLON.match(text, end):
            continue
        doses = [m for m in mentions if m.family == "dose" and m.start > end]
        if len(doses) >= 2 and _each_timed(doses, mentions) and _make_the_total(doses, total):
            return [m for m in mentions if m is not total and m not in own]
    return mentions


_SPLIT_COLON = re.compile(
    r"\s*(?:(?:as|in|en)\s+(?:an?\s+)?(?:split|divided)\s+doses?\s*)?(?=:|dose\s*:)", re.IGNORECASE
)
_COLON = re.compile(r"\s*(?::|,|soit\b|i\.e\.|ie\b)", re.IGNORECASE)
_RESTATED = re.compile(r"(?:\b(?:soit|total|i\.e\.|ie)|=)\W*$", re.IGNORECASE)
_AMOUNTS = frozenset({"mass", "iu"})  # "90 mg/j", "1.5 g/day", "5 000 UI par jour" (not "2 cp/j", "10 ml/j")
_TIMED = frozenset({"when", "tod", "freq", "period", "split", "dow", "slot"})


def _unsplit_amounts(doc, mentions: list[Mention]) -> tuple[list[Cue], list[Mention]]:
    """``90 mg/j``, ``1.5g/day``, ``30 mg/24h``: a mass or an amount of units per day, nothing
    else saying when or how often: kept as written (dose, 1/d), flagged (W022). ``30 mg/day in
    divided doses``: a total said to be split, in a number of intakes not said: neither the dose
    nor the frequency (the mentions returned to drop), flagged."""
    text = doc_text(doc)
    doses = [m for m in mentions if m.family == "dose"]
    cues: list[Cue] = []
    divided: list[Mention] = []
    for at, dose in enumerate(doses):
        if dimension(dose.get("dose.unit")) not in _AMOUNTS:
            continue
        own = [
            m
            for m in mentions
            if m.family in ("period", "freq")
            and m.start - dose.end in (0, 1)
            and m.get("freq.n", 1) == 1
            and (m.get("period.unit"), m.get("period.value", 1)) in (("d", 1), ("h", 24), (None, 1))
        ]
        if not any(m.family == "period" for m in own) or not _PER_DAY.match(text, dose.end):
            continue
        if _RESTATED.search(text, max(0, dose.start - 12), dose.start):
            continue  # "1-0-2 soit 600 mg/j", "(total 300 mg/day)": the doses' total, checked elsewhere
        end = max(m.end for m in own)
        if _ONE_INTAKE.match(text, end, end + 32):
            continue  # "60 mg/j en 1 prise": the day's one intake is said
        if _DIVIDED.match(text, end):
            cues.append(Cue("cycle", dose.start, end, ()))
            divided += [dose, *own]
            continue
        # the dosage's own stretch: from the dose before to the dose after
        low = doses[at - 1].end if at else 0
        high = doses[at + 1].start if at + 1 < len(doses) else len(text)
        if any(m.family in _TIMED and low <= m.start < high and m not in own for m in mentions):
            continue  # "20 mg/j le matin", "… par jour en 2 prises": when or how it is split is said
        cues.append(Cue("cycle", dose.start, end, ()))
    return cues, divided


_DIVIDED = re.compile(
    r"\W*(?:(?:in|en)\s+)?(?:divided\s+doses|divided|plusieurs\s+prises|prises\s+fractionn[ée]es|doses\s+fractionn[ée]es)\b",
    re.IGNORECASE,
)


_PER_DAY = re.compile(r"\s*(?:/|par\b|per\b|a\b)", re.IGNORECASE)
_ONE_INTAKE = re.compile(
    r"\W*(?:en\s+(?:1|une)\s+(?:seule\s+)?(?:fois|prise|injection|perfusion|administration)"
    r"|in\s+(?:1|one)\s+(?:single\s+)?(?:dose|intake|injection|infusion)|once)\b",
    re.IGNORECASE,
)


# "20 mg/kg 1 fois par jour", "once daily": one intake a day is said, no daily total to split
_ONCE = re.compile(r"^\W*(?:(?:1|une?|one)\s*(?:fois|x|times?|prise)\b|once\b)", re.IGNORECASE)
