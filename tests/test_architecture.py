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


def test_the_import_graph_has_no_cycles() -> None:
    """Data flows one way: no module imports (even lazily, inside a function) one that
    imports it back. Type-only imports do not count: they never run."""
    import grimp

    graph = grimp.build_graph("brieftui", exclude_type_checking_imports=True)
    modules = sorted(graph.modules)
    edges = {m: sorted(graph.find_modules_directly_imported_by(m)) for m in modules}
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        path.append(module)
        for target in edges.get(module, []):
            if state.get(target) == 1:
                cycles.append([*path[path.index(target) :], target])
            elif target in edges and target not in state:
                visit(target, path)
        path.pop()
        state[module] = 2

    for module in modules:
        if module not in state:
            visit(module, [])
    assert cycles == []
