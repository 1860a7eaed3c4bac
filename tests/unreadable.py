"""Make a file really unreadable in a test: its mode denies reading, and the process that reads it must not be able
to override that. Root can read any file, so a root test runs the reader without the capabilities that allow it
(CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH) through util-linux's setpriv; it stays root, so everything else it needs is
still its own."""

from __future__ import annotations

import os
import shutil

import pytest

CAPS = "-dac_override,-dac_read_search"


def without_read_override() -> list[str]:
    """A command prefix under which a mode-000 file cannot be read ([] for an ordinary user)."""
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        pytest.skip("running as root needs util-linux setpriv to drop the right to read any file")
    return ["setpriv", f"--inh-caps={CAPS}", f"--bounding-set={CAPS}"]
