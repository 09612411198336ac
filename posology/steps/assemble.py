"""Step 5, assemble: medication segments → typed Medications with their Dosages, drug coded.

Reads ``doc``, ``mentions``, ``names``, ``linked``, ``order_named``; writes ``medications``
and the issues of drug linking (W005: not coded) and of names that are no drug (W002).

Per segment (a drug name and the mentions up to the next one, ``posology.fields.medications``):
the strengths are split from the doses (``posology.fields.dosages.split_strengths``), the
medication-wide fields (route, refills, supply, …) read once, the rest cut into phases
(``puis``, ``then``) and each phase into Dosages (``posology.fields.dosages``). The drug name is
then linked to the French drug database (CIS) when it names one product unambiguously.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from posology.dosage import Coding, Duration, Issue, Medication, Quantity
from posology.errors import Warnings
from posology.fields.carried import carried_timing
from posology.fields.dosages import (
    MED_WIDE,
    Context,
    _med_fields,
    edqm_coding,
    phase_dosages,
    route_coding,
    route_only_dosage,
)
from posology.fields.medications import MedicationSegment, segment
from posology.fields.mentions import Mention, instruction_mention
from posology.fields.phases import HEAD_FAMILIES, leading_timing, phases
from posology.fields.strengths import split_strengths
from posology.steps.combinations import combined_products, plus_combinations
from posology.steps.names import keep_real_names
from posology.steps.of_all import said_of_all, timing_of_all
from posology.text.tokenizer import doc_text
from posology.units.registry import dimension, presentation_codes, quantity

if TYPE_CHECKING:
    from posology.analysis import Analysis
    from posology.engine import Engine


def step(engine: Engine, analysis: Analysis) -> None:
    context = Context(analysis.text, analysis.offsets.span, analysis.linked)
    medications = []
    segments = segment(analysis.doc, analysis.mentions, analysis.names)
    segments = plus_combinations(combined_products(segments, analysis.clean), analysis.clean)
    segments = relay_routes(leading_header(inner_headers(segments, analysis.clean), analysis.clean), analysis.clean)
    segments = shared_supply(segments, analysis.clean)
    analysis.issues.extend(course_after_a_list(segments, analysis))
    for seg in shared_tail(segments, analysis.clean):  # the Doc's text
        if not seg.name_tokens:  # "1 cp de 500 mg" with no drug: no Medication holds the strength, the text does
            seg.mentions = [_as_instruction(m, analysis.clean) for m in seg.mentions]
        untimed: list[tuple[Mention, bool]] = []
        medication = build_medication(seg, context, untimed)
        analysis.issues.extend(_untimed_phase(m, carried, analysis) for m, carried in untimed)
        if medication is not None:
            medication, drug_issues = link_drug(engine, medication)
            medications.append(medication)
            analysis.issues.extend(drug_issues)
    analysis.medications, dropped = keep_real_names(medications, analysis.order_named)
    analysis.issues.extend(dropped)


def relay_routes(segments: list[MedicationSegment], text: str) -> list[MedicationSegment]:
    """``… puis relais per os par ofloxacine 200 mg …``: a route right before ``par`` and the next
    drug's name is that drug's (the one that takes over), never the first drug's."""
    for before, after in zip(segments, segments[1:], strict=False):
        if not after.name_tokens:
            continue
        name = after.name_tokens[0].idx
        moved = [
            m for m in before.mentions if m.family == "route" and text[m.end : name].strip().lower() in ("par", "by")
        ]
        if moved:
            before.mentions = [m for m in before.mentions if m not in moved]
            after.mentions = [*moved, *after.mentions]
    return segments


def leading_header(segments: list[MedicationSegment], text: str) -> list[MedicationSegment]:
    """``Si besoin : PARACETAMOL 1 G … + SPASFON 80 MG …``, ``Soir : ATORVASTATINE 20MG 1 cp ;
    AMLODIPINE 5MG 1 gél``, ``8:00 AM • Lisinopril 10 mg – 1 tablet • Metformin …`` (a reminder
    app's group): an as-needed or a moment header opening the line, before the first
    drug and its colon, is every drug's (a drug with its own as-needed words, or its own moment,
    keeps them)."""
    if len(segments) < 2 or not segments[0].name_tokens:
        return segments
    first = segments[0].name_tokens[0].idx
    before = [m for m in segments[0].mentions if m.end <= first]
    if len(before) != 1 or before[0].family not in _HEADERS:
        return segments
    opening = text[: before[0].start]  # "H. pylori therapy x 7 days: …", "Distribution 18h00 : …" (a label)
    if opening.strip() and before[0].family != "bounds" and not _LABEL_WORDS.fullmatch(opening):
        return segments
    header = before[0]
    if text[header.end : first].strip() not in (":", "-", "–", "—", "•", "|") and not text[
        header.start : first
    ].rstrip().endswith(":"):
        return segments
    for seg in segments[1:]:
        if seg.name_tokens and not any(m.family in _HEADERS[header.family] for m in seg.mentions):
            seg.mentions = [*seg.mentions, header]
    return segments


