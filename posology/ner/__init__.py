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
