"""Small pure functions for timing values: clock times, days of the week, minutes.

>>> clock_times([(7, None, None), (22, 30, None), (8, None, "pm")])
('07:00:00', '22:30:00', '20:00:00')
>>> clock_times([(8, None, "in the evening"), (2, None, "du matin"), (10, None, "at night"), (2, None, "nuit")])
('20:00:00', '02:00:00', '22:00:00')
>>> day_codes(["mon"], [("mon", "fri")])
('mon', 'tue', 'wed', 'thu', 'fri')
>>> minutes(1, "h"), minutes(30, "min")
(60, 30)
"""

from __future__ import annotations

from collections.abc import Iterable

WEEK = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_MINUTES = {"min": 1, "h": 60, "s": 1 / 60, "d": 1440}
# The part of the day that settles a clock time ("at 8 in the evening", "à 8 heures du soir"):
# its words, and whether it is after noon. "Night" is after noon from 6 on ("10 at night" is
# 22:00) and the small hours before ("2 heures de la nuit" is 02:00).
_DAY_PARTS: tuple[tuple[str, bool | None], ...] = (("evening", True), ("soir", True), ("afternoon", True))
_DAY_PARTS += (("midi", True), ("night", None), ("nuit", None), ("morning", False), ("matin", False))


def half_of_day(text: str | None, hour: int) -> str | None:
    """``am`` / ``pm`` of a meridiem or a part of the day (``p.m.``, ``in the evening``)."""
    if not text:
        return None
    lowered = text.lower()
    for word, after_noon in _DAY_PARTS:
        if word in lowered:
            if after_noon is None:  # night
                return "pm" if 6 <= hour < 12 else ("am" if hour == 12 else None)
            return "pm" if after_noon else "am"
    return "pm" if lowered.startswith("p") else ("am" if lowered.startswith("a") else None)


def clock_times(times: Iterable[tuple[float, float | None, str | None]]) -> tuple[str, ...]:
    """``(hour, minute, am/pm)`` triples → FHIR ``time`` strings, deduplicated, in order."""
    result: list[str] = []
    for hour, minute, meridiem in times:
        hour = int(hour)
        half = half_of_day(meridiem, hour)
        if half == "pm" and hour < 12:
            hour += 12
        if half == "am" and hour == 12:
            hour = 0
        if not 0 <= hour <= 24 or not 0 <= int(minute or 0) < 60:
            continue
        value = f"{hour % 24:02d}:{int(minute or 0):02d}:00"
        if value not in result:
            result.append(value)
    return tuple(result)


def day_codes(days: Iterable[str], ranges: Iterable[tuple[str, str]] = ()) -> tuple[str, ...]:
    """Day codes, with ``du lundi au vendredi`` ranges expanded, in week order."""
    found = set(days)
    for first, last in ranges:
        start, end = WEEK.index(first), WEEK.index(last)
        span = WEEK[start : end + 1] if start <= end else WEEK[start:] + WEEK[: end + 1]
        found.update(span)
    return tuple(day for day in WEEK if day in found)


def minutes(value: float, unit: str) -> int:
    """A delay in whole minutes (FHIR ``offset``)."""
    return int(round(value * _MINUTES.get(unit, 1)))
