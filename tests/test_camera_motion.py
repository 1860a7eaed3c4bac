"""The camera's motion measured on pixels (coach.camera_motion): a textured scene filmed through a window that pans
and sways by known whole pixels, with a person crossing it the other way; the truth is the window's own offsets."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from coach.camera_motion import CameraTracker
from coach.simulate import panned, simulate_walk
from coach.types import PoseSequence

H, W = 540, 960


def _texture(shape: tuple[int, int], seed: int) -> np.ndarray:
    """A smooth random RGB texture (corners everywhere, as in a room)."""
    rng = np.random.default_rng(seed)
    coarse = rng.uniform(0, 255, (shape[0] // 8, shape[1] // 8, 3)).astype(np.float32)
    return np.clip(cv2.resize(coarse, (shape[1], shape[0]), interpolation=cv2.INTER_CUBIC), 0, 255).astype(np.uint8)


def _filmed(offsets: np.ndarray, person_w: int) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Frames of the scene seen through a window at `offsets` (n, 2 whole px), each with a textured person block
    `person_w` px wide walking right to left across the picture, and the person's landmarks (33 points on the
    block)."""
    scene = _texture((H + 200, W + 600), 1)
    person = _texture((H - 100, person_w), 2)
    frames, people = [], []
    for i, (ox, oy) in enumerate(offsets.astype(int)):
        frame = scene[oy : oy + H, ox : ox + W].copy()
        x = W - person_w - 6 * i
        frame[50 : H - 50, x : x + person_w] = person
        frames.append(frame)
        grid = np.stack(np.meshgrid(np.linspace(0.1, 0.9, 3), np.linspace(0.05, 0.95, 11)), -1).reshape(-1, 2)
        people.append(np.array([x, 50]) + grid * [person_w, H - 100])
    return frames, people


def _offsets(n: int = 60) -> np.ndarray:
    """A pan of 300 px to the right with a vertical sway of +-20 px (whole pixels)."""
    return np.round(np.stack([np.linspace(0, 300, n), 100 + 20 * np.sin(np.linspace(0, 6, n))], 1))


def test_the_background_is_followed_through_a_pan_past_a_person_crossing_the_other_way():
    offsets = _offsets()
    frames, people = _filmed(offsets, 300)
    tracker = CameraTracker()
    got = np.array([tracker.update(f, [p]) for f, p in zip(frames, people)])
    truth = -(offsets - offsets[0])  # the window moving right moves the background left in the picture
    # within 1% of the distance panned (and half a pixel): the pan's speed within 1%, where gait's contact rules
    # compare foot speeds with 66-80% of the walking speed
    assert np.abs(got - truth).max() < 0.5 + 0.01 * 300, np.abs(got - truth).max(axis=0)


def test_a_person_filling_most_of_the_picture_is_masked_out():
    """A person over 60% of the picture moving their own way: unmasked, most corners would be on them."""
    offsets = _offsets(30)
    frames, people = _filmed(offsets, 600)
    masked = CameraTracker()
    got = np.array([masked.update(f, [p]) for f, p in zip(frames, people)])
    assert np.abs(got + (offsets - offsets[0])).max() < 0.5 + 0.01 * 300
    unmasked = CameraTracker()
    blind = np.array([unmasked.update(f, []) for f in frames])
    assert np.abs(blind + (offsets - offsets[0])).max() > 20.0  # the test's person does mislead an unmasked tracker


@pytest.mark.parametrize("picture", ["blank", "cut"])
def test_a_shift_that_cannot_be_measured_is_unknown_not_zero(picture):
    """A bare wall (no corners) or a cut to another scene: the step is NaN, and the frames after it carry on from
    where the background last was."""
    scene = _texture((H, W), 3)
    other = _texture((H, W), 4) if picture == "cut" else np.full((H, W, 3), 128, np.uint8)
    tracker = CameraTracker()
    first = tracker.update(scene, [])
    second = tracker.update(np.roll(scene, -5, axis=1), [])
    unknown = tracker.update(other, [])
    assert np.array_equal(first, [0.0, 0.0])
    assert second == pytest.approx([-5.0, 0.0], abs=0.3)
    assert np.isnan(unknown).all()
    if picture == "cut":
        after = tracker.update(np.roll(other, 3, axis=0), [])
        assert after == pytest.approx([-5.0, 3.0], abs=0.3)


def test_the_camera_motion_is_kept_through_saving_and_picking_frames(tmp_path):
    """landmarks.npz and the pose cache keep the camera's motion, a sequence saved without it loads without it, and
    frames picked from a sequence keep theirs."""
    seq, _ = simulate_walk(duration_s=2.0)
    moved = panned(seq)
    assert moved.camera_px is not None
    moved.save_npz(tmp_path / "moved.npz")
    seq.save_npz(tmp_path / "still.npz")
    back = PoseSequence.load_npz(tmp_path / "moved.npz")
    assert back.camera_px is not None and np.array_equal(back.camera_px, moved.camera_px)
    assert np.array_equal(back.xy_px, moved.xy_px, equal_nan=True)
    assert PoseSequence.load_npz(tmp_path / "still.npz").camera_px is None
    half = moved.frames(slice(None, None, 2))
    assert half.camera_px is not None and np.array_equal(half.camera_px, moved.camera_px[::2])
