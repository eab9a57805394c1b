"""What ``rentree-sim risk`` prints and writes: French summary, JSON object, CSV files."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sim.analysis.risk import CONFIDENCE, RiskResult, TargetRisk
from sim.catalogue import MESSAGES
from sim.chain import SEED_ORDER
from sim.domain import PLATFORM_OPERATIONS, SOURCE_OF, Category, Operation, Target
from sim.i18n import label, t
from sim.presentation.export import Csv
from sim.presentation.formatting import actor_label, count_text, day_text, percent_text
from sim.scenario.model import Scenario
from sim.scenario.priors import median_lateness, operation_risk

MOMENTS = (("rentree", 0), ("week", 7), ("fortnight", 14), ("month", 30))
WIDE_INTERVAL_DAYS = 7


def _date(result: RiskResult, minute: float | None) -> dt.date | None:
    return None if minute is None else result.clock.instant(minute).date()


def _iso(result: RiskResult, minute: float | None) -> str | None:
    day = _date(result, minute)
    return None if day is None else day.isoformat()


def _text(result: RiskResult, minute: float | None) -> str:
    day = _date(result, minute)
    return t("risk.never") if day is None else day_text(day)


def cause_label(code: str) -> str:
    """A cause of a target never right, in words (an operation forgotten, a rule's warning)."""
    if code.startswith("forgotten:"):
        return t("risk.forgotten", operation=label("operation", code.split(":", 1)[1]))
    if code.startswith("stuck:"):
        _, category, system = code.split(":", 2)
        if system == "none":  # not even where this kind of fact is typed in
            first = SOURCE_OF[Category(category)].value
            return t(
                "risk.stuck_nowhere",
                category=label("category", category),
                system=label("system", first),
            )
        return t("risk.stuck", category=label("category", category), system=label("system", system))
    if code.startswith("stale:"):
        return t("risk.stale", category=label("category", code.split(":", 1)[1]))
    key = f"risk.cause_{code}"
    return t(key) if key in MESSAGES else code


def probability_on(result: RiskResult, risk: TargetRisk, day: dt.date) -> float | None:
    """P(the target is right on the morning of ``day``), None outside the window."""
    minute = result.clock.day_minutes(day, result.scenario.calendar.observation_time)
    try:
        return float(risk.curve[result.observations.index(minute)])
    except ValueError:
        return None


def _target_lines(result: RiskResult, target: Target, risk: TargetRisk) -> list[str]:
    lines = [label("target", target.value)]
    if target in result.as_written:
        when = _text(result, result.as_written[target])
        lines.append("  " + t("risk.as_written", when=when))
    for name, minute in risk.percentiles.items():
        low, high = risk.intervals[name]
        lines.append(
            "  "
            + t(
                "risk.percentile_line",
                name=name.upper(),
                when=_text(result, minute),
                low=_text(result, low),
                high=_text(result, high),
            )
        )
        if low is not None and (high is None or (high - low) / 1440 > WIDE_INTERVAL_DAYS):
            lines.append("    " + t("risk.wide_interval", name=name.upper()))
    lines.append("  " + t("risk.never_share", share=round(100 * risk.never_share)))
    if risk.never_causes:
        causes = ", ".join(
            f"{cause_label(code)} ({percent_text(round(100 * share))})"
            for code, share in list(risk.never_causes.items())[:4]
        )
        lines.append("    " + t("risk.never_causes", causes=causes))
    moments = []
    for key, days in MOMENTS:
        p = probability_on(result, risk, result.rentree + dt.timedelta(days=days))
        if p is not None:
            moments.append(t(f"risk.moment_{key}", share=round(100 * p)))
    moments.append(t("risk.moment_end", share=round(100 * float(risk.curve[-1]))))
    lines.append("  " + t("risk.curve_line", moments=" · ".join(moments)))
    return lines


def drawn_laws(scenario: Scenario) -> str:
    """What the draws assume, in one line: each operation's median lateness and its chance
    of being forgotten (the scenario's laws, else the defaults). It says why a calendar on
    time in ``run`` is late in ``risk``."""
    late, forgotten = [], []
    for op in SEED_ORDER:
        spec = scenario.operations.get(op)
        if spec.missing or spec.fixed or op in PLATFORM_OPERATIONS:
            continue
        law = operation_risk(op, spec)
        median = round(median_lateness(law.lateness))
        if median >= 1:
            late.append(t("risk.law_late", operation=label("short", op.value), days=median))
        if law.forget_probability >= 0.01:
            share = round(100 * law.forget_probability)
            forgotten.append(t("risk.law_forget", operation=label("short", op.value), share=share))
    none = t("risk.law_none")
    return t(
        "risk.laws",
        late=", ".join(late) or none,
        forgotten=", ".join(forgotten) or none,
    )


def risk_summary(result: RiskResult) -> str:
    scenario = result.scenario
    lines = [
        t(
            "risk.title",
            name=scenario.name,
            n=count_text(result.size),
            seed=result.seed,
            confidence=round(100 * CONFIDENCE),
        ),
        drawn_laws(scenario),
        "",
    ]
    for target, risk in result.targets.items():
        lines.extend(_target_lines(result, target, risk))
        lines.append("")
    gar = result.targets[Target.GAR]
    if gar.criticality_basis:  # no draw consistent: no chain, nothing to rank
        lines.append(t("risk.criticality_title", n=count_text(gar.criticality_basis)))
        for actor, share in sorted(gar.criticality.items(), key=lambda item: -item[1]):
            if share > 0:
                lines.append(f"  {actor_label(actor):<52} {percent_text(round(100 * share)):>5}")
    if result.tornado:
        lines.append("")
        lines.append(t("risk.tornado_title"))
        lines.append(
            "  "
            + t(
                "risk.tornado_reference",
                n=result.tornado_size,
                date=_text(result, result.tornado_reference),
            )
        )
        ranked = sorted(result.tornado.items(), key=lambda item: -_swing(item[1]))
        for op, (low, middle, high) in ranked:
            if _swing((low, middle, high)) > 0:
                lines.append(
                    "  "
                    + t(
                        "risk.tornado_line",
                        operation=label("operation", op),
                        low=_text(result, low),
                        base=_text(result, middle),
                        high=_text(result, high),
                    )
                )
        idle = [label("operation", op) for op, bar in ranked if _swing(bar) == 0]
        if idle:
            lines.append("  " + t("risk.tornado_idle", operations=", ".join(idle)))
    return "\n".join(lines)


def _swing(bar: tuple[float | None, float | None, float | None]) -> float:
    """How far the P80 moves from the operation's 10th to its 90th lateness percentile."""
    low, _, high = bar
    if low is None and high is None:
        return 0.0
    if low is None or high is None:
        return float("inf")
    return high - low


def risk_json(result: RiskResult, source: str | None = None) -> dict[str, Any]:
    targets: dict[str, Any] = {}
    for target, risk in result.targets.items():
        targets[target.value] = {
            "as_written": _iso(result, result.as_written.get(target)),
            "percentiles": {k: _iso(result, v) for k, v in risk.percentiles.items()},
            "intervals": {
                k: {"low": _iso(result, a), "high": _iso(result, b)}
                for k, (a, b) in risk.intervals.items()
            },
            "never_share": risk.never_share,
            "never_causes": risk.never_causes,
            "curve": [
                {"date": result.clock.instant(m).date().isoformat(), "probability": float(p)}
                for m, p in zip(result.observations, risk.curve, strict=True)
            ],
            "categories": {
                c.value: {
                    **{k: _iso(result, v) for k, v in per.items()},
                    "never_share": risk.category_never[c],
                }
                for c, per in risk.categories.items()
            },
            "criticality": risk.criticality,
            "criticality_basis": risk.criticality_basis,
        }
    data: dict[str, Any] = {
        "scenario": {
            "name": result.scenario.name,
            "file": source,
            "seed": result.seed,
            "replications": result.size,
            "confidence": CONFIDENCE,
            "rentree": result.rentree.isoformat(),
        },
        "targets": targets,
        "criticality": result.targets[Target.GAR].criticality,
    }
    if result.tornado:
        data["tornado"] = {
            op: {
                "low": _iso(result, low),
                "median": _iso(result, middle),
                "high": _iso(result, high),
            }
            for op, (low, middle, high) in result.tornado.items()
        }
        data["tornado_reference"] = {
            "replications": result.tornado_size,
            "p80": _iso(result, result.tornado_reference),
        }
    return data


def replications_csv(result: RiskResult, csv_form: Csv | None = None) -> str:
    form = csv_form or Csv()
    operations = [op.value for op in Operation]
    header = [form.header("replication"), form.header("ent"), form.header("gar")]
    for op in operations:
        name = label("operation", op) if form.local else op
        header.append(form.header("lateness_{operation}", operation=name))
    header += [form.header("forgotten"), form.header("warnings")]
    separator = ", " if form.local else " "
    rows: list[list[Any]] = [header]
    for r in result.replications:
        rows.append(
            [
                r.index,
                *(form.day(_date(result, r.consistent_from[target])) for target in Target),
                *(r.lateness.get(op, "") for op in operations),
                separator.join(form.actor(op) for op in r.forgotten),
                separator.join(form.name("event_code", code) for code in r.warnings),
            ]
        )
    return form.dumps(rows)


def curve_csv(result: RiskResult, csv_form: Csv | None = None) -> str:
    form = csv_form or Csv()
    names = [
        label("system", target.value) if form.local else target.value for target in result.targets
    ]
    rows: list[list[Any]] = [
        [form.header("date"), *(form.header("p_{target}", target=n) for n in names)]
    ]
    for k, minute in enumerate(result.observations):
        rows.append(
            [
                form.day(result.clock.instant(minute).date()),
                *(form.number(float(r.curve[k]), 4) for r in result.targets.values()),
            ]
        )
    return form.dumps(rows)
