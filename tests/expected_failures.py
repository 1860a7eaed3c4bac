"""The one list of today's failures on the labelled corpus: test id -> why it fails. Each is a strict expected
failure (tests/conftest.py), so a fixed clip fails until its line is removed. The list only shrinks; labels and
tolerances are never loosened to empty it."""

EXPECTED_FAILURES: dict[str, str] = {
    "tests/corpus/test_exercises_corpus.py::test_reps_per_side_match_labels[march_highknees_portrait_outdoor_cuts_c.mp4]":
        "fast high-knee lifts (~0.3 s) are shorter than the rep engine's min_duration_s and dropped in silence: 1/1 counted of 21/22 (issue 16)",
    "tests/corpus/test_exercises_corpus.py::test_reps_per_side_match_labels[march_highknees_side_gym_a.mp4]":
        "fast high-knee lifts dropped as too short: 5/9 counted of 9/9 (issue 16)",
    "tests/corpus/test_exercises_corpus.py::test_reps_per_side_match_labels[lunge_reverse_band_side_d.mp4]":
        "reverse lunges with a band: 0/1 counted of 3/0 (issue 16)",
    "tests/corpus/test_exercises_corpus.py::test_reps_per_side_match_labels[lunge_split_barbell_rear_e.mp4]":
        "rear-oblique split squat: 1/0 counted of 6/0 (issue 16)",
    "tests/corpus/test_exercises_corpus.py::test_auto_recognises_the_task[lunge_alternating_front_outdoor_h.mp4]":
        "auto reads lunges toward the camera as a march (4/5 march reps against 9 lunge reps) (issue 16)",
    "tests/corpus/test_exercises_corpus.py::test_auto_recognises_the_task[lunge_reverse_band_side_d.mp4]":
        "auto says none: the lunge reps are rejected as 'foot left the floor' / 'both knees bent' (issue 16)",
    "tests/corpus/test_exercises_corpus.py::test_auto_recognises_the_task[lunge_split_barbell_rear_e.mp4]":
        "auto says none: too few lunge reps counted from the rear-oblique view (issue 16)",
    "tests/corpus/test_exercises_corpus.py::test_auto_recognises_the_task[slr_supine_side_hold_k.mp4]":
        "auto says none: the held straight-leg raise is not counted (issue 16)",
    "tests/app/test_live_corpus.py::test_live_session_counts_the_labelled_reps[march_highknees_portrait_outdoor_cuts_c.mp4-march]":
        "fast lifts dropped as too short (1/2 of 21/22) (issue 16)",
    "tests/app/test_live_corpus.py::test_live_session_counts_the_labelled_reps_from_a_slow_webcam_dropping_frames[march_highknees_portrait_outdoor_cuts_c.mp4-march]":
        "fast lifts dropped as too short (1/2 of 21/22) (issue 16)",
    "tests/app/test_live_corpus.py::test_live_session_counts_the_labelled_reps[march_highknees_side_gym_a.mp4-march]":
        "fast lifts dropped as too short (4/8 of 9/9) (issue 16)",
    "tests/app/test_live_corpus.py::test_live_session_counts_the_labelled_reps_from_a_slow_webcam_dropping_frames[march_highknees_side_gym_a.mp4-march]":
        "fast lifts dropped as too short (4/8 of 9/9) (issue 16)",
    "tests/app/test_live_corpus.py::test_live_session_counts_the_labelled_reps[lunge_alternating_front_outdoor_h.mp4-lunge]":
        "lunges toward the camera not counted live (0/0 of 4/5) (issue 16)",
    "tests/app/test_live_corpus.py::test_live_session_counts_the_labelled_reps_from_a_slow_webcam_dropping_frames[lunge_alternating_front_outdoor_h.mp4-lunge]":
        "lunges toward the camera not counted live (0/0 of 4/5) (issue 16)",
    "tests/app/test_live_corpus.py::test_live_session_counts_the_labelled_reps[lunge_reverse_band_side_d.mp4-lunge]":
        "reverse lunges not counted live (0/0 of 3/0) (issue 16)",
    "tests/app/test_live_corpus.py::test_live_session_counts_the_labelled_reps_from_a_slow_webcam_dropping_frames[lunge_reverse_band_side_d.mp4-lunge]":
        "reverse lunges not counted live (0/0 of 3/0) (issue 16)",
    "tests/app/test_live_corpus.py::test_live_session_counts_the_labelled_reps[lunge_split_barbell_rear_e.mp4-lunge]":
        "rear-oblique split squat not counted live (0/0 of 6/0) (issue 16)",
    "tests/app/test_live_corpus.py::test_live_session_counts_the_labelled_reps_from_a_slow_webcam_dropping_frames[lunge_split_barbell_rear_e.mp4-lunge]":
        "rear-oblique split squat not counted live (0/0 of 6/0) (issue 16)",
    "tests/app/test_live_corpus.py::test_live_auto_recognises_the_exercise_and_counts_it[march_highknees_portrait_outdoor_cuts_c.mp4]":
        "fast lifts dropped as too short (issue 16)",
    "tests/app/test_live_corpus.py::test_live_auto_recognises_the_exercise_and_counts_it[march_highknees_side_gym_a.mp4]":
        "fast lifts dropped as too short (issue 16)",
    "tests/app/test_live_corpus.py::test_live_auto_recognises_the_exercise_and_counts_it[lunge_alternating_front_outdoor_h.mp4]":
        "lunges toward the camera read as a march (issue 16)",
    "tests/app/test_live_corpus.py::test_live_auto_recognises_the_exercise_and_counts_it[lunge_reverse_band_side_d.mp4]":
        "reverse lunges rejected, nothing recognised (issue 16)",
    "tests/app/test_live_corpus.py::test_live_auto_recognises_the_exercise_and_counts_it[lunge_split_barbell_rear_e.mp4]":
        "rear-oblique split squat not counted, nothing recognised (issue 16)",
    "tests/app/test_live_corpus.py::test_live_auto_recognises_the_exercise_and_counts_it[slr_supine_side_hold_k.mp4]":
        "held straight-leg raise not counted, nothing recognised (issue 16)",
    "tests/corpus/test_gait_corpus.py::test_every_labelled_event_found[gait_no_arm_swing_side_c.mp4]":
        "the last toe off (12.345 s) is labelled as the walker leaves behind the black box: MediaPipe no longer sees "
        "the toe moving, so it cannot be timed (issue 17)",
    "tests/corpus/test_gait_corpus.py::test_approximate_toe_offs[gait_rear_f.mp4]":
        "rear view, walker 4-8 m away: MediaPipe puts both feet's landmarks on the same foot (the pitch of both labels "
        "peaks at every step) and a foot moves a few pixels a step, so the footprints after the first second are not "
        "told apart; none of the 4 approximate toe offs found within 3 frames (the cadence from the walk's rhythm is "
        "right) (issue 17)",
}
