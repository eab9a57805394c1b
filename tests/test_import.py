"""Importing a lycée's exports: generate → write → import gives back the same facts, the
data file holds no person, and what was written loads and runs."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import stat
import zipfile
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from sim.domain import Category
from sim.engine.simulation import build_truth, simulate
from sim.realfiles import exports as ex
from sim.realfiles.fictional import exports_of
from sim.realfiles.importer import data_of, level_of_mef
from sim.realfiles.key import load_key
from sim.realfiles.pseudo import Pseudonyms
from sim.realfiles.readers import read_school_exports
from sim.realfiles.writer import export_files
from sim.scenario.donnees import data_json
from sim.scenario.loader import load_scenario
from sim.truth.model import Truth
from tests.conftest import ROOT, Cli
from tests.realfiles_samples import folder_options

NOMINAL = ROOT / "scenarios" / "nominal.yaml"
SHIPPED = ROOT / "scenarios" / "exports" / "lycee-montaigne"
RENTREE = dt.date(2026, 9, 1)


@pytest.fixture(scope="module")
def nominal() -> tuple[Truth, float, ex.SchoolExports]:
    scenario = load_scenario(NOMINAL)
    truth, clock = build_truth(scenario)
    minute = clock.day_minutes(RENTREE, dt.time(0, 0))
    files = exports_of(truth, minute, "0330999Z", 2026, RENTREE, scenario.seed)
    return truth, minute, files


def _true_labels(truth: Truth, category: Category, minute: float) -> list[str]:
    table = truth.table(category)
    return [table.labels[i] for i in np.flatnonzero(table.true_at(minute))]


def test_generate_write_import_gives_back_the_same_facts(
    nominal: tuple[Truth, float, ex.SchoolExports], tmp_path: Path
) -> None:
    """Every fact true at the rentrée, in the nine categories, is the same in the truth
    imported from the files as in the generated one, once the generator's codes are named
    by the pseudonyms of the ids the writer gave them."""
    truth, minute, files = nominal
    key = load_key(tmp_path / "config")
    for name, data in export_files(files, zip_siecle=True).items():
        (tmp_path / name).write_bytes(data)
    read = read_school_exports(
        tmp_path / "sts_emp_0330999Z_2026.xml",
        tmp_path / "ElevesSansAdresses.zip",
        tmp_path / "Structures.zip",
        tmp_path / "ResponsablesAvecAdresses.zip",
        key,
    )
    data, report = data_of(read, key.fingerprint, RENTREE)
    assert report.students == 1200 and report.without_division == 0
    assert report.unknown_students_guardians == 0
    names = Pseudonyms(key, "0330999Z")
    renamed: dict[str, str] = {}
    for category, people, kind, prefix in (
        (Category.STUDENTS, [s.ident for s in files.eleves.students], "eleve", "eleve"),
        (Category.TEACHERS, [p.ident for p in files.sts.teachers], "enseignant", "enseignant"),
        (
            Category.PARENTS,
            [g.ident for g in files.responsables.guardians],
            "responsable",
            "parent",
        ),
    ):
        codes = [label.split(":", 1)[1] for label in _true_labels(truth, category, minute)]
        assert len(codes) == len(people)
        renamed.update(
            {
                f"{prefix}:{c}": f"{prefix}:{names.of(kind, p)}"
                for c, p in zip(codes, people, strict=True)
            }
        )

    def rename(label: str) -> str:
        return re.sub(
            r"\b(eleve|enseignant|parent):\S+", lambda m: renamed.get(m.group(), m.group()), label
        )

    scenario = load_scenario(NOMINAL)
    etab = scenario.etablissement.model_copy(update={"donnees": "x"})
    from sim.calendar import Clock
    from sim.truth.imported import imported_truth

    clock = Clock.starting(scenario.calendar.start)
    imported = imported_truth(etab, data, [], clock, [], scenario.seed)
    for category in Category:
        generated = sorted(rename(label) for label in _true_labels(truth, category, minute))
        got = sorted(_true_labels(imported, category, minute))
        assert got == generated, category
    # what the files cannot tell follows the generator's conventions, counted alike
    assert int(imported.student_is_leaver.sum()) == int(truth.student_is_leaver.sum())
    assert int(imported.group_is_carried.sum()) == int(truth.group_is_carried.sum())
    assert int(imported.division_is_obsolete.sum()) == int(truth.division_is_obsolete.sum())


def test_levels_come_from_the_mef() -> None:
    assert [level_of_mef(m) for m in ("20010018110", "20110019110", "20210019110", "x")] == [
        "2nde",
        "1re",
        "Tle",
        "2nde",
    ]


def _import(
    cli: Cli, folder: Path, *extra: str, exports: Path = SHIPPED, name: str = "mon-lycee.yaml"
) -> tuple[int, str, str]:
    """``importer`` of the files in ``exports`` into ``folder / name``, the nominal as model."""
    return cli(
        [
            "importer",
            *folder_options(exports),
            "-o",
            str(folder / name),
            "--modele",
            str(NOMINAL),
            *extra,
        ]
    )


def test_the_importer_writes_a_scenario_that_runs(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RENTREE_SIM_CONFIG", str(tmp_path / "config"))
    code, out, err = _import(cli, tmp_path)
    assert code == 0, err
    assert "1\u202f200 élèves, 40 divisions, 181 groupes" in out  # French thousands
    data_file = tmp_path / "mon-lycee.donnees.json"
    assert stat.S_IMODE(data_file.stat().st_mode) == 0o600
    scenario = load_scenario(tmp_path / "mon-lycee.yaml")
    assert scenario.etablissement.donnees == str(data_file)
    assert scenario.etablissement.students == 1200
    assert scenario.etablissement.divisions.by_level() == {"2nde": 14, "1re": 13, "Tle": 13}
    result = simulate(scenario)
    assert result.truth.size(Category.STUDENTS) > 1200
    code, out, err = cli(["run", str(tmp_path / "mon-lycee.yaml")])
    assert code == 0 and "ENT (Lycée Connecté) : cohérent à partir du" in out
    first = data_file.read_bytes()
    # a second import never replaces the lycée's files (its dates, its corrections) unasked
    code, _, err = _import(cli, tmp_path)
    assert code == 2 and "mon-lycee.yaml et mon-lycee.donnees.json existent déjà" in err
    assert "--remplacer" in err and data_file.read_bytes() == first
    code, _, err = _import(cli, tmp_path, "--remplacer")
    assert code == 0 and data_file.read_bytes() == first  # two imports match
    assert "mon-lycee.donnees.json existait : il est remplacé" in err
    monkeypatch.setenv("RENTREE_SIM_CONFIG", str(tmp_path / "another"))
    code, _, err = _import(cli, tmp_path, "--remplacer")
    other = json.loads(data_file.read_text("utf-8"))
    assert other["empreinte_cle"] != json.loads(first)["empreinte_cle"]
    assert not {s["id"] for s in other["eleves"]} & {s["id"] for s in json.loads(first)["eleves"]}


def test_nothing_written_names_a_person(
    cli: Cli,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    nominal: tuple[Truth, float, ex.SchoolExports],
) -> None:
    monkeypatch.setenv("RENTREE_SIM_CONFIG", str(tmp_path / "config"))
    code, out, err = _import(cli, tmp_path)
    assert code == 0, err
    files = nominal[2]
    tokens: set[str] = set()
    people = [*files.sts.teachers, *files.eleves.students, *files.responsables.guardians]
    for person in people:
        tokens.add(person.ident)
        if person.identity is not None:
            tokens.add(person.identity.first_name)
            tokens.add(person.identity.birth.strftime("%d/%m/%Y"))
            tokens.add(person.identity.birth.isoformat())
            tokens.update(p for p in re.split(r"[\s-]+", person.identity.family_name) if len(p) > 3)
    tokens.update(s.national_id for s in files.eleves.students if s.national_id)
    written = [p.read_text("utf-8") for p in tmp_path.glob("mon-lycee*")] + [out, err]
    words = set(re.findall(r"[\w/'-]+", "\n".join(written)))
    assert not sorted(tokens & words)[:10]


def test_an_import_that_cannot_be_done_writes_nothing(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RENTREE_SIM_CONFIG", str(tmp_path / "config"))
    model = tmp_path / "autre-annee.yaml"
    model.write_text(
        f"extends: {NOMINAL}\ncalendar: {{start: 2027-06-07, end: 2027-11-14}}\n", "utf-8"
    )
    code, _, err = _import(cli, tmp_path, "--modele", str(model))
    assert code == 2 and "2026" in err and "2027" in err
    assert not list(tmp_path.glob("mon-lycee*"))
    (tmp_path / "dossier.yaml").mkdir()
    code, _, err = cli(["importer", *folder_options(SHIPPED), "-o", str(tmp_path / "dossier.yaml")])
    assert code == 2 and "dossier" in err
    # a link: the scenario and its data file would land beside its target, elsewhere
    (tmp_path / "lien.yaml").symlink_to(tmp_path / "ailleurs" / "vrai.yaml")
    code, _, err = cli(["importer", *folder_options(SHIPPED), "-o", str(tmp_path / "lien.yaml")])
    assert code == 2 and "lien symbolique" in err and not (tmp_path / "ailleurs").exists()


def test_an_import_typed_elsewhere_takes_the_shipped_nominal_and_can_be_moved(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without --modele, away from the project's folder, the model is the source tree's
    nominal; it is named by its full path (it is not in the scenario's folder), so the
    scenario and its data file, moved together into another folder, still run."""
    monkeypatch.setenv("RENTREE_SIM_CONFIG", str(tmp_path / "config"))
    monkeypatch.chdir(tmp_path)
    code, _, err = cli(["importer", *folder_options(SHIPPED), "-o", "lycee.yaml"])
    assert code == 0, err
    text = (tmp_path / "lycee.yaml").read_text("utf-8")
    assert f"extends: {NOMINAL.resolve()}" in text
    moved = tmp_path / "rangé" / "ici"
    moved.mkdir(parents=True)
    for name in ("lycee.yaml", "lycee.donnees.json"):
        (tmp_path / name).rename(moved / name)
    code, _, err = cli(["run", str(moved / "lycee.yaml")])
    assert code == 0, err


