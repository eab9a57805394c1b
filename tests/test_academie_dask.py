"""The académie on a real Dask distributed cluster (a scheduler and two workers started on
the loopback address by the test): the same bytes as on this machine, a worker killed in
the middle changes nothing, and a cluster that cannot be used is told in French."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from typing import Any

import pytest

from sim.analysis.academie_risk import run_academie_risk
from sim.analysis.execution import DaskExecutor, LocalExecutor
from sim.errors import UsageError
from sim.presentation.academie_risk_output import academie_risk_json
from sim.presentation.export import dumps
from sim.scenario.academie import load_academie
from tests.conftest import SCENARIOS, run_main

distributed = pytest.importorskip("distributed")  # installed by the project's dev extra

PETITE = SCENARIOS / "academies" / "petite-academie.yaml"
DASK = [sys.executable, "-m", "dask"]  # the venv's own dask, whatever PATH says


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("dask")
    address_file = folder / "ordonnanceur.json"
    logs = [open(folder / f"{name}.log", "w") for name in ("scheduler", "w1", "w2")]  # noqa: SIM115
    processes = [
        subprocess.Popen(
            [
                *DASK,
                "scheduler",
                "--host",
                "127.0.0.1",
                "--port",
                "0",
                "--no-dashboard",
                "--scheduler-file",
                str(address_file),
            ],
            stdout=logs[0],
            stderr=subprocess.STDOUT,
        )
    ]
    deadline = time.monotonic() + 60
    while not address_file.exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    address = json.loads(address_file.read_text())["address"]
    for k in range(2):
        # another hash seed and language on each worker: neither may leak into results
        env = {**os.environ, "PYTHONHASHSEED": str(k + 1), "RENTREE_SIM_LANG": ("fr", "en")[k]}
        processes.append(
            subprocess.Popen(
                [
                    *DASK,
                    "worker",
                    address,
                    "--nthreads",
                    "1",
                    "--no-dashboard",
                    "--host",
                    "127.0.0.1",
                    "--name",
                    f"t{k}",
                    "--local-directory",
                    str(folder),
                    "--death-timeout",
                    "60",
                ],
                stdout=logs[k + 1],
                stderr=subprocess.STDOUT,
                env=env,
            )
        )
    client = distributed.Client(address, timeout=30, set_as_default=False)
    try:
        client.wait_for_workers(2, timeout=90)
    finally:
        client.close()
    yield address
    for process in processes:
        process.send_signal(signal.SIGTERM)
    for process in processes:
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            process.kill()
    for log in logs:
        log.close()


def test_the_same_bytes_on_the_cluster(
    cluster: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    outputs = []
    base = ["academie", "risk", str(PETITE), "-n", "6", "--json"]
    for extra in (["--workers", "1"], ["--workers", "2"], ["--scheduler", cluster]):
        assert run_main(monkeypatch, *base, *extra) == 0
        outputs.append(capsys.readouterr().out)
    monkeypatch.setenv("DASK_SCHEDULER_ADDRESS", cluster)
    assert run_main(monkeypatch, *base) == 0
    outputs.append(capsys.readouterr().out)
    assert outputs[0] == outputs[1] == outputs[2] == outputs[3]
    assert json.loads(outputs[0])["academie"]["lycees"] == 12
    run = ["academie", "run", str(PETITE), "--json"]
    assert run_main(monkeypatch, *run) == 0  # the variable: on the cluster
    on_cluster = capsys.readouterr().out
    monkeypatch.delenv("DASK_SCHEDULER_ADDRESS")
    assert run_main(monkeypatch, *run, "--workers", "1") == 0
    assert capsys.readouterr().out == on_cluster


def test_a_worker_killed_in_the_middle_changes_nothing(cluster: str) -> None:
    academie = load_academie(PETITE)
    with LocalExecutor(1) as local:
        reference = dumps(academie_risk_json(run_academie_risk(academie, 8, executor=local)))
    watcher = distributed.Client(cluster, timeout=30, set_as_default=False)
    pids = sorted(watcher.run(os.getpid).values())
    seen: list[int] = []

    def progress(count: int) -> None:
        seen.append(count)
        if len(seen) == 1:
            os.kill(pids[0], signal.SIGKILL)  # the nanny starts it again

    with DaskExecutor(cluster) as executor:
        again = run_academie_risk(academie, 8, executor=executor, progress=progress, chunk=1)
    total = 8 * len(academie.lycees)
    assert sum(seen) == total and seen[0] < total
    assert dumps(academie_risk_json(again)) == reference
    watcher.wait_for_workers(2, timeout=60)
    assert pids[0] not in watcher.run(os.getpid).values()
    watcher.close()


def test_an_unusable_cluster_is_told_in_french(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(UsageError) as caught:
        DaskExecutor("tcp://127.0.0.1:1", timeout=1)
    assert "impossible de joindre l'ordonnanceur Dask" in str(caught.value)
    code = run_main(monkeypatch, "academie", "run", str(PETITE), "--scheduler", "http://x:8786")
    assert code == 2
    err = capsys.readouterr().err
    assert "tcp://MACHINE:8786" in err and "Traceback" not in err


def test_a_worker_with_another_installation_is_refused(
    cluster: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sim.analysis.execution as execution

    real = execution.fingerprint

    def different() -> dict[str, Any]:
        return {**real(), "numpy": "0.0"}

    monkeypatch.setattr(execution, "fingerprint", different)  # what this client sees
    with pytest.raises(UsageError) as caught:
        DaskExecutor(cluster)
    assert "n'a pas la même installation" in str(caught.value) and "numpy" in str(caught.value)
