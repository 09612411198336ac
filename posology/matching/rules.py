"""Declarative rules: load, validate (schema with ``extra="forbid"``) and expand.

A rule file in ``rules/`` is YAML::

    rules:
      - id: dose.count
        priority: 10
        pattern:
          - {FIELD: dose.low, NUM: true}
          - {FIELD: dose.unit, LEX: unit_of_presentation}
        examples:
          - {text: "1 cp", fields: {dose.low: 1, dose.unit: tablet}}

Every pattern token names the ``FIELD`` it fills (``cue`` for a word that only signals the
rule, such as ``fois`` or ``pendant``). Tokens may be optional (``OP: "?"``) or list
alternatives (``ALT: [token, token]``, each with its own FIELD); the loader expands both into
all concrete variants, so that every matched token maps to exactly one field. ``OP: "+"``
stays an operator (free text such as an as-needed reason); spaCy's alignments map its tokens.

Token keys besides FIELD/OP/ALT: ``NUM`` (true: any number, ``digit``: digits and fractions
only, false: not a number), ``LEX`` (a lexicon concept type, or a list of them: the token names
a concept of that type; ``LEX_KEY`` restricts the keys), ``NORM`` (a norm or a list of norms), ``NOT_NORM``, ``SHAPE``,
``IS_TITLE``, ``IS_UPPER``, ``IS_PUNCT``, ``IS_ALPHA``, ``LENGTH`` (minimum length), ``NOT_LEX``
(the token names no lexicon concept), ``SLOT`` (a slot digit: 0-9 or a small fraction).
"""

from __future__ import annotations

import itertools
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from posology.errors import Errors, RuleError
from posology.matching.lexicon import LEXICON_TYPES
from posology.resources import rules_dir
from posology.text.normalize import norm
from posology.text.tokenizer import token_spans


def norm_phrase(value: str) -> str:
    """Normalise a rule's literal word or phrase the way the tokenizer normalises text."""
    return _norm_phrase(str(value))


@lru_cache(maxsize=4096)  # the rules repeat their literals across thousands of expanded variants
def _norm_phrase(text: str) -> str:
    if " " not in text:
        return norm(text)
    joined = " ".join(norm(text[start:end]) for start, end, space in token_spans(text) if not space)
    return joined.replace(" '", "'")  # "en cas d'" ends with an elision, as in the text


class TokenSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    FIELD: str | None = None
    OP: Literal["?", "+", "*"] | None = None
    ALT: list[TokenSpec] | None = None
    NUM: bool | Literal["digit"] | None = None
    LEX: str | list[str] | None = None
    LEX_KEY: list[str] | None = None
    NORM: str | list[str] | None = None
    NOT_NORM: list[str] | None = None
    SHAPE: str | None = None
    IS_TITLE: bool | None = None
    IS_UPPER: bool | None = None
    IS_PUNCT: bool | None = None
    IS_ALPHA: bool | None = None
    LENGTH: int | None = None
    NOT_LEX: bool | None = None
    SLOT: bool | None = None

    @model_validator(mode="after")
    def _check(self) -> TokenSpec:
        if self.ALT is not None:
            if self.FIELD is not None:
                raise ValueError(Errors.E036)
            return self
        if not self.FIELD:
            raise ValueError(Errors.E037)
        unknown = [t for t in self.lex_types() if t not in LEXICON_TYPES]
        if unknown:
            raise ValueError(Errors.E038.format(unknown=unknown))
        return self

    def lex_types(self) -> list[str]:
        """The concept types of ``LEX`` (one, or a list meaning "any of them")."""
        return [self.LEX] if isinstance(self.LEX, str) else list(self.LEX or [])

    def norms(self) -> list[str]:
        """The NORM values, normalised like token norms (``à jeun`` → ``a jeun``)."""
        values = [self.NORM] if isinstance(self.NORM, str) else list(self.NORM or [])
        return [norm_phrase(value) for value in values]

    def to_spacy(self, lexicon) -> dict[str, Any]:
        """The spaCy Matcher token pattern (without FIELD, which spaCy's schema forbids).

        Numbers and concepts are read from native attributes set by the lexicon: ``TAG``
        (SLOT / DIGIT / WORDNUM) and ``LEMMA`` (the token's concepts, see ``concept_lemma``).
        """
        spec: dict[str, Any] = {}
        if self.SLOT:
            spec["TAG"] = "SLOT"
        elif self.NUM is True:
            spec["TAG"] = {"IN": ["SLOT", "DIGIT", "WORDNUM"]}
        elif self.NUM == "digit":
            spec["TAG"] = {"IN": ["SLOT", "DIGIT"]}
        elif self.NUM is False:
            spec["TAG"] = {"NOT_IN": ["SLOT", "DIGIT", "WORDNUM"]}
        if self.LEX:
            lemmas = {lemma for lex_type in self.lex_types() for lemma in lexicon.lemma_values(lex_type, self.LEX_KEY)}
            spec["LEMMA"] = {"IN": sorted(lemmas)}
        elif self.NOT_LEX:
            spec["LEMMA"] = {"NOT_IN": lexicon.lemma_values()}
        norm_spec: dict[str, Any] = {}
        if self.NORM and len(self.norms()) == 1 and not self.NOT_NORM:
            spec["NORM"] = self.norms()[0]  # an exact value stays a native (fast) predicate
        elif self.NORM:
            norm_spec["IN"] = self.norms()
        if self.NOT_NORM:
            norm_spec["NOT_IN"] = [norm_phrase(value) for value in self.NOT_NORM]
        if norm_spec:
            spec["NORM"] = norm_spec
        for key in ("SHAPE", "IS_TITLE", "IS_UPPER", "IS_PUNCT", "IS_ALPHA"):
            if getattr(self, key) is not None:
                spec[key] = getattr(self, key)
        if self.LENGTH:
            spec["LENGTH"] = {">=": self.LENGTH}
        spec["IS_SPACE"] = False
        if self.OP in ("+", "*"):
            spec["OP"] = self.OP
        return spec


