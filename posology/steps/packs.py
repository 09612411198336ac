"""What a line says of the pack rather than of the dose: the quantity supplied (``| 28 tablet |``,
``… each morning. 30 capsules``, ``…, 1 flacon``, ``— 5 ml`` in a GP template's last column)
and the product's presentation (``3ml pre-filled pen``, ``seven day patches``). Each becomes an
instruction, as written, never a dose (used by the adjust step).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from posology.fields.mentions import DATE_RULES, Mention, instruction_mention
from posology.fields.strengths import STRENGTH_DIMENSIONS
from posology.text.tokenizer import doc_tokens
from posology.units.registry import convert, dimension

AMOUNT_DIMENSIONS = STRENGTH_DIMENSIONS | {"volume"}  # an amount, not a count of units


def pack_quantities(text: str, mentions: list[Mention], wide_gap: Callable[[int], bool] | None = None) -> list[Mention]:
    """``Amlodipine 5mg tablets | 28 tablet | One to be taken each morning``: a count of
    presentation units alone between two ``|`` (a dm+d export's pack quantity), with a dose
    written in a later field, is the quantity supplied: an instruction (``Quantity: 28 tablet``),
    never a dose. Without a later dose (``Doliprane 500 mg | 2 cp | 3 fois par jour``) it stays the dose."""
    mentions = _pack_after_form(text, mentions)
    mentions = _label_header(text, mentions)
    mentions = _pack_at_end(text, mentions, wide_gap)
    if "; " in text:  # "A … - 28 tablet; B … - 28 tablet": each item its quantity column
        mentions = _packs_of_items(text, mentions, wide_gap)
    mentions = _presentation(text, mentions)
    mentions = _pack_label(text, mentions)
    mentions = _tube_sizes(text, mentions)
    mentions = _quantity_after_a_dose(text, _pack_after_strength(text, mentions))
    labelled = ("dispense.quantity_then_refills", "dispense.pack_size")
    if any(m.rule_id in labelled for m in mentions):
        mentions = [  # "…, 90 tab(s), 3 Refill(s)", "capsules x28" (rules/dispense.yaml): labelled like the others
            Mention(
                m.family,
                m.start,
                m.end,
                m.rule_id,
                (("instruction", "Quantity: " + m.get("instruction").lstrip("xX( ")),),  # "x28", "(21": 28, 21
                m.group,
            )
            if m.rule_id in labelled and m.family == "instruction"
            else m
            for m in mentions
        ]
    if text.count("|") < 2:
        return mentions
    doses = [m for m in mentions if m.family == "dose"]
    kept: list[Mention] = []
    for mention in mentions:
        left, right = text.rfind("|", 0, mention.start), text.find("|", mention.end)
        after = text[mention.end : right].strip() if right >= 0 else "x"
        unit = mention.get("dose.unit")
        alone = (
            mention.family == "dose"
            and mention.rule_id != "dose.labelled_bare"  # "| Dose: 1 capsule |" says it is the dose
            and left >= 0
            and right >= 0
            and not text[left + 1 : mention.start].strip()
            and mention.get("dose.high") is None
            # "| 28 tablet |", or a pack word no alias knows ("| 1 inhaler |")
            and (
                (unit is not None and not after)
                or (unit is None and (after.isalpha() or (not after and text[mention.end - 1].isalpha())))
            )
            and dimension(unit) not in AMOUNT_DIMENSIONS
        )
        if alone and any(d.start > right and not _phase_between(mentions, right, d.start) for d in doses):
            end = right if unit is None else mention.end
            written = "Quantity: " + text[mention.start : end].strip()  # labelled: read back as no dose
            kept.append(_pack(mention.start, end, written))
            continue
        kept.append(mention)
    return kept


def _phase_between(mentions: list[Mention], start: int, end: int) -> bool:
    """Whether a next phase begins between ``start`` and ``end`` (``| 2 cp | PO | 5 j puis 1 cp 5 j``:
    the later dose is the next phase's, the column the first phase's dose)."""
    return any(m.family == "phase" and start < m.start < end for m in mentions)


def _pack(start: int, end: int, written: str) -> Mention:
    """What describes the pack or the product (``Quantity: 28 tablet``, ``Presentation: 3ml``):
    an instruction, labelled so that its rendering reads back as no dose."""
    return instruction_mention(start, end, "orders.pack", written)


_SEPARATOR_AFTER = re.compile(r"\s*(?:-|–|—|:)\s")
# ("112 tablet  (repeats: 5)": the refills' bracket; "- 6 capsule (Acute)": a GP list's item kind)
_LINE_END = re.compile(r"[\s().,—–-]*(?:\((?:acute|repeat)\)[\s.]*)?", re.IGNORECASE)
# a GP system's issue record after its quantity column: "- Last issued 02-Apr-2024", "- Repeat: 3 of 6 issues"
_GAP_TAIL = re.compile(r" [^\d\s].*")  # the next columns, after a gap (a patient's name, then maybe a date)
_LIST_TAIL = re.compile(
    r"[\s|—–:-]*(?:(?:repeat|acute|last\s+issued|issued|review(?:\s+date)?|discontinued|suspended|stopped|withheld"
    r"|cancelled)\b[\s|—–:-]*)*",
    re.IGNORECASE,
)
_ISSUE_TAIL = re.compile(r"\s*-\s*(?:last issued|repeat)\b.*", re.IGNORECASE | re.DOTALL)


# what a volume or a number of days describes in a product's name: "3ml pre-filled pen", "seven day patches"
_DEVICE_AFTER = re.compile(
    r"\s*(?:pre-?filled|prefilled|pens?\b|cartridges?|cartouches?|stylos?|vials?|flacons?|syringes?|seringues?"
    r"|flexpen|flextouch|solostar|kwikpen|quickpen|penfill|innolet"  # insulin pens' own names
    r"|(?:transdermal\s+)?patch(?:es)?\b|dispositifs?)",
    re.IGNORECASE,
)


# a liquid form's name right before a volume: "eye drops 2.5ml:", "oral solution 150ml -"
_FORM_BEFORE = re.compile(
    r"\b(?:drops|solution|suspension|spray|liquid|syrup|lotion|mouthwash|shampoo|collyre)\s*$", re.IGNORECASE
)


# a cream's tube size after its form word, before the verb: "Betnovate-N Cream 20g apply on face"
_TUBE_BEFORE = re.compile(r"\b(?:cream|ointment|oint|gel|creme|crème|pommade|tube)\s*$", re.IGNORECASE)
_APPLY_AFTER = re.compile(r"\s*(?:[-:|]\s*)?(?:apply|appliquer|to be applied|use)\b", re.IGNORECASE)


def _presentation(text: str, mentions: list[Mention]) -> list[Mention]:
    """``Insulin glargine 100units/ml 3ml pre-filled pen 18 units``, ``Buprenorphine 5micrograms/hour
    seven day transdermal patches ONE patch``: a volume or a number of days right before a
    device word describes the product (its size, how long one patch lasts), with a dose of its
    own later on the line; never a dose or a duration. So does a volume after a liquid form's
    name and before a label's ``:`` / ``-`` (``eye drops 2.5ml: Instil ONE drop``). Kept as an
    instruction, as written."""

    def sized(mention: Mention) -> bool:
        volume = mention.family == "dose" and dimension(mention.get("dose.unit")) == "volume"
        after_strength = any(m.family == "strength" and 0 <= mention.start - m.end <= 2 for m in mentions)
        header = after_strength or _FORM_BEFORE.search(text, max(0, mention.start - 16), mention.start)
        if volume and header and _SEPARATOR_AFTER.match(text, mention.end) and not _range_start(mention):
            # "Latanoprost 50micrograms/ml eye drops 2.5ml: Instil ONE drop", "10mg/5ml 100ml - Take 5ml":
            # the bottle's size, in a label's header
            return True
        return (volume or mention.family == "bounds") and _DEVICE_AFTER.match(text, mention.end) is not None

    def _range_start(mention: Mention) -> bool:
        """``oral solution 2.5ml - 5ml every 4 hours``: a larger volume after the dash is the range's top."""
        after = next((m for m in mentions if m.start >= mention.end), None)
        return (
            after is not None
            and after.family == "dose"
            and after.get("dose.unit") == mention.get("dose.unit")
            and text[mention.end : after.start].strip() in ("-", "–", "to")
            and (after.get("dose.low") or 0) > (mention.get("dose.low") or 0)
        )

    return _relabelled(text, mentions, sized)


# a French drug database's container before its content: "COLLYRE FL 2,5 ML", "CREME T/30 G", "B/30",
# "SOL BUV AMP 2ML", "SOL INJ SER 0,4 ML"
_CONTAINER_BEFORE = re.compile(
    r"(?:\b(?:FL|FLACON|TUBE|BTE|BOITE|AMP|AMPOULE|SER|SERINGUE|STYLO|CARTOUCHE|POCHE|PIPETTE|UNIDOSE)\s*/?\s*"
    r"|\b[TB]/\s*)$"
)
_CONTAINER_REACH = 32  # how far back the container word may start (the text is squeezed: "FLACON / " is 9)


def _pack_label(text: str, mentions: list[Mention]) -> list[Mention]:
    """``XALATAN 0,005 % COLLYRE FL 2,5 ML 1 goutte …``, ``DIPROSONE 0,05 % CREME T/30 G 1
    application …``: an amount right after a container word in capitals (a drug database's
    label) is the content of the pack, never a dose or a strength, when a dose follows."""

    def contained(mention: Mention) -> bool:
        start = max(0, mention.start - _CONTAINER_REACH)  # a window, never the whole line before it
        return (
            mention.family in ("dose", "strength") and _CONTAINER_BEFORE.search(text, start, mention.start) is not None
        )

    return _relabelled(text, mentions, contained)


def _tube_sizes(text: str, mentions: list[Mention]) -> list[Mention]:
    """``Betnovate-N Cream 20g apply on face at night``: a mass of 5 g or more right after a
    cream's form word and before the verb is the tube's size (a cream applied has no dose),
    never a dose; kept as a presentation. ``Voltaren gel: apply 2 g`` keeps its dose."""
    return [
        _pack(m.start, m.end, "Presentation: " + text[m.start : m.end])
        if m.family == "dose"
        and m.get("dose.high") is None
        and dimension(m.get("dose.unit")) == "mass"
        and convert(m.get("dose.low") or 0, m.get("dose.unit"), "g") >= 5
        and _TUBE_BEFORE.search(text, max(0, m.start - 12), m.start)
        and _APPLY_AFTER.match(text, m.end)
        else m
        for m in mentions
    ]


def _relabelled(text: str, mentions: list[Mention], describes_pack) -> list[Mention]:
    """Each single amount ``describes_pack`` says describes the product, with a dose or slots
    later on the line, becomes a ``Presentation: …`` instruction, as written."""
    kept: list[Mention] = []
    for index, mention in enumerate(mentions):
        if (
            describes_pack(mention)
            and mention.get("dose.high") is None
            and any(m.family in ("dose", "slot") for m in mentions[index + 1 :])
        ):
            kept.append(_pack(mention.start, mention.end, "Presentation: " + text[mention.start : mention.end]))
            continue
        kept.append(mention)
    return kept


def _pack_at_end(text: str, mentions: list[Mention], wide_gap: Callable[[int], bool] | None = None) -> list[Mention]:
    """``Take ONE tablet ONCE a day. (28)``, ``… each morning. 30 capsules`` (a UK label's pack
    quantity after its sentence), ``One to be taken each day  28 capsule``, ``apply … 500 gram``
    (a GP system's quantity column, its unit word singular): a whole quantity last on the line
    (refills may follow), after the posology, is the quantity supplied, never a dose. A count
    needs 5 or more; an amount (``500 ml``, ``30 gram``) the singular column word or 50 or more."""
    index = next(
        (
            k
            for k in range(len(mentions) - 1, -1, -1)
            # refills, a supply ("— supply for 28 days"), "- Last issued …" may follow the quantity
            if mentions[k].family not in ("refills", "supply")
            and mentions[k].rule_id != "orders.advice"
            and mentions[k].rule_id not in DATE_RULES  # "… 56 tablets  Mr D Hughes  14/03/25"
            and mentions[k].rule_id != "instruction.issue_number"  # "… 120 capsule  Repeat  Issue no. 2"
        ),
        None,
    )
    if index is None or index == 0:
        return mentions
    last = mentions[index]
    value = last.get("dose.low")
    if last.family != "dose" or last.get("dose.high") is not None or not isinstance(value, int | float):
        return mentions
    if last.rule_id == "dose.labelled_bare":  # "| Dose: 1 tablet" says it is the dose
        return mentions
    written = text[last.start : last.end]
    amount = dimension(last.get("dose.unit")) in AMOUNT_DIMENSIONS
    grams = written.lower().endswith("gram")
    column = _COLUMN_UNIT.search(written) is not None and (not amount or value >= 50 or grams)
    after_sentence = text[: last.start].rstrip().endswith((".", "(")) and not amount
    # "… at night — 2.5 ml", "… for 5 days — 10 ml" (a GP template's last column): the pack supplied
    # "… at night - 2.5 ml", "… each day - 4 tablet" (a GP system's list: its quantity column, singular word)
    spaced_dash = text[: last.start].rstrip().endswith(" -") and text.count(" - ") >= 2  # product - dosage - quantity
    last_column = (
        text[: last.start].rstrip().endswith(("—", "|"))
        and _another_unit(last, mentions[:index])
        and not _dose_column(last, mentions[:index], written)
    ) or (spaced_dash and _COLUMN_UNIT.search(written) is not None)
    tail = text[last.end : mentions[index + 1].start] if index + 1 < len(mentions) else text[last.end :]
    # "… until finished  21 capsules", "… with food  56 tablets  Mr D Hughes  14/03/25" (a UK label's
    # quantity column after two spaces; the patient's name and a date may follow in their own columns)
    gap_after = wide_gap is not None and wide_gap(last.end + 1)
    # "… ONE weekly on a Wednesday  4 tablet", "… every 3 months  1 ampoule": a GP list's column, its unit
    # word singular, whatever the count
    singular = _COLUMN_UNIT.search(written) is not None and not amount
    gapped = wide_gap is not None and wide_gap(last.start) and (singular or _another_dose(last, mentions[:index]))
    # "one drop in each eye twice daily  5 ml  Repeat": a column in another unit than the dose's
    gapped = gapped or (wide_gap is not None and wide_gap(last.start) and _another_unit(last, mentions[:index]))
    # "… 1 cuillère à soupe 3 fois par jour, 1 flacon": a container after a dose in another unit
    container = (
        last.get("dose.unit") in _CONTAINERS or _BOX.match(text, last.start + len(str(int(value))) if value else 0)
    ) and _another_unit(last, mentions[:index])
    # "… into both eyes at night   2.5 ml": a bottle's volume in its column, after drops
    bottle = gapped and _another_unit(last, mentions[:index]) and amount
    pack = (
        (
            container
            or last_column
            or (gapped and singular)
            or bottle
            or (value >= 5 and (column or after_sentence or gapped))
        )
        and (float(value).is_integer() or last_column or bottle)
        and (
            _LINE_END.fullmatch(tail) is not None
            or (container and _BOX_TAIL.fullmatch(tail) is not None)
            or (last_column and _ISSUE_TAIL.fullmatch(text, last.end) is not None)
            or (gapped and _GAP_TAIL.fullmatch(tail) is not None and gap_after)
            # "| 28 tablet | Repeat | Last issued …", "- 100 tablet - Acute - Issued …": a GP list's next columns
            or ((column or singular or last_column or gapped) and _LIST_TAIL.fullmatch(tail) is not None)
        )
        and any(m.family in _POSOLOGY for m in mentions[:index])
    )
    if not pack:
        return mentions
    return [*mentions[:index], _pack(last.start, last.end, "Quantity: " + written), *mentions[index + 1 :]]


def _packs_of_items(text: str, mentions: list[Mention], wide_gap: Callable[[int], bool] | None) -> list[Mention]:
    """:func:`_pack_at_end` for each item of a line whose items a ``;`` closes (a prescription's
    items on one line: ``Amlodipine 10mg tablets - Take one … - 28 tablet; Atorvastatin …``); the
    text up to the ``;`` is the item's line (its offsets unchanged)."""
    result: list[Mention] = []
    start = 0
    for end in [found.start() for found in re.finditer("; ", text)] + [len(text)]:
        item = [m for m in mentions if start <= m.start < end]
        result += _pack_at_end(text[:end], item, wide_gap) if end < len(text) else item
        start = end
    return result


def _another_dose(last: Mention, before: list[Mention]) -> bool:
    """Whether a smaller dose in the same unit comes before ``last`` (``ONE capsule … 21 capsules``)."""
    value = last.get("dose.low")
    return any(
        m.family == "dose" and m.get("dose.unit") == last.get("dose.unit") and (m.get("dose.low") or 0) < value
        for m in before
    )


def _another_unit(last: Mention, before: list[Mention]) -> bool:
    """Whether a dose before ``last`` on the line is in another unit (``ONE drop … — 10 ml``)."""
    return any(m.family == "dose" and m.get("dose.unit") not in (None, last.get("dose.unit")) for m in before)


def _dose_column(last: Mention, before: list[Mention], written: str) -> bool:
    """``Lisinopril 10 mg Tablet | Every day | 8:00 AM | 1 tablet``, ``Méthotrexate 2,5 mg — Chaque
    vendredi — 20:00 — 6 comprimés`` (a reminder app's columns): a count under 5, or up to 10 in
    the plural (a GP list's quantity column says ``28 tablet``), whose nearest dose before it is a
    mass or IU (its item's strength: no dose of the item between) is the dose column, never a pack."""
    value = last.get("dose.low") or 0
    if not (value < 5 or (value <= 10 and written.lower().endswith("s"))):
        return False
    doses = [m for m in before if m.family == "dose"]
    # the item's doses: after the last mass, no other dose ("Tahor 40 mg — 1 comprimé | Imovane 3,75 mg
    # — 1 comprimé": Imovane's count is its dose, whatever Tahor's is)
    masses = [k for k, m in enumerate(doses) if dimension(m.get("dose.unit")) in STRENGTH_DIMENSIONS]
    return bool(masses) and masses[-1] == len(doses) - 1


# the singular unit word of a quantity column ("28 capsule", "100 tablet", "500 ml", "30 gram")
_COLUMN_UNIT = re.compile(
    r"\s?(?:tablet|capsule|gram|ml|sachet|patch|pessary|suppository|inhaler|ampoule|vial|pen|bottle|tube|dose)$",
    re.IGNORECASE,  # "- 28 TABLET": an all-capitals list
)
_CONTAINERS = frozenset({"vial", "bottle"})  # what a product is supplied in, never taken whole
_BOX = re.compile(r"\s*(?:bo[iî]tes?|box(?:es)?|packs?|cartons?|tubes?)\b", re.IGNORECASE)
_BOX_TAIL = re.compile(
    r"\s*(?:bo[iî]tes?|box(?:es)?|packs?|cartons?|tubes?)?\s*(?:de|of|x)\s*\d+[\s).,]*", re.IGNORECASE
)
_POSOLOGY = frozenset({"dose", "slot", "freq", "period", "when", "as_needed", "abbrev", "bounds", "route"})


# a UK label's direction opens with a capitalised verb: "… eye drops 10ml Use ONE drop …"
_DIRECTION_AFTER = re.compile(
    r"\s+(?:Take|TAKE|Use|USE|Give|GIVE|Insert|INSERT|Spray|SPRAY|Put|PUT|Inject|INJECT|Apply|APPLY|Instil|INSTIL"
    r"|Inhale|INHALE|Dissolve|DISSOLVE|Place|PLACE|Chew|CHEW|Suck|SUCK|ONE|TWO|HALF)\b"
)


def _label_header(text: str, mentions: list[Mention]) -> list[Mention]:
    """``Naproxen 250mg gastro-resistant tablets (56) Take TWO tablets …``, ``Lactulose solution
    500ml Take FIFTEEN ml …``, ``nasal spray (200 dose) Spray TWO sprays …`` (a UK dispensing
    label's product line, then its direction): a bare count in parentheses, or a volume right
    before the direction's capitalised verb, with only amounts before it (the strength) and a
    dose of its own later, is the pack quantity (an instruction), never a dose."""
    doses = [m for m in mentions if m.family in ("dose", "slot")]
    kept: list[Mention] = []
    for mention in mentions:
        later = any(m.start > mention.end for m in doses)
        earlier = [m for m in doses if m.end <= mention.start]
        header = mention.family == "dose" and later and all(_amount(m) for m in earlier)
        wrapped = _wraps(text, mention)
        volume = dimension(mention.get("dose.unit")) == "volume" and _DIRECTION_AFTER.match(text, mention.end)
        if header and (wrapped or volume):
            kept.append(_pack(mention.start, mention.end, "Quantity: " + text[mention.start : mention.end]))
            continue
        kept.append(mention)
    return kept


_BARE_IN_PARENTHESES = re.compile(r"\(\s*\d+(?:\s*doses?)?\s*\)")


def _wraps(text: str, mention: Mention) -> bool:
    """Whether ``mention`` is a bare count alone in parentheses (``(56)``, ``(200 dose)``; the
    NER's span may hold the closing one: ``56)``)."""
    opening, closing = text.rfind("(", 0, mention.start + 1), text.find(")", mention.start)
    return (
        0 <= opening
        and mention.start - opening <= 2
        and closing >= mention.end - 1
        and _BARE_IN_PARENTHESES.fullmatch(text, opening, closing + 1) is not None
    )


def _amount(mention: Mention) -> bool:
    return mention.family == "dose" and dimension(mention.get("dose.unit")) in AMOUNT_DIMENSIONS | {"ratio"}


def _pack_after_form(text: str, mentions: list[Mention]) -> list[Mention]:
    """``Amlodipine 5mg tablets 28 tablets - one to be taken each day`` (a UK label): a count of
    the units the form word right before it names, then a separator (or the direction's
    capitalised verb: ``32 tablet Take ONE …``) and a dose of its own, is the pack quantity (an
    instruction), never a dose."""
    kept: list[Mention] = []
    for index, mention in enumerate(mentions):
        previous = kept[-1] if kept else None
        pack = (
            mention.family == "dose"
            and previous is not None
            and previous.family == "form"
            and not text[previous.end : mention.start].strip()
            and mention.get("dose.high") is None
            and mention.get("dose.unit") is not None
            and mention.get("dose.unit") == previous.get("form")
            and (_SEPARATOR_AFTER.match(text, mention.end) or _DIRECTION_AFTER.match(text, mention.end)) is not None
            and any(m.family in ("dose", "slot") for m in mentions[index + 1 :])
        )
        if pack:
            kept.append(_pack(mention.start, mention.end, "Quantity: " + text[mention.start : mention.end]))
            continue
        kept.append(mention)
    return kept


def column_quantities(doc, wide_gap: Callable[[int], bool], mentions: list[Mention], covered: set[int], rejected: list):
    """``Metformin 500mg tablets   56   Take ONE tablet …``, ``Lactulose oral solution   1 x 500ml
    Take 15ml …``, ``Clenil Modulite … inhaler   1 x 200 dose   Inhale …``: a UK label's quantity
    column, alone between two column gaps after the product and before the direction (or packs of
    so much last on the line, ``… with each main meal  5 x 3ml``), is the pack
    supplied (an instruction, ``Quantity: 56``), never a dose, a frequency or a duration. The
    rule mentions over it are dropped, and the refused matches (``1 x 2.5ml``: no frequency of
    2.5); its tokens are covered (the NER never reads them). Returns the mentions, the covered
    tokens and the refused matches."""
    text = doc.text
    found = []
    for match in _COLUMN_QUANTITY.finditer(text):
        start, end = match.start(1), match.end(1)
        if start == 0 or not wide_gap(start):
            continue
        packs = "x" in match.group(1).lower() or "×" in match.group(1)
        if end >= len(text) or not wide_gap(end + 1):
            if packs and text[end:].strip() == "":  # "… with each main meal  5 x 3ml": the last column
                found.append((start, end))
            continue
        if not _PRODUCT_BEFORE.search(text, 0, start - 1):
            continue  # the product's line first ("… tablets", "… 500mg", "… inhaler")
        found.append((start, end))
    if not found:
        return mentions, covered, rejected
    rejected = [r for r in rejected if not any(r.start_char < e and s < r.end_char for s, e in found)]
    inside = {m.group for m in mentions for s, e in found if m.start < e and s < m.end}
    kept = [m for m in mentions if m.group not in inside or m.group < 0]
    kept = [m for m in kept if not any(m.start < e and s < m.end for s, e in found)]
    for s, e in found:
        kept.append(_pack(s, e, "Quantity: " + text[s:e]))
        covered = covered | {t.i for t in doc_tokens(doc) if s <= t.idx < e}
    return sorted(kept, key=lambda m: m.start), covered, rejected


# "56", "1 x 500ml", "1 x 200 dose", "2 x 28" (a label's quantity column)
_COLUMN_QUANTITY = re.compile(
    r"(?:^|\s)(\d{1,4}(?:\s?[x×]\s?\d{1,4}(?:[.,]\d+)?\s?(?:ml|g|grams?|doses?|tablets?|capsules?)?)?)(?=\s|$)",
    re.IGNORECASE,
)
_PRODUCT_BEFORE = re.compile(
    r"(?:tablets?|capsules?|cream|ointment|gel|drops|solution|suspension|inhaler|spray|patch(?:es)?|pessar(?:y|ies)"
    r"|suppositor(?:y|ies)|sachets?|granules|powder|lotion|shampoo|liquid|syrup|pen|pens|injection|modulite"
    r"|turbohaler|accuhaler|evohaler|ellipta|aniseed|peppermint|\d\s?(?:mg|g|ml|micrograms?|mcg|%))\s?$",
    re.IGNORECASE,
)


def _quantity_after_a_dose(text: str, mentions: list[Mention]) -> list[Mention]:
    """``… - 1 injection intramusculaire en cas de réaction … - Quantité : 2 stylos``: a renderer's
    ``Quantité :`` after the line's dose is the quantity to dispense, kept as written; before any
    dose (``Seretide … | Quantité : 2 bouffées | Moment : …``) it stays the dose's label."""
    labelled = [m for m in mentions if m.rule_id == "dose.labelled_amount"]
    if not labelled:
        return mentions
    out = []
    for mention in mentions:
        dosed_before = any(  # a counted dose ("1 injection"), never the product's mass ("Ventoline 100 µg")
            m.family == "dose" and m.end <= mention.start and dimension(m.get("dose.unit")) not in STRENGTH_DIMENSIONS
            for m in mentions
        )
        if mention.rule_id == "dose.labelled_amount" and dosed_before:
            written = text[mention.start : mention.end]
            mention = instruction_mention(mention.start, mention.end, mention.rule_id, written)
        out.append(mention)
    return out


# "1mg x 84 tablets": the product's strength, then "x" and a count of units (the pack)
_TIMES_AFTER_STRENGTH = re.compile(
    r"\d\s*(?:mg|g|mcg|µg|ug|micrograms?|milligrams?|iu|units?|%)\s*[x×]\s*$", re.IGNORECASE
)


def _pack_after_strength(text: str, mentions: list[Mention]) -> list[Mention]:
    """``Finasteride 1mg x 84 tablets — Take ONE tablet daily``: a count of ten units or more written
    with ``x`` right after the product's strength, and a smaller dose of the same unit later on the
    line, is the pack supplied (kept as written, ``Quantity: 84 tablets``), never a dose of 84."""
    out = []
    for mention in mentions:
        count, unit = mention.get("dose.low"), mention.get("dose.unit")
        later = [
            m
            for m in mentions
            if m.family == "dose"
            and m.start >= mention.end
            and m.get("dose.unit") == unit
            and count is not None
            and (m.get("dose.high") or m.get("dose.low") or count) < count
        ]
        if (
            mention.family == "dose"
            and count is not None
            and count >= 10
            and dimension(unit) not in AMOUNT_DIMENSIONS
            and later
            and _TIMES_AFTER_STRENGTH.search(text, 0, mention.start)
        ):
            written = text[mention.start : mention.end]
            mention = instruction_mention(
                mention.start, mention.end, "dispense.pack_after_strength", "Quantity: " + written
            )
        out.append(mention)
    return out