def inner_headers(segments: list[MedicationSegment], text: str) -> list[MedicationSegment]:
    """``MORNING: Aspirin 75mg ONE, Bisoprolol 2.5mg ONE. NIGHT: Atorvastatin 40mg ONE``,
    ``08h : Levothyrox 75 µg 1 cp | 12h : Doliprane 1 g``: a moment or a clock time opening a
    sentence or a column, its colon right before the next drug's name, heads the drugs after it
    up to the next such header (a drug with its own moment keeps it); never the drug before it."""
    headers: dict[int, Mention] = {}  # index of the segment a header opens → the header
    for k, (before, after) in enumerate(zip(segments, segments[1:], strict=False)):
        if not after.name_tokens:
            return segments
        name = after.name_tokens[0].idx
        found = [
            m
            for m in before.mentions
            if m.family in ("when", "tod")
            and text[m.end : name].strip() in (":", "")
            and text[m.start : name].rstrip().endswith(":")
            and (text[: m.start].rstrip()[-1:] in _HEADER_OPENS or text[m.start] in _HEADER_OPENS)
        ]
        if found:
            headers[k + 1] = found[-1]
    for k in sorted(headers):
        segments[k - 1].mentions = [m for m in segments[k - 1].mentions if m is not headers[k]]
    header = None
    for k, seg in enumerate(segments):
        header = headers.get(k, header)
        if header is not None and not any(m.family in _MOMENTS for m in seg.mentions):
            seg.mentions = [*seg.mentions, header]
    return segments


def shared_supply(segments: list[MedicationSegment], text: str) -> list[MedicationSegment]:
    """``Kardegic 75 1 sachet/j, Bisoce 5 1 cp le matin, Crestor 10 1 cp le soir - QSP 3 mois AR 3
    fois``, ``… ; ATORVASTATINE … — QSP 3 mois, renouvelable 2 fois``: the supply and the refills
    in their own field after the last drug, behind a spaced dash or a full stop (``… 1 cp le matin.
    QSP 3 mois a renouveler 3 fois``), are the whole ordonnance's (a drug with its own keeps them)."""
    if len(segments) < 2 or not all(seg.name_tokens for seg in segments):
        return segments
    last = sorted(segments[-1].mentions, key=lambda m: m.start)
    tail = [m for m in last if m.family in ("supply", "refills")]
    if not tail:
        return segments
    before = max((m.end for m in last if m.end <= tail[0].start), default=segments[-1].name_tokens[-1].idx)
    if not _TAIL_FIELD.fullmatch(text[before : tail[0].start]) or any(
        m.family not in ("supply", "refills", "instruction") for m in last if m.start >= tail[0].start
    ):
        return segments
    for seg in segments[:-1]:
        if not any(m.family in ("supply", "refills") for m in seg.mentions):
            seg.mentions = [*seg.mentions, *tail]
    return segments


_TAIL_FIELD = re.compile(r"\s+[-—–]\s*|\s*\.\s+")
_HEADER_OPENS = frozenset({".", ";", "|", ",", "/"})
_LABEL_WORDS = re.compile(r"\s*[^\W\d_]+(?:\s+[^\W\d_]+){0,2}\s*")
# a header's family → the families a drug's own words that keep the header off it
_MOMENTS = ("when", "tod", "slot")
_HEADERS = {"as_needed": ("as_needed",), "when": _MOMENTS, "tod": _MOMENTS, "bounds": ("bounds",)}


_JOINS = frozenset({"+", "and", "&", "et", "with", "avec", "plus"})
_SHARED = ("route", "bounds")
_SYSTEMIC = frozenset({"oral", "intravenous", "intramuscular", "subcutaneous", "inhalation", "sublingual"})


