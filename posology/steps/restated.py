"""Restated amounts and indications, read while the mentions are adjusted (``posology.steps.adjust``).

- an amount that says a dose again (``1 cp le soir (20 mg)``, ``Take 2 teaspoons (10 mL)``, ``25
  mg/kg soit 1 500 mg``, ``4 cp le matin, soit 20 mg``, ``1 cuillère-mesure de 5 ml``, words after
  figures ``60mg (sixty milligrams)``), a day's or a week's total after the doses (``2-0-3 soit
  1250 mg/j``, ``(total 40mg/wk)``), a total to dispense (``Total 700mg (seven hundred …)``) or
  one intake a day said again (``4 caps/j en une seule prise``): an instruction, as written, never
  a second dose;
- contradictions among them, flagged (W023): a total the doses do not make, an amount the count
  and the strength do not make, figures and words that disagree, a per-kilo dose the stated
  weight does not give (neither structured);
- a symptom after ``for`` once the dose has a schedule (``at bedtime for constipation``): the
  indication, an instruction, never an as-needed condition.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from posology.fields.mentions import Mention, instruction_mention
from posology.fields.strengths import STRENGTH_DIMENSIONS
from posology.linking.common_words import is_common
from posology.steps.packs import AMOUNT_DIMENSIONS
from posology.text.normalize import fold
from posology.text.tokenizer import doc_tokens
from posology.units.registry import convert, dimension

if TYPE_CHECKING:
    from posology.analysis import Analysis


def _restated(start: int, end: int, written: str) -> Mention:
    """An amount said again, kept as an instruction, as written (never a second dose)."""
    return instruction_mention(start, end, "orders.restated", written)


def _flag(analysis: Analysis, start: int, end: int, problem: str) -> None:
    """A W023 warning on the caller's text from ``start`` to ``end`` (squeezed offsets)."""
    analysis.issues.append(analysis.value_issue(start, end, problem))


def _scheduled(mention: Mention) -> bool:
    """An event, a clock time or a count per day (an interval in hours, ``every 6 hours for
    pain``, stays as needed: at most that often)."""
    if mention.family == "period":  # "every 72 hours for chronic pain" (a patch): scheduled
        unit = mention.get("period.unit")
        return unit not in ("h", "min") or unit == "h" and (mention.get("period.value") or 0) >= 24
    return mention.family in ("when", "tod")


_CONDITIONS = frozenset(
    "if si when whenever lorsque quand cas prn sos needed required besoin necessary necessaire".split()
)


def _indication(text: str, mention: Mention) -> bool:
    """A symptom after ``for`` read as as-needed: the rule's (``as_needed.for_symptom``), or the
    NER model's when its words are ``for`` / ``pour`` and a symptom with no condition word
    (``for chronic pain``, ``for arthritis pain``; never ``if needed for pain``)."""
    if mention.rule_id == "as_needed.for_symptom":
        return True
    if mention.rule_id != "ner" or mention.family != "as_needed":
        return False
    words = fold(text[mention.start : mention.end]).split()
    return bool(words) and words[0] in ("for", "pour") and not _CONDITIONS.intersection(words)


def scheduled_indications(text: str, mentions: list[Mention]) -> list[Mention]:
    """``Give 2 tablet by mouth at bedtime for constipation``, ``two times a day for sleep``: a
    symptom after ``for`` is as-needed only when its dose has no schedule (``1 cap for pain``,
    ``every 6 hours for pain``); a scheduled dose's ``for`` names why it is given (a MAR's
    indication), kept as an instruction, never a condition that makes a routine dose optional."""
    indications = [_indication(text, m) for m in mentions]  # once per mention (the NER's fold its words)
    if not any(indications) or any(
        m.family == "as_needed" and not indication for m, indication in zip(mentions, indications, strict=True)
    ):
        return mentions
    doses = sorted(m.start for m in mentions if m.family == "dose")
    kept = []
    for mention, indication in zip(mentions, indications, strict=True):
        if indication:
            first = max((start for start in doses if start < mention.start), default=0)
            after = min((start for start in doses if start > mention.start), default=len(text))
            if any(_scheduled(m) and first <= m.start < after for m in mentions):
                written = text[mention.start : mention.end]
                rule_id = "as_needed.indication" if mention.rule_id == "ner" else mention.rule_id  # no W008
                mention = instruction_mention(mention.start, mention.end, rule_id, written)
        kept.append(mention)
    return kept


