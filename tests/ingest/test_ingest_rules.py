"""The individual rules, on lines the seeds never contain: they must be general."""

from __future__ import annotations

from pathlib import Path

import pytest

from brieftui.ingest import boilerplate as bp
from brieftui.ingest.headings import heading_levels, plain_level
from brieftui.ingest.metadata import byline, dateline, parse_date, publisher_in
from brieftui.ingest.structure import parse_document
from brieftui.ingest.text import is_title_case, split_sentences, strip_inline_markdown

PROSE = (
    "Officials met in Geneva on Monday for a third round of talks that lasted late into "
    "the night, according to two people who attended, and agreed to meet again next week."
)


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("March 04, 2025", "2025-03-04"),
        ("4 March 2025", "2025-03-04"),
        ("2025-03-04", "2025-03-04"),
        ("Mar. 4, 2025", "2025-03-04"),
        ("Sept 30, 2024", "2024-09-30"),
        ("1st December 2023", "2023-12-01"),
        ("Published: Tuesday, March 4, 2025 10:30 AM EST", "2025-03-04"),
        ("Updated 2025-03-04T09:15:00Z", "2025-03-04"),
    ],
)
def test_datelines(text: str, iso: str) -> None:
    assert dateline(text) == iso


@pytest.mark.parametrize(
    "text",
    [
        "Trump signed the order on January 20, 2025, hours after taking office.",
        "February 30, 2025",
        "In 2025 the alliance met twice",
        "March 2025",
    ],
)
def test_not_datelines(text: str) -> None:
    assert dateline(text) is None


def test_parse_date_rejects_impossible_dates() -> None:
    assert parse_date("2025-13-01") is None
    assert parse_date("31 April 2025") is None


@pytest.mark.parametrize(
    ("text", "author"),
    [
        ("By: Gerard Bundersen", "Gerard Bundersen"),
        ("By Jane Doe", "Jane Doe"),
        ("BY Jane Doe", "Jane Doe"),
        ("Written by Ana María de la Cruz", "Ana María de la Cruz"),
        ("By Jane Doe and John Roe | March 4, 2025", "Jane Doe and John Roe"),
    ],
)
def test_bylines(text: str, author: str) -> None:
    found = byline(text)
    assert found is not None and found[0] == author


@pytest.mark.parametrize(
    "text", ["By the time Trump arrived, it was over.", "By 2030, NATO will spend more.", "Bye"]
)
def test_not_bylines(text: str) -> None:
    assert byline(text) is None


def test_byline_with_date() -> None:
    assert byline("By Jane Doe | 4 March 2025") == ("Jane Doe", "2025-03-04")


def test_copyright_owner() -> None:
    from brieftui.ingest.metadata import copyright_owner

    assert copyright_owner("© 2025 The Daily Ledger. All rights reserved.") == "The Daily Ledger"
    assert copyright_owner("© Getty Images/Win McNamee") is None  # an image credit


def test_publisher_only_when_named() -> None:
    assert publisher_in("She is the publisher of The Harbour Times.") == "The Harbour Times"
    assert publisher_in("This article first appeared in Foreign Affairs.") == "Foreign Affairs"
    assert publisher_in("He publishes often.") is None


