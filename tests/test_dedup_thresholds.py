"""Dedup thresholds probed from both sides: pairs just above and just below the Jaccard
threshold (with containment under its own), just above and below the containment threshold
(with Jaccard under its own), trimmed copies that only containment catches, the minimum
text length, and the sentence match used for events across copies; in the store too."""

from __future__ import annotations

import pytest

from storekit import WIRE, coded, overlap_pair, probe_words, sentences_of, wire_trimmed
from tidings.store import dedup
from tidings.run.ingest import ingest
from tidings.store import open_reader


def sets(a: str, b: str):
    return dedup.shingles(a), dedup.shingles(b)


def test_the_thresholds_are_what_these_probes_assume():
    assert (dedup.SHINGLE, dedup.JACCARD_MIN, dedup.CONTAINMENT_MIN, dedup.MIN_SHINGLES) == (5, 0.5, 0.7, 8)


def test_overlap_pair_gives_the_overlap_it_promises():
    a, b = sets(*overlap_pair(40, 25, 30))
    assert (len(a), len(b), len(a & b)) == (40, 30, 25)
    s = dedup.similarity(a, b)
    assert s.jaccard == pytest.approx(25 / 45) and s.containment == pytest.approx(25 / 30)
    assert s.score == max(s.jaccard, s.containment)


@pytest.mark.parametrize("shared, same", [(41, True), (40, True), (39, False)])
def test_jaccard_threshold_alone_decides_equal_sized_copies(shared, same):
    """60 shingles each: 41 shared is Jaccard 0.519, containment 0.683 (under 0.7);
    40 shared is exactly 0.5 (same: the threshold is inclusive); 39 shared is 0.481."""
    a, b = sets(*overlap_pair(60, shared, 60))
    s = dedup.similarity(a, b)
    assert s.containment < dedup.CONTAINMENT_MIN
    assert (s.jaccard >= dedup.JACCARD_MIN) is same
    assert dedup.is_same_story(a, b) is same and dedup.is_same_story(b, a) is same


@pytest.mark.parametrize("shared, same", [(36, True), (35, True), (34, False)])
def test_containment_threshold_alone_decides_a_short_copy(shared, same):
    """A 50-shingle text inside a 100-shingle one: 36 shared is containment 0.72 (Jaccard 0.32);
    35 is exactly 0.7 (same); 34 is 0.68."""
    a, b = sets(*overlap_pair(100, shared, 50))
    s = dedup.similarity(a, b)
    assert s.jaccard < dedup.JACCARD_MIN
    assert s.containment == pytest.approx(shared / 50)
    assert dedup.is_same_story(a, b) is same and dedup.is_same_story(b, a) is same


def test_trimmed_copies_are_caught_by_containment_alone():
    full = dedup.shingles(WIRE)
    for n in (2, 3):  # 4 of 8 sentences is already Jaccard 0.63
        trimmed = dedup.shingles(wire_trimmed(n))
        s = dedup.similarity(full, trimmed)
        assert s.containment == 1.0 and s.jaccard < dedup.JACCARD_MIN, (n, s)
        assert dedup.is_same_story(full, trimmed) and dedup.is_same_story(trimmed, full)
    local = WIRE + " " + " ".join(probe_words("local", 160))  # a long local section added
    s = dedup.similarity(full, dedup.shingles(local))
    assert s.containment == 1.0 and s.jaccard < dedup.JACCARD_MIN
    assert dedup.is_same_story(full, dedup.shingles(local))


@pytest.mark.parametrize("words, same", [(12, True), (11, False)])
def test_texts_shorter_than_the_minimum_are_never_grouped(words, same):
    text = " ".join(probe_words("short", words))  # words - 4 shingles: 8 or 7
    sh = dedup.shingles(text)
    assert len(sh) == words - 4
    assert dedup.is_same_story(sh, set(sh)) is same
    long_text = dedup.shingles(text + " " + " ".join(probe_words("more", 20)))
    assert dedup.is_same_story(sh, long_text) is same  # contained entirely, yet too short when 7


def test_shingles_of_short_and_empty_texts():
    assert dedup.shingles("") == set()
    assert dedup.shingles("One two three") == {"one two three"}
    assert dedup.shingles("a b c d e f") == {"a b c d e", "b c d e f"}
    assert dedup.shingles("Ab, CD. ef gh ij", k=2) == {"ab cd", "cd ef", "ef gh", "gh ij"}
    assert dedup.similarity(set(), {"x"}) == dedup.Similarity(0.0, 0.0)


