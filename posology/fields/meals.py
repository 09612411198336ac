"""Meals and moments of the day in ``when`` codes: a moment with a meal relation makes one code
(``le matin avant le repas`` → ACM), and a meal's own slot takes the relation written after it
(``Breakfast: 1 (30 min before food)`` → ACM; ``Tea: 1 (with food)`` → CV).

Split from :mod:`posology.fields.dosages` (session 26), which calls :func:`compose_meal` once per
Dosage with the phase's generic meal relations.
"""

from __future__ import annotations

import re
from typing import Any

SLOT_EVENTS = ("MORN", "NOON", "EVE", "HS")
MEALS = {"C": ("CM", "CD", "CV"), "AC": ("ACM", "ACD", "ACV"), "PC": ("PCM", "PCD", "PCV")}
DAY_TIMES = ("MORN", "NOON", "EVE")
# the meal of each moment: the night's is dinner ("1 tab at night after food": after dinner, PCV)
MEAL_OF_MOMENT = {"MORN": 0, "NOON": 1, "EVE": 2, "NIGHT": 2}


def moment_meal(event: str) -> str:
    """The meal of a moment (``Evening meal: 1`` → CV); any other code as it is."""
    return MEALS["C"][MEAL_OF_MOMENT[event]] if event in MEAL_OF_MOMENT else event


def compose_meal(when: list[str], meals: list[str]) -> list[str]:
    """MORN + AC → ACM …; "le matin avant le petit-déjeuner" → ACM alone (policy 6); a meal named
    with no moment takes the relation (CM + AC → ACM, CV + C → CV).

    >>> compose_meal(["MORN", "EVE"], ["AC"]), compose_meal(["CV"], ["C"]), compose_meal(["CM", "CV"], ["AC"])
    (['ACM', 'ACV'], ['CV'], ['ACM', 'ACV'])
    >>> compose_meal(["HS"], ["PC"])
    ['HS', 'PC']
    """
    covered = {DAY_TIMES[i] for codes in MEALS.values() for i, code in enumerate(codes) if code in when}
    when = [code for code in when if code not in covered]
    if not meals:
        return when
    meal = meals[0]
    day_times = [code for code in when if code in MEAL_OF_MOMENT]
    if not day_times:
        named = [code for code in when if code in MEALS["C"]]  # a pack card's "Breakfast: 1 (before food)"
        if named:
            composed = list(dict.fromkeys(MEALS[meal][MEALS["C"].index(code)] for code in named))
            return composed + [code for code in when if code not in MEALS["C"] and code not in MEALS]
        return [code for code in when if code not in MEALS] + [meal]  # "3 fois par jour au moment des repas": 3/d + C
    composed = list(dict.fromkeys(MEALS[meal][MEAL_OF_MOMENT[code]] for code in day_times))
    return composed + [code for code in when if code not in MEAL_OF_MOMENT and code not in MEALS]


# a dose taken with a snack: "1 cap with snacks", "1 gélule si collation", "1 gél aux collations"
_SNACK = re.compile(
    r"\s*(?:with|avec|aux?|lors\s+des?|si|if|for|at|pour|à|c\u0304)\s+(?:(?:les|the|a|une?|each|chaque|every)\s+)?"
    r"(?:snacks?|collations?|go[ûu]ters?)\b",
    re.IGNORECASE,
)


def snack_meals(draft: Any, meals: list[str], context: Any) -> list[str]:
    """The phase's meal relations for one dose, none for a snack's (``Creon 25000 - 2 caps with
    meals, 1 cap with snacks``, ``1 gélule si collation``): a snack is no meal of EventTiming, and
    the snack's dose took the meals' C, silently (several blind rounds write no timing)."""
    if not meals or draft.source is None:
        return meals
    end = context.span(draft.source.start, draft.source.end)[1]
    return [] if _SNACK.match(context.text, end) else meals
