"""Shared fixtures (the bundled sample clips) and the one list of strict expected failures on the labelled corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.expected_failures import CPU_EXPECTED_FAILURES, EXPECTED_FAILURES

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_videos"


def cpu_maker() -> str:
    """The CPU maker as Linux names it (/proc/cpuinfo vendor_id: GenuineIntel, AuthenticAMD), '' where unknown."""
    try:
        text = Path("/proc/cpuinfo").read_text()
    except OSError:
        return ""
    return next((ln.split(":", 1)[1].strip() for ln in text.splitlines() if ln.startswith("vendor_id")), "")


def pytest_collection_modifyitems(config, items):
    """Mark each listed test as a strict expected failure with its reason: a fixed clip then fails (XPASS) until its
    entry is removed, so the list can only shrink honestly. A listed id that no longer exists is an error. A failure
    seen on one CPU maker's machines only is marked on those machines (CPU_EXPECTED_FAILURES)."""
    collected = {item.nodeid: item for item in items}
    files = {nodeid.split("::")[0] for nodeid in collected}
    partial = config.option.keyword or config.option.markexpr or any("::" in a for a in config.args)
    maker = cpu_maker()
    expected = EXPECTED_FAILURES | {n: why for n, (cpu, why) in CPU_EXPECTED_FAILURES.items() if cpu == maker}
    listed = EXPECTED_FAILURES.keys() | CPU_EXPECTED_FAILURES.keys()
    stale = [n for n in listed if n.split("::")[0] in files and n not in collected]
    if stale and not partial:
        raise pytest.UsageError("tests/expected_failures.py lists tests that do not exist: " + ", ".join(stale))
    for nodeid, reason in expected.items():
        if nodeid in collected:
            collected[nodeid].add_marker(pytest.mark.xfail(reason=reason, strict=True))


@pytest.fixture(scope="session")
def sample_clip() -> Path:
    """The redistributable Sports2D demo clip bundled in sample_videos/."""
    return SAMPLES / "two_people_walk_and_jump_sports2d.mp4"
