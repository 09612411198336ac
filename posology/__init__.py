"""posology: free-text drug prescriptions → validated HL7 FHIR.

>>> import posology
>>> result = posology.structure("1 cp le matin")
>>> request = result.medication_requests[0]
>>> request["dosageInstruction"][0]["timing"]["repeat"]["when"]
['MORN']

``import posology`` is light: spaCy, pint and fhir.resources load on the first call.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

from posology.errors import Errors, InputError, Warnings

if TYPE_CHECKING:
    from posology.dosage import Issue, Prescription

__all__ = ["structure", "structure_many", "StructureResult", "Engine", "get_engine", "render"]
__version__ = "0.1.0"

FHIR_VERSIONS = ("R4", "R5")
ENGINES = ("rules", "ner", "hybrid")
# The default path: rules first, the NER model on the words they leave unexplained (issue #5:
# it measures better than the rules alone on the gold test split).
DEFAULT_ENGINE = "hybrid"


@dataclass
class StructureResult:
    """What :func:`structure` returns: the Bundle (as JSON and as a fhir.resources model),
    its MedicationRequests, the typed values behind them and the warnings."""

    text: str
    prescription: Prescription
    fhir_version: str
    bundle_dict: dict[str, Any]
    engine: str = DEFAULT_ENGINE
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return self.bundle_dict

    def json(self, indent: int | None = None) -> str:
        return json.dumps(self.bundle_dict, ensure_ascii=False, indent=indent)

    @property
    def bundle(self):
        """The fhir.resources Bundle model (R4B models for R4, R5 models for R5)."""
        from posology.fhir import to_model

        return to_model(self.bundle_dict, self.fhir_version)

    @property
    def medication_requests(self) -> list[dict[str, Any]]:
        return [
            entry["resource"]
            for entry in self.bundle_dict.get("entry", [])
            if entry["resource"]["resourceType"] == "MedicationRequest"
        ]

    @property
    def warnings(self) -> list[Issue]:
        return list(self.prescription.issues)

    @property
    def review_reasons(self) -> list[Issue]:
        """The issues that ask a pharmacist to look at this line (CONVENTIONS §8)."""
        from posology.review import review_reasons

        return review_reasons(self.prescription.issues)

    @property
    def needs_review(self) -> bool:
        """False is a claim that every field is right; True: see :attr:`review_reasons`.

        >>> structure("arrêter le Kardégic").needs_review, structure("1 cp le matin").needs_review
        (True, False)
        """
        return bool(self.review_reasons)

    @property
    def confidence(self) -> float:
        """A per-line confidence in [0, 1] to filter on (below 0.5: needs review)."""
        from posology.review import confidence

        return confidence(self.prescription.issues)


def _check_options(fhir_version: str, engine: str) -> tuple[str, str]:
    version = str(fhir_version).upper()
    if version not in FHIR_VERSIONS:
        raise InputError(Errors.E004.format(version=fhir_version))
    if engine not in ENGINES:
        raise InputError(Errors.E005.format(engine=engine))
    return version, engine


def get_engine(engine: str = DEFAULT_ENGINE):
    """The shared engine of this process. One Engine serves every path: ``rules``, ``ner`` and
    ``hybrid`` are modes of :meth:`Engine.prescription`, which share the tokenizer, the rules
    and the tables (the NER model loads on the first ``ner`` / ``hybrid`` line). ``engine`` is
    checked (an unknown name raises InputError E005), so a caller's typo is never run silently.

    >>> get_engine("rules") is get_engine("hybrid")
    True
    """
    from posology.engine import Engine

    if engine not in ENGINES:
        raise InputError(Errors.E005.format(engine=engine))
    return Engine.load()


def engine_available(engine: str) -> bool:
    """Whether a path can run as asked: ``ner`` and ``hybrid`` need the trained NER model."""
    if engine == "rules":
        return True
    return get_engine().ner is not None


def _engine_notes(engine: str) -> list[str]:
    if engine_available(engine):
        return []
    return [Warnings.W003.format(engine=engine)]


_CACHE = None


def result_cache():
    """The process's cache of results for repeated lines (``posology.cache``)."""
    global _CACHE
    if _CACHE is None:
        import os

        from posology.cache import DEFAULT_MAX_ENTRIES, ResultCache

        entries = os.environ.get("POSOLOGY_RESULT_CACHE", "").strip()
        _CACHE = ResultCache(int(entries) if entries.isdigit() else DEFAULT_MAX_ENTRIES)
    return _CACHE


def cache_info() -> dict[str, int]:
    """Entries, bytes, bounds, hits and misses of the cache of results for repeated lines."""
    return result_cache().info()


