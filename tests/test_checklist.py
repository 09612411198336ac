"""A CheckList-style behavioural suite generated from the phrasing matrix (docs/phrasing.md, issue #13).

Each field of a Dosage is written in many ways by prescribers, pharmacy systems and FHIR
renderers. The matrix lists those ways as *wording families*; this module turns each family
into generated lines: **templates × values × fillers** (a drug-and-dose prefix such as
``Doliprane 1000 mg 1 cp`` or ``Tab Dolo 650 1 tab``), French and English, deterministic.

Every generated line carries its whole expected gold form (CONVENTIONS.md §6): the prefix
fixes drug, strength and dose, the template the fields it writes, and every other field must
be absent, so a spurious extra field or Dosage fails the line. Predictions are read and scored
by the benchmark's own reader and scorer (``benchmarks.accuracy.score_predictions``).

Lines the engine cannot read yet are listed in ``KNOWN_GAPS`` (text → the change it needs).
They are asserted to still fail: when one starts to pass, its test says to move it out of the
list (and to mark the family read in docs/phrasing.md). Nothing is skipped.

    python tests/test_checklist.py [--engine rules|ner|hybrid ...] [--failures]

prints the per-family table of docs/phrasing.md (cases, lines read per engine, known gaps).
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass
from typing import Any

import pytest

Json = dict[str, Any]

WEEKDAYS = ["mon", "tue", "wed", "thu", "fri"]
WEEK = WEEKDAYS + ["sat", "sun"]


# --- the pieces ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Prefix:
    """A filler: what comes before the field under test, and the gold it fixes."""

    text: str
    dose: tuple | None  # (low, high, unit) or None
    drug: str | None = None
    strength: tuple = ()  # ((value, unit), ...)


@dataclass(frozen=True)
class Case:
    family: str  # "<field>/<lang>/<wording family>"
    lang: str
    text: str
    meds: list
    admin_max: tuple | None = None  # expected maxDosePerAdministration (value, unit key); not in the gold form

    @property
    def field(self) -> str:
        return self.family.split("/")[0]

    @property
    def id(self) -> str:
        return f"{self.family}|{ascii_id(self.text)}"

    def gold_case(self) -> Json:
        return {"id": self.id, "lang": self.lang, "text": self.text, "meds": self.meds}


def ascii_id(text: str) -> str:
    """A readable ASCII test id: accents dropped, ½ → 1/2, œ → [oe], line breaks shown as ``\\n``."""
    text = text.replace("\n", "\\n").replace("œ", "[oe]").replace("Œ", "[OE]")
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return plain.replace("\u2044", "/").encode("ascii", "replace").decode()


def dosage(prefix: Prefix | None = None, **fields: Any) -> Json:
    """One gold Dosage: the prefix's dose, then the template's fields (``None`` drops a key)."""
    out: Json = {}
    if prefix is not None and prefix.dose is not None:
        out["dose"] = list(prefix.dose)
    for key, value in fields.items():
        if value is None:
            out.pop(key, None)
        else:
            out[key] = list(value) if isinstance(value, tuple) else value
    return out


def med(prefix: Prefix | None, *dosages: Json, **med_fields: Any) -> list:
    """The gold ``meds`` of a one-medication line."""
    out: Json = {}
    if prefix is not None and prefix.drug:
        out["drug"] = prefix.drug
    if prefix is not None and prefix.strength:
        out["strength"] = [list(s) for s in prefix.strength]
    out.update({k: v for k, v in med_fields.items() if v is not None})
    out["dosages"] = list(dosages)
    return [out]


def F(n: float, nmax: float | None = None) -> tuple:  # noqa: N802 - gold "freq"
    return (n, nmax)


def P(p: float, unit: str, pmax: float | None = None) -> tuple:  # noqa: N802 - gold "period"
    return (p, pmax, unit)


DAILY = {"freq": F(1), "period": P(1, "d")}

TAB, CAP, SACHET, DROP, PUFF = "tablet", "capsule", "sachet", "drop", "puff"

# Fillers. Each family takes them in turn (round robin), so every prefix meets every family.
FR_PREFIXES = [
    Prefix("1 cp", (1, None, TAB)),
    Prefix("Doliprane 1000 mg 1 cp", (1, None, TAB), "Doliprane", ((1000, "mg"),)),
    Prefix("Amoxicilline 500 mg 2 gélules", (2, None, CAP), "Amoxicilline", ((500, "mg"),)),
    Prefix("Smecta 1 sachet", (1, None, SACHET), "Smecta"),
    Prefix("prendre 1 comprimé", (1, None, TAB)),
    Prefix("Kardégic 75 mg 1cp", (1, None, TAB), "Kardégic", ((75, "mg"),)),
]
EN_PREFIXES = [
    Prefix("1 tab", (1, None, TAB)),
    Prefix("Tab Dolo 650 1 tab", (1, None, TAB), "Dolo", ((650, None),)),
    Prefix("Amoxicillin 500 mg 1 cap", (1, None, CAP), "Amoxicillin", ((500, "mg"),)),
    Prefix("Paracetamol 500 mg 2 tablets", (2, None, TAB), "Paracetamol", ((500, "mg"),)),
    Prefix("take 1 tablet", (1, None, TAB)),
    Prefix("Cap Omez 20 mg 1cap", (1, None, CAP), "Omez", ((20, "mg"),)),
]
PREFIXES = {"fr": FR_PREFIXES, "en": EN_PREFIXES}
DOSE_ONLY = {lang: [p for p in pool if p.drug is None] for lang, pool in PREFIXES.items()}


class Builder:
    """Collects the cases; prefixes are handed out in turn per language."""

    def __init__(self) -> None:
        self.cases: list[Case] = []
        self._turn = Counter()

    def prefix(self, lang: str) -> Prefix:
        pool = PREFIXES[lang]
        chosen = pool[self._turn[lang] % len(pool)]
        self._turn[lang] += 1
        return chosen

    def add(self, family: str, lang: str, text: str, meds: list, admin_max: tuple | None = None) -> None:
        self.cases.append(Case(family, lang, " ".join(text.split(" ")).strip(), meds, admin_max))

    def field(self, family: str, lang: str, phrase: str, fields: Json, prefixes: int = 1, before: str = "") -> None:
        """``<prefix> <phrase>`` with the phrase's fields, once per prefix taken in turn."""
        for _ in range(prefixes):
            p = self.prefix(lang)
            self.add(family, lang, f"{before}{p.text} {phrase}", med(p, dosage(p, **fields)))


# --- dose and its units -----------------------------------------------------------------------

FR_DOSES = {
    # counts of a unit of presentation, in digits and in words, singular and plural, abbreviated
    "count": [
        ("1 cp", 1, TAB),
        ("1 cpr", 1, TAB),
        ("1 comp", 1, TAB),
        ("1 comprimé", 1, TAB),
        ("un comprimé", 1, TAB),
        ("2 comprimés", 2, TAB),
        ("deux comprimés", 2, TAB),
        ("2 cps", 2, TAB),
        ("1 gélule", 1, CAP),
        ("1 gél", 1, CAP),
        ("2 gélules", 2, CAP),
        ("trois gélules", 3, CAP),
        ("1 capsule", 1, CAP),
        ("1 sachet", 1, SACHET),
        ("2 sachets", 2, SACHET),
        ("un sachet", 1, SACHET),
        ("1 suppositoire", 1, "suppository"),
        ("1 suppo", 1, "suppository"),
        ("1 ampoule", 1, "ampoule"),
        ("1 amp", 1, "ampoule"),
        ("10 gouttes", 10, DROP),
        ("10 gttes", 10, DROP),
        ("vingt gouttes", 20, DROP),
        ("vingt-cinq gouttes", 25, DROP),
        ("quinze gouttes", 15, DROP),
        ("2 bouffées", 2, PUFF),
        ("2 pulvérisations", 2, PUFF),
        ("1 patch", 1, "patch"),
        ("1 timbre", 1, "patch"),
        ("1 ovule", 1, "pessary"),
        ("1 stylo", 1, "pen"),
        ("1 injection", 1, "injection"),
        ("1 application", 1, "application"),
        ("1 flacon", 1, "vial"),
        ("1 cuillère-mesure", 1, "spoonful"),
        ("1 mesurette", 1, "spoonful"),
        ("1 cp.", 1, TAB),
        ("1 gél.", 1, CAP),
        ("1 sach", 1, SACHET),
        ("1 cps", 1, TAB),
    ],
    # fractions: 1/2, ½, words, "et demi", decimal comma
    "fraction": [
        ("1/2 cp", 0.5, TAB),
        ("½ cp", 0.5, TAB),
        ("un demi-comprimé", 0.5, TAB),
        ("un demi comprimé", 0.5, TAB),
        ("1/2 comprimé", 0.5, TAB),
        ("1 cp ½", 1.5, TAB),
        ("1 comprimé et demi", 1.5, TAB),
        ("1,5 cp", 1.5, TAB),
        ("1.5 cp", 1.5, TAB),
        ("1/4 de comprimé", 0.25, TAB),
        ("1/4 cp", 0.25, TAB),
        ("¼ cp", 0.25, TAB),
        ("3/4 cp", 0.75, TAB),
        ("1 sachet ½", 1.5, SACHET),
    ],
    # measurable quantities: decimal comma, thousands space, glued units, UI
    "measure": [
        ("500 mg", 500, "mg"),
        ("500mg", 500, "mg"),
        ("1 g", 1, "g"),
        ("1g", 1, "g"),
        ("1 000 mg", 1000, "mg"),
        ("2,5 ml", 2.5, "mL"),
        ("2,5 mL", 2.5, "mL"),
        ("5 ml", 5, "mL"),
        ("5ml", 5, "mL"),
        ("0,5 mg", 0.5, "mg"),
        ("100 µg", 100, "ug"),
        ("100 microgrammes", 100, "ug"),
        ("20 UI", 20, "iU"),
        ("20 unités", 20, "iU"),
        ("8 U", 8, "iU"),
        ("10 000 UI", 10000, "iU"),
        ("1 cuillère à café", 1, "teaspoon"),
        ("1 c. à café", 1, "teaspoon"),
        ("1 cuillère à soupe", 1, "tablespoon"),
        ("1 c. à soupe", 1, "tablespoon"),
        ("1 càc", 1, "teaspoon"),
        ("1 c à c", 1, "teaspoon"),
        ("1 càs", 1, "tablespoon"),
        ("1 c à s", 1, "tablespoon"),
        ("1 cuillère à café rase", 1, "teaspoon"),
        ("2 cuillères à café", 2, "teaspoon"),
    ],
}
FR_RANGES = [
    ("1 à 2 cp", 1, 2, TAB),
    ("1 ou 2 cp", 1, 2, TAB),
    ("1-2 cp", 1, 2, TAB),
    ("1 à 2 comprimés", 1, 2, TAB),
    ("2 à 3 gélules", 2, 3, CAP),
    ("un à deux comprimés", 1, 2, TAB),
    ("1/2 à 1 cp", 0.5, 1, TAB),
    ("5 à 10 ml", 5, 10, "mL"),
    ("10 à 20 gouttes", 10, 20, DROP),
]
EN_DOSES = {
    "count": [
        ("1 tab", 1, TAB),
        ("1 tablet", 1, TAB),
        ("one tablet", 1, TAB),
        ("2 tablets", 2, TAB),
        ("2 tabs", 2, TAB),
        ("two tablets", 2, TAB),
        ("1 cap", 1, CAP),
        ("1 capsule", 1, CAP),
        ("2 caps", 2, CAP),
        ("1 sachet", 1, SACHET),
        ("1 supp", 1, "suppository"),
        ("1 suppository", 1, "suppository"),
        ("2 puffs", 2, PUFF),
        ("2 sprays", 2, PUFF),
        ("2 drops", 2, DROP),
        ("2 gtt", 2, DROP),
        ("2 gtts", 2, DROP),
        ("1 patch", 1, "patch"),
        ("1 amp", 1, "ampoule"),
        ("1 vial", 1, "vial"),
        ("1 pessary", 1, "pessary"),
        ("1 pen", 1, "pen"),
        ("1 injection", 1, "injection"),
        # US sig Roman numerals: i tab, ii tabs, iii gtt
        ("i tab", 1, TAB),
        ("ii tabs", 2, TAB),
        ("ii caps", 2, CAP),
        ("iii gtt", 3, DROP),
        ("ii puffs", 2, PUFF),
    ],
    "fraction": [
        ("½ tab", 0.5, TAB),
        ("1/2 tab", 0.5, TAB),
        ("half a tablet", 0.5, TAB),
        ("half tablet", 0.5, TAB),
        ("0.5 tab", 0.5, TAB),
        ("1.5 tablets", 1.5, TAB),
        ("1½ tabs", 1.5, TAB),
        ("1 1/2 tabs", 1.5, TAB),
        ("one and a half tablets", 1.5, TAB),
        ("1/4 tab", 0.25, TAB),
    ],
    "measure": [
        ("500 mg", 500, "mg"),
        ("500mg", 500, "mg"),
        ("1 g", 1, "g"),
        ("5 ml", 5, "mL"),
        ("5ml", 5, "mL"),
        ("2.5 mL", 2.5, "mL"),
        ("10 units", 10, "iU"),
        ("10 IU", 10, "iU"),
        ("100 mcg", 100, "ug"),
        ("5,000 units", 5000, "iU"),
        ("1 tsp", 1, "teaspoon"),
        ("1 teaspoon", 1, "teaspoon"),
        ("1 teaspoonful", 1, "teaspoon"),
        ("1 tbsp", 1, "tablespoon"),
        ("1 tablespoon", 1, "tablespoon"),
        ("2 tsf", 2, "teaspoon"),
        ("2 teaspoons", 2, "teaspoon"),
        ("10 mL", 10, "mL"),
        ("0.5 ml", 0.5, "mL"),
    ],
}
EN_RANGES = [
    ("1-2 tabs", 1, 2, TAB),
    ("1 to 2 tablets", 1, 2, TAB),
    ("1 or 2 tablets", 1, 2, TAB),
    ("one or two tablets", 1, 2, TAB),
    ("1-2 caps", 1, 2, CAP),
    ("5-10 ml", 5, 10, "mL"),
]


