"""The dates stage on real news with hand-made TIMEX3 annotations (TimeBank/AQUAINT, the
development set of issue 20: ../shared/data/news/timex.jsonl), scored by the shared scorer
(../shared/tools/score_timex.py) as `tidings code ... --format jsonl` output would be.

The floors sit under the figures measured when they were set (docs/dates.md): DATE+TIME
value F1 0.859, all types 0.846. Raise them when the figures rise; never lower them."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

pytestmark = pytest.mark.shared

DATE_TIME_FLOOR = 0.858
ALL_TYPES_FLOOR = 0.845


def test_timebank_value_f1_holds(nlp, shared_dir, tmp_path):
    from tidings.nlp import new_doc
    from tidings.readers import read_paths
    from tidings.records import InputError
    from tidings.run.coding import parse_published

    gold = shared_dir / "data" / "news" / "timex.jsonl"
    scorer = shared_dir / "tools" / "score_timex.py"
    articles = [a for a in read_paths([str(gold)]) if not isinstance(a, InputError)]
    assert len(articles) == 223
    names = nlp.pipe_names
    stages = names[: names.index("tidings_dates") + 1]  # what the dates stage reads, and itself
    docs = [new_doc(nlp, a.text, published=parse_published(a.published), article_id=a.id) for a in articles]
    pred = tmp_path / "pred.jsonl"
    with nlp.select_pipes(enable=stages), pred.open("w", encoding="utf-8") as out:
        for doc in nlp.pipe(docs, batch_size=16):
            dates = [{"text": t.text, "value": t.value, "start": t.start, "end": t.end} for t in doc._.timexes]
            out.write(json.dumps({"id": doc._.article_id, "text": doc.text, "dates": dates}) + "\n")
    run = subprocess.run(
        [sys.executable, str(scorer), str(gold), str(pred), "--json"], capture_output=True, text=True, check=True
    )
    modes = json.loads(run.stdout)["modes"]
    assert modes["date_time"]["value"]["f1"] >= DATE_TIME_FLOOR
    assert modes["all"]["value"]["f1"] >= ALL_TYPES_FLOOR
