"""MinHash and LSH properties the store relies on (issue 25: mutation testing of store/dedup.py;
the thresholds themselves are probed in test_dedup_thresholds.py)."""

from __future__ import annotations

import numpy as np

from tidings.store import dedup


def _text(n: int, seed: int = 0) -> str:
    rng = np.random.default_rng(seed)
    return " ".join(f"w{int(x)}" for x in rng.integers(0, 10**6, size=n))


def test_each_value_of_a_signature_comes_from_one_of_its_shingles():
    # a minimum per permutation: every value of a set's signature is the value one of its shingles
    # has alone, whatever the number of shingles (long texts are hashed in chunks)
    for n in (12, dedup._CHUNK + 40):
        sh = dedup.shingles(_text(n + dedup.SHINGLE - 1, seed=n))
        assert len(sh) == n
        sig = dedup.minhash(sh)
        ones = np.array([dedup.minhash({s}) for s in sh])
        assert all(sig[j] in set(ones[:, j].tolist()) for j in range(dedup.NUM_PERM))
        assert len({tuple(o) for o in ones}) == n  # the shingles' own signatures differ


def test_a_signature_is_the_minimum_of_each_permutation_done_in_python_integers():
    # (a * x + b) mod (2**61 - 1), its low 32 bits: computed without a division in dedup; here
    # with Python's integers, on real-sized sets and on hashes at the edges of their range
    def by_hand(hashes: list[int]) -> list[int]:
        p = (1 << 61) - 1
        return [min((int(a) * x + int(b)) % p for x in hashes) & 0xFFFFFFFF for a, b in zip(dedup._A, dedup._B)]

    sh = dedup.shingles(_text(300, seed=7))
    assert dedup.minhash(sh).tolist() == by_hand(dedup._hashes(sh).tolist())
    edges = np.array([0, 1, 2**31, 2**32 - 1, 2**32 - 2], dtype=np.uint64)
    values = dedup._mod_mersenne(np.multiply.outer(dedup._A, edges) + dedup._B[:, None])
    p = (1 << 61) - 1
    assert values.tolist() == [[(int(a) * int(x) + int(b)) % p for x in edges] for a, b in zip(dedup._A, dedup._B)]
    near = np.array([p - 1, p, p + 1, 2 * p, 2 * p + 5, 2**64 - 1], dtype=np.uint64)
    assert dedup._mod_mersenne(near.copy()).tolist() == [int(v) % p for v in near]


def test_a_text_of_one_shingle_is_not_hashed_as_an_empty_text():
    one = dedup.minhash(dedup.shingles("Talks resumed"))
    assert not np.array_equal(one, dedup.minhash(set()))
    assert len(set(one.tolist())) > 1


def test_a_signature_read_back_as_plain_integers_lands_in_the_same_buckets():
    sig = dedup.minhash(dedup.shingles(_text(60)))
    as_read = [int(v) for v in sig]  # what a list column of the store gives back
    assert dedup.lsh_buckets(as_read) == dedup.lsh_buckets(sig)
    assert dedup.estimated_jaccard(as_read, sig) == 1.0


def test_trigger_keys_of_verb_forms_meet_and_of_different_verbs_do_not():
    keys = {
        w: dedup.trigger_key(w) for w in ("threatened", "threatens", "threatening", "threaten", "treated", "treats")
    }
    assert keys == {
        "threatened": "threaten",
        "threatens": "threaten",
        "threatening": "threaten",
        "threaten": "threaten",
        "treated": "treat",
        "treats": "treat",
    }
