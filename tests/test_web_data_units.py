"""The web pages' data layer without a database (issue 25: mutation testing of web/data.py):
how a text is cut into highlighted segments (what the templates escape piece by piece), the
paragraph shown around a sentence, how query parameters are checked (a bad one is a 400 with a
message saying what is allowed), how values become JSON, and the geometry of the charts."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pytest

from tidings.web import data
from tidings.web.data import BadRequest


# --- segments: the text is cut at every span boundary and nothing is lost or repeated -------------


def test_segments_cover_the_text_once_with_the_classes_of_the_spans_over_them():
    text = "Russia <b>attacked</b> Ukraine."
    spans = [(0, 6, "source"), (7, 22, "trigger"), (23, 30, "target")]
    segs = data._segments(text, spans)
    assert segs == [
        {"text": "Russia", "classes": ["source"]},
        {"text": " ", "classes": []},
        {"text": "<b>attacked</b>", "classes": ["trigger"]},
        {"text": " ", "classes": []},
        {"text": "Ukraine", "classes": ["target"]},
        {"text": ".", "classes": []},
    ]
    assert "".join(s["text"] for s in segs) == text


def test_overlapping_spans_give_each_piece_every_class_over_it_sorted():
    text = "abcdefghij"
    segs = data._segments(text, [(2, 8, "quote"), (4, 6, "trigger"), (4, 6, "quote")])
    assert segs == [
        {"text": "ab", "classes": []},
        {"text": "cd", "classes": ["quote"]},
        {"text": "ef", "classes": ["quote", "trigger"]},
        {"text": "gh", "classes": ["quote"]},
        {"text": "ij", "classes": []},
    ]


def test_spans_that_are_empty_reversed_missing_or_outside_the_text_cut_nothing():
    text = "abcdef"
    for spans in (
        [(3, 3, "trigger")],
        [(4, 2, "trigger")],
        [(None, 3, "source")],
        [(2, None, "source")],
        [(-1, 3, "target")],
        [(2, 7, "target")],
        [(0, 6, "x"), (None, None, "y")],
    ):
        segs = data._segments(text, spans)
        assert "".join(s["text"] for s in segs) == text
        assert [s["text"] for s in segs] == ["abcdef"], spans
    assert data._segments(text, [(0, 6, "x")]) == [{"text": "abcdef", "classes": ["x"]}]
    assert data._segments(text, [(0, 2, "x"), (2, 6, "y")]) == [
        {"text": "ab", "classes": ["x"]},
        {"text": "cdef", "classes": ["y"]},
    ]
    assert data._segments("", []) == []


def test_a_span_missing_an_end_gives_no_class_to_what_it_would_cover():
    segs = data._segments("abcdef", [(1, 3, "trigger"), (None, 5, "source"), (1, None, "target")])
    assert segs == [
        {"text": "a", "classes": []},
        {"text": "bc", "classes": ["trigger"]},
        {"text": "def", "classes": []},
    ]


# --- the paragraph around a sentence --------------------------------------------------------------


def test_the_paragraph_around_a_sentence():
    text = "First para.\n\nSecond para, one. Two.\n\nThird."
    s = text.index("Two.")
    assert data._paragraph(text, s, s + 4) == "Second para, one. Two."
    assert data._paragraph(text, 0, 5) == "First para."
    t = text.index("Third")
    assert data._paragraph(text, t, t + 6) == "Third."
    assert data._paragraph(text, s, None) == "Second para, one. Two."
    assert data._paragraph(text, None, 5) == "" and data._paragraph("One paragraph.", None, 3) == ""
    assert data._paragraph("", 0, 0) == ""
    # a sentence running over a paragraph break (a title line) is shown whole: the paragraph ends
    # after the sentence's end, not after its start
    text = "A.\n\nB one\n\nB two. C.\n\nD."
    b = text.index("B one")
    assert data._paragraph(text, b, text.index("B two") + 3) == "B one\n\nB two. C."


# --- parameters -----------------------------------------------------------------------------------


def bad(fn, *args) -> str:
    with pytest.raises(BadRequest) as info:
        fn(*args)
    return str(info.value)


def test_filters_from_parameters():
    f = data.filters_from(
        {
            "start": "2022-01-01",
            "end": "",
            "actor": "RUSGOV, UKRGOV,,",
            "source": " ",
            "target": "USA",
            "code": "190",
            "root": "19,18",
            "quad": "4, 3",
            "status": "negated,future",
            "text": "shelling",
        }
    )
    assert (f.start, f.end, f.actor, f.source, f.target) == ("2022-01-01", None, ["RUSGOV", "UKRGOV"], None, ["USA"])
    assert (f.codes, f.roots, f.quad_classes, f.status, f.text) == (
        ["190"],
        ["19", "18"],
        [4, 3],
        ["negated", "future"],
        "shelling",
    )
    f = data.filters_from({})
    assert (f.actor, f.quad_classes, f.status, f.text, f.start) == (None, None, "asserted", None, None)
    assert data.filters_from({"status": "all"}).status == ["all"]
    assert data.filters_from({"text": "x" * 200}).text == "x" * 200


@pytest.mark.parametrize(
    "params, message",
    [
        ({"quad": "5"}, "quad must be 1, 2, 3 or 4"),
        ({"quad": "0"}, "quad must be 1, 2, 3 or 4"),
        ({"quad": "1,x"}, "quad must be 1, 2, 3 or 4"),
        ({"status": "maybe"}, "status must be asserted, negated, hypothetical, future or all"),
        ({"status": "asserted,maybe"}, "status must be asserted, negated, hypothetical, future or all"),
        ({"text": "x" * 201}, "text filter is limited to 200 characters"),
        ({"start": "2022-13-01"}, "start must be a date YYYY-MM-DD"),
        ({"end": "yesterday"}, "end must be a date YYYY-MM-DD"),
    ],
)
def test_a_bad_filter_is_a_bad_request_saying_what_is_allowed(params, message):
    assert bad(data.filters_from, params) == message


def test_every_quad_class_and_status_is_accepted():
    assert data.filters_from({"quad": "1,2,3,4"}).quad_classes == [1, 2, 3, 4]
    assert data.filters_from({"status": "asserted,negated,hypothetical,future"}).status == [
        "asserted",
        "negated",
        "hypothetical",
        "future",
    ]


def test_frequency_parameter():
    assert data._freq({}) == "month"
    assert data._freq({"freq": ""}) == "month"
    assert [data._freq({"freq": f}) for f in ("day", "week", "month", "quarter", "year")] == [
        "day",
        "week",
        "month",
        "quarter",
        "year",
    ]
    assert bad(data._freq, {"freq": "hour"}) == "freq must be one of day, week, month, quarter, year"


def test_active_filters_keep_the_given_ones_in_a_fixed_order():
    params = {"text": "x", "start": "2022-01-01", "end": "", "sort": "date", "actor": "RUS", "quad": "1"}
    active = data.active_filters(params)
    assert active == {"start": "2022-01-01", "actor": "RUS", "quad": "1", "text": "x"}
    assert list(active) == ["start", "actor", "quad", "text"]


@pytest.mark.parametrize(
    "params, message",
    [
        ({"after": "not-a-cursor"}, "after must be a cursor given by a previous page"),
        ({"after": "2022-99-01~abc"}, "after must be a cursor given by a previous page"),
        ({"limit": "ten"}, "limit must be a number"),
        ({"sort": "random"}, "sort must be date, goldstein or mentions"),
        ({"quad": "9"}, "quad must be 1, 2, 3 or 4"),
    ],
)
def test_events_page_refuses_bad_parameters_before_reading_the_database(params, message):
    assert bad(data.events_page, None, params) == message


def test_other_pages_refuse_bad_parameters_before_reading_the_database():
    assert bad(data.dyad, None, {"freq": "minute"}) == "freq must be one of day, week, month, quarter, year"
    assert bad(data.network, None, {"by": "colour"}) == "by must be code or country"
    assert bad(data.actor, None, "   ", {}) == "actor code must be 1-40 characters"
    assert bad(data.actor, None, "A" * 41, {}) == "actor code must be 1-40 characters"
    assert bad(data.actor, None, "RUSGOV", {"start": "May"}) == "start must be a date YYYY-MM-DD"
    assert bad(data.articles_list, None, {"limit": "many"}) == "limit must be a number"


# --- values made JSON-able ------------------------------------------------------------------------


def test_values_are_made_json_able():
    pd = pytest.importorskip("pandas")
    assert data._clean(None) is None
    assert data._clean(float("nan")) is None and data._clean(float("inf")) is None
    assert data._clean(1.5) == 1.5 and data._clean("x") == "x" and data._clean(b"x") == b"x"
    assert data._clean(dt.date(2022, 3, 1)) == "2022-03-01"
    assert data._clean(dt.datetime(2022, 3, 1, 23, 59)) == "2022-03-01"
    assert data._clean(np.int64(7)) == 7 and type(data._clean(np.int64(7))) is int
    assert data._clean(np.float64("nan")) is None
    assert data._clean(pd.NaT) is None
    assert data._clean(pd.Timestamp("2022-03-01 10:00")) == "2022-03-01"
    assert data._clean(np.datetime64("2022-03-01")) == "2022-03-01"

    class Day:
        def isoformat(self):
            return "2022-03-01T00:00:00"

    assert data._clean(Day()) == "2022-03-01"


def test_records_clean_every_cell():
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame({"day": [dt.date(2022, 3, 1), None], "n": [np.int64(2), np.int64(3)], "g": [1.25, float("nan")]})
    assert data.records(df) == [{"day": "2022-03-01", "n": 2, "g": 1.25}, {"day": None, "n": 3, "g": None}]


def test_dyad_rows_are_named_and_rounded():
    rows = data._dyads([("RUSGOV", "UKRGOV", 5, -7.3456), ("USA", "USA", 1, None)])
    assert rows[0] == {
        "source": "RUSGOV",
        "target": "UKRGOV",
        "source_name": data.actor_name("RUSGOV"),
        "target_name": data.actor_name("UKRGOV"),
        "events": 5,
        "goldstein_mean": -7.35,
    }
    assert rows[1]["goldstein_mean"] is None and rows[1]["events"] == 1
    assert data.actor_name("RUSGOV") and data.actor_name("RUSGOV") != "RUSGOV"


def test_a_dyad_side_is_named_code_by_code():
    name = data.actor_name
    assert data._side_name(None) is None and data._side_name("") is None
    assert data._side_name("RUSGOV") == name("RUSGOV")
    assert data._side_name(" RUSGOV , UKR,") == f"{name('RUSGOV')}, {name('UKR')}"


def test_an_event_row_carries_the_names_of_its_codes():
    row = data._named({"code": "190", "source_code": "RUSMIL", "target_code": "UKR", "x": 1})
    assert row == {
        "code": "190",
        "source_code": "RUSMIL",
        "target_code": "UKR",
        "x": 1,
        "code_name": data.event_name("190"),
        "source_code_name": data.actor_name("RUSMIL"),
        "target_code_name": data.actor_name("UKR"),
    }
    assert row["code_name"]


# --- chart geometry -------------------------------------------------------------------------------


def test_axes_hold_zero_and_their_values_with_padding():
    assert data.zero_aligned_ranges([]) == [[-0.54, 0.54]]  # nothing: zero in the middle, a unit range
    assert data.zero_aligned_ranges([0.0]) == [[-0.54, 0.54]]
    ((lo, hi),) = data.zero_aligned_ranges([10.0])
    assert lo == 0 and hi == pytest.approx(10.8)
    ((lo, hi),) = data.zero_aligned_ranges([-10.0])
    assert hi == 0 and lo == pytest.approx(-10.8)
    ((lo, hi),) = data.zero_aligned_ranges([-10.0, 30.0], pad=0.0)
    assert (lo, hi) == (pytest.approx(-10.0), pytest.approx(30.0))
    # values under one unit are not stretched to one
    assert data.zero_aligned_ranges([0.5]) == [[0.0, 0.54]] and data.zero_aligned_ranges([-0.5]) == [[-0.54, 0.0]]
    # limits are rounded to six decimals
    assert data.zero_aligned_ranges([-1.0, 6.0], [0.0, 1.0], pad=0.1) == [[-1.1, 6.6], [-0.183333, 1.1]]
    # the axis with the most room under zero sets zero's height for both (here the middle)
    a, b = data.zero_aligned_ranges([-10.0, 30.0], [-1.0, 1.0], pad=0.0)
    assert a == [pytest.approx(-30.0), pytest.approx(30.0)]
    assert b == [pytest.approx(-1.0), pytest.approx(1.0)]
    # all below zero: zero is at the top unless another axis needs room above it (at most 90% under)
    a, b = data.zero_aligned_ranges([-10.0], [-2.0, 1.0], pad=0.0)
    assert a == [pytest.approx(-10.0), pytest.approx(10 / 9)] and b == [pytest.approx(-9.0), pytest.approx(1.0)]


def test_layout_of_a_few_nodes_on_a_circle():
    layout = data.circle_layout({"B": 4, "A": 16, "C": 4, "D": 1})
    assert list(layout) == ["A", "B", "C", "D"]  # busiest first, then by name
    a, b, c, d = (layout[k] for k in "ABCD")
    assert (a["x"], a["y"]) == (330.0, 130.0)  # the first at the top
    assert (b["x"], b["y"]) == (530.0, 330.0) and (c["x"], c["y"]) == (330.0, 530.0)
    assert (d["x"], d["y"]) == (130.0, 330.0)
    assert (a["r"], b["r"], d["r"]) == (18.0, 11.0, 7.5)
    assert a["events"] == 16 and a["name"] == data.actor_name("A")
    # level labels outside the ring: above, right, below, left
    assert (a["lx"], a["ly"], a["anchor"], a["dy"], a["angle"]) == (330.0, 100.0, "middle", "0", 0)
    assert (b["lx"], b["anchor"], b["dy"]) == (560.0, "start", "0.35em")
    assert (c["ly"], c["anchor"], c["dy"]) == (560.0, "middle", "0.9em")
    assert (d["lx"], d["anchor"]) == (100.0, "end")


def test_layout_of_many_nodes_turns_labels_along_the_radius():
    nodes = {f"N{i:02d}": 50 - i for i in range(45)}
    layout = data.circle_layout(nodes)
    assert len(layout) == 40 and "N40" not in layout
    top, right, bottom, left = layout["N00"], layout["N10"], layout["N20"], layout["N30"]
    assert (top["angle"], top["anchor"], top["dy"]) == (-90.0, "start", "0.35em")
    assert (right["angle"], right["anchor"]) == (0.0, "start")
    assert (bottom["angle"], bottom["anchor"]) == (90.0, "start")
    assert (left["angle"], left["anchor"], left["dy"]) == (360.0, "end", "0.35em")  # turned round on the left
    assert len(data.circle_layout(nodes, most=13)) == 13
    assert all(n["angle"] == 0 for n in data.circle_layout(nodes, most=12).values())
    assert data.circle_layout({}) == {}
    assert data.circle_layout({"A": 0})["A"]["r"] == 4.0


def test_edges_run_between_node_rims_side_by_side_when_both_ways():
    layout = {
        "A": {"x": 0.0, "y": 0.0, "r": 5.0},
        "B": {"x": 100.0, "y": 0.0, "r": 10.0},
        "C": {"x": 0.0, "y": 100.0, "r": 4.0},
    }
    edges = [
        {"source": "A", "target": "B", "weight": 4, "goldstein_mean": -2.0},
        {"source": "B", "target": "A", "weight": 1, "goldstein_mean": 3.0},
        {"source": "A", "target": "C", "weight": 1, "goldstein_mean": None},
    ]
    data._edge_lines(edges, layout)
    ab, ba, ac = edges
    assert (ab["x1"], ab["y1"], ab["x2"], ab["y2"]) == (6.0, 3.0, 88.0, 3.0)
    assert (ba["x1"], ba["y1"], ba["x2"], ba["y2"]) == (89.0, -3.0, 7.0, -3.0)
    assert (ac["x1"], ac["y1"], ac["x2"], ac["y2"]) == (0.0, 6.0, 0.0, 94.0)  # one way: on the centre line
    assert (ab["width"], ba["width"], ac["width"]) == (4.0, 2.5, 2.5)
    assert (ab["kind"], ba["kind"], ac["kind"]) == ("conflict", "coop", "coop")
    same = [{"source": "A", "target": "A", "weight": 2, "goldstein_mean": 0.0}]
    data._edge_lines(same, layout)
    assert same[0]["kind"] == "coop" and math.isfinite(same[0]["x1"])


def test_busiest_nodes_come_first_and_ties_go_by_name():
    layout = data.circle_layout({"A": 1, "D": 16, "C": 4, "B": 4})
    assert list(layout) == ["D", "B", "C", "A"]
    assert [n for n in data.circle_layout({f"N{i}": i for i in range(20)}, most=3)] == ["N19", "N18", "N17"]


def test_thirteen_nodes_or_more_get_labels_along_the_radius():
    nodes = {f"N{i:02d}": 1 for i in range(13)}
    assert any(n["angle"] != 0 for n in data.circle_layout(nodes).values())
    assert all(n["angle"] == 0 for n in data.circle_layout(nodes, most=12).values())


def test_layout_and_edge_coordinates_are_rounded_to_a_tenth():
    layout = data.circle_layout({"A": 3, "B": 1, "C": 2})
    b = layout["B"]
    assert (b["x"], b["y"], b["lx"], b["ly"]) == (156.8, 430.0, 130.8, 445.0)
    assert b["r"] == 12.1  # 4 + 14 * sqrt(1/3)
    edges = [
        {"source": "A", "target": "B", "weight": 1, "goldstein_mean": -1.0},
        {"source": "B", "target": "A", "weight": 3, "goldstein_mean": 1.0},
    ]
    data._edge_lines(edges, layout)
    values = [e[k] for e in edges for k in ("x1", "y1", "x2", "y2", "width")]
    assert all(v == round(v, 1) for v in values) and any(v != round(v) for v in values)
    assert edges[0]["width"] == 2.7  # 1 + 3 * sqrt(1/3)


def test_edges_both_ways_run_parallel_three_units_either_side_of_the_centre_line():
    layout = {"A": {"x": 100.0, "y": 100.0, "r": 5.0}, "B": {"x": 200.0, "y": 200.0, "r": 8.0}}
    edges = [
        {"source": "A", "target": "B", "weight": 2, "goldstein_mean": 1.0},
        {"source": "B", "target": "A", "weight": 2, "goldstein_mean": 1.0},
    ]
    data._edge_lines(edges, layout)
    for e in edges:
        a, b = layout[e["source"]], layout[e["target"]]
        # the line is the centre line moved sideways by 3: both ends 3 away from it
        for x, y in ((e["x1"], e["y1"]), (e["x2"], e["y2"])):
            assert abs((x - 100.0) - (y - 100.0)) / math.sqrt(2) == pytest.approx(3.0, abs=0.1)
        # and it starts just outside the source and stops short of the target, where the arrowhead goes
        assert math.hypot(e["x1"] - a["x"], e["y1"] - a["y"]) == pytest.approx(math.hypot(a["r"] + 1, 3), abs=0.1)
        assert math.hypot(e["x2"] - b["x"], e["y2"] - b["y"]) == pytest.approx(math.hypot(b["r"] + 2, 3), abs=0.1)
    ab, ba = edges
    assert (ab["x1"] - ab["y1"]) * (ba["x1"] - ba["y1"]) < 0  # on opposite sides
    data._edge_lines([], layout)  # no edges, nothing to draw and no error
