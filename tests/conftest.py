"""Shared fixtures: the bundled sample clips, synthetic broken inputs live in their own tests."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_videos"


@pytest.fixture(scope="session")
def sample_clip() -> Path:
    """The redistributable Sports2D demo clip bundled in sample_videos/."""
    return SAMPLES / "two_people_walk_and_jump_sports2d.mp4"