STRONG_EXAMPLES: list[tuple[str, bp.Kind]] = [
    ("Follow us on Twitter", bp.Kind.SHARE),
    ("Follow us on X", bp.Kind.SHARE),
    ("Subscribe to our newsletter", bp.Kind.SHARE),
    ("Sign up for our daily briefing newsletter", bp.Kind.SHARE),
    ("Get the latest news delivered to your inbox", bp.Kind.SHARE),
    ("Download our app", bp.Kind.SHARE),
    ("Find us on Facebook", bp.Kind.SHARE),
    ("Follow us", bp.Kind.SHARE),
    ("Stay informed with our briefing", bp.Kind.SHARE),
    ("Click here to read more", bp.Kind.SHARE),
    ("Share this article", bp.Kind.SHARE),
    ("Share", bp.Kind.SHARE),
    ("Facebook | Twitter | LinkedIn | Email", bp.Kind.SHARE),
    ("Also read: NATO at 75", bp.Kind.RELATED),
    ("RELATED: Putin warns Europe", bp.Kind.RELATED),
    ("Read more: the view from Kyiv", bp.Kind.RELATED),
    ("You may also like", bp.Kind.RELATED),
    ("MORE: Inside the summit", bp.Kind.RELATED),
    ("1,204 views", bp.Kind.COUNTER),
    ("3 min read", bp.Kind.COUNTER),
    ("12 Comments", bp.Kind.COUNTER),
    ("Estimated reading time: 6 minutes", bp.Kind.COUNTER),
    ("Leave a comment", bp.Kind.COMMENTS),
    ("Post a Comment", bp.Kind.COMMENTS),
    ("Your email address will not be published.", bp.Kind.COMMENTS),
    ("Disclaimer: The views expressed are the author's own.", bp.Kind.DISCLAIMER),
    ("This article is not intended as financial advice.", bp.Kind.DISCLAIMER),
    (
        "The views expressed in this article are those of the author and do not "
        "reflect the position of this website.",
        bp.Kind.DISCLAIMER,
    ),
    ("Photo: Reuters", bp.Kind.CREDIT),
    ("Image: AFP via Getty Images", bp.Kind.CREDIT),
    ("Photo by Jane Doe/AP", bp.Kind.CREDIT),
    ("(Reuters)", bp.Kind.CREDIT),
    ("© 2025 The Daily Ledger", bp.Kind.CREDIT),
    ("Advertisement", bp.Kind.AD),
    ("ADVERTISEMENT", bp.Kind.AD),
    ("Story continues below advertisement", bp.Kind.AD),
    ("Tags: NATO, Russia, Ukraine", bp.Kind.TAGS),
    ("Home » World » Europe", bp.Kind.NAVIGATION),
    ("World › Europe › Ukraine", bp.Kind.NAVIGATION),
    ("Home > News > Politics", bp.Kind.NAVIGATION),
    ("Listen to this article", bp.Kind.NAVIGATION),
    ("Skip to content", bp.Kind.NAVIGATION),
    ("Updated 3 hours ago", bp.Kind.COUNTER),
    ("Filed under: World", bp.Kind.TAGS),
]


@pytest.mark.parametrize(("line", "kind"), STRONG_EXAMPLES)
def test_strong_boilerplate(line: str, kind: bp.Kind) -> None:
    assert bp.classify_line(line, zone=False) == kind


@pytest.mark.parametrize(
    "line",
    [
        PROSE,
        "Follow the money, critics of the deal said on Twitter.",
        "Share prices fell in Moscow.",
        "The photo showed the two leaders shaking hands.",
        "Related talks in Riyadh ended without a deal.",
        "In Brussels, Paris and Berlin, leaders met.",
        "Comments by the minister angered Kyiv.",
        "Subscribers to the treaty must spend more.",
        "Getty Images photographers were barred from the room.",
        "Trump’s current policies are consistent with his past actions",
        "Europe > Asia in the ranking, the report said.",
        "Like our allies in Europe, Washington imposed sanctions.",
        "Join our troops, the general told recruits.",
        "Photographs by the agency showed destroyed tanks near Kursk.",
        "Copyright law in the EU is changing fast.",
        "Download speeds fell after strikes hit the app servers.",
        "Get out, the protesters shouted at the envoy.",
        "Three days ago the talks collapsed.",
    ],
)
def test_body_lines_are_not_boilerplate(line: str) -> None:
    assert bp.classify_line(line, zone=False) is None
    assert bp.classify_line(line, zone=True) is None or line.startswith("In ")


def test_every_strong_rule_has_an_example_through_the_gate() -> None:
    """Each strong rule is exercised by an example that also passes the first-word gate."""
    for kind, pattern in bp._STRONG:
        examples = [line for line, k in STRONG_EXAMPLES if k == kind and pattern.fullmatch(line)]
        assert examples, f"no example for a {kind} rule: {pattern.pattern[:60]}"
        assert all(bp._may_be_chrome(line) for line in examples)


def test_weak_rules_only_in_head_or_tail() -> None:
    assert bp.classify_line("Comments", zone=False) is None
    assert bp.classify_line("Comments", zone=True) == bp.Kind.COMMENTS
    assert bp.classify_line("In world, europe, politics", zone=False) is None
    assert bp.classify_line("In world, europe, politics", zone=True) == bp.Kind.CATEGORY


@pytest.mark.parametrize(
    ("line", "prompt", "rest"),
    [
        (
            "Join our Telegram ChannelThe talks resumed.",
            "Join our Telegram Channel",
            "The talks resumed.",
        ),
        (
            "Follow us on WhatsAppNATO said on Monday.",
            "Follow us on WhatsApp",
            "NATO said on Monday.",
        ),
        (
            "Subscribe to our newsletter“We will not yield,” he said.",
            "Subscribe to our newsletter",
            "“We will not yield,” he said.",
        ),
    ],
)
def test_glued_prompts(line: str, prompt: str, rest: str) -> None:
    assert bp.split_glued_prompt(line) == (prompt, rest)


