"""The JSON contract: every key present, even when empty; ids stable across runs."""

from tidings.run.coding import code_text
from tidings.records.contract import to_contract

KEYS = {
    "id",
    "title",
    "outlet",
    "byline",
    "agency",
    "published",
    "updated",
    "url",
    "language",
    "text",
    "events",
    "quotes",
    "actors",
    "dates",
    "places",
}


def test_contract_keys_present_even_when_empty():
    out = to_contract(code_text("The weather was mild.", published="2021-12-12"))
    assert KEYS <= set(out)
    for key in ("events", "quotes", "actors", "dates", "places"):
        assert isinstance(out[key], list)


def test_same_text_same_ids():
    a = to_contract(code_text("Russia and Ukraine held talks in Minsk.", published="2021-12-12"))
    b = to_contract(code_text("Russia and Ukraine held talks in Minsk.", published="2021-12-12"))
    assert a == b


def test_paragraph_break_starts_sentence():
    coded = code_text("UPDATED heading without a stop\n\nThe minister said the talks went well.")
    assert len(coded.sentences) >= 2
    assert coded.sentences[0].text.strip().startswith("UPDATED")
