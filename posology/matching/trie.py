"""The rules' fixed-length variants matched over a trie of token tests, without spaCy's Matcher.

Almost every expanded variant (``Rule.variants``: ``?`` and ``ALT`` already expanded) is a
fixed sequence of token tests, one per token, with no operator: a match is a run of consecutive
tokens each passing its test, and its alignment is the identity. spaCy's ``Matcher`` finds those
with about ten calls per line (one per anchor called for, ~18 µs each, its ``IN`` sets tested in
Python). Here each distinct token test (355 for 798 variants) gets a number, the variants are a
trie over those numbers, and each token is read once: the set of tests it passes is worked out
once per distinct ``(text, norm, lemma, tag)`` (every attribute a test reads is one of these or
a property of the text: ``SHAPE``, ``LENGTH``, ``IS_ALPHA`` …) and kept. A line then costs one
walk of the trie from each token.

What it finds is exactly what spaCy's Matcher finds for the same patterns (every match, every
start): ``tests/test_rules.py`` compares both on the rule examples and every dev text. A variant
with an operator (``+``, ``*``) or a test this module does not know stays a spaCy Matcher
(:class:`posology.matching.matcher.RuleMatcher`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from spacy.tokens import Doc, Token

from posology.text.tokenizer import doc_tokens

TokenKey = tuple[str, str, str, str]  # text, norm, lemma, tag: what decides every test
Test = Callable[[Token], bool]
_FLAGS = {
    "IS_TITLE": "is_title",
    "IS_UPPER": "is_upper",
    "IS_PUNCT": "is_punct",
    "IS_ALPHA": "is_alpha",
    "IS_SPACE": "is_space",
}
_STRINGS = {"NORM": "norm_", "LEMMA": "lemma_", "TAG": "tag_", "SHAPE": "shape_"}
MEMO_SIZE = 200_000  # distinct token keys kept (cleared when full)


def compile_test(spec: dict[str, Any]) -> list[tuple[str, str, Any]] | None:
    """A spaCy token pattern as checks ``(kind, attribute, value)``, or None when it has an
    operator or a key this module does not read (that variant stays a spaCy Matcher).

    >>> compile_test({"NORM": "fois", "IS_SPACE": False})
    [('eq', 'norm_', 'fois'), ('eq', 'is_space', False)]
    >>> compile_test({"TAG": {"NOT_IN": ["SLOT"]}, "LENGTH": {">=": 3}})
    [('not_in', 'tag_', frozenset({'SLOT'})), ('len>=', 'text', 3)]
    >>> compile_test({"IS_ALPHA": True, "OP": "+"}) is None
    True
    """
    checks: list[tuple[str, str, Any]] = []
    for key, value in spec.items():
        if key in _STRINGS and isinstance(value, str):
            checks.append(("eq", _STRINGS[key], value))
        elif key in _STRINGS and key != "SHAPE" and isinstance(value, dict) and set(value) <= {"IN", "NOT_IN"}:
            for operator, kind in (("IN", "in"), ("NOT_IN", "not_in")):
                if operator in value:
                    checks.append((kind, _STRINGS[key], _set(value[operator])))
        elif key in _FLAGS and isinstance(value, bool):
            checks.append(("eq", _FLAGS[key], value))
        elif key == "LENGTH" and isinstance(value, dict) and set(value) == {">="} and isinstance(value[">="], int):
            checks.append(("len>=", "text", value[">="]))
        else:
            return None  # "OP", or a test spaCy reads that this module does not
    return checks


_SETS: dict[tuple[str, ...], frozenset[str]] = {}


def _set(values: list[str]) -> frozenset[str]:
    """One frozenset per distinct list of values (the rules repeat the same long NOT_IN lists;
    a frozenset keeps its hash once computed, so the tests number fast)."""
    key = tuple(values)
    found = _SETS.get(key)
    if found is None:
        found = _SETS[key] = frozenset(values)
    return found


def _passes(token: Token, checks: list[tuple[str, str, Any]]) -> bool:
    for kind, attribute, value in checks:
        got = getattr(token, attribute)
        if kind == "eq":
            if got != value:
                return False
        elif kind == "in":
            if got not in value:
                return False
        elif kind == "not_in":
            if got in value:
                return False
        elif len(got) < value:  # len>=
            return False
    return True


class FixedVariants:
    """Fixed-length variants, by key, matched over a trie of their token tests."""

    def __init__(self, members: list[tuple[str, list[list[tuple[str, str, Any]]]]]) -> None:
        """``members``: (variant key, the compiled checks of each of its tokens)."""
        self._checks: list[list[tuple[str, str, Any]]] = []
        numbers: dict[tuple[tuple[str, str, Any], ...], int] = {}
        # a trie node while it is built: (next node by test number, the variant keys ending here)
        root: tuple[dict[int, Any], list[str]] = ({}, [])
        for key, tokens in members:
            node = root
            for checks in tokens:
                number = numbers.setdefault(tuple(checks), len(numbers))
                if number == len(self._checks):
                    self._checks.append(checks)
                node = node[0].setdefault(number, ({}, []))
            node[1].append(key)
        self._root = _frozen(root)
        # which tests a token may pass, found from its norm / lemma / tag before any check runs:
        # a test fixing one of them (a value or an IN set) is filed under its values
        self._by_value: dict[tuple[str, str], list[int]] = {}
        self._always: list[int] = []  # tests fixing none of them (NOT_IN sets, flags)
        for number, checks in enumerate(self._checks):
            fixed = [(attribute, values) for kind, attribute, values in checks if kind == "in"]
            fixed += [(attribute, frozenset((value,))) for kind, attribute, value in checks if kind == "eq"]
            fixed = [(attribute, values) for attribute, values in fixed if attribute in ("norm_", "lemma_", "tag_")]
            if not fixed:
                self._always.append(number)
                continue
            attribute, values = min(fixed, key=lambda item: len(item[1]))
            for value in values:
                self._by_value.setdefault((attribute, value), []).append(number)
        self._memo: dict[TokenKey, frozenset[int]] = {}

    def passed(self, token: Token, key: TokenKey) -> frozenset[int]:
        """The numbers of the tests ``token`` passes (``key``: its text, norm, lemma, tag)."""
        found = self._memo.get(key)
        if found is None:
            _, norm, lemma, tag = key
            candidates = set(self._always)
            for attribute, value in (("norm_", norm), ("lemma_", lemma), ("tag_", tag)):
                candidates.update(self._by_value.get((attribute, value), ()))
            found = frozenset(number for number in candidates if _passes(token, self._checks[number]))
            if len(self._memo) >= MEMO_SIZE:
                self._memo.clear()  # bounded; clearing is safe under threads, evicting one is not
            self._memo[key] = found
        return found

    def __call__(self, doc: Doc, keys: list[TokenKey] | None = None) -> list[tuple[str, int, int]]:
        """Every match ``(variant key, start, end)`` in ``doc`` (``keys``: each token's key,
        when the caller has them)."""
        if keys is None:
            keys = [(t.text, t.norm_, t.lemma_, t.tag_) for t in doc_tokens(doc)]
        memo = self._memo
        passed = []
        for index, key in enumerate(keys):
            tests = memo.get(key)
            passed.append(tests if tests is not None else self.passed(doc[index], key))
        found: list[tuple[str, int, int]] = []
        size = len(passed)
        for start in range(size):
            nodes = [self._root]
            at = start
            while nodes and at < size:
                tests = passed[at]
                at += 1
                following = []
                for children, labels, _ in nodes:
                    for number in labels.intersection(tests):
                        node = children[number]
                        if node[2]:
                            found.extend((key, start, at) for key in node[2])
                        if node[1]:
                            following.append(node)
                nodes = following
        return found


Node = tuple[dict[int, Any], frozenset[int], tuple[str, ...]]


def _frozen(node: tuple[dict[int, Any], list[str]]) -> Node:
    """A built trie node as (next node by test number, those numbers, the keys ending here)."""
    children = {number: _frozen(child) for number, child in node[0].items()}
    return children, frozenset(children), tuple(node[1])
