"""Words read by their neighbours: the norms a word takes from its context on the line.

The tokenizer cuts a line into words and gives each its norm (``posology.text.normalize``);
some words mean something else beside some others, and only their norm changes (the text, and
so every offset, is the caller's):

- UK charts' ``ON`` (*omni nocte*) and ``TOP`` (topical), US ``apply top``;
- a French decimal comma (``Carvédilol 3,125 mg``) on a French line;
- a pack's or a box's size (``capsules x28``, ``CPR B/8``): ``posology.text.pack_readings``;
- a dot before three digits and an international unit (``1.500 UI/ml``): thousands;
- a list's item numbers (``1) Tab … 2) Tab …``);
- Indian ``T.`` / ``C.`` / ``Tb`` (tablet, capsule) opening an item, and ``AF`` / ``BF`` (after,
  before food) after a slot pattern or a frequency;
- the letter after ``vitamin`` (never a day or an hour);
- a French ``NS`` (*non substituable*) after a strength;
- a spaced em dash between columns (``Tab Azee 500 — 1 tab``), never a range; a spaced dash after
  ``Day N`` before its dose (``Day 1 - 6 tabs``): ``posology.text.day_dashes``;
- ``sun`` before ``exposure`` / ``light`` … (never Sunday);
- a terse renderer's two-letter day codes in capitals (``on SU``, ``MO,WE,FR``, ``except FR``),
  and a Swiss plan's French ones in a hyphened run (``lu-me-ve``);
- a French ``mon`` before a noun (``mon doliprane``): my, never Monday;
- a dictated full stop or line break (``… daily period atorvastatin …``, ``… par jour point``,
  ``new line``, ``à la ligne``) and ``comma``: separators;
- a capitalised number word hyphened to a capitalised word (``UN-ALFA``, ``One-Alpha``): a name;
- ``Tylenol #3`` and ``Pen VK``: names, never a quantity or a pen;
- Quebec's ``co`` (*comprimé*) after a count (``1 co die``, ``½ co hs``), never the ``Co`` of
  ``Co-codamol`` or a vitamin ``B Co``;
- an Indian slip's ``LA`` (local application) after a topical's name (``Oint Framycetin LA BD``),
  never *long-acting* (``Zoladex LA``) nor the French article;
- a French ``AC`` before an acid's adjective (``AMOXICILLINE/AC CLAVULANIQUE``, ``AC FOLIQUE``):
  *acide*, never *ante cibum*; a homeopathic line's ``gr``: granules, ``posology.text.homeopathy``.

Each reader runs only on a line that has its word (a cheap test first).
"""

from __future__ import annotations

import re

from posology.text.day_dashes import read_day_dashes
from posology.text.homeopathy import read_granules
from posology.text.homophones import TRIGGERS, read_homophones
from posology.text.pack_readings import BOXES, read_box_sizes, read_pack_sizes


