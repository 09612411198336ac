"""Small pure functions for timing values: clock times, days of the week, minutes.

>>> clock_times([(7, None, None), (22, 30, None), (8, None, "pm")])
('07:00:00', '22:30:00', '20:00:00')
>>> day_codes(["mon"], [("mon", "fri")])
('mon', 'tue', 'wed', 'thu', 'fri')
>>> minutes(1, "h"), minutes(30, "min")
(60, 30)
"""

from __future__ import annotations

from collections.abc import Iterable

WEEK = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_MINUTES = {"min": 1, "h": 60, "s": 1 / 60, "d": 1440}


def clock_times(times: Iterable[tuple[float, float | None, str | None]]) -> tuple[str, ...]:
    """``(hour, minute, am/pm)`` triples → FHIR ``time`` strings, deduplicated, in order."""
    result: list[str] = []
    for hour, minute, meridiem in times:
        hour = int(hour)
        if meridiem and meridiem.lower().startswith("p") and hour < 12:
            hour += 12
        if meridiem and meridiem.lower().startswith("a") and hour == 12:
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
