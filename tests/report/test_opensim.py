"""TRC and MOT files read back with the field's readers (pandas on OpenSim's header layout, OpenSim itself when
installed) give the values written."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from coach.landmarks import NAMES
from coach.report.opensim import write_mot, write_trc
from coach.simulate import Camera, Motion, render


@pytest.fixture(scope="module")
def seq():
    t = np.arange(60) / 30.0
    hip = {"left": 40 * np.sin(t * 3), "right": -20 * np.sin(t * 3)}
    knee = {s: np.abs(v) for s, v in hip.items()}
    z = np.zeros_like(t)
    motion = Motion(t, hip, knee, z, z, z, z)
    vis = np.full((len(t), len(NAMES)), 0.95)
    vis[10:13, 25] = 0.0  # left knee unseen: NaN must survive the round trip
    return render(motion, Camera(), visibility=vis)


def read_trc_pandas(path) -> tuple[dict, pd.DataFrame]:
    """TRC as Pose2Sim/Sports2D users read it: metadata from lines 2-3, marker rows after the 5 header lines."""
    meta = pd.read_csv(path, sep="\t", skiprows=1, nrows=1).iloc[0].to_dict()
    names = pd.read_csv(path, sep="\t", skiprows=3, nrows=0).columns
    data = pd.read_csv(path, sep="\t", skiprows=5, header=None)
    markers = [n for n in names[2:] if not n.startswith("Unnamed")]
    data.columns = ["Frame#", "Time"] + [f"{m}_{a}" for m in markers for a in "XYZ"]
    return meta, data


def read_mot_pandas(path) -> pd.DataFrame:
    """MOT as OpenSim users read it with pandas: skip to the line after 'endheader'."""
    lines = open(path, encoding="utf-8").read().splitlines()
    return pd.read_csv(path, sep="\t", skiprows=lines.index("endheader") + 1)


def test_trc_round_trip_with_pandas(tmp_path, seq):
    path = tmp_path / "landmarks_px.trc"
    write_trc(path, seq)
    meta, df = read_trc_pandas(path)
    assert meta["NumFrames"] == len(seq) and meta["NumMarkers"] == 33 and meta["DataRate"] == pytest.approx(30.0)
    assert np.allclose(df["Time"], seq.t_s, atol=1e-6)
    assert np.allclose(df["left_knee_X"], seq.xy_px[:, 25, 0], atol=1e-5, equal_nan=True)
    assert np.allclose(df["left_knee_Y"], seq.height - seq.xy_px[:, 25, 1], atol=1e-5, equal_nan=True)
    assert df["left_knee_X"].isna().sum() == 3 and (df["nose_Z"] == 0).all()


def test_mot_round_trip_with_pandas(tmp_path, plain):
    path = tmp_path / "angles.mot"
    write_mot(path, plain.angles)
    df = read_mot_pandas(path)
    assert list(df.columns) == ["time", *plain.angles.names()]
    assert np.allclose(df["time"], plain.angles.t_s, atol=1e-6)
    for name in plain.angles.names():
        assert np.allclose(df[name], plain.angles.values[name], atol=1e-5, equal_nan=True)


def test_opensim_reads_both(tmp_path, seq, plain):
    osim = pytest.importorskip("opensim")
    write_trc(tmp_path / "m.trc", seq)
    write_mot(tmp_path / "a.mot", plain.angles)
    trc = osim.TimeSeriesTableVec3(str(tmp_path / "m.trc"))
    assert trc.getNumRows() == len(seq) and trc.getColumnLabel(23) == "left_hip"
    v = trc.getRowAtIndex(7)[23]
    assert (v[0], v[1]) == pytest.approx((seq.xy_px[7, 23, 0], seq.height - seq.xy_px[7, 23, 1]), abs=1e-5)
    mot = osim.TimeSeriesTable(str(tmp_path / "a.mot"))
    col = list(mot.getColumnLabels()).index("knee_flex_right")
    assert mot.getRowAtIndex(40)[col] == pytest.approx(plain.angles.values["knee_flex_right"][40], abs=1e-5)
