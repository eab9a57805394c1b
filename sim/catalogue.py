"""Every user-facing message, French first, English beside it. Keys are stable identifiers."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # --- errors -------------------------------------------------------------------------
    "error.unknown_file": {"fr": "(scénario)", "en": "(scenario)"},
    "error.scenario_field": {
        "fr": "{file} : champ « {field} » : {rule}",
        "en": "{file}: field '{field}': {rule}",
    },
    "error.scenario_file": {"fr": "{file} : {rule}", "en": "{file}: {rule}"},
    "error.no_rentree": {
        "fr": "impossible de trouver la date de rentrée de la zone {zone} en {year}",
        "en": "cannot find the rentrée date of zone {zone} in {year}",
    },
    # --- scenario rules (validation messages) -----------------------------------------
    "rule.duration_format": {
        "fr": "durée invalide « {value} » (attendu par ex. 1j, 12h, 90min)",
        "en": "invalid duration '{value}' (expected e.g. 1d, 12h, 90min)",
    },
    "rule.duration_negative": {
        "fr": "la durée « {value} » est négative : un délai ne peut pas l'être",
        "en": "duration '{value}' is negative: a delay cannot be",
    },
    "rule.instant_format": {
        "fr": "date invalide « {value} » (attendu AAAA-MM-JJ ou AAAA-MM-JJ HH:MM)",
        "en": "invalid date '{value}' (expected YYYY-MM-DD or YYYY-MM-DD HH:MM)",
    },
    "rule.date_only": {
        "fr": "« {value} » : une date sans heure est attendue (AAAA-MM-JJ)",
        "en": "'{value}': a date without time is expected (YYYY-MM-DD)",
    },
    "rule.time_format": {
        "fr": "heure invalide « {value} » (attendu HH:MM)",
        "en": "invalid time '{value}' (expected HH:MM)",
    },
    "rule.weekday": {
        "fr": "jour de la semaine inconnu « {value} » (lundi … dimanche)",
        "en": "unknown weekday '{value}' (monday … sunday)",
    },
    "rule.shares_sum": {
        "fr": "les parts doivent faire 1 au total (ici {total})",
        "en": "shares must add up to 1 (here {total})",
    },
    "rule.new_divisions": {
        "fr": "{value} nouvelles divisions : plus que de divisions dans l'établissement",
        "en": "{value} new divisions: more than the établissement's divisions",
    },
    "rule.window_order": {
        "fr": "la fin de la fenêtre ({end}) doit suivre son début ({start})",
        "en": "the window's end ({end}) must come after its start ({start})",
    },
    "rule.operation_without_date": {
        "fr": "une opération doit avoir une date, ou « missing: true » si elle n'est pas faite",
        "en": "an operation needs a date, or 'missing: true' when it is not done",
    },
    "rule.shares_per_date": {
        "fr": "{shares} parts (share) pour {dates} dates : il faut une part par date, ou une seule",
        "en": "{shares} shares for {dates} dates: give one share per date, or a single one",
    },
    "rule.triangular": {
        "fr": "retard triangulaire : il faut min ≤ mode ≤ max (ici {min}, {mode}, {max})",
        "en": "triangular lateness: min ≤ mode ≤ max is required (here {min}, {mode}, {max})",
    },
    "rule.empirical_values": {
        "fr": "retard empirique : donner la liste des valeurs (values)",
        "en": "empirical lateness: give the list of values",
    },
    "rule.empirical_weights": {
        "fr": "retard empirique : un poids par valeur, de somme positive",
        "en": "empirical lateness: one weight per value, with a positive sum",
    },
    "rule.outside_window": {
        "fr": "la date {value} est hors de la fenêtre de simulation ({start} → {end})",
        "en": "date {value} is outside the simulation window ({start} → {end})",
    },
    "rule.extends_cycle": {
        "fr": "« extends » forme une boucle : {cycle}",
        "en": "'extends' forms a cycle: {cycle}",
    },
    "rule.extends_type": {
        "fr": "« extends » doit être un chemin de fichier (texte)",
        "en": "'extends' must be a file path (text)",
    },
    "rule.file_missing": {
        "fr": "fichier introuvable : {path}",
        "en": "file not found: {path}",
    },
    "rule.file_unreadable": {
        "fr": "fichier illisible : {reason}",
        "en": "unreadable file: {reason}",
    },
    "rule.yaml": {
        "fr": "YAML mal formé (ligne:colonne {line}) : {problem}",
        "en": "malformed YAML (line:column {line}): {problem}",
    },
    "rule.not_a_mapping": {
        "fr": "le fichier doit contenir un dictionnaire de clés (name, etablissement, …)",
        "en": "the file must hold a mapping of keys (name, etablissement, …)",
    },
    "rule.unknown_operation": {
        "fr": "opération inconnue « {name} » (connues : {allowed})",
        "en": "unknown operation '{name}' (known: {allowed})",
    },
    "rule.unknown_channel": {
        "fr": "canal inconnu « {name} » (connus : {allowed})",
        "en": "unknown channel '{name}' (known: {allowed})",
    },
    "rule.unknown_key": {
        "fr": "clé inconnue « {name} »",
        "en": "unknown key '{name}'",
    },
    "rule.required": {"fr": "champ obligatoire manquant", "en": "required field missing"},
    "rule.integer": {
        "fr": "nombre entier attendu (reçu {value!r})",
        "en": "whole number expected (got {value!r})",
    },
    "rule.number": {
        "fr": "nombre attendu (reçu {value!r})",
        "en": "number expected (got {value!r})",
    },
    "rule.boolean": {
        "fr": "true ou false attendu (reçu {value!r})",
        "en": "true or false expected (got {value!r})",
    },
    "rule.text": {"fr": "texte attendu (reçu {value!r})", "en": "text expected (got {value!r})"},
    "rule.text_empty": {"fr": "ce texte ne peut pas être vide", "en": "this text cannot be empty"},
    "rule.pattern": {
        "fr": "valeur {value!r} mal formée (format attendu : {expected})",
        "en": "malformed value {value!r} (expected format: {expected})",
    },
    "rule.choice": {
        "fr": "valeur {value!r} non permise (permises : {expected})",
        "en": "value {value!r} not allowed (allowed: {expected})",
    },
    "rule.at_least": {
        "fr": "valeur {value!r} trop petite (minimum {limit})",
        "en": "value {value!r} too small (minimum {limit})",
    },
    "rule.more_than": {
        "fr": "valeur {value!r} trop petite (doit dépasser {limit})",
        "en": "value {value!r} too small (must exceed {limit})",
    },
    "rule.at_most": {
        "fr": "valeur {value!r} trop grande (maximum {limit})",
        "en": "value {value!r} too large (maximum {limit})",
    },
    "rule.list": {"fr": "liste attendue", "en": "list expected"},
    "rule.mapping": {"fr": "dictionnaire de clés attendu", "en": "mapping of keys expected"},
    "rule.invalid": {"fr": "valeur invalide ({detail})", "en": "invalid value ({detail})"},
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
        "en": "affectation import",
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
    "channel.export_gar": {"fr": "export ENT → GAR", "en": "ENT → GAR export"},
    "weekday.mon": {"fr": "lun.", "en": "Mon"},
    "weekday.tue": {"fr": "mar.", "en": "Tue"},
    "weekday.wed": {"fr": "mer.", "en": "Wed"},
    "weekday.thu": {"fr": "jeu.", "en": "Thu"},
    "weekday.fri": {"fr": "ven.", "en": "Fri"},
    "weekday.sat": {"fr": "sam.", "en": "Sat"},
    "weekday.sun": {"fr": "dim.", "en": "Sun"},
    "format.day": {"fr": "{weekday} {date}", "en": "{weekday} {date}"},
    "format.instant": {"fr": "{day} {time}", "en": "{day} {time}"},
    # --- summary -------------------------------------------------------------------------
    "summary.title": {
        "fr": "Scénario « {name} » — {etab} (UAI {uai}), graine {seed}",
        "en": "Scenario '{name}' — {etab} (UAI {uai}), seed {seed}",
    },
    "summary.window": {
        "fr": "Rentrée : {rentree} · fenêtre du {start} au {end} · annuaire observé chaque jour à {time}",
        "en": "Rentrée: {rentree} · window {start} to {end} · directory observed daily at {time}",
    },
    "summary.legend": {
        "fr": "(« manq. / pér. » = faits manquants / faits périmés par rapport à la réalité)",
        "en": "('miss. / stale' = facts missing / facts stale against reality)",
    },
    "summary.never": {"fr": "jamais", "en": "never"},
    "summary.on_rentree": {"fr": "le jour de la rentrée", "en": "on the rentrée day"},
    "summary.after_rentree": {"fr": "rentrée + {days} j", "en": "rentrée + {days} d"},
    "summary.before_rentree": {
        "fr": "{days} j avant la rentrée",
        "en": "{days} d before the rentrée",
    },
    "summary.target_from": {
        "fr": "{target} : cohérent à partir du {when} ({delta})",
        "en": "{target}: consistent from {when} ({delta})",
    },
    "summary.target_never": {
        "fr": "{target} : JAMAIS cohérent dans la fenêtre (jusqu'au {end}) ; encore faux à la fin : {wrong}",
        "en": "{target}: NEVER consistent in the window (up to {end}); still wrong at the end: {wrong}",
    },
    "summary.wrong_item": {
        "fr": "{category} ({missing} manquants, {stale} périmés)",
        "en": "{category} ({missing} missing, {stale} stale)",
    },
    "summary.col_category": {"fr": "catégorie", "en": "category"},
    "summary.col_from": {"fr": "juste à partir du", "en": "right from"},
    "summary.col_rentree": {"fr": "rentrée manq./pér.", "en": "rentrée miss./stale"},
    "summary.col_week": {"fr": "rentrée+7 j manq./pér.", "en": "rentrée+7 d miss./stale"},
    "summary.chain_title": {
        "fr": "Dernière catégorie juste : {category}. Chaîne qui fixe la date :",
        "en": "Last category to be right: {category}. Chain that sets the date:",
    },
    "summary.chain_step": {
        "fr": "{n}. {actor} — {when}{landed} → {system} ({fact})",
        "en": "{n}. {actor} — {when}{landed} → {system} ({fact})",
    },
    "summary.chain_landed": {"fr": ", effectif le {when}", "en": ", effective {when}"},
    "summary.chain_outage": {
        "fr": ", après {count} passages manqués (panne)",
        "en": ", after {count} missed runs (outage)",
    },
    "summary.blocking_missing": {
        "fr": "Pourquoi jamais juste — {category} : par exemple {fact} manque ; il n'est allé que jusqu'à {system} :",
        "en": "Why never right — {category}: for example {fact} is missing; it got only as far as {system}:",
    },
    "summary.blocking_nowhere": {
        "fr": "Pourquoi jamais juste — {category} : par exemple {fact} manque et n'est entré dans aucun système",
        "en": "Why never right — {category}: for example {fact} is missing and entered no system",
    },
    "summary.blocking_stale": {
        "fr": "Pourquoi jamais juste — {category} : par exemple {fact} est périmé ; il est arrivé ainsi :",
        "en": "Why never right — {category}: for example {fact} is stale; it came this way:",
    },
    "summary.warnings": {"fr": "Avertissements ({count}) :", "en": "Warnings ({count}):"},
    "summary.no_warning": {"fr": "Aucun avertissement.", "en": "No warning."},
    "summary.warning_line": {"fr": "  ⚠ {when} — {message}", "en": "  ⚠ {when} — {message}"},
    "summary.cause_line": {"fr": "      pourquoi : {cause}", "en": "      why: {cause}"},
    "summary.infos": {"fr": "Pour information ({count}) :", "en": "For information ({count}):"},
    "summary.info_line": {"fr": "  · {when} — {message}", "en": "  · {when} — {message}"},
    # --- warnings: what happened ({count}, {actor}, {category}, {detail}) and why ----------
    "warning.missing": {
        "fr": "{actor} : opération jamais faite dans ce scénario",
        "en": "{actor}: operation never done in this scenario",
    },
    "cause.missing": {
        "fr": "tout ce qui dépend de cette opération ne peut pas arriver dans l'ENT ni le GAR",
        "en": "nothing that depends on this operation can reach the ENT or GAR",
    },
    "warning.refused": {
        "fr": "{actor} : refusée par l'application, car pas encore faite : {detail}",
        "en": "{actor}: refused by the application, not done yet: {detail}",
    },
    "cause.refused": {
        "fr": "l'application exige cette étape préalable (ordre du document de référence)",
        "en": "the application requires this earlier step (order of the reference document)",
    },
    "warning.order_broken": {
        "fr": "{actor} faite avant : {detail}",
        "en": "{actor} done before: {detail}",
    },
    "cause.order_broken": {
        "fr": "l'ordre recommandé n'est pas suivi : ce qui manquait à ce moment ne sera pas transmis",
        "en": "the recommended order is not followed: what was missing then is not passed on",
    },
    "warning.links_rejected": {
        "fr": "{count} liens élève → groupe rejetés à l'import dans SIECLE (« groupe inexistant »)",
        "en": "{count} student → group links rejected by SIECLE ('group does not exist')",
    },
    "cause.links_rejected": {
        "fr": "les groupes n'étaient pas encore arrivés de STS-WEB dans SIECLE : faire la remontée "
        "EDT → STS-WEB et attendre la copie (1 jour) avant d'exporter les liens ; voir "
        "Liaisons > Suivi des échanges > Erreurs import structure STS WEB",
        "en": "the groups had not yet reached SIECLE from STS-WEB: import EDT → STS-WEB and wait "
        "for the copy (1 day) before exporting the links",
    },
    "warning.links_replaced": {
        "fr": "{count} liens élève → groupe supprimés dans SIECLE par le nouvel import",
        "en": "{count} student → group links deleted in SIECLE by the new import",
    },
    "cause.links_replaced": {
        "fr": "l'import des liens remplace ceux des élèves du fichier (les liens saisis à la main "
        "dans SIECLE sont perdus)",
        "en": "the link import replaces the links of the file's students (links typed by hand "
        "in SIECLE are lost)",
    },
    "warning.links_without_students": {
        "fr": "{actor} : aucun élève dans le logiciel d'emploi du temps, aucun lien envoyé",
        "en": "{actor}: no student in the timetable software, no link sent",
    },
    "cause.links_without_students": {
        "fr": "l'export SIECLE → EDT doit précéder l'export des liens : pas d'élèves, pas de liens",
        "en": "the SIECLE → EDT export must come before the link export: no students, no links",
    },
    "warning.duplicates": {
        "fr": "{count} élèves recréés au lieu d'être transférés : doublons dans l'ENT",
        "en": "{count} students created instead of transferred: duplicates in the ENT",
    },
    "cause.duplicates": {
        "fr": "un élève déjà dans la base académique ne doit pas être recréé : il reçoit une "
        "seconde identité, l'ancien compte reste « disparu »",
        "en": "a student already in the académie base must not be recreated: they get a second "
        "identity, the old account stays 'disappeared'",
    },
    "warning.carried_groups": {
        "fr": "{count} groupes de l'an dernier reconduits à la bascule STS-WEB",
        "en": "{count} last year's groups carried over at the STS-WEB switch",
    },
    "cause.carried_groups": {
        "fr": "les groupes reconduits restent, périmés, dans STS-WEB, SIECLE, l'ENT et le GAR "
        "tant qu'ils ne sont pas supprimés (ne pas les reconduire s'ils sont gérés dans l'EDT)",
        "en": "carried-over groups stay, stale, in STS-WEB, SIECLE, the ENT and GAR until "
        "deleted (do not carry them over when the timetable software manages them)",
    },
    "warning.unmatched_services": {
        "fr": "{count} services non remontés dans STS-WEB (enseignant, division ou groupe non "
        "mis en concordance)",
        "en": "{count} services not sent to STS-WEB (teacher, division or group not matched)",
    },
    "cause.unmatched_services": {
        "fr": "seul ce que l'EDT a rapproché de STS-WEB remonte ; le reste est ignoré sans "
        "message : refaire l'export STS-WEB → EDT puis la remontée",
        "en": "only what the timetable software matched to STS-WEB goes up; the rest is "
        "silently ignored: redo the STS-WEB → EDT export then the import",
    },
    "warning.unmatched_groups": {
        "fr": "{count} groupes non remontés dans STS-WEB (division d'appartenance inconnue)",
        "en": "{count} groups not sent to STS-WEB (division of membership unknown)",
    },
    "cause.unmatched_groups": {
        "fr": "une division du groupe n'était pas dans l'export STS-WEB → EDT",
        "en": "one of the group's divisions was not in the STS-WEB → EDT export",
    },
    "warning.services_replaced": {
        "fr": "{count} services remplacés dans STS-WEB par la remontée de l'EDT",
        "en": "{count} services replaced in STS-WEB by the timetable import",
    },
    "cause.services_replaced": {
        "fr": "la remontée remplace les services des divisions et groupes du fichier (ceux "
        "reconduits de l'an dernier disparaissent)",
        "en": "the import replaces the services of the file's divisions and groups (last "
        "year's carried-over ones go)",
    },
    "warning.users_disappeared": {
        "fr": "{count} comptes ({category}) marqués disparus par un import complet de l'ENT",
        "en": "{count} accounts ({category}) marked disappeared by a full ENT import",
    },
    "cause.users_disappeared": {
        "fr": "un utilisateur absent d'un import complet est aussitôt exclu (et du GAR), puis "
        "supprimé après le délai de pré-suppression",
        "en": "a user missing from a full import is excluded at once (from GAR too), then "
        "deleted after the pre-delete delay",
    },
    "warning.empty_structures": {
        "fr": "{count} classes ou groupes sans aucun utilisateur : absents de l'ENT",
        "en": "{count} classes or groups without any user: absent from the ENT",
    },
    "cause.empty_structures": {
        "fr": "l'ENT supprime à chaque import les classes et groupes laissés sans utilisateur",
        "en": "the ENT deletes at each import the classes and groups left without users",
    },
    "warning.outage": {
        "fr": "{actor} : {count} passages manqués (panne)",
        "en": "{actor}: {count} runs missed (outage)",
    },
    "cause.outage": {
        "fr": "le traitement automatique ne tourne pas pendant la panne ; le passage suivant "
        "rattrape tout",
        "en": "the batch does not run during the outage; the next run catches up",
    },
    "warning.non_working_day": {
        "fr": "{actor} prévue un jour non ouvré ({detail})",
        "en": "{actor} planned on a non-working day ({detail})",
    },
    "cause.non_working_day": {
        "fr": "le secrétariat est fermé les week-ends et jours fériés : la date est-elle réaliste ?",
        "en": "the office is closed on weekends and public holidays: is this date realistic?",
    },
    "warning.never_consistent": {
        "fr": "{actor} jamais cohérent dans la fenêtre (en tête : {category})",
        "en": "{actor} never consistent in the window (first: {category})",
    },
    "cause.never_consistent": {
        "fr": "une opération manque, est refusée ou arrive trop tard : voir les avertissements "
        "ci-dessus",
        "en": "an operation is missing, refused or too late: see the warnings above",
    },
    "error.output": {
        "fr": "impossible d'écrire les résultats dans {path} : {reason}",
        "en": "cannot write the results to {path}: {reason}",
    },
    # --- command line ----------------------------------------------------------------------
    "cli.help": {
        "fr": "Simule la chaîne de l'annuaire de rentrée (STS-WEB, SIECLE, EDT, AAF, ENT, GAR) "
        "et prédit quand l'ENT et le GAR deviennent cohérents.",
        "en": "Simulates the rentrée directory chain (STS-WEB, SIECLE, EDT, AAF, ENT, GAR) and "
        "predicts when the ENT and GAR become consistent.",
    },
    "cli.run_help": {
        "fr": "Simule un scénario et affiche le résumé (ou le JSON).",
        "en": "Simulate a scenario and print the summary (or the JSON).",
    },
    "cli.validate_help": {
        "fr": "Vérifie un scénario : code 0 s'il est valide, sinon l'erreur et le code 2.",
        "en": "Check a scenario: exit 0 when valid, else the error and exit 2.",
    },
    "cli.schema_help": {
        "fr": "Affiche le schéma JSON du format de scénario (pour les éditeurs).",
        "en": "Print the JSON Schema of the scenario format (for editors).",
    },
    "cli.arg_scenario": {"fr": "fichier de scénario YAML", "en": "YAML scenario file"},
    "cli.opt_json": {
        "fr": "résultat JSON sur la sortie standard",
        "en": "machine-readable JSON on stdout",
    },
    "cli.opt_out": {
        "fr": "dossier où écrire events.csv, daily_state.csv, facts.csv et result.json",
        "en": "folder to write events.csv, daily_state.csv, facts.csv and result.json",
    },
    "cli.opt_seed": {
        "fr": "graine (remplace celle du scénario)",
        "en": "seed (overrides the scenario's)",
    },
    "cli.opt_lang": {"fr": "langue des messages : fr ou en", "en": "message language: fr or en"},
    "cli.bad_lang": {
        "fr": "langue inconnue « {lang} » (possibles : {allowed})",
        "en": "unknown language '{lang}' (possible: {allowed})",
    },
    "cli.invalid": {
        "fr": "Scénario invalide ({count} erreur(s)) :",
        "en": "Invalid scenario ({count} error(s)):",
    },
    "cli.valid": {
        "fr": "{file} : scénario valide (« {name} »).",
        "en": "{file}: valid scenario ('{name}').",
    },
    "cli.written": {"fr": "Résultats écrits : {files}", "en": "Results written: {files}"},
    "cli.plot_help": {
        "fr": "Dessine une image (PNG ou SVG selon l'extension de -o).",
        "en": "Draw a picture (PNG or SVG by the extension of -o).",
    },
    "cli.timeline_help": {
        "fr": "Chronologie : une ligne par système, les opérations (prévues et réelles), les traitements nocturnes, les dates de cohérence.",
        "en": "Timeline: one lane per system, operations (planned and actual), nightly batches, consistency dates.",
    },
    "cli.completeness_help": {
        "fr": "Courbes de complétude : part des faits justes dans l'ENT et le GAR, par catégorie, chaque jour.",
        "en": "Completeness curves: share of right facts in the ENT and GAR, per category, each day.",
    },
    "cli.graph_help": {
        "fr": "Graphe des dépendances de la chaîne, avec la chaîne qui fixe la date en rouge.",
        "en": "Dependency graph of the chain, with the chain that sets the date in red.",
    },
    "cli.compare_help": {
        "fr": "Compare les dates de cohérence de plusieurs scénarios.",
        "en": "Compare the consistency dates of several scenarios.",
    },
    "cli.arg_scenarios": {"fr": "fichiers de scénario YAML", "en": "YAML scenario files"},
    "cli.opt_output": {
        "fr": "fichier image à écrire (.png ou .svg)",
        "en": "picture file to write (.png or .svg)",
    },
    "cli.opt_target": {"fr": "cible : ent ou gar", "en": "target: ent or gar"},
    "cli.picture_written": {"fr": "Image écrite : {path}", "en": "Picture written: {path}"},
    "cli.opt_help": {"fr": "affiche cette aide", "en": "show this help"},
    "cli.panel_arguments": {"fr": "Arguments", "en": "Arguments"},
    "cli.panel_options": {"fr": "Options", "en": "Options"},
    "cli.panel_commands": {"fr": "Commandes", "en": "Commands"},
    "cli.panel_error": {"fr": "Erreur", "en": "Error"},
    "cli.default": {"fr": "[défaut : {{}}]", "en": "[default: {{}}]"},
    "cli.required": {"fr": "[obligatoire]", "en": "[required]"},
    "cli.interrupted": {"fr": "Interrompu.", "en": "Interrupted."},
    # --- pictures -------------------------------------------------------------------------
    "short.bascule_sts": {"fr": "bascule STS", "en": "STS switch"},
    "short.nomenclatures_academie": {"fr": "nomenclatures", "en": "nomenclatures"},
    "short.selection_nomenclatures": {"fr": "sélection nomencl.", "en": "nomencl. selection"},
    "short.profilage": {"fr": "profilage", "en": "profiling"},
    "short.verification_divisions": {"fr": "vérif. divisions", "en": "division check"},
    "short.export_structure_siecle": {"fr": "export structure", "en": "structure export"},
    "short.inscription_affectation": {"fr": "affectation", "en": "affectation"},
    "short.transferts": {"fr": "transferts", "en": "transfers"},
    "short.creation_eleves": {"fr": "créations", "en": "creations"},
    "short.export_sts_edt": {"fr": "STS → EDT", "en": "STS → EDT"},
    "short.export_siecle_edt": {"fr": "SIECLE → EDT", "en": "SIECLE → EDT"},
    "short.construction_edt": {"fr": "construction EDT", "en": "timetable built"},
    "short.import_sts_edt": {"fr": "EDT → STS", "en": "EDT → STS"},
    "short.export_liens_siecle": {"fr": "export liens", "en": "links export"},
    "short.sts_vers_siecle": {"fr": "copie structure", "en": "structure copy"},
    "short.activation_liens": {"fr": "activation liens", "en": "link activation"},
    "short.extraction_aaf": {"fr": "extraction AAF", "en": "AAF extraction"},
    "short.import_ent": {"fr": "import ENT", "en": "ENT import"},
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
    "plot.batch": {"fr": "passage d'un traitement nocturne", "en": "nightly batch run"},
    "plot.outage": {"fr": "passage manqué (panne)", "en": "missed run (outage)"},
    "plot.rule": {
        "fr": "rejets, remplacements, doublons",
        "en": "rejections, replacements, duplicates",
    },
    "plot.reality": {
        "fr": "changement réel saisi (arrivées, départs…)",
        "en": "real change entered (arrivals, departures…)",
    },
    "plot.reality_arrival": {"fr": "{count} arrivée(s)", "en": "{count} arrival(s)"},
    "plot.reality_departure": {"fr": "{count} départ(s)", "en": "{count} departure(s)"},
    "plot.reality_division_change": {
        "fr": "{count} chgt(s) de classe",
        "en": "{count} class change(s)",
    },
    "plot.reality_group_change": {
        "fr": "{count} chgt(s) de groupe",
        "en": "{count} group change(s)",
    },
    "plot.closed_days": {"fr": "week-ends et jours fériés", "en": "weekends and public holidays"},
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
        "fr": "Dépendances de la chaîne — en rouge, la chaîne qui fixe la date {target}",
        "en": "Chain dependencies — in red, the chain that sets the {target} date",
    },
    "plot.graph_operation": {"fr": "opération (manuelle)", "en": "operation (manual)"},
    "plot.graph_channel": {"fr": "traitement automatique", "en": "automatic batch"},
    "plot.graph_flow": {"fr": "données transmises", "en": "data passed on"},
    "plot.graph_order": {"fr": "ordre à respecter", "en": "order to follow"},
    "plot.graph_critical": {"fr": "chaîne qui fixe la date", "en": "chain that sets the date"},
    "plot.completeness_all": {
        "fr": "Part des faits justes par catégorie — {name}",
        "en": "Share of right facts by category — {name}",
    },
    "plot.category_right": {"fr": "catégorie juste à partir de", "en": "category right from"},
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
        "fr": "Dates de cohérence par scénario",
        "en": "Consistency dates by scenario",
    },
    "plot.never_short": {"fr": "jamais", "en": "never"},
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
    "report.days_after": {"fr": "rentrée + {days} jours", "en": "rentrée + {days} days"},
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
    # --- risk --------------------------------------------------------------------------------
    "risk.title": {
        "fr": "Risque — « {name} » : {n} réplications, graine {seed} (intervalles de confiance à {confidence} %)",
        "en": "Risk — '{name}': {n} replications, seed {seed} ({confidence} % confidence intervals)",
    },
    "risk.never": {"fr": "jamais (dans la fenêtre)", "en": "never (in the window)"},
    "risk.percentile_line": {
        "fr": "{name} : {when}   [IC : {low} – {high}]",
        "en": "{name}: {when}   [CI: {low} – {high}]",
    },
    "risk.wide_interval": {
        "fr": "l'intervalle de {name} est large : augmenter le nombre de réplications (-n)",
        "en": "the {name} interval is wide: raise the number of replications (-n)",
    },
    "risk.never_share": {
        "fr": "jamais cohérent dans la fenêtre : {share} % des réplications",
        "en": "never consistent in the window: {share} % of the replications",
    },
    "risk.never_causes": {"fr": "ce qu'on y trouve : {causes}", "en": "what they show: {causes}"},
    "risk.curve_line": {
        "fr": "probabilité que l'annuaire soit juste le matin : {moments}",
        "en": "probability that the directory is right in the morning: {moments}",
    },
    "risk.moment_rentree": {"fr": "rentrée {share} %", "en": "rentrée {share} %"},
    "risk.moment_week": {"fr": "+7 j {share} %", "en": "+7 d {share} %"},
    "risk.moment_fortnight": {"fr": "+14 j {share} %", "en": "+14 d {share} %"},
    "risk.moment_month": {"fr": "+30 j {share} %", "en": "+30 d {share} %"},
    "risk.moment_end": {"fr": "fin {share} %", "en": "end {share} %"},
    "risk.criticality_title": {
        "fr": "Criticité : part des réplications où l'étape est sur la chaîne qui fixe la date du GAR (sur {n} réplications cohérentes)",
        "en": "Criticality: share of the replications where the step is on the chain that sets the GAR date (over {n} consistent replications)",
    },
    "risk.tornado_title": {
        "fr": "Tornade : P80 du GAR quand le retard d'une opération est à son 10e, 50e puis 90e centile",
        "en": "Tornado: GAR P80 with one operation's lateness at its 10th, 50th then 90th percentile",
    },
    "risk.tornado_line": {
        "fr": "{operation} : {low} · {base} · {high}",
        "en": "{operation}: {low} · {base} · {high}",
    },
    "risk.tornado_idle": {
        "fr": "sans effet sur le P80 : {operations}",
        "en": "no effect on the P80: {operations}",
    },
    "risk.forgotten": {"fr": "oubli : {operation}", "en": "forgotten: {operation}"},
    "risk.cause_links_rejected": {
        "fr": "liens rejetés (groupes pas encore dans SIECLE)",
        "en": "links rejected (groups not yet in SIECLE)",
    },
    "risk.cause_links_without_students": {
        "fr": "liens sans élèves dans l'EDT",
        "en": "links with no students in EDT",
    },
    "risk.cause_missing": {"fr": "opération jamais faite", "en": "operation never done"},
    "risk.cause_refused": {"fr": "opération refusée", "en": "operation refused"},
    "risk.cause_duplicates": {"fr": "doublons d'élèves", "en": "student duplicates"},
    "risk.cause_carried_groups": {"fr": "groupes reconduits", "en": "carried-over groups"},
    "risk.cause_unmatched_services": {"fr": "services non remontés", "en": "services not sent"},
    "risk.cause_unmatched_groups": {"fr": "groupes non remontés", "en": "groups not sent"},
    "risk.cause_order_broken": {"fr": "ordre non respecté", "en": "order not followed"},
    "risk.cause_outage": {"fr": "traitement en panne", "en": "batch outage"},
    "risk.cause_non_working_day": {
        "fr": "opération un jour non ouvré",
        "en": "operation on a non-working day",
    },
    "cli.risk_help": {
        "fr": "Incertitude : dates P50/P80/P95, probabilité d'être juste chaque matin, criticité des étapes.",
        "en": "Uncertainty: P50/P80/P95 dates, probability of being right each morning, step criticality.",
    },
    "cli.opt_replications": {"fr": "nombre de réplications", "en": "number of replications"},
    "cli.opt_workers": {
        "fr": "processus en parallèle (défaut : les cœurs de la machine)",
        "en": "parallel processes (default: the machine's cores)",
    },
    "cli.opt_tornado": {
        "fr": "calcule aussi la tornade (plus long)",
        "en": "also compute the tornado (longer)",
    },
    "cli.opt_risk_out": {
        "fr": "dossier où écrire risk.json, replications.csv, curve.csv et les images",
        "en": "folder to write risk.json, replications.csv, curve.csv and the pictures",
    },
    "cli.progress": {"fr": "Réplications", "en": "Replications"},
    # --- compare and explain -------------------------------------------------------------
    "compare.title": {
        "fr": "Comparaison des dates de cohérence (référence : « {name} »)",
        "en": "Consistency dates compared (reference: '{name}')",
    },
    "compare.risk_title": {
        "fr": "Comparaison des percentiles (référence : « {name} », {n} réplications chacun)",
        "en": "Percentiles compared (reference: '{name}', {n} replications each)",
    },
    "compare.col_scenario": {"fr": "scénario", "en": "scenario"},
    "compare.col_diff": {"fr": "écart", "en": "diff."},
    "compare.never": {"fr": "jamais", "en": "never"},
    "compare.now_consistent": {"fr": "devient juste", "en": "becomes right"},
    "compare.never_share": {"fr": "jamais : {share} %", "en": "never: {share} %"},
    "explain.title": {"fr": "{fact} ({category}) le {when}", "en": "{fact} ({category}) on {when}"},
    "explain.truth_true": {
        "fr": "vrai dans la réalité à ce moment",
        "en": "true in reality at that time",
    },
    "explain.truth_false": {
        "fr": "pas (ou plus) vrai dans la réalité à ce moment",
        "en": "not (or no longer) true in reality at that time",
    },
    "explain.truth_stale": {
        "fr": "fait périmé : il n'est jamais vrai cette année",
        "en": "stale fact: never true this year",
    },
    "explain.since": {"fr": "depuis le {when} ({actor})", "en": "since {when} ({actor})"},
    "explain.from_start": {
        "fr": "depuis le début de la fenêtre",
        "en": "since the start of the window",
    },
    "explain.present": {"fr": "présent {since}", "en": "present {since}"},
    "explain.arrives": {
        "fr": "absent ; arrive le {when} ({actor})",
        "en": "absent; arrives {when} ({actor})",
    },
    "explain.never_arrives": {
        "fr": "absent ; n'arrive pas dans la fenêtre",
        "en": "absent; does not arrive in the window",
    },
    "explain.why": {"fr": "pourquoi pas plus loin : {reason}", "en": "why not further: {reason}"},
    "explain.stale": {
        "fr": "il ne devrait être nulle part : c'est un fait périmé",
        "en": "it should be nowhere: it is a stale fact",
    },
    "explain.not_started": {
        "fr": "il n'est pas encore dans {system}, où il est créé",
        "en": "it is not yet in {system}, where it is made",
    },
    "explain.rejected": {
        "fr": "rejeté par « {step} » le {when} (groupe inexistant dans SIECLE)",
        "en": "rejected by '{step}' on {when} (group not in SIECLE)",
    },
    "explain.not_run": {
        "fr": "« {step} » n'a pas eu lieu depuis son arrivée dans {system} le {when}",
        "en": "'{step}' has not happened since it reached {system} on {when}",
    },
    "explain.ends_missing": {
        "fr": "il manque dans {system} : {ends}",
        "en": "missing in {system}: {ends}",
    },
    "explain.on_its_way": {
        "fr": "en route par « {step} », arrive le {when}",
        "en": "on its way through '{step}', arrives {when}",
    },
    "explain.not_passed": {
        "fr": "« {step} » a eu lieu mais ne l'a pas transmis",
        "en": "'{step}' happened but did not pass it on",
    },
    "explain.unknown_fact": {
        "fr": "fait inconnu « {fact} » ; les plus proches : {close}",
        "en": "unknown fact '{fact}'; closest: {close}",
    },
    "explain.no_close": {"fr": "aucun", "en": "none"},
    "explain.category_title": {
        "fr": "{category} le {when}, système par système :",
        "en": "{category} on {when}, system by system:",
    },
    "explain.category_line": {
        "fr": "{system:<26} justes {correct:>6} · manquants {missing:>6} · périmés {stale:>5}",
        "en": "{system:<26} right {correct:>6} · missing {missing:>6} · stale {stale:>5}",
    },
    "explain.need_one": {"fr": "donner --fact ou --category", "en": "give --fact or --category"},
    "explain.bad_at": {
        "fr": "« {value} » : date attendue AAAA-MM-JJ ou AAAA-MM-JJ HH:MM, dans la fenêtre",
        "en": "'{value}': expected YYYY-MM-DD or YYYY-MM-DD HH:MM, inside the window",
    },
    "cli.compare_cmd_help": {
        "fr": "Compare les dates de plusieurs scénarios (ou leurs percentiles avec --risk).",
        "en": "Compare the dates of several scenarios (or their percentiles with --risk).",
    },
    "cli.explain_help": {
        "fr": "Explique où en est un fait (ou une catégorie) à une date, et pourquoi.",
        "en": "Explain where a fact (or a category) is at a date, and why.",
    },
    "cli.opt_fact": {
        "fr": "le fait, tel qu'écrit dans facts.csv (ex. « eleve:E00001 groupe:ANG_2NDB1_1 »)",
        "en": "the fact, as written in facts.csv (e.g. 'eleve:E00001 groupe:ANG_2NDB1_1')",
    },
    "cli.opt_category": {
        "fr": "une catégorie entière (ex. student_group)",
        "en": "a whole category (e.g. student_group)",
    },
    "cli.opt_at": {
        "fr": "date (à l'heure d'observation) ou date et heure",
        "en": "date (at the observation time) or date and time",
    },
    "cli.opt_risk": {
        "fr": "compare les percentiles (Monte Carlo)",
        "en": "compare percentiles (Monte Carlo)",
    },
    # --- plan -----------------------------------------------------------------------------
    "plan.title": {
        "fr": "Plan — « {name} » : ENT et GAR cohérents au plus tard le {target}",
        "en": "Plan — '{name}': ENT and GAR consistent by {target}",
    },
    "plan.line": {
        "fr": "prévue {planned} → au plus tard {proposed}",
        "en": "planned {planned} → latest {proposed}",
    },
    "plan.verified": {
        "fr": "Vérifié par simulation avec ce calendrier : {dates}",
        "en": "Checked by simulating this calendar: {dates}",
    },
    "plan.infeasible": {
        "fr": "Aucun calendrier n'atteint la cible. Calendrier prévu : {planned}. Au mieux (toutes les opérations avancées autant que la fenêtre le permet) : {best}",
        "en": "No calendar reaches the target. Planned calendar: {planned}. At best (every operation as early as the window allows): {best}",
    },
    "plan.confidence_ok": {
        "fr": "Confiance {confidence} % : marge de {margin} jour(s) ouvré(s) sur toutes les dates ; cible atteinte dans {probability} % de {n} réplications",
        "en": "Confidence {confidence} %: margin of {margin} working day(s) on every date; target met in {probability} % of {n} replications",
    },
    "plan.confidence_short": {
        "fr": "Confiance {confidence} % NON atteinte : même avec {margin} jour(s) ouvré(s) de marge, cible atteinte dans {probability} % de {n} réplications seulement (oublis et pannes possibles)",
        "en": "Confidence {confidence} % NOT reached: even with {margin} working day(s) of margin, target met in only {probability} % of {n} replications (forgetting and outages possible)",
    },
    "plan.scenario_name": {
        "fr": "{name} — calendrier proposé (cible {target})",
        "en": "{name} — proposed calendar (target {target})",
    },
    "plan.scenario_comment": {
        "fr": "Calendrier proposé par « rentree-sim plan » pour une cible au {target}.",
        "en": "Calendar proposed by 'rentree-sim plan' for a target on {target}.",
    },
    "cli.plan_help": {
        "fr": "Dates au plus tard de chaque opération pour que l'ENT et le GAR soient justes à une date cible.",
        "en": "Latest safe date of each operation for the ENT and GAR to be right by a target date.",
    },
    "cli.opt_target_date": {"fr": "date cible (AAAA-MM-JJ)", "en": "target date (YYYY-MM-DD)"},
    "cli.opt_confidence": {
        "fr": "niveau de confiance sous incertitude (ex. 0.8)",
        "en": "confidence level under uncertainty (e.g. 0.8)",
    },
    "cli.opt_write": {
        "fr": "écrit le calendrier proposé comme scénario (qui étend l'original)",
        "en": "write the proposed calendar as a scenario (extending the original)",
    },
    "cli.plan_written": {"fr": "Scénario écrit : {path}", "en": "Scenario written: {path}"},
}
