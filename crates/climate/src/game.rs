//! The n-nation climate game: nations share one DICE-2016R2 carbon cycle and temperature, each
//! with its share of world output, of industrial emissions and of climate damages, and each on
//! the same abatement cost curve (marginal cost p_b·μ^(θ₂−1) in $/tCO₂).
//!
//! A nation's abatement follows from the carbon price it applies, μᵢ = (pᵢ/p_b)^(1/(θ₂−1)) capped
//! at the model's bound. The price depends on its stance:
//! - **non-cooperative** (Nash): it counts only its own damages, so it prices carbon at its damage
//!   share times the global social cost of carbon — the first-order condition of its best
//!   response when consumption is valued at the world's marginal utility;
//! - **cooperative**: it applies the global social cost of carbon;
//! - **conditional** (pledge and review): it applies the global social cost when every other
//!   nation reciprocates (is cooperative or conditional), and otherwise matches the others'
//!   effort in proportion — the global social cost times the share of the others' emissions that
//!   are under reciprocating stances — but never less than its own non-cooperative price.
//!   (Matching the others' mean *price* instead would let one free rider drag every conditional
//!   nation down to the Nash price, since conditional nations would then only match each other.)
//!
//! The joint outcome is a fixed point (prices → abatement → temperature → social cost → prices),
//! found by iteration; the social cost of carbon is always the exact adjoint value along the
//! current joint path. This module stands alone: the world model supplies shares (from its
//! nations' output, CO₂ data and damages) and reads back abatement, temperature and damages.

use crate::model::{Dice, Path, Sensitivities};
use serde::Serialize;

/// One nation of the climate game.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Nation {
    /// Display name.
    pub name: String,
    /// Share of world gross output.
    pub output_share: f64,
    /// Share of world uncontrolled industrial emissions (output share × relative intensity).
    pub emissions_share: f64,
    /// Share of world climate damages.
    pub damage_share: f64,
}

impl Nation {
    /// A nation from its shares of world output, emissions and damages.
    pub fn new(
        name: impl Into<String>,
        output_share: f64,
        emissions_share: f64,
        damage_share: f64,
    ) -> Nation {
        Nation { name: name.into(), output_share, emissions_share, damage_share }
    }

    /// `n` identical nations, each with a 1/n share of everything.
    pub fn identical(n: usize) -> Vec<Nation> {
        let share = 1.0 / n as f64;
        (0..n).map(|i| Nation::new(format!("nation {}", i + 1), share, share, share)).collect()
    }

    /// Nations from levels: output (any currency unit), territorial CO₂ emissions (any unit) and
    /// a damage weight (e.g. output times a regional damage multiplier); each is normalised to
    /// world shares, so a nation's emissions intensity relative to the world is
    /// `emissions_share / output_share`.
    pub fn from_levels<S: Into<String>>(
        levels: impl IntoIterator<Item = (S, f64, f64, f64)>,
    ) -> Result<Vec<Nation>, crate::Error> {
        let raw: Vec<(String, f64, f64, f64)> =
            levels.into_iter().map(|(n, y, e, d)| (n.into(), y, e, d)).collect();
        for (index, (name, y, e, d)) in raw.iter().enumerate() {
            for (field, value) in [("output", *y), ("emissions", *e), ("damage weight", *d)] {
                if !(value.is_finite() && value >= 0.0) {
                    return Err(crate::Error::InvalidNation {
                        index,
                        name: name.clone(),
                        field,
                        value,
                        valid: "a finite number ≥ 0",
                    });
                }
            }
        }
        let total = |k: usize| raw.iter().map(|r| [r.1, r.2, r.3][k]).sum::<f64>();
        let (ty, te, td) = (total(0), total(1), total(2));
        Ok(raw.into_iter().map(|(name, y, e, d)| Nation::new(name, y / ty, e / te, d / td)).collect())
    }
}

/// How a nation chooses its carbon price.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stance {
    /// Counts only its own damages (Nash).
    NonCooperative,
    /// Applies the global social cost of carbon.
    Cooperative,
    /// Applies the global social cost when all others reciprocate, else matches their effort.
    Conditional,
    /// Counts the damages of every nation in its coalition (the same id): the coalition's joint
    /// best response, pricing carbon at the coalition's damage share times the global social
    /// cost. A coalition of one is non-cooperative; a coalition of all is cooperative.
    Coalition(u16),
    /// A climate-club member (Nordhaus 2015): prices carbon at the club's target price
    /// ([`ClimateGame::with_club_price`]) or at its own non-cooperative price, whichever is
    /// higher.
    Club,
}

impl Stance {
    /// Whether the stance counts as reciprocating for a conditional cooperator: every stance
    /// except the non-cooperative one.
    pub fn reciprocates(self) -> bool {
        self != Stance::NonCooperative
    }
}

/// The joint outcome of the game for every nation and period (nation-major: `[nation][period]`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outcome {
    /// Calendar year of each period.
    pub year: Vec<i32>,
    /// Each nation's emissions control rate.
    pub mu: Vec<Vec<f64>>,
    /// Each nation's carbon price ($/tCO₂).
    pub carbon_price: Vec<Vec<f64>>,
    /// Each nation's industrial emissions (GtCO₂/yr).
    pub emissions: Vec<Vec<f64>>,
    /// Each nation's climate damages (trillion 2010 US$/yr).
    pub damages: Vec<Vec<f64>>,
    /// Each nation's abatement cost (trillion 2010 US$/yr).
    pub abatement_cost: Vec<Vec<f64>>,
    /// Global social cost of carbon along the joint path ($/tCO₂).
    pub scc: Vec<f64>,
    /// The world path (temperature, carbon, output…).
    pub path: Path,
    /// Fixed-point iterations used (0 when the abatement paths were given).
    pub iterations: usize,
}

