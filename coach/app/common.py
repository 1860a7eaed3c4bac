"""What every page shares: the disclaimer and the history database chosen for this session."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from coach import DISCLAIMER
from coach.history import HistoryStore, default_db_path

PRIVACY = "Video is processed on this computer only; it never leaves the machine."


def show_disclaimer() -> None:
    """The disclaimer and the privacy promise, visible on every page."""
    st.caption(f"{DISCLAIMER} {PRIVACY}")


def db_path() -> Path:
    """The history database of this session: the --db option or the History page's setting, else the default."""
    return Path(st.session_state.get("db_path") or default_db_path())


def history_store() -> HistoryStore:
    """The history store at db_path()."""
    return HistoryStore(db_path())
