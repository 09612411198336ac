"""``posology explain``: what the engine understood in a line, and why.

Four parts: the text with each understood span marked and labelled with its field
(``[1 cp](dose)``, from ``Dosage.sources`` and the drug name's offsets), the rendering
(:mod:`posology.rendering`), each field with its value, its span and its source (rule id,
``ner``, ``+linker`` and the confidence), and the review flags (the issues, with severity).
Plain text; with ``colour=True`` the spans, labels and severities are ANSI-coloured (the CLI
turns colour on when stdout is a terminal). :func:`explanation` gives the same as JSON-ready
data (the service's ``POST /review``, which the review page shows).

>>> print(explain("1 cp le matin", lang="en"))
Text           [1 cp](dose) [le matin](when)
Rendering (en) 1 tablet in the morning
Fields
  medication 1
    dose  1 tablet        "1 cp"      0-4   rule:dose.count 1.00
    when  in the morning  "le matin"  5-13  rule:when.event 1.00
    dosage 1 (sequence 1): 1 tablet in the morning
Review flags
  none: every field is claimed right
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from posology.dosage import Dosage, FieldSource, Issue, Medication, Prescription

__all__ = ["FieldSpan", "command", "explain", "explain_result", "explanation", "field_spans", "flag"]

_RESET = "\x1b[0m"
_DIM = "\x1b[2m"
_BOLD = "\x1b[1m"
# One colour per field family, so that the same field reads the same everywhere.
_COLOURS = {
    "drug": "\x1b[1;35m", "strength": "\x1b[35m", "dose": "\x1b[1;36m", "slot": "\x1b[1;36m",
    "form": "\x1b[36m", "freq": "\x1b[1;32m", "period": "\x1b[1;32m", "split": "\x1b[32m",
    "when": "\x1b[1;33m", "offset": "\x1b[33m", "tod": "\x1b[33m", "dow": "\x1b[33m",
    "bounds": "\x1b[1;34m", "count": "\x1b[34m", "as_needed": "\x1b[1;31m", "max": "\x1b[31m",
    "maxadm": "\x1b[31m", "route": "\x1b[1;37m",
}  # fmt: skip
_SEVERITY_COLOURS = {"fatal": "\x1b[1;31m", "error": "\x1b[1;31m", "warning": "\x1b[1;33m", "information": _DIM}


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    labels: tuple[str, ...]


@dataclass(frozen=True)
class FieldSpan:
    """One field read in the text: its offsets, its field, what read it (``rule:<id>``, ``ner``,
    ``+linker``, or the drug name and its coding) and the confidence."""

    start: int
    end: int
    field: str
    source: str
    confidence: float = 1.0
    medication: int = 0


class _Paint:
    """ANSI colour, or nothing."""

    def __init__(self, colour: bool):
        self.colour = colour

    def __call__(self, text: str, code: str) -> str:
        return f"{code}{text}{_RESET}" if self.colour and code else text

    def field(self, text: str, label: str) -> str:
        return self(text, _COLOURS.get(label.split("+")[0], _BOLD))


def _drug_source(medication: Medication) -> str:
    codes = ", ".join(c.code for c in medication.codings)
    return f"drug name, coded {codes}" if codes else "drug name, not coded"


def field_spans(prescription: Prescription) -> list[FieldSpan]:
    """Every field read in the text, in text order: each medication's drug name, then its
    Dosages' sources (once each: the Dosages of a medication share them).

    >>> import posology
    >>> [(s.field, s.start, s.end, s.source) for s in field_spans(posology.structure("1 cp le matin").prescription)]
    [('dose', 0, 4, 'rule:dose.count'), ('when', 5, 13, 'rule:when.event')]
    """
    spans: list[FieldSpan] = []
    for index, medication in enumerate(prescription.medications):
        if medication.name_start is not None and medication.name_end is not None:
            spans.append(
                FieldSpan(
                    medication.name_start, medication.name_end, "drug", _drug_source(medication), medication=index
                )
            )
        seen: set[FieldSource] = set()
        for dosage in medication.dosages:
            for source in dosage.sources:
                if source not in seen:
                    seen.add(source)
                    spans.append(
                        FieldSpan(source.start, source.end, source.field, source.source, source.confidence, index)
                    )
    return sorted(spans, key=lambda span: (span.start, span.end))  # stable: same-span fields keep their order


def _spans(prescription: Prescription) -> list[_Span]:
    """Understood spans, overlapping ones merged, each with its field labels in text order."""
    found: dict[tuple[int, int], list[str]] = {}
    for span in field_spans(prescription):
        labels = found.setdefault((span.start, span.end), [])
        if span.field not in labels:
            labels.append(span.field)
    merged: list[_Span] = []
    for (start, end), labels in sorted(found.items()):
        if merged and start < merged[-1].end:
            last = merged.pop()
            labels = list(last.labels) + [label for label in labels if label not in last.labels]
            start, end = last.start, max(last.end, end)
        merged.append(_Span(start, end, tuple(labels)))
    return merged


def marked_text(text: str, spans: list[_Span], paint: _Paint) -> str:
    """``text`` with each span written ``[span](label+label)``."""
    out, at = [], 0
    for span in spans:
        label = "+".join(span.labels)
        out += [text[at : span.start], "[", paint.field(text[span.start : span.end], label), "]"]
        out.append(paint(f"({label})", _DIM))
        at = span.end
    out.append(text[at:])
    return "".join(out)


def _value(field: str, dosage: Dosage, medication: Medication, words) -> str:
    """The rendered value of one field of a Dosage (the phrase the rendering uses for it)."""
    timing = dosage.timing
    values = {
        "dose": lambda: words.dose(dosage.dose) if dosage.dose else "",
        "slot": lambda: " ".join(p for p in (words.dose(dosage.dose) if dosage.dose else "",
                                             words.when(timing.when, None) or "") if p),
        "freq": lambda: words.frequency(timing) or "",
        "period": lambda: words.frequency(timing) or "",
        "split": lambda: words.frequency(timing) or "",
        "when": lambda: words.when(timing.when, timing.offset) or "",
        "offset": lambda: words.when(timing.when, timing.offset) or "",
        "tod": lambda: words.times_of_day(timing.time_of_day) or "",
        "dow": lambda: words.days_of_week(timing.day_of_week) or "",
        "bounds": lambda: words.bounds(timing.bounds) if timing.bounds else "",
        "count": lambda: words.count(timing.count) if timing.count else "",
        "as_needed": lambda: words.as_needed(dosage.as_needed_reason),
        "max": lambda: words.max_per_period(dosage.max_per_period) if dosage.max_per_period else "",
        "maxadm": lambda: words.max_per_administration(dosage.max_per_administration)
        if dosage.max_per_administration else "",
        "route": lambda: _route(dosage, words),
        "instruction": lambda: ", ".join(words.instruction(t) for t in dosage.additional_instructions),
        "supply": lambda: words.supply(medication.supply) if medication.supply else "",
        "refills": lambda: words.refills(medication.refills) if medication.refills is not None else "",
        "form": lambda: medication.form.display or medication.form.code if medication.form else "",
    }  # fmt: skip
    return values.get(field, lambda: "")() or "-"


def _route(dosage: Dosage, words) -> str:
    from posology.rendering.keys import route_key

    route = dosage.route
    return words.route_words(route_key(route), route.display, route.code) if route else ""


def _source_rows(text: str, medication: Medication, words) -> list[tuple[str, ...]]:
    """One row per field source of the medication (its Dosages share them): the value when
    every Dosage the source fed has the same one, else ``see dosages``."""
    rows, seen = [], set()
    for dosage in medication.dosages:
        for source in dosage.sources:
            key = (source.field, source.start, source.end)
            if key in seen:
                continue
            seen.add(key)
            fed = [d for d in medication.dosages if source in d.sources]
            values = {_value(source.field, d, medication, words) for d in fed}
            rows.append(_row(text, source, values.pop() if len(values) == 1 else "see dosages"))
    return rows


def _row(text: str, source: FieldSource, value: str) -> tuple[str, ...]:
    return (
        source.field,
        value,
        f'"{text[source.start : source.end]}"',
        f"{source.start}-{source.end}",
        f"{source.source} {source.confidence:.2f}",
    )


def _table(rows: list[tuple[str, ...]], indent: str, paint: _Paint) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))] if rows else []
    return [
        indent
        + "  ".join(
            [paint.field(row[0].ljust(widths[0]), row[0])]
            + [cell.ljust(w) for cell, w in zip(row[1:], widths[1:], strict=True)]
        ).rstrip()
        for row in rows
    ]


def _head_rows(text: str, medication: Medication, words) -> list[tuple[str, ...]]:
    """The drug (with its offsets and coding), the strengths and the order's status."""
    rows: list[tuple[str, ...]] = []
    if medication.name:
        known = medication.name_start is not None and medication.name_end is not None
        rows.append(
            (
                "drug",
                medication.name,
                f'"{text[medication.name_start : medication.name_end]}"' if known else "-",
                f"{medication.name_start}-{medication.name_end}" if known else "-",
                _drug_source(medication),
            )
        )
    for strength in medication.strengths:
        value = words.quantity(strength) if strength.unit else words.number(strength.value)
        rows.append(("strength", value, "-", "-", "strength after the name"))
    if medication.status != "active" or medication.do_not_perform or medication.priority:
        flags = [medication.status] + ["do-not-perform"] * medication.do_not_perform
        rows.append(("order", " ".join(flags + [medication.priority or ""]).strip(), "-", "-", "order words"))
    return rows


