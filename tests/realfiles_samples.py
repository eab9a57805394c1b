"""Small hand-written exports in the real shapes, for the readers' and the corpus' tests.

Written by hand from the element structure of ``domain.md`` §6 (not from the fixture
writer), so that the readers are checked against an independent source. Every person is
invented; the ids are long digit strings a privacy scan can look for.
"""

from __future__ import annotations

from pathlib import Path

UAI = "0330999Z"
YEAR = "2026"
DECLARATION = '<?xml version="1.0" encoding="ISO-8859-15"?>\n'

TEACHER_IDS = ("480000001", "480000002")
STUDENT_IDS = ("7100000001", "7100000002", "7100000003")
GUARDIAN_IDS = ("8200000001", "8200000002")
SURNAMES = ("Quessaudière", "Lœvignac", "Brélottin")
FIRST_NAMES = ("Zélinde", "Œdmond", "Thyrséa")
BIRTHS = ("14/03/2010", "02/11/2009", "30/06/2010")
INES = ("090123456AB", "090654321CD", "090777888EF")


def sts(uai: str = UAI, year: str = YEAR, extra_group: str = "") -> str:
    return f"""{DECLARATION}<STS_EDT>
  <PARAMETRES>
    <UAJ CODE="{uai}"><ACADEMIE><CODE>4</CODE></ACADEMIE><DENOM_PRINC>LYCEE</DENOM_PRINC></UAJ>
    <ANNEE_SCOLAIRE ANNEE="{year}"><DATE_DEBUT>2026-09-01</DATE_DEBUT></ANNEE_SCOLAIRE>
  </PARAMETRES>
  <NOMENCLATURES>
    <MATIERES>
      <MATIERE CODE="030201"><CODE_GESTION>ANG</CODE_GESTION><LIBELLE_LONG>ANGLAIS</LIBELLE_LONG></MATIERE>
      <MATIERE CODE="030602"><CODE_GESTION>ESP</CODE_GESTION></MATIERE>
    </MATIERES>
    <MEFS><MEF CODE="20010018110"><LIBELLE_LONG>2NDE GENERALE</LIBELLE_LONG></MEF></MEFS>
  </NOMENCLATURES>
  <DONNEES>
    <INDIVIDUS>
      <INDIVIDU ID="{TEACHER_IDS[0]}" TYPE="epp"><NOM_USAGE>{SURNAMES[0]}</NOM_USAGE><PRENOM>{FIRST_NAMES[0]}</PRENOM><DATE_NAISSANCE>1980-01-02</DATE_NAISSANCE><FONCTION>ENS</FONCTION></INDIVIDU>
      <INDIVIDU ID="{TEACHER_IDS[1]}" TYPE="epp"><NOM_USAGE>{SURNAMES[1]}</NOM_USAGE><FONCTION>ENS</FONCTION></INDIVIDU>
    </INDIVIDUS>
    <STRUCTURE>
      <DIVISIONS>
        <DIVISION CODE="2ND01">
          <LIBELLE_LONG>2NDE 1</LIBELLE_LONG>
          <MEFS_APPARTENANCE><MEF_APPARTENANCE CODE="20010018110"/></MEFS_APPARTENANCE>
          <SERVICES>
            <SERVICE CODE_MATIERE="030201" CODE_MOD_COURS="CG"><ENSEIGNANTS><ENSEIGNANT ID="{TEACHER_IDS[0]}" TYPE="epp"/></ENSEIGNANTS></SERVICE>
          </SERVICES>
        </DIVISION>
      </DIVISIONS>
      <GROUPES>
        <GROUPE CODE="ESP 2B1">
          <DIVISIONS_APPARTENANCE><DIVISION_APPARTENANCE CODE="2ND01"/></DIVISIONS_APPARTENANCE>
          <SERVICES><SERVICE CODE_MATIERE="030602" CODE_MOD_COURS="CG"><ENSEIGNANTS><ENSEIGNANT ID="{TEACHER_IDS[1]}" TYPE="epp"/></ENSEIGNANTS></SERVICE></SERVICES>
        </GROUPE>{extra_group}
      </GROUPES>
    </STRUCTURE>
  </DONNEES>
</STS_EDT>
"""


def _parameters(uai: str, year: str, exported: str) -> str:
    return (
        f"<PARAMETRES><UAJ>{uai}</UAJ><ANNEE_SCOLAIRE>{year}</ANNEE_SCOLAIRE>"
        f"<DATE_EXPORT>{exported}</DATE_EXPORT><HORODATAGE>01/09/2026 08:00:00</HORODATAGE>"
        "</PARAMETRES>"
    )


def _student(index: int, previous: str | None) -> str:
    rne = (
        f"<SCOLARITE_AN_DERNIER><CODE_STRUCTURE>3E2</CODE_STRUCTURE><CODE_RNE>{previous}"
        "</CODE_RNE></SCOLARITE_AN_DERNIER>"
        if previous
        else ""
    )
    return (
        f'<ELEVE ELEVE_ID="{STUDENT_IDS[index]}" ELENOET="{index + 1}">'
        f"<ID_NATIONAL>{INES[index]}</ID_NATIONAL><NOM_DE_FAMILLE>{SURNAMES[index]}</NOM_DE_FAMILLE>"
        f"<PRENOM>{FIRST_NAMES[index]}</PRENOM><DATE_NAISS>{BIRTHS[index]}</DATE_NAISS>"
        f"<CODE_MEF>20010018110</CODE_MEF><DATE_ENTREE>01/09/2026</DATE_ENTREE>{rne}</ELEVE>"
    )


