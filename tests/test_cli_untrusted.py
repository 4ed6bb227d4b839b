"""The CLI shows data as data: no markup parsed, no control character reaches the terminal."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from brieftui.cli import main

ESCAPES = ("\x1b", "\x9b", "\x07")


@pytest.fixture
def marked_brief(tmp_path: Path) -> Path:
    brief = tmp_path / "brief"
    brief.mkdir()
    (brief / "talks.txt").write_text(
        "[@click=app.quit]Talks[/] resume in [bold]Geneva\n\n"
        "Negotiators met in Geneva on Tuesday [/] to resume the talks about the ceasefire.\n\n"
        "The talks in Geneva ended \x1b]52;c;aGk=\x07 without a deal \x9b2J on the ceasefire.\n",
        encoding="utf-8",
    )
    (brief / "wire.txt").write_text(
        "Geneva talks end\n\nThe ceasefire talks in Geneva ended on Tuesday without a deal.\n",
        encoding="utf-8",
    )
    return brief


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize(
    "args",
    [
        ("index",),
        ("search", "[/] geneva"),
        ("search", "[bold]ceasefire"),
        ("compare", "--text", "[/]ceasefire talks Geneva"),
        ("events",),
        ("notes", "list"),
        ("notes", "export"),
    ],
)
def test_every_command_prints_markup_as_text(capsys, marked_brief: Path, args) -> None:
    pid = "talks:1"
    note = ["notes", "add", pid, "He said [sic] it was \x1b[2J", "--tag", "[draft]"]
    assert main([*note, str(marked_brief)]) == 0
    capsys.readouterr()
    code, out, err = _run(capsys, *args, str(marked_brief))
    assert code == 0, err
    for char in ESCAPES:
        assert char not in out and char not in err
    if args[0] == "index":
        assert "[@click=app.quit]Talks[/]" in out
    if args == ("notes", "list"):
        assert "[sic]" in out and "#[draft]" in out


def test_json_output_escapes_c1_and_keeps_markup_text(capsys, marked_brief: Path) -> None:
    assert main(["notes", "add", "talks:1", "[sic] \x9b", str(marked_brief)]) == 0
    capsys.readouterr()
    code, out, _ = _run(capsys, "notes", "list", str(marked_brief), "--json")
    assert code == 0 and "\x9b" not in out
    assert json.loads(out)["notes"][0]["text"] == "[sic] \x9b"


def test_a_file_name_with_a_newline_is_one_warning_line(capsys, tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text("Title\n\nA real paragraph about the talks.\n")
    (tmp_path / "evil\nbrieftui: forged.bin").write_bytes(b"\x00\x01\x02")
    code, _, err = _run(capsys, "index", str(tmp_path))
    assert code == 0
    assert not any(line.startswith("brieftui: forged") for line in err.splitlines())
    assert "␊" in err


@pytest.mark.parametrize(
    "args",
    [
        ("index",),
        ("index", "--json"),
        ("search", "talks"),
        ("search", "[/] talks", "--json"),
        ("compare", "--text", "[bold]talks"),
        ("events",),
        ("events", "--json"),
        ("notes", "list"),
        ("notes", "export"),
    ],
)
def test_every_command_on_the_hostile_brief(capsysbinary, hostile_brief: Path, args) -> None:
    code = main([*args, str(hostile_brief)])
    captured = capsysbinary.readouterr()
    assert code == 0, captured.err
    out, err = captured.out.decode("utf-8"), captured.err.decode("utf-8")  # valid UTF-8
    for char in (*ESCAPES, "\x9d"):
        assert char not in out and char not in err
    if "--json" in args:
        json.loads(out)
    for line in err.splitlines():  # no forged lines: each is one warning
        if "--json" in args and line.strip():
            assert json.loads(line)["warning"].startswith("brieftui"), line
        else:
            assert line.startswith("brieftui") or not line.strip(), line
