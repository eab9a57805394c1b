"""What the entry point says when a run cannot finish: never a traceback, a French message,
exit 2 for the user's input and 1 for our own failures (with a hint to report them)."""

from __future__ import annotations

from concurrent.futures.process import BrokenProcessPool

import pytest

import sim.cli.planning as planning
import sim.cli.simulation as simulation
from tests.conftest import SCENARIOS, run_main

NOMINAL = str(SCENARIOS / "nominal.yaml")


def _raise(error: BaseException) -> object:
    def fail(*args: object, **kwargs: object) -> object:
        raise error

    return fail


def test_a_dead_worker_is_told_in_french(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(planning, "run_risk", _raise(BrokenProcessPool("killed")))
    assert run_main(monkeypatch, "risk", NOMINAL, "-n", "4", "--workers", "2") == 1
    err = capsys.readouterr().err
    assert "processus de calcul s'est arrêté" in err and "--workers 1" in err
    assert "Traceback" not in err and "BrokenProcessPool" not in err


def test_memory_exhaustion_is_told_in_french(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(planning, "run_risk", _raise(MemoryError()))
    assert run_main(monkeypatch, "risk", NOMINAL, "-n", "4") == 1
    assert "Mémoire insuffisante" in capsys.readouterr().err


def test_an_internal_error_asks_to_be_reported(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("RENTREE_SIM_DEBUG", raising=False)
    monkeypatch.setattr(simulation, "simulate", _raise(ZeroDivisionError("bug")))
    assert run_main(monkeypatch, "run", NOMINAL) == 1
    err = capsys.readouterr().err
    assert "Erreur interne" in err and "signaler" in err
    assert "Traceback" not in err


def test_the_debug_variable_shows_the_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("RENTREE_SIM_DEBUG", "1")
    monkeypatch.setattr(simulation, "simulate", _raise(ZeroDivisionError("bug")))
    assert run_main(monkeypatch, "run", NOMINAL) == 1
    assert "Traceback" in capsys.readouterr().err


def test_a_closed_stdout_ends_quietly(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(simulation, "summary_text", _raise(BrokenPipeError()))
    assert run_main(monkeypatch, "run", NOMINAL) == 1
