"""Drug linking benchmark: ``python -m benchmarks.drug_linking [--gold PATH] [--errors]``.

Scores ``DrugLinker`` on ``benchmarks/gold/drug_mentions.jsonl``, hand-written mentions whose
expected codes were looked up in the BDPM source files. Each line is
``{"mention", "strengths": [[value, unit]], "form", "expected"}`` with ``expected``:

- ``{"kind": "specialty", "cis": "60234100"}``: one product;
- ``{"kind": "specialty", "cis": null, "brand": "DOLIPRANE"}``: the brand is recognised but no
  single product fits (the linker must say ``ambiguous`` and give no code);
- ``{"kind": "substance", "name": "PARACÉTAMOL"}`` (or a list of acceptable names);
- ``null``: not in BDPM (withdrawn, foreign, nonsense): the linker must abstain.

Printed figures: top-1 accuracy on resolvable mentions (expected not null), wrong-code share
(a code that differs from the expected one, or any code where none is expected, over all
mentions; abstaining is not a wrong code), abstention on unresolvable mentions, lookups per
second on a warm linker, and the load time.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from posology.dosage import Quantity
from posology.linking.drugs import DrugLinker, DrugMatch
from posology.linking.drugs_text import drug_key

GOLD = Path(__file__).resolve().parent / "gold" / "drug_mentions.jsonl"


def read_gold(path: Path = GOLD) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def link_case(linker: DrugLinker, case: dict) -> DrugMatch | None:
    strengths = [Quantity(value, unit) for value, unit in case["strengths"]]
    return linker.link(case["mention"], strengths=strengths, form=case["form"])


def is_correct(expected: dict | None, match: DrugMatch | None) -> bool:
    """The linker's answer is exactly the expected one."""
    if expected is None:
        return match is None or not match.codings
    if match is None or match.kind != expected["kind"]:
        return False
    if expected["kind"] == "substance":
        names = expected["name"] if isinstance(expected["name"], list) else [expected["name"]]
        return not match.ambiguous and drug_key(match.name) in {drug_key(n) for n in names}
    if expected["cis"] is None:
        return match.ambiguous and not match.codings and drug_key(match.name) == drug_key(expected["brand"])
    return [c.code for c in match.codings] == [expected["cis"]]


def is_wrong_code(expected: dict | None, match: DrugMatch | None) -> bool:
    """A code was emitted and it is not the expected one (abstaining is never a wrong code)."""
    if match is None or not match.codings:
        return False
    return not is_correct(expected, match)


def lookups_per_second(linker: DrugLinker, cases: Sequence[dict], seconds: float = 1.0) -> float:
    for case in cases:  # warm-up: one pass
        link_case(linker, case)
    done, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        for case in cases:
            link_case(linker, case)
        done += len(cases)
    return done / (time.perf_counter() - start)


def evaluate(cases: Sequence[dict], linker: DrugLinker) -> dict[str, float]:
    resolvable = [c for c in cases if c["expected"] is not None]
    unresolvable = [c for c in cases if c["expected"] is None]
    answers = [(case, link_case(linker, case)) for case in cases]
    correct = sum(1 for case, match in answers if case["expected"] and is_correct(case["expected"], match))
    wrong = sum(1 for case, match in answers if is_wrong_code(case["expected"], match))
    abstained = sum(1 for case, match in answers if case["expected"] is None and is_correct(None, match))
    return {
        "mentions": len(cases),
        "top1_resolvable": correct / len(resolvable) if resolvable else 0.0,
        "wrong_code_share": wrong / len(cases) if cases else 0.0,
        "abstention_unresolvable": abstained / len(unresolvable) if unresolvable else 0.0,
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Drug linking benchmark")
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--errors", action="store_true", help="list the mentions answered wrongly")
    args = parser.parse_args(argv)
    cases = read_gold(args.gold)

    start = time.perf_counter()
    DrugLinker._cached = None  # measure a cold load
    linker = DrugLinker.load()
    load_seconds = time.perf_counter() - start

    scores = evaluate(cases, linker)
    rate = lookups_per_second(linker, cases)
    tags = Counter(case.get("tag", "") for case in cases)
    print(f"mentions                      {scores['mentions']} ({len(tags)} tags)")
    print(f"top-1 accuracy (resolvable)   {scores['top1_resolvable']:.3f}")
    print(f"wrong-code share (all)        {scores['wrong_code_share']:.3f}")
    print(f"abstention (unresolvable)     {scores['abstention_unresolvable']:.3f}")
    print(f"lookups/s (warm)              {rate:,.0f}")
    print(f"load time                     {load_seconds:.2f} s")
    if args.errors:
        for case in cases:
            match = link_case(linker, case)
            if not is_correct(case["expected"], match):
                got = None if match is None else (match.kind, match.name, [c.code for c in match.codings])
                print(
                    f"  {case['mention']!r} {case['strengths']} {case['form']}: expected {case['expected']}, got {got}"
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
