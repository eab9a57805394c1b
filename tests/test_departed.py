"""The ENT's own retention of departed users (rule 8), its transition (rule 11) and its
timetable import (rule 13), as a user meets them: validation, explain, compare, summary."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
from typer.testing import CliRunner

from sim.cli import app
from sim.domain import Category, Store, Target
from sim.engine.model import ChainModel
from sim.engine.simulation import build_truth
from tests.conftest import SCENARIOS, at, run_scenario
from tests.test_rules import nominal_with

runner = CliRunner()
NOMINAL = str(SCENARIOS / "nominal.yaml")


def _scenario(tmp_path: Path, body: str) -> str:
    path = tmp_path / "variante.yaml"
    path.write_text(f"extends: {NOMINAL}\nname: variante\n{body}", encoding="utf-8")
    return str(path)


def test_explain_a_leaver_says_when_it_was_marked_and_when_it_goes() -> None:
    """Marked by the Wed 17/06 import (landing 03:30); the Tue 15/09 03:00 pre-delete removes
    it from the ENT, the 15/09 21:00 export from GAR (in GAR Wed 16/09 06:00)."""
    result = runner.invoke(
        app, ["explain", NOMINAL, "--fact", "eleve:E90001", "--at", "2026-09-07"]
    )
    assert result.exit_code == 0, result.output
    assert "pourquoi encore là : eleve:E90001 est parti" in result.output
    assert "l'import de l'ENT l'a marqué disparu le 17/06 03:30" in result.output
    assert "GAR : retiré le 16/09 06:00 par export ENT → GAR" in result.output
    # a stale fact: the systems that still hold it are wrong (✗), those without it right (✓)
    marks = {line.split()[1]: line.split()[0] for line in result.output.splitlines()[2:6]}
    assert marks == {"SIECLE": "✓", "AAF": "✓", "ENT": "✗", "GAR": "✗"}
    ent = runner.invoke(
        app, ["explain", NOMINAL, "--category", "eleves", "--at", "2026-09-07"]
    ).output
    assert "périmés   390 (dont 390 comptes de partants)" in ent


def test_explain_a_leavers_last_year_class_without_transition(tmp_path: Path) -> None:
    """Without the transition the leaver stays in last year's class until the pre-delete."""
    scenario = str(SCENARIOS / "sans-transition.yaml")
    fact = run_scenario("sans-transition.yaml").result.truth.table(Category.STUDENT_DIVISION)
    label = next(lab for lab in fact.labels if lab.startswith("eleve:E90001 division:"))
    result = runner.invoke(app, ["explain", scenario, "--fact", label, "--at", "2026-09-07"])
    assert result.exit_code == 0, result.output
    assert "est parti" in result.output
    assert "ENT : retiré le 15/09 03:00 par présuppression des comptes partis (ENT)" in (
        result.output
    )


def test_compare_shows_the_strict_dates_when_they_differ() -> None:
    result = runner.invoke(
        app, ["compare", NOMINAL, str(SCENARIOS / "suppression-sur-complet.yaml")]
    )
    assert result.exit_code == 0, result.output
    text = result.output
    apart, strict = text.index("hors comptes de partants"), text.index("strictes")
    assert apart < strict
    # apart from departed accounts the two agree; strictly the delta-file ENT is 11 days ahead
    assert "ven. 04/09/2026 =" in text[apart:strict]
    assert "ven. 04/09/2026 -11 j" in text[strict:]


def test_removal_is_validated_in_french(tmp_path: Path) -> None:
    french = _scenario(tmp_path, "channels:\n  import_ent: {removal: à chaque import}\n")
    assert runner.invoke(app, ["validate", french]).exit_code == 0
    wrong = _scenario(tmp_path, "channels:\n  import_ent: {removal: jamais}\n")
    result = runner.invoke(app, ["validate", wrong])
    assert result.exit_code == 2
    assert "channels.import_ent.removal" in result.output
    assert "every_import" in result.output and "full_only" in result.output
    too_long = _scenario(tmp_path, "channels:\n  presuppression_ent: {after: 500j}\n")
    result = runner.invoke(app, ["validate", too_long])
    assert result.exit_code == 2
    assert "400" in result.output and "presuppression_ent.after" in result.output


def test_a_transition_on_a_sunday_is_the_operators_business(tmp_path: Path) -> None:
    """Office habits concern the lycée's staff: the platform's operator may work a Sunday."""
    sunday = _scenario(tmp_path, "operations:\n  transition_ent: {date: 2026-08-23}\n")
    result = runner.invoke(app, ["validate", sunday])
    assert result.exit_code == 0, result.output
    assert "⚠" not in result.output


def test_without_transition_an_info_says_so() -> None:
    analysis = run_scenario("sans-transition.yaml")
    info = [w for w in analysis.warnings if w.code == "platform_missing"]
    assert len(info) == 1 and info[0].severity == "info"
    assert "missing" not in {w.code for w in analysis.warnings}