def shared_tail(segments: list[MedicationSegment], text: str) -> list[MedicationSegment]:
    """``Lansoprazole 30mg BD + Amoxicillin 1g BD + Clarithromycin 500mg BD PO for 7 days``,
    ``Thiamine 100mg TDS and Folic acid 5mg OD PO``: drugs joined by ``+`` / ``and`` into one
    regimen, the route written once after the last drug's posology is every drug's, and so is the
    duration when every join is ``+`` (a drug with its own keeps it). Drugs apart (``;``, ``.``, a
    new line) share nothing."""
    if len(segments) < 2 or not segments[0].name_tokens:
        return segments
    timing_of_all(segments, text)
    joins = _series(_list_joins(segments, text))
    if joins is None or not all(join in _JOINS for join in joins):
        return segments
    last = sorted(segments[-1].mentions, key=lambda m: m.start)
    each = _EACH.search(text, segments[-1].name_tokens[-1].idx)
    if all(join == "+" for join in joins):
        _leading_route(segments)
    if not each and all(join in _MIXTURE_JOINS for join in joins):
        _shared_timing(segments, last)
    if each:  # "1 cp de chaque", "one of each": whatever the joins
        _shared_posology(segments, last, each, text)
    posology_end = max((m.end for m in last if m.family not in (*_SHARED, "instruction")), default=None)
    tail = [m for m in last if m.family in _SHARED and posology_end is not None and m.start >= posology_end]
    # a body site ("sur le visage", "to face", "PV") is the last product's own, never every drug's
    tail = [m for m in tail if m.family != "route" or m.get("route") in _SYSTEMIC]
    if not tail:
        return segments
    if any(join != "+" for join in joins):  # "and" lists: the route only ("for 5 days" may be the last drug's)
        tail = [m for m in tail if m.family == "route"]
    opening = segments[0].name_tokens[0].idx  # "Si T° > 38,5°C : A … + B … pendant 7 jours": every drug's condition
    for seg in segments[:-1]:
        families = {m.family for m in seg.mentions}
        if any(m.family == "as_needed" and m.start > opening for m in seg.mentions):
            families.add("bounds")  # "1 cp si douleur, max 3/j + ADVIL … pendant 5 j": no course for a PRN drug
        seg.mentions = [*seg.mentions, *(m for m in tail if m.family not in families)]
    return segments


def course_after_a_list(segments: list[MedicationSegment], analysis: Analysis) -> list[Issue]:
    """``Amoxicillin 1 g PO BID, clarithromycin 500 mg PO BID, omeprazole 20 mg PO BID x 14 days``:
    drugs listed with commas, each with its posology, and a duration after the last one only.
    Writers read it as every drug's (a regimen) or as the last drug's (``Doliprane … si douleur,
    Ibuprofène … pendant 3 jours``); the engine keeps it the last drug's and flags it (W023)."""
    text = analysis.clean
    if len(segments) < 2 or not all(seg.name_tokens and seg.mentions for seg in segments[:-1]):
        return []
    if _list_joins(segments, text) != [","] * (len(segments) - 1):
        return []
    if any(m.family in ("bounds", "as_needed") for seg in segments[:-1] for m in seg.mentions):
        return []
    last = segments[-1].mentions
    posology_end = max((m.end for m in last if m.family not in (*_SHARED, "instruction")), default=None)
    course = [m for m in last if m.family == "bounds" and posology_end is not None and m.start >= posology_end]
    if not course or said_of_all(segments[-1], text):
        return []
    problem = "a duration written once after the last drug of a list: the last drug's only, or every drug's?"
    return [analysis.value_issue(course[0].start, course[0].end, problem, "business-rule")]


def _untimed_phase(dose: Mention, carried: bool, analysis: Analysis) -> Issue:
    """W023 on a later phase's dose that states no timing (:mod:`posology.fields.carried`)."""
    problem = "a later phase with no timing of its own: " + (
        "the first phase's timing is assumed"
        if carried
        else "as needed at most as often as before?"
        if dose.family == "as_needed"
        else "at the first phase's times, or once?"
    )
    return analysis.value_issue(dose.start, dose.end, problem, "business-rule")


def _series(joins: list[str] | None) -> list[str] | None:
    """``A 2 caps, B 1 tab and C 1 cap twice daily``: the commas of a series closed by ``and`` /
    ``et`` / ``+`` are that word's joins (one list, read as ``A and B and C``)."""
    if not joins or len(joins) < 2 or joins[-1] not in _JOINS or any(join != "," for join in joins[:-1]):
        return joins
    return [joins[-1]] * len(joins)


