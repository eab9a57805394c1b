"""The run summary, and the warnings with their causes."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "academie.generated_by": {
        "fr": "Académie fictive écrite par « rentree-sim academie generer --lycees {count} "
        "--graine {seed} » :",
        "en": "Fictional académie written by 'rentree-sim academie generer --lycees {count} "
        "--graine {seed}':",
    },
    "academie.generated_fictional": {
        "fr": "les lycées, leurs noms et leurs UAI (numéros 9001 à 9999 de chaque département) "
        "sont inventés.",
        "en": "the lycées, their names and UAIs (numbers 9001 to 9999 of each département) "
        "are made up.",
    },
    "academie.generated_name": {
        "fr": "Académie fictive de Nouvelle-Aquitaine — rentrée {year} ({lycees}, graine {seed})",
        "en": "Fictional académie of Nouvelle-Aquitaine — rentrée {year} ({lycees}, seed {seed})",
    },
    "academie.one_lycee": {"fr": "1 lycée", "en": "1 lycée"},
    "academie.lycees": {"fr": "{count} lycées", "en": "{count} lycées"},
    "academie.generated_description": {
        "fr": "Lycées fictifs de 27 à 50 divisions (LGT, LPO, LP) : la moitié environ suit le "
        "calendrier commun, les autres à quelques jours travaillés près, et un sur dix environ "
        "exporte les liens élève → groupe deux à cinq semaines plus tard.",
        "en": "Fictional lycées of 27 to 50 divisions (LGT, LPO, LP): about half follow the "
        "common calendar, the others within a few working days, and about one in ten exports "
        "the student → group links two to five weeks later.",
    },
    "academie.converted_comment": {
        "fr": "Académie convertie depuis {source} par « rentree-sim academie convertir ».",
        "en": "Académie converted from {source} by 'rentree-sim academie convertir'.",
    },
    # --- output files (the local CSV form; the international one uses the English names) --
    "file.events": {"fr": "evenements.csv", "en": "events.csv"},
    "file.daily_state": {"fr": "etat-quotidien.csv", "en": "daily_state.csv"},
    "file.facts": {"fr": "faits.csv", "en": "facts.csv"},
    "file.result": {"fr": "resultat.json", "en": "result.json"},
    "file.risk": {"fr": "risque.json", "en": "risk.json"},
    "file.replications": {"fr": "tirages.csv", "en": "replications.csv"},
    "file.curve": {"fr": "courbe.csv", "en": "curve.csv"},
    "file.curve_picture": {"fr": "courbe.png", "en": "curve.png"},
    "file.tornado_picture": {"fr": "tornade.png", "en": "tornado.png"},
    "csv.yes": {"fr": "oui", "en": "yes"},
    "csv.no": {"fr": "non", "en": "no"},
    "csv.id": {"fr": "n°", "en": "no."},
    "csv.time": {"fr": "date et heure", "en": "date and time"},
    "csv.actor": {"fr": "acteur (identifiant)", "en": "actor (id)"},
    "csv.actor_label": {"fr": "acteur", "en": "actor"},
    "csv.kind": {"fr": "type", "en": "kind"},
    "csv.code": {"fr": "événement", "en": "event"},
    "csv.system": {"fr": "système", "en": "system"},
    "csv.category": {"fr": "catégorie", "en": "category"},
    "csv.count": {"fr": "nombre", "en": "count"},
    "csv.detail": {"fr": "détail", "en": "detail"},
    "csv.cause": {"fr": "cause (n°)", "en": "cause (no.)"},
    "csv.observation": {"fr": "observation", "en": "observation"},
    "csv.correct": {"fr": "justes", "en": "right"},
    "csv.missing": {"fr": "manquants", "en": "missing"},
    "csv.stale": {"fr": "périmés", "en": "stale"},
    "csv.consistent": {"fr": "cohérent", "en": "consistent"},
    "csv.departed": {"fr": "dont comptes de partants", "en": "of which departed accounts"},
    "csv.consistent_except_departed": {
        "fr": "cohérent hors comptes de partants",
        "en": "consistent except departed accounts",
    },
    "csv.target": {"fr": "cible", "en": "target"},
    "csv.fact": {"fr": "fait", "en": "fact"},
    "csv.first_correct": {"fr": "juste à partir du", "en": "right from"},
    "csv.replication": {"fr": "tirage", "en": "replication"},
    "csv.ent": {"fr": "ENT juste à partir du", "en": "ENT right from"},
    "csv.gar": {"fr": "GAR juste à partir du", "en": "GAR right from"},
    "csv.lateness_{operation}": {
        "fr": "retard (jours travaillés) : {operation}",
        "en": "lateness (working days): {operation}",
    },
    "csv.forgotten": {"fr": "opérations oubliées", "en": "forgotten operations"},
    "csv.warnings": {"fr": "avertissements", "en": "warnings"},
    "csv.date": {"fr": "date", "en": "date"},
    "csv.p_{target}": {
        "fr": "probabilité {target} juste",
        "en": "probability {target} right",
    },
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
    "summary.target_from_except_departed": {
        "fr": "{target} : cohérent à partir du {when} ({delta}), hors comptes de partants que l'ENT garde jusqu'à la présuppression, après la fin de la fenêtre (le {end}) : {count}",
        "en": "{target}: consistent from {when} ({delta}), except departed accounts the ENT keeps until the pre-delete, after the end of the window ({end}): {count}",
    },
    "summary.except_departed_from": {
        "fr": "  hors comptes de partants en attente de présuppression : cohérent à partir du {when} ({delta})",
        "en": "  except departed accounts awaiting pre-delete: consistent from {when} ({delta})",
    },
    "summary.except_departed_never": {
        "fr": "  hors comptes de partants en attente de présuppression : JAMAIS cohérent dans la fenêtre",
        "en": "  except departed accounts awaiting pre-delete: NEVER consistent in the window",
    },
    "summary.unseen_gap": {
        "fr": "  ⚠ mais vide entre deux observations, du {start} au {end} : la transition d'année "
        "après la rentrée (voir les avertissements)",
        "en": "  ⚠ but empty between two observations, from {start} to {end}: the year "
        "transition after the rentrée (see the warnings)",
    },
    "summary.departed_ent": {
        "fr": "  comptes de partants en attente de présuppression : {rentree} à la rentrée, {week} une semaine après ; {gone}",
        "en": "  departed accounts awaiting pre-delete: {rentree} at the rentrée, {week} a week later; {gone}",
    },
    "summary.departed_gar": {
        "fr": "  licences GAR occupées par des élèves partis : {rentree} à la rentrée, {week} une semaine après ; {gone}",
        "en": "  GAR licences taken by departed students: {rentree} at the rentrée, {week} a week later; {gone}",
    },
    "summary.wrong_item_date": {"fr": "{category} {when}", "en": "{category} {when}"},
    "summary.departed_gone_ent": {
        "fr": "plus aucun à partir du {when}",
        "en": "none left from {when}",
    },
    "summary.departed_gone_gar": {
        "fr": "toutes libérées à partir du {when}",
        "en": "all freed from {when}",
    },
    "summary.list_separator": {"fr": " ; ", "en": "; "},
    "summary.departed_stay": {
        "fr": "encore {count} à la fin de la fenêtre",
        "en": "still {count} at the end of the window",
    },
    "summary.departed_categories": {
        "fr": "  hors comptes de partants, juste à partir du : {items}",
        "en": "  except departed accounts, right from: {items}",
    },
    "summary.chain_title_except_departed": {
        "fr": "Hors comptes de partants, dernière catégorie juste : {category}. Chaîne qui fixe la date :",
        "en": "Except departed accounts, last category to be right: {category}. Chain that sets the date:",
    },
    "summary.target_never": {
        "fr": "{target} : JAMAIS cohérent dans la fenêtre (jusqu'au {end}) ; à la fin, {share} des faits justes ({right} sur {total}) ; encore faux : {wrong}",
        "en": "{target}: NEVER consistent in the window (up to {end}); at the end, {share} of the facts right ({right} of {total}); still wrong: {wrong}",
    },
    "summary.wrong_title": {
        "fr": "Pourquoi jamais juste — {category} ({count} faux à la fin) :",
        "en": "Why never right — {category} ({count} wrong at the end):",
    },
    "summary.wrong_group": {
        "fr": "• {count} faux{ends}, par exemple {example} : {cause}",
        "en": "• {count} wrong{ends}, for example {example}: {cause}",
    },
    "summary.wrong_more": {
        "fr": "• et {count} autres faux, en {groups} autres groupes (autre cause ou autre date)",
        "en": "• and {count} more wrong, in {groups} other groups (another cause or date)",
    },
    "summary.wrong_ends": {"fr": " ({count} {category})", "en": " ({count} {category})"},
    "summary.example_chain": {
        "fr": "chemin de {fact} jusqu'à {system} :",
        "en": "path of {fact} up to {system}:",
    },
    "summary.wrong_item": {
        "fr": "{category} (manquants : {missing}, périmés : {stale})",
        "en": "{category} (missing: {missing}, stale: {stale})",
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
        "fr_one": ", après {count} passage manqué (panne)",
        "en": ", after {count} missed runs (outage)",
        "en_one": ", after {count} missed run (outage)",
    },
    "summary.warnings": {"fr": "Avertissements ({count}) :", "en": "Warnings ({count}):"},
    "summary.no_warning": {"fr": "Aucun avertissement.", "en": "No warnings."},
    "summary.undated": {"fr": "tout le calendrier", "en": "whole calendar"},
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
        "fr": "{actor} : opération refusée par l'application, car pas encore faite : {detail}",
        "en": "{actor}: refused by the application, not done yet: {detail}",
    },
    "cause.refused": {
        "fr": "l'application exige cette étape préalable (ordre du document de référence)",
        "en": "the application requires this earlier step (order of the reference document)",
    },
    "warning.order_broken": {
        "fr": "{actor} : opération faite avant {detail} (ordre recommandé non suivi)",
        "en": "{actor}: operation done before {detail} (recommended order not followed)",
    },
    "cause.order_broken": {
        "fr": "l'ordre recommandé n'est pas suivi : ce qui manquait à ce moment ne sera pas transmis",
        "en": "the recommended order is not followed: what was missing then is not passed on",
    },
    "warning.links_rejected": {
        "fr": "{count} liens élève → groupe rejetés à l'import dans SIECLE (« groupe inexistant »)",
        "fr_one": "{count} lien élève → groupe rejeté à l'import dans SIECLE (« groupe inexistant »)",
        "en": "{count} student → group links rejected by SIECLE ('group does not exist')",
        "en_one": "{count} student → group link rejected by SIECLE ('group does not exist')",
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
        "fr_one": "{count} élève recréé au lieu d'être transféré : doublon dans l'ENT",
        "en": "{count} students created instead of transferred: duplicates in the ENT",
        "en_one": "{count} student created instead of transferred: a duplicate in the ENT",
    },
    "cause.duplicates": {
        "fr": "un élève déjà dans la base académique ne doit pas être recréé : il reçoit une "
        "seconde identité, l'ancien compte reste « disparu »",
        "en": "a student already in the académie base must not be recreated: they get a second "
        "identity, the old account stays 'disappeared'",
    },
    "warning.carried_groups": {
        "fr": "{count} groupes de l'an dernier reconduits à la bascule STS-WEB",
        "en": "{count} of last year's groups carried over at the STS-WEB switch",
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
        "fr": "{count} comptes ({category}) marqués disparus par l'import de l'ENT",
        "fr_one": "{count} compte ({category}) marqué disparu par l'import de l'ENT",
        "en": "{count} accounts ({category}) marked disappeared by the ENT import",
        "en_one": "{count} account ({category}) marked disappeared by the ENT import",
    },
    "cause.users_disappeared": {
        "fr": "un utilisateur absent de l'import est marqué disparu ; l'ENT le garde avec ses "
        "classes et groupes (et l'exporte au GAR) jusqu'à la présuppression",
        "en": "a user missing from the import is marked disappeared; the ENT keeps it with "
        "its classes and groups (and exports it to GAR) until the pre-delete",
    },
    "warning.users_removed": {
        "fr": "{count} comptes ({category}) retirés de l'ENT par l'import qui suit une extraction complète",
        "fr_one": "{count} compte ({category}) retiré de l'ENT par l'import qui suit une extraction complète",
        "en": "{count} accounts ({category}) removed from the ENT by the import after a full extraction",
        "en_one": "{count} account ({category}) removed from the ENT by the import after a full extraction",
    },
    "cause.users_removed": {
        "fr": "réglage « sur extraction complète » : un utilisateur absent de l'annuaire part, avec "
        "ses liens, à l'import qui suit l'extraction complète (et du GAR à l'export suivant)",
        "en": "'full extraction' setting: a user missing from the directory leaves, with its "
        "links, at the import after the full extraction (and GAR at the next export)",
    },
    "warning.users_restored": {
        "fr": "{count} comptes ({category}) rétablis : de nouveau dans l'import de l'ENT",
        "fr_one": "{count} compte ({category}) rétabli : de nouveau dans l'import de l'ENT",
        "en": "{count} accounts ({category}) restored: back in the ENT import",
        "en_one": "{count} account ({category}) restored: back in the ENT import",
    },
    "cause.users_restored": {
        "fr": "un utilisateur marqué disparu qui revient dans les fichiers de l'annuaire "
        "retrouve son compte",
        "en": "a user marked disappeared who is back in the directory files gets its account back",
    },
    "warning.users_pre_deleted": {
        "fr": "{count} comptes ({category}) de partants présupprimés : retirés de l'ENT (et des "
        "classes et groupes où ils étaient encore), puis du GAR à son export suivant",
        "fr_one": "{count} compte ({category}) de partant présupprimé : retiré de l'ENT (et des "
        "classes et groupes où il était encore), puis du GAR à son export suivant",
        "en": "{count} departed accounts ({category}) pre-deleted: out of the ENT (and of the "
        "classes and groups they were still in), then out of GAR at its next export",
        "en_one": "{count} departed account ({category}) pre-deleted: out of the ENT (and of the "
        "classes and groups it was still in), then out of GAR at its next export",
    },
    "cause.users_pre_deleted": {
        "fr": "la présuppression quotidienne de l'ENT retire les comptes disparus depuis le "
        "délai réglé",
        "en": "the ENT's daily pre-delete removes the accounts disappeared for the set delay",
    },
    "warning.accounts_deleted": {
        "fr": "{count} comptes ({category}) supprimés définitivement",
        "fr_one": "{count} compte ({category}) supprimé définitivement",
        "en": "{count} accounts ({category}) deleted for good",
        "en_one": "{count} account ({category}) deleted for good",
    },
    "cause.accounts_deleted": {
        "fr": "un compte présupprimé est supprimé après le second délai",
        "en": "a pre-deleted account is deleted after the second delay",
    },
    "warning.transition": {
        "fr": "transition d'année dans l'ENT : {count} classes, groupes et appartenances supprimés",
        "en": "ENT year transition: {count} classes, groups and memberships deleted",
    },
    "cause.transition": {
        "fr": "la transition vide la structure de l'ENT ; l'import suivant la reconstruit à "
        "partir des fichiers de l'annuaire",
        "en": "the transition empties the ENT's structure; the next import rebuilds it from "
        "the directory files",
    },
    "warning.platform_missing": {
        "fr": "{actor} : pas faite dans ce scénario",
        "en": "{actor}: not done in this scenario",
    },
    "cause.platform_missing": {
        "fr": "sans transition d'année, les partants restent dans les classes et groupes de "
        "l'an dernier de l'ENT et du GAR jusqu'à la présuppression",
        "en": "without a year transition, leavers stay in last year's classes and groups of "
        "the ENT and GAR until the pre-delete",
    },
    "warning.missing_covered": {
        "fr": "{actor} : pas faite dans ce scénario (la copie automatique STS-WEB → SIECLE "
        "apporte la structure quand même)",
        "en": "{actor}: not done in this scenario (the automatic STS-WEB → SIECLE copy brings "
        "the structure anyway)",
    },
    "cause.missing_covered": {
        "fr": "la copie automatique STS-WEB → SIECLE apporte quand même les divisions et les "
        "groupes à SIECLE, plus tard",
        "en": "the automatic STS-WEB → SIECLE copy brings the classes and groups to SIECLE "
        "anyway, later",
    },
    "warning.transition_after_rentree": {
        "fr": "transition d'année après la rentrée : l'ENT n'a plus aucune classe ni aucun "
        "groupe jusqu'au {ent_back}{gar}",
        "en": "year transition after the rentrée: the ENT has no class or group until "
        "{ent_back}{gar}",
    },
    "summary.gar_empty": {
        "fr": " ; le GAR n'en a aucun du {start} au {end}",
        "en": "; GAR has none from {start} to {end}",
    },
    "cause.transition_after_rentree": {
        "fr": "la transition vide la structure de l'ENT ; seul l'import de la nuit suivante "
        "la reconstruit : la faire avant la rentrée, un soir ou un week-end",
        "en": "the transition empties the ENT's structure; only the next night's import "
        "rebuilds it: do it before the rentrée, an evening or a weekend",
    },
    "summary.end_of_window": {"fr": "la fin de la fenêtre", "en": "the end of the window"},
    "warning.departed_beyond_window": {
        "fr": "{actor} : {count} comptes de partants encore présents à la fin de la fenêtre",
        "en": "{actor}: {count} departed accounts still there at the end of the window",
    },
    "cause.departed_beyond_window": {
        "fr": "l'ENT garde les comptes des partants jusqu'à la présuppression, après la fin "
        "de la fenêtre ; tout le reste est juste",
        "en": "the ENT keeps departed users' accounts until the pre-delete, after the end of "
        "the window; everything else is right",
    },
    "warning.empty_structures": {
        "fr": "classes ou groupes sans aucun utilisateur, donc absents de l'ENT : {count}",
        "en": "classes or groups without any user, hence absent from the ENT: {count}",
    },
    "cause.empty_structures": {
        "fr": "l'ENT supprime à chaque import les classes et groupes laissés sans utilisateur",
        "en": "the ENT deletes at each import the classes and groups left without users",
    },
    "warning.outage": {
        "fr": "{actor} : {count} passages manqués (panne)",
        "fr_one": "{actor} : {count} passage manqué (panne)",
        "en": "{actor}: {count} runs missed (outage)",
        "en_one": "{actor}: {count} run missed (outage)",
    },
    "cause.outage": {
        "fr": "le traitement automatique ne tourne pas pendant la panne ; le passage suivant "
        "rattrape tout",
        "en": "the batch does not run during the outage; the next run catches up",
    },
    "warning.non_working_day": {
        "fr": "{actor} : opération prévue un jour non travaillé ({detail})",
        "en": "{actor}: operation planned on a day off ({detail})",
    },
    "cause.non_working_day": {
        "fr": "le personnel ne travaille pas ce jour-là (jour non travaillé, férié ou fermeture de l'établissement) : la date est-elle réaliste ?",
        "en": "the staff do not work that day (day off, public holiday or closure): is this date realistic?",
    },
    "warning.never_consistent": {
        "fr": "{actor} jamais cohérent dans la fenêtre (en tête : {category})",
        "en": "{actor} never consistent in the window (first: {category})",
    },
    "cause.never_consistent": {
        "fr": "des faits restent faux jusqu'à la fin de la fenêtre ; leur cause est donnée sous la cible, catégorie par catégorie",
        "en": "facts stay wrong up to the end of the window; their cause is given under the target, category by category",
    },
    "cause.never_consistent_first": {
        "fr": "{count} {category} faux, par exemple {example} : {cause}",
        "en": "{count} {category} wrong, for example {example}: {cause}",
    },
    "error.output": {
        "fr": "impossible d'écrire les résultats dans {path} : {reason}",
        "en": "cannot write the results to {path}: {reason}",
    },
}

# the singular of messages of any part that count something, where a count of 0 or 1 can
# come (a probe read « 0 groupes »): French takes it for 0 and 1, English for 1; added to
# their entries once the parts are merged (sim.catalogue)
SINGULARS: dict[str, tuple[str, str]] = {
    "warning.links_replaced": (
        "{count} lien élève → groupe supprimé dans SIECLE par le nouvel import",
        "{count} student → group link deleted in SIECLE by the new import",
    ),
    "warning.carried_groups": (
        "{count} groupe de l'an dernier reconduit à la bascule STS-WEB",
        "{count} of last year's groups carried over at the STS-WEB switch",
    ),
    "warning.unmatched_services": (
        "{count} service non remonté dans STS-WEB (enseignant, division ou groupe non mis en "
        "concordance)",
        "{count} service not sent to STS-WEB (teacher, division or group not matched)",
    ),
    "warning.unmatched_groups": (
        "{count} groupe non remonté dans STS-WEB (division d'appartenance inconnue)",
        "{count} group not sent to STS-WEB (division of membership unknown)",
    ),
    "warning.services_replaced": (
        "{count} service remplacé dans STS-WEB par la remontée de l'EDT",
        "{count} service replaced in STS-WEB by the timetable import",
    ),
    "warning.transition": (
        "transition d'année dans l'ENT : {count} classe, groupe ou appartenance supprimé",
        "ENT year transition: {count} class, group or membership deleted",
    ),
    "warning.departed_beyond_window": (
        "{actor} : {count} compte de partant encore présent à la fin de la fenêtre",
        "{actor}: {count} departed account still there at the end of the window",
    ),
    "explain.category_departed": (
        " (dont {count} compte de partant)",
        " ({count} of them a departed user)",
    ),
    "report.academie_card_run": (
        "{target} : {count} lycée juste pour de bon le {by}, sur {total}",
        "{target}: {count} lycée right for good on {by}, of {total}",
    ),
    "diagnosis.more": ("… et {count} autre", "… and {count} more"),
    "cli.import_guardians": ("{count} responsable légal", "{count} legal guardian"),
    "summary.wrong_more": (
        "• et {count} autre faux, en {groups} autres groupes (autre cause ou autre date)",
        "• and {count} more wrong, in {groups} other groups (another cause or date)",
    ),
}
