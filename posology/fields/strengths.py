"""Which quantities of a medication are its strengths (policy 1, CONVENTIONS §1 and §7).

Reads the mentions of one medication segment and its name span; returns the strength
mentions and the others. A quantity right after the name with another dose after it, a
percentage, a combination's pair, a bare number after the name (``Tab Crocin 500 SOS``), a
count too large to be one (``doliprane 150 suppo 1 suppo``) and a mass after a counted dose
and the name (``1 comprimé de Doliprane 1000 mg``) are strengths; never a dose to give.
"""

from __future__ import annotations

import re

from posology.fields.medications import BARE_STRENGTH_MIN
from posology.fields.mentions import Mention
from posology.text.normalize import norm
from posology.text.words import PRESENTATION_WORDS, RELEASE_MODIFIERS
from posology.units.registry import dimension

STRENGTH_DIMENSIONS = frozenset({"mass", "iu", "ratio", "enzyme", "substance"})


def split_strengths(
    mentions: list[Mention], has_name: bool, name_span: tuple[int, int] | None = None, text: str = ""
) -> tuple[list[Mention], list[Mention]]:
    """Separate strength mentions from the rest (policy 1): the first quantity is a strength
    when it comes before any timing, right after the name, and another dose follows it
    before any timing, a form, a route word or an instruction aside ("Doliprane 1000 mg 1 cp", "Furosemide
    40 mg PO 1-0-0", but not "Prednisolone 40 mg OD then 20 mg")."""
    mentions = [_percent_strength(m) for m in mentions]
    if name_span is not None:
        mentions = [_combination(m, name_span, mentions) for m in mentions]
    strengths = [m for m in mentions if m.family == "strength"]
    doses = [m for m in mentions if m.family in ("dose", "slot")]
    # "Forlax 4000 10 g sachet : 1 sachet": the name's bare number first (a strength, below), then
    # the mass after it is the candidate (it was a second dose of 10 g, with no timing)
    bare = _bare_strength(doses, name_span, [], text) if name_span is not None and len(doses) > 2 else []
    if bare and doses[0] is bare[0]:
        doses = doses[1:]
        strengths.append(bare[0])
    else:
        bare = []
    first = doses[0] if doses else None
    # what opens the line before the name ("En cas de fièvre, Doliprane 1000 mg 1 cp") is no timing of the dose
    opening = name_span[0] if name_span is not None else 0
    before_first = [m for m in mentions if first is not None and opening <= m.start < first.start]
    between = [m for m in mentions if first is not None and len(doses) > 1 and first.end <= m.start < doses[1].start]
    # a single mass right after the name (only labels before it) may be the product's strength
    candidate = (
        first is not None
        and has_name
        and len(doses) > 1
        and first.family == "dose"
        and first.get("dose.high") is None
        and dimension(first.get("dose.unit")) in STRENGTH_DIMENSIONS
        and all(m.family in ("form", "strength", "route", "instruction") or m in bare for m in before_first)
    )
    if first is not None and candidate:
        dosed_after = not _has_other_fields(first, mentions) and (
            # a clock time read with the next dose, as a plan's column ("8h: 1 cp"), is that dose's
            all(_aside(m) or _same_match(m, doses[1]) for m in between) or _product_label(first, mentions, text)
        )
        if (
            dosed_after
            or _timing_then_count(first, doses, mentions, text)
            or _as_needed_then_count(first, doses, mentions)
        ):
            strengths.append(first)
            strengths.extend(_joined_strengths(first, doses, text))
    if name_span is not None:
        strengths.extend(_strength_after_name(mentions, doses, name_span, strengths))
        strengths.extend(_bare_strength(doses, name_span, strengths, text))
        strengths.extend(_dose_set_elsewhere(doses, name_span, strengths, text))
        counted = _count_named_strength(doses, name_span, strengths, text)
        if counted:  # the strength replaces the count it was read as; its unit is the form ("Creon 25,000 capsules")
            count = next(m for m in mentions if m.family == "dose" and m.start == counted[0].start)
            form = Mention("form", count.start, count.end, "strength.counted", (("form", count.get("dose.unit")),))
            mentions = sorted([m for m in mentions if m is not count] + [form], key=lambda m: m.start)
            strengths.extend(counted)
    taken = {id(m) for m in strengths}
    return strengths, [m for m in mentions if id(m) not in taken]


