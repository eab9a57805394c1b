"""The fixture writer: the four export files in the real shapes, from the nominal truth at
the rentrée, with invented people only; deterministic bytes for a seed."""

from __future__ import annotations

import copy
import datetime as dt
import io
import zipfile
from xml.etree import ElementTree as ET

import numpy as np
import pytest

from sim.domain import LEVELS, Category, Origin
from sim.engine.simulation import build_truth
from sim.realfiles.exports import Identity, SchoolExports, Teacher
from sim.realfiles.fictional import (
    FEMININE_NAMES,
    MASCULINE_NAMES,
    MEF_CODES,
    SUBJECTS,
    exports_of,
)
from sim.realfiles.writer import (
    ELEVES_FILE,
    RESPONSABLES_FILE,
    STRUCTURES_FILE,
    XML_DECLARATION,
    ZIP_DATE,
    export_files,
    sts_file_name,
    write_eleves,
    write_sts,
    zipped,
)
from sim.scenario.loader import load_scenario
from sim.scenario.model import resolve_rentree
from sim.scenario.uai import parse_uai
from sim.truth import generator
from sim.truth.model import ORIGINS, Truth
from tests.conftest import SCENARIOS

SEED = 7
YEAR = 2026
STS_NAME = sts_file_name("0330999Z", YEAR)
COMMON_NAMES = (
    "Martin", "Bernard", "Dubois", "Durand", "Thomas", "Robert", "Richard", "Petit",
    "Leroy", "Moreau", "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "David",
    "Bertrand", "Roux", "Vincent", "Fournier", "Morel", "Girard", "Andre", "Mercier",
    "Marie", "Jean", "Pierre", "Louis", "Emma", "Jade", "Lucas", "Hugo", "Léa", "Chloé",
)  # fmt: skip
ELEVE_FIELDS = (
    "ID_NATIONAL", "NOM_DE_FAMILLE", "NOM_USAGE", "PRENOM", "DATE_NAISS", "CODE_SEXE",
    "CODE_PAYS", "CODE_MEF", "DATE_ENTREE", "SCOLARITE_AN_DERNIER/CODE_STRUCTURE",
    "SCOLARITE_AN_DERNIER/CODE_RNE",
)  # fmt: skip


class Built:
    """The nominal truth at the rentrée (08:00), its exports and their files."""

    def __init__(self) -> None:
        scenario = load_scenario(SCENARIOS / "nominal.yaml")
        self.truth, clock = build_truth(scenario)
        self.uai = scenario.etablissement.uai
        self.rentree = resolve_rentree(scenario)
        self.minute = clock.day_minutes(self.rentree, dt.time(8, 0))
        self.exports = self.of(SEED)
        self.files = export_files(self.exports, zip_siecle=False)
        self.trees = {name: ET.fromstring(data) for name, data in self.files.items()}

    def of(self, seed: int, minute: float | None = None) -> SchoolExports:
        at = self.minute if minute is None else minute
        return exports_of(self.truth, at, self.uai, YEAR, self.rentree, seed)

    def true(self, category: Category) -> int:
        return int(self.truth.table(category).true_at(self.minute).sum())


@pytest.fixture(scope="module")
def built() -> Built:
    return Built()


def paths(root: ET.Element) -> set[str]:
    """Every element path (``A/B@ATTR`` for attributes) of the tree, from below the root."""
    found: set[str] = set()

    def walk(element: ET.Element, prefix: str) -> None:
        for child in element:
            path = f"{prefix}/{child.tag}" if prefix else child.tag
            found.add(path)
            found.update(f"{path}@{name}" for name in child.attrib)
            walk(child, path)

    walk(root, "")
    return found


