"""The hostile inputs tried against the command line (see test_bad_inputs.py).

Each case is a function of the working folder that writes what it needs and returns the
arguments; ``CASES`` lists them with the exit code and a fragment expected in the output.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

NOMINAL = Path(__file__).resolve().parents[2] / "scenarios" / "nominal.yaml"
BASE = f"extends: {NOMINAL}\n"


@dataclass(frozen=True)
class Case:
    name: str
    build: Callable[[Path], list[str]]
    code: int = 2
    expect: str = ""


def scenario(text: str, command: str = "validate", *extra: str) -> Callable[[Path], list[str]]:
    def build(folder: Path) -> list[str]:
        path = folder / "scenario.yaml"
        path.write_text(text, encoding="utf-8")
        return [command, str(path), *extra]

    return build


def raw(data: bytes, name: str = "scenario.yaml") -> Callable[[Path], list[str]]:
    def build(folder: Path) -> list[str]:
        path = folder / name
        path.write_bytes(data)
        return ["validate", str(path)]

    return build


def child(text: str, command: str = "validate", *extra: str) -> Callable[[Path], list[str]]:
    return scenario(BASE + "name: essai\n" + text, command, *extra)


def _bomb(levels: int) -> str:
    lines = ['a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    for n in range(1, levels):
        refs = ", ".join([f"*a{n - 1}"] * 9)
        lines.append(f"a{n}: &a{n} [{refs}]")
    return "\n".join(lines) + "\n"


def _fifo(folder: Path) -> list[str]:
    os.mkfifo(folder / "tube.yaml")
    (folder / "scenario.yaml").write_text("extends: tube.yaml\nname: x\n", encoding="utf-8")
    return ["validate", str(folder / "scenario.yaml")]


def _fifo_direct(folder: Path) -> list[str]:
    os.mkfifo(folder / "tube.yaml")
    return ["validate", str(folder / "tube.yaml")]


def _chain(count: int) -> Callable[[Path], list[str]]:
    def build(folder: Path) -> list[str]:
        (folder / "s0.yaml").write_text(BASE + "name: s0\n", encoding="utf-8")
        for n in range(1, count):
            text = f"extends: s{n - 1}.yaml\nname: s{n}\n"
            (folder / f"s{n}.yaml").write_text(text, encoding="utf-8")
        return ["validate", str(folder / f"s{count - 1}.yaml")]

    return build


def _cycle(folder: Path) -> list[str]:
    (folder / "a.yaml").write_text("extends: b.yaml\nname: a\n", encoding="utf-8")
    (folder / "b.yaml").write_text("extends: a.yaml\nname: b\n", encoding="utf-8")
    return ["validate", str(folder / "a.yaml")]


def _not_scenario_yaml(folder: Path) -> list[str]:
    (folder / "autre.yaml").write_text("motdepasse: secret123\nutilisateur: x\n", "utf-8")
    (folder / "scenario.yaml").write_text("extends: autre.yaml\nname: x\n", encoding="utf-8")
    return ["validate", str(folder / "scenario.yaml")]


def _reality(count: int, kind: str = "group_change", each: int = 5) -> str:
    rows = [
        f"  - {{date: 2026-09-{14 + n % 15:02d}, kind: {kind}, count: {each}}}"
        for n in range(count)
    ]
    return "reality:\n" + "\n".join(rows) + "\n"


def _big_keys(folder: Path) -> list[str]:
    path = folder / "scenario.yaml"
    with path.open("w", encoding="utf-8") as handle:
        for n in range(3_000_000):
            handle.write(f"k{n}: {n}\n")
    return ["validate", str(path)]


def _plan_write_self(folder: Path) -> list[str]:
    path = folder / "scenario.yaml"
    path.write_text(BASE + "name: x\n", encoding="utf-8")
    return ["plan", str(path), "--target", "2026-09-14", "--write", str(path)]


def _plan_write_parent(folder: Path) -> list[str]:
    parent = folder / "parent.yaml"
    parent.write_text(BASE + "name: parent\n", encoding="utf-8")
    (folder / "scenario.yaml").write_text("extends: parent.yaml\nname: x\n", encoding="utf-8")
    return ["plan", str(folder / "scenario.yaml"), "--target", "2026-09-14", "--write", str(parent)]


def _plot_into_device(folder: Path) -> list[str]:
    (folder / "graphe.png").symlink_to("/dev/null")
    return ["plot", "graph", str(NOMINAL), "-o", str(folder / "graphe.png")]


def academie(text: str, *extra: str) -> Callable[[Path], list[str]]:
    def build(folder: Path) -> list[str]:
        path = folder / "academie.yaml"
        path.write_text(f"name: essai\nscenario: {NOMINAL}\n" + text, encoding="utf-8")
        return ["academie", "validate", str(path), *extra]

    return build


def table(data: bytes, *extra: str) -> Callable[[Path], list[str]]:
    def build(folder: Path) -> list[str]:
        path = folder / "lycees.csv"
        path.write_bytes(data)
        return ["academie", "validate", str(path), "--commun", str(NOMINAL), *extra]

    return build


LYCEE = "  - {uai: 0339001E, name: A, kind: LGT, students: 900}\n"
HEAD = "uai;nom;type;eleves;export_liens_siecle\n"


def _academie_bomb(folder: Path) -> list[str]:
    path = folder / "academie.yaml"
    path.write_text(_bomb(9) + "name: *a8\n", encoding="utf-8")
    return ["academie", "validate", str(path)]


def _academie_list(folder: Path) -> list[str]:
    path = folder / "academie.yaml"
    path.write_text("- a\n- b\n", encoding="utf-8")
    return ["academie", "validate", str(path)]


def _huge_table(folder: Path) -> list[str]:
    path = folder / "lycees.csv"
    with path.open("w", encoding="utf-8") as handle:
        handle.write(HEAD)
        for n in range(200_000):
            handle.write(f"0339001E;Lycée {n};LGT;900;03/09/2026\n")
    return ["academie", "validate", str(path), "--commun", str(NOMINAL)]


def _cli(*args: str) -> Callable[[Path], list[str]]:
    return lambda folder: [a.replace("{dir}", str(folder)) for a in args]


def school(*extra: str, **replaced: bytes) -> Callable[[Path], list[str]]:
    """``diagnostiquer`` on the hand-written exports, some replaced by hostile bytes (the
    key goes to the folder the suite's RENTREE_SIM_CONFIG names)."""

    def build(folder: Path) -> list[str]:
        from tests import realfiles_samples as samples

        paths = samples.write_all(folder)
        for role, data in replaced.items():
            paths[role] = folder / (role + (".zip" if data[:2] == b"PK" else ".xml"))
            paths[role].write_bytes(data)
        words = samples.options(paths)
        return [
            "diagnostiquer",
            *[w.replace("{dir}", str(folder)) for w in words],
            *[e.replace("{dir}", str(folder)) for e in extra],
        ]

    return build


def _zip_of(name: str, data: bytes) -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as handle:
        handle.writestr(name, data)
    return buffer.getvalue()


def _zip_twice(name: str, first: bytes, second: bytes) -> bytes:
    import io
    import warnings
    import zipfile

    buffer = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(buffer, "w") as handle:
        warnings.simplefilter("ignore")  # zipfile warns of the duplicate name: it is the case
        handle.writestr(name, first)
        handle.writestr(name, second)
    return buffer.getvalue()


def _school_text(name: str, **values: str) -> bytes:
    from tests import realfiles_samples as samples

    text: str = getattr(samples, name)(**values)
    return text.encode("iso-8859-15")


LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE BEE_ELEVES [<!ENTITY a "aaaaaaaaaa">'
    + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8))
    + "]><BEE_ELEVES>&i;</BEE_ELEVES>"
).encode()


