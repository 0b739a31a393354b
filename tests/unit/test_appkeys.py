"""No import cycle among the bot's modules: bot/http.py and bot/metrics.py share the app's keys
through bot/appkeys.py, not each other (imports inside functions count too)."""

from __future__ import annotations

import ast
from pathlib import Path

BOT = Path(__file__).resolve().parents[2] / "bot"


def imports_of(path: Path) -> set[str]:
    """The bot.* modules a file imports anywhere in it, at run time (not under TYPE_CHECKING)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {id(n) for node in ast.walk(tree) if isinstance(node, ast.If)
                   and getattr(node.test, "id", "") == "TYPE_CHECKING" for n in ast.walk(node)}
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [f"{node.module}.{a.name}" for a in node.names] + [node.module]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        else:
            continue
        found |= {n for n in names if n.startswith("bot.") and (BOT / f"{n[4:]}.py").exists()}
    return found


def graph() -> dict[str, set[str]]:
    return {f"bot.{p.stem}": imports_of(p) for p in BOT.glob("*.py")}


def cycle_through(start: str, edges: dict[str, set[str]]) -> list[str] | None:
    """A path start → … → start, if there is one."""
    stack = [(start, [start])]
    seen: set[str] = set()
    while stack:
        module, path = stack.pop()
        for target in edges.get(module, ()):
            if target == start:
                return [*path, start]
            if target not in seen:
                seen.add(target)
                stack.append((target, [*path, target]))
    return None


def test_the_scan_sees_imports():
    edges = graph()
    assert "bot.appkeys" in edges["bot.http"] and "bot.appkeys" in edges["bot.metrics"]
    assert "bot.metrics" not in edges["bot.appkeys"]  # only under TYPE_CHECKING


def test_no_module_of_the_bot_imports_itself_round_about():
    edges = graph()
    cycles = [path for module in edges if (path := cycle_through(module, edges))]
    assert not cycles, cycles[0]
