"""Fixtures for the review outputs: the bundled 100-frame sample clip analysed once by the real model, the same
analysis with planted exercise reps or gait events (documented summary keys), and a results folder on disk."""

from __future__ import annotations

import dataclasses
import math
from pathlib import Path

import pytest

from coach.exercises import SPECS
from coach.exercises.reps import Rep
from coach.exercises.result import ExerciseResult
from coach.exercises.spec import Fault
from coach.gait.symmetry import NOT_ENOUGH
from coach.report.data import HEEL_STRIKE, TOE_OFF, Event, ReportData
from coach.summary import GaitMetric, GaitSummary, MetricStats, SymmetrySummary, TaskSummary

CLIP = Path(__file__).resolve().parents[2] / "sample_videos" / "pose2sim_balance_cam04.mp4"

#: A march fault as the march spec defines it (code and cue), so the fixtures cannot drift from the specs.
KNEE_LOW = next(r for r in SPECS["march"].rules if r.code == "knee_low")
#: Planted reps (the rep engine's own type), inside the 1.67 s clip.
REPS = (
    Rep("left", 0.10, 0.30, 0.55, 62.0, 58.0, 0.20, 0.25, (), 92, math.nan),
    Rep("right", 0.60, 0.80, 1.05, 48.0, 44.0, 0.20, 0.25, (Fault(KNEE_LOW.code, KNEE_LOW.cue),), 71, math.nan),
    Rep("left", 1.10, 1.30, 1.55, 60.0, 56.0, 0.20, 0.25, (), 90, 0.4, uncertain=True),
)
#: Planted gait events (t_s, side, kind).
EVENTS = tuple(
    Event(t, side, kind)
    for t, side, kind in (
        (0.05, "left", HEEL_STRIKE),
        (0.30, "right", TOE_OFF),
        (0.45, "right", HEEL_STRIKE),
        (0.70, "left", TOE_OFF),
        (0.85, "left", HEEL_STRIKE),
        (1.10, "right", TOE_OFF),
        (1.25, "right", HEEL_STRIKE),
        (1.50, "left", TOE_OFF),
        (1.62, "left", HEEL_STRIKE),
    )
)


def with_task(data: ReportData, task: str, part: dict) -> ReportData:
    """The report data with an analyser's summary part (as the analyser writes it) under task `task`."""
    summary = dataclasses.replace(data.summary, task=task, result=TaskSummary.from_dict(part))
    return dataclasses.replace(data, summary=summary)


def march_data(data: ReportData, reps: tuple[Rep, ...] = REPS) -> ReportData:
    """The report data with a march set of these reps, summarised by the exercise analyser's own code."""
    return with_task(data, "march", ExerciseResult("march", reps, {}).summary())


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
    return march_data(plain)


@pytest.fixture(scope="session")
def gait(plain) -> ReportData:
    """The clip's analysis with gait events and a gait summary part (too few strides for a verdict)."""
    part = GaitSummary(
        steps={"left": 3, "right": 2},
        cadence_steps_per_min=112.5,
        metrics={"stride_time_s": GaitMetric("s", MetricStats(0.79, 0.02, n=2), MetricStats(0.8, None, n=1))},
        symmetry={"stride_time_s": SymmetrySummary(1.3, 0.99, 0.4, verdict=NOT_ENOUGH, n_left=2, n_right=1)},
        verdict=NOT_ENOUGH,
        findings=("too few strides for a verdict",),
    )
    data = with_task(plain, "gait", {"gait": part.to_dict()})
    return dataclasses.replace(data, gait_events=EVENTS)
