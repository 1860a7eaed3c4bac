"""What the gait warnings tell the user about steps not found, read back from their words: the stretches of the walk
they name, for tests that hold coach to never losing an event in silence."""

from __future__ import annotations

import re

from coach.gait.trust import NO_STEP, ONE_FOOT


def warned_spans(warnings: list[str]) -> list[tuple[float, float]]:
    """The stretches (s) that the warnings about steps not found name."""
    spans = []
    for w in warnings:
        if w.startswith((NO_STEP, ONE_FOOT)):
            spans += [(float(a), float(b)) for a, b in re.findall(r"(\d+\.\d)-(\d+\.\d) s", w)]
    return spans


def untold(lost_s: list[float], warnings: list[str], margin_s: float = 0.1) -> list[float]:
    """The times of `lost_s` (events not found) that no stretch named by the warnings holds (within margin_s: the
    stretches are said to a tenth of a second)."""
    spans = warned_spans(warnings)
    return [round(t, 2) for t in lost_s if not any(a - margin_s <= t <= b + margin_s for a, b in spans)]
