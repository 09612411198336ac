"""English wordings: ``1 tablet 3 times a day for 5 days, as needed for pain``.

Every phrase is a wording ``CONVENTIONS.md`` maps to the field it renders (§2–§7): ``3 times a
day``, ``every 4 to 6 hours``, ``30 minutes before breakfast``, ``at 08:00``, ``on Monday
and Friday``, ``no more than 4 g per day``, ``by mouth``, ``3 months' supply``.

>>> from posology.dosage import Timing
>>> ENGLISH.frequency(Timing(frequency=1, period=8, period_unit="h"))
'every 8 hours'
>>> ENGLISH.frequency(Timing(frequency=1, period=1, period_unit="d"))
'once a day'
"""

from __future__ import annotations

from posology.dosage import Duration, MaxDose, Quantity, Timing
from posology.rendering.glossary import reason as condition
from posology.rendering.glossary import translate
from posology.rendering.language import Language

__all__ = ["ENGLISH", "English"]


class English(Language):
    code = "en"
    UNITS = {
        "tablet": ("tablet", "tablets"),
        "capsule": ("capsule", "capsules"),
        "sachet": ("sachet", "sachets"),
        "suppository": ("suppository", "suppositories"),
        "ampoule": ("ampoule", "ampoules"),
        "vial": ("vial", "vials"),
        "bottle": ("bottle", "bottles"),
        "puff": ("puff", "puffs"),
        "drop": ("drop", "drops"),
        "patch": ("patch", "patches"),
        "pen": ("pen", "pens"),
        "pessary": ("pessary", "pessaries"),
        "spoonful": ("measuring spoon", "measuring spoons"),
        "lozenge": ("lozenge", "lozenges"),
        "pillule": ("pillule", "pillules"),
        "chewing_gum": ("piece of gum", "pieces of gum"),
        "syringe": ("syringe", "syringes"),
        "lyophilisate": ("lyophilisate", "lyophilisates"),
        "injection": ("injection", "injections"),
        "application": ("application", "applications"),
        "teaspoon": ("teaspoon", "teaspoons"),
        "tablespoon": ("tablespoon", "tablespoons"),
        "ug": ("mcg", "mcg"),
        "iU": ("IU", "IU"),
        "meq": ("mEq", "mEq"),
        **{unit: (unit, unit) for unit in "mg g ng kg mL L % mg/kg mg/m2 mmol".split()},
    }
    TIME_UNITS = {
        "s": ("second", "seconds"),
        "min": ("minute", "minutes"),
        "h": ("hour", "hours"),
        "d": ("day", "days"),
        "wk": ("week", "weeks"),
        "mo": ("month", "months"),
        "a": ("year", "years"),
    }
    WHEN_OFFSET = {"HS": "before bedtime"}
    WHEN = {
        "MORN": "in the morning",
        "MORN.early": "early in the morning",
        "MORN.late": "late in the morning",
        "NOON": "at noon",
        "AFT": "in the afternoon",
        "AFT.early": "early in the afternoon",
        "AFT.late": "late in the afternoon",
        "EVE": "in the evening",
        "EVE.early": "early in the evening",
        "EVE.late": "late in the evening",
        "NIGHT": "at night",
        "PHS": "after falling asleep",
        "IMD": "without delay",
        "HS": "at bedtime",
        "WAKE": "on waking",
        "C": "with meals",
        "CM": "with breakfast",
        "CD": "with lunch",
        "CV": "with dinner",
        "AC": "before meals",
        "ACM": "before breakfast",
        "ACD": "before lunch",
        "ACV": "before dinner",
        "PC": "after meals",
        "PCM": "after breakfast",
        "PCD": "after lunch",
        "PCV": "after dinner",
        "IC": "between meals",
        "ICM": "between breakfast and lunch",
        "ICD": "between lunch and dinner",
        "ICV": "between dinner and bedtime",
    }
    DAYS = {
        "mon": "Monday",
        "tue": "Tuesday",
        "wed": "Wednesday",
        "thu": "Thursday",
        "fri": "Friday",
        "sat": "Saturday",
        "sun": "Sunday",
    }
    ROUTES = {
        "oral": "by mouth",
        "sublingual": "sublingually",
        "buccal": "buccally",
        "oromucosal": "oromucosally",
        "subcutaneous": "subcutaneously",
        "intramuscular": "intramuscularly",
        "intravenous": "intravenously",
        "intradermal": "intradermally",
        "rectal": "rectally",
        "vaginal": "vaginally",
        "inhalation": "by inhalation",
        "nasal": "nasally",
        "ocular": "in the eye",
        "auricular": "in the ear",
        "cutaneous": "to the skin",
        "transdermal": "transdermally",
        "intracavernous": "by intracavernous injection",
        "intravesical": "into the bladder",
        "urethral": "into the urethra",
    }
    STATUSES = {
        "stopped": "STOP",
        "on-hold": "ON HOLD",
        "cancelled": "CANCELLED",
        "completed": "COMPLETED",
        "ended": "ENDED",
        "entered-in-error": "ENTERED IN ERROR",
        "draft": "DRAFT",
        "unknown": "UNKNOWN STATUS",
    }
    DO_NOT_PERFORM = "DO NOT GIVE"
    STAT = "stat"

    @staticmethod
    def plural(value: float | None) -> bool:
        """English takes the plural above one: ``1.5 tablets``, ``0.5 tablet``."""
        return value is not None and value > 1

    def _per(self, unit: str | None) -> str:
        """``a day``, ``a week``; ``per hour`` (never ``an hour``: ``an`` is French for a year)."""
        word = self.TIME_UNITS.get(unit or "", (unit or "",))[0]
        return f"a {word}" if unit in ("d", "wk", "mo", "a") else f"per {word}"

    def frequency(self, timing: Timing) -> str | None:
        """``once a day``, ``2 to 3 times a day``, ``every 8 hours``, ``2 times every 3 days``."""
        freq, period, unit = timing.frequency, timing.period, timing.period_unit
        if freq is None and period is None:
            return None
        if period is None or unit is None:
            return self._times(freq, None, False) if freq is not None else None
        freq = 1 if freq is None else freq
        if freq == 1 and timing.frequency_max is None and (period != 1 or timing.period_max):
            return f"every {self.time_span(period, unit, timing.period_max)}"
        if period == 1 and timing.period_max is None:
            return f"{self._times(freq, timing.frequency_max, True)} {self._per(unit)}"
        every = self.time_span(period, unit, timing.period_max)
        return f"{self._times(freq, timing.frequency_max, False)} every {every}"

    def _times(self, freq: int, high: int | None, words: bool) -> str:
        """``3 times``, ``2 to 3 times``; ``once`` / ``twice`` before ``a day`` only (``twice
        every 2 days`` reads as once)."""
        if high is not None:
            return f"{self.number(freq)} to {self.number(high)} times"
        if words and freq in (1, 2):
            return "once" if freq == 1 else "twice"
        return f"{self.number(freq)} times"

    def times_of_day(self, times: tuple[str, ...]) -> str | None:
        """``at 08:00 and 20:30`` (24-hour clock)."""
        if not times:
            return None
        return "at " + self.listing([self.clock(t) for t in times])

    def days_of_week(self, days: tuple[str, ...]) -> str | None:
        """``on Monday, Wednesday and Friday``."""
        names = [self.DAYS[day] for day in self.week_order(days)]
        return f"on {self.listing(names)}" if names else None

    def daily_split(self, dose: Quantity, times: int) -> str:
        """``90 mg/kg/day in 2 divided doses``: a per-kilo dose twice a day, as the daily total."""
        unit = self.unit_words(dose, dose.value)
        return f"{self.number(dose.value * times)} {unit}/day in {times} divided doses"

    def bounds(self, bounds: Duration) -> str:
        """``for 5 days``, ``for 3 to 5 days``."""
        return f"for {self.duration(bounds)}"

    def count(self, count: int) -> str:
        """``as a single dose``, ``6 doses in total``."""
        return "as a single dose" if count == 1 else f"{count} doses in total"

    def as_needed(self, reason: str | None) -> str:
        """``as needed``, ``as needed for pain``; a condition with a threshold ``if BP > 160``."""
        reason = condition(reason) if reason else ""
        if not reason:
            return "as needed"
        if any(sign in reason for sign in "<>≤≥="):
            return f"if {reason}"
        return f"as needed for {translate(reason, self.code)}"

    def max_per_period(self, value: MaxDose) -> str:
        """``no more than 4 g per day``, ``no more than 6 tablets per 24 hours``."""
        per = value.per
        if per.value == 1:
            period = self.TIME_UNITS.get(per.unit, (per.unit,))[0]
            return f"no more than {self.quantity(value.quantity)} per {period}"
        return f"no more than {self.quantity(value.quantity)} per {self.duration(per)}"

    def max_per_administration(self, value: Quantity) -> str:
        """``max 2 tablets per dose``."""
        return f"max {self.quantity(value)} per dose"

    def other_route(self, name: str) -> str:
        """A route no table knows, as FHIR named it: ``route: Intravitreal use``."""
        return f"route: {name}"

    def supply(self, value: Duration) -> str:
        """``3 months' supply``; ``1 month supply``."""
        apostrophe = "'" if self.plural(value.max or value.value) else ""
        return f"{self.duration(value)}{apostrophe} supply"

    def refills(self, count: int) -> str:
        """``2 refills``, ``1 refill``; none: ``no refills``."""
        if count == 0:
            return "no refills"
        return f"{count} refill" + ("s" if count > 1 else "")


ENGLISH = English()
