"""What follows an order verb, read by ``posology.fields.cues`` to decide what the verb makes of
the line: a do-not-give verb before an event of the day or advice (``ne pas prendre au
coucher``, ``do not take with alcohol``: no order), before a procedure (``ne pas donner avant
l'intervention``: an order), a titration verb before the dose it sets (``increase to 0.5 mg``,
``Augmentez la Lantus à 18 unités``: the next dose, not an open rule) or before a plan's colon
(``Diminuez le Cortancyl : 15 mg … puis 10 mg``: the plan is written out).

Each reader takes the line's words (spaCy tokens) or their norms and the index after the verb.
"""

from __future__ import annotations

from posology.matching.lexicon import token_value
from posology.text.words import ADVICE_AFTER, EVENT_ARTICLES, PROCEDURES

__all__ = [
    "CONDITION_WORDS",
    "advice_follows",
    "before_procedure",
    "colon_after",
    "event_follows",
    "same_time",
    "set_target",
]

CONDITION_WORDS = {"si", "if", "when", "whenever", "lorsque", "quand", "en cas de", "en cas d'"}
# between a patient-facing verb and what it sets: "Augmentez la Lantus à …", "passez votre Kardégic"
_AFTER_THE_DRUG = frozenset({"to", "a", "de", "by", "par", "from", ":"})
_OBJECT_ARTICLES = frozenset({"le", "la", "les", "l'", "l", "'", "votre", "vos", "du", "the", "your"})


def event_follows(words, index: int) -> bool:
    """An event of the day (``au coucher``, ``at bedtime``, ``le soir``) right after a negated
    verb, over articles: when the dose must not be taken, never when it is. ``ne pas prendre le
    matin de l'intervention`` is the procedure day's dose not given: an order."""
    if PROCEDURES.intersection(word.norm_ for word in words[index : index + 6]):
        return False
    for word in words[index : index + 3]:
        if token_value(word, "lex_when") is not None:
            return True
        if word.norm_ not in EVENT_ARTICLES:
            return False
    return False


def same_time(norms: list[str], index: int) -> bool:
    """``Do not take indigestion remedies or iron at the same time`` (a UK label's caution)."""
    following = " ".join(norms[index : index + 10]).split(" . ")[0]
    return " same time" in following or "meme temps" in following


def advice_follows(norms: list[str], index: int, words: frozenset[str] = ADVICE_AFTER) -> bool:
    """Words after ``do not take`` / ``ne pas prendre`` that make it advice on how to take the drug
    (``more than 8 a day``, ``with alcohol``, ``on an empty stomach``)."""
    return index < len(norms) and norms[index].split(" ")[0] in words  # "plus de" may be one token


def before_procedure(norms: list[str], index: int) -> bool:
    """``ne pas donner avant l'intervention``, ``do not give before surgery``: an order, not advice."""
    return norms[index : index + 1] in (["avant"], ["before"]) and bool(set(norms[index + 1 : index + 4]) & PROCEDURES)


def _past_the_drug(words, norms: list[str], i: int) -> int:
    """The index after a patient-facing verb's object: articles, then at most three capitalised
    words (``la Lantus``, ``le Kardégic``); ``i`` itself when there is none."""
    j = i
    while j < len(norms) and norms[j] in _OBJECT_ARTICLES:
        j += 1
    named = j
    while (
        named < len(words)
        and named - j < 3
        and words[named].text[:1].isupper()
        and norms[named] not in _AFTER_THE_DRUG  # "THEN INCREASE TO 0.5 MG" (capitals)
    ):
        named += 1
    return named if named > j else i


def set_target(words, norms: list[str], i: int) -> bool:
    """``increase to 0.5 mg``, ``augmenter à 2 cp``, ``Augmentez la Lantus (de 14) à 18 unités``: the verb
    names the next dose itself (a phase), not an open rule (``increase by 25 mg``, ``up to 100
    mg`` stay open)."""
    i = _past_the_drug(words, norms, i)
    if norms[i : i + 1] == ["de"]:  # "de 40 mg à 20 mg": the former dose first (steps/changes.py)
        i = next((k for k in range(i + 1, min(i + 5, len(norms))) if norms[k] == "a"), i)
    if not (i + 1 < len(norms) and norms[i] in ("to", "a") and token_value(words[i + 1], "num") is not None):
        return False
    clause = norms[i : next((k for k in range(i, len(norms)) if norms[k] in (";", ".")), len(norms))]
    # "increase to 40 mg after 2 weeks if BP not controlled": conditional, an open rule still
    return not any(n in CONDITION_WORDS or n in ("after", "apres", "selon", "according") for n in clause)


def colon_after(words, norms: list[str], i: int) -> bool:
    """``reducing regime:``, ``Diminuez le Cortancyl : 15 mg … puis 10 mg``: a colon right after
    the verb (or its drug) labels a plan written out, not an open rule."""
    past = _past_the_drug(words, norms, i)
    return ":" in norms[i : i + 2] or norms[past : past + 1] == [":"]
