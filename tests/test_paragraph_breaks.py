"""tidings_paragraphs: a token right after one holding a line break starts a sentence, and
nothing else changes (it reads token strings, not Tokens: pinned against the plain rule)."""

from __future__ import annotations

import pytest

from tidings.nlp.components import paragraphs

TEXTS = [
    "",
    "One line only.",
    "Headline\nBody text starts here. It goes on.",
    "First paragraph.\n\nSecond paragraph.\n\n\nThird.",
    "Windows\r\nline ends\r\n\r\nhere.",
    "- item one\n- item two\n  indented\n",
    "\nLeading break and trailing break\n",
    "Spaces  \n  around\t\n\tbreaks \u2028 and a line separator.",
    "KYIV, Ukraine (AP) —\nRussia said on Monday\nthat talks would go on.",
]


def _plain_rule(doc) -> list[int]:
    return [tok.i for tok in doc[1:] if "\n" in doc[tok.i - 1].text]


@pytest.mark.parametrize("text", TEXTS)
def test_a_line_break_starts_the_next_sentence(nlp, text):
    doc = paragraphs(nlp.make_doc(text))
    starts = _plain_rule(doc)
    assert [t.i for t in doc[1:] if t.is_sent_start] == starts
    assert all(t.is_sent_start is None for t in doc[1:] if t.i not in starts)  # left to the parser
    assert text.count("\n") == 0 or starts
