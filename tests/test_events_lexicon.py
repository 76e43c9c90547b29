"""The event lexicon: loads clean, covers the ontology, and reports bad lines by file and line."""

import pytest

from tidings.events.codebook import load_codebook
from tidings.events.lexicon import LexiconError, load_lexicon, read_lexicon, validate_lexicon


def test_default_lexicon_is_valid_and_broad():
    assert validate_lexicon() == []
    lex = load_lexicon()
    assert lex.size() > 1500
    codes = lex.codes()
    assert len(codes) >= 250
    roots = {c[:2] for c in codes}
    assert roots == {f"{i:02d}" for i in range(1, 21)}
    cb = load_codebook()
    assert all(c in cb for c in codes)


def test_family_codes():
    lex = load_lexicon()
    assert lex.family_code("intent", "046", None) == "036"
    assert lex.family_code("threaten", "163", None) == "1312"
    assert lex.family_code("appeal", "0871", None) == "0256"
    assert lex.family_code("reject", None, "120") == "120"
    assert lex.family_code("pass", "190", None) == "190"


def test_bad_line_is_reported_with_file_and_line(tmp_path):
    (tmp_path / "verbs.tsv").write_text(
        "# comment\nok\tattack\tdobj\t190\n\nbad_code\tshell\t-\t999\nbad_cond\tshell\tfoo=bar\t194\nshort\tshell\n",
        encoding="utf-8",
    )
    (tmp_path / "families.tsv").write_text("nofamily\t04\t036\n", encoding="utf-8")
    problems = validate_lexicon(tmp_path)
    assert problems[0].startswith("verbs.tsv:4:") and "999" in problems[0]
    assert problems[1].startswith("verbs.tsv:5:") and "foo=bar" in problems[1]
    assert problems[2].startswith("verbs.tsv:6:")
    assert problems[3].startswith("families.tsv:1:")
    with pytest.raises(LexiconError, match=r"verbs\.tsv:4:"):
        load_lexicon(str(tmp_path))
    lex, _ = read_lexicon(tmp_path)
    assert [e.code for e in lex.verbs["attack"]] == ["190"]
