//! One 50-year run of the 196-nation default world per regime, on one thread, with the climate
//! arena (the default) and without it; and one solve of the 196-nation climate game.
//!
//! Run: `cargo bench -p commonweal-world --bench world_run`
//! Expect: well under 60 ms per run with climate on an idle core (about 10 ms without); the arena
//! (stage payoffs from the general equilibrium) and the first climate solution of each regime's
//! stances are made before timing, as a replicate after the first finds them made; a solve of
//! the climate game (which learning repeats when stances change) is timed on its own.

#![allow(missing_docs)] // criterion_group! generates undocumented items

use commonweal_climate::Stance;
use commonweal_world::default_world::default_arena;
use commonweal_world::scenario::Scenario;
use commonweal_world::sim::Prepared;
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let scenario = Scenario::default_scenario();
    let arena = default_arena(&scenario.trade).expect("the default arena builds");
    let mut without = scenario.clone();
    without.climate.enabled = false;
    let p = Prepared::new(scenario, arena.clone()).expect("the default scenario binds");
    let q = Prepared::new(without, arena).expect("the default scenario binds");
    let mut group = c.benchmark_group("world_run_196_nations_50_years");
    group.sample_size(20);
    for (k, regime) in p.regimes.iter().enumerate() {
        let _ = p.run(k, 0);
        group.bench_function(format!("{}_climate", regime.name), |b| {
            b.iter(|| black_box(p.run(k, black_box(0))))
        });
    }
    for (k, regime) in q.regimes.iter().enumerate() {
        group.bench_function(format!("{}_no_climate", regime.name), |b| {
            b.iter(|| black_box(q.run(k, black_box(0))))
        });
    }
    group.finish();

    let game = &p.climate.as_ref().expect("climate is on by default").game;
    let n = game.nations().len();
    let mixed: Vec<Stance> = (0..n)
        .map(|i| match i % 3 {
            0 => Stance::NonCooperative,
            1 => Stance::Conditional,
            _ => Stance::Coalition(1),
        })
        .collect();
    let mut group = c.benchmark_group("climate_game_196_nations");
    group.sample_size(20);
    group.bench_function("equilibrium_mixed_stances", |b| {
        b.iter(|| black_box(game.equilibrium(black_box(&mixed), &[]).expect("converges")))
    });
    group.bench_function("straightforward_solve_mixed_stances", |b| {
        b.iter(|| black_box(game.solve(black_box(&mixed)).expect("converges")))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
