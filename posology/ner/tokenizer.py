"""The posology tokenizer as a registered spaCy tokenizer (``posology.tokenizer.v1``).

The NER model is trained and run on the tokens the rules see (``1cp`` → ``1 cp``,
``Dolo650mg`` → ``Dolo 650 mg``, norms without accents), so entity boundaries fall on the
same tokens. The saved model's ``config.cfg`` names this factory: importing this module
before ``spacy.load`` is what lets the model load with the same tokenizer.

>>> nlp = blank_nlp()
>>> [t.text for t in nlp("Dolo650mg 1cp x3/j")]
['Dolo', '650', 'mg', '1', 'cp', 'x', '3', '/', 'j']
"""

from __future__ import annotations

from collections.abc import Callable

import spacy
from spacy.language import Language

from posology.text.tokenizer import PrescriptionTokenizer

TOKENIZER_NAME = "posology.tokenizer.v1"


@spacy.registry.tokenizers(TOKENIZER_NAME)
def create_tokenizer() -> Callable[[Language], PrescriptionTokenizer]:
    """spaCy tokenizer factory: ``[nlp.tokenizer] @tokenizers = "posology.tokenizer.v1"``."""

    def make(nlp: Language) -> PrescriptionTokenizer:
        return PrescriptionTokenizer(nlp.vocab)

    return make


def blank_nlp() -> Language:
    """A blank multi-language pipeline with the posology tokenizer (what the corpus uses)."""
    return spacy.blank("xx", config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER_NAME}}})
