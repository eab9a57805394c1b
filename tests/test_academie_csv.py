"""The spreadsheet a planner has: the same académie whatever Excel saved (``;`` or ``,``,
UTF-8 with or without BOM, Windows-1252), every problem named by its line and column as
written, and ``convertir`` writes its YAML only when everything is valid."""

from __future__ import annotations

from pathlib import Path

import pytest

from sim.errors import ScenarioError, ScenarioErrors
from sim.scenario.academie import load_academie
from tests.conftest import SCENARIOS, run_main

NOMINAL = str(SCENARIOS / "nominal.yaml")
TABLE = (
    "uai;nom;type;élèves;Divisions;export_liens_siecle;Transferts de dossiers\n"
    "0339001E;Lycée Jean Rostand (fictif);LGT;1 240;;;\n"
    '0339002F;"Lycée du Port; Bayonne (fictif)";LP;540;30;17/09/2026;02/07/2026 + 28/08/2026\n'
    "\n"
    "0339003G;Lycée des Graves (fictif);LPO;900;;non faite;\n"
)


def written(folder: Path, text: str, encoding: str = "utf-8", name: str = "lycees.csv") -> Path:
    path = folder / name
    path.write_bytes(text.encode(encoding))
    return path


def errors_of(path: Path, common: str | None = NOMINAL) -> list[ScenarioError]:
    with pytest.raises(ScenarioErrors) as caught:
        load_academie(path, common)
    assert caught.value.subject == "academie"
    return caught.value.errors


def summary(path: Path) -> list[tuple[object, ...]]:
    academie = load_academie(path, NOMINAL)
    return [
        (
            lycee.uai,
            lycee.name,
            lycee.kind,
            lycee.source.line,
            lycee.scenario.model_dump(),
        )
        for lycee in academie.lycees
    ]


def test_the_table_is_read_as_written(tmp_path: Path) -> None:
    """Row 2 inherits everything; row 3 has 30 divisions split 11/10/9, its link export on
    17/09 and two transfer dates; row 5 (after a blank line) never exports its links."""
    academie = load_academie(written(tmp_path, TABLE), NOMINAL)
    first, port, graves = academie.lycees
    assert [lycee.source.line for lycee in academie.lycees] == [2, 3, 5]
    assert first.scenario.etablissement.students == 1240
    assert port.name == "Lycée du Port; Bayonne (fictif)"
    assert port.scenario.etablissement.divisions.by_level() == {"2nde": 11, "1re": 10, "Tle": 9}
    assert [d.isoformat() for d in port.scenario.operations.export_liens_siecle.date] == [
        "2026-09-17"
    ]
    assert len(port.scenario.operations.transferts.date) == 2
    assert graves.scenario.operations.export_liens_siecle.missing


def test_one_date_replaces_an_operation_done_in_parts(tmp_path: Path) -> None:
    """The nominal's transfers come in two parts (70 %, then all): a single date in the
    table does them all at once; a missing name is named by its column."""
    table = "uai;nom;type;eleves;transferts;divisions\n0339001E;A (fictif);LGT;900;03/07/2026;\n"
    (lycee,) = load_academie(written(tmp_path, table), NOMINAL).lycees
    assert lycee.scenario.operations.transferts.share == 1.0
    (error,) = errors_of(written(tmp_path, table.replace("A (fictif)", ""), name="b.csv"))
    assert (error.field, error.line) == ("nom", 2)
    (error,) = errors_of(written(tmp_path, table.replace(";\n", ";130\n"), name="c.csv"))
    assert error.field == "divisions" and "130" in error.rule


@pytest.mark.parametrize(
    ("encoding", "separator", "bom"),
    [("utf-8", ",", False), ("utf-8", ";", True), ("cp1252", ";", False), ("cp1252", "\t", False)],
)
def test_what_excel_saves_gives_the_same_academie(
    tmp_path: Path, encoding: str, separator: str, bom: bool
) -> None:
    reference = summary(written(tmp_path, TABLE, name="reference.csv"))
    text = TABLE
    if separator == ",":
        text = text.replace(";", ",").replace("Port, Bayonne", "Port; Bayonne")
    if separator == "\t":  # « Texte (séparateur : tabulation) »
        text = text.replace(";", "\t").replace("Port\t Bayonne", "Port; Bayonne")
    text = text.replace("\n", "\r\n")
    raw = ("\ufeff" if bom else "") + text
    other = summary(written(tmp_path, raw, encoding))
    assert [row[:4] for row in other] == [row[:4] for row in reference]
    assert [row[4] for row in other] == [row[4] for row in reference]


