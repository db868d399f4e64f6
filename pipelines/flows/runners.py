"""Task runners for the flows: threads in this process (the default) or a Dask cluster.

``dask`` without an address builds a LocalCluster of worker processes for each flow run
(9–15 s of start-up); with ``tcp://host:8786`` it uses an existing cluster, whose workers must
be able to import ``pipelines`` and ``spiders`` and reach the data folders.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

from prefect import Flow
from prefect.context import FlowRunContext
from prefect.settings import PREFECT_API_URL, get_current_settings
from prefect.task_runners import TaskRunner, ThreadPoolTaskRunner

if TYPE_CHECKING:
    from distributed import LocalCluster

TASK_RUNNERS = ("threads", "dask")

P = ParamSpec("P")
R = TypeVar("R")


def make_task_runner(kind: str = "threads", dask_address: str | None = None, n_workers: int = 2) -> TaskRunner[Any]:
    """A Prefect task runner: ``threads`` (ThreadPoolTaskRunner) or ``dask`` (DaskTaskRunner on
    ``dask_address``, or on a local cluster of ``n_workers`` processes when it is None)."""
    if kind not in TASK_RUNNERS:
        raise ValueError(f"unknown task runner {kind!r}: use one of {', '.join(TASK_RUNNERS)}")
    if kind == "threads":
        if dask_address:
            raise ValueError("a Dask address needs the dask task runner (--task-runner dask)")
        return ThreadPoolTaskRunner()
    if n_workers < 1:
        raise ValueError(f"n_workers must be at least 1, not {n_workers}")
    from prefect_dask import DaskTaskRunner

    if dask_address:
        return DaskTaskRunner(address=dask_address)
    return DaskTaskRunner(cluster_class=local_cluster, cluster_kwargs={"n_workers": n_workers, "processes": True})


def local_cluster(**kwargs: Any) -> LocalCluster:
    """A LocalCluster on 127.0.0.1 whose workers use this process's Prefect settings and API.

    Without this, each worker process of a run on Prefect's temporary server (no
    PREFECT_API_URL) starts a temporary server of its own and its task runs go there."""
    from distributed import LocalCluster

    env = get_current_settings().to_environment_variables(exclude_unset=True)
    context = FlowRunContext.get()
    api_url = str(context.client.api_url) if context else PREFECT_API_URL.value()
    if api_url:
        env["PREFECT_API_URL"] = api_url
    logging.getLogger("distributed").setLevel(logging.WARNING)  # dask's INFO lines are chatty
    return LocalCluster(host="127.0.0.1", dashboard_address=None, env=env, **kwargs)


def with_runner(flow: Flow[P, R], kind: str = "threads", dask_address: str | None = None) -> Flow[P, R]:
    """``flow`` with the task runner of ``kind`` (see ``make_task_runner``)."""
    return flow.with_options(task_runner=make_task_runner(kind, dask_address))
