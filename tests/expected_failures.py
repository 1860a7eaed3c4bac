"""The one list of today's known failures (the labelled corpus, and synthetic cases found through it): test id -> why
it fails. Each is a strict expected failure (tests/conftest.py), so a fixed clip fails until its line is removed. The
list only shrinks; labels and tolerances are never loosened to empty it.

MediaPipe's landmarks differ in their last digits between processors (the same clip, package versions and coach code),
and a few results on the corpus move with them. The split is not the maker: an Intel machine with AVX-512, CI on Intel,
and an AMD EPYC with AVX-512 give one set of results, two AMD machines (CI once, a development machine; their CPU flags
were not recorded, and EPYCs before Zen 4 have no AVX-512) the other. MediaPipe's XNNPACK picks its kernels by the
instructions a processor has, so the list is keyed by AVX-512 (an earlier try keyed it by maker, and the AMD EPYC with
AVX-512 then passed the four "AMD" failures and failed the "Intel" one); the test session's header prints the key a
machine gets, so the next machine that disagrees is seen. Those failures are listed with the arithmetic they were seen
with (CPU_EXPECTED_FAILURES) and are strict there only: the list records what each machine does, and a result that flips
with the last digits of the pose model's output is a rule to make more robust, not a label to move."""

_LIVE = "tests/app/test_live_corpus.py::"
_INV = "tests/corpus/test_exercise_invariance.py::"
_EDITS = (
    "the clip's zoom-blur transition (10.0-10.3 s) moves the hips 0.3-0.4 trunk lengths a frame at 30 fps and "
    "0.7-0.8 at 15 fps, over the 0.75 of a picture cut (coach/kinematics/picture_cuts.py): with every other frame "
    "dropped, the left lift the blur starts on (labelled not counted) is cut off, and counted on the clip itself (22 "
    "left; label 21 +- 2). A rule on one frame's jump holds when the clip is played faster or slower, one on the hips' "
    "speed would hold when frames are dropped; no one threshold holds for both on a transition that lasts several "
    "frames (issue 16)"
)
_MEDIAPIPE = (
    "MediaPipe on the transformed picture places the left hip/knee of the 0.3 s high-knee lifts ~6 deg "
    "lower than on the clip itself (median over 9 lifts; the counts hold) (issue 16)"
)

_GAIT = "tests/corpus/test_gait_corpus.py::"
_ASSESS = "tests/corpus/test_assessments_corpus.py::"
#: The lab walker changed by each picture variant: (% of frames the person is found in, labelled heel strikes and toe
#: offs missed of 22, cadence in steps/min).
_LAB_D = {
    "mirrored": (70, 5, 123),
    "tilted_cw": (74, 6, 124),
    "tilted_ccw": (87, 5, 117),
    "360p": (57, 11, 116),
    "low_bitrate": (73, 7, 89),
}
_CIRC_MISSED = {
    "tilted_cw": (3, "one foot, off and on, for 2 s before the second pass, which starts 0.9 s later than on the clip"),
    "tilted_ccw": (3, "both feet for the first 1.4 s of the walk"),
}
#: How the timing variants of the labelled walkers change them (tests/corpus/test_gait_corpus.py GAIT_TIMINGS).
_TIMED = {
    "half_frame_rate": "with every other frame dropped",
    "walked_slower": "walked at half the pace (timestamps doubled)",
}
_CHANGED = {
    "mirrored": "mirrored",
    "tilted_cw": "tilted 8 deg clockwise",
    "tilted_ccw": "tilted 8 deg counter-clockwise",
    "360p": "downscaled to 360p",
    "low_bitrate": "re-encoded at a low bitrate",
}


def _lab_d(picture: str) -> str:
    found, missed, cadence = _LAB_D[picture]
    return (
        f"the small walker in the dark lab is at MediaPipe's limit (on the clip itself 9 of 14 footprints have the "
        f"feet swapped): {_CHANGED[picture]}, the clip has the person in {found}% of frames (84% itself), {missed} of "
        f"the 22 labelled heel strikes and toe offs are not found, no side keeps 3 usable strides for a verdict, and "
        f"the cadence is {cadence} steps/min for 118 (issue 17)"
    )


