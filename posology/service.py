"""HTTP service: ``posology serve`` (FastAPI + uvicorn), a thin shell over :mod:`posology`.

Routes (OpenAPI docs at ``/docs``):

- ``POST /structure`` — ``{"text": …}`` → one Bundle, ``{"texts": [...]}`` → a list of Bundles;
  optional ``subject`` (``Patient/…``), ``fhir_version`` (``R4`` / ``R5``), ``engine``.
- ``POST /MedicationRequest/$structure`` — the FHIR operation: a ``Parameters`` resource
  (``text``, optional ``subject``, ``fhirVersion``, ``engine``) → a Bundle.
- ``POST /review`` — the same body as ``/structure``; per text, what the review page shows:
  the Bundle, the field spans, the rendering (fr, en), ``needs_review``, the confidence and the
  issues (:func:`posology.explain.explanation`).
- ``GET /`` — the review page (``posology/static/``: no external script, style or font).
- ``GET /health``, ``GET /metadata`` (CapabilityStatement),
  ``GET /OperationDefinition/MedicationRequest-structure``.

Every refusal is a 4xx whose body is a FHIR ``OperationOutcome``: 401 (API key), 413 (body
over 1 MiB, batch over 1,000 texts), 415 (not JSON), 400 (bad JSON), 422 (bad fields). The
engine loads once per worker, at start-up. Prescription texts are never logged unless
``log_texts`` asks for it.

>>> app = create_app(Settings(api_key="secret"))
>>> sorted(r.path for r in app.routes if "POST" in getattr(r, "methods", ()))
['/MedicationRequest/$structure', '/review', '/structure']
"""

from __future__ import annotations

import json
import logging
import os
import threading
import time
from collections.abc import Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any, Literal

from fastapi import FastAPI, Request, Security
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.security import APIKeyHeader
from pydantic import BaseModel, ConfigDict, Field, model_validator
from starlette.exceptions import HTTPException as StarletteHTTPException

import posology
from posology.errors import Errors, InputError, PosologyError
from posology.explain import explanation
from posology.service_guard import FHIR_JSON, Guard, outcome_response
from posology.service_resources import OPERATION_ID, capability_statement, operation_definition

__all__ = ["create_app", "app_from_env", "Settings", "serve"]

MAX_BODY_BYTES = 1_048_576  # 1 MiB
MAX_BATCH = 1_000
STRUCTURE_PATHS = ("/structure", "/MedicationRequest/$structure", "/review")
# The review page and its files: nothing else is served, and the page may reach nothing else.
STATIC_FILES = {"review.html": "text/html", "review.js": "text/javascript", "review.css": "text/css"}
PAGE_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
    "img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}
log = logging.getLogger("posology.service")


@dataclass(frozen=True)
class Settings:
    """What a worker needs; read from the environment by :func:`app_from_env` (the only way
    options reach uvicorn's worker processes)."""

    api_key: str | None = None
    log_texts: bool = False
    engine: str = posology.DEFAULT_ENGINE
    max_body_bytes: int = MAX_BODY_BYTES
    max_batch: int = MAX_BATCH

    @classmethod
    def from_env(cls) -> Settings:
        return cls(
            api_key=os.environ.get("POSOLOGY_API_KEY") or None,
            log_texts=os.environ.get("POSOLOGY_LOG_TEXTS", "") == "1",
            engine=os.environ.get("POSOLOGY_ENGINE", posology.DEFAULT_ENGINE),
        )


Version = Literal["R4", "R5"]
EngineName = Literal["rules", "ner", "hybrid"]


class StructureRequest(BaseModel):
    """Body of ``POST /structure``: ``text`` or ``texts``, not both."""

    model_config = ConfigDict(extra="forbid")
    text: str | None = Field(None, examples=["Doliprane 1000 mg 1 cp 3x/j si douleur"])
    texts: list[str] | None = Field(None, examples=[["1 cp le matin", "Tab. Dolo 650mg 1-0-1 x 5 days"]])
    subject: str | None = Field(None, examples=["Patient/123"])
    fhir_version: Version = "R4"
    engine: EngineName | None = None

    @model_validator(mode="after")
    def one_input(self) -> StructureRequest:
        if (self.text is None) == (self.texts is None):
            raise ValueError(Errors.E040)
        return self

    def all_texts(self) -> list[str]:
        """``[text]``, or ``texts``."""
        return [self.text] if self.text is not None else list(self.texts or ())


class Reference(BaseModel):
    reference: str | None = None


class Parameter(BaseModel):
    model_config = ConfigDict(extra="allow")
    name: str
    valueString: str | None = None
    valueCode: str | None = None
    valueReference: Reference | None = None


class Parameters(BaseModel):
    """A FHIR ``Parameters`` resource (only what the operation reads is typed)."""

    model_config = ConfigDict(extra="allow")
    resourceType: Literal["Parameters"]
    parameter: list[Parameter] = []


View = Callable[[posology.StructureResult], Any]


