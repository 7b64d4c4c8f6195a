//! Monte-Carlo simulation of the finite well-mixed processes of [`crate::finite`], with a
//! mixing diagnostic: several chains start from different homogeneous states, and the
//! Gelman–Rubin statistic R̂ of each strategy's share says whether they have forgotten where
//! they started. A run that has not mixed reports so instead of a basin-biased average.
//!
//! Determinism: chain `c` draws from `stream(seed, [label("montecarlo"), c])`; chains run in
//! parallel and the result is identical for any number of threads.

use crate::error::{EvoError, Result};
use crate::finite::{Fitness, Rule, fermi};
use commonweal_games::rng::{RngCore, StreamRng, label, stream, uniform};
use rayon::prelude::*;

/// Settings of a Monte-Carlo estimate.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct McOptions {
    /// Mutation rate μ per update.
    pub mutation: f64,
    /// Independent chains (at least 2 for the diagnostic).
    pub chains: usize,
    /// Updates per chain counted in the estimate.
    pub steps: u64,
    /// Updates per chain discarded first.
    pub burn_in: u64,
    /// Largest R̂ accepted as mixed.
    pub r_hat_limit: f64,
    /// Root seed.
    pub seed: u64,
}

impl Default for McOptions {
    fn default() -> Self {
        McOptions {
            mutation: 0.01,
            chains: 4,
            steps: 10_000_000,
            burn_in: 1_000_000,
            r_hat_limit: 1.05,
            seed: 0,
        }
    }
}

/// The outcome of [`simulate`].
#[derive(Clone, Debug, PartialEq)]
pub struct McResult {
    /// Mean share of each strategy in each chain.
    pub chain_abundance: Vec<Vec<f64>>,
    /// Gelman–Rubin R̂ of each strategy's share (from per-generation samples).
    pub r_hat: Vec<f64>,
    /// Whether every R̂ is below the limit.
    pub mixed: bool,
    /// Updates simulated in all (burn-in included).
    pub total_steps: u64,
}

impl McResult {
    /// The pooled mean share of each strategy, or an error when the chains have not mixed.
    pub fn abundance(&self) -> Result<Vec<f64>> {
        if !self.mixed {
            let worst = self.r_hat.iter().copied().fold(0.0, f64::max);
            return Err(EvoError::invalid(
                "steps",
                format!(
                    "the chains have not mixed (largest R̂ = {worst:.3}); the average would reflect the starting basins — run more steps or raise the mutation rate"
                ),
            ));
        }
        let s = self.r_hat.len();
        let m = self.chain_abundance.len() as f64;
        Ok((0..s).map(|t| self.chain_abundance.iter().map(|c| c[t]).sum::<f64>() / m).collect())
    }
}

/// A draw in `0..n` by multiply-shift (bias below n / 2⁶⁴, far under any statistical effect).
#[inline]
fn below(rng: &mut StreamRng, n: u64) -> u64 {
    ((rng.next_u64() as u128 * n as u128) >> 64) as u64
}

/// Per-state tables: the index of a state is its counts of strategies `0..S−1` in mixed radix
/// `Z + 1`, so moving one individual changes the index by a fixed stride.
struct Tables {
    s: usize,
    z: u64,
    strides: Vec<usize>,
    /// `switch[state · S² + i · S + j]`: probability that a learner `i` adopts model `j`'s
    /// strategy (Fermi) or fitness `1 − β + β f` of `j` (Moran, at `i · S + j` with i = j).
    table: Vec<f64>,
}

fn build_tables(fit: &Fitness<'_>) -> Result<Tables> {
    let s = fit.game().n_strategies();
    let pop = fit.population();
    let z = pop.size;
    let cells = (z + 1)
        .checked_pow((s - 1) as u32)
        .filter(|&c| c.saturating_mul(s * s) <= 50_000_000)
        .ok_or_else(|| {
            EvoError::invalid(
                "population",
                format!(
                    "{s} strategies in a population of {z} is too many states to tabulate for Monte-Carlo"
                ),
            )
        })?;
    let mut strides = vec![0usize; s];
    let mut acc = 1;
    for t in 0..s - 1 {
        strides[t] = acc;
        acc *= z + 1;
    }
    let mut table = vec![0.0; cells * s * s];
    let mut counts = vec![0u32; s];
    let mut f = vec![0.0; s];
    for idx in 0..cells {
        let mut rest = idx;
        let mut used = 0usize;
        for t in 0..s - 1 {
            counts[t] = (rest % (z + 1)) as u32;
            rest /= z + 1;
            used += counts[t] as usize;
        }
        if used > z {
            continue;
        }
        counts[s - 1] = (z - used) as u32;
        fit.state(&counts, &mut f);
        let base = idx * s * s;
        for i in 0..s {
            for j in 0..s {
                if counts[i] == 0 || counts[j] == 0 {
                    continue;
                }
                table[base + i * s + j] = match pop.rule {
                    Rule::Fermi => fermi(pop.beta, f[j], f[i]),
                    Rule::Moran => 1.0 - pop.beta + pop.beta * f[j],
                };
            }
        }
    }
    Ok(Tables { s, z: z as u64, strides, table })
}