_TIMING = frozenset({"freq", "period", "when", "tod", "dow"})
_JOINS = frozenset({"et", "and", "+", "&"})


def _joined_strengths(first: Mention, doses: list[Mention], text: str) -> list[Mention]:
    """``Méthadone gélules 40 mg et 5 mg : quarante-cinq milligrammes par jour``: masses joined to
    the product's strength by ``et`` / ``and`` / ``+`` are its other strengths when a dose still
    follows them (the last mass before the posology was a second dose, silently)."""
    joined, previous = [], first
    for dose in doses[1:-1]:  # never the last: a dose still follows
        if text[previous.end : dose.start].strip().lower() not in _JOINS:
            break
        if dose.family != "dose" or dose.get("dose.high") is not None:
            break
        if dimension(dose.get("dose.unit")) not in STRENGTH_DIMENSIONS:
            break
        joined.append(dose)
        previous = dose
    return joined


def _timing_then_count(first: Mention, doses: list[Mention], mentions: list[Mention], text: str) -> bool:
    """``Propranolol 40 mg twice a day, half a tablet``, ``Doliprane 500 mg : deux fois par
    jour, un comprimé``, ``Méthotrexate 2,5 mg — Tous les lundis : 4 comprimés``: a mass right
    after the name, the timing, then after a comma or a colon the one
    counted dose, with no timing of its own: the mass is the strength (the sentence gives the
    timing first). A second timing after the count (``40 mg le matin, 1 cp le soir``) keeps
    both as doses. ``first`` is already a single mass right after the name (``split_strengths``)."""
    if len(doses) != 2:
        return False
    count = doses[1]  # a dose, or a moment's label and its count ("Le soir, au coucher : 1 comprimé")
    unit = count.get("dose.unit") if count.family == "dose" else count.get("slot.unit")
    if dimension(unit) != "count":
        return False
    between = [m for m in mentions if first.end <= m.start < count.start]
    column = text[max((m.end for m in between), default=first.end) : count.start].strip() in _COLUMNS
    allowed = _TIMING | {"route", "form"} | ({"bounds", "as_needed", "count"} if column else set())
    # (in columns, a single dose's or a course's column may stand alone: "Monuril 3 g — Dose unique — 1 sachet")
    said = any(m.family in _TIMING | ({"count", "bounds"} if column else set()) for m in between)
    if not said or any(m.family not in allowed for m in between):
        return False
    if not column and text[max(m.end for m in between) : count.start].strip() not in (",", ":"):
        return False  # "… — Tous les lundis : 4 comprimés" (a reminder app's heading)
    # "Lévothyrox 100 µg — Tous les jours — 06:30 — 1 comprimé — à jeun" (a reminder app's columns):
    # a timing in a column of its own after the count is that dose's, as the ones before it
    later = [m for m in mentions if m.start >= count.end and m.family in _TIMING]
    return not later or (column and text[count.end : later[0].start].strip() in _COLUMNS)


_COLUMNS = frozenset({"—", "–", "|", "•", "·"})  # a reminder app's or a plan's column separators


