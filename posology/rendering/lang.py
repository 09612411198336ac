"""Which language a prescription line is written in (French or English, by a word count), and
the languages a caller may ask for (:func:`language_of`, :func:`narrative_lang`).

The heuristic, documented because the narrative's language depends on it: each word of the
line that is a typical French prescription word (``le``, ``par``, ``jour``, ``comprimé``,
``pendant``, ``cp``, ``j``…) counts one for French, each typical English one (``the``, ``a``,
``day``, ``tablet``, ``for``, ``tab``, ``BD``, ``OD``…) one for English, and each letter with
a French accent (``é``, ``è``, ``à``, ``ç``…) one more for French, each ``q8h`` /
``q4-6h`` one more for English. The higher count wins; a tie
(``1-0-1``, a drug name alone) is French, the project's first language. Drug names, numbers
and units (``mg``, ``ml``) count for neither.

>>> detect_lang("Doliprane 1 g 1 cp 3 fois par jour"), detect_lang("Tab Dolo 650 1-0-1 x 5 days")
('fr', 'en')
>>> detect_lang("1-0-1")
'fr'
"""

from __future__ import annotations

import re

from posology.errors import Errors, InputError
from posology.rendering.en import ENGLISH
from posology.rendering.fr import FRENCH
from posology.rendering.language import Language

__all__ = ["LANGUAGES", "detect_lang", "evident_lang", "language_of", "narrative_lang", "primary_language"]

_FRENCH = frozenset(
    """le la les du de des au aux et ou à puis par pour pendant pdt durant fois jour jours j
    semaine semaines mois an ans heure heures h matin midi soir nuit coucher réveil lever repas
    petit déjeuner dîner diner avant après apres si besoin cas douleur fièvre fievre comprimé
    comprimés comprimes cp cpr cpé gélule gélules gelule gelules sachet sachets suppositoire
    suppo goutte gouttes bouffée bouffées ampoule flacon cuillère prise prises voie orale
    sous cutanée chaque tous toutes jusqu maximum sans dépasser renouveler qsp lundi mardi
    mercredi jeudi vendredi samedi dimanche une un deux trois demi en dans sur ne pas unique
    soupe café arrêter arrêt suspendre""".split()
)
_ENGLISH = frozenset(
    """the a an and or then for of per day days daily week weeks weekly month months hour
    hours hrs hr morning noon evening night bedtime at in on with before after meals meal food
    breakfast lunch dinner as needed if pain fever tablet tablets tab tabs cap caps capsule
    capsules drop drops puff puffs spoon times time once twice every take give by mouth
    orally route up to no more than refill refills supply dose doses x bd bid od qd tds tid
    qds qid hs qhs sos prn stat monday tuesday wednesday thursday friday saturday sunday
    syp inj apply prn qhs subq units unit monthly discontinue hold stop taking until nausea
    soln susp intravenously tiw""".split()
)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
# Latin shorthand of English sigs: q8h, q4-6h, q12 h (an English word each).
_Q_HOURS = re.compile(r"\bq\s?\d+(?:-\d+)?\s?h(?:rs?)?\b", re.IGNORECASE)
_ACCENTS = frozenset("éèêëàâîïôûùüçœ")


def _counts(text: str) -> tuple[int, int]:
    """(French, English) evidence of ``text``."""
    english = len(_Q_HOURS.findall(text))
    words = [w.casefold() for w in _WORD.findall(_Q_HOURS.sub(" ", text) if english else text)]
    folded = text.casefold()
    french = sum(w in _FRENCH for w in words) + sum(map(folded.count, _ACCENTS))  # count() per accent, in C
    english += sum(w in _ENGLISH for w in words)
    return french, english


def detect_lang(text: str) -> str:
    """``"fr"`` or ``"en"`` (see the module docstring for the rule)."""
    french, english = _counts(text or "")
    return "en" if english > french else "fr"


def evident_lang(text: str) -> str | None:
    """The line's language when a word says it, ``None`` when nothing does or the counts tie.

    Used for the FHIR displays, which must be in the line's language or absent: a line with
    no word of either language (``1-0-1``) gets no display rather than a guessed one.

    >>> evident_lang("1 cp le soir"), evident_lang("1 tab at night"), evident_lang("1-0-1")
    ('fr', 'en', None)
    """
    french, english = _counts(text or "")
    if french == english:
        return None
    return "en" if english > french else "fr"


LANGUAGES: dict[str, Language] = {"fr": FRENCH, "en": ENGLISH}


def language_of(lang: str) -> Language:
    """The words of ``"fr"`` or ``"en"``; :class:`InputError` (E023) for anything else.

    >>> language_of("EN").code
    'en'
    """
    key = lang.lower() if isinstance(lang, str) else lang
    if key not in LANGUAGES:
        raise InputError(Errors.E023.format(lang=lang))
    return LANGUAGES[key]


def narrative_lang(render_lang: str | None = None, lang: str | None = None) -> str | None:
    """The narrative's language when the caller chose one: ``render_lang`` (``fr`` / ``en``,
    else :class:`InputError`), else ``lang`` when it is French or English (``fr-FR`` counts);
    ``None`` lets each MedicationRequest speak its own (:func:`with_narratives`).

    >>> narrative_lang("EN"), narrative_lang(lang="fr-FR"), narrative_lang(lang="de")
    ('en', 'fr', None)
    """
    if render_lang is not None:
        return language_of(render_lang).code
    return primary_language(lang)


def primary_language(lang: str | None) -> str | None:
    """``fr`` / ``en`` from a BCP-47 tag (``fr-FR``, ``EN``), else None."""
    short = lang.strip().split("-")[0].lower() if isinstance(lang, str) else None
    return short if short in LANGUAGES else None
