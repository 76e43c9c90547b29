"""PETRARCH/TABARI verb dictionaries: the loader reads the format (synonym sets, verb blocks,
patterns) and the coder can use them beside or instead of the default lexicon."""

from __future__ import annotations

import pytest

from tidings.events.component import build_lexicon
from tidings.events.lexicon import LexiconError
from tidings.events.patterns import match_entry
from tidings.events.petrarch import load_petrarch_verbs

SAMPLE = """\
####### SYNONYM SETS #######

&SANCT
+SANCTIONS
+EMBARGO

####### VERB PATTERNS #######

---  IMPOSE   [---]  ---
IMPOSE
SLAP {SLAPS SLAPPED SLAPPING }
- * &SANCT (ON)                                       [163]         # IMPOSE
- * CURFEW                                            [1723]        # IMPOSE

---  STORM   [190]  ---
STORM
+BREAK_INTO {+BROKE_INTO +BREAKING_INTO} [190]
- * OFF                                               [---]         # STORM
"""


def test_loader_reads_synonyms_blocks_and_patterns(tmp_path):
    path = tmp_path / "verbs.txt"
    path.write_text(SAMPLE, encoding="utf-8")
    lex = load_petrarch_verbs(path)
    assert lex.stats["blocks"] == 2 and lex.stats["patterns"] == 3
    imposes = lex.verbs["impose"]
    codes = {e.code for e in imposes}
    assert codes == {"163", "1723"}
    sanct = next(e for e in imposes if e.code == "163")
    conds = {str(c) for c in sanct.conds}
    assert "dobj=embargo|sanctions" in conds and "prep:on" in conds
    assert "slapped" in lex.verbs  # irregular forms are indexed too
    assert any(e.code == "190" for e in lex.verbs["storm"])
    assert any(e.code is None for e in lex.verbs["storm"])  # [---] blocks
    assert any(str(c) == "prep:into" for e in lex.verbs["break"] for c in e.conds)


def test_dictionary_matches_on_the_parse(tmp_path, nlp):
    path = tmp_path / "verbs.txt"
    path.write_text(SAMPLE, encoding="utf-8")
    lex = load_petrarch_verbs(path)
    doc = nlp.make_doc("The EU slapped sanctions on Iran.")
    for _, proc in nlp.pipeline[:7]:
        doc = proc(doc)
    tok = next(t for t in doc if t.lower_ == "slapped")
    entry = match_entry(tok, lex.verbs["slapped"])
    assert entry is not None and entry.code == "163"


def test_beside_and_instead_of_the_default_lexicon(tmp_path):
    path = tmp_path / "verbs.txt"
    path.write_text(SAMPLE, encoding="utf-8")
    beside = build_lexicon((str(path),), replace=False)
    instead = build_lexicon((str(path),), replace=True)
    assert "attack" in beside.verbs and "attack" not in instead.verbs
    assert "slap" in instead.verbs and instead.families  # frames still map inner codes


def test_unreadable_dictionary_is_reported(tmp_path):
    bad = tmp_path / "broken.txt"
    bad.write_text("####### VERB PATTERNS #######\n--- BROKEN\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"broken\.txt:2"):
        load_petrarch_verbs(bad)


@pytest.mark.shared
def test_petrarch2_cameo_dictionary_loads(shared_dir):
    lex = load_petrarch_verbs(shared_dir / "data" / "petrarch2" / "CAMEO.2.0.txt")
    assert lex.stats["blocks"] > 300 and lex.stats["patterns"] > 4000
    assert len(lex.codes()) > 200
    assert any(e.code == "0214" for e in lex.verbs["ask"])
