"""Vocabulary of the rentrée chain: systems, fact categories, operations, channels.

Only structure lives here (who holds what, which operation must come before which).
Every timing is a scenario parameter (see ``sim.scenario``), never a constant here.
"""

from __future__ import annotations

from enum import StrEnum


class System(StrEnum):
    STS = "sts"
    SIECLE = "siecle"
    EDT = "edt"
    AAF = "aaf"
    ENT = "ent"
    GAR = "gar"


class Store(StrEnum):
    """Places that hold facts in the engine: the systems plus SIECLE's not-yet-active links."""

    STS = "sts"
    SIECLE = "siecle"
    SIECLE_PENDING = "siecle_pending"
    EDT = "edt"
    AAF = "aaf"
    ENT = "ent"
    GAR = "gar"


class Category(StrEnum):
    DIVISIONS = "divisions"
    GROUPS = "groups"
    STUDENTS = "students"
    PARENTS = "parents"
    TEACHERS = "teachers"
    STUDENT_DIVISION = "student_division"
    STUDENT_GROUP = "student_group"
    SERVICES = "services"
    PARENT_STUDENT = "parent_student"


class Target(StrEnum):
    ENT = "ent"
    GAR = "gar"


class Operation(StrEnum):
    """Manual operations: the seed's, in the seed's order, then the platform's."""

    BASCULE_STS = "bascule_sts"
    NOMENCLATURES_ACADEMIE = "nomenclatures_academie"
    SELECTION_NOMENCLATURES = "selection_nomenclatures"
    PROFILAGE = "profilage"
    VERIFICATION_DIVISIONS = "verification_divisions"
    EXPORT_STRUCTURE_SIECLE = "export_structure_siecle"
    INSCRIPTION_AFFECTATION = "inscription_affectation"
    TRANSFERTS = "transferts"
    CREATION_ELEVES = "creation_eleves"
    EXPORT_STS_EDT = "export_sts_edt"
    EXPORT_SIECLE_EDT = "export_siecle_edt"
    CONSTRUCTION_EDT = "construction_edt"
    IMPORT_STS_EDT = "import_sts_edt"
    EXPORT_LIENS_SIECLE = "export_liens_siecle"
    TRANSITION_ENT = "transition_ent"


class Channel(StrEnum):
    """Automatic channels (batches), in the order of the chain."""

    STS_VERS_SIECLE = "sts_vers_siecle"
    ACTIVATION_LIENS = "activation_liens"
    EXTRACTION_AAF = "extraction_aaf"
    IMPORT_EDT_ENT = "import_edt_ent"
    IMPORT_ENT = "import_ent"
    PRESUPPRESSION_ENT = "presuppression_ent"
    EXPORT_GAR = "export_gar"


class Origin(StrEnum):
    """How a student reaches the établissement's SIECLE base."""

    RETURNING = "returning"
    AFFECTATION = "affectation"
    TRANSFER = "transfer"
    EXTERNAL = "external"


LEVELS = ("2nde", "1re", "Tle")

# Where each kind of fact is first typed in by the staff (then the chain carries it).
SOURCE_OF: dict[Category, Store] = {
    Category.DIVISIONS: Store.STS,
    Category.TEACHERS: Store.STS,
    Category.GROUPS: Store.EDT,
    Category.SERVICES: Store.EDT,
    Category.STUDENT_GROUP: Store.EDT,
    Category.STUDENTS: Store.SIECLE,
    Category.PARENTS: Store.SIECLE,
    Category.STUDENT_DIVISION: Store.SIECLE,
    Category.PARENT_STUDENT: Store.SIECLE,
}

# an enum member's value is a property: the engine's log reads these instead, hundreds of
# times a run
STORE_NAMES: dict[Store, str] = {s: s.value for s in Store}
CATEGORY_NAMES: dict[Category, str] = {c: c.value for c in Category}

CATEGORIES_OF: dict[Store, tuple[Category, ...]] = {
    Store.STS: (Category.DIVISIONS, Category.GROUPS, Category.TEACHERS, Category.SERVICES),
    Store.SIECLE: (
        Category.DIVISIONS,
        Category.GROUPS,
        Category.STUDENTS,
        Category.PARENTS,
        Category.STUDENT_DIVISION,
        Category.STUDENT_GROUP,
        Category.PARENT_STUDENT,
    ),
    Store.SIECLE_PENDING: (Category.STUDENT_GROUP,),
    Store.EDT: (
        Category.DIVISIONS,
        Category.GROUPS,
        Category.STUDENTS,
        Category.TEACHERS,
        Category.STUDENT_DIVISION,
        Category.STUDENT_GROUP,
        Category.SERVICES,
    ),
    Store.AAF: tuple(Category),
    Store.ENT: tuple(Category),
    Store.GAR: (
        Category.DIVISIONS,
        Category.GROUPS,
        Category.STUDENTS,
        Category.TEACHERS,
        Category.STUDENT_DIVISION,
        Category.STUDENT_GROUP,
        Category.SERVICES,
    ),
}

