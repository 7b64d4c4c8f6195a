"""Reference data for the finite-state-machine, lookup-table, gambler and first-tournament
players, from the Axelrod library.

Writes compat/fixtures/axelrod_first_tournament_pairs.json, which
crates/games/tests/axelrod_first_tournament.rs reproduces:

* every strategy's repr and classifier;
* the library's `axelrod_first_strategies` (class names and reprs, in order);
* deterministic pairs: the moves of 200-turn noiseless matches, every pair (self-play included)
  from the deterministic strategies below, plus variants with the length not announced (for the
  rules that read it) and with another game (for the rules that read the payoffs);
* stochastic pairs: mean score per turn and its standard error over 1000 seeded 200-turn
  matches against a few deterministic opponents (the random streams differ between the two
  implementations, so only the distribution can be compared).

Run from the repository root (about ten minutes on two cores):

    python compat/axelrod_first_check.py
"""

import json
import math
import multiprocessing
import pathlib

import axelrod as axl

TURNS = 200
SEEDS = 1000
OTHER_GAME = (4, 1, 0, 6)  # (R, P, S, T)

BASIC = ["Cooperator", "Defector", "Alternator", "TitForTat"]
FSMS = [
    "Fortress3", "Fortress4", "Predator", "Pun1", "Raider", "Ripoff", "UsuallyCooperates",
    "UsuallyDefects", "SolutionB1", "SolutionB5", "Thumper", "TF1", "TF2", "TF3",
    "EvolvedFSM4", "EvolvedFSM6", "EvolvedFSM16", "EvolvedFSM16Noise05",
]
LOOKERUPS = ["EvolvedLookerUp1_1_1", "EvolvedLookerUp2_2_2", "Winner12", "Winner21"]
FIRST_DETERMINISTIC = [
    "FirstByDavis", "FirstByDowning", "FirstByNydegger", "FirstByShubik",
    "FirstBySteinAndRapoport", "FirstByTidemanAndChieruzzi", "RevisedDowning",
]
STOCHASTIC = [
    "FirstByFeld", "FirstByGraaskamp", "FirstByGrofman", "FirstByJoss", "FirstByTullock",
    "FirstByAnonymous", "Random", "PSOGamblerMem1", "PSOGambler1_1_1", "PSOGambler2_2_2",
    "PSOGambler2_2_2_Noise05", "ZDMem2",
]
STOCHASTIC_OPPONENTS = ["Cooperator", "Defector", "Alternator", "TitForTat", "FirstByShubik"]

DETERMINISTIC = BASIC + FSMS + LOOKERUPS + FIRST_DETERMINISTIC
USES_LENGTH = ["FirstBySteinAndRapoport", "FirstByTidemanAndChieruzzi"]
USES_GAME = ["FirstByDowning", "FirstByTidemanAndChieruzzi"]


def moves(history):
    return "".join(str(a) for a in history)


def describe(cls_name):
    p = getattr(axl, cls_name)()
    depth = axl.Classifiers["memory_depth"](p)
    return {
        "class_name": cls_name,
        "repr": repr(p),
        "memory_depth": None if depth == float("inf") else int(depth),
        "stochastic": bool(axl.Classifiers["stochastic"](p)),
        "long_run_time": bool(axl.Classifiers["long_run_time"](p)),
        "makes_use_of": sorted(axl.Classifiers["makes_use_of"](p)),
    }


def deterministic_pair(player, opponent, game=None, length_known=True):
    r, p, s, t = game or (3, 1, 0, 5)
    kwargs = {"turns": TURNS, "game": axl.Game(r=r, s=s, t=t, p=p)}
    if not length_known:
        kwargs["match_attributes"] = {"length": float("inf")}
    a, b = getattr(axl, player)(), getattr(axl, opponent)()
    match = axl.Match((a, b), **kwargs)
    match.play()
    score, opponent_score = (float(x) for x in match.final_score())
    return {
        "player": player,
        "opponent": opponent,
        "game": [r, p, s, t],
        "length_known": length_known,
        "moves": moves(a.history),
        "opponent_moves": moves(b.history),
        "score": score,
        "opponent_score": opponent_score,
    }


def stochastic_pair(pair):
    player, opponent = pair
    per_turn, opponent_per_turn = [], []
    for seed in range(SEEDS):
        match = axl.Match((getattr(axl, player)(), getattr(axl, opponent)()), turns=TURNS, seed=seed)
        match.play()
        x, y = match.final_score_per_turn()
        per_turn.append(float(x))
        opponent_per_turn.append(float(y))

    def mean_se(values):
        n = len(values)
        mean = sum(values) / n
        var = sum((v - mean) ** 2 for v in values) / (n - 1)
        return mean, math.sqrt(var / n)

    mean, se = mean_se(per_turn)
    opp_mean, opp_se = mean_se(opponent_per_turn)
    return {
        "player": player,
        "opponent": opponent,
        "seeds": SEEDS,
        "mean_score_per_turn": mean,
        "standard_error": se,
        "opponent_mean_score_per_turn": opp_mean,
        "opponent_standard_error": opp_se,
    }


def main():
    out = pathlib.Path(__file__).parent / "fixtures" / "axelrod_first_tournament_pairs.json"
    strategies = [describe(n) for n in DETERMINISTIC + STOCHASTIC]
    first = {
        "class_names": [s.__name__ for s in axl.axelrod_first_strategies],
        "reprs": [repr(s()) for s in axl.axelrod_first_strategies],
    }
    pairs = []
    for i, a in enumerate(DETERMINISTIC):
        for b in DETERMINISTIC[i:]:
            pairs.append(deterministic_pair(a, b))
    for a in USES_LENGTH:
        for b in DETERMINISTIC:
            pairs.append(deterministic_pair(a, b, length_known=False))
    for a in USES_GAME:
        for b in DETERMINISTIC:
            pairs.append(deterministic_pair(a, b, game=OTHER_GAME))
    jobs = [(a, b) for a in STOCHASTIC for b in STOCHASTIC_OPPONENTS]
    with multiprocessing.Pool(2) as pool:
        stochastic = pool.map(stochastic_pair, jobs)
    fixture = {
        "generator": "compat/axelrod_first_check.py",
        "axelrod_version": axl.__version__,
        "turns": TURNS,
        "strategies": strategies,
        "first_tournament": first,
        "deterministic_pairs": pairs,
        "stochastic_pairs": stochastic,
    }
    out.write_text(json.dumps(fixture, indent=1) + "\n")
    print(f"wrote {out}: {len(pairs)} deterministic pairs, {len(stochastic)} stochastic pairs")


if __name__ == "__main__":
    main()
