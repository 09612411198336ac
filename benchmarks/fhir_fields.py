"""Read a FHIR Bundle (R4 or R5 JSON) back into the gold field form of CONVENTIONS.md §6.

The benchmark scores what the engine *writes*, not its internal objects: a field the FHIR
layer drops or mis-codes must cost points. So this module only knows FHIR JSON and the
code tables of ``terminologies/`` (EDQM units of presentation and routes, UCUM units); codes
map back to the gold unit / route keys. Extensions (provenance) are never read;
OperationOutcome entries are counted, not scored.

>>> codes = Codebook(units={"15054000": "tablet"}, routes={})
>>> bundle = {"resourceType": "Bundle", "entry": [{"resource": {
...     "resourceType": "MedicationRequest", "dosageInstruction": [{"doseAndRate": [
...         {"doseQuantity": {"value": 1, "system": EDQM, "code": "15054000"}}]}]}}]}
>>> read_bundle(bundle, codes).meds
[{'dosages': [{'dose': [1, None, 'tablet']}]}]
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Any

EDQM = "http://standardterms.edqm.eu"
UCUM = "http://unitsofmeasure.org"

Json = dict[str, Any]


@dataclass(frozen=True)
class Codebook:
    """Code → gold key maps. ``units`` is keyed by EDQM or UCUM code (they never collide)."""

    units: dict[str, str]
    routes: dict[str, str]


@dataclass
class BundleFields:
    """The gold-form meds of one Bundle, plus what the scorer reports but does not score."""

    meds: list[Json]
    outcomes: int = 0  # OperationOutcome entries
    flagged: bool = False  # a review flag (CONVENTIONS §8: warning or error, W005/W006 aside)
    unmapped: list[str] = field(default_factory=list)  # "system|code" with no gold key


def _key_map(table: str) -> dict[str, str]:
    from posology.resources import read_table

    return {row["code"]: row["key"] for row in read_table(table) if row.get("code") and row.get("key")}


@lru_cache(maxsize=1)
def default_codebook() -> Codebook:
    """The maps from the engine's own terminology tables (read once)."""
    units = _key_map("ucum/units.csv")
    units.update(_key_map("edqm/units_of_presentation.csv"))
    return Codebook(units=units, routes=_key_map("edqm/routes.csv"))


class _Reader:
    """One pass over one Bundle; collects the codes it could not map."""

    def __init__(self, bundle: Json, codes: Codebook):
        self.codes = codes
        self.unmapped: list[str] = []
        self.entries = [e.get("resource") or {} for e in bundle.get("entry") or []]
        self.by_url = {e.get("fullUrl"): e.get("resource") or {} for e in bundle.get("entry") or []}

    def unit(self, quantity: Json | None) -> str | None:
        """Gold unit key of a Quantity; an unmapped code is kept as is (it will score wrong)."""
        if not quantity:
            return None
        code = quantity.get("code")
        if code is None:
            # No code: keep the human unit; it scores right only if it is literally the key.
            return quantity.get("unit")
        if code in self.codes.units:
            return self.codes.units[code]
        self.unmapped.append(f"{quantity.get('system')}|{code}")
        return code

    @staticmethod
    def time_unit(quantity: Json | None) -> str | None:
        return (quantity or {}).get("code") or (quantity or {}).get("unit")

    def route(self, route: Json | None) -> str | None:
        """Key of the first coding with a known (EDQM) code, else the first code as is."""
        codings = [c for c in (route or {}).get("coding") or [] if c.get("code")]
        for coding in codings:
            if coding["code"] in self.codes.routes:
                return self.codes.routes[coding["code"]]
        if not codings:
            return None
        self.unmapped.append(f"{codings[0].get('system')}|{codings[0]['code']}")
        return codings[0]["code"]

    def medication(self, request: Json) -> Json | None:
        """The Medication behind ``medicationReference`` (R4) or ``medication.reference`` (R5)."""
        ref = request.get("medicationReference") or (request.get("medication") or {}).get("reference") or {}
        target = ref.get("reference") or ""
        if target.startswith("#"):
            return next((c for c in request.get("contained") or [] if c.get("id") == target[1:]), None)
        if target in self.by_url:
            return self.by_url[target]
        return next((r for r in self.entries if f"{r.get('resourceType')}/{r.get('id')}" == target), None)


def _text(concept: Json | None) -> str | None:
    text = (concept or {}).get("text")
    return text if isinstance(text, str) and text.strip() else None


def _drug(request: Json, medication: Json | None) -> str | None:
    """``code.text`` of the Medication; a concept carrying only data-absent-reason gives none."""
    if medication is not None:
        return _text(medication.get("code"))
    return _text(request.get("medicationCodeableConcept") or (request.get("medication") or {}).get("concept"))


def _strengths(reader: _Reader, medication: Json | None) -> list[list[Any]]:
    out = []
    for ingredient in (medication or {}).get("ingredient") or []:
        ratio = ingredient.get("strength") or ingredient.get("strengthRatio")  # R4 / R5
        quantity = (ratio or {}).get("numerator") or ingredient.get("strengthQuantity")
        if quantity and quantity.get("value") is not None:
            out.append([quantity["value"], reader.unit(quantity)])
    return out