def build_dose(b: Builder) -> None:
    tails = {
        "fr": [("le matin", "MORN"), ("le soir", "EVE")],
        "en": [("in the morning", "MORN"), ("at night", "NIGHT")],
    }
    for lang, table, ranges in (("fr", FR_DOSES, FR_RANGES), ("en", EN_DOSES, EN_RANGES)):
        k = 0
        for family, rows in table.items():
            for phrase, value, unit in rows:
                tail, when = tails[lang][k % 2]
                k += 1
                b.add(
                    f"dose/{lang}/{family}",
                    lang,
                    f"{phrase} {tail}",
                    med(None, {"dose": [value, None, unit], "when": [when]}),
                )
        for phrase, low, high, unit in ranges:
            tail, when = tails[lang][k % 2]
            k += 1
            b.add(
                f"dose/{lang}/range", lang, f"{phrase} {tail}", med(None, {"dose": [low, high, unit], "when": [when]})
            )
    # a mass with a drug name and no other quantity is the dose, not a strength (§1)
    for lang, text, drug, dose in [
        ("fr", "paracétamol 1 g le soir", "paracétamol", [1, None, "g"]),
        ("fr", "Doliprane 500 mg le soir", "Doliprane", [500, None, "mg"]),
        ("fr", "Lovenox 4000 UI le soir", "Lovenox", [4000, None, "iU"]),
        ("en", "Ibuprofen 200 mg at night", "Ibuprofen", [200, None, "mg"]),
        ("en", "Paracetamol 1 g at night", "Paracetamol", [1, None, "g"]),
    ]:
        when = "EVE" if lang == "fr" else "NIGHT"
        b.add(f"dose/{lang}/mass-after-name", lang, text, [{"drug": drug, "dosages": [{"dose": dose, "when": [when]}]}])


# --- frequency: count × "times" word × period phrase -----------------------------------------

FR_COUNTS = [(1, "1"), (1, "une"), (2, "2"), (2, "deux"), (3, "3"), (3, "trois"), (4, "4"), (4, "quatre")]
FR_DAY_PERIODS = [
    "par jour",
    "chaque jour",
    "tous les jours",
    "dans la journée",
    "par 24 heures",
    "par 24 h",
    "/j",
    "/jour",
    "/ jour",
    "par j",
]
FR_WEEK_PERIODS = ["par semaine", "chaque semaine", "/semaine", "/sem"]
FR_MONTH_PERIODS = ["par mois", "/mois"]
FR_GLUED = [  # digits only: "3x/j", "3 x/j", "x3/j", "3x par jour", "3 fois/j"
    "{n}x/j",
    "{n} x/j",
    "x{n}/j",
    "x {n}/j",
    "{n}x/jour",
    "{n}x par jour",
    "{n} x par jour",
    "{n} fois/j",
    "{n}fois/j",
    "{n}x/24h",
    "{n}X/J",
]

EN_COUNTS = [
    (1, "once"),
    (2, "twice"),
    (3, "thrice"),
    (1, "1 time"),
    (2, "2 times"),
    (3, "3 times"),
    (4, "4 times"),
    (2, "two times"),
    (3, "three times"),
    (4, "four times"),
]
EN_DAY_PERIODS = ["a day", "per day", "daily", "every day", "each day", "/day", "in a day", "in 24 hours"]
EN_WEEK_PERIODS = ["a week", "per week", "weekly", "every week"]
EN_GLUED = ["{n}x a day", "{n}x/day", "{n} x daily", "{n}x daily", "{n}x per day", "x{n} a day", "{n} x a day"]
EN_ABBREVIATIONS = [  # sig shorthand, UK / US / India, with and without dots, any case
    ("od", 1),
    ("OD", 1),
    ("qd", 1),
    ("QD", 1),
    ("q.d.", 1),
    ("daily", 1),
    ("once a day", 1),
    ("1/day", 1),
    ("bd", 2),
    ("BD", 2),
    ("bid", 2),
    ("BID", 2),
    ("b.i.d.", 2),
    ("b.d.", 2),
    ("tds", 3),
    ("TDS", 3),
    ("tid", 3),
    ("TID", 3),
    ("t.i.d.", 3),
    ("t.d.s.", 3),
    ("qid", 4),
    ("QID", 4),
    ("qds", 4),
    ("QDS", 4),
    ("q.i.d.", 4),
    ("q.d.s.", 4),
]


def build_frequency(b: Builder) -> None:
    # FR: count × "fois" × period
    for n, word in FR_COUNTS:
        for period in FR_DAY_PERIODS:
            b.field("frequency/fr/count-fois-day", "fr", f"{word} fois {period}", {"freq": F(n), "period": P(1, "d")})
        for period in FR_WEEK_PERIODS:
            b.field("frequency/fr/count-fois-week", "fr", f"{word} fois {period}", {"freq": F(n), "period": P(1, "wk")})
    for n, word in FR_COUNTS[:4]:
        for period in FR_MONTH_PERIODS:
            b.field(
                "frequency/fr/count-fois-month", "fr", f"{word} fois {period}", {"freq": F(n), "period": P(1, "mo")}
            )
    for n in (2, 3, 4):
        for form in FR_GLUED:
            b.field("frequency/fr/glued-x", "fr", form.format(n=n), {"freq": F(n), "period": P(1, "d")})
    # "prises": the count of intakes
    for n, word in [(2, "2"), (3, "3"), (3, "trois"), (4, "4")]:
        for period in ["par jour", "/j", "dans la journée"]:
            b.field("frequency/fr/prises", "fr", f"{word} prises {period}", {"freq": F(n), "period": P(1, "d")})
    # ranges and upper bounds
    for phrase, fields in [
        ("2 à 3 fois par jour", {"freq": F(2, 3), "period": P(1, "d")}),
        ("2 ou 3 fois par jour", {"freq": F(2, 3), "period": P(1, "d")}),
        ("2-3 fois par jour", {"freq": F(2, 3), "period": P(1, "d")}),
        ("deux à trois fois par jour", {"freq": F(2, 3), "period": P(1, "d")}),
        ("2 à 3x/j", {"freq": F(2, 3), "period": P(1, "d")}),
        ("1 à 2 fois par semaine", {"freq": F(1, 2), "period": P(1, "wk")}),
        ("jusqu'à 3 fois par jour", {"freq": F(1, 3), "period": P(1, "d")}),
        ("jusqu'à 4 fois/j", {"freq": F(1, 4), "period": P(1, "d")}),
        ("au plus 3 fois par jour", {"freq": F(1, 3), "period": P(1, "d")}),
    ]:
        b.field("frequency/fr/range", "fr", phrase, fields, prefixes=2)
    # the dose is the count: "1 cp par jour", "2 cp/j"
    for phrase, unit, per in [
        ("par jour", "d", 1),
        ("/j", "d", 1),
        ("/jour", "d", 1),
        ("chaque jour", "d", 1),
        ("tous les jours", "d", 1),
        ("quotidiennement", "d", 1),
        ("par semaine", "wk", 1),
        ("/semaine", "wk", 1),
        ("par mois", "mo", 1),
        ("chaque semaine", "wk", 1),
    ]:
        b.field("frequency/fr/dose-per-period", "fr", phrase, {"freq": F(1), "period": P(per, unit)}, prefixes=2)
    # days per week
    for phrase, n in [("3 j/7", 3), ("5 j/7", 5), ("3 jours par semaine", 3), ("5 jours sur 7", 5), ("5j/7", 5)]:
        b.field("frequency/fr/days-per-week", "fr", phrase, {"freq": F(n), "period": P(1, "wk")})
    # "1x3": a dose times a daily count (Indian / French shorthand, §7)
    for text, dose, n in [
        ("1x3", (1, None, None), 3),
        ("1 x 3", (1, None, None), 3),
        ("1*3", (1, None, None), 3),
        ("2x2", (2, None, None), 2),
    ]:
        b.add(
            "frequency/fr/dose-x-count",
            "fr",
            f"Doliprane {text}",
            med(Prefix("", None, "Doliprane"), {"dose": list(dose), **_lists(freq=F(n), period=P(1, "d"))}),
        )
        # a form word before the name ("Tab") gives the unit (as in CONVENTIONS' X06)
        b.add(
            "frequency/en/dose-x-count",
            "en",
            f"Tab Crocin {text}",
            med(Prefix("", None, "Crocin"), {"dose": [dose[0], None, TAB], **_lists(freq=F(n), period=P(1, "d"))}),
        )
    for text, dose, n in [("1 cp x 3", (1, None, TAB), 3), ("2 cp x 2", (2, None, TAB), 2)]:
        b.add(
            "frequency/fr/dose-x-count",
            "fr",
            text,
            med(None, {"dose": list(dose), **_lists(freq=F(n), period=P(1, "d"))}),
        )

    # EN: count × "times" × period
    for n, word in EN_COUNTS:
        for period in EN_DAY_PERIODS:
            if word in ("once", "twice", "thrice") and period in ("/day",):
                continue
            b.field("frequency/en/count-times-day", "en", f"{word} {period}", {"freq": F(n), "period": P(1, "d")})
        for period in EN_WEEK_PERIODS:
            b.field("frequency/en/count-times-week", "en", f"{word} {period}", {"freq": F(n), "period": P(1, "wk")})
    for phrase in ("once a month", "once monthly", "1 time per month", "twice a month"):
        b.field(
            "frequency/en/count-times-month",
            "en",
            phrase,
            {"freq": F(2 if "twice" in phrase else 1), "period": P(1, "mo")},
        )
    for n in (2, 3, 4):
        for form in EN_GLUED:
            b.field("frequency/en/glued-x", "en", form.format(n=n), {"freq": F(n), "period": P(1, "d")})
    for abbr, n in EN_ABBREVIATIONS:
        b.field("frequency/en/abbreviation", "en", abbr, {"freq": F(n), "period": P(1, "d")}, prefixes=2)
    for phrase, fields in [
        ("weekly", {"freq": F(1), "period": P(1, "wk")}),
        ("once weekly", {"freq": F(1), "period": P(1, "wk")}),
        ("twice weekly", {"freq": F(2), "period": P(1, "wk")}),
        ("tiw", {"freq": F(3), "period": P(1, "wk")}),
        ("monthly", {"freq": F(1), "period": P(1, "mo")}),
        ("2-3 times a day", {"freq": F(2, 3), "period": P(1, "d")}),
        ("2 to 3 times a day", {"freq": F(2, 3), "period": P(1, "d")}),
        ("2 or 3 times daily", {"freq": F(2, 3), "period": P(1, "d")}),
        ("up to 3 times a day", {"freq": F(1, 3), "period": P(1, "d")}),
        ("up to 4 times daily", {"freq": F(1, 4), "period": P(1, "d")}),
    ]:
        b.field("frequency/en/range-or-word", "en", phrase, fields, prefixes=2)
    for phrase, per in [
        ("per day", "d"),
        ("a day", "d"),
        ("daily", "d"),
        ("every day", "d"),
        ("/day", "d"),
        ("per week", "wk"),
    ]:
        b.field("frequency/en/dose-per-period", "en", phrase, {"freq": F(1), "period": P(1, per)})


def _lists(**fields: Any) -> Json:
    return {k: list(v) if isinstance(v, tuple) else v for k, v in fields.items()}


# --- interval / period ---------------------------------------------------------------------------

