"""Write an analysis to a folder: every file appears complete or not at all (written aside, then moved in)."""

from __future__ import annotations

import csv
import json
import math
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

import numpy as np

from coach.types import AngleSeries

#: A writer gets the staging folder and writes its files there.
Writer = Callable[[Path], None]


def json_safe(obj):
    """Convert numpy scalars/arrays and non-finite floats into JSON-safe values (NaN -> None)."""
    if isinstance(obj, dict):
        return {str(k): json_safe(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [json_safe(v) for v in obj]
    if isinstance(obj, np.ndarray):
        return json_safe(obj.tolist())
    if isinstance(obj, (np.floating, float)):
        f = float(obj)
        return None if not math.isfinite(f) else round(f, 4)
    if isinstance(obj, np.integer):
        return int(obj)
    if isinstance(obj, np.bool_):
        return bool(obj)
    return obj


def write_json(path: Path, data: dict) -> None:
    """Write JSON (UTF-8, indented, NaN as null)."""
    path.write_text(json.dumps(json_safe(data), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def write_csv(path: Path, header: list[str], rows: Iterable[list]) -> None:
    """Write a CSV table; floats rounded to 4 decimals, NaN as empty."""
    def cell(v):
        if isinstance(v, (float, np.floating)):
            return "" if not math.isfinite(float(v)) else f"{float(v):.4f}".rstrip("0").rstrip(".")
        return v

    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(header)
        for r in rows:
            w.writerow([cell(v) for v in r])


def frames_table(angles: AngleSeries, found: np.ndarray) -> tuple[list[str], Iterable[list]]:
    """frames.csv: time_s, person_found, view, then every angle and its confidence."""
    names = angles.names()
    header = ["time_s", "person_found", "view"] + [c for n in names for c in (f"{n}_deg", f"{n}_conf")]

    def rows():
        for i, t in enumerate(angles.t_s):
            yield [float(t), int(found[i]), angles.view[i]] + [v for n in names
                                                               for v in (angles.values[n][i], angles.conf[n][i])]
    return header, rows()


def commit_outputs(out_dir: str | Path, writers: list[Writer]) -> list[Path]:
    """Run writers into a staging folder beside out_dir, then move each finished file into out_dir.

    If a writer fails, nothing is moved and out_dir is left as it was. summary.json moves last, so its presence marks
    a complete result.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=".coach-", dir=out))
    try:
        for w in writers:
            w(stage)
        files = sorted(stage.iterdir(), key=lambda p: p.name == "summary.json")
        moved = []
        for f in files:
            os.replace(f, out / f.name)
            moved.append(out / f.name)
        return moved
    finally:
        shutil.rmtree(stage, ignore_errors=True)
