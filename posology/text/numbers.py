"""Numbers as prescriptions write them: digits, decimal comma, fractions, number words.

>>> [parse_number(n) for n in ("2", "2.5", "1/2", "1/4", "trois", "demi", "twice", "x")]
[2, 2.5, 0.5, 0.25, 3, 0.5, 2, None]
>>> parse_number("9" * 400) is None
True
"""

from __future__ import annotations

import re

# French and English number words (norms: lower case, no accents). "une" and "un" are both 1.
NUMBER_WORDS: dict[str, float] = {
    "zero": 0,
    "un": 1,
    "une": 1,
    "one": 1,
    "once": 1,
    "a": 1,
    "an": 1,
    "deux": 2,
    "two": 2,
    "twice": 2,
    "trois": 3,
    "three": 3,
    "thrice": 3,
    "quatre": 4,
    "four": 4,
    "cinq": 5,
    "five": 5,
    "six": 6,
    "sept": 7,
    "seven": 7,
    "huit": 8,
    "eight": 8,
    "neuf": 9,
    "nine": 9,
    "dix": 10,
    "ten": 10,
    "onze": 11,
    "eleven": 11,
    "douze": 12,
    "twelve": 12,
    "quinze": 15,
    "fifteen": 15,
    "treize": 13,
    "thirteen": 13,
    "quatorze": 14,
    "fourteen": 14,
    "seize": 16,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "vingt": 20,
    "twenty": 20,
    "trente": 30,
    "thirty": 30,
    "quarante": 40,
    "forty": 40,
    "cinquante": 50,
    "fifty": 50,
    "soixante": 60,
    "sixty": 60,
    "seventy": 70,
    "septante": 70,  # Belgian and Swiss French
    "octante": 80,
    "huitante": 80,
    "nonante": 90,
    "eighty": 80,
    "ninety": 90,
    "cent": 100,
    "hundred": 100,
    "mille": 1000,
    "thousand": 1000,
    "demi": 0.5,
    "demie": 0.5,
    "half": 0.5,
    "quart": 0.25,
    "quarter": 0.25,
    "aadhi": 0.5,  # Hinglish (Indian slips): "aadhi goli", half a tablet
    "aadha": 0.5,
}
# Words that are numbers only where a rule says so ("a"/"an" in English, "une" article…).
WEAK_NUMBER_WORDS = frozenset({"a", "an", "once", "twice", "thrice"})
_DIGITS = re.compile(r"^\d{1,9}(?:\.\d{1,9})?$")  # longer digit runs are ids or junk, not doses
_FRACTION = re.compile(r"^(\d{1,4})/(\d{1,4})$")


def _clean(value: float) -> float:
    return int(value) if float(value).is_integer() else value


def parse_number(norm: str) -> float | None:
    """The value of a token norm, or ``None`` when it is not a number."""
    if _DIGITS.match(norm):
        return _clean(float(norm))
    fraction = _FRACTION.match(norm)
    if fraction:
        numerator, denominator = (int(part) for part in fraction.groups())
        return _clean(numerator / denominator) if denominator else None
    word = NUMBER_WORDS.get(norm)
    return None if word is None else _clean(word)


def is_numeric_token(norm: str) -> bool:
    """Digits, decimals and fractions (not words): what the ``NUM`` rule predicate means."""
    return bool(_DIGITS.match(norm) or _FRACTION.match(norm))


# --- numbers written in several words: "trente-six", "quatre-vingt-dix", "twenty-five" ----------

_UNITS = {w: v for w, v in NUMBER_WORDS.items() if isinstance(v, int) and 1 <= v <= 99 and w not in WEAK_NUMBER_WORDS}
_UNITS.update({"vingts": 20, "zero": 0, "zéro": 0})
_HUNDREDS = {"cent", "cents", "hundred"}
_THOUSANDS = {"mille", "thousand"}
_HALF = re.compile(r"[-\s]+(?:et|and)[-\s]+(?:(?:a|one)[-\s]+)?(?:demie?|half)$")
_ONE_HALF = re.compile(r"^(?:one|a)[-\s]+half$")  # "one-half", "a half": 0.5, never 1 to 0.5
NUMBER_WORD_PATTERN = "|".join(sorted(set(_UNITS) | _HUNDREDS | _THOUSANDS, key=len, reverse=True))


_QUARTERS = re.compile(r"(?P<count>\w+)[-\s]+(?:quarts?|quarters?)")
_SPOKEN_DECIMAL = re.compile(r"(?:(?P<whole>.+?)[-\s]+|(?=point))(?:point|virgule)[-\s]+(?P<digits>.+)")


def _word_value(text: str) -> float | None:
    """A whole number in one word or more (``twelve``, ``vingt-deux``)."""
    return _UNITS.get(text) if text in _UNITS else words_number(text)


