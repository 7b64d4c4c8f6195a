//! Equilibrium solves of the 196-nation world: cold (from ŵ = 1) and warm-started after a small
//! policy change, as the simulation does each year.
//!
//! Run: `cargo bench -p commonweal-world --bench trade_solve`

#![allow(missing_docs)] // criterion_group! generates undocumented items

use commonweal_world::trade::Policy;
use commonweal_world::trade::calibrate::default_base;
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let cal = default_base().expect("the default world calibrates");
    let base = &cal.base;
    let n = base.n();
    let (usa, chn) = (base.index_of("USA").unwrap(), base.index_of("CHN").unwrap());
    let war = Policy::uniform_tariff(n, 0.25);
    let war_solution = base.solve(&war, None).unwrap();
    let mut nudged = war.clone();
    nudged.set_tariff(usa, chn, 0.35);

    c.bench_function("cold solve, 25% tariff war, 196 nations", |b| {
        b.iter(|| base.solve(black_box(&war), None).unwrap())
    });
    // The year-to-year path: one pair's tariff moves from the tariff war; the cached solver and
    // the tariff war's solution are reused. Two such policies alternate (USA on China, China on
    // the USA, each 25 % → 35 %), so every solve is a real one-pair change from its warm start.
    let mut nudged_back = war.clone();
    nudged_back.set_tariff(chn, usa, 0.35);
    let mut solver = base.solver();
    let mut flip = false;
    c.bench_function("warm solve, one pair changed, 196 nations (cached solver)", |b| {
        b.iter(|| {
            flip = !flip;
            let p = if flip { &nudged } else { &nudged_back };
            solver.solve(black_box(p), Some(&war_solution)).unwrap()
        })
    });
    c.bench_function("warm solve, one pair changed, 196 nations (fresh solver)", |b| {
        b.iter(|| base.solve(black_box(&nudged), Some(&war_solution)).unwrap())
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