def _tablets_of_a_mass(text: str, dose: Mention | None, mention: Mention, kept: list[Mention]) -> bool:
    """``Methotrexate 2.5mg tablets  15 mg ONCE a WEEK (6 tablets)``: a count after a mass dose
    whose own strength comes before it (a mass, in the same clause); never ``KARDEGIC 75MG
    (1 sachet)``, where the mass is the strength and the count the dose."""
    if dose is None or dimension(dose.get("dose.unit")) not in ("mass", "iu"):
        return False
    if dimension(mention.get("dose.unit")) != "count":
        return False
    prior = next((m for m in reversed(kept) if m.end <= dose.start and m.family in ("dose", "strength")), None)
    if prior is None or dimension(prior.get(f"{prior.family}.unit")) != "mass":
        return False
    return not any(c in text[prior.end : dose.start] for c in ",;()")


def restated_amounts(text: str, mentions: list[Mention]) -> list[Mention]:
    """``Inhale 1 vial (3 mL)``, ``inject 1 pen (0.75 mg)``, ``Take 1-2 tablets (50-100 mg
    total)``, ``1 cp le soir (20 mg)``: an amount in parentheses after a counted dose, with no
    ``;`` / ``then`` / ``and`` between them, restates it (an EHR's habit); so does a
    weight-based amount after any dose (``200 mg (15 mg/kg)``, a hospital's computed dose). It
    becomes an instruction, as written, never a second dose."""
    kept: list[Mention] = []
    for mention in mentions:
        opening = text.rfind("(", 0, mention.start)
        closing = text.find(")", mention.end)
        wrapped = (
            mention.family == "dose"
            and opening >= 0
            and text[opening + 1 : mention.start].strip() in ("", "=", "soit")  # "(= 5 mg)"
            and closing >= 0
            and text[mention.end : closing].strip().lower() in ("", "total", "au total", "en tout")
        )
        # (never a weight: "poids 78 kg soit 780 mg" restates the dose per kilogram before it)
        dose = next((m for m in reversed(kept) if m.family == "dose" and m.get("dose.unit") != "kg"), None)
        same_clause = dose is not None and not _CLAUSE_BREAK.search(text[dose.end : max(opening, dose.end)])
        counted = dose is not None and dimension(dose.get("dose.unit")) not in AMOUNT_DIMENSIONS
        # "200 mg (15 mg/kg)": the weight-based amount the dose was computed from
        per_body = dose is not None and dimension(mention.get("dose.unit")) == "per_body"
        if wrapped and same_clause and dose is not None and _spoons_in_ml(dose, mention):
            # "Take 2 teaspoons (10 mL)": the measured volume is the dose, the spoons say it again
            measure = "Measure: " + text[dose.start : dose.end]  # labelled: read back as no dose
            spoons = _restated(dose.start, dose.end, measure)
            kept = [m for m in kept if m is not dose] + [spoons, mention]
            continue
        # "Take 10ml (TWO 5ml spoonfuls)": the spoons a volume is measured with (a UK label)
        measured = (
            mention.family == "dose"
            and opening >= 0
            and closing >= 0
            and _SPOONS.fullmatch(text[opening + 1 : closing]) is not None
            and dose is not None
            and dose.get("dose.unit") == "mL"
        )
        # "give 7.5 mL (45 mg)": the mass a measured volume holds (the volume is what is given)
        content = dose is not None and dimension(dose.get("dose.unit")) == "volume"
        content = content and dimension(mention.get("dose.unit")) in ("mass", "iu")
        # "soixante-quinze milligrammes par jour (75 mg)": the same amount in figures; "Total 700mg
        # (seven hundred milligrams)": the quantity to dispense in words
        same = dose is not None and (dose.get("dose.low"), dose.get("dose.unit")) == (
            mention.get("dose.low"),
            mention.get("dose.unit"),
        )
        dispensed = bool(kept) and kept[-1].rule_id in _DISPENSED
        gap = text[kept[-1].end : mention.start].strip(" ,") if dispensed else None
        in_words = not any(c.isdigit() for c in text[mention.start : mention.end])  # ", seven hundred milligrams"
        after_dispensed = gap in ("(", "=", "(=") or (gap == "" and in_words)
        if mention.family == "dose" and after_dispensed:
            start, end = mention.start, mention.end
            if text[kept[-1].end : start].strip(" ,").startswith("(") and text[end : end + 1] == ")":
                start, end = text.rindex("(", 0, start), end + 1  # "(seven hundred milligrams)"
            kept.append(_restated(start, end, text[start:end]))
            continue
        # "… 15 mg ONCE a WEEK (6 tablets)": the tablets a mass dose is taken as
        tablets = _tablets_of_a_mass(text, dose, mention, kept)
        if (wrapped and same_clause and (counted or per_body or content or same or tablets)) or (
            measured and same_clause
        ):
            written = text[opening : closing + 1]
            kept.append(_restated(opening, closing + 1, written))
            continue
        # "10 mg/kg/24h IV – poids 78 kg soit 780 mg": the computed amount after the route, the weight
        computed = (
            mention.family == "dose"
            and dose is not None
            and dimension(dose.get("dose.unit")) == "per_body"
            and dimension(mention.get("dose.unit")) in ("mass", "iu")
            and _RESTATED_END.search(text, dose.end, mention.start) is not None
            and not _CLAUSE_BREAK.search(text[dose.end : mention.start])
        )
        restating = (
            mention.family == "dose" and dose is not None and _RESTATING.fullmatch(text[dose.end : mention.start])
        )
        if dose is not None and (restating or computed):
            # "25 mg/kg soit 1 500 mg": the computed amount is the dose; "1 cp soit 20 mg": the count is
            first, second = (mention, dose) if dimension(dose.get("dose.unit")) == "per_body" else (dose, mention)
            written = text[dose.start : mention.end] if first is mention else text[dose.end : mention.end].strip()
            if not restating:
                # other clauses between (the route, the weight): the dose per kilogram and what it makes
                written = f"{text[dose.start : dose.end]} soit {text[mention.start : mention.end]}"
            kept = [m for m in kept if m is not dose] + [first]
            kept.append(_restated(second.start, second.end, written))
            continue
        if mention.family == "dose" and dose is not None and _EQUALS_BEFORE.search(text, 0, mention.start):
            # "650 mg par voie orale toutes les 6 heures, = 2 TAB" (a pick list's "Dose: 650 mg = 2 TAB"
            # rendered, the other clauses between): "=" always restates the item's dose
            if ";" not in text[dose.end : mention.start]:
                start = text.rindex("=", 0, mention.start)
                kept.append(_restated(start, mention.end, text[start : mention.end]))
                continue
        kept.append(mention)
    return sorted(kept, key=lambda m: m.start)