def read_in_context(text: str, words: list[str], norms: list[str]) -> None:
    """Rewrite, in place, the norms of ``words`` (the tokens of ``text``) their context changes."""
    if "ON" in words:
        _read_uk_on(words, norms)
    if "on" in words:
        _read_lower_on(words, norms)
    if "," in text:
        _read_decimal_commas(text, words, norms)
    if "." in text:
        _read_dotted_thousands(words, norms)
    if "x" in words or "X" in words or "(" in words:
        read_pack_sizes(words, norms)
    if "/" in words and not BOXES.isdisjoint(words):
        read_box_sizes(words, norms)
    if "L" in words and "-" in words:
        _read_hyphened_letters(words, norms)
    if "t" in words and "/" in words:  # "Discontinue lisinopril d/t cough": due to (a reason), never per day
        for index in range(len(words) - 2):
            if words[index] == "d" and words[index + 1] == "/" and words[index + 2] == "t":
                norms[index] = "due"
    if ")" in words or "." in words:
        _read_item_numbers(words, norms)
    if not _FORM_INITIAL_WORDS.isdisjoint(words):
        _read_form_initials(words, norms)
    if "AF" in words or "BF" in words:
        _read_indian_food(words, norms)
    if len(words) > 2 and "vit" in text.lower():
        _read_vitamin_letters(words, norms)
    if "TOP" in words or "top" in words:
        _read_topical(words, norms)
    if "-" in words:
        _read_hyphen_names(words, norms)
    if "sun" in words:
        _read_sun(words, norms)
    if "NS" in words:
        _read_not_substitutable(words, norms)
    if "—" in words:
        _read_em_dashes(text, words, norms)
    if " - " in text or " – " in text:
        read_day_dashes(text, words, norms)
    if _DAY_CODES.keys() & set(words) or _TITLE_DAY_CODES.keys() & set(words):
        _read_day_codes(words, norms)
    if "-" in words and _FRENCH_DAY_CODES.keys() & {w.lower() for w in words}:
        _read_french_day_codes(words, norms)
    if "mon" in words or "Mon" in words:
        _read_possessive_mon(words, norms)
    if "#" in words:
        _read_numbered_brands(words, norms)
    if "VK" in words or "vk" in words or "V" in words:
        _read_pen_vk(words, norms)
    if "co" in words or "CO" in words or "co." in words:
        _read_quebec_tablets(words, norms)
    if "AC" in words or "Ac" in words or "ac" in words:
        _read_acids(words, norms)
    if "gr" in words or "gr." in words or "GR" in words:
        read_granules(words, norms)
    if "LA" in words:
        _read_local_application(words, norms)
    if "period" in words or "point" in words or "line" in words or "ligne" in words or "comma" in words:
        _read_dictated_stops(words, norms)
    if not TRIGGERS.isdisjoint(words):
        read_homophones(words, norms)


_AFTER_UK_ON = frozenset(
    {
        "",
        ";",
        ",",
        "-",
        "|",
        ".",
        ")",
        "+",
        "/",
        "for",
        "and",
        "x",
        "po",
        "sc",
        "iv",
        "im",
        "inh",
        "top",
        "pr",
        "sl",
        "ng",
        "oral",
        "orally",
        "prn",  # "Zopiclone 3.75mg ON PRN"
        "when",
        "—",
        "–",
    }
)


def _read_uk_on(words: list[str], norms: list[str]) -> None:
    """UK charts write *omni nocte* ``ON`` beside ``OM``: ``ONE tablet ON PO``, ``TWO tablets ON;``.
    Only the capitals, on a line that has lower-case letters, right before the end, a separator
    or a route (``on Mondays``, ``ON MONDAYS`` stay the preposition); its norm is ``nocte``."""
    for index, word in enumerate(words):
        if word != "ON" or index == 0:
            continue
        following = next((w for w in words[index + 1 :] if not w.isspace()), "")
        before = next((w for w in reversed(words[:index]) if not w.isspace()), "")
        # "T. Warfarin 3mg ON Mon/Wed/Fri", "1 drop ON OU": in capitals after a dose, before a word
        # not in capitals or an eye's abbreviation (Singapore, Malaysia; "ON ALTERNATE DAYS" stays)
        if before.lower() in ("days", "day", "weeks", "week", "wks"):
            continue  # "14 DAYS ON / 7 DAYS OFF": a cycle's days on treatment
        dosed = before.lower() in _DOSED_BEFORE_ON or before[-1:].isdigit()
        night = following.lower() in _AFTER_UK_ON or dosed and (following in _EYES_AFTER_ON or not following.isupper())
        if night and any(c.islower() for w in words for c in w):
            norms[index] = "nocte"


_EYES_AFTER_ON = frozenset({"OU", "OD", "OS", "RE", "LE", "BE"})

# what "on" follows when it is a clinic's omni nocte ("1 tab on", "10 units sc on", "om & on")
_DOSED_BEFORE_ON = frozenset(
    "tab tabs tablet tablets cap caps capsule capsules ml mls mg mcg g unit units iu u puff puffs sachet sachets "
    "sc po im iv sl om pv pr drop drops gtt gtts".split()
)


_FREQUENCY_AFTER_ON = frozenset({"od", "bd", "bid", "tds", "tid", "qds", "qid", "daily"})


