"""The import table of CONTRIBUTING.md ("Layers"), checked on every module of the application.

Each .py file is parsed (never imported) and every import is checked, at module level and inside
functions: an edge that reaches a repository from inside a handler breaks the layers as much as
one that does it at the top. A failure lists each offending import as `file:line`.
"""

from __future__ import annotations

import ast
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PURE = ("domain", "cards", "reports", "i18n", "importer")
EDGES = ("bot", "dialogs", "scheduler", "cli")
# What every edge may use: the services, the pure presentation, and the database as one thing
# (`storage.db`: the Database the composition root hands over, and its errors) — never the
# repositories or the tables.
_EDGE = ("domain", "services", "cards", "reports", "i18n", "config", "storage.db")

# Our packages (and top-level modules) each may import, as module prefixes. Own package: free.
ALLOWED: dict[str, tuple[str, ...]] = {
    "domain": (),
    "i18n": ("domain",),
    "importer": ("domain",),
    "cards": ("domain", "i18n"),
    # The summary's one Summary → Activity composition (card + Markdown fallback) lives here.
    "reports": ("domain", "i18n", "cards"),
    "storage": ("domain",),
    "migrations": ("storage", "domain"),  # Alembic scripts: part of the storage layer
    "services": ("domain", "storage", "importer"),
    "dialogs": _EDGE,
    "scheduler": _EDGE,
    # Dialogs run inside bot turns; the bot builds the SDK's state storage on our database.
    "bot": (*_EDGE, "dialogs", "storage.sdk_state"),
    # The process entry point: starts the server and workers, migrates and backs up the database.
    "cli": (*_EDGE, "app", "bot", "scheduler", "teams_app", "storage.migrate", "storage.backup"),
    "config": (),
    "teams_app": (),
    "app": ("bot", "dialogs", "scheduler", "cli", "services", "storage", "config", "domain",
            "cards", "reports", "i18n", "importer"),  # the composition root
}

SDK = ("microsoft_agents",)
SDK_HOMES = ("bot/", "dialogs/", "storage/sdk_state.py")
DATABASE_LIBS = ("sqlalchemy", "alembic", "aiosqlite", "asyncpg", "sqlite3")
DATABASE_HOMES = ("storage/", "migrations/")
# Pure code computes: no network, database, files-by-name, processes, environment or terminal.
IO_LIBS = ("aiohttp", "asyncio", "socket", "ssl", "http", "urllib", "requests", "httpx",
           "subprocess", "multiprocessing", "os", "shutil", "tempfile", "click", "rich",
           "msal", *SDK, *DATABASE_LIBS)
# Services decide and store; presenting (templates, charts, cards) and talking HTTP is the edges'.
SERVICE_FORBIDDEN = ("jinja2", "matplotlib", "aiohttp", "click", "rich", *SDK)

# Known exceptions: (file, imported module prefix) → why. Each must still match an import.
EXCEPTIONS: dict[tuple[str, str], str] = {}


@dataclass(frozen=True)
class Imported:
    file: str  # relative to the repository, with "/"
    line: int
    module: str  # absolute dotted name; for `from X import y`, "X.y"

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: imports {self.module}"


def _packages() -> list[str]:
    """The application's top-level packages and modules, as pyproject.toml ships them."""
    tool = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    found = [name.rstrip("*") for name in tool["packages"]["find"]["include"]]
    return sorted({*found, *tool["py-modules"]})


def _files(package: str) -> list[Path]:
    single = ROOT / f"{package}.py"
    return [single] if single.is_file() else sorted((ROOT / package).rglob("*.py"))


def _absolute(path: Path, node: ast.ImportFrom) -> str:
    """The module a relative import names (`from . import x` inside bot/ → "bot")."""
    if not node.level:
        return node.module or ""
    parts = list(path.relative_to(ROOT).with_suffix("").parts)[:-1]
    base = parts[: len(parts) - node.level + 1]
    return ".".join([*base, *([node.module] if node.module else [])])