FR_INTERVALS = [
    *[(f"toutes les {n} heures", P(n, "h")) for n in (4, 6, 8, 12)],
    *[
        (form.format(n=n), P(n, "h"))
        for n in (6, 8)
        for form in (
            "toutes les {n} h",
            "toutes les {n}h",
            "/{n}h",
            "/ {n} h",
            "chaque {n} heures",
            "ttes les {n}h",
            "tt les {n}h",
            "toutes les {n} heure(s)",
        )
    ],
    ("toutes les six heures", P(6, "h")),
    ("toutes les huit heures", P(8, "h")),
    ("toutes les douze heures", P(12, "h")),
    ("toutes les heures", P(1, "h")),
    ("toutes les 30 minutes", P(30, "min")),
    ("toutes les 4 à 6 heures", P(4, "h", 6)),
    ("toutes les 4-6 h", P(4, "h", 6)),
    ("toutes les 6 à 8 h", P(6, "h", 8)),
    ("tous les 2 jours", P(2, "d")),
    ("tous les deux jours", P(2, "d")),
    ("1 jour sur 2", P(2, "d")),
    ("un jour sur deux", P(2, "d")),
    ("1j/2", P(2, "d")),
    ("tous les 3 jours", P(3, "d")),
    ("/3j", P(3, "d")),
    ("tous les 3 j", P(3, "d")),
    ("tous les 15 jours", P(15, "d")),
    ("tous les quinze jours", P(15, "d")),
    ("toutes les semaines", P(1, "wk")),
    ("toutes les 2 semaines", P(2, "wk")),
    ("tous les mois", P(1, "mo")),
    ("tous les 3 mois", P(3, "mo")),
    ("chaque mois", P(1, "mo")),
    ("tous les 7 jours", P(7, "d")),
    ("une fois toutes les 2 semaines", P(2, "wk")),
    ("1 fois tous les 15 jours", P(15, "d")),
    ("toutes les 4 semaines", P(4, "wk")),
    ("tous les 28 jours", P(28, "d")),
    ("une fois par mois", P(1, "mo")),
    ("toutes les 48 h", P(48, "h")),
    ("toutes les 72 heures", P(72, "h")),
]
EN_INTERVALS = [
    *[(f"every {n} hours", P(n, "h")) for n in (4, 6, 8, 12)],
    *[
        (form.format(n=n), P(n, "h"))
        for n in (6, 8)
        for form in (
            "every {n} hrs",
            "every {n} hr",
            "every {n}h",
            "every {n} h",
            "q{n}h",
            "Q{n}H",
            "q {n} h",
            "q{n}hr",
            "q{n}hrs",
            "q {n} hours",
            "q{n} hours",
            "{n} hourly",
            "{n}-hourly",
            "{n} hrly",
            "{n}hrly",
            "/{n}h",
            "every {n} hour(s)",
        )
    ],
    ("every eight hours", P(8, "h")),
    ("every six hours", P(6, "h")),
    ("every hour", P(1, "h")),
    ("hourly", P(1, "h")),
    ("q1h", P(1, "h")),
    ("every 30 minutes", P(30, "min")),
    ("q30min", P(30, "min")),
    ("every 4 to 6 hours", P(4, "h", 6)),
    ("every 4-6 hours", P(4, "h", 6)),
    ("q4-6h", P(4, "h", 6)),
    ("q4-6hr", P(4, "h", 6)),
    ("every 4-6 hrs", P(4, "h", 6)),
    ("every other day", P(2, "d")),
    ("every 2 days", P(2, "d")),
    ("every second day", P(2, "d")),
    ("on alternate days", P(2, "d")),
    ("alternate days", P(2, "d")),
    ("qod", P(2, "d")),
    ("q2d", P(2, "d")),
    ("every 3 days", P(3, "d")),
    ("q3d", P(3, "d")),
    ("q 3 days", P(3, "d")),
    ("q72h", P(72, "h")),
    ("every 72 hours", P(72, "h")),
    ("every week", P(1, "wk")),
    ("every 2 weeks", P(2, "wk")),
    ("fortnightly", P(2, "wk")),
    ("every month", P(1, "mo")),
    ("q1mo", P(1, "mo")),
    ("every 3 months", P(3, "mo")),
    ("q3mo", P(3, "mo")),
    ("q2wk", P(2, "wk")),
    ("every 7 days", P(7, "d")),
    ("q7d", P(7, "d")),
    ("once every 2 weeks", P(2, "wk")),
    ("once every 3 months", P(3, "mo")),
    ("every 4 weeks", P(4, "wk")),
    ("q4wk", P(4, "wk")),
    ("q28d", P(28, "d")),
    ("q1w", P(1, "wk")),
    ("q1d", P(1, "d")),
    ("every 48 hours", P(48, "h")),
    ("q48h", P(48, "h")),
    ("every 3 hours", P(3, "h")),
    ("q3h", P(3, "h")),
    ("2 hourly", P(2, "h")),
]


def build_interval(b: Builder) -> None:
    for lang, rows in (("fr", FR_INTERVALS), ("en", EN_INTERVALS)):
        for phrase, period in rows:
            b.field(f"interval/{lang}/every-n-unit", lang, phrase, {"freq": F(1), "period": period})
    # dose per interval: "1 patch/3j", "1 patch every 3 days"
    for lang, text, period in [
        ("fr", "1 patch/3j", P(3, "d")),
        ("fr", "1 patch tous les 3 jours", P(3, "d")),
        ("fr", "1 patch/72h", P(72, "h")),
        ("fr", "1 injection/semaine", P(1, "wk")),
        ("en", "1 patch q72h", P(72, "h")),
        ("en", "1 patch every 3 days", P(3, "d")),
        ("en", "1 injection every 2 weeks", P(2, "wk")),
    ]:
        unit = "patch" if "patch" in text else "injection"
        fields = _lists(freq=F(1), period=period)
        if text == "1 injection/semaine":
            fields = _lists(freq=F(1), period=P(1, "wk"))
        b.add(f"interval/{lang}/dose-per-interval", lang, text, med(None, {"dose": [1, None, unit], **fields}))


# --- duration --------------------------------------------------------------------------------

FR_DURATIONS = [
    # (phrase, bounds)
    *[
        (f"{prep} 5 jours", (5, None, "d"))
        for prep in ("pendant", "pdt", "durant", "pour", "sur", "x", "pour une durée de")
    ],
    *[(f"{prep} 7 jours", (7, None, "d")) for prep in ("pendant", "pdt", "pour", "x")],
    ("pdt 5j", (5, None, "d")),
    ("pendant 5j", (5, None, "d")),
    ("x5j", (5, None, "d")),
    ("x 5j", (5, None, "d")),
    ("pdt 5 j", (5, None, "d")),
    ("5 jours", (5, None, "d")),
    ("pendant cinq jours", (5, None, "d")),
    ("pendant dix jours", (10, None, "d")),
    ("pendant huit jours", (8, None, "d")),
    ("pendant 15 jours", (15, None, "d")),
    ("pendant 1 jour", (1, None, "d")),
    ("pendant une semaine", (1, None, "wk")),
    ("pendant 1 semaine", (1, None, "wk")),
    ("pendant 2 semaines", (2, None, "wk")),
    ("pendant deux semaines", (2, None, "wk")),
    ("pdt 2 sem", (2, None, "wk")),
    ("pendant 3 sem", (3, None, "wk")),
    ("pendant 1 mois", (1, None, "mo")),
    ("pendant un mois", (1, None, "mo")),
    ("pendant 3 mois", (3, None, "mo")),
    ("durant 3 mois", (3, None, "mo")),
    ("pour 1 mois", (1, None, "mo")),
    ("pendant 3 à 5 jours", (3, 5, "d")),
    ("pendant 5 à 7 jours", (5, 7, "d")),
    ("pendant 5 jour(s)", (5, None, "d")),
    ("durant 15 jour(s)", (15, None, "d")),
    ("pendant 10 j", (10, None, "d")),
    ("x 10 jours", (10, None, "d")),
    ("à poursuivre 3 mois", (3, None, "mo")),
    ("durée : 5 jours", (5, None, "d")),
    ("durée 5 j", (5, None, "d")),
    ("pendant 5 jours consécutifs", (5, None, "d")),
    ("pendant 5 jours de suite", (5, None, "d")),
    ("pendant 6 semaines", (6, None, "wk")),
    ("pendant 1 an", (1, None, "a")),
    ("sur 3 mois", (3, None, "mo")),
]
EN_DURATIONS = [
    *[(f"{prep} 5 days", (5, None, "d")) for prep in ("for", "x", "X", "for a period of", "for the next")],
    ("x5 days", (5, None, "d")),
    ("x 5d", (5, None, "d")),
    ("x5d", (5, None, "d")),
    ("for 5d", (5, None, "d")),
    ("x 5 day", (5, None, "d")),
    ("5 days", (5, None, "d")),
    ("for five days", (5, None, "d")),
    ("for ten days", (10, None, "d")),
    ("for 7 days", (7, None, "d")),
    ("for 10 days", (10, None, "d")),
    ("for 1 day", (1, None, "d")),
    ("for a week", (1, None, "wk")),
    ("for 1 week", (1, None, "wk")),
    ("for one week", (1, None, "wk")),
    ("for 2 weeks", (2, None, "wk")),
    ("for 2 wks", (2, None, "wk")),
    ("x 2 weeks", (2, None, "wk")),
    ("x 2 wk", (2, None, "wk")),
    ("for 1 month", (1, None, "mo")),
    ("for a month", (1, None, "mo")),
    ("x 1 month", (1, None, "mo")),
    ("for 3 months", (3, None, "mo")),
    ("for 3 mths", (3, None, "mo")),
    ("for 3-5 days", (3, 5, "d")),
    ("for 3 to 5 days", (3, 5, "d")),
    ("for 5/7", (5, None, "d")),
    ("x 5/7", (5, None, "d")),
    ("for 2/52", (2, None, "wk")),
    ("for 1/12", (1, None, "mo")),
    ("for 5 day(s)", (5, None, "d")),
    ("for 5 days only", (5, None, "d")),
    ("for 5 consecutive days", (5, None, "d")),
    ("duration: 5 days", (5, None, "d")),
    ("x 1 month", (1, None, "mo")),
    ("x 15 days", (15, None, "d")),
    ("for 6 weeks", (6, None, "wk")),
    ("for 1 year", (1, None, "a")),
    ("x 3/12", (3, None, "mo")),
]
FR_DURATION_BASES = [
    ("3 fois par jour", {"freq": F(3), "period": P(1, "d")}),
    ("matin et soir", {"when": ["EVE", "MORN"]}),
]
EN_DURATION_BASES = [
    ("bd", {"freq": F(2), "period": P(1, "d")}),
    ("three times a day", {"freq": F(3), "period": P(1, "d")}),
]


def build_duration(b: Builder) -> None:
    for lang, rows, bases in (("fr", FR_DURATIONS, FR_DURATION_BASES), ("en", EN_DURATIONS, EN_DURATION_BASES)):
        for k, (phrase, bounds) in enumerate(rows):
            base, fields = bases[k % 2]
            b.field(f"duration/{lang}/for-n-unit", lang, f"{base} {phrase}", {**fields, "bounds": bounds})
    # a duration written first
    for lang, text, fields in [
        ("fr", "pendant 5 jours : 1 cp matin et soir", {"when": ["EVE", "MORN"]}),
        ("fr", "Pendant 7 jours, 1 cp 3 fois par jour", {"freq": F(3), "period": P(1, "d")}),
        ("en", "For 5 days: 1 tab twice a day", {"freq": F(2), "period": P(1, "d")}),
    ]:
        days = 7 if "7" in text else 5
        b.add(
            f"duration/{lang}/first",
            lang,
            text,
            med(None, dosage(Prefix("", (1, None, TAB)), **fields, bounds=(days, None, "d"))),
        )


# --- count (number of intakes) ---------------------------------------------------------------


def build_count(b: Builder) -> None:
    rows = [
        ("fr", "le matin, 3 prises au total", {"when": ["MORN"], "count": 3}),
        ("fr", "3 fois par jour, 9 prises au total", {"freq": F(3), "period": P(1, "d"), "count": 9}),
        ("fr", "en prise unique", {"count": 1}),
        ("fr", "dose unique", {"count": 1}),
        ("fr", "en une seule prise", {"count": 1}),
        ("fr", "une seule fois", {"count": 1}),
        ("fr", "à prendre une seule fois", {"count": 1}),
        ("en", "q8h x 3 doses", {"freq": F(1), "period": P(8, "h"), "count": 3}),
        ("en", "q8h x3 doses", {"freq": F(1), "period": P(8, "h"), "count": 3}),
        ("en", "every 12 hours for 4 doses", {"freq": F(1), "period": P(12, "h"), "count": 4}),
        ("en", "q6h prn x3 times", {"freq": F(1), "period": P(6, "h"), "as_needed": True, "count": 3}),
        ("en", "once only", {"count": 1}),
        ("en", "single dose", {"count": 1}),
        ("en", "as a single dose", {"count": 1}),
        ("en", "one dose only", {"count": 1}),
    ]
    for lang, phrase, fields in rows:
        b.field(f"count/{lang}/total", lang, phrase, fields)
    for lang, text in [
        ("fr", "Doliprane 1000 mg 1 cp, 6 comprimés au total"),
        ("fr", "1 cp toutes les 8 h, 6 cp au total"),
    ]:
        fields = {"count": 6} if "toutes" not in text else {"freq": F(1), "period": P(8, "h"), "count": 6}
        p = FR_PREFIXES[1] if text.startswith("Doliprane") else FR_PREFIXES[0]
        b.add(f"count/{lang}/units-in-total", lang, text, med(p, dosage(p, **fields)))
    for lang, text, drug, strength, dose in [
        ("en", "Ceftriaxone 1 g IM stat", "Ceftriaxone", None, [1, None, "g"]),
        ("en", "Ondansetron 4 mg 1 tab STAT", "Ondansetron", [[4, "mg"]], [1, None, TAB]),
        ("en", "Paracetamol 1 g stat", "Paracetamol", None, [1, None, "g"]),
        ("fr", "Adrénaline 0,5 mg IM immédiatement", "Adrénaline", None, [0.5, None, "mg"]),
        ("fr", "1 cp immédiatement", None, None, [1, None, TAB]),
    ]:
        d: Json = {"dose": dose, "count": 1}
        if " IM " in text:
            d["route"] = "intramuscular"
        m: Json = {"priority": "stat", "dosages": [d]}
        if drug:
            m["drug"] = drug
        if strength:
            m["strength"] = strength
        b.add(f"count/{lang}/stat", lang, text, [m])


# --- when: events and meals -------------------------------------------------------------------

