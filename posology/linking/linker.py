"""Link a span that is not a number to a terminology concept (runtime: load and query only).

Steps, like a human reader, the first that answers wins:

1. **exact**: the span's normalised key (``embedder.span_key``: case, accents, dots and
   punctuation folded) is an alias key;
2. **ocr**: it becomes one with one OCR confusion undone — ``rnatin``, ``cornprimé`` (rn→m),
   ``viai`` (i→l; also l→i, cl→d, vv→w, not for words under four letters or everyday words);
   a 0 or 1 between letters is always read as a letter first (``s0ir``, ``gé1ule``);
3. **plural**: it becomes one with its plural endings dropped (``gms``, ``soirs``);
4. **compose**: it is two parts of ``terminologies/compose.csv`` that name a concept
   together (``post lunch`` → PCD, ``SR tab`` → prolonged-release tablet; ``compose``);
5. **ngram** (the index's method): the nearest aliases by a FAISS k-NN search over one vector
   per alias (hashed character n-grams by default, see ``embedder``); the best one is kept
   when its score reaches the calibrated threshold and the span is not an everyday French or
   English word (``merci``, ``Martin``: ``common_words``); a multi-word alias whose meaning
   word differs from the span's is no candidate (``words_align``);
6. **head**: failing that, a multi-word span with exactly one word that is an alias, the
   others qualifiers (``IM profonde``, ``by IV push``); otherwise the linker abstains.

Spans with a digit other than those OCR ones are never linked: numbers, frequencies and slots
belong to the rules.

>>> linker = SpanLinker.load()
>>> linker.link("Gélules").key, linker.link("Gélules").method
('capsule', 'exact')
>>> found = linker.link("ampoulle")
>>> found.type, found.key, found.alias, found.method
('unit_of_presentation', 'ampoule', 'ampoule', 'ngram')
>>> linker.link("avant d'aller au lit", types=["when"]).key
'HS'
>>> linker.link("Doliprane") is None, linker.link("2 gellules") is None
(True, True)
>>> linker.link("au rnatin").key, linker.link("le s0ir").key, linker.link("rnatin").method
('MORN', 'EVE', 'ocr')
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from posology.errors import Errors
from posology.linking.common_words import is_common
from posology.linking.compose import Composer
from posology.linking.drugs_index import similarity
from posology.linking.embedder import span_key
from posology.linking.index import VectorIndex, default_dir, load_index, read_manifest
from posology.text.words import FILLERS

# Abstention thresholds on the cosine of the best alias, calibrated on the dev split of the
# linking benchmark (benchmarks.linking.read_splits: the dev half of linking_variants.jsonl and
# the linking_dev*.jsonl sets; `python -m benchmarks.linking` prints the calibration;
# tests/test_linking.py checks the n-gram value still matches it).
THRESHOLDS = {"ngram": 0.696, "embedding": 0.596, "combined": 0.700}

# Which type wins when one alias names concepts of several types and the caller gave none.
TYPE_PREFERENCE = ("unit_of_presentation", "unit", "route", "when", "time_unit", "day_of_week", "dose_form")

Candidate = tuple[str, str, str, float]

RESCORED = 8  # nearest aliases rescored (one word: edit similarity) or checked (several: words_align)
OCR_SCORE = 0.95  # an alias reached by undoing an OCR confusion: near-certain, not exact
PLURAL_SCORE = 0.97  # an alias reached by dropping a plural ending
COMPOSE_SCORE = 0.9  # two parts of compose.csv that name a concept together (post lunch → PCD)
HEAD_SCORE = 0.85  # the one word of a span that is an alias, the others qualifiers (IM profonde)
# Methods that link by resemblance: an everyday word (common_words.is_common) is never linked
# by them.
SIMILARITY_METHODS = frozenset({"ngram", "embedding", "combined", "finetuned"})  # finetuned: benchmarks only
_OCR_DIGITS = re.compile(r"(?<=[^\W\d_])[01](?=[^\W\d_])|(?<=[^\W\d_])[01]$|^[01](?=[^\W\d_]{2})")


# OCR confusions between letters, undone one at a time when that gives an alias exactly.
_OCR_LETTERS = (("rn", "m"), ("i", "l"), ("l", "i"), ("cl", "d"), ("vv", "w"))


def ocr_readings(key: str) -> list[str]:
    """The keys ``key`` reads as with one OCR letter confusion undone, in table order (only
    ``rn`` → ``m`` for a key under four letters or an everyday word).

    >>> ocr_readings("viai"), ocr_readings("si"), ocr_readings("rng")
    (['vlai', 'vial'], [], ['mg'])
    """
    readings = []
    letters_too = len(key) >= 4 and not is_common(key)  # "si" is not "sl", "mail" is not "mall"
    for seen, meant in _OCR_LETTERS if letters_too else _OCR_LETTERS[:1]:
        at = key.find(seen)
        while at >= 0:
            readings.append(key[:at] + meant + key[at + len(seen) :])
            at = key.find(seen, at + 1)
    return list(dict.fromkeys(readings))


def singulars(key: str) -> list[str]:
    """``key`` with its plural ``s`` / ``x`` endings dropped (``gms`` → ``gm``, ``kgs`` → ``kg``).

    >>> singulars("gms"), singulars("2 x"), singulars("gouttes nasales")
    (['gm'], [], ['goutte nasale'])
    """
    words = key.split()
    singular = [w[:-1] if len(w) >= 3 and w[-1] in "sx" else w for w in words]
    return [" ".join(singular)] if singular != words else []


def ocr_letters(key: str) -> str:
    """A 0 or 1 inside a word read as the letter OCR took it for (``s0ir`` → ``soir``).

    >>> ocr_letters("le s0ir"), ocr_letters("gé1ules"), ocr_letters("1 cp")
    ('le soir', 'gélules', '1 cp')
    """
    return " ".join(_OCR_DIGITS.sub(lambda m: "o" if m.group() == "0" else "l", w) for w in key.split())


@dataclass(frozen=True)
class LinkResult:
    """The linked concept, the alias that matched, the score and the runner-up concepts."""

    type: str
    key: str
    alias: str
    score: float
    method: str
    candidates: tuple[Candidate, ...]


RANKED_SIZE = 16_384  # rank()'s memo (a few hundred bytes a result)
WORD_MIN_SCORE = 0.6  # the last word of a multi-word span must resemble an alias by itself (dev lines)
TIE_MARGIN = 0.01  # a similar alias of another concept this close to the best: the span is ambiguous


def _tied(found: LinkResult) -> bool:
    """Whether an alias of another concept of the same type (another route, another unit) scores
    within :data:`TIE_MARGIN` of the best one."""
    return any(
        kind == found.type and key != found.key and score >= found.score - TIE_MARGIN
        for kind, key, _alias, score in found.candidates
    )


class SpanLinker:
    """Exact alias lookup, then nearest-alias search with abstention."""

    def __init__(self, index: VectorIndex, threshold: float | None = None) -> None:
        self.index = index
        self.method = index.method
        self.threshold = THRESHOLDS[index.method] if threshold is None else threshold
        self.types = tuple(sorted(index.type_ranges, key=_preference))
        self._exact: dict[str, list[int]] = {}
        self._keys = [span_key(row.alias) for row in index.rows]
        self._ranked: dict[tuple, LinkResult | None] = {}  # rank()'s results by what they depend on
        for i, key in enumerate(self._keys):
            self._exact.setdefault(key, []).append(i)

    @classmethod
    def load(cls, method: str | None = None, directory: Path | str | None = None) -> SpanLinker:
        """The linker of the shipped index (cached: loaded once per method and folder)."""
        return _load(method, Path(directory) if directory else default_dir())

    def link(
        self, text: str, types: Sequence[str] | None = None, k: int = 5, everyday: bool = False
    ) -> LinkResult | None:
        """The concept ``text`` names among ``types`` (all when ``None``, first preferred), or
        ``None`` when it has a digit or when no alias is near enough (``everyday``: see
        :meth:`accepts`)."""
        found = self.rank(text, types, k)
        return found if self.accepts(text, found, everyday=everyday) else None

    def accepts(
        self, text: str, found: LinkResult | None, threshold: float | None = None, everyday: bool = False
    ) -> bool:
        """Whether ``found`` (``rank(text)``) is linked: an exact or repaired alias, or a
        similar one at ``threshold`` (the linker's own by default) that is not an everyday
        word (merci, Martin, heureux are not misspelt aliases) — unless the caller knows the
        span stands where a concept must be (``everyday=True``: a word right after a number
        is a unit, so ``2 bouffe`` is two puffs with the accents lost)."""
        return accepted(text, found, self.threshold if threshold is None else threshold, everyday)

    def link_in_context(
        self, text: str, types: Sequence[str] | None = None, after_number: bool = False
    ) -> LinkResult | None:
        """``link`` for a span cut out of a prescription: beyond an exact alias, the last word
        must itself be close to an alias (``WORD_MIN_SCORE``), so that the function words of a
        window ("dans le biberon") cannot carry the match to "dans le nez". A span right after
        a number (``after_number``) may be an everyday word (see :meth:`accepts`)."""
        found = self.link(text, types, everyday=after_number)
        if found is not None and found.method in SIMILARITY_METHODS and _tied(found):
            return None  # "into left": "into the left eye" and "into the left ear" as near: abstain
        if found is None or found.method == "exact" or " " not in text.strip():
            return found
        last = self.rank(text.split()[-1], types)
        return found if last is not None and last.score >= WORD_MIN_SCORE else None

    def rank(self, text: str, types: Sequence[str] | None = None, k: int = 5) -> LinkResult | None:
        """Like ``link`` without the final threshold: the best candidate however far
        (benchmarks). The ``head`` step is tried when the nearest alias is below the linker's
        own threshold, so that one step does depend on it.

        Memoised: the result depends on ``text`` only through its key (``span_key``) and the
        key the composer reads (``/`` spaced out first), so ``Pain``, ``PAIN`` and ``pain``
        are ranked once."""
        folded = span_key(text)
        composed = span_key(text.replace("/", " / ")) if "/" in text else folded
        memo = (folded, composed, None if types is None else tuple(types), k, self.threshold)
        try:
            return self._ranked[memo]
        except KeyError:
            pass
        found = self._rank(folded, text, types, k)
        if len(self._ranked) >= RANKED_SIZE:
            self._ranked.clear()  # bounded; clearing is safe under threads, evicting one is not
        self._ranked[memo] = found
        return found

    def _rank(self, folded: str, text: str, types: Sequence[str] | None, k: int) -> LinkResult | None:
        key = ocr_letters(folded)
        if not key or any(ch.isnumeric() for ch in key):
            return None
        allowed = self._allowed(types)
        found = self._exact_match(key, allowed, k)
        for method, score, variants in (("ocr", OCR_SCORE, ocr_readings), ("plural", PLURAL_SCORE, singulars)):
            for variant in variants(key) if found is None else ():
                found = self._exact_match(variant, allowed, k)
                if found is not None:
                    found = LinkResult(found.type, found.key, found.alias, score, method, found.candidates)
                    break
        if found is None:
            found = self._composed(text, allowed if types is not None else None)
        if found is None:
            found = self._nearest(key, allowed, types is None, k)
            if found is None or found.score < self.threshold:
                found = self._head_word(key, allowed, k) or found
        return found

    def _head_word(self, key: str, allowed: tuple[str, ...], k: int) -> LinkResult | None:
        """A multi-word span with exactly one word that is an alias by itself, the others
        naming no concept (qualifiers: ``IM profonde``, ``by IV push``, ``multidose vial``,
        ``sachet individuel``): that alias's concept (method ``head``). Not when another word
        names a concept of any type (``topical cream``: topical is a route) or when the word
        is an everyday word that is an alias only once accents are folded (``en cas de``)."""
        words = [w for w in key.split() if w not in ALIGN_STOP]
        if len(words) < 2:
            return None
        concepts = {}
        for word in words:
            found = self._exact_match(word, allowed, k)
            for singular in singulars(word) if found is None else ():
                found = self._exact_match(singular, allowed, k)
            if found is not None:
                concepts[(found.type, found.key)] = (word, found)
        if len(concepts) != 1:
            return None
        word, found = next(iter(concepts.values()))
        if is_common(word) and span_key(found.alias) == word and found.alias != word:
            return None  # an everyday word that is an alias only once accents are folded ("cas", càs)
        if any(self._exact_match(w, self.types, k) for w in words if w != word):
            return None  # another word names a concept of another type: not a qualifier
        return LinkResult(found.type, found.key, found.alias, HEAD_SCORE, "head", found.candidates)

    def _composed(self, text: str, types: tuple[str, ...] | None) -> LinkResult | None:
        """A meal relation + a meal, a modifier + a base form (``post lunch``, ``SR tab``)."""
        composed = Composer.load().compose(text, types)
        if composed is None or composed[0] not in self.index.type_ranges:
            return None
        type_, key, words = composed
        return LinkResult(type_, key, words, COMPOSE_SCORE, "compose", ((type_, key, words, COMPOSE_SCORE),))

    def _allowed(self, types: Sequence[str] | None) -> tuple[str, ...]:
        if types is None:
            return self.types
        unknown = [t for t in types if t not in self.index.type_ranges]
        if unknown:
            raise ValueError(Errors.E035.format(unknown=unknown, types=list(self.types)))
        return tuple(dict.fromkeys(types))

    def _result(
        self, hits: list[tuple[int, float]], allowed: tuple[str, ...], method: str, k: int
    ) -> LinkResult | None:
        """Best alias per concept, by score then type preference then row order."""
        rows = self.index.rows
        hits = sorted(hits, key=lambda hit: (-hit[1], allowed.index(rows[hit[0]].type), hit[0]))
        seen: dict[tuple[str, str], Candidate] = {}
        for i, score in hits:
            row = rows[i]
            seen.setdefault((row.type, row.key), (row.type, row.key, row.alias, score))
        candidates = tuple(seen.values())[:k]
        if not candidates:
            return None
        type_, key, alias, score = candidates[0]
        return LinkResult(type_, key, alias, score, method, candidates)

    def _exact_match(self, key: str, allowed: tuple[str, ...], k: int) -> LinkResult | None:
        ids = [i for i in self._exact.get(key, ()) if self.index.rows[i].type in allowed]
        return self._result([(i, 1.0) for i in ids], allowed, "exact", k) if ids else None

    def _nearest(self, key: str, allowed: tuple[str, ...], everywhere: bool, k: int) -> LinkResult | None:
        vector = self.index.embedder.encode([key])[0]
        within = None if everywhere else tuple(sorted(allowed))
        hits = [(i, s) for i, s in self.index.search(vector, 4 * k, within) if s > 0]
        if " " not in key:  # one word: a misspelling is a few edits away, a longer word is not
            hits = [(i, word_score(key, self._keys[i], s)) for i, s in hits[:RESCORED]]
        else:  # several words: the meaning words must not be swapped (voie trans/cutanée)
            hits = [(i, s) for i, s in hits[:RESCORED] if words_align(key, self._keys[i])]
        return self._result(hits, allowed, self.method, k)


WORD_ALIGN_MIN = 0.6
# Words that carry no meaning of their own in a span: articles and the prepositions that
# vary freely ("at waking" / "on waking", "en nasal" / "nasal"); "before", "after", "avant",
# "après", "with" are meaning words.
ALIGN_STOP = FILLERS | {"at", "on", "to", "for", "by", "into", "par", "en", "au", "aux", "dans", "sur", "pour"}


def words_align(query: str, alias: str) -> bool:
    """Whether a multi-word ``query`` and ``alias`` are free of a *swapped* meaning word: a
    content word on each side that matches no word of the other side (match: edit similarity
    ≥ :data:`WORD_ALIGN_MIN`, a prefix, or a contraction) means one word was put for another.

    Shared function words make ``voie transcutanée`` look like ``voie cutanée`` and ``dans le
    derme`` like ``dans le muscle``; an extra qualifier (``gélules dures``, ``le matin à
    jeun``) or a split word (``sub cut``) is no substitution.

    >>> words_align("avnt le petit dejeuner", "avant le petit dejeuner")
    True
    >>> words_align("voie transcutanee", "voie cutanee"), words_align("dans le derme", "dans le muscle")
    (False, False)
    >>> words_align("gelules dures", "gelules"), words_align("sub cut", "subcut")
    (True, True)
    """
    query_words = [w for w in query.split() if w not in ALIGN_STOP]
    alias_words = [w for w in alias.split() if w not in ALIGN_STOP]
    return not (_unmatched(query_words, alias_words) and _unmatched(alias_words, query_words))


def _unmatched(words: list[str], others: list[str]) -> bool:
    return any(not any(_same_word(word, other) for other in others) for word in words)


def _same_word(a: str, b: str) -> bool:
    """Misspelt (``gouttte``), truncated (``inj``) or contracted (``soln``) forms of a word."""
    if len(a) >= 2 and len(b) >= 2 and (a.startswith(b) or b.startswith(a)):
        return True
    short, long_ = sorted((a, b), key=len)
    if len(short) >= 3 and short[0] == long_[0] and _subsequence(short, long_):
        return True
    return similarity(a, b) >= WORD_ALIGN_MIN


def _subsequence(short: str, long_: str) -> bool:
    letters = iter(long_)
    return all(ch in letters for ch in short)


def accepted(text: str, found: LinkResult | None, threshold: float, everyday: bool = False) -> bool:
    """The linking rule of :meth:`SpanLinker.accepts` at a given ``threshold`` (benchmarks
    calibrate it over many thresholds)."""
    if found is None:
        return False
    if found.method not in SIMILARITY_METHODS:
        return True
    return found.score >= threshold and (everyday or not is_common(text))


def word_score(query: str, alias: str, cosine: float) -> float:
    """The score of a one-word query: the mean of the n-gram cosine and the edit similarity.

    n-grams alone favour a word that *contains* an alias (``crémerie`` ⊃ ``crème``,
    ``mardigras`` ⊃ ``mardi``) over a real misspelling (``sirup`` for ``sirop``); edits
    measure the opposite. Their mean separates the two (dev half of the benchmark).
    """
    return round((cosine + round(similarity(query, alias), 3)) / 2, 6)


def _preference(type_: str) -> tuple[int, str]:
    rank = TYPE_PREFERENCE.index(type_) if type_ in TYPE_PREFERENCE else len(TYPE_PREFERENCE)
    return rank, type_


@lru_cache(maxsize=8)
def _load(method: str | None, directory: Path) -> SpanLinker:
    method = method or read_manifest(directory)["default_method"]
    return SpanLinker(load_index(directory, method))
