"""What the NER tests share: the pieces of a text read by the engine's lexicon.

It lives with the tests, not in ``posology.ner.pieces``: building the engine from the NER layer
would make the layers import each other (engine → ner → engine).
"""

from __future__ import annotations

from posology.engine import Engine
from posology.ner.pieces import Piece, pieces_from_doc


def pieces_of(text: str) -> list[Piece]:
    """All pieces of a text, through the engine's lexicon and linker (``2 gellules``: capsules)."""
    doc = Engine.load().analyse(text)[0]
    return pieces_from_doc(doc, 0, len(text))
