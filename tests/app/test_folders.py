"""Paths typed in the web app stay inside the data folders the app was started with, whatever '..' or symlinks
they use."""

from __future__ import annotations

import pytest

from coach.app.folders import DataFolders, PathRefused


@pytest.fixture()
def folders(tmp_path) -> DataFolders:
    (tmp_path / "data" / "clips").mkdir(parents=True)
    (tmp_path / "more").mkdir()
    (tmp_path / "secret").mkdir()
    (tmp_path / "data" / "link").symlink_to(tmp_path / "secret")
    return DataFolders.chosen([str(tmp_path / "data"), str(tmp_path / "more")])


def test_inside_paths_resolve(folders, tmp_path):
    """Relative paths start in the first folder; absolute paths in any allowed folder are accepted."""
    assert folders.confine("clips", "clip folder") == (tmp_path / "data" / "clips").resolve()
    assert folders.confine(str(tmp_path / "more" / "new"), "results folder") == (tmp_path / "more" / "new").resolve()


@pytest.mark.parametrize(
    "typed", ["/etc", "../secret", "clips/../../secret", "link", "link/x.sqlite", "", "  ", "a\0b"]
)
def test_outside_paths_are_refused(folders, typed):
    """Absolute paths elsewhere, '..' escapes, symlinks pointing out, empty and NUL-holding text are refused, with
    the allowed folders named."""
    with pytest.raises(PathRefused, match="data|inside"):
        folders.confine(typed, "clip folder")


def test_default_is_the_coach_user_data_folder(monkeypatch, tmp_path):
    """Without --data-dir: $COACH_DATA_DIR (several folders with os.pathsep), else the coach user data folder."""
    import os

    monkeypatch.setenv("COACH_DATA_DIR", f"{tmp_path / 'a'}{os.pathsep}{tmp_path / 'b'}")
    assert DataFolders.chosen().roots == ((tmp_path / "a").resolve(), (tmp_path / "b").resolve())
    monkeypatch.delenv("COACH_DATA_DIR")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert DataFolders.chosen().roots == ((tmp_path / "xdg" / "coach").resolve(),)
