"""The French (or English) text summary of one run, as the CLI prints it."""

from __future__ import annotations

import datetime as dt

from sim.analysis.consistency import CategoryConsistency, TargetConsistency
from sim.analysis.explain import WrongFacts, wrong_facts
from sim.analysis.provenance import ChainStep
from sim.analysis.run_analysis import Analysis, Warning, observation_index
from sim.domain import TARGET_STORE, Category, Target
from sim.engine.simulation import SimulationResult
from sim.i18n import label, t
from sim.presentation.formatting import (
    actor_label,
    count_text,
    day_text,
    instant_text,
    share_text,
    snapshot_cells,
    transition_gap,
    warning_cause,
    warning_message,
    warning_when,
)

COLUMN = 44
SHOWN_CAUSES = 4  # the largest groups of wrong facts; the others are counted


def _row(category: str, when: str, rentree: str, week: str) -> str:
    return f"  {category:<{COLUMN}} {when:<17} {rentree:<19} {week}"


def _when(result: SimulationResult, minute: float | None) -> str:
    return t("summary.never") if minute is None else day_text(result.instant(minute).date())


def _delta(result: SimulationResult, minute: float) -> str:
    days = (result.instant(minute).date() - result.rentree).days
    if days == 0:
        return t("summary.on_rentree")
    key = "summary.after_rentree" if days > 0 else "summary.before_rentree"
    return t(key, days=abs(days))


def chain_lines(result: SimulationResult, chain: list[ChainStep]) -> list[str]:
    lines = []
    for n, step in enumerate(chain, start=1):
        landed = ""
        if round(step.landed) != round(step.minute):
            landed = t("summary.chain_landed", when=instant_text(result.instant(step.landed)))
        if step.outages_waited:
            landed += t("summary.chain_outage", count=step.outages_waited)
        lines.append(
            t(
                "summary.chain_step",
                n=n,
                actor=actor_label(step.actor),
                when=instant_text(result.instant(step.minute)),
                landed=landed,
                system=label("system", step.store),
                fact=step.fact,
            )
        )
    return lines


def wrong_at_end(analysis: Analysis, target: Target) -> dict[Category, list[WrongFacts]]:
    """The facts still wrong in ``target`` at the last observation, by category and cause."""
    result = analysis.result
    tc = analysis.targets[target]
    return {
        category: wrong_facts(result, category, TARGET_STORE[target], result.observations[-1])
        for category, cat in tc.categories.items()
        if cat.missing[-1] or cat.stale[-1]
    }


def wrong_lines(
    result: SimulationResult, category: Category, cat: CategoryConsistency, groups: list[WrongFacts]
) -> list[str]:
    """Why a category is never right: how many facts for each cause, then the path of one."""
    lines = cause_lines(category, cat, groups)
    stuck = cat.blocking
    if stuck is not None and stuck.chain:
        last = stuck.chain[-1]
        lines.append(
            "  " + t("summary.example_chain", fact=stuck.fact, system=label("system", last.store))
        )
        lines.extend("    " + line for line in chain_lines(result, stuck.chain))
    return lines


def cause_lines(
    category: Category, cat: CategoryConsistency, groups: list[WrongFacts]
) -> list[str]:
    """The title (how many facts are wrong at the end), then one line per cause, indented."""
    count = int(cat.missing[-1] + cat.stale[-1])
    lines = [
        t(
            "summary.wrong_title",
            category=label("category", category.value),
            count=count_text(count),
        )
    ]
    for group in groups[:SHOWN_CAUSES]:
        ends = ""
        if group.end is not None:
            ends = t(
                "summary.wrong_ends",
                count=count_text(group.ends),
                category=label("category", group.end.value),
            )
        lines.append(
            "  "
            + t(
                "summary.wrong_group",
                count=count_text(group.count),
                ends=ends,
                example=group.example,
                cause=group.cause.text(),
            )
        )
    rest = groups[SHOWN_CAUSES:]
    if rest:
        more = count_text(sum(g.count for g in rest))
        lines.append("  " + t("summary.wrong_more", count=more, groups=len(rest)))
    return lines


