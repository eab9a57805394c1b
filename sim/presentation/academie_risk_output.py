"""What ``rentree-sim academie risk`` prints and writes: French summary, JSON, CSV files."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sim.analysis.academie import morning_index
from sim.analysis.academie_risk import AcademieRisk, LyceeRisk
from sim.analysis.risk import CONFIDENCE
from sim.domain import Target
from sim.i18n import label, language, t
from sim.presentation.academie_output import (
    MOMENT_DAYS,
    SHOWN_LYCEES,
    TARGETS,
    day_of,
    identity_json,
    iso_day,
    kind_counts,
    kinds_text,
    lycees_text,
    ranking_lines,
    schools_table,
    step_label,
    when_text,
)
from sim.presentation.export import Csv, dumps
from sim.presentation.formatting import cut_text, day_text, percent_text
from sim.presentation.risk_output import cause_label


def risk_basis_text(result: AcademieRisk) -> str:
    """« 200 réplications par lycée, graine 1, pannes des traitements communes … »."""
    failures = "common" if result.common_failures else "independent"
    return t(
        "academie.risk_basis",
        n=result.replications,
        seed=result.seed,
        failures=t(f"academie.failures_{failures}"),
    )


def decimal_text(value: float) -> str:
    """One decimal, with the comma in French."""
    text = f"{value:.1f}"
    return text.replace(".", ",") if language() == "fr" else text


def _percent(value: float) -> int:
    return round(100 * value)


def _target_lines(result: AcademieRisk, target: Target) -> list[str]:
    curve = result.curve[target]
    low, high = result.band[target]
    moments = []
    for days in MOMENT_DAYS:
        k = morning_index(
            result.clock, result.observations, result.academie.rentree + dt.timedelta(days=days)
        )
        when = t("academie.moment_rentree") if days == 0 else t("academie.moment_days", days=days)
        moments.append(
            t(
                "academie.risk_moment",
                when=when,
                share=_percent(curve[k]),
                low=_percent(low[k]),
                high=_percent(high[k]),
            )
        )
    moments.append(
        t(
            "academie.risk_moment",
            when=t("academie.moment_end"),
            share=_percent(curve[-1]),
            low=_percent(low[-1]),
            high=_percent(high[-1]),
        )
    )
    band_low, band_high = result.by_band[target]
    lines = [
        label("target", target.value),
        "  " + t("academie.risk_mornings", moments=" · ".join(moments)),
        "  "
        + t(
            "academie.risk_by_line",
            by=day_text(result.academie.by),
            expected=decimal_text(result.by_expected[target]),
            total=len(result.lycees),
            low=band_low,
            high=band_high,
        ),
        "  " + t("academie.risk_steps_title"),
    ]
    for step, share in result.steps[target].items():
        lines.append(
            "    " + t("academie.risk_step_line", step=step_label(step), share=_percent(share))
        )
    if result.outage_share[target] > 0:
        lines.append("  " + t("academie.risk_outages", share=_percent(result.outage_share[target])))
    return lines


def _ranking_row(result: AcademieRisk, rank: int, lycee: LyceeRisk) -> str:
    gar = lycee.targets[Target.GAR]
    name = cut_text(lycee.name, 44)
    step = f"{step_label(gar.step)} ({percent_text(_percent(gar.steps.get(gar.step, 0.0)))})"
    p80 = when_text(result.clock, gar.percentiles["p80"])
    return (
        f"{rank:<5} {lycee.uai:<9} {name:<44} {lycee.kind:<5} "
        f"{percent_text(_percent(gar.by_share)):>6}   {percent_text(_percent(gar.never_share)):>6}"
        f"  {p80:<16} {step}"
    )


def academie_risk_summary(result: AcademieRisk) -> str:
    academie = result.academie
    lines = [
        t(
            "academie.title",
            name=academie.name,
            lycees=lycees_text(len(result.lycees)),
            kinds=kinds_text(result.lycees),
            rentree=day_text(academie.rentree),
        ),
        risk_basis_text(result),
        "",
    ]
    for target in TARGETS:
        lines.extend(_target_lines(result, target))
        lines.append("")
    shown = result.ranking[:SHOWN_LYCEES]
    rows = [_ranking_row(result, rank, result.lycees[u]) for rank, u in enumerate(shown, 1)]
    title = t("academie.risk_ranking_title", by=day_text(academie.by))
    lines += ranking_lines(title, t("academie.risk_ranking_header"), rows, len(result.ranking))
    even = deadline_hint(result)
    if even is not None:
        lines += ["", even]
    return "\n".join(lines)


def deadline_hint(result: AcademieRisk) -> str | None:
    """When every lycée has the same probability of a GAR right by the deadline (all 0 %,
    the default deadline a week after the rentrée being before every date drawn): the
    deadline ranks nothing, and another one is suggested, the middle of the lycées' P50."""
    shares = [lycee.targets[Target.GAR].by_share for lycee in result.lycees]
    if len(shares) < 2 or max(shares) - min(shares) > 1e-9:
        return None
    by = day_text(result.academie.by)
    medians = sorted(
        m
        for lycee in result.lycees
        if (m := lycee.targets[Target.GAR].percentiles["p50"]) is not None
    )
    if not medians:
        return t("academie.risk_deadline_even", by=by, share=percent_text(_percent(shares[0])))
    middle = medians[len(medians) // 2]
    suggest = day_of(result.clock, middle)
    assert suggest is not None  # a finite P50
    return t(
        "academie.risk_deadline_suggest",
        by=by,
        share=percent_text(_percent(shares[0])),
        suggest=day_text(suggest),
        written=suggest.strftime("%d/%m/%Y"),
    )


def _lycee_json(result: AcademieRisk, rank: int, lycee: LyceeRisk) -> dict[str, Any]:
    data = {**identity_json(rank, lycee), "seed": lycee.seed}
    for target in Target:
        risk = lycee.targets[target]
        data[target.value] = {
            "percentiles": {k: iso_day(result.clock, v) for k, v in risk.percentiles.items()},
            "intervals": {
                k: [iso_day(result.clock, low), iso_day(result.clock, high)]
                for k, (low, high) in risk.intervals.items()
            },
            "by": round(risk.by_share, 4),
            "never_share": round(risk.never_share, 4),
            "step": risk.step,
            "steps": {k: round(v, 4) for k, v in risk.steps.items()},
            "outage_share": round(risk.outage_share, 4),
            "never_causes": {k: round(v, 4) for k, v in risk.never_causes.items()},
        }
    return data


def academie_risk_json(result: AcademieRisk, source: str | None = None) -> dict[str, Any]:
    academie = result.academie
    targets = {}
    for target in Target:
        low, high = result.band[target]
        targets[target.value] = {
            "curve": [
                {
                    "date": result.clock.instant(m).date().isoformat(),
                    "expected_share": round(float(result.curve[target][k]), 4),
                    "p10": round(float(low[k]), 4),
                    "p90": round(float(high[k]), 4),
                }
                for k, m in enumerate(result.observations)
            ],
            "by": {
                "expected": round(result.by_expected[target], 2),
                "p10": result.by_band[target][0],
                "p90": result.by_band[target][1],
            },
            "steps": {k: round(v, 4) for k, v in result.steps[target].items()},
            "outage_share": round(result.outage_share[target], 4),
        }
    return {
        "academie": {
            "name": academie.name,
            "file": source,
            "seed": result.seed,
            "lycees": len(result.lycees),
            "kinds": dict(sorted(kind_counts(result.lycees).items())),
            "replications": result.replications,
            "risk_failures": "common" if result.common_failures else "independent",
            "rentree": academie.rentree.isoformat(),
            "by": academie.by.isoformat(),
            "confidence": CONFIDENCE,
            "mode": "risk",
        },
        "targets": targets,
        "lycees": [
            _lycee_json(result, rank, result.lycees[u]) for rank, u in enumerate(result.ranking, 1)
        ],
    }


def _never_causes_cell(form: Csv, causes: dict[str, float]) -> str:
    """Why the draws never right were never right: each cause with the share of those
    draws it was in, most frequent first."""
    if form.local:
        return ", ".join(
            f"{cause_label(code)} ({percent_text(_percent(share))})"
            for code, share in causes.items()
        )
    return ";".join(f"{code}={share:.4f}" for code, share in causes.items())


def schools_csv(result: AcademieRisk, csv_form: Csv | None = None) -> str:
    form = csv_form or Csv()

    def cells(lycee: LyceeRisk, target: Target) -> list[Any]:
        risk = lycee.targets[target]
        return [
            form.number(risk.by_share, 4),
            form.day(day_of(result.clock, risk.percentiles["p50"])),
            form.day(day_of(result.clock, risk.percentiles["p80"])),
            form.number(risk.never_share, 4),
            _never_causes_cell(form, risk.never_causes),
            step_label(risk.step) if form.local else risk.step,
            form.number(risk.steps.get(risk.step, 0.0), 4),
        ]

    columns = ("by", "p50", "p80", "never", "never_causes", "step", "step_share")
    return schools_table(form, result.ranking, result.lycees, columns, cells)


def academie_curve_csv(result: AcademieRisk, csv_form: Csv | None = None) -> str:
    form = csv_form or Csv()
    header = [form.header("date")]
    for target in TARGETS:
        name = label("system", target.value) if form.local else target.value
        header += [
            form.header("{target}_expected", target=name),
            form.header("{target}_p10", target=name),
            form.header("{target}_p90", target=name),
        ]
    rows: list[list[Any]] = [header]
    for k, minute in enumerate(result.observations):
        row: list[Any] = [form.day(result.clock.instant(minute).date())]
        for target in TARGETS:
            low, high = result.band[target]
            row += [
                form.number(float(result.curve[target][k]), 4),
                form.number(float(low[k]), 4),
                form.number(float(high[k]), 4),
            ]
        rows.append(row)
    return form.dumps(rows)


def bottlenecks_csv(result: AcademieRisk, csv_form: Csv | None = None) -> str:
    form = csv_form or Csv()
    rows: list[list[Any]] = [[form.header("target"), form.header("step"), form.header("share")]]
    for target in TARGETS:
        for step, share in result.steps[target].items():
            rows.append(
                [
                    label("system", target.value) if form.local else target.value,
                    step_label(step) if form.local else step,
                    form.number(share, 4),
                ]
            )
    return form.dumps(rows)


def academie_risk_files(
    result: AcademieRisk, source: str | None, csv_form: Csv | None = None
) -> dict[str, str | bytes]:
    form = csv_form or Csv()
    return {
        form.file_name("academie"): dumps(academie_risk_json(result, source)),
        form.file_name("schools"): schools_csv(result, form),
        form.file_name("academie_curve"): academie_curve_csv(result, form),
        form.file_name("bottlenecks"): bottlenecks_csv(result, form),
    }
