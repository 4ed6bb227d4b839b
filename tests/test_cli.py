"""The command line: JSON shapes, exit codes, messages. Runs ``main()`` in-process
(fast) and once through ``python -m brieftui`` (the real entry point)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from brieftui import __version__
from brieftui.cli import main

SECOND_BRIEF = Path(__file__).parent / "compare" / "fixtures" / "second_brief"


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
            "url",
            "sections",
            "removed",
            "removed_why",
        }
        assert len(doc["removed_why"]) == len(doc["removed"])
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


def test_paths_may_follow_options(capsys, seeds_dir: Path) -> None:
    data = run_json(capsys, "search", "ceasefire", "--limit", "3", str(seeds_dir))
    assert len(data["hits"]) <= 3
    assert main(["search", "ceasefire", "--limit", "3", "--bogus", str(seeds_dir)]) == 2
    assert "unrecognized arguments: --bogus" in capsys.readouterr().err


def test_notes_add_list_export_delete_round_trip(capsys, seeds_dir: Path, tmp_path: Path) -> None:
    brief = __import__("brieftui").load([seeds_dir], cache=False)
    passage = next(brief.passages()).passage
    added = run_json(
        capsys, "notes", "add", passage.id, "Worth citing", "--tag", "lead", str(seeds_dir)
    )
    note_id = added["note"]["id"]
    listed = run_json(capsys, "notes", "list", str(seeds_dir))["notes"]
    assert [(n["id"], n["passage_id"], n["tags"]) for n in listed] == [
        (note_id, passage.id, ["lead"])
    ]
    out_file = tmp_path / "out" / "notes.md"
    assert main(["notes", "export", "-o", str(out_file), str(seeds_dir)]) == 1
    assert "no folder" in capsys.readouterr().err and not out_file.parent.exists()
    out_file.parent.mkdir()
    assert main(["notes", "export", "-o", str(out_file), str(seeds_dir)]) == 0
    assert f"Wrote 1 note to {out_file}" in capsys.readouterr().err
    markdown = out_file.read_text()
    assert markdown.startswith("---\n") and f"^{note_id}" in markdown and "#lead" in markdown
    assert main(["notes", "export", str(seeds_dir)]) == 0
    stdout_export = capsys.readouterr().out

    def without_timestamp(text: str) -> list[str]:
        return [line for line in text.splitlines() if not line.startswith("exported_at:")]

    assert without_timestamp(stdout_export) == without_timestamp(markdown)
    deleted = run_json(capsys, "notes", "delete", note_id)
    assert deleted["deleted"]["id"] == note_id
    assert run_json(capsys, "notes", "list", str(seeds_dir))["notes"] == []


def test_notes_use_the_data_dir_flag(capsys, seeds_dir: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    pid = next(__import__("brieftui").load([seeds_dir], cache=False).passages()).passage.id
    assert main(["--data-dir", str(elsewhere), "notes", "add", pid, "x", str(seeds_dir)]) == 0
    assert (elsewhere / "notes.sqlite3").exists()


def test_notes_add_to_an_unknown_passage_is_a_usage_error(capsys, seeds_dir: Path) -> None:
    assert main(["notes", "add", "nope:1", "text", str(seeds_dir)]) == 2
    assert "no passage 'nope:1'" in capsys.readouterr().err


def test_a_quote_not_in_the_passage_is_a_usage_error_and_saves_nothing(
    capsys, seeds_dir: Path
) -> None:
    pid = _oval_office_passage(seeds_dir)
    args = ["notes", "add", pid, "text", "--quote", "words nobody wrote", str(seeds_dir)]
    assert main(args) == 2
    assert "the quote is not in passage" in capsys.readouterr().err
    assert run_json(capsys, "notes", "list")["notes"] == []


def test_notes_delete_of_an_unknown_note_fails_cleanly(capsys) -> None:
    assert main(["notes", "delete", "ffffffffffff"]) == 2
    assert "no note ffffffffffff" in capsys.readouterr().err
    assert main(["notes", "delete", "abc"]) == 2
    assert "a prefix needs 4 or more characters" in capsys.readouterr().err


def test_notes_edit_changes_text_and_tags_in_place(capsys, seeds_dir: Path) -> None:
    """From a CLI trial: there was no `notes edit`, so a script deleted and re-added a
    note, losing its id and creation time."""
    pid = next(__import__("brieftui").load([seeds_dir], cache=False).passages()).passage.id
    note_id = run_json(capsys, "notes", "add", pid, "first", "--tag", "a", str(seeds_dir))["note"][
        "id"
    ]
    (before,) = run_json(capsys, "notes", "list", str(seeds_dir))["notes"]
    edited = run_json(capsys, "notes", "edit", note_id[:6], "--text", "second", "--tag", "b")
    note = edited["note"]
    assert (note["id"], note["text"], note["tags"], note["passage_id"]) == (
        note_id,
        "second",
        ["b"],
        pid,
    )
    assert note["created_at"] == before["created_at"] != note["updated_at"]
    assert main(["notes", "edit", note_id, "--tag", "x", "--no-tags"]) == 2
    assert run_json(capsys, "notes", "edit", note_id, "--no-tags")["note"]["tags"] == []
    (after,) = run_json(capsys, "notes", "list", str(seeds_dir))["notes"]
    assert (after["id"], after["passage_id"], after["text"]) == (note_id, pid, "second")
    assert after.get("created_at") == before.get("created_at")
    assert main(["notes", "edit", note_id]) == 2  # nothing to change
    assert main(["notes", "edit", note_id, "--text", "  "]) == 2  # would be empty
    assert main(["notes", "edit", "ffffffffffff", "--text", "x"]) == 2
    capsys.readouterr()
    (kept,) = run_json(capsys, "notes", "list", str(seeds_dir))["notes"]
    assert kept["text"] == "second"


def test_search_json_shape_and_typo_tolerance(capsys, seeds_dir: Path) -> None:
    data = run_json(capsys, "search", "zelenksy", str(seeds_dir), "--limit", "5")
    assert set(data) == {"query", "total", "notes", "hits"}
    assert data["query"] == "zelenksy" and data["notes"] == []
    assert 1 <= len(data["hits"]) <= 5 and data["total"] >= len(data["hits"])
    for hit in data["hits"]:
        assert set(hit) == {
            "passage_id",
            "doc_id",
            "title",
            "heading",
            "text",
            "score",
            "spans",
            "fuzzy",
        }
        assert hit["fuzzy"] is True  # "zelenksy" is a typo: every hit is a fuzzy match
        assert hit["passage_id"].startswith(hit["doc_id"] + ":")
        for start, end in hit["spans"]:
            assert 0 <= start < end <= len(hit["text"])
    first = data["hits"][0]
    assert "zelensk" in first["text"][first["spans"][0][0] : first["spans"][0][1]].lower()


def test_search_limit_must_be_positive(capsys, seeds_dir: Path) -> None:
    assert main(["search", "nato", str(seeds_dir), "--limit", "0"]) == 2


def _oval_office_passage(seeds_dir: Path) -> str:
    brief = __import__("brieftui").load([seeds_dir], cache=False)
    return next(r.passage.id for r in brief.passages() if "Oval Office" in r.passage.text)


def test_compare_json_lists_every_other_document_of_the_story(capsys, seeds_dir: Path) -> None:
    anchor = _oval_office_passage(seeds_dir)
    data = run_json(capsys, "compare", anchor, str(seeds_dir))
    assert set(data) == {"anchor", "sources", "story", "widened"}
    assert set(data["anchor"]) == {"passage_id", "doc_id", "text"}
    assert data["anchor"]["passage_id"] == anchor
    assert data["story"] == "s1" and data["widened"] is False  # the seeds tell one story
    others = [s["doc_id"] for s in data["sources"]]
    assert len(others) == 4 and data["anchor"]["doc_id"] not in others
    for source in data["sources"]:
        assert set(source) == {"doc_id", "title", "matches", "grade", "probability"}
        assert source["grade"] in ("reports this", "touches on it", "not covered")
        assert 0.0 <= source["probability"] <= 1.0
        assert (source["grade"] == "not covered") == (not source["matches"])
        for match in source["matches"]:
            assert set(match) == {
                "passage_id",
                "text",
                "score",
                "probability",
                "grade",
                "differences",
            }


def test_compare_within_a_story_and_widened(capsys, tmp_path: Path, seeds_dir: Path) -> None:
    """Two briefs in one folder are two stories: compare stays in the anchor's, --widen not."""
    mixed = tmp_path / "mixed"
    shutil.copytree(seeds_dir, mixed / "seeds")
    shutil.copytree(SECOND_BRIEF, mixed / "boe")
    anchor = _oval_office_passage(mixed)  # ids hold the subfolder: seeds/000_…:12
    data = run_json(capsys, "compare", anchor, str(mixed))
    assert all(s["doc_id"].startswith("seeds/") for s in data["sources"])
    assert len(data["sources"]) == 4
    wide = run_json(capsys, "compare", anchor, str(mixed), "--widen")
    assert wide["widened"] is True and len(wide["sources"]) == 8