@pytest.mark.parametrize(
    ("change", "fragment"),
    [
        (lambda d: d["eleves"][0].update(division="INCONNUE"), "INCONNUE"),
        (lambda d: d.update(uai="0330100J"), "0330100J"),
        (lambda d: d["eleves"][0].update(id="Martin"), "eleves"),
        (lambda d: d["divisions"].append(d["divisions"][0]), "deux fois"),
        (lambda d: d.update(version=2), "version"),
        (lambda d: d["niveaux"].update({"20010018110": "seconde"}), "2nde, 1re, Tle"),
    ],
)
def test_a_damaged_data_file_is_refused_naming_it(
    cli: Cli,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    change: Callable[[dict[str, object]], None],
    fragment: str,
) -> None:
    monkeypatch.setenv("RENTREE_SIM_CONFIG", str(tmp_path / "config"))
    assert _import(cli, tmp_path)[0] == 0
    data_file = tmp_path / "mon-lycee.donnees.json"
    content = json.loads(data_file.read_text("utf-8"))
    change(content)
    data_file.write_text(json.dumps(content), "utf-8")
    code, _, err = cli(["validate", str(tmp_path / "mon-lycee.yaml")])
    assert code == 2 and "mon-lycee.donnees.json" in err and fragment in err, err
    assert "Traceback" not in err