TARGET_STORE: dict[Target, Store] = {Target.ENT: Store.ENT, Target.GAR: Store.GAR}

USER_CATEGORIES = (Category.STUDENTS, Category.PARENTS, Category.TEACHERS)
STRUCTURE_CATEGORIES = (Category.DIVISIONS, Category.GROUPS)
STS_CATEGORIES = CATEGORIES_OF[Store.STS]
SIECLE_CATEGORIES = CATEGORIES_OF[Store.SIECLE]

# Done by the ENT's operator, not by the lycée: not in the seed's procedure, so no gate or
# order edge; risk does not push it when the lycée is late, and plan does not move it.
PLATFORM_OPERATIONS: tuple[Operation, ...] = (Operation.TRANSITION_ENT,)
# Who does each operation (a person reads the plan by it).
ROLE_OF: dict[Operation, str] = {
    Operation.BASCULE_STS: "direction",
    Operation.NOMENCLATURES_ACADEMIE: "academie",
    Operation.SELECTION_NOMENCLATURES: "secretariat",
    Operation.PROFILAGE: "secretariat",
    Operation.VERIFICATION_DIVISIONS: "direction",
    Operation.EXPORT_STRUCTURE_SIECLE: "direction",
    Operation.INSCRIPTION_AFFECTATION: "secretariat",
    Operation.TRANSFERTS: "secretariat",
    Operation.CREATION_ELEVES: "secretariat",
    Operation.EXPORT_STS_EDT: "direction",
    Operation.EXPORT_SIECLE_EDT: "secretariat",
    Operation.CONSTRUCTION_EDT: "direction",
    Operation.IMPORT_STS_EDT: "direction",
    Operation.EXPORT_LIENS_SIECLE: "direction",
    Operation.TRANSITION_ENT: "operator",
}
LYCEE_OPERATIONS: tuple[Operation, ...] = tuple(
    op for op in Operation if op not in PLATFORM_OPERATIONS
)

# The steps that enrol the year's students in SIECLE: the lycée needs them on its first day
# (class lists, canteen, accounts), whatever the ENT shows that morning.
ENROLMENTS: tuple[Operation, ...] = (
    Operation.INSCRIPTION_AFFECTATION,
    Operation.TRANSFERTS,
    Operation.CREATION_ELEVES,
)

# Hard prerequisites: the real application refuses the operation before these have happened.
GATES: dict[Operation, tuple[Operation, ...]] = {
    Operation.SELECTION_NOMENCLATURES: (Operation.NOMENCLATURES_ACADEMIE,),
    Operation.PROFILAGE: (Operation.SELECTION_NOMENCLATURES,),
    Operation.VERIFICATION_DIVISIONS: (Operation.BASCULE_STS, Operation.PROFILAGE),
    Operation.EXPORT_STRUCTURE_SIECLE: (Operation.BASCULE_STS, Operation.PROFILAGE),
    Operation.INSCRIPTION_AFFECTATION: (Operation.PROFILAGE,),
    Operation.TRANSFERTS: (Operation.PROFILAGE,),
    Operation.CREATION_ELEVES: (Operation.PROFILAGE,),
    Operation.EXPORT_STS_EDT: (Operation.BASCULE_STS,),
    Operation.EXPORT_SIECLE_EDT: (Operation.PROFILAGE,),
    Operation.IMPORT_STS_EDT: (Operation.BASCULE_STS, Operation.PROFILAGE),
}