def target_lines(
    analysis: Analysis,
    target: Target,
    tc: TargetConsistency,
    wrong: dict[Category, list[WrongFacts]] | None = None,
) -> list[str]:
    result = analysis.result
    name = label("target", target.value)
    wrong = wrong_at_end(analysis, target) if wrong is None else wrong
    apart = tc.consistent_except_departed_from
    if tc.consistent_from is None and apart is not None:
        # right but for the accounts the ENT keeps until its pre-delete, after the window
        lines = [
            t(
                "summary.target_from_except_departed",
                target=name,
                when=instant_text(result.instant(apart)),
                delta=_delta(result, apart),
                count=count_text(int(tc.departed_accounts[-1])),
                end=day_text(result.scenario.calendar.end),
            )
        ]
    elif tc.consistent_from is None:
        items = [
            t(
                "summary.wrong_item",
                category=label("category", c.value),
                missing=count_text(int(cat.missing[-1])),
                stale=count_text(int(cat.stale[-1])),
            )
            for c, cat in tc.categories.items()
            if cat.missing[-1] or cat.stale[-1]
        ]
        right = sum(int(cat.present_true[-1]) for cat in tc.categories.values())
        total = right + sum(int(cat.missing[-1] + cat.stale[-1]) for cat in tc.categories.values())
        lines = [
            t(
                "summary.target_never",
                target=name,
                end=day_text(result.scenario.calendar.end),
                share=share_text(right, total),
                right=count_text(right),
                total=count_text(total),
                wrong=t("summary.list_separator").join(items),
            )
        ]
    else:
        lines = [
            t(
                "summary.target_from",
                target=name,
                when=instant_text(result.instant(tc.consistent_from)),
                delta=_delta(result, tc.consistent_from),
            )
        ]
    lines.extend(departed_lines(analysis, target, tc))
    lines.extend(unseen_gap_lines(analysis, target, tc))
    snaps = analysis.snapshots.get(target, {})
    lines.append(
        _row(
            t("summary.col_category"),
            t("summary.col_from"),
            t("summary.col_rentree"),
            t("summary.col_week"),
        )
    )
    for category, cat in tc.categories.items():
        cells = snapshot_cells(snaps, category.value)
        lines.append(
            _row(
                label("category", category.value),
                _when(result, cat.consistent_from),
                cells[0],
                cells[1],
            )
        )
    differing = [
        t(
            "summary.wrong_item_date",
            category=label("category", c.value),
            when=_when(result, cat.consistent_except_departed_from),
        )
        for c, cat in tc.categories.items()
        if cat.consistent_except_departed_from != cat.consistent_from
    ]
    if differing:
        lines.append(
            t("summary.departed_categories", items=t("summary.list_separator").join(differing))
        )
    for category, cat in tc.categories.items():
        only_departed = cat.consistent_except_departed_from is not None
        if cat.consistent_from is None and category in wrong and not only_departed:
            lines.extend(
                "  " + line for line in wrong_lines(result, category, cat, wrong[category])
            )
    if tc.critical_category is not None and tc.chain:
        lines.append(
            "  " + t("summary.chain_title", category=label("category", tc.critical_category.value))
        )
        lines.extend("    " + line for line in chain_lines(result, tc.chain))
    critical = tc.critical_category_except_departed
    if (
        tc.consistent_except_departed_from != tc.consistent_from
        and critical is not None
        and tc.chain_except_departed
    ):
        lines.append(
            "  "
            + t("summary.chain_title_except_departed", category=label("category", critical.value))
        )
        lines.extend("    " + line for line in chain_lines(result, tc.chain_except_departed))
    return lines


def unseen_gap_lines(analysis: Analysis, target: Target, tc: TargetConsistency) -> list[str]:
    """A transition after the rentrée empties the target between two mornings: the date
    « from » holds at each observation, not in between, and the line under it says so."""
    result = analysis.result
    since = tc.consistent_except_departed_from
    lines = []
    for warning in analysis.warnings:
        if warning.code != "transition_after_rentree" or since is None:
            continue
        ent_back, gar_empty, gar_back = transition_gap(warning)
        start, end = (
            (result.instant(warning.minute).isoformat(), ent_back)
            if target is Target.ENT
            else (gar_empty, gar_back)
        )
        if not start or dt.datetime.fromisoformat(start) < result.instant(since):
            continue
        lines.append(
            t(
                "summary.unseen_gap",
                start=instant_text(dt.datetime.fromisoformat(start)),
                end=instant_text(dt.datetime.fromisoformat(end))
                if end
                else t("summary.end_of_window"),
            )
        )
    return lines


