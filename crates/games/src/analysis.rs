//! Exact analysis of matches between two memory-one strategies through their 4-state Markov
//! chain: long-run payoffs per turn (stationary distribution), expected totals of matches of a
//! fixed length, and expected totals of matches that continue with probability δ after each
//! turn (`v₀ (I − δM)⁻¹ u`).
//!
//! States are the last turn's actions (first player's action first): CC, CD, DC, DD. Action
//! noise ε turns a cooperation probability p into p(1 − ε) + (1 − p)ε, on the first turn too,
//! exactly as [`play_match`](crate::play::play_match) applies it.
//!
//! ```
//! use commonweal_games::analysis::long_run_payoffs;
//! use commonweal_games::{Game, MemoryOneRule};
//!
//! let tft = MemoryOneRule { four_vector: [1.0, 0.0, 1.0, 0.0], initial_cooperation: 1.0 };
//! // Under noise, two Tit For Tats visit the four states equally often in the long run:
//! // (R + S + T + P) / 4 = 2.25 per turn each.
//! let (a, b) = long_run_payoffs(&tft, &tft, 0.1, &Game::default()).unwrap();
//! assert!((a - 2.25).abs() < 1e-12 && (b - 2.25).abs() < 1e-12);
//! ```

use crate::game::Game;
use crate::strategy::MemoryOneRule;

/// Why an analysis cannot be carried out.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum AnalysisError {
    /// A probability outside [0, 1].
    #[error("{what} must be a probability in [0, 1]; got {value}")]
    Probability {
        /// Which quantity.
        what: &'static str,
        /// The value given.
        value: f64,
    },
    /// The continuation probability must be in [0, 1) for the expected total to be finite.
    #[error("the continuation probability must be in [0, 1); got {0}")]
    Continuation(f64),
    /// The chain has more than one closed class, so the long run depends on the start.
    #[error(
        "the Markov chain of these two rules has no unique stationary distribution (several closed \
         classes); add action noise to make it ergodic"
    )]
    NotErgodic,
}

/// The transition matrix and first-turn distribution of a match between two memory-one rules.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MemoryOneChain {
    /// `transition[s][t]`: probability of state `t` after state `s` (CC, CD, DC, DD).
    pub transition: [[f64; 4]; 4],
    /// Distribution of the first turn's state.
    pub initial: [f64; 4],
}

/// The chance that a player whose rule says "cooperate with probability p" is recorded as
/// cooperating once noise ε has had its chance to flip the action.
#[inline]
fn noisy(p: f64, noise: f64) -> f64 {
    p * (1.0 - noise) + (1.0 - p) * noise
}

fn check_probability(what: &'static str, value: f64) -> Result<(), AnalysisError> {
    if (0.0..=1.0).contains(&value) { Ok(()) } else { Err(AnalysisError::Probability { what, value }) }
}

fn check_rule(rule: &MemoryOneRule) -> Result<(), AnalysisError> {
    for &p in &rule.four_vector {
        check_probability("a memory-one cooperation probability", p)?;
    }
    check_probability("the initial cooperation probability", rule.initial_cooperation)
}

/// The distribution of (x, y) when the first player cooperates with probability `pa` and the
/// second, independently, with `pb`, in the order CC, CD, DC, DD.
fn joint(pa: f64, pb: f64) -> [f64; 4] {
    [pa * pb, pa * (1.0 - pb), (1.0 - pa) * pb, (1.0 - pa) * (1.0 - pb)]
}

impl MemoryOneChain {
    /// The chain of `a` (first player) against `b` under action noise `noise`.
    pub fn new(a: &MemoryOneRule, b: &MemoryOneRule, noise: f64) -> Result<MemoryOneChain, AnalysisError> {
        check_rule(a)?;
        check_rule(b)?;
        check_probability("noise", noise)?;
        let mut transition = [[0.0; 4]; 4];
        for (s, row) in transition.iter_mut().enumerate() {
            // The second player sees the state from its side: CD and DC swap.
            let s_for_b = [0, 2, 1, 3][s];
            let pa = noisy(a.four_vector[s], noise);
            let pb = noisy(b.four_vector[s_for_b], noise);
            *row = joint(pa, pb);
        }
        let initial = joint(noisy(a.initial_cooperation, noise), noisy(b.initial_cooperation, noise));
        Ok(MemoryOneChain { transition, initial })
    }

