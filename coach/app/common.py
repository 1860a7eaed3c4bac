"""What every page shares: the disclaimer, the options the app was started with (history database, data folders),
the history database chosen for this session, and messages that name the user's file, not the server's."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import streamlit as st

from coach import DISCLAIMER
from coach.app.folders import DataFolders
from coach.history import HistoryStore, default_db_path

PRIVACY = "Video is processed on this computer only; it never leaves the machine."
#: " (InvalidDataError)" and the like: an exception class name in parentheses, as library messages quote them.
_CLASS_NAME = re.compile(r" ?\((?:[A-Za-z_][A-Za-z0-9_]*\.)*[A-Z][A-Za-z0-9]*(?:Error|Exception)\)")


def show_disclaimer() -> None:
    """The disclaimer and the privacy promise, visible on every page."""
    st.caption(f"{DISCLAIMER} {PRIVACY}")


#: Streamlit refuses an upload over server.maxUploadSize in the browser and marks it only with a red icon, keeping
#: the reason ("File must be 200.0MB or smaller.") for screen readers; this shows that reason beside the file.
_UPLOAD_REASON_VISIBLE = """<style>
[data-testid="stFileChip"] > span[role="alert"] {
  position: static; width: auto; height: auto; clip: auto; overflow: visible; white-space: normal;
  margin-left: 0.75rem; color: #b3261e; font-size: 0.9rem;
}
[data-testid="stFileChip"] > span[role="alert"]::after { content: " Trim or compress the clip, then upload it again."; }
</style>"""


def show_upload_refusals() -> None:
    """Make the browser's reason for refusing an upload visible on every page (see _UPLOAD_REASON_VISIBLE)."""
    st.html(_UPLOAD_REASON_VISIBLE)


def launch_options() -> argparse.Namespace:
    """The app's own options after `--` (`streamlit run app.py -- --db PATH --data-dir DIR ...`, as `coach app`
    passes them): db (a path or None) and data_dir (a list or None)."""
    parser = argparse.ArgumentParser(add_help=False, allow_abbrev=False)
    parser.add_argument("--db", default=None)
    parser.add_argument("--data-dir", action="append", default=None)
    return parser.parse_known_args(sys.argv[1:])[0]


def data_folders() -> DataFolders:
    """The folders paths typed in the browser must lie in."""
    return DataFolders.chosen(launch_options().data_dir)


def started_db() -> Path:
    """The history database the app was started with: --db, else $COACH_DB or the user data folder's."""
    return Path(launch_options().db or default_db_path())


def db_path() -> Path:
    """The history database of this session: the History page's choice, else the one the app was started with."""
    return Path(st.session_state.get("db_path") or started_db())


def history_store() -> HistoryStore:
    """The history store at db_path() (raises coach.history.HistoryError with a message to show)."""
    return HistoryStore(db_path())


def public_message(message: str, private: Path, shown: str) -> str:
    """A message for the page: the server's path of a file or folder (e.g. an upload's temporary copy) replaced by
    the name the user knows it by, and no exception class name of the server's libraries."""
    for form in {str(private.resolve()), str(private)}:
        message = message.replace(form, shown)
    return without_class_names(message)


def without_class_names(message: str) -> str:
    """The message without the exception class names library messages quote (" (InvalidDataError)"): a clinician
    reads the page, not a programmer."""
    return _CLASS_NAME.sub("", message)
