"""One exercise set, live or offline: the set-up check and the rep counter fed the same samples, and the result.

The live page calls `update(sample)` per frame (bounded state) and `result()` when it wants the summary; offline,
`analyze_exercise` feeds every sample of a clip through the very same object."""

from __future__ import annotations

from coach.exercises.reps import Rep, RepCounter
from coach.exercises.result import ExerciseResult, side_findings
from coach.exercises.setup import SetupCheck
from coach.exercises.spec import ExerciseSpec
from coach.types import AngleSeries, BodySample, PoseSequence, iter_samples


def no_rep_reasons(counter: RepCounter, setup: dict) -> list[str]:
    """Plain words for why no rep was counted: what was seen instead, or what kept the movement from being counted."""
    seen = [f"{reason} ({n}x)" for reason, n in counter.rejected.most_common() if reason]
    if seen:
        return [f"no {counter.spec.name} reps counted: {'; '.join(seen)}"]
    if counter.discarded:
        small = ", ".join(f"{k} ({n})" for k, n in counter.discarded.most_common())
        return [f"no {counter.spec.name} reps counted: every movement seen was {small}"]
    why = "; ".join(setup["messages"]) if setup["messages"] else "the key angle never rose far enough"
    return [f"no {counter.spec.name} reps counted: no movement of the exercise was seen ({why})"]


class ExerciseSession:
    """Set-up check plus rep counter for one exercise (see the module docstring)."""

    def __init__(self, spec: ExerciseSpec, width: int = 0, height: int = 0) -> None:
        self.spec = spec
        self.counter = RepCounter(spec)
        self.setup = SetupCheck(spec, width, height)

    def update(self, sample: BodySample) -> Rep | None:
        """Feed one frame; returns the rep it completed, if any."""
        self.setup.update(sample)
        return self.counter.update(sample)

    def result(self, recognised: dict | None = None) -> ExerciseResult:
        """The set so far as an ExerciseResult."""
        setup = self.setup.result()
        reps = tuple(self.counter.reps)
        warnings = [f"camera set-up: {m}" for m in setup["messages"]]
        findings = side_findings(list(reps), self.spec)
        if not reps:
            findings = no_rep_reasons(self.counter, setup) + findings
        else:
            findings += [f"also seen and not counted: {reason} ({n}x)" for reason, n in self.counter.rejected.items()
                         if reason]
        uncertain = sum(r.uncertain for r in reps)
        if uncertain:
            warnings.append(f"{uncertain} rep(s) crossed a stretch where the body was not seen: marked uncertain")
        return ExerciseResult(self.spec.name, reps, setup, tuple(findings), tuple(warnings),
                              {k: v for k, v in self.counter.rejected.items() if k}, recognised, self.spec.report)


def analyze_exercise(poses: PoseSequence, angles: AngleSeries, spec: ExerciseSpec) -> ExerciseResult:
    """Offline analysis of a clip for one exercise: every sample through one ExerciseSession."""
    session = ExerciseSession(spec, poses.width, poses.height)
    for sample in iter_samples(poses, angles):
        session.update(sample)
    return session.result()
