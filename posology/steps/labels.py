"""A line's label before its first drug written in small letters (``Céphalée de tension :
paracetamol 500 mg``, ``Hydratation : eau 250 ml``, ``Z-Pak: azithromycin 500 mg``): the name
finder keeps what stands before a colon when only small letters follow it (``Hextril : bains de
bouche``: the use, never the name), so the label was the drug. When no word of the first run is a
known drug and a known drug word opens what follows the colon (or a spaced dash), the drug is the
words after it; the label's words stay unexplained (a review flag). Called by ``posology.steps.names``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from posology.linking.common_words import is_common
from posology.text.tokenizer import doc_text

if TYPE_CHECKING:
    from posology.analysis import Analysis
    from posology.engine import Engine

_SEPARATORS = frozenset({":", "–", "—", "-"})


def label_before_small_drug(engine: Engine, analysis: Analysis, names: list[list]) -> list[list]:
    if not names or not names[0]:
        return names
    doc, first = analysis.doc, names[0]
    if doc_text(doc)[: first[0].idx].strip(" -*•\t"):
        return names  # the first run does not open the line
    following = [t for t in doc[first[-1].i + 1 :] if not t.is_space][:2]
    if len(following) < 2 or following[0].text not in _SEPARATORS or following[1].i in analysis.covered:
        return names
    separator, word = following
    if separator.text == "-" and not (separator.whitespace_ and doc[separator.i - 1].whitespace_):
        return names  # "Co-Amoxiclav": a hyphen inside a name
    if any(engine.drugs.is_drug_word(t.text) for t in first) or not engine.drugs.is_drug_word(word.text):
        return names
    if not word.is_lower or any(run and run[0].i == word.i for run in names[1:]):
        return names  # a capitalised word is the finder's to read; a run already there is kept
    run = []
    for token in doc[word.i :]:
        if token.i in analysis.covered or not token.is_alpha:
            break
        run.append(token)
    return [run, *names[1:]]


_EXAMPLE_WORDS = frozenset({"type", "genre", "style"})
_BY_EXAMPLE = "a product named by example ('type …'): this one, or any like it?"


def _product_word(engine: Engine, token) -> bool:
    """A known drug word, or a capitalised word no language uses (``Azinc``: a supplement)."""
    word = token.text
    return engine.drugs.is_drug_word(word) or (word[:1].isupper() and word.isalpha() and not is_common(word))


def named_by_example(engine: Engine, analysis: Analysis, names: list[list]) -> list[list]:
    """``Complexe multivitaminé type Azinc Optimal``: what follows ``type`` (a product's word) is
    the product named, as an example of a kind; the words before it name the kind. The drug is the
    example, flagged (W023): a pharmacist may give another of the kind."""
    found = []
    for run in names:
        at = next(
            (
                k
                for k, t in enumerate(run[:-1])
                if k > 0 and t.norm_ in _EXAMPLE_WORDS and _product_word(engine, run[k + 1])
            ),
            None,
        )
        if at is None:
            found.append(run)
            continue
        end = run[-1].idx + len(run[-1].text)
        analysis.issues.append(analysis.value_issue(run[0].idx, end, _BY_EXAMPLE))
        found.append(run[at + 1 :])
    return found


def category_before_brand(engine: Engine, names: list[list]) -> list[list]:
    """``Calcium : OROCAL VITAMINE D3 500 mg/400 UI``, ``Vitamine D : UVEDOSE``: a word or two before
    a colon, then a product the drug database names in full in capitals: the words before are the
    product's kind (a nutrition plan's heading), the product is the name."""
    found = []
    for run in names:
        colon = next((k for k, t in enumerate(run) if t.text == ":"), None)
        after = run[colon + 1 :] if colon is not None else []
        if (
            colon is None
            or not 1 <= colon <= 2
            or not after
            or not after[0].is_upper
            or engine.drugs.name_length([t.text for t in after]) < 1
        ):
            found.append(run)
            continue
        found.append(after)
    return found
