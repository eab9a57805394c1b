"""Names of systems, targets, categories, operations, channels; weekdays and formats."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping

MESSAGES: dict[str, dict[str, str]] = {
    # --- names ---------------------------------------------------------------------------
    "system.sts": {"fr": "STS-WEB", "en": "STS-WEB"},
    "system.siecle": {"fr": "SIECLE", "en": "SIECLE"},
    "system.siecle_pending": {"fr": "SIECLE (liens en attente)", "en": "SIECLE (pending links)"},
    "system.edt": {"fr": "EDT/PRONOTE", "en": "EDT/PRONOTE"},
    "system.aaf": {"fr": "AAF", "en": "AAF"},
    "system.ent": {"fr": "ENT", "en": "ENT"},
    "system.gar": {"fr": "GAR", "en": "GAR"},
    "target.ent": {"fr": "ENT (Lycée Connecté)", "en": "ENT (Lycée Connecté)"},
    "target.gar": {"fr": "GAR (manuels numériques)", "en": "GAR (digital textbooks)"},
    "actor.reality": {"fr": "saisie d'un changement réel", "en": "entry of a real change"},
    "actor.exports": {
        "fr": "exports du lycée (STS-WEB et SIECLE)",
        "en": "the lycée's exports (STS-WEB and SIECLE)",
    },
    "category.divisions": {"fr": "divisions (classes)", "en": "divisions (classes)"},
    "category.groups": {"fr": "groupes", "en": "groups"},
    "category.students": {"fr": "élèves", "en": "students"},
    "category.parents": {"fr": "responsables", "en": "parents"},
    "category.teachers": {"fr": "enseignants", "en": "teachers"},
    "category.student_division": {"fr": "élève → division", "en": "student → division"},
    "category.student_group": {"fr": "élève → groupe", "en": "student → group"},
    "category.services": {
        "fr": "services enseignant × classe/groupe × matière",
        "en": "teacher × class/group × subject services",
    },
    "category.parent_student": {"fr": "responsable → élève", "en": "parent → student"},
    "operation.bascule_sts": {"fr": "bascule d'année STS-WEB", "en": "STS-WEB year switch"},
    "operation.nomenclatures_academie": {
        "fr": "envoi des nomenclatures (académie)",
        "en": "nomenclatures sent (académie)",
    },
    "operation.selection_nomenclatures": {
        "fr": "sélection des nomenclatures SIECLE",
        "en": "SIECLE nomenclature selection",
    },
    "operation.profilage": {"fr": "profilage des nomenclatures", "en": "nomenclature profiling"},
    "operation.verification_divisions": {
        "fr": "vérification des divisions STS-WEB",
        "en": "STS-WEB division check",
    },
    "operation.export_structure_siecle": {
        "fr": "export de la structure STS-WEB → SIECLE",
        "en": "STS-WEB → SIECLE structure export",
    },
    "operation.inscription_affectation": {
        "fr": "import des dossiers d'affectation",
        "en": "import of the AFFELNET assignments",
    },
    "operation.transferts": {"fr": "transferts de dossiers", "en": "student transfers"},
    "operation.creation_eleves": {
        "fr": "création des élèves venus d'ailleurs",
        "en": "creation of students from elsewhere",
    },
    "operation.export_sts_edt": {"fr": "export STS-WEB → EDT", "en": "STS-WEB → EDT export"},
    "operation.export_siecle_edt": {"fr": "export SIECLE → EDT", "en": "SIECLE → EDT export"},
    "operation.construction_edt": {
        "fr": "construction de l'emploi du temps et des groupes",
        "en": "timetable and groups built",
    },
    "operation.import_sts_edt": {
        "fr": "remontée EDT → STS-WEB (structure et services)",
        "en": "EDT → STS-WEB import (structure and services)",
    },
    "operation.export_liens_siecle": {
        "fr": "export des liens élèves-groupes vers SIECLE",
        "en": "student-group links export to SIECLE",
    },
    "operation.transition_ent": {
        "fr": "transition d'année dans l'ENT (exploitant)",
        "en": "ENT year transition (platform operator)",
    },
    "channel.sts_vers_siecle": {
        "fr": "copie de structure STS-WEB → SIECLE",
        "en": "STS-WEB → SIECLE structure copy",
    },
    "channel.activation_liens": {
        "fr": "activation des liens dans SIECLE",
        "en": "link activation in SIECLE",
    },
    "channel.extraction_aaf": {
        "fr": "extraction nocturne vers l'AAF",
        "en": "nightly extraction to the AAF",
    },
    "channel.import_ent": {"fr": "import ENT (annuaire)", "en": "ENT directory import"},
    "channel.import_edt_ent": {
        "fr": "import de l'emploi du temps dans l'ENT (groupes)",
        "en": "timetable import into the ENT (groups)",
    },
    "channel.presuppression_ent": {
        "fr": "présuppression des comptes partis (ENT)",
        "en": "pre-delete of departed accounts (ENT)",
    },
    "channel.export_gar": {"fr": "export ENT → GAR", "en": "ENT → GAR export"},
    "weekday.mon": {"fr": "lun.", "en": "Mon"},
    "weekday.tue": {"fr": "mar.", "en": "Tue"},
    "weekday.wed": {"fr": "mer.", "en": "Wed"},
    "weekday.thu": {"fr": "jeu.", "en": "Thu"},
    "weekday.fri": {"fr": "ven.", "en": "Fri"},
    "weekday.sat": {"fr": "sam.", "en": "Sat"},
    "weekday.sun": {"fr": "dim.", "en": "Sun"},
    # event kinds and codes, as the local CSV form writes them (an unknown code stays an id)
    "event_kind.start": {"fr": "début", "en": "start"},
    "event_kind.operation": {"fr": "opération", "en": "operation"},
    "event_kind.batch": {"fr": "traitement automatique", "en": "batch"},
    "event_kind.change": {"fr": "changement dans un système", "en": "change in a system"},
    "event_kind.rule": {"fr": "règle appliquée", "en": "rule applied"},
    "event_kind.reality": {"fr": "changement réel", "en": "real change"},
    "event_kind.observation": {"fr": "lecture des exports", "en": "exports read"},
    "event_code.initial_state": {"fr": "état initial", "en": "initial state"},
    "event_code.files": {
        "fr": "état de STS-WEB et SIECLE lu dans les exports",
        "en": "STS-WEB and SIECLE as the exports show them",
    },
    "event_code.files_again": {
        "fr": "état des exports remis à minuit : ce qui a été saisi ou copié la veille au "
        "soir y figurait déjà",
        "en": "the exports' state put back at midnight: what was typed or copied that evening "
        "was in them already",
    },
    "event_code.run": {"fr": "passage", "en": "run"},
    "event_code.full": {"fr": "passage complet", "en": "full run"},
    "event_code.outage": {"fr": "panne", "en": "outage"},
    "event_code.missing": {"fr": "jamais faite", "en": "never done"},
    "event_code.refused": {"fr": "refusée", "en": "refused"},
    "event_code.added": {"fr": "ajouts", "en": "added"},
    "event_code.removed": {"fr": "retraits", "en": "removed"},
    "event_code.arrival": {"fr": "arrivée", "en": "arrival"},
    "event_code.departure": {"fr": "départ", "en": "departure"},
    "event_code.group_change": {"fr": "changement de groupe", "en": "group change"},
    "event_code.division_change": {"fr": "changement de division", "en": "division change"},
    "event_code.order_broken": {"fr": "ordre non respecté", "en": "order broken"},
    "event_code.links_rejected": {"fr": "liens rejetés", "en": "links rejected"},
    "event_code.links_replaced": {"fr": "liens remplacés", "en": "links replaced"},
    "event_code.links_without_students": {
        "fr": "liens sans élève",
        "en": "links without students",
    },
    "event_code.duplicates": {"fr": "doublons", "en": "duplicates"},
    "event_code.carried_groups": {"fr": "groupes reconduits", "en": "carried-over groups"},
    "event_code.unmatched_services": {"fr": "services non appariés", "en": "unmatched services"},
    "event_code.unmatched_groups": {"fr": "groupes non appariés", "en": "unmatched groups"},
    "event_code.services_replaced": {"fr": "services remplacés", "en": "services replaced"},
    "event_code.users_disappeared": {"fr": "comptes disparus", "en": "users disappeared"},
    "event_code.platform_missing": {"fr": "pas faite", "en": "not done"},
    "event_code.transition": {"fr": "transition d'année", "en": "year transition"},
    "event_code.users_removed": {"fr": "comptes retirés", "en": "users removed"},
    "event_code.users_restored": {"fr": "comptes rétablis", "en": "users restored"},
    "event_code.users_pre_deleted": {"fr": "comptes présupprimés", "en": "users pre-deleted"},
    "event_code.accounts_deleted": {"fr": "comptes supprimés", "en": "accounts deleted"},
    "event_code.departed_beyond_window": {
        "fr": "comptes de partants au-delà de la fenêtre",
        "en": "departed accounts past the window",
    },
    "event_code.empty_structures": {"fr": "structures vides", "en": "empty structures"},
    "event_code.non_working_day": {"fr": "jour non ouvré", "en": "non-working day"},
    "format.thousands": {"fr": "\u202f", "en": ","},
    "format.decimal": {"fr": ",", "en": "."},
    "format.percent": {"fr": "{value}\u202f%", "en": "{value}%"},
    "format.day": {"fr": "{weekday} {date}", "en": "{weekday} {date}"},
    "format.instant": {"fr": "{day} {time}", "en": "{day} {time}"},
}

# --- words a user types ------------------------------------------------------------------
# French words accepted beside the English ids, compared after folding (see ``fold``): so
# « élève → groupe », « eleve-groupe » and « Élève_Groupe » all name ``student_group``.
CATEGORY_WORDS: dict[str, str] = {
    "classes": "divisions",
    "groupes": "groups",
    "eleves": "students",
    "responsables": "parents",
    "enseignants": "teachers",
    "professeurs": "teachers",
    "eleve_division": "student_division",
    "eleve_classe": "student_division",
    "eleve_groupe": "student_group",
    "responsable_eleve": "parent_student",
    "services_enseignant_classe_groupe_matiere": "services",
}
REALITY_KIND_WORDS: dict[str, str] = {
    "arrivee": "arrival",
    "depart": "departure",
    "changement_division": "division_change",
    "changement_de_division": "division_change",
    "changement_classe": "division_change",
    "changement_de_classe": "division_change",
    "changement_groupe": "group_change",
    "changement_de_groupe": "group_change",
}

# What the JSON Schema offers an editor: the ids, then the French words as one writes them.
REALITY_KINDS: list[str] = [
    "arrival",
    "departure",
    "division_change",
    "group_change",
    "arrivée",
    "départ",
    "changement_division",
    "changement_groupe",
]


REMOVAL_WORDS: dict[str, str] = {
    "a_chaque_import": "every_import",
    "chaque_import": "every_import",
    "extraction_complete": "full_only",
    "sur_complet": "full_only",
    "complet_seulement": "full_only",
}
REMOVALS: list[str] = ["every_import", "full_only", "à_chaque_import", "sur_complet"]
SNAPSHOT_WORDS: dict[str, str] = {
    "veille": "previous_night",
    "nuit_precedente": "previous_night",
    "direct": "live",
    "en_direct": "live",
}
SNAPSHOTS: list[str] = ["previous_night", "live", "veille", "en_direct"]


# the format's keys are English: the French words a user writes for the commonest ones,
# folded (an unknown key written so is told the key it stands for)
KEY_WORDS: dict[str, str] = {
    "nom": "name",
    "type": "kind",
    "eleves": "students",
    "effectif": "students",
    "enseignants": "teachers",
    "professeurs": "teachers",
    "graine": "seed",
    "classes": "divisions",
    "lycees": "lycees",
    "etablissements": "lycees",
    "etablissement": "etablissement",
    "calendrier": "calendar",
    "operations": "operations",
    "traitements": "channels",
    "realite": "reality",
    "debut": "start",
    "fin": "end",
    "rentree": "rentree",
    "part": "share",
    "parts": "share",
    "retard": "lateness",
    "pannes": "outages",
    "heure": "at",
    "jours": "days",
    "delai": "delay",
    "oubliee": "missing",
    "manquante": "missing",
    "echeance": "by",
}


def fold(text: str) -> str:
    """Lower case, no accents, one ``_`` for any run of other characters."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "_", plain.lower()).strip("_")


def from_word(text: str, ids: Iterable[str], words: Mapping[str, str]) -> str | None:
    """The id that ``text`` names (an id or one of ``words``), None when it names none."""
    folded = fold(text)
    known = {fold(ident): ident for ident in ids}
    if folded in known:
        return known[folded]
    return words.get(folded)


def reality_kind(value: object) -> object:
    """A reality change's kind typed in French (``arrivee``, ``changement de groupe``) as its
    id; anything else is left for the field's own check to refuse."""
    if not isinstance(value, str):
        return value
    return from_word(value, REALITY_KIND_WORDS.values(), REALITY_KIND_WORDS) or value


def snapshot_mode(value: object) -> object:
    """Which SIECLE an export to the timetable software holds, typed in French (``veille``,
    ``en direct``) as its id."""
    if not isinstance(value, str):
        return value
    return from_word(value, SNAPSHOT_WORDS.values(), SNAPSHOT_WORDS) or value


def removal_mode(value: object) -> object:
    """An ENT import's removal mode typed in French (``à chaque import``) as its id."""
    if not isinstance(value, str):
        return value
    return from_word(value, REMOVAL_WORDS.values(), REMOVAL_WORDS) or value
