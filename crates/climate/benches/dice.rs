//! DICE-2016R2 timings: one simulation, one simulation with its adjoint gradient, and the solved
//! optimal and baseline runs. Run with `cargo bench -p commonweal-climate --bench dice`.

// criterion_group! generates an undocumented public function.
#![allow(missing_docs)]

use commonweal_climate::{ClimateGame, Dice, Nation, Path, Sensitivities, Stance, runs};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let dice = Dice::standard();
    let n = dice.n_periods();
    let mu: Vec<f64> = (0..n).map(|t| (0.03 + 0.02 * t as f64).min(1.0)).collect();
    let q: Vec<f64> = mu.iter().map(|m| m.powf(2.6)).collect();
    let s = vec![0.25; n];
    let mut path = Path::default();
    let mut sens = Sensitivities::default();
    c.bench_function("dice_simulate", |b| {
        b.iter(|| dice.simulate_aggregate(black_box(&mu), &q, &s, &mut path));
    });
    c.bench_function("dice_simulate_and_adjoint", |b| {
        b.iter(|| {
            dice.simulate_aggregate(black_box(&mu), &q, &s, &mut path);
            dice.adjoint(&mu, &s, &path, &mut sens);
        });
    });
    c.bench_function("dice_optimal_run", |b| b.iter(|| runs::optimal(black_box(&dice)).unwrap()));
    c.bench_function("dice_baseline_run", |b| b.iter(|| runs::baseline(black_box(&dice)).unwrap()));
    let game = ClimateGame::new(dice.clone(), Nation::identical(10)).unwrap();
    c.bench_function("climate_game_10_nations_nash", |b| {
        b.iter(|| game.solve(black_box(&[Stance::NonCooperative; 10])).unwrap());
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
