"""Where imports may sit (CONTRIBUTING.md): at the top of the module, except in cli/, whose
commands import their heavy dependencies inside the function so that `folja` starts fast."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRODUCT = ("app.py", "config.py", "bot", "cards", "dialogs", "domain", "i18n", "importer",
           "migrations", "reports", "scheduler", "services", "storage", "teams_app")
#: What `folja --help` must not load (each costs start-up time every `folja` call pays).
HEAVY = ("sqlalchemy", "microsoft_agents", "aiohttp", "jinja2", "matplotlib", "openpyxl",
         "alembic", "app", "services", "storage", "scheduler", "reports", "cards", "teams_app",
         "importlib.metadata")


def _files() -> list[Path]:
    found: list[Path] = []
    for name in PRODUCT:
        path = ROOT / name
        found.extend([path] if path.is_file() else sorted(path.rglob("*.py")))
    return found


def function_level_imports(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every import inside a function body."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for func in ast.walk(tree):
        if isinstance(func, ast.FunctionDef | ast.AsyncFunctionDef):
            for node in ast.walk(func):
                if isinstance(node, ast.ImportFrom):
                    found.append((node.lineno, node.module or ""))
                elif isinstance(node, ast.Import):
                    found.extend((node.lineno, alias.name) for alias in node.names)
    return found


def test_the_scan_sees_an_import_inside_a_function(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("import os\n\ndef f():\n    from json import dumps\n    return dumps\n")
    assert function_level_imports(sample) == [(4, "json")]


def test_product_code_outside_cli_imports_at_module_level():
    offenders = [
        f"{path.relative_to(ROOT).as_posix()}:{line} {module}"
        for path in _files()
        for line, module in function_level_imports(path)
    ]
    assert offenders == []


def test_folja_help_loads_no_heavy_library():
    code = (f"import sys, cli; heavy = {HEAVY!r}; "
            "print(' '.join(h for h in heavy if any(m == h or m.startswith(h + '.') "
            "for m in sys.modules)))")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == ""