def _as_needed_then_count(first: Mention, doses: list[Mention], mentions: list[Mention]) -> bool:
    """``Doliprane 1000 mg si besoin 1 comprimé jusqu'à 3 fois par jour``, ``Paracetamol 500 mg PRN
    2 tablets up to 4 times a day``: a mass right after the name, the as-needed words, then the one
    counted dose: the mass is the strength (the line was two Dosages, 1000 mg and 1 tablet)."""
    if len(doses) != 2 or doses[1].family != "dose" or dimension(doses[1].get("dose.unit")) != "count":
        return False
    between = [m for m in mentions if first.end <= m.start < doses[1].start]
    # a form or a route word may stand between ("300 mg suppositoire — Si fièvre — 1 suppositoire")
    return any(m.family == "as_needed" for m in between) and all(
        m.family in ("as_needed", "form", "route") for m in between
    )


def _aside(mention: Mention) -> bool:
    """What may stand between a strength and the first dose: a form, another strength, a route,
    an instruction, a loading dose's label (``Clopidogrel 75 mg : dose de charge 4 cp …``)."""
    return mention.family in ("form", "strength", "route", "instruction") or mention.rule_id.startswith("count.loading")


def _product_label(first: Mention, mentions: list[Mention], text: str) -> bool:
    """``Dexamethasone 4 mg tablet: every 12 hours, 1 tablet …``, ``Omeprazole 20 mg capsule |
    Dose: 1 capsule``: the quantity, its form word and a colon (or a field separator) label the
    product; the posology after it may start with its timing or a label (``5mg: Day 1-2: …``)."""
    after = next((m for m in mentions if m.start >= first.end), None)
    separator = text[after.end : after.end + 2].strip()[:1] if after is not None else ""
    if after is not None and (
        (after.family == "bounds" and after.rule_id.startswith("bounds.day_")) or after.family in ("dow", "when")
    ):
        # "Prednisolone 5mg: Day 1-2: 40 mg daily", "Coumadin 5 mg: Every Monday: 2 tablets …": a
        # colon, then a plan written day by day (its heading's own colon after it)
        heading_end = max(
            (m.end for m in mentions if m.start >= after.start and m.family == after.family), default=after.end
        )
        later = text[heading_end : heading_end + 2].strip()[:1]
        return text[first.end : after.start].strip() == ":" and (separator in (":", "-") or later in (":", "-"))
    if after is None or after.family != "form":
        return False
    # the form's own words after it ("40 mg, comprimé sécable : deux fois par jour, un demi-comprimé")
    end = after.end
    while (word := _NEXT_WORD.match(text, end)) is not None and (
        norm(word.group(1)) in PRESENTATION_WORDS
        or any(m.family == "form" and m.start == word.start(1) for m in mentions)
    ):
        end = word.end()
    aside = _ASIDE.match(text, end)  # "4 mg tabs (Medrol dose pack): Day 1 - 6 tabs": the pack's name aside
    end = aside.end() if aside is not None else end
    return text[end : end + 2].strip()[:1] in (":", ";", "|", "-")


_NEXT_WORD = re.compile(r"[\s,]*([^\W\d_][\w.-]*)")
_ASIDE = re.compile(r"\s*\([^()\d]{1,40}\)")


# the line says the dose is decided elsewhere: "dose as per INR", "dose selon protocole" ("dose to be
# adjusted as per levels", "dose à adapter selon INR" adjust the dose written: it stays the dose)
_DOSE_ELSEWHERE = re.compile(
    r"\bdose\s+(?:as per|according to|selon)\b",
    re.IGNORECASE,
)


def _dose_set_elsewhere(
    doses: list[Mention], name_span: tuple[int, int], strengths: list[Mention], text: str
) -> list[Mention]:
    """``Warfarin 1mg tablets - dose as per INR``: when the line says the dose is set by a level
    or a protocol, the one mass right after the name is the product's strength, not a dose
    (the line is flagged for the words it could not read)."""
    if len(doses) != 1 or doses[0] in strengths or not _DOSE_ELSEWHERE.search(text):
        return []
    dose = doses[0]
    after_name = 0 <= dose.start - name_span[1] <= 2
    if dose.family != "dose" or not after_name or dose.get("dose.high") is not None:
        return []
    return [dose] if dimension(dose.get("dose.unit")) in STRENGTH_DIMENSIONS else []


