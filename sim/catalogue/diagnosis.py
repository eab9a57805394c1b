"""Messages of the diagnosis of a lycée's exports: each rule's title, effect and action."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "diagnosis.title": {
        "fr": "Diagnostic des exports du lycée {uai} (année {year}), au {on}",
        "en": "Diagnosis of the exports of lycée {uai} (year {year}), on {on}",
    },
    "diagnosis.sizes": {"fr": "lu : {sizes} (STS-WEB)", "en": "read: {sizes} (STS-WEB)"},
    "diagnosis.size_students": {
        "fr": "{count} élèves actifs",
        "fr_one": "{count} élève actif",
        "en": "{count} active students",
        "en_one": "{count} active student",
    },
    "diagnosis.size_divisions": {
        "fr": "{count} divisions",
        "fr_one": "{count} division",
        "en": "{count} divisions",
        "en_one": "{count} division",
    },
    "diagnosis.size_groups": {
        "fr": "{count} groupes",
        "fr_one": "{count} groupe",
        "en": "{count} groups",
        "en_one": "{count} group",
    },
    "diagnosis.size_services": {
        "fr": "{count} services",
        "fr_one": "{count} service",
        "en": "{count} services",
        "en_one": "{count} service",
    },
    "diagnosis.key": {
        "fr": "fichiers lus (clé de pseudonymisation {fingerprint}) :",
        "en": "files read (pseudonymisation key {fingerprint}):",
    },
    "diagnosis.export_date": {"fr": "exporté le {date}", "en": "exported on {date}"},
    "diagnosis.counts": {
        "fr": "{blocking} bloquants, {warning} à vérifier, {info} pour information",
        "fr_one": "{blocking} bloquant, {warning} à vérifier, {info} pour information",
        "en": "{blocking} blocking, {warning} to check, {info} for information",
        "en_one": "{blocking} blocking, {warning} to check, {info} for information",
        "by": "blocking",
    },
    "diagnosis.clean": {
        "fr": "aucun défaut trouvé dans ces exports : ce qu'ils montrent arrive dans l'ENT la "
        "nuit qui suit la saisie et dans le GAR la nuit d'après (une nuit de plus pour "
        "STS-WEB)",
        "en": "no defect found in these exports: what they show reaches the ENT the night "
        "after it was typed and GAR the night after that (one more night for STS-WEB)",
    },
    "diagnosis.lag": {
        "fr": "à savoir : les exports SIECLE reflètent la saisie de la veille ; une correction "
        "saisie aujourd'hui dans SIECLE arrive dans l'ENT la nuit suivante et dans le GAR la "
        "nuit d'après, une correction dans STS-WEB (structure, services) une nuit plus tard",
        "en": "note: SIECLE exports reflect what was typed the day before; a fix typed into "
        "SIECLE today reaches the ENT the next night and GAR the night after, a fix in STS-WEB "
        "(structure, services) one night later",
    },
    "diagnosis.pseudonyms": {
        "fr": "les élèves et les personnes sont désignés par des pseudonymes (E-…, R-…, P-…) ; "
        "aucun nom, date de naissance ni identifiant national n'est affiché",
        "en": "students and people are shown as pseudonyms (E-…, R-…, P-…); no name, birth "
        "date or national id is shown",
    },
    "diagnosis.severity.bloquant": {"fr": "BLOQUANT", "en": "BLOCKING"},
    "diagnosis.severity.attention": {"fr": "À VÉRIFIER", "en": "TO CHECK"},
    "diagnosis.severity.info": {"fr": "INFO", "en": "INFO"},
    "diagnosis.finding": {
        "fr": "[{severity}] {title} : {count}",
        "en": "[{severity}] {title}: {count}",
    },
    "diagnosis.finding_heading": {"fr": "{severity} — {title} : ", "en": "{severity} — {title}: "},
    "diagnosis.examples": {"fr": "exemples : {examples}", "en": "examples: {examples}"},
    "diagnosis.more": {"fr": "… et {count} autres", "en": "… and {count} more"},
    "diagnosis.effect": {"fr": "effet : {text}", "en": "effect: {text}"},
    "diagnosis.action": {"fr": "à faire : {text}", "en": "to do: {text}"},
    "diagnosis.date_before_export": {
        "fr": "la date du diagnostic ({on}) précède l'export du {exported} : choisissez une "
        "date égale ou postérieure",
        "en": "the diagnosis date ({on}) is before the export of {exported}: choose that "
        "date or a later one",
    },
    "diagnosis.day_outside_year": {
        "fr": "--au : le {on} n'est pas dans l'année scolaire {year} des fichiers (de mai {year} à "
        "août {next})",
        "en": "--au: {on} is not in the files' school year {year} (May {year} to August {next})",
    },
    "diagnosis.no_date": {
        "fr": "aucune date d'export dans les fichiers SIECLE : donnez la date avec --au",
        "en": "no export date in the SIECLE files: give the date with --au",
    },
}

_RULES: dict[str, tuple[tuple[str, str], tuple[str, str], tuple[str, str]]] = {
    "structure_absente_siecle": (
        (
            "divisions et groupes de STS-WEB absents de SIECLE",
            "STS-WEB divisions and groups missing from SIECLE",
        ),
        (
            "les liens élèves → groupes vers ces structures sont rejetés à l'import dans SIECLE "
            "(« groupe inexistant ») ; les élèves n'y sont ni dans l'ENT ni dans le GAR",
            "student → group links to these structures are rejected by SIECLE's import "
            "('groupe inexistant'); their students are in them neither in the ENT nor in GAR",
        ),
        (
            "attendre la copie automatique STS-WEB → SIECLE (un jour, parfois deux), puis "
            "exporter les liens depuis l'emploi du temps ; pas avant",
            "wait for the automatic STS-WEB → SIECLE copy (one day, sometimes two), then export "
            "the links from the timetable software; not before",
        ),
    ),
    "structure_eleve_inconnue": (
        (
            "élèves placés dans des structures absentes de Structures.xml",
            "students placed in structures Structures.xml lacks",
        ),
        (
            "{students} élève(s) sont placés dans des divisions ou groupes absents de "
            "Structures.xml : ces structures sont dans SIECLE (un élève n'est placé que dans une "
            "structure de SIECLE), et une prévision les y prend ; si elles ont été supprimées "
            "entre les deux exports, ces élèves n'y seront pas dans l'ENT",
            "{students} student(s) are placed in divisions or groups Structures.xml lacks: "
            "these structures are in SIECLE (a student is only placed in a SIECLE structure), and "
            "a forecast takes them there; if they were deleted between the two exports, these "
            "students will not be in them in the ENT",
        ),
        (
            "vérifier ces structures dans STS-WEB, puis refaire l'export Structures.xml (et "
            "celui des élèves le même jour) pour un constat juste",
            "check these structures in STS-WEB, then export Structures.xml again (and the "
            "students' file the same day) for a right diagnosis",
        ),
    ),
    "services_non_remontes": (
        (
            "aucun service d'enseignement dans STS-WEB (divisions concernées)",
            "no teaching service in STS-WEB (divisions concerned)",
        ),
        (
            "aucun enseignant n'est rattaché à ses classes : pas d'affectation enseignant × "
            "classe × matière dans le GAR, donc pas de manuels numériques attribuables",
            "no teacher is attached to their classes: no teacher × class × subject in GAR, so "
            "no digital textbook can be assigned",
        ),
        (
            "remonter les services depuis le logiciel d'emploi du temps vers STS-WEB",
            "send the services up from the timetable software to STS-WEB",
        ),
    ),
    "division_sans_service": (
        ("divisions avec élèves mais sans service", "divisions with students and no service"),
        (
            "pas d'affectation enseignant × classe × matière dans le GAR pour ces classes",
            "no teacher × class × subject entry in GAR for these classes",
        ),
        (
            "compléter les services de ces divisions dans l'emploi du temps et les remonter "
            "vers STS-WEB",
            "complete these divisions' services in the timetable software and send them up "
            "to STS-WEB",
        ),
    ),
    "service_incomplet": (
        (
            "services dont l'enseignant, la matière ou la division n'est pas dans STS-WEB",
            "services whose teacher, subject or division is not in STS-WEB",
        ),
        (
            "seul ce que le logiciel d'emploi du temps a rapproché de STS-WEB est transmis : "
            "ces services manqueront dans l'ENT et le GAR",
            "only what the timetable software matched with STS-WEB is sent: these services "
            "will be missing from the ENT and GAR",
        ),
        (
            "rapprocher l'enseignant, la matière ou la division dans l'emploi du temps, puis "
            "remonter à nouveau les services",
            "match the teacher, subject or division in the timetable software, then send the "
            "services up again",
        ),
    ),
    "eleve_sans_division": (
        ("élèves sans division", "students without a division"),
        (
            "sans classe dans le GAR, l'élève n'accède à aucune ressource attribuée à sa classe",
            "without a class in GAR, the student reaches no resource assigned to a class",
        ),
        (
            "affecter ces élèves à une division dans SIECLE",
            "place these students in a division in SIECLE",
        ),
    ),
    "liens_non_exportes": (
        (
            "élèves sans aucun groupe, l'export des liens élèves → groupes n'étant pas fait",
            "students without any group, the student → group link export not being done",
        ),
        (
            "les groupes (langues, spécialités, options) sont vides dans l'ENT et absents du GAR",
            "groups (languages, specialities, options) are empty in the ENT and absent from GAR",
        ),
        (
            "exporter SIECLE vers l'emploi du temps, puis les liens de l'emploi du temps vers "
            "SIECLE (l'import remplace les liens : ne pas en saisir à la main avant)",
            "export SIECLE to the timetable software, then the links from the timetable to "
            "SIECLE (the import replaces links: do not type any by hand before)",
        ),
    ),
    "aucun_groupe": (
        (
            "aucun groupe dans STS-WEB ni dans SIECLE (divisions dont les élèves n'ont aucun "
            "groupe)",
            "no group in STS-WEB nor in SIECLE (divisions whose students have no group)",
        ),
        (
            "normal seulement pour un lycée sans groupes ; sinon l'ENT n'aura aucun groupe "
            "(langues, spécialités, options) et le GAR aucune affectation par groupe : les "
            "élèves n'y voient ni leurs groupes ni les ressources de leurs enseignants de groupe",
            "normal only for a lycée without groups; otherwise the ENT will have no group "
            "(languages, specialities, options) and GAR no assignment by group: students see "
            "neither their groups nor their group teachers' resources",
        ),
        (
            "construire les groupes dans l'emploi du temps et remonter structure et services "
            "vers STS-WEB, puis, une fois les groupes arrivés dans SIECLE (le lendemain), "
            "exporter les liens élèves-groupes vers SIECLE",
            "build the groups in the timetable software and send the structure and services up "
            "to STS-WEB, then, once the groups are in SIECLE (the next day), export the "
            "student-group links to SIECLE",
        ),
    ),
    "eleve_sans_groupe": (
        (
            "élèves sans groupe alors que la plupart de leur classe en a",
            "students without a group while most of their class have groups",
        ),
        (
            "absents de leurs groupes de langue ou de spécialité dans l'ENT et le GAR ; le plus "
            "souvent des arrivées tardives que l'emploi du temps ne connaît pas",
            "missing from their language or speciality groups in the ENT and GAR; most often "
            "late arrivals the timetable software does not know",
        ),
        (
            "refaire l'export SIECLE → emploi du temps, placer ces élèves dans leurs groupes, "
            "puis refaire l'export des liens vers SIECLE",
            "export SIECLE to the timetable software again, place these students in their "
            "groups, then export the links to SIECLE again",
        ),
    ),
    "groupe_reconduit": (
        (
            "groupes probablement reconduits de l'an dernier",
            "groups probably carried over from last year",
        ),
        (
            "ils restent dans l'annuaire comme groupes périmés tant qu'ils ne sont pas supprimés",
            "they stay in the directory as stale groups until deleted",
        ),
        ("les supprimer dans STS-WEB s'ils ne servent plus", "delete them in STS-WEB if unused"),
    ),
    "division_sans_eleve": (
        ("divisions sans élève dans SIECLE", "divisions with no student in SIECLE"),
        (
            "l'ENT garde une classe tant qu'un enseignant y a un service, et le GAR la reçoit, "
            "sans élève ; sans service non plus, l'ENT la supprime à l'import : division "
            "obsolète, ou élèves pas encore affectés",
            "the ENT keeps a class while a teacher has a service in it, and GAR receives it, "
            "with no student; with no service either, the ENT deletes it at import: an obsolete "
            "division, or students not placed yet",
        ),
        (
            "supprimer dans STS-WEB celles qui sont obsolètes ; affecter leurs élèves aux autres",
            "delete the obsolete ones in STS-WEB; place their students in the others",
        ),
    ),
    "groupe_sans_eleve": (
        ("groupes sans élève dans SIECLE", "groups with no student in SIECLE"),
        (
            "l'ENT garde un groupe tant qu'un enseignant y a un service, et le GAR le reçoit, "
            "sans élève ; sans service, l'ENT le supprime à l'import : le plus souvent, les "
            "liens élèves → groupes ne sont pas encore importés",
            "the ENT keeps a group while a teacher has a service in it, and GAR receives it, "
            "with no student; with no service, the ENT deletes it at import: most often the "
            "student → group links are not imported yet",
        ),
        (
            "exporter les liens depuis l'emploi du temps (ou supprimer le groupe s'il ne sert pas)",
            "export the links from the timetable software (or delete the group if unused)",
        ),
    ),
    "doublon_probable": (
        (
            "doublons probables (même nom et date de naissance, ou même INE)",
            "probable duplicates (same name and birth date, or same INE)",
        ),
        (
            "même nom et date de naissance : l'ENT garde deux comptes pour un même élève, "
            "l'ancien « disparu » avec ses classes ; même INE : l'ENT rapproche les deux fiches "
            "en un compte, mais SIECLE en garde deux",
            "same name and birth date: the ENT keeps two accounts for one student, the old one "
            "'disappeared' with its classes; same INE: the ENT merges the two records into one "
            "account, but SIECLE keeps two",
        ),
        (
            "fusionner les fiches dans SIECLE ; un élève venu d'un autre établissement de "
            "l'académie se transfère, il ne se recrée pas",
            "merge the records in SIECLE; a student from another school of the académie is "
            "transferred, not created again",
        ),
    ),
    "eleve_plusieurs_divisions": (
        ("élèves dans plusieurs divisions", "students in several divisions"),
        (
            "l'annuaire ne garde qu'une classe : l'élève peut se retrouver dans la mauvaise",
            "the directory keeps one class only: the student may end up in the wrong one",
        ),
        ("corriger l'affectation dans SIECLE", "correct the placement in SIECLE"),
    ),
    "eleve_sans_responsable": (
        ("élèves sans responsable légal", "students without a legal guardian"),
        (
            "aucun compte parent ne leur est rattaché dans l'ENT",
            "no parent account is attached to them in the ENT",
        ),
        ("saisir les responsables légaux dans SIECLE", "enter the legal guardians in SIECLE"),
    ),
    "responsable_legal_double": (
        (
            "élèves avec deux responsables au même rang (RESP_LEGAL)",
            "students with two guardians at the same rank (RESP_LEGAL)",
        ),
        (
            "anomalie SIECLE : un des deux comptes parents peut manquer dans l'ENT",
            "SIECLE anomaly: one of the two parent accounts may be missing from the ENT",
        ),
        ("corriger le rang des responsables dans SIECLE", "correct the guardians' ranks in SIECLE"),
    ),
    "eleve_sorti_place": (
        (
            "élèves sortis encore dans une division ou un groupe",
            "students who left and are still in a division or group",
        ),
        (
            "ils disparaissent de l'ENT mais y restent membres de leurs classes jusqu'à la "
            "présuppression (90 jours par défaut)",
            "they disappear from the ENT but stay members of their classes until pre-deletion "
            "(90 days by default)",
        ),
        ("rien d'urgent ; vérifier les dates de sortie", "nothing urgent; check the exit dates"),
    ),
    "structures_sans_eleve_connu": (
        (
            "élèves avec des structures mais absents de la liste des élèves",
            "students with structures but missing from the students list",
        ),
        (
            "export incomplet : ces rattachements ne correspondent à aucun élève",
            "incomplete export: these placements match no student",
        ),
        ("refaire l'export ElevesSansAdresses", "export ElevesSansAdresses again"),
    ),
    "responsable_eleve_inconnu": (
        (
            "élèves nommés par des responsables mais absents de la liste des élèves",
            "students named by guardians but missing from the students list",
        ),
        (
            "exports faits à des jours différents ? ces liens de responsables ne rattachent "
            "aucun élève : l'import les ignore",
            "exports made on different days? these guardian links attach no student: the "
            "import ignores them",
        ),
        (
            "refaire ElevesSansAdresses et ResponsablesAvecAdresses le même jour",
            "export ElevesSansAdresses and ResponsablesAvecAdresses again on the same day",
        ),
    ),
    "export_eleves_incomplet": (
        (
            "export des élèves incomplet : élèves placés dans des structures mais absents de la "
            "liste des élèves",
            "incomplete students export: students placed in structures but missing from the "
            "students list",
        ),
        (
            "élèves actifs dans la liste : {listed} ; le constat et la prévision ne voient "
            "qu'eux, une partie du lycée seulement",
            "active students in the list: {listed}; the diagnosis and the forecast see only "
            "them, part of the lycée only",
        ),
        (
            "refaire l'export ElevesSansAdresses de tout l'établissement, puis relancer le "
            "diagnostic",
            "export ElevesSansAdresses again for the whole lycée, then run the diagnosis again",
        ),
    ),
    "export_ancien": (
        ("export SIECLE ancien (date du plus ancien)", "old SIECLE export (date of the oldest)"),
        (
            "le constat décrit l'état d'il y a {days} jours",
            "the diagnosis describes the state of {days} days ago",
        ),
        (
            "refaire les exports SIECLE pour un constat à jour",
            "export the SIECLE files again for an up-to-date diagnosis",
        ),
    ),
    "exports_jours_differents": (
        (
            "fichiers SIECLE exportés à des jours différents (fichier et date d'export)",
            "SIECLE files exported on different days (file and export date)",
        ),
        (
            "{days} jour(s) les séparent : un constat qui rapproche ces fichiers (structures "
            "des élèves inconnues, groupes sans élève, élèves sans responsable) peut ne venir "
            "que de ce décalage ; la prévision lit chaque fichier tel qu'il est, comme s'il "
            "datait du plus récent",
            "{days} day(s) apart: a finding that compares these files (unknown student "
            "structures, groups without students, students without guardians) may come from "
            "that gap alone; the forecast reads each file as it is, as if it were of the "
            "latest day",
        ),
        (
            "refaire les exports SIECLE le même jour, puis relancer le diagnostic",
            "export the SIECLE files again on the same day, then run the diagnosis again",
        ),
    ),
}

for _rule, (_title, _effect, _action) in _RULES.items():
    for _part, (_fr, _en) in (("title", _title), ("effect", _effect), ("action", _action)):
        MESSAGES[f"diagnosis.rule.{_rule}.{_part}"] = {"fr": _fr, "en": _en}
# effects that count something agree in number with it (see sim.i18n.t)
MESSAGES.update(
    {
        "diagnosis.rule.export_ancien.effect": {
            "fr": "le constat décrit l'état d'il y a {days} jours",
            "fr_one": "le constat décrit l'état d'il y a {days} jour",
            "en": "the diagnosis describes the state of {days} days ago",
            "en_one": "the diagnosis describes the state of {days} day ago",
            "by": "days",
        },
        "diagnosis.rule.structure_eleve_inconnue.effect": {
            "fr": "{students} élèves sont placés dans des divisions ou groupes absents de Structures.xml : ces structures sont dans SIECLE (un élève n'est placé que dans une structure de SIECLE), et une prévision les y prend ; si elles ont été supprimées entre les deux exports, ces élèves n'y seront pas dans l'ENT",
            "fr_one": "{students} élève est placé dans une division ou un groupe absent de Structures.xml : cette structure est dans SIECLE (un élève n'est placé que dans une structure de SIECLE), et une prévision l'y prend ; si elle a été supprimée entre les deux exports, cet élève n'y sera pas dans l'ENT",
            "en": "{students} students are placed in divisions or groups Structures.xml lacks: these structures are in SIECLE (a student is only placed in a SIECLE structure), and a forecast takes them there; if they were deleted between the two exports, these students will not be in them in the ENT",
            "en_one": "{students} student is placed in a division or group Structures.xml lacks: this structure is in SIECLE (a student is only placed in a SIECLE structure), and a forecast takes it there; if it was deleted between the two exports, this student will not be in it in the ENT",
            "by": "students",
        },
        "diagnosis.rule.exports_jours_differents.effect": {
            "fr": "{days} jours les séparent : un constat qui rapproche ces fichiers (structures des élèves inconnues, groupes sans élève, élèves sans responsable) peut ne venir que de ce décalage ; la prévision lit chaque fichier tel qu'il est, comme s'il datait du plus récent",
            "fr_one": "{days} jour les sépare : un constat qui rapproche ces fichiers (structures des élèves inconnues, groupes sans élève, élèves sans responsable) peut ne venir que de ce décalage ; la prévision lit chaque fichier tel qu'il est, comme s'il datait du plus récent",
            "en": "{days} days apart: a finding that compares these files (unknown student structures, groups without students, students without guardians) may come from that gap alone; the forecast reads each file as it is, as if it were of the latest day",
            "en_one": "{days} day apart: a finding that compares these files (unknown student structures, groups without students, students without guardians) may come from that gap alone; the forecast reads each file as it is, as if it were of the latest day",
            "by": "days",
        },
    }
)

MESSAGES.update(
    {
        "cli.diagnose_help": {
            "fr": "Diagnostic des exports STS-WEB et SIECLE du lycée : ce qui rendra l'ENT ou le "
            "GAR faux, pourquoi, et quoi faire. Rien n'est écrit, sauf la page demandée et, la "
            "première fois, la clé de pseudonymisation ; les personnes sont désignées par des "
            "pseudonymes. Code de sortie 0 même avec des défauts (ils sont dans --json).",
            "en": "Diagnose the lycée's STS-WEB and SIECLE exports: what will make the ENT "
            "or GAR wrong, why, and what to do. Nothing is written but the page asked for and, "
            "the first time, the pseudonymisation key; people are shown as pseudonyms. Exit "
            "code 0 even with defects (they are in --json).",
        },
        "cli.opt_sts": {
            "fr": "export STS-WEB « Emploi du temps » (sts_emp_UAI_année.xml, ou .zip)",
            "en": "STS-WEB timetable export (sts_emp_UAI_year.xml, or .zip)",
        },
        "cli.opt_eleves": {
            "fr": "export SIECLE ElevesSansAdresses (.xml ou .zip)",
            "en": "SIECLE ElevesSansAdresses export (.xml or .zip)",
        },
        "cli.opt_structures": {
            "fr": "export SIECLE Structures (.xml ou .zip)",
            "en": "SIECLE Structures export (.xml or .zip)",
        },
        "cli.opt_responsables": {
            "fr": "export SIECLE ResponsablesAvecAdresses (.xml ou .zip), facultatif",
            "en": "SIECLE ResponsablesAvecAdresses export (.xml or .zip), optional",
        },
        "cli.opt_diagnosis_day": {
            "fr": "jour du constat (JJ/MM/AAAA ou AAAA-MM-JJ ; par défaut la date d'export SIECLE)",
            "en": "day of the diagnosis (DD/MM/YYYY or YYYY-MM-DD; default the SIECLE export date)",
        },
        "cli.opt_diagnosis_page": {
            "fr": "écrire aussi le diagnostic dans une page HTML autonome",
            "en": "also write the diagnosis as a self-contained HTML page",
        },
    }
)

MESSAGES.update(
    {
        "cli.mv_rule": {"fr": "RÈGLE", "en": "RULE"},
        "cli.fixtures_help": {
            "fr": "Écrit des exports STS-WEB et SIECLE fictifs (noms inventés), aux formats "
            "réels, tirés du lycée d'un scénario : pour se former au diagnostic sans données "
            "réelles.",
            "en": "Write fictional STS-WEB and SIECLE exports (invented names), in the real "
            "formats, drawn from a scenario's lycée: to practise the diagnosis without real "
            "data.",
        },
        "cli.opt_fixtures_out": {
            "fr": "dossier où écrire les fichiers (nouveau, vide, ou écrit par rentree-sim)",
            "en": "folder to write the files into (new, empty, or written by rentree-sim)",
        },
        "cli.opt_fixtures_day": {
            "fr": "jour de l'export (JJ/MM/AAAA ou AAAA-MM-JJ ; par défaut la rentrée)",
            "en": "day of the export (DD/MM/YYYY or YYYY-MM-DD; default the rentrée)",
        },
        "cli.opt_fixtures_defect": {
            "fr": "planter un défaut, désigné par le code de sa règle ({codes}) ; l'option peut "
            "être répétée",
            "en": "plant a defect, named by its rule's code ({codes}); the option may be repeated",
        },
        "cli.fixtures_defect_none": {
            "fr": "le défaut {defect} n'a rien trouvé à changer dans les exports du {day} (ce "
            "qu'il casse n'existe pas encore ce jour-là, ou un autre défaut l'a déjà cassé) : "
            "il n'est pas dans les fichiers",
            "en": "the defect {defect} found nothing to change in the exports of {day} (what it "
            "breaks does not exist yet that day, or another defect broke it already): it is not "
            "in the files",
        },
        "cli.forecast_outside_window": {
            "fr": "le {day} est hors de la fenêtre de {scenario} (du {start} au {end}) : la "
            "prévision ne peut rien en dire ; choisissez --au dans la fenêtre, ou un autre "
            "scénario",
            "en": "{day} is outside {scenario}'s window ({start} to {end}): the forecast can "
            "say nothing of it; choose --au within the window, or another scenario",
        },
        "cli.opt_fixtures_plain": {
            "fr": "fichiers SIECLE en XML simple plutôt que zippés",
            "en": "SIECLE files as plain XML rather than zipped",
        },
        "cli.bad_defect": {
            "fr": "défaut « {value} » inconnu ; codes possibles : {allowed}",
            "en": "unknown defect '{value}'; possible codes: {allowed}",
        },
        "cli.fixtures_day_outside": {
            "fr": "le {day} est hors de la fenêtre du scénario (du {start} au {end})",
            "en": "{day} is outside the scenario's window ({start} to {end})",
        },
        "cli.fixtures_written": {
            "fr": "exports fictifs écrits dans {folder} : {files}",
            "en": "fictional exports written in {folder}: {files}",
        },
    }
)

MESSAGES.update(
    {
        "cli.mv_text": {"fr": "TEXTE", "en": "TEXT"},
        "cli.import_help": {
            "fr": "Importe les exports STS-WEB et SIECLE du lycée : écrit un scénario (qui "
            "reprend le calendrier d'un modèle) et son fichier de données, où les élèves, "
            "responsables et enseignants ne sont désignés que par des pseudonymes.",
            "en": "Import the lycée's STS-WEB and SIECLE exports: write a scenario (with a "
            "model's calendar) and its data file, where students, guardians and teachers are "
            "named by pseudonyms only.",
        },
        "cli.opt_import_out": {
            "fr": "scénario à écrire (.yaml) ; le fichier de données s'écrit à côté "
            "(NOM.donnees.json)",
            "en": "scenario to write (.yaml); the data file goes beside it (NAME.donnees.json)",
        },
        "cli.opt_import_model": {
            "fr": "scénario dont le calendrier est repris (par défaut scenarios/nominal.yaml)",
            "en": "scenario whose calendar is used (default scenarios/nominal.yaml)",
        },
        "cli.opt_import_name": {
            "fr": "nom du lycée dans le scénario (par défaut « Lycée UAI »)",
            "en": "the lycée's name in the scenario (default 'Lycée UAI')",
        },
        "cli.import_no_model": {
            "fr": "pas de {path} ici : donnez le scénario dont reprendre le calendrier avec "
            "--modele",
            "en": "no {path} here: give the scenario whose calendar to use with --modele",
        },
        "cli.import_year": {
            "fr": "les fichiers sont de l'année scolaire {year}, mais la rentrée de {model} est "
            "en {rentree} : choisissez un scénario de la même rentrée ({option})",
            "en": "the files are from school year {year}, but {model}'s rentrée is in "
            "{rentree}: choose a scenario of the same rentrée ({option})",
        },
        "cli.import_default_name": {"fr": "Lycée {uai}", "en": "Lycée {uai}"},
        "cli.import_done": {
            "fr": "Scénario écrit : {scenario} (données : {data}, lisibles par vous seul)",
            "en": "Scenario written: {scenario} (data: {data}, readable by you only)",
        },
        "cli.import_counts": {
            "fr": "importé : {students} élèves, {divisions} divisions, {groups} groupes, "
            "{teachers} enseignants, {services} services, {guardians}",
            "en": "imported: {students} students, {divisions} divisions, {groups} groups, "
            "{teachers} teachers, {services} services, {guardians}",
        },
        "cli.import_defects": {
            "fr": "ces fichiers ont {count} défauts bloquants : le scénario importé les prend pour la réalité, et sa simulation ne les montre pas ; « rentree-sim diagnostiquer » les liste, avec --scenario pour savoir quand l'ENT et le GAR seront justes",
            "fr_one": "ces fichiers ont {count} défaut bloquant : le scénario importé le prend pour la réalité, et sa simulation ne le montre pas ; « rentree-sim diagnostiquer » le décrit, avec --scenario pour savoir quand l'ENT et le GAR seront justes",
            "en": "these files have {count} blocking defects: the imported scenario takes them for the reality, and its simulation does not show them; 'rentree-sim diagnostiquer' lists them, with --scenario to know when the ENT and GAR will be right",
            "en_one": "these files have {count} blocking defect: the imported scenario takes it for the reality, and its simulation does not show it; 'rentree-sim diagnostiquer' describes it, with --scenario to know when the ENT and GAR will be right",
        },
        "cli.import_guardians": {
            "fr": "{count} responsables légaux",
            "en": "{count} legal guardians",
        },
        "cli.import_guardians_drawn": {
            "fr": "responsables tirés (pas de --responsables)",
            "en": "guardians drawn (no --responsables)",
        },
        "cli.import_origins": {
            "fr": "origine des élèves (d'après la scolarité de l'an dernier) : {origins}",
            "en": "students' origin (from last year's schooling): {origins}",
        },
        "cli.origin_returning": {"fr": "déjà au lycée", "en": "returning"},
        "cli.origin_affectation": {"fr": "affectés", "en": "assigned (AFFELNET)"},
        "cli.origin_transfer": {"fr": "transférés", "en": "transferred"},
        "cli.origin_external": {"fr": "sans scolarité connue", "en": "no known schooling"},
        "cli.import_levels": {
            "fr": "niveaux déduits des MEF (à corriger dans le fichier de données si besoin) : "
            "{levels}",
            "en": "levels inferred from the MEFs (correct them in the data file if needed): "
            "{levels}",
        },
        "cli.import_without_division": {
            "fr": "attention : {count} élèves sans division ne sont pas importés",
            "fr_one": "attention : {count} élève sans division n'est pas importé",
            "en": "warning: {count} students without a division are not imported",
            "en_one": "warning: {count} student without a division is not imported",
        },
        "cli.import_unknown_division": {
            "fr": "attention : {count} élèves dans une division inconnue de STS-WEB ne sont pas importés",
            "fr_one": "attention : {count} élève dans une division inconnue de STS-WEB n'est pas importé",
            "en": "warning: {count} students in a division STS-WEB does not know are not imported",
            "en_one": "warning: {count} student in a division STS-WEB does not know is not imported",
        },
        "cli.import_unknown_groups": {
            "fr": "attention : {count} liens vers des groupes inconnus de STS-WEB sont ignorés",
            "fr_one": "attention : {count} lien vers un groupe inconnu de STS-WEB est ignoré",
            "en": "warning: {count} links to groups STS-WEB does not know are ignored",
            "en_one": "warning: {count} link to a group STS-WEB does not know is ignored",
        },
        "cli.import_unknown_students_guardians": {
            "fr": "attention : {count} liens de ResponsablesAvecAdresses vers des élèves "
            "absents d'ElevesSansAdresses sont ignorés (exports faits à des jours différents ?)",
            "fr_one": "attention : {count} lien de ResponsablesAvecAdresses vers un élève "
            "absent d'ElevesSansAdresses est ignoré (exports faits à des jours différents ?)",
            "en": "warning: {count} links of ResponsablesAvecAdresses to students missing from "
            "ElevesSansAdresses are ignored (exports made on different days?)",
            "en_one": "warning: {count} link of ResponsablesAvecAdresses to a student missing "
            "from ElevesSansAdresses is ignored (exports made on different days?)",
        },
        "cli.import_inactive": {
            "fr": "{count} élèves sortis, pas encore arrivés ou inactifs ne sont pas importés",
            "fr_one": "{count} élève sorti, pas encore arrivé ou inactif n'est pas importé",
            "en": "{count} students who left, have not arrived yet or are inactive are not imported",
            "en_one": "{count} student who left, has not arrived yet or is inactive is not imported",
        },
        "cli.import_bad_name": {
            "fr": "--nom : 200 caractères au plus, sur une ligne, sans caractère de contrôle",
            "en": "--nom: at most 200 characters, on one line, no control character",
        },
        "cli.import_over_model": {
            "fr": "{path} est le modèle ou un fichier dont il hérite : choisissez un autre nom",
            "en": "{path} is the model or a file it extends: choose another name",
        },
        "cli.import_limit_students": {
            "fr": "plus de {limit} élèves : au-delà de ce que le modèle prend",
            "en": "more than {limit} students: beyond what the model takes",
        },
        "cli.forecast_impossible": {
            "fr": "pas de prévision : {reason} ; le diagnostic reste valable",
            "en": "no forecast: {reason}; the diagnosis stands",
        },
        "cli.import_none_students": {
            "fr": "aucun élève à importer à cette date (tous sortis, pas encore arrivés, ou sans "
            "division connue de STS-WEB)",
            "en": "no student to import on that day (all left, not arrived yet, or without a "
            "division STS-WEB knows)",
        },
        "cli.import_limit_divisions": {
            "fr": "plus de {limit} divisions : au-delà de ce que le modèle prend",
            "en": "more than {limit} divisions: beyond what the model takes",
        },
        "cli.import_none_divisions": {
            "fr": "aucune division avec des élèves dans STS-WEB : la structure de l'année y "
            "est-elle ?",
            "en": "no division with students in STS-WEB: is the year's structure there?",
        },
        "cli.import_no_links": {
            "fr": "attention : aucun élève n'a de groupe dans ces fichiers (liens pas encore "
            "exportés ?) : le lycée importé n'a donc pas de groupes ; importez plutôt des "
            "exports faits après l'export des liens",
            "en": "warning: no student has a group in these files (links not exported yet?): "
            "the imported lycée therefore has no groups; rather import exports made after the "
            "links export",
        },
        "cli.import_without_group": {
            "fr": "{count} élèves sans groupe sont importés tels quels (sans groupe)",
            "fr_one": "{count} élève sans groupe est importé tel quel (sans groupe)",
            "en": "{count} students without a group are imported as they are (no group)",
            "en_one": "{count} student without a group is imported as it is (no group)",
        },
        "cli.import_hint": {
            "fr": "conseil : « rentree-sim diagnostiquer » avec les mêmes fichiers dit ce qui "
            "ne va pas dans ces exports",
            "en": "tip: 'rentree-sim diagnostiquer' with the same files says what is wrong in "
            "these exports",
        },
        "cli.forecast_other_lycee": {
            "fr": "⚠ {scenario} est le scénario de l'UAI {other}, les fichiers ceux de l'UAI "
            "{uai} : la prévision prend de ce scénario son calendrier seulement (ses dates, ses "
            "pannes), et le lycée des fichiers",
            "en": "⚠ {scenario} is the scenario of UAI {other}, the files those of UAI {uai}: "
            "the forecast takes from this scenario its calendar only (its dates, its outages), "
            "and the lycée from the files",
        },
        "cli.import_exists": {
            "fr": "{files} existe déjà : l'import le remplacerait, avec les dates et les "
            "corrections faites à la main ; --remplacer pour le faire quand même, ou un autre "
            "nom avec -o",
            "en": "{files} already exists: the import would replace it, with the dates and the "
            "corrections made by hand; --replace to do it anyway, or another name with -o",
        },
        "cli.and": {"fr": " et ", "en": " and "},
        "quoted": {"fr": "« {text} »", "en": "'{text}'"},
        "cli.import_exist": {
            "fr": "{files} existent déjà : l'import les remplacerait, avec les dates et les "
            "corrections faites à la main ; --remplacer pour le faire quand même, ou un autre "
            "nom avec -o",
            "en": "{files} already exist: the import would replace them, with the dates and the "
            "corrections made by hand; --replace to do it anyway, or another name with -o",
        },
        "cli.opt_import_replace": {
            "fr": "remplacer le scénario et le fichier de données d'un import précédent (les "
            "corrections faites à la main y sont perdues)",
            "en": "replace the scenario and data file of an earlier import (corrections made by "
            "hand there are lost)",
        },
        "cli.import_replaces": {
            "fr": "{path} existait : il est remplacé (les corrections faites à la main, par "
            "exemple des niveaux, sont à refaire)",
            "en": "{path} existed: it is replaced (corrections made by hand, such as levels, "
            "must be made again)",
        },
        "cli.import_limit_groups": {
            "fr": "plus de {limit} groupes : au-delà de ce que le modèle prend",
            "en": "more than {limit} groups: beyond what the model takes",
        },
        "cli.import_limit_teachers": {
            "fr": "plus de {limit} enseignants : au-delà de ce que le modèle prend",
            "en": "more than {limit} teachers: beyond what the model takes",
        },
        "cli.import_limit_services": {
            "fr": "plus de {limit} services : au-delà de ce que le modèle prend",
            "en": "more than {limit} services: beyond what the model takes",
        },
        "cli.import_limit_guardians": {
            "fr": "plus de {limit} responsables légaux : au-delà de ce que le modèle prend",
            "en": "more than {limit} legal guardians: beyond what the model takes",
        },
        "cli.import_limit_groups_per_student": {
            "fr": "un élève est dans plus de {limit} groupes : au-delà de ce que le modèle prend",
            "en": "a student is in more than {limit} groups: beyond what the model takes",
        },
        "cli.import_limit_children": {
            "fr": "un responsable l'est de plus de {limit} élèves : au-delà de ce que le modèle "
            "prend",
            "en": "a guardian has more than {limit} students: beyond what the model takes",
        },
        "cli.import_empty_divisions": {
            "fr": "{count} divisions sans élève ne sont pas importées (l'ENT supprime une classe vide) : obsolètes ? le diagnostic les liste",
            "fr_one": "{count} division sans élève n'est pas importée (l'ENT supprime une classe vide) : obsolète ? le diagnostic la nomme",
            "en": "{count} divisions without students are not imported (the ENT deletes an empty class): obsolete? the diagnosis lists them",
            "en_one": "{count} division without students is not imported (the ENT deletes an empty class): obsolete? the diagnosis names it",
        },
        "cli.import_empty_groups": {
            "fr": "{count} groupes sans élève ne sont pas importés (reconduits de l'an dernier, ou liens pas encore faits : le diagnostic les liste)",
            "fr_one": "{count} groupe sans élève n'est pas importé (reconduit de l'an dernier, ou liens pas encore faits : le diagnostic le nomme)",
            "en": "{count} groups without students are not imported (carried over from last year, or links not made yet: the diagnosis lists them)",
            "en_one": "{count} group without students is not imported (carried over from last year, or links not made yet: the diagnosis names it)",
        },
        "cli.import_services_left_out": {
            "fr": "{count} services de divisions ou groupes non importés (sans élève, ou groupe sans division) sont laissés de côté",
            "fr_one": "{count} service d'une division ou d'un groupe non importé (sans élève, ou groupe sans division) est laissé de côté",
            "en": "{count} services of divisions or groups not imported (no student, or a group without divisions) are left out",
            "en_one": "{count} service of a division or group not imported (no student, or a group without divisions) is left out",
        },
        "cli.fixtures_imported": {
            "fr": "les exports fictifs se tirent d'un lycée fictif : ce scénario est celui d'un "
            "lycée importé (etablissement.donnees)",
            "en": "fictional exports come from a fictional lycée: this scenario is an imported "
            "one (etablissement.donnees)",
        },
        "cli.import_no_guardians": {
            "fr": "sans --responsables, les responsables sont tirés comme pour un lycée fictif "
            "(hypothèse)",
            "en": "without --responsables, guardians are drawn as for a fictional lycée "
            "(assumption)",
        },
        "import.scenario_header": {
            "fr": "Lycée {uai}, importé de ses exports STS-WEB et SIECLE de l'année {year}.\n"
            "Les personnes n'y sont désignées que par des pseudonymes (clé {fingerprint}) ;\n"
            "le fichier de données reste sur ce poste : ne le partagez pas.",
            "en": "Lycée {uai}, imported from its STS-WEB and SIECLE exports of year {year}.\n"
            "People are named by pseudonyms only (key {fingerprint});\n"
            "the data file stays on this computer: do not share it.",
        },
    }
)

MESSAGES.update(
    {
        "prediction.title": {
            "fr": "Prévision avec le calendrier de « {scenario} », à partir de l'état des fichiers :",
            "en": "Forecast with the calendar of '{scenario}', from the state of the files:",
        },
        "prediction.as_it_stands": {
            "fr": "si rien n'est refait : {dates}",
            "en": "if nothing is done again: {dates}",
        },
        "prediction.with_fixes": {
            "fr": "en faisant au plus tôt {operations} :",
            "en": "doing as soon as possible {operations}:",
        },
        "prediction.redone_item": {"fr": "{operation} le {day}", "en": "{operation} on {day}"},
        "prediction.target_ent": {
            "fr": "ENT juste (hors comptes de partants) à partir du {when}",
            "en": "ENT right (apart from departed accounts) from {when}",
        },
        "prediction.target_gar": {"fr": "GAR à partir du {when}", "en": "GAR from {when}"},
        "prediction.target_ent_already": {
            "fr": "ENT déjà juste (hors comptes de partants) depuis le {when}, pour ce que la "
            "prévision voit",
            "en": "ENT already right (apart from departed accounts) since {when}, as far as the "
            "forecast sees",
        },
        "prediction.target_gar_already": {
            "fr": "GAR déjà juste depuis le {when}, pour ce que la prévision voit",
            "en": "GAR already right since {when}, as far as the forecast sees",
        },
        "prediction.blocked": {
            "fr": "l'ENT et le GAR restent faux tant que les constats {findings} ne sont pas "
            "corrigés ; pour le reste : {dates}",
            "fr_one": "l'ENT et le GAR restent faux tant que le constat {findings} n'est pas "
            "corrigé ; pour le reste : {dates}",
            "en": "the ENT and GAR stay wrong as long as the findings {findings} are not "
            "corrected; for the rest: {dates}",
            "en_one": "the ENT and GAR stay wrong as long as the finding {findings} is not "
            "corrected; for the rest: {dates}",
        },
        "prediction.scenario_name": {
            "fr": "Prévision pour l'UAI {uai} (calendrier « {calendar} »)",
            "en": "Forecast for UAI {uai} (calendar '{calendar}')",
        },
        "prediction.left_out": {
            "fr": "{count} élèves sans division (ou dans une division inconnue de STS-WEB) ne sont pas dans la prévision : tant qu'ils n'ont pas de classe, ils restent faux",
            "fr_one": "{count} élève sans division (ou dans une division inconnue de STS-WEB) n'est pas dans la prévision : tant qu'il n'a pas de classe, il reste faux",
            "en": "{count} students without a division (or in one STS-WEB does not know) are not in the forecast: as long as they have no class, they stay wrong",
            "en_one": "{count} student without a division (or in one STS-WEB does not know) is not in the forecast: as long as they have no class, they stay wrong",
        },
        "prediction.target_ent_never": {
            "fr": "ENT pas juste d'ici le {end} (fin de la fenêtre du scénario)",
            "en": "ENT not right by {end} (the end of the scenario's window)",
        },
        "prediction.target_gar_never": {
            "fr": "GAR pas juste d'ici le {end} (fin de la fenêtre du scénario)",
            "en": "GAR not right by {end} (the end of the scenario's window)",
        },
        "prediction.step": {
            "fr": "étape qui fixe la date du GAR : {operation}",
            "en": "step that sets GAR's date: {operation}",
        },
        "prediction.assumed_services": {
            "fr": "{count} divisions sans service sont supposées avoir ceux de la première classe de leur niveau qui en a (ce que la réalité sera une fois les services remontés)",
            "fr_one": "{count} division sans service est supposée avoir ceux de la première classe de son niveau qui en a (ce que la réalité sera une fois les services remontés)",
            "en": "{count} divisions without a service are assumed to have those of the first class of their level that has some (the reality once the services are sent up)",
            "en_one": "{count} division without a service is assumed to have those of the first class of its level that has some (the reality once the services are sent up)",
        },
        "prediction.assumed_links": {
            "fr": "{count} élèves sans groupe sont supposés dans les groupes d'un camarade de leur classe (ce que la réalité sera une fois les liens faits)",
            "fr_one": "{count} élève sans groupe est supposé dans les groupes d'un camarade de sa classe (ce que la réalité sera une fois les liens faits)",
            "en": "{count} students without a group are assumed in a classmate's groups (what reality will be once the links are made)",
            "en_one": "{count} student without a group is assumed in a classmate's groups (what reality will be once the links are made)",
        },
        "prediction.fixes_unseen": {
            "fr": "les mêmes dates : elles viennent d'une opération plus tardive du calendrier, "
            "ou de ce que la prévision ne voit pas (voir l'avertissement plus haut)",
            "en": "the same dates: they come from a later operation of the calendar, or from "
            "what the forecast does not see (see the warning above)",
        },
        "prediction.fixes_later": {
            "fr": "les mêmes dates : elles viennent d'une opération plus tardive du calendrier",
            "en": "the same dates: they come from a later operation of the calendar",
        },
        "prediction.services_unknown": {
            "fr": "aucun service d'enseignement dans les fichiers : la prévision ne peut pas "
            "porter sur les services ni sur les affectations du GAR (seulement sur le reste)",
            "en": "no teaching service in the files: the forecast cannot cover services nor "
            "GAR's assignments (only the rest)",
        },
        "prediction.unseen": {
            "fr": "attention, les dates ci-dessous ne tiennent pas compte de {findings} : la "
            "prévision ne voit pas ces constats (elle part du lycée que décrivent les fichiers et "
            "ne simule pas tout), l'ENT ou le GAR peuvent rester faux pour eux",
            "en": "beware, the dates below do not account for {findings}: the forecast does not "
            "see these findings (it starts from the lycée the files describe and does not "
            "simulate everything), the ENT or GAR may stay wrong for them",
        },
        "prediction.usual_services": {
            "fr": "aucun service dans les fichiers : la prévision suppose pour chacune des "
            "{count} divisions les enseignements communs de son niveau, confiés tour à tour aux "
            "enseignants des fichiers ; ils arrivent par la remontée EDT → STS-WEB",
            "en": "no service in the files: the forecast gives each of the {count} divisions "
            "its level's common subjects, taught in turn by the files' teachers; they arrive by "
            "the timetable → STS-WEB upload",
        },
        "prediction.populated_groups": {
            "fr": "{count} groupes sans élève dans les fichiers sont supposés avoir des élèves "
            "de leurs divisions (chaque élève dans un groupe de chaque matière qu'il n'a pas "
            "encore, tour à tour : les effectifs sont des majorants) ; leurs liens attendent un "
            "export vers SIECLE",
            "fr_one": "{count} groupe sans élève dans les fichiers est supposé avoir des élèves "
            "de ses divisions (chaque élève dans un groupe de chaque matière qu'il n'a pas "
            "encore, tour à tour : l'effectif est un majorant) ; ses liens attendent un export "
            "vers SIECLE",
            "en": "{count} groups without students in the files are assumed to have students "
            "of their divisions (each student in one group of each subject it has none of, in "
            "turn: the sizes are upper bounds); their links wait for an export to SIECLE",
            "en_one": "{count} group without students in the files is assumed to have students "
            "of its divisions (each student in one group of each subject it has none of, in "
            "turn: the size is an upper bound); its links wait for an export to SIECLE",
        },
        "prediction.assumed_groups": {
            "fr": "aucun groupe dans les fichiers : la prévision suppose les {count} groupes du "
            "modèle (langues par blocs de classes, spécialités, options), avec leurs élèves et "
            "un enseignant chacun pris parmi ceux des fichiers ; ils arrivent par la remontée "
            "EDT → STS-WEB puis l'export des liens (si le lycée n'a vraiment aucun groupe, "
            "cette hypothèse est fausse et les dates ci-dessus aussi)",
            "en": "no group in the files: the forecast assumes the model's {count} groups "
            "(languages by blocks of classes, specialities, options), with their students and "
            "one teacher each taken from the files; they arrive by the timetable → STS-WEB "
            "upload then the links export (if the lycée really has no group, this assumption "
            "is wrong, and so are the dates above)",
        },
        "prediction.links_unknown": {
            "fr": "aucun lien élève → groupe n'est connu : la prévision ne peut pas porter sur "
            "les groupes des élèves (seulement sur le reste)",
            "en": "no student → group link is known: the forecast cannot cover students' "
            "groups (only the rest)",
        },
        "prediction.assumptions": {
            "fr": "hypothèses : les exports du {day} montrent la saisie de la veille ; le {when}, "
            "juste avant l'extraction vers l'AAF, STS-WEB et SIECLE prennent ce que montrent les "
            "fichiers (hors ce que l'import écarte ; ce qui manque à SIECLE de la structure de "
            "STS-WEB y arrive par la copie automatique STS-WEB → SIECLE ; ce qui y entre "
            "ensuite avant minuit, saisi tard ou copié, figure déjà dans les fichiers, qui y "
            "sont remis à minuit) ; les opérations que "
            "les constats ne mettent pas en cause sont faites aux dates du scénario ; l'emploi "
            "du temps, l'AAF, l'ENT et le GAR sont ceux du scénario jusque-là (aucun export de "
            "l'ENT n'est lu)",
            "en": "assumptions: the exports of {day} show what was typed in up to the day "
            "before; on {when}, just before the extraction to the AAF, STS-WEB and SIECLE take "
            "what the files show (less what the import leaves out; what SIECLE lacks of "
            "STS-WEB's structure reaches it by the automatic STS-WEB → SIECLE copy; what enters "
            "them later before midnight, typed late or copied, is in the files already, which "
            "are put in again at midnight); operations "
            "the findings do not question are done on the scenario's dates; the timetable "
            "software, the AAF, the ENT and GAR are the scenario's until then (no ENT export is "
            "read)",
        },
        "cli.opt_diagnosis_scenario": {
            "fr": "scénario dont le calendrier continue : prévoit quand l'ENT et le GAR seront "
            "justes, sans rien refaire et en refaisant au plus tôt ce que les constats demandent",
            "en": "scenario whose calendar goes on: forecasts when the ENT and GAR will be "
            "right, doing nothing again and doing what the findings call for as soon as possible",
        },
    }
)