impl Outcome {
    /// Atmospheric temperature in the period of `year`, if the horizon covers it.
    pub fn tatm_in(&self, year: i32) -> Option<f64> {
        self.year.iter().position(|&y| y == year).map(|t| self.path.tatm[t])
    }
}

/// The game: the DICE model, the nations and a saving path shared by the world economy.
#[derive(Debug, Clone)]
pub struct ClimateGame {
    dice: Dice,
    nations: Vec<Nation>,
    saving: Vec<f64>,
    club_price: Vec<f64>,
}

impl ClimateGame {
    /// A game with the world saving at DICE's long-run optimal rate in every period.
    pub fn new(dice: Dice, nations: Vec<Nation>) -> Result<ClimateGame, crate::Error> {
        let saving = vec![dice.params.optlrsav(); dice.n_periods()];
        ClimateGame::with_saving(dice, nations, saving)
    }

    /// A game with a given world saving path (for example the optimal run's).
    pub fn with_saving(
        dice: Dice,
        nations: Vec<Nation>,
        saving: Vec<f64>,
    ) -> Result<ClimateGame, crate::Error> {
        dice.check_len("saving", saving.len())?;
        for (index, n) in nations.iter().enumerate() {
            for (field, value) in [
                ("output_share", n.output_share),
                ("emissions_share", n.emissions_share),
                ("damage_share", n.damage_share),
            ] {
                if !(value.is_finite() && (0.0..=1.0).contains(&value)) {
                    return Err(crate::Error::InvalidNation {
                        index,
                        name: n.name.clone(),
                        field,
                        value,
                        valid: "a share in [0, 1]",
                    });
                }
            }
        }
        for (field, sum) in [
            ("output_share", nations.iter().map(|n| n.output_share).sum::<f64>()),
            ("emissions_share", nations.iter().map(|n| n.emissions_share).sum::<f64>()),
            ("damage_share", nations.iter().map(|n| n.damage_share).sum::<f64>()),
        ] {
            if (sum - 1.0).abs() > 1e-6 {
                return Err(crate::Error::SharesDoNotSumToOne { field, sum });
            }
        }
        let club_price = vec![0.0; dice.n_periods()];
        Ok(ClimateGame { dice, nations, saving, club_price })
    }

    /// Sets the club's target carbon price per period ($/tCO₂, 2010 US$) for [`Stance::Club`].
    pub fn with_club_price(mut self, price: Vec<f64>) -> Result<ClimateGame, crate::Error> {
        self.dice.check_len("club_price", price.len())?;
        if let Some(&p) = price.iter().find(|p| !(p.is_finite() && **p >= 0.0)) {
            return Err(crate::Error::InvalidParameter {
                field: "club_price",
                value: p,
                valid: "a finite carbon price ≥ 0 ($/tCO₂) in every period",
            });
        }
        self.club_price = price;
        Ok(self)
    }

    /// A constant club target price from the second period (2020) on; the first period's
    /// abatement is fixed by the model.
    pub fn constant_club_price(&self, price: f64) -> Vec<f64> {
        (0..self.dice.n_periods()).map(|t| if t == 0 { 0.0 } else { price }).collect()
    }

    /// The DICE model the game runs on.
    pub fn dice(&self) -> &Dice {
        &self.dice
    }

    /// The nations.
    pub fn nations(&self) -> &[Nation] {
        &self.nations
    }

    /// The abatement rate that a carbon price buys in period `t` (0-based), within the bounds.
    pub fn mu_for_price(&self, t: usize, price: f64) -> f64 {
        if t == 0 {
            return self.dice.params.miu0;
        }
        let x = &self.dice.exo;
        (price.max(0.0) / x.pbacktime[t]).powf(1.0 / (self.dice.params.expcost2 - 1.0)).min(x.miu_upper[t])
    }

    /// Simulates given abatement paths (`mu[nation][period]`): the entry point for a caller that
    /// chooses abatement itself. Prices are those the paths imply.
    pub fn outcome(&self, mu: &[Vec<f64>]) -> Result<Outcome, crate::Error> {
        if mu.len() != self.nations.len() {
            return Err(crate::Error::PathLength {
                field: "mu (nations)",
                got: mu.len(),
                expected: self.nations.len(),
            });
        }
        for m in mu {
            self.dice.check_len("mu", m.len())?;
        }
        let mut path = Path::default();
        let mut sens = Sensitivities::default();
        self.simulate(mu, &mut path, &mut sens);
        Ok(self.assemble(mu.to_vec(), path, sens.scc(), 0))
    }

    /// Solves the game for the nations' stances (one per nation) by fixed-point iteration.
    pub fn solve(&self, stances: &[Stance]) -> Result<Outcome, crate::Error> {
        self.solve_with_prefix(stances, &[])
    }

    /// Checks a stance vector and an elapsed-period prefix; returns the prefix length.
    fn check_inputs(&self, stances: &[Stance], prefix: &[Vec<f64>]) -> Result<usize, crate::Error> {
        let k = self.nations.len();
        if stances.len() != k {
            return Err(crate::Error::PathLength { field: "stances", got: stances.len(), expected: k });
        }
        if prefix.is_empty() {
            return Ok(0);
        }
        if prefix.len() != k {
            return Err(crate::Error::PathLength {
                field: "prefix (nations)",
                got: prefix.len(),
                expected: k,
            });
        }
        let p0 = prefix[0].len();
        if p0 > self.dice.n_periods() {
            return Err(crate::Error::PathLength {
                field: "prefix",
                got: p0,
                expected: self.dice.n_periods(),
            });
        }
        if let Some(m) = prefix.iter().find(|m| m.len() != p0) {
            return Err(crate::Error::PathLength { field: "prefix", got: m.len(), expected: p0 });
        }
        Ok(p0)
    }

