"""The NER step: corpus markup and alignment, augmentation, the trained model, span → mention."""

from __future__ import annotations

import pytest
import yaml

from posology.errors import NerError
from posology.fields.mentions import Mention
from posology.ner.convert import convert
from posology.ner.labels import LABELS
from posology.ner.pieces import Piece
from posology.ner.tagger import NER_GROUP_BASE, NerTagger, span_mentions
from posology.ner.tokenizer import TOKENIZER_NAME, blank_nlp
from posology.text.tokenizer import PrescriptionTokenizer
from tests.ner_support import pieces_of
from training.augment import augment, strip_accents, vocabulary
from training.corpus import (
    CORPUS_DIR,
    LANGS,
    AnnotatedLine,
    is_aligned,
    load_split,
    read_lines,
    split_of,
    to_doc,
)
from training.markup import parse, render


@pytest.fixture(scope="module")
def nlp():
    return blank_nlp()


@pytest.fixture(scope="module")
def tagger():
    found = NerTagger.load()
    # models/ner ships with the package: a missing model is a broken install, never a skip
    assert found is not None, "no NER model in models/ner: a broken install"
    return found


# --- corpus: markup, alignment, splits ---------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "[Doliprane](DRUG) [1000 mg](STRENGTH) [1 cp](DOSE) [3x/j](FREQUENCY) [si douleur](AS_NEEDED)",
        "[Dolo](DRUG)[650mg](STRENGTH) [1tab](DOSE) [SOS](AS_NEEDED)",
        "[1/2-0-1/2](SLOTS) [cp](FORM) [QSP 3 mois](DISPENSE)",
    ],
)
def test_markup_round_trip_and_alignment(nlp, line):
    text, spans = parse(line)
    assert render(text, spans) == line
    doc = to_doc(nlp, AnnotatedLine(text, spans, "fr", "test"))
    assert [(e.start_char, e.end_char, e.label_) for e in doc.ents] == spans


@pytest.mark.parametrize(
    "text, spans, code",
    [
        ("1cp le matin", [(0, 2, "DOSE")], "E101"),  # "1c" cuts the token "cp"
        ("Dolo650mg", [(0, 5, "DRUG")], "E101"),  # "Dolo6" cuts "650"
        ("1 cp le matin", [(0, 4, "DOSE"), (2, 13, "WHEN")], "E105"),
    ],
)
def test_converter_fails_loudly_on_misaligned_spans(nlp, text, spans, code):
    with pytest.raises(NerError, match=code):
        to_doc(nlp, AnnotatedLine(text, spans, "fr", "test:1"))


@pytest.mark.parametrize("line, code", [("[1 cp](DOS) le matin", "E102"), ("[1 cp] le matin", "E103")])
def test_markup_errors(line, code):
    with pytest.raises(NerError, match=code):
        parse(line)


def test_every_corpus_line_aligns(nlp):
    for lang in LANGS:
        for line in read_lines(lang):
            to_doc(nlp, line)  # raises on the first misaligned span


def test_corpus_sizes_and_splits():
    sizes = {lang: len(read_lines(lang)) for lang in LANGS}
    assert sizes["fr"] >= 420 and sizes["en"] >= 180
    splits = {name: load_split(name) for name in ("train", "dev", "test")}
    texts = [{line.text for line in lines} for lines in splits.values()]
    assert sum(len(t) for t in texts) == sum(sizes.values())
    assert not (texts[0] & texts[1] or texts[0] & texts[2] or texts[1] & texts[2])
    assert 0.6 < len(splits["train"]) / sum(sizes.values()) < 0.8
    assert all(split_of(line.text) == "test" for line in splits["test"])
    assert all(line.generated is None for lines in splits.values() for line in lines)


def test_labels_used_are_the_label_set():
    used = {label for lang in LANGS for line in read_lines(lang) for _, _, label in line.spans}
    assert used == set(LABELS)


# --- augmentation: train only, flagged, offsets kept ---------------------------------------


def test_augmentation_is_flagged_aligned_and_from_train_only(nlp):
    train = load_split("train")
    generated = augment(train)
    assert generated and all(line.generated in {"lower", "upper", "noaccent", "template"} for line in generated)
    held_out = {line.text for name in ("dev", "test") for line in load_split(name)}
    assert not held_out & {line.text for line in generated}
    extra = yaml.safe_load((CORPUS_DIR / "templates.yaml").read_text(encoding="utf-8"))["extra"]
    vocab = {text.lower() for lang in LANGS for values in vocabulary(train, extra[lang]).values() for text in values}
    for line in generated:
        assert is_aligned(nlp, line.text, line.spans)
        if line.generated == "template":  # slot values: train entities or the extra lists only
            assert all(line.text[s:e].lower() in vocab for s, e, _ in line.spans)
        else:  # case and accent copies keep every offset
            source = next(t for t in train if t.where == line.where.rsplit(":", 1)[0])
            assert len(line.text) == len(source.text) and line.spans == source.spans


