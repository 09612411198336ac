"""A tokenizer for prescriptions: splits what doctors and OCR glue together.

``1cp`` → ``1 cp``; ``Dolo650mg`` → ``Dolo 650 mg``; ``x3/j`` → ``x 3 / j``; ``1-0-1`` → ``1 - 0 - 1``;
``1/2cp`` → ``1/2 cp`` (a fraction stays one token); ``t.i.d.`` stays one token; ``1 000 mg``
keeps ``1 000`` as one number; OCR's ``1``/``0`` for ``l``/``o`` inside a word (``Do1iprane``,
``c0mprimé``) keeps the word whole (its norm reads the letters). The Doc's text is exactly
the input text, so every token's ``idx`` is a true character offset into what the caller
passed.

>>> from spacy.vocab import Vocab
>>> doc = PrescriptionTokenizer(Vocab())("Dolo650mg 1cp x3/j")
>>> [t.text for t in doc]
['Dolo', '650', 'mg', '1', 'cp', 'x', '3', '/', 'j']
>>> [t.norm_ for t in PrescriptionTokenizer(Vocab())("1 000 MG, 1/2-0-1/2")]
['1000', 'mg', ',', '1/2', '-', '0', '-', '1/2']
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc
from spacy.vocab import Vocab

from posology.text.normalize import norm

_SPACE = "[ \u00a0\u202f\u2009]"
_TOKEN = re.compile(
    rf"""
    (?P<thousands>(?<!\w)\d{{1,3}}(?:{_SPACE}\d{{3}})+(?=\s*(?:mg|g|µg|ug|mcg|ml|ui|iu|u\b|unit|unité)))
    | (?P<dotted>(?<![^\W\d_])(?:[^\W\d_]\.){{2,}}(?:[^\W\d_](?![^\W\d_])\.?)?)
    | (?P<fraction>(?<![\d/])\d+/\d+(?![\d/]))
    | (?P<number>\d+(?:[.,]\d+)?)
    | (?P<vulgar>[½¼¾⅓⅔])
    | (?P<elision>(?:[ldjnmstc]|qu)['’](?=[^\W\d_]))
    | (?P<word>[^\W\d_]+(?:[01]+[^\W\d_]+)*)
    | (?P<space>\s+)
    | (?P<other>.)
    """,
    re.VERBOSE | re.IGNORECASE | re.DOTALL,
)


_GLUED_UNIT = re.compile(r"^(?P<word>.*?[^\W\d_])(?P<number>[01]+)(?P<unit>g|mg|ml|l|ug|µg|mcg|ui|cp|j|h|gr|sem)$",
                         re.IGNORECASE)


def _split_glued_unit(text: str, start: int) -> list[tuple[int, int, bool]] | None:
    """``Amoxicilline1g`` is a name, a number and a unit, not an OCR'd word like ``dai1y``."""
    glued = _GLUED_UNIT.match(text)
    if not glued:
        return None
    cut, unit = glued.end("word"), glued.start("unit")
    return [(start, start + cut, False), (start + cut, start + unit, False), (start + unit, start + len(text), False)]


def _is_fraction(text: str) -> bool:
    """``1/2``, ``3/4``: a numerator below a small denominator; ``100/25`` is two strengths."""
    numerator, denominator = (int(part) for part in text.split("/"))
    return 0 < numerator < denominator <= 10


def token_spans(text: str) -> Iterator[tuple[int, int, bool]]:
    """Yield ``(start, end, is_space)`` for every token of ``text``, covering it exactly."""
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        start, end = match.span()
        if kind == "word" and any(ch in "01" for ch in match.group()):
            pieces = _split_glued_unit(match.group(), start)
            if pieces:
                yield from pieces
                continue
        if kind == "fraction" and not _is_fraction(match.group()):
            cut = match.group().index("/")
            yield start, start + cut, False
            yield start + cut, start + cut + 1, False
            yield start + cut + 1, end, False
            continue
        yield start, end, kind == "space"


_SLOT_SEPARATORS = {"-", "+", "/"}


def _read_ocr_zeros(doc: Doc) -> None:
    """OCR reads the 0 of ``1-0-1`` as a letter O: between slot separators after a digit, an
    ``O`` is read as ``0`` (its norm only; the text is untouched)."""
    for token in doc[2:]:
        before, separator = doc[token.i - 2], doc[token.i - 1]
        if token.text in ("O", "o") and separator.text in _SLOT_SEPARATORS and before.text.isdigit():
            token.norm_ = "0"


class PrescriptionTokenizer:
    """spaCy tokenizer: words plus exact whitespace, so ``doc.text == text``."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        words: list[str] = []
        spaces: list[bool] = []
        for start, end, is_space in token_spans(text):
            piece = text[start:end]
            if is_space and words and not spaces[-1] and piece.startswith(" "):
                spaces[-1] = True
                piece = piece[1:]
            if piece:
                words.append(piece)
                spaces.append(False)
        doc = Doc(self.vocab, words=words, spaces=spaces)
        for token in doc:
            token.norm_ = norm(token.text)
        _read_ocr_zeros(doc)
        return doc

    def to_disk(self, path, **kwargs) -> None:  # noqa: D102 - nothing to save
        return None

    def from_disk(self, path, **kwargs) -> PrescriptionTokenizer:  # noqa: D102
        return self
