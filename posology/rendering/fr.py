"""French wordings: ``1 comprimé 3 fois par jour pendant 5 jours, si douleur``.

Every phrase is a wording ``CONVENTIONS.md`` maps to the field it renders (§2–§7): ``3 fois
par jour``, ``toutes les 4 à 6 heures``, ``30 minutes avant le petit-déjeuner``, ``à 8h``,
``le lundi et le jeudi``, ``4 g au maximum par jour``, ``par voie orale``, ``QSP 3 mois``.

>>> from posology.dosage import Timing
>>> FRENCH.frequency(Timing(frequency=1, period=8, period_unit="h"))
'toutes les 8 heures'
>>> FRENCH.frequency(Timing(frequency=2, frequency_max=3, period=1, period_unit="d"))
'2 à 3 fois par jour'
"""

from __future__ import annotations

from posology.dosage import Duration, MaxDose, Quantity, Timing
from posology.rendering.glossary import reason as condition
from posology.rendering.glossary import translate
from posology.rendering.language import Language

__all__ = ["FRENCH", "French"]

_FEMININE_TIME = frozenset({"s", "min", "h", "wk"})  # toutes les 8 heures / tous les 2 jours


class French(Language):
    code = "fr"
    decimal_mark = ","
    conjunction = " et "
    range_word = " à "
    then = "puis"
    colon = " : "
    UNITS = {
        "tablet": ("comprimé", "comprimés"),
        "capsule": ("gélule", "gélules"),
        "sachet": ("sachet", "sachets"),
        "suppository": ("suppositoire", "suppositoires"),
        "ampoule": ("ampoule", "ampoules"),
        "vial": ("flacon", "flacons"),
        "bottle": ("flacon", "flacons"),
        "puff": ("bouffée", "bouffées"),
        "drop": ("goutte", "gouttes"),
        "patch": ("patch", "patchs"),
        "pen": ("stylo", "stylos"),
        "pessary": ("ovule", "ovules"),
        "spoonful": ("cuillère-mesure", "cuillères-mesure"),
        "lozenge": ("pastille", "pastilles"),
        "pillule": ("granule", "granules"),
        "chewing_gum": ("gomme", "gommes"),
        "syringe": ("seringue", "seringues"),
        "lyophilisate": ("lyophilisat", "lyophilisats"),
        "injection": ("injection", "injections"),
        "application": ("application", "applications"),
        "teaspoon": ("cuillère à café", "cuillères à café"),
        "tablespoon": ("cuillère à soupe", "cuillères à soupe"),
        "ug": ("µg", "µg"),
        "iU": ("UI", "UI"),
        "meq": ("mEq", "mEq"),
        **{unit: (unit, unit) for unit in "mg g ng kg mL L % mg/kg mg/m2 mmol".split()},
    }
    TIME_UNITS = {
        "s": ("seconde", "secondes"),
        "min": ("minute", "minutes"),
        "h": ("heure", "heures"),
        "d": ("jour", "jours"),
        "wk": ("semaine", "semaines"),
        "mo": ("mois", "mois"),
        "a": ("an", "ans"),
    }
    WHEN_OFFSET = {"HS": "avant le coucher"}
    WHEN = {
        "MORN": "le matin",
        "MORN.early": "tôt le matin",
        "MORN.late": "en fin de matinée",
        "NOON": "le midi",
        "AFT": "l'après-midi",
        "AFT.early": "en début d'après-midi",
        "AFT.late": "en fin d'après-midi",
        "EVE": "le soir",
        "EVE.early": "en début de soirée",
        "EVE.late": "en fin de soirée",
        "NIGHT": "la nuit",
        "PHS": "après l'endormissement",
        "IMD": "sans délai",
        "HS": "au coucher",
        "WAKE": "au réveil",
        "C": "pendant les repas",
        "CM": "au petit-déjeuner",
        "CD": "au déjeuner",
        "CV": "au dîner",
        "AC": "avant les repas",
        "ACM": "avant le petit-déjeuner",
        "ACD": "avant le déjeuner",
        "ACV": "avant le dîner",
        "PC": "après les repas",
        "PCM": "après le petit-déjeuner",
        "PCD": "après le déjeuner",
        "PCV": "après le dîner",
        "IC": "entre les repas",
        "ICM": "entre le petit-déjeuner et le déjeuner",
        "ICD": "entre le déjeuner et le dîner",
        "ICV": "entre le dîner et le coucher",
    }
    DAYS = {
        "mon": "lundi",
        "tue": "mardi",
        "wed": "mercredi",
        "thu": "jeudi",
        "fri": "vendredi",
        "sat": "samedi",
        "sun": "dimanche",
    }
    ROUTES = {
        "oral": "par voie orale",
        "sublingual": "par voie sublinguale",
        "buccal": "par voie buccogingivale",
        "oromucosal": "par voie oromuqueuse",
        "subcutaneous": "par voie sous-cutanée",
        "intramuscular": "par voie intramusculaire",
        "intravenous": "par voie intraveineuse",
        "intradermal": "par voie intradermique",
        "rectal": "par voie rectale",
        "vaginal": "par voie vaginale",
        "inhalation": "par inhalation",
        "nasal": "par voie nasale",
        "ocular": "par voie oculaire",
        "auricular": "par voie auriculaire",
        "cutaneous": "par voie cutanée",
        "transdermal": "par voie transdermique",
        "intracavernous": "par voie intracaverneuse",
        "intravesical": "par voie intravésicale",
        "urethral": "par voie urétrale",
    }
    STATUSES = {
        "stopped": "ARRÊT",
        "on-hold": "SUSPENDU",
        "cancelled": "ANNULÉ",
        "completed": "TERMINÉ",
        "ended": "TERMINÉ",
        "entered-in-error": "SAISI PAR ERREUR",
        "draft": "BROUILLON",
        "unknown": "STATUT INCONNU",
    }
    DO_NOT_PERFORM = "NE PAS DONNER"
    STAT = "immédiatement"

    def _unit(self, unit: str | None, count: float = 1) -> str:
        words = self.TIME_UNITS.get(unit or "", (unit or "", unit or ""))
        return words[1] if self.plural(count) else words[0]

    def frequency(self, timing: Timing) -> str | None:
        """``3 fois par jour``, ``2 à 3 fois par jour``, ``toutes les 8 heures``, ``2 fois par 3 jours``."""
        freq, period, unit = timing.frequency, timing.period, timing.period_unit
        if freq is None and period is None:
            return None
        if period is None or unit is None:
            return f"{self.number(freq)} fois" if freq is not None else None
        freq = 1 if freq is None else freq
        if freq == 1 and timing.frequency_max is None and (period != 1 or timing.period_max):
            every = "toutes les" if unit in _FEMININE_TIME else "tous les"
            return f"{every} {self.time_span(period, unit, timing.period_max)}"
        times = self.number(freq)
        if timing.frequency_max is not None:
            times += f" à {self.number(timing.frequency_max)}"
        if period == 1 and timing.period_max is None:
            return f"{times} fois par {self._unit(unit)}"
        return f"{times} fois par {self.time_span(period, unit, timing.period_max)}"

    def times_of_day(self, times: tuple[str, ...]) -> str | None:
        """``à 8h et 20h30``."""
        if not times:
            return None
        return "à " + self.listing([self._clock(t) for t in times])

    def _clock(self, time: str) -> str:
        hour, minute, *second = (int(part) for part in time.split(":"))
        text = f"{hour}h" + (f"{minute:02d}" if minute else "")
        return text + (f"{second[0]:02d}s" if second and second[0] else "")

    def days_of_week(self, days: tuple[str, ...]) -> str | None:
        """``le lundi, le mercredi et le vendredi``."""
        return self.listing([f"le {self.DAYS[day]}" for day in self.week_order(days)]) or None

    def daily_split(self, dose: Quantity, times: int) -> str:
        """``90 mg/kg/j en 2 prises``: a per-kilo dose 2 times a day, as the daily total."""
        unit = self.unit_words(dose, dose.value)
        return f"{self.number(dose.value * times)} {unit}/j en {times} prises"

    def bounds(self, bounds: Duration) -> str:
        """``pendant 5 jours``, ``pendant 3 à 5 jours``."""
        return f"pendant {self.duration(bounds)}"

    def count(self, count: int) -> str:
        """``en prise unique``, ``6 prises au total``."""
        return "en prise unique" if count == 1 else f"{count} prises au total"

    def as_needed(self, reason: str | None) -> str:
        """``si besoin``, ``si douleur``."""
        return f"si {translate(condition(reason), self.code)}" if reason and condition(reason) else "si besoin"

    def max_per_period(self, value: MaxDose) -> str:
        """``4 g au maximum par jour``, ``6 comprimés au maximum par 24 heures``."""
        per = value.per
        if per.value == 1:
            return f"{self.quantity(value.quantity)} au maximum par {self._unit(per.unit)}"
        return f"{self.quantity(value.quantity)} au maximum par {self.duration(per)}"

    def max_per_administration(self, value: Quantity) -> str:
        """``au maximum 2 comprimés par prise``."""
        return f"au maximum {self.quantity(value)} par prise"

    def other_route(self, name: str) -> str:
        """A route no table knows, as FHIR named it: ``voie : Intravitreal use``."""
        return f"voie : {name}"

    def supply(self, value: Duration) -> str:
        """``QSP 3 mois``."""
        return f"QSP {self.duration(value)}"

    def refills(self, count: int) -> str:
        """``à renouveler 2 fois``; none: ``non renouvelable``."""
        return "non renouvelable" if count == 0 else f"à renouveler {count} fois"


FRENCH = French()
