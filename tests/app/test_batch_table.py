"""The Batch page's error lines: each failed file's message as a clinician reads it."""

from __future__ import annotations

from coach.app.batch_table import errors


def test_error_lines_name_the_file_once_and_no_exception_class():
    """A damaged file's message (as coach.video words it, naming the file and quoting the library's exception class)
    and a message that does not name the file: each line names its file once, with no class name; ok rows give none."""
    rows = [
        {
            "file": "clinic/broken.mp4",
            "status": "error",
            "error": "clinic/broken.mp4: not a video file coach can read (InvalidDataError); use an MP4, MOV, AVI, "
            "MKV or WebM video",
        },
        {"file": "full.mp4", "status": "error", "error": "could not read the file or write its results: disk full"},
        {"file": "good.mp4", "status": "ok", "error": ""},
    ]
    assert errors(rows) == [
        "clinic/broken.mp4: not a video file coach can read; use an MP4, MOV, AVI, MKV or WebM video",
        "full.mp4: could not read the file or write its results: disk full",
    ]
