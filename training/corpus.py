"""The annotated NER corpus: read, split, check alignment, write spaCy DocBins.

``corpus/ner/fr.txt`` and ``corpus/ner/en.txt`` hold one annotated line per line in the
inline markup of :mod:`training.markup` (``#`` starts a comment). Each line goes to
``train``, ``dev`` or ``test`` (≈ 70/15/15) by a hash of its plain text: the split is
deterministic and does not move when a label is corrected or lines are added. Only the
train split is augmented (:mod:`training.augment`); :mod:`training.build` writes the DocBins.

Docs are tokenized with the posology tokenizer; a span that does not fall on token
boundaries raises :class:`~posology.errors.NerError` (E101) naming file and line.

>>> line = AnnotatedLine("Dolo650mg 1cp", [(0, 4, "DRUG"), (4, 9, "STRENGTH"), (10, 13, "DOSE")], "en", "x:1")
>>> [(e.text, e.label_) for e in to_doc(blank_nlp(), line).ents]
[('Dolo', 'DRUG'), ('650mg', 'STRENGTH'), ('1cp', 'DOSE')]
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, DocBin
from spacy.tokens import Span as DocSpan

from posology.errors import Errors, NerError
from posology.ner.tokenizer import blank_nlp
from training.markup import Span, parse

# training/ lives in the source checkout (it is not installed): the corpus is beside it
CORPUS_DIR = Path(__file__).resolve().parents[1] / "corpus" / "ner"
BUILD_DIR = CORPUS_DIR / "build"
LANGS = ("fr", "en")
SPLITS = ("train", "dev", "test")


@dataclass(frozen=True)
class AnnotatedLine:
    text: str
    spans: list[Span]
    lang: str
    where: str  # "fr.txt:12", or the origin of a generated line
    generated: str | None = None  # None for hand-written lines; "lower", "template" … otherwise
    meta: dict = field(default_factory=dict, compare=False)


def read_lines(lang: str, corpus_dir: Path = CORPUS_DIR) -> list[AnnotatedLine]:
    """The hand-annotated lines of one language, in file order."""
    path = corpus_dir / f"{lang}.txt"
    lines = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        raw = raw.strip()
        if not raw or raw.startswith("#"):
            continue
        where = f"{path.name}:{number}"
        text, spans = parse(raw, where)
        lines.append(AnnotatedLine(text, spans, lang, where))
    return lines


def split_of(text: str) -> str:
    """``train`` / ``dev`` / ``test`` by a hash of the plain text (70/15/15).

    >>> split_of("1 cp le matin") in SPLITS
    True
    """
    bucket = int(hashlib.sha1(text.encode("utf-8")).hexdigest()[:8], 16) % 100
    return "train" if bucket < 70 else "dev" if bucket < 85 else "test"


def load_split(split: str, corpus_dir: Path = CORPUS_DIR) -> list[AnnotatedLine]:
    """Hand-written lines of one split, French then English (no generated lines)."""
    lines = [line for lang in LANGS for line in read_lines(lang, corpus_dir)]
    check_unique(lines)
    return [line for line in lines if split_of(line.text) == split]


def check_unique(lines: list[AnnotatedLine]) -> None:
    """Two hand-written lines with the same text would leak across splits or weigh twice."""
    seen: dict[str, str] = {}
    for line in lines:
        if line.text in seen:
            raise NerError(Errors.E106.format(where=line.where, first=seen[line.text], text=line.text))
        seen[line.text] = line.where


def to_doc(nlp: Language, line: AnnotatedLine) -> Doc:
    """The tokenized Doc with its entities; fails loudly on misaligned or overlapping spans."""
    doc = nlp.make_doc(line.text)
    ents: list[DocSpan] = []
    for start, end, label in sorted(line.spans):
        span = doc.char_span(start, end, label=label, alignment_mode="strict")
        if span is None:
            raise NerError(Errors.E101.format(where=line.where, label=label, span=line.text[start:end], text=line.text))
        if ents and span.start < ents[-1].end:
            raise NerError(Errors.E105.format(where=line.where, first=ents[-1].text, second=span.text))
        ents.append(span)
    doc.ents = ents
    doc.user_data["lang"] = line.lang
    doc.user_data["where"] = line.where
    doc.user_data["generated"] = line.generated
    return doc


def is_aligned(nlp: Language, text: str, spans: list[Span]) -> bool:
    """Whether every span falls on token boundaries (generated lines are dropped otherwise)."""
    doc = nlp.make_doc(text)
    return all(doc.char_span(start, end, alignment_mode="strict") is not None for start, end, _ in spans)


def write_docbin(lines: list[AnnotatedLine], path: Path, nlp: Language | None = None) -> int:
    """Write lines as a DocBin (with user data: lang, origin, generated flag); returns the count."""
    nlp = nlp or blank_nlp()
    docbin = DocBin(store_user_data=True)
    for line in lines:
        docbin.add(to_doc(nlp, line))
    path.parent.mkdir(parents=True, exist_ok=True)
    docbin.to_disk(path)
    return len(lines)


def label_counts(lines: list[AnnotatedLine]) -> Counter:
    """How many spans of each label."""
    return Counter(label for line in lines for _, _, label in line.spans)
