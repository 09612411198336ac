"""Eye and ear site abbreviations after a dose in drops (CONVENTIONS §7): ``1 gtt OD`` is the
right eye, ``5 gtts AU`` both ears; never a frequency, never French ``ou`` / ``au``. And the skin
behind the ear, where a patch is stuck (``1 patch derrière l'oreille``): never the ear's route."""

from __future__ import annotations

import re

from posology.matching.lexicon import token_value

_BEHIND = re.compile(r"\b(?:derri[eè]re|behind)(?:\s+(?:l['’]|the))?\s*$", re.IGNORECASE)
_BEHIND_AT = re.compile(r"(?:derri[eè]re|behind)\b", re.IGNORECASE)


def behind_the_ear(text: str, start: int) -> bool:
    """Whether a route read at ``start`` of ``text`` is said behind something (``derrière
    l'oreille``, ``behind the ear``: the linker reads the whole span as the ear's route)."""
    return _BEHIND.search(text, 0, start) is not None or _BEHIND_AT.match(text, start) is not None


_ITEM_START = re.compile(r"(?:^|[;|\n+]|\d[.)])\s*$")


def inhaler_opener(text: str, start: int, end: int) -> bool:
    """Whether a route read at ``text[start:end]`` is ``Inh`` opening an item before the name
    (``Inh Asthalin 2 puffs SOS``, ``Inh. Foracort 200 …``): the form (an inhaler), as ``Tab`` or
    ``Inj`` are, and no route is read from a form (CONVENTIONS §4); after the dose (``2 puffs inh
    PRN``) it stays the route."""
    if text[start:end].lower().rstrip(".") != "inh" or _ITEM_START.search(text, 0, start) is None:
        return False
    return text[end:].lstrip()[:1].isalpha()


_MOUTH_PRODUCT = re.compile(
    r"\b(?:buccal|buccale|gingival|gingivale|bain de bouche|oromucosal|mouth ?wash)\b", re.IGNORECASE
)
_SKIN_SAID = re.compile(r"cutan|skin|peau|topi", re.IGNORECASE)


def mouth_area(text: str, start: int, end: int, route: str | None) -> bool:
    """Whether a cutaneous route read at ``text[start:end]`` is an area of the mouth: ``Dynexan gel
    buccal : 1 application sur la zone douloureuse`` (a gel for the gums: no skin; no route is
    inferred from the oromucosal form, CONVENTIONS §4); ``sur la peau``, ``voie cutanée`` stay."""
    return route == "cutaneous" and bool(_MOUTH_PRODUCT.search(text)) and not _SKIN_SAID.search(text, start, end)


EYE_ABBREVIATIONS = {"od", "os", "ou", "o.d.", "o.s.", "o.u.", "o.d", "o.s", "o.u", "og", "odg", "re", "le", "be"}
# a UK eye clinic's RE / LE / BE (right, left, both eyes): in capitals, before a timing
_UK_EYES = frozenset({"re", "le", "be"})
_OINTMENTS = frozenset({"ung", "ung .", "oc", "oc.", "oc ."})  # a form alias merged: "oc ."
_EYE_DROP_PRODUCTS = frozenset({"collyre", "collyres"})
_EYE_WORDS = frozenset(
    {"g", "g.", "oc", "oc.", "oc .", "ung", "ung .", "gtt", "gtts", "eye", "ointment", "drop", "drops"}
)


def eye_abbreviation(words, i: int) -> bool:
    """``1 gtt OD`` / ``OS`` / ``OU`` right after a dose in drops: the right / left / both eyes
    (CONVENTIONS §7), never once daily; French ``ou`` (or) only in capitals, or in lower case
    when an English timing follows it (``1 gtt ou qid``: never "1 drop or 4 times a day").
    French ``OG`` / ``ODG`` (left eye, both eyes: never a frequency) anywhere after the drops;
    any of them in capitals right after ``collyre``."""
    token = words[i]
    if token.norm_ in _UK_EYES:
        return _uk_eye(words, i)
    if token.norm_ not in EYE_ABBREVIATIONS or (token.norm_ in ("og", "odg") and not token.text.isupper()):
        return False
    if token.text in ("OD", "OG", "ODG", "OS", "OU") and i > 0 and words[i - 1].norm_ in _EYE_DROP_PRODUCTS:
        return True  # "Tobradex collyre OG : …": the eye the drops are for
    if token.norm_ == "ou" and not token.text.isupper() and not _english_timing_at(words, i + 1):
        return False
    before = words[0 if token.norm_ in ("og", "odg") else max(0, i - 2) : i]  # "1 drop each eye OD": W004
    # "Maxitrol ung OD qhs": an eye ointment's abbreviation counts as the drops do
    drop = any(token_value(t, "lex_unit_of_presentation") == "drop" or t.norm_ in _OINTMENTS for t in before)
    return drop and token_value(words[i - 1], "lex_route") is None


def _uk_eye(words, i: int) -> bool:
    """``1 drop RE BD``, ``G. Maxidex RE QDS``, ``oc. 1cm LE bd``, ``Pred Forte LE:``: a UK eye
    clinic's RE / LE / BE in capitals, on a line of eye drops or ointment, before an English
    timing, a colon or the end (never French ``LE SOIR``, never ``TO BE REDUCED``)."""
    if not words[i].text.isupper() or i == 0 or token_value(words[i - 1], "lex_route") is not None:
        return False
    following = words[i + 1] if i + 1 < len(words) else None
    timing = (
        following is None
        or following.norm_ in (":", ",", ";", "+", "hourly", "nocte", "mane", "x", "up", "up to")
        or _english_timing_at(words, i + 1)
        or following.like_num
    )
    eyes = any(t.norm_ in _EYE_WORDS or token_value(t, "lex_unit_of_presentation") == "drop" for t in words[:i])
    return timing and eyes


EAR_ABBREVIATIONS = {"AU", "AD", "AS", "A.U.", "A.D.", "A.S."}


def ear_abbreviation(words, i: int) -> bool:
    """``5 gtts AU`` / ``AD`` / ``AS`` in capitals right after a dose in drops: both / right /
    left ears, route auricular (lower case they are French ``au`` and English ``as``, unless
    an English sig abbreviation follows)."""
    before = words[max(0, i - 2) : i]
    # lower case only before an English sig ("4 gtts au bid"): "2 gouttes au coucher" is French
    spelled = words[i].text in EAR_ABBREVIATIONS or (
        words[i].text.upper() in EAR_ABBREVIATIONS and _english_timing_at(words, i + 1)
    )
    return spelled and any(token_value(t, "lex_unit_of_presentation") == "drop" for t in before)


_ENGLISH_TIMING = frozenset({"daily", "twice", "once", "every", "at", "nightly", "hs", "qhs", "x", "prn", "q"})


def _english_timing_at(words, i: int) -> bool:
    """An English timing word or sig abbreviation (``qid``, ``bid``, ``daily``) at ``i``."""
    if i >= len(words):
        return False
    token = words[i]
    return token.norm_ in _ENGLISH_TIMING or (
        token_value(token, "lex_timing_abbreviation") is not None and token.is_ascii and token.norm_[:1] in "bqt"
    )
