"""A faster drop-in for spaCy's rule-based ``lemmatizer``, wrapping the model's own instance.

What spaCy's Lemmatizer does in "rule" mode (spaCy 3.8, spacy/pipeline/lemmatizer.py with
the English ``is_base_form`` of spacy/lang/en/lemmatizer.py), and this component reproduces:

* ``__call__`` visits the tokens in order and sets ``token.lemma_ = rule_lemmatize(token)[0]``
  on those without a lemma (``token.lemma == 0``; the attribute_ruler already sets some, e.g.
  "ai"/"n't" of "ain't", "gon"/"na" of "gonna"), or on every token when ``overwrite`` is set.
  An exception goes to the component's error handler, the tokens before it keep their lemma,
  and ``__call__`` then returns None, as spaCy's does.
* ``rule_lemmatize(token)`` reads only the token's text (its ORTH), its POS and its morphology
  (the English ``is_base_form`` looks at POS and morph features), plus the fixed lookup tables.
  In spaCy 3.8 its cache key is ``(orth, pos, morph.key)``, and it stores only results that
  reach the suffix rules; the early returns (empty POS with warning W108, SPACE, base forms,
  POS without tables) are recomputed each time. Either way the result is a function of
  ``(ORTH, POS, MORPH)``.

How it is faster: the three columns and LEMMA are read with one ``doc.to_array``; the lemma id
of a ``(ORTH, POS, MORPH)`` key is memoised in a dict, so a token is one dict lookup instead of
a Token object, a MorphAnalysis and string work. A key seen for the first time is computed by
the model's own ``rule_lemmatize`` on that token, in document order, so the model's own
``cache`` receives exactly the entries, in the order, spaCy's run would give it. Tokens with an
empty POS are not memoised (spaCy warns W108 on each of them; they go through every time).
The lemmas go back with one ``doc.from_array([LEMMA])`` (it only writes the token structs).
Inside a vocab memory zone new keys are memoised for the current Doc only, since their lemma
strings may be transient. Anything but a plain Lemmatizer/EnglishLemmatizer in "rule" mode
(another mode, a subclass, a replaced ``lemmatize``) is left to the original component. Like
spaCy's cache, the memo assumes the lookup tables do not change once the pipeline runs.

One deliberate difference, only with ``repair_spelling`` (the pipeline of ``tidings.nlp`` sets
it; ``replace_lemmatizer`` alone does not): spaCy 3.8 puts each rule's candidate that is in the
index at the *front* of the list, so of several known bases the one of the last rule wins, and
for verbs that is the bare stem: "hopes" -> hop (not hope), "slated" -> slat, "raged" -> rag,
"rated" -> rat, "waged" -> wag, "riding" -> rid. English spelling excludes those readings, and
the model's own tables say so: a stem that doubles its last consonant (the exception table
lists "hopped", "hopping" -> hop) does not spell its forms "hoped", "hoping"; and -es is added
bare only after s, x, z, ch, sh or o ("fixes", "goes"), else it is -s ("hops"). So when the
first candidate X of a verb is such a stem and X + "e" is also a candidate, X + "e" is the
lemma (see ``spelled_base``). Words of the exception table keep spaCy's answer.
"""

from __future__ import annotations

from typing import Callable

import numpy as np
from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.errors import Errors
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc

__all__ = ["FastLemmatizer", "replace_lemmatizer", "spelled_base"]

_READ = [ORTH, POS, MORPH, LEMMA]
_PLAIN = (Lemmatizer, EnglishLemmatizer)  # classes whose rule_lemmatize we know is pure
_BARE_ES = ("s", "x", "z", "ch", "sh", "o")  # stems that take -es rather than -s


def spelled_base(word: str, forms: list[str], exceptions: dict) -> str:
    """The lemma among spaCy's candidate ``forms`` of the verb ``word`` that spelling allows.

    ``forms[0]`` (spaCy's answer) unless it is a stem X whose form could not be spelled
    ``word`` while X + "e" is also a candidate: ``word`` is X + "es" and X does not end in
    s, x, z, ch, sh or o; or ``word`` is X + "ed" / X + "ing" and ``exceptions`` (spaCy's verb
    exception table) gives X's -ed or -ing form with the last consonant doubled ("hopped").
    See the module docstring.
    """
    word = word.lower()
    if not forms or word in exceptions:
        return forms[0] if forms else word
    stem = forms[0]
    if stem + "e" not in forms or not stem.isalpha():
        return stem
    suffix = word[len(stem) :] if word.startswith(stem) else ""
    if suffix == "es":
        return stem if stem.endswith(_BARE_ES) else stem + "e"
    if suffix in ("ed", "ing"):
        doubles = any(stem in exceptions.get(stem + stem[-1] + end, ()) for end in ("ed", "ing"))
        return stem + "e" if doubles else stem
    return stem


