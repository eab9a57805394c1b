"""Reading a lycée's exports: records, pseudonyms, variants, and every hostile file refused
with a French message naming the file, the element and the rule, never a person."""

from __future__ import annotations

import io
import os
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from sim.errors import ImportFileError
from sim.realfiles.key import Key, load_key
from sim.realfiles.readers import (
    ElevesReader,
    ResponsablesReader,
    StructuresReader,
    StsReader,
    read_school_exports,
)
from tests import realfiles_samples as samples

PERSONAL = (
    *samples.TEACHER_IDS,
    *samples.STUDENT_IDS,
    *samples.GUARDIAN_IDS,
    *samples.SURNAMES,
    *samples.FIRST_NAMES,
    *samples.BIRTHS,
    *samples.INES,
)
PSEUDONYM = re.compile(r"^[EPR]-[A-Z2-7]{10}$")


@pytest.fixture
def key(tmp_path: Path) -> Key:
    return load_key(tmp_path / "config")


def _read(folder: Path, key: Key, **texts: str) -> object:
    paths = samples.write_all(folder, **texts)
    return read_school_exports(
        paths["sts"], paths["eleves"], paths["structures"], paths["responsables"], key
    )


def test_the_four_files_read_into_codes_and_pseudonyms(tmp_path: Path, key: Key) -> None:
    files = _read(tmp_path, key)
    assert files.sts.uai == "0330999Z" and files.sts.year == 2026
    assert files.sts.subjects == {"030201": "ANG", "030602": "ESP"}
    assert [d.code for d in files.sts.divisions] == ["2ND01"]
    assert files.sts.divisions[0].mefs == ["20010018110"]
    assert [(g.code, g.divisions) for g in files.sts.groups] == [("ESP 2B1", ["2ND01"])]
    assert [t.function for t in files.sts.teachers] == ["ENS", "ENS"]
    service = files.sts.divisions[0].services[0]
    assert service.subject == "030201" and service.teachers == [files.sts.teachers[0].ident]
    assert len(files.eleves.students) == 3
    first = files.eleves.students[0]
    assert first.divisions == ["2ND01"] and first.groups == ["ESP 2B1"]
    assert first.mef == "20010018110" and first.previous_uai == "0330999Z"
    assert files.eleves.students[1].previous_uai == "autre"  # the other school is not kept
    assert files.eleves.students[2].previous_uai is None
    assert files.eleves.export_date.isoformat() == "2026-09-03"
    assert [d.code for d in files.structures.divisions] == ["2ND01"]
    assert files.structures.divisions[0].mefs == ["20010018110"]
    assert files.structures.groups[0].divisions == ["2ND01"]
    assert len(files.responsables.guardians) == 2 and len(files.responsables.links) == 3
    idents = [t.ident for t in files.sts.teachers] + [s.ident for s in files.eleves.students]
    idents += [g.ident for g in files.responsables.guardians]
    assert all(PSEUDONYM.match(i) for i in idents), idents
    assert files.responsables.links[0].student == first.ident
    text = repr(files)
    assert not [p for p in PERSONAL if p in text]
    assert all(s.identity is None and s.national_id is None for s in files.eleves.students)


def test_pseudonyms_are_stable_under_one_key_and_differ_under_another(
    tmp_path: Path, key: Key
) -> None:
    first = _read(tmp_path / "a", key) if (tmp_path / "a").mkdir() is None else None
    again = (
        _read(tmp_path / "b", load_key(tmp_path / "config"))
        if (tmp_path / "b").mkdir() is None
        else None
    )
    other = (
        _read(tmp_path / "c", load_key(tmp_path / "other"))
        if (tmp_path / "c").mkdir() is None
        else None
    )
    ids = [s.ident for s in first.eleves.students]
    assert ids == [s.ident for s in again.eleves.students]
    assert not set(ids) & {s.ident for s in other.eleves.students}
    assert len(set(ids)) == 3


def test_zipped_exports_are_read_from_their_member(tmp_path: Path, key: Key) -> None:
    paths = samples.write_all(tmp_path)
    archive = tmp_path / "ElevesSansAdresses.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as handle:
        handle.write(paths["eleves"], "ElevesSansAdresses.xml")
    files = read_school_exports(paths["sts"], archive, paths["structures"], None, key)
    assert len(files.eleves.students) == 3
    assert files.members == {"eleves": "ElevesSansAdresses.xml"}


