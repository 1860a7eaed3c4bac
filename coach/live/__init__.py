"""Live coaching from a camera: each module one job. worker.py (latest-only worker: bounded latency),
stream_clock.py (frame times from capture timestamps), window_cleaner.py (the offline cleaning on a sliding window),
frame_pipeline.py (one frame -> landmarks to show and body samples), overlay.py (the drawing on the returned picture),
session.py (LiveSession: the set-up gate, the exercise analyser and the state the page polls), rates.py (the
frame rates it needs to judge heights and to count). The page itself is
coach/app/live_page.py; the analysers it drives sample by sample are coach.exercises.frame_analysers and
coach.assessments.frame_analysers."""
