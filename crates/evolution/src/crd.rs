//! The collective-risk dilemma of Santos & Pacheco (2011) in finite and infinite populations:
//! the gradient of selection, the stationary distribution with mutation, the group achievement
//! and the roots of the replicator equation.

use crate::error::{EvoError, Result};
use crate::finite::{Fitness, LnFactorial, Population, full_chain};
use crate::payoff::{EvoGame, GroupGame};
use crate::replicator::two_strategy_roots;

/// The parameters of one collective-risk analysis.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CrdParams {
    /// Population size Z.
    pub population: usize,
    /// Group size N.
    pub group_size: usize,
    /// Threshold M: cooperators needed in a group to avoid the risk.
    pub threshold: usize,
    /// Probability r of losing what is kept when the threshold is missed.
    pub risk: f64,
    /// Fraction c of the endowment a cooperator gives.
    pub cost: f64,
    /// Endowment b.
    pub endowment: f64,
    /// Intensity of selection β.
    pub beta: f64,
    /// Mutation rate μ.
    pub mutation: f64,
}

/// What [`analyse`] returns.
#[derive(Clone, Debug, PartialEq)]
pub struct CrdResult {
    /// `G(k) = T⁺(k) − T⁻(k)` for `k = 0..=Z` cooperators (mutation included).
    pub gradient: Vec<f64>,
    /// Stationary probability of `k = 0..=Z` cooperators.
    pub stationary: Vec<f64>,
    /// Group achievement η_G: the stationary average probability that a random group reaches
    /// the threshold.
    pub group_achievement: f64,
    /// Interior roots of the replicator equation (fractions of cooperators), ascending.
    pub replicator_roots: Vec<f64>,
}

/// `a_G(k)`: the probability that a group of `n` drawn from `z` with `k` cooperators has at
/// least `m` cooperators, for `k = 0..=z`.
pub fn group_success(z: usize, n: usize, m: usize) -> Vec<f64> {
    let lnf = LnFactorial::new(z);
    (0..=z).map(|k| (m..=n).map(|j| lnf.hypergeometric(z, k, n, j)).sum()).collect()
}