FR_WHEN = [
    ("le matin", ["MORN"]),
    ("matin", ["MORN"]),
    ("chaque matin", ["MORN"]),
    ("tous les matins", ["MORN"]),
    ("le midi", ["NOON"]),
    ("à midi", ["NOON"]),
    ("midi", ["NOON"]),
    ("l'après-midi", ["AFT"]),
    ("dans l'après-midi", ["AFT"]),
    ("le soir", ["EVE"]),
    ("soir", ["EVE"]),
    ("chaque soir", ["EVE"]),
    ("tous les soirs", ["EVE"]),
    ("la nuit", ["NIGHT"]),
    ("au coucher", ["HS"]),
    ("le soir au coucher", ["HS"]),
    ("au moment du coucher", ["HS"]),
    ("avant le coucher", ["HS"]),
    ("avant de se coucher", ["HS"]),
    ("avant de dormir", ["HS"]),
    ("avant le sommeil", ["HS"]),
    ("au réveil", ["WAKE"]),
    ("au lever", ["WAKE"]),
    ("au petit-déjeuner", ["CM"]),
    ("au petit déjeuner", ["CM"]),
    ("au déjeuner", ["CD"]),
    ("au dîner", ["CV"]),
    ("au diner", ["CV"]),
    ("pendant le repas", ["C"]),
    ("au cours du repas", ["C"]),
    ("au cours des repas", ["C"]),
    ("au milieu du repas", ["C"]),
    ("aux repas", ["C"]),
    ("pendant les repas", ["C"]),
    ("durant un repas", ["C"]),
    ("durant le repas", ["C"]),
    ("au moment du repas", ["C"]),
    ("au moment des repas", ["C"]),
    ("avec le repas", ["C"]),
    ("avant les repas", ["AC"]),
    ("avant le repas", ["AC"]),
    ("avant chaque repas", ["AC"]),
    ("après les repas", ["PC"]),
    ("après le repas", ["PC"]),
    ("après chaque repas", ["PC"]),
    ("avant le petit-déjeuner", ["ACM"]),
    ("avant le déjeuner", ["ACD"]),
    ("avant le dîner", ["ACV"]),
    ("après le petit-déjeuner", ["PCM"]),
    ("après le déjeuner", ["PCD"]),
    ("après le dîner", ["PCV"]),
    ("matin et soir", ["MORN", "EVE"]),
    ("le matin et le soir", ["MORN", "EVE"]),
    ("matin, midi et soir", ["MORN", "NOON", "EVE"]),
    ("matin midi et soir", ["MORN", "NOON", "EVE"]),
    ("matin, midi, soir", ["MORN", "NOON", "EVE"]),
    ("matin et midi", ["MORN", "NOON"]),
    ("midi et soir", ["NOON", "EVE"]),
    ("le matin à jeun", ["MORN"]),
    ("le soir au dîner", ["CV"]),
]
EN_WHEN = [
    ("in the morning", ["MORN"]),
    ("every morning", ["MORN"]),
    ("each morning", ["MORN"]),
    ("mane", ["MORN"]),
    ("qam", ["MORN"]),
    ("q am", ["MORN"]),
    ("in AM", ["MORN"]),
    ("at noon", ["NOON"]),
    ("at midday", ["NOON"]),
    ("in the afternoon", ["AFT"]),
    ("in the evening", ["EVE"]),
    ("every evening", ["EVE"]),
    ("qpm", ["EVE"]),
    ("q pm", ["EVE"]),
    ("at night", ["NIGHT"]),
    ("every night", ["NIGHT"]),
    ("at bedtime", ["HS"]),
    ("hs", ["HS"]),
    ("HS", ["HS"]),
    ("qhs", ["HS"]),
    ("QHS", ["HS"]),
    ("at hs", ["HS"]),
    ("before bed", ["HS"]),
    ("before bedtime", ["HS"]),
    ("before sleep", ["HS"]),
    ("on waking", ["WAKE"]),
    ("upon waking", ["WAKE"]),
    ("with breakfast", ["CM"]),
    ("with lunch", ["CD"]),
    ("with dinner", ["CV"]),
    ("with supper", ["CV"]),
    ("with meals", ["C"]),
    ("with food", ["C"]),
    ("with a meal", ["C"]),
    ("with each meal", ["C"]),
    ("before meals", ["AC"]),
    ("before food", ["AC"]),
    ("before meal", ["AC"]),
    ("ac", ["AC"]),
    ("AC", ["AC"]),
    ("a.c.", ["AC"]),
    ("before each meal", ["AC"]),
    ("after meals", ["PC"]),
    ("after food", ["PC"]),
    ("after meal", ["PC"]),
    ("pc", ["PC"]),
    ("PC", ["PC"]),
    ("p.c.", ["PC"]),
    ("after each meal", ["PC"]),
    ("before breakfast", ["ACM"]),
    ("BBF", ["ACM"]),
    ("before lunch", ["ACD"]),
    ("before dinner", ["ACV"]),
    ("after breakfast", ["PCM"]),
    ("after lunch", ["PCD"]),
    ("after dinner", ["PCV"]),
    ("after supper", ["PCV"]),
    ("morning and evening", ["MORN", "EVE"]),
    ("morning and night", ["MORN", "NIGHT"]),
    ("in the morning and at night", ["MORN", "NIGHT"]),
    ("morning, noon and evening", ["MORN", "NOON", "EVE"]),
    ("in the morning on an empty stomach", ["MORN"]),
]
# events with a meal relation or a counted frequency compose (§3)
COMPOSED_WHEN = [
    ("fr", "matin et soir au milieu du repas", {"when": ["CM", "CV"]}),
    ("fr", "matin et soir pendant les repas", {"when": ["CM", "CV"]}),
    ("fr", "matin, midi et soir au cours des repas", {"when": ["CM", "CD", "CV"]}),
    ("fr", "matin et soir après le repas", {"when": ["PCM", "PCV"]}),
    ("fr", "le matin avant le repas", {"when": ["ACM"]}),
    ("fr", "3 fois par jour au moment des repas", {"freq": F(3), "period": P(1, "d"), "when": ["C"]}),
    ("fr", "3 fois par jour avant les repas", {"freq": F(3), "period": P(1, "d"), "when": ["AC"]}),
    ("fr", "une fois par jour le matin", {"freq": F(1), "period": P(1, "d"), "when": ["MORN"]}),
    ("fr", "1 fois par jour le soir", {"freq": F(1), "period": P(1, "d"), "when": ["EVE"]}),
    ("fr", "30 minutes avant le petit-déjeuner", {"when": ["ACM"], "offset": 30}),
    ("fr", "15 min avant le repas", {"when": ["AC"], "offset": 15}),
    ("fr", "une demi-heure avant le repas", {"when": ["AC"], "offset": 30}),
    ("fr", "1 heure avant le dîner", {"when": ["ACV"], "offset": 60}),
    ("en", "morning and evening with food", {"when": ["CM", "CV"]}),
    ("en", "twice daily with food", {"freq": F(2), "period": P(1, "d"), "when": ["C"]}),
    ("en", "bd after food", {"freq": F(2), "period": P(1, "d"), "when": ["PC"]}),
    ("en", "tds after meals", {"freq": F(3), "period": P(1, "d"), "when": ["PC"]}),
    ("en", "once daily in the morning", {"freq": F(1), "period": P(1, "d"), "when": ["MORN"]}),
    ("en", "od at bedtime", {"freq": F(1), "period": P(1, "d"), "when": ["HS"]}),
    ("en", "30 minutes before breakfast", {"when": ["ACM"], "offset": 30}),
    ("en", "1 hour before food", {"when": ["AC"], "offset": 60}),
    ("en", "30 min before meals", {"when": ["AC"], "offset": 30}),
    # meal lists: one relation, several meals
    ("fr", "avant le petit-déjeuner et le dîner", {"when": ["ACM", "ACV"]}),
    ("fr", "au petit-déjeuner et au dîner", {"when": ["CM", "CV"]}),
    ("fr", "après le déjeuner et le dîner", {"when": ["PCD", "PCV"]}),
    ("fr", "avant le petit-déjeuner, le déjeuner et le dîner", {"when": ["ACM", "ACD", "ACV"]}),
    ("en", "before breakfast and dinner", {"when": ["ACM", "ACV"]}),
    ("en", "with breakfast and dinner", {"when": ["CM", "CV"]}),
    ("en", "after breakfast and dinner", {"when": ["PCM", "PCV"]}),
    ("en", "pc breakfast lunch dinner", {"when": ["PCM", "PCD", "PCV"]}),
    ("en", "after breakfast, lunch and dinner", {"when": ["PCM", "PCD", "PCV"]}),
    # a counted frequency with its day-times: both are written (§3)
    ("fr", "2 fois par jour, matin et soir", {"freq": F(2), "period": P(1, "d"), "when": ["MORN", "EVE"]}),
    (
        "fr",
        "3 fois par jour à 8h, 14h et 20h",
        {"freq": F(3), "period": P(1, "d"), "tod": ["08:00:00", "14:00:00", "20:00:00"]},
    ),
    ("en", "twice a day (morning and evening)", {"freq": F(2), "period": P(1, "d"), "when": ["MORN", "EVE"]}),
    ("en", "od at night", {"freq": F(1), "period": P(1, "d"), "when": ["NIGHT"]}),
    ("en", "bd before food", {"freq": F(2), "period": P(1, "d"), "when": ["AC"]}),
]


def build_when(b: Builder) -> None:
    for lang, rows in (("fr", FR_WHEN), ("en", EN_WHEN)):
        for phrase, when in rows:
            b.field(f"when/{lang}/event", lang, phrase, {"when": sorted(when)})
    for lang, phrase, fields in COMPOSED_WHEN:
        if fields is None:
            continue
        fields = {**fields, **({"when": sorted(fields["when"])} if "when" in fields else {})}
        b.field(f"when/{lang}/composed", lang, phrase, fields)


# --- time of day ------------------------------------------------------------------------------

FR_TOD = [
    ("à 8h", ["08:00:00"]),
    ("à 8 h", ["08:00:00"]),
    ("à 8h00", ["08:00:00"]),
    ("à 08h00", ["08:00:00"]),
    ("à 8 heures", ["08:00:00"]),
    ("à 20h30", ["20:30:00"]),
    ("à 20 h 30", ["20:30:00"]),
    ("à 22h", ["22:00:00"]),
    ("à 8h et 20h", ["08:00:00", "20:00:00"]),
    ("à 8h et à 20h", ["08:00:00", "20:00:00"]),
    ("à 7h, 12h et 18h", ["07:00:00", "12:00:00", "18:00:00"]),
    ("à 9h et 21h", ["09:00:00", "21:00:00"]),
    ("à 8:00", ["08:00:00"]),
    ("à 14h", ["14:00:00"]),
]
EN_TOD = [
    ("at 8 am", ["08:00:00"]),
    ("at 8am", ["08:00:00"]),
    ("at 8:00", ["08:00:00"]),
    ("@ 8:00", ["08:00:00"]),
    ("@8am", ["08:00:00"]),
    ("at 08:00", ["08:00:00"]),
    ("at 8 pm", ["20:00:00"]),
    ("at 8pm", ["20:00:00"]),
    ("at 8:30 pm", ["20:30:00"]),
    ("at 20:00", ["20:00:00"]),
    ("at 8 am and 8 pm", ["08:00:00", "20:00:00"]),
    ("at 9am & 9pm", ["09:00:00", "21:00:00"]),
    ("at 0800", ["08:00:00"]),
    ("at 0800 and 2000", ["08:00:00", "20:00:00"]),
    ("at 10 PM", ["22:00:00"]),
]


def build_time_of_day(b: Builder) -> None:
    for lang, rows in (("fr", FR_TOD), ("en", EN_TOD)):
        for phrase, tod in rows:
            b.field(f"time-of-day/{lang}/clock", lang, phrase, {"tod": tod})


# --- day of week -------------------------------------------------------------------------------

FR_DOW = [
    ("le lundi", ["mon"]),
    ("tous les lundis", ["mon"]),
    ("chaque lundi", ["mon"]),
    ("le dimanche", ["sun"]),
    ("le lundi et le jeudi", ["mon", "thu"]),
    ("lundi et jeudi", ["mon", "thu"]),
    ("lundi, mercredi et vendredi", ["mon", "wed", "fri"]),
    ("les lundi, mercredi et vendredi", ["mon", "wed", "fri"]),
    ("lun, mer, ven", ["mon", "wed", "fri"]),
    ("du lundi au vendredi", WEEKDAYS),
    ("lun-ven", WEEKDAYS),
    ("en semaine", WEEKDAYS),
    ("sauf le week-end", WEEKDAYS),
    ("le week-end", ["sat", "sun"]),
    ("le samedi et le dimanche", ["sat", "sun"]),
    ("sauf le dimanche", WEEK[:6]),
    ("sauf le samedi et le dimanche", WEEKDAYS),
    ("le mardi et le samedi", ["tue", "sat"]),
    ("le mercredi", ["wed"]),
]
EN_DOW = [
    ("on Monday", ["mon"]),
    ("on Mondays", ["mon"]),
    ("every Monday", ["mon"]),
    ("Mondays", ["mon"]),
    ("on Mon", ["mon"]),
    ("every Sunday", ["sun"]),
    ("on Tuesdays and Saturdays", ["tue", "sat"]),
    ("Mon, Wed, Fri", ["mon", "wed", "fri"]),
    ("Mon/Wed/Fri", ["mon", "wed", "fri"]),
    ("on Monday, Wednesday and Friday", ["mon", "wed", "fri"]),
    ("Monday to Friday", WEEKDAYS),
    ("Mon-Fri", WEEKDAYS),
    ("mon-fri", WEEKDAYS),
    ("on weekdays", WEEKDAYS),
    ("weekdays", WEEKDAYS),
    ("on weekends", ["sat", "sun"]),
    ("at weekends", ["sat", "sun"]),
    ("except Sundays", WEEK[:6]),
    ("except Sunday", WEEK[:6]),
    ("except weekends", WEEKDAYS),
]


def build_day_of_week(b: Builder) -> None:
    for lang, rows in (("fr", FR_DOW), ("en", EN_DOW)):
        for phrase, dow in rows:
            b.field(f"day-of-week/{lang}/days", lang, phrase, {"dow": sorted(dow)})
    for lang, phrase, fields in [
        ("fr", "une fois par semaine le lundi", {"freq": F(1), "period": P(1, "wk"), "dow": ["mon"]}),
        ("fr", "le lundi matin", {"when": ["MORN"], "dow": ["mon"]}),
        ("fr", "1 fois par semaine, le dimanche", {"freq": F(1), "period": P(1, "wk"), "dow": ["sun"]}),
        ("en", "once weekly on Monday", {"freq": F(1), "period": P(1, "wk"), "dow": ["mon"]}),
        ("en", "every Monday morning", {"when": ["MORN"], "dow": ["mon"]}),
        ("en", "once a week on Sundays", {"freq": F(1), "period": P(1, "wk"), "dow": ["sun"]}),
    ]:
        b.field(f"day-of-week/{lang}/composed", lang, phrase, fields)


# --- as needed ---------------------------------------------------------------------------------

