"""Batch fixtures: the test folder of short real clips and broken files, and one uninterrupted reference run."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from batch_clips import make_folder

from coach.analysis import Settings
from coach.batch import run_batch


@pytest.fixture(scope="session")
def clip_folder(tmp_path_factory) -> Path:
    """A folder of short real clips and broken files, made once per session (read-only for tests: copy it)."""
    return make_folder(tmp_path_factory.mktemp("batch-clips"))


@pytest.fixture(scope="session")
def reference_run(clip_folder, tmp_path_factory):
    """One uninterrupted local batch of clip_folder with 2 workers: (report, out dir)."""
    out = tmp_path_factory.mktemp("batch-reference")
    report = run_batch(clip_folder, Settings(), out, workers=2)
    return report, out


@pytest.fixture
def fresh_run(clip_folder, reference_run, tmp_path):
    """A private copy of the reference run's output folder (tests that resume or delete may change it)."""
    out = tmp_path / "reference-copy"
    shutil.copytree(reference_run[1], out, copy_function=shutil.copy2)
    return out