/// Runs the analysis: strategy 0 is Cooperate, 1 is Defect.
pub fn analyse(p: &CrdParams) -> Result<CrdResult> {
    if p.group_size > p.population {
        return Err(EvoError::invalid(
            "group-size",
            format!("got {}; groups cannot be larger than the population {}", p.group_size, p.population),
        ));
    }
    if !(p.endowment.is_finite() && p.endowment > 0.0) {
        return Err(EvoError::invalid("endowment", format!("got {}; it must be positive", p.endowment)));
    }
    let group = GroupGame::collective_risk(p.group_size, p.threshold, p.risk, p.cost, p.endowment)?;
    let roots = two_strategy_roots(&group);
    let game = EvoGame::Group(group);
    let fitness = Fitness::new(&game, Population::new(p.population, p.beta))?;
    let gradient = fitness.gradient(0, 1, p.mutation);
    let chain = full_chain(&fitness, p.mutation)?;
    let z = p.population;
    let mut stationary = vec![0.0; z + 1];
    for (state, &q) in chain.states.iter().zip(&chain.stationary) {
        stationary[state[0] as usize] = q;
    }
    let success = group_success(z, p.group_size, p.threshold);
    let group_achievement = stationary.iter().zip(&success).map(|(a, b)| a * b).sum();
    Ok(CrdResult { gradient, stationary, group_achievement, replicator_roots: roots })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn choose(n: usize, k: usize) -> f64 {
        if k > n {
            return 0.0;
        }
        (0..k).fold(1.0, |acc, t| acc * (n - t) as f64 / (t + 1) as f64)
    }

    /// Santos & Pacheco (2011): with b = 1 the cooperator's disadvantage in an infinite
    /// population is `−c + r·C(N−1, M−1) x^{M−1}(1−x)^{N−M}`: a cooperator matters only when
    /// it is pivotal.
    fn pivotal(x: f64, n: usize, m: usize, r: f64, c: f64) -> f64 {
        -c + r * choose(n - 1, m - 1) * x.powi(m as i32 - 1) * (1.0 - x).powi((n - m) as i32)
    }

    fn bisect(f: impl Fn(f64) -> f64, mut a: f64, mut b: f64) -> f64 {
        for _ in 0..200 {
            let mid = 0.5 * (a + b);
            if (f(a) < 0.0) == (f(mid) < 0.0) { a = mid } else { b = mid }
        }
        0.5 * (a + b)
    }

    #[test]
    fn replicator_roots_match_the_pivotal_closed_form() {
        for m in [3, 6] {
            for r in [0.2, 0.5, 0.9] {
                let g = GroupGame::collective_risk(6, m, r, 0.1, 1.0).unwrap();
                let roots = two_strategy_roots(&g);
                // Independent roots: sign changes of the closed form on a fine grid.
                let f = |x: f64| pivotal(x, 6, m, r, 0.1);
                let grid: Vec<f64> = (0..=4000).map(|t| t as f64 / 4000.0).collect();
                let want: Vec<f64> = grid
                    .windows(2)
                    .filter(|w| (f(w[0]) < 0.0) != (f(w[1]) < 0.0))
                    .map(|w| bisect(f, w[0], w[1]))
                    .collect();
                assert_eq!(roots.len(), want.len(), "M={m} r={r}: {roots:?} vs {want:?}");
                for (a, b) in roots.iter().zip(&want) {
                    assert!((a - b).abs() < 1e-10, "M={m} r={r}: {a} vs {b}");
                }
                if m == 6 {
                    assert!((roots[0] - (0.1f64 / r).powf(0.2)).abs() < 1e-10);
                }
            }
        }
        // The coordination point exists at M = 3 only once the risk is high enough.
        assert!(two_strategy_roots(&GroupGame::collective_risk(6, 3, 0.2, 0.1, 1.0).unwrap()).is_empty());
    }

    #[test]
    fn finite_population_gradient_matches_closed_form() {
        let (z, n, beta) = (50usize, 6usize, 5.0);
        for m in [3, 6] {
            for r in [0.2, 0.5, 0.9] {
                let res = analyse(&CrdParams {
                    population: z,
                    group_size: n,
                    threshold: m,
                    risk: r,
                    cost: 0.1,
                    endowment: 1.0,
                    beta,
                    mutation: 0.0_f64.max(1e-300),
                })
                .unwrap();
                let all = choose(z - 1, n - 1);
                for k in 1..z {
                    // Co-players of a cooperator hold k − 1 cooperators, a defector's hold k.
                    let below = |good: usize, limit: usize| -> f64 {
                        (0..limit.min(n))
                            .map(|j| choose(good, j) * choose(z - 1 - good, n - 1 - j))
                            .sum::<f64>()
                            / all
                    };
                    let delta = -0.1 - r * below(k - 1, m - 1) + r * below(k, m);
                    let (kf, zf) = (k as f64, z as f64);
                    let want = kf / zf * (zf - kf) / (zf - 1.0) * (beta * delta / 2.0).tanh();
                    assert!(
                        (res.gradient[k] - want).abs() < 1e-12,
                        "M={m} r={r} k={k}: {} vs {want}",
                        res.gradient[k]
                    );
                }
            }
        }
    }

    #[test]
    fn higher_risk_raises_group_achievement() {
        let eta = |r: f64| {
            analyse(&CrdParams {
                population: 50,
                group_size: 6,
                threshold: 3,
                risk: r,
                cost: 0.1,
                endowment: 1.0,
                beta: 5.0,
                mutation: 0.01,
            })
            .unwrap()
            .group_achievement
        };
        let (low, mid, high) = (eta(0.2), eta(0.5), eta(0.9));
        assert!(low < mid && mid < high, "{low} {mid} {high}");
        assert!(high > 0.5 && low < 0.2, "{low} {high}");
    }
}
