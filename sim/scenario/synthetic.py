"""A synthetic académie (issue 11, ``academie generer``): fictional lycées of drawn sizes,
each on the common scenario's calendar moved by a few working days.

Everything is drawn from ``default_rng(SeedSequence(seed))`` in a fixed order (for each lycée:
kind, divisions, students, UAI, name, then its calendar), so the same arguments give the
same bytes. The shares and sizes are assumptions (no offline source for Nouvelle-Aquitaine):
they are the module's constants.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import yaml

from sim.calendar import StaffCalendar, day_of
from sim.domain import LYCEE_OPERATIONS, Operation
from sim.i18n import t
from sim.procedure import PREDECESSORS, SEED_ORDER
from sim.scenario.academie import KINDS, MAX_LYCEES, STUDENTS_PER_DIVISION, split_divisions
from sim.scenario.loader import load_scenario
from sim.scenario.model import Calendar, OperationSpec, Scenario, resolve_rentree
from sim.scenario.uai import uai_of

Instant = dt.date | dt.datetime

MAX_SEED = 2**63 - 1  # the académie format's bound
KIND_SHARES = (0.45, 0.25, 0.30)
KIND_PREFIX = {"LGT": "Lycée", "LP": "Lycée professionnel", "LPO": "Lycée polyvalent"}
DIVISIONS = (27, 50)  # domain.md §5, both included
MAX_LEVEL_DIVISIONS = 40  # the scenario format's bound
STUDENT_FACTOR = (0.93, 1.0)  # classes are rarely full
GENERAL_STUDENTS = (800, 1500)  # domain.md §5, for LGT and LPO only (plan D6)
STUDENTS = (30, 6000)  # the scenario format's bounds
# the three académies of Nouvelle-Aquitaine: Bordeaux, Limoges, Poitiers
DEPARTEMENTS = ("016", "017", "019", "023", "024", "033", "040", "047", "064", "079", "086", "087")
UAI_NUMBERS = (9001, 9999)  # whether real UAIs exist there is unknown: names say « fictif »
# each operation's own lateness in working days, mostly on time: a late one pushes every
# operation after it (about 11 along the chain), so that about half of the lycées still
# export their links on the common date
SHIFTS = tuple(range(-2, 6))
SHIFT_WEIGHTS = (0.01, 0.02, 0.91, 0.025, 0.015, 0.01, 0.005, 0.005)
# the link export is "often late" (domain.md §4): some lycées do it weeks after the rentrée
LATE_LINKS_SHARE = 0.10
LATE_LINKS_DAYS = (10, 25)
MAX_DELAY = SHIFTS[-1] + LATE_LINKS_DAYS[1]
# the platform's operations (the ENT's year transition) are académie-wide: never moved here
MOVED = tuple(op for op in SEED_ORDER if op in LYCEE_OPERATIONS)
SUCCESSORS = {op: [s for s in Operation if op in PREDECESSORS[s]] for op in Operation}
SCHEMA = "../../docs/academie.schema.json"  # from scenarios/academies/


@dataclass
class _Lycee:
    uai: str
    name: str
    kind: str
    students: int
    divisions: dict[str, int]
    operations: dict[Operation, list[Instant]] = field(default_factory=dict)


def generate_academie(
    count: int,
    seed: int,
    common: str = "../nominal.yaml",
    name: str | None = None,
    base_dir: Path | None = None,
    schema: str | None = SCHEMA,
) -> str:
    """The YAML text of an académie of ``count`` fictional lycées extending ``common`` (a
    path relative to ``base_dir``, the folder the file will live in; default: the current
    one), pointing editors to ``schema`` (None: no such line). A ValueError names a count
    or seed out of bounds."""
    if isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= MAX_LYCEES:
        raise ValueError(f"count must be an integer from 1 to {MAX_LYCEES}, not {count!r}")
    if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed <= MAX_SEED:
        raise ValueError(f"seed must be an integer from 0 to {MAX_SEED}, not {seed!r}")
    # resolved, not opened as written: the output's folder may not exist yet, and the OS
    # cannot take « .. » out of a folder that does not exist
    scenario = load_scenario(Path(os.path.realpath((base_dir or Path.cwd()) / common)))
    rng = np.random.default_rng(np.random.SeedSequence(seed))
    free_numbers = {d: list(range(UAI_NUMBERS[0], UAI_NUMBERS[1] + 1)) for d in DEPARTEMENTS}
    names = _NamePool()
    latest = _latest_firsts(scenario)
    lycees = [_draw_lycee(rng, scenario, latest, free_numbers, names) for _ in range(count)]
    if name is None:
        year = resolve_rentree(scenario).year
        lycees_text = t("academie.one_lycee") if count == 1 else t("academie.lycees", count=count)
        name = t("academie.generated_name", year=year, lycees=lycees_text, seed=seed)
    return _render(lycees, count, seed, common, name, scenario.calendar, schema)


def _draw_lycee(
    rng: np.random.Generator,
    scenario: Scenario,
    latest: dict[Operation, dt.datetime],
    free_numbers: dict[str, list[int]],
    names: _NamePool,
) -> _Lycee:
    kind = KINDS[int(rng.choice(len(KINDS), p=KIND_SHARES))]
    total = int(rng.integers(DIVISIONS[0], DIVISIONS[1] + 1))
    divisions = {k: min(n, MAX_LEVEL_DIVISIONS) for k, n in split_divisions(total).items()}
    factor = float(rng.uniform(*STUDENT_FACTOR))
    students = round(sum(divisions.values()) * STUDENTS_PER_DIVISION[kind] * factor)
    if kind != "LP":
        students = min(max(students, GENERAL_STUDENTS[0]), GENERAL_STUDENTS[1])
    students = min(max(students, STUDENTS[0]), STUDENTS[1])
    uai = _draw_uai(rng, free_numbers)
    full_name = f"{KIND_PREFIX[kind]} {names.draw(rng)} (fictif)"
    lycee = _Lycee(uai, full_name, kind, students, divisions)
    lycee.operations = _draw_calendar(rng, scenario, latest)
    return lycee


def _draw_uai(rng: np.random.Generator, free_numbers: dict[str, list[int]]) -> str:
    """A département with numbers left, then one of its numbers not yet used."""
    open_ones = [d for d in DEPARTEMENTS if free_numbers[d]]
    departement = open_ones[int(rng.integers(len(open_ones)))]
    numbers = free_numbers[departement]
    number = numbers.pop(int(rng.integers(len(numbers))))
    return uai_of(f"{departement}{number:04d}")


class _NamePool:
    """Names without replacement: the list's own first, then each followed by a city."""

    def __init__(self) -> None:
        self.plain = list(NAMES)
        self.with_city: list[tuple[int, int]] = []

    def draw(self, rng: np.random.Generator) -> str:
        if self.plain:
            return self.plain.pop(int(rng.integers(len(self.plain))))
        if not self.with_city:  # built once, when the plain names run out
            self.with_city = [(n, c) for n in range(len(NAMES)) for c in range(len(CITIES))]
        n, c = self.with_city.pop(int(rng.integers(len(self.with_city))))
        city = CITIES[c]
        return f"{NAMES[n]} {'d’' if city[0] in 'AEIOUÂÉÈ' else 'de '}{city}"


