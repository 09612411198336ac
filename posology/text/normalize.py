"""Token normalisation: the ``norm`` the rules and the lexicon match on.

The text itself is never rewritten (offsets stay true); each token gets a norm: lower case,
accents stripped, look-alike characters folded (µ/μ → u, full-width digits, typographic
apostrophes and dashes), dots dropped from dotted abbreviations (``t.i.d.`` → ``tid``), decimal
comma and thousands space folded in numbers (``2,5`` → ``2.5``, ``1 000`` → ``1000``).

>>> norm("Comprimés")
'comprimes'
>>> norm("µg"), norm("Ｍｇ"), norm("t.i.d."), norm("2,5"), norm("1 000"), norm("c0mprimé")
('ug', 'mg', 'tid', '2.5', '1000', 'comprime')
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from posology.text.numbers import grouped_number, words_number

_FOLD = str.maketrans(
    {
        "µ": "u",
        "μ": "u",
        "’": "'",
        "‘": "'",
        "`": "'",
        "´": "'",
        "‐": "-",
        "‑": "-",
        "‒": "-",
        "–": "-",
        "—": "-",
        "−": "-",
        "œ": "oe",
        "Œ": "oe",
        "æ": "ae",
        "½": "1/2",
        "¼": "1/4",
        "¾": "3/4",
        "⅓": "1/3",
        "⅔": "2/3",
        "\u00a0": " ",
        "\u202f": " ",
        "\u2009": " ",
    }
)
_OCR_DIGIT_IN_WORD = re.compile(r"(?<=[a-z])[01]+(?=[a-z])")
_OCR_LETTERS = {"1": "l", "0": "o"}
_DOTTED = re.compile(r"^(?:[a-z]\.){1,}[a-z]?\.?$")
_NUMBER = re.compile(r"^\d{1,3}(?: \d{3})+$|^\d+,\d+$")


def fold(text: str) -> str:
    """Lower-case, strip accents and fold look-alikes; the length may change."""
    text = text.translate(_FOLD)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return unicodedata.normalize("NFKC", text).lower().translate(_FOLD)


# UCUM annotations FHIR renderers write as a dose's unit ("4 {tbl}"), read as their word
_ANNOTATIONS = {
    "tbl": "tablet",
    "tab": "tablet",
    "cap": "capsule",
    "caps": "capsule",
    "drp": "drop",
    "appl": "application",
}


@lru_cache(maxsize=1 << 16)  # a pure function of the text; token texts repeat across lines
def norm(token_text: str) -> str:
    """The norm of one token's text."""
    value = fold(token_text)
    if value.endswith(("(s)", "(es)", "(x)")) and value[:1].isalpha():
        return value.replace("(", "").replace(")", "")  # comprimé(s): a renderer's plural
    if value[:1] == "{" and value[-1:] == "}" and len(value) > 2:
        return _ANNOTATIONS.get(value[1:-1], value[1:-1])  # {tbl}, {comprimé}: a UCUM annotation's word
    grouped = grouped_number(value)
    if grouped is not None:  # 4,000 / 10.000 / 1.2M: the whole number (CONVENTIONS §7)
        return grouped
    if ("-" in value or " " in value) and (words := words_number(value)) is not None:
        return str(words)  # trente-six, one and a half: one number, never a range of its parts
    if _NUMBER.match(value):
        return value.replace(" ", "").replace(",", ".")
    if len(value) > 2 and _DOTTED.match(value):
        return value.replace(".", "")
    if _OCR_DIGIT_IN_WORD.search(value):  # "do1iprane": OCR read an l as 1
        return _OCR_DIGIT_IN_WORD.sub(lambda m: "".join(_OCR_LETTERS[d] for d in m.group()), value)
    return value
