"""Words OCR broke, read back before the lexicon looks them up.

Two slips of character recognition that keep every letter of the word:

- an ``m`` read as ``rn`` (``rnatin``, ``rnax 8/j``, ``pdt l rnois``): a word no rule or alias
  knows whose ``rn`` → ``m`` spelling is a known word takes that norm;
- a word cut by a space (``le so ir``, ``de ux``): two words side by side, the first one unknown,
  whose concatenation is a known word are merged into that word (an Indian slip's item opener
  too, shorter, when a full stop follows its last letter: ``Ta b. Pan 40``).

"Known" is :attr:`posology.engine.Engine.known_words` (the words of the rules and the aliases, of
three letters or more), never a drug database name: a repair only ever yields a posology word, so
that a name is never bent into one (``Pernod``, ``Sterdex`` stay what they are). The token's text
stays as written (offsets unchanged); only its norm, which the lexicon and the rules read, is
the repaired word. Like the tokenizer's digit repairs (``l cp``, ``4OO mg``), a repair raises no
issue: nine OCR gold rounds wrote such lines without a review flag (``docs/decisions.md``).
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc

from posology.text.tokenizer import doc_words

MIN_JOINED = 4  # a cut word of fewer letters is too likely to be two real short words
# an Indian slip's item opener cut before its last letter ("Ta b. Pan 40", "Ca p. Omez"): shorter,
# but the full stop after the lone letter says it is the abbreviation
_OPENERS = frozenset({"tab", "cap", "inj", "syp", "syr"})


def _cut_opener(words: list, index: int, joined: str) -> bool:
    following = words[index + 2] if index + 2 < len(words) else None
    return (
        joined in _OPENERS
        and len(words[index + 1].text) == 1
        and following is not None
        and following.text == "."
        and not words[index + 1].whitespace_
    )


def repair_ocr_words(doc: Doc, known: Callable[[], frozenset[str]], rule_words: frozenset[str]) -> Doc:
    """``doc`` with OCR's broken words read back (see the module docstring); ``known`` is called
    only when a line has a candidate: a word with ``rn`` or a short word (most lines have one, so
    the vocabulary is the engine's cached set, built once)."""
    words = list(doc_words(doc))
    if not any("rn" in t.norm_ or (len(t.norm_) < MIN_JOINED and t.is_alpha) for t in words):
        return doc
    vocabulary = known()

    def unknown(norm: str) -> bool:
        return norm not in vocabulary and norm not in rule_words

    for token in words:
        norm = token.norm_
        if "rn" in norm and token.is_alpha and unknown(norm) and norm.replace("rn", "m") in vocabulary:
            token.norm_ = norm.replace("rn", "m")
    joins = []
    index = 0
    while index + 1 < len(words):
        first, second = words[index], words[index + 1]
        joined = first.norm_ + second.norm_
        if (
            first.whitespace_ == " "
            and second.i == first.i + 1
            and first.is_alpha
            and second.is_alpha
            and (len(joined) >= MIN_JOINED or _cut_opener(words, index, joined))
            and unknown(first.norm_)
            and joined in vocabulary
        ):
            joins.append((first.i, joined))
            index += 2
            continue
        index += 1
    if joins:
        with doc.retokenize() as retokenizer:
            for start, joined in joins:
                retokenizer.merge(doc[start : start + 2], attrs={"NORM": joined})
    return doc
