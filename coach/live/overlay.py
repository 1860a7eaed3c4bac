"""The live overlay: coach.draw's annotators over the camera picture."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from coach.live.frame_pipeline import FrameResult

if TYPE_CHECKING:
    from coach.live.session import LiveState


def draw_overlay(rgb: np.ndarray, state: LiveState, result: FrameResult) -> np.ndarray:
    """The live overlay with coach.draw's annotators: skeleton, hip angle arcs, rep counters and the current cue
    (the set-up message while the set-up is wrong)."""
    from coach.draw import (
        AngleArcAnnotator,
        CueAnnotator,
        OverlayState,
        RepCounterAnnotator,
        SkeletonAnnotator,
        annotate,
    )

    xy = result.xy_px if result.xy_px is not None else np.full((33, 2), np.nan)
    vis = result.visibility if result.visibility is not None else np.zeros(33)
    sample = result.sample
    overlay = OverlayState(
        result.t_s,
        xy,
        vis,
        sample.angles if sample else {},
        sample.conf if sample else {},
        state.reps if state.counting else {},
        cue=state.setup_message or state.cue,
    )
    return annotate(
        rgb, overlay, [SkeletonAnnotator(), AngleArcAnnotator(joints=("hip",)), RepCounterAnnotator(), CueAnnotator()]
    )
