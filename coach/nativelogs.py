"""Keep the pose model's native log lines off the terminal, and never hide an error.

MediaPipe, absl, LiteRT and XNNPACK write about 150 INFO and WARNING lines ('Sparsity tensors may not yet be fully
supported', 'Creating LiteRT environment with options', 'XNNPACK CPU accelerator registered', ...) to file
descriptor 2 on every analysis, below Python: neither `logging` nor GLOG_minloglevel, TF_CPP_MIN_LOG_LEVEL or
ABSL_MIN_LOG_LEVEL silence them with this mediapipe, and its C API's log callback only adds a listener beside stderr.

`filter_native_logs()` points descriptor 2 at a small filter process that drops the lines known to be noise (INFO
lines, and a list of known harmless warnings) and passes every other line (errors, fatal messages, a crash's last
words, any warning not on the list) to the real stderr. Python's own stderr (progress bars, coach's messages,
tracebacks) keeps writing to the terminal directly. The filter is a separate process so that it outlives a crash of
coach and still prints what the crash wrote; it ends when the last writer (coach and its worker processes) is gone.
Set COACH_NATIVE_LOGS=1 to see every line.
"""

from __future__ import annotations

import os
import subprocess
import sys

#: Lines dropped: absl/glog INFO lines ('I0000 00:00:... 123 file.cc:45] ...'), LiteRT/TFLite INFO lines, and the
#: warnings this mediapipe prints on every run that say nothing about the user's clip or the results.
NOISE = (
    r"I\d{4} \S+\s+\d+ \S+:\d+\] ",
    r"INFO: ",
    r"WARNING: All log messages before absl::InitializeLog\(\) is called are written to STDERR",
    r"WARNING: Logging before InitGoogle\(\) is written to STDERR",
    r"WARNING: \[model_load\.cc:\d+\] Sparsity tensors may not yet be fully supported",
    r"W\d{4} \S+\s+\d+ inference_runner_litert\.cc:\d+\] Input tensor memory is not aligned",
    r"W\d{4} \S+\s+\d+ landmark_projection_calculator\.cc:\d+\] Using NORM_RECT without IMAGE_DIMENSIONS",
    r"\s*$",
)

# The filter process: copy stdin to stdout line by line, without the noise; ignores Ctrl-C (it ends at end of input).
_FILTER = f"""
import re, signal, sys
signal.signal(signal.SIGINT, signal.SIG_IGN)
noise = re.compile(rb"(?:{"|".join(NOISE)})")
out = sys.stdout.buffer
for line in sys.stdin.buffer:
    if not noise.match(line):
        out.write(line)
        out.flush()
"""

_installed = False


def filter_native_logs() -> None:
    """From now on, native code's stderr in this process (and the processes it starts) goes through the filter;
    Python's sys.stderr writes to the real stderr directly. Does nothing when already done or COACH_NATIVE_LOGS=1."""
    global _installed
    if _installed or os.environ.get("COACH_NATIVE_LOGS") == "1" or not _stderr_is_fd2():
        return
    sys.stderr.flush()
    real = os.dup(2)
    read_end, write_end = os.pipe()
    subprocess.Popen(
        [sys.executable, "-I", "-S", "-c", _FILTER], stdin=read_end, stdout=real, stderr=real, start_new_session=True
    )
    os.close(read_end)
    os.dup2(write_end, 2)
    os.close(write_end)
    sys.stderr = os.fdopen(real, "w", buffering=1, encoding=sys.stderr.encoding or "utf-8", errors="backslashreplace")
    _installed = True


def _stderr_is_fd2() -> bool:
    """True when sys.stderr writes to descriptor 2 (a terminal, a pipe, a file): not when a caller captures it in
    memory (typer's CliRunner, an embedding application), whose stream must be left alone."""
    try:
        return sys.stderr.fileno() == 2
    except (AttributeError, OSError, ValueError):  # io.UnsupportedOperation is an OSError and a ValueError
        return False
