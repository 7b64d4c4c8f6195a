//! The trade arena of a data world: nations from [`crate::data`], import shares and stage
//! payoffs from the general-equilibrium model of [`crate::trade`].
//!
//! Choices, documented:
//! - output is each nation's base-year GDP ([`crate::data::Nation::gdp_musd`], its source recorded
//!   there), population the labour input;
//! - capital is GDP times the Penn World Table capital–output ratio at current PPPs
//!   (`cn / cgdpo`, both in the same units), or [`crate::sim::DEFAULT_CAPITAL_OUTPUT`] times GDP
//!   where PWT has no figure; depreciation is PWT's `delta` where present;
//! - a stage payoff is the real-income change Ŵ / Ŵ(free trade) − 1 of the full equilibrium when
//!   the pair's tariffs are raised and every other pair trades freely.

use crate::arena::{ArenaError, ArenaWorld, NationInput, RealIncomeModel, SharedModel};
use crate::data::WorldData;
use crate::scenario::TradeParams;
use crate::trade::calibrate::Calibration;
use crate::trade::{Policy, Solution, SolverOptions, TradeBase};

/// The general-equilibrium trade model as a [`RealIncomeModel`]: every solve is warm-started
/// from the free-trade solution and measured against it.
#[derive(Clone, Debug)]
pub struct GeneralEquilibrium {
    base: TradeBase,
    free: Solution,
}

/// Solver tolerance for stage payoffs: excess labour demand below 1e−10 of income. Stage payoffs
/// of a 10–25 % pair tariff are of order 1e−6 to 1e−2, so this keeps at least four significant
/// digits while needing far fewer steps than the trade model's default of 1e−12.
pub const STAGE_TOLERANCE: f64 = 1e-10;

impl GeneralEquilibrium {
    /// Solves the free-trade reference once (with [`STAGE_TOLERANCE`]).
    pub fn new(base: &TradeBase) -> Result<GeneralEquilibrium, String> {
        let options = SolverOptions { tolerance: STAGE_TOLERANCE, ..base.options() };
        let base = base.clone().with_options(options);
        let free = base.solve(&Policy::free_trade(base.n()), None).map_err(|e| e.to_string())?;
        Ok(GeneralEquilibrium { base, free })
    }

    /// Solves a policy warm-started from free trade (for diagnostics: iterations, residual).
    pub fn solve(&self, policy: &Policy) -> Result<Solution, String> {
        self.base.solve(policy, Some(&self.free)).map_err(|e| e.to_string())
    }

    /// The real-income changes relative to free trade under a full policy.
    pub fn changes_under(&self, policy: &Policy) -> Result<Vec<f64>, String> {
        let s = self.base.solve(policy, Some(&self.free)).map_err(|e| e.to_string())?;
        Ok(s.real_income_change.iter().zip(&self.free.real_income_change).map(|(a, b)| a / b - 1.0).collect())
    }
}

impl RealIncomeModel for GeneralEquilibrium {
    fn n_nations(&self) -> usize {
        self.base.n()
    }

    fn real_income_changes(&self, tariffs: &[(usize, usize, f64)]) -> Result<Vec<f64>, String> {
        let mut policy = Policy::free_trade(self.base.n());
        for &(importer, exporter, rate) in tariffs {
            policy.set_tariff(importer, exporter, rate);
        }
        self.changes_under(&policy)
    }
}

/// The nations of a data world as the simulation needs them.
pub fn nation_inputs(world: &WorldData) -> Vec<NationInput> {
    world
        .nations
        .iter()
        .map(|v| {
            let ratio = match (v.pwt.capital_cn_musd, v.pwt.cgdpo_musd_ppp) {
                (Some(k), Some(y)) if k > 0.0 && y > 0.0 => Some(k / y),
                _ => None,
            };
            NationInput {
                iso3: v.iso3.clone(),
                name: v.name.clone(),
                population: v.population,
                output: v.gdp_musd,
                capital: ratio.map(|r| r * v.gdp_musd),
                depreciation: v.pwt.delta,
                co2_mt: base_year_co2(world, &v.iso3),
            }
        })
        .collect()
}

/// The year whose territorial CO₂ emissions set a nation's emissions intensity: the base year of
/// the world model (the Penn World Table year).
pub const CO2_YEAR: i32 = 2017;

/// A nation's territorial CO₂ in [`CO2_YEAR`], or in the nearest earlier year recorded (Mt CO₂).
pub fn base_year_co2(world: &WorldData, iso3: &str) -> Option<f64> {
    world
        .co2
        .iter()
        .filter(|r| r.iso3 == iso3 && r.year <= CO2_YEAR)
        .filter_map(|r| r.co2_mt.filter(|v| v.is_finite() && *v >= 0.0).map(|v| (r.year, v)))
        .max_by_key(|(year, _)| *year)
        .map(|(_, v)| v)
}

