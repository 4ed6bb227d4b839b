"""Search: typo and spelling tolerance, prefixes while typing, ranking, phrases, sources, spans."""

from __future__ import annotations

import dataclasses
import pickle

import pytest

from brieftui.brief import Brief
from brieftui.model import Document, Passage, Section
from brieftui.search import Hit, SearchIndex, parse_query
from brieftui.text import fold


def _doc(doc_id: str, *paragraphs: str, heading: str | None = None, **meta: str) -> Document:
    passages = tuple(Passage(f"{doc_id}:{i}", text) for i, text in enumerate(paragraphs, 1))
    return Document(
        id=doc_id,
        path=f"/brief/{doc_id}.txt",
        title=meta.pop("title", doc_id.title()),
        sections=(Section(heading, 0 if heading is None else 1, passages),),
        **meta,
    )


def _matched(hit: Hit) -> list[str]:
    return [fold(hit.text[s:e]) for s, e in hit.spans]


def _spans_ok(hit: Hit) -> bool:
    previous_end = -1
    for start, end in hit.spans:
        if not (0 <= start < end <= len(hit.text)) or start < previous_end:
            return False
        previous_end = end
    return True


# -- the seed brief -----------------------------------------------------------------


@pytest.mark.parametrize("query", ["zelenksy", "zelensky", "zelenskyy"])
def test_name_typos_and_variants_find_zelensky(seed_brief: Brief, query: str) -> None:
    hits = seed_brief.search(query)
    assert hits
    words = {w for hit in hits for w in _matched(hit)}
    assert {"zelensky", "zelenskyy"} <= words


def test_prefix_while_typing_finds_the_whole_word(seed_brief: Brief) -> None:
    for typed in ("zel", "zelen", "zelensk"):
        hits = seed_brief.search(typed)
        assert hits, typed
        assert all(w.startswith("zelensk") for hit in hits for w in _matched(hit))


def test_british_and_american_spellings_find_each_other(seed_brief: Brief) -> None:
    hits = seed_brief.search("defense spending", limit=50)
    words = {w for hit in hits for w in _matched(hit)}
    assert {"defence", "defense", "spending"} <= words
    assert all("spending" in _matched(hit) for hit in hits[:5])


def test_typo_finds_ceasefire(seed_brief: Brief) -> None:
    hits = seed_brief.search("ceasfire")
    assert hits
    assert all("ceasefire" in _matched(hit) for hit in hits)


def test_hits_point_at_real_passages_with_their_heading(seed_brief: Brief) -> None:
    hits = seed_brief.search("nato summit", limit=10)
    assert hits
    for hit in hits:
        ref = seed_brief.passage(hit.passage_id)
        assert hit.doc_id == ref.document.id
        assert hit.text == ref.passage.text
        assert hit.heading == ref.section.heading
        assert hit.spans and _spans_ok(hit)
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_exact_phrase_matches_only_the_phrase(seed_brief: Brief) -> None:
    hits = seed_brief.search("'defence spending", limit=50)
    assert hits
    for hit in hits:
        assert "defence spending" in hit.text.lower()
        assert [hit.text[s:e].lower() for s, e in hit.spans] == ["defence spending"] * len(
            hit.spans
        )
    fuzzy = seed_brief.search("defence spending", limit=50)
    assert len(fuzzy) > len(hits)  # the American spelling is only found without the quote


def test_quoted_phrase_beside_words(seed_brief: Brief) -> None:
    hits = seed_brief.search("""'"defence spending" trump""", limit=50)
    assert hits
    assert "defence spending" in hits[0].text.lower()
    assert "trump" in _matched(hits[0])


def test_source_filter_restricts_to_one_document(seed_brief: Brief) -> None:
    target = seed_brief.documents[-1].id
    hits = seed_brief.search(f"source:{target[:6]} nato", limit=50)
    assert hits
    assert {hit.doc_id for hit in hits} == {target}
    everywhere = seed_brief.search("nato", limit=50)
    assert len({hit.doc_id for hit in everywhere}) > 1


def test_source_alone_lists_that_document_in_reading_order(seed_brief: Brief) -> None:
    target = seed_brief.documents[0]
    hits = seed_brief.search(f"source:{target.id}", limit=5)
    assert [h.passage_id for h in hits] == [p.id for p in target.passages()][:5]
    assert seed_brief.search("source:nosuchoutletanywhere nato") == []


