"""Influence and coalitions: Godet's MACTOR computed from claims.

The two inputs are read from the graph under a claim filter (`ClaimFilter`, the claims layer
`actorgraph.analyses.claims` that every analysis shares):

- **MID**, direct influence: ``influences`` relations, ``from`` -> ``to`` with an
  ``intensity`` 0-3. A cell no admitted claim supports is *missing* (not 0).
- **2MAO**, valued positions: interests with a ``degree`` (``wants`` +d, ``opposes`` -d,
  ``indifferent`` 0). An interest without a degree has a sign but no value: missing too.

Missing cells count as 0 in the sums (the method needs a number) and are listed in the report,
so a reader sees how much of each matrix rests on claims. Where admitted claims give one cell
two values (two ``influences`` records with different intensities), the cell is *contested*:
the value with the most support is used (the lower value on a tie) and the others are listed.

The outputs follow Godet's definitions (the README says which variant and where from):

- MIDI_ij = MID_ij + sum_k min(MID_ik, MID_kj): direct influence plus the influence i has on
  j through one intermediary k. MIDI_ii is i's *retroaction*: its influence on itself
  through others.
- Ii = sum_{j != i} MIDI_ij (direct and indirect influence), Di = sum_{j != i} MIDI_ji
  (direct and indirect dependence).
- r_i = (Ii - MIDI_ii) / sum_j Ij x Ii / (Ii + Di): the power coefficient, less the
  retroaction; r*_i = n r_i / sum_j r_j (mean 1).
- 1MAO = sign(2MAO); 3MAO_ik = r*_i x 2MAO_ik. For each objective: mobilisation for (sum of
  the positive cells), against (sum of the negative ones, as a positive number), and the
  total; for each actor: its implication (sum of |cells|).
- nCAA_ij = sum over objectives where i and j have the same sign of (|nMAO_ik| + |nMAO_jk|)/2;
  nDAA_ij the same over objectives where their signs differ.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import numpy as np

from ..model.kinds import INDIFFERENT, INFLUENCE, INTEREST
from ..model.records import Claim
from .claims import ClaimFilter, ClaimView, filter_for

__all__ = ["Cell", "CoalitionReport", "coalitions", "mactor_outputs"]

LEVELS = (1, 2, 3)
"""1: signs only; 2: valued positions; 3: valued positions weighted by power (r*)."""


@dataclass(frozen=True)
class Cell:
    """One input cell: its value (None: missing), the records and claims behind it."""

    row: str
    column: str
    value: int | None
    edges: tuple[str, ...] = ()
    claims: tuple[Claim, ...] = ()
    alternatives: tuple[int, ...] = ()
    """Other values admitted claims give the same cell (a contested cell)."""
    other_claims: tuple[Claim, ...] = ()
    """The claims behind the other values."""
    note: str = ""

    @property
    def contested(self) -> bool:
        return bool(self.alternatives)


FEW_CELLS = 0.25
"""Under this share of its MID row and column claimed, an actor's power rests on few cells."""