_EQUALS_BEFORE = re.compile(r",\s*=\s*$")


def spoon_sizes(text: str, mentions: list[Mention]) -> list[Mention]:
    """``1 cuillère-mesure de 5 ml``, ``1 measuring spoon of 5 ml``: the spoon's size says the
    dose again, never a second dose of 5 ml (dropped: a spoon is that size by definition)."""
    kept: list[Mention] = []
    for mention in mentions:
        spoon = kept[-1] if kept else None
        if (
            spoon is not None
            and spoon.family == "dose"
            and spoon.get("dose.unit") in ("spoonful", "teaspoon", "tablespoon")
            and mention.family == "dose"
            and mention.get("dose.unit") == "mL"
            and _SPOON_OF.fullmatch(text[spoon.end : mention.start])
        ):
            continue  # its words are read (covered): the spoon is that size, nothing to say again
        if (  # "1 dose de 5 ml": the volume is the one dose
            spoon is not None
            and spoon.rule_id == "dose.dose_word"
            and spoon.get("dose.low") == 1
            and mention.family == "dose"
            and dimension(mention.get("dose.unit")) == "volume"
            and _SPOON_OF.fullmatch(text[spoon.end : mention.start])
        ):
            kept.pop()
        kept.append(mention)
    return kept


_DISPENSED = frozenset({"dispense.total_amount", "dispense.quantity"})
_SPOON_OF = re.compile(r"\s+(?:de|of)\s+", re.IGNORECASE)