def _read_lower_on(words: list[str], norms: list[str]) -> None:
    """Clinics in Singapore, Malaysia or India write omni nocte ``on`` in lower case beside ``om``:
    ``2 tabs on``, ``10 units sc on``, ``om & on``. It is the night only right after a dose, a
    route or ``om`` (``om &``), and right before the end, a separator or a route, as the capital
    reader requires (``1 tab on alternate days``, ``on Mondays``, ``1 patch on, remove …`` stay)."""
    solid = [i for i, w in enumerate(words) if not w.isspace()]
    for position, index in enumerate(solid):
        if words[index] != "on" or position == 0:
            continue
        before = words[solid[position - 1]].lower()
        if before in ("&", "and", ",") and position > 1:
            before = "om" if words[solid[position - 2]].lower() == "om" else ""
        following = words[solid[position + 1]].lower() if position + 1 < len(solid) else ""
        dosed = before in _DOSED_BEFORE_ON or before[-1:].isdigit()
        if dosed and (following in _AFTER_UK_ON or following in _FREQUENCY_AFTER_ON):
            norms[index] = "nocte"  # "1 tab on bd": the night, then a contradiction the checks flag


# "3,125": a thousands separator in English ("1,250 mg" of calcium carbonate), a decimal comma in
# French ("Carvédilol 3,125 mg"); "4,000" (three zeros) is a thousand in both.
AMBIGUOUS_COMMA = re.compile(r"[1-9]\d{0,2},(?!000)\d{3}")


def _read_decimal_commas(text: str, words: list[str], norms: list[str]) -> None:
    """On a French line (or one no word says is English), ``3,125`` is 3.125 (its norm only)."""
    ambiguous = [i for i, word in enumerate(words) if AMBIGUOUS_COMMA.fullmatch(word)]
    if not ambiguous:
        return
    from posology.rendering.lang import detect_lang  # the word lists, only for such a number

    if detect_lang(text) == "fr":
        for index in ambiguous:
            norms[index] = words[index].replace(",", ".")


_DOTTED_THOUSANDS = re.compile(r"[1-9]\d{0,2}\.\d{3}")
_INTERNATIONAL_UNITS = frozenset({"ui", "iu", "u", "unités", "unites", "units", "unit", "unité", "unite"})


def _read_dotted_thousands(words: list[str], norms: list[str]) -> None:
    """``Uvestérol D 1.500 UI/ml``, ``Héparine 2.500 UI``: a dot before exactly three digits
    right before an international unit is a thousands separator (``10.000`` is read so by the
    tokenizer already): 1.5 IU is never written with three decimals."""
    solid = [i for i, w in enumerate(words) if not w.isspace()]
    for position, index in enumerate(solid[:-1]):
        if _DOTTED_THOUSANDS.fullmatch(words[index]) and words[solid[position + 1]].lower() in _INTERNATIONAL_UNITS:
            norms[index] = words[index].replace(".", "")


def _read_hyphened_letters(words: list[str], norms: list[str]) -> None:
    """``Doxy-1 L-DR Forte``: a capital ``L`` glued by a hyphen to a word in capitals is part of
    a brand's name (never the litre of ``1 L``); its norm is no unit's."""
    for index in range(len(words) - 2):
        following = words[index + 2]
        if words[index] == "L" and words[index + 1] == "-" and following.isalpha() and following[:1].isupper():
            if following not in _ROUTE_CODES:  # "1 L-IV": a litre, by a route
                norms[index] = "l-"


_ROUTE_CODES = frozenset({"IV", "IVL", "IVSE", "IVD", "SC", "IM", "PO", "SL", "PR"})


def _read_item_numbers(words: list[str], norms: list[str]) -> None:
    """``1) Tab Pantocid …  2) Tab Domstal …``, ``2. Tab. Dolo 650 …``: a list's item number (one
    or two digits and a closing parenthesis no opening one matches, or a full stop where an item
    opens, before a capitalised word) is a separator, never a dose."""
    for index in range(len(words) - 1):
        if not (words[index].isdigit() and len(words[index]) <= 2 and words[index + 1] in (")", ".")):
            continue
        following = next((w for w in words[index + 2 :] if not w.isspace()), "")
        opened = "(" in words[:index]  # "1 cp (2) le soir": a parenthesis, not an item
        if words[index + 1] == "." and not _opens_an_item(words, index):
            continue  # "2. Tab. Dolo 650 …" opening the line (or after "|", ";"): an item's number
        if not opened and following[:1].isupper():
            norms[index] = "•"