def test_stories_json_and_table(capsys, tmp_path: Path, seeds_dir: Path) -> None:
    mixed = tmp_path / "mixed"
    shutil.copytree(seeds_dir, mixed / "seeds")
    shutil.copytree(SECOND_BRIEF, mixed / "boe")
    data = run_json(capsys, "stories", str(mixed))
    assert set(data) == {"stories"}
    assert [len(s["documents"]) for s in data["stories"]] == [5, 4]
    for story in data["stories"]:
        assert set(story) == {"id", "label", "documents"} and story["label"]
    assert [s["id"] for s in data["stories"]] == ["s1", "s2"]
    assert main(["stories", str(mixed)]) == 0
    out = capsys.readouterr().out
    assert "2 stories in 9 documents" in out


def test_compare_text_and_errors(capsys, seeds_dir: Path) -> None:
    data = run_json(capsys, "compare", "--text", "Oval Office meeting", str(seeds_dir))
    assert data["anchor"]["passage_id"] is None and len(data["sources"]) == 5
    assert main(["compare", "nope:1", str(seeds_dir)]) == 2
    assert "no passage 'nope:1'" in capsys.readouterr().err
    assert main(["compare", str(seeds_dir)]) == 2


def test_events_json_shape(capsys, seeds_dir: Path) -> None:
    data = run_json(capsys, "events", str(seeds_dir))
    assert set(data) == {"events"} and data["events"]
    for event in data["events"]:
        assert set(event) == {"id", "label", "label_sentence", "date", "story", "passages"}
        assert event["label"] and event["label_sentence"] and event["story"] == "s1"
        for passage in event["passages"]:
            assert set(passage) == {"passage_id", "doc_id"}
    assert data == run_json(capsys, "events", str(seeds_dir))  # deterministic