_SPOONS = re.compile(r"\s*(?:\d|one|two|three|four|half|a)\w*\s+5\s*ml\s+spoon(?:ful)?s?\s*", re.IGNORECASE)


def _spoons_in_ml(dose: Mention, mention: Mention) -> bool:
    return dose.get("dose.unit") in ("teaspoon", "tablespoon") and mention.get("dose.unit") == "mL"


def restated_daily_totals(analysis: Analysis, mentions: list[Mention]) -> list[Mention]:
    """``DEPAKOTE 250 mg 2-0-3 soit 1250 mg/j``: a day's total restated after the doses (``soit``,
    ``i.e.``, ``=``) says them again; it is an instruction, as written, never a third dose. When
    the slots and the strength give another total (``100 mg 1-0-2 soit 400 mg/j``), it is flagged
    (W023): which one did the prescriber mean?"""
    text = analysis.clean
    mentions = _count_at_period(mentions)
    kept: list[Mention] = []
    skip: set[int] = set()
    for index, mention in enumerate(mentions):
        if id(mention) in skip:
            continue
        before = next((m for m in reversed(kept) if m.family in ("slot", "dose")), None)
        per = [
            m
            for m in mentions[index + 1 : index + 3]
            if m.family in ("period", "freq") and m.start - mention.end <= 1 and m.get("period.unit", "d") == "d"
        ]
        gap = text[kept[-1].end : mention.start] if kept else ""
        # "(deux gélules par jour)" after "une gélule matin et soir": a count per day in brackets says it again
        bracketed = (
            bool(per) and _OPENING.fullmatch(gap) is not None and text[max(m.end for m in per) :].lstrip()[:1] == ")"
        )
        if (
            mention.family != "dose"
            or before is None
            or not per
            or (dimension(mention.get("dose.unit")) not in STRENGTH_DIMENSIONS and not bracketed)
            or not (_RESTATING.fullmatch(gap) or bracketed)  # "2-0-3 soit", "2 le soir, soit", "(2 cp/j)"
        ):
            kept.append(mention)
            continue
        end = max(m.end for m in per)
        if bracketed:  # "(deux gélules par jour)": its closing parenthesis too
            end = text.index(")", end) + 1
        skip.update(id(m) for m in mentions if m.family in ("period", "freq") and any(m.start == p.start for p in per))
        written = text[kept[-1].end : end].strip(" ,")  # with its "soit": read back, it says the same again
        if written.startswith("(") and not written.endswith(")"):  # "(soit 20 mg/j": its closing bracket unread
            written = written[1:].lstrip()
        kept.append(_restated(mention.start, end, written))
        strength = next((m for m in kept if m.family == "dose" and m.end <= before.start), None)
        total = _daily_total(before, strength, mention, kept)
        if total is not None and total != mention.get("dose.low"):
            _flag(analysis, mention.start, end, f"a total per day ({written}) that the doses do not make ({total:g})")
    return kept


def _count_at_period(mentions: list[Mention]) -> list[Mention]:
    """``(total 300mg/day)`` (``dispense.total_per_day``): its count of one, set by the rule,
    placed on its period (``/day``), after its amount, as ``2 cp/j`` reads."""
    period = {m.group: m for m in mentions if m.rule_id == "dispense.total_per_day" and m.family == "period"}
    if not period:
        return mentions
    moved = [
        replace(m, start=period[m.group].start, end=period[m.group].end)
        if m.rule_id == "dispense.total_per_day" and m.family == "freq" and m.group in period
        else m
        for m in mentions
    ]
    return sorted(moved, key=lambda m: m.start)