def _structures(index: int, *codes: tuple[str, str]) -> str:
    inner = "".join(
        f"<STRUCTURE><CODE_STRUCTURE>{code}</CODE_STRUCTURE><TYPE_STRUCTURE>{kind}"
        "</TYPE_STRUCTURE></STRUCTURE>"
        for code, kind in codes
    )
    return f'<STRUCTURES_ELEVE ELEVE_ID="{STUDENT_IDS[index]}">{inner}</STRUCTURES_ELEVE>'


def eleves(uai: str = UAI, year: str = YEAR, exported: str = "03/09/2026") -> str:
    students = _student(0, UAI) + _student(1, "0330100J") + _student(2, None)
    links = (
        _structures(0, ("2ND01", "D"), ("ESP 2B1", "G"))
        + _structures(1, ("2ND01", "D"), ("ESP 2B1", "G"))
        + _structures(2, ("2ND01", "D"), ("ESP 2B1", "G"))
    )
    return (
        f'{DECLARATION}<BEE_ELEVES VERSION="3.0">{_parameters(uai, year, exported)}'
        f"<DONNEES><ELEVES>{students}</ELEVES><STRUCTURES>{links}</STRUCTURES></DONNEES>"
        "</BEE_ELEVES>\n"
    )


def structures(uai: str = UAI, year: str = YEAR, exported: str = "03/09/2026") -> str:
    return (
        f'{DECLARATION}<BEE_STRUCTURES VERSION="2.0">{_parameters(uai, year, exported)}<DONNEES>'
        '<DIVISIONS><DIVISION CODE_STRUCTURE="2ND01"><LIBELLE_LONG>2NDE 1</LIBELLE_LONG>'
        "<MEFS_APPARTENANCE><MEF_APPARTENANCE><CODE_MEF>20010018110</CODE_MEF>"
        "</MEF_APPARTENANCE></MEFS_APPARTENANCE></DIVISION></DIVISIONS>"
        '<GROUPES><GROUPE CODE_STRUCTURE="ESP 2B1"><DIVISIONS_APPARTENANCE>'
        "<DIVISION_APPARTENANCE><CODE_STRUCTURE>2ND01</CODE_STRUCTURE></DIVISION_APPARTENANCE>"
        "</DIVISIONS_APPARTENANCE></GROUPE></GROUPES></DONNEES></BEE_STRUCTURES>\n"
    )


def responsables(uai: str = UAI, year: str = YEAR, exported: str = "03/09/2026") -> str:
    people = "".join(
        f'<PERSONNE PERSONNE_ID="{ident}"><NOM_DE_FAMILLE>{SURNAMES[i]}</NOM_DE_FAMILLE>'
        f"<PRENOM>{FIRST_NAMES[i]}</PRENOM><MEL>x{i}@exemple.invalid</MEL></PERSONNE>"
        for i, ident in enumerate(GUARDIAN_IDS)
    )
    links = "".join(
        f"<RESPONSABLE_ELEVE><ELEVE_ID>{STUDENT_IDS[s]}</ELEVE_ID><PERSONNE_ID>{GUARDIAN_IDS[g]}"
        f"</PERSONNE_ID><RESP_LEGAL>{legal}</RESP_LEGAL><CODE_PARENTE>10</CODE_PARENTE>"
        "</RESPONSABLE_ELEVE>"
        for s, g, legal in ((0, 0, 1), (1, 1, 1), (2, 1, 1))
    )
    return (
        f'{DECLARATION}<BEE_RESPONSABLES VERSION="3.0">{_parameters(uai, year, exported)}'
        f"<DONNEES><PERSONNES>{people}</PERSONNES><RESPONSABLES>{links}</RESPONSABLES>"
        '<ADRESSES><ADRESSE ADRESSE_ID="1"><LIGNE1_ADRESSE>1 rue Imaginaire</LIGNE1_ADRESSE>'
        "</ADRESSE></ADRESSES></DONNEES></BEE_RESPONSABLES>\n"
    )


def write_all(folder: Path, **texts: str) -> dict[str, Path]:
    """The four files in ``folder`` (ISO-8859-15), any of them replaced by ``texts``."""
    contents = {
        "sts": sts(),
        "eleves": eleves(),
        "structures": structures(),
        "responsables": responsables(),
        **texts,
    }
    names = {
        "sts": f"sts_emp_{UAI}_{YEAR}.xml",
        "eleves": "ElevesSansAdresses.xml",
        "structures": "Structures.xml",
        "responsables": "ResponsablesAvecAdresses.xml",
    }
    paths = {}
    for role, text in contents.items():
        path = folder / names[role]
        path.write_bytes(text.encode("iso-8859-15"))
        paths[role] = path
    return paths


def options(paths: dict[str, Path]) -> list[str]:
    """The command-line options naming ``paths``."""
    words = []
    for role in ("sts", "eleves", "structures", "responsables"):
        if role in paths:
            words += [f"--{role}", str(paths[role])]
    return words


def folder_options(folder: Path, uai: str = UAI, year: str = YEAR) -> list[str]:
    """The command-line options naming the exports that ``fichiers-fictifs`` writes in
    ``folder`` (SIECLE's zipped)."""
    return options(
        {
            "sts": folder / f"sts_emp_{uai}_{year}.xml",
            "eleves": folder / "ElevesSansAdresses.zip",
            "structures": folder / "Structures.zip",
            "responsables": folder / "ResponsablesAvecAdresses.zip",
        }
    )