def _opens_an_item(words: list[str], index: int) -> bool:
    """Whether ``words[index]`` opens the line or follows ``|`` or ``;`` (mid-line, after a
    sentence, ``… DAILY 2. ASPIRIN …`` could be a count: the squeezed text keeps no wide gap)."""
    solid = next((w for w in reversed(words[:index]) if not w.isspace()), "")
    return solid in ("", "|", ";")


_VITAMINS = frozenset({"vitamin", "vitamine", "vit", "vitamins"})


def _read_vitamin_letters(words: list[str], norms: list[str]) -> None:
    """``vitamin d 50,000 units``: the letter after "vitamin" names it (never "d" a day, "h" an
    hour); its norm is the two words joined, so no alias reads it."""
    previous = ""
    for index, word in enumerate(words):
        if len(word) == 1 and word.isalpha() and previous in _VITAMINS:
            norms[index] = "vitamin" + word.lower()
        if not word.isspace() and word != ".":
            previous = word.lower()


_APPLY_VERBS = frozenset({"apply", "use", "applied"})


def _read_topical(words: list[str], norms: list[str]) -> None:
    """``TOP`` (a UK chart's route column, as PO / SC) and ``apply top`` (a US sig): topical.
    A lower-case ``top`` elsewhere is the word; it is never a near-spelling of ``stop``."""
    previous = ""
    for index, word in enumerate(words):
        if word == "TOP" or (word == "top" and previous in _APPLY_VERBS):
            norms[index] = "topical"
        if not word.isspace():
            previous = word.lower()


_FORM_INITIALS = {"T": "tab", "Tb": "tab", "C": "cap", "Cr": "cream", "Inf": "ivf"}  # (ivf: an IV fluid)
_UNDOTTED_INITIALS = frozenset({"Tb", "Cr"})  # (a Malaysian "Cr Betnovate-N": cream)
_FORM_INITIAL_WORDS = frozenset(_FORM_INITIALS)
_ITEM_STARTS = frozenset({"|", ")", ",", ";", "+", "•", "-", "&", "START", "Start", "start", "STOP", "Stop", "stop"})


def _read_form_initials(words: list[str], norms: list[str]) -> None:
    """An Indian prescription's ``T. Pan 40``, ``C. Becosules``, ``Tb Dolo``, ``Inf. DNS``, a
    Malaysian ``Cr Betnovate-N``: a capital initial (with its dot; ``Tb``, ``Cr`` without) opening
    an item, before a capitalised name, is the form."""
    solid = [i for i, w in enumerate(words) if not w.isspace()]
    for position, index in enumerate(solid):
        word = words[index]
        if word not in _FORM_INITIALS:
            continue
        opens = position == 0 or words[solid[position - 1]] in _ITEM_STARTS
        after = solid[position + 1 :]
        if word not in _UNDOTTED_INITIALS and after and words[after[0]] == ".":
            after = after[1:]
        elif word not in _UNDOTTED_INITIALS:
            continue
        if opens and after and words[after[0]][:1].isupper():
            norms[index] = _FORM_INITIALS[word]


_FOOD = {"AF": "pc", "BF": "ac"}  # the Latin abbreviations the lexicon knows
_BEFORE_FOOD_WORDS = frozenset(
    {"od", "bd", "tds", "qid", "tid", "bid", "hs", "sos", "daily", "stat", "tab", "tabs", "cap", "caps"}
)


def _read_indian_food(words: list[str], norms: list[str]) -> None:
    """Indian prescriptions' ``AF`` / ``BF`` (after / before food), capitals only, right after a
    slot pattern, a count or a frequency (``0-1-0 AF``, ``1 tab TDS AF``); ``for AF`` (atrial
    fibrillation) stays a word."""
    previous = ""
    for index, word in enumerate(words):
        if word in _FOOD and (
            previous[-1:].isdigit() or previous in ("1/2", "1/4", "3/4") or previous in _BEFORE_FOOD_WORDS
        ):
            norms[index] = _FOOD[word]
        if not word.isspace():
            previous = norms[index]


def _read_pen_vk(words: list[str], norms: list[str]) -> None:
    """``Pen VK``, ``Pen-VK``, ``pen V`` (penicillin V, potassium): the drug, never a pen of VK."""
    for index, word in enumerate(words[:-1]):
        following = words[index + 2] if words[index + 1] == "-" and index + 2 < len(words) else words[index + 1]
        if word.lower() == "pen" and (following.lower() == "vk" or following == "V"):
            norms[index] = "penicillin"