/// One chain: returns the time-averaged share of each strategy and per-generation samples.
fn run_chain(t: &Tables, rule: Rule, opts: &McOptions, chain: usize) -> (Vec<f64>, Vec<Vec<f64>>) {
    let s = t.s;
    let z = t.z;
    let mut rng = stream(opts.seed, &[label("montecarlo"), chain as u64]);
    let mut counts = vec![0u64; s];
    counts[chain % s] = z;
    let mut idx: usize = (0..s - 1).map(|k| counts[k] as usize * t.strides[k]).sum();
    let mut sums = vec![0u128; s];
    let mut samples: Vec<Vec<f64>> = vec![Vec::new(); s];
    let mu = opts.mutation;
    let total = opts.burn_in + opts.steps;
    let mut weights = vec![0.0; s];
    for step in 0..total {
        // Who changes (learner, or the individual replaced) and into what.
        let learner_pos = below(&mut rng, z);
        let mut acc = 0;
        let mut i = s - 1;
        for k in 0..s {
            acc += counts[k];
            if learner_pos < acc {
                i = k;
                break;
            }
        }
        let target = if mu > 0.0 && uniform(&mut rng) < mu {
            let r = below(&mut rng, (s - 1) as u64) as usize;
            Some(if r >= i { r + 1 } else { r })
        } else {
            match rule {
                Rule::Fermi => {
                    // Model among the other Z − 1.
                    let pos = below(&mut rng, z - 1);
                    let mut acc = 0;
                    let mut j = s - 1;
                    for k in 0..s {
                        acc += counts[k] - (k == i) as u64;
                        if pos < acc {
                            j = k;
                            break;
                        }
                    }
                    if j != i && uniform(&mut rng) < t.table[idx * s * s + i * s + j] {
                        Some(j)
                    } else {
                        None
                    }
                }
                Rule::Moran => {
                    let mut total_w = 0.0;
                    for k in 0..s {
                        weights[k] = counts[k] as f64
                            * if counts[k] > 0 { t.table[idx * s * s + k * s + k] } else { 0.0 };
                        total_w += weights[k];
                    }
                    let mut u = uniform(&mut rng) * total_w;
                    let mut j = s - 1;
                    for k in 0..s {
                        if u < weights[k] {
                            j = k;
                            break;
                        }
                        u -= weights[k];
                    }
                    (j != i).then_some(j)
                }
            }
        };
        if let Some(j) = target {
            counts[i] -= 1;
            counts[j] += 1;
            if i < s - 1 {
                idx -= t.strides[i];
            }
            if j < s - 1 {
                idx += t.strides[j];
            }
        }
        if step >= opts.burn_in {
            for k in 0..s {
                sums[k] += counts[k] as u128;
            }
            if (step - opts.burn_in).is_multiple_of(z) {
                for k in 0..s {
                    samples[k].push(counts[k] as f64 / z as f64);
                }
            }
        }
    }
    let denom = (opts.steps as f64) * z as f64;
    (sums.iter().map(|&x| x as f64 / denom).collect(), samples)
}

/// The Gelman–Rubin potential scale reduction of `chains` (each a series of samples).
pub fn gelman_rubin(chains: &[Vec<f64>]) -> f64 {
    let m = chains.len() as f64;
    let n = chains.iter().map(Vec::len).min().unwrap_or(0);
    if n < 2 || m < 2.0 {
        return f64::INFINITY;
    }
    let nf = n as f64;
    let means: Vec<f64> = chains.iter().map(|c| c[..n].iter().sum::<f64>() / nf).collect();
    let grand = means.iter().sum::<f64>() / m;
    let b = nf / (m - 1.0) * means.iter().map(|x| (x - grand).powi(2)).sum::<f64>();
    let w = chains
        .iter()
        .zip(&means)
        .map(|(c, mean)| c[..n].iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (nf - 1.0))
        .sum::<f64>()
        / m;
    if w == 0.0 {
        return if b == 0.0 { 1.0 } else { f64::INFINITY };
    }
    (((nf - 1.0) / nf * w + b / nf) / w).sqrt()
}