def test_human_output_of_each_command(capsys, seeds_dir: Path) -> None:
    anchor = _oval_office_passage(seeds_dir)
    for args in (["search", "ceasfire"], ["compare", anchor], ["events"], ["stories"]):
        assert main([*args, str(seeds_dir)]) == 0
        assert capsys.readouterr().out.strip()


def test_empty_query_is_a_usage_error(capsys, seeds_dir: Path) -> None:
    assert main(["search", "  ", str(seeds_dir)]) == 2
    assert "query is empty" in capsys.readouterr().err


def test_errors_are_json_on_stderr_with_json(capsys, seeds_dir: Path) -> None:
    assert main(["compare", "nope:1", str(seeds_dir), "--json"]) == 2
    err = capsys.readouterr().err
    assert set(json.loads(err)) == {"error"} and "nope:1" in json.loads(err)["error"]


def test_unknown_ids_are_usage_errors_alike(capsys, seeds_dir: Path) -> None:
    assert main(["notes", "delete", "0123456789"]) == 2
    assert main(["notes", "add", "nope:1", "text", str(seeds_dir)]) == 2
    assert main(["compare", "nope:1", str(seeds_dir)]) == 2


def test_a_folder_with_nothing_readable_fails_with_one_line(capsys, tmp_path: Path) -> None:
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n")
    assert main(["index", str(tmp_path)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].startswith("brieftui: no readable document in")


def test_events_table_numbers_sources_like_the_app(capsys, seeds_dir: Path, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")  # one line a row: the notes below are not wrapped
    assert main(["events", str(seeds_dir)]) == 0
    out = capsys.readouterr().out
    assert "S1" in out and "S5" in out
    # a single-source event names its source as the app does (the legend names S1..S5)
    assert re.search(r"only S\d reports this", out)


def test_search_says_how_many_match_and_reports_an_unknown_source(capsys, seeds_dir) -> None:
    data = run_json(capsys, "search", "russia", str(seeds_dir), "--limit", "3")
    assert len(data["hits"]) == 3 and data["total"] > 3
    assert main(["search", "source:nosuchpaper russia", str(seeds_dir)]) == 0
    captured = capsys.readouterr()
    assert "No source matches “nosuchpaper”" in captured.err


def test_a_query_starting_with_a_dash_is_the_query_not_an_option(capsys, seeds_dir) -> None:
    # "-nato" excludes a word; argparse took it for an unknown option
    assert main(["search", "-nato", str(seeds_dir)]) == 0
    captured = capsys.readouterr()
    assert "Only excluded words" in captured.err and "required" not in captured.err
    data = run_json(capsys, "search", "--limit", "2", "-nato trump", str(seeds_dir))
    assert data["query"] == "-nato trump" and data["hits"]
    assert all("nato" not in h["text"].lower() for h in data["hits"])
    data = run_json(capsys, "search", "-nato", str(seeds_dir), "--limit=1")
    assert data["query"] == "-nato" and data["hits"] == [] and data["notes"]
    assert main(["search", "-nato", str(seeds_dir), "--bogus"]) == 2  # still refused
    assert "unrecognized arguments: --bogus" in capsys.readouterr().err


def test_add_saves_pages_and_refuses_others(capsys, tmp_path: Path) -> None:
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    page = (Path(__file__).parent / "ingest" / "fixtures" / "web" / "harbour.html").read_bytes()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(page)))
            self.end_headers()
            self.wfile.write(page)

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{httpd.server_address[1]}/harbour"
        folder = tmp_path / "brief"
        code = main(["add", url, "file:///etc/passwd", "--to", str(folder)])
    finally:
        httpd.shutdown()
        httpd.server_close()
    out, err = capsys.readouterr()
    assert code == 1
    assert out.count("\n") == 1 and out.startswith(f"saved {url} → ")
    assert err.count("\n") == 1 and "refused file:///etc/passwd: only http and https" in err
    assert [p.name for p in folder.iterdir()] == ["127-0-0-1-harbour.html"]
    data = run_json(capsys, "index", str(folder))
    assert data["documents"][0]["url"] == "https://post.example/news/harbour-dredging"


