"""Pieces every assessment result shares: the summary.json envelope (`assessment` part, findings, warnings, norm
comparisons), the camera-view warning, the arm position during a rise, and rounding of time lists."""

from __future__ import annotations

import numpy as np

from coach.assessments.norms import Comparison
from coach.assessments.signals import MIN_VISIBILITY, rounded
from coach.landmarks import LEFT_HIP, LEFT_SHOULDER, RIGHT_HIP, RIGHT_SHOULDER
from coach.types import AngleSeries, PoseSequence

#: Wrists of arms crossed on the chest sit in the upper part of the trunk (measured ~0.7-0.8 of the way from the
#: hips to the shoulders); hands on the thighs, the knees or the chair sit at hip level or below (~0.3 or less, the
#: forward lean of a rise bringing the thighs under the trunk). The median over the rise decides.
ARMS_ON_CHEST_MIN = 0.55
LEFT_WRIST, RIGHT_WRIST = 15, 16


def envelope(
    test: str, part: dict, norms: tuple[Comparison, ...], findings: tuple[str, ...], warnings: tuple[str, ...]
) -> dict:
    """The summary.json part of an assessment: {'assessment': {'test', ...part, 'norms'}, 'findings', 'warnings'}."""
    return {
        "assessment": {"test": test, **part, "norms": [c.to_dict() for c in norms]},
        "findings": list(findings) + [c.statement for c in norms],
        "warnings": list(warnings),
    }


def times(values: list[float | None]) -> list[float | None]:
    """Times (s) rounded for summary.json, None where unknown."""
    return [rounded(v) for v in values]


def dominant_view(angles: AngleSeries, t0_s: float = -np.inf, t1_s: float = np.inf) -> str:
    """The most common camera view between t0_s and t1_s ('unknown' when none)."""
    span = (angles.t_s >= t0_s) & (angles.t_s <= t1_s)
    views = angles.view[span] if len(angles.view) else np.zeros(0, "<U8")
    views = views[views != ""]
    if not len(views):
        return "unknown"
    codes, counts = np.unique(views, return_counts=True)
    return str(codes[np.argmax(counts)])


#: Why a view that does not suit a test lowers the trust in its numbers.
ANGLES_3D = "the angles here come from MediaPipe's 3D estimate and are less accurate"


def view_warning(view: str, suits: tuple[str, ...], advice: str, why: str = ANGLES_3D) -> list[str]:
    """A warning when the clip's view is not one that suits the test, saying what to change and why."""
    if view in suits:
        return []
    return [f"filmed from the {view}: this test is measured best from the {' or '.join(suits)} ({advice}); {why}"]


def arms_on_chest(poses: PoseSequence, i0: int, i1: int) -> bool | None:
    """Whether the seen wrists stayed on the chest between frames i0 and i1 (see ARMS_ON_CHEST_MIN); None when no
    wrist was seen."""
    xy, vis = poses.xy_px[i0 : i1 + 1], poses.visibility[i0 : i1 + 1]
    hip = 0.5 * (xy[:, LEFT_HIP] + xy[:, RIGHT_HIP])
    trunk = 0.5 * (xy[:, LEFT_SHOULDER] + xy[:, RIGHT_SHOULDER]) - hip
    length2 = np.sum(trunk * trunk, axis=-1)
    fractions = []
    for wrist in (LEFT_WRIST, RIGHT_WRIST):
        seen = (vis[:, wrist] >= MIN_VISIBILITY) & (length2 > 0)
        u = np.sum((xy[:, wrist] - hip) * trunk, axis=-1)[seen] / length2[seen]
        fractions.append(u[np.isfinite(u)])
    both = np.concatenate(fractions)
    return bool(np.median(both) >= ARMS_ON_CHEST_MIN) if len(both) else None
