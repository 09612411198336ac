"""A tokenizer for prescriptions: splits what doctors and OCR glue together.

``1cp`` → ``1 cp``; ``Dolo650mg`` → ``Dolo 650 mg``; ``x3/j`` → ``x 3 / j``; ``1-0-1`` → ``1 - 0 - 1``;
``1/2cp`` → ``1/2 cp`` (a fraction stays one token); ``t.i.d.`` stays one token; ``1 000 mg``
keeps ``1 000`` as one number; OCR's ``1``/``0`` for ``l``/``o`` inside a word (``Do1iprane``,
``c0mprimé``) keeps the word whole (its norm reads the letters). The Doc's text is exactly
the input text, so every token's ``idx`` is a true character offset into what the caller
passed.

>>> from spacy.vocab import Vocab
>>> doc = PrescriptionTokenizer(Vocab())("Dolo650mg 1cp x3/j")
>>> [t.text for t in doc]
['Dolo', '650', 'mg', '1', 'cp', 'x', '3', '/', 'j']
>>> [t.norm_ for t in PrescriptionTokenizer(Vocab())("1 000 MG, 1/2-0-1/2")]
['1000', 'mg', ',', '1/2', '-', '0', '-', '1/2']
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from posology.text.normalize import norm
from posology.text.numbers import NUMBER_WORD_PATTERN, words_number
from posology.text.readings import read_in_context

_SPACE = "[ \u00a0\u202f\u2009]"
_NW = NUMBER_WORD_PATTERN
_HALF_WORDS = r"(?:et|and)[-\s]+(?:(?:a|one)[-\s]+)?(?:demie?|half)"
_DIGIT_WORDS = "zero|one|two|three|four|five|six|seven|eight|nine"
_NUMBER_WORDS = (
    r"(?:(?:trois|three|deux|two)[- ]+(?:quarts|quarters))|"
    rf"(?:point[- ]+(?:{_DIGIT_WORDS})(?:[- ]+(?:{_DIGIT_WORDS})){{0,2}}(?![- ]+(?:{_NW})))|"  # "point five" (0.5)
    rf"(?:(?:{_NW})(?:[- ]+(?:{_NW}))*[- ]+(?:point|virgule)[- ]+(?:{_NW})(?:[- ]+(?:{_NW})){{0,2}}(?![- ]+(?:{_NW})))|"
    rf"(?:(?:{_NW})(?:[- ]+{_HALF_WORDS}|(?:[- ]+(?:(?:et|and)[- ]+)?(?:{_NW}))+(?:[- ]+{_HALF_WORDS})?)"
    r"|(?<!and\s)(?<!et\s)(?:one|a)[- ]half)"  # "one-half", "a half": 0.5 (not the end of "1 and a half")
)
_IU_AHEAD = r"(?=\s*(?:d['’]\s*)?(?:ui|iu|u\b|units?\b|unit[ée]s?\b)|(?:iu|ui)\b)"
_TOKEN = re.compile(
    rf"""
    (?P<scaled>(?<![\w.,])\d+(?:[.,]\d+)?[ \u00a0]?(?:millions?|mio|m|lakhs?|lacs?|k){_IU_AHEAD}
               | (?<![\w.,])\d{{1,3}}[kK](?![^\W\d_]))
    | (?P<grouped>(?<![\w.,])(?:[1-9]\d{{0,2}}(?:(?:,\d{{3}})+|(?:\.\d{{3}})*\.000|(?:['’]\d{{3}})+)
                                | [1-9]\d?(?:,\d\d)+,\d{{3}})(?![.,]?\d))
    | (?P<wscaled>(?<![^\W\d_])(?:{_NUMBER_WORDS}|(?:{_NW}))[ \u00a0]+(?:millions?|lakhs?|lacs?){_IU_AHEAD})
    | (?P<numwords>(?<![^\W\d_]){_NUMBER_WORDS}(?![^\W\d_]))
    | (?P<thousands>(?<![\w-])\d{{1,3}}(?:{_SPACE}\d{{3}})+
                    (?=\s*(?:mg|g|µg|ug|mcg|ml|ui|iu|u\b|unit|unité|:|\|)|\s+[-–—]\s))
    | (?P<dotted>(?<![^\W\d_])(?:[^\W\d_]\.){{2,}}(?:[^\W\d_](?![^\W\d_])\.?)?
                | (?<![^\W\d_.])(?:b\.d|o\.d|q\.d|h\.s|p\.o|i\.v|s\.c|i\.m|a\.c|p\.c|s\.l|p\.r)(?![^\W\d_]))
    | (?P<fraction>(?<![\d/])\d+/\d+(?![\d/]|[.,]\d))
    | (?P<mixed>(?<![\d.,])\d[½¼¾](?![\d/]))
    | (?P<number>\d+(?:[.,]\d+)?)
    | (?P<vulgar>[½¼¾⅓⅔])
    | (?P<elision>(?:[ldjnmstc]|qu)['’](?=[^\W\d_]))
    | (?P<paren_plural>[^\W\d_]+\((?:s|es|x)\)(?![^\W\d_]))
    | (?P<braced>\{{[^\W\d_]+\}})
    | (?P<word>[^\W\d_]+(?:[01]+[^\W\d_]+)*)
    | (?P<space>\s+)
    | (?P<dashes>(?<=[\dOolI])--(?=[\dOolI]))
    | (?P<other>.)
    """,
    re.VERBOSE | re.IGNORECASE | re.DOTALL,
)


_GLUED_UNIT = re.compile(
    r"^(?P<word>.*?[^\W\d_])(?P<number>[01]+)(?P<unit>g|mg|ml|l|ug|µg|mcg|ui|cp|j|h|gr|sem)$", re.IGNORECASE
)


_GLUED_TIMES = re.compile(r"^(?P<word>[xq])(?P<number>[01]+)(?P<unit>[^\W\d_]+)$", re.IGNORECASE)  # x10d, q10min
_GLUED_TAKE = re.compile(r"^(?P<word>T)(?P<number>1)(?P<unit>[TC])$")  # US "T1T": take 1 tablet (T2T splits alone)


def _split_glued_unit(text: str, start: int) -> list[tuple[int, int, bool]] | None:
    """``Amoxicilline1g`` is a name, a number and a unit, not an OCR'd word like ``dai1y``;
    so is ``x10d`` / ``x10days`` a "for", a number and a unit."""
    glued = _GLUED_UNIT.match(text) or _GLUED_TIMES.match(text) or _GLUED_TAKE.match(text)
    if not glued:
        return None
    cut, unit = glued.end("word"), glued.start("unit")
    return [(start, start + cut, False), (start + cut, start + unit, False), (start + unit, start + len(text), False)]


def _is_fraction(text: str) -> bool:
    """``1/2``, ``3/4``: a numerator below a small denominator; ``100/25`` is two strengths, ``01/06``
    (two digits each, a leading zero) a date."""
    if text[:1] == "0" and len(text) == 5:
        return False
    numerator, denominator = (int(part) for part in text.split("/"))
    return 0 < numerator < denominator <= 10


# Glued US sig pairs no alias can hold: a route and a meal relation ("1 popc" = po + pc).
_GLUED_SIGS = re.compile(r"^(po)(ac|pc|hs)$", re.IGNORECASE)


def _split_glued_sig(text: str, start: int, after_digit: bool) -> list[tuple[int, int, bool]] | None:
    """``popc`` → ``po`` ``pc``; ``1xHS`` → ``1`` ``x`` ``HS`` (an ``x`` glued between a count
    and a letter abbreviation)."""
    glued = _GLUED_SIGS.match(text)
    if glued:
        cut = glued.end(1)
        return [(start, start + cut, False), (start + cut, start + len(text), False)]
    if after_digit and len(text) >= 3 and text[0] in "xX" and text[1:].isalpha():
        return [(start, start + 1, False), (start + 1, start + len(text), False)]
    return None


def token_spans(text: str) -> Iterator[tuple[int, int, bool]]:
    """Yield ``(start, end, is_space)`` for every token of ``text``, covering it exactly."""
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        start, end = match.span()
        word = match.group()
        if kind == "word" and len(word) <= 6 and word[0] in "pPxX":  # po…, x…: the only candidates
            sig = _split_glued_sig(word, start, start > 0 and text[start - 1].isdigit())
            if sig:
                yield from sig
                continue
        if kind == "word" and ("0" in word or "1" in word):
            pieces = _split_glued_unit(word, start)
            if pieces:
                yield from pieces
                continue
        if kind == "numwords" and words_number(match.group()) is None:  # "deux trois": two numbers
            for piece in re.finditer(r"[^\W\d_]+|\s+|.", match.group()):
                yield start + piece.start(), start + piece.end(), piece.group().isspace()
            continue
        if kind == "fraction" and not _is_fraction(match.group()):
            cut = match.group().index("/")
            yield start, start + cut, False
            yield start + cut, start + cut + 1, False
            yield start + cut + 1, end, False
            continue
        yield start, end, kind == "space"


_SLOT_SEPARATORS = {"-", "+", "/"}

# OCR reads digits as look-alike letters: the O of 4OO, 1O mg; the l / I of l0, l-0-l, O-O-l;
# the l of "l sachet", "x l month", "l à 2 cp"; and the l of "le" as a capital I ("Ie soir"). Each is a one-character
# substitution, so the re-read text (the "reading") keeps every offset; tokens are cut on the
# reading and take their text from the input.
# A number starting a word, with the letters OCR gives for its digits: 4OO, 1O, l0 (then a unit
# or no letter), 1l0. Never inside a word (Basa1og, sty1o are words with an OCR'd letter).
_OCR_NUMBER = re.compile(r"(?<![^\W\d_])[lI]?\d[\dOolIS]*")  # not a leading O: O2 is oxygen
_MASS_AFTER = re.compile(r"\s?(?:mg|µg|mcg|g)(?![^\W\d_])", re.IGNORECASE)
_AFTER_NUMBER = re.compile(r"(?:mg|g|ml|ui|iu|mcg|µg|ug|h)?(?![^\W\d_])", re.IGNORECASE)  # "2Oh": 20h
_OCR_SLOTS = re.compile(r"(?<![^\W_])[0-9OolI]([-+])[0-9OolI](?:\1[0-9OolI]){1,2}(?![^\W_])")
_ONE_BEFORE_COUNT = re.compile(
    r"(?<![\w'’])[lI](?=\s+(?:cp|cps|cpr|comprim|g[ée]l|sach|amp|goutt|suppo|tab|cap|dose|bouff|puff|pulv|inj|appl|cuill"
    r"|fois|times?\b|jours?\b|days?\b|sem|weeks?\b|(?:m|rn)ois\b|months?\b|g\b|[àa]\s+\d|to\s+\d|-\s*\d))",
    re.IGNORECASE,
)
# …and the 1 of one gram glued to its unit ("Amoxicilline lg", "Augmentin lg/125mg"): a lower-case l only
_ONE_GRAM = re.compile(r"(?<![\w'’])l(?=g(?![\w]))")
# …and the 1 of a fraction before a count word ("l/2 cp", "I/4 cp")
_ONE_OF_A_FRACTION = re.compile(
    r"(?<![\w'’/])[lI](?=/[2-4](?![\d/])\s*(?:cp|comprim|tab|g[ée]l|cap|sach|dose))", re.IGNORECASE
)
_CAPITAL_I_FOR_L = re.compile(r"(?<![\w'’])I(?=(?:e|a|es)(?![\w]))")
# …and the capital I of Inj, IV, IM as a lower-case l ("lnj Monocef 1 gm lV")
_L_FOR_CAPITAL_I = re.compile(r"(?<![\w'’])l(?=(?:nj|V|M)(?![\w]))")
# …and the 0 closing a strength glued to a name as an O ("Dolo65O"): two digits or more first
_O_CLOSING_A_NUMBER = re.compile(r"(?<=[^\W\d_]\d\d)O(?![\w])|(?<=[^\W\d_]\d\d\d)O(?![\w])")
# …and the O of a clock time's minutes ("à 7h3O", "8:O0"): after an hour and its separator
_O_IN_MINUTES = re.compile(r"(?<=\d[h:][0-5])[Oo](?![\w])|(?<=\d[h:])[Oo](?=\d(?![\w]))")
_DIGIT_OF = str.maketrans({"O": "0", "o": "0", "l": "1", "I": "1"})
# Every pattern above needs one of these (a cheap test first: most lines have none).
_MAYBE_OCR = re.compile(
    r"\d[OolI]|\dS\d|[lI]\d|[lI]/\d|[OolI][-+]|(?<![\w'’])[lI](?=\s)|(?<![\w'’])I[ea]|(?<![\w'’])l(?:nj|V|M)|S\d|[Oo][.,]\d"
    r"|(?<![\w'’])[lI][Oo]|(?<![\w'’])S\s?mg|\d\s(?=[0Oo]{3})[0]{0,2}[Oo]|(?<![\w'’])lg(?![\w])"
)
# a strength wholly in look-alikes ("Seroplex lOmg", "Amlor Smg"): l / I then O's, or a lone S,
# right before a mass unit
_LETTERS_FOR_DIGITS = re.compile(r"(?<![\w'’])(?:[lI][Oo]{1,2}|S)(?=\s?(?:mg|mcg|µg)(?![^\W\d_]))")
# a thousands group in look-alikes after a number and a space ("Uvedose 100 OOO UI", "6 OOO UI")
_O_THOUSANDS = re.compile(r"(?<=\d[ \u00a0\u202f])[0Oo]{3}(?![^\W\d_])")
# the O of a decimal's zero ("Xanax O,25 mg" is 0,25 mg, never 25 mg): before a comma or dot and a digit
_O_DECIMAL = re.compile(r"(?<![\w'’])[Oo](?=[.,]\d)")
# the capital S of a strength's first digit ("AMOXICILLINE S00 mg"): before digits and a mass or volume unit
_S_FOR_FIVE = re.compile(r"(?<![\w'’])S(?=[0-9]{1,3}\s?(?:mg|g|ml|mL|µg|mcg)(?![^\W\d_]))")


def ocr_reading(text: str) -> str:
    """``text`` with the OCR look-alikes of digits (and of ``l`` in ``le``) read back; same length.

    >>> ocr_reading("Ibuprofen 4OO mg, l-0-l, O-O-l, 1Omg, l sachet Ie soir, 2 l, Il")
    'Ibuprofen 400 mg, 1-0-1, 0-0-1, 10mg, 1 sachet le soir, 2 l, Il'
    >>> ocr_reading("Basa1og, 1 sty1o, 2l, 1l0, 1oz, l0 jours, x l month, l à 2 cp")
    'Basa1og, 1 sty1o, 2l, 110, 1oz, 10 jours, x 1 month, 1 à 2 cp'
    >>> ocr_reading("SERESTA 1O mg l/2 cp le soir, 5 mg/l")
    'SERESTA 10 mg 1/2 cp le soir, 5 mg/l'
    >>> ocr_reading("AMOXICILLINE S00 mg, VITAMINE D3 S, Xanax O,25 mg")
    'AMOXICILLINE 500 mg, VITAMINE D3 S, Xanax 0,25 mg'
    >>> ocr_reading("Seroplex lOmg 1 cp/j, Amlor Smg, Lasilix S, lOO mg")
    'Seroplex 10mg 1 cp/j, Amlor 5mg, Lasilix S, 100 mg'
    >>> ocr_reading("Uvedose 100 OOO UI, Lovenox 6 O0O UI, 1 cp à 2Oh, 2 Oolong")
    'Uvedose 100 000 UI, Lovenox 6 000 UI, 1 cp à 20h, 2 Oolong'
    >>> ocr_reading("GLUCOPHAGE 8S0 mg, NICOPATCH 2l mg/24 h, 2l d'eau")
    "GLUCOPHAGE 850 mg, NICOPATCH 21 mg/24 h, 2l d'eau"
    >>> ocr_reading("Paracetamol l g x3/j, Augmentin lg/125mg, pdt l rnois, IgG, lgM")
    'Paracetamol 1 g x3/j, Augmentin 1g/125mg, pdt 1 rnois, IgG, lgM'
    >>> ocr_reading("1 cp à 7h3O et 8:O0, Oh no")
    '1 cp à 7h30 et 8:00, Oh no'
    """
    if not _MAYBE_OCR.search(text):
        return text
    chars = list(text)

    def put(match: re.Match, value: str | None = None) -> None:
        start, end = match.span()
        chars[start:end] = list(value if value is not None else match.group().translate(_DIGIT_OF))

    for match in _OCR_NUMBER.finditer(text):
        run = match.group()
        if run.isdigit() or not _AFTER_NUMBER.match(text, match.end()):
            continue
        # O / o are zeros anywhere after the first digit; l / I are ones only between digits
        # (a trailing l is the litre: 2l)
        # (a trailing l is the litre: 2l, unless a mass unit follows: "2l mg"); S is a 5 between digits ("8S0 mg")
        mass = _MASS_AFTER.match(text, match.end()) is not None
        read = [
            "0"
            if ch in "Oo"
            else "1"
            if ch in "lI" and (index + 1 < len(run) and run[index + 1].isdigit() or mass and index + 1 == len(run))
            else "5"
            if ch == "S" and index + 1 < len(run) and run[index + 1] in "0123456789Oo"
            else ch
            for index, ch in enumerate(run)
        ]
        put(match, "".join(read))
    for match in _OCR_SLOTS.finditer(text):  # three or four slots: 1-O-l, O-O-l
        put(match)
    for match in _ONE_BEFORE_COUNT.finditer(text):
        put(match, "1")
    for match in _ONE_GRAM.finditer(text):
        put(match, "1")
    for match in _ONE_OF_A_FRACTION.finditer(text):
        put(match, "1")
    for match in _CAPITAL_I_FOR_L.finditer(text):
        put(match, "l")
    for match in _L_FOR_CAPITAL_I.finditer(text):
        put(match, "I")
    for match in _O_CLOSING_A_NUMBER.finditer(text):
        put(match, "0")
    for match in _O_IN_MINUTES.finditer(text):
        put(match, "0")
    for match in _S_FOR_FIVE.finditer(text):
        put(match, "5")
    for match in _O_DECIMAL.finditer(text):
        put(match, "0")
    for match in _O_THOUSANDS.finditer(text):
        put(match, "000")
    for match in _LETTERS_FOR_DIGITS.finditer(text):
        put(match, "5" if match.group() == "S" else None)
    return "".join(chars)


def _read_ocr_zeros(words: list[str], norms: list[str]) -> None:
    """OCR reads the 0 of ``1-0-1`` as a letter O: between slot separators after a digit, an
    ``O`` is read as ``0`` (its norm only; the text is untouched)."""
    for index in range(2, len(words)):
        if words[index] in ("O", "o") and words[index - 1] in _SLOT_SEPARATORS and words[index - 2].isdigit():
            norms[index] = "0"


_MIXED_NORMS = {"½": 0.5, "¼": 0.25, "¾": 0.75}


def _mixed(piece: str) -> str:
    """``1½`` (one token, as ``1½-0-0`` writes a slot) → ``1.5``."""
    whole = unicodedata.digit(piece[0], None) if len(piece) == 2 else None  # "²½" (OCR) as "2½"; int("²") raises
    if whole is None or piece[1] not in _MIXED_NORMS:
        return ""
    return f"{whole + _MIXED_NORMS[piece[1]]:g}"


_RECENT_TEXTS: tuple[tuple[Doc, str], ...] = ()  # the Docs doc_text() joined last, and their texts
_RECENT_DOCS = 4  # the hybrid engine reads a line while the lines read ahead for its NER are held


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once for each of the Docs read last (spaCy joins every token's text
    at each ``doc.text``, and a line's steps read it about nine times); a Doc's text never
    changes (a merge or a split of its tokens keeps it). The Docs are held until they are
    pushed out, so that no other Doc can take their identity (the tuple of them is replaced
    whole: safe under threads).

    >>> doc = PrescriptionTokenizer(Vocab())("1 cp  le soir")
    >>> doc_text(doc) == doc.text == "1 cp  le soir", doc_text(doc) is doc_text(doc)
    (True, True)
    """
    for held, text in _RECENT_TEXTS:
        if held is doc:
            return text
    text = doc.text
    _hold_text(doc, text)
    return text


def _hold_text(doc: Doc, text: str) -> None:
    """Keep ``doc``'s text among the recent ones (the oldest pushed out)."""
    global _RECENT_TEXTS
    _RECENT_TEXTS = ((doc, text),) + _RECENT_TEXTS[: _RECENT_DOCS - 1]


_Table = tuple[Doc, int, tuple[Token, ...], tuple[Token, ...]]
_RECENT_TABLES: tuple[_Table, ...] = ()


def doc_tokens(doc: Doc) -> tuple[Token, ...]:
    """The Doc's tokens, made once for each of the Docs read last (:func:`doc_text`) and its
    current length (iterating a Doc makes a new Python ``Token`` for every token at every pass,
    and a line's steps pass over it about fifteen times). A merge (the only retokenising the
    engine does) shortens the Doc, so the length tells a stale table; a token's norm set in
    place is read through the same object.

    >>> doc = PrescriptionTokenizer(Vocab())("1 cp  le soir")
    >>> [t.text for t in doc_tokens(doc)] == [t.text for t in doc], doc_tokens(doc) is doc_tokens(doc)
    (True, True)
    """
    return _table(doc)[2]


def doc_words(doc: Doc) -> tuple[Token, ...]:
    """The Doc's tokens that are not whitespace (see :func:`doc_tokens`).

    >>> from spacy.lang.fr import French  # a language's vocabulary says which lexemes are spaces
    >>> [t.text for t in doc_words(PrescriptionTokenizer(French().vocab)("1 cp  le soir"))]
    ['1', 'cp', 'le', 'soir']
    """
    return _table(doc)[3]


def _table(doc: Doc) -> _Table:
    global _RECENT_TABLES
    recent = _RECENT_TABLES
    size = len(doc)
    for table in recent:
        if table[0] is doc and table[1] == size:
            return table
    tokens = tuple(doc)
    table = (doc, len(tokens), tokens, tuple(t for t in tokens if not t.is_space))
    _RECENT_TABLES = (table,) + tuple(t for t in recent if t[0] is not doc)[: _RECENT_DOCS - 1]
    return table


# The pieces of the texts tokenised last, shared by every tokenizer (they depend on the text
# alone): the hybrid engine's NER model and its repaired re-read tokenise a line the read step
# has just tokenised. Bounded; cleared when full (clearing is safe under threads).
_RECENT: dict[str, tuple[list[str], list[bool], list[str]]] = {}
RECENT_SIZE = 512


class PrescriptionTokenizer:
    """spaCy tokenizer: words plus exact whitespace, so ``doc.text == text``."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        found = _RECENT.get(text)
        if found is None:
            found = self.pieces(text)
            if len(_RECENT) >= RECENT_SIZE:
                _RECENT.clear()
            _RECENT[text] = found
        words, spaces, norms = found  # read only: a Doc copies them
        doc = Doc(self.vocab, words=words, spaces=spaces)
        for token, value in zip(doc_tokens(doc), norms, strict=True):
            token.norm_ = value
        _hold_text(doc, text)  # the Doc's text is the text (see the module docstring)
        return doc

    def norms(self, text: str) -> list[str]:
        """The norms of the tokens of ``text`` that are not whitespace, without making a Doc
        (the lexicon reads its thousands of aliases this way).

        >>> PrescriptionTokenizer(Vocab()).norms("1-O-1  Comprimés")
        ['1', '-', '0', '-', '1', 'comprimes']
        """
        words, _, norms = self.pieces(text)
        return [value for word, value in zip(words, norms, strict=True) if not word.isspace()]

    @staticmethod
    def pieces(text: str) -> tuple[list[str], list[bool], list[str]]:
        """The words, their trailing-space flags and their norms: what the Doc is made of."""
        words: list[str] = []
        spaces: list[bool] = []
        reading = ocr_reading(text)
        norms: list[str] = []
        for start, end, is_space in token_spans(reading):
            piece = text[start:end]
            if is_space and words and not spaces[-1] and piece.startswith(" "):
                spaces[-1] = True
                piece, start = piece[1:], start + 1
            if piece:
                words.append(piece)
                spaces.append(False)
                norms.append("-" if piece == "--" else _mixed(piece) or norm(reading[start:end]))
        _read_ocr_zeros(words, norms)
        read_in_context(text, words, norms)
        return words, spaces, norms

    def to_disk(self, path, **kwargs) -> None:  # noqa: D102 - nothing to save
        return None

    def from_disk(self, path, **kwargs) -> PrescriptionTokenizer:  # noqa: D102
        return self
