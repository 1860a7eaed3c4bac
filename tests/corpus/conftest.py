"""The labelled real clips (../shared/videos, or $COACH_CORPUS): skipped with a reason when absent, required in CI.

Pose estimation on a clip runs once per clip, settings and pose code (`corpus_poses`): its landmarks are kept in
tests/artifacts/poses (or $COACH_POSE_CACHE) and every corpus test, run and benchmark reuses them.
"""

from __future__ import annotations

import json
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from functools import cache, partial
from pathlib import Path

import pytest

from coach.analysis import Analysis, Settings, analyze_posed
from coach.people import PeopleReport, PoseRun
from coach.posecache import cache_file, cached_pose_run
from coach.types import PoseSequence, VideoInfo
from coach.validation import ASSESSMENT_TESTS

ROOT = Path(__file__).resolve().parents[2]
CORPUS = Path(os.environ.get("COACH_CORPUS", ROOT.parent / "shared" / "videos"))
REQUIRED = os.environ.get("COACH_REQUIRE_CORPUS") == "1"
POSE_CACHE = Path(os.environ.get("COACH_POSE_CACHE", ROOT / "tests" / "artifacts" / "poses"))
#: A run that collects at least this many corpus tests (the whole suite, as CI runs it) poses every clip of the corpus
#: before the first corpus test, one process per core: MediaPipe infers on one core a process, so on two cores the
#: corpus is posed in about half the time. A run of a few tests poses only the clips it asks for.
POSE_ALL_FROM = 100
_POSE_ALL = {"wanted": False}


def pytest_collection_modifyitems(config, items):
    """Skip corpus tests when the clips are absent (fail instead when COACH_REQUIRE_CORPUS=1, as in CI)."""
    if (CORPUS / "labels.json").is_file():
        _POSE_ALL["wanted"] = sum("corpus" in str(item.fspath) for item in items) >= POSE_ALL_FROM
        return
    if REQUIRED:
        raise pytest.UsageError(f"COACH_REQUIRE_CORPUS=1 but no labelled corpus at {CORPUS}")
    skip = pytest.mark.skip(
        reason=f"labelled corpus not found at {CORPUS} (set COACH_CORPUS to the folder of clips with labels.json)"
    )
    for item in items:
        if "corpus" in str(item.fspath):
            item.add_marker(skip)


@cache
def labels() -> dict:
    """labels.json of the corpus."""
    return json.loads((CORPUS / "labels.json").read_text())


def clips_with(task: str) -> list[str]:
    """Names of labelled clips of a task ('march', 'lunge', 'slr', 'gait', 'other'); empty without the corpus."""
    if not (CORPUS / "labels.json").is_file():
        return []
    return sorted(name for name, lab in labels().items() if lab.get("task") == task)


def labelled_settings(name: str) -> Settings:
    """The settings of a clip's labelled task, as `coach analyze --exercise` would get them (near-misses: auto)."""
    task = labels().get(name, {}).get("task", "auto")
    return Settings(task=ASSESSMENT_TESTS.get(task, "auto" if task == "other" else task))


def _pose_into_cache(job: tuple[Path, Settings], folder: Path) -> None:
    """Pose one clip under one settings into the cache (in a worker process)."""
    cached_pose_run(*job, folder)


@cache
def _corpus_posed() -> None:
    """Every pose run the corpus tests use (each clip posed at every frame with the defaults, and as its labelled
    task and `auto` ask: a standing task looks for nobody lying down, a fast clip of one is posed every second frame)
    that is not in the cache yet, posed into it, one worker process per core, the largest clips first (so the workers
    finish together); no worker is started when every run is cached."""
    jobs = {
        cache_file(p, s, POSE_CACHE): (p, s)
        for p in CORPUS.glob("*.mp4")
        for s in (Settings(), labelled_settings(p.name), Settings(task="auto"))
    }
    missing = [job for file, job in jobs.items() if not file.is_file()]
    if not missing:
        return
    missing.sort(key=lambda job: -job[0].stat().st_size)
    spawn = multiprocessing.get_context("spawn")  # no fork of a process running threads
    with ProcessPoolExecutor(os.cpu_count() or 1, mp_context=spawn) as pool:
        list(pool.map(partial(_pose_into_cache, folder=POSE_CACHE), missing))


@cache
def corpus_run(name: str, settings: Settings = Settings()) -> PoseRun:
    """Real MediaPipe inference on one corpus clip, run once and kept (see the module), posed at the rate `settings`'
    task needs (every frame with the defaults)."""
    if _POSE_ALL["wanted"]:
        _corpus_posed()
    return cached_pose_run(CORPUS / name, settings, POSE_CACHE)


def corpus_poses(name: str) -> tuple[VideoInfo, PoseSequence, PeopleReport, str | None]:
    """(info, raw poses, people, decode error) of one corpus clip posed at every frame."""
    run = corpus_run(name)
    return run.info, run.raw, run.people, run.decode_error


@cache
def corpus_analysis(name: str, settings: Settings) -> Analysis:
    """One corpus clip through the whole pipeline under `settings`, posed at the rate its task needs, as `coach
    analyze` does."""
    return analyze_posed(partial(corpus_run, name), settings)
