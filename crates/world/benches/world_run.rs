//! One 50-year run of the 196-nation default world per regime, on one thread.
//!
//! Run: `cargo bench -p commonweal-world --bench world_run`
//! Expect: about ten milliseconds per run on an idle core (the target is under 50 ms); the arena
//! (stage payoffs from the general equilibrium) is built once before timing.

#![allow(missing_docs)] // criterion_group! generates undocumented items

use commonweal_world::default_world::default_arena;
use commonweal_world::scenario::Scenario;
use commonweal_world::sim::Prepared;
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let scenario = Scenario::default_scenario();
    let arena = default_arena(&scenario.trade).expect("the default arena builds");
    let p = Prepared::new(scenario, arena).expect("the default scenario binds");
    let mut group = c.benchmark_group("world_run_196_nations_50_years");
    group.sample_size(20);
    for (k, regime) in p.regimes.iter().enumerate() {
        group.bench_function(regime.name.as_str(), |b| b.iter(|| black_box(p.run(k, black_box(0)))));
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
