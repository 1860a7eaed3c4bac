"""The report's best and worst rep stills, drawn from the real sample clip with its real analysis and planted reps
(scores 92, 71, 90): the right reps are chosen, the pictures are the clip's frames at their peaks with the overlay
on them, and the report written with the clip holds both."""

from __future__ import annotations

import base64
import dataclasses
import io

import numpy as np
from PIL import Image

from coach.outputs.commit import commit_outputs
from coach.outputs.review import ReviewOptions, review_writers
from coach.report.stills import STILL_WIDTH_PX, chosen_reps, rep_stills
from coach.video import VideoSource
from tests.report.conftest import REPS, march_data


def _image(uri: str) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(base64.b64decode(uri.split(",", 1)[1]))).convert("RGB")).astype(float)


def test_best_and_worst_rep_are_chosen_by_score(exercise, plain):
    chosen = chosen_reps(exercise)
    assert [(w, r.side, n, r.score) for w, n, r in chosen] == [
        ("best", "left", 1, 92),
        ("worst", "right", 1, 71),
    ]
    assert chosen_reps(plain) == []  # no reps, no stills


def test_a_rep_across_a_gap_is_no_best_rep_while_another_was_seen_whole(exercise):
    top = dataclasses.replace(REPS[2], score=100)  # uncertain: it crossed a gap in the landmarks
    chosen = chosen_reps(march_data(exercise, (REPS[0], REPS[1], top)))
    assert [(w, r.side, n, r.score) for w, n, r in chosen] == [("best", "left", 1, 92), ("worst", "right", 1, 71)]
    alone = chosen_reps(march_data(exercise, (top,)))
    assert [(w, r.score) for w, _, r in alone] == [("best", 100)]  # the only rep there is: still shown


def test_stills_are_the_peak_frames_with_the_overlay(exercise, clip):
    stills = rep_stills(clip, exercise)
    assert [s.caption.split(":")[0] for s in stills] == ["Best rep", "Worst rep"]
    assert "score 92" in stills[0].caption and "at 0.3 s" in stills[0].caption
    seq = exercise.poses
    frame = next(f for f in VideoSource(clip, max(seq.width, seq.height)).frames() if f.t_s >= 0.3 - 1e-6)
    raw = np.asarray(
        Image.fromarray(frame.rgb).resize(
            (STILL_WIDTH_PX, round(frame.rgb.shape[0] * STILL_WIDTH_PX / frame.rgb.shape[1]))
        )
    ).astype(float)
    best = _image(stills[0].uri)
    assert best.shape == raw.shape
    diff = np.abs(best - raw).max(axis=-1)
    assert 0.002 < (diff > 60).mean() < 0.3  # the same frame, with the skeleton and counters drawn on it


def test_report_with_the_clip_holds_both_stills(exercise, clip, tmp_path):
    commit_outputs(tmp_path, review_writers(exercise, clip, ReviewOptions(video=False, pdf=False, opensim=False)))
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert 'id="stills"' in html and html.count("data:image/png;base64,") == 2
    assert "Best rep: left 1, score 92" in html and "Worst rep: right 1, score 71" in html
