"""The review page (``GET /``) and its API (``POST /review``), over real HTTP on loopback, the
page driven in a real browser: Debian's chromium, headless, through playwright (never
``playwright install``: the system browser is used; ``.ci/run`` installs it when missing).

Regenerate the README's screenshot: ``python3 -m tests.test_review_page docs/review-page.png``.
"""

from __future__ import annotations

import json
import re
import socket
import sys
import threading
import tomllib
from fnmatch import fnmatch
from pathlib import Path
from urllib.parse import urlparse

import pytest
from fhir.resources.R4B.bundle import Bundle as BundleR4
from playwright.sync_api import sync_playwright

from posology.service import STATIC_FILES
from tests import test_service

KEY, call, wait_healthy = test_service.KEY, test_service.call, test_service.wait_healthy
server = test_service.server  # `posology serve --api-key KEY` in a subprocess (this module's own)

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PLAIN = "Doliprane 1000 mg 1 cp 3 fois par jour"
FLAGGED = "arrêter le Tahor"
SCREENSHOT_LINES = [
    PLAIN,
    FLAGGED,
    "Amoxicilline 1 g 1 sachet matin et soir pendant 7 jours",
    "Levemir 12 UI le soir puis augmenter de 1 UI tous les 2 jours",
    "Tab. Dolo 650mg 1-0-1 x 5 days",
]


# ---- the API -------------------------------------------------------------------------------


def test_review_gives_the_bundle_and_what_the_page_shows(server):
    base, _ = server
    status, content_type, shown = call(base, "POST", "/review", {"texts": [PLAIN, FLAGGED]})
    assert (status, content_type) == (200, "application/json")
    plain, flagged = shown
    BundleR4.model_validate(plain["bundle"])
    assert plain["needs_review"] is False and plain["confidence"] == 1.0 and plain["flags"] == []
    assert plain["rendering"] == {
        "fr": "Doliprane 1000 mg : 1 comprimé 3 fois par jour",
        "en": "Doliprane 1000 mg: 1 tablet 3 times a day",
    }
    spans = {(s["field"], PLAIN[s["start"] : s["end"]]): s["source"] for s in plain["spans"]}
    assert spans[("drug", "Doliprane")].startswith("drug name")
    assert spans[("dose", "1 cp")] == "rule:dose.count"
    assert spans[("freq", "3 fois par jour")].startswith("rule:freq.")
    assert flagged["needs_review"] is True and flagged["confidence"] < 0.5
    (stop,) = [f for f in flagged["flags"] if f["code"] == "W020"]
    assert stop["review"] is True and stop["severity"] == "warning"
    assert FLAGGED[stop["start"] : stop["end"]] == "arrêter" and "[W020]" not in stop["message"]
    (uncoded,) = [f for f in flagged["flags"] if f["code"] == "W005"]
    assert uncoded["review"] is False  # the drug not being coded is reported, no review flag
    assert flagged["rendering"] == {"fr": "ARRÊT : Tahor", "en": "STOP: Tahor"}


def test_review_of_one_text_is_one_object_in_the_asked_fhir_version(server):
    base, _ = server
    status, _, shown = call(base, "POST", "/review", {"text": "1 cp le matin", "fhir_version": "R5"})
    assert status == 200 and shown["text"] == "1 cp le matin"
    entries = shown["bundle"]["entry"]
    (request,) = [e["resource"] for e in entries if e["resource"]["resourceType"] == "MedicationRequest"]
    assert "medication" in request  # R5's CodeableReference
    assert [(s["field"], s["start"], s["end"]) for s in shown["spans"]] == [("dose", 0, 4), ("when", 5, 13)]


