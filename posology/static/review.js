// The review page: sends the lines to POST review (same origin, nothing else is reached) and
// shows, per line, the understood spans, the rendering, the flags, the confidence and the FHIR.
// Offsets from the server count code points (Python), so the text is cut with Array.from.
"use strict";

const FIELDS = {
  drug: "drug name", strength: "strength", dose: "dose", slot: "dose per slot (1-0-1)", form: "dose form",
  freq: "frequency", period: "period", split: "daily split", when: "meal / moment", offset: "offset",
  tod: "clock time", dow: "day of week", bounds: "duration", count: "number of doses",
  as_needed: "as needed", max: "max per period", maxadm: "max per dose", route: "route",
  instruction: "instruction", supply: "supply", refills: "refills",
};
const CHUNK = 100;  // lines per request: a long file goes in several requests, each under the limits
const KEY_STORE = "posology.apiKey";

const $ = (selector, root = document) => root.querySelector(selector);
let records = [];

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = text;
  return node;
}

function fieldClass(field) {
  return Object.hasOwn(FIELDS, field) ? `f-${field}` : "f-other";
}

function setStatus(message, kind = "") {
  const status = $("#status");
  status.textContent = message;
  status.className = `status ${kind}`;
}

// ---- the request -------------------------------------------------------------------------

function outcomeText(body, status) {
  if (body && body.resourceType === "OperationOutcome" && Array.isArray(body.issue)) {
    const issues = body.issue.map((issue) => [issue.expression && issue.expression.join(", "), issue.diagnostics]
      .filter(Boolean).join(": "));
    return `The server refused the request (${status}): ${issues.join("; ")}`;
  }
  return `The server answered ${status}.`;
}

async function postReview(texts) {
  const headers = { "Content-Type": "application/json" };
  const key = $("#api-key").value.trim();
  if (key) headers["X-API-Key"] = key;
  const response = await fetch("review", {
    method: "POST", headers, body: JSON.stringify({ texts, fhir_version: $("#fhir-version").value }),
  });
  let body = null;
  try { body = await response.json(); } catch { body = null; }
  if (!response.ok) {
    const error = new Error(outcomeText(body, response.status));
    error.status = response.status;
    throw error;
  }
  return body;
}

async function review() {
  const lines = $("#lines").value.split(/\r?\n/)
    .map((text, index) => ({ text, line: index + 1 }))
    .filter((item) => item.text.trim() !== "");
  if (!lines.length) {
    setStatus("Paste prescription lines, or open a .txt file.", "error");
    return;
  }
  const button = $("#review");
  button.disabled = true;
  const found = [];
  try {
    for (let at = 0; at < lines.length; at += CHUNK) {
      setStatus(`Structuring… ${at}/${lines.length}`);
      const chunk = lines.slice(at, at + CHUNK);
      const shown = await postReview(chunk.map((item) => item.text));
      shown.forEach((record, index) => found.push({ ...record, line: chunk[index].line }));
    }
  } catch (error) {
    setStatus(error.message || String(error), "error");
    if (error.status === 401) $("#api-key").focus();
    button.disabled = false;
    return;
  }
  button.disabled = false;
  // Lines that need review first, the lowest confidence first; otherwise in input order.
  records = found.sort((a, b) => (b.needs_review - a.needs_review)
    || (a.needs_review ? a.confidence - b.confidence : 0) || (a.line - b.line));
  show();
  const flagged = records.filter((record) => record.needs_review).length;
  setStatus(`${records.length} line${records.length > 1 ? "s" : ""} structured, ${flagged} to review.`, "ok");
}

// ---- one line ----------------------------------------------------------------------------

function mergedSpans(spans) {
  // Overlapping spans become one mark carrying every field (as `posology explain` writes them).
  const merged = [];
  for (const span of [...spans].sort((a, b) => a.start - b.start || a.end - b.end)) {
    const last = merged[merged.length - 1];
    if (last && span.start < last.end) {
      last.end = Math.max(last.end, span.end);
      if (!last.fields.includes(span.field)) last.fields.push(span.field);
      last.sources.push(span);
    } else {
      merged.push({ start: span.start, end: span.end, fields: [span.field], sources: [span] });
    }
  }
  return merged;
}

