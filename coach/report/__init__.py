"""Therapist review outputs: annotated video, plots, tables, HTML/PDF report, OpenSim exports, from one ReportData."""