def test_minhash_signatures_have_their_shape():
    empty = dedup.minhash(set())
    assert empty.dtype.name == "uint32" and len(empty) == dedup.NUM_PERM and int(empty.min()) == 0xFFFFFFFF
    sig = dedup.minhash(dedup.shingles(WIRE))
    assert sig.dtype.name == "uint32" and len(sig) == dedup.NUM_PERM
    assert len(set(sig.tolist())) > 1
    # Not asserted: that the estimate is close to the exact Jaccard near the thresholds. It is
    # not today (issue 25 report): a * x + b with a < 2**31 and 32-bit x stays below 4 * p,
    # so the "permutations" hardly permute and pick much the same minimum; for two texts of
    # Jaccard 0.52 the estimate spreads with a standard deviation of about 0.29 (0.045
    # expected), and LSH misses about one such copy in four.


def test_lsh_buckets_differ_per_band_and_follow_the_rows():
    sig = dedup.minhash(dedup.shingles(WIRE))
    buckets = dedup.lsh_buckets(sig)
    assert [b for b, _ in buckets] == list(range(dedup.BANDS))
    assert len({k for _, k in buckets}) == dedup.BANDS  # the band number is part of the bucket
    changed = sig.copy()
    changed[dedup.ROWS] += 1  # one value of the second band
    diff = [i for i, (x, y) in enumerate(zip(buckets, dedup.lsh_buckets(changed))) if x != y]
    assert diff == [1]
    assert all(-(2**63) <= k < 2**63 for _, k in buckets)


def test_estimated_jaccard_is_the_share_of_equal_values():
    a = [1, 2, 3, 4]
    assert dedup.estimated_jaccard(a, [1, 2, 0, 0]) == 0.5
    assert dedup.estimated_jaccard(a, a) == 1.0 and dedup.estimated_jaccard(a, [9, 9, 9, 9]) == 0.0


@pytest.mark.parametrize(
    "b, want",
    [
        ("the army shelled the town on monday", 1.0),
        ("the army shelled the town on friday", 5 / 7),
        ("the army shelled a village on sunday", 2 / 10),
        ("rebels fired rockets at the capital", 0.0),
        ("", 0.0),
    ],
)
def test_sentence_similarity_is_the_jaccard_of_word_bigrams(b, want):
    assert dedup.sentence_similarity("The army shelled the town on Monday.", b) == pytest.approx(want)


def test_trigger_key_edges():
    assert dedup.trigger_key(None) == "" and dedup.trigger_key("") == ""
    assert dedup.trigger_key("uses") == "use"  # not "us": a stem keeps at least 3 letters
    assert dedup.trigger_key("agreed") == "agr" and dedup.trigger_key("warnings") == "warning"
    assert dedup.trigger_key("Imposed sanctions") == "impos sanction"
    assert dedup.trigger_key("held") == "held" and dedup.trigger_key("fire") == "fir"


# --- in the store: the writer groups by the same thresholds ---------------------------------


def _stories(path: str) -> list[set[str]]:
    conn = open_reader(path)
    rows = conn.execute("SELECT story_id, list(id ORDER BY id) FROM articles GROUP BY 1").fetchall()
    conn.close()
    return sorted((set(ids) for _, ids in rows), key=lambda s: sorted(s))


@pytest.mark.parametrize(
    "size_a, shared, size_b, same",
    [
        (60, 39, 60, False),  # Jaccard 0.481, containment 0.650
        (100, 34, 50, False),  # containment 0.68, Jaccard 0.29
        (60, 60, 60, True),  # the same text
    ],
)
def test_the_store_keeps_pairs_below_the_thresholds_apart(tmp_path, size_a, shared, size_b, same):
    """Below both thresholds: two stories. (Pairs just above them are probed on is_same_story,
    which the writer calls; in the store they first need a common LSH bucket, which the
    MinHash weakness noted above does not always give them.)"""
    a, b = overlap_pair(size_a, shared, size_b)
    arts = [coded("probe-a", a, published="2022-03-01"), coded("probe-b", b, published="2022-03-01")]
    path = str(tmp_path / "p.duckdb")
    ingest(arts, path, progress=False)
    want = [{"probe-a", "probe-b"}] if same else [{"probe-a"}, {"probe-b"}]
    assert _stories(path) == want


def test_the_store_groups_a_trimmed_copy_that_only_containment_catches(tmp_path):
    path = str(tmp_path / "t.duckdb")
    arts = [coded("full", WIRE, published="2021-12-07"), coded("short", wire_trimmed(3), published="2021-12-07")]
    assert dedup.similarity(dedup.shingles(WIRE), dedup.shingles(wire_trimmed(3))).jaccard < dedup.JACCARD_MIN
    ingest(arts, path, progress=False)
    assert _stories(path) == [{"full", "short"}]
    assert len(sentences_of(wire_trimmed(3))) == 3
