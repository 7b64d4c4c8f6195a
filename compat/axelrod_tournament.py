"""Runs a small deterministic tournament in the Axelrod library and stores every metric of its
result set as a JSON fixture, which commonweal's tests reproduce.

Usage:
    python compat/axelrod_tournament.py OUT.json --players Cooperator,Defector,TitForTat \
        [--turns 200] [--repetitions 3] [--game 3,1,0,5] [--seed 1]

Players are the library's class names, built with their default parameters. Use deterministic
strategies only: a stochastic one draws from the library's random numbers, which commonweal does
not reproduce, so its metrics would not match. The fixture records the player classes, the
settings and the library's version next to the metrics.
"""

import argparse
import json
import math

import axelrod as axl

C, D = axl.Action.C, axl.Action.D
STATES = [(C, C), (C, D), (D, C), (D, D)]


def clean(value):
    """Converts numpy scalars and NaN into JSON-friendly values."""
    if isinstance(value, (list, tuple)):
        return [clean(v) for v in value]
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def counters_to_lists(matrix, keys):
    return [[[float(counter[k]) for k in keys] for counter in row] for row in matrix]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--players", required=True, help="comma-separated class names")
    parser.add_argument("--turns", type=int, default=200)
    parser.add_argument("--repetitions", type=int, default=3)
    parser.add_argument("--game", default="3,1,0,5", help="R,P,S,T")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    classes = [name.strip() for name in args.players.split(",") if name.strip()]
    players = [getattr(axl, name)() for name in classes]
    stochastic = [str(p) for p in players if axl.Classifiers["stochastic"](p)]
    if stochastic:
        parser.error(f"stochastic players cannot be reproduced exactly: {stochastic}")
    r, p, s, t = (float(x) for x in args.game.split(","))
    game = axl.Game(r=r, s=s, t=t, p=p)
    tournament = axl.Tournament(
        players, turns=args.turns, repetitions=args.repetitions, game=game, seed=args.seed
    )
    results = tournament.play(progress_bar=False, processes=None)

    action_keys = [(state, a) for state in STATES for a in (C, D)]
    summary = [
        {
            "rank": row.Rank,
            "name": row.Name,
            "median_score": row.Median_score,
            "cooperation_rating": row.Cooperation_rating,
            "wins": row.Wins,
            "initial_c_rate": row.Initial_C_rate,
            "original_index": row.Original_index,
            "state_rates": [row.CC_rate, row.CD_rate, row.DC_rate, row.DD_rate],
            "state_to_c_rates": [row.CC_to_C_rate, row.CD_to_C_rate, row.DC_to_C_rate, row.DD_to_C_rate],
        }
        for row in results.summarise()
    ]
    fixture = {
        "generator": "compat/axelrod_tournament.py",
        "axelrod_version": axl.__version__,
        "classes": classes,
        "players": results.players,
        "turns": args.turns,
        "repetitions": args.repetitions,
        "game": [r, p, s, t],
        "match_lengths": results.match_lengths,
        "scores": results.scores,
        "wins": results.wins,
        "normalised_scores": results.normalised_scores,
        "ranking": results.ranking,
        "ranked_names": results.ranked_names,
        "payoffs": results.payoffs,
        "payoff_matrix": results.payoff_matrix,
        "payoff_stddevs": results.payoff_stddevs,
        "score_diffs": results.score_diffs,
        "payoff_diffs_means": results.payoff_diffs_means,
        "cooperation": results.cooperation,
        "normalised_cooperation": results.normalised_cooperation,
        "vengeful_cooperation": results.vengeful_cooperation,
        "cooperating_rating": results.cooperating_rating,
        "good_partner_matrix": results.good_partner_matrix,
        "good_partner_rating": results.good_partner_rating,
        "initial_cooperation_count": results.initial_cooperation_count,
        "initial_cooperation_rate": results.initial_cooperation_rate,
        "state_distribution": counters_to_lists(results.state_distribution, STATES),
        "normalised_state_distribution": counters_to_lists(results.normalised_state_distribution, STATES),
        "state_to_action_distribution": counters_to_lists(results.state_to_action_distribution, action_keys),
        "normalised_state_to_action_distribution": counters_to_lists(
            results.normalised_state_to_action_distribution, action_keys
        ),
        "eigenjesus_rating": results.eigenjesus_rating,
        "eigenmoses_rating": results.eigenmoses_rating,
        "summary": summary,
    }
    with open(args.out, "w") as f:
        json.dump(clean(fixture), f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
