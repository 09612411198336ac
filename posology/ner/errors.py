"""Messages of the NER step, with stable codes (E1xx: NER corpus and model).

They follow ``posology.errors`` (one place for the messages of this package); they live here
until the NER step is merged into ``posology/errors.py``.

>>> NerErrors.E101.format(where="fr.txt:3", span="1 c", label="DOSE", text="1 cp")
"[E101] fr.txt:3: the DOSE span '1 c' does not fall on token boundaries of '1 cp'."
"""

from __future__ import annotations


class NerErrors:
    E101 = "[E101] {where}: the {label} span {span!r} does not fall on token boundaries of {text!r}."
    E102 = "[E102] {where}: unknown label {label!r} (labels: {labels})."
    E103 = "[E103] {where}: unbalanced markup in {line!r}."
    E104 = "[E104] The NER model in {path} cannot be loaded: {detail}"
    E105 = "[E105] {where}: overlapping spans {first!r} and {second!r}."


class NerError(ValueError):
    """A corpus line or a model file of the NER step is invalid."""
