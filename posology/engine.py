"""The engine: loads everything once and runs the steps in order.

text → (squeezed) tokens with norms → lexicon concepts → rule matches → mentions →
medication segments → typed Dosages (``posology.dosage``) → FHIR (``posology.fhir``).
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from numbers import Real

from posology.dosage import Coding, Issue, Medication, Prescription
from posology.errors import Errors, Warnings
from posology.fields.dosages import (
    MED_WIDE,
    Context,
    _med_fields,
    edqm_coding,
    phase_dosages,
    phases,
    split_strengths,
)
from posology.fields.medications import (
    FUNCTION_WORDS,
    PRESENTATION_WORDS,
    MedicationSegment,
    find_drug_names,
    segment,
)
from posology.fields.mentions import Mention, mentions_from_match
from posology.fields.orders import (
    apply_orders,
    bare_numbers_after_names,
    covered_by_cues,
    find_cues,
    names_after_orders,
    rewrite_mentions,
)
from posology.fields.plausibility import check_values, impossible_clock_times
from posology.linking.common_words import is_common
from posology.linking.drugs_index import similarity_at_least
from posology.linking.words import link_unknown_words
from posology.matching.matcher import WHOLE_FIELDS
from posology.matching.rules import rule_vocabulary
from posology.text.offsets import INVISIBLE, squeeze
from posology.units.registry import presentation_codes, quantity

DEFAULT_MAX_LENGTH = 10_000
# A content word no rule read may change the order (a verb, a negation, a day): review (§8).
CONTENT_WORD_SEVERITY = "warning"


class Engine:
    """Structures prescription texts. Build it once (``Engine.load()``) and reuse it.

    >>> engine = Engine.load()
    >>> med = engine.prescription("Xeplion 50 mg 1 cp le matin").medications[0]
    >>> med.name, med.strengths[0].value, med.dosages[0].dose.low.unit, med.dosages[0].timing.when
    ('Xeplion', 50, 'tablet', ('MORN',))
    """

    def __init__(self, max_length: int = DEFAULT_MAX_LENGTH) -> None:
        import spacy

        from posology.matching.lexicon import Lexicon, load_aliases
        from posology.matching.matcher import RuleMatcher
        from posology.matching.rules import load_rules, multiword_norms
        from posology.text.tokenizer import PrescriptionTokenizer

        self.max_length = max_length
        self.nlp = spacy.blank("xx")
        self.nlp.tokenizer = PrescriptionTokenizer(self.nlp.vocab)
        self.rules = load_rules()
        self.lexicon = Lexicon(self.nlp.tokenizer, load_aliases(), multiword_norms(self.rules))
        self.matcher = RuleMatcher(self.nlp.vocab, self.rules, self.lexicon)
        self.rule_words = rule_vocabulary(self.rules)  # known cue words are never "unknown"

    @classmethod
    @lru_cache(maxsize=1)
    def load(cls) -> Engine:
        """The shared engine of this process (built on first use)."""
        return cls()

    def analyse(self, clean_text: str, spelling: dict[int, str] | None = None):
        """Tokens, accepted rule matches and mentions of an already squeezed text.

        Words the exact lexicon does not know are offered to the linker first; what it links
        (``doc.user_data["linked"]``: char start → LinkResult) the rules then read like an alias.
        ``spelling`` (char start → norm) replaces the norms of misspelt words before anything
        reads them (the hybrid engine's NER-guided repairs, see :meth:`ner_spelling`).
        """
        doc = self.nlp.tokenizer(clean_text)
        repaired = {}
        for token in doc:
            if spelling and token.idx in spelling:
                repaired[token.idx] = (token.text, spelling[token.idx])
                token.norm_ = spelling[token.idx]
        doc = self.lexicon(doc)
        doc.user_data["spelling"] = repaired  # char start → (word as written, norm read)
        doc.user_data["linked"] = self.link_unknown(doc)
        matches = self.matcher(doc)
        mentions = [m for index, match in enumerate(matches) for m in mentions_from_match(match, index)]
        return doc, matches, mentions

    @property
    def linker(self):
        """The span linker (n-gram FAISS index over the terminology aliases), or None."""
        if not hasattr(self, "_linker"):
            from posology.linking.linker import SpanLinker

            self._linker = SpanLinker.load()
        return self._linker

    def link_unknown(self, doc) -> dict[int, object]:
        """Link the words no alias explains (see ``posology.linking.words``)."""
        return link_unknown_words(doc, self._link_span_cached, self.drugs.is_drug_word, self.rule_words)

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

    def prescription(self, text: str, mode: str = "rules") -> Prescription:
        """Structure one text into typed values (no FHIR). Bad input gives issues, not errors.

        ``mode``: ``rules``; ``ner`` (the NER spans alone); ``hybrid`` (rules first, NER spans
        where no rule matched). Without a trained model, ``ner`` and ``hybrid`` run the rules.
        """
        problem = self.check_input(text)
        if problem:
            return Prescription(text if isinstance(text, str) else "", (), (problem,))
        text, replaced = replace_surrogates(text)
        if replaced:  # a lone surrogate cannot be written out: U+FFFD, same offsets, flagged
            prescription = self.prescription(text, mode)
            issue = Issue("warning", "invalid", Warnings.W014.format(count=replaced))
            return replace(prescription, issues=(issue, *prescription.issues))
        clean, offsets = squeeze(text)
        doc, matches, mentions = self.analyse(clean)
        cues = find_cues(doc)
        covered = covered_tokens(doc, matches) | covered_by_cues(cues)
        if mode == "hybrid" and not has_gap(doc, covered, find_drug_names(doc, covered, mentions, offsets.breaks)):
            mode = "rules"  # the rules explain every word: nothing for the NER model to fill
        if mode == "hybrid" and self.ner is not None:
            spelling = self.ner_spelling(clean, doc, covered)
            if spelling:  # the rules read the text again, misspelt words repaired
                doc, matches, mentions = self.analyse(clean, spelling)
                cues = find_cues(doc)  # token indices of the new doc (repaired words may merge)
                covered = covered_tokens(doc, matches) | covered_by_cues(cues)
        if mode != "rules" and self.ner is not None:
            mentions, covered = self.merge_ner(mode, clean, doc, mentions, covered)
        mentions = rewrite_mentions(doc, mentions, cues)
        mentions, clock_issues = impossible_clock_times(mentions, text, offsets.span)
        context = Context(text, offsets.span, doc.user_data.get("linked", {}))
        mentions, issues = resolve_eye_od(doc, mentions, context)
        issues.extend(review_issues(doc, mentions, context))
        if mode == "ner" and self.ner is not None:
            names = self.ner_drug_names(clean, doc)  # the NER path alone: its own drug spans
        else:  # rules and hybrid: the rule-side drug finder (NER drug spans invent drugs)
            names = [self.from_drug_word(run) for run in find_drug_names(doc, covered, mentions, offsets.breaks)]
        names, order_named = names_after_orders(doc, cues, names, covered)
        mentions, covered = bare_numbers_after_names(doc, names, mentions, covered)
        medications = []
        for seg in segment(doc, mentions, names):
            medication = self.medication(seg, context)
            if medication is not None:
                medication, drug_issues = self.link_drug(medication)
                medications.append(medication)
                issues.extend(drug_issues)
        ordered = {offsets.span(run[0].idx, run[0].idx + 1)[0] for run in names if run and run[0].i in order_named}
        medications, dropped = self.keep_real_names(medications, ordered)
        issues.extend(dropped)
        medications, order_issues = apply_orders(medications, cues, text, offsets.span)
        medications, value_issues = check_values(medications, text, offsets.span)
        issues.extend(order_issues + value_issues + clock_issues)
        if len(medications) > 1:  # a nameless, empty medication beside real ones is noise
            medications = [m for m in medications if m.name or m.dosages or m.strengths]
        issues.extend(self.unexplained(doc, covered, names, offsets))
        issues.extend(rejected_issues(doc, offsets))
        if not any(med.dosages for med in medications):
            issues.insert(0, Issue("warning", "incomplete", Warnings.W001, 0, len(text)))
        if not medications:
            medications.append(Medication())
        return Prescription(text, tuple(medications), tuple(issues))

    def from_drug_word(self, run: list) -> list:
        """A name run that reaches a known drug word through lower-case everyday words starts
        at the drug word ("fine couche de Diprosone" → "Diprosone"); the words before it stay
        unexplained (W002), never part of the name. A capitalised word may belong to the name
        ("Human Actrapid"), so it stops the trimming."""
        for index, token in enumerate(run[1:], 1):
            if self.drugs.is_drug_word(token.text):
                before = run[:index]
                if all(t.is_lower and is_common(t.text) and not self.drugs.is_drug_word(t.text) for t in before):
                    return run[index:]
                break
        return run

    def keep_real_names(
        self, medications: list[Medication], ordered: set[int] = frozenset()
    ) -> tuple[list[Medication], list[Issue]]:
        """A name with nothing else structured is kept only when it is a known drug or looks
        like one (a capitalised word or two): never turn a sentence or junk into a drug."""
        kept, issues = [], []
        for med in medications:
            named_by_order = med.name_start in ordered  # "STOP aspirin": the drug an order verb names
            if (
                med.name
                and not med.dosages
                and not med.strengths
                and not med.codings
                and not named_by_order
                and not _looks_like_a_name(med.name)
            ):
                issues.append(
                    Issue("warning", "not-found", Warnings.W002.format(span=med.name), med.name_start, med.name_end)
                )
                med = Medication()
            kept.append(med)
        return kept, issues

    @property
    def drugs(self):
        """The BDPM drug linker (loaded on first use)."""
        if not hasattr(self, "_drugs"):
            from posology.linking.drugs import DrugLinker

            self._drugs = DrugLinker.load()
        return self._drugs

    @lru_cache(maxsize=65_536)  # noqa: B019 - one engine per process; names repeat across lines
    def _link_drug_cached(self, name: str, strengths: tuple, form: str | None):
        return self.drugs.link(name, strengths=strengths, form=form)

    @lru_cache(maxsize=65_536)  # noqa: B019 - words repeat across a data warehouse's lines
    def _link_span_cached(self, text: str, types: tuple[str, ...], after_number: bool = False):
        return self.linker.link_in_context(text, types=types, after_number=after_number)

    def link_drug(self, medication: Medication) -> tuple[Medication, list[Issue]]:
        """Code the drug name with the French drug database (CIS) when it is unambiguous.

        The strengths stay as written (they are what the prescriber wrote); the CIS code gives
        the database composition. An unresolved or ambiguous name keeps its text, no code,
        and a warning."""
        if not medication.name:
            return medication, []
        form = next(
            (d.dose.low.unit for d in medication.dosages if d.dose and d.dose.low.unit in presentation_codes()), None
        )
        # A form that contradicts every product of the name (Xeplion, an injectable, with "1 cp")
        # leaves the name uncoded: a code for another product than the text describes is worse
        # than no code.
        match = self._link_drug_cached(medication.name, medication.strengths, form)
        if match is None or match.ambiguous or not match.codings:
            message = Warnings.W005.format(name=medication.name)
            return medication, [Issue("warning", "not-found", message, medication.name_start, medication.name_end)]
        return replace(medication, codings=tuple(match.codings)), []

    def merge_ner(self, mode: str, clean: str, doc, mentions: list[Mention], covered: set[int]):
        """NER mentions alone (``ner``) or added where no rule matched (``hybrid``)."""
        ner_mentions = self.ner.mentions(clean, doc)
        if mode == "ner":
            ner_mentions = keep_plausible(doc, ner_mentions)
            spans = [(m.start, m.end) for m in ner_mentions]
            ner_tokens = {t.i for t in doc for start, end in spans if start <= t.idx < end}
            return sorted(ner_mentions, key=lambda m: m.start), ner_tokens
        rule_chars = [(doc[i].idx, doc[i].idx + len(doc[i].text)) for i in covered]
        added = keep_plausible(
            doc,
            [
                m
                for m in ner_mentions
                if not any(start < m.end and m.start < end for start, end in rule_chars)
                and not (m.start > 0 and clean[m.start - 1].isalpha())  # "K1", "B12": part of a name
            ],
            mentions,
        )
        added_tokens = {t.i for t in doc for m in added if m.start <= t.idx < m.end}
        return sorted(mentions + added, key=lambda m: m.start), covered | added_tokens

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

    def ner_spelling(self, clean: str, doc, covered: set[int]) -> dict[int, str]:
        """Hybrid step: misspelt posology words the NER model puts inside a span.

        The NER model finds where a frequency, a timing or a route is written even when a word
        of it is misspelt (``twise a day``, ``twice dialy``, ``before brekfast``,
        ``sou cutané``); the rules cannot read such a span. Each word of a non-DRUG span that
        no rule used, that names no concept and that is not a known word, a drug word or a
        number is repaired to the one known word within :data:`SPELLING_MIN` edit similarity
        (a tie between two words: no repair). Returns char start → repaired norm.
        """
        spans = [(start, end) for start, end, label in self.ner.spans(clean) if label != "DRUG"]
        vocabulary, known = self.vocabulary, self._known_words
        spelling = {}
        for token in doc:
            if token.i in covered or not token.is_alpha or len(token.norm_) < 3 or token.lemma_ != "-":
                continue
            if token.norm_ in known or token.norm_ in FUNCTION_WORDS or self.drugs.is_drug_word(token.text):
                continue
            if not any(start <= token.idx < end for start, end in spans):
                continue
            repaired = nearest_word(token.norm_, vocabulary)
            if repaired:
                spelling[token.idx] = repaired
        return spelling

    def ner_drug_names(self, clean: str, doc) -> list[list]:
        """The drug names the NER model finds, as token runs of the engine's doc."""
        names = []
        for start, end in self.ner.drug_spans(clean):
            run = [t for t in doc if start <= t.idx < end and not t.is_space]
            if run:
                names.append(run)
        return names

    def check_input(self, text: object) -> Issue | None:
        if not isinstance(text, str):
            return Issue("error", "invalid", Errors.E003)
        if len(text) > self.max_length:
            return Issue("error", "too-long", Errors.E001.format(limit=self.max_length), 0, len(text))
        if not text.strip():
            return Issue("error", "required", Errors.E002)
        odd = sum(
            ((not ch.isprintable() and not ch.isspace()) or ch == "\ufffd") and ch not in INVISIBLE for ch in text
        )
        if "\x00" in text or (odd > 2 and odd > len(text) // 20):
            return Issue("error", "invalid", Errors.E003)
        return None

    def medication(self, seg: MedicationSegment, context: Context) -> Medication | None:
        mentions = sorted(seg.mentions, key=lambda m: m.start)
        name_span = None
        if seg.name_tokens:
            last = seg.name_tokens[-1]
            name_span = (seg.name_tokens[0].idx, last.idx + len(last.text))
        priority = "stat" if any(m.family == "priority" for m in mentions) else None  # stat, immédiatement
        mentions = [m for m in mentions if m.family != "priority"]
        strengths_m, rest = split_strengths(mentions, has_name=bool(seg.name_tokens), name_span=name_span)
        med_wide = [m for m in rest if m.family in MED_WIDE]
        med_fields = _med_fields(med_wide)
        med_fields["mentions"] = med_wide
        unit = form_unit(rest)
        dosages = []
        phase_lists = [p for p in phases([m for m in rest if m.family not in MED_WIDE]) if p]
        sequence, previous = 0, None
        for phase in phase_lists:
            if not phase:
                continue
            sequence += 1 if (len(phase_lists) > 1 or sequence == 0) else 0
            found, unit, previous = phase_dosages(phase, med_fields, sequence, unit, context, previous)
            dosages.extend(found)
        if not dosages and med_fields.get("route") and not seg.name_tokens:
            return None
        name_start = name_end = None
        if seg.name_tokens:
            first, last = seg.name_tokens[0], seg.name_tokens[-1]
            name_start, name_end = context.span(first.idx, last.idx + len(last.text))
        return Medication(
            name=context.text[name_start:name_end] if seg.name_tokens else None,
            name_start=name_start,
            name_end=name_end,
            strengths=tuple(q for m in strengths_m for q in strength_quantities(m)),
            form=dose_form(rest),
            dosages=tuple(dosages),
            refills=_refills(rest),
            supply=_supply(rest),
            priority=priority,
        )

    def unexplained(self, doc, covered: set[int], names, offsets) -> list[Issue]:
        """Words no rule explains and that are not a drug name: reported, never guessed."""
        named = {token.i for run in names for token in run}
        issues = []
        for token in doc:
            if token.i in covered or token.i in named:
                continue
            if token.like_num or token._.is_num and token._.is_digit_num:
                # a number no rule read is a value lost (a dose, a clock time: "à 26h"): review
                start, end = offsets.span(token.idx, token.idx + len(token.text))
                issues.append(Issue("warning", "value", Warnings.W002.format(span=token.text), start, end))
                continue
            if not token.is_alpha or token.norm_ in FUNCTION_WORDS or len(token.norm_) < 3:
                continue
            start, end = offsets.span(token.idx, token.idx + len(token.text))
            # a presentation word ("poudre", "shampoo") changes no field: noise, not a review flag
            severity = "information" if token.norm_ in PRESENTATION_WORDS else CONTENT_WORD_SEVERITY
            issues.append(Issue(severity, "informational", Warnings.W002.format(span=token.text), start, end))
        return issues


_SURROGATE = re.compile("[\ud800-\udfff]")


def replace_surrogates(text: str) -> tuple[str, int]:
    """The text with each lone surrogate (unencodable in UTF-8) as U+FFFD, and their count.

    >>> text, count = replace_surrogates("1 cp \\udc80")
    >>> count, text.endswith("\\ufffd")
    (1, True)
    """
    return _SURROGATE.subn("\ufffd", text)


def plausible(mention: Mention) -> bool:
    """Whether an NER-only mention's numbers can be a posology: every number it carries but a
    clock time is positive (a dose, strength, frequency or duration of 0 is noise: ``[0m``), and slot
    doses are what the slot rules accept (0 to 9, one of them at least 1 — a date
    ``12-01-2024`` is not three doses)."""
    numbers = [
        (field, value)
        for field, value in mention.items
        if isinstance(value, Real) and not isinstance(value, bool) and not field.startswith(CLOCK)
    ]
    if mention.family == "slot":
        return all(0 <= value <= MAX_SLOT for _, value in numbers) and any(value > 0 for _, value in numbers)
    return all(value > 0 for _, value in numbers)


MAX_SLOT = 9  # the slot rules read one digit (or a half) per slot
CLOCK = ("tod.", "bounds.day_")  # a clock time (07h00: minute 0) and a day of a cycle may be 0


def has_gap(doc, covered: set[int], names) -> bool:
    """Whether the rules left a word or a number unexplained (not a rule's, not a drug name,
    not a function word; a number inside a name run counts: ``Dacryoserum 1 unidose``, where
    the rules missed the dose): the hybrid engine runs the NER model only on such lines."""
    named = {token.i for run in names for token in run if not token.like_num}
    return any(
        token.i not in covered
        and token.i not in named
        and (token.like_num or (token.is_alpha and token.norm_ not in FUNCTION_WORDS))
        for token in doc
    )


def keep_plausible(doc, mentions: list[Mention], others: list[Mention] = ()) -> list[Mention]:
    """The NER mentions that can be structured; the others are kept in
    ``doc.user_data["ner_refused"]`` with the warning that reports them, never structured:
    a value of 0 or less (W011: ``[0m``, ``0 0``), and bare numbers read as doses when
    nothing else of a posology is on the line (W012: ``42``, ``123 456``; ``others`` are the
    rule mentions of the line)."""
    refused = [(m, Warnings.W011) for m in mentions if not plausible(m)]
    kept = [m for m in mentions if plausible(m)]
    if kept and not others and all(_bare_number(m) for m in kept):
        refused += [(m, Warnings.W012) for m in kept]
        kept = []
    if refused:
        doc.user_data["ner_refused"] = refused
    return kept


def _bare_number(mention: Mention) -> bool:
    return mention.family == "dose" and all(field in ("dose.low", "dose.high") for field, _ in mention.items)


def covered_tokens(doc, matches) -> set[int]:
    """Indices of the tokens rule matches took, refused matches (``doc.user_data["rejected"]``)
    included: their words are reported by W009, not as unexplained or as a drug name."""
    taken = list(matches) + list(doc.user_data.get("rejected", ()))
    return {token.i for match in taken for token, _ in match.tokens}


SPELLING_MIN = 0.75  # edit similarity of a repaired word (one edit in four letters)


def nearest_word(word: str, vocabulary: dict[int, list[str]]) -> str | None:
    """The one vocabulary word closest to ``word`` (edit similarity ≥ SPELLING_MIN), or None
    when none is that close or two are equally close.

    >>> vocab = {5: ["daily", "twice"], 4: ["sous"], 9: ["breakfast"]}
    >>> nearest_word("dialy", vocab), nearest_word("sou", vocab), nearest_word("brekfast", vocab)
    ('daily', 'sous', 'breakfast')
    >>> nearest_word("dolo", vocab) is None
    True
    """
    best: list[tuple[float, str]] = []
    for length in range(len(word) - 2, len(word) + 3):
        for candidate in vocabulary.get(length, ()):
            score = similarity_at_least(word, candidate, SPELLING_MIN)
            if score is not None:
                best.append((score, candidate))
    if not best:
        return None
    best.sort(reverse=True)
    if len(best) > 1 and best[1][0] == best[0][0]:
        return None
    return best[0][1]


def rejected_issues(doc, offsets) -> list[Issue]:
    """A warning for each rule match that named a count FHIR cannot hold (``0 fois par jour``)."""
    issues = []
    for match in doc.user_data.get("rejected", ()):
        field = next(f for t, f in match.tokens if f in WHOLE_FIELDS and t._.num is not None)
        start, end = offsets.span(match.start_char, match.end_char)
        span = doc.text[match.start_char : match.end_char]
        name = {"freq.n": "frequency", "freq.max": "frequency", "split": "number of intakes"}.get(field, field)
        issues.append(Issue("warning", "value", Warnings.W009.format(span=span, field=name), start, end))
    return issues


def strength_quantities(mention: Mention):
    if mention.family == "dose":
        return [quantity(mention.get("dose.low"), mention.get("dose.unit"))]
    values, units = mention.all("strength.value"), mention.all("strength.unit")
    if len(units) == 1:
        units = units * len(values)
    per_unit = mention.get("strength.per.unit") or mention.get("strength.per.time")
    per = quantity(mention.get("strength.per.value", 1), per_unit) if per_unit else None
    return [replace(quantity(value, unit), per=per) for value, unit in zip(values, units, strict=False)]


def form_unit(mentions: list[Mention]) -> str | None:
    """The unit of presentation a form word gives to bare doses (``cpr, 1 à 7h`` → tablet)."""
    for mention in mentions:
        if mention.family == "form" and mention.get("form") in presentation_codes():
            return mention.get("form")
    return None


def dose_form(mentions: list[Mention]) -> Coding | None:
    """The EDQM dose form of a form word on the line (Medication.form), when one is known."""
    for mention in mentions:
        key = mention.get("form") if mention.family == "form" else mention.get("dose.unit")
        coding = edqm_coding("dose_forms", key) if key else None
        if coding:
            return coding
    return None


def _refills(mentions: list[Mention]) -> int | None:
    found = [m.get("refills") for m in mentions if m.family == "refills"]
    return int(found[0]) if found else None


def _supply(mentions: list[Mention]):
    from posology.dosage import Duration

    found = [m for m in mentions if m.family == "supply"]
    return Duration(found[0].get("supply.value"), found[0].get("supply.unit")) if found else None


def _looks_like_a_name(name: str) -> bool:
    words = name.split()
    return 1 <= len(words) <= 3 and name[:1].isupper() and any(len(w) >= 3 for w in words)


_EYE_UNITS = {"drop"}


def resolve_eye_od(doc, mentions: list[Mention], context: Context) -> tuple[list[Mention], list[Issue]]:
    """``OD`` is "once daily" in English shorthand but "oeil droit" (right eye) on an eye-drop
    line: with an eye context (ocular route, eye-drop form, or a dose in drops with no other
    route stated) it is not a frequency, and the ambiguity is reported instead of guessed."""
    od_groups = {
        m.group
        for m in mentions
        if m.family in ("freq", "period")
        and context.text[slice(*context.span(m.start, m.end))].strip(". ").upper() in ("OD", "O.D", "1 OD")
    }
    if not od_groups:
        return mentions, []
    routes = {m.get("route") for m in mentions if m.family == "route"}
    units = {m.get("dose.unit") for m in mentions if m.family == "dose"}
    eye = (
        "ocular" in routes
        or any((t._.lex_dose_form or "").startswith("eye") for t in doc)
        or (bool(units & _EYE_UNITS) and not routes - {"ocular"})
    )
    if not eye:
        return mentions, []
    issues = []
    for group in sorted(od_groups):
        span = [m for m in mentions if m.group == group and m.family in ("freq", "period")]
        start, end = context.span(min(m.start for m in span), max(m.end for m in span))
        issues.append(
            Issue(
                "warning",
                "informational",
                Warnings.W004.format(what="abbreviation (right eye or once daily)", span=context.text[start:end]),
                start,
                end,
            )
        )
    kept = [m for m in mentions if not (m.group in od_groups and m.family in ("freq", "period"))]
    return kept, issues


def review_issues(doc, mentions: list[Mention], context: Context) -> list[Issue]:
    """Fields a reviewer should look at: words read by the linker, fields only the NER saw."""
    issues = []
    for at, result in sorted(context.linked.items()):
        token = next(t for t in doc if t.idx == at)
        start, end = context.span(at, at + len(token.text))
        concept = f"{result.type} {result.key}"
        message = Warnings.W007.format(span=context.text[start:end], concept=concept, score=result.score)
        issues.append(Issue("information", "informational", message, start, end))
    for at, (written, repaired) in sorted(doc.user_data.get("spelling", {}).items()):
        start, end = context.span(at, at + len(written))
        message = Warnings.W010.format(span=context.text[start:end], word=repaired)
        issues.append(Issue("information", "informational", message, start, end))
    for mention, warning in doc.user_data.get("ner_refused", ()):
        start, end = context.span(mention.start, mention.end)
        message = warning.format(span=context.text[start:end], field=mention.family)
        issues.append(Issue("warning", "informational", message, start, end))
    for mention in mentions:
        if mention.rule_id == "ner":
            start, end = context.span(mention.start, mention.end)
            message = Warnings.W008.format(span=context.text[start:end], field=mention.family)
            issues.append(Issue("information", "informational", message, start, end))
    return issues
