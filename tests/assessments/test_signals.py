"""Assessment signal helpers: a moment of doubt inside a held position is the same gap at any frame rate."""

from __future__ import annotations

import numpy as np
import pytest

from coach.assessments.signals import true_runs


@pytest.mark.parametrize("doubt_frames, joined", [(2, True), (4, False)])
def test_a_moment_of_doubt_joins_or_splits_a_hold_alike_at_30_and_15_fps(doubt_frames, joined):
    # a foot up for 4 s with 0.07 s of doubt in the middle (2 frames at 30 fps, 1 at 15) is one hold, with 0.13 s (4
    # frames, 2) two, at 30 and at 15 fps alike (at 15 fps the runs either side of a moment lie further apart)
    t = np.arange(120) / 30
    up = np.ones(120, bool)
    up[60 : 60 + doubt_frames] = False
    for step in (1, 2):
        runs = true_runs(up[::step], t[::step], 0.1)
        assert (len(runs) == 1) == joined, (doubt_frames, step, runs)
