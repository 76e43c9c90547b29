"""Places: a data-driven fixture (tests/fixtures/places/place_cases.tsv) of mentions with
their expected country, disambiguation by the document's countries, demonyms, the
dateline and the attached_place helper."""

from __future__ import annotations

from pathlib import Path

import pytest

from tidings.places import attached_place, place_of_dateline
from tidings.places.gazetteer import Gazetteer, load_aliases, normalise

FIXTURES = Path(__file__).parent / "fixtures" / "places"


def _cases():
    out = []
    for n, line in enumerate((FIXTURES / "place_cases.tsv").read_text("utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        text, place, country = parts[:3]
        name = parts[3] if len(parts) > 3 and parts[3] else None
        out.append(pytest.param(text, place, None if country == "-" else country, name, id=f"L{n}-{place}"))
    return out


CASES = _cases()


def _doc(nlp, text, dateline=None):
    from tidings.nlp import new_doc

    return nlp(new_doc(nlp, text, dateline=dateline))


@pytest.fixture(scope="module")
def gazetteer(nlp):
    return nlp.get_pipe("tidings_places").gazetteer


def test_fixture_is_big_enough():
    assert len(CASES) >= 40


@pytest.mark.parametrize("text,place,country,name", CASES)
def test_place_case(nlp, text, place, country, name):
    doc = _doc(nlp, text)
    found = [p for p in doc._.places if normalise(p.text) == normalise(place)]
    assert found, f"{place!r} not in {[p.text for p in doc._.places]}"
    p = found[0]
    assert p.country == country
    if name:
        assert p.name == name
    assert text[p.start : p.end] == p.text
    assert p.lat is not None and p.lon is not None


NEGATIVES = [
    s for s in (FIXTURES / "place_negatives.txt").read_text("utf-8").splitlines() if s.strip() and not s.startswith("#")
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_no_place(nlp, text):
    assert [p.text for p in _doc(nlp, text)._.places] == []


def test_places_sorted_with_offsets(nlp):
    text = "Troops moved from Belarus into Ukraine while diplomats met in Geneva."
    doc = _doc(nlp, text)
    assert [p.text for p in doc._.places] == ["Belarus", "Ukraine", "Geneva"]
    assert [p.start for p in doc._.places] == sorted(p.start for p in doc._.places)


@pytest.mark.parametrize(
    "dateline,country,name",
    [
        ("MOSCOW", "RUS", "Moscow"),
        ("KYIV, Ukraine", "UKR", "Kyiv"),
        ("WASHINGTON (Reuters)", "USA", "Washington"),
        ("PARIS, Texas", "USA", "Paris"),
        ("GENEVA", "CHE", "Geneva"),
        ("LONDON/PARIS", "GBR", "London"),
        ("FLINT, Mich.", "USA", "Flint"),
        ("HEMPSTEAD, N.Y.", "USA", "Hempstead"),
        ("Athens, Ga.", "USA", "Athens"),
    ],
)
def test_place_of_dateline(gazetteer, dateline, country, name):
    p = place_of_dateline(dateline, gazetteer)
    assert p is not None and (p.country, p.name) == (country, name)


def test_dateline_unknown(gazetteer):
    assert place_of_dateline("Nowhereville-on-Nothing", gazetteer) is None
    assert place_of_dateline("", gazetteer) is None
    assert place_of_dateline(None, gazetteer) is None


def test_dateline_is_the_articles_place_not_every_events(nlp):
    doc = _doc(nlp, "The minister said the talks would go on.", dateline="MOSCOW")
    assert doc._.dateline_place.country == "RUS"
    assert doc._.places == []
    said = next(t for t in doc if t.text == "said")
    assert attached_place(doc, said) is None


def test_attached_place(nlp):
    doc = _doc(nlp, "Russian troops shelled positions near Donetsk on Monday, officials in Kyiv said.")
    shelled = next(t for t in doc if t.text == "shelled")
    said = next(t for t in doc if t.text == "said")
    assert attached_place(doc, shelled).text == "Donetsk"
    assert attached_place(doc, said).text == "Kyiv"


def test_attached_place_object_of_movement_verb(nlp):
    doc = _doc(nlp, "The president visited Warsaw after talks.")
    visited = next(t for t in doc if t.text == "visited")
    assert attached_place(doc, visited).text == "Warsaw"


def test_subject_country_is_not_the_events_place(nlp):
    doc = _doc(nlp, "Russia said on Sunday that Ukraine was to blame.")
    said = next(t for t in doc if t.text == "said")
    assert attached_place(doc, said) is None


def test_gazetteer_is_built_once_per_component(nlp):
    comp = nlp.get_pipe("tidings_places")
    g1 = comp.gazetteer
    _doc(nlp, "Talks in Vienna.")
    assert comp.gazetteer is g1


def test_alias_file_validates(tmp_path):
    assert any(r[0] == "Kiev" for r in load_aliases())
    bad = tmp_path / "a.tsv"
    bad.write_text("Atlantis\tcity\tAtlantis\tatl\n")
    with pytest.raises(ValueError):
        load_aliases(bad)
    bad.write_text("Atlantis\tcontinent\tAtlantis\tGRC\n")
    with pytest.raises(ValueError):
        load_aliases(bad)


def test_user_alias_file(tmp_path):
    f = tmp_path / "a.tsv"
    f.write_text("Ruritania\tregion\tRuritania\tAUT\t47.0\t13.0\n")
    g = Gazetteer(aliases=f)
    assert g.lookup("Ruritania")[0].country == "AUT"
    assert g.lookup("Donbas")[0].country == "UKR"  # the built-in aliases stay
    g = Gazetteer(aliases=f, replace_aliases=True)
    assert g.lookup("Ruritania")[0].country == "AUT"
    assert g.lookup("Donbas") == []


def test_country_lookup(gazetteer):
    assert gazetteer.country_of("U.S.") == "USA"
    assert gazetteer.country_of("United States") == "USA"
    assert gazetteer.country_of("Russian Federation") == "RUS"
    assert gazetteer.country_of("Russian") is None
