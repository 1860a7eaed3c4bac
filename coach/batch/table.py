"""The batch results table: one row a file, written as results.csv and results.parquet, each atomically."""

from __future__ import annotations

import os
import tempfile
import typing
from collections.abc import Iterable
from dataclasses import astuple, fields
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from coach.batch.record import BatchRow
from coach.outputs import write_csv

CSV_NAME, PARQUET_NAME = "results.csv", "results.parquet"


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
    return pa.Table.from_pylist([dict(zip([f.name for f in fields(BatchRow)], astuple(r))) for r in ordered],
                                schema=schema())


def _replace_into(path: Path, write: typing.Callable[[Path], None]) -> None:
    """Run `write(tmp)` on a temp file beside path, then rename it over path (never a half-written table)."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.close(fd)
    try:
        write(Path(tmp))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_results(rows: Iterable[BatchRow], out_dir: Path) -> tuple[Path, Path]:
    """Write results.csv and results.parquet into out_dir, each replaced atomically; returns their paths."""
    table = to_arrow(rows)
    csv_path, parquet_path = out_dir / CSV_NAME, out_dir / PARQUET_NAME
    _replace_into(csv_path, lambda p: write_csv(p, table.column_names, (list(r.values()) for r in table.to_pylist())))
    _replace_into(parquet_path, lambda p: pq.write_table(table, p))
    return csv_path, parquet_path