/// Builds the trade arena of a calibrated data world.
pub fn arena_from(
    world: &WorldData,
    calibration: &Calibration,
    trade: &TradeParams,
) -> Result<ArenaWorld, ArenaError> {
    let base = &calibration.base;
    let model = GeneralEquilibrium::new(base).map_err(|message| ArenaError::Model {
        a: "free".into(),
        b: "trade".into(),
        message,
    })?;
    ArenaWorld::build(
        nation_inputs(world),
        base.shares().to_vec(),
        base.epsilon(),
        trade.barrier_tariff,
        trade.partners_per_nation,
        SharedModel::new(model),
    )
}

/// Calibrates a data world (default calibration options) and builds its trade arena: the path
/// of a scenario whose `[data]` table replaces some of the embedded datasets.
pub fn world_arena(world: &WorldData, trade: &TradeParams) -> Result<ArenaWorld, ArenaError> {
    let calibration = crate::trade::calibrate::calibrate(world, &Default::default()).map_err(|e| {
        ArenaError::Model { a: "calibration".into(), b: "data world".into(), message: e.to_string() }
    })?;
    arena_from(world, &calibration, trade)
}

/// The trade arena of the embedded 196-nation world.
pub fn default_arena(trade: &TradeParams) -> Result<ArenaWorld, ArenaError> {
    world_arena(WorldData::embedded(), trade)
}

#[cfg(test)]
mod tests {
    //! The pairwise stage-payoff approximation against full general-equilibrium solves.
    use super::*;
    use crate::arena::Link;
    use commonweal_games::rng::{stream, uniform};

    /// A small world with unequal sizes and distance-like shares.
    fn small_base(n: usize) -> (TradeBase, Vec<NationInput>) {
        let size: Vec<f64> = (0..n).map(|i| 1.0 + 2.0 * i as f64).collect();
        let mut shares = vec![0.0; n * n];
        for j in 0..n {
            let mut row: Vec<f64> = (0..n)
                .map(|i| if i == j { 4.0 * size[j] } else { size[i] / (1.0 + (i as f64 - j as f64).abs()) })
                .collect();
            let total: f64 = row.iter().sum();
            row.iter_mut().for_each(|x| *x /= total);
            shares[j * n..(j + 1) * n].copy_from_slice(&row);
        }
        let iso3: Vec<String> = (0..n).map(|i| format!("X{}{}", (b'A' + i as u8) as char, 'X')).collect();
        let base = TradeBase::new(iso3.clone(), shares, size.clone(), 5.0).unwrap();
        let nations = iso3
            .iter()
            .zip(&size)
            .map(|(c, y)| NationInput {
                iso3: c.clone(),
                name: c.clone(),
                population: *y,
                output: *y,
                capital: None,
                depreciation: None,
                co2_mt: None,
            })
            .collect();
        (base, nations)
    }

    fn arena(n: usize) -> (ArenaWorld, GeneralEquilibrium) {
        let (base, nations) = small_base(n);
        let ge = GeneralEquilibrium::new(&base).unwrap();
        let arena = ArenaWorld::build(
            nations,
            base.shares().to_vec(),
            5.0,
            0.25,
            n - 1,
            SharedModel::new(ge.clone()),
        )
        .unwrap();
        (arena, ge)
    }

    /// Full real-income changes when `raised[s]` says whether link side s raises its barrier.
    fn full(arena: &ArenaWorld, ge: &GeneralEquilibrium, raised: &[bool]) -> Vec<f64> {
        let mut policy = Policy::free_trade(arena.n());
        for (s, &r) in raised.iter().enumerate() {
            if r {
                let l: &Link = &arena.links[s / 2];
                policy.set_tariff(l.nation(s % 2), l.nation(1 - s % 2), arena.barrier_tariff);
            }
        }
        ge.changes_under(&policy).unwrap()
    }

    #[test]
    fn two_nations_trade_arena_is_a_prisoners_dilemma_by_economics() {
        // A symmetric two-nation world (domestic share 0.7).
        let base =
            TradeBase::new(vec!["AAA".into(), "BBB".into()], vec![0.7, 0.3, 0.3, 0.7], vec![1.0, 1.0], 5.0)
                .unwrap();
        let nations = small_base(2).1;
        let ge = GeneralEquilibrium::new(&base).unwrap();
        let arena =
            ArenaWorld::build(nations, base.shares().to_vec(), 5.0, 0.25, 1, SharedModel::new(ge)).unwrap();
        let l = &arena.links[0];
        for p in [&l.payoff_a, &l.payoff_b] {
            // A unilateral tariff raises the imposer's income; mutual tariffs lower both.
            assert!(p[1][0] > 0.0, "{p:?}");
            assert!(p[1][1] < 0.0 && p[0][1] < p[1][1], "{p:?}");
        }
    }