def _same_match(mention: Mention, dose: Mention) -> bool:
    return mention.group >= 0 and mention.group == dose.group


def _percent_strength(mention: Mention) -> Mention:
    """A percentage is a concentration, never an amount to take: ``Clotrimazole 1% cream -
    apply …``, ``Diprosone 0,05 %`` — a strength even when it is the only quantity."""
    if mention.family != "dose" or mention.get("dose.unit") != "%" or mention.get("dose.high") is not None:
        return mention
    items = (("strength.value", mention.get("dose.low")), ("strength.unit", "%"))
    return Mention("strength", mention.start, mention.end, "strength.percent", items, mention.group)


def _combination(mention: Mention, name_span: tuple[int, int], mentions: list[Mention]) -> Mention:
    """``amoxicillin-clavulanate 875-125 mg 1 tab``: a falling "range" of masses right after
    the name, with a dose after it, is the two strengths of a combination, not a dose range;
    so is a rising one when the dose after it is counted (``Carbidopa-levodopa 25-100 mg 1 tab``:
    a mass range and a number of tablets cannot both be the dose), and after the form word a
    MAR writes between them (``Percocet Tablet 5-325 MG Give 1 tablet``). ``Ibuprofen 200-400
    mg q6h`` stays a dose range."""
    low, high, unit = mention.get("dose.low"), mention.get("dose.high"), mention.get("dose.unit")
    if mention.family != "dose" or high is None or low is None or dimension(unit) not in STRENGTH_DIMENSIONS:
        return mention
    # right after the name, or after the form word a MAR writes there ("Percocet Tablet 5-325 MG")
    after_form = any(
        m.family == "form" and name_span[1] <= m.start and 0 <= mention.start - m.end <= 2 for m in mentions
    )
    if not 0 <= mention.start - name_span[1] <= 2 and not after_form:
        return mention
    later = [m for m in mentions if m.family in ("dose", "slot") and m.start >= mention.end]
    counted = later and (later[0].family == "slot" or dimension(later[0].get("dose.unit")) not in STRENGTH_DIMENSIONS)
    if not later or (high > low and not counted):
        return mention
    items = (("strength.value", low), ("strength.value", high), ("strength.unit", unit))
    return Mention("strength", mention.start, mention.end, "strength.combination", items, mention.group)


_DECIMAL = re.compile(r"\d+[.,]\d+")


def _bare_strength(
    doses: list[Mention], name_span: tuple[int, int], strengths: list[Mention], text: str = ""
) -> list[Mention]:
    """A bare number right after the name, with no unit of its own, is a unit-less strength
    (``Tab Crocin 500 SOS``, ``Pantocid 40 OD``, ``Telma 40 0-0-1``: CONVENTIONS §7), never a
    dose of 500 tablets; a small number (below :data:`BARE_STRENGTH_MIN`) is one only when
    another dose follows, when it is written as a decimal (``Tab. Alprax 0.25 HS SOS``) or
    after a release modifier (``Tab. Ondem MD 4 SOS``)."""
    after = next((m for m in doses if m.start >= name_span[1]), None)
    if after is None or after in strengths or after.family != "dose" or after.start - name_span[1] > 1:
        return []
    if after.get("dose.unit") is not None or after.get("dose.high") is not None or len(after.items) != 1:
        return []
    others = [d for d in doses if d is not after and d not in strengths]
    decimal = bool(_DECIMAL.fullmatch(text[after.start : after.end]))  # "Tab. Alprax 0.25 HS": no count has decimals
    # "Tab. Ondem MD 4 SOS": after a release modifier closing the name, a number is the product's
    modified = text[name_span[0] : name_span[1]].rsplit(None, 1)[-1].lower() in RELEASE_MODIFIERS if text else False
    return [after] if after.get("dose.low") >= BARE_STRENGTH_MIN or others or decimal or modified else []