N = str(NOMINAL)

# fmt: off
CASES: list[Case] = [
    # --- files that are not what they claim --------------------------------------------
    Case("alias bomb", raw(_bomb(9).encode()), expect="alias"),
    Case("alias bomb named", scenario(_bomb(9) + "name: *a8\n"), expect="alias"),
    Case("extends /dev/zero", scenario("extends: /dev/zero\nname: x\n"), expect="YAML"),
    Case("extends /dev/urandom", scenario("extends: /dev/urandom\nname: x\n"), expect="YAML"),
    Case("extends /dev/stdin", scenario("extends: /dev/stdin\nname: x\n"), expect="YAML"),
    Case("extends a pipe", _fifo, expect="fichier ordinaire"),
    Case("a pipe as scenario", _fifo_direct, expect="fichier ordinaire"),
    Case("/dev/zero as scenario", _cli("validate", "/dev/zero"), expect="fichier ordinaire"),
    Case("a folder as scenario", _cli("validate", "{dir}"), expect="dossier"),
    Case("missing file", _cli("validate", "{dir}/absent.yaml"), expect="introuvable"),
    Case("extends /etc/shadow", scenario("extends: /etc/shadow\nname: x\n"), expect="YAML"),
    Case(
        "extends /etc/passwd.yaml",
        scenario("extends: /etc/passwd.yaml\nname: x\n"),
        expect="introuvable",
    ),
    Case("extends a YAML that is no scenario", _not_scenario_yaml, expect="pas un scénario"),
    Case("NUL byte in extends", scenario('extends: "a\\0b.yaml"\nname: x\n'), expect="extends"),
    Case("extends a number", scenario("extends: 12\nname: x\n"), expect="extends"),
    Case("extends cycle", _cycle, expect="boucle"),
    Case("extends chain of 1000", _chain(1000), expect="enchaînés"),
    Case("3 million keys", _big_keys, expect="trop gros"),
    Case(
        "nesting 500",
        raw(("a:\n" + "".join("  " * n + "b:\n" for n in range(1, 500))).encode()),
        expect="imbrication",
    ),
    Case(
        "flow nesting 5000",
        raw(b"name: " + b"[" * 5000 + b"]" * 5000 + b"\n"),
        expect="imbrication",
    ),
    Case("binary", raw(bytes(range(256)) * 4), expect="UTF-8"),
    Case("latin-1", raw('name: "Lycée"\n'.encode("latin-1")), expect="UTF-8"),
    Case("NUL in text", raw(b"name: x\x00y\n"), expect="nul"),
    Case("empty file", raw(b""), expect="obligatoire"),
    Case("a list", raw(b"- a\n- b\n"), expect="dictionnaire"),
    Case("two documents", raw(b"name: a\n---\nname: b\n"), expect="un seul document"),
    Case(
        "python tag", raw(b"name: !!python/object/apply:os.system ['true']\n"), expect="étiquette"
    ),
    Case("tab indentation", raw(b"calendar:\n\tstart: 2026-06-01\n"), expect="tabulation"),
    Case("unclosed bracket", raw(b"name: [a, b\n"), expect="non refermé"),
    Case("unknown alias", raw(b"name: *nope\n"), expect="ancre"),
    # --- keys -------------------------------------------------------------------------
    Case("duplicate key", child("name: y\n"), expect="deux fois"),
    Case(
        "duplicate nested key",
        child("calendar:\n  start: 2026-06-01\n  start: 2026-06-02\n"),
        expect="lignes",
    ),
    Case("numeric key", child("etablissement:\n  origins: {1: 2}\n"), expect="clé"),
    Case(
        "typo suggests",
        child("etablissement: {studnets: 900}\n"),
        expect="vouliez-vous dire « students »",
    ),
    Case(
        "typo in operation",
        child("operations:\n  export_lien_siecle: {date: 2026-09-03}\n"),
        expect="export_liens_siecle",
    ),
    Case(
        "unknown level",
        child(
            "etablissement:\n  origins:\n    3e: {returning: 1, affectation: 0, transfer: 0, external: 0}\n"
        ),
        expect="2nde",
    ),
    Case("control characters", child('"\\e[31mrouge": 1\n'), expect="\\x1b"),
    # --- values -----------------------------------------------------------------------
    Case(
        "impossible date",
        child("operations:\n  export_liens_siecle: {date: 2026-02-30}\n"),
        expect="n'existe pas",
    ),
    Case(
        "date with zone",
        child('operations:\n  export_liens_siecle: {date: "2026-09-03 10:00+02:00"}\n'),
        expect="fuseau",
    ),
    Case(
        "date with Z",
        child("operations:\n  export_liens_siecle: {date: 2026-09-03T10:00:00Z}\n"),
        expect="fuseau",
    ),
    Case("year 9999 window", child("calendar: {end: 9999-12-31}\n"), expect="2100"),
    Case("window of 3 years", child("calendar: {end: 2029-06-01}\n"), expect="fenêtre de"),
    Case("window reversed", child("calendar: {end: 2026-06-01}\n"), expect="doit suivre"),
    Case(
        "rentrée 2029 unknown",
        child("calendar: {start: 2029-06-01, end: 2029-11-01}\n"),
        expect="rentrée 2029",
    ),
    Case(
        "rentrée outside window",
        child("calendar: {rentree: 2026-12-01}\n"),
        expect="hors de la fenêtre",
    ),
    Case(
        "huge delay",
        child("channels:\n  import_ent: {delay: 999999999999j}\n"),
        expect="trop longue",
    ),
    Case("negative delay", child("channels:\n  import_ent: {delay: -1j}\n"), expect="négative"),
    Case(
        "delay unit",
        child("channels:\n  import_ent: {delay: 3 semaines}\n"),
        expect="durée invalide",
    ),
    Case("25:00", child("calendar: {observation_time: 25:00}\n"), expect="« 25:00 »"),
    Case("time as number", child("calendar: {operation_time: 1000}\n"), expect="heure invalide"),
    Case("weekday 8", child("channels:\n  import_ent: {days: [8]}\n"), expect="jour de la semaine"),
    Case(
        "weekday true",
        child("channels:\n  import_ent: {days: [true]}\n"),
        expect="jour de la semaine",
    ),
    Case(
        "eight weekdays",
        child("channels:\n  import_ent: {days: [0, 1, 2, 3, 4, 5, 6, 0]}\n"),
        expect="au plus 7",
    ),
    Case("leavers 1e9", child("etablissement: {leavers: 1000000000}\n"), expect="trop grande"),
    Case(
        "leavers > students",
        child("etablissement: {students: 800, leavers: 900}\n"),
        expect="sortants",
    ),
    Case("students 1e9", child("etablissement: {students: 1000000000}\n"), expect="trop grande"),
    Case("students text", child("etablissement: {students: beaucoup}\n"), expect="entier"),
    Case("students float", child("etablissement: {students: 12.5}\n"), expect="entier"),
    Case(
        "share 2", child("operations:\n  export_liens_siecle: {share: 2}\n"), expect="trop grande"
    ),
    Case(
        "share text", child("operations:\n  export_liens_siecle: {share: moitié}\n"), expect="share"
    ),
    Case(
        "share .nan", child("operations:\n  export_liens_siecle: {share: .nan}\n"), expect="share"
    ),
    Case(
        "shares per date",
        child("operations:\n  export_liens_siecle: {date: [2026-09-03], share: [0.5, 1]}\n"),
        expect="une part par date",
    ),
    Case(
        "origins not summing",
        child(
            "etablissement:\n  origins:\n    2nde: {returning: 0.5, affectation: 0.6, transfer: 0, external: 0}\n"
        ),
        expect="1 au total",
    ),
    Case("uai", child("etablissement: {uai: 33ABC}\n"), expect="7 chiffres"),
    Case("zone D", child("etablissement: {zone: D}\n"), expect="permises"),
    Case("seed -5", child("seed: -5\n"), expect="minimum"),
    Case("seed 1e30", child("seed: 1000000000000000000000000000000\n"), expect="trop grande"),
    Case("name empty", scenario(BASE + 'name: ""\n'), expect="vide"),
    Case("name huge", scenario(BASE + "name: " + "x" * 5000 + "\n"), expect="trop long"),
    Case("name a list", scenario(BASE + "name: [a, b]\n"), expect="texte attendu"),
    Case(
        "operation without date",
        child("operations:\n  export_liens_siecle: {date: []}\n"),
        expect="une date",
    ),
    Case(
        "missing with date",
        child("operations:\n  export_liens_siecle: {missing: true, date: 2026-09-03}\n"),
        expect="missing",
    ),
    Case(
        "too many dates",
        child(
            "operations:\n  export_liens_siecle: {date: ["
            + ", ".join(f"2026-09-{d:02d}" for d in range(1, 31))
            + "]}\n"
        ),
        expect="au plus 24",
    ),
    Case(
        "date outside window",
        child("operations:\n  export_liens_siecle: {date: 2027-03-01}\n"),
        expect="hors de la fenêtre",
    ),
    Case(
        "outage reversed",
        child("channels:\n  import_ent:\n    outages: [{start: 2026-09-10, end: 2026-09-05}]\n"),
        expect="avant de commencer",
    ),
    Case(
        "full_on outside",
        child("channels:\n  extraction_aaf: {full_on: [2027-01-10]}\n"),
        expect="hors de la fenêtre",
    ),
    Case("201 reality changes", child(_reality(201)), expect="au plus 200"),
    Case(
        "reality count 10000",
        child("reality:\n  - {date: 2026-09-14, kind: arrival, count: 10000}\n"),
        expect="trop grande",
    ),
    Case("arrivals beyond size", child(_reality(5, "arrival", 400)), expect="arrivées"),
    Case(
        "reality kind",
        child("reality:\n  - {date: 2026-09-14, kind: explosion}\n"),
        expect="permises",
    ),
    # --- lateness (validate must see what risk draws) ------------------------------------
    Case(
        "lateness inf",
        child(
            "operations:\n  export_liens_siecle:\n    lateness: {kind: triangular, min: 0, mode: 1, max: .inf}\n"
        ),
        expect="fini",
    ),
    Case(
        "lateness sigma",
        child(
            "operations:\n  export_liens_siecle:\n    lateness: {kind: lognormal, median: 2, sigma: 1000}\n"
        ),
        expect="trop grande",
    ),
    Case(
        "lateness values 1e9",
        child(
            "operations:\n  export_liens_siecle:\n    lateness: {kind: empirical, values: [1000000000]}\n"
        ),
        expect="trop grande",
    ),
    Case(
        "lateness weights inf",
        child(
            "operations:\n  export_liens_siecle:\n    lateness: {kind: empirical, values: [1, 2], weights: [.inf, 1]}\n"
        ),
        expect="fini",
    ),
    Case(
        "lateness weights zero",
        child(
            "operations:\n  export_liens_siecle:\n    lateness: {kind: empirical, values: [1, 2], weights: [0, 0]}\n"
        ),
        expect="poids",
    ),
    Case(
        "lateness triangular order",
        child(
            "operations:\n  export_liens_siecle:\n    lateness: {kind: triangular, min: 5, mode: 1, max: 9}\n"
        ),
        expect="min ≤ mode",
    ),
    Case(
        "forget probability 2",
        child("operations:\n  export_liens_siecle: {forget_probability: 2}\n"),
        expect="trop grande",
    ),
    # --- what must run: valid means runs -------------------------------------------------
    Case("200 reality changes run", child(_reality(200), "run"), code=0, expect="cohérent"),
    Case(
        "extreme lateness runs",
        child(
            "operations:\n  export_liens_siecle:\n    lateness: {kind: lognormal, median: 120, sigma: 3}\n",
            "risk",
            "-n",
            "3",
            "--workers",
            "1",
        ),
        code=0,
        expect="P50",
    ),
    Case(
        "one level's origins run",
        child(
            "etablissement:\n  origins:\n    2nde: {returning: 0, affectation: 1, transfer: 0, external: 0}\n",
            "run",
        ),
        code=0,
        expect="cohérent",
    ),
    Case(
        "Sunday warns",
        child("operations:\n  export_liens_siecle: {date: 2026-09-06}\n"),
        code=0,
        expect="dimanche",
    ),
    Case(
        "public holiday warns",
        child("operations:\n  export_liens_siecle: {date: 2026-11-11}\n"),
        code=0,
        expect="jour férié",
    ),
    Case(
        "rentrée on Saturday warns",
        child("calendar: {rentree: 2026-09-05}\n"),
        code=0,
        expect="samedi",
    ),
    Case(
        "French date accepted",
        child("operations:\n  export_liens_siecle: {date: 03/09/2026}\n"),
        code=0,
        expect="valide",
    ),
    # --- command line -----------------------------------------------------------------
    Case("--seed -1", _cli("run", N, "--seed", "-1"), expect="--seed"),
    Case("-n 0", _cli("risk", N, "-n", "0"), expect="--replications (de 1 à 100000)"),
    Case("--lang xx", _cli("validate", N, "--lang", "xx"), expect="langue"),
    Case("unknown command", _cli("simuler", N), expect="commande"),
    Case("unknown option", _cli("run", N, "--vite"), expect="--vite"),
    Case(
        "explain bad date",
        _cli("explain", N, "--at", "demain", "--category", "groups"),
        expect="demain",
    ),
    Case("plan target outside", _cli("plan", N, "--target", "2031-01-01"), expect="2031"),
    Case("plan --write itself", _plan_write_self, expect="lit"),
    Case("plan --write its parent", _plan_write_parent, expect="lit"),
    Case("report as pdf", _cli("report", N, "-o", "{dir}/rapport.pdf"), expect=".pdf"),
    Case("report into /dev/full", _cli("report", N, "-o", "/dev/full"), expect="extension"),
    Case("report into a folder", _cli("report", N, "-o", "{dir}/"), expect="dossier"),
    Case("run --out into /proc", _cli("run", N, "--out", "/proc/rentree"), expect="/proc/rentree"),
    Case("risk --out into /proc", _cli("risk", N, "-n", "2", "--out", "/proc/x"), expect="/proc/x"),
    Case("run --out a file", _cli("run", N, "--out", str(NOMINAL)), expect="pas un dossier"),
    Case("plot into a link to a device", _plot_into_device, expect="fichier ordinaire"),
    Case("plot as pdf", _cli("plot", "graph", N, "-o", "{dir}/graphe.pdf"), expect=".pdf"),
    Case("plot into /proc", _cli("plot", "timeline", N, "-o", "/proc/chrono.png"), expect="/proc/chrono.png"),
    Case("plot reversed range", _cli("plot", "timeline", N, "--du", "30/09/2026", "--au", "01/09/2026", "-o", "{dir}/c.png"), expect="--du"),
    Case("escape in the name", scenario(BASE + 'name: "\\e[2J\\e[31mrouge"\n'), expect="contrôle"),
    Case("bidi override in the lycée name", child('etablissement: {name: "Lyc\\u202ee"}\n'), expect="contrôle"),
    Case("-n 10 million", _cli("risk", N, "-n", "10000000"), expect="100000"),
    Case("--workers 1000", _cli("risk", N, "--workers", "1000"), expect="--workers"),
    # --- the ENT's own rules (issue 8) ---------------------------------------------------
    Case("removal as a number", child("channels:\n  import_ent: {removal: 5}\n"), expect="removal"),
    Case("removal unknown", child("channels:\n  import_ent: {removal: parfois}\n"), expect="every_import"),
    Case("pre-delete after 10 years", child("channels:\n  presuppression_ent: {after: 3650j}\n"), expect="400"),
    Case("pre-delete after negative", child("channels:\n  presuppression_ent: {delete_after: -1j}\n"), expect="delete_after"),
    Case("transition outside the window", child("operations:\n  transition_ent: {date: 2031-08-24}\n"), expect="transition_ent"),
    Case("transition missing and dated", child("operations:\n  transition_ent: {date: 2026-08-24, missing: true}\n"), expect="missing"),
    Case("timetable flag as text", child("etablissement: {ent_groups_from_timetable: peut-être}\n"), expect="ent_groups_from_timetable"),
    # --- académie files and tables (issue 11) --------------------------------------------
    Case("académie alias bomb", _academie_bomb, expect="alias"),
    Case("académie as a list", _academie_list, expect="dictionnaire"),
    Case("académie without lycées", academie(""), expect="lycees"),
    Case("académie bad UAI key", academie("lycees:\n" + LYCEE.replace("0339001E", "0339001A")), expect="lettre clé"),
    Case("académie malformed UAI", academie("lycees:\n" + LYCEE.replace("0339001E", "33901E")), expect="7 chiffres"),
    Case("académie duplicate UAI", academie("lycees:\n" + LYCEE + LYCEE), expect="deux fois"),
    Case("académie unknown kind", academie("lycees:\n" + LYCEE.replace("LGT", "CFA")), expect="LPO"),
    Case("académie base is a device", academie("lycees:\n" + LYCEE.replace("}", ", scenario: /dev/zero}")), expect="YAML"),
    Case("académie base missing", academie("lycees:\n" + LYCEE.replace("}", ", scenario: absent.yaml}")), expect="absent.yaml"),
    Case("académie base is itself", academie("lycees:\n" + LYCEE.replace("}", ", scenario: academie.yaml}")), expect="academie.yaml"),
    Case("académie bidi name", academie("lycees:\n" + LYCEE.replace("name: A", 'name: "A\\u202e"')), expect="contrôle"),
    Case("académie date in summer closure, strict", academie("lycees:\n" + LYCEE.replace("}", ", operations: {transferts: {date: 2026-08-03, share: 1}}}"), "--strict"), expect="--strict"),
    Case("académie wrong window", academie("lycees:\n" + LYCEE + LYCEE.replace("0339001E", "0339002F").replace("}", ", calendar: {end: 2026-12-01}}")), expect="communes"),
    Case("table in UTF-16", table((HEAD + "0339001E;A;LGT;900;\n").encode("utf-16")), expect="UTF-16"),
    Case("table undefined cp1252 byte", table(HEAD.encode() + b"0339001E;\x81;LGT;900;\n"), expect="0x81"),
    Case("table missing column", table(b"uai;nom;eleves\n0339001E;A;900\n"), expect="manquante"),
    Case("table bad date", table((HEAD + "0339001E;A;LGT;900;31/09/2026\n").encode()), expect="31/09/2026"),
    Case("table NUL byte", table(HEAD.encode() + b"0339001E;A\x00;LGT;900;\n"), expect="caractère nul"),
    Case("table 10 MB", _huge_table, expect="trop gros"),
    Case("table without common", _cli("academie", "validate", "{dir}/absent.csv"), expect="absent.csv"),
    # --- a lycée's own export files ----------------------------------------------------
    Case("exports: entity bomb", school(eleves=LAUGHS), expect="DTD"),
    Case("exports: external entity", school(structures=b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><BEE_STRUCTURES>&e;</BEE_STRUCTURES>'), expect="DTD"),
    Case("exports: zip bomb", school(eleves=_zip_of("ElevesSansAdresses.xml", b"\0" * 50_000_000)), expect="piégée"),
    Case("exports: two members of one name", school(eleves=_zip_twice("ElevesSansAdresses.xml", _school_text("eleves"), _school_text("eleves", year="2025"))), expect="deux fichiers nommés"),
    Case("exports: truncated STS", school(sts=_school_text("sts")[:900]), expect="tronqué"),
    Case("exports: truncated zip", school(eleves=_zip_of("ElevesSansAdresses.xml", _school_text("eleves"))[:120]), expect="illisible"),
    Case("exports: UTF-16", school(structures=_school_text("structures").decode("iso-8859-15").replace("ISO-8859-15", "UTF-16").encode("utf-16")), expect="UTF-16"),
    Case("exports: latin bytes declared UTF-8", school(eleves=_school_text("eleves").replace(b"ISO-8859-15", b"UTF-8")), expect="déclare l'encodage UTF-8, mais l'octet 0x"),
    Case("exports: another lycée", school(structures=_school_text("structures", uai="0330100J")), expect="0330100J"),
    Case("exports: another year", school(eleves=_school_text("eleves", year="2025")), expect="2025"),
    Case("exports: timetable upload as STS", school(sts=b"<EDT_STS><PARAMETRES/></EDT_STS>"), expect="EDT_STS"),
    Case("exports: STS given as students", school(eleves=_school_text("sts")), expect="STS-WEB"),
    Case("exports: empty file", school(sts=b""), expect="vide"),
    Case("exports: a folder as STS", school("--sts", "{dir}"), expect="dossier"),
    Case("exports: /dev/zero as students", school("--eleves", "/dev/zero"), expect="ordinaire"),
    Case("exports: missing file", school("--structures", "{dir}/absent.xml"), expect="absent.xml"),
    Case("exports: page into a folder", school("-o", "{dir}"), expect="dossier"),
    Case("exports: bad day", school("--au", "31/02/2026"), expect="31/02/2026"),
    Case("exports: day before the export", school("--au", "01/09/2026"), expect="précède"),
    Case("exports: unknown defect", _cli("fichiers-fictifs", N, "-o", "{dir}/x", "--defaut", "rien"), expect="rien"),
    Case("exports: fixtures outside the window", _cli("fichiers-fictifs", N, "-o", "{dir}/x", "--au", "01/01/2030"), expect="fenêtre"),
]
# fmt: on