def _list_joins(segments: list[MedicationSegment], text: str) -> list[str] | None:
    """What joins each drug of a list to the next (``+``, ``and``, ``,`` …: the text between a drug's
    last mention, or its name, and the next name, a form prefix left out: ``INJ MONOCEF 1 gm IV BD +
    INJ METROGYL …``); None when a segment has no name to join."""
    joins = []
    for before, after in zip(segments, segments[1:], strict=False):
        name_end = before.name_tokens[-1].idx + len(before.name_tokens[-1].text) if before.name_tokens else None
        own = max((m.end for m in before.mentions), default=name_end)
        if own is None or not after.name_tokens:
            return None
        joins.append(_FORM_PREFIX.sub("", text[own : after.name_tokens[0].idx]).strip().lower())
    return joins


_FORM_PREFIX = re.compile(r"\b(?:tab|tabs|cap|caps|inj|syp|syrup|susp|t|c)\b\.?", re.IGNORECASE)
_EACH = re.compile(r"\b(?:each|chacun|chacune|de chaque)\b", re.IGNORECASE)


def _leading_route(segments: list[MedicationSegment]) -> None:
    """``NEBULISATION DUOLIN 2.5 ml + BUDECORT 0.5 mg``: a route written before the first drug of
    a ``+`` regimen is every drug's that states none."""
    first = segments[0].name_tokens[0].idx
    route = next((m for m in segments[0].mentions if m.family == "route" and m.end <= first), None)
    if route is None:
        return
    for seg in segments[1:]:
        if not any(m.family == "route" for m in seg.mentions):
            seg.mentions = [*seg.mentions, route]


def _shared_posology(segments: list[MedicationSegment], last: list, each: re.Match, text: str) -> None:
    """``TAB LIMCEE 500 + TAB SUPRADYN - 1 tab each - Once daily``: the posology written once
    after the last drug, with ``each``, is every drug's that has none of its own: the dose right
    before ``each`` (never the last drug's strength, ``Spasfon 80 mg : 1 cp de chaque``) and the
    timing."""
    last = [
        m
        for m in last
        if m.family not in ("dose", "slot") or text[m.end : each.start()].strip(" ,") in ("", "of", "de")
    ]
    for seg in segments[:-1]:  # (a bare strength after the name, "LIMCEE 500", is no posology;
        own = [m for m in seg.mentions if m.family in ("dose", "slot", *_TIMING) and not _strength_only(m, seg)]
        if not own:  # nor is a mass after it, "Doliprane 1 g et Spasfon 80 mg : 1 cp de chaque")
            families = {m.family for m in seg.mentions if m.family != "dose" and m.rule_id != "orders.bare_number"}
            shared = [m for m in last if m.family in ("dose", "slot", *_TIMING) and m.family not in families]
            seg.mentions = [*seg.mentions, *shared]


_TIMING = frozenset({"freq", "period", "when", "tod", "dow", "as_needed", "count", "bounds", "route"})


def _strength_only(mention: Mention, seg: MedicationSegment) -> bool:
    """A bare number or a single mass right after the segment's name: its strength, once a
    posology is shared with ``each``."""
    if mention.rule_id == "orders.bare_number":
        return True
    doses = [m for m in seg.mentions if m.family in ("dose", "slot")]
    return (
        mention.family == "dose"
        and doses == [mention]
        and mention.get("dose.high") is None
        and dimension(mention.get("dose.unit")) in ("mass", "iu")
        and bool(seg.name_tokens)
        and mention.start >= seg.name_tokens[-1].idx
    )


_MIXTURE_JOINS = frozenset({"+", "and", "&", "et", "plus"})