def test_strip_accents_keeps_length():
    assert strip_accents("Kardégic à jeun, œil") == "Kardegic a jeun, œil"


# --- the model -----------------------------------------------------------------------------


def test_model_loads_with_the_posology_tokenizer(tagger):
    assert isinstance(tagger.nlp.tokenizer, PrescriptionTokenizer)
    assert tagger.nlp.config["nlp"]["tokenizer"]["@tokenizers"] == TOKENIZER_NAME
    assert NerTagger.load() is tagger  # cached


def test_load_without_a_model_gives_none(tmp_path):
    assert NerTagger.load(tmp_path) is None


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Zolpidem 10 mg 1 cp au coucher pendant 7 jours", {"DOSE", "WHEN", "DURATION"}),
        ("Ibuprofène 400 mg 1 comprimé 3 fois par jour après les repas", {"DOSE", "FREQUENCY", "WHEN"}),
        ("Amoxicilline 1 g 1 cp matin et soir pendant 8 jours", {"DOSE", "WHEN", "DURATION"}),
        ("Tab. Pantoprazole 40 mg 1 tab BD before food x 10 days", {"DOSE", "FREQUENCY", "WHEN"}),
        ("Cetirizine 10mg 1 tablet once daily at night", {"DOSE", "FREQUENCY", "WHEN"}),
    ],
)
def test_tagger_finds_dose_frequency_when(tagger, text, expected):
    labels = {label for _, _, label in tagger.spans(text)}
    assert expected <= labels


def test_tagger_mentions_and_drug_spans(tagger, engine):
    text = "Doliprane 1000 mg 2 cp 3 fois par jour pendant 5 jours"
    mentions = tagger.mentions(text, engine.analyse(text)[0])
    families = {m.family for m in mentions}
    assert {"dose", "freq", "period", "bounds"} <= families
    assert all(m.rule_id == "ner" and m.group >= NER_GROUP_BASE for m in mentions)
    assert [text[s:e] for s, e in tagger.drug_spans(text)] == ["Doliprane"]


# --- span → mention converters on hand-made spans -------------------------------------------


@pytest.mark.parametrize(
    "label, text, family, items",
    [
        ("DOSE", "2 gellules", "dose", {"dose.low": 2, "dose.unit": "capsule"}),
        ("DOSE", "1 à 2 cp", "dose", {"dose.low": 1, "dose.high": 2, "dose.unit": "tablet"}),
        ("DOSE", "un demi-comprimé", "dose", {"dose.low": 0.5, "dose.unit": "tablet"}),
        ("DOSE", "1 comprimé et demi", "dose", {"dose.low": 1, "dose.plus": 0.5}),
        ("DOSE", "2", "dose", {"dose.low": 2}),
        ("FREQUENCY", "3 fois par jour", "freq", {"freq.n": 3}),
        ("FREQUENCY", "3 fois par jour", "period", {"period.value": 1, "period.unit": "d"}),
        ("FREQUENCY", "x3/j", "freq", {"freq.n": 3}),
        ("FREQUENCY", "BID", "freq", {"freq.n": 2}),
        (
            "FREQUENCY",
            "toutes les 4 à 6 heures",
            "period",
            {"period.value": 4, "period.max": 6, "period.unit": "h"},
        ),
        ("FREQUENCY", "1 jour sur 2", "period", {"period.value": 2, "period.unit": "d"}),
        ("FREQUENCY", "8 hourly", "period", {"period.value": 8, "period.unit": "h"}),
        ("DURATION", "pendant 5 jours", "bounds", {"bounds.value": 5, "bounds.unit": "d"}),
        (
            "DURATION",
            "pendant 3 à 5 jours",
            "bounds",
            {"bounds.value": 3, "bounds.max": 5, "bounds.unit": "d"},
        ),
        ("DURATION", "x 2 weeks", "bounds", {"bounds.value": 2, "bounds.unit": "wk"}),
        ("WHEN", "avant le petit-déjeuner", "when", {"when": "ACM"}),
        ("WHEN", "30 min avant le repas", "offset", {"offset.value": 30, "offset.unit": "min"}),
        ("TIME", "à 22h30", "tod", {"tod.hour": 22, "tod.minute": 30}),
        ("TIME", "at 9 pm", "tod", {"tod.hour": 9, "tod.ampm": "pm"}),
        ("DAYS", "du lundi au vendredi", "dow", {"dow.from": "mon", "dow.to": "fri"}),
        ("STRENGTH", "1000 mg", "strength", {"strength.value": 1000, "strength.unit": "mg"}),
        ("SLOTS", "1-0-1", "slot", {"slot": 1}),
        ("ROUTE", "SC", "route", {"route": "subcutaneous"}),
        ("AS_NEEDED", "si douleur", "as_needed", {"as_needed": True, "as_needed.reason": "douleur"}),
        ("MAX_DOSE", "max 6 cp/j", "max", {"max.value": 6, "max.unit": "tablet", "max.per_unit": "d"}),
        ("MAX_DOSE", "2 cpr max par prise", "maxadm", {"maxadm.value": 2, "maxadm.unit": "tablet"}),
        ("DISPENSE", "QSP 3 mois", "supply", {"supply.value": 3, "supply.unit": "mo"}),
        ("DISPENSE", "AR 2 fois", "refills", {"refills": 2}),
        ("FORM", "Tab.", "form", {"form": "tablet"}),
        ("PHASE", "puis", "phase", {"phase": "puis"}),
    ],
)
def test_converters(label, text, family, items):
    found = dict(convert(label, pieces_of(text)))
    assert family in found
    mention = Mention(family, 0, len(text), "ner", found[family])
    for field, value in items.items():
        assert mention.get(field) == value


