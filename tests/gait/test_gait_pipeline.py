"""Gait through the whole offline pipeline after pose estimation: registered as task 'gait', its summary merged into
summary.json and its tables written as strides.csv and events.csv."""

from __future__ import annotations

import csv
import json

from coach.analysis import TASKS, Settings, analyze_poses
from coach.outputs.analysis import save_analysis
from coach.people import PeopleReport
from coach.simulate import simulate_walk
from coach.types import VideoInfo


def test_gait_task_writes_its_outputs(tmp_path):
    assert "gait" in TASKS
    seq, truth = simulate_walk(duration_s=6.0, noise_px=1.0, seed=3)
    info = VideoInfo("walker.mp4", seq.width, seq.height, 30.0, float(seq.t_s[-1]), len(seq))
    people = PeopleReport(max_people=1, others_fraction=0.0, n_tracks=1, found_fraction=1.0, lying_fraction=0.0)
    analysis = analyze_poses(info, seq, people, Settings(task="gait"))
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
