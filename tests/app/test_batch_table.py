"""The Batch page's table and error lines as a clinician reads them."""

from __future__ import annotations

from coach.app.batch_table import errors, page_table


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


def test_no_reps_shown_where_nothing_was_counted():
    """A clip in which automatic recognition found nothing (exercise 'none', stored with 0 reps) shows no reps, as the
    Review page shows no counter; a counted march shows its reps, 0 included."""
    rows = [
        {"file": "balance.mp4", "status": "ok", "exercise": "none", "reps_left": 0, "reps_right": 0},
        {"file": "march.mp4", "status": "ok", "exercise": "march", "reps_left": 6, "reps_right": 0},
    ]
    table = page_table(rows)
    assert list(table["what it shows"]) == ["Joint angles only", "Standing march"]
    assert list(table["reps left"]) == ["", "6"] and list(table["reps right"]) == ["", "0"]
