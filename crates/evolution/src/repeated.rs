//! Payoff matrices of repeated games between strategies of the games layer: simulated with
//! `play_match` for any strategies, and exact for memory-one strategies under a continuation
//! probability δ, as the per-turn payoff `(1 − δ) v₀ (I − δM)⁻¹ u` of the Markov chain over
//! the last joint move.

use crate::error::{EvoError, Result};
use crate::payoff::PayoffMatrix;
use commonweal_games::play::{Length, MatchSpec, play_match};
use commonweal_games::rng::derive_seed;
use commonweal_games::strategy::MemoryOneRule;
use commonweal_games::{Action, Game, Strategy};

/// Solves the 4×4 system `a x = b` by Gaussian elimination with partial pivoting.
fn solve4(mut a: [[f64; 4]; 4], mut b: [f64; 4]) -> Option<[f64; 4]> {
    for col in 0..4 {
        let piv = (col..4).max_by(|&i, &j| a[i][col].abs().total_cmp(&a[j][col].abs()))?;
        if a[piv][col].abs() < 1e-300 {
            return None;
        }
        a.swap(col, piv);
        b.swap(col, piv);
        for r in col + 1..4 {
            let f = a[r][col] / a[col][col];
            for c in col..4 {
                a[r][c] -= f * a[col][c];
            }
            b[r] -= f * b[col];
        }
    }
    let mut x = [0.0; 4];
    for r in (0..4).rev() {
        let s: f64 = (r + 1..4).map(|c| a[r][c] * x[c]).sum();
        x[r] = (b[r] - s) / a[r][r];
    }
    Some(x)
}

/// The probability of cooperating actually played, given the intended probability `p` and
/// action noise `noise` (each action flipped with that probability).
fn with_noise(p: f64, noise: f64) -> f64 {
    p * (1.0 - noise) + (1.0 - p) * noise
}

const ACTIONS: [Action; 2] = [Action::C, Action::D];

/// The exact expected per-turn payoff of `a` against `b` in a match that continues after each
/// turn with probability `delta` (`0 ≤ δ < 1`), with action noise `noise`.
pub fn memory_one_payoff(a: &MemoryOneRule, b: &MemoryOneRule, game: &Game, delta: f64, noise: f64) -> f64 {
    // Joint states (own, opponent) indexed 2·own + opponent with C = 0, D = 1.
    let joint = |pa: f64, pb: f64| [pa * pb, pa * (1.0 - pb), (1.0 - pa) * pb, (1.0 - pa) * (1.0 - pb)];
    let v0 = joint(with_noise(a.initial_cooperation, noise), with_noise(b.initial_cooperation, noise));
    let mut m = [[0.0; 4]; 4];
    let mut u = [0.0; 4];
    for (x, &own) in ACTIONS.iter().enumerate() {
        for (y, &opp) in ACTIONS.iter().enumerate() {
            let s = 2 * x + y;
            let pa = with_noise(a.p_cooperate(own, opp), noise);
            let pb = with_noise(b.p_cooperate(opp, own), noise);
            m[s] = joint(pa, pb);
            u[s] = game.payoff(own, opp);
        }
    }
    // (I − δM) w = u, then the per-turn value (1 − δ) v₀·w.
    let mut lhs = [[0.0; 4]; 4];
    for r in 0..4 {
        for c in 0..4 {
            lhs[r][c] = f64::from(u8::from(r == c)) - delta * m[r][c];
        }
    }
    let w = solve4(lhs, u).expect("I − δM is invertible for δ < 1");
    (1.0 - delta) * (0..4).map(|s| v0[s] * w[s]).sum::<f64>()
}

/// The exact per-turn payoff matrix among memory-one strategies at continuation `delta`.
pub fn memory_one_matrix(
    players: &[Box<dyn Strategy>],
    game: &Game,
    delta: f64,
    noise: f64,
) -> Result<PayoffMatrix> {
    if !(0.0..1.0).contains(&delta) {
        return Err(EvoError::invalid(
            "delta",
            format!("got {delta}; a continuation probability must be in [0, 1)"),
        ));
    }
    if !(0.0..=1.0).contains(&noise) {
        return Err(EvoError::invalid("noise", format!("got {noise}; it must be a probability in [0, 1]")));
    }
    let rules: Vec<MemoryOneRule> = players
        .iter()
        .map(|p| {
            p.memory_one().ok_or_else(|| {
                EvoError::invalid(
                    "strategies",
                    format!("{} is not a memory-one strategy; use the simulated matrix", p.name()),
                )
            })
        })
        .collect::<Result<_>>()?;
    let rows = rules
        .iter()
        .map(|a| rules.iter().map(|b| memory_one_payoff(a, b, game, delta, noise)).collect())
        .collect();
    PayoffMatrix::new(rows)
}

