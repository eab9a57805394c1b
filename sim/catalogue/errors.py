"""Errors and the rules of the scenario format."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # --- errors -------------------------------------------------------------------------
    "error.unknown_file": {"fr": "(scénario)", "en": "(scenario)"},
    "error.scenario_field": {
        "fr": "{file} : champ « {field} » : {rule}",
        "en": "{file}: field '{field}': {rule}",
    },
    "error.scenario_file": {"fr": "{file} : {rule}", "en": "{file}: {rule}"},
    "error.engine_variable": {
        "fr": "{variable}={value} : moteur inconnu (rapide, le défaut, ou simpy)",
        "en": "{variable}={value}: unknown engine (rapide, the default, or simpy)",
    },
    "error.engine_mismatch_plan": {
        "fr": (
            "le moteur rapide et le moteur de référence (SimPy) ne donnent pas le même résultat"
            " pour le calendrier essayé n° {index} ({difference}) ; relancez avec {variable}=simpy"
        ),
        "en": (
            "the fast engine and the reference engine (SimPy) disagree on tried calendar"
            " no. {index} ({difference}); run again with {variable}=simpy"
        ),
    },
    "error.engine_mismatch": {
        "fr": (
            "le moteur rapide et le moteur de référence (SimPy) ne donnent pas le même résultat"
            " pour la réplication n° {index} ({difference}) ; relancez avec {variable}=simpy"
        ),
        "en": (
            "the fast engine and the reference engine (SimPy) disagree on replication"
            " no. {index} ({difference}); run again with {variable}=simpy"
        ),
    },
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
        "fr": "date invalide « {value} » (attendu JJ/MM/AAAA ou AAAA-MM-JJ, heure HH:MM en option)",
        "en": "invalid date '{value}' (expected DD/MM/YYYY or YYYY-MM-DD, optional time HH:MM)",
    },
    "rule.date_only": {
        "fr": "« {value} » : une date sans heure est attendue (JJ/MM/AAAA ou AAAA-MM-JJ)",
        "en": "'{value}': a date without time is expected (DD/MM/YYYY or YYYY-MM-DD)",
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
    "rule.decimal_comma_in_list": {
        "fr": " ; une virgule décimale ? Dans une liste, « [0,5, 1] » se lit 0, 5 et 1 : "
        "écrivez 0.5",
        "en": "; a decimal comma? In a list, '[0,5, 1]' reads as 0, 5 and 1: write 0.5",
    },
    "rule.decimal_comma_in_mapping": {
        "fr": " ; une virgule décimale ? Entre accolades, « {{delay: 1,5h}} » se lit « delay: 1 »"
        " puis une clé « 5h » : écrivez 1.5h ou 90min",
        "en": "; a decimal comma? Within braces, '{{delay: 1,5h}}' reads as 'delay: 1' then a"
        " key '5h': write 1.5h or 90min",
    },
    "rule.shares_per_date": {
        "fr": "parts (share) : {shares}, dates : {dates} ; il faut une part par date, ou une seule",
        "en": "shares: {shares}, dates: {dates}; give one share per date, or a single one",
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
    "rule.file_missing_backslash": {
        "fr": "fichier introuvable : {path} (les dossiers se séparent par / : {slashed})",
        "en": "file not found: {path} (folders are separated by /: {slashed})",
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
        "fr": "nombre entier attendu (reçu « {value} »)",
        "en": "whole number expected (got '{value}')",
    },
    "rule.number": {
        "fr": "nombre attendu (reçu « {value} »)",
        "en": "number expected (got '{value}')",
    },
    "rule.boolean": {
        "fr": "true ou false attendu (reçu « {value} »)",
        "en": "true or false expected (got '{value}')",
    },
    "rule.text": {"fr": "texte attendu (reçu « {value} »)", "en": "text expected (got '{value}')"},
    "rule.text_empty": {"fr": "ce texte ne peut pas être vide", "en": "this text cannot be empty"},
    "rule.choice": {
        "fr": "valeur « {value} » non permise (permises : {expected})",
        "en": "value '{value}' not allowed (allowed: {expected})",
    },
    "rule.at_least": {
        "fr": "valeur « {value} » trop petite (minimum {limit})",
        "en": "value '{value}' too small (minimum {limit})",
    },
    "rule.more_than": {
        "fr": "valeur « {value} » trop petite (doit dépasser {limit})",
        "en": "value '{value}' too small (must exceed {limit})",
    },
    "rule.at_most": {
        "fr": "valeur « {value} » trop grande (maximum {limit})",
        "en": "value '{value}' too large (maximum {limit})",
    },
    "rule.list": {"fr": "liste attendue", "en": "list expected"},
    "rule.mapping": {"fr": "dictionnaire de clés attendu", "en": "mapping of keys expected"},
}
