"""pydantic validation of a Bundle, memoised by shape.

``fhir.resources`` validation costs about 0.8 ms per Bundle (each nested model runs Python
validators, and fhir_core validates nested models twice): more than the whole rule engine.
Yet what pydantic decides about a Bundle depends only on its *shape*: its keys, its codes
and systems, and for each free-text string and each number only the class of value the FHIR
types tell apart. So a Bundle is validated by ``model_validate`` once per distinct shape and
the verdict is reused for every Bundle of the same shape, within one process. The code
checks (:func:`posology.fhir.codes.check_codes`) read only what the shape keeps, so their
verdict is memoised with it.

The abstraction (:func:`shape`) must keep every distinction pydantic makes, and only those:

- strings under :data:`FREE_TEXT_KEYS` (FHIR ``string`` elements: Dosage.text,
  CodeableConcept.text, Coding.display, Quantity.unit, OperationOutcome diagnostics) and
  references to outside the Bundle (the caller's ``subject``: ``Patient/42``) become ``"x"``
  when they satisfy the FHIR ``string`` pattern (``[ \\r\\n\\t\\S]+``, searched) and
  length limit, else they stay as they are (and fail);
- UUIDs (the random resource ids, in ``id``, ``fullUrl`` and references) are renamed by
  order of first appearance (:func:`posology.fhir.ids.rename_uuids`): the same length and
  characters, so the same validity, and the same pattern of equalities (unique fullUrls,
  ``fullUrl`` = ``urn:uuid:`` + ``id``); every other string (codes, systems, local
  references ``#med1``, keys) stays literal;
- the ``code`` of a Coding (in a ``coding`` list) from a system no value set binds (a product's BDPM code, a
  substance code: :func:`~posology.fhir.codes.check_codes` reads only UCUM and EDQM codes, and
  codes inside quantities of time) becomes ``"c"`` when it is a plain ``code`` (letters,
  digits and ``.-_:/``, which pydantic's ``code`` pattern accepts), else it stays as it is:
  a data set with thousands of coded products has as many shapes as it has dosage forms of
  its orders, not one per product (issue #17);
- integers become 1, 0 or -1 by sign (``positiveInt`` / ``unsignedInt`` / ``integer`` bounds),
  and stay literal beyond the 32-bit range; floats become 1.0 / 0.0 / -1.0 when integral,
  0.5 / -0.5 otherwise, and stay literal when not finite or huge; booleans stay literal.

A Bundle whose shape fails is never cached, so its error is raised again in full. The shapes
of every gold, safety and sample text ship as already validated (:mod:`posology.fhir.shapes`,
used only while it is current): the first Bundles of a process need no model loaded. The
property tests (``tests/test_fhir_validation.py``) check that the memoised verdict equals
the direct one on gold Bundles and on mutated ones (empty strings, zero and negative
counts, NaN, huge numbers, wrong codes, repeated ids). The FHIR invariants whose verdict
depends on the shape only (:mod:`posology.fhir.invariants`) are memoised with it; the few
that compare two values run on every Bundle. :func:`set_cache_size` (0 turns the memo off) is
what ``python -m benchmarks.speed --no-validation-cache`` uses to measure the direct cost.

>>> shape({"text": "1 cp le matin", "value": 2.5, "frequency": 3, "code": "MORN"})
{'text': 'x', 'value': 0.5, 'frequency': 1, 'code': 'MORN'}
"""

from __future__ import annotations

import importlib
import json
import math
import re
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from posology.fhir import shapes
from posology.fhir.ids import UUID, rename_uuids
from posology.fhir.urls import EDQM, UCUM

__all__ = ["FREE_TEXT_KEYS", "cache_info", "memo_key", "set_cache_size", "shape", "validate_model"]

_BUNDLE_MODULES = {"R4": "fhir.resources.R4B.bundle", "R5": "fhir.resources.bundle"}

# Keys whose string values are FHIR ``string`` (never ``code``/``id``) in every resource
# posology builds: their content is free, only their validity class matters.
FREE_TEXT_KEYS = frozenset({"text", "display", "unit", "diagnostics"})

_FHIR_STRING = re.compile(r"[ \r\n\t\S]")  # pydantic searches the pattern: one such character
_MAX_STRING = 1024 * 1024
_INT32 = 2**31 - 1
# Codes the shape keeps literal: the systems whose codes posology.fhir.codes checks, and any
# code inside a quantity of time (checked against units-of-time whatever its system).
_BOUND_SYSTEMS = frozenset({UCUM, EDQM})
_TIMED_KEYS = frozenset({"boundsDuration", "boundsRange", "expectedSupplyDuration", "maxDosePerPeriod"})
_PLAIN_CODE = re.compile(r"[A-Za-z0-9._:/-]{1,64}")

