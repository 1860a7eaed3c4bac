"""Which folders of this machine the web app may read and write: the data folders the person who started it allowed
(`coach app --data-dir DIR`, repeatable; COACH_DATA_DIR; else a coach folder in the user data folder). A path typed
in the browser outside them is refused with a message, so the page never lists, reads or writes elsewhere; clips
from elsewhere come in as uploads."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

#: The query parameter of a link that opens a saved results folder on the Review page (a folder of `coach analyze`
#: or of one clip of a batch; it must lie inside the data folders like any typed path).
RESULTS_PARAM = "results"


class PathRefused(ValueError):
    """A typed path lies outside the allowed data folders (or is not a usable path)."""


def default_data_dir() -> Path:
    """The coach folder in the user data folder (e.g. ~/.local/share/coach on Linux), where the history lives too."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("coach", appauthor=False))


@dataclass(frozen=True)
class DataFolders:
    """The allowed folders, absolute with symlinks resolved; the first one is where relative paths start."""

    roots: tuple[Path, ...]

    @classmethod
    def chosen(cls, given: list[str] | None = None) -> DataFolders:
        """The folders given at start (--data-dir), else $COACH_DATA_DIR (os.pathsep between folders), else the
        default data folder."""
        env = [p for p in os.environ.get("COACH_DATA_DIR", "").split(os.pathsep) if p]
        return cls(tuple(Path(p).expanduser().resolve() for p in (given or env or [str(default_data_dir())])))

    def describe(self) -> str:
        """The allowed folders as the page shows them."""
        return ", ".join(str(r) for r in self.roots)

    def confine(self, typed: str, what: str) -> Path:
        """The path typed in the browser (relative: inside the first folder), resolved; PathRefused when it is not
        inside an allowed folder after following symlinks and '..'."""
        text = typed.strip()
        if not text or "\0" in text:
            raise PathRefused(f"Give the {what} as a folder inside {self.describe()}.")
        path = Path(text)
        resolved = (path if path.is_absolute() else self.roots[0] / path).resolve()
        if not any(resolved.is_relative_to(root) for root in self.roots):
            raise PathRefused(
                f"{text}: the {what} must be inside the data folders this app was started with "
                f"({self.describe()}); start it with `coach app --data-dir FOLDER` to allow another."
            )
        return resolved


def results_link(folder: Path) -> str:
    """The link, relative to the app's address, that opens a saved results folder on the Review page."""
    return "?" + urlencode({RESULTS_PARAM: str(folder)})
