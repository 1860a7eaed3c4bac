"""What a review report is made from, gathered once: from a fresh Analysis or from a saved results folder.

`ReportData` is the one input of the annotated video, the plots, the tables, the HTML/PDF report and the OpenSim
exports, so a report rebuilt from a folder (`coach report DIR`) shows exactly what the analysis wrote. The summary is
the typed ClipSummary (coach.summary); reps are its `rep_list` (RepSummary) and gait events come from the gait
analyser's GaitEvents (or, rebuilt from a folder, its `events.csv`: t_s, side, kind); both may be absent (task
'none', or an analyser that found nothing) and every consumer copes with that.
"""

from __future__ import annotations

import csv
import json
import math
import zipfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TypeGuard

import numpy as np

from coach.landmarks import SIDES
from coach.signals.clean import clean_sequence
from coach.summary import ClipSummary, RepSummary
from coach.types import AngleSeries, PoseSequence

#: Tables a results folder may hold beside frames.csv (written by the exercise and gait analysers).
TASK_TABLES = ("reps.csv", "strides.csv", "events.csv")
HEEL_STRIKE, TOE_OFF = "heel_strike", "toe_off"
#: Event kind codes of coach.gait (HS/TO) and their names here.
KIND_CODES = {"HS": HEEL_STRIKE, "TO": TOE_OFF}


@dataclass(frozen=True)
class Event:
    """One gait event: time (s), side ('left'/'right'), kind ('heel_strike' or 'toe_off')."""

    t_s: float
    side: str
    kind: str


@dataclass(frozen=True)
class Span:
    """A rep or stride of one side between start_s and end_s (s), with its 1-based number on that side; for a stride,
    labels_agree False when the pose model swapped the legs in it (its leg angles are unsafe) and leg_view as the
    gait analyser saw the leg ('near' or 'far' in a side view, where the far leg is half hidden; '' when unknown)."""

    side: str
    start_s: float
    end_s: float
    number: int
    labels_agree: bool = True
    leg_view: str = ""

    @property
    def label(self) -> str:
        """Its short name: 'L3' = the third of the left side."""
        return f"{self.side[0].upper()}{self.number}"


@dataclass(frozen=True)
class ReportData:
    """summary (the typed summary.json), angles, cleaned poses and raw poses (None when landmarks are not saved),
    the task tables by file name as rows of dicts (numbers as floats where they parse) and the gait events."""

    summary: ClipSummary
    angles: AngleSeries
    poses: PoseSequence | None = None
    raw: PoseSequence | None = None
    tables: dict[str, list[dict]] = field(default_factory=dict)
    gait_events: tuple[Event, ...] = ()

    @property
    def drawn(self) -> PoseSequence | None:
        """The landmarks the video and stills are drawn from: the cleaned poses, else the raw ones (None without)."""
        return self.poses if self.poses is not None else self.raw

    @property
    def clip_name(self) -> str:
        """The clip's file name (no folders: the report names no patient)."""
        return Path(self.summary.video.source).name

    @property
    def task(self) -> str:
        """The task analysed ('none', an exercise name or 'gait', also when automatic recognition found it)."""
        ex, gait = self.summary.exercise, self.summary.gait
        return (ex.exercise if ex else "") or ("gait" if gait else "") or self.summary.task or "none"

    def reps(self) -> list[RepSummary]:
        """The exercise reps with a side and finite start and end (rep_list)."""
        ex = self.summary.exercise
        return [r for r in (ex.rep_list if ex else ()) if r.side in SIDES and _finite(r.start_s) and _finite(r.end_s)]

    def events(self) -> list[Event]:
        """Gait events in time order, empty when there are none."""
        return sorted(self.gait_events, key=lambda e: e.t_s)

    def rep_spans(self) -> list[Span]:
        """Each rep as a span, numbered per side."""
        return _numbered([Span(r.side, or_nan(r.start_s), or_nan(r.end_s), 0) for r in self.reps()])

    def stride_spans(self) -> list[Span]:
        """Strides: from one heel strike to the next of the same foot (Zeni et al. 2008 events), numbered per side.

        Where the gait analyser wrote strides.csv, only its accepted rows (hs_s to next_hs_s) are strides, none when it
        accepted none (it rejects strides that cross gaps or turns or whose events are out of gait order, which
        consecutive events alone cannot know), each with its labels_agree (read back from the CSV as text)."""
        rows = [
            (r.get("side"), r.get("start_s", r.get("hs_s")), r.get("end_s", r.get("next_hs_s")), r)
            for r in self.tables.get("strides.csv", [])
            if r.get("status", "ok") == "ok"
        ]
        spans = [
            Span(side, float(a), float(b), 0, str(r.get("labels_agree")) != "False", str(r.get("leg_view") or ""))
            for side, a, b, r in rows
            if side in SIDES and _finite(a) and _finite(b)
        ]
        if spans or "strides.csv" in self.tables:
            return _numbered(spans)
        for side in SIDES:
            hs = [e.t_s for e in self.events() if e.side == side and e.kind == HEEL_STRIKE]
            spans += [Span(side, a, b, 0) for a, b in zip(hs, hs[1:])]
        return _numbered(spans)

    @classmethod
    def from_analysis(cls, a) -> ReportData:
        """From a coach.analysis.Analysis: its typed summary and gait events as they are; the task tables (strides.csv
        and the like, what the report shows as tables) as rows of dicts."""
        tables = {}
        if a.result is not None:
            for name, (header, rows) in a.result.tables().items():
                if name != "events.csv":
                    tables[name] = [dict(zip(header, r)) for r in rows]
        return cls(a.clip, a.angles, a.poses, a.raw, tables, events_of(a.result))

    @classmethod
    def load(cls, folder: str | Path) -> ReportData:
        """From a results folder written by `coach analyze` (summary.json, frames.csv, landmarks.npz, task tables).

        The saved landmarks are the raw ones; they are cleaned again with the default settings."""
        d = Path(folder)
        summary_path = d / "summary.json"
        if not summary_path.is_file():
            raise FileNotFoundError(f"{d}: no summary.json; run `coach analyze VIDEO --out {d}` first")
        summary = _read_saved(summary_path, _read_summary)
        angles = _read_saved(d / "frames.csv", read_frames_csv)
        raw = poses = None
        if (d / "landmarks.npz").is_file():
            raw = _read_saved(d / "landmarks.npz", PoseSequence.load_npz)
            poses = clean_sequence(raw)[0] if len(raw) and raw.found.any() else raw
        tables = {name: _read_saved(d / name, read_table) for name in TASK_TABLES if (d / name).is_file()}
        events = events_from_rows(tables.pop("events.csv", []))
        return cls(summary, angles, poses, raw, tables, events)