def _daily_total(before: Mention, strength: Mention | None, total: Mention, kept: list[Mention]) -> float | None:
    """What the doses before a restated total make in a day, in its unit (None: not computable):
    the slots' sum, or a counted dose at each moment said (``1 cp matin et soir, soit 600 mg par
    jour``), times the strength."""
    if before.family == "dose" and before.get("dose.unit") == total.get("dose.unit"):
        return _amounts_per_day(total, kept)
    if strength is None or strength.get("dose.unit") != total.get("dose.unit"):
        return None
    if before.family == "slot":
        return sum(before.all("slot")) * strength.get("dose.low")
    moments = {code for m in kept if m.family == "when" and m.start > before.start for code in m.all("when")}
    counted = before.family == "dose" and dimension(before.get("dose.unit")) not in AMOUNT_DIMENSIONS
    doses = [m for m in kept if m.family == "dose" and m.start > strength.start and m.start < total.start]
    if counted and moments and before.get("dose.high") is None and doses == [before]:
        return (before.get("dose.low") + (before.get("dose.plus") or 0)) * len(moments) * strength.get("dose.low")
    return None


def _amounts_per_day(total: Mention, kept: list[Mention]) -> float | None:
    """``Clozapine 125mg mane + 150mg nocte (total 300mg/day)``: amounts in the total's unit,
    each at its moments of the day, since the clause began (None: one without a moment, or
    another count or period said)."""
    doses: list[Mention] = []
    for dose in reversed([m for m in kept if m.family == "dose" and m.start < total.start]):
        if dose.get("dose.unit") != total.get("dose.unit"):
            break  # the clause's amounts are the last ones in the total's unit
        doses.insert(0, dose)
    if not doses or any(
        m.family in ("freq", "period", "slot") and doses[0].start < m.start < total.start for m in kept
    ):
        return None
    amount = 0.0
    for dose, after in zip(doses, [*(d.start for d in doses[1:]), total.start], strict=True):
        moments = {code for m in kept if m.family == "when" and dose.end <= m.start < after for code in m.all("when")}
        if not moments or dose.get("dose.high") is not None:
            return None
        amount += dose.get("dose.low") * len(moments)
    return amount


def restated_weekly_totals(text: str, mentions: list[Mention]) -> list[Mention]:
    """``… 5 mg all other days (total 40mg/wk)``, ``(soit 25 mg/semaine)``, ``= 30 mg per week``:
    a calendar's weekly total after its days says the doses again; an instruction, as written,
    never a dose once a week."""
    if not any(m.family == "dow" for m in mentions):
        return mentions
    ordered = sorted(mentions, key=lambda m: m.start)
    for index, week in enumerate(ordered):
        if week.family != "period" or week.get("period.unit") != "wk" or week.get("period.value", 1) != 1:
            continue
        before = [m for m in ordered[:index] if m.start < week.start]  # (its freq shares its start)
        if len(before) < 2:
            continue
        total = before[-1]
        gap = text[before[-2].end : total.start]
        said = _WEEK_TOTAL.fullmatch(gap) is not None
        if total.rule_id == "dispense.total_amount":  # "…, total 40mg/wk": the total's own word opens it
            said = said or gap.strip(" ,(") == ""
        if (
            (total.family not in ("dose", "count") and total.rule_id != "dispense.total_amount")
            or not said
            or not any(m.family == "dow" and m.end <= total.start for m in ordered)
            or not _UNIT_ONLY.fullmatch(text[total.end : week.start])
        ):
            continue
        own = [m for m in ordered if m.group == week.group and m.family in ("period", "freq") and m.start == week.start]
        note = _restated(total.start, week.end, text[total.start : week.end])
        kept = [m for m in mentions if m is not total and m not in own]
        return sorted([*kept, note], key=lambda m: m.start)
    return mentions


_WEEK_TOTAL = re.compile(r"\s*(?:,\s*)?(?:\(\s*(?:total|soit|i\.?e\.?|=)?|total|soit|=|i\.e\.)\s*", re.IGNORECASE)
_UNIT_ONLY = re.compile(r"\s*(?:[a-zµ]{1,4}\.?)?\s*", re.IGNORECASE)