/// Simulates the process of `fit` with mutation and checks mixing.
pub fn simulate(fit: &Fitness<'_>, opts: &McOptions) -> Result<McResult> {
    if opts.chains < 2 {
        return Err(EvoError::invalid(
            "chains",
            format!("got {}; the mixing diagnostic needs at least 2 chains", opts.chains),
        ));
    }
    if !(0.0..=1.0).contains(&opts.mutation) {
        return Err(EvoError::invalid("mutation", format!("got {}; it must be in [0, 1]", opts.mutation)));
    }
    if fit.game().n_strategies() < 2 {
        return Err(EvoError::invalid("strategies", "Monte-Carlo needs at least two strategies"));
    }
    let tables = build_tables(fit)?;
    let rule = fit.population().rule;
    let runs: Vec<(Vec<f64>, Vec<Vec<f64>>)> =
        (0..opts.chains).into_par_iter().map(|c| run_chain(&tables, rule, opts, c)).collect();
    let s = tables.s;
    let r_hat: Vec<f64> = (0..s)
        .map(|k| {
            let series: Vec<Vec<f64>> = runs.iter().map(|r| r.1[k].clone()).collect();
            gelman_rubin(&series)
        })
        .collect();
    let mixed = r_hat.iter().all(|&r| r < opts.r_hat_limit);
    Ok(McResult {
        chain_abundance: runs.into_iter().map(|r| r.0).collect(),
        r_hat,
        mixed,
        total_steps: (opts.burn_in + opts.steps) * opts.chains as u64,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finite::{Population, full_chain};
    use crate::payoff::{EvoGame, PayoffMatrix};

    #[test]
    fn agrees_with_the_exact_full_chain_when_mixed() {
        let game: EvoGame = PayoffMatrix::parse("3,0,3;5,1,1;3,1,3").unwrap().into();
        let f = Fitness::new(&game, Population::new(20, 0.5)).unwrap();
        let exact = full_chain(&f, 0.05).unwrap().abundance;
        let opts = McOptions {
            mutation: 0.05,
            chains: 4,
            steps: 4_000_000,
            burn_in: 100_000,
            seed: 1,
            ..McOptions::default()
        };
        let mc = simulate(&f, &opts).unwrap();
        assert!(mc.mixed, "{:?}", mc.r_hat);
        let est = mc.abundance().unwrap();
        for k in 0..3 {
            assert!((est[k] - exact[k]).abs() < 0.01, "strategy {k}: {} vs exact {}", est[k], exact[k]);
        }
    }

    #[test]
    fn moran_agrees_with_the_exact_full_chain() {
        let game: EvoGame = PayoffMatrix::parse("3,0;5,1").unwrap().into();
        let f = Fitness::new(&game, Population::new(15, 0.2).rule(Rule::Moran)).unwrap();
        let exact = full_chain(&f, 0.1).unwrap().abundance;
        let opts = McOptions {
            mutation: 0.1,
            chains: 4,
            steps: 2_000_000,
            burn_in: 10_000,
            seed: 2,
            ..McOptions::default()
        };
        let est = simulate(&f, &opts).unwrap().abundance().unwrap();
        assert!((est[0] - exact[0]).abs() < 0.01, "{} vs {}", est[0], exact[0]);
    }

    #[test]
    fn a_metastable_run_is_reported_as_not_mixed() {
        // A coordination game at strong selection: each chain stays in the basin it starts in.
        let game: EvoGame = PayoffMatrix::parse("5,0;3,3").unwrap().into();
        let f = Fitness::new(&game, Population::new(50, 5.0)).unwrap();
        let opts = McOptions {
            mutation: 1e-4,
            chains: 2,
            steps: 200_000,
            burn_in: 0,
            seed: 3,
            ..McOptions::default()
        };
        let mc = simulate(&f, &opts).unwrap();
        assert!(!mc.mixed, "{:?}", mc.r_hat);
        assert!(mc.abundance().unwrap_err().to_string().contains("not mixed"));
    }

    #[test]
    fn identical_for_any_thread_count() {
        let game: EvoGame = PayoffMatrix::parse("3,0;5,1").unwrap().into();
        let f = Fitness::new(&game, Population::new(30, 1.0)).unwrap();
        let opts = McOptions {
            mutation: 0.05,
            chains: 3,
            steps: 50_000,
            burn_in: 0,
            seed: 4,
            ..McOptions::default()
        };
        let run = |threads| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap()
                .install(|| simulate(&f, &opts).unwrap())
        };
        assert_eq!(run(1), run(2));
    }
}
