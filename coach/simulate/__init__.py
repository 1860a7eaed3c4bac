"""Synthetic landmark sequences with exactly known angles, reps and gait events (tests, docs, benchmarks)."""

from coach.simulate.body import Body, Camera, Motion, bump, gap, render

__all__ = ["Body", "Camera", "Motion", "bump", "gap", "render"]
