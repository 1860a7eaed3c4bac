"""Optional details a therapist files with a result: patient (name or id), affected side, date filmed and notes.
Given on the command line or in the app, kept in summary.json under `patient`, printed in the report's header."""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from coach.summary import ClipSummary

#: What `affected side` accepts (the person's own left and right).
AFFECTED_SIDES = ("left", "right", "both")
#: Longest note kept (characters): a paragraph, not a file.
MAX_NOTES = 2000


@dataclass(frozen=True)
class PatientDetails:
    """Patient name or id, affected side (AFFECTED_SIDES), date filmed (ISO 8601, YYYY-MM-DD) and free notes; each
    may be empty. Bad values raise ValueError with a message to show."""

    patient: str = ""
    affected_side: str = ""
    date_filmed: str = ""
    notes: str = ""

    def __post_init__(self) -> None:
        if self.affected_side and self.affected_side not in AFFECTED_SIDES:
            raise ValueError(f"affected side {self.affected_side!r}: choose one of {', '.join(AFFECTED_SIDES)}")
        if self.date_filmed:
            try:
                when = date.fromisoformat(self.date_filmed)
            except ValueError:
                raise ValueError(f"date filmed {self.date_filmed!r}: give it as YYYY-MM-DD") from None
            if when > date.today():
                raise ValueError(f"date filmed {self.date_filmed} is in the future")
        if len(self.notes) > MAX_NOTES:
            raise ValueError(f"notes are {len(self.notes)} characters long; keep them under {MAX_NOTES}")

    def to_dict(self) -> dict:
        """The details given (empty ones left out), as summary.json's `patient` part."""
        return {k: v.strip() for k, v in asdict(self).items() if v and v.strip()}

    @classmethod
    def from_summary(cls, part: dict | None) -> PatientDetails:
        """The details stored in a summary's `patient` part (none when absent or not a dict)."""
        if not isinstance(part, dict):
            return cls()
        return cls(**{k: str(part.get(k) or "") for k in ("patient", "affected_side", "date_filmed", "notes")})

    def facts(self) -> list[tuple[str, str]]:
        """(label, value) for the report header, only those given."""
        labels = {
            "patient": "Patient",
            "affected_side": "Affected side",
            "date_filmed": "Date filmed",
            "notes": "Notes",
        }
        return [(labels[k], v) for k, v in self.to_dict().items()]

    def record(self, summary: ClipSummary) -> ClipSummary:
        """The summary with these details as its `patient` part (none written when nothing is given)."""
        return replace(summary, patient=self.to_dict()) if self.to_dict() else summary
