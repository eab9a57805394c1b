"""``academie risk``: a lycée's figures are those ``risk`` gives for it (independent
failures), common failures are shared nights, and the académie's figures do not depend on
how the work was cut or where it ran."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import yaml

from sim.analysis import replication
from sim.analysis.academie_risk import pieces_of, run_academie_risk
from sim.analysis.execution import LocalExecutor
from sim.analysis.replication import common_failures
from sim.analysis.risk import run_risk
from sim.domain import Channel, Operation, Target
from sim.presentation.academie_risk_output import academie_risk_json
from sim.presentation.export import dumps
from sim.scenario.academie import load_academie, lycee_seed
from tests.conftest import SCENARIOS, run_main

NOMINAL = SCENARIOS / "nominal.yaml"
SMALL = {"students": 240, "divisions": {"2nde": 3, "1re": 3, "Tle": 2}, "teachers": 40}
LYCEES: list[dict[str, Any]] = [
    {"uai": "0339001E", "name": "A (fictif)", "kind": "LGT", **SMALL},
    {
        "uai": "0339002F",
        "name": "B (fictif)",
        "kind": "LP",
        **SMALL,
        "operations": {"export_liens_siecle": {"date": "2026-09-10"}},
    },
    {"uai": "0339003G", "name": "C (fictif)", "kind": "LPO", **SMALL},
]
N = 12


def academie_file(folder: Path, lycees: list[dict[str, Any]], **top: Any) -> Path:
    data = {"name": "Essai", "seed": 5, "scenario": str(NOMINAL), "lycees": lycees, **top}
    path = folder / "academie.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    return path


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("risque")


def test_with_independent_failures_a_lycee_is_its_own_risk(folder: Path) -> None:
    academie = load_academie(academie_file(folder, LYCEES, risk_failures="independent"))
    result = run_academie_risk(academie, N)
    for lycee, outcome in zip(academie.lycees, result.lycees, strict=True):
        alone = run_risk(lycee.scenario, N, workers=1)
        for target in Target:
            mine, theirs = outcome.targets[target], alone.targets[target]
            assert mine.percentiles == theirs.percentiles
            assert mine.intervals == theirs.intervals
            assert mine.never_share == theirs.never_share
            assert np.allclose(mine.curve, theirs.curve, rtol=0, atol=1e-12)
            assert mine.never_causes == pytest.approx(theirs.never_causes)


def test_common_failures_are_the_same_nights_for_every_lycee(folder: Path) -> None:
    """Same failure probabilities: the same failed nights; the lateness draws are still each
    lycée's own (those of ``risk`` with its seed)."""
    academie = load_academie(academie_file(folder, LYCEES))
    pieces = pieces_of(academie, N, None, 1, None)
    nights = []
    for piece in (p for p in pieces if p.start == 0):
        days = (piece.scenario.calendar.end - piece.scenario.calendar.start).days + 1
        shared = common_failures(piece.common_seed or 0, 3, days)
        drawn, lateness, _ = replication.draw(piece.scenario, 3, piece.seed, None, shared)
        _, own_lateness, _ = replication.draw(piece.scenario, 3, piece.seed, None)
        assert lateness == own_lateness
        nights.append({c: drawn.channels.get(c).outages for c in Channel})
    assert nights[0] == nights[1] == nights[2]
    assert any(nights[0].values())


def test_the_same_bytes_however_the_work_is_cut_or_run(folder: Path) -> None:
    academie = load_academie(academie_file(folder, LYCEES))
    reference = dumps(academie_risk_json(run_academie_risk(academie, N, chunk=N), "a"))
    one_by_one = dumps(academie_risk_json(run_academie_risk(academie, N, chunk=1), "a"))
    with LocalExecutor(2) as executor:
        two = dumps(academie_risk_json(run_academie_risk(academie, N, executor=executor), "a"))
    assert reference == one_by_one == two
    shuffled = load_academie(academie_file(folder, LYCEES[::-1]))
    again = json.loads(dumps(academie_risk_json(run_academie_risk(shuffled, N), "a")))
    assert {row["uai"]: row for row in again["lycees"]} == {
        row["uai"]: row for row in json.loads(reference)["lycees"]
    }


def test_the_seed_changes_the_draws_not_the_lycees(folder: Path) -> None:
    academie = load_academie(academie_file(folder, LYCEES))
    base = run_academie_risk(academie, N)
    other = run_academie_risk(academie, N, seed=99)
    assert [ly.seed for ly in other.lycees] == [lycee_seed(99, ly.uai) for ly in academie.lycees]
    assert [ly.seed for ly in base.lycees] == [ly.scenario.seed for ly in academie.lycees]
    assert dumps(academie_risk_json(base)) != dumps(academie_risk_json(other))