def test_the_headers_a_french_table_often_has(tmp_path: Path) -> None:
    """« Code UAI », « Nom de l'établissement », « Type d'établissement », « Nombre
    d'élèves » and « Nb enseignants » name the same columns as the short names."""
    header = "Code UAI;Nom de l'établissement;Type d'établissement;Nombre d'élèves;Nb enseignants"
    table = f"{header}\n0339001E;A (fictif);LGT;900;70\n"
    (lycee,) = load_academie(written(tmp_path, table), NOMINAL).lycees
    assert (lycee.uai, lycee.name, lycee.kind) == ("0339001E", "A (fictif)", "LGT")
    assert lycee.scenario.etablissement.students == 900
    assert lycee.scenario.etablissement.teachers == 70
    (error,) = errors_of(written(tmp_path, table.replace(";900;", ";neuf cents;"), name="b.csv"))
    assert (error.field, error.line) == ("Nombre d'élèves", 2)


def test_utf16_and_bytes_neither_utf8_nor_cp1252_are_refused(tmp_path: Path) -> None:
    (error,) = errors_of(written(tmp_path, TABLE, "utf-16"))
    assert "UTF-16" in error.rule
    path = tmp_path / "bad.csv"
    path.write_bytes(TABLE.encode("cp1252").replace(b"Graves", b"Gr\x81ves"))
    (error,) = errors_of(path)
    assert error.line == 5 and "0x81" in error.rule


def test_columns_missing_unknown_or_repeated(tmp_path: Path) -> None:
    path = written(tmp_path, "uai;nom;eleves;divisons\n0339001E;A (fictif);900;3\n")
    unknown, missing = errors_of(path)
    assert unknown.line == 1 and "« divisions »" in unknown.rule
    assert missing.line == 1 and "« type » manquante" in missing.rule
    assert "uai, nom, eleves, divisons" in missing.rule
    path = written(tmp_path, "uai;nom;name;type;eleves\n0339001E;A;A;LGT;900\n")
    (repeated,) = errors_of(path)
    assert "nom, name" in repeated.rule


def test_cells_are_named_by_line_and_column(tmp_path: Path) -> None:
    table = (
        "uai;nom;type;eleves;export_liens_siecle\n"
        "0339001E;A (fictif);LGT;12x0;03/09/2026\n"
        "0339002F;B (fictif);LP;540;31/09/2026\n"
        "0339002F;C (fictif);LGT;900;\n"
    )
    students, duplicate = errors_of(written(tmp_path, table))
    assert (students.line, students.field) == (2, "eleves")
    assert (duplicate.line, duplicate.field) == (4, "uai")
    assert "aussi à la ligne 3" in duplicate.rule
    fixed = table.replace("12x0", "1200").replace("0339002F;C", "0339003G;C")
    (date,) = errors_of(written(tmp_path, fixed))
    assert (date.line, date.field) == (3, "export_liens_siecle")
    assert "31/09/2026" in date.rule and "0339002F" in date.rule


def test_a_table_with_no_common_scenario(tmp_path: Path) -> None:
    path = written(tmp_path, TABLE)
    (error,) = errors_of(path, common=None)
    assert "--commun" in error.rule
    own = f"uai;nom;type;eleves;scenario\n0339001E;A (fictif);LGT;900;{Path(NOMINAL).resolve()}\n"
    assert len(load_academie(written(tmp_path, own, name="own.csv")).lycees) == 1


def test_excel_s_trailing_separators_and_foreign_digits(tmp_path: Path) -> None:
    table = "uai;nom;type;eleves;;\n0339001E;A (fictif);LGT;1 240;;\n"
    (lycee,) = load_academie(written(tmp_path, table), NOMINAL).lycees
    assert lycee.scenario.etablissement.students == 1240
    (error,) = errors_of(written(tmp_path, table.replace("1 240", "1²40"), name="b.csv"))
    assert error.field == "eleves" and "1²40" in error.rule
    arabic = table.replace("0339001E", "٠٣٣٩٠٠١E")
    (error,) = errors_of(written(tmp_path, arabic, name="c.csv"))
    assert error.field == "uai" and "7 chiffres" in error.rule


def test_every_row_s_errors_are_told_at_once(tmp_path: Path) -> None:
    """A refused total of divisions (line 2) does not hide line 3's size or line 4's UAI;
    a line with a cell too many (line 5) is told once, its shifted cells are not read. They
    are told in the order of the lines (a probe read lines 6, 4, 4, 6, 7, 4)."""
    table = (
        "uai;nom;type;eleves;divisions\n"
        "0339001E;A (fictif);LGT;900;2\n"
        "0339002F;B (fictif);LGT;29;\n"
        "0339003X;C (fictif);LGT;900;\n"
        "0339004H;D;Bayonne (fictif);LP;400;30\n"
    )
    errors = errors_of(written(tmp_path, table))
    assert [(e.line, e.field) for e in errors] == [
        (2, "divisions"),
        (3, "eleves"),
        (4, "uai"),
        (5, ""),
    ]
    assert "il en faut de 3" in errors[0].rule and "guillemets" in errors[3].rule


