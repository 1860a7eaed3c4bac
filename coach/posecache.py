"""Keep the pose stage's output of a clip, so pose estimation (nearly all of the cost) runs once per clip, settings
and pose code: tests, benchmarks and a re-analysis with other analysis settings reuse the saved landmarks.

A cached run is found by a key made of the clip's content, the pose-stage settings and the code of every module
that shapes the landmarks (and the model's hash), so changing any of them never reuses a stale run. The code counts
as its syntax tree without docstrings or types, so reformatting, rewording a comment or adding a type annotation keeps
the saved runs.
"""

from __future__ import annotations

import ast
import hashlib
import os
import tempfile
from functools import cache
from pathlib import Path

from coach.analysis import Analysis, Settings, analyze_posed, run_pose
from coach.model import MODEL_SHA256
from coach.people import PoseRun
from coach.video import pose_stride, probe

#: Modules whose code decides the landmarks of a clip (decoding, inference, following the person).
POSE_STAGE_MODULES = ("video", "pose", "tracking", "camera_motion", "people", "landmarks", "types")


class _Untyped(ast.NodeTransformer):
    """Take the types out of a syntax tree: arguments and returns unannotated, an annotated assignment in a function a
    plain one (a bare `x: int` there is dropped: it does nothing), a class's annotated names (dataclass fields) kept
    with one placeholder type."""

    def __init__(self) -> None:
        self.in_function = False

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> ast.AST:
        node.returns = None
        outer, self.in_function = self.in_function, True
        self.generic_visit(node)
        self.in_function = outer
        return node

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_ClassDef(self, node: ast.ClassDef) -> ast.AST:
        outer, self.in_function = self.in_function, False
        self.generic_visit(node)
        self.in_function = outer
        return node

    def visit_arg(self, node: ast.arg) -> ast.AST:
        node.annotation = None
        return node

    def visit_AnnAssign(self, node: ast.AnnAssign) -> ast.AST | None:
        if not self.in_function:
            node.annotation = ast.Name("_")
            return node
        if node.value is None:
            return None
        return ast.Assign(targets=[node.target], value=node.value)


def code_shape(source: str) -> str:
    """A module's syntax tree without docstrings or types (_Untyped), as text: what the code does, blind to layout,
    comments and type annotations."""
    tree = _Untyped().visit(ast.parse(source))
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if (
            isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
            and body
            and isinstance(body[0], ast.Expr)
            and isinstance(body[0].value, ast.Constant)
            and isinstance(body[0].value.value, str)
        ):
            node.body = body[1:] or [ast.Pass()]
    return ast.dump(tree)


@cache
def code_fingerprint() -> str:
    """sha256 of the pose-stage modules' code (see code_shape) and of the model."""
    h = hashlib.sha256(MODEL_SHA256.encode())
    here = Path(__file__).resolve().parent
    for name in POSE_STAGE_MODULES:
        h.update(code_shape((here / f"{name}.py").read_text(encoding="utf-8")).encode())
    return h.hexdigest()


def clip_fingerprint(path: str | Path) -> str:
    """sha256 of a file's content."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def pose_key(path: str | Path, settings: Settings) -> str:
    """The cache key of a clip's pose run under these settings (only the pose-stage settings count: the frames posed
    and whether a person lying down is looked for, not the task asking for them, so a 30 fps clip has one run for all
    the tasks done standing)."""
    stride = pose_stride(probe(path).fps, settings.pose_rate_hz)
    pose = f"max_side={settings.max_side};stride={stride};{settings.pose_config}"
    text = f"{clip_fingerprint(path)};{pose};{code_fingerprint()}"
    return hashlib.sha256(text.encode()).hexdigest()[:20]


def cache_file(path: str | Path, settings: Settings, folder: str | Path) -> Path:
    """Where the clip's pose run under these settings is kept in `folder` (it may not be there yet)."""
    return Path(folder) / f"{Path(path).stem}-{pose_key(path, settings)}.npz"


def cached_pose_run(path: str | Path, settings: Settings, folder: str | Path) -> PoseRun:
    """The clip's pose run from `folder` when saved there under the same key, else run pose and save it (written
    aside and moved in, so a reader never sees half a file)."""
    folder = Path(folder)
    file = cache_file(path, settings, folder)
    if file.is_file():
        try:
            return PoseRun.load(file)
        except (OSError, ValueError, KeyError):  # a damaged cache file is recomputed, never trusted
            file.unlink(missing_ok=True)
    run = run_pose(path, settings)
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(suffix=".npz", dir=folder)
    os.close(fd)
    try:
        run.save(tmp)
        os.replace(tmp, file)
    finally:
        Path(tmp).unlink(missing_ok=True)
    return run


def cached_analysis(path: str | Path, settings: Settings, folder: str | Path) -> Analysis:
    """The clip analysed under these settings from its cached pose runs (posed at the rate the task needs, as
    coach.analysis.analyze_posed asks)."""
    return analyze_posed(lambda s: cached_pose_run(path, s, folder), settings)
