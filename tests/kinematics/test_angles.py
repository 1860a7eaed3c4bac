"""Angles from synthetic bodies with exactly known joint angles, in every facing direction and view."""

import numpy as np
import pytest

from coach.kinematics.angles import compute_angles
from coach.simulate import Camera, Motion, render

T = 45
t = np.arange(T) / 30.0
Z = np.zeros(T)


def still(hip_l=0.0, knee_l=0.0, hip_r=0.0, knee_r=0.0, lean=0.0, obliquity=0.0, posture="standing") -> Motion:
    """A body holding one pose for 1.5 s."""
    full = lambda v: np.full(T, float(v))  # noqa: E731
    return Motion(
        t,
        {"left": full(hip_l), "right": full(hip_r)},
        {"left": full(knee_l), "right": full(knee_r)},
        full(lean),
        full(obliquity),
        Z,
        Z,
        posture,
    )


@pytest.mark.parametrize("yaw", [90, -90])
@pytest.mark.parametrize("hip, knee, lean", [(30, 0, 0), (-15, 0, 0), (60, 70, 0), (20, 10, 12), (0, 45, -8)])
def test_side_view_angles_exact_in_both_facing_directions(yaw, hip, knee, lean):
    a = compute_angles(render(still(hip_l=hip, knee_l=knee, lean=lean), Camera(yaw_deg=yaw)))
    assert set(a.view) == {"side"}
    assert np.all(a.facing == np.sign(yaw))
    # hip flexion is trunk-thigh: the thigh angle plus the trunk's forward lean
    np.testing.assert_allclose(a["hip_flex_left"], hip + lean, atol=0.01)
    np.testing.assert_allclose(a["thigh_vert_left"], hip, atol=0.01)
    np.testing.assert_allclose(a["knee_flex_left"], knee, atol=0.01)
    np.testing.assert_allclose(a["trunk_lean"], lean, atol=0.01)
    np.testing.assert_allclose(a["hip_flex_right"], lean, atol=0.01)
    assert np.all(a.conf["hip_flex_left"] > 0.9)


def test_front_view_uses_world_landmarks_and_frontal_angles():
    a = compute_angles(render(still(hip_l=50, knee_l=40), Camera(yaw_deg=0)))
    tilted = compute_angles(render(still(obliquity=6), Camera(yaw_deg=0)))
    assert set(a.view) == {"front"}
    np.testing.assert_allclose(a["hip_flex_left"], 50, atol=0.01)
    np.testing.assert_allclose(a["knee_flex_left"], 40, atol=0.01)
    np.testing.assert_allclose(tilted["pelvic_obliquity"], 6, atol=0.01)
    # sagittal image angles are not trusted from the front, frontal ones are
    assert np.all(a.conf["hip_flex_2d_left"] < 0.3)
    assert np.all(a.conf["pelvic_obliquity"] > 0.9)
    assert np.all(a.conf["hip_flex_left"] < a.conf["pelvic_obliquity"])


def test_obliquity_sign_names_the_lower_side():
    low_left = compute_angles(render(still(obliquity=5), Camera(yaw_deg=0)))["pelvic_obliquity"]
    low_right = compute_angles(render(still(obliquity=-5), Camera(yaw_deg=0)))["pelvic_obliquity"]
    assert np.all(low_left > 4.9) and np.all(low_right < -4.9)


@pytest.mark.parametrize("head", ["left", "right"])
def test_supine_straight_leg_raise_angles(head):
    m = still(hip_l=40, knee_r=90, hip_r=45, posture="supine")
    a = compute_angles(render(m, Camera(head=head)))
    np.testing.assert_allclose(a["hip_flex_left"], 40, atol=0.01)
    np.testing.assert_allclose(a["knee_flex_left"], 0, atol=0.01)
    np.testing.assert_allclose(a["hip_flex_right"], 45, atol=0.01)
    np.testing.assert_allclose(a["knee_flex_right"], 90, atol=0.01)


def test_oblique_view_is_flagged_and_trusted_less():
    side = compute_angles(render(still(hip_l=30), Camera(yaw_deg=90)))
    oblique = compute_angles(render(still(hip_l=30), Camera(yaw_deg=32)))
    assert set(oblique.view) == {"oblique"}
    assert np.all(oblique.conf["hip_flex_2d_left"] < side.conf["hip_flex_2d_left"])


def test_hidden_landmarks_give_nan_and_zero_confidence():
    seq = render(still(hip_l=30), Camera(yaw_deg=90))
    vis = seq.visibility.copy()
    vis[10:20, 25] = 0.0  # left knee unseen
    xy = seq.xy_px.copy()
    xy[10:20, 25] = np.nan
    a = compute_angles(seq.replace(xy_px=xy, visibility=vis))
    assert np.all(np.isnan(a["hip_flex_2d_left"][10:20]))
    assert np.all(a.conf["hip_flex_2d_left"][10:20] == 0)
    assert np.all(np.isfinite(a["hip_flex_2d_right"][10:20]))
