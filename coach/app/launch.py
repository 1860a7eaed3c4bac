"""How `coach app` starts the web app: Streamlit with the settings of the shipped .streamlit/config.toml (localhost
only, no usage statistics, no Deploy button, no error details in the browser), the history database and the data
folders the person starting it allows; signals sent to `coach app` stop the server too."""

from __future__ import annotations

import signal
import subprocess
import sys
import tomllib
from collections.abc import Sequence
from pathlib import Path

#: Signals passed on to the server, so stopping `coach app` (kill, a service manager, a closed terminal) stops it.
FORWARDED_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP", "SIGINT") if hasattr(signal, name))


def config_flags(config: Path) -> list[str]:
    """A Streamlit config.toml as command-line flags (`--section.option=value`), so `coach app` run from any folder
    gets the settings `streamlit run app.py` reads from the checkout's .streamlit/config.toml."""
    flags = []
    for section, options in tomllib.loads(config.read_text(encoding="utf-8")).items():
        for name, value in options.items():
            text = str(value).lower() if isinstance(value, bool) else str(value)
            flags.append(f"--{section}.{name}={text}")
    return flags


def streamlit_command(script: Path, port: int, db: Path | None, data_dirs: Sequence[Path]) -> list[str]:
    """The command that serves `script` on localhost:`port` with the checkout's config, passing the history database
    and the allowed data folders to the app."""
    config = script.parent / ".streamlit" / "config.toml"
    cmd = [sys.executable, "-m", "streamlit", "run", str(script), *config_flags(config), f"--server.port={port}"]
    app_args = (["--db", str(db)] if db is not None else []) + [a for d in data_dirs for a in ("--data-dir", str(d))]
    return cmd + (["--", *app_args] if app_args else [])


def serve(cmd: list[str]) -> int:
    """Run the server until it exits; SIGTERM, SIGHUP or SIGINT sent to this process are passed on to it."""
    server = subprocess.Popen(cmd)

    def forward(signum: int, _frame) -> None:
        server.send_signal(signum)

    previous = {s: signal.signal(s, forward) for s in FORWARDED_SIGNALS}
    try:
        return server.wait()
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