@dataclass(frozen=True)
class CoalitionReport:
    """MACTOR's inputs (with their claims) and outputs, for `actors` and `outcomes` in order.

    Matrices are numpy arrays indexed in the order of `actors` (rows) and `outcomes`
    (columns); `mid` and `positions` hold 0 where a cell is missing (see `missing`).
    """

    actors: tuple[str, ...]
    outcomes: tuple[str, ...]
    influence_cells: dict[tuple[str, str], Cell]
    position_cells: dict[tuple[str, str], Cell]
    mid: np.ndarray
    positions: np.ndarray
    midi: np.ndarray
    influence: np.ndarray
    """Ii: direct and indirect influence on the others."""
    dependence: np.ndarray
    """Di: direct and indirect dependence on the others."""
    retroaction: np.ndarray
    """MIDI_ii: an actor's influence on itself through the others."""
    r: np.ndarray
    r_star: np.ndarray
    mao: dict[int, np.ndarray]
    caa: dict[int, np.ndarray]
    daa: dict[int, np.ndarray]
    options: dict[str, Any] = field(default_factory=dict)

    def claimed_cells(self, actor: str) -> int:
        """How many cells of the actor's MID row (its influence) and column (its dependence)
        a claim gives, of ``2 (n - 1)``: what its power rests on besides zeros."""
        return sum(1 for (a, b), cell in self.influence_cells.items()
                   if actor in (a, b) and a != b and cell.value is not None)

    def rests_on_few(self, actor: str) -> bool:
        """Whether under `FEW_CELLS` of the actor's row and column are claimed."""
        return self.claimed_cells(actor) < FEW_CELLS * 2 * (len(self.actors) - 1)

    def missing(self, which: str) -> list[tuple[str, str]]:
        """Cells of 'influence' (MID, off the diagonal) or 'positions' nobody claims."""
        if which == "influence":
            cells, pairs = self.influence_cells, [(a, b) for a in self.actors
                                                  for b in self.actors if a != b]
        else:
            cells, pairs = self.position_cells, [(a, o) for a in self.actors
                                                 for o in self.outcomes]
        return [p for p in pairs if p not in cells or cells[p].value is None]

    def mobilisation(self, level: int = 3) -> dict[str, tuple[float, float, float]]:
        """Each objective's mobilisation (for, against, total) in nMAO; against >= 0."""
        m = self.mao[level]
        out = {}
        for k, o in enumerate(self.outcomes):
            pro = float(m[:, k][m[:, k] > 0].sum())
            con = float(-m[:, k][m[:, k] < 0].sum()) + 0.0  # + 0.0: never -0.0
            out[o] = (pro, con, pro + con)
        return out

    def implication(self, level: int = 3) -> dict[str, float]:
        """Each actor's implication in the objectives: sum of |nMAO| over its row."""
        return {a: float(np.abs(self.mao[level][i]).sum()) for i, a in enumerate(self.actors)}

    def pairs(self, level: int = 3, *, divergent: bool = False
              ) -> list[tuple[str, str, float]]:
        """Pairs of actors (each once) by nCAA (or nDAA), strongest first, zeros left out."""
        m = (self.daa if divergent else self.caa)[level]
        n = len(self.actors)
        out = [(self.actors[i], self.actors[j], float(m[i, j]))
               for i in range(n) for j in range(i + 1, n) if m[i, j] > 0]
        return sorted(out, key=lambda t: (-t[2], t[0], t[1]))

    def splitting(self, level: int = 3) -> list[tuple[str, float, float]]:
        """Objectives some actors want and others oppose: (outcome, for, against), the most
        evenly and strongly contested first (by the smaller side)."""
        out = [(o, pro, con) for o, (pro, con, _) in self.mobilisation(level).items()
               if pro > 0 and con > 0]
        return sorted(out, key=lambda t: (-min(t[1], t[2]), -(t[1] + t[2]), t[0]))


def mactor_outputs(mid: np.ndarray, positions: np.ndarray) -> dict[str, Any]:
    """MACTOR's outputs from the two bare matrices (MID n x n, 2MAO n x m), as arrays.

    Two actors: A influences B at 2, B influences A at 1. B's only indirect influence is on
    itself (B -> A -> B, the retroaction), which r takes off: B has no power left. They
    diverge on the one objective (A +1, B -2) by (1 + 2) / 2 in 2DAA; weighted by power, B's
    opposition counts for nothing (3DAA).

    >>> out = mactor_outputs(np.array([[0, 2], [1, 0]]), np.array([[1], [-2]]))
    >>> out["midi"].tolist()
    [[1.0, 2.0], [1.0, 1.0]]
    >>> out["r_star"].tolist(), float(out["daa"][2][0, 1]), float(out["daa"][3][0, 1])
    ([2.0, 0.0], 1.5, 0.0)
    """
    mid = np.asarray(mid, dtype=float)
    n = mid.shape[0]
    two = np.asarray(positions, dtype=float)
    if two.ndim != 2:  # a flat list of positions, one objective (no actors: nothing to shape)
        two = two.reshape(n, -1) if n else np.zeros((0, 0))
    # MIDI_ij = MID_ij + sum_k min(MID_ik, MID_kj)
    midi = mid + np.minimum(mid[:, :, None], mid[None, :, :]).sum(axis=1)
    retro = np.diag(midi).copy()
    influence = midi.sum(axis=1) - retro
    dependence = midi.sum(axis=0) - retro
    total = influence.sum()
    r = np.zeros(n)
    for i in range(n):
        if total > 0 and influence[i] + dependence[i] > 0:
            r[i] = (influence[i] - retro[i]) / total * influence[i] / (influence[i] + dependence[i])
    r_star = n * r / r.sum() if r.sum() > 0 else np.zeros(n)
    mao = {1: np.sign(two), 2: two, 3: r_star[:, None] * two}
    caa, daa = {}, {}
    for level, m in mao.items():
        a = np.abs(m)
        half = (a[:, None, :] + a[None, :, :]) / 2
        prod = m[:, None, :] * m[None, :, :]
        caa[level] = np.where(prod > 0, half, 0.0).sum(axis=2)
        daa[level] = np.where(prod < 0, half, 0.0).sum(axis=2)
        np.fill_diagonal(caa[level], 0.0)
        np.fill_diagonal(daa[level], 0.0)
    return {"midi": midi, "influence": influence, "dependence": dependence,
            "retroaction": retro, "r": r, "r_star": r_star, "mao": mao, "caa": caa, "daa": daa}


