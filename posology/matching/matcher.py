"""Run the rules over a Doc and keep one consistent set of matches.

Overlap policy (one, documented): candidate matches are ranked by (number of tokens,
priority, earliest start), longest first; a match is kept when none of its tokens is already
taken by a kept match. So ``1 à 2 cp`` (a dose range) beats ``1`` + ``2 cp``, and the rule
priority only breaks ties between matches of equal length.

Speed: the fixed-length variants (all but the two with a ``+``) are matched over a trie of
their token tests (:mod:`posology.matching.trie`, :meth:`RuleMatcher.candidates`), which finds
exactly what spaCy's Matchers find (``candidates_spacy``, the reference the tests compare it
with) in about a third of the time; a spaCy Matcher runs the others when one of them can match.
The anchored spaCy Matchers below remain that reference.

spaCy's Matcher tries every pattern at every token, so its cost grows with the number of
expanded variants. Each variant is therefore filed under an *anchor*: one token of it that
any match must contain and that is cheap to look for in a Doc (a literal norm, a concept, a
number class). Variants with the same anchor share one spaCy ``Matcher``; a Doc runs only the
Matchers whose anchor it contains. This changes nothing about what matches (a variant whose
anchor is absent cannot match) and cut the matching time about threefold. Of those, a Matcher
runs only when one of its variants can match: every token the variant requires (all but ``*``
tokens) has a literal norm, a concept or a number class present in the Doc
(:func:`conditions_of`); an anchor alone leaves two Matchers in three finding nothing. Each
Matcher call walks the whole Doc, so a long text that calls for most of them (a 10,000-character
line: ~100) runs one Matcher of every variant instead (:data:`ONE_MATCHER_FROM`), which finds
the same matches in about half the time.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any, cast

from spacy.matcher import Matcher
from spacy.tokens import Doc, Token

from posology.matching.lexicon import token_value
from posology.matching.rules import Rule, TokenSpec
from posology.matching.trie import FixedVariants, TokenKey, compile_test
from posology.text.tokenizer import doc_tokens


@dataclass(frozen=True)
class RuleMatch:
    """An accepted match: the rule and, for each matched token, the field it fills."""

    rule: Rule
    start: int  # token indices [start, end)
    end: int
    tokens: tuple[tuple[Token, str], ...]
    valid: bool = True  # False: the match takes its tokens but fills no field (WHOLE_FIELDS)

    @property
    def start_char(self) -> int:
        return self.tokens[0][0].idx

    @property
    def end_char(self) -> int:
        last = self.tokens[-1][0]
        return last.idx + len(last.text)


# Fields FHIR types as positiveInt. A match that would fill one with 0 or a fraction ("0 fois
# par jour", "1/2 3x/j" read as "½ to 3 times a day") still takes its tokens (no shorter rule
# may re-read "fois par jour" as once a day) but yields nothing: its words stay unexplained and
# are reported, never turned into an invented value.
WHOLE_FIELDS = frozenset({"freq.n", "freq.max", "count", "refills", "split"})


def whole_numbers_ok(tokens: tuple[tuple[Token, str], ...]) -> bool:
    """Every token filling a :data:`WHOLE_FIELDS` field holds a whole number ≥ 1 (or a word);
    refills may be 0 (``Refills: 0``: none allowed)."""
    for token, field in tokens:
        if field in WHOLE_FIELDS:
            value = token_value(token, "num")
            least = 0 if field == "refills" else 1
            if value is not None and (value < least or value != int(value)):
                return False
    return True


Anchor = tuple[str, frozenset]  # (token attribute: NORM / LEMMA / TAG, values), or ("", ∅)
Condition = tuple[str, frozenset]  # some token of the Doc has this attribute in these values


def conditions_of(specs: list[dict[str, Any]]) -> frozenset[Condition]:
    """What a Doc must contain for a variant to match: for every token the variant requires,
    each attribute it fixes (NORM, LEMMA, TAG: a value or an ``IN`` set) must take one of its
    values somewhere in the Doc. ``*`` tokens and ``NOT_IN`` sets require nothing.

    >>> sorted(conditions_of([{"TAG": {"IN": ["DIGIT"]}, "OP": "*"}, {"NORM": "fois", "TAG": {"NOT_IN": ["SLOT"]}}]))
    [('NORM', frozenset({'fois'}))]
    """
    found = set()
    for spec in specs:
        if spec.get("OP") == "*":
            continue
        for attr in ("NORM", "LEMMA", "TAG"):
            value = spec.get(attr)
            values = {value} if isinstance(value, str) else (value or {}).get("IN")
            if values:
                found.add((attr, frozenset(values)))
    return frozenset(found)


def anchor_of(specs: list[dict[str, Any]]) -> Anchor:
    """The most selective token every match of a variant contains (``("", ∅)``: none).

    Literal norms are rarer than concepts, concepts than numbers; among tokens of one kind
    the smallest value set wins. ``*`` tokens and ``NOT_IN`` sets are never anchors.

    >>> anchor_of([{"TAG": {"IN": ["DIGIT", "SLOT"]}}, {"NORM": "fois"}])
    ('NORM', frozenset({'fois'}))
    """
    best: tuple[int, int, Anchor] | None = None
    for spec in specs:
        if spec.get("OP") == "*":
            continue
        for rank, attr in enumerate(("NORM", "LEMMA", "TAG")):
            value = spec.get(attr)
            values = {value} if isinstance(value, str) else (value or {}).get("IN")
            if values:
                candidate = (rank, len(values), (attr, frozenset(values)))
                best = candidate if best is None or candidate[:2] < best[:2] else best
    return best[2] if best else ("", frozenset())


# From this many Matchers called for, one Matcher of every variant is faster (measured: 53
# anchors called for on a 277-token text cost about the same either way; 97 on 2,433 tokens,
# 184 ms against 110 ms).
ONE_MATCHER_FROM = 60


class LazyMatcher:
    """A spaCy ``Matcher`` of some variants, compiled at its first call: compiling all of them
    (``Matcher.add``) is ~0.05 s of a cold start, and a line needs a few.

    Two threads may both compile it; each then uses its own, equal, Matcher."""

    def __init__(self, vocab, members: list[tuple[str, list[dict[str, Any]]]]) -> None:
        self.vocab, self.members = vocab, members
        self._matcher: Matcher | None = None

    def __call__(self, doc: Doc, **options: Any) -> list:
        matcher = self._matcher
        if matcher is None:
            matcher = Matcher(self.vocab)
            for key, specs in self.members:
                matcher.add(key, [specs])
            self._matcher = matcher
        return matcher(doc, **options)


class RuleMatcher:
    """spaCy ``Matcher``s over the expanded variants of every rule, one per anchor."""

    def __init__(self, vocab, rules: tuple[Rule, ...], lexicon) -> None:
        self.variants: dict[str, tuple[Rule, list[str], int]] = {}
        self._vocab, self._specs = vocab, list[tuple[str, list[dict[str, Any]]]]()
        fixed, operators = [], []
        # each token spec made into its spaCy pattern and its trie checks once: the variants of
        # a rule share their token specs (7,061 uses of 1,446 specs); the spec is kept with
        # them, so its id is never reused while this runs
        made: dict[int, tuple[TokenSpec, dict[str, Any], list[tuple[str, str, Any]] | None]] = {}
        for rule in rules:
            for number, variant in enumerate(rule.variants()):
                key = f"{rule.id}#{number}"
                for spec in variant:
                    if id(spec) not in made:
                        pattern = spec.to_spacy(lexicon)
                        made[id(spec)] = (spec, pattern, compile_test(pattern))
                specs = [made[id(spec)][1] for spec in variant]
                self.variants[key] = (rule, [spec.FIELD or "cue" for spec in variant], len(self.variants))
                self._specs.append((key, specs))
                checks = [made[id(spec)][2] for spec in variant]
                if all(check is not None for check in checks):
                    fixed.append((key, cast(list[list[tuple[str, str, Any]]], checks)))
                else:
                    operators.append((key, specs))
        # what candidates() runs: the trie of the fixed-length variants, a Matcher of the others
        self.fixed = FixedVariants(fixed)
        self.operators = LazyMatcher(vocab, operators)
        self._operator_needs = tuple(dict.fromkeys(conditions_of(specs) for _, specs in operators))
        self._reference_built = False  # the anchored spaCy Matchers: built when first asked for

    @property
    def groups(self) -> list[tuple[Anchor, LazyMatcher, tuple[frozenset[Condition], ...]]]:
        """Per anchor: its spaCy Matcher and the distinct conditions of its variants."""
        self._build_reference()
        return self._groups

    @property
    def every_variant(self) -> LazyMatcher:
        """One spaCy Matcher of every variant."""
        self._build_reference()
        return self._every_variant

    def _build_reference(self) -> None:
        """The anchored spaCy Matchers of :meth:`candidates_spacy` (two threads may both build
        them: the same values)."""
        if self._reference_built:
            return
        vocab = self._vocab
        groups: dict[Anchor, list[tuple[str, list[dict[str, Any]]]]] = defaultdict(list)
        for key, specs in self._specs:
            groups[anchor_of(specs)].append((key, specs))
        # per anchor: its Matcher and the distinct conditions of its variants (one must hold)
        self._groups: list[tuple[Anchor, LazyMatcher, tuple[frozenset[Condition], ...]]] = []
        for anchor, members in groups.items():
            needs = tuple(dict.fromkeys(conditions_of(specs) for _, specs in members))
            self._groups.append((anchor, LazyMatcher(vocab, members), needs))
        # one Matcher of every variant, for texts that call for most anchors
        self._every_variant = LazyMatcher(vocab, [member for members in groups.values() for member in members])
        # which groups each anchor value calls for; groups without an anchor are always tried
        self._unanchored = [index for index, ((attr, _), _, _) in enumerate(self._groups) if not attr]
        self._by_value: dict[tuple[str, str], list[int]] = defaultdict(list)
        for index, ((attr, values), _, _) in enumerate(self._groups):
            for value in values:
                self._by_value[attr, value].append(index)
        # the same needs as numbered conditions, and the conditions each value meets: a Doc's
        # met conditions are the union over its values, a need holds when it is a subset of them
        numbers: dict[Condition, int] = {}
        self._needs = [
            tuple(frozenset(numbers.setdefault(c, len(numbers)) for c in need) for need in needs)
            for _, _, needs in self._groups
        ]
        meets: dict[tuple[str, str], set[int]] = defaultdict(set)
        for (attr, values), number in numbers.items():
            for value in values:
                meets[attr, value].add(number)
        self._by_present = {
            key: (tuple(self._by_value.get(key, ())), frozenset(meets.get(key, ())))
            for key in set(self._by_value) | set(meets)
        }
        self._reference_built = True

    def active(self, doc: Doc) -> list[LazyMatcher]:
        """The Matchers whose anchor occurs in ``doc`` and one of whose variants can match."""
        self._build_reference()
        norms, lemmas, tags = set[str](), set[str](), set[str]()
        for token in doc_tokens(doc):
            norms.add(token.norm_)
            lemmas.add(token.lemma_)
            tags.add(token.tag_)
        anchored, met = set(self._unanchored), set[int]()
        by_present = self._by_present
        for attr, values in (("NORM", norms), ("LEMMA", lemmas), ("TAG", tags)):
            for value in values:
                found = by_present.get((attr, value))
                if found is not None:
                    anchored.update(found[0])
                    met.update(found[1])
        groups, needs = self.groups, self._needs
        return [groups[index][1] for index in sorted(anchored) if any(need <= met for need in needs[index])]

    def candidates(self, doc: Doc) -> list[RuleMatch]:
        """Every match of every variant: the fixed-length ones over the trie
        (:class:`~posology.matching.trie.FixedVariants`), the few with an operator through a
        spaCy Matcher when one of them can match."""
        keys = [(t.text, t.norm_, t.lemma_, t.tag_) for t in doc_tokens(doc)]
        aligned: list[tuple[str, int, int, Any]] = [
            (key, start, end, range(end - start)) for key, start, end in self.fixed(doc, keys)
        ]
        if self._operator_needs and self._operators_may_match(keys):
            strings = doc.vocab.strings
            matches = cast(list[tuple[int, int, int, list[int]]], self.operators(doc, with_alignments=True))
            aligned += [(strings[match_id], start, end, alignment) for match_id, start, end, alignment in matches]
        return self._collect(doc, aligned)

    def candidates_spacy(self, doc: Doc) -> list[RuleMatch]:
        """:meth:`candidates` through spaCy Matchers alone (the anchored ones a Doc calls for):
        the reference the trie is checked against (``tests/test_rules.py``)."""
        matchers = self.active(doc)
        if len(matchers) >= ONE_MATCHER_FROM:
            matchers = [self.every_variant]  # the same matches: every variant is in it
        strings = doc.vocab.strings
        aligned = []
        for matcher in matchers:
            # spaCy's stub types every call as (id, start, end); with_alignments adds the alignment
            matches = cast(list[tuple[int, int, int, list[int]]], matcher(doc, with_alignments=True))
            aligned += [(strings[match_id], start, end, alignment) for match_id, start, end, alignment in matches]
        return self._collect(doc, aligned)

    def _operators_may_match(self, keys: list[TokenKey]) -> bool:
        present = {"NORM": {k[1] for k in keys}, "LEMMA": {k[2] for k in keys}, "TAG": {k[3] for k in keys}}
        return any(all(not values.isdisjoint(present[attr]) for attr, values in need) for need in self._operator_needs)

    def _collect(self, doc: Doc, aligned: list[tuple[str, int, int, Any]]) -> list[RuleMatch]:
        found = []
        text = None  # the Doc's text, joined on the first slot match only (it costs the whole line)
        for key, start, end, alignment in aligned:
            rule, fields, order = self.variants[key]
            tokens = tuple((doc[start + offset], fields[index]) for offset, index in enumerate(alignment))
            if text is None and sum(field == "slot" for _, field in tokens) > 1:
                text = doc.text
            if (
                not one_slot_separator(tokens, text)
                or glued_to_a_letter(doc, start)
                or label_colon(tokens)
                or times_before_a_unit(doc, end, tokens)
            ):
                continue  # "Amlong 5 0-0-1": never four slots; "MAGNE B6 cp": never 6 tablets
            valid = whole_numbers_ok(tokens)
            found.append((start, order, end, RuleMatch(rule, start, end, tokens, valid)))
        found.sort(key=lambda item: item[:3])  # one order whatever the grouping
        return [match for *_, match in found]

    def __call__(self, doc: Doc) -> list[RuleMatch]:
        """The accepted matches of ``doc``, in text order (see :meth:`match` for the refused)."""
        return self.match(doc)[0]

    def match(self, doc: Doc) -> tuple[list[RuleMatch], list[RuleMatch]]:
        """The accepted matches, in text order, and the refused ones: matches that took their
        tokens but name a count FHIR cannot hold (``0 fois par jour``: reported as W009)."""
        ranked = sorted(self.candidates(doc), key=lambda m: (-(m.end - m.start), -m.rule.priority, m.start))
        taken: set[int] = set()
        kept = []
        for match in ranked:
            span = set(range(match.start, match.end))
            if span & taken:
                continue
            taken |= span
            kept.append(match)
        rejected = [m for m in kept if not m.valid]
        return sorted((m for m in kept if m.valid), key=lambda m: m.start), rejected


def one_slot_separator(tokens, text: str | None = None) -> bool:
    """Slot digits are written with one separator throughout (``1-0-1``, ``1 0 1``, ``1+0+1``):
    ``5 0-0-1`` mixes a space and dashes, and ``1 - 1-0-1`` spaced and glued dashes, so neither
    is four slots. ``text``: the Doc's text,
    when the caller has it (``doc.text`` joins every token of the line).

    >>> from spacy.lang.xx import MultiLanguage
    >>> doc = MultiLanguage()("5 0-0-1")
    >>> one_slot_separator([(t, "slot" if t.is_digit else "cue") for t in doc])
    False
    """
    slots = [token for token, field in tokens if field == "slot"]
    if len(slots) < 2:
        return True
    text = text if text is not None else slots[0].doc.text
    between = [text[a.idx + len(a.text) : b.idx] for a, b in zip(slots, slots[1:], strict=False)]
    if any(ch.isalpha() for gap in between for ch in gap):
        return True  # a labelled layout ("Matin : 1 - Midi : 0 - Soir : 1"): its labels say the slots
    # "GP 1 - 1-0-1": a spaced dash beside glued ones is a column, not a slot separator
    return len({(gap.strip() or " ", gap.strip() != "" and gap != gap.strip()) for gap in between}) == 1


def times_before_a_unit(doc: Doc, end: int, tokens: tuple[tuple[Token, str], ...]) -> bool:
    """Four-digit numbers read as 24-hour clock times are amounts when a unit follows them
    (``Vitamin D3 1000, 2000 IU``: never 10:00 and 20:00)."""
    if not any(field == "tod.hhmm" for _, field in tokens) or end >= len(doc):
        return False
    after = doc[end + 1] if doc[end].is_space and end + 1 < len(doc) else doc[end]
    return token_value(after, "lex_unit") is not None


def label_colon(tokens: tuple[tuple[Token, str], ...]) -> bool:
    """A colon followed by a space is a label's (``Day 1-2: 40 mg``, ``Step 3: 20 mg``), never
    the colon of a clock time: ``2: 40`` is no 02:40 (a clock time's colon is glued: ``14:30``)."""
    return any(
        field == "tod.minute" and index and tokens[index - 1][0].text == ":" and tokens[index - 1][0].whitespace_
        for index, (_, field) in enumerate(tokens)
    )


def glued_to_a_letter(doc: Doc, start: int) -> bool:
    """A number glued to one or two letters before it (``B6``, ``K1``, ``D3``) is part of a
    drug name, never the start of a quantity (``MAGNE B6 cp`` is no dose of 6 tablets), and a
    slash glued to one letter (``E/D``) is an abbreviation, never "per" (``/D``: per day);
    ``Dolo650mg`` (a name word of three letters or more) keeps its strength, and a number glued to
    a unit starts a quantity (``5mg1 cp``)."""
    if start == 0:
        return False
    before = doc[start - 1]  # a unit is no name: "5mg1 cp" is 5 mg then 1 tablet
    if doc[start].text == "/":  # "E/D" (eye drops), "I/V": a letter pair, never "per day"
        return (
            before.is_alpha and len(before.text) == 1 and not before.whitespace_ and not token_value(before, "is_lex")
        )
    if not (before.is_alpha and len(before.text) <= 2 and not before.whitespace_):
        return False  # most matches: read before any token._ (each makes an object)
    return token_value(doc[start], "num") is not None and not token_value(before, "is_lex")
