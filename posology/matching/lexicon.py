"""Exact alias lookup: tag tokens with the terminology concepts they name.

Every alias of ``terminologies/aliases.csv`` (and the timing abbreviations table) is
tokenized with the engine's own tokenizer; a text is scanned left to right for the longest
alias starting at each token (on norms, so case and accents do not matter). A multi-token
alias (``cuillère à café``, ``avant le petit-déjeuner``) is merged into one token, whose
character offsets stay those of the text. A token then carries one attribute per concept
type, ``token._.lex_<type>`` = the concept key (``lex_when = "ACM"``), and ``token._.num``
its numeric value when it is a number.

This is the first, exact, step of linking; spans it does not know go to the embedding
linker (``posology.linking``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc, Token

from posology.resources import read_table
from posology.text.numbers import WEAK_NUMBER_WORDS, is_numeric_token, parse_number
from posology.text.tokenizer import doc_tokens, doc_words

_SLOT = re.compile(r"^\d(?:\.5)?$|^[1-3]/[2-4]$")

LEXICON_TYPES = (
    "unit_of_presentation",
    "unit",
    "route",
    "dose_form",
    "when",
    "time_unit",
    "day_of_week",
    "timing_abbreviation",
)


# The token attributes the rules read, with their defaults (immutable: None or False).
EXTENSIONS: dict[str, Any] = {f"lex_{lex_type}": None for lex_type in LEXICON_TYPES}
EXTENSIONS.update({"num": None, "is_num": False, "is_digit_num": False, "is_lex": False, "is_slot": False})
_direct = False  # whether token_value() / set_token_value() read and write the Doc's user_data (checked below)


def register_extensions() -> None:
    """Declare the token attributes the rules read (idempotent)."""
    global _direct
    for name, default in EXTENSIONS.items():
        if not Token.has_extension(name):
            Token.set_extension(name, default=default)
    _direct = _direct or _user_data_layout_holds()


def token_value(token: Token, name: str) -> Any:
    """``token._.<name>`` for one of :data:`EXTENSIONS`, without the view object each ``token._``
    makes (~1 µs a read, dozens of reads a line). spaCy's ``Underscore`` keeps a token's plain
    extension values in its Doc's ``user_data`` under ``("._.", name, token.idx, None)``
    (``Token._`` in spacy/tokens/token.pyx); these have no getter, no method and an immutable
    default, so reading that key is what ``token._.<name>`` does. Used once the layout is checked
    (:func:`_user_data_layout_holds`), else through ``token._``."""
    if _direct:
        data: dict[Any, Any] = token.doc.user_data
        return data.get(("._.", name, token.idx, None), EXTENSIONS[name])
    return token._.get(name)


def set_token_value(token: Token, name: str, new: Any) -> None:
    """``token._.<name> = new``, the way :func:`token_value` reads it."""
    if _direct:
        data: dict[Any, Any] = token.doc.user_data
        data["._.", name, token.idx, None] = new
    else:
        token._.set(name, new)


def _user_data_layout_holds() -> bool:
    """Whether ``token._`` reads and writes the ``user_data`` keys :func:`token_value` uses."""
    from spacy.vocab import Vocab

    doc = Doc(Vocab(), words=["1", "cp"])
    data: dict[Any, Any] = doc.user_data
    doc[1]._.num = 2.5
    data["._.", "lex_unit", doc[1].idx, None] = "mg"
    return (
        data.get(("._.", "num", doc[1].idx, None)) == 2.5
        and doc[1]._.lex_unit == "mg"
        and doc[0]._.num is None
        and doc[0]._.is_lex is False
    )


@dataclass(frozen=True)
class Alias:
    type: str
    key: str
    alias: str


def load_aliases() -> list[Alias]:
    """Aliases of the shipped terminologies (timing abbreviations keyed by their alias)."""
    aliases = [Alias(row["type"], row["key"], row["alias"]) for row in read_table("aliases.csv")]
    for row in read_table("fhir/timing_abbreviations.csv"):
        aliases.append(Alias("timing_abbreviation", row["alias"], row["alias"]))
    return aliases


def concept_lemma(concepts: dict[str, str]) -> str:
    """The native ``LEMMA`` value that carries a token's concepts to spaCy's Matcher:
    ``"dose_form:eye_drops_solution|route:ocular"``. Native attributes keep the Matcher in
    Cython; extension attributes (``token._``) cost a Python call per token per predicate."""
    return "|".join(f"{lex_type}:{key}" for lex_type, key in sorted(concepts.items()))


NUMBER_TAGS = {"slot": "SLOT", "digit": "DIGIT", "word": "WORDNUM"}


def number_tag(norm: str) -> str | None:
    """The native ``TAG`` of a number token: SLOT (0-9, ½), DIGIT, WORDNUM (deux), or None."""
    if parse_number(norm) is None or norm in WEAK_NUMBER_WORDS:
        return None
    if _SLOT.match(norm):
        return NUMBER_TAGS["slot"]
    return NUMBER_TAGS["digit"] if is_numeric_token(norm) else NUMBER_TAGS["word"]


@lru_cache(maxsize=65_536)
def _number(norm: str) -> tuple[str, float] | None:
    """``(TAG, value)`` of a number token's norm, None for a word (memoised: norms repeat)."""
    tag = number_tag(norm)
    return None if tag is None else (tag, parse_number(norm))  # type: ignore[return-value]


# The Matcher reads concepts in LEMMA and number classes in TAG (native attributes, compared in C);
# NONE in either means "no concept" / "not a number". Read them through these two functions.
NONE = "-"