def _draw_calendar(
    rng: np.random.Generator, scenario: Scenario, latest: dict[Operation, dt.datetime]
) -> dict[Operation, list[Instant]]:
    """The operations whose dates this lycée moves, with their new dates.

    Every draw is made whatever the common scenario holds, so a lycée's draws never depend on
    it. An operation's delay is the largest of its own shift and its predecessors' delays
    (the push-forward rule of ``sample_calendar``). When that move would leave the
    operation's bounds or the window, go before a predecessor or past what a successor can
    still follow (``latest``), the largest smaller move that fits is made, or none (the
    common dates)."""
    shifts = rng.choice(np.asarray(SHIFTS), size=len(MOVED), p=np.asarray(SHIFT_WEIGHTS))
    late_links = bool(rng.random() < LATE_LINKS_SHARE)
    extra = int(rng.integers(LATE_LINKS_DAYS[0], LATE_LINKS_DAYS[1] + 1))
    cal = scenario.calendar
    staff = cal.staff()
    dates = {
        op: list(scenario.operations.get(op).date)
        for op in Operation
        if not scenario.operations.get(op).missing
    }
    delay: dict[Operation, int] = {}
    changed: dict[Operation, list[Instant]] = {}
    for op, own in zip(MOVED, shifts, strict=True):
        spec = scenario.operations.get(op)
        if spec.missing or spec.fixed:
            continue
        wanted = max([int(own), *(delay[p] for p in PREDECESSORS[op] if p in delay)])
        if late_links and op is Operation.EXPORT_LIENS_SIECLE:
            wanted += extra
        earliest = max(
            (_first(dates[p], cal) for p in PREDECESSORS[op] if p in dates), default=None
        )
        delay[op] = 0  # what successors are pushed by: the move actually made
        for days in range(wanted, 0, -1 if wanted > 0 else 1):
            moved = _moved(spec.date, days, staff)
            if _allowed(moved, spec, cal, earliest, latest[op]):
                delay[op], dates[op] = days, moved
                break
        if [cal.at(d) for d in dates[op]] != [cal.at(d) for d in spec.date]:
            changed[op] = dates[op]
    return changed