def test_no_glue_without_a_prompt() -> None:
    assert bp.split_glued_prompt("Joining the EU was a goal of McDonald’s lobbyists.") is None
    assert bp.split_glued_prompt("Follow the money, said the iPhone maker.") is None


def test_trailing_prompt() -> None:
    text = "The talks ended on Friday.Follow us on Instagram for more."
    assert bp.split_trailing_prompt(text) == (
        "The talks ended on Friday.",
        "Follow us on Instagram for more.",
    )
    assert bp.split_trailing_prompt("He said we should follow us on the road.") is None


def test_glued_advertisement() -> None:
    assert bp.split_glued_prompt("AdvertisementThe president said no.") == (
        "Advertisement",
        "The president said no.",
    )


def test_kicker_above_the_headline() -> None:
    doc = parse_document(Path("k.txt"), f"Opinion\n\nWhy NATO must change its ways\n\n{PROSE}\n")
    assert doc.title == "Why NATO must change its ways"
    assert doc.removed == ("Opinion",)


def test_bio_of_someone_the_article_is_about_stays() -> None:
    text = (
        f"Headline Here\n\n{PROSE} Smith said so.\n\n"
        "Smith is a journalist who has covered the war since 2014 and still does.\n"
    )
    doc = parse_document(Path("s.txt"), text)
    assert doc.about is None and doc.passage_count == 2


def test_engagement_sentences() -> None:
    assert bp.is_engagement("Let us know what you think in the comments.")
    assert bp.is_engagement("Don't forget to share this article with your friends.")
    assert not bp.is_engagement("Let us know, the minister told reporters, if Moscow moves.")
    assert not bp.is_engagement("Is the alliance ready for what comes next?")
    assert not bp.is_engagement("“What do you think?” the envoy asked the minister.")


def test_tag_list() -> None:
    assert bp.is_tag_list("Donald Trump Nato United States")
    assert bp.is_tag_list("EU Russia Sanctions")
    assert not bp.is_tag_list("The End.")
    assert not bp.is_tag_list("Trump said no")


@pytest.mark.parametrize(
    ("line", "level"),
    [
        ("The Economic Dimension", 1),
        ("So, What Does Trump Want?", 1),
        ("Short-Term (6-12 months):", 2),
        ("Background:", 2),
        ("Why sanctions matter now", 1),
        ("Will European countries feel excluded from the process?", 0),
        ("This stance has sparked controversy for several reasons:", 0),
        ("He said nothing.", 0),
        ("Wow!", 0),
        ("- A list item", 0),
        ("lower case start", 0),
        (PROSE, 0),
    ],
)
def test_plain_heading_level(line: str, level: int) -> None:
    assert plain_level(line, in_list=False) == level


def test_short_lines_inside_a_list_are_items() -> None:
    paras = ["Three things matter:", "Lower energy prices", "Troops on the border", "Next", PROSE]
    assert heading_levels(paras) == [0, 0, 0, 0, 0]


def test_heading_under_heading_is_a_subheading() -> None:
    assert heading_levels(["Part One", "The First Detail", PROSE]) == [1, 2, 0]


def test_last_line_is_never_a_heading() -> None:
    assert heading_levels([PROSE, "The End Of It"]) == [0, 0]


def test_title_case() -> None:
    assert is_title_case("The “Trump-Putin Deal”: What’s Next for Ukraine?")
    assert is_title_case("Mid-Term (1-3 years)")
    assert not is_title_case("Trump’s current policies are consistent")


def test_sentence_split_keeps_abbreviations() -> None:
    text = "Mr. Smith met Dr. Jones in the U.S. on Monday. They spoke. J. D. Vance left."
    assert split_sentences(text) == [
        "Mr. Smith met Dr. Jones in the U.S. on Monday.",
        "They spoke.",
        "J. D. Vance left.",
    ]


def test_inline_markdown() -> None:
    assert (
        strip_inline_markdown("fears of **disunity** and *doubt*") == "fears of disunity and doubt"
    )
    assert strip_inline_markdown("see [the report](https://x.y/z)") == "see the report"
    assert strip_inline_markdown("2 * 3 * 4 and snake_case_name") == "2 * 3 * 4 and snake_case_name"


