"""Kinematics: joint and segment angles per frame (angles.py) from the vector helpers of geometry.py, signed in the
person's facing direction and trusted by the camera view (view.py: side, oblique or front, and the facing)."""
