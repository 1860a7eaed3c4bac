"""Typed summaries: summary.json read back and written again is the same text, older files still load, and the
analysis writes exactly its typed summary."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coach.summary import ClipSummary, ExerciseSummary, GaitSummary, TaskSummary

DATA = Path(__file__).parent / "data"
NOW = sorted(DATA.glob("now-*.json"))


def _text(d: dict) -> str:
    """summary.json's text of a dict (coach.outputs.formats.write_json's layout)."""
    return json.dumps(d, indent=2, ensure_ascii=False) + "\n"


@pytest.mark.parametrize("path", NOW, ids=[p.stem for p in NOW])
def test_round_trip_is_byte_identical(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert _text(ClipSummary.from_dict(json.loads(text)).to_dict()) == text


def test_parts_are_typed() -> None:
    s = ClipSummary.from_dict(json.loads((DATA / "now-march.auto.json").read_text()))
    assert isinstance(s.exercise, ExerciseSummary) and s.gait is None and s.assessment is None
    assert s.exercise.reps == {"left": 5, "right": 5} and len(s.exercise.side_reps("left")) == 5
    assert s.exercise.rep_list[0].extra  # the spec's own measures kept
    assert s.result.recognised is not None and s.result.recognised.task == "march"
    gait = ClipSummary.from_dict(json.loads((DATA / "now-gait-short.gait.json").read_text())).gait
    assert isinstance(gait, GaitSummary) and gait.verdict == "withheld"
    assert all(m.verdict == "withheld" for m in gait.symmetry.values())
    tug = ClipSummary.from_dict(json.loads((DATA / "now-tug.tug.json").read_text())).assessment
    assert tug is not None and tug.test == "tug" and tug.age_years == 70 and "total_s" in tug.measures
    rom = ClipSummary.from_dict(json.loads((DATA / "now-hip-abduction.hip-abduction.json").read_text()))
    assert rom.exercise is not None and rom.assessment is not None and rom.assessment.test == "hip-abduction"


def test_older_summaries_load() -> None:
    """Files written before movements, frame_rate_fps, the read-completeness fields and gait.rhythm load with those
    as unknown (None), and a key this version no longer writes (`rejected`) is kept, not lost."""
    old = json.loads((DATA / "v0.1-f0128fc-march-auto.json").read_text())
    s = ClipSummary.from_dict(old)
    assert s.exercise is not None and s.exercise.reps == old["reps"]
    assert s.exercise.movements is None and s.exercise.frame_rate_fps is None
    assert s.video.complete is None and s.video.duration_read_s is None
    assert s.extra["rejected"] == old["rejected"] and s.to_dict()["rejected"] == old["rejected"]
    gait = ClipSummary.from_dict(json.loads((DATA / "v0.1-f0128fc-gait.json").read_text())).gait
    assert gait is not None and gait.rhythm is None and gait.cadence_from is None
    assert gait.steps["left"] > 0 and gait.metrics["stride_time_s"].left.n > 0


def test_not_a_summary_is_refused() -> None:
    with pytest.raises(ValueError, match="not a coach summary"):
        ClipSummary.from_dict({"reps": {"left": 1}})


def test_live_session_summary_reads_as_task() -> None:
    """A live session's summary (exercise keys at the top level beside kind, duration and target) gives the same
    task part as a clip's."""
    clip = json.loads((DATA / "now-march.auto.json").read_text())
    live = {"kind": "live", "exercise": "march", "duration_s": 30.0} | {
        k: clip[k] for k in ("exercise", "reps", "rep_list", "per_side", "score", "cues", "findings", "setup")
    }
    task = TaskSummary.from_dict(live)
    assert task.exercise is not None and task.exercise.reps == clip["reps"]
    assert task.findings == tuple(clip["findings"])


@pytest.mark.parametrize("strides, kept", [({"left": 1, "right": 4}, False), ({"left": 3, "right": 3}, True)])
def test_a_too_few_strides_finding_is_said_once(strides, kept) -> None:
    """With too few strides on a side (the condition of the trust warning, coach.gait.trust.too_few_strides) the
    finding saying the same is left out of the plain words; with enough it stays."""
    from coach.gait.symmetry import NOT_ENOUGH
    from coach.report.words import result_findings

    finding = f"{NOT_ENOUGH} for a verdict"
    task = TaskSummary(gait=GaitSummary(strides=strides, findings=(finding, "other")))
    assert result_findings(task) == ([finding] if kept else []) + ["other"]
