"""Messages about a lycée's own export files: reading them safely, and the key."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # --- where -------------------------------------------------------------------------
    "import.in_archive": {
        "fr": "{archive} (fichier « {member} »)",
        "en": "{archive} (member '{member}')",
    },
    "import.error_element": {
        "fr": "{file}, élément « {element} » : {rule}",
        "en": "{file}, element '{element}': {rule}",
    },
    "import.folder_incomplete": {
        "fr": (
            "{folder} : il manque l'export STS-WEB (sts_emp_*), ElevesSansAdresses ou"
            " Structures (.xml ou .zip)"
        ),
        "en": (
            "{folder}: the STS-WEB export (sts_emp_*), ElevesSansAdresses or Structures"
            " (.xml or .zip) is missing"
        ),
    },
    # --- the exports, by their root ------------------------------------------------------
    "import.kind_sts": {
        "fr": "l'export STS-WEB « Emploi du temps » (sts_emp_UAI_année.xml)",
        "en": "the STS-WEB timetable export (sts_emp_UAI_year.xml)",
    },
    "import.kind_eleves": {
        "fr": "l'export SIECLE des élèves (ElevesSansAdresses.xml)",
        "en": "the SIECLE students export (ElevesSansAdresses.xml)",
    },
    "import.kind_structures": {
        "fr": "l'export SIECLE des structures (Structures.xml)",
        "en": "the SIECLE structures export (Structures.xml)",
    },
    "import.kind_responsables": {
        "fr": "l'export SIECLE des responsables (ResponsablesAvecAdresses.xml)",
        "en": "the SIECLE guardians export (ResponsablesAvecAdresses.xml)",
    },
    "import.kind_nomenclatures": {
        "fr": "l'export SIECLE des nomenclatures (Nomenclature.xml)",
        "en": "the SIECLE nomenclatures export (Nomenclature.xml)",
    },
    "import.root_other_export": {
        "fr": "ce fichier est {found}, pas {wanted}",
        "en": "this file is {found}, not {wanted}",
    },
    "import.root_edt_sts": {
        "fr": "ce fichier est l'export du logiciel d'emploi du temps vers STS-WEB (EDT_STS), "
        "pas {wanted} : exportez-le depuis STS-WEB, menu Exports > Emploi du temps",
        "en": "this file is the timetable software's upload to STS-WEB (EDT_STS), not "
        "{wanted}: export it from STS-WEB, Exports > Emploi du temps",
    },
    "import.root_unknown": {
        "fr": "élément racine « {root} » inconnu : {wanted} était attendu",
        "en": "unknown root element '{root}': {wanted} was expected",
    },
    # --- reading -------------------------------------------------------------------------
    "import.file_missing": {"fr": "fichier introuvable", "en": "file not found"},
    "import.file_is_directory": {
        "fr": "c'est un dossier : donnez le fichier d'export (.xml ou .zip)",
        "en": "this is a folder: give the export file (.xml or .zip)",
    },
    "import.file_empty": {"fr": "le fichier est vide", "en": "the file is empty"},
    "import.xml_too_large": {
        "fr": "plus de {limit} Mo de XML : ce n'est pas l'export d'un lycée",
        "en": "more than {limit} MB of XML: this is not one lycée's export",
    },
    "import.archive_unreadable": {
        "fr": "archive zip illisible ou tronquée",
        "en": "unreadable or truncated zip archive",
    },
    "import.archive_empty": {
        "fr": "l'archive zip est vide : elle ne contient aucun fichier",
        "en": "the zip archive is empty: it holds no file",
    },
    "import.not_xml_text": {
        "fr": "ce n'est pas un export XML mais un texte (un tableau CSV ?) : prenez le fichier "
        "tel que STS-WEB ou SIECLE l'a exporté",
        "en": "this is not an XML export but text (a CSV table?): take the file as STS-WEB or "
        "SIECLE exported it",
    },
    "import.not_a_zip": {
        "fr": "ce fichier porte l'extension .zip mais n'est pas une archive zip",
        "en": "this file has the .zip extension but is not a zip archive",
    },
    "import.archive_zip64": {
        "fr": "archive zip64 (plus de 65 535 fichiers ou de 4 Go) : ce n'est pas un export",
        "en": "zip64 archive (over 65,535 files or 4 GB): this is not an export",
    },
    "import.declaration_long": {
        "fr": "déclaration XML (<?xml … ?>) anormalement longue ou non refermée",
        "en": "XML declaration (<?xml … ?>) unusually long or not closed",
    },
    "import.archive_corrupt": {
        "fr": "archive zip corrompue (contenu différent de ce qu'elle annonce)",
        "en": "corrupt zip archive (its content differs from what it declares)",
    },
    "import.archive_method": {
        "fr": "méthode de compression non prise en charge (seule « deflate », celle des "
        "exports, est lue) : recompressez en zip standard",
        "en": "unsupported compression method (only 'deflate', the exports', is read): "
        "re-zip it as a standard zip",
    },
    "import.archive_too_many": {
        "fr": "l'archive contient {count} fichiers (au plus {limit})",
        "en": "the archive holds {count} files (at most {limit})",
    },
    "import.archive_bad_name": {
        "fr": "l'archive contient un chemin dangereux ou invalide : « {name} »",
        "en": "the archive holds a dangerous or invalid path: '{name}'",
    },
    "import.archive_link": {
        "fr": "l'archive contient un lien symbolique : « {name} »",
        "en": "the archive holds a symbolic link: '{name}'",
    },
    "import.archive_encrypted": {
        "fr": "le fichier « {name} » de l'archive est chiffré",
        "en": "member '{name}' of the archive is encrypted",
    },
    "import.archive_duplicate": {
        "fr": "l'archive contient deux fichiers nommés « {name} » : lequel est lu dépend de "
        "l'outil ; réexportez-la",
        "en": "the archive holds two files named '{name}': which one is read depends on the "
        "tool; export it again",
    },
    "import.archive_nested": {
        "fr": "l'archive contient une autre archive (« {name} ») : décompressez-la d'abord",
        "en": "the archive holds another archive ('{name}'): unzip it first",
    },
    "import.archive_member_large": {
        "fr": "le fichier « {name} » de l'archive dépasse {limit} Mo une fois décompressé",
        "en": "member '{name}' of the archive exceeds {limit} MB once decompressed",
    },
    "import.archive_ratio": {
        "fr": "le fichier « {name} » de l'archive se décompresserait plus de {limit} fois : "
        "archive piégée refusée",
        "en": "member '{name}' of the archive would expand more than {limit} times: "
        "booby-trapped archive refused",
    },
    "import.archive_total": {
        "fr": "l'archive dépasse {limit} Mo une fois décompressée",
        "en": "the archive exceeds {limit} MB once decompressed",
    },
    "import.archive_no_xml": {
        "fr": "l'archive ne contient aucun fichier XML",
        "en": "the archive holds no XML file",
    },
    "import.archive_several": {
        "fr": "l'archive contient plusieurs exports possibles ({names}) : gardez-en un seul "
        "(racine {root})",
        "en": "the archive holds several possible exports ({names}): keep only one (root {root})",
    },
    "import.encoding_wide": {
        "fr": "encodage non pris en charge (UTF-16 ou UTF-32) : les exports SIECLE et STS-WEB "
        "sont en ISO-8859-15 ; réexportez le fichier sans l'ouvrir dans un tableur",
        "en": "unsupported encoding (UTF-16 or UTF-32): SIECLE and STS-WEB exports are in "
        "ISO-8859-15; export the file again without opening it in a spreadsheet",
    },
    "import.not_xml": {
        "fr": "ce n'est pas un export XML, mais un contenu binaire (une image, un PDF, un "
        "tableur ?) : prenez le fichier tel que STS-WEB ou SIECLE l'a exporté",
        "en": "this is not an XML export but binary content (an image, a PDF, a spreadsheet?): "
        "take the file as STS-WEB or SIECLE exported it",
    },
    "import.encoding_unknown": {
        "fr": "encodage « {name} » non pris en charge (ISO-8859-15, ISO-8859-1, UTF-8 ou "
        "windows-1252)",
        "en": "unsupported encoding '{name}' (ISO-8859-15, ISO-8859-1, UTF-8 or windows-1252)",
    },
    "import.encoding_bom": {
        "fr": "le fichier commence par une marque UTF-8 mais se déclare en {name}",
        "en": "the file starts with a UTF-8 mark but declares {name}",
    },
    "import.encoding_undeclared_bytes": {
        "fr": "le fichier ne déclare pas son encodage, il devrait donc être en {name}, mais "
        "l'octet {byte} n'en est pas (enregistré en ISO-8859-1 ou Windows-1252 ?) : "
        "réexportez-le depuis SIECLE ou STS-WEB sans l'ouvrir dans un tableur",
        "en": "the file does not declare its encoding, so it should be in {name}, but byte "
        "{byte} is not (saved as ISO-8859-1 or Windows-1252?): export it again from SIECLE or "
        "STS-WEB without opening it in a spreadsheet",
    },
    "import.encoding_wrong_bytes": {
        "fr": "le fichier déclare l'encodage {name}, mais l'octet {byte} n'en est pas : "
        "réexportez-le depuis SIECLE ou STS-WEB sans l'ouvrir dans un tableur",
        "en": "the file declares the {name} encoding, but byte {byte} is not: export it again "
        "from SIECLE or STS-WEB without opening it in a spreadsheet",
    },
    "import.xml_malformed": {
        "fr": "XML mal formé (colonne {column}) : {problem}",
        "en": "malformed XML (column {column}): {problem}",
    },
    "import.xml_syntax": {"fr": "erreur de syntaxe", "en": "syntax error"},
    "import.xml_empty": {
        "fr": "fin de fichier inattendue : le fichier est vide ou tronqué",
        "en": "unexpected end of file: the file is empty or truncated",
    },
    "import.xml_invalid_token": {
        "fr": "caractère ou balise invalide",
        "en": "invalid character or tag",
    },
    "import.xml_unclosed": {
        "fr": "élément non refermé : le fichier est tronqué",
        "en": "unclosed element: the file is truncated",
    },
    "import.xml_partial_character": {
        "fr": "caractère incomplet : le fichier est tronqué",
        "en": "incomplete character: the file is truncated",
    },
    "import.xml_mismatched_tag": {
        "fr": "balise fermante qui ne correspond pas à la balise ouverte",
        "en": "closing tag that does not match the open tag",
    },
    "import.xml_duplicate_attribute": {"fr": "attribut en double", "en": "duplicate attribute"},
    "import.xml_junk_after": {
        "fr": "contenu après la fin du document",
        "en": "content after the end of the document",
    },
    "import.xml_undefined_entity": {"fr": "entité non définie", "en": "undefined entity"},
    "import.xml_unknown_encoding": {"fr": "encodage inconnu", "en": "unknown encoding"},
    "import.xml_incorrect_encoding": {
        "fr": "encodage déclaré incorrect",
        "en": "incorrect declared encoding",
    },
    "import.xml_other": {"fr": "erreur XML n° {code}", "en": "XML error no. {code}"},
    "import.xml_dtd": {
        "fr": "déclaration de type de document (DTD) refusée : un export SIECLE ou STS-WEB "
        "n'en contient pas",
        "en": "document type declaration (DTD) refused: a SIECLE or STS-WEB export has none",
    },
    "import.xml_entity": {
        "fr": "déclaration d'entité refusée (risque d'expansion ou de lecture de fichiers)",
        "en": "entity declaration refused (risk of expansion or of reading files)",
    },
    "import.xml_external": {
        "fr": "référence externe refusée (aucun fichier ni réseau n'est lu)",
        "en": "external reference refused (no file or network is read)",
    },
    "import.xml_too_deep": {
        "fr": "plus de {limit} niveaux d'éléments imbriqués",
        "en": "more than {limit} levels of nested elements",
    },
    "import.xml_too_many": {"fr": "plus de {limit} éléments", "en": "more than {limit} elements"},
    "import.xml_attributes": {
        "fr": "plus de {limit} attributs sur un élément",
        "en": "more than {limit} attributes on one element",
    },
    "import.xml_text_long": {
        "fr": "texte ou attribut de plus de {limit} caractères",
        "en": "text or attribute longer than {limit} characters",
    },
}
MESSAGES.update(
    {
        # --- the content of the exports --------------------------------------------------
        "import.code_empty": {"fr": "code {what} vide", "en": "empty {what} code"},
        "import.code_long": {
            "fr": "code {what} de plus de {limit} caractères",
            "en": "{what} code longer than {limit} characters",
        },
        "import.code_control": {
            "fr": "code {what} avec un caractère de contrôle",
            "en": "{what} code with a control character",
        },
        "import.attribute_missing": {
            "fr": "attribut {name} manquant ou vide",
            "en": "attribute {name} missing or empty",
        },
        "import.child_missing": {
            "fr": "élément {name} manquant ou vide",
            "en": "element {name} missing or empty",
        },
        "import.element_missing": {
            "fr": "élément obligatoire {element} absent : le fichier est incomplet",
            "en": "mandatory element {element} is missing: the file is incomplete",
        },
        "import.year_invalid": {
            "fr": "année scolaire invalide (AAAA ou AAAA-AAAA attendu)",
            "en": "invalid school year (YYYY or YYYY-YYYY expected)",
        },
        "import.date_invalid": {
            "fr": "date invalide ({format} attendu)",
            "en": "invalid date ({format} expected)",
        },
        "import.uai_after_data": {
            "fr": "PARAMETRES/UAJ (l'UAI du lycée) est absent ou placé après les données : "
            "fichier incomplet ou modifié",
            "en": "PARAMETRES/UAJ (the lycée's UAI) is missing or comes after the data: "
            "incomplete or edited file",
        },
        "import.too_many_people": {
            "fr": "plus de {limit} personnes : ce n'est pas l'export d'un lycée",
            "en": "more than {limit} people: this is not one lycée's export",
        },
        "import.too_many_structures": {
            "fr": "plus de {limit} divisions et groupes : ce n'est pas l'export d'un lycée",
            "en": "more than {limit} divisions and groups: this is not one lycée's export",
        },
        "import.sts_name": {
            "fr": "attention : le nom {name} ne correspond pas à son contenu (UAI {uai}, année "
            "{year}) ; c'est le contenu qui compte",
            "en": "warning: the name {name} does not match its content (UAI {uai}, year "
            "{year}); the content is what counts",
        },
        "import.too_many_items": {
            "fr": "plus de {limit} éléments de ce type : ce n'est pas l'export d'un lycée",
            "en": "more than {limit} items of this kind: this is not one lycée's export",
        },
        "import.student_twice": {
            "fr": "l'élève {pseudonym} (pseudonyme) apparaît deux fois",
            "en": "student {pseudonym} (pseudonym) appears twice",
        },
        "import.person_listed_twice": {
            "fr": "le responsable {pseudonym} (pseudonyme) apparaît deux fois dans PERSONNES",
            "en": "guardian {pseudonym} (pseudonym) appears twice in PERSONNES",
        },
        "import.structure_type": {
            "fr": "TYPE_STRUCTURE inconnu (D pour une division, G pour un groupe attendu)",
            "en": "unknown TYPE_STRUCTURE (D for a division, G for a group expected)",
        },
        "import.pseudonym_collision": {
            "fr": "deux identifiants différents donnent le même pseudonyme {pseudonym} : "
            "supprimez la clé de pseudonymisation pour en créer une autre",
            "en": "two different identifiers give the same pseudonym {pseudonym}: delete the "
            "pseudonymisation key to create another",
        },
        # --- the key -----------------------------------------------------------------------
        "key.unwritable": {
            "fr": "impossible de créer la clé de pseudonymisation : {reason}",
            "en": "cannot create the pseudonymisation key: {reason}",
        },
        "key.unreadable": {
            "fr": "impossible de lire la clé de pseudonymisation : {reason}",
            "en": "cannot read the pseudonymisation key: {reason}",
        },
        "key.folder_not_folder": {
            "fr": "le dossier de la clé de pseudonymisation (RENTREE_SIM_CONFIG) est un fichier, "
            "pas un dossier",
            "en": "the pseudonymisation key's folder (RENTREE_SIM_CONFIG) is a file, not a folder",
        },
        "key.not_regular": {
            "fr": "la clé de pseudonymisation n'est pas un fichier ordinaire",
            "en": "the pseudonymisation key is not a regular file",
        },
        "key.not_owner": {
            "fr": "la clé de pseudonymisation appartient à un autre utilisateur",
            "en": "the pseudonymisation key belongs to another user",
        },
        "key.too_open": {
            "fr": "la clé de pseudonymisation est lisible par d'autres (droits {mode}) : "
            "faites « chmod 600 » sur ce fichier",
            "en": "the pseudonymisation key is readable by others (mode {mode}): run "
            "'chmod 600' on this file",
        },
        "key.malformed": {
            "fr": "la clé de pseudonymisation est abîmée (64 caractères hexadécimaux attendus)",
            "en": "the pseudonymisation key is damaged (64 hexadecimal characters expected)",
        },
        "key.created": {
            "fr": "clé de pseudonymisation créée dans {path} : gardez-la, sans elle les "
            "imports suivants ne correspondront plus",
            "en": "pseudonymisation key created in {path}: keep it, without it later imports "
            "will not match",
        },
    }
)
MESSAGES.update(
    {
        "import.uai_mismatch": {
            "fr": "ce fichier est celui de l'établissement {uai}, mais {sts} est celui de "
            "{sts_uai} : les fichiers doivent venir du même lycée",
            "en": "this file belongs to établissement {uai}, but {sts} belongs to {sts_uai}: "
            "the files must come from the same lycée",
        },
        "import.year_mismatch": {
            "fr": "ce fichier est de l'année scolaire {year}, mais {sts} est de {sts_year} : "
            "exportez les fichiers de la même année (après la bascule dans SIECLE)",
            "en": "this file is from school year {year}, but {sts} is from {sts_year}: export "
            "the files of the same year (after SIECLE's year switch)",
        },
    }
)
MESSAGES["import.uai_invalid"] = {
    "fr": "UAI invalide (7 chiffres et une lettre attendus)",
    "en": "invalid UAI (7 digits and a letter expected)",
}

MESSAGES.update(
    {
        # --- the data file of an imported lycée ------------------------------------------
        "rule.data_service_target": {
            "fr": "un service porte sur une division ou sur un groupe, exactement l'un des deux",
            "en": "a service is about a division or a group, exactly one of them",
        },
        "rule.data_unknown": {
            "fr": "{kind} « {code} » n'est pas défini dans le fichier",
            "en": "{kind} '{code}' is not defined in the file",
        },
        "rule.data_twice": {
            "fr": "« {code} » apparaît deux fois dans {kind}",
            "en": "'{code}' appears twice in {kind}",
        },
        "rule.data_level_absent": {
            "fr": "le lycée importé n'a aucune division de niveau {level} : ce changement ne "
            "fera rien",
            "en": "the imported lycée has no {level} division: this change will do nothing",
        },
        "rule.data_code": {
            "fr": "code avec un caractère de contrôle ou invisible, ou des espaces en trop",
            "en": "code with a control or invisible character, or extra spaces",
        },
        "rule.data_shape": {
            "fr": "fichier de données anormal (imbrication trop profonde ou nombre trop long)",
            "en": "abnormal data file (nesting too deep or number too long)",
        },
        "rule.data_not_utf8": {
            "fr": "le fichier de données n'est pas en UTF-8",
            "en": "the data file is not UTF-8",
        },
        "rule.data_json": {"fr": "JSON invalide : {problem}", "en": "invalid JSON: {problem}"},
        "rule.data_not_object": {
            "fr": "le fichier de données doit être un objet JSON",
            "en": "the data file must be a JSON object",
        },
        "rule.data_duplicate_key": {
            "fr": "clé « {name} » en double",
            "en": "duplicate key '{name}'",
        },
        "rule.data_constant": {
            "fr": "valeur « {name} » interdite",
            "en": "value '{name}' not allowed",
        },
        "rule.data_uai": {
            "fr": "le fichier de données {file} est celui de l'établissement {uai}, pas de "
            "{expected}",
            "en": "the data file {file} belongs to établissement {uai}, not {expected}",
        },
        "rule.data_year": {
            "fr": "le fichier de données {file} est de l'année scolaire {year}, mais la rentrée "
            "du scénario est le {rentree}",
            "en": "the data file {file} is from school year {year}, but the scenario's rentrée "
            "is on {rentree}",
        },
        "cli.invalid_data": {
            "fr": "Fichier de données invalide ({count} erreurs) :",
            "fr_one": "Fichier de données invalide ({count} erreur) :",
            "en": "Invalid data file ({count} errors):",
            "en_one": "Invalid data file ({count} error):",
        },
    }
)