@pytest.mark.parametrize(
    "kwargs, status, code",
    [
        ({"body": {"texts": ["1 cp"]}, "key": None}, 401, "login"),
        ({"body": {"texts": ["1 cp"]}, "key": "wrong"}, 401, "login"),
        ({"raw": b'{"text": "1 cp"}', "content_type": "text/plain"}, 415, "not-supported"),
        ({"body": {"texts": ["1 cp"] * 1001}}, 413, "too-long"),
        ({"body": {"text": "1 cp", "texts": ["2 cp"]}}, 422, "invalid"),
    ],
)
def test_review_keeps_the_service_limits(server, kwargs, status, code):
    base, _ = server
    answer = call(base, "POST", "/review", **kwargs)
    assert answer[:2] == (status, "application/fhir+json")
    assert answer[2]["resourceType"] == "OperationOutcome" and answer[2]["issue"][0]["code"] == code


def test_the_page_is_open_and_self_contained(server):
    """No key needed for the page itself; it loads nothing but its own files (CSP says so too)."""
    base, _ = server
    with test_service.urllib.request.urlopen(base + "/", timeout=30) as response:
        html = response.read().decode()
        assert response.headers["content-type"].startswith("text/html")
        policy = response.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "connect-src 'self'" in policy
    assert sorted(re.findall(r'(?:src|href)="([^"]+)"', html)) == ["data:,", "static/review.css", "static/review.js"]
    for name, kind in [("review.js", "text/javascript"), ("review.css", "text/css")]:
        with test_service.urllib.request.urlopen(f"{base}/static/{name}", timeout=30) as response:
            assert response.headers["content-type"].startswith(kind)
            assert "://" not in response.read().decode()  # no URL of any other host
    status, _, outcome = call(base, "GET", "/static/secrets.txt", key=None)
    assert status == 404 and outcome["issue"][0]["code"] == "not-found"


def test_the_page_ships_in_the_wheel():
    """Every file the service serves is package data of ``posology`` (read from the install)."""
    config = tomllib.loads((test_service.ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["posology"]
    for name in STATIC_FILES:
        assert (test_service.ROOT / "posology" / "static" / name).is_file()
        assert any(fnmatch(f"static/{name}", pattern) for pattern in patterns), name


# ---- the page, in chromium -------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    """A fresh chromium profile; every request the page makes is recorded."""
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")),
            executable_path=CHROMIUM,
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 1180, "height": 900},
            accept_downloads=True,
        )
        requests: list[str] = []
        context.on("request", lambda request: requests.append(request.url))
        try:
            yield context, requests
        finally:
            context.close()


def review_lines(page, lines: list[str], key: str | None) -> None:
    page.fill("#lines", "\n".join(lines))
    page.fill("#api-key", key or "")
    page.click("#review")


