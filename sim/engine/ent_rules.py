"""The ENT's and GAR's own rules (domain.md §3: rules 7, 8, 12 and 13): what the ENT makes
of an AAF import, of its timetable import and of a pre-delete, and what it exports to GAR.
A part of :class:`~sim.engine.model.ChainModel`, apart for its size: each rule is a pure
function of its inputs and the truth, memoised when runs share a memo.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

import numpy as np

from sim.domain import CATEGORIES_OF, STRUCTURE_CATEGORIES, USER_CATEGORIES, Category, Store
from sim.engine.memo import Memo, NoMemo
from sim.scenario.model import Scenario
from sim.truth.facts import ENDPOINTS, BoolArray, links_with_endpoints
from sim.truth.model import Truth

LINK_CATEGORIES = (
    Category.STUDENT_DIVISION,
    Category.STUDENT_GROUP,
    Category.PARENT_STUDENT,
    Category.SERVICES,
)
GAR_USER_CATEGORIES = (Category.STUDENTS, Category.TEACHERS)


def _ends_of(truth: Truth, category: Category, links: BoolArray) -> BoolArray:
    """Groups that ``links`` point to."""
    groups = np.zeros(truth.size(Category.GROUPS) + 1, dtype=bool)  # last slot: no group
    groups[truth.table(category).ends[Category.GROUPS][links]] = True
    result: BoolArray = groups[:-1]
    return result


def _departed_users(
    aaf: dict[Category, BoolArray], ent: dict[Category, BoolArray]
) -> dict[Category, BoolArray]:
    return {c: ent[c] & ~aaf[c] for c in USER_CATEGORIES}


def with_user_end(truth: Truth, category: Category, users: dict[Category, BoolArray]) -> BoolArray:
    """Links of ``category`` with at least one user end among ``users``."""
    table = truth.table(category)
    found = truth.empty(category)
    for end in ENDPOINTS[category]:
        if end in users:
            found |= table.end_present(end, users[end])
    return found


class EntRules:
    """The ENT's rules, read by the model's channels (import, pre-delete, GAR export)."""

    scenario: Scenario
    truth: Truth
    memo: Memo | NoMemo
    group_services: BoolArray  # services of a group (not of a division)

    # --- ENT import (rules 7 and 8) -------------------------------------------------------
    @cached_property  # read at every import and after every event: a run's scenario is fixed
    def removes_at_every_import(self) -> bool:
        return self.scenario.channels.import_ent.removal == "every_import"

    def ent_state_after_import(
        self,
        aaf: dict[Category, BoolArray],
        full: bool,
        current: dict[Category, BoolArray] | None,
    ) -> dict[Category, BoolArray]:
        """The ENT directory after importing the AAF files ``aaf``.

        ``every_import`` (entcore): a user absent from the files stays, marked disappeared,
        with its links; the links of each user in the files are rebuilt from them; classes
        and groups are never dropped for being absent, only when empty. ``full_only``: users
        are added by every import and removed by a full one only, every link and structure
        comes from the files. Either way a class or group with no member left is deleted,
        and a teacher of a group is a member of the classes of its divisions (rule 12).
        """
        if current is None:
            return self.memo.call("ent_first_import", self._ent_first_import, (aaf,), (full,))
        return self.memo.call(
            "ent_after_import", self._ent_state_after_import, (aaf, current), (full,)
        )

    def _ent_first_import(
        self, aaf: dict[Category, BoolArray], full: bool
    ) -> dict[Category, BoolArray]:
        return self._ent_state_after_import(aaf, None, full)

    def _ent_state_after_import(
        self,
        aaf: dict[Category, BoolArray],
        current: dict[Category, BoolArray] | None,
        full: bool,
    ) -> dict[Category, BoolArray]:
        t = self.truth
        state: dict[Category, BoolArray] = {}
        if self.groups_from_timetable:
            aaf = {
                **aaf,
                Category.GROUPS: t.empty(Category.GROUPS),
                Category.STUDENT_GROUP: t.empty(Category.STUDENT_GROUP),
                Category.SERVICES: aaf[Category.SERVICES] & ~self.group_services,
            }
        if self.removes_at_every_import and current is not None:
            departed = {c: current[c] & ~aaf[c] for c in USER_CATEGORIES}
            for c in (*USER_CATEGORIES, *STRUCTURE_CATEGORIES):
                state[c] = current[c] | aaf[c]
            for c in LINK_CATEGORIES:
                kept = current[c] & with_user_end(t, c, departed)
                state[c] = links_with_endpoints(t.table(c), aaf[c], state) | kept
        else:
            for c in USER_CATEGORIES:
                state[c] = aaf[c].copy() if full or current is None else current[c] | aaf[c]
            for c in STRUCTURE_CATEGORIES:
                state[c] = aaf[c]
            for c in LINK_CATEGORIES:
                state[c] = links_with_endpoints(t.table(c), aaf[c], state)
        if self.groups_from_timetable:
            # rule 13: groups, their members and their teachers are the timetable import's
            previous = current or {c: t.empty(c) for c in Category}
            state[Category.GROUPS] = previous[Category.GROUPS]
            state[Category.STUDENT_GROUP] = links_with_endpoints(
                t.table(Category.STUDENT_GROUP), previous[Category.STUDENT_GROUP], state
            )
            state[Category.SERVICES] = state[Category.SERVICES] | links_with_endpoints(
                t.table(Category.SERVICES),
                previous[Category.SERVICES] & self.group_services,
                state,
            )
        return self._without_empty_structures(state)

    @cached_property
    def groups_from_timetable(self) -> bool:
        return self.scenario.etablissement.ent_groups_from_timetable

    def ent_state_after_timetable(
        self,
        edt: dict[Category, BoolArray],
        current: dict[Category, BoolArray],
        departed: dict[Category, BoolArray],
    ) -> dict[Category, BoolArray]:
        """The ENT after its own timetable import (rule 13): groups, student → group links
        and group services as in the timetable file, for the users the ENT holds; a
        departed user keeps its links until the pre-delete."""
        return self.memo.call(
            "ent_after_timetable", self._ent_state_after_timetable, (edt, current, departed)
        )

    def _ent_state_after_timetable(
        self,
        edt: dict[Category, BoolArray],
        current: dict[Category, BoolArray],
        departed: dict[Category, BoolArray],
    ) -> dict[Category, BoolArray]:
        t = self.truth
        state = dict(current)
        state[Category.GROUPS] = edt[Category.GROUPS]
        for link, own in (
            (Category.STUDENT_GROUP, edt[Category.STUDENT_GROUP]),
            (Category.SERVICES, edt[Category.SERVICES] & self.group_services),
        ):
            kept = current[link] & with_user_end(t, link, departed)
            if link is Category.SERVICES:
                kept |= current[link] & ~self.group_services
            state[Category.GROUPS] = state[Category.GROUPS] | _ends_of(t, link, kept)
            state[link] = links_with_endpoints(t.table(link), own, state) | kept
        return self._without_empty_structures(state)

    def _without_empty_structures(
        self, state: dict[Category, BoolArray]
    ) -> dict[Category, BoolArray]:
        t = self.truth
        services = t.table(Category.SERVICES)
        members = {}
        for structure, link in (
            (Category.DIVISIONS, Category.STUDENT_DIVISION),
            (Category.GROUPS, Category.STUDENT_GROUP),
        ):
            present = np.zeros(t.size(structure) + 1, dtype=bool)  # last slot: "no such end"
            present[t.table(link).ends[structure][state[link]]] = True
            present[services.ends[structure][state[Category.SERVICES]]] = True
            members[structure] = present[:-1]
        taught_groups = np.zeros(t.size(Category.GROUPS) + 1, dtype=bool)
        taught_groups[services.ends[Category.GROUPS][state[Category.SERVICES]]] = True
        members[Category.DIVISIONS] |= t.divisions_of_groups(taught_groups[:-1])
        for structure in STRUCTURE_CATEGORIES:
            state[structure] = state[structure] & members[structure]
        return state

    def import_outcome(
        self,
        files: dict[Category, BoolArray],
        current: dict[Category, BoolArray],
        departed: dict[Category, BoolArray],
        pending: dict[Category, BoolArray],
        full: bool,
    ) -> dict[object, Any]:
        """What an ENT import of ``files`` changes, by user category: the users newly
        marked departed (``gone``), back from it (``back``), back before their deletion
        (``returning``), the pending deletions left, with their counts; and the new ENT
        (``state``), marks (``marks``) and count of empty structures (``empty``)."""
        return self.memo.by_identity(
            "import_outcome_full" if full else "import_outcome",
            (*files.values(), *current.values(), *departed.values(), *pending.values()),
            lambda: self._import_outcome(files, current, departed, pending, full),
        )

    def _import_outcome(
        self,
        files: dict[Category, BoolArray],
        current: dict[Category, BoolArray],
        departed: dict[Category, BoolArray],
        pending: dict[Category, BoolArray],
        full: bool,
    ) -> dict[object, Any]:
        state = self.ent_state_after_import(files, full, current)
        marks = self.departed_after_import(files, state)
        found: dict[object, Any] = {"state": state, "marks": marks}
        found["empty"] = self.structures_without_users(files, state)
        for c in USER_CATEGORIES:
            if self.removes_at_every_import:
                masks = {
                    "gone": marks[c] & ~departed[c],
                    "back": departed[c] & ~marks[c] & state[c],
                    "returning": pending[c] & files[c],
                }
                found["pending", c] = pending[c] & ~masks["returning"]
                found["restored", c] = int(np.count_nonzero(masks["back"] | masks["returning"]))
            else:
                masks = {"gone": current[c] & ~state[c]}
            for name, mask in masks.items():
                found[name, c] = mask
                found[f"{name}_count", c] = int(np.count_nonzero(mask))
        return found

    def departed_after_import(
        self, aaf: dict[Category, BoolArray], ent: dict[Category, BoolArray]
    ) -> dict[Category, BoolArray]:
        """Users the ENT holds that the import's files did not (none under ``full_only``)."""
        if not self.removes_at_every_import:
            return {c: self.truth.empty(c) for c in USER_CATEGORIES}
        return self.memo.call("departed_after_import", _departed_users, (aaf, ent))

    def without_users(
        self, ent: dict[Category, BoolArray], users: dict[Category, BoolArray]
    ) -> dict[Category, BoolArray]:
        """The ENT without ``users`` and every link they are an end of (the pre-delete);
        classes and groups stay until an import finds them empty."""
        return self.memo.call("without_users", self._without_users, (ent, users))

    def _without_users(
        self, ent: dict[Category, BoolArray], users: dict[Category, BoolArray]
    ) -> dict[Category, BoolArray]:
        state = dict(ent)
        for c in USER_CATEGORIES:
            state[c] = ent[c] & ~users[c]
        for c in LINK_CATEGORIES:
            state[c] = ent[c] & ~with_user_end(self.truth, c, users)
        return state

    def gar_export(self, ent: dict[Category, BoolArray]) -> dict[Category, BoolArray]:
        """What the ENT sends to GAR (rule 12): every class as a division, even an empty
        one; a group only with a member; a teacher × group × subject entry only when the
        teacher sits in a class of the group's divisions, that is one of them is in the ENT."""
        return self.memo.call("gar_export", self._gar_export, (ent,))

    def _gar_export(self, ent: dict[Category, BoolArray]) -> dict[Category, BoolArray]:
        t = self.truth
        state = {c: ent[c] for c in CATEGORIES_OF[Store.GAR]}
        members = np.zeros(t.size(Category.GROUPS) + 1, dtype=bool)
        members[
            t.table(Category.STUDENT_GROUP).ends[Category.GROUPS][ent[Category.STUDENT_GROUP]]
        ] = True
        services = t.table(Category.SERVICES)
        members[services.ends[Category.GROUPS][ent[Category.SERVICES]]] = True
        state[Category.GROUPS] = ent[Category.GROUPS] & members[:-1]
        placed = np.append(t.groups_with_any_division(ent[Category.DIVISIONS]), True)
        # a division service has no group end (-1, the appended True): it always goes
        state[Category.SERVICES] = ent[Category.SERVICES] & placed[services.ends[Category.GROUPS]]
        return state

    def structures_without_users(
        self, aaf: dict[Category, BoolArray], ent: dict[Category, BoolArray]
    ) -> int:
        return self.memo.call("empty_structures", self._structures_without_users, (aaf, ent))

    def _structures_without_users(
        self, aaf: dict[Category, BoolArray], ent: dict[Category, BoolArray]
    ) -> int:
        groups = 0 if self.groups_from_timetable else 1  # rule 13: AAF groups are ignored
        return int(
            np.count_nonzero(aaf[Category.DIVISIONS] & ~ent[Category.DIVISIONS])
            + groups * np.count_nonzero(aaf[Category.GROUPS] & ~ent[Category.GROUPS])
        )
