"""Write an analysis to a folder: every file appears complete or not at all (written aside, then moved in), the
outputs of an earlier analysis in the same folder are replaced as a whole, and files get the usual permissions."""

from __future__ import annotations

import os
import re
import secrets
import shutil
import socket
import tempfile
from collections.abc import Callable
from pathlib import Path

#: A writer gets the staging folder and writes its files there.
Writer = Callable[[Path], None]


class OutputSkipped(Exception):
    """A writer could not make its file for a reason outside coach (the source clip moved or deleted meanwhile);
    the other outputs are still written, and the reason is reported."""


class OutputsIncomplete(Exception):
    """Outputs were written except some (`skipped`: one reason each); `written` lists the files that were."""

    def __init__(self, written: list[Path], skipped: list[str]) -> None:
        super().__init__("; ".join(skipped))
        self.written = written
        self.skipped = skipped


#: Prefix of the staging folders: `.coach-<pid>@<host>-<random>` beside the outputs while they are written.
STAGE_PREFIX = ".coach-"
_STAGE = re.compile(rf"^{re.escape(STAGE_PREFIX)}(\d+)@(.+)-[^-]+$")


def replace_atomically(path: Path, write: Callable[[Path], None]) -> None:
    """Run write(tmp) on a new file beside `path` (made with the same permissions as every other output), then
    rename it over `path`: readers see the old file or the new one, never half of one."""
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        write(tmp)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def check_writable(out_dir: Path) -> None:
    """Make sure a file can be written in out_dir (raises OSError), before hours of work; leaves no trace (folders
    made to check are removed again)."""
    made, p = [], Path(out_dir).absolute()
    while not p.exists():
        made.append(p)  # deepest first
        p = p.parent
    try:
        Path(out_dir).mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=out_dir):
            pass
    finally:
        for d in made:
            try:
                d.rmdir()
            except OSError:
                pass


def _alive(pid: int) -> bool:
    """True when a process with this id runs on this machine."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # it exists, owned by someone else
        return True
    return True


def remove_stale_stages(out: Path) -> None:
    """Remove staging folders left by a coach that was killed (its process no longer runs on this machine); those of
    a coach still writing, or of another machine sharing the folder, stay."""
    host = socket.gethostname()
    for d in out.glob(f"{STAGE_PREFIX}*"):
        m = _STAGE.match(d.name)
        if d.is_dir() and (m is None or (m.group(2) == host and not _alive(int(m.group(1))))):
            shutil.rmtree(d, ignore_errors=True)


def _swap_in(out: Path, files: list[Path], replaces: frozenset[str]) -> list[Path]:
    """Move the staged files into out, summary.json last; earlier outputs named in `replaces` that this run did not
    write are removed (summary.json first, so an interrupted swap never looks like a complete result)."""
    new = {f.name for f in files}
    stale = sorted((replaces - new) | ({"summary.json"} & replaces), key=lambda n: n != "summary.json")
    for name in stale:
        (out / name).unlink(missing_ok=True)
    moved = []
    for f in sorted(files, key=lambda p: p.name == "summary.json"):
        os.replace(f, out / f.name)
        moved.append(out / f.name)
    return moved


def commit_outputs(out_dir: str | Path, writers: list[Writer], replaces: frozenset[str] = frozenset()) -> list[Path]:
    """Run writers into a staging folder beside out_dir, then move each finished file into out_dir.

    If a writer fails, nothing is moved and out_dir is left as it was; a writer that raises OutputSkipped only loses
    its own file (OutputsIncomplete is raised after the others are in place). Earlier outputs named in `replaces`
    are replaced as a whole: one this run does not write is removed, so no file of an earlier analysis stays beside
    the new ones. summary.json moves last, so its presence marks a complete result. Staging folders of killed runs
    are cleaned first.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    remove_stale_stages(out)
    stage = Path(tempfile.mkdtemp(prefix=f"{STAGE_PREFIX}{os.getpid()}@{socket.gethostname()}-", dir=out))
    skipped = []
    try:
        for w in writers:
            try:
                w(stage)
            except OutputSkipped as e:
                skipped.append(str(e))
        moved = _swap_in(out, list(stage.iterdir()), replaces)
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    if skipped:
        raise OutputsIncomplete(moved, skipped)
    return moved