    /// The price multiplier of every nation whose carbon price is proportional to the global
    /// social cost of carbon (every stance but the club's, whose multiplier is its own damage
    /// share under the club's floor): price_i(t) = kᵢ·SCC(t).
    fn price_multipliers(&self, stances: &[Stance]) -> Vec<f64> {
        let k = self.nations.len();
        let mut coalition_share: std::collections::BTreeMap<u16, f64> = Default::default();
        for (nation, stance) in self.nations.iter().zip(stances) {
            if let Stance::Coalition(id) = stance {
                *coalition_share.entry(*id).or_default() += nation.damage_share;
            }
        }
        let non_reciprocators = stances.iter().filter(|s| !s.reciprocates()).count();
        let total_emissions: f64 = self.nations.iter().map(|n| n.emissions_share).sum();
        let reciprocating_emissions: f64 = self
            .nations
            .iter()
            .zip(stances)
            .filter(|(_, s)| s.reciprocates())
            .map(|(n, _)| n.emissions_share)
            .sum();
        (0..k)
            .map(|i| {
                let own = self.nations[i].damage_share;
                match stances[i] {
                    Stance::NonCooperative | Stance::Club => own,
                    Stance::Cooperative => 1.0,
                    Stance::Coalition(id) => coalition_share[&id],
                    // Conditional nations reciprocate, so every other nation reciprocates exactly
                    // when no nation at all is non-cooperative.
                    Stance::Conditional if non_reciprocators == 0 => 1.0,
                    Stance::Conditional => {
                        let e = self.nations[i].emissions_share;
                        let (reciprocating, others) = (reciprocating_emissions - e, total_emissions - e);
                        let matched = if others > 0.0 { reciprocating / others } else { 1.0 };
                        matched.max(own)
                    }
                }
            })
            .collect()
    }

    /// Solves the game when the first periods have elapsed: `prefix[nation]` holds each nation's
    /// emissions control in periods `0..p0` (all the same length `p0`; an empty slice means no
    /// period has elapsed), which are kept, and the stances set the abatement of every later
    /// period. The straightforward fixed-point iteration over every nation and period; the
    /// reference for [`ClimateGame::equilibrium`].
    pub fn solve_with_prefix(
        &self,
        stances: &[Stance],
        prefix: &[Vec<f64>],
    ) -> Result<Outcome, crate::Error> {
        let p0 = self.check_inputs(stances, prefix)?;
        let k = self.nations.len();
        let n = self.dice.n_periods();
        let mut price = vec![vec![0.0; n]; k];
        let mut mu = vec![vec![0.0; n]; k];
        let mut path = Path::default();
        let mut sens = Sensitivities::default();
        let all_reciprocate = |i: usize| (0..k).all(|j| j == i || stances[j].reciprocates());
        // Damage share of each nation's coalition (its own share for other stances).
        let coalition_share: Vec<f64> = (0..k)
            .map(|i| match stances[i] {
                Stance::Coalition(id) => (0..k)
                    .filter(|&j| stances[j] == Stance::Coalition(id))
                    .map(|j| self.nations[j].damage_share)
                    .sum(),
                _ => self.nations[i].damage_share,
            })
            .collect();
        let mu_of = |i: usize, t: usize, price: &[Vec<f64>]| {
            if t < p0 { prefix[i][t] } else { self.mu_for_price(t, price[i][t]) }
        };
        const MAX_ITER: usize = 1000;
        for iteration in 1..=MAX_ITER {
            for (i, row) in mu.iter_mut().enumerate() {
                for (t, m) in row.iter_mut().enumerate() {
                    *m = mu_of(i, t, &price);
                }
            }
            self.simulate(&mu, &mut path, &mut sens);
            let scc = sens.scc();
            let mut change: f64 = 0.0;
            for i in 0..k {
                let own = self.nations[i].damage_share;
                for t in p0..n {
                    let global = scc[t].max(0.0);
                    let target = match stances[i] {
                        Stance::NonCooperative => own * global,
                        Stance::Cooperative => global,
                        Stance::Coalition(_) => coalition_share[i] * global,
                        Stance::Club => self.club_price[t].max(own * global),
                        Stance::Conditional if all_reciprocate(i) => global,
                        Stance::Conditional => {
                            // Reciprocate in proportion: the global SCC scaled by the share of the
                            // others' emissions that are under reciprocating stances.
                            let (mut reciprocating, mut others) = (0.0, 0.0);
                            for j in (0..k).filter(|&j| j != i) {
                                others += self.nations[j].emissions_share;
                                if stances[j].reciprocates() {
                                    reciprocating += self.nations[j].emissions_share;
                                }
                            }
                            let matched = if others > 0.0 { global * reciprocating / others } else { global };
                            matched.max(own * global)
                        }
                    };
                    change = change.max((target - price[i][t]).abs() / price[i][t].abs().max(1.0));
                    price[i][t] = target;
                }
            }
            if change < 1e-11 {
                let mu: Vec<Vec<f64>> =
                    (0..k).map(|i| (0..n).map(|t| mu_of(i, t, &price)).collect()).collect();
                let mut final_path = Path::default();
                self.simulate(&mu, &mut final_path, &mut sens);
                return Ok(self.assemble(mu, final_path, sens.scc(), iteration));
            }
        }
        Err(crate::Error::NotConverged { run: "climate game", iterations: MAX_ITER })
    }