def _med_fields(reader: _Reader, request: Json) -> Json:
    medication = reader.medication(request)
    med: Json = {}
    if (drug := _drug(request, medication)) is not None:
        med["drug"] = drug
    if strengths := _strengths(reader, medication):
        med["strength"] = strengths
    # Orders that are not plain orders (§8); a plain active order writes nothing here.
    if request.get("status") not in (None, "active"):
        med["status"] = request["status"]
    if request.get("doNotPerform") is True:
        med["do_not_perform"] = True
    if request.get("priority") == "stat":
        med["priority"] = "stat"
    dispense = request.get("dispenseRequest") or {}
    if dispense.get("numberOfRepeatsAllowed") is not None:
        med["refills"] = dispense["numberOfRepeatsAllowed"]
    supply = dispense.get("expectedSupplyDuration")
    if supply and supply.get("value") is not None:
        med["supply"] = [supply["value"], reader.time_unit(supply)]
    med["dosages"] = [_dosage_fields(reader, d) for d in request.get("dosageInstruction") or []]
    return med


def _dose(reader: _Reader, dosage: Json) -> list[Any] | None:
    first = (dosage.get("doseAndRate") or [{}])[0]
    if (qty := first.get("doseQuantity")) and qty.get("value") is not None:
        return [qty["value"], None, reader.unit(qty)]
    if rng := first.get("doseRange"):
        low, high = rng.get("low") or {}, rng.get("high") or {}
        if low.get("value") is not None or high.get("value") is not None:
            return [low.get("value"), high.get("value"), reader.unit(low) or reader.unit(high)]
    return None


def _bounds(reader: _Reader, repeat: Json) -> list[Any] | None:
    if (dur := repeat.get("boundsDuration")) and dur.get("value") is not None:
        return [dur["value"], None, reader.time_unit(dur)]
    if rng := repeat.get("boundsRange"):
        low, high = rng.get("low") or {}, rng.get("high") or {}
        return [
            low.get("value"),
            high.get("value"),
            reader.time_unit(low) or reader.time_unit(high),
        ]
    return None


def _as_needed(dosage: Json) -> bool:
    """R4 asNeededBoolean / asNeededCodeableConcept, R5 asNeeded / asNeededFor."""
    return bool(
        dosage.get("asNeededBoolean")
        or dosage.get("asNeededCodeableConcept")
        or dosage.get("asNeeded")
        or dosage.get("asNeededFor")
    )


def _max(reader: _Reader, dosage: Json) -> list[Any] | None:
    ratio = dosage.get("maxDosePerPeriod")
    if isinstance(ratio, list):  # R5: 0..* → the first
        ratio = ratio[0] if ratio else None
    if not ratio:
        return None
    num, den = ratio.get("numerator") or {}, ratio.get("denominator") or {}
    return [num.get("value"), reader.unit(num), den.get("value"), reader.time_unit(den)]


def _timing_fields(repeat: Json) -> Json:
    out: Json = {}
    if repeat.get("frequency") is not None or repeat.get("frequencyMax") is not None:
        out["freq"] = [repeat.get("frequency"), repeat.get("frequencyMax")]
    if repeat.get("period") is not None or repeat.get("periodUnit") is not None:
        out["period"] = [repeat.get("period"), repeat.get("periodMax"), repeat.get("periodUnit")]
    for gold, fhir in (("when", "when"), ("tod", "timeOfDay"), ("dow", "dayOfWeek")):
        if repeat.get(fhir):
            out[gold] = sorted(repeat[fhir])
    for gold in ("offset", "count"):
        if repeat.get(gold) is not None:
            out[gold] = repeat[gold]
    return out


def _dosage_fields(reader: _Reader, dosage: Json) -> Json:
    repeat = (dosage.get("timing") or {}).get("repeat") or {}
    out: Json = {}
    if (dose := _dose(reader, dosage)) is not None:
        out["dose"] = dose
    out.update(_timing_fields(repeat))
    if (bounds := _bounds(reader, repeat)) is not None:
        out["bounds"] = bounds
    if _as_needed(dosage):
        out["as_needed"] = True
    if (route := reader.route(dosage.get("route"))) is not None:
        out["route"] = route
    if (max_dose := _max(reader, dosage)) is not None:
        out["max"] = max_dose
    return out


def _plain(value: Any) -> Any:
    """JSON values from a python-mode dump: fhir.resources gives ``Decimal`` and ``time``."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dt.time):
        return value.isoformat()
    return value


def read_bundle(bundle: Json, codes: Codebook | None = None) -> BundleFields:
    """Gold-form meds of every MedicationRequest, in entry order (R4 or R5 JSON)."""
    reader = _Reader(_plain(bundle), codes or default_codebook())
    kinds = [r.get("resourceType") for r in reader.entries]
    meds = [_med_fields(reader, r) for r in reader.entries if r.get("resourceType") == "MedicationRequest"]
    return BundleFields(
        meds=meds,
        outcomes=kinds.count("OperationOutcome"),
        unmapped=reader.unmapped,
        flagged=_flagged(reader.entries),
    )


def _flagged(entries: list[Json]) -> bool:
    """Whether an OperationOutcome of the Bundle asks for a review (``posology.review``)."""
    from posology.review import is_review_flag

    return any(
        is_review_flag(issue.get("severity", ""), issue.get("diagnostics", ""))
        for r in entries
        if r.get("resourceType") == "OperationOutcome"
        for issue in r.get("issue") or []
    )