@pytest.mark.parametrize(
    "query", ["", "   ", "\t\n", "!!! ??? ...", "'", "''", "source:", "'\"", "x" * 10_000]
)
def test_degenerate_queries_return_without_error(seed_brief: Brief, query: str) -> None:
    hits = seed_brief.search(query)
    assert isinstance(hits, list)
    if not query.strip() or not any(c.isalnum() for c in query):
        assert hits == []


def test_very_long_query_of_real_words(seed_brief: Brief) -> None:
    query = ("trump nato ceasefire zelensky defence spending " * 250)[:10_000]
    hits = seed_brief.search(query)
    assert hits and all(_spans_ok(h) for h in hits)


def test_stopword_only_query_still_searches(seed_brief: Brief) -> None:
    hits = seed_brief.search("the of")
    assert hits
    assert all(_spans_ok(h) for h in hits)
    # Stopwords beside real words do not dilute them.
    assert [h.passage_id for h in seed_brief.search("the ceasefire")] == [
        h.passage_id for h in seed_brief.search("ceasefire")
    ]


def test_limit_and_determinism(seed_brief: Brief) -> None:
    assert seed_brief.search("trump", limit=0) == []
    assert len(seed_brief.search("trump", limit=3)) == 3
    first = seed_brief.search("trump putin")
    index = SearchIndex(seed_brief.documents)
    assert index.search("trump putin") == first


def test_hit_is_the_contract() -> None:
    fields = [f.name for f in dataclasses.fields(Hit)]
    assert fields == ["passage_id", "doc_id", "heading", "text", "score", "spans", "fuzzy"]
    hit = Hit("d:1", "d", None, "text", 1.0, [(0, 4)])
    with pytest.raises(dataclasses.FrozenInstanceError):
        hit.score = 2.0  # type: ignore[misc]


def test_index_pickles_and_answers_the_same(seed_brief: Brief) -> None:
    index = seed_brief.search_index
    clone = pickle.loads(pickle.dumps(index, protocol=pickle.HIGHEST_PROTOCOL))
    for query in ("zelenksy", "'defence spending", "trump putin", "source:004 nato"):
        assert clone.search(query) == index.search(query)


# -- ranking on a small hand-written brief --------------------------------------------


@pytest.fixture
def small_index() -> SearchIndex:
    filler = "Officials met in the capital on Monday to discuss the agenda."
    docs = [
        _doc(
            "ledger",
            "Ceasefire talks in Geneva collapsed after a day.",
            "The ceasefire held overnight along the front.",
            "Talks on trade resumed between the delegations.",
            title="Daily Ledger report",
            publisher="Daily Ledger",
        ),
        _doc(
            "monitor",
            "Defence spending rose sharply across the alliance this year.",
            "Spending on defence rose sharply across the alliance this year.",
            "The minister praised the ceasfire in a statement today.",
            "The minister praised the ceasefire in a statement today.",
            title="Global Monitor analysis",
            author="Jane Doe",
        ),
        _doc(
            "courier",
            "Nato leaders gathered for the meeting in the capital today.",
            "Nato officials spoke to reporters in the capital today.",
            "Nato diplomats arrived in the capital early today.",
            "The summit agenda was published in the capital today.",
            filler,
            heading="Reactions",
        ),
        _doc("echo", "The ceasefire held overnight along the front."),
    ]
    return SearchIndex(docs)


def _ids(hits: list[Hit]) -> list[str]:
    return [h.passage_id for h in hits]


def test_all_words_rank_above_some_words(small_index: SearchIndex) -> None:
    hits = small_index.search("ceasefire talks")
    assert hits[0].passage_id == "ledger:1"
    assert {"ledger:2", "ledger:3"} <= set(_ids(hits))


def test_exact_word_ranks_above_a_typo(small_index: SearchIndex) -> None:
    ids = _ids(small_index.search("ceasefire"))
    assert "monitor:3" in ids  # the misspelt one is still found
    assert ids.index("monitor:4") < ids.index("monitor:3")
    ids = _ids(small_index.search("ceasfire"))  # … and a typo'd query prefers the exact typo
    assert ids.index("monitor:3") < ids.index("monitor:4")


