"""Fixtures from EGTtools (the reference tool) for the evolution layer's compatibility tests.

Run from the repository root:  python compat/egttools_fixtures.py
Writes compat/fixtures/egttools_evolution.json with
  - fixation probabilities of PD, Stag Hunt and Hawk-Dove at Z in {10, 50, 100},
    beta in {0.01, 1, 10}, both directions (StochDynamics.fixation_probability), and
  - full-chain stationary distributions of two-strategy games, from EGTtools' transition
    matrix and its eigenvector solver (calculate_stationary_distribution).
The Rust tests (crates/evolution/tests/egttools_compat.rs) check agreement where EGTtools is
right and document where it is not.
"""
import json
import os

import numpy as np
import egttools
from egttools.analytical import StochDynamics
from egttools.utils import calculate_stationary_distribution

GAMES = {
    "prisoners_dilemma": [[3.0, 0.0], [5.0, 1.0]],
    "stag_hunt": [[4.0, 0.0], [3.0, 3.0]],
    "hawk_dove": [[-0.5, 2.0], [0.0, 1.0]],
}

STATIONARY_CASES = [
    # (game, Z, beta, mu): a mildly selective case and metastable coordination cases.
    ("prisoners_dilemma", 30, 0.1, 0.05),
    ("stag_hunt", 50, 1.0, 1e-3),
    ("stag_hunt", 100, 1.0, 1e-3),
    ("stag_hunt", 100, 2.0, 1e-4),
]


def main():
    fixation = []
    for name, payoff in GAMES.items():
        sd_cache = {}
        for z in (10, 50, 100):
            sd = sd_cache.setdefault(z, StochDynamics(2, np.array(payoff), z))
            for beta in (0.01, 1.0, 10.0):
                for invader, resident in ((0, 1), (1, 0)):
                    rho = float(sd.fixation_probability(invader, resident, beta))
                    fixation.append({"game": name, "payoff": payoff, "population": z, "beta": beta,
                                     "invader": invader, "resident": resident, "rho": rho})
    stationary = []
    for name, z, beta, mu in STATIONARY_CASES:
        sd = StochDynamics(2, np.array(GAMES[name]), z, mu=mu)
        transitions = sd.calculate_full_transition_matrix(beta)
        dist = calculate_stationary_distribution(transitions)
        # EGTtools' state i is the count vector sample_simplex(i, Z, 2); record strategy 0's count.
        counts = [int(egttools.sample_simplex(i, z, 2)[0]) for i in range(z + 1)]
        stationary.append({"game": name, "payoff": GAMES[name], "population": z, "beta": beta,
                           "mutation": mu, "count_of_0": counts, "stationary": [float(x) for x in dist]})
    out = {"egttools_version": egttools.__version__, "fixation": fixation, "stationary": stationary}
    path = os.path.join(os.path.dirname(__file__), "fixtures", "egttools_evolution.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1)
    print(f"wrote {path}: {len(fixation)} fixation values, {len(stationary)} stationary cases")


if __name__ == "__main__":
    main()
