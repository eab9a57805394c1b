"""Exports written from the nominal's truth, read back and diagnosed: the readers give back
what the writer wrote (pseudonymised), every planted defect is found with its count, clean
files give nothing, and no output ever holds a name, a birth date or an identifier."""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
from pathlib import Path

import pytest

from sim.analysis.diagnosis import Rule, diagnose
from sim.calendar import rentree_date
from sim.engine.simulation import build_truth
from sim.realfiles import exports as ex
from sim.realfiles.defects import DEFECTS, plant
from sim.realfiles.fictional import exports_of
from sim.realfiles.key import Key, load_key
from sim.realfiles.pseudo import Pseudonyms
from sim.realfiles.readers import read_school_exports
from sim.realfiles.writer import ELEVES_FILE, export_files
from sim.scenario.loader import load_scenario
from tests.conftest import ROOT, Cli
from tests.realfiles_samples import folder_options

NOMINAL = ROOT / "scenarios" / "nominal.yaml"
SHIPPED = ROOT / "scenarios" / "exports"
RENTREE = rentree_date("A", 2026)


@pytest.fixture(scope="module")
def written() -> ex.SchoolExports:
    """The nominal's exports at the rentrée, with the identities the writer invented."""
    scenario = load_scenario(NOMINAL)
    truth, clock = build_truth(scenario)
    minute = clock.day_minutes(RENTREE, dt.time(0, 0))
    return exports_of(truth, minute, scenario.etablissement.uai, 2026, RENTREE, scenario.seed)


@pytest.fixture(scope="module")
def key(tmp_path_factory: pytest.TempPathFactory) -> Key:
    return load_key(tmp_path_factory.mktemp("config"))


def _write(files: ex.SchoolExports, folder: Path, zipped: bool = True) -> dict[str, Path]:
    paths = {}
    for name, data in export_files(files, zip_siecle=zipped).items():
        (folder / name).write_bytes(data)
        role = "sts" if name.startswith("sts_emp") else name.split(".")[0]
        paths[role] = folder / name
    return {
        "sts": paths["sts"],
        "eleves": paths["ElevesSansAdresses"],
        "structures": paths["Structures"],
        "responsables": paths["ResponsablesAvecAdresses"],
    }


def _read(paths: dict[str, Path], key: Key) -> ex.SchoolExports:
    return read_school_exports(
        paths["sts"], paths["eleves"], paths["structures"], paths["responsables"], key
    )


def _pseudonymised(files: ex.SchoolExports, key: Key) -> ex.SchoolExports:
    """What the readers must give for ``files``: identifiers as pseudonyms, no identity."""
    names = Pseudonyms(key, files.sts.uai)
    copied = copy.deepcopy(files)
    for teacher in copied.sts.teachers:
        teacher.ident, teacher.identity = names.of("enseignant", teacher.ident), None
    for structure in (*copied.sts.divisions, *copied.sts.groups):
        for service in structure.services:
            service.teachers = [names.of("enseignant", p) for p in service.teachers]
    for student in copied.eleves.students:
        student.ident = names.of("eleve", student.ident)
        student.identity = student.national_id = None
        if student.previous_uai not in (None, files.sts.uai):
            student.previous_uai = ex.ELSEWHERE
    assert copied.responsables is not None
    for guardian in copied.responsables.guardians:
        guardian.ident, guardian.identity = names.of("responsable", guardian.ident), None
    for link in copied.responsables.links:
        link.student = names.of("eleve", link.student)
        link.guardian = names.of("responsable", link.guardian)
    copied.sts.subjects = dict(copied.sts.subjects)
    return copied


@pytest.mark.parametrize("zipped", [True, False])
def test_the_readers_give_back_what_the_writer_wrote(
    written: ex.SchoolExports, key: Key, tmp_path: Path, zipped: bool
) -> None:
    read = _read(_write(written, tmp_path, zipped), key)
    expected = _pseudonymised(written, key)
    assert read.sts == expected.sts
    assert read.eleves.students == expected.eleves.students
    assert read.structures == expected.structures
    assert read.responsables == expected.responsables
    assert read.eleves.duplicates == [] and read.eleves.orphans == []
    assert read.members == (
        {
            "eleves": ELEVES_FILE,
            "structures": "Structures.xml",
            "responsables": "ResponsablesAvecAdresses.xml",
        }
        if zipped
        else {}
    )


