"""OpenSim-friendly exports for researchers: TRC of the 2D landmarks and MOT of the joint angles.

Layouts follow OpenSim's file formats as Sports2D and Pose2Sim write them (OpenSim documentation, "Marker (.trc)
Files" and "Storage (.sto/.mot) Files"): a TRC has five header lines (PathFileType; the DataRate... keys; their
values; Frame#/Time and the marker names each spanning X/Y/Z; the X1 Y1 Z1 ... labels) then tab-separated rows;
a MOT has key=value lines closed by `endheader`, then a `time` column and one column per coordinate in degrees.
The TRC holds image pixels with y pointing up (x right, y up, Z = 0): 2D video has no depth and no metric scale,
so 'px' is written as the unit and a user scales it (e.g. by body height) before marker-based scaling.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from coach.landmarks import NAMES
from coach.types import AngleSeries, PoseSequence

_MOT_NOTE = (
    "Units are S.I. units (second, meters, Newtons, ...)\n"
    "If the header above contains a line with 'inDegrees', this indicates whether rotational values are in "
    "degrees (yes) or radians (no).\n"
)


def _rate_hz(t_s: np.ndarray) -> float:
    """Nominal sample rate from the median time step (30 Hz for a single sample)."""
    return float(1.0 / np.median(np.diff(t_s))) if len(t_s) > 1 else 30.0


def _num(v: float) -> str:
    """A number as OpenSim's readers expect it: NaN spelled out, 6 decimals."""
    return "NaN" if not np.isfinite(v) else f"{v:.6f}"


def trc_text(seq: PoseSequence, file_name: str = "landmarks_px.trc") -> str:
    """The TRC text of a pose sequence: 33 MediaPipe landmarks, X = x px, Y = (height - y) px, Z = 0."""
    n, rate = len(seq), _rate_hz(seq.t_s)
    lines = [
        f"PathFileType\t4\t(X/Y/Z)\t{file_name}",
        "DataRate\tCameraRate\tNumFrames\tNumMarkers\tUnits\tOrigDataRate\tOrigDataStartFrame\tOrigNumFrames",
        f"{rate:.3f}\t{rate:.3f}\t{n}\t{len(NAMES)}\tpx\t{rate:.3f}\t1\t{n}",
        "Frame#\tTime\t" + "\t\t\t".join(NAMES) + "\t\t",
        "\t\t" + "\t".join(f"X{i}\tY{i}\tZ{i}" for i in range(1, len(NAMES) + 1)),
        "",
    ]
    xyz = np.zeros((n, len(NAMES), 3))
    xyz[..., 0] = seq.xy_px[..., 0]
    xyz[..., 1] = seq.height - seq.xy_px[..., 1]
    xyz[..., 2] = np.where(np.isfinite(seq.xy_px[..., 0]), 0.0, np.nan)
    for i in range(n):
        lines.append(f"{i + 1}\t{seq.t_s[i]:.6f}\t" + "\t".join(_num(v) for v in xyz[i].ravel()))
    return "\n".join(lines) + "\n"


def mot_text(angles: AngleSeries, names: list[str] | None = None) -> str:
    """The MOT text of joint angles (deg): a `time` column then one column per angle name."""
    names = names or angles.names()
    header = [
        "Coordinates",
        "version=1",
        f"nRows={len(angles)}",
        f"nColumns={len(names) + 1}",
        "inDegrees=yes",
        "",
        _MOT_NOTE,
        "endheader",
        "\t".join(["time", *names]),
    ]
    rows = ["\t".join([f"{t:.6f}", *(_num(angles.values[n][i]) for n in names)]) for i, t in enumerate(angles.t_s)]
    return "\n".join(header + rows) + "\n"


def write_trc(path: str | Path, seq: PoseSequence) -> None:
    """Write the landmarks as an OpenSim TRC file."""
    p = Path(path)
    p.write_text(trc_text(seq, p.name), encoding="utf-8")


def write_mot(path: str | Path, angles: AngleSeries, names: list[str] | None = None) -> None:
    """Write the angles as an OpenSim MOT file (degrees)."""
    Path(path).write_text(mot_text(angles, names), encoding="utf-8")
