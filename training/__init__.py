"""Training of the NER model (``models/ner``): not part of the runtime package.

Run from a source checkout (the corpus and the model folder are found beside this package):

* ``markup`` / ``corpus`` — the annotated corpus (``corpus/ner``): inline markup,
  deterministic train/dev/test split, alignment checks, DocBins;
* ``augment`` — generated lines for the train split only (case, accents, templates);
* ``build`` — ``python -m training.build`` checks the corpus and writes the DocBins;
* ``config.cfg`` / ``train`` — ``python -m training.train`` writes ``models/ner`` (deterministic).

``posology`` never imports this package (``tests/test_architecture.py``); the wheel does not
ship it.
"""