function flaggedChars(record, length) {
  // Characters a review flag points at (a flag over the whole line says nothing about a word).
  const flagged = new Array(length).fill(null);
  for (const flag of record.flags) {
    if (!flag.review || flag.start === null || flag.end === null) continue;
    if (flag.start === 0 && flag.end >= length) continue;
    for (let i = flag.start; i < Math.min(flag.end, length); i++) flagged[i] = flagged[i] || flag;
  }
  return flagged;
}

function appendPlain(parent, chars, start, end, flagged) {
  let at = start;
  while (at < end) {
    const flag = flagged[at];
    let stop = at + 1;
    while (stop < end && flagged[stop] === flag) stop++;
    const piece = chars.slice(at, stop).join("");
    if (flag && piece.trim()) {
      const node = element("span", "unread", piece);
      node.title = [flag.code, flag.message].filter(Boolean).join(" ");
      parent.append(node);
    } else {
      parent.append(document.createTextNode(piece));
    }
    at = stop;
  }
}

function markedText(record) {
  const container = element("p", "text marked");
  const chars = Array.from(record.text);
  const flagged = flaggedChars(record, chars.length);
  let at = 0;
  for (const span of mergedSpans(record.spans)) {
    appendPlain(container, chars, at, span.start, flagged);
    const label = span.fields.join("+");
    const mark = element("mark", `span ${fieldClass(span.fields[0])}`);
    mark.dataset.field = label;
    mark.title = span.sources.map((s) => `${s.field}: ${s.source} (${Number(s.confidence).toFixed(2)})`).join("\n");
    mark.append(element("span", "span-text", chars.slice(span.start, span.end).join("")));
    mark.append(element("span", "span-label", label));
    container.append(mark);
    at = Math.max(at, span.end);
  }
  appendPlain(container, chars, at, chars.length, flagged);
  if (!chars.length) container.append(element("span", "muted", "(empty line)"));
  return container;
}

function flagItem(record, flag) {
  const item = element("li", `flag sev-${flag.severity}${flag.review ? "" : " note"}`);
  item.append(element("span", "severity", flag.severity));
  if (flag.code) item.append(element("code", "code", flag.code));
  item.append(element("span", "message", flag.message));
  if (!flag.review) item.append(element("span", "not-review", "not a review flag"));
  if (flag.start !== null && flag.end !== null) {
    const quoted = Array.from(record.text).slice(flag.start, flag.end).join("");
    const where = element("span", "where");
    where.append(element("q", null, quoted), document.createTextNode(` ${flag.start}–${flag.end}`));
    item.append(where);
  }
  return item;
}

function flagList(record, list) {
  const flags = [...record.flags].sort((a, b) => b.review - a.review);
  for (const flag of flags) list.append(flagItem(record, flag));
  if (!flags.length) list.append(element("li", "flag none", "No flag: every field is claimed right."));
}

function bundleSummary(bundle) {
  const kinds = {};
  for (const entry of bundle.entry || []) {
    const kind = entry.resource && entry.resource.resourceType;
    if (kind) kinds[kind] = (kinds[kind] || 0) + 1;
  }
  return Object.entries(kinds).map(([kind, n]) => (n > 1 ? `${n} × ${kind}` : kind)).join(" · ") || "no entry";
}

async function copyText(text, button) {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // Plain http on another host is no secure context: fall back to a hidden selection.
    const area = element("textarea");
    area.value = text;
    document.body.append(area);
    area.select();
    document.execCommand("copy");
    area.remove();
  }
  button.textContent = "Copied";
  setTimeout(() => { button.textContent = "Copy"; }, 1500);
}

