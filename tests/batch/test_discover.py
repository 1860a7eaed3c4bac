"""Finding videos: by ending or by content, hidden files and the output folder skipped, --glob patterns."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from batch_clips import SAMPLES

from coach.batch.discover import content_hash, find_videos, looks_like_media

CLIP = SAMPLES / "pose2sim_balance_cam04.mp4"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """clips by ending and by content, notes, hidden files and an output folder inside."""
    shutil.copy(CLIP, tmp_path / "one.MP4")
    (tmp_path / "p1" / "day2").mkdir(parents=True)
    shutil.copy(CLIP, tmp_path / "p1" / "day2" / "recording")  # no ending: found by its 'ftyp' box
    (tmp_path / "p1" / "broken.mov").write_text("not a video")  # video ending: kept, to be reported as an error
    (tmp_path / "p1" / "notes.txt").write_text("notes")
    (tmp_path / "labels.json").write_text("{}")
    (tmp_path / ".hidden.mp4").write_bytes(CLIP.read_bytes())
    (tmp_path / ".coach-stage").mkdir()
    shutil.copy(CLIP, tmp_path / ".coach-stage" / "x.mp4")
    (tmp_path / "results" / "one.MP4").mkdir(parents=True)
    shutil.copy(CLIP, tmp_path / "results" / "one.MP4" / "annotated.mp4")
    return tmp_path


def test_videos_by_ending_or_content(folder):
    found = find_videos(folder, exclude=[folder / "results"])
    rel = [p.relative_to(folder.resolve()).as_posix() for p in found.files]
    assert rel == ["one.MP4", "p1/broken.mov", "p1/day2/recording"]
    assert found.ignored == 2  # notes.txt, labels.json


def test_glob_pattern(folder):
    found = find_videos(folder, "*.mov")
    assert [p.name for p in found.files] == ["broken.mov"]
    rooted = find_videos(folder, "p1/**/*")
    assert sorted(p.name for p in rooted.files) == ["broken.mov", "recording"]


@pytest.mark.parametrize(
    "head, media",
    [
        (b"\x00\x00\x00\x20ftypisom", True),
        (b"\x1a\x45\xdf\xa3\x01", True),
        (b"RIFF\x00\x00\x00\x00AVI ", True),
        (b"OggS\x00", True),
        (b"hello world", False),
        (b"", False),
        (b"\x89PNG\r\n\x1a\n", False),
    ],
)
def test_looks_like_media(tmp_path, head, media):
    p = tmp_path / "f"
    p.write_bytes(head + b"\x00" * 8)
    assert looks_like_media(p) is media


def test_content_hash_is_sha256_of_the_bytes(tmp_path):
    p = tmp_path / "x"
    p.write_bytes(b"abc" * 1000)
    assert content_hash(p) == hashlib.sha256(b"abc" * 1000).hexdigest()
