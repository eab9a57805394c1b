"""The Monte Carlo summary."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # --- risk --------------------------------------------------------------------------------
    "risk.title": {
        "fr": "Risque — « {name} » : {n} réplications, graine {seed} (intervalles de confiance à {confidence} %) ; dates hors comptes de partants en attente de présuppression",
        "en": "Risk — '{name}': {n} replications, seed {seed} ({confidence}% confidence intervals); dates except departed accounts awaiting pre-delete",
    },
    "risk.never": {"fr": "jamais (dans la fenêtre)", "en": "never (in the window)"},
    "risk.laws": {
        "fr": "Tirages — retard médian, en jours travaillés : {late} ; oubli possible : "
        "{forgotten} (lois du scénario, « lateness » et « forget_probability », sinon celles "
        "par défaut de docs/scenario-format.md)",
        "en": "Draws — median lateness, in working days: {late}; possibly forgotten: "
        "{forgotten} (the scenario's laws, 'lateness' and 'forget_probability', else the "
        "defaults of docs/scenario-format.md)",
    },
    "risk.law_late": {"fr": "{operation} {days} j", "en": "{operation} {days} d"},
    "risk.law_forget": {"fr": "{operation} {share} %", "en": "{operation} {share}%"},
    "risk.law_none": {"fr": "aucun", "en": "none"},
    "risk.percentile_line": {
        "fr": "{name} : {when}   [IC : {low} – {high}]",
        "en": "{name}: {when}   [CI: {low} – {high}]",
    },
    "risk.wide_interval": {
        "fr": "l'intervalle de {name} est large : augmenter le nombre de réplications (-n)",
        "en": "the {name} interval is wide: raise the number of replications (-n)",
    },
    "risk.as_written": {
        "fr": "tel qu'écrit, sans rien tirer (ni retard, ni oubli, ni panne), comme `run` : {when}",
        "en": "as written, nothing drawn (no lateness, forgetting or failure), as `run` gives it: {when}",
    },
    "risk.never_share": {
        "fr": "jamais cohérent dans la fenêtre : {share} % des réplications",
        "en": "never consistent in the window: {share}% of the replications",
    },
    "risk.never_causes": {"fr": "ce qu'on y trouve : {causes}", "en": "what they show: {causes}"},
    "risk.curve_line": {
        "fr": "probabilité que l'annuaire soit juste le matin : {moments}",
        "en": "probability that the directory is right in the morning: {moments}",
    },
    "risk.moment_rentree": {"fr": "rentrée {share} %", "en": "rentrée {share}%"},
    "risk.moment_week": {"fr": "+7 j {share} %", "en": "+7 d {share}%"},
    "risk.moment_fortnight": {"fr": "+14 j {share} %", "en": "+14 d {share}%"},
    "risk.moment_month": {"fr": "+30 j {share} %", "en": "+30 d {share}%"},
    "risk.moment_end": {"fr": "fin {share} %", "en": "end {share}%"},
    "risk.criticality_title": {
        "fr": "Criticité : part des réplications où l'étape est sur la chaîne qui fixe la date du GAR (sur {n} réplications cohérentes)",
        "en": "Criticality: share of the replications where the step is on the chain that sets the GAR date (over {n} consistent replications)",
    },
    "risk.tornado_title": {
        "fr": "Tornade : P80 du GAR quand le retard d'une opération est à son 10e, 50e puis 90e centile",
        "en": "Tornado: GAR P80 with one operation's lateness at its 10th, 50th then 90th percentile",
    },
    "risk.tornado_reference": {
        "fr": "sur les {n} premières réplications (au moins 40, quel que soit -n, pour un P80 qui tienne), dont le P80 tel que tiré est {date} : c'est la référence des barres ci-dessous",
        "en": "on the first {n} replications (at least 40, whatever -n, for a P80 that holds), whose P80 as drawn is {date}: the bars below are read against it",
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
    "risk.stuck": {
        "fr": "manquants : {category}, arrêtés à {system}",
        "en": "missing: {category}, stopped at {system}",
    },
    "risk.stuck_nowhere": {
        "fr": "manquants : {category}, pas même dans {system}",
        "en": "missing: {category}, not even in {system}",
    },
    "risk.stale": {"fr": "périmés : {category}", "en": "stale: {category}"},
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
    "risk.cause_transition_after_rentree": {
        "fr": "transition de l'ENT après la rentrée",
        "en": "ENT transition after the rentrée",
    },
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
        "fr": "dossier où écrire risque.json, tirages.csv, courbe.csv et les images (avec --csv international : risk.json, replications.csv, curve.csv, curve.png, tornado.png)",
        "en": "folder to write risk.json, replications.csv, curve.csv and the pictures",
    },
    "cli.progress": {"fr": "Réplications", "en": "Replications"},
}
