"""Picture labels and the HTML report."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # --- pictures -------------------------------------------------------------------------
    "short.bascule_sts": {"fr": "bascule STS", "en": "STS switch"},
    "short.nomenclatures_academie": {"fr": "nomenclatures", "en": "nomenclatures"},
    "short.selection_nomenclatures": {"fr": "sélection nomencl.", "en": "nomencl. selection"},
    "short.profilage": {"fr": "profilage", "en": "profiling"},
    "short.verification_divisions": {"fr": "vérif. divisions", "en": "division check"},
    "short.export_structure_siecle": {"fr": "export structure", "en": "structure export"},
    "short.inscription_affectation": {"fr": "affectation", "en": "assignments"},
    "short.transferts": {"fr": "transferts", "en": "transfers"},
    "short.creation_eleves": {"fr": "créations", "en": "creations"},
    "short.export_sts_edt": {"fr": "STS → EDT", "en": "STS → EDT"},
    "short.export_siecle_edt": {"fr": "SIECLE → EDT", "en": "SIECLE → EDT"},
    "short.construction_edt": {"fr": "construction EDT", "en": "timetable built"},
    "short.import_sts_edt": {"fr": "EDT → STS", "en": "EDT → STS"},
    "short.export_liens_siecle": {"fr": "export liens", "en": "links export"},
    "short.transition_ent": {"fr": "transition ENT", "en": "ENT transition"},
    "short.sts_vers_siecle": {"fr": "copie structure", "en": "structure copy"},
    "short.activation_liens": {"fr": "activation liens", "en": "link activation"},
    "short.extraction_aaf": {"fr": "extraction AAF", "en": "AAF extraction"},
    "short.import_ent": {"fr": "import ENT", "en": "ENT import"},
    "short.import_edt_ent": {"fr": "import EDT → ENT", "en": "EDT → ENT import"},
    "short.presuppression_ent": {"fr": "présuppression ENT", "en": "ENT pre-delete"},
    "short.export_gar": {"fr": "export GAR", "en": "GAR export"},
    "plot.timeline_title": {"fr": "Chronologie — {name}", "en": "Timeline — {name}"},
    "plot.rentree": {"fr": "rentrée ({date})", "en": "rentrée ({date})"},
    "plot.consistent": {"fr": "{target} cohérent ({date})", "en": "{target} consistent ({date})"},
    "plot.never": {"fr": "{target} : jamais cohérent", "en": "{target}: never consistent"},
    "plot.done": {"fr": "opération faite", "en": "operation done"},
    "plot.late": {
        "fr": "faite en retard (cercle : date prévue)",
        "en": "done late (circle: planned date)",
    },
    "plot.missing": {"fr": "jamais faite", "en": "never done"},
    "plot.refused": {"fr": "refusée par l'application", "en": "refused by the application"},
    "plot.batch": {"fr": "nuit où un traitement a transmis", "en": "night a batch carried changes"},
    "plot.outage": {"fr": "passage manqué (panne)", "en": "missed run (outage)"},
    "plot.rule": {
        "fr": "rejets, remplacements, doublons",
        "en": "rejections, replacements, duplicates",
    },
    "plot.reality": {
        "fr": "changement réel saisi (arrivées, départs…)",
        "en": "real change entered (arrivals, departures…)",
    },
    "plot.reality_arrival": {
        "fr": "{count} arrivées",
        "fr_one": "{count} arrivée",
        "en": "{count} arrivals",
        "en_one": "{count} arrival",
    },
    "plot.files": {"fr": "état lu dans les exports", "en": "state read in the exports"},
    "plot.reality_departure": {
        "fr": "{count} départs",
        "fr_one": "{count} départ",
        "en": "{count} departures",
        "en_one": "{count} departure",
    },
    "plot.reality_division_change": {
        "fr": "{count} chgts de classe",
        "fr_one": "{count} chgt de classe",
        "en": "{count} class changes",
        "en_one": "{count} class change",
    },
    "plot.reality_group_change": {
        "fr": "{count} chgts de groupe",
        "fr_one": "{count} chgt de groupe",
        "en": "{count} group changes",
        "en_one": "{count} group change",
    },
    "plot.closed_days": {
        "fr": "lycée fermé (week-ends, jours fériés, fermetures)",
        "en": "lycée closed (weekends, public holidays, closures)",
    },
    "plot.school_holidays": {
        "fr": "vacances scolaires (zone {zone})",
        "en": "school holidays (zone {zone})",
    },
    "plot.completeness_title": {
        "fr": "{target} — part des faits justes",
        "en": "{target} — share of right facts",
    },
    "plot.share_axis": {"fr": "faits réels présents", "en": "real facts present"},
    "plot.stale_legend": {
        "fr": "pointillés : part de périmés dans ce qui est affiché",
        "en": "dotted: share of stale among what is shown",
    },
    "plot.graph_title": {
        "fr": "Dépendances de la chaîne — {name} — en rouge, la chaîne qui fixe la date {target}",
        "en": "Chain dependencies — {name} — in red, the chain that sets the {target} date",
    },
    "chain.delay": {"fr": "+{amount} {unit}", "en": "+{amount} {unit}"},
    "chain.unit_j": {"fr": "j", "en": "d"},
    "chain.unit_h": {"fr": "h", "en": "h"},
    "chain.unit_min": {"fr": "min", "en": "min"},
    "chain.scheduled": {"fr": "{at}, {delay}", "en": "{at}, {delay}"},
    "chain.continuous": {"fr": "en continu, {delay}", "en": "continuous, {delay}"},
    "plot.graph_operation": {"fr": "opération (manuelle)", "en": "operation (manual)"},
    "plot.graph_channel": {"fr": "traitement automatique", "en": "automatic batch"},
    "plot.graph_flow": {"fr": "données transmises", "en": "data passed on"},
    "plot.graph_order": {"fr": "ordre à respecter", "en": "order to follow"},
    "plot.graph_critical": {"fr": "chaîne qui fixe la date", "en": "chain that sets the date"},
    "plot.completeness_all": {
        "fr": "Part des faits justes par catégorie — {name}",
        "en": "Share of right facts by category — {name}",
    },
    "plot.category_right": {
        "fr": "date où la catégorie devient juste",
        "en": "date the category becomes right",
    },
    "plot.rentree_short": {"fr": "rentrée", "en": "rentrée"},
    "plot.risk_axis": {
        "fr": "probabilité d'être juste le matin",
        "en": "probability of being right in the morning",
    },
    "plot.risk_title": {
        "fr": "Probabilité que l'annuaire soit juste — {name} ({n} réplications)",
        "en": "Probability that the directory is right — {name} ({n} replications)",
    },
    "plot.tornado_axis": {"fr": "écart au P80 du GAR (jours)", "en": "shift of the GAR P80 (days)"},
    "plot.tornado_title": {
        "fr": "Tornade : effet du retard de chaque opération (10e → 90e centile)",
        "en": "Tornado: effect of each operation's lateness (10th → 90th percentile)",
    },
    "plot.compare_title": {
        "fr": "Dates de cohérence par scénario (hors comptes de partants en attente de présuppression)",
        "en": "Consistency dates by scenario (except departed accounts awaiting pre-delete)",
    },
    "plot.never_short": {"fr": "jamais", "en": "never"},
    "plot.never_zone": {
        "fr": "jamais cohérent dans la fenêtre simulée (jusqu'au {end})",
        "en": "never consistent in the simulated window (until {end})",
    },
    "plot.break_weeks": {"fr": "{weeks} sem. sans opération", "en": "{weeks} wk without operation"},
    "plot.break_legend": {
        "fr": "axe interrompu : semaines sans opération, non à l'échelle",
        "en": "axis break: weeks without any operation, not to scale",
    },
    "cli.opt_from": {
        "fr": "premier jour montré (JJ/MM/AAAA ou AAAA-MM-JJ ; par défaut : toute la fenêtre, "
        "les semaines de rentrée en grand)",
        "en": "first day shown (DD/MM/YYYY or YYYY-MM-DD; default: the whole window, "
        "the rentrée weeks large)",
    },
    "cli.opt_to": {
        "fr": "dernier jour montré, inclus (JJ/MM/AAAA ou AAAA-MM-JJ)",
        "en": "last day shown, included (DD/MM/YYYY or YYYY-MM-DD)",
    },
    "plot.bad_day": {
        "fr": "{option} : « {value} » n'est pas une date (JJ/MM/AAAA ou AAAA-MM-JJ)",
        "en": "{option}: '{value}' is not a date (DD/MM/YYYY or YYYY-MM-DD)",
    },
    "plot.day_outside": {
        "fr": "{option} {day} : hors de la fenêtre simulée (du {start} au {end}) ; "
        "choisir une date dans cette fenêtre",
        "en": "{option} {day}: outside the simulated window ({start} to {end}); "
        "choose a date in that window",
    },
    "plot.days_reversed": {
        "fr": "--du {first} est après --au {last} : la période affichée serait vide "
        "(--du doit précéder --au ou lui être égal)",
        "en": "--du {first} is after --au {last}: the period shown would be empty "
        "(--du must come before --au or equal it)",
    },
    "plot.date_axis": {"fr": "date", "en": "date"},
    "plot.bad_format": {
        "fr": "format d'image inconnu « {suffix} » pour {path} : utiliser .png ou .svg",
        "en": "unknown picture format '{suffix}' for {path}: use .png or .svg",
    },
    # --- HTML report ---------------------------------------------------------------------
    "report.title": {"fr": "Rapport rentree-sim — {name}", "en": "rentree-sim report — {name}"},
    "report.seed": {"fr": "graine {seed}", "en": "seed {seed}"},
    "report.never": {
        "fr": "jamais cohérent dans la fenêtre",
        "en": "never consistent in the window",
    },
    "report.days_after": {
        "fr": "rentrée + {days} jours",
        "fr_one": "rentrée + {days} jour",
        "en": "rentrée + {days} days",
        "en_one": "rentrée + {days} day",
        "by": "days",
    },
    "report.headline_except": {
        "fr": "hors comptes de partants en attente de présuppression",
        "en": "except departed accounts awaiting pre-delete",
    },
    "report.strict_date": {
        "fr": "date stricte, comptes de partants compris : {when}",
        "en": "strict date, departed accounts included: {when}",
    },
    "plot.consistent_except_departed": {
        "fr": "{target} hors partants ({date})",
        "en": "{target} except departed ({date})",
    },
    "report.col_end": {"fr": "fin de fenêtre manq./pér.", "en": "end of window miss./stale"},
    "report.warnings": {"fr": "Avertissements ({count})", "en": "Warnings ({count})"},
    "report.col_when": {"fr": "quand", "en": "when"},
    "report.col_what": {"fr": "quoi", "en": "what"},
    "report.col_why": {"fr": "pourquoi", "en": "why"},
    "report.pictures": {"fr": "Images", "en": "Pictures"},
    "report.fig_timeline": {
        "fr": "Chronologie : une ligne par système ; opérations (cercle vide : date prévue), traitements nocturnes, règles appliquées, dates de cohérence.",
        "en": "Timeline: one lane per system; operations (hollow circle: planned date), nightly batches, rules applied, consistency dates.",
    },
    "report.fig_completeness": {
        "fr": "Complétude : part des faits réels présents dans l'ENT et le GAR, par catégorie ; pointillés : part de périmés.",
        "en": "Completeness: share of the real facts present in the ENT and GAR, per category; dotted: share of stale facts.",
    },
    "report.fig_graph": {
        "fr": "Dépendances de la chaîne ; en rouge, la chaîne qui fixe la date du GAR.",
        "en": "Chain dependencies; in red, the chain that sets the GAR date.",
    },
    "report.fig_compare": {
        "fr": "Comparaison des dates de cohérence avec les scénarios de référence.",
        "en": "Consistency dates compared with the reference scenarios.",
    },
    "report.footer": {
        "fr": "Produit par rentree-sim {version}.",
        "en": "Made by rentree-sim {version}.",
    },
    "cli.report_help": {
        "fr": "Écrit un rapport HTML autonome (résumé, tableaux, avertissements, images).",
        "en": "Write a self-contained HTML report (summary, tables, warnings, pictures).",
    },
    "cli.opt_report": {"fr": "fichier HTML à écrire", "en": "HTML file to write"},
    "cli.opt_compare": {
        "fr": "autre scénario à comparer (répétable ; par défaut : ceux qu'il étend)",
        "en": "other scenario to compare (repeatable; default: those it extends)",
    },
    "cli.report_written": {"fr": "Rapport écrit : {path}", "en": "Report written: {path}"},
}
