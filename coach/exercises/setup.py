"""Camera set-up check before counting (DESIGN.md sections 5 and 7): is the whole body in the picture, is the view
the one the exercise needs, is the posture right, is there enough light; each problem comes with how to fix it.

Bounded state (counts only), so the live page can run it frame by frame and the offline analysis over a clip."""

from __future__ import annotations

from collections import Counter

import numpy as np

from coach.config import landmark_trust
from coach.exercises.common import LYING_MIN_TILT_DEG, STANDING_MAX_TILT_DEG
from coach.exercises.signals import trunk_tilt_deg
from coach.exercises.spec import ExerciseSpec
from coach.kinematics.trunk import TRUNK
from coach.landmarks import (
    LEFT_ANKLE,
    LEFT_HEEL,
    LEFT_SHOULDER,
    NOSE,
    RIGHT_ANKLE,
    RIGHT_HEEL,
    RIGHT_SHOULDER,
)
from coach.picture_edge import outside_picture
from coach.types import BodySample

FEET = [LEFT_ANKLE, RIGHT_ANKLE, LEFT_HEEL, RIGHT_HEEL]
UPPER = [NOSE, LEFT_SHOULDER, RIGHT_SHOULDER]
#: A problem seen in more than this share of the frames with a person is reported.
PROBLEM_SHARE = 0.2
#: Visibility limits of every stage (coach/config/defaults.toml [landmarks]).
MIN_VISIBILITY = landmark_trust().min_visibility
DIM_VISIBILITY = landmark_trust().dim_visibility

VIEW_ADVICE = {"side": "turn side-on to the camera", "front": "face the camera"}


class SetupCheck:
    """Count set-up problems frame by frame; `result()` says whether the set-up suits `spec` and how to fix it."""

    def __init__(self, spec: ExerciseSpec, width: int = 0, height: int = 0) -> None:
        self.spec, self.width, self.height = spec, width, height
        self.n = 0
        self.counts: Counter[str] = Counter()
        self.views: Counter[str] = Counter()

    def update(self, sample: BodySample) -> None:
        """Add one frame."""
        self.n += 1
        vis = sample.visibility
        if not (vis[TRUNK] >= MIN_VISIBILITY).all():
            return
        c = self.counts
        c["person"] += 1
        c["feet_hidden"] += bool((vis[FEET] < MIN_VISIBILITY).any())
        c["head_hidden"] += bool((vis[UPPER] < MIN_VISIBILITY).any())
        c["dim"] += bool(np.median(vis) < DIM_VISIBILITY)
        if sample.view:
            self.views[sample.view] += 1
        tilt = trunk_tilt_deg(sample)
        c["lying"] += bool(tilt > LYING_MIN_TILT_DEG)
        c["upright"] += bool(tilt < STANDING_MAX_TILT_DEG)
        if self.width and self.height:
            c["cut"] += bool(outside_picture(sample.xy_px[vis >= MIN_VISIBILITY], self.width, self.height).any())

    def result(self) -> dict:
        """{'ok', 'view', 'view_ok', 'posture', 'person_fraction', 'messages'}: messages say what to change."""
        c, spec = self.counts, self.spec
        person = c["person"]
        share = {
            k: c[k] / person if person else 0.0
            for k in ("feet_hidden", "head_hidden", "dim", "lying", "upright", "cut")
        }
        view = self.views.most_common(1)[0][0] if self.views else "unknown"
        suits = sum(self.views[v] for v in spec.views) / max(1, sum(self.views.values()))
        posture = "lying" if share["lying"] > 0.5 else "standing" if share["upright"] > 0.5 else "unclear"
        msgs = []
        if not person or person < 0.5 * self.n:
            msgs.append(
                f"step into the picture: the whole body was seen in only {person / max(self.n, 1):.0%} of frames"
            )
        if share["feet_hidden"] > PROBLEM_SHARE:
            msgs.append("step back so your feet are in view")
        if share["head_hidden"] > PROBLEM_SHARE:
            msgs.append("move the camera so your head and shoulders are in view")
        if share["cut"] > PROBLEM_SHARE and share["feet_hidden"] <= PROBLEM_SHARE:
            msgs.append("step back or move the camera so head to feet are inside the picture")
        if spec.posture == "lying" and posture != "lying" and person:
            msgs.append("lie on your back, side-on to the camera, for this exercise")
        if spec.posture == "standing" and posture == "lying":
            msgs.append("stand up for this exercise")
        view_ok = suits >= 0.5
        if person and not view_ok:
            msgs.append(VIEW_ADVICE.get(spec.views[0], "turn side-on to the camera"))
        if share["dim"] > PROBLEM_SHARE:
            msgs.append("add light or wear clothes that contrast with the background: the body is hard to see")
        return {
            "ok": not msgs,
            "view": view,
            "view_ok": view_ok,
            "posture": posture,
            "person_fraction": round(person / max(self.n, 1), 3),
            "messages": msgs,
        }
