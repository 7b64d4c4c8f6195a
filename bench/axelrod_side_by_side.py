"""Times the same tournaments in the Axelrod library and in commonweal, in one go.

Usage (from the repository root, after `cargo build --release -p commonweal-cli` and
`cargo build --release -p commonweal-games --example tournament_timing`):
    python3 bench/axelrod_side_by_side.py [--cases a,b,c] [--binary target/release/commonweal]
        [--timing-binary target/release/examples/tournament_timing] [--in-process-tries N]
        [--skip-library CASES] [--tries N] [--out bench/results/side_by_side.json]

Cases:
  a  the library's basic_strategies, noise 0.05, 200 turns, 100 repetitions
  b  the 15 strategies of Axelrod's first tournament, 200 turns, 5 repetitions
  c  every strategy both projects have (matched by class name, long-run ones left out),
     200 turns, 5 repetitions

The library runs in this process on one core (processes=None) without its progress bar; its
import time is reported separately. commonweal runs as the release binary with --threads 1 and
--threads 2; each is run three times (or --tries times) and the fastest wall time is kept
(process start-up included): on a shared machine more tries make the fastest run likelier to be
one that nothing else disturbed. CPU times (the library's process time; the binary's user + system time) are recorded
too: on a machine shared with other work they show the speed per core, which wall time does not.

The library's time is that of its `Tournament.play` call alone, inside a running interpreter.
The same measure on the commonweal side is the `tournament_timing` example: `Tournament::play`
inside the process on one thread and on two, in alternating rounds, fastest and median of
--in-process-tries plays (default 200). The two-thread goal is judged on it: a whole process
also carries a fixed start-up (spawning even an empty Rust program from Python takes about
0.8 ms here) that a second thread cannot shorten.
Prints a Markdown table and writes the numbers as JSON.
"""

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import time

T0 = time.perf_counter()
import axelrod as axl  # noqa: E402

IMPORT_SECONDS = time.perf_counter() - T0


def class_name(player):
    return type(player).__name__


def commonweal_classes(binary):
    out = subprocess.run([binary, "strategies", "--format", "json"], check=True, capture_output=True, text=True)
    return {row["class_name"] for row in json.loads(out.stdout)}


def build_cases(binary):
    ours = commonweal_classes(binary)
    common = [
        s
        for s in axl.strategies
        if s.__name__ in ours and not axl.Classifiers["long_run_time"](s())
    ]
    return {
        "a": dict(
            label="basic strategies, noise 0.05, 200 turns, 100 repetitions",
            classes=list(axl.basic_strategies),
            turns=200,
            repetitions=100,
            noise=0.05,
        ),
        "b": dict(
            label="first tournament (15), 200 turns, 5 repetitions",
            classes=list(axl.axelrod_first_strategies),
            turns=200,
            repetitions=5,
            noise=0.0,
        ),
        "c": dict(
            label=f"all common non-long-run strategies ({len(common)}), 200 turns, 5 repetitions",
            classes=common,
            turns=200,
            repetitions=5,
            noise=0.0,
        ),
    }


def run_library(case):
    players = [cls() for cls in case["classes"]]
    tournament = axl.Tournament(
        players, turns=case["turns"], repetitions=case["repetitions"], noise=case["noise"], seed=1
    )
    start, cpu_start = time.perf_counter(), time.process_time()
    tournament.play(progress_bar=False, processes=None)
    return time.perf_counter() - start, time.process_time() - cpu_start


def children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_commonweal(binary, case, threads, tries=3):
    names = ",".join(cls.__name__ for cls in case["classes"])
    cmd = [
        binary, "tournament", "--players", names, "--turns", str(case["turns"]),
        "--repetitions", str(case["repetitions"]), "--noise", str(case["noise"]),
        "--seed", "1", "--threads", str(threads), "--format", "json",
    ]
    best, best_cpu = float("inf"), float("inf")
    for _ in range(tries):
        start, cpu_start = time.perf_counter(), children_cpu()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        best = min(best, time.perf_counter() - start)
        best_cpu = min(best_cpu, children_cpu() - cpu_start)
    return best, best_cpu


