"""The core never imports Textual: the CLI's scripted commands and the Python API stay
light, and the UI stays a thin layer over the same code (see GUIDE and README)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "brieftui"
UI_ONLY = {"app"}


def _core_modules() -> list[Path]:
    return [
        path for path in PACKAGE.rglob("*.py") if path.relative_to(PACKAGE).parts[0] not in UI_ONLY
    ]


def test_no_core_module_imports_textual_in_its_source() -> None:
    offenders = []
    for path in _core_modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            if any(name.split(".")[0] == "textual" for name in names):
                offenders.append(str(path.relative_to(PACKAGE)))
    assert offenders == []
    assert len(_core_modules()) > 10  # the walk really found the core


def test_using_the_core_end_to_end_loads_no_textual(seeds_dir: Path) -> None:
    script = f"""
import sys
import brieftui
from brieftui import cli, export
from brieftui.cli import brief_commands, notes_commands
from brieftui.notes import NoteStore
brief = brieftui.load([{str(seeds_dir)!r}], cache=False)
brief.search("zelenksy")
brief.compare(next(brief.passages()).passage.id)
assert not [m for m in sys.modules if m.split(".")[0] == "textual"], "textual was imported"
"""
    subprocess.run([sys.executable, "-c", script], check=True)


def test_import_contracts_hold() -> None:
    """The contracts in pyproject.toml (core free of Textual, widgets free of screens)."""
    from importlinter.cli import lint_imports

    root = PACKAGE.parents[1]
    assert lint_imports(config_filename=str(root / "pyproject.toml"), no_cache=True) == 0
