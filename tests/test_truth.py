"""The ground-truth generator: sizes, determinism, stale facts and dated changes."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import pickle

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from sim.calendar import Clock
from sim.domain import Category
from sim.engine.simulation import build_truth
from sim.scenario.loader import load_scenario
from sim.scenario.model import Etablissement, RealityChange
from sim.truth.generator import TruthBuilder, _rows_of, generate_truth
from tests.conftest import SCENARIOS

CLOCK = Clock.starting(dt.date(2026, 6, 8))


def make(seed: int = 1, students: int = 1500, reality: list[RealityChange] | None = None):  # type: ignore[no-untyped-def]
    etab = Etablissement(name="Lycée test", uai="0330001A", students=students)
    changes = reality or []
    return generate_truth(etab, changes, CLOCK, [1e5] * len(changes), seed)


def test_sizes_match_the_domain() -> None:
    """domain.md §5: 27–50 divisions, 60–150+ groups; ≈10,000 links for 1,500 students."""
    truth = make()
    true = {c: int((~truth.table(c).stale).sum()) for c in Category}
    assert true[Category.STUDENTS] == 1500
    assert true[Category.DIVISIONS] == 40
    assert 100 <= true[Category.GROUPS] <= 250
    links = (
        true[Category.STUDENT_DIVISION]
        + true[Category.STUDENT_GROUP]
        + (true[Category.PARENT_STUDENT])
    )
    assert 8_000 <= links <= 12_000
    assert true[Category.STUDENT_DIVISION] == 1500  # one division per student


def test_same_seed_same_truth_other_seed_other_truth() -> None:
    a, b, c = make(3), make(3), make(4)
    for category in Category:
        assert a.table(category).labels == b.table(category).labels
    assert a.table(Category.STUDENT_GROUP).labels != c.table(Category.STUDENT_GROUP).labels


def test_links_point_to_true_facts() -> None:
    """This year's links join this year's students and groups; last year's leavers have
    only last year's links (stale), to a class that exists again and to last year's groups."""
    truth = make()
    links = truth.table(Category.STUDENT_GROUP)
    current = ~links.stale
    assert not truth.group_is_carried[links.ends[Category.GROUPS][current]].any()
    assert not truth.student_is_leaver[links.ends[Category.STUDENTS][current]].any()
    previous = truth.previous_year[Category.STUDENT_GROUP]
    assert (previous == links.stale).all()
    assert truth.group_is_carried[links.ends[Category.GROUPS][previous]].all()
    assert truth.student_is_leaver[links.ends[Category.STUDENTS][previous]].all()
    classes = truth.table(Category.STUDENT_DIVISION)
    last_year = truth.previous_year[Category.STUDENT_DIVISION]
    assert last_year.sum() == truth.student_is_leaver.sum()  # one class each
    division = classes.ends[Category.DIVISIONS][last_year]
    assert not truth.division_is_new[division].any()
    assert not truth.division_is_obsolete[division].any()
    assert all(classes.labels[i].endswith(" (N-1)") for i in np.flatnonzero(last_year))


def test_last_years_rows_move_no_other_fact() -> None:
    """The leavers' last-year links are appended without a draw: every other fact is the
    one the generator gave before they existed (same labels, same order)."""
    truth = make()
    for category, previous in truth.previous_year.items():
        labels = truth.table(category).labels
        first = int(np.flatnonzero(previous)[0])
        assert not previous[:first].any() and previous[first:].all()
        assert all(label.startswith("eleve:E9") for label in labels[first:])


def test_stale_facts_are_never_true() -> None:
    truth = make()
    students = truth.table(Category.STUDENTS)
    assert (students.stale == (truth.student_is_leaver | (truth.student_origin < 0))).all()
    assert truth.table(Category.GROUPS).stale.sum() == truth.group_is_carried.sum()


def test_changes_move_the_truth() -> None:
    day = dt.date(2026, 9, 14)
    minute = CLOCK.day_minutes(day, dt.time(0, 0))
    truth = make(
        reality=[
            RealityChange(date=day, kind="arrival", count=4, level="2nde"),
            RealityChange(date=day, kind="departure", count=2),
            RealityChange(date=day, kind="group_change", count=3),
            RealityChange(date=day, kind="division_change", count=2),
        ]
    )
    by_kind = {c.kind: c for c in truth.changes}
    arrived = by_kind["arrival"].started[Category.STUDENTS]
    assert len(arrived) == 4
    students = truth.table(Category.STUDENTS)
    assert (students.valid_from[arrived] == minute).all()
    left = by_kind["departure"].ended[Category.STUDENTS]
    assert (students.valid_to[left] == minute).all()
    links = truth.table(Category.STUDENT_GROUP)
    for row in by_kind["group_change"].ended[Category.STUDENT_GROUP]:
        assert links.valid_to[row] == minute
    assert len(by_kind["group_change"].started[Category.STUDENT_GROUP]) == 3
    assert len(by_kind["division_change"].started[Category.STUDENT_DIVISION]) == 2
    before, after = minute - 1, minute + 1
    sd = truth.table(Category.STUDENT_DIVISION)
    per_student_after = np.bincount(
        sd.ends[Category.STUDENTS][sd.true_at(after)], minlength=students.size
    )
    assert per_student_after.max() == 1
    assert sd.true_at(before).sum() == 1500


def test_a_group_with_no_division_does_not_borrow_the_next_ones() -> None:
    """Groups 0 (divisions 0, 1), 1 (none: a real STS-WEB file can hold one) and 2
    (division 2). With divisions 0 and 1 present: group 0 has any and all of its divisions,
    group 1 has none to have (any: no; all: vacuously yes), group 2 has neither."""
    truth, _ = build_truth(load_scenario(SCENARIOS / "nominal.yaml"))
    truth = dataclasses.replace(
        truth,
        group_division_indptr=np.array([0, 2, 2, 3]),
        group_division_indices=np.array([0, 1, 2]),
    )
    present = np.array([True, True, False])
    assert truth.groups_with_any_division(present).tolist() == [True, False, False]
    assert truth.groups_with_all_divisions(present).tolist() == [True, True, False]


@settings(max_examples=60, deadline=None)
@given(
    seed=st.integers(min_value=0, max_value=2**32),
    weights=st.lists(st.floats(min_value=0.01, max_value=5.0), min_size=2, max_size=12),
    data=st.data(),
)
def test_the_choice_without_replacement_is_numpy_s(
    seed: int, weights: list[float], data: st.DataObject
) -> None:
    """The truth's fast choice gives numpy's indexes and leaves the generator where numpy
    does (the truth's draws, hence every fact, stay the same)."""
    from sim.truth.generator import choose_without_replacement

    size = data.draw(st.integers(min_value=1, max_value=len(weights)))
    p = np.asarray(weights) / np.sum(weights)
    mine, theirs = np.random.default_rng(seed), np.random.default_rng(seed)
    for _ in range(5):
        expected = theirs.choice(len(p), size=size, replace=False, p=p).tolist()
        assert choose_without_replacement(mine, p.tolist(), size) == expected
    assert mine.random() == theirs.random()


@given(
    seed=st.integers(min_value=0, max_value=2**32),
    weights=st.lists(st.floats(min_value=0.01, max_value=5.0), min_size=2, max_size=12),
    count=st.integers(min_value=0, max_value=40),
    data=st.data(),
)
def test_many_choices_are_as_many_calls_in_a_row(
    seed: int, weights: list[float], count: int, data: st.DataObject
) -> None:
    """The truth's block of choices (one per student) gives what that many calls of
    numpy's choice give, and leaves the generator where they leave it: skewed weights make
    second rounds (a drawn index already taken) frequent."""
    from sim.truth.generator import choose_many

    size = data.draw(st.integers(min_value=1, max_value=len(weights)))
    p = np.asarray(weights) / np.sum(weights)
    mine, theirs = np.random.default_rng(seed), np.random.default_rng(seed)
    expected = [theirs.choice(len(p), size=size, replace=False, p=p).tolist() for _ in range(count)]
    assert choose_many(mine, p.tolist(), size, count) == expected
    assert mine.random() == theirs.random()


@settings(max_examples=60, deadline=None)
@given(
    owners=st.lists(st.integers(0, 6), max_size=40),
    wanted=st.lists(st.integers(-1, 8), max_size=12),
)
def test_rows_of_each_wanted_owner_are_its_rows_in_order(
    owners: list[int], wanted: list[int]
) -> None:
    """The leavers' twin groups: for each wanted owner, every row it owns, ascending (the
    loop the sorted index replaces)."""
    expected = [
        (k, row) for k, w in enumerate(wanted) for row, o in enumerate(owners) if o == w >= 0
    ]
    which, rows = _rows_of(owners, wanted)
    assert list(zip(which, rows, strict=True)) == expected


def test_the_links_by_student_are_the_table_s_rows_in_order() -> None:
    etab = Etablissement(name="Lycée test", uai="0330001A", students=300)
    builder = TruthBuilder(etab, np.random.default_rng(3))
    builder.divisions()
    builder.teachers()
    builder.students()
    builder.groups()
    students = builder.t[Category.STUDENT_GROUP].ends_of("students")
    expected: dict[int, list[int]] = {}
    for row, student in enumerate(students):
        expected.setdefault(student, []).append(row)
    assert builder.links_of_student == expected
    assert len(expected) > 100


def test_the_truth_at_an_epoch_is_computed_once_and_read_only() -> None:
    truth = make(reality=[RealityChange(kind="departure", date=dt.date(2026, 9, 10), count=5)])
    table = truth.table(Category.STUDENTS)
    for minute in (0.0, *table.change_minutes(), 1e9):
        state, count = table.truth_at(minute)
        assert np.array_equal(state, table.true_at(minute))
        assert count == int(table.true_at(minute).sum())
        assert not state.flags.writeable
        assert table.truth_at(minute)[0] is state
    assert table.truth_at(0.0)[1] - table.truth_at(1e9)[1] == 5


def test_the_truth_past_every_epoch_is_not_taken_from_the_cache() -> None:
    """``truth_at`` caches by epoch: a minute that is not finite is in none."""
    table = make().table(Category.STUDENTS)
    table.truth_at(1e9)
    for minute in (math.inf, -math.inf, math.nan):
        state, count = table.truth_at(minute)
        assert np.array_equal(state, table.true_at(minute))
        assert count == int(table.true_at(minute).sum())


def test_a_pickled_table_leaves_its_cache_behind() -> None:
    """Arrays come back writable from a pickle: the copy builds its own read-only ones."""
    table = make().table(Category.STUDENTS)
    table.truth_at(0.0)
    copy = pickle.loads(pickle.dumps(table))
    assert copy.labels == table.labels
    assert np.array_equal(copy.valid_to, table.valid_to)
    assert copy._by_epoch == {}
    assert not copy.truth_at(0.0)[0].flags.writeable
    assert np.array_equal(copy.truth_at(0.0)[0], table.truth_at(0.0)[0])