def _bundle(result: posology.StructureResult) -> dict:
    return result.bundle_dict


class Structurer:
    """The worker's engine, loaded once; one call at a time (the engine is CPU-bound and its
    caches are not meant for threads: a worker process, not a thread, is the unit of scale)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.lock = threading.Lock()

    def load(self) -> None:
        started = time.perf_counter()
        for version in posology.FHIR_VERSIONS:  # loads and warms every part, both FHIR model sets
            posology.structure("Doliprane 1 cp le matin", engine=self.settings.engine, fhir_version=version)
        log.info("engine %r loaded in %.1f s", self.settings.engine, time.perf_counter() - started)

    def bundles(
        self, texts: list[str], subject: str | None, version: str, engine: str | None, view: View = _bundle
    ) -> list:
        """``view`` of each text's result, in order (by default its Bundle)."""
        engine = engine or self.settings.engine
        with self.lock:
            results = posology.structure_many(texts, fhir_version=version, engine=engine, subject=subject)
            return [view(result) for result in results]


def create_app(settings: Settings | None = None) -> FastAPI:
    """The FastAPI application; the engine loads when the server starts (lifespan)."""
    settings = settings or Settings()
    structurer = Structurer(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        structurer.load()
        yield

    app = FastAPI(
        title="posology",
        version=posology.__version__,
        description="Free-text drug prescriptions → HL7 FHIR Bundles of MedicationRequests.",
        lifespan=lifespan,
    )
    app.add_middleware(Guard, paths=STRUCTURE_PATHS, api_key=settings.api_key, max_body_bytes=settings.max_body_bytes)
    _add_error_handlers(app)
    key_doc = [Security(APIKeyHeader(name="X-API-Key", auto_error=False))] if settings.api_key else []
    _add_structure_routes(app, structurer, settings, key_doc)
    _add_fhir_routes(app, settings)
    _add_page_routes(app)
    return app


def app_from_env() -> FastAPI:
    """uvicorn's factory (``posology.service:app_from_env``): settings from the environment."""
    return create_app(Settings.from_env())


def _add_structure_routes(app: FastAPI, structurer: Structurer, settings: Settings, key_doc: list) -> None:
    def run(texts: list[str], subject: str | None, version: str, engine: str | None, view: View = _bundle) -> list:
        if len(texts) > settings.max_batch:
            raise _Refused(413, "too-long", Errors.E045.format(limit=settings.max_batch, count=len(texts)))
        started = time.perf_counter()
        try:
            bundles = structurer.bundles(texts, subject, version, engine, view)
        except InputError as error:
            raise _Refused(400, "invalid", str(error)) from None
        except PosologyError as error:  # a bug of ours; its message may quote the text
            log.error("structuring failed: %s", error if settings.log_texts else type(error).__name__)
            raise _Refused(500, "exception", Errors.E046) from None
        log.info("structured %d text(s), %s, %.1f ms", len(texts), version, 1000 * (time.perf_counter() - started))
        if settings.log_texts:
            log.info("texts: %s", json.dumps(texts, ensure_ascii=False))
        return bundles

    @app.post("/structure", dependencies=key_doc, summary="Structure one text or a list of texts")
    def structure(body: StructureRequest) -> Any:
        """One Bundle for ``text``; a list of Bundles, in order, for ``texts``."""
        bundles = run(body.all_texts(), body.subject, body.fhir_version, body.engine)
        if body.text is not None:
            return JSONResponse(bundles[0], media_type=FHIR_JSON)
        return JSONResponse(bundles)

    @app.post(f"/MedicationRequest/${OPERATION_ID}", dependencies=key_doc, summary="FHIR operation $structure")
    def structure_operation(body: Parameters) -> Any:
        """``Parameters`` (``text``; optional ``subject``, ``fhirVersion``, ``engine``) → a Bundle."""
        text, subject, version, engine = _operation_inputs(body)
        return JSONResponse(run([text], subject, version, engine)[0], media_type=FHIR_JSON)

    @app.post("/review", dependencies=key_doc, summary="Structure and explain, for the review page")
    def review(body: StructureRequest) -> Any:
        """Per text: ``bundle``, ``spans`` (``start``, ``end``, ``field``, ``source``, ``confidence``),
        ``rendering`` (``fr``, ``en``), ``needs_review``, ``confidence`` and ``flags`` (every issue:
        ``severity``, ``code``, ``message``, ``start``, ``end``, ``review``). One object for
        ``text``, a list in order for ``texts``; the limits of ``/structure`` apply."""
        shown = run(body.all_texts(), body.subject, body.fhir_version, body.engine, view=explanation)
        return JSONResponse(shown[0] if body.text is not None else shown)


def _operation_inputs(body: Parameters) -> tuple[str, str | None, str, str | None]:
    values: dict[str, list[str]] = {}
    for parameter in body.parameter:
        reference = parameter.valueReference.reference if parameter.valueReference else None
        value = parameter.valueString or parameter.valueCode or reference
        if value is not None:
            values.setdefault(parameter.name, []).append(value)
    texts = values.get("text", [])
    if len(texts) != 1:
        raise _Refused(400, "required", Errors.E047.format(count=len(texts)))
    version = (values.get("fhirVersion") or ["R4"])[0].upper()
    version = {"4.0.1": "R4", "4.0": "R4", "5.0.0": "R5", "5.0": "R5"}.get(version, version)
    if version not in posology.FHIR_VERSIONS:
        raise _Refused(400, "value", Errors.E004.format(version=version))
    engine = values["engine"][0] if values.get("engine") else None
    if engine is not None and engine not in posology.ENGINES:
        raise _Refused(400, "value", Errors.E005.format(engine=engine))
    subject = values["subject"][0] if values.get("subject") else None
    return texts[0], subject, version, engine


def _add_fhir_routes(app: FastAPI, settings: Settings) -> None:
    @app.get("/health", summary="Liveness: the engine is loaded")
    def health() -> dict:
        return {"status": "ok", "version": posology.__version__, "engine": settings.engine}

    @app.get("/metadata", summary="FHIR CapabilityStatement")
    def metadata(request: Request) -> Any:
        return JSONResponse(capability_statement(_base_url(request)), media_type=FHIR_JSON)

    @app.get(f"/OperationDefinition/MedicationRequest-{OPERATION_ID}", summary="FHIR OperationDefinition")
    def definition(request: Request) -> Any:
        return JSONResponse(operation_definition(_base_url(request)), media_type=FHIR_JSON)


def _add_page_routes(app: FastAPI) -> None:
    """The review page at ``/`` and its files at ``/static/…``, read once (they ship in the
    wheel); open without the API key: the page asks for it and sends it with each request."""
    from importlib.resources import files

    folder = files("posology") / "static"
    contents = {name: (folder / name).read_bytes() for name in STATIC_FILES}

    @app.get("/", summary="The review page (HTML)", response_class=HTMLResponse)
    def page() -> Response:
        return Response(contents["review.html"], media_type="text/html; charset=utf-8", headers=PAGE_HEADERS)

    @app.get("/static/{name}", include_in_schema=False)
    def static(name: str) -> Response:
        if name not in STATIC_FILES or name == "review.html":
            raise _Refused(404, "not-found", Errors.E048.format(name=name))
        media_type = f"{STATIC_FILES[name]}; charset=utf-8"
        return Response(contents[name], media_type=media_type, headers=PAGE_HEADERS)


def _base_url(request: Request) -> str:
    return str(request.base_url).rstrip("/")


class _Refused(Exception):
    """A refusal answered as an OperationOutcome."""

    def __init__(self, status: int, code: str, diagnostics: str) -> None:
        super().__init__(diagnostics)
        self.status, self.code, self.diagnostics = status, code, diagnostics


HTTP_CODES = {400: "invalid", 401: "login", 404: "not-found", 405: "not-supported", 413: "too-long"}


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(_Refused)
    async def refused(request: Request, error: _Refused) -> JSONResponse:
        return outcome_response(error.status, error.code, error.diagnostics)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, error: RequestValidationError) -> JSONResponse:
        problems = error.errors()
        if any(problem.get("type") == "json_invalid" for problem in problems):
            return outcome_response(400, "structure", "The body is not valid JSON.")
        # the location and the message, never the input (it may be a prescription)
        issues = [
            {
                "severity": "error",
                "code": "invalid",
                "diagnostics": problem.get("msg", "invalid"),
                "expression": [".".join(str(part) for part in problem.get("loc", ()))],
            }
            for problem in problems
        ]
        return JSONResponse({"resourceType": "OperationOutcome", "issue": issues}, 422, media_type=FHIR_JSON)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> JSONResponse:
        code = HTTP_CODES.get(error.status_code, "processing")
        return outcome_response(error.status_code, code, str(error.detail), headers=error.headers)


def serve(args) -> int:
    """Run uvicorn with the parsed ``posology serve`` options; options reach the workers through
    the environment (each worker process builds its app with :func:`app_from_env`)."""
    import uvicorn

    if args.api_key:
        os.environ["POSOLOGY_API_KEY"] = args.api_key
    os.environ["POSOLOGY_LOG_TEXTS"] = "1" if args.log_texts else "0"
    os.environ["POSOLOGY_ENGINE"] = args.engine
    uvicorn.run(
        "posology.service:app_from_env",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        log_level=args.log_level,
        log_config=log_config(args.log_level),
        access_log=False,  # one line per request is logged by the app itself, without texts
    )
    return 0


def log_config(level: str = "info") -> dict:
    """uvicorn's logging configuration plus the ``posology`` logger, for every worker."""
    from uvicorn.config import LOGGING_CONFIG

    config = json.loads(json.dumps(LOGGING_CONFIG))
    config["loggers"]["posology"] = {"handlers": ["default"], "level": level.upper(), "propagate": False}
    return config