/// The per-turn payoff matrix estimated from `repetitions` matches per ordered pair: total
/// score over total turns. Match `(i, j, r)` uses seed `derive_seed(seed, [i, j, r])`.
pub fn simulated_matrix(
    players: &mut [Box<dyn Strategy>],
    spec: &MatchSpec,
    repetitions: u64,
    seed: u64,
) -> Result<PayoffMatrix> {
    spec.validate().map_err(|e| EvoError::invalid("match", e.to_string()))?;
    if repetitions == 0 {
        return Err(EvoError::invalid("repetitions", "need at least one match per pair"));
    }
    let n = players.len();
    let mut rows = vec![vec![0.0; n]; n];
    for i in 0..n {
        for j in 0..n {
            let (mut score, mut turns) = (0.0, 0usize);
            for r in 0..repetitions {
                let s = derive_seed(seed, &[i as u64, j as u64, r]);
                let mut a = players[i].clone();
                let mut b = players[j].clone();
                let o = play_match(a.as_mut(), b.as_mut(), spec, s);
                score += o.score;
                turns += o.turns();
            }
            rows[i][j] = score / turns as f64;
        }
    }
    PayoffMatrix::new(rows)
}

/// The continuation probability of a match length (`None` for a fixed number of turns).
pub fn continuation(spec: &MatchSpec) -> Option<f64> {
    match spec.length {
        Length::ProbEnd(p) => Some(1.0 - p),
        Length::Turns(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finite::{Fitness, Population, small_mutation};
    use crate::payoff::EvoGame;
    use commonweal_games::registry;

    fn players() -> Vec<Box<dyn Strategy>> {
        ["Cooperator", "Defector", "Tit For Tat", "Generic Memory One Player"]
            .iter()
            .map(|n| registry::build(n).unwrap())
            .collect()
    }

    #[test]
    fn exact_values_match_hand_computation() {
        let game = Game::default();
        let m = memory_one_matrix(&players(), &game, 0.9, 0.0).unwrap();
        // TFT against ALLD: S on the first turn, P afterwards: (1 − δ)·0 + δ·1.
        assert!((m.get(2, 1) - 0.9).abs() < 1e-12);
        assert!((m.get(1, 2) - (0.1 * 5.0 + 0.9 * 1.0)).abs() < 1e-12);
        // WSLS against ALLD alternates D after S, C after P: S, P, S, P, …
        let want = (1.0 - 0.9) * (0.0 + 0.9 * 1.0) / (1.0 - 0.81);
        assert!((m.get(3, 1) - want).abs() < 1e-12, "{} vs {want}", m.get(3, 1));
        assert!((m.get(0, 0) - 3.0).abs() < 1e-12);
    }

    #[test]
    fn exact_matrix_agrees_with_simulated_matches() {
        let game = Game::default();
        let spec = MatchSpec::new(Length::ProbEnd(0.1)).noise(0.05);
        let exact = memory_one_matrix(&players(), &game, 0.9, 0.05).unwrap();
        let sim = simulated_matrix(&mut players(), &spec, 4000, 1).unwrap();
        for i in 0..4 {
            for j in 0..4 {
                // About 40,000 turns per pair: the standard error is below 0.02.
                assert!(
                    (exact.get(i, j) - sim.get(i, j)).abs() < 0.1,
                    "({i}, {j}): {} vs {}",
                    exact.get(i, j),
                    sim.get(i, j)
                );
            }
        }
    }

    fn stationary(game: &Game, noise: f64) -> Vec<f64> {
        let m = memory_one_matrix(&players(), game, 0.9, noise).unwrap();
        let g = EvoGame::Matrix(m);
        small_mutation(&Fitness::new(&g, Population::new(100, 1.0)).unwrap()).unwrap().stationary
    }

    fn argmax(v: &[f64]) -> usize {
        (0..v.len()).max_by(|&a, &b| v[a].total_cmp(&v[b])).unwrap()
    }

    #[test]
    fn small_mutation_stationary_of_allc_alld_tft_wsls() {
        // Axelrod's Prisoner's Dilemma (R, P, S, T) = (3, 1, 0, 5): without errors TFT holds
        // the population; with 5% errors TFT's retaliation spirals cost it and ALLD leads.
        // WSLS never leads here: it needs 2R > T + P to resist defectors (Nowak & Sigmund 1993),
        // and 6 = 6 misses that by equality.
        let axelrod = Game::default();
        let clean = stationary(&axelrod, 0.0);
        let noisy = stationary(&axelrod, 0.05);
        assert_eq!(argmax(&clean), 2, "{clean:?}");
        assert_eq!(argmax(&noisy), 1, "{noisy:?}");
        assert!(noisy[2] < clean[2]);
        // A donation game with b/c = 3 (R, P, S, T) = (2, 0, −1, 3) has 2R > T + P: with errors
        // WSLS, which corrects mistakes in two rounds, takes the lead.
        let donation = Game::new(2.0, 0.0, -1.0, 3.0);
        let d_noisy = stationary(&donation, 0.05);
        assert_eq!(argmax(&d_noisy), 3, "{d_noisy:?}");
        for v in [&clean, &noisy, &d_noisy] {
            assert!((v.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        }
    }
}
