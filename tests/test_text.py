"""Text layer: tokenizer splits, norms, numbers, offsets."""

from __future__ import annotations

import pytest
from spacy.vocab import Vocab

from posology.text.numbers import parse_number
from posology.text.offsets import squeeze
from posology.text.tokenizer import PrescriptionTokenizer

TOKENIZE = PrescriptionTokenizer(Vocab())


@pytest.mark.parametrize(
    "text,tokens",
    [
        ("1cp", ["1", "cp"]),
        ("1/2cp", ["1/2", "cp"]),
        ("Dolo650mg", ["Dolo", "650", "mg"]),
        ("3x/j", ["3", "x", "/", "j"]),
        ("x3/jour", ["x", "3", "/", "jour"]),
        ("pdt 5j", ["pdt", "5", "j"]),
        ("1-0-1", ["1", "-", "0", "-", "1"]),
        ("1 0 1", ["1", "0", "1"]),
        ("1+0+1", ["1", "+", "0", "+", "1"]),
        ("1/0/1", ["1", "/", "0", "/", "1"]),
        ("1/2-0-1/2", ["1/2", "-", "0", "-", "1/2"]),
        ("100/25mg", ["100", "/", "25", "mg"]),
        ("2,5 ml", ["2,5", "ml"]),
        ("1 000 mg", ["1 000", "mg"]),
        ("Orocal D3 500 mg", ["Orocal", "D", "3", "500", "mg"]),
        ("t.i.d.", ["t.i.d."]),
        ("l'après-midi", ["l'", "après", "-", "midi"]),
        ("22h30", ["22", "h", "30"]),
        ("1 cp ½", ["1", "cp", "½"]),
    ],
)
def test_tokenizer_splits(text, tokens):
    doc = TOKENIZE(text)
    assert [t.text for t in doc if not t.is_space] == tokens
    assert doc.text == text


@pytest.mark.parametrize(
    "text,norms",
    [
        ("2,5", ["2.5"]),
        ("1 000 mg", ["1000", "mg"]),
        ("1 000", ["1", "000"]),
        ("µg", ["ug"]),
        ("μg", ["ug"]),
        ("ＭＧ", ["mg"]),
        ("½", ["1/2"]),
        ("Gélules", ["gelules"]),
        ("t.i.d.", ["tid"]),
        ("１", ["1"]),
        ("1-O-1", ["1", "-", "0", "-", "1"]),
        ("Omez-O", ["omez", "-", "o"]),
    ],
)
def test_norms(text, norms):
    assert [t.norm_ for t in TOKENIZE(text)] == norms


@pytest.mark.parametrize(
    "norm,value",
    [
        ("2", 2),
        ("2.5", 2.5),
        ("1/2", 0.5),
        ("1/4", 0.25),
        ("3/4", 0.75),
        ("un", 1),
        ("une", 1),
        ("deux", 2),
        ("trois", 3),
        ("demi", 0.5),
        ("one", 1),
        ("two", 2),
        ("twice", 2),
        ("1000", 1000),
        ("x", None),
        ("cp", None),
        ("1/0", None),
    ],
)
def test_numbers(norm, value):
    assert parse_number(norm) == value


def test_offsets_survive_whitespace_squeezing():
    text = "  1 cp\n\n le  matin "
    clean, offsets = squeeze(text)
    assert clean == "1 cp le matin"
    start, end = offsets.span(clean.index("le matin"), len(clean))
    assert text[start:end] == "le  matin"
