"""The pre-built data files (``posology/prebuilt.py``, #17): fresh, equal to their sources,
never read stale."""

from __future__ import annotations

from pathlib import Path

import pytest

from posology import prebuilt
from posology.linking import drugs_table
from posology.matching import rules
from posology.resources import rules_dir, terminologies_dir

STALE = "a pre-built file is stale: run `python tools/prebuild.py` and commit what it writes"


def test_shipped_rules_documents_are_fresh_and_equal_to_the_yaml():
    paths = sorted(rules_dir().glob("*.yaml"))
    shipped = prebuilt.read(rules_dir() / rules.PREBUILT, paths)
    assert shipped is not None, STALE
    assert shipped == rules.read_rule_documents(paths)
    assert list(shipped) == [path.name for path in paths]


def test_shipped_drug_tables_are_fresh_and_equal_to_the_csvs():
    path = terminologies_dir() / drugs_table.TABLE_DIR / drugs_table.PREBUILT
    shipped = prebuilt.read(path, drugs_table.prebuilt_sources())
    assert shipped is not None, STALE
    built = drugs_table.table_rows()
    assert shipped.keys() == built.keys()
    for name, value in built.items():
        assert shipped[name] == value, name
        assert list(shipped[name]) == list(value), name  # the same order too


def test_the_rules_loaded_are_those_of_the_yaml_files():
    loaded = rules.load_rules()
    from_yaml = rules.load_rules(str(rules_dir()))  # a folder given: read from the YAML
    assert [rule.model_dump() for rule in loaded] == [rule.model_dump() for rule in from_yaml]


def test_a_changed_source_makes_the_prebuilt_file_unread(tmp_path: Path):
    source, target = tmp_path / "source.txt", tmp_path / "value.prebuilt"
    source.write_text("one")
    prebuilt.write(target, [source], {"value": 1})
    assert prebuilt.read(target, [source]) == {"value": 1}
    source.write_text("two")
    assert prebuilt.read(target, [source]) is None
    built = []
    assert prebuilt.load(target, [source], lambda: built.append(1) or {"value": 2}) == {"value": 2}
    assert built == [1]


def test_the_digest_covers_names_and_order(tmp_path: Path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("x")
    b.write_text("x")
    assert prebuilt.digest([a]) != prebuilt.digest([b])
    assert prebuilt.digest([a, b]) != prebuilt.digest([b, a])


@pytest.mark.parametrize("content", [b"", b"garbage\n", b"posology-prebuilt 1 0\nnot gzip"])
def test_a_broken_or_foreign_file_is_not_read(tmp_path: Path, content: bytes):
    source, target = tmp_path / "source.txt", tmp_path / "value.prebuilt"
    source.write_text("one")
    target.write_bytes(content)
    assert prebuilt.read(target, [source]) is None


def test_a_damaged_body_is_not_read(tmp_path: Path):
    source, target = tmp_path / "source.txt", tmp_path / "value.prebuilt"
    source.write_text("one")
    prebuilt.write(target, [source], list(range(1000)))
    header, _, _ = target.read_bytes().partition(b"\n")
    target.write_bytes(header + b"\n" + b"\x1f\x8b damaged")
    assert prebuilt.read(target, [source]) is None
    assert prebuilt.read(tmp_path / "missing.prebuilt", [source]) is None
    assert prebuilt.read(target, [tmp_path / "missing-source.txt"]) is None


def test_writing_twice_gives_the_same_bytes(tmp_path: Path):
    source = tmp_path / "source.txt"
    source.write_text("one")
    value = {"b": (1, "x"), "a": [2.5, None]}
    prebuilt.write(tmp_path / "first", [source], value)
    prebuilt.write(tmp_path / "second", [source], value)
    assert (tmp_path / "first").read_bytes() == (tmp_path / "second").read_bytes()
    assert not list(tmp_path.glob("*.partial"))
