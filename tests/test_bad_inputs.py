"""Every hostile input of the corpus is refused cleanly: exit 2, a French message with the
rule, no traceback, no English fragment, no raw control character; inputs that are valid
run. The corpus runs in one child process under a memory limit (a YAML bomb or an endless
read would blow it) with a time limit per case."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
from functools import cache
from typing import Any

import pytest

from tests.bad_inputs.cases import CASES
from tests.conftest import ROOT

MEMORY_LIMIT = 3 * 1024**3

ENGLISH = (
    "Traceback",
    "not well-formed",
    "unclosed token",
    "mismatched tag",
    "no element found",
    "Bad CRC",
    "not a zip file",
    "Error:",
    "Input should",
    "Field required",
    "Extra inputs",
    "Keys should be strings",
    "constrained-float",
    "value_error",
    "codec can't",
    "found character",
    "while parsing",
    "while scanning",
    "mapping values",
    "could not find",
    "No such file",
    "Permission denied",
    "Invalid value",
    "is not a valid",
    ".rentree-sim-",
)


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


@cache
def outcomes() -> dict[str, dict[str, Any]]:
    config = tempfile.mkdtemp(prefix="rentree-sim-config-")  # the key of the export cases
    env = {
        **os.environ,
        "RENTREE_SIM_LANG": "fr",
        "COLUMNS": "200",
        "RENTREE_SIM_CONFIG": config,
    }
    completed = subprocess.run(
        [sys.executable, "-m", "tests.bad_inputs.driver"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        preexec_fn=_limit_memory,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    found = {}
    for line in completed.stdout.splitlines():
        if line.startswith("{"):
            record = json.loads(line)
            found[record["name"]] = record
    assert found, completed.stderr[-3000:]
    return found


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_input_is_refused_cleanly(case: Any) -> None:
    record = outcomes().get(case.name)
    assert record is not None, f"{case.name}: the driver died before this case"
    output = record["output"]
    assert record["code"] == case.code, f"{case.name}: exit {record['code']}\n{output}"
    assert case.expect in output, f"{case.name}: « {case.expect} » not in\n{output}"
    for fragment in ENGLISH:
        assert fragment not in output, f"{case.name}: English or internal text {fragment!r}"
    assert "\x1b" not in output, f"{case.name}: raw escape character printed"


def test_corpus_size_and_refusals() -> None:
    """The figure quoted in the closing note: cases tried and cleanly handled."""
    records = outcomes()
    clean = [
        c.name
        for c in CASES
        if records.get(c.name, {}).get("code") == c.code
        and "Traceback" not in records[c.name]["output"]
    ]
    assert len(CASES) >= 100
    assert len(clean) == len(CASES)
