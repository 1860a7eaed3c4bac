"""The corpus's stored-landscape phone clips (display matrix -90 and +90, written by a newer ffmpeg than Debian's)
come out upright, as ffmpeg shows them; a labelled clip cut off early says so and withholds its left/right
comparisons."""

from __future__ import annotations

import re
import shutil
from dataclasses import replace

import numpy as np
import pytest
from make_clips import remux, truncate

from coach.analysis import Settings, analyze_poses, analyze_run
from coach.people import PoseRun
from coach.posecache import cached_pose_run
from coach.types import PoseSequence
from coach.video import VideoSource
from tests.corpus.conftest import CORPUS, POSE_CACHE, corpus_poses
from tests.test_video import ffmpeg_first_frame


@pytest.mark.skipif(shutil.which("ffmpeg") is None, reason="ffmpeg is not installed (apt-get install ffmpeg)")
@pytest.mark.parametrize("name", ["march_phone_rotated_a.mp4", "march_phone_rotated_b.mp4"])
def test_phone_clips_come_out_as_ffmpeg_shows_them(name):
    reference = ffmpeg_first_frame(CORPUS / name)
    got = next(VideoSource(CORPUS / name, max_side=None).frames()).rgb
    assert got.shape == reference.shape
    assert np.abs(got.astype(int) - reference).mean() < 3


def first_part(seq: PoseSequence, fraction: float) -> PoseSequence:
    """The first `fraction` of a pose sequence's frames: what a file cut off after them decodes."""
    return seq.frames(slice(0, int(len(seq) * fraction)))


@pytest.fixture(scope="module")
def cut_march(tmp_path_factory) -> PoseRun:
    """The labelled march clip re-muxed with its index first and cut to its first 40% of bytes (a download
    stopped early), through the real pose stage (kept in the pose cache: the re-mux is byte-for-byte stable)."""
    d = tmp_path_factory.mktemp("cut")
    whole = remux(CORPUS / "march_front_then_side_a.mp4", d / "whole.mp4", index_first=True)
    return cached_pose_run(truncate(whole, d / "march_front_then_side_a_cut40.mp4", 0.4), Settings(), POSE_CACHE)


def test_cut_off_march_says_so_and_withholds_the_side_comparison(cut_march):
    """The first 40% of the march clip (352 frames) decodes a part; the summary says how much, counts what it saw,
    and gives no left/right difference from the partial set."""
    run = cut_march
    a = analyze_run(run, Settings(task="march"))
    v = a.summary["video"]
    assert v["complete"] is False and v["frames_expected"] == 352 and 0.3 < v["frames_decoded"] / 352 < 0.5
    warning = f"the file ends early: {v['frames_decoded']} of 352 frames ("
    assert any(w.startswith(warning) for w in a.summary["warnings"]), a.summary["warnings"]
    findings = a.summary["findings"]
    assert any(f.startswith("left/right comparison withheld: the file ends early") for f in findings), findings
    assert not [f for f in findings if re.search(r"deg less than (left|right)|reps? with the left leg", f)], findings
    as_if_whole = analyze_poses(
        replace(run.info, n_frames=len(run.raw), duration_s=float(run.raw.t_s[-1])),
        run.raw,
        run.people,
        Settings(task="march"),
        run.decode_error,
    )
    assert as_if_whole.summary["video"]["complete"] is True
    assert a.summary["reps"] == as_if_whole.summary["reps"]  # what was seen is still counted


def test_cut_off_walk_withholds_the_symmetry_verdicts():
    """A walk of which only the first 40% of frames could be read: steps are counted, symmetry verdicts are not."""
    info, raw, people, err = corpus_poses("gait_no_arm_swing_side_c.mp4")
    a = analyze_poses(info, first_part(raw, 0.4), people, Settings(task="gait"), err)
    gait = a.summary["gait"]
    assert a.summary["video"]["complete"] is False
    assert gait["verdict"] == "withheld"
    assert gait["symmetry"] and {d["verdict"] for d in gait["symmetry"].values()} == {"withheld"}
    assert len(gait["findings"]) == 1 and gait["findings"][0].startswith("left/right comparison withheld")
    assert sum(gait["steps"].values()) > 0
