"""From rule matches to mentions: typed pieces of a posology with their character span.

A match fills fields named ``family.part`` (``dose.low``, ``period.unit``, ``when`` …); the
fields of one family in one match make one :class:`Mention`. Values are read from the
tokens: numbers from ``token._.num``, unit / event / route / day keys from the lexicon
attributes, free text from the token text; a rule's ``set`` fills parts its tokens do not.

>>> Mention("dose", 0, 4, "dose.count", (("dose.low", 1), ("dose.unit", "tablet"))).get("dose.unit")
'tablet'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.tokens import Token

from posology.matching.lexicon import token_value
from posology.matching.matcher import RuleMatch
from posology.resources import read_table

_TIME_FIELDS = {"period.unit", "bounds.unit", "offset.unit", "supply.unit", "max.per_unit", "strength.per.time"}
_LEX_FIELDS = {
    "when": ("when",),
    "slot.when": ("when",),
    "dow": ("day_of_week",),
    "dow.from": ("day_of_week",),
    "dow.to": ("day_of_week",),
    "route": ("route",),
    "form": ("unit_of_presentation", "dose_form", "unit"),
}
_UNIT_LEX = ("unit_of_presentation", "unit")
# the slots of an English adherence pack's card (a UK card's Tea is the evening meal)
_SLOT_WORDS = {
    "breakfast": "CM",
    "lunch": "CD",
    "dinner": "CV",
    "supper": "CV",
    "tea": "CV",
    "teatime": "CV",
    "bed": "HS",
}
_TEXT_FIELDS = {"as_needed.reason", "phase", "instruction", "tod.ampm", "when.meal", "slot.meal"}
# British shorthand "x 5/7", "1/52", "3/12": the denominator names the unit.
_DENOMINATOR_UNITS = {"7": "d", "52": "wk", "12": "mo"}
_ADVERBS = {"once": 1, "une fois": 1, "twice": 2, "thrice": 3, "daily": "d", "weekly": "wk", "monthly": "mo"}
_ADVERBS |= {"yearly": "a", "annually": "a"}
_ADVERBS |= {
    "i": 1,
    "ii": 2,
    "iii": 3,
    "iss": 1.5,
}  # US sig Roman numerals (iss: one and a half), taken only by rules that name them
# French drop counts in Roman numerals ("XV gouttes", "XX gttes"), taken only by dose.roman_drops
_ADVERBS |= {"v": 5, "x": 10, "xv": 15, "xx": 20, "xxv": 25, "xxx": 30, "xl": 40}
_ADVERBS |= {"un": 1, "une": 1}  # the French article as a count, taken only by dose.article_when


# the rules reading a date in figures ("ARRÊTÉ le 14/03/2025 à 10h12", "restart 12/09"): an
# instruction, as written, never a posology; a drug's name or a quantity column may come after it
DATE_RULES = frozenset(
    {
        "instruction.numeric_date",
        "instruction.numeric_date_dashes",
        "instruction.numeric_date_time",
        "instruction.dated_day",
        "instruction.dated_day_at",
        "instruction.month_name_date",
    }
)


@dataclass(frozen=True)
class Mention:
    family: str
    start: int  # character offsets in the (squeezed) text
    end: int
    rule_id: str
    items: tuple[tuple[str, Any], ...]  # (field, value) in token order, then rule constants
    group: int = -1  # index of the rule match it came from: mentions of one match belong together

    def get(self, field: str, default: Any = None) -> Any:
        for name, value in self.items:
            if name == field:
                return value
        return default

    def all(self, field: str) -> list[Any]:
        return [value for name, value in self.items if name == field]


def instruction_mention(start: int, end: int, rule_id: str, written: str) -> Mention:
    """Words kept as an instruction, as written (never a posology): ``Mention("instruction", …)``."""
    return Mention("instruction", start, end, rule_id, (("instruction", written),))


@lru_cache(maxsize=1)
def timing_abbreviations() -> dict[str, dict[str, str]]:
    return {row["alias"]: row for row in read_table("fhir/timing_abbreviations.csv")}


def _lex(token: Token, types: tuple[str, ...]) -> str | None:
    for lex_type in types:
        value = token_value(token, f"lex_{lex_type}")
        if value is not None:
            return value
    return None


def field_value(token: Token, field: str) -> Any:
    """The value a token gives to a field."""
    if field in _TIME_FIELDS:
        return token_value(token, "lex_time_unit") or _ADVERBS.get(token.norm_) or _DENOMINATOR_UNITS.get(token.norm_)
    if field == "bounds.sevenths":
        return int(token.norm_.split("/")[0])
    if field == "bounds.course" and "/" in token.norm_:  # J3/7: day 3 of 7
        return int(token.norm_.split("/")[1])
    if field == "slot.when":  # a moment, or the meal of a pack's card (Breakfast: 1 → CM, Tea: 1 → CV)
        return _SLOT_WORDS.get(token.norm_) or _lex(token, ("when",))
    if field.endswith(".unit") or field == "maxadm.unit":
        return _lex(token, _UNIT_LEX)
    if field in _LEX_FIELDS:
        return _lex(token, _LEX_FIELDS[field])
    if field == "when.meal":
        return token.norm_
    if field in _TEXT_FIELDS:
        return token.text
    if field == "abbrev":
        return token_value(token, "lex_timing_abbreviation")
    number = token_value(token, "num")
    if number is not None:
        return number
    return _ADVERBS.get(token.norm_, token.text)


def abbreviation_items(alias: str) -> list[tuple[str, Any]]:
    row = timing_abbreviations()[alias]
    items: list[tuple[str, Any]] = []
    for column, field in (
        ("frequency", "freq.n"),
        ("frequency_max", "freq.max"),
        ("period", "period.value"),
        ("period_max", "period.max"),
    ):
        if row[column]:
            items.append((field, float(row[column]) if "." in row[column] else int(row[column])))
    if row["period_unit"]:
        items.append(("period.unit", row["period_unit"]))
    items.extend(("when", code) for code in row["when"].split("|") if code)
    return items


def family_of(field: str) -> str:
    if field == "abbrev":
        return "abbrev"
    return field.split(".", 1)[0]


def mentions_from_match(match: RuleMatch, group: int = -1) -> list[Mention]:
    """One Mention per field family filled by the match (cue tokens are dropped)."""
    grouped: dict[str, list[tuple[Token | None, str, Any]]] = {}
    for token, field in match.tokens:
        route = token_value(token, "lex_route") if field == "dose.unit" else None
        if route:  # "1 application cutanée": unit and route
            grouped.setdefault("route", []).append((token, "route", route))
        if field == "cue":
            continue
        if field == "abbrev":
            for sub_field, value in abbreviation_items(field_value(token, field)):
                grouped.setdefault(family_of(sub_field), []).append((token, sub_field, value))
            continue
        grouped.setdefault(family_of(field), []).append((token, field, field_value(token, field)))
    if "dose" in grouped:
        grouped["dose"] = _scaled_range(grouped["dose"])
    for field, value in match.rule.set.items():
        family = family_of(field)
        present = {name for _, name, _ in grouped.get(family, [])}
        if field not in present:
            grouped.setdefault(family, []).append((None, field, value))
    instruction = [token for token, field, _ in grouped.get("instruction", []) if token is not None]
    if len(instruction) > 1:  # a multi-word instruction ("in 100 ml NS") is its text, as written
        first, last = instruction[0], instruction[-1]
        text = first.doc.text[first.idx : last.idx + len(last.text)]
        grouped["instruction"] = [(first, "instruction", text)]
    span_tokens = [token for token, _ in match.tokens]
    # A dose sharing its match with a timing ("1 à 7h", "2 le soir") keeps its own tokens;
    # otherwise every field of the match spans the whole match ("3x/j" for freq and period).
    own_tokens = "dose" in grouped and len(grouped) > 1
    mentions = []
    for family, entries in grouped.items():
        tokens = [token for token, _, _ in entries if token is not None and own_tokens] or span_tokens
        start = min(t.idx for t in tokens)
        end = max(t.idx + len(t.text) for t in tokens)
        items = tuple((field, value) for _, field, value in entries)
        mentions.append(Mention(family, start, end, match.rule.id, items, group))
    return mentions


_LEADING_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


def _scaled_range(entries: list[tuple[Token | None, str, Any]]) -> list[tuple[Token | None, str, Any]]:
    """``3-4 million units``, ``1,5 à 3 MUI``: the scale written once after the range's high end
    (the tokenizer scaled ``4 million`` alone) is its low end's too; the range was 3 to 4,000,000."""
    values = {name: (token, value) for token, name, value in entries}
    low, high = values.get("dose.low"), values.get("dose.high")
    if low is None or high is None or high[0] is None or not isinstance(low[1], int | float):
        return entries
    written = _LEADING_NUMBER.match(high[0].text)
    if written is None or not isinstance(high[1], int | float) or low[1] <= 0:
        return entries
    scale = high[1] / float(written.group().replace(",", "."))
    if scale < 1000 or low[1] * scale > high[1]:
        return entries
    return [(token, name, value * scale if name == "dose.low" else value) for token, name, value in entries]