    /// The same solution as [`ClimateGame::solve_with_prefix`], computed on period aggregates:
    /// every stance prices carbon at a fixed multiple kᵢ of the global social cost (club members
    /// under the club's floor), so μᵢ(t) = min(cap, kᵢ^a·(SCC/p_b)^a) with a = 1/(θ₂ − 1), and
    /// the world's abated share and cost index in a period are prefix sums over the nations
    /// sorted by kᵢ^a, split where the cap and the club floor bind. An iteration costs
    /// O(periods · log nations) instead of O(periods · nations) powers; per-nation paths are
    /// computed only when asked for ([`Equilibrium::mu`]). Agrees with the straightforward solve
    /// to rounding (tested).
    pub fn equilibrium(&self, stances: &[Stance], prefix: &[Vec<f64>]) -> Result<Equilibrium, crate::Error> {
        self.equilibrium_from(stances, prefix, None)
    }

    /// [`ClimateGame::equilibrium`] with the fixed point started from a social-cost path, for
    /// example a neighbouring configuration's [`Equilibrium::scc`]: the same fixed point in fewer
    /// iterations when the configurations differ little (a start of the wrong length is
    /// ignored).
    pub fn equilibrium_from(
        &self,
        stances: &[Stance],
        prefix: &[Vec<f64>],
        start: Option<&[f64]>,
    ) -> Result<Equilibrium, crate::Error> {
        let p0 = self.check_inputs(stances, prefix)?;
        let n = self.dice.n_periods();
        let x = &self.dice.exo;
        let theta2 = self.dice.params.expcost2;
        let a = 1.0 / (theta2 - 1.0);
        let multiplier = self.price_multipliers(stances);
        let c: Vec<f64> = multiplier.iter().map(|k| k.powf(a)).collect();
        let group = |club: bool| SortedGroup::new(&self.nations, stances, &c, club, theta2);
        let (plain, club) = (group(false), group(true));
        // Elapsed periods (and period 1, which the model fixes) have fixed aggregates.
        let fixed = p0.max(1);
        let mut abated = vec![0.0; n];
        let mut cost_index = vec![0.0; n];
        for t in 0..fixed.min(n) {
            for (i, nation) in self.nations.iter().enumerate() {
                let m = if t < p0 { prefix[i][t] } else { self.dice.params.miu0 }.max(0.0);
                abated[t] += nation.emissions_share * m;
                cost_index[t] += nation.emissions_share * m.powf(theta2);
            }
        }
        // The club's floor on the control rate, per period.
        let club_floor: Vec<f64> = (0..n)
            .map(|t| (self.club_price[t].max(0.0) / x.pbacktime[t]).powf(a).min(x.miu_upper[t]))
            .collect();
        let k_max = multiplier.iter().cloned().fold(0.0, f64::max);
        let mut global = vec![0.0; n];
        if let Some(start) = start.filter(|s| s.len() == n) {
            for t in fixed..n {
                global[t] = start[t].max(0.0);
            }
        }
        let mut path = Path::default();
        let mut sens = Sensitivities::default();
        let aggregate = |global: &[f64], abated: &mut [f64], cost_index: &mut [f64]| {
            for t in fixed..n {
                let xa = (global[t] / x.pbacktime[t]).powf(a);
                let cap = x.miu_upper[t];
                let (m1, q1) = plain.aggregate(xa, cap, 0.0, theta2);
                let (m2, q2) = club.aggregate(xa, cap, club_floor[t], theta2);
                abated[t] = m1 + m2;
                cost_index[t] = q1 + q2;
            }
        };
        const MAX_ITER: usize = 1000;
        for iteration in 1..=MAX_ITER {
            aggregate(&global, &mut abated, &mut cost_index);
            self.dice.simulate_aggregate(&abated, &cost_index, &self.saving, &mut path);
            self.dice.adjoint(&abated, &self.saving, &path, &mut sens);
            let scc = sens.scc();
            // The largest relative price change of any nation: a proportional price kᵢ·SCC
            // changes most, relative to max(price, 1), for the largest kᵢ, and a club price
            // max(floor, kᵢ·SCC) changes no more than kᵢ·SCC does.
            let mut change: f64 = 0.0;
            for t in fixed..n {
                let new = scc[t].max(0.0);
                change = change.max(k_max * (new - global[t]).abs() / (k_max * global[t]).abs().max(1.0));
                global[t] = new;
            }
            if change < 1e-11 {
                aggregate(&global, &mut abated, &mut cost_index);
                self.dice.simulate_aggregate(&abated, &cost_index, &self.saving, &mut path);
                self.dice.adjoint(&abated, &self.saving, &path, &mut sens);
                return Ok(Equilibrium {
                    scc: sens.scc(),
                    pricing_scc: global,
                    path,
                    iterations: iteration,
                    multiplier,
                    c_q: c.iter().map(|c| c.powf(theta2)).collect(),
                    c,
                    club: stances.iter().map(|s| *s == Stance::Club).collect(),
                    club_floor,
                    prefix: prefix.to_vec(),
                });
            }
        }
        Err(crate::Error::NotConverged { run: "climate game", iterations: MAX_ITER })
    }

    /// The full outcome of an [`Equilibrium`] (every nation's paths), as
    /// [`ClimateGame::solve_with_prefix`] reports it.
    pub fn outcome_of(&self, eq: &Equilibrium) -> Outcome {
        let k = self.nations.len();
        let n = self.dice.n_periods();
        let mu: Vec<Vec<f64>> = (0..k).map(|i| (0..n).map(|t| eq.mu(self, i, t)).collect()).collect();
        self.assemble(mu, eq.path.clone(), eq.scc.clone(), eq.iterations)
    }

