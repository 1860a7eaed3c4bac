"""The batch table's assessment columns: the test, its headline result and its reference comparisons; records
written before the columns existed still read back."""

from __future__ import annotations

import json

import pyarrow.parquet as pq

from coach.batch.record import FileRecord, ResultKey, ok_row, read_record
from coach.batch.table import write_results
from coach.summary import ClipSummary

KEY = ResultKey("cd" * 32, "9.9", "task=tug")
SPINE = {"video": {"duration_s": 17.0, "frames_analysed": 507}, "view": "side", "person_found_fraction": 0.9}
TUG = {
    "assessment": {
        "test": "tug",
        "total_s": 10.72,
        "norms": [{"measure": "total_s", "verdict": "below"}, {"measure": "total_s", "verdict": "no_age"}],
    }
}
STANCE = {"assessment": {"test": "single-leg-stance", "best_hold_s": {"left": 6.3, "right": 5.9}, "norms": []}}
CHAIR = {"assessment": {"test": "chair-stand", "count_30s": None, "five_times_s": 7.8, "stands": 5}}


def test_assessment_columns_hold_the_headline_result_and_its_references(tmp_path):
    tug, stance, chair = (
        ok_row(f"{n}.mp4", KEY, ClipSummary.from_dict(SPINE | s), "auto")
        for n, s in (("t", TUG), ("s", STANCE), ("c", CHAIR))
    )
    assert (tug.assessment, tug.assessment_measure, tug.assessment_value) == ("tug", "total_s", 10.72)
    assert tug.assessment_reference == "total_s: below; total_s: no_age"
    assert (stance.assessment_measure, stance.assessment_value) == ("best_hold_s", 6.3)  # the better leg
    assert (chair.assessment_measure, chair.assessment_value) == ("five_times_s", 7.8)  # no 30-s count: next
    assert ok_row("m.mp4", KEY, ClipSummary.from_dict(SPINE), "march").assessment == ""
    write_results([tug, stance, chair], tmp_path)
    table = pq.read_table(tmp_path / "results.parquet")
    assert table.column("assessment_value").to_pylist() == [7.8, 6.3, 10.72]


def test_a_record_from_before_the_assessment_columns_reads_back(tmp_path):
    rec = FileRecord(ok_row("x.mp4", KEY, ClipSummary.from_dict(SPINE), "march"), 1, 2, 0.5, 100.0)
    d = rec.to_dict()
    for k in ("assessment", "assessment_measure", "assessment_value", "assessment_reference"):
        del d["row"][k]
    (tmp_path / "batch.json").write_text(json.dumps(d))
    assert read_record(tmp_path) == rec
