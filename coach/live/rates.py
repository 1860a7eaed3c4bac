"""The frame rates live coaching needs (frames processed a second): one small module, so the History reads them
without loading the live pipeline."""

#: Below this many processed frames a second the top of a brisk lift falls between frames (a knee lift staying above
#: half its height for ~0.5 s is seen to within 5 deg from ~8 fps on: coach.exercises.reps.refine_peak), so the page
#: and the saved summary say so, and heights measured between frames are left out rather than saved to the history.
MIN_FPS = 10.0
#: Below this many processed frames a second coach cannot count reliably, and the page and the summary say so: the
#: fastest real knee lifts take ~0.25-0.3 s whole (coach.exercises.spec.GLITCH_S), so at a few frames a second a
#: lift's top or the rest between two lifts can fall between frames. Measured: the labelled march and lunge clips
#: replayed live at 6 fps all count as labelled (tests/app/test_live_rate.py); at 5 fps a rear-view split squat gets a
#: rep too many.
MIN_COUNT_FPS = 6.0
