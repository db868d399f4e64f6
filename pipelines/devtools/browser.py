"""Open a page in a real headless Chromium through the DevTools protocol: what it logged as errors,
which images it drew, and a full-page screenshot. Used by the report's browser test and to make
the README's screenshot (``python -m pipelines.devtools.browser PAGE.html SHOT.png``)."""

from __future__ import annotations

import base64
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from websockets.sync.client import connect

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")
_LISTENING = re.compile(r"DevTools listening on (ws://\S+)")


@dataclass
class PageVisit:
    """What the browser saw: console errors and uncaught exceptions, images (id, drawn width), title."""

    errors: list[str] = field(default_factory=list)
    images: list[dict[str, Any]] = field(default_factory=list)
    title: str = ""
    screenshot: bytes = b""


def find_chromium() -> str | None:
    """The path of a Chromium (or Chrome) binary, if one is installed."""
    return next((path for name in CHROMIUM_NAMES if (path := shutil.which(name))), None)


class _Session:
    """One DevTools websocket: numbered commands, events kept until read."""

    def __init__(self, url: str) -> None:
        self.ws = connect(url, max_size=None, open_timeout=20)
        self.next_id = 0
        self.events: list[dict[str, Any]] = []

    def call(self, method: str, timeout: float = 30.0, **params: Any) -> dict[str, Any]:
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        deadline = time.monotonic() + timeout
        while True:
            message = json.loads(self.ws.recv(timeout=max(deadline - time.monotonic(), 0.1)))
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            self.events.append(message)

    def wait_for(self, event: str, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while not any(e.get("method") == event for e in self.events):
            self.events.append(json.loads(self.ws.recv(timeout=max(deadline - time.monotonic(), 0.1))))


def _errors(events: list[dict[str, Any]]) -> list[str]:
    found = []
    for event in events:
        method, params = event.get("method"), event.get("params", {})
        if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            found.append("console: " + " ".join(str(a.get("value", a.get("description", ""))) for a in params["args"]))
        elif method == "Runtime.exceptionThrown":
            details = params["exceptionDetails"]
            described = details.get("exception", {}).get("description", "")
            found.append(f"exception: {details.get('text', '')} {described}".strip())
        elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
            found.append(f"log: {params['entry'].get('text', '')} {params['entry'].get('url', '')}".strip())
    return found


def visit(page: Path, width: int = 1100, timeout: float = 60.0) -> PageVisit:
    """Load ``page`` (a local file) in headless Chromium; RuntimeError when none is installed."""
    binary = find_chromium()
    if binary is None:
        raise RuntimeError("no chromium found: apt-get install chromium (make test installs it)")
    with tempfile.TemporaryDirectory(prefix="aiscout-chromium-") as profile:
        process = subprocess.Popen(
            [
                binary,
                "--headless",
                "--no-sandbox",  # CI runs as root
                "--disable-gpu",
                "--no-first-run",
                "--hide-scrollbars",
                "--remote-debugging-address=127.0.0.1",
                "--remote-debugging-port=0",
                f"--user-data-dir={profile}",
                f"--window-size={width},900",
                "about:blank",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            return _drive(process, page, width, timeout)
        finally:
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _drive(process: subprocess.Popen[str], page: Path, width: int, timeout: float) -> PageVisit:
    assert process.stderr is not None
    deadline = time.monotonic() + timeout
    browser_url = None
    while browser_url is None:
        line = process.stderr.readline()
        if not line and process.poll() is not None:
            raise RuntimeError(f"chromium exited with code {process.returncode} before listening")
        if match := _LISTENING.search(line):
            browser_url = match.group(1)
        if time.monotonic() > deadline:
            raise RuntimeError("chromium did not open its DevTools port in time")
    port = browser_url.split("//", 1)[1].split("/", 1)[0]
    targets = httpx.get(f"http://{port}/json/list", timeout=10).json()
    target = next(t for t in targets if t.get("type") == "page")
    session = _Session(target["webSocketDebuggerUrl"])
    try:
        for domain in ("Page", "Runtime", "Log"):
            session.call(f"{domain}.enable")
        session.call("Page.navigate", url=Path(page).resolve().as_uri())
        session.wait_for("Page.loadEventFired", timeout)
        found = session.call(
            "Runtime.evaluate",
            expression="JSON.stringify({title: document.title, images: Array.from(document.images).map("
            "i => ({id: i.id, complete: i.complete, width: i.naturalWidth, height: i.naturalHeight}))})",
            returnByValue=True,
        )
        seen = json.loads(found["result"]["value"])
        metrics = session.call("Page.getLayoutMetrics")
        height = int(metrics["cssContentSize"]["height"])
        session.call(
            "Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1, mobile=False
        )
        shot = session.call("Page.captureScreenshot", format="png", captureBeyondViewport=True)
        return PageVisit(
            errors=_errors(session.events),
            images=seen["images"],
            title=seen["title"],
            screenshot=base64.b64decode(shot["data"]),
        )
    finally:
        session.ws.close()


if __name__ == "__main__":
    result = visit(Path(sys.argv[1]))
    Path(sys.argv[2]).write_bytes(result.screenshot)
    print(f"{len(result.images)} images, {len(result.errors)} errors: {result.errors}")
