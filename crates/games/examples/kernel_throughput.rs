//! Turns per CPU-second of the memory-one kernel and of the general match loop.
//!
//! Run with `cargo run --release -p commonweal-games --example kernel_throughput [FILTER]`
//! (Linux); with a filter, only the cases whose description contains it run.
//! Expect one line per case: the case, turns played, CPU seconds and millions of turns per
//! CPU-second. CPU time (from /proc/self/stat) rather than wall time is measured, so the
//! figure stays meaningful on a machine shared with other work: it is the speed of one core.

use commonweal_games::play::{MatchScratch, MatchSpec, play_match_with};
use commonweal_games::strategies::memory_one::MemoryOnePlayer;
use commonweal_games::testing::GeneralLoop;
use commonweal_games::{C, Strategy, registry};
use std::hint::black_box;

/// CPU time of this process (user + system) in seconds, at the kernel's tick resolution.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").expect("Linux /proc");
    // Fields after the parenthesised command name; utime and stime are the 12th and 13th.
    let rest = &stat[stat.rfind(')').expect("stat format") + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = fields[11].parse::<f64>().unwrap() + fields[12].parse::<f64>().unwrap();
    ticks / 100.0
}

fn measure(case: &str, a: &mut dyn Strategy, b: &mut dyn Strategy, spec: &MatchSpec) {
    if std::env::args().nth(1).is_some_and(|filter| !case.contains(&filter)) {
        return;
    }
    let turns_per_match = match spec.length {
        commonweal_games::Length::Turns(n) => n,
        commonweal_games::Length::ProbEnd(_) => unreachable!("fixed-length cases only"),
    };
    let mut scratch = MatchScratch::default();
    let start = cpu_seconds();
    let mut matches = 0u64;
    let mut checksum = 0.0;
    while cpu_seconds() - start < 3.0 {
        for seed in 0..1000 {
            checksum += play_match_with(a, b, spec, matches + seed, &mut scratch).score;
        }
        matches += 1000;
    }
    let cpu = cpu_seconds() - start;
    let turns = matches * turns_per_match as u64;
    black_box(checksum);
    println!("{case:<45} {turns:>12} turns {cpu:>6.2} CPU s {:>8.1} M turns/CPU s", turns as f64 / cpu / 1e6);
}

fn main() {
    let spec = MatchSpec::turns(1000);
    let tft = || registry::build("Tit For Tat").unwrap();
    let alt = || registry::build("Alternator").unwrap();
    measure("memory-one kernel, TFT v Alternator", tft().as_mut(), alt().as_mut(), &spec);
    measure(
        "memory-one kernel, TFT v Alternator, noise 0.05",
        tft().as_mut(),
        alt().as_mut(),
        &spec.noise(0.05),
    );
    let mut gtft = MemoryOnePlayer::new("GTFT", [1.0, 1.0 / 3.0, 1.0, 1.0 / 3.0], C);
    let mut zd = MemoryOnePlayer::new("ZD", [0.9, 0.2, 0.6, 0.1], C);
    measure("memory-one kernel, GTFT v ZD, noise 0.05", &mut gtft, &mut zd, &spec.noise(0.05));
    measure("general loop, TFT v Alternator", &mut GeneralLoop(tft()), &mut GeneralLoop(alt()), &spec);
    measure(
        "general loop, TFT v Alternator, noise 0.05",
        &mut GeneralLoop(tft()),
        &mut GeneralLoop(alt()),
        &spec.noise(0.05),
    );
}
