"""posology: free-text drug prescriptions → validated HL7 FHIR.

>>> import posology
>>> result = posology.structure("1 cp le matin")
>>> request = result.medication_requests[0]
>>> request["dosageInstruction"][0]["timing"]["repeat"]["when"]
['MORN']

``import posology`` is light: spaCy loads on the first call, pint and fhir.resources only when needed.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from itertools import islice
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
READ_AHEAD = 128  # lines structure_many reads ahead on the hybrid engine (one NER batch)


class StructureResult:
    """What :func:`structure` returns: the Bundle (as JSON and as a fhir.resources model),
    its MedicationRequests, the typed values behind them and the warnings.

    A result from the cache of repeated lines (:mod:`posology.cache`) holds its Bundle as JSON
    text: :meth:`json` returns it as is, and :attr:`bundle_dict` parses it at the first read
    (after which the dict is the Bundle: a caller's change to it shows in :meth:`json`). A
    result just built holds both until its dict is first read (``bundle_json``, when given with
    ``bundle_dict``, is its ``json.dumps(…, ensure_ascii=False)``).
    """

    __hash__ = None  # type: ignore[assignment]  # mutable, compared by value (as the dataclass it was)

    def __init__(
        self,
        text: str,
        prescription: Prescription,
        fhir_version: str,
        bundle_dict: dict[str, Any] | None = None,
        engine: str = DEFAULT_ENGINE,
        notes: list[str] | None = None,
        *,
        bundle_json: str | None = None,
    ) -> None:
        self.text = text
        self.prescription = prescription
        self.fhir_version = fhir_version
        self._bundle_dict = bundle_dict
        self._bundle_json = bundle_json
        self.engine = engine
        self.notes = [] if notes is None else notes

    @property
    def bundle_dict(self) -> dict[str, Any]:
        """The Bundle as a dict (JSON types), the caller's own."""
        if self._bundle_dict is None:
            text = self._bundle_json  # read before the dict again: another thread clears it after
            if self._bundle_dict is None:  # setting the dict, so one of the two is always there
                self._bundle_dict = json.loads(text)  # type: ignore[arg-type]
        self._bundle_json = None  # handed out: the dict is the Bundle from now on (a caller may change it)
        return self._bundle_dict

    @bundle_dict.setter
    def bundle_dict(self, value: dict[str, Any]) -> None:
        self._bundle_dict, self._bundle_json = value, None

    def _fields(self) -> tuple:
        return (self.text, self.prescription, self.fhir_version, self.bundle_dict, self.engine, self.notes)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._fields() == other._fields()  # type: ignore[attr-defined]

    def __repr__(self) -> str:
        names = ("text", "prescription", "fhir_version", "bundle_dict", "engine", "notes")
        return f"StructureResult({', '.join(f'{n}={v!r}' for n, v in zip(names, self._fields(), strict=True))})"

    def as_dict(self) -> dict[str, Any]:
        return self.bundle_dict

    def json(self, indent: int | None = None) -> str:
        text = self._bundle_json
        if indent is None and text is not None:
            return text
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
    and the tables (the NER model loads at the first line that needs it: a ``ner`` line, or a
    ``hybrid`` line the rules leave a gap in). ``engine`` is checked (an unknown name raises
    InputError E005), so a caller's typo is never run silently.

    >>> get_engine("rules") is get_engine("hybrid")
    True
    """
    if engine not in ENGINES:
        raise InputError(Errors.E005.format(engine=engine))
    if "posology.engine" not in sys.modules:  # the first call imports spaCy and the steps
        from posology._gc import paused_gc

        with paused_gc():
            import posology.engine  # noqa: F401
    from posology.engine import Engine

    return Engine.load()


def engine_available(engine: str) -> bool:
    """Whether a path can run as asked: ``ner`` and ``hybrid`` need the trained NER model.

    Its files say so; the model itself loads at the first line that needs it (a line the rules
    leave a gap in), which is where a model that cannot be read raises E104.
    """
    if engine == "rules":
        return True
    return get_engine().ner_installed


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
    read=None,
) -> StructureResult:
    """The result of one text: from the cache of repeated lines when it holds it, else built
    (``read``: its record read ahead, from :func:`_read_ahead`)."""
    run = _Run(core, _Options(version, engine, provenance, render_lang, lang), subject)
    if read is not None:
        run.ahead = {text: read}
    return run(text)


def _read_ahead(core, texts: list[tuple[str, str | None]], options: _Options) -> dict[str, Any]:
    """``Engine.read_ahead`` of the (text, subject) pairs the cache does not hold, for
    :func:`_result` one at a time (the command's file path)."""
    from posology.cache import cacheable_subject

    cache = result_cache()
    unread = [
        text
        for text, subject in texts
        if not (cacheable_subject(subject) and cache.holds((text, (options, subject is not None))))
    ]
    return core.read_ahead(unread, options.engine)


class _Run:
    """Structures texts with fixed options and subject (what :func:`structure_many` repeats):
    what a cache hit needs is worked out once, so that a hit only looks up its text, stamps
    the cached JSON with fresh ids and the subject, and wraps it (no dict, no serialising)."""

    __slots__ = ("core", "options", "subject", "cache", "key_tail", "notes", "ahead")

    def __init__(self, core, options: _Options, subject: str | None) -> None:
        from posology.cache import cacheable_subject

        self.core, self.options, self.subject = core, options, subject
        # None: build every time (an odd subject may be reported, so is never cached)
        self.cache = result_cache() if cacheable_subject(subject) else None
        self.key_tail = (options, subject is not None)
        self.notes: list[str] | None = None  # the engine's notes, the same for every line
        self.ahead: dict[str, Any] = {}  # text → its record after the read step (read_ahead)

    def read_ahead(self, texts: list[str]) -> None:
        """Read the coming texts that the cache does not hold (``Engine.read_ahead``: the
        hybrid engine's NER model then reads the lines with a gap in one batch)."""
        cache, tail = self.cache, self.key_tail
        if cache is not None:
            texts = [text for text in texts if not isinstance(text, str) or not cache.holds((text, tail))]
        self.ahead = self.core.read_ahead(texts, self.options.engine)

    def __call__(self, text: str) -> StructureResult:
        cache = self.cache
        # a text holding a UUID is built every time: a re-stamp would rewrite it
        if cache is None or not isinstance(text, str) or ("-" in text and _uuid_in(text)):
            return _build_result(text, self.core, self.options, self.subject, self._read(text))
        key = (text, self.key_tail)
        subject = self.subject
        hit = cache.get_json(key, subject)
        if hit is not None:
            if self.notes is None:
                self.notes = _engine_notes(self.options.engine)
            return StructureResult(
                text, hit[0], self.options.version, None, self.options.engine, list(self.notes), bundle_json=hit[1]
            )
        from posology.cache import SUBJECT

        result = _build_result(
            text, self.core, self.options, SUBJECT if subject is not None else None, self._read(text)
        )
        bundle: dict[str, Any] | None = result.bundle_dict
        bundle_json = json.dumps(bundle, ensure_ascii=False)
        cache.put(key, result.prescription, bundle_json)
        if subject is not None:  # the caller's subject in place of the stand-in, as a hit does it
            from posology.cache import Template

            bundle, bundle_json = None, Template.compile(bundle_json).stamp(subject)
        # json() gives the text just written until the dict is read
        return StructureResult(
            text, result.prescription, result.fhir_version, bundle, result.engine, result.notes, bundle_json=bundle_json
        )

    def _read(self, text: object):
        return self.ahead.pop(text, None) if self.ahead and isinstance(text, str) else None


def _uuid_in(text: str) -> bool:
    from posology.fhir.ids import UUID

    return UUID.search(text) is not None


class _Options(NamedTuple):
    """What a result depends on besides its text and subject (and the cache key with them)."""

    version: str
    engine: str
    provenance: bool = False
    render_lang: str | None = None
    lang: str | None = None


def _build_result(text: str, core, options: _Options, subject: str | None, read=None) -> StructureResult:
    from posology.errors import FHIRValidationError
    from posology.fhir import build_bundle
    from posology.rendering import narrative_lang, with_narratives
    from posology.rendering.lang import evident_lang

    version, engine, provenance, render_lang, lang = options

    prescription = core.prescription(text, mode=engine) if read is None else core.prescription(text, engine, read)
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
    run = _Run(get_engine(engine), _Options(version, engine, provenance, render_lang), subject)
    if engine != "hybrid":
        for text in texts:
            yield run(text)
        return
    # the hybrid engine reads READ_AHEAD lines at a time: its NER model reads their gaps in one batch
    texts = iter(texts)
    while chunk := list(islice(texts, READ_AHEAD)):
        run.read_ahead(chunk)
        for text in chunk:
            yield run(text)


def __getattr__(name: str):
    if name == "Engine":
        from posology.engine import Engine

        return Engine
    if name == "render":  # posology.render(obj, lang): see posology/rendering/
        from posology.rendering import render

        return render
    raise AttributeError(f"module 'posology' has no attribute {name!r}")
