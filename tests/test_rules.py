"""The declarative rules: schema, expansion, and every rule's own examples."""

from __future__ import annotations

import textwrap

import pytest

from posology.errors import RuleError
from posology.fields.mentions import mentions_from_match
from posology.matching.rules import Rule, load_rule_file, load_rules
from posology.text.offsets import squeeze

RULE_EXAMPLES = [(rule, example) for rule in load_rules() for example in rule.examples]


def _match_fields(engine, text: str, rule_id: str, matched: str):
    clean, _ = squeeze(text)
    doc, matches, _ = engine.analyse(clean)
    for match in matches:
        if match.rule.id == rule_id and clean[match.start_char : match.end_char] == matched:
            items: dict[str, list] = {}
            for mention in mentions_from_match(match):
                for field, value in mention.items:
                    items.setdefault(field, []).append(value)
            return items
    found = [(m.rule.id, clean[m.start_char : m.end_char]) for m in matches]
    raise AssertionError(f"rule {rule_id!r} did not match {matched!r} in {text!r}; kept: {found}")


@pytest.mark.parametrize("rule,example", RULE_EXAMPLES, ids=[f"{r.id}:{e.text}" for r, e in RULE_EXAMPLES])
def test_rule_example(engine, rule, example):
    fields = _match_fields(engine, example.text, rule.id, example.match or example.text)
    for field, expected in example.fields.items():
        got = fields.get(field, [])
        expected_list = expected if isinstance(expected, list) else [expected]
        assert got == expected_list, f"{rule.id} on {example.text!r}: {field} = {got}, want {expected_list}"


def test_every_rule_has_an_example():
    assert all(rule.examples for rule in load_rules())


def test_optional_tokens_expand_into_concrete_variants():
    rule = Rule.model_validate(
        {
            "id": "t",
            "pattern": [
                {"FIELD": "dose.low", "NUM": True},
                {"FIELD": "cue", "NORM": "de", "OP": "?"},
                {"ALT": [{"FIELD": "dose.unit", "LEX": "unit"}, {"FIELD": "dose.unit", "LEX": "unit_of_presentation"}]},
            ],
            "examples": [{"text": "1 cp"}],
        }
    )
    variants = rule.variants()
    assert len(variants) == 4
    assert sorted(len(v) for v in variants) == [2, 2, 3, 3]
    assert all(spec.FIELD and spec.OP is None and spec.ALT is None for v in variants for spec in v)


@pytest.mark.parametrize(
    "body,message",
    [
        ("rules:\n  - id: x\n    pattern: [{NUM: true}]\n    examples: [{text: '1'}]\n", "FIELD"),
        ("rules:\n  - id: x\n    pattern: [{FIELD: a, BOGUS: 1}]\n    examples: [{text: '1'}]\n", "BOGUS"),
        ("rules:\n  - id: x\n    pattern: [{FIELD: a, LEX: nope}]\n    examples: [{text: '1'}]\n", "LEX"),
        ("rules:\n  - id: x\n    pattern: [{FIELD: a, NUM: true}]\n    examples: []\n", "examples"),
        ("rules: [\n", "E006"),
    ],
)
def test_invalid_rule_files_are_refused(tmp_path, body, message):
    path = tmp_path / "bad.yaml"
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    with pytest.raises(RuleError, match=message):
        load_rule_file(path)


def test_overlap_policy_prefers_the_longest_match(engine):
    clean, _ = squeeze("1 à 2 cp")
    _, matches, _ = engine.analyse(clean)
    assert [m.rule.id for m in matches] == ["dose.range"]


def test_matchers_left_out_by_the_prefilter_find_nothing(engine):
    """``RuleMatcher.active`` runs a Matcher only when one of its variants can match (anchor and
    conditions present): on every rule example and every dev text, no Matcher it leaves out
    finds a match, so the prefilter changes no output (issue #17)."""
    import json
    from pathlib import Path

    gold = Path(__file__).resolve().parent.parent / "benchmarks" / "gold"
    texts = [example.text for _, example in RULE_EXAMPLES]
    for path in sorted(gold.glob("dev_*.jsonl")):
        texts += [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    skipped = 0
    for text in texts:
        clean, _ = squeeze(text)
        doc = engine.lexicon(engine.nlp.tokenizer(clean))
        active = {id(matcher) for matcher in engine.matcher.active(doc)}
        for anchor, matcher, _ in engine.matcher.groups:
            if id(matcher) not in active:
                skipped += 1
                assert not matcher(doc), (text, anchor)
    assert skipped > len(texts) * 50  # the prefilter does leave most Matchers out


def test_one_matcher_of_every_variant_finds_what_the_anchored_ones_find(engine):
    """A long text calls for most anchors and runs one Matcher of every variant instead
    (``ONE_MATCHER_FROM``): the same matches, with the same alignments (issue #17)."""
    import json
    from pathlib import Path

    from posology.matching.matcher import ONE_MATCHER_FROM

    gold = Path(__file__).resolve().parent.parent / "benchmarks" / "gold"
    lines = [json.loads(line)["text"] for line in (gold / "dev_fr.jsonl").read_text(encoding="utf-8").splitlines()]
    lines += [json.loads(line)["text"] for line in (gold / "dev_en.jsonl").read_text(encoding="utf-8").splitlines()]
    clean, _ = squeeze(" ; ".join(lines)[:9_000])
    doc = engine.lexicon(engine.nlp.tokenizer(clean))
    active = engine.matcher.active(doc)
    assert len(active) >= ONE_MATCHER_FROM

    def found(matchers):
        return sorted((i, s, e, tuple(a)) for m in matchers for i, s, e, a in m(doc, with_alignments=True))

    assert found(active) == found([engine.matcher.every_variant])


def test_the_trie_finds_what_spacy_matchers_find(engine):
    """``RuleMatcher.candidates`` matches the fixed-length variants over a trie of token tests
    (``posology.matching.trie``) and the others through a spaCy Matcher: on every rule example
    and every dev text (one long line of them too), the same matches, tokens, fields and
    verdicts as the spaCy Matchers of every variant (``candidates_spacy``; issue #17)."""
    import json
    from pathlib import Path

    gold = Path(__file__).resolve().parent.parent / "benchmarks" / "gold"
    texts = [example.text for _, example in RULE_EXAMPLES]
    for path in sorted(gold.glob("dev_*.jsonl")):
        texts += [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts.append(" ; ".join(texts[-400:])[:9_000])

    def found(matches):
        return [(m.rule.id, m.start, m.end, tuple((t.i, field) for t, field in m.tokens), m.valid) for m in matches]

    assert len(engine.matcher.fixed._checks) > 100 and engine.matcher._operator_needs  # both paths exist
    for text in texts:
        clean, _ = squeeze(text)
        doc, _, _ = engine.analyse(clean)
        assert found(engine.matcher.candidates(doc)) == found(engine.matcher.candidates_spacy(doc)), text


def test_token_values_read_what_the_extensions_hold(engine):
    """``lexicon.token_value`` reads the Doc's user_data where spaCy's ``token._`` keeps the
    values (issue #17: ~1 µs saved a read): the same value for every extension and token of
    the rule examples, merged words and linked words included."""
    from posology.matching import lexicon

    assert lexicon._direct  # the layout check passed: the fast path is the one in use
    for _, example in RULE_EXAMPLES[:400]:
        doc, _, _ = engine.analyse(squeeze(example.text)[0])
        for token in doc:
            for name in lexicon.EXTENSIONS:
                assert lexicon.token_value(token, name) == token._.get(name), (example.text, token.text, name)
