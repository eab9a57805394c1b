"""Messages of the académie commands: their summary, files and columns."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "academie.title": {
        "fr": "Académie « {name} » : {lycees} ({kinds}), rentrée le {rentree}",
        "en": "Académie '{name}': {lycees} ({kinds}), rentrée on {rentree}",
    },
    "academie.run_basis": {
        "fr": "Un calendrier par lycée (celui du fichier, sans tirage au sort) ; un lycée est "
        "compté juste hors comptes de partants en attente de présuppression.",
        "en": "One calendar per lycée (the file's, nothing drawn); a lycée counts as right "
        "apart from departed accounts awaiting pre-delete.",
    },
    "academie.right_mornings": {
        "fr": "lycées justes le matin : {moments}",
        "en": "lycées right in the morning: {moments}",
    },
    "academie.moment": {"fr": "{when} {share} % ({count})", "en": "{when} {share}% ({count})"},
    "academie.moment_rentree": {"fr": "rentrée", "en": "rentrée"},
    "academie.moment_days": {"fr": "+{days} j", "en": "+{days} d"},
    "academie.moment_end": {"fr": "fin", "en": "end"},
    "academie.by_line": {
        "fr": "justes pour de bon au plus tard le {by} : {lycees} sur {total} ({share} %)",
        "en": "right for good by {by}: {lycees} out of {total} ({share}%)",
    },
    "academie.bottlenecks_title": {
        "fr": "étape qui fixe la date (la dernière opération de la chaîne critique) :",
        "en": "step that sets the date (the last operation of the critical chain):",
    },
    "academie.bottleneck_line": {
        "fr": "{step:<55} {share:>3} % ({count})",
        "en": "{step:<55} {share:>3}% ({count})",
    },
    "academie.never_because": {"fr": "{step} : {causes}", "en": "{step}: {causes}"},
    "academie.with_transition": {
        "fr": "{step} (et la transition de l'ENT après la rentrée, qui l'a vidé)",
        "en": "{step} (and the ENT's transition after the rentrée, which emptied it)",
    },
    "academie.step_never": {
        "fr": "jamais juste dans la fenêtre",
        "en": "never right in the window",
    },
    "academie.step_none": {
        "fr": "aucune opération (juste sans attendre d'étape)",
        "en": "no operation (right without waiting for a step)",
    },
    "academie.outages": {
        "fr": "lycées qui attendent en plus un traitement en panne sur leur chaîne : {count}",
        "en": "lycées that also wait for a batch that was down on their chain: {count}",
    },
    "academie.ranking_title": {
        "fr": "Lycées à appeler d'abord (GAR juste le plus tard, ou jamais) :",
        "en": "Lycées to call first (GAR right last, or never):",
    },
    "academie.ranking_header": {
        "fr": "rang  UAI       lycée                                        type  GAR              "
        "ENT              étape qui fixe la date du GAR",
        "en": "rank  UAI       lycée                                        kind  GAR              "
        "ENT              step that sets the GAR's date",
    },
    "academie.ranking_more": {
        "fr": "… (les {shown} premiers ; les {count} dans le fichier des lycées écrit avec --out)",
        "en": "… (the first {shown}; all {count} in the lycées' file written with --out)",
    },
    "academie.never": {"fr": "jamais", "en": "never"},
    "academie.risk_basis": {
        "fr": "{n} réplications par lycée, graine {seed}, {failures} ; un lycée est compté "
        "juste hors comptes de partants en attente de présuppression.",
        "en": "{n} replications per lycée, seed {seed}, {failures}; a lycée counts as right "
        "apart from departed accounts awaiting pre-delete.",
    },
    "academie.failures_common": {
        "fr": "pannes des traitements communes à l'académie",
        "en": "batch failures common to the académie",
    },
    "academie.failures_independent": {
        "fr": "pannes des traitements tirées lycée par lycée",
        "en": "batch failures drawn lycée by lycée",
    },
    "academie.risk_mornings": {
        "fr": "part des lycées justes le matin [80 % des tirages] : {moments}",
        "en": "share of lycées right in the morning [80% of the draws]: {moments}",
    },
    "academie.risk_moment": {
        "fr": "{when} {share} % [{low} – {high} %]",
        "en": "{when} {share}% [{low} – {high}%]",
    },
    "academie.risk_by_line": {
        "fr": "nombre attendu de lycées justes pour de bon au plus tard le {by} : {expected} "
        "sur {total} (80 % des tirages entre {low} et {high})",
        "en": "expected number of lycées right for good by {by}: {expected} of {total} (80% "
        "of the draws between {low} and {high})",
    },
    "academie.risk_steps_title": {
        "fr": "étape qui fixe la date (part des lycées × tirages) :",
        "en": "step that sets the date (share of lycées × draws):",
    },
    "academie.risk_step_line": {"fr": "{step:<55} {share:>3} %", "en": "{step:<55} {share:>3}%"},
    "academie.risk_outages": {
        "fr": "dans {share} % des cas, un traitement en panne attendait en plus sur la chaîne.",
        "en": "in {share}% of the cases, a batch outage also delayed the chain.",
    },
    "academie.risk_ranking_title": {
        "fr": "Lycées à appeler d'abord (probabilité la plus faible que le GAR soit juste le "
        "{by}) :",
        "en": "Lycées to call first (lowest probability that the GAR is right on {by}):",
    },
    "academie.risk_deadline_even": {
        "fr": "tous les lycées ont la même probabilité ({share}) que le GAR soit juste le {by} : "
        "cette échéance ne les départage pas (le classement suit alors la part de « jamais » "
        "puis le P80) ; choisissez-en une autre avec --echeance",
        "en": "every lycée has the same probability ({share}) that the GAR is right on {by}: "
        "this deadline does not tell them apart (the ranking then follows the share of "
        "'never', then the P80); choose another one with --by",
    },
    "academie.risk_deadline_suggest": {
        "fr": "tous les lycées ont la même probabilité ({share}) que le GAR soit juste le {by} : "
        "cette échéance ne les départage pas (le classement suit alors la part de « jamais » "
        "puis le P80) ; une échéance au milieu des P50 du GAR des lycées, le {suggest}, les "
        "départagerait : --echeance {written}",
        "en": "every lycée has the same probability ({share}) that the GAR is right on {by}: "
        "this deadline does not tell them apart (the ranking then follows the share of "
        "'never', then the P80); a deadline in the middle of the lycées' GAR P50, {suggest}, "
        "would: --by {written}",
    },
    "academie.risk_ranking_header": {
        "fr": "rang  UAI       lycée                                        type  P(échéance) "
        "jamais  P80 du GAR       étape qui fixe la date du GAR",
        "en": "rank  UAI       lycée                                        kind  P(deadline) "
        "never   GAR's P80        step that sets the GAR's date",
    },
    "csv.{target}_by": {
        "fr": "{target} : probabilité juste à l'échéance",
        "en": "{target}: probability right by the deadline",
    },
    "csv.{target}_p50": {"fr": "{target} : P50", "en": "{target}: P50"},
    "csv.{target}_p80": {"fr": "{target} : P80", "en": "{target}: P80"},
    "csv.{target}_never": {
        "fr": "{target} : part jamais juste",
        "en": "{target}: share never right",
    },
    "csv.{target}_never_causes": {
        "fr": "{target} : pourquoi jamais juste",
        "en": "{target}: why never right",
    },
    "csv.{target}_step_share": {
        "fr": "{target} : part où cette étape fixe la date",
        "en": "{target}: share where this step sets the date",
    },
    "csv.{target}_expected": {"fr": "{target} : part attendue", "en": "{target}: expected share"},
    "csv.{target}_p10": {"fr": "{target} : P10", "en": "{target}: P10"},
    "csv.{target}_p90": {"fr": "{target} : P90", "en": "{target}: P90"},
    "cluster.scheme": {
        "fr": "ordonnanceur Dask « {address} » : adresse de la forme tcp://MACHINE:8786",
        "en": "Dask scheduler '{address}': an address such as tcp://HOST:8786",
    },
    "cluster.not_installed": {
        "fr": "le calcul sur un cluster Dask demande le module distributed : "
        "pip install 'rentree-sim[cluster]'",
        "en": "running on a Dask cluster needs the distributed module: "
        "pip install 'rentree-sim[cluster]'",
    },
    "cluster.unreachable": {
        "fr": "impossible de joindre l'ordonnanceur Dask à {address} : {reason}",
        "en": "cannot reach the Dask scheduler at {address}: {reason}",
    },
    "cluster.refused": {"fr": "connexion refusée", "en": "connection refused"},
    "cluster.silent": {
        "fr": "pas de réponse en {seconds:g} s",
        "en": "no answer within {seconds:g} s",
    },
    "cluster.no_workers": {
        "fr": "aucun travailleur n'est connecté à l'ordonnanceur {address} "
        "(lancer « dask worker {address} » sur les machines de calcul)",
        "en": "no worker is connected to the scheduler {address} "
        "(start 'dask worker {address}' on the computing machines)",
    },
    "cluster.worker_unfit": {
        "fr": "le travailleur {worker} n'a pas la même installation : {difference} ; installez "
        "la même version de rentree-sim partout",
        "en": "worker {worker} does not have the same installation: {difference}; install "
        "the same rentree-sim everywhere",
    },
    "cluster.workers_gone": {
        "fr": "plus aucun travailleur n'est connecté à l'ordonnanceur depuis une minute : le "
        "calcul s'arrête, rien n'est écrit",
        "en": "no worker has been connected to the scheduler for a minute: the work stops, "
        "nothing is written",
    },
    "cluster.lost": {
        "fr": "le cluster Dask a perdu le calcul ({reason}) : rien n'est écrit",
        "en": "the Dask cluster lost the work ({reason}): nothing is written",
    },
    "cluster.killed": {
        "fr": "un travailleur Dask est mort plusieurs fois sur la même tâche (n° {task}) : "
        "mémoire insuffisante ? voir le journal du travailleur ; rien n'est écrit",
        "en": "a Dask worker died several times on the same task (no. {task}): out of "
        "memory? see the worker's log; nothing is written",
    },
    "plot.academie_by": {"fr": "échéance", "en": "deadline"},
    "plot.academie_axis": {
        "fr": "part des lycées justes le matin",
        "en": "share of lycées right in the morning",
    },
    "plot.academie_run_title": {
        "fr": "Lycées justes chaque matin — {name}\n(un calendrier par lycée)",
        "en": "Lycées right each morning — {name}\n(one calendar per lycée)",
    },
    "plot.academie_risk_title": {
        "fr": "Lycées justes chaque matin — {name}\n({n} tirages par lycée ; bande : 80 % des "
        "tirages)",
        "en": "Lycées right each morning — {name}\n({n} draws per lycée; band: 80% of the draws)",
    },
    "plot.bottleneck_axis_drawn": {
        "fr": "part des lycées × tirages où l'étape fixe la date",
        "en": "share of lycées × draws where the step sets the date",
    },
    "plot.bottleneck_axis": {
        "fr": "part des lycées dont l'étape fixe la date",
        "en": "share of lycées whose date the step sets",
    },
    "plot.bottleneck_title": {
        "fr": "Étapes qui fixent la date — {target}",
        "en": "Steps that set the date — {target}",
    },
    "report.academie_title": {"fr": "{name}", "en": "{name}"},
    "report.academie_card_run": {
        "fr": "{target} : {count} lycées justes pour de bon le {by}, sur {total}",
        "en": "{target}: {count} lycées right for good on {by}, of {total}",
    },
    "report.academie_card_risk": {
        "fr": "{target} : nombre attendu de lycées justes le {by} : {expected} sur {total} "
        "(80 % des tirages entre {low} et {high})",
        "en": "{target}: expected number of lycées right on {by}: {expected} of {total} "
        "(80% of the draws between {low} and {high})",
    },
    "report.academie_curve": {
        "fr": "Part des lycées dont l'annuaire est juste chaque matin.",
        "en": "Share of the lycées whose directory is right each morning.",
    },
    "report.academie_steps": {
        "fr": "Étapes qui fixent la date du GAR : la dernière opération de la chaîne critique "
        "de chaque lycée.",
        "en": "Steps that set the GAR's date: the last operation of each lycée's critical chain.",
    },
    "report.academie_table": {
        "fr": "Lycées, du plus au moins à risque",
        "en": "Lycées, most at risk first",
    },
    "report.academie_table_note": {
        "fr": "En rouge : les lycées dont le GAR a moins d'une chance sur deux d'être juste à "
        "l'échéance (ou, sans tirage, qui ne le sont pas).",
        "en": "In red: the lycées whose GAR has less than an even chance of being right by "
        "the deadline (or, with no draw, that are not).",
    },
    "report.academie_pictures": {"fr": "Images", "en": "Pictures"},
    "report.column_by": {
        "fr": "chance d'être juste à l'échéance",
        "en": "chance of being right by the deadline",
    },
    "report.column_never": {"fr": "jamais juste", "en": "never right"},
    "report.column_p80": {"fr": "P80 du GAR", "en": "GAR's P80"},
    "report.column_gar": {"fr": "GAR juste le", "en": "GAR right on"},
    "report.column_ent": {"fr": "ENT juste le", "en": "ENT right on"},
    "report.column_step": {
        "fr": "étape qui fixe la date du GAR",
        "en": "step that sets the GAR's date",
    },
    "file.academie": {"fr": "academie.json", "en": "academie.json"},
    "file.schools": {"fr": "lycees.csv", "en": "schools.csv"},
    "file.academie_curve": {"fr": "courbe-academie.csv", "en": "academie-curve.csv"},
    "file.bottlenecks": {"fr": "goulots.csv", "en": "bottlenecks.csv"},
    "csv.rank": {"fr": "rang", "en": "rank"},
    "csv.uai": {"fr": "UAI", "en": "UAI"},
    "csv.school": {"fr": "lycée", "en": "lycée"},
    "csv.school_kind": {"fr": "type", "en": "kind"},
    "csv.students": {"fr": "élèves", "en": "students"},
    "csv.{target}_from": {"fr": "{target} juste le", "en": "{target} right from"},
    "csv.{target}_strict_from": {
        "fr": "{target} juste, comptes de partants compris, le",
        "en": "{target} right, departed accounts included, from",
    },
    "csv.{target}_step": {
        "fr": "{target} : étape qui fixe la date",
        "en": "{target}: step that sets the date",
    },
    "csv.{target}_outage": {
        "fr": "{target} : panne sur la chaîne",
        "en": "{target}: outage on the chain",
    },
    "csv.{target}_right": {"fr": "{target} : lycées justes", "en": "{target}: lycées right"},
    "csv.step": {"fr": "étape", "en": "step"},
    "csv.share": {"fr": "part", "en": "share"},
}
