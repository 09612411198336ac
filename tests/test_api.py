"""The public API, the CLI and bad input: never a crash, never a dropped record."""

from __future__ import annotations

import json
import runpy
import subprocess
import sys

import pytest

import posology
from posology.cli import main
from posology.errors import InputError


def _requests(result):
    return result.medication_requests


def _outcomes(bundle):
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "OperationOutcome"]


def test_structure_returns_bundle_model_json_and_requests():
    result = posology.structure("Xeplion 50 mg 1 cp le matin")
    assert result.bundle.type == "collection"
    assert json.loads(result.json())["resourceType"] == "Bundle"
    (request,) = _requests(result)
    medication = request["contained"][0]
    assert medication["code"]["text"] == "Xeplion"
    assert request["medicationReference"]["reference"] == "#" + medication["id"]
    dosage = request["dosageInstruction"][0]
    assert dosage["text"] == "1 cp le matin"
    assert dosage["doseAndRate"][0]["doseQuantity"]["code"] == "15054000"


def test_r5_output_uses_r5_shapes():
    result = posology.structure("1 cp si douleur", fhir_version="R5")
    dosage = _requests(result)[0]["dosageInstruction"][0]
    assert dosage["asNeeded"] is True
    assert dosage["asNeededFor"][0]["text"] == "douleur"
    assert type(result.bundle).__module__.startswith("fhir.resources.bundle")


def test_dosage_sources_point_into_the_original_text():
    text = "Doliprane 1000 mg  1 cp\t3x/j"
    result = posology.structure(text)
    source = result.prescription.medications[0].dosages[0].sources
    fields = {s.field: text[s.start : s.end] for s in source}
    assert fields["dose"] == "1 cp"
    assert fields["freq"] == "3x/j"


def test_provenance_extension_is_opt_in():
    plain = posology.structure("1 cp le matin").medication_requests[0]["dosageInstruction"][0]
    assert "extension" not in plain
    rich = posology.structure("1 cp le matin", provenance=True).medication_requests[0]
    sources = rich["dosageInstruction"][0]["extension"][0]["extension"]
    assert {"url": "source", "valueString": "rule:dose.count"} in sources


def test_structure_many_streams_in_order():
    texts = ["1 cp le matin", "", "2 gélules le soir"]
    results = list(posology.structure_many(texts))
    assert [r.text for r in results] == texts
    assert _outcomes(results[1].as_dict())[0]["issue"][0]["severity"] == "error"


@pytest.mark.parametrize(
    "text",
    ["", "   \n\t", "x" * 100_000, "\x00\x01\x02binary\xff", "Doliprane", "12 34 56", "zzz qqq", "½ ½ µ"],
)
def test_bad_input_never_raises_and_says_why(text):
    result = posology.structure(text)
    bundle = result.as_dict()
    assert bundle["resourceType"] == "Bundle"
    if not result.prescription.medications or not any(m.dosages for m in result.prescription.medications):
        assert _outcomes(bundle), "a text with nothing structured carries an OperationOutcome"


def test_only_a_drug_name_keeps_the_drug_and_invents_nothing():
    result = posology.structure("Doliprane")
    (request,) = _requests(result)
    assert request["contained"][0]["code"]["text"] == "Doliprane"
    assert "dosageInstruction" not in request


def test_unknown_options_raise_input_error():
    with pytest.raises(InputError, match="E004"):
        posology.structure("1 cp", fhir_version="R3")
    with pytest.raises(InputError, match="E005"):
        posology.structure("1 cp", engine="magic")


def test_same_input_same_output():
    """The same Bundle, ids aside (every call mints new resource ids: posology.fhir.ids)."""
    from posology.fhir import without_ids

    text = "Kardégic 75 mg 1 sachet le matin et 2 le soir, QSP 3 mois, AR 2 fois"
    first, second = posology.structure(text).as_dict(), posology.structure(text).as_dict()
    assert first["id"] != second["id"]
    assert without_ids(first) == without_ids(second)