def test_clean_exports_of_the_nominal_have_no_finding(
    written: ex.SchoolExports, key: Key, tmp_path: Path
) -> None:
    diagnosis = diagnose(_read(_write(written, tmp_path), key), RENTREE)
    assert diagnosis.findings == ()
    assert diagnosis.students == len(written.eleves.students) == 1200
    assert diagnosis.divisions == 40  # 14 + 13 + 13, the obsolete one gone


@pytest.mark.parametrize("defect", sorted(DEFECTS))
def test_every_planted_defect_is_found_with_its_count(
    written: ex.SchoolExports, key: Key, tmp_path: Path, defect: str
) -> None:
    planted, expected = plant(written, defect)
    diagnosis = diagnose(_read(_write(planted, tmp_path), key), RENTREE)
    assert {f.rule.value: f.count for f in diagnosis.findings} == expected
    assert defect in expected


def test_every_rule_but_the_reader_s_own_can_be_planted() -> None:
    assert set(DEFECTS) == {r.value for r in Rule} - {
        "structures_sans_eleve_connu",
        "export_eleves_incomplet",
        "export_ancien",
    }


# --- the shipped example files, the commands, and privacy -----------------------------------


@pytest.mark.parametrize(
    ("folder", "extra"),
    [
        ("lycee-montaigne", ["--au", "04/09/2026"]),
        (
            "lycee-montaigne-defauts",
            [
                "--au",
                "04/09/2026",
                "--defaut",
                "structure_eleve_inconnue",
                "--defaut",
                "eleve_sans_groupe",
                "--defaut",
                "division_sans_service",
                "--defaut",
                "doublon_probable",
            ],
        ),
    ],
)
def test_shipped_exports_are_what_the_command_writes(
    cli: Cli, tmp_path: Path, folder: str, extra: list[str]
) -> None:
    out = tmp_path / folder
    code, _, err = cli(["fichiers-fictifs", str(NOMINAL), "-o", str(out), *extra])
    assert code == 0, err
    shipped = sorted(p.name for p in (SHIPPED / folder).iterdir())
    assert shipped == sorted(p.name for p in out.iterdir())
    for name in shipped:
        assert (SHIPPED / folder / name).read_bytes() == (out / name).read_bytes(), name