def test_variants_public_parsers_disagree_on(tmp_path: Path, key: Key) -> None:
    sts = samples.sts(year="2026-2027").replace(
        '<MEF_APPARTENANCE CODE="20010018110"/>', "<MEF><CODE_MEF>20010018110</CODE_MEF></MEF>"
    )
    responsables = samples.responsables().replace("RESPONSABLE_ELEVE>", "RESPONSABLE>")
    eleves = samples.eleves().replace("NOM_DE_FAMILLE>", "NOM>")
    files = _read(tmp_path, key, sts=sts, responsables=responsables, eleves=eleves)
    assert files.sts.year == 2026
    assert files.sts.divisions[0].mefs == ["20010018110"]
    assert len(files.responsables.links) == 3


def test_duplicates_are_found_by_name_and_birth_date_or_by_ine(tmp_path: Path, key: Key) -> None:
    eleves = samples.eleves()
    # the third student: the first one's name (written otherwise) and birth date
    eleves = eleves.replace(samples.SURNAMES[2], samples.SURNAMES[0].upper())
    eleves = eleves.replace(samples.FIRST_NAMES[2], samples.FIRST_NAMES[0])
    eleves = eleves.replace(samples.BIRTHS[2], samples.BIRTHS[0])
    eleves = eleves.replace(samples.INES[1], samples.INES[0])  # the second: the same INE
    files = _read(tmp_path, key, eleves=eleves)
    students = [s.ident for s in files.eleves.students]
    assert sorted(map(sorted, files.eleves.duplicates)) == sorted(
        [sorted([students[0], students[2]]), sorted([students[0], students[1]])]
    )


# --- hostile files -------------------------------------------------------------------------


def _zip(members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as handle:
        for name, data in members.items():
            handle.writestr(name, data)
    return buffer.getvalue()


def _forged_size() -> bytes:
    data = bytearray(_zip({"ElevesSansAdresses.xml": samples.eleves().encode("iso-8859-15")}))
    # the central directory's uncompressed size, made smaller than the data
    position = data.rfind(b"PK\x01\x02")
    data[position + 24 : position + 28] = (100).to_bytes(4, "little")
    local = data.find(b"PK\x03\x04")
    data[local + 22 : local + 26] = (100).to_bytes(4, "little")
    return bytes(data)


def _encrypted() -> bytes:
    data = bytearray(_zip({"ElevesSansAdresses.xml": b"<x/>"}))
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        position = data.find(signature)
        data[position + offset] |= 1
    return bytes(data)


def _laughs() -> str:
    entities = '<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8)
    )
    return f'<?xml version="1.0"?><!DOCTYPE BEE_ELEVES [{entities}]><BEE_ELEVES>&i;</BEE_ELEVES>'


