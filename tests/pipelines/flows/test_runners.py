"""Task runners: threads by default, Dask (local cluster or an address) for scale-out."""

from __future__ import annotations

import pytest
from prefect import flow, task
from prefect.task_runners import ThreadPoolTaskRunner
from prefect_dask import DaskTaskRunner

from pipelines.flows.runners import make_task_runner, with_runner


@task
def word_stats(word: str) -> dict[str, object]:
    return {"word": word, "length": len(word), "upper": word.upper()}


@flow
def stats_flow(words: list[str]) -> list[dict[str, object]]:
    return [future.result() for future in word_stats.map(words)]


def test_threads_is_the_default():
    assert isinstance(make_task_runner(), ThreadPoolTaskRunner)


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"kind": "ray"}, "unknown task runner 'ray': use one of threads, dask"),
        ({"kind": "threads", "dask_address": "tcp://h:8786"}, "needs the dask task runner"),
        ({"kind": "dask", "n_workers": 0}, "n_workers must be at least 1"),
    ],
)
def test_bad_arguments_are_clear_errors(kwargs, message):
    with pytest.raises(ValueError, match=message):
        make_task_runner(**kwargs)


def test_with_runner_returns_a_copy_with_that_runner():
    dask_flow = with_runner(stats_flow, "dask")
    assert isinstance(dask_flow.task_runner, DaskTaskRunner)
    assert dask_flow.name == stats_flow.name and dask_flow.fn is stats_flow.fn
    assert not isinstance(stats_flow.task_runner, DaskTaskRunner)


@pytest.mark.slow
def test_dask_local_cluster_gives_the_same_results_as_threads(prefect_harness):
    words = ["AI", "Sverige", "kunstmatige", "intelligenz", "nyheter"]
    threads = with_runner(stats_flow, "threads")(words)
    dask = with_runner(stats_flow, "dask")(words)
    assert dask == threads
    assert [row["length"] for row in dask] == [2, 7, 11, 11, 7]
