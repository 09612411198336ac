"""A timing heading a line before the product's name, every dose's (``posology.fields.dosages.attach``)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

_WORD = re.compile(r"[^\W\d_]{3}")


def line_heading(free: list[Any], doses: list[Any], between: Callable[[int, int], str] | None) -> list:
    """``Tous les jours à 18:00 — PREVISCAN 20 mg : 1 comprimé du lundi au vendredi, 1/2 comprimé le
    samedi et le dimanche``: the timing heading the line before the product's name (a dispenser's
    or a plan's heading) is every dose's, and the doses' own timings come after them (the days
    after the first dose were the second dose's, which then took every day of the week)."""
    before = [m for m in free if m.end <= doses[0].start]
    if len(doses) < 2 or not before or between is None or len(before) == len(free):
        return []
    gap = between(max(m.end for m in before), doses[0].start)  # the product's name and a separator
    return before if _WORD.search(gap) and any(c in gap for c in "—–:|") else []