FR_PRN = [
    "si besoin",
    "si nécessaire",
    "si douleur",
    "si douleurs",
    "en cas de douleur",
    "en cas de douleurs",
    "en cas de fièvre",
    "si fièvre",
    "si dlr",
    "à la demande",
    "au besoin",
    "en cas de besoin",
    "si nausées",
    "en cas de nausées",
    "si insomnie",
    "si crise",
    "en cas de crise",
    "si température > 38,5 °C",
]
EN_PRN = [
    "prn",
    "PRN",
    "p.r.n.",
    "as needed",
    "as required",
    "when required",
    "if required",
    "if needed",
    "when needed",
    "SOS",
    "sos",
    "as needed for pain",
    "prn pain",
    "for pain",
    "if pain",
    "prn for nausea",
    "as needed for fever",
    "if fever",
    "when necessary",
    "as necessary",
]


def build_as_needed(b: Builder) -> None:
    for lang, rows, base in (
        ("fr", FR_PRN, ("toutes les 6 heures", P(6, "h"))),
        ("en", EN_PRN, ("every 6 hours", P(6, "h"))),
    ):
        for k, phrase in enumerate(rows):
            b.field(f"as-needed/{lang}/reason", lang, phrase, {"as_needed": True})
            # with an interval, both orders
            text, period = base
            if k % 2:
                b.field(
                    f"as-needed/{lang}/with-interval",
                    lang,
                    f"{text} {phrase}",
                    {"freq": F(1), "period": period, "as_needed": True},
                )
            else:  # the reason first: a dose follows (a drug named after a reason: see below)
                p = DOSE_ONLY[lang][k // 2 % len(DOSE_ONLY[lang])]
                b.add(
                    f"as-needed/{lang}/reason-first",
                    lang,
                    f"{phrase[0].upper()}{phrase[1:]}, {p.text} {text}",
                    med(p, dosage(p, freq=F(1), period=period, as_needed=True)),
                )
    for lang, text, drug, dose in [
        ("fr", "Si douleur : Doliprane 1 g toutes les 6 heures", "Doliprane", [1, None, "g"]),
        ("fr", "En cas de fièvre, Doliprane 1000 mg 1 cp toutes les 6 heures", "Doliprane", [1, None, TAB]),
        ("en", "If pain: Paracetamol 1 g every 6 hours", "Paracetamol", [1, None, "g"]),
        ("en", "PRN pain: Paracetamol 500 mg 2 tablets every 6 hours", "Paracetamol", [2, None, TAB]),
    ]:
        strength = [[1000, "mg"]] if "1000 mg" in text else [[500, "mg"]] if "500 mg" in text else None
        d = {"dose": dose, "freq": [1, None], "period": [6, None, "h"], "as_needed": True}
        b.add(
            f"as-needed/{lang}/reason-before-drug",
            lang,
            text,
            [{"drug": drug, **({"strength": strength} if strength else {}), "dosages": [d]}],
        )
    for phrase in ("q6h prn", "q4-6h prn", "q4h prn pain", "q6h PRN", "qid prn"):
        period = P(4, "h", 6) if "4-6" in phrase else P(4, "h") if "q4h" in phrase else P(6, "h")
        fields = {"freq": F(1), "period": period, "as_needed": True}
        if phrase == "qid prn":
            fields = {"freq": F(4), "period": P(1, "d"), "as_needed": True}
        b.field("as-needed/en/with-interval", "en", phrase, fields)


# --- maximum per period / per dose --------------------------------------------------------------

FR_MAX = [
    ("sans dépasser 4 cp par jour", (4, TAB, 1, "d")),
    ("sans dépasser 4 comprimés par jour", (4, TAB, 1, "d")),
    ("ne pas dépasser 4 comprimés par jour", (4, TAB, 1, "d")),
    ("max 4 cp/j", (4, TAB, 1, "d")),
    ("maximum 4 cp par jour", (4, TAB, 1, "d")),
    ("4 cp max par jour", (4, TAB, 1, "d")),
    ("4 cp maximum par 24 h", (4, TAB, 24, "h")),
    ("max 4/j", (4, TAB, 1, "d")),
    ("au maximum 4 comprimés par jour", (4, TAB, 1, "d")),
    ("maximum de 4 comprimés chaque 24 heures", (4, TAB, 24, "h")),
    ("pas plus de 4 cp par jour", (4, TAB, 1, "d")),
    ("sans dépasser 4 g par jour", (4, "g", 1, "d")),
    ("max 4 g/j", (4, "g", 1, "d")),
    ("maximum 4 prises par jour", None),
    ("jusqu'à 4 comprimés par jour", (4, TAB, 1, "d")),
    ("sans dépasser 4 cp par 24h", (4, TAB, 24, "h")),
]
EN_MAX = [
    ("max 4 tabs/day", (4, TAB, 1, "d")),
    ("max 4 tablets per day", (4, TAB, 1, "d")),
    ("maximum 4 tablets in 24 hours", (4, TAB, 24, "h")),
    ("max 4 in 24 hours", (4, TAB, 24, "h")),
    ("max 4 in 24 hrs", (4, TAB, 24, "h")),
    ("not to exceed 4 tablets per day", (4, TAB, 1, "d")),
    ("do not exceed 4 tablets in 24 hours", (4, TAB, 24, "h")),
    ("no more than 4 a day", (4, TAB, 1, "d")),
    ("no more than 4 tablets in 24 hours", (4, TAB, 24, "h")),
    ("up to a maximum of 4 per day", (4, TAB, 1, "d")),
    ("max 4/day", (4, TAB, 1, "d")),
    ("(max 4/24h)", (4, TAB, 24, "h")),
    ("max 4 g/day", (4, "g", 1, "d")),
    ("maximum 4 g daily", (4, "g", 1, "d")),
    ("max 4 tabs in 24h", (4, TAB, 24, "h")),
]
PER_DOSE_MAX = [
    ("fr", "2 cp max par prise"),
    ("fr", "2 max par prise"),
    ("fr", "au maximum 2 par prise"),
    ("fr", "maximum 2 comprimés par prise"),
    ("en", "up to 2 per dose"),
    ("en", "max 2 per dose"),
    ("en", "up to a maximum of 2 per dose"),
    ("en", "maximum 2 tablets per dose"),
]


def build_max(b: Builder) -> None:
    bases = {
        "fr": (
            Prefix("Doliprane 1000 mg 1 cp", (1, None, TAB), "Doliprane", ((1000, "mg"),)),
            "toutes les 6 heures si douleur",
        ),
        "en": (
            Prefix("Paracetamol 500 mg 1 tab", (1, None, TAB), "Paracetamol", ((500, "mg"),)),
            "every 6 hours prn pain",
        ),
    }
    for lang, rows in (("fr", FR_MAX), ("en", EN_MAX)):
        p, base = bases[lang]
        for k, (phrase, mx) in enumerate(rows):
            if mx is None:
                continue
            sep = ", " if k % 2 == 0 else " "
            fields = {"freq": F(1), "period": P(6, "h"), "as_needed": True, "max": list(mx)}
            b.add(f"max/{lang}/per-period", lang, f"{p.text} {base}{sep}{phrase}", med(p, dosage(p, **fields)))
    for lang, phrase in PER_DOSE_MAX:
        p, base = bases[lang]
        fields = {"freq": F(1), "period": P(6, "h"), "as_needed": True}
        b.add(
            f"max/{lang}/per-dose", lang, f"{p.text} {base}, {phrase}", med(p, dosage(p, **fields)), admin_max=(2, TAB)
        )


# --- route ---------------------------------------------------------------------------------------

FR_ROUTES = [
    ("1 cp par voie orale", (1, TAB), "oral"),
    ("1 cp voie orale", (1, TAB), "oral"),
    ("1 cp per os", (1, TAB), "oral"),
    ("1 cp PO", (1, TAB), "oral"),
    ("1 cp par la bouche", (1, TAB), "oral"),
    ("1 cp VO", (1, TAB), "oral"),
    ("1 injection SC", (1, "injection"), "subcutaneous"),
    ("1 injection en sous-cutané", (1, "injection"), "subcutaneous"),
    ("1 injection sous-cutanée", (1, "injection"), "subcutaneous"),
    ("1 injection en SC", (1, "injection"), "subcutaneous"),
    ("1 injection par voie sous-cutanée", (1, "injection"), "subcutaneous"),
    ("1 inj SC", (1, "injection"), "subcutaneous"),
    ("1 injection IM", (1, "injection"), "intramuscular"),
    ("1 injection intramusculaire", (1, "injection"), "intramuscular"),
    ("1 injection en intramusculaire", (1, "injection"), "intramuscular"),
    ("1 inj en IM", (1, "injection"), "intramuscular"),
    ("1 ampoule IV", (1, "ampoule"), "intravenous"),
    ("1 ampoule en intraveineux", (1, "ampoule"), "intravenous"),
    ("1 ampoule par voie intraveineuse", (1, "ampoule"), "intravenous"),
    ("1 ampoule IVD", (1, "ampoule"), "intravenous"),
    ("1 ampoule en IV", (1, "ampoule"), "intravenous"),
    ("1 cp sublingual", (1, TAB), "sublingual"),
    ("1 cp sous la langue", (1, TAB), "sublingual"),
    ("1 cp par voie sublinguale", (1, TAB), "sublingual"),
    ("1 cp en sublingual", (1, TAB), "sublingual"),
    ("1 suppositoire par voie rectale", (1, "suppository"), "rectal"),
    ("1 suppo par voie rectale", (1, "suppository"), "rectal"),
    ("1 suppositoire en intrarectal", (1, "suppository"), "rectal"),
    ("2 bouffées en inhalation", (2, PUFF), "inhalation"),
    ("2 bouffées par voie inhalée", (2, PUFF), "inhalation"),
    ("1 goutte dans chaque oeil", (1, DROP), "ocular"),
    ("1 goutte dans chaque œil", (1, DROP), "ocular"),
    ("1 goutte dans l'oeil droit", (1, DROP), "ocular"),
    ("1 goutte dans l'œil gauche", (1, DROP), "ocular"),
    ("1 goutte dans les deux yeux", (1, DROP), "ocular"),
    ("1 goutte dans les yeux", (1, DROP), "ocular"),
    ("1 goutte par voie oculaire", (1, DROP), "ocular"),
    ("1 goutte en instillation oculaire", (1, DROP), "ocular"),
    ("2 pulvérisations dans chaque narine", (2, PUFF), "nasal"),
    ("2 pulvérisations par narine", (2, PUFF), "nasal"),
    ("2 pulvérisations par voie nasale", (2, PUFF), "nasal"),
    ("2 pulvérisations dans le nez", (2, PUFF), "nasal"),
    ("2 gouttes dans chaque narine", (2, DROP), "nasal"),
    ("1 application sur la peau", (1, "application"), "cutaneous"),
    ("1 application sur le visage", (1, "application"), "cutaneous"),
    ("1 application sur les lésions", (1, "application"), "cutaneous"),
    ("1 application par voie cutanée", (1, "application"), "cutaneous"),
    ("1 application sur la zone atteinte", (1, "application"), "cutaneous"),
    ("3 gouttes dans l'oreille", (3, DROP), "auricular"),
    ("3 gouttes dans chaque oreille", (3, DROP), "auricular"),
    ("3 gouttes dans l'oreille droite", (3, DROP), "auricular"),
    ("3 gouttes par voie auriculaire", (3, DROP), "auricular"),
    ("1 ovule par voie vaginale", (1, "pessary"), "vaginal"),
    ("1 ovule dans le vagin", (1, "pessary"), "vaginal"),
    ("1 ovule en intravaginal", (1, "pessary"), "vaginal"),
    ("1 patch par voie transdermique", (1, "patch"), "transdermal"),
]
EN_ROUTES = [
    ("1 tab po", (1, TAB), "oral"),
    ("1 tab PO", (1, TAB), "oral"),
    ("1 tab p.o.", (1, TAB), "oral"),
    ("1 tab by mouth", (1, TAB), "oral"),
    ("1 tab orally", (1, TAB), "oral"),
    ("1 tab per mouth", (1, TAB), "oral"),
    ("1 tab per os", (1, TAB), "oral"),
    ("1 tab oral", (1, TAB), "oral"),
    ("1 injection sc", (1, "injection"), "subcutaneous"),
    ("1 injection subcut", (1, "injection"), "subcutaneous"),
    ("1 injection subcutaneously", (1, "injection"), "subcutaneous"),
    ("1 injection subq", (1, "injection"), "subcutaneous"),
    ("1 injection SQ", (1, "injection"), "subcutaneous"),
    ("1 injection s/c", (1, "injection"), "subcutaneous"),
    ("1 injection IM", (1, "injection"), "intramuscular"),
    ("1 injection intramuscularly", (1, "injection"), "intramuscular"),
    ("1 injection i.m.", (1, "injection"), "intramuscular"),
    ("1 vial IV", (1, "vial"), "intravenous"),
    ("1 vial intravenously", (1, "vial"), "intravenous"),
    ("1 vial i.v.", (1, "vial"), "intravenous"),
    ("1 tab SL", (1, TAB), "sublingual"),
    ("1 tab sublingually", (1, TAB), "sublingual"),
    ("1 tab under the tongue", (1, TAB), "sublingual"),
    ("1 suppository PR", (1, "suppository"), "rectal"),
    ("1 suppository rectally", (1, "suppository"), "rectal"),
    ("1 suppository per rectum", (1, "suppository"), "rectal"),
    ("2 puffs inhaled", (2, PUFF), "inhalation"),
    ("2 puffs by inhalation", (2, PUFF), "inhalation"),
    ("1 drop in each eye", (1, DROP), "ocular"),
    ("1 drop in both eyes", (1, DROP), "ocular"),
    ("1 drop in the right eye", (1, DROP), "ocular"),
    ("1 drop in the left eye", (1, DROP), "ocular"),
    ("1 gtt OU", (1, DROP), "ocular"),
    ("1 gtt OD", (1, DROP), "ocular"),
    ("1 gtt OS", (1, DROP), "ocular"),
    ("1 drop OU", (1, DROP), "ocular"),
    ("1 drop OS", (1, DROP), "ocular"),
    ("2 sprays in each nostril", (2, PUFF), "nasal"),
    ("2 sprays per nostril", (2, PUFF), "nasal"),
    ("2 sprays intranasally", (2, PUFF), "nasal"),
    ("2 sprays nasally", (2, PUFF), "nasal"),
    ("2 drops in each nostril", (2, DROP), "nasal"),
    ("3 drops in the ear", (3, DROP), "auricular"),
    ("3 drops in each ear", (3, DROP), "auricular"),
    ("3 drops in the left ear", (3, DROP), "auricular"),
    ("3 drops AU", (3, DROP), "auricular"),
    ("1 pessary PV", (1, "pessary"), "vaginal"),
    ("1 pessary vaginally", (1, "pessary"), "vaginal"),
    ("1 pessary per vagina", (1, "pessary"), "vaginal"),
    ("1 patch td", (1, "patch"), "transdermal"),
    ("1 patch transdermally", (1, "patch"), "transdermal"),
    ("apply to skin", None, "cutaneous"),
    ("apply to the face", None, "cutaneous"),
    ("apply topically", None, "cutaneous"),
    ("apply to scalp", None, "cutaneous"),
    ("apply to the affected area", None, "cutaneous"),
]


def build_route(b: Builder) -> None:
    for lang, rows, tail, fields in (
        ("fr", FR_ROUTES, "le soir", {"when": ["EVE"]}),
        ("en", EN_ROUTES, "twice daily", {"freq": F(2), "period": P(1, "d")}),
    ):
        for phrase, dose, route in rows:
            d = {"dose": [dose[0], None, dose[1]]} if dose else {}
            b.add(
                f"route/{lang}/{route}", lang, f"{phrase} {tail}", med(None, {**d, **_lists(**fields), "route": route})
            )


# --- refills and supply ---------------------------------------------------------------------------

FR_REFILLS = [
    ("à renouveler 2 fois", 2),
    ("AR 2 fois", 2),
    ("renouvelable 2 fois", 2),
    ("à renouveler deux fois", 2),
    ("renouveler 2 fois", 2),
    ("AR x2", 2),
    ("à renouveler 3 fois", 3),
    ("renouvelable 5 fois", 5),
    ("2 renouvellements", 2),
    ("à renouveler 2 fois.", 2),
    ("AR 3 fois", 3),
    ("à renouveler x 3", 3),
]
EN_REFILLS = [
    ("refills: 2", 2),
    ("2 refills", 2),
    ("refill x2", 2),
    ("refill 2 times", 2),
    ("refills 2", 2),
    ("with 2 refills", 2),
    ("repeats: 2", 2),
    ("repeat x 2", 2),
    ("3 refills", 3),
    ("refill x 3", 3),
]
FR_SUPPLY = [
    ("QSP 3 mois", (3, "mo")),
    ("qsp 3 mois", (3, "mo")),
    ("QSP 1 mois", (1, "mo")),
    ("QSP 30 jours", (30, "d")),
    ("QSP 28 j", (28, "d")),
    ("quantité suffisante pour 3 mois", (3, "mo")),
    ("QSP trois mois", (3, "mo")),
    ("QSP 90 jours", (90, "d")),
    ("Q.S.P. 3 mois", (3, "mo")),
    ("qsp 1 mois", (1, "mo")),
]
EN_SUPPLY = [
    ("dispense for 30 days", (30, "d")),
    ("dispense for 90 days", (90, "d")),
    ("30 day supply", (30, "d")),
    ("30-day supply", (30, "d")),
    ("supply: 30 days", (30, "d")),
    ("disp 90 days", (90, "d")),
    ("90 days supply", (90, "d")),
    ("dispense 1 month", (1, "mo")),
]


def build_dispense(b: Builder) -> None:
    bases = {"fr": ("par jour", DAILY), "en": ("daily", DAILY)}
    for lang, rows in (("fr", FR_REFILLS), ("en", EN_REFILLS)):
        text, fields = bases[lang]
        for phrase, n in rows:
            p = b.prefix(lang)
            b.add(f"refills/{lang}/repeat", lang, f"{p.text} {text}, {phrase}", med(p, dosage(p, **fields), refills=n))
    for lang, rows in (("fr", FR_SUPPLY), ("en", EN_SUPPLY)):
        text, fields = bases[lang]
        for phrase, supply in rows:
            p = b.prefix(lang)
            b.add(
                f"supply/{lang}/supply",
                lang,
                f"{p.text} {text}, {phrase}",
                med(p, dosage(p, **fields), supply=list(supply)),
            )
    for lang, text, refills, supply in [
        ("fr", "1 cp par jour, QSP 3 mois, à renouveler 2 fois", 2, [3, "mo"]),
        ("fr", "1 cp par jour QSP 1 mois AR 3 fois", 3, [1, "mo"]),
        ("en", "1 tab daily, dispense for 30 days, 2 refills", 2, [30, "d"]),
    ]:
        b.add(
            f"supply/{lang}/with-refills",
            lang,
            text,
            med(None, {"dose": [1, None, TAB], **DAILY_LISTS}, refills=refills, supply=supply),
        )


DAILY_LISTS = _lists(**DAILY)


# --- phases ----------------------------------------------------------------------------------------

FR_THEN = ["puis", ", puis", "; puis", "et ensuite", ", ensuite", "puis,"]
EN_THEN = ["then", ", then", "; then", "followed by", ", followed by", "and then"]


def build_phases(b: Builder) -> None:
    for connector in FR_THEN:
        sep = "" if connector.startswith((",", ";")) else " "
        text = f"1 cp matin et soir pendant 5 jours{sep}{connector} 1 cp le soir pendant 5 jours"
        b.add(
            "phases/fr/then",
            "fr",
            text,
            med(
                None,
                {"dose": [1, None, TAB], "when": ["EVE", "MORN"], "bounds": [5, None, "d"]},
                {"dose": [1, None, TAB], "when": ["EVE"], "bounds": [5, None, "d"]},
            ),
        )
        text = f"40 mg par jour pendant 5 jours{sep}{connector} 20 mg par jour pendant 5 jours"
        b.add(
            "phases/fr/taper",
            "fr",
            text,
            med(
                None,
                {"dose": [40, None, "mg"], **DAILY_LISTS, "bounds": [5, None, "d"]},
                {"dose": [20, None, "mg"], **DAILY_LISTS, "bounds": [5, None, "d"]},
            ),
        )
    for connector in EN_THEN:
        sep = "" if connector.startswith((",", ";")) else " "
        text = f"2 tabs bd for 3 days{sep}{connector} 1 tab bd for 4 days"
        b.add(
            "phases/en/then",
            "en",
            text,
            med(
                None,
                {"dose": [2, None, TAB], "freq": [2, None], "period": [1, None, "d"], "bounds": [3, None, "d"]},
                {"dose": [1, None, TAB], "freq": [2, None], "period": [1, None, "d"], "bounds": [4, None, "d"]},
            ),
        )
        text = f"40 mg daily for 5 days{sep}{connector} 20 mg daily for 5 days"
        b.add(
            "phases/en/taper",
            "en",
            text,
            med(
                None,
                {"dose": [40, None, "mg"], **DAILY_LISTS, "bounds": [5, None, "d"]},
                {"dose": [20, None, "mg"], **DAILY_LISTS, "bounds": [5, None, "d"]},
            ),
        )
    for lang, text in [("fr", "40 mg x 5 j puis 30 mg x 5 j"), ("en", "40 mg x 5 days then 30 mg x 5 days")]:
        b.add(
            f"phases/{lang}/glued",
            lang,
            text,
            med(
                None,
                {"dose": [40, None, "mg"], "bounds": [5, None, "d"]},
                {"dose": [30, None, "mg"], "bounds": [5, None, "d"]},
            ),
        )
    # a loading dose the first day
    for lang, text in [
        ("fr", "2 cp le premier jour puis 1 cp par jour pendant 4 jours"),
        ("en", "2 tabs on the first day then 1 tab daily for 4 days"),
    ]:
        first = {"dose": [2, None, TAB], "bounds": [1, None, "d"]}
        b.add(
            f"phases/{lang}/first-day",
            lang,
            text,
            med(None, first, {"dose": [1, None, TAB], **DAILY_LISTS, "bounds": [4, None, "d"]}),
        )


# --- slots (1-0-1) -----------------------------------------------------------------------------------

SLOTS = [
    ("1-0-1", [(1, ["MORN", "EVE"])]),
    ("1-1-1", [(1, ["MORN", "NOON", "EVE"])]),
    ("1-0-0", [(1, ["MORN"])]),
    ("0-0-1", [(1, ["EVE"])]),
    ("0-1-0", [(1, ["NOON"])]),
    ("1+0+1", [(1, ["MORN", "EVE"])]),
    ("1 0 1", [(1, ["MORN", "EVE"])]),
    ("1/2-0-1/2", [(0.5, ["MORN", "EVE"])]),
    ("2-0-1", [(2, ["MORN"]), (1, ["EVE"])]),
    ("1-1-1-1", [(1, ["MORN", "NOON", "EVE", "HS"])]),
    ("0-0-0-1", [(1, ["HS"])]),
    ("1 - 0 - 1", [(1, ["MORN", "EVE"])]),
    ("1-1-0", [(1, ["MORN", "NOON"])]),
]


def build_slots(b: Builder) -> None:
    for k, (slots, doses) in enumerate(SLOTS):
        for lang, text, unit, drug, strength in [
            ("fr", f"comprimé {slots}", TAB, None, None),
            (
                "fr",
                f"Kardégic 75 mg {slots}" if k % 2 else f"Xeplion 50 mg cp {slots}",
                None if k % 2 else TAB,
                "Kardégic" if k % 2 else "Xeplion",
                [[75, "mg"]] if k % 2 else [[50, "mg"]],
            ),
            ("en", f"Tab Telma 40 {slots}", TAB, "Telma", [[40, None]]),
            ("en", f"Cap. Pan-D 40mg {slots}", CAP, "Pan-D", [[40, "mg"]]),
        ]:
            m: Json = {"dosages": [{"dose": [v, None, unit], "when": sorted(w)} for v, w in doses]}
            if drug:
                m["drug"] = drug
            if strength:
                m["strength"] = strength
            b.add(f"slots/{lang}/digits", lang, text, [m])
    for text, when in [
        ("1-0-1 after food", ["PCM", "PCV"]),
        ("1-0-0 before food", ["ACM"]),
        ("0-0-1 after food", ["PCV"]),
    ]:
        b.add(
            "slots/en/with-meal",
            "en",
            f"Tab Dolo 650 {text}",
            [{"drug": "Dolo", "strength": [[650, None]], "dosages": [{"dose": [1, None, TAB], "when": when}]}],
        )


# --- separators, word order, case, renderer forms ---------------------------------------------------

SEPARATORS = [" ", ", ", " - ", " ; ", ": ", "\n", " – "]


def build_layout(b: Builder) -> None:
    for sep in SEPARATORS:
        head = "Doliprane 1000 mg"
        b.add(
            "separators/fr/every-field",
            "fr",
            f"1 cp{sep}matin et soir{sep}pendant 10 jours",
            [{"dosages": [{"dose": [1, None, TAB], "when": ["EVE", "MORN"], "bounds": [10, None, "d"]}]}],
        )
        b.add(
            "separators/en/every-field",
            "en",
            f"1 tab{sep}twice a day{sep}for 10 days",
            [{"dosages": [{"dose": [1, None, TAB], **DAILY_LISTS, "freq": [2, None], "bounds": [10, None, "d"]}]}],
        )
        b.add(
            "separators/fr/between-fields",
            "fr",
            f"{head}{sep}1 cp 3 fois par jour{sep}pendant 5 jours{sep}si douleur",
            [
                {
                    "drug": "Doliprane",
                    "strength": [[1000, "mg"]],
                    "dosages": [
                        {
                            "dose": [1, None, TAB],
                            "freq": [3, None],
                            "period": [1, None, "d"],
                            "bounds": [5, None, "d"],
                            "as_needed": True,
                        }
                    ],
                }
            ],
        )
        b.add(
            "separators/en/between-fields",
            "en",
            f"Amoxicillin 500 mg{sep}1 cap tds{sep}for 7 days{sep}after food",
            [
                {
                    "drug": "Amoxicillin",
                    "strength": [[500, "mg"]],
                    "dosages": [
                        {
                            "dose": [1, None, CAP],
                            "freq": [3, None],
                            "period": [1, None, "d"],
                            "bounds": [7, None, "d"],
                            "when": ["PC"],
                        }
                    ],
                }
            ],
        )
    # word orders and tabular layouts
    for lang, text, dosages in [
        ("fr", "Le matin : 1 cp", [{"dose": [1, None, TAB], "when": ["MORN"]}]),
        ("fr", "Matin : 1 cp, soir : 1 cp", [{"dose": [1, None, TAB], "when": ["EVE", "MORN"]}]),
        ("fr", "1 cp matin, 1 cp soir", [{"dose": [1, None, TAB], "when": ["EVE", "MORN"]}]),
        (
            "fr",
            "matin 1 cp - soir 2 cp",
            [{"dose": [1, None, TAB], "when": ["MORN"]}, {"dose": [2, None, TAB], "when": ["EVE"]}],
        ),
        (
            "fr",
            "1 cp le matin et 2 cp le soir",
            [{"dose": [1, None, TAB], "when": ["MORN"]}, {"dose": [2, None, TAB], "when": ["EVE"]}],
        ),
        ("fr", "si douleur : 1 cp", [{"dose": [1, None, TAB], "as_needed": True}]),
        ("fr", "3 fois par jour : 1 cp", [{"dose": [1, None, TAB], "freq": [3, None], "period": [1, None, "d"]}]),
        (
            "fr",
            "1 comprimé le soir pendant 10 jours",
            [{"dose": [1, None, TAB], "when": ["EVE"], "bounds": [10, None, "d"]}],
        ),
        (
            "fr",
            "pendant 10 jours 1 comprimé le soir",
            [{"dose": [1, None, TAB], "when": ["EVE"], "bounds": [10, None, "d"]}],
        ),
        (
            "en",
            "Take 1 tablet by mouth twice a day",
            [{"dose": [1, None, TAB], "freq": [2, None], "period": [1, None, "d"], "route": "oral"}],
        ),
        (
            "en",
            "Take one tablet twice daily for 5 days",
            [{"dose": [1, None, TAB], "freq": [2, None], "period": [1, None, "d"], "bounds": [5, None, "d"]}],
        ),
        ("en", "Morning: 1 tab, Night: 1 tab", [{"dose": [1, None, TAB], "when": ["MORN", "NIGHT"]}]),
        (
            "en",
            "1 tab in the morning and 2 tabs at night",
            [{"dose": [1, None, TAB], "when": ["MORN"]}, {"dose": [2, None, TAB], "when": ["NIGHT"]}],
        ),
        ("en", "twice daily: 1 tab", [{"dose": [1, None, TAB], "freq": [2, None], "period": [1, None, "d"]}]),
        ("en", "prn: 1 tab", [{"dose": [1, None, TAB], "as_needed": True}]),
        (
            "en",
            "Sig: 1 tab po bid",
            [{"dose": [1, None, TAB], "freq": [2, None], "period": [1, None, "d"], "route": "oral"}],
        ),
    ]:
        b.add(f"order/{lang}/layout", lang, text, [{"dosages": dosages}])
    # upper case, as hospital exports and pharmacy labels print
    for lang, text, d in [
        (
            "fr",
            "1 CP 3 FOIS PAR JOUR PENDANT 5 JOURS",
            {"dose": [1, None, TAB], "freq": [3, None], "period": [1, None, "d"], "bounds": [5, None, "d"]},
        ),
        ("fr", "1 COMPRIME LE MATIN", {"dose": [1, None, TAB], "when": ["MORN"]}),
        ("fr", "2 GELULES MATIN ET SOIR", {"dose": [2, None, CAP], "when": ["EVE", "MORN"]}),
        (
            "fr",
            "1 SACHET TOUTES LES 8 HEURES SI DOULEUR",
            {"dose": [1, None, SACHET], "freq": [1, None], "period": [8, None, "h"], "as_needed": True},
        ),
        ("fr", "1 CP AU COUCHER", {"dose": [1, None, TAB], "when": ["HS"]}),
        (
            "en",
            "1 TAB BD X 5 DAYS",
            {"dose": [1, None, TAB], "freq": [2, None], "period": [1, None, "d"], "bounds": [5, None, "d"]},
        ),
        (
            "en",
            "TAKE 1 TABLET BY MOUTH EVERY 8 HOURS AS NEEDED",
            {"dose": [1, None, TAB], "freq": [1, None], "period": [8, None, "h"], "as_needed": True, "route": "oral"},
        ),
        (
            "en",
            "1 CAP TWICE DAILY WITH FOOD",
            {"dose": [1, None, CAP], "freq": [2, None], "period": [1, None, "d"], "when": ["C"]},
        ),
        ("en", "2 TABS AT BEDTIME", {"dose": [2, None, TAB], "when": ["HS"]}),
    ]:
        b.add(f"case/{lang}/upper", lang, text, [{"dosages": [d]}])
    # FHIR renderer sentences: "(s)" plurals, "Prendre", explicit "1 jour"
    for lang, text, d in [
        (
            "fr",
            "Prendre 1 comprimé(s) 3 fois par jour pendant 5 jour(s)",
            {"dose": [1, None, TAB], "freq": [3, None], "period": [1, None, "d"], "bounds": [5, None, "d"]},
        ),
        (
            "fr",
            "Prendre 2 gélule(s) toutes les 8 heure(s)",
            {"dose": [2, None, CAP], "freq": [1, None], "period": [8, None, "h"]},
        ),
        (
            "fr",
            "1 comprimé(s) 1 fois par jour le matin",
            {"dose": [1, None, TAB], "freq": [1, None], "period": [1, None, "d"], "when": ["MORN"]},
        ),
        (
            "fr",
            "1 comprimé(s) 2 fois par semaine",
            {"dose": [1, None, TAB], "freq": [2, None], "period": [1, None, "wk"]},
        ),
        (
            "fr",
            "1 comprimé 3 fois tous les 1 jour",
            {"dose": [1, None, TAB], "freq": [3, None], "period": [1, None, "d"]},
        ),
        (
            "fr",
            "1 comprimé 1 fois tous les 2 jours",
            {"dose": [1, None, TAB], "freq": [1, None], "period": [2, None, "d"]},
        ),
        (
            "fr",
            "1 sachet(s) jusqu'à 3 fois par jour",
            {"dose": [1, None, SACHET], "freq": [1, 3], "period": [1, None, "d"]},
        ),
        (
            "en",
            "Take 1 tablet(s) 3 times a day for 5 day(s)",
            {"dose": [1, None, TAB], "freq": [3, None], "period": [1, None, "d"], "bounds": [5, None, "d"]},
        ),
        ("en", "1 capsule(s) every 8 hour(s)", {"dose": [1, None, CAP], "freq": [1, None], "period": [8, None, "h"]}),
        ("en", "1 tablet 3 times every 1 day", {"dose": [1, None, TAB], "freq": [3, None], "period": [1, None, "d"]}),
        ("en", "1 tablet once every 2 days", {"dose": [1, None, TAB], "freq": [1, None], "period": [2, None, "d"]}),
        ("en", "1 tablet 1 time per day", {"dose": [1, None, TAB], "freq": [1, None], "period": [1, None, "d"]}),
        ("en", "2 tablets 2 times per 1 day", {"dose": [2, None, TAB], "freq": [2, None], "period": [1, None, "d"]}),
    ]:
        b.add(f"renderer/{lang}/sentence", lang, text, [{"dosages": [d]}])


# --- whole lines as a source writes them --------------------------------------------------------------


def D(dose: tuple | None = None, **fields: Any) -> Json:  # noqa: N802 - a gold Dosage, compactly
    out: Json = {"dose": list(dose)} if dose else {}
    for key, value in fields.items():
        out[key] = (
            sorted(value) if key in ("when", "dow", "tod") else list(value) if isinstance(value, tuple) else value
        )
    return out


def M(*dosages: Json, drug: str | None = None, strength: list | None = None, **med_fields: Any) -> list:  # noqa: N802
    out: Json = {}
    if drug:
        out["drug"] = drug
    if strength:
        out["strength"] = strength
    out.update(med_fields)
    out["dosages"] = list(dosages)
    return [out]


DAY = {"period": (1, None, "d")}
WRITERS = [
    # a US sig-entry system: verb, route, Latin shorthand, Roman numerals
    ("sig-us", "en", "Take 1 tablet by mouth once daily", M(D((1, None, TAB), freq=F(1), **DAY, route="oral"))),
    (
        "sig-us",
        "en",
        "Take 1 capsule by mouth every 8 hours for 10 days",
        M(D((1, None, CAP), freq=F(1), period=P(8, "h"), bounds=(10, None, "d"), route="oral")),
    ),
    (
        "sig-us",
        "en",
        "Instill 1 drop into each eye twice daily",
        M(D((1, None, DROP), freq=F(2), **DAY, route="ocular")),
    ),
    (
        "sig-us",
        "en",
        "Apply a thin layer to affected area twice daily",
        M(D(None, freq=F(2), **DAY, route="cutaneous")),
    ),
    (
        "sig-us",
        "en",
        "Inject 10 units subcutaneously at bedtime",
        M(D((10, None, "iU"), when=["HS"], route="subcutaneous")),
    ),
    (
        "sig-us",
        "en",
        "Insert 1 suppository rectally once daily as needed",
        M(D((1, None, "suppository"), freq=F(1), **DAY, as_needed=True, route="rectal")),
    ),
    (
        "sig-us",
        "en",
        "Place 1 tablet under the tongue every 5 minutes as needed for chest pain",
        M(D((1, None, TAB), freq=F(1), period=P(5, "min"), as_needed=True, route="sublingual")),
    ),
    (
        "sig-us",
        "en",
        "1 tab po q6h prn pain",
        M(D((1, None, TAB), freq=F(1), period=P(6, "h"), as_needed=True, route="oral")),
    ),
    ("sig-us", "en", "1 tab po qhs", M(D((1, None, TAB), when=["HS"], route="oral"))),
    (
        "sig-us",
        "en",
        "ii tabs po bid x 7d",
        M(D((2, None, TAB), freq=F(2), **DAY, bounds=(7, None, "d"), route="oral")),
    ),
    ("sig-us", "en", "1 po bid", M(D((1, None, None), freq=F(2), **DAY, route="oral"))),
    ("sig-us", "en", "Use 2 sprays in each nostril once daily", M(D((2, None, PUFF), freq=F(1), **DAY, route="nasal"))),
    (
        "sig-us",
        "en",
        "1 tab PO daily x 30 days, refills: 2",
        M(D((1, None, TAB), freq=F(1), **DAY, bounds=(30, None, "d"), route="oral"), refills=2),
    ),
    (
        "sig-us",
        "en",
        "Take 1 tablet by mouth every 6 hours as needed for pain. Max 4 tablets per day.",
        M(D((1, None, TAB), freq=F(1), period=P(6, "h"), as_needed=True, route="oral", max=[4, TAB, 1, "d"])),
    ),
    # UK dispensing labels
    ("label-uk", "en", "One to be taken three times a day", M(D((1, None, None), freq=F(3), **DAY))),
    ("label-uk", "en", "Two to be taken at night", M(D((2, None, None), when=["NIGHT"]))),
    ("label-uk", "en", "One capsule to be taken twice a day", M(D((1, None, CAP), freq=F(2), **DAY))),
    ("label-uk", "en", "Take one or two tablets up to four times a day", M(D((1, 2, TAB), freq=F(1, 4), **DAY))),
    ("label-uk", "en", "Take ONE tablet TWICE a day", M(D((1, None, TAB), freq=F(2), **DAY))),
    ("label-uk", "en", "One tablet to be taken each morning", M(D((1, None, TAB), when=["MORN"]))),
    ("label-uk", "en", "Take one tablet daily with food", M(D((1, None, TAB), freq=F(1), **DAY, when=["C"]))),
    ("label-uk", "en", "Apply three times a day", M(D(None, freq=F(3), **DAY))),
    (
        "label-uk",
        "en",
        "One drop to be used in both eyes twice a day",
        M(D((1, None, DROP), freq=F(2), **DAY, route="ocular")),
    ),
    # an Indian e-pharmacy feed: form word, bare strength, slots, OD / BD / TDS, BBF, SOS
    (
        "epharmacy-in",
        "en",
        "Tab Pan 40 1-0-0 BBF x 15 days",
        M(D((1, None, TAB), when=["ACM"], bounds=(15, None, "d")), drug="Pan", strength=[[40, None]]),
    ),
    ("epharmacy-in", "en", "Syp Ascoril 5 ml TDS", M(D((5, None, "mL"), freq=F(3), **DAY), drug="Ascoril")),
    (
        "epharmacy-in",
        "en",
        "Cap Mox 500 1 TDS x 5 days",
        M(D((1, None, CAP), freq=F(3), **DAY, bounds=(5, None, "d")), drug="Mox", strength=[[500, None]]),
    ),
    ("epharmacy-in", "en", "Tab Crocin 650 SOS", M(D(None, as_needed=True), drug="Crocin", strength=[[650, None]])),
    (
        "epharmacy-in",
        "en",
        "Tab Shelcal 500 1 OD after lunch",
        M(D((1, None, TAB), freq=F(1), **DAY, when=["PCD"]), drug="Shelcal", strength=[[500, None]]),
    ),
    (
        "epharmacy-in",
        "en",
        "Tab Ecosprin 75 OD after lunch",
        M(D(None, freq=F(1), **DAY, when=["PCD"]), drug="Ecosprin", strength=[[75, None]]),
    ),
    (
        "epharmacy-in",
        "en",
        "Inj Monocef 1 g IV BD x 5 days",
        M(D((1, None, "g"), freq=F(2), **DAY, bounds=(5, None, "d"), route="intravenous"), drug="Monocef"),
    ),
    (
        "epharmacy-in",
        "en",
        "Tab Montair LC 0-0-1 x 10 days",
        M(D((1, None, TAB), when=["EVE"], bounds=(10, None, "d")), drug="Montair LC"),
    ),
    (
        "epharmacy-in",
        "en",
        "Tab Dolo 650 1 tab thrice daily after food x 3 days",
        M(D((1, None, TAB), freq=F(3), **DAY, when=["PC"], bounds=(3, None, "d")), drug="Dolo", strength=[[650, None]]),
    ),
    (
        "epharmacy-in",
        "en",
        "Tab Rabeprazole 20 mg 1 tab OD empty stomach",
        M(D((1, None, TAB), freq=F(1), **DAY), drug="Rabeprazole", strength=[[20, "mg"]]),
    ),
    (
        "epharmacy-in",
        "en",
        "Tab Azithral 500 1 OD x 3 days",
        M(D((1, None, TAB), freq=F(1), **DAY, bounds=(3, None, "d")), drug="Azithral", strength=[[500, None]]),
    ),
    (
        "epharmacy-in",
        "en",
        "Tab Telma 40 1 tab HS",
        M(D((1, None, TAB), when=["HS"]), drug="Telma", strength=[[40, None]]),
    ),
    (
        "epharmacy-in",
        "en",
        "Tab Allegra 120 1xHS",
        M(D((1, None, TAB), when=["HS"]), drug="Allegra", strength=[[120, None]]),
    ),
    (
        "epharmacy-in",
        "en",
        "Cap Omez 20 1 popc",
        M(D((1, None, CAP), when=["PC"], route="oral"), drug="Omez", strength=[[20, None]]),
    ),
    (
        "epharmacy-in",
        "en",
        "Tab Zerodol SP 1 BD PC x 5 days",
        M(D((1, None, TAB), freq=F(2), **DAY, when=["PC"], bounds=(5, None, "d")), drug="Zerodol SP"),
    ),
    # a French GP's free text
    (
        "gp-fr",
        "fr",
        "Doliprane 1 g : 1 cp 3 fois par jour si douleur, sans dépasser 4 g/j",
        M(
            D((1, None, TAB), freq=F(3), **DAY, as_needed=True, max=[4, "g", 1, "d"]),
            drug="Doliprane",
            strength=[[1, "g"]],
        ),
    ),
    (
        "gp-fr",
        "fr",
        "Spasfon : 2 cp en cas de douleur, max 6/j",
        M(D((2, None, TAB), as_needed=True, max=[6, TAB, 1, "d"]), drug="Spasfon"),
    ),
    (
        "gp-fr",
        "fr",
        "1 ampoule buvable par semaine pendant 4 semaines",
        M(D((1, None, "ampoule"), freq=F(1), period=P(1, "wk"), bounds=(4, None, "wk"))),
    ),
    (
        "gp-fr",
        "fr",
        "2 pulvérisations dans chaque narine matin et soir",
        M(D((2, None, PUFF), when=["MORN", "EVE"], route="nasal")),
    ),
    (
        "gp-fr",
        "fr",
        "1 application matin et soir sur les lésions pendant 15 jours",
        M(D((1, None, "application"), when=["MORN", "EVE"], route="cutaneous", bounds=(15, None, "d"))),
    ),
    (
        "gp-fr",
        "fr",
        "Augmentin 1 g : 1 sachet matin et soir pendant 7 jours",
        M(D((1, None, SACHET), when=["MORN", "EVE"], bounds=(7, None, "d")), drug="Augmentin", strength=[[1, "g"]]),
    ),
    (
        "gp-fr",
        "fr",
        "Dafalgan codéiné 1 à 2 cp toutes les 6 h si douleur",
        M(D((1, 2, TAB), freq=F(1), period=P(6, "h"), as_needed=True), drug="Dafalgan codéiné"),
    ),
    (
        "gp-fr",
        "fr",
        "Levothyrox 75 µg 1 cp le matin à jeun",
        M(D((1, None, TAB), when=["MORN"]), drug="Levothyrox", strength=[[75, "ug"]]),
    ),
    (
        "gp-fr",
        "fr",
        "Kardégic 75 mg : 1 sachet par jour au cours du repas",
        M(D((1, None, SACHET), freq=F(1), **DAY, when=["C"]), drug="Kardégic", strength=[[75, "mg"]]),
    ),
    (
        "gp-fr",
        "fr",
        "Inexium 20 mg 1 cp le soir pendant 1 mois, à renouveler 2 fois",
        M(D((1, None, TAB), when=["EVE"], bounds=(1, None, "mo")), drug="Inexium", strength=[[20, "mg"]], refills=2),
    ),
    (
        "gp-fr",
        "fr",
        "Lovenox 4000 UI : 1 injection SC par jour pendant 10 jours",
        M(
            D((1, None, "injection"), freq=F(1), **DAY, bounds=(10, None, "d"), route="subcutaneous"),
            drug="Lovenox",
            strength=[[4000, "iU"]],
        ),
    ),
    (
        "gp-fr",
        "fr",
        "Ventoline : 2 bouffées si gêne respiratoire",
        M(D((2, None, PUFF), as_needed=True), drug="Ventoline"),
    ),
    (
        "gp-fr",
        "fr",
        "Vitamine D 100 000 UI : 1 ampoule tous les 3 mois",
        M(D((1, None, "ampoule"), freq=F(1), period=P(3, "mo")), drug="Vitamine D", strength=[[100000, "iU"]]),
    ),
    ("gp-fr", "fr", "1 cp le soir 1 jour sur 2", M(D((1, None, TAB), when=["EVE"], freq=F(1), period=P(2, "d")))),
    # a French hospital e-prescribing export
    (
        "export-fr",
        "fr",
        "PARACETAMOL 1 g | IV | toutes les 6 heures | si douleur",
        M(D((1, None, "g"), route="intravenous", freq=F(1), period=P(6, "h"), as_needed=True), drug="PARACETAMOL"),
    ),
    (
        "export-fr",
        "fr",
        "Voie : orale ; Posologie : 1 cp matin et soir",
        M(D((1, None, TAB), when=["MORN", "EVE"], route="oral")),
    ),
    ("export-fr", "fr", "Matin : 1 - Midi : 0 - Soir : 1", M(D((1, None, None), when=["MORN", "EVE"]))),
    (
        "export-fr",
        "fr",
        "AMOXICILLINE 1 g - 1 g x 3/j - IV - 7 jours",
        M(
            D((1, None, "g"), freq=F(3), **DAY, route="intravenous", bounds=(7, None, "d")),
            drug="AMOXICILLINE",
            strength=[[1, "g"]],
        ),
    ),
    (
        "export-fr",
        "fr",
        "LOXEN 20 mg cp : 1 cp à 8h et 20h",
        M(D((1, None, TAB), tod=["08:00:00", "20:00:00"]), drug="LOXEN", strength=[[20, "mg"]]),
    ),
    (
        "export-fr",
        "fr",
        "HEPARINE 5000 UI SC toutes les 12 heures",
        M(D((5000, None, "iU"), route="subcutaneous", freq=F(1), period=P(12, "h")), drug="HEPARINE"),
    ),
    (
        "export-fr",
        "fr",
        "Prescription : 1 cp 3 fois par jour pendant 5 jours",
        M(D((1, None, TAB), freq=F(3), **DAY, bounds=(5, None, "d"))),
    ),
    ("export-fr", "fr", "1 cp (matin) + 1 cp (soir)", M(D((1, None, TAB), when=["MORN", "EVE"]))),
]
# split intakes: a daily total "en N prises" is N doses of total / N (§3, §7)
SPLITS = [
    ("fr", "3 cp par jour en 3 prises", (1, None, TAB), 3),
    ("fr", "2 g par jour en 2 prises", (1, None, "g"), 2),
    ("fr", "3 g/j en 3 prises", (1, None, "g"), 3),
    ("fr", "4 cp/j en 2 prises", (2, None, TAB), 2),
    ("en", "2 g daily in 2 divided doses", (1, None, "g"), 2),
    ("en", "3 tablets a day in 3 divided doses", (1, None, TAB), 3),
]


def build_writers(b: Builder) -> None:
    for source, lang, text, meds in WRITERS:
        b.add(f"writer/{lang}/{source}", lang, text, meds)
    for lang, text, dose, n in SPLITS:
        b.add(f"frequency/{lang}/split-intakes", lang, text, M(D(dose, freq=F(n), **DAY)))


# --- the generated suite -----------------------------------------------------------------------------


def generate() -> list[Case]:
    b = Builder()
    for build in (
        build_dose,
        build_frequency,
        build_interval,
        build_duration,
        build_count,
        build_when,
        build_time_of_day,
        build_day_of_week,
        build_as_needed,
        build_max,
        build_route,
        build_dispense,
        build_phases,
        build_slots,
        build_layout,
        build_writers,
    ):
        build(b)
    seen: dict[str, Case] = {}
    for case in b.cases:
        other = seen.get(case.text)
        if other is not None and (other.meds != case.meds or other.admin_max != case.admin_max):
            raise ValueError(f"the matrix gives two readings of {case.text!r}: {other.family} and {case.family}")
        seen.setdefault(case.text, case)
    return list(seen.values())


CASES = generate()

# The engines the suite runs: the public default (hybrid) and its rules half, which must read
# every family the hybrid reads (issue #13: the hybrid is never worse than its rules).
ENGINES = ("rules", "hybrid")

# Lines no engine reads yet, each with the change it needs (docs/phrasing.md, "not yet"). Each
# is asserted to still fail: when one passes, remove it here and mark its family read there.
_MAX_UNIT = (
    "posology/fields/dosages.py (where MaxDose and the maxadm quantity are built): a maximum written "
    "without a unit takes the unit of its Dosage's dose; then make max.unit / maxadm.unit optional "
    "(OP '?') in rules/max_dose.yaml (max.per_period, max.per_period_after, max.per_administration, "
    "max.per_administration_after) - the rules alone would emit a unit-less maximum, silently"
)
_SLASH_MAX = (
    "posology/fields/dosages.py: a maximum without a unit takes its dose's unit ('max 6/j' is read by "
    "rules/max_dose.yaml max.per_period_slash, today with no unit)"
)
KNOWN_GAPS: dict[str, str] = {}
# Lines one engine reads and the other does not: {engine: {text: change needed}}.
ENGINE_GAPS: dict[str, dict[str, str]] = {"rules": {}, "hybrid": {}}


# --- running and checking -------------------------------------------------------------------------------


def run(cases: list[Case], engine: str) -> dict[str, tuple[Any, Json]]:
    """text → (scored LineResult, Bundle), the whole list structured in one batch."""
    import posology
    from benchmarks.accuracy import score_predictions

    bundles = [r.as_dict() for r in posology.structure_many([c.text for c in cases], engine=engine)]
    lines = score_predictions([c.gold_case() for c in cases], bundles)
    return {c.text: (line, bundle) for c, line, bundle in zip(cases, lines, bundles, strict=True)}


def admin_max(bundle: Json) -> list[tuple]:
    """(value, unit key) of each maxDosePerAdministration: the gold form has no field for it."""
    from benchmarks.fhir_fields import _plain, _Reader, default_codebook

    reader = _Reader(_plain(bundle), default_codebook())
    out = []
    for request in reader.entries:
        for d in request.get("dosageInstruction") or []:
            if q := d.get("maxDosePerAdministration"):
                out.append((q.get("value"), reader.unit(q)))
    return out


def problems(case: Case, line: Any, bundle: Json) -> list[str]:
    """What the engine got wrong on ``case``: one line per wrong field."""
    out = [f"{c.path}: expected {c.gold!r}, got {c.predicted!r}" for c in line.wrong]
    if line.error:
        out.append(f"engine error: {line.error}")
    if case.admin_max is not None and admin_max(bundle) != [case.admin_max]:
        out.append(f"maxDosePerAdministration: expected {case.admin_max!r}, got {admin_max(bundle)!r}")
    return out


def known_gap(text: str, engine: str) -> str | None:
    return KNOWN_GAPS.get(text) or ENGINE_GAPS.get(engine, {}).get(text)


_RESULTS: dict[str, dict[str, tuple[Any, Json]]] = {}


@pytest.fixture(scope="module")
def checklist():
    """engine → the results of every case, each engine run once (in one batch) per module."""

    def results(engine: str) -> dict[str, tuple[Any, Json]]:
        if engine not in _RESULTS:
            _RESULTS[engine] = run(CASES, engine)
        return _RESULTS[engine]

    yield results
    _RESULTS.clear()


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_phrasing(case: Case, engine: str, checklist) -> None:
    found = problems(case, *checklist(engine)[case.text])
    gap = known_gap(case.text, engine)
    if gap:
        assert found, (
            f"{case.text!r} is now read right by the {engine} engine: remove it from KNOWN_GAPS / ENGINE_GAPS "
            f"and mark its family read in docs/phrasing.md (the gap was: {gap})"
        )
    else:
        assert not found, f"{case.text!r} ({case.family}, {engine}):\n  " + "\n  ".join(found)


def test_known_gaps_are_generated_lines() -> None:
    texts = {c.text for c in CASES}
    listed = list(KNOWN_GAPS) + [t for gaps in ENGINE_GAPS.values() for t in gaps]
    assert [t for t in listed if t not in texts] == []
    assert not [t for gaps in ENGINE_GAPS.values() for t in gaps if t in KNOWN_GAPS]


def test_suite_size_and_both_languages() -> None:
    langs = Counter(c.lang for c in CASES)
    assert 500 <= len(CASES) <= 2500 and langs["fr"] > 200 and langs["en"] > 200
    assert len({c.id for c in CASES}) == len(CASES)  # readable ids are unique


# --- the table of docs/phrasing.md -------------------------------------------------------------------------


def family_table(engines: tuple[str, ...] = ENGINES, show_failures: bool = False) -> str:
    """The per-family table of docs/phrasing.md: cases, and lines read per engine."""
    results = {engine: run(CASES, engine) for engine in engines}
    rows: dict[str, list[int]] = {}
    failing: list[str] = []
    for case in CASES:
        row = rows.setdefault(case.family, [0] * (2 + len(engines)))
        row[0] += 1
        row[-1] += case.text in KNOWN_GAPS
        for k, engine in enumerate(engines):
            bad = problems(case, *results[engine][case.text])
            row[1 + k] += not bad
            if bad and show_failures:
                failing.append(f"  [{engine}] {case.family} {case.text!r}: " + "; ".join(bad))
    total = [sum(r[i] for r in rows.values()) for i in range(2 + len(engines))]
    head = " | ".join(f"read ({e})" for e in engines)
    out = [f"| family | cases | {head} | known gaps |", "|---|---:|" + "---:|" * len(engines) + "---:|"]
    out += [f"| {family} | " + " | ".join(map(str, row)) + " |" for family, row in rows.items()]
    out.append("| **all** | " + " | ".join(f"**{n}**" for n in total) + " |")
    return "\n".join(out + failing)


if __name__ == "__main__":
    import argparse
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    parser = argparse.ArgumentParser(description="per-family table of the phrasing checklist")
    parser.add_argument("--engine", action="append", help="an engine (repeatable); default: rules and hybrid")
    parser.add_argument("--failures", action="store_true", help="list every line an engine misreads")
    args = parser.parse_args()
    print(family_table(tuple(args.engine or ENGINES), args.failures))