# Recommended order of the seed: breaking it is allowed, and its effect follows from the rules.
ORDER: tuple[tuple[Operation, Operation], ...] = (
    # the profiling sends the new year's nomenclatures to STS-WEB: after its bascule
    (Operation.BASCULE_STS, Operation.PROFILAGE),
    (Operation.BASCULE_STS, Operation.VERIFICATION_DIVISIONS),
    (Operation.PROFILAGE, Operation.VERIFICATION_DIVISIONS),
    (Operation.VERIFICATION_DIVISIONS, Operation.EXPORT_STRUCTURE_SIECLE),
    (Operation.INSCRIPTION_AFFECTATION, Operation.TRANSFERTS),
    (Operation.TRANSFERTS, Operation.CREATION_ELEVES),
    (Operation.VERIFICATION_DIVISIONS, Operation.EXPORT_STS_EDT),
    (Operation.INSCRIPTION_AFFECTATION, Operation.EXPORT_SIECLE_EDT),
    (Operation.TRANSFERTS, Operation.EXPORT_SIECLE_EDT),
    (Operation.CREATION_ELEVES, Operation.EXPORT_SIECLE_EDT),
    (Operation.EXPORT_STS_EDT, Operation.CONSTRUCTION_EDT),
    (Operation.EXPORT_SIECLE_EDT, Operation.CONSTRUCTION_EDT),
    (Operation.CONSTRUCTION_EDT, Operation.IMPORT_STS_EDT),
    (Operation.IMPORT_STS_EDT, Operation.EXPORT_LIENS_SIECLE),
    (Operation.EXPORT_SIECLE_EDT, Operation.EXPORT_LIENS_SIECLE),
)

# What each operation or channel reads and writes; the dependency graph is built from this.
READS: dict[str, tuple[Store, ...]] = {
    Operation.BASCULE_STS: (),
    Operation.NOMENCLATURES_ACADEMIE: (),
    Operation.SELECTION_NOMENCLATURES: (),
    Operation.PROFILAGE: (),
    Operation.VERIFICATION_DIVISIONS: (),
    Operation.EXPORT_STRUCTURE_SIECLE: (Store.STS,),
    Operation.INSCRIPTION_AFFECTATION: (),
    Operation.TRANSFERTS: (),
    Operation.CREATION_ELEVES: (),
    Operation.EXPORT_STS_EDT: (Store.STS,),
    Operation.EXPORT_SIECLE_EDT: (Store.SIECLE,),
    Operation.CONSTRUCTION_EDT: (Store.EDT,),
    Operation.IMPORT_STS_EDT: (Store.EDT,),
    Operation.EXPORT_LIENS_SIECLE: (Store.EDT, Store.SIECLE),
    Operation.TRANSITION_ENT: (),
    Channel.STS_VERS_SIECLE: (Store.STS,),
    Channel.ACTIVATION_LIENS: (Store.SIECLE_PENDING,),
    Channel.EXTRACTION_AAF: (Store.SIECLE, Store.STS),
    Channel.IMPORT_EDT_ENT: (Store.EDT,),
    Channel.IMPORT_ENT: (Store.AAF,),
    Channel.PRESUPPRESSION_ENT: (Store.ENT,),
    Channel.EXPORT_GAR: (Store.ENT,),
}
WRITES: dict[str, tuple[Store, ...]] = {
    Operation.BASCULE_STS: (Store.STS,),
    Operation.NOMENCLATURES_ACADEMIE: (),
    Operation.SELECTION_NOMENCLATURES: (),
    Operation.PROFILAGE: (Store.SIECLE,),
    Operation.VERIFICATION_DIVISIONS: (Store.STS,),
    Operation.EXPORT_STRUCTURE_SIECLE: (Store.SIECLE,),
    Operation.INSCRIPTION_AFFECTATION: (Store.SIECLE,),
    Operation.TRANSFERTS: (Store.SIECLE,),
    Operation.CREATION_ELEVES: (Store.SIECLE,),
    Operation.EXPORT_STS_EDT: (Store.EDT,),
    Operation.EXPORT_SIECLE_EDT: (Store.EDT,),
    Operation.CONSTRUCTION_EDT: (Store.EDT,),
    Operation.IMPORT_STS_EDT: (Store.STS,),
    Operation.EXPORT_LIENS_SIECLE: (Store.SIECLE_PENDING,),
    Operation.TRANSITION_ENT: (Store.ENT,),
    Channel.STS_VERS_SIECLE: (Store.SIECLE,),
    Channel.ACTIVATION_LIENS: (Store.SIECLE,),
    Channel.EXTRACTION_AAF: (Store.AAF,),
    Channel.IMPORT_EDT_ENT: (Store.ENT,),
    Channel.IMPORT_ENT: (Store.ENT,),
    Channel.PRESUPPRESSION_ENT: (Store.ENT,),
    Channel.EXPORT_GAR: (Store.GAR,),
}

# Rank of each actor in chain order: actions at the same minute run in this order.
CHAIN_ORDER: tuple[str, ...] = (
    "reality",
    *[o.value for o in Operation],
    *[c.value for c in Channel],
)