def test_page_reviews_pasted_lines(server, browser, tmp_path):
    base, _ = server
    context, requests = browser
    page = context.new_page()
    page.goto(base + "/")

    review_lines(page, [PLAIN, FLAGGED], key=None)  # the server has a key: its refusal is shown
    status = page.locator("#status.error")
    status.wait_for()
    assert "401" in status.inner_text() and "X-API-Key" in status.inner_text()

    review_lines(page, [PLAIN, FLAGGED], key=KEY)
    page.wait_for_selector("#results .card")
    cards = page.locator("#results .card")
    assert cards.count() == 2
    flagged, plain = cards.nth(0), cards.nth(1)
    assert flagged.get_attribute("data-line") == "2" and flagged.get_attribute("data-needs-review") == "true"
    assert plain.get_attribute("data-line") == "1" and plain.get_attribute("data-needs-review") == "false"
    assert flagged.locator(".verdict").inner_text() == "Needs review"
    flag_texts = flagged.locator(".flag").all_inner_texts()
    assert any("W020" in text and "the order is stopped" in text for text in flag_texts)
    assert flagged.locator(".unread").inner_text() == "arrêter"  # the flagged word, underlined
    assert "0.36" in flagged.locator(".confidence-value").inner_text()

    marks = plain.locator("mark.span")
    labelled = {
        (marks.nth(i).locator(".span-text").inner_text(), marks.nth(i).get_attribute("data-field"))
        for i in range(marks.count())
    }
    assert {("Doliprane", "drug"), ("1 cp", "dose"), ("3 fois par jour", "freq+period")} <= labelled
    assert plain.locator("mark.span .span-label").all_inner_texts()[:2] == ["drug", "dose"]
    colours = {marks.nth(i).evaluate("m => getComputedStyle(m).backgroundColor") for i in range(marks.count())}
    assert len(colours) == marks.count()  # one colour per field
    legend = page.locator("#legend").inner_text()
    assert "dose" in legend and "frequency" in legend

    sentence = plain.locator(".sentence")
    assert sentence.inner_text() == "Doliprane 1000 mg : 1 comprimé 3 fois par jour"
    plain.locator("[data-lang=en]").click()
    assert sentence.inner_text() == "Doliprane 1000 mg: 1 tablet 3 times a day"
    page.locator("[data-all-lang=fr]").click()
    assert sentence.inner_text() == "Doliprane 1000 mg : 1 comprimé 3 fois par jour"

    json_panel = plain.locator("pre.json")
    assert not json_panel.is_visible()  # collapsed until asked for
    plain.locator("details.fhir summary").click()
    assert json_panel.is_visible()
    bundle = json.loads(json_panel.inner_text())
    assert bundle["resourceType"] == "Bundle"
    BundleR4.model_validate(bundle)
    with page.expect_download() as download:
        plain.locator("button.download").click()
    assert download.value.suggested_filename == "posology-line-1.json"
    assert json.loads(Path(download.value.path()).read_text())["id"] == bundle["id"]

    page.screenshot(path=tmp_path / "review.png", full_page=True)
    assert (tmp_path / "review.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    page.close()
    assert any(url == base + "/review" for url in requests)
    outside = [
        url
        for url in requests
        if urlparse(url).scheme not in ("data", "blob") and urlparse(url).hostname != "127.0.0.1"
    ]
    assert outside == []


def test_page_reviews_an_uploaded_file(server, browser):
    """A .txt in Windows-1252 (a pharmacy export) is read, put in the textarea and reviewed."""
    base, _ = server
    context, requests = browser
    page = context.new_page()
    page.goto(base + "/")
    page.fill("#api-key", KEY)
    lines = ["Kardégic 75 mg 1 sachet le midi", "", "arrêter le Tahor", "1 cp le soir"]
    page.set_input_files(
        "#file", files=[{"name": "lines.txt", "mimeType": "text/plain", "buffer": "\r\n".join(lines).encode("cp1252")}]
    )
    page.wait_for_selector("#results .card")
    cards = page.locator("#results .card")
    assert [cards.nth(i).get_attribute("data-line") for i in range(cards.count())] == ["3", "1", "4"]
    assert page.locator("#lines").input_value().splitlines()[0] == "Kardégic 75 mg 1 sachet le midi"
    assert cards.nth(1).locator("mark.span .span-text").first.inner_text() == "Kardégic"
    assert page.locator("#counts .count").all_inner_texts() == ["3 lines", "1 needs review", "2 without flag"]
    page.close()
    assert all(urlparse(url).hostname == "127.0.0.1" for url in requests if url.startswith("http"))


# ---- the README's screenshot -------------------------------------------------------------------


def take_screenshot(base: str, path: Path, key: str | None = None) -> None:
    """The page with a few lines reviewed, one Bundle open, saved as a PNG."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1100, "height": 900}, device_scale_factor=1)
        page.goto(base + "/")
        review_lines(page, SCREENSHOT_LINES, key)
        page.wait_for_selector("#results .card")
        page.locator("#results .card details.fhir").first.evaluate("details => details.open = true")
        page.screenshot(path=path, full_page=True)
        browser.close()


def main(path: str) -> None:
    import uvicorn

    from posology.service import create_app

    app_server = uvicorn.Server(uvicorn.Config(create_app(), log_config=None, access_log=False))
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    thread = threading.Thread(target=app_server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{sock.getsockname()[1]}"
    try:
        wait_healthy(base)
        take_screenshot(base, Path(path))
    finally:
        app_server.should_exit = True
        thread.join(timeout=30)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "docs/review-page.png")