def test_a_data_file_as_json_is_strict(tmp_path: Path) -> None:
    from sim.errors import ScenarioError
    from sim.scenario.donnees import read_data

    path = tmp_path / "x.donnees.json"
    for text, fragment in (
        ('{"a": 1, "a": 2}', "double"),
        ('{"a": NaN}', "NaN"),
        ("[1]", "objet"),
        ("{", "JSON"),
    ):
        path.write_text(text, "utf-8")
        with pytest.raises(ScenarioError, match=fragment):
            read_data(path)


def test_data_json_is_stable(
    tmp_path: Path, nominal: tuple[Truth, float, ex.SchoolExports]
) -> None:
    key = load_key(tmp_path)
    files = nominal[2]
    for name, data in export_files(files, zip_siecle=False).items():
        (tmp_path / name).write_bytes(data)
    read = read_school_exports(
        tmp_path / "sts_emp_0330999Z_2026.xml",
        tmp_path / "ElevesSansAdresses.xml",
        tmp_path / "Structures.xml",
        None,
        key,
    )
    first = data_json(data_of(read, key.fingerprint, RENTREE)[0])
    assert first == data_json(data_of(read, key.fingerprint, RENTREE)[0])
    assert json.loads(first)["responsables"] == []


def test_a_lycee_without_services_groups_or_guardians_runs(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An LP without groups, whose services are not sent up yet, imported without the
    guardians' file: it loads and every fact category can be simulated."""
    monkeypatch.setenv("RENTREE_SIM_CONFIG", str(tmp_path / "config"))
    assert _import(cli, tmp_path)[0] == 0
    data_file = tmp_path / "mon-lycee.donnees.json"
    content = json.loads(data_file.read_text("utf-8"))
    content.update(groupes=[], services=[], responsables=[])
    for student in content["eleves"]:
        student["groupes"] = []
    data_file.write_text(json.dumps(content), "utf-8")
    code, out, err = cli(["run", str(tmp_path / "mon-lycee.yaml")])
    assert code == 0, err
    assert "ENT (Lycée Connecté) : cohérent à partir du" in out


def test_guardian_links_to_students_the_list_lacks_are_told(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ResponsablesAvecAdresses exported a day after ElevesSansAdresses names a student the
    list lacks: the link is ignored, and the import says how many, in French."""
    monkeypatch.setenv("RENTREE_SIM_CONFIG", str(tmp_path / "config"))
    folder = tmp_path / "exports"
    shutil.copytree(SHIPPED, folder)
    archive = folder / "ResponsablesAvecAdresses.zip"
    with zipfile.ZipFile(archive) as zipped:
        (member,) = zipped.namelist()
        content = zipped.read(member)
    guardian = re.search(rb'PERSONNE_ID="(\d+)"', content)
    assert guardian is not None
    link = (
        b"<RESPONSABLE_ELEVE><ELEVE_ID>9999999999</ELEVE_ID><PERSONNE_ID>"
        + guardian.group(1)
        + b"</PERSONNE_ID><RESP_LEGAL>1</RESP_LEGAL></RESPONSABLE_ELEVE></RESPONSABLES>"
    )
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr(member, content.replace(b"</RESPONSABLES>", link, 1))
    code, _, err = _import(cli, tmp_path, exports=folder)
    assert code == 0, err
    assert (
        "attention : 1 lien de ResponsablesAvecAdresses vers un élève absent "
        "d'ElevesSansAdresses est ignoré" in err
    )
    code, _, err = _import(cli, tmp_path, name="propre.yaml")
    assert code == 0 and "ResponsablesAvecAdresses vers" not in err


def test_structures_the_chain_cannot_deliver_are_left_out(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A division closed last year and a group carried over at the bascule are in STS-WEB
    with no student: the ENT deletes empty classes and groups, so importing them would make
    the lycée never right. They are left out, and told."""
    monkeypatch.setenv("RENTREE_SIM_CONFIG", str(tmp_path / "config"))
    folder = tmp_path / "fichiers"
    code, _, err = cli(
        [
            "fichiers-fictifs",
            str(NOMINAL),
            "-o",
            str(folder),
            "--au",
            "04/09/2026",
            "--defaut",
            "groupe_reconduit",
            "--defaut",
            "division_sans_eleve",
        ]
    )
    assert code == 0, err
    code, out, err = _import(cli, tmp_path, exports=folder, name="l.yaml")
    assert code == 0, err
    assert "1 division sans élève n'est pas importée" in err and "3 groupes sans élève" in err
    code, out, err = cli(["run", str(tmp_path / "l.yaml")])
    assert code == 0 and "ENT (Lycée Connecté) : cohérent à partir du" in out


@pytest.mark.parametrize(
    ("extra", "fragment"),
    [
        (["--au", "01/01/2030"], "n'est pas dans l'année scolaire"),
        (["--nom", "x" * 201], "--nom"),
    ],
)
def test_an_import_refused_late_writes_nothing_either(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, extra: list[str], fragment: str
) -> None:
    monkeypatch.setenv("RENTREE_SIM_CONFIG", str(tmp_path / "config"))
    code, _, err = _import(cli, tmp_path, *extra)
    assert code == 2 and fragment in err
    assert not [p for p in tmp_path.iterdir() if p.name != "config"]


def test_the_model_is_never_overwritten(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RENTREE_SIM_CONFIG", str(tmp_path / "config"))
    model = tmp_path / "modele.yaml"
    model.write_text(NOMINAL.read_text("utf-8"), "utf-8")
    before = model.read_bytes()
    code, _, err = cli(
        ["importer", *folder_options(SHIPPED), "-o", str(model), "--modele", str(model)]
    )
    assert code == 2 and "modèle" in err
    assert model.read_bytes() == before
    assert {p.name for p in tmp_path.iterdir()} <= {"config", "modele.yaml"}


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("[" * 100_000 + "]" * 100_000, "anormal"),
        ('{"annee": ' + "9" * 5000 + "}", "anormal"),
        ('\ufeff{"a": 1}', "format"),
    ],
)
def test_a_hostile_data_file_is_refused_naming_it(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, fragment: str
) -> None:
    monkeypatch.setenv("RENTREE_SIM_CONFIG", str(tmp_path / "config"))
    assert _import(cli, tmp_path)[0] == 0
    (tmp_path / "mon-lycee.donnees.json").write_text(text, "utf-8")
    code, _, err = cli(["validate", str(tmp_path / "mon-lycee.yaml")])
    assert code == 2 and "mon-lycee.donnees.json" in err and fragment in err, err


def test_sizes_rules_are_checked_with_the_imported_sizes(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RENTREE_SIM_CONFIG", str(tmp_path / "config"))
    assert _import(cli, tmp_path)[0] == 0
    data_file = tmp_path / "mon-lycee.donnees.json"
    content = json.loads(data_file.read_text("utf-8"))
    content["eleves"] = content["eleves"][:100]
    kept = {s["id"] for s in content["eleves"]}
    content["responsables"] = [
        {**g, "eleves": [e for e in g["eleves"] if e in kept]}
        for g in content["responsables"]
        if any(e in kept for e in g["eleves"])
    ]
    data_file.write_text(json.dumps(content), "utf-8")
    child = tmp_path / "enfant.yaml"
    child.write_text("extends: mon-lycee.yaml\netablissement: {leavers: 500}\n", "utf-8")
    code, _, err = cli(["validate", str(child)])
    assert code == 2 and "500 sortants pour 100 élèves" in err
    code, _, err = cli(
        ["fichiers-fictifs", str(tmp_path / "mon-lycee.yaml"), "-o", str(tmp_path / "f")]
    )
    assert code == 2 and "lycée importé" in err


def test_a_data_file_changed_in_the_same_instant_is_read_again(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The parse is kept by the content's digest: a file rewritten with the same size and
    the same modification time (a coarse file system, a quick edit) is read again."""
    from sim.scenario.donnees import read_data

    monkeypatch.setenv("RENTREE_SIM_CONFIG", str(tmp_path / "config"))
    assert _import(cli, tmp_path)[0] == 0
    path = tmp_path / "mon-lycee.donnees.json"
    before = read_data(path)
    stamp = path.stat().st_mtime_ns
    text = path.read_text("utf-8")
    first = before.divisions[0].code
    renamed = first[:-1] + ("X" if first[-1] != "X" else "Y")  # same length
    path.write_text(text.replace(f'"{first}"', f'"{renamed}"'), "utf-8")
    os.utime(path, ns=(stamp, stamp))
    after = read_data(path)
    assert after.divisions[0].code == renamed and before.divisions[0].code == first


def test_the_importer_says_the_files_defects_are_taken_for_the_reality(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The shipped files with four planted defects (three blocking): the import warns that
    its simulation will not show them, and names the command that does; the clean files
    give no such warning."""
    monkeypatch.setenv("RENTREE_SIM_CONFIG", str(tmp_path / "config"))
    defects = SHIPPED.parent / "lycee-montaigne-defauts"
    code, _, err = _import(cli, tmp_path, exports=defects, name="defauts.yaml")
    assert code == 0, err
    assert "ces fichiers ont 3 défauts bloquants" in err and "diagnostiquer" in err
    code, _, err = _import(cli, tmp_path)
    assert code == 0 and "bloquant" not in err
