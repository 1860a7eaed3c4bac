"""Exercise summaries for tests, made by the exercise analyser's own code (coach.exercises.result) from real reps,
so a planted summary has every key coach writes and cannot drift from it."""

from __future__ import annotations

import math

from coach.exercises.reps import Rep
from coach.exercises.result import ExerciseResult


def rep(side: str, rom_deg: float, score: int, start_s: float = 0.0) -> Rep:
    """A 1-second rep of one side rising rom_deg from rest (its peak), scored `score`, without faults."""
    return Rep(side, start_s, start_s + 0.5, start_s + 1.0, rom_deg, rom_deg, 0.5, 0.5, (), score, math.nan)


def exercise_part(exercise: str, reps: list[Rep]) -> dict:
    """The exercise part of a summary (reps, rep_list, per_side, score, ...) of these reps."""
    return ExerciseResult(exercise, tuple(reps), {}).summary()
