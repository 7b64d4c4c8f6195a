//! The cost of the climate-club search on the 196-nation world: one evaluation of a configuration
//! (the climate game solved cold and warm-started from a neighbour, plus the penalty tariff's
//! general equilibrium), a stability check of the grand coalition (one evaluation per nation)
//! and one search, in process CPU time (robust on a busy machine) and wall time.
//!
//! Run: `cargo run --release -p commonweal-world --example climate_clubs`
//! Expect: milliseconds per evaluation and its parts, then the stability check and a search
//! from the empty coalition at $25/tCO₂ and a 5 % penalty (it ends at the grand coalition).

use commonweal_climate::Stance;
use commonweal_world::climate::clubs::{ClubModel, ClubTerms, SearchEnd};
use commonweal_world::climate::penalty_tariff_effects;
use std::time::Instant;

#[path = "support/cpu_time.rs"]
mod cpu_time;
use cpu_time::cpu_seconds;

/// Runs `f` `reps` times; prints and returns CPU milliseconds per call.
fn per_call(name: &str, reps: usize, mut f: impl FnMut(usize)) -> f64 {
    let (cpu, wall) = (cpu_seconds(), Instant::now());
    for r in 0..reps {
        f(r);
    }
    let ms = (cpu_seconds() - cpu) * 1e3 / reps as f64;
    println!(
        "{name}: {ms:.2} ms CPU per call ({:.2} ms wall)",
        wall.elapsed().as_secs_f64() * 1e3 / reps as f64
    );
    ms
}

fn main() {
    let trade = commonweal_world::scenario::Scenario::default_scenario().trade;
    let arena = commonweal_world::default_world::default_arena(&trade).expect("default world");
    let n = arena.n();
    let model = ClubModel::new(&arena).expect("club model");
    let terms = ClubTerms::new(25.0, 0.05).unwrap();
    let grand = vec![true; n];
    let reps = 100;
    // Neighbours of the grand coalition: one nation out, a different one each time.
    let neighbour = |r: usize| -> Vec<bool> { (0..n).map(|i| i != r % n).collect() };
    let here = model.evaluate(&terms, &grand).unwrap();
    let game = model.club_game(&terms).unwrap();
    per_call("climate game, ClimateGame::solve (cold)", reps, |r| {
        let stances: Vec<Stance> =
            neighbour(r).iter().map(|&m| if m { Stance::Club } else { Stance::NonCooperative }).collect();
        std::hint::black_box(game.solve(&stances).unwrap());
    });
    per_call("penalty tariff, general equilibrium", reps, |r| {
        std::hint::black_box(penalty_tariff_effects(&arena, &neighbour(r), terms.penalty_tariff).unwrap());
    });
    per_call("evaluation, cold", reps, |r| {
        std::hint::black_box(model.evaluate(&terms, &neighbour(r)).unwrap());
    });
    per_call("evaluation, warm-started from the grand coalition", reps, |r| {
        std::hint::black_box(model.evaluate_from(&terms, &neighbour(r), Some(&here)).unwrap());
    });

    let wall = Instant::now();
    let stability = model.stability(&terms, &grand).unwrap();
    println!(
        "stability of the grand coalition ({n} evaluations, rayon): {:.2} s wall; stable: {}",
        wall.elapsed().as_secs_f64(),
        stability.stable()
    );
    let (cpu, wall) = (cpu_seconds(), Instant::now());
    let search = model.search(&terms, &vec![false; n], 20 * n).unwrap();
    println!(
        "search from the empty coalition: {} moves, {} evaluations, {:.2} s CPU, {:.2} s wall; ends {}, {} members",
        search.moves,
        search.evaluations,
        cpu_seconds() - cpu,
        wall.elapsed().as_secs_f64(),
        if matches!(search.end, SearchEnd::Stable(_)) { "stable" } else { "unstable" },
        search.last.n_members()
    );
}
