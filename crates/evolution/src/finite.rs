//! Finite well-mixed populations: pairwise comparison (Fermi) and Moran birth–death processes,
//! exact fixation probabilities in log space, the gradient of selection, the small-mutation
//! stationary distribution and the full Markov chain with mutation.
//!
//! Conventions (documented once, used everywhere):
//! - A population of `Z` individuals; without self-interaction (the default) an individual's
//!   co-players are drawn from the other `Z − 1` (hypergeometrically for groups); with
//!   self-interaction they are drawn from all `Z`, the focal individual included.
//! - Fermi rule: a learner of strategy `i`, chosen with probability `n_i / Z`, meets a model of
//!   strategy `j`, chosen with probability `n_j / (Z − 1)`, and copies it with probability
//!   `1 / (1 + exp(−β (f_j − f_i)))`. With two strategies this gives the prefactor
//!   `(k / Z)((Z − k)/(Z − 1))`.
//! - Moran birth–death: fitness is `1 − β + β·payoff` (β is the intensity of selection in
//!   [0, 1] and fitness must stay positive); a parent is chosen proportionally to fitness and
//!   its offspring replaces an individual chosen uniformly.
//! - Mutation with probability `μ` per update: the learner (or the replaced individual) takes
//!   one of the other `S − 1` strategies uniformly, so each transition gains `μ (n_i/Z)/(S − 1)`.

use crate::error::{EvoError, Result};
use crate::gth::{BandedMatrix, ln_stationary_dense, stationary_banded};
use crate::payoff::{EvoGame, compositions};
use std::collections::HashMap;

/// The update rule of a finite population.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Rule {
    /// Pairwise comparison with the Fermi function.
    #[default]
    Fermi,
    /// Moran birth–death with linear fitness `1 − β + β·payoff`.
    Moran,
}

/// A finite well-mixed population: its size, the intensity of selection and the conventions.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Population {
    /// Number of individuals `Z`.
    pub size: usize,
    /// Intensity of selection β.
    pub beta: f64,
    /// Update rule.
    pub rule: Rule,
    /// Whether an individual may interact with itself.
    pub self_interaction: bool,
}

impl Population {
    /// A Fermi population of `size` with intensity `beta`, no self-interaction.
    pub fn new(size: usize, beta: f64) -> Population {
        Population { size, beta, rule: Rule::Fermi, self_interaction: false }
    }

    /// Sets the update rule.
    pub fn rule(mut self, rule: Rule) -> Population {
        self.rule = rule;
        self
    }

    /// Sets self-interaction.
    pub fn self_interaction(mut self, on: bool) -> Population {
        self.self_interaction = on;
        self
    }

    /// Checks the settings against a game.
    pub fn validate(&self, game: &EvoGame) -> Result<()> {
        let n = game.group_size();
        let min = if self.self_interaction { 2 } else { n.max(2) };
        if self.size < min {
            return Err(EvoError::invalid(
                "population",
                format!("got {}; it must be at least {min} for groups of {n}", self.size),
            ));
        }
        if !(self.beta.is_finite() && self.beta >= 0.0) {
            return Err(EvoError::invalid(
                "beta",
                format!("got {}; it must be a finite number ≥ 0", self.beta),
            ));
        }
        if self.rule == Rule::Moran {
            if self.beta > 1.0 {
                return Err(EvoError::invalid(
                    "beta",
                    format!(
                        "got {}; under the Moran rule β is the intensity of selection in [0, 1]",
                        self.beta
                    ),
                ));
            }
            let min_fitness = 1.0 - self.beta + self.beta * game.min_payoff();
            if min_fitness <= 0.0 {
                return Err(EvoError::invalid(
                    "beta",
                    format!(
                        "with β = {} the Moran fitness 1 − β + β·payoff reaches {min_fitness} ≤ 0; lower β or shift the payoffs",
                        self.beta
                    ),
                ));
            }
        }
        Ok(())
    }
}

/// `ln k!` for k up to a bound, for hypergeometric weights.
#[derive(Clone, Debug)]
pub(crate) struct LnFactorial(Vec<f64>);

impl LnFactorial {
    pub(crate) fn new(max: usize) -> LnFactorial {
        let mut t = vec![0.0; max + 1];
        for k in 1..=max {
            t[k] = t[k - 1] + (k as f64).ln();
        }
        LnFactorial(t)
    }

