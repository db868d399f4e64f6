"""The ``nightly`` flow end to end on N generated pages: wall time and peak RSS, first run and a
second run with nothing changed.

For each size, a fresh work folder (raw archive, crawl state, extraction cache, output, Prefect
home); the corpus is served from this process, and each ``nightly`` run happens in its own
subprocess (``--child``). Peak RSS is sampled every 0.1 s (psutil) as the sum over that subprocess and
all its children (crawl subprocesses, and with ``--server temporary`` Prefect's temporary API server),
and for the flow process alone. (``getrusage`` peaks are not used: a child's ``ru_maxrss`` keeps the
high-water mark of the pages it shared with the forking parent, which holds the whole corpus.)

``--server shared`` (the default) runs the flows against one local Prefect server started for the
benchmark, as production runs do (``aiscout serve`` or a worker with PREFECT_API_URL): the server
is not part of the run's process tree, and its own RSS is reported beside it. ``--server
temporary`` lets every run start Prefect's temporary server, as a bare ``aiscout run`` does.

    python benchmarks/bench_flow.py --sizes 1000 10000 [--server temporary]
"""

from __future__ import annotations

import argparse
import contextlib
import inspect
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus
from common import REPO, save, verdict


def child(args: argparse.Namespace) -> int:
    """Run nightly once in this process and print a JSON line with its figures."""
    work = Path(args.work)
    os.environ["PREFECT_HOME"] = str(work / "prefect")
    from common import prefect_env

    prefect_env()
    started = time.perf_counter()
    from pipelines.flows.nightly import nightly
    from spiders.settings import FAST_SETTINGS

    import_s = time.perf_counter() - started
    remap = json.loads(args.remap)
    kwargs = {}
    if "registry" in inspect.signature(nightly.fn).parameters:
        kwargs["registry"] = args.registry
    else:  # older flows read the default registry only: point it (and the crawl subprocesses) here
        import functools

        import spiders.crawl
        import spiders.registry

        spiders.registry.DEFAULT_REGISTRY = Path(args.registry)
        spiders.crawl.crawl = functools.partial(spiders.crawl.crawl, registry_path=Path(args.registry))
    # Other work in the repository must not change the code version (the extraction cache key)
    # between the first and the second run: both runs get the version the parent computed.
    import pipelines.flows.nightly
    import pipelines.flows.versioning

    pipelines.flows.nightly.code_version = pipelines.flows.versioning.code_version = lambda: args.version
    result = nightly(
        raw_dir=str(work / "raw"),
        state_dir=str(work / "state"),
        out=str(work / "out"),
        remap=remap,
        crawl_settings=dict(FAST_SETTINGS),
        **kwargs,
    )
    wall = time.perf_counter() - started
    print(
        "RESULT "
        + json.dumps(
            {
                "wall_s": wall,
                "import_s": import_s,
                "flow_s": result.get("seconds"),
                "documents": sum((result.get("documents") or {}).values()),
                "cached": result.get("cached"),
                "rows": result.get("rows"),
            }
        ),
        flush=True,
    )
    return 0


def _rss_mb(proc) -> tuple[float, float]:
    """(RSS of ``proc`` and all its descendants, RSS of ``proc`` alone) in MB; 0 when it is gone."""
    import psutil

    try:
        procs = [proc, *proc.children(recursive=True)]
    except psutil.Error:
        return 0.0, 0.0
    sizes = []
    for p in procs:
        try:
            sizes.append(p.memory_info().rss)
        except psutil.Error:
            sizes.append(0)
    return sum(sizes) / 2**20, sizes[0] / 2**20


def _tree_rss_mb(proc) -> float:
    return _rss_mb(proc)[0]


