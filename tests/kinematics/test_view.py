"""Camera view from the body's yaw (hysteresis about the thresholds), and the orientation started afresh at a cut."""

import numpy as np

from coach.kinematics.picture_cuts import CUT_JUMP_TRUNKS, picture_cuts
from coach.kinematics.view import BodyFrameTracker
from coach.landmarks import LEFT_HIP, LEFT_SHOULDER, RIGHT_HIP, RIGHT_SHOULDER


def test_the_view_holds_while_the_yaw_wanders_about_a_threshold():
    """The body's yaw wandering 36-39 deg just under the side-view threshold (40) after a side-on stretch keeps the
    view 'side' (the angles do not switch between 2D and 3D at each pass); it turns 'oblique' once the yaw is well
    past the threshold (30 deg), and only comes back to 'side' well past it the other way (50 deg, not 43)."""
    tracker = BodyFrameTracker(window_s=1.0)
    t = np.arange(0.0, 10.0, 1 / 30)
    yaw = np.select(
        [t < 2, t < 4, t < 6, t < 8],
        [60.0, 37.5 + 1.5 * np.sin(2 * np.pi * t), 30.0, 43.0],
        50.0,
    )
    views = np.array([tracker.update(float(a), 1.0, float(y))[1] for a, y in zip(t, yaw)])
    assert set(views[(t >= 2) & (t < 4)]) == {"side"}
    assert views[(t >= 5) & (t < 6)].tolist() == ["oblique"] * int(((t >= 5) & (t < 6)).sum())
    assert set(views[(t >= 6) & (t < 8)]) == {"oblique"}
    assert views[-1] == "side"


def test_a_picture_cut_starts_the_orientation_afresh():
    """A second of a person facing one way, then the picture cuts to them facing the other way: told of the cut, the
    tracker turns with the first frame after it; not told, it keeps the old sign until the new evidence outweighs the
    old (half its window)."""
    t = np.arange(0.0, 2.0, 1 / 30)
    evidence = np.where(t < 1.0, 1.0, -1.0)
    first = int(np.argmax(t >= 1.0))
    for told, turned_after_s in ((True, 0.0), (False, 0.5)):
        tracker = BodyFrameTracker(window_s=1.0)
        signs = np.array(
            [
                tracker.update(float(a), float(e), 80.0, told and i == first)[0]
                for i, (a, e) in enumerate(zip(t, evidence))
            ]
        )
        turned = t[first + int(np.argmax(signs[first:] < 0))] - t[first]
        assert abs(turned - turned_after_s) < 0.05, (told, turned)


def test_the_hips_jumping_across_the_picture_is_a_cut_and_an_unseen_frame_is_not():
    """picture_cuts marks the frame whose hips are over CUT_JUMP_TRUNKS trunk lengths from where they were last seen,
    across frames where the trunk was not seen, and not a body walking across the picture."""
    xy = np.zeros((6, 33, 2))
    vis = np.ones((6, 33))
    for i, hips_x in enumerate((100.0, 110.0, 120.0, 0.0, 400.0, 410.0)):
        xy[i, [LEFT_HIP, RIGHT_HIP]] = (hips_x, 300.0)
        xy[i, [LEFT_SHOULDER, RIGHT_SHOULDER]] = (hips_x, 200.0)
    vis[3, LEFT_HIP] = 0.0
    assert picture_cuts(xy, vis).tolist() == [False, False, False, False, True, False]
    assert CUT_JUMP_TRUNKS * 100.0 < 400.0 - 120.0
