"""``posology structure --input``: encodings, file safety, streaming, workers, resume (#12, #15).

In-process (``posology.cli.main``) except the broken pipe, which needs a real pipe.
"""

from __future__ import annotations

import codecs
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from posology import batch
from posology.cli import main
from posology.fhir import to_model
from posology.inputs import SNIFF_BYTES, InputFile

GELULES = "15012000"  # EDQM gélule
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _run(*args) -> int:
    return main(["structure", *map(str, args)])


def _bundles(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _requests(bundle: dict) -> list[dict]:
    return [e["resource"] for e in bundle.get("entry", []) if e["resource"]["resourceType"] == "MedicationRequest"]


def _issues(bundle: dict) -> list[str]:
    return [
        issue["diagnostics"]
        for e in bundle.get("entry", [])
        if e["resource"]["resourceType"] == "OperationOutcome"
        for issue in e["resource"]["issue"]
    ]


def _dose_code(bundle: dict) -> str:
    return _requests(bundle)[0]["dosageInstruction"][0]["doseAndRate"][0]["doseQuantity"]["code"]


def _ids_aside(path: Path) -> list[str]:
    """The NDJSON lines with each resource UUID renamed by order of appearance in its line: the
    FHIR layer may give resources random ids, which two runs can never share."""
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        seen: dict[str, str] = {}
        lines.append(_UUID.sub(lambda m, seen=seen: seen.setdefault(m.group(), f"uuid-{len(seen)}"), line))
    return lines


def _dosage_text(bundle: dict) -> str:
    return _requests(bundle)[0]["dosageInstruction"][0]["text"]


# -- encodings ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "encoding,note",
    [
        ("utf-8", None),
        ("utf-8-sig", "UTF-8 with a BOM"),
        ("cp1252", "cp1252"),
        ("latin-1", "cp1252"),
        ("utf-16", "UTF-16"),
    ],
)
def test_the_encoding_is_detected_and_said(tmp_path, capsys, encoding, note):
    source = tmp_path / "in.txt"
    source.write_bytes("2 gélules le soir\n1 cp le matin\n".encode(encoding))
    out = tmp_path / "out.ndjson"
    assert _run("--input", source, "--output", out) == 0
    first, second = _bundles(out)
    assert _dosage_text(first) == "2 gélules le soir" and _dose_code(first) == GELULES
    assert not _issues(first) or not any("W013" in m for m in _issues(first))
    assert _dosage_text(second) == "1 cp le matin"
    stderr = capsys.readouterr().err
    if note is None:
        assert "W015" not in stderr
    else:
        assert f"[W015] {source} is not plain UTF-8: read as {note}." in stderr


def test_cp1252_punctuation_is_read_as_cp1252_not_latin1(tmp_path):
    source = tmp_path / "in.txt"
    source.write_bytes("1 cp le matin – si douleur’\n".encode("cp1252"))
    out = tmp_path / "out.ndjson"
    assert _run("--input", source, "--output", out) == 0
    (bundle,) = _bundles(out)
    assert "–" in json.dumps(bundle, ensure_ascii=False) and "\x96" not in json.dumps(bundle, ensure_ascii=False)


def test_encoding_option_overrides_detection(tmp_path, capsys):
    source = tmp_path / "in.txt"
    source.write_bytes("2 gélules le soir\n".encode())  # UTF-8, read as latin-1 because we say so
    out = tmp_path / "out.ndjson"
    assert _run("--input", source, "--output", out, "--encoding", "latin-1") == 0
    (bundle,) = _bundles(out)
    assert _dosage_text(bundle) == "2 gÃ©lules le soir"
    assert "W015" not in capsys.readouterr().err
    assert _run("--input", source, "--output", out, "--encoding", "klingon") == 1
    assert "[E019] Unknown encoding 'klingon'." in capsys.readouterr().err


def test_a_binary_file_is_refused_and_nothing_is_written(tmp_path, capsys):
    source = tmp_path / "in.txt"
    source.write_bytes(b"1 cp le matin\n\x00\x01\x02\x89PNG")
    out = tmp_path / "out.ndjson"
    assert _run("--input", source, "--output", out) == 1
    assert capsys.readouterr().err.strip() == (
        f"posology: [E013] {source} is not a text file (NUL bytes in its first 64 KiB); "
        "give --encoding if it is UTF-16."
    )
    assert not out.exists() and not Path(f"{out}.partial").exists()


