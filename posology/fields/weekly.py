"""Weekly calendars (anticoagulation plans, levothyroxine): a daily dose with other doses on
named days (issue #12, CONVENTIONS §7).

``Warfarin 1 mg: one tablet daily, two tablets on Saturdays``, ``Coumadin 5 mg daily except
7.5 mg on Tuesdays``, ``1 cp par jour sauf 1/2 cp le dimanche``: the named days' dose is taken
*instead of* the daily one on those days, so the daily dose is on the other days of the week
(the days mention added to it). A dose said to come on top (``extra``, ``en plus``) is no
calendar: left as written.
"""

from __future__ import annotations

import re

from posology.fields.cues import DAYS
from posology.fields.mentions import Mention
from posology.text.tokenizer import doc_text

# between the daily dose and the dose of the named days: separators and "except" only (no name)
_JOIN = re.compile(r"\s*(?:[,;]\s*)?(?:(?:except|but|sauf|mais|and|et)\b\s*)?", re.IGNORECASE)
_ON_TOP = re.compile(
    r"\b(?:extra|additional|another|also|plus|more|further|en\s+plus|suppl[ée]mentaires?|de\s+plus)\b", re.IGNORECASE
)
_SEPARATOR = re.compile(r"\s*[,;]\s*")
_DOSES = ("dose", "slot")


def daily_but_days(doc, mentions: list[Mention]) -> list[Mention]:
    """The daily dose of a weekly calendar gets the days no later dose names (see the module)."""
    text = doc_text(doc)
    if not any(m.family == "dow" for m in mentions) or _ON_TOP.search(text):
        return mentions
    ordered = sorted(mentions, key=lambda m: m.start)
    for index, daily in enumerate(ordered):
        if not _is_daily(daily, ordered):
            continue
        doses = [m for m in ordered[:index] if m.family in _DOSES]
        later = [m for m in ordered[index + 1 :] if m.family != "freq" or m.group != daily.group]
        if not doses or not later or later[0].family not in _DOSES:
            continue
        joined = _JOIN.match(text, daily.end)
        if joined is None or joined.end() != later[0].start:
            continue
        if daily.family == "when" and not _SEPARATOR.fullmatch(text[daily.end : joined.end()]):
            continue  # "1 cp le matin et 1 cp à midi": two moments of each day
        after = later[1:]
        stop = next((i for i, m in enumerate(after) if m.family in _DOSES), len(after))
        named_days = [m for m in after[:stop] if m.family == "dow"]
        if any(m.rule_id.startswith("orders.") for m in named_days):
            continue  # "…, sauf le week-end": the days taken by every dose, no calendar
        named = {d for m in named_days for d in m.all("dow")}
        own = [m for m in ordered[: index + 1] if m.family == "dow" and m.start >= doses[-1].start]
        if not named or len(named) == 7 or own:
            continue
        items = tuple(("dow", d) for d in DAYS if d not in named)
        days = Mention("dow", daily.start, joined.end(), "orders.other_days", items, daily.group)
        return sorted([*mentions, days], key=lambda m: m.start)
    return mentions


def _is_daily(mention: Mention, mentions: list[Mention]) -> bool:
    """A once-a-day period (``daily``, ``OD``, ``par jour``, ``/j``) or a moment of the day
    (``le soir``, ``at night``): one intake each day."""
    if mention.family == "when":
        return not any(m.family in ("freq", "period") and m.group == mention.group for m in mentions)
    if mention.family != "period" or mention.get("period.unit") != "d" or mention.get("period.value", 1) != 1:
        return False
    return all(m.get("freq.n", 1) == 1 for m in mentions if m.family == "freq" and m.group == mention.group)
