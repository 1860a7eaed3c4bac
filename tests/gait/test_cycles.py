"""Stride assembly from hand-made event tables: gait order checked, broken strides rejected with a reason."""

from __future__ import annotations

import numpy as np

from coach.gait.cycles import assemble_strides
from coach.gait.events import GaitEvents
from coach.gait.passes import WalkPass


def table(rows: list[tuple[float, str, str]], pass_index: list[int] | None = None) -> GaitEvents:
    """Events from (t_s, side, kind) rows."""
    n = len(rows)
    return GaitEvents(
        np.array([r[0] for r in rows]),
        np.array([r[1] for r in rows]),
        np.array([r[2] for r in rows]),
        np.arange(n),
        np.array(pass_index or [0] * n),
        np.ones(n, bool),
    )


def a_pass(index: int, mode: int = 1, t0: float = 0.0, t1: float = 10.0) -> WalkPass:
    """A pass with no signals (stride assembly only needs its index, mode and times)."""
    return WalkPass(index, 0, 1, t0, t1, mode, "side", 1.0, 1.0, {}, {})


NORMAL = [
    (0.0, "left", "HS"),
    (0.1, "right", "TO"),
    (0.5, "right", "HS"),
    (0.6, "left", "TO"),
    (1.0, "left", "HS"),
    (1.1, "right", "TO"),
    (1.5, "right", "HS"),
    (1.6, "left", "TO"),
    (2.0, "left", "HS"),
]


def test_ordered_events_make_strides():
    strides, rejected = assemble_strides(table(NORMAL), [a_pass(0)])
    assert [(s.side, s.hs_s, s.next_hs_s) for s in strides] == [
        ("left", 0.0, 1.0),
        ("right", 0.5, 1.5),
        ("left", 1.0, 2.0),
    ]
    assert not rejected
    assert strides[0].to_s == 0.6 and strides[0].opp_hs_s == 0.5 and strides[0].opp_to_s == 0.1


def test_missing_toe_off_rejects_the_stride():
    rows = [r for r in NORMAL if r != (0.6, "left", "TO")]
    strides, rejected = assemble_strides(table(rows), [a_pass(0)])
    assert ("left", 0.0) in [(r.side, r.start_s) for r in rejected]
    assert "left toe offs" in rejected[0].reason
    assert all(not (s.side == "left" and s.hs_s == 0.0) for s in strides)


def test_out_of_order_and_cross_pass_rejected():
    rows = list(NORMAL)
    rows[1], rows[2] = (0.1, "right", "HS"), (0.5, "right", "TO")  # opposite heel strike before its toe off
    rows = sorted(rows)
    strides, rejected = assemble_strides(table(rows), [a_pass(0)])
    assert any("order" in r.reason for r in rejected)
    events = table(NORMAL, [0] * 5 + [1] * 4)
    _, rejected = assemble_strides(events, [a_pass(0, 1, 0.0, 0.9), a_pass(1, 2, 0.95, 3.0)])
    assert any("turn" in r.reason for r in rejected)
    _, rejected = assemble_strides(events, [a_pass(0, 1, 0.0, 0.9), a_pass(1, 1, 0.95, 3.0)])
    assert any("gap of 0.05 s" in r.reason for r in rejected)
