"""Augmentation of the TRAINING split only (Posos-style): case, accents, templates.

Every generated line is flagged (``AnnotatedLine.generated``) and never reaches dev or
test. Three kinds:

* ``lower`` / ``upper``: the line in lower (all lines) or upper case (one in four);
* ``noaccent``: accents stripped (``Kardégic`` → ``Kardegic``), for lines that have some;
* ``template``: skeletons of ``corpus/ner/templates.yaml`` (``{DRUG} {STRENGTH} {DOSE} …``)
  filled with entity texts of the same label and language from the train lines themselves
  (plus the file's ``extra`` vocabulary), so nothing of dev or test leaks in.

Case and accent changes keep every character offset (one character for one), so the spans
stay where they were.

>>> strip_accents("Kardégic à jeun")
'Kardegic a jeun'
>>> fill("{DOSE} {WHEN}", {"DOSE": ["1 cp"], "WHEN": ["le soir"]}, __import__("random").Random(0))
('1 cp le soir', [(0, 4, 'DOSE'), (5, 12, 'WHEN')])
"""

from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import replace
from pathlib import Path

import yaml

from posology.ner.tokenizer import blank_nlp
from training.corpus import CORPUS_DIR, AnnotatedLine, is_aligned
from training.markup import Span

_SLOT = re.compile(r"\{([A-Z_]+)\}")
TEMPLATES_PER_LANG = {"fr": 500, "en": 300}
UPPER_SHARE = 0.25


def strip_accents(text: str) -> str:
    """Each accented letter → its base letter; other characters unchanged (same length)."""
    out = []
    for char in text:
        base = "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))
        out.append(base if len(base) == 1 else char)
    return "".join(out)


def upper(text: str) -> str:
    """Upper case as a prescriber types it: the micro sign stays ``µ`` (not a Greek capital).

    >>> upper("75 µg le soir")
    '75 µG LE SOIR'
    """
    return "".join(char if char in "µμ" else char.upper() for char in text)


def _recased(line: AnnotatedLine, text: str, kind: str) -> AnnotatedLine | None:
    if text == line.text or len(text) != len(line.text):
        return None  # nothing new, or a case change that would move the offsets
    return replace(line, text=text, generated=kind, where=f"{line.where}:{kind}")


def surface_copies(lines: list[AnnotatedLine], rng: random.Random) -> list[AnnotatedLine]:
    """Lower-case, accent-stripped and (some) upper-case copies of the lines."""
    copies: list[AnnotatedLine] = []
    for line in lines:
        candidates = [(line.text.lower(), "lower"), (strip_accents(line.text), "noaccent")]
        if rng.random() < UPPER_SHARE:
            candidates.append((upper(line.text), "upper"))
        copies.extend(c for text, kind in candidates if (c := _recased(line, text, kind)) is not None)
    return copies


def vocabulary(lines: list[AnnotatedLine], extra: dict[str, list[str]]) -> dict[str, list[str]]:
    """Entity texts by label, from the given (train) lines plus the extra vocabulary."""
    vocab: dict[str, list[str]] = {}
    for line in lines:
        for start, end, label in line.spans:
            vocab.setdefault(label, []).append(line.text[start:end])
    for label, values in extra.items():
        vocab.setdefault(label, []).extend(values)
    return {label: sorted(set(values)) for label, values in vocab.items()}


def fill(skeleton: str, vocab: dict[str, list[str]], rng: random.Random) -> tuple[str, list[Span]] | None:
    """One line from a skeleton; ``None`` when a slot has no vocabulary."""
    text, spans, cursor = "", [], 0
    for match in _SLOT.finditer(skeleton):
        values = vocab.get(match.group(1))
        if not values:
            return None
        text += skeleton[cursor : match.start()]
        value = rng.choice(values)
        spans.append((len(text), len(text) + len(value), match.group(1)))
        text += value
        cursor = match.end()
    return text + skeleton[cursor:], spans


def template_lines(
    lines: list[AnnotatedLine], lang: str, config: dict, count: int, rng: random.Random
) -> list[AnnotatedLine]:
    """``count`` template lines of one language from its train lines."""
    vocab = vocabulary([line for line in lines if line.lang == lang], config.get("extra", {}).get(lang, {}))
    skeletons = config.get(lang, [])
    generated: list[AnnotatedLine] = []
    seen, nlp = {line.text for line in lines}, blank_nlp()
    for number in range(count * 3):  # a few draws collide with an existing line; keep trying
        if len(generated) == count or not skeletons:
            break
        filled = fill(rng.choice(skeletons), vocab, rng)
        if filled is None or filled[0] in seen or not is_aligned(nlp, *filled):
            continue  # a glued value can merge with its neighbour ("200 800mg" is one number)
        seen.add(filled[0])
        text = upper(filled[0]) if rng.random() < 0.1 and len(upper(filled[0])) == len(filled[0]) else filled[0]
        generated.append(AnnotatedLine(text, filled[1], lang, f"template:{lang}:{number}", "template"))
    return generated


def augment(train: list[AnnotatedLine], corpus_dir: Path = CORPUS_DIR, seed: int = 0) -> list[AnnotatedLine]:
    """All generated lines for a train split (deterministic for a seed)."""
    rng = random.Random(seed)
    config = yaml.safe_load((corpus_dir / "templates.yaml").read_text(encoding="utf-8"))
    generated = surface_copies(train, rng)
    for lang, count in TEMPLATES_PER_LANG.items():
        generated.extend(template_lines(train, lang, config, count, rng))
    return generated