def events_of(result) -> tuple[Event, ...]:
    """The gait events of an analyser's result (a gait result, also when `auto` recognised a walk), in time order;
    none for other tasks."""
    from coach.exercises.recognise import WithRecognition
    from coach.gait.result import GaitResult

    if isinstance(result, WithRecognition):
        return events_of(result.inner)
    if not isinstance(result, GaitResult):
        return ()
    e = result.events  # times rounded as events.csv keeps them, so a report rebuilt from the folder is the same
    return tuple(Event(round(float(t), 4), str(s), KIND_CODES[str(k)]) for t, s, k in zip(e.t_s, e.side, e.kind))


def events_from_rows(rows: list[dict]) -> tuple[Event, ...]:
    """Gait events from events.csv rows (t_s, side, kind HS/TO), in time order."""
    out = []
    for r in rows:
        t = r.get("t_s", r.get("time_s"))
        if _finite(t) and r.get("side") in SIDES:
            kind = str(r.get("kind", ""))
            out.append(Event(float(t), str(r["side"]), KIND_CODES.get(kind, kind)))
    return tuple(sorted(out, key=lambda e: e.t_s))


class SavedResultsError(ValueError):
    """A file of a results folder cannot be read back: damaged, cut short, or not written by coach."""


def _read_summary(path: Path) -> ClipSummary:
    """summary.json as a typed summary (any version coach can read; ValueError when it is not a coach summary)."""
    return ClipSummary.from_dict(json.loads(path.read_text(encoding="utf-8")))


def _read_saved(path: Path, read):
    """read(path), any failure to parse it becoming SavedResultsError naming the file and why."""
    try:
        return read(path)
    except (OSError, ValueError, KeyError, IndexError, TypeError, EOFError, StopIteration, zipfile.BadZipFile) as e:
        reason = str(e) or "empty or cut short"
        raise SavedResultsError(f"{path.name} cannot be read back ({reason})") from e


def or_nan(v: float | None) -> float:
    """A summary number as a float, NaN when missing (the rep times of reps() never are)."""
    return math.nan if v is None else float(v)


def _finite(v) -> TypeGuard[float | str]:
    """True for a value that is a finite number (or a string of one)."""
    try:
        return v is not None and v != "" and bool(np.isfinite(float(v)))
    except (TypeError, ValueError):
        return False


def _numbered(spans: list[Span]) -> list[Span]:
    """Spans in time order, numbered 1.. per side."""
    count = dict.fromkeys(SIDES, 0)
    out = []
    for span in sorted(spans, key=lambda s: s.start_s):
        count[span.side] += 1
        out.append(replace(span, number=count[span.side]))
    return out


def _cell(v: str):
    """A CSV cell as a float when it is a number, None when empty, else the text."""
    if v == "":
        return None
    try:
        return float(v)
    except ValueError:
        return v


def read_table(path: Path) -> list[dict]:
    """A CSV table as rows of dicts, numbers as floats."""
    with path.open(newline="", encoding="utf-8") as f:
        return [{k: _cell(v) for k, v in row.items()} for row in csv.DictReader(f)]


def read_frames_csv(path: Path) -> AngleSeries:
    """frames.csv (time_s, person_found, view, <angle>_deg, <angle>_conf ...) back into an AngleSeries."""
    with path.open(newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        rows = list(reader)
    col = {h: i for i, h in enumerate(header)}

    def numbers(name: str) -> np.ndarray:
        """A column as floats, NaN where empty."""
        return np.array([float(r[col[name]]) if r[col[name]] != "" else np.nan for r in rows], float)

    names = [h[:-4] for h in header if h.endswith("_deg") and f"{h[:-4]}_conf" in col]
    return AngleSeries(
        numbers("time_s"),
        {n: numbers(f"{n}_deg") for n in names},
        {n: np.nan_to_num(numbers(f"{n}_conf")) for n in names},
        np.array([r[col["view"]] for r in rows], dtype="<U8") if "view" in col else np.zeros(0, "<U8"),
    )
