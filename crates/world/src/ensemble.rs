//! Counterfactual ensembles: every regime over R replicates with common random numbers, reduced
//! to summaries with 95 % intervals.
//!
//! **Determinism contract.** For a given prepared scenario, [`run_ensemble`] returns the same
//! [`Summary`], bit for bit, whatever the number of rayon threads: each replicate is an
//! independent task whose random draws come only from streams named by (seed, replicate,
//! nation or link, year), and the per-replicate results are reduced in replicate order.
//! **Common random numbers.** Crisis onsets are named without the regime, so every regime of a
//! replicate (and the zero-sum reference) meets the same shocks and differences are paired.
//!
//! Intervals are the 2.5th and 97.5th percentiles (linear interpolation) of the replicate
//! values: the spread of outcomes a replicate can show, not the standard error of the mean.

use crate::scenario::{Doctrine, DoctrineAssignment};
use crate::sim::{Prepared, RunOutput, gini};
use rayon::prelude::*;

/// A mean with its 95 % interval over replicates.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Interval {
    /// Mean.
    pub mean: f64,
    /// 2.5th percentile.
    pub lo: f64,
    /// 97.5th percentile.
    pub hi: f64,
}

impl Interval {
    /// The mean and 2.5–97.5 % percentile interval of `values` (NaN for none).
    pub fn of(values: &[f64]) -> Interval {
        if values.is_empty() {
            return Interval { mean: f64::NAN, lo: f64::NAN, hi: f64::NAN };
        }
        let mut sorted = values.to_vec();
        sorted.sort_by(f64::total_cmp);
        let mean = values.iter().sum::<f64>() / values.len() as f64;
        Interval { mean, lo: percentile(&sorted, 0.025), hi: percentile(&sorted, 0.975) }
    }
}

fn percentile(sorted: &[f64], q: f64) -> f64 {
    let pos = q * (sorted.len() - 1) as f64;
    let lo = pos.floor() as usize;
    let hi = pos.ceil() as usize;
    sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo as f64)
}

/// One year of a regime's series.
#[derive(Clone, Debug, PartialEq)]
pub struct YearPoint {
    /// Calendar offset from the base year (0 = base year).
    pub year: usize,
    /// World real income relative to the base year.
    pub world_income_index: Interval,
    /// Share of nations with higher real income than under universal zero-sum play this year.
    pub win_win_share: Interval,
    /// Share of link sides playing C (base year: 1).
    pub cooperation_rate: Interval,
    /// Mean tariff over link sides.
    pub mean_barrier: Interval,
    /// Mean trust.
    pub trust: Interval,
    /// Mean share of nations per doctrine (columns of [`Summary::doctrines`]).
    pub doctrine_shares: Vec<f64>,
    /// The climate arena's year, when the scenario has it.
    pub climate: Option<YearClimate>,
}

/// One year of the climate arena.
#[derive(Clone, Debug, PartialEq)]
pub struct YearClimate {
    /// Atmospheric temperature (°C above 1900).
    pub temperature: Interval,
    /// World industrial emissions (GtCO₂/yr).
    pub emissions: Interval,
    /// World climate damages since the base year (% of world output before climate costs).
    pub damages_pct: Interval,
    /// World abatement cost (% of world output before climate costs).
    pub abatement_pct: Interval,
}

/// A regime's climate results.
#[derive(Clone, Debug, PartialEq)]
pub struct RegimeClimate {
    /// Final-year temperature (°C above 1900).
    pub temperature: Interval,
    /// Temperature in 2100 committed by the final stances (°C above 1900).
    pub committed_2100: Interval,
    /// World damages (% of world output), mean over years 1..=T.
    pub damages_pct: Interval,
    /// World abatement cost (% of world output), mean over years 1..=T.
    pub abatement_pct: Interval,
}

