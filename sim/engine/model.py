"""The state of the chain while it runs: stores, what staff know, and the derived links.

Derived links follow one rule everywhere: a link is held where the system knows it and
holds both its ends (SIECLE places a student in a division once both exist; the timetable
software holds a student's group once the student is imported and the group is built).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import InitVar, dataclass
from functools import partial

import numpy as np
import simpy

from sim.calendar import Clock
from sim.domain import (
    CATEGORY_NAMES,
    CHAIN_ORDER,
    STORE_NAMES,
    USER_CATEGORIES,
    Category,
    Operation,
    Origin,
    Store,
)
from sim.engine.ent_rules import GAR_USER_CATEGORIES, EntRules
from sim.engine.memo import Inputs, Interner, Memo, MemoMismatch, NoMemo, Result
from sim.engine.recorder import Recorder
from sim.engine.stores import FactStore, MarkStore, SavedStore, same_saved
from sim.results import EventRecord
from sim.scenario.model import Scenario, resolve_rentree
from sim.truth.facts import BoolArray, FloatArray, links_with_endpoints
from sim.truth.model import Truth

# Actions at the same minute run in chain order: each actor's instant is shifted by its rank.
RANK_STEP = 1e-4
# Rank 0 is the observation: whatever is scheduled at 08:00 comes just after the 08:00 look.
RANK = {actor: i + 1 for i, actor in enumerate(CHAIN_ORDER)}


def resume_instants(minutes: list[float], actor: str) -> list[float]:
    """The instants SimPy resumes an actor waiting for each of these minutes in turn
    (:meth:`ChainModel.wait_until` from the previous resumption): the same floats, bit for
    bit, for any engine that must order events as SimPy does."""
    found, now = [], 0.0
    offset = RANK[actor] * RANK_STEP
    for minute in minutes:
        now = now + max(0.0, minute + offset - now)
        found.append(now)
    return found


_SIECLE_ENDS = (Category.STUDENTS, Category.DIVISIONS, Category.GROUPS)
# the stores' start as every run of a lycée has it: each store saved, the records logged,
# and the changes counted (ChainModel.initial_states)
Start = tuple[dict[Store, SavedStore], list[EventRecord], int]


@dataclass
class Knowledge:
    """What staff have typed in, before any system makes it visible."""

    siecle_divisions: BoolArray  # student_division facts SIECLE knows
    siecle_parents: BoolArray  # parent_student facts SIECLE knows
    siecle_activated: BoolArray  # student_group links active in SIECLE
    edt_links: BoolArray  # student_group links the timetable software knows
    edt_built_groups: BoolArray
    edt_built_services: BoolArray
    edt_sts_groups: BoolArray  # groups received from STS-WEB's export (carried-over ones)

    # when runs share a memo, every field is kept interned (read-only, one array per
    # content): the memoised steps keyed on them name them by identity, not by hashing them
    interner: InitVar[Interner | None] = None

    def __post_init__(self, interner: Interner | None) -> None:
        object.__setattr__(self, "_interner", interner)
        for name, value in list(vars(self).items()):
            if name != "_interner":
                setattr(self, name, value)

    def __setattr__(self, name: str, value: BoolArray) -> None:
        interner = self.__dict__.get("_interner")
        object.__setattr__(self, name, value if interner is None else interner.canonical(value))


class ChainModel(EntRules):
    """Stores, knowledge and helpers shared by the operation and channel processes."""

    def __init__(
        self,
        scenario: Scenario,
        truth: Truth,
        clock: Clock,
        seed: int,
        env: simpy.Environment | None = None,
        memo: Memo | None = None,
        summary: bool = False,
    ) -> None:
        self.scenario = scenario
        self.truth = truth
        self.clock = clock
        self.rentree = resolve_rentree(scenario)
        self.staff = scenario.calendar.staff()
        self.env = simpy.Environment() if env is None else env
        self.memo: Memo | NoMemo = NoMemo() if memo is None else memo
        self.recorder = Recorder(log_changes=not summary)
        self.priority = self.memo.call("priorities", self._all_priorities, (), (seed,))
        interner = self.memo.interner
        self.stores = {s: FactStore(self.env, s, truth, self.recorder, interner) for s in Store}
        self.done: dict[Operation, float] = {}
        self.aaf_full_pending = False
        self.ent_empty_structures = -1
        # Users the ENT keeps after they left the AAF (rule 8), and the GAR copy of the mark.
        self.departed = {
            Store.ENT: MarkStore(self.env, truth, USER_CATEGORIES, self.recorder, interner),
            Store.GAR: MarkStore(self.env, truth, GAR_USER_CATEGORIES, self.recorder, interner),
        }
        self.pending_deletion = MarkStore(self.env, truth, USER_CATEGORIES, self.recorder, interner)
        self.disappeared_at: dict[Category, FloatArray] = {
            c: np.full(truth.size(c), np.nan) for c in USER_CATEGORIES
        }
        self.deletion_due: dict[Category, FloatArray] = {
            c: np.full(truth.size(c), np.nan) for c in USER_CATEGORIES
        }
        self.stamps = (self.disappeared_at, self.deletion_due)  # channels.Stamps
        # Changes made to the ENT by something else than its import (pre-delete, transition):
        # the next import must run even when the AAF files are unchanged.
        self.ent_outside_changes = 0
        # when a lycée's own exports were last put into STS-WEB and SIECLE (a forecast)
        self.observed_at: float | None = None
        self.group_services, known = self.memo.call("start_knowledge", self._start_knowledge, ())
        self.know = Knowledge(**known, interner=interner)

    def _start_knowledge(self) -> tuple[BoolArray, dict[str, BoolArray]]:
        """The services of a group (not of a division), and what staff know at the window's
        start: the same for every run of a lycée."""
        truth = self.truth
        services = truth.table(Category.SERVICES)
        start = truth.at_start
        known = {
            "siecle_divisions": start(Category.STUDENT_DIVISION),
            "siecle_parents": start(Category.PARENT_STUDENT) | self._leaver_parent_links(),
            "siecle_activated": truth.empty(Category.STUDENT_GROUP),
            "edt_links": start(Category.STUDENT_GROUP),
            "edt_built_groups": truth.empty(Category.GROUPS),
            "edt_built_services": truth.empty(Category.SERVICES),
            "edt_sts_groups": truth.empty(Category.GROUPS),
        }
        return services.ends[Category.GROUPS] >= 0, known

    def _all_priorities(self, seed: int) -> dict[Category, FloatArray]:
        rng = np.random.default_rng(seed + 1)
        return {c: self._priorities(c, rng) for c in Category}

    def _priorities(self, category: Category, rng: np.random.Generator) -> FloatArray:
        """A seeded rank per fact for shares; last year's rows (appended last, never in a
        share) are drawn nothing, so that every other fact keeps its rank."""
        previous = self.truth.previous_year.get(category)
        drawn = self.truth.size(category) - (0 if previous is None else int(previous.sum()))
        return np.concatenate([rng.random(drawn), np.ones(self.truth.size(category) - drawn)])

    @property
    def previous_year(self) -> dict[Category, BoolArray]:
        """Last year's memberships of the leavers, and their classes and groups: in SIECLE's
        base (so in the AAF files) until SIECLE's new year, the profilage."""
        t = self.truth
        state = {c: rows.copy() for c, rows in t.previous_year.items()}
        for structure, link in (
            (Category.DIVISIONS, Category.STUDENT_DIVISION),
            (Category.GROUPS, Category.STUDENT_GROUP),
        ):
            present = t.empty(structure)
            if link in state:
                present[t.table(link).ends[structure][state[link]]] = True
            state[structure] = present
        return state

    # --- time ---------------------------------------------------------------------------
    def instant_of(self, value: dt.date | dt.datetime) -> float:
        """Simulation minute of a scenario instant (a bare date takes the operation time)."""
        return self.clock.minutes(self.scenario.calendar.at(value))

    def true_now(self, category: Category) -> BoolArray:
        """The facts of ``category`` true now (read-only; interned when runs share a memo,
        so that a memoised step keyed on them finds them by identity)."""
        state = self.truth.table(category).truth_at(self.env.now)[0]
        interner = self.memo.interner
        return state if interner is None else interner.alias(state)

    def wait_until(self, minute: float, actor: str) -> simpy.Event:
        """A timeout to ``minute``, shifted by the actor's rank in chain order."""
        target = minute + RANK[actor] * RANK_STEP
        return self.env.timeout(max(0.0, target - self.env.now))

    def log(
        self,
        actor: str,
        kind: str,
        code: str,
        *,
        count: int = 0,
        detail: str = "",
        cause: int | None = None,
    ) -> int:
        return self.recorder.log(
            self.env.now, actor, kind, code, count=count, detail=detail, cause=cause
        )

    def apply_rule(
        self,
        actor: str,
        code: str,
        *,
        store: Store,
        category: Category | None = None,
        count: int | None = None,
        cause: int,
    ) -> None:
        """Log that a rule of domain.md §3 acted on ``count`` facts (nothing when zero)."""
        if count == 0:
            return
        self.recorder.log(
            self.env.now,
            actor,
            "rule",
            code,
            store=STORE_NAMES[store],
            category=CATEGORY_NAMES[category] if category else "",
            count=count or 0,
            cause=cause,
        )

    def computed(
        self,
        name: str,
        compute: Callable[..., Result],
        inputs: Inputs,
        scalars: tuple[object, ...] = (),
    ) -> Result:
        """``compute(model, *inputs, *scalars)``, once per distinct inputs when runs share a
        memo: a step's work that reads nothing else of the model than the truth and the
        seed's order (the memo's own)."""
        return self.memo.call(name, partial(compute, self), inputs, scalars)

    # --- shares -------------------------------------------------------------------------
    def take_share(self, category: Category, candidates: BoolArray, share: float) -> BoolArray:
        """The first ``share`` of ``candidates`` in a fixed seeded order (cumulative)."""
        if share >= 1.0:
            return candidates
        return self.memo.call("take_share", self._take_share, (candidates,), (category, share))

    def _take_share(self, candidates: BoolArray, category: Category, share: float) -> BoolArray:
        idx = np.flatnonzero(candidates)
        keep = int(np.ceil(share * idx.size))
        order = np.argsort(self.priority[category][idx], kind="stable")
        chosen = np.zeros_like(candidates)
        chosen[idx[order[:keep]]] = True
        return chosen

    # --- initial state ------------------------------------------------------------------
    def _leaver_parent_links(self) -> BoolArray:
        links = self.truth.table(Category.PARENT_STUDENT)
        leaver = self.truth.student_is_leaver[links.ends[Category.STUDENTS]]
        result: BoolArray = leaver & links.stale
        return result

    def initial_states(self, cause: int) -> None:
        """The stores at the window's start: the same for every run of the lycée, so with a
        memo computed once and copied (the records it logged included); in verify mode,
        computed every time and compared with the copy."""
        memo, recorder = self.memo, self.recorder
        if not isinstance(memo, Memo):
            self._initial_states(cause)
            return
        key = (cause, len(recorder.events), recorder.changes, recorder.log_changes)
        start = memo.starts.get(key)
        if start is not None and not memo.verify:
            saved, logged, changed = start
            for store, kept in saved.items():
                self.stores[store].restore(kept)
            recorder.events.extend(logged)
            recorder.changes += changed
            return
        events, changes = len(recorder.events), recorder.changes
        self._initial_states(cause)
        made = (
            {s: store.saved() for s, store in self.stores.items()},
            recorder.events[events:],
            recorder.changes - changes,
        )
        if start is None:
            memo.starts[key] = made
        elif not _same_start(start, made):
            raise MemoMismatch("initial_states: the copied start differs from the one computed")

    def _initial_states(self, cause: int) -> None:
        t = self.truth
        students = t.at_start(Category.STUDENTS)
        returning = (students & t.students_of(Origin.RETURNING)) | t.student_is_leaver
        siecle = self.stores[Store.SIECLE]
        siecle.start_with({Category.STUDENTS: returning}, cause)
        self.refresh_siecle(cause)
        sts = self.stores[Store.STS]
        sts.start_with({Category.TEACHERS: t.teacher_is_returning.copy()}, cause)
        aaf_state = {c: t.empty(c) for c in Category}
        aaf_state.update({**siecle.snapshot(), **sts.snapshot((Category.TEACHERS,))})
        for c, rows in self.previous_year.items():
            aaf_state[c] = aaf_state[c] | rows
        self.stores[Store.AAF].start_with(aaf_state, cause)
        ent_state = self.ent_state_after_import(aaf_state, full=True, current=None)
        self.stores[Store.ENT].start_with(ent_state, cause)
        self.stores[Store.GAR].start_with(self.gar_export(ent_state), cause)
        for store in (Store.SIECLE_PENDING, Store.EDT):
            self.stores[store].start_with({}, cause)

    # --- derived links ------------------------------------------------------------------
    def copy_structure_to_siecle(self, structure: Mapping[Category, BoolArray], cause: int) -> None:
        """STS-WEB's classes and groups as SIECLE receives them, and the links that follow."""
        self.stores[Store.SIECLE].update(structure, cause)
        self.refresh_siecle(cause)

    def refresh_siecle(self, cause: int) -> None:
        siecle = self.stores[Store.SIECLE]
        know = self.know
        present = siecle.snapshot(_SIECLE_ENDS)
        inputs = (know.siecle_divisions, know.siecle_parents, know.siecle_activated)
        states = self.memo.by_identity(
            "siecle_links",
            (*present.values(), *inputs),
            lambda: self._siecle_links(present, *inputs),
        )
        siecle.update(states, cause)

    def _siecle_links(
        self,
        present: dict[Category, BoolArray],
        divisions: BoolArray,
        parents_known: BoolArray,
        activated: BoolArray,
    ) -> dict[Category, BoolArray]:
        t = self.truth
        states: dict[Category, BoolArray] = {}
        states[Category.STUDENT_DIVISION] = links_with_endpoints(
            t.table(Category.STUDENT_DIVISION), divisions, present
        )
        parent_links = (
            parents_known
            & present[Category.STUDENTS][t.table(Category.PARENT_STUDENT).ends[Category.STUDENTS]]
        )
        states[Category.PARENT_STUDENT] = parent_links
        parents = t.empty(Category.PARENTS)
        parents[t.table(Category.PARENT_STUDENT).ends[Category.PARENTS][parent_links]] = True
        states[Category.PARENTS] = parents
        states[Category.STUDENT_GROUP] = links_with_endpoints(
            t.table(Category.STUDENT_GROUP), activated, present
        )
        return states

    def refresh_edt(self, cause: int) -> None:
        edt, know = self.stores[Store.EDT], self.know
        inputs = (
            edt[Category.STUDENTS],
            know.edt_links,
            know.edt_built_groups,
            know.edt_sts_groups,
            know.edt_built_services,
        )
        states = self.memo.by_identity("edt_links", inputs, lambda: self._edt_links(*inputs))
        edt.update(states, cause)

    def _edt_links(
        self,
        students: BoolArray,
        links: BoolArray,
        built_groups: BoolArray,
        sts_groups: BoolArray,
        built_services: BoolArray,
    ) -> dict[Category, BoolArray]:
        held = links_with_endpoints(
            self.truth.table(Category.STUDENT_GROUP),
            links,
            {Category.STUDENTS: students, Category.GROUPS: built_groups},
        )
        return {
            Category.GROUPS: built_groups | sts_groups,
            Category.SERVICES: built_services,
            Category.STUDENT_GROUP: held,
        }

    # --- AAF extraction --------------------------------------------------------------------
    def extraction(
        self,
        siecle: dict[Category, BoolArray],
        sts: dict[Category, BoolArray],
        before_profilage: bool,
    ) -> dict[Category, BoolArray]:
        """The AAF files: SIECLE's base and STS-WEB's (as the extraction sees it), with last
        year's base while SIECLE has not changed year."""
        return self.memo.by_identity(
            "extraction_before_profilage" if before_profilage else "extraction",
            (*siecle.values(), *sts.values()),
            lambda: self._extraction(siecle, sts, before_profilage),
        )

    def _extraction(
        self,
        siecle: dict[Category, BoolArray],
        sts: dict[Category, BoolArray],
        before_profilage: bool,
    ) -> dict[Category, BoolArray]:
        state = dict(siecle)
        for c, rows in sts.items():
            state[c] = state[c] | rows if c in state else rows
        if before_profilage:
            for c, rows in self.previous_year.items():
                state[c] = state[c] | rows
        return state


def _same_start(kept: Start, again: Start) -> bool:
    """Whether two starts of the stores are the same (states by identity: interned)."""
    (stores, logged, changed), (other, logged_again, changed_again) = kept, again
    return (
        logged == logged_again
        and changed == changed_again
        and stores.keys() == other.keys()
        and all(same_saved(stores[s], other[s]) for s in stores)
    )