def test_extra_cells_and_an_empty_file(tmp_path: Path) -> None:
    path = written(tmp_path, "uai;nom;type;eleves\n0339001E;A;B (fictif);LGT;900\n")
    (error,) = errors_of(path)
    assert error.line == 2 and "guillemets" in error.rule
    (error,) = errors_of(written(tmp_path, "", name="vide.csv"))
    assert "vide" in error.rule


def test_convert_writes_an_equivalent_yaml_only_when_valid(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    table = written(tmp_path, TABLE, "cp1252")
    output = tmp_path / "sortie" / "academie.yaml"
    code = run_main(
        monkeypatch, "academie", "convertir", str(table), "--commun", NOMINAL, "-o", str(output)
    )
    assert code == 0, capsys.readouterr().err
    assert "3 lycées" in capsys.readouterr().out
    converted = load_academie(output)
    assert [(lycee.uai, lycee.name, lycee.scenario.model_dump()) for lycee in converted.lycees] == [
        (row[0], row[1], row[4]) for row in summary(table)
    ]
    broken = written(tmp_path, TABLE.replace("17/09/2026", "31/09/2026"), name="faux.csv")
    again = tmp_path / "nouvelle.yaml"
    code = run_main(
        monkeypatch, "academie", "convertir", str(broken), "--commun", NOMINAL, "-o", str(again)
    )
    assert code == 2 and not again.exists()
    err = capsys.readouterr().err
    assert "ligne 3" in err and "Traceback" not in err
    assert list(tmp_path.glob(".rentree-sim-*")) == []
    code = run_main(monkeypatch, "academie", "convertir", str(table), "-o", str(again))
    assert code == 2 and not again.exists()
    assert capsys.readouterr().err.startswith("Académie invalide (1 erreur) :")  # no --commun


@pytest.mark.parametrize("command", ["convertir", "generer"])
def test_an_academie_file_is_replaced_only_when_asked(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    command: str,
) -> None:
    """A probe lost a hand-edited académie to ``generer -o`` of the same name: the file is
    kept (code 2) unless ``--remplacer`` is given."""
    output = tmp_path / "academie.yaml"
    output.write_text("# écrit à la main\n", "utf-8")
    source = (
        [str(written(tmp_path, TABLE, "cp1252"))] if command == "convertir" else ["--lycees", "2"]
    )
    args = ["academie", command, *source, "--commun", NOMINAL, "-o", str(output)]
    assert run_main(monkeypatch, *args) == 2
    assert "existe déjà" in capsys.readouterr().err
    assert output.read_text("utf-8") == "# écrit à la main\n"
    assert run_main(monkeypatch, *args, "--remplacer") == 0, capsys.readouterr().err
    assert "lycees:" in output.read_text("utf-8")


def test_an_academie_never_replaces_the_scenario_it_extends(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A probe gave, with --remplacer, the common scenario's own name to -o: the scenario was
    replaced by an académie that extends itself. Refused (code 2), the scenario kept."""
    common = tmp_path / "commun.yaml"
    common.write_text(Path(NOMINAL).read_text("utf-8"), "utf-8")
    before = common.read_bytes()
    generate = ["academie", "generer", "--lycees", "2", "--commun", str(common)]
    assert run_main(monkeypatch, *generate, "-o", str(common), "--remplacer") == 2
    assert "c'est un fichier que la commande lit" in capsys.readouterr().err
    table = tmp_path / "t.csv"
    table.write_text("UAI;Nom;Type;Élèves;Scénario\n0339001E;A;LGT;800;commun.yaml\n", "utf-8")
    convert = ["academie", "convertir", str(table), "-o", str(common), "--remplacer"]
    assert run_main(monkeypatch, *convert) == 2
    assert common.read_bytes() == before


def test_an_unclosed_quote_and_a_huge_cell_are_told_where_they_are(tmp_path: Path) -> None:
    """A quote never closed swallowed the rest of the file, and the table was said to name
    no scenario (line 1); a cell of 200,000 characters got Python's English message."""
    table = 'uai;nom;type;eleves\n0339001E;"A""b;LGT;900\n0339002F;B (fictif);LGT;900\n'
    (error,) = errors_of(written(tmp_path, table))
    assert (error.line, error.field) == (2, "nom") and "n'est pas refermé" in error.rule
    huge = "uai;nom;type;eleves\n0339001E;" + "a" * 200_000 + ";LGT;900\n"
    (error,) = errors_of(written(tmp_path, huge, name="huge.csv"))
    assert error.line == 2 and "au plus 1000 caractères" in error.rule