/// One nation's result under a regime.
#[derive(Clone, Debug, PartialEq)]
pub struct NationResult {
    /// ISO3 code.
    pub iso3: String,
    /// Name.
    pub name: String,
    /// Final-year real income relative to the base year.
    pub income_index: Interval,
    /// Final-year real income relative to universal zero-sum play in the same replicate, in percent.
    pub gain_vs_zero_sum_pct: Interval,
    /// Cumulative climate cost (damages plus abatement) over the run, percent of the nation's
    /// cumulative output before climate costs; when the scenario has the climate arena.
    pub climate_cost_pct: Option<Interval>,
}

/// A regime's summary.
#[derive(Clone, Debug, PartialEq)]
pub struct RegimeSummary {
    /// Regime name.
    pub name: String,
    /// Final-year world real income relative to the base year.
    pub world_income_index: Interval,
    /// Final-year share of nations better off than under universal zero-sum play.
    pub win_win_share: Interval,
    /// Final-year population-weighted Gini of real income per head.
    pub gini: Interval,
    /// Share of link sides playing C, over all years.
    pub cooperation_rate: Interval,
    /// Mean tariff over link sides and years.
    pub mean_barrier: Interval,
    /// Final-year mean trust.
    pub trust: Interval,
    /// Crises per year (onsets plus contagion above the threshold).
    pub crises_per_year: Interval,
    /// Final-year doctrine shares (columns of [`Summary::doctrines`]).
    pub doctrine_shares: Vec<Interval>,
    /// Year by year.
    pub series: Vec<YearPoint>,
    /// Per nation.
    pub nations: Vec<NationResult>,
    /// Climate results, when the scenario has the climate arena.
    pub climate: Option<RegimeClimate>,
}

/// The reduced ensemble.
#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    /// Scenario name.
    pub scenario: String,
    /// Root seed.
    pub seed: u64,
    /// Years.
    pub years: usize,
    /// Replicates.
    pub replicates: usize,
    /// Nations.
    pub nations: usize,
    /// Linked pairs in the trade arena.
    pub links: usize,
    /// Doctrine names, the columns of doctrine shares.
    pub doctrines: Vec<String>,
    /// Bloc sizes by name (derived or given), non-aligned last.
    pub blocs: Vec<(String, usize)>,
    /// Regimes, in scenario order.
    pub regimes: Vec<RegimeSummary>,
}

/// What one replicate contributes for one regime.
struct ReplicateMetrics {
    world_income: Vec<f64>,
    win_win: Vec<f64>,
    cooperation: Vec<f64>,
    barrier: Vec<f64>,
    trust: Vec<f64>,
    doctrine_shares: Vec<f64>,
    gini: f64,
    crises_per_year: f64,
    income_index: Vec<f64>,
    gain_pct: Vec<f64>,
    climate: Option<crate::climate::arena::ClimateSeries>,
}

fn is_pure_zero_sum(assignment: &DoctrineAssignment, fixed: &[Option<Doctrine>], learning: bool) -> bool {
    matches!(assignment, DoctrineAssignment::Uniform(Doctrine::ZeroSum))
        && fixed.iter().all(|f| f.is_none_or(|d| d == Doctrine::ZeroSum))
        && !learning
}

fn metrics(p: &Prepared, run: &RunOutput, reference: &RunOutput) -> ReplicateMetrics {
    let n = p.n();
    let years = p.scenario.years;
    let base_world: f64 = run.income[..n].iter().sum();
    let world_income =
        (0..=years).map(|t| run.income[t * n..(t + 1) * n].iter().sum::<f64>() / base_world).collect();
    let win_win = (0..=years)
        .map(|t| {
            let (a, b) = (&run.income[t * n..(t + 1) * n], &reference.income[t * n..(t + 1) * n]);
            a.iter().zip(b).filter(|(x, y)| *x > *y).count() as f64 / n as f64
        })
        .collect();
    let last = &run.income[years * n..];
    let population: Vec<f64> = p.world.nations.iter().map(|v| v.population).collect();
    let mut cooperation = vec![1.0];
    cooperation.extend(&run.cooperation);
    let mut barrier = vec![0.0];
    barrier.extend(&run.barrier);
    let mut trust = vec![p.scenario.trust.initial];
    trust.extend(&run.trust);
    ReplicateMetrics {
        world_income,
        win_win,
        cooperation,
        barrier,
        trust,
        doctrine_shares: run.doctrine_counts.iter().map(|&c| c as f64 / n as f64).collect(),
        gini: gini(last, &population),
        crises_per_year: run.crises.iter().map(|&c| c as f64).sum::<f64>() / years as f64,
        income_index: last.iter().zip(&run.income[..n]).map(|(a, b)| a / b).collect(),
        gain_pct: last
            .iter()
            .zip(&reference.income[years * n..])
            .map(|(a, b)| 100.0 * (a / b - 1.0))
            .collect(),
        climate: run.climate.clone(),
    }
}

