"""Only `belong/posts/services.py` changes a post's status: others (messaging, moderation,
the 18th-birthday move) call it. Read from the source, so a new bulk update elsewhere fails."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2] / "belong"
ALLOWED = "posts/services.py"


def _mentions_post_model(node: ast.AST) -> bool:
    return any(isinstance(n, ast.Name) and n.id == "Post" for n in ast.walk(node))


def status_writes(root: Path = ROOT) -> list[str]:
    found = []
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(root).parts
        if "/".join(parts) == ALLOWED or "migrations" in parts or parts[0] == "demo":
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "update"
                and any(k.arg == "status" for k in node.keywords)
                and _mentions_post_model(node.func.value)
            ):
                found.append(f"{path.relative_to(root)}:{node.lineno} updates Post.status")
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    if (
                        isinstance(target, ast.Attribute)
                        and target.attr == "status"
                        and isinstance(target.value, ast.Name)
                        and target.value.id == "post"
                    ):
                        found.append(f"{path.relative_to(root)}:{node.lineno} sets post.status")
    return found


def test_only_the_posts_services_change_a_posts_status():
    assert status_writes() == []


def test_it_would_find_a_bulk_pause_elsewhere(tmp_path):
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts" / "services.py").write_text("def f(post):\n    post.status = 'paused'\n")
    (tmp_path / "safety").mkdir()
    (tmp_path / "safety" / "probe.py").write_text(
        "def f(Post, post):\n    Post.objects.filter().update(status='paused')\n"
        "    post.status = 'hidden'\n"
    )
    assert sorted(status_writes(tmp_path)) == [
        "safety/probe.py:2 updates Post.status",
        "safety/probe.py:3 sets post.status",
    ]
