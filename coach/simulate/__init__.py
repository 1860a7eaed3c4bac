"""Synthetic landmark sequences with exactly known angles, reps and gait events (tests, docs, benchmarks)."""

from coach.simulate.body import Body, Camera, Motion, bump, gap, render
from coach.simulate.exercises import simulate_lunge, simulate_march, simulate_slr, simulate_steps
from coach.simulate.handheld import panned, shaken
from coach.simulate.walk import WalkTruth, simulate_walk

__all__ = [
    "Body",
    "Camera",
    "Motion",
    "bump",
    "gap",
    "render",
    "simulate_walk",
    "WalkTruth",
    "simulate_march",
    "simulate_lunge",
    "simulate_slr",
    "simulate_steps",
    "panned",
    "shaken",
]