def test_the_bands_and_the_deadline_count_by_hand(folder: Path) -> None:
    """Nothing drawn (no lateness, no forgetting, no failure): every replication is the
    lycée's own calendar, so the band is a line and the expected count at the deadline is
    the plain count of ``academie run`` (A and C right on 05/09, B on 12/09)."""
    certain = {"forget_probability": 0, "lateness": {"kind": "empirical", "values": [0]}}
    base = folder / "certain.yaml"
    text = {
        "extends": str(NOMINAL),
        "operations": {op.value: dict(certain) for op in Operation},
        "channels": {c.value: {"failure_probability": 0} for c in Channel},
    }
    base.write_text(yaml.safe_dump(text), "utf-8")
    academie = load_academie(academie_file(folder, LYCEES, scenario=str(base)))
    result = run_academie_risk(academie, 5)
    assert result.by_expected == {Target.ENT: 2.0, Target.GAR: 2.0}
    assert result.by_band == {Target.ENT: (2, 2), Target.GAR: (2, 2)}
    for target in Target:
        low, high = result.band[target]
        assert np.array_equal(low, high) and np.array_equal(low, result.curve[target])
    assert result.lycees[result.ranking[0]].uai == "0339002F"


def test_too_many_results_to_keep_are_refused_before_any_work(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sim.analysis.academie_risk as module
    from sim.errors import UsageError

    monkeypatch.setattr(module, "MAX_PAIRS", 20)
    academie = load_academie(academie_file(folder, LYCEES))
    with pytest.raises(UsageError) as caught:
        run_academie_risk(academie, 7)
    assert "au plus 6 réplications" in str(caught.value)
    assert len(pieces_of(academie, 100_000, None, 2, None)) == 3 * module.MAX_PIECES


def test_the_command(
    folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = academie_file(folder, LYCEES)
    out = folder / "resultats"
    args = ["academie", "risk", str(path), "-n", "6", "--workers", "1", "--out", str(out)]
    assert run_main(monkeypatch, *args) == 0
    text = capsys.readouterr().out
    assert "6 réplications par lycée" in text and "communes à l'académie" in text
    assert "Lycées à appeler d'abord" in text
    assert (out / "lycees.csv").read_text("utf-8-sig").startswith("rang;UAI;lycée")
    data = json.loads((out / "academie.json").read_text("utf-8"))
    assert data["academie"]["replications"] == 6 and len(data["lycees"]) == 3


def test_an_operation_the_lycee_never_does_is_the_cause_of_every_never(folder: Path) -> None:
    """Links never exported (the lycée's own calendar says so, not a draw): every draw is
    never right, and each of them says why, in ``academie risk`` as in ``risk``."""
    never = {**LYCEES[0], "operations": {"export_liens_siecle": {"missing": True}}}
    academie = load_academie(academie_file(folder, [never], risk_failures="independent"))
    (outcome,) = run_academie_risk(academie, 6).lycees
    alone = run_risk(academie.lycees[0].scenario, 6, workers=1)
    for target in Target:
        assert outcome.targets[target].never_share == 1.0
        assert outcome.targets[target].never_causes["forgotten:export_liens_siecle"] == 1.0
        assert alone.targets[target].never_causes == pytest.approx(
            outcome.targets[target].never_causes
        )


def test_a_lycee_whose_date_a_late_arrival_sets(folder: Path) -> None:
    """arrivees-tardives: students arriving late are on the chain that sets the date of
    most draws (the ``reality`` step, nobody's to be late for). A probe found ``academie
    risk`` stopping there with an internal error; its figures are those of ``risk``."""
    late = {**LYCEES[0], "scenario": str(SCENARIOS / "arrivees-tardives.yaml")}
    academie = load_academie(academie_file(folder, [late], risk_failures="independent"))
    (outcome,) = run_academie_risk(academie, 6).lycees
    alone = run_risk(academie.lycees[0].scenario, 6, workers=1)
    assert any("reality" in r.chain[target] for r in alone.replications for target in Target)
    for target in Target:
        assert outcome.targets[target].percentiles == alone.targets[target].percentiles
        assert outcome.targets[target].criticality == pytest.approx(
            alone.targets[target].criticality
        )
