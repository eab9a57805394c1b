"""The public API: load a scenario, simulate it, analyse the result, draw and tell it.

Notebooks, the CLI and other programs use only these names (and the types they return).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import networkx as nx

from sim.analysis.academie import AcademieRun, run_academie
from sim.analysis.academie_risk import AcademieRisk, run_academie_risk
from sim.analysis.diagnosis import Diagnosis, diagnose
from sim.analysis.execution import DaskExecutor, LocalExecutor
from sim.analysis.explain import explain_category, explain_fact
from sim.analysis.plan import make_plan
from sim.analysis.prediction import Prediction, forecast, simulate_future
from sim.analysis.risk import run_risk, tornado
from sim.analysis.run_analysis import Analysis, analyse
from sim.chain import build_graph, order_graph
from sim.domain import LYCEE_OPERATIONS, Category, Channel, Operation, System, Target
from sim.engine.simulation import SimulationResult, simulate
from sim.errors import UsageError, printable
from sim.i18n import label, set_language, t
from sim.presentation.academie_output import academie_run_summary
from sim.presentation.academie_plots import plot_academie_curve, plot_bottlenecks
from sim.presentation.academie_report import academie_report_html, write_academie_report
from sim.presentation.academie_risk_output import academie_risk_summary
from sim.presentation.diagnosis_output import ReadFile, diagnosis_text, prediction_lines
from sim.presentation.export import result_json
from sim.presentation.formatting import day_text, instant_text
from sim.presentation.plan_output import plan_text
from sim.presentation.plots import (
    completeness_figure,
    figure_of,
    plot_category_completeness,
    plot_comparison,
    plot_completeness,
    plot_graph,
    plot_timeline,
    save_figure,
)
from sim.presentation.report import report_html, write_report
from sim.presentation.risk_output import risk_summary
from sim.presentation.risk_plots import plot_risk_curve, plot_tornado
from sim.presentation.summary import summary_text
from sim.realfiles.exports import SchoolExports
from sim.realfiles.key import Key, load_key
from sim.realfiles.readers import read_school_exports
from sim.scenario.academie import Academie, load_academie
from sim.scenario.loader import load_scenario
from sim.scenario.model import Scenario
from sim.scenario.synthetic import generate_academie


def run_file(path: str | Path, seed: int | None = None) -> Analysis:
    """Load, simulate and analyse the scenario file ``path``."""
    return analyse(simulate(load_scenario(path), seed=seed))


def read_exports(folder: str | Path, key: Key) -> SchoolExports:
    """The exports of a folder holding a lycée's four files with their usual names
    (``sts_emp_*.xml``, ``ElevesSansAdresses``, ``Structures``, ``ResponsablesAvecAdresses``,
    in ``.xml`` or ``.zip``), read and pseudonymised with ``key``."""
    where = Path(folder)

    def one(stem: str) -> Path | None:
        found = sorted(where.glob(f"{stem}.xml")) + sorted(where.glob(f"{stem}.zip"))
        return found[0] if found else None

    sts = one("sts_emp_*")
    eleves, structures = one("ElevesSansAdresses"), one("Structures")
    if sts is None or eleves is None or structures is None:
        raise UsageError(t("import.folder_incomplete", folder=printable(str(where))))
    return read_school_exports(sts, eleves, structures, one("ResponsablesAvecAdresses"), key)


def forecast_exports(
    files: SchoolExports, key: Key, scenario: Scenario, day: dt.date
) -> Prediction:
    """When the ENT and GAR will be right for the lycée ``files`` describe on ``day``, with
    ``scenario``'s calendar: nothing redone, and what the findings call for redone."""
    return forecast(diagnose(files, day), files, key.fingerprint, scenario, day)


def analyse_exports(
    files: SchoolExports, key: Key, scenario: Scenario, day: dt.date, fixed: bool = True
) -> Analysis:
    """The simulation of the lycée ``files`` describe on ``day`` with ``scenario``'s
    calendar, analysed: with what the findings call for redone as soon as possible (or, with
    ``fixed=False``, with nothing redone). Nothing is written."""
    return analyse(simulate_future(files, key.fingerprint, scenario, day, redo=fixed))


def operations_in_order() -> list[tuple[str, str]]:
    """The lycée's manual operations in the seed's order, with their names in the current
    language (the ENT operator's transition is not one of the seed's steps)."""
    order = nx.lexicographical_topological_sort(
        order_graph(build_graph()), key=lambda op: list(Operation).index(Operation(op))
    )
    return [(op, label("operation", op)) for op in order if Operation(op) in LYCEE_OPERATIONS]


def systems() -> list[tuple[str, str]]:
    """The systems of the chain, from the sources to GAR, with their names."""
    return [(s.value, label("system", s.value)) for s in System]


__all__ = [
    "Academie",
    "AcademieRisk",
    "AcademieRun",
    "Analysis",
    "Category",
    "Channel",
    "DaskExecutor",
    "Diagnosis",
    "Key",
    "LocalExecutor",
    "Operation",
    "Prediction",
    "ReadFile",
    "Scenario",
    "SchoolExports",
    "SimulationResult",
    "System",
    "Target",
    "academie_report_html",
    "academie_risk_summary",
    "academie_run_summary",
    "analyse",
    "analyse_exports",
    "completeness_figure",
    "day_text",
    "diagnose",
    "diagnosis_text",
    "explain_category",
    "explain_fact",
    "figure_of",
    "forecast_exports",
    "generate_academie",
    "instant_text",
    "load_academie",
    "load_key",
    "load_scenario",
    "make_plan",
    "operations_in_order",
    "plan_text",
    "plot_academie_curve",
    "plot_bottlenecks",
    "plot_category_completeness",
    "plot_comparison",
    "plot_completeness",
    "plot_graph",
    "plot_risk_curve",
    "plot_timeline",
    "plot_tornado",
    "prediction_lines",
    "read_exports",
    "report_html",
    "result_json",
    "risk_summary",
    "run_academie",
    "run_academie_risk",
    "run_file",
    "run_risk",
    "save_figure",
    "set_language",
    "simulate",
    "summary_text",
    "systems",
    "tornado",
    "write_academie_report",
    "write_report",
]