    /// The unique stationary distribution, or [`AnalysisError::NotErgodic`].
    pub fn stationary(&self) -> Result<[f64; 4], AnalysisError> {
        // Solve πᵀ(M − I) = 0 with Σπ = 1: the transposed system with its last equation replaced
        // by the normalisation. It is singular exactly when the chain has several closed classes.
        let mut a = [[0.0; 4]; 4];
        for (i, row) in a.iter_mut().enumerate().take(3) {
            for (j, cell) in row.iter_mut().enumerate() {
                *cell = self.transition[j][i] - if i == j { 1.0 } else { 0.0 };
            }
        }
        a[3] = [1.0; 4];
        solve(a, [0.0, 0.0, 0.0, 1.0]).ok_or(AnalysisError::NotErgodic)
    }

    /// Σₜ δᵗ v₀Mᵗ, the expected discounted number of visits to each state, from
    /// `v₀ (I − δM)⁻¹`.
    pub fn discounted_visits(&self, delta: f64) -> Result<[f64; 4], AnalysisError> {
        if !(0.0..1.0).contains(&delta) {
            return Err(AnalysisError::Continuation(delta));
        }
        // x (I − δM) = v₀  ⇔  (I − δM)ᵀ xᵀ = v₀ᵀ.
        let mut a = [[0.0; 4]; 4];
        for (i, row) in a.iter_mut().enumerate() {
            for (j, cell) in row.iter_mut().enumerate() {
                *cell = if i == j { 1.0 } else { 0.0 } - delta * self.transition[j][i];
            }
        }
        // I − δM is strictly diagonally dominant for δ < 1, so this never fails.
        Ok(solve(a, self.initial).expect("I − δM is invertible for δ < 1"))
    }

    /// Expected visits to each state over the first `turns` turns.
    pub fn finite_visits(&self, turns: usize) -> [f64; 4] {
        let mut v = self.initial;
        let mut total = [0.0; 4];
        for t in 0..turns {
            for (acc, x) in total.iter_mut().zip(v) {
                *acc += x;
            }
            if t + 1 < turns {
                v = step(&v, &self.transition);
            }
        }
        total
    }
}

fn step(v: &[f64; 4], m: &[[f64; 4]; 4]) -> [f64; 4] {
    let mut out = [0.0; 4];
    for (s, &vs) in v.iter().enumerate() {
        for (t, o) in out.iter_mut().enumerate() {
            *o += vs * m[s][t];
        }
    }
    out
}

/// Gaussian elimination with partial pivoting; `None` when the matrix is (numerically)
/// singular.
fn solve(mut a: [[f64; 4]; 4], mut b: [f64; 4]) -> Option<[f64; 4]> {
    for col in 0..4 {
        let pivot = (col..4).max_by(|&i, &j| a[i][col].abs().total_cmp(&a[j][col].abs()))?;
        if a[pivot][col].abs() < 1e-12 {
            return None;
        }
        a.swap(col, pivot);
        b.swap(col, pivot);
        for row in col + 1..4 {
            let f = a[row][col] / a[col][col];
            let pivot_row = a[col];
            for (x, p) in a[row][col..].iter_mut().zip(&pivot_row[col..]) {
                *x -= f * p;
            }
            b[row] -= f * b[col];
        }
    }
    let mut x = [0.0; 4];
    for row in (0..4).rev() {
        let s: f64 = (row + 1..4).map(|k| a[row][k] * x[k]).sum();
        x[row] = (b[row] - s) / a[row][row];
    }
    Some(x)
}

