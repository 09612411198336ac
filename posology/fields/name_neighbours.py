"""What stands right around a drug name: the bare number after it (its unit-less strength,
``Tab Dolo 650``), the count before it (``2 Doliprane``), and the drugs an order verb names
(``STOP aspirin``, ``Suspendre Coversyl et Aldactone``). Used by the read step (counts) and
the names step (numbers after names, names after orders).
"""

from __future__ import annotations

import re
from itertools import islice

from posology.fields.cues import Cue
from posology.fields.medications import BARE_STRENGTH_MIN, SEPARATORS
from posology.fields.mentions import Mention
from posology.matching.lexicon import token_value
from posology.text.numbers import WEAK_NUMBER_WORDS
from posology.text.tokenizer import doc_text, doc_tokens
from posology.text.words import CONTAINER_WORDS, DOCTOR_TITLES, FUNCTION_WORDS, ORDER_NAME_SKIPS, ORDER_NAME_STOPS


def bare_numbers_after_names(doc, names, mentions: list[Mention], covered: set[int]):
    """A number no rule read, right after a drug name and before no unit (``Telma 40 0-0-1``,
    ``Dolo 650 1-0-1``), becomes a dose mention with no unit: the strength policy then reads
    it as a unit-less strength (CONVENTIONS §7). Returns the mentions and covered tokens."""
    mentions = _column_ranges(doc, names, mentions)
    added = []
    for run in names:
        if not run:
            continue
        following = list(islice((t for t in doc[run[-1].i + 1 :] if not t.is_space), 3))
        if following and following[0].text == "-" and not run[-1].whitespace_:
            following = following[1:]  # Dolo-650
        if not following or following[0].i in covered or token_value(following[0], "num") is None:
            continue
        number = following[0]
        # a small whole number right before a slot layout ("Glycomet GP 1 1-0-1"); before a dose
        # ("Omega 3 2 caps") or ":" ("Mag 2 : 1 ampoule") it is part of the name
        dose_next = len(following) > 1 and any(m.start == following[1].idx and m.family == "slot" for m in mentions)
        # "TAB. WARF 2 | 1 tab daily": a column of its own, then the dose
        dose_next = dose_next or (
            len(following) > 2
            and following[1].text == "|"
            and any(m.start == following[2].idx and m.family in ("dose", "slot") for m in mentions)
        )
        if (
            not token_value(number, "is_digit_num")
            or (
                token_value(number, "num") < BARE_STRENGTH_MIN
                and token_value(number, "num") == int(token_value(number, "num"))
                and not dose_next
            )  # Concor 2.5
            or (number.norm_.startswith("0") and "." not in number.norm_)  # 0-0-1, not Lonazep 0.5
            or any(m.start <= number.idx < m.end for m in mentions)
        ):
            continue
        if len(following) > 1 and (_is_unit(following[1]) or token_value(following[1], "lex_time_unit") is not None):
            continue  # "Doliprane 500 mg": a quantity the rules read; "Xarelto 48 h avant": a delay
        shared = _pair_sharing_a_unit(following, mentions)
        if shared is not None:  # "Seretide 250/25 microgrammes/dose": both strengths in that unit
            pair = (
                ("strength.value", token_value(number, "num")),
                ("strength.value", shared.get("strength.value")),
                ("strength.unit", shared.get("strength.unit")),
            )
            mentions = [m for m in mentions if m is not shared]
            added.append(Mention("strength", number.idx, shared.end, "orders.bare_pair_unit", pair, shared.group))
            covered = covered | {number.i, number.i + 1}
            continue
        second = _bare_pair(following, covered)
        if second is not None:  # "Symbicort 200/6", "Percocet 5/325": two unit-less strengths
            last = _third(second, covered) or second  # "Trimbow 87/5/9": three
            numbers = [number, second] if last is second else [number, second, last]
            items = tuple(("strength.value", token_value(n, "num")) for n in numbers)
            added.append(Mention("strength", number.idx, last.idx + len(last.text), "orders.bare_pair", items))
            covered = covered | set(range(number.i, last.i + 1))
            continue
        added.append(_bare_dose(number, "orders.bare_number"))
        covered = covered | {number.i}
    return _with(mentions, added), covered