# -- reading the inputs from the graph --------------------------------------------------

def _influence_cells(view: ClaimView) -> dict[tuple[str, str], Cell]:
    found: dict[tuple[str, str], list[tuple[float, int, str, tuple[Claim, ...]]]] = {}
    for u, v, key, d in view.G.edges(keys=True, data=True):
        if d["type"] == INFLUENCE and (step := view.step(u, v, key, d)) is not None:
            found.setdefault((u, v), []).append((step.support, d["intensity"], key, step.claims))
    cells = {}
    for (u, v), options in found.items():
        # most support first; on a tie, the lower intensity (the cautious reading)
        options.sort(key=lambda t: (-t[0], t[1], t[2]))
        _, value, key, claims = options[0]
        alternatives = tuple(sorted({o[1] for o in options} - {value}))
        others = tuple(c for o in options if o[1] != value for c in o[3])
        cells[(u, v)] = Cell(u, v, value, tuple(o[2] for o in options), claims, alternatives,
                             others)
    return cells


def _position_cells(view: ClaimView) -> dict[tuple[str, str], Cell]:
    cells = {}
    for u, v, key, d in view.G.edges(keys=True, data=True):
        if d["type"] not in (INTEREST, INDIFFERENT):
            continue
        step = view.step(u, v, key, d)
        if step is None:
            continue
        record = d["record"]
        note = "" if record.position is not None else f"{record.stance}, degree not given"
        cells[(u, v)] = Cell(u, v, record.position, (key,), step.claims, note=note)
    return cells


def coalitions(G: nx.MultiDiGraph, *, actors: Collection[str] = (),
               outcomes: Collection[str] = (), claims: ClaimFilter | None = None,
               according_to: Collection[str] = (), exclude: Collection[str] = (),
               min_confidence: float = 0.0, as_of: str | dt.date | None = None
               ) -> CoalitionReport:
    """MACTOR on the claims that pass the filters: power, mobilisation, convergence.

    Without `actors`, the actors are those in an admitted influence tie or valued position
    (degree given, or indifferent); without `outcomes`, the outcomes someone holds a valued
    position on. Which claims count is `claims` (a `ClaimFilter`), or the same built from
    `according_to`, `exclude`, `min_confidence` and `as_of`, as in `who_gains`.

    >>> import actorgraph
    >>> report = coalitions(actorgraph.load("tests/data/valid/mactor-aeroport-paris"))
    >>> report.actors[:3], round(float(report.r_star[report.actors.index("etat")]), 2)
    (('ap', 'assocriv', 'ciescharter'), 1.38)
    """
    from ..model.graph import resolve

    cf = filter_for(G, claims, according_to=according_to, exclude=exclude,
                    min_confidence=min_confidence, as_of=as_of)
    view = ClaimView(G, cf)
    influence_cells = _influence_cells(view)
    position_cells = _position_cells(view)
    if actors:
        actor_ids = tuple(dict.fromkeys(resolve(G, a) for a in actors))
    else:
        seen = {a for pair in influence_cells for a in pair}
        seen |= {a for (a, _), c in position_cells.items() if c.value is not None}
        actor_ids = tuple(sorted(seen))
    if outcomes:
        outcome_ids = tuple(dict.fromkeys(resolve(G, o, type="outcome") for o in outcomes))
    else:
        outcome_ids = tuple(sorted({o for (a, o), c in position_cells.items()
                                    if c.value is not None and a in actor_ids}))
    index = {a: i for i, a in enumerate(actor_ids)}
    n, m = len(actor_ids), len(outcome_ids)
    mid = np.zeros((n, n))
    for (u, v), cell in influence_cells.items():
        if u in index and v in index and cell.value is not None:
            mid[index[u], index[v]] = cell.value
    two = np.zeros((n, m))
    for k, o in enumerate(outcome_ids):
        for a, i in index.items():
            cell = position_cells.get((a, o))
            if cell is not None and cell.value is not None:
                two[i, k] = cell.value
    out = mactor_outputs(mid, two)
    keep_actors = set(actor_ids)
    options = cf.options()
    return CoalitionReport(
        actor_ids, outcome_ids,
        {k: c for k, c in influence_cells.items() if set(k) <= keep_actors},
        {k: c for k, c in position_cells.items() if k[0] in keep_actors and k[1] in outcome_ids},
        mid, two, out["midi"], out["influence"], out["dependence"], out["retroaction"],
        out["r"], out["r_star"], out["mao"], out["caa"], out["daa"], options)
