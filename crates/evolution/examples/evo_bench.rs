//! The evolution layer's reference workloads, timed once each (the same workloads as
//! `bench/egttools_side_by_side.py` and `bench/mesa_side_by_side.py`).
//!
//! Run: `cargo run --release -p commonweal-evolution --example evo_bench`
//! Expect one line per workload with its wall time and rate; the numbers in BENCHMARKS.md
//! came from this command.

use commonweal_evolution::finite::{Fitness, Population, full_chain, small_mutation};
use commonweal_evolution::graph::{Graph, Neighbourhood};
use commonweal_evolution::montecarlo::{McOptions, simulate};
use commonweal_evolution::payoff::{EvoGame, GroupGame, PayoffMatrix};
use commonweal_evolution::spatial::{Spatial, SpatialConfig, SpatialGame, random_initial};
use std::time::Instant;

/// CPU time of the calling thread in seconds, from the kernel's scheduler statistics: on a
/// busy shared machine the wall clock counts time spent waiting for a core, this does not.
fn cpu_seconds() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next().and_then(|x| x.parse::<f64>().ok()))
        .map_or(f64::NAN, |ns| ns * 1e-9)
}

/// Wall and CPU seconds of `f` (CPU time of this thread only).
fn timed<T>(f: impl FnOnce() -> T) -> (T, f64, f64) {
    let (t, c) = (Instant::now(), cpu_seconds());
    let out = f();
    (out, t.elapsed().as_secs_f64(), cpu_seconds() - c)
}

/// A collective-risk game where strategy `s` of `levels` contributes `s / (levels − 1)` of
/// the cost c = 0.1 (of an endowment 1): the group is safe when the contributions reach
/// `threshold` full contributions; otherwise all lose what they kept with probability `risk`.
/// With 3 levels: full, half and no contribution.
fn contribution_game(levels: usize, group_size: usize, threshold: f64, risk: f64) -> GroupGame {
    let cost = 0.1;
    let give = |s: usize| cost * (levels - 1 - s) as f64 / (levels - 1) as f64;
    GroupGame::from_fn(levels, group_size, |c, s| {
        let total: f64 = (0..levels).map(|t| c[t] as f64 * give(t)).sum();
        let kept = 1.0 - give(s);
        if total + 1e-12 >= threshold * cost { kept } else { kept * (1.0 - risk) }
    })
    .expect("valid game")
}

fn main() {
    println!("workload | wall s | cpu s | result");
    // 1. Full chain, 3 strategies, groups of 6, Z = 100 (5,151 states).
    let game: EvoGame = contribution_game(3, 6, 3.0, 0.9).into();
    let (chain, wall, cpu) = timed(|| {
        let fit = Fitness::new(&game, Population::new(100, 5.0)).unwrap();
        full_chain(&fit, 1e-3).unwrap()
    });
    let ab: Vec<String> = chain.abundance.iter().map(|x| format!("{x:.4}")).collect();
    println!(
        "full chain S=3 N=6 Z=100 ({} states) | {wall:.3} | {cpu:.3} | abundance {ab:?}",
        chain.states.len()
    );

    // 2. Small-mutation limit, 20 strategies, groups of 6, Z = 100.
    let (sml, wall, cpu) = timed(|| {
        let game20: EvoGame = contribution_game(20, 6, 3.0, 0.9).into();
        let fit20 = Fitness::new(&game20, Population::new(100, 5.0)).unwrap();
        small_mutation(&fit20).unwrap()
    });
    let best = (0..20).max_by(|&a, &b| sml.stationary[a].total_cmp(&sml.stationary[b])).unwrap();
    println!(
        "small mutation S=20 N=6 Z=100 (table of 177,100 groups built inside) | {wall:.3} | {cpu:.3} | most abundant level {best} ({:.4})",
        sml.stationary[best]
    );

    // 3. Monte-Carlo imitation steps per second on one thread.
    let fit = Fitness::new(&game, Population::new(100, 5.0)).unwrap();
    let opts = McOptions {
        mutation: 1e-3,
        chains: 2,
        steps: 50_000_000,
        burn_in: 0,
        seed: 1,
        ..McOptions::default()
    };
    let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build().unwrap();
    let (mc, wall, cpu) = pool.install(|| timed(|| simulate(&fit, &opts).unwrap()));
    println!(
        "Monte-Carlo S=3 N=6 Z=100, 1 thread, {} steps | {wall:.3} | {cpu:.3} | {:.1} M steps/s wall, {:.1} M steps/s cpu",
        mc.total_steps,
        mc.total_steps as f64 / wall / 1e6,
        mc.total_steps as f64 / cpu / 1e6
    );

    // 4. Exact fixation probabilities at Z = 1000 (each value with its own β).
    let pd: EvoGame = PayoffMatrix::parse("3,0;5,1").unwrap().into();
    let n = 20_000;
    let (acc, wall, cpu) = timed(|| {
        let mut acc = 0.0;
        for k in 0..n {
            let f = Fitness::new(&pd, Population::new(1000, 0.001 + k as f64 * 1e-4)).unwrap();
            acc += f.ln_fixation(0, 1);
        }
        acc
    });
    println!(
        "exact fixation Z=1000, {n} values | {wall:.3} | {cpu:.3} | {:.0} values/s wall, {:.0} values/s cpu (checksum {acc:.3})",
        n as f64 / wall,
        n as f64 / cpu
    );

    // 5. Nowak–May: 100×100, Moore with self-interaction, 500 synchronous generations.
    let g = Graph::lattice(100, Neighbourhood::Moore).unwrap();
    let cfg = SpatialConfig { self_interaction: true, ..SpatialConfig::new(SpatialGame::nowak_may(1.85)) };
    let mut pop = Spatial::new(&g, cfg, random_initial(g.n(), 0.9, 1), 1).unwrap();
    let (series, wall, cpu) = timed(|| pop.run(500));
    let tail = series[401..].iter().sum::<f64>() / 100.0;
    println!(
        "Nowak-May 100x100, 500 generations | {wall:.4} | {cpu:.4} | last-100 cooperator share {tail:.4}"
    );

    // 6. Prisoner's dilemma on a 2,000-node network (Watts–Strogatz, k = 4, p = 0.1),
    //    synchronous imitate-the-best, as in bench/mesa_side_by_side.py.
    let g = Graph::watts_strogatz(2000, 4, 0.1, 1).unwrap();
    let cfg = SpatialConfig::new(SpatialGame::Pairwise([[3.0, 0.0], [5.0, 1.0]]));
    let mut pop = Spatial::new(&g, cfg, random_initial(2000, 0.5, 2), 2).unwrap();
    let generations = 5000;
    let (_, wall, cpu) = timed(|| pop.run(generations));
    let per = |s: f64| s / (2000.0 * generations as f64) * 1e9;
    println!(
        "PD on a 2,000-node WS network, {generations} generations | {wall:.3} | {cpu:.3} | {:.2} ns/agent-step wall, {:.2} cpu",
        per(wall),
        per(cpu)
    );
}
