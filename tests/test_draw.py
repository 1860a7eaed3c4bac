"""Annotators draw what the state says, where it says: solid when MediaPipe is sure, faint when unsure, nothing when
unseen; the face blur removes detail in the face box only."""

from __future__ import annotations

import numpy as np
import pytest

from coach.draw import (
    AngleArcAnnotator,
    CueAnnotator,
    FaceBlurAnnotator,
    OverlayState,
    RepCounterAnnotator,
    SkeletonAnnotator,
    annotate,
    default_annotators,
)
from coach.landmarks import N_LANDMARKS
from coach.simulate import Camera, Motion, render

H, W = 720, 1280


def _state(vis_value: float = 0.95, **kw) -> OverlayState:
    """A standing side-view body (coach.simulate) with hip 30 deg and knee 20 deg on both sides."""
    t = np.zeros(1)
    motion = Motion(
        t,
        {"left": np.array([30.0]), "right": np.array([30.0])},
        {"left": np.array([20.0]), "right": np.array([20.0])},
        t,
        t,
        t,
        t,
    )
    seq = render(motion, Camera(width=W, height=H, origin_px=(640.0, 300.0)))
    vis = np.full(N_LANDMARKS, vis_value)
    return OverlayState(0.0, seq.xy_px[0], vis, **kw)


def _black() -> np.ndarray:
    return np.zeros((H, W, 3), np.uint8)


def test_annotate_leaves_the_input_untouched_and_keeps_the_shape():
    frame = _black()
    out = annotate(frame, _state(), default_annotators())
    assert out.shape == frame.shape and out.dtype == np.uint8
    assert frame.max() == 0 and out.max() > 0


def test_skeleton_solid_when_sure_faint_when_unsure_absent_when_unseen():
    sure = SkeletonAnnotator().annotate(_black(), _state(0.95))
    unsure = SkeletonAnnotator().annotate(_black(), _state(0.5))
    unseen = SkeletonAnnotator().annotate(_black(), _state(0.1))
    assert sure.max() == 255 and unseen.max() == 0
    assert 0 < unsure.sum() < 0.6 * sure.sum()


def test_skeleton_draws_at_the_landmarks():
    s = _state()
    out = SkeletonAnnotator().annotate(_black(), s)
    x, y = np.round(s.xy_px[23]).astype(int)
    assert out[y - 2 : y + 3, x - 2 : x + 3].max() == 255  # the left hip joint dot
    assert out[:50, :50].max() == 0  # nothing far from the body


def test_arcs_only_for_confident_finite_angles():
    angles = {"hip_flex_left": 30.0, "knee_flex_left": 20.0, "hip_flex_right": np.nan, "knee_flex_right": 20.0}
    confident = AngleArcAnnotator().annotate(_black(), _state(angles=angles, conf=dict.fromkeys(angles, 0.9)))
    unsure = AngleArcAnnotator().annotate(_black(), _state(angles=angles, conf=dict.fromkeys(angles, 0.1)))
    assert confident.sum() > 0 and unsure.sum() == 0


def test_counter_and_cue_appear_only_when_given():
    assert RepCounterAnnotator().annotate(_black(), _state()).sum() == 0
    assert RepCounterAnnotator().annotate(_black(), _state(reps={"left": 3, "right": 2}))[:200].sum() > 0
    assert CueAnnotator().annotate(_black(), _state()).sum() == 0
    cued = CueAnnotator().annotate(_black(), _state(cue="lift the knee higher"))
    assert cued[: H // 2].sum() > 0 and cued[-H // 4 :].sum() == 0  # clear of a player's controls at the bottom


@pytest.mark.parametrize("height, width", [(360, 202), (480, 640), (720, 1280), (1920, 1080)])
def test_top_left_lines_never_cover_each_other_or_leave_the_picture(height, width):
    """The browser test's portrait camera (360 px high), a webcam, HD and a portrait phone: two counters, two event
    marks and the cue each in its own box, the first inside the picture (at 202 px wide the right counter's box hid
    the bottom of 'L reps')."""
    state = _state(reps={"left": 3, "right": 12}, marks=("heel strike L", "toe off R"), cue="lift the knee higher")
    frame = np.zeros((height, width, 3), np.uint8)
    for a in (RepCounterAnnotator(), CueAnnotator()):
        frame = a.annotate(frame, state)
    x = int(12 * max(0.4, min(height, width) / 720))  # where every line starts (coach.draw's drawing scale)
    drawn = np.any(frame[:, x], axis=1)
    starts = np.flatnonzero(drawn[1:] & ~drawn[:-1]) + 1
    assert not drawn[0] and len(starts) == 5, f"line boxes start at rows {starts}"


def test_face_blur_smooths_the_face_and_nothing_else():
    rng = np.random.default_rng(0)
    frame = rng.integers(0, 256, (H, W, 3), dtype=np.uint8)
    s = _state()
    out = FaceBlurAnnotator().annotate(frame.copy(), s)
    x, y = np.round(s.xy_px[0]).astype(int)
    face = (slice(y - 5, y + 5), slice(x - 5, x + 5))
    assert out[face].astype(float).std() < 0.5 * frame[face].astype(float).std()
    assert np.array_equal(out[H - 50 :], frame[H - 50 :])