def _read_numbered_brands(words: list[str], norms: list[str]) -> None:
    """Canada's ``Tylenol #3`` (codeine 30 mg): ``#`` and one digit glued to it, right after a
    capitalised word, is the brand's number, never a quantity to dispense (``Disp #30``)."""
    for index in range(1, len(words) - 1):
        before = words[index - 1]
        if (
            words[index] == "#"
            and words[index + 1] in ("1", "2", "3", "4")
            and before[:1].isupper()
            and before.isalpha()
        ):
            norms[index] = "no."


_COUNTS = frozenset({"½", "¼", "¾", "1/2", "1/4", "3/4", "un", "une", "deux", "trois", "quatre"})


def _read_quebec_tablets(words: list[str], norms: list[str]) -> None:
    """Quebec prescriptions write a tablet ``co`` (``1 co die``, ``½ co hs``, ``1co AM``): a
    comprimé right after a count, not before a hyphen (``2 co-codamol``)."""
    solid = [i for i, w in enumerate(words) if not w.isspace()]
    for position, index in enumerate(solid[1:], start=1):
        if words[index].lower().rstrip(".") != "co":
            continue
        before = words[solid[position - 1]]
        after = words[solid[position + 1]] if position + 1 < len(solid) else ""
        counted = before[-1:].isdigit() or before.lower() in _COUNTS
        if counted and after != "-":
            norms[index] = "cp"


def _read_hyphen_names(words: list[str], norms: list[str]) -> None:
    """``UN-ALFA 0,25 µg``, ``One-Alpha 1 mcg``: a capitalised number word glued by a hyphen to a
    capitalised word of three letters or more that is no number word is the start of a brand
    name, never a count (``one-half``, ``vingt-deux`` are read whole by the tokenizer); its norm
    is the word with the hyphen, which no rule reads."""
    from posology.text.numbers import NUMBER_WORDS  # lazy, as the tokenizer's other readers

    for index in range(len(words) - 2):
        word, following = words[index], words[index + 2]
        if (
            words[index + 1] == "-"
            and word[:1].isupper()
            and norms[index] in NUMBER_WORDS
            and len(following) >= 3
            and following.isalpha()
            and following[:1].isupper()
            and norms[index + 2] not in NUMBER_WORDS
        ):
            norms[index] = norms[index] + "-"


_SUN_AFTER = frozenset(
    {"exposure", "light", "lamp", "lamps", "screen", "protection", "cream", "bathing", "beds", "bed"}
)


def _read_sun(words: list[str], norms: list[str]) -> None:
    """``avoid sun exposure``, ``use sun protection``: the lower-case word ``sun`` before what
    the sun does is the sun, never Sunday; its norm is ``sunlight``."""
    solid = [i for i, w in enumerate(words) if not w.isspace()]
    for position, index in enumerate(solid[:-1]):
        if words[index] == "sun" and words[solid[position + 1]].lower() in _SUN_AFTER:
            norms[index] = "sunlight"


_STRENGTH_UNITS = frozenset({"mg", "g", "µg", "ug", "mcg", "ui", "%"})


def _read_not_substitutable(words: list[str], norms: list[str]) -> None:
    """``LEVOTHYROX 88 µg NS : 1 cp``: a capital ``NS`` right after a strength (a number or a
    mass unit) and before ``:`` / ``-`` / the end is the prescriber's *non substituable*, never a
    drug's name (``1 amp in 100 ml NS IV``, ``NS 500 mL``: normal saline)."""
    solid = [i for i, w in enumerate(words) if not w.isspace()]
    for position, index in enumerate(solid):
        if words[index] != "NS" or position == 0:
            continue
        previous = words[solid[position - 1]]
        following = words[solid[position + 1]] if position + 1 < len(solid) else ""
        if (previous[-1:].isdigit() or previous.lower() in _STRENGTH_UNITS) and following in ("", ":", "-", "|", ","):
            norms[index] = "nonsubstituable"


