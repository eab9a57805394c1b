"""Scenario loading: extends chains, and every kind of bad input named by file, field, rule."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sim.errors import ScenarioError, ScenarioErrors
from sim.scenario.loader import load_scenario, load_scenario_with_warnings
from tests.conftest import SCENARIOS

BASE = f"extends: {SCENARIOS / 'nominal.yaml'}\n"


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def errors_of(path: Path) -> list[ScenarioError]:
    with pytest.raises((ScenarioError, ScenarioErrors)) as info:
        load_scenario(path)
    error = info.value
    return error.errors if isinstance(error, ScenarioErrors) else [error]


def test_nominal_loads_with_defaults() -> None:
    scenario = load_scenario(SCENARIOS / "nominal.yaml")
    assert scenario.calendar.rentree is None
    assert scenario.channels.export_gar.delay == dt.timedelta(hours=9)
    assert scenario.channels.export_gar.at == dt.time(21, 0)
    assert scenario.channels.extraction_aaf.at == dt.time(21, 0)
    assert scenario.operations.inscription_affectation.date[-1] == dt.date(2026, 8, 27)
    assert scenario.operations.import_sts_edt.date == [dt.datetime(2026, 8, 31, 16, 0)]


def test_extends_overrides_only_what_it_names(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "late.yaml",
        BASE + "name: x\noperations:\n  export_liens_siecle: {date: 2026-10-01}\n",
    )
    scenario = load_scenario(path)
    assert scenario.name == "x"
    assert scenario.operations.export_liens_siecle.date == [dt.date(2026, 10, 1)]
    assert scenario.operations.import_sts_edt.date == [dt.datetime(2026, 8, 31, 16, 0)]
    assert scenario.etablissement.uai == "0330999Z"


def test_unknown_key_is_named(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.yaml", BASE + "calendar:\n  strat: 2026-06-01\n")
    [error] = errors_of(path)
    assert error.file == str(path.resolve())
    assert error.field == "calendar.strat"
    assert "clé inconnue" in error.rule


def test_unknown_operation_lists_the_known_ones(tmp_path: Path) -> None:
    path = write(
        tmp_path, "bad.yaml", BASE + "operations:\n  export_lien_siecle: {date: 2026-09-03}\n"
    )
    [error] = errors_of(path)
    assert error.field == "operations.export_lien_siecle"
    assert "opération inconnue" in error.rule and "export_liens_siecle" in error.rule


def test_date_outside_window(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "bad.yaml",
        BASE + "operations:\n  export_liens_siecle: {date: [2026-09-03, 2027-01-05]}\n",
    )
    [error] = errors_of(path)
    assert error.field == "operations.export_liens_siecle.date[1]"
    assert "hors de la fenêtre" in error.rule
    assert error.file == str(path.resolve())


def test_window_error_in_parent_names_the_parent(tmp_path: Path) -> None:
    """A date valid in the parent becomes outside the window a child narrows: the faulty value
    was set by the parent, so the parent file is named."""
    path = write(tmp_path, "narrow.yaml", BASE + "calendar:\n  end: 2026-09-01\n")
    errors = errors_of(path)
    fields = {e.field for e in errors}
    assert "operations.export_liens_siecle.date[0]" in fields
    assert all(e.file == str((SCENARIOS / "nominal.yaml").resolve()) for e in errors)


def test_negative_delay(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.yaml", BASE + "channels:\n  export_gar: {delay: -2j}\n")
    [error] = errors_of(path)
    assert error.field == "channels.export_gar.delay"
    assert "négative" in error.rule


def test_bad_duration_and_time(tmp_path: Path) -> None:
    path = write(
        tmp_path, "bad.yaml", BASE + "channels:\n  export_gar: {delay: deux jours, at: '25:00'}\n"
    )
    fields = {e.field for e in errors_of(path)}
    assert fields == {"channels.export_gar.delay", "channels.export_gar.at"}


def test_extends_cycle(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", "extends: b.yaml\nname: a\n")
    write(tmp_path, "b.yaml", "extends: a.yaml\nname: b\n")
    [error] = errors_of(tmp_path / "a.yaml")
    assert error.field == "extends"
    assert "boucle" in error.rule


def test_missing_file_and_missing_parent(tmp_path: Path) -> None:
    [error] = errors_of(tmp_path / "absent.yaml")
    assert "introuvable" in error.rule
    path = write(tmp_path, "child.yaml", "extends: nowhere.yaml\nname: c\n")
    [error] = errors_of(path)
    assert error.field == "extends" and "nowhere.yaml" in error.rule
    # a path copied from Windows: the same path with / is suggested
    path = write(tmp_path, "windows.yaml", "extends: ..\\scenarios\\nominal.yaml\nname: w\n")
    [error] = errors_of(path)
    assert "les dossiers se séparent par / : " in error.rule
    assert error.rule.endswith("../scenarios/nominal.yaml)")


@pytest.mark.parametrize(
    ("name", "fragment"),
    [("academie.csv", "tableau CSV"), ("Structures.zip", "export"), ("sts.xml", "export")],
)
def test_a_table_or_an_export_is_not_a_scenario(tmp_path: Path, name: str, fragment: str) -> None:
    """A file of another kind given as a scenario is named for what it is, before any read."""
    path = tmp_path / name
    path.write_bytes(b"\x89binary")
    [error] = errors_of(path)
    assert fragment in error.rule and "n'est pas un scénario" in error.rule


def test_malformed_yaml_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.yaml", "name: x\noperations: {bascule_sts: [\n")
    [error] = errors_of(path)
    assert "YAML mal formé" in error.rule
    assert "ligne" in error.rule


def test_operation_without_date(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.yaml", BASE + "operations:\n  profilage: {date: []}\n")
    [error] = errors_of(path)
    assert error.field == "operations.profilage"
    assert "missing: true" in error.rule


def test_several_errors_are_all_reported(tmp_path: Path) -> None:
    path = write(
        tmp_path, "bad.yaml", BASE + "seed: -1\netablissement:\n  uai: 123\n  students: beaucoup\n"
    )
    fields = {e.field for e in errors_of(path)}
    assert {"seed", "etablissement.uai", "etablissement.students"} <= fields


def test_origin_shares_must_sum_to_one(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "bad.yaml",
        BASE
        + (
            "etablissement:\n  origins:\n    2nde: {returning: 0.5, affectation: 0.6, "
            "transfer: 0, external: 0}\n"
        ),
    )
    [error] = errors_of(path)
    assert error.field == "etablissement.origins.2nde"
    assert "1 au total" in error.rule


def test_errors_name_the_line_of_the_file_that_set_the_field(tmp_path: Path) -> None:
    """The line is that of the faulty key in the file that wrote it: the child's own line, or
    the parent's for a value inherited through ``extends``."""
    typo = write(tmp_path, "typo.yaml", BASE + "name: x\netablissement:\n  studnets: 3\n")
    [error] = errors_of(typo)
    assert (error.field, error.line, error.file) == (
        "etablissement.studnets",
        4,
        str(typo.resolve()),
    )
    assert ", ligne 4 :" in error.describe()
    moved = write(
        tmp_path,
        "moved.yaml",
        BASE + "name: x\ncalendar:\n  start: 2029-06-01\n  end: 2029-11-01\n",
    )
    inherited = {e.field: e for e in errors_of(moved)}["operations.export_liens_siecle.date[0]"]
    assert inherited.file == str((SCENARIOS / "nominal.yaml").resolve())
    nominal_lines = (SCENARIOS / "nominal.yaml").read_text("utf-8").splitlines()
    assert nominal_lines[inherited.line - 1].strip().startswith("export_liens_siecle:")


