"""The package's layers: a framework-free core, outputs over it, adapters over both; no cycles.

Every import counts, at the top of a module, inside a function or under ``TYPE_CHECKING``.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "mkdocs_specs"

# What each layer may import of the package's own layers, and which frameworks it may use.
LAYERS = {
    "core": ({"core"}, set()),
    "render": ({"core", "render"}, {"jinja2", "markupsafe"}),
    # Reading git (I/O) for the adapters; the rules over what it reads are core's.
    "vcs": ({"core", "vcs"}, set()),
    "plugin": (
        {"core", "render", "vcs", "plugin"},
        {"jinja2", "markupsafe", "mkdocs", "markdown", "pymdownx"},
    ),
    "cli": ({"core", "render", "vcs", "plugin", "cli"}, {"click", "mkdocs"}),
}
FRAMEWORKS = {"mkdocs", "markdown", "jinja2", "markupsafe", "click", "pymdownx", "properdocs"}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def imports() -> dict[str, set[str]]:
    """Every module of the package and the modules it imports (absolute names)."""
    found: dict[str, set[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        name = module_name(path)
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - node.level + 1]
                    module = ".".join([*base, *([node.module] if node.module else [])])
                else:
                    module = node.module or ""
                # `from . import x` may name a module: count it as the module when it is one.
                for alias in node.names:
                    candidate = f"{module}.{alias.name}"
                    targets.add(candidate if _is_module(candidate) else module)
        found[name] = targets
    return found


def _is_module(name: str) -> bool:
    relative = Path(*name.split(".")[1:]) if name.startswith("mkdocs_specs.") else None
    return relative is not None and (
        (PACKAGE / relative).with_suffix(".py").is_file() or (PACKAGE / relative).is_dir()
    )


def layer(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "mkdocs_specs" else None


def test_every_module_belongs_to_a_layer() -> None:
    stray = [m for m in imports() if m != "mkdocs_specs" and layer(m) not in LAYERS]
    assert stray == []


@pytest.mark.parametrize("name", sorted(LAYERS))
def test_each_layer_imports_only_what_it_may(name: str) -> None:
    own, frameworks = LAYERS[name]
    wrong = []
    for module, targets in imports().items():
        if layer(module) != name:
            continue
        for target in targets:
            top = target.split(".")[0]
            if top == "mkdocs_specs":
                if target != "mkdocs_specs" and layer(target) not in own:
                    wrong.append(f"{module} -> {target}")
            elif top in FRAMEWORKS and top not in frameworks:
                wrong.append(f"{module} -> {target}")
    assert wrong == []


def test_no_import_cycles() -> None:
    graph = {
        module: {t for t in targets if t in imports() and t != module}
        for module, targets in imports().items()
    }
    # A package's __init__ re-exporting a module of its own is not a cycle through it.
    graph = {m: {t for t in ts if not m.startswith(t + ".")} for m, ts in graph.items()}
    cycles = []
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        for target in sorted(graph[module]):
            if state.get(target) == 1:
                cycles.append(" -> ".join([*path[path.index(target) :], target]))
            elif target not in state:
                visit(target, [*path, target])
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert cycles == []
