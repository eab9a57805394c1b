"""STS-WEB and SIECLE export files in the real shapes (ISO-8859-15 XML, zipped or not),
written from the records of :mod:`sim.realfiles.exports` — in practice the fictional ones of
:mod:`sim.realfiles.fictional`, for tests, demos and training."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from xml.sax.saxutils import escape, quoteattr

from sim.realfiles.exports import (
    DIVISION_TYPE,
    ELEVES_ROOT,
    GROUP_TYPE,
    RESPONSABLES_ROOT,
    STRUCTURES_ROOT,
    STS_ROOT,
    ElevesExport,
    Identity,
    ResponsablesExport,
    SchoolExports,
    Service,
    Structure,
    StructuresExport,
    StsExport,
    Student,
)
from sim.realfiles.fictional import (
    ACADEMIE_CODE,
    ETABLISSEMENT_NAME,
    HEADS,
    LEVEL_WORDS,
    PREVIOUS_PREFIX,
    STREETS,
    SUBJECTS,
    TAILS,
    TOWNS,
    ascii_text,
    derived_digits,
    sex_of,
)

XML_DECLARATION = '<?xml version="1.0" encoding="ISO-8859-15"?>'
ENCODING = "iso-8859-15"
ELEVES_FILE = "ElevesSansAdresses.xml"
STRUCTURES_FILE = "Structures.xml"
RESPONSABLES_FILE = "ResponsablesAvecAdresses.xml"
ZIP_DATE = (2026, 9, 1, 8, 0, 0)
INDIVIDU_TYPE = "epp"


def sts_file_name(uai: str, year: int) -> str:
    """STS-WEB's name for the timetable export of ``uai`` for the rentrée ``year``."""
    return f"sts_emp_{uai}_{year}.xml"


# --- the XML -------------------------------------------------------------------------


class _Xml:
    """An indented XML document, built line by line, encoded in ISO-8859-15."""

    def __init__(self) -> None:
        self.lines = [XML_DECLARATION]
        self.depth = 0

    def _add(self, text: str) -> None:
        self.lines.append("  " * self.depth + text)

    @staticmethod
    def _tag(name: str, attributes: dict[str, str]) -> str:
        return name + "".join(f" {key}={quoteattr(value)}" for key, value in attributes.items())

    @contextmanager
    def element(self, name: str, **attributes: str) -> Iterator[None]:
        self._add(f"<{self._tag(name, attributes)}>")
        self.depth += 1
        yield
        self.depth -= 1
        self._add(f"</{name}>")

    def leaf(self, name: str, text: str = "", **attributes: str) -> None:
        tag = self._tag(name, attributes)
        self._add(f"<{tag}>{escape(text)}</{name}>" if text else f"<{tag}/>")

    def leaves(self, **texts: str) -> None:
        for name, text in texts.items():
            self.leaf(name, text)

    def encoded(self) -> bytes:
        return ("\n".join(self.lines) + "\n").encode(ENCODING)