def test_plain_text_keeps_what_only_markdown_would_read_as_markup() -> None:
    """From a trial: a .txt article's ``__init__`` read "init" and its backticks vanished,
    so an exact quote of it was refused. Only ``**bold**`` and links to web addresses
    are taken as markdown in plain text."""
    line = "The __init__ hook, `x`, a*b*c and *stars* stay; **bold** and [a site](https://x.y/z) do not."
    assert strip_inline_markdown(line, markdown=False) == (
        "The __init__ hook, `x`, a*b*c and *stars* stay; bold and a site do not."
    )
    assert strip_inline_markdown("[a](javascript:alert(1))", markdown=False) == (
        "[a](javascript:alert(1))"
    )
    text = f"Plain title\n\n{PROSE} The __init__ method and `x` were discussed.\n"
    plain = " ".join(p.text for p in parse_document(Path("d.txt"), text).passages())
    assert "__init__ method and `x`" in plain
    marked = " ".join(p.text for p in parse_document(Path("d.md"), text, markdown=True).passages())
    assert "init method and x" in marked


def test_body_date_is_not_the_article_date() -> None:
    doc = parse_document(Path("d.txt"), f"Big News Today\n\n{PROSE} It happened on 4 March 2025.\n")
    assert doc.date is None


def test_bio_needs_a_profession_and_the_end() -> None:
    text = (
        f"Headline Here\n\n{PROSE}\n\nPutin is a former intelligence officer who has ruled "
        "Russia for a quarter of a century and shows no sign of stopping.\n"
    )
    doc = parse_document(Path("b.txt"), text)
    assert doc.about is None and doc.passage_count == 2


# --- issue 11, item 11: a prompt rule never removes a sentence of the prose --------------

PROSE_STARTING_LIKE_PROMPTS = [
    # a prompt that is the subject of a verb
    "Leave a comment was all the minister wrote before he logged off for the night.",
    "Leave a comment was all it took for the account to be suspended.",
    "Share your thoughts is the slogan printed on every ballot box in the district.",
    # a prompt the text reports someone saying
    "Share your thoughts with the committee by Friday, the ministry urged citizens.",
    "Let us know what you think of the plan, the minister told reporters in Kyiv.",
    "Stay tuned, the president told reporters.",
    "Click here, the phishing email told staff, and your files will be returned.",
    # a prompt inside a quote
    "“Subscribe to our Telegram channel,” the militants’ video urged viewers.",
    "“Like and subscribe,” the streamer said before the feed was cut.",
    # a word that is a prompt in a share bar and a noun in prose
    "Share on Monday rose 4 per cent after the results.",
]


@pytest.mark.parametrize("sentence", PROSE_STARTING_LIKE_PROMPTS)
def test_prose_starting_like_a_prompt_stays(sentence: str) -> None:
    """As a paragraph of its own, last in the article (where calls to engage are looked
    for), glued after another sentence, and in the middle: it is never removed."""
    for body in (
        [PROSE, sentence],
        [PROSE + " " + sentence],
        [sentence, PROSE],
    ):
        doc = parse_document(Path("p.txt"), "A Headline For The Test\n\n" + "\n\n".join(body))
        text = " ".join(p.text for p in doc.passages())
        assert sentence in text, (body, doc.removed)
        assert not any(sentence in r or r in sentence for r in doc.removed), doc.removed


def test_real_prompts_are_still_removed() -> None:
    for line in ("Share on Facebook", "Share via email", "Stay tuned for updates"):
        assert bp.classify_line(line, zone=False) is bp.Kind.SHARE
    doc = parse_document(
        Path("p.txt"),
        "A Headline For The Test\n\n"
        + PROSE
        + "\n\nWhat do you think? Leave a comment below. Share your thoughts in the comments!",
    )
    assert doc.removed == (
        "What do you think?",
        "Leave a comment below.",
        "Share your thoughts in the comments!",
    )
    assert bp.split_trailing_prompt(PROSE + " Subscribe to our Telegram channel.") == (
        PROSE,
        "Subscribe to our Telegram channel.",
    )
    assert bp.split_trailing_prompt(PROSE + " Subscribe to the channel, the video urged.") is None


def test_every_removal_says_why(seed_brief) -> None:
    """The r screen shows why each piece was removed: a reason for every one of them."""
    for doc in seed_brief.documents:
        assert len(doc.removed_why) == len(doc.removed)
        assert all(doc.removed_why), (doc.id, doc.removed, doc.removed_why)
    kinds = {why for doc in seed_brief.documents for why in doc.removed_why}
    assert {"share/follow prompt", "related link"} & kinds
