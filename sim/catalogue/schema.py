"""Titles and descriptions of the JSON Schema (what an editor shows beside each key).

Each entry reads ``title|description``; operations and channels take their names from the
``operation.*`` and ``channel.*`` labels.
"""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "schema.title": {
        "fr": "Scénario de rentrée (rentree-sim)",
        "en": "Rentrée scenario (rentree-sim)",
    },
    # --- models ---------------------------------------------------------------------------
    "schema.academie_title": {
        "fr": "Académie : tous les lycées d'une rentrée (rentree-sim)",
        "en": "Académie: every lycée of one rentrée (rentree-sim)",
    },
    "schema.model.AcademieFile": {
        "fr": "Académie|Les lycées d'une académie, chacun un scénario qui étend un calendrier "
        "commun.",
        "en": "Académie|The lycées of an académie, each a scenario extending a common calendar.",
    },
    "schema.model.LyceeEntry": {
        "fr": "Lycée|Un établissement : son identité, ses effectifs et ce qui change pour lui "
        "par rapport au scénario commun.",
        "en": "Lycée|One établissement: its identity, its sizes and what differs for it from "
        "the common scenario.",
    },
    "schema.field.AcademieFile.name": {
        "fr": "Nom|Nom affiché de l'académie (ou de la région).",
        "en": "Name|Displayed name of the académie (or region).",
    },
    "schema.field.AcademieFile.description": {
        "fr": "Description|Ce que ce fichier représente.",
        "en": "Description|What this file stands for.",
    },
    "schema.field.AcademieFile.seed": {
        "fr": "Graine|Graine de l'académie : la graine de chaque lycée en dérive, avec son UAI.",
        "en": "Seed|The académie's seed: each lycée's seed derives from it and its UAI.",
    },
    "schema.field.AcademieFile.scenario": {
        "fr": "Scénario commun|Fichier de scénario (relatif à ce fichier) que chaque lycée étend.",
        "en": "Common scenario|Scenario file (relative to this one) that every lycée extends.",
    },
    "schema.field.by": {
        "fr": "Échéance|Date à laquelle l'annuaire doit être juste (défaut : rentrée + 7 jours).",
        "en": "Deadline|Date by which the directory must be right (default: rentrée + 7 days).",
    },
    "schema.field.risk_failures": {
        "fr": "Pannes des traitements|« common » : une nuit de panne d'un traitement vaut pour "
        "tous les lycées (les traitements sont ceux de l'académie) ; « independent » : chaque "
        "lycée tire les siennes.",
        "en": "Batch failures|'common': a failed night of a batch holds for every lycée (the "
        "batches are the académie's); 'independent': each lycée draws its own.",
    },
    "schema.field.lycees": {
        "fr": "Lycées|Les établissements de l'académie.",
        "en": "Lycées|The académie's établissements.",
    },
    "schema.field.LyceeEntry.name": {
        "fr": "Nom|Nom de l'établissement.",
        "en": "Name|The établissement's name.",
    },
    "schema.field.LyceeEntry.kind": {
        "fr": "Type|LGT (général et technologique), LP (professionnel) ou LPO (polyvalent).",
        "en": "Kind|LGT (general and technological), LP (vocational) or LPO (polyvalent).",
    },
    "schema.field.LyceeEntry.students": {
        "fr": "Élèves|Nombre d'élèves ; sans « divisions », il en donne les divisions (30 "
        "élèves par division en LGT, 18 en LP, 24 en LPO).",
        "en": "Students|Number of students; without 'divisions', it gives the divisions (30 "
        "students per division in an LGT, 18 in an LP, 24 in an LPO).",
    },
    "schema.field.LyceeEntry.divisions": {
        "fr": "Divisions|Divisions par niveau (défaut : tirées du nombre d'élèves).",
        "en": "Divisions|Divisions per level (default: from the number of students).",
    },
    "schema.field.LyceeEntry.teachers": {
        "fr": "Enseignants|Nombre d'enseignants (défaut : 2,6 par division).",
        "en": "Teachers|Number of teachers (default: 2.6 per division).",
    },
    "schema.field.LyceeEntry.scenario": {
        "fr": "Scénario|Fichier de scénario que ce lycée étend au lieu du scénario commun.",
        "en": "Scenario|Scenario file this lycée extends instead of the common one.",
    },
    "schema.field.LyceeEntry.seed": {
        "fr": "Graine|Graine propre du lycée (défaut : tirée de celle de l'académie et de l'UAI).",
        "en": "Seed|The lycée's own seed (default: from the académie's and the UAI).",
    },
    "schema.field.LyceeEntry.etablissement": {
        "fr": "Établissement|Autres réglages de l'établissement (taille des groupes, origines…).",
        "en": "Établissement|Other settings of the établissement (group size, origins…).",
    },
    "schema.field.LyceeEntry.calendar": {
        "fr": "Calendrier|Ce qui change dans le calendrier (jours travaillés, fermetures).",
        "en": "Calendar|What differs in the calendar (working days, closures).",
    },
    "schema.field.LyceeEntry.operations": {
        "fr": "Opérations|Les dates prévues ou constatées de ce lycée.",
        "en": "Operations|This lycée's planned or reported dates.",
    },
    "schema.field.LyceeEntry.channels": {
        "fr": "Traitements|Ce qui change pour ses traitements (pannes…).",
        "en": "Batches|What differs for its batches (outages…).",
    },
    "schema.field.LyceeEntry.reality": {
        "fr": "Réalité|Les changements de la réalité de ce lycée (remplace ceux du scénario).",
        "en": "Reality|This lycée's changes of reality (replaces the scenario's).",
    },
    "schema.model.Scenario": {
        "fr": "Scénario|Un établissement, une rentrée, son calendrier et sa chaîne d'annuaires.",
        "en": "Scenario|One établissement, one rentrée, its calendar and its directory chain.",
    },
    "schema.model.Etablissement": {
        "fr": "Établissement|Le lycée simulé : identité et effectifs.",
        "en": "Établissement|The simulated lycée: identity and sizes.",
    },
    "schema.model.Divisions": {
        "fr": "Divisions|Nombre de divisions (classes) par niveau.",
        "en": "Divisions|Number of divisions (classes) per level.",
    },
    "schema.model.OriginShares": {
        "fr": "Origines des élèves|Part des élèves du niveau selon leur arrivée (somme égale à 1).",
        "en": "Students' origins|Share of the level's students by how they arrive (sums to 1).",
    },
    "schema.model.ClosedPeriod": {
        "fr": "Fermeture|Une période de fermeture de l'établissement.",
        "en": "Closure|A period the établissement is closed.",
    },
    "schema.model.Calendar": {
        "fr": "Calendrier|Fenêtre simulée, rentrée et heures par défaut.",
        "en": "Calendar|Simulated window, rentrée and default times.",
    },
    "schema.model.Lateness": {
        "fr": "Retard|Retard de l'opération en jours travaillés, pour l'analyse de risque.",
        "en": "Lateness|The operation's lateness in working days, for risk analysis.",
    },
    "schema.model.OperationSpec": {
        "fr": "Opération|Une opération faite à la main : quand, si elle est faite, pour quelle part.",
        "en": "Operation|A manual operation: when, whether done, for what share.",
    },
    "schema.model.BasculeSpec": {
        "fr": "Bascule d'année STS-WEB|Bascule, avec ou sans reconduction de la structure.",
        "en": "STS-WEB year switch|Switch, carrying the structure over or not.",
    },
    "schema.model.VerificationSpec": {
        "fr": "Vérification des divisions|Création, modification, suppression des divisions dans STS-WEB.",
        "en": "Division check|Creating, changing, deleting divisions in STS-WEB.",
    },
    "schema.model.TransfertsSpec": {
        "fr": "Transferts|Transferts de dossiers dans l'académie.",
        "en": "Transfers|File transfers inside the académie.",
    },
    "schema.model.ExportStructureSpec": {
        "fr": "Export de structure|Export de la structure STS-WEB vers SIECLE.",
        "en": "Structure export|STS-WEB structure export to SIECLE.",
    },
    "schema.model.ExportSiecleEdtSpec": {
        "fr": "Export SIECLE → EDT|Les élèves de SIECLE et leurs divisions envoyés au logiciel d'emploi du temps.",
        "en": "SIECLE → timetable export|SIECLE's students and their divisions sent to the timetable software.",
    },
    "schema.model.Operations": {
        "fr": "Opérations|Les opérations de la rentrée, dans l'ordre du document « Obtenir un annuaire cohérent ».",
        "en": "Operations|The rentrée's operations, in the order of the seed document.",
    },
    "schema.model.Outage": {
        "fr": "Panne|Période pendant laquelle le traitement ne passe pas.",
        "en": "Outage|Period during which the batch does not run.",
    },
    "schema.model.ChannelSpec": {
        "fr": "Traitement automatique|Traitement quotidien : heure, jours, délai, pannes.",
        "en": "Batch|Daily batch: time, days, delay, outages.",
    },
    "schema.model.StsToSiecleSpec": {
        "fr": "Copie STS-WEB → SIECLE|Chaque changement de structure arrive dans SIECLE après le délai.",
        "en": "STS-WEB → SIECLE copy|Each structure change lands in SIECLE after the delay.",
    },
    "schema.model.ActivationSpec": {
        "fr": "Activation des liens|Traitement du soir qui rend effectifs les liens importés.",
        "en": "Link activation|Evening batch that makes imported links effective.",
    },
    "schema.model.ExtractionSpec": {
        "fr": "Extraction vers l'AAF|Extraction nocturne de SIECLE et STS-WEB, complète certains jours.",
        "en": "AAF extraction|Nightly extraction from SIECLE and STS-WEB, full on some days.",
    },
    "schema.model.ImportEntSpec": {
        "fr": "Import ENT|Import des fichiers AAF dans l'annuaire de l'ENT.",
        "en": "ENT import|Import of the AAF files into the ENT directory.",
    },
    "schema.model.ImportEdtEntSpec": {
        "fr": "Import EDT → ENT|Import de l'export de l'emploi du temps par l'ENT (règle 13), seulement si l'établissement y prend ses groupes.",
        "en": "EDT → ENT import|The ENT's import of the timetable export (rule 13), only when the établissement takes its groups from it.",
    },
    "schema.model.PreDeleteSpec": {
        "fr": "Présuppression ENT|Tâche quotidienne de l'ENT qui retire les comptes disparus depuis le délai réglé, puis les supprime.",
        "en": "ENT pre-delete|The ENT's daily task that removes accounts disappeared for the set delay, then deletes them.",
    },
    "schema.model.ExportGarSpec": {
        "fr": "Export ENT → GAR|Export de l'annuaire de l'ENT vers le GAR.",
        "en": "ENT → GAR export|Export of the ENT directory to GAR.",
    },
    "schema.model.Channels": {
        "fr": "Traitements automatiques|Les traitements de nuit entre les systèmes.",
        "en": "Batches|The nightly batches between systems.",
    },
    "schema.model.RealityChange": {
        "fr": "Changement de la réalité|Arrivées, départs, changements de classe ou de groupe après la planification.",
        "en": "Change of reality|Arrivals, departures, class or group changes after planning.",
    },
    # --- fields ---------------------------------------------------------------------------
    "schema.field.extends": {
        "fr": "Scénario étendu|Chemin (relatif à ce fichier) du scénario dont celui-ci part ; seules les clés écrites ici le modifient.",
        "en": "Extended scenario|Path (relative to this file) of the scenario this one starts from; only the keys written here change it.",
    },
    "schema.field.name": {
        "fr": "Nom|Nom affiché du scénario (ou de l'établissement).",
        "en": "Name|Displayed name of the scenario (or of the établissement).",
    },
    "schema.field.description": {
        "fr": "Description|Ce que ce scénario représente.",
        "en": "Description|What this scenario stands for.",
    },
    "schema.field.seed": {
        "fr": "Graine|Graine du tirage de l'établissement fictif (même graine, mêmes résultats).",
        "en": "Seed|Seed of the fictional établissement's draw (same seed, same results).",
    },
    "schema.field.etablissement": {
        "fr": "Établissement|Identité et effectifs du lycée.",
        "en": "Établissement|Identity and sizes of the lycée.",
    },
    "schema.field.calendar": {
        "fr": "Calendrier|Fenêtre simulée et rentrée.",
        "en": "Calendar|Simulated window and rentrée.",
    },
    "schema.field.operations": {
        "fr": "Opérations|Dates des opérations faites à la main.",
        "en": "Operations|Dates of the manual operations.",
    },
    "schema.field.channels": {
        "fr": "Traitements|Réglages des traitements automatiques.",
        "en": "Batches|Settings of the automatic batches.",
    },
    "schema.field.reality": {
        "fr": "Changements après la rentrée|Arrivées, départs et changements datés.",
        "en": "Changes after the rentrée|Dated arrivals, departures and changes.",
    },
    "schema.field.uai": {
        "fr": "UAI|Code de l'établissement : 7 chiffres et une lettre majuscule.",
        "en": "UAI|Établissement code: 7 digits and a capital letter.",
    },
    "schema.field.zone": {
        "fr": "Zone de vacances|A, B ou C (Nouvelle-Aquitaine : A).",
        "en": "Holiday zone|A, B or C (Nouvelle-Aquitaine: A).",
    },
    "schema.field.students": {
        "fr": "Élèves|Nombre d'élèves.",
        "en": "Students|Number of students.",
    },
    "schema.field.divisions": {
        "fr": "Divisions|Divisions (classes) par niveau.",
        "en": "Divisions|Divisions (classes) per level.",
    },
    "schema.field.2nde": {
        "fr": "Secondes|Nombre de divisions de seconde.",
        "en": "Seconde|Number of seconde divisions.",
    },
    "schema.field.1re": {
        "fr": "Premières|Nombre de divisions de première.",
        "en": "Première|Number of première divisions.",
    },
    "schema.field.Tle": {
        "fr": "Terminales|Nombre de divisions de terminale.",
        "en": "Terminale|Number of terminale divisions.",
    },
    "schema.field.teachers": {
        "fr": "Enseignants|Nombre d'enseignants.",
        "en": "Teachers|Number of teachers.",
    },
    "schema.field.group_size": {
        "fr": "Taille des groupes|Élèves par groupe de langue ou de spécialité.",
        "en": "Group size|Students per language or spécialité group.",
    },
    "schema.field.option_share": {
        "fr": "Part d'options|Part des élèves qui suivent une option (0 à 1).",
        "en": "Option share|Share of students taking an option (0 to 1).",
    },
    "schema.field.two_parents_share": {
        "fr": "Part à deux responsables|Part des élèves avec deux responsables (0 à 1).",
        "en": "Two-parent share|Share of students with two parents (0 to 1).",
    },
    "schema.field.new_teachers_share": {
        "fr": "Part de nouveaux enseignants|Part des enseignants arrivant cette année (0 à 1).",
        "en": "New teachers' share|Share of teachers arriving this year (0 to 1).",
    },
    "schema.field.donnees": {
        "fr": "Données importées|Fichier de données écrit par « rentree-sim importer » (chemin "
        "relatif au fichier qui le donne) : les divisions, groupes, services et élèves du lycée "
        "remplacent ceux qui sont tirés, et leurs effectifs remplacent students, divisions et "
        "teachers.",
        "en": "Imported data|Data file written by 'rentree-sim importer' (path relative to the "
        "file that gives it): the lycée's divisions, groups, services and students replace the "
        "drawn ones, and their sizes replace students, divisions and teachers.",
    },
    "schema.field.new_divisions": {
        "fr": "Nouvelles divisions|Divisions créées cette année.",
        "en": "New divisions|Divisions created this year.",
    },
    "schema.field.obsolete_divisions": {
        "fr": "Divisions supprimées|Divisions de l'an dernier à supprimer.",
        "en": "Obsolete divisions|Last year's divisions to delete.",
    },
    "schema.field.leavers": {
        "fr": "Sortants|Élèves partis depuis l'an dernier (par défaut : les terminales).",
        "en": "Leavers|Students gone since last year (default: the terminales).",
    },
    "schema.field.origins": {
        "fr": "Origines|Par niveau, la part des élèves selon leur arrivée ; un niveau non donné garde les valeurs par défaut.",
        "en": "Origins|Per level, the share of students by arrival; a level not given keeps the defaults.",
    },
    "schema.field.returning": {
        "fr": "Déjà inscrits|Élèves déjà dans l'établissement l'an dernier.",
        "en": "Returning|Students already in the établissement last year.",
    },
    "schema.field.affectation": {
        "fr": "Affectation|Élèves affectés (AFFELNET).",
        "en": "Affectation|Students placed by AFFELNET.",
    },
    "schema.field.transfer": {
        "fr": "Transfert|Élèves transférés d'un établissement de l'académie.",
        "en": "Transfer|Students transferred from the académie.",
    },
    "schema.field.external": {
        "fr": "Hors académie|Élèves venus d'ailleurs, créés à la main.",
        "en": "External|Students from elsewhere, created by hand.",
    },
    "schema.field.start": {
        "fr": "Début|Premier jour (ou instant).",
        "en": "Start|First day (or instant).",
    },
    "schema.field.end": {
        "fr": "Fin|Dernier jour (ou instant).",
        "en": "End|Last day (or instant).",
    },
    "schema.field.rentree": {
        "fr": "Rentrée|Jour de la rentrée ; par défaut, tiré de la table des vacances de la zone.",
        "en": "Rentrée|Rentrée day; by default, from the zone's holiday table.",
    },
    "schema.field.observation_time": {
        "fr": "Heure d'observation|Heure à laquelle on regarde l'annuaire chaque matin (HH:MM).",
        "en": "Observation time|Time the directory is looked at each morning (HH:MM).",
    },
    "schema.field.operation_time": {
        "fr": "Heure des opérations|Heure d'une opération datée sans heure (HH:MM).",
        "en": "Operation time|Time of an operation dated without time (HH:MM).",
    },
    "schema.field.date": {
        "fr": "Date|Date (JJ/MM/AAAA ou AAAA-MM-JJ, heure HH:MM en option), ou liste de dates d'une opération répétée.",
        "en": "Date|Date (DD/MM/YYYY or YYYY-MM-DD, optional time HH:MM), or the list of dates of a repeated operation.",
    },
    "schema.field.planned": {
        "fr": "Date prévue|Date prévue au calendrier (montrée sur la chronologie).",
        "en": "Planned date|Date planned in the calendar (shown on the timeline).",
    },
    "schema.field.missing": {
        "fr": "Non faite|true si l'opération n'est pas faite (alors sans date).",
        "en": "Not done|true if the operation is not done (then without date).",
    },
    "schema.field.forget_probability": {
        "fr": "Probabilité d'oubli|Pour l'analyse de risque (0 à 1).",
        "en": "Forget probability|For risk analysis (0 to 1).",
    },
    "schema.field.lateness": {
        "fr": "Retard|Loi du retard en jours travaillés, pour l'analyse de risque.",
        "en": "Lateness|Distribution of the lateness in working days, for risk analysis.",
    },
    "schema.field.share": {
        "fr": "Part|Part des faits traités (0 à 1], ou une part cumulée par date.",
        "en": "Share|Share of the facts handled (0 to 1], or one cumulative share per date.",
    },
    "schema.field.carry_structure": {
        "fr": "Reconduire la structure|Reconduire les divisions à la bascule.",
        "en": "Carry the structure|Carry the divisions over at the switch.",
    },
    "schema.field.carry_groups": {
        "fr": "Reconduire les groupes|Déconseillé : les groupes reconduits restent périmés.",
        "en": "Carry the groups|Discouraged: carried groups stay stale.",
    },
    "schema.field.delete_carried_groups": {
        "fr": "Supprimer les groupes reconduits|Lors de la vérification des divisions.",
        "en": "Delete carried groups|During the division check.",
    },
    "schema.field.recreate_share": {
        "fr": "Part recréée|Part des élèves recréés au lieu d'être transférés (doublons).",
        "en": "Recreated share|Share of students recreated instead of transferred (duplicates).",
    },
    "schema.field.delay": {
        "fr": "Délai|Durée avant que le résultat n'arrive (ex. 1j, 12h, 90min).",
        "en": "Delay|Time before the result lands (e.g. 1j, 12h, 90min).",
    },
    "schema.field.kind": {
        "fr": "Type|Type de loi ou de changement.",
        "en": "Kind|Kind of distribution or change.",
    },
    "schema.field.min": {
        "fr": "Minimum|Retard minimum (jours travaillés).",
        "en": "Minimum|Minimum lateness (working days).",
    },
    "schema.field.mode": {
        "fr": "Mode|Retard le plus fréquent (jours travaillés), ou mode du traitement.",
        "en": "Mode|Most frequent lateness (working days), or the batch's mode.",
    },
    "schema.field.max": {
        "fr": "Maximum|Retard maximum (jours travaillés).",
        "en": "Maximum|Maximum lateness (working days).",
    },
    "schema.field.median": {
        "fr": "Médiane|Retard médian (jours travaillés).",
        "en": "Median|Median lateness (working days).",
    },
    "schema.field.sigma": {
        "fr": "Dispersion|Écart type du logarithme du retard.",
        "en": "Spread|Standard deviation of the lateness' logarithm.",
    },
    "schema.field.values": {
        "fr": "Valeurs|Retards observés (jours travaillés).",
        "en": "Values|Observed lateness (working days).",
    },
    "schema.field.weights": {
        "fr": "Poids|Un poids par valeur.",
        "en": "Weights|One weight per value.",
    },
    "schema.field.at": {
        "fr": "Heure|Heure de passage du traitement (HH:MM).",
        "en": "Time|Time the batch runs (HH:MM).",
    },
    "schema.field.days": {
        "fr": "Jours|Jours de passage (lundi … dimanche, ou 0 = lundi … 6 = dimanche).",
        "en": "Days|Days it runs (monday … sunday, or 0 = Monday … 6 = Sunday).",
    },
    "schema.field.outages": {
        "fr": "Pannes|Périodes sans traitement.",
        "en": "Outages|Periods without the batch.",
    },
    "schema.field.failure_probability": {
        "fr": "Probabilité d'échec|Probabilité qu'une nuit échoue, pour l'analyse de risque.",
        "en": "Failure probability|Probability that a night fails, for risk analysis.",
    },
    "schema.field.full_days": {
        "fr": "Jours d'extraction complète|Jours de la semaine où l'extraction est complète.",
        "en": "Full extraction days|Weekdays with a full extraction.",
    },
    "schema.field.full_on": {
        "fr": "Extractions complètes datées|Dates d'extractions complètes supplémentaires.",
        "en": "Dated full extractions|Dates of extra full extractions.",
    },
    "schema.field.full_at_rentree": {
        "fr": "Complète à la rentrée|Extraction complète le jour de la rentrée.",
        "en": "Full at the rentrée|Full extraction on the rentrée day.",
    },
    "schema.field.sts_delay": {
        "fr": "Délai STS-WEB|Délai supplémentaire des données STS-WEB vers l'AAF.",
        "en": "STS-WEB delay|Extra delay of STS-WEB data to the AAF.",
    },
    "schema.field.snapshot": {
        "fr": "SIECLE exporté|previous_night (veille : l'export XML de SIECLE montre ce qui a été saisi jusqu'à la veille au soir) ou live (en_direct : SIECLE tel qu'il est à l'heure de l'export).",
        "en": "SIECLE exported|previous_night (SIECLE's XML export shows what was typed in up to the evening before) or live (SIECLE as it is at the export's minute).",
    },
    "schema.field.removal": {
        "fr": "Retrait des comptes|every_import (à chaque import, comme entcore : un absent est marqué disparu et gardé jusqu'à la présuppression) ou full_only (seulement après une extraction complète, sans présuppression).",
        "en": "Account removal|every_import (at each import, as entcore: a missing user is marked disappeared and kept until the pre-delete) or full_only (only after a full extraction, no pre-delete).",
    },
    "schema.field.after": {
        "fr": "Délai avant présuppression|Temps entre la disparition d'un compte et son retrait des classes, des groupes et du GAR (90j par défaut, 400j au plus).",
        "en": "Delay before pre-delete|Time between an account's disappearance and its removal from classes, groups and GAR (90d by default, 400d at most).",
    },
    "schema.field.delete_after": {
        "fr": "Délai avant suppression|Temps entre la présuppression et la suppression définitive du compte (90j par défaut, 400j au plus).",
        "en": "Delay before deletion|Time between the pre-delete and the account's final deletion (90d by default, 400d at most).",
    },
    "schema.field.ent_groups_from_timetable": {
        "fr": "Groupes de l'ENT depuis l'emploi du temps|L'ENT prend ses groupes dans son propre import de l'emploi du temps et ignore ceux de l'annuaire (règle 13).",
        "en": "ENT groups from the timetable|The ENT takes its groups from its own timetable import and ignores the directory's (rule 13).",
    },
    "schema.field.working_days": {
        "fr": "Jours travaillés|Jours de la semaine où le secrétariat travaille (lundi à vendredi par défaut) ; jamais les jours fériés ni les fermetures.",
        "en": "Working days|Weekdays the staff work (Monday to Friday by default); never public holidays nor closures.",
    },
    "schema.field.closed": {
        "fr": "Fermetures|Périodes où l'établissement est fermé (premier et dernier jour compris) : aucune opération manuelle n'y est faite ni proposée.",
        "en": "Closures|Periods the établissement is closed (first and last day included): no manual operation is done or proposed then.",
    },
    "schema.field.fixed": {
        "fr": "Date fixée|Date que l'établissement ne choisit pas (académie, AFFELNET) : le plan ne la déplace jamais.",
        "en": "Fixed date|A date the établissement does not choose (académie, AFFELNET): the plan never moves it.",
    },
    "schema.field.not_before": {
        "fr": "Pas avant|Date au plus tôt que le plan peut proposer pour cette opération.",
        "en": "Not before|Earliest date the plan may propose for this operation.",
    },
    "schema.field.not_after": {
        "fr": "Pas après|Date au plus tard que le plan peut proposer pour cette opération.",
        "en": "Not after|Latest date the plan may propose for this operation.",
    },
    "schema.field.count": {
        "fr": "Nombre|Nombre d'élèves concernés.",
        "en": "Count|Number of students concerned.",
    },
    "schema.field.level": {
        "fr": "Niveau|2nde, 1re ou Tle (par défaut : tous).",
        "en": "Level|2nde, 1re or Tle (default: all).",
    },
    "schema.field.origin": {
        "fr": "Origine|Origine des arrivants.",
        "en": "Origin|Origin of the newcomers.",
    },
    "schema.field.recorded_after": {
        "fr": "Saisi après|Délai avant la saisie par le secrétariat.",
        "en": "Recorded after|Delay before the office types it in.",
    },
}