    #[inline]
    pub(crate) fn ln_choose(&self, n: usize, k: usize) -> f64 {
        if k > n { f64::NEG_INFINITY } else { self.0[n] - self.0[k] - self.0[n - k] }
    }

    /// P(m successes in `draws` draws without replacement from `total` holding `good`).
    #[inline]
    pub(crate) fn hypergeometric(&self, total: usize, good: usize, draws: usize, m: usize) -> f64 {
        if m > good || draws - m > total - good {
            return 0.0;
        }
        (self.ln_choose(good, m) + self.ln_choose(total - good, draws - m) - self.ln_choose(total, draws))
            .exp()
    }
}

/// The probability that a learner with fitness `f_learner` copies a model with `f_model`.
#[inline]
pub fn fermi(beta: f64, f_model: f64, f_learner: f64) -> f64 {
    let x = beta * (f_model - f_learner);
    if x >= 0.0 {
        1.0 / (1.0 + (-x).exp())
    } else {
        let e = x.exp();
        e / (1.0 + e)
    }
}

/// Fitness evaluation for one (game, population) pair, with its tables built once.
#[derive(Clone, Debug)]
pub struct Fitness<'a> {
    game: &'a EvoGame,
    pop: Population,
    lnf: LnFactorial,
    /// For group games: the compositions of the `N − 1` co-players and, per strategy, the
    /// payoff of the focal player with each of them.
    others: Vec<Vec<u32>>,
    focal_payoff: Vec<Vec<f64>>,
}

