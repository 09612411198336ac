"""A dispensing label's cautionary and advisory sentences (the BNF's Appendix 3 labels, as UK
pharmacy systems print them after the direction): ``Warning: This medicine may make you sleepy.
If this happens, do not drive or use tools or machines.``, ``Do not take indigestion remedies 2
hours before or after you take this medicine.``, ``Keep taking this medicine until the course is
finished, unless you are told to stop.`` They are advice on how to take the drug: never a stop or
do-not-perform order, an as-needed condition, an event or a second drug. Each sentence is one
``caution`` cue whose tokens are read (kept as an instruction, as written)."""

from __future__ import annotations

import re

from posology.fields.cues import Cue
from posology.text.tokenizer import doc_text, doc_tokens

# The openings of the standard sentences; each cue runs to its sentence's end.
_OPENINGS = re.compile(
    r"(?:warning: this medicine may make you (?:sleepy|drowsy)|if this happens, do not drive"
    r"|do not drink alcohol|avoid alcoholic drink"
    r"|(?:do not take|avoid) (?:indigestion remedies|milk|antacids|anything else containing)"
    r"|keep taking this medicine|space the doses evenly|swallow (?:whole|with plenty of water)|do not chew or crush"
    r"|take this medicine when your stomach is empty|this means an hour before food"
    r"|(?:take )?with or (?:just )?after (?:food|a meal|meals)(?:,? or a meal)?"
    r"|(?:take )?on an empty stomach, an hour before"
    r"|do not take with any other paracetamol|discard \w+ (?:days?|weeks?|months?) after (?:first )?opening"
    r"|contains (?:paracetamol|aspirin)|do not stop taking this medicine|protect your skin from sunlight"
    r"|remove the old patch|shake the bottle|store in a fridge|(?:warning: )?may cause drowsiness"
    r"|if affected,? do not drive|read the additional information|use regularly even when"
    r"|this medicine should be taken when your stomach is empty|store (?:\w+ )*?in (?:a|the) fridge"
    r"|continue (?:for \w+ \w+ )?(?:after|until) (?:the )?(?:symptoms|eyes|rash|infection)"
    r"|until \w+ \w+ after (?:the )?symptoms"
    r"|do not (?:take|give|use) more than \w+ at (?:any one|a|one) time"
    r"|ne pas (?:se coucher|s'allonger)|rester (?:debout|assise?|en position)|(?:remain|stay|sit|keep) upright"
    r"|do not lie down"  # a bisphosphonate's or doxycycline's posture: never a bedtime, a duration
    r"|last issued|review date|repeat: \d+ of \d+ issues?"  # a GP system's issue record
    r"|(?:inr )?cible (?:entre|de|:)|target inr|inr target)\b",  # an INR target, never a dose
    re.IGNORECASE,
)
# its end: a full stop, ";", a line break, a column (" - ", "|"), or the next phase of a rendering
# (", puis …", ", then …"); a short caution ("swallow whole, one at night") ends at its comma too:
# only the long BNF sentences run over commas ("Do not take indigestion remedies, or medicines …")
_SENTENCE_END = re.compile(r"\.(?=\s|$)|[;\n|]|\s-\s|,\s(?=puis\b|then\b)")
_SHORT_END = re.compile(r"\.(?=\s|$)|[;\n|,]|\s-\s")
_ANYWHERE = (
    "discard",
    "until",
    "last issued",
    "review date",
)  # never a word of the direction: its sentence may follow a label's column gap
_LONG = ("do not take", "avoid", "keep taking", "take this medicine when", "this means", "warning", "if this")


def caution_cues(doc) -> list[Cue]:
    """A ``caution`` cue for each standard cautionary sentence of the text (squeezed offsets)."""
    text = doc_text(doc)  # joined once per line (spaCy joins every token at each doc.text)
    if not _OPENINGS.search(text):
        return []
    cues: list[Cue] = []
    for found in _OPENINGS.finditer(text):
        opening = text[: found.start()].rstrip()[-1:] in ("", ".", ";", ",", ":", "-", "|", "(")
        if not (opening or found.group().lower().startswith(_ANYWHERE)) or any(
            k.start <= found.start() < k.end for k in cues
        ):
            continue  # a sentence's opening only ("… and contains paracetamol" is not a label's)
        ends = _SENTENCE_END if found.group().lower().startswith(_LONG) else _SHORT_END
        end = ends.search(text, found.end())
        stop = end.end() if end else len(text)
        tokens = tuple(t.i for t in doc_tokens(doc) if found.start() <= t.idx < stop and not t.is_space)
        cues.append(Cue("caution", found.start(), stop, tokens))
    return cues


def with_cautions(cues: list[Cue], cautions: list[Cue]) -> list[Cue]:
    """The cues, those inside a cautionary sentence replaced by its ``caution`` cue."""
    if not cautions:
        return cues
    kept = [c for c in cues if not any(k.start <= c.start < k.end for k in cautions)]
    return sorted(kept + cautions, key=lambda c: c.start)