def test_dates_written_out_of_order_with_shrinking_shares_are_told(tmp_path: Path) -> None:
    """The nominal's transfers: 70 % on 02/07, all on 28/08. Written the other way round,
    each date keeps its share: all on 02/07, then 70 % of nothing on 28/08 (a warning, not
    an error: the scenario runs). In order, or with one share, nothing is told."""
    reversed_dates = BASE + "operations:\n  transferts:\n    date: [2026-08-28, 2026-07-02]\n"
    scenario, warnings = load_scenario_with_warnings(write(tmp_path, "a.yaml", reversed_dates))
    (warning,) = warnings
    assert (warning.field, warning.line) == ("operations.transferts.date", 4)
    assert "le 02/07/2026 : 100 %, le 28/08/2026 : 70 %" in warning.rule
    assert [d.isoformat() for d in scenario.operations.transferts.date] == [
        "2026-07-02",
        "2026-08-28",
    ]
    in_order = BASE + "operations:\n  transferts:\n    date: [2026-07-02, 2026-08-28]\n"
    assert load_scenario_with_warnings(write(tmp_path, "b.yaml", in_order))[1] == []
    one_share = reversed_dates + "    share: 1.0\n"
    assert load_scenario_with_warnings(write(tmp_path, "c.yaml", one_share))[1] == []