def test_files_are_declared_iso_8859_15_and_well_formed(built: Built) -> None:
    assert list(built.files) == [STS_NAME, ELEVES_FILE, STRUCTURES_FILE, RESPONSABLES_FILE]
    roots = {name: tree.tag for name, tree in built.trees.items()}
    assert roots == {
        STS_NAME: "STS_EDT",
        ELEVES_FILE: "BEE_ELEVES",
        STRUCTURES_FILE: "BEE_STRUCTURES",
        RESPONSABLES_FILE: "BEE_RESPONSABLES",
    }
    for data in built.files.values():
        assert data.startswith(XML_DECLARATION.encode() + b"\n")
        assert b"<!DOCTYPE" not in data
        text = data.decode("iso-8859-15")
        assert "\n  <" in text
    assert "œ".encode("iso-8859-15") in built.files[ELEVES_FILE]
    assert built.trees[ELEVES_FILE].get("VERSION") == "3.0"
    assert built.trees[STRUCTURES_FILE].get("VERSION") == "2.0"
    assert built.trees[RESPONSABLES_FILE].get("VERSION") == "3.0"


def test_the_shapes_of_the_plan(built: Built) -> None:
    sts = paths(built.trees[STS_NAME])
    structure = "DONNEES/STRUCTURE"
    service = "SERVICES/SERVICE"
    assert {
        "PARAMETRES/UAJ@CODE",
        "PARAMETRES/UAJ/ACADEMIE/CODE",
        "PARAMETRES/UAJ/DENOM_PRINC",
        "PARAMETRES/ANNEE_SCOLAIRE@ANNEE",
        "PARAMETRES/ANNEE_SCOLAIRE/DATE_DEBUT",
        "PARAMETRES/ANNEE_SCOLAIRE/DATE_FIN",
        "NOMENCLATURES/MATIERES/MATIERE@CODE",
        "NOMENCLATURES/MATIERES/MATIERE/CODE_GESTION",
        "NOMENCLATURES/MATIERES/MATIERE/LIBELLE_COURT",
        "NOMENCLATURES/MATIERES/MATIERE/LIBELLE_LONG",
        "NOMENCLATURES/MEFS/MEF@CODE",
        "NOMENCLATURES/MEFS/MEF/LIBELLE_LONG",
        "DONNEES/INDIVIDUS/INDIVIDU@ID",
        "DONNEES/INDIVIDUS/INDIVIDU@TYPE",
        *(
            f"DONNEES/INDIVIDUS/INDIVIDU/{name}"
            for name in ("NOM_USAGE", "NOM_PATRONYMIQUE", "PRENOM", "SEXE")
        ),
        "DONNEES/INDIVIDUS/INDIVIDU/DATE_NAISSANCE",
        "DONNEES/INDIVIDUS/INDIVIDU/FONCTION",
        f"{structure}/DIVISIONS/DIVISION@CODE",
        f"{structure}/DIVISIONS/DIVISION/LIBELLE_LONG",
        f"{structure}/DIVISIONS/DIVISION/MEFS_APPARTENANCE/MEF_APPARTENANCE@CODE",
        f"{structure}/DIVISIONS/DIVISION/{service}@CODE_MATIERE",
        f"{structure}/DIVISIONS/DIVISION/{service}@CODE_MOD_COURS",
        f"{structure}/DIVISIONS/DIVISION/{service}/ENSEIGNANTS/ENSEIGNANT@ID",
        f"{structure}/DIVISIONS/DIVISION/{service}/ENSEIGNANTS/ENSEIGNANT@TYPE",
        f"{structure}/GROUPES/GROUPE@CODE",
        f"{structure}/GROUPES/GROUPE/LIBELLE_LONG",
        f"{structure}/GROUPES/GROUPE/DIVISIONS_APPARTENANCE/DIVISION_APPARTENANCE@CODE",
        f"{structure}/GROUPES/GROUPE/{service}/ENSEIGNANTS/ENSEIGNANT@ID",
    } <= sts
    parameters = {f"PARAMETRES/{n}" for n in ("UAJ", "ANNEE_SCOLAIRE", "DATE_EXPORT", "HORODATAGE")}
    eleve = "DONNEES/ELEVES/ELEVE"
    assert {
        *parameters,
        f"{eleve}@ELEVE_ID",
        f"{eleve}@ELENOET",
        *(f"{eleve}/{name}" for name in ELEVE_FIELDS),
        "DONNEES/STRUCTURES/STRUCTURES_ELEVE@ELEVE_ID",
        "DONNEES/STRUCTURES/STRUCTURES_ELEVE/STRUCTURE/CODE_STRUCTURE",
        "DONNEES/STRUCTURES/STRUCTURES_ELEVE/STRUCTURE/TYPE_STRUCTURE",
    } <= paths(built.trees[ELEVES_FILE])
    assert f"{eleve}/DATE_SORTIE" not in paths(built.trees[ELEVES_FILE])
    assert {
        *parameters,
        "DONNEES/DIVISIONS/DIVISION@CODE_STRUCTURE",
        "DONNEES/DIVISIONS/DIVISION/LIBELLE_LONG",
        "DONNEES/DIVISIONS/DIVISION/MEFS_APPARTENANCE/MEF_APPARTENANCE/CODE_MEF",
        "DONNEES/GROUPES/GROUPE@CODE_STRUCTURE",
        "DONNEES/GROUPES/GROUPE/LIBELLE_LONG",
        "DONNEES/GROUPES/GROUPE/DIVISIONS_APPARTENANCE/DIVISION_APPARTENANCE/CODE_STRUCTURE",
    } <= paths(built.trees[STRUCTURES_FILE])
    personne = "DONNEES/PERSONNES/PERSONNE"
    link = "DONNEES/RESPONSABLES/RESPONSABLE_ELEVE"
    assert {
        *parameters,
        f"{personne}@PERSONNE_ID",
        *(
            f"{personne}/{n}"
            for n in ("NOM_DE_FAMILLE", "PRENOM", "LC_CIVILITE", "MEL", "ADRESSE_ID")
        ),
        *(f"{link}/{n}" for n in ("ELEVE_ID", "PERSONNE_ID", "RESP_LEGAL", "CODE_PARENTE")),
        "DONNEES/ADRESSES/ADRESSE@ADRESSE_ID",
        "DONNEES/ADRESSES/ADRESSE/LIGNE1_ADRESSE",
        "DONNEES/ADRESSES/ADRESSE/CODE_POSTAL",
        "DONNEES/ADRESSES/ADRESSE/LIBELLE_POSTAL",
    } <= paths(built.trees[RESPONSABLES_FILE])


