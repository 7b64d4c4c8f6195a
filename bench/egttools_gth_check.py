"""Which answer is right when EGTtools and commonweal disagree on the full chain?

Run from the repository root:  python bench/egttools_gth_check.py [--population 40]
Builds EGTtools' own transition matrix for workload 1 of egttools_side_by_side.py (3 contribution
levels, groups of 6, beta = 5, mu = 1e-3) and solves it two ways: EGTtools' eigenvector routine
and Grassmann-Taksar-Heyman elimination (subtraction-free, exact to rounding). On 2026-11-23 at
Z = 40 the eigenvector routine gave abundances (0.1303, 0.1774, 0.6923) while GTH on the same
matrix gave (0.0051, 0.9943, 0.0006), which is commonweal's answer.
"""
import argparse
import os
import sys

import numpy as np
import egttools
from egttools.analytical import StochDynamics
from egttools.utils import calculate_stationary_distribution

sys.path.insert(0, os.path.dirname(__file__))
from egttools_side_by_side import contribution_payoff  # noqa: E402


def abundance(dist, z, levels):
    out = np.zeros(levels)
    for i, p in enumerate(dist):
        out += p * np.array(egttools.sample_simplex(i, z, levels)) / z
    return [round(float(x), 4) for x in out]


def gth(row_stochastic):
    p = row_stochastic.copy()
    np.fill_diagonal(p, 0.0)
    n = p.shape[0]
    for k in range(n - 1, 0, -1):
        p[:k, k] /= p[k, :k].sum()
        p[:k, :k] += np.outer(p[:k, k], p[k, :k])
    pi = np.zeros(n)
    pi[0] = 1.0
    for k in range(1, n):
        pi[k] = pi[:k] @ p[:k, k]
    return pi / pi.sum()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--population", type=int, default=40)
    z = parser.parse_args().population
    levels, n, beta, mu = 3, 6, 5.0, 1e-3
    nb_groups = egttools.calculate_nb_states(n, levels)
    payoffs = np.zeros((levels, nb_groups))
    for g in range(nb_groups):
        counts = [int(x) for x in egttools.sample_simplex(g, n, levels)]
        for s in range(levels):
            payoffs[s, g] = contribution_payoff(levels, counts, s) if counts[s] > 0 else 0.0
    column_stochastic = StochDynamics(levels, payoffs, z, group_size=n, mu=mu).calculate_full_transition_matrix(beta)
    print("EGTtools eigenvector:", abundance(calculate_stationary_distribution(column_stochastic), z, levels))
    print("GTH on the same matrix:", abundance(gth(column_stochastic.T.toarray()), z, levels))


if __name__ == "__main__":
    main()