@pytest.mark.parametrize(
    "label, text",
    [
        ("DOSE", "650mg 1tab"),  # two amounts: not one dose
        ("STRENGTH", "650"),  # no unit: no strength
        ("SLOTS", "1.0.1"),
        ("FREQUENCY", "twise daily"),  # an unknown word before an abbreviation
        ("FREQUENCY", "tree times a day"),
        ("MAX_DOSE", "max 3/j"),
        ("DISPENSE", "QSP 1 boîte"),
        ("DRUG", "Doliprane"),
    ],
)
def test_unreadable_spans_give_nothing(label, text):
    assert convert(label, pieces_of(text)) == []


def test_slots_give_three_values():
    assert dict(convert("SLOTS", pieces_of("2-0-1")))["slot"] == (("slot", 2), ("slot", 0), ("slot", 1))


def test_unknown_unit_goes_to_the_linker(engine):
    doc = engine.lexicon(engine.nlp.tokenizer("2 gélulees"))  # exact aliases only, no engine linking
    without = span_mentions(doc, 0, 10, "DOSE", NER_GROUP_BASE, link=lambda text, types: None)
    assert without[0].get("dose.low") == 2 and without[0].get("dose.unit") is None

    def link(text: str, types: list[str]):
        return ("unit_of_presentation", "capsule") if text == "gélulees" and "unit_of_presentation" in types else None

    linked = span_mentions(doc, 0, 10, "DOSE", NER_GROUP_BASE, link=link)
    assert linked[0].get("dose.unit") == "capsule"


def test_misspelt_dose_with_the_installed_linker(engine):
    from posology.ner.fallback import default_link

    # the linker's index ships with the package: a missing one is a broken install, never a skip
    assert default_link() is not None, "the linker's index is missing: a broken install"
    mention = span_mentions(engine.analyse("2 gellules")[0], 0, 10, "DOSE", NER_GROUP_BASE)[0]
    assert mention.get("dose.low") == 2 and mention.get("dose.unit") == "capsule"


def test_span_mentions_share_one_group(engine):
    text = "3 fois par jour"
    mentions = span_mentions(engine.analyse(text)[0], 0, len(text), "FREQUENCY", NER_GROUP_BASE + 7)
    assert {m.family for m in mentions} == {"freq", "period"}
    assert {m.group for m in mentions} == {NER_GROUP_BASE + 7}
    assert all((m.start, m.end, m.rule_id) == (0, len(text), "ner") for m in mentions)


# --- never raises ----------------------------------------------------------------------------


JUNK = [
    "",
    " ",
    "???",
    "\x01\x02",
    "[](){}",
    "ééé àà",
    "1-",
    "/ / /",
    "x" * 3000,
    "12345678901234567890",
    "1 à",
    "max",
    "qsp",
    "à h",
    "99h99",
    "1/0 cp",
    "— – -",
    "🙂 1 cp 🙂",
]


@pytest.mark.parametrize("text", JUNK)
def test_ner_path_never_raises_on_junk(tagger, engine, text):
    assert isinstance(tagger.spans(text), list)
    doc = engine.analyse(text)[0] if text.strip() else None
    assert isinstance(tagger.mentions(text, doc), list)
    assert isinstance(tagger.drug_spans(text), list)


@pytest.mark.parametrize("label", LABELS)
@pytest.mark.parametrize("text", [t for t in JUNK if t.strip()])
def test_converters_never_raise(label, text):
    assert isinstance(convert(label, pieces_of(text)), list)


def test_converters_on_empty_spans():
    assert all(convert(label, []) == [] for label in LABELS)
    assert convert("DOSE", [Piece("?", "?", 0, 1)]) == []