/// Runs every regime of `p` over its replicates (in parallel on the current rayon pool) and
/// reduces them. `progress` is called once per finished replicate with the number finished.
pub fn run_ensemble(p: &Prepared, progress: &(dyn Fn(usize) + Sync)) -> Summary {
    let replicates = p.scenario.replicates;
    let done = std::sync::atomic::AtomicUsize::new(0);
    let reference_slot =
        p.regimes.iter().position(|r| is_pure_zero_sum(&r.assignment, &r.fixed, r.learning.is_some()));
    let per_replicate: Vec<Vec<ReplicateMetrics>> = (0..replicates as u64)
        .into_par_iter()
        .map(|rep| {
            let runs: Vec<RunOutput> = (0..p.regimes.len()).map(|k| p.run(k, rep)).collect();
            let own_reference;
            let reference = match reference_slot {
                Some(k) => &runs[k],
                None => {
                    own_reference = p.run_reference(rep);
                    &own_reference
                }
            };
            let m = runs.iter().map(|run| metrics(p, run, reference)).collect();
            progress(done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1);
            m
        })
        .collect();
    reduce(p, &per_replicate)
}

/// A replicate's climate series; only called where every replicate has one.
fn climate_of(m: &ReplicateMetrics) -> &crate::climate::arena::ClimateSeries {
    m.climate.as_ref().expect("checked: every replicate has climate")
}