def has_concept(token: Token) -> bool:
    """Whether the lexicon (or the linker) gave ``token`` a concept (``token._.lex_*``)."""
    return token.lemma_ != NONE


def is_number(token: Token) -> bool:
    """Whether ``token`` is a number of some class (digits, slot digits, a number word)."""
    return token.tag_ != NONE


def tag_concepts(token: Token, concepts: dict[str, str], lemma: str | None = None) -> None:
    """Give a token its concepts: the native LEMMA the Matcher reads and the ``token._`` view."""
    token.lemma_ = lemma or concept_lemma(concepts)
    for lex_type, key in concepts.items():
        set_token_value(token, f"lex_{lex_type}", key)
    set_token_value(token, "is_lex", True)


class Lexicon:
    """Longest-match alias tagger over token norms."""

    def __init__(self, tokenizer, aliases: Iterable[Alias], phrases: Iterable[str] = ()) -> None:
        """``phrases``: literal multi-word norms of the rules, merged but tagged with no concept."""
        register_extensions()
        self.phrases: dict[tuple[str, ...], dict[str, str]] = {}
        for alias in aliases:
            norms = tuple(tokenizer.norms(alias.alias))
            if norms:
                self.phrases.setdefault(norms, {}).setdefault(alias.type, alias.key)
        for phrase in phrases:  # already normalised, one norm per token, space-separated
            self.phrases.setdefault(tuple(phrase.split()), {})
        for norms, concepts in self.phrases.items():
            if len(norms) > 1 and concepts and "unit" not in concepts and "unit_of_presentation" not in concepts:
                concepts.update(self._head_unit(norms))
        self.max_len = max((len(p) for p in self.phrases), default=1)
        # the lengths of the phrases starting with each norm, longest first: a word is looked up
        # at those lengths only, not at every length up to max_len
        lengths: dict[str, set[int]] = {}
        for norms in self.phrases:
            lengths.setdefault(norms[0], set()).add(len(norms))
        self._lengths = {first: tuple(sorted(found, reverse=True)) for first, found in lengths.items()}
        combos = {tuple(sorted(c.items())) for c in self.phrases.values() if c}
        combos |= {((t, k),) for c in self.phrases.values() for t, k in c.items()}  # linker results
        self.lemmas = {combo: concept_lemma(dict(combo)) for combo in combos}
        self._lemma_values: dict[tuple, tuple[str, ...]] = {}

    def lemma_values(self, lex_type: str | None = None, keys: Iterable[str] | None = None) -> list[str]:
        """Every LEMMA value naming a concept of ``lex_type`` (restricted to ``keys``);
        with no type, every concept LEMMA (for ``NOT_LEX``)."""
        memo_key = (lex_type, tuple(keys) if keys else None)  # the rules ask the same few hundred times
        if memo_key not in self._lemma_values:
            wanted = set(keys) if keys else None
            self._lemma_values[memo_key] = tuple(
                sorted(
                    lemma
                    for concepts, lemma in self.lemmas.items()
                    if lex_type is None or any(t == lex_type and (wanted is None or k in wanted) for t, k in concepts)
                )
            )
        return list(self._lemma_values[memo_key])

    def _longest(self, norms: list[str], start: int) -> tuple[int, dict[str, str]] | None:
        remaining = len(norms) - start
        for length in self._lengths.get(norms[start], ()):
            if length > remaining:
                continue
            concepts = self.phrases.get(tuple(norms[start : start + length]))
            if concepts is not None and (concepts or length > 1):
                return length, concepts
        return None

    def _head_unit(self, norms: tuple[str, ...]) -> dict[str, str]:
        """A form or route phrase still counts as its first word's unit: ``comprimé pelliculé``
        is a tablet, ``application cutanée`` an application."""
        first = self.phrases.get(norms[:1], {})
        return {t: first[t] for t in ("unit_of_presentation", "unit") if t in first}

    def __call__(self, doc: Doc) -> Doc:
        words = list(doc_words(doc))
        norms = [t.norm_ for t in words]
        found: list[tuple[int, int, dict[str, str]]] = []
        i = 0
        while i < len(words):
            hit = None if is_numeric_token(norms[i]) else self._longest(norms, i)
            if hit is None:
                i += 1
                continue
            length, concepts = hit
            found.append((words[i].i, words[i + length - 1].i + 1, concepts))
            i += length
        by_char = {doc[start].idx: concepts for start, _, concepts in found}
        if any(end - start > 1 for start, end, _ in found):
            with doc.retokenize() as retokenizer:
                for start, end, _ in found:
                    if end - start > 1:
                        span = doc[start:end]
                        norm = " ".join(t.norm_ for t in span if not t.is_space)
                        retokenizer.merge(span, attrs={"NORM": norm})
        for token in doc_tokens(doc):
            # Every token gets a TAG and a LEMMA: spaCy's Matcher refuses docs without them.
            token.tag_ = token.lemma_ = NONE
            token_concepts = by_char.get(token.idx)
            if token_concepts:
                tag_concepts(token, token_concepts, self.lemmas.get(tuple(sorted(token_concepts.items()))))
            number = _number(token.norm_)
            if number:
                tag = number[0]
                token.tag_ = tag
                set_token_value(token, "num", number[1])
                set_token_value(token, "is_num", True)
                set_token_value(token, "is_digit_num", tag != NUMBER_TAGS["word"])
                set_token_value(token, "is_slot", tag == NUMBER_TAGS["slot"])
        return doc