def _shared_timing(segments: list[MedicationSegment], last: list) -> None:
    """``Bricanyl 5 mg + Atrovent 0,5 mg en aérosol toutes les 4 h``, ``Salbutamol 2.5 mg +
    ipratropium 500 mcg nebs QDS``, ``Haloperidol 5mg + Promethazine 50mg IM stat``: drugs
    joined by ``+`` (or ``and``, or a series ``A, B and C``), each with an amount or a count and no
    timing of its own, share the last drug's timing, route, duration and ``stat`` (written after
    its dose): one regimen (``A 2 caps, B 1 tab and C 1 cap twice daily for 14 days``)."""
    doses = [m for m in last if m.family == "dose"]
    dose = doses[0] if len(doses) == 1 else None  # "… + Tramadol 50 mg : 1 cp": one product, not a mixture
    products = dose is None and _strength_then_count(doses)  # "… + Colace 100 mg 1 cap PO HS"
    dose = doses[-1] if products else dose
    # "A 2 caps and B 1 tab twice daily for 14 days": one clause; "Tab A 75 mg + Tab B 40 mg 0-0-1
    # after dinner": the slots too (a count of each product's unit at each moment)
    shared = _TIMING | {"priority", "slot"}
    slot = next((m for m in last if m.family == "slot"), None)
    start = dose.end if dose is not None else slot.start if slot is not None and not doses else None
    timing = [m for m in last if m.family in shared and start is not None and m.start >= start]
    if not timing or not any(m.family in ("freq", "period", "when", "tod", "count", "slot") for m in timing):
        return
    for seg in segments[:-1]:
        families = {m.family for m in seg.mentions}
        if "slot" in families:
            continue  # "Tab A 500 mg 1-0-1 + Tab B 40 mg 0-0-1": its own moments
        doses = [m for m in seg.mentions if m.family == "dose"]
        # "Senna 8.6 mg 2 tabs + Colace 100 mg 1 cap PO HS": a counted dose with no
        # timing (nor as-needed words) of its own takes the last drug's as a mixture's amount does
        # (its strength before the count: "8.6 mg 2 tabs")
        counted = "as_needed" not in families and _strength_then_count(doses)
        # "Doliprane + Spasfon 1-0-1", "Tab Pan 40 + Tab Dolo 650 1-0-1" (a bare number: the strength)
        slots = any(m.family == "slot" for m in timing) and (
            not doses or len(doses) == 1 and doses[0].get("dose.unit") is None
        )
        if families & (_TIMING - {"route"}) or not (
            slots or counted or not products and len(doses) == 1 and dimension(doses[0].get("dose.unit")) in _AMOUNTS
        ):
            continue  # ("NEBULISATION DUOLIN 2.5 ml + …": a route of its own is no timing)
        seg.mentions = [*seg.mentions, *(m for m in timing if m.family not in families)]


_AMOUNTS = frozenset({"mass", "volume", "iu"})


def _strength_then_count(doses: list[Mention]) -> bool:
    """One counted dose, after at most one mass (the product's strength): ``2 tabs``, ``8.6 mg 2 tabs``."""
    units = [dimension(d.get("dose.unit")) for d in doses]
    return units in (["count"], ["mass", "count"])


def _as_instruction(mention: Mention, text: str) -> Mention:
    if mention.rule_id != "orders.unit_strength":
        return mention
    written = text[mention.start : mention.end]
    return instruction_mention(mention.start, mention.end, "orders.unit_strength", written)


_BRAND = re.compile(r"\s+\([^\W\d_][^()]{1,59}\)")  # a letter first: "(VITAMIN D3)", never "(10 mg total)"