def _read_em_dashes(text: str, words: list[str], norms: list[str]) -> None:
    """``Tab Azee 500 — one tab once daily — three days``: an em dash with a space on each side
    separates columns, as ``|`` does; it is never the dash of a range (``500 — 1`` was 1 to
    500). Its norm is ``|`` (a glued one, ``1—0—1``, stays a dash)."""
    at = 0
    for index, word in enumerate(words):
        at = text.find(word, at)
        if word == "—" and 0 < at < len(text) - 1 and text[at - 1] == " " and text[at + 1] == " ":
            norms[index] = "|"
        at += len(word)


# iCalendar's BYDAY codes, as terse order renderers write them: "QWK on SU", "QD on MO,WE,FR"
_DAY_CODES = {"MO": "monday", "TU": "tuesday", "WE": "wednesday", "TH": "thursday", "FR": "friday"}
_DAY_CODES |= {"SA": "saturday", "SU": "sunday"}
_TITLE_DAY_CODES = {code.title(): day for code, day in _DAY_CODES.items()}  # "Tu/Th/Sa/Su": in a run only
_DAY_CODE_TRIGGERS = frozenset({"on", "except", "every", "each", "excluding", "exc", "not", "only", "byday"})
_DAY_CODE_JOINS = frozenset({",", "/", "and", "&", "+", "=", "-"})


def _read_day_codes(words: list[str], norms: list[str]) -> None:
    """A terse renderer's ``QWK on SU``, ``QD on MO,WE,FR``, ``except FR``: two-letter day codes
    in capitals, a run of two or more (joined by ``,`` ``/`` ``and``) or one right after an English
    day word (``on``, ``except``, ``every`` …), are days; their norm is the day's name. A lone code
    elsewhere stays a word (``x 6 MO``, French ``sauf le WE``, ``FR`` the country). An
    anticoagulation calendar's ``Tu/Th/Sa/Su`` (capital first) are days in a run of two or more
    joined by ``/`` only."""
    solid = [i for i, w in enumerate(words) if not w.isspace()]
    position = 0
    while position < len(solid):
        codes = _DAY_CODES if words[solid[position]] in _DAY_CODES else _TITLE_DAY_CODES
        if words[solid[position]] not in codes:
            position += 1
            continue
        joins = _DAY_CODE_JOINS if codes is _DAY_CODES else {"/"}
        run = [solid[position]]
        end = position + 1
        while end + 1 < len(solid) and words[solid[end]].lower() in joins and words[solid[end + 1]] in codes:
            run.append(solid[end + 1])
            end += 2
        before = words[solid[position - 1]].lower() if position else ""
        if len(run) > 1 or (before in _DAY_CODE_TRIGGERS and codes is _DAY_CODES):
            for index in run:
                norms[index] = codes[words[index]]
        position = end


_FRENCH_DAY_CODES = {"lu": "lundi", "ma": "mardi", "me": "mercredi", "je": "jeudi", "ve": "vendredi"}
_FRENCH_DAY_CODES |= {"sa": "samedi", "di": "dimanche"}


def _read_french_day_codes(words: list[str], norms: list[str]) -> None:
    """A Swiss or Belgian plan's ``½ cpr lu-me-ve, 1 cpr ma-je-sa-di``: two-letter day codes in a
    run of two or more joined by hyphens are days (a lone ``me`` or ``je`` stays a word)."""
    solid = [i for i, w in enumerate(words) if not w.isspace()]
    position = 0
    while position < len(solid):
        if words[solid[position]].lower() not in _FRENCH_DAY_CODES:
            position += 1
            continue
        run, end = [solid[position]], position + 1
        while end + 1 < len(solid) and words[solid[end]] == "-" and words[solid[end + 1]].lower() in _FRENCH_DAY_CODES:
            run.append(solid[end + 1])
            end += 2
        if len(run) > 1:
            for index in run:
                norms[index] = _FRENCH_DAY_CODES[words[index].lower()]
        position = end


_MON_BEFORE = frozenset(
    {"on", "every", "each", "except", "q", "from", "and", "&", "-", ",", "/", "to", "until", "till"}
)
_MON_AFTER = frozenset(
    "tue tues wed thu thur thurs fri sat sun tuesday wednesday thursday friday saturday sunday and to through thru "
    "only or morning mornings evening evenings night nights am pm for then each every week weeks".split()
)


