"""Comparing counts with labels (coach.validation): per side, and the literature's totals over clips or over sides."""

import math

from coach.validation import CountTotals, counts_agree, side_pairs


def test_side_pairs_follow_the_legs_when_the_label_knows_them_and_sort_them_when_it_does_not():
    """Known sides pair left with left; unknown sides pair the smaller count with the smaller, so a clip whose legs
    coach cannot tell apart is not marked wrong for naming them the other way round."""
    got, want = {"left": 5, "right": 3}, {"left": 3, "right": 5}
    assert side_pairs(got, want, sides_known=True) == [(5, 3), (3, 5)]
    assert side_pairs(got, want, sides_known=False) == [(3, 3), (5, 5)]
    assert not counts_agree(got, want, 1, sides_known=True)
    assert counts_agree(got, want, 0, sides_known=False)


def test_errors_on_the_two_sides_cancel_in_a_clips_total_but_not_per_side():
    """One rep over on the left and one under on the right: the total is exact, each side is off by one."""
    got, want = {"left": 22, "right": 21}, {"left": 21, "right": 22}
    total = CountTotals.of([(sum(got.values()), sum(want.values()))])
    sides = CountTotals.of(side_pairs(got, want, sides_known=True))
    assert (total.exact, total.obo, total.mae) == (1.0, 1.0, 0.0)
    assert (sides.exact, sides.obo) == (0.0, 1.0)
    assert math.isclose(sides.mae, (1 / 21 + 1 / 22) / 2)


def test_totals_leave_counts_with_nothing_to_count_out_of_the_relative_error():
    """A near-miss side (true count 0) counts for exact and OBO, and is left out of the MAE relative to the true
    count (it has none); with no counts at all every total is NaN."""
    t = CountTotals.of([(1, 0), (4, 4)])
    assert (t.n, t.exact, t.obo, t.mae) == (2, 0.5, 1.0, 0.0)
    assert all(math.isnan(v) for v in (CountTotals.of([]).exact, CountTotals.of([]).mae))
