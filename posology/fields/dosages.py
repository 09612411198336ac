"""From the mentions of one medication to its typed Dosages (CONVENTIONS.md §1–§4).

The policy, in order:

1. **Strength or dose.** Mass / IU / % quantities right after the drug name are strengths
   when the medication also has another dose (a count, slot digits, a volume, another
   quantity); alone, they are the dose.
2. **Phases.** ``puis`` / ``then`` start a new phase: ``sequence`` 1, 2, 3 …
   (:mod:`posology.fields.phases`)
3. **Doses in a phase.** Each dose (slot digits give one dose per distinct value) takes the
   timing mentions (when, clock times, days, frequency) that follow it, or that precede it
   when the phase starts with its timing ("le matin : 1 cp"). A dose with no unit takes the
   unit of the dose before it, else the medication's form word; never a guessed one.
4. **Phase-wide fields.** Duration, as-needed, offset, count, intakes split and meal relations
   (avant / pendant / après les repas) apply to every dose of their phase; route, maximum
   doses and instructions to every dose of the medication; a duration or as-needed stated
   in a single-phase line applies to all its doses.
5. **Merging.** Doses of the same phase with the same amount become one Dosage whose events
   are the union (``1 sachet le matin et 1 sachet le soir`` → one Dosage, MORN + EVE).
6. **Meal composition.** A meal relation with day times composes (MORN + AC → ACM), a counted
   frequency or not ("1 sachet par jour au cours du repas de midi" → 1/d + CD: 290 blind gold
   lines so, none other); with no day time it stays generic ("3 fois par jour au moment des
   repas" → 3/d + C).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from posology.dosage import EDQM, Coding, Dosage, Dose, Duration, FieldSource, MaxDose, Timing
from posology.fields.headings import line_heading
from posology.fields.maxima import clean_number, counting_doses, intakes_as_frequency, max_counting_doses
from posology.fields.meals import MEALS, SLOT_EVENTS, compose_meal, moment_meal, snack_meals
from posology.fields.mentions import Mention
from posology.fields.timing import clock_times, day_codes, minutes
from posology.resources import table_by_key
from posology.units.registry import quantity

ATTACHED = frozenset({"when", "tod", "dow", "freq", "period"})
PHASE_WIDE = frozenset({"bounds", "as_needed", "offset", "count", "split"})
MED_WIDE = frozenset({"route", "max", "maxadm", "instruction"})


@dataclass
class DraftDose:
    """A dose being built: its amount and the mentions attached to it."""

    low: float | None  # None: a phase with timing but no dose, none before it either
    high: float | None
    unit: str | None
    start: int
    end: int
    mentions: list[Mention] = field(default_factory=list)
    slot_events: tuple[str, ...] = ()
    source: Mention | None = None


def dose_from_mention(mention: Mention) -> DraftDose:
    low = mention.get("dose.low")
    plus = mention.get("dose.plus")
    if plus is not None:
        low = low + plus
    return DraftDose(
        low, mention.get("dose.high"), mention.get("dose.unit"), mention.start, mention.end, source=mention
    )


def doses_from_slots(mention: Mention) -> list[DraftDose]:
    """``2-0-1`` → 2 at MORN, 1 at EVE (distinct amounts in order of first occurrence); a unit after
    the slots is every dose's (``8-6-10 UI``). A labelled column names its moment (``Soir : 1``)."""
    values, unit = mention.all("slot"), mention.get("slot.unit")
    order: list[float] = []
    events: dict[float, list[str]] = {}
    for value, event in zip(values, mention.all("slot.when") or SLOT_EVENTS, strict=False):
        event = moment_meal(event) if mention.get("slot.meal") else event  # "Evening meal: 1"
        if value:
            if value not in events:
                order.append(value)
            events.setdefault(value, []).append(event)
    return [
        DraftDose(value, None, unit, mention.start, mention.end, slot_events=tuple(events[value]), source=mention)
        for value in order
    ]


_SLOT_VOLUMES = frozenset({"mL", "drop"})


