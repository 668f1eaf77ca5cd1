"""Fixtures of the device tests: simulators in this process and ``propdesk`` as a real program."""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROPDESK = [sys.executable, "-m", "propdesk.cli"]


def env(**extra: str) -> dict[str, str]:
    e = {**os.environ, "PYTHONUNBUFFERED": "1", "PYTHONPATH": str(ROOT), **extra}
    e.pop("PROPDESK_DB", None)
    return e


@dataclass
class Result:
    rc: int
    out: str
    err: str

    def json(self):
        return json.loads(self.out)

    def error(self) -> dict:
        """The JSON error document a failing --json command writes to stderr."""
        try:
            return json.loads(self.err)
        except ValueError:   # a one-line document after other output (--trace)
            return json.loads(self.err.strip().splitlines()[-1])


def propdesk(*argv: str, timeout: float = 60) -> Result:
    """Run ``propdesk ARGV`` as its own process, as a script or an operator would."""
    p = subprocess.run([*PROPDESK, *argv], capture_output=True, text=True, timeout=timeout,
                       env=env(), cwd=ROOT)
    return Result(p.returncode, p.stdout, p.stderr)


@dataclass
class SimProcess:
    """``propdesk simulate KIND …`` running in the background; ``port`` is what it printed."""

    proc: subprocess.Popen
    port: str = ""
    lines: queue.Queue = field(default_factory=queue.Queue)
    seen: list[str] = field(default_factory=list)

    def wait_for(self, text: str, timeout: float = 30) -> str:
        """The first output line containing ``text`` (lines before it are kept in ``seen``)."""
        while True:
            try:
                line = self.lines.get(timeout=timeout)
            except queue.Empty:
                raise AssertionError(f"no {text!r} from the simulator within {timeout}s: {self.seen}") from None
            if line is None:
                raise AssertionError(f"the simulator ended before {text!r}: {self.seen}")
            self.seen.append(line)
            if text in line:
                return line

    def stop(self) -> int:
        self.proc.terminate()   # SIGTERM: `propdesk simulate` stops cleanly, exit status 0
        return self.proc.wait(timeout=30)


@pytest.fixture
def simulate() -> Iterator:
    started: list[SimProcess] = []

    def start(*argv: str) -> SimProcess:
        proc = subprocess.Popen([*PROPDESK, "simulate", *argv], stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, text=True, env=env(), cwd=ROOT)
        sim = SimProcess(proc)

        def pump() -> None:
            for line in proc.stdout:
                sim.lines.put(line.rstrip("\n"))
            sim.lines.put(None)
        threading.Thread(target=pump, daemon=True).start()
        started.append(sim)
        sim.port = sim.wait_for("ready on:").split("ready on:", 1)[1].strip()
        return sim

    yield start
    for sim in started:
        if sim.proc.poll() is None:
            sim.proc.kill()
            sim.proc.wait(timeout=30)