def test_rule_13_the_ent_takes_groups_from_the_timetable_only() -> None:
    """With ``ent_groups_from_timetable`` the AAF import ignores the files' groups, links to
    groups and group services, and keeps the ENT's own; the timetable import puts the
    timetable's groups and links of the ENT's students."""
    scenario = nominal_with({"etablissement": {"ent_groups_from_timetable": True}})
    truth, clock = build_truth(scenario)
    model = ChainModel(scenario, truth, clock, 0)
    links = truth.table(Category.STUDENT_GROUP)
    row = int(np.flatnonzero(~links.stale)[0])
    student = int(links.ends[Category.STUDENTS][row])
    group = int(links.ends[Category.GROUPS][row])
    files = {c: truth.empty(c) for c in Category}
    files[Category.STUDENTS][student] = True
    files[Category.GROUPS][group] = True
    files[Category.STUDENT_GROUP][row] = True
    empty = {c: truth.empty(c) for c in Category}
    after_aaf = model.ent_state_after_import(files, full=False, current=empty)
    assert after_aaf[Category.STUDENTS][student]
    assert not after_aaf[Category.GROUPS].any() and not after_aaf[Category.STUDENT_GROUP].any()
    timetable = {
        Category.GROUPS: files[Category.GROUPS],
        Category.STUDENT_GROUP: files[Category.STUDENT_GROUP],
        Category.SERVICES: truth.empty(Category.SERVICES),
    }
    after_edt = model.ent_state_after_timetable(
        timetable, after_aaf, model.departed[Store.ENT].snapshot()
    )
    assert after_edt[Category.GROUPS][group] and after_edt[Category.STUDENT_GROUP][row]
    again = model.ent_state_after_import(files, full=False, current=after_edt)
    assert again[Category.STUDENT_GROUP][row]  # the next AAF import keeps them


def test_rule_13_scenario_groups_come_with_the_timetable_import() -> None:
    """groupes-depuis-edt: the timetable import of Tue 01/09 01:00 brings every link, before
    the link export of Thu 03/09 could; the channel never runs without the setting."""
    analysis = run_scenario("groupes-depuis-edt.yaml")
    links = analysis.targets[Target.ENT].categories[Category.STUDENT_GROUP]
    assert at(analysis, links.consistent_from) == dt.datetime(2026, 9, 1, 8, 0)
    assert links.chain[-1].actor == "import_edt_ent"
    assert at(analysis, links.chain[-1].landed) == dt.datetime(2026, 9, 1, 1, 0)
    nominal = run_scenario("nominal.yaml").result
    assert not [e for e in nominal.events if e.actor == "import_edt_ent"]


def test_closed_periods_and_bounds_are_checked(tmp_path: Path) -> None:
    """The nominal closes from 14/07 to 20/08: an export on Wed 05/08 is done while the
    offices are closed (warning, exit 0), a Saturday too; a closure ending before it starts
    and bounds in the wrong order are refused."""
    summer = _scenario(tmp_path, "operations:\n  export_siecle_edt: {date: 2026-08-05}\n")
    result = runner.invoke(app, ["validate", summer])
    assert result.exit_code == 0
    assert "jour de fermeture de l'établissement" in result.output
    saturday = _scenario(tmp_path, "operations:\n  export_liens_siecle: {date: 2026-09-05}\n")
    assert "est un samedi" in runner.invoke(app, ["validate", saturday]).output
    late = _scenario(
        tmp_path, "operations:\n  export_liens_siecle: {date: 2026-09-03, not_after: 2026-09-01}\n"
    )
    assert "après la date au plus tard" in runner.invoke(app, ["validate", late]).output
    reversed_closure = _scenario(
        tmp_path, "calendar:\n  closed: [{start: 2026-08-20, end: 2026-07-14}]\n"
    )
    result = runner.invoke(app, ["validate", reversed_closure])
    assert result.exit_code == 2 and "la fermeture finit" in result.output
    bounds = _scenario(
        tmp_path,
        "operations:\n  export_liens_siecle: {date: 2026-09-03, not_before: 2026-09-10,"
        " not_after: 2026-09-01}\n",
    )
    result = runner.invoke(app, ["validate", bounds])
    assert result.exit_code == 2 and "not_after" in result.output


def test_a_bound_beyond_the_window_is_refused(tmp_path: Path) -> None:
    """A not_before after the window's end (15/11/2026) leaves the operation no day: refused,
    naming the field; a not_after after the end only loosens nothing and is accepted."""
    beyond = _scenario(
        tmp_path, "operations:\n  export_liens_siecle: {date: 2026-09-03, not_before: 2027-03-01}\n"
    )
    result = runner.invoke(app, ["validate", beyond])
    assert result.exit_code == 2
    assert "operations.export_liens_siecle.not_before" in result.output
    assert "hors de la fenêtre de simulation" in result.output
    loose = _scenario(
        tmp_path, "operations:\n  export_liens_siecle: {date: 2026-09-03, not_after: 2027-03-01}\n"
    )
    assert runner.invoke(app, ["validate", loose]).exit_code == 0