def _read_possessive_mon(words: list[str], norms: list[str]) -> None:
    """``mon doliprane 1000 j'en prends 1``, ``préparer mon kardegic``: a French ``mon`` before a
    lower-case noun (no day word before or after it) is *my*, never Monday; its norm is ``mon-``."""
    solid = [i for i, w in enumerate(words) if not w.isspace()]
    for position, index in enumerate(solid[:-1]):
        if words[index] not in ("mon", "Mon"):
            continue
        before = words[solid[position - 1]].lower() if position else ""
        after = words[solid[position + 1]]
        if before not in _MON_BEFORE and after.isalpha() and after.islower() and after not in _MON_AFTER:
            norms[index] = "mon-"


_NOT_A_STOP_BEFORE = frozenset(
    "a the your her his this that each every per trial washout during treatment refractory menstrual same "
    "before after first next whole au le un ce du bon".split()  # "au point d'injection": the site
)
_NOT_A_STOP_AFTER = frozenset(
    {"of", "pain", "pains", "cramps", "cramp", "starts", "ends", "de", "d'", "d’", "du", "des"}
)


def _read_dictated_stops(words: list[str], norms: list[str]) -> None:
    """Speech recognition writes the full stop a clinician dictates: ``aspirin 81 milligrams daily
    period atorvastatin 80 milligrams at bedtime``, ``… trois fois par jour point``. A lower-case
    ``period`` (``point``) after a word, last or before a word that is no number, separates the
    items (its norm is ``;``); ``for a period of 5 days``, ``during your period``, ``douze point
    cinq`` stay words."""
    from posology.text.numbers import NUMBER_WORDS  # lazy, as the tokenizer's other readers

    solid = [i for i, w in enumerate(words) if not w.isspace()]
    for position, index in enumerate(solid):
        spoken = [words[k] for k in solid[max(0, position - 2) : position + 1]]
        if spoken[-2:] == ["new", "line"] or spoken == ["à", "la", "ligne"]:  # a dictated line break
            for k in solid[position - len(spoken) + 1 if spoken[0] == "à" else position - 1 : position + 1]:
                norms[k] = ";"
            continue
        if words[index] == "comma" and position > 0:
            norms[index] = ","
            continue
        if words[index] not in ("period", "point") or position == 0:
            continue
        before = words[solid[position - 1]].lower()
        after = words[solid[position + 1]].lower() if position + 1 < len(solid) else ""
        if (
            before.isalpha()
            and before not in _NOT_A_STOP_BEFORE
            and after not in _NOT_A_STOP_AFTER
            and after not in NUMBER_WORDS
            and not after[:1].isdigit()
        ):
            norms[index] = ";"


# the norms a reading gives to a word of a drug's name: never offered to the span linker, which
# reads a word's text ("AC" is an alias of before meals)
NAME_NORMS = frozenset({"acide"})
# a French acid's adjective ("acide clavulanique", "acide folique", "acide valproïque"), its
# abbreviation in a drug database's label ("CLAV", "ACETYLSALICYL")
_ACID_ADJECTIVE = re.compile(r"[a-zïé]{3,}(?:ique|iques|iq|yl)|clav", re.IGNORECASE)


def _read_acids(words: list[str], norms: list[str]) -> None:
    """``AMOXICILLINE/AC CLAVULANIQUE``, ``AC FOLIQUE 5 MG``: ``AC`` before an acid's adjective is
    the French *acide* (part of the name), never *ante cibum* (before meals)."""
    solid = [i for i, w in enumerate(words) if not w.isspace()]
    for position, index in enumerate(solid[:-1]):
        following = words[solid[position + 1]]
        if words[index].lower() == "ac" and _ACID_ADJECTIVE.fullmatch(following):
            norms[index] = "acide"


_TOPICAL_OPENERS = frozenset({"oint", "oint.", "cream", "crm", "lotion", "lot", "gel", "paint", "ointment", "soln"})


def _read_local_application(words: list[str], norms: list[str]) -> None:
    """``Oint Framycetin LA BD``, ``Lotion Calamine LA TDS``: ``LA`` on a line opened by a topical
    form is the local application (cutaneous, as ``L/A``); its norm is ``topical``."""
    solid = [i for i, w in enumerate(words) if not w.isspace()]
    if not solid or words[solid[0]].lower() not in _TOPICAL_OPENERS:
        return
    for index in solid[2:]:
        if words[index] == "LA":  # in capitals: "la" is the French article
            norms[index] = "topical"
