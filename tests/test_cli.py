"""The command line: JSON shapes, exit codes, messages. Runs ``main()`` in-process
(fast) and once through ``python -m brieftui`` (the real entry point)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from brieftui import __version__
from brieftui.cli import main


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict:
    code = main([*args, "--json"])
    out = capsys.readouterr().out
    assert code == 0, out
    return json.loads(out)


def test_index_json_has_exactly_the_documented_shape(capsys, seeds_dir: Path) -> None:
    data = run_json(capsys, "index", str(seeds_dir))
    assert set(data) == {"documents"}
    assert len(data["documents"]) == 5
    for doc in data["documents"]:
        assert set(doc) == {
            "id",
            "path",
            "title",
            "author",
            "date",
            "publisher",
            "sections",
            "removed",
        }
        for section in doc["sections"]:
            assert set(section) == {"heading", "level", "passages"}
            for passage in section["passages"]:
                assert set(passage) == {"id", "text"}
                assert passage["id"].startswith(doc["id"] + ":")


def test_index_without_paths_reads_the_bundled_brief(capsys) -> None:
    data = run_json(capsys, "index")
    assert [d["id"][:3] for d in data["documents"]] == ["000", "001", "002", "003", "004"]


def test_index_table_lists_every_document(capsys, seeds_dir: Path) -> None:
    assert main(["index", str(seeds_dir)]) == 0
    out = capsys.readouterr().out
    for n in range(5):
        assert f"00{n}_" in out


def test_missing_path_is_one_line_and_exit_2(capsys, tmp_path: Path) -> None:
    missing = tmp_path / "nope"
    assert main(["index", str(missing)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "no such file or folder" in err and "nope" in err


def test_unknown_option_is_a_usage_error(capsys) -> None:
    assert main(["index", "--frobnicate"]) == 2
    assert "unrecognized arguments" in capsys.readouterr().err


def test_warnings_go_to_stderr_and_the_rest_loads(capsys, tmp_path: Path, seeds_dir: Path) -> None:
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "blob.txt").write_bytes(b"\x00\x01binary")
    (tmp_path / "good.txt").write_text((seeds_dir / "002_3ce4c012b06725a2.txt").read_text())
    code = main(["index", str(tmp_path), "--json"])
    captured = capsys.readouterr()
    assert code == 0
    assert [d["id"] for d in json.loads(captured.out)["documents"]] == ["good"]
    assert "empty.txt" in captured.err and "blob.txt" in captured.err


def test_version_and_help_through_the_real_entry_point() -> None:
    version = subprocess.run(
        [sys.executable, "-m", "brieftui", "--version"], capture_output=True, text=True, check=True
    )
    assert version.stdout.strip() == f"brieftui {__version__}"
    helptext = subprocess.run(
        [sys.executable, "-m", "brieftui", "--help"], capture_output=True, text=True, check=True
    )
    for command in ("index", "search", "compare", "events", "notes"):
        assert command in helptext.stdout


def test_mistyped_command_names_the_commands(capsys) -> None:
    assert main(["serach", "x"]) == 2
    assert "commands: open, index, search" in capsys.readouterr().err
