"""The annotated MP4 plays in browsers (H.264, yuv420p, faststart) and keeps the source's frames and timestamps."""

from __future__ import annotations

import av
import numpy as np
import pytest

from coach.report.annotate import MARK_S, OverlayTimeline, write_annotated_video
from tests.report.conftest import KNEE_LOW


def _stream_facts(path):
    """codec, pixel format, frame timestamps (s) and duration (s) of a file's first video stream."""
    with av.open(str(path)) as c:
        s = c.streams.video[0]
        codec, pix = s.codec_context.name, s.codec_context.pix_fmt
        times = [float(f.time) for f in c.decode(s)]
        if s.duration and s.time_base:
            duration = float(s.duration * s.time_base)
        else:
            assert c.duration is not None, f"{path}: no duration in the stream or the container"
            duration = c.duration / av.time_base
    return codec, pix, np.array(times) - times[0], duration


@pytest.fixture(scope="module")
def annotated(tmp_path_factory, clip, exercise):
    out = tmp_path_factory.mktemp("video") / "annotated.mp4"
    n = write_annotated_video(clip, exercise, out)
    return out, n


def test_h264_yuv420p_same_frames_and_duration(annotated, clip):
    out, n = annotated
    codec, pix, times, duration = _stream_facts(out)
    _, _, src_times, src_duration = _stream_facts(clip)
    frame_s = float(np.median(np.diff(src_times)))
    assert codec == "h264" and pix == "yuv420p"
    assert abs(len(times) - len(src_times)) <= 1 and n == len(times)
    assert abs(duration - src_duration) <= frame_s + 1e-6
    m = min(len(times), len(src_times))
    assert np.max(np.abs(times[:m] - src_times[:m])) < 1e-3


def test_faststart_moov_before_mdat(annotated):
    data = annotated[0].read_bytes()
    assert 0 <= data.find(b"moov") < data.find(b"mdat")


def test_overlay_changes_the_picture_where_the_body_is(annotated, clip, exercise):
    """The skeleton is drawn on the person: frames differ from the source near the hip landmarks."""
    from coach.video import VideoSource

    seq = exercise.poses
    src = next(VideoSource(clip, max(seq.width, seq.height)).frames())
    with av.open(str(annotated[0])) as c:
        ann = next(c.decode(video=0)).to_ndarray(format="rgb24")
    x, y = np.nan_to_num(seq.xy_px[0, 23]).astype(int)
    near = (slice(max(0, y - 15), y + 15), slice(max(0, x - 15), x + 15))
    far = (slice(0, 20), slice(0, 20))  # top-left corner: the rep counter box, also drawn
    assert np.abs(ann[near].astype(int) - src.rgb[near].astype(int)).mean() > 10
    assert ann.shape == src.rgb.shape
    assert np.abs(ann[far].astype(int) - src.rgb[far].astype(int)).mean() > 0


def test_timeline_counts_reps_and_shows_cue_after_the_faulty_rep(exercise):
    tl = OverlayTimeline(exercise)
    assert tl.state(0.05).reps == {"left": 0, "right": 0}
    assert tl.state(1.06).reps == {"left": 1, "right": 1}
    assert tl.state(1.60).reps == {"left": 2, "right": 1}
    assert tl.state(0.9).cue == "" and tl.state(1.2).cue == KNEE_LOW.cue


def test_timeline_counts_steps_and_marks_events(gait):
    tl = OverlayTimeline(gait)
    s = tl.state(0.46)
    assert s.steps == {"left": 1, "right": 1} and "heel strike R" in s.marks
    assert "heel strike R" not in tl.state(0.45 + MARK_S + 0.01).marks
    assert tl.state(0.46).reps == {}


def test_frames_outside_the_analysis_get_no_skeleton(plain):
    s = OverlayTimeline(plain).state(99.0)
    assert np.isnan(s.xy_px).all() and s.angles == {}
