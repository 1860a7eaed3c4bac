"""Locate the bundled pose model and check its sha256: never download, fail clearly when it is damaged, and keep the
library that loads it off the network (coach.offline)."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from coach.offline import keep_offline

MODEL_FILE = "pose_landmarker_full.task"
MODEL_SHA256 = "dc4d830b2d4c715a3b72c2aafc0b200048658c312c8d144a4d8a500fe9289204"
_RESTORE = (
    "restore it with `git checkout -- models/{name}` (or reinstall coach); its provenance is in models/MODEL.md. "
    "coach never downloads weights."
)


class ModelError(RuntimeError):
    """The pose model is missing or is not the expected file."""


def candidate_paths() -> list[Path]:
    """Where the model may be: inside the installed package (wheel), then the source checkout's models/."""
    here = Path(__file__).resolve().parent
    return [here / "models" / MODEL_FILE, here.parent / "models" / MODEL_FILE]


@cache
def _verified(path: Path, size: int, mtime_ns: int) -> bool:
    """Hash a model file once per (path, size, mtime): re-checking 9 MB per worker start is cheap, per frame is not."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return digest == MODEL_SHA256


def model_path(path: str | Path | None = None) -> Path:
    """Return the verified model file, or raise ModelError naming the file and how to restore it. Every landmarker
    coach makes loads its model through here, so MediaPipe's uploader is switched off first (keep_offline)."""
    keep_offline()
    paths = [Path(path)] if path else candidate_paths()
    for p in paths:
        if p.is_file():
            st = p.stat()
            if not _verified(p.resolve(), st.st_size, st.st_mtime_ns):
                raise ModelError(
                    f"pose model {p} is corrupt (sha256 differs from {MODEL_SHA256[:12]}...): "
                    + _RESTORE.format(name=MODEL_FILE)
                )
            return p
    raise ModelError(
        f"pose model {MODEL_FILE} not found (looked in {', '.join(str(p) for p in paths)}): "
        + _RESTORE.format(name=MODEL_FILE)
    )
