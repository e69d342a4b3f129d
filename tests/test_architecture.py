"""The import contract: every module of belong/ stands on a layer and imports only from its
own layer or below, no two apps import each other, and Belong's own code never imports the
demo. `docs/architecture.md` is the map; this test keeps the code on it.

Imports are read with `ast` from the source, function-level imports included, and so are
dotted paths written as strings ("belong.posts.tasks.expire_stale_posts"), which Django and
django-tasks import by name. Migrations are left out: they may name any app they depend on.
"""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent / "belong"

# Lowest first. An app not named here fails the test until it is given a layer.
LAYERS = ("bottom", "rules", "domains", "orchestrators", "top")
APP_LAYERS = {
    # bottom: shared bits, places, people (rate limits, staff-access log, clock in core)
    "core": "bottom",
    "places": "bottom",
    "accounts": "bottom",
    "operations": "bottom",
    # rules: decisions about people (blocks, the youth space, who may contact whom) and the
    # records they read (blocks, reports, the word list)
    "safety": "rules",
    # domains: own their models and state
    "posts": "domains",
    "messaging": "domains",
    "matching": "domains",
    "municipalities": "domains",
    "support": "domains",
    "organisations": "domains",
    "activities": "domains",
    # orchestrators: act on several domains through their services
    "moderation": "orchestrators",
    "adulthood": "orchestrators",
    "assisted": "orchestrators",
    "privacy": "orchestrators",
    "statistics": "orchestrators",
    "outcomes": "orchestrators",
    # top: pages, the API, the demo, the project's wiring
    "api": "top",
    "pages": "top",
    "demo": "top",
}
# Modules of the project package itself: its wiring, which names every app.
PROJECT_MODULES = {
    "settings",
    "settings_tasks",
    "settings_saml",
    "settings_database",
    "urls",
    "asgi",
    "wsgi",
    "__main__",
}
# Modules inside an app that are pages or entry points: they stand on the top layer (they may
# call an orchestrator's services), though an app must still never import an app that
# imports it back.
TOP_MODULE = re.compile(
    r"^(views|\w+_views|urls|admin|context_processors|consumers|routing)$"
    r"|^(templatetags|management)(\.|$)"
)
DOTTED = re.compile(r"^belong(\.[A-Za-z_]\w*)+$")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


@cache
def modules() -> dict[str, Path]:
    found = {}
    for path in ROOT.rglob("*.py"):
        if "migrations" in path.relative_to(ROOT).parts:
            continue
        found[module_name(path)] = path
    return found


def resolve(name: str) -> str | None:
    """The longest known module that `name` (a module, or an attribute of one) names."""
    known = modules()
    while name:
        if name in known:
            return name
        if "." not in name:
            return None
        name = name.rsplit(".", 1)[0]
    return None


def imports_of(module: str) -> set[str]:
    path = modules()[module]
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    tree = ast.parse(path.read_text(), filename=str(path))
    named: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            named.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(parent + ([node.module] if node.module else []))
            named.add(base)
            named.update(f"{base}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            # A dotted path that names a module of an app ("belong.E001" is a check's id).
            if DOTTED.match(node.value) and resolve(node.value) not in (None, "belong"):
                named.add(node.value)
    found = {resolve(name) for name in named if name.startswith("belong")}
    return {name for name in found if name and name != module}


def app_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def layer_of(module: str) -> str:
    app = app_of(module)
    if module == "belong":
        return "bottom"  # the package's own __init__: its version, nothing else
    if app in PROJECT_MODULES:
        return "top"
    if app not in APP_LAYERS:
        raise AssertionError(
            f"{module}: the app {app!r} stands on no layer; add it to APP_LAYERS in "
            "tests/test_architecture.py and to docs/architecture.md"
        )
    inner = ".".join(module.split(".")[2:])
    if TOP_MODULE.match(inner):
        return "top"
    return APP_LAYERS[app]


def upward_imports() -> list[str]:
    found = []
    for module in sorted(modules()):
        here = LAYERS.index(layer_of(module))
        for imported in sorted(imports_of(module)):
            there = LAYERS.index(layer_of(imported))
            if there > here:
                found.append(f"{module} ({LAYERS[here]}) imports {imported} ({LAYERS[there]})")
    return found


def app_imports() -> dict[str, dict[str, set[str]]]:
    """app -> imported app -> the modules that import it."""
    graph: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for module in modules():
        for imported in imports_of(module):
            a, b = app_of(module), app_of(imported)
            if a != b and a not in PROJECT_MODULES and b not in PROJECT_MODULES and a and b:
                graph[a][b].add(module)
    return graph


def circles(graph) -> list[str]:
    """Every cycle between apps, as the apps along it (found by walking the graph)."""
    found: set[tuple[str, ...]] = set()

    def walk(start: str, node: str, path: list[str]) -> None:
        for nxt in graph.get(node, {}):
            if nxt == start:
                cycle = path[:]
                turn = cycle.index(min(cycle))
                found.add(tuple(cycle[turn:] + cycle[:turn]))
            elif nxt not in path and nxt > start:
                walk(start, nxt, [*path, nxt])

    for app in sorted(graph):
        walk(app, app, [app])
    return [
        " -> ".join((*cycle, cycle[0]))
        + ": "
        + "; ".join(
            f"{a}->{b} in {', '.join(sorted(graph[a][b]))}"
            for a, b in zip(cycle, (*cycle[1:], cycle[0]), strict=True)
        )
        for cycle in sorted(found)
    ]


def test_every_module_stands_on_a_layer():
    for module in modules():
        assert layer_of(module) in LAYERS


def test_no_module_imports_from_a_layer_above_its_own():
    assert upward_imports() == []


def test_no_two_apps_import_each_other_even_through_others():
    assert circles(app_imports()) == []


def test_belongs_own_code_never_imports_the_demo():
    offenders = [
        f"{module} imports {imported}"
        for module in sorted(modules())
        if app_of(module) not in ("demo", *PROJECT_MODULES)
        for imported in imports_of(module)
        if app_of(imported) == "demo"
    ]
    assert offenders == []


@pytest.mark.parametrize(
    ("module", "source"),
    [
        ("belong.core.limits", "from belong.posts.models import Post"),
        ("belong.safety.services", "def f():\n    from belong.messaging import live"),
        ("belong.posts.services", "X = 'belong.moderation.services.report_content'"),
    ],
)
def test_it_finds_an_upward_import_wherever_it_is_written(module, source, monkeypatch, tmp_path):
    """The contract is only as good as its reading of imports: a top-level import, one
    inside a function and a dotted path in a string are all caught."""
    original = modules()[module]
    patched = tmp_path / original.name
    patched.write_text(original.read_text() + "\n\n" + source + "\n")
    monkeypatch.setitem(modules(), module, patched)
    found = upward_imports()
    assert any(line.startswith(f"{module} ") for line in found), found


def test_it_finds_a_circle_between_two_apps():
    graph = {"posts": {"messaging": {"belong.posts.x"}}, "messaging": {"posts": {"m.y"}}}
    assert circles(graph) == [
        "messaging -> posts -> messaging: messaging->posts in m.y; posts->messaging in "
        "belong.posts.x"
    ]


MAX_MODULE_LINES = 550


def test_no_module_outgrows_its_job():
    """A module past about 500 lines holds more than one job: split it by sub-domain."""
    long = {
        name: lines
        for name, path in modules().items()
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert not long, f"split these by sub-domain (over {MAX_MODULE_LINES} lines): {long}"