def test_diagnosis_of_the_shipped_files(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RENTREE_SIM_CONFIG", str(tmp_path / "config"))
    code, out, err = cli(["diagnostiquer", *folder_options(SHIPPED / "lycee-montaigne")])
    assert code == 0, err
    assert "aucun défaut" in out and "clé de pseudonymisation créée" in err
    code, out, err = cli(
        ["diagnostiquer", *folder_options(SHIPPED / "lycee-montaigne-defauts"), "--json"]
    )
    assert code == 0, err
    found = {c["regle"]: c["nombre"] for c in json.loads(out)["constats"]}
    assert found == {
        "structure_eleve_inconnue": 3,
        "division_sans_service": 3,
        "eleve_sans_groupe": 3,
        "doublon_probable": 3,
    }
    page = tmp_path / "diagnostic.html"
    code, out, err = cli(
        ["diagnostiquer", *folder_options(SHIPPED / "lycee-montaigne-defauts"), "-o", str(page)]
    )
    assert code == 0, err
    text = page.read_text(encoding="utf-8")
    assert "<script" not in text and "http" not in text.replace("http-equiv", "")
    assert 'id="doublon_probable"' in text
    # the page is never written over an export the command reads (a probe's was named .html)
    options = folder_options(SHIPPED / "lycee-montaigne-defauts")
    export = tmp_path / "eleves.html"
    export.write_bytes(Path(options[options.index("--eleves") + 1]).read_bytes())
    options[options.index("--eleves") + 1] = str(export)
    code, out, err = cli(["diagnostiquer", *options, "-o", str(export)])
    assert code == 2 and "c'est un fichier que la commande lit" in err
    assert export.read_bytes()[:2] == b"PK"


def _personal_tokens(files: ex.SchoolExports) -> set[str]:
    """Every name, birth date and identifier of the people the writer invented."""
    tokens: set[str] = set()
    people: list[tuple[str, ex.Identity | None, str | None]] = []
    people += [(t.ident, t.identity, None) for t in files.sts.teachers]
    people += [(s.ident, s.identity, s.national_id) for s in files.eleves.students]
    assert files.responsables is not None
    people += [(g.ident, g.identity, None) for g in files.responsables.guardians]
    for ident, identity, national in people:
        tokens.add(ident)
        if national:
            tokens.add(national)
        if identity is not None:
            tokens.update(
                part for part in re.split(r"[\s-]+", identity.family_name) if len(part) > 3
            )
            tokens.add(identity.first_name)
            tokens.add(identity.birth.strftime("%d/%m/%Y"))
            tokens.add(identity.birth.isoformat())
    return tokens


def test_no_output_holds_a_name_a_birth_date_or_an_id(
    cli: Cli, written: ex.SchoolExports, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RENTREE_SIM_CONFIG", str(tmp_path / "config"))
    planted = written
    for defect in ("doublon_probable", "eleve_sans_groupe", "service_incomplet"):
        planted, _ = plant(planted, defect)
    folder = tmp_path / "fichiers"
    folder.mkdir()
    paths = _write(planted, folder)
    options = [w for role in paths for w in (f"--{role}", str(paths[role]))]
    outputs = []
    page = tmp_path / "page.html"
    for extra in ([], ["--json"], ["-o", str(page)]):
        code, out, err = cli(["diagnostiquer", *options, *extra])
        assert code == 0, err
        outputs += [out, err]
    outputs.append(page.read_text(encoding="utf-8"))
    # an error on a file must not show a person either
    broken = folder / "ElevesSansAdresses.xml"
    data = export_files(planted, zip_siecle=False)[ELEVES_FILE]
    broken.write_bytes(data.replace(b"<DATE_NAISS>", b"<DATE_NAISS><", 1))
    code, out, err = cli(["diagnostiquer", *options[:2], "--eleves", str(broken), *options[4:]])
    assert code == 2 and "ligne" in err
    outputs += [out, err]
    tokens = _personal_tokens(planted)
    # the scan sees the people where they are: in the files themselves
    raw = data.decode("iso-8859-15")
    assert len(tokens & set(re.findall(r"[\w/'-]+", raw))) > 3000
    words = set(re.findall(r"[\w/'-]+", "\n".join(outputs)))
    leaked = sorted(tokens & words)
    assert not leaked, leaked[:10]


def test_a_day_before_the_export_is_refused(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RENTREE_SIM_CONFIG", str(tmp_path / "config"))
    code, out, err = cli(
        ["diagnostiquer", *folder_options(SHIPPED / "lycee-montaigne"), "--au", "03/09/2026"]
    )
    assert code == 2 and "précède l'export du 04/09/2026" in err and out == ""
    code, _, err = cli(
        ["fichiers-fictifs", str(NOMINAL), "-o", str(tmp_path / "x"), "--defaut", "rien"]
    )
    assert code == 2 and "défaut « rien » inconnu" in err
    assert not (tmp_path / "x").exists()


def test_fictional_files_hold_what_the_systems_hold_that_day(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the nominal calendar, on Tuesday 01/09 the groups are in STS-WEB (sent up from the
    timetable on 31/08) but reach SIECLE only at the copy of 01/09 16:00, and no link is
    exported before Thursday 03/09: the files of that morning show exactly these two
    findings. On Friday 04/09, after the links, they show none."""
    monkeypatch.setenv("RENTREE_SIM_CONFIG", str(tmp_path / "config"))
    found = {}
    for day in ("01/09/2026", "04/09/2026"):
        out = tmp_path / day.replace("/", "-")
        assert cli(["fichiers-fictifs", str(NOMINAL), "-o", str(out), "--au", day])[0] == 0
        code, text, err = cli(["diagnostiquer", *folder_options(out), "--json"])
        assert code == 0, err
        found[day] = {c["regle"]: c["nombre"] for c in json.loads(text)["constats"]}
    assert found["01/09/2026"] == {"structure_absente_siecle": 181, "liens_non_exportes": 1200}
    assert found["04/09/2026"] == {}


def test_a_defect_that_cannot_be_planted_that_day_is_told(cli: Cli, tmp_path: Path) -> None:
    """On 25/08 no student has a group yet (the links are exported on 03/09): « no link
    exported » has nothing to break, and the command says so rather than writing files that
    silently lack it."""
    out = tmp_path / "exports"
    code, _, err = cli(
        [
            "fichiers-fictifs",
            str(ROOT / "scenarios" / "nominal.yaml"),
            "-o",
            str(out),
            "--au",
            "25/08/2026",
            "--defaut",
            "liens_non_exportes",
        ]
    )
    assert code == 0, err
    assert "le défaut liens_non_exportes n'a rien trouvé à changer" in err
    assert "25/08/2026" in err


def test_a_forecast_outside_the_scenario_s_window_is_refused(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RENTREE_SIM_CONFIG", str(tmp_path / "config"))
    options = folder_options(SHIPPED / "lycee-montaigne")
    nominal = str(ROOT / "scenarios" / "nominal.yaml")
    code, out, err = cli(["diagnostiquer", *options, "--scenario", nominal, "--au", "20/11/2026"])
    assert code == 2 and out == ""
    assert "hors de la fenêtre" in err and "15/11/2026" in err and "Traceback" not in err


# --- what the forecast assumes about links (groups_awaiting_links, data_of(populate=…)) ----


@pytest.mark.parametrize(
    ("defects", "awaited"),
    [
        ((), 0),
        (("liens_non_exportes",), 181),  # every group: no student has any
        (("structure_absente_siecle",), 3),  # the groups missing from SIECLE
        (("groupe_sans_eleve",), 0),  # may really be empty: told, not assumed
        (("groupe_reconduit",), 0),  # last year's: never
    ],
)
def test_groups_whose_links_wait_get_one_group_per_subject_and_student(
    written: ex.SchoolExports, key: Key, tmp_path: Path, defects: tuple[str, ...], awaited: int
) -> None:
    """The groups the files show waiting for links get students of their divisions; a
    student gets at most one group of a subject, none of a subject it has a group of, and
    keeps the groups the files give it."""
    from sim.analysis.diagnosis import groups_awaiting_links
    from sim.realfiles.importer import data_of

    planted = written
    for defect in defects:
        planted, _ = plant(planted, defect)
    files = _read(_write(planted, tmp_path), key)
    awaiting = groups_awaiting_links(files, RENTREE)
    assert len(awaiting.groups) == awaited
    before, _ = data_of(files, "0" * 8, RENTREE)
    after, report = data_of(files, "0" * 8, RENTREE, populate=awaiting.groups)
    assert set(report.populated) == set(awaiting.groups)
    subject = {g.code: (g.services[0].subject if g.services else g.code) for g in files.sts.groups}
    for old, new in zip(before.eleves, after.eleves, strict=True):
        assert new.groupes[: len(old.groupes)] == old.groupes
        added = new.groupes[len(old.groupes) :]
        assert set(added) <= awaiting.groups
        if added:
            subjects = [subject[g] for g in new.groupes]
            assert len(subjects) == len(set(subjects)), new.id


def test_an_eleves_export_without_its_students_is_blocking(
    written: ex.SchoolExports, key: Key, tmp_path: Path
) -> None:
    """ElevesSansAdresses.xml with an empty <ELEVES/> but every student's placement: no
    active student is read, and all 1,200 placements match none. Not « for information »,
    as one stray placement is: nothing the files say about students can be trusted."""
    paths = _write(written, tmp_path, zipped=False)
    text = paths["eleves"].read_text("iso-8859-15")
    emptied = re.sub(r"<ELEVES>.*</ELEVES>", "<ELEVES/>", text, flags=re.S)
    assert emptied != text
    paths["eleves"].write_text(emptied, "iso-8859-15")
    diagnosis = diagnose(_read(paths, key), RENTREE)
    found = {f.rule: f for f in diagnosis.findings}
    incomplete = found[Rule.STUDENTS_EXPORT_INCOMPLETE]
    assert incomplete.count == len(written.eleves.students)
    assert Rule.ORPHAN_STRUCTURES not in found
    assert diagnosis.findings[0].rule is Rule.STUDENTS_EXPORT_INCOMPLETE