def _latest_firsts(scenario: Scenario) -> dict[Operation, dt.datetime]:
    """The latest first instant of each done operation: the latest move its own bounds allow
    (its dates if fixed or never moved), and no later than its successors' latest.

    Without it a predecessor could move past a successor held by its ``not_after``."""
    cal = scenario.calendar
    staff = cal.staff()
    latest: dict[Operation, dt.datetime] = {}
    for op in reversed(SEED_ORDER):
        spec = scenario.operations.get(op)
        if spec.missing:
            continue
        own = _first(spec.date, cal)
        if op in MOVED and not spec.fixed:
            high = min(cal.end, spec.not_after or cal.end)
            for days in range(MAX_DELAY, 0, -1):
                moved = _moved(spec.date, days, staff)
                if all(day_of(value) <= high for value in moved):
                    own = max(own, _first(moved, cal))
                    break
        latest[op] = min([own, *(latest[s] for s in SUCCESSORS[op] if s in latest)])
    return latest


def _first(values: list[Instant], cal: Calendar) -> dt.datetime:
    return min(cal.at(value) for value in values)


def _moved(values: list[Instant], days: int, staff: StaffCalendar) -> list[Instant]:
    return [staff.add_working_days(value, days) for value in values]


def _allowed(
    moved: list[Instant],
    spec: OperationSpec,
    cal: Calendar,
    earliest: dt.datetime | None,
    latest: dt.datetime,
) -> bool:
    """Whether moved dates stay in the operation's bounds and the window, and their first
    between its predecessors' first dates (a fixed predecessor never moves: an early shift
    could pass it) and ``latest``."""
    low = max(cal.start, spec.not_before or cal.start)
    high = min(cal.end, spec.not_after or cal.end)
    if not all(low <= day_of(value) <= high for value in moved):
        return False
    first = _first(moved, cal)
    return (earliest is None or first >= earliest) and first <= latest


# --- writing --------------------------------------------------------------------------------


def _render(
    lycees: list[_Lycee],
    count: int,
    seed: int,
    common: str,
    name: str,
    cal: Calendar,
    schema: str | None,
) -> str:
    lines = [f"# yaml-language-server: $schema={schema}"] if schema else []
    lines += [
        "# " + t("academie.generated_by", count=count, seed=seed),
        "# " + t("academie.generated_fictional"),
        f"name: {_quoted(name)}",
        f"description: {_quoted(t('academie.generated_description'))}",
        f"seed: {seed}",
        f"scenario: {_scalar(common)}",
        "lycees:",
    ]
    for lycee in lycees:
        divisions = ", ".join(f"{level}: {n}" for level, n in lycee.divisions.items())
        lines += [
            f"  - uai: {_quoted(lycee.uai)}",
            f"    name: {_quoted(lycee.name)}",
            f"    kind: {lycee.kind}",
            f"    students: {lycee.students}",
            f"    divisions: {{{divisions}}}",
        ]
        if lycee.operations:
            lines.append("    operations:")
            for op, values in lycee.operations.items():
                texts = [_instant(value, cal.operation_time) for value in values]
                shown = texts[0] if len(texts) == 1 else f"[{', '.join(texts)}]"
                lines.append(f"      {op.value}: {{date: {shown}}}")
    return "\n".join(lines) + "\n"


