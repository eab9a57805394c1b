"""The diagnosis told to a person: French text, JSON, and a self-contained HTML page (the
report's rules: no script, no external resource, every text escaped)."""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sim._version import __version__
from sim.analysis.academie import LyceeRun
from sim.analysis.diagnosis import SEVERITY, Diagnosis, Finding, Rule, Severity
from sim.analysis.prediction import Prediction
from sim.domain import Target
from sim.files import write_atomically
from sim.i18n import label, language, t
from sim.presentation.formatting import count_text, day_text, instant_text


@dataclass(frozen=True)
class ReadFile:
    """One export as read: its role (sts, eleves, structures, responsables), its name, the
    archive member read, and SIECLE's export date."""

    role: str
    name: str
    member: str | None
    export_date: date | None


def _title(finding: Finding) -> str:
    return t(f"diagnosis.rule.{finding.rule.value}.title")


def _effect(finding: Finding) -> str:
    return t(f"diagnosis.rule.{finding.rule.value}.effect", **finding.values)


def _action(finding: Finding) -> str:
    return t(f"diagnosis.rule.{finding.rule.value}.action")


def _examples(finding: Finding) -> str:
    text = ", ".join(finding.examples)
    hidden = finding.named - len(finding.examples)
    return text + (" " + t("diagnosis.more", count=count_text(hidden)) if hidden > 0 else "")


def _file_text(file: ReadFile) -> str:
    name = (
        file.name
        if file.member is None
        else t("import.in_archive", archive=file.name, member=file.member)
    )
    if file.export_date is not None:
        name += f" ({t('diagnosis.export_date', date=file.export_date.strftime('%d/%m/%Y'))})"
    return name


def prediction_lines(prediction: Prediction) -> list[str]:
    """The two futures, in a few lines: as things stand, then with the fixes done."""
    lines = [t("prediction.title", scenario=prediction.scenario.name)]
    if prediction.unseen:  # before the dates: they hold apart from these findings
        titles = ", ".join(
            t("quoted", text=t(f"diagnosis.rule.{r.value}.title")) for r in prediction.unseen
        )
        lines.append("  " + t("prediction.unseen", findings=titles))
    # a blocking finding the forecast does not see keeps the ENT and GAR wrong until it is
    # corrected: no date says they are right if nothing is done
    blocking = _blocking_unseen(prediction)
    as_it_stands = _dates(prediction, prediction.as_it_stands)
    if blocking:
        titles = ", ".join(t("quoted", text=t(f"diagnosis.rule.{r.value}.title")) for r in blocking)
        as_it_stands = t(
            "prediction.blocked", findings=titles, count=len(blocking), dates=as_it_stands
        )
    lines.append("  " + t("prediction.as_it_stands", dates=as_it_stands))
    if prediction.with_fixes is not None:
        done = ", ".join(
            t(
                "prediction.redone_item",
                operation=label("operation", op.value),
                day=day_text(at.date()),
            )
            for op, at in prediction.redone
        )
        lines.append("  " + t("prediction.with_fixes", operations=done))
        if _same_dates(prediction.as_it_stands, prediction.with_fixes):
            same = "prediction.fixes_unseen" if prediction.unseen else "prediction.fixes_later"
            lines.append("    " + t(same))
        else:
            lines.append("    " + _dates(prediction, prediction.with_fixes))
    # what the forecast assumes of what the files do not show yet, each counted
    for count, key in (
        (prediction.assumed_links, "prediction.assumed_links"),
        (prediction.assumed_services, "prediction.assumed_services"),
        (prediction.usual_services, "prediction.usual_services"),
        (prediction.populated_groups, "prediction.populated_groups"),
        (prediction.assumed_groups, "prediction.assumed_groups"),
    ):
        if count:
            lines.append("  " + t(key, count=count_text(count)))
    if prediction.links_unknown:
        lines.append("  " + t("prediction.links_unknown"))
    if prediction.services_unknown:
        lines.append("  " + t("prediction.services_unknown"))
    if prediction.left_out:
        lines.append("  " + t("prediction.left_out", count=count_text(prediction.left_out)))
    if prediction.observed_on is not None and prediction.observed_at is not None:
        lines.append(
            "  "
            + t(
                "prediction.assumptions",
                day=day_text(prediction.observed_on),
                when=instant_text(prediction.observed_at),
            )
        )
    return lines


def _blocking_unseen(prediction: Prediction) -> list[Rule]:
    """The blocking findings the forecast does not see: they keep the ENT and GAR wrong."""
    return [r for r in prediction.unseen if SEVERITY[r] is Severity.BLOCKING]


def _same_dates(one: LyceeRun, other: LyceeRun) -> bool:
    return all(
        one.targets[target].consistent_from == other.targets[target].consistent_from
        for target in Target
    )