    /// Runs the world model on the nations' abatement aggregates and its adjoint.
    fn simulate(&self, mu: &[Vec<f64>], path: &mut Path, sens: &mut Sensitivities) {
        let n = self.dice.n_periods();
        let theta2 = self.dice.params.expcost2;
        let mut abated = vec![0.0; n];
        let mut cost_index = vec![0.0; n];
        for (nation, m) in self.nations.iter().zip(mu) {
            for t in 0..n {
                let m = m[t].max(0.0);
                abated[t] += nation.emissions_share * m;
                cost_index[t] += nation.emissions_share * m.powf(theta2);
            }
        }
        self.dice.simulate_aggregate(&abated, &cost_index, &self.saving, path);
        self.dice.adjoint(&abated, &self.saving, path, sens);
    }

    fn assemble(&self, mu: Vec<Vec<f64>>, path: Path, scc: Vec<f64>, iterations: usize) -> Outcome {
        let x = &self.dice.exo;
        let theta2 = self.dice.params.expcost2;
        let n = self.dice.n_periods();
        let per_nation = |f: &dyn Fn(&Nation, &[f64], usize) -> f64| -> Vec<Vec<f64>> {
            self.nations.iter().zip(&mu).map(|(nat, m)| (0..n).map(|t| f(nat, m, t)).collect()).collect()
        };
        let carbon_price = per_nation(&|_, m, t| x.pbacktime[t] * m[t].max(0.0).powf(theta2 - 1.0));
        let emissions =
            per_nation(&|nat, m, t| x.sigma[t] * path.ygross[t] * nat.emissions_share * (1.0 - m[t]));
        let damages = per_nation(&|nat, _, t| nat.damage_share * path.damages[t]);
        let abatement_cost = per_nation(&|nat, m, t| {
            path.ygross[t] * x.cost1[t] * nat.emissions_share * m[t].max(0.0).powf(theta2)
        });
        Outcome {
            year: x.year.clone(),
            carbon_price,
            emissions,
            damages,
            abatement_cost,
            scc,
            path,
            iterations,
            mu,
        }
    }
}

/// A solved game kept compact: the world path, the social cost of carbon and what each nation's
/// control rate follows from ([`Equilibrium::mu`]). Made by [`ClimateGame::equilibrium`].
#[derive(Debug, Clone, PartialEq)]
pub struct Equilibrium {
    /// Global social cost of carbon along the final joint path ($/tCO₂).
    pub scc: Vec<f64>,
    /// The (non-negative) social cost of carbon the nations priced carbon by.
    pub pricing_scc: Vec<f64>,
    /// The world path (temperature, carbon, output…).
    pub path: Path,
    /// Fixed-point iterations used.
    pub iterations: usize,
    /// Each nation's price multiplier kᵢ (price = kᵢ·SCC, club members under the floor).
    pub multiplier: Vec<f64>,
    c: Vec<f64>,
    c_q: Vec<f64>,
    club: Vec<bool>,
    club_floor: Vec<f64>,
    prefix: Vec<Vec<f64>>,
}

impl Equilibrium {
    /// Nation `i`'s emissions control rate in period `t` (0-based).
    pub fn mu(&self, game: &ClimateGame, i: usize, t: usize) -> f64 {
        let p0 = self.prefix.first().map_or(0, Vec::len);
        if t < p0 {
            return self.prefix[i][t];
        }
        if t == 0 {
            return game.dice.params.miu0;
        }
        let x = &game.dice.exo;
        let a = 1.0 / (game.dice.params.expcost2 - 1.0);
        let xa = (self.pricing_scc[t] / x.pbacktime[t]).powf(a);
        let m = (self.c[i] * xa).min(x.miu_upper[t]);
        if self.club[i] { m.max(self.club_floor[t]) } else { m }
    }

    /// Every nation's control rate μᵢ and cost-index term μᵢ^θ₂ in period `t` (0-based), written
    /// to `out` in nation order: the same values as [`Equilibrium::mu`], with two powers per
    /// period instead of one or two per nation (μᵢ = cᵢ·x_t factorises, and so does μᵢ^θ₂).
    pub fn period_controls(&self, game: &ClimateGame, t: usize, out: &mut Vec<(f64, f64)>) {
        let theta2 = game.dice.params.expcost2;
        out.clear();
        let p0 = self.prefix_len();
        if t < p0 || t == 0 {
            out.extend((0..self.c.len()).map(|i| {
                let m = self.mu(game, i, t);
                (m, m.max(0.0).powf(theta2))
            }));
            return;
        }
        let x = &game.dice.exo;
        let a = 1.0 / (theta2 - 1.0);
        let xa = (self.pricing_scc[t] / x.pbacktime[t]).powf(a);
        let xq = xa.powf(theta2);
        let cap = x.miu_upper[t];
        let cap_q = cap.powf(theta2);
        let floor = self.club_floor[t];
        let floor_q = floor.powf(theta2);
        out.extend((0..self.c.len()).map(|i| {
            let (m, q) = ((self.c[i] * xa).min(cap), (self.c_q[i] * xq).min(cap_q));
            if self.club[i] { (m.max(floor), q.max(floor_q)) } else { (m, q) }
        }));
    }

    /// Elapsed periods this equilibrium kept from an earlier one.
    pub fn prefix_len(&self) -> usize {
        self.prefix.first().map_or(0, Vec::len)
    }
}