def test_bad_bytes_after_the_sniffed_prefix_are_read_in_their_record_and_flagged(tmp_path):
    source = tmp_path / "in.txt"
    filler = b"1 cp le matin\n" * (SNIFF_BYTES // 14 + 10)  # UTF-8 decided on the prefix
    source.write_bytes(filler + "2 gélules le soir\n".encode("cp1252") + b"1 cp le soir\n")
    out = tmp_path / "out.ndjson"
    assert _run("--input", source, "--output", out) == 0
    bundles = _bundles(out)
    assert len(bundles) == SNIFF_BYTES // 14 + 12
    late = bundles[-2]
    assert _dosage_text(late) == "2 gélules le soir" and _dose_code(late) == GELULES
    expected = "[W013] 1 byte(s) of this record are not valid UTF-8: read as cp1252, please check."
    assert expected in _issues(late)
    assert not any("W013" in m for m in _issues(bundles[-1]))
    to_model(late, "R4")  # the added issue keeps the Bundle valid FHIR


def test_lone_surrogates_never_raise_and_are_flagged(tmp_path, capsys):
    source = tmp_path / "in.jsonl"
    source.write_text(
        '{"id": "s", "text": "2 g\\udce9lules le soir \\ud800", "subject": "Patient/\\udfff"}\n'
        '{"id": "t", "text": "1 cp le matin"}\n',
        encoding="utf-8",
    )
    out = tmp_path / "out.ndjson"
    assert _run("--input", source, "--output", out) == 0
    raw = out.read_bytes().decode("utf-8")  # strict: nothing unencodable was written
    first, second = (json.loads(line) for line in raw.splitlines())
    assert _dosage_text(first).startswith("2 g\ufffdlules")
    assert _requests(first)[0]["subject"] == {"reference": "Patient/\ufffd"}
    flags = [m for m in _issues(first) if "W014" in m]
    assert flags[0].startswith("[W014] 2 character(s)") and flags[1].startswith("[W014] 1 character(s)")
    assert not any("W014" in m for m in _issues(second))
    # a command-line word that is not UTF-8 arrives as escaped bytes: read as cp1252, flagged
    assert _run("2 g\udce9lules le soir") == 0
    bundle = json.loads(capsys.readouterr().out)
    assert _dose_code(bundle) == GELULES and any("W013" in m for m in _issues(bundle))


def test_a_lone_carriage_return_is_not_a_line_break(tmp_path):
    source = tmp_path / "in.txt"
    source.write_bytes(b"1 cp le\rmatin\r\n2 g\xc3\xa9lules\n")
    out = tmp_path / "out.ndjson"
    assert _run("--input", source, "--output", out) == 0
    first, second = _bundles(out)
    assert [b["id"] for b in (first, second)] == ["1", "2"]
    dosage = _requests(first)[0]["dosageInstruction"][0]
    assert dosage["text"] == "1 cp le\rmatin" and dosage["timing"]["repeat"]["when"] == ["MORN"]
    assert _dosage_text(second) == "2 gélules"


# -- file safety ----------------------------------------------------------------------------


def test_output_equal_to_input_is_refused_before_writing(tmp_path, capsys):
    source = tmp_path / "in.txt"
    source.write_text("1 cp le matin\n", encoding="utf-8")
    (tmp_path / "link.txt").symlink_to(source)
    (tmp_path / "hard.txt").hardlink_to(source)
    for output in (source, tmp_path / "sub" / ".." / "in.txt", tmp_path / "link.txt", tmp_path / "hard.txt"):
        assert _run("--input", source, "--output", output) == 1
        assert "[E014]" in capsys.readouterr().err
        assert source.read_text(encoding="utf-8") == "1 cp le matin\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hard.txt", "in.txt", "link.txt"]


def test_a_missing_input_leaves_the_output_alone(tmp_path, capsys):
    out = tmp_path / "out.ndjson"
    out.write_text("precious\n", encoding="utf-8")
    assert _run("--input", tmp_path / "nope.txt", "--output", out) == 1
    expected = f"posology: [E015] Cannot read {tmp_path / 'nope.txt'}: No such file or directory.\n"
    assert capsys.readouterr().err == expected
    assert out.read_text(encoding="utf-8") == "precious\n"
    assert not Path(f"{out}.partial").exists()


def test_output_is_written_as_partial_then_moved(tmp_path, monkeypatch):
    source = tmp_path / "in.txt"
    source.write_text("1 cp le matin\n1 cp le soir\n", encoding="utf-8")
    out = tmp_path / "out.ndjson"
    seen = []
    real = batch.structure_record

    def spy(record, core, options, *ahead):
        seen.append((out.exists(), Path(f"{out}.partial").exists()))
        return real(record, core, options, *ahead)

    monkeypatch.setattr(batch, "structure_record", spy)
    assert _run("--input", source, "--output", out) == 0
    assert seen == [(False, True), (False, True)]
    assert len(_bundles(out)) == 2 and not Path(f"{out}.partial").exists()


