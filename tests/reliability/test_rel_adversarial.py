"""Catastrophic backtracking: adversarial strings (long runs of digits, separators, capitals, acronyms ...) go
through every parser in every language and through extract_document, each in a child process with a hard
limit on its CPU time."""

from __future__ import annotations

import psutil
import pytest

# -- catastrophic backtracking: adversarial strings, each in a child process with a hard limit -------------
ADVERSARIAL = {
    "digits with spaces": "1 " * 10000,
    "digits with dots": "1." * 10000,
    "digits with commas": "1," * 10000,
    "digits with nbsp": "1\u00a0" * 10000,
    "long number": "9" * 100000,
    "mixed separators": "1 000,000.000 " * 2500,
    "repeated months": "januari " * 2500 + "März " * 2500 + "mei " * 2500 + "October " * 2500,
    "month day runs": "1 januari 2 februari 3 mars " * 1500,
    "a x 100000": "a" * 100000,
    "nested parentheses": "(A " * 5000 + ")" * 5000,
    "acronym definitions": " ".join(f"Centrum {chr(65 + i % 26)}{chr(65 + i // 26 % 26)} (C{i})" for i in range(3000)),
    "capitalised run": " ".join(f"{chr(65 + i % 26)}aa" for i in range(5000)),
    "capitalised run with heads": "Universität " + " ".join(f"{chr(65 + i % 26)}bb" for i in range(5000)),
    "many quotes": '"' * 20000 + "“" * 5000 + "«" * 5000,
    "quoted names": ' "Aaa Bbb" ' * 2500,
    "currency soup": "€ $ kr SEK EUR Mio. miljoner " * 1500,
    "range chains": "1–2–3–4–" * 2500 + " miljoner kronor",
    "titles and names": "Prof. Dr. " * 5000 + "Anna Svensson",
    "dateline cues": "Publicerad: " * 5000,
    "dashes and slashes": "-/" * 25000,
    "many newlines": "\n" * 50000 + "Aaa",
    "unicode digits": "١٢٣٫٤ " * 5000,
}


# A hang detector, in the child's CPU seconds: every parser in every language, plus extract_document.
PER_STRING_LIMIT_S = 10.0
WALL_FACTOR = 10  # a child that neither finishes nor uses CPU (blocked) is a hang after this many limits of wall time


def _cpu_seconds(pid: int) -> float:
    """CPU time (user + system) of process ``pid`` so far: a load-independent clock."""
    times = psutil.Process(pid).cpu_times()
    return times.user + times.system


_ADVERSARIAL_CHILD = """
import json, sys, time
sys.path.insert(0, "tests/reliability")
from test_rel_adversarial import ADVERSARIAL
from test_rel_fuzz import LANGS
from pipelines.extract import extract_document, ExtractionError
from pipelines.extract.pubdate import find_dateline
from pipelines.parsers.amounts import find_amounts
from pipelines.parsers.dates import find_dates
from pipelines.parsers.numbers import parse_number
from pipelines.parsers.organisations import find_organisations
from pipelines.parsers.people import find_people
from pipelines.parsers.programmes import find_programmes
parsers = (parse_number, find_amounts, find_dates, find_organisations, find_programmes, find_people, find_dateline)
worker, workers = int(sys.argv[1]), int(sys.argv[2])
for name in sorted(ADVERSARIAL)[worker::workers]:
    text = ADVERSARIAL[name]
    print("start\t" + name, flush=True)
    t = time.process_time()
    for lang in LANGS:
        for parse in parsers:
            parse(text, lang)
    try:
        extract_document(text)
    except ExtractionError:
        pass
    print("done\t%s\t%.2f" % (name, time.process_time() - t), flush=True)
"""
WORKERS = 2


@pytest.mark.slow
def test_adversarial_strings_finish() -> None:
    """Each adversarial string goes through every parser (4 languages) and extract_document in a child
    process (two children share the strings); a string that uses more than PER_STRING_LIMIT_S of the
    child's CPU time (so a busy machine does not count), or WALL_FACTOR times that in wall time, is a hang:
    the children are killed and the test fails naming the string."""
    import selectors
    import subprocess
    import sys
    import time

    from tests.helpers.paths import REPO

    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _ADVERSARIAL_CHILD, str(i), str(WORKERS)],
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i in range(WORKERS)
    ]
    sel = selectors.DefaultSelector()
    state = {}
    for proc in procs:
        sel.register(proc.stdout, selectors.EVENT_READ, proc)
        state[proc] = [None, 0.0, time.monotonic()]  # current string, CPU and wall time at its start (first: start-up)
    done: dict[str, float] = {}
    try:
        while len(done) < len(ADVERSARIAL):
            for proc, (current, cpu_start, wall_start) in state.items():
                if current in done or proc.poll() is not None:
                    continue
                limit = PER_STRING_LIMIT_S if current else 6 * PER_STRING_LIMIT_S  # start-up imports more
                cpu = _cpu_seconds(proc.pid) - cpu_start
                if cpu > limit or time.monotonic() - wall_start > WALL_FACTOR * limit:
                    pytest.fail(
                        f"hang: {current or 'start-up'!r} did not finish within {limit}s of CPU time "
                        f"(used {cpu:.1f}s; finished: {done})"
                    )
            for key, _ in sel.select(timeout=0.5):
                proc = key.data
                line = proc.stdout.readline()
                if not line:
                    sel.unregister(proc.stdout)
                    if proc.wait() != 0:
                        pytest.fail(f"child died on {state[proc][0]!r}: {proc.stderr.read()[-3000:]}")
                    continue
                kind, name, *rest = line.rstrip("\n").split("\t")
                if kind == "start":
                    state[proc] = [name, _cpu_seconds(proc.pid), time.monotonic()]
                else:
                    done[name] = float(rest[0])
    finally:
        for proc in procs:
            proc.kill()
            proc.wait()
    assert set(done) == set(ADVERSARIAL)
