"""What ``rentree-sim academie run`` prints and writes: French summary, JSON, CSV files."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from sim.analysis.academie import NEVER, NONE, AcademieRun, LyceeRun, morning_index
from sim.calendar import Clock
from sim.domain import Target
from sim.i18n import label, t
from sim.presentation.export import Csv
from sim.presentation.formatting import cut_text, day_text
from sim.presentation.risk_output import cause_label
from sim.scenario.academie import KINDS

MOMENT_DAYS = (0, 7, 14, 30)
SHOWN_LYCEES = 20
TARGETS = (Target.GAR, Target.ENT)  # the GAR first: it is the one that is right last


def day_of(clock: Clock, minute: float | None) -> dt.date | None:
    return None if minute is None else clock.instant(minute).date()


def when_text(clock: Clock, minute: float | None) -> str:
    """The day, or « jamais »."""
    day = day_of(clock, minute)
    return t("academie.never") if day is None else day_text(day)


def iso_day(clock: Clock, minute: float | None) -> str | None:
    day = day_of(clock, minute)
    return None if day is None else day.isoformat()


def kind_counts(lycees: Sequence[Any]) -> dict[str, int]:
    return {kind: sum(lycee.kind == kind for lycee in lycees) for kind in KINDS}


def kinds_text(lycees: Sequence[Any]) -> str:
    """« 120 LGT, 75 LPO, 95 LP »."""
    return ", ".join(f"{n} {kind}" for kind, n in kind_counts(lycees).items() if n)


def step_label(step: str) -> str:
    if step == NEVER:
        return t("academie.step_never")
    if step == NONE:
        return t("academie.step_none")
    return label("operation", step)


TRANSITION_AFTER_RENTREE = "transition_after_rentree"


def step_text(lycee: LyceeRun, target: Target) -> str:
    """The step that sets ``target``'s date, or why it is never right."""
    step = step_label(lycee.bottleneck(target))
    causes = lycee.never_causes(target)
    if causes:
        return t("academie.never_because", step=step, causes=", ".join(map(cause_label, causes)))
    if TRANSITION_AFTER_RENTREE in lycee.warnings:  # the ENT emptied after the rentrée
        return t("academie.with_transition", step=step)
    return step


def lycees_text(count: int) -> str:
    return t("academie.one_lycee") if count == 1 else t("academie.lycees", count=count)


def _percent(part: int, whole: int) -> int:
    return round(100 * part / whole) if whole else 0


def _target_lines(run: AcademieRun, target: Target) -> list[str]:
    total = len(run.lycees)
    curve = run.curve[target]
    moments = []
    for days in MOMENT_DAYS:
        day = run.academie.rentree + dt.timedelta(days=days)
        k = morning_index(run.clock, run.observations, day)
        when = t("academie.moment_rentree") if days == 0 else t("academie.moment_days", days=days)
        count = int(curve[k])
        moments.append(t("academie.moment", when=when, share=_percent(count, total), count=count))
    end = int(curve[-1])
    moments.append(
        t("academie.moment", when=t("academie.moment_end"), share=_percent(end, total), count=end)
    )
    by = run.by_count[target]
    lines = [
        label("target", target.value),
        "  " + t("academie.right_mornings", moments=" · ".join(moments)),
        "  "
        + t(
            "academie.by_line",
            by=day_text(run.academie.by),
            lycees=lycees_text(by),
            total=total,
            share=_percent(by, total),
        ),
        "  " + t("academie.bottlenecks_title"),
    ]
    for step, count in run.bottlenecks[target].items():
        lines.append(
            "    "
            + t(
                "academie.bottleneck_line",
                step=step_label(step),
                share=_percent(count, total),
                count=count,
            )
        )
    if run.outages[target]:
        lines.append("  " + t("academie.outages", count=run.outages[target]))
    return lines


def _ranking_row(run: AcademieRun, rank: int, lycee: LyceeRun) -> str:
    gar, ent = lycee.targets[Target.GAR], lycee.targets[Target.ENT]
    name = cut_text(lycee.name, 44)
    step = step_text(lycee, Target.GAR)
    gar_day, ent_day = (
        when_text(run.clock, gar.consistent_from),
        when_text(run.clock, ent.consistent_from),
    )
    return f"{rank:<5} {lycee.uai:<9} {name:<44} {lycee.kind:<5} {gar_day:<16} {ent_day:<16} {step}"


def academie_run_summary(run: AcademieRun) -> str:
    academie = run.academie
    lines = [
        t(
            "academie.title",
            name=academie.name,
            lycees=lycees_text(len(run.lycees)),
            kinds=kinds_text(run.lycees),
            rentree=day_text(academie.rentree),
        ),
        t("academie.run_basis"),
        "",
    ]
    for target in TARGETS:
        lines.extend(_target_lines(run, target))
        lines.append("")
    shown = run.ranking[:SHOWN_LYCEES]
    rows = [_ranking_row(run, rank, run.lycees[i]) for rank, i in enumerate(shown, 1)]
    title, header = t("academie.ranking_title"), t("academie.ranking_header")
    lines += ranking_lines(title, header, rows, len(run.ranking))
    return "\n".join(lines)


def ranking_lines(title: str, header: str, rows: list[str], total: int) -> list[str]:
    """The lycées to call first: the ``rows`` shown (the first :data:`SHOWN_LYCEES`), and
    how many there are in all."""
    lines = [title, "  " + header, *("  " + row for row in rows)]
    if total > len(rows):
        lines.append("  " + t("academie.ranking_more", shown=len(rows), count=total))
    return lines