def test_config_prints_its_path_and_the_settings(capsys, isolated_data_dir: Path) -> None:
    data = run_json(capsys, "config")
    assert data["path"] == str(isolated_data_dir / "config.toml") and not data["exists"]
    assert data["reading_width"] == 88 and data["keymap"] == {}
    (isolated_data_dir / "config.toml").write_text(
        'theme = "nord"\nreading_width = 70\nbogus = 1\n[keymap]\n"brieftui.search" = "s"\n'
    )
    data = run_json(capsys, "config")
    assert data["exists"] and data["theme"] == "nord" and data["reading_width"] == 70
    assert data["keymap"] == {"brieftui.search": "s"}
    assert any("bogus" in w for w in data["warnings"])


def test_config_default_brief_is_what_a_bare_command_reads(
    capsys, isolated_data_dir: Path, tmp_path: Path
) -> None:
    brief = tmp_path / "mine"
    brief.mkdir()
    (brief / "a.txt").write_text("Harbour talks\n\nThe harbour talks resumed on Monday.\n")
    (isolated_data_dir / "config.toml").write_text(f'default_brief = "{brief}"\n')
    data = run_json(capsys, "index")
    assert [d["title"] for d in data["documents"]] == ["Harbour talks"]


def test_max_file_size_skips_bigger_files_and_rejects_typos(capsys, tmp_path: Path) -> None:
    (tmp_path / "small.txt").write_text("Small\n\nA short article about the harbour talks.\n")
    (tmp_path / "big.txt").write_text("Big\n\n" + "The talks resumed on Monday. " * 200 + "\n")
    data = run_json(capsys, "--max-file-size", "1kB", "index", str(tmp_path))
    assert [d["title"] for d in data["documents"]] == ["Small"]
    assert main(["index", str(tmp_path), "--max-file-size", "lots"]) == 2
    assert "--max-file-size" in capsys.readouterr().err