EXPECTED_FAILURES: dict[str, str] = {
    **{_GAIT + f"test_gait_events_hold_when_the_picture_changes[gait_lab_side_d.mp4-{p}]": _lab_d(p) for p in _LAB_D},
    **{
        _GAIT + f"test_gait_cadence_and_verdict_hold_when_the_picture_changes[gait_lab_side_d.mp4-{p}]": _lab_d(p)
        for p in _LAB_D
    },
    **{
        _GAIT + f"test_gait_events_hold_when_the_picture_changes[gait_circumduction_side_b.mp4-{p}]": (
            f"{_CHANGED[p]}, the cadence and the asymmetric verdict hold, but {n} of the 24 labelled heel strikes and "
            f"toe offs are not found: the walker's feet are at the bottom edge of the picture, and the tilt turns them "
            f"out of it ({where}; MediaPipe places the heel below the picture's edge, so the foot is not seen there) "
            "(issue 17)"
        )
        for p, (n, where) in _CIRC_MISSED.items()
    },
    _INV + "test_counts_hold_at_half_the_frame_rate[march_highknees_portrait_outdoor_cuts_c.mp4]": _EDITS,
    _INV + "test_counts_hold_when_the_clip_is_played_faster_or_slower[lunge_reverse_band_side_d.mp4-0.5x]": (
        "the clip's own second lunge is measured on a 4-frame landmark spike (knee 25 -> 106 -> 59 deg within 0.13 "
        "s at 2.8 s: ROM 84 deg); played twice as fast the Hampel window spans the spike and removes it (ROM 65 "
        "deg, the right one): the clip, not the variant, is off (issue 16)"
    ),
    _INV + "test_counts_hold_when_the_clip_is_played_faster_or_slower[slr_supine_side_a.mp4-0.5x]": (
        "a 16 deg leg movement at 25.7 s, where the picture jumps, is cut off at normal speed and counted when played "
        "twice as fast (issue 16)"
    ),
    _INV + "test_counts_hold_when_the_picture_changes[march_highknees_side_gym_a.mp4-mirrored]": _MEDIAPIPE,
    **{
        _INV + f"test_counts_hold_when_the_picture_changes[lunge_split_one_leg_side_b.mp4-{picture}]": (
            f"the 11 lunges count on the {picture} clip as on the clip itself, but MediaPipe reads the front knee's "
            f"bend {how} (median over the lunges, {got} against 85.6 deg; the tolerance is 5) (issue 16)"
        )
        for picture, how, got in (("mirrored", "9 deg deeper", "94.8"), ("tilted_ccw", "5.1 deg shallower", "80.5"))
    },
    _INV + "test_a_leg_cut_off_is_counted_or_named[march_highknees_side_gym_a.mp4]": (
        "feet cut off at mid-shin: the left (far) leg is named as not readable for 67% of the set (2 of its 9 lifts "
        "counted), but the right (near) leg counts 7 of 9 without being named. At 1.1 s the far knee, its ankle "
        "guessed at the picture's edge, reads bent 65-90 deg (confidence 0.5) under the right lift, which is then "
        "listed as 'both knees bent deeply together' (not counted); at 2.4-2.7 s MediaPipe gives the left leg's lift "
        "to the right leg's landmarks, and two lifts merge into one (issue 16)"
    ),
    _LIVE + "test_live_session_counts_the_labelled_reps_from_a_slow_webcam_dropping_frames["
    "march_highknees_portrait_outdoor_cuts_c.mp4-march]": (
        "0.3 s high-knee lifts through a webcam dropping frames at random: 18/16 of 21/22 (issue 16)"
    ),
    _LIVE + "test_live_at_browser_frame_rates_gives_the_offline_counts_and_range["
    "march_highknees_portrait_outdoor_cuts_c.mp4-march-8.0]": (
        "live, the person is followed again 1 s after the clip's hard cut (5.8 s; LiveFollower's patience, so that a "
        "webcam never jumps to someone else), so the right lifts at 6.15 and 6.75 s are not seen at any frame rate "
        "(20 right at 30 fps); at 8 fps one more 0.3 s lift is lost: 19 right where offline, reading the person's "
        "facing afresh after the cut, counts 22 (label 22 +- 2) (issue 16)"
    ),
    _LIVE + "test_live_session_counts_the_labelled_reps_from_a_slow_webcam_dropping_frames["
    "lunge_split_barbell_rear_e.mp4-lunge]": "rear-view split squat through a webcam losing 30 % of 15 fps: the "
    "knee angle seen from behind dips for one frame mid-rep (10.6 s, 68 -> 28 -> 91 deg, frames 0.13 s apart) and one "
    "rep is counted as two (7 of 6). Not a glitch rule in samples alone: the same stream sees the real return between "
    "reps 1 and 2 (8.1-8.4 s, 0.25 s under the exit level) in one frame too, and so does a webcam at 8 fps between two "
    "0.3 s high-knee lifts (3 of 18 merged when a single frame below the exit level was never a return) (issue 16)",
    **{
        f"tests/test_pose.py::test_two_people_walking_past_each_other_keep_their_tracks[{fps}]": (
            "two walkers crossing: people are linked to tracks by the torso centre nearest to where each was last "
            "seen, so after the crossing (one of them hidden for a few frames) the visible one walks onto the place "
            "where the hidden one vanished and takes their track; the followed person is the other one for 48 of 180 "
            "frames at 30 fps. Preferring the pairs nearest to where each track was heading (constant velocity over "
            "0.3 s) fixes it; reaching as far as the heading carries a track moved slr_supine_side_a's recognition (a "
            "drifting fit captured the patient after a video edit), and reaching only as far as the last place seen "
            "keeps every exercise clip but attaches gait_lab_side_d's last 6 frames, a collapsed fit of the walker "
            "(leg length halved, facing flipped), to the walker and loses its last heel strike (91% -> 89% of gait "
            "events within 2 frames). Gating links by body size does not separate them: consecutive detections of "
            "one person vary 0.3-3.4x in size on the corpus. Matching the tracks seen in the last frame first "
            "(DeepSORT's cascade) fixes it too, and times gait_rear_e's cadence right (112 steps/min for ~112; 125 "
            "now), but attaches the same collapsed fits (torso 58 -> 2-32 px, ankles 90 px above the floor) and loses "
            "that heel strike; refusing a link whose torso changes over 2x (the followed person's changes 0.75-1.33x "
            "between frames on every clean labelled clip) does not save it (a second fit with a 50 px torso is "
            "linked) and, by no longer linking slr_supine_side_a's split-screen replay, lets a 15 deg 'raise' across "
            "it count (issue 17)"
        )
        for fps in ("10.0", "30.0")
    },
    **{
        _GAIT + f"test_gait_events_hold_at_half_the_frame_rate_and_walked_slower[gait_lab_side_d.mp4-{t}]": (
            f"the small walker in the dark lab is at MediaPipe's limit (on the clip itself 9 of 14 footprints have "
            f"the feet swapped): {how}, 2 of the 11 labelled heel strikes are not found (issue 17)"
        )
        for t, how in _TIMED.items()
    },
    **{
        _GAIT
        + f"test_gait_cadence_and_verdict_hold_at_half_the_frame_rate_and_walked_slower[gait_lab_side_d.mp4-{t}]": (
            f"the small walker in the dark lab is at MediaPipe's limit (on the clip itself 9 of 14 footprints have "
            f"the feet swapped): {how}, {what} (issue 17)"
        )
        for t, how, what in (
            ("half_frame_rate", _TIMED["half_frame_rate"], "the cadence is 104 steps/min for 118"),
            (
                "walked_slower",
                _TIMED["walked_slower"],
                "the label hops between the feet now last twice as long, 14 heel strikes are found for 11 and the "
                "cadence is 87 steps/min for 59",
            ),
        )
    },
    _GAIT + "test_gait_events_hold_at_half_the_frame_rate_and_walked_slower[gait_no_arm_swing_side_c.mp4-"
    "half_frame_rate]": (
        f"{_TIMED['half_frame_rate']}, as on the clip itself: the last toe off (12.345 s) is labelled as the walker "
        "leaves behind the black box, where MediaPipe no longer sees the toe moving (issue 17)"
    ),
    _GAIT + "test_gait_events_hold_when_the_picture_changes[gait_lab_side_d.mp4-panned]": (
        "panned to follow the walker (tests/corpus/derived.py), the pan measured within a pixel of ffmpeg's: the small "
        "walker in the dark lab is at MediaPipe's limit (on the clip itself 9 of 14 footprints have the feet swapped; "
        "here 7 of 12), and the last two heel strikes (5.30, 5.83 s) and the last toe off (5.37 s) are not found "
        "(on the clip itself they are); the cadence and the symmetric verdict hold (issue 17)"
    ),
    **{
        _GAIT + f"test_every_event_not_found_{test}_is_told[gait_lab_side_d.mp4-{variant}]": (
            f"the small walker in the dark lab is at MediaPipe's limit (on the clip itself 9 of 14 footprints have the "
            f"feet swapped): {how}, {what}, and no rule sees the loss (issue 17)"
        )
        for test, variant, how, what in (
            (
                "when_the_picture_changes",
                "tilted_cw",
                _CHANGED["tilted_cw"],
                "the heel strikes at 0.77 s (0.1 s into the first pass) and 5.83 s (0.2 s before the second ends, "
                "which is 0.8 s after the last landing found of that foot, 5.26 s: within the 1.25 strides a foot may "
                "take to land again) are not found",
            ),
            (
                "when_the_picture_changes",
                "low_bitrate",
                _CHANGED["low_bitrate"],
                "the heel strike at 3.87 s, 0.14 s into the second pass (the person lost from 3.23 to 3.73 s), is not "
                "found",
            ),
            (
                "at_half_the_frame_rate_or_walked_slower",
                "half_frame_rate",
                _TIMED["half_frame_rate"],
                "the toe off at 4.90 s is not found while the one before (3.93 s) is taken 0.37 s late (4.30 s), so "
                "that foot's events stay in order",
            ),
        )
    },
    "tests/corpus/test_gait_corpus.py::test_every_labelled_event_found[gait_no_arm_swing_side_c.mp4]": (
        "the last toe off (12.345 s) is labelled as the walker leaves behind the black box: MediaPipe no longer sees "
        "the toe moving, so it cannot be timed (issue 17)"
    ),
    "tests/corpus/test_gait_corpus.py::test_approximate_toe_offs[gait_rear_f.mp4]": (
        "rear view, walker 4-8 m away: MediaPipe puts both feet's landmarks on the same foot (the pitch of both "
        "labels peaks at every step) and a foot moves a few pixels a step, so the footprints after the first second "
        "are not told apart; none of the 4 approximate toe offs found within 3 frames (the cadence from the walk's "
        "rhythm is right) (issue 17)"
    ),
}