    #[test]
    fn zero_sum_best_responses_match_the_full_equilibrium() {
        // With every other pair open, the stage best response of each side to each partner
        // action is the side's best response in the full equilibrium.
        for n in [3, 4, 5] {
            let (arena, ge) = arena(n);
            let sides = 2 * arena.links.len();
            for s in 0..sides {
                let l = &arena.links[s / 2];
                let me = l.nation(s % 2);
                for partner_raises in [false, true] {
                    let mut raised = vec![false; sides];
                    raised[s ^ 1] = partner_raises;
                    let open = full(&arena, &ge, &raised)[me];
                    raised[s] = true;
                    let closed = full(&arena, &ge, &raised)[me];
                    let belief = if partner_raises { commonweal_games::D } else { commonweal_games::C };
                    let stage = l.payoff(s % 2, commonweal_games::D, belief)
                        > l.payoff(s % 2, commonweal_games::C, belief);
                    assert_eq!(stage, closed > open, "n {n} side {s} partner raises {partner_raises}");
                }
            }
        }
    }

    #[test]
    fn additive_stage_payoffs_approximate_full_solves_on_the_default_world() {
        // 60 of the default world's top-partner pairs, each side raising its barrier with
        // probability 0.4: the sum of stage payoffs against one full solve of the whole profile.
        let calibration = crate::trade::calibrate::default_base().unwrap();
        let base = &calibration.base;
        let n = base.n();
        let ge = GeneralEquilibrium::new(base).unwrap();
        let pairs = crate::arena::top_partner_pairs(base.shares(), n, 5);
        let mut rng = stream(5, &[]);
        let chosen: Vec<(usize, usize)> =
            pairs.iter().copied().filter(|_| uniform(&mut rng) < 0.065).collect();
        let mut policy = Policy::free_trade(n);
        let mut approx = vec![0.0; n];
        for &(a, b) in &chosen {
            let (ra, rb) = (uniform(&mut rng) < 0.4, uniform(&mut rng) < 0.4);
            let mut tariffs = Vec::new();
            if ra {
                tariffs.push((a, b, 0.25));
                policy.set_tariff(a, b, 0.25);
            }
            if rb {
                tariffs.push((b, a, 0.25));
                policy.set_tariff(b, a, 0.25);
            }
            if !tariffs.is_empty() {
                let d = ge.real_income_changes(&tariffs).unwrap();
                approx[a] += d[a];
                approx[b] += d[b];
            }
        }
        let exact = ge.changes_under(&policy).unwrap();
        let scale = exact.iter().fold(0.0f64, |m, x| m.max(x.abs()));
        let worst = approx.iter().zip(&exact).fold(0.0f64, |m, (a, e)| m.max((a - e).abs()));
        assert!(scale > 1e-4, "the profile must move incomes ({scale})");
        assert!(worst <= 0.15 * scale, "worst error {worst} against largest change {scale}");
    }

    #[test]
    fn default_world_trade_arena_is_a_dilemma_that_win_win_resolves() {
        // The headline of the default scenario at a size CI affords (3 replicates, 15 years):
        // many pairs are Prisoner's Dilemmas at the 10 % barrier, and win-win reciprocity leaves
        // the world and nearly every nation better off than universal zero-sum play.
        use crate::ensemble::run_ensemble;
        use crate::scenario::Scenario;
        use crate::sim::Prepared;
        let mut scenario = Scenario::default_scenario();
        scenario.replicates = 3;
        scenario.years = 15;
        let arena = default_arena(&scenario.trade).unwrap();
        let pd = |p: &[[f64; 2]; 2]| p[1][0] > p[0][0] && p[1][1] > p[0][1] && p[0][0] > p[1][1];
        let dilemmas = arena.links.iter().filter(|l| pd(&l.payoff_a) && pd(&l.payoff_b)).count();
        assert!(dilemmas * 3 > arena.links.len(), "{dilemmas} of {} pairs are dilemmas", arena.links.len());
        let summary = run_ensemble(&Prepared::new(scenario, arena).unwrap(), &|_| {});
        let by = |name: &str| summary.regimes.iter().find(|r| r.name == name).unwrap();
        let (ww, zs) = (by("win_win"), by("zero_sum"));
        assert!(ww.world_income_index.mean > zs.world_income_index.mean);
        assert!(ww.win_win_share.mean > 0.9, "{:?}", ww.win_win_share);
        assert!(ww.cooperation_rate.mean > zs.cooperation_rate.mean);
    }

    #[test]
    fn default_world_nations_have_positive_inputs() {
        let inputs = nation_inputs(WorldData::embedded());
        assert_eq!(inputs.len(), 196);
        assert!(inputs.iter().all(|v| v.population > 0.0 && v.output > 0.0));
        let with_capital = inputs.iter().filter(|v| v.capital.is_some()).count();
        assert!(with_capital > 150, "{with_capital}");
    }
}
