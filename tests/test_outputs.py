"""Outputs are written whole or not at all, and never over something that is not a file:
symbolic links are written through, pipes and devices refused, a folder of results is
replaced as a whole, and the destination is checked before any computation."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sim.cli import app
from sim.errors import OutputError
from sim.files import write_atomically, write_file_set
from tests.conftest import SCENARIOS

runner = CliRunner()
NOMINAL = str(SCENARIOS / "nominal.yaml")


def _write(path: Path, text: str = "nouveau") -> Path:
    return write_atomically(path, lambda temporary: Path(temporary).write_text(text, "utf-8"))


def test_a_symbolic_link_is_written_through(tmp_path: Path) -> None:
    target = tmp_path / "vrai.html"
    target.write_text("ancien")
    link = tmp_path / "lien.html"
    link.symlink_to(target)
    _write(link)
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text() == "nouveau"


def test_a_pipe_is_refused_and_kept(tmp_path: Path) -> None:
    pipe = tmp_path / "tube.html"
    os.mkfifo(pipe)
    with pytest.raises(OutputError, match="pas un fichier ordinaire"):
        _write(pipe)
    assert pipe.exists() and not pipe.is_file()


def test_a_link_to_a_device_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "rapport.html"
    link.symlink_to("/dev/null")
    result = runner.invoke(app, ["report", NOMINAL, "-o", str(link)])
    assert result.exit_code == 2
    assert "pas un fichier ordinaire" in result.output
    assert link.is_symlink()


def test_a_folder_is_not_a_file_name(tmp_path: Path) -> None:
    result = runner.invoke(app, ["report", NOMINAL, "-o", f"{tmp_path}/nouveau/"])
    assert result.exit_code == 2 and "nom de fichier" in result.output
    assert not (tmp_path / "nouveau").exists()


def test_report_refuses_an_extension_it_cannot_write(tmp_path: Path) -> None:
    result = runner.invoke(app, ["report", NOMINAL, "-o", str(tmp_path / "rapport.pdf")])
    assert result.exit_code == 2 and ".pdf" in result.output and ".html" in result.output
    assert list(tmp_path.iterdir()) == []


def test_a_folder_of_results_is_replaced_as_a_whole(tmp_path: Path) -> None:
    out = tmp_path / "resultats"
    write_file_set(out, {"a.csv": "1", "tornade.png": b"x"}, "risk")
    write_file_set(out, {"a.csv": "2"}, "risk")
    assert sorted(p.name for p in out.iterdir()) == [".rentree-sim", "a.csv"]
    assert (out / "a.csv").read_text() == "2"
    assert [p.name for p in tmp_path.iterdir()] == ["resultats"]


def test_a_failed_write_leaves_the_earlier_set_intact(tmp_path: Path) -> None:
    out = tmp_path / "resultats"
    write_file_set(out, {"a.csv": "1", "b.json": "{}"}, "risk")
    with pytest.raises(OutputError):
        write_file_set(out, {"a.csv": "2", "sous/dossier.csv": "x"}, "risk")
    assert (out / "a.csv").read_text() == "1" and (out / "b.json").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["resultats"]


def test_a_folder_of_other_files_is_refused(tmp_path: Path) -> None:
    (tmp_path / "cours.odt").write_text("à garder")
    result = runner.invoke(app, ["run", NOMINAL, "--out", str(tmp_path)])
    assert result.exit_code == 2 and "d'autres fichiers" in result.output
    assert [p.name for p in tmp_path.iterdir()] == ["cours.odt"]


def test_a_file_put_beside_our_results_is_never_deleted(tmp_path: Path) -> None:
    """A table saved next to ours (« Enregistrer sous ») or a spreadsheet's lock file: the
    run is refused before computing, and every file stays as it was."""
    out = tmp_path / "resultats"
    write_file_set(out, {"a.csv": "1"}, "run")
    (out / "a-annoté.xlsx").write_text("mes notes")
    (out / "~$a.csv").write_text("verrou")
    result = runner.invoke(app, ["run", NOMINAL, "--out", str(out)])
    assert result.exit_code == 2, result.output
    assert "n'a pas écrits (a-annoté.xlsx, ~$a.csv)" in result.output
    assert sorted(p.name for p in out.iterdir()) == [
        ".rentree-sim",
        "a-annoté.xlsx",
        "a.csv",
        "~$a.csv",
    ]
    assert (out / "a.csv").read_text() == "1"
    (out / "a-annoté.xlsx").unlink()
    (out / "~$a.csv").unlink()
    write_file_set(out, {"b.csv": "2"}, "run")  # what an earlier run wrote is replaced
    assert sorted(p.name for p in out.iterdir()) == [".rentree-sim", "b.csv"]


def test_the_destination_is_checked_before_computing(monkeypatch: pytest.MonkeyPatch) -> None:
    import sim.cli.planning as planning

    def must_not_run(*args: object, **kwargs: object) -> None:
        raise AssertionError("computed before checking the destination")

    monkeypatch.setattr(planning, "run_risk", must_not_run)
    result = runner.invoke(app, ["risk", NOMINAL, "-n", "2", "--out", "/proc/rentree-sim"])
    assert result.exit_code == 2
    assert "/proc/rentree-sim" in result.output and "Traceback" not in result.output


def test_plan_never_writes_over_its_own_scenario(tmp_path: Path) -> None:
    scenario = tmp_path / "calendrier.yaml"
    text = f"extends: {NOMINAL}\nname: essai\n"
    scenario.write_text(text)
    result = runner.invoke(
        app, ["plan", str(scenario), "--target", "2026-09-14", "--write", str(scenario)]
    )
    assert result.exit_code == 2 and "lit" in result.output
    assert scenario.read_text() == text


def test_risk_files_are_the_same_on_one_or_two_processes(tmp_path: Path) -> None:
    """Same scenario and seed: byte-identical risk.json, CSVs and pictures whatever the
    number of worker processes."""
    base = ["risk", str(SCENARIOS / "liens-en-retard.yaml"), "-n", "6", "--seed", "3"]
    outputs = []
    for workers in ("1", "2"):
        out = tmp_path / f"w{workers}"
        result = runner.invoke(app, [*base, "--workers", workers, "--out", str(out)])
        assert result.exit_code == 0, result.output
        outputs.append({p.name: p.read_bytes() for p in sorted(out.iterdir())})
    assert outputs[0] == outputs[1]
    assert "risque.json" in outputs[0] and "courbe.png" in outputs[0]


def test_another_commands_results_are_not_replaced(tmp_path: Path) -> None:
    """`run --out dossier` then `risk --out dossier`: the risk would delete the run's four
    files without a word; it is refused before computing, and the run's files stay. The
    same command again replaces its own results, as before."""
    out = tmp_path / "resultats"
    assert runner.invoke(app, ["run", NOMINAL, "--out", str(out)]).exit_code == 0
    before = sorted(p.name for p in out.iterdir())
    refused = runner.invoke(app, ["risk", NOMINAL, "-n", "3", "--out", str(out)])
    assert refused.exit_code == 2, refused.output
    assert "résultats de « rentree-sim run »" in refused.output
    assert sorted(p.name for p in out.iterdir()) == before
    assert runner.invoke(app, ["run", NOMINAL, "--seed", "3", "--out", str(out)]).exit_code == 0
    assert (out / ".rentree-sim").read_text("utf-8").splitlines()[0] == "# rentree-sim run"


def test_a_folder_from_before_the_command_was_recorded_is_still_replaced(tmp_path: Path) -> None:
    """Manifests written before they named their command list files only: still ours."""
    out = tmp_path / "ancien"
    out.mkdir()
    (out / "a.csv").write_text("1")
    (out / ".rentree-sim").write_text("a.csv\n")
    write_file_set(out, {"b.csv": "2"}, "risk")
    assert sorted(p.name for p in out.iterdir()) == [".rentree-sim", "b.csv"]


def test_a_link_that_leads_nowhere_is_refused_and_makes_no_folder(tmp_path: Path) -> None:
    """A dangling link, as the file or on the way to it (a folder link), for a file and
    for --out: refused, and the folders its target names are not made."""
    nowhere = tmp_path / "ailleurs" / "absent"
    (tmp_path / "rapport.html").symlink_to(nowhere / "x.html")
    (tmp_path / "dossier").symlink_to(nowhere)
    for args in (
        ["report", NOMINAL, "-o", str(tmp_path / "rapport.html")],
        ["report", NOMINAL, "-o", str(tmp_path / "dossier" / "r.html")],
        ["run", NOMINAL, "--out", str(tmp_path / "dossier")],
    ):
        result = runner.invoke(app, args)
        assert result.exit_code == 2, result.output
        assert "qui n'existe pas : rien n'est écrit" in result.output
    assert not (tmp_path / "ailleurs").exists()


def test_a_link_to_a_file_of_another_kind_is_refused(tmp_path: Path) -> None:
    """« rapport.html » linking to notes.txt: the page would replace the notes."""
    notes = tmp_path / "notes.txt"
    notes.write_text("à garder")
    (tmp_path / "rapport.html").symlink_to(notes)
    result = runner.invoke(app, ["report", NOMINAL, "-o", str(tmp_path / "rapport.html")])
    assert result.exit_code == 2 and "d'une autre sorte" in result.output
    assert notes.read_text() == "à garder"


def test_a_link_to_a_file_still_to_write_in_a_folder_that_exists_is_followed(
    tmp_path: Path,
) -> None:
    """« latest.svg → real/plot.svg », real/ there, plot.svg not yet: written there."""
    (tmp_path / "real").mkdir()
    (tmp_path / "latest.svg").symlink_to("real/plot.svg")
    result = runner.invoke(app, ["plot", "graph", NOMINAL, "-o", str(tmp_path / "latest.svg")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "real" / "plot.svg").read_bytes().startswith(b"<?xml")


def test_a_loop_of_links_or_a_name_too_long_is_told_not_an_internal_error(tmp_path: Path) -> None:
    """A probe got « Erreur interne (OSError) », exit 1, for both, from every command that
    writes a file: they are refused as unusable paths, exit 2."""
    from sim.files import check_output_file

    (tmp_path / "a.png").symlink_to(tmp_path / "b.png")
    (tmp_path / "b.png").symlink_to(tmp_path / "a.png")
    with pytest.raises(OutputError, match="chemin inutilisable"):
        check_output_file(tmp_path / "a.png", (".png",))
    with pytest.raises(OutputError, match="chemin inutilisable"):
        check_output_file(tmp_path / ("a" * 300 + ".png"), (".png",))
    nominal = str(SCENARIOS / "nominal.yaml")
    done = runner.invoke(app, ["plot", "timeline", nominal, "-o", str(tmp_path / "a.png")])
    assert done.exit_code == 2 and "chemin inutilisable" in done.output
