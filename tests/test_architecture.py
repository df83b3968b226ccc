"""The package keeps the shape docs/architecture.md draws: floors, no circles, short modules.

Imports are read from the syntax tree of every module, those inside functions and under
``TYPE_CHECKING`` included, so a late import cannot hide a climb.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "devagree"
MAP = REPO / "docs" / "architecture.md"
GENERATED = PACKAGE / "_validators"
MAX_LINES = 500
MAX_LOOSE = 8


def _modules() -> dict[str, Path]:
    """Dotted module name → file, for every module under devagree/."""
    found: dict[str, Path] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        if GENERATED in path.parents:
            continue  # code the build compiles from the schemas, not written here
        parts = list(path.relative_to(REPO).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


MODULES = _modules()


def _target(name: str) -> str | None:
    """The devagree module an imported name lives in (the longest known prefix)."""
    while name:
        if name in MODULES:
            return name
        name = name.rpartition(".")[0]
    return None


def imports_of(path: Path) -> set[str]:
    """The devagree modules ``path`` imports, wherever in the file the import stands."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [f"{node.module}.{alias.name}" for alias in node.names]
        else:
            continue
        for name in names:
            target = _target(name)
            if target is not None:
                found.add(target)
    return found


GRAPH = {name: imports_of(path) - {name} for name, path in MODULES.items()}


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan, without recursion)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []
    counter = 0
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    group = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.append(member)
                        if member == node:
                            break
                    if len(group) > 1:
                        groups.append(sorted(group))
    return groups


def floors() -> dict[str, int]:
    """Package (or loose module) → floor, from the table in docs/architecture.md."""
    text = MAP.read_text("utf-8")
    table = text[text.index("<!-- floors:start -->") : text.index("<!-- floors:end -->")]
    result: dict[str, int] = {}
    for floor, names in re.findall(r"^\| (\d+) \| ([^|]+) \|", table, re.MULTILINE):
        for name in re.findall(r"`([^`]+)`", names):
            result[name.removesuffix("/").removesuffix(".py")] = int(floor)
    return result


def _room(module: str) -> str:
    """The package a module belongs to, or the loose module itself."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def test_the_circle_finder_finds_circles() -> None:
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert circles({"a": {"b"}, "b": set()}) == []


def test_no_module_imports_through_a_circle() -> None:
    assert circles(GRAPH) == []


def test_imports_run_only_downhill() -> None:
    floor = floors()
    climbs = []
    for module, targets in GRAPH.items():
        here = _room(module)
        for target in targets:
            there = _room(target)
            if here != there and floor[there] >= floor[here]:
                climbs.append(f"{module} (floor {floor[here]}) imports {target} ({floor[there]})")
    assert climbs == []


def test_the_map_names_every_package_and_nothing_else() -> None:
    rooms = {_room(module) for module in MODULES}
    assert set(floors()) == rooms


def test_loose_modules_are_few() -> None:
    loose = [p.name for p in PACKAGE.glob("*.py") if p.name not in ("__init__.py", "__main__.py")]
    assert len(loose) <= MAX_LOOSE, loose


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_module_is_over_500_lines(module: str) -> None:
    lines = len(MODULES[module].read_text("utf-8").splitlines())
    assert lines <= MAX_LINES, f"{module} has {lines} lines"


def test_every_module_the_map_names_exists() -> None:
    text = MAP.read_text("utf-8")
    section = text[text.index("## Packages") :]
    named = 0
    for package, body in re.findall(r"^- \*\*`(\w+)/`\*\*:(.*?)(?=^- |\Z)", section, re.M | re.S):
        for module in re.findall(r"`(\w+)\.py`", body):
            named += 1
            assert (PACKAGE / package / f"{module}.py").is_file(), f"{package}/{module}.py"
    assert named > 40