def _dates(prediction: Prediction, run: LyceeRun) -> str:
    parts = []
    for target in (Target.ENT, Target.GAR):
        outcome = run.targets[target]
        when = prediction.instant(outcome.consistent_from)
        if when is None:
            end = day_text(prediction.scenario.calendar.end)
            parts.append(t(f"prediction.target_{target.value}_never", end=end))
        elif _already(prediction, when):
            parts.append(t(f"prediction.target_{target.value}_already", when=instant_text(when)))
        else:
            parts.append(t(f"prediction.target_{target.value}", when=instant_text(when)))
    step = run.targets[Target.GAR].operation
    gar = prediction.instant(run.targets[Target.GAR].consistent_from)
    if step is not None and not (gar is not None and _already(prediction, gar)):
        parts.append(t("prediction.step", operation=label("operation", str(step))))
    return t("summary.list_separator").join(parts)


def _already(prediction: Prediction, when: datetime) -> bool:
    """Right on the files' day or before, as far as the forecast sees."""
    return when.date() <= prediction.day


def prediction_json(prediction: Prediction) -> dict[str, Any]:
    blocked = bool(_blocking_unseen(prediction))

    def future(run: LyceeRun, held: bool = False) -> dict[str, Any]:
        """``held``: a blocking finding the forecast does not see keeps both targets wrong,
        whatever its dates (they hold for the rest, « pour_le_reste »)."""
        found = {}
        for target in Target:
            outcome = run.targets[target]
            when = prediction.instant(outcome.consistent_from)
            found[target.value] = {
                "juste_hors_partants_a_partir_du": when.isoformat(timespec="minutes")
                if when
                else None,
                "deja_juste": when is not None and _already(prediction, when) and not held,
                "pour_le_reste": held,
                "etape": str(outcome.operation) if outcome.operation else None,
            }
        return found

    return {
        "scenario": prediction.scenario.name,
        # a date left null is "not right by then"
        "fenetre_jusqu_au": prediction.scenario.calendar.end.isoformat(),
        # the files' day, and when their state is put into STS-WEB and SIECLE
        "etat_des_fichiers_au": prediction.observed_on.isoformat()
        if prediction.observed_on
        else None,
        "etat_des_fichiers_mis_le": prediction.observed_at.isoformat(timespec="minutes")
        if prediction.observed_at
        else None,
        "sans_rien_refaire": future(prediction.as_it_stands, held=blocked),
        "operations_a_refaire": [
            {"operation": op.value, "le": at.isoformat(timespec="minutes")}
            for op, at in prediction.redone
        ],
        "en_refaisant": future(prediction.with_fixes) if prediction.with_fixes else None,
        "eleves_aux_groupes_supposes": prediction.assumed_links,
        "divisions_aux_services_supposes": prediction.assumed_services,
        "groupes_supposes": prediction.assumed_groups,
        "groupes_aux_eleves_supposes": prediction.populated_groups,
        "divisions_aux_services_usuels_supposes": prediction.usual_services,
        "eleves_hors_prevision": prediction.left_out,
        "liens_inconnus": prediction.links_unknown,
        "services_inconnus": prediction.services_unknown,
        "constats_hors_prevision": [rule.value for rule in prediction.unseen],
        # those that keep the ENT and GAR wrong whatever the dates say, if nothing is redone
        "bloquants_hors_prevision": [rule.value for rule in _blocking_unseen(prediction)],
    }


def diagnosis_text(
    diagnosis: Diagnosis,
    files: list[ReadFile],
    fingerprint: str,
    prediction: Prediction | None = None,
) -> str:
    """The terminal summary: sizes, then each finding with its effect and what to do."""
    lines = [
        _title_line(diagnosis),
        _sizes(diagnosis),
        *([t("diagnosis.key", fingerprint=fingerprint)] if files else []),
        *("  " + _file_text(f) for f in files),
        "",
    ]
    if not diagnosis.findings:
        lines.append(t("diagnosis.clean"))
    else:
        lines.append(_counts(diagnosis))
        for finding in diagnosis.findings:
            lines += [
                "",
                t(
                    "diagnosis.finding",
                    severity=t(f"diagnosis.severity.{finding.severity.value}"),
                    title=_title(finding),
                    count=count_text(finding.count),
                ),
                "  " + t("diagnosis.examples", examples=_examples(finding)),
                "  " + t("diagnosis.effect", text=_effect(finding)),
                "  " + t("diagnosis.action", text=_action(finding)),
            ]
    if prediction is not None:
        lines += ["", *prediction_lines(prediction)]
    lines += ["", t("diagnosis.lag"), t("diagnosis.pseudonyms")]
    return "\n".join(lines)


def _title_line(diagnosis: Diagnosis) -> str:
    return t("diagnosis.title", uai=diagnosis.uai, year=diagnosis.year, on=day_text(diagnosis.on))


