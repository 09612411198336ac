"""The NER path: spans of a trained model, and mentions built from them without the rules.

``NerTagger.load()`` loads ``models/ner`` once (``None`` when no model is installed);
``spans(text)`` gives ``(start, end, label)`` character spans of an already squeezed text;
``mentions(text, lexicon_doc)`` turns each span into :class:`~posology.fields.mentions.Mention`
objects (``rule_id="ner"``) with the pure converters of :mod:`posology.ner.convert`, reading
numbers from token norms and concept keys from the lexicon attributes of the tokens
(``Engine.analyse(text)[0]``), unknown words going to the embedding linker when installed.
All mentions of one span share one ``group`` (``NER_GROUP_BASE + span index``), far from
the rule matches' small group numbers.

>>> tagger = NerTagger.load()
>>> tagger is None or isinstance(tagger.spans("1 cp le matin"), list)
True
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

from spacy.attrs import IDX

from posology.errors import Errors, NerError
from posology.fields.mentions import Mention
from posology.ner import default_model_dir
from posology.ner import tokenizer as _tokenizer  # noqa: F401 - registers posology.tokenizer.v1
from posology.ner.convert import convert
from posology.ner.fallback import Link, resolve
from posology.ner.pieces import pieces_from_doc

Span = tuple[int, int, str]
NER_GROUP_BASE = 1_000_000
RULE_ID = "ner"


@lru_cache(maxsize=4)
def _load(path: str) -> NerTagger | None:
    import spacy

    if not (Path(path) / "config.cfg").is_file():
        return None
    from posology._gc import paused_gc

    try:
        with paused_gc():
            return NerTagger(spacy.load(path))
    except (OSError, ValueError, KeyError) as error:
        raise NerError(Errors.E104.format(path=path, detail=error)) from error


class NerTagger:
    """A loaded NER model. Build it with :meth:`load` (cached) rather than directly."""

    def __init__(self, nlp) -> None:
        self.nlp = nlp
        self._cached_spans = lru_cache(maxsize=512)(self._predict)
        self._ahead: dict[str, tuple[Span, ...]] = {}  # the last batch read ahead (predict_ahead)

    @classmethod
    def load(cls, path: Path | str | None = None) -> NerTagger | None:
        """The tagger of ``models/ner`` (or ``path``); ``None`` when no model is there."""
        path = path if path is not None else default_model_dir()
        return None if path is None else _load(str(path))

    def _predict(self, clean_text: str) -> tuple[Span, ...]:
        doc = self.nlp(clean_text)
        return tuple((e.start_char, e.end_char, e.label_) for e in doc.ents)

    def spans(self, clean_text: str) -> list[Span]:
        """``(start, end, label)`` of every entity, in text order; ``[]`` for empty input.

        >>> tagger = NerTagger.load()
        >>> tagger is None or tagger.spans("") == []
        True
        """
        if not isinstance(clean_text, str) or not clean_text.strip():
            return []
        found = self._ahead.get(clean_text)
        return list(found if found is not None else self._cached_spans(clean_text))

    def predict_ahead(self, texts: Iterable[str]) -> None:
        """Predict the spans of texts about to be asked for in one ``nlp.pipe`` batch (~1.1 ms
        a line against ~2 ms one at a time), held until the next batch. A batch gives what one
        call at a time gives, bit for bit: the tok2vec tensors and the spans were compared on
        the dev gold lines in batches of 7, 64 and 256.
        """
        batch = [t for t in dict.fromkeys(texts) if isinstance(t, str) and t.strip()]
        docs = self.nlp.pipe(batch, batch_size=max(1, len(batch)))
        self._ahead = {
            text: tuple((e.start_char, e.end_char, e.label_) for e in doc.ents)
            for text, doc in zip(batch, docs, strict=True)
        }

    def spans_many(self, texts: Iterable[str], batch_size: int = 256) -> Iterator[list[Span]]:
        """Spans of many texts, batched through ``nlp.pipe`` (for throughput)."""
        for doc in self.nlp.pipe((t if isinstance(t, str) else "" for t in texts), batch_size=batch_size):
            yield [(e.start_char, e.end_char, e.label_) for e in doc.ents]

    def drug_spans(self, clean_text: str) -> list[tuple[int, int]]:
        """Character spans of the drug names (DRUG gives no mention: the engine names drugs)."""
        return [(start, end) for start, end, label in self.spans(clean_text) if label == "DRUG"]

    def mentions(self, clean_text: str, lexicon_doc, link: Link | None = None) -> list[Mention]:
        """Mentions of every span but DRUG, in text order; spans that cannot be read give none.

        ``lexicon_doc`` is ``Engine.analyse(clean_text)[0]``; ``link`` replaces the embedding
        linker (``(text, types) -> (type, key) | None``), e.g. in tests.
        """
        if lexicon_doc is None:
            return []
        mentions = []
        spans = self.spans(clean_text)
        starts = lexicon_doc.to_array(IDX).tolist() if spans else None  # the token offsets, once
        for index, (start, end, label) in enumerate(spans):
            mentions.extend(span_mentions(lexicon_doc, start, end, label, NER_GROUP_BASE + index, link, starts))
        return mentions


def span_mentions(
    lexicon_doc, start: int, end: int, label: str, group: int, link: Link | None = None, starts: list[int] | None = None
) -> list[Mention]:
    """The mentions of one labelled span of a lexicon doc (also usable on hand-made spans);
    ``starts``: the doc's token offsets (:func:`~posology.ner.pieces.pieces_from_doc`)."""
    pieces = resolve(pieces_from_doc(lexicon_doc, start, end, starts), label, link)
    return [Mention(family, start, end, RULE_ID, items, group) for family, items in convert(label, pieces)]
