"""What a watch cycle writes and says (issue 23, item 9): a cycle with nothing new writes no
(empty) update files, and the files and articles a cycle skips are reported with the reason."""

from __future__ import annotations

import json

import pytest

from tidings.watch import Fetcher, FetchOptions, Watcher, WatchOptions

B = "Chile and Peru signed a trade agreement in Lima on Monday. The two governments said the deal would cut tariffs."
C = "Turkey and Greece held talks on maritime borders in Athens on Monday."
FRENCH = (
    "Le président français Emmanuel Macron a reçu jeudi à l'Elysée son homologue kenyan William Ruto. "
    "Les deux dirigeants ont signé un accord de coopération économique."
)


def _watcher(sources, tmp_path, log):
    return Watcher(
        [str(s) for s in sources],
        str(tmp_path / "w.duckdb"),
        WatchOptions(every=0, out_dir=str(tmp_path / "updates"), published="2023-03-06"),
        fetcher=Fetcher(FetchOptions(per_host_interval=0.0, timeout=0.5, retries=1, backoff=0.01)),
        log=log.append,
    )


@pytest.mark.slow
def test_a_cycle_with_nothing_new_writes_no_update_files(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "one.txt").write_text("Chile and Peru sign trade deal\n\n" + B)
    log: list[str] = []
    w = _watcher([inbox], tmp_path, log)
    first = w.cycle()
    assert first.stored == 1 and first.new_events > 0 and len(first.files) == 2
    upd = tmp_path / "updates"
    zips = sorted(p.name for p in upd.glob("*.zip"))
    master = (upd / "masterfilelist.txt").read_text()
    last = (upd / "lastupdate.txt").read_text()

    log.clear()
    second = w.cycle()  # nothing changed
    assert (second.stored, second.new_events, second.files) == (0, 0, [])
    assert sorted(p.name for p in upd.glob("*.zip")) == zips  # no empty zip
    assert (upd / "masterfilelist.txt").read_text() == master
    assert (upd / "lastupdate.txt").read_text() == last  # still the latest real files
    assert second.unchanged == 1
    assert "no new dated events: no update files written" in "\n".join(log)
    state = json.loads((upd / "watch-state.json").read_text())
    assert state["cycles"] == 2


@pytest.mark.slow
def test_skipped_files_and_articles_are_reported_with_the_reason(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "one.txt").write_text("Turkey and Greece hold talks\n\n" + C)
    (inbox / "picture.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (inbox / "fr.txt").write_text("Macron reçoit Ruto\n\n" + FRENCH)
    log: list[str] = []
    w = _watcher([inbox], tmp_path, log)
    rep = w.cycle()
    assert rep.stored == 2  # the French article is stored, not coded
    skipped = "\n".join(rep.skipped)
    assert "picture.png: not a supported input" in skipped
    assert "fr.txt" in skipped and "language" in skipped
    text = "\n".join(log)
    assert "2 skipped" in log[0]
    assert "  skipped: " + str(inbox / "picture.png") in text
    # an unchanged file of no supported format is not reported again every cycle
    log.clear()
    again = w.cycle()
    assert not any("picture.png" in s for s in again.skipped)
    (inbox / "picture.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(200)))  # changed: said again
    assert any("picture.png" in s for s in w.cycle().skipped)


def test_a_url_waiting_for_its_retry_is_reported(tmp_path):
    urls = tmp_path / "urls.txt"
    urls.write_text("http://127.0.0.1:9/never\n")
    log: list[str] = []
    w = _watcher([urls], tmp_path, log)
    w.state.items["http://127.0.0.1:9/never"] = {"next_try": 4102444800.0, "error": "HTTP 500", "failures": 1}
    rep = w.cycle()
    assert rep.skipped == [
        "http://127.0.0.1:9/never: failed before (HTTP 500); tried again after 2100-01-01 00:00:00 UTC"
    ]
    assert rep.files == []


@pytest.mark.slow
def test_new_events_without_a_date_are_counted_and_said(tmp_path):
    # a folder of text files with no date: the events are stored, but no GDELT row can carry them
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "one.txt").write_text("Chile and Peru sign trade deal\n\nChile and Peru signed a trade agreement in Lima.")
    log: list[str] = []
    w = Watcher(
        [str(inbox)],
        str(tmp_path / "w.duckdb"),
        WatchOptions(every=0, out_dir=str(tmp_path / "updates")),
        log=log.append,
    )
    first = w.cycle()
    assert first.stored == 1 and first.undated > 0 and (first.new_events, first.files) == (0, [])
    lines = "\n".join(first.lines())
    assert f"{first.undated} new event(s) stored without a date" in lines
    assert "no new dated events: no update files written" in lines
    second = w.cycle()  # said once: the next cycle has nothing new
    assert second.undated == 0