def words_number(text: str) -> float | None:
    """The value of a number written in two words or more, or None when the words do not
    make one number (``deux trois`` is two numbers, never 23).

    >>> [words_number(t) for t in ("trente-six", "vingt et un", "quatre-vingt-dix", "soixante-dix")]
    [36, 21, 90, 70]
    >>> [words_number(t) for t in ("twenty-five", "one and a half", "deux cents", "cent cinquante")]
    [25, 1.5, 200, 150]
    >>> words_number("deux trois") is None, words_number("dix-sept"), words_number("trois mille")
    (True, 17, 3000)
    >>> words_number("ONE-HALF"), words_number("one and one-half"), words_number("two and a half")
    (0.5, 1.5, 2.5)
    >>> words_number("twelve point five"), words_number("zero point two five"), words_number("deux virgule cinq")
    (12.5, 0.25, 2.5)
    >>> words_number("zéro virgule vingt-cinq"), words_number("un virgule vingt-cinq"), words_number("point five")
    (0.25, 1.25, 0.5)
    >>> words_number("trois quarts"), words_number("three quarters"), words_number("cinq quarts") is None
    (0.75, 0.75, True)
    """
    text = text.lower()
    if _ONE_HALF.match(text):
        return 0.5
    quarters = _QUARTERS.fullmatch(text)  # "trois quarts", "three quarters": 0.75
    if quarters:
        count = _UNITS.get(quarters["count"], 1 if quarters["count"] in ("a", "un", "une") else 0)
        return _clean(count / 4) if 1 <= count <= 3 else None
    spoken = _SPOKEN_DECIMAL.fullmatch(text)  # "twelve point five", "zero point two five" (dictated)
    if spoken:
        whole = _word_value(spoken["whole"]) if spoken["whole"] else 0  # "point five": 0.5
        digits = [_UNITS.get(w) for w in re.split(r"[-\s]+", spoken["digits"])]
        if any(d is None or d > 9 for d in digits):  # "un virgule vingt-cinq": 1,25 (French says a number)
            number = _word_value(spoken["digits"])
            digits = [] if number is None else [int(number)]
        if whole is None or not digits:
            return None
        return _clean(float(f"{int(whole)}." + "".join(str(d) for d in digits)))
    half = _HALF.search(text)
    if half:
        text = text[: half.start()]
    words = [w for w in re.split(r"[-\s]+", text) if w and w not in ("et", "and")]
    if not words or (len(words) < 2 and not half):
        return None
    total, current, last = 0, 0, None
    for word in words:
        if word in _HUNDREDS:
            current, last = (current or 1) * 100, 100
        elif word in _THOUSANDS:
            total, current, last = total + (current or 1) * 1000, 0, 1000
        elif word in ("vingt", "vingts") and current == 4 and last == 4:  # quatre-vingt(s)
            current, last = 80, 20
        elif word in _UNITS:
            value = _UNITS[word]
            if last is not None and last < 100 and (value >= last or (last < 10) or (last % 10 and value < 10)):
                return None  # "deux trois", "six vingt": not one number
            current, last = current + value, value
        else:
            return None
    return _clean(total + current + (0.5 if half else 0))


def grouped_number(text: str) -> str | None:
    """The digits of a number written with thousands separators or a million word, or None.

    >>> [grouped_number(t) for t in ("4,000", "10.000", "1,250", "1 000", "1.2M", "1,5 million", "0,125")]
    ['4000', '10000', '1250', '1000', '1200000', '1500000', None]
    >>> grouped_number("6 lakh"), grouped_number("60K"), grouped_number("1.5 lac")
    ('600000', '60000', '150000')
    >>> grouped_number("12,00,000"), grouped_number("1,00,000"), grouped_number("300'000")
    ('1200000', '100000', '300000')
    >>> grouped_number("2.5") is None, grouped_number("1.250") is None
    (True, True)
    >>> grouped_number("deux virgule quatre millions"), grouped_number("one point two million")
    ('2400000', '1200000')
    >>> grouped_number("two lakh"), grouped_number("one lakh")
    ('200000', '100000')
    """
    scaled = _SCALED.match(text)
    if scaled:
        value = float(scaled.group(1).replace(",", ".")) * _SCALES[scaled.group(2)[0].lower()]
        return str(int(value)) if value.is_integer() else None
    if _THOUSANDS_COMMA.match(text) or _THOUSANDS_ZEROS.match(text) or _THOUSANDS_APOSTROPHE.match(text):
        return re.sub(r"[,.'’\s\u00a0\u202f]", "", text)
    spoken = _WORDS_MILLIONS.match(text)  # "deux virgule quatre millions (d'unités)", dictated; "two lakh IU"
    if spoken:
        said = _word_value(spoken.group(1).lower())
        scale = 1_000_000 if spoken.group(2).lower().startswith("m") else 100_000
        return None if said is None else str(int(round(said * scale)))
    return None


_WORDS_MILLIONS = re.compile(r"^([^\W\d_][^\d]*?)[\s\u00a0]+(millions?|lakhs?|lacs?)$", re.IGNORECASE)


_SCALED = re.compile(r"^(\d+(?:[.,]\d+)?)[\s\u00a0]?(m|mio|millions?|lakhs?|lacs?|k)$", re.IGNORECASE)
_SCALES = {"m": 1_000_000, "l": 100_000, "k": 1_000}  # million, lakh (India), thousand ("60K IU")
# A comma before exactly three digits after a non-zero integer part: English thousands
# (4,000 units; 1,250 mg); a French decimal with three digits starts with 0 (0,125 mg).
_THOUSANDS_APOSTROPHE = re.compile(r"^[1-9]\d{0,2}(?:['’]\d{3})+$")  # Swiss "300'000 UI", "1'000 mg"
_THOUSANDS_COMMA = re.compile(r"^[1-9]\d{0,2}(?:,\d{3})+$|^[1-9]\d?(?:,\d\d)+,\d{3}$")  # and Indian 12,00,000
# A dot or a space before 000: thousands in every language (10.000 UI, 1 000 mg).
_THOUSANDS_ZEROS = re.compile(
    r"^[1-9]\d{0,2}(?:[.\s\u00a0\u202f]\d{3})*\.000$|^[1-9]\d{0,2}(?:[\s\u00a0\u202f]\d{3})+$"
)
