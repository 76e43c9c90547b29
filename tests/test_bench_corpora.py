"""bench/throughput.py and bench/stages.py: their options and the corpora they build (the
benches themselves are run by hand, never timed here)."""

import importlib.util
import json
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"


def _load(name: str):
    if str(BENCH) not in sys.path:
        sys.path.insert(0, str(BENCH))  # stages.py imports throughput.py as its neighbour
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def throughput():
    return _load("throughput")


def _shared(tmp_path: Path, n: int) -> Path:
    """A stand-in for ../shared: n short articles written here, in both corpora's places."""
    for rel in ("data/news/wire.jsonl", "data/dev/polnear/articles.jsonl"):
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        rows = [
            {
                "id": f"a{i}",
                "published": "2024-05-0{}".format(i % 9 + 1),
                "text": f"The minister of state {i} met the envoy.",
            }
            for i in range(n)
        ]
        path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return tmp_path


def test_throughput_options(throughput):
    args = throughput.parse_args([])
    assert (args.corpus, args.articles, args.rounds, args.workers, args.skip_ray) == ("own", 500, 5, 2, False)
    args = throughput.parse_args(["--corpus", "polnear", "--articles", "120", "--rounds", "2", "--skip-ray"])
    assert (args.corpus, args.articles, args.rounds, args.skip_ray) == ("polnear", 120, 2, True)
    with pytest.raises(SystemExit):
        throughput.parse_args(["--corpus", "elsewhere"])
    with pytest.raises(SystemExit):
        throughput.parse_args(["--rounds", "0"])


def test_own_corpus_needs_nothing_outside_the_repo(throughput):
    arts, what = throughput.build_corpus("own", 3)
    assert [a.id for a in arts] == ["bench0", "bench1", "bench2"]
    assert "training sentences" in what


def test_a_shared_corpus_is_read_in_order_and_cut_at_n(throughput, tmp_path):
    arts, what = throughput.build_corpus("pool", 3, _shared(tmp_path, 5))
    assert [a.id for a in arts] == ["a0", "a1", "a2"]
    assert arts[1].text == "The minister of state 1 met the envoy."
    assert "wire.jsonl" in what and "repeated" not in what


def test_a_short_corpus_is_repeated_under_new_ids(throughput, tmp_path):
    arts, what = throughput.build_corpus("polnear", 7, _shared(tmp_path, 3))
    assert [a.id for a in arts] == ["a0", "a1", "a2", "a0~r1", "a1~r1", "a2~r1", "a0~r2"]
    assert arts[3].text == arts[0].text
    assert "3 distinct texts" in what


def test_a_missing_shared_folder_is_said(throughput, tmp_path):
    with pytest.raises(SystemExit, match="not found"):
        throughput.build_corpus("pool", 3, tmp_path / "nowhere")


def test_stages_options():
    stages = _load("stages")
    args = stages.parse_args(["--corpus", "pool", "--articles", "50"])
    assert (args.corpus, args.articles, args.rounds) == ("pool", 50, 1)
    assert stages.parse_args([]).corpus == "both"
    with pytest.raises(SystemExit):
        stages.parse_args(["--articles", "0"])
    lines = stages.table({"read": 1.0, "parser": 3.0}, 8)
    assert "25.0%" in lines[1] and "75.0%" in lines[2] and "500.0" in lines[-1]


def test_pool_share_turns_the_switches_that_exist():
    # bench/pool_share.py sets module switches by name: a renamed switch would leave its "off"
    # runs measuring the new code
    import tidings.run.engines as engines
    import tidings.store as store
    import tidings.store.writer as writer

    share = _load("pool_share")
    names = {(writer, "BULK_ARROW"), (store, "WRITER_THREADS"), (engines, "TAIL_PIECE"), (engines, "PACKED")}
    now = {(m.__name__, n): getattr(m, n) for m, n in names}  # every switch exists
    try:
        share.switches(False)
        assert (writer.BULK_ARROW, store.WRITER_THREADS, engines.TAIL_PIECE, engines.PACKED) == (False, 0, None, False)
        share.switches(True)
        assert {(m.__name__, n): getattr(m, n) for m, n in names} == now  # "on" is the code as it is
    finally:
        for (module, name), value in now.items():
            setattr(sys.modules[module], name, value)
    with pytest.raises(SystemExit):
        share.main(["--articles", "1"])
