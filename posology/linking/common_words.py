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

import logging
from functools import lru_cache

log = logging.getLogger(__name__)

COMMON_MIN = 200  # occurrences in the frequency list (the dev half: 100-200 equal, 500 lets junk through)
LANGUAGES = ("fr", "en")


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """The frequent words of :data:`LANGUAGES`, lower case (empty without pyspellchecker)."""
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


def is_common(text: str) -> bool:
    """Whether ``text`` is one frequent word (a multi-word span never is)."""
    word = text.strip().lower()
    return bool(word) and " " not in word and word in common_words()
