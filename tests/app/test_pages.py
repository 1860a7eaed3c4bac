"""Page logic with Streamlit's AppTest: every page renders, bad uploads get a plain message, a clip gives results,
the history shows trends and deletes a session."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from coach.app import live_page
from coach.app.history_page import session_labels
from coach.config import default_config
from coach.history import HistoryStore
from tests.summaries import exercise_part, rep

APP = str(Path(__file__).resolve().parents[2] / "app.py")
SAMPLE = "pose2sim_balance_cam04.mp4"  # bundled, 1.7 s: the shortest real clip


@pytest.fixture()
def app(monkeypatch, tmp_path):
    """The app with its history in a temporary database, tmp_path as its one data folder, and the camera component
    left out (AppTest has no WebRTC server; tests/app/test_browser.py drives the real one)."""
    monkeypatch.setenv("COACH_DB", str(tmp_path / "history.sqlite"))
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    monkeypatch.setattr(live_page, "camera", lambda session: None)

    opened: list[AppTest] = []

    def open_page(name: str) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=120)
        at.run()
        at.sidebar.radio(key="page").set_value(name).run()
        assert not at.exception, [e.value for e in at.exception]
        opened.append(at)
        return at

    yield open_page
    for at in opened:  # stop the live sessions' worker threads
        if "live_session" in at.session_state:
            at.session_state["live_session"].close()


def _texts(at: AppTest) -> str:
    return "\n".join(
        [m.value for m in at.markdown]
        + [c.value for c in at.caption]
        + [w.value for w in at.warning]
        + [i.value for i in at.info]
        + [e.value for e in at.error]
        + [s.value for s in at.success]
    )


@pytest.mark.parametrize("page", ["Live coaching", "Review a clip", "Batch", "History"])
def test_every_page_renders_with_the_disclaimer(app, page):
    """Each page renders without an exception and shows that coach does not diagnose and video stays local."""
    at = app(page)
    assert at.header[0].value == page
    text = _texts(at)
    assert "does not diagnose" in text and "never leaves the machine" in text


def test_live_page_waits_for_the_camera_and_shows_counters(app):
    """Before any frame: the set-up check waits, both counters read 0 of the target."""
    at = app("Live coaching")
    at.number_input(key="live_target").set_value(7).run()
    text = _texts(at)
    assert "Waiting for the camera" in text
    for side in ("left", "right"):
        assert re.search(rf"data-testid='reps-{side}'[^>]*white-space:nowrap[^>]*>0<span[^>]*> / 7</span>", text)


@pytest.mark.parametrize(
    "name, content, expect",
    [
        ("notes.txt", b"hello", "are not accepted"),
        ("broken.mp4", b"this is not a video at all", "not a video file coach can read"),
        ("empty.mp4", b"", "empty"),
    ],
)
def test_bad_upload_gets_a_plain_message(app, name, content, expect):
    """A wrong type, a text file named .mp4 and an empty file each get a message, never a traceback."""
    at = app("Review a clip")
    at.file_uploader(key="review_upload").upload(name, content, "video/mp4").run()
    if any(b.key == "review_go" for b in at.button):  # the type check refuses before any button appears
        at.button(key="review_go").click().run()
    assert not at.exception
    errors = " ".join(e.value for e in at.error)
    assert expect in errors, errors
    assert "coach-upload-" not in errors and "Error" not in errors  # the user's file, no server folder or class


def test_sample_clip_shows_results_and_downloads(app):
    """Analysing a bundled sample shows the findings, the annotated video, a plot and a download for every output
    (the report's files included)."""
    at = app("Review a clip")
    assert at.selectbox(key="review_task").value == "auto"
    at.text_input(key="review_patient").set_value("P-017").run()
    at.selectbox(key="review_side").set_value("left").run()
    at.radio(key="review_source").set_value("Bundled sample").run()
    at.selectbox(key="review_sample").set_value(SAMPLE).run()
    at.button(key="review_go_sample").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    assert at.session_state["review_result"].summary.patient == {"patient": "P-017", "affected_side": "left"}
    assert any(SAMPLE in s.value for s in at.subheader)
    text = "\n".join(m.value for m in at.markdown)
    assert "50 frames (1 in 2 of the clip's) analysed" in text  # auto poses the 60 fps sample at 30 a second
    labels = {b.proto.label for b in at.get("download_button")}
    assert {"summary.json", "frames.csv", "report.html", "annotated.mp4"} <= labels
    assert len(at.get("plotly_chart")) >= 1
    assert len(at.get("video")) == 1


def test_history_shows_trends_and_deletes(app, tmp_path):
    """Stored sessions appear as trend plots and a table; deleting one removes it from the database."""
    store = HistoryStore(tmp_path / "history.sqlite")
    day = datetime(2026, 11, 1, tzinfo=UTC)
    ids = [
        store.add(
            "live",
            "march",
            {"exercise": "march", **exercise_part("march", [rep("left", 70.0 + i, 80), rep("right", 60.0, 75)])},
            started_at=day + timedelta(days=i),
        )
        for i in range(3)
    ]
    at = app("History")
    charts = at.get("plotly_chart")
    assert len(charts) == 4  # reps, ROM, score, symmetry
    assert all('"ticktext":["01 Nov","02 Nov","03 Nov"]' in c.proto.spec for c in charts)  # dates, not times
    assert list(at.dataframe[-1].value["score"]) == ["78", "78", "78"]
    labels = at.selectbox(key="history_delete_id").options
    assert labels == list(session_labels(store.sessions()).values()) and "Standing march · live" in labels[1]
    at.selectbox(key="history_delete_id").set_value(ids[1]).run()
    at.button(key="history_delete").click().run()
    assert not at.exception
    assert [r.id for r in store.sessions()] == [ids[0], ids[2]]


def test_history_opens_on_the_latest_exercise_and_shows_gait_trends(app, tmp_path, monkeypatch):
    """Marches, then a walk stored last: the page opens on walking (the latest session), plots cadence with each
    session's verdict, and the table shows cadence, verdict and the date in this computer's time zone."""
    import time

    store = HistoryStore(tmp_path / "history.sqlite")
    day = datetime(2026, 11, 1, 23, 30, tzinfo=UTC)
    store.add("live", "march", {"reps": {"left": 1, "right": 1}, "rep_list": []}, started_at=day - timedelta(days=2))
    for i, (cadence, verdict) in enumerate(((98.0, "mildly asymmetric"), (104.0, "symmetric"))):
        store.add(
            "clip",
            "gait",
            {"task": "auto", "gait": {"cadence_steps_per_min": cadence, "verdict": verdict}},
            source=f"walk{i}.mp4",
            started_at=day + timedelta(days=i),
        )
    monkeypatch.setenv("TZ", "Asia/Tokyo")  # UTC+9, no daylight saving
    time.tzset()
    try:
        at = app("History")
    finally:
        monkeypatch.undo()
        time.tzset()
    assert at.selectbox(key="history_exercise").value == "gait"
    charts = at.get("plotly_chart")
    assert len(charts) == 1 and "cadence" in charts[0].proto.spec and "symmetric" in charts[0].proto.spec
    table = at.dataframe[-1].value
    assert list(table["cadence (steps/min)"]) == ["98", "104"]
    assert list(table["gait verdict"]) == ["mildly asymmetric", "symmetric"]
    assert list(table["date"]) == ["2026-11-02 08:30", "2026-11-03 08:30"]  # 23:30 UTC is 08:30 next day in Tokyo


def test_batch_page_scores_a_folder_with_a_status_per_file(app, tmp_path):
    """A folder with a real clip and a broken one: the table says ok for one and error (with its message) for the
    other, links the analysed clip to its results (the broken one to none), and offers the table for download. The
    link opens the Review page on that clip's saved results: findings, plots, tables, and its report as HTML and PDF
    (built from the batch's results, which hold no report)."""
    import shutil

    folder = tmp_path / "clips"
    folder.mkdir()
    shutil.copy(Path(APP).parent / "sample_videos" / SAMPLE, folder / SAMPLE)
    (folder / "broken.mp4").write_bytes(b"not a video")
    at = app("Batch")
    at.text_input(key="batch_folder").set_value(str(folder)).run()
    at.text_input(key="batch_outdir").set_value(str(tmp_path / "out")).run()
    at.button(key="batch_go").click().run()
    assert not at.exception, [e.value for e in at.exception]
    df = at.dataframe[-1].value
    assert list(df.columns[:7]) == ["results", "clip", "status", "what it shows", "reps left", "reps right", "score"]
    status = dict(zip(df["clip"], df["status"]))
    assert status == {SAMPLE: "ok", "broken.mp4": "error"}
    assert "auto" not in set(df["what it shows"])  # what automatic recognition found, in words
    errors = [e.value for e in at.error]
    assert len(errors) == 1 and errors[0].startswith("broken.mp4: ") and "not a video file" in errors[0]
    assert "Download the table (CSV)" in {b.proto.label for b in at.get("download_button")}
    assert (tmp_path / "out" / "results.csv").is_file()
    links = dict(zip(df["clip"], df["results"]))
    assert links["broken.mp4"] == "" and links[SAMPLE].startswith("?")
    opened = _linked(links[SAMPLE])
    assert opened.sidebar.radio(key="page").value == "Review a clip"
    assert [h.value for h in opened.subheader] == [f"Results: {SAMPLE}"]
    assert "1.7 s of video" in _texts(opened) and "does not diagnose" in _texts(opened), _texts(opened)
    assert f"Saved results, read from {tmp_path / 'out' / SAMPLE}." in _texts(opened)
    assert "No annotated video was saved with these results" in _texts(opened)  # said, not silently missing
    files = {b.proto.label for b in opened.get("download_button")}
    assert {"summary.json", "frames.csv", "report.html", "report.pdf"} <= files, files
    assert opened.dataframe, "the clip's tables"


def _linked(link: str) -> AppTest:
    """The app opened in a new tab at a link of its own (`?name=value`, as the Batch table's links are)."""
    from urllib.parse import parse_qsl

    at = AppTest.from_file(APP, default_timeout=120)
    for name, value in parse_qsl(link.removeprefix("?")):
        at.query_params[name] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.mark.parametrize("where", ["outside", "no results"])
def test_a_link_to_results_that_cannot_be_opened_says_why(app, tmp_path, where):
    """A results link to a folder outside the data folders is refused, and one to a folder without saved results
    says so, each in one plain message on the Review page (nothing else is read)."""
    from coach.app.folders import results_link

    app("Review a clip")  # the environment of the app fixture: tmp_path is the one data folder
    folder = Path("/etc") if where == "outside" else tmp_path / "empty"
    if where != "outside":
        folder.mkdir()
    at = _linked(results_link(folder))
    errors = [e.value for e in at.error]
    expect = "must be inside the data folders" if where == "outside" else "no summary.json"
    assert len(errors) == 1 and expect in errors[0], errors
    assert not at.subheader, "no results shown"


def test_live_finish_saves_the_session_to_the_history(app, tmp_path):
    """Finish before any frame saves nothing; after frames (here blank ones: nobody in view) the summary is shown
    and stored in the history; the camera is then off and nothing counts until a new session is started."""
    import time

    import numpy as np

    at = app("Live coaching")
    at.button(key="live_finish").click().run()
    assert any("Nothing to save yet" in i.value for i in at.info)
    session = at.session_state["live_session"]
    deadline = time.monotonic() + 60
    while session.snapshot().stats.processed < 3 and time.monotonic() < deadline:
        session.on_frame(np.zeros((240, 320, 3), np.uint8))
        time.sleep(0.05)
    at.run()
    assert "No one in view" in _texts(at)
    at.button(key="live_finish").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any(s.value == "Session summary" for s in at.subheader)
    records = HistoryStore(tmp_path / "history.sqlite").sessions()
    assert len(records) == 1 and records[0].kind == "live" and records[0].exercise == "march"
    assert records[0].summary["reps"] == {"left": 0, "right": 0}
    # after Finish: camera off, no session running, no second Finish that could save a fragment
    assert "live_session" not in at.session_state
    assert "The camera is off." in _texts(at)
    assert not [b for b in at.button if b.key == "live_finish"]
    at.run()
    assert "live_session" not in at.session_state and len(HistoryStore(tmp_path / "history.sqlite").sessions()) == 1
    at.button(key="live_new").click().run()
    assert at.session_state["live_session"] is not session and "live_last_summary" not in at.session_state


@pytest.mark.parametrize("index_first", [True, False])
def test_review_upload_of_a_cut_off_clip_says_so(app, tmp_path, index_first):
    """A clip cut off at 40% while copying: with its index first the part that decodes is analysed and the page
    warns that the file ends early; with its index last the page says the file is incomplete. Never silent."""
    from make_clips import remux, truncate

    whole = remux(Path(APP).parent / "sample_videos" / SAMPLE, tmp_path / "whole.mp4", index_first)
    cut = truncate(whole, tmp_path / "cut.mp4", 0.4)
    at = app("Review a clip")
    at.file_uploader(key="review_upload").upload("cut.mp4", cut.read_bytes(), "video/mp4").run()
    at.button(key="review_go").click().run()
    assert not at.exception, [e.value for e in at.exception]
    if index_first:
        assert not at.error, [e.value for e in at.error]
        assert any(w.value.startswith("the file ends early: ") and " of 50 frames (" in w.value for w in at.warning), [
            w.value for w in at.warning
        ]
    else:
        assert any("the file is incomplete (cut off while copying?)" in e.value for e in at.error), [
            e.value for e in at.error
        ]


@pytest.mark.parametrize(
    "field, typed",
    [("batch_folder", "/etc"), ("batch_folder", "../../.."), ("batch_outdir", "/tmp/coach-probe-elsewhere")],
)
def test_batch_page_refuses_paths_outside_the_data_folders(app, tmp_path, field, typed):
    """A clip folder or results folder typed outside the data folder is refused with a message: nothing is listed,
    read or created there."""
    (tmp_path / "clips").mkdir()
    at = app("Batch")
    at.text_input(key="batch_folder").set_value(str(tmp_path / "clips")).run()
    at.text_input(key=field).set_value(typed).run()
    at.button(key="batch_go").click().run()
    assert not at.exception, [e.value for e in at.exception]
    errors = " ".join(e.value for e in at.error)
    assert "must be inside the data folders" in errors and str(tmp_path) in errors, errors
    assert "passed over" not in _texts(at)
    assert not Path("/tmp/coach-probe-elsewhere").exists()
    assert not (tmp_path / "batch-results").exists()


def test_history_page_refuses_a_database_outside_the_data_folders(app, tmp_path):
    """A database path typed outside the data folder is refused and no file is created there; one inside is used."""
    outside = Path("/tmp/coach-probe-history.sqlite")
    at = app("History")
    at.text_input(key="history_db").set_value(str(outside)).run()
    assert not at.exception
    assert any("must be inside the data folders" in e.value for e in at.error)
    assert not outside.exists()
    at.text_input(key="history_db").set_value("other.sqlite").run()
    assert not at.exception and not at.error
    assert (tmp_path / "other.sqlite").is_file()


@pytest.fixture()
def damaged_db(tmp_path) -> Path:
    """The app's history database with real sessions, then every page overwritten past the file header (the
    schema page included, so every use of it meets the damage)."""
    path = tmp_path / "history.sqlite"
    store = HistoryStore(path)
    for _ in range(50):
        store.add(
            "live",
            "march",
            {"reps": {"left": 1, "right": 1}, "rep_list": [{"side": "left", "rom_deg": 70.0, "score": 80}] * 20},
        )
    data = bytearray(path.read_bytes())
    for page in range(0, len(data), 4096):
        data[page + 100 : page + 512] = b"\xff" * 412
    path.write_bytes(bytes(data))
    return path


def test_damaged_history_gets_a_message_on_the_history_page(app, damaged_db):
    at = app("History")
    assert not at.exception, [e.value for e in at.exception]
    assert any("is damaged" in e.value and "move the file aside" in e.value for e in at.error)


def test_review_shows_the_result_when_the_history_is_damaged(app, damaged_db):
    """The analysis is shown in full; a warning says it was not saved to the history."""
    at = app("Review a clip")
    at.selectbox(key="review_task").set_value("march").run()
    at.radio(key="review_source").set_value("Bundled sample").run()
    at.selectbox(key="review_sample").set_value(SAMPLE).run()
    at.button(key="review_go_sample").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any(SAMPLE in s.value for s in at.subheader), _texts(at)
    assert any("not saved to the history" in w.value and "is damaged" in w.value for w in at.warning), _texts(at)


@contextmanager
def another_writer(path: Path) -> Iterator[None]:
    """Another program in the middle of writing the database: reading it works, writing it waits."""
    import sqlite3

    other = sqlite3.connect(path)
    other.execute("BEGIN IMMEDIATE")
    other.execute("INSERT INTO sessions (started_at, kind, exercise, summary_json) VALUES ('', 'live', 'x', '{}')")
    try:
        yield
    finally:
        other.rollback()
        other.close()


def test_live_finish_shows_the_summary_when_the_history_is_busy(app, tmp_path, monkeypatch):
    """Another program holds the database: the session summary is still shown, with a warning, never a traceback."""
    import time

    import numpy as np

    from coach import history

    HistoryStore(tmp_path / "history.sqlite")
    monkeypatch.setattr(history, "BUSY_TIMEOUT_S", 0.1)
    at = app("Live coaching")
    session = at.session_state["live_session"]
    deadline = time.monotonic() + 60
    while session.snapshot().stats.processed < 3 and time.monotonic() < deadline:
        session.on_frame(np.zeros((240, 320, 3), np.uint8))
        time.sleep(0.05)
    with another_writer(tmp_path / "history.sqlite"):
        at.button(key="live_finish").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any(s.value == "Session summary" for s in at.subheader)
    assert any("not saved to the history" in w.value and "is busy" in w.value for w in at.warning)


def test_delete_says_so_after_the_page_is_redrawn(app, tmp_path):
    """Deleting a session reruns the page without it; the confirmation is shown on the redrawn page (a message
    written before the rerun would be wiped by it)."""
    store = HistoryStore(tmp_path / "history.sqlite")
    keep = store.add("live", "march", {"reps": {"left": 1, "right": 1}})
    sid = store.add("live", "march", {"reps": {"left": 2, "right": 2}})
    label = session_labels(store.sessions())[sid]
    at = app("History")
    at.selectbox(key="history_delete_id").set_value(sid).run()
    at.button(key="history_delete").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert [s.value for s in at.success] == [f"Session {label} deleted."]
    assert [r.id for r in store.sessions()] == [keep]
    at.run()  # said once: the next redraw does not repeat it
    assert not at.success


def test_delete_with_a_busy_history_says_so(app, tmp_path, monkeypatch):
    """Delete while another program writes the database: a message, and the session is still there afterwards."""
    from coach import history

    store = HistoryStore(tmp_path / "history.sqlite")
    sid = store.add("live", "march", {"reps": {"left": 1, "right": 1}})
    monkeypatch.setattr(history, "BUSY_TIMEOUT_S", 0.1)
    at = app("History")
    with another_writer(tmp_path / "history.sqlite"):
        at.button(key="history_delete").click().run()
    assert not at.exception, [e.value for e in at.exception]
    label = session_labels(store.sessions())[sid]
    assert any(f"Session {label} was not deleted" in e.value and "is busy" in e.value for e in at.error)
    assert [r.id for r in store.sessions()] == [sid]


def test_batch_page_lists_an_unreadable_file_as_an_error(tmp_path):
    """A clip without read permission in the folder: the page runs the batch and its table says error for that file
    (cannot be read), ok for the other; no exception. The page runs in a child process that cannot override file
    permissions (tests/unreadable.py), driven by AppTest as above."""
    import json
    import os
    import shutil
    import subprocess
    import sys

    from unreadable import without_read_override

    folder = tmp_path / "clips"
    folder.mkdir()
    for name in ("good.mp4", "locked.mp4"):
        shutil.copy(Path(APP).parent / "sample_videos" / SAMPLE, folder / name)
    (folder / "locked.mp4").chmod(0)
    script = (
        "import json\n"
        "from streamlit.testing.v1 import AppTest\n"
        "from coach.app import live_page\n"
        "live_page.camera = lambda session: None\n"
        f"at = AppTest.from_file({APP!r}, default_timeout=300)\n"
        "at.run()\n"
        "at.sidebar.radio(key='page').set_value('Batch').run()\n"
        f"at.text_input(key='batch_folder').set_value({str(folder)!r}).run()\n"
        "at.button(key='batch_go').click().run()\n"
        "rows = at.dataframe[-1].value.to_dict('records') if at.dataframe else []\n"
        "print(json.dumps({'exception': [e.value for e in at.exception], 'error': [e.value for e in at.error],\n"
        "                  'rows': [{'file': r['clip'], 'status': r['status']} for r in rows]}))\n"
        "at.session_state['live_session'].close() if 'live_session' in at.session_state else None\n"
    )
    env = dict(os.environ, COACH_DATA_DIR=str(tmp_path), COACH_DB=str(tmp_path / "history.sqlite"))
    r = subprocess.run(
        [*without_read_override(), sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=600
    )
    assert r.returncode == 0, r.stderr[-3000:]
    page = json.loads(r.stdout.strip().splitlines()[-1])
    assert page["exception"] == [], page
    rows = {row["file"]: row for row in page["rows"]}
    assert rows["good.mp4"]["status"] == "ok" and rows["locked.mp4"]["status"] == "error"
    assert [e for e in page["error"] if e.startswith("locked.mp4: ")] and "cannot be read" in page["error"][0], page


def test_history_follows_an_assessment_over_sessions(app, tmp_path):
    """Stored Timed Up and Go sessions appear as one trend of the total time (the test has no per-side reps)."""
    store = HistoryStore(tmp_path / "history.sqlite")
    day = datetime(2026, 11, 1, tzinfo=UTC)
    for i, total in enumerate((14.1, 13.2, 12.0)):
        store.add(
            "clip",
            "tug",
            {"task": "tug", "assessment": {"test": "tug", "total_s": total}},
            started_at=day + timedelta(days=7 * i),
        )
    at = app("History")
    charts = at.get("plotly_chart")
    assert len(charts) == 1 and "Timed Up and Go" in charts[0].proto.spec
    assert not at.exception


@pytest.mark.parametrize(
    "test, advice",
    [
        ("chair-stand", "the 30 s run from your first rise"),
        ("hip-flexor-stretch", "back knee down"),
        ("hip-abduction", "lift the leg out to the side"),
    ],
)
def test_live_page_offers_the_assessments(app, test, advice):
    """The live page offers each assessment with its camera advice; the timed ones show their timer, not leg
    counters."""
    at = app("Live coaching")
    at.selectbox(key="live_exercise").set_value(test).run()
    assert not at.exception, [e.value for e in at.exception]
    text = _texts(at)
    assert advice in text
    assert ("assessment-timer" in text) == (test != "hip-abduction")
    assert ("reps-left" in text) == (test == "hip-abduction")


def test_review_with_a_settings_file_from_the_data_folder(app, tmp_path):
    """A settings file refused (unknown key) blocks the analysis with its one-line message; a good one inside the
    data folder is used and recorded in the summary; one outside the data folder is refused."""
    (tmp_path / "bad.toml").write_text("[exercise.march.target]\nlowest = 80.0\n")
    (tmp_path / "good.toml").write_text("[exercise.march.target]\nlow = 80.0\n")
    at = app("Review a clip")
    at.radio(key="review_rules").set_value("A settings file in the data folders").run()
    at.radio(key="review_source").set_value("Bundled sample").run()
    at.text_input(key="review_rules_path").set_value("bad.toml").run()
    errors = [e.value for e in at.error]
    assert len(errors) == 1 and "unknown key 'exercise.march.target.lowest'" in errors[0], errors
    assert "\n" not in errors[0] and at.button(key="review_go_sample").disabled
    at.text_input(key="review_rules_path").set_value("/etc/passwd").run()
    assert any("must be inside the data folders" in e.value for e in at.error)
    at.text_input(key="review_rules_path").set_value("good.toml").run()
    assert not at.error and "exercise.march.target.low = 80.0" in _texts(at)
    at.button(key="review_go_sample").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    config = at.session_state["review_result"].summary.config
    assert config["file"] == str(tmp_path / "good.toml") and config["changed"] == {"exercise.march.target.low": 80.0}


def test_live_with_a_settings_file_from_the_data_folder(app, tmp_path):
    """The live page takes the Review page's clinical rules input: a refused file (a unit other than coach's) shows
    its one-line message and no session runs; a good one starts a session with those rules (a new one when the
    rules change), and the session's saved summary records them."""
    import time

    import numpy as np

    (tmp_path / "bad.toml").write_text('[exercise.march.rules.lean_back]\nunit = "rad"\n')
    (tmp_path / "good.toml").write_text("[exercise.march.rules.lean_back]\nlimit = -20.0\n")
    at = app("Live coaching")
    assert at.session_state["live_session"].config.rules == default_config()
    at.radio(key="live_rules").set_value("A settings file in the data folders").run()
    at.text_input(key="live_rules_path").set_value("bad.toml").run()
    errors = [e.value for e in at.error]
    assert len(errors) == 1 and "exercise.march.rules.lean_back.unit is 'rad'" in errors[0], errors
    assert "\n" not in errors[0] and "live_session" not in at.session_state
    assert not [b for b in at.button if b.key == "live_finish"]
    at.text_input(key="live_rules_path").set_value("good.toml").run()
    assert not at.error and "exercise.march.rules.lean_back.limit = -20.0" in _texts(at)
    session = at.session_state["live_session"]
    assert session.config.rules.changed == (("exercise.march.rules.lean_back.limit", -20.0),)
    assert session.config.rules.file == str(tmp_path / "good.toml")
    at.run()
    assert at.session_state["live_session"] is session  # the same rules: the same session, its model kept
    deadline = time.monotonic() + 60
    while session.snapshot().stats.processed < 3 and time.monotonic() < deadline:
        session.on_frame(np.zeros((240, 320, 3), np.uint8))
        time.sleep(0.05)
    at.button(key="live_finish").click().run()
    assert not at.exception, [e.value for e in at.exception]
    saved = HistoryStore(tmp_path / "history.sqlite").sessions()[0].summary["config"]
    assert saved["file"] == str(tmp_path / "good.toml")
    assert saved["changed"] == {"exercise.march.rules.lean_back.limit": -20.0}


def test_batch_page_refuses_a_bad_settings_file_before_running(app, tmp_path):
    """A settings file in other units is refused with its message and the batch cannot start."""
    (tmp_path / "clips").mkdir()
    (tmp_path / "rules.toml").write_text('[exercise.lunge.target]\nunit = "rad"\n')
    at = app("Batch")
    at.radio(key="batch_rules").set_value("A settings file in the data folders").run()
    at.text_input(key="batch_rules_path").set_value("rules.toml").run()
    at.text_input(key="batch_folder").set_value(str(tmp_path / "clips")).run()
    assert any("exercise.lunge.target.unit is 'rad'" in e.value for e in at.error), [e.value for e in at.error]
    assert at.button(key="batch_go").disabled and not (tmp_path / "batch-results").exists()
