"""What every rendering language shares: numbers, lists, quantities; the word tables are
filled by each language (:mod:`posology.rendering.fr`, :mod:`posology.rendering.en`).

A language turns one typed field into one phrase (``frequency`` → ``3 fois par jour``); the
order of the phrases in a sentence is :mod:`posology.rendering.sentence`'s business. Each
wording is one the conventions (``CONVENTIONS.md`` §2–§7) map back to the same field, so that
structuring a rendering gives back what was rendered (``tests/test_render.py``).

>>> from posology.rendering.fr import FRENCH
>>> FRENCH.number(2.5), FRENCH.listing(["le matin", "le midi", "le soir"])
('2,5', 'le matin, le midi et le soir')
"""

from __future__ import annotations

from posology.dosage import Dose, Duration, MaxDose, Quantity, Timing
from posology.rendering.glossary import translate

__all__ = ["Language"]

DAY_ORDER = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# EventTiming codes in the order of a day, so that ``le matin et le soir`` reads in that order.
WHEN_ORDER = (
    "WAKE MORN.early MORN ACM CM PCM ICM MORN.late NOON ACD CD PCD ICD AFT.early AFT AFT.late "
    "EVE.early EVE ACV CV PCV ICV EVE.late NIGHT HS PHS C AC PC IC IMD"
).split()
# EventTiming codes relative to a meal: an offset is written "30 minutes avant …" before them.
MEAL_RELATIVE = frozenset("AC ACM ACD ACV PC PCM PCD PCV".split())


