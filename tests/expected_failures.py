"""The one list of today's failures on the labelled corpus: test id -> why it fails. Each is a strict expected
failure (tests/conftest.py), so a fixed clip fails until its line is removed. The list only shrinks; labels and
tolerances are never loosened to empty it."""

_LIVE = "tests/app/test_live_corpus.py::"
_FPS = _LIVE + "test_live_at_browser_frame_rates_gives_the_offline_counts_and_range"
_LOW_FPS_TOP = ("at 8-10 fps live ROM is 8-20 deg under offline on the reps whose top it calls seen: the Hampel filter's "
                "3-frame window at these rates takes the top frame of a lift for an outlier (issue 16)")

EXPECTED_FAILURES: dict[str, str] = {
    _LIVE + "test_live_session_counts_the_labelled_reps[lunge_alternating_side_a.mp4-lunge]":
        "live counts a 30 deg knee bend at 6.4 s between two lunges that offline names a squat (thighs split just "
        "under 30 deg): a movement on the edge of both thresholds, which the live cleaning tips over (issue 16)",
    _LIVE + "test_live_auto_recognises_the_exercise_and_counts_it[lunge_alternating_side_a.mp4]":
        "the same 30 deg knee bend at 6.4 s counted live (issue 16)",
    _LIVE + "test_live_auto_recognises_the_exercise_and_counts_it[slr_supine_side_hold_k.mp4]":
        "held straight-leg raise not counted live, nothing recognised (issue 16)",
    _LIVE + "test_live_session_counts_the_labelled_reps_from_a_slow_webcam_dropping_frames["
            "march_highknees_portrait_outdoor_cuts_c.mp4-march]":
        "0.3 s high-knee lifts through a webcam dropping frames at random: 18/16 of 21/22 (issue 16)",
    _FPS + "[march_front_then_side_a.mp4-march-8.0]": _LOW_FPS_TOP,
    _FPS + "[march_highknees_portrait_outdoor_cuts_c.mp4-march-8.0]":
        "0.3 s high-knee lifts at 8 fps: 19/13 counted of 22/21 offline, the lifts' few frames clipped (issue 16)",
    _FPS + "[march_highknees_portrait_outdoor_cuts_c.mp4-march-10.0]": _LOW_FPS_TOP,
    _FPS + "[march_highknees_side_gym_a.mp4-march-8.0]": _LOW_FPS_TOP,
    _FPS + "[march_highknees_side_gym_a.mp4-march-10.0]": _LOW_FPS_TOP,
    _FPS + "[march_phone_rotated_a.mp4-march-8.0]": _LOW_FPS_TOP,
    _FPS + "[march_phone_rotated_b.mp4-march-8.0]": _LOW_FPS_TOP,
    _FPS + "[lunge_alternating_side_a.mp4-lunge-10.0]":
        "live ROM of the left lunges 98 deg against 89 offline at 10 fps (issue 16)",
    _FPS + "[lunge_split_barbell_rear_e.mp4-lunge-8.0]":
        "rear-view split squat at 8 fps: 7 counted against 6 offline (issue 16)",
    _FPS + "[lunge_split_barbell_rear_e.mp4-lunge-10.0]":
        "rear-view split squat at 10 fps: 7 counted against 6 offline (issue 16)",
}