/// Nations of one kind (club members or not) sorted by cᵢ = kᵢ^a, descending, with prefix sums
/// of eᵢ, eᵢ·cᵢ and eᵢ·cᵢ^θ₂, so a period's aggregates need two binary searches.
struct SortedGroup {
    c: Vec<f64>,
    sum_e: Vec<f64>,
    sum_ec: Vec<f64>,
    sum_ecq: Vec<f64>,
}

impl SortedGroup {
    fn new(nations: &[Nation], stances: &[Stance], c: &[f64], club: bool, theta2: f64) -> SortedGroup {
        let mut members: Vec<usize> =
            (0..nations.len()).filter(|&i| (stances[i] == Stance::Club) == club).collect();
        members.sort_by(|&a, &b| c[b].total_cmp(&c[a]).then(a.cmp(&b)));
        let mut g = SortedGroup { c: Vec::new(), sum_e: vec![0.0], sum_ec: vec![0.0], sum_ecq: vec![0.0] };
        for &i in &members {
            let e = nations[i].emissions_share;
            g.c.push(c[i]);
            g.sum_e.push(g.sum_e.last().unwrap() + e);
            g.sum_ec.push(g.sum_ec.last().unwrap() + e * c[i]);
            g.sum_ecq.push(g.sum_ecq.last().unwrap() + e * c[i].powf(theta2));
        }
        g
    }