class Language:
    """The words of one language; subclasses fill the tables and the few templates."""

    code = ""
    decimal_mark = "."
    conjunction = " and "  # the last item of a list
    range_word = " to "  # 1 to 2, 3 to 5 days
    then = "then"  # between consecutive phases
    colon = ": "  # between the drug and its posology
    # Tables (key → words). UNITS: unit key → (singular, plural); TIME_UNITS likewise.
    UNITS: dict[str, tuple[str, str]] = {}
    TIME_UNITS: dict[str, tuple[str, str]] = {}
    WHEN: dict[str, str] = {}
    # Events whose code says the offset's direction (HS: "[offset] before the hour of sleep").
    WHEN_OFFSET: dict[str, str] = {}
    DAYS: dict[str, str] = {}
    ROUTES: dict[str, str] = {}
    STATUSES: dict[str, str] = {}
    NO_UNIT = ("dose", "doses")  # a dose with no unit (1-0-1 with no form word)
    DO_NOT_PERFORM = ""  # the banner of a doNotPerform request
    STAT = ""  # once, now

    # --- numbers, lists, quantities -----------------------------------------------------------

    def number(self, value: float) -> str:
        """``2`` → ``2``; ``2.5`` → ``2,5`` in French; at most six decimals, never ``1e-05``."""
        if isinstance(value, bool) or value is None:
            return str(value)
        if float(value).is_integer():
            return str(int(value))
        text = f"{float(value):.6f}".rstrip("0").rstrip(".")
        return text.replace(".", self.decimal_mark)

    def listing(self, items: list[str]) -> str:
        """``a``, ``a et b``, ``a, b et c``."""
        items = [item for item in items if item]
        if len(items) <= 1:
            return "".join(items)
        return ", ".join(items[:-1]) + self.conjunction + items[-1]

    @staticmethod
    def plural(value: float | None) -> bool:
        """A count above one takes the plural (``1,5 comprimé`` stays singular in French)."""
        return value is not None and value >= 2

    def unit_words(self, quantity: Quantity, count: float | None) -> str:
        """The unit of ``quantity`` read with ``count``: a known key's word, else what FHIR said."""
        words: tuple[str, str] | None
        if quantity.unit is None and quantity.code is None and quantity.display is None:
            words = self.NO_UNIT
        else:
            words = self.UNITS.get(quantity.unit or "")
        if words is None:
            return quantity.display or quantity.unit or quantity.code or ""
        return words[1] if self.plural(count) else words[0]

    def quantity(self, quantity: Quantity) -> str:
        """``1 comprimé``, ``500 mg``, ``2 doses``."""
        return f"{self.number(quantity.value)} {self.unit_words(quantity, quantity.value)}"

    def dose(self, dose: Dose) -> str:
        """``1 comprimé``; a range ``1 à 2 comprimés`` (the unit written once, after the high)."""
        if dose.high is None:
            return self.quantity(dose.low)
        low = self.number(dose.low.value)
        return f"{low}{self.range_word}{self.quantity(dose.high)}"

    def time_span(self, value: float, unit: str, high: float | None = None) -> str:
        """``5 jours``, ``3 à 5 jours``, ``1 mois``."""
        last = value if high is None else high
        words = self.TIME_UNITS.get(unit, (unit, unit))
        word = words[1] if self.plural(last) else words[0]
        if high is None:
            return f"{self.number(value)} {word}"
        return f"{self.number(value)}{self.range_word}{self.number(high)} {word}"

    def duration(self, value: Duration) -> str:
        return self.time_span(value.value, value.unit, value.max)

    def clock(self, time: str) -> str:
        """``08:00:00`` → ``08:00`` (seconds kept only when not zero)."""
        parts = time.split(":")
        return ":".join(parts[:2]) if parts[2:] in ([], ["00"]) else time

    @staticmethod
    def week_order(days: tuple[str, ...]) -> list[str]:
        """Days in week order, each once. Every day is named, never a range: a list reads the
        same in every position (a range after ``puis`` was once lost by the engine)."""
        return sorted({d for d in days if d in DAY_ORDER}, key=DAY_ORDER.index)

    def when(self, codes: tuple[str, ...], offset: int | None) -> str | None:
        """``le matin et le soir``; with an offset before a meal, ``30 minutes avant le
        petit-déjeuner`` (repeated per meal: FHIR's offset applies to every code), or before
        bedtime, ``60 minutes avant le coucher``."""
        if not codes:
            return None
        codes = tuple(sorted(codes, key=lambda c: WHEN_ORDER.index(c) if c in WHEN_ORDER else len(WHEN_ORDER)))
        phrases = [self.WHEN.get(code, code) for code in codes]
        if offset:
            delay = self.minutes(offset)
            phrases = [
                f"{delay} {phrase}"
                if code in MEAL_RELATIVE
                else f"{delay} {self.WHEN_OFFSET[code]}"
                if code in self.WHEN_OFFSET
                else f"{phrase} (+ {delay})"
                for code, phrase in zip(codes, phrases, strict=True)
            ]
        return self.listing(phrases)

    def minutes(self, value: int) -> str:
        """An offset, always in minutes (``60 minutes``: ``1 heure`` could read as a clock time)."""
        return self.time_span(value, "min")

    def route_words(self, key: str | None, display: str | None, code: str | None) -> str:
        """A known route's phrase, else the code's display as FHIR gave it."""
        if key in self.ROUTES:
            return self.ROUTES[key]
        return self.other_route(display or code or "")

    # --- the templates each language writes (:mod:`posology.rendering.sentence` calls them) ----

    def other_route(self, name: str) -> str:  # pragma: no cover - overridden
        raise NotImplementedError

    def frequency(self, timing: Timing) -> str | None:  # pragma: no cover - overridden
        raise NotImplementedError

    def times_of_day(self, times: tuple[str, ...]) -> str | None:  # pragma: no cover - overridden
        raise NotImplementedError

    def days_of_week(self, days: tuple[str, ...]) -> str | None:  # pragma: no cover - overridden
        raise NotImplementedError

    def daily_split(self, dose: Quantity, times: int) -> str:  # pragma: no cover - overridden
        raise NotImplementedError

    def bounds(self, bounds: Duration) -> str:  # pragma: no cover - overridden
        raise NotImplementedError

    def count(self, count: int) -> str:  # pragma: no cover - overridden
        raise NotImplementedError

    def as_needed(self, reason: str | None) -> str:  # pragma: no cover - overridden
        raise NotImplementedError

    def max_per_period(self, value: MaxDose) -> str:  # pragma: no cover - overridden
        raise NotImplementedError

    def max_per_administration(self, value: Quantity) -> str:  # pragma: no cover - overridden
        raise NotImplementedError

    def supply(self, value: Duration) -> str:  # pragma: no cover - overridden
        raise NotImplementedError

    def refills(self, count: int) -> str:  # pragma: no cover - overridden
        raise NotImplementedError

    def instruction(self, text: str) -> str:
        """An additional instruction, translated when the glossary knows it (``à jeun``)."""
        return translate(text, self.code)
