"""EGTtools against commonweal on the evolution layer's reference workloads.

Run from the repository root, after `cargo build --release -p commonweal-cli` and
`cargo build --release -p commonweal-evolution --example evo_bench`:
    python bench/egttools_side_by_side.py [--population 100] [--skip-full-chain]

Workloads (the same game definitions as crates/evolution/examples/evo_bench.rs):
  1. full-chain stationary distribution of a 3-strategy, 6-player collective-risk game in which
     strategies give all, half or none of c = 0.1 (safe when contributions reach 3 full ones,
     risk 0.9 otherwise), Z = 100 (5,151 states), beta = 5, mu = 1e-3;
  2. the small-mutation limit of the same game with 20 contribution levels, Z = 100;
  3. exact fixation probabilities of the PD at Z = 1000.
Each prints wall and CPU seconds (the CPU figure is what counts on a shared machine) and the
result, next to commonweal's.
"""
import argparse
import json
import os
import subprocess
import tempfile
import time

import numpy as np
import egttools
from egttools.analytical import StochDynamics
from egttools.utils import calculate_stationary_distribution

COST = 0.1


def contribution_payoff(levels, counts, s, threshold=3.0, risk=0.9):
    give = lambda t: COST * (levels - 1 - t) / (levels - 1)
    total = sum(counts[t] * give(t) for t in range(levels))
    kept = 1.0 - give(s)
    return kept if total + 1e-12 >= threshold * COST else kept * (1.0 - risk)


def clock():
    return time.perf_counter(), time.process_time()


def since(start):
    return time.perf_counter() - start[0], time.process_time() - start[1]


def full_chain(z, run_egttools):
    levels, n, beta, mu = 3, 6, 5.0, 1e-3
    nb_groups = egttools.calculate_nb_states(n, levels)
    payoffs = np.zeros((levels, nb_groups))
    rows = []
    for g in range(nb_groups):
        counts = [int(x) for x in egttools.sample_simplex(g, n, levels)]
        p = [contribution_payoff(levels, counts, s) if counts[s] > 0 else None for s in range(levels)]
        for s in range(levels):
            payoffs[s, g] = p[s] if p[s] is not None else 0.0
        rows.append({"composition": counts, "payoffs": p})
    game = {"strategies": ["full", "half", "none"], "group_size": n, "payoff_table": rows}
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(game, f)
        path = f.name
    start = clock()
    out = subprocess.run([os.path.join("target", "release", "commonweal"), "evo", "stationary", "--game", path,
                          "--population", str(z), "--beta", str(beta), "--mutation", str(mu), "--format", "json"],
                         capture_output=True, text=True, check=True).stdout
    wall = time.perf_counter() - start[0]
    ours = json.loads(out)["abundance"]
    print(f"1. full chain S=3 N=6 Z={z}: commonweal {wall:.3f} s wall (whole process); abundance "
          f"{[round(x, 4) for x in ours]}")
    if not run_egttools:
        return
    start = clock()
    sd = StochDynamics(levels, payoffs, z, group_size=n, mu=mu)
    transitions = sd.calculate_full_transition_matrix(beta)
    dist = calculate_stationary_distribution(transitions)
    wall, cpu = since(start)
    abundance = np.zeros(levels)
    for i, p in enumerate(dist):
        abundance += p * np.array(egttools.sample_simplex(i, z, levels)) / z
    print(f"   EGTtools {egttools.__version__}: {wall:.1f} s wall, {cpu:.1f} s cpu; abundance "
          f"{[round(float(x), 4) for x in abundance]}")


def small_mutation(z):
    levels, n, beta = 20, 6, 5.0

    def pair_payoff(i, j):
        def f(k, group_size, *args):
            counts = [0] * levels
            counts[i] += k
            counts[j] += group_size - k
            return contribution_payoff(levels, counts, i)
        return f

    payoffs = np.empty((levels, levels), dtype=object)
    for i in range(levels):
        for j in range(levels):
            payoffs[i, j] = pair_payoff(i, j)
    start = clock()
    sd = StochDynamics(levels, payoffs, z, group_size=n)
    transitions, _ = sd.transition_and_fixation_matrix(beta)
    dist = calculate_stationary_distribution(transitions)
    wall, cpu = since(start)
    best = int(np.argmax(dist))
    print(f"2. small mutation S=20 N=6 Z={z}: EGTtools {wall:.1f} s wall, {cpu:.1f} s cpu; most abundant level "
          f"{best} ({dist[best]:.4f}) — commonweal: see the evo_bench line below")


def fixation(count=20):
    sd = StochDynamics(2, np.array([[3.0, 0.0], [5.0, 1.0]]), 1000)
    start = clock()
    for k in range(count):
        sd.fixation_probability(1, 0, 0.001 + k * 1e-4)
    wall, cpu = since(start)
    print(f"3. exact fixation Z=1000: EGTtools {count / wall:.1f} values/s wall, {count / cpu:.1f} values/s cpu")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--population", type=int, default=100)
    parser.add_argument("--skip-full-chain", action="store_true", help="do not run EGTtools on workload 1")
    args = parser.parse_args()
    full_chain(args.population, not args.skip_full_chain)
    small_mutation(args.population)
    fixation()
    exe = os.path.join("target", "release", "examples", "evo_bench")
    if os.path.exists(exe):
        print("commonweal evo_bench:")
        print(subprocess.run([exe], capture_output=True, text=True, check=True).stdout)


if __name__ == "__main__":
    main()
