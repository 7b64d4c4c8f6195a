//! Match and tournament throughput.
//!
//! Run with `cargo bench -p commonweal-games --bench matches`. Expect the memory-one kernel to
//! play a few hundred million turns per second per core, the general loop tens of millions,
//! and a five-player, 200-turn, 10-repetition tournament to take on the order of a millisecond.

// `criterion_group!` defines a public function that cannot carry a doc comment.
#![allow(missing_docs)]

use commonweal_games::play::{MatchScratch, MatchSpec, play_match_with};
use commonweal_games::strategies::memory_one::MemoryOnePlayer;
use commonweal_games::testing::GeneralLoop;
use commonweal_games::tournament::Tournament;
use commonweal_games::{C, registry};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

const TURNS: usize = 10_000;

fn memory_one_kernel(c: &mut Criterion) {
    let mut group = c.benchmark_group("memory_one_kernel");
    group.throughput(Throughput::Elements(TURNS as u64));
    let spec = MatchSpec::turns(TURNS);
    let mut scratch = MatchScratch::default();
    let mut tft = registry::build("Tit For Tat").unwrap();
    let mut alt = registry::build("Alternator").unwrap();
    group.bench_function("deterministic_tft_v_alternator", |b| {
        b.iter(|| black_box(play_match_with(tft.as_mut(), alt.as_mut(), &spec, 1, &mut scratch).score))
    });
    let mut gtft = MemoryOnePlayer::new("GTFT", [1.0, 1.0 / 3.0, 1.0, 1.0 / 3.0], C);
    let mut zd = MemoryOnePlayer::new("ZD", [0.9, 0.2, 0.6, 0.1], C);
    let noisy = spec.noise(0.05);
    group.bench_function("stochastic_noise_0.05", |b| {
        b.iter(|| black_box(play_match_with(&mut gtft, &mut zd, &noisy, 1, &mut scratch).score))
    });
    group.finish();
}

fn general_loop(c: &mut Criterion) {
    let mut group = c.benchmark_group("general_loop");
    group.throughput(Throughput::Elements(TURNS as u64));
    let spec = MatchSpec::turns(TURNS);
    let mut scratch = MatchScratch::default();
    let mut tft = GeneralLoop(registry::build("Tit For Tat").unwrap());
    let mut alt = GeneralLoop(registry::build("Alternator").unwrap());
    group.bench_function("deterministic_tft_v_alternator", |b| {
        b.iter(|| black_box(play_match_with(&mut tft, &mut alt, &spec, 1, &mut scratch).score))
    });
    let noisy = spec.noise(0.05);
    group.bench_function("noise_0.05", |b| {
        b.iter(|| black_box(play_match_with(&mut tft, &mut alt, &noisy, 1, &mut scratch).score))
    });
    group.finish();
}

fn tournament(c: &mut Criterion) {
    let mut group = c.benchmark_group("tournament");
    let t = Tournament::from_names(&["Cooperator", "Defector", "Tit For Tat", "Alternator", "Random"])
        .unwrap()
        .turns(200)
        .repetitions(10)
        .noise(0.05)
        .threads(Some(1));
    group.throughput(Throughput::Elements((t.n_matches() * 200) as u64));
    group.bench_function("five_players_200_turns_10_reps_1_thread", |b| {
        b.iter(|| black_box(t.play().unwrap()))
    });
    group.finish();
}

/// The side-by-side workloads of `bench/axelrod_side_by_side.py`, timed inside the process (no
/// start-up, registry or output), on one thread and on two.
fn side_by_side_workloads(c: &mut Criterion) {
    use commonweal_games::registry::Set;
    let mut group = c.benchmark_group("side_by_side");
    group.sample_size(20);
    let basic =
        Tournament::from_entries(&Set::Basic.entries().unwrap()).turns(200).repetitions(100).noise(0.05);
    let first = Tournament::from_entries(&Set::FirstTournament.entries().unwrap()).turns(200).repetitions(5);
    for (name, t) in [("a_basic_noise_100_reps", basic), ("b_first_tournament_5_reps", first)] {
        for threads in [1, 2] {
            let t = t.clone().threads(Some(threads));
            group.bench_function(format!("{name}_{threads}_thread"), |b| {
                b.iter(|| black_box(t.play().unwrap()))
            });
        }
    }
    group.finish();
}

criterion_group!(benches, memory_one_kernel, general_loop, tournament, side_by_side_workloads);
criterion_main!(benches);