THIRD_BRIEF = Path(__file__).parent / "compare" / "fixtures" / "third_brief"


def test_compare_says_where_a_match_differs_from_the_anchor(capsys) -> None:
    """What the app's Compare column says ("≠ differs from the anchor", slot: a vs b) the
    CLI says too: in the table, and per match in --json, the anchor's value first."""
    data = run_json(capsys, "compare", "a_chronicle:1", str(THIRD_BRIEF))
    by_doc = {s["doc_id"]: s for s in data["sources"]}
    explainer = by_doc["c_explainer"]["matches"][0]
    assert explainer["passage_id"] == "c_explainer:1"
    (difference,) = explainer["differences"]
    assert difference["kind"] == "date"
    assert [v["text"] for v in difference["values"]] == ["by Monday evening", "since Sunday"]
    assert [v["passage_id"] for v in difference["values"]] == ["a_chronicle:1", "c_explainer:1"]
    assert by_doc["b_wire"]["matches"][0]["differences"] == []
    assert main(["compare", "a_chronicle:1", str(THIRD_BRIEF)]) == 0
    table = capsys.readouterr().out
    assert "≠ differs from the anchor" in table
    assert "since Sunday" in " ".join(table.split())


def test_compare_text_has_no_differences(capsys, seeds_dir: Path) -> None:
    """Free text belongs to no event: no match carries a difference."""
    data = run_json(capsys, "compare", "--text", "Oval Office meeting", str(seeds_dir))
    assert all(m["differences"] == [] for s in data["sources"] for m in s["matches"])


def test_unknown_command_suggests_the_closest_one(capsys) -> None:
    # from a new-user trial: `brieftui export` did not point to `notes export`
    assert main(["export"]) == 2
    err = capsys.readouterr().err
    assert "did you mean 'brieftui notes export'?" in err and "commands: open" in err
    assert main(["serach", "x"]) == 2
    assert "did you mean 'brieftui search'?" in capsys.readouterr().err
    assert main(["divergence"]) == 2
    assert "did you mean 'brieftui divergences'?" in capsys.readouterr().err
    assert main(["zzzzqq"]) == 2
    assert "did you mean" not in capsys.readouterr().err
    assert main(["export", "--json"]) == 2
    assert "notes export" in json.loads(capsys.readouterr().err)["error"]


def test_the_apps_load_messages_are_printed_on_quitting(capsys, tmp_path: Path) -> None:
    """The toast shows a few for seconds; every one is on stderr once the app exits."""
    from types import SimpleNamespace

    from brieftui.cli.main import _print_load_messages
    from brieftui.model import LoadMessage

    brief = SimpleNamespace(
        messages=[LoadMessage(str(tmp_path / f"e{k}.txt"), "empty file; skipped") for k in range(3)]
    )
    _print_load_messages(SimpleNamespace(brief=brief))
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 3 and err[0].startswith("brieftui: warning: ") and "e0.txt" in err[0]
    _print_load_messages(SimpleNamespace(brief=None))  # quit while opening: nothing
    assert capsys.readouterr().err == ""


def test_a_mistyped_notes_action_suggests_the_closest(capsys) -> None:
    assert main(["notes", "exprot"]) == 2
    assert "did you mean 'export'?" in capsys.readouterr().err
    assert main(["notes", "zzz"]) == 2
    assert "did you mean" not in capsys.readouterr().err


