"""The assessments fed one body sample at a time, as the live page drives them: FrameAnalysers
(coach.exercises.frame_analysers), the interface coach.live.session.LiveSession drives:

- the 30-second chair stand with a countdown from the first rise, counting full stands as the clip analysis does
  (coach.assessments.posture over the session's samples);
- a hold timer that counts only while the position is held: the half-kneeling hip-flexor stretch (the clip
  analysis's own HoldTimer) and single-leg stance (a foot lifted off its own floor level, as the clip analysis reads
  it: coach.assessments.single_leg_stance.LiveStance);
- hip abduction and knee-to-chest through the shared rep engine, as the exercises.

The session's samples are kept (bounded by MAX_SESSION_S) so that the end-of-session summary is the clip analysis's
own, run on them.
"""

from __future__ import annotations

import math
from collections import deque

import numpy as np

from coach.assessments import ANALYSERS, ROM_SPECS
from coach.assessments.chair_stand import THIRTY_S, thirty_second_count
from coach.assessments.hip_flexor_stretch import stretch_timer
from coach.assessments.hold import HoldTimer
from coach.assessments.posture import Posture, posture_from, transitions
from coach.assessments.range_of_motion import range_of_motion_result, rom_specs
from coach.assessments.signals import MIN_ANGLE_CONF
from coach.assessments.single_leg_stance import LiveStance
from coach.config import ClinicalConfig
from coach.exercises import ExerciseSpec
from coach.exercises.frame_analysers import ExerciseLink
from coach.exercises.reps import Rep
from coach.exercises.setup_gate import SETUP_WINDOW_S, SetupWindows
from coach.landmarks import N_LANDMARKS, SIDES
from coach.numbers import count_text
from coach.types import AngleSeries, BodySample, PoseSequence

#: The live assessments, as the page names them.
LIVE_ASSESSMENTS = {
    "chair-stand": "30-second chair stand",
    "single-leg-stance": "Single-leg stance (hold timer)",
    "hip-flexor-stretch": "Hip-flexor stretch (hold timer)",
    "hip-abduction": "Standing hip abduction",
    "knee-to-chest": "Knee to chest (lying)",
}
#: Samples kept for the summary (s of frames): a 30-s test or a few holds with room to spare.
MAX_SESSION_S = 180.0
#: A stance trial survives this long (s) of doubt and counts from this long (s), as in the clip analysis.
STANCE_GRACE_S, STANCE_MIN_S = 0.1, 1.0
#: Samples the live stance keeps for each foot's floor level: the session's (MAX_SESSION_S at 30 frames a second).
STANCE_KEEP = int(MAX_SESSION_S * 30)


def _setup_spec(name: str, views: tuple[str, ...], posture: str) -> ExerciseSpec:
    """A spec carrying only what the set-up check reads (views, posture) for a test without a rep engine."""
    return ExerciseSpec(
        name,
        key=lambda s, side: (math.nan, 0.0),
        measure=lambda s, side: {},
        target_deg=(0.0, 0.0),
        views=views,
        posture=posture,
    )


SETUP_SPECS = {
    "chair-stand": _setup_spec("chair-stand", ("side",), "standing"),
    "single-leg-stance": _setup_spec("single-leg-stance", ("front", "oblique"), "standing"),
    "hip-flexor-stretch": _setup_spec("hip-flexor-stretch", ("side",), "standing"),
}


def samples_to_clip(samples: list[BodySample], width: int, height: int) -> tuple[PoseSequence, AngleSeries]:
    """A live session's samples as a clip for the clip analysers (no world landmarks live: what needs them is left
    unknown, e.g. the forward lean)."""
    n = len(samples)
    t = np.array([s.t_s for s in samples], float)
    xy = np.stack([s.xy_px for s in samples]) if n else np.zeros((0, N_LANDMARKS, 2))
    vis = np.stack([s.visibility for s in samples]) if n else np.zeros((0, N_LANDMARKS))
    poses = PoseSequence(
        t,
        xy,
        np.full((n, N_LANDMARKS), np.nan),
        vis,
        np.full((n, N_LANDMARKS, 3), np.nan),
        np.ones(n, int),
        width,
        height,
    )
    names = list(samples[0].angles) if n else []
    angles = AngleSeries(
        t,
        {k: np.array([s.angles[k] for s in samples]) for k in names},
        {k: np.array([s.conf[k] for s in samples]) for k in names},
        np.array([s.view for s in samples], dtype="<U8"),
        np.array([s.facing for s in samples]),
    )
    return poses, angles


def posture_of(samples: list[BodySample]) -> Posture:
    """Posture signals of live samples (coach.assessments.posture, from the samples' angles and 2D trunk lean)."""

    def legs(fmt: str) -> np.ndarray:
        return np.array(
            [
                [
                    s.angles.get(fmt.format(side=side), math.nan)
                    if s.conf.get(fmt.format(side=side), 0.0) >= MIN_ANGLE_CONF
                    else math.nan
                    for s in samples
                ]
                for side in SIDES
            ]
        )

    return posture_from(
        np.array([s.t_s for s in samples]),
        legs("hip_flex_{side}"),
        legs("knee_flex_{side}"),
        np.array([s.angles.get("trunk_lean", math.nan) for s in samples]),
    )


