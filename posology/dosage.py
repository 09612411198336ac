"""Typed dosage values: the contract between the NLP steps and the FHIR layer.

Everything here is a frozen dataclass with no dependency on spaCy or fhir.resources, so the
NLP side (rules, NER, linker) produces these values and the FHIR side (``posology.fhir``)
consumes them without knowing how they were found.

Unit keys are the gold unit keys of CONVENTIONS.md §6 (``tablet``, ``mg``, ``mL``, ``iU`` …);
``system`` / ``code`` carry the coding written into FHIR (EDQM unit of presentation, UCUM).

>>> Quantity(500, "mg", UCUM, "mg").value
500
"""

from __future__ import annotations

from dataclasses import dataclass, field

UCUM = "http://unitsofmeasure.org"
EDQM = "http://standardterms.edqm.eu"


@dataclass(frozen=True)
class Coding:
    """A code from a code system (EDQM route or dose form, CIS drug code …)."""

    system: str
    code: str
    display: str | None = None


@dataclass(frozen=True)
class Quantity:
    """A number with an optional unit.

    ``unit`` is the gold unit key (``tablet``, ``mg``); ``None`` when the text gives no
    unit (``1-0-1`` with no form word): a unit is never guessed.

    ``per`` is the denominator of a strength written with one (``4000 UI/0,4 mL`` →
    ``Quantity(4000, "iU", …, per=Quantity(0.4, "mL", …))``, ``250 mg/5 ml``); the FHIR layer
    writes it as the strength Ratio's denominator. Only strengths carry it.
    """

    value: float
    unit: str | None = None
    system: str | None = None
    code: str | None = None
    display: str | None = None
    per: Quantity | None = None

    def __repr__(self) -> str:
        # ``per`` only when set, so that the repr of a plain quantity stays what it was.
        per = f", per={self.per!r}" if self.per is not None else ""
        return (
            f"Quantity(value={self.value!r}, unit={self.unit!r}, system={self.system!r}, "
            f"code={self.code!r}, display={self.display!r}{per})"
        )


@dataclass(frozen=True)
class Duration:
    """A length of time: ``value`` (and ``max`` for a range) in a UCUM time unit (``d``, ``wk``…)."""

    value: float
    unit: str
    max: float | None = None


@dataclass(frozen=True)
class Dose:
    """A dose or a dose range (``high`` set for ``1 à 2 cp``)."""

    low: Quantity
    high: Quantity | None = None


@dataclass(frozen=True)
class Timing:
    """``Timing.repeat`` in FHIR terms. Empty tuples and ``None`` mean "not stated"."""

    frequency: int | None = None
    frequency_max: int | None = None
    period: float | None = None
    period_max: float | None = None
    period_unit: str | None = None
    when: tuple[str, ...] = ()
    offset: int | None = None  # minutes, with ``when``
    time_of_day: tuple[str, ...] = ()  # "HH:MM:SS"
    day_of_week: tuple[str, ...] = ()  # mon … sun
    bounds: Duration | None = None
    count: int | None = None

    def is_empty(self) -> bool:
        return self == Timing()


@dataclass(frozen=True)
class MaxDose:
    """``maxDosePerPeriod``: ``quantity`` per ``per`` (a Duration such as 1 d or 24 h)."""

    quantity: Quantity
    per: Duration


@dataclass(frozen=True)
class FieldSource:
    """Where a field came from: character offsets, the engine part and a confidence."""

    field: str
    start: int
    end: int
    source: str  # "rule:<rule id>", "ner", "linker:<system>"
    confidence: float = 1.0


@dataclass(frozen=True)
class Dosage:
    """One FHIR Dosage. ``text`` is the source span ``[start, end)`` of the input text."""

    text: str
    start: int
    end: int
    sequence: int = 1
    dose: Dose | None = None
    timing: Timing = field(default_factory=Timing)
    as_needed: bool = False
    as_needed_reason: str | None = None
    route: Coding | None = None
    max_per_period: MaxDose | None = None
    max_per_administration: Quantity | None = None
    additional_instructions: tuple[str, ...] = ()
    sources: tuple[FieldSource, ...] = ()


@dataclass(frozen=True)
class Medication:
    """One medication of a text: the drug as written, its strengths and its Dosages."""

    name: str | None = None
    name_start: int | None = None
    name_end: int | None = None
    strengths: tuple[Quantity, ...] = ()
    form: Coding | None = None
    codings: tuple[Coding, ...] = ()
    dosages: tuple[Dosage, ...] = ()
    refills: int | None = None
    supply: Duration | None = None
    # Orders that are not plain orders (CONVENTIONS §7-§8): ``stopped`` / ``on-hold``
    # (arrêter, hold), ``do_not_perform`` (ne pas donner, DO NOT GIVE), ``priority`` ``stat``.
    status: str = "active"
    do_not_perform: bool = False
    priority: str | None = None


@dataclass(frozen=True)
class Issue:
    """Something the engine could not understand or refused; becomes an OperationOutcome issue.

    ``severity`` is a FHIR issue severity (``error``, ``warning``, ``information``) and ``code``
    a FHIR issue type (``not-found``, ``incomplete``, ``too-long``, ``invalid``, ``structure``).
    """

    severity: str
    code: str
    message: str
    start: int | None = None
    end: int | None = None
    # Index of the Medication (in ``Prescription.medications``) the issue concerns, when one:
    # the FHIR layer points the OperationOutcome issue at that MedicationRequest.
    medication: int | None = None


@dataclass(frozen=True)
class Prescription:
    """Everything structured from one input text.

    ``lang`` is the language of the line (``"fr"``, ``"en"``) when known: the FHIR layer
    writes code displays in it (``Voie orale`` / ``Oral use``) and none when it is ``None``.
    """

    text: str
    medications: tuple[Medication, ...] = ()
    issues: tuple[Issue, ...] = ()
    lang: str | None = None
