"""Session history: every finished live session and analysed clip, in an embedded SQLite database.

The default file lives in the user's data folder (platformdirs), so nothing leaves the machine; `COACH_DB` or an
explicit path chooses another file. One row per session (its JSON summary kept whole) and one row per side with the
numbers the trend plots need (reps, range of motion, score).
"""

from __future__ import annotations

import json
import math
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from coach.landmarks import SIDES
from coach.live.rates import MIN_COUNT_FPS
from coach.outputs.formats import json_safe
from coach.summary import TaskSummary

_SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    started_at TEXT NOT NULL,
    kind TEXT NOT NULL,
    exercise TEXT NOT NULL,
    source TEXT NOT NULL DEFAULT '',
    duration_s REAL,
    summary_json TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS side_metrics (
    session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    side TEXT NOT NULL,
    reps INTEGER,
    rom_deg REAL,
    score REAL,
    PRIMARY KEY (session_id, side)
);
"""


#: Seconds a write waits for another program writing the same database before coach says it is busy.
BUSY_TIMEOUT_S = 5.0


class HistoryError(RuntimeError):
    """The history database cannot be used (damaged, busy, not writable); the message names the file and what to
    do."""


def _explain(path: Path, e: Exception) -> str:
    """One line saying what is wrong with the database file and what to do."""
    reason = getattr(e, "strerror", None) or str(e)
    if isinstance(e, sqlite3.OperationalError) and "locked" in reason:
        return (
            f"the history database {path} is busy: another program is writing it; try again in a moment, or "
            "close the other coach window"
        )
    if isinstance(e, sqlite3.DatabaseError) and not isinstance(e, sqlite3.OperationalError):
        return (
            f"the history database {path} is damaged ({reason}); move the file aside (coach then starts a new "
            "one) or restore a backup"
        )
    return f"the history database {path} cannot be opened or written ({reason}); check that its folder is writable"


def default_db_path() -> Path:
    """$COACH_DB if set, else history.sqlite in the user data folder (e.g. ~/.local/share/coach on Linux)."""
    env = os.environ.get("COACH_DB")
    if env:
        return Path(env)
    from platformdirs import user_data_dir

    return Path(user_data_dir("coach", appauthor=False)) / "history.sqlite"


@dataclass(frozen=True)
class SideMetrics:
    """One side of one session: reps counted, mean range of motion (deg) and mean score (0-100); None when unknown."""

    side: str
    reps: int | None
    rom_deg: float | None
    score: float | None


@dataclass(frozen=True)
class SessionRecord:
    """A stored session: when it started (UTC, ISO 8601), 'live' or 'clip', exercise (or 'gait'), clip name, duration
    (s), per-side metrics and the whole summary."""

    id: int
    started_at: str
    kind: str
    exercise: str
    source: str
    duration_s: float | None
    sides: tuple[SideMetrics, ...]
    summary: dict

    def side(self, name: str) -> SideMetrics | None:
        """The metrics of one side, if stored."""
        return next((s for s in self.sides if s.side == name), None)

    @property
    def task(self) -> TaskSummary:
        """What the stored summary found (typed), live or from a clip, whichever coach version stored it."""
        return task_of(self.summary)


def task_of(summary: dict) -> TaskSummary:
    """The typed task part of a stored summary; empty when it has none or cannot be read as one."""
    try:
        return TaskSummary.from_dict(summary)
    except (TypeError, ValueError, AttributeError, KeyError):
        return TaskSummary()


def sides_from_summary(summary: dict) -> list[SideMetrics]:
    """Per-side metrics of an exercise summary, live or from a clip: reps counted, and the analyser's own per-side
    mean range of motion (deg) and score (coach.exercises.result.side_stats)."""
    ex = task_of(summary).exercise
    if ex is None:
        return []
    out = []
    for side in SIDES:
        stats = ex.per_side.get(side)
        out.append(
            SideMetrics(side, ex.reps.get(side), stats.rom_mean_deg if stats else None, stats.score if stats else None)
        )
    return out


class HistoryStore:
    """The session database at `path` (created with its folder on first use)."""

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path else default_db_path()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise HistoryError(_explain(self.path, e)) from e
        with self._connect() as db:
            db.executescript(_SCHEMA)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        """A connection with foreign keys on, committed on success and always closed; any database failure becomes a
        HistoryError that says what to do."""
        try:
            db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S)
        except sqlite3.Error as e:
            raise HistoryError(_explain(self.path, e)) from e
        try:
            db.execute("PRAGMA foreign_keys = ON")
            with db:
                yield db
        except sqlite3.Error as e:
            raise HistoryError(_explain(self.path, e)) from e
        finally:
            db.close()

    def add(
        self,
        kind: str,
        exercise: str,
        summary: dict,
        source: str = "",
        duration_s: float | None = None,
        started_at: datetime | None = None,
    ) -> int:
        """Store a finished session; returns its id."""
        when = (started_at or datetime.now(UTC)).isoformat(timespec="seconds")
        with self._connect() as db:
            cur = db.execute(
                "INSERT INTO sessions (started_at, kind, exercise, source, duration_s, summary_json) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (when, kind, exercise, source, duration_s, json.dumps(json_safe(summary))),
            )
            if cur.lastrowid is None:
                raise HistoryError(f"{self.path} did not store the session")
            sid = cur.lastrowid
            db.executemany(
                "INSERT INTO side_metrics (session_id, side, reps, rom_deg, score) VALUES (?, ?, ?, ?, ?)",
                [(sid, m.side, m.reps, m.rom_deg, m.score) for m in sides_from_summary(summary)],
            )
        return sid

    def sessions(self, exercise: str | None = None) -> list[SessionRecord]:
        """Stored sessions, oldest first (optionally of one exercise)."""
        where, args = ("WHERE exercise = ?", (exercise,)) if exercise else ("", ())
        with self._connect() as db:
            rows = db.execute(
                f"SELECT id, started_at, kind, exercise, source, duration_s, summary_json FROM sessions "
                f"{where} ORDER BY started_at, id",
                args,
            ).fetchall()
            metrics = db.execute("SELECT session_id, side, reps, rom_deg, score FROM side_metrics").fetchall()
        by_id: dict[int, list[SideMetrics]] = {}
        for sid, side, reps, rom, score in metrics:
            by_id.setdefault(sid, []).append(SideMetrics(side, reps, rom, score))
        return [
            SessionRecord(r[0], r[1], r[2], r[3], r[4], r[5], tuple(by_id.get(r[0], [])), json.loads(r[6]))
            for r in rows
        ]

    def exercises(self) -> list[str]:
        """The exercises with at least one stored session."""
        with self._connect() as db:
            return [r[0] for r in db.execute("SELECT DISTINCT exercise FROM sessions ORDER BY exercise")]

    def delete(self, session_id: int) -> bool:
        """Delete a session and its metrics; True when it existed."""
        with self._connect() as db:
            return db.execute("DELETE FROM sessions WHERE id = ?", (session_id,)).rowcount > 0


def trend_rows(records: list[SessionRecord]) -> list[dict]:
    """Tidy rows for the trend plots: one per session and side (date, side, reps, rom_deg, score)."""
    return [
        {"session": r.id, "date": r.started_at, "side": m.side, "reps": m.reps, "rom_deg": m.rom_deg, "score": m.score}
        for r in records
        for m in r.sides
    ]


def counted_reliably(summary: dict) -> bool:
    """False for a live session whose frames reached coach too slowly to count (below MIN_COUNT_FPS a second: a
    quick lift can fall between frames), so its reps per side are no measure of a side's difference."""
    fps = (summary.get("live") or {}).get("fps")
    return not isinstance(fps, (int, float)) or fps <= 0 or fps >= MIN_COUNT_FPS


