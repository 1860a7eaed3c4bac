"""A leg that could not be read long enough to hide a whole movement: its count is said to be a lower bound and the
sides are not compared (in the findings and the History), while short dropouts change nothing."""

from __future__ import annotations

import pytest

from coach.exercises import SPECS, analyze_exercise
from coach.exercises.legs_seen import HIDDEN_SHARE, LegsSeenCounter
from coach.kinematics.angles import compute_angles
from coach.landmarks import LEG
from coach.simulate import simulate_march


def _march_with_left_knee_hidden(during: list[tuple[float, float]]) -> dict:
    """Summary of a 4 + 4 march whose left knee cannot be read during the given stretches (s)."""
    poses, _ = simulate_march(n_reps=4, rep_s=1.5, first="left")
    vis = poses.visibility.copy()
    for a, b in during:
        vis[(poses.t_s >= a) & (poses.t_s <= b), LEG["left"]["knee"]] = 0.05
    poses = poses.replace(visibility=vis)
    return analyze_exercise(poses, compute_angles(poses), SPECS["march"]).summary()


def _left_lifts(n: int) -> list[tuple[float, float]]:
    """The first n left lifts of _march_with_left_knee_hidden's march, each from just before it starts to just
    after it ends."""
    _, truth = simulate_march(n_reps=4, rep_s=1.5, first="left")
    return [(start - 0.1, end + 0.1) for side, start, _, end in truth["lifts"] if side == "left"][:n]


def test_a_leg_hidden_through_two_of_its_lifts_is_named_and_not_compared():
    s = _march_with_left_knee_hidden(_left_lifts(2))
    assert s["reps"] == {"left": 2, "right": 4}  # the hidden lifts were not seen: nothing invents them
    assert s["legs_hidden_share"]["left"] >= HIDDEN_SHARE > s["legs_hidden_share"]["right"]
    (warning,) = [w for w in s["warnings"] if "could not be read" in w]
    assert warning.startswith("the left leg for 3.") and "its count may be low" in warning
    assert not any("2 reps with the left leg" in f for f in s["findings"]), s["findings"]
    assert any(f.startswith("left/right comparison withheld: the left leg for") for f in s["findings"])


def test_a_leg_seen_throughout_keeps_its_comparison():
    s = _march_with_left_knee_hidden([])
    assert s["legs_hidden_share"] == {"left": 0.0, "right": 0.0}
    assert not any("could not be read" in w for w in s["warnings"])
    assert not any("withheld" in f for f in s["findings"])


def test_dropouts_shorter_than_a_movement_are_not_hidden_time():
    """The left knee unread for 0.1 s every second (shorter than the quickest whole movement, GLITCH_S): no lift can
    hide there, and none is lost."""
    s = _march_with_left_knee_hidden([(t + 0.45, t + 0.55) for t in range(12)])
    assert s["legs_hidden_share"]["left"] == 0.0 and s["reps"] == {"left": 4, "right": 4}


@pytest.mark.parametrize(
    "unread, hidden",
    [
        # samples every 0.1 s over 1 s; the left leg unread at these; its hidden seconds (shortest stretch 0.35 s)
        ((0.2,), 0.0),  # one dropout: 0.2 s from reading to reading
        ((0.2, 0.3), 0.0),  # two: 0.3 s from reading to reading, under the shortest whole movement
        ((0.2, 0.3, 0.4), 0.4),
        ((0.0, 0.1, 0.2, 0.3, 0.4), 0.5),  # not read at the start: from the set's first sample
        ((0.6, 0.7, 0.8, 0.9, 1.0), 0.5),  # nor at the end: to its last
        (tuple(i / 10 for i in range(11)), 1.0),  # never
    ],
)
def test_hidden_stretches_count_from_reading_to_reading(unread, hidden):
    """A stretch of unread samples counts from the reading before it to the reading after it, once that is as long
    as the shortest whole movement."""
    legs = LegsSeenCounter(shortest_s=0.35)
    for i in range(11):
        legs.update(i / 10, {"left": round(i / 10, 1) not in unread, "right": True})
    seen = legs.result()
    assert seen.hidden_s["left"] == pytest.approx(hidden)
    assert seen.hidden_s["right"] == 0.0 and seen.set_s == pytest.approx(1.0)


def test_frames_far_apart_but_each_read_are_not_a_hidden_leg():
    """A camera delivering 5 frames a second (0.2 s apart, longer than the shortest movement): every frame read, no
    hidden stretch (the frame rate has its own warning); one unread frame among them opens a 0.4 s stretch."""
    legs = LegsSeenCounter(shortest_s=0.15)
    for i in range(10):
        legs.update(i * 0.2, {"left": i != 4, "right": True})
    seen = legs.result()
    assert seen.hidden_s == {"left": pytest.approx(0.4), "right": 0.0}
