"""The shipped everyday words (posology/linking/common_words.txt.gz, #17): pyspellchecker's list,
read without building it from the whole frequency lists."""

from __future__ import annotations

from posology.linking import common_words


def test_the_shipped_list_is_pyspellcheckers() -> None:
    assert common_words.COMMON_WORDS.read_bytes() == common_words.shipped_text(), (
        "run: python tools/build_common_words.py"
    )
    assert common_words.shipped_words() == common_words.spellchecker_words()  # written by the installed one: in use


def test_another_writer_is_not_used(tmp_path, monkeypatch) -> None:
    stale = tmp_path / "common_words.txt.gz"
    stale.write_bytes(common_words.COMMON_WORDS.read_bytes())
    monkeypatch.setattr(common_words, "COMMON_WORDS", stale)
    assert common_words.shipped_words() is not None
    monkeypatch.setattr(common_words, "_header", lambda: "pyspellchecker 0.0.0 200 fr en")
    assert common_words.shipped_words() is None  # then the list is built from pyspellchecker
    monkeypatch.setattr(common_words, "COMMON_WORDS", tmp_path / "missing.txt.gz")
    assert common_words.shipped_words() is None