def _french(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def _identity(kind: str, ident: str, identity: Identity | None) -> Identity:
    if identity is None:
        raise ValueError(f"{kind} {ident}: no identity to write (fixtures invent one)")
    return identity


def write_sts(export: StsExport) -> bytes:
    """``sts_emp_<UAI>_<année>.xml`` (root ``STS_EDT``)."""
    xml = _Xml()
    year = export.year
    with xml.element(STS_ROOT):
        with xml.element("PARAMETRES"):
            with xml.element("UAJ", CODE=export.uai):
                with xml.element("ACADEMIE"):
                    xml.leaf("CODE", ACADEMIE_CODE)
                xml.leaf("DENOM_PRINC", ETABLISSEMENT_NAME)
            with xml.element("ANNEE_SCOLAIRE", ANNEE=str(year)):
                start, end = date(year, 9, 1), date(year + 1, 8, 31)
                xml.leaves(DATE_DEBUT=start.isoformat(), DATE_FIN=end.isoformat())
        with xml.element("NOMENCLATURES"):
            with xml.element("MATIERES"):
                for code, name in export.subjects.items():
                    label = SUBJECTS[name][1] if name in SUBJECTS else name
                    with xml.element("MATIERE", CODE=code):
                        xml.leaves(CODE_GESTION=name, LIBELLE_COURT=name, LIBELLE_LONG=label)
            with xml.element("MEFS"):
                for code, label in export.mefs.items():
                    with xml.element("MEF", CODE=code):
                        xml.leaf("LIBELLE_LONG", label)
        with xml.element("DONNEES"):
            with xml.element("INDIVIDUS"):
                for teacher in export.teachers:
                    person = _identity("INDIVIDU", teacher.ident, teacher.identity)
                    with xml.element("INDIVIDU", ID=teacher.ident, TYPE=INDIVIDU_TYPE):
                        xml.leaves(
                            NOM_USAGE=person.family_name,
                            NOM_PATRONYMIQUE=person.family_name,
                            PRENOM=person.first_name,
                            SEXE=sex_of(person),
                            DATE_NAISSANCE=person.birth.isoformat(),
                            FONCTION=teacher.function,
                        )
            with xml.element("STRUCTURE"):
                _structures(xml, export.divisions, export.groups, sts=True)
    return xml.encoded()


def _structures(xml: _Xml, divisions: list[Structure], groups: list[Structure], sts: bool) -> None:
    """DIVISIONS then GROUPES: STS-WEB gives codes as ``CODE`` attributes, SIECLE's
    Structures.xml as CODE_STRUCTURE (and memberships as child elements)."""
    for kind, structures in (("DIVISION", divisions), ("GROUPE", groups)):
        group = kind == "GROUPE"
        member, child = ("DIVISION", "CODE_STRUCTURE") if group else ("MEF", "CODE_MEF")
        with xml.element(f"{kind}S"):
            for structure in structures:
                code = structure.code
                word = LEVEL_WORDS.get(code[:3])
                label = f"GROUPE {code}" if group else f"{word} {code[3:]}" if word else code
                with xml.element(kind, **{"CODE" if sts else "CODE_STRUCTURE": code}):
                    xml.leaf("LIBELLE_LONG", label)
                    codes = structure.divisions if group else structure.mefs
                    if codes:
                        with xml.element(f"{member}S_APPARTENANCE"):
                            for value in codes:
                                if sts:
                                    xml.leaf(f"{member}_APPARTENANCE", CODE=value)
                                else:
                                    with xml.element(f"{member}_APPARTENANCE"):
                                        xml.leaf(child, value)
                    if sts and structure.services:
                        _services(xml, structure.services)


def _services(xml: _Xml, services: list[Service]) -> None:
    with xml.element("SERVICES"):
        for service in services:
            with (
                xml.element(
                    "SERVICE", CODE_MATIERE=service.subject, CODE_MOD_COURS=service.modality
                ),
                xml.element("ENSEIGNANTS"),
            ):
                for teacher in service.teachers:
                    xml.leaf("ENSEIGNANT", ID=teacher, TYPE=INDIVIDU_TYPE)


def _siecle_parameters(xml: _Xml, uai: str, year: int, export_date: date | None) -> None:
    with xml.element("PARAMETRES"):
        xml.leaves(UAJ=uai, ANNEE_SCOLAIRE=str(year))
        if export_date is not None:
            day = _french(export_date)
            xml.leaves(DATE_EXPORT=day, HORODATAGE=f"{day} 08:00:00")


def write_eleves(export: ElevesExport) -> bytes:
    """``ElevesSansAdresses.xml`` (root ``BEE_ELEVES``)."""
    xml = _Xml()
    with xml.element(ELEVES_ROOT, VERSION="3.0"):
        _siecle_parameters(xml, export.uai, export.year, export.export_date)
        with xml.element("DONNEES"):
            with xml.element("ELEVES"):
                for student in export.students:
                    _eleve(xml, student)
            with xml.element("STRUCTURES"):
                for student in export.students:
                    if not (student.divisions or student.groups):
                        continue
                    with xml.element("STRUCTURES_ELEVE", ELEVE_ID=student.ident):
                        for kind, codes in (
                            (DIVISION_TYPE, student.divisions),
                            (GROUP_TYPE, student.groups),
                        ):
                            for code in codes:
                                with xml.element("STRUCTURE"):
                                    xml.leaves(CODE_STRUCTURE=code, TYPE_STRUCTURE=kind)
    return xml.encoded()


def _eleve(xml: _Xml, student: Student) -> None:
    person = _identity("ELEVE", student.ident, student.identity)
    elenoet = derived_digits("ELENOET", student.ident)
    with xml.element("ELEVE", ELEVE_ID=student.ident, ELENOET=elenoet):
        xml.leaves(
            ID_NATIONAL=student.national_id or "",
            NOM_DE_FAMILLE=person.family_name,
            NOM_USAGE="",
            PRENOM=person.first_name,
            DATE_NAISS=_french(person.birth),
            CODE_SEXE=sex_of(person),
            CODE_PAYS="100",
            CODE_MEF=student.mef,
        )
        if student.entry is not None:
            xml.leaf("DATE_ENTREE", _french(student.entry))
        if student.exit is not None:
            xml.leaf("DATE_SORTIE", _french(student.exit))
        if student.previous_uai is not None:
            division = student.divisions[0] if student.divisions else ""
            before = PREVIOUS_PREFIX.get(division[:3])
            with xml.element("SCOLARITE_AN_DERNIER"):
                last_year = f"{before}{division[3:]}" if before else ""
                xml.leaves(CODE_STRUCTURE=last_year, CODE_RNE=student.previous_uai)


def write_structures(export: StructuresExport) -> bytes:
    """``Structures.xml`` (root ``BEE_STRUCTURES``)."""
    xml = _Xml()
    with xml.element(STRUCTURES_ROOT, VERSION="2.0"):
        _siecle_parameters(xml, export.uai, export.year, export.export_date)
        with xml.element("DONNEES"):
            _structures(xml, export.divisions, export.groups, sts=False)
    return xml.encoded()


def write_responsables(export: ResponsablesExport) -> bytes:
    """``ResponsablesAvecAdresses.xml`` (root ``BEE_RESPONSABLES``)."""
    xml = _Xml()
    sexes: dict[str, str] = {}
    with xml.element(RESPONSABLES_ROOT, VERSION="3.0"):
        _siecle_parameters(xml, export.uai, export.year, export.export_date)
        with xml.element("DONNEES"):
            with xml.element("PERSONNES"):
                for guardian in export.guardians:
                    person = _identity("PERSONNE", guardian.ident, guardian.identity)
                    sex = sexes[guardian.ident] = sex_of(person)
                    mail = f"{ascii_text(person.first_name)}.{ascii_text(person.family_name)}"
                    with xml.element("PERSONNE", PERSONNE_ID=guardian.ident):
                        xml.leaves(
                            NOM_DE_FAMILLE=person.family_name,
                            PRENOM=person.first_name,
                            LC_CIVILITE="MME" if sex == "2" else "M.",
                            MEL=f"{mail}@exemple.invalid",
                            ADRESSE_ID=derived_digits("ADRESSE", guardian.ident),
                        )
            with xml.element("RESPONSABLES"):
                for link in export.links:
                    parente = {"1": "10", "2": "20"}.get(sexes.get(link.guardian, ""), "90")
                    with xml.element("RESPONSABLE_ELEVE"):
                        xml.leaves(
                            ELEVE_ID=link.student,
                            PERSONNE_ID=link.guardian,
                            RESP_LEGAL=link.legal,
                            CODE_PARENTE=parente,
                        )
            with xml.element("ADRESSES"):
                for guardian in export.guardians:
                    _adresse(xml, guardian.ident)
    return xml.encoded()


def _adresse(xml: _Xml, guardian: str) -> None:
    value = int(derived_digits("RUE", guardian))
    name = HEADS[value % len(HEADS)] + TAILS[(value // 7) % len(TAILS)]
    street = STREETS[(value // 131) % len(STREETS)]
    postcode, town = TOWNS[(value // 997) % len(TOWNS)]
    with xml.element("ADRESSE", ADRESSE_ID=derived_digits("ADRESSE", guardian)):
        xml.leaves(
            LIGNE1_ADRESSE=f"{1 + value % 120} {street} {name}",
            CODE_POSTAL=postcode,
            LIBELLE_POSTAL=town,
        )


# --- files ---------------------------------------------------------------------------


def zipped(member_name: str, data: bytes) -> bytes:
    """A zip holding ``data`` as its one member, byte-identical from run to run."""
    info = zipfile.ZipInfo(member_name, date_time=ZIP_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 3
    info.external_attr = 0o644 << 16
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(info, data)
    return buffer.getvalue()


def export_files(exports: SchoolExports, zip_siecle: bool) -> dict[str, bytes]:
    """File name → bytes: the STS-WEB file, then the SIECLE ones (zipped when asked)."""
    sts = exports.sts
    files = {sts_file_name(sts.uai, sts.year): write_sts(sts)}
    siecle = [
        (ELEVES_FILE, write_eleves(exports.eleves)),
        (STRUCTURES_FILE, write_structures(exports.structures)),
    ]
    if exports.responsables is not None:
        siecle.append((RESPONSABLES_FILE, write_responsables(exports.responsables)))
    for name, data in siecle:
        if zip_siecle:
            files[name.removesuffix(".xml") + ".zip"] = zipped(name, data)
        else:
            files[name] = data
    return files
