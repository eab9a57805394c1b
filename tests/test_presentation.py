"""Presentation: French dates and warnings, JSON shape, atomic outputs."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path

from sim.analysis.run_analysis import Warning
from sim.files import write_file_set
from sim.i18n import set_language
from sim.presentation.export import Csv, CsvForm, events_csv, result_json, write_outputs
from sim.presentation.formatting import day_text, instant_text, warning_cause, warning_message
from sim.presentation.summary import summary_text
from tests.conftest import run_scenario


def test_french_dates() -> None:
    assert day_text(dt.date(2026, 9, 1)) == "mar. 01/09/2026"
    assert instant_text(dt.datetime(2026, 9, 4, 3, 30)) == "ven. 04/09/2026 03:30"
    set_language("en")
    assert day_text(dt.date(2026, 9, 1)) == "Tue 01/09/2026"


def test_warning_texts_name_count_and_actors() -> None:
    rejected = Warning("links_rejected", "warning", "export_liens_siecle", 0.0, 4526)
    assert warning_message(rejected).startswith("4\u202f526 liens élève → groupe rejetés")
    assert "groupe inexistant" in warning_message(rejected)
    assert "STS-WEB" in warning_cause(rejected)
    order = Warning(
        "order_broken",
        "warning",
        "construction_edt",
        0.0,
        0,
        detail="export_sts_edt,export_siecle_edt",
    )
    assert warning_message(order) == (
        "construction de l'emploi du temps et des groupes : opération faite avant export "
        "STS-WEB → EDT, export SIECLE → EDT (ordre recommandé non suivi)"
    )


def test_summary_of_a_rejection_scenario() -> None:
    text = summary_text(run_scenario("liens-avant-groupes.yaml"))
    assert "Avertissements (1) :" in text
    assert "4\u202f526 liens élève → groupe rejetés" in text
    assert "pourquoi :" in text


def test_json_is_serialisable_and_dates_are_iso() -> None:
    data = result_json(run_scenario("nominal.yaml"), source="scenarios/nominal.yaml")
    text = json.dumps(data)
    assert json.loads(text) == data
    assert [step["actor"] for step in data["targets"]["gar"]["chain"]] == [
        "presuppression_ent",
        "export_gar",
    ]
    chain = data["targets"]["gar"]["chain_except_departed"]
    assert chain[-1] == {
        "actor": "export_gar",
        "label": "export ENT → GAR",
        "time": "2026-09-04T21:00",
        "landed": "2026-09-05T06:00",
        "system": "gar",
        "category": "student_group",
        "fact": chain[-1]["fact"],
        "outages_waited": 0,
    }
    assert data["targets"]["ent"]["categories"]["services"]["at_rentree"] == {
        "missing": 437,
        "stale": 242,
        "departed": 0,
    }


def test_events_csv_rows_match_the_log() -> None:
    analysis = run_scenario("nominal.yaml")
    text = events_csv(analysis.result, Csv(CsvForm.INTERNATIONAL))
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == len(analysis.result.events)
    assert {"id", "time", "actor", "kind", "code", "count", "cause"} <= set(rows[0])


def test_outputs_replace_an_earlier_run_as_a_whole(tmp_path: Path) -> None:
    out = tmp_path / "results"
    # an earlier run wrote a picture this one does not (its manifest lists it)
    write_file_set(out, {"tornade.png": b"from an earlier run"}, "run")
    written = write_outputs(run_scenario("nominal.yaml"), out)
    assert {p.name for p in written} == {
        "evenements.csv",
        "etat-quotidien.csv",
        "faits.csv",
        "resultat.json",
    }
    assert sorted(p.name for p in out.iterdir() if p.name != ".rentree-sim") == sorted(
        p.name for p in written
    )
    assert [p.name for p in tmp_path.iterdir()] == ["results"]  # no staging folder left
    assert json.loads((out / "resultat.json").read_text())["scenario"]["seed"] == 2026


def test_report_is_self_contained_and_deterministic() -> None:
    from sim.presentation.report import report_html

    analysis = run_scenario("liens-en-retard.yaml")
    first = report_html(analysis, [run_scenario("nominal.yaml")])
    assert first.count("<svg") == 4
    assert "<script" not in first
    # namespaces name URIs without loading them; nothing may be fetched from outside
    assert re.findall(r'(?:src|href)\s*=\s*"(?!#|data:)([^"]*)"', first) == []
    assert re.findall(r"url\((?!#)", first) == [] and "@import" not in first
    assert "Rapport rentree-sim — Liens élèves-groupes exportés en retard" in first
    assert "ven. 02/10/2026 08:00" in first
    assert report_html(analysis, [run_scenario("nominal.yaml")]) == first


def test_json_says_why_a_target_is_never_right() -> None:
    """liens-jamais-exportes: the links are never exported, so every student→group link is
    still missing at the end, for want of the export ("never_run"); the causes add up to the
    facts wrong at the end. A consistent target carries no cause."""
    data = result_json(run_scenario("liens-jamais-exportes.yaml"))
    links = data["targets"]["ent"]["categories"]["student_group"]
    causes = links["causes_at_end"]
    assert {c["cause"] for c in causes} == {"never_run"}
    assert sum(c["count"] for c in causes) == links["at_end"]["missing"] + links["at_end"]["stale"]
    assert all("export" in c["text"] and c["example"].startswith("eleve:") for c in causes)
    nominal = result_json(run_scenario("nominal.yaml"))
    assert all("causes_at_end" not in c for c in nominal["targets"]["ent"]["categories"].values())


def test_report_says_why_a_target_is_never_right() -> None:
    """The report groups the facts wrong at the end by cause, as the summary does: here every
    link waits for an export that never happens."""
    from sim.presentation.report import report_html

    page = report_html(run_scenario("liens-jamais-exportes.yaml"))
    assert "4\u202f526 faux à la fin" in page
    assert page.count("n&#x27;a pas eu lieu") >= 2  # one line per cause, ENT and GAR
    assert "<li>• " not in page


def test_report_cards_lead_with_the_date_a_calendar_moves() -> None:
    """Nominal: the ENT is right apart from departed accounts from Fri 04/09 08:00 (the date
    the summary, the notebooks and the README lead with); its strict date, Tue 15/09 (the
    pre-delete), comes under it, named."""
    from sim.presentation.report import report_html

    page = report_html(run_scenario("nominal.yaml"))
    card = page.split('<div class="card">', 2)[1]
    assert card.index("ven. 04/09/2026 08:00") < card.index("date stricte")
    assert "date stricte, comptes de partants compris : mar. 15/09/2026" in card
    # the chain behind that date is told, as in ``run`` (a probe found only the pre-delete's)
    assert "Hors comptes de partants, dernière catégorie juste : élève → groupe" in page
    assert "export des liens élèves-groupes vers SIECLE — jeu. 03/09/2026 10:00" in page


def test_pages_fit_a_phone_and_name_their_pictures() -> None:
    """Every picture is announced as one image named by its caption (its texts are paths);
    the page keeps a phone's width, and wide tables scroll inside it."""
    from sim.presentation.report import report_html

    page = report_html(run_scenario("nominal.yaml"))
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    assert page.count("<svg") == page.count('<svg role="img" aria-label="') > 0
    assert "overflow-x: auto" in page