def _moments_of_volume(dose: Mention, after: list[Mention]) -> DraftDose | None:
    """``Syp. Ascoril 5 ml 1-1-1``: a volume (or drops) right before slots of ones and zeros is
    the dose, the slots its moments (never a second dose of 1 mL)."""
    slot = after[0] if after else None
    if slot is None or slot.family != "slot" or slot.get("slot.unit") is not None or slot.start - dose.end > 1:
        return None
    values = slot.all("slot")
    if dose.get("dose.unit") not in _SLOT_VOLUMES or dose.get("dose.high") is not None or set(values) - {0, 1}:
        return None
    events = tuple(e for v, e in zip(values, slot.all("slot.when") or SLOT_EVENTS, strict=False) if v)
    draft = dose_from_mention(dose)
    return DraftDose(draft.low, None, draft.unit, dose.start, slot.end, slot_events=events, source=slot)


def attach(phase: list[Mention], between: Callable[[int, int], str] | None = None) -> list[DraftDose]:
    """Doses of a phase with their own timing mentions (policy 3). ``between(start, end)``: the
    text between two offsets, to see a second frequency given to the same dose
    (:func:`_second_frequency`)."""
    doses: list[DraftDose] = []
    for index, mention in enumerate(phase):
        if mention.family == "dose":
            if (moments := _moments_of_volume(mention, phase[index + 1 : index + 2])) is not None:
                doses.append(moments)
                continue
            doses.append(dose_from_mention(mention))
        elif mention.family == "slot":
            if doses and doses[-1].end == mention.end:
                continue  # its moments went to the volume before it
            doses.extend(doses_from_slots(mention))
    if not doses:
        return []
    by_group = {d.source.group: d for d in doses if d.source is not None}
    timing = [m for m in phase if m.family in ATTACHED]
    free = [m for m in timing if m.group not in by_group]
    heading = line_heading(free, doses, between)
    free = [m for m in free if m not in heading]
    prefix = bool(free) and free[0].start < doses[0].start
    for mention in timing:
        if mention in heading:
            for dose in doses:
                dose.mentions.append(mention)
            continue
        if mention.group in by_group:
            target = by_group[mention.group]
        elif prefix:
            target = next((d for d in doses if d.start >= mention.end), doses[-1])
            earlier = next((d for d in reversed(doses) if d.end <= mention.start), None)
            # "Every Monday: 2 tablets at 6 PM; Every Tuesday: 1 tablet": a timing after a dose,
            # a separator before the next heading, is that earlier dose's
            if earlier is not None and target.start >= mention.end and between is not None:
                if _ITEM_END.search(between(mention.end, target.start)) and not _ITEM_END.search(
                    between(earlier.end, mention.start)
                ):
                    target = earlier
        else:
            target = next((d for d in reversed(doses) if d.start <= mention.start), doses[0])
            if between is not None and _second_frequency(target, mention, between):
                target = _same_dose(target, mention, doses)
        target.mentions.append(mention)
    return doses


_ITEM_END = re.compile(r"[;.|\n]")
_AND_LAST = re.compile(r"(?:^|\s)(?:et|and|&)\s*$", re.IGNORECASE)


def _second_frequency(dose: DraftDose, mention: Mention, between: Callable[[int, int], str]) -> bool:
    """``1 gtt 4x/j OD et 2x/j OG``, ``1 cp 2 fois par jour en semaine et 1 fois par jour le
    week-end``: a frequency after ``et`` / ``and`` for a dose that already has one (another
    match's) is the same dose's second Dosage, never dropped (``twice daily (every 12 hours)``
    says one rate twice: :mod:`posology.fields.orders` compares them)."""
    if mention.family != "freq":
        return False
    earlier = [m for m in dose.mentions if m.family == "freq" and m.group != mention.group]
    if not earlier:
        return False
    gap = between(max(m.end for m in earlier), mention.start)
    # each frequency has its own eye or days ("… OD et …"); "2x/j et 3x/j" alone is a contradiction (orders)
    said = _AND_LAST.search(gap)
    return said is not None and not any(c in gap for c in "(.;|\n") and gap[: said.start()].strip(" ,") != ""


