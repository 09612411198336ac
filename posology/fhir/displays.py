"""Code displays in the language of the line, or none.

A ``Coding.display`` (and the ``unit`` text of a Quantity coded in EDQM) is written in the
language of the prescription line: EDQM's English term on an English line (``Oral use``,
``Tablet``), its French translation on a French line (``Voie orale``, ``Comprimé``, from
``terminologies/edqm/``). When the language is not known, no display is written: the code
says it all, and a display in a language the line is not in would mislead a reader.

Codes of French-only code systems (CIS specialties, ANSM substances) keep the code
system's own display whatever the line's language: it is the only display those systems
have. UCUM quantities carry their UCUM code as ``unit`` (``mg``, ``[iU]``), which is no
language. See ``docs/fhir.md`` (Displays).

>>> edqm_display("20053000", "fr"), edqm_display("20053000", "en"), edqm_display("20053000", None)
('Voie orale', 'Oral use', None)
>>> line_language("fr-FR"), line_language("de"), line_language(None)
('fr', None, None)
"""

from __future__ import annotations

from functools import cache

from posology.fhir.valuesets import EDQM_TABLES
from posology.resources import read_table

__all__ = ["LANGUAGES", "edqm_display", "line_language"]

# The languages posology has displays for (BCP-47 primary language subtags).
LANGUAGES = ("fr", "en")


def line_language(lang: str | None) -> str | None:
    """The language displays are written in: ``fr`` or ``en``, ``None`` for any other value.

    Only the primary subtag counts (``fr-FR``, ``FR`` → ``fr``).
    """
    if not isinstance(lang, str):
        return None
    primary = lang.strip().split("-")[0].lower()
    return primary if primary in LANGUAGES else None


def edqm_display(code: str, lang: str | None) -> str | None:
    """The EDQM term of ``code`` in ``lang`` (``fr`` / ``en``); ``None`` when either is unknown."""
    language = line_language(lang)
    if language is None:
        return None
    return _edqm_terms().get(code, {}).get(language) or None


@cache
def _edqm_terms() -> dict[str, dict[str, str]]:
    """EDQM code -> {"en": term, "fr": term}, over the units, routes and dose forms tables."""
    terms: dict[str, dict[str, str]] = {}
    for table in EDQM_TABLES.values():
        for row in read_table(table):
            terms[row["code"]] = {"en": row["display_en"], "fr": row["display_fr"]}
    return terms