def weight_checks(analysis: Analysis, mentions: list[Mention]) -> list[Mention]:
    """``Wt 12kg. Paracetamol 15mg/kg = 360mg``, ``10 mg/kg/prise soit 300 mg … Poids : 12 kg``: a
    dose per kilogram restated as an amount the stated weight does not give (15 × 12 = 180 mg,
    not 360 mg) is contradictory: neither is structured as the dose, the line is flagged (W023,
    CONVENTIONS §8: structure what is safe)."""
    text = analysis.clean
    weights = [_WEIGHT.search(m.get("instruction") or "") for m in mentions if m.rule_id == "orders.not_a_dose"]
    weight = next((float(w.group(1).replace(",", ".")) for w in weights if w), None)
    if weight is None:
        return mentions
    kept = list(mentions)
    for note in (m for m in mentions if m.rule_id == "orders.restated"):
        per_kg = _PER_KG.match(note.get("instruction") or "")
        amount = next((m for m in kept if m.family == "dose" and m.start > note.start), None)
        if per_kg is None or amount is None or text[note.end : amount.start].strip(" =:") not in ("", "soit", "i.e."):
            continue
        unit = _MASS_KEYS.get(per_kg.group(2).lower())
        if unit is None or dimension(amount.get("dose.unit")) != "mass":
            continue
        expected = convert(float(per_kg.group(1).replace(",", ".")) * weight, unit, amount.get("dose.unit"))
        if abs(expected - amount.get("dose.low")) <= 0.1 * expected:
            continue
        written = text[note.start : amount.end]
        kept = [m for m in kept if m is not amount and m is not note] + [_restated(note.start, amount.end, written)]
        given = f"{expected:g} {amount.get('dose.unit')}"
        problem = f"a dose per kilogram that the stated weight ({weight:g} kg) does not give ({given})"
        _flag(analysis, note.start, amount.end, problem)
    return sorted(kept, key=lambda m: m.start)


def restated_counts(analysis: Analysis, mentions: list[Mention]) -> list[Mention]:
    """``Cortancyl 5 mg : 4 cp le matin, soit 20 mg``: the amount a counted dose and its moment
    make, said again after ``soit`` / ``=`` (an instruction, never a second dose); flagged (W023)
    when the count and the strength make another amount (``8 cp … soit 20 mg``)."""
    text, kept = analysis.clean, list(mentions)
    doses = [m for m in mentions if m.family == "dose"]
    for strength, count, amount in zip(doses, doses[1:], doses[2:], strict=False):
        between = [m for m in mentions if count.end <= m.start < amount.start]
        gap = text[max([count.end, *(m.end for m in between)]) : amount.start]
        if (
            not between
            or any(m.family not in ("when", "tod") for m in between)
            or not _RESTATING.fullmatch(gap)
            or dimension(count.get("dose.unit")) in AMOUNT_DIMENSIONS
            or dimension(strength.get("dose.unit")) != "mass"
            or dimension(amount.get("dose.unit")) != "mass"
            or any(m.family in ("period", "freq") and 0 <= m.start - amount.end <= 1 for m in mentions)
        ):
            continue  # ("soit 600 mg par jour": a day's total, restated_daily_totals)
        kept = [m for m in kept if m is not amount] + [
            _restated(amount.start, amount.end, gap.strip() + " " + text[amount.start : amount.end])
        ]
        made = convert(
            count.get("dose.low") * strength.get("dose.low"), strength.get("dose.unit"), amount.get("dose.unit")
        )
        if abs(made - amount.get("dose.low")) > 0.01 * made:
            problem = f"an amount ({text[amount.start : amount.end]}) that the count and the strength do not make"
            _flag(analysis, count.start, amount.end, f"{problem} ({made:g})")
    return sorted(kept, key=lambda m: m.start)