def test_parameters(built: Built) -> None:
    sts = built.trees[STS_NAME]
    assert sts.find("PARAMETRES/UAJ").get("CODE") == built.uai  # type: ignore[union-attr]
    assert sts.find("PARAMETRES/ANNEE_SCOLAIRE").get("ANNEE") == "2026"  # type: ignore[union-attr]
    assert sts.findtext("PARAMETRES/ANNEE_SCOLAIRE/DATE_DEBUT") == "2026-09-01"
    for name in (ELEVES_FILE, STRUCTURES_FILE, RESPONSABLES_FILE):
        tree = built.trees[name]
        assert tree.findtext("PARAMETRES/UAJ") == built.uai
        assert tree.findtext("PARAMETRES/ANNEE_SCOLAIRE") == "2026"
        assert tree.findtext("PARAMETRES/DATE_EXPORT") == "01/09/2026"


def test_counts_equal_the_truths_facts_at_the_minute(built: Built) -> None:
    sts, eleves = built.trees[STS_NAME], built.trees[ELEVES_FILE]
    structures, responsables = built.trees[STRUCTURES_FILE], built.trees[RESPONSABLES_FILE]
    divisions, groups = built.true(Category.DIVISIONS), built.true(Category.GROUPS)
    assert len(sts.findall("DONNEES/STRUCTURE/DIVISIONS/DIVISION")) == divisions
    assert len(sts.findall("DONNEES/STRUCTURE/GROUPES/GROUPE")) == groups
    assert len(structures.findall("DONNEES/DIVISIONS/DIVISION")) == divisions
    assert len(structures.findall("DONNEES/GROUPES/GROUPE")) == groups
    assert len(sts.findall("DONNEES/INDIVIDUS/INDIVIDU")) == built.true(Category.TEACHERS)
    assert len(sts.findall(".//ENSEIGNANT")) == built.true(Category.SERVICES)
    assert len(eleves.findall("DONNEES/ELEVES/ELEVE")) == built.true(Category.STUDENTS)
    types = [s.findtext("TYPE_STRUCTURE") for s in eleves.iterfind(".//STRUCTURE")]
    assert types.count("D") == built.true(Category.STUDENT_DIVISION)
    assert types.count("G") == built.true(Category.STUDENT_GROUP)
    assert len(responsables.findall("DONNEES/PERSONNES/PERSONNE")) == built.true(Category.PARENTS)
    links = responsables.findall("DONNEES/RESPONSABLES/RESPONSABLE_ELEVE")
    assert len(links) == built.true(Category.PARENT_STUDENT)
    assert len(responsables.findall("DONNEES/ADRESSES/ADRESSE")) == built.true(Category.PARENTS)
    legal = [link.findtext("RESP_LEGAL") for link in links]
    assert set(legal) == {"1", "2"}
    assert legal.count("1") == built.true(Category.STUDENTS)