/// The payoffs to (first, second) player for a distribution over states (or visit counts).
fn payoffs(weights: &[f64; 4], game: &Game) -> (f64, f64) {
    let u = game.payoff_vector();
    // The second player's payoff in state (x, y) is its own payoff with the roles swapped.
    let u_b = [u[0], u[2], u[1], u[3]];
    let dot = |w: &[f64; 4]| -> f64 { w.iter().zip(&u).map(|(a, b)| a * b).sum() };
    (dot(weights), weights.iter().zip(&u_b).map(|(a, b)| a * b).sum())
}

/// The stationary distribution over CC, CD, DC, DD of `a` against `b` under action noise.
pub fn stationary_distribution(
    a: &MemoryOneRule,
    b: &MemoryOneRule,
    noise: f64,
) -> Result<[f64; 4], AnalysisError> {
    MemoryOneChain::new(a, b, noise)?.stationary()
}

/// Long-run payoffs per turn to (`a`, `b`) under action noise: the stationary distribution
/// weighted by the stage payoffs. Fails when the chain has no unique stationary distribution
/// (possible only without noise).
pub fn long_run_payoffs(
    a: &MemoryOneRule,
    b: &MemoryOneRule,
    noise: f64,
    game: &Game,
) -> Result<(f64, f64), AnalysisError> {
    Ok(payoffs(&stationary_distribution(a, b, noise)?, game))
}

/// Expected total payoffs to (`a`, `b`) of a match that, after each turn, goes on with
/// probability `delta` (a match with end probability `1 − delta`): `v₀ (I − δM)⁻¹ u`.
pub fn continuation_payoffs(
    a: &MemoryOneRule,
    b: &MemoryOneRule,
    noise: f64,
    game: &Game,
    delta: f64,
) -> Result<(f64, f64), AnalysisError> {
    Ok(payoffs(&MemoryOneChain::new(a, b, noise)?.discounted_visits(delta)?, game))
}

