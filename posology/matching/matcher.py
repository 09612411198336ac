"""Run the rules over a Doc and keep one consistent set of matches.

Overlap policy (one, documented): candidate matches are ranked by (number of tokens,
priority, earliest start), longest first; a match is kept when none of its tokens is already
taken by a kept match. So ``1 à 2 cp`` (a dose range) beats ``1`` + ``2 cp``, and the rule
priority only breaks ties between matches of equal length.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.matcher import Matcher
from spacy.tokens import Doc, Token

from posology.matching.rules import Rule


@dataclass(frozen=True)
class RuleMatch:
    """An accepted match: the rule and, for each matched token, the field it fills."""

    rule: Rule
    start: int  # token indices [start, end)
    end: int
    tokens: tuple[tuple[Token, str], ...]

    @property
    def start_char(self) -> int:
        return self.tokens[0][0].idx

    @property
    def end_char(self) -> int:
        last = self.tokens[-1][0]
        return last.idx + len(last.text)


class RuleMatcher:
    """spaCy ``Matcher`` over the expanded variants of every rule."""

    def __init__(self, vocab, rules: tuple[Rule, ...], lexicon) -> None:
        self.matcher = Matcher(vocab)
        self.variants: dict[str, tuple[Rule, list[str]]] = {}
        for rule in rules:
            for number, variant in enumerate(rule.variants()):
                key = f"{rule.id}#{number}"
                self.variants[key] = (rule, [spec.FIELD or "cue" for spec in variant])
                self.matcher.add(key, [[spec.to_spacy(lexicon) for spec in variant]])

    def candidates(self, doc: Doc) -> list[RuleMatch]:
        found = []
        for match_id, start, end, alignment in self.matcher(doc, with_alignments=True):
            rule, fields = self.variants[doc.vocab.strings[match_id]]
            tokens = tuple((doc[start + offset], fields[index]) for offset, index in enumerate(alignment))
            found.append(RuleMatch(rule, start, end, tokens))
        return found

    def __call__(self, doc: Doc) -> list[RuleMatch]:
        ranked = sorted(
            self.candidates(doc), key=lambda m: (-(m.end - m.start), -m.rule.priority, m.start)
        )
        taken: set[int] = set()
        kept = []
        for match in ranked:
            span = set(range(match.start, match.end))
            if span & taken:
                continue
            taken |= span
            kept.append(match)
        return sorted(kept, key=lambda m: m.start)
