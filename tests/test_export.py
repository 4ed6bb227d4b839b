"""Markdown export: front matter, structure (parsed with markdown-it-py), stability."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

import brieftui
from brieftui.brief import Brief
from brieftui.export import escape_block, escape_inline, export_markdown, yaml_string
from brieftui.notes import NoteStore
from tests.conftest import SEEDS_DIR

WHEN = datetime(2025, 3, 5, 12, 30, tzinfo=UTC)

NASTY_NOTE = (
    "# not a heading\n> not a quote\n- not a list\n1. not a list either\n---\n"
    "```\n<div>not html</div>\n    not code\n[ref]: http://example.com\n^abc123\n"
    "*emphasis* stays\n\ntrailing backslash \\"
)


def _write(folder: Path, name: str, title: str, paragraphs: list[str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(title + "\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")


@pytest.fixture
def nasty_brief(tmp_path: Path) -> Brief:
    folder = tmp_path / 'brief: "odd" #name'
    _write(
        folder,
        "alpha.txt",
        'Alpha: the "first" report # with \\ backslash',
        [
            "The summit opened on Monday with *stars*, _underscores_ and <b>tags</b> in it.",
            "Delegates argued about [links](http://x.example) and `code` for hours on end.",
            "1. A paragraph that starts like an ordered list item and goes on for a while.",
            "- A paragraph that starts like a bullet and then keeps going for a sentence.",
            "# A paragraph starting with a hash sign, which must not become a heading.",
        ],
    )
    _write(
        folder,
        "beta.txt",
        "Beta reports the same summit",
        [
            "The summit opened on Monday, reporters said, with a long list of grievances.",
            "Negotiators met late into the night but agreed on nothing of substance at all.",
        ],
    )
    return brieftui.load([folder])


def _front_matter(text: str) -> tuple[dict, str]:
    """A small YAML reader for the subset the export writes (scalars, one list of maps)."""
    assert text.startswith("---\n")
    head, _, body = text[4:].partition("\n---\n")
    data: dict = {}
    current: dict | None = None

    def scalar(raw: str):
        raw = raw.strip()
        if raw == "null":
            return None
        if raw == "[]":
            return []
        if raw.startswith('"'):
            return json.loads(raw)  # the export's escapes are a subset of JSON's
        return int(raw)

    for line in head.split("\n"):
        if line.startswith("  - "):
            current = {}
            data["sources"].append(current)
            key, _, value = line[4:].partition(": ")
            current[key] = scalar(value)
        elif line.startswith("    "):
            assert current is not None
            key, _, value = line.strip().partition(": ")
            current[key] = scalar(value)
        else:
            key, _, value = line.partition(":")
            data[key] = [] if key == "sources" and not value.strip() else scalar(value)
    return data, body


def _tokens(body: str):
    return MarkdownIt("commonmark").parse(body)


def _headings(tokens, level: int) -> list[str]:
    out = []
    for i, tok in enumerate(tokens):
        if tok.type == "heading_open" and tok.tag == f"h{level}":
            out.append(_plain(tokens[i + 1]))
    return out


def _plain(inline_token) -> str:
    return "".join(
        child.content if child.type in ("text", "code_inline") else "\n"
        for child in inline_token.children
        if child.type in ("text", "code_inline", "softbreak")
    )


def _add_notes(brief: Brief, store: NoteStore):
    alpha, beta = brief.documents
    a_passages = list(alpha.passages())
    b_passages = list(beta.passages())
    notes = [
        store.add(brief, a_passages[0].id, NASTY_NOTE, tags=["summit", "odd tag"]),
        store.add(brief, a_passages[1].id, "on a quote", quote=a_passages[1].text[10:40]),
        store.add(brief, a_passages[0].id, "both sources agree", comparison=[b_passages[0].id]),
        store.add(brief, b_passages[1].id, "beta note"),
    ]
    return notes


def test_export_structure_front_matter_and_stability(nasty_brief: Brief) -> None:
    with NoteStore() as store:
        notes = _add_notes(nasty_brief, store)
        text = export_markdown(nasty_brief, store.notes(nasty_brief), exported_at=WHEN)
        again = export_markdown(nasty_brief, store.notes(nasty_brief), exported_at=WHEN)
    assert text == again
    with NoteStore() as reopened:  # same bytes from a fresh store and a fresh load
        reloaded = brieftui.load(list(nasty_brief.sources))
        assert export_markdown(reloaded, reopened.notes(reloaded), exported_at=WHEN) == text

    meta, body = _front_matter(text)
    assert meta["brief"] == nasty_brief.name == 'brief: "odd" #name'
    assert meta["exported_at"] == WHEN.isoformat()
    assert meta["notes"] == 4
    assert [s["title"] for s in meta["sources"]] == [d.title for d in nasty_brief.documents]
    assert meta["sources"][0]["title"].startswith('Alpha: the "first"')
    assert all(Path(s["path"]).is_absolute() for s in meta["sources"])
    assert {"title", "author", "date", "path"} <= set(meta["sources"][0])

    tokens = _tokens(body)
    assert _headings(tokens, 1) == [f"Notes on {nasty_brief.name}"]
    assert _headings(tokens, 2) == [d.title for d in nasty_brief.documents]
    assert all(tok.type not in ("bullet_list_open", "ordered_list_open") for tok in tokens)
    assert all(tok.type not in ("html_block", "fence", "code_block", "hr") for tok in tokens)
    # the nasty note text stays one note: its lines are in paragraphs, literally
    rendered = MarkdownIt("commonmark").render(body)
    assert "<div>" not in rendered and "<b>" not in rendered
    assert "*emphasis* stays" in rendered and "<em>emphasis" not in rendered  # data
    for needle in ("# not a heading", "&gt; not a quote", "- not a list", "1. not a list"):
        assert needle in rendered

    # each note ends with a citation line carrying its stable block id
    paragraphs = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "paragraph_open"]
    for note in notes:
        (cite,) = [p for p in paragraphs if p.endswith(f"^{note.id}")]
        assert f"`{note.passage_id}`" in cite
    tag_lines = [p for p in paragraphs if p.startswith("#summit")]
    assert tag_lines == ["#summit #odd-tag"]


def test_quotes_render_verbatim_and_comparison_shows_each_source(nasty_brief: Brief) -> None:
    alpha, beta = nasty_brief.documents
    with NoteStore() as store:
        _add_notes(nasty_brief, store)
        text = export_markdown(nasty_brief, store.notes(nasty_brief), exported_at=WHEN)
    _, body = _front_matter(text)
    tokens = _tokens(body)
    quotes: list[list[str]] = []
    depth = 0
    for tok in tokens:
        if tok.type == "blockquote_open":
            depth += 1
            if depth == 1:
                quotes.append([])
        elif tok.type == "blockquote_close":
            depth -= 1
        elif tok.type == "inline" and depth:
            quotes[-1].append(_plain(tok))
    assert depth == 0
    quoted = [q[0] for q in quotes]
    # every alpha passage with a whole-passage note is quoted verbatim despite its markdown
    first = next(iter(alpha.passages())).text
    assert quoted.count(first) == 2  # the nasty note and the comparison note
    assert next(iter(beta.passages())).text in quoted
    # the comparison note: the anchor and the other source, each labelled with its source
    comparison_quotes = [q for q in quotes if len(q) == 2]
    assert len(comparison_quotes) == 2
    assert comparison_quotes[0][0] == first
    assert alpha.title in comparison_quotes[0][1]
    assert comparison_quotes[1][0] == next(iter(beta.passages())).text
    assert beta.title in comparison_quotes[1][1]
    # the quote note shows only its quote
    second = list(alpha.passages())[1].text
    assert second[10:40].strip() in quoted  # a quote is one line, its ends trimmed


def test_orphaned_notes_get_their_own_section_at_the_end(tmp_path: Path) -> None:
    folder = tmp_path / "b"
    _write(
        folder,
        "a.txt",
        "A title for the article",
        [
            "First paragraph of the article, which stays in place after the edit.",
            "Second paragraph of the article, which the outlet will delete later on.",
        ],
    )
    brief = brieftui.load([folder])
    first, second = brief.documents[0].passages()
    with NoteStore() as store:
        kept = store.add(brief, first.id, "kept")
        lost = store.add(brief, second.id, "lost", quote=second.text[:40])
        _write(
            folder,
            "a.txt",
            "A title for the article",
            ["First paragraph of the article, which stays in place after the edit."],
        )
        changed = brieftui.load([folder])
        notes = store.notes(changed)
    text = export_markdown(changed, notes, exported_at=WHEN)
    _, body = _front_matter(text)
    tokens = _tokens(body)
    assert _headings(tokens, 2)[-1] == "Orphaned notes"
    orphan_part = body.split("## Orphaned notes", 1)[1]
    assert f"^{lost.id}" in orphan_part and f"^{kept.id}" not in orphan_part
    assert escape_inline(second.text[:40]) in orphan_part
    assert "no longer found" in orphan_part


def test_empty_export_is_valid() -> None:
    brief = brieftui.load([SEEDS_DIR])
    text = export_markdown(brief, [], exported_at=WHEN)
    meta, body = _front_matter(text)
    assert meta["notes"] == 0 and meta["sources"] == []  # no note cites a source
    assert "No notes yet." in body


@pytest.mark.parametrize(
    "value",
    [
        "plain",
        'a "quoted": value # not a comment',
        "back\\slash",
        "new\nline\ttab",
        "\x00\x7f\u2028",
    ],
)
def test_yaml_strings_round_trip_as_json(value: str) -> None:
    assert json.loads(yaml_string(value)) == value
    assert "\n" not in yaml_string(value)


def test_escape_block_keeps_every_line_out_of_block_syntax() -> None:
    escaped = escape_block(NASTY_NOTE)
    tokens = MarkdownIt("commonmark").parse(escaped)
    assert {t.type for t in tokens} <= {"paragraph_open", "paragraph_close", "inline"}


# -- properties: no text can break the structure ------------------------------------------
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_MARKDOWNISH = st.text(
    alphabet=st.sampled_from(list("#>-*+_=`~<|[]():!^\\&;. 1a\n\t")) | st.characters(),
    max_size=80,
)


@settings(max_examples=150, deadline=None)
@given(_MARKDOWNISH)
def test_any_note_text_stays_paragraphs(text: str) -> None:
    tokens = MarkdownIt("commonmark").parse(escape_block(text))
    assert {t.type for t in tokens} <= {"paragraph_open", "paragraph_close", "inline"}


@settings(max_examples=150, deadline=None)
@given(_MARKDOWNISH)
def test_any_source_text_is_quoted_verbatim(text: str) -> None:
    line = " ".join(text.split())
    if not line:
        return
    tokens = MarkdownIt("commonmark").parse("> " + escape_inline(line) + "\n")
    types = [t.type for t in tokens]
    assert types == [
        "blockquote_open",
        "paragraph_open",
        "inline",
        "paragraph_close",
        "blockquote_close",
    ]
    assert _plain(tokens[2]) == line.replace("\x00", "\ufffd")


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=60))
def test_any_yaml_string_round_trips(value: str) -> None:
    assert json.loads(yaml_string(value)) == value


def test_export_writes_author_publisher_and_url_in_their_own_fields(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(
        "---\ntitle: Harbour plan approved\nsource: The Port Ellery Post\n"
        "url: https://post.example/a?b=<x>\n---\n\n"
        "The council voted on Tuesday to approve the dredging of the harbour after a long dispute.\n",
        encoding="utf-8",
    )
    (tmp_path / "b.txt").write_text(
        "Dredging starts in June\n\nBy Ann Lee\n\n"
        "Work on the harbour will start in June and last four months, the council said today.\n",
        encoding="utf-8",
    )
    brief = brieftui.load([tmp_path], cache=False)
    with NoteStore() as store:
        for doc in brief.documents:
            store.add(brief, next(doc.passages()).id, "noted")
        text = export_markdown(brief, store.notes(brief), exported_at=WHEN)
    meta, body = _front_matter(text)
    a, b = meta["sources"]
    assert a["author"] is None and a["publisher"] == "The Port Ellery Post"
    assert a["url"] == "https://post.example/a?b=<x>"
    assert b["author"] == "Ann Lee" and b["publisher"] is None and b["url"] is None
    assert "<https://post.example/a?b=%3Cx%3E>" in body  # the citation links the source
    links = [
        child.attrs["href"]
        for tok in MarkdownIt("commonmark").parse(body)
        if tok.type == "inline"
        for child in tok.children or []
        if child.type == "link_open"
    ]
    assert links == ["https://post.example/a?b=%3Cx%3E"]


# -- from a new-user trial: tags as typed, line breaks kept, only cited sources ------------


def _render(markdown: str) -> str:
    return MarkdownIt("commonmark").render(markdown)


def _inline_children(markdown: str) -> list:
    return [
        child
        for tok in MarkdownIt("commonmark").parse(markdown)
        if tok.type == "inline"
        for child in tok.children or []
    ]


def test_tags_render_as_typed_and_stay_inert(nasty_brief: Brief) -> None:
    tags = [
        "[sic]",
        "summit",
        "a_b",
        "_em_",
        "*strong*",
        "`code`",
        "<b>x</b>",
        "[x](http://evil.example)",
        "http://evil.example",
        "a@evil.example",
        "&amp;",
        "x\\",
        "!^|~$",
    ]
    with NoteStore() as store:
        store.add(nasty_brief, next(nasty_brief.documents[0].passages()).id, "t", tags=tags)
        text = export_markdown(nasty_brief, store.notes(nasty_brief), exported_at=WHEN)
    _, body = _front_matter(text)
    (line,) = [ln for ln in body.split("\n") if ln.startswith("#[") or ln.startswith("#\\[")]
    children = _inline_children(line + "\n")
    assert {c.type for c in children} == {"text"}  # no link, emphasis, code or HTML
    assert "".join(c.content for c in children) == " ".join("#" + t for t in tags)
    # a tag made of word characters, "-" and "/" is written as is (a tag in Obsidian)
    assert "#summit " in line and "#a_b " in line


def test_note_line_breaks_are_kept(nasty_brief: Brief) -> None:
    note = "First line of the note\nsecond line\n\nA new paragraph\n# not a heading\n- not a list"
    with NoteStore() as store:
        store.add(nasty_brief, next(nasty_brief.documents[0].passages()).id, note)
        text = export_markdown(nasty_brief, store.notes(nasty_brief), exported_at=WHEN)
    _, body = _front_matter(text)
    rendered = _render(body)
    assert "<p>First line of the note<br />\nsecond line</p>" in rendered
    assert "<p>A new paragraph<br />\n# not a heading<br />\n- not a list</p>" in rendered


def test_note_text_is_data_in_the_export_not_markup() -> None:
    """From a trial: HTML, entities, emphasis and autolinks in a note were live markdown."""
    text = "See <img src=x onerror=alert(1)> and &lt;b&gt;, a*b*c, <https://evil.example>"
    tokens = MarkdownIt("commonmark").parse(escape_block(text))
    children = tokens[1].children or []
    assert {c.type for c in children} == {"text"}
    assert "".join(c.content for c in children) == text


def test_note_indentation_is_kept_and_means_nothing() -> None:
    rendered = _render(escape_block("list:\n    indented by four\n\ttabbed"))
    assert "<code>" not in rendered and "<pre>" not in rendered
    assert "\u00a0" * 4 + "indented by four" in rendered
    assert "\u00a0" * 4 + "tabbed" in rendered
    # where a paragraph starts too (a renderer strips a paragraph's leading spaces,
    # no-break ones included, from the fourth trial)
    assert "<p>\u00a0\u00a0leading</p>" in _render(escape_block("a\n\n  leading"))
    assert "<p>\u00a0first</p>" in _render(escape_block(" first"))


def test_escape_block_line_breaks_and_trailing_backslashes() -> None:
    assert _render(escape_block("a\nb")) == "<p>a<br />\nb</p>\n"
    assert _render(escape_block("a\\\nb\\")) == "<p>a\\<br />\nb\\</p>\n"
    assert _render(escape_block("a\\\\\nb")) == "<p>a\\\\<br />\nb</p>\n"  # both, as typed
    assert _render(escape_block("a\n\n\n\nb")) == "<p>a</p>\n<p>b</p>\n"
    assert _render(escape_block("a  \n  ```\nb")) == "<p>a<br />\n\u00a0\u00a0```<br />\nb</p>\n"


def test_front_matter_lists_only_the_cited_sources(tmp_path: Path) -> None:
    folder = tmp_path / "b"
    for name in ("a", "b", "c"):
        _write(
            folder,
            f"{name}.txt",
            f"Title {name.upper()} for the article",
            [f"Paragraph of article {name} about the harbour vote, long enough to be a passage."],
        )
    brief = brieftui.load([folder])
    a, _b, c = brief.documents
    with NoteStore() as store:
        store.add(
            brief, next(c.passages()).id, "on c, comparing a", comparison=[next(a.passages()).id]
        )
        text = export_markdown(brief, store.notes(brief), exported_at=WHEN)
    meta, _ = _front_matter(text)
    assert [s["title"] for s in meta["sources"]] == [a.title, c.title]  # brief order, no b


def test_front_matter_lists_the_source_of_an_orphan_whose_file_is_gone(tmp_path: Path) -> None:
    folder = tmp_path / "b"
    _write(folder, "a.txt", "Title A", ["The council approved the harbour plan on a close vote."])
    _write(folder, "b.txt", "Title B", ["Fishermen protested at dawn against new quotas in Oslo."])
    brief = brieftui.load([folder])
    with NoteStore() as store:
        store.add(brief, next(brief.documents[1].passages()).id, "on b")
        (folder / "b.txt").unlink()
        changed = brieftui.load([folder])
        text = export_markdown(changed, store.notes(changed), exported_at=WHEN)
    meta, _ = _front_matter(text)
    assert [s["title"] for s in meta["sources"]] == ["Title B"]
    assert meta["sources"][0]["path"].endswith("b.txt")


@settings(max_examples=200, deadline=None)
@given(st.lists(_MARKDOWNISH, max_size=4))
def test_any_tag_renders_as_typed_and_inert(tags: list[str]) -> None:
    from brieftui.export import _tags

    line = _tags(tags)
    shown = [t for t in ("-".join(t.split()) for t in tags) if t]
    if line is None:
        assert not shown
        return
    if "\x00" in line:
        return  # NUL is U+FFFD to markdown (and made visible by the export anyway)
    tokens = MarkdownIt("commonmark").parse(line + "\n")
    assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"]
    assert {c.type for c in tokens[1].children} <= {"text"}
    assert "".join(c.content for c in tokens[1].children) == " ".join("#" + t for t in shown)


def test_a_note_whose_passage_changed_says_so(tmp_path: Path) -> None:
    """The file was edited after the note: "at about 10 p.m." now reads "9.45 p.m.". The
    note stays on its passage; it is flagged, and the export quotes the passage as it
    reads now beside the stored quote (a new-user trial: the stale quote was exported
    as the article's words, with nothing to say so)."""
    folder = tmp_path / "brief"
    folder.mkdir()
    article = folder / "wire.txt"
    lead = "A fire broke out at a Valmora warehouse at about 10 p.m. on Monday, officials said."
    rest = "Firefighters brought the blaze under control after six hours of work overnight."
    article.write_text(f"Warehouse fire in Valmora\n\n{lead}\n\n{rest}\n", encoding="utf-8")
    with NoteStore() as store:
        brief = brieftui.load([folder], cache=False)
        pid = next(r.passage.id for r in brief.passages() if "10 p.m." in r.passage.text)
        store.add(brief, pid, "check the hour", quote="at about 10 p.m. on Monday")
        store.add(
            brief,
            next(r.passage.id for r in brief.passages() if "six hours" in r.passage.text),
            "fine",
        )
        article.write_text(
            "Warehouse fire in Valmora\n\n"
            + lead.replace("10 p.m.", "9.45 p.m.")
            + f"\n\n{rest}\n",
            encoding="utf-8",
        )
        brief = brieftui.load([folder], cache=False)
        notes = {n.note.text: n for n in store.notes(brief)}
        assert notes["check the hour"].changed and not notes["check the hour"].orphaned
        assert not notes["fine"].changed
        markdown = export_markdown(brief, store.notes(brief))
    assert "*The passage has changed since this note; it now reads:*" in markdown
    assert "9.45 p.m." in markdown and "at about 10 p.m. on Monday" in markdown
    assert markdown.count("has changed since this note") == 1