def both_legs_read(summary: dict) -> bool:
    """False for a session in which a leg could not be read for long (coach.exercises.legs_seen.HIDDEN_SHARE of the
    set or more: its reps may have gone unseen), so left and right are not compared."""
    from coach.exercises.legs_seen import HIDDEN_SHARE

    shares = summary.get("legs_hidden_share") or {}
    return all(not isinstance(v, (int, float)) or v < HIDDEN_SHARE for v in shares.values())


def symmetry_rows(records: list[SessionRecord]) -> list[dict]:
    """One row per session with both sides measured: the range-of-motion and rep-count symmetry index
    (Robinson et al. 1987, coach.gait.symmetry.symmetry_index_pct; + = right larger), None when undefined, when a leg
    could not be read for long (both_legs_read) or, for the reps, when they were not counted reliably
    (counted_reliably)."""
    from coach.gait.symmetry import symmetry_index_pct

    def si(left: float | None, right: float | None) -> float | None:
        if left is None or right is None:
            return None
        v = symmetry_index_pct(float(left), float(right))
        return v if math.isfinite(v) else None

    out = []
    for r in records:
        left, right = r.side("left"), r.side("right")
        if left is None or right is None:
            continue
        read = both_legs_read(r.summary)
        out.append(
            {
                "session": r.id,
                "date": r.started_at,
                "rom_si_pct": si(left.rom_deg, right.rom_deg) if read else None,
                "reps_si_pct": si(left.reps, right.reps) if read and counted_reliably(r.summary) else None,
            }
        )
    return out