    /// The group's abated share and cost index, Σ eᵢ·μᵢ and Σ eᵢ·μᵢ^θ₂, when
    /// μᵢ = max(min(cap, cᵢ·xa), floor) (floor ≤ cap).
    fn aggregate(&self, xa: f64, cap: f64, floor: f64, theta2: f64) -> (f64, f64) {
        let floor = floor.min(cap);
        // Nations at the cap: cᵢ·xa ≥ cap; nations on the floor: cᵢ·xa < floor.
        let capped = self.c.partition_point(|&c| c * xa >= cap);
        let interior_end = self.c.partition_point(|&c| c * xa >= floor).max(capped);
        let n = self.c.len();
        let interior_e = self.sum_ec[interior_end] - self.sum_ec[capped];
        let interior_q = self.sum_ecq[interior_end] - self.sum_ecq[capped];
        let floored = self.sum_e[n] - self.sum_e[interior_end];
        let m = cap * self.sum_e[capped] + xa * interior_e + floor * floored;
        let q = cap.powf(theta2) * self.sum_e[capped]
            + xa.powf(theta2) * interior_q
            + floor.powf(theta2) * floored;
        (m, q)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runs;

    fn game(nations: Vec<Nation>) -> ClimateGame {
        ClimateGame::new(Dice::standard(), nations).unwrap()
    }

    /// With n identical nations each counts 1/n of the damages, so the Nash carbon price is the
    /// global social cost of carbon divided by n: exactly at the Nash path's own SCC, and
    /// approximately at the cooperative path's (the Nash world is warmer, so its SCC is a little
    /// higher).
    #[test]
    fn identical_nations_price_carbon_at_the_global_scc_over_n() {
        for n in [2usize, 4, 8] {
            let g = game(Nation::identical(n));
            let nash = g.solve(&vec![Stance::NonCooperative; n]).unwrap();
            let coop = g.solve(&vec![Stance::Cooperative; n]).unwrap();
            for t in [1, 3, 7] {
                let expected = nash.scc[t] / n as f64;
                for i in 0..n {
                    let p = nash.carbon_price[i][t];
                    assert!((p - expected).abs() <= 1e-8 * expected, "n={n} nation {i} period {}", t + 1);
                }
                let ratio = nash.carbon_price[0][t] / (coop.scc[t] / n as f64);
                assert!((ratio - 1.0).abs() < 0.05, "n={n} period {}: ratio {ratio}", t + 1);
            }
        }
    }

    #[test]
    fn cooperation_lowers_warming_relative_to_nash() {
        let g = game(Nation::identical(5));
        let nash = g.solve(&[Stance::NonCooperative; 5]).unwrap();
        let coop = g.solve(&[Stance::Cooperative; 5]).unwrap();
        let (t_nash, t_coop) = (nash.tatm_in(2100).unwrap(), coop.tatm_in(2100).unwrap());
        assert!(t_coop < t_nash - 0.2, "coop {t_coop} vs nash {t_nash}");
        let damages = |o: &Outcome| o.damages.iter().map(|d| d[17]).sum::<f64>();
        assert!(damages(&coop) < damages(&nash));
        let emissions = |o: &Outcome| o.emissions.iter().map(|e| e[5]).sum::<f64>();
        assert!(emissions(&coop) < emissions(&nash));
    }

    /// Conditional cooperators among reciprocators act as cooperators; faced with a free rider
    /// they match the reciprocating share of the others' emissions, and warming lies between the
    /// extremes.
    #[test]
    fn conditional_cooperation_reciprocates_and_matches_effort() {
        let g = game(Nation::identical(4));
        let coop = g.solve(&[Stance::Cooperative; 4]).unwrap();
        let cond = g.solve(&[Stance::Conditional; 4]).unwrap();
        assert_eq!(cond.mu, coop.mu);
        let nash = g.solve(&[Stance::NonCooperative; 4]).unwrap();
        let mixed = g
            .solve(&[Stance::Conditional, Stance::Conditional, Stance::Conditional, Stance::NonCooperative])
            .unwrap();
        let t = |o: &Outcome| o.tatm_in(2100).unwrap();
        assert!(t(&coop) < t(&mixed) && t(&mixed) < t(&nash));
        // Two of each conditional nation's three partners reciprocate: it prices carbon at 2/3 of
        // the global SCC; the free rider at its 1/4 damage share.
        let p = |i: usize| mixed.carbon_price[i][2];
        assert!((p(0) - mixed.scc[2] * 2.0 / 3.0).abs() <= 1e-8 * p(0));
        assert!((p(3) - mixed.scc[2] / 4.0).abs() <= 1e-8 * p(3));
    }

    /// The cooperative game with the optimal run's saving is the optimal run: the fixed point of
    /// "price = global SCC" is the optimiser's first-order condition.
    #[test]
    fn cooperative_game_reproduces_the_optimal_run() {
        let dice = Dice::standard();
        let opt = runs::optimal(&dice).unwrap();
        let g = ClimateGame::with_saving(dice, Nation::identical(3), opt.s.clone()).unwrap();
        let coop = g.solve(&[Stance::Cooperative; 3]).unwrap();
        for t in 0..40 {
            assert!(
                (coop.mu[0][t] - opt.mu[t]).abs() < 1e-5,
                "period {}: {} vs {}",
                t + 1,
                coop.mu[0][t],
                opt.mu[t]
            );
        }
        assert!((coop.path.tatm[17] - opt.path.tatm[17]).abs() < 1e-6);
    }

    /// One nation holding the whole world simulates exactly what the world model does.
    #[test]
    fn single_nation_outcome_equals_the_world_simulation() {
        let dice = Dice::standard();
        let mu: Vec<f64> = (0..100).map(|t| (0.03 + 0.01 * t as f64).min(1.0)).collect();
        let s = vec![dice.params.optlrsav(); 100];
        let world = dice.simulate(&mu, &s).unwrap();
        let g = ClimateGame::new(dice, Nation::identical(1)).unwrap();
        let out = g.outcome(&[mu]).unwrap();
        assert_eq!(out.path, world);
        assert_eq!(out.emissions[0], world.eind);
        assert_eq!(out.damages[0], world.damages);
    }

    /// Shares split emissions, damages and costs: a dirty nation emits more per unit of output.
    #[test]
    fn heterogeneous_nations_split_emissions_by_intensity() {
        let nations =
            Nation::from_levels([("clean", 60.0, 20.0, 50.0), ("dirty", 40.0, 60.0, 50.0)]).unwrap();
        assert!((nations[0].emissions_share - 0.25).abs() < 1e-15);
        assert!((nations[1].output_share - 0.4).abs() < 1e-15);
        let g = game(nations);
        let out = g.solve(&[Stance::NonCooperative, Stance::NonCooperative]).unwrap();
        let total: f64 = out.emissions.iter().map(|e| e[0]).sum();
        assert!((out.emissions[1][0] / total - 0.75).abs() < 1e-12);
        // Equal damage shares → equal Nash prices, whatever the intensities.
        assert!((out.carbon_price[0][3] - out.carbon_price[1][3]).abs() < 1e-9);
    }

    /// A coalition prices carbon at its members' joint damage share; a coalition of everyone is
    /// the cooperative solution and singleton coalitions are the Nash solution.
    #[test]
    fn coalitions_internalise_their_members_damages() {
        let g = game(Nation::identical(4));
        let coop = g.solve(&[Stance::Cooperative; 4]).unwrap();
        let grand = g.solve(&[Stance::Coalition(7); 4]).unwrap();
        for (a, b) in coop.mu.iter().flatten().zip(grand.mu.iter().flatten()) {
            assert!((a - b).abs() < 1e-9);
        }
        let nash = g.solve(&[Stance::NonCooperative; 4]).unwrap();
        let singles = g.solve(&[
            Stance::Coalition(0),
            Stance::Coalition(1),
            Stance::Coalition(2),
            Stance::Coalition(3),
        ]);
        assert_eq!(singles.unwrap().mu, nash.mu);
        let pair = g
            .solve(&[
                Stance::Coalition(1),
                Stance::Coalition(1),
                Stance::NonCooperative,
                Stance::NonCooperative,
            ])
            .unwrap();
        assert!((pair.carbon_price[0][3] - pair.scc[3] / 2.0).abs() <= 1e-8 * pair.scc[3]);
        assert!((pair.carbon_price[2][3] - pair.scc[3] / 4.0).abs() <= 1e-8 * pair.scc[3]);
    }

    /// Club members price carbon at the target price unless their own Nash price is higher;
    /// outsiders stay at theirs.
    #[test]
    fn club_members_apply_the_target_price_floor() {
        let g = game(Nation::identical(4));
        let price = g.constant_club_price(25.0);
        let g = g.with_club_price(price).unwrap();
        let out = g.solve(&[Stance::Club, Stance::Club, Stance::Club, Stance::NonCooperative]).unwrap();
        for t in 1..30 {
            let own = out.scc[t] / 4.0;
            let expected = 25.0f64.max(own);
            let mu_bound = g.dice().exo.miu_upper[t];
            if out.mu[0][t] < mu_bound - 1e-12 {
                assert!((out.carbon_price[0][t] - expected).abs() <= 1e-8 * expected, "period {}", t + 1);
            }
            assert!((out.carbon_price[3][t] - own).abs() <= 1e-8 * own.max(1.0), "period {}", t + 1);
        }
        assert!(out.tatm_in(2100) < g.solve(&[Stance::NonCooperative; 4]).unwrap().tatm_in(2100));
        let bad = game(Nation::identical(2)).with_club_price(vec![-1.0; 100]).unwrap_err();
        assert!(bad.to_string().contains("club_price"), "{bad}");
    }

    /// Twelve unequal nations under every kind of stance, with a club floor that binds for some
    /// members, and the cap reached late in the horizon.
    fn mixed_game() -> (ClimateGame, Vec<Stance>) {
        let levels: Vec<(String, f64, f64, f64)> = (0..12)
            .map(|i| {
                let y = 1.0 + (i * 7 % 5) as f64;
                (format!("n{i}"), y, y * (0.5 + (i % 4) as f64 * 0.6), y * (1.0 + (i % 3) as f64 * 0.3))
            })
            .collect();
        let g = game(Nation::from_levels(levels).unwrap());
        let g = g.clone().with_club_price(g.constant_club_price(40.0)).unwrap();
        let stances = vec![
            Stance::NonCooperative,
            Stance::Cooperative,
            Stance::Conditional,
            Stance::Coalition(3),
            Stance::Club,
            Stance::Coalition(3),
            Stance::Club,
            Stance::NonCooperative,
            Stance::Conditional,
            Stance::Club,
            Stance::Coalition(9),
            Stance::NonCooperative,
        ];
        (g, stances)
    }

    fn assert_same(fast: &Outcome, slow: &Outcome, what: &str) {
        for (i, (a, b)) in fast.mu.iter().zip(&slow.mu).enumerate() {
            for (t, (x, y)) in a.iter().zip(b).enumerate() {
                assert!((x - y).abs() <= 1e-9, "{what}: nation {i} period {}: {x} vs {y}", t + 1);
            }
        }
        for t in 0..60 {
            let (x, y) = (fast.path.tatm[t], slow.path.tatm[t]);
            assert!((x - y).abs() <= 1e-9, "{what}: temperature in period {}: {x} vs {y}", t + 1);
            let (x, y) = (fast.scc[t], slow.scc[t]);
            assert!((x - y).abs() <= 1e-8 * y.abs().max(1.0), "{what}: SCC in period {}: {x} vs {y}", t + 1);
        }
    }

    /// The aggregate solve gives the straightforward solve's outcome for every stance mix, with
    /// and without elapsed periods.
    #[test]
    fn equilibrium_equals_the_straightforward_solve() {
        let (g, stances) = mixed_game();
        let slow = g.solve(&stances).unwrap();
        let fast = g.outcome_of(&g.equilibrium(&stances, &[]).unwrap());
        assert_same(&fast, &slow, "mixed stances");
        // The club floor binds for some members and not for others in some period.
        let club_members = [4usize, 6, 9];
        assert!(club_members.iter().any(|&i| (slow.carbon_price[i][5] - 40.0).abs() < 1e-9));
        for all in [Stance::NonCooperative, Stance::Cooperative, Stance::Conditional] {
            let s = vec![all; 12];
            assert_same(&g.outcome_of(&g.equilibrium(&s, &[]).unwrap()), &g.solve(&s).unwrap(), "uniform");
        }
        // Elapsed periods: the Nash path's first three periods, then the mixed stances.
        let nash = g.solve(&[Stance::NonCooperative; 12]).unwrap();
        let prefix: Vec<Vec<f64>> = nash.mu.iter().map(|m| m[..3].to_vec()).collect();
        let slow = g.solve_with_prefix(&stances, &prefix).unwrap();
        let eq = g.equilibrium(&stances, &prefix).unwrap();
        assert_eq!(eq.prefix_len(), 3);
        assert_same(&g.outcome_of(&eq), &slow, "with a prefix");
        for (kept, given) in slow.mu.iter().zip(&prefix) {
            assert_eq!(&kept[..3], &given[..], "elapsed periods are kept");
        }
        // Keeping the Nash start warms more than switching from the start.
        assert!(slow.tatm_in(2100).unwrap() > g.solve(&stances).unwrap().tatm_in(2100).unwrap());
        let err = g.equilibrium(&stances, &prefix[..4]).unwrap_err();
        assert!(err.to_string().contains("prefix"), "{err}");
    }

    /// A warm start reaches the same fixed point in fewer iterations, and the per-period
    /// controls are the per-nation ones.
    #[test]
    fn warm_started_equilibrium_and_period_controls_agree() {
        let (g, stances) = mixed_game();
        let cold = g.equilibrium(&stances, &[]).unwrap();
        let mut neighbour = stances.clone();
        neighbour[0] = Stance::Cooperative;
        let near = g.equilibrium(&neighbour, &[]).unwrap();
        let warm = g.equilibrium_from(&stances, &[], Some(&near.scc)).unwrap();
        assert!(warm.iterations < cold.iterations, "{} vs {}", warm.iterations, cold.iterations);
        assert_same(&g.outcome_of(&warm), &g.outcome_of(&cold), "warm start");
        let theta2 = g.dice().params.expcost2;
        let mut controls = Vec::new();
        for t in [0, 1, 5, 40, 99] {
            cold.period_controls(&g, t, &mut controls);
            assert_eq!(controls.len(), 12);
            for (i, (m, q)) in controls.iter().enumerate() {
                let expected = cold.mu(&g, i, t);
                assert!((m - expected).abs() <= 1e-14, "nation {i} period {}", t + 1);
                assert!(
                    (q - expected.powf(theta2)).abs() <= 1e-12 * expected.max(1e-3),
                    "nation {i} period {}",
                    t + 1
                );
            }
        }
    }

    #[test]
    fn invalid_nations_are_rejected_with_the_field_named() {
        let bad = vec![Nation::new("a", 0.5, 0.5, 0.5), Nation::new("b", 0.5, 0.5, 0.6)];
        let err = ClimateGame::new(Dice::standard(), bad).unwrap_err();
        assert!(err.to_string().contains("`damage_share` shares sum to 1.1"), "{err}");
        let err = Nation::from_levels([("a", -1.0, 1.0, 1.0)]).unwrap_err();
        assert!(err.to_string().contains("`output` is -1"), "{err}");
        let g = game(Nation::identical(2));
        assert!(g.solve(&[Stance::Cooperative]).is_err());
    }
}