def _result(
    text: str,
    core,
    version: str,
    engine: str,
    subject: str | None,
    provenance: bool = False,
    render_lang: str | None = None,
    lang: str | None = None,
) -> StructureResult:
    """The result of one text: from the cache of repeated lines when it holds it, else built."""
    from posology.cache import SUBJECT, cacheable_subject, restamp
    from posology.fhir.ids import UUID

    options = _Options(version, engine, provenance, render_lang, lang)
    if not isinstance(text, str) or not cacheable_subject(subject) or UUID.search(text):
        return _build_result(text, core, options, subject)
    cache = result_cache()
    key = (text, *options, subject is not None)
    hit = cache.get(key, subject)
    if hit is not None:
        prescription, bundle = hit
        return StructureResult(text, prescription, version, bundle, engine, _engine_notes(engine))
    result = _build_result(text, core, options, SUBJECT if subject is not None else None)
    bundle_json = json.dumps(result.bundle_dict, separators=(",", ":"))
    cache.put(key, result.prescription, bundle_json)
    if subject is not None:  # the caller's subject in place of the stand-in, as a hit does it
        result.bundle_dict = restamp(bundle_json, subject)
    return result


class _Options(NamedTuple):
    """What a result depends on besides its text and subject (and the cache key with them)."""

    version: str
    engine: str
    provenance: bool = False
    render_lang: str | None = None
    lang: str | None = None


def _build_result(text: str, core, options: _Options, subject: str | None) -> StructureResult:
    from posology.errors import FHIRValidationError
    from posology.fhir import build_bundle
    from posology.rendering import narrative_lang, with_narratives
    from posology.rendering.lang import evident_lang

    version, engine, provenance, render_lang, lang = options

    prescription = core.prescription(text, mode=engine)
    # displays (EDQM terms) in the caller's language, else the one the line's words say, else none
    display_lang = lang if lang is not None else evident_lang(text)
    try:
        bundle = build_bundle(
            prescription, fhir_version=version, subject=subject, provenance=provenance, lang=display_lang
        )
    except FHIRValidationError as error:
        # A Bundle that would be invalid FHIR is a bug of posology: the caller gets an
        # OperationOutcome saying so (never a crash, never the invalid order).
        from posology.dosage import Issue, Prescription

        prescription = Prescription(text, (), (Issue("error", "exception", str(error)),))
        bundle = build_bundle(prescription, fhir_version=version, subject=subject)
    # MedicationRequest.text and Dosage.patientInstruction: the rendering (posology/rendering/)
    bundle = with_narratives(bundle, narrative_lang(render_lang, lang), text)
    return StructureResult(text, prescription, version, bundle, engine, _engine_notes(engine))


def structure(
    text: str,
    *,
    fhir_version: str = "R4",
    lang: str | None = None,
    engine: str = DEFAULT_ENGINE,
    subject: str | None = None,
    provenance: bool = False,
    render_lang: str | None = None,
) -> StructureResult:
    """Structure one prescription text into a FHIR Bundle.

    Bad input (empty, too long, binary) never raises: the Bundle carries an
    OperationOutcome saying why. Bad *options* (an unknown FHIR version) raise InputError.
    ``lang`` (``fr`` / ``en``) is the line's language: the code displays (EDQM) and the requests'
    ``language`` follow it; by default it is read from the line's words, and a line with no
    word of either language gets no display. The rules are bilingual and do not need it.
    ``provenance=True`` writes each field's source (offsets, rule / NER / linker, confidence)
    into an extension of its Dosage; it is always in ``result.prescription``.
    Each MedicationRequest carries its rendering (``text`` narrative, ``patientInstruction``)
    in ``render_lang`` (``fr`` / ``en``), else ``lang``, else the language read in ``text``.
    """
    version, engine = _check_options(fhir_version, engine)
    return _result(text, get_engine(engine), version, engine, subject, provenance, render_lang, lang)


def structure_many(
    texts: Iterable[str],
    *,
    fhir_version: str = "R4",
    engine: str = DEFAULT_ENGINE,
    subject: str | None = None,
    provenance: bool = False,
    render_lang: str | None = None,
) -> Iterator[StructureResult]:
    """Structure many texts, loading the engine once; results stream in input order."""
    version, engine = _check_options(fhir_version, engine)
    core = get_engine(engine)
    for text in texts:
        yield _result(text, core, version, engine, subject, provenance, render_lang)


def __getattr__(name: str):
    if name == "Engine":
        from posology.engine import Engine

        return Engine
    if name == "render":  # posology.render(obj, lang): see posology/rendering/
        from posology.rendering import render

        return render
    raise AttributeError(f"module 'posology' has no attribute {name!r}")
