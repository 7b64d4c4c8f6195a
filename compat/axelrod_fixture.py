"""Generate compat/fixtures/axelrod_matches.json: the Axelrod library's own answers for every
strategy that commonweal registers and the library also has.

For each such strategy the fixture stores the library's repr and classifier. For every ordered
pair of strategies that are deterministic in the library it plays a 200-turn match (default
game, no noise) and stores both players' moves and scores. Moves are run-length encoded
("C3D197") and each distinct sequence is stored once in "sequences"; a match is
[player, opponent, player's sequence, opponent's sequence, player's score, opponent's score],
players being indices into "strategies". The Rust test crates/games/tests/axelrod_compat.rs replays all of it.

The list of strategies comes from the commonweal binary itself, so the script works on whatever
the registry contains:

    python3 compat/axelrod_fixture.py            # builds and runs the CLI with cargo
    python3 compat/axelrod_fixture.py --binary target/release/commonweal
"""

import argparse
import itertools
import json
import pathlib
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
TURNS = 200


def commonweal_strategies(binary):
    """The registry as the CLI lists it: a list of dicts with class_name, stochastic, name."""
    if binary:
        cmd = [binary, "strategies", "--format", "json"]
    else:
        cmd = ["cargo", "run", "-q", "-p", "commonweal-cli", "--", "strategies", "--format", "json"]
    out = subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def library_class(axl, class_name):
    """The library's strategy class of that name, or None."""
    cls = getattr(axl, class_name, None)
    if cls is None:
        cls = getattr(axl.strategies, class_name, None)
    if isinstance(cls, type) and issubclass(cls, axl.Player):
        return cls
    return None


def classifier(axl, player):
    depth = axl.Classifiers["memory_depth"](player)
    return {
        "memory_depth": None if depth == float("inf") else int(depth),
        "stochastic": bool(axl.Classifiers["stochastic"](player)),
        "long_run_time": bool(axl.Classifiers["long_run_time"](player)),
        "makes_use_of": sorted(axl.Classifiers["makes_use_of"](player)),
    }


def number(x):
    """A plain JSON number (the library returns numpy scalars): an int when integral."""
    x = float(x)
    return int(x) if x.is_integer() else x


def rle(actions):
    """Run-length encoding of a move sequence: "CCCDD" -> "C3D2"."""
    text = "".join(str(a) for a in actions)
    return "".join(f"{k}{len(list(g))}" for k, g in itertools.groupby(text))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", help="a built commonweal binary (default: cargo run)")
    parser.add_argument(
        "--out", default=str(ROOT / "compat" / "fixtures" / "axelrod_matches.json")
    )
    args = parser.parse_args()

    ours = commonweal_strategies(args.binary)
    import warnings

    import axelrod as axl  # slow import: after the cheap checks

    # The library warns when a memory-one player is built with its default vector.
    warnings.filterwarnings("ignore", category=UserWarning)

    strategies, classes, missing = [], [], []
    for row in sorted(ours, key=lambda r: r["class_name"]):
        cls = library_class(axl, row["class_name"])
        try:
            player = cls() if cls is not None else None
        except TypeError:  # a class without defaults for its parameters
            player = None
        if player is None:
            missing.append(row["class_name"])
            continue
        strategies.append({"class_name": row["class_name"], "repr": repr(player), **classifier(axl, player)})
        classes.append(cls)

    players = [i for i, s in enumerate(strategies) if not s["stochastic"]]
    # Many matches share move sequences (every match of Defector, say), so each distinct
    # sequence is stored once and matches refer to it by index.
    sequences, sequence_index = [], {}

    def sequence_id(actions):
        key = rle(actions)
        if key not in sequence_index:
            sequence_index[key] = len(sequences)
            sequences.append(key)
        return sequence_index[key]

    matches = []
    start = time.time()
    for i in players:
        for j in players:
            match = axl.Match((classes[i](), classes[j]()), turns=TURNS)
            interactions = match.play()
            score_a, score_b = match.final_score()
            matches.append(
                [
                    i,
                    j,
                    sequence_id(a for a, _ in interactions),
                    sequence_id(b for _, b in interactions),
                    number(score_a),
                    number(score_b),
                ]
            )
    elapsed = time.time() - start

    fixture = {
        "generator": "compat/axelrod_fixture.py",
        "axelrod_version": axl.__version__,
        "turns": TURNS,
        "game": [number(x) for x in axl.game.DefaultGame.RPST()],
        "strategies": strategies,
        "not_in_library": missing,
        "sequences": sequences,
        "matches": matches,
    }
    out = pathlib.Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w") as f:
        # One match per line keeps the file diffable without bloating it.
        f.write("{\n")
        for k in ("generator", "axelrod_version", "turns", "game", "not_in_library"):
            f.write(f"  {json.dumps(k)}: {json.dumps(fixture[k])},\n")
        for k in ("strategies", "sequences"):
            f.write(f'  "{k}": [\n')
            f.write(",\n".join("    " + json.dumps(x) for x in fixture[k]))
            f.write("\n  ],\n")
        f.write('  "matches": [\n')
        f.write(",\n".join("    " + json.dumps(m) for m in matches))
        f.write("\n  ]\n}\n")
    print(
        f"{len(strategies)} strategies in both ({len(missing)} not in the library), "
        f"{len(players)} deterministic, {len(matches)} matches in {elapsed:.1f} s -> {out}",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
