//! Times `Tournament::play` inside the process, on one thread and on two, for the side-by-side
//! comparison with the Axelrod library (`bench/axelrod_side_by_side.py`), whose reference
//! figures are the time of its own `Tournament.play` call without the interpreter's start-up.
//!
//! Run with
//! `cargo run --release -p commonweal-games --example tournament_timing -- --players A,B,…
//! [--turns 200] [--repetitions 10] [--noise 0] [--seed 1] [--tries 200]`.
//! Players are registry names (display name, class name or id). The one-thread and two-thread
//! plays are timed in alternating rounds, so that both meet the same machine conditions; each
//! time covers building the result set and dropping it. Prints one JSON object: the fastest
//! and the median time of each, in seconds, and their ratios.
//!
//! Rounds rather than single plays alternate, with a pause between them: an idle rayon worker
//! keeps spinning for a while before it sleeps, so a play on one pool right after a play on
//! the other shares the two cores with the other pool's spinning worker (the two-thread median
//! then fell to the one-thread time).

use commonweal_games::tournament::Tournament;
use std::time::Instant;

/// The command-line settings.
struct Settings {
    players: Vec<String>,
    turns: usize,
    repetitions: usize,
    noise: f64,
    seed: u64,
    tries: usize,
}

fn parse() -> Result<Settings, String> {
    let mut s =
        Settings { players: Vec::new(), turns: 200, repetitions: 10, noise: 0.0, seed: 1, tries: 200 };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args.next().ok_or_else(|| format!("{flag} needs a value"))?;
        let bad = |e: &dyn std::fmt::Display| format!("{flag} {value}: {e}");
        match flag.as_str() {
            "--players" => s.players = value.split(',').map(|p| p.trim().to_string()).collect(),
            "--turns" => s.turns = value.parse().map_err(|e| bad(&e))?,
            "--repetitions" => s.repetitions = value.parse().map_err(|e| bad(&e))?,
            "--noise" => s.noise = value.parse().map_err(|e| bad(&e))?,
            "--seed" => s.seed = value.parse().map_err(|e| bad(&e))?,
            "--tries" => s.tries = value.parse().map_err(|e| bad(&e))?,
            _ => {
                return Err(format!(
                    "unknown flag {flag}; expected --players, --turns, --repetitions, --noise, --seed or --tries"
                ));
            }
        }
    }
    if s.players.is_empty() {
        return Err("--players is required".into());
    }
    if s.tries == 0 {
        return Err("--tries must be at least 1".into());
    }
    Ok(s)
}

/// Rounds of one-thread and of two-thread plays.
const ROUNDS: usize = 4;

/// Fastest and median of a list of seconds.
fn best_and_median(mut times: Vec<f64>) -> (f64, f64) {
    times.sort_by(f64::total_cmp);
    (times[0], times[times.len() / 2])
}

fn main() {
    let s = parse().unwrap_or_else(|e| {
        eprintln!("tournament_timing: {e}");
        std::process::exit(2)
    });
    let base = Tournament::from_names(&s.players)
        .unwrap_or_else(|e| {
            eprintln!("tournament_timing: {e}");
            std::process::exit(2)
        })
        .turns(s.turns)
        .repetitions(s.repetitions)
        .noise(s.noise)
        .seed(s.seed);
    let one = base.clone().threads(Some(1));
    let two = base.threads(Some(2));
    let time = |t: &Tournament| {
        let start = Instant::now();
        std::hint::black_box(t.play().expect("a valid tournament"));
        start.elapsed().as_secs_f64()
    };
    let (mut ones, mut twos) = (Vec::with_capacity(s.tries), Vec::with_capacity(s.tries));
    for round in 0..ROUNDS {
        let plays = s.tries / ROUNDS + usize::from(round < s.tries % ROUNDS);
        for (t, times) in [(&one, &mut ones), (&two, &mut twos)] {
            // Lets the other pool's workers fall asleep, then warms this pool and the caches.
            std::thread::sleep(std::time::Duration::from_millis(50));
            time(t);
            times.extend((0..plays).map(|_| time(t)));
        }
    }
    let (one_best, one_median) = best_and_median(ones);
    let (two_best, two_median) = best_and_median(twos);
    let report = serde_json::json!({
        "players": s.players.len(),
        "tries": s.tries,
        "one_thread_best_s": one_best,
        "one_thread_median_s": one_median,
        "two_threads_best_s": two_best,
        "two_threads_median_s": two_median,
        "two_vs_one_best": one_best / two_best,
        "two_vs_one_median": one_median / two_median,
    });
    println!("{report}");
}