ELEVES = samples.eleves()
TRUNCATED = ELEVES[: len(ELEVES) // 2]
BAD: dict[str, tuple[Callable[[], bytes], str]] = {
    "billion laughs": (lambda: _laughs().encode(), "DTD"),
    "external entity": (
        lambda: (
            b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
            b"<BEE_ELEVES>&e;</BEE_ELEVES>"
        ),
        "DTD",
    ),
    "external DTD": (
        lambda: (
            b'<?xml version="1.0"?><!DOCTYPE BEE_ELEVES SYSTEM "http://exemple.invalid/x.dtd">'
            b"<BEE_ELEVES/>"
        ),
        "DTD",
    ),
    "zip bomb": (lambda: _zip({"ElevesSansAdresses.xml": b"\0" * 20_000_000}), "piégée"),
    "forged size": (_forged_size, "corrompue"),
    "too many members": (
        lambda: _zip({f"f{i}.xml": b"<a/>" for i in range(40)}),
        "au plus 16",
    ),
    "path out of the folder": (
        lambda: _zip({"../x.xml": ELEVES.encode("iso-8859-15")}),
        "dangereux",
    ),
    "absolute path": (lambda: _zip({"/x.xml": ELEVES.encode("iso-8859-15")}), "dangereux"),
    "nested zip": (lambda: _zip({"a.zip": b"PK"}), "autre archive"),
    "encrypted member": (_encrypted, "chiffré"),
    "two candidates": (
        lambda: _zip(
            {"a.xml": ELEVES.encode("iso-8859-15"), "b.xml": ELEVES.encode("iso-8859-15")}
        ),
        "plusieurs",
    ),
    "no xml in the zip": (lambda: _zip({"lisezmoi.txt": b"x"}), "aucun fichier XML"),
    "truncated xml": (lambda: TRUNCATED.encode("iso-8859-15"), "tronqué"),
    "truncated zip": (
        lambda: _zip({"ElevesSansAdresses.xml": ELEVES.encode("iso-8859-15")})[:200],
        "illisible",
    ),
    "empty file": (lambda: b"", "vide"),
    "utf-8 declared, latin bytes": (
        lambda: ELEVES.replace("ISO-8859-15", "UTF-8").encode("iso-8859-15"),
        "déclare l'encodage UTF-8, mais l'octet 0x",
    ),
    "no declaration, latin bytes": (
        lambda: re.sub(r"<\?xml[^>]*\?>", "", ELEVES).encode("iso-8859-15"),
        "ne déclare pas son encodage, il devrait donc être en UTF-8",
    ),
    "empty zip": (lambda: b"PK\x05\x06" + bytes(18), "l'archive zip est vide"),
    "a csv table": (lambda: "Nom;Prénom;Classe\r\n".encode("cp1252") * 3, "un tableau CSV"),
    "unknown encoding": (
        lambda: ELEVES.replace("ISO-8859-15", "X-FOO").encode("iso-8859-15"),
        "X-FOO",
    ),
    "utf-16": (lambda: ELEVES.replace("ISO-8859-15", "UTF-16").encode("utf-16"), "UTF-16"),
    "missing UAJ": (lambda: re.sub("<UAJ>.*?</UAJ>", "", ELEVES).encode("iso-8859-15"), "UAJ"),
    "missing year": (
        lambda: re.sub("<ANNEE_SCOLAIRE>.*?</ANNEE_SCOLAIRE>", "", ELEVES).encode("iso-8859-15"),
        "ANNEE_SCOLAIRE",
    ),
    "student without id": (
        lambda: ELEVES.replace(f'ELEVE_ID="{samples.STUDENT_IDS[1]}" ', "", 1).encode(
            "iso-8859-15"
        ),
        "ELEVE_ID",
    ),
    "student twice": (
        lambda: ELEVES.replace(samples.STUDENT_IDS[1], samples.STUDENT_IDS[0]).encode(
            "iso-8859-15"
        ),
        "deux fois",
    ),
    "impossible birth date": (
        lambda: ELEVES.replace(samples.BIRTHS[1], "31/02/2009").encode("iso-8859-15"),
        "DATE_NAISS",
    ),
    "birth date not as SIECLE writes it": (
        lambda: ELEVES.replace(samples.BIRTHS[1], "2009-11-02").encode("iso-8859-15"),
        "jj/mm/aaaa",
    ),
    "timetable upload file": (lambda: b"<EDT_STS><PARAMETRES/></EDT_STS>", "EDT_STS"),
    "another export": (lambda: samples.structures().encode("iso-8859-15"), "structures"),
    "too deep": (
        lambda: ("<BEE_ELEVES>" + "<a>" * 30 + "</a>" * 30 + "</BEE_ELEVES>").encode(),
        "niveaux",
    ),
    "huge kept text": (
        lambda: ELEVES.replace("<CODE_MEF>20010018110", "<CODE_MEF>" + "9" * 1_000_000).encode(
            "iso-8859-15"
        ),
        "4096",
    ),
    "unknown structure type": (
        lambda: ELEVES.replace("<TYPE_STRUCTURE>G<", "<TYPE_STRUCTURE>X<", 1).encode("iso-8859-15"),
        "TYPE_STRUCTURE",
    ),
    "bad export date": (lambda: ELEVES.replace("03/09/2026", "2026-09-03").encode(), "jj/mm/aaaa"),
    "bad UAI": (lambda: ELEVES.replace("0330999Z", "33-999").encode("iso-8859-15"), "UAI"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_hostile_students_files_are_refused(tmp_path: Path, key: Key, case: str) -> None:
    build, fragment = BAD[case]
    path = tmp_path / ("ElevesSansAdresses" + (".zip" if build()[:2] == b"PK" else ".xml"))
    path.write_bytes(build())
    with pytest.raises(ImportFileError) as raised:
        ElevesReader(path, key).export()
    message = raised.value.describe()
    assert str(path) in message
    assert fragment.lower() in message.lower(), message
    assert not [p for p in PERSONAL if p in message], message
    assert "Traceback" not in message and "not well-formed" not in message


def test_errors_name_the_element_and_its_line(tmp_path: Path, key: Key) -> None:
    path = tmp_path / "ElevesSansAdresses.xml"
    text = ELEVES.replace(f'ELEVE_ID="{samples.STUDENT_IDS[1]}" ', "", 1)
    path.write_bytes(text.replace("><", ">\n<").encode("iso-8859-15"))
    with pytest.raises(ImportFileError) as raised:
        ElevesReader(path, key).export()
    error = raised.value
    assert error.element == "BEE_ELEVES/DONNEES/ELEVES/ELEVE"
    line = next(
        n
        for n, row in enumerate(text.replace("><", ">\n<").splitlines(), 1)
        if 'ELENOET="2"' in row
    )
    assert error.line == line


def test_student_twice_is_named_by_pseudonym(tmp_path: Path, key: Key) -> None:
    path = tmp_path / "ElevesSansAdresses.xml"
    path.write_bytes(BAD["student twice"][0]())
    with pytest.raises(ImportFileError, match=r"E-[A-Z2-7]{10}"):
        ElevesReader(path, key).export()


def test_a_guardian_listed_twice_is_named_by_pseudonym(tmp_path: Path, key: Key) -> None:
    """Two PERSONNE with one PERSONNE_ID: the file is not SIECLE's as it wrote it."""
    first, second = samples.GUARDIAN_IDS
    text = samples.responsables().replace(f'PERSONNE_ID="{second}"', f'PERSONNE_ID="{first}"')
    path = tmp_path / "ResponsablesAvecAdresses.xml"
    path.write_bytes(text.encode("iso-8859-15"))
    with pytest.raises(ImportFileError, match=r"responsable R-[A-Z2-7]{10} .*deux fois") as raised:
        ResponsablesReader(path, key).export()
    assert raised.value.element == "BEE_RESPONSABLES/DONNEES/PERSONNES/PERSONNE"
    assert first not in str(raised.value)  # the national id is never written


@pytest.mark.parametrize(
    ("role", "text", "fragment"),
    [
        ("sts", samples.sts().replace('<UAJ CODE="0330999Z">', "<UAJ>"), "CODE"),
        ("sts", re.sub(r"<STRUCTURE>.*</STRUCTURE>", "", samples.sts(), flags=re.S), "STRUCTURE"),
        ("sts", samples.sts().replace('ANNEE="2026"', ""), "ANNEE"),
        (
            "responsables",
            samples.responsables().replace("<PERSONNE_ID>8200000002</PERSONNE_ID>", ""),
            "PERSONNE_ID",
        ),
    ],
)
def test_missing_mandatory_parts(
    tmp_path: Path, key: Key, role: str, text: str, fragment: str
) -> None:
    path = tmp_path / f"{role}.xml"
    path.write_bytes(text.encode("iso-8859-15"))
    reader = {"sts": StsReader, "responsables": ResponsablesReader}[role]
    with pytest.raises(ImportFileError, match=fragment):
        reader(path, key).export()


def test_files_of_another_lycee_or_year_are_refused(tmp_path: Path, key: Key) -> None:
    with pytest.raises(ImportFileError, match="0330100J") as raised:
        _read(tmp_path, key, structures=samples.structures(uai="0330100J"))
    # told where the file says it: the element and its line (a probe found neither)
    assert raised.value.element.endswith("/PARAMETRES/UAJ")
    assert raised.value.line is not None and raised.value.line > 1
    with pytest.raises(ImportFileError, match="2025"):
        _read(tmp_path, key, eleves=samples.eleves(year="2025"))


def test_a_folder_or_a_pipe_is_not_an_export(tmp_path: Path, key: Key) -> None:
    with pytest.raises(ImportFileError, match="dossier"):
        StructuresReader(tmp_path, key).export()
    fifo = tmp_path / "tube.xml"
    os.mkfifo(fifo)
    with pytest.raises(ImportFileError, match="ordinaire"):
        StructuresReader(fifo, key).export()


def test_a_zip_that_is_not_one_is_named_so(tmp_path: Path, key: Key) -> None:
    path = tmp_path / "ElevesSansAdresses.zip"
    path.write_bytes(b"ceci n'est pas une archive")
    with pytest.raises(ImportFileError, match="pas une archive zip"):
        ElevesReader(path, key).export()


def test_an_sts_file_renamed_to_another_lycee_is_told(tmp_path: Path, key: Key) -> None:
    from sim.realfiles.readers import sts_name_mismatch

    right = tmp_path / "sts_emp_0330999Z_2026.xml"
    wrong = tmp_path / "sts_emp_0330100J_2025.xml"
    for path in (right, wrong):
        path.write_bytes(samples.sts().encode("iso-8859-15"))
    assert sts_name_mismatch(right, StsReader(right, key).export()) is None
    told = sts_name_mismatch(wrong, StsReader(wrong, key).export())
    assert told is not None and "0330999Z" in told and "2026" in told
