"""NER step of posology: a trained spaCy model that finds the spans the rules miss.

Modules, in the order data flows:

* ``labels`` — the 15 labels (DRUG, STRENGTH, DOSE, SLOTS, FREQUENCY, WHEN, TIME, DAYS, DURATION,
  ROUTE, AS_NEEDED, MAX_DOSE, DISPENSE, FORM, PHASE) and the mention families each gives;
* ``tokenizer`` — the posology tokenizer registered as ``posology.tokenizer.v1``;
* ``tagger`` — ``NerTagger.load()``, ``spans()``, ``drug_spans()``, ``mentions()``;
* ``pieces`` / ``amounts`` / ``convert`` / ``convert_timing`` / ``fallback`` — span → mention
  converters (pure functions) and the guarded fallback to the embedding linker.

``import posology.ner`` is light: spaCy and the model load on first use. The corpus, its
augmentation and the training (``python -m training.train``) are the top-level ``training``
package of the source checkout, not part of the runtime package.
"""

from __future__ import annotations

from pathlib import Path


def default_model_dir() -> Path | None:
    """``models/ner`` of the installation, or ``None`` when there is no models folder."""
    from posology.resources import models_dir

    try:
        return models_dir() / "ner"
    except FileNotFoundError:
        return None


def model_installed(path: Path | None = None) -> bool:
    """Whether a trained model is there (its ``config.cfg``, the file ``NerTagger.load`` looks
    for), without loading it: the model loads at the first line that needs it."""
    path = path if path is not None else default_model_dir()
    return path is not None and (path / "config.cfg").is_file()
