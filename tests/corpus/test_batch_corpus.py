"""coach batch on labelled real clips (linked, never copied, from the corpus): the table's rep counts and heel
strikes per side match the labels, read back from results.parquet."""

from __future__ import annotations

import pyarrow.parquet as pq
import pytest

from coach import analysis
from coach.analysis import Settings
from coach.batch import run_batch
from coach.validation import counts_agree
from tests.corpus.conftest import CORPUS, clips_with, labels


def batch_rows(task: str, names: list[str], tmp_path) -> dict[str, dict]:
    """Run a batch of the task over symlinks to the named corpus clips; rows by file name."""
    if task not in analysis.TASKS:
        pytest.skip(f"the {task} analyser is not registered in coach.analysis.TASKS")
    folder = tmp_path / "clips"
    folder.mkdir()
    for name in names:
        (folder / name).symlink_to(CORPUS / name)
    report = run_batch(folder, Settings(task=task), tmp_path / "out", workers=2)
    assert report.ok == len(names) and report.errors == 0
    return {r["file"]: r for r in pq.read_table(report.parquet_path).to_pylist()}


@pytest.mark.parametrize("task", ["march", "lunge"])
def test_rep_counts_in_the_table_match_the_labels(task, tmp_path):
    names = clips_with(task)[:1]
    if not names:
        pytest.skip(f"no labelled {task} clip")
    for name, row in batch_rows(task, names, tmp_path).items():
        lab = labels()[name]
        got = (row["reps_left"], row["reps_right"])
        want = (lab["reps"]["left"], lab["reps"]["right"])
        if not lab.get("sides_known"):
            got, want = tuple(sorted(got)), tuple(sorted(want))
        assert all(abs(g - w) <= lab.get("tolerance", 0) for g, w in zip(got, want)), (name, got, want)
        assert row["exercise"] == task and row["score"] is not None


def test_gait_steps_in_the_table_match_the_labels(tmp_path):
    names = [
        n
        for n in clips_with("gait")
        if labels()[n].get("counts_complete", True)
        and "heel_strikes" in labels()[n]
        and "cadence_steps_per_min" in labels()[n]
    ][:1]
    if not names:
        pytest.skip("no walking clip labelled with complete heel strike counts and a cadence")
    for name, row in batch_rows("gait", names, tmp_path).items():
        lab = labels()[name]
        got = {side: row[f"gait_steps_{side}"] for side in ("left", "right")}
        want = {side: len(lab["heel_strikes"][side]) for side in ("left", "right")}
        assert counts_agree(got, want, lab.get("tolerance", 1), lab.get("sides_known", True)), (got, want)
        assert row["gait_cadence_steps_per_min"] == pytest.approx(lab["cadence_steps_per_min"], rel=0.05)
        assert row["gait_verdict"] != ""