def departed_lines(analysis: Analysis, target: Target, tc: TargetConsistency) -> list[str]:
    """The date apart from departed accounts, and how many such accounts the target keeps
    (nothing when the run has none)."""
    result = analysis.result
    if not tc.departed_accounts.any() and tc.consistent_except_departed_from == tc.consistent_from:
        return []
    if tc.consistent_from is None and tc.consistent_except_departed_from is not None:
        lines = []  # the headline gives the date already
    elif tc.consistent_except_departed_from is None:
        lines = [t("summary.except_departed_never")]
    else:
        lines = [
            t(
                "summary.except_departed_from",
                when=instant_text(result.instant(tc.consistent_except_departed_from)),
                delta=_delta(result, tc.consistent_except_departed_from),
            )
        ]
    if tc.departed_accounts.any():
        cells = []
        for day in (result.rentree, result.rentree + dt.timedelta(days=7)):
            k = observation_index(result, day)
            cells.append("–" if k is None else count_text(int(tc.departed_accounts[k])))
        if tc.departed_gone_from is not None:
            when = instant_text(result.instant(tc.departed_gone_from))
            gone = t(f"summary.departed_gone_{target.value}", when=when)
        else:
            gone = t("summary.departed_stay", count=count_text(int(tc.departed_accounts[-1])))
        key = "summary.departed_ent" if target is Target.ENT else "summary.departed_gar"
        lines.append(t(key, rentree=cells[0], week=cells[1], gone=gone))
    return lines


def _never_cause(warning: Warning, wrong: dict[Target, dict[Category, list[WrongFacts]]]) -> str:
    """The cause of a target never consistent: the largest group of its first category."""
    groups = wrong.get(Target(warning.actor), {}).get(Category(warning.category), [])
    if not groups:
        return warning_cause(warning)
    first = groups[0]
    return t(
        "cause.never_consistent_first",
        count=count_text(first.count),
        category=label("category", warning.category),
        example=first.example,
        cause=first.cause.text(),
    )


def summary_text(analysis: Analysis) -> str:
    result = analysis.result
    scenario = result.scenario
    cal = scenario.calendar
    lines = [
        t(
            "summary.title",
            name=scenario.name,
            etab=scenario.etablissement.name,
            uai=scenario.etablissement.uai,
            seed=result.seed,
        ),
        t(
            "summary.window",
            rentree=day_text(result.rentree),
            start=day_text(cal.start),
            end=day_text(cal.end),
            time=cal.observation_time.strftime("%H:%M"),
        ),
        t("summary.legend"),
        "",
    ]
    wrong = {
        target: wrong_at_end(analysis, target)
        for target, tc in analysis.targets.items()
        if tc.consistent_from is None
    }
    for target, tc in analysis.targets.items():
        lines.extend(target_lines(analysis, target, tc, wrong.get(target, {})))
        lines.append("")
    warnings = [w for w in analysis.warnings if w.severity == "warning"]
    infos = [w for w in analysis.warnings if w.severity == "info"]
    if warnings:
        lines.append(t("summary.warnings", count=len(warnings)))
        for w in warnings:
            lines.append(
                t(
                    "summary.warning_line",
                    when=warning_when(result.instant(w.minute), w),
                    message=warning_message(w),
                )
            )
            cause = _never_cause(w, wrong) if w.code == "never_consistent" else warning_cause(w)
            lines.append(t("summary.cause_line", cause=cause))
    else:
        lines.append(t("summary.no_warning"))
    if infos:
        lines.append(t("summary.infos", count=len(infos)))
        for w in infos:
            lines.append(
                t(
                    "summary.info_line",
                    when=warning_when(result.instant(w.minute), w),
                    message=warning_message(w),
                )
            )
    return "\n".join(lines)
