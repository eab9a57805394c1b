"""The command line: help, messages, compare, explain, plan."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
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
        "fr": "dossier où écrire evenements.csv, etat-quotidien.csv, faits.csv et resultat.json (avec --csv international : events.csv, daily_state.csv, facts.csv, result.json)",
        "en": "folder to write events.csv, daily_state.csv, facts.csv and result.json",
    },
    "cli.opt_csv": {
        "fr": "forme des CSV : « excel » pour un tableur français (séparateur ;, UTF-8 avec BOM, en-têtes et valeurs en français, dates jj/mm/aaaa, virgule décimale, noms de fichiers en français) ou « international » pour les scripts (séparateur virgule, identifiants et noms de fichiers anglais, dates ISO)",
        "en": "CSV form: 'excel' for a spreadsheet (; separator, UTF-8 with BOM, headers, values and file names in the message language, dd/mm/yyyy dates, decimal comma) or 'international' for scripts (comma separator, English ids and file names, ISO dates)",
    },
    "cli.opt_seed": {
        "fr": "graine (remplace celle du scénario)",
        "en": "seed (overrides the scenario's)",
    },
    "cli.opt_lang": {
        "fr": "langue des messages : fr ou en (sinon la variable RENTREE_SIM_LANG)",
        "en": "message language: fr or en (else the variable RENTREE_SIM_LANG)",
    },
    "cli.bad_lang": {
        "fr": "langue inconnue « {lang} » (possibles : {allowed}) ; voir --lang et la variable {variable}",
        "en": "unknown language '{lang}' (possible: {allowed}); see --lang and the variable {variable}",
    },
    "cli.envvar": {"fr": "[variable : {{}}]", "en": "[variable: {{}}]"},
    "cli.opt_version": {
        "fr": "affiche la version et s'arrête",
        "en": "show the version and exit",
    },
    # metavars: what the help shows after an option, in place of a Python type
    "cli.mv_scenario": {"fr": "SCÉNARIO", "en": "SCENARIO"},
    "cli.mv_integer": {"fr": "ENTIER", "en": "INTEGER"},
    "cli.mv_number": {"fr": "NOMBRE", "en": "NUMBER"},
    "cli.mv_folder": {"fr": "DOSSIER", "en": "FOLDER"},
    "cli.mv_file": {"fr": "FICHIER", "en": "FILE"},
    "cli.mv_date": {"fr": "DATE", "en": "DATE"},
    "cli.mv_instant": {"fr": "DATE[THH:MM]", "en": "DATE[THH:MM]"},
    "cli.mv_fact": {"fr": "FAIT", "en": "FACT"},
    "cli.mv_category": {"fr": "CATÉGORIE", "en": "CATEGORY"},
    "cli.mv_share": {"fr": "PROBABILITÉ", "en": "PROBABILITY"},
    "cli.invalid_scenario": {
        "fr": "Scénario invalide ({count} erreurs) :",
        "fr_one": "Scénario invalide ({count} erreur) :",
        "en": "Invalid scenario ({count} errors):",
        "en_one": "Invalid scenario ({count} error):",
    },
    "cli.invalid_academie": {
        "fr": "Académie invalide ({count} erreurs) :",
        "fr_one": "Académie invalide ({count} erreur) :",
        "en": "Invalid académie ({count} errors):",
        "en_one": "Invalid académie ({count} error):",
    },
    "cli.more_errors": {
        "fr": "… et {count} autres erreurs, non montrées : corrigez d'abord celles-ci",
        "fr_one": "… et {count} autre erreur, non montrée : corrigez d'abord celles-ci",
        "en": "… and {count} more errors, not shown: fix these first",
        "en_one": "… and {count} more error, not shown: fix these first",
    },
    "cli.valid": {
        "fr": "{file} : scénario valide (« {name} »).",
        "en": "{file}: valid scenario ('{name}').",
    },
    "cli.written": {"fr": "Résultats écrits : {files}", "en": "Results written: {files}"},
    "cli.academie_help": {
        "fr": "Tous les lycées d'une académie à la fois (fichier d'académie YAML, ou tableau "
        "CSV d'un lycée par ligne).",
        "en": "Every lycée of an académie at once (YAML académie file, or a CSV table of one "
        "lycée per row).",
    },
    "cli.academie_validate_help": {
        "fr": "Vérifie un fichier d'académie et chacun de ses lycées : code 0 s'il est valide, "
        "sinon toutes les erreurs (lycée, ligne, champ) et le code 2.",
        "en": "Check an académie file and each of its lycées: exit 0 when valid, else every "
        "error (lycée, line, field) and exit 2.",
    },
    "cli.academie_schema_help": {
        "fr": "Affiche le schéma JSON du format d'académie (pour les éditeurs).",
        "en": "Print the JSON Schema of the académie format (for editors).",
    },
    "cli.arg_academie": {
        "fr": "fichier d'académie YAML, ou tableau CSV (un lycée par ligne)",
        "en": "YAML académie file, or CSV table (one lycée per row)",
    },
    "cli.mv_academie": {"fr": "ACADÉMIE", "en": "ACADEMIE"},
    "cli.opt_common": {
        "fr": "pour un CSV : le scénario que chaque lycée étend (sauf colonne « scenario »)",
        "en": "for a CSV: the scenario every lycée extends (unless a 'scenario' column)",
    },
    "cli.opt_academie_seed": {
        "fr": "pour un CSV : graine de l'académie (celle de chaque lycée en dérive avec son UAI)",
        "en": "for a CSV: the académie's seed (each lycée's derives from it and its UAI)",
    },
    "cli.academie_convert_help": {
        "fr": "Convertit un tableau CSV (un lycée par ligne) en fichier d'académie YAML, "
        "seulement s'il est entièrement valide.",
        "en": "Convert a CSV table (one lycée per row) into a YAML académie file, only when it "
        "is entirely valid.",
    },
    "cli.arg_csv": {
        "fr": "tableau CSV : uai;nom;type;eleves;… et une colonne par opération",
        "en": "CSV table: uai;nom;type;eleves;… and one column per operation",
    },
    "cli.opt_academie_output": {
        "fr": "fichier d'académie à écrire (.yaml)",
        "en": "académie file to write (.yaml)",
    },
    "cli.convert_not_csv": {
        "fr": "{path} : « convertir » lit un tableau CSV (.csv)",
        "en": "{path}: 'convertir' reads a CSV table (.csv)",
    },
    "cli.academie_exists": {
        "fr": "{path} existe déjà : la commande le remplacerait, avec ce que vous y avez changé "
        "à la main ; --remplacer pour le faire quand même, ou un autre nom avec -o",
        "en": "{path} already exists: the command would replace it, with what you changed in it "
        "by hand; --replace to do it anyway, or another name with -o",
    },
    "cli.opt_academie_replace": {
        "fr": "remplacer le fichier d'académie s'il existe (ce qui y a été changé à la main est "
        "perdu)",
        "en": "replace the académie file if it exists (what was changed in it by hand is lost)",
    },
    "cli.academie_converted": {
        "fr": "{path} écrit : {lycees}.",
        "en": "{path} written: {lycees}.",
    },
    "cli.academie_generate_help": {
        "fr": "Écrit une académie fictive (noms et UAI inventés, tailles tirées, calendriers "
        "répartis autour du scénario commun), pour les démonstrations et les mesures.",
        "en": "Write a fictional académie (made-up names and UAIs, drawn sizes, calendars "
        "spread around the common scenario), for demonstrations and benchmarks.",
    },
    "cli.opt_lycees": {"fr": "nombre de lycées", "en": "number of lycées"},
    "cli.opt_generate_common": {
        "fr": "le scénario commun que chaque lycée étend (écrit relatif au fichier produit)",
        "en": "the common scenario every lycée extends (written relative to the output file)",
    },
    "cli.generate_no_common": {
        "fr": "scénario commun introuvable : {path} ; indiquez-le avec --commun",
        "en": "common scenario not found: {path}; give it with --commun",
    },
    "cli.academie_generated": {
        "fr": "{path} écrit : {lycees} (fictifs, graine {seed}).",
        "en": "{path} written: {lycees} (fictional, seed {seed}).",
    },
    "cli.opt_generate_seed": {
        "fr": "graine du tirage (même graine, même fichier)",
        "en": "seed of the draw (same seed, same file)",
    },
    "cli.table_options_only": {
        "fr": "--commun et --graine ne servent qu'à lire un tableau CSV ; un fichier d'académie "
        "YAML les donne lui-même (clés « scenario » et « seed »)",
        "en": "--commun and --graine only serve to read a CSV table; a YAML académie file "
        "gives them itself ('scenario' and 'seed' keys)",
    },
    "cli.academie_run_help": {
        "fr": "Simule chaque lycée sur son propre calendrier : combien sont justes chaque "
        "matin, les étapes qui fixent la date, les lycées à appeler d'abord.",
        "en": "Simulate each lycée on its own calendar: how many are right each morning, the "
        "steps that set the date, the lycées to call first.",
    },
    "cli.academie_risk_help": {
        "fr": "Incertitude de toute l'académie : chaque lycée rejoué -n fois (mêmes graines "
        "qu'avec risk), la part des lycées justes chaque matin avec sa bande, le nombre attendu "
        "à l'échéance, les étapes qui fixent la date, les lycées à appeler d'abord.",
        "en": "Uncertainty of the whole académie: each lycée replayed -n times (the same seeds "
        "as risk), the share of lycées right each morning with its band, the number expected "
        "by the deadline, the steps that set the date, the lycées to call first.",
    },
    "cli.academie_report_help": {
        "fr": "Écrit la page de l'académie (un fichier HTML lisible sans connexion) : la part "
        "des lycées justes chaque matin, les étapes qui fixent la date, tous les lycées du plus "
        "au moins à risque.",
        "en": "Write the académie's page (an HTML file readable offline): the share of lycées "
        "right each morning, the steps that set the date, every lycée most at risk first.",
    },
    "cli.opt_one_calendar": {
        "fr": "un calendrier par lycée, sans tirage au sort (comme academie run) : plus rapide, "
        "sans incertitude",
        "en": "one calendar per lycée, nothing drawn (as academie run): faster, without "
        "uncertainty",
    },
    "cli.one_calendar_draws": {
        "fr": "--un-calendrier ne tire aucun calendrier au sort : -n et --seed n'y changent "
        "rien ; retirez-les, ou retirez --un-calendrier pour le tirage",
        "en": "--un-calendrier draws no calendar: -n and --seed change nothing there; remove "
        "them, or remove --un-calendrier for the draws",
    },
    "cli.opt_draw_seed": {
        "fr": "graine des tirages (celle de chaque lycée en dérive avec son UAI ; par défaut "
        "chaque lycée garde la sienne)",
        "en": "seed of the draws (each lycée's derives from it and its UAI; by default each "
        "lycée keeps its own)",
    },
    "cli.academie_too_many": {
        "fr": "{lycees} lycées × {n} réplications : trop pour garder chaque résultat ; au plus "
        "{limit} réplications pour cette académie",
        "en": "{lycees} lycées × {n} replications: too many to keep every result; at most "
        "{limit} replications for this académie",
    },
    "cli.opt_scheduler": {
        "fr": "adresse d'un ordonnanceur Dask (dask scheduler) : le calcul se répartit sur "
        "ses travailleurs (dask worker), avec le même résultat (par défaut : cette machine)",
        "en": "address of a Dask scheduler (dask scheduler): the work is spread over its "
        "workers (dask worker), with the same result (default: this machine)",
    },
    "cli.opt_academie_out": {
        "fr": "dossier où écrire academie.json, lycees.csv, courbe-academie.csv et goulots.csv "
        "(avec --csv international : academie.json, schools.csv, academie-curve.csv, "
        "bottlenecks.csv)",
        "en": "folder to write academie.json, lycees.csv, courbe-academie.csv and goulots.csv "
        "into (with --csv international: academie.json, schools.csv, academie-curve.csv, "
        "bottlenecks.csv)",
    },
    "cli.opt_strict": {
        "fr": "refuse aussi les avertissements (jour fermé, week-end…) : code 2",
        "en": "refuse warnings too (closed day, weekend…): exit 2",
    },
    "cli.strict_warnings": {
        "fr": "{count} avertissements et --strict : rien n'est fait.",
        "fr_one": "{count} avertissement et --strict : rien n'est fait.",
        "en": "{count} warnings and --strict: nothing done.",
        "en_one": "{count} warning and --strict: nothing done.",
    },
    "cli.academie_valid": {
        "fr": "{file} : académie valide (« {name} ») : {lycees} ({kinds}), rentrée le "
        "{rentree}, annuaire attendu juste le {by}.",
        "en": "{file}: valid académie ('{name}'): {lycees} ({kinds}), rentrée on "
        "{rentree}, directory expected right by {by}.",
    },
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
    # --- compare and explain -------------------------------------------------------------
    "compare.title": {
        "fr": "Comparaison des dates de cohérence (référence : « {name} »)",
        "en": "Consistency dates compared (reference: '{name}')",
    },
    "compare.risk_title": {
        "fr": "Comparaison des percentiles (référence : « {name} », {n} réplications chacun)",
        "en": "Percentiles compared (reference: '{name}', {n} replications each)",
    },
    "compare.except_departed": {
        "fr": "Dates de cohérence hors comptes de partants en attente de présuppression "
        "(celles qu'un calendrier déplace) :",
        "en": "Consistency dates except departed accounts awaiting pre-delete (the ones a "
        "calendar moves):",
    },
    "compare.strict": {
        "fr": "Dates de cohérence strictes (comptes de partants compris) :",
        "en": "Strict consistency dates (departed accounts included):",
    },
    "compare.col_scenario": {"fr": "scénario", "en": "scenario"},
    "compare.col_diff": {"fr": "écart", "en": "diff."},
    "compare.days": {"fr": "{days} j", "en": "{days} d"},
    "compare.never": {"fr": "jamais", "en": "never"},
    "compare.now_consistent": {"fr": "devient juste", "en": "becomes right"},
    "compare.never_share": {"fr": "jamais : {share} %", "en": "never: {share}%"},
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
    "explain.why_kept": {"fr": "pourquoi encore là : {reason}", "en": "why still there: {reason}"},
    "explain.category_departed": {
        "fr": " (dont {count} comptes de partants)",
        "en": " ({count} of them departed users)",
    },
    "explain.departed": {
        "fr": "comptes de partants, gardés par l'ENT jusqu'à la présuppression ({system} : {until})",
        "en": "departed users' accounts, kept by the ENT until the pre-delete ({system}: {until})",
    },
    "explain.departed_fact": {
        "fr": "{user} est parti : l'import de l'ENT l'a marqué disparu le {since} ; l'ENT garde "
        "son compte jusqu'à la présuppression, et ses classes et groupes tant qu'une transition "
        "d'année ne les vide pas ({until})",
        "en": "{user} has left: the ENT import marked it disappeared on {since}; the ENT keeps "
        "its account until the pre-delete, and its classes and groups as long as no year "
        "transition empties them ({until})",
    },
    "explain.departed_structure": {
        "fr": "ses seuls membres sont (ou étaient) des comptes de partants : l'ENT la garde "
        "jusqu'à la présuppression et l'import suivant ({until})",
        "en": "its only members are (or were) departed users: the ENT keeps it until the "
        "pre-delete and the next import ({until})",
    },
    "explain.in_system": {"fr": "{system} : ", "en": "{system}: "},
    "explain.removed_on": {
        "fr": "retiré le {when} par {step}",
        "en": "removed on {when} by {step}",
    },
    "explain.kept_past_window": {
        "fr": "encore là à la fin de la fenêtre",
        "en": "still there at the end of the window",
    },
    "explain.stale": {
        "fr": "il ne devrait être nulle part : c'est un fait périmé",
        "en": "it should be nowhere: it is a stale fact",
    },
    "explain.not_started": {
        "fr": "il n'est pas encore dans {system}, où il est créé",
        "en": "it is not yet in {system}, where it is made",
    },
    "explain.files_lack": {
        "fr": "absent de {system} dans les exports du lycée (lus le {when})",
        "en": "not in {system} in the lycée's exports (read on {when})",
    },
    "explain.rejected": {
        "fr": "rejeté par « {step} » le {when} (groupe inexistant dans SIECLE)",
        "en": "rejected by '{step}' on {when} (group not in SIECLE)",
    },
    "explain.not_run": {
        "fr": "« {step} » n'a pas eu lieu depuis son arrivée dans {system} le {when} (dernier passage : {last})",
        "en": "'{step}' has not happened since the fact reached {system} on {when} (last run: {last})",
    },
    "explain.down": {
        "fr": "« {step} » n'a pas tourné depuis son arrivée dans {system} le {when} : en panne lors de ses {count} passages prévus (du {first} au {latest})",
        "en": "'{step}' has not run since the fact reached {system} on {when}: down for all {count} runs scheduled since (from {first} to {latest})",
    },
    "explain.down_once": {
        "fr": "« {step} » n'a pas tourné depuis son arrivée dans {system} le {when} : en panne lors de son passage prévu le {first}",
        "en": "'{step}' has not run since the fact reached {system} on {when}: down for its scheduled run on {first}",
    },
    "explain.not_yet": {
        "fr": "« {step} » n'a pas encore eu lieu depuis son arrivée dans {system} le {when} : prochain passage le {next}",
        "en": "'{step}' has not run yet since the fact reached {system} on {when}: next run on {next}",
    },
    "explain.never_run": {
        "fr": "« {step} » n'a pas eu lieu depuis son arrivée dans {system} le {when}, ni avant : jamais fait",
        "en": "'{step}' has not happened since the fact reached {system} on {when}, nor before: never done",
    },
    "explain.on": {"fr": "le {when}", "en": "on {when}"},
    "explain.at_start": {"fr": "dès le début de la fenêtre", "en": "from the window's start"},
    "explain.end_not_run": {
        "fr": "{end} n'est pas dans {system} : arrivé dans {upstream} {since}, après le dernier « {step} » (le {last}), et aucun « {step} » depuis",
        "en": "{end} is not in {system}: it reached {upstream} {since}, after the last '{step}' ({last}), and no '{step}' since",
    },
    "explain.end_never_run": {
        "fr": "{end} n'est pas dans {system} : arrivé dans {upstream} {since}, mais « {step} » n'a jamais eu lieu",
        "en": "{end} is not in {system}: it reached {upstream} {since}, but '{step}' never happened",
    },
    "explain.end_not_passed": {
        "fr": "{end} n'est pas dans {system} : arrivé dans {upstream} {since} ; « {step} » a eu lieu depuis mais ne l'a pas transmis",
        "en": "{end} is not in {system}: it reached {upstream} {since}; '{step}' ran since but did not pass it on",
    },
    "explain.end_same_day": {
        "fr": "{end} n'est pas dans {system} : arrivé dans {upstream} {since} ; « {step} » a eu lieu le même jour, mais un export de SIECLE ne montre que ce qui a été saisi jusqu'à la veille, et aucun depuis",
        "en": "{end} is not in {system}: it reached {upstream} {since}; '{step}' ran the same day, but a SIECLE export shows only what was typed in up to the night before, and none since",
    },
    "explain.end_nowhere": {
        "fr": "{end} n'est pas dans {system} ni dans aucun système qui l'alimente",
        "en": "{end} is not in {system} nor in any system that feeds it",
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
    "explain.need_one": {"fr": "donnez --fact ou --category", "en": "give --fact or --category"},
    "plan.bad_target": {
        "fr": "« {value} » : date cible attendue AAAA-MM-JJ ou JJ/MM/AAAA (un jour, sans heure : la cible est le matin de ce jour)",
        "en": "'{value}': target date expected as YYYY-MM-DD or DD/MM/YYYY (a day, no time: the target is that day's morning)",
    },
    "plan.target_outside": {
        "fr": "la cible du {day} est hors de la fenêtre du scénario (du {start} au {end})",
        "en": "the target {day} is outside the scenario's window ({start} to {end})",
    },
    "explain.bad_at": {"fr": "--at : {reason}", "en": "--at: {reason}"},
    "explain.at_outside": {
        "fr": "--at : le {day} est hors de la fenêtre du scénario (du {start} au {end})",
        "en": "--at: {day} is outside the scenario's window ({start} to {end})",
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
        "fr": "le fait, tel qu'écrit dans faits.csv (ex. « eleve:E00001 groupe:ANG_2NDB1_1 »)",
        "en": "the fact, as written in facts.csv (e.g. 'eleve:E00001 groupe:ANG_2NDB1_1')",
    },
    "cli.opt_category": {
        "fr": "une catégorie entière (ex. eleve-groupe ou student_group)",
        "en": "a whole category (e.g. student_group)",
    },
    "cli.category_choices": {
        "fr": "classes, groupes, eleves, responsables, enseignants, eleve-classe, eleve-groupe, services, responsable-eleve ; ou les identifiants {ids}",
        "en": "{ids}",
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
        "fr": "Plan — « {name} » : ENT et GAR cohérents au plus tard le {target} (hors comptes de partants en attente de présuppression)",
        "en": "Plan — '{name}': ENT and GAR consistent by {target} (except departed accounts awaiting pre-delete)",
    },
    "plan.col_latest": {"fr": "au plus tard", "en": "latest"},
    "plan.col_operation": {"fr": "opération", "en": "operation"},
    "plan.col_planned": {"fr": "prévue", "en": "planned"},
    "plan.col_slack": {"fr": "marge", "en": "slack"},
    "plan.col_who": {"fr": "qui", "en": "who"},
    "plan.slack": {"fr": "{days} j", "en": "{days} d"},
    "plan.fixed": {"fr": "date fixée", "en": "fixed date"},
    "plan.not_needed": {"fr": "pas nécessaire pour la cible", "en": "not needed for the target"},
    "plan.not_needed_legend": {
        "fr": "(« pas nécessaire pour la cible » : la cible est tenue que l'opération soit faite "
        "ou non ; faite, c'est au plus tard, dans l'ordre du document, et --write l'écrit ainsi : "
        "{operations})",
        "en": "('not needed for the target': the target holds whether the operation is done or "
        "not; if it is done, then at the latest date, in the procedure's order, which is how "
        "--write writes it: {operations})",
    },
    "plan.to_add": {"fr": "à ajouter", "en": "to add"},
    "plan.useless": {"fr": "sans effet : à ne pas faire", "en": "no effect: skip it"},
    "plan.useless_legend": {
        "fr": "« sans effet » : à cette date l'opération est refusée ou ses données rejetées, et la retirer ne change aucune date : le calendrier proposé ne la garde pas.",
        "en": "'no effect': on that date the operation is refused or its data rejected, and leaving it out changes no date: the proposed calendar drops it.",
    },
    "plan.no_margin": {
        "fr": "Sans marge : « {operation} » au plus tard à la minute même de « {fixed} » (date fixée), qui exige qu'elle soit faite avant : le moindre retard fait refuser « {fixed} ».",
        "en": "No margin: '{operation}' at the latest at the very minute of '{fixed}' (a fixed date), which requires it done first: any delay has '{fixed}' refused.",
    },
    "plan.rentree_kept": {
        "fr": "Les dates au plus tard gardent l'ENT et le GAR du matin de la rentrée ({rentree}) aussi justes qu'avec le calendrier prévu, et les inscriptions d'élèves prévues avant la rentrée avant elle (--ignore-rentree pour ne viser que la cible).",
        "en": "The latest dates keep the ENT and GAR as right on the rentrée morning ({rentree}) as the planned calendar does, and keep before the rentrée the student enrolments planned before it (--ignore-rentree to aim at the target only).",
    },
    "plan.then": {"fr": " puis ", "en": " then "},
    "plan.added": {
        "fr": "Opérations à ajouter : les étapes du scénario n'atteignent pas la cible après les changements saisis jusqu'au {when} ; il faut refaire {operations} après eux.",
        "en": "Operations to add: the scenario's steps do not reach the target after the changes typed in up to {when}; {operations} must be done again after them.",
    },
    "plan.change_after_target": {
        "fr": "La cible précède des changements de la réalité saisis plus tard (le premier le {when}) : être juste de la cible à la fin de la fenêtre demande des exports après eux, que le plan ne propose pas ; visez une date après ces changements.",
        "en": "The target comes before changes of reality typed in later (the first on {when}): being right from the target to the end of the window needs exports after them, which the plan does not propose; aim at a date after these changes.",
    },
    "plan.forgotten": {
        "fr": "Opérations à ajouter : {operations} ; le scénario ne les fait pas (missing), et la cible n'est pas atteinte sans elles.",
        "fr_one": "Opération à ajouter : {operations} ; le scénario ne la fait pas (missing), et la cible n'est pas atteinte sans elle.",
        "en": "Operations to add: {operations}; the scenario leaves them out (missing), and the target is not met without them.",
        "en_one": "Operation to add: {operations}; the scenario leaves it out (missing), and the target is not met without it.",
    },
    "plan.forgotten_infeasible": {
        "fr": "Ces dates au mieux supposent aussi de faire ces opérations, que le scénario ne fait pas (missing) : {operations}.",
        "fr_one": "Ces dates au mieux supposent aussi de faire cette opération, que le scénario ne fait pas (missing) : {operations}.",
        "en": "These best dates also need these operations, which the scenario leaves out (missing): {operations}.",
        "en_one": "These best dates also need this operation, which the scenario leaves out (missing): {operations}.",
    },
    "plan.infeasible_added": {
        "fr": "Ces dates au mieux supposent de refaire {operations} après les changements saisis jusqu'au {when} (au plus tôt le {first}).",
        "en": "These best dates need {operations} done again after the changes typed in up to {when} (at the earliest on {first}).",
    },
    "plan.verified": {
        "fr": "Vérifié par simulation avec ce calendrier : {dates} ; aucune opération refusée, hors ordre ou un jour non travaillé.",
        "en": "Checked by simulating this calendar: {dates}; no operation refused, out of order or on a day off.",
    },
    "plan.rentree_worse": {
        "fr": "⚠ Aux dates au plus tard, l'ENT et le GAR seraient moins justes le matin de la rentrée qu'avec le calendrier prévu ({items}) : au plus tard n'est pas un conseil d'attendre.",
        "en": "⚠ At the latest dates, the ENT and GAR would be less right on the rentrée morning than with the planned calendar ({items}): latest is no advice to wait.",
    },
    "plan.rentree_item": {
        "fr": "{category} : {count} manquants au lieu de {planned}",
        "fr_one": "{category} : {count} manquant au lieu de {planned}",
        "en": "{category}: {count} missing instead of {planned}",
        "en_one": "{category}: {count} missing instead of {planned}",
    },
    "plan.strict": {
        "fr": "Dates strictes de ce calendrier (comptes de partants compris, retirés à la présuppression) : {dates}",
        "en": "Strict dates of this calendar (departed accounts included, removed at the pre-delete): {dates}",
    },
    "plan.not_verified": {
        "fr": "NON vérifié : la simulation de ce calendrier donne {dates}, avec ces avertissements :",
        "en": "NOT verified: simulating this calendar gives {dates}, with these warnings:",
    },
    "plan.warning_line": {"fr": "  ⚠ {when} — {message}", "en": "  ⚠ {when} — {message}"},
    "plan.legend": {
        "fr": "(marge : jours travaillés par le personnel, fermetures exclues, entre la date prévue et la date au plus tard ; négative, il faut avancer l'opération ; à la même heure, dans l'ordre du tableau)",
        "en": "(slack: staff working days, closures excluded, from the planned date to the latest one; when negative, the operation must be done earlier; operations at the same time are done in the order of the table)",
    },
    "role.direction": {"fr": "direction (proviseur adjoint)", "en": "deputy head"},
    "role.secretariat": {"fr": "secrétariat (scolarité)", "en": "school office"},
    "role.academie": {"fr": "académie", "en": "académie"},
    "role.operator": {"fr": "exploitant de l'ENT", "en": "ENT operator"},
    "plan.infeasible": {
        "fr": "Aucun calendrier n'atteint la cible. Calendrier prévu : {planned}. Au mieux (chaque opération du lycée au plus tôt que la chaîne et la fenêtre le permettent, dates fixées gardées) : {best}",
        "en": "No calendar reaches the target. Planned calendar: {planned}. At best (each of the lycée's operations as early as the chain and the window allow, fixed dates kept): {best}",
    },
    "plan.confidence_ok": {
        "fr": "Confiance {confidence} % : marge de {margin} jours travaillés sur toutes les dates ; cible atteinte dans {probability} % de {n} réplications",
        "fr_one": "Confiance {confidence} % : marge de {margin} jour travaillé sur toutes les dates ; cible atteinte dans {probability} % de {n} réplications",
        "en": "Confidence {confidence}%: margin of {margin} working days on every date; target met in {probability}% of {n} replications",
        "en_one": "Confidence {confidence}%: margin of {margin} working day on every date; target met in {probability}% of {n} replications",
        "by": "margin",
    },
    "plan.confidence_short": {
        "fr": "Confiance {confidence} % NON atteinte : même avec {margin} jours travaillés de marge, cible atteinte dans {probability} % de {n} réplications seulement (oublis et pannes possibles)",
        "fr_one": "Confiance {confidence} % NON atteinte : même avec {margin} jour travaillé de marge, cible atteinte dans {probability} % de {n} réplications seulement (oublis et pannes possibles)",
        "en": "Confidence {confidence}% NOT reached: even with {margin} working days of margin, target met in only {probability}% of {n} replications (forgetting and outages possible)",
        "en_one": "Confidence {confidence}% NOT reached: even with {margin} working day of margin, target met in only {probability}% of {n} replications (forgetting and outages possible)",
        "by": "margin",
    },
    "plan.margin_limit_chain": {
        "fr": "(avancé d'un jour de plus, le calendrier ne tient plus la cible même sans retard : une opération passerait avant une date fixée dont elle dépend, serait refusée ou laisserait le matin de la rentrée moins juste ; une cible plus tardive ou une date fixée plus tôt donnerait plus de marge)",
        "en": "(moved one more day earlier, the calendar no longer meets the target even with no delay: an operation would come before a fixed date it depends on, be refused, or leave the rentrée morning less right; a later target or an earlier fixed date would give more margin)",
    },
    "plan.margin_limit_window": {
        "fr": "(une marge plus grande avancerait une opération avant le début de la fenêtre du scénario)",
        "en": "(a larger margin would bring an operation before the start of the scenario's window)",
    },
    "plan.margin_limit_max": {
        "fr": "(la marge s'arrête à {limit} jours travaillés : la confiance demandée ne s'atteint qu'avec une cible plus tardive)",
        "en": "(the margin stops at {limit} working days: the confidence asked is reached only with a later target)",
    },
    "plan.scenario_name_confidence": {
        "fr": "{name} — calendrier proposé (cible {target}, confiance {confidence} %)",
        "en": "{name} — proposed calendar (target {target}, confidence {confidence}%)",
    },
    "plan.scenario_name_short": {
        "fr": "{name} — calendrier proposé (cible {target}, confiance {confidence} % non atteinte)",
        "en": "{name} — proposed calendar (target {target}, confidence {confidence}% not reached)",
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
    "cli.opt_ignore_rentree": {
        "fr": "dates au plus tard pour la seule cible, sans garder l'ENT et le GAR du matin de la rentrée tels que le calendrier prévu les donne",
        "en": "latest dates for the target only, without keeping the ENT and GAR of the rentrée morning as the planned calendar gives them",
    },
    "cli.opt_by": {
        "fr": "le jour où compter les lycées justes pour de bon (JJ/MM/AAAA) ; par défaut le "
        "« by » du fichier, sinon la rentrée + 7 jours",
        "en": "the day the lycées right for good are counted on (DD/MM/YYYY); by default the "
        "file's « by », else the rentrée + 7 days",
    },
    "cli.by_outside": {
        "fr": "--echeance : le {day} est hors de la fenêtre des lycées (du {start} au {end})",
        "en": "--echeance: {day} is outside the lycées' window ({start} to {end})",
    },
    "cli.opt_target_date": {
        "fr": "date cible (JJ/MM/AAAA ou AAAA-MM-JJ)",
        "en": "target date (DD/MM/YYYY or YYYY-MM-DD)",
    },
    "cli.opt_confidence": {
        "fr": "niveau de confiance sous incertitude de 0,01 à 0,99 (ex. 0,8 ou 80 %)",
        "en": "confidence level under uncertainty from 0.01 to 0.99 (e.g. 0.8 or 80%)",
    },
    "cli.opt_write": {
        "fr": "écrit le calendrier proposé comme scénario (qui étend l'original)",
        "en": "write the proposed calendar as a scenario (extending the original)",
    },
    "cli.plan_written": {"fr": "Scénario écrit : {path}", "en": "Scenario written: {path}"},
    "cli.opt_ics": {
        "fr": "écrit le plan en fichier iCalendar (.ics) à importer dans l'agenda",
        "en": "write the plan as an iCalendar file (.ics) to import into the agenda",
    },
    "cli.plan_nothing_written": {
        "fr": "Rien n'est écrit : aucun calendrier n'atteint la cible.",
        "en": "Nothing written: no calendar reaches the target.",
    },
    "cli.plan_ics_written": {"fr": "Agenda écrit : {path}", "en": "Agenda written: {path}"},
    "ics.name": {"fr": "Rentrée — {name}", "en": "Rentrée — {name}"},
    "ics.summary": {"fr": "Au plus tard : {operation}", "en": "Latest: {operation}"},
    "ics.description": {
        "fr": "Qui : {who}.\nDate prévue : {planned}{slack}.\nC'est la date au plus tard pour que l'ENT et le GAR soient justes le {target} (scénario « {name} », calcul rentree-sim ; {checked}).",
        "en": "Who: {who}.\nPlanned: {planned}{slack}.\nThis is the latest date for the ENT and GAR to be right on {target} (scenario '{name}', computed by rentree-sim; {checked}).",
    },
    "ics.slack": {
        "fr": " (marge : {slack} jours travaillés)",
        "fr_one": " (marge : {slack} jour travaillé)",
        "en": " (slack: {slack} working days)",
        "en_one": " (slack: {slack} working day)",
        "by": "slack",
    },
    "ics.checked": {"fr": "vérifié par simulation", "en": "checked by simulation"},
    "ics.not_confident": {
        "fr": "vérifié par simulation, mais le niveau de confiance demandé n'est pas atteint",
        "en": "checked by simulation, but the confidence level asked for is not reached",
    },
    "ics.not_checked": {
        "fr": "NON vérifié : la simulation de ce calendrier donne des avertissements",
        "en": "NOT verified: simulating this calendar gives warnings",
    },
    "cli.usage_missing": {
        "fr": "il manque {name}",
        "fr_one": "il manque {name}",
        "en": "{name} are missing",
        "en_one": "{name} is missing",
    },
    "cli.usage_no_option": {"fr": "option inconnue : {name}", "en": "unknown option: {name}"},
    "cli.usage_bad_value": {"fr": "valeur invalide pour {name}", "en": "invalid value for {name}"},
    "cli.usage_choices": {"fr": "(possibles : {choices})", "en": "(possible: {choices})"},
    "cli.usage_between": {"fr": "(de {low} à {high})", "en": "(from {low} to {high})"},
    "cli.usage_at_least": {"fr": "(au moins {low})", "en": "(at least {low})"},
    "cli.usage_at_most": {"fr": "(au plus {high})", "en": "(at most {high})"},
    "cli.usage_no_command": {
        "fr": "commande inconnue « {name} » (commandes : {commands})",
        "en": "unknown command '{name}' (commands: {commands})",
    },
    "cli.usage_extra": {
        "fr": "argument(s) en trop : {arguments} (un nom de fichier qui contient des espaces "
        "s'écrit entre guillemets)",
        "en": "unexpected extra argument(s): {arguments} (a file name with spaces goes "
        "between quotes)",
    },
    "cli.usage_needs_value": {
        "fr": "l'option {name} attend une valeur juste après elle",
        "en": "option {name} needs a value right after it",
    },
    "cli.usage_takes_no_value": {
        "fr": "l'option {name} ne prend pas de valeur : elle s'écrit seule",
        "en": "option {name} takes no value: it is written alone",
    },
    "cli.usage_other": {
        "fr": "commande mal formée : {message}",
        "en": "malformed command: {message}",
    },
    "cli.usage_hint": {"fr": "Aide : {command} --help", "en": "Help: {command} --help"},
}