_cache: OrderedDict[str, None] = OrderedDict()
_cache_size = 4096
_stats = {"hits": 0, "misses": 0, "shipped": 0}


def shape(node: Any, key: str | None = None) -> Any:
    """The validation-relevant abstraction of ``node`` (see the module docstring)."""
    return _shape(node, key, {}, False)


def _shape(node: Any, key: str | None, uuids: dict[str, str], timed: bool) -> Any:
    if isinstance(node, dict):
        timed = timed or key in _TIMED_KEYS
        shaped = {k: _shape(v, k, uuids, timed) for k, v in node.items()}
        if key == "coding" and not timed and _unbound_code(node):
            shaped["code"] = "c"
        return shaped
    if isinstance(node, list):
        return [_shape(v, key, uuids, timed) for v in node]
    if isinstance(node, str):
        free = key in FREE_TEXT_KEYS or (key == "reference" and not node.startswith("#") and not UUID.search(node))
        if free and len(node) <= _MAX_STRING and _FHIR_STRING.search(node):
            return "x"
        return rename_uuids(node, uuids)
    if isinstance(node, bool):
        return node
    if isinstance(node, int):
        return node if abs(node) > _INT32 else (node > 0) - (node < 0)
    if isinstance(node, float):
        if not math.isfinite(node) or abs(node) > _INT32:
            return node
        sign = (node > 0) - (node < 0)
        return float(sign) if node.is_integer() else 0.5 * sign
    return node


def _unbound_code(node: dict[str, Any]) -> bool:
    """Whether ``node``, a Coding, has a plain code that no value set checks (see the docstring)."""
    system, code = node.get("system"), node.get("code")
    return (
        isinstance(system, str)
        and system not in _BOUND_SYSTEMS
        and isinstance(code, str)
        and _PLAIN_CODE.fullmatch(code) is not None
    )


def model_class(fhir_version: str):
    """The ``fhir.resources`` Bundle class of a version key (``R4`` → R4B models)."""
    return importlib.import_module(_BUNDLE_MODULES[fhir_version]).Bundle


def validate_model(
    bundle: dict[str, Any], fhir_version: str, check: Callable[[dict[str, Any], str], list[str]]
) -> list[str]:
    """Validate ``bundle`` with pydantic (raises what pydantic raises) and return the problems
    ``check`` finds (the code-binding checks), once per shape.

    ``check`` must depend only on what :func:`shape` keeps (keys, codes, systems, the
    presence of values): :func:`posology.fhir.codes.check_codes` does.
    """
    if _cache_size <= 0:
        model_class(fhir_version).model_validate(bundle)
        return check(bundle, fhir_version)
    key = memo_key(bundle, fhir_version)
    if key in _cache:
        _cache.move_to_end(key)
        _stats["hits"] += 1
        return []
    if shapes.is_known(key, check):  # shipped as valid (posology.fhir.shapes): no model loaded
        _stats["shipped"] += 1
        _remember(key)
        return []
    _stats["misses"] += 1
    model_class(fhir_version).model_validate(bundle)  # raises: the shape is not cached
    problems = check(bundle, fhir_version)
    if not problems:  # only a valid shape is remembered
        _remember(key)
    return problems


def memo_key(bundle: dict[str, Any], fhir_version: str) -> str:
    """The memo's key of ``bundle``: the version and the :func:`shape`, as compact JSON."""
    return fhir_version + json.dumps(shape(bundle), ensure_ascii=False, separators=(",", ":"))


def _remember(key: str) -> None:
    _cache[key] = None
    if len(_cache) > _cache_size:
        _cache.popitem(last=False)


def set_cache_size(size: int) -> None:
    """Bound the memo to ``size`` shapes (least recently used dropped); 0 disables it."""
    global _cache_size
    _cache_size = int(size)
    _cache.clear()
    _stats.update(hits=0, misses=0, shipped=0)


def cache_info() -> dict[str, int]:
    """Hits, misses, shapes found in the shipped table (:mod:`posology.fhir.shapes`) and the
    number of shapes held."""
    return {**_stats, "size": len(_cache), "max_size": _cache_size}
