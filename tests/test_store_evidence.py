"""Versions move forward by evidence (issue 23, item 2): a copy with less metadata (no date,
no url) does not replace a stored version that has more; a copy stamped earlier does not
replace a later one; a dated version replaced by an undated copy (as earlier tidings did) comes
back when it is ingested again, instead of reading "unchanged"; `--recode` re-codes any stored
version, including one kept in article_versions, instead of saying "older versions ignored"."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from storekit import coded
from tidings.cli import main
from tidings.run.ingest import ingest
from tidings.store import evidence as ev
from tidings.store import open_reader, writer

TEXT = (
    "Russian President Vladimir Putin and US President Joe Biden held talks by video link on Tuesday. "
    "Biden warned Putin that the West would impose sanctions if Russia invaded Ukraine."
)
SPEC = [(0, "RUSGOV", "USAGOV", "040", "held talks")]


def row(db, what="version, published, url, title"):
    conn = open_reader(db)
    try:
        return conn.execute(f"SELECT {what} FROM articles WHERE id = 'a1'").fetchone()
    finally:
        conn.close()


def versions(db):
    conn = open_reader(db)
    try:
        return conn.execute(
            "SELECT version, published, coded IS NOT NULL FROM article_versions ORDER BY version"
        ).fetchall()
    finally:
        conn.close()


def run(items, db, **kw):
    skipped = []
    report = ingest(items, db, progress=False, on_skipped=lambda what, why: skipped.append(why), **kw)
    return report, skipped


DATED = dict(published="2021-12-14", url="https://example.org/talks", title="Talks")
UNDATED = dict(published=None, url="https://example.org/talks", title="Talks")


# ---- the rule -------------------------------------------------------------------------------


def E(published=None, updated=None, **more):
    return ev.evidence(type("A", (), dict(published=published, updated=updated, **more))())


@pytest.mark.parametrize(
    "copy, stored, verdict",
    [
        (E(), E("2021-12-12"), "poorer"),  # no date
        (E("2021-12-12"), E("2021-12-12", url="u"), "poorer"),  # no url
        (E("2021-12-12", updated="2021-12-13"), E("2021-12-12", url="u"), "richer"),  # a later stamp wins
        (E("2021-12-11"), E("2021-12-12"), "older"),
        (E("2021-12-12T08:00:00"), E("2021-12-12T09:00:00"), "older"),
        (E("2021-12-12T10:00:00"), E("2021-12-12"), "level"),  # a time refines the same day
        (E("2021-12-12", url="u"), E("2021-12-12"), "richer"),
        (E("2021-12-12"), E(), "richer"),
        (E(title="A"), E(title="B"), "level"),
    ],
)
def test_the_verdicts(copy, stored, verdict):
    assert ev.judge(copy, stored) == verdict


# ---- through ingest ---------------------------------------------------------------------------


def test_an_undated_copy_does_not_replace_the_dated_version(tmp_path):
    db = str(tmp_path / "e.duckdb")
    run([coded("a1", TEXT, SPEC, **DATED)], db)
    report, skipped = run([coded("a1", TEXT, SPEC, **UNDATED)], db)
    assert (report.updated, report.less_metadata) == (0, 1)
    assert skipped == ["the stored version has published and this copy does not: the stored version is kept"]
    assert "1 copies with less metadata than the stored version ignored" in report.summary()
    assert row(db) == (1, "2021-12-14", DATED["url"], "Talks") and versions(db) == []
    # again, and the dated file with it: neither is coded again, the dated one is unchanged
    report, _ = run([coded("a1", TEXT, SPEC, **DATED), coded("a1", TEXT, SPEC, **UNDATED)], db)
    assert (report.unchanged, report.less_metadata, report.updated) == (1, 1, 0)


def test_a_copy_without_url_in_the_same_batch_does_not_replace_either(tmp_path):
    db = str(tmp_path / "e.duckdb")
    report, _ = run(
        [coded("a1", TEXT, SPEC, **DATED), coded("a1", TEXT, SPEC, published="2021-12-14", title="Talks")], db
    )
    assert (report.new, report.less_metadata) == (1, 1) and row(db) == (1, "2021-12-14", DATED["url"], "Talks")


def test_an_earlier_stamp_does_not_replace_a_later_one(tmp_path):
    db = str(tmp_path / "e.duckdb")
    run([coded("a1", TEXT + " More.", SPEC, updated="2021-12-15T10:00:00", **DATED)], db)
    report, skipped = run([coded("a1", TEXT, SPEC, updated="2021-12-15T09:00:00", **DATED)], db)
    assert (report.updated, report.old_versions) == (0, 1)
    assert skipped == ["the stored version is newer (2021-12-15T10:00:00; this copy: 2021-12-15T09:00:00)"]
    assert row(db, "text")[0].endswith("More.")


def test_a_new_text_with_the_same_metadata_is_still_an_update_and_versions_never_take_turns(tmp_path):
    db = str(tmp_path / "e.duckdb")
    run([coded("a1", TEXT, SPEC, **DATED)], db)
    report, _ = run([coded("a1", TEXT + " More.", SPEC, **DATED)], db)
    assert report.updated == 1 and row(db)[0] == 2
    report, skipped = run([coded("a1", TEXT, SPEC, **DATED)], db)  # the first version again
    assert (report.updated, report.unchanged, skipped) == (0, 1, []) and row(db, "text")[0].endswith("More.")


def test_a_dated_version_replaced_by_an_undated_copy_comes_back(tmp_path, monkeypatch):
    db = str(tmp_path / "e.duckdb")
    run([coded("a1", TEXT, SPEC, **DATED)], db)
    with monkeypatch.context() as m:  # what tidings did before: any other content replaced the stored one
        m.setattr(writer, "held", lambda *a: None)
        m.setattr(writer.StoredVersions, "settled", lambda self, art, h=None: None)
        run([coded("a1", TEXT, SPEC, **UNDATED)], db)
    assert row(db)[:2] == (2, None)
    report, _ = run([coded("a1", TEXT, SPEC, **DATED)], db)
    assert (report.updated, report.unchanged, report.old_versions) == (1, 0, 0)  # not "unchanged"
    assert row(db)[:2] == (3, "2021-12-14")
    assert versions(db) == [(1, "2021-12-14", True), (2, None, True)]
    # and the undated copy, ingested again, leaves it so
    report, _ = run([coded("a1", TEXT, SPEC, **UNDATED)], db)
    assert report.updated == 0 and row(db)[:2] == (3, "2021-12-14")


def test_recode_recodes_a_version_kept_in_the_history(tmp_path):
    db = str(tmp_path / "e.duckdb")
    run([coded("a1", TEXT, SPEC, updated="2021-12-15T09:00:00", **DATED)], db)
    run([coded("a1", TEXT + " More.", SPEC, updated="2021-12-15T10:00:00", **DATED)], db)
    conn = open_reader(db)
    before = json.loads(conn.execute("SELECT coded FROM article_versions").fetchone()[0])
    conn.close()
    assert [e["code"] for e in before] == ["040"]
    recoded = [(0, "RUSGOV", "USAGOV", "042", "held talks")]  # the coder changed its mind
    report, _ = run([coded("a1", TEXT, recoded, updated="2021-12-15T09:00:00", **DATED)], db, recode=True)
    assert (report.recoded, report.old_versions) == (1, 0)
    assert "older versions ignored" not in report.summary()
    conn = open_reader(db)
    after = json.loads(conn.execute("SELECT coded FROM article_versions").fetchone()[0])
    assert conn.execute("SELECT version FROM articles").fetchall() == [(2,)]  # still the current one
    conn.close()
    assert [(e["code"], e["source"], e["target"], e["date"]) for e in after] == [
        ("042", "RUSGOV", "USAGOV", "2021-12-14")
    ]


def test_the_issue_story_dated_json_then_an_undated_csv(tmp_path):
    """The dated JSON array, then a CSV export of the same article without its date: the
    second is not stored over the first, and says why."""
    text = "Russia and Ukraine held talks in Minsk on Sunday. Both sides agreed to meet again next week."
    (tmp_path / "news.json").write_text(
        json.dumps([{"id": "t1", "title": "Talks", "publishedAt": "2021-12-12T09:00:00Z", "content": text}])
    )
    (tmp_path / "export.csv").write_text(f'id,title,text\nt1,Talks,"{text}"\n')
    db = str(tmp_path / "e.duckdb")
    r = CliRunner().invoke(main, ["ingest", str(tmp_path / "news.json"), "--db", db, "--no-progress"])
    assert r.exit_code == 0, r.output
    r = CliRunner().invoke(main, ["ingest", str(tmp_path / "export.csv"), "--db", db, "--no-progress"])
    assert r.exit_code == 0, r.output
    assert "the stored version has published and this copy does not" in r.stderr
    assert "1 copies with less metadata than the stored version ignored" in r.stderr
    r = CliRunner().invoke(main, ["ingest", str(tmp_path / "news.json"), "--db", db, "--no-progress"])
    assert "1 unchanged" in r.stderr
    conn = open_reader(db)
    assert conn.execute("SELECT published, version FROM articles").fetchall() == [("2021-12-12T09:00:00", 1)]
    conn.close()