def identity_json(rank: int, lycee: Any) -> dict[str, Any]:
    """Who a lycée of the ranking is, in the JSON of run and risk."""
    return {
        "rank": rank,
        "uai": lycee.uai,
        "name": lycee.name,
        "kind": lycee.kind,
        "students": lycee.students,
    }


def _lycee_json(run: AcademieRun, rank: int, lycee: LyceeRun) -> dict[str, Any]:
    data = identity_json(rank, lycee)
    for target in Target:
        outcome = lycee.targets[target]
        data[target.value] = {
            "consistent_from": iso_day(run.clock, outcome.consistent_from),
            "strict_from": iso_day(run.clock, outcome.strict_from),
            "step": lycee.bottleneck(target),
            "never_causes": lycee.never_causes(target),
            "operation": outcome.operation,
            "outage_waited": outcome.outage_waited,
        }
    data["warnings"] = lycee.warnings
    data["forgotten"] = lycee.forgotten
    return data


def academie_run_json(run: AcademieRun, source: str | None = None) -> dict[str, Any]:
    academie = run.academie
    total = len(run.lycees)
    targets = {}
    for target in Target:
        targets[target.value] = {
            "curve": [
                {"date": run.clock.instant(m).date().isoformat(), "consistent": int(count)}
                for m, count in zip(run.observations, run.curve[target], strict=True)
            ],
            "by": run.by_count[target],
            "bottlenecks": [
                {"step": step, "count": count, "share": round(count / total, 4)}
                for step, count in run.bottlenecks[target].items()
            ],
            "outage_waited": run.outages[target],
        }
    return {
        "academie": {
            "name": academie.name,
            "file": source,
            "seed": academie.seed,
            "lycees": total,
            "kinds": dict(sorted(kind_counts(run.lycees).items())),
            "rentree": academie.rentree.isoformat(),
            "by": academie.by.isoformat(),
            "mode": "run",
        },
        "targets": targets,
        "lycees": [
            _lycee_json(run, rank, run.lycees[index]) for rank, index in enumerate(run.ranking, 1)
        ],
    }


def schools_table(
    form: Csv,
    ranking: list[int],
    lycees: Sequence[Any],
    columns: tuple[str, ...],
    cells: Callable[[Any, Target], list[Any]],
) -> str:
    """One row per lycée in rank order: its identity, then ``columns`` per target (the GAR
    first), their ``cells``."""
    header = [form.header(c) for c in ("rank", "uai", "school", "school_kind", "students")]
    for target in TARGETS:
        name = label("system", target.value) if form.local else target.value
        header += [form.header(f"{{target}}_{column}", target=name) for column in columns]
    rows: list[list[Any]] = [header]
    for rank, index in enumerate(ranking, 1):
        lycee = lycees[index]
        row: list[Any] = [rank, lycee.uai, lycee.name, lycee.kind, lycee.students]
        for target in TARGETS:
            row += cells(lycee, target)
        rows.append(row)
    return form.dumps(rows)


def schools_csv(run: AcademieRun, csv_form: Csv | None = None) -> str:
    form = csv_form or Csv()

    def cells(lycee: LyceeRun, target: Target) -> list[Any]:
        outcome = lycee.targets[target]
        step = lycee.bottleneck(target)
        causes = lycee.never_causes(target)
        return [
            form.day(day_of(run.clock, outcome.consistent_from)),
            form.day(day_of(run.clock, outcome.strict_from)),
            step_label(step) if form.local else step,
            ", ".join(map(cause_label, causes)) if form.local else ";".join(causes),
            form.flag(outcome.outage_waited),
        ]

    columns = ("from", "strict_from", "step", "never_causes", "outage")
    return schools_table(form, run.ranking, run.lycees, columns, cells)


def academie_curve_csv(run: AcademieRun, csv_form: Csv | None = None) -> str:
    form = csv_form or Csv()
    names = [label("system", tg.value) if form.local else tg.value for tg in TARGETS]
    rows: list[list[Any]] = [
        [form.header("date"), *(form.header("{target}_right", target=n) for n in names)]
    ]
    for k, minute in enumerate(run.observations):
        day = run.clock.instant(minute).date()
        rows.append([form.day(day), *(int(run.curve[target][k]) for target in TARGETS)])
    return form.dumps(rows)


def bottlenecks_csv(run: AcademieRun, csv_form: Csv | None = None) -> str:
    form = csv_form or Csv()
    total = len(run.lycees)
    rows: list[list[Any]] = [
        [form.header("target"), form.header("step"), form.header("count"), form.header("share")]
    ]
    for target in TARGETS:
        for step, count in run.bottlenecks[target].items():
            rows.append(
                [
                    label("system", target.value) if form.local else target.value,
                    step_label(step) if form.local else step,
                    count,
                    form.number(count / total, 4),
                ]
            )
    return form.dumps(rows)


def academie_run_files(
    run: AcademieRun, source: str | None, csv_form: Csv | None = None
) -> dict[str, str | bytes]:
    from sim.presentation.export import dumps

    form = csv_form or Csv()
    return {
        form.file_name("academie"): dumps(academie_run_json(run, source)),
        form.file_name("schools"): schools_csv(run, form),
        form.file_name("academie_curve"): academie_curve_csv(run, form),
        form.file_name("bottlenecks"): bottlenecks_csv(run, form),
    }