def _column_ranges(doc, names, mentions: list[Mention]) -> list[Mention]:
    """``Syp. Calpol 250 - 5 ml - SOS``, ``Inhaler Foracort 200 - 2 puffs BD``: an inverted
    "range" whose first number follows the drug's name and a spaced dash is the name's unit-less
    strength, then a column's dose (never 5 to 250 mL): the range becomes the dose alone, the
    first number a bare number (read as the strength)."""
    text = doc_text(doc)
    starts = {run[-1].idx + len(run[-1].text) for run in names if run}
    for mention in [m for m in mentions if m.family == "dose" and m.get("dose.high") is not None]:
        low, high = mention.get("dose.low"), mention.get("dose.high")
        if not (isinstance(low, (int, float)) and isinstance(high, (int, float)) and low > high):
            continue
        if not any(text[end : mention.start].strip(" .") == "" and end < mention.start for end in starts):
            continue  # the range must follow the name at once
        number = next((t for t in doc_tokens(doc) if t.idx == mention.start), None)
        dash = _COLUMN_DASH.match(text, number.idx + len(number.text)) if number is not None else None
        if number is None or dash is None:
            continue
        items = tuple((name, value) for name, value in mention.items if name not in ("dose.low", "dose.high"))
        dose = Mention("dose", dash.end(), mention.end, mention.rule_id, (("dose.low", high), *items), mention.group)
        strength = _bare_dose(number, "orders.bare_number")  # read as a unit-less strength (CONVENTIONS §7)
        mentions = sorted([m for m in mentions if m is not mention] + [strength, dose], key=lambda m: m.start)
    return mentions


_COLUMN_DASH = re.compile(r"\s+[-–—]\s+")


def _bare_dose(number, rule_id: str) -> Mention:
    """A dose of ``number`` with no unit (its unit, if any, is decided later)."""
    return Mention(
        "dose", number.idx, number.idx + len(number.text), rule_id, (("dose.low", token_value(number, "num")),)
    )


def _with(mentions: list[Mention], added: list[Mention]) -> list[Mention]:
    return sorted(mentions + added, key=lambda m: m.start) if added else mentions


_COUNT_OPENERS = frozenset({"prendre", "take", "give", "donner", "administrer", "avaler", "swallow"})
_COUNT_MAX = 4  # "2 Doliprane", "one Tylenol": a count of the product's units, never its strength


def counts_before_names(doc, find_runs, mentions: list[Mention], covered: set[int]):
    """``2 Doliprane si douleur``, ``un doliprane le soir``, ``take 2 tylenol q6h``: a small whole
    number no rule read, right before a drug name and opening the line, an item (after a
    separator) or an instruction verb, is the dose, with no unit (the product's unit, never
    guessed: CONVENTIONS §7). ``find_runs()`` gives the name runs, asked only when such a number
    is there. Returns the mentions and covered tokens."""
    candidates = {}
    previous = None
    for token in doc_tokens(doc):
        if token.is_space:
            continue
        value = token_value(token, "num") if token.i not in covered else None
        if (
            value is not None
            and value == int(value)
            and 1 <= value <= _COUNT_MAX
            and token.norm_ not in WEAK_NUMBER_WORDS
            and (previous is None or previous.text in SEPARATORS or previous.norm_ in _COUNT_OPENERS)
        ):
            candidates[token.i + 1] = token  # the squeezed text: one space, the token's own
        previous = token
    if not candidates:
        return mentions, covered
    added = []
    for run in find_runs():
        number = candidates.get(run[0].i) if run and run[0].norm_ not in CONTAINER_WORDS else None
        if number is None or not number.whitespace_ or any(m.start <= number.idx < m.end for m in mentions):
            continue
        added.append(_bare_dose(number, "orders.count_before_name"))
        covered = covered | {number.i}
    return _with(mentions, added), covered


