"""Capital letters after a brand that name its variant, never a meal timing: ``Sédatif PC 2
comprimés`` (a homeopathic brand), ``Fenofibrate PC 160 mg``. ``PC`` (*post cibum*) and ``AC``
(*ante cibum*) right after a capitalised word that follows no number, and right before a number,
end the name; their norm becomes the word with a hyphen, which no rule reads (as
``posology.text.readings._read_hyphen_names`` does). ``1 cp PC`` and ``1 Tablet PC`` keep the
timing. Called by ``posology.text.readings.read_in_context``."""

from __future__ import annotations

_LETTERS = frozenset({"PC", "AC"})
BRAND_LETTER_NORMS = frozenset(letters.lower() + "-" for letters in _LETTERS)  # never linked (linking.words)


def read_brand_letters(words: list[str], norms: list[str]) -> None:
    for index in range(1, len(words) - 1):
        before = words[index - 1]
        if (
            words[index] in _LETTERS
            and len(before) >= 3
            and before.isalpha()
            and before[:1].isupper()
            and not (index >= 2 and any(ch.isdigit() for ch in words[index - 2]))
            and words[index + 1][:1].isdigit()
        ):
            norms[index] = norms[index] + "-"
