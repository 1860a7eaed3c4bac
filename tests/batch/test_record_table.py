"""Rows read from summaries (exercise and gait parts when present), records round trip, the typed table."""

from __future__ import annotations

import json

import pyarrow as pa
import pyarrow.parquet as pq

from coach.batch.record import FileRecord, ResultKey, error_row, ok_row, read_record, write_record
from coach.batch.table import write_results
from coach.summary import ClipSummary

KEY = ResultKey("ab" * 32, "9.9", "task=march")

SPINE = {
    "video": {"duration_s": 12.5, "frames_analysed": 375},
    "view": "side",
    "person_found_fraction": 0.97,
    "warnings": ["low light", "two people in view"],
}
EXERCISE = {"exercise": "march", "reps": {"left": 6, "right": 5}, "score": 81.5}
GAIT = {
    "gait": {
        "steps": {"left": 4, "right": 5},
        "cadence_steps_per_min": 98.2,
        "verdict": "mildly asymmetric",
        "symmetry": {
            "stance_pct": {"si_percent": 6.1, "verdict": "symmetric"},
            "hip_extension_deg": {"si_percent": 24.0, "verdict": "asymmetric"},
        },
    }
}


def test_spine_only_summary_leaves_task_columns_empty():
    r = ok_row("a/b.mp4", KEY, ClipSummary.from_dict(SPINE), "none")
    assert (r.status, r.duration_s, r.frames_analysed, r.view) == ("ok", 12.5, 375, "side")
    assert (r.reps_left, r.reps_right, r.score, r.gait_cadence_steps_per_min) == (None, None, None, None)
    assert (r.gait_verdict, r.gait_symmetry, r.exercise) == ("", "", "none")
    assert r.warnings == "low light | two people in view"
    assert (r.content_hash, r.coach_version, r.settings_key, r.output) == (
        *[KEY.content_hash, "9.9", "task=march"],
        "a/b.mp4/",
    )


def test_exercise_and_gait_parts_are_read():
    r = ok_row("x.mp4", KEY, ClipSummary.from_dict(SPINE | EXERCISE | GAIT), "auto")
    assert (r.exercise, r.reps_left, r.reps_right, r.score) == ("march", 6, 5, 81.5)
    assert (r.gait_steps_left, r.gait_steps_right, r.gait_cadence_steps_per_min) == (4, 5, 98.2)
    assert r.gait_verdict == "mildly asymmetric"
    assert r.gait_symmetry == "stance_pct: symmetric; hip_extension_deg: asymmetric"


def test_unexpected_shapes_give_empty_cells_not_crashes():
    odd = SPINE | {"reps": 3, "score": "high", "gait": {"steps": None, "symmetry": ["x"]}}
    r = ok_row("x.mp4", KEY, ClipSummary.from_dict(odd), "march")
    assert (r.reps_left, r.score, r.gait_steps_left, r.gait_symmetry) == (None, None, None, "")


def test_record_round_trip_and_unreadable_record(tmp_path):
    rec = FileRecord(ok_row("x.mp4", KEY, ClipSummary.from_dict(SPINE | EXERCISE), "march"), 1234, 5678, 3.25, 512.0)
    write_record(tmp_path, rec)
    back = read_record(tmp_path)
    assert back == rec and back.key == KEY
    assert not [p for p in tmp_path.iterdir() if p.name != "batch.json"], "no temp file left behind"
    (tmp_path / "batch.json").write_text("{ half written")
    assert read_record(tmp_path) is None
    (tmp_path / "batch.json").write_text(json.dumps({"schema_version": 99}))
    assert read_record(tmp_path) is None


def test_table_types_and_order(tmp_path):
    rows = [
        ok_row("z.mp4", KEY, ClipSummary.from_dict(SPINE | EXERCISE), "march"),
        error_row("a.mp4", KEY, "a.mp4: empty", "march"),
    ]
    csv_path, pq_path = write_results(rows, tmp_path)
    t = pq.read_table(pq_path)
    assert t.schema.field("reps_left").type == pa.int64() and t.schema.field("score").type == pa.float64()
    assert t.column("file").to_pylist() == ["a.mp4", "z.mp4"]
    assert t.column("reps_left").to_pylist() == [None, 6]
    lines = csv_path.read_text().splitlines()
    assert lines[0].startswith("file,status,error,") and lines[1].startswith("a.mp4,error,a.mp4: empty,")
    (tmp_path / "empty").mkdir()
    _, empty_pq = write_results([], tmp_path / "empty")
    assert pq.read_table(empty_pq).num_rows == 0 and pq.read_table(empty_pq).schema == t.schema
