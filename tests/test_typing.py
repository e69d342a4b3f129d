"""mypy (run by scripts/test) checks every services module and the API, wherever they move."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def checked(path: Path) -> bool:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["mypy"]
    relative = path.relative_to(ROOT).as_posix()
    return any(relative.startswith(f) for f in config["files"]) and not any(
        re.search(pattern, relative) for pattern in config["exclude"]
    )


def test_every_services_module_and_the_api_are_type_checked():
    modules = [
        path
        for path in (ROOT / "belong").rglob("*.py")
        if "migrations" not in path.parts
        and (path.name == "services.py" or "services" in path.parent.name or "api" in path.parts)
    ]
    assert len(modules) > 8
    unchecked = [str(path.relative_to(ROOT)) for path in modules if not checked(path)]
    assert not unchecked, f"not type checked: {unchecked}"


def test_the_pages_top_layer_is_left_out():
    assert not checked(ROOT / "belong" / "posts" / "views.py")
    assert not checked(ROOT / "belong" / "demo" / "people.py")
    assert checked(ROOT / "belong" / "messaging" / "meetings.py")
