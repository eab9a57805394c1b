"""Default risk priors (domain.md §4), used where a scenario gives none.

Pupils are usually right at the rentrée; teachers' services and groups usually are not; the
link export is "often late", done "as late as possible"; services go up "around the end of
September". Lateness is in working days; a channel's failure probability is per run.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from sim.domain import Channel, Operation
from sim.scenario.model import ChannelSpec, Lateness, OperationSpec


@dataclass(frozen=True)
class OperationRisk:
    forget_probability: float
    lateness: Lateness


def _triangular(low: float, mode: float, high: float) -> Lateness:
    return Lateness(kind="triangular", min=low, mode=mode, max=high)


ON_TIME = _triangular(0, 0, 2)

OPERATION_PRIORS: dict[Operation, OperationRisk] = {
    Operation.BASCULE_STS: OperationRisk(0.0, _triangular(0, 0, 3)),
    Operation.NOMENCLATURES_ACADEMIE: OperationRisk(0.0, _triangular(0, 0, 3)),
    Operation.SELECTION_NOMENCLATURES: OperationRisk(0.0, _triangular(0, 0, 3)),
    Operation.PROFILAGE: OperationRisk(0.0, _triangular(0, 0, 3)),
    Operation.VERIFICATION_DIVISIONS: OperationRisk(0.0, _triangular(0, 1, 5)),
    Operation.EXPORT_STRUCTURE_SIECLE: OperationRisk(0.2, ON_TIME),
    Operation.INSCRIPTION_AFFECTATION: OperationRisk(0.0, ON_TIME),
    Operation.TRANSFERTS: OperationRisk(0.0, ON_TIME),
    Operation.CREATION_ELEVES: OperationRisk(0.0, ON_TIME),
    Operation.EXPORT_STS_EDT: OperationRisk(0.02, _triangular(0, 1, 5)),
    Operation.EXPORT_SIECLE_EDT: OperationRisk(0.03, _triangular(0, 1, 5)),
    Operation.CONSTRUCTION_EDT: OperationRisk(0.0, _triangular(0, 2, 10)),
    Operation.IMPORT_STS_EDT: OperationRisk(
        0.03, Lateness(kind="lognormal", median=4, sigma=0.8, max=25)
    ),
    Operation.EXPORT_LIENS_SIECLE: OperationRisk(
        0.05, Lateness(kind="lognormal", median=5, sigma=0.8, max=25)
    ),
    # the ENT operator's year change: a planned platform job (not doing it is ``missing``)
    Operation.TRANSITION_ENT: OperationRisk(0.0, _triangular(0, 0, 3)),
}

CHANNEL_FAILURE_PRIORS: dict[Channel, float] = {
    Channel.STS_VERS_SIECLE: 0.0,
    Channel.ACTIVATION_LIENS: 0.005,
    Channel.EXTRACTION_AAF: 0.02,
    Channel.IMPORT_EDT_ENT: 0.01,
    Channel.IMPORT_ENT: 0.01,
    Channel.PRESUPPRESSION_ENT: 0.01,
    Channel.EXPORT_GAR: 0.02,
}


def operation_risk(operation: Operation, spec: OperationSpec) -> OperationRisk:
    """The scenario's risk for ``operation``, each missing part taken from the priors."""
    prior = OPERATION_PRIORS[operation]
    return OperationRisk(
        spec.forget_probability
        if spec.forget_probability is not None
        else prior.forget_probability,
        spec.lateness if spec.lateness is not None else prior.lateness,
    )


def median_lateness(lateness: Lateness) -> float:
    """The median of a lateness law, in working days (before the draw's rounding)."""
    if lateness.kind == "triangular":
        low, mode = lateness.min, lateness.mode
        high = lateness.max if lateness.max is not None else mode
        if high <= low:
            return float(low)
        if mode >= (low + high) / 2:
            return low + math.sqrt((high - low) * (mode - low) / 2)
        return high - math.sqrt((high - low) * (high - mode) / 2)
    if lateness.kind == "lognormal":
        value = float(lateness.median)
    else:
        values = list(lateness.values)
        weights = list(lateness.weights or [1.0] * len(values))
        total, running = sum(weights), 0.0
        value = values[-1]
        for v, w in sorted(zip(values, weights, strict=True)):
            running += w
            if running >= total / 2:
                value = v
                break
    return float(value if lateness.max is None else min(value, lateness.max))


def failure_probability(channel: Channel, spec: ChannelSpec) -> float:
    if spec.failure_probability is not None:
        return spec.failure_probability
    return CHANNEL_FAILURE_PRIORS[channel]
