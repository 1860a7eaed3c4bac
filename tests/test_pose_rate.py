"""Clips filmed faster than an exercise needs are posed at about 30 frames a second (issue 18): which frames are kept
(checked against ffprobe's own frame times), that the task decides it, that the pose cache, the file's completeness,
summary.json, the command line and the report say so, and that the angles on a real 60 fps clip do not move."""

from __future__ import annotations

import json
import subprocess

import numpy as np
import pytest
from make_clips import remux, truncate, write_synthetic
from synthetic import ONE_PERSON
from test_cli import SAMPLE, coach

from coach.analysis import SLOW_MOVEMENT_POSE_RATE_HZ, Settings, analyze_posed, analyze_run, analyze_video, run_pose
from coach.people import PoseRun
from coach.posecache import pose_key
from coach.quality import completeness
from coach.simulate import simulate_march, simulate_walk
from coach.types import PoseSequence, VideoInfo
from coach.video import VideoSource, pose_stride


def ffprobe_times(clip) -> np.ndarray:
    """Every frame's presentation time (s from the first) as ffprobe reads it."""
    out = subprocess.run(
        ["ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries", "frame=pts_time", "-of", "csv=p=0", clip],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    t = np.array([float(line.strip(",")) for line in out.split() if line.strip(",")])
    return t - t[0]


@pytest.mark.parametrize("fps, stride", [(24, 1), (30, 1), (40, 1), (50, 2), (59.94, 2), (60, 2), (120, 4), (240, 8)])
def test_stride_for_common_frame_rates(fps, stride):
    assert pose_stride(fps, SLOW_MOVEMENT_POSE_RATE_HZ) == stride
    assert pose_stride(fps, None) == 1


def test_posed_rate_stays_near_the_cap_at_every_frame_rate():
    """From 10 to 240 fps: a clip at or below 1.5x the cap is posed at every frame, and a faster one at 0.75-1.5x the
    cap (never below 22.5 poses a second, over 7 poses for the shortest movement counted)."""
    cap = SLOW_MOVEMENT_POSE_RATE_HZ
    for fps in np.arange(10.0, 240.0, 0.5):
        stride = pose_stride(fps, cap)
        rate = fps / stride
        assert (stride == 1 and fps <= 1.5 * cap) or 0.75 * cap <= rate <= 1.5 * cap, (fps, stride)


@pytest.mark.parametrize("fps, every", [(60.0, 2), (50.0, 2), (30.0, 1)])
def test_kept_frames_are_every_nth_with_their_own_times(tmp_path, fps, every):
    """The frames kept are the decoded frames 0, n, 2n... with the times ffprobe gives those frames."""
    clip = write_synthetic(tmp_path / "c.mp4", n=int(fps), fps=fps)
    src = VideoSource(clip, max_rate_hz=SLOW_MOVEMENT_POSE_RATE_HZ)
    frames = list(src.frames())
    np.testing.assert_allclose([f.t_s for f in frames], ffprobe_times(clip)[::every], atol=1e-3)
    assert [f.index for f in frames] == list(range(len(frames)))
    assert src.decoded == int(fps) and src.stride == every


def test_the_task_decides_the_rate():
    """Exercises, assessments and auto are posed at the cap, the held positions at half of it; gait and angles only at
    every frame; --every-frame poses every frame for any task."""
    assert Settings(task="march").pose_rate_hz == Settings(task="chair-stand").pose_rate_hz == 30.0
    assert Settings(task="auto").pose_rate_hz == 30.0
    for hold in ("single-leg-stance", "hip-flexor-stretch"):
        assert Settings(task=hold).pose_rate_hz == 15.0
        assert (pose_stride(30.0, Settings(task=hold).pose_rate_hz), pose_stride(60.0, 15.0)) == (2, 4)
    assert Settings(task="single-leg-stance", every_frame=True).pose_rate_hz is None
    assert Settings(task="gait").pose_rate_hz is Settings().pose_rate_hz is None
    assert Settings(task="lunge", every_frame=True).pose_rate_hz is None
    assert Settings(task="march").key() != Settings(task="march", every_frame=True).key()


def test_pose_cache_key_follows_the_frames_posed_not_the_task(tmp_path):
    """A 30 fps clip has one pose run for the tasks done standing and one for those that look for a person lying
    down; a 60 fps one a run for each rate."""
    slow = write_synthetic(tmp_path / "30.mp4", n=4, fps=30.0)
    fast = write_synthetic(tmp_path / "60.mp4", n=4, fps=60.0)
    assert pose_key(slow, Settings(task="march")) == pose_key(slow, Settings(task="gait"))
    assert pose_key(slow, Settings(task="slr")) == pose_key(slow, Settings(task="knee-to-chest"))
    assert pose_key(slow, Settings(task="slr")) != pose_key(slow, Settings(task="march"))
    assert pose_key(fast, Settings(task="march")) != pose_key(fast, Settings(task="gait"))
    assert pose_key(fast, Settings(task="march", every_frame=True)) == pose_key(fast, Settings(task="gait"))


def test_a_strided_clip_that_ends_early_is_measured_in_posed_frames(tmp_path):
    """The 60 fps sample cut at 40%, posed every 2nd frame: it promises 50 posed frames and ends early; the whole
    clip posed the same way does not."""
    whole = remux(SAMPLE, tmp_path / "whole.mp4", index_first=True)
    cut = VideoSource(truncate(whole, tmp_path / "cut.mp4", 0.4), max_rate_hz=SLOW_MOVEMENT_POSE_RATE_HZ)
    times = np.array([f.t_s for f in cut.frames()])
    read = completeness(cut.info, times, cut.stride)
    assert cut.stride == 2 and read.frames_expected == 50 and read.ends_early
    assert (
        read.frames_decoded == len(times) and read.frames_text() == f"{len(times)} of 50 frames (1 in 2 of the clip's)"
    )
    src = VideoSource(whole, max_rate_hz=SLOW_MOVEMENT_POSE_RATE_HZ)
    assert not completeness(src.info, np.array([f.t_s for f in src.frames()]), src.stride).ends_early


@pytest.fixture(scope="module")
def both_rates():
    """The bundled 60 fps clip analysed as marching at the cap and at every frame (real MediaPipe)."""
    return analyze_video(SAMPLE, Settings(task="march")), analyze_video(
        SAMPLE, Settings(task="march", every_frame=True)
    )


def test_sixty_fps_clip_is_posed_every_second_frame_and_says_so(both_rates):
    capped, every = both_rates
    assert len(every.raw) == 100 and len(capped.raw) == 50
    np.testing.assert_allclose(capped.raw.t_s, every.raw.t_s[::2], atol=1e-6)
    v = capped.summary["video"]
    assert (v["pose_stride"], v["frames_analysed"], v["complete"], v["fps"]) == (2, 50, True, 60.0)
    assert every.summary["video"]["pose_stride"] == 1


def test_angles_do_not_move_when_every_second_frame_is_posed(both_rates):
    """On the frames both runs posed the model's landmarks are the same (MediaPipe, asked for two people, finds them
    afresh in every picture), and the cleaned hip and knee angles agree to within 1 deg (median; the cleaning filters
    work in seconds, so only their edges differ)."""
    capped, every = both_rates
    a, b = capped.raw.xy_px, every.raw.xy_px[::2]
    assert np.array_equal(np.isfinite(a), np.isfinite(b))
    np.testing.assert_allclose(a[np.isfinite(a)], b[np.isfinite(b)], atol=0.5)
    for name in ("hip_flex_left", "hip_flex_right", "knee_flex_left", "knee_flex_right"):
        x, y = capped.angles.values[name], every.angles.values[name][::2]
        ok = np.isfinite(x) & np.isfinite(y)
        assert ok.mean() > 0.8 and np.median(np.abs(x[ok] - y[ok])) < 1.0, name


def test_progress_counts_the_clip_s_frames_when_every_second_is_posed():
    """The progress bar moves over the clip's 100 frames, two at a time, and ends at 100."""
    seen: list[tuple[int, int]] = []
    run_pose(SAMPLE, Settings(task="march"), progress=lambda done, total: seen.append((done, total)))
    assert seen == [(2 * (i + 1), 100) for i in range(50)]


def test_cli_says_one_frame_in_two_was_posed_and_every_frame_poses_all(tmp_path):
    r = coach("analyze", str(SAMPLE), "-e", "march", "--out", str(tmp_path / "a"), "--no-video", "--no-pdf")
    assert r.returncode == 0, r.stderr
    assert "50 frames (1 in 2 of the clip's) analysed" in r.stdout
    assert "60 fps, posed 30 a second" in (tmp_path / "a" / "report.html").read_text()
    r = coach(
        "analyze", str(SAMPLE), "-e", "march", "--every-frame", "--out", str(tmp_path / "b"), "--no-video", "--no-pdf"
    )
    assert r.returncode == 0, r.stderr
    v = json.loads((tmp_path / "b" / "summary.json").read_text())["video"]
    assert (v["frames_analysed"], v["pose_stride"]) == (100, 1)


def test_batch_poses_a_sixty_fps_exercise_clip_at_the_cap_unless_every_frame(tmp_path):
    """`coach batch --exercise march` on a folder holding the 60 fps sample: 50 frames analysed; with --every-frame
    all 100 (the flag reaches the batch workers and their results table)."""
    import csv
    import shutil

    folder = tmp_path / "clips"
    folder.mkdir()
    shutil.copy(SAMPLE, folder / SAMPLE.name)
    for flag, frames in (((), "50"), (("--every-frame",), "100")):
        out = tmp_path / f"out{frames}"
        r = coach("batch", str(folder), "-e", "march", "--workers", "1", "--out", str(out), *flag)
        assert r.returncode == 0, r.stderr
        with (out / "results.csv").open() as f:
            assert [row["frames_analysed"] for row in csv.DictReader(f)] == [frames]


def test_the_stride_reported_is_the_one_the_frames_were_posed_at(tmp_path):
    """A run posed at every frame and analysed as an exercise says 1 in 1 (its frames), not what a fresh exercise run
    would have posed; a strided run keeps its stride through the pose cache's file."""
    every = run_pose(SAMPLE, Settings())
    v = analyze_run(every, Settings(task="march")).summary["video"]
    assert (v["pose_stride"], v["frames_analysed"], v["frames_expected"]) == (1, 100, 100)
    capped = run_pose(SAMPLE, Settings(task="march"))
    capped.save(tmp_path / "run.npz")
    assert PoseRun.load(tmp_path / "run.npz").stride == capped.stride == 2


def test_the_annotated_video_shows_the_frames_posed_at_their_own_times(both_rates, tmp_path):
    """Every skeleton is drawn on the picture it was measured on: posed every second frame, the annotated video has
    the clip's frames 0, 2, 4... at the times ffprobe gives them in the clip; posed at every frame, all of them."""
    from coach.report.annotate import write_annotated_video
    from coach.report.data import ReportData

    clip_times = ffprobe_times(SAMPLE)
    for analysis, every in zip(both_rates, (2, 1), strict=True):
        out = tmp_path / f"annotated_{every}.mp4"
        n = write_annotated_video(SAMPLE, ReportData.from_analysis(analysis), out)
        times = ffprobe_times(out)
        assert n == len(times) == len(analysis.raw)
        np.testing.assert_allclose(times, clip_times[::every], atol=2e-3)


def _posed_at_60_fps(seq: PoseSequence, asked: list[Settings]):
    """A pose stage for a 60 fps clip of `seq` (synthetic, filmed at 60 fps): every frame, or every second one when
    the settings cap the rate, as run_pose would pose them; each settings asked for is noted in `asked`."""
    info = VideoInfo("clip.mp4", seq.width, seq.height, 60.0, float(seq.t_s[-1]), len(seq))

    def pose(settings: Settings) -> PoseRun:
        asked.append(settings)
        stride = pose_stride(info.fps, settings.pose_rate_hz)
        return PoseRun(info, seq.frames(slice(None, None, stride)), ONE_PERSON, None, stride)

    return pose


def test_auto_poses_a_fast_walking_clip_again_at_every_frame():
    """`auto` on a 60 fps walk: posed at the cap, walking found, posed again at every frame and analysed as gait on
    those poses (its events are timed to a frame); summary.json says every frame was posed."""
    seq, _ = simulate_walk(duration_s=6.0, fps=60.0)
    asked: list[Settings] = []
    a = analyze_posed(_posed_at_60_fps(seq, asked), Settings(task="auto"))
    assert [s.pose_rate_hz for s in asked] == [30.0, None]
    assert a.summary["recognised"]["task"] == "gait" and a.summary["gait"]
    assert (a.summary["video"]["pose_stride"], len(a.raw)) == (1, len(seq))


def test_auto_keeps_a_fast_exercise_clip_at_the_cap():
    """`auto` on a 60 fps march: posed once, every second frame, and counted as `--exercise march` counts it."""
    seq, truth = simulate_march(fps=60.0)
    asked: list[Settings] = []
    a = analyze_posed(_posed_at_60_fps(seq, asked), Settings(task="auto"))
    march = analyze_posed(_posed_at_60_fps(seq, []), Settings(task="march"))
    assert [s.pose_rate_hz for s in asked] == [30.0]
    assert a.summary["recognised"]["task"] == "march" and a.summary["video"]["pose_stride"] == 2
    assert a.summary["reps"] == march.summary["reps"] == truth["reps"]
