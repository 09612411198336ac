"""Step 0, before any analysis: is the input a text the engine can read?

Reads the caller's text; writes nothing but an error :class:`~posology.dosage.Issue` (the
engine then returns a Prescription with that issue alone) or the text with its lone surrogates
replaced (``replace_surrogates``: the engine flags them W014).
"""

from __future__ import annotations

import re

from posology.dosage import Issue
from posology.errors import Errors
from posology.text.offsets import INVISIBLE


def check_input(text: object, max_length: int) -> Issue | None:
    """An error when ``text`` is not a string, is empty, longer than ``max_length`` or binary."""
    if not isinstance(text, str):
        return Issue("error", "invalid", Errors.E003)
    if len(text) > max_length:
        return Issue("error", "too-long", Errors.E001.format(limit=max_length), 0, len(text))
    if not text.strip():
        return Issue("error", "required", Errors.E002)
    if text.isprintable():  # most lines: then only U+FFFD counts (a test per character otherwise)
        odd = text.count("\ufffd")
    else:
        odd = sum(
            ((not ch.isprintable() and not ch.isspace()) or ch == "\ufffd") and ch not in INVISIBLE for ch in text
        )
    if "\x00" in text or (odd > 2 and odd > len(text) // 20):
        return Issue("error", "invalid", Errors.E003)
    return None


_SURROGATE = re.compile("[\ud800-\udfff]")


def replace_surrogates(text: str) -> tuple[str, int]:
    """The text with each lone surrogate (unencodable in UTF-8) as U+FFFD, and their count.

    >>> text, count = replace_surrogates("1 cp \\udc80")
    >>> count, text.endswith("\\ufffd")
    (1, True)
    """
    return _SURROGATE.subn("\ufffd", text)
