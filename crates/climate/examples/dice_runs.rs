//! Solves the optimal and baseline DICE-2016R2 runs and prints the headline numbers and timings.
//! Run with `cargo run --release -p commonweal-climate --example dice_runs`.

use commonweal_climate::{Dice, RunKind, runs};
use std::time::Instant;

fn main() {
    let dice = Dice::standard();
    for kind in [RunKind::Optimal, RunKind::Baseline] {
        let start = Instant::now();
        let run = runs::run(&dice, kind).expect("the standard runs converge");
        let elapsed = start.elapsed();
        println!(
            "{:8} W={:.6} T2100={:.4} SCC2015={:.3} SCC2020={:.3} price2020={:.3} price2015={:.3} iters={} evals={} pg={:.2e} maxCCA={:.1} time={:.1} ms",
            kind.name(),
            run.welfare,
            run.path.tatm[17],
            run.scc[0],
            run.scc[1],
            run.carbon_price[1],
            run.carbon_price[0],
            run.solver.iterations,
            run.solver.evaluations,
            run.solver.projected_gradient,
            run.solver.max_cumulative_carbon,
            elapsed.as_secs_f64() * 1e3
        );
        println!(
            "   mu[0..20] {:?}",
            &run.mu[..20].iter().map(|v| (v * 1e4).round() / 1e4).collect::<Vec<_>>()
        );
        println!(
            "   s[0..20]  {:?}",
            &run.s[..20].iter().map(|v| (v * 1e4).round() / 1e4).collect::<Vec<_>>()
        );
    }
}
