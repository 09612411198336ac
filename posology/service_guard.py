"""The service's gate: API key, content type and body size, checked before any body is parsed.

A pure ASGI middleware (not a FastAPI dependency) so that an unauthenticated or oversized
request is refused before its body is read into memory, whatever the route does. Every
refusal is a FHIR ``OperationOutcome``.

>>> outcome("too-long", "The body is over 10 bytes.")["issue"][0]["code"]
'too-long'
"""

from __future__ import annotations

import hmac
import logging
from collections.abc import Mapping
from typing import Any

from starlette.datastructures import Headers
from starlette.responses import JSONResponse

FHIR_JSON = "application/fhir+json"
JSON_TYPES = ("application/json", FHIR_JSON)
DRAIN_FACTOR = 8  # an oversized body up to 8x the limit is read (and dropped) before the 413
log = logging.getLogger("posology.service")


def outcome(code: str, diagnostics: str, severity: str = "error") -> dict[str, Any]:
    """A one-issue OperationOutcome (``code`` is a FHIR issue type: invalid, too-long, login …)."""
    issue = {"severity": severity, "code": code, "diagnostics": diagnostics}
    return {"resourceType": "OperationOutcome", "issue": [issue]}


def outcome_response(
    status: int, code: str, diagnostics: str, headers: Mapping[str, str] | None = None
) -> JSONResponse:
    return JSONResponse(outcome(code, diagnostics), status_code=status, media_type=FHIR_JSON, headers=headers)


class _TooLarge(Exception):
    pass


class Guard:
    """Checks the requests to ``paths``: ``X-API-Key`` (when a key is set), a JSON content type
    and at most ``max_body_bytes`` of body (by Content-Length, and by counting when chunked)."""

    def __init__(self, app, paths: tuple[str, ...], api_key: str | None, max_body_bytes: int) -> None:
        self.app, self.paths, self.api_key, self.max_body_bytes = app, paths, api_key, max_body_bytes
        self.drain_bytes = DRAIN_FACTOR * max_body_bytes

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or scope["path"] not in self.paths:
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        refusal = self.refusal(scope["method"], headers)
        if refusal is None and scope["method"] == "POST":
            try:
                body = await self.read_body(receive)
            except _TooLarge:
                refusal = 413, "too-long", f"The body is over the limit of {self.max_body_bytes} bytes."
            else:
                receive = _replay(body, receive)
        if refusal is not None:
            log.info("%s %s refused: %d", scope["method"], scope["path"], refusal[0])
            await outcome_response(*refusal)(scope, receive, send)
            return
        await self.app(scope, receive, send)

    def refusal(self, method: str, headers: Headers) -> tuple[int, str, str] | None:
        if self.api_key is not None:
            given = headers.get("x-api-key", "")
            if not hmac.compare_digest(given.encode(), self.api_key.encode()):
                return 401, "login", "A valid API key is required in the X-API-Key header."
        if method != "POST":
            return None
        media_type = headers.get("content-type", "").split(";")[0].strip().lower()
        if media_type not in JSON_TYPES:
            given = media_type or "no content type"
            return 415, "not-supported", f"The body must be JSON ({' or '.join(JSON_TYPES)}), not {given}."
        length = headers.get("content-length", "")
        if length.isdigit() and int(length) > self.drain_bytes:  # not worth reading: refuse at once
            return 413, "too-long", f"The body is over the limit of {self.max_body_bytes} bytes."
        return None

    async def read_body(self, receive) -> bytes:
        """The body, at most ``max_body_bytes`` kept; an oversized one is read on (and dropped)
        up to ``drain_bytes`` so that a client still sending gets its 413, not a broken pipe."""
        chunks, size, more = [], 0, True
        while more and size <= self.drain_bytes:
            message = await receive()
            if message["type"] == "http.disconnect":
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            if size <= self.max_body_bytes:
                chunks.append(chunk)
            more = message.get("more_body", False)
        if size > self.max_body_bytes:
            raise _TooLarge
        return b"".join(chunks)


def _replay(body: bytes, receive):
    """A ``receive`` that hands the already-read body to the app, then the server's own."""
    sent = False

    async def replay():
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay
