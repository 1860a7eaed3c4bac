"""Shared fixtures (the bundled sample clips, figures to report), the one list of strict expected failures on the
labelled corpus, and the figures some tests measure, printed at the end of the session."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.expected_failures import AVX512, CPU_EXPECTED_FAILURES, EXPECTED_FAILURES, NO_AVX512

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_videos"
#: Figures measured by tests (figure fixture), printed in the session's summary: CI's log shows them.
_FIGURES: list[str] = []


def cpu_arithmetic() -> str:
    """The vector instructions the pose model's kernels are chosen by: AVX512 when the CPU has AVX-512 (the avx512f
    flag of /proc/cpuinfo), else NO_AVX512 (also where /proc/cpuinfo cannot be read)."""
    try:
        text = Path("/proc/cpuinfo").read_text()
    except OSError:
        return NO_AVX512
    flags = next((ln.split(":", 1)[1].split() for ln in text.splitlines() if ln.startswith("flags")), [])
    return AVX512 if "avx512f" in flags else NO_AVX512


def pytest_report_header(config) -> str:
    """Which of the CPU-dependent expected failures apply here (tests/expected_failures.py)."""
    return f"pose model arithmetic: {cpu_arithmetic()} (CPU_EXPECTED_FAILURES in tests/expected_failures.py)"


def pytest_collection_modifyitems(config, items):
    """Mark each listed test as a strict expected failure with its reason: a fixed clip then fails (XPASS) until its
    entry is removed, so the list can only shrink honestly. A listed id that no longer exists is an error. A failure
    seen only on processors with (or without) AVX-512 is marked on those machines (CPU_EXPECTED_FAILURES)."""
    collected = {item.nodeid: item for item in items}
    files = {nodeid.split("::")[0] for nodeid in collected}
    partial = config.option.keyword or config.option.markexpr or any("::" in a for a in config.args)
    kind = cpu_arithmetic()
    expected = EXPECTED_FAILURES | {n: why for n, (cpu, why) in CPU_EXPECTED_FAILURES.items() if cpu == kind}
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


@pytest.fixture
def figure():
    """Record one line of a measured figure (e.g. the live page's frame rate in the real browser) for the summary."""
    return _FIGURES.append


def pytest_terminal_summary(terminalreporter) -> None:
    """Print the figures the tests measured, after the results."""
    if _FIGURES:
        terminalreporter.section("figures measured by the tests")
        for line in _FIGURES:
            terminalreporter.write_line(line)
