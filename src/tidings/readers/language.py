"""Language of an article: a stopword count first, langdetect (seeded) only when unsure.

Short texts and texts made mostly of names give no evidence; they get None (unknown),
which the pipeline codes rather than skips, so English is never thrown away by mistake.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["LanguageOptions", "detect_language"]

# distinctive function words, most frequent first
_STOPWORDS = {
    "en": "the of and to in a is that for on with as was said by at from it his has have be are "
    "were not this which will would but had been its their they he she who after an or also "
    "than more about against over into could told",
    "fr": "le la les des du de et est une un dans pour qui que sur pas au aux avec il elle ont été "
    "cette ses son par plus ne se ce sont mais ou leur nous vous a déclaré selon",
    "de": "der die das und ist nicht mit den dem ein eine von zu auf für sich im des auch es wird hat "
    "sie nach bei wie aus dass werden einer sind noch nur wurde am",
    "es": "el la los las de y en que del por con para una un se su sus es al lo como más fue ha pero "
    "sobre este esta entre también dijo según",
    "it": "il la di e che del della per un una in con non è sono gli le da al dei si ha nel alla "
    "anche ma come più questo sulla ha detto",
    "pt": "o a os as de e do da dos das em que para com um uma não no na por se é foi ao mais mas "
    "pelo pela também disse",
    "nl": "de het een en van in is dat op te voor met zijn niet aan er ook als bij door naar om werd "
    "heeft hij zij maar nog",
}
STOPWORDS = {lang: frozenset(words.split()) for lang, words in _STOPWORDS.items()}
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


@dataclass(frozen=True)
class LanguageOptions:
    min_hits: int = 3  # stopword hits needed before the count decides
    margin: float = 1.5  # best language must beat the runner-up by this factor
    min_common_words: int = 12  # lower-case words (not names) needed before langdetect is asked
    min_langdetect_prob: float = 0.90
    undecided: str | None = None  # given to texts too short or too full of names to tell (None: unknown)


def _latin_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 1.0
    return sum(1 for c in letters if c < "\u0250") / len(letters)


def _langdetect(text: str, options: LanguageOptions) -> str | None:
    try:
        from langdetect import DetectorFactory, detect_langs
        from langdetect.lang_detect_exception import LangDetectException
    except ImportError:  # pragma: no cover - langdetect is a dependency
        return None
    DetectorFactory.seed = 0  # langdetect is random otherwise
    try:
        best = detect_langs(text[:5000])[0]
    except LangDetectException:
        return None
    return best.lang.split("-")[0] if best.prob >= options.min_langdetect_prob else None


def detect_language(text: str, options: LanguageOptions | None = None) -> str | None:
    """ "en", "fr", ... or None when the text does not say."""
    options = options or LanguageOptions()
    raw = _WORD.findall(text[:20000])
    words = [w.lower() for w in raw]
    if not words:
        return options.undecided
    if _latin_share(text[:5000]) < 0.5:
        return _langdetect(text, options)
    hits = {lang: sum(1 for w in words if w in sw) for lang, sw in STOPWORDS.items()}
    ranked = sorted(hits.items(), key=lambda kv: -kv[1])
    (best, h1), (_, h2) = ranked[0], ranked[1]
    if h1 >= options.min_hits and h1 >= options.margin * h2:
        return best
    common = sum(1 for w in raw if w[0].islower())
    if common >= options.min_common_words:
        found = _langdetect(text, options)
        # langdetect is easily fooled by names: a language whose function words are missing
        # from the text, or fewer than the English ones, is not believed
        if found in STOPWORDS and found != "en" and hits[found] < options.min_hits:
            return options.undecided
        if found and found != "en" and hits.get(found, 0) < hits["en"]:
            return options.undecided
        return found or options.undecided
    # few words: English if its function words are at least as many as any other language's
    if hits["en"] == h1 >= 2:
        return "en"
    return options.undecided
