"""Brands written beside a drug's name, read as no second drug (step 4, ``posology.steps.names``):
``rosuvastatin (CRESTOR) 20 MG tablet``, ``Commonly known as: ELIQUIS``, ``Metformin 500 mg
tablet (Diabex): …``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from posology.text.tokenizer import doc_tokens

if TYPE_CHECKING:
    from posology.analysis import Analysis


def brands_in_parentheses(analysis: Analysis, names: list[list]) -> list[list]:
    """``rosuvastatin (CRESTOR) 20 MG tablet``, ``albuterol (PROAIR HFA) 90 mcg``: a name in
    parentheses right after another is the same drug's brand (an EHR's medication list), not a
    second medication; so are the brands after ``Commonly known as:``. The first name stays,
    the brands' words are read."""
    text = analysis.clean  # the Doc's text (spaCy joins every token at each doc.text)
    if "(" not in text and "known as" not in text.lower():
        return names
    doc = analysis.doc
    spans = _known_as_spans(doc)
    for run in names:
        closing = _brand_close(doc, run) if run else None
        if closing is not None:
            spans.append((run[-1].i + 2, closing))
    if names and names[0]:
        spans += _brands_after_product(doc, analysis.covered, names[0][-1].i)
    if not spans:
        return names
    analysis.covered.update(i for first, last in spans for i in range(first - 1, last + 1) if not doc[i].is_space)
    return [run for run in names if not (run and any(first <= run[0].i <= last for first, last in spans))]


def _known_as_spans(doc) -> list[tuple[int, int]]:
    """``Commonly known as: ADVIL,MOTRIN``, ``Commonly known as: ELIQUIS``: the brands an EHR
    lists after the drug (first and last token index), read as no drug."""
    spans = []
    for token in doc_tokens(doc):
        if token.norm_ != "commonly known as":
            continue
        index = token.i + 1 + (token.i + 1 < len(doc) and doc[token.i + 1].text == ":")
        first = last = index
        while last < len(doc) and (doc[last].is_upper and doc[last].is_alpha or doc[last].text in (",", "-")):
            last += 1
        if last > first:
            spans.append((first, last - 1))
    return spans


def _brand_close(doc, run: list) -> int | None:
    """The index of the ``)`` closing a brand in parentheses right after the name ``run``
    (``(ZOFRAN-ODT)``, ``(HUMALOG KWIKPEN)``, ``(PRINIVIL,ZESTRIL)``, ``(PROVENTIL HFA;VENTOLIN HFA)``,
    ``(VITAMIN B-12)``), or the
    composition of one (``(Pantoprazole + Domperidone)``): a word first, then words, numbers,
    hyphens, commas and plus signs; None when no such brand follows."""
    opening = run[-1].i + 1
    if opening + 1 >= len(doc) or doc[opening].text != "(" or not run[-1].whitespace_:  # "Iron(II) sulfate"
        return None
    if not doc[opening + 1].is_alpha:
        return None
    for token in doc[opening + 1 : opening + 9]:
        if token.text == ")":
            return token.i
        if not (token.text.isalnum() or token.text in ("-", ",", ";", "/", "+", "&") or token.is_space):
            return None  # "+": a composition ("PANTOCID DSR (Pantoprazole + Domperidone)")
    return None


def _brands_after_product(doc, covered: set[int], after: int) -> list[tuple[int, int]]:
    """``Metformin 500 mg tablet (Diabex): Take ONE tablet …``, ``Insulin aspart 100 units/mL
    injection (NovoRapid FlexPen): …``: a capitalised brand in parentheses after the product's
    strength or form (words the rules read) and before the colon of its directions."""
    spans = []
    for token in doc[after + 1 :]:
        if token.text != "(" or token.i == 0 or token.i - 1 not in covered or not doc[token.i - 1].whitespace_:
            continue
        closing = _brand_close(doc, [doc[token.i - 1]])
        following = doc[closing + 1] if closing is not None and closing + 1 < len(doc) else None
        if (
            closing is not None
            and following is not None
            and following.text == ":"
            and doc[token.i + 1].text[:1].isupper()
        ):
            spans.append((token.i + 1, closing))
    return spans