def test_services_group_the_teachers_of_one_structure_and_subject(built: Built) -> None:
    sts = built.exports.sts
    structures = [*sts.divisions, *sts.groups]
    keys = [(s.code, service.subject) for s in structures for service in s.services]
    assert len(keys) == len(set(keys))
    teachers = {t.ident for t in sts.teachers}
    assert all(set(service.teachers) <= teachers for s in structures for service in s.services)
    assert set(sts.subjects) == {service.subject for s in structures for service in s.services}
    assert all(sts.subjects[code] in SUBJECTS for code in sts.subjects)
    assert len(sts.groups[0].services) == 1
    assert len(sts.divisions[0].services) == len(generator.CORE_SUBJECTS["2nde"])


def test_every_student_has_one_division_and_its_mef(built: Built) -> None:
    eleves = built.trees[ELEVES_FILE]
    mef = {e.get("ELEVE_ID"): e.findtext("CODE_MEF") for e in eleves.iterfind(".//ELEVE")}
    division_mef = {d.code: d.mefs[0] for d in built.exports.sts.divisions}
    assert set(division_mef.values()) == set(MEF_CODES.values())
    for record in eleves.iterfind("DONNEES/STRUCTURES/STRUCTURES_ELEVE"):
        kinds = [s.findtext("TYPE_STRUCTURE") for s in record]
        assert kinds.count("D") == 1 and kinds[0] == "D"
        code = record.find("STRUCTURE/CODE_STRUCTURE").text  # type: ignore[union-attr]
        assert mef[record.get("ELEVE_ID")] == division_mef[code]  # type: ignore[index]
    assert len(eleves.findall("DONNEES/STRUCTURES/STRUCTURES_ELEVE")) == len(mef)
    siecle = built.exports.structures
    assert [(d.code, d.mefs) for d in siecle.divisions] == [
        (d.code, d.mefs) for d in built.exports.sts.divisions
    ]
    assert [(g.code, g.divisions) for g in siecle.groups] == [
        (g.code, g.divisions) for g in built.exports.sts.groups
    ]
    assert all(g.divisions for g in siecle.groups)


def test_previous_schools_follow_the_origins(built: Built) -> None:
    truth = built.truth
    present = np.flatnonzero(truth.table(Category.STUDENTS).true_at(built.minute))
    origins = [ORIGINS[truth.student_origin[s]] for s in present]
    students = built.exports.eleves.students
    for origin, student in zip(origins, students, strict=True):
        if origin is Origin.RETURNING:
            assert student.previous_uai == built.uai
        elif origin is Origin.EXTERNAL:
            assert student.previous_uai is None
        else:
            assert student.previous_uai is not None
            assert parse_uai(student.previous_uai) == student.previous_uai != built.uai
    assert {Origin.RETURNING, Origin.AFFECTATION, Origin.TRANSFER} <= set(origins)


def identities(exports: SchoolExports) -> list[Identity]:
    found = [t.identity for t in exports.sts.teachers]
    found += [s.identity for s in exports.eleves.students]
    assert exports.responsables is not None
    found += [g.identity for g in exports.responsables.guardians]
    assert all(identity is not None for identity in found)
    return [identity for identity in found if identity is not None]