PLAUSIBLE_COUNT_MAX = 10  # "doliprane 150 suppo 1 suppo": nobody takes 150 suppositories at once
# units counted one by one (drops and puffs may well be 20 at a time)
SOLID_UNITS = frozenset({"tablet", "capsule", "suppository", "sachet", "ampoule", "vial", "patch", "pessary", "pen"})


def _count_named_strength(
    doses: list[Mention], name_span: tuple[int, int], strengths: list[Mention], text: str = ""
) -> list[Mention]:
    """``doliprane 150 suppo 1 suppo``: a count of a unit of presentation right after the name,
    too large to be a count (10 or more) and followed by another dose, is the product's
    (unit-less) strength; so is one written as an Indian catalogue name, the form word singular
    and capitalised, with a dose after it (``Glycomet GP 2 Tablet 1-0-1``) or too large to be
    a count (``Azee 500 Tablet once daily``). ``Méthotrexate 2,5 mg 10 cp le lundi`` stays 10
    tablets (flagged W023)."""
    anchor = name_span[1]
    for strength in sorted(strengths, key=lambda m: m.start):  # "Janumet 50/500 Tablet": after the first strength
        if 0 <= strength.start - anchor <= 1:
            anchor = strength.end
    after = next((m for m in doses if m.start >= name_span[1] and m not in strengths), None)
    if after is None or after.family != "dose" or after.start - anchor > 1:
        return []
    unit = after.get("dose.unit")
    if unit not in SOLID_UNITS or after.get("dose.high") is not None:
        return []
    others = [d for d in doses if d is not after and d not in strengths and d.start > after.end]
    # "Glycomet GP 2 Tablet 1-0-1" (an Indian pharmacy's catalogue name): the form word singular
    # and capitalised, a dose after it; a count is written "2 tablets", "2 tab", "2 cp"
    # ("Azee 500 Tablet once daily": so large a count written so is the name's, even alone)
    catalogue = _CATALOGUE_FORM.search(text[after.start : after.end]) is not None
    large = after.get("dose.low") >= PLAUSIBLE_COUNT_MAX
    if not ((large and others) or (catalogue and (others or large))):
        return []
    return [Mention("dose", after.start, after.end, after.rule_id, (("dose.low", after.get("dose.low")),), after.group)]


_CATALOGUE_FORM = re.compile(r"\s(?:Tablet|Capsule|Sachet|Suppository|Injection|Ampoule|Vial)$")


def _strength_after_name(
    mentions: list[Mention], doses: list[Mention], name_span: tuple[int, int], strengths: list[Mention]
) -> list[Mention]:
    """Policy 1b: a count, then the name, then a quantity right after it — "1 comprimé de
    Doliprane 1000 mg le matin", "1 injection sous-cutanée de Lovenox 4000 UI par jour": the
    quantity attached to the name is its strength, the count is the dose (CONVENTIONS §1)."""
    name_start, name_end = name_span
    after = next((m for m in doses if m.start >= name_end), None)
    if after is None or after in strengths or after.family != "dose" or after.start - name_end > 2:
        return []
    counted = any(  # a count, or a plan's column of counts ("matin : 1 comprimé | soir : 1 comprimé")
        d.end <= name_start
        and (unit := d.get("dose.unit") if d.family == "dose" else d.get("slot.unit")) is not None
        and dimension(unit) not in STRENGTH_DIMENSIONS
        for d in doses
    )
    if (
        counted
        and after.get("dose.high") is None
        and dimension(after.get("dose.unit")) in STRENGTH_DIMENSIONS
        and not _has_other_fields(after, mentions)
    ):
        return [after]
    return []


def _has_other_fields(dose: Mention, mentions: list[Mention]) -> bool:
    """A quantity sharing its match with a timing ("1 à 7h") is a dose, not a strength."""
    return any(m is not dose and m.group == dose.group for m in mentions)
