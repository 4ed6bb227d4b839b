"""Search as you type over every passage of a brief: typo-tolerant, word-level, ranked.

Query syntax (fzf-like)::

    zelensky ceasefire        plain words: each is matched fuzzily (exact word, then
                              prefix — the word being typed — then typos and spelling
                              variants); passages with ALL the words rank first
    'defence spending         a leading ' makes the rest of the query one exact,
                              case-insensitive phrase (whole words, in order)
    "defence spending" nato   a quoted phrase must be in every hit ('"…" works too)
    'nato                     a single exact word: no prefix, no typo matching
    -nato  -"white house"     leave out passages holding the word (or phrase);
                              exact words and their spelling variants, no typos
    source:ledger trump       restrict to documents whose id, title, publisher or
                              author fuzzy-matches NAME (quote it: source:"daily ledger");
                              several source: terms widen the filter; alone it lists
                              the passages of those documents in reading order; a
                              name that matches no document is reported, never ignored

Method (why it is fast): every passage is tokenised once with :mod:`brieftui.text`
(the same words compare uses) into a vocabulary of normalised terms (case, accents,
possessives and British/American spelling folded). Passages are numbered by *length
rank* (shortest first, reading order on ties), and each term's postings are those
ranks: a term found in more than one passage in 32 as a bitset, the others as sorted
ranks in one flat array (:mod:`~brieftui.search.build`). A query word is expanded
against the *vocabulary*: exact term, then prefixes via bisect on the sorted
vocabulary (the word being typed), then typos via rapidfuzz OSA distance over the
terms of similar length and the same first letters, each expansion with a weight
(exact > prefix > typo) times its idf (capped at the word's own, so a rare
typo-neighbour of a common word cannot outrank it). Passages are ranked by how many
query words they hold, then by BM25 with tf = 1 (passages are paragraphs: the length
norm times the summed weights, so rare words count more), plus a bonus when query
words are adjacent, then by reading order.

Every set a keystroke needs (a word's expansions united, the words intersected, the
matches counted for "50 of 58,000 hits") is an ``int`` of bits, so each is a C loop
over N/8 bytes, microseconds at 200,000 passages (:mod:`~brieftui.search.bits`).
Because bit order is length order, the passages with the highest length norm in a
set are its lowest bits: large candidate sets are cut to those that could still enter
the top (:mod:`~brieftui.search.rank`), and only they are scored one by one. Sets are
cached per term and per query word, since typing repeats both. Match spans are
computed only for the hits returned, by re-tokenising their text. No passage is ever
scored with a fuzzy scorer.

Known limits: term frequency is ignored; with many passages holding every word, only
the ``RIVALS`` best by length are scored beside the certain ones; a typo in the first
letter of a word is found only when it is a transposition or an extra letter.

Modules: ``query`` (the syntax), ``build`` (passages → state, also in a worker
process), ``bits`` (sets as bits), ``index`` (:class:`SearchIndex`: tables, cache
form, one query), ``passages`` (passages by number, decoded on demand), ``resolve``
(query words, phrases, sources and exclusions → passage sets), ``rank`` (scoring,
adjacency, highlights).
"""

from __future__ import annotations

from brieftui.search.build import IndexRow, index_rows, row_chunks
from brieftui.search.index import SearchIndex
from brieftui.search.query import Query, parse_query
from brieftui.search.results import Hit, SearchResult

__all__ = [
    "Hit",
    "IndexRow",
    "Query",
    "SearchIndex",
    "SearchResult",
    "index_rows",
    "parse_query",
    "row_chunks",
]