/// Expected total payoffs to (`a`, `b`) of a match of exactly `turns` turns.
pub fn fixed_length_payoffs(
    a: &MemoryOneRule,
    b: &MemoryOneRule,
    noise: f64,
    game: &Game,
    turns: usize,
) -> Result<(f64, f64), AnalysisError> {
    Ok(payoffs(&MemoryOneChain::new(a, b, noise)?.finite_visits(turns), game))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::action::{C, D};
    use crate::play::{Length, MatchSpec, play_match};
    use crate::strategies::memory_one::MemoryOnePlayer;

    fn rule(v: [f64; 4], first: f64) -> MemoryOneRule {
        MemoryOneRule { four_vector: v, initial_cooperation: first }
    }

    fn player(r: &MemoryOneRule) -> MemoryOnePlayer {
        assert!(r.initial_cooperation == 0.0 || r.initial_cooperation == 1.0);
        MemoryOnePlayer::new("Test", r.four_vector, if r.initial_cooperation == 1.0 { C } else { D })
    }

    const GTFT: [f64; 4] = [1.0, 1.0 / 3.0, 1.0, 1.0 / 3.0];
    const WSLS: [f64; 4] = [1.0, 0.0, 0.0, 1.0];
    const ZD: [f64; 4] = [0.9, 0.2, 0.6, 0.1];

    #[test]
    fn stationary_distribution_is_stationary_and_sums_to_one() {
        let chain = MemoryOneChain::new(&rule(ZD, 1.0), &rule(GTFT, 1.0), 0.02).unwrap();
        let pi = chain.stationary().unwrap();
        assert!((pi.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        let next = step(&pi, &chain.transition);
        for (x, y) in pi.iter().zip(next) {
            assert!((x - y).abs() < 1e-12);
        }
    }

    #[test]
    fn long_run_payoffs_match_a_long_simulated_match() {
        let game = Game::default();
        for (va, vb, noise) in [(ZD, GTFT, 0.05), (WSLS, [1.0, 0.0, 1.0, 0.0], 0.05), (GTFT, ZD, 0.0)] {
            let (a, b) = (rule(va, 1.0), rule(vb, 1.0));
            let (ea, eb) = long_run_payoffs(&a, &b, noise, &game).unwrap();
            let turns = 2_000_000;
            let spec = MatchSpec::turns(turns).noise(noise);
            let out = play_match(&mut player(&a), &mut player(&b), &spec, 11);
            let (sa, sb) = (out.score / turns as f64, out.opponent_score / turns as f64);
            // Standard errors of these per-turn means are below 0.005 (autocorrelated draws
            // included), so 0.02 is a loose but failing-when-wrong bound.
            assert!(
                (sa - ea).abs() < 0.02 && (sb - eb).abs() < 0.02,
                "{va:?} v {vb:?}: {sa} {sb} vs {ea} {eb}"
            );
        }
    }

    #[test]
    fn continuation_payoffs_match_the_mean_of_random_length_matches() {
        let game = Game::default();
        let (a, b) = (rule(ZD, 1.0), rule(WSLS, 1.0));
        let (p_end, noise) = (0.05, 0.03);
        let (ea, eb) = continuation_payoffs(&a, &b, noise, &game, 1.0 - p_end).unwrap();
        let spec = MatchSpec::new(Length::ProbEnd(p_end)).noise(noise);
        let n = 40_000;
        let (mut ta, mut tb) = (0.0, 0.0);
        for seed in 0..n {
            let out = play_match(&mut player(&a), &mut player(&b), &spec, seed);
            ta += out.score;
            tb += out.opponent_score;
        }
        let (ma, mb) = (ta / n as f64, tb / n as f64);
        // Totals have mean ≈ 40–60 and standard deviation ≈ 50, so the standard error of the
        // mean of 40 000 matches is ≈ 0.25; 1.5 is six standard errors.
        assert!((ma - ea).abs() < 1.5 && (mb - eb).abs() < 1.5, "{ma} {mb} vs {ea} {eb}");
    }

    #[test]
    fn fixed_length_payoffs_match_the_mean_of_matches() {
        let game = Game::new(3.0, 1.0, 0.0, 5.0);
        let (a, b) = (rule(GTFT, 1.0), rule(ZD, 0.0));
        let (turns, noise) = (20, 0.1);
        let (ea, eb) = fixed_length_payoffs(&a, &b, noise, &game, turns).unwrap();
        let spec = MatchSpec::turns(turns).noise(noise);
        let n = 40_000;
        let (mut ta, mut tb) = (0.0, 0.0);
        for seed in 0..n {
            let out = play_match(&mut player(&a), &mut player(&b), &spec, seed);
            ta += out.score;
            tb += out.opponent_score;
        }
        // Totals over 20 turns have standard deviation below 15: standard error below 0.08.
        assert!((ta / n as f64 - ea).abs() < 0.4 && (tb / n as f64 - eb).abs() < 0.4);
    }

    #[test]
    fn deterministic_chains_without_noise_are_exact() {
        // Tit For Tat against Defector, 10 turns: S then nine P; the defector T then nine P.
        let tft = rule([1.0, 0.0, 1.0, 0.0], 1.0);
        let alld = rule([0.0; 4], 0.0);
        let (a, b) = fixed_length_payoffs(&tft, &alld, 0.0, &Game::default(), 10).unwrap();
        assert_eq!((a, b), (9.0, 14.0));
        // Two Tit For Tats without noise stay in CC or DD forever: no unique long run.
        assert_eq!(long_run_payoffs(&tft, &tft, 0.0, &Game::default()), Err(AnalysisError::NotErgodic));
    }

    #[test]
    fn continuation_with_delta_zero_is_the_first_turn() {
        let (a, b) = (rule(ZD, 1.0), rule(GTFT, 0.0));
        let (x, y) = continuation_payoffs(&a, &b, 0.0, &Game::default(), 0.0).unwrap();
        assert_eq!((x, y), (0.0, 5.0));
        assert_eq!(
            continuation_payoffs(&a, &b, 0.0, &Game::default(), 1.0),
            Err(AnalysisError::Continuation(1.0))
        );
        assert!(matches!(
            long_run_payoffs(&a, &b, 1.5, &Game::default()),
            Err(AnalysisError::Probability { .. })
        ));
    }
}