def imports(path: Path) -> Iterator[Imported]:
    """Every import in the file, wherever it stands (module level, functions, branches)."""
    rel = path.relative_to(ROOT).as_posix()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=rel)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield Imported(rel, node.lineno, alias.name)
        elif isinstance(node, ast.ImportFrom):
            module = _absolute(path, node)
            for alias in node.names:
                name = module if alias.name == "*" else f"{module}.{alias.name}"
                yield Imported(rel, node.lineno, name)


def _under(module: str, prefixes: tuple[str, ...]) -> bool:
    return any(module == p or module.startswith(p + ".") for p in prefixes)


@cache
def _all_imports() -> tuple[tuple[str, Imported], ...]:
    """(package, import) for the whole application; parsed once per test run."""
    return tuple((pkg, imp) for pkg in _packages() for path in _files(pkg)
                 for imp in imports(path))


def _excepted(imp: Imported) -> bool:
    return any(imp.file == file and _under(imp.module, (prefix,)) for file, prefix in EXCEPTIONS)


def _fail(broken: list[str], rule: str) -> None:
    if broken:
        pytest.fail(f"{rule} (CONTRIBUTING.md, Layers):\n" + "\n".join(broken), pytrace=False)


def test_every_package_has_a_place_in_the_table():
    assert sorted(ALLOWED) == _packages()


def test_packages_import_only_the_layers_below_them():
    ours = tuple(ALLOWED)
    broken = [
        f"{imp} — {pkg} may import {', '.join(ALLOWED[pkg]) or 'none of ours'}"
        for pkg, imp in _all_imports()
        if _under(imp.module, ours) and not _under(imp.module, (pkg, *ALLOWED[pkg]))
        and not _excepted(imp)
    ]
    _fail(broken, "an import goes against the layers")


def test_only_storage_talks_to_the_database():
    broken = [str(imp) for _, imp in _all_imports()
              if _under(imp.module, DATABASE_LIBS) and not imp.file.startswith(DATABASE_HOMES)]
    _fail(broken, "SQLAlchemy and the database drivers belong to storage/")


def test_the_agents_sdk_stays_in_bot_dialogs_and_sdk_state():
    broken = [str(imp) for _, imp in _all_imports()
              if _under(imp.module, SDK) and not imp.file.startswith(SDK_HOMES)]
    _fail(broken, "the Agents SDK is imported only in bot/, dialogs/ and storage/sdk_state.py")


def test_pure_packages_do_no_io():
    broken = [str(imp) for pkg, imp in _all_imports()
              if pkg in PURE and _under(imp.module, IO_LIBS)]
    _fail(broken, f"{', '.join(PURE)} are pure: no I/O, no SDK, no SQLAlchemy")


def test_services_do_not_present():
    broken = [str(imp) for pkg, imp in _all_imports()
              if pkg == "services" and _under(imp.module, SERVICE_FORBIDDEN)]
    _fail(broken, "services import no Jinja, charts, CLI, HTTP client or SDK")


def test_every_exception_is_still_needed():
    found = {(imp.file, prefix) for _, imp in _all_imports() for file, prefix in EXCEPTIONS
             if imp.file == file and _under(imp.module, (prefix,))}
    assert set(EXCEPTIONS) <= found, f"remove from EXCEPTIONS: {set(EXCEPTIONS) - found}"


def test_the_walk_sees_function_level_and_relative_imports(tmp_path, monkeypatch):
    """The checker itself: an import inside a function and a relative one are both found."""
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "mod.py").write_text(
        "import os\n\ndef f():\n    from storage.models import Base\n    from . import sib\n")
    monkeypatch.setattr(f"{__name__}.ROOT", tmp_path)
    found = [str(i) for i in imports(package / "mod.py")]
    assert found == ["pkg/mod.py:1: imports os", "pkg/mod.py:4: imports storage.models.Base",
                     "pkg/mod.py:5: imports pkg.sib"]
