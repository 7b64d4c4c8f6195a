//! Statistical agreement with the Axelrod library (4.14.0) where outcomes are random: pairs
//! involving stochastic strategies, and deterministic pairs under action noise. The library's
//! mean score per turn and cooperation rate of the first player over 1000 seeded matches are
//! committed in `compat/fixtures/axelrod_stochastic.json` by `compat/axelrod_stochastic.py`;
//! commonweal plays the same pairs over 1000 of its own seeds and each mean must agree within
//! 3 combined standard errors. All disagreements are reported at once.

use commonweal_games::play::{MatchSpec, play_match};
use commonweal_games::registry;
use commonweal_games::rng::{derive_seed, label};
use serde::Deserialize;

const FIXTURE: &str = include_str!("../../../compat/fixtures/axelrod_stochastic.json");

#[derive(Deserialize)]
struct Fixture {
    axelrod_version: String,
    turns: usize,
    seeds: usize,
    pairs: Vec<Pair>,
}

#[derive(Deserialize)]
struct Pair {
    player: String,
    opponent: String,
    noise: f64,
    score_per_turn: f64,
    score_se: f64,
    cooperation: f64,
    cooperation_se: f64,
}

/// Mean and standard error of the mean.
fn mean_and_se(values: &[f64]) -> (f64, f64) {
    let n = values.len() as f64;
    let mean = values.iter().sum::<f64>() / n;
    let var = values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1.0);
    (mean, (var / n).sqrt())
}

/// Whether two means agree within 3 combined standard errors (exactly, up to rounding, when
/// both are certain).
fn agree(ours: (f64, f64), theirs: (f64, f64)) -> bool {
    let tolerance = 3.0 * (ours.1.powi(2) + theirs.1.powi(2)).sqrt() + 1e-9;
    (ours.0 - theirs.0).abs() <= tolerance
}

#[test]
fn random_outcomes_agree_with_the_library_in_distribution() {
    let f: Fixture = serde_json::from_str(FIXTURE).expect("the fixture parses");
    assert_eq!(f.axelrod_version, "4.14.0");
    assert!(f.seeds >= 1000 && !f.pairs.is_empty());
    let mut mismatches = Vec::new();
    for pair in &f.pairs {
        let (mut a, mut b) = match (registry::build(&pair.player), registry::build(&pair.opponent)) {
            (Ok(a), Ok(b)) => (a, b),
            _ => {
                mismatches.push(format!("{} vs {}: not registered", pair.player, pair.opponent));
                continue;
            }
        };
        let spec = MatchSpec::turns(f.turns).noise(pair.noise);
        let root = derive_seed(label(&pair.player), &[label(&pair.opponent)]);
        let (mut scores, mut cooperation) = (Vec::new(), Vec::new());
        for k in 0..f.seeds as u64 {
            let outcome = play_match(a.as_mut(), b.as_mut(), &spec, derive_seed(root, &[k]));
            scores.push(outcome.score / f.turns as f64);
            cooperation.push(outcome.cooperations() as f64 / f.turns as f64);
        }
        for (what, ours, theirs) in [
            ("score per turn", mean_and_se(&scores), (pair.score_per_turn, pair.score_se)),
            ("cooperation", mean_and_se(&cooperation), (pair.cooperation, pair.cooperation_se)),
        ] {
            if !agree(ours, theirs) {
                mismatches.push(format!(
                    "{} vs {} (noise {}): {what} {:.4} ± {:.4}, the library's {:.4} ± {:.4}",
                    pair.player, pair.opponent, pair.noise, ours.0, ours.1, theirs.0, theirs.1
                ));
            }
        }
    }
    assert!(mismatches.is_empty(), "{} means disagree:\n{}", mismatches.len(), mismatches.join("\n"));
}

#[test]
fn agreement_is_judged_by_standard_errors() {
    assert!(agree((0.50, 0.01), (0.53, 0.01)));
    assert!(!agree((0.50, 0.01), (0.56, 0.01)));
    assert!(agree((1.0, 0.0), (1.0, 0.0)));
    assert!(!agree((1.0, 0.0), (0.99, 0.0)));
}
