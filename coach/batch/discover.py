"""Find the video files of a folder: by extension, or by the container signature in the first bytes of the file."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

#: File name endings treated as videos whatever their content (a damaged one then gets an error row, not silence).
VIDEO_SUFFIXES = frozenset(
    {
        ".mp4",
        ".m4v",
        ".mov",
        ".avi",
        ".mkv",
        ".webm",
        ".mpg",
        ".mpeg",
        ".3gp",
        ".wmv",
        ".flv",
        ".mts",
        ".m2ts",
        ".ts",
        ".ogv",
    }
)

#: (offset, magic bytes) of media containers, so a clip without a usual ending is still found. Sources: ISO/IEC
#: 14496-12 ('ftyp' box: MP4, MOV, 3GP, M4A), Matroska/WebM EBML header, RIFF (AVI, WAV), MPEG-PS pack header,
#: MPEG-1 sequence header, Ogg page, FLV, ASF (WMV) GUID.
_SIGNATURES: tuple[tuple[int, bytes], ...] = (
    (4, b"ftyp"),
    (0, b"\x1a\x45\xdf\xa3"),
    (0, b"RIFF"),
    (0, b"\x00\x00\x01\xba"),
    (0, b"\x00\x00\x01\xb3"),
    (0, b"OggS"),
    (0, b"FLV\x01"),
    (0, b"\x30\x26\xb2\x75\x8e\x66\xcf\x11"),
)


@dataclass(frozen=True)
class Discovery:
    """The files of a batch, sorted by path, and how many other files were passed over (not media)."""

    files: tuple[Path, ...]
    ignored: int


def looks_like_media(path: Path) -> bool:
    """True when the file starts like a known audio/video container (the name is not looked at)."""
    try:
        with path.open("rb") as f:
            head = f.read(16)
    except OSError:
        return False
    return any(head[off : off + len(magic)] == magic for off, magic in _SIGNATURES)


def _hidden(rel: Path) -> bool:
    """Dot-files and anything inside a dot-folder (staging folders, .DS_Store, .git)."""
    return any(part.startswith(".") for part in rel.parts)


def find_videos(folder: Path, pattern: str = "*", exclude: Iterable[Path] = ()) -> Discovery:
    """Files under `folder` (recursively) whose name matches `pattern` (a glob; with a '/' it is matched from the
    folder's root) and that are videos by ending or by content; folders in `exclude` (e.g. the output) are skipped."""
    root = folder.resolve()
    skip = [p.resolve() for p in exclude]
    matches = root.glob(pattern) if "/" in pattern else root.rglob(pattern)
    files, ignored = [], 0
    for p in matches:
        if not p.is_file() or _hidden(p.relative_to(root)) or any(p.is_relative_to(s) for s in skip):
            continue
        if p.suffix.lower() in VIDEO_SUFFIXES or looks_like_media(p):
            files.append(p)
        else:
            ignored += 1
    return Discovery(tuple(sorted(files)), ignored)


def content_hash(path: Path) -> str:
    """SHA-256 of the file's bytes (hex): the identity of a clip whatever its name or place."""
    with path.open("rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()