fn reduce(p: &Prepared, per_replicate: &[Vec<ReplicateMetrics>]) -> Summary {
    let years = p.scenario.years;
    let n = p.n();
    let n_doc = p.doctrines.len();
    let regimes = p
        .regimes
        .iter()
        .enumerate()
        .map(|(k, regime)| {
            let reps: Vec<&ReplicateMetrics> = per_replicate.iter().map(|r| &r[k]).collect();
            let over = |f: &dyn Fn(&ReplicateMetrics) -> f64| {
                Interval::of(&reps.iter().map(|m| f(m)).collect::<Vec<_>>())
            };
            let mean_of = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
            let climate = reps.iter().all(|m| m.climate.is_some()) && !reps.is_empty();
            let series = (0..=years)
                .map(|t| YearPoint {
                    year: t,
                    world_income_index: over(&|m| m.world_income[t]),
                    win_win_share: over(&|m| m.win_win[t]),
                    cooperation_rate: over(&|m| m.cooperation[t]),
                    mean_barrier: over(&|m| m.barrier[t]),
                    trust: over(&|m| m.trust[t]),
                    doctrine_shares: (0..n_doc)
                        .map(|d| {
                            reps.iter().map(|m| m.doctrine_shares[t * n_doc + d]).sum::<f64>()
                                / reps.len() as f64
                        })
                        .collect(),
                    climate: climate.then(|| YearClimate {
                        temperature: over(&|m| climate_of(m).temperature[t]),
                        emissions: over(&|m| climate_of(m).emissions[t]),
                        damages_pct: over(&|m| climate_of(m).damages_pct[t]),
                        abatement_pct: over(&|m| climate_of(m).abatement_pct[t]),
                    }),
                })
                .collect();
            let nations = (0..n)
                .map(|i| NationResult {
                    iso3: p.world.nations[i].iso3.clone(),
                    name: p.world.nations[i].name.clone(),
                    income_index: over(&|m| m.income_index[i]),
                    gain_vs_zero_sum_pct: over(&|m| m.gain_pct[i]),
                    climate_cost_pct: climate.then(|| over(&|m| climate_of(m).nation_cost_pct[i])),
                })
                .collect();
            RegimeSummary {
                name: regime.name.clone(),
                world_income_index: over(&|m| m.world_income[years]),
                win_win_share: over(&|m| m.win_win[years]),
                gini: over(&|m| m.gini),
                cooperation_rate: over(&|m| mean_of(&m.cooperation[1..])),
                mean_barrier: over(&|m| mean_of(&m.barrier[1..])),
                trust: over(&|m| m.trust[years]),
                crises_per_year: over(&|m| m.crises_per_year),
                doctrine_shares: (0..n_doc)
                    .map(|d| over(&|m| m.doctrine_shares[years * n_doc + d]))
                    .collect(),
                series,
                nations,
                climate: climate.then(|| RegimeClimate {
                    temperature: over(&|m| climate_of(m).temperature[years]),
                    committed_2100: over(&|m| climate_of(m).committed_2100),
                    damages_pct: over(&|m| mean_of(&climate_of(m).damages_pct[1..])),
                    abatement_pct: over(&|m| mean_of(&climate_of(m).abatement_pct[1..])),
                }),
            }
        })
        .collect();
    let mut blocs: Vec<(String, usize)> = p
        .blocs
        .names
        .iter()
        .enumerate()
        .map(|(k, name)| (name.clone(), p.blocs.membership.iter().filter(|m| **m == Some(k as u16)).count()))
        .collect();
    blocs.push(("non-aligned".into(), p.blocs.membership.iter().filter(|m| m.is_none()).count()));
    Summary {
        scenario: p.scenario.name.clone(),
        seed: p.scenario.seed,
        years,
        replicates: p.scenario.replicates,
        nations: n,
        links: p.world.links.len(),
        doctrines: p.doctrines.iter().map(|d| d.name()).collect(),
        blocs,
        regimes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interval_of_known_values() {
        let v: Vec<f64> = (0..=100).map(|x| x as f64).collect();
        let iv = Interval::of(&v);
        assert_eq!(iv.mean, 50.0);
        assert!((iv.lo - 2.5).abs() < 1e-12 && (iv.hi - 97.5).abs() < 1e-12);
        assert!(Interval::of(&[]).mean.is_nan());
    }
}

#[cfg(test)]
mod determinism {
    //! Same seed ⇒ the identical summary for 1 and 2 threads.
    use super::*;
    use crate::arena::testing::small_world;
    use crate::scenario::Scenario;

    #[test]
    fn summary_is_identical_for_one_and_two_threads() {
        let text = "[run]\nyears = 12\nreplicates = 6\nseed = 99\n[shocks]\ncrisis_probability = 0.1\n";
        let p = Prepared::new(Scenario::parse(text, "t.toml").unwrap(), small_world(14, 3)).unwrap();
        let run_with = |threads| {
            let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
            pool.install(|| run_ensemble(&p, &|_| {}))
        };
        let one = run_with(1);
        let two = run_with(2);
        assert_eq!(one, two);
        assert_eq!(one.regimes.len(), 4);
        // The zero-sum regime is never better off than itself.
        let zs = one.regimes.iter().find(|r| r.name == "zero_sum").unwrap();
        assert_eq!(zs.win_win_share.mean, 0.0);
        let ww = one.regimes.iter().find(|r| r.name == "win_win").unwrap();
        assert!(ww.win_win_share.mean > 0.5 && ww.world_income_index.mean > zs.world_income_index.mean);
        // The climate arena is on by default and part of the identical summary.
        let (zc, wc) = (zs.climate.as_ref().unwrap(), ww.climate.as_ref().unwrap());
        assert!(wc.committed_2100.mean < zc.committed_2100.mean);
        assert!(one.regimes.iter().all(|r| r.nations.iter().all(|v| v.climate_cost_pct.is_some())));
    }
}