def _medication_lines(text: str, index: int, medication: Medication, words, paint) -> list[str]:
    from posology.rendering.sentence import dosage_sentence

    lines = [f"  medication {index + 1}" + (f": {medication.name}" if medication.name else "")]
    lines += _table(_head_rows(text, medication, words) + _source_rows(text, medication, words), "    ", paint)
    stat = medication.priority == "stat"
    for number, dosage in enumerate(medication.dosages, start=1):
        sentence = dosage_sentence(dosage, words, stat and number == 1)
        lines.append(f"    dosage {number} (sequence {dosage.sequence}): {sentence}")
    return lines


def _issue_line(text: str, issue: Issue, paint: _Paint) -> str:
    where = ""
    if issue.start is not None and issue.end is not None:
        where = f'  at {issue.start}-{issue.end} "{text[issue.start : issue.end]}"'
    return f"  {paint(issue.severity.ljust(11), _SEVERITY_COLOURS.get(issue.severity, ''))} {issue.message}{where}"


def explain_result(result, lang: str | None = None, colour: bool = False) -> str:
    """The explanation of a :class:`~posology.StructureResult` (see :func:`explain`)."""
    from posology.rendering import detect_lang, language_of, render

    paint = _Paint(colour)
    prescription: Prescription = result.prescription
    text = prescription.text
    lang = lang or detect_lang(text)
    words = language_of(lang)
    rendering = render(prescription, lang).split("\n")
    lines = [paint("Text".ljust(15), _BOLD) + marked_text(text, _spans(prescription), paint)]
    lines.append(paint(f"Rendering ({words.code})", _BOLD) + " " + rendering[0])
    lines += [" " * 15 + line for line in rendering[1:]]
    lines.append(paint("Fields", _BOLD))
    medications = prescription.medications
    for index, medication in enumerate(medications):
        lines += _medication_lines(text, index, medication, words, paint)
    if not medications:
        lines.append("  none")
    lines.append(paint("Review flags", _BOLD))
    review = [i for i in prescription.issues if i.severity != "information"]
    lines += [_issue_line(text, issue, paint) for issue in prescription.issues]
    if not review:
        lines.append(
            "  none: every field is claimed right"
            if not prescription.issues
            else "  no warning: only information (noise that changes nothing)"
        )
    return "\n".join(lines)


