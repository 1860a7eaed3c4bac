"""How numbers are written wherever a person reads them (findings, report, app, batch tables): decimals by unit, as
clinicians write them, so a column never mixes `117` with `105.4`, nothing shows as `-0.0`, `nan` or `None`, and a
count agrees with its noun ('1 rep', '2 reps')."""

from __future__ import annotations

import math
import re

#: Decimals per unit. Angles in whole degrees (2D video agrees with motion capture to about 4-6 deg, Stenum et al.
#: 2021: a tenth is noise); times to the hundredth (a frame at 30-60 fps lasts 0.017-0.033 s); percentages of a
#: stride and symmetry indices to a tenth (gait-lab convention); percentages of an exercise set whole; 0-1
#: confidences, ratios and leg lengths to the hundredth; cadence in whole steps a minute; scores out of 100 whole.
DECIMALS = {
    "deg": 0,
    "s": 2,
    "%": 1,
    "% of stride": 1,
    "% of set": 0,
    "0-1": 2,
    "ratio": 2,
    "leg lengths": 2,
    "steps/min": 0,
    "score": 0,
    "m": 2,
}
#: Shown for a value that is missing or not a number.
MISSING = "-"
_UNIT = re.compile(r"\(([^()]*)\)\s*$")


def unit_of(header: str) -> str:
    """The unit of a column from its header: the text in its last parentheses ('ROM (deg)' -> 'deg'), or the
    header itself when it names a unitless measure ('ratio', 'score')."""
    m = _UNIT.search(header)
    if m:
        return m.group(1)
    word = header.strip().lower()
    return word if word in DECIMALS else ""


def number_text(value, unit: str = "") -> str:
    """A cell as text: numbers rounded for their unit (integers as they are; another float to 2 decimals below 10
    and 1 above when the unit is unknown), never '-0'; NaN and None as MISSING; booleans as yes / no."""
    if value is None:
        return MISSING
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            return MISSING
        digits = DECIMALS.get(unit)
        if digits is None:
            digits = 0 if value.is_integer() else 2 if abs(value) < 10 else 1
        text = f"{value:.{digits}f}"
        return text[1:] if text.startswith("-") and float(text) == 0 else text
    return str(value)


def cell_text(value, header: str) -> str:
    """A table cell as text, rounded for the unit its column header names."""
    return number_text(value, unit_of(header))


def noun_for(n: int, noun: str, plural: str = "") -> str:
    """The noun for a count of n: 'rep' for 1, else its plural ('reps'; `plural` where it is not noun + 's')."""
    return noun if n == 1 else plural or noun + "s"


def count_text(n: int, noun: str, plural: str = "") -> str:
    """'1 rep', '3 reps': a count with its noun in the singular or the plural (noun_for)."""
    return f"{n} {noun_for(n, noun, plural)}"
