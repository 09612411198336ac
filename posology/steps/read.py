"""Step 1, read: tokens, lexicon concepts, linked words, rule matches, mentions and cues.

Reads ``analysis.text``; writes ``clean``, ``offsets``, ``doc``, ``matches``, ``rejected``,
``mentions``, ``linked``, ``spelling``, ``cues`` and ``covered``.

Words the exact lexicon does not know are offered to the span linker first
(``posology.linking.words``); what it links the rules then read like an alias. The hybrid step
calls :func:`analyse` again with ``spelling`` (clean start → norm) when the NER model located
misspelt words, so that the rules read the repaired norms.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from posology.fields.cautions import caution_cues, with_cautions
from posology.fields.cues import covered_by_cues, find_cues
from posology.fields.mentions import mentions_from_match
from posology.fields.name_neighbours import counts_before_names
from posology.linking.words import link_unknown_words
from posology.steps.packs import column_quantities
from posology.steps.runs import name_runs
from posology.text.ocr_words import repair_ocr_words
from posology.text.offsets import squeeze
from posology.text.tokenizer import doc_text, doc_tokens

if TYPE_CHECKING:
    from posology.analysis import Analysis
    from posology.engine import Engine


def step(engine: Engine, analysis: Analysis) -> None:
    analysis.clean, analysis.offsets = squeeze(analysis.text)
    analyse(engine, analysis)


def analyse(engine: Engine, analysis: Analysis, spelling: dict[int, str] | None = None) -> None:
    """Tokenise ``analysis.clean`` (norms repaired by ``spelling``), look the words up, link the
    unknown ones, match the rules; then the mentions, the order cues and the covered tokens."""
    doc = engine.nlp.tokenizer(analysis.clean)
    repaired = {}
    for token in doc_tokens(doc):
        if spelling and token.idx in spelling:
            repaired[token.idx] = (token.text, spelling[token.idx])
            token.norm_ = spelling[token.idx]
    doc = engine.lexicon(repair_ocr_words(doc, lambda: engine.known_words, engine.rule_words))
    analysis.doc, analysis.spelling = doc, repaired
    # the drug database loads at the first word that needs it, not for a line of known words
    analysis.linked = link_unknown_words(
        doc, engine.link_span, lambda word: engine.drugs.is_drug_word(word), engine.rule_words
    )
    analysis.matches, analysis.rejected = engine.matcher.match(doc)
    analysis.mentions = [m for index, match in enumerate(analysis.matches) for m in mentions_from_match(match, index)]
    # token indices of this doc (repaired words may merge); a label's cautions are advice
    analysis.cues = with_cautions(find_cues(doc), caution_cues(doc))
    analysis.covered = covered_tokens(analysis) | covered_by_cues(analysis.cues)
    text = doc_text(doc)
    for start, end in release_prefix(text) + supplier_in_parentheses(text):
        analysis.cover(start, end)
    if analysis.offsets is not None and _WIDE_GAP.search(analysis.text):  # the caller's gaps (a label's columns)
        analysis.mentions, analysis.covered, analysis.rejected = column_quantities(
            doc, analysis.offsets.wide_gap, analysis.mentions, analysis.covered, analysis.rejected
        )
    # "2 Doliprane si douleur": the count before a name, read before the NER looks for gaps
    analysis.mentions, analysis.covered = counts_before_names(
        doc, lambda: name_runs(analysis), analysis.mentions, analysis.covered
    )


_WIDE_GAP = re.compile(r"\S\s{2,}\S")
# RxNorm's extended-release period opening a product's name ("24 HR metformin hydrochloride 500 MG
# Extended Release Oral Tablet"), at the line's start or after an order's label ("STOPPED: 12 HR …")
_RELEASE_PREFIX = re.compile(r"(?:^|^[A-Za-z ]{1,20}:\s*)(?P<period>(?:12|24) HR )(?=[a-z])")
# …and after the form, before the strength, as a MAR prints it ("Tablet Extended Release 24 Hour 25 MG",
# "Fentanyl Patch 72 Hour 25 MCG/HR")
_RELEASE_AFTER_FORM = re.compile(
    r"\b(?:Release|Patch|Tablet|Capsule|System) (?P<period>(?:12|24|72|168) Hours? )(?=\d)"
)


# a dm+d product's supplier in brackets ("Creon 25000 gastro-resistant capsules (Viatris UK Healthcare
# Ltd)", "(Reckitt Benckiser Healthcare (UK) Ltd)"): a company's legal name, one level of brackets inside
_SUPPLIER = re.compile(
    r"\((?:[^()]|\([^()]*\))*?\b(?:Ltd|Limited|plc|PLC|Inc|GmbH|Laboratories|Pharmaceuticals|Pharma|Healthcare)\.?\)"
)


def supplier_in_parentheses(text: str) -> list[tuple[int, int]]:
    """The spans of a supplier's name in brackets: who makes the product, no drug and no field."""
    return [found.span() for found in _SUPPLIER.finditer(text)] if "(" in text else []


def release_prefix(text: str) -> list[tuple[int, int]]:
    """The spans of an RxNorm release period (before the name, or after the form): part of the
    product's name (its form says as much: "Extended Release"), never a clock time or a duration."""
    found = _RELEASE_PREFIX.match(text)
    spans = [found.span("period")] if found is not None else []
    if "Hour" in text:
        spans += [m.span("period") for m in _RELEASE_AFTER_FORM.finditer(text)]
    return spans


def covered_tokens(analysis: Analysis) -> set[int]:
    """Indices of the tokens rule matches took, refused matches included: their words are
    reported by W009, not as unexplained or as a drug name."""
    taken = list(analysis.matches) + list(analysis.rejected)
    return {token.i for match in taken for token, _ in match.tokens}
