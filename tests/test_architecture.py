"""The shape of the code (#14): layers import downward only, no module grows past 600 lines,
the runtime package never reaches the training code, the wheel lists every package, and every
error raised on purpose carries a code of the one catalogue (``posology/errors.py``).

Imports are read from the source (``ast``), at module level *and* inside functions (a lazy
import still ties two modules together); only ``if TYPE_CHECKING:`` blocks, which never run,
are left out.
"""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("posology", "training")  # training: the NER corpus and training code, not installed
MAX_LINES = 600


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for package in PACKAGES for p in sorted((ROOT / package).rglob("*.py"))}


def _type_checking_only(node: ast.AST) -> bool:
    """``if TYPE_CHECKING:`` (or ``typing.TYPE_CHECKING``): a block that never runs."""
    if not isinstance(node, ast.If):
        return False
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST) -> list[ast.Import | ast.ImportFrom]:
    """Every import statement that can run: module level, in functions, in branches."""
    found: list[ast.Import | ast.ImportFrom] = []
    pending: list[ast.AST] = list(ast.iter_child_nodes(tree))
    while pending:
        node = pending.pop()
        if isinstance(node, ast.If) and _type_checking_only(node):
            pending.extend(node.orelse)  # the body never runs; an else branch would
            continue
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            found.append(node)
        pending.extend(ast.iter_child_nodes(node))
    return found


def _known(name: str) -> str | None:
    """The module of ours that ``name`` is, or lives in (None for other packages)."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def _targets(module: str, node: ast.Import | ast.ImportFrom) -> set[str]:
    """The modules of ours an import statement loads (``from pkg import sub``: the submodule)."""
    if isinstance(node, ast.Import):
        return {m for alias in node.names if (m := _known(alias.name))}
    base = module if MODULES[module].name == "__init__.py" else module.rpartition(".")[0]
    for _ in range(node.level - 1):
        base = base.rpartition(".")[0]
    prefix = ".".join(p for p in ((base if node.level else ""), node.module or "") if p)
    found = set()
    for alias in node.names:
        name = f"{prefix}.{alias.name}"
        target = name if name in MODULES else _known(prefix)
        if target:
            found.add(target)
    return found


def import_graph() -> dict[str, dict[str, int]]:
    """module → {imported module of ours: the line of the first such import}."""
    graph: dict[str, dict[str, int]] = {}
    for module, path in MODULES.items():
        edges: dict[str, int] = {}
        for node in _imports(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            for target in _targets(module, node) - {module}:
                edges[target] = min(edges.get(target, node.lineno), node.lineno)
        graph[module] = edges
    return graph


def cycles(graph: dict[str, dict[str, int]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    for start in graph:
        if start in index:
            continue
        work = [(start, iter(graph[start]))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(graph[child])))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def _described(component: list[str], graph: dict[str, dict[str, int]]) -> str:
    lines = [" ↔ ".join(component)]
    for module in component:
        path = MODULES[module].relative_to(ROOT)
        lines += [
            f"    {path}:{line} imports {target}" for target, line in graph[module].items() if target in component
        ]
    return "\n".join(lines)


def test_the_checker_sees_lazy_imports_and_skips_type_checking_blocks():
    tree = ast.parse(
        "import os\nfrom typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from a import b\n"
        "else:\n    import e\ndef f():\n    from c import d\n"
    )
    names = [n.module if isinstance(n, ast.ImportFrom) else n.names[0].name for n in _imports(tree)]
    assert sorted(names) == ["c", "e", "os", "typing"]
    assert cycles({"a": {"b": 1}, "b": {"c": 1}, "c": {"a": 1}, "d": {"a": 1}}) == [["a", "b", "c"]]


def test_no_import_cycle():
    graph = import_graph()
    found = [_described(component, graph) for component in cycles(graph)]
    assert not found, "import cycles (module-level or lazy imports):\n" + "\n".join(found)


def test_no_module_over_600_lines():
    long = {
        str(path.relative_to(ROOT)): count
        for path in MODULES.values()
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not long, f"modules over {MAX_LINES} lines: {long}"


def test_the_runtime_package_never_imports_the_training_code():
    graph = import_graph()
    reaching = {m: sorted(t for t in edges if t.split(".")[0] == "training") for m, edges in graph.items()}
    assert not {m: t for m, t in reaching.items() if m.startswith("posology") and t}


def test_the_wheel_lists_every_package():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    packages = {_module_name(p.parent / "__init__.py") for p in (ROOT / "posology").rglob("__init__.py")}
    assert packages <= listed, f"packages missing from pyproject.toml: {sorted(packages - listed)}"
    assert not any(name.split(".")[0] == "training" for name in listed), "training/ is not part of the wheel"


# Raised with the message Python's protocols expect, not one of ours.
UNCODED = {"NotImplementedError", "AttributeError", "SystemExit"}


def _coded(node: ast.AST) -> bool:
    """``Errors.E001``, ``Errors.E001.format(…)``, or a string built from one; ``str(error)``
    passes on a caught error's message (itself coded)."""
    if isinstance(node, ast.Attribute):
        return isinstance(node.value, ast.Name) and node.value.id == "Errors"
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
        return _coded(node.func.value)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "str":
        return len(node.args) == 1 and isinstance(node.args[0], ast.Name)
    if isinstance(node, ast.BinOp):
        return _coded(node.left) or _coded(node.right)
    if isinstance(node, ast.JoinedStr):
        return any(isinstance(v, ast.FormattedValue) and _coded(v.value) for v in node.values)
    return False


def test_every_raise_carries_a_coded_message():
    uncoded = []
    for path in MODULES.values():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call)):
                continue  # a bare raise, or an error object raised again
            call = node.exc
            name = call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")
            arguments = [*call.args, *(k.value for k in call.keywords)]
            if name not in UNCODED and not any(_coded(a) for a in arguments):
                uncoded.append(f"{path.relative_to(ROOT)}:{node.lineno}: {ast.unparse(call)[:80]}")
    assert not uncoded, "raises without a code of posology/errors.py:\n" + "\n".join(uncoded)