def _same_dose(dose: DraftDose, mention: Mention, doses: list[DraftDose]) -> DraftDose:
    """A copy of ``dose`` for the timing from ``mention`` on, placed after it in ``doses``;
    the mentions of ``mention``'s match already given to ``dose`` move to the copy."""
    copy = DraftDose(dose.low, dose.high, dose.unit, mention.start, mention.end, source=None)
    copy.mentions = [m for m in dose.mentions if m.group == mention.group and m.group >= 0]
    dose.mentions = [m for m in dose.mentions if m not in copy.mentions]
    doses.insert(doses.index(dose) + 1, copy)
    return copy


# --- from drafts to typed values -------------------------------------------------------


@dataclass
class Context:
    """What the builder needs from the engine: the original text, the offset mapping and the
    spans the linker read (squeezed start → LinkResult), for provenance."""

    text: str  # the caller's text
    span: Any  # callable (start, end) in squeezed text -> (start, end) in the caller's text
    linked: dict[int, Any] = field(default_factory=dict)


NER_CONFIDENCE = 0.9  # the NER gives no calibrated probability; its per-label precision is in benchmarks/


def _timing_of(draft: DraftDose) -> dict[str, Any]:
    """The attached timing fields of one dose (frequency, period, events, clock, days)."""
    values: dict[str, Any] = {"when": list(draft.slot_events), "tod": [], "dow": [], "ranges": []}
    for mention in draft.mentions:
        if mention.family == "when":
            values["when"].extend(when_codes(mention))
        elif mention.family == "tod":
            values["tod"].extend(_clock_items(mention))
        elif mention.family == "dow":
            values["dow"].extend(mention.all("dow"))
            if mention.get("dow.from") and mention.get("dow.to"):
                values["ranges"].append((mention.get("dow.from"), mention.get("dow.to")))
        elif mention.family == "freq" and "freq" not in values:
            values["freq"] = (mention.get("freq.n"), mention.get("freq.max"))
        elif mention.family == "period" and "period" not in values:
            values["period"] = (mention.get("period.value"), mention.get("period.max"), mention.get("period.unit"))
    said = values["when"][len(draft.slot_events) :]
    if "EVE" in draft.slot_events and any(code in ("NIGHT", "HS") for code in said):
        # "0-0-1 at night", "0+0+1 HS": the night or bedtime says which evening moment the slot is
        # (EVE and NIGHT were two moments of the day, two doses)
        values["when"] = [code for code in values["when"] if code != "EVE"]
    elif any(m.rule_id in _EVENINGS_COUNTED for m in draft.mentions) and {"NIGHT", "HS"} & set(said):
        # "au coucher 1 soir sur 2": the evening counts the days, bedtime is the moment (not two doses)
        values["when"] = [code for code in values["when"] if code != "EVE"]
    # a meal's relation composes with the moment ("tous les jours le midi au cours du repas": one CD)
    moments = {code for code in compose_meal(values["when"], []) if code not in MEALS} or set(values["when"])
    if _each_day_only(draft.mentions) and (len(moments) > 1 or len(values["tod"]) > 1 or values["dow"]):
        values.pop("freq", None)  # "matin et soir tous les jours", "tous les jours sauf le dimanche":
        values.pop("period", None)  # the events or the days say how often; "each day" adds nothing
    return values


_EVENINGS_COUNTED = frozenset({"period.one_event_in_n", "bounds.evenings_in_a_row", "bounds.for_evenings"})


def _each_day_only(mentions: list[Mention]) -> bool:
    """Whether the dose's frequency is only ``tous les jours`` / ``every day`` (once a day)."""
    timing = [m for m in mentions if m.family in ("freq", "period")]
    return bool(timing) and all(
        m.rule_id == "period.every_unit" and m.get("period.unit") in (None, "d") for m in timing
    )


