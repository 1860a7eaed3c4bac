"""Fixtures for the review outputs: the bundled 100-frame sample clip analysed once by the real model, the same
analysis with planted exercise reps or gait events (documented summary keys), and a results folder on disk."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from coach.report.data import ReportData

CLIP = Path(__file__).resolve().parents[2] / "sample_videos" / "pose2sim_balance_cam04.mp4"

#: Planted reps (the analysers' documented rep_list keys), inside the 1.67 s clip.
REPS = [
    {
        "side": "left",
        "start_s": 0.10,
        "peak_s": 0.30,
        "end_s": 0.55,
        "peak_deg": 62.0,
        "rom_deg": 58.0,
        "faults": [],
        "score": 92,
    },
    {
        "side": "right",
        "start_s": 0.60,
        "peak_s": 0.80,
        "end_s": 1.05,
        "peak_deg": 48.0,
        "rom_deg": 44.0,
        "faults": [{"code": "low_lift", "cue": "lift the knee higher"}],
        "score": 71,
    },
    {
        "side": "left",
        "start_s": 1.10,
        "peak_s": 1.30,
        "end_s": 1.55,
        "peak_deg": 60.0,
        "rom_deg": 56.0,
        "faults": [],
        "score": 90,
        "confidence": 0.4,
        "uncertain": True,
    },
]
#: Planted gait events (events.csv rows: t_s, side, kind).
EVENTS = [
    {"t_s": t, "side": side, "kind": kind}
    for t, side, kind in (
        (0.05, "left", "heel_strike"),
        (0.30, "right", "toe_off"),
        (0.45, "right", "heel_strike"),
        (0.70, "left", "toe_off"),
        (0.85, "left", "heel_strike"),
        (1.10, "right", "toe_off"),
        (1.25, "right", "heel_strike"),
        (1.50, "left", "toe_off"),
        (1.62, "left", "heel_strike"),
    )
]


@pytest.fixture(scope="session")
def clip() -> Path:
    return CLIP


@pytest.fixture(scope="session")
def analysis():
    """The sample clip through the whole real pipeline (MediaPipe), once per session."""
    from coach.analysis import analyze_video

    return analyze_video(CLIP)


@pytest.fixture(scope="session")
def plain(analysis) -> ReportData:
    return ReportData.from_analysis(analysis)


@pytest.fixture(scope="session")
def exercise(plain) -> ReportData:
    """The clip's analysis with an exercise summary: 2 left reps, 1 right rep, a score and a cue."""
    summary = plain.summary | {
        "task": "march",
        "exercise": "march",
        "reps": {"left": 2, "right": 1},
        "rep_list": REPS,
        "score": 84,
        "cues": ["lift the knee higher"],
    }
    return dataclasses.replace(plain, summary=summary)


@pytest.fixture(scope="session")
def gait(plain) -> ReportData:
    """The clip's analysis with gait events and a gait summary part."""
    summary = plain.summary | {
        "task": "gait",
        "gait": {
            "steps": {"left": 3, "right": 2},
            "cadence_steps_per_min": 112.5,
            "metrics": {
                "stride_time_s": {
                    "unit": "s",
                    "left": {"mean": 0.79, "sd": 0.02, "n": 2},
                    "right": {"mean": 0.8, "sd": None, "n": 1},
                }
            },
            "symmetry": {
                "stride_time_s": {
                    "si_percent": 1.3,
                    "ratio": 0.99,
                    "symmetry_angle_percent": 0.4,
                    "verdict": "not enough strides",
                }
            },
            "verdict": "not enough strides",
            "findings": ["too few strides for a verdict"],
        },
    }
    return dataclasses.replace(plain, summary=summary, tables={"events.csv": EVENTS})