def run_nightly(work: Path, registry: Path, remap: dict[str, str], api_url: str | None = None) -> dict:
    """One nightly run in a subprocess; its figures plus the sampled peak RSS of its process tree."""
    import psutil

    from pipelines.flows.versioning import code_version

    cmd = [
        sys.executable,
        __file__,
        "--child",
        "--work",
        str(work),
        "--registry",
        str(registry),
        "--remap",
        json.dumps(remap),
        "--version",
        code_version(),
    ]
    # a busy machine can take longer than Prefect's default 20 s to start its temporary server
    env = {**os.environ, "PYTHONPATH": str(REPO), "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120"}
    if api_url:
        env["PREFECT_API_URL"] = api_url
    else:
        env.pop("PREFECT_API_URL", None)
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    ps = psutil.Process(proc.pid)
    peak = [0.0, 0.0]  # process tree, flow process alone (getrusage would count the forking parent's pages)
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[:] = map(max, peak, _rss_mb(ps))
            done.wait(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    done.set()
    sampler.join()
    wall = time.perf_counter() - started
    if proc.returncode != 0:
        raise RuntimeError(f"nightly failed ({proc.returncode}):\n{err[-3000:]}")
    line = next(ln for ln in out.splitlines() if ln.startswith("RESULT "))
    res = json.loads(line[len("RESULT ") :])
    res.update(process_wall_s=wall, tree_peak_mb=peak[0], self_peak_mb=peak[1])
    return res


def bench_size(n: int, seed: int, keep: Path | None = None, api_url: str | None = None) -> dict:
    from pipelines.devtools.demo_server import serve_snapshot

    with tempfile.TemporaryDirectory(prefix=f"aiscout-bench-flow-{n}-") as tmp:
        work = Path(keep or tmp)
        registry = corpus.write_snapshot(corpus.generate(n, seed), work / "snapshot")
        with serve_snapshot(work / "snapshot") as server:
            first = run_nightly(work, registry, server.remap(), api_url)
            second = run_nightly(work, registry, server.remap(), api_url)
    return {
        "pages": n,
        "first": first,
        "second": second,
        "second_fraction": second["process_wall_s"] / first["process_wall_s"],
    }


@contextlib.contextmanager
def prefect_server(mode: str) -> Iterator[tuple[str | None, Callable[[], float]]]:
    """(PREFECT_API_URL, a function giving the server's RSS in MB) for ``mode``: "shared" starts one
    local server for the whole benchmark; "temporary" gives (None, 0) and every run starts its own."""
    if mode == "temporary":
        yield None, lambda: 0.0
        return
    import psutil

    from pipelines.flows.scheduling import port_is_free, start_local_server

    port = next(p for p in range(4300, 4400) if port_is_free(p))
    with tempfile.TemporaryDirectory(prefix="aiscout-bench-prefect-") as home:
        server = start_local_server(Path(home), port=port)
        try:
            yield server.url, lambda: _tree_rss_mb(psutil.Process(server.process.pid))
        finally:
            server.stop()


def _fmt(r: dict) -> str:
    return (
        f"wall {r['process_wall_s']:7.1f}s (flow {r['flow_s']:.1f}s, imports {r['import_s']:.1f}s)  "
        f"peak RSS tree {r['tree_peak_mb']:6.0f} MB (flow process alone {r['self_peak_mb']:.0f} MB)  "
        f"docs {r['documents']}, cached {r['cached']}"
    )


def _report(res: dict) -> None:
    n = res["pages"]
    print(f"  {n:6d} pages, first run : {_fmt(res['first'])}")
    print(f"  {n:6d} pages, second run: {_fmt(res['second'])}")
    if res["server_rss_mb"]:
        print(f"  {n:6d} pages: the shared Prefect server (not in the runs' trees) holds {res['server_rss_mb']:.0f} MB")
    frac = res["second_fraction"]
    print(f"  {n:6d} pages: second run / first run = {frac:.3f}   (target < 0.10: {verdict(frac < 0.10)})")


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description="nightly end to end: wall time and peak RSS")
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--keep", type=Path, help="work folder to keep (one size only)")
    ap.add_argument(
        "--server",
        choices=["shared", "temporary"],
        default="shared",
        help="one long-running Prefect server (default) or a temporary one per run",
    )
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--work", help=argparse.SUPPRESS)
    ap.add_argument("--registry", help=argparse.SUPPRESS)
    ap.add_argument("--remap", help=argparse.SUPPRESS)
    ap.add_argument("--version", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        sys.exit(child(args))
    results = []
    print(
        "nightly end to end (crawl of a local server, extraction, tables, validation, Parquet), "
        f"Prefect server: {args.server}:"
    )
    with prefect_server(args.server) as (api_url, server_rss):
        for n in args.sizes:
            res = bench_size(n, args.seed, args.keep, api_url)
            res["server_rss_mb"] = server_rss()
            results.append(res)
            _report(res)
    out: dict = {"server": args.server, "sizes": results}
    if len(results) >= 2:
        small, big = results[0], results[-1]
        peak = max(big["first"]["tree_peak_mb"], big["second"]["tree_peak_mb"])
        growth = peak / max(small["first"]["tree_peak_mb"], small["second"]["tree_peak_mb"]) - 1
        out.update(peak_mb_largest=peak, rss_growth=growth)
        print(f"  peak RSS at {big['pages']} pages = {peak:.0f} MB   (target < 600 MB: {verdict(peak < 600)})")
        print(
            f"  peak RSS growth {small['pages']} -> {big['pages']} pages = {growth * 100:+.1f}%   "
            f"(target < +25%: {verdict(growth < 0.25)})"
        )
    save("flow", out)
    return out


if __name__ == "__main__":
    main()
