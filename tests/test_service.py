"""The HTTP service, tested over real HTTP on loopback.

One ``posology serve`` subprocess (the real command, with an API key) serves most tests; one
in-process uvicorn thread, built with small limits and ``log_texts``, checks the options
that need another configuration.
"""

from __future__ import annotations

import json
import logging
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from fhir.resources.bundle import Bundle as BundleR5
from fhir.resources.R4B.bundle import Bundle as BundleR4
from fhir.resources.R4B.capabilitystatement import CapabilityStatement
from fhir.resources.R4B.operationdefinition import OperationDefinition

ROOT = Path(__file__).resolve().parent.parent
KEY = "test-key-7f3a"
SECRET_TEXT = "Zyprexa 10 mg 1 cp au coucher pendant 12 jours"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def call(
    base: str,
    method: str,
    path: str,
    body=None,
    *,
    key: str | None = KEY,
    content_type: str = "application/json",
    raw: bytes | None = None,
    chunked: bool = False,
):
    """``(status, content type, parsed JSON body)`` of one HTTP request."""
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    headers = {"Content-Type": content_type} if data is not None else {}
    if key is not None:
        headers["X-API-Key"] = key
    if chunked and data is not None:
        data = iter([data[i : i + 65536] for i in range(0, len(data), 65536)])
    request = urllib.request.Request(base + path, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.headers.get("content-type"), json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("content-type"), json.loads(error.read())


def wait_healthy(base: str, process: subprocess.Popen | None = None, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode}")
        try:
            with urllib.request.urlopen(base + "/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("the server did not answer /health")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """``posology serve --api-key …`` in a subprocess; yields ``(base URL, log file)``."""
    port = free_port()
    log_path = tmp_path_factory.mktemp("service") / "server.log"
    with log_path.open("w") as log_file:
        process = subprocess.Popen(
            [sys.executable, "-m", "posology", "serve", "--host", "127.0.0.1", "--port", str(port), "--api-key", KEY],
            cwd=ROOT,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(base, process)
        yield base, log_path
    finally:
        process.terminate()
        process.wait(timeout=30)


def resources(bundle: dict, kind: str) -> list[dict]:
    return [e["resource"] for e in bundle.get("entry", []) if e["resource"]["resourceType"] == kind]


def repeat(request: dict) -> dict:
    return request["dosageInstruction"][0]["timing"]["repeat"]


def test_health_needs_no_key(server):
    base, _ = server
    assert call(base, "GET", "/health", key=None)[:2] == (200, "application/json")
    assert call(base, "GET", "/health", key=None)[2]["status"] == "ok"


def test_one_text_gives_its_bundle(server):
    base, _ = server
    body = {"text": "Doliprane 1000 mg 1 cp 3x/j si douleur", "subject": "Patient/123"}
    status, content_type, bundle = call(base, "POST", "/structure", body)
    assert (status, content_type) == (200, "application/fhir+json")
    BundleR4.model_validate(bundle)
    (request,) = resources(bundle, "MedicationRequest")
    assert request["subject"] == {"reference": "Patient/123"}
    medication = request["contained"][0]
    assert medication["code"]["text"] == "Doliprane"
    assert repeat(request) == {"frequency": 3, "period": 1, "periodUnit": "d"}
    dosage = request["dosageInstruction"][0]
    assert dosage["asNeededCodeableConcept"] == {"text": "douleur"}
    assert dosage["doseAndRate"][0]["doseQuantity"]["value"] == 1


def test_r5_bundle(server):
    base, _ = server
    status, _, bundle = call(base, "POST", "/structure", {"text": "1 cp le matin", "fhir_version": "R5"})
    assert status == 200
    BundleR5.model_validate(bundle)
    (request,) = resources(bundle, "MedicationRequest")
    assert "medication" in request and "medicationCodeableConcept" not in request  # R5's CodeableReference
    assert repeat(request) == {"when": ["MORN"]}
    status, _, r4 = call(base, "POST", "/structure", {"text": "1 cp le matin"})
    assert "medication" not in resources(r4, "MedicationRequest")[0]


def test_list_input_gives_bundles_in_order(server):
    base, _ = server
    texts = ["1 cp le matin", "Tab. Dolo 650mg 1-0-1 x 5 days", ""]
    status, content_type, bundles = call(base, "POST", "/structure", {"texts": texts, "subject": "Patient/7"})
    assert (status, content_type) == (200, "application/json")
    assert isinstance(bundles, list) and len(bundles) == 3
    assert repeat(resources(bundles[0], "MedicationRequest")[0]) == {"when": ["MORN"]}
    (dolo,) = resources(bundles[1], "MedicationRequest")
    assert repeat(dolo)["when"] == ["MORN", "EVE"] and repeat(dolo)["boundsDuration"]["value"] == 5
    assert dolo["subject"] == {"reference": "Patient/7"}
    assert resources(bundles[2], "MedicationRequest") == []
    assert resources(bundles[2], "OperationOutcome")[0]["issue"][0]["severity"] == "error"  # empty text


def test_fhir_operation_takes_parameters(server):
    base, _ = server
    parameters = {
        "resourceType": "Parameters",
        "parameter": [
            {"name": "text", "valueString": "Kardégic 75 mg 1 sachet le matin"},
            {"name": "subject", "valueReference": {"reference": "Patient/42"}},
        ],
    }
    status, content_type, bundle = call(
        base, "POST", "/MedicationRequest/$structure", parameters, content_type="application/fhir+json"
    )
    assert (status, content_type) == (200, "application/fhir+json")
    (request,) = resources(bundle, "MedicationRequest")
    assert request["subject"] == {"reference": "Patient/42"}
    assert request["contained"][0]["code"]["text"] == "Kardégic"
    assert repeat(request) == {"when": ["MORN"]}
    r5 = {
        "resourceType": "Parameters",
        "parameter": [{"name": "text", "valueString": "1 cp le soir"}, {"name": "fhirVersion", "valueCode": "R5"}],
    }
    status, _, bundle = call(base, "POST", "/MedicationRequest/$structure", r5)
    assert status == 200
    BundleR5.model_validate(bundle)


@pytest.mark.parametrize(
    "body, status, code",
    [
        ({"resourceType": "Parameters", "parameter": []}, 400, "required"),
        (
            {
                "resourceType": "Parameters",
                "parameter": [{"name": "text", "valueString": "1 cp"}, {"name": "fhirVersion", "valueCode": "R3"}],
            },
            400,
            "value",
        ),
        ({"resourceType": "Patient"}, 422, "invalid"),
    ],
)
def test_fhir_operation_refusals(server, body, status, code):
    base, _ = server
    answer = call(base, "POST", "/MedicationRequest/$structure", body)
    assert answer[0] == status
    assert answer[2]["resourceType"] == "OperationOutcome" and answer[2]["issue"][0]["code"] == code


@pytest.mark.parametrize("key", [None, "wrong-key"])
def test_key_required(server, key):
    base, _ = server
    for path, body in [("/structure", {"text": "1 cp"}), ("/MedicationRequest/$structure", {})]:
        status, content_type, answer = call(base, "POST", path, body, key=key)
        assert (status, content_type) == (401, "application/fhir+json")
        assert answer["resourceType"] == "OperationOutcome" and answer["issue"][0]["code"] == "login"


@pytest.mark.parametrize("chunked", [False, True])
def test_body_over_one_megabyte_is_413(server, chunked):
    base, _ = server
    raw = json.dumps({"text": "1 cp le matin " * 80_000}).encode()
    assert len(raw) > 1_048_576
    status, _, answer = call(base, "POST", "/structure", raw=raw, chunked=chunked)
    assert status == 413
    assert answer["resourceType"] == "OperationOutcome" and answer["issue"][0]["code"] == "too-long"


def test_huge_declared_body_is_refused_unread(server):
    """A Content-Length far over the limit is answered 413 before any byte of body is sent."""
    base, _ = server
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=30) as sock:
        sock.sendall(
            f"POST /structure HTTP/1.1\r\nHost: {host}\r\nX-API-Key: {KEY}\r\n"
            "Content-Type: application/json\r\nContent-Length: 100000000\r\n\r\n".encode()
        )
        answer = b""
        while b"}]}" not in answer and (chunk := sock.recv(65536)):
            answer += chunk
    assert answer.startswith(b"HTTP/1.1 413") and b'"too-long"' in answer


def test_batch_over_the_limit_is_413(server):
    base, _ = server
    status, _, answer = call(base, "POST", "/structure", {"texts": ["1 cp"] * 1001})
    assert status == 413 and "1000" in answer["issue"][0]["diagnostics"]


@pytest.mark.parametrize(
    "kwargs, status, code",
    [
        ({"raw": b'{"text": "1 cp"}', "content_type": "text/plain"}, 415, "not-supported"),
        ({"raw": b'{"text": "1 cp"'}, 400, "structure"),
        ({"body": {"text": "1 cp", "texts": ["2 cp"]}}, 422, "invalid"),
        ({"body": {"text": "1 cp", "fhir_version": "R3"}}, 422, "invalid"),
        ({"body": {"texts": [1]}}, 422, "invalid"),
    ],
)
def test_bad_requests_get_an_operation_outcome(server, kwargs, status, code):
    base, _ = server
    answer = call(base, "POST", "/structure", **kwargs)
    assert answer[:2] == (status, "application/fhir+json")
    assert answer[2]["resourceType"] == "OperationOutcome" and answer[2]["issue"][0]["code"] == code


def test_unknown_route_is_an_operation_outcome(server):
    base, _ = server
    status, _, answer = call(base, "GET", "/Patient/1")
    assert status == 404 and answer["issue"][0]["code"] == "not-found"


def test_metadata_names_the_operation(server):
    base, _ = server
    status, content_type, statement = call(base, "GET", "/metadata", key=None)
    assert (status, content_type) == (200, "application/fhir+json")
    CapabilityStatement.model_validate(statement)
    (operation,) = statement["rest"][0]["resource"][0]["operation"]
    assert operation["name"] == "structure"
    assert operation["definition"] == base + "/OperationDefinition/MedicationRequest-structure"
    status, _, definition = call(base, "GET", operation["definition"][len(base) :], key=None)
    assert status == 200
    OperationDefinition.model_validate(definition)
    assert definition["code"] == "structure" and definition["resource"] == ["MedicationRequest"]
    assert {p["name"] for p in definition["parameter"] if p["use"] == "in"} >= {"text", "subject"}


def test_openapi_lists_the_routes(server):
    base, _ = server
    status, _, spec = call(base, "GET", "/openapi.json", key=None)
    assert status == 200
    assert {"/structure", "/MedicationRequest/$structure", "/health", "/metadata"} <= set(spec["paths"])
    assert "X-API-Key" in json.dumps(spec["components"]["securitySchemes"])


def test_texts_stay_out_of_the_log(server):
    base, log_path = server
    assert call(base, "POST", "/structure", {"text": SECRET_TEXT})[0] == 200
    time.sleep(0.3)
    log = log_path.read_text()
    assert "structured 1 text(s)" in log and "engine 'hybrid' loaded" in log
    assert "Zyprexa" not in log


@pytest.fixture(scope="module")
def small_server():
    """An in-process uvicorn thread: batch limit 2, body limit 4 kB, texts logged."""
    import uvicorn

    from posology.service import Settings, create_app

    app = create_app(Settings(log_texts=True, max_batch=2, max_body_bytes=4000))
    server = uvicorn.Server(uvicorn.Config(app, log_config=None, access_log=False))
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{sock.getsockname()[1]}"
    try:
        wait_healthy(base)
        yield base
    finally:
        server.should_exit = True
        thread.join(timeout=30)
        sock.close()


def test_configured_limits_and_no_key(small_server):
    assert call(small_server, "POST", "/structure", {"texts": ["1 cp", "2 cp"]}, key=None)[0] == 200
    assert call(small_server, "POST", "/structure", {"texts": ["1 cp"] * 3}, key=None)[0] == 413
    assert call(small_server, "POST", "/structure", {"text": "1 cp " * 1000}, key=None)[0] == 413


def test_log_texts_logs_them(small_server, caplog):
    with caplog.at_level(logging.INFO, logger="posology.service"):
        assert call(small_server, "POST", "/structure", {"text": SECRET_TEXT}, key=None)[0] == 200
    assert any("Zyprexa" in record.getMessage() for record in caplog.records)