def _after_slash(following: list):
    """The number glued after ``/`` in ``250/25`` (the words after a name's first number), else None."""
    if (
        len(following) < 3
        or following[1].text != "/"
        or following[1].whitespace_
        or not token_value(following[2], "is_digit_num")
    ):
        return None
    return following[2]


def _pair_sharing_a_unit(following: list, mentions: list[Mention]) -> Mention | None:
    """The strength mention of ``25 microgrammes/dose`` in ``250/25 microgrammes/dose`` right
    after a name (the first number no rule read), else None."""
    second = _after_slash(following)
    if second is None:
        return None
    return next(
        (
            m
            for m in mentions
            if m.family == "strength" and m.start == second.idx and m.get("strength.unit") is not None
        ),
        None,
    )


def _bare_pair(following: list, covered: set[int]):
    """The second number of ``200/6`` right after a name (no unit after it), else None."""
    second = _after_slash(following)
    if second is None or second.i in covered or second.norm_.startswith("0"):
        return None
    if second.i + 1 < len(second.doc) and _is_unit(second.doc[second.i + 1]):
        return None
    return second


def _third(second, covered: set[int]):
    """The third number of ``87/5/9`` (glued, no unit after it), else None."""
    doc, i = second.doc, second.i
    if i + 2 >= len(doc) or second.whitespace_ or doc[i + 1].text != "/" or doc[i + 1].whitespace_:
        return None
    third = doc[i + 2]
    if third.i in covered or not third.text.isdigit() or (i + 3 < len(doc) and _is_unit(doc[i + 3])):
        return None
    return third


def _is_unit(token) -> bool:
    """A unit of presentation or a measure unit (``cp``, ``mg``): the number before it is read."""
    return bool(token_value(token, "lex_unit_of_presentation") or token_value(token, "lex_unit"))


ORDER_KINDS = frozenset({"stop", "hold", "do_not"})  # the order verbs that name a drug after them


def names_after_orders(doc, cues: list[Cue], names: list, covered: set[int]) -> tuple[list, set[int]]:
    """The drug an order verb names when the name finder found none: ``STOP aspirin``,
    ``Suspend methotrexate until further notice`` (lower case, no posology after it) — the
    words after a verb that opens its clause (no name before it), articles and form words
    skipped, up to a function word. Returns the names and the token indices of those added."""
    extra: list = []
    named: set[int] = set()
    starts = {run[0].i: run[-1].i for run in names if run}  # a name's first token → its last
    for cue in cues:
        if cue.kind not in ORDER_KINDS or not cue.tokens:
            continue
        clause_start = max(  # a comma inside a brand's parentheses ("(PRINIVIL,ZESTRIL)") is read;
            # a full stop, or an abbreviation's ("x3/j. STOP Augmentin"), ends the clause
            (
                t.idx
                for t in doc_tokens(doc)
                if t.idx < cue.start
                and (
                    t.text in (";", ".", "\n")
                    or t.norm_ == ";"
                    or (t.text == "," and t.i not in covered)
                    or (t.text.endswith(".") and t.is_alpha is False and t.text[:-1].isalpha())  # "x3/j. STOP"
                    # a spaced dash or a column after a posology, a name after the verb ("… prn - stop Nurofen")
                    or (t.text in ("-", "–", "—", "|") and t.i - 1 in covered and _capital_after(doc, cue))
                )
            ),
            default=-1,
        )
        if any(run and clause_start < run[0].idx < cue.start for run in names):
            continue  # "Kardégic 75 : suspendre ...": the drug is named before the verb
        at: int | None = max(cue.tokens) + 1
        while at is not None:  # "Suspendre Coversyl et Aldactone": each drug the verb names
            run, at = _order_run(doc, at, starts, covered, named)
            if run:
                extra.append(run)
                named.add(run[0].i)
    return sorted(names + extra, key=lambda r: r[0].i), named


def _capital_after(doc, cue: Cue) -> bool:
    """A capitalised word no function word right after the order verb (``stop Nurofen``; never
    ``HELD pre-op``, ``SUSPENDED pending review``, ``SUSPENDU : Prendre …``)."""
    at = max(cue.tokens) + 1
    while at < len(doc) and doc[at].norm_ in _ARTICLES:  # "- arret du Crestor", "- stop the Lipitor"
        at += 1
    word = doc[at] if at < len(doc) else None
    return word is not None and word.text[:1].isupper() and word.is_alpha and word.norm_ not in FUNCTION_WORDS


_ARTICLES = frozenset({"du", "de", "des", "le", "la", "les", "l'", "d'", "the"})


_NAME_JOINS = frozenset({"et", "and", "&", ",", "+", "ni", "nor", "or", "ou"})  # "… d'IBUPROFENE ni d'ASPIRINE"
_FORM_WORDS = frozenset({"tab", "tabs", "cap", "caps", "inj", "syp", "cp"})
_ALTERNATIVES = frozenset({"ni", "nor", "or", "ou"})


def _order_run(doc, at: int, starts: dict[int, int], covered: set[int], named: set[int]) -> tuple[list, int | None]:
    """The words an order verb names from token ``at`` (articles and form words skipped, up to a
    function word), and where the next drug it names starts (after ``et`` / ``and`` / ``,``
    and a capitalised word), else None."""
    run: list = []
    form = False  # a form word just skipped: its abbreviation's dot follows ("HOLD T. ACITROM", "STOP Tab. X")
    for token in doc[at:]:
        if token.is_space:
            continue
        if token.i in starts:
            if run:  # words between the verb and a name found are no name ("définitivement la")
                return [], None
            named.add(token.i)  # the name finder has the drug the verb names
            return [], _joined_next(doc, starts[token.i] + 1, covered)
        if not run and (token.norm_ in ORDER_NAME_SKIPS or (form and token.text == ".")):
            form = token.norm_ in _FORM_WORDS
            continue
        if not run and token.text in ("T", "t") and token.i + 1 < len(doc) and doc[token.i + 1].text == ".":
            form = True  # "T." (Indian lists: tablet)
            continue
        if not run and _prescriber_at(doc, token.i):
            return [], None  # "arrêté par Dr Martin", "stopped by Dr Rao": who stopped it, never a drug
        stop = token.norm_ in ORDER_NAME_STOPS or token.norm_ == ";" or (bool(run) and token.norm_ in _NAME_JOINS)
        if token.i in covered or not token.is_alpha or stop or len(run) == 3:
            return run, (_joined_next(doc, token.i, covered) if run else None)
        run.append(token)
    return run, None


def _prescriber_at(doc, at: int) -> bool:
    """``par Dr Martin``, ``by Dr. Rao``, ``Dr Martin``: a doctor's name from token ``at``."""
    if doc[at].norm_ in ("par", "by") and at + 1 < len(doc):
        at += 1
    return doc[at].norm_ in DOCTOR_TITLES


def _joined_next(doc, at: int, covered: set[int]) -> int | None:
    """The token after ``et`` / ``and`` / ``,`` at ``at`` when it is a capitalised word (the next
    drug an order names), else None."""
    if at + 1 >= len(doc) or doc[at].norm_ not in _NAME_JOINS:
        return None
    after = at + 1
    while after + 1 < len(doc) and doc[after].norm_ in ("de", "d'", "d", "'", "le", "la", "les", "the"):
        after += 1  # "ni d'ASPIRINE"
    following = doc[after]
    if following.norm_ in ("autre", "autres", "other", "any"):
        return None  # "ni d'autre anti-inflammatoire": a class, no drug named
    # "… ibuprofen or aspirin": after "or" / "ni" the next drug may be lower case
    capital = following.text[:1].isupper() or doc[at].norm_ in _ALTERNATIVES
    return following.i if capital and following.is_alpha and following.i not in covered else None
