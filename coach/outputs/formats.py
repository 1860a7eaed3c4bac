"""JSON and CSV as coach writes them: numpy values made JSON-safe, non-finite numbers as null (JSON) or empty (CSV),
floats rounded to 4 decimals."""

from __future__ import annotations

import csv
import json
import math
from collections.abc import Iterable
from pathlib import Path

import numpy as np


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
