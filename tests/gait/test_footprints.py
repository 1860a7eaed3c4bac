"""Footprints and whose they are, from hand-made rests: a swap or a collapse of the pose model's labels is one
footprint, feet side by side are two, and each footprint goes to the foot that made it by the continuity of walking
(a foot lands while the other stands), never by forcing the feet to alternate."""

from __future__ import annotations

from typing import cast

import numpy as np
import pytest

from coach.gait.contact import ContactConfig, FootMotion, Rest
from coach.gait.footprints import _joined, _owners, _stance_or_cut

FPS = 30.0
CFG = ContactConfig()


def times(n: int = 300) -> np.ndarray:
    return np.arange(n) / FPS


def rest(label: str, a: int, b: int, x: float, swing_in_s: float = 0.4) -> Rest:
    """A rest of `label` over frames [a, b) with heel and toe at x (pixels; toe 40 px ahead), reached by a swing."""
    p = np.array([[x, 500.0], [x + 40.0, 500.0]])
    return Rest(label, a, b, a / FPS, b / FPS, swing_in_s, p, p)


class Motion:
    """The little of FootMotion that joining rests reads: a 200 px leg seen from the side (the same-place tolerance
    0.2 leg lengths, 40 px) and each label's position per frame."""

    def __init__(self, rests: list[Rest], n: int = 300):
        self.leg_px = np.full(n, 200.0)
        self.place_px = CFG.same_place_leg * self.leg_px
        self.position = {s: np.full((n, 2, 2), np.nan) for s in ("left", "right")}
        for r in rests:
            self.position[r.label][r.start : r.stop] = r.first


def groups(rests: list[Rest]) -> list[list[tuple[str, int]]]:
    return [[(r.label, r.start) for r in g] for g in _joined(rests, times(), cast(FootMotion, Motion(rests)), CFG)]


@pytest.mark.parametrize(
    "rests, want",
    [
        pytest.param(
            [rest("left", 0, 30, 100.0), rest("right", 33, 60, 102.0, swing_in_s=0.1)],
            [[("left", 0), ("right", 33)]],
            id="the model calls the standing foot left, then right 0.1 s later at the same place: a swap, one",
        ),
        pytest.param(
            [rest("right", 0, 40, 300.0), rest("left", 20, 50, 305.0, swing_in_s=0.1)],
            [[("right", 0), ("left", 20)]],
            id="the left label jumps in 0.1 s (faster than any swing) onto the right one resting there: one",
        ),
        pytest.param(
            [rest("left", 0, 40, 300.0), rest("right", 20, 60, 300.0, swing_in_s=0.3)],
            [[("left", 0)], [("right", 20)]],
            id="step-to: the trailing foot swings 0.3 s and lands beside the leading one, still standing: two",
        ),
        pytest.param(
            [rest("right", 0, 40, 300.0), rest("left", 38, 70, 305.0, swing_in_s=0.3)],
            [[("right", 0), ("left", 38)]],
            id="after a 0.3 s swing the left label hops onto the standing foot as the right one leaves it, both on it "
            "for 2 frames (shorter than any double support): labels exchanging feet, one",
        ),
        pytest.param(
            [rest("right", 0, 40, 300.0), rest("left", 37, 70, 300.0, swing_in_s=0.3)],
            [[("right", 0)], [("left", 37)]],
            id="step-to at its quickest: the trailing foot lands beside the leading one 0.1 s before it lifts: two",
        ),
    ],
)
def test_rests_of_the_two_labels_joined_into_footprints(rests, want):
    assert groups(rests) == want


def test_distant_rests_stay_apart():
    rests = [rest("left", 0, 30, 100.0), rest("right", 33, 60, 250.0, swing_in_s=0.1)]
    assert len(groups(rests)) == 2


def test_a_foot_lands_while_the_other_stands():
    spans = [(0, 20), (15, 35), (30, 50), (45, 65)]  # double supports overlap: the feet take turns
    assert _owners(spans, times(), CFG) == [0, 1, 0, 1]


def test_a_foot_stepping_twice_keeps_its_footprints():
    # foot 1 stands through 0-90 while foot 0 lifts and lands twice (turning on the spot): not alternation
    spans = [(0, 90), (5, 30), (40, 70)]
    assert _owners(spans, times(), CFG) == [0, 1, 1]


def test_an_unseen_footprint_does_not_swap_the_feet():
    # foot 0's second footprint (30-50) is hidden: the footprint starting at 45 goes to the foot that last lifted off
    # (foot 1, at 35), and the next one to the other foot, which stands meanwhile; alternation would say 0, 1
    spans = [(0, 20), (15, 35), (45, 65), (60, 80)]
    assert _owners(spans, times(), CFG) == [0, 1, 1, 0]


def test_a_short_rest_seen_whole_is_jitter_but_one_cut_by_the_pass_edge_is_a_stance():
    # 4 frames (0.13 s) at rest: shorter than any stance when the landing and the lift were both seen
    whole = rest("left", 100, 104, 300.0)
    assert not _stance_or_cut([whole], times(), CFG)
    # the same rest at a pass's first frames (the walker stood still before the pass began): its landing was not
    # seen, so it lasted longer than the part seen and gives its toe off
    quiet_start = Rest("left", 2, 6, np.nan, 6 / FPS, np.inf, whole.first, whole.last)
    assert _stance_or_cut([quiet_start], times(), CFG)
    # a landing seen at the last frames of a pass: the lift is not seen
    last_step = Rest("left", 296, 300, 296 / FPS, np.nan, 0.4, whole.first, whole.last)
    assert _stance_or_cut([last_step], times(), CFG)


def test_a_footprint_starting_a_step_away_just_after_another_ended_is_the_other_foot():
    # foot 0 lifts at frame 19 and a footprint starts two frames later a step away: no foot swings a step in 0.07 s,
    # so the other foot landed (a double support the speed thresholds cut short), not the one that just lifted
    spans = [(0, 20), (21, 40)]
    assert _owners(spans, times(), CFG, apart=lambda j, k: True) == [0, 1]


def test_a_footprint_found_again_at_the_same_place_just_after_stays_with_its_foot():
    # the same footprint split by a moment of landmark jitter (within the shortest step of where it ended): the foot
    # that lifted is the one there, as before the double support rule
    spans = [(0, 20), (21, 40)]
    assert _owners(spans, times(), CFG, apart=lambda j, k: False) == [0, 0]
