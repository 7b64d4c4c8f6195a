"""Generate compat/fixtures/axelrod_stochastic.json: the Axelrod library's mean outcomes of
matches whose result is random, for a statistical comparison with commonweal.

Two kinds of pairs: pairs involving stochastic strategies (no noise), and pairs of
deterministic strategies played with action noise 0.05. For each pair the library plays
SEEDS matches of TURNS turns (seeds 0..SEEDS-1) and the fixture stores, for the first player,
the mean score per turn and the mean cooperation rate with their standard errors. The Rust
test crates/games/tests/axelrod_stochastic.rs plays the same pairs over as many of its own
seeds and requires agreement within 3 combined standard errors.

    python3 compat/axelrod_stochastic.py
"""

import json
import math
import pathlib
import sys
import time
import warnings

ROOT = pathlib.Path(__file__).resolve().parent.parent
TURNS = 100
SEEDS = 1000

# (player, opponent, noise), by the library's class names.
PAIRS = [
    ("Random", "TitForTat", 0.0),
    ("GTFT", "Defector", 0.0),
    ("GTFT", "Random", 0.0),
    ("ZDExtort2", "TitForTat", 0.0),
    ("ZDExtort2", "Cooperator", 0.0),
    ("ZDExtort2v2", "ZDExtort3", 0.0),
    ("ZDExtort4", "ZDGen2", 0.0),
    ("ZDGTFT2", "WinStayLoseShift", 0.0),
    ("ZDSet2", "Alternator", 0.0),
    ("ZDMischief", "Grudger", 0.0),
    ("ZDExtortion", "Bully", 0.0),
    ("StochasticWSLS", "TitForTat", 0.0),
    ("SoftJoss", "Random", 0.0),
    ("FirmButFair", "Defector", 0.0),
    ("StochasticCooperator", "Bully", 0.0),
    ("ALLCorALLD", "TitForTat", 0.0),
    ("NaiveProber", "TitForTat", 0.0),
    ("RemorsefulProber", "TitForTat", 0.0),
    ("Negation", "Random", 0.0),
    ("BurnBothEnds", "SuspiciousTitForTat", 0.0),
    ("RandomTitForTat", "Grudger", 0.0),
    ("DynamicTwoTitsForTat", "Random", 0.0),
    ("Michaelos", "TitForTat", 0.0),
    ("ForgetfulFoolMeOnce", "Alternator", 0.0),
    ("Calculator", "TitForTat", 0.0),
    ("Calculator", "CyclerCCD", 0.0),
    ("AverageCopier", "Bully", 0.0),
    ("Inverse", "Random", 0.0),
    ("Hopeless", "TitForTat", 0.0),
    ("TitForTat", "TitForTat", 0.05),
    ("WinStayLoseShift", "TitForTat", 0.05),
    ("Grudger", "TitForTat", 0.05),
    ("ContriteTitForTat", "TitForTat", 0.05),
    ("OmegaTFT", "Random", 0.05),
    ("Gradual", "TitForTat", 0.05),
    ("OriginalGradual", "WinStayLoseShift", 0.05),
    ("Prober4", "TitForTat", 0.05),
    ("GoByMajority", "Alternator", 0.05),
    ("Retaliate", "TitForTat", 0.05),
    ("AdaptiveTitForTat", "WinStayLoseShift", 0.05),
    ("SneakyTitForTat", "TitForTat", 0.05),
    ("Capri", "TitForTat", 0.05),
    ("SoftGrudger", "Alexei", 0.05),
]


def mean_and_se(values):
    n = len(values)
    mean = sum(values) / n
    var = sum((v - mean) ** 2 for v in values) / (n - 1)
    return mean, math.sqrt(var / n)


def main():
    warnings.filterwarnings("ignore", category=UserWarning)
    import axelrod as axl

    start = time.time()
    rows = []
    for a, b, noise in PAIRS:
        scores, cooperation = [], []
        for seed in range(SEEDS):
            players = (getattr(axl, a)(), getattr(axl, b)())
            match = axl.Match(players, turns=TURNS, noise=noise, seed=seed)
            interactions = match.play()
            scores.append(float(match.final_score_per_turn()[0]))
            cooperation.append(sum(1 for x, _ in interactions if x == axl.Action.C) / TURNS)
        score, score_se = mean_and_se(scores)
        coop, coop_se = mean_and_se(cooperation)
        rows.append(
            {
                "player": a,
                "opponent": b,
                "noise": noise,
                "score_per_turn": score,
                "score_se": score_se,
                "cooperation": coop,
                "cooperation_se": coop_se,
            }
        )
    fixture = {
        "generator": "compat/axelrod_stochastic.py",
        "axelrod_version": axl.__version__,
        "turns": TURNS,
        "seeds": SEEDS,
        "pairs": rows,
    }
    out = ROOT / "compat" / "fixtures" / "axelrod_stochastic.json"
    with open(out, "w") as f:
        f.write("{\n")
        for k in ("generator", "axelrod_version", "turns", "seeds"):
            f.write(f"  {json.dumps(k)}: {json.dumps(fixture[k])},\n")
        f.write('  "pairs": [\n')
        f.write(",\n".join("    " + json.dumps(r) for r in rows))
        f.write("\n  ]\n}\n")
    print(f"{len(rows)} pairs x {SEEDS} seeds in {time.time() - start:.1f} s -> {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
