"""``posology explain``, in-process: the marked spans and their labels, the rendering, each
field's source, the review flags; plain text when piped, ANSI colour on request."""

from __future__ import annotations

import json

import posology
from posology.cli import main
from posology.explain import explain

DOLIPRANE = "Doliprane 1000 mg 1 cp 3x/j si douleur pendant 5 jours"


def test_explain_marks_labels_renders_and_sources(capsys):
    assert main(["explain", DOLIPRANE]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0] == (
        "Text           [Doliprane](drug) 1000 mg [1 cp](dose) [3x/j](freq+period) "
        "[si douleur](as_needed) [pendant 5 jours](bounds)"
    )
    assert lines[1] == "Rendering (fr) Doliprane 1000 mg : 1 comprimé 3 fois par jour pendant 5 jours, si douleur"
    rows = [line for line in lines if line.startswith("    ") and not line.strip().startswith("dosage")]
    fields = {line.split()[0]: line for line in rows}
    assert '"1 cp"' in fields["dose"] and "18-22" in fields["dose"] and "rule:dose.count 1.00" in fields["dose"]
    assert "3 fois par jour" in fields["freq"] and '"3x/j"' in fields["freq"]
    assert "si douleur" in fields["as_needed"] and "rule:as_needed" in fields["as_needed"]
    assert "1000 mg" in fields["strength"]
    assert "    dosage 1 (sequence 1): 1 comprimé 3 fois par jour pendant 5 jours, si douleur" in lines
    assert "\x1b[" not in out  # captured, not a terminal: plain text


def test_explain_in_english_with_the_review_flags(capsys):
    text = "Zorblax 10 mg 1 cp le matin"
    assert main(["explain", text, "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "Rendering (en) Zorblax 10 mg: 1 tablet in the morning" in out
    issues = posology.structure(text).warnings
    assert issues, "an uncoded drug name is reported"
    flags = out.split("Review flags\n")[1].splitlines()
    for issue in issues:
        assert any(line.split()[0] == issue.severity and issue.message in line for line in flags), issue


def test_explain_input_file(tmp_path, capsys):
    lines = tmp_path / "lines.txt"
    lines.write_text("1 cp le matin\n\nTab Dolo 650 1-0-1 x 5 days\n", encoding="utf-8")
    records = tmp_path / "records.jsonl"
    records.write_text(json.dumps({"id": "a", "text": "2 gélules le soir"}) + "\n", encoding="utf-8")
    assert main(["explain", "--input", str(lines)]) == 0
    out = capsys.readouterr().out
    assert out.count("Text           ") == 2
    assert "Text           [1 cp](dose) [le matin](when)" in out
    assert "Rendering (en) Dolo 650: 1 tablet in the morning and in the evening for 5 days" in out
    assert main(["explain", "-i", str(records)]) == 0
    assert "[2 gélules](dose) [le soir](when)" in capsys.readouterr().out


def test_explain_needs_a_text(capsys):
    assert main(["explain"]) == 2
    assert "give a TEXT" in capsys.readouterr().err


def test_colour_on_a_terminal():
    coloured = explain("1 cp le matin", colour=True)
    assert "\x1b[1;36m1 cp\x1b[0m" in coloured  # the dose span, in the dose colour
    assert "\x1b[2m(dose)\x1b[0m" in coloured  # its label, dimmed
    plain = explain("1 cp le matin")
    assert "\x1b" not in plain and plain.startswith("Text           [1 cp](dose) [le matin](when)")