class FastLemmatizer:
    """Same effect as the wrapped spaCy Lemmatizer (unless ``repair_spelling``); see the module docstring."""

    def __init__(self, vocab, name: str = "lemmatizer", repair_spelling: bool = False) -> None:
        self.vocab = vocab
        self.name = name
        self.repair_spelling = repair_spelling  # see the module docstring and spelled_base
        self.original: Lemmatizer | None = None
        self._memo: dict[tuple[int, int, int], int] = {}
        self._verb_exceptions: dict = {}

    def wrap(self, original: Lemmatizer) -> None:
        self.original = original
        self._memo = {}
        self._verb_exceptions = original.lookups.get_table("lemma_exc", {}).get("verb", {})

    @property
    def fast(self) -> bool:
        """Whether this run can use the memo (else the original component does the job)."""
        orig = self.original
        return (
            orig is not None
            and type(orig) in _PLAIN
            and orig.mode == "rule"
            and getattr(orig.lemmatize, "__func__", None) is Lemmatizer.rule_lemmatize
        )

    # the pipeline's error handler is the original component's
    def _wrapped(self) -> Lemmatizer:
        if self.original is None:
            raise ValueError("FastLemmatizer has no lemmatizer to wrap (see replace_lemmatizer)")
        return self.original

    def get_error_handler(self) -> Callable:
        return self._wrapped().get_error_handler()

    def set_error_handler(self, error_handler: Callable) -> None:
        self._wrapped().set_error_handler(error_handler)

    def __call__(self, doc: Doc) -> Doc | None:
        orig = self.original
        if orig is None:
            raise ValueError("FastLemmatizer has no lemmatizer to wrap (see replace_lemmatizer)")
        if not self.fast:
            return orig(doc)
        if not orig._validated:
            orig._validate_tables(Errors.E1004)
        n = len(doc)
        if n == 0:
            return doc
        arr = doc.to_array(_READ)
        lemmas = arr[:, 3].tolist()
        todo = range(n) if orig.overwrite else np.flatnonzero(arr[:, 3] == 0).tolist()
        if not len(todo):
            return doc
        orths, poses, morphs = arr[:, 0].tolist(), arr[:, 1].tolist(), arr[:, 2].tolist()
        memo = self._memo
        new = {} if self.vocab.in_memory_zone else memo  # where new keys are memoised
        add = self.vocab.strings.add
        try:
            for i in todo:
                key = (orths[i], poses[i], morphs[i])
                lemma = memo.get(key)
                if lemma is None:
                    lemma = new.get(key)
                    if lemma is None:
                        lemma = add(self._lemma(orig, doc[i]))
                        if key[1]:
                            new[key] = lemma
                lemmas[i] = lemma
        except Exception as e:  # the tokens before this one keep their new lemma, as in spaCy
            # spaCy's stub asks for thinc's Ints2d; Doc.from_array takes a 1-D array for one attribute
            doc.from_array([LEMMA], np.array(lemmas, dtype=np.uint64))  # type: ignore[arg-type]
            orig.get_error_handler()(orig.name, orig, [doc], e)
            return None
        doc.from_array([LEMMA], np.array(lemmas, dtype=np.uint64))  # type: ignore[arg-type]  # as above
        return doc

    def _lemma(self, orig: Lemmatizer, token) -> str:
        forms = orig.rule_lemmatize(token)
        if self.repair_spelling and token.pos_ == "VERB" and len(forms) > 1:
            return spelled_base(token.text, forms, self._verb_exceptions)
        return forms[0]


@Language.factory("tidings_lemmatizer", assigns=["token.lemma"])
def make_fast_lemmatizer(nlp: Language, name: str) -> FastLemmatizer:
    return FastLemmatizer(nlp.vocab, name)


def replace_lemmatizer(nlp: Language, name: str = "lemmatizer", repair_spelling: bool = False) -> FastLemmatizer:
    """Swap the pipeline's lemmatizer for the fast one, same place and name, wrapping it.

    ``repair_spelling``: prefer the base that spelling allows (see ``spelled_base``)."""
    original = nlp.get_pipe(name)
    if not isinstance(original, Lemmatizer):  # what wrap takes (the pipelines we load have one)
        raise TypeError(f"the pipe {name!r} is a {type(original).__name__}, not a Lemmatizer")
    fast = nlp.replace_pipe(name, "tidings_lemmatizer")
    if not isinstance(fast, FastLemmatizer):  # not met: the factory makes one
        raise TypeError(f"tidings_lemmatizer made a {type(fast).__name__}")
    fast.repair_spelling = repair_spelling
    fast.wrap(original)
    return fast
