"""The batch results table: one row a file, rebuilt from the per-file records under a lock and written as
results.csv and results.parquet, each atomically."""

from __future__ import annotations

import typing
from collections.abc import Iterable
from dataclasses import astuple, fields
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from filelock import FileLock

from coach.batch.record import BatchRow, all_records
from coach.outputs.commit import replace_atomically
from coach.outputs.formats import write_csv

CSV_NAME, PARQUET_NAME = "results.csv", "results.parquet"
#: The lock file batches writing into the same folder take while they rebuild its table.
LOCK_NAME = ".results.lock"


def schema() -> pa.Schema:
    """Arrow schema from BatchRow's fields: str -> string, int | None -> int64, float | None -> float64."""
    hints = typing.get_type_hints(BatchRow)
    types = []
    for f in fields(BatchRow):
        args = typing.get_args(hints[f.name]) or (hints[f.name],)
        kind = pa.int64() if int in args else pa.float64() if float in args else pa.string()
        types.append(pa.field(f.name, kind, nullable=kind != pa.string()))
    return pa.schema(types)


def to_arrow(rows: Iterable[BatchRow]) -> pa.Table:
    """Rows (sorted by file) as an Arrow table with the fixed schema, also when there are none."""
    ordered = sorted(rows, key=lambda r: r.file)
    return pa.Table.from_pylist(
        [dict(zip([f.name for f in fields(BatchRow)], astuple(r))) for r in ordered], schema=schema()
    )


def write_results(rows: Iterable[BatchRow], out_dir: Path) -> tuple[Path, Path]:
    """Write results.csv and results.parquet into out_dir, each replaced atomically; returns their paths."""
    table = to_arrow(rows)
    csv_path, parquet_path = out_dir / CSV_NAME, out_dir / PARQUET_NAME
    replace_atomically(
        csv_path, lambda p: write_csv(p, table.column_names, (list(r.values()) for r in table.to_pylist()))
    )
    replace_atomically(parquet_path, lambda p: pq.write_table(table, p))
    return csv_path, parquet_path


def rebuild_results(out_dir: Path) -> tuple[list[BatchRow], tuple[Path, Path]]:
    """Rebuild the table from every per-file record in out_dir, whichever batch (this one, an earlier one, one
    running at the same time into the same folder) wrote it, under a lock on the folder: no finished result ever
    drops out of the table. Returns the rows and the two tables' paths."""
    with FileLock(out_dir / LOCK_NAME):
        for name in (CSV_NAME, PARQUET_NAME):  # left by a batch killed while writing (no one else writes now)
            for tmp in out_dir.glob(f".{name}.*.tmp"):
                tmp.unlink(missing_ok=True)
        rows = [r.row for r in all_records(out_dir).values()]
        return rows, write_results(rows, out_dir)