impl<'a> Fitness<'a> {
    /// Validates `pop` against `game` and builds the tables.
    pub fn new(game: &'a EvoGame, pop: Population) -> Result<Fitness<'a>> {
        pop.validate(game)?;
        // Hypergeometric weights are needed by group games only.
        let lnf = LnFactorial::new(if matches!(game, EvoGame::Group(_)) { pop.size + 1 } else { 0 });
        let (mut others, mut focal_payoff) = (Vec::new(), Vec::new());
        if let EvoGame::Group(g) = game {
            let s = g.n_strategies();
            others = compositions(g.group_size() - 1, s);
            focal_payoff = (0..s)
                .map(|i| {
                    others
                        .iter()
                        .map(|m| {
                            let mut c = m.clone();
                            c[i] += 1;
                            g.payoff(&c, i)
                        })
                        .collect()
                })
                .collect();
        }
        Ok(Fitness { game, pop, lnf, others, focal_payoff })
    }

    /// The population settings.
    pub fn population(&self) -> Population {
        self.pop
    }

    /// The game.
    pub fn game(&self) -> &EvoGame {
        self.game
    }

    /// Expected payoffs of `i` and `j` when `k` individuals play `i` and `Z − k` play `j`.
    pub fn pair(&self, i: usize, j: usize, k: usize) -> (f64, f64) {
        let z = self.pop.size;
        let si = self.pop.self_interaction;
        match self.game {
            EvoGame::Matrix(m) => {
                let (aii, aij, aji, ajj) = (m.get(i, i), m.get(i, j), m.get(j, i), m.get(j, j));
                let (k, zf) = (k as f64, z as f64);
                if si {
                    ((k * aii + (zf - k) * aij) / zf, (k * aji + (zf - k) * ajj) / zf)
                } else {
                    let d = zf - 1.0;
                    (((k - 1.0) * aii + (zf - k) * aij) / d, (k * aji + (zf - k - 1.0) * ajj) / d)
                }
            }
            EvoGame::Group(g) => {
                let n = g.group_size();
                // Co-players of the i-focal: drawn from Z − 1 (k − 1 of them play i), or from Z.
                let (total, good_i, good_j) = if si { (z, k, k) } else { (z - 1, k.saturating_sub(1), k) };
                let mut fi = 0.0;
                let mut fj = 0.0;
                for m in 0..n {
                    // m co-players play i.
                    if k > 0 {
                        let h = self.lnf.hypergeometric(total, good_i, n - 1, m);
                        if h > 0.0 {
                            fi += h * g.pair_payoff(i, j, m + 1);
                        }
                    }
                    if k < z {
                        let h = self.lnf.hypergeometric(total, good_j, n - 1, m);
                        if h > 0.0 {
                            fj += h * g.pair_payoff(j, i, n - m);
                        }
                    }
                }
                (fi, fj)
            }
        }
    }

    /// Expected payoff of every strategy present in the population state `counts` (NaN for
    /// absent strategies), written into `out`.
    pub fn state(&self, counts: &[u32], out: &mut [f64]) {
        let z = self.pop.size;
        let si = self.pop.self_interaction;
        match self.game {
            EvoGame::Matrix(m) => {
                let s = m.n();
                for i in 0..s {
                    if counts[i] == 0 {
                        out[i] = f64::NAN;
                        continue;
                    }
                    let mut f: f64 = (0..s).map(|j| counts[j] as f64 * m.get(i, j)).sum();
                    if si {
                        f /= z as f64;
                    } else {
                        f = (f - m.get(i, i)) / (z - 1) as f64;
                    }
                    out[i] = f;
                }
            }
            EvoGame::Group(g) => {
                let s = g.n_strategies();
                let n = g.group_size();
                let mut pool: Vec<usize> = counts.iter().map(|&c| c as usize).collect();
                for i in 0..s {
                    if counts[i] == 0 {
                        out[i] = f64::NAN;
                        continue;
                    }
                    let total = if si { z } else { z - 1 };
                    if !si {
                        pool[i] -= 1;
                    }
                    let ln_all = self.lnf.ln_choose(total, n - 1);
                    let mut f = 0.0;
                    for (r, m) in self.others.iter().enumerate() {
                        let mut ln_w = -ln_all;
                        let mut possible = true;
                        for t in 0..s {
                            let mt = m[t] as usize;
                            if mt > pool[t] {
                                possible = false;
                                break;
                            }
                            ln_w += self.lnf.ln_choose(pool[t], mt);
                        }
                        if possible {
                            f += ln_w.exp() * self.focal_payoff[i][r];
                        }
                    }
                    if !si {
                        pool[i] += 1;
                    }
                    out[i] = f;
                }
            }
        }
    }

    /// `ln(T⁻(k) / T⁺(k))` for `k` invaders of strategy `i` among residents `j`.
    #[inline]
    fn ln_ratio(&self, i: usize, j: usize, k: usize) -> f64 {
        let (fi, fj) = self.pair(i, j, k);
        match self.pop.rule {
            // The Fermi prefactors cancel and the two Fermi terms differ by exactly exp(−βΔ).
            Rule::Fermi => -self.pop.beta * (fi - fj),
            Rule::Moran => {
                let b = self.pop.beta;
                ((1.0 - b + b * fj) / (1.0 - b + b * fi)).ln()
            }
        }
    }

    /// Writes `ln(T⁻(k)/T⁺(k))` for `k = 1..Z` into `out`. Matrix games under the Fermi rule
    /// take a closed form (the fitness difference is linear in k); everything else goes
    /// through [`Fitness::pair`].
    fn ln_ratios(&self, i: usize, j: usize, out: &mut Vec<f64>) {
        let z = self.pop.size;
        out.clear();
        match (self.game, self.pop.rule) {
            (EvoGame::Matrix(m), Rule::Fermi) => {
                let (a, b, c, d) = (m.get(i, i), m.get(i, j), m.get(j, i), m.get(j, j));
                let zf = z as f64;
                // f_i − f_j = slope·k + intercept.
                let (slope, intercept) = if self.pop.self_interaction {
                    ((a - b - c + d) / zf, (b - d))
                } else {
                    ((a - b - c + d) / (zf - 1.0), (zf * (b - d) + d - a) / (zf - 1.0))
                };
                let beta = self.pop.beta;
                out.extend((1..z).map(|k| -beta * (slope * k as f64 + intercept)));
            }
            _ => out.extend((1..z).map(|k| self.ln_ratio(i, j, k))),
        }
    }

    /// Natural log of the probability that a single `invader` takes over a population of
    /// `resident`s: `−ln Σ_{m=0}^{Z−1} exp(Σ_{k=1}^{m} ln(T⁻(k)/T⁺(k)))`. The partial sums
    /// are formed first and the sum is taken relative to their maximum, so nothing underflows
    /// however small the probability; terms more than 60 below the maximum (each under
    /// 1e−26 of it, at most Z of them) are skipped.
    pub fn ln_fixation(&self, invader: usize, resident: usize) -> f64 {
        let z = self.pop.size;
        if invader == resident {
            return -(z as f64).ln();
        }
        let mut partial = Vec::with_capacity(z);
        self.ln_ratios(invader, resident, &mut partial);
        // Prefix sums in place: partial[m − 1] becomes S_m.
        let mut run = 0.0;
        let mut max: f64 = 0.0; // S_0 = 0
        for x in partial.iter_mut() {
            run += *x;
            *x = run;
            max = max.max(run);
        }
        let floor = max - 60.0;
        let mut acc = if floor < 0.0 { (-max).exp() } else { 0.0 };
        for &s in &partial {
            if s > floor {
                acc += (s - max).exp();
            }
        }
        -(max + acc.ln())
    }

    /// Transition probabilities `(T⁺(k), T⁻(k))` of the number `k` of `i` among `i` and `j`,
    /// with mutation `mu` between the two.
    pub fn pair_transitions(&self, i: usize, j: usize, k: usize, mu: f64) -> (f64, f64) {
        let z = self.pop.size;
        if k == 0 || k == z {
            let up = if k == 0 { mu } else { 0.0 };
            let down = if k == z { mu } else { 0.0 };
            return (up, down);
        }
        let (fi, fj) = self.pair(i, j, k);
        let (kf, zf) = (k as f64, z as f64);
        let (sel_up, sel_down) = match self.pop.rule {
            Rule::Fermi => {
                let pre = kf / zf * (zf - kf) / (zf - 1.0);
                (pre * fermi(self.pop.beta, fi, fj), pre * fermi(self.pop.beta, fj, fi))
            }
            Rule::Moran => {
                let b = self.pop.beta;
                let (phi_i, phi_j) = (1.0 - b + b * fi, 1.0 - b + b * fj);
                let mean = kf * phi_i + (zf - kf) * phi_j;
                (kf * phi_i / mean * (zf - kf) / zf, (zf - kf) * phi_j / mean * kf / zf)
            }
        };
        ((1.0 - mu) * sel_up + mu * (zf - kf) / zf, (1.0 - mu) * sel_down + mu * kf / zf)
    }

    /// The gradient of selection `G(k) = T⁺(k) − T⁻(k)` for `k = 0..=Z` individuals of `i`
    /// among `j`, with mutation `mu`.
    pub fn gradient(&self, i: usize, j: usize, mu: f64) -> Vec<f64> {
        (0..=self.pop.size)
            .map(|k| {
                let (up, down) = self.pair_transitions(i, j, k, mu);
                up - down
            })
            .collect()
    }
}

/// The result of the small-mutation limit: fixation probabilities and the stationary
/// distribution over the homogeneous states.
#[derive(Clone, Debug, PartialEq)]
pub struct SmallMutation {
    /// `fixation[i][j]`: probability that one `i` fixes among `j` residents (NaN for i = j).
    pub fixation: Vec<Vec<f64>>,
    /// `ln_fixation[i][j]`, exact far below the smallest f64.
    pub ln_fixation: Vec<Vec<f64>>,
    /// Stationary probability of each homogeneous state.
    pub stationary: Vec<f64>,
}

/// Small-mutation limit: the chain over homogeneous states whose transition from `j` to `i`
/// is `ρ(i invades j) / (S − 1)`, solved exactly by GTH on the logarithms of the fixation
/// probabilities, so chains whose fixation probabilities underflow f64 are still solved.
pub fn small_mutation(fitness: &Fitness<'_>) -> Result<SmallMutation> {
    let s = fitness.game().n_strategies();
    let mut ln = vec![vec![f64::NAN; s]; s];
    for (i, row) in ln.iter_mut().enumerate() {
        for (j, x) in row.iter_mut().enumerate() {
            if i != j {
                *x = fitness.ln_fixation(i, j);
            }
        }
    }
    let fixation: Vec<Vec<f64>> = ln
        .iter()
        .enumerate()
        .map(|(i, r)| r.iter().enumerate().map(|(j, &x)| if i == j { f64::NAN } else { x.exp() }).collect())
        .collect();
    let stationary = if s == 1 {
        vec![1.0]
    } else {
        // The common factor 1/(S − 1) cancels; GTH runs on the logarithms so that rates
        // spanning more than the f64 range still give the exact distribution.
        let ln_p: Vec<Vec<f64>> = (0..s)
            .map(|from| (0..s).map(|to| if from == to { f64::NEG_INFINITY } else { ln[to][from] }).collect())
            .collect();
        ln_stationary_dense(&ln_p)?.into_iter().map(f64::exp).collect()
    };
    Ok(SmallMutation { fixation, ln_fixation: ln, stationary })
}

/// The full Markov chain over every population state with mutation, and its stationary
/// distribution.
#[derive(Clone, Debug, PartialEq)]
pub struct FullChain {
    /// The states: the count of each strategy, in the order of [`compositions`].
    pub states: Vec<Vec<u32>>,
    /// Stationary probability of each state.
    pub stationary: Vec<f64>,
    /// Mean share of each strategy under the stationary distribution.
    pub abundance: Vec<f64>,
}

/// One transition of a chain: `(from, to, probability)`.
pub type Transition = (usize, usize, f64);

/// Every state transition `(from, to, probability)` of the full chain with mutation `mu`.
pub fn full_chain_transitions(fitness: &Fitness<'_>, mu: f64) -> Result<(Vec<Vec<u32>>, Vec<Transition>)> {
    if !(0.0..=1.0).contains(&mu) {
        return Err(EvoError::invalid(
            "mutation",
            format!("got {mu}; a mutation rate is a probability in [0, 1]"),
        ));
    }
    let s = fitness.game().n_strategies();
    let pop = fitness.population();
    let z = pop.size;
    let states = compositions(z, s);
    let index: HashMap<&[u32], usize> = states.iter().enumerate().map(|(r, c)| (c.as_slice(), r)).collect();
    let mut out = Vec::with_capacity(states.len() * s * (s - 1));
    let mut f = vec![0.0; s];
    let mut next = vec![0u32; s];
    let zf = z as f64;
    let mut_each = if s > 1 { mu / (s - 1) as f64 } else { 0.0 };
    for (from, n) in states.iter().enumerate() {
        fitness.state(n, &mut f);
        let b = pop.beta;
        let mean_phi: f64 = match pop.rule {
            Rule::Moran => (0..s).filter(|&t| n[t] > 0).map(|t| n[t] as f64 * (1.0 - b + b * f[t])).sum(),
            Rule::Fermi => 0.0,
        };
        for i in 0..s {
            if n[i] == 0 {
                continue;
            }
            let p_learner = n[i] as f64 / zf;
            for j in 0..s {
                if j == i {
                    continue;
                }
                let sel = if n[j] == 0 {
                    0.0
                } else {
                    match pop.rule {
                        Rule::Fermi => p_learner * n[j] as f64 / (zf - 1.0) * fermi(b, f[j], f[i]),
                        Rule::Moran => n[j] as f64 * (1.0 - b + b * f[j]) / mean_phi * p_learner,
                    }
                };
                let p = (1.0 - mu) * sel + mut_each * p_learner;
                if p > 0.0 {
                    next.copy_from_slice(n);
                    next[i] -= 1;
                    next[j] += 1;
                    out.push((from, index[next.as_slice()], p));
                }
            }
        }
    }
    Ok((states, out))
}

/// The stationary distribution of the full chain with mutation `mu` (`0 < μ ≤ 1`), by banded
/// GTH elimination over the states in [`compositions`] order.
pub fn full_chain(fitness: &Fitness<'_>, mu: f64) -> Result<FullChain> {
    if !(mu > 0.0 && mu <= 1.0) {
        return Err(EvoError::invalid(
            "mutation",
            format!(
                "got {mu}; the full chain needs a mutation rate in (0, 1] (use the small-mutation limit for μ → 0)"
            ),
        ));
    }
    let (states, transitions) = full_chain_transitions(fitness, mu)?;
    let width = transitions.iter().map(|&(a, b, _)| a.abs_diff(b)).max().unwrap_or(0);
    let mut m = BandedMatrix::zeros(states.len(), width);
    for &(a, b, p) in &transitions {
        m.add(a, b, p);
    }
    let stationary = stationary_banded(m)?;
    let s = fitness.game().n_strategies();
    let z = fitness.population().size as f64;
    let mut abundance = vec![0.0; s];
    for (n, &p) in states.iter().zip(&stationary) {
        for t in 0..s {
            abundance[t] += p * n[t] as f64 / z;
        }
    }
    Ok(FullChain { states, stationary, abundance })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gth::stationary_dense;
    use crate::payoff::{GroupGame, PayoffMatrix};

    fn log_sum_exp(xs: impl Iterator<Item = f64>) -> f64 {
        let v: Vec<f64> = xs.collect();
        let m = v.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        m + v.iter().map(|x| (x - m).exp()).sum::<f64>().ln()
    }

    /// Traulsen, Nowak & Pacheco (2006): under the Fermi rule the fitness difference is
    /// linear in k, `u k + v`, so `1/ρ = Σ_{i=0}^{Z−1} exp(−β (u i(i+1)/2 + v i))`.
    fn tnp_ln_rho(m: &[[f64; 2]; 2], z: usize, beta: f64) -> f64 {
        let (a, b, c, d) = (m[0][0], m[0][1], m[1][0], m[1][1]);
        let zf = z as f64;
        let u = (a - b - c + d) / (zf - 1.0);
        let v = (-a + zf * b - zf * d + d) / (zf - 1.0);
        -log_sum_exp((0..z).map(|i| {
            let i = i as f64;
            -beta * (u * i * (i + 1.0) / 2.0 + v * i)
        }))
    }

    #[test]
    fn fixation_matches_traulsen_nowak_pacheco_closed_form() {
        let games = [
            ("prisoner's dilemma", [[3.0, 0.0], [5.0, 1.0]]),
            ("stag hunt", [[4.0, 0.0], [3.0, 3.0]]),
            ("hawk-dove", [[-0.5, 2.0], [0.0, 1.0]]),
        ];
        for (name, m) in games {
            let game: EvoGame = PayoffMatrix::new(m.iter().map(|r| r.to_vec()).collect()).unwrap().into();
            let swapped = [[m[1][1], m[1][0]], [m[0][1], m[0][0]]];
            for z in [10, 50, 100] {
                for beta in [0.01, 1.0, 10.0] {
                    let f = Fitness::new(&game, Population::new(z, beta)).unwrap();
                    for (inv, res, mm) in [(0, 1, &m), (1, 0, &swapped)] {
                        let got = f.ln_fixation(inv, res);
                        let want = tnp_ln_rho(mm, z, beta);
                        assert!(
                            (got - want).abs() <= 1e-10 * want.abs(),
                            "{name} Z={z} β={beta} {inv}→{res}: {got} vs {want}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn neutral_pairs_fix_with_one_over_z() {
        let game: EvoGame = PayoffMatrix::parse("1,1;1,1").unwrap().into();
        for rule in [Rule::Fermi, Rule::Moran] {
            for z in [10, 57, 1000] {
                let f = Fitness::new(&game, Population::new(z, 0.7).rule(rule)).unwrap();
                let rho = f.ln_fixation(0, 1).exp();
                assert!((rho * z as f64 - 1.0).abs() < 1e-12, "{rule:?} Z={z}: {rho}");
            }
        }
        let pd: EvoGame = PayoffMatrix::parse("3,0;5,1").unwrap().into();
        let f = Fitness::new(&pd, Population::new(40, 0.0)).unwrap();
        assert!((f.ln_fixation(0, 1).exp() * 40.0 - 1.0).abs() < 1e-12);
    }

    #[test]
    fn moran_constant_fitness_matches_classic_formula() {
        // Invaders always earn r, residents always 1: ρ = (1 − 1/r) / (1 − r^−Z).
        let r: f64 = 1.5;
        let game: EvoGame = PayoffMatrix::new(vec![vec![r, r], vec![1.0, 1.0]]).unwrap().into();
        for z in [5, 20, 100] {
            let f = Fitness::new(&game, Population::new(z, 1.0).rule(Rule::Moran)).unwrap();
            let want = (1.0 - 1.0 / r) / (1.0 - r.powi(-(z as i32)));
            let got = f.ln_fixation(0, 1).exp();
            assert!((got - want).abs() < 1e-13, "Z={z}: {got} vs {want}");
        }
    }

    #[test]
    fn fixation_stays_exact_far_below_the_smallest_double() {
        let pd: EvoGame = PayoffMatrix::parse("3,0;5,1").unwrap().into();
        let f = Fitness::new(&pd, Population::new(1000, 10.0)).unwrap();
        let got = f.ln_fixation(0, 1);
        let want = tnp_ln_rho(&[[3.0, 0.0], [5.0, 1.0]], 1000, 10.0);
        assert!(got < -10_000.0, "{got}");
        assert!((got - want).abs() <= 1e-10 * want.abs());
    }

    #[test]
    fn two_player_group_game_equals_matrix_game() {
        let m = PayoffMatrix::parse("4,0,1;3,3,2;1,5,0").unwrap();
        let g = GroupGame::from_fn(3, 2, |c, s| {
            let other = (0..3).find(|&t| c[t] as usize > usize::from(t == s)).unwrap();
            m.get(s, other)
        })
        .unwrap();
        let (gm, gg): (EvoGame, EvoGame) = (m.into(), g.into());
        for si in [false, true] {
            let pop = Population::new(25, 0.3).self_interaction(si);
            let (fm, fg) = (Fitness::new(&gm, pop).unwrap(), Fitness::new(&gg, pop).unwrap());
            for (i, j) in [(0, 1), (2, 0), (1, 2)] {
                for k in 1..25 {
                    let (a, b) = (fm.pair(i, j, k), fg.pair(i, j, k));
                    assert!((a.0 - b.0).abs() < 1e-12 && (a.1 - b.1).abs() < 1e-12, "{si} {i}{j} k={k}");
                }
                assert!((fm.ln_fixation(i, j) - fg.ln_fixation(i, j)).abs() < 1e-11);
            }
            let (mut a, mut b) = ([0.0; 3], [0.0; 3]);
            fm.state(&[10, 7, 8], &mut a);
            fg.state(&[10, 7, 8], &mut b);
            for t in 0..3 {
                assert!((a[t] - b[t]).abs() < 1e-12);
            }
        }
    }

    /// A two-strategy chain is a birth–death chain: `π(k+1)/π(k) = T⁺(k)/T⁻(k+1)`.
    fn birth_death_ln_stationary(f: &Fitness<'_>, mu: f64) -> Vec<f64> {
        let z = f.population().size;
        let mut ln = vec![0.0; z + 1];
        for k in 0..z {
            let up = f.pair_transitions(0, 1, k, mu).0;
            let down = f.pair_transitions(0, 1, k + 1, mu).1;
            ln[k + 1] = ln[k] + up.ln() - down.ln();
        }
        let norm = log_sum_exp(ln.iter().copied());
        ln.iter().map(|x| x - norm).collect()
    }

    #[test]
    fn full_chain_is_exact_on_a_metastable_birth_death_chain() {
        // A coordination game at strong selection: the two homogeneous states hold almost all
        // the mass and the states between them carry probabilities around 1e−150.
        let game: EvoGame = PayoffMatrix::parse("5,0;3,3").unwrap().into();
        let f = Fitness::new(&game, Population::new(100, 5.0)).unwrap();
        let mu = 1e-4;
        let chain = full_chain(&f, mu).unwrap();
        let want = birth_death_ln_stationary(&f, mu);
        // States are listed with the count of strategy 0 decreasing.
        let mut smallest: f64 = 0.0;
        for (state, &p) in chain.states.iter().zip(&chain.stationary) {
            let k = state[0] as usize;
            smallest = smallest.min(want[k]);
            assert!(
                (p.ln() - want[k]).abs() < 1e-9 * want[k].abs().max(1.0),
                "k={k}: {} vs {}",
                p.ln(),
                want[k]
            );
        }
        assert!(smallest < -100.0, "the case should be metastable: {smallest}");
    }

    #[test]
    fn banded_full_chain_matches_dense_gth() {
        let game: EvoGame = PayoffMatrix::parse("3,0,3;5,1,1;3,1,3").unwrap().into();
        let f = Fitness::new(&game, Population::new(12, 1.0)).unwrap();
        let chain = full_chain(&f, 0.01).unwrap();
        let (states, tr) = full_chain_transitions(&f, 0.01).unwrap();
        let n = states.len();
        let mut dense = vec![vec![0.0; n]; n];
        for (a, b, p) in tr {
            dense[a][b] += p;
        }
        let want = stationary_dense(&dense).unwrap();
        for (x, y) in chain.stationary.iter().zip(&want) {
            assert!((x - y).abs() <= 1e-12 * y, "{x} vs {y}");
        }
        let total: f64 = chain.abundance.iter().sum();
        assert!((total - 1.0).abs() < 1e-12);
    }

    #[test]
    fn full_chain_tends_to_the_small_mutation_limit() {
        let game: EvoGame = PayoffMatrix::parse("3,0,3;5,1,1;3,1,3").unwrap().into();
        let f = Fitness::new(&game, Population::new(20, 1.0)).unwrap();
        let sml = small_mutation(&f).unwrap();
        let chain = full_chain(&f, 1e-7).unwrap();
        for s in 0..3 {
            let mut corner = vec![0u32; 3];
            corner[s] = 20;
            let r = chain.states.iter().position(|c| *c == corner).unwrap();
            let (p, q) = (chain.stationary[r], sml.stationary[s]);
            assert!((p - q).abs() < 1e-4, "strategy {s}: full {p} vs small-mutation {q}");
        }
    }

    #[test]
    fn small_mutation_is_solved_when_every_fixation_underflows() {
        // Every invasion is hugely unlikely, yet the stationary distribution is well defined.
        let game: EvoGame = PayoffMatrix::parse("5,0,0;0,4,0;0,0,3").unwrap().into();
        let f = Fitness::new(&game, Population::new(500, 10.0)).unwrap();
        let sml = small_mutation(&f).unwrap();
        assert!(sml.fixation[1][0] == 0.0 && sml.ln_fixation[1][0] < -1000.0);
        assert!(sml.stationary.iter().all(|p| p.is_finite()));
        assert!(sml.stationary[0] > 0.99, "{:?}", sml.stationary);
        let total: f64 = sml.stationary.iter().sum();
        assert!((total - 1.0).abs() < 1e-12);
    }

    #[test]
    fn lone_mutant_fitness_in_a_three_strategy_group_game() {
        // Weights come from ln k! tables, good to about 1e−13, hence the 1e−12 bands.
        // A 3-strategy, 6-player contribution game; a lone strategy-0 mutant among 98 of
        // strategy 1 and one of strategy 2. Its 5 co-players come from the other 99: the one
        // strategy-2 individual is among them with probability 5/99.
        let pay = |c: &[u32], s: usize| {
            let give = |t: usize| 0.05 * (2 - t) as f64;
            let total: f64 = (0..3).map(|t| c[t] as f64 * give(t)).sum();
            let kept = 1.0 - give(s);
            if total + 1e-12 >= 0.3 { kept } else { kept * 0.1 }
        };
        let g: EvoGame = GroupGame::from_fn(3, 6, pay).unwrap().into();
        let f = Fitness::new(&g, Population::new(100, 1.0)).unwrap();
        let mut out = [0.0; 3];
        f.state(&[1, 98, 1], &mut out);
        let want0 = 94.0 / 99.0 * pay(&[1, 5, 0], 0) + 5.0 / 99.0 * pay(&[1, 4, 1], 0);
        assert!((out[0] - want0).abs() < 1e-12, "{} vs {want0}", out[0]);
        // The lone strategy-2 individual: the strategy-0 one is among its co-players w.p. 5/99.
        let want2 = 94.0 / 99.0 * pay(&[0, 5, 1], 2) + 5.0 / 99.0 * pay(&[1, 4, 1], 2);
        assert!((out[2] - want2).abs() < 1e-12, "{} vs {want2}", out[2]);
        // A strategy-1 individual meets the two mutants as a hypergeometric draw of 5 from 99.
        let h = |m0: u32, m2: u32| {
            let c = |n: f64, k: u32| (0..k).fold(1.0, |a, t| a * (n - t as f64) / (t + 1) as f64);
            c(1.0, m0) * c(1.0, m2) * c(97.0, 5 - m0 - m2) / c(99.0, 5)
        };
        let mut want1 = 0.0;
        for m0 in 0..=1 {
            for m2 in 0..=1 {
                want1 += h(m0, m2) * pay(&[m0, 6 - m0 - m2, m2], 1);
            }
        }
        assert!((out[1] - want1).abs() < 1e-12, "{} vs {want1}", out[1]);
    }

    #[test]
    fn validation_names_the_field() {
        let game: EvoGame = PayoffMatrix::parse("3,0;5,1").unwrap().into();
        let err = Fitness::new(&game, Population::new(1, 1.0)).unwrap_err().to_string();
        assert!(err.starts_with("population: got 1"), "{err}");
        let err = Fitness::new(&game, Population::new(10, -1.0)).unwrap_err().to_string();
        assert!(err.starts_with("beta"), "{err}");
        let f = Fitness::new(&game, Population::new(10, 1.0)).unwrap();
        assert!(full_chain(&f, 0.0).unwrap_err().to_string().starts_with("mutation"));
    }
}