def test_occurrences_that_do_nothing_more_are_told(tmp_path: Path) -> None:
    """Shares are cumulative: 90 % of the transfers by 02/07 then 50 % by 28/08 does nothing
    on 28/08, told even with the dates in order. The same export twice at 10:00 on 08/07:
    the second finds what the first left. Both are warnings (the scenario runs); two dates of
    one day at different times, or the same instant with a growing share, are not told."""
    shrinking = (
        BASE + "operations:\n  transferts:\n    date: [2026-07-02, 2026-08-28]\n"
        "    share: [0.9, 0.5]\n"
    )
    _, warnings = load_scenario_with_warnings(write(tmp_path, "a.yaml", shrinking))
    (warning,) = warnings
    assert warning.field == "operations.transferts.date"
    assert "le 02/07/2026 : 90 %, le 28/08/2026 : 50 %" in warning.rule
    assert "une part plus petite après une plus grande ne fait rien de plus" in warning.rule
    twice = BASE + "operations:\n  export_siecle_edt:\n    date: [2026-07-08, 2026-07-08]\n"
    _, warnings = load_scenario_with_warnings(write(tmp_path, "b.yaml", twice))
    assert [w.rule for w in warnings] == [
        "le 08/07/2026 est écrit deux fois à la même heure : la seconde ne fait rien de plus"
    ]
    fine = (
        BASE + "operations:\n  export_siecle_edt:\n    date: [2026-07-08, '2026-07-08 15:00']\n"
        "  transferts:\n    date: [2026-07-02, 2026-07-02]\n    share: [0.5, 1.0]\n"
    )
    assert load_scenario_with_warnings(write(tmp_path, "c.yaml", fine))[1] == []


@pytest.mark.parametrize(
    ("rentree", "told"),
    [
        # a public holiday, and so far from the zone's that it is told too
        (
            "2026-11-11",
            "la rentrée du 11/11/2026 tombe un jour férié : vérifiez la date | la rentrée du "
            "11/11/2026 est loin",
        ),
        ("2026-09-14", "la rentrée du 14/09/2026 est loin de celle de la zone A (le 01/09/2026)"),
        ("2026-09-02", None),  # a day after the zone's: a lycée's own rentrée, not a slip
    ],
)
def test_a_rentree_typed_on_a_holiday_or_far_from_the_zones_is_told(
    tmp_path: Path, rentree: str, told: str | None
) -> None:
    text = BASE + f"calendar:\n  rentree: {rentree}\n"
    _, warnings = load_scenario_with_warnings(write(tmp_path, "r.yaml", text))
    rules = " | ".join(w.rule for w in warnings)
    assert rules == "" if told is None else rules.startswith(told)


def _errors_of(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "essai.yaml"
    path.write_text(f"extends: {SCENARIOS / 'nominal.yaml'}\nname: essai\n{text}", "utf-8")
    with pytest.raises(ScenarioErrors) as raised:
        load_scenario(path)
    return [error.rule for error in raised.value.errors]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a list of shares: only its faulty item, not also "a number expected" for the list
        (
            "  export_liens_siecle: {share: [0.5, 1.2]}\n",
            ["valeur « 1,2 » trop grande (maximum 1)"],
        ),
        # « 0,5 » in a YAML list is 0 then 5: the message says so
        ("  export_liens_siecle: {share: [0,5, 1.0]}\n", ["virgule décimale", "virgule décimale"]),
    ],
)
def test_a_list_of_shares_is_told_item_by_item(
    tmp_path: Path, text: str, expected: list[str]
) -> None:
    rules = _errors_of(tmp_path, "operations:\n" + text)
    assert len(rules) == len(expected)
    assert all(e in rule for e, rule in zip(expected, rules, strict=True)), rules


def test_a_decimal_comma_in_braces_and_a_backwards_outage(tmp_path: Path) -> None:
    """« {delay: 1,5h} » reads as « delay: 1 » and a key « 5h »; the dates of an outage that
    ends before it starts are written as a French office writes them."""
    rules = _errors_of(tmp_path, "channels:\n  import_ent: {delay: 1,5h}\n")
    assert any("Entre accolades" in rule and "90min" in rule for rule in rules), rules
    outage = "{start: 2026-09-03 00:00, end: 2026-08-31 00:00}"
    rules = _errors_of(tmp_path, f"channels:\n  extraction_aaf:\n    outages: [{outage}]\n")
    assert rules == ["la panne finit (31/08/2026 00:00) avant de commencer (03/09/2026 00:00)"]