# -- interruption and resume ----------------------------------------------------------------


def _five_records(tmp_path: Path) -> tuple[Path, Path]:
    source = tmp_path / "in.jsonl"
    texts = ["1 cp le matin", "2 gélules le soir", "1 sachet le midi", "1 cp x3/j", "10 gouttes le soir"]
    source.write_text(
        "".join(json.dumps({"id": f"r{i}", "text": t}) + "\n" for i, t in enumerate(texts)), encoding="utf-8"
    )
    full = tmp_path / "full.ndjson"
    assert _run("--input", source, "--output", full) == 0
    return source, full


def test_resume_keeps_complete_lines_and_drops_a_broken_one(tmp_path, capsys):
    source, full = _five_records(tmp_path)
    lines = full.read_text(encoding="utf-8").splitlines(keepends=True)
    out = tmp_path / "out.ndjson"
    partial = Path(f"{out}.partial")
    partial.write_text(lines[0] + lines[1] + lines[2][: len(lines[2]) // 2], encoding="utf-8")
    capsys.readouterr()
    assert _run("--input", source, "--output", out) == 0
    assert _ids_aside(out) == _ids_aside(full)
    assert not partial.exists()
    assert f"[W016] Resuming {partial}: 2 records already written; its broken last line was dropped." in (
        capsys.readouterr().err
    )


def test_resume_refuses_a_partial_file_of_another_input(tmp_path, capsys):
    source, full = _five_records(tmp_path)
    out = tmp_path / "out.ndjson"
    partial = Path(f"{out}.partial")
    stale = json.dumps({"resourceType": "Bundle", "id": "other"}) + "\n"
    partial.write_text(stale * 2, encoding="utf-8")
    assert _run("--input", source, "--output", out) == 1
    assert "[E018] The partial output" in capsys.readouterr().err
    assert not out.exists() and partial.read_text(encoding="utf-8") == stale * 2
    assert _run("--input", source, "--output", out, "--no-resume") == 0  # start over
    assert _ids_aside(out) == _ids_aside(full)


def test_ctrl_c_exits_130_keeps_the_partial_and_the_rerun_completes_it(tmp_path, capsys, monkeypatch):
    source, full = _five_records(tmp_path)
    out = tmp_path / "out.ndjson"
    real, calls = batch.structure_record, []

    def interrupted_at_the_third(record, core, options, *ahead):
        calls.append(record.id)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real(record, core, options, *ahead)

    monkeypatch.setattr(batch, "structure_record", interrupted_at_the_third)
    capsys.readouterr()
    assert _run("--input", source, "--output", out) == 130
    partial = Path(f"{out}.partial")
    assert capsys.readouterr().err == (
        f"posology: [E021] Interrupted: the records done so far are in {partial}; "
        "run the same command again to resume.\n"
    )
    assert not out.exists() and len(partial.read_text(encoding="utf-8").splitlines()) == 2
    monkeypatch.setattr(batch, "structure_record", real)
    assert _run("--input", source, "--output", out) == 0
    assert _ids_aside(out) == _ids_aside(full) and not partial.exists()


def test_a_failing_record_becomes_a_bundle_and_the_batch_goes_on(tmp_path, monkeypatch):
    import posology

    real = posology._result

    def broken(text, *args, **kwargs):
        if text == "boom":
            raise RuntimeError("engine bug")
        return real(text, *args, **kwargs)

    monkeypatch.setattr(posology, "_result", broken)
    source = tmp_path / "in.txt"
    source.write_text("1 cp le matin\nboom\n1 cp le soir\n", encoding="utf-8")
    out = tmp_path / "out.ndjson"
    assert _run("--input", source, "--output", out) == 0
    first, second, third = _bundles(out)
    expected = "[E020] posology failed on this record (RuntimeError: engine bug): a bug, please report it."
    assert _issues(second) == [expected]
    assert _dosage_text(third) == "1 cp le soir"


# -- formats, subject, workers, streaming ---------------------------------------------------


def test_jsonl_subject_and_id_reach_the_bundle(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text(
        '{"id": "rx-1", "text": "1 cp le matin", "subject": "Patient/42"}\n'
        '{"text": "1 cp le soir"}\n'
        '{"id": "rx-3", "text": "1 cp le midi", "subject": 7}\n',
        encoding="utf-8",
    )
    out = tmp_path / "out.ndjson"
    assert _run("--input", source, "--output", out) == 0
    first, second, third = _bundles(out)
    assert first["id"] == "rx-1" and _requests(first)[0]["subject"] == {"reference": "Patient/42"}
    assert second["id"] == "2" and "reference" not in _requests(second)[0]["subject"]
    assert third["id"] == "3" and "'subject' is a int, not a string" in _issues(third)[0]


def test_csv_with_id_subject_quoted_newlines_and_a_semicolon(tmp_path):
    source = tmp_path / "in.csv"
    source.write_bytes(
        'id;subject;texte\na;Patient/1;"1 cp le matin; puis\n2 le soir"\nb;;2 gélules le soir\n\nd;Patient/4\n'.encode(
            "cp1252"
        )
    )
    out = tmp_path / "out.ndjson"
    assert _run("--input", source, "--output", out, "--text-column", "texte") == 0
    a, b, blank, short = _bundles(out)
    assert a["id"] == "a" and _requests(a)[0]["subject"] == {"reference": "Patient/1"}
    assert _requests(a)[0]["dosageInstruction"][0]["text"].startswith("1 cp le matin")
    assert b["id"] == "b" and _dose_code(b) == GELULES and "reference" not in _requests(b)[0]["subject"]
    assert blank["id"] == "3" and any("E002" in m for m in _issues(blank))
    assert short["id"] == "4" and any("no value in the 'texte' column" in m for m in _issues(short))


def test_csv_without_the_text_column_is_refused_before_writing(tmp_path, capsys):
    source = tmp_path / "in.csv"
    source.write_text("id,prescription\n1,1 cp le matin\n", encoding="utf-8")
    out = tmp_path / "out.ndjson"
    assert _run("--input", source, "--output", out) == 1
    assert capsys.readouterr().err == (
        f"posology: [E016] {source} has no 'text' column (columns: 'id', 'prescription'); name it with --text-column.\n"
    )
    assert not out.exists() and not Path(f"{out}.partial").exists()


def test_parquet_records_with_subject(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    source = tmp_path / "in.parquet"
    table = pa.table(
        {
            "id": [10, 11, 12],
            "text": ["1 cp le matin", None, "2 gélules le soir"],
            "subject": ["Patient/1", None, "Patient/3"],
        }
    )
    pq.write_table(table, source, row_group_size=2)
    out = tmp_path / "out.ndjson"
    assert _run("--input", source, "--output", out) == 0
    first, second, third = _bundles(out)
    assert [b["id"] for b in (first, second, third)] == ["10", "2", "12"]  # unreadable: its number
    assert _requests(first)[0]["subject"] == {"reference": "Patient/1"}
    assert any("E008" in m for m in _issues(second))
    assert _dose_code(third) == GELULES and _requests(third)[0]["subject"] == {"reference": "Patient/3"}


def test_parquet_without_pyarrow_says_what_to_install(tmp_path, capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)  # import fails as if not installed
    source = tmp_path / "in.parquet"
    source.write_bytes(b"PAR1")
    assert _run("--input", source) == 1
    assert "pip install 'posology[spark]' (or pip install pyarrow)" in capsys.readouterr().err


def test_two_workers_give_the_same_bytes_as_one(tmp_path):
    from benchmarks.speed import make_texts

    source = tmp_path / "in.txt"
    source.write_text("\n".join(make_texts(300)) + "\n\n", encoding="utf-8")  # the last one empty
    lines = source.read_text(encoding="utf-8").count("\n")
    one, two = tmp_path / "one.ndjson", tmp_path / "two.ndjson"
    assert _run("--input", source, "--output", one) == 0
    assert _run("--input", source, "--output", two, "--workers", "2") == 0
    assert _ids_aside(one) == _ids_aside(two)
    assert [b["id"] for b in _bundles(two)] == [str(i) for i in range(1, lines + 1)]
    assert any("E002" in m for m in _issues(_bundles(two)[-1]))


def test_files_are_streamed_not_read_whole(tmp_path):
    source = tmp_path / "in.txt"
    source.write_bytes(b"1 cp le matin\n" * 200_000)  # 2.8 MB
    with InputFile(source) as reader:
        records = reader.records()
        first = next(records)
        assert first.text == "1 cp le matin"
        assert reader.done() <= SNIFF_BYTES + (1 << 17) < reader.size


def test_utf8_bom_is_not_part_of_the_first_csv_header(tmp_path):
    source = tmp_path / "in.csv"
    source.write_bytes(codecs.BOM_UTF8 + b"text,subject\n1 cp le matin,Patient/9\n")
    with InputFile(source) as reader:
        (record,) = reader.records()
    assert (record.text, record.subject, record.id) == ("1 cp le matin", "Patient/9", "1")


def test_broken_pipe_exits_quietly(tmp_path):
    source = tmp_path / "in.txt"
    source.write_text("1 cp le matin\n" * 400, encoding="utf-8")
    # a real process on a real pipe: SIGPIPE, exit 141 and a silent stderr cannot be had in-process
    producer = subprocess.Popen(
        [sys.executable, "-m", "posology", "structure", "--input", str(source), "--engine", "rules"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    head = subprocess.run(["head", "-1"], stdin=producer.stdout, capture_output=True, timeout=120)
    producer.stdout.close()
    stderr = producer.stderr.read()
    assert producer.wait(timeout=120) == 141
    assert stderr == b""
    assert json.loads(head.stdout)["id"] == "1"


def test_a_worker_that_dies_stops_the_run_with_one_line_and_keeps_the_partial(tmp_path, capsys, monkeypatch):
    import concurrent.futures
    import os
    import signal

    class KilledAtTheThirdChunk(concurrent.futures.ProcessPoolExecutor):
        chunks = 0

        def submit(self, function, *args):
            if function is batch._structure_chunk:
                KilledAtTheThirdChunk.chunks += 1
                if KilledAtTheThirdChunk.chunks == 3:
                    os.kill(next(iter(self._processes)), signal.SIGKILL)
            return super().submit(function, *args)

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", KilledAtTheThirdChunk)
    source = tmp_path / "in.txt"
    source.write_text("1 cp le matin\n" * 1000, encoding="utf-8")
    out = tmp_path / "out.ndjson"
    assert _run("--input", source, "--output", out, "--workers", "2") == 1
    partial = Path(f"{out}.partial")
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith("posology: [E025] A worker process died") and str(partial) in line
    assert not out.exists() and partial.exists()
    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", KilledAtTheThirdChunk.__mro__[1])
    assert _run("--input", source, "--output", out) == 0  # resumes
    assert [b["id"] for b in _bundles(out)] == [str(i) for i in range(1, 1001)]


def test_the_progress_bar_shows_on_a_terminal_only(tmp_path, capsys, monkeypatch):
    source = tmp_path / "in.txt"
    source.write_text("1 cp le matin\n" * 200, encoding="utf-8")
    assert _run("--input", source, "--output", tmp_path / "a.ndjson") == 0
    assert capsys.readouterr().err == ""
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    assert _run("--input", source, "--output", tmp_path / "b.ndjson") == 0
    bar = capsys.readouterr().err
    assert "100%" in bar and "2.73k/2.73k" in bar and "B/s" in bar  # bytes of the file's size, no record total
    assert bar.rstrip().endswith("records=200]")


@pytest.mark.parametrize("how", ["text", "file"])
def test_a_broken_ner_model_is_one_line_and_a_failure(tmp_path, capsys, monkeypatch, how):
    """A model that cannot be loaded is a broken install: one line on stderr, exit 1, no traceback."""
    import shutil

    import posology
    from posology.ner import tagger
    from posology.resources import models_dir

    broken = tmp_path / "ner"
    shutil.copytree(models_dir() / "ner", broken)
    (broken / "ner" / "model").write_bytes(b"\x00" * 100)  # truncated weights
    monkeypatch.setattr(tagger, "default_model_dir", lambda: broken)
    monkeypatch.delattr(posology.get_engine(), "_ner", raising=False)  # the shared engine loads it again
    source = tmp_path / "in.txt"
    source.write_text("1 cp le matin\n", encoding="utf-8")
    args = ("2 cp au coucher, broken model",) if how == "text" else ("--input", source, "--output", tmp_path / "o")
    capsys.readouterr()
    assert _run(*args, "--engine", "hybrid") == 1
    err = capsys.readouterr().err
    assert err.startswith("posology: [E104] The NER model in ") and err.count("\n") == 1, err
    assert "Traceback" not in err


@pytest.mark.parametrize(("raised", "code"), [(BrokenPipeError, 141), (KeyboardInterrupt, 130)])
def test_every_command_ends_a_broken_pipe_or_ctrl_c_with_its_exit_code_never_a_traceback(
    monkeypatch, capsys, raised, code
):
    import posology.explain
    from posology.cli import main

    def interrupted(args):
        raise raised()

    monkeypatch.setattr(posology.explain, "command", interrupted)
    monkeypatch.setattr("posology.batch._silence_stdout", lambda: None)  # pytest owns the real stdout
    assert main(["explain", "1 cp le matin"]) == code
    assert "Traceback" not in capsys.readouterr().err