function download(name, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = element("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function setLang(card, record, lang) {
  card.dataset.lang = lang;
  $(".sentence", card).textContent = record.rendering[lang] || "(nothing to render)";
  for (const button of card.querySelectorAll("[data-lang]")) {
    button.classList.toggle("active", button.dataset.lang === lang);
    button.setAttribute("aria-pressed", String(button.dataset.lang === lang));
  }
}

function card(record) {
  const node = $("#card").content.firstElementChild.cloneNode(true);
  node.dataset.line = record.line;
  node.dataset.needsReview = String(record.needs_review);
  node.classList.add(record.needs_review ? "needs-review" : "clear");
  $(".line-number", node).textContent = `line ${record.line}`;
  $(".verdict", node).textContent = record.needs_review ? "Needs review" : "No review needed";
  const confidence = Number(record.confidence);
  $(".meter-fill", node).style.width = `${Math.round(confidence * 100)}%`;
  $(".meter", node).classList.add(confidence >= 0.5 ? "high" : confidence > 0 ? "low" : "zero");
  $(".confidence-value", node).textContent = `confidence ${confidence.toFixed(2)}`;
  $(".text", node).replaceWith(markedText(record));
  flagList(record, $(".flags", node));
  const json = JSON.stringify(record.bundle, null, 2);
  $(".json", node).textContent = json;
  $(".fhir-summary", node).textContent = bundleSummary(record.bundle);
  $(".copy", node).addEventListener("click", (event) => copyText(json, event.currentTarget));
  $(".download", node).addEventListener("click",
    () => download(`posology-line-${record.line}.json`, json, "application/fhir+json"));
  for (const button of node.querySelectorAll("[data-lang]")) {
    button.addEventListener("click", () => setLang(node, record, button.dataset.lang));
  }
  setLang(node, record, record.lang === "en" ? "en" : "fr");
  return node;
}

// ---- the whole page ------------------------------------------------------------------------

function legend() {
  const box = $("#legend");
  box.replaceChildren();
  const seen = new Set(records.flatMap((record) => record.spans.map((span) => span.field)));
  const fields = Object.keys(FIELDS).filter((field) => seen.has(field))
    .concat([...seen].filter((field) => !Object.hasOwn(FIELDS, field)));
  for (const field of fields) {
    const entry = element("span", "legend-entry");
    entry.append(element("mark", `chip ${fieldClass(field)}`, field), element("span", null, FIELDS[field] || field));
    box.append(entry);
  }
  const unread = element("span", "legend-entry");
  unread.append(element("span", "unread", "word"), element("span", null, "flagged, not understood"));
  box.append(unread);
}

function show() {
  const list = $("#results");
  list.replaceChildren(...records.map(card));
  const flagged = records.filter((record) => record.needs_review).length;
  const counts = $("#counts");
  counts.replaceChildren(
    element("span", "count", `${records.length} line${records.length > 1 ? "s" : ""}`),
    element("span", "count review", `${flagged} need${flagged === 1 ? "s" : ""} review`),
    element("span", "count clear", `${records.length - flagged} without flag`),
  );
  legend();
  $("#summary").hidden = false;
}

async function readFile(file) {
  // UTF-8 when it decodes, else Windows-1252 (pharmacy exports), as `posology structure` reads .txt.
  const bytes = await file.arrayBuffer();
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("windows-1252").decode(bytes);
  }
}

function start() {
  const key = $("#api-key");
  key.value = sessionStorage.getItem(KEY_STORE) || "";
  key.addEventListener("input", () => sessionStorage.setItem(KEY_STORE, key.value));
  $("#input").addEventListener("submit", (event) => {
    event.preventDefault();  // never a navigation: the page stays, the answer is drawn in it
    review();
  });
  $("#lines").addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) $("#input").requestSubmit();
  });
  $("#file").addEventListener("change", async (event) => {
    const file = event.target.files[0];
    if (!file) return;
    $("#lines").value = (await readFile(file)).replace(/^\uFEFF/, "");
    event.target.value = "";
    review();
  });
  for (const button of document.querySelectorAll("[data-all-lang]")) {
    button.addEventListener("click", () => {
      for (const node of document.querySelectorAll("#results .card")) {
        const record = records.find((r) => String(r.line) === node.dataset.line);
        if (record) setLang(node, record, button.dataset.allLang);
      }
    });
  }
  $("#download-all").addEventListener("click", () => {
    const ordered = [...records].sort((a, b) => a.line - b.line);
    download("posology-bundles.ndjson", ordered.map((r) => JSON.stringify(r.bundle)).join("\n") + "\n",
      "application/x-ndjson");
  });
}

document.addEventListener("DOMContentLoaded", start);
