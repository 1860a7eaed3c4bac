"""The lowest frame rate at which the live page counts without saying it cannot count reliably
(coach.live.rates.MIN_COUNT_FPS): the labelled march and lunge clips, their real landmarks replayed through the live
session with only that many frames a second reaching it, count as labelled (the helpers of test_live_corpus)."""

from __future__ import annotations

import pytest

from coach.live.rates import MIN_COUNT_FPS
from tests.app.test_live_corpus import CLIPS, _assert_labelled_reps, _live


@pytest.mark.parametrize("name, task", CLIPS)
def test_live_counts_the_labelled_reps_at_the_lowest_rate_it_counts_at(name, task):
    """With at most MIN_COUNT_FPS frames a second reaching the live session the counts equal the labels (within
    their tolerance)."""
    got, _ = _live(name, task, webcam=(MIN_COUNT_FPS, 1.0, 0))
    _assert_labelled_reps(name, got)