_MEAL_SUFFIX = {
    "petit-dejeuner": "M",
    "petit dejeuner": "M",
    "breakfast": "M",
    "dejeuner": "D",
    "lunch": "D",
    "diner": "V",
    "souper": "V",
    "dinner": "V",
    "supper": "V",
    "evening": "V",  # "… and (the) evening meal" (rules/when.yaml)
    "midday": "D",
}


BARE_RELATIONS = frozenset({"AC", "PC", "C"})


def when_codes(mention: Mention) -> list[str]:
    """Event codes of a when mention; "avant le déjeuner et le dîner" → ACD, ACV; a bare
    relation before meals composes with each ("pc breakfast lunch dinner" → PCM, PCD, PCV)."""
    codes: list[str] = []
    relation = None
    for name, value in mention.items:
        if name == "when" and value:
            codes.append(value)
            relation = value if value in BARE_RELATIONS else value[:-1]  # ACD → AC
        elif name == "when.meal" and relation is not None and value in _MEAL_SUFFIX:
            if codes[-1] in BARE_RELATIONS:
                codes.pop()  # "pc breakfast …": the relation is each meal's, no code of its own
            codes.append(relation + _MEAL_SUFFIX[value])
    return codes


def _clock_items(mention: Mention) -> list[tuple[float, float | None, str | None]]:
    times: list[list[Any]] = []
    for name, value in mention.items:
        if name == "tod.hhmm":
            times.append([int(value) // 100, int(value) % 100, None])
        elif name == "tod.hour":
            times.append([value, None, None])
        elif name == "tod.minute" and times:
            times[-1][1] = value
        elif name == "tod.ampm" and times:
            times[-1][2] = str(value)
    return [tuple(t) for t in times]


def _merge_key(draft: DraftDose, timing: dict[str, Any]) -> tuple:
    return (draft.low, draft.high, draft.unit, timing.get("freq"), timing.get("period"))


def _meal(phase: list[Mention]) -> list[str]:
    """Generic meal relations of a phase (avant / pendant / après les repas)."""
    return [code for m in phase if m.family == "when" for code in when_codes(m) if code in MEALS]


def _unique(values: list[Any]) -> tuple[Any, ...]:
    return tuple(dict.fromkeys(values))


def _phase_fields(phase: list[Mention]) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for mention in phase:
        if mention.family == "bounds" and "bounds" not in fields:
            fields["bounds"] = _bounds(mention)
        elif mention.family == "as_needed":
            fields["as_needed"] = True
            reason = " ".join(mention.all("as_needed.reason"))
            if reason:
                fields.setdefault("reason", reason)
        elif mention.family == "offset":
            fields["offset"] = minutes(mention.get("offset.value"), mention.get("offset.unit"))
        elif mention.family == "count":
            fields["count"] = int(mention.get("count"))
        elif mention.family == "split":
            fields["split"] = mention.get("split")
    return fields


def _bounds(mention: Mention) -> Duration:
    """pendant 5 j; J2-J5 (4 days); J1 (1 day); x 5/7 (5 days)."""
    if mention.get("bounds.day_from") is not None:
        first = mention.get("bounds.day_from")
        last = mention.get("bounds.day_to", first)
        return Duration(max(last - first + 1, 1), "d")
    if mention.get("bounds.sevenths") is not None or mention.get("bounds.course") is not None:
        return Duration(mention.get("bounds.sevenths") or mention.get("bounds.course"), "d")
    return Duration(mention.get("bounds.value", 1), mention.get("bounds.unit"), mention.get("bounds.max"))


def _med_fields(mentions: list[Mention]) -> dict[str, Any]:
    fields: dict[str, Any] = {"instructions": []}
    for mention in mentions:
        if mention.family == "route" and "route" not in fields:
            fields["route"] = route_coding(mention.get("route"))
        elif mention.family == "max" and "max" not in fields:
            fields["max"] = MaxDose(
                quantity(mention.get("max.value"), mention.get("max.unit")),
                Duration(mention.get("max.per", 1), mention.get("max.per_unit")),
            )
            fields["max_doses"] = bool(mention.get("max.doses"))
        elif mention.family == "maxadm" and "maxadm" not in fields:
            fields["maxadm"] = quantity(mention.get("maxadm.value"), mention.get("maxadm.unit"))
        elif mention.family == "instruction":
            fields["instructions"].append(mention.get("instruction"))
    return fields


def edqm_coding(table: str, key: str) -> Coding | None:
    """The EDQM coding of a key of ``terminologies/edqm/<table>.csv`` (routes, dose forms)."""
    row = table_by_key(f"edqm/{table}.csv").get(key)
    return Coding(EDQM, row["code"], row["display_fr"] or row["display_en"]) if row else None


def route_coding(key: str) -> Coding | None:
    return edqm_coding("routes", key)


def field_source(mention: Mention, context: Context) -> FieldSource:
    """Where a field came from: the rule (or the NER model), plus the linker when a word of
    it was linked, with the linker's score as confidence."""
    start, end = context.span(mention.start, mention.end)
    source = "ner" if mention.rule_id == "ner" else f"rule:{mention.rule_id}"
    confidence = NER_CONFIDENCE if mention.rule_id == "ner" else 1.0
    linked = [r for at, r in context.linked.items() if mention.start <= at < mention.end]
    if linked:
        source += "+linker"
        confidence = min([confidence] + [round(float(r.score), 3) for r in linked])
    return FieldSource(mention.family, start, end, source, confidence)


def _sources(mentions: list[Mention], context: Context) -> tuple[FieldSource, ...]:
    return tuple(field_source(m, context) for m in sorted(mentions, key=lambda m: m.start))


def route_only_dosage(route: Mention, med: dict[str, Any], context: Context) -> Dosage:
    """``INSULINE ASPARTE SC selon protocole``: a named drug with a route and nothing else of a
    posology keeps its route in a Dosage of its own (the line is still W001: no posology)."""
    start, end = context.span(route.start, route.end)
    return Dosage(
        text=context.text[start:end],
        start=start,
        end=end,
        route=med.get("route"),
        additional_instructions=tuple(med.get("instructions", ())),
        sources=_sources([route], context),
    )


def build_dosage(
    draft: DraftDose,
    phase: list[Mention],
    merged_timing: dict[str, Any],
    med: dict[str, Any],
    sequence: int,
    context: Context,
    wide: dict[str, Any],
    meals: list[str],
) -> Dosage:
    """One typed Dosage from a (merged) draft and the phase-wide (``wide``, ``meals``) and
    medication-wide (``med``) fields."""
    low, frequency = draft.low, merged_timing.get("freq")
    period = merged_timing.get("period")
    count = wide.get("count")
    if wide.get("split") == 1 and period is None and frequency is None:
        count = count or 1  # "Métronidazole 2 g en une prise": one intake of it all, no per-day dose
    elif wide.get("split") and low is not None:
        low, frequency = low / wide["split"], (int(wide["split"]), None)
    when = compose_meal(list(_unique(merged_timing["when"])), meals)
    if "HS" in when and "NIGHT" in when:  # "at bedtime every night": the night's one moment is bedtime
        when = [code for code in when if code != "NIGHT"]
    timing = Timing(
        frequency=_int(frequency[0]) if frequency else None,
        frequency_max=_int(frequency[1]) if frequency else None,
        period=period[0] if period else None,
        period_max=period[1] if period else None,
        period_unit=period[2] if period else None,
        when=_unique(when),
        offset=wide.get("offset") if when else None,  # tim-9: an offset needs its event (the phase's other doses)
        time_of_day=clock_times(merged_timing["tod"]),
        day_of_week=day_codes(merged_timing["dow"], merged_timing["ranges"]),
        bounds=wide.get("bounds"),
        count=count,
    )
    dose = None
    if low is not None:
        dose = Dose(
            quantity(clean_number(low), draft.unit),
            quantity(clean_number(draft.high), draft.unit) if draft.high is not None else None,
        )
    doses = med.get("max_doses", False)  # "max 3 doses/j": the maximum counts intakes
    maximum, timing = intakes_as_frequency(
        max_counting_doses(med.get("max"), dose, doses), doses, dose, timing, bool(wide.get("as_needed"))
    )
    used = [m for m in phase if m.family != "phase"]
    span_start, span_end = min(m.start for m in used), max(m.end for m in used)
    start, end = context.span(span_start, span_end)
    return Dosage(
        text=context.text[start:end],
        start=start,
        end=end,
        sequence=sequence,
        dose=dose,
        timing=timing,
        as_needed=bool(wide.get("as_needed")),
        as_needed_reason=wide.get("reason"),
        route=med.get("route"),
        max_per_period=maximum,
        max_per_administration=counting_doses(med["maxadm"], dose) if med.get("maxadm") else None,
        additional_instructions=tuple(med.get("instructions", ())),
        sources=_sources(used + med.get("mentions", []), context),
    )


def _int(value: Any) -> int | None:
    return None if value is None else int(value)


def _days_only(timing: dict[str, Any]) -> bool:
    return bool(timing["dow"] or timing["ranges"]) and not (timing["when"] or timing["tod"])


def _inherit_event(timing: dict[str, Any], before: dict[str, Any] | None) -> None:
    """``1 cp le soir lun-ven et 1/2 cp sam-dim``: a dose for other days of the week, with no
    time of its own, is taken at the time of the dose for the first days (both give days)."""
    if before is None or not _days_only(timing) or not (before["dow"] or before["ranges"]):
        return
    if any(timing.get(name) for name in ("freq", "period")):
        return
    timing["when"].extend(before["when"])
    timing["tod"].extend(before["tod"])


def phase_dosages(
    phase: list[Mention],
    med: dict[str, Any],
    sequence: int,
    unit: str | None,
    context: Context,
    previous: DraftDose | None = None,
) -> tuple[list[Dosage], str | None, DraftDose | None]:
    """The Dosages of one phase; returns the last unit and dose for the next phase.

    A phase that states timing but no dose ("… puis 2 fois par jour pendant 4 jours") keeps
    the dose of the phase before it."""
    drafts = attach(phase, lambda a, b: context.text[slice(*context.span(a, b))])
    if not drafts:
        if not any(m.family in ATTACHED | PHASE_WIDE for m in phase):
            return [], unit, previous
        low, high, last_unit = (previous.low, previous.high, previous.unit) if previous else (None, None, None)
        drafts = [
            DraftDose(
                low, high, last_unit, phase[0].start, phase[0].end, mentions=[m for m in phase if m.family in ATTACHED]
            )
        ]
    for draft in drafts:
        if draft.unit is None and draft.low is not None:
            draft.unit = unit
        unit = draft.unit or unit
    lone = _extra_as_needed(phase, drafts, context)
    own = _own_conditions(phase, drafts)
    merged: dict[tuple, tuple[DraftDose, dict[str, Any]]] = {}
    before: dict[str, Any] | None = None
    timings = _meals_to_slots(drafts, [_timing_of(draft) for draft in drafts])
    for draft, timing in zip(drafts, timings, strict=True):
        _inherit_event(timing, before)
        before = timing
        key = (_merge_key(draft, timing), draft is lone, id(own.get(id(draft))))
        if key in merged:
            for name in ("when", "tod", "dow", "ranges"):
                merged[key][1][name].extend(timing[name])
        else:
            merged[key] = (draft, timing)
    wide, meals = _phase_fields(phase), _meal(phase)  # once per phase, shared by its Dosages
    routine = _phase_fields([m for m in phase if m.family != "as_needed"]) if lone is not None else wide
    if own:  # a sliding scale: each dose with its own condition
        base = [m for m in phase if m.family != "as_needed"]
        dosages = [
            build_dosage(d, phase, t, med, sequence, context, _phase_fields([*base, own[id(d)]]), meals)
            for d, t in merged.values()
        ]
        return dosages, unit, drafts[-1]
    dosages = [
        build_dosage(
            d, phase, t, med, sequence, context, wide if lone in (None, d) else routine, snack_meals(d, meals, context)
        )
        for d, t in merged.values()
    ]
    return dosages, unit, drafts[-1]


def _own_conditions(phase: list[Mention], drafts: list[DraftDose]) -> dict[int, Mention]:
    """``2 UI si glycémie > 2 g/l, 4 UI si glycémie > 3 g/l`` (a sliding scale): as many
    as-needed clauses as doses, each right after its dose (before the next one), are each
    dose's own condition, never the first one for all. Returns {id(draft): clause}, or {}."""
    needed = [m for m in phase if m.family == "as_needed"]
    if len(drafts) < 2 or len(needed) != len(drafts):
        return {}
    ends = [d.start for d in drafts[1:]] + [max(m.end for m in phase) + 1]
    if not all(d.end <= m.start < end for d, m, end in zip(drafts, needed, ends, strict=True)):
        return {}
    return {id(d): m for d, m in zip(drafts, needed, strict=True)}


_MEAL_MOMENT = {"M": "MORN", "D": "NOON", "V": "EVE"}
_NAMED_MEALS = frozenset(relation + meal for relation in ("AC", "PC", "C") for meal in "MDV")


def _meals_to_slots(drafts: list[DraftDose], timings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``20U-0-10U S/C 30 MIN BEFORE BREAKFAST AND DINNER``: named meals written once after a
    slot layout of distinct amounts go each to the slot of their moment (ACM to the morning's
    20 U, ACV to the evening's 10 U), never all to the last dose."""
    slotted = [i for i, d in enumerate(drafts) if d.slot_events]
    if len(slotted) < 2:
        return timings
    named = [c for i in slotted for c in timings[i]["when"] if c in _NAMED_MEALS]
    moments = {e for i in slotted for e in drafts[i].slot_events}
    if not named or {_MEAL_MOMENT[c[-1]] for c in named} != moments:
        return timings
    for i in slotted:
        own = [c for c in dict.fromkeys(named) if _MEAL_MOMENT[c[-1]] in drafts[i].slot_events]
        rest = [c for c in timings[i]["when"] if c not in _NAMED_MEALS and c not in drafts[i].slot_events]
        timings[i]["when"] = own + rest
    return timings


def _extra_as_needed(phase: list[Mention], drafts: list[DraftDose], context: Context | None = None) -> DraftDose | None:
    """``1 cp au coucher + 1 cp si angoisse``, ``1 cp le matin, + 1 cp à midi si poids > 80 kg``: an
    as-needed clause after the last dose (with no timing of its own, or added by ``+``), the doses
    before it timed, is that extra dose's alone, not the routine doses'. Returns it, or None."""
    needed = [m for m in phase if m.family == "as_needed"]
    last = drafts[-1]
    if len(drafts) < 2 or len(needed) != 1 or needed[0].start < last.end:
        return None
    if not all(d.mentions or d.slot_events for d in drafts[:-1]):
        return None
    if any(last.end <= m.start < needed[0].start and m not in last.mentions for m in phase):
        return None
    added = context is not None and "+" in context.text[slice(*context.span(drafts[-2].end, last.start))]
    # "1 tab mane, extra tab at 2pm if ankles swollen", "…, bolus 2 mg si douleur": one more dose, its own clause
    if context is not None and not added:
        start = context.span(last.start, last.end)[0]
        added = (
            _EXTRA.match(context.text, start) is not None or _EXTRA_BEFORE.search(context.text, 0, start) is not None
        )
    return last if not last.mentions or added else None


_EXTRA = re.compile(r"(?:an?\s+)?(?:extra|additional|another)\b", re.IGNORECASE)
_EXTRA_BEFORE = re.compile(r"\b(?:extra|additional|bolus(?:\s+de)?)\s*$", re.IGNORECASE)
