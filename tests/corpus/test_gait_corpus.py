"""Gait on every labelled walking clip, with real MediaPipe inference: heel strikes per foot within the label's
tolerance, event times within 0.1 s of the labelled ones, cadence within 5 %."""

from __future__ import annotations

from functools import cache

import numpy as np
import pytest

from coach.analysis import Settings, analyze_poses
from tests.corpus.conftest import clips_with, corpus_poses, labels

TIME_TOLERANCE_S = 0.1


@cache
def gait_analysis(name: str):
    """The whole offline pipeline after pose estimation, task 'gait'."""
    info, raw, people, err = corpus_poses(name)
    return analyze_poses(info, raw, people, Settings(task="gait"), err)


@pytest.mark.parametrize("name", clips_with("gait"))
def test_heel_strike_counts(name):
    lab = labels()[name]
    steps = gait_analysis(name).summary["gait"]["steps"]
    for side in ("left", "right"):
        assert abs(steps[side] - len(lab["heel_strikes"][side])) <= lab.get("tolerance", 1), steps


@pytest.mark.parametrize("name", clips_with("gait"))
def test_event_times(name):
    lab = labels()[name]
    events = gait_analysis(name).result.events
    for key, kind in (("heel_strikes", "HS"), ("toe_offs", "TO")):
        for side, times in lab.get(key, {}).items():
            found = events.times(kind, side)
            for t in times:
                err = np.min(np.abs(found - t)) if len(found) else np.inf
                assert err <= TIME_TOLERANCE_S, f"{side} {kind} at {t} s: nearest detected {err:.3f} s away"


@pytest.mark.parametrize("name", clips_with("gait"))
def test_cadence(name):
    lab = labels()[name]
    cadence = gait_analysis(name).summary["gait"]["cadence_steps_per_min"]
    assert cadence == pytest.approx(lab["cadence_steps_per_min"], rel=0.05)


@pytest.mark.parametrize("name", clips_with("gait"))
def test_verdict_only_with_enough_strides(name):
    gait = gait_analysis(name).summary["gait"]
    assert (gait["verdict"] == "not enough strides") == (min(gait["strides"].values()) < 3), gait["strides"]
