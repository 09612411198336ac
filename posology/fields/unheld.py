"""Events of the day that FHIR's ``when`` has no code for: ``entre les repas``, ``between meals``,
``à distance des repas`` (IC is v3 only), ``à chaque change``, ``at each nappy change``. The order
cues (``posology.fields.cues``) keep them as written and flag them (W022); they are never dropped
and never read as another event."""

from __future__ import annotations

_AWAY_FROM = (("a", "distance"), ("loin",), ("en", "dehors"), ("away", "from"))
# a nappy's change: "à chaque change", "at each nappy change", "with every diaper change"
_EACH_CHANGE = tuple(
    sorted(
        {(opener, "chaque", "change", "de", "couche") for opener in ("a", "apres")}
        | {(opener, "chaque", "change") for opener in ("a", "apres")}
        | {
            (opener, each, item, "change")
            for opener in ("at", "with", "after")
            for each in ("each", "every")
            for item in ("nappy", "diaper")
        },
        key=len,
        reverse=True,  # the longest first: "à chaque change de couche"
    )
)
EVENT_OPENERS = frozenset({"entre", "between"} | {phrase[0] for phrase in _AWAY_FROM + _EACH_CHANGE})


def unheld_event(norms: list[str], i: int) -> int:
    """The number of words of such an event at ``i`` (0: none)."""
    if norms[i] not in EVENT_OPENERS:
        return 0
    if norms[i + 1 : i + 2] in (["chaque"], ["each"], ["every"]):  # "a" / "at" / "with" open most lines: look only here
        change = next((len(p) for p in _EACH_CHANGE if tuple(norms[i : i + len(p)]) == p), 0)
        if change:
            return change
    head = 1 if norms[i] in ("entre", "between") else 0
    if not head:
        head = next((len(p) for p in _AWAY_FROM if tuple(norms[i : i + len(p)]) == p), 0)
    if not head or i + head >= len(norms):
        return 0
    rest = norms[i + head : i + head + 2]
    if rest[:1] and rest[0] in ("repas", "meals", "les repas", "des repas", "du repas", "food"):
        return head + 1  # the linker may have merged "les repas" / "des repas"
    if len(rest) == 2 and rest[0] in ("les", "deux", "des", "du") and rest[1] in ("repas", "meals"):
        return head + 2
    return 0
