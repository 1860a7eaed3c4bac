"""The session store: sessions and per-side metrics round-trip, trends and symmetry, delete, default location."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from coach.history import HistoryStore, default_db_path, sides_from_summary, symmetry_rows, trend_rows
from tests.summaries import exercise_part, rep


def _live(left_reps, right_reps, left_rom, right_rom):
    """A live summary: every rep of a side with the same ROM, left scored 80 and right 70."""
    reps = [rep("left", left_rom, 80)] * left_reps + [rep("right", right_rom, 70)] * right_reps
    return {"kind": "live", "exercise": "march", **exercise_part("march", reps)}


def test_sessions_round_trip_and_trends(tmp_path):
    """Two live sessions on two days come back in date order with their per-side numbers and symmetry."""
    store = HistoryStore(tmp_path / "h.sqlite")
    day = datetime(2026, 11, 20, tzinfo=UTC)
    a = store.add("live", "march", _live(10, 10, 80.0, 60.0), duration_s=90, started_at=day + timedelta(days=1))
    b = store.add("live", "march", _live(8, 10, 70.0, 70.0), duration_s=60, started_at=day)
    recs = store.sessions("march")
    assert [r.id for r in recs] == [b, a]
    left, right = recs[1].side("left"), recs[1].side("right")
    assert left is not None and right is not None
    assert left.rom_deg == 80.0 and right.reps == 10
    rows = trend_rows(recs)
    assert len(rows) == 4 and {r["side"] for r in rows} == {"left", "right"}
    sym = {r["session"]: r for r in symmetry_rows(recs)}
    assert sym[a]["rom_si_pct"] == pytest.approx((60 - 80) / 70 * 100)
    assert sym[b]["rom_si_pct"] == pytest.approx(0.0)
    assert sym[b]["reps_si_pct"] == pytest.approx((10 - 8) / 9 * 100)
    assert store.exercises() == ["march"]


def test_reps_of_a_session_counted_too_slowly_give_no_symmetry(tmp_path):
    """A live session whose frames reached coach below MIN_COUNT_FPS a second (a lift can fall between frames) keeps
    its seen-peak range-of-motion symmetry but gives no rep-count symmetry; at the minimum rate it gives both."""
    from coach.live.rates import MIN_COUNT_FPS

    store = HistoryStore(tmp_path / "h.sqlite")
    slow = store.add("live", "march", _live(6, 9, 80.0, 60.0) | {"live": {"fps": MIN_COUNT_FPS - 1}})
    enough = store.add("live", "march", _live(6, 9, 80.0, 60.0) | {"live": {"fps": MIN_COUNT_FPS}})
    sym = {r["session"]: r for r in symmetry_rows(store.sessions("march"))}
    assert sym[slow]["reps_si_pct"] is None and sym[slow]["rom_si_pct"] == pytest.approx((60 - 80) / 70 * 100)
    assert sym[enough]["reps_si_pct"] == pytest.approx((9 - 6) / 7.5 * 100)


def test_delete_removes_the_session_and_its_metrics(tmp_path):
    """Deleting a session leaves the others; deleting it again reports that nothing was there."""
    store = HistoryStore(tmp_path / "h.sqlite")
    keep = store.add("live", "march", _live(1, 1, 50.0, 50.0))
    gone = store.add("live", "lunge", _live(2, 2, 90.0, 85.0))
    assert store.delete(gone) is True
    assert store.delete(gone) is False
    assert [r.id for r in store.sessions()] == [keep]
    assert trend_rows(store.sessions()) == trend_rows(store.sessions("march"))


def test_clip_summary_gives_side_metrics_from_its_per_side_statistics():
    """An exercise summary yields reps, mean ROM and score per side (the analyser's per_side); a side without reps
    has none, and a summary without an exercise no metrics."""
    summary = exercise_part("march", [rep("left", 40.0, 90), rep("left", 50.0, 70)])
    m = {s.side: s for s in sides_from_summary(summary)}
    assert m["left"].reps == 2 and m["left"].rom_deg == 45.0 and m["left"].score == 80
    assert m["right"].reps == 0 and m["right"].rom_deg is None and m["right"].score is None
    assert sides_from_summary({"task": "none"}) == []


def test_default_path_honours_coach_db(monkeypatch, tmp_path):
    """COACH_DB chooses the file; without it the store lives in the user data folder, not the working directory."""
    monkeypatch.setenv("COACH_DB", str(tmp_path / "x.sqlite"))
    assert default_db_path() == tmp_path / "x.sqlite"
    monkeypatch.delenv("COACH_DB")
    p = default_db_path()
    assert p.name == "history.sqlite" and "coach" in p.parts and p.is_absolute()


def test_damaged_busy_or_unwritable_database_raises_history_error(tmp_path, monkeypatch):
    """Every way the database file can fail gives a HistoryError naming the file and what to do, never a bare
    sqlite3 error: not a database, another program writing it, a folder that cannot be created."""
    import sqlite3

    from coach import history
    from coach.history import HistoryError

    text = tmp_path / "notes.sqlite"
    text.write_text("these are my notes, not a database\n" * 200)
    with pytest.raises(HistoryError, match=r"notes\.sqlite is damaged .*move the file aside"):
        HistoryStore(text)
    monkeypatch.setattr(history, "BUSY_TIMEOUT_S", 0.1)
    store = HistoryStore(tmp_path / "h.sqlite")
    other = sqlite3.connect(tmp_path / "h.sqlite")
    other.execute("BEGIN IMMEDIATE")
    other.execute("INSERT INTO sessions (started_at, kind, exercise, summary_json) VALUES ('', 'live', 'x', '{}')")
    try:
        with pytest.raises(HistoryError, match=r"h\.sqlite is busy"):
            store.add("live", "march", _live(1, 1, 50.0, 50.0))
        assert store.sessions() == []  # reading still works while the other program writes
    finally:
        other.rollback()
        other.close()
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(HistoryError, match="cannot be opened or written"):
        HistoryStore(blocker / "sub" / "h.sqlite")


def test_a_session_with_a_leg_hidden_for_long_gives_no_symmetry(tmp_path):
    """A session in which a leg could not be read for HIDDEN_SHARE of the set or more (its lifts may have gone
    unseen) gives neither symmetry index; just under it, both."""
    from coach.exercises.legs_seen import HIDDEN_SHARE

    store = HistoryStore(tmp_path / "h.sqlite")
    hidden = store.add("live", "march", _live(3, 9, 80.0, 60.0) | {"legs_hidden_share": {"left": HIDDEN_SHARE}})
    seen = store.add("live", "march", _live(3, 9, 80.0, 60.0) | {"legs_hidden_share": {"left": HIDDEN_SHARE - 0.01}})
    sym = {r["session"]: r for r in symmetry_rows(store.sessions("march"))}
    assert sym[hidden]["reps_si_pct"] is None and sym[hidden]["rom_si_pct"] is None
    assert sym[seen]["reps_si_pct"] == pytest.approx((9 - 3) / 6 * 100)
    assert sym[seen]["rom_si_pct"] == pytest.approx((60 - 80) / 70 * 100)
