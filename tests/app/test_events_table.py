"""The Events screen's source filter (``f``): which documents a typed needle keeps."""

from __future__ import annotations

from brieftui.app.events.table import matching_docs
from brieftui.model import Document

DOCS = [
    Document(id="a.txt", path="a.txt", title="Fire at the docks", author="Ana Ruiz"),
    Document(id="b.txt", path="b.txt", title="Warehouse blaze", publisher="Harbour Press"),
    Document(id="c.txt", path="c.txt", title="Night of smoke"),
]
LABELS = {"a.txt": "S1", "b.txt": "S2", "c.txt": "S3"}


def test_an_empty_needle_is_no_filter() -> None:
    assert matching_docs(DOCS, "  ", LABELS) is None


def test_the_filter_matches_title_outlet_author_id_and_short_name_in_any_case() -> None:
    assert matching_docs(DOCS, "BLAZE", LABELS) == {"b.txt"}
    assert matching_docs(DOCS, "harbour", LABELS) == {"b.txt"}
    assert matching_docs(DOCS, "ruiz", LABELS) == {"a.txt"}
    assert matching_docs(DOCS, "c.txt", LABELS) == {"c.txt"}
    assert matching_docs(DOCS, "s3", LABELS) == {"c.txt"}
    assert matching_docs(DOCS, "nobody", LABELS) == set()


def test_covering_names_keep_whole_labels_and_count_the_rest() -> None:
    from brieftui.app.events.table import count_widths, covering_names

    names = [f"S{n}" for n in range(85, 100)]
    shown = covering_names(names, 16)
    assert len(shown) <= 16
    assert shown == "S85 S86 S87 +12"
    kept = shown.split(" ")[:-1]
    assert kept == names[: len(kept)]  # whole labels, in order
    assert covering_names(["S1", "S2"], 16) == "S1 S2"
    assert covering_names(["S1234567890123456789"], 8) == "+1"
    count, who = count_widths(1396)
    assert count == len("1396/1396") and count + who == 26
    assert count_widths(47)[0] == len("Sources")  # the heading whole (a trial saw "Sourc")


def test_the_filter_forgives_typos_like_search_source() -> None:
    # from a new-user trial: "bundresen" (for Bundersen) gave an empty table
    docs = [*DOCS, Document(id="d.txt", path="d.txt", title="Calm", author="Gerard Bundersen")]
    assert matching_docs(docs, "bundresen", LABELS) == {"d.txt"}
    assert matching_docs(docs, "harbuor", LABELS) == {"b.txt"}
    assert matching_docs(docs, "Ruíz", LABELS) == {"a.txt"}  # accents folded, as in search
    assert matching_docs(docs, "nobody", LABELS) == set()


def test_the_filter_keeps_the_documents_search_source_keeps(seed_brief) -> None:
    from brieftui.app.compare.view import source_labels

    labels = source_labels(seed_brief)
    for needle in ("bundresen", "bundersen", "prime busines", "trump", "000_2cac", "zzzqqq"):
        searched = {h.doc_id for h in seed_brief.search(f'source:"{needle}"', limit=10_000)}
        kept = matching_docs(seed_brief.documents, needle, labels)
        assert kept == searched, needle


def test_an_events_count_is_out_of_its_storys_documents() -> None:
    """An event of a 2-article story in a brief of 3 covers "2/2", not "2/3": no
    article of another story could cover it (from a new-user trial: "4/30" in a
    9-article story)."""
    from brieftui.app.events.table import source_cells

    event = two_source_event("Fire at the docks", None)
    by_id = {d.id: d for d in DOCS}
    assert source_cells(event, "count", by_id, [], LABELS, 16, 2)[0] == "2/2"
    assert source_cells(event, "count", by_id, [], LABELS, 16)[0] == "2/3"  # one story


def test_sorted_by_date_the_date_comes_first_and_is_never_cut() -> None:
    """From a trial: at 120 columns the label was cut before its trailing date, so the
    rows sorted by date showed no date at all."""
    from brieftui.app.events.table import label_cell

    long = two_source_event(
        "A very long label that says who did what in great detail", "4 May 2024", "2024-05-04"
    )
    cell = label_cell(long, 30, LABELS, dated=True).plain
    assert cell.startswith("4 May 2024 · A very") and cell.count("4 May 2024") == 1
    assert "4 May 2024" not in label_cell(long, 30, LABELS).plain  # cut at the end


def two_source_event(label: str, date: str | None, when: str | None = None):
    """An event of a.txt and b.txt in story s1, its label ending in its date if any."""
    from brieftui.compare.results import Event, EventPassage

    return Event(
        "e1",
        f"{label} · {date}" if date else label,
        [EventPassage("a.txt:1", "a.txt"), EventPassage("b.txt:2", "b.txt")],
        ["a.txt", "b.txt"],
        "s1",
        f"{label}.",
        date,
        when,
    )


def test_by_date_days_without_a_year_come_after_the_dated_ones() -> None:
    """From a trial: a day without a year sorted before the dated ones."""
    from dataclasses import replace

    from brieftui.app.events.table import sorted_events

    base = two_source_event("An event", None)
    events = [
        replace(base, id="no-year", when="--04-19"),
        replace(base, id="undated", when=None),
        replace(base, id="2007", when="2007-04-05"),
        replace(base, id="2001", when="2001-09-11"),
    ]
    assert [e.id for e in sorted_events(events, "date")] == ["2001", "2007", "no-year", "undated"]


def test_outlet_columns_go_to_the_outlets_in_the_events_shown() -> None:
    """From a TUI trial on saved pages (one article an outlet): the columns went to
    outlets in no event shown, all "·", and the one outlet with events was "other"."""
    from brieftui.app.events.table import layout
    from brieftui.compare.results import Event

    docs = [
        Document(id=f"d{k}", path=f"d{k}.html", title=f"Page {k}", publisher=f"Outlet {k:02d}")
        for k in range(30)
    ]
    events = [Event(f"e{k}", "x", [], ["d29", "d28"]) for k in range(3)]
    mode, shown, _width = layout(120, docs, events)
    assert mode == "outlets" and set(shown[:2]) == {"Outlet 29", "Outlet 28"}
    mode, shown, _width = layout(120, docs)  # no events: the most documents, then order
    assert shown[0] == "Outlet 00"