def _warnings_of(tmp_path: Path, text: str) -> list[tuple[str, str]]:
    path = tmp_path / "essai.yaml"
    path.write_text(f"extends: {SCENARIOS / 'nominal.yaml'}\nname: essai\n{text}", "utf-8")
    _, warnings = load_scenario_with_warnings(path)
    return [(w.field, w.rule) for w in warnings]


def test_validation_warns_of_an_operation_the_application_will_refuse(tmp_path: Path) -> None:
    """The profiling on 12/06, before the selection of nomenclatures (15/06) it needs: that
    occurrence is refused, and so is everything the profiling opens. Only the root is told
    (the run lists the rest); a gate left out is told as such."""
    found = _warnings_of(
        tmp_path,
        "operations:\n  selection_nomenclatures: {date: 2026-06-15}\n"
        "  profilage: {date: 2026-06-12}\n",
    )
    assert found == [
        (
            "operations.profilage.date[0]",
            "le 12/06/2026, l'application refusera l'opération : l'opération « sélection des "
            "nomenclatures SIECLE », qui doit la précéder, n'est prévue qu'après",
        )
    ]
    left_out = _warnings_of(tmp_path, "operations:\n  bascule_sts: {missing: true}\n")
    assert {field for field, _ in left_out} == {
        f"operations.{op}.date[0]"
        for op in ("verification_divisions", "export_structure_siecle", "export_sts_edt")
    } | {"operations.import_sts_edt.date[0]"}
    assert all("n'est pas faite dans ce scénario" in rule for _, rule in left_out)
    assert _warnings_of(tmp_path, "") == []  # the nominal keeps every gate


def test_validation_warns_of_a_change_recorded_in_a_closure_and_of_an_odd_rentree(
    tmp_path: Path,
) -> None:
    """A change of reality recorded on 10/08 (the summer closure); a rentrée on Saturday
    15/08: a weekend, a public holiday, in the closure, far from the zone's 01/09."""
    change = _warnings_of(
        tmp_path, "reality:\n  - {date: 2026-08-10, kind: arrival, count: 2, level: 2nde}\n"
    )
    assert [field for field, _ in change] == ["reality[0].date"]
    assert "le changement est saisi le 10/08/2026" in change[0][1]
    rentree = _warnings_of(tmp_path, "calendar: {rentree: 2026-08-15}\n")
    rules = " | ".join(rule for field, rule in rentree if field == "calendar.rentree")
    for told in ("samedi", "jour férié", "fermeture", "loin de celle de la zone"):
        assert told in rules


def test_french_day_abbreviations_and_a_lower_case_zone_are_read(tmp_path: Path) -> None:
    """« sam, dim » as a French office abbreviates them (« sat » already was), « zone: a »."""
    path = tmp_path / "z.yaml"
    path.write_text(
        f"extends: {SCENARIOS / 'nominal.yaml'}\nname: z\netablissement: {{zone: a}}\n"
        "channels:\n  extraction_aaf: {full_days: [sam, dim]}\n",
        encoding="utf-8",
    )
    scenario = load_scenario(path)
    assert scenario.etablissement.zone == "A"
    assert scenario.channels.extraction_aaf.full_days == [5, 6]


def test_a_key_written_in_french_is_given_its_english_name(tmp_path: Path) -> None:
    """The format's keys are English; « calendrier », « Élèves » (what a French office
    writes) are told the key they stand for, where the spelling alone would not find it."""
    path = write(tmp_path, "fr.yaml", "extends: nominal.yaml\ncalendrier: {}\n")
    (tmp_path / "nominal.yaml").write_text((SCENARIOS / "nominal.yaml").read_text("utf-8"), "utf-8")
    [error] = errors_of(path)
    assert error.rule.endswith("clé inconnue « calendrier » — vouliez-vous dire « calendar » ?")
    path = write(tmp_path, "fr2.yaml", "extends: nominal.yaml\netablissement: {Élèves: 900}\n")
    [error] = errors_of(path)
    assert error.rule.endswith("— vouliez-vous dire « students » ?")


