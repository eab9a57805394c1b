"""What a lycée's own exports show of STS-WEB and SIECLE, put into the stores at one
instant: the forecast of a diagnosis starts from what is observed, not from what the
calendar says should be there.

Only STS-WEB and SIECLE are exported by the lycée; the timetable software, the AAF, the ENT
and GAR keep their simulated state. Batches already under way at that instant still land.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sim.domain import Category, Store
from sim.engine.model import RANK_STEP, ChainModel
from sim.truth.facts import BoolArray

# Before every actor at that minute (ranks start at one step), after the 08:00 look (rank 0)
OBSERVATION_OFFSET = RANK_STEP / 2
ACTOR = "exports"  # the lycée's own exports: the cause of what the observation changes

# SIECLE's links, as the knowledge its derived links are made of (ChainModel.know)
_KNOWN_LINKS = {
    Category.STUDENT_DIVISION: "siecle_divisions",
    Category.STUDENT_GROUP: "siecle_activated",
    Category.PARENT_STUDENT: "siecle_parents",
}


@dataclass(frozen=True)
class ObservedState:
    """The facts each exported system holds from ``minute`` on.

    ``siecle_links`` are the links SIECLE holds, for the students the files list; a link
    category left out (no guardians' file) keeps its simulated state. ``shown_until``: the
    start of the files' day. What STS-WEB and SIECLE receive between ``minute`` and then
    (an operation typed that evening after the extraction, a landing) is in the files
    already: they are put in again at that instant when anything of it changed."""

    minute: float
    shown_until: float = 0.0
    sts: dict[Category, BoolArray] = field(default_factory=dict)
    siecle: dict[Category, BoolArray] = field(default_factory=dict)
    siecle_links: dict[Category, BoolArray] = field(default_factory=dict)


def observe(model: ChainModel, observed: ObservedState, again: bool = False) -> None:
    """Replace STS-WEB's and SIECLE's facts by the observed ones (one ``observation``
    event of the actor ``exports``, the cause of every change it makes; code ``files``,
    or ``files_again`` when put in again at the start of the files' day)."""
    cause = model.log(ACTOR, "observation", "files_again" if again else "files")
    model.observed_at = model.env.now
    model.stores[Store.STS].update(observed.sts, cause)
    siecle = model.stores[Store.SIECLE]
    siecle.update(observed.siecle, cause)
    truth = model.truth
    listed = siecle[Category.STUDENTS]
    for category, links in observed.siecle_links.items():
        # students the files do not list (not inscribed yet) keep what staff know of them
        of_listed = listed[truth.table(category).ends[Category.STUDENTS]]
        attribute = _KNOWN_LINKS[category]
        known = getattr(model.know, attribute)
        setattr(model.know, attribute, (known & ~of_listed) | links)
    if Category.STUDENT_GROUP in observed.siecle_links and not again:
        # what waits for the night's activation is what SIECLE shows: no older file lands.
        # Put in again at midnight, a link export sent since still waits: the files show
        # active links only
        pending = model.stores[Store.SIECLE_PENDING]
        pending.set(Category.STUDENT_GROUP, model.know.siecle_activated, cause)
    model.refresh_siecle(cause)


def exported_state(model: ChainModel) -> tuple[int, int]:
    """The versions of what the files show (STS-WEB and SIECLE): equal at two instants,
    nothing they show changed in between (links waiting for activation are not shown)."""
    return model.stores[Store.STS].version, model.stores[Store.SIECLE].version