def _cli(capsys, *args) -> tuple[int, str, str]:
    """``posology ARGS`` in this process (the engine loads once for the whole suite): (exit, out, err)."""
    capsys.readouterr()  # drop what the test printed before
    code = main([str(arg) for arg in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_structures_one_text(capsys):
    code, out, _ = _cli(capsys, "structure", "1 cp le matin")
    assert code == 0
    bundle = json.loads(out)
    assert bundle["entry"][0]["resource"]["dosageInstruction"][0]["timing"]["repeat"]["when"] == ["MORN"]


def test_cli_file_keeps_every_record_in_order(tmp_path, capsys):
    source = tmp_path / "in.jsonl"
    source.write_text(
        '{"id": "a", "text": "1 cp le matin"}\nnot json\n{"id": "c"}\n{"id": "d", "text": ""}\n'
        '{"id": "e", "text": "2 gélules le soir"}\n',
        encoding="utf-8",
    )
    out = tmp_path / "out.ndjson"
    code, _, err = _cli(capsys, "structure", "--input", source, "--output", out, "--fhir-version", "R5")
    assert code == 0, err
    bundles = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [b["id"] for b in bundles] == ["a", "2", "3", "d", "e"]
    assert _outcomes(bundles[1]) and _outcomes(bundles[2]) and _outcomes(bundles[3])
    assert bundles[4]["entry"][0]["resource"]["dosageInstruction"][0]["timing"]["repeat"]["when"] == ["EVE"]


def test_cli_txt_input_with_the_hybrid_engine(tmp_path, capsys):
    source = tmp_path / "in.txt"
    source.write_text("1 cp le matin\n\n1 tab BD x 5 days\n", encoding="utf-8")
    code, out, err = _cli(capsys, "structure", "--input", source, "--engine", "hybrid")
    assert code == 0
    assert len(out.splitlines()) == 3
    # models/ner ships with the package: the hybrid engine runs, never a fallback note (W003)
    assert posology.engine_available("hybrid"), "models/ner is missing: a broken install"
    assert "W003" not in err


def test_import_is_light():
    # a fresh process: this one has long imported spaCy and the FHIR models for the other tests
    code = "import sys, posology; print(any(m.startswith(('spacy', 'fhir', 'pint', 'torch')) for m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "False"


@pytest.mark.parametrize(
    "text,cis",
    [
        ("Doliprane 1000 mg 1 cp 3x/j", "60234100"),
        ("Kardegic 75 mg 1 sachet le midi", "64755969"),
        ("LEVOTHYROX 75 µg 1 cp le matin", "62080626"),
    ],
)
def test_drug_names_get_a_cis_coding(text, cis):
    medication = posology.structure(text).medication_requests[0]["contained"][0]
    (coding,) = medication["code"]["coding"]
    assert coding["system"] == "https://smt.esante.gouv.fr/terminologie-bdpm"
    assert coding["code"] == cis
    assert medication["code"]["text"] == text.split()[0]


def test_a_form_that_contradicts_the_product_leaves_the_name_uncoded():
    result = posology.structure("Xeplion 50 mg 1 cp le matin")  # Xeplion is an injectable
    medication = result.medication_requests[0]["contained"][0]
    assert "coding" not in medication["code"] and medication["code"]["text"] == "Xeplion"
    assert any("W005" in issue.message for issue in result.warnings)


def test_ner_and_hybrid_engines_run_with_the_shipped_model():
    assert posology.engine_available("hybrid"), "models/ner ships with the package"
    text = "Doliprane 1000 mg 1 cp 3x/j pendant 5 jours"
    for engine in ("ner", "hybrid"):
        result = posology.structure(text, engine=engine)
        assert not result.notes
        request = result.medication_requests[0]
        assert request["contained"][0]["code"]["text"] == "Doliprane"
        repeat = request["dosageInstruction"][0]["timing"]["repeat"]
        assert repeat["frequency"] == 3 and repeat["boundsDuration"]["value"] == 5


def test_linked_words_are_reported_for_review_with_their_score():
    result = posology.structure("2 gélulees matin et soir", provenance=True)
    dosage = result.medication_requests[0]["dosageInstruction"][0]
    assert dosage["doseAndRate"][0]["doseQuantity"]["code"] == "15012000"
    sources = dosage["extension"][0]["extension"]
    assert {"url": "source", "valueString": "rule:dose.count+linker"} in sources
    (note,) = [i for i in result.warnings if "W007" in i.message]
    assert result.text[note.start : note.end] == "gélulees"


def test_cli_build_index_rebuilds_the_shipped_index_byte_for_byte(tmp_path, capsys):
    code, _, err = _cli(capsys, "build-index", "--out", tmp_path)
    assert code == 0, err
    from posology.resources import terminologies_dir

    shipped = terminologies_dir() / "linking"
    for name in ("ngram.faiss", "rows.csv", "MANIFEST.json"):
        assert (tmp_path / name).read_bytes() == (shipped / name).read_bytes(), name


def test_python_dash_m_posology_is_the_cli(capsys, monkeypatch):
    # runpy runs posology/__main__.py as ``python -m posology`` does, in this process
    monkeypatch.setattr(sys, "argv", ["posology", "structure", "1 cp le soir"])
    capsys.readouterr()
    with pytest.raises(SystemExit) as done:
        runpy.run_module("posology", run_name="__main__", alter_sys=True)
    assert done.value.code == 0
    dosage = json.loads(capsys.readouterr().out)["entry"][0]["resource"]["dosageInstruction"][0]
    assert dosage["timing"]["repeat"]["when"] == ["EVE"]