def dispensed_totals(text: str, mentions: list[Mention]) -> list[Mention]:
    """``un patch tous les trois jours pendant vingt-huit jours, soit dix patchs``: after a course's
    length, ``soit N`` units restates what the course takes (a secure prescription's total, in
    letters): an instruction, never a count of doses. ``1 tab BD, total 6 tabs`` (no length) stays
    the count, and so does ``x 14 days (total 28 tabs)`` (English writers count it)."""
    course_end = min((m.end for m in mentions if m.family == "bounds"), default=None)
    if course_end is None:
        return mentions
    return [
        _restated(m.start, m.end, text[m.start : m.end])
        if m.rule_id == "count.total_before"
        and course_end <= m.start
        and text[m.start : m.end].lower().startswith("soit")
        else m
        for m in mentions
    ]


def words_and_figures(analysis: Analysis, mentions: list[Mention]) -> list[Mention]:
    """``40mg (forty-five milligrams)``: a controlled-drug dose in figures and in words that
    disagree; neither is structured, the line is flagged (W023, CONVENTIONS §8). (When they agree
    the words restate the figures: ``restated_amounts``.)"""
    text, kept = analysis.clean, list(mentions)
    doses = [m for m in mentions if m.family == "dose"]
    for figures, words in zip(doses, doses[1:], strict=False):
        between = text[figures.end : words.start].strip()
        if between != "(" or any(c.isdigit() for c in text[words.start : words.end]):
            continue
        if figures.get("dose.unit") != words.get("dose.unit") or figures.get("dose.low") == words.get("dose.low"):
            continue
        end = text.find(")", words.end)
        end = end + 1 if end >= 0 else words.end
        kept = [m for m in kept if m is not figures and m is not words]
        kept.append(_restated(figures.start, end, text[figures.start : end]))
        _flag(analysis, figures.start, end, "a dose in figures and in words that disagree")
    return sorted(kept, key=lambda m: m.start)


_MASS_KEYS = {"mg": "mg", "g": "g", "µg": "ug", "mcg": "ug", "ug": "ug"}
_WEIGHT = re.compile(r"(?:poids|wt|weight|pds)\W*(\d+(?:[.,]\d+)?)\s*kg", re.IGNORECASE)
_PER_KG = re.compile(r"(\d+(?:[.,]\d+)?)\s*(mg|g|µg|mcg|ug)\s*/\s*kg\b(?!\s*/\s*(?:j|d|jour|day))", re.IGNORECASE)


_TOTAL_WORDS = r"(?:total(?:\s+daily)?(?:\s+dose)?|dose\s+totale)"
_OPENING = re.compile(r"\s*,?\s*\(\s*(?:" + _TOTAL_WORDS + r"\s*:?\s*)?", re.IGNORECASE)
_RESTATING_WORDS = r"soit|i\.?e\.?|c'est-à-dire|that is"  # what says a dose again in other terms (or "=")
_RESTATED_END = re.compile(r"\b(?:" + _RESTATING_WORDS + r")\s*$|=\s*$", re.IGNORECASE)  # … then the amount
_RESTATING = re.compile(
    r"\s*(?:,\s*)?(?:\(\s*)?(?:" + _RESTATING_WORDS + "|=|" + _TOTAL_WORDS + r"\s*:?)\s*", re.IGNORECASE
)


# "en une (seule) prise", "in one (single) intake": one intake ("en prise unique" is a renderer's count of one)
_ONE_INTAKE_SAID = re.compile(
    r"en\s+(?:une|1)\s+(?:seule\s+)?prise|in\s+(?:one|a|1)\s+(?:single\s+)?intake", re.IGNORECASE
)


def _once_a_day(mention: Mention, kept: list[Mention]) -> bool:
    """A frequency of once a day (its match's freq and period)."""
    own = [m for m in kept if m.group == mention.group and m.family in ("freq", "period")]
    return all(
        m.get("freq.n", 1) == 1 and m.get("period.unit", "d") == "d" and m.get("period.value", 1) == 1 for m in own
    )


_CLAUSE_BREAK = re.compile(r";|\b(?:puis|then|et|and)\b", re.IGNORECASE)  # a new dose may follow these


