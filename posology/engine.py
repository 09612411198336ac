"""The engine: loads the parts once and runs the steps of ``posology.steps`` over one record.

text → (squeezed) tokens with norms → lexicon concepts → rule matches → mentions → (NER
where the rules left a gap) → drug names → medication segments → typed Dosages
(``posology.dosage``) → FHIR (``posology.fhir``, outside the engine).

``Engine.prescription(text)`` makes one :class:`~posology.analysis.Analysis` and hands it to
each step in turn; ``docs/architecture.md`` is the map.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from functools import lru_cache

from posology.analysis import Analysis
from posology.dosage import Issue, Prescription
from posology.errors import Warnings
from posology.matching.rules import rule_vocabulary
from posology.steps import STEPS
from posology.steps.check import check_input, replace_surrogates
from posology.steps.read import analyse

DEFAULT_MAX_LENGTH = 10_000


class Engine:
    """Structures prescription texts. Build it once (``Engine.load()``) and reuse it.

    >>> engine = Engine.load()
    >>> med = engine.prescription("Xeplion 50 mg 1 cp le matin").medications[0]
    >>> med.name, med.strengths[0].value, med.dosages[0].dose.low.unit, med.dosages[0].timing.when
    ('Xeplion', 50, 'tablet', ('MORN',))
    """

    def __init__(self, max_length: int = DEFAULT_MAX_LENGTH) -> None:
        from posology.matching.lexicon import Lexicon, load_aliases
        from posology.matching.matcher import RuleMatcher
        from posology.matching.rules import load_rules, multiword_norms
        from posology.ner.tokenizer import blank_nlp

        self.max_length = max_length
        self.nlp = blank_nlp()  # made with the posology tokenizer: spaCy's default one is never built
        self.rules = load_rules()
        self.lexicon = Lexicon(self.nlp.tokenizer, load_aliases(), multiword_norms(self.rules))
        self.matcher = RuleMatcher(self.nlp.vocab, self.rules, self.lexicon)
        self.rule_words = rule_vocabulary(self.rules)  # known cue words are never "unknown"

    @classmethod
    @lru_cache(maxsize=1)
    def load(cls) -> Engine:
        """The shared engine of this process (built on first use)."""
        from posology._gc import paused_gc

        with paused_gc():
            return cls()

    # -- the run -------------------------------------------------------------------------

    def prescription(self, text: str, mode: str = "rules", read: Analysis | None = None) -> Prescription:
        """Structure one text into typed values (no FHIR). Bad input gives issues, not errors.

        ``mode``: ``rules``; ``ner`` (the NER spans alone); ``hybrid`` (rules first, NER spans
        where no rule matched). Without a trained model, ``ner`` and ``hybrid`` run the rules.
        ``read``: this text's record after the read step, from :meth:`read_ahead`.
        """
        problem = self.check_input(text)
        if problem:
            return Prescription(text if isinstance(text, str) else "", (), (problem,))
        text, replaced = replace_surrogates(text)
        if replaced:  # a lone surrogate cannot be written out: U+FFFD, same offsets, flagged
            prescription = self.prescription(text, mode)
            issue = Issue("warning", "invalid", Warnings.W014.format(count=replaced))
            return replace(prescription, issues=(issue, *prescription.issues))
        first = 0
        if read is not None and read.text == text and read.mode == mode:
            analysis, first = read, 1  # read ahead: the read step is done
        else:
            analysis = Analysis(text, mode)
        for _name, step in STEPS[first:]:
            step(self, analysis)
        return Prescription(text, tuple(analysis.medications), tuple(analysis.issues))

    def read_ahead(self, texts: Iterable[str], mode: str) -> dict[str, Analysis]:
        """The read step of hybrid lines about to be structured, and the NER spans of those the
        rules leave a gap in, predicted in one batch (``NerTagger.predict_ahead``): what
        :meth:`prescription` goes on from (``read=``). Other modes, and a text that fails the
        input check or has a lone surrogate, are not read ahead."""
        if mode != "hybrid" or not self.ner_installed:
            return {}
        from posology.steps.hybrid import reaches_ner

        ahead: dict[str, Analysis] = {}
        for text in texts:
            if not isinstance(text, str) or text in ahead or self.check_input(text) or replace_surrogates(text)[1]:
                continue
            analysis = Analysis(text, mode)
            try:
                STEPS[0][1](self, analysis)
            except Exception:  # the line raises again where it is structured, in its turn
                continue
            ahead[text] = analysis
        gaps = [analysis.clean for analysis in ahead.values() if reaches_ner(analysis)]
        if gaps and self.ner is not None:
            try:
                self.ner.predict_ahead(gaps)
            except Exception:  # each line then asks the model alone, and raises in its turn
                pass
        return ahead

    def analyse(self, clean_text: str, spelling: dict[int, str] | None = None):
        """Tokens, accepted rule matches and mentions of an already squeezed text (the *read*
        step alone, for the tests, the NER pieces and the benchmarks)."""
        analysis = Analysis(clean_text, "rules", clean=clean_text)
        analyse(self, analysis, spelling)
        return analysis.doc, analysis.matches, analysis.mentions

    def check_input(self, text: object) -> Issue | None:
        return check_input(text, self.max_length)

    # -- parts loaded on first use ---------------------------------------------------------

    @property
    def linker(self):
        """The span linker (n-gram FAISS index over the terminology aliases), or None."""
        if not hasattr(self, "_linker"):
            from posology.linking.linker import SpanLinker

            self._linker = SpanLinker.load()
        return self._linker

    @property
    def ner(self):
        """The trained NER tagger, or None when no model ships with this installation."""
        if not hasattr(self, "_ner"):
            try:
                from posology.ner.tagger import NerTagger

                self._ner = NerTagger.load()
            except ImportError:
                self._ner = None
        return self._ner

    @property
    def ner_installed(self) -> bool:
        """Whether the NER model ships with this installation, read from its files until it is
        loaded (the start-up of a process need not load it to say so)."""
        if hasattr(self, "_ner"):
            return self._ner is not None
        from posology.ner import model_installed

        return model_installed()

    @property
    def drugs(self):
        """The BDPM drug linker (loaded on first use)."""
        if not hasattr(self, "_drugs"):
            from posology.linking.drugs import DrugLinker

            self._drugs = DrugLinker.load()
        return self._drugs

    @lru_cache(maxsize=65_536)  # noqa: B019 - one engine per process; names repeat across lines
    def link_drug_name(self, name: str, strengths: tuple, form: str | None):
        """The drug linker's match for a name with its strengths and form (cached)."""
        return self.drugs.link(name, strengths=strengths, form=form)

    @lru_cache(maxsize=65_536)  # noqa: B019 - words repeat across a data warehouse's lines
    def link_span(self, text: str, types: tuple[str, ...], after_number: bool = False):
        """The span linker's reading of a word no alias knows, in context (cached)."""
        return self.linker.link_in_context(text, types=types, after_number=after_number)

    @property
    def vocabulary(self) -> dict[int, list[str]]:
        """Every word the rules and the aliases know (norms), by length: the words a
        misspelling inside an NER span may be repaired to."""
        if not hasattr(self, "_vocabulary"):
            words = set(self.rule_words) | {w for phrase in self.lexicon.phrases for w in phrase}
            by_length: dict[int, list[str]] = {}
            for word in sorted(w for w in words if w.isalpha() and len(w) >= 3):
                by_length.setdefault(len(word), []).append(word)
            self._vocabulary = by_length
            self._known_words = frozenset(w for length in by_length.values() for w in length)
        return self._vocabulary

    @property
    def known_words(self) -> frozenset[str]:
        """The words of :attr:`vocabulary`, as a set."""
        self.vocabulary  # noqa: B018 - builds both
        return self._known_words
