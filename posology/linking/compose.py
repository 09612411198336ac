"""Composed names: a span read as two parts when no alias names it whole.

FHIR EventTiming codes are built from a meal relation and a meal (AC + M = ACM "before
breakfast", PC + D = PCD "after lunch", C + "" = C "with meals"), and the dose forms of a
tablet or a capsule from a modifier and a base (prolonged_release + tablet, sublingual +
tablet). Prescribers combine the two parts freely — ``post lunch``, ``avt le dîner``,
``SR tab``, ``cp LP``, ``gél. gastro-résistante`` — so the alias table cannot list every
combination; ``terminologies/compose.csv`` lists the words of each part instead, and a span
that splits into a relation then a meal, or a modifier and a base (either order), names the
composed concept when that concept exists in its table.

Words are compared after accent folding, with function words (le, du, the, à…) dropped and
plural endings removed; a part of five letters or more may carry one slip (edit similarity ≥
:data:`PART_MIN`, one nearest word only).

>>> composer = Composer.load()
>>> composer.compose("post lunch", ("when",))
('when', 'PCD', 'post lunch')
>>> composer.compose("SR tab", ("dose_form",))
('dose_form', 'prolonged_release_tablet', 'sr tab')
>>> composer.compose("cp à libération prolongée", ("dose_form",))[1]
'prolonged_release_tablet'
>>> composer.compose("mardi gras", None) is None
True
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from posology.linking.drugs_index import similarity_at_least
from posology.linking.embedder import span_key
from posology.resources import read_table
from posology.text.words import FILLERS

FUZZY_CACHE = 65_536  # slipped part words remembered (cleared when full)
PART_MIN = 0.8  # edit similarity of a slipped part word ("dejeuner" for "déjeuner" needs none)

Composed = tuple[str, str, str]  # type, key, the span's words


def words_of(text: str) -> tuple[str, ...]:
    """The significant words of a span or a part: folded, fillers dropped, plurals removed.

    >>> words_of("avant les repas"), words_of("à libération prolongée")
    (('avant', 'repa'), ('liberation', 'prolongee'))
    """
    words = [w for w in span_key(text.replace("/", " / ")).split() if w not in FILLERS]
    return tuple(w[:-1] if len(w) >= 4 and w[-1] in "sx" else w for w in words)


class Composer:
    """The part tables of ``compose.csv`` and the concept keys they may compose to."""

    def __init__(self, rows: Sequence[dict[str, str]], concepts: dict[str, set[str]]) -> None:
        self.parts: dict[tuple[str, str], dict[tuple[str, ...], str]] = {}
        for row in rows:
            words = words_of(row["word"])
            if words:
                self.parts.setdefault((row["type"], row["role"]), {})[words] = row["part"]
        self.concepts = concepts
        self._fuzzy: dict[tuple[str, str, str], str | None] = {}

    @classmethod
    def load(cls) -> Composer:
        return _load()

    def compose(self, text: str, types: Sequence[str] | None) -> Composed | None:
        """``(type, key, words)`` when ``text`` is two parts that compose, else ``None``."""
        words = words_of(text)
        if len(words) < 2:
            return None
        for type_ in ("when", "dose_form"):
            if types is not None and type_ not in types:
                continue
            key = self._when(words) if type_ == "when" else self._form(words)
            if key is not None and key in self.concepts.get(type_, ()):
                return type_, key, " ".join(span_key(text).split())
        return None

    def _when(self, words: tuple[str, ...]) -> str | None:
        for cut in range(1, len(words)):
            relation = self._part("when", "relation", words[:cut])
            meal = self._part("when", "meal", words[cut:]) if relation is not None else None
            if relation is not None and meal is not None:
                return relation + meal
        return None

    def _form(self, words: tuple[str, ...]) -> str | None:
        for cut in range(1, len(words)):
            for modifier_words, base_words in ((words[:cut], words[cut:]), (words[cut:], words[:cut])):
                modifier = self._part("dose_form", "modifier", modifier_words)
                base = self._part("dose_form", "base", base_words) if modifier is not None else None
                if base is not None:
                    return f"{modifier}_{base}"
        return None

    def _part(self, type_: str, role: str, words: tuple[str, ...]) -> str | None:
        table = self.parts.get((type_, role), {})
        if words in table:
            return table[words]
        phrase = " ".join(words)
        if len(phrase) < 5:
            return None
        key = (type_, role, phrase)
        if key not in self._fuzzy:
            if len(self._fuzzy) >= FUZZY_CACHE:
                self._fuzzy.clear()
            self._fuzzy[key] = self._nearest_part(table, phrase)
        return self._fuzzy[key]

    def _nearest_part(self, table: dict[tuple[str, ...], str], phrase: str) -> str | None:
        """The part of the one nearest word at edit similarity ≥ PART_MIN (None on a tie)."""
        best_score, best = PART_MIN, set()
        for words, part in table.items():
            score = similarity_at_least(phrase, " ".join(words), PART_MIN)
            if score is None:
                continue
            if score > best_score:
                best_score, best = score, {part}
            elif score == best_score:
                best.add(part)
        return next(iter(best)) if len(best) == 1 else None


@lru_cache(maxsize=1)
def _load() -> Composer:
    concepts = {
        "when": {row["code"] for row in read_table("fhir/event_timing.csv")},
        "dose_form": {row["key"] for row in read_table("edqm/dose_forms.csv")},
    }
    return Composer(read_table("compose.csv"), concepts)
