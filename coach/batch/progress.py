"""Progress inside the files a batch is analysing: a worker writes the frames done of its current file to a small
JSON file in the output folder's hidden `.batch-progress/` (at most every PROGRESS_EVERY_S, replaced atomically, and
removed when the file is finished), so the Batch page can move while a long clip is analysed."""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable
from pathlib import Path

PROGRESS_DIR = ".batch-progress"  # not .coach-*: those are staging folders, removed when stale
#: Seconds between two writes of one file's progress: the bar moves smoothly and the disk is barely touched.
PROGRESS_EVERY_S = 1.0


def progress_path(out_dir: Path, rel: str) -> Path:
    """Where the progress of file `rel` of a batch into `out_dir` is written."""
    return out_dir / PROGRESS_DIR / (hashlib.sha1(rel.encode("utf-8")).hexdigest() + ".json")


class ProgressWriter:
    """analyze_video's progress callback writing (done, total) frames to `path`, at most every PROGRESS_EVERY_S of
    `clock`; clear() removes the file. Never raises: progress is a nicety, the analysis goes on without it."""

    def __init__(self, path: str | Path, clock: Callable[[], float] = time.monotonic) -> None:
        self.path = Path(path)
        self.clock = clock
        self._last = -float("inf")

    def __call__(self, done: int, total: int) -> None:
        now = self.clock()
        if now - self._last < PROGRESS_EVERY_S:
            return
        self._last = now
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(json.dumps({"done": done, "total": max(total, done)}))
            os.replace(tmp, self.path)
        except OSError:
            pass

    def clear(self) -> None:
        """Remove the progress file (the file is finished)."""
        try:
            self.path.unlink(missing_ok=True)
        except OSError:
            pass


def running(out_dir: Path) -> list[float]:
    """The fraction done (0-1) of each file being analysed now in a batch into `out_dir`."""
    out = []
    for p in sorted((out_dir / PROGRESS_DIR).glob("*.json")):
        try:
            d = json.loads(p.read_text())
            out.append(min(1.0, int(d["done"]) / max(int(d["total"]), 1)))
        except (OSError, ValueError, KeyError, TypeError):
            continue
    return out


def clear_progress(out_dir: Path) -> None:
    """Remove progress files left by a batch that was killed (a running worker writes its own again within
    PROGRESS_EVERY_S)."""
    for p in (out_dir / PROGRESS_DIR).glob("*.json"):
        try:
            p.unlink(missing_ok=True)
        except OSError:
            pass
