"""Every file an analysis writes, written in one place: commit.py (a folder of outputs complete or not at all),
formats.py (JSON and CSV), analysis.py (frames.csv, landmarks.npz, the task's tables, summary.json) and review.py
(report.html, report.pdf, OpenSim TRC/MOT, annotated.mp4)."""
