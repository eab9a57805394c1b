"""Hostile input and outputs: reading files, YAML, limits, calendar habits, writing files."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "error.file_line": {"fr": "{file}, ligne {line}", "en": "{file}, line {line}"},
    # --- reading a file -----------------------------------------------------------------
    "rule.path_invalid": {
        "fr": "chemin de fichier invalide (il contient un caractère nul)",
        "en": "invalid file path (it contains a NUL character)",
    },
    "rule.file_is_directory": {
        "fr": "c'est un dossier, pas un fichier de scénario",
        "en": "this is a folder, not a scenario file",
    },
    "rule.file_not_regular": {
        "fr": "ce n'est pas un fichier ordinaire (périphérique, tube ou socket) : refusé",
        "en": "not a regular file (device, pipe or socket): refused",
    },
    "rule.file_too_large": {
        "fr": "fichier trop gros ({size} ; au plus {limit})",
        "en": "file too large ({size}; at most {limit})",
    },
    "size.mb": {"fr": "{value} Mo", "en": "{value} MB"},
    "size.kb": {"fr": "{value} ko", "en": "{value} kB"},
    "size.bytes": {"fr": "{value} octets", "en": "{value} bytes"},
    "rule.utf16": {
        "fr": "le fichier est en UTF-16 : enregistrez-le en UTF-8 (dans le Bloc-notes : "
        "« Enregistrer sous », encodage UTF-8)",
        "en": "the file is UTF-16: save it as UTF-8 (in Notepad: 'Save as', encoding UTF-8)",
    },
    "rule.not_utf8": {
        "fr": "le fichier n'est pas un texte UTF-8 (octet {byte} invalide) : enregistrez-le en UTF-8",
        "en": "the file is not UTF-8 text (invalid byte {byte}): save it as UTF-8",
    },
    "rule.nul_byte": {
        "fr": "le fichier contient un caractère nul : ce n'est pas un texte",
        "en": "the file contains a NUL character: it is not text",
    },
    "rule.not_a_scenario": {
        "fr": "ce fichier n'est pas un scénario (aucune des clés name, etablissement, calendar, "
        "operations, channels, reality, extends)",
        "en": "this file is not a scenario (none of the keys name, etablissement, calendar, "
        "operations, channels, reality, extends)",
    },
    "rule.extends_not_yaml": {
        "fr": "« extends » doit nommer un fichier de scénario YAML (.yaml ou .yml)",
        "en": "'extends' must name a YAML scenario file (.yaml or .yml)",
    },
    "rule.extends_too_deep": {
        "fr": "trop de scénarios enchaînés par « extends » (au plus {limit})",
        "en": "too many scenarios chained by 'extends' (at most {limit})",
    },
    # --- YAML -----------------------------------------------------------------------------
    "rule.yaml_other": {"fr": "syntaxe YAML invalide", "en": "invalid YAML syntax"},
    "rule.yaml_tab": {
        "fr": "tabulation interdite : indentez avec des espaces",
        "en": "tab not allowed: indent with spaces",
    },
    "rule.yaml_colon": {
        "fr": "« : » inattendu (mettez la valeur entre guillemets, ou vérifiez l'indentation)",
        "en": "unexpected ':' (quote the value, or check the indentation)",
    },
    "rule.yaml_missing_colon": {
        "fr": "« : » attendu après la clé",
        "en": "':' expected after the key",
    },
    "rule.yaml_indentation": {
        "fr": "indentation incohérente",
        "en": "inconsistent indentation",
    },
    "rule.yaml_missing_value": {"fr": "valeur attendue", "en": "value expected"},
    "rule.yaml_unknown_alias": {
        "fr": "alias (*nom) qui ne renvoie à aucune ancre (&nom)",
        "en": "alias (*name) that refers to no anchor (&name)",
    },
    "rule.yaml_escape": {
        "fr": "séquence d'échappement inconnue entre guillemets",
        "en": "unknown escape sequence in quotes",
    },
    "rule.yaml_unclosed": {
        "fr": "guillemet, crochet ou accolade non refermé",
        "en": "quote, bracket or brace not closed",
    },
    "rule.yaml_merge": {
        "fr": "la fusion YAML « <<: » n'est pas prise en charge : écrivez les clés, ou mettez "
        "ce qui est commun dans un scénario que celui-ci étend (extends)",
        "en": "YAML merge '<<:' is not supported: write the keys, or put what is shared in a "
        "scenario this one extends (extends)",
    },
    "rule.yaml_tag": {
        "fr": "étiquette YAML (!…) non permise",
        "en": "YAML tag (!…) not allowed",
    },
    "rule.yaml_bad_character": {
        "fr": "caractère non permis à cet endroit",
        "en": "character not allowed here",
    },
    "rule.yaml_several_documents": {
        "fr": "un seul document YAML par fichier (pas de second « --- »)",
        "en": "one YAML document per file (no second '---')",
    },
    "rule.yaml_too_deep": {
        "fr": "imbrication trop profonde (au plus {limit} niveaux)",
        "en": "nesting too deep (at most {limit} levels)",
    },
    "rule.yaml_nesting": {
        "fr": "imbrication trop profonde",
        "en": "nesting too deep",
    },
    "rule.yaml_too_many_nodes": {
        "fr": "trop de valeurs dans le fichier (au plus {limit})",
        "en": "too many values in the file (at most {limit})",
    },
    "rule.yaml_aliases_expand": {
        "fr": "les alias (*nom) se déploieraient en plus de {limit} valeurs : refusé",
        "en": "the aliases (*name) would expand to more than {limit} values: refused",
    },
    "rule.missing_colon": {
        "fr": " — il manque « : » après « {name} » (« {name}: {{…}} »)",
        "en": " — a ':' is missing after '{name}' ('{name}: {{…}}')",
    },
    "rule.one_line": {
        "fr": "un nom tient sur une ligne : pas de retour à la ligne ni de tabulation",
        "en": "a name fits on one line: no line break nor tab",
    },
    "rule.blank_name": {
        "fr": "un nom ne peut pas être fait que d'espaces",
        "en": "a name cannot be spaces only",
    },
    "rule.digits_key": {
        "fr": " ; une virgule décimale devant « {part} » ? Entre accolades, une virgule sépare "
        "deux clés : écrivez le nombre avec un point (0.{part})",
        "en": "; a decimal comma before '{part}'? Within braces, a comma separates two keys: "
        "write the number with a point (0.{part})",
    },
    "rule.key_after_decimal_comma": {
        "fr": " ; « {whole},{part} » : une virgule décimale ? Écrivez {whole}.{part}",
        "en": "; '{whole},{part}': a decimal comma? Write {whole}.{part}",
    },
    "rule.key_not_text": {
        "fr": "une clé doit être un nom (texte), pas un nombre, une liste ou un dictionnaire",
        "en": "a key must be a name (text), not a number, a list or a mapping",
    },
    "rule.duplicate_key": {
        "fr": "la clé « {name} » apparaît deux fois (lignes {first} et {second}) : "
        "ne la gardez qu'une fois",
        "en": "key '{name}' appears twice (lines {first} and {second}): keep it once",
    },
    # --- limits and rules of the format ----------------------------------------------------
    "rule.leavers_students": {
        "fr": "{value} sortants pour {students} élèves : pas plus de sortants que d'élèves",
        "en": "{value} leavers for {students} students: no more leavers than students",
    },
    "rule.arrivals_students": {
        "fr": "{value} arrivées en cours d'année pour {students} élèves : au plus autant que "
        "d'élèves",
        "en": "{value} arrivals during the year for {students} students: at most as many as "
        "students",
    },
    "rule.departures_students": {
        "fr": "{value} départs en cours d'année pour {students} élèves (arrivées comprises) : "
        "au plus autant que d'élèves",
        "en": "{value} departures during the year for {students} students (arrivals included): "
        "at most as many as students",
    },
    "rule.window_length": {
        "fr": "fenêtre de {days} jours : au plus {limit} jours (une année scolaire et demie)",
        "en": "window of {days} days: at most {limit} days (a school year and a half)",
    },
    "rule.missing_with_date": {
        "fr": "« missing: true » (opération non faite) avec une date : choisissez l'un ou l'autre",
        "en": "'missing: true' (operation not done) with a date: choose one or the other",
    },
    "rule.closed_order": {
        "fr": "la fermeture finit ({end}) avant de commencer ({start})",
        "en": "the closure ends ({end}) before it starts ({start})",
    },
    "rule.bounds_order": {
        "fr": "« not_after » ({not_after}) est avant « not_before » ({not_before})",
        "en": "'not_after' ({not_after}) is before 'not_before' ({not_before})",
    },
    "rule.shares_shrink": {
        "fr": "ces dates sont écrites dans le désordre et chacune garde sa part : dans l'ordre "
        "du temps, {pairs} ; une part plus petite après une plus grande ne fait rien de plus : "
        "vérifiez que chaque part est à côté de sa date",
        "en": "these dates are written out of order and each keeps its share: in time order, "
        "{pairs}; a smaller share after a larger one does nothing more: check that each "
        "share is beside its date",
    },
    "rule.shares_decrease": {
        "fr": "les parts sont cumulées (la part faite à l'issue de chaque date) : {pairs} ; une "
        "part plus petite après une plus grande ne fait rien de plus : vérifiez les parts",
        "en": "shares are cumulative (the share done by each date): {pairs}; a smaller share "
        "after a larger one does nothing more: check the shares",
    },
    "rule.date_twice": {
        "fr": "le {day} est écrit deux fois à la même heure : la seconde ne fait rien de plus",
        "en": "{day} is written twice at the same time: the second does nothing more",
    },
    "rule.share_on": {"fr": "le {day} : {share} %", "en": "{day}: {share}%"},
    "rule.outside_bounds": {
        "fr": "le {day} est {side} de cette opération ({bound})",
        "en": "{day} is {side} of this operation ({bound})",
    },
    "rule.before_bound": {"fr": "avant la date au plus tôt", "en": "before the earliest date"},
    "rule.after_bound": {"fr": "après la date au plus tard", "en": "after the latest date"},
    "rule.outage_order": {
        "fr": "la panne finit ({end}) avant de commencer ({start})",
        "en": "the outage ends ({end}) before it starts ({start})",
    },
    "rule.duration_too_long": {
        "fr": "durée « {value} » trop longue (au plus {limit} jours)",
        "en": "duration '{value}' too long (at most {limit} days)",
    },
    "rule.instant_timezone": {
        "fr": "« {value} » porte un fuseau horaire : écrivez l'heure locale, sans fuseau "
        "(AAAA-MM-JJ HH:MM)",
        "en": "'{value}' carries a time zone: write the local time, without zone "
        "(YYYY-MM-DD HH:MM)",
    },
    "rule.instant_impossible": {
        "fr": "« {value} » n'existe pas dans le calendrier",
        "en": "'{value}' does not exist in the calendar",
    },
    "rule.instant_years": {
        "fr": "« {value} » : l'année doit être entre {first} et {last}",
        "en": "'{value}': the year must be between {first} and {last}",
    },
    "rule.rentree_unknown": {
        "fr": "la table des vacances ne connaît pas la rentrée {year} de la zone {zone} : "
        "indiquez la date dans calendar.rentree",
        "en": "the holiday table does not know the {year} rentrée of zone {zone}: give the date "
        "in calendar.rentree",
    },
    "rule.rentree_outside": {
        "fr": "la rentrée ({rentree}) tombe hors de la fenêtre de simulation ({start} → {end})",
        "en": "the rentrée ({rentree}) falls outside the simulation window ({start} → {end})",
    },
    "rule.did_you_mean": {
        "fr": " — vouliez-vous dire « {name} » ?",
        "en": " — did you mean '{name}'?",
    },
    "rule.not_finite": {
        "fr": "nombre fini attendu (pas .inf ni .nan)",
        "en": "finite number expected (not .inf nor .nan)",
    },
    "rule.too_few": {
        "fr": "pas assez d'éléments ({count}) : au moins {limit}",
        "en": "not enough items ({count}): at least {limit}",
    },
    "rule.too_many": {
        "fr": "trop d'éléments ({count}) : au plus {limit}",
        "en": "too many items ({count}): at most {limit}",
    },
    "rule.control_characters": {
        "fr": "ce texte contient des caractères de contrôle (séquences de terminal) : refusé",
        "en": "this text holds control characters (terminal sequences): refused",
    },
    "rule.too_long_text": {
        "fr": "texte trop long : au plus {limit} caractères",
        "en": "text too long: at most {limit} characters",
    },
    "rule.uai_pattern": {
        "fr": "UAI « {value} » mal formé : 7 chiffres puis une lettre majuscule (ex. 0330021U)",
        "en": "malformed UAI '{value}': 7 digits then a capital letter (e.g. 0330021U)",
    },
    "rule.uai_key": {
        "fr": "UAI « {value} » : la lettre clé devrait être {expected} (reste de {digits} "
        "divisé par 23, sans I, O ni Q)",
        "en": "UAI '{value}': the check letter should be {expected} (remainder of {digits} "
        "divided by 23, without I, O and Q)",
    },
    # --- académie files -------------------------------------------------------------------
    "rule.academie_suffix": {
        "fr": "une académie se lit dans un fichier YAML (.yaml ou .yml) ou un tableau CSV (.csv)",
        "en": "an académie is read from a YAML file (.yaml or .yml) or a CSV table (.csv)",
    },
    "rule.academie_spreadsheet": {
        "fr": "un classeur ne se lit pas tel quel : enregistrez-le en CSV (dans Excel : "
        "Fichier > Enregistrer sous > « CSV (séparateur : point-virgule) ») et donnez le .csv",
        "en": "a workbook is not read as it is: save it as CSV (in Excel: File > Save As > "
        "'CSV (semicolon delimited)') and give the .csv",
    },
    "rule.scenario_is_academie": {
        "fr": "ce fichier est une académie (une liste de lycées), pas un scénario : utilisez "
        "les commandes « rentree-sim academie » (validate, run, risk, report)",
        "en": "this file is an académie (a list of lycées), not a scenario: use the "
        "'rentree-sim academie' commands (validate, run, risk, report)",
    },
    "rule.scenario_is_export": {
        "fr": "un export STS-WEB ou SIECLE (XML ou zip) n'est pas un scénario ; donnez-le à "
        "« rentree-sim diagnostiquer » ou « importer » (--sts, --eleves, --structures, "
        "--responsables)",
        "en": "an STS-WEB or SIECLE export (XML or zip) is not a scenario; give it to "
        "'rentree-sim diagnostiquer' or 'importer' (--sts, --eleves, --structures, "
        "--responsables)",
    },
    "rule.scenario_is_table": {
        "fr": "un tableau CSV n'est pas un scénario ; s'il liste des lycées, utilisez les "
        "commandes « rentree-sim academie » (validate, run, risk, report)",
        "en": "a CSV table is not a scenario; if it lists lycées, use the "
        "'rentree-sim academie' commands (validate, run, risk, report)",
    },
    "rule.csv_divisions_total": {
        "fr": "{value} divisions : il en faut de 3 (une par niveau) à 112 (au plus 40 en "
        "seconde, qui en a 36 %)",
        "en": "{value} divisions: from 3 (one per level) to 112 (at most 40 in seconde, "
        "which has 36%)",
    },
    "rule.academie_not_a_mapping": {
        "fr": "le fichier doit contenir un dictionnaire de clés (name, scenario, lycees, …)",
        "en": "the file must hold a mapping of keys (name, scenario, lycees, …)",
    },
    "rule.academie_is_scenario": {
        "fr": "ce fichier est un scénario (un seul établissement), pas une académie : "
        "utilisez « rentree-sim validate » ou listez les lycées sous « lycees »",
        "en": "this file is a scenario (one établissement), not an académie: use "
        "'rentree-sim validate' or list the lycées under 'lycees'",
    },
    "rule.academie_base_not_yaml": {
        "fr": "le scénario étendu doit être un fichier de scénario YAML (.yaml ou .yml)",
        "en": "the extended scenario must be a YAML scenario file (.yaml or .yml)",
    },
    "rule.academie_duplicate_uai": {
        "fr": "l'UAI {uai} apparaît deux fois (aussi à la ligne {line})",
        "en": "UAI {uai} appears twice (also on line {line})",
    },
    "rule.academie_set_twice": {
        "fr": "« {name} » est déjà donné par « {other} » : une valeur ne se donne qu'une fois",
        "en": "'{name}' is already given by '{other}': a value is given only once",
    },
    "rule.academie_lycee": {"fr": "({lycee}) {rule}", "en": "({lycee}) {rule}"},
    "rule.academie_common": {
        "fr": "« {name} » vaut {value} ici et {expected} {where} : la fenêtre, l'heure "
        "d'observation et la rentrée sont communes à l'académie",
        "en": "'{name}' is {value} here and {expected} {where}: the window, the observation "
        "time and the rentrée are common to the académie",
    },
    "rule.academie_common_scenario": {
        "fr": "dans le scénario commun",
        "en": "in the common scenario",
    },
    "rule.academie_first_lycee": {
        "fr": "pour le premier lycée ({uai})",
        "en": "for the first lycée ({uai})",
    },
    # --- académie spreadsheets (CSV) ------------------------------------------------------
    "rule.csv_common_field": {
        "fr": "scénario commun (option --commun ou colonne « scenario »)",
        "en": "common scenario (--commun option or 'scenario' column)",
    },
    "rule.csv_empty": {
        "fr": "le fichier CSV est vide : la première ligne doit porter les en-têtes "
        "(uai;nom;type;eleves;…)",
        "en": "the CSV file is empty: its first line must hold the headers (uai;nom;type;eleves;…)",
    },
    "rule.csv_open_quote": {
        "fr": "un guillemet ouvert dans cette cellule n'est pas refermé : la suite du fichier y "
        'est tombée (doublez un guillemet dans un texte : « Lycée ""A"" »)',
        "en": "a quote opened in this cell is not closed: the rest of the file fell into it "
        '(double a quote within a text: \'Lycée ""A""\')',
    },
    "rule.csv_syntax": {
        "fr": "ligne CSV illisible ({reason})",
        "en": "unreadable CSV line ({reason})",
    },
    "rule.csv_too_many_rows": {
        "fr": "trop de lignes : au plus {limit} lycées",
        "en": "too many rows: at most {limit} lycées",
    },
    "rule.csv_no_rows": {
        "fr": "aucun lycée : le fichier n'a que sa ligne d'en-têtes",
        "en": "no lycée: the file only has its header line",
    },
    "rule.csv_no_common": {
        "fr": "le CSV ne dit pas quel scénario étendre : colonne « scenario » (pour chaque "
        "ligne) ou option --commun",
        "en": "the CSV does not say which scenario to extend: a 'scenario' column (for every "
        "row) or the --commun option",
    },
    "rule.csv_utf16": {
        "fr": "fichier en UTF-16 (« Texte Unicode » d'Excel) : enregistrez-le en « CSV UTF-8 » "
        "ou « CSV (séparateur : point-virgule) »",
        "en": "UTF-16 file (Excel's 'Unicode Text'): save it as 'CSV UTF-8' or 'CSV "
        "(semicolon delimited)'",
    },
    "rule.csv_encoding": {
        "fr": "octet {byte} : ni UTF-8 ni Windows-1252 ; enregistrez le fichier en « CSV UTF-8 »",
        "en": "byte {byte}: neither UTF-8 nor Windows-1252; save the file as 'CSV UTF-8'",
    },
    "rule.csv_too_many_columns": {
        "fr": "{count} colonnes : au plus {limit}",
        "en": "{count} columns: at most {limit}",
    },
    "rule.csv_unknown_column": {
        "fr": "colonne inconnue « {name} » (colonnes possibles : uai, nom, type, eleves, "
        "divisions, enseignants, scenario, graine et une par opération)",
        "en": "unknown column '{name}' (possible columns: uai, nom, type, eleves, divisions, "
        "enseignants, scenario, graine and one per operation)",
    },
    "rule.csv_missing_column": {
        "fr": "colonne « {name} » manquante (colonnes lues : {read})",
        "en": "missing column '{name}' (columns read: {read})",
    },
    "rule.csv_repeated_column": {
        "fr": "ces colonnes disent la même chose : {columns} ; gardez-en une",
        "en": "these columns say the same thing: {columns}; keep one",
    },
    "rule.csv_extra_cells": {
        "fr": "{count} cellules pour {columns} colonnes : un « ; » de trop, ou une cellule à "
        "mettre entre guillemets",
        "en": "{count} cells for {columns} columns: one separator too many, or a cell to quote",
    },
    "rule.invalid_value": {
        "fr": "valeur « {value} » non valide ici",
        "en": "value '{value}' not valid here",
    },
    # --- calendar habits (warnings) ---------------------------------------------------------
    "warning.scenario": {"fr": "⚠ {text}", "en": "⚠ {text}"},
    "rule.closed_day": {
        "fr": "le {day} est un {what} : le personnel du lycée ne travaille pas ce jour-là",
        "en": "{day} is a {what}: the lycée's staff do not work that day",
    },
    "rule.gate_later": {
        "fr": "le {day}, l'application refusera l'opération : les opérations {gates}, qui doivent "
        "la précéder, ne sont prévues qu'après",
        "fr_one": "le {day}, l'application refusera l'opération : l'opération {gates}, qui doit "
        "la précéder, n'est prévue qu'après",
        "en": "on {day}, the application will refuse the operation: {gates}, which must come "
        "first, are planned only later",
        "en_one": "on {day}, the application will refuse the operation: {gates}, which must "
        "come first, is planned only later",
    },
    "rule.gate_left_out": {
        "fr": "le {day}, l'application refusera l'opération : les opérations {gates}, qui doivent "
        "la précéder, ne sont pas faites dans ce scénario",
        "fr_one": "le {day}, l'application refusera l'opération : l'opération {gates}, qui doit "
        "la précéder, n'est pas faite dans ce scénario",
        "en": "on {day}, the application will refuse the operation: {gates}, which must come "
        "first, are not done in this scenario",
        "en_one": "on {day}, the application will refuse the operation: {gates}, which must "
        "come first, is not done in this scenario",
    },
    "rule.change_recorded": {
        "fr": "le changement est saisi le {day}, un {what} : le personnel du lycée ne travaille "
        "pas ce jour-là (recorded_after pour le saisir plus tard)",
        "en": "the change is recorded on {day}, a {what}: the lycée's staff do not work that "
        "day (recorded_after to record it later)",
    },
    "rule.rentree_closed": {
        "fr": "la rentrée du {day} tombe pendant une fermeture de l'établissement (calendar.closed)",
        "en": "the rentrée on {day} falls in a closure of the lycée (calendar.closed)",
    },
    "rule.rentree_holiday": {
        "fr": "la rentrée du {day} tombe un jour férié : vérifiez la date",
        "en": "the rentrée on {day} falls on a public holiday: check the date",
    },
    "rule.rentree_far": {
        "fr": "la rentrée du {day} est loin de celle de la zone {zone} (le {official}) : "
        "vérifiez la date (ou la zone)",
        "en": "the rentrée on {day} is far from zone {zone}'s ({official}): check the date "
        "(or the zone)",
    },
    "rule.rentree_weekend": {
        "fr": "la rentrée tombe un {what} ({day})",
        "en": "the rentrée falls on a {what} ({day})",
    },
    "calendar.sunday": {"fr": "dimanche", "en": "Sunday"},
    "calendar.saturday": {"fr": "samedi", "en": "Saturday"},
    "calendar.public_holiday": {"fr": "jour férié", "en": "public holiday"},
    "calendar.closed": {
        "fr": "jour de fermeture de l'établissement",
        "en": "day the établissement is closed",
    },
    "calendar.day_off": {
        "fr": "jour non travaillé",
        "en": "day off",
    },
    # --- what the command line says when a run cannot finish --------------------------------
    "cli.workers_died": {
        "fr": "Un processus de calcul s'est arrêté en cours de route (mémoire insuffisante ?). "
        "Relancez avec moins de processus (--workers 1) ou moins de réplications (-n).",
        "en": "A computing process stopped mid-run (out of memory?). Run again with fewer "
        "processes (--workers 1) or fewer replications (-n).",
    },
    "cli.out_of_memory": {
        "fr": "Mémoire insuffisante pour ce calcul : réduisez le nombre de réplications (-n).",
        "en": "Not enough memory for this computation: lower the number of replications (-n).",
    },
    "cli.internal_error": {
        "fr": "Erreur interne de rentree-sim ({kind}) : ce n'est pas une erreur de votre part.",
        "en": "Internal error of rentree-sim ({kind}): this is not your mistake.",
    },
    "cli.report_bug": {
        "fr": "Merci de la signaler à l'équipe avec le scénario et la commande utilisés "
        "(RENTREE_SIM_DEBUG=1 affiche le détail technique).",
        "en": "Please report it to the team with the scenario and the command used "
        "(RENTREE_SIM_DEBUG=1 shows the technical detail).",
    },
    # --- outputs -----------------------------------------------------------------------------
    "output.is_folder": {
        "fr": "c'est un dossier : donnez un nom de fichier",
        "en": "this is a folder: give a file name",
    },
    "output.no_extension": {
        "fr": "donnez un nom de fichier avec son extension ({allowed})",
        "en": "give a file name with its extension ({allowed})",
    },
    "output.extension": {
        "fr": "extension « {suffix} » non prise en charge (possibles : {allowed})",
        "en": "extension '{suffix}' not supported (possible: {allowed})",
    },
    "output.dangling_link": {
        "fr": "{link} est un lien symbolique vers « {to} », qui n'existe pas : rien n'est écrit "
        "(donnez le chemin du fichier lui-même)",
        "en": "{link} is a symbolic link to '{to}', which does not exist: nothing is written "
        "(give the file's own path)",
    },
    "output.link_extension": {
        "fr": "c'est un lien symbolique vers {target}, d'une autre sorte (possibles : {allowed}) : "
        "rien n'est écrit",
        "en": "a symbolic link to {target}, of another kind (possible: {allowed}): nothing is "
        "written",
    },
    "output.pair_link": {
        "fr": "c'est un lien symbolique : le scénario et son fichier de données s'écrivent l'un "
        "à côté de l'autre ; donnez le chemin du fichier lui-même",
        "en": "a symbolic link: the scenario and its data file are written side by side; give "
        "the file's own path",
    },
    "output.not_regular": {
        "fr": "ce n'est pas un fichier ordinaire (périphérique, tube ou socket) : rien n'est écrit",
        "en": "not a regular file (device, pipe or socket): nothing is written",
    },
    "output.not_folder": {
        "fr": "ce n'est pas un dossier",
        "en": "this is not a folder",
    },
    "output.folder_other_command": {
        "fr": "ce dossier tient les résultats de « rentree-sim {command} », qu'une autre "
        "commande remplacerait : choisissez un autre dossier (ou videz celui-ci)",
        "en": "this folder holds the results of 'rentree-sim {command}', which another command "
        "would replace: choose another folder (or empty this one)",
    },
    "output.folder_has_others": {
        "fr": "ce dossier contient des fichiers que rentree-sim n'a pas écrits ({files}) : "
        "il ne les effacera pas en remplaçant ses résultats ; déplacez-les (ou fermez le "
        "tableur qui les a ouverts), ou choisissez un autre dossier",
        "en": "this folder holds files rentree-sim did not write ({files}): it will not "
        "delete them when it replaces its results; move them (or close the spreadsheet that "
        "has them open), or choose another folder",
    },
    "output.and_more": {
        "fr": " et {count} autres",
        "fr_one": " et {count} autre",
        "en": " and {count} more",
        "en_one": " and {count} more",
    },
    "output.folder_not_ours": {
        "fr": "ce dossier contient déjà d'autres fichiers : choisissez un dossier neuf ou vide "
        "(un dossier écrit par rentree-sim est remplacé en entier)",
        "en": "this folder already holds other files: choose a new or empty folder "
        "(a folder written by rentree-sim is replaced as a whole)",
    },
    "output.parent_not_folder": {
        "fr": "{folder} n'est pas un dossier",
        "en": "{folder} is not a folder",
    },
    "output.unusable": {
        "fr": "chemin inutilisable : {reason}",
        "en": "unusable path: {reason}",
    },
    "output.is_input": {
        "fr": "c'est un fichier que la commande lit ({source}) : écrivez dans un autre fichier",
        "en": "this is a file the command reads ({source}): write to another file",
    },
    "output.same_as_input": {
        "fr": "c'est un fichier que le scénario lit ({source}) : écrivez le plan dans un autre "
        "fichier",
        "en": "this is a file the scenario reads ({source}): write the plan to another file",
    },
    # --- system errors, without the file names they carry --------------------------------
    "oserror.2": {"fr": "dossier ou fichier inexistant", "en": "no such file or folder"},
    "oserror.1": {"fr": "opération non permise", "en": "operation not permitted"},
    "oserror.13": {"fr": "permission refusée", "en": "permission denied"},
    "oserror.17": {"fr": "existe déjà", "en": "already exists"},
    "oserror.20": {
        "fr": "un élément du chemin n'est pas un dossier",
        "en": "a part of the path is not a folder",
    },
    "oserror.21": {"fr": "c'est un dossier", "en": "this is a folder"},
    "oserror.22": {"fr": "argument invalide", "en": "invalid argument"},
    "oserror.28": {"fr": "plus de place sur le disque", "en": "no space left on the disk"},
    "oserror.30": {
        "fr": "système de fichiers en lecture seule",
        "en": "read-only file system",
    },
    "oserror.16": {
        "fr": "ressource occupée (un point de montage, ou un fichier ouvert ailleurs)",
        "en": "resource busy (a mount point, or a file open elsewhere)",
    },
    "oserror.26": {
        "fr": "fichier occupé (un programme en cours l'utilise)",
        "en": "file busy (a running program uses it)",
    },
    "oserror.36": {"fr": "nom de fichier trop long", "en": "file name too long"},
    "oserror.27": {
        "fr": "fichier trop gros pour ce disque ou ce compte",
        "en": "file too large for this disk or account",
    },
    "oserror.122": {"fr": "quota du compte dépassé", "en": "the account's quota is exceeded"},
    "oserror.5": {"fr": "erreur d'entrée-sortie du disque", "en": "disk input/output error"},
    "oserror.39": {"fr": "dossier non vide", "en": "folder not empty"},
    "oserror.40": {"fr": "trop de liens symboliques", "en": "too many symbolic links"},
    "oserror.18": {
        "fr": "déplacement impossible entre deux disques",
        "en": "cannot move across devices",
    },
    "oserror.other": {"fr": "erreur système n° {code}", "en": "system error no. {code}"},
}