def _instant(value: Instant, operation_time: dt.time) -> str:
    """A YAML date, or a quoted date and time when the time is not the scenario's default."""
    if isinstance(value, dt.datetime) and value.time() != operation_time:
        form = "%Y-%m-%d %H:%M:%S" if value.second else "%Y-%m-%d %H:%M"
        return f'"{value.strftime(form)}"'
    return day_of(value).isoformat()


def _quoted(text: str) -> str:
    """A double-quoted YAML string, French characters as they are (the emitter escapes what
    YAML would read otherwise: quotes, line separators)."""
    return yaml.safe_dump(text, allow_unicode=True, default_style='"', width=10**9).rstrip("\n")


def _scalar(text: str) -> str:
    """A path plain when YAML reads it back unchanged as text, else quoted."""
    plain = re.fullmatch(r"[\w./][\w./-]*", text) is not None
    return text if plain and yaml.safe_load(text) == text else _quoted(text)


# --- names ----------------------------------------------------------------------------------

# Writers, scientists, artists, figures of the Republic, then places: the usual kinds of
# lycée names. Each is followed by « (fictif) »: no lycée here is a real one.
# fmt: off
NAMES: tuple[str, ...] = (
    # writers
    "Victor Hugo", "Émile Zola", "Gustave Flaubert", "Honoré de Balzac", "Stendhal",
    "Alexandre Dumas", "George Sand", "Colette", "Marguerite Duras", "Albert Camus",
    "Jean-Paul Sartre", "Simone de Beauvoir", "Marcel Proust", "Molière", "Jean Racine",
    "Pierre Corneille", "Jean de La Fontaine", "Voltaire", "Jean-Jacques Rousseau",
    "Denis Diderot", "Montesquieu", "Michel de Montaigne", "François Rabelais",
    "Pierre de Ronsard", "Joachim du Bellay", "Clément Marot", "François Villon",
    "Charles Baudelaire", "Paul Verlaine", "Arthur Rimbaud", "Stéphane Mallarmé",
    "Guillaume Apollinaire", "Paul Éluard", "Louis Aragon", "Jacques Prévert", "Robert Desnos",
    "René Char", "Paul Valéry", "Jean Giraudoux", "Jean Giono", "Marcel Pagnol", "Jules Verne",
    "Guy de Maupassant", "Prosper Mérimée", "Alfred de Musset", "Alfred de Vigny",
    "Alphonse de Lamartine", "Gérard de Nerval", "Théophile Gautier", "Jules Michelet",
    "Anatole France", "Romain Rolland", "André Gide", "François Mauriac",
    "Antoine de Saint-Exupéry", "Jean Cocteau", "Boris Vian", "Raymond Queneau",
    "Georges Perec", "Marguerite Yourcenar", "Nathalie Sarraute", "Olympe de Gouges",
    "Madame de Sévigné", "Madame de La Fayette", "Pierre Loti", "Jules Renard",
    "Alain-Fournier", "Charles Péguy", "Paul Claudel", "Francis Jammes", "Aimé Césaire",
    "Léopold Sédar Senghor", "Édouard Glissant", "Jules Supervielle", "Saint-John Perse",
    "Henri Michaux", "Yves Bonnefoy", "Julien Gracq", "Albert Cohen", "Romain Gary",
    "Joseph Kessel", "Georges Bernanos", "Jean Anouilh", "Eugène Ionesco", "Marie de France",
    "Christine de Pizan", "Chrétien de Troyes", "Charles Perrault", "Nicolas Boileau",
    "Jean de La Bruyère", "Beaumarchais", "Marivaux", "Choderlos de Laclos", "Chateaubriand",
    "Madame de Staël", "Benjamin Constant", "Victor Segalen", "Max Jacob", "Blaise Cendrars",
    "Tristan Corbière", "Jules Laforgue", "Marceline Desbordes-Valmore", "Andrée Chedid",
    "Jean Genet", "Louise Labé", "Agrippa d’Aubigné", "Jean Anglade", "Maurice Genevoix",
    "Pierre Mac Orlan", "Vercors", "Jacques Rivière",
    # scientists, physicians, inventors
    "Marie Curie", "Pierre Curie", "Irène Joliot-Curie", "Frédéric Joliot", "Louis Pasteur",
    "Antoine Lavoisier", "André-Marie Ampère", "Henri Poincaré", "Évariste Galois",
    "Sophie Germain", "Joseph Fourier", "Pierre-Simon Laplace", "Joseph-Louis Lagrange",
    "Augustin Fresnel", "Léon Foucault", "Sadi Carnot", "Gaspard Monge", "Henri Becquerel",
    "Paul Langevin", "Jean Perrin", "Louis de Broglie", "Claude Bernard", "Jean-Baptiste Lamarck",
    "Georges Cuvier", "Buffon", "Paul Bert", "Émile Borel", "Jacques Monod", "François Jacob",
    "Alfred Kastler", "Pierre-Gilles de Gennes", "Théodore Monod", "Haroun Tazieff",
    "Paul-Émile Victor", "Jean Rostand", "Charles-Augustin de Coulomb", "Gustave Eiffel",
    "Louis Blériot", "Clément Ader", "Nicéphore Niépce", "Louis Daguerre", "Frères Lumière",
    "Joseph Marie Jacquard", "Denis Papin", "Blaise Pascal", "Pierre de Fermat", "François Viète",
    "Gaspard-Gustave Coriolis", "Urbain Le Verrier", "Camille Flammarion", "Charles Messier",
    "François Arago", "Joseph Louis Gay-Lussac", "Claude Louis Berthollet", "Marcellin Berthelot",
    "Louis Néel", "Georges Charpak", "Émilie du Châtelet", "Henri Moissan", "Paul Sabatier",
    "Victor Grignard", "Alexandre Yersin", "Émile Roux", "Albert Calmette", "Charles Nicolle",
    "Alphonse Laveran", "René Laennec", "Ambroise Paré", "Xavier Bichat", "Philippe Pinel",
    "Jean-Martin Charcot", "Louis Braille", "Valentin Haüy", "Jean-François Champollion",
    "René Descartes", "Joseph Cugnot", "Édouard Branly", "Jean-Baptiste Biot",
    "Augustin Cauchy", "Siméon Denis Poisson", "Adrien-Marie Legendre", "Jacques de Vaucanson",
    "Jean-Antoine Chaptal", "Nicolas Leblanc", "Louis-Nicolas Vauquelin", "Charles Friedel",
    "Hippolyte Fizeau", "Étienne-Jules Marey", "Marthe Gautier", "Jean-Baptiste Dumas",
    # artists, musicians, architects, film
    "Claude Monet", "Auguste Renoir", "Paul Cézanne", "Edgar Degas", "Édouard Manet",
    "Berthe Morisot", "Camille Pissarro", "Henri Matisse", "Paul Gauguin",
    "Henri de Toulouse-Lautrec", "Odilon Redon", "Rosa Bonheur", "Camille Claudel",
    "Auguste Rodin", "Eugène Delacroix", "Théodore Géricault", "Camille Corot", "Gustave Courbet",
    "Jean-François Millet", "Georges Seurat", "Paul Signac", "Georges Braque", "Fernand Léger",
    "Raoul Dufy", "Marc Chagall", "Niki de Saint Phalle", "Sonia Delaunay", "Robert Delaunay",
    "Aristide Maillol", "Antoine Bourdelle", "Nicolas Poussin", "Georges de La Tour",
    "Jean-Honoré Fragonard", "Antoine Watteau", "Élisabeth Vigée Le Brun", "Louise Bourgeois",
    "Pierre Bonnard", "Édouard Vuillard", "Maurice Utrillo", "Suzanne Valadon", "Henri Rousseau",
    "Le Corbusier", "Jean Prouvé", "Hector Guimard", "Claude Debussy", "Maurice Ravel",
    "Hector Berlioz", "Georges Bizet", "Camille Saint-Saëns", "Gabriel Fauré", "Érik Satie",
    "Francis Poulenc", "Olivier Messiaen", "Lili Boulanger", "Nadia Boulanger",
    "Jean-Philippe Rameau", "François Couperin", "Jean-Baptiste Lully", "Édith Piaf",
    "Georges Brassens", "Django Reinhardt", "Sarah Bernhardt", "Georges Méliès", "Jean Renoir",
    "Jean Vigo", "Agnès Varda", "Jacques Tati", "François Truffaut", "Jean Vilar", "Louis Jouvet",
    "Henri Cartier-Bresson", "Robert Doisneau", "Nadar", "Victor Louis", "Vauban",
    "Jean Lurçat", "Germaine Richier", "Paul Dukas", "Joseph Canteloube",
    # figures of the Republic, explorers, sportswomen and sportsmen
    "Jules Ferry", "Jean Jaurès", "Léon Blum", "Victor Schœlcher", "Condorcet", "Jean Zay",
    "Pierre Mendès France", "Simone Veil", "Germaine Tillion", "Geneviève de Gaulle-Anthonioz",
    "Lucie Aubrac", "Pierre Brossolette", "Danielle Casanova", "Missak Manouchian",
    "Joséphine Baker", "Félix Éboué", "Gaston Monnerville", "Charles de Gaulle",
    "Georges Clemenceau", "Léon Gambetta", "Jean Monnet", "Robert Schuman", "René Cassin",
    "Aristide Briand", "Pierre de Coubertin", "Suzanne Lenglen", "Éric Tabarly",
    "Alexandra David-Néel", "Marie Marvingt", "Hubertine Auclert", "Louise Weiss",
    "Élisée Reclus", "Paul Vidal de La Blache", "Marc Bloch", "Lucien Febvre", "Fernand Braudel",
    "Émile Durkheim", "Claude Lévi-Strauss", "Simone Weil", "Gaston Bachelard", "Henri Bergson",
    "Alain", "Paul Ricœur", "Jean Moulin", "Louise Michel", "Hélène Boucher",
    "Jacques-Yves Cousteau", "Jean Mermoz", "Roland Garros", "Jeanne d’Arc", "Aliénor d’Aquitaine",
    "Henri IV", "Jacques Cartier", "Samuel de Champlain", "René Caillié", "Bernard Palissy",
    # places
    "du Port", "de la Plaine", "des Graves", "du Médoc", "de la Côte d’Argent", "de l’Estuaire",
    "du Bassin", "des Dunes", "de la Forêt", "des Chartrons", "du Val de Garonne",
    "de la Vallée du Lot", "du Pays basque", "du Béarn", "de la Saintonge", "de l’Aunis",
    "du Marais poitevin", "du Bocage", "de la Gâtine", "du Haut-Limousin",
    "de la Montagne limousine", "du Plateau de Millevaches", "de la Vézère", "du Périgord noir",
    "du Périgord vert", "de la Double", "du Pays d’Albret", "de l’Adour", "de la Nive",
    "des Deux Rives", "du Lac", "des Sources", "du Château", "de la Citadelle", "des Remparts",
    "de l’Arsenal", "du Phare", "des Vignes", "des Pins", "des Chênes", "des Tilleuls",
    "des Platanes", "du Moulin", "de la Rivière", "du Pont", "de l’Océan", "des Salines",
    "du Coteau", "de la Colline", "de la Prairie", "des Jardins", "du Parc", "des Îles",
    "du Canal", "des Ateliers", "du Bois d’Amour", "des Châtaigniers", "de la Mer",
)
# fmt: on

# For académies larger than the list: each name again, with a city of Nouvelle-Aquitaine.
# fmt: off
CITIES: tuple[str, ...] = (
    "Bordeaux", "Mérignac", "Pessac", "Talence", "Bègles", "Libourne", "Arcachon", "Langon",
    "Blaye", "Lesparre-Médoc", "Limoges", "Saint-Junien", "Brive-la-Gaillarde", "Tulle", "Ussel",
    "Guéret", "Aubusson", "La Souterraine", "Périgueux", "Bergerac", "Sarlat-la-Canéda",
    "Nontron", "Agen", "Villeneuve-sur-Lot", "Marmande", "Nérac", "Mont-de-Marsan", "Dax",
    "Biscarrosse", "Pau", "Bayonne", "Biarritz", "Anglet", "Oloron-Sainte-Marie", "Orthez",
    "Niort", "Bressuire", "Parthenay", "Poitiers", "Châtellerault", "Loudun", "Montmorillon",
    "Angoulême", "Cognac", "Confolens", "La Rochelle", "Rochefort", "Saintes", "Royan", "Jonzac",
)
# fmt: on
