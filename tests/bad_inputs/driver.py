"""Runs every case of :mod:`tests.bad_inputs.cases` through the real entry point, in this
process, under a memory limit (set by the caller) and a time limit per case; prints one
JSON line per case: its name, exit code, output and seconds."""

from __future__ import annotations

import contextlib
import io
import json
import signal
import sys
import tempfile
import time
from pathlib import Path
from types import FrameType

from sim.cli import main
from tests.bad_inputs.cases import CASES

SECONDS_PER_CASE = 60


class _TooLong(BaseException):
    """Not an Exception: the CLI's own handler must not swallow it."""


def _alarm(signum: int, frame: FrameType | None) -> None:
    raise _TooLong


def run_case(index: int) -> dict[str, object]:
    case = CASES[index]
    with tempfile.TemporaryDirectory() as folder:
        argv = case.build(Path(folder))
        out, err = io.StringIO(), io.StringIO()
        started = time.perf_counter()
        signal.alarm(SECONDS_PER_CASE)
        code: object = None
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                sys.argv = ["rentree-sim", *argv]
                main()
        except SystemExit as stop:
            code = stop.code
        except _TooLong:
            code = "timeout"
        except BaseException as error:  # what escaped main() is the finding
            code = f"escaped {type(error).__name__}"
        finally:
            signal.alarm(0)
        return {
            "name": case.name,
            "code": code,
            "output": out.getvalue() + err.getvalue(),
            "seconds": round(time.perf_counter() - started, 2),
        }


if __name__ == "__main__":
    signal.signal(signal.SIGALRM, _alarm)
    for index in range(len(CASES)):
        print(json.dumps(run_case(index), ensure_ascii=False), flush=True)
