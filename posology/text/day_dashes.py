"""A dose pack's plan by days written with dashes (``Day 1 - 6 tabs, Day 2 - 5 tabs``, ``J1 - 2 cp``):
the spaced dash after ``Day N`` separates the day from its dose as a colon does (``Day 1: 6 tabs``);
it is never the dash of a range (``1 - 6 tabs`` was one to six tablets, and ``Day`` a drug). Its
norm becomes ``|`` (a column's separator; never ``:``, which makes ``5 : 40`` a clock time); so
does one after a range of days (``Days 1-5 - 40 mg daily``: it was 5 to 40 mg). A hyphen glued to
its numbers (``Day 1-5``, ``Days 1 - 5``) is left alone.
Called by ``posology.text.readings.read_in_context``."""

from __future__ import annotations

_DAY_WORDS = frozenset({"day", "jour", "j"})
_RANGE_DAY_WORDS = frozenset({"day", "days", "jour", "jours", "j"})
_DASHES = frozenset({"-", "–"})


def read_day_dashes(text: str, words: list[str], norms: list[str]) -> None:
    at = 0
    for index, word in enumerate(words):
        at = text.find(word, at)
        if (
            word in _DASHES
            and 2 <= index < len(words) - 2
            and words[index - 1].isdigit()
            and (words[index - 2].lower() in _DAY_WORDS or _day_range_before(words, index - 1))
            and words[index + 1].replace(",", "").replace(".", "").isdigit()
            and words[index + 2][:1].isalpha()
            and 0 < at < len(text) - 1
            and text[at - 1] == " "
            and text[at + 1] == " "
        ):
            norms[index] = "|"
        at += len(word)


def _day_range_before(words: list[str], last: int) -> bool:
    """Whether ``words[last]`` ends a range of days (``Days 1-5``, ``J1-J5`` read as ``J1 - 5``)."""
    return (
        last >= 3
        and words[last - 1] in ("-", "–", "to", "à", "a")
        and words[last - 2].isdigit()
        and words[last - 3].lower() in _RANGE_DAY_WORDS
    )
