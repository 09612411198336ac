"""Step 3, adjust the mentions: order cues, impossible clock times, ``OD`` on an eye-drop line.

Reads ``doc``, ``cues``, ``mentions``; writes ``mentions`` (rewritten by the cues: excepted
days, conditions, daily totals, titration clauses — ``posology.fields.orders``; packs and
presentations — ``posology.steps.packs``), the issues of an ambiguous ``OD`` and
``value_issues`` (clock times no day holds: ``à 26h``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from posology.dosage import Issue
from posology.errors import Warnings
from posology.fields.actuations import device_doses
from posology.fields.mentions import Mention, instruction_mention
from posology.fields.orders import rewrite_mentions
from posology.fields.plausibility import (
    alternative_routes,
    figures_side_by_side,
    impossible_clock_times,
    listed_course_days,
    value_issue,
)
from posology.fields.sites import behind_the_ear, inhaler_opener, mouth_area
from posology.fields.strengths import STRENGTH_DIMENSIONS
from posology.matching.lexicon import token_value
from posology.rendering.lang import evident_lang
from posology.steps.changes import former_doses
from posology.steps.columns import empty_moments
from posology.steps.course_days import (
    course_before_a_procedure,
    course_before_a_visit,
    late_day_ranges,
    minutes_beside_a_course,
    procedure_end,
)
from posology.steps.equivalences import conversion_notes
from posology.steps.generic_units import generic_units
from posology.steps.indications import named_indications
from posology.steps.meal_names import old_meal_names
from posology.steps.misread_times import misread_times
from posology.steps.noted import noted_readings
from posology.steps.packs import AMOUNT_DIMENSIONS, pack_quantities
from posology.steps.patch_removal import removal_conditions
from posology.steps.rates import driver_rates
from posology.steps.restated import (
    dispensed_totals,
    intakes_not_counts,
    reason_before_a_name,
    restated_amounts,
    restated_counts,
    restated_daily_totals,
    restated_weekly_totals,
    scheduled_indications,
    spoon_sizes,
    weight_checks,
    words_and_figures,
)
from posology.steps.sig import bottle_before_sig
from posology.steps.times_notation import one_times_a_dose, times_after_a_frequency
from posology.text.readings import AMBIGUOUS_COMMA
from posology.text.tokenizer import doc_tokens
from posology.units.registry import convert, dimension

if TYPE_CHECKING:
    from posology.analysis import Analysis
    from posology.engine import Engine

_EYE_UNITS = {"drop"}


def step(engine: Engine, analysis: Analysis) -> None:
    mentions = rewrite_mentions(analysis.doc, analysis.mentions, analysis.cues)
    mentions = lone_once(analysis, mentions)
    # their words are read: as written (W022 for "unheld"), advice and follow-up tests as instructions
    for note in (
        m
        for m in mentions
        if m.rule_id in ("orders.unheld", "orders.advice", "orders.other_days", "orders.not_other_days")
    ):
        analysis.cover(note.start, note.end)
    # mention offsets are the squeezed text's (``clean``): read them there, never in the caller's
    mentions = former_doses(analysis, mentions)
    mentions = per_body_intervals(mentions)
    mentions = slot_legends(analysis.clean, mentions)
    mentions = word_after_a_column_dash(analysis, mentions)
    mentions = [_woken(analysis.clean, m) for m in mentions]
    mentions = [m for m in mentions if not (m.family == "route" and _PER_UNIT.search(analysis.clean, 0, m.start))]
    mentions = [m for m in mentions if not (m.family == "route" and _released(analysis.clean, m))]
    # "1 patch derrière l'oreille", "behind the ear": where a patch is stuck, never the ear's route
    mentions = [
        m
        for m in mentions
        if not (
            m.family == "route"
            and (
                behind_the_ear(analysis.clean, m.start)
                or inhaler_opener(analysis.clean, m.start, m.end)
                or mouth_area(analysis.clean, m.start, m.end, m.get("route"))
            )
        )
    ]
    mentions, empty = empty_moments(analysis.clean, mentions)  # "matin : - | midi : 1 comprimé"
    for start, end in empty:
        analysis.cover(start, end)
    mentions = conversion_notes(analysis.clean, mentions)  # "(1 goutte = 0,5 mg)"
    mentions = restated_amounts(analysis.clean, spoon_sizes(analysis.clean, words_and_figures(analysis, mentions)))
    mentions = dispensed_totals(analysis.clean, restated_counts(analysis, mentions))
    mentions = points_in_time(analysis.clean, named_loading_doses(analysis.clean, mentions))
    mentions = restated_daily_totals(analysis, mentions)
    mentions = restated_weekly_totals(analysis.clean, mentions)
    for note in (m for m in mentions if m.rule_id in ("orders.restated", "orders.at_week")):  # "(total 40mg/wk)", "ago"
        analysis.cover(note.start, note.end)
    mentions = intakes_not_counts(analysis.clean, mentions)
    mentions = strength_of_a_unit(analysis.clean, doses_per_hours(analysis.clean, mentions))
    mentions = pack_quantities(analysis.clean, mentions, analysis.offsets.wide_gap)
    mentions = device_doses(analysis.clean, mentions)
    mentions = unit_ranges(analysis.clean, generic_units(analysis.clean, mentions))
    mentions = frequency_ranges(analysis.clean, mentions)
    mentions = misread_times(analysis, not_doses(analysis, mentions))
    mentions = weight_checks(analysis, mentions)
    mentions = times_after_a_frequency(analysis.clean, one_times_a_dose(analysis.clean, mentions))
    mentions = reason_before_a_name(analysis, scheduled_indications(analysis.clean, mentions))
    mentions = removal_conditions(analysis.clean, named_indications(analysis, mentions))
    mentions, analysis.value_issues = impossible_clock_times(mentions, analysis.text, analysis.offsets.span)
    mentions, either = alternative_routes(mentions, analysis.clean, analysis.text, analysis.offsets.span)
    analysis.issues.extend(either)
    mentions = old_meal_names(minutes_beside_a_course(mentions, analysis.clean), analysis.clean)
    mentions = bottle_before_sig(mentions, analysis.clean)
    mentions, listed = listed_course_days(mentions, analysis.text, analysis.offsets.span)
    analysis.issues.extend(listed)
    if "." in analysis.clean:
        mentions = leading_decimals(analysis, mentions)
    analysis.mentions, issues = resolve_eye_od(analysis, mentions)
    analysis.issues.extend(issues)
    if "," in analysis.text:
        analysis.issues.extend(_unsaid_decimal_commas(analysis.text))
    analysis.issues.extend(figures_side_by_side(analysis.text))
    analysis.issues.extend(late_day_ranges(analysis.text, analysis.offsets.span, analysis.mentions))
    analysis.issues.extend(driver_rates(analysis.text, analysis.clean, analysis.offsets.span, analysis.mentions))
    analysis.issues.extend(noted_readings(analysis.text, analysis.clean, analysis.offsets.span, analysis.mentions))


_VALUE_FIELDS = ("dose.low", "strength.value")


def doses_per_hours(text: str, mentions: list[Mention]) -> list[Mention]:
    """``Tazocilline 4g/8h IVL``, ``Ceftriaxone 2 g/24h IV``: an amount per a number of hours on a
    line with no patch is a dose and its interval (a ward's shorthand), never a release rate; a
    patch's ``21 mg/24 h`` stays its strength."""
    if _PATCH.search(text) or any(m.family == "dose" and m.get("dose.unit") == "patch" for m in mentions):
        return mentions
    kept: list[Mention] = []
    for mention in mentions:
        if mention.rule_id == "strength.per_hours" and dimension(mention.get("strength.unit")) in ("mass", "iu"):
            start, end, group = mention.start, mention.end, mention.group
            amount = (("dose.low", mention.get("strength.value")), ("dose.unit", mention.get("strength.unit")))
            interval = (("period.value", mention.get("strength.per.value")), ("period.unit", "h"))
            kept += [
                Mention("dose", start, end, "dose.per_hours", amount, group),
                Mention("period", start, end, "dose.per_hours", interval, group),
                Mention("freq", start, end, "dose.per_hours", (("freq.n", 1),), group),
            ]
            continue
        kept.append(mention)
    return kept


_PATCH = re.compile(r"patch|dispositif|transderm|\btts\b|timbre|film", re.IGNORECASE)


def named_loading_doses(text: str, mentions: list[Mention]) -> list[Mention]:
    """``2 injections SC le 1er jour (dose de charge)``: the loading dose named in brackets after
    a dose whose count is said already; an instruction (with its brackets), never a second count."""
    kept = []
    for mention in mentions:
        if mention.rule_id == "count.loading_dose" and text[: mention.start].rstrip().endswith("("):
            closing = text.find(")", mention.end)
            start, end = text.rindex("(", 0, mention.start), closing + 1 if closing >= 0 else mention.end
            mention = instruction_mention(start, end, "orders.loading_named", text[start:end])
        kept.append(mention)
    return kept


def points_in_time(text: str, mentions: list[Mention]) -> list[Mention]:
    """``Anti-D 1500 IU IM at 28 weeks``, ``à 28 semaines``, ``increased 2/52 ago``: a point in
    time (a pregnancy's week, a change's date), never a course; an instruction, as written."""
    kept = []
    for mention in mentions:
        at = _AT_END.search(text, 0, mention.start) if mention.family == "bounds" else None
        ago = _AGO.match(text, mention.end) if mention.family == "bounds" else None
        if (at is not None and mention.get("bounds.unit") == "wk") or ago is not None:
            # "at 28 weeks", "increased 2/52 ago": read back, a point in time again
            start = at.start() if at is not None else mention.start
            end = ago.end() if ago is not None else mention.end
            mention = instruction_mention(start, end, "orders.at_week", text[start:end])
        kept.append(mention)
    return kept


_AGO = re.compile(r"\s+ago\b", re.IGNORECASE)


_AT_END = re.compile(r"\b(?:at|à|a)\s+$", re.IGNORECASE)


def leading_decimals(analysis: Analysis, mentions: list[Mention]) -> list[Mention]:
    """``Clonazepam .5mg``: a number with a leading decimal point (a dot after a space, glued to
    digits) is 0.5, never 5 (a tenfold dose); read so and flagged (W023), as ISMP advises
    against the form."""
    clean, kept = analysis.clean, []
    for m in mentions:
        start = m.start
        naked = (
            m.family in ("dose", "strength")
            and start >= 1
            and clean[start - 1] == "."
            and (start < 2 or clean[start - 2] in " \t(,;:")
            and clean[start : start + 1].isdigit()
        )
        digits = re.match(r"\d+", clean[start:]) if naked else None
        field = next((f for f, _ in m.items if f in _VALUE_FIELDS), None)
        if digits is None or field is None:
            kept.append(m)
            continue
        value = float("0." + digits.group())
        items = tuple((f, value) if f == field and i == 0 else (f, v) for i, (f, v) in enumerate(m.items))
        kept.append(Mention(m.family, start - 1, m.end, m.rule_id, items, m.group))
        analysis.covered.update(t.i for t in doc_tokens(analysis.doc) if t.idx == start - 1)
        problem = (
            f"a leading decimal point, read as {value:g} (write 0{clean[start - 1 : start + len(digits.group())]})"
        )
        analysis.issues.append(analysis.value_issue(start - 1, m.end, problem))
    return kept


_COMMA_NUMBER = re.compile(r"(?<![\w,.])" + AMBIGUOUS_COMMA.pattern + r"(?![\w,])")


def _unsaid_decimal_commas(text: str) -> list[Issue]:
    """``1,500 mg`` on a line no word places in French or English: read as French (1.5, the
    project's first language), and flagged, since in English it is 1500."""
    found = list(_COMMA_NUMBER.finditer(text))
    if not found or evident_lang(text) is not None:
        return []
    problem = "a comma between digits on a line of no evident language: read as a decimal comma"
    return [value_issue(text, m.start(), m.end(), problem) for m in found]


_RANGE_WORDS = frozenset({"-", "–", "to", "à", "a", "ou", "or"})


def unit_ranges(text: str, mentions: list[Mention]) -> list[Mention]:
    """``Take 2.5ml to 5ml``, ``1 tab to 2 tabs``, ``500 mg-1 g``: two quantities joined by a
    range word, each with its unit, are one dose range in the first unit (the second converted:
    500 to 1000 mg), never two Dosages. Units of different kinds (``1 cp - 5 ml``) stay apart."""
    kept: list[Mention] = []
    for mention in mentions:
        previous = kept[-1] if kept else None
        if (
            previous is not None
            and previous.family == mention.family == "dose"
            and previous.get("dose.high") is None
            and mention.get("dose.high") is None
            and text[previous.end : mention.start].strip().lower() in _RANGE_WORDS
        ):
            high = _in_unit(mention.get("dose.low"), mention.get("dose.unit"), previous.get("dose.unit"))
            # an inverted range of amounts ("5mg - 2.5mg") is one too: read low to high and said
            # (plausibility); counts ("2 tabs - 1 tab") may be two moments' doses
            inverted = (
                dimension(previous.get("dose.unit")) != "count" and high is not None and high < previous.get("dose.low")
            )
            if high is not None and (high > previous.get("dose.low") or inverted):
                low, unit = previous.get("dose.low"), previous.get("dose.unit")
                items = (("dose.low", low), ("dose.high", high), ("dose.unit", unit))
                kept[-1] = Mention("dose", previous.start, mention.end, "dose.unit_range", items, previous.group)
                continue
        kept.append(mention)
    return kept


def frequency_ranges(text: str, mentions: list[Mention]) -> list[Mention]:
    """``bid-tid``, ``BD to TDS``, ``od/bd``, ``2-3 x daily`` written as two abbreviations: one frequency
    from the first count to the second, per the same period (2 to 3 a day), never two."""
    freqs = [m for m in mentions if m.family == "freq" and m.rule_id == "freq.abbreviation"]
    if len(freqs) < 2:
        return mentions
    drop: set[int] = set()
    changed: dict[int, Mention] = {}
    for first, second in zip(freqs, freqs[1:], strict=False):
        if text[first.end : second.start].strip().lower() not in ("-", "–", "/", "to", "or", "ou", "à"):
            continue
        one, two = (
            next((m for m in mentions if m.family == "period" and m.group == f.group), None) for f in (first, second)
        )
        low, high = first.get("freq.n"), second.get("freq.n")
        if one is None or two is None or low is None or high is None or high <= low or id(first) in drop:
            continue
        if (one.get("period.value"), one.get("period.unit")) != (two.get("period.value"), two.get("period.unit")):
            continue
        merged = Mention(
            "freq", first.start, second.end, first.rule_id, (("freq.n", low), ("freq.max", high)), first.group
        )
        changed[id(first)] = merged
        drop.update({id(second), id(two)})
    if not changed:
        return mentions
    return [changed.get(id(m), m) for m in mentions if id(m) not in drop]


def _in_unit(value, unit: str | None, target: str | None) -> float | None:
    """``value`` ``unit`` in ``target``, or None when they do not convert (tablets and capsules)."""
    if unit is None or target is None or value is None:
        return None
    if unit == target:
        return value
    if dimension(unit) != dimension(target) or dimension(unit) not in AMOUNT_DIMENSIONS:
        return None
    return round(convert(value, unit, target), 9)


_COMPARATORS = (
    "<",
    ">",
    "≤",
    "≥",
    "<=",
    ">=",
    "supérieur à",
    "supérieure à",
    "inférieur à",
    "inférieure à",
    "above",
    "below",
    "greater than",
    "less than",
)  # not "over" / "under": "over 5 days", "over 30 minutes" are no thresholds
_BODY_WEIGHT_UNITS = frozenset({"kg"})
# a lab result written beside an order ("(K+ 3.1)", "(AKI, creatinine 182)", "INR 2,5"): never a value
_LAB_BEFORE = re.compile(
    r"(?:^|[\s(,;])(?:k\+|na\+|creatinine|créatinine|creat|créat|egfr|e-gfr|gfr|dfg|crcl|clairance|inr"
    r"|hba1c|hb|hémoglobine|hemoglobine|plt|platelets|plaquettes|cbg|bsl|rbs|fbs|ppbs|glycémie|glycemie|kaliémie"
    r"|kaliemie|natrémie|natremie|tsh|crp|spo2|sats|pulse|poids|weight|wt)\s*[:=]?$"
    r"|\((?:na|k|cr|hr|bp|bm)\s*[:=]?$"  # short names only right inside parentheses: "(Na 128)"
)
_DELAY_BEFORE = re.compile(
    r"\s+(?:avant|before|prior to)\s+(?!(?:les?\s+|the\s+|each\s+|chaque\s+)?(?:repas|meals?|food|breakfast|lunch"
    r"|dinner|supper|petit|d[ée]jeuner|d[îi]ner|coucher|bed|sleep|sommeil|le\s+repas))",
    re.IGNORECASE,
)
_STAY = re.compile(
    r"\b(?:remain|stay|leave|keep|wait|sit|laisser|laissez|rester|restez|garder|gardez|attendre)\b[\w\s]{0,16}$", re.I
)
# what a threshold's number may have been read as ("HR < 60" as a supply of 60 h)
_COMPARED_FAMILIES = frozenset({"dose", "strength", "supply", "bounds", "period", "freq", "count"})


def not_doses(analysis: Analysis, mentions: list[Mention]) -> list[Mention]:
    """Amounts that are never a dose, kept as an instruction, as written, their words read:
    a body weight (``(enfant 14 kg)``), a compared lab value (``(DFG < 30 mL/min)``,
    ``if SBP > 160``), a lab result after its name (``(K+ 3.1)``) and a time elapsed (``si pas de
    selles depuis 3 jours``: a condition, never a duration): the words before it inside the
    parentheses go with it."""
    text = analysis.clean
    kept: list[Mention] = []
    for mention in mentions:
        digit = next((k for k in range(mention.start, mention.end) if text[k].isdigit()), mention.start)
        before = text[max(0, digit - 24) : digit].rstrip()  # an NER span may take the words before ("or HR < 60")
        lowered = before.lower()
        compared = lowered.endswith(_COMPARATORS) and mention.family in _COMPARED_FAMILIES
        compared = compared and not lowered.endswith(("->", "=>"))  # "40 mg -> 20 mg": an arrow, no threshold
        weight = mention.family == "dose" and mention.get("dose.unit") in _BODY_WEIGHT_UNITS
        lab = _LAB_BEFORE.search(lowered) if mention.family in _COMPARED_FAMILIES else None
        since = mention.family == "bounds" and lowered.endswith(("depuis", "since"))
        # "remain upright for 30 minutes", "leave for 5 min and wash": how long to stay, no course
        stay = (
            _STAY.search(before) if mention.family == "bounds" and mention.get("bounds.unit") in ("min", "h") else None
        )
        # "suspendre 1 semaine avant le prick-test", "x 5 days before endoscopy": a delay, no course
        delay = (
            mention.family == "bounds"
            and _DELAY_BEFORE.match(text, mention.end) is not None
            and not course_before_a_visit(text, mention)  # "pendant 5 jours avant la consultation"
        )
        if not (compared or weight or lab or since or stay or delay):
            kept.append(mention)
            continue
        opening = text.rfind("(", 0, mention.start)
        closing = text.find(")", mention.end)
        inside = opening >= 0 and closing >= 0 and ")" not in text[opening : mention.start]
        start, end = (opening, closing + 1) if inside else (mention.start, mention.end)
        if compared and not inside:  # "si DFG < 30 mL/min": the comparator with it
            start = max(0, digit - 24) + len(before) - next(len(c) for c in _COMPARATORS if lowered.endswith(c))
        elif since and not inside:  # "depuis 3 jours": the word with it
            start = text.lower().rfind("depuis" if lowered.endswith("depuis") else "since", 0, mention.start)
        elif stay is not None and not inside:  # "remain upright for 30 minutes": the words with it
            start = max(0, digit - 24) + stay.start()
        elif lab is not None and not inside:  # "K+ 3.1": the lab's name with it
            start = max(0, digit - 24) + lab.start()
            closed = text[mention.end - 1] == ")"  # "(Na 128)": the parentheses with it
            start += text[start].isspace() or text[start] in ",;" or (text[start] == "(" and not closed)
        if delay and not inside:  # "arrêt 3 jours avant l'intervention": with the procedure it precedes
            end = procedure_end(text, mention.end) or end
        written = text[start:end]
        kept.append(instruction_mention(start, end, "orders.not_a_dose", written))
        analysis.cover(start, end)
        if delay and course_before_a_procedure(text, mention):
            analysis.issues.append(analysis.value_issue(start, end, _COUNTED_BACK))
    return kept


_COUNTED_BACK = "a course counted back from a procedure whose date the line does not give"
_AFTER_ONCE = frozenset({",", ".", ";", "then", "puis", "as", "prn", "now", "stat", "-", "("})


def lone_once(analysis: Analysis, mentions: list[Mention]) -> list[Mention]:
    """``30 mg, Intravenous, Once``, ``Inject 600 mg under the skin once, then …``, ``take 4
    tablets by mouth once``: ``once`` no rule read, with no period after it (``once a day`` is a
    frequency, read by the rules), is one administration in all (count 1)."""
    if "once" not in analysis.text.lower():
        return mentions
    doc = analysis.doc
    added = []
    for token in doc_tokens(doc):
        if token.norm_ != "once" or token.i in analysis.covered:
            continue
        after = next((t for t in doc[token.i + 1 :] if not t.is_space), None)
        if after is not None and after.norm_ not in _AFTER_ONCE:
            continue
        if any(m.family == "count" for m in mentions):
            break
        added.append(Mention("count", token.idx, token.idx + len(token.text), "orders.once", (("count", 1),)))
        analysis.covered.add(token.i)
        break
    return sorted(mentions + added, key=lambda m: m.start) if added else mentions


# "Glycomet-GP 1 Tablet PR 1-0-1": PR after a tablet's form word is its prolonged release, not rectal
_TABLET_BEFORE = re.compile(
    r"\b(?:tablets?|tabs?|tab\.?|capsules?|caps?)\s*$|^(?:tablets?|tabs?|capsules?|caps?)\s", re.I
)


def _released(text: str, mention: Mention) -> bool:  # "tablets PR", "4mg PR tabs": prolonged release
    return text[mention.start : mention.end] == "PR" and bool(
        _TABLET_BEFORE.search(text, 0, mention.start) or _TABLET_BEFORE.match(text[mention.end :].strip() + " ")
    )


_PER_UNIT = re.compile(r"(?:mcg|µg|ug|mg|micrograms?)/$", re.IGNORECASE)  # "50 mcg/inh": per inhalation
_IF_BEFORE = re.compile(r"(?:\bsi|\bif|\ben cas de|\bin case of)\s*$", re.IGNORECASE)


def _woken(text: str, mention: Mention) -> Mention:
    """``vingt-cinq gouttes la nuit si réveil``, ``1 gélule la nuit si réveil douloureux``: waking
    after ``si`` / ``if`` is the condition of an as-needed dose, never the moment of waking."""
    if mention.family != "when" or mention.all("when") != ["WAKE"]:
        return mention
    written = text[mention.start : mention.end]
    if not (
        _IF_BEFORE.search(text[: mention.start])
        or written.lower().startswith(("si ", "if ", "en cas de ", "in case of "))
    ):  # "si réveil", "en cas de réveil": one alias
        return mention
    reason = text[mention.start : mention.end]
    return Mention(
        "as_needed", mention.start, mention.end, "orders.if_woken", (("as_needed", True), ("as_needed.reason", reason))
    )


_COLUMN_THEN_WORD = re.compile(r"(\S+)\s+-\s+(?=[^\W\d_])")


def word_after_a_column_dash(analysis: Analysis, mentions: list[Mention]) -> list[Mention]:
    """``TAB ALPRAX 0.25 - half tab``: a number, a spaced dash and a number *word* are two
    columns (the strength, then the dose), never a range from 0.25 to half a tablet; the dose is
    the word's, the number is left to the name (a bare strength)."""
    kept: list[Mention] = []
    for m in mentions:
        column = _COLUMN_THEN_WORD.match(analysis.clean, m.start) if m.family == "dose" else None
        if column is None or m.get("dose.high") is None or column.end() >= m.end:
            kept.append(m)
            continue
        items = (("dose.low", m.get("dose.high")), ("dose.unit", m.get("dose.unit")))
        kept.append(Mention("dose", column.end(), m.end, m.rule_id, items, m.group))
        analysis.covered.difference_update(t.i for t in doc_tokens(analysis.doc) if m.start <= t.idx < column.end(1))
    return kept


_LEGEND = re.compile(r"\s*\(([^()]*)\)")
_LEGEND_MOMENTS = frozenset({"WAKE", "MORN", "NOON", "AFT", "EVE", "NIGHT", "HS"})


def slot_legends(text: str, mentions: list[Mention]) -> list[Mention]:
    """``1-0-0 (Morning-Afternoon-Night)``: the moments in parentheses right after a slot layout
    are its legend (what each slot stands for), never more moments of the dose. (The step also
    drops a route glued after ``/``: ``50 mcg/inh`` is per inhalation, a strength's denominator.)"""
    for slot in [m for m in mentions if m.family == "slot"]:
        legend = _LEGEND.match(text, slot.end)
        if legend is None:
            continue
        inside = [m for m in mentions if legend.start() <= m.start < legend.end()]
        # moments of the day only: a meal in parentheses ("1-0-1 (au milieu du repas)") is the
        # dose's, never a legend (it was dropped with no flag)
        if inside and all(m.family == "when" and set(m.all("when")) <= _LEGEND_MOMENTS for m in inside):
            mentions = [m for m in mentions if m not in inside]
    return mentions


def per_body_intervals(mentions: list[Mention]) -> list[Mention]:
    """``Paracétamol 15 mg/kg/6 h``: a weight-based amount "per N hours" is a dose every N hours
    (no product's strength is per kilo)."""
    kept: list[Mention] = []
    for m in mentions:
        unit, per = m.get("strength.unit"), m.get("strength.per.time")
        if m.family != "strength" or per is None or dimension(unit) != "per_body" or len(m.all("strength.value")) != 1:
            kept.append(m)
            continue
        every = (("period.value", m.get("strength.per.value") or 1), ("period.unit", per))
        kept += [
            Mention(
                "dose",
                m.start,
                m.end,
                "orders.per_body_interval",
                (("dose.low", m.get("strength.value")), ("dose.unit", unit)),
                m.group,
            ),
            Mention("freq", m.start, m.end, "orders.per_body_interval", (("freq.n", 1),), m.group),
            Mention("period", m.start, m.end, "orders.per_body_interval", every, m.group),
        ]
    return kept


def strength_of_a_unit(text: str, mentions: list[Mention]) -> list[Mention]:
    """``1 sachet de 250 mg``, ``1 cp de 500 mg``, ``1 tablet of 40 mg``: an amount right after a
    counted unit and ``de`` / ``of`` is what one unit holds (the strength), never a second dose."""
    kept: list[Mention] = []
    for mention in mentions:
        counted = kept[-1] if kept and kept[-1].family == "dose" else None
        if (
            counted is not None
            and mention.family == "dose"
            and mention.get("dose.high") is None
            and dimension(counted.get("dose.unit")) == "count"
            and dimension(mention.get("dose.unit")) in STRENGTH_DIMENSIONS
            and _OF_A_UNIT.fullmatch(text[counted.end : mention.start])
        ):
            items = (("strength.value", mention.get("dose.low")), ("strength.unit", mention.get("dose.unit")))
            kept.append(Mention("strength", mention.start, mention.end, "orders.unit_strength", items, mention.group))
            continue
        kept.append(mention)
    return kept


_OF_A_UNIT = re.compile(r"\s+(?:de|d'|d’|of)\s*", re.IGNORECASE)


def resolve_eye_od(analysis: Analysis, mentions: list[Mention]) -> tuple[list[Mention], list[Issue]]:
    """``OD`` is "once daily" in English shorthand but "oeil droit" (right eye) on an eye-drop
    line: with an eye context (ocular route, eye-drop form, or a dose in drops with no other
    route stated) it is not a frequency, and the ambiguity is reported instead of guessed; when
    the line states its frequency apart (``1 gtt 2x/j OD``), OD can only be the eye."""
    text, span = analysis.text, analysis.offsets.span
    od_groups = {
        m.group
        for m in mentions
        if m.family in ("freq", "period")
        and text[slice(*span(m.start, m.end))].strip(". ").upper() in ("OD", "O.D", "1 OD")
    }
    if not od_groups:
        return mentions, []
    routes = {m.get("route") for m in mentions if m.family == "route"}
    units = {m.get("dose.unit") for m in mentions if m.family == "dose"}
    eye = (
        "ocular" in routes
        or any((token_value(t, "lex_dose_form") or "").startswith("eye") for t in doc_tokens(analysis.doc))
        or (bool(units & _EYE_UNITS) and not routes - {"ocular"})
    )
    if not eye:
        return mentions, []
    issues = []
    stated = any(m.family == "freq" and m.group not in od_groups for m in mentions)
    for group in sorted(od_groups):
        od = [m for m in mentions if m.group == group and m.family in ("freq", "period")]
        if stated and not routes - {"ocular"}:  # "1 gtt 2x/j OD": the frequency is said, OD is the eye
            if not routes:
                mentions = [*mentions, Mention("route", od[0].start, od[-1].end, "orders.eye", (("route", "ocular"),))]
                routes = {"ocular"}
            continue
        start, end = span(min(m.start for m in od), max(m.end for m in od))
        what = "abbreviation (right eye or once daily)"
        issues.append(
            Issue("warning", "informational", Warnings.W004.format(what=what, span=text[start:end]), start, end)
        )
    kept = [m for m in mentions if not (m.group in od_groups and m.family in ("freq", "period"))]
    return sorted(kept, key=lambda m: m.start), issues
