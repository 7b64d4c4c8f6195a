"""CPU time per 200-turn match in the Axelrod library for the stochastic pairs of
compat/axelrod_first_check.py (12 stochastic players against 5 deterministic opponents).

The Rust side of the comparison is the test that replays those pairs, 4000 seeds each:

    cargo test -p commonweal-games --test axelrod_first_tournament --no-run
    /usr/bin/time -f "%U s user" target/debug/deps/axelrod_first_tournament-<hash> stochastic

Run from the repository root:

    python bench/axelrod_first_pairs_speed.py [seeds per pair, default 20]
"""

import sys
import time

sys.path.insert(0, "compat")

import axelrod as axl  # noqa: E402

from axelrod_first_check import STOCHASTIC, STOCHASTIC_OPPONENTS, TURNS  # noqa: E402


def main():
    seeds = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    n = 0
    start = time.process_time()
    for a in STOCHASTIC:
        for b in STOCHASTIC_OPPONENTS:
            for seed in range(seeds):
                match = axl.Match((getattr(axl, a)(), getattr(axl, b)()), turns=TURNS, seed=seed)
                match.play()
                n += 1
    cpu = time.process_time() - start
    print(f"axelrod {axl.__version__}: {n} matches of {TURNS} turns, {cpu:.2f} CPU s, {1000 * cpu / n:.2f} ms per match")


if __name__ == "__main__":
    main()