class AssessmentLink:
    """A live assessment without a rep engine: the set-up check per window (SetupWindows), the session's samples, and
    the test's own live reading that sets `message`; counts() gives the stands (both keys) for the chair stand,
    else none."""

    def __init__(
        self,
        test: str,
        width: int,
        height: int,
        window_s: float = SETUP_WINDOW_S,
        config: ClinicalConfig | None = None,
    ) -> None:
        self.windows = SetupWindows(SETUP_SPECS[test], width, height, window_s)
        self.size = (width, height)
        self.test = test
        self.config = config
        self.samples: deque[BodySample] = deque()
        self.message = ""
        self._timer: HoldTimer | None = {
            "hip-flexor-stretch": stretch_timer(),
            "single-leg-stance": HoldTimer(LiveStance(STANCE_KEEP), STANCE_GRACE_S, STANCE_MIN_S),
        }.get(test)
        self._stands = 0

    def check(self, sample: BodySample) -> list[str] | None:
        """Add a frame to the set-up window; when the window is full, its messages ([] = set-up right), else None."""
        return self.windows.check(sample)

    def reset_window(self) -> None:
        """Start a new set-up window (after frames without a person)."""
        self.windows.reset_window()

    def update(self, sample: BodySample) -> None:
        """Keep the sample and update the live reading (no reps: None)."""
        self.samples.append(sample)
        while sample.t_s - self.samples[0].t_s > MAX_SESSION_S:
            self.samples.popleft()
        if self._timer is not None:
            self._timer.update(sample)
            self.message = self._hold_message(self._timer)
        else:
            self.message = self._countdown(sample.t_s)
        return None

    @staticmethod
    def _hold_message(timer: HoldTimer) -> str:
        """The hold timer's reading."""
        done = [h.hold_s for h in timer.holds]
        best = f" (best {max(done):.1f} s)" if done else ""
        if timer.holding:
            return f"Holding: {timer.elapsed_s():.1f} s{best}"
        return f"Get into position: the timer runs only while you hold it{best}"

    def _countdown(self, now_s: float) -> str:
        """The 30-second chair stand: a countdown from the first rise, and the full stands so far."""
        p = posture_of(list(self.samples))
        rises, _ = transitions(p)
        if not rises:
            return "Sit on the chair, arms crossed on the chest: the 30 s start when you rise."
        start = rises[0].start_s
        if now_s - start < THIRTY_S:
            self._stands = sum(r.upright_s <= now_s for r in rises)
            return f"{THIRTY_S - (now_s - start):.0f} s left: {count_text(self._stands, 'full stand')}"
        count = thirty_second_count(p, rises, start)
        self._stands = self._stands if count is None else count
        return f"Time! {count_text(self._stands, 'full stand')} in 30 s"

    def counts(self) -> dict[str, int]:
        """The chair stand's full stands (shown on both counters); 0 for a hold."""
        return {s: self._stands for s in SIDES}

    def movements(self) -> None:
        """No rep engine, so no account of movements (the summary is the clip analysis of the session's samples)."""
        return None

    def finish(self) -> list[Rep]:
        """Nothing in progress to count at the end of the session (no rep engine)."""
        return []

    def summary(self) -> dict:
        """The clip analysis of the session's samples (as offline: the `assessment` part, findings, warnings)."""
        if not self.samples:
            return {"assessment": {"test": self.test}, "findings": ["no frames with a person were analysed"]}
        return ANALYSERS[self.test](*samples_to_clip(list(self.samples), *self.size), config=self.config).summary()


class RangeOfMotionLink(ExerciseLink):
    """Hip abduction or knee-to-chest live: the exercises' ExerciseLink on the assessment's spec (default limits
    unless `specs` from rom_specs(config) are given); the summary adds the peak per side as the clip analysis does."""

    def __init__(
        self,
        test: str,
        width: int,
        height: int,
        window_s: float = SETUP_WINDOW_S,
        specs: dict[str, tuple[ExerciseSpec, str]] = ROM_SPECS,
        config: ClinicalConfig | None = None,
    ) -> None:
        spec, self.measure = specs[test]
        super().__init__(spec, width, height, window_s)
        self.test = test
        self.config = config

    def summary(self) -> dict:
        """The exercise summary with the assessment part (peaks per side, reference), as the clip analysis."""
        return range_of_motion_result(self.session.result(), self.measure, self.config).summary()


def make_live(
    test: str, width: int, height: int, config: ClinicalConfig | None = None
) -> AssessmentLink | RangeOfMotionLink:
    """The live analyser of an assessment for a picture of width x height pixels, with the clinical limits of
    `config` (the defaults when None)."""
    if test in ROM_SPECS:
        specs = ROM_SPECS if config is None else rom_specs(config)
        return RangeOfMotionLink(test, width, height, specs=specs, config=config)
    return AssessmentLink(test, width, height, config=config)
