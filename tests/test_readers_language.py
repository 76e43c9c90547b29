"""Language detection: stopwords first, seeded langdetect when unsure; English never mis-flagged."""

from __future__ import annotations

import pytest

from tidings.readers import read_text
from tidings.readers.language import detect_language

ENGLISH = [
    "Biden warned Putin of sanctions if Russia invaded Ukraine, the White House said.",
    "Vladimir Putin, Joe Biden, Emmanuel Macron, Olaf Scholz and Xi Jinping met in Rome.",
    "The ministry said the talks would resume in Geneva on Monday and that it expected progress.",
]
NOT_FLAGGED = [  # too short or too full of names to tell: unknown, so still coded
    "Putin met Biden in Geneva.",
    "Biden warned Putin.",
    "Kim Jong-un, Moon Jae-in, Shinzo Abe, Xi Jinping, Vladimir Putin, Recep Tayyip Erdogan, Narendra Modi, "
    "Imran Khan, Jair Bolsonaro, Cyril Ramaphosa, Muhammadu Buhari, Abiy Ahmed, Uhuru Kenyatta, Paul Kagame attended.",
    "Sergei Lavrov, Antony Blinken: Geneva, Jan. 21.",
]
OTHER = {
    "fr": "Le président français Emmanuel Macron a reçu jeudi à l'Elysée son homologue kenyan William Ruto, avant "
    "l'ouverture du sommet.",
    "de": "Die Bundesregierung hat am Montag die Entwicklungshilfe für Niger ausgesetzt, wie das Ministerium mitteilte.",
    "es": "El gobierno de Colombia y la guerrilla del ELN acordaron el viernes un cese al fuego de seis meses, "
    "dijeron las partes en La Habana.",
    "it": "Il governo italiano ha annunciato che non invierà altre armi, ha detto il ministro della difesa.",
    "pt": "O presidente do Brasil disse que não vai aceitar a proposta e que a reunião foi adiada para a próxima semana.",
    "nl": "De Nederlandse regering heeft op maandag besloten om de ambassadeur terug te roepen, zei het ministerie.",
    "ru": "Президент России Владимир Путин провел переговоры с президентом США Джо Байденом в режиме видеосвязи.",
    "ar": "قال الرئيس المصري إن بلاده ستواصل جهود الوساطة بين الجانبين.",
    "zh": "中国外交部发言人表示，中方坚决反对美国对台湾的军售。",
}


@pytest.mark.parametrize("text", ENGLISH)
def test_english(text):
    assert detect_language(text) == "en"


@pytest.mark.parametrize("text", NOT_FLAGGED)
def test_short_or_name_heavy_english_is_never_called_foreign(text):
    assert detect_language(text) in (None, "en")


@pytest.mark.parametrize("lang", sorted(OTHER))
def test_other_languages(lang):
    assert detect_language(OTHER[lang]) == lang


def test_detection_is_deterministic():
    text = "Rais wa Kenya amesema serikali yake itaendelea na mazungumzo na viongozi wa upinzani wiki ijayo."
    assert len({detect_language(text) for _ in range(5)}) == 1


def test_language_is_set_on_the_article_and_non_english_is_skipped_by_the_pipeline():
    from tidings.run.coding import CodeOptions, _skip_reason

    art = read_text("Sommet à Paris\n\n" + OTHER["fr"])
    assert art.language == "fr"
    assert "language is 'fr'" in _skip_reason(art, CodeOptions())
    assert read_text(NOT_FLAGGED[0]).language is None
    assert _skip_reason(read_text(NOT_FLAGGED[0]), CodeOptions()) is None


def test_undecided_texts_can_be_given_a_default():
    from tidings.readers import ReadOptions
    from tidings.readers.language import LanguageOptions

    opts = ReadOptions(language=LanguageOptions(undecided="en"))
    assert read_text(NOT_FLAGGED[0], options=opts).language == "en"
    assert read_text("Sommet\n\n" + OTHER["fr"], options=opts).language == "fr"


@pytest.mark.shared
def test_real_english_news_is_never_flagged_foreign(shared_dir):
    from tidings.readers import read_paths

    paths = [str(shared_dir / "data/dev" / name / "articles.jsonl") for name in ("conflibert", "polnear")]
    items = list(read_paths(paths))
    assert len(items) == 1433 and all(hasattr(a, "text") for a in items)
    langs = [a.language for a in items]
    assert set(langs) <= {"en", None} and langs.count(None) < 20