def _sizes(diagnosis: Diagnosis) -> str:
    counted = (
        ("students", diagnosis.students),
        ("divisions", diagnosis.divisions),
        ("groups", diagnosis.groups),
        ("services", diagnosis.services),
    )
    parts = [t(f"diagnosis.size_{name}", count=count_text(n)) for name, n in counted]
    return t("diagnosis.sizes", sizes=", ".join(parts))


def _counts(diagnosis: Diagnosis) -> str:
    return t(
        "diagnosis.counts",
        blocking=diagnosis.count(Severity.BLOCKING),
        warning=diagnosis.count(Severity.WARNING),
        info=diagnosis.count(Severity.INFO),
    )


_DETAIL_KEYS = {
    "divisions": "divisions",
    "groups": "groupes",
    "students": "eleves",
    "days": "jours",
}


def diagnosis_json(
    diagnosis: Diagnosis,
    files: list[ReadFile],
    fingerprint: str,
    prediction: Prediction | None = None,
) -> dict[str, Any]:
    """The findings as data; codes in French like the other JSON outputs' keys."""
    return {
        "uai": diagnosis.uai,
        "annee": diagnosis.year,
        "au": diagnosis.on.isoformat(),
        "empreinte_cle": fingerprint,
        "fichiers": {
            f.role: {
                "nom": f.name,
                "membre": f.member,
                "date_export": f.export_date.isoformat() if f.export_date else None,
            }
            for f in files
        },
        "effectifs": {
            "eleves_actifs": diagnosis.students,
            "divisions": diagnosis.divisions,
            "groupes": diagnosis.groups,
            "services": diagnosis.services,
        },
        "constats": [
            {
                "regle": finding.rule.value,
                "gravite": finding.severity.value,
                "nombre": finding.count,
                "exemples": list(finding.examples),
                "details": {_DETAIL_KEYS.get(k, k): v for k, v in finding.values.items()},
                "titre": _title(finding),
                "effet": _effect(finding),
                "action": _action(finding),
            }
            for finding in diagnosis.findings
        ],
        "prevision": prediction_json(prediction) if prediction is not None else None,
    }


_EXTRA_STYLE = (
    ".finding { border-left: 6px solid #566573; padding: .4em 1em; margin: 1em 0; "
    "background: #f8f9f9; } .finding.bloquant { border-color: #b03a2e; } "
    ".finding.attention { border-color: #d68910; } .finding h3 { margin: .2em 0; } "
    ".examples { font-family: monospace; }"
)


def diagnosis_html(
    diagnosis: Diagnosis,
    files: list[ReadFile],
    fingerprint: str,
    prediction: Prediction | None = None,
) -> str:
    """One page that opens from an e-mail attachment: no script, nothing fetched."""
    from sim.presentation.report import HEAD, STYLE

    e = html.escape
    title = _title_line(diagnosis)
    body = [
        f"<h1>{e(title)}</h1>",
        '<p class="subtitle">' + e(_sizes(diagnosis)) + "</p>",
        f'<p class="subtitle">{e(t("diagnosis.key", fingerprint=fingerprint))}</p><ul>'
        + "".join(f"<li>{e(_file_text(f))}</li>" for f in files)
        + "</ul>",
    ]
    if not diagnosis.findings:
        body.append(f"<p><strong>{e(t('diagnosis.clean'))}</strong></p>")
    else:
        body.append(f"<p><strong>{e(_counts(diagnosis))}</strong></p>")
    for finding in diagnosis.findings:
        severity = t(f"diagnosis.severity.{finding.severity.value}")
        body.append(
            f'<section class="finding {finding.severity.value}" id="{e(finding.rule.value)}">'
            "<h3>"
            + e(t("diagnosis.finding_heading", severity=severity, title=_title(finding)))
            + f"{count_text(finding.count)}</h3>"
            f'<p class="examples">{e(_examples(finding))}</p>'
            f"<p>{e(t('diagnosis.effect', text=_effect(finding)))}</p>"
            f"<p><strong>{e(t('diagnosis.action', text=_action(finding)))}</strong></p>"
            "</section>"
        )
    if prediction is not None:
        lines = prediction_lines(prediction)
        body.append(f"<h2>{e(lines[0])}</h2><ul>")
        body += [f"<li>{e(line.strip())}</li>" for line in lines[1:]]
        body.append("</ul>")
    body += [
        f"<p>{e(t('diagnosis.lag'))}</p>",
        f"<p>{e(t('diagnosis.pseudonyms'))}</p>",
        f'<p class="subtitle">{e(t("report.footer", version=__version__))}</p>',
    ]
    return (
        f'<!DOCTYPE html>\n<html lang="{language()}">\n<head>\n{HEAD}'
        f"<title>{e(title)}</title>\n<style>{STYLE}{_EXTRA_STYLE}</style>\n</head>\n"
        "<body>\n" + "\n".join(body) + "\n</body>\n</html>\n"
    )


def write_diagnosis_html(text: str, path: Path) -> Path:
    return write_atomically(path, lambda temporary: Path(temporary).write_text(text, "utf-8"))