def run_in_process(timing_binary, case, tries):
    names = ",".join(cls.__name__ for cls in case["classes"])
    cmd = [
        timing_binary, "--players", names, "--turns", str(case["turns"]),
        "--repetitions", str(case["repetitions"]), "--noise", str(case["noise"]),
        "--seed", "1", "--tries", str(tries),
    ]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", default="a,b,c")
    parser.add_argument("--binary", default="target/release/commonweal")
    parser.add_argument("--skip-library", default="", help="cases whose library side is not run")
    parser.add_argument("--tries", type=int, default=3, help="runs of the binary per case and thread count")
    parser.add_argument("--timing-binary", default="target/release/examples/tournament_timing")
    parser.add_argument("--in-process-tries", type=int, default=200, help="timed plays per thread count in-process")
    parser.add_argument("--out", default="bench/results/side_by_side.json")
    args = parser.parse_args()
    for path, build in [(args.binary, "cargo build --release -p commonweal-cli"),
                        (args.timing_binary, "cargo build --release -p commonweal-games --example tournament_timing")]:
        if not os.access(path, os.X_OK):
            sys.exit(f"{path} not found or not executable: run `{build}` first")

    cases = build_cases(args.binary)
    skip = set(filter(None, args.skip_library.split(",")))
    version = subprocess.run([args.binary, "--version"], capture_output=True, text=True).stdout.strip()
    results = {
        "axelrod_version": axl.__version__,
        "commonweal_version": version,
        "python": platform.python_version(),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
        "library_import_seconds": IMPORT_SECONDS,
        "tries": args.tries,
        "cases": {},
    }
    print(f"axelrod {axl.__version__} imported in {IMPORT_SECONDS:.1f} s; {version}", flush=True)
    for key in args.cases.split(","):
        case = cases[key]
        row = {"label": case["label"], "players": len(case["classes"])}
        row["commonweal_1_thread_s"], row["commonweal_1_thread_cpu_s"] = run_commonweal(args.binary, case, 1, args.tries)
        row["commonweal_2_threads_s"], row["commonweal_2_threads_cpu_s"] = run_commonweal(args.binary, case, 2, args.tries)
        if key not in skip:
            row["library_s"], row["library_cpu_s"] = run_library(case)
            row["speedup_1_thread"] = row["library_s"] / row["commonweal_1_thread_s"]
            row["cpu_speedup"] = row["library_cpu_s"] / max(row["commonweal_1_thread_cpu_s"], 1e-3)
        row["two_vs_one_thread"] = row["commonweal_1_thread_s"] / row["commonweal_2_threads_s"]
        row["in_process"] = run_in_process(args.timing_binary, case, args.in_process_tries)
        if key not in skip:
            row["in_process_speedup_1_thread"] = row["library_s"] / row["in_process"]["one_thread_best_s"]
        results["cases"][key] = row
        print(json.dumps({key: row}), flush=True)

    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w") as f:
        json.dump(results, f, indent=1)
        f.write("\n")
    print()
    print("Whole process (start-up and output included):")
    print()
    print(
        "| case | players | library wall (CPU) s | commonweal 1 thread wall (CPU) s | 2 threads wall s "
        "| speed-up 1 thread wall (CPU) | 2 vs 1 thread |"
    )
    print("|---|---|---|---|---|---|---|")
    for key, row in results["cases"].items():
        lib = row.get("library_s")
        lib_text = f"{lib:.1f} ({row['library_cpu_s']:.1f})" if lib is not None else "not run"
        speedup = f"{row['speedup_1_thread']:.0f}× ({row['cpu_speedup']:.0f}×)" if lib is not None else "—"
        print(
            f"| {key}: {row['label']} | {row['players']} | {lib_text} "
            f"| {row['commonweal_1_thread_s']:.3f} ({row['commonweal_1_thread_cpu_s']:.3f}) "
            f"| {row['commonweal_2_threads_s']:.3f} | {speedup} | {row['two_vs_one_thread']:.2f}× |"
        )

    print()
    print("In-process `Tournament::play` (fastest / median of the timed plays, ms):")
    print()
    print("| case | library play s | commonweal 1 thread | 2 threads | speed-up 1 thread | 2 vs 1 thread (fastest / median) |")
    print("|---|---|---|---|---|---|")
    for key, row in results["cases"].items():
        p = row["in_process"]
        lib = row.get("library_s")
        lib_text = f"{lib:.1f}" if lib is not None else "not run"
        speedup = f"{row['in_process_speedup_1_thread']:.0f}×" if lib is not None else "—"
        print(
            f"| {key} | {lib_text} | {p['one_thread_best_s'] * 1e3:.2f} / {p['one_thread_median_s'] * 1e3:.2f} "
            f"| {p['two_threads_best_s'] * 1e3:.2f} / {p['two_threads_median_s'] * 1e3:.2f} | {speedup} "
            f"| {p['two_vs_one_best']:.2f}× / {p['two_vs_one_median']:.2f}× |"
        )


if __name__ == "__main__":
    sys.exit(main())
