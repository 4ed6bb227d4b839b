"""Quotations: found by their marks, compared after normalising, with their speakers."""

from __future__ import annotations

from brieftui.divergence.extract import passage_facts
from brieftui.divergence.facts import QUOTE, QuoteValue
from brieftui.divergence.pairing import AGREES, DIFFERS, SHORTENED, quote_verdict
from brieftui.divergence.quotes import normalise_words, quote_spans


def quotes(text: str):
    return [f for f in passage_facts(text) if f.kind == QUOTE]


def q(text: str, **kw) -> QuoteValue:
    return QuoteValue(normalise_words(text), None, **kw)


def test_quote_marks_of_every_kind() -> None:
    text = '“Curly one,” she said. "Straight one," he said. ‘Single one’ too, it\'s done.'
    assert [text[s:e] for s, e in quote_spans(text)] == [
        "Curly one,",
        "Straight one,",
        "Single one",
    ]


def test_an_apostrophe_is_not_a_closing_quote() -> None:
    text = "‘The union’s demands are not met’, she said."
    assert [text[s:e] for s, e in quote_spans(text)] == ["The union’s demands are not met"]


def test_normalising_quotes() -> None:
    assert normalise_words("We will find out, who is  responsible.") == normalise_words(
        "we will find out who is responsible"
    )
    assert normalise_words("They aren't going") == normalise_words("they are not going")
    assert normalise_words("the neighbourhood (Tara Reid) at 6:00 p.m.") == normalise_words(
        "the neighborhood at 6 p.m."
    )


def test_verdicts() -> None:
    full = q("We will find out who is responsible, and they will answer for it.")
    assert (
        quote_verdict(full, q("We will find out who is responsible and they will answer for it"))
        == AGREES
    )
    assert quote_verdict(full, q("We will find out who is responsible.")) == SHORTENED
    assert (
        quote_verdict(full, q("We will find out who is to blame, and they will answer for it."))
        == DIFFERS
    )
    assert (
        quote_verdict(
            q("There were no cards on the table."), q("There were no good cards on the table.")
        )
        == DIFFERS
    )
    assert quote_verdict(full, q("The weather was dreadful all week long.")) is None


def test_an_ellipsis_joins_two_excerpts() -> None:
    full = q("We will find out who is responsible, and they will answer for it, whoever they are.")
    cut = q("We will find out who is responsible … whoever they are.")
    assert quote_verdict(full, cut) == SHORTENED


def test_initials_and_compounds_are_one_wording() -> None:
    a = q("encourages all Internet Explorer customers to update their data centers now")
    b = q("encourages all IE customers to update their datacenters now")
    assert quote_verdict(a, b) == AGREES


def test_a_fragment_in_another_frame_is_not_a_misquote() -> None:
    a = q("reached the edge of the abyss", opens_mid=True, closes_mid=True)
    b = q("Our country is on the edge of the abyss,")
    assert quote_verdict(a, b) != DIFFERS


def speaker_of(text: str) -> str | None:
    (fact,) = quotes(text)
    speaker = fact.value.speaker
    return speaker.text if speaker else None


def test_speaker_after_the_quote() -> None:
    assert (
        speaker_of('"The price looks full, but not outrageous," said Priya Raman, an analyst.')
        == "Priya Raman"
    )
    assert (
        speaker_of(
            '"Conditions were very difficult today," coastguard spokesman Nikos Andreou told reporters.'
        )
        == "Nikos Andreou"
    )
    assert (
        speaker_of(
            '"People should run to install it," said Trend Micro threat researcher Paul Ferguson.'
        )
        == "Paul Ferguson"
    )


def test_speaker_before_the_quote() -> None:
    assert (
        speaker_of('Grieving husband Dimitris Kostas, 36, told us: "The water came in so fast."')
        == "Dimitris Kostas"
    )
    assert (
        speaker_of('Aktis Lines insisted the vessel "was fully certified and safe".')
        == "Aktis Lines"
    )


def test_a_pronoun_is_the_one_person_named_before() -> None:
    text = 'Maria Kostas was on board. "The water came in so fast," she said.'
    assert speaker_of(text) == "Maria Kostas"
    two = 'Maria Kostas and Dimitris Kostas were on board. "The water came in so fast," she said.'
    assert speaker_of(two) is None


def test_short_scare_quotes_are_not_quotations() -> None:
    assert quotes('The company said it was "devastated" by the news.') == []


def test_a_transcription_that_adds_or_drops_a_function_word_agrees() -> None:
    """ "We reviewed the contract" / "we have reviewed the contract": one statement written
    down twice, not a misquote (from a new-user trial). A dropped "not" still differs."""
    a = q("We reviewed the contract with the harbour board and found no breach.")
    b = q("We have reviewed the contract with the harbour board and found no breach.")
    assert quote_verdict(a, b) == AGREES
    c = q("We have not reviewed the contract with the harbour board and found no breach.")
    assert quote_verdict(b, c) == DIFFERS
