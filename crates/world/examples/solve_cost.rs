//! Process CPU time per equilibrium solve of the 196-nation world (robust to a busy machine,
//! unlike wall-clock time): cold, and warm-started with a cached solver after one pair changed.
//!
//! Run: `cargo run --release -p commonweal-world --example solve_cost`
//! Expect: CPU microseconds per solve and mean iterations for each case (Linux only: reads
//! /proc/self/stat).

use commonweal_world::trade::Policy;
use commonweal_world::trade::calibrate::default_base;

#[path = "support/cpu_time.rs"]
mod cpu_time;
use cpu_time::cpu_seconds;

fn main() {
    let cal = default_base().expect("calibrates");
    let base = &cal.base;
    let n = base.n();
    let war = Policy::uniform_tariff(n, 0.25);
    let war_solution = base.solve(&war, None).unwrap();
    let mut nudged = war.clone();
    nudged.set_tariff(base.index_of("USA").unwrap(), base.index_of("CHN").unwrap(), 0.35);

    // Two policies, each one pair away from the tariff war; every solve starts from the tariff
    // war's equilibrium, so each is a real one-pair change (and the cached weights move by two
    // pairs between consecutive solves).
    let mut nudged_back = war.clone();
    nudged_back.set_tariff(base.index_of("CHN").unwrap(), base.index_of("USA").unwrap(), 0.35);
    let reps = 400;
    let mut solver = base.solver();
    let (t0, mut its) = (cpu_seconds(), 0);
    for r in 0..reps {
        let p = if r % 2 == 0 { &nudged } else { &nudged_back };
        its += solver.solve(p, Some(&war_solution)).unwrap().iterations;
    }
    let warm = (cpu_seconds() - t0) / reps as f64;
    println!(
        "warm, cached solver, one pair changed: {:.0} µs CPU per solve, {:.1} iterations",
        warm * 1e6,
        its as f64 / reps as f64
    );

    let (t0, mut its) = (cpu_seconds(), 0);
    let mut buffer = war_solution.clone();
    for r in 0..reps {
        let p = if r % 2 == 0 { &nudged } else { &war };
        solver.solve_in_place(p, &mut buffer).unwrap();
        its += buffer.iterations;
    }
    let in_place = (cpu_seconds() - t0) / reps as f64;
    println!(
        "warm, cached solver, in place (warm start = last year): {:.0} µs CPU per solve, {:.1} iterations",
        in_place * 1e6,
        its as f64 / reps as f64
    );

    let reps = 400;
    let (t0, mut its) = (cpu_seconds(), 0);
    for _ in 0..reps {
        its += solver.solve(&war, Some(&war_solution)).unwrap().iterations;
    }
    let fixed = (cpu_seconds() - t0) / reps as f64;
    println!(
        "already at the equilibrium (fixed cost of a solve): {:.0} µs CPU, {:.1} iterations",
        fixed * 1e6,
        its as f64 / reps as f64
    );

    let reps = 100;
    let (t0, mut its) = (cpu_seconds(), 0);
    for _ in 0..reps {
        its += base.solve(&war, None).unwrap().iterations;
    }
    let cold = (cpu_seconds() - t0) / reps as f64;
    println!(
        "cold, 25% tariff war: {:.0} µs CPU per solve, {:.1} iterations",
        cold * 1e6,
        its as f64 / reps as f64
    );
}
