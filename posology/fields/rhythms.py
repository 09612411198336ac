"""Two rhythms for one order that Timing cannot hold, flagged like a cycle (W022, CONVENTIONS §8):
two different periods or two counts per day side by side (:func:`two_periods`), and two doses
taken in turn (:func:`alternating_doses`)."""

from __future__ import annotations

import re

from posology.fields.cues import Cue
from posology.fields.mentions import Mention

# what stands between two counts per day side by side: "once daily (BID)", "BD – once daily", "TDS/BD"
_COUNT_JOINERS = frozenset({"", ",", "(", "-", "–", "—", "/", "et", "and"})  # ("BD or TDS": 2 to 3 times)


def two_periods(doc, mentions: list[Mention]) -> list[Cue]:
    """``2 gélules par jour pendant 5 jours, tous les 28 jours``, ``1 cp par jour tous les 2
    jours``: two different periods for one dose (no dose, phase or new item between them) —
    a cycle or a contradiction Timing cannot hold; the first was kept and the second dropped
    with no flag. Flagged like a cycle (W022); so are two counts per the same period side by
    side (``once daily twice daily``, ``1x1 bd``: which one?)."""
    # (not "x 3" after an interval: "q5min x 3" is 3 doses, read later as a count)
    periods = [m for m in mentions if m.family == "period" and m.rule_id != "freq.x_bare"]
    cues = []
    for first, second in zip(periods, periods[1:], strict=False):
        if _apart(doc, mentions, first, second):
            continue
        restated = doc.text[first.end : second.start].strip() in ("", "(", ",", "-", "–", "/")
        if _period_of(first) != _period_of(second) and not (restated and _same_rate(mentions, first, second)):
            cues.append(Cue("cycle", first.start, second.end, ()))
    counts = [m for m in mentions if m.family == "freq" and m.get("freq.n") is not None]
    for first, second in zip(counts, counts[1:], strict=False):
        if _apart(doc, mentions, first, second) or first.get("freq.n") == second.get("freq.n"):
            continue
        joiner = doc.text[first.end : second.start].strip().lower()
        # "4x/j OD", "OD et 2x/j OG": the right eye ("od bd" side by side: which count?)
        eyes = [doc.text[m.start : m.end].strip().lower() in ("od", "os", "ou") for m in (first, second)]
        eye = eyes[1] or (eyes[0] and joiner in ("et", "and"))
        pers = [_period_of(p) for f in (first, second) for p in mentions if p.family == "period" and p.group == f.group]
        if joiner in _COUNT_JOINERS and not eye and len(pers) == 2 and pers[0] == pers[1]:  # "once daily (BID)"
            cues.append(Cue("cycle", first.start, second.end, ()))
    return cues


def _apart(doc, mentions: list[Mention], first: Mention, second: Mention) -> bool:
    """Two timing mentions of one rule match, or with a dose, a phase or a new item between them."""
    if first.group == second.group and first.group >= 0:
        return True
    if any(m.family in ("phase", "dose", "slot") and first.end <= m.start < second.start for m in mentions):
        return True
    return any(c in doc.text[first.end : second.start] for c in ";+\n|")


_HOURS = {"min": 1 / 60, "h": 1, "d": 24, "wk": 168}


def _same_rate(mentions: list[Mention], first: Mention, second: Mention) -> bool:
    """``twice daily (every 12 hours)``, ``q8h (three times a day)``, ``1 fois par jour (toutes
    les 24 h)``: the same rate said twice, one way then the other (no range on either side;
    the caller checks that nothing but a bracket or a comma stands between them)."""
    rates = []
    for period in (first, second):
        hours = _HOURS.get(period.get("period.unit"))
        freq = next((m for m in mentions if m.family == "freq" and m.group == period.group), None)
        count = freq.get("freq.n", 1) if freq is not None else 1
        if hours is None or period.get("period.max") is not None or (freq is not None and freq.get("freq.max")):
            return False
        rates.append(count / (period.get("period.value", 1) * hours))
    return abs(rates[0] - rates[1]) < 1e-9


def _period_of(mention: Mention) -> tuple:
    return (mention.get("period.value", 1), mention.get("period.max"), mention.get("period.unit"))


# "alterner 1 cp et 3/4 cp", "1/4 cp en alternance avec 1/2 cp", "4mg and 5mg on alternate days",
# "2 cp les jours pairs et 2 cp 1/2 les jours impairs"
_ALTERNATION = re.compile(
    r"\b(?:altern(?:er|ez|ance|ant|ate|ating|ately|ativement)|jours?\s+(?:im)?pairs|(?:odd|even)\s+days?)\b",
    re.IGNORECASE,
)


def alternating_doses(doc, mentions: list[Mention]) -> list[Cue]:
    """``Préviscan 20 mg : alterner 1 cp et 3/4 cp un jour sur deux``, ``Warfarin 4mg and 5mg on
    alternate days``: two doses taken in turn, day after day. Timing has no field for which day
    takes which (the two amounts had been summed into one, silently): flagged. ``1 tab on
    alternate days`` (one dose, every other day) is a plain interval."""
    lowered = doc.text.lower()
    if "altern" not in lowered and "pair" not in lowered and "days" not in lowered:
        return []  # the cheap test first: most lines have none of the alternation's words
    found = _ALTERNATION.search(doc.text)
    if found is None:
        return []
    if found.group().lower().startswith("alternate") and _INTERVAL.match(doc.text, found.end()):
        # "on alternate days": an interval, unless two doses joined by "and" stand right before it
        doses = [m for m in mentions if m.family == "dose" and found.start() - 40 <= m.end <= found.start()]
        joined = len(doses) >= 2 and _AND.search(doc.text, doses[-2].end, doses[-1].start) is not None
        if not joined:
            return []
    return [Cue("cycle", found.start(), found.end(), ())]


_INTERVAL = re.compile(r"\s+days?\b", re.IGNORECASE)
_AND = re.compile(r"\b(?:and|or)\b|&", re.IGNORECASE)
