"""Ray engine (optional extra `coach[ray]`): actors that each hold a pose estimator, on a local Ray instance or an
existing cluster (`address`), results streamed back as they finish (ray.wait). Ray is imported only here, lazily."""

from __future__ import annotations

import os
from collections.abc import Generator, Sequence

from coach.analysis import Settings
from coach.batch.record import FileRecord
from coach.batch.worker import FileAnalyser, Job, failed


class RayMissingError(RuntimeError):
    """Ray is not installed."""


def _import_ray():
    """The ray module, or RayMissingError saying how to install it. Ray's usage statistics, which it sends out by
    default when it starts a cluster, are switched off first: nothing leaves the machine."""
    os.environ["RAY_USAGE_STATS_ENABLED"] = "0"
    try:
        import ray
    except ImportError as e:
        raise RayMissingError("the ray engine needs Ray: pip install 'coach[ray]'") from e
    return ray


def run_ray(
    jobs: Sequence[Job], settings: Settings, workers: int | None = None, address: str | None = None
) -> Generator[FileRecord, None, None]:
    """Analyse jobs on `workers` Ray actors (one pose estimator each, one file in flight per actor; default: one per
    CPU of the cluster); yields records as they finish. Starts a local Ray instance unless Ray is already initialised
    or `address` names a running cluster ('auto' or 'ray://head:10001'). The folder and output must be at the same
    path on every node.
    Raises RayMissingError at once (not at the first record) when Ray is not installed."""
    return _stream(_import_ray(), jobs, settings, workers, address)


def _stream(
    ray, jobs: Sequence[Job], settings: Settings, workers: int | None, address: str | None
) -> Generator[FileRecord, None, None]:
    """The generator behind run_ray: start or join Ray, keep every actor busy, yield records, clean up."""
    if not jobs:
        return
    started = not ray.is_initialized()
    if started:
        kwargs = {"address": address} if address else {"num_cpus": workers}
        ray.init(**kwargs, include_dashboard=False, log_to_driver=False, configure_logging=False)
    workers = workers or int(ray.cluster_resources().get("CPU", 1))
    actor_class = ray.remote(num_cpus=1)(FileAnalyser)
    queue = list(reversed(jobs))
    actors = [actor_class.remote(settings) for _ in range(max(1, min(workers, len(jobs))))]
    in_flight: dict = {}  # object ref -> (actor, job)

    def submit(actor) -> None:
        if queue:
            job = queue.pop()
            in_flight[actor.analyse.remote(job)] = (actor, job)

    try:
        for actor in actors:
            submit(actor)
        while in_flight:
            [ref], _ = ray.wait(list(in_flight), num_returns=1)
            actor, job = in_flight.pop(ref)
            try:
                record = ray.get(ref)
            except ray.exceptions.RayActorError:  # the actor's process died: replace it, fail only this file
                actors.remove(actor)
                actor = actor_class.remote(settings)
                actors.append(actor)
                record = failed(job, "the Ray worker analysing it died; rerun with --retry-failed", settings.task)
            except ray.exceptions.RayError:
                record = failed(job, "the Ray task failed; rerun with --retry-failed", settings.task)
            submit(actor)
            yield record
    finally:
        for actor in actors:
            ray.kill(actor)
        if started:
            ray.shutdown()