def test_output_cut_short_by_a_pipe_is_not_a_failure(tmp_path: Path, seeds_dir: Path) -> None:
    """``brieftui events | head -1`` exited 1 (Rich's broken-pipe exit), which breaks a
    script run with ``pipefail``; the reader stopping is the end of the output: 0."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "BRIEFTUI_DATA_DIR": str(tmp_path)}
    for command in ("events", "index"):
        proc = subprocess.Popen(
            [sys.executable, "-m", "brieftui", command, str(seeds_dir)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
        assert proc.stdout is not None
        proc.stdout.readline()
        proc.stdout.close()  # as `head -1` does
        _out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, (command, err)


def test_compare_with_both_a_passage_and_text_says_so(capsys, seeds_dir: Path) -> None:
    assert main(["compare", "000_x:1", "--text", "Oval Office", str(seeds_dir)]) == 2
    assert "PASSAGE_ID or --text TEXT, not both" in capsys.readouterr().err


def test_an_empty_note_is_refused(capsys, seeds_dir: Path) -> None:
    """As the app's editor refuses it ("Write a note (or a quote) first")."""
    for text in ("", "   "):
        assert main(["notes", "add", "000_x:1", text, str(seeds_dir)]) == 2
        assert "the note is empty" in capsys.readouterr().err


def test_the_reader_without_a_terminal_says_so_and_exits(capsys, seeds_dir: Path) -> None:
    """From a trial: `brieftui seeds | head` and `brieftui seeds </dev/null` never exited,
    writing escape codes into the pipe. Under pytest neither stream is a terminal."""
    assert main([str(seeds_dir)]) == 2
    err = capsys.readouterr().err
    assert "needs a terminal" in err and "--json" in err


def test_piped_tables_keep_document_ids_whole(capsys, seeds_dir: Path, monkeypatch) -> None:
    """From a trial: `brieftui index | grep ID` found nothing, the id folded in two at
    Rich's 80 columns for a pipe."""
    monkeypatch.delenv("COLUMNS", raising=False)
    assert main(["index", str(seeds_dir)]) == 0
    out = capsys.readouterr().out
    brief = __import__("brieftui").load([seeds_dir], cache=False)
    assert all(doc.id in out for doc in brief.documents)


def test_with_json_the_warnings_on_stderr_are_json_too(capsys, tmp_path: Path) -> None:
    """From a trial: plain warning lines came before the JSON, so stderr was no JSON."""
    (tmp_path / "ok.txt").write_text("A title\n\nThe council met on Monday and voted.\n")
    (tmp_path / "empty.txt").write_text("")
    assert main(["index", str(tmp_path), "--json"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().err.splitlines()]
    assert lines and all(set(item) == {"warning"} for item in lines)
    assert any("empty.txt" in item["warning"] for item in lines)


def test_an_empty_path_is_an_error_not_the_working_folder(capsys) -> None:
    """From a trial: `brieftui index "$DIR"` with DIR unset read the whole working folder."""
    assert main(["index", ""]) == 2
    assert "empty path" in capsys.readouterr().err


def test_a_mistyped_command_without_a_terminal_is_named_as_a_typo(capsys) -> None:
    """From a trial: `brieftui serch fire | cat` said the reader needs a terminal."""
    assert main(["serch", "fire"]) == 2
    err = capsys.readouterr().err
    assert "did you mean 'brieftui search'" in err and "terminal" not in err


def test_search_notes_are_json_warnings_with_json(capsys, seeds_dir: Path) -> None:
    assert main(["search", "source:nosuchpaper russia", str(seeds_dir), "--json"]) == 0
    err = capsys.readouterr().err
    assert [json.loads(line)["warning"] for line in err.splitlines()] == [
        "brieftui search: No source matches “nosuchpaper”"
    ]


def test_piped_tables_keep_long_ids_whole(capsys, tmp_path: Path, monkeypatch) -> None:
    """From a trial: ids of 60-80 characters (a hashed page name) were folded or cut."""
    monkeypatch.delenv("COLUMNS", raising=False)
    name = "0" * 64 + ".html.txt"
    (tmp_path / name).write_text("A title\n\nThe council met on Monday and voted to close it.\n")
    (tmp_path / "b.txt").write_text("Other\n\nThe ferry sailed on Tuesday after three days.\n")
    assert main(["index", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    long_id = next(
        d.id for d in __import__("brieftui").load([tmp_path]).documents if "0000" in d.id
    )
    assert long_id in out
    assert main(["search", "council", str(tmp_path)]) == 0
    assert f"{long_id}:1" in capsys.readouterr().out
