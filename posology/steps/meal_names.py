"""The meals' names of Quebec, Belgium and Switzerland, read while the mentions are adjusted
(``posology.steps.adjust``).

In France *déjeuner* is lunch and *dîner* dinner; in Quebec (and in Belgian and Swiss usage)
*déjeuner* is breakfast, *dîner* lunch and *souper* dinner. A line that names the *souper*
uses the second set: ``Metformine 500 mg 1 co. BID au déjeuner et au souper`` is breakfast and
dinner (it was lunch and dinner, silently). Without *souper* the French meaning stays (writers of
Quebec lines and of French lines with ``co die`` disagree on ``avant le déjeuner`` alone)."""

from __future__ import annotations

import dataclasses
import re

from posology.fields.mentions import Mention

_SOUPER = re.compile(r"\bsouper\b", re.IGNORECASE)
_DEJEUNER = re.compile(r"(?<!petit[- ])\bd[ée]jeuner\b", re.IGNORECASE)
_DINER = re.compile(r"\bd[îi]ner\b", re.IGNORECASE)
_EARLIER = {"D": "M", "V": "D"}  # the French meal's letter → the same word's meal in Quebec


def old_meal_names(mentions: list[Mention], clean: str) -> list[Mention]:
    """``mentions`` with the meal codes of ``déjeuner`` (→ breakfast) and ``dîner`` (→ lunch) moved
    to the Quebec meaning on a line that names the ``souper``."""
    if not _SOUPER.search(clean):
        return mentions
    result = []
    for mention in mentions:
        written = clean[mention.start : mention.end]
        letter = "D" if _DEJEUNER.search(written) else "V" if _DINER.search(written) else None
        if mention.family == "when" and letter is not None:
            items = tuple(_earlier(name, value, letter) for name, value in mention.items)
            mention = dataclasses.replace(mention, items=items)
        result.append(mention)
    return result


_EARLIER_MEAL = {"dejeuner": "petit-dejeuner", "diner": "dejeuner"}  # a meal word's norm (fields.dosages)


def _earlier(name: str, value, letter: str) -> tuple:
    """One item of a when mention, its meal moved to the Quebec meaning (a code: ``CD`` → ``CM``; a
    meal word read apart: ``dejeuner`` → ``petit-dejeuner``)."""
    if name == "when" and isinstance(value, str) and len(value) > 1 and value[-1:] == letter:
        return name, value[:-1] + _EARLIER[letter]
    if name == "when.meal" and isinstance(value, str) and value in _EARLIER_MEAL:
        return name, _EARLIER_MEAL[value]
    return name, value