def test_adjacent_words_get_a_bonus(small_index: SearchIndex) -> None:
    ids = _ids(small_index.search("defence spending"))
    assert ids[:2] == ["monitor:1", "monitor:2"]


def test_rare_words_count_more(small_index: SearchIndex) -> None:
    hits = small_index.search("nato summit")
    assert hits[0].passage_id == "courier:4"  # "summit" is rarer than "nato"


def test_ties_break_in_reading_order(small_index: SearchIndex) -> None:
    hits = small_index.search("held overnight")
    assert _ids(hits)[:2] == ["ledger:2", "echo:1"]
    assert hits[0].score == hits[1].score


def test_heading_is_reported(small_index: SearchIndex) -> None:
    hits = small_index.search("diplomats")
    assert hits[0].passage_id == "courier:3"
    assert hits[0].heading == "Reactions"
    assert _matched(hits[0]) == ["diplomats"]


def test_source_matches_publisher_author_and_title(small_index: SearchIndex) -> None:
    assert {h.doc_id for h in small_index.search("source:ledger ceasefire")} == {"ledger"}
    assert {h.doc_id for h in small_index.search('source:"jane doe" ceasefire')} == {"monitor"}
    assert {h.doc_id for h in small_index.search("source:monitr ceasefire")} == {"monitor"}


def test_expand_reports_exact_prefix_and_typo_matches(small_index: SearchIndex) -> None:
    expanded = dict(small_index.expand("ceasefire"))
    assert expanded["ceasefire"] == 1.0
    assert 0 < expanded["ceasfire"] < 1.0
    assert "diplomats" in dict(small_index.expand("diplo"))


def test_empty_index() -> None:
    index = SearchIndex([])
    assert index.search("anything") == []
    assert pickle.loads(pickle.dumps(index)).search("x") == []


# -- query parsing ------------------------------------------------------------------


def test_parse_query() -> None:
    q = parse_query("""source:"Daily Ledger" trump 'defence spending""")
    assert q.sources == ("Daily Ledger",)
    assert q.words == ("trump",)
    assert q.phrases == (("defence", "spending"),)
    q = parse_query("""'"nato summit" ceasefire source:monitor""")
    assert q.phrases == (("nato", "summit"),)
    assert q.words == ("ceasefire",)
    assert q.sources == ("monitor",)
    assert parse_query("  ").empty


# -- syntax a reader expects: double quotes, exclusions, unknown sources, fuzzy marks ---


def _syntax_index() -> SearchIndex:
    return SearchIndex(
        [
            _doc(
                "wire",
                "Trump met Zelensky in the Oval Office on Friday.",
                "Zelensky left the White House early, aides said.",
                "The office of the president declined to comment.",
                title="Wire",
            ),
            _doc("ledger", "Iran and Iraq talks stalled; NATO allies watched.", title="Ledger"),
        ]
    )


def test_double_quotes_make_a_required_phrase() -> None:
    index = _syntax_index()
    for query in ('"oval office"', '"oval office" zelensky', '\'"oval office" zelensky'):
        hits = index.search(query)
        assert [h.passage_id for h in hits] == ["wire:1"], query


def test_minus_excludes_a_word_or_phrase() -> None:
    index = _syntax_index()
    assert {h.passage_id for h in index.search("zelensky")} == {"wire:1", "wire:2"}
    assert [h.passage_id for h in index.search("zelensky -friday")] == ["wire:2"]
    assert [h.passage_id for h in index.search('zelensky -"white house"')] == ["wire:1"]


def test_unknown_source_is_reported_not_ignored() -> None:
    result = _syntax_index().query("source:nosuchpaper zelensky")
    assert result.hits == [] and result.total == 0
    assert result.notes == ("No source matches “nosuchpaper”",)
    known = _syntax_index().query("source:ledger iraq")
    assert [h.passage_id for h in known.hits] == ["ledger:1"] and known.notes == ()


def test_fuzzy_only_matches_are_marked() -> None:
    index = _syntax_index()
    [exact] = index.search("iraq")
    assert not exact.fuzzy
    hits = index.search("zelenksy")
    assert hits and all(h.fuzzy for h in hits)
    assert not any(h.fuzzy for h in index.search("zelensky"))


