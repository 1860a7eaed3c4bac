"""The exercise analysers as the live page drives them, frame by frame: one exercise (ExerciseLink) or all three with
the recognised one leading ('auto', AutoLink). Both give coach.live.LiveSession the same small interface:
check(sample) -> set-up messages of a finished window or None, reset_window(), update(sample) -> Rep | None,
finish() -> the reps that movements on their way down complete when the session ends, counts() -> reps per side,
movements() -> every movement counted or not (or None), summary() -> dict, and `message`, what the page should say
about the analyser."""

from __future__ import annotations

from coach.exercises import SPECS
from coach.exercises.movements import Movements
from coach.exercises.recognise import Recognition, choose, recognised_result
from coach.exercises.reps import Rep
from coach.exercises.session import ExerciseSession
from coach.exercises.setup import SetupCheck
from coach.landmarks import SIDES
from coach.types import BodySample

#: How the page names the exercises.
EXERCISE_NAMES = {"march": "standing march", "lunge": "lunge", "slr": "straight-leg raise"}


class ExerciseLink:
    """One exercise: coach.exercises.ExerciseSession (the set-up check and rep counter the offline analysis uses)
    plus a fresh SetupCheck per window of `window_s` seconds, so the set-up message reflects the last second, not the
    whole set."""

    message = ""

    def __init__(self, exercise: str, width: int, height: int, window_s: float = 1.0) -> None:
        self.spec = SPECS[exercise]
        self.session = ExerciseSession(self.spec, width, height)
        self.size, self.window_s = (width, height), window_s
        self._window: SetupCheck | None = None
        self._window_t0 = float("nan")

    def check(self, sample: BodySample) -> list[str] | None:
        """Add a frame to the set-up window; when the window is full, its messages ([] = set-up right), else None."""
        if self._window is None:
            self._window, self._window_t0 = SetupCheck(self.spec, *self.size), sample.t_s
        self._window.update(sample)
        if sample.t_s - self._window_t0 < self.window_s:
            return None
        messages = self._window.result()["messages"]
        self._window = None
        return messages

    def reset_window(self) -> None:
        """Start a new set-up window (after frames without a person)."""
        self._window = None

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

    def __init__(self, width: int, height: int, window_s: float = 1.0) -> None:
        self.links = {name: ExerciseLink(name, width, height, window_s) for name in SPECS}
        self.recognition: Recognition | None = None
        self.message = self.WAITING

    @property
    def leader(self) -> ExerciseLink | None:
        """The recognised exercise's link, None while no exercise is recognised."""
        return self.links.get(self.recognition.task) if self.recognition else None

    def check(self, sample: BodySample) -> list[str] | None:
        """Every link's set-up window (they open and close together): the leader's messages, else the fewest."""
        messages = {name: link.check(sample) for name, link in self.links.items()}
        if any(m is None for m in messages.values()):
            return None
        leader = self.leader
        return messages[leader.spec.name] if leader else min(messages.values(), key=len)

    def reset_window(self) -> None:
        """Start new set-up windows."""
        for link in self.links.values():
            link.reset_window()

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

    def _results(self) -> dict:
        """Every exercise's result so far."""
        return {name: link.session.result() for name, link in self.links.items()}


def make_exercise(exercise: str, width: int, height: int) -> ExerciseLink | AutoLink:
    """The live analyser of an exercise name ('auto': AutoLink) for a picture of width x height pixels."""
    return AutoLink(width, height) if exercise == "auto" else ExerciseLink(exercise, width, height)


def rep_cue(rep: Rep) -> str:
    """The most important fault of a rep as one plain-words cue ('' when none): faults come most important first."""
    return rep.faults[0].cue if rep.faults else ""
