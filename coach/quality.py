"""How much to trust a clip: frames with the person, frames with the body cut by the picture edge, visibility,
others in view; each problem becomes a plain-words warning with what to do about it."""

from __future__ import annotations

import numpy as np

from coach.landmarks import BODY
from coach.people import PeopleReport
from coach.types import PoseSequence, VideoInfo

#: A landmark this close to the picture edge (fraction of the size) counts as cut off.
EDGE_MARGIN = 0.01


def out_of_frame_fraction(seq: PoseSequence) -> np.ndarray:
    """(T,) bool: frames where a body landmark (shoulders to ankles) lies outside the picture or on its edge."""
    if not len(seq):
        return np.zeros(0, bool)
    xy = seq.xy_px[:, list(BODY)]
    w, h = seq.width, seq.height
    m = EDGE_MARGIN * max(w, h)
    with np.errstate(invalid="ignore"):
        out = (xy[..., 0] < m) | (xy[..., 0] > w - m) | (xy[..., 1] < m) | (xy[..., 1] > h - m)
    return out.any(axis=1) & seq.found


def clip_warnings(info: VideoInfo, seq: PoseSequence, people: PeopleReport, decode_error: str | None) -> list[str]:
    """Plain-words warnings about the clip, each saying what to do."""
    warnings = []
    if decode_error:
        got = len(seq)
        lost = max(0.0, info.duration_s - (seq.t_s[-1] if got else 0.0))
        warnings.append(f"the video is damaged: {got} of about {info.n_frames} frames decoded, about {lost:.1f} s lost "
                        "at the end; results cover only the decoded part. Export or copy the clip again.")
    if people.max_people > 1:
        warnings.append(f"{people.max_people} people were in view in {people.others_fraction:.0%} of frames; coach "
                        "followed the one doing the movement. Film the patient alone for the best results.")
    found = people.found_fraction
    if 0 < found < 0.8:
        warnings.append(f"the person was found in only {found:.0%} of frames; keep the whole body in view and "
                        "well lit.")
    cut = out_of_frame_fraction(seq)
    if cut.any() and cut.mean() > 0.05:
        warnings.append(f"part of the body was outside the picture in {cut.mean():.0%} of frames; step back or "
                        "move the camera so head to feet are in view.")
    vis = seq.visibility[:, list(BODY)][seq.found] if len(seq) else np.zeros((0, len(BODY)))
    if len(vis) and float(np.median(vis)) < 0.6:
        warnings.append(f"the body landmarks were hard to see (median visibility {float(np.median(vis)):.2f}); use "
                        "more light and clothes that contrast with the background.")
    return warnings
