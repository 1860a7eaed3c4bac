"""Gait through the whole offline pipeline after pose estimation: registered as task 'gait', its summary merged into
summary.json and its tables written as strides.csv and events.csv."""

from __future__ import annotations

import csv
import json

from coach.analysis import TASKS, Settings
from coach.outputs.analysis import save_analysis
from coach.simulate import simulate_walk
from tests.synthetic import analyse


def test_gait_task_writes_its_outputs(tmp_path):
    assert "gait" in TASKS
    seq, truth = simulate_walk(duration_s=6.0, noise_px=1.0, seed=3)
    analysis = analyse(seq, Settings(task="gait"), "walker.mp4")
    save_analysis(analysis, tmp_path)
    summary = json.loads((tmp_path / "summary.json").read_text())
    assert summary["gait"]["steps"]["left"] >= len(truth.hs_s["left"])
    assert abs(summary["gait"]["cadence_steps_per_min"] - truth.cadence_steps_per_min) < 1.0
    with open(tmp_path / "events.csv") as f:
        events = list(csv.DictReader(f))
    assert (
        sum(e["kind"] == "HS" for e in events) == summary["gait"]["steps"]["left"] + summary["gait"]["steps"]["right"]
    )
    with open(tmp_path / "strides.csv") as f:
        strides = list(csv.DictReader(f))
    assert sum(s["status"] == "ok" for s in strides) == sum(summary["gait"]["strides"].values()) >= 6