def test_a_decimal_comma_between_braces_and_a_missing_colon_are_named(tmp_path: Path) -> None:
    """``{share: 0,7}`` reads « 7 » as a key; ``export_liens_siecle {date: …}`` has no colon:
    both are told what to write (a probe got a bare rule, then a list of operations)."""
    (tmp_path / "nominal.yaml").write_text((SCENARIOS / "nominal.yaml").read_text("utf-8"), "utf-8")
    comma = write(
        tmp_path, "c.yaml", "extends: nominal.yaml\noperations:\n  transferts: {share: 0,7}\n"
    )
    [error] = errors_of(comma)
    assert error.line == 3 and error.rule.endswith("« 0,7 » : une virgule décimale ? Écrivez 0.7")
    # as written, not as YAML reads the part (« 05 » is 5 to it, « 08 » a text)
    small = write(
        tmp_path, "c5.yaml", "extends: nominal.yaml\noperations:\n  transferts: {share: 0,05}\n"
    )
    [error] = errors_of(small)
    assert error.rule.endswith("« 0,05 » : une virgule décimale ? Écrivez 0.05")
    eight = write(
        tmp_path, "c8.yaml", "extends: nominal.yaml\noperations:\n  transferts: {share: 0,08}\n"
    )
    assert any("virgule décimale devant « 08 »" in e.rule for e in errors_of(eight))
    colon = write(
        tmp_path,
        "d.yaml",
        "extends: nominal.yaml\noperations:\n  export_liens_siecle {date: 2026-09-03}\n",
    )
    [error] = errors_of(colon)
    assert error.rule.endswith(
        "il manque « : » après « export_liens_siecle » (« export_liens_siecle: {…} »)"
    )


def test_a_loop_of_symbolic_links_is_told(tmp_path: Path) -> None:
    """``extends`` through a loop of links: « trop de liens symboliques », not an internal
    error (``Path.resolve`` raised RuntimeError)."""
    (tmp_path / "a.yaml").symlink_to(tmp_path / "b.yaml")
    (tmp_path / "b.yaml").symlink_to(tmp_path / "a.yaml")
    [error] = errors_of(tmp_path / "a.yaml")
    assert "trop de liens symboliques" in error.rule
    child = write(tmp_path, "child.yaml", "extends: a.yaml\nname: c\n")
    [error] = errors_of(child)
    assert error.field == "extends" and "trop de liens symboliques" in error.rule


def test_a_name_with_a_line_break_is_refused(tmp_path: Path) -> None:
    """A probe's « X\\nY » passed, then broke the agenda (.ics) of ``plan``; in an académie's
    table a line break forged a row of the ranking. A name holds on one line."""
    (tmp_path / "nominal.yaml").write_text((SCENARIOS / "nominal.yaml").read_text("utf-8"), "utf-8")
    path = write(tmp_path, "nl.yaml", 'extends: nominal.yaml\nname: "X\\nY"\n')
    [error] = errors_of(path)
    assert error.field == "name" and "pas de retour à la ligne" in error.rule
    blank = write(tmp_path, "blank.yaml", 'extends: nominal.yaml\nname: "   "\n')
    [error] = errors_of(blank)
    assert error.field == "name" and "que d'espaces" in error.rule


def test_more_departures_than_students_are_refused(tmp_path: Path) -> None:
    """1,500 departures of a lycée of 1,200 students (no arrival): some could not happen;
    they were capped without a word."""
    (tmp_path / "nominal.yaml").write_text((SCENARIOS / "nominal.yaml").read_text("utf-8"), "utf-8")
    changes = "".join(
        f"  - {{date: 2026-09-1{d}, kind: departure, count: 500, level: Tle}}\n" for d in (5, 6, 7)
    )
    [error] = errors_of(write(tmp_path, "d.yaml", f"extends: nominal.yaml\nreality:\n{changes}"))
    assert "1500 départs en cours d'année pour 1200 élèves" in error.rule


def test_a_yaml_merge_key_is_named(tmp_path: Path) -> None:
    """« <<: *base » was told as « étiquette YAML (!…) non permise », naming nothing written."""
    path = write(tmp_path, "m.yaml", "x: &b {a: 1}\noperations:\n  transferts:\n    <<: *b\n")
    [error] = errors_of(path)
    assert error.line == 4 and "la fusion YAML « <<: » n'est pas prise en charge" in error.rule
