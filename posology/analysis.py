"""The analysis record: everything the steps know about one line, in one explicit object.

``Engine.prescription`` makes one :class:`Analysis` per text and runs the steps of
``posology.steps`` over it in order (``posology/steps/__init__.py`` lists them); each step reads
some fields and writes others, and says which in its docstring. No step passes data to another
through a side channel (``doc.user_data``, a global): if a later step needs it, it is a field here.

Offsets: the steps work on ``clean`` (the text with invisible characters squeezed out,
``posology.text.offsets.squeeze``); ``offsets.span(start, end)`` maps a ``clean`` span back to
the caller's ``text``, and every :class:`~posology.dosage.Issue` is in the caller's offsets.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from posology.dosage import Issue, Medication
from posology.fields.plausibility import value_issue

if TYPE_CHECKING:  # type names only: the record imports no step
    from posology.fields.mentions import Mention
    from posology.matching.matcher import RuleMatch


@dataclass
class Analysis:
    """One line on its way through the steps (mutable: each step fills its fields)."""

    text: str  # the caller's text (lone surrogates already replaced by U+FFFD)
    mode: str  # "rules", "ner" or "hybrid"; the hybrid step may lower "hybrid" to "rules"
    clean: str = ""  # the squeezed text every step reads
    offsets: Any = None  # posology.text.offsets.Offsets: clean spans → caller's spans, line breaks
    # read (posology.steps.read)
    doc: Any = None  # the spaCy Doc of ``clean``: tokens with norms, numbers and lexicon concepts
    matches: list[RuleMatch] = field(default_factory=list)  # accepted rule matches, in text order
    rejected: list[RuleMatch] = field(default_factory=list)  # matches naming a count FHIR cannot hold
    mentions: list[Mention] = field(default_factory=list)  # typed pieces of the posology
    linked: dict[int, Any] = field(default_factory=dict)  # clean start → LinkResult of a word no alias knew
    spelling: dict[int, tuple[str, str]] = field(default_factory=dict)  # clean start → (as written, norm read)
    cues: Any = None  # posology.fields.orders.Cues: stop / hold / titration / except … words
    covered: set[int] = field(default_factory=set)  # token indices some rule (or the NER) explained
    # hybrid (posology.steps.hybrid)
    ner_refused: list[tuple[Mention, str]] = field(default_factory=list)  # NER mentions never structured
    # the name finder's runs for (doc, mentions, covered): found once when nothing changed between
    # the hybrid step's gap check and the names step (posology.steps.names.name_runs)
    name_runs: tuple[Any, list[list[Any]]] | None = None
    # names (posology.steps.names)
    names: list[list[Any]] = field(default_factory=list)  # token runs of the drug names
    order_named: set[int] = field(default_factory=set)  # first-token indices of names an order verb names
    # assemble (posology.steps.assemble)
    medications: list[Medication] = field(default_factory=list)
    # every step: what a reader must know, in the caller's offsets (reported in this order)
    issues: list[Issue] = field(default_factory=list)
    value_issues: list[Issue] = field(default_factory=list)  # impossible clock times, reported with the orders'

    def cover(self, start: int, end: int) -> None:
        """The words of ``clean[start:end]`` are read (a reading kept them as an instruction)."""
        self.covered.update(t.i for t in self.doc if start <= t.idx < end and not t.is_space)

    def value_issue(self, start: int, end: int, problem: str, code: str = "value") -> Issue:
        """A W023 warning on ``clean[start:end]``, in the caller's offsets: a value (``code``
        ``business-rule``: an order the Dosage cannot hold) a pharmacist must see."""
        begin, stop = self.offsets.span(start, end)
        return value_issue(self.text, begin, stop, problem, code=code)
