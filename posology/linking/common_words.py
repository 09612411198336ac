"""Frequent everyday words of French and English: a span that *is* one of them is a word in
its own right, not a misspelling of a terminology alias.

The n-gram linker scores ``merci`` like ``mercredi`` misspelt, ``heureux`` like ``heure``,
``Martin`` like ``matin`` and ``suppositions`` like ``suppositoires``: by form alone a real
word and a misspelling look the same. A word that people write often enough to be in a
language's frequency list (:data:`COMMON_MIN` occurrences or more in pyspellchecker's French
or English list, compared in lower case *with* its accents) is therefore never linked by similarity; it is linked only
when it is an alias itself (exact step), a plural of one, or an OCR confusion of one.

The lists come from the ``pyspellchecker`` package (MIT; word frequencies from OpenSubtitles
via hermitdave/FrequencyWords). Without the package the check is off (no word is common) and
the linker works as before, with more junk linked. Accents are kept on purpose: ``goutes``
(``gouttes`` misspelt, an everyday error) must not be taken for the rare ``goûtes``.

>>> is_common("merci"), is_common("Heureux"), is_common("gellules"), is_common("goutes")
(True, True, False, False)
"""

from __future__ import annotations

import gzip
import logging
from functools import lru_cache
from pathlib import Path

log = logging.getLogger(__name__)

COMMON_MIN = 200  # occurrences in the frequency list (the dev half: 100-200 equal, 500 lets junk through)
LANGUAGES = ("fr", "en")
# The list, shipped (tools/build_common_words.py writes it): pyspellchecker builds it from its
# whole frequency lists in ~0.22 s of a process's first line, the file reads in ~6 ms. Used
# only where the installed pyspellchecker is the one that wrote it, at the same COMMON_MIN;
# tests/test_common_words.py checks that it is pyspellchecker's list.
COMMON_WORDS = Path(__file__).with_name("common_words.txt.gz")


def _header() -> str:
    """The file's first line: who wrote the list and with which threshold."""
    from importlib.metadata import version

    return f"pyspellchecker {version('pyspellchecker')} {COMMON_MIN} {' '.join(LANGUAGES)}"


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """The frequent words of :data:`LANGUAGES`, lower case (empty without pyspellchecker)."""
    shipped = shipped_words()
    return shipped if shipped is not None else spellchecker_words()


def shipped_words() -> frozenset[str] | None:
    """The shipped list, or None when it is missing or another pyspellchecker wrote it."""
    from importlib.metadata import PackageNotFoundError

    try:
        header, *words = gzip.decompress(COMMON_WORDS.read_bytes()).decode("utf-8").split("\n")
        return frozenset(words) if header == _header() else None
    except (OSError, ValueError, PackageNotFoundError):
        return None


def spellchecker_words() -> frozenset[str]:
    """The list made from pyspellchecker's frequency lists (empty without the package)."""
    try:
        from spellchecker import SpellChecker
    except ImportError as error:  # a dependency of posology: an incomplete install
        log.warning("pyspellchecker cannot be imported (%s): no word counts as everyday", error)
        return frozenset()
    words: set[str] = set()
    for language in LANGUAGES:
        counts = SpellChecker(language=language, distance=1).word_frequency.dictionary
        words.update(word for word, count in counts.items() if count >= COMMON_MIN)
    return frozenset(words)


def shipped_text() -> bytes:
    """The file :func:`shipped_words` reads, made from pyspellchecker (for the tool and the test)."""
    words = sorted(spellchecker_words())
    assert not any("\n" in word for word in words)
    return gzip.compress("\n".join([_header(), *words]).encode("utf-8"), compresslevel=9, mtime=0)


def is_common(text: str) -> bool:
    """Whether ``text`` is one frequent word (a multi-word span never is)."""
    word = text.strip().lower()
    return bool(word) and " " not in word and word in common_words()