def intakes_not_counts(text: str, mentions: list[Mention]) -> list[Mention]:
    """``4 caps/j en une seule prise``, ``4 capsules en une seule prise quotidienne``: one intake a
    day (the per-day dose taken at once), never a single dose for the whole course; ``2000 mg
    matin et soir (soit 4 cp)``: the count restates a dose, never a total of 4 doses. Both become
    instructions, as written."""
    kept: list[Mention] = []
    for index, mention in enumerate(mentions):
        written = text[mention.start : mention.end]
        # a dose per day ("4 caps/j"), then the words right after it (a renderer's "1 fois par jour, en
        # prise unique" is a count of 1: its frequency is no dose per day)
        per_day = bool(kept) and kept[-1].rule_id == "period.per" and kept[-1].get("period.unit", "d") == "d"
        glued = per_day and not text[kept[-1].end : mention.start].strip()
        # "3 comprimés 1 fois par jour, en une seule prise" (a rendering of the same): once a day, said again
        # (the renderer's own count of one, "1 fois par jour, en prise unique", stays a count)
        # (the rate may come before the phase's duration or meal: "… 1 fois par jour pendant 3 jours, en …")
        dose_at = max((i for i, m in enumerate(kept) if m.family in ("dose", "slot")), default=-1)
        rate = next((m for m in reversed(kept[dose_at + 1 :]) if m.family in ("freq", "period")), None)
        once = rate is not None and _once_a_day(rate, kept) and _ONE_INTAKE_SAID.match(written) is not None
        glued = glued or (once and text[kept[-1].end : mention.start].strip() in ("", ","))
        # "4 capsules en une seule prise quotidienne": the day's intake, its frequency right after it
        after = mentions[index + 1] if index + 1 < len(mentions) else None
        daily = after is not None and after.family in ("freq", "period") and _once_a_day(after, mentions)
        daily = daily and _ONE_INTAKE_SAID.match(written) is not None  # ("single dose OD x 3 days": which one?)
        glued = glued or (daily and after is not None and not text[mention.end : after.start].strip())
        once_a_day = mention.rule_id == "count.single_dose" and glued
        restating = mention.rule_id == "count.total_before" and written.lower().startswith("soit")
        restating = restating and text[: mention.start].rstrip().endswith("(")
        if once_a_day or restating:
            mention = _restated(mention.start, mention.end, written)
        kept.append(mention)
    return kept


_REASON_RULES = frozenset({"as_needed.reason", "as_needed.needed_for_reason"})


def reason_before_a_name(analysis: Analysis, mentions: list[Mention]) -> list[Mention]:
    """``DOLIPRANE 1000mg 1 cp 3x/j si douleur SPASFON 80mg 2cp …`` (two drugs run together, the line
    break lost by OCR): a word in capitals after a lower-case reason, right before a number, names
    the next drug; the reason ends before it (its words are given back to the name finder)."""
    text, kept = analysis.clean, []
    for mention in mentions:
        if mention.rule_id not in _REASON_RULES or not _NUMBER_NEXT.match(text, mention.end):
            kept.append(mention)
            continue
        words = [(w.start(), w.group()) for w in re.finditer(r"\S+", text[mention.start : mention.end])]
        cut = next(
            (
                at
                for index, (at, word) in enumerate(words[1:], 1)
                if word.isupper()
                and word.isalpha()
                and len(word) >= 3
                and not words[index - 1][1].isupper()
                and not is_common(word)  # "si douleur INTENSE": a word of the language, the reason's
            ),
            None,
        )
        first = next((str(value) for key, value in mention.items if key == "as_needed.reason"), None)
        # "as needed for RBS more than 250": a word in capitals that starts the reason is the reason's own
        if cut is None or (first and text.startswith(first, mention.start + cut)):
            kept.append(mention)
            continue
        end = mention.start + cut
        analysis.covered.difference_update(t.i for t in doc_tokens(analysis.doc) if end <= t.idx < mention.end)
        items = tuple(
            i for i in mention.items if i[0] != "as_needed.reason" or text.find(str(i[1]), mention.start) < end
        )
        kept.append(replace(mention, end=len(text[:end].rstrip()), items=items))
    return kept


_NUMBER_NEXT = re.compile(r"\s*\d")