def flag(issue: Issue) -> dict[str, Any]:
    """One issue as JSON-ready data: its severity, its code (``W020``), its message without the
    code, its offsets and whether it is a review flag (:func:`posology.review.is_review_flag`).

    >>> flag(Issue("warning", "business-rule", "[W020] 'arrêter': stopped.", 0, 7))["code"]
    'W020'
    """
    from posology.review import is_review_flag, issue_code

    code = issue_code(issue.message)
    message = issue.message[len(code) + 2 :].lstrip() if code else issue.message
    return {
        "severity": issue.severity, "code": code, "message": message, "start": issue.start, "end": issue.end,
        "review": is_review_flag(issue.severity, issue.message), "medication": issue.medication,
    }  # fmt: skip


def explanation(result) -> dict[str, Any]:
    """What :func:`explain_result` shows, as JSON-ready data: the text, its language, the field
    spans (:func:`field_spans`), the rendering in French and in English, the review verdict and
    confidence (:mod:`posology.review`), every issue (:func:`flag`) and the Bundle.

    >>> import posology
    >>> shown = explanation(posology.structure("arrêter le Tahor"))
    >>> shown["needs_review"], shown["rendering"], [f["code"] for f in shown["flags"] if f["review"]]
    (True, {'fr': 'ARRÊT : Tahor', 'en': 'STOP: Tahor'}, ['W001', 'W020'])
    """
    from posology.rendering import LANGUAGES, detect_lang, render

    prescription: Prescription = result.prescription
    return {
        "text": prescription.text,
        "lang": detect_lang(prescription.text),
        "spans": [asdict(span) for span in field_spans(prescription)],
        "rendering": {lang: render(prescription, lang) for lang in LANGUAGES},
        "needs_review": result.needs_review,
        "confidence": result.confidence,
        "flags": [flag(issue) for issue in prescription.issues],
        "bundle": result.bundle_dict,
    }


def explain(text: str, lang: str | None = None, colour: bool = False, engine: str | None = None) -> str:
    """Structure ``text`` and explain it; ``lang`` is the rendering's language (default: the
    line's, :func:`posology.rendering.detect_lang`)."""
    import posology

    result = posology.structure(text, engine=engine or posology.DEFAULT_ENGINE)
    return explain_result(result, lang, colour)


def _texts(args) -> list[str]:
    """The text argument, or every non-empty line of ``--input`` (``.jsonl``: each ``text``)."""
    if not args.input:
        return [args.text] if args.text is not None else []
    path = Path(args.input)
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    if path.suffix.lower() == ".jsonl":
        return [str(json.loads(line).get("text", "")) for line in lines]
    return lines


def command(args) -> int:
    """``posology explain TEXT`` / ``--input FILE``: one explanation per text, a blank line
    between them; ANSI colour when stdout is a terminal (and ``NO_COLOR`` is not set)."""
    texts = _texts(args)
    if not texts:
        print("posology explain: give a TEXT or --input FILE", file=sys.stderr)
        return 2
    colour = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    print("\n\n".join(explain(text, args.lang, colour, args.engine) for text in texts))
    return 0
