"""The walk's rhythm (coach.gait.rhythm): the stride time from how the feet's positions repeat, checked on signals
built with a known period and on synthetic walkers with exact cadences, seen from the side, from the front and from
behind, healthy or with unequal steps."""

from __future__ import annotations

import numpy as np
import pytest

from coach.gait.passes import split_passes
from coach.gait.rhythm import Rhythm, stride_by_autocorrelation, walk_rhythm
from coach.gait.trust import cadence_warnings
from coach.kinematics.angles import compute_angles
from coach.signals.clean import clean_sequence
from coach.simulate import Body, simulate_walk

FPS = 30.0
BROAD = Body(shoulder_width=0.45, hip_width=0.35)


def feet_apart(t_s: np.ndarray, stride_s: float, first_step_share: float = 0.5) -> np.ndarray:
    """A left-minus-right foot position that is +1 while the left foot is ahead and -1 while the right one is, the
    first step taking first_step_share of the stride, with smooth changes over 0.1 s."""
    phase = (t_s / stride_s) % 1.0
    square = np.where(phase < first_step_share, 1.0, -1.0)
    k = int(0.1 * FPS)
    return np.convolve(square, np.ones(k) / k, mode="same")


@pytest.mark.parametrize("stride_s,share", [(1.1, 0.5), (1.4, 0.5), (1.2, 0.3)])
def test_stride_time_of_a_known_period(stride_s, share):
    t = np.arange(int(6.0 * FPS)) / FPS
    rng = np.random.default_rng(0)
    x = feet_apart(t, stride_s, share) + rng.normal(0, 0.2, len(t))
    found, strength = stride_by_autocorrelation(t, x, 0.6, 3.0)
    assert found == pytest.approx(stride_s, abs=1 / FPS)
    assert strength > 0.5


def test_no_rhythm_in_noise():
    t = np.arange(int(6.0 * FPS)) / FPS
    x = np.random.default_rng(1).normal(0, 1.0, len(t))
    _, strength = stride_by_autocorrelation(t, x, 0.6, 3.0)
    assert not strength >= 0.3  # NaN or weak: never a clear rhythm


@pytest.mark.parametrize(
    "pattern,directions,height",
    [
        ("normal", (1, -1), 0.0),
        ("step_to", (1, -1), 0.0),
        ("antalgic", (1,), 0.0),
        ("normal", (0,), 0.6),
        ("normal", (2,), 0.6),
        ("antalgic", (2,), 0.0),
    ],
)
def test_rhythm_of_synthetic_walkers(pattern, directions, height):
    seq, truth = simulate_walk(
        duration_s=6.0,
        pattern=pattern,
        directions=directions,
        noise_px=1.0,
        fps=FPS,
        body=BROAD,
        camera_height_m=height,
        seed=5,
    )
    poses, _ = clean_sequence(seq)
    passes = split_passes(poses, compute_angles(poses))
    rhythm = walk_rhythm(poses.t_s, poses.xy_px, passes)
    assert rhythm is not None and rhythm.strength >= 0.5
    assert rhythm.cadence_steps_per_min == pytest.approx(truth.cadence_steps_per_min, rel=0.03)


def test_cadence_warnings_say_what_the_cadence_rests_on():
    rhythm = Rhythm(stride_s=1.0, strength=0.6, seconds=4.0)
    assert "walk's rhythm" in cadence_warnings(120.0, "rhythm", rhythm)[0]
    assert cadence_warnings(118.0, "strides", rhythm) == []
    (clash,) = cadence_warnings(90.0, "strides", rhythm)
    assert "90" in clash and "120" in clash and "missed or invented" in clash
    assert "rough" in cadence_warnings(100.0, "events", None)[0]
