"""Free texts the renderer may translate: as-needed reasons and additional instructions.

A reason or an instruction is the prescriber's own text, kept as written; only the common
ones are translated when the rendering is in the other language (``douleur`` → ``pain``).
Anything else is written as it came, never guessed.

>>> translate("Douleur", "en"), translate("pain", "fr"), translate("EVA > 3", "en")
('pain', 'douleur', 'EVA > 3')
>>> translate("crise d' asthme", "en")
'asthma attack'

"""

from __future__ import annotations

import re

from posology.text.normalize import fold

__all__ = ["reason", "tidy", "translate"]

# (French, English): the first writing of a side is the one a translation gives.
_PAIRS = (
    (("douleur", "douleurs", "dlr"), ("pain",)),
    (("fièvre", "fievre"), ("fever",)),
    (("nausées", "nausée", "nausees"), ("nausea",)),
    (("vomissements",), ("vomiting", "vomitting")),
    (("toux",), ("cough",)),
    (("insomnie",), ("insomnia",)),
    (("anxiété", "anxiete", "angoisse"), ("anxiety",)),
    (("douleur thoracique",), ("chest pain",)),
    (("douleurs abdominales",), ("abdominal pain", "stomach pain")),
    (("mal de tête", "mal de tete", "céphalées"), ("headache",)),
    (("sifflements",), ("wheezing",)),
    (("essoufflement",), ("breathlessness", "shortness of breath")),
    (("gêne respiratoire", "gene respiratoire"), ("breathing difficulty",)),
    (("diarrhée", "diarrhee", "diarhee"), ("diarrhoea", "diarrhea")),
    (("constipation",), ("constipation",)),
    (("agitation",), ("agitation",)),
    (("crise d'asthme",), ("asthma attack",)),
    (("à jeun", "a jeun"), ("on an empty stomach", "on empty stomach", "empty stomach")),
)


def tidy(text: str) -> str:
    """The prescriber's text with its apostrophes written once, unspaced (``crise d' asthme``,
    as the tokenizer leaves it, → ``crise d'asthme``)."""
    return re.sub(r"'\s+", "'", text.replace("’", "'"))


# Words the engine's as-needed reason may keep from the next field (``si T° > 38,5 jusqu'à 4
# fois par jour`` → ``T° > 38,5 jusqu'``; ``si fièvre toutes les 6 h`` → ``fièvre toutes les 6``):
# those fields are rendered on their own, so the fragment is dropped from the reason.
_DANGLING = re.compile(
    r"\s+(?:jusqu'(?:à|a)?|pdt|pendant|puis|et|ou|(?:toutes|tous|ttes|tts)(?:\s+les)?(?:\s+\d+(?:[,.]\d+)?)?)\s*$",
    re.IGNORECASE,
)


def reason(text: str) -> str:
    """An as-needed reason without the dangling fragment of the next field.

    >>> reason("T° > 38,5 jusqu'"), reason("fievre > 38,5 ttes les 6"), reason("douleur")
    ('T° > 38,5', 'fievre > 38,5', 'douleur')
    """
    text = tidy(text).strip()
    while (shorter := _DANGLING.sub("", text)) != text:
        text = shorter
    return text


def _key(text: str) -> str:
    return " ".join(fold(tidy(text)).split())


def _table(side: int) -> dict[str, str]:
    """Every writing (both languages) → the first writing of ``side`` (0 French, 1 English)."""
    table: dict[str, str] = {}
    for pair in _PAIRS:
        for writing in pair[0] + pair[1]:
            table[_key(writing)] = pair[side][0]
    return table


_TO = {"fr": _table(0), "en": _table(1)}


def translate(text: str, lang: str) -> str:
    """``text`` in ``lang`` when the glossary knows it, else ``text`` as written (tidied)."""
    return _TO[lang].get(_key(text), tidy(text))
