"""The actor trie splits its lexicon's plain phrases at the spaces without running the
tokenizer (a start-up saving, issue 22): every phrase must split exactly as the tokenizer
splits it, or a name would stop matching."""

from __future__ import annotations

from tidings.actors.component import build_lexicon
from tidings.actors.matcher import plain_words, tokenised


def _by_tokenizer(tokenizer, texts):
    return [tuple(t.text for t in doc if not t.is_space) for doc in tokenizer.pipe(texts)]


def test_every_lexicon_phrase_splits_as_the_tokenizer_splits_it(nlp):
    texts = sorted({e.phrase for e in build_lexicon().entries})
    texts += [t[:1].upper() + t[1:] for t in texts if t[:1].islower()]  # the trie's capitalised forms
    assert tokenised(texts, nlp.tokenizer) == _by_tokenizer(nlp.tokenizer, texts)


def test_plain_words_leaves_the_tokenizer_what_it_splits_itself(nlp):
    special = nlp.tokenizer.rules
    assert plain_words("foreign ministry", special) == ("foreign", "ministry")
    for text in ("cannot", "U.S. army", "al-Qaeda", "Côte d'Ivoire", "two  spaces", " lead", "gov.", ""):
        assert plain_words(text, special) is None, text
    odd = ["cannot", "Gonna", "two  spaces", "the  U.N.", "Hezbollah's", "ad hoc"]
    assert tokenised(odd, nlp.tokenizer) == _by_tokenizer(nlp.tokenizer, odd)