def build_medication(
    seg: MedicationSegment, context: Context, untimed: list[tuple[Mention, bool]]
) -> Medication | None:
    """One Medication from its segment; None for a nameless segment with only a route. The first
    dose of each later phase that states no timing goes to ``untimed`` (:mod:`posology.fields.carried`)."""
    mentions = sorted(seg.mentions, key=lambda m: m.start)
    name_span = None
    text = doc_text(seg.name_tokens[0].doc) if seg.name_tokens else ""
    if seg.name_tokens:
        last = (seg.more_names or [seg.name_tokens])[-1][-1]  # a combination's last ingredient
        name_span = (seg.name_tokens[0].idx, last.idx + len(last.text))
        brand = _BRAND.match(text, name_span[1])  # "amoxicillin (AUGMENTIN) 875-125 MG": the
        if brand:  # strength follows the brand, and belongs to the name all the same
            name_span = (name_span[0], brand.end())
    priority = "stat" if any(m.family == "priority" for m in mentions) else None  # stat, immédiatement
    mentions = [m for m in mentions if m.family != "priority"]
    strengths_m, rest = split_strengths(mentions, has_name=bool(seg.name_tokens), name_span=name_span, text=text)
    med_wide = [m for m in rest if m.family in MED_WIDE]
    # a route the text states word for word wins over one the linker guessed ("pour instillation")
    med_fields = _med_fields(sorted(med_wide, key=lambda m: m.family == "route" and m.start in context.linked))
    med_fields["mentions"] = med_wide
    unit = form_unit(rest)
    dosages = []
    phase_lists = leading_timing([p for p in phases([m for m in rest if m.family not in MED_WIDE], text) if p])
    cuts = [m.start for m in rest if m.family == "phase"]
    phase_lists, flagged = carried_timing(phase_lists, cuts)
    untimed.extend(flagged)
    routes = phase_routes(phase_lists, cuts, [m for m in med_wide if m.family == "route"])
    sequence, previous = 0, None
    for index, phase in enumerate(phase_lists):
        sequence += 1 if (len(phase_lists) > 1 or sequence == 0) else 0
        fields = {**med_fields, "route": routes[index]} if routes else med_fields
        for part in _routine_and_as_needed(phase, text):
            found, unit, previous = phase_dosages(part, fields, sequence, unit, context, previous)
            dosages.extend(found)
    dosages = _max_of_as_needed_phases(dosages)
    if not dosages and med_fields.get("route") and not seg.name_tokens:
        return None
    if not dosages and med_fields.get("route"):
        dosages.append(route_only_dosage(next(m for m in med_wide if m.family == "route"), med_fields, context))
    name_start = name_end = None
    runs = (seg.name_tokens, *seg.more_names) if seg.name_tokens else ()
    parts = [context.span(run[0].idx, run[-1].idx + len(run[-1].text)) for run in runs]
    if seg.name_tokens:
        name_start, name_end = parts[0][0], parts[-1][1]
    return Medication(
        name=" / ".join(context.text[start:end] for start, end in parts) if seg.name_tokens else None,
        name_start=name_start,
        name_end=name_end,
        strengths=tuple(q for m in strengths_m for q in strength_quantities(m)),
        form=dose_form(rest),
        dosages=tuple(dosages),
        refills=_refills(rest),
        supply=_supply(rest),
        priority=priority,
    )


def _max_of_as_needed_phases(dosages: list) -> list:
    """``2 tabs stat, then 1 tab after each loose stool (max 8 tabs/day)``, ``1 cp 4 fois/j pendant 5
    jours puis 1 cp si douleur, 4 cp max par jour``: a maximum written after an as-needed phase
    caps that phase; a fixed course before it (a count, a duration or a schedule) keeps none.
    (``2 caps initially, then 1 after each loose stool, max 8/24h``: no fixed course, every phase.)"""
    needed = [d for d in dosages if d.as_needed and d.max_per_period is not None]
    if len(dosages) < 2 or not needed:
        return dosages
    first = min(d.start for d in needed)
    if next((s.start for s in needed[0].sources if s.field == "max"), -1) < first:
        return dosages

    def fixed(dosage) -> bool:
        t = dosage.timing
        scheduled = t.count or t.bounds or t.frequency or t.when or t.time_of_day
        return not dosage.as_needed and dosage.end <= first and bool(scheduled)

    return [
        replace(d, max_per_period=None, sources=tuple(s for s in d.sources if s.field != "max")) if fixed(d) else d
        for d in dosages
    ]


_TIMED = HEAD_FAMILIES | {"dow"}
_AND = frozenset({"and", "et", "+", "&", "and also", "et aussi"})  # ("au coucher, si besoin": one Dosage)


def _routine_and_as_needed(phase: list[Mention], text: str) -> list[list[Mention]]:
    """``Levomepromazine 6.25mg SC nocte and PRN``, ``1 goutte le soir au coucher et si besoin
    dans la journée``: one dose, timed, *and* as needed: two Dosages of the same dose, the
    routine one and the as-needed one (never the routine dose made optional)."""
    doses = [m for m in phase if m.family in ("dose", "slot")]
    needed = [m for m in phase if m.family == "as_needed"]
    if len(doses) != 1 or doses[0].family != "dose" or len(needed) != 1 or needed[0].start < doses[0].end:
        return [phase]
    timed = [m for m in phase if m.family in _TIMED and doses[0].end <= m.start < needed[0].start]
    if not timed or text[max(m.end for m in timed) : needed[0].start].strip().lower() not in _AND:
        return [phase]
    after = [m for m in phase if m.start > needed[0].start and m.family not in _TIMED]  # its own reason, bounds
    return [[m for m in phase if m is not needed[0]], [doses[0], needed[0], *after]]


