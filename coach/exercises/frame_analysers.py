"""The exercise analysers fed one body sample at a time, as the live page drives them: one exercise (ExerciseLink)
or all three with the recognised one leading ('auto', AutoLink). Both are FrameAnalysers, the interface
coach.live.session.LiveSession drives (the assessments' analysers in coach.assessments.frame_analysers too)."""

from __future__ import annotations

from typing import Protocol

from coach.config import ClinicalConfig
from coach.exercises import SPECS, exercise_specs
from coach.exercises.movements import Movements
from coach.exercises.recognise import EXERCISE_NAMES, Recognition, choose, recognised_result
from coach.exercises.reps import Rep
from coach.exercises.result import ExerciseResult
from coach.exercises.session import ExerciseSession
from coach.exercises.setup_gate import SETUP_WINDOW_S, SetupJudge, SetupOfAny, SetupWindows
from coach.exercises.spec import ExerciseSpec
from coach.landmarks import SIDES
from coach.types import BodySample


class FrameAnalyser(SetupJudge, Protocol):
    """An analyser fed one body sample at a time: judges the set-up (SetupJudge, for coach.exercises.setup_gate),
    counts, and sums the session up as the offline analysis of a clip does. `message` is what the page should say
    about the analyser ('' when nothing)."""

    message: str

    def update(self, sample: BodySample) -> Rep | None:
        """Feed one sample the set-up gate let through; the rep it completed, if any."""
        ...

    def finish(self) -> list[Rep]:
        """The session ended: the reps that movements on their way back down complete."""
        ...

    def counts(self) -> dict[str, int]:
        """Reps (or stands) per side so far."""
        ...

    def movements(self) -> Movements | None:
        """Every movement so far, counted or not (None without a rep engine or while nothing is recognised)."""
        ...

    def summary(self) -> dict:
        """The summary part, as the offline analysis of a clip gives it."""
        ...


class ExerciseLink:
    """One exercise: coach.exercises.ExerciseSession (the set-up check and rep counter the offline analysis uses)
    plus set-up windows (SetupWindows), so the set-up message reflects the last second, not the whole set."""

    def __init__(self, spec: ExerciseSpec, width: int, height: int, window_s: float = SETUP_WINDOW_S) -> None:
        self.spec = spec
        self.message = ""
        self.session = ExerciseSession(spec, width, height)
        self.windows = SetupWindows(spec, width, height, window_s)

    def check(self, sample: BodySample) -> list[str] | None:
        """Add a frame to the set-up window; when the window is full, its messages ([] = set-up right), else None."""
        return self.windows.check(sample)

    def reset_window(self) -> None:
        """Start a new set-up window (after frames without a person)."""
        self.windows.reset_window()

    def update(self, sample: BodySample) -> Rep | None:
        """Feed the shared exercise session; returns the rep completed, if any."""
        return self.session.update(sample)

    def finish(self) -> list[Rep]:
        """The session ended: a movement on its way back down counts (ExerciseSession.finish)."""
        return self.session.finish()

    def counts(self) -> dict[str, int]:
        """Reps counted per side."""
        return self.session.counter.counts

    def movements(self) -> Movements | None:
        """Every movement so far, counted or not (with reasons)."""
        return self.session.counter.movements()

    def summary(self) -> dict:
        """The exercise part of the summary, as offline (reps, rep_list, per_side, score, cues, findings)."""
        return self.session.result().summary()


class AutoLink:
    """'auto': every exercise's ExerciseLink on the same samples, and after every rep any of them counts, the rule
    that recognises a clip's exercise (coach.exercises.recognise.choose: posture first, then most reps) picks the
    leader. The leader's reps are the counts and its set-up check the set-up message; until one leads, the set-up is
    judged by the exercise it suits best. Walking is not recognised live (the page coaches exercises in place)."""

    WAITING = "Recognising the exercise: do a few reps and coach will count the one it sees."

    def __init__(
        self, width: int, height: int, window_s: float = SETUP_WINDOW_S, specs: dict[str, ExerciseSpec] = SPECS
    ) -> None:
        self.links = {name: ExerciseLink(spec, width, height, window_s) for name, spec in specs.items()}
        self.setup = SetupOfAny(specs, width, height, window_s)
        self.recognition: Recognition | None = None
        self.message = self.WAITING

    @property
    def leader(self) -> ExerciseLink | None:
        """The recognised exercise's link, None while no exercise is recognised."""
        return self.links.get(self.recognition.task) if self.recognition else None

    def check(self, sample: BodySample) -> list[str] | None:
        """Every exercise's set-up window (they open and close together, SetupOfAny): the leader's messages, else
        the fewest."""
        messages = self.setup.check_each(sample)
        if messages is None:
            return None
        leader = self.leader
        return messages[leader.spec.name] if leader else min(messages.values(), key=len)

    def reset_window(self) -> None:
        """Start new set-up windows."""
        self.setup.reset_window()

    def update(self, sample: BodySample) -> Rep | None:
        """Feed every link; after a rep re-recognise; returns the leader's rep completed, if any."""
        reps = {name: link.update(sample) for name, link in self.links.items()}
        if any(reps.values()):
            leader = self._recognise()
            return reps[leader.spec.name] if leader else None
        return None

    def _recognise(self) -> ExerciseLink | None:
        """Recognise the exercise from every link's result so far; the leader (None while no exercise leads)."""
        self.recognition = choose(self._results())
        leader = self.leader
        self.message = (
            f"Recognised: {EXERCISE_NAMES[leader.spec.name]} ({self.recognition.confidence:.0%} "
            "sure): counting its reps."
            if leader
            else self.WAITING
        )
        return leader

    def finish(self) -> list[Rep]:
        """The session ended: every link finishes its movement in progress, then the exercise is recognised again;
        the leader's reps so completed."""
        reps = {name: link.finish() for name, link in self.links.items()}
        leader = self._recognise()
        return reps[leader.spec.name] if leader else []

    def counts(self) -> dict[str, int]:
        """The leader's reps per side (none while no exercise is recognised)."""
        leader = self.leader
        return leader.counts() if leader else {s: 0 for s in SIDES}

    def movements(self) -> Movements | None:
        """The leader's movements (None while no exercise is recognised)."""
        leader = self.leader
        return leader.movements() if leader else None

    def summary(self) -> dict:
        """As offline `--exercise auto`: the recognised exercise's summary with `recognised`, or 'none' and why."""
        results = self._results()
        return recognised_result(choose(results), results).summary()

    def _results(self) -> dict[str, ExerciseResult]:
        """Every exercise's result so far."""
        return {name: link.session.result() for name, link in self.links.items()}


def make_exercise(
    exercise: str, width: int, height: int, config: ClinicalConfig | None = None
) -> ExerciseLink | AutoLink:
    """The live analyser of an exercise name ('auto': AutoLink) for a picture of width x height pixels, with the
    clinical limits of `config` (the defaults when None)."""
    specs = SPECS if config is None else exercise_specs(config)
    return AutoLink(width, height, specs=specs) if exercise == "auto" else ExerciseLink(specs[exercise], width, height)


def rep_cue(rep: Rep) -> str:
    """The most important fault of a rep as one plain-words cue ('' when none): faults come most important first."""
    return rep.faults[0].cue if rep.faults else ""