#: The arithmetic of a machine (tests/conftest.py cpu_arithmetic): with AVX-512 or without.
AVX512 = "AVX-512"
NO_AVX512 = "no AVX-512"
_SLR = (
    "without AVX-512: with the timing changed one of the clip's 2 left raises is not counted (1 + 1 against 2 + 1; "
    "of 8 leg raises seen 2 counted, 5 cut off by an edit of the video, a one-frame drop at 24.2 s ignored) (issue 16)"
)

#: Test id -> (the arithmetic, AVX512 or NO_AVX512, of the machines it fails on; why).
CPU_EXPECTED_FAILURES: dict[str, tuple[str, str]] = {
    _INV + "test_counts_hold_when_the_picture_changes[march_highknees_side_gym_a.mp4-360p]": (AVX512, _MEDIAPIPE),
    _INV + "test_counts_hold_at_half_the_frame_rate[slr_supine_side_a.mp4]": (NO_AVX512, _SLR),
    _INV + "test_counts_hold_when_the_clip_is_played_faster_or_slower[slr_supine_side_a.mp4-2x]": (NO_AVX512, _SLR),
    **{
        _ASSESS + f"test_tug_total_within_the_labels_tolerance[tug_oblique_d.mp4-{rate}]": (
            NO_AVX512,
            "without AVX-512: the return to the chair is timed 0.23 s after the label (18.23 s), total 13.16 s "
            f"against 12.87 +- 0.25 s{also} (issue 16)",
        )
        for rate, also in (("every_frame", ""), ("half_frame_rate", ", on every frame and so at half the frame rate"))
    },
    "tests/test_cli.py::test_demo_reports_two_people_and_says_each_fact_once": (
        NO_AVX512,
        "without AVX-512: on the bundled two-person walk coach finds 4 left and 1 right heel strikes (cadence 189, "
        "rough) and no stance per leg, so the demo prints no walking figures (issues 17, 20)",
    ),
}