def test_total_counts_every_match_beyond_the_limit(seed_brief: Brief) -> None:
    everything = seed_brief.search_index.query("russia", limit=1000)
    assert everything.total == len(everything.hits) > 10
    first = seed_brief.search_index.query("russia", limit=5)
    assert len(first.hits) == 5 and first.total == everything.total


# -- headlines ------------------------------------------------------------------------
def _headline_docs() -> list[Document]:
    return [
        _doc(
            "quake",
            "Rescuers pulled survivors from collapsed homes overnight in the mountain villages.",
            "Officials said forty people had died and more than two hundred were hurt.",
            title="Death toll rises to 40 after earthquake",
        ),
        _doc(
            "bridge",
            "The bridge reopened to traffic on Monday after repairs to its deck.",
            "Engineers said the toll booths would stay closed until the spring.",
            title="Harbour crossing reopens",
        ),
    ]


def test_a_word_only_the_headline_holds_finds_the_articles_opening() -> None:
    """'toll' is in one headline and one passage: both are found, the headline's as the
    document's first passage (its row shows the headline), not its second."""
    index = SearchIndex(_headline_docs())
    hits = index.search("toll")
    assert {h.passage_id for h in hits} == {"quake:1", "bridge:2"}
    quake = next(h for h in hits if h.doc_id == "quake")
    assert quake.spans == []  # the word is in the headline, not in the passage's text
    assert [h.passage_id for h in index.search("earthquake")] == ["quake:1"]
    assert [h.passage_id for h in index.search("earthqauke")] == ["quake:1"]  # a typo too
    assert index.query("death toll").total == 2


def test_headline_words_do_not_change_a_passages_length_or_reach_other_passages() -> None:
    with_title = SearchIndex(_headline_docs())
    docs = [dataclasses.replace(d, title="") for d in _headline_docs()]
    without = SearchIndex(docs)
    # a word of the passage itself scores as it did: the passage's length is its own
    assert with_title.query("rescuers").hits == without.query("rescuers").hits
    assert without.search("earthquake") == []
    assert [h.passage_id for h in with_title.search("harbour")] == ["bridge:1"]  # not bridge:2


def test_a_cached_index_keeps_the_headlines() -> None:
    from brieftui.datacodec import dumps, loads

    docs = _headline_docs()
    index = SearchIndex(docs)
    cached = SearchIndex.from_cache_state(
        loads(dumps(index.cache_state(), plain=True), plain=True), docs
    )
    assert cached.search("toll") == index.search("toll")
    assert len(cached.search("toll")) == 2
    assert pickle.loads(pickle.dumps(index)).search("toll") == index.search("toll")


def test_a_source_name_held_as_typed_does_not_also_take_its_typo_neighbours() -> None:
    """From a CLI trial: `source:3_6ecbplus` found 3_4, 3_7, 3_9… too, a character
    away. A name some source holds as typed picks only those; a typo still finds one."""
    from brieftui.search.sources import matching_sources, source_fields

    fields = [source_fields(f"3_{k}wire__example.com", f"Harbour report {k}") for k in (4, 6, 7)]
    assert matching_sources("3_6wire", fields) == [1]
    assert matching_sources("3_6wrie", fields) == [1]  # nothing as typed: within a typo
    assert matching_sources("harbour", fields) == [0, 1, 2]
    assert matching_sources("nothing like it", fields) == []


def test_a_stopword_is_never_a_typo_of_a_query_word(tmp_path) -> None:
    """From a CLI trial: "ford" highlighted every "for" (one edit away), and a passage
    holding "clinic" and "for" counted as matching both words of "Ford clinic"."""
    import brieftui

    (tmp_path / "a.txt").write_text(
        "Actor returns to clinic\n\nThe actor thanked the staff for the care she had at "
        "the Hallam Ford clinic.\n\nShe left the clinic for a quiet week at home.\n",
        encoding="utf-8",
    )
    brief = brieftui.load([tmp_path], cache=False)
    hits = brief.search("ford clinic", limit=10)
    assert hits and "Ford" in hits[0].text
    for h in hits:
        assert {h.text[s:e].lower() for s, e in h.spans} <= {"ford", "clinic"}