def phase_routes(phase_lists: list[list[Mention]], cuts: list[int], routes: list[Mention]) -> list | None:
    """``Paracetamol 1 g IV toutes les 6 h puis relais PO 1 g x 4/j``: when the phases state
    different routes, each phase has its own (a phase that states none keeps the one before
    it; before any, the first stated); None when one route serves the whole medication."""
    if len({m.get("route") for m in routes}) < 2 or len(phase_lists) < 2:
        return None
    # a phase starts at the "puis" / "then" before its first mention ("puis relais PO 1 g")
    starts = [max((c for c in cuts if c <= phase[0].start), default=0) for phase in phase_lists]
    own: list = [None] * len(phase_lists)
    for mention in routes:
        index = max((i for i, start in enumerate(starts) if start <= mention.start), default=0)
        if own[index] is None:
            own[index] = route_coding(mention.get("route"))
    if sum(r is not None for r in own) < 2:
        return None
    current = next(r for r in own if r is not None)
    for index, route in enumerate(own):
        current = route or current
        own[index] = current
    return own


def link_drug(engine: Engine, medication: Medication) -> tuple[Medication, list[Issue]]:
    """Code the drug name with the French drug database (CIS) when it is unambiguous.

    The strengths stay as written (they are what the prescriber wrote); the CIS code gives
    the database composition. An unresolved or ambiguous name keeps its text, no code,
    and a warning. A form that contradicts every product of the name (Xeplion, an injectable,
    with "1 cp") leaves the name uncoded: a code for another product than the text describes
    is worse than no code."""
    if not medication.name:
        return medication, []
    form = next(
        (d.dose.low.unit for d in medication.dosages if d.dose and d.dose.low.unit in presentation_codes()), None
    )
    match = engine.link_drug_name(medication.name, medication.strengths, form)
    if match is None or match.ambiguous or not match.codings:
        message = Warnings.W005.format(name=medication.name)
        return medication, [Issue("warning", "not-found", message, medication.name_start, medication.name_end)]
    return replace(medication, codings=tuple(match.codings)), []


def strength_quantities(mention: Mention) -> list[Quantity]:
    """The strengths of a strength mention (or of a dose read as the strength), with the
    denominator when the text gives one (``4000 UI/0,4 mL``, ``75 µg/h``)."""
    if mention.family == "dose":
        return [quantity(mention.get("dose.low"), mention.get("dose.unit"))]
    values, units = mention.all("strength.value"), mention.all("strength.unit")
    if len(units) <= 1:  # one unit for all ("100/25mg"), or none ("Symbicort 200/6")
        units = (units or [None]) * len(values)
    per_unit = mention.get("strength.per.unit") or mention.get("strength.per.time")
    per = quantity(mention.get("strength.per.value", 1), per_unit) if per_unit else None
    return [replace(quantity(value, unit), per=per) for value, unit in zip(values, units, strict=False)]


# A dose form counted in a unit of presentation (the last word of its key): "dispersible tablets
# one od" is one tablet, "gastro-resistant capsules 1-0-1" one capsule at a time.
_COUNTED_FORMS = frozenset({"tablet", "capsule", "patch"})


def form_unit(mentions: list[Mention]) -> str | None:
    """The unit of presentation a form word gives to bare doses (``cpr, 1 à 7h`` → tablet;
    ``dispersible tablets one od`` → tablet)."""
    for mention in mentions:
        key = mention.get("form") if mention.family == "form" else None
        if key in presentation_codes():
            return key
        if key and key.rsplit("_", 1)[-1] in _COUNTED_FORMS:
            return key.rsplit("_", 1)[-1]
    return None


def dose_form(mentions: list[Mention]) -> Coding | None:
    """The EDQM dose form of a form word on the line (Medication.form), when one is known."""
    for mention in mentions:
        key = mention.get("form") if mention.family == "form" else mention.get("dose.unit")
        coding = edqm_coding("dose_forms", key) if key else None
        if coding:
            return coding
    return None


def _refills(mentions: list[Mention]) -> int | None:
    found = [m.get("refills") for m in mentions if m.family == "refills"]
    return int(found[0]) if found else None


def _supply(mentions: list[Mention]) -> Duration | None:
    found = [m for m in mentions if m.family == "supply"]
    return Duration(found[0].get("supply.value"), found[0].get("supply.unit")) if found else None