def test_identities_are_invented_and_in_iso_8859_15(built: Built) -> None:
    people = identities(built.exports)
    text = " ".join(f"{p.family_name} {p.first_name}" for p in people)
    assert "œ" in text and "Œ" in text
    text.encode("iso-8859-15")
    words = set(text.replace("-", " ").split())
    assert not words & set(COMMON_NAMES)
    for data in built.files.values():
        decoded = data.decode("iso-8859-15")
        assert not any(f">{name}<" in decoded for name in COMMON_NAMES)
    assert {p.first_name for p in people} <= {*FEMININE_NAMES, *MASCULINE_NAMES}
    students = [s.identity for s in built.exports.eleves.students]
    assert len({(p.family_name, p.first_name, p.birth) for p in students if p}) == len(students)


def age(birth: dt.date, on: dt.date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def test_ages_fit_the_people(built: Built) -> None:
    rentree = dt.date(YEAR, 9, 1)
    exports = built.exports
    by_level: dict[str, list[int]] = {level: [] for level in LEVELS}
    level_of = {code: level for level, code in MEF_CODES.items()}
    for student in exports.eleves.students:
        assert student.identity is not None
        by_level[level_of[student.mef]].append(age(student.identity.birth, rentree))
    assert all(15 <= a <= 19 for ages in by_level.values() for a in ages)
    assert min(by_level["2nde"]) == 15 and min(by_level["Tle"]) == 17
    teachers = [age(t.identity.birth, rentree) for t in exports.sts.teachers if t.identity]
    assert min(teachers) >= 25 and max(teachers) <= 62
    assert exports.responsables is not None
    parents = [age(g.identity.birth, rentree) for g in exports.responsables.guardians if g.identity]
    assert min(parents) >= 35 and max(parents) <= 60


def all_ids(exports: SchoolExports) -> list[str]:
    assert exports.responsables is not None
    return [
        *(t.ident for t in exports.sts.teachers),
        *(s.ident for s in exports.eleves.students),
        *(s.national_id or "" for s in exports.eleves.students),
        *(g.ident for g in exports.responsables.guardians),
    ]


def test_identifiers_are_long_distinct_and_drawn_from_the_seed(built: Built) -> None:
    ids = all_ids(built.exports)
    assert len(set(ids)) == len(ids)
    assert all(len(i) >= 9 for i in ids)
    assert all(
        s.national_id and s.national_id[:10].isdigit() for s in built.exports.eleves.students
    )
    other = all_ids(built.of(SEED + 1))
    assert len(other) == len(ids) and not set(other) & set(ids)


def test_same_seed_same_bytes_and_people_keep_their_ids(built: Built) -> None:
    again = built.of(SEED)
    assert export_files(again, zip_siecle=False) == built.files
    zipped_files = export_files(again, zip_siecle=True)
    assert zipped_files == export_files(built.of(SEED), zip_siecle=True)
    assert (
        export_files(built.of(SEED + 1), zip_siecle=False)[ELEVES_FILE] != built.files[ELEVES_FILE]
    )
    before = built.of(SEED, minute=0.0)
    now = {s.ident: s.identity for s in built.exports.eleves.students}
    common = [s for s in before.eleves.students if s.ident in now]
    assert len(common) > len(now) // 2
    assert all(now[s.ident] == s.identity for s in common)


def test_zipped_siecle_files(built: Built) -> None:
    files = export_files(built.exports, zip_siecle=True)
    assert list(files) == [
        STS_NAME,
        "ElevesSansAdresses.zip",
        "Structures.zip",
        "ResponsablesAvecAdresses.zip",
    ]
    assert files[STS_NAME] == built.files[STS_NAME]
    for name, xml_name in (
        ("ElevesSansAdresses.zip", ELEVES_FILE),
        ("Structures.zip", STRUCTURES_FILE),
    ):
        with zipfile.ZipFile(io.BytesIO(files[name])) as archive:
            (info,) = archive.infolist()
            assert info.filename == xml_name
            assert info.date_time == ZIP_DATE
            assert info.compress_type == zipfile.ZIP_DEFLATED
            assert archive.read(xml_name) == built.files[xml_name]
    assert zipped("a.xml", b"<a/>") == zipped("a.xml", b"<a/>")
    no_parents = copy.copy(built.exports)
    no_parents.responsables = None
    assert RESPONSABLES_FILE not in export_files(no_parents, zip_siecle=False)


def test_the_subject_table_covers_the_generator() -> None:
    names = {"ANG", *generator.OPTIONS.values()}
    names |= {s for subjects in generator.CORE_SUBJECTS.values() for s in subjects}
    names |= {s for s, _ in (*generator.LV_B, *generator.SPECIALITES)}
    assert names <= set(SUBJECTS)
    codes = [code for code, _ in SUBJECTS.values()]
    assert len(set(codes)) == len(codes) and all(len(c) == 6 and c.isdigit() for c in codes)
    assert all(len(code) == 11 for code in MEF_CODES.values())
    assert set(MEF_CODES) == set(LEVELS)


def test_an_unknown_subject_fails_loudly(built: Built) -> None:
    truth: Truth = copy.deepcopy(built.truth)
    labels = truth.table(Category.SERVICES).labels
    labels[0] = labels[0].replace("matiere:FRANC", "matiere:XYZ")
    with pytest.raises(ValueError, match="XYZ"):
        exports_of(truth, built.minute, built.uai, YEAR, built.rentree, SEED)


def test_a_person_without_identity_is_refused(built: Built) -> None:
    sts = copy.deepcopy(built.exports.sts)
    sts.teachers.append(Teacher("123456789"))
    with pytest.raises(ValueError, match="123456789"):
        write_sts(sts)
    eleves = copy.deepcopy(built.exports.eleves)
    eleves.students[0].identity = None
    with pytest.raises(ValueError, match=eleves.students[0].ident):
        write_eleves(eleves)


def test_text_is_escaped(built: Built) -> None:
    sts = built.files[STS_NAME].decode("iso-8859-15")
    assert "GEOPOLITIQUE &amp; SC." in sts
    assert "L'INGENIEUR" in sts
    names = built.trees[STS_NAME].iterfind("NOMENCLATURES/MATIERES/MATIERE/LIBELLE_LONG")
    assert "HIST.-GEO., GEOPOLITIQUE & SC. POLITIQUES" in {n.text for n in names}


def test_file_names() -> None:
    assert sts_file_name("0330999Z", 2026) == "sts_emp_0330999Z_2026.xml"
    assert (ELEVES_FILE, STRUCTURES_FILE, RESPONSABLES_FILE) == (
        "ElevesSansAdresses.xml",
        "Structures.xml",
        "ResponsablesAvecAdresses.xml",
    )


def test_co_teachers_share_one_service(built: Built) -> None:
    truth: Truth = copy.deepcopy(built.truth)
    table = truth.table(Category.SERVICES)
    row = table.labels.index("enseignant:P0039 division:2ND01 matiere:FRANC")
    table.labels.append("enseignant:P0002 division:2ND01 matiere:FRANC")
    table.valid_from = np.append(table.valid_from, 0.0)
    table.valid_to = np.append(table.valid_to, np.inf)
    added = {Category.TEACHERS: 1, Category.DIVISIONS: 0, Category.GROUPS: -1}
    table.ends = {c: np.append(index, added[c]) for c, index in table.ends.items()}
    assert table.ends[Category.DIVISIONS][row] == 0
    exports = exports_of(truth, built.minute, built.uai, YEAR, built.rentree, SEED)
    (french,) = [s for s in exports.sts.divisions[0].services if s.subject == SUBJECTS["FRANC"][0]]
    teacher_ids = [t.ident for t in exports.sts.teachers]
    assert french.teachers == [teacher_ids[38], teacher_ids[1]]
    tree = ET.fromstring(write_sts(exports.sts))
    assert len(tree.findall(".//ENSEIGNANT")) == built.true(Category.SERVICES) + 1