class Example(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str
    fields: dict[str, Any] = Field(default_factory=dict)
    match: str | None = None  # the matched text, when not the whole example


class Rule(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    description: str = ""
    priority: int = 0
    set: dict[str, Any] = Field(default_factory=dict)
    pattern: list[TokenSpec]
    examples: list[Example] = Field(min_length=1)

    def variants(self) -> list[list[TokenSpec]]:
        """All concrete patterns: each ``?`` token present or absent, each ALT chosen."""
        choices: list[list[TokenSpec | None]] = []
        for token in self.pattern:
            options: list[TokenSpec] = list(token.ALT) if token.ALT else [token]
            if token.OP == "?":
                choices.append([option.model_copy(update={"OP": None}) for option in options] + [None])
            else:
                choices.append(list(options))
        variants = []
        for combination in itertools.product(*choices):
            concrete = [token for token in combination if token is not None]
            if concrete:
                variants.append(concrete)
        return variants


class RuleFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    rules: list[Rule]


PREBUILT = "rules.prebuilt"  # the documents of the shipped rule files (``posology.prebuilt``)


def read_rule_documents(paths: list[Path]) -> dict[str, Any]:
    """Each rule file's YAML document, by file name (a YAML error raises RuleError E006)."""
    # libyaml's safe loader when PyYAML has it (about ten times faster), the same documents
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    documents = {}
    for path in paths:
        try:
            documents[path.name] = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
        except yaml.YAMLError as error:
            raise RuleError(Errors.E006.format(path=path.name, detail=error)) from error
    return documents


def validate_rule_file(name: str, data: Any) -> list[Rule]:
    try:
        return RuleFile.model_validate(data).rules
    except ValidationError as error:
        raise RuleError(Errors.E006.format(path=name, detail=error)) from error


def load_rule_file(path: Path) -> list[Rule]:
    return validate_rule_file(path.name, read_rule_documents([path])[path.name])


@cache
def load_rules(directory: str | None = None) -> tuple[Rule, ...]:
    """All rules of ``rules/*.yaml``, sorted by file then order; ids must be unique. The shipped
    files' documents come pre-built when fresh (YAML parsing is ~0.15 s of a start)."""
    folder = Path(directory) if directory else rules_dir()
    paths = sorted(folder.glob("*.yaml"))
    if directory:
        documents = read_rule_documents(paths)
    else:
        from posology import prebuilt

        documents = prebuilt.load(folder / PREBUILT, paths, lambda: read_rule_documents(paths))
    rules: list[Rule] = []
    for name, data in documents.items():
        rules.extend(validate_rule_file(name, data))
    seen: set[str] = set()
    for rule in rules:
        if rule.id in seen:
            raise RuleError(Errors.E006.format(path=rule.id, detail="duplicate rule id"))
        seen.add(rule.id)
    return tuple(rules)


def _literal_norms(rules: tuple[Rule, ...]) -> set[str]:
    """Every literal word or phrase the rules match, normalised."""
    norms: set[str] = set()

    def visit(spec: TokenSpec) -> None:
        for alternative in spec.ALT or []:
            visit(alternative)
        norms.update(spec.norms())

    for rule in rules:
        for spec in rule.pattern:
            visit(spec)
    return norms


def multiword_norms(rules: tuple[Rule, ...]) -> set[str]:
    """Literal phrases of several words in the rules (``tous les``, ``en cas de``): the
    lexicon merges them into one token so that one pattern token can match them."""
    return {value for value in _literal_norms(rules) if " " in value}


def rule_vocabulary(rules: tuple[Rule, ...]) -> frozenset[str]:
    """Every literal the rules match (``pendant``, ``fois``, and the phrases the lexicon merges
    into one token, ``se rincer la bouche``): known words, never offered to the linker."""
    return frozenset(_literal_norms(rules))
